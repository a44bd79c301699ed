//! The fee schedule by date of service: every compiled relative value file, every row of each equal to
//! its source field by field, quarters that are not compiled answered as such, and the national
//! payment amount against worked figures.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use hcpcs::fee_schedule::{
    self, ApmStatus, Decimal, FeeScheduleError, PaymentError, PfsStatus, Setting,
};
use hcpcs::{CodeShape, HcpcsCode, Modifier};

fn code(s: &str) -> HcpcsCode {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every row of every compiled release equals its source (data/, or the whole CMS file with `cpt`).
#[test]
fn every_row_of_every_release_matches_its_source() {
    let releases: Vec<_> = fee_schedule::releases().collect();
    assert_eq!(releases.len(), common::data().code_edits.fee_schedule.len());
    assert!(releases.len() >= 2);
    for (i, rel) in releases.iter().enumerate() {
        let src = common::fee_rows_of(i);
        let day = rel.effective();
        assert_eq!(fee_schedule::release_on(day).unwrap(), *rel);
        assert_eq!(rel.rows(), src.len(), "{rel:?}");
        for s in &src {
            let r = fee_schedule::row_on(s.code, s.modifier, day)
                .unwrap()
                .unwrap_or_else(|| panic!("{} {:?} in {}", s.code, s.modifier, rel.name()));
            let c = (s.code, s.modifier, rel.name());
            assert_eq!(
                (r.status(), r.pricing_indicator()),
                (s.status, s.pricing_indicator),
                "{c:?}"
            );
            assert_eq!(
                (
                    r.work_rvu(),
                    r.non_facility_pe_rvu(),
                    r.facility_pe_rvu(),
                    r.malpractice_rvu()
                ),
                (
                    s.work_rvu,
                    s.non_facility_pe_rvu,
                    s.facility_pe_rvu,
                    s.mp_rvu
                ),
                "{c:?}"
            );
            assert_eq!(
                (
                    r.non_facility_total(),
                    r.facility_total(),
                    r.conversion_factor()
                ),
                (s.non_facility_total, s.facility_total, s.conversion_factor),
                "{c:?}"
            );
            assert_eq!(
                (r.non_facility_na(), r.facility_na()),
                (s.non_facility_na, s.facility_na),
                "{c:?}"
            );
            assert_eq!(
                (r.pctc(), r.global_days()),
                (s.pctc, s.global_days),
                "{c:?}"
            );
            assert_eq!(
                (r.pre_op(), r.intra_op(), r.post_op()),
                (s.pre_op, s.intra_op, s.post_op),
                "{c:?}"
            );
            assert_eq!(
                (
                    r.multiple_procedure(),
                    r.bilateral_surgery(),
                    r.assistant_at_surgery()
                ),
                (
                    s.multiple_procedure,
                    s.bilateral_surgery,
                    s.assistant_at_surgery
                ),
                "{c:?}"
            );
            assert_eq!(
                (r.co_surgeons(), r.team_surgery()),
                (s.co_surgeons, s.team_surgery),
                "{c:?}"
            );
            assert_eq!(
                (
                    r.endoscopic_base(),
                    r.physician_supervision(),
                    r.calculation_flag(),
                    r.imaging_family()
                ),
                (
                    s.endoscopic_base,
                    s.physician_supervision,
                    s.calculation_flag,
                    s.imaging_family
                ),
                "{c:?}"
            );
            assert_eq!(
                (
                    r.opps_non_facility_pe(),
                    r.opps_facility_pe(),
                    r.opps_malpractice()
                ),
                (s.opps_non_facility_pe, s.opps_facility_pe, s.opps_mp),
                "{c:?}"
            );
            assert_eq!(
                r.not_used_for_medicare_payment(),
                s.not_used_for_medicare_payment,
                "{c:?}"
            );
        }
    }
    // The 2026 layout carries PRIC IND, the 2025 one does not.
    let first = fee_schedule::rows_on(code("G0105"), releases[0].effective()).unwrap();
    assert!(first.iter().all(|r| r.pricing_indicator().is_none()));
    assert!(fee_schedule::all().all(|r| r.pricing_indicator().is_some()));
}

/// A compiled release answers for exactly the dates of its own quarter; the day before and the day
/// after are either another compiled release's quarter or a named error, at both edges of every gap.
#[test]
fn quarters_that_are_not_compiled_are_errors_at_both_edges() {
    let releases: Vec<_> = fee_schedule::releases().collect();
    for (i, rel) in releases.iter().enumerate() {
        let first = rel.effective();
        assert_eq!(first.day(), 1);
        assert_eq!(
            (first.month() - 1) % 3,
            0,
            "{rel:?} does not start a quarter"
        );
        let last = first.checked_add_months(Months::new(3)).unwrap() - Days::new(1);
        assert_eq!(fee_schedule::release_on(first).unwrap(), *rel);
        assert_eq!(fee_schedule::release_on(last).unwrap(), *rel);
        let after = last + Days::new(1);
        match releases.get(i + 1) {
            Some(next) if next.effective() == after => {
                assert_eq!(fee_schedule::release_on(after).unwrap(), *next)
            }
            _ => assert_eq!(
                fee_schedule::release_on(after),
                Err(FeeScheduleError::QuarterNotCompiled {
                    date: after,
                    quarter: after,
                    newest_before: *rel
                })
            ),
        }
        let before = first - Days::new(1);
        match i.checked_sub(1).map(|j| releases[j]) {
            None => assert_eq!(
                fee_schedule::release_on(before),
                Err(FeeScheduleError::BeforeFirstRelease {
                    date: before,
                    first: *rel
                })
            ),
            Some(prev) if prev.effective().checked_add_months(Months::new(3)) == Some(first) => {
                assert_eq!(fee_schedule::release_on(before).unwrap(), prev)
            }
            Some(prev) => {
                let e = fee_schedule::release_on(before).unwrap_err();
                assert!(
                    matches!(e, FeeScheduleError::QuarterNotCompiled { newest_before, .. } if newest_before == prev),
                    "{e}"
                );
            }
        }
    }
    // The gap the issue names: April 2025 to June 2026 is not answered with the 2025 file.
    let e = fee_schedule::release_on(date("2026-03-15")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the fee schedule in force on 2026-03-15 is the 2026-01 quarter's, which this build does not carry; \
         the newest compiled before it is 2025-01 (PPRRVU25_JAN.csv)"
    );
    assert!(fee_schedule::rows_on(code("G0105"), date("2025-04-01")).is_err());
    // `rows` keeps answering for the current release.
    assert_eq!(
        fee_schedule::rows(code("G0105")).unwrap(),
        fee_schedule::rows_on(code("G0105"), fee_schedule::release().effective()).unwrap()
    );
}

fn pay(
    c: &str,
    m: Option<&str>,
    d: &str,
    s: Setting,
    a: ApmStatus,
) -> Result<fee_schedule::Payment, PaymentError> {
    let m = m.map(|m| m.parse::<Modifier>().unwrap());
    fee_schedule::national_payment(code(c), m, date(d), s, a)
}

/// The worked figures, and the rules around them.
#[test]
fn national_payment_amounts() {
    use ApmStatus::*;
    use Setting::*;
    let p = pay("G0105", None, "2026-07-01", NonFacility, NotQualifying).unwrap();
    assert_eq!(p.total_rvus, Decimal::new(1132, 2));
    assert_eq!(p.conversion_factor, Decimal::new(334_009, 4));
    assert_eq!(p.amount.to_string(), "378.10");
    assert_eq!(p.release, fee_schedule::release());
    let qp = pay(
        "G0105",
        None,
        "2026-09-30",
        NonFacility,
        QualifyingParticipant,
    )
    .unwrap();
    assert_eq!(
        qp.conversion_factor,
        fee_schedule::QP_CONVERSION_FACTOR_2026
    );
    assert_eq!(qp.amount.to_string(), "379.98"); // 11.32 × 33.5675 = 379.9841
    let f = pay("G0105", None, "2026-07-01", Facility, NotQualifying).unwrap();
    assert_eq!(
        (f.total_rvus.to_string(), f.amount.to_string()),
        ("4.93".into(), "164.67".into())
    ); // 164.666437
    let m53 = pay(
        "G0105",
        Some("53"),
        "2026-07-01",
        NonFacility,
        NotQualifying,
    )
    .unwrap();
    assert_eq!(m53.amount.to_string(), "189.05"); // 5.66 × 33.4009 = 189.049094
                                                  // January 2025: one conversion factor for everyone, 32.3465.
    let old = pay(
        "G0105",
        None,
        "2025-02-10",
        NonFacility,
        QualifyingParticipant,
    )
    .unwrap();
    assert_eq!(old.conversion_factor, Decimal::new(323_465, 4));
    assert_eq!(old.amount.to_string(), "327.67"); // 10.13 × 32.3465 = 327.670045
                                                  // Excluded (status E): not paid on RVUs. A gap quarter: the error says so.
    assert_eq!(
        pay("Q2057", None, "2026-07-01", NonFacility, NotQualifying).unwrap_err(),
        PaymentError::NotPaidOnRvus {
            status: PfsStatus::Excluded
        }
    );
    assert!(matches!(
        pay("G0105", None, "2026-01-15", NonFacility, NotQualifying),
        Err(PaymentError::Release(
            FeeScheduleError::QuarterNotCompiled { .. }
        ))
    ));
    // NA in the facility setting (the skin substitutes of 2026).
    let skin = fee_schedule::all()
        .find(|r| {
            r.code().to_string().starts_with("Q4") && r.facility_na() && r.rvus_used_for_payment()
        })
        .unwrap();
    let s = skin.code().to_string();
    assert_eq!(
        pay(&s, None, "2026-07-01", Facility, NotQualifying).unwrap_err(),
        PaymentError::NotApplicableInSetting { setting: Facility }
    );
    assert_eq!(
        pay(&s, None, "2026-07-01", NonFacility, NotQualifying)
            .unwrap()
            .amount
            .to_string(),
        "127.26"
    );
    if hcpcs::has_cpt_rows() {
        let p = pay("99213", None, "2026-07-01", NonFacility, NotQualifying).unwrap();
        assert_eq!(
            (p.total_rvus.to_string(), p.amount.to_string()),
            ("2.85".into(), "95.19".into())
        );
        let qp = pay(
            "99213",
            None,
            "2026-07-01",
            NonFacility,
            QualifyingParticipant,
        )
        .unwrap();
        assert_eq!(qp.amount.to_string(), "95.67"); // 2.85 × 33.5675 = 95.667375
    } else {
        assert_eq!(
            pay("99213", None, "2026-07-01", NonFacility, NotQualifying).unwrap_err(),
            PaymentError::Release(FeeScheduleError::Code(hcpcs::LookupError::NotCompiled {
                code: "99213".parse().unwrap(),
                shape: CodeShape::CptCategoryI
            }))
        );
    }
}

/// Every payable amount of every release is total × factor rounded half away from zero, computed here
/// in integer cents independently of `Decimal`.
#[test]
fn every_amount_is_the_rounded_exact_product() {
    let mut n = 0;
    for (i, rel) in fee_schedule::releases().enumerate() {
        for s in common::fee_rows_of(i) {
            let r = fee_schedule::row_on(s.code, s.modifier, rel.effective())
                .unwrap()
                .unwrap();
            for (setting, total, na) in [
                (
                    Setting::NonFacility,
                    r.non_facility_total(),
                    r.non_facility_na(),
                ),
                (Setting::Facility, r.facility_total(), r.facility_na()),
            ] {
                let got = fee_schedule::national_payment(
                    r.code(),
                    r.modifier(),
                    rel.effective(),
                    setting,
                    ApmStatus::NotQualifying,
                );
                if !r.rvus_used_for_payment() || na {
                    assert!(got.is_err());
                    continue;
                }
                let product = total.units() * r.conversion_factor().units(); // scale 6
                let cents = (product + 5_000) / 10_000;
                assert_eq!(got.unwrap().amount, Decimal::new(cents, 2), "{r:?}");
                n += 1;
            }
        }
    }
    assert!(n > 1_000, "{n}");
}

/// The differences between the two compiled files, by kind (README.md gives these numbers).
#[test]
fn the_two_files_differ_as_readme_says() {
    let rels: Vec<_> = fee_schedule::releases().collect();
    let keys = |i: usize| -> BTreeMap<(HcpcsCode, Option<Modifier>), PfsStatus> {
        common::fee_rows_of(i)
            .iter()
            .map(|r| ((r.code, r.modifier), r.status))
            .collect()
    };
    let (a, b) = (keys(0), keys(rels.len() - 1));
    let ka: BTreeSet<_> = a.keys().collect();
    let kb: BTreeSet<_> = b.keys().collect();
    let added = kb.difference(&ka).count();
    let gone = ka.difference(&kb).count();
    let both = ka.intersection(&kb).count();
    let status = ka.intersection(&kb).filter(|k| a[**k] != b[**k]).count();
    let skin: Vec<_> = fee_schedule::all()
        .filter(|r| {
            let c = r.code().to_string();
            (c.starts_with("Q4") || c.starts_with("A2"))
                && r.status() == PfsStatus::Active
                && r.non_facility_pe_rvu() == Decimal::new(381, 2)
        })
        .collect();
    let became = skin
        .iter()
        .filter(|r| a.get(&(r.code(), r.modifier())) != Some(&PfsStatus::Active))
        .count();
    println!("added {added}, gone {gone}, in both {both}, status changed {status}, skin substitutes payable {} (became payable {became})", skin.len());
    if hcpcs::has_cpt_rows() {
        assert_eq!((added, gone, both, status), (720, 230, 18_635, 287));
    } else {
        assert!(a
            .keys()
            .chain(b.keys())
            .all(|(c, _)| c.shape() == CodeShape::LevelII));
        assert_eq!((added, gone, both, status), (390, 137, 4_884, 272));
    }
    assert_eq!((skin.len(), became), (319, 319));
}
