//! The Medicare Physician Fee Schedule national relative value file (`PPRRVU*.csv`): one
//! [`FeeScheduleRow`] per (code, modifier), every indicator typed, every amount an exact [`Decimal`].
//!
//! Without the `cpt` feature only HCPCS Level II codes have rows, and a CPT or CDT code is
//! [`LookupError::NotCompiled`]: "this build cannot tell", never "no row".
//!
//! ```
//! use hcpcs::fee_schedule::{self, GlobalDays, PfsStatus};
//! let row = fee_schedule::row("G0008", None)?.expect("G0008 has a global row");
//! assert_eq!(row.code().to_string(), "G0008");
//! assert_eq!(row.status(), PfsStatus::StatutoryExclusion);
//! assert_eq!(row.global_days(), GlobalDays::NotApplicable);
//! assert!(row.conversion_factor().units() > 0);
//! # Ok::<(), hcpcs::LookupError>(())
//! ```

use hcpcs_core::packed::{self as pk, fee as pf};

pub use hcpcs_core::fee::{
    AssistantAtSurgery, BilateralSurgery, CoSurgeons, Decimal, DiagnosticImagingFamily, GlobalDays,
    MultipleProcedure, PcTc, PfsPricingIndicator, PfsStatus, PhysicianSupervision, TeamSurgery,
};

use chrono::{Datelike, NaiveDate};

use crate::datasets::Dataset;
use crate::quarters::InForce;
use crate::{tables, AsCode, HcpcsCode, LookupError, Modifier};

/// One row of the relative value file: a code, or a code with modifier `26`, `TC` or `53`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeeScheduleRow(pub(crate) pf::Raw);

impl FeeScheduleRow {
    fn u8(&self, at: usize) -> u8 {
        pk::u8_at(&self.0, at)
    }

    fn enum_at<T>(&self, at: usize, f: fn(u8) -> Option<T>, default: T) -> T {
        self.u8(at).checked_sub(1).and_then(f).unwrap_or(default)
    }

    fn amount(&self, at: usize) -> Decimal {
        Decimal::new(pk::u32_at(&self.0, at) as i32 as i64, 2)
    }

    fn percent(&self, at: usize) -> Decimal {
        Decimal::new(pk::u16_at(&self.0, at) as i64, 2)
    }

    fn flag(&self, f: u8) -> bool {
        self.u8(pf::FLAGS) & f != 0
    }

    /// The HCPCS code.
    pub fn code(&self) -> HcpcsCode {
        HcpcsCode::from_packed_trusted(pk::u32_at(&self.0, pf::CODE))
    }

    /// The modifier (`26` professional component, `TC` technical component, `53` discontinued
    /// procedure), or `None` for the global service.
    pub fn modifier(&self) -> Option<Modifier> {
        match pk::u16_at(&self.0, pf::MODIFIER) {
            0 => None,
            m => Modifier::from_u16(m),
        }
    }

    /// Status code: whether the code is in the fee schedule and separately payable.
    pub fn status(&self) -> PfsStatus {
        self.enum_at(pf::STATUS, PfsStatus::from_index, PfsStatus::NotValid)
    }

    /// The "not used for Medicare payment" flag.
    pub fn not_used_for_medicare_payment(&self) -> bool {
        self.flag(pf::FLAG_NOT_USED)
    }

    /// Work RVU.
    pub fn work_rvu(&self) -> Decimal {
        self.amount(pf::WORK)
    }

    /// Non-facility practice expense RVU.
    pub fn non_facility_pe_rvu(&self) -> Decimal {
        self.amount(pf::NON_FACILITY_PE)
    }

    /// Non-facility NA indicator: rarely or never performed in the non-facility setting.
    pub fn non_facility_na(&self) -> bool {
        self.flag(pf::FLAG_NON_FACILITY_NA)
    }

    /// Facility practice expense RVU.
    pub fn facility_pe_rvu(&self) -> Decimal {
        self.amount(pf::FACILITY_PE)
    }

