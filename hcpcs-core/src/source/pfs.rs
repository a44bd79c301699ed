//! The Medicare Physician Fee Schedule national relative value file (`PPRRVU25_JAN.csv`): title and
//! multi-line column-header rows, then one row per (HCPCS, modifier), 31 columns (RVU25A).

use super::{ErrorKind, SourceError};
use crate::code::{HcpcsCode, Modifier};
use crate::fee::{
    AssistantAtSurgery, BilateralSurgery, CoSurgeons, Decimal, DiagnosticImagingFamily, GlobalDays,
    MultipleProcedure, PcTc, PfsStatus, PhysicianSupervision, TeamSurgery,
};
use crate::indicator::CmsValue;

/// The header row's cells, in order: the file's layout. A file with other columns is rejected.
pub const HEADER: [&str; 31] = [
    "HCPCS",
    "MOD",
    "DESCRIPTION",
    "CODE",
    "PAYMENT",
    "RVU",
    "PE RVU",
    "INDICATOR",
    "PE RVU",
    "INDICATOR",
    "RVU",
    "TOTAL",
    "TOTAL",
    "IND",
    "DAYS",
    "OP",
    "OP",
    "OP",
    "PROC",
    "SURG",
    "SURG",
    "SURG",
    "SURG",
    "BASE",
    "FACTOR",
    "PROCEDURES",
    "FLAG",
    "INDICATOR",
    "AMOUNT",
    "AMOUNT",
    "AMOUNT",
];

/// Each column's full name (RVU25A), for error messages.
const NAMES: [&str; 31] = [
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
    "ENDO BASE",
    "CONV FACTOR",
    "PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES",
    "CALCULATION FLAG",
    "DIAGNOSTIC IMAGING FAMILY INDICATOR",
    "NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT",
    "FACILITY PE USED FOR OPPS PAYMENT AMOUNT",
    "MP USED FOR OPPS PAYMENT AMOUNT",
];

/// One row of the relative value file, every field checked and typed. RVUs, percentages and amounts
/// have scale 2; the conversion factor has scale 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRow {
    /// Line of the row in the file (1-based).
    pub line: usize,
    /// HCPCS code.
    pub code: HcpcsCode,
    /// Modifier (`26`, `TC`, `53`), or `None` for the global service.
    pub modifier: Option<Modifier>,
    /// The CMS short description (AMA copyright for CPT codes: the build never embeds it).
    pub description: String,
    /// Status code.
    pub status: PfsStatus,
    /// "Not used for Medicare payment" (`+`).
    pub not_used_for_medicare_payment: bool,
    /// Work RVU.
    pub work_rvu: Decimal,
    /// Non-facility practice expense RVU.
    pub non_facility_pe_rvu: Decimal,
    /// Non-facility NA indicator: rarely or never performed in the non-facility setting.
    pub non_facility_na: bool,
    /// Facility practice expense RVU.
    pub facility_pe_rvu: Decimal,
    /// Facility NA indicator.
    pub facility_na: bool,
    /// Malpractice RVU.
    pub mp_rvu: Decimal,
    /// Total non-facility RVUs.
    pub non_facility_total: Decimal,
    /// Total facility RVUs.
    pub facility_total: Decimal,
    /// PC/TC indicator.
    pub pctc: PcTc,
    /// Global surgery days.
    pub global_days: GlobalDays,
    /// Preoperative percentage.
    pub pre_op: Decimal,
    /// Intraoperative percentage.
    pub intra_op: Decimal,
    /// Postoperative percentage.
    pub post_op: Decimal,
    /// Multiple procedure indicator.
    pub multiple_procedure: MultipleProcedure,
    /// Bilateral surgery indicator.
    pub bilateral_surgery: BilateralSurgery,
    /// Assistant at surgery indicator.
    pub assistant_at_surgery: AssistantAtSurgery,
    /// Co-surgeons indicator.
    pub co_surgeons: CoSurgeons,
    /// Team surgery indicator.
    pub team_surgery: TeamSurgery,
    /// Endoscopic base code.
    pub endoscopic_base: Option<HcpcsCode>,
    /// Conversion factor.
    pub conversion_factor: Decimal,
    /// Physician supervision of diagnostic procedures.
    pub physician_supervision: PhysicianSupervision,
    /// Calculation flag (0 for every code since July 2014).
    pub calculation_flag: u8,
    /// Diagnostic imaging family indicator.
    pub imaging_family: DiagnosticImagingFamily,
    /// Non-facility PE used for OPPS payment amount.
    pub opps_non_facility_pe: Decimal,
    /// Facility PE used for OPPS payment amount.
    pub opps_facility_pe: Decimal,
    /// Malpractice used for OPPS payment amount.
    pub opps_mp: Decimal,
}

/// A row being read, for precise errors.
pub(crate) struct Row<'a> {
    pub(crate) cells: &'a csv::StringRecord,
    pub(crate) line: usize,
    pub(crate) file: &'a str,
    pub(crate) names: &'a [&'a str],
}

impl Row<'_> {
    pub(crate) fn cell(&self, i: usize) -> &str {
        self.cells.get(i).unwrap_or("")
    }

    pub(crate) fn err(&self, kind: ErrorKind, i: usize, problem: impl Into<String>) -> SourceError {
        let name = self.names.get(i).copied().unwrap_or("?");
        SourceError::new(
            kind,
            self.file,
            Some(self.line),
            format!("{name} (column {})", i + 1),
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
                format!("not a {} RVU25A defines", T::FIELD),
            )
        })
    }

    fn decimal(&self, i: usize, scale: u8) -> Result<Decimal, SourceError> {
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

    fn flag(&self, i: usize, set: &str) -> Result<bool, SourceError> {
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

/// Parses the whole relative value file. Rows come back in file order.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<FeeRow>, SourceError> {
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
    let (hline, header) = &records[start];
    let got: Vec<&str> = header.iter().map(str::trim).collect();
    if got != HEADER {
        return Err(SourceError::new(
            ErrorKind::Structure,
            file,
            Some(*hline),
            "header",
            got.join(","),
            format!("expected the RVU25A columns {}", HEADER.join(",")),
        ));
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
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
        let r = Row {
            cells,
            line: *line,
            file,
            names: &NAMES,
        };
        if cells.len() != HEADER.len() {
            return Err(SourceError::new(
                ErrorKind::Structure,
                file,
                Some(*line),
                "row",
                cells.iter().collect::<Vec<_>>().join(","),
                format!("{} columns, expected {}", cells.len(), HEADER.len()),
            ));
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
        let endoscopic_base = match r.cell(23).trim() {
            "" => None,
            _ => Some(r.code(23)?),
        };
        let calculation_flag = match r.cell(26).trim() {
            t if t.len() == 1 && t.as_bytes()[0].is_ascii_digit() => t.as_bytes()[0] - b'0',
            _ => return Err(r.err(ErrorKind::Number, 26, "expected one digit")),
        };
        out.push(FeeRow {
            line: *line,
            code,
            modifier,
            description: r.cell(2).trim().to_string(),
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
            endoscopic_base,
            conversion_factor: r.decimal(24, 4)?,
            physician_supervision: r.value(25)?,
            calculation_flag,
            imaging_family: r.value(27)?,
            opps_non_facility_pe: r.decimal(28, 2)?,
            opps_facility_pe: r.decimal(29, 2)?,
            opps_mp: r.decimal(30, 2)?,
        });
    }
    super::non_empty(out, file, "no rows below the header")
}
