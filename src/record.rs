//! [`Record`]: one procedure or modifier of the CMS HCPCS file, read straight from the static tables.

use core::fmt;

use chrono::NaiveDate;
use hcpcs_core::packed::{self as pk, Raw};

use crate::code::{Code, CrossReference, HcpcsCode, Modifier};
use crate::indicator::{
    Action, AscGroup, Betos, Coverage, LabCertification, MultiplePricingIndicator, OppsGroup,
    OppsPaymentPolicyIndicator, PricingIndicator, TypeOfService,
};
use crate::tables;

/// Whether a [`Record`] is a procedure (HCPCS record id 3) or a modifier (record id 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RecordKind {
    /// A procedure, supply or service code (5 characters).
    Procedure,
    /// A modifier (2 characters).
    Modifier,
}

/// A processing note: CMS guidance that a record points to by number (`proc_notes_*.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProcessingNote {
    number: u16,
    text: &'static str,
}

impl ProcessingNote {
    /// The note's number (`88` for note `0088`).
    pub const fn number(&self) -> u16 {
        self.number
    }

    /// The note's text, as CMS wrote it (upper case), lines joined with single spaces.
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// The note with this number, if the release has it.
    ///
    /// ```
    /// let n = hcpcs::ProcessingNote::get(88).unwrap();
    /// assert_eq!(n.number(), 88);
    /// assert!(!n.text().is_empty());
    /// ```
    pub fn get(number: u16) -> Option<ProcessingNote> {
        let i = tables::NOTES.binary_search_by_key(&number, |n| n.0).ok()?;
        let &(number, off, len) = tables::NOTES.get(i)?;
        Some(ProcessingNote {
            number,
            text: tables::string(off, len),
        })
    }
}

impl fmt::Display for ProcessingNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}: {}", self.number, self.text)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ProcessingNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ProcessingNote", 2)?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("text", self.text)?;
        st.end()
    }
}

/// One record of the CMS HCPCS file: a procedure code or a modifier, every field typed.
///
/// Records live in static tables: you get `&'static Record` from [`crate::get`], [`crate::procedure`],
/// [`crate::modifier`] or the iterators, never build one. Accessors decode a few bytes; none allocates.
/// Repeated fields (pricing indicators, lab certifications, ...) iterate over the values present only.
///
/// Descriptions of CPT (Level I) and CDT (dental) codes are AMA and ADA copyright and are never embedded:
/// for those, [`Record::long_description`] and [`Record::short_description`] are `None`.
///
/// ```
/// use hcpcs::{Coverage, PricingIndicator};
/// let r = hcpcs::get("Q2057").unwrap();
/// assert_eq!(r.short_description(), Some("Afamitresgene autoleucel"));
/// assert_eq!(r.pricing_indicators().collect::<Vec<_>>(), [PricingIndicator::Drugs]);
/// assert_eq!(r.coverage(), Coverage::CarrierJudgment);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Record(pub(crate) Raw);

/// The values present in fixed slots `at..at+n`, decoded with `f`.
fn slots<T: 'static>(
    raw: &Raw,
    at: usize,
    n: usize,
    f: fn(u8) -> Option<T>,
) -> impl Iterator<Item = T> + Clone + '_ {
    (at..at + n).filter_map(move |i| match pk::u8_at(raw, i) {
        0 => None,
        v => f(v - 1),
    })
}

fn refs(raw: &Raw, at: usize, n: usize) -> impl Iterator<Item = &'static str> + Clone + '_ {
    (0..n).filter_map(move |i| tables::reference(pk::u16_at(raw, at + 2 * i)))
}

impl Record {
    fn raw(&self) -> &Raw {
        &self.0
    }

    fn flags(&self) -> u8 {
        pk::u8_at(&self.0, pk::FLAGS)
    }

    fn enum_at<T>(&self, at: usize, f: fn(u8) -> Option<T>) -> Option<T> {
        match pk::u8_at(&self.0, at) {
            0 => None,
            v => f(v - 1),
        }
    }

    fn date_at(&self, at: usize) -> Option<NaiveDate> {
        pk::decode_date(pk::u32_at(&self.0, at))
    }

    /// The record's code: a procedure code or a modifier.
    pub fn code(&self) -> Code {
        let v = pk::u32_at(&self.0, pk::CODE);
        if self.flags() & pk::FLAG_MODIFIER != 0 {
            Code::Modifier(Modifier::from_packed_trusted(v as u16))
        } else {
            Code::Procedure(HcpcsCode::from_packed_trusted(v))
        }
    }

    /// Procedure or modifier.
    pub fn kind(&self) -> RecordKind {
        if self.flags() & pk::FLAG_MODIFIER != 0 {
            RecordKind::Modifier
        } else {
            RecordKind::Procedure
        }
    }