    /// Facility NA indicator: rarely or never performed in the facility setting.
    pub fn facility_na(&self) -> bool {
        self.flag(pf::FLAG_FACILITY_NA)
    }

    /// Malpractice RVU.
    pub fn malpractice_rvu(&self) -> Decimal {
        self.amount(pf::MP)
    }

    /// Total non-facility RVUs.
    pub fn non_facility_total(&self) -> Decimal {
        self.amount(pf::NON_FACILITY_TOTAL)
    }

    /// Total facility RVUs.
    pub fn facility_total(&self) -> Decimal {
        self.amount(pf::FACILITY_TOTAL)
    }

    /// PC/TC indicator.
    pub fn pctc(&self) -> PcTc {
        self.enum_at(pf::PCTC, PcTc::from_index, PcTc::NotApplicable)
    }

    /// Global surgery days.
    pub fn global_days(&self) -> GlobalDays {
        self.enum_at(
            pf::GLOBAL,
            GlobalDays::from_index,
            GlobalDays::NotApplicable,
        )
    }

    /// Preoperative percentage of the global package (`0.10` = 10%).
    pub fn pre_op(&self) -> Decimal {
        self.percent(pf::PRE_OP)
    }

    /// Intraoperative percentage.
    pub fn intra_op(&self) -> Decimal {
        self.percent(pf::INTRA_OP)
    }

    /// Postoperative percentage.
    pub fn post_op(&self) -> Decimal {
        self.percent(pf::POST_OP)
    }

    /// Multiple procedure indicator (modifier 51).
    pub fn multiple_procedure(&self) -> MultipleProcedure {
        self.enum_at(
            pf::MULTIPLE,
            MultipleProcedure::from_index,
            MultipleProcedure::NotApplicable,
        )
    }

    /// Bilateral surgery indicator (modifier 50).
    pub fn bilateral_surgery(&self) -> BilateralSurgery {
        self.enum_at(
            pf::BILATERAL,
            BilateralSurgery::from_index,
            BilateralSurgery::NotApplicable,
        )
    }

    /// Assistant at surgery indicator.
    pub fn assistant_at_surgery(&self) -> AssistantAtSurgery {
        self.enum_at(
            pf::ASSISTANT,
            AssistantAtSurgery::from_index,
            AssistantAtSurgery::NotApplicable,
        )
    }

    /// Co-surgeons indicator (modifier 62).
    pub fn co_surgeons(&self) -> CoSurgeons {
        self.enum_at(
            pf::CO_SURGEONS,
            CoSurgeons::from_index,
            CoSurgeons::NotApplicable,
        )
    }

    /// Team surgery indicator (modifier 66).
    pub fn team_surgery(&self) -> TeamSurgery {
        self.enum_at(
            pf::TEAM,
            TeamSurgery::from_index,
            TeamSurgery::NotApplicable,
        )
    }

    /// PRIC IND, a column of the relative value files from 2026 on; `None` for a file without it.
    /// Its meaning is not documented in any source found here, so it has no description
    /// ([`PfsPricingIndicator`]).
    pub fn pricing_indicator(&self) -> Option<PfsPricingIndicator> {
        PfsPricingIndicator::from_index(self.u8(pf::PRICING).checked_sub(1)?)
    }

    /// Endoscopic base code (for multiple procedure indicator 3).
    pub fn endoscopic_base(&self) -> Option<HcpcsCode> {
        match pk::u32_at(&self.0, pf::ENDO_BASE) {
            0 => None,
            v => Some(HcpcsCode::from_packed_trusted(v)),
        }
    }

    /// Conversion factor (scale 4).
    pub fn conversion_factor(&self) -> Decimal {
        Decimal::new(pk::u32_at(&self.0, pf::CONVERSION) as i32 as i64, 4)
    }

    /// Physician supervision of diagnostic procedures.
    pub fn physician_supervision(&self) -> PhysicianSupervision {
        self.enum_at(
            pf::SUPERVISION,
            PhysicianSupervision::from_index,
            PhysicianSupervision::NotApplicable,
        )
    }

