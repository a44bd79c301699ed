//! Dates of service to the release in force, as one array index a row.
//!
//! `hcpcs::history::as_of` walks the releases for every call; a column of ten million dates asks the
//! same few hundred days again and again. These tables answer every day from the first compiled
//! quarter to the end of the newest once, with the crate's own functions, so the functions cannot
//! disagree with it; a day outside the table is outside every compiled quarter.

use std::sync::OnceLock;

use chrono::Datelike;
use hcpcs::history::{self, View};
use hcpcs::NaiveDate;

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01, Arrow's `Date32` day 0.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// A `Date32` value as a date; `None` outside chrono's range.
#[inline]
pub(crate) fn to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(UNIX_EPOCH_FROM_CE)?)
}

/// A date as a `Date32` value.
#[inline]
pub(crate) fn from_date(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

/// What is in force on each day of a range.
pub(crate) struct DayTable<T: 'static> {
    first: i32,
    slots: Vec<Option<T>>,
}

impl<T: Copy> DayTable<T> {
    fn build(first: NaiveDate, last: NaiveDate, at: impl Fn(NaiveDate) -> Option<T>) -> Self {
        let slots = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(at)
            .collect();
        DayTable {
            first: from_date(first),
            slots,
        }
    }

    /// What is in force on a day; `None` when no compiled release is.
    #[inline]
    pub(crate) fn on(&self, day: i32) -> Option<T> {
        let i = usize::try_from(day.checked_sub(self.first)?).ok()?;
        *self.slots.get(i)?
    }
}

/// The HCPCS release in force on each day (`hcpcs::history::as_of`).
pub(crate) fn hcpcs() -> &'static DayTable<View> {
    static T: OnceLock<DayTable<View>> = OnceLock::new();
    T.get_or_init(|| {
        let first = hcpcs::releases().next().unwrap_or_else(hcpcs::release);
        // Every day from the first compiled quarter to the end of the newest: past it, no release
        // is compiled (`as_of` says so too).
        DayTable::build(first.effective(), hcpcs::release().in_force_until(), |d| {
            history::as_of(d).ok()
        })
    })
}
