//! The typed rows of every dataset, as the importer reads them from the CMS files and the build reads
//! them back from the project's `data/` files ([`crate::text`]): one struct per dataset, every field
//! checked and typed. `line` is the row's line in the file it was read from.

use chrono::NaiveDate;

use crate::code::{Code, CrossReference, HcpcsCode, Modifier};
use crate::fee::{
    AocEditType, AssistantAtSurgery, BilateralSurgery, CoSurgeons, Decimal,
    DiagnosticImagingFamily, GlobalDays, MueAdjudication, MueRationale, MultipleProcedure, PcTc,
    PfsPricingIndicator, PfsStatus, PhysicianSupervision, TeamSurgery,
};
use crate::indicator::{
    Action, AscGroup, Betos, Coverage, LabCertification, MultiplePricingIndicator, OppsGroup,
    OppsPaymentPolicyIndicator, PricingIndicator, TypeOfService,
};

/// One procedure or modifier record, joined from its first line and continuation lines, every field
/// checked and typed. Repeated fields hold only the values present; blank single fields are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    /// Line of the record's first line in the file (1-based).
    pub line: usize,
    /// The procedure code (record id 3) or modifier (record id 7).
    pub code: Code,
    /// Long description: the first line's columns 12-91 and every continuation line's, joined with
    /// single spaces.
    pub long_description: String,
    /// Short description (columns 92-119), at most 28 characters.
    pub short_description: String,
    /// Pricing indicators (columns 120-127, up to 4).
    pub pricing_indicators: Vec<PricingIndicator>,
    /// Multiple pricing indicator (column 128).
    pub multiple_pricing_indicator: Option<MultiplePricingIndicator>,
    /// Coverage issues manual references (columns 129-146, up to 3).
    pub cim_references: Vec<String>,
    /// Medicare carriers manual references (columns 147-170, up to 3).
    pub mcm_references: Vec<String>,
    /// Statute number (columns 171-180).
    pub statute: Option<String>,
    /// Lab certification codes (columns 181-204, up to 8).
    pub lab_certifications: Vec<LabCertification>,
    /// Cross-reference codes (columns 205-229, up to 5): procedure codes, or modifiers for a modifier.
    pub cross_references: Vec<CrossReference>,
    /// Coverage code (column 230).
    pub coverage: Coverage,
    /// ASC payment group (columns 231-232).
    pub asc_group: Option<AscGroup>,
    /// ASC payment group effective date (columns 233-240).
    pub asc_effective_date: Option<NaiveDate>,
    /// OPPS (MOG) payment group (columns 241-243).
    pub opps_group: Option<OppsGroup>,
    /// OPPS (MOG) payment policy indicator (column 244).
    pub opps_payment_policy_indicator: Option<OppsPaymentPolicyIndicator>,
    /// OPPS (MOG) effective date (columns 245-252).
    pub opps_effective_date: Option<NaiveDate>,
    /// Processing note number (columns 253-256).
    pub processing_note: Option<u16>,
    /// BETOS code (columns 257-259).
    pub betos: Option<Betos>,
    /// Types of service (columns 261-265, up to 5).
    pub types_of_service: Vec<TypeOfService>,
    /// Anesthesia base units (columns 266-268).
    pub anesthesia_base_units: Option<u16>,
    /// Code added date (columns 269-276).
    pub added: NaiveDate,
    /// Action effective date (columns 277-284).
    pub action_effective: NaiveDate,
    /// Termination date (columns 285-292).
    pub terminated: Option<NaiveDate>,
    /// Action code (column 293).
    pub action: Action,
}

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
    /// PRIC IND, a column of the 2026 files (absent, so `None`, in older files). Its meaning is not
    /// documented in any source found (see [`crate::fee::PfsPricingIndicator`]).
    pub pricing_indicator: Option<PfsPricingIndicator>,
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

/// One MUE row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MueRow {
    /// Line in the file (1-based; the line the record starts on).
    pub line: usize,
    /// The code.
    pub code: HcpcsCode,
    /// The most units of service one provider would report for one patient (per line or per day).
    pub value: u32,
    /// How the edit is adjudicated.
    pub adjudication: MueAdjudication,
    /// Why the value is what it is.
    pub rationale: MueRationale,
}

/// One add-on relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AocRow {
    /// Spreadsheet row (1-based).
    pub line: usize,
    /// Edit type.
    pub edit_type: AocEditType,
    /// The add-on code.
    pub add_on: HcpcsCode,
    /// When the add-on code was deleted.
    pub add_on_deleted: Option<NaiveDate>,
    /// The primary code; `None` for `CCCCC` (contractor-defined primary codes).
    pub primary: Option<HcpcsCode>,
    /// When the primary code was deleted.
    pub primary_deleted: Option<NaiveDate>,
    /// When the edit took effect.
    pub effective: NaiveDate,
    /// When the edit was deleted.
    pub deleted: Option<NaiveDate>,
    /// CMS's special instruction note.
    pub note: Option<String>,
}

/// One processing note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The note's number (`88` for `0088`).
    pub number: u16,
    /// The note's text, lines joined with single spaces.
    pub text: String,
    /// The line the note starts on.
    pub line: usize,
}

/// One code of CMS's "not otherwise classified" list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NocRow {
    /// Line (or spreadsheet row) in the file, 1-based.
    pub line: usize,
    /// The code.
    pub code: HcpcsCode,
}

/// One code's row of the OPPS Addendum B: its status indicator and payment rate. The extracts the
/// project reads carry only these; the APC, relative weight and minimum unadjusted copayment of the
/// CMS workbook are `None` until the CMS file itself is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OppsRow {
    /// Line in the file, 1-based.
    pub line: usize,
    /// The code.
    pub code: HcpcsCode,
    /// The payment status indicator.
    pub status_indicator: crate::opps::StatusIndicator,
    /// The national unadjusted payment rate (scale 2, or 3 where the source has three decimals), where
    /// Addendum B gives one.
    pub payment_rate: Option<Decimal>,
    /// The APC, where the source gives it.
    pub apc: Option<u16>,
    /// The APC relative weight (scale 4), where the source gives it.
    pub relative_weight: Option<Decimal>,
    /// The minimum unadjusted copayment (scale 2), where the source gives it.
    pub minimum_copayment: Option<Decimal>,
}