    /// Calculation flag (0 for every code since July 2014).
    pub fn calculation_flag(&self) -> u8 {
        self.u8(pf::CALCULATION)
    }

    /// Diagnostic imaging family indicator.
    pub fn imaging_family(&self) -> DiagnosticImagingFamily {
        self.enum_at(
            pf::IMAGING,
            DiagnosticImagingFamily::from_index,
            DiagnosticImagingFamily::NotApplicable,
        )
    }

    /// Non-facility practice expense used for the OPPS payment amount.
    pub fn opps_non_facility_pe(&self) -> Decimal {
        self.amount(pf::OPPS_NON_FACILITY_PE)
    }

    /// Facility practice expense used for the OPPS payment amount.
    pub fn opps_facility_pe(&self) -> Decimal {
        self.amount(pf::OPPS_FACILITY_PE)
    }

    /// Malpractice used for the OPPS payment amount.
    pub fn opps_malpractice(&self) -> Decimal {
        self.amount(pf::OPPS_MP)
    }

    /// Whether Medicare pays the row's RVUs: status `A`, `R` or `T` ("Only RVUs associated with status
    /// codes of A, R, or T are used for Medicare payment", RVU25A).
    pub fn rvus_used_for_payment(&self) -> bool {
        matches!(
            self.status(),
            PfsStatus::Active | PfsStatus::RestrictedCoverage | PfsStatus::Injection
        )
    }
}

impl core::fmt::Debug for FeeScheduleRow {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FeeScheduleRow")
            .field("code", &self.code())
            .field("modifier", &self.modifier())
            .field("status", &self.status())
            .field("global_days", &self.global_days())
            .finish_non_exhaustive()
    }
}

/// The (start, count) span of `key` in a `runs` index.
pub(crate) fn span(map: &phf::Map<u32, u64>, key: u32) -> (usize, usize) {
    map.get(&key)
        .map_or((0, 0), |&v| hcpcs_core::packed::decode_run(v))
}

/// One compiled relative value file's place in the tables.
#[doc(hidden)]
#[derive(Debug)]
pub struct FeeRelease {
    pub(crate) dataset: Dataset,
    pub(crate) start: usize,
    pub(crate) len: usize,
    pub(crate) index: &'static phf::Map<u32, u64>,
}

impl FeeRelease {
    fn rows(&self) -> &'static [FeeScheduleRow] {
        tables::FEE_ROWS
            .get(self.start..self.start + self.len)
            .unwrap_or(&[])
    }

    fn rows_of(&self, code: HcpcsCode) -> &'static [FeeScheduleRow] {
        let (start, n) = span(self.index, code.to_u32());
        tables::FEE_ROWS.get(start..start + n).unwrap_or(&[])
    }
}

/// The newest compiled relative value file (the build refuses a `data/` without one).
fn current() -> &'static FeeRelease {
    &tables::FEE_RELEASES[tables::FEE_RELEASES.len() - 1]
}

/// Every row of a code in the current release ([`release`]): the global service first, then its
/// modifiers. Empty if the file has none (and for a modifier); [`LookupError::NotCompiled`] for a CPT
/// or CDT code this build does not carry (the `cpt` feature). For a date of service, see [`rows_on`].
pub fn rows(code: impl AsCode) -> Result<&'static [FeeScheduleRow], LookupError> {
    Ok(crate::dataset_code(code)?.map_or(&[][..], |c| current().rows_of(c)))
}

/// The row of a code with exactly this modifier (`None`: the global service), in the current release.
/// For the row a claim line is priced with, see [`row_for`].
pub fn row(
    code: impl AsCode,
    modifier: Option<Modifier>,
) -> Result<Option<&'static FeeScheduleRow>, LookupError> {
    Ok(rows(code)?.iter().find(|r| r.modifier() == modifier))
}

