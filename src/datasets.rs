//! Which release of each CMS dataset the tables were built from.

use chrono::NaiveDate;

/// A CMS dataset compiled into the crate: its source file and the date it takes effect.
///
/// ```
/// let d = hcpcs::fee_schedule::release();
/// assert_eq!(d.source_file(), "PPRRVU25_JAN.csv");
/// assert_eq!(d.effective().to_string(), "2025-01-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dataset {
    pub(crate) source_file: &'static str,
    pub(crate) source_path: &'static str,
    pub(crate) effective: u32,
    pub(crate) rows: usize,
}

impl Dataset {
    /// The source file's name.
    pub const fn source_file(&self) -> &'static str {
        self.source_file
    }

    /// The path the build read it from, on the machine that built the crate.
    pub const fn source_path(&self) -> &'static str {
        self.source_path
    }

    /// The date the dataset takes effect.
    pub fn effective(&self) -> NaiveDate {
        hcpcs_core::packed::decode_date(self.effective).unwrap_or(NaiveDate::MIN)
    }

    /// How many rows were compiled (Level II only, unless the `cpt` feature is on).
    pub const fn rows(&self) -> usize {
        self.rows
    }
}

/// Whether the tables hold CPT (Level I) and CDT rows: the `cpt` feature.
pub const fn has_cpt_rows() -> bool {
    crate::tables::CPT_ROWS
}
