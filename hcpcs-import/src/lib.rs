//! Turns the CMS downloads into the `hcpcs` crate's `data/` files.
//!
//! ```sh
//! cargo run -p hcpcs-import -- ../shared/data            # writes data/
//! cargo run -p hcpcs-import -- ../shared/data --check    # compares, writes nothing
//! ```
//!
//! [`cms`] holds a validating parser for every CMS format (fixed-width ANWEB text, ANWEB workbook,
//! processing notes, NOC list, fee-schedule CSV, MUE CSV, add-on code workbook); [`datasets`] says
//! where each dataset's files are and which release each is; [`import`] reads every release and
//! writes the `data/` tables ([`hcpcs_core::text`]) with **public-domain rows only**: HCPCS Level II
//! records, and the fee-schedule, MUE and add-on rows whose codes are all Level II. CPT and CDT rows
//! are counted, never written.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::path::{Path, PathBuf};

use hcpcs_core::code::{Code, CodeShape, HcpcsCode};
use hcpcs_core::rows::{AocRow, FeeRow, MueRow, OppsRow, SourceRecord};
use hcpcs_core::text::{self, tables, Cells2, Layout};

pub mod cms;
pub mod datasets;

use datasets::{ReleaseFile, Spec};

/// Whether a code's rows are public domain and go into `data/`: HCPCS Level II only.
pub fn is_public(code: HcpcsCode) -> bool {
    code.shape() == CodeShape::LevelII
}

/// One file of `data/`: its path below `data/` and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The path below `data/` (`hcpcs/procedures.tsv`).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Why an import failed: a CMS file that does not parse (located to file, line and field), or a
/// directory that is not laid out as expected.
pub type Error = Box<dyn std::error::Error>;

fn file(
    path: &str,
    layout: &Layout,
    comments: &[&str],
    releases: &[(String, Vec<Cells2>)],
) -> Result<DataFile, Error> {
    Ok(DataFile {
        path: PathBuf::from(path),
        text: text::write(layout, comments, releases).map_err(|e| format!("data/{path}: {e}"))?,
    })
}

/// Parses one ANWEB file, text or workbook by its extension.
pub fn parse_anweb(path: &Path) -> Result<Vec<SourceRecord>, cms::SourceError> {
    let bytes = cms::read(path)?;
    let name = display_name(path);
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        cms::level2_xlsx::parse(&bytes, &name)
    } else {
        cms::level2_text::parse(&bytes, &name)
    }
}

