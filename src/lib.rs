//! The official CMS HCPCS code set, compiled into your program.
//!
//! `hcpcs` puts every record of the CMS quarterly Alpha-Numeric HCPCS file (procedures, supplies,
//! services and modifiers) into static perfect-hash tables at build time. Look-ups are a hash and a
//! few byte reads: no database, no file beside the binary, no start-up cost, no allocation.
//!
//! ```
//! use chrono::NaiveDate;
//! use hcpcs::{Action, Betos, CodeShape, LookupError};
//!
//! let q = hcpcs::get("q2057").expect("a current HCPCS code");
//! assert_eq!(q.long_description(), Some(
//!     "Afamitresgene autoleucel, including leukapheresis and dose preparation procedures, per therapeutic dose"
//! ));
//! assert_eq!(q.betos(), Some(Betos::O1D));
//! assert_eq!(q.action(), Action::PaymentChange);
//! assert!(q.is_valid_on(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()));
//!
//! // A CPT code is well-formed but not in the Level II set; garbage is a precise error.
//! assert!(matches!(hcpcs::lookup("99213"), Err(LookupError::NotInSet { shape: CodeShape::CptCategoryI, .. })));
//! assert!(matches!(hcpcs::lookup("9921"), Err(LookupError::Malformed(_))));
//! ```
//!
//! The tables come from the CMS files the crate was built against (see [`release`]); point the build at
//! a newer CMS release with the `HCPCS_ANWEB_FILE` environment variable (README.md).
//!
//! Beside the HCPCS Level II file, the crate compiles the Medicare Physician Fee Schedule relative value
//! file ([`fee_schedule`]), the NCCI medically unlikely edits ([`mue`]) and the NCCI add-on code edits
//! ([`add_on`]).
//!
//! # Features
//! - `serde` (default): serialization of codes, indicators (as their CMS code strings) and records (the
//!   JSON contract in README.md).
//! - `cpt`: also compile the fee-schedule, MUE and add-on rows of CPT (Level I) and CDT (dental) codes.
//!   **Enable only under an AMA CPT licence** (and an ADA licence for CDT). Even then no CPT or CDT
//!   description text is embedded: code numbers and CMS payment indicators only.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod add_on;
mod arg;
pub mod claims;
mod datasets;
pub mod fee_schedule;
pub mod history;
pub mod mue;
pub mod opps;
mod quarters;
mod record;
pub mod search;

pub use arg::AsCode;
/// The date type of every date in the API (re-exported, so a program needs no `chrono` dependency of
/// its own to make one).
pub use chrono::NaiveDate;
pub use datasets::{has_cpt_rows, Dataset};
pub use record::{ProcessingNote, Record, RecordKind};

/// Packed code types and their parse errors (re-exported from `hcpcs-core`).
pub mod code {
    pub use hcpcs_core::code::{Code, CodeError, CodeShape, CrossReference, HcpcsCode, Modifier};
}
/// The CMS indicator enums (re-exported from `hcpcs-core`).
pub mod indicator {
    pub use hcpcs_core::indicator::*;
}

pub use code::{Code, CodeError, CodeShape, CrossReference, HcpcsCode, Modifier};
pub use indicator::{
    Action, AscGroup, Betos, BetosCategory, Coverage, LabCertification, MultiplePricingIndicator,
    OppsGroup, OppsPaymentPolicyIndicator, PricingGroup, PricingIndicator, TypeOfService,
    UnknownValue,
};

/// README.md's Rust snippets, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

/// The generated tables (`build.rs`).
#[allow(clippy::unreadable_literal, clippy::large_stack_arrays)]
mod tables {
    include!(concat!(env!("OUT_DIR"), "/hcpcs_tables.rs"));

    /// A slice of the string blob. The build writes only ASCII and in-range offsets; a corrupt table
    /// gives an empty string, never a panic.
    pub(crate) fn string(off: u32, len: u32) -> &'static str {
        let (a, b) = (off as usize, off as usize + len as usize);
        STRINGS.get(a..b).unwrap_or("")
    }

    /// A short reference string (CIM, MCM, statute) by id; 0 is absent.
    pub(crate) fn reference(id: u16) -> Option<&'static str> {
        let &(off, len) = REFERENCES.get((id as usize).checked_sub(1)?)?;
        Some(string(off, len))
    }
}

