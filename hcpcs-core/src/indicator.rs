//! The CMS indicator enums of the HCPCS record, each with its CMS code ([`code`](PricingIndicator::code))
//! and the CMS description from the record layout (`HCPC2026_recordlayout.txt`)
//! ([`description`](PricingIndicator::description)).
//!
//! Every value the layout lists has a variant, whether or not the current data uses it. `Display` and
//! `FromStr` use the CMS code; with the `serde` feature, so does serialization.
//!
//! ```
//! use hcpcs_core::indicator::{PricingGroup, PricingIndicator};
//! let p: PricingIndicator = "51".parse().unwrap();
//! assert_eq!(p, PricingIndicator::Drugs);
//! assert_eq!(p.description(), "Drugs");
//! assert_eq!(p.group(), PricingGroup::Other);
//! assert!("5x".parse::<PricingIndicator>().is_err());
//! ```

use core::fmt;

/// A code that is not one of the values CMS defines for a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("unknown {field} {value:?}")]
pub struct UnknownValue {
    /// The field, for a person ("pricing indicator").
    pub field: &'static str,
    /// The offending text.
    pub value: String,
}

/// A value of an enumerated CMS field: looked up by its exact CMS code.
pub trait CmsValue: Sized + Copy + 'static {
    /// The field's name, for people and error messages.
    const FIELD: &'static str;
    /// The value whose CMS code is exactly `code`.
    fn from_cms_code(code: &str) -> Option<Self>;
}

macro_rules! cms_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $desc:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $code, "` = ", $desc)] $variant, )+
        }

        impl $name {
            /// Every value CMS defines, in the layout's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The field's name, for people and error messages.
            pub const FIELD: &'static str = $field;

            /// The CMS code.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The CMS description, as the record layout gives it.
            pub const fn description(self) -> &'static str {
                match self { $($name::$variant => $desc),+ }
            }

            /// The value whose CMS code is `code` (exactly; see `FromStr` for a lenient parse).
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Position in [`Self::ALL`]; used by the generated tables.
            #[doc(hidden)]
            pub const fn index(self) -> u8 {
                self as u8
            }

            /// Inverse of [`Self::index`].
            #[doc(hidden)]
            #[inline]
            pub fn from_index(i: u8) -> Option<$name> {
                Self::ALL.get(i as usize).copied()
            }
        }

        impl CmsValue for $name {
            const FIELD: &'static str = $field;
            fn from_cms_code(code: &str) -> Option<$name> {
                $name::from_code(code)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.code())
            }
        }

        impl core::str::FromStr for $name {
            type Err = UnknownValue;
            /// Parses the CMS code, ignoring surrounding whitespace and ASCII case.
            fn from_str(s: &str) -> Result<$name, UnknownValue> {
                let t = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code().eq_ignore_ascii_case(t))
                    .ok_or_else(|| UnknownValue { field: $field, value: s.to_string() })
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use cms_enum;

cms_enum! {
    /// HCPCS pricing indicator (record positions 120-127, up to 4 per code): the methodology used to
    /// price the code under Medicare Part B.
    PricingIndicator, "pricing indicator" {
        NotSeparatelyPriced = "00", "Service not separately priced by part B (e.G., services not covered, bundled, used by part a only, etc.)";
        NationalRvus = "11", "Price established using national rvu's";
        NationalAnesthesiaBaseUnits = "12", "Price established using national anesthesia base units";
        PhysicianCarrierPriced = "13", "Price established by carriers (e.G., not otherwise classified, individual determination, carrier discretion)";
        NationalLimitationAmount = "21", "Price subject to national limitation amount";
        LabCarrierPriced = "22", "Price established by carriers (e.G., gap-fills, carrier established panels)";
        FrequentlyServicedDme = "31", "Frequently serviced DME (price subject to floors and ceilings)";
        InexpensiveRoutinelyPurchasedDme = "32", "Inexpensive & routinely purchased DME (price subject to floors and ceilings)";
        Oxygen = "33", "Oxygen and oxygen equipment (price subject to floors and ceilings)";
        DmeSupplies = "34", "DME supplies (price subject to floors and ceilings)";
        SurgicalDressings = "35", "Surgical dressings (price subject to floors and ceilings)";
        CappedRentalDme = "36", "Capped rental DME (price subject to floors and ceilings)";
        OstomyTracheostomyUrological = "37", "Ostomy, tracheostomy and urological supplies (price subject to floors and ceilings)";
        OrthoticsProstheticsVision = "38", "Orthotics, prosthetics, prosthetic devices & vision services (price subject to floors and ceilings)";
        ParenteralEnteralNutrition = "39", "Parenteral and Enteral Nutrition";
        LymphedemaCompression = "40", "Lymphedema Compression Treatment Items (eff 1/1/2024)";
        CustomizedDme = "45", "Customized DME items";
        DmeposCarrierPriced = "46", "Carrier priced (e.g., not otherwise classified, individual determination, carrier discretion, gap-filled  amounts)";
        Drugs = "51", "Drugs";
        ReasonableCharge = "52", "Reasonable charge";
        Statute = "53", "Statute";
        Vaccinations = "54", "Vaccinations";
        SplintsAndCasts = "55", "Splints and Casts (effec 10/1/2014)";
        IntraocularLenses = "56", "IOL's inserted in a physician's office (eff 10/1/2014)";
        OtherCarrierPriced = "57", "Other carrier priced";
        NotEstablished = "99", "Value not established";
    }
}

/// The fee schedule a [`PricingIndicator`] belongs to, as the record layout groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PricingGroup {
    /// `00`: not separately priced by Part B.
    NotSeparatelyPriced,
    /// `11`-`13`: Physician Fee Schedule and non-physician practitioners linked to it.
    PhysicianFeeSchedule,
    /// `21`-`22`: Clinical Lab Fee Schedule.
    ClinicalLab,
    /// `31`-`46`: Durable Medical Equipment, Prosthetics, Orthotics, Supplies and Surgical Dressings.
    Dmepos,
    /// `51`-`57`, `99`: other.
    Other,
}

