//! Hospital outpatient (OPPS): the payment status indicator and payment rate of every code, by
//! quarter, from CMS's Addendum B.
//!
//! The compiled quarters are 2025-10, 2026-01 and 2026-04, read from per-code extracts of the CMS
//! workbooks made by a third-party converter (README.md): code, status indicator, payment rate. The APC,
//! relative weight and copayment of the CMS workbook are not in them: [`OppsEntry`]'s fields for those
//! are `None` until the CMS file itself is read. Without the `cpt` feature only HCPCS Level II codes
//! have entries, and a CPT or CDT code is [`LookupError::NotCompiled`].
//!
//! ```
//! use hcpcs::opps::{self, PaymentCategory, StatusIndicator};
//! let q = opps::get("Q2057").unwrap().expect("Q2057 is in Addendum B");
//! assert_eq!(q.status_indicator(), StatusIndicator::G);
//! assert_eq!(q.status_indicator().payment(), PaymentCategory::SeparatelyPaid);
//! assert_eq!(q.payment_rate().map(|r| r.to_string()), Some("770620.00".into()));
//! let day = hcpcs::NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
//! assert_eq!(opps::on("Q2057", day).unwrap().unwrap().release().name(), "2025-10");
//! ```

use chrono::NaiveDate;

pub use hcpcs_core::opps::{PaymentCategory, SiSource, StatusIndicator};

use crate::datasets::Dataset;
use crate::fee_schedule::Decimal;
use crate::quarters::InForce;
use crate::{tables, AsCode, HcpcsCode, LookupError};

/// One compiled Addendum B quarter's place in the tables.
#[doc(hidden)]
#[derive(Debug)]
pub struct OppsRelease {
    pub(crate) dataset: Dataset,
    /// Packed entries by index in the current procedure table, little-endian u64s; 0 is no entry.
    pub(crate) by_procedure: &'static [u8],
    /// Packed entries of codes the current HCPCS release does not have, sorted by code.
    pub(crate) others: &'static [(u32, u64)],
}

impl OppsRelease {
    /// The packed entry of the current procedure table's `i`-th code; `None` when it has none.
    #[inline]
    fn at(&self, i: usize) -> Option<u64> {
        Some(hcpcs_core::packed::u64_at(self.by_procedure, i * 8)).filter(|&v| v != 0)
    }

    fn packed(&self, code: HcpcsCode) -> Option<u64> {
        match crate::procedure_index(code) {
            Some(i) => self.at(i),
            None => {
                let at = self
                    .others
                    .binary_search_by_key(&code.to_u32(), |&(k, _)| k)
                    .ok()?;
                Some(self.others[at].1)
            }
        }
    }

    /// Every code with an entry, in code order.
    fn codes(&self) -> impl Iterator<Item = HcpcsCode> + '_ {
        let procs = crate::procedures()
            .enumerate()
            .filter_map(|(i, r)| match r.code() {
                crate::Code::Procedure(p) if self.at(i).is_some() => Some(p),
                _ => None,
            });
        procs.chain(
            self.others
                .iter()
                .filter_map(|&(k, _)| HcpcsCode::from_u32(k)),
        )
    }
}

/// One code's Addendum B entry in one quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OppsEntry {
    code: HcpcsCode,
    packed: u64,
    release: Dataset,
}

impl OppsEntry {
    /// The code.
    pub fn code(&self) -> HcpcsCode {
        self.code
    }

    /// The payment status indicator.
    pub fn status_indicator(&self) -> StatusIndicator {
        let (si, _) = hcpcs_core::packed::decode_opps(self.packed);
        // The build writes only indicators of StatusIndicator::ALL.
        StatusIndicator::from_index(si).unwrap_or(StatusIndicator::D)
    }

    /// The national unadjusted payment rate, where Addendum B gives one (exact: scale 2, or 3 where
    /// the source has three decimals).
    pub fn payment_rate(&self) -> Option<Decimal> {
        let (_, rate) = hcpcs_core::packed::decode_opps(self.packed);
        rate.map(|(units, scale)| Decimal::new(units, scale))
    }

    /// The APC: `None`, the extracts compiled today do not carry it.
    pub fn apc(&self) -> Option<u16> {
        None
    }

    /// The APC relative weight: `None`, the extracts compiled today do not carry it.
    pub fn relative_weight(&self) -> Option<Decimal> {
        None
    }

    /// The minimum unadjusted copayment: `None`, the extracts compiled today do not carry it.
    pub fn minimum_copayment(&self) -> Option<Decimal> {
        None
    }

    /// The quarter the entry is from.
    pub fn release(&self) -> Dataset {
        self.release
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for OppsEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("OppsEntry", 3)?;
        st.serialize_field("status_indicator", &self.status_indicator())?;
        st.serialize_field("payment_rate", &self.payment_rate())?;
        st.serialize_field("quarter", self.release.name())?;
        st.end()
    }
}

fn entry(rel: &'static OppsRelease, code: HcpcsCode) -> Option<OppsEntry> {
    rel.packed(code).map(|packed| OppsEntry {
        code,
        packed,
        release: rel.dataset,
    })
}

