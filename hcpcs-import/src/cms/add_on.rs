//! NCCI add-on code edits (`AOC_V2026Q2-MCR.xlsx`): a copyright row, a header row, then one row per
//! (add-on code, primary code) relation. Dates are text in CMS Julian form `YYYYDDD`; the primary code
//! `CCCCC` means "contractor defined".

use calamine::Data;
use chrono::NaiveDate;

use hcpcs_core::code::HcpcsCode;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::fee::AocEditType;
use hcpcs_core::indicator::CmsValue;
use hcpcs_core::rows::AocRow;

/// The header row, in order.
pub const HEADER: [&str; 8] = [
    "AOC_Edit_Type",
    "Add-On_Code",
    "AOC_DelDT",
    "Primary_Code",
    "Primary_Code_DelDT",
    "AOC_Edit_EffDT",
    "AOC_Edit_DelDT",
    "Special_Instruction_Notes",
];

/// Parses a CMS Julian date `YYYYDDD` (2022001 = 2022-01-01).
pub fn julian(s: &str) -> Option<NaiveDate> {
    if s.len() != 7 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_yo_opt(s.get(..4)?.parse().ok()?, s.get(4..)?.parse().ok()?)
}

/// Parses the add-on code workbook. Rows come back in sheet order.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<AocRow>, SourceError> {
    let err = |kind, row: Option<usize>, field: &str, text: &str, problem: String| {
        SourceError::new(kind, file, row, field, text, problem)
    };
    let (range, row0) = super::first_sheet(bytes, file)?;
    let text = |c: Option<&Data>| -> Result<String, String> {
        match c {
            None | Some(Data::Empty) => Ok(String::new()),
            Some(Data::String(s)) => Ok(s.trim().to_string()),
            Some(Data::Int(i)) => Ok(i.to_string()),
            Some(Data::Float(f)) if f.fract() == 0.0 => Ok(format!("{f:.0}")),
            Some(other) => Err(other.to_string()),
        }
    };
    let mut header = None;
    let mut out = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = row0 + i + 1;
        let mut cells = Vec::with_capacity(8);
        for (c, name) in HEADER.iter().enumerate() {
            cells.push(text(row.get(c)).map_err(|t| {
                err(
                    ErrorKind::Encoding,
                    Some(r),
                    &format!("{name} (column {})", c + 1),
                    &t,
                    "expected text or a whole number".into(),
                )
            })?);
        }
        if header.is_none() {
            if cells.first().map(String::as_str) == Some(HEADER[0]) {
                if cells.iter().map(String::as_str).ne(HEADER) {
                    return Err(err(
                        ErrorKind::Structure,
                        Some(r),
                        "header",
                        &cells.join(","),
                        format!("expected {}", HEADER.join(",")),
                    ));
                }
                header = Some(r);
            }
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let field = |c: usize| format!("{} (column {})", HEADER[c], c + 1);
        let bad = |c: usize, kind, problem: &str| {
            err(kind, Some(r), &field(c), &cells[c], problem.to_string())
        };
        let code = |c: usize| {
            HcpcsCode::parse(&cells[c]).map_err(|e| bad(c, ErrorKind::Code, &e.to_string()))
        };
        let date = |c: usize| -> Result<Option<NaiveDate>, SourceError> {
            match cells[c].as_str() {
                "" => Ok(None),
                t => julian(t)
                    .map(Some)
                    .ok_or_else(|| bad(c, ErrorKind::Date, "expected a CMS Julian date YYYYDDD")),
            }
        };
        let edit_type = AocEditType::from_cms_code(&cells[0]).ok_or_else(|| {
            bad(
                0,
                ErrorKind::UnknownValue,
                "not an add-on edit type (1, 2, 3)",
            )
        })?;
        let primary = match cells[3].as_str() {
            "CCCCC" => None,
            _ => Some(code(3)?),
        };
        out.push(AocRow {
            line: r,
            edit_type,
            add_on: code(1)?,
            add_on_deleted: date(2)?,
            primary,
            primary_deleted: date(4)?,
            effective: date(5)?.ok_or_else(|| bad(5, ErrorKind::Blank, "must not be blank"))?,
            deleted: date(6)?,
            note: Some(cells[7].clone()).filter(|n| !n.is_empty()),
        });
    }
    if header.is_none() {
        return Err(err(
            ErrorKind::Structure,
            None,
            "header",
            "",
            format!("no header row {}", HEADER.join(",")),
        ));
    }
    super::non_empty(out, file, "no rows below the header")
}