/// A CMS file's name as errors give it: its release folder and file name, never the machine's path.
pub fn display_name(path: &Path) -> String {
    let part = |p: Option<&Path>| {
        p.and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    format!("{}/{}", part(path.parent()), part(Some(path)))
}

/// Reads every dataset of a CMS data directory and returns the `data/` files, in a fixed order.
pub fn import(cms_dir: &Path) -> Result<Vec<DataFile>, Error> {
    let mut out = import_hcpcs(cms_dir)?;
    out.extend(import_code_edits(cms_dir)?);
    Ok(out)
}

fn import_hcpcs(cms_dir: &Path) -> Result<Vec<DataFile>, Error> {
    let releases = datasets::releases(cms_dir, &datasets::HCPCS)?;
    let mut meta = Vec::new();
    let (mut procs, mut mods, mut notes, mut noc) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in &releases {
        let records = parse_anweb(&r.path)?;
        let (mut p, mut m) = (Vec::new(), Vec::new());
        for rec in records
            .iter()
            .filter(|rec| rec.code.descriptions_are_public_domain())
        {
            match rec.code {
                Code::Procedure(_) => p.push(tables::record_cells(rec)),
                Code::Modifier(_) => m.push(tables::record_cells(rec)),
            }
        }
        let notes_path = datasets::companion(&r.dir, "proc_notes_", ".txt")?;
        let noc_path = datasets::companion(&r.dir, "NOC codes_", ".xlsx")?;
        if let Some(path) = &notes_path {
            let parsed = cms::proc_notes::parse(&cms::read(path)?, &display_name(path))?;
            notes.push((
                r.release.clone(),
                parsed.iter().map(tables::note_cells).collect(),
            ));
        }
        if let Some(path) = &noc_path {
            let parsed = cms::noc::parse(&cms::read(path)?, &display_name(path))?;
            // The list may name a code twice (the January 2026 workbook has J7192 on two rows): a code
            // is on the list or not.
            let mut codes: Vec<Cells2> = parsed.iter().map(tables::noc_cells).collect();
            codes.sort();
            codes.dedup();
            noc.push((r.release.clone(), codes));
        }
        let name = |p: &Option<PathBuf>| {
            p.as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        meta.push((
            vec![r.release.clone()],
            vec![
                r.effective.to_string(),
                datasets::anweb_revision(&r.file_name)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                r.file_name.clone(),
                p.len().to_string(),
                m.len().to_string(),
                name(&notes_path),
                name(&noc_path),
            ],
        ));
        procs.push((r.release.clone(), p));
        mods.push((r.release.clone(), m));
    }
    let about = "HCPCS Level II records (CMS Alpha-Numeric HCPCS file, ANWEB), every release in hcpcs/releases.tsv.\n\
                 Public domain (CMS). One row per code and release it changed in; `since` is that release.";
    Ok(vec![
        file(
            "hcpcs/releases.tsv",
            &tables::HCPCS_RELEASES,
            &["The compiled HCPCS releases, oldest first: CMS file, revision, record counts, companion files."],
            &[("".into(), meta)],
        )?,
        file("hcpcs/procedures.tsv", &tables::RECORDS, &[about], &procs)?,
        file("hcpcs/modifiers.tsv", &tables::RECORDS, &[about], &mods)?,
        file(
            "hcpcs/notes.tsv",
            &tables::NOTES,
            &["HCPCS processing notes (CMS proc_notes_<MON><year>.txt), for the releases that come with them."],
            &notes,
        )?,
        file(
            "hcpcs/noc.tsv",
            &tables::NOC,
            &["CMS's list of \"not otherwise classified\" codes (NOC codes_<MON><year>.xlsx)."],
            &noc,
        )?,
    ])
}

/// The rows of one code-edit file, public ones as cells, and how many were not public.
type Split = (Vec<Cells2>, usize);

fn split<T>(rows: &[T], public: impl Fn(&T) -> bool, cells: impl Fn(&T) -> Cells2) -> Split {
    let mut kept: Vec<Cells2> = rows.iter().filter(|r| public(r)).map(cells).collect();
    kept.sort();
    (kept, rows.iter().filter(|r| !public(r)).count())
}

/// Reads one release of a code-edit dataset (fee schedule, MUE or add-on edits).
pub fn parse_code_edits(spec: &Spec, r: &ReleaseFile) -> Result<CodeEdits, Error> {
    let bytes = cms::read(&r.path)?;
    let name = display_name(&r.path);
    Ok(match spec.name {
        "fee_schedule" => {
            let (rows, placeholders) = cms::fee_schedule::parse_file(&bytes, &name)?;
            CodeEdits::FeeSchedule(rows, placeholders.len())
        }
        "mue" => CodeEdits::Mue(cms::mue::parse(&bytes, &name)?),
        "add_on" => CodeEdits::AddOn(cms::add_on::parse(&bytes, &name)?),
        "opps" => CodeEdits::Opps(cms::opps::parse(&bytes, &name)?),
        other => return Err(format!("{other} is not a code-edit dataset").into()),
    })
}

/// The rows of one release of a code-edit dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeEdits {
    /// Fee-schedule rows, and how many placeholder rows (`GXXX1`) were set aside.
    FeeSchedule(Vec<FeeRow>, usize),
    /// MUE rows.
    Mue(Vec<MueRow>),
    /// Add-on code edits.
    AddOn(Vec<AocRow>),
    /// OPPS Addendum B rows.
    Opps(Vec<OppsRow>),
}

impl CodeEdits {
    /// Placeholder rows set aside (fee schedule only).
    pub fn placeholders(&self) -> usize {
        match self {
            CodeEdits::FeeSchedule(_, n) => *n,
            _ => 0,
        }
    }

    fn split(&self) -> Split {
        match self {
            CodeEdits::FeeSchedule(rows, _) => {
                split(rows, |r| is_public(r.code), tables::fee_cells)
            }
            CodeEdits::Mue(rows) => split(rows, |r| is_public(r.code), tables::mue_cells),
            CodeEdits::AddOn(rows) => split(
                rows,
                |r| is_public(r.add_on) && r.primary.is_none_or(is_public),
                tables::add_on_cells,
            ),
            CodeEdits::Opps(rows) => split(rows, |r| is_public(r.code), tables::opps_cells),
        }
    }
}

/// For each Level II code, how many add-on relations with a CPT or CDT code it has as an add-on code
/// and as a primary code: `data/` does not carry those relations, but says that they exist.
fn add_on_not_carried(rows: &[AocRow]) -> Vec<Cells2> {
    let mut counts: std::collections::BTreeMap<(HcpcsCode, &str), usize> = Default::default();
    for r in rows {
        if is_public(r.add_on) && r.primary.is_none_or(is_public) {
            continue;
        }
        if is_public(r.add_on) {
            *counts.entry((r.add_on, "add_on")).or_default() += 1;
        }
        if let Some(p) = r.primary.filter(|p| is_public(*p)) {
            *counts.entry((p, "primary")).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((c, role), n)| (vec![c.to_string(), role.to_string()], vec![n.to_string()]))
        .collect()
}

fn import_code_edits(cms_dir: &Path) -> Result<Vec<DataFile>, Error> {
    let mut out = Vec::new();
    for spec in datasets::CODE_EDITS {
        let mut meta = Vec::new();
        let mut versions = Vec::new();
        let mut not_carried = Vec::new();
        for r in datasets::releases(cms_dir, &spec)? {
            let parsed = parse_code_edits(&spec, &r)?;
            if let CodeEdits::AddOn(rows) = &parsed {
                not_carried.push((r.release.clone(), add_on_not_carried(rows)));
            }
            let (rows, not_carried) = parsed.split();
            meta.push((
                vec![r.release.clone()],
                vec![
                    r.effective.to_string(),
                    r.file_name.clone(),
                    rows.len().to_string(),
                    not_carried.to_string(),
                    parsed.placeholders().to_string(),
                ],
            ));
            versions.push((r.release.clone(), rows));
        }
        let layout = match spec.name {
            "fee_schedule" => &tables::FEE_SCHEDULE,
            "mue" => &tables::MUE,
            "opps" => &tables::OPPS,
            _ => &tables::ADD_ON,
        };
        let what = match spec.name {
            "fee_schedule" => "Medicare Physician Fee Schedule national relative value file (PPRRVU*.csv)",
            "mue" => "NCCI medically unlikely edits, practitioner services (MCR_MUE_PractitionerServices_*.csv)",
            "opps" => "OPPS Addendum B, status indicator and payment rate per code (a third-party per-code extract of the CMS workbook: AddendumB_*.csv)",
            _ => "NCCI add-on code edits, Medicare (AOC_V*-MCR.xlsx)",
        };
        out.push(file(
            &format!("{}/releases.tsv", spec.name),
            &tables::DATASET_RELEASES,
            &[&format!("The compiled releases of the {what}; rows_not_carried: CPT/CDT rows of the file, which are not in data/ (feature cpt);\nplaceholder_rows: rows whose HCPCS is a CMS placeholder (GXXX1), not a code, set aside.")],
            &[("".into(), meta)],
        )?);
        out.push(file(
            &format!("{}/rows.tsv", spec.name),
            layout,
            &[&format!(
                "{what}: the rows whose codes are all HCPCS Level II (public domain)."
            )],
            &versions,
        )?);
        if !not_carried.is_empty() {
            out.push(file(
                "add_on/not_carried.tsv",
                &tables::ADD_ON_NOT_CARRIED,
                &["For each HCPCS Level II code, how many add-on relations with a CPT or CDT code (not in data/) it has,\nas the add-on code (role add_on) or as the primary code (role primary): counts only, no CPT number."],
                &not_carried,
            )?);
        }
    }
    Ok(out)
}

/// Writes the files below `data_dir`.
pub fn write(data_dir: &Path, files: &[DataFile]) -> std::io::Result<()> {
    for f in files {
        let p = data_dir.join(&f.path);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(p, &f.text)?;
    }
    Ok(())
}

/// The files below `data_dir` that differ from `files` (missing ones included).
pub fn drift(data_dir: &Path, files: &[DataFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(data_dir.join(&f.path))
                .ok()
                .as_deref()
                != Some(f.text.as_str())
        })
        .map(|f| f.path.clone())
        .collect()
}
