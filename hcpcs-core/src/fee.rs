//! The indicator enums of the Medicare Physician Fee Schedule relative value file (`PPRRVU*.csv`, field
//! meanings and code values from `RVU25A`), of the NCCI medically unlikely edits (MUE) and of the NCCI
//! add-on code edits, with an exact fixed-point [`Decimal`] for RVUs and conversion factors.
//!
//! ```
//! use hcpcs_core::fee::{GlobalDays, PfsStatus};
//! assert_eq!("XXX".parse::<GlobalDays>().unwrap(), GlobalDays::NotApplicable);
//! assert_eq!(PfsStatus::ContractorPriced.code(), "C");
//! ```

use core::fmt;

use crate::indicator::{cms_enum, CmsValue, UnknownValue};

/// An exact decimal number: `units` × 10^-`scale`. RVUs have scale 2, the conversion factor 4.
///
/// No binary floating point is involved anywhere between the CMS file and this value.
///
/// ```
/// use hcpcs_core::fee::Decimal;
/// let cf: Decimal = "32.3465".parse().unwrap();
/// assert_eq!((cf.units(), cf.scale()), (323465, 4));
/// assert_eq!(cf.to_string(), "32.3465");
/// assert_eq!("1.30".parse::<Decimal>().unwrap(), Decimal::new(130, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    units: i64,
    scale: u8,
}

impl Decimal {
    /// `units` × 10^-`scale`.
    pub const fn new(units: i64, scale: u8) -> Decimal {
        Decimal { units, scale }
    }

    /// The integer number of 10^-scale units.
    pub const fn units(self) -> i64 {
        self.units
    }

    /// Digits after the decimal point.
    pub const fn scale(self) -> u8 {
        self.scale
    }

