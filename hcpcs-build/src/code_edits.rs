//! The fee-schedule, MUE and add-on code tables: fixed-width byte records plus `phf` indexes, in the
//! layouts of `hcpcs_core::packed`.

use std::fmt::Write as _;

use hcpcs_core::fee::Decimal;
use hcpcs_core::packed::{self as pk, aoc as pa, fee as pf};
use hcpcs_core::rows::{AocRow, FeeRow};

use crate::data::{Data, DatasetRelease};
use crate::emit;
use crate::Error;

fn units(d: Decimal) -> u32 {
    d.units() as i32 as u32
}

/// A `crate::datasets::Dataset` literal.
fn dataset(r: &DatasetRelease, rows: usize) -> String {
    format!(
        "crate::datasets::Dataset {{ name: {:?}, source_file: {:?}, effective: {}, rows: {rows}, rows_not_carried: {} }}",
        r.name,
        r.source_file,
        pk::encode_date(Some(r.effective)),
        r.rows_not_carried,
    )
}

fn release(out: &mut String, name: &str, r: &DatasetRelease, rows: usize) {
    let _ = writeln!(
        out,
        "pub(crate) static {name}: crate::datasets::Dataset = {};",
        dataset(r, rows)
    );
}

fn fee_row(r: &FeeRow) -> pf::Raw {
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
    pk::put_u8(
        w,
        pf::PRICING,
        r.pricing_indicator.map_or(0, |p| p.index() + 1),
    );
    pk::put_u32(
        w,
        pf::ENDO_BASE,
        r.endoscopic_base.map_or(0, |c| c.to_u32()),
    );
    raw
}

fn add_on_row(r: &AocRow, note: u16) -> pa::Raw {
    let mut raw: pa::Raw = [0; pa::WIDTH];
    let w = &mut raw[..];
    pk::put_u32(w, pa::ADD_ON, r.add_on.to_u32());
    pk::put_u32(w, pa::PRIMARY, r.primary.map_or(0, |p| p.to_u32()));
    pk::put_u8(w, pa::TYPE, r.edit_type.index() + 1);
    pk::put_u16(w, pa::NOTE, note);
    pk::put_u32(w, pa::EFFECTIVE, pk::encode_date(Some(r.effective)));
    pk::put_u32(w, pa::DELETED, pk::encode_date(r.deleted));
    pk::put_u32(w, pa::ADD_ON_DELETED, pk::encode_date(r.add_on_deleted));
    pk::put_u32(w, pa::PRIMARY_DELETED, pk::encode_date(r.primary_deleted));
    raw
}

