//! The build trusts nothing in `data/`: a copy of the crate's `data/` with one line broken fails to
//! load with the file, line, column and offending text, one test per class of damage.

use std::path::{Path, PathBuf};

use hcpcs_build::Data;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data");

/// A copy of `data/` in a temporary directory, removed on drop.
struct Copy(PathBuf);

impl Copy {
    fn new(tag: &str) -> Copy {
        let dir = std::env::temp_dir().join(format!("hcpcs-build-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy(Path::new(DATA), &dir);
        Copy(dir)
    }

    /// Replaces the first occurrence of `from` in `file` with `to`; returns its 1-based line.
    fn edit(&self, file: &str, from: &str, to: &str) -> usize {
        let p = self.0.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not in {file}"));
        let line = text[..at].matches('\n').count() + 1;
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        line
    }

    fn load(&self) -> String {
        Data::load(&self.0, "data", None)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn the_committed_data_loads() {
    let d = Data::load(Path::new(DATA), "data", None).unwrap();
    assert!(d.hcpcs.len() >= 2);
    assert!(d.current().records.len() > 9_000);
}

#[test]
fn a_bad_date_names_file_line_column_and_text() {
    let c = Copy::new("date");
    let line = c.edit(
        "hcpcs/procedures.tsv",
        "\t2025-04-01\t2026-01-01\t\tP",
        "\t2025-13-41\t2026-01-01\t\tP",
    );
    assert_eq!(
        c.load(),
        format!("data/hcpcs/procedures.tsv:{line}: added (column 22): expected a real YYYY-MM-DD date: \"2025-13-41\"")
    );
}

#[test]
fn an_unknown_indicator_is_refused() {
    let c = Copy::new("betos");
    let line = c.edit("hcpcs/procedures.tsv", "\tO1D\t1 P\t", "\tQ9Q\t1 P\t");
    let e = c.load();
    assert!(
        e.starts_with(&format!(
            "data/hcpcs/procedures.tsv:{line}: betos (column 19): not a BETOS code"
        )),
        "{e}"
    );
    assert!(e.ends_with("\"Q9Q\""), "{e}");
}

#[test]
fn a_missing_cell_a_bad_code_and_unsorted_rows_are_refused() {
    let c = Copy::new("cells");
    let line = c.edit("mue/rows.tsv", "\t2026-04\t1\t", "\t2026-04\t");
    let e = c.load();
    assert!(
        e.starts_with(&format!(
            "data/mue/rows.tsv:{line}: row: 4 cells, the header has 5"
        )),
        "{e}"
    );

    // The last row's code, made malformed (the rows stay sorted).
    let c = Copy::new("code");
    let text = std::fs::read_to_string(c.0.join("fee_schedule/rows.tsv")).unwrap();
    let last = text.lines().last().unwrap();
    let line = text.lines().count();
    let code = last.split('\t').next().unwrap();
    let bad = format!("{}x", &code[..4]);
    c.edit("fee_schedule/rows.tsv", last, &last.replacen(code, &bad, 1));
    let e = c.load();
    assert!(
        e.starts_with(&format!(
            "data/fee_schedule/rows.tsv:{line}: code (column 1): bad character 'x' at position 5"
        )),
        "{e}"
    );
    assert!(e.ends_with(&format!("{bad:?}")), "{e}");

    let c = Copy::new("sorted");
    let text = std::fs::read_to_string(c.0.join("add_on/rows.tsv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    lines.swap(n - 1, n - 2);
    std::fs::write(c.0.join("add_on/rows.tsv"), lines.join("\n") + "\n").unwrap();
    let e = c.load();
    assert!(
        e.starts_with(&format!(
            "data/add_on/rows.tsv:{n}: key: rows must be sorted"
        )),
        "{e}"
    );
}

#[test]
fn counts_that_disagree_with_releases_tsv_are_refused() {
    let c = Copy::new("count");
    let line = c.edit("hcpcs/releases.tsv", "\t8623\t383\t", "\t8624\t383\t");
    let e = c.load();
    assert!(
        e.starts_with(&format!("data/hcpcs/releases.tsv:{line}: procedures: ")),
        "{e}"
    );
    assert!(
        e.contains("holds 8623 procedures in release 2026-01"),
        "{e}"
    );
}

#[test]
fn a_bad_escape_and_a_missing_file_are_refused() {
    let c = Copy::new("escape");
    let line = c.edit(
        "hcpcs/notes.tsv",
        "\t2026-01\tTHIS PROCESSING NOTE",
        "\t2026-01\tTHIS \\q PROCESSING NOTE",
    );
    let e = c.load();
    assert!(
        e.starts_with(&format!(
            "data/hcpcs/notes.tsv:{line}: text (column 3): a backslash must start"
        )),
        "{e}"
    );

    let c = Copy::new("missing");
    std::fs::remove_file(c.0.join("mue/rows.tsv")).unwrap();
    let e = c.load();
    assert!(
        e.starts_with("data/mue/rows.tsv: file: cannot read:"),
        "{e}"
    );
}