/// The row a claim line with these modifiers is priced with, in the current release: the row of the
/// first modifier that has a row of its own (the file has rows for `26`, the professional component,
/// `TC`, the technical component, and `53`, a discontinued procedure), else the global row. Every
/// other modifier (`59`, `LT`, `25`, …) leaves the global row in force; RVU25A defines the rows
/// of the file and the PC/TC indicator, not other modifiers' payment adjustments, which this crate
/// does not apply.
///
/// ```
/// let m = |s: &str| s.parse::<hcpcs::Modifier>().unwrap();
/// let tc = hcpcs::fee_schedule::row_for("G0130", &[m("LT"), m("TC")]).unwrap().unwrap();
/// assert_eq!(tc.modifier(), Some(m("TC")));
/// let global = hcpcs::fee_schedule::row_for("G0130", &[m("59")]).unwrap().unwrap();
/// assert_eq!(global.modifier(), None);
/// ```
pub fn row_for(
    code: impl AsCode,
    modifiers: &[Modifier],
) -> Result<Option<&'static FeeScheduleRow>, LookupError> {
    Ok(pick(rows(code)?, modifiers))
}

fn pick(
    rows: &'static [FeeScheduleRow],
    modifiers: &[Modifier],
) -> Option<&'static FeeScheduleRow> {
    modifiers
        .iter()
        .find_map(|m| rows.iter().find(|r| r.modifier() == Some(*m)))
        .or_else(|| rows.iter().find(|r| r.modifier().is_none()))
}

/// Every row of the current release, in (code, modifier) order.
pub fn all() -> impl ExactSizeIterator<Item = &'static FeeScheduleRow> + Clone {
    current().rows().iter()
}

/// The relative value file the current rows came from.
pub fn release() -> Dataset {
    current().dataset
}

/// Every compiled relative value file, oldest first (the last is [`release`]).
///
/// ```
/// let names: Vec<&str> = hcpcs::fee_schedule::releases().map(|d| d.name()).collect();
/// assert_eq!(names.last(), Some(&hcpcs::fee_schedule::release().name()));
/// ```
pub fn releases() -> impl ExactSizeIterator<Item = Dataset> + DoubleEndedIterator + Clone {
    tables::FEE_RELEASES.iter().map(|r| r.dataset)
}

/// Why no relative value file answers for a date of service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum FeeScheduleError {
    /// The date is before the quarter of the oldest compiled file.
    #[error("{date} is before the oldest compiled fee schedule, {} ({}), in force from {}", first.name(), first.source_file(), first.effective())]
    BeforeFirstRelease {
        /// The date asked for.
        date: NaiveDate,
        /// The oldest compiled file.
        first: Dataset,
    },
    /// The code asked about is malformed, or a CPT or CDT code this build does not carry.
    #[error(transparent)]
    Code(#[from] LookupError),
    /// CMS publishes a relative value file each quarter; the one in force on this date is not
    /// compiled, so no compiled file may stand in for it.
    #[error("the fee schedule in force on {date} is the {}-{:02} quarter's, which this build does not carry; the newest compiled before it is {} ({})", quarter.year(), quarter.month(), newest_before.name(), newest_before.source_file())]
    QuarterNotCompiled {
        /// The date asked for.
        date: NaiveDate,
        /// The first day of the missing quarter.
        quarter: NaiveDate,
        /// The newest compiled file that took effect before the date.
        newest_before: Dataset,
    },
}

fn release_entry_on(date: NaiveDate) -> Result<&'static FeeRelease, FeeScheduleError> {
    let all = &tables::FEE_RELEASES;
    match crate::quarters::in_force(all.iter().map(|r| r.dataset.effective()), date) {
        InForce::Release(i) => Ok(&all[i]),
        InForce::BeforeFirst => Err(FeeScheduleError::BeforeFirstRelease {
            date,
            first: all[0].dataset,
        }),
        InForce::Missing {
            quarter,
            newest_before,
        } => Err(FeeScheduleError::QuarterNotCompiled {
            date,
            quarter,
            newest_before: all[newest_before].dataset,
        }),
    }
}