/// Writes the three datasets' tables.
pub fn generate(out: &mut String, data: &Data, cpt: bool) -> Result<(), Error> {
    let edits = &data.code_edits;
    out.push_str("\n// ---- fee schedule, MUE, add-on code edits ----\n");
    let _ = writeln!(out, "pub(crate) const CPT_ROWS: bool = {cpt};");

    // Fee schedule, every release: one table of rows, release after release, each release's rows
    // sorted by (code, modifier) with the global row (no modifier) first, and an index per release.
    let mut all = Vec::new();
    let mut releases = Vec::new();
    for (i, (rel, rows)) in edits.fee_schedule.iter().enumerate() {
        let mut rows: Vec<&FeeRow> = rows.iter().collect();
        rows.sort_by_key(|r| (r.code, r.modifier.map_or(0, |m| m.to_u16())));
        emit::runs(
            out,
            &format!("FEE_INDEX_{i}"),
            all.len(),
            rows.iter().map(|r| r.code.to_u32()),
        );
        releases.push(format!(
            "crate::fee_schedule::FeeRelease {{ dataset: {}, start: {}, len: {}, index: &FEE_INDEX_{i} }}",
            dataset(rel, rows.len()),
            all.len(),
            rows.len()
        ));
        all.extend(rows);
    }
    let _ = writeln!(
        out,
        "pub(crate) static FEE_ROWS: [crate::fee_schedule::FeeScheduleRow; {}] = [",
        all.len()
    );
    for r in &all {
        emit::byte_literal(out, "crate::fee_schedule::FeeScheduleRow", &fee_row(r));
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "pub(crate) static FEE_RELEASES: [crate::fee_schedule::FeeRelease; {}] = [",
        releases.len()
    );
    for r in &releases {
        let _ = writeln!(out, "{r},");
    }
    out.push_str("];\n");

    // MUE.
    let mut mues = Vec::new();
    for r in &edits.mue.1 {
        let v = pk::encode_mue(r.value, r.adjudication.index(), r.rationale.index()).ok_or_else(
            || {
                format!(
                    "MUE of {}: value {} does not fit the table",
                    r.code, r.value
                )
            },
        )?;
        mues.push((r.code.to_u32(), v));
    }
    let n = mues.len();
    mues.sort_unstable();
    let in_order: Vec<String> = mues.iter().map(|(k, v)| format!("({k},{v})")).collect();
    emit::array(out, "MUE_IN_ORDER", "(u32, u32)", &in_order, 8);
    emit::phf_map(out, "pub(crate) ", "MUE", "u32", mues);
    release(out, "MUE_RELEASE", &edits.mue.0, n);

    // Add-on code edits, sorted by (add-on, primary); a second order by primary.
    let mut aoc: Vec<&AocRow> = edits.add_on.1.iter().collect();
    aoc.sort_by_key(|r| (r.add_on, r.primary.map_or(0, |p| p.to_u32()), r.effective));
    let mut notes: Vec<&str> = aoc.iter().filter_map(|r| r.note.as_deref()).collect();
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
        aoc.len()
    );
    for r in &aoc {
        let note = r
            .note
            .as_deref()
            .and_then(|n| notes.binary_search(&n).ok())
            .map_or(0, |i| i as u16 + 1);
        emit::byte_literal(out, "crate::add_on::AddOnEdit", &add_on_row(r, note));
    }
    out.push_str("];\n");
    emit::runs(
        out,
        "AOC_BY_ADD_ON",
        0,
        aoc.iter().map(|r| r.add_on.to_u32()),
    );
    let mut by_primary: Vec<(u32, usize)> = aoc
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.primary.map(|p| (p.to_u32(), i)))
        .collect();
    by_primary.sort();
    let order: Vec<u16> = by_primary.iter().map(|p| p.1 as u16).collect();
    emit::array(out, "AOC_PRIMARY_ORDER", "u16", &order, 32);
    emit::runs(out, "AOC_BY_PRIMARY", 0, by_primary.iter().map(|p| p.0));
    release(out, "AOC_RELEASE", &edits.add_on.0, aoc.len());
    // OPPS Addendum B, every quarter: the packed entry of each procedure of the current HCPCS release,
    // by its index in PROCEDURES (0: no entry), as little-endian u64s; and, sorted, the entries of
    // codes the current release does not have. A look-up reuses the procedure index (the presence
    // bitmap for Level II codes): measured faster than a phf map (README.md).
    let mut procs: Vec<u32> = data
        .current()
        .records
        .iter()
        .filter_map(|r| match r.code {
            hcpcs_core::code::Code::Procedure(p) => Some(p.to_u32()),
            hcpcs_core::code::Code::Modifier(_) => None,
        })
        .collect();
    procs.sort_unstable();
    let mut quarters = Vec::new();
    for (i, (rel, rows)) in edits.opps.iter().enumerate() {
        let mut by_proc = vec![0u64; procs.len()];
        let mut others: Vec<(u32, u64)> = Vec::new();
        for r in rows {
            let rate = r.payment_rate.map(|d| (d.units(), d.scale()));
            let v = pk::encode_opps(r.status_indicator.index(), rate).ok_or_else(|| {
                format!(
                    "OPPS {}: rate of {} does not fit the table",
                    rel.name, r.code
                )
            })?;
            match procs.binary_search(&r.code.to_u32()) {
                Ok(at) => by_proc[at] = v,
                Err(_) => others.push((r.code.to_u32(), v)),
            }
        }
        others.sort_unstable();
        let le: Vec<u8> = by_proc.iter().flat_map(|v| v.to_le_bytes()).collect();
        emit::bytes(out, &format!("OPPS_BY_PROCEDURE_{i}"), &le);
        let others: Vec<String> = others.iter().map(|(k, v)| format!("({k},{v})")).collect();
        emit::array(out, &format!("OPPS_OTHERS_{i}"), "(u32, u64)", &others, 8);
        quarters.push(format!(
            "crate::opps::OppsRelease {{ dataset: {}, by_procedure: OPPS_BY_PROCEDURE_{i}, others: &OPPS_OTHERS_{i} }}",
            dataset(rel, rows.len())
        ));
    }
    let _ = writeln!(
        out,
        "pub(crate) static OPPS_RELEASES: [crate::opps::OppsRelease; {}] = [",
        quarters.len()
    );
    for q in &quarters {
        let _ = writeln!(out, "{q},");
    }
    out.push_str("];\n");
    // Relations with a CPT or CDT code that this build does not carry, counted per Level II code
    // (add-on count << 16 | primary count); none with `cpt`, which carries them all.
    let counts = edits
        .add_on_not_carried
        .iter()
        .filter(|_| !cpt)
        .map(|&(c, a, p)| (c.to_u32(), (a as u32) << 16 | p as u32));
    emit::phf_map(out, "pub(crate) ", "AOC_NOT_CARRIED", "u32", counts);
    Ok(())
}
