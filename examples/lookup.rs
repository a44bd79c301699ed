//! Prints everything the crate knows about codes, for people (or as JSON with `--json`): the HCPCS
//! Level II record, the fee-schedule rows per modifier, the MUE, and the add-on code relations.
//!
//! ```text
//! cargo run --example lookup -- Q2057
//! cargo run --example lookup -- --json Q2057 TC
//! cargo run --example lookup -- --as-of 2025-12-15 Q2057   # the release in force on that date
//! cargo run --example lookup -- --history Q2057            # every version across releases
//! cargo run --example lookup -- --diff 2025-10 2026-01     # what changed between two releases
//! ```
//! An unknown or malformed code prints a one-line reason and the program exits with status 1.

mod common;

use std::fmt::Display;
use std::process::ExitCode;

use chrono::NaiveDate;
use hcpcs::fee_schedule::{ApmStatus, FeeScheduleRow, Setting};
use hcpcs::{add_on, fee_schedule, mue, opps, Code, HcpcsCode, LookupError, Record};

fn list<T: Display>(items: impl Iterator<Item = T>) -> Vec<String> {
    items.map(|v| v.to_string()).collect()
}

/// One line: `label: CODE description`, or `label: (none)`.
fn coded<T: Display>(label: &str, v: Option<(T, &str)>) {
    match v {
        Some((c, d)) => println!("  {label:<32} {c}  {d}"),
        None => println!("  {label:<32} -"),
    }
}