/// Why a code string has no record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// The string is not a well-formed code or modifier.
    #[error("malformed code: {0}")]
    Malformed(#[from] CodeError),
    /// A well-formed code of this shape that the release does not have: a CPT or CDT code or a CPT
    /// modifier (which the HCPCS Level II file does not carry: check `shape`), or a Level II code or
    /// modifier CMS has not defined.
    #[error("{code} is a well-formed {shape} that is not in the HCPCS Level II release")]
    NotInSet {
        /// The code, normalised.
        code: Code,
        /// Its shape.
        shape: CodeShape,
    },
    /// A CPT or CDT code whose rows in a dataset (fee schedule, MUE, add-on edits) this build does not
    /// carry: "this build cannot tell", never "no such edit". The `cpt` feature compiles them from
    /// your licensed CMS files.
    #[error("{code} is a {shape}: this build does not carry CPT or CDT rows (the `cpt` feature compiles them from your CMS files)")]
    NotCompiled {
        /// The code.
        code: Code,
        /// Its shape.
        shape: CodeShape,
    },
}

/// The procedure code a dataset look-up (fee schedule, MUE, add-on edits) asks about: `Ok(None)` for
/// a modifier (no dataset has rows of its own for one), [`LookupError::NotCompiled`] for a CPT or CDT
/// code when this build carries no CPT rows.
pub(crate) fn dataset_code(code: impl AsCode) -> Result<Option<HcpcsCode>, LookupError> {
    match code.to_code()? {
        Code::Modifier(_) => Ok(None),
        Code::Procedure(p) if p.shape().is_level2() || has_cpt_rows() => Ok(Some(p)),
        c @ Code::Procedure(_) => Err(LookupError::NotCompiled {
            code: c,
            shape: c.shape(),
        }),
    }
}

/// The record of a procedure code.
///
/// ```
/// let c: hcpcs::HcpcsCode = "A0021".parse().unwrap();
/// assert_eq!(hcpcs::procedure(c).unwrap().code(), hcpcs::Code::Procedure(c));
/// ```
#[inline]
pub fn procedure(code: HcpcsCode) -> Option<&'static Record> {
    // A letter-first code with four digits: its bit in the presence bitmap, and its rank there.
    match hcpcs_core::packed::letter_key(code.to_u32()) {
        Some(key) => by_letter_key(key),
        None => procedure_via_phf(code),
    }
}

/// The index in `PROCEDURES` of the letter-first code `letter index x 10000 + number`: its bit in the
/// presence bitmap, and its rank there.
#[inline]
pub(crate) fn letter_index(key: u32) -> Option<usize> {
    let w = (key / 64) as usize;
    let word = *tables::LETTER_BITS.get(w)?;
    let bit = 1u64 << (key % 64);
    if word & bit == 0 {
        return None;
    }
    Some(
        (tables::DIGIT_FIRST
            + *tables::LETTER_RANK.get(w)? as u32
            + (word & (bit - 1)).count_ones()) as usize,
    )
}

#[inline]
fn by_letter_key(key: u32) -> Option<&'static Record> {
    tables::PROCEDURES.get(letter_index(key)?)
}

/// A procedure code's index in the current release's procedure table (which other tables are indexed
/// by too): the presence bitmap for letter-first codes, the phf map for the others.
#[inline]
pub(crate) fn procedure_index(code: HcpcsCode) -> Option<usize> {
    match hcpcs_core::packed::letter_key(code.to_u32()) {
        Some(key) => letter_index(key),
        None => tables::PROCEDURE_INDEX
            .get(&code.to_u32())
            .map(|&i| i as usize),
    }
}

/// [`procedure`] through the phf map alone, for the benchmark that chose the bitmap.
#[doc(hidden)]
#[inline]
pub fn procedure_via_phf(code: HcpcsCode) -> Option<&'static Record> {
    let i = *tables::PROCEDURE_INDEX.get(&code.to_u32())?;
    tables::PROCEDURES.get(i as usize)
}

/// The record of a modifier.
///
/// ```
/// let tc: hcpcs::Modifier = "TC".parse().unwrap();
/// assert_eq!(hcpcs::modifier(tc).unwrap().short_description(), Some("Technical component"));
/// ```
#[inline]
pub fn modifier(code: Modifier) -> Option<&'static Record> {
    let i = *tables::MODIFIER_SLOTS.get(code.to_u16() as usize)?;
    tables::MODIFIERS.get((i as usize).checked_sub(1)?)
}