    /// The long description (record columns 12-91 and continuation lines, joined with single spaces).
    /// `None` for CPT and CDT codes, whose descriptions are copyrighted.
    pub fn long_description(&self) -> Option<&'static str> {
        let off = pk::u32_at(&self.0, pk::LONG_OFF);
        (off != pk::NONE_OFF).then(|| tables::string(off, pk::u16_at(&self.0, pk::LONG_LEN) as u32))
    }

    /// The short description (columns 92-119, at most 28 characters). `None` for CPT and CDT codes.
    pub fn short_description(&self) -> Option<&'static str> {
        let off = pk::u32_at(&self.0, pk::SHORT_OFF);
        (off != pk::NONE_OFF).then(|| tables::string(off, pk::u8_at(&self.0, pk::SHORT_LEN) as u32))
    }

    /// Pricing indicators (columns 120-127; up to 4).
    pub fn pricing_indicators(&self) -> impl Iterator<Item = PricingIndicator> + Clone + '_ {
        slots(self.raw(), pk::PRICING, 4, PricingIndicator::from_index)
    }

    /// Multiple pricing indicator (column 128).
    pub fn multiple_pricing_indicator(&self) -> Option<MultiplePricingIndicator> {
        self.enum_at(pk::MULTIPLE_PRICING, MultiplePricingIndicator::from_index)
    }

    /// Coverage Issues Manual reference section numbers (columns 129-146; up to 3).
    pub fn cim_references(&self) -> impl Iterator<Item = &'static str> + Clone + '_ {
        refs(self.raw(), pk::CIM, 3)
    }

    /// Medicare Carriers Manual reference section numbers (columns 147-170; up to 3).
    pub fn mcm_references(&self) -> impl Iterator<Item = &'static str> + Clone + '_ {
        refs(self.raw(), pk::MCM, 3)
    }

    /// Statute number (columns 171-180).
    pub fn statute(&self) -> Option<&'static str> {
        tables::reference(pk::u16_at(&self.0, pk::STATUTE))
    }

    /// Lab certification codes (columns 181-204; up to 8).
    pub fn lab_certifications(&self) -> impl Iterator<Item = LabCertification> + Clone + '_ {
        slots(self.raw(), pk::LAB, 8, LabCertification::from_index)
    }

    /// Cross-reference codes (columns 205-229; up to 5): where a deleted or non-Medicare code crosswalks.
    pub fn cross_references(&self) -> impl Iterator<Item = CrossReference> + Clone + '_ {
        let raw = self.raw();
        (0..5).filter_map(move |i| pk::decode_xref(pk::u32_at(raw, pk::XREF + 4 * i)))
    }

    /// The records this code's cross references point to, where the release has them: what replaces a
    /// discontinued code.
    ///
    /// ```
    /// let old = hcpcs::procedures().find(|r| r.terminated().is_some() && r.replaced_by().next().is_some()).unwrap();
    /// for new in old.replaced_by() {
    ///     assert_ne!(new.code(), old.code());
    /// }
    /// ```
    pub fn replaced_by(&self) -> impl Iterator<Item = &'static Record> + Clone + '_ {
        self.cross_references()
            .filter_map(|x| x.code().and_then(crate::record))
    }

    /// Coverage code (column 230).
    pub fn coverage(&self) -> Coverage {
        self.enum_at(pk::COVERAGE, Coverage::from_index)
            .unwrap_or(Coverage::CarrierJudgment)
    }

    /// ASC payment group (columns 231-232); `None` when not approved for an ambulatory surgical center.
    pub fn asc_group(&self) -> Option<AscGroup> {
        self.enum_at(pk::ASC, AscGroup::from_index)
    }

    /// ASC payment group effective date (columns 233-240).
    pub fn asc_effective_date(&self) -> Option<NaiveDate> {
        self.date_at(pk::ASC_DATE)
    }

    /// OPPS (MOG) payment group (columns 241-243).
    pub fn opps_group(&self) -> Option<OppsGroup> {
        match pk::u16_at(&self.0, pk::OPPS_GROUP) {
            pk::NONE_U16 => None,
            n => OppsGroup::new(n),
        }
    }

    /// OPPS (MOG) payment policy indicator (column 244).
    pub fn opps_payment_policy_indicator(&self) -> Option<OppsPaymentPolicyIndicator> {
        self.enum_at(pk::OPPS_PI, OppsPaymentPolicyIndicator::from_index)
    }

    /// OPPS (MOG) effective date (columns 245-252).
    pub fn opps_effective_date(&self) -> Option<NaiveDate> {
        self.date_at(pk::OPPS_DATE)
    }

    /// The processing note this record points to (columns 253-256), with its text.
    pub fn processing_note(&self) -> Option<ProcessingNote> {
        match pk::u16_at(&self.0, pk::NOTE) {
            0 => None,
            n => ProcessingNote::get(n),
        }
    }

    /// Berenson-Eggers type of service (columns 257-259).
    pub fn betos(&self) -> Option<Betos> {
        self.enum_at(pk::BETOS, Betos::from_index)
    }

    /// CMS types of service (columns 261-265; up to 5).
    pub fn types_of_service(&self) -> impl Iterator<Item = TypeOfService> + Clone + '_ {
        slots(self.raw(), pk::TOS, 5, TypeOfService::from_index)
    }

    /// Anesthesia base units (columns 266-268); `None` where blank (modifiers).
    pub fn anesthesia_base_units(&self) -> Option<u16> {
        match pk::u16_at(&self.0, pk::ANESTHESIA) {
            pk::NONE_U16 => None,
            n => Some(n),
        }
    }

    /// The date the code was added to HCPCS (columns 269-276).
    pub fn added(&self) -> NaiveDate {
        self.date_at(pk::ADDED).unwrap_or(NaiveDate::MIN)
    }

    /// The effective date of this release's action on the code (columns 277-284).
    pub fn action_effective(&self) -> NaiveDate {
        self.date_at(pk::ACTION_EFFECTIVE).unwrap_or(NaiveDate::MIN)
    }

    /// The last date on which the code may be used (columns 285-292); `None` if not terminated.
    pub fn terminated(&self) -> Option<NaiveDate> {
        self.date_at(pk::TERMINATED)
    }

    /// The change made to the code in this release (column 293).
    pub fn action(&self) -> Action {
        self.enum_at(pk::ACTION, Action::from_index)
            .unwrap_or(Action::NoMaintenance)
    }

    /// Whether the code is on CMS's "not otherwise classified" list (`NOC codes_*.xlsx`).
    pub fn is_noc(&self) -> bool {
        self.flags() & pk::FLAG_NOC != 0
    }

    /// Whether the code may be used on a date of service: on or after the date it was added, and on or
    /// before its termination date (the last date it may be used) if it has one.
    ///
    /// This is what this release says; a code's history across releases is not considered.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let r = hcpcs::get("Q2057").unwrap();
    /// assert!(r.is_valid_on(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
    /// assert!(!r.is_valid_on(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()));
    /// ```
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        let d = pk::encode_date(Some(date));
        let term = pk::u32_at(&self.0, pk::TERMINATED);
        pk::u32_at(&self.0, pk::ADDED) <= d && (term == 0 || d <= term)
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("code", &self.code())
            .field("short_description", &self.short_description())
            .field("added", &self.added())
            .field("terminated", &self.terminated())
            .field("action", &self.action())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Record {
    /// The code and its short description (or shape, for a copyrighted code).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.short_description() {
            Some(d) => write!(f, "{} {}", self.code(), d),
            None => write!(f, "{} ({})", self.code(), self.code().shape()),
        }
    }
}

