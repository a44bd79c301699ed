//! Prints HCPCS records for people (or as JSON with `--json`).
//!
//! ```text
//! cargo run --example lookup -- Q2057
//! cargo run --example lookup -- --json Q2057 TC
//! ```
//! An unknown or malformed code prints a one-line reason and the program exits with status 1.

use std::fmt::Display;
use std::process::ExitCode;

use hcpcs::{LookupError, Record};

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
    println!();
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let codes: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if codes.is_empty() {
        eprintln!("usage: lookup [--json] CODE...");
        return ExitCode::from(2);
    }
    let release = hcpcs::release();
    if !json {
        println!(
            "HCPCS release {} ({})\n",
            release.name(),
            release.source_file()
        );
    }
    let mut failed = false;
    for c in codes {
        match hcpcs::lookup(c) {
            Ok(r) if json => match serde_json::to_string(r) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("{c}: {e}");
                    failed = true;
                }
            },
            Ok(r) => print(r),
            Err(e @ LookupError::NotInSet { .. }) => {
                eprintln!("{}: {e}", c.trim());
                failed = true;
            }
            Err(e) => {
                eprintln!("{c:?}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
