//! OPPS Addendum B, as the per-code extracts the project has: a CSV with the header
//! `HCPCSCode,ShortDescriptor,StatusIndicator,PaymentRate,Changed?,Source`, one row a code. Columns
//! are found by header name (`HCPCSCode`, `StatusIndicator`, `PaymentRate` are required; the short
//! descriptor — AMA text for CPT codes — is never read).
//!
//! What the three quarters' files do, each handled here on purpose:
//! - an absent payment rate is `""` (October 2025) or an empty field (January and April 2026): both
//!   read as no rate;
//! - a `Source` label that is the converter's, not the release (`2026-02` in the January 2026 file):
//!   not read; the release is the folder's;
//! - a code cell ending in a 0xA0 no-break space (`A4341`, `G0465` in April 2026, as in the CMS
//!   workbook): the trailing no-break spaces are dropped, anything else after a code is an error;
//! - rates written with one decimal (`770620.0`): read exactly, at scale 2; about 500 rates a quarter
//!   (vaccines, radiopharmaceuticals: `90371` at `134.194`) have three decimals: kept exactly, at
//!   scale 3.

use hcpcs_core::code::HcpcsCode;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::OppsRow;

use super::csv_rows::{latin1_records, Row};

/// The columns the reader needs, by their header names.
pub const COLUMNS: [&str; 3] = ["HCPCSCode", "StatusIndicator", "PaymentRate"];

/// Parses an Addendum B extract. Rows come back in file order.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<OppsRow>, SourceError> {
    let records = latin1_records(bytes, file)?;
    let Some((hline, header)) = records.first() else {
        return Err(SourceError::new(
            ErrorKind::Empty,
            file,
            None,
            "file",
            "",
            "no header row",
        ));
    };
    let mut columns = [usize::MAX; 3];
    for (i, name) in COLUMNS.iter().enumerate() {
        columns[i] = header
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or_else(|| {
                SourceError::new(
                    ErrorKind::Structure,
                    file,
                    Some(*hline),
                    "header",
                    header.iter().collect::<Vec<_>>().join(","),
                    format!("no column {name:?} (expected {})", COLUMNS.join(", ")),
                )
            })?;
    }
    let width = header.len();
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (line, cells) in &records[1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let r = Row::checked(cells, *line, file, &COLUMNS, &columns, width)?;
        // The CMS workbook (and so the extract) ends two codes with no-break spaces.
        let code_text = r.cell(0).trim_end_matches('\u{a0}');
        let code =
            HcpcsCode::parse(code_text).map_err(|e| r.err(ErrorKind::Code, 0, e.to_string()))?;
        if let Some(first) = seen.insert(code, *line) {
            return Err(r.err(
                ErrorKind::Duplicate,
                0,
                format!("a second row for this code (the first is on line {first})"),
            ));
        }
        let status_indicator = r.value(1)?;
        let payment_rate = match r.cell(2).trim() {
            "" => None,
            t => Some(
                hcpcs_core::fee::Decimal::parse_exact(t)
                    .and_then(|d| d.rescale(d.scale().max(2)))
                    .filter(|d| d.scale() <= 3 && d.units() >= 0)
                    .ok_or_else(|| {
                        r.err(
                            ErrorKind::Number,
                            2,
                            "expected an amount with at most 3 decimals",
                        )
                    })?,
            ),
        };
        out.push(OppsRow {
            line: *line,
            code,
            status_indicator,
            payment_rate,
            apc: None,
            relative_weight: None,
            minimum_copayment: None,
        });
    }
    super::non_empty(out, file, "no rows below the header")
}
