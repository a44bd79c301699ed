//! The Medicare Physician Fee Schedule national relative value file (`PPRRVU*.csv`): one
//! [`FeeScheduleRow`] per (code, modifier), every indicator typed, every amount an exact [`Decimal`].
//!
//! Without the `cpt` feature only HCPCS Level II codes have rows.
//!
//! ```
//! use hcpcs::fee_schedule::{self, GlobalDays, PfsStatus};
//! let q: hcpcs::HcpcsCode = "G0008".parse().unwrap();
//! let row = fee_schedule::row(q, None).unwrap();
//! assert_eq!(row.code(), q);
//! assert_eq!(row.status(), PfsStatus::StatutoryExclusion);
//! assert_eq!(row.global_days(), GlobalDays::NotApplicable);
//! assert!(row.conversion_factor().units() > 0);
//! ```

use hcpcs_core::packed::{self as pk, fee as pf};

pub use hcpcs_core::fee::{
    AssistantAtSurgery, BilateralSurgery, CoSurgeons, Decimal, DiagnosticImagingFamily, GlobalDays,
    MultipleProcedure, PcTc, PfsPricingIndicator, PfsStatus, PhysicianSupervision, TeamSurgery,
};

use crate::datasets::Dataset;
use crate::{tables, HcpcsCode, Modifier};

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

/// Every row of a code: the global service first, then its modifiers. Empty if the file has none
/// (or, without the `cpt` feature, for a CPT or CDT code).
pub fn rows(code: HcpcsCode) -> &'static [FeeScheduleRow] {
    let (start, n) = span(&tables::FEE_INDEX, code.to_u32());
    tables::FEE_ROWS.get(start..start + n).unwrap_or(&[])
}

/// The row of a code with a modifier (`None`: the global service).
pub fn row(code: HcpcsCode, modifier: Option<Modifier>) -> Option<&'static FeeScheduleRow> {
    rows(code).iter().find(|r| r.modifier() == modifier)
}

/// Every row, in (code, modifier) order.
pub fn all() -> impl ExactSizeIterator<Item = &'static FeeScheduleRow> + Clone {
    tables::FEE_ROWS.iter()
}

/// The relative value file the rows came from.
pub fn release() -> Dataset {
    tables::FEE_RELEASE
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
