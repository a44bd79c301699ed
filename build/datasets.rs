//! The fee-schedule, MUE and add-on code tables (part of build.rs).
//!
//! Each dataset: find its file (environment variable, or the newest folder of its directory), parse and
//! check it with `hcpcs_core::source`, keep only public-domain rows unless the `cpt` feature is on, and
//! emit fixed-width byte records plus `phf` indexes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hcpcs_core::code::{CodeShape, HcpcsCode};
use hcpcs_core::fee::Decimal;
use hcpcs_core::packed::{self as pk, aoc as pa, fee as pf};
use hcpcs_core::source::{self, aoc, mue, pfs};

type BoxError = Box<dyn std::error::Error>;

/// Whether a code's rows may be compiled: Level II always; CPT and CDT only with the `cpt` feature.
fn allowed(code: HcpcsCode, cpt: bool) -> bool {
    cpt || code.shape() == CodeShape::LevelII
}

/// The file an environment variable names, or the newest folder of `data/<dir>` with a matching file.
fn locate(
    var: &str,
    data: &Path,
    dir: &str,
    matches: fn(&str) -> bool,
) -> Result<PathBuf, BoxError> {
    if let Some(p) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let root = data.join(dir);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e} (set {var} or HCPCS_DATA_DIR)", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs.iter().rev() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(d)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().is_some_and(|n| matches(&n.to_string_lossy())))
            .collect();
        found.sort();
        if let Some(p) = found.pop() {
            return Ok(p);
        }
    }
    Err(format!(
        "no matching file in any folder of {} (set {var})",
        root.display()
    )
    .into())
}

/// A dataset's effective date: from the file name where CMS puts it, else from a `YYYY-MM` folder name.
fn effective(path: &Path, from_name: fn(&str) -> Option<NaiveDate>) -> Result<NaiveDate, BoxError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(d) = from_name(&name) {
        return Ok(d);
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    NaiveDate::parse_from_str(&format!("{folder}-01"), "%Y-%m-%d").map_err(|_| {
        format!(
            "{}: cannot tell the effective date from the file or folder name",
            path.display()
        )
        .into()
    })
}

fn month(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    MONTHS
        .iter()
        .position(|m| s.eq_ignore_ascii_case(m))
        .map(|i| i as u32 + 1)
}

/// `PPRRVU25_JAN.csv` → 2025-01-01.
fn pfs_date(n: &str) -> Option<NaiveDate> {
    let rest = n.to_uppercase();
    let rest = rest.strip_prefix("PPRRVU")?;
    let yy: i32 = rest.get(..2)?.parse().ok()?;
    NaiveDate::from_ymd_opt(2000 + yy, month(rest.get(3..6)?)?, 1)
}

/// `MCR_MUE_PractitionerServices_Eff_04-01-2026.csv` → 2026-04-01.
fn mue_date(n: &str) -> Option<NaiveDate> {
    let i = n.find("_Eff_")? + 5;
    NaiveDate::parse_from_str(n.get(i..i + 10)?, "%m-%d-%Y").ok()
}

/// `AOC_V2026Q2-MCR.xlsx` → 2026-04-01.
fn aoc_date(n: &str) -> Option<NaiveDate> {
    let i = n.find("_V")? + 2;
    let y: i32 = n.get(i..i + 4)?.parse().ok()?;
    let q: u32 = n.get(i + 5..i + 6)?.parse().ok()?;
    (n.get(i + 4..i + 5)? == "Q" && (1..=4).contains(&q)).then_some(())?;
    NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)
}

fn units(d: Decimal) -> u32 {
    d.units() as i32 as u32
}

fn release(out: &mut String, name: &str, path: &Path, date: NaiveDate, rows: usize) {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let _ = writeln!(
        out,
        "pub(crate) static {name}: crate::datasets::Dataset = crate::datasets::Dataset {{ source_file: {file:?}, source_path: {:?}, effective: {}, rows: {rows} }};",
        abs.display().to_string(),
        pk::encode_date(Some(date))
    );
}

/// A phf map from packed code to `start << 32 | count` over runs of equal keys in `keys`.
fn runs(out: &mut String, name: &str, keys: impl Iterator<Item = u32>) {
    let mut spans: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (i, k) in keys.enumerate() {
        let e = spans.entry(k).or_insert((i, 0));
        e.1 += 1;
    }
    let mut map = phf_codegen::Map::<u32>::new();
    for (k, (start, count)) in &spans {
        map.entry(*k, format!("{}", ((*start as u64) << 32) | *count as u64));
    }
    let _ = writeln!(
        out,
        "pub(crate) static {name}: phf::Map<u32, u64> = {};\n",
        map.build()
    );
}

