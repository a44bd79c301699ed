//! The Medicare Physician Fee Schedule national relative value file (`PPRRVU25_JAN.csv`,
//! `PPRRVU2026_Jul_nonQPP.csv`): title rows, a column header stacked over several rows, then one row
//! per (HCPCS, modifier).
//!
//! Columns are found by their full name (the stacked header rows joined, as RVU25A names them), not by
//! position: the 2025 files have 31 columns, the 2026 files 32 (PRIC IND, between TEAM SURG and ENDO
//! BASE). A column the reader does not know, or a known one missing, fails with the column's name.

use hcpcs_core::code::Modifier;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::FeeRow;

use super::csv_rows::{latin1_records, Row};

/// Every column the reader knows, by its full name (RVU25A; PRIC IND from the 2026 files). All are
/// required but PRIC IND, which files before 2026 do not have.
pub const COLUMNS: [&str; 32] = [
    "HCPCS",
    "MOD",
    "DESCRIPTION",
    "STATUS CODE",
    "NOT USED FOR MEDICARE PAYMENT",
    "WORK RVU",
    "NON-FAC PE RVU",
    "NON-FAC NA INDICATOR",
    "FACILITY PE RVU",
    "FACILITY NA INDICATOR",
    "MP RVU",
    "NON-FACILITY TOTAL",
    "FACILITY TOTAL",
    "PCTC IND",
    "GLOB DAYS",
    "PRE OP",
    "INTRA OP",
    "POST OP",
    "MULT PROC",
    "BILAT SURG",
    "ASST SURG",
    "CO-SURG",
    "TEAM SURG",
    "PRIC IND",
    "ENDO BASE",
    "CONV FACTOR",
    "PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES",
    "CALCULATION FLAG",
    "DIAGNOSTIC IMAGING FAMILY INDICATOR",
    "NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT",
    "FACILITY PE USED FOR OPPS PAYMENT AMOUNT",
    "MP USED FOR OPPS PAYMENT AMOUNT",
];

/// The one optional column.
const PRIC_IND: usize = 23;

/// The full names of the header's columns: the last header row (`HCPCS,MOD,...`) and the rows stacked
/// above it (up to the title rows, which have text in the DESCRIPTION column), joined top to bottom
/// with blanks (none after a piece ending in `-`: `CO-` over `SURG` is `CO-SURG`).
pub fn column_names(stack: &[&csv::StringRecord]) -> Vec<String> {
    let width = stack.iter().map(|r| r.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let mut name = String::new();
            for r in stack {
                let piece = r.get(c).unwrap_or("").trim();
                if piece.is_empty() {
                    continue;
                }
                if !name.is_empty() && !name.ends_with('-') {
                    name.push(' ');
                }
                name.push_str(piece);
            }
            name
        })
        .collect()
}

/// Whether a HCPCS cell is one of CMS's placeholder codes (`GXXX1`: a letter, `XXX`, a digit), which
/// the July 2026 file lists for services whose code was not yet assigned. They are not codes: the
/// reader sets them aside ([`parse_file`]) instead of failing or inventing a code.
pub fn is_placeholder(cell: &str) -> bool {
    let b = cell.trim().as_bytes();
    b.len() == 5 && b[0].is_ascii_uppercase() && &b[1..4] == b"XXX" && b[4].is_ascii_digit()
}

/// A placeholder row set aside: its line and its HCPCS cell (`GXXX1`).
pub type Placeholder = (usize, String);

/// Parses the whole relative value file. Rows come back in file order. Placeholder rows are an error
/// here; [`parse_file`] sets them aside.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<FeeRow>, SourceError> {
    let (rows, placeholders) = parse_file(bytes, file)?;
    match placeholders.first() {
        None => Ok(rows),
        Some((line, code)) => Err(SourceError::new(
            ErrorKind::Code,
            file,
            Some(*line),
            "HCPCS (column 1)",
            code.as_str(),
            "a CMS placeholder, not a code (parse_file sets these rows aside)",
        )),
    }
}

