//! What a code meant on a date of service: every compiled CMS release, as-of views, a code's versions
//! across releases, and typed differences between two releases.
//!
//! Claims are adjudicated against the code set in force on the date of service. The build compiles
//! every release folder of the data directory (or those `HCPCS_RELEASES` names); a record identical in
//! two releases is stored once, so the tables grow with the number of changed records.
//!
//! ```
//! use chrono::NaiveDate;
//! use hcpcs::{history, Action};
//! let day = NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
//! let view = history::as_of(day).unwrap();
//! assert_eq!(view.release().name(), "2025-10");
//! assert_eq!(view.get("Q2057").unwrap().action(), Action::NoMaintenance);
//! assert_eq!(hcpcs::get("Q2057").unwrap().action(), Action::PaymentChange);
//! ```

use chrono::{Datelike, NaiveDate};

use crate::quarters::InForce;
use crate::{tables, AsCode, Code, CodeError, LookupError, Record, Release};

/// One release's entry in the generated tables.
#[doc(hidden)]
#[derive(Debug)]
pub struct ReleaseTable {
    pub(crate) name: &'static str,
    pub(crate) source_file: &'static str,
    pub(crate) effective: u32,
    pub(crate) revised: u32,
    pub(crate) overrides: &'static phf::Map<u32, u32>,
    pub(crate) procedures: usize,
    pub(crate) modifiers: usize,
}

/// Why there is no view for a date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// The date is before the oldest compiled release took effect: the crate does not know what codes
    /// meant then.
    #[error("{date} is before the oldest compiled HCPCS release, {first}, in force from {}", first.effective())]
    BeforeFirstRelease {
        /// The date asked for.
        date: NaiveDate,
        /// The oldest compiled release.
        first: Release,
    },
    /// The HCPCS release in force on the date is a quarter's that this build does not carry (see
    /// [`as_of`]).
    #[error("the HCPCS release in force on {date} is the {}-{:02} quarter's, which this build does not carry; the newest compiled before it is {newest_before}", quarter.year(), quarter.month())]
    QuarterNotCompiled {
        /// The date asked for.
        date: NaiveDate,
        /// The first day of the missing quarter.
        quarter: NaiveDate,
        /// The newest compiled release that took effect before the date.
        newest_before: Release,
    },
    /// No compiled release has this name (`YYYY-MM`).
    #[error("no compiled HCPCS release is named {0:?}")]
    UnknownRelease(String),
}

/// The code set as one release has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct View {
    release: Release,
}

impl View {
    /// The view of a release.
    pub fn of(release: Release) -> View {
        View { release }
    }

    /// The release.
    pub fn release(&self) -> Release {
        self.release
    }

    /// The release's record of a code or modifier.
    pub fn record(&self, code: Code) -> Option<&'static Record> {
        match self
            .release
            .table()
            .overrides
            .get(&hcpcs_core::packed::table_key(code))
        {
            Some(&u32::MAX) => None,
            Some(&i) => tables::HISTORY.get(i as usize),
            None => crate::record(code),
        }
    }

    /// The release's record of a code ([`AsCode`]: text, case and surrounding whitespace ignored, or
    /// a typed code).
    pub fn get(&self, code: impl AsCode) -> Option<&'static Record> {
        self.record(code.to_code().ok()?)
    }

    /// Like [`View::get`], with the reason when there is no record.
    pub fn lookup(&self, code: impl AsCode) -> Result<&'static Record, LookupError> {
        let c = code.to_code()?;
        self.record(c).ok_or(LookupError::NotInSet {
            code: c,
            shape: c.shape(),
        })
    }

    /// Every record of the release: procedures in code order, then modifiers in code order.
    pub fn records(&self) -> Vec<&'static Record> {
        let t = self.release.table();
        let mut out: Vec<&'static Record> = crate::records()
            .filter_map(|r| self.record(r.code()))
            .collect();
        out.extend(
            t.overrides
                .entries()
                // Codes this release has and the current one does not.
                .filter(|(k, _)| {
                    hcpcs_core::packed::decode_table_key(**k)
                        .and_then(crate::record)
                        .is_none()
                })
                .filter_map(|(_, &i)| tables::HISTORY.get(i as usize)),
        );
        out.sort_by_key(|r| (r.kind(), r.code()));
        out
    }
}

