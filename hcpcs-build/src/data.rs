//! Reading the `data/` directory into typed rows, every field checked ([`hcpcs_core::text`]), and the
//! cross-file checks: record counts against `releases.tsv`, NOC codes and note numbers that point to
//! nothing.

use std::path::Path;

use chrono::NaiveDate;
use hcpcs_core::code::{Code, HcpcsCode};
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::{AocRow, FeeRow, MueRow, NocRow, Note, OppsRow, SourceRecord};
use hcpcs_core::text::{self, tables, Layout, Row};

use crate::Error;

/// One compiled HCPCS release and its records.
#[derive(Debug, Clone)]
pub struct HcpcsRelease {
    /// `YYYY-MM`.
    pub name: String,
    /// The day it takes effect.
    pub effective: NaiveDate,
    /// CMS's revision date, where the file name gives one.
    pub revised: Option<NaiveDate>,
    /// The CMS file it was imported from.
    pub source_file: String,
    /// Every record (procedures, then modifiers, each in code order).
    pub records: Vec<SourceRecord>,
}

/// One release of a code-edit dataset (fee schedule, MUE, add-on edits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetRelease {
    /// `YYYY-MM`.
    pub name: String,
    /// The day it takes effect.
    pub effective: NaiveDate,
    /// The CMS file it was imported from.
    pub source_file: String,
    /// Rows in `data/` (public domain).
    pub rows: usize,
    /// CPT/CDT rows of the CMS file, not in `data/`.
    pub rows_not_carried: usize,
}

/// The code-edit datasets: every fee-schedule release (for payment by date of service), the current
/// MUE and add-on releases.
#[derive(Debug, Clone)]
pub struct CodeEdits {
    /// Fee schedule, every release, oldest first.
    pub fee_schedule: Vec<(DatasetRelease, Vec<FeeRow>)>,
    /// Medically unlikely edits.
    pub mue: (DatasetRelease, Vec<MueRow>),
    /// Add-on code edits.
    pub add_on: (DatasetRelease, Vec<AocRow>),
    /// OPPS Addendum B, every quarter, oldest first.
    pub opps: Vec<(DatasetRelease, Vec<OppsRow>)>,
    /// For each Level II code, (as add-on, as primary): how many add-on relations with a CPT or CDT
    /// code the current add-on table has, which `data/` does not carry.
    pub add_on_not_carried: Vec<(HcpcsCode, u16, u16)>,
}

/// Everything the tables are built from.
#[derive(Debug, Clone)]
pub struct Data {
    /// The HCPCS releases, oldest first; the last is the current one.
    pub hcpcs: Vec<HcpcsRelease>,
    /// The processing notes in force in the current release.
    pub notes: Vec<Note>,
    /// The NOC codes in force in the current release.
    pub noc: Vec<NocRow>,
    /// Where the notes and NOC codes come from, for errors.
    pub notes_file: String,
    /// Same, NOC.
    pub noc_file: String,
    /// The code-edit datasets.
    pub code_edits: CodeEdits,
}

/// One table file: its name as errors show it (`data/hcpcs/procedures.tsv`) and its text.
struct Table {
    name: String,
    text: String,
}

impl Table {
    fn read(dir: &Path, shown: &str, rel: &str) -> Result<Table, SourceError> {
        let name = format!("{shown}/{rel}");
        let text =
            std::fs::read_to_string(dir.join(rel)).map_err(|e| SourceError::io(&name, &e))?;
        Ok(Table { name, text })
    }

    fn rows(&self, layout: &Layout) -> Result<Vec<Row<'_>>, SourceError> {
        text::parse(&self.text, &self.name, layout)
    }
}

fn count(c: &mut text::Cells<'_, '_>) -> Result<usize, SourceError> {
    c.number()
}