#[cfg(feature = "serde")]
mod ser {
    use super::Record;
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    /// Serializes an iterator as a sequence without collecting it.
    struct Seq<I>(I);

    impl<I: Iterator + Clone> Serialize for Seq<I>
    where
        I::Item: Serialize,
    {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.clone())
        }
    }

    /// The JSON contract in README.md: snake_case keys, enums as CMS code strings, dates `YYYY-MM-DD`,
    /// repeated fields as arrays of the values present, absent single values as `null`.
    impl Serialize for Record {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let r = self;
            let mut st = s.serialize_struct("Record", 26)?;
            st.serialize_field("code", &r.code())?;
            st.serialize_field("kind", &r.kind())?;
            st.serialize_field("long_description", &r.long_description())?;
            st.serialize_field("short_description", &r.short_description())?;
            st.serialize_field("pricing_indicators", &Seq(r.pricing_indicators()))?;
            st.serialize_field(
                "multiple_pricing_indicator",
                &r.multiple_pricing_indicator(),
            )?;
            st.serialize_field("cim_references", &Seq(r.cim_references()))?;
            st.serialize_field("mcm_references", &Seq(r.mcm_references()))?;
            st.serialize_field("statute", &r.statute())?;
            st.serialize_field("lab_certifications", &Seq(r.lab_certifications()))?;
            st.serialize_field("cross_references", &Seq(r.cross_references()))?;
            st.serialize_field("coverage", &r.coverage())?;
            st.serialize_field("asc_group", &r.asc_group())?;
            st.serialize_field("asc_effective_date", &r.asc_effective_date())?;
            st.serialize_field("opps_group", &r.opps_group())?;
            st.serialize_field(
                "opps_payment_policy_indicator",
                &r.opps_payment_policy_indicator(),
            )?;
            st.serialize_field("opps_effective_date", &r.opps_effective_date())?;
            st.serialize_field("processing_note", &r.processing_note())?;
            st.serialize_field("betos", &r.betos())?;
            st.serialize_field("types_of_service", &Seq(r.types_of_service()))?;
            st.serialize_field("anesthesia_base_units", &r.anesthesia_base_units())?;
            st.serialize_field("added", &r.added())?;
            st.serialize_field("action_effective", &r.action_effective())?;
            st.serialize_field("terminated", &r.terminated())?;
            st.serialize_field("action", &r.action())?;
            st.serialize_field("noc", &r.is_noc())?;
            st.end()
        }
    }
}
