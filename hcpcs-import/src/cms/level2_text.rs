//! The CMS Alpha-Numeric HCPCS file, fixed-width "ANWEB" text format (`HCPC2026_JAN_ANWEB_*.txt`).
//!
//! One 320-column record a line, positions as in the record layout (`HCPC2026_recordlayout.txt`).
//! Record identification code (column 11): `3` first line of a procedure, `4` continuation of its long
//! description, `7` first line of a modifier, `8` continuation of a modifier's long description.
//!
//! What the real file does and the layout does not say, and this parser survives: CRLF line ends;
//! continuation lines that may stop short of column 320; one first line (G9871) padded with blanks far
//! past column 320; a last line of blanks only. Text past column 320 that is not blank is an error.

use chrono::NaiveDate;

use super::ascii_lines;
use hcpcs_core::code::{Code, CrossReference, HcpcsCode, Modifier};
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::indicator::CmsValue;
use hcpcs_core::rows::SourceRecord;

/// Width of a record in the layout.
pub const RECORD_WIDTH: usize = 320;
/// The last column a first line must reach (the action code); later columns are filler.
pub const LAST_FIELD_COLUMN: usize = 293;

/// One line of the file, for field extraction with precise errors.
pub(crate) struct Line<'a> {
    pub(crate) text: &'a str,
    pub(crate) n: usize,
    pub(crate) file: &'a str,
}

fn columns(a: usize, b: usize) -> String {
    if a == b {
        format!("column {a}")
    } else {
        format!("columns {a}-{b}")
    }
}

impl<'a> Line<'a> {
    /// Columns `a..=b` (1-based), cut short where the line is.
    fn col(&self, a: usize, b: usize) -> &'a str {
        let len = self.text.len();
        &self.text[(a - 1).min(len)..b.min(len)]
    }

    fn err(
        &self,
        kind: ErrorKind,
        name: &str,
        a: usize,
        b: usize,
        text: &str,
        problem: impl Into<String>,
    ) -> SourceError {
        SourceError::new(
            kind,
            self.file,
            Some(self.n),
            format!("{name} ({})", columns(a, b)),
            text,
            problem,
        )
    }

    /// A blank field is `None`; otherwise the trimmed text, which `check` may reject.
    fn text_field(&self, a: usize, b: usize) -> Option<&'a str> {
        let t = self.col(a, b).trim();
        (!t.is_empty()).then_some(t)
    }

    fn value<T: CmsValue>(&self, a: usize, b: usize) -> Result<Option<T>, SourceError> {
        let raw = self.col(a, b);
        match self.text_field(a, b) {
            None => Ok(None),
            Some(t) => T::from_cms_code(t).map(Some).ok_or_else(|| {
                self.err(
                    ErrorKind::UnknownValue,
                    T::FIELD,
                    a,
                    b,
                    raw,
                    format!("not a {} the record layout defines", T::FIELD),
                )
            }),
        }
    }

    fn required<T: CmsValue>(&self, a: usize, b: usize) -> Result<T, SourceError> {
        self.value(a, b)?.ok_or_else(|| {
            self.err(
                ErrorKind::Blank,
                T::FIELD,
                a,
                b,
                self.col(a, b),
                "must not be blank",
            )
        })
    }

    /// `count` consecutive fields of `width` columns from column `a`; blanks are skipped.
    fn repeated<T: CmsValue>(
        &self,
        a: usize,
        width: usize,
        count: usize,
    ) -> Result<Vec<T>, SourceError> {
        let mut out = Vec::new();
        for i in 0..count {
            let s = a + i * width;
            if let Some(v) = self.value(s, s + width - 1)? {
                out.push(v);
            }
        }
        Ok(out)
    }

    fn repeated_text(&self, a: usize, width: usize, count: usize) -> Vec<String> {
        (0..count)
            .filter_map(|i| self.text_field(a + i * width, a + (i + 1) * width - 1))
            .map(str::to_string)
            .collect()
    }

    fn date(&self, name: &str, a: usize, b: usize) -> Result<Option<NaiveDate>, SourceError> {
        let raw = self.col(a, b);
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let bad = |p: &str| self.err(ErrorKind::Date, name, a, b, raw, p);
        if raw.len() != 8 || !raw.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad("expected a YYYYMMDD date"));
        }
        let num = |r: core::ops::Range<usize>| raw[r].parse::<u32>().unwrap_or(0);
        let y = num(0..4) as i32;
        NaiveDate::from_ymd_opt(y, num(4..6), num(6..8))
            .filter(|_| y >= 1900)
            .map(Some)
            .ok_or_else(|| bad("not a real calendar date (YYYYMMDD)"))
    }

    fn required_date(&self, name: &str, a: usize, b: usize) -> Result<NaiveDate, SourceError> {
        self.date(name, a, b)?.ok_or_else(|| {
            self.err(
                ErrorKind::Blank,
                name,
                a,
                b,
                self.col(a, b),
                "must not be blank",
            )
        })
    }

    fn number(&self, name: &str, a: usize, b: usize) -> Result<Option<u16>, SourceError> {
        let raw = self.col(a, b);
        match self.text_field(a, b) {
            None => Ok(None),
            Some(t) if t.bytes().all(|c| c.is_ascii_digit()) => Ok(t.parse().ok()),
            Some(_) => Err(self.err(ErrorKind::Number, name, a, b, raw, "expected digits")),
        }
    }

    fn blank(&self, name: &str, a: usize, b: usize) -> Result<(), SourceError> {
        let raw = self.col(a, b);
        if raw.trim().is_empty() {
            Ok(())
        } else {
            Err(self.err(
                ErrorKind::Blank,
                name,
                a,
                b,
                raw.trim_end(),
                "must be blank",
            ))
        }
    }
}