fn current() -> &'static OppsRelease {
    // The build refuses a data directory without an OPPS quarter.
    &tables::OPPS_RELEASES[tables::OPPS_RELEASES.len() - 1]
}

/// The code's entry in the newest compiled quarter: `Ok(None)` when Addendum B has no row for it (and
/// for a modifier), [`LookupError::NotCompiled`] for a CPT or CDT code this build does not carry.
pub fn get(code: impl AsCode) -> Result<Option<OppsEntry>, LookupError> {
    // The common case, a Level II code of the current release: its index through the bitmap.
    if let Some(i) = code.letter_key().and_then(crate::letter_index) {
        let rel = current();
        return Ok(match (crate::tables::PROCEDURES[i].code(), rel.at(i)) {
            (crate::Code::Procedure(code), Some(packed)) => Some(OppsEntry {
                code,
                packed,
                release: rel.dataset,
            }),
            _ => None,
        });
    }
    Ok(crate::dataset_code(code)?.and_then(|c| entry(current(), c)))
}

/// Why no Addendum B quarter answers for a date of service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum OppsError {
    /// The code is malformed, or a CPT or CDT code this build does not carry.
    #[error(transparent)]
    Code(#[from] LookupError),
    /// The date is before the oldest compiled quarter.
    #[error("{date} is before the oldest compiled OPPS quarter, {} ({})", first.name(), first.source_file())]
    BeforeFirstRelease {
        /// The date asked for.
        date: NaiveDate,
        /// The oldest compiled quarter.
        first: Dataset,
    },
    /// The quarter of the date is not compiled (between two compiled quarters, or after the newest):
    /// no older quarter stands in for it.
    #[error("the OPPS quarter in force on {date} is {}-{:02}, which this build does not carry; the newest compiled before it is {} ({})", chrono::Datelike::year(quarter), chrono::Datelike::month(quarter), newest_before.name(), newest_before.source_file())]
    QuarterNotCompiled {
        /// The date asked for.
        date: NaiveDate,
        /// The first day of the missing quarter.
        quarter: NaiveDate,
        /// The newest compiled quarter before the date.
        newest_before: Dataset,
    },
}

fn release_entry_on(date: NaiveDate) -> Result<&'static OppsRelease, OppsError> {
    let all = &tables::OPPS_RELEASES;
    match crate::quarters::in_force(all.iter().map(|r| r.dataset.effective()), date) {
        InForce::Release(i) => Ok(&all[i]),
        InForce::BeforeFirst => Err(OppsError::BeforeFirstRelease {
            date,
            first: all[0].dataset,
        }),
        InForce::Missing {
            quarter,
            newest_before,
        } => Err(OppsError::QuarterNotCompiled {
            date,
            quarter,
            newest_before: all[newest_before].dataset,
        }),
    }
}

/// The code's entry in the quarter in force on a date of service (the rule of
/// [`crate::history::as_of`]: a compiled quarter answers for its own dates only).
pub fn on(code: impl AsCode, date: NaiveDate) -> Result<Option<OppsEntry>, OppsError> {
    let code = crate::dataset_code(code)?;
    let rel = release_entry_on(date)?;
    Ok(code.and_then(|c| entry(rel, c)))
}

/// The quarter in force on a date of service.
pub fn release_on(date: NaiveDate) -> Result<Dataset, OppsError> {
    release_entry_on(date).map(|r| r.dataset)
}

/// The newest compiled quarter.
pub fn release() -> Dataset {
    current().dataset
}

/// Every compiled quarter, oldest first.
pub fn releases() -> impl ExactSizeIterator<Item = Dataset> + DoubleEndedIterator + Clone {
    tables::OPPS_RELEASES.iter().map(|r| r.dataset)
}

/// How a code's entry differs between two quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OppsChange {
    /// In the later quarter only.
    Added(OppsEntry),
    /// In the earlier quarter only.
    Removed(OppsEntry),
    /// In both, with another status indicator or payment rate.
    Changed {
        /// The earlier entry.
        from: OppsEntry,
        /// The later entry.
        to: OppsEntry,
    },
}

impl OppsChange {
    /// The code.
    pub fn code(&self) -> HcpcsCode {
        match self {
            OppsChange::Added(e) | OppsChange::Removed(e) | OppsChange::Changed { to: e, .. } => {
                e.code
            }
        }
    }
}

/// Every code whose entry differs between two compiled quarters (by position in [`releases`]), in
/// code order; `None` for a position that is not compiled.
pub fn changes(from: usize, to: usize) -> Option<Vec<OppsChange>> {
    let (a, b) = (
        tables::OPPS_RELEASES.get(from)?,
        tables::OPPS_RELEASES.get(to)?,
    );
    let mut codes: Vec<HcpcsCode> = a.codes().chain(b.codes()).collect();
    codes.sort_unstable();
    codes.dedup();
    Some(
        codes
            .into_iter()
            .filter_map(|code| match (entry(a, code), entry(b, code)) {
                (None, Some(e)) => Some(OppsChange::Added(e)),
                (Some(e), None) => Some(OppsChange::Removed(e)),
                (Some(x), Some(y)) if x.packed != y.packed => {
                    Some(OppsChange::Changed { from: x, to: y })
                }
                _ => None,
            })
            .collect(),
    )
}
