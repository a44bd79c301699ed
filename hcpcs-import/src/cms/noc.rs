//! CMS's list of "not otherwise classified" codes (`NOC codes_JAN2026.xlsx`): one sheet, a header row
//! whose first cell is `HCPCS`, then one code a row in column A (long description, add date and term
//! date beside it).

use calamine::Data;

use hcpcs_core::code::HcpcsCode;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::NocRow;

/// Reads the NOC workbook and returns its codes in row order, each with its 1-based row.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<NocRow>, SourceError> {
    let err = |kind, row: Option<usize>, field: &str, text: &str, problem: String| {
        SourceError::new(kind, file, row, field, text, problem)
    };
    let (range, row0) = super::first_sheet(bytes, file)?;
    let mut header = None;
    let mut out = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = row0 + i + 1;
        let a = match row.first() {
            Some(Data::String(s)) => s.trim(),
            Some(Data::Empty) | None => continue,
            Some(other) => {
                if header.is_some() {
                    return Err(err(
                        ErrorKind::Code,
                        Some(r),
                        "HCPCS (column A)",
                        &other.to_string(),
                        "expected a code as text".into(),
                    ));
                }
                continue;
            }
        };
        if header.is_none() {
            if a.eq_ignore_ascii_case("HCPCS") {
                header = Some(r);
            }
            continue;
        }
        if a.is_empty() {
            continue;
        }
        let code = HcpcsCode::parse(a).map_err(|e| {
            err(
                ErrorKind::Code,
                Some(r),
                "HCPCS (column A)",
                a,
                e.to_string(),
            )
        })?;
        out.push(NocRow { line: r, code });
    }
    if header.is_none() {
        return Err(err(
            ErrorKind::Structure,
            None,
            "header",
            "",
            "no header row with HCPCS in column A".into(),
        ));
    }
    super::non_empty(out, file, "no codes below the header")
}