/// The view of the release in force on a date of service.
///
/// CMS publishes the HCPCS file quarterly (January, April, July, October), so a compiled release
/// answers for the dates of its own quarter only. A date in a quarter whose release is not compiled —
/// between two compiled releases, or after the newest (a far-future date included) — is
/// [`HistoryError::QuarterNotCompiled`], which names the quarter and the newest compiled release before
/// it: the crate never presents a release as in force when a newer one, which it does not have, was.
/// [`missing_quarters`] lists the gaps. (The top-level look-ups, [`crate::get`] and the rest, answer for
/// the current release whatever the date.)
///
/// ```
/// use chrono::NaiveDate;
/// use hcpcs::history::{self, HistoryError};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(history::as_of(d(2026, 3, 31)).unwrap().release().name(), "2026-01");
/// assert_eq!(history::as_of(d(2025, 11, 1)).unwrap().release().name(), "2025-10");
/// // July 2025: that quarter's file is not compiled; 2025-01 does not stand in for it.
/// assert!(matches!(history::as_of(d(2025, 7, 15)), Err(HistoryError::QuarterNotCompiled { .. })));
/// assert!(matches!(history::as_of(d(2016, 12, 31)), Err(HistoryError::BeforeFirstRelease { .. })));
/// ```
pub fn as_of(date: NaiveDate) -> Result<View, HistoryError> {
    let all = || crate::releases();
    match crate::quarters::in_force(all().map(|r| r.effective()), date) {
        InForce::Release(i) => Ok(View {
            release: Release { index: i },
        }),
        InForce::BeforeFirst => Err(HistoryError::BeforeFirstRelease {
            date,
            first: all().next().unwrap_or_else(crate::release),
        }),
        InForce::Missing {
            quarter,
            newest_before,
        } => Err(HistoryError::QuarterNotCompiled {
            date,
            quarter,
            newest_before: Release {
                index: newest_before,
            },
        }),
    }
}

/// The quarters between the oldest and the newest compiled release whose HCPCS release is not compiled,
/// each as its first day (`2017-04-01`, …). [`as_of`] answers a date in any of them with
/// [`HistoryError::QuarterNotCompiled`]; so it does every date after the newest release's quarter.
///
/// ```
/// let gaps = hcpcs::history::missing_quarters();
/// assert!(gaps.iter().all(|q| hcpcs::history::as_of(*q).is_err()));
/// ```
pub fn missing_quarters() -> Vec<NaiveDate> {
    crate::quarters::missing(crate::releases().map(|r| r.effective()))
}

/// The view of the release named `YYYY-MM`.
pub fn release_named(name: &str) -> Result<View, HistoryError> {
    crate::releases()
        .find(|r| r.name() == name)
        .map(View::of)
        .ok_or_else(|| HistoryError::UnknownRelease(name.to_string()))
}

/// One version of a code's record, and the releases that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The record.
    pub record: &'static Record,
    /// The releases whose record of the code is this one, oldest first.
    pub releases: Vec<Release>,
}

/// Every distinct version of a code's record across the compiled releases, oldest first.
///
/// ```
/// let versions = hcpcs::history::history("Q2057").unwrap();
/// assert_eq!(versions.len(), 2);
/// assert_eq!(versions[0].releases[0].name(), "2025-10");
/// assert!(hcpcs::history::history("Q20X7").is_err());
/// ```
pub fn history(code: impl AsCode) -> Result<Vec<Version>, CodeError> {
    let code = code.to_code()?;
    let mut out: Vec<Version> = Vec::new();
    for release in crate::releases() {
        let Some(record) = View::of(release).record(code) else {
            continue;
        };
        match out.iter_mut().find(|v| v.record == record) {
            Some(v) => v.releases.push(release),
            None => out.push(Version {
                record,
                releases: vec![release],
            }),
        }
    }
    Ok(out)
}

/// A field of the HCPCS record, as [`diff`] names what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum Field {
    LongDescription,
    ShortDescription,
    PricingIndicators,
    MultiplePricingIndicator,
    CimReferences,
    McmReferences,
    Statute,
    LabCertifications,
    CrossReferences,
    Coverage,
    AscGroup,
    AscEffectiveDate,
    OppsGroup,
    OppsPaymentPolicyIndicator,
    OppsEffectiveDate,
    ProcessingNote,
    Betos,
    TypesOfService,
    AnesthesiaBaseUnits,
    Added,
    ActionEffective,
    Terminated,
    Action,
    Noc,
}

impl Field {
    /// Whether this is one of CMS's "administrative data fields" (not a description, not the release
    /// bookkeeping of action, action date and termination).
    pub fn is_administrative(self) -> bool {
        !matches!(
            self,
            Field::LongDescription
                | Field::ShortDescription
                | Field::Action
                | Field::ActionEffective
                | Field::Terminated
                | Field::Noc
        )
    }
}

