//! The CMS Alpha-Numeric HCPCS file as its xlsx workbook (`HCPC2025_OCT_ANWEB.xlsx`): one row a record,
//! 48 text columns, long descriptions whole.
//!
//! Each row is laid out as the fixed-width record it stands for and checked by the same code as the text
//! file ([`super::level2_text`]), so both formats accept and reject exactly the same values; errors name the
//! workbook row and column.

use calamine::Data;

use super::level2_text::{first_line, line_code, Line, RECORD_WIDTH};
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::SourceRecord;

/// The header row, with each column's first position in the fixed-width record (0: not placed).
pub const COLUMNS: [(&str, usize); 48] = [
    ("HCPC", 1),
    ("SEQNUM", 0),
    ("RECID", 11),
    ("LONG DESCRIPTION", 0),
    ("SHORT DESCRIPTION", 92),
    ("PRICE1", 120),
    ("PRICE2", 122),
    ("PRICE3", 124),
    ("PRICE4", 126),
    ("MULT_PI", 128),
    ("CIM1", 129),
    ("CIM2", 135),
    ("CIM3", 141),
    ("MCM1", 147),
    ("MCM2", 155),
    ("MCM3", 163),
    ("STATUTE", 171),
    ("LABCERT1", 181),
    ("LABCERT2", 184),
    ("LABCERT3", 187),
    ("LABCERT4", 190),
    ("LABCERT5", 193),
    ("LABCERT6", 196),
    ("LABCERT7", 199),
    ("LABCERT8", 202),
    ("XREF1", 205),
    ("XREF2", 210),
    ("XREF3", 215),
    ("XREF4", 220),
    ("XREF5", 225),
    ("COV", 230),
    ("ASC_GRP", 231),
    ("ASC_DT", 233),
    ("OPPS", 241),
    ("OPPS_PI", 244),
    ("OPPS_DT", 245),
    ("PROCNOTE", 253),
    ("BETOS", 257),
    ("TOS1", 261),
    ("TOS2", 262),
    ("TOS3", 263),
    ("TOS4", 264),
    ("TOS5", 265),
    ("ANEST_BU", 266),
    ("ADD DT", 269),
    ("ACT EFF DT", 277),
    ("TERM DT", 285),
    ("ACTION CD", 293),
];

/// Field widths in the fixed-width record, by the same index as [`COLUMNS`].
const WIDTHS: [usize; 48] = [
    5, 0, 1, 0, 28, 2, 2, 2, 2, 1, 6, 6, 6, 8, 8, 8, 10, 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 1,
    2, 8, 3, 1, 8, 4, 3, 1, 1, 1, 1, 1, 3, 8, 8, 8, 1,
];

fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Parses the workbook. Records come back in row order; `line` is the spreadsheet row.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<SourceRecord>, SourceError> {
    let err = |kind, row: Option<usize>, field: &str, text: &str, problem: String| {
        SourceError::new(kind, file, row, field, text, problem)
    };
    let (range, row0) = super::first_sheet(bytes, file)?;
    let mut out: Vec<SourceRecord> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut header = false;
    for (i, row) in range.rows().enumerate() {
        let r = row0 + i + 1;
        // The 2020 workbooks put a disclaimer block (free text, with cp1252 quotes and no-break spaces)
        // in rows 1-10, before the header: rows before the one that starts with HCPC are skipped.
        if !header
            && row
                .first()
                .is_none_or(|c| c.to_string().trim() != COLUMNS[0].0)
        {
            continue;
        }
        let mut cells: Vec<String> = Vec::with_capacity(48);
        for (c, (name, _)) in COLUMNS.iter().enumerate() {
            match row.get(c) {
                None | Some(Data::Empty) => cells.push(String::new()),
                Some(Data::String(s)) => cells.push(s.clone()),
                // Some cells are stored as numbers (dates, TOS digits); whole numbers read as their digits.
                Some(Data::Int(n)) => cells.push(n.to_string()),
                Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => {
                    cells.push(format!("{f:.0}"))
                }
                Some(other) => {
                    return Err(err(
                        ErrorKind::Encoding,
                        Some(r),
                        &format!("{name} (column {})", column_letter(c)),
                        &other.to_string(),
                        "expected text".into(),
                    ))
                }
            }
        }
        if !header {
            let names: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
            if names.iter().zip(COLUMNS.iter()).any(|(a, (b, _))| a != b) {
                return Err(err(
                    ErrorKind::Structure,
                    Some(r),
                    "header",
                    &names.join(","),
                    "expected the 48 ANWEB workbook columns (HCPC, SEQNUM, RECID, ...)".into(),
                ));
            }
            header = true;
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some((c, t)) = cells
            .iter()
            .enumerate()
            .find_map(|(c, t)| t.bytes().position(|b| !b.is_ascii()).map(|_| (c, t)))
        {
            return Err(err(
                ErrorKind::Encoding,
                Some(r),
                &format!("{} (column {})", COLUMNS[c].0, column_letter(c)),
                t,
                "not ASCII".into(),
            ));
        }
        // The workbooks leave ACT EFF DT blank on some old records (A0130); the January 2026 text file
        // gives those the added date, and the test that reads both files checks that this is so.
        if cells[45].trim().is_empty() {
            cells[45] = cells[44].clone();
        }
        // A modifier's HCPC cell is "   TC" in CMS's workbooks; accept it without the leading blanks.
        if cells[2].trim() == "7" && cells[0].trim().len() == 2 {
            cells[0] = format!("   {}", cells[0].trim());
        }
        // Lay the row out as its fixed-width first line; the long description is checked apart.
        let mut line = vec![b' '; RECORD_WIDTH];
        for (c, &(name, at)) in COLUMNS.iter().enumerate() {
            let w = WIDTHS[c];
            if at == 0 {
                continue;
            }
            // Right-aligned numbers (ANEST_BU) and codes are written as they are; text may not overflow.
            let t = cells[c].trim_end();
            if t.len() > w {
                return Err(err(
                    ErrorKind::TooLong,
                    Some(r),
                    &format!("{name} (column {})", column_letter(c)),
                    t,
                    format!("longer than the layout's {w} characters"),
                ));
            }
            line[at - 1..at - 1 + t.len()].copy_from_slice(t.as_bytes());
        }
        line[11] = b'X'; // placeholder long description, replaced below
        let text = String::from_utf8(line)
            .map_err(|e| err(ErrorKind::Encoding, Some(r), "row", "", e.to_string()))?;
        let l = Line {
            text: &text,
            n: r,
            file,
        };
        let rename = |e: SourceError| rename_field(e, r);
        let ric = cells[2].trim();
        // A cell holds at most so much text: in the 2020 workbooks G0503's long description runs on in
        // one RECID 4 row (SEQNUM 0020) whose only cell is the rest of the description, as the
        // continuation lines of the text file do. It is joined to the record above with one blank.
        if ric == "4" || ric == "8" {
            continuation(&mut out, &cells, r, file)?;
            continue;
        }
        if ric != "3" && ric != "7" {
            return Err(err(
                ErrorKind::RecordId,
                Some(r),
                "RECID (column C)",
                ric,
                "expected 3 or 7 (a first row), or 4 or 8 (the rest of the long description above)"
                    .into(),
            ));
        }
        let code = line_code(&l, ric.as_bytes()[0]).map_err(rename)?;
        let mut rec = first_line(&l, code).map_err(rename)?;
        rec.long_description = cells[3].trim().to_string();
        if rec.long_description.is_empty() {
            return Err(err(
                ErrorKind::Blank,
                Some(r),
                "LONG DESCRIPTION (column D)",
                "",
                "must not be blank".into(),
            ));
        }
        if let Some(first) = seen.insert(code, r) {
            return Err(err(
                ErrorKind::Duplicate,
                Some(r),
                "HCPC (column A)",
                &code.to_string(),
                format!("a second record for this code (the first is on row {first})"),
            ));
        }
        out.push(rec);
    }
    if !header {
        return Err(err(
            ErrorKind::Structure,
            None,
            "header",
            "",
            "no header row (HCPC, SEQNUM, RECID, ...) in the first worksheet".into(),
        ));
    }
    for r in &mut out {
        r.long_description = super::squeeze_blanks(&r.long_description);
    }
    super::non_empty(out, file, "no HCPCS records")
}

/// A RECID 4 (procedure) or 8 (modifier) row: the rest of the long description of the record in the
/// row above, same code; every other cell blank.
fn continuation(
    out: &mut [SourceRecord],
    cells: &[String],
    r: usize,
    file: &str,
) -> Result<(), SourceError> {
    let err = |field: &str, text: &str, problem: String| {
        SourceError::new(
            ErrorKind::OrphanContinuation,
            file,
            Some(r),
            field,
            text,
            problem,
        )
    };
    let code = cells[0].trim();
    let modifier = cells[2].trim() == "8";
    let Some(rec) = out.last_mut().filter(|rec| {
        rec.code.to_string() == code
            && matches!(rec.code, hcpcs_core::code::Code::Modifier(_)) == modifier
    }) else {
        return Err(err(
            "HCPC (column A)",
            code,
            format!(
                "a RECID {} row must follow the first row of the same code",
                cells[2].trim()
            ),
        ));
    };
    if let Some(c) =
        (0..cells.len()).find(|&c| ![0, 1, 2, 3].contains(&c) && !cells[c].trim().is_empty())
    {
        return Err(SourceError::new(
            ErrorKind::Blank,
            file,
            Some(r),
            format!("{} (column {})", COLUMNS[c].0, column_letter(c)),
            cells[c].trim(),
            "a continuation row holds only the rest of the long description",
        ));
    }
    let more = cells[3].trim();
    if !more.is_empty() {
        rec.long_description.push(' ');
        rec.long_description.push_str(more);
    }
    Ok(())
}

/// Names the workbook column of an error the fixed-width checks raised ("code added date (columns
/// 269-276)" → "code added date (workbook column AS, ADD DT)").
fn rename_field(mut e: SourceError, row: usize) -> SourceError {
    let start = e.field.rsplit_once("(column").and_then(|(_, rest)| {
        rest.trim_start_matches('s')
            .trim()
            .split(['-', ')'])
            .next()
            .and_then(|n| n.trim().parse::<usize>().ok())
    });
    if let Some(at) = start {
        if let Some(c) = COLUMNS.iter().rposition(|&(_, p)| p != 0 && p <= at) {
            let name = e.field.split(" (").next().unwrap_or("").to_string();
            e.field = format!(
                "{name} (workbook column {}, {})",
                column_letter(c),
                COLUMNS[c].0
            );
        }
    }
    e.line = Some(row);
    e
}
