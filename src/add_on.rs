//! NCCI add-on code edits: which primary codes each add-on code is paid with, both ways, with the
//! dates each relation is in force.
//!
//! Without the `cpt` feature only relations between HCPCS Level II codes (and contractor-defined
//! primaries) are compiled.
//!
//! ```
//! let day = hcpcs::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
//! let g0500 = hcpcs::add_on::primaries_of("G0500").unwrap();
//! for e in g0500.in_force_on(day) {
//!     assert_eq!(e.add_on().to_string(), "G0500");
//! }
//! ```

use chrono::NaiveDate;
use hcpcs_core::packed::{self as pk, aoc as pa};

pub use hcpcs_core::fee::AocEditType;

use crate::datasets::Dataset;
use crate::fee_schedule::span;
use crate::{tables, AsCode, HcpcsCode, LookupError};

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

/// A code's add-on relations as this build carries them, and how many more the CMS table has that it
/// does not: relations with a CPT or CDT code, which a build without the `cpt` feature does not carry
/// (their number is counted, no CPT number is embedded). A claims engine that finds no matching
/// relation must look at [`Relations::not_carried`] before it reports a missing primary: "no
/// primary" and "this build cannot tell" are different answers.
///
/// ```
/// let g0289 = hcpcs::add_on::primaries_of("G0289").unwrap();
/// if !hcpcs::has_cpt_rows() {
///     // G0289's primary codes are all CPT codes: none carried, 17 counted.
///     assert_eq!((g0289.len(), g0289.not_carried()), (0, 17));
///     assert!(!g0289.is_complete());
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relations {
    edits: Edits,
    not_carried: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edits {
    /// A run of AOC_EDITS (an add-on code's primaries).
    Run(&'static [AddOnEdit]),
    /// Indexes into AOC_EDITS (a primary code's add-ons).
    Order(&'static [u16]),
}

impl Relations {
    /// The relations this build carries.
    pub fn iter(&self) -> impl Iterator<Item = &'static AddOnEdit> + Clone {
        let (run, order): (&'static [AddOnEdit], &'static [u16]) = match self.edits {
            Edits::Run(r) => (r, &[]),
            Edits::Order(o) => (&[], o),
        };
        run.iter().chain(
            order
                .iter()
                .filter_map(|&i| tables::AOC_EDITS.get(i as usize)),
        )
    }

    /// The carried relations in force on a date of service.
    pub fn in_force_on(&self, date: NaiveDate) -> impl Iterator<Item = &'static AddOnEdit> + Clone {
        self.iter().filter(move |e| e.is_in_force_on(date))
    }

    /// How many relations this build carries.
    pub fn len(&self) -> usize {
        match self.edits {
            Edits::Run(r) => r.len(),
            Edits::Order(o) => o.len(),
        }
    }

    /// Whether this build carries none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many relations of the CMS table (any date) this build does not carry: with a CPT or CDT code,
    /// without the `cpt` feature. 0 with it.
    pub fn not_carried(&self) -> usize {
        self.not_carried
    }

    /// Whether the carried relations are all the CMS table has for the code.
    pub fn is_complete(&self) -> bool {
        self.not_carried == 0
    }
}

/// (as an add-on code, as a primary code): how many relations with a CPT or CDT code the table has
/// for a Level II code that this build does not carry.
fn not_carried(code: HcpcsCode) -> (usize, usize) {
    tables::AOC_NOT_CARRIED
        .get(&code.to_u32())
        .map_or((0, 0), |&v| ((v >> 16) as usize, (v & 0xFFFF) as usize))
}

/// The edits of an add-on code (its primary codes), in primary-code order, and how many this build
/// does not carry. A CPT or CDT code without the `cpt` feature is [`LookupError::NotCompiled`].
pub fn primaries_of(add_on: impl AsCode) -> Result<Relations, LookupError> {
    let Some(code) = crate::dataset_code(add_on)? else {
        return Ok(Relations {
            edits: Edits::Run(&[]),
            not_carried: 0,
        });
    };
    let (start, n) = span(&tables::AOC_BY_ADD_ON, code.to_u32());
    Ok(Relations {
        edits: Edits::Run(tables::AOC_EDITS.get(start..start + n).unwrap_or(&[])),
        not_carried: not_carried(code).0,
    })
}

/// The edits in which a code is the primary code (its add-on codes), in add-on order, and how many
/// this build does not carry.
pub fn add_ons_of(primary: impl AsCode) -> Result<Relations, LookupError> {
    let Some(code) = crate::dataset_code(primary)? else {
        return Ok(Relations {
            edits: Edits::Order(&[]),
            not_carried: 0,
        });
    };
    let (start, n) = span(&tables::AOC_BY_PRIMARY, code.to_u32());
    Ok(Relations {
        edits: Edits::Order(
            tables::AOC_PRIMARY_ORDER
                .get(start..start + n)
                .unwrap_or(&[]),
        ),
        not_carried: not_carried(code).1,
    })
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