/// The code of a line, by record identification code: columns 1-5 for procedures, 4-5 for modifiers.
pub(crate) fn line_code(l: &Line<'_>, ric: u8) -> Result<Code, SourceError> {
    let bad = |e: hcpcs_core::code::CodeError, a: usize, b: usize, name: &str| {
        l.err(ErrorKind::Code, name, a, b, l.col(a, b), e.to_string())
    };
    if ric == b'3' || ric == b'4' {
        let raw = l.col(1, 5);
        let mut b = [0u8; 5];
        b.copy_from_slice(raw.as_bytes());
        HcpcsCode::from_ascii(b)
            .map(Code::Procedure)
            .map_err(|e| bad(e, 1, 5, "HCPCS code"))
    } else {
        l.blank("modifier filler", 1, 3)?;
        let mut b = [0u8; 2];
        b.copy_from_slice(l.col(4, 5).as_bytes());
        Modifier::from_ascii(b)
            .map(Code::Modifier)
            .map_err(|e| bad(e, 4, 5, "HCPCS modifier code"))
    }
}

pub(crate) fn first_line(l: &Line<'_>, code: Code) -> Result<SourceRecord, SourceError> {
    if l.text.len() < LAST_FIELD_COLUMN {
        return Err(SourceError::new(
            ErrorKind::Truncated,
            l.file,
            Some(l.n),
            "record",
            l.text.trim_end(),
            format!(
                "first line of a record has {} columns, the layout needs at least {LAST_FIELD_COLUMN}",
                l.text.len()
            ),
        ));
    }
    if l.text.len() > RECORD_WIDTH && !l.text[RECORD_WIDTH..].trim().is_empty() {
        return Err(l.err(
            ErrorKind::TooLong,
            "text past the record",
            RECORD_WIDTH + 1,
            l.text.len(),
            l.text[RECORD_WIDTH..].trim(),
            format!("the layout ends at column {RECORD_WIDTH}"),
        ));
    }
    l.blank("filler", 260, 260)?;
    l.blank("filler", 294, RECORD_WIDTH)?;
    let number = |name, a, b| l.number(name, a, b);
    let mut cross_references = Vec::new();
    for i in 0..5 {
        let a = 205 + i * 5;
        if let Some(t) = l.text_field(a, a + 4) {
            let c = CrossReference::parse(t).map_err(|e| {
                l.err(
                    ErrorKind::Code,
                    "cross reference code",
                    a,
                    a + 4,
                    l.col(a, a + 4),
                    e.to_string(),
                )
            })?;
            cross_references.push(c);
        }
    }
    // Five records of the 2018 annual file (C9488, C9745-C9748) hold an ASC effective date two columns
    // early, in 231-238, with no ASC group and 239-240 blank ("D20170401  "): the data, not the layout.
    // That pattern cannot be a valid record (231-232 hold YY or blanks), so it reads as what it
    // says: no ASC group, that date.
    let shifted = l.col(231, 238);
    let (asc_group, asc_effective_date) = if shifted.bytes().all(|b| b.is_ascii_digit())
        && shifted.len() == 8
        && l.col(239, 240).trim().is_empty()
    {
        (
            None,
            l.date(
                "ASC payment group effective date (written in columns 231-238)",
                231,
                238,
            )?,
        )
    } else {
        (
            l.value(231, 232)?,
            l.date("ASC payment group effective date", 233, 240)?,
        )
    };
    let rec = SourceRecord {
        line: l.n,
        code,
        long_description: l.col(12, 91).trim().to_string(),
        short_description: l.col(92, 119).trim().to_string(),
        pricing_indicators: l.repeated(120, 2, 4)?,
        multiple_pricing_indicator: l.value(128, 128)?,
        cim_references: l.repeated_text(129, 6, 3),
        mcm_references: l.repeated_text(147, 8, 3),
        statute: l.text_field(171, 180).map(str::to_string),
        lab_certifications: l.repeated(181, 3, 8)?,
        cross_references,
        coverage: l.required(230, 230)?,
        asc_group,
        asc_effective_date,
        opps_group: l.value(241, 243)?,
        opps_payment_policy_indicator: l.value(244, 244)?,
        opps_effective_date: l.date("OPPS effective date", 245, 252)?,
        // Notes are numbered from 0001 (the notes file's own rule). "0000" stands on two records of the
        // 2017-2020 files (V5289 among them), where later files leave the field blank: no note.
        processing_note: number("processing note number", 253, 256)?.filter(|&n| n != 0),
        betos: l.value(257, 259)?,
        types_of_service: l.repeated(261, 1, 5)?,
        anesthesia_base_units: number("anesthesia base unit quantity", 266, 268)?,
        added: l.required_date("code added date", 269, 276)?,
        // Blank on one record of the 2019 file (A5513) and 115 of the 2020 text file; the workbooks
        // leave it blank on some old records too. It reads as the added date, as CMS's own later files
        // give those records (A0130 in January 2026): the one fill rule, in both readers.
        action_effective: match l.date("action effective date", 277, 284)? {
            Some(d) => d,
            None => l.required_date("code added date", 269, 276)?,
        },
        terminated: l.date("termination date", 285, 292)?,
        action: l.required(293, 293)?,
    };
    if rec.long_description.is_empty() {
        return Err(l.err(
            ErrorKind::Blank,
            "long description",
            12,
            91,
            "",
            "must not be blank",
        ));
    }
    Ok(rec)
}

