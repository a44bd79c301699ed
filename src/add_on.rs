//! NCCI add-on code edits: which primary codes each add-on code is paid with, both ways, with the
//! dates each relation is in force.
//!
//! Without the `cpt` feature only relations between HCPCS Level II codes (and contractor-defined
//! primaries) are compiled.
//!
//! ```
//! use chrono::NaiveDate;
//! let day = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
//! for e in hcpcs::add_on::primaries_of("G0500".parse().unwrap()) {
//!     assert_eq!(e.add_on().to_string(), "G0500");
//!     let _ = e.is_in_force_on(day);
//! }
//! ```

use chrono::NaiveDate;
use hcpcs_core::packed::{self as pk, aoc as pa};

pub use hcpcs_core::fee::AocEditType;

use crate::datasets::Dataset;
use crate::fee_schedule::span;
use crate::{tables, HcpcsCode};

/// One add-on code edit: an (add-on code, primary code) relation.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddOnEdit(pub(crate) pa::Raw);

impl AddOnEdit {
    fn date(&self, at: usize) -> Option<NaiveDate> {
        pk::decode_date(pk::u32_at(&self.0, at))
    }

    /// The add-on code.
    pub fn add_on(&self) -> HcpcsCode {
        HcpcsCode::from_packed_trusted(pk::u32_at(&self.0, pa::ADD_ON))
    }

    /// The primary code; `None` where CMS lists `CCCCC`: the contractor defines the primary codes.
    pub fn primary(&self) -> Option<HcpcsCode> {
        match pk::u32_at(&self.0, pa::PRIMARY) {
            0 => None,
            v => Some(HcpcsCode::from_packed_trusted(v)),
        }
    }

    /// The edit type.
    pub fn edit_type(&self) -> AocEditType {
        AocEditType::from_index(pk::u8_at(&self.0, pa::TYPE).saturating_sub(1))
            .unwrap_or(AocEditType::PrimaryListed)
    }

    /// When the edit took effect.
    pub fn effective(&self) -> NaiveDate {
        self.date(pa::EFFECTIVE).unwrap_or(NaiveDate::MIN)
    }

    /// The edit's deletion date (its last day in force), if deleted.
    pub fn deleted(&self) -> Option<NaiveDate> {
        self.date(pa::DELETED)
    }

    /// The add-on code's deletion date, if deleted.
    pub fn add_on_deleted(&self) -> Option<NaiveDate> {
        self.date(pa::ADD_ON_DELETED)
    }

    /// The primary code's deletion date, if deleted.
    pub fn primary_deleted(&self) -> Option<NaiveDate> {
        self.date(pa::PRIMARY_DELETED)
    }

    /// CMS's special instruction note.
    pub fn note(&self) -> Option<&'static str> {
        let id = pk::u16_at(&self.0, pa::NOTE) as usize;
        tables::AOC_NOTES.get(id.checked_sub(1)?).copied()
    }

    /// Whether the relation is in force on a date of service: on or after its effective date and on or
    /// before its deletion date and both codes' deletion dates (each the last day in force).
    pub fn is_in_force_on(&self, date: NaiveDate) -> bool {
        self.effective() <= date
            && [
                self.deleted(),
                self.add_on_deleted(),
                self.primary_deleted(),
            ]
            .iter()
            .all(|d| d.is_none_or(|d| date <= d))
    }
}

impl core::fmt::Debug for AddOnEdit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AddOnEdit")
            .field("add_on", &self.add_on())
            .field("primary", &self.primary())
            .field("edit_type", &self.edit_type())
            .field("effective", &self.effective())
            .field("deleted", &self.deleted())
            .finish_non_exhaustive()
    }
}

/// The edits of an add-on code (its primary codes), in primary-code order.
pub fn primaries_of(add_on: HcpcsCode) -> &'static [AddOnEdit] {
    let (start, n) = span(&tables::AOC_BY_ADD_ON, add_on.to_u32());
    tables::AOC_EDITS.get(start..start + n).unwrap_or(&[])
}

/// The edits in which a code is the primary code (its add-on codes), in add-on order.
pub fn add_ons_of(primary: HcpcsCode) -> impl Iterator<Item = &'static AddOnEdit> + Clone {
    let (start, n) = span(&tables::AOC_BY_PRIMARY, primary.to_u32());
    tables::AOC_PRIMARY_ORDER
        .get(start..start + n)
        .unwrap_or(&[])
        .iter()
        .filter_map(|&i| tables::AOC_EDITS.get(i as usize))
}

/// The primary-code edits of an add-on code in force on a date of service.
pub fn primaries_of_on(
    add_on: HcpcsCode,
    date: NaiveDate,
) -> impl Iterator<Item = &'static AddOnEdit> {
    primaries_of(add_on)
        .iter()
        .filter(move |e| e.is_in_force_on(date))
}

/// The add-on edits of a primary code in force on a date of service.
pub fn add_ons_of_on(
    primary: HcpcsCode,
    date: NaiveDate,
) -> impl Iterator<Item = &'static AddOnEdit> {
    add_ons_of(primary).filter(move |e| e.is_in_force_on(date))
}

/// Every edit, in (add-on, primary) order.
pub fn all() -> impl ExactSizeIterator<Item = &'static AddOnEdit> + Clone {
    tables::AOC_EDITS.iter()
}

/// The add-on code table the edits came from.
pub fn release() -> Dataset {
    tables::AOC_RELEASE
}

#[cfg(feature = "serde")]
impl serde::Serialize for AddOnEdit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("AddOnEdit", 8)?;
        st.serialize_field("add_on", &self.add_on())?;
        st.serialize_field(
            "primary",
            &self
                .primary()
                .map_or("CCCCC".to_string(), |p| p.to_string()),
        )?;
        st.serialize_field("edit_type", &self.edit_type())?;
        st.serialize_field("effective", &self.effective())?;
        st.serialize_field("deleted", &self.deleted())?;
        st.serialize_field("add_on_deleted", &self.add_on_deleted())?;
        st.serialize_field("primary_deleted", &self.primary_deleted())?;
        st.serialize_field("note", &self.note())?;
        st.end()
    }
}