    /// The value as the nearest `f64` (for display or statistics; keep `Decimal` for money).
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    /// Parses `digits[.digits]` (an optional leading `-`), keeping exactly the digits written.
    pub fn parse_exact(s: &str) -> Option<Decimal> {
        let (neg, t) = match s.strip_prefix('-') {
            Some(t) => (true, t),
            None => (false, s),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty() && frac.is_empty() || frac.len() > 9 || int.len() > 9 {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = format!("{int}{frac}");
        let units: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Some(Decimal {
            units: if neg { -units } else { units },
            scale: frac.len() as u8,
        })
    }

    /// The exact product (`None` on overflow): the scales add, no digit is lost.
    ///
    /// ```
    /// use hcpcs_core::fee::Decimal;
    /// let p = Decimal::new(285, 2).checked_mul(Decimal::new(334_009, 4)).unwrap();
    /// assert_eq!(p.to_string(), "95.192565");
    /// ```
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        Some(Decimal {
            units: self.units.checked_mul(other.units)?,
            scale: self.scale.checked_add(other.scale)?,
        })
    }

    /// Rounded to `scale` digits, halves away from zero (as CMS rounds published amounts);
    /// unchanged if it has no more digits than that.
    ///
    /// ```
    /// use hcpcs_core::fee::Decimal;
    /// assert_eq!(Decimal::new(95_192_565, 6).round_half_away(2).to_string(), "95.19");
    /// assert_eq!(Decimal::new(379_984_100, 6).round_half_away(2).to_string(), "379.98");
    /// assert_eq!(Decimal::new(125, 3).round_half_away(2).to_string(), "0.13");
    /// assert_eq!(Decimal::new(-125, 3).round_half_away(2).to_string(), "-0.13");
    /// ```
    pub fn round_half_away(self, scale: u8) -> Decimal {
        if self.scale <= scale {
            return self;
        }
        let f = 10i64.saturating_pow((self.scale - scale) as u32);
        let (q, r) = (self.units / f, self.units % f);
        let units = if r.abs() * 2 >= f {
            q + self.units.signum()
        } else {
            q
        };
        Decimal { units, scale }
    }

    /// The same value at another scale, if no digit is lost.
    pub fn rescale(self, scale: u8) -> Option<Decimal> {
        if scale >= self.scale {
            let f = 10i64.checked_pow((scale - self.scale) as u32)?;
            Some(Decimal {
                units: self.units.checked_mul(f)?,
                scale,
            })
        } else {
            let f = 10i64.checked_pow((self.scale - scale) as u32)?;
            (self.units % f == 0).then_some(Decimal {
                units: self.units / f,
                scale,
            })
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = 10u64.pow(self.scale as u32);
        let a = self.units.unsigned_abs();
        let sign = if self.units < 0 { "-" } else { "" };
        if self.scale == 0 {
            write!(f, "{sign}{a}")
        } else {
            write!(f, "{sign}{}.{:0w$}", a / p, a % p, w = self.scale as usize)
        }
    }
}

impl core::str::FromStr for Decimal {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Decimal, UnknownValue> {
        Decimal::parse_exact(s.trim()).ok_or_else(|| UnknownValue {
            field: "decimal number",
            value: s.to_string(),
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Decimal {
    /// As a string, so that no JSON reader turns it into a binary float.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// PRIC IND: a one-digit column that the CMS relative value files carry from 2026 on (between TEAM SURG
/// and ENDO BASE). **Its meaning is not known here**: no CMS documentation of it (RVU26A / RVU26C) could
/// be found, so this type carries the digit and gives no description rather than invent one. In the July
/// 2026 file it is `9` on every row.
///
/// ```
/// use hcpcs_core::fee::PfsPricingIndicator;
/// let p: PfsPricingIndicator = "9".parse().unwrap();
/// assert_eq!(p.code(), "9");
/// assert_eq!(p.description(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PfsPricingIndicator(u8);

impl PfsPricingIndicator {
    /// The field's name, for people and error messages.
    pub const FIELD: &'static str = "PRIC IND (fee schedule pricing indicator)";

    /// The CMS code, one digit.
    pub const fn code(self) -> &'static str {
        const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        DIGITS[(self.0 % 10) as usize]
    }

    /// Always `None`: no authoritative description of PRIC IND was found (see the type's docs).
    pub const fn description(self) -> Option<&'static str> {
        None
    }

    /// Position among the ten digits; used by the generated tables.
    #[doc(hidden)]
    pub const fn index(self) -> u8 {
        self.0
    }

    /// Inverse of [`Self::index`].
    #[doc(hidden)]
    pub fn from_index(i: u8) -> Option<PfsPricingIndicator> {
        (i < 10).then_some(PfsPricingIndicator(i))
    }
}

impl CmsValue for PfsPricingIndicator {
    const FIELD: &'static str = PfsPricingIndicator::FIELD;
    fn from_cms_code(code: &str) -> Option<PfsPricingIndicator> {
        match code.as_bytes() {
            [d @ b'0'..=b'9'] => Some(PfsPricingIndicator(d - b'0')),
            _ => None,
        }
    }
}

impl fmt::Display for PfsPricingIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl core::str::FromStr for PfsPricingIndicator {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<PfsPricingIndicator, UnknownValue> {
        PfsPricingIndicator::from_cms_code(s.trim()).ok_or_else(|| UnknownValue {
            field: PfsPricingIndicator::FIELD,
            value: s.to_string(),
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PfsPricingIndicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

cms_enum! {
    /// Fee schedule status code (RVU25A Attachment A): whether the code is in the fee schedule and
    /// separately payable.
    PfsStatus, "fee schedule status code" {
        Active = "A", "Active Code. These codes are paid separately under the physician fee schedule, if covered.";
        Bundled = "B", "Bundled Code. Payment for covered services are always bundled into payment for other services not specified.";
        ContractorPriced = "C", "Contractors price the code. A/B MACs (B) will establish RVUs and payment amounts for these services, generally on an individual case basis following review of documentation such as an operative report.";
        Deleted = "D", "Deleted Codes. These codes are deleted effective with the beginning of the applicable year.";
        Excluded = "E", "Excluded from Physician Fee Schedule by regulation.";
        DeletedNoGracePeriod = "F", "Deleted/Discontinued Codes. (Code not subject to a 90 day grace period).";
        NotValidGracePeriod = "G", "Not valid for Medicare purposes. Medicare uses another code for reporting of, and payment for, these services. (Code subject to a 90 day grace period.)";
        DeletedModifier = "H", "Deleted Modifier. This code had an associated TC and/or 26 modifier in the previous year.";
        NotValid = "I", "Not valid for Medicare purposes. Medicare uses another code for reporting of, and payment for, these services. (Code NOT subject to a 90 day grace period.)";
        Anesthesia = "J", "Anesthesia Services. There are no RVUs and no payment amounts for these codes.";
        Measurement = "M", "Measurement codes. Used for reporting purposes only.";
        NonCovered = "N", "Non-covered Services. These services are not covered by Medicare.";
        BundledExcluded = "P", "Bundled/Excluded Codes. There are no RVUs and no payment amounts for these services.";
        RestrictedCoverage = "R", "Restricted Coverage. Special coverage instructions apply. If covered, the service is contractor priced.";
        Injection = "T", "Injections. There are RVUS and payment amounts for these services, but they are only paid if there are no other services payable under the physician fee schedule billed on the same date by the same provider.";
        StatutoryExclusion = "X", "Statutory Exclusion. These codes represent an item or service that is not in the statutory definition of \"physician services\" for fee schedule payment purposes.";
    }
}

cms_enum! {
    /// PC/TC indicator (RVU25A Attachment A): how professional and technical components apply.
    PcTc, "PC/TC indicator" {
        PhysicianService = "0", "Physician Service Codes--Identifies codes that describe physician services.";
        DiagnosticTest = "1", "Diagnostic Tests for Radiology Services--Identifies codes that describe diagnostic tests.";
        ProfessionalComponentOnly = "2", "Professional Component Only Codes";
        TechnicalComponentOnly = "3", "Technical Component Only Codes";
        GlobalTestOnly = "4", "Global Test Only Codes";
        IncidentTo = "5", "Incident To Codes";
        LabPhysicianInterpretation = "6", "Laboratory Physician Interpretation Codes";
        PhysicalTherapy = "7", "Physical therapy service, for which payment may not be made";
        PhysicianInterpretation = "8", "Physician interpretation codes";
        NotApplicable = "9", "Not Applicable--Concept of a professional/technical component does not apply";
    }
}

cms_enum! {
    /// Global surgery days: the time frame of the global surgical package.
    GlobalDays, "global surgery days" {
        Endoscopic = "000", "Endoscopic or minor procedure with related preoperative and postoperative relative values on the day of the procedure only included in the fee schedule payment amount";
        Minor = "010", "Minor procedure with preoperative relative values on the day of the procedure and postoperative relative values during a 10 day postoperative period included in the fee schedule amount";
        Major = "090", "Major surgery with a 1-day preoperative period and 90-day postoperative period included in the fee schedule amount.";
        Maternity = "MMM", "Maternity codes; usual global period does not apply.";
        NotApplicable = "XXX", "The global concept does not apply to the code.";
        CarrierDetermines = "YYY", "The carrier is to determine whether the global concept applies and establishes postoperative period, if appropriate, at time of pricing.";
        AddOn = "ZZZ", "The code is related to another service and is always included in the global period of the other service.";
    }
}

cms_enum! {
    /// Multiple procedure indicator (modifier 51): the payment adjustment rule for multiple procedures.
    MultipleProcedure, "multiple procedure indicator" {
        NoAdjustment = "0", "No payment adjustment rules for multiple procedures apply.";
        Pre1995Rules = "1", "Standard payment adjustment rules in effect before January 1, 1995 for multiple procedures apply.";
        Standard = "2", "Standard payment adjustment rules for multiple procedures apply.";
        Endoscopic = "3", "Special rules for multiple endoscopic procedures apply if procedure is billed with another endoscopy in the same family.";
        DiagnosticImaging = "4", "Special rules for the technical component (TC) of diagnostic imaging procedures apply if procedure is billed with another diagnostic imaging procedure in the same family.";
        TherapyPracticeExpense = "5", "Subject to 50% of the practice expense component for certain therapy services.";
        DiagnosticCardiovascular = "6", "Subject to 25% reduction of the second highest and subsequent procedures to the TC of diagnostic cardiovascular services, effective for services January 1, 2013, and thereafter.";
        DiagnosticOphthalmology = "7", "Subject to 20% reduction of the second highest and subsequent procedures to the TC of diagnostic ophthalmology services, effective for services January 1, 2013, and thereafter.";
        NotApplicable = "9", "Concept does not apply.";
    }
}

cms_enum! {
    /// Bilateral surgery indicator (modifier 50).
    BilateralSurgery, "bilateral surgery indicator" {
        NoAdjustment = "0", "150% payment adjustment for bilateral procedures does not apply.";
        Adjustment150 = "1", "150% payment adjustment for bilateral procedures applies.";
        AlreadyBilateral = "2", "150% payment adjustment does not apply. RVUs are already based on the procedure being performed as a bilateral procedure.";
        PerSide = "3", "The usual payment adjustment for bilateral procedures does not apply.";
        NotApplicable = "9", "Concept does not apply.";
    }
}

cms_enum! {
    /// Assistant at surgery indicator.
    AssistantAtSurgery, "assistant at surgery indicator" {
        DocumentationRequired = "0", "Payment restriction for assistants at surgery applies to this procedure unless supporting documentation is submitted to establish medical necessity.";
        StatutoryRestriction = "1", "Statutory payment restriction for assistants at surgery applies to this procedure. Assistant at surgery may not be paid.";
        Payable = "2", "Payment restriction for assistants at surgery does not apply to this procedure. Assistant at surgery may be paid.";
        NotApplicable = "9", "Concept does not apply.";
    }
}

cms_enum! {
    /// Co-surgeons indicator (modifier 62).
    CoSurgeons, "co-surgeons indicator" {
        NotPermitted = "0", "Co-surgeons not permitted for this procedure.";
        DocumentationRequired = "1", "Co-surgeons could be paid, though supporting documentation is required to establish the medical necessity of two surgeons for the procedure.";
        Permitted = "2", "Co-surgeons permitted and no documentation required if the two-specialty requirement is met.";
        NotApplicable = "9", "Concept does not apply.";
    }
}

cms_enum! {
    /// Team surgery indicator (modifier 66).
    TeamSurgery, "team surgery indicator" {
        NotPermitted = "0", "Team surgeons not permitted for this procedure.";
        DocumentationRequired = "1", "Team surgeons could be paid, though supporting documentation required to establish medical necessity of a team; pay by report.";
        Permitted = "2", "Team surgeons permitted; pay by report.";
        NotApplicable = "9", "Concept does not apply.";
    }
}

cms_enum! {
    /// Physician supervision of diagnostic procedures.
    PhysicianSupervision, "physician supervision of diagnostic procedures" {
        General = "01", "Procedure must be performed under the general supervision of a physician.";
        Direct = "02", "Procedure must be performed under the direct supervision of a physician.";
        Personal = "03", "Procedure must be performed under the personal supervision of physician.";
        PsychologistOrGeneral = "04", "Physician supervision policy does not apply when procedure is furnished by a qualified, independent psychologist or a clinical psychologist; otherwise must be performed under the general supervision of a physician.";
        AudiologistOrGeneral = "05", "Physician supervision policy does not apply when procedure is furnished by a qualified audiologist; otherwise must be performed under the general supervision of a physician.";
        PhysicianOrCertifiedTherapist = "06", "Procedure must be performed by a physician or a physical Therapist (PT) who is certified by the American Board of Physical Therapy Specialties (ABPTS) as a qualified electrophysiological clinical specialist and is permitted to provide the procedure under State law.";
        NotApplicable = "09", "Concept does not apply.";
        CertifiedTechnician = "21", "Procedure may be performed by a technician with certification under general supervision of a physician; otherwise must be performed under direct supervision of a physician.";
        TechnicianOnlineContact = "22", "May be performed by a technician with on-line real-time contact with physician.";
        PhysicianOrCertifiedPt = "66", "May be performed by a physician or by a physical therapist with ABPTS certification and certification in this specific procedure.";
        Level66WithPtSupervision = "6A", "Supervision standards for level 66 apply; in addition, the PT with ABPTS certification may supervise another PT, but only the PT with ABPTS certification may bill.";
        CertifiedPtOrDirect = "77", "Procedure must be performed by a PT with ABPTS certification or by a PT without certification under direct supervision of a physician, or by a technician with certification under general supervision of a physician.";
        Level77WithPtSupervision = "7A", "Supervision standards for level 77 apply; in addition, the PT with ABPTS certification may supervise another PT, but only the PT with ABPTS certification may bill.";
    }
}

cms_enum! {
    /// Diagnostic imaging family indicator.
    DiagnosticImagingFamily, "diagnostic imaging family indicator" {
        Ultrasound = "01", "Ultrasound (Chest/Abdomen/Pelvis-Non-Obstetrical)";
        CtChestAbdomenPelvis = "02", "CT and CTA (Chest/Thorax/Abd/Pelvis)";
        CtHeadNeck = "03", "CT and CTA (Head/Brain/Orbit/Maxillofacial/Neck)";
        MriChestAbdomenPelvis = "04", "MRI and MRA (Chest/Abd/Pelvis)";
        MriHeadNeck = "05", "MRI and MRA (Head/Brain/Neck)";
        MriSpine = "06", "MRI and MRA (Spine)";
        CtSpine = "07", "CT (Spine)";
        MriLowerExtremities = "08", "MRI and MRA (Lower Extremities)";
        CtLowerExtremities = "09", "CT and CTA (Lower Extremities)";
        MriUpperExtremities = "10", "MR and MRI (Upper Extremities and Joints)";
        CtUpperExtremities = "11", "CT and CTA (Upper Extremities)";
        ImagingReduction = "88", "Subject to the reduction of the TC diagnostic imaging (effective for services January 1, 2011 and after). Subject to the reduction of the PC diagnostic imaging (effective for services January 1, 2012, and after)";
        NotApplicable = "99", "Concept does not apply";
    }
}

cms_enum! {
    /// MUE adjudication indicator: how the medically unlikely edit is applied.
    MueAdjudication, "MUE adjudication indicator" {
        LineEdit = "1", "Line Edit";
        DateOfServicePolicy = "2", "Date of Service Edit: Policy";
        DateOfServiceClinical = "3", "Date of Service Edit: Clinical";
    }
}

cms_enum! {
    /// MUE rationale: the basis CMS gives for the MUE value (the values of the April 2026 table).
    MueRationale, "MUE rationale" {
        AnatomicConsideration = "Anatomic Consideration", "Anatomic Consideration";
        ClinicalCmsWorkgroup = "Clinical: CMS Workgroup", "Clinical: CMS Workgroup";
        ClinicalData = "Clinical: Data", "Clinical: Data";
        ClinicalSocietyComment = "Clinical: Society Comment", "Clinical: Society Comment";
        CmsPolicy = "CMS Policy", "CMS Policy";
        CodeDescriptor = "Code Descriptor / CPT Instruction", "Code Descriptor / CPT Instruction";
        CompoundedDrugPolicy = "Compounded Drug Policy", "Compounded Drug Policy";
        DrugDiscontinued = "Drug discontinued", "Drug discontinued";
        NatureOfAnalyte = "Nature of Analyte", "Nature of Analyte";
        NatureOfEquipment = "Nature of Equipment", "Nature of Equipment";
        NatureOfService = "Nature of Service/Procedure", "Nature of Service/Procedure";
        OralMedicationNotPayable = "Oral Medication; Not Payable", "Oral Medication; Not Payable";
        PrescribingInformation = "Prescribing Information", "Prescribing Information";
        PublishedContractorPolicy = "Published Contractor Policy", "Published Contractor Policy";
    }
}

cms_enum! {
    /// NCCI add-on code edit type.
    AocEditType, "add-on code edit type" {
        PrimaryListed = "1", "The add-on code is paid only with one of the listed primary codes";
        PrimaryNotSpecified = "2", "CMS does not specify the primary codes; contractors define them";
        PrimaryListedContractorMayAllow = "3", "Some primary codes are listed; the contractor may allow others";
    }
}