/// The relative value file in force on a date of service. CMS publishes one a quarter (January,
/// April, July, October); a compiled file answers for the dates of its own quarter only, so a date in a
/// quarter whose file is not compiled — between two compiled files, or after the newest — is an
/// error that names the missing quarter, never an older file standing in for it.
///
/// ```
/// use chrono::NaiveDate;
/// use hcpcs::fee_schedule::{self, FeeScheduleError};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(fee_schedule::release_on(d(2026, 8, 15)).unwrap().name(), "2026-07");
/// assert_eq!(fee_schedule::release_on(d(2025, 3, 31)).unwrap().name(), "2025-01");
/// // April 2025 to June 2026: those quarters' files are not compiled.
/// assert!(matches!(
///     fee_schedule::release_on(d(2026, 3, 1)),
///     Err(FeeScheduleError::QuarterNotCompiled { .. })
/// ));
/// ```
pub fn release_on(date: NaiveDate) -> Result<Dataset, FeeScheduleError> {
    release_entry_on(date).map(|r| r.dataset)
}

/// Every row of a code in the relative value file in force on `date` ([`release_on`]).
pub fn rows_on(
    code: impl AsCode,
    date: NaiveDate,
) -> Result<&'static [FeeScheduleRow], FeeScheduleError> {
    let code = crate::dataset_code(code)?;
    let rel = release_entry_on(date)?;
    Ok(code.map_or(&[][..], |c| rel.rows_of(c)))
}

/// The row of a code with exactly this modifier in the relative value file in force on `date`.
pub fn row_on(
    code: impl AsCode,
    modifier: Option<Modifier>,
    date: NaiveDate,
) -> Result<Option<&'static FeeScheduleRow>, FeeScheduleError> {
    Ok(rows_on(code, date)?
        .iter()
        .find(|r| r.modifier() == modifier))
}

/// [`row_for`] in the relative value file in force on `date`.
pub fn row_for_on(
    code: impl AsCode,
    modifiers: &[Modifier],
    date: NaiveDate,
) -> Result<Option<&'static FeeScheduleRow>, FeeScheduleError> {
    Ok(pick(rows_on(code, date)?, modifiers))
}

/// Where the service was furnished: which practice expense RVU applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Setting {
    /// A facility (hospital, ASC, SNF, …): the facility PE RVU.
    Facility,
    /// Any other setting (an office): the non-facility PE RVU.
    NonFacility,
}

/// The clinician's Advanced Alternative Payment Model status, which picks the conversion factor from
/// 2026 on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApmStatus {
    /// A qualifying APM participant (QP).
    QualifyingParticipant,
    /// Not a qualifying APM participant: the conversion factor in the relative value file.
    NotQualifying,
}

/// The CY 2026 conversion factor for qualifying APM participants, $33.5675.
///
/// Source: the CY 2026 Physician Fee Schedule final rule (CMS-1832-F, Federal Register 2025-19787,
/// November 5, 2025), which sets two conversion factors for 2026: $33.5675 for qualifying APM
/// participants and $33.4009 for all other clinicians (as reported by Part B News, "CY 2026 Qualifying
/// APM CF (final) $33.5675", and by the AAMC, "QP $33.57"). The July 2026 relative value file carries
/// only the other one (33.4009, its name says `nonQPP`); no CMS QPP relative value file was available
/// to read this value from, so it is this constant. Before 2026 there is one conversion factor for all
/// clinicians (RVU25A: "a single conversion factor for all services"), the one in the file.
pub const QP_CONVERSION_FACTOR_2026: Decimal = Decimal::new(335_675, 4);