impl PricingGroup {
    /// The group's heading in the record layout.
    pub const fn description(self) -> &'static str {
        match self {
            PricingGroup::NotSeparatelyPriced => "Service not separately priced by part B",
            PricingGroup::PhysicianFeeSchedule => "Physician Fee Schedule And Non-Physician Practitioners Linked To The Physician Fee Schedule",
            PricingGroup::ClinicalLab => "Clinical Lab Fee Schedule",
            PricingGroup::Dmepos => "Durable Medical Equipment, Prosthetics, Orthotics, Supplies And Surgical Dressings",
            PricingGroup::Other => "Other",
        }
    }
}

impl fmt::Display for PricingGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.description())
    }
}

impl PricingIndicator {
    /// The fee schedule this pricing methodology belongs to.
    pub fn group(self) -> PricingGroup {
        match self.code().as_bytes()[0] {
            b'0' => PricingGroup::NotSeparatelyPriced,
            b'1' => PricingGroup::PhysicianFeeSchedule,
            b'2' => PricingGroup::ClinicalLab,
            b'3' | b'4' => PricingGroup::Dmepos,
            _ => PricingGroup::Other,
        }
    }
}

cms_enum! {
    /// HCPCS multiple pricing indicator (position 128): whether the code can be priced under more than one
    /// methodology.
    MultiplePricingIndicator, "multiple pricing indicator" {
        NotPricedSeparately = "9", "Not applicable as HCPCS not priced separately by part B (pricing indicator is 00) or value is not established (pricing indicator is '99')";
        SingleMethodology = "A", "Not applicable as HCPCS priced under one methodology";
        ProfessionalRvuTechnicalCarrier = "B", "Professional component of HCPCS priced using RVU's, while technical component and global service priced by Medicare part B carriers";
        PhysicianInterpretationOfLab = "C", "Physician interpretation of clinical lab service is priced under physician fee schedule using RVU's, while pricing of lab service is paid under clinical lab fee schedule";
        ClinicalPsychologist = "D", "Service performed by physician is priced under physician fee schedule using RVU's, while service performed by clinical psychologist is priced under clinical psychologist fee schedule (not applicable as of January 1, 1998)";
        PsychologistAndSocialWorker = "E", "Service performed by physician is priced under physician fee schedule using RVU's, service performed by clinical psychologist is priced under clinical psychologist's fee schedule and service performed by clinical social worker is priced under clinical social worker fee schedule (not applicable as of January 1, 1998)";
        CarrierPricedPsychologistAndSocialWorker = "F", "Service performed by physician is priced under physician fee schedule by carriers, service performed by clinical psychologist is priced under clinical psychologist's fee schedule and service performed by clinical social worker is priced under clinical social worker fee schedule (not applicable as of January 1, 1998)";
        LabWithBloodProducts = "G", "Clinical lab service priced under reasonable charge when service is submitted on claim with blood products, while service is priced under clinical lab fee schedule when there are no blood products on claim.";
    }
}