pub fn generate(out: &mut String, data: &Path, cpt: bool) -> Result<(), BoxError> {
    let pfs_path = locate("HCPCS_PFS_FILE", data, "pfs-rvu", |n| {
        n.to_uppercase().starts_with("PPRRVU") && n.to_lowercase().ends_with(".csv")
    })?;
    let mue_path = locate("HCPCS_MUE_FILE", data, "ncci-mue", |n| {
        n.contains("MUE") && n.to_lowercase().ends_with(".csv")
    })?;
    let aoc_path = locate("HCPCS_AOC_FILE", data, "ncci-aoc", |n| {
        n.starts_with("AOC_") && n.to_lowercase().ends_with(".xlsx")
    })?;
    for p in [&pfs_path, &mue_path, &aoc_path] {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let name = |p: &Path| p.display().to_string();
    out.push_str("\n// ---- fee schedule, MUE, add-on code edits ----\n");
    let _ = writeln!(out, "pub(crate) const CPT_ROWS: bool = {cpt};");

    // Fee schedule: rows sorted by (code, modifier), the global row (no modifier) first.
    let rows = pfs::parse(&source::read(&pfs_path)?, &name(&pfs_path))?;
    let mut rows: Vec<&pfs::FeeRow> = rows.iter().filter(|r| allowed(r.code, cpt)).collect();
    rows.sort_by_key(|r| (r.code, r.modifier.map_or(0, |m| m.to_u16())));
    let _ = writeln!(
        out,
        "pub(crate) static FEE_ROWS: [crate::fee_schedule::FeeScheduleRow; {}] = [",
        rows.len()
    );
    for r in &rows {
        let mut raw: pf::Raw = [0; pf::WIDTH];
        let w = &mut raw[..];
        let flags = [
            (r.not_used_for_medicare_payment, pf::FLAG_NOT_USED),
            (r.non_facility_na, pf::FLAG_NON_FACILITY_NA),
            (r.facility_na, pf::FLAG_FACILITY_NA),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |acc, (_, f)| acc | f);
        pk::put_u32(w, pf::CODE, r.code.to_u32());
        pk::put_u16(w, pf::MODIFIER, r.modifier.map_or(0, |m| m.to_u16()));
        pk::put_u8(w, pf::STATUS, r.status.index() + 1);
        pk::put_u8(w, pf::FLAGS, flags);
        for (at, d) in [
            (pf::WORK, r.work_rvu),
            (pf::NON_FACILITY_PE, r.non_facility_pe_rvu),
            (pf::FACILITY_PE, r.facility_pe_rvu),
            (pf::MP, r.mp_rvu),
            (pf::NON_FACILITY_TOTAL, r.non_facility_total),
            (pf::FACILITY_TOTAL, r.facility_total),
            (pf::CONVERSION, r.conversion_factor),
            (pf::OPPS_NON_FACILITY_PE, r.opps_non_facility_pe),
            (pf::OPPS_FACILITY_PE, r.opps_facility_pe),
            (pf::OPPS_MP, r.opps_mp),
        ] {
            pk::put_u32(w, at, units(d));
        }
        for (at, d) in [
            (pf::PRE_OP, r.pre_op),
            (pf::INTRA_OP, r.intra_op),
            (pf::POST_OP, r.post_op),
        ] {
            pk::put_u16(w, at, d.units() as u16);
        }
        for (at, i) in [
            (pf::PCTC, r.pctc.index()),
            (pf::GLOBAL, r.global_days.index()),
            (pf::MULTIPLE, r.multiple_procedure.index()),
            (pf::BILATERAL, r.bilateral_surgery.index()),
            (pf::ASSISTANT, r.assistant_at_surgery.index()),
            (pf::CO_SURGEONS, r.co_surgeons.index()),
            (pf::TEAM, r.team_surgery.index()),
            (pf::SUPERVISION, r.physician_supervision.index()),
            (pf::IMAGING, r.imaging_family.index()),
        ] {
            pk::put_u8(w, at, i + 1);
        }
        pk::put_u8(w, pf::CALCULATION, r.calculation_flag);
        pk::put_u32(
            w,
            pf::ENDO_BASE,
            r.endoscopic_base.map_or(0, |c| c.to_u32()),
        );
        super::byte_literal(out, "crate::fee_schedule::FeeScheduleRow", &raw);
    }
    out.push_str("];\n");
    runs(out, "FEE_INDEX", rows.iter().map(|r| r.code.to_u32()));
    release(
        out,
        "FEE_RELEASE",
        &pfs_path,
        effective(&pfs_path, pfs_date)?,
        rows.len(),
    );

    // MUE: value (24 bits) | adjudication index << 24 | rationale index << 26.
    let mues = mue::parse(&source::read(&mue_path)?, &name(&mue_path))?;
    let mut map = phf_codegen::Map::<u32>::new();
    let mut n = 0;
    for r in mues.iter().filter(|r| allowed(r.code, cpt)) {
        if r.value >= 1 << 24 {
            return Err(format!(
                "{}:{}: MUE value {} does not fit the table (24 bits)",
                name(&mue_path),
                r.line,
                r.value
            )
            .into());
        }
        let v =
            r.value | (r.adjudication.index() as u32) << 24 | (r.rationale.index() as u32) << 26;
        map.entry(r.code.to_u32(), v.to_string());
        n += 1;
    }
    let _ = writeln!(
        out,
        "pub(crate) static MUE: phf::Map<u32, u32> = {};\n",
        map.build()
    );
    release(
        out,
        "MUE_RELEASE",
        &mue_path,
        effective(&mue_path, mue_date)?,
        n,
    );

    // Add-on code edits, sorted by (add-on, primary); a second order by primary.
    let aocs = aoc::parse(&source::read(&aoc_path)?, &name(&aoc_path))?;
    let mut edits: Vec<&aoc::AocRow> = aocs
        .iter()
        .filter(|r| allowed(r.add_on, cpt) && r.primary.is_none_or(|p| allowed(p, cpt)))
        .collect();
    edits.sort_by_key(|r| (r.add_on, r.primary.map_or(0, |p| p.to_u32()), r.effective));
    let mut notes: Vec<&str> = edits.iter().filter_map(|r| r.note.as_deref()).collect();
    notes.sort_unstable();
    notes.dedup();
    let _ = writeln!(
        out,
        "pub(crate) static AOC_NOTES: [&str; {}] = {notes:?};",
        notes.len()
    );
    let _ = writeln!(
        out,
        "pub(crate) static AOC_EDITS: [crate::add_on::AddOnEdit; {}] = [",
        edits.len()
    );
    for r in &edits {
        let mut raw: pa::Raw = [0; pa::WIDTH];
        let w = &mut raw[..];
        pk::put_u32(w, pa::ADD_ON, r.add_on.to_u32());
        pk::put_u32(w, pa::PRIMARY, r.primary.map_or(0, |p| p.to_u32()));
        pk::put_u8(w, pa::TYPE, r.edit_type.index() + 1);
        let note = r
            .note
            .as_deref()
            .and_then(|n| notes.binary_search(&n).ok())
            .map_or(0, |i| i as u16 + 1);
        pk::put_u16(w, pa::NOTE, note);
        pk::put_u32(w, pa::EFFECTIVE, pk::encode_date(Some(r.effective)));
        pk::put_u32(w, pa::DELETED, pk::encode_date(r.deleted));
        pk::put_u32(w, pa::ADD_ON_DELETED, pk::encode_date(r.add_on_deleted));
        pk::put_u32(w, pa::PRIMARY_DELETED, pk::encode_date(r.primary_deleted));
        super::byte_literal(out, "crate::add_on::AddOnEdit", &raw);
    }
    out.push_str("];\n");
    runs(
        out,
        "AOC_BY_ADD_ON",
        edits.iter().map(|r| r.add_on.to_u32()),
    );
    let mut by_primary: Vec<(u32, usize)> = edits
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.primary.map(|p| (p.to_u32(), i)))
        .collect();
    by_primary.sort();
    let _ = writeln!(
        out,
        "pub(crate) static AOC_PRIMARY_ORDER: [u16; {}] = {:?};",
        by_primary.len(),
        by_primary.iter().map(|p| p.1 as u16).collect::<Vec<_>>()
    );
    runs(out, "AOC_BY_PRIMARY", by_primary.iter().map(|p| p.0));
    release(
        out,
        "AOC_RELEASE",
        &aoc_path,
        effective(&aoc_path, aoc_date)?,
        edits.len(),
    );
    Ok(())
}