impl Data {
    /// Reads a data directory (`shown` names it in errors). `wanted`: the HCPCS releases to compile,
    /// by name; `None` for all.
    pub fn load(dir: &Path, shown: &str, wanted: Option<&[String]>) -> Result<Data, Error> {
        let t = |rel: &str| Table::read(dir, shown, rel);
        let releases = t("hcpcs/releases.tsv")?;
        let procs = t("hcpcs/procedures.tsv")?;
        let mods = t("hcpcs/modifiers.tsv")?;
        let (proc_rows, mod_rows) = (procs.rows(&tables::RECORDS)?, mods.rows(&tables::RECORDS)?);
        let mut hcpcs = Vec::new();
        let mut notes_noc = (String::new(), String::new());
        for row in releases.rows(&tables::HCPCS_RELEASES)? {
            let mut c = row.cells(&tables::HCPCS_RELEASES, &releases.name);
            let name = c.text()?;
            let effective = c.date()?;
            let revised = c.opt_date()?;
            let source_file = c.text()?;
            let (n_procs, n_mods) = (count(&mut c)?, count(&mut c)?);
            let (notes_file, noc_file) = (c.text()?, c.text()?);
            if text::release_date(&name) != Some(effective) {
                return Err(SourceError::new(
                    ErrorKind::Date,
                    &releases.name,
                    Some(row.line),
                    "effective (column 2)",
                    effective.to_string(),
                    format!("release {name} takes effect on the first of its month"),
                )
                .into());
            }
            if wanted.is_some_and(|w| !w.contains(&name)) {
                continue;
            }
            let mut records = Vec::new();
            for (rows, table, n, what) in [
                (&proc_rows, &procs, n_procs, "procedures"),
                (&mod_rows, &mods, n_mods, "modifiers"),
            ] {
                let before = records.len();
                for r in text::as_of(rows, &tables::RECORDS, &name) {
                    let rec = tables::record(r, &table.name)?;
                    let modifier = matches!(rec.code, Code::Modifier(_));
                    if modifier != (what == "modifiers") {
                        return Err(SourceError::new(
                            ErrorKind::Code,
                            &table.name,
                            Some(r.line),
                            "code (column 1)",
                            rec.code.to_string(),
                            format!("not one of the {what}"),
                        )
                        .into());
                    }
                    records.push(rec);
                }
                if records.len() - before != n {
                    return Err(SourceError::new(
                        ErrorKind::Structure,
                        &releases.name,
                        Some(row.line),
                        what,
                        n.to_string(),
                        format!(
                            "{} holds {} {what} in release {name}",
                            table.name,
                            records.len() - before
                        ),
                    )
                    .into());
                }
            }
            notes_noc = (notes_file, noc_file);
            hcpcs.push(HcpcsRelease {
                name,
                effective,
                revised,
                source_file,
                records,
            });
        }
        if let Some(w) = wanted {
            if hcpcs.len() != w.len() {
                return Err(format!(
                    "HCPCS_RELEASES={w:?}: {}/hcpcs/releases.tsv has {:?}",
                    shown,
                    hcpcs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>()
                )
                .into());
            }
        }
        let current = hcpcs
            .last()
            .ok_or_else(|| format!("{shown}/hcpcs/releases.tsv: no release"))?
            .name
            .clone();
        let notes_t = t("hcpcs/notes.tsv")?;
        let notes = text::as_of(&notes_t.rows(&tables::NOTES)?, &tables::NOTES, &current)
            .map(|r| tables::note(r, &notes_t.name))
            .collect::<Result<Vec<_>, _>>()?;
        let noc_t = t("hcpcs/noc.tsv")?;
        let noc = text::as_of(&noc_t.rows(&tables::NOC)?, &tables::NOC, &current)
            .map(|r| tables::noc(r, &noc_t.name))
            .collect::<Result<Vec<_>, _>>()?;
        let code_edits = CodeEdits {
            fee_schedule: load_edits(
                dir,
                shown,
                "fee_schedule",
                &tables::FEE_SCHEDULE,
                tables::fee,
            )?,
            mue: newest(
                load_edits(dir, shown, "mue", &tables::MUE, tables::mue)?,
                "mue",
            )?,
            add_on: newest(
                load_edits(dir, shown, "add_on", &tables::ADD_ON, tables::add_on)?,
                "add_on",
            )?,
            add_on_not_carried: Vec::new(),
            opps: load_edits(dir, shown, "opps", &tables::OPPS, tables::opps)?,
        };
        let mut code_edits = code_edits;
        code_edits.add_on_not_carried = not_carried(dir, shown, &code_edits.add_on.0.name)?;
        let data = Data {
            hcpcs,
            notes,
            noc,
            notes_file: format!("{}/hcpcs/notes.tsv ({})", shown, notes_noc.0),
            noc_file: format!("{}/hcpcs/noc.tsv ({})", shown, notes_noc.1),
            code_edits,
        };
        data.check()?;
        Ok(data)
    }