cms_enum! {
    /// HCPCS coverage code (position 230): Medicare coverage status.
    Coverage, "coverage code" {
        CarrierJudgment = "C", "Carrier judgment";
        SpecialInstructions = "D", "Special coverage instructions apply";
        NotPayable = "I", "Not payable by Medicare";
        NonCovered = "M", "Non-covered by Medicare";
        NonCoveredByStatute = "S", "Non-covered by Medicare statute";
    }
}

cms_enum! {
    /// HCPCS action code (position 293): the change made to the code in this release.
    Action, "action code" {
        Add = "A", "Add procedure or modifier code";
        AdministrativeAndLongDescription = "B", "Change in both administrative data field and long description of procedure or modifier code";
        LongDescription = "C", "Change in long description of procedure or modifier code";
        Discontinue = "D", "Discontinue procedure or modifier code";
        Administrative = "F", "Change in administrative data field of procedure or modifier code";
        NoMaintenance = "N", "No maintenance for this code";
        PaymentChange = "P", "Payment change (MOG, pricing indicator codes, anesthesia base units,Ambulatory Surgical Centers)";
        Reactivate = "R", "Re-activate discontinued/deleted procedure or modifier code";
        ShortDescription = "S", "Change in short description of procedure code";
        Miscellaneous = "T", "Miscellaneous change (BETOS, type of service)";
    }
}

cms_enum! {
    /// HCPCS ASC payment group (positions 231-232). Blank means not approved for an ambulatory surgical
    /// center, which the record API gives as `None`.
    AscGroup, "ASC payment group" {
        Approved = "YY", "This procedure is approved to be performed in an ambulatory surgical center";
    }
}

cms_enum! {
    /// HCPCS OPPS (MOG) payment policy indicator (position 244).
    OppsPaymentPolicyIndicator, "OPPS payment policy indicator" {
        AscCovered = "1", "ASC covered procedure";
        Bundled = "2", "Bundled service/no separate payment";
        ExcludedFromAsc = "3", "Excluded from ASC list";
        InvalidGracePeriod = "4", "Invalid code/90 day grace period";
        SeparatePayment = "6", "Separate payment when furnished in an ASC";
        AscRestricted = "7", "ASC restricted coverage procedure";
        NotApplicable = "9", "ASC payment not applicable";
    }
}

cms_enum! {
    /// HCPCS lab certification code (positions 181-204, up to 8 per code): the CLIA specialty
    /// certification a laboratory needs. A generally certified laboratory (e.g. `100`) may perform the
    /// tests of its subgroups (`110`, `120`, ...): see [`LabCertification::parent`].
    LabCertification, "lab certification code" {
        Histocompatibility = "010", "Histocompatibility testing";
        Microbiology = "100", "Microbiology";
        Bacteriology = "110", "Bacteriology";
        Mycobacteriology = "115", "Mycobacteriology";
        Mycology = "120", "Mycology";
        Parasitology = "130", "Parasitology";
        Virology = "140", "Virology";
        OtherMicrobiology = "150", "Other microbiology";
        DiagnosticImmunology = "200", "Diagnostic immunology";
        SyphilisSerology = "210", "Syphilis serology";
        GeneralImmunology = "220", "General immunology";
        Chemistry = "300", "Chemistry";
        RoutineChemistry = "310", "Routine chemistry";
        Urinalysis = "320", "Urinalysis";
        Endocrinology = "330", "Endocrinology";
        Toxicology = "340", "Toxicology";
        OtherChemistry = "350", "Other chemistry";
        Hematology = "400", "Hematology";
        Immunohematology = "500", "Immunohematology";
        AboGroupAndRhType = "510", "Abo group & RH type";
        AntibodyDetectionTransfusion = "520", "Antibody detection (transfusion)";
        AntibodyDetectionNontransfusion = "530", "Antibody detection (nontransfusion)";
        AntibodyIdentification = "540", "Antibody identification";
        CompatibilityTesting = "550", "Compatibility testing";
        OtherImmunohematology = "560", "Other immunohematology";
        Pathology = "600", "Pathology";
        Histopathology = "610", "Histopathology";
        OralPathology = "620", "Oral pathology";
        Cytology = "630", "Cytology";
        Radiobioassay = "800", "Radiobioassay";
        ClinicalCytogenetics = "900", "Clinical cytogenetics";
    }
}

