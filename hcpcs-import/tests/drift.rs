//! The committed `data/` against the CMS downloads in `../shared/data/` (CI runs these with
//! `--include-ignored`; without the downloads they fail, saying so).
//!
//! - drift: importing the downloads gives `data/` byte for byte;
//! - round trip: every row of every release of every dataset reads back from `data/` exactly as the
//!   CMS parser read it from the CMS file, field by field (the line numbers aside).

use std::path::PathBuf;

use hcpcs_core::code::Code;
use hcpcs_core::text::{self, tables, Layout, Row};
use hcpcs_import::{datasets, is_public, CodeEdits};

fn cms_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    assert!(
        dir.join("hcpcs").is_dir(),
        "the drift test needs the CMS downloads at {}: they are not there",
        dir.display()
    );
    dir
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
}

#[test]
#[ignore = "needs the CMS downloads in ../shared/data (CI: --include-ignored)"]
fn importing_the_cms_downloads_gives_the_committed_data_byte_for_byte() {
    let files = hcpcs_import::import(&cms_dir()).unwrap();
    assert!(files.len() >= 11);
    let differ = hcpcs_import::drift(&data_dir(), &files);
    assert!(
        differ.is_empty(),
        "data/ is not what the importer writes from the CMS downloads: {differ:?}; \
         run `cargo run -p hcpcs-import -- ../shared/data` and commit the result"
    );
}

/// The rows of `file` in force in `release`, typed.
fn read_back<T>(
    file: &str,
    layout: &Layout,
    release: &str,
    typed: fn(&Row<'_>, &str) -> T,
) -> Vec<T> {
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    let rows = text::parse(&text, file, layout).unwrap();
    text::as_of(&rows, layout, release)
        .map(|r| typed(r, file))
        .collect()
}

#[test]
#[ignore = "needs the CMS downloads in ../shared/data (CI: --include-ignored)"]
fn every_field_of_every_release_reads_back_as_the_cms_file_has_it() {
    let cms = cms_dir();
    let mut checked = 0;
    for r in datasets::releases(&cms, &datasets::HCPCS).unwrap() {
        let mut src: Vec<_> = hcpcs_import::parse_anweb(&r.path).unwrap();
        src.retain(|s| s.code.descriptions_are_public_domain());
        let mut back: Vec<_> = ["hcpcs/procedures.tsv", "hcpcs/modifiers.tsv"]
            .iter()
            .flat_map(|f| {
                read_back(f, &tables::RECORDS, &r.release, |row, f| {
                    tables::record(row, f).unwrap()
                })
            })
            .collect();
        let key = |c: &Code| (matches!(c, Code::Modifier(_)), *c);
        src.sort_by_key(|s| key(&s.code));
        back.sort_by_key(|s| key(&s.code));
        assert_eq!(src.len(), back.len(), "{}", r.release);
        for (s, b) in src.iter_mut().zip(&back) {
            s.line = b.line;
            assert_eq!(s, b, "{} {}", r.release, s.code);
            checked += 1;
        }
    }
    for spec in datasets::CODE_EDITS {
        for r in datasets::releases(&cms, &spec).unwrap() {
            let file = format!("{}/rows.tsv", spec.name);
            let n = match hcpcs_import::parse_code_edits(&spec, &r).unwrap() {
                CodeEdits::FeeSchedule(rows, _) => same(
                    rows.iter()
                        .filter(|x| is_public(x.code))
                        .map(tables::fee_cells),
                    read_back(&file, &tables::FEE_SCHEDULE, &r.release, |row, f| {
                        tables::fee_cells(&tables::fee(row, f).unwrap())
                    }),
                ),
                CodeEdits::Mue(rows) => same(
                    rows.iter()
                        .filter(|x| is_public(x.code))
                        .map(tables::mue_cells),
                    read_back(&file, &tables::MUE, &r.release, |row, f| {
                        tables::mue_cells(&tables::mue(row, f).unwrap())
                    }),
                ),
                CodeEdits::AddOn(rows) => same(
                    rows.iter()
                        .filter(|x| is_public(x.add_on) && x.primary.is_none_or(is_public))
                        .map(tables::add_on_cells),
                    read_back(&file, &tables::ADD_ON, &r.release, |row, f| {
                        tables::add_on_cells(&tables::add_on(row, f).unwrap())
                    }),
                ),
                CodeEdits::Opps(rows) => same(
                    rows.iter()
                        .filter(|x| is_public(x.code))
                        .map(tables::opps_cells),
                    read_back(&file, &tables::OPPS, &r.release, |row, f| {
                        tables::opps_cells(&tables::opps(row, f).unwrap())
                    }),
                ),
            };
            assert!(n > 50, "{} {}", spec.name, r.release);
            checked += n;
        }
    }
    assert!(checked > 30_000, "{checked}");
}

/// The two sides hold the same rows (as their cells: every field, typed then written); how many.
fn same(cms: impl Iterator<Item = text::Cells2>, back: Vec<text::Cells2>) -> usize {
    let mut cms: Vec<_> = cms.collect();
    let mut back = back;
    cms.sort();
    back.sort();
    assert_eq!(cms.len(), back.len());
    for (a, b) in cms.iter().zip(&back) {
        assert_eq!(a, b);
    }
    cms.len()
}

#[test]
fn data_directory_has_no_cpt_or_cdt_row() {
    // Every key column of every table is a Level II code (or CCCCC / a note number / a release).
    for f in [
        "hcpcs/procedures.tsv",
        "fee_schedule/rows.tsv",
        "mue/rows.tsv",
        "add_on/rows.tsv",
        "add_on/not_carried.tsv",
        "opps/rows.tsv",
    ] {
        let text = std::fs::read_to_string(data_dir().join(f)).unwrap();
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let code = line.split('\t').next().unwrap();
            let c: hcpcs_core::code::HcpcsCode = code.parse().unwrap();
            assert!(is_public(c), "{f}: {line}");
        }
    }
}
