//! Feature `cpt`: the CPT (Level I) and CDT rows of the fee schedule, MUE and add-on edits, read from
//! the user's own licensed CMS files, since `data/` carries public-domain rows only.
//!
//! `HCPCS_CPT_DATA_DIR` names a CMS data directory laid out as the importer's input
//! (`pfs-rvu/<YYYY-MM>/PPRRVU….csv`, `ncci-mue/<YYYY-MM>/…MUE….csv`, `ncci-aoc/<YYYY-MM>/AOC_….xlsx`).
//! For each dataset the build reads the folder of the release `data/` compiles, takes the rows with a
//! CPT or CDT code, and checks that the file's Level II rows are exactly `data/`'s: the two must be
//! the same CMS release.

use std::path::Path;

use hcpcs_core::text::{tables, Cells2};
use hcpcs_import::datasets::{self, Spec};
use hcpcs_import::{is_public, CodeEdits};

use crate::data::{Data, DatasetRelease};
use crate::Error;

fn missing() -> String {
    let files: Vec<String> = datasets::CODE_EDITS
        .iter()
        .map(|s| format!("{}/<YYYY-MM>/{}", s.cms_folder, s.file_pattern))
        .collect();
    format!(
        "the cpt feature compiles CPT/CDT rows from your own licensed CMS files: set HCPCS_CPT_DATA_DIR to the \
         directory that holds {} (README.md, \"The cpt feature\")",
        files.join(", ")
    )
}

/// The public rows of `from` must equal `ours` (compared as their `data/` cells, so line numbers
/// aside); `from`'s other rows are added to `ours`.
fn merge<T: Clone>(
    ours: &mut Vec<T>,
    from: &[T],
    public: impl Fn(&T) -> bool,
    cells: fn(&T) -> Cells2,
    what: &str,
) -> Result<(), String> {
    let mut theirs: Vec<Cells2> = from.iter().filter(|r| public(r)).map(cells).collect();
    let mut mine: Vec<Cells2> = ours.iter().map(cells).collect();
    theirs.sort();
    mine.sort();
    if theirs != mine {
        return Err(format!(
            "{what}: its HCPCS Level II rows differ from data/'s ({} against {}): it is not the CMS release data/ was imported from",
            theirs.len(),
            mine.len()
        ));
    }
    ours.extend(from.iter().filter(|r| !public(r)).cloned());
    Ok(())
}

fn file_for(
    dir: &Path,
    spec: &Spec,
    rel: &DatasetRelease,
) -> Result<datasets::ReleaseFile, String> {
    let folder = dir.join(spec.cms_folder).join(&rel.name);
    if !folder.is_dir() {
        return Err(format!(
            "HCPCS_CPT_DATA_DIR={}: no folder {}/{} (data/ compiles the {} release {}, from {}); {}",
            dir.display(),
            spec.cms_folder,
            rel.name,
            spec.name,
            rel.name,
            rel.source_file,
            missing()
        ));
    }
    println!("cargo:rerun-if-changed={}", folder.display());
    datasets::release_in(&folder, spec)
}

/// Adds the CPT/CDT rows to `data`'s code-edit datasets.
pub fn add_rows(data: &mut Data, dir: Option<&Path>) -> Result<(), Error> {
    let dir = dir.ok_or_else(missing)?;
    let edits = &mut data.code_edits;
    for (rel, rows) in &mut edits.fee_schedule {
        let spec = datasets::FEE_SCHEDULE;
        let file = file_for(dir, &spec, rel)?;
        if let CodeEdits::FeeSchedule(cms, _) = hcpcs_import::parse_code_edits(&spec, &file)? {
            let what = file.path.display().to_string();
            merge(rows, &cms, |r| is_public(r.code), tables::fee_cells, &what)?;
        }
    }
    for (rel, rows) in &mut edits.opps {
        let file = file_for(dir, &datasets::OPPS, rel)?;
        if let CodeEdits::Opps(cms) = hcpcs_import::parse_code_edits(&datasets::OPPS, &file)? {
            let what = file.path.display().to_string();
            merge(rows, &cms, |r| is_public(r.code), tables::opps_cells, &what)?;
        }
    }
    let file = file_for(dir, &datasets::MUE, &edits.mue.0)?;
    if let CodeEdits::Mue(cms) = hcpcs_import::parse_code_edits(&datasets::MUE, &file)? {
        let what = file.path.display().to_string();
        merge(
            &mut edits.mue.1,
            &cms,
            |r| is_public(r.code),
            tables::mue_cells,
            &what,
        )?;
    }
    let file = file_for(dir, &datasets::ADD_ON, &edits.add_on.0)?;
    if let CodeEdits::AddOn(cms) = hcpcs_import::parse_code_edits(&datasets::ADD_ON, &file)? {
        let what = file.path.display().to_string();
        let public =
            |r: &hcpcs_core::rows::AocRow| is_public(r.add_on) && r.primary.is_none_or(is_public);
        merge(
            &mut edits.add_on.1,
            &cms,
            public,
            tables::add_on_cells,
            &what,
        )?;
    }
    Ok(())
}
