//! What the integration tests compare the compiled tables with: the crate's `data/` files, read by
//! the same field checks the build uses, and, for tests that need them, the raw CMS downloads.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use hcpcs_core::rows::{AocRow, FeeRow, MueRow, OppsRow};

/// The committed `data/`, every table read and checked.
pub fn data() -> &'static hcpcs_build::Data {
    static DATA: OnceLock<hcpcs_build::Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
        hcpcs_build::Data::load(&dir, "data", None).unwrap()
    })
}

/// The CMS data directory: `HCPCS_CPT_DATA_DIR`, else `../shared/data` beside the project. A test
/// that needs it fails here, loudly, when it is missing.
pub fn cms_dir() -> PathBuf {
    let dir = std::env::var_os("HCPCS_CPT_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    assert!(
        dir.join("hcpcs").is_dir() || dir.join("pfs-rvu").is_dir(),
        "this test needs the CMS downloads at {} (or HCPCS_CPT_DATA_DIR): they are not there",
        dir.display()
    );
    dir
}

/// The CMS file of the compiled release of a code-edit dataset.
fn cms_edits(spec: &hcpcs_import::datasets::Spec, release: &str) -> hcpcs_import::CodeEdits {
    let folder = cms_dir().join(spec.cms_folder).join(release);
    let file = hcpcs_import::datasets::release_in(&folder, spec).unwrap();
    hcpcs_import::parse_code_edits(spec, &file).unwrap()
}

/// The fee-schedule rows the current tables were compiled from: `data/`'s, and with `cpt` the whole
/// CMS file.
pub fn fee_rows() -> Vec<FeeRow> {
    fee_rows_of(data().code_edits.fee_schedule.len() - 1)
}

/// The same for the `i`th compiled fee-schedule release (oldest first).
pub fn fee_rows_of(i: usize) -> Vec<FeeRow> {
    let (rel, rows) = &data().code_edits.fee_schedule[i];
    if !hcpcs::has_cpt_rows() {
        return rows.clone();
    }
    match cms_edits(&hcpcs_import::datasets::FEE_SCHEDULE, &rel.name) {
        hcpcs_import::CodeEdits::FeeSchedule(rows, _) => rows,
        _ => unreachable!(),
    }
}

/// Same, MUE.
pub fn mue_rows() -> Vec<MueRow> {
    let (rel, rows) = &data().code_edits.mue;
    if !hcpcs::has_cpt_rows() {
        return rows.clone();
    }
    match cms_edits(&hcpcs_import::datasets::MUE, &rel.name) {
        hcpcs_import::CodeEdits::Mue(rows) => rows,
        _ => unreachable!(),
    }
}

/// Same, add-on edits.
pub fn add_on_rows() -> Vec<AocRow> {
    let (rel, rows) = &data().code_edits.add_on;
    if !hcpcs::has_cpt_rows() {
        return rows.clone();
    }
    match cms_edits(&hcpcs_import::datasets::ADD_ON, &rel.name) {
        hcpcs_import::CodeEdits::AddOn(rows) => rows,
        _ => unreachable!(),
    }
}

/// The OPPS rows of the `i`th compiled quarter: `data/`'s, and with `cpt` the whole extract.
pub fn opps_rows_of(i: usize) -> Vec<OppsRow> {
    let (rel, rows) = &data().code_edits.opps[i];
    if !hcpcs::has_cpt_rows() {
        return rows.clone();
    }
    match cms_edits(&hcpcs_import::datasets::OPPS, &rel.name) {
        hcpcs_import::CodeEdits::Opps(rows) => rows,
        _ => unreachable!(),
    }
}
