//! OPPS Addendum B: every row of every quarter as its source has it, the seed codes, quarters by date
//! of service at both edges, and the changes between quarters.

mod common;

use chrono::{Days, Months};
use hcpcs::opps::{self, OppsChange, OppsError, PaymentCategory, StatusIndicator};
use hcpcs::{CodeShape, NaiveDate};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn every_row_of_every_quarter_matches_its_source() {
    let quarters: Vec<_> = opps::releases().collect();
    assert_eq!(quarters.len(), common::data().code_edits.opps.len());
    assert!(quarters.len() >= 3);
    let mut n = 0;
    for (i, q) in quarters.iter().enumerate() {
        let src = common::opps_rows_of(i);
        assert_eq!(q.rows(), src.len(), "{q:?}");
        for s in &src {
            let e = opps::on(s.code, q.effective())
                .unwrap()
                .unwrap_or_else(|| panic!("{} {}", s.code, q.name()));
            assert_eq!(
                (e.status_indicator(), e.payment_rate(), e.release()),
                (s.status_indicator, s.payment_rate, *q)
            );
            n += 1;
        }
        if !hcpcs::has_cpt_rows() {
            assert!(src.iter().all(|r| r.code.shape() == CodeShape::LevelII));
            assert!(q.rows_not_carried() > 10_000);
        }
    }
    assert!(n > 19_000, "{n}");
}

#[test]
fn the_seed_codes() {
    for q in opps::releases() {
        let e = opps::on("Q2057", q.effective()).unwrap().unwrap();
        assert_eq!(e.status_indicator(), StatusIndicator::G);
        assert_eq!(
            e.payment_rate().map(|r| r.to_string()),
            Some("770620.00".into())
        );
        if hcpcs::has_cpt_rows() {
            for c in ["0708T", "0709T"] {
                let e = opps::on(c, q.effective()).unwrap().unwrap();
                assert_eq!(
                    e.status_indicator(),
                    StatusIndicator::E1,
                    "{c} {}",
                    q.name()
                );
                assert_eq!(e.status_indicator().payment(), PaymentCategory::NotPaid);
                assert_eq!(e.payment_rate(), None);
            }
        } else {
            assert!(matches!(
                opps::get("0708T"),
                Err(hcpcs::LookupError::NotCompiled { .. })
            ));
        }
    }
    // A code Addendum B does not list is "no entry", not an error.
    assert_eq!(opps::get("Z9999").unwrap(), None);
}

/// A quarter answers for its own dates; the days around every compiled quarter.
#[test]
fn quarters_by_date_of_service_at_both_edges() {
    let qs: Vec<_> = opps::releases().collect();
    for (i, q) in qs.iter().enumerate() {
        let first = q.effective();
        let last = first.checked_add_months(Months::new(3)).unwrap() - Days::new(1);
        assert_eq!(opps::release_on(first).unwrap(), *q);
        assert_eq!(opps::release_on(last).unwrap(), *q);
        let after = last + Days::new(1);
        match qs.get(i + 1) {
            Some(next) if next.effective() == after => {
                assert_eq!(opps::release_on(after).unwrap(), *next)
            }
            _ => assert_eq!(
                opps::release_on(after),
                Err(OppsError::QuarterNotCompiled {
                    date: after,
                    quarter: after,
                    newest_before: *q
                })
            ),
        }
        if i == 0 {
            let before = first - Days::new(1);
            assert_eq!(
                opps::release_on(before),
                Err(OppsError::BeforeFirstRelease {
                    date: before,
                    first: *q
                })
            );
        }
    }
    assert!(opps::on("Q2057", date("2026-07-01")).is_err());
}

/// The changes between consecutive quarters (README.md gives the counts).
#[test]
fn changes_between_quarters() {
    let n = opps::releases().len();
    for i in 1..n {
        let c = opps::changes(i - 1, i).unwrap();
        let added = c
            .iter()
            .filter(|c| matches!(c, OppsChange::Added(_)))
            .count();
        let removed = c
            .iter()
            .filter(|c| matches!(c, OppsChange::Removed(_)))
            .count();
        let (mut si, mut rate) = (0, 0);
        for ch in &c {
            if let OppsChange::Changed { from, to } = ch {
                assert_eq!(from.code(), to.code());
                si += usize::from(from.status_indicator() != to.status_indicator());
                rate += usize::from(from.payment_rate() != to.payment_rate());
            }
        }
        let (a, b) = (
            opps::releases().nth(i - 1).unwrap(),
            opps::releases().nth(i).unwrap(),
        );
        println!(
            "{} -> {}: {added} added, {removed} removed, {si} SI changed, {rate} rate changed",
            a.name(),
            b.name()
        );
        // Counts add up against the quarters' row counts.
        assert_eq!(a.rows() + added - removed, b.rows());
        assert!(si + rate > 0);
    }
    assert!(opps::changes(0, 99).is_none());
}