impl LabCertification {
    /// The general specialty this subgroup belongs to (`110` → `100` Microbiology), or `None` for a
    /// general specialty itself.
    ///
    /// ```
    /// use hcpcs_core::indicator::LabCertification;
    /// assert_eq!(LabCertification::Bacteriology.parent(), Some(LabCertification::Microbiology));
    /// assert_eq!(LabCertification::Microbiology.parent(), None);
    /// ```
    pub fn parent(self) -> Option<LabCertification> {
        let c = self.code().as_bytes();
        if c[1] == b'0' && c[2] == b'0' || c == b"010" {
            return None;
        }
        LabCertification::from_code(core::str::from_utf8(&[c[0], b'0', b'0']).ok()?)
    }
}

cms_enum! {
    /// CMS type of service (positions 261-265, up to 5 per code; table `CMS_TYPE_SRVC_TB`).
    TypeOfService, "type of service" {
        MedicalCare = "1", "Medical care";
        Surgery = "2", "Surgery";
        Consultation = "3", "Consultation";
        DiagnosticRadiology = "4", "Diagnostic radiology";
        DiagnosticLaboratory = "5", "Diagnostic laboratory";
        TherapeuticRadiology = "6", "Therapeutic radiology";
        Anesthesia = "7", "Anesthesia";
        AssistantAtSurgery = "8", "Assistant at surgery";
        OtherMedical = "9", "Other medical items or services";
        WholeBlood = "0", "Whole blood only eff 01/96, whole blood or packed red cells before 01/96";
        UsedDme = "A", "Used durable medical equipment (DME)";
        HighRiskScreeningMammography = "B", "High risk screening mammography (obsolete 1/1/98)";
        LowRiskScreeningMammography = "C", "Low risk screening mammography (obsolete 1/1/98)";
        Ambulance = "D", "Ambulance (eff 04/95)";
        EnteralParenteral = "E", "Enteral/parenteral nutrients/supplies (eff 04/95)";
        AmbulatorySurgicalCenter = "F", "Ambulatory surgical center (facility usage for surgical services)";
        ImmunosuppressiveDrugs = "G", "Immunosuppressive drugs";
        Hospice = "H", "Hospice services (discontinued 01/95)";
        DmeInstallmentPurchase = "I", "Purchase of DME (installment basis) (discontinued 04/95)";
        DiabeticShoes = "J", "Diabetic shoes (eff 04/95)";
        Hearing = "K", "Hearing items and services (eff 04/95)";
        EsrdSupplies = "L", "ESRD supplies (eff 04/95) (renal supplier in the home before 04/95)";
        DialysisCapitation = "M", "Monthly capitation payment for dialysis";
        KidneyDonor = "N", "Kidney donor";
        LumpSumPurchase = "P", "Lump sum purchase of DME, prosthetics, orthotics";
        Vision = "Q", "Vision items or services";
        DmeRental = "R", "Rental of DME";
        SurgicalDressings = "S", "Surgical dressings or other medical supplies (eff 04/95)";
        PsychologicalTherapy = "T", "Psychological therapy (term. 12/31/97) outpatient mental health limitation (eff. 1/1/98)";
        OccupationalTherapy = "U", "Occupational therapy";
        PneumococcalFluVaccine = "V", "Pneumococcal/flu vaccine (eff 01/96), Pneumococcal/flu/hepatitis B vaccine (eff 04/95-12/95), Pneumococcal only before 04/95";
        PhysicalTherapy = "W", "Physical therapy";
        SecondOpinion = "Y", "Second opinion on elective surgery (obsoleted 1/97)";
        ThirdOpinion = "Z", "Third opinion on elective surgery (obsoleted 1/97)";
    }
}