    /// The current HCPCS release.
    pub fn current(&self) -> &HcpcsRelease {
        // `load` refuses a data directory without a release.
        &self.hcpcs[self.hcpcs.len() - 1]
    }

    /// Every NOC code is a current procedure; every note number a record names has its note.
    fn check(&self) -> Result<(), SourceError> {
        let current = self.current();
        for n in &self.noc {
            if !current
                .records
                .iter()
                .any(|r| r.code == Code::Procedure(n.code))
            {
                return Err(SourceError::new(
                    ErrorKind::Structure,
                    &self.noc_file,
                    Some(n.line),
                    "code (column 1)",
                    n.code.to_string(),
                    format!("NOC code is not in release {}", current.name),
                ));
            }
        }
        for rel in &self.hcpcs {
            for r in &rel.records {
                if let Some(n) = r.processing_note {
                    if !self.notes.iter().any(|note| note.number == n) {
                        return Err(SourceError::new(
                            ErrorKind::Structure,
                            &self.notes_file,
                            None,
                            "processing note",
                            format!("{n:04}"),
                            format!(
                                "record {} of release {} refers to a note this file does not have",
                                r.code, rel.name
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// `add_on/not_carried.tsv` in force in `release`.
fn not_carried(
    dir: &Path,
    shown: &str,
    release: &str,
) -> Result<Vec<(HcpcsCode, u16, u16)>, Error> {
    let t = Table::read(dir, shown, "add_on/not_carried.tsv")?;
    let layout = &tables::ADD_ON_NOT_CARRIED;
    let mut out: Vec<(HcpcsCode, u16, u16)> = Vec::new();
    for r in text::as_of(&t.rows(layout)?, layout, release) {
        let mut c = r.cells(layout, &t.name);
        let code = c.code()?;
        let role = c.text()?;
        let n: u16 = c.number()?;
        let slot = match out.last_mut() {
            Some(last) if last.0 == code => last,
            _ => {
                out.push((code, 0, 0));
                out.last_mut().ok_or("unreachable")?
            }
        };
        match role.as_str() {
            "add_on" => slot.1 = n,
            "primary" => slot.2 = n,
            other => {
                return Err(SourceError::new(
                    ErrorKind::UnknownValue,
                    &t.name,
                    Some(r.line),
                    "role (column 2)",
                    other,
                    "expected add_on or primary",
                )
                .into())
            }
        }
    }
    Ok(out)
}

/// The newest release of a dataset.
fn newest<T>(
    mut all: Vec<(DatasetRelease, Vec<T>)>,
    name: &str,
) -> Result<(DatasetRelease, Vec<T>), Error> {
    all.pop()
        .ok_or_else(|| format!("{name}/releases.tsv: no release").into())
}

/// Every release of a code-edit dataset and its rows, oldest first.
fn load_edits<T>(
    dir: &Path,
    shown: &str,
    name: &str,
    layout: &Layout,
    typed: fn(&Row<'_>, &str) -> Result<T, SourceError>,
) -> Result<Vec<(DatasetRelease, Vec<T>)>, Error> {
    let meta = Table::read(dir, shown, &format!("{name}/releases.tsv"))?;
    let mut releases = Vec::new();
    for row in meta.rows(&tables::DATASET_RELEASES)? {
        let mut c = row.cells(&tables::DATASET_RELEASES, &meta.name);
        let rel = DatasetRelease {
            name: c.text()?,
            effective: c.date()?,
            source_file: c.text()?,
            rows: count(&mut c)?,
            rows_not_carried: count(&mut c)?,
        };
        releases.push((row.line, rel));
    }
    if releases.is_empty() {
        return Err(format!("{}: no release", meta.name).into());
    }
    let table = Table::read(dir, shown, &format!("{name}/rows.tsv"))?;
    let rows = table.rows(layout)?;
    let mut out = Vec::new();
    for (line, rel) in releases {
        let typed = text::as_of(&rows, layout, &rel.name)
            .map(|r| typed(r, &table.name))
            .collect::<Result<Vec<_>, _>>()?;
        if typed.len() != rel.rows {
            return Err(SourceError::new(
                ErrorKind::Structure,
                &meta.name,
                Some(line),
                "rows (column 4)",
                rel.rows.to_string(),
                format!(
                    "{} holds {} rows in release {}",
                    table.name,
                    typed.len(),
                    rel.name
                ),
            )
            .into());
        }
        out.push((rel, typed));
    }
    Ok(out)
}