/// The record of a procedure code or modifier.
#[inline]
pub fn record(code: Code) -> Option<&'static Record> {
    match code {
        Code::Procedure(c) => procedure(c),
        Code::Modifier(m) => modifier(m),
    }
}

/// The record of a code or modifier ([`AsCode`]: text, case and surrounding whitespace ignored, or
/// a typed code); `None` if the text is malformed or the code is not in the release. See [`lookup`]
/// for the reason.
///
/// ```
/// assert!(hcpcs::get(" tc ").is_some());
/// assert!(hcpcs::get("99213").is_none());
/// ```
#[inline]
pub fn get(code: impl AsCode) -> Option<&'static Record> {
    // The common case, a Level II code, goes straight to the bitmap.
    if let Some(key) = code.letter_key() {
        return by_letter_key(key);
    }
    record(code.to_code().ok()?)
}

/// Like [`get`], with the reason when there is no record.
///
/// ```
/// use hcpcs::{CodeError, LookupError};
/// assert_eq!(hcpcs::lookup("").unwrap_err(), LookupError::Malformed(CodeError::Empty));
/// assert_eq!(
///     hcpcs::lookup("0708T").unwrap_err().to_string(),
///     "0708T is a well-formed CPT Category III code that is not in the HCPCS Level II release"
/// );
/// ```
pub fn lookup(code: impl AsCode) -> Result<&'static Record, LookupError> {
    let c = code.to_code()?;
    record(c).ok_or(LookupError::NotInSet {
        code: c,
        shape: c.shape(),
    })
}

/// Whether the code or modifier is in the release (terminated codes included; see [`is_valid_on`] for
/// a date of service).
#[inline]
pub fn contains(code: impl AsCode) -> bool {
    // A Level II code needs one bit of the presence bitmap, not its rank.
    match code.letter_key() {
        Some(key) => tables::LETTER_BITS
            .get((key / 64) as usize)
            .is_some_and(|w| w >> (key % 64) & 1 == 1),
        None => get(code).is_some(),
    }
}

/// Whether the code or modifier is in the current release and may be used on `date`
/// ([`Record::is_valid_on`]). (For the release in force on a date, see [`history::as_of`].)
#[inline]
pub fn is_valid_on(code: impl AsCode, date: NaiveDate) -> bool {
    // A Level II code reads its two dates from a compact side table (8 bytes a code) rather than from
    // its 100-byte record.
    if let Some(key) = code.letter_key() {
        let d = hcpcs_core::packed::encode_date(Some(date));
        return letter_index(key)
            .and_then(|i| tables::PROCEDURE_VALIDITY.get(i))
            .is_some_and(|&(added, last)| added <= d && d <= last);
    }
    get(code).is_some_and(|r| r.is_valid_on(date))
}

/// Every procedure record, in code order.
pub fn procedures() -> impl ExactSizeIterator<Item = &'static Record> + DoubleEndedIterator + Clone
{
    tables::PROCEDURES.iter()
}

/// Every modifier record, in code order.
pub fn modifiers() -> impl ExactSizeIterator<Item = &'static Record> + DoubleEndedIterator + Clone {
    tables::MODIFIERS.iter()
}

/// Every record: the procedures in code order, then the modifiers in code order.
pub fn records() -> impl Iterator<Item = &'static Record> + Clone {
    procedures().chain(modifiers())
}

/// One compiled CMS HCPCS release: the current one ([`release`]) or an older one ([`releases`],
/// [`history::as_of`]). It answers for the dates of its own quarter ([`Release::effective`] to
/// [`Release::in_force_until`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release {
    index: usize,
}