/// Why there is no national payment amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PaymentError {
    /// No compiled relative value file is in force on the date, or the code is malformed or a CPT or
    /// CDT code this build does not carry.
    #[error(transparent)]
    Release(#[from] FeeScheduleError),
    /// A modifier was given where a procedure code belongs.
    #[error("{code} is a modifier, not a procedure code")]
    NotAProcedureCode {
        /// What was given.
        code: crate::Code,
    },
    /// The file in force has no row for the code and modifier.
    #[error("{} has no row for {code}{}", release.source_file(), modifier.map(|m| format!("-{m}")).unwrap_or_default())]
    NoRow {
        /// The code.
        code: HcpcsCode,
        /// The modifier.
        modifier: Option<Modifier>,
        /// The file in force.
        release: Dataset,
    },
    /// The status says Medicare does not pay the RVUs ("Only RVUs associated with status codes of
    /// A, R, or T are used for Medicare payment", RVU25A).
    #[error("status {} ({}): the RVUs are not used for Medicare payment", status.code(), status.description())]
    NotPaidOnRvus {
        /// The row's status.
        status: PfsStatus,
    },
    /// The NA indicator of the setting: "rarely or never performed" there, no PE RVU developed.
    #[error("NA in the {setting:?} setting: the procedure is rarely or never performed there")]
    NotApplicableInSetting {
        /// The setting asked for.
        setting: Setting,
    },
    /// A qualifying participant's conversion factor for a year after 2026, which the crate does not
    /// know.
    #[error("no qualifying-APM conversion factor is known for {year}")]
    NoQpConversionFactor {
        /// The file's year.
        year: i32,
    },
}

/// A national payment amount and how it was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The row used.
    pub row: &'static FeeScheduleRow,
    /// The relative value file in force.
    pub release: Dataset,
    /// Total RVUs of the setting (work + PE of the setting + malpractice).
    pub total_rvus: Decimal,
    /// The conversion factor used.
    pub conversion_factor: Decimal,
    /// total RVUs × conversion factor, rounded to the cent, halves away from zero.
    pub amount: Decimal,
}

/// The conversion factor of a file's row for an APM status.
pub fn conversion_factor(
    row: &FeeScheduleRow,
    release: Dataset,
    apm: ApmStatus,
) -> Result<Decimal, PaymentError> {
    let year = release.effective().year();
    match apm {
        ApmStatus::NotQualifying => Ok(row.conversion_factor()),
        ApmStatus::QualifyingParticipant if year < 2026 => Ok(row.conversion_factor()),
        ApmStatus::QualifyingParticipant if year == 2026 => Ok(QP_CONVERSION_FACTOR_2026),
        ApmStatus::QualifyingParticipant => Err(PaymentError::NoQpConversionFactor { year }),
    }
}

