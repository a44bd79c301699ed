//! The error every reader of a data source returns: a CMS file (the importer's parsers) or one of the
//! project's own `data/` files (the [`crate::text`] reader), always located to file, line and field.

use core::fmt;

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