fn many<T: Display>(label: &str, v: impl Iterator<Item = (T, &'static str)>) {
    let v: Vec<_> = v.collect();
    if v.is_empty() {
        println!("  {label:<32} -");
    }
    for (i, (c, d)) in v.iter().enumerate() {
        println!("  {:<32} {c}  {d}", if i == 0 { label } else { "" });
    }
}

fn plain<T: Display>(label: &str, v: Option<T>) {
    match v {
        Some(v) => println!("  {label:<32} {v}"),
        None => println!("  {label:<32} -"),
    }
}

fn print(r: &'static Record) {
    let kind = match r.kind() {
        hcpcs::RecordKind::Procedure => "procedure",
        hcpcs::RecordKind::Modifier => "modifier",
    };
    match r.kind() {
        hcpcs::RecordKind::Procedure => println!("{} ({kind}, {})", r.code(), r.code().shape()),
        hcpcs::RecordKind::Modifier => println!("{} ({kind})", r.code()),
    }
    match r.long_description() {
        Some(d) => println!("  {d}"),
        None => println!("  (description not embedded: CPT/CDT text is copyrighted)"),
    }
    plain("short description", r.short_description());
    many(
        "pricing indicator",
        r.pricing_indicators().map(|p| (p, p.description())),
    );
    coded(
        "multiple pricing indicator",
        r.multiple_pricing_indicator().map(|p| (p, p.description())),
    );
    coded("coverage", Some((r.coverage(), r.coverage().description())));
    coded(
        "ASC payment group",
        r.asc_group().map(|g| (g, g.description())),
    );
    plain("ASC effective date", r.asc_effective_date());
    coded(
        "OPPS payment group",
        r.opps_group().map(|g| (g, g.description())),
    );
    coded(
        "OPPS payment policy indicator",
        r.opps_payment_policy_indicator()
            .map(|p| (p, p.description())),
    );
    plain("OPPS effective date", r.opps_effective_date());
    coded("BETOS", r.betos().map(|b| (b, b.description())));
    plain("BETOS category", r.betos().map(|b| b.category()));
    many(
        "type of service",
        r.types_of_service().map(|t| (t, t.description())),
    );
    many(
        "lab certification",
        r.lab_certifications().map(|l| (l, l.description())),
    );
    plain("anesthesia base units", r.anesthesia_base_units());
    plain(
        "coverage issues manual",
        Some(list(r.cim_references()).join(", ")).filter(|s| !s.is_empty()),
    );
    plain(
        "carriers manual",
        Some(list(r.mcm_references()).join(", ")).filter(|s| !s.is_empty()),
    );
    plain("statute", r.statute());
    plain(
        "cross references",
        Some(list(r.cross_references()).join(", ")).filter(|s| !s.is_empty()),
    );
    plain("processing note", r.processing_note());
    plain(
        "not otherwise classified (NOC)",
        Some(if r.is_noc() { "yes" } else { "no" }),
    );
    plain("added", Some(r.added()));
    coded("action", Some((r.action(), r.action().description())));
    plain("action effective", Some(r.action_effective()));
    plain("terminated", r.terminated());
}

/// The OPPS entry in force: the newest quarter, or the one of `date`'s quarter.
fn opps_entry(c: HcpcsCode, date: Option<NaiveDate>) -> Result<Option<opps::OppsEntry>, String> {
    match date {
        None => opps::get(c).map_err(|e| e.to_string()),
        Some(d) => opps::on(c, d).map_err(|e| e.to_string()),
    }
}

fn print_opps(c: HcpcsCode, date: Option<NaiveDate>) {
    match opps_entry(c, date) {
        Ok(Some(e)) => {
            let si = e.status_indicator();
            println!(
                "  OPPS ({}, quarter {}): status indicator {}  {}",
                e.release().source_file(),
                e.release().name(),
                si,
                si.description()
                    .unwrap_or("(no CMS wording found for this indicator)")
            );
            println!(
                "  {:<32} {:?}; payment rate {}",
                "OPPS payment",
                si.payment(),
                e.payment_rate()
                    .map_or("none".to_string(), |r| format!("${r}"))
            );
        }
        Ok(None) => println!("  OPPS ({}): no Addendum B row", opps::release().name()),
        Err(e) => println!("  OPPS: {e}"),
    }
}

/// The fee-schedule release and rows in force: the current release, or the one of `date`'s quarter.
fn fee_rows(
    c: HcpcsCode,
    date: Option<NaiveDate>,
) -> Result<(hcpcs::Dataset, &'static [FeeScheduleRow]), fee_schedule::FeeScheduleError> {
    match date {
        None => Ok((fee_schedule::release(), fee_schedule::rows(c)?)),
        Some(d) => Ok((fee_schedule::release_on(d)?, fee_schedule::rows_on(c, d)?)),
    }
}

/// The national amount of a row for a setting and APM status, or why there is none.
fn amount(
    r: &FeeScheduleRow,
    rel: hcpcs::Dataset,
    setting: Setting,
    apm: ApmStatus,
) -> Result<String, String> {
    fee_schedule::national_payment(r.code(), r.modifier(), rel.effective(), setting, apm)
        .map(|p| p.amount.to_string())
        .map_err(|e| e.to_string())
}

fn print_payment(r: &FeeScheduleRow, rel: hcpcs::Dataset) {
    for (label, setting) in [
        ("non-facility", Setting::NonFacility),
        ("facility", Setting::Facility),
    ] {
        let line = match (
            amount(r, rel, setting, ApmStatus::NotQualifying),
            amount(r, rel, setting, ApmStatus::QualifyingParticipant),
        ) {
            (Ok(a), Ok(q)) => format!("${a} (qualifying APM participant ${q})"),
            (Ok(a), Err(_)) => format!("${a}"),
            (Err(e), _) => format!("none: {e}"),
        };
        println!("  {:<32} {line}", format!("national payment, {label}"));
    }
}

fn print_datasets(c: HcpcsCode, date: Option<NaiveDate>) {
    let (rel, rows) = match fee_rows(c, date) {
        Ok(v) => v,
        Err(e) => {
            println!("  fee schedule: {e}");
            (fee_schedule::release(), &[][..])
        }
    };
    if rows.is_empty() {
        println!(
            "  fee schedule {} ({}): no row",
            rel.name(),
            rel.source_file()
        );
    }
    for r in rows {
        let m = r
            .modifier()
            .map_or("global".to_string(), |m| format!("modifier {m}"));
        println!(
            "  fee schedule {} ({}), {m}:",
            rel.name(),
            rel.source_file()
        );
        coded("status", Some((r.status(), r.status().description())));
        plain(
            "not used for Medicare payment",
            Some(r.not_used_for_medicare_payment()),
        );
        println!(
            "  {:<32} work {}  PE non-facility {}{}  PE facility {}{}  MP {}",
            "RVUs",
            r.work_rvu(),
            r.non_facility_pe_rvu(),
            if r.non_facility_na() { " (NA)" } else { "" },
            r.facility_pe_rvu(),
            if r.facility_na() { " (NA)" } else { "" },
            r.malpractice_rvu()
        );
        println!(
            "  {:<32} non-facility {}  facility {}",
            "total RVUs",
            r.non_facility_total(),
            r.facility_total()
        );
        plain("conversion factor", Some(r.conversion_factor()));
        coded("PC/TC indicator", Some((r.pctc(), r.pctc().description())));
        coded(
            "global days",
            Some((r.global_days(), r.global_days().description())),
        );
        println!(
            "  {:<32} pre {}  intra {}  post {}",
            "global package split",
            r.pre_op(),
            r.intra_op(),
            r.post_op()
        );
        coded(
            "multiple procedure",
            Some((r.multiple_procedure(), r.multiple_procedure().description())),
        );
        coded(
            "bilateral surgery",
            Some((r.bilateral_surgery(), r.bilateral_surgery().description())),
        );
        coded(
            "assistant at surgery",
            Some((
                r.assistant_at_surgery(),
                r.assistant_at_surgery().description(),
            )),
        );
        coded(
            "co-surgeons",
            Some((r.co_surgeons(), r.co_surgeons().description())),
        );
        coded(
            "team surgery",
            Some((r.team_surgery(), r.team_surgery().description())),
        );
        plain(
            "pricing indicator (PRIC IND)",
            r.pricing_indicator()
                .map(|p| format!("{p}  (meaning not documented in any source found)")),
        );
        plain("endoscopic base code", r.endoscopic_base());
        coded(
            "physician supervision",
            Some((
                r.physician_supervision(),
                r.physician_supervision().description(),
            )),
        );
        plain("calculation flag", Some(r.calculation_flag()));
        coded(
            "diagnostic imaging family",
            Some((r.imaging_family(), r.imaging_family().description())),
        );
        println!(
            "  {:<32} PE non-facility {}  PE facility {}  MP {}",
            "used for OPPS payment amount",
            r.opps_non_facility_pe(),
            r.opps_facility_pe(),
            r.opps_malpractice()
        );
        print_payment(r, rel);
    }
    print_opps(c, date);
    if date.is_some() {
        println!("  (MUE and add-on edits: only their current releases are compiled)\n");
        return;
    }
    match mue::get(c) {
        Ok(Some(m)) => println!(
            "  MUE ({}): {} unit(s); {} {}; rationale: {}",
            mue::release().source_file(),
            m.value(),
            m.adjudication(),
            m.adjudication().description(),
            m.rationale()
        ),
        Ok(None) => println!("  MUE ({}): none", mue::release().source_file()),
        Err(e) => println!("  MUE ({}): {e}", mue::release().source_file()),
    }
    let edit = |e: &add_on::AddOnEdit, other: String| {
        println!(
            "    {other:<8} type {} ({}), effective {}{}{}",
            e.edit_type(),
            e.edit_type().description(),
            e.effective(),
            e.deleted()
                .map_or(String::new(), |d| format!(", deleted {d}")),
            e.note().map_or(String::new(), |n| format!("; {n}"))
        )
    };
    let not_carried = |n: usize| {
        if n > 0 {
            println!("    and {n} relation(s) with CPT or CDT codes, which this build does not carry (feature cpt)");
        }
    };
    match add_on::primaries_of(c) {
        Ok(primaries) if !primaries.is_empty() || !primaries.is_complete() => {
            println!("  add-on code of {} primary code(s):", primaries.len());
            for e in primaries.iter() {
                edit(
                    e,
                    e.primary()
                        .map_or("CCCCC (contractor defined)".into(), |p| p.to_string()),
                );
            }
            not_carried(primaries.not_carried());
        }
        Ok(_) => {}
        Err(e) => println!("  add-on code edits: {e}"),
    }
    if let Ok(add_ons) = add_on::add_ons_of(c) {
        if !add_ons.is_empty() || !add_ons.is_complete() {
            println!("  primary code of {} add-on code(s):", add_ons.len());
            for e in add_ons.iter() {
                edit(e, e.add_on().to_string());
            }
            not_carried(add_ons.not_carried());
        }
    }
    println!();
}

/// Everything about one code as a JSON object: the Level II record's keys (README.md), and
/// `fee_schedule`, `mue`, `add_on_primaries`, `add_ons`.
fn to_json(code: Code, r: Option<&'static Record>, date: Option<NaiveDate>) -> serde_json::Value {
    let mut v = match r {
        Some(r) => serde_json::to_value(r).unwrap_or_default(),
        None => serde_json::json!({ "code": code.to_string(), "kind": null }),
    };
    if let (Code::Procedure(c), Some(o)) = (code, v.as_object_mut()) {
        o.insert("shape".into(), code.shape().name().into());
        o.insert("fee_schedule".into(), fee_json(c, date));
        let error = |e: hcpcs::LookupError| serde_json::json!({ "error": e.to_string() });
        o.insert(
            "mue".into(),
            match mue::get(c) {
                Ok(m) => serde_json::to_value(m).unwrap_or_default(),
                Err(e) => error(e),
            },
        );
        o.insert(
            "opps".into(),
            match opps_entry(c, date) {
                Ok(e) => serde_json::to_value(e).unwrap_or_default(),
                Err(e) => serde_json::json!({ "error": e }),
            },
        );
        for (key, relations) in [
            ("add_on_primaries", add_on::primaries_of(c)),
            ("add_ons", add_on::add_ons_of(c)),
        ] {
            let (list, missing) = match relations {
                Ok(r) => (
                    serde_json::to_value(r.iter().collect::<Vec<_>>()).unwrap_or_default(),
                    serde_json::Value::from(r.not_carried()),
                ),
                Err(e) => (error(e), serde_json::Value::Null),
            };
            o.insert(key.into(), list);
            o.insert(format!("{key}_not_carried"), missing);
        }
    }
    v
}

/// The fee-schedule rows in force, each with `release` and `payment` (README.md's contract), or
/// `{"error": "…"}` when no compiled release is in force on the date.
fn fee_json(c: HcpcsCode, date: Option<NaiveDate>) -> serde_json::Value {
    let (rel, rows) = match fee_rows(c, date) {
        Ok(v) => v,
        Err(e) => return serde_json::json!({ "error": e.to_string() }),
    };
    let one = |r: &FeeScheduleRow, s, a| amount(r, rel, s, a).ok();
    rows.iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("release".into(), rel.name().into());
                o.insert(
                    "payment".into(),
                    serde_json::json!({
                        "non_facility": {
                            "not_qualifying": one(r, Setting::NonFacility, ApmStatus::NotQualifying),
                            "qualifying_apm": one(r, Setting::NonFacility, ApmStatus::QualifyingParticipant),
                        },
                        "facility": {
                            "not_qualifying": one(r, Setting::Facility, ApmStatus::NotQualifying),
                            "qualifying_apm": one(r, Setting::Facility, ApmStatus::QualifyingParticipant),
                        },
                    }),
                );
            }
            v
        })
        .collect()
}