cms_enum! {
    /// Berenson-Eggers Type of Service (positions 257-259; table `BETOS_TB`): clinically meaningful
    /// groupings of procedures and services. Variants are named by their code; see
    /// [`Betos::category`] for the top-level grouping.
    Betos, "BETOS code" {
        D1A = "D1A", "Medical/surgical supplies";
        D1B = "D1B", "Hospital beds";
        D1C = "D1C", "Oxygen and supplies";
        D1D = "D1D", "Wheelchairs";
        D1E = "D1E", "Other DME";
        D1F = "D1F", "Prosthetic/Orthotic devices";
        D1G = "D1G", "Drugs Administered through DME";
        I1A = "I1A", "Standard imaging - chest";
        I1B = "I1B", "Standard imaging - musculoskeletal";
        I1C = "I1C", "Standard imaging - breast";
        I1D = "I1D", "Standard imaging - contrast gastrointestinal";
        I1E = "I1E", "Standard imaging - nuclear medicine";
        I1F = "I1F", "Standard imaging - other";
        I2A = "I2A", "Advanced imaging - CAT/CT/CTA: brain/head/neck";
        I2B = "I2B", "Advanced imaging - CAT/CT/CTA: other";
        I2C = "I2C", "Advanced imaging - MRI/MRA: brain/head/neck";
        I2D = "I2D", "Advanced imaging - MRI/MRA: other";
        I3A = "I3A", "Echography/ultrasonography - eye";
        I3B = "I3B", "Echography/ultrasonography - abdomen/pelvis";
        I3C = "I3C", "Echography/ultrasonography - heart";
        I3D = "I3D", "Echography/ultrasonography - carotid arteries";
        I3E = "I3E", "Echography/ultrasonography - prostate, transrectal";
        I3F = "I3F", "Echography/ultrasonography - other";
        I4A = "I4A", "Imaging/procedure - heart including cardiac catheterization";
        I4B = "I4B", "Imaging/procedure - other";
        M1A = "M1A", "Office visits - new";
        M1B = "M1B", "Office visits - established";
        M2A = "M2A", "Hospital visit - initial";
        M2B = "M2B", "Hospital visit - subsequent";
        M2C = "M2C", "Hospital visit - critical care";
        M3 = "M3", "Emergency room visit";
        M4A = "M4A", "Home visit";
        M4B = "M4B", "Nursing home visit";
        M5A = "M5A", "Specialist - pathology";
        M5B = "M5B", "Specialist - psychiatry";
        M5C = "M5C", "Specialist - opthamology";
        M5D = "M5D", "Specialist - other";
        M6 = "M6", "Consultations";
        O1A = "O1A", "Ambulance";
        O1B = "O1B", "Chiropractic";
        O1C = "O1C", "Enteral and parenteral";
        O1D = "O1D", "Chemotherapy";
        O1E = "O1E", "Other drugs";
        O1F = "O1F", "Hearing and speech services";
        O1G = "O1G", "Immunizations/Vaccinations";
        O1L = "O1L", "Lymphedema Compression Treatment Items (eff 1/1/2024)";
        P0 = "P0", "Anesthesia";
        P1A = "P1A", "Major procedure - breast";
        P1B = "P1B", "Major procedure - colectomy";
        P1C = "P1C", "Major procedure - cholecystectomy";
        P1D = "P1D", "Major procedure - turp";
        P1E = "P1E", "Major procedure - hysterectomy";
        P1F = "P1F", "Major procedure - explor/decompr/excisdisc";
        P1G = "P1G", "Major procedure - other";
        P2A = "P2A", "Major procedure, cardiovascular-CABG";
        P2B = "P2B", "Major procedure, cardiovascular-Aneurysm repair";
        P2C = "P2C", "Major Procedure, cardiovascular-Thromboendarterectomy";
        P2D = "P2D", "Major procedure, cardiovascualr-Coronary angioplasty (PTCA)";
        P2E = "P2E", "Major procedure, cardiovascular-Pacemaker insertion";
        P2F = "P2F", "Major procedure, cardiovascular-Other";
        P3A = "P3A", "Major procedure, orthopedic - Hip fracture repair";
        P3B = "P3B", "Major procedure, orthopedic - Hip replacement";
        P3C = "P3C", "Major procedure, orthopedic - Knee replacement";
        P3D = "P3D", "Major procedure, orthopedic - other";
        P4A = "P4A", "Eye procedure - corneal transplant";
        P4B = "P4B", "Eye procedure - cataract removal/lens insertion";
        P4C = "P4C", "Eye procedure - retinal detachment";
        P4D = "P4D", "Eye procedure - treatment of retinal lesions";
        P4E = "P4E", "Eye procedure - other";
        P5A = "P5A", "Ambulatory procedures - skin";
        P5B = "P5B", "Ambulatory procedures - musculoskeletal";
        P5C = "P5C", "Ambulatory procedures - inguinal hernia repair";
        P5D = "P5D", "Ambulatory procedures - lithotripsy";
        P5E = "P5E", "Ambulatory procedures - other";
        P6A = "P6A", "Minor procedures - skin";
        P6B = "P6B", "Minor procedures - musculoskeletal";
        P6C = "P6C", "Minor procedures - other (Medicare fee schedule)";
        P6D = "P6D", "Minor procedures - other (Non-Medicare fee schedule)";
        P7A = "P7A", "Oncology - radiation therapy";
        P7B = "P7B", "Oncology - other";
        P8A = "P8A", "Endoscopy - arthroscopy";
        P8B = "P8B", "Endoscopy - upper gastrointestinal";
        P8C = "P8C", "Endoscopy - sigmoidoscopy";
        P8D = "P8D", "Endoscopy - colonoscopy";
        P8E = "P8E", "Endoscopy - cystoscopy";
        P8F = "P8F", "Endoscopy - bronchoscopy";
        P8G = "P8G", "Endoscopy - laparoscopic cholecystectomy";
        P8H = "P8H", "Endoscopy - laryngoscopy";
        P8I = "P8I", "Endoscopy - other";
        P9A = "P9A", "Dialysis services (Medicare fee schedule)";
        P9B = "P9B", "Dialysis services (Non-Medicare fee schedule)";
        T1A = "T1A", "Lab tests - routine venipuncture (Non-Medicare fee schedule)";
        T1B = "T1B", "Lab tests - automated general profiles";
        T1C = "T1C", "Lab tests - urinalysis";
        T1D = "T1D", "Lab tests - blood counts";
        T1E = "T1E", "Lab tests - glucose";
        T1F = "T1F", "Lab tests - bacterial cultures";
        T1G = "T1G", "Lab tests - other (Medicare fee schedule)";
        T1H = "T1H", "Lab tests - other (Non-Medicare fee schedule)";
        T2A = "T2A", "Other tests - electrocardiograms";
        T2B = "T2B", "Other tests - cardiovascular stress tests";
        T2C = "T2C", "Other tests - EKG monitoring";
        T2D = "T2D", "Other tests - other";
        Y1 = "Y1", "Other - Medicare fee schedule";
        Y2 = "Y2", "Other - Non-Medicare fee schedule";
        Z1 = "Z1", "Local codes";
        Z2 = "Z2", "Undefined codes";    }
}

