//! NCCI medically unlikely edits, practitioner services: the most units of service of a code that one
//! provider would report for one patient, with how the edit is adjudicated and why.
//!
//! Without the `cpt` feature only HCPCS Level II codes have values, and a CPT or CDT code is
//! [`LookupError::NotCompiled`] — "this build cannot tell", never "no MUE".
//!
//! ```
//! use hcpcs::mue::{self, MueAdjudication};
//! let m = mue::get("Q2057").unwrap().expect("Q2057 has an MUE");
//! assert_eq!((m.value(), m.adjudication()), (1, MueAdjudication::DateOfServicePolicy));
//! if !hcpcs::has_cpt_rows() {
//!     assert!(matches!(mue::get("99213"), Err(hcpcs::LookupError::NotCompiled { .. })));
//! }
//! ```

pub use hcpcs_core::fee::{MueAdjudication, MueRationale};

use crate::datasets::Dataset;
use crate::{tables, AsCode, HcpcsCode, LookupError};

/// One code's medically unlikely edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mue {
    value: u32,
    adjudication: MueAdjudication,
    rationale: MueRationale,
}

impl Mue {
    /// The MUE value: the most units of service per line (indicator 1) or per day (2, 3).
    pub const fn value(&self) -> u32 {
        self.value
    }

    /// The adjudication indicator.
    pub const fn adjudication(&self) -> MueAdjudication {
        self.adjudication
    }

    /// The rationale.
    pub const fn rationale(&self) -> MueRationale {
        self.rationale
    }
}

/// The MUE of a code: `Ok(None)` when the table has none for it (and for a modifier),
/// [`LookupError::NotCompiled`] for a CPT or CDT code this build does not carry, `Malformed` for text
/// that is not a code.
pub fn get(code: impl AsCode) -> Result<Option<Mue>, LookupError> {
    Ok(crate::dataset_code(code)?.and_then(of))
}

fn of(code: HcpcsCode) -> Option<Mue> {
    decode(*tables::MUE.get(&code.to_u32())?)
}

fn decode(packed: u32) -> Option<Mue> {
    let (value, adjudication, rationale) = hcpcs_core::packed::decode_mue(packed);
    Some(Mue {
        value,
        adjudication: MueAdjudication::from_index(adjudication)?,
        rationale: MueRationale::from_index(rationale)?,
    })
}

/// Every code with an MUE, with it, in code order.
pub fn all() -> impl Iterator<Item = (HcpcsCode, Mue)> + Clone {
    tables::MUE_IN_ORDER
        .iter()
        .filter_map(|&(k, v)| Some((HcpcsCode::from_packed_trusted(k), decode(v)?)))
}

/// The MUE table the values came from.
pub fn release() -> Dataset {
    tables::MUE_RELEASE
}

#[cfg(feature = "serde")]
impl serde::Serialize for Mue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Mue", 3)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("adjudication_indicator", &self.adjudication)?;
        st.serialize_field("rationale", &self.rationale)?;
        st.end()
    }
}