/// `--search WORDS [--json]`: the best matches of a description search, best first.
fn search(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let query: Vec<&str> = args
        .iter()
        .filter(|a| *a != "--json")
        .map(String::as_str)
        .collect();
    let hits = hcpcs::search::search_with(
        &query.join(" "),
        &hcpcs::search::SearchOptions {
            limit: 20,
            ..Default::default()
        },
    );
    if json {
        let list: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let r = h.record();
                serde_json::json!({
                    "code": r.code().to_string(),
                    "short_description": r.short_description(),
                    "long_description": r.long_description(),
                    "terminated": r.terminated(),
                    "score": h.score(),
                })
            })
            .collect();
        println!("{}", serde_json::Value::from(list));
        return ExitCode::SUCCESS;
    }
    if hits.is_empty() {
        eprintln!("no code matches every word of {:?}", query.join(" "));
        return ExitCode::FAILURE;
    }
    for h in hits.iter() {
        let r = h.record();
        println!(
            "{:<5}  {:<28}  {:>6.2}{}",
            r.code().to_string(),
            r.short_description().unwrap_or(""),
            h.score(),
            r.terminated()
                .map_or(String::new(), |t| format!("  (terminated {t})"))
        );
    }
    ExitCode::SUCCESS
}

/// `--releases`: one line per compiled HCPCS release, then the quarters between them that are not
/// compiled.
fn releases() -> ExitCode {
    for r in hcpcs::releases() {
        println!(
            "{}  in force {} to {}  {:<32} {:>5} procedures {:>4} modifiers{}",
            r.name(),
            r.effective(),
            r.in_force_until(),
            r.source_file(),
            r.procedure_count(),
            r.modifier_count(),
            r.revised()
                .map_or(String::new(), |d| format!("  (CMS revision {d})"))
        );
    }
    let gaps: Vec<String> = hcpcs::history::missing_quarters()
        .iter()
        .map(|q| q.format("%Y-%m").to_string())
        .collect();
    println!("not compiled: {}", gaps.join(", "));
    println!(
        "after {}: not compiled (a date there is an error, not the newest release)",
        hcpcs::release().in_force_until()
    );
    ExitCode::SUCCESS
}

