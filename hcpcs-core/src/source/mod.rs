//! Validating parsers of the CMS source files (feature `source`).
//!
//! These are what `hcpcs`'s build script compiles into static tables. Every field is checked; a bad
//! record is a [`SourceError`] naming the file, the line, the field (with its columns) and the
//! offending text. The parsers take bytes and a file name, so they can be tested on small fixtures
//! (and fuzzed) without touching the file system.
//!
//! ```
//! use hcpcs_core::source::{fixed_width, ErrorKind};
//! let err = fixed_width::parse(b"Q2057001009", "fixture.txt").unwrap_err();
//! assert_eq!(err.kind, ErrorKind::RecordId);
//! assert_eq!(
//!     err.to_string(),
//!     "fixture.txt:1: record identification code (column 11): \
//!      expected 3, 4, 7 or 8: \"9\""
//! );
//! ```

use core::fmt;

pub mod aoc;
pub mod fixed_width;
pub mod mue;
pub mod noc;
pub mod notes;
pub mod pfs;
pub mod workbook;

/// The class of a source-file failure (what [`SourceError::kind`] says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file holds no records.
    Empty,
    /// A byte that is not ASCII (or, in a workbook, a cell that is not text where text is needed).
    Encoding,
    /// A line shorter than its record type needs.
    Truncated,
    /// A line longer than the layout, with text past the last column.
    TooLong,
    /// A record identification code that is not 3, 4, 7 or 8.
    RecordId,
    /// A continuation line (record id 4 or 8) with no first line of the same code before it.
    OrphanContinuation,
    /// A second record for a code already seen.
    Duplicate,
    /// A malformed HCPCS code or modifier.
    Code,
    /// A date that is not a real YYYYMMDD date.
    Date,
    /// A number field that is not a number.
    Number,
    /// A value that the record layout does not define for an enumerated field.
    UnknownValue,
    /// A field that must be filled is blank, or one that must be blank is not.
    Blank,
    /// A file-level inconsistency (a missing header, a reference to nothing, ...).
    Structure,
}

/// A source file that cannot be compiled, with everything needed to find and fix the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The file (as given to the parser).
    pub file: String,
    /// 1-based line (or spreadsheet row); `None` for whole-file failures.
    pub line: Option<usize>,
    /// The field, with its columns where the layout gives them (`"action code (column 293)"`).
    pub field: String,
    /// The offending text, exactly as in the file.
    pub text: String,
    /// What is wrong with it.
    pub problem: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": {}: {}: {:?}", self.field, self.problem, self.text)
    }
}

impl std::error::Error for SourceError {}

impl SourceError {
    /// A new error.
    pub fn new(
        kind: ErrorKind,
        file: &str,
        line: Option<usize>,
        field: impl Into<String>,
        text: impl Into<String>,
        problem: impl Into<String>,
    ) -> SourceError {
        SourceError {
            kind,
            file: file.to_string(),
            line,
            field: field.into(),
            text: text.into(),
            problem: problem.into(),
        }
    }

    /// A file that could not be read.
    pub fn io(file: &str, e: &std::io::Error) -> SourceError {
        SourceError::new(
            ErrorKind::Io,
            file,
            None,
            "file",
            file,
            format!("cannot read: {e}"),
        )
    }
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
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| structure("workbook", "no worksheet".into()))?
        .map_err(|e| structure("worksheet 1", e.to_string()))?;
    let row0 = range.start().map_or(0, |(r, _)| r as usize);
    Ok((range, row0))
}

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