impl Release {
    fn table(&self) -> &'static history::ReleaseTable {
        // `index` only ever comes from RELEASES' own range.
        tables::RELEASES
            .get(self.index)
            .unwrap_or(&tables::RELEASES[tables::RELEASES.len() - 1])
    }

    /// The source file's name (`HCPC2026_JAN_ANWEB_01122026.txt`, or a workbook).
    pub fn source_file(&self) -> &'static str {
        self.table().source_file
    }

    /// The release's name, `YYYY-MM` (`2026-01`).
    pub fn name(&self) -> String {
        self.table().name.to_string()
    }

    /// The date the release takes effect (the first day of its quarter's month).
    pub fn effective(&self) -> NaiveDate {
        hcpcs_core::packed::decode_date(self.table().effective).unwrap_or(NaiveDate::MIN)
    }

    /// The last day this release answers for in [`history::as_of`]: the end of its quarter.
    pub fn in_force_until(&self) -> NaiveDate {
        quarters::quarter_end(self.effective())
    }

    /// The date of the CMS revision, where the file name gives one (`_01122026` → 2026-01-12).
    pub fn revised(&self) -> Option<NaiveDate> {
        hcpcs_core::packed::decode_date(self.table().revised)
    }

    /// How many procedure records the release has.
    pub fn procedure_count(&self) -> usize {
        self.table().procedures
    }

    /// How many modifier records the release has.
    pub fn modifier_count(&self) -> usize {
        self.table().modifiers
    }

    /// Whether this is the current (newest) release, the one the crate's top-level look-ups use.
    pub fn is_current(&self) -> bool {
        self.index + 1 == tables::RELEASES.len()
    }
}

impl core::fmt::Display for Release {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.name(), self.source_file())
    }
}

/// The current (newest) CMS release: the one [`get`], [`procedure`] and the iterators read.
///
/// ```
/// let r = hcpcs::release();
/// assert!(r.is_current());
/// assert!(r.source_file().contains("ANWEB"));
/// assert!(hcpcs::procedures().len() == r.procedure_count());
/// ```
pub fn release() -> Release {
    Release {
        index: tables::RELEASES.len() - 1,
    }
}

/// Every compiled release, oldest first (the last is [`release`]).
///
/// ```
/// let names: Vec<String> = hcpcs::releases().map(|r| r.name()).collect();
/// assert_eq!(names.last(), Some(&hcpcs::release().name()));
/// assert!(names.contains(&"2025-10".to_string()));
/// ```
pub fn releases() -> impl ExactSizeIterator<Item = Release> + DoubleEndedIterator + Clone {
    (0..tables::RELEASES.len()).map(|index| Release { index })
}

/// Every string the tables hold, concatenated (for the test that no CPT description is embedded).
#[doc(hidden)]
pub fn __all_strings() -> String {
    let mut s = String::from(tables::STRINGS);
    for n in tables::AOC_NOTES {
        s.push('\n');
        s.push_str(n);
    }
    s
}

/// Bytes of static data the HCPCS Level II tables hold (records, indexes, strings), for keeping an eye
/// on binary size.
#[doc(hidden)]
pub fn table_bytes() -> usize {
    use core::mem::size_of_val;
    size_of_val(&tables::PROCEDURES)
        + size_of_val(&tables::MODIFIERS)
        + size_of_val(&tables::NOTES)
        + size_of_val(&tables::REFERENCES)
        + tables::STRINGS.len()
        + size_of_val(&tables::PROCEDURE_VALIDITY)
        + size_of_val(&tables::LETTER_BITS)
        + size_of_val(&tables::LETTER_RANK)
        + size_of_val(&tables::MODIFIER_SLOTS)
        + tables::PROCEDURE_INDEX.len() * 8
}

/// Bytes the older releases add: their changed records and their override maps.
#[doc(hidden)]
pub fn history_table_bytes() -> usize {
    core::mem::size_of_val(&tables::HISTORY)
        + tables::RELEASES
            .iter()
            .map(|r| r.overrides.len() * 8)
            .sum::<usize>()
}

/// Bytes of static data the fee-schedule, MUE and add-on tables hold.
#[doc(hidden)]
pub fn dataset_table_bytes() -> usize {
    use core::mem::size_of_val;
    size_of_val(&tables::FEE_ROWS)
        + tables::FEE_RELEASES
            .iter()
            .map(|r| r.index.len() * 12)
            .sum::<usize>()
        + tables::MUE.len() * 8
        + size_of_val(&tables::AOC_EDITS)
        + size_of_val(&tables::AOC_PRIMARY_ORDER)
        + (tables::AOC_BY_ADD_ON.len() + tables::AOC_BY_PRIMARY.len()) * 12
        + tables::OPPS_RELEASES
            .iter()
            .map(|r| r.by_procedure.len() + size_of_val(r.others))
            .sum::<usize>()
}