/// The top-level BETOS category, given by the first character of the BETOS code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum BetosCategory {
    /// `D`: durable medical equipment.
    DurableMedicalEquipment,
    /// `I`: imaging.
    Imaging,
    /// `M`: evaluation and management.
    EvaluationAndManagement,
    /// `O`: other.
    Other,
    /// `P`: procedures.
    Procedures,
    /// `T`: tests.
    Tests,
    /// `Y`: exceptions (other, by fee schedule).
    Exceptions,
    /// `Z`: unclassified (local and undefined codes).
    Unclassified,
}

impl BetosCategory {
    /// The category's name.
    pub const fn description(self) -> &'static str {
        match self {
            BetosCategory::DurableMedicalEquipment => "Durable medical equipment",
            BetosCategory::Imaging => "Imaging",
            BetosCategory::EvaluationAndManagement => "Evaluation and management",
            BetosCategory::Other => "Other",
            BetosCategory::Procedures => "Procedures",
            BetosCategory::Tests => "Tests",
            BetosCategory::Exceptions => "Exceptions",
            BetosCategory::Unclassified => "Unclassified",
        }
    }
}

impl fmt::Display for BetosCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.description())
    }
}

impl Betos {
    /// The top-level category (`O1D` → [`BetosCategory::Other`]).
    pub fn category(self) -> BetosCategory {
        match self.code().as_bytes()[0] {
            b'D' => BetosCategory::DurableMedicalEquipment,
            b'I' => BetosCategory::Imaging,
            b'M' => BetosCategory::EvaluationAndManagement,
            b'O' => BetosCategory::Other,
            b'P' => BetosCategory::Procedures,
            b'T' => BetosCategory::Tests,
            b'Y' => BetosCategory::Exceptions,
            _ => BetosCategory::Unclassified,
        }
    }
}

/// An OPPS (Medicare outpatient group, MOG) payment group code (positions 241-243): a 3-digit group
/// the record layout defines.
///
/// ```
/// use hcpcs_core::indicator::OppsGroup;
/// let g: OppsGroup = "640".parse().unwrap();
/// assert_eq!(g.description(), "Cataract procedures");
/// assert!("641".parse::<OppsGroup>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OppsGroup(u16);

