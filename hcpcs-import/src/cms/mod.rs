//! Validating parsers of the CMS source files, one module per format.
//!
//! The importer turns what they read into the `hcpcs` crate's `data/` files. Every field is checked; a bad
//! record is a [`SourceError`] naming the file, the line, the field (with its columns) and the
//! offending text. The parsers take bytes and a file name, so they can be tested on small fixtures
//! (and fuzzed) without touching the file system.
//!
//! ```
//! use hcpcs_import::cms::{level2_text, ErrorKind};
//! let err = level2_text::parse(b"Q2057001009", "fixture.txt").unwrap_err();
//! assert_eq!(err.kind, ErrorKind::RecordId);
//! assert_eq!(
//!     err.to_string(),
//!     "fixture.txt:1: record identification code (column 11): \
//!      expected 3, 4, 7 or 8: \"9\""
//! );
//! ```

pub use hcpcs_core::error::{ErrorKind, SourceError};

pub mod add_on;
mod csv_rows;
pub mod fee_schedule;
pub mod level2_text;
pub mod level2_xlsx;
pub mod mue;
pub mod noc;
pub mod opps;
pub mod proc_notes;

/// A long description with every run of blanks as one blank. CMS's two formats of one release differ
/// in nothing else: the text file wraps the description at 80 columns (a line's trailing blanks are
/// lost where the lines are joined), the workbook keeps the blanks of the unwrapped text (G0417's
/// "needle  biopsy"). Both readers squeeze, so a release read from either format, and the history
/// across formats, reports only the changes CMS made to the words.
pub fn squeeze_blanks(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a whole file for one of the parsers, mapping failure to a [`SourceError`].
pub fn read(path: &std::path::Path) -> Result<Vec<u8>, SourceError> {
    std::fs::read(path).map_err(|e| SourceError::io(&path.display().to_string(), &e))
}

/// Splits `bytes` into lines (LF or CRLF), 1-based, checking that every byte is ASCII.
pub(crate) fn ascii_lines<'a>(
    bytes: &'a [u8],
    file: &'a str,
) -> impl Iterator<Item = Result<(usize, &'a str), SourceError>> + 'a {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    body.split(|&b| b == b'\n')
        .enumerate()
        .map(move |(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let n = i + 1;
            if let Some(col) = raw.iter().position(|b| !b.is_ascii()) {
                let text = String::from_utf8_lossy(&raw[col..raw.len().min(col + 20)]).into_owned();
                return Err(SourceError::new(
                    ErrorKind::Encoding,
                    file,
                    Some(n),
                    format!("column {}", col + 1),
                    text,
                    format!("byte 0x{:02X} is not ASCII", raw[col]),
                ));
            }
            // Every byte is ASCII, so this cannot fail.
            core::str::from_utf8(raw).map(|s| (n, s)).map_err(|e| {
                SourceError::new(
                    ErrorKind::Encoding,
                    file,
                    Some(n),
                    "line",
                    "",
                    e.to_string(),
                )
            })
        })
}

/// The first worksheet of an xlsx workbook, and the 0-based row index its range starts at.
pub(crate) fn first_sheet(
    bytes: &[u8],
    file: &str,
) -> Result<(calamine::Range<calamine::Data>, usize), SourceError> {
    use calamine::{Reader, Xlsx};
    let structure = |field: &str, problem: String| {
        SourceError::new(ErrorKind::Structure, file, None, field, "", problem)
    };
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| structure("workbook", format!("not a readable xlsx workbook: {e}")))?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| structure("workbook", "no worksheet".into()))?;
    // What calamine's `worksheet_range` does (every non-empty cell, then a dense range over their
    // bounds), with the bounds checked first: two cells far apart in a damaged or hostile file would
    // otherwise make it allocate rows x columns cells (the fuzzer found one asking for 500 GB).
    let mut reader = match wb.worksheet_cells_reader(&name) {
        Ok(r) => r,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok((calamine::Range::default(), 0)),
        Err(e) => return Err(structure("worksheet 1", e.to_string())),
    };
    let mut cells = Vec::new();
    let (mut rows, mut cols) = ((u32::MAX, 0), (u32::MAX, 0));
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| structure("worksheet 1", e.to_string()))?
    {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        rows = (rows.0.min(r), rows.1.max(r));
        cols = (cols.0.min(c), cols.1.max(c));
        cells.push(calamine::Cell::new(
            (r, c),
            calamine::Data::from(cell.get_value().clone()),
        ));
    }
    if !cells.is_empty() {
        let (h, w) = (
            u64::from(rows.1 - rows.0) + 1,
            u64::from(cols.1 - cols.0) + 1,
        );
        if h.saturating_mul(w) > MAX_SHEET_CELLS {
            return Err(structure(
                "worksheet 1",
                format!(
                    "its cells span {h} rows x {w} columns, more than the {MAX_SHEET_CELLS} cells \
                     a CMS workbook needs"
                ),
            ));
        }
    }
    let range = calamine::Range::from_sparse(cells);
    let row0 = range.start().map_or(0, |(r, _)| r as usize);
    Ok((range, row0))
}

/// The most cells (rows x columns between the first and the last non-empty cell) a worksheet may
/// span: the largest CMS workbook read here, the ANWEB file, spans about 9,000 x 48.
const MAX_SHEET_CELLS: u64 = 5_000_000;

/// `Ok(out)`, or the error for a file that holds no records (`what`: "no HCPCS records", ...).
pub(crate) fn non_empty<T>(out: Vec<T>, file: &str, what: &str) -> Result<Vec<T>, SourceError> {
    if out.is_empty() {
        return Err(SourceError::new(
            ErrorKind::Empty,
            file,
            None,
            "file",
            "",
            what,
        ));
    }
    Ok(out)
}

/// The rows of a workbook's first sheet as text cells (whole numbers as their digits), with their
/// 1-based row numbers: for reading CMS companion workbooks such as the transaction report.
pub fn sheet_rows(bytes: &[u8], file: &str) -> Result<Vec<(usize, Vec<String>)>, SourceError> {
    use calamine::Data;
    let (range, row0) = first_sheet(bytes, file)?;
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    other => other.to_string(),
                })
                .collect();
            (row0 + i + 1, cells)
        })
        .collect())
}
