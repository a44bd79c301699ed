//! Which release of each CMS dataset the tables were built from.

use chrono::NaiveDate;

/// A CMS dataset compiled into the crate: its source file and the date it takes effect.
///
/// ```
/// let d = hcpcs::fee_schedule::release();
/// assert!(d.source_file().starts_with("PPRRVU"));
/// // A release is named after the month it takes effect.
/// assert_eq!(d.effective().to_string()[..7], *d.name());
/// // Debug shows the date as a date.
/// assert!(format!("{d:?}").contains(&format!("effective: {}", d.effective())));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dataset {
    pub(crate) name: &'static str,
    pub(crate) source_file: &'static str,
    pub(crate) effective: u32,
    pub(crate) rows: usize,
    pub(crate) rows_not_carried: usize,
}

impl Dataset {
    /// The source file's name.
    pub const fn source_file(&self) -> &'static str {
        self.source_file
    }

    /// The release, `YYYY-MM` (the month it takes effect).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The date the dataset takes effect.
    pub fn effective(&self) -> NaiveDate {
        hcpcs_core::packed::decode_date(self.effective).unwrap_or(NaiveDate::MIN)
    }

    /// How many rows were compiled (Level II only, unless the `cpt` feature is on).
    pub const fn rows(&self) -> usize {
        self.rows
    }

    /// How many CPT/CDT rows the CMS file has that the crate's `data/` does not carry (compiled only
    /// with the `cpt` feature; [`has_cpt_rows`]).
    pub const fn rows_not_carried(&self) -> usize {
        self.rows_not_carried
    }
}

impl core::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Dataset")
            .field("name", &self.name)
            .field("source_file", &self.source_file)
            .field("effective", &self.effective())
            .field("rows", &self.rows)
            .field("rows_not_carried", &self.rows_not_carried)
            .finish()
    }
}

/// Whether the tables hold CPT (Level I) and CDT rows: the `cpt` feature.
pub const fn has_cpt_rows() -> bool {
    crate::tables::CPT_ROWS
}