/// Whether a raw line is a record, or an attempt at one: 11 columns or more, with a sequence number in
/// columns 6-10. (Whatever its code and record id, such a line is parsed, so a malformed first record
/// is an error, never taken for a disclaimer.)
pub fn looks_like_record(raw: &[u8]) -> bool {
    raw.len() >= 11 && raw[5..10].iter().all(u8::is_ascii_digit)
}

/// How many lines of the disclaimer block before the first record: the lines before the first one that
/// [`looks_like_record`]. The annual files of 2018 ("***Disclaimers", 11 lines), 2019 (8 lines pasted
/// from a spreadsheet, with tabs and cp1252 0xA0 no-break spaces) and 2020 (9 lines, with a cp1252 0x92
/// quote) have one; the 2017, 2025 and 2026 files start with a record. The block is free text in
/// cp1252, not records: it is skipped whatever its bytes. After it, every line is a record and must be
/// ASCII.
pub fn disclaimer_lines(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\n')
        .take_while(|l| !looks_like_record(l.strip_suffix(b"\r").unwrap_or(l)))
        .count()
}

/// Parses a whole ANWEB text file. `file` names it in errors.
///
/// Records come back in file order. Fails on the first bad line. A disclaimer block before the first
/// record ([`disclaimer_lines`]) is skipped.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<SourceRecord>, SourceError> {
    let disclaimer = disclaimer_lines(bytes);
    let mut out: Vec<SourceRecord> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    // Sequence number of the last line of the open record.
    let mut last_seq = 0u32;
    for item in ascii_lines(bytes, file).skip(disclaimer) {
        let (n, text) = item?;
        let l = Line { text, n, file };
        if text.trim().is_empty() {
            continue;
        }
        if text.len() < 11 {
            return Err(SourceError::new(
                ErrorKind::Truncated,
                file,
                Some(n),
                "record",
                text,
                "a line needs at least 11 columns (code, sequence number, record identification code)",
            ));
        }
        let ric = text.as_bytes()[10];
        if !matches!(ric, b'3' | b'4' | b'7' | b'8') {
            return Err(l.err(
                ErrorKind::RecordId,
                "record identification code",
                11,
                11,
                l.col(11, 11),
                "expected 3, 4, 7 or 8",
            ));
        }
        let code = line_code(&l, ric)?;
        let seq_raw = l.col(6, 10);
        let seq: u32 = if seq_raw.bytes().all(|c| c.is_ascii_digit()) {
            seq_raw.parse().unwrap_or(0)
        } else {
            return Err(l.err(
                ErrorKind::Number,
                "sequence number",
                6,
                10,
                seq_raw,
                "expected 5 digits",
            ));
        };
        if ric == b'3' || ric == b'7' {
            if let Some(first) = seen.insert(code, n) {
                return Err(l.err(
                    ErrorKind::Duplicate,
                    "HCPCS code",
                    if ric == b'3' { 1 } else { 4 },
                    5,
                    &code.to_string(),
                    format!("a second record for this code (the first is on line {first})"),
                ));
            }
            out.push(first_line(&l, code)?);
            last_seq = seq;
            continue;
        }
        // A continuation line: it must follow a first line (or continuation) of the same code and kind.
        let open = out.last_mut().filter(|r| {
            r.code == code
                && matches!(
                    (ric, r.code),
                    (b'4', Code::Procedure(_)) | (b'8', Code::Modifier(_))
                )
        });
        let Some(rec) = open else {
            return Err(l.err(
                ErrorKind::OrphanContinuation,
                "record identification code",
                11,
                11,
                text.get(..11).unwrap_or(text),
                format!(
                    "continuation line for {code} does not follow a first line of {code} (record id {})",
                    if ric == b'4' { 3 } else { 7 }
                ),
            ));
        };
        if seq <= last_seq {
            return Err(l.err(
                ErrorKind::Structure,
                "sequence number",
                6,
                10,
                seq_raw,
                format!("must be greater than the previous line's ({last_seq:05})"),
            ));
        }
        last_seq = seq;
        if text.len() > 91 && !text[91..].trim().is_empty() {
            return Err(l.err(
                ErrorKind::Blank,
                "detail fields of a continuation line",
                92,
                text.len(),
                text[91..].trim(),
                "a continuation line holds only description text (columns 12-91)",
            ));
        }
        let chunk = l.col(12, 91).trim();
        if !chunk.is_empty() {
            rec.long_description.push(' ');
            rec.long_description.push_str(chunk);
        }
    }
    for r in &mut out {
        r.long_description = super::squeeze_blanks(&r.long_description);
    }
    super::non_empty(out, file, "no HCPCS records")
}