/// Every MOG payment group in the record layout, with its description.
const OPPS_GROUPS: &[(u16, &str)] = &[
    (0, "No MOG applies"),
    (102, "Level II needle biopsy/aspiration"),
    (112, "Level II incision and drainage"),
    (132, "Level II debridement/destruction"),
    (142, "Level II excision/biopsy"),
    (143, "Level III excision/biopsy"),
    (151, "Level I skin repair"),
    (152, "Level II skin repair"),
    (153, "Level III skin repair"),
    (160, "Incision/excision breast"),
    (169, "Breast reconstruction/mastectomy"),
    (201, "Level I skull and facial bone procedures"),
    (202, "Level II skull and facial bone procedures"),
    (211, "Level I hand musculoskeletal procedures"),
    (212, "Level II hand musculoskeletal procedures"),
    (221, "Level I foot musculoskeletal procedures"),
    (222, "Level II foot musculoskeletal procedures"),
    (231, "Level I musculoskeletal procedures"),
    (232, "Level II musculoskeletal procedures"),
    (233, "Level III musculoskeletal procedures"),
    (241, "Level I arthroscopy"),
    (242, "Level II arthroscopy"),
    (260, "Closed treatment fracture finger/toe/trunk"),
    (
        269,
        "Closed treatment fracture/dislocation/except finger/toe/trunk",
    ),
    (270, "Open/percutaneous treatment fracture or dislocation"),
    (279, "Bone/joint manipulation under anesthesia"),
    (280, "Bunion procedures"),
    (289, "Arthroplasty"),
    (290, "Arthroplasty with prosthesis"),
    (302, "Level II ENT procedures"),
    (303, "Level III ENT procedures"),
    (304, "Level IV ENT procedures"),
    (
        309,
        "Implantation of cochlear device (ASC rate does not include cost of implant)",
    ),
    (310, "Nasal cauterization/packing"),
    (319, "Tonsil/adenoid procedures"),
    (322, "Level II endoscopy upper airway"),
    (323, "Level III endoscopy upper airway"),
    (329, "Endoscopy lower airway"),
    (330, "Thoracentesis/lavage procedures"),
    (350, "Placement transvenous caths/cutdown"),
    (359, "Removal/revision, pacemaker/vascular device"),
    (360, "Vascular ligation"),
    (369, "Vascular repair/fistula construction"),
    (370, "Lymph node excisions"),
    (379, "Thyroid/lymphadenectomy procedures"),
    (400, "Esophageal dilation without endoscopy"),
    (410, "Esophagoscopy"),
    (421, "Level I upper GI endoscopy/intubation"),
    (422, "Level II upper GI endoscopy/intubation"),
    (429, "Lower GI endoscopy"),
    (430, "Anoscopy and diagnostic sigmoidoscopy"),
    (439, "Therapeutic proctosigmoidoscopy"),
    (440, "Small intestine endoscopy"),
    (449, "Percutaneous biliary endoscopic procedures"),
    (
        450,
        "Endoscopic retrograde cholangio-pancreatography (ERCP)",
    ),
    (460, "Hernia/hydrocele procedures"),
    (472, "Level II anal/rectal procedures"),
    (473, "Level III anal/rectal procedures"),
    (480, "Peritoneal and abdominal procedures"),
    (490, "Tube procedures"),
    (501, "Level I laparoscopy"),
    (502, "Level II laparoscopy"),
    (509, "Lithotripsy"),
    (
        511,
        "Level I cystourethroscopy and other genitourinary procedures",
    ),
    (
        512,
        "Level II cystourethroscopy and other genitourinary procedures",
    ),
    (
        513,
        "Level III cystourethroscopy and other genitourinary procedures",
    ),
    (521, "Level I urethral procedures"),
    (522, "Level II urethral procedures"),
    (530, "Circumcision"),
    (539, "Penile procedures"),
    (
        540,
        "Insertion of penile prosthesis (ASC rate does include cost of implant)",
    ),
    (549, "Testes/epididymis procedures"),
    (550, "Prostrate biopsy"),
    (562, "Level II female reproductive procedures"),
    (563, "Level III female reproductive procedures"),
    (570, "Surgical hysteroscopy"),
    (579, "D & C"),
    (580, "Spontaneous abortion"),
    (589, "Therapeutic abortion"),
    (602, "Level II nervous system injections"),
    (609, "Revision/removal neurological device"),
    (
        610,
        "Implantation of neurostimulator electrodes (ASC rate does not include cost of implant)",
    ),
    (
        619,
        "Implantation of neurological devices (asc rate does not include cost of implant)",
    ),
    (621, "Level I nerve procedures"),
    (622, "Level II nerve procedures"),
    (629, "Spinal tap"),
    (639, "Laser eye procedures except retinal"),
    (640, "Cataract procedures"),
    (
        649,
        "Cataract procedures with IOL insert (includes $150 insert)",
    ),
    (651, "Level I anterior segment eye procedures"),
    (652, "Level II anterior segment eye procedures"),
    (
        659,
        "Corneal transplant (ASC rate includes price of transplant)",
    ),
    (660, "Posterior segment eye procedures"),
    (669, "Strabismus/muscle procedures"),
    (673, "Level III eye procedure"),
    (674, "Level IV eye procedure"),
    (680, "Vitrectomy"),
    (689, "Implantation/replacement of intraitreal drug"),
];

