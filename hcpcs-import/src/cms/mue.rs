//! NCCI medically unlikely edits, practitioner services (`MCR_MUE_PractitionerServices_*.csv`):
//! ISO-8859-1, a copyright notice record, a header whose first cell holds a line break, then one row a
//! code: code, MUE value, adjudication indicator (`2 Date of Service Edit: Policy`), rationale.

use super::csv_rows::{latin1_records, Row};
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::fee::MueAdjudication;
use hcpcs_core::rows::MueRow;

const NAMES: [&str; 4] = [
    "HCPCS/CPT Code",
    "Practitioner Services MUE Values",
    "MUE Adjudication Indicator",
    "MUE Rationale",
];

/// Parses the MUE table. Rows come back in file order.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<MueRow>, SourceError> {
    let records = latin1_records(bytes, file)?;
    let start = records
        .iter()
        .position(|(_, r)| {
            r.get(0).is_some_and(|c| c.starts_with("HCPCS"))
                && r.get(1).is_some_and(|c| c.contains("MUE"))
        })
        .ok_or_else(|| {
            SourceError::new(
                ErrorKind::Structure,
                file,
                None,
                "header",
                "",
                "no header row (HCPCS/CPT Code, ... MUE Values, ...)",
            )
        })?;
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (line, cells) in &records[start + 1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let r = Row::checked(cells, *line, file, &NAMES, &[0, 1, 2, 3], 4)?;
        let code = r.code(0)?;
        if let Some(first) = seen.insert(code, *line) {
            return Err(r.err(
                ErrorKind::Duplicate,
                0,
                format!("a second row for this code (the first is on line {first})"),
            ));
        }
        let value = r.cell(1).trim();
        let value: u32 = match value.parse() {
            Ok(v) if value.bytes().all(|b| b.is_ascii_digit()) => v,
            _ => return Err(r.err(ErrorKind::Number, 1, "expected a whole number")),
        };
        // "2 Date of Service Edit: Policy": the code, then the description RVU's table gives it.
        let ind = r.cell(2).trim();
        let adjudication = ind
            .split_once(' ')
            .and_then(|(c, d)| MueAdjudication::from_code(c).filter(|a| a.description() == d.trim()))
            .ok_or_else(|| r.err(ErrorKind::UnknownValue, 2, "not an MUE adjudication indicator (1 Line Edit, 2 Date of Service Edit: Policy, 3 Date of Service Edit: Clinical)"))?;
        out.push(MueRow {
            line: *line,
            code,
            value,
            adjudication,
            rationale: r.value(3)?,
        });
    }
    super::non_empty(out, file, "no rows below the header")
}