/// `--history CODE`: every version of the code's record, with the releases that have it.
fn history(code: &str) -> ExitCode {
    let c = match code.parse::<Code>() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{code:?}: malformed code: {e}");
            return ExitCode::FAILURE;
        }
    };
    let versions = hcpcs::history::history(c).unwrap_or_default();
    if versions.is_empty() {
        eprintln!("{c}: in no compiled HCPCS release");
        return ExitCode::FAILURE;
    }
    let mut previous: Option<&Record> = None;
    for v in versions {
        let names: Vec<String> = v.releases.iter().map(|r| r.name()).collect();
        println!("== {c} as in {}", names.join(", "));
        if let Some(p) = previous {
            let fields: Vec<String> = hcpcs::history::changed_fields(p, v.record)
                .iter()
                .map(|f| format!("{f:?}"))
                .collect();
            println!("  changed since the version above: {}", fields.join(", "));
        }
        print(v.record);
        println!();
        previous = Some(v.record);
    }
    ExitCode::SUCCESS
}

/// `--diff FROM TO`: the codes added, removed, discontinued and changed, with the fields.
fn diff(from: &str, to: &str) -> ExitCode {
    use hcpcs::history::Change;
    let (a, b) = match (
        hcpcs::history::release_named(from),
        hcpcs::history::release_named(to),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let changes = hcpcs::history::diff(a, b);
    let count = |f: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    println!(
        "{} -> {}: {} codes differ",
        a.release(),
        b.release(),
        changes.len()
    );
    println!(
        "  added:        {}",
        count(&|c| matches!(c, Change::Added(_)))
    );
    println!(
        "  removed:      {}",
        count(&|c| matches!(c, Change::Removed(_)))
    );
    println!("  discontinued: {}", count(&|c| c.is_discontinued()));
    let mut by_field = std::collections::BTreeMap::new();
    for c in &changes {
        if let Change::Changed { fields, .. } = c {
            for f in fields {
                *by_field.entry(*f).or_insert(0) += 1;
            }
        }
    }
    println!("  changed, by field:");
    for (f, n) in by_field {
        println!("    {:<28} {n}", format!("{f:?}"));
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    common::quiet_on_closed_pipe();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: lookup [--json] [--as-of YYYY-MM-DD] CODE... | --history CODE | --diff YYYY-MM YYYY-MM | --releases | --search WORDS [--json]");
        ExitCode::from(2)
    };
    match args.first().map(String::as_str) {
        Some("--releases") if args.len() == 1 => return releases(),
        Some("--search") if args.len() >= 2 => return search(&args[1..]),
        Some("--history") if args.len() == 2 => return history(&args[1]),
        Some("--diff") if args.len() == 3 => return diff(&args[1], &args[2]),
        Some("--history" | "--diff") => return usage(),
        _ => {}
    }
    let mut view = None;
    let mut as_of = None;
    if let Some(i) = args.iter().position(|a| a == "--as-of") {
        let Some(d) = args
            .get(i + 1)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        else {
            return usage();
        };
        as_of = Some(d);
        match hcpcs::history::as_of(d) {
            Ok(v) => view = Some(v),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
        args.drain(i..i + 2);
    }
    let json = args.iter().any(|a| a == "--json");
    let codes: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if codes.is_empty() {
        return usage();
    }
    let release = view.map_or_else(hcpcs::release, |v| v.release());
    if !json {
        println!(
            "HCPCS release {} ({})\n",
            release.name(),
            release.source_file()
        );
    }
    let mut failed = false;
    for c in codes {
        let looked_up = match view {
            Some(v) => match c.parse::<Code>() {
                Ok(code) => v.record(code).ok_or(LookupError::NotInSet {
                    code,
                    shape: code.shape(),
                }),
                Err(e) => Err(LookupError::Malformed(e)),
            },
            None => hcpcs::lookup(c),
        };
        let (code, record) = match looked_up {
            Ok(r) => (r.code(), Some(r)),
            Err(LookupError::NotInSet { code, .. }) => (code, None),
            Err(e) => {
                eprintln!("{c:?}: {e}");
                failed = true;
                continue;
            }
        };
        let p = match code {
            Code::Procedure(p) => Some(p),
            Code::Modifier(_) => None,
        };
        // Every dataset counts: a code the add-on table alone names (G0275) is printed too.
        let in_datasets = |p: HcpcsCode| {
            fee_schedule::rows(p).is_ok_and(|r| !r.is_empty())
                || mue::get(p).is_ok_and(|m| m.is_some())
                || [add_on::primaries_of(p), add_on::add_ons_of(p)]
                    .iter()
                    .any(|r| r.is_ok_and(|r| !r.is_empty() || !r.is_complete()))
        };
        let has_data = record.is_some() || p.is_some_and(in_datasets);
        if !has_data {
            if code.shape() == hcpcs::CodeShape::CptModifier {
                eprintln!(
                    "{code}: a well-formed CPT (Level I) modifier: its number is valid CPT shape; its descriptor is AMA text, which neither the HCPCS Level II file nor this crate carries"
                );
            } else if !code.shape().is_level2() && !hcpcs::has_cpt_rows() {
                eprintln!(
                    "{code}: a well-formed {}; its fee-schedule, MUE and add-on data need the `cpt` feature (enable only under an AMA CPT licence, and an ADA licence for CDT)",
                    code.shape()
                );
            } else {
                eprintln!(
                    "{code}: a well-formed {} that is in none of the compiled CMS datasets",
                    code.shape()
                );
            }
            failed = true;
            continue;
        }
        if json {
            println!("{}", to_json(code, record, as_of));
            continue;
        }
        match record {
            Some(r) => print(r),
            None => println!("{code} ({}; not in the HCPCS Level II file)", code.shape()),
        }
        if let Some(p) = p {
            print_datasets(p, as_of);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