/// Parses the whole relative value file: the rows in file order, and the placeholder rows
/// ([`is_placeholder`]) set aside as (line, placeholder).
pub fn parse_file(
    bytes: &[u8],
    file: &str,
) -> Result<(Vec<FeeRow>, Vec<Placeholder>), SourceError> {
    let records = latin1_records(bytes, file)?;
    let start = records
        .iter()
        .position(|(_, r)| r.get(0) == Some("HCPCS") && r.get(1) == Some("MOD"))
        .ok_or_else(|| {
            SourceError::new(
                ErrorKind::Structure,
                file,
                None,
                "header",
                "",
                "no header row starting HCPCS,MOD",
            )
        })?;
    let mut top = start;
    while top > 0 {
        let r = &records[top - 1].1;
        let blank = r.iter().all(|c| c.trim().is_empty());
        if blank || !r.get(2).unwrap_or("").trim().is_empty() {
            break;
        }
        top -= 1;
    }
    let stack: Vec<&csv::StringRecord> = records[top..=start].iter().map(|(_, r)| r).collect();
    let names = column_names(&stack);
    let hline = records[start].0;
    let header_err = |text: &str, problem: String| {
        SourceError::new(
            ErrorKind::Structure,
            file,
            Some(hline),
            "header",
            text,
            problem,
        )
    };
    // Where each known column is; usize::MAX for the optional one when absent.
    let mut columns = [usize::MAX; COLUMNS.len()];
    for (c, name) in names.iter().enumerate() {
        let Some(i) = COLUMNS.iter().position(|k| k == name) else {
            return Err(header_err(
                name,
                format!(
                    "column {} is not a column of the relative value file this reader knows",
                    c + 1
                ),
            ));
        };
        if columns[i] != usize::MAX {
            return Err(header_err(
                name,
                format!("column {} repeats a column", c + 1),
            ));
        }
        columns[i] = c;
    }
    if let Some(i) = (0..COLUMNS.len()).find(|&i| i != PRIC_IND && columns[i] == usize::MAX) {
        return Err(header_err(
            &names.join(","),
            format!("no column {:?}", COLUMNS[i]),
        ));
    }
    let width = names.len();
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut placeholders = Vec::new();
    let rows = &records[start + 1..];
    for (i, (line, cells)) in rows.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The January 2025 file's last row is blank but for a DOS end-of-file mark (0x1A, Ctrl-Z).
        if i + 1 == rows.len()
            && cells.get(0) == Some("\u{1a}")
            && cells.iter().skip(1).all(|c| c.trim().is_empty())
        {
            continue;
        }
        let r = Row::checked(cells, *line, file, &COLUMNS, &columns, width)?;
        if is_placeholder(r.cell(0)) {
            placeholders.push((*line, r.cell(0).trim().to_string()));
            continue;
        }
        let code = r.code(0)?;
        let modifier = match r.cell(1).trim() {
            "" => None,
            m => Some(Modifier::parse(m).map_err(|e| r.err(ErrorKind::Code, 1, e.to_string()))?),
        };
        if let Some(first) = seen.insert((code, modifier), *line) {
            return Err(r.err(
                ErrorKind::Duplicate,
                0,
                format!("a second row for this code and modifier (the first is on line {first})"),
            ));
        }
        let endoscopic_base = match r.cell(24).trim() {
            "" => None,
            _ => Some(r.code(24)?),
        };
        let calculation_flag = match r.cell(27).trim() {
            t if t.len() == 1 && t.as_bytes()[0].is_ascii_digit() => t.as_bytes()[0] - b'0',
            _ => return Err(r.err(ErrorKind::Number, 27, "expected one digit")),
        };
        let pricing_indicator = match columns[PRIC_IND] {
            usize::MAX => None,
            _ => Some(r.value(PRIC_IND)?),
        };
        out.push(FeeRow {
            line: *line,
            code,
            modifier,
            status: r.value(3)?,
            not_used_for_medicare_payment: r.flag(4, "+")?,
            work_rvu: r.decimal(5, 2)?,
            non_facility_pe_rvu: r.decimal(6, 2)?,
            non_facility_na: r.flag(7, "NA")?,
            facility_pe_rvu: r.decimal(8, 2)?,
            facility_na: r.flag(9, "NA")?,
            mp_rvu: r.decimal(10, 2)?,
            non_facility_total: r.decimal(11, 2)?,
            facility_total: r.decimal(12, 2)?,
            pctc: r.value(13)?,
            global_days: r.value(14)?,
            pre_op: r.decimal(15, 2)?,
            intra_op: r.decimal(16, 2)?,
            post_op: r.decimal(17, 2)?,
            multiple_procedure: r.value(18)?,
            bilateral_surgery: r.value(19)?,
            assistant_at_surgery: r.value(20)?,
            co_surgeons: r.value(21)?,
            team_surgery: r.value(22)?,
            pricing_indicator,
            endoscopic_base,
            conversion_factor: r.decimal(25, 4)?,
            physician_supervision: r.value(26)?,
            calculation_flag,
            imaging_family: r.value(28)?,
            opps_non_facility_pe: r.decimal(29, 2)?,
            opps_facility_pe: r.decimal(30, 2)?,
            opps_mp: r.decimal(31, 2)?,
        });
    }
    Ok((
        super::non_empty(out, file, "no rows below the header")?,
        placeholders,
    ))
}