/// The national payment amount of a code (and modifier) on a date of service: the setting's total
/// RVUs × the conversion factor in force, in exact decimal arithmetic, rounded to the cent with
/// halves away from zero, as CMS's published amounts are.
///
/// **Not included**: no geographic (GPCI) locality adjustment — this is the national amount; no
/// multiple-procedure, bilateral, assistant or co-surgery adjustment; no OPPS cap on imaging
/// (RVU25A's "lower of" rule); no therapy PE reduction; no sequestration, deductible or coinsurance.
///
/// ```
/// use chrono::NaiveDate;
/// use hcpcs::fee_schedule::{self, ApmStatus, Setting};
/// let g0105: hcpcs::HcpcsCode = "G0105".parse().unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 8, 3).unwrap();
/// let p = fee_schedule::national_payment(g0105, None, day, Setting::NonFacility, ApmStatus::NotQualifying).unwrap();
/// assert_eq!((p.total_rvus.to_string(), p.conversion_factor.to_string()), ("11.32".into(), "33.4009".into()));
/// assert_eq!(p.amount.to_string(), "378.10");
/// let qp = fee_schedule::national_payment(g0105, None, day, Setting::NonFacility, ApmStatus::QualifyingParticipant).unwrap();
/// assert_eq!(qp.amount.to_string(), "379.98");
/// ```
pub fn national_payment(
    code: impl AsCode,
    modifier: Option<Modifier>,
    date: NaiveDate,
    setting: Setting,
    apm: ApmStatus,
) -> Result<Payment, PaymentError> {
    let c = code
        .to_code()
        .map_err(|e| FeeScheduleError::from(LookupError::from(e)))?;
    let crate::Code::Procedure(code) = c else {
        return Err(PaymentError::NotAProcedureCode { code: c });
    };
    crate::dataset_code(code).map_err(FeeScheduleError::from)?;
    let rel = release_entry_on(date)?;
    let Some(row) = rel.rows_of(code).iter().find(|r| r.modifier() == modifier) else {
        return Err(PaymentError::NoRow {
            code,
            modifier,
            release: rel.dataset,
        });
    };
    if !row.rvus_used_for_payment() {
        return Err(PaymentError::NotPaidOnRvus {
            status: row.status(),
        });
    }
    let (total, na) = match setting {
        Setting::Facility => (row.facility_total(), row.facility_na()),
        Setting::NonFacility => (row.non_facility_total(), row.non_facility_na()),
    };
    if na {
        return Err(PaymentError::NotApplicableInSetting { setting });
    }
    let cf = conversion_factor(row, rel.dataset, apm)?;
    // RVUs (scale 2) × conversion factor (scale 4): at most 6 + 6 digits, far from overflow.
    let amount = total
        .checked_mul(cf)
        .map_or(Decimal::new(0, 2), |p| p.round_half_away(2));
    Ok(Payment {
        row,
        release: rel.dataset,
        total_rvus: total,
        conversion_factor: cf,
        amount,
    })
}

#[cfg(feature = "serde")]
impl serde::Serialize for FeeScheduleRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("FeeScheduleRow", 31)?;
        st.serialize_field("code", &self.code())?;
        st.serialize_field("modifier", &self.modifier())?;
        st.serialize_field("status", &self.status())?;
        st.serialize_field(
            "not_used_for_medicare_payment",
            &self.not_used_for_medicare_payment(),
        )?;
        st.serialize_field("work_rvu", &self.work_rvu())?;
        st.serialize_field("non_facility_pe_rvu", &self.non_facility_pe_rvu())?;
        st.serialize_field("non_facility_na", &self.non_facility_na())?;
        st.serialize_field("facility_pe_rvu", &self.facility_pe_rvu())?;
        st.serialize_field("facility_na", &self.facility_na())?;
        st.serialize_field("malpractice_rvu", &self.malpractice_rvu())?;
        st.serialize_field("non_facility_total", &self.non_facility_total())?;
        st.serialize_field("facility_total", &self.facility_total())?;
        st.serialize_field("pctc", &self.pctc())?;
        st.serialize_field("global_days", &self.global_days())?;
        st.serialize_field("pre_op", &self.pre_op())?;
        st.serialize_field("intra_op", &self.intra_op())?;
        st.serialize_field("post_op", &self.post_op())?;
        st.serialize_field("multiple_procedure", &self.multiple_procedure())?;
        st.serialize_field("bilateral_surgery", &self.bilateral_surgery())?;
        st.serialize_field("assistant_at_surgery", &self.assistant_at_surgery())?;
        st.serialize_field("co_surgeons", &self.co_surgeons())?;
        st.serialize_field("team_surgery", &self.team_surgery())?;
        st.serialize_field("pricing_indicator", &self.pricing_indicator())?;
        st.serialize_field("endoscopic_base", &self.endoscopic_base())?;
        st.serialize_field("conversion_factor", &self.conversion_factor())?;
        st.serialize_field("physician_supervision", &self.physician_supervision())?;
        st.serialize_field("calculation_flag", &self.calculation_flag())?;
        st.serialize_field("imaging_family", &self.imaging_family())?;
        st.serialize_field("opps_non_facility_pe", &self.opps_non_facility_pe())?;
        st.serialize_field("opps_facility_pe", &self.opps_facility_pe())?;
        st.serialize_field("opps_malpractice", &self.opps_malpractice())?;
        st.end()
    }
}
