//! CSV helpers shared by the readers of CMS's CSV files (the fee schedule and the MUE table): records
//! read as ISO-8859-1 with their real line numbers, and a row reader whose errors name the column.

use hcpcs_core::code::HcpcsCode;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::fee::Decimal;
use hcpcs_core::indicator::CmsValue;

/// A row being read, for precise errors.
pub(crate) struct Row<'a> {
    pub(crate) cells: &'a csv::StringRecord,
    pub(crate) line: usize,
    pub(crate) file: &'a str,
    pub(crate) names: &'a [&'a str],
    /// Where each name's cell is (identity for fixed layouts).
    pub(crate) columns: &'a [usize],
}

impl<'a> Row<'a> {
    /// A data row whose number of cells must be `width` (the header's); the error names the line
    /// and shows the row.
    pub(crate) fn checked(
        cells: &'a csv::StringRecord,
        line: usize,
        file: &'a str,
        names: &'a [&'a str],
        columns: &'a [usize],
        width: usize,
    ) -> Result<Row<'a>, SourceError> {
        check_width(cells, width, line, file)?;
        Ok(Row {
            cells,
            line,
            file,
            names,
            columns,
        })
    }

    /// The cell of field `i` (a position in `names`).
    pub(crate) fn cell(&self, i: usize) -> &str {
        self.columns
            .get(i)
            .and_then(|&c| self.cells.get(c))
            .unwrap_or("")
    }

    pub(crate) fn err(&self, kind: ErrorKind, i: usize, problem: impl Into<String>) -> SourceError {
        let name = self.names.get(i).copied().unwrap_or("?");
        SourceError::new(
            kind,
            self.file,
            Some(self.line),
            format!(
                "{name} (column {})",
                self.columns.get(i).map_or(0, |c| c + 1)
            ),
            self.cell(i),
            problem,
        )
    }

    pub(crate) fn value<T: CmsValue>(&self, i: usize) -> Result<T, SourceError> {
        let t = self.cell(i).trim();
        if t.is_empty() {
            return Err(self.err(ErrorKind::Blank, i, "must not be blank"));
        }
        T::from_cms_code(t).ok_or_else(|| {
            self.err(
                ErrorKind::UnknownValue,
                i,
                format!("not a {} the CMS documentation defines", T::FIELD),
            )
        })
    }

    pub(crate) fn decimal(&self, i: usize, scale: u8) -> Result<Decimal, SourceError> {
        Decimal::parse_exact(self.cell(i).trim())
            .and_then(|d| d.rescale(scale))
            .ok_or_else(|| {
                self.err(
                    ErrorKind::Number,
                    i,
                    format!("expected a decimal number with at most {scale} decimals"),
                )
            })
    }

    pub(crate) fn flag(&self, i: usize, set: &str) -> Result<bool, SourceError> {
        match self.cell(i).trim() {
            "" => Ok(false),
            t if t == set => Ok(true),
            _ => Err(self.err(
                ErrorKind::UnknownValue,
                i,
                format!("expected blank or {set:?}"),
            )),
        }
    }

    pub(crate) fn code(&self, i: usize) -> Result<HcpcsCode, SourceError> {
        HcpcsCode::parse(self.cell(i)).map_err(|e| self.err(ErrorKind::Code, i, e.to_string()))
    }
}

/// The error for a row whose number of cells is not the header's.
fn check_width(
    cells: &csv::StringRecord,
    width: usize,
    line: usize,
    file: &str,
) -> Result<(), SourceError> {
    if cells.len() == width {
        return Ok(());
    }
    Err(SourceError::new(
        ErrorKind::Structure,
        file,
        Some(line),
        "row",
        cells.iter().collect::<Vec<_>>().join(","),
        format!("{} columns, expected {width}", cells.len()),
    ))
}

/// Reads CSV records with their 1-based line numbers; `bytes` in ISO-8859-1 (every byte one character).
///
/// Line numbers are counted here from each record's byte offset: the `csv` crate's own line count
/// drifts on CRLF files.
pub(crate) fn latin1_records(
    bytes: &[u8],
    file: &str,
) -> Result<Vec<(usize, csv::StringRecord)>, SourceError> {
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // On CRLF files a record's offset points at the previous line's LF, hence `<=`.
    let line_of = |byte: u64| newlines.partition_point(|&n| (n as u64) <= byte) + 1;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| line_of(p.byte()));
            SourceError::new(
                ErrorKind::Structure,
                file,
                line,
                "CSV record",
                "",
                e.to_string(),
            )
        })?;
        let line = rec.position().map_or(0, |p| line_of(p.byte()));
        out.push((line, rec));
    }
    Ok(out)
}