impl OppsGroup {
    /// The group with this number, if the record layout defines it.
    pub fn new(n: u16) -> Option<OppsGroup> {
        OPPS_GROUPS
            .iter()
            .any(|&(g, _)| g == n)
            .then_some(OppsGroup(n))
    }

    /// Every group the record layout defines.
    pub fn all() -> impl Iterator<Item = OppsGroup> {
        OPPS_GROUPS.iter().map(|&(g, _)| OppsGroup(g))
    }

    /// The group number (0-999).
    pub const fn number(self) -> u16 {
        self.0
    }

    /// The CMS description.
    pub fn description(self) -> &'static str {
        OPPS_GROUPS
            .iter()
            .find(|&&(g, _)| g == self.0)
            .map_or("", |&(_, d)| d)
    }
}

impl CmsValue for OppsGroup {
    const FIELD: &'static str = "OPPS payment group";
    fn from_cms_code(code: &str) -> Option<OppsGroup> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        code.parse().ok().and_then(OppsGroup::new)
    }
}

impl fmt::Display for OppsGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl core::str::FromStr for OppsGroup {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<OppsGroup, UnknownValue> {
        OppsGroup::from_cms_code(s.trim()).ok_or_else(|| UnknownValue {
            field: OppsGroup::FIELD,
            value: s.to_string(),
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for OppsGroup {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for OppsGroup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip<T: Copy + PartialEq + fmt::Debug + fmt::Display + core::str::FromStr>(all: &[T]) {
        for &v in all {
            assert_eq!(v.to_string().parse::<T>().ok(), Some(v));
        }
    }

    #[test]
    fn every_enum_roundtrips_and_indexes() {
        roundtrip(PricingIndicator::ALL);
        roundtrip(MultiplePricingIndicator::ALL);
        roundtrip(Coverage::ALL);
        roundtrip(Action::ALL);
        roundtrip(AscGroup::ALL);
        roundtrip(OppsPaymentPolicyIndicator::ALL);
        roundtrip(LabCertification::ALL);
        roundtrip(TypeOfService::ALL);
        roundtrip(Betos::ALL);
        for (i, b) in Betos::ALL.iter().enumerate() {
            assert_eq!(Betos::from_index(i as u8), Some(*b));
        }
        assert_eq!(Betos::ALL.len(), 107);
        assert_eq!(OppsGroup::all().count(), 98);
    }

    #[test]
    fn groupings() {
        assert_eq!(
            PricingIndicator::NationalRvus.group(),
            PricingGroup::PhysicianFeeSchedule
        );
        assert_eq!(
            PricingIndicator::LabCarrierPriced.group(),
            PricingGroup::ClinicalLab
        );
        assert_eq!(
            PricingIndicator::DmeposCarrierPriced.group(),
            PricingGroup::Dmepos
        );
        assert_eq!(
            PricingIndicator::NotEstablished.group(),
            PricingGroup::Other
        );
        assert_eq!(Betos::O1D.category(), BetosCategory::Other);
        assert_eq!(Betos::M3.category(), BetosCategory::EvaluationAndManagement);
        assert_eq!(
            LabCertification::Cytology.parent(),
            Some(LabCertification::Pathology)
        );
        assert_eq!(LabCertification::Histocompatibility.parent(), None);
        let e = "QQ".parse::<Coverage>().unwrap_err();
        assert_eq!(e.to_string(), "unknown coverage code \"QQ\"");
    }
}