/// The fields in which two records differ.
pub fn changed_fields(a: &Record, b: &Record) -> Vec<Field> {
    let mut f = Vec::new();
    macro_rules! cmp {
        ($($field:ident => $get:expr),+ $(,)?) => {
            $( if $get(a) != $get(b) { f.push(Field::$field); } )+
        };
    }
    cmp! {
        LongDescription => |r: &Record| r.long_description(),
        ShortDescription => |r: &Record| r.short_description(),
        PricingIndicators => |r: &Record| r.pricing_indicators().collect::<Vec<_>>(),
        MultiplePricingIndicator => |r: &Record| r.multiple_pricing_indicator(),
        CimReferences => |r: &Record| r.cim_references().collect::<Vec<_>>(),
        McmReferences => |r: &Record| r.mcm_references().collect::<Vec<_>>(),
        Statute => |r: &Record| r.statute(),
        LabCertifications => |r: &Record| r.lab_certifications().collect::<Vec<_>>(),
        CrossReferences => |r: &Record| r.cross_references().collect::<Vec<_>>(),
        Coverage => |r: &Record| r.coverage(),
        AscGroup => |r: &Record| r.asc_group(),
        AscEffectiveDate => |r: &Record| r.asc_effective_date(),
        OppsGroup => |r: &Record| r.opps_group(),
        OppsPaymentPolicyIndicator => |r: &Record| r.opps_payment_policy_indicator(),
        OppsEffectiveDate => |r: &Record| r.opps_effective_date(),
        ProcessingNote => |r: &Record| r.processing_note().map(|n| n.number()),
        Betos => |r: &Record| r.betos(),
        TypesOfService => |r: &Record| r.types_of_service().collect::<Vec<_>>(),
        AnesthesiaBaseUnits => |r: &Record| r.anesthesia_base_units(),
        Added => |r: &Record| r.added(),
        ActionEffective => |r: &Record| r.action_effective(),
        Terminated => |r: &Record| r.terminated(),
        Action => |r: &Record| r.action(),
        Noc => |r: &Record| r.is_noc(),
    }
    f
}

/// How one code differs between two releases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// In the later release only.
    Added(&'static Record),
    /// In the earlier release only.
    Removed(&'static Record),
    /// In both, with these fields changed.
    Changed {
        /// The earlier record.
        from: &'static Record,
        /// The later record.
        to: &'static Record,
        /// What changed.
        fields: Vec<Field>,
    },
}

impl Change {
    /// The code.
    pub fn code(&self) -> Code {
        match self {
            Change::Added(r) | Change::Removed(r) => r.code(),
            Change::Changed { to, .. } => to.code(),
        }
    }

    /// Whether the later release discontinues the code: it sets a termination date the earlier one did
    /// not have.
    pub fn is_discontinued(&self) -> bool {
        match self {
            Change::Changed { from, to, .. } => {
                from.terminated().is_none() && to.terminated().is_some()
            }
            Change::Added(r) => r.terminated().is_some(),
            Change::Removed(_) => false,
        }
    }

    /// Whether `field` changed.
    pub fn has(&self, field: Field) -> bool {
        matches!(self, Change::Changed { fields, .. } if fields.contains(&field))
    }
}

/// Every code whose record differs between two releases, in code order (procedures, then modifiers).
///
/// ```
/// use hcpcs::history::{self, Field};
/// let (oct, jan) = (history::release_named("2025-10").unwrap(), history::release_named("2026-01").unwrap());
/// let d = history::diff(oct, jan);
/// let q = d.iter().find(|c| c.code().to_string() == "Q2057").unwrap();
/// assert!(q.has(Field::Action) && q.has(Field::ActionEffective) && q.has(Field::AscGroup));
/// ```
pub fn diff(from: View, to: View) -> Vec<Change> {
    let mut codes: Vec<Code> = from
        .records()
        .iter()
        .chain(to.records().iter())
        .map(|r| r.code())
        .collect();
    codes.sort_by_key(|c| (matches!(c, Code::Modifier(_)), *c));
    codes.dedup();
    codes
        .into_iter()
        .filter_map(|c| match (from.record(c), to.record(c)) {
            (None, Some(b)) => Some(Change::Added(b)),
            (Some(a), None) => Some(Change::Removed(a)),
            (Some(a), Some(b)) if a != b => Some(Change::Changed {
                from: a,
                to: b,
                fields: changed_fields(a, b),
            }),
            _ => None,
        })
        .collect()
}
