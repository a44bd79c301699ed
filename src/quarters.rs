//! The one rule for "which compiled release is in force on a date", shared by the HCPCS history and
//! the fee schedule: CMS publishes both quarterly (January, April, July, October), so a compiled
//! release answers for the dates of its own quarter only. A date in a quarter whose release is not
//! compiled is a gap, never answered by an older release.

use chrono::{Datelike, NaiveDate};

/// The first day of the calendar quarter of `d`.
pub(crate) fn quarter_start(d: NaiveDate) -> NaiveDate {
    let m = (d.month() - 1) / 3 * 3 + 1;
    NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d)
}

/// The last day of the calendar quarter of `d`.
pub(crate) fn quarter_end(d: NaiveDate) -> NaiveDate {
    let start = quarter_start(d);
    start
        .checked_add_months(chrono::Months::new(3))
        .and_then(|n| n.pred_opt())
        .unwrap_or(start)
}

/// Which of the releases (effective dates, oldest first) is in force on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InForce {
    /// The release at this index.
    Release(usize),
    /// Before the oldest release's quarter.
    BeforeFirst,
    /// A quarter with no compiled release; the newest compiled one before it is at this index.
    Missing {
        quarter: NaiveDate,
        newest_before: usize,
    },
}

/// The release in force on `date`, by [`InForce`]'s rule.
pub(crate) fn in_force(
    effective: impl DoubleEndedIterator<Item = NaiveDate> + ExactSizeIterator,
    date: NaiveDate,
) -> InForce {
    let q = quarter_start(date);
    let n = effective.len();
    match effective
        .rev()
        .enumerate()
        .find(|(_, e)| quarter_start(*e) <= q)
    {
        None => InForce::BeforeFirst,
        Some((back, e)) if quarter_start(e) == q => InForce::Release(n - 1 - back),
        Some((back, _)) => InForce::Missing {
            quarter: q,
            newest_before: n - 1 - back,
        },
    }
}

/// The quarters from the first release's to the last one's that have no compiled release, each as its
/// first day.
pub(crate) fn missing(effective: impl Iterator<Item = NaiveDate>) -> Vec<NaiveDate> {
    let have: Vec<NaiveDate> = effective.map(quarter_start).collect();
    let (Some(&first), Some(&last)) = (have.first(), have.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut q = first;
    while q < last {
        if !have.contains(&q) {
            out.push(q);
        }
        q = match q.checked_add_months(chrono::Months::new(3)) {
            Some(n) => n,
            None => break,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_and_gaps() {
        assert_eq!(quarter_start(d("2026-08-15")), d("2026-07-01"));
        assert_eq!(quarter_end(d("2026-08-15")), d("2026-09-30"));
        assert_eq!(quarter_end(d("2025-12-31")), d("2025-12-31"));
        let eff = [d("2025-01-01"), d("2025-10-01"), d("2026-01-01")];
        assert_eq!(
            in_force(eff.into_iter(), d("2024-12-31")),
            InForce::BeforeFirst
        );
        assert_eq!(
            in_force(eff.into_iter(), d("2025-03-31")),
            InForce::Release(0)
        );
        assert_eq!(
            in_force(eff.into_iter(), d("2025-04-01")),
            InForce::Missing {
                quarter: d("2025-04-01"),
                newest_before: 0
            }
        );
        assert_eq!(
            in_force(eff.into_iter(), d("2025-10-01")),
            InForce::Release(1)
        );
        assert_eq!(
            in_force(eff.into_iter(), d("2026-03-31")),
            InForce::Release(2)
        );
        assert_eq!(
            in_force(eff.into_iter(), d("2099-01-01")),
            InForce::Missing {
                quarter: d("2099-01-01"),
                newest_before: 2
            }
        );
        assert_eq!(missing(eff.into_iter()), [d("2025-04-01"), d("2025-07-01")]);
    }
}
