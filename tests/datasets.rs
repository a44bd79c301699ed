//! The fee-schedule, MUE and add-on tables against what they were compiled from: the crate's `data/`
//! (and, with the `cpt` feature, the whole CMS file of the same release).

mod common;

use std::collections::HashSet;

#[cfg(feature = "cpt")]
use chrono::NaiveDate;
use hcpcs::add_on::{self, AocEditType};
use hcpcs::fee_schedule::{self, *};
use hcpcs::mue::{self, MueAdjudication};
use hcpcs::{CodeShape, HcpcsCode};

fn code(s: &str) -> HcpcsCode {
    s.parse().unwrap()
}

#[cfg(feature = "cpt")]
fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn compiled(c: HcpcsCode) -> bool {
    hcpcs::has_cpt_rows() || c.shape() == CodeShape::LevelII
}

#[test]
fn row_counts_match_the_sources() {
    let rows = common::fee_rows();
    let muer = common::mue_rows();
    let aocr = common::add_on_rows();
    if hcpcs::has_cpt_rows() && fee_schedule::release().source_file() == "PPRRVU2026_Jul_nonQPP.csv"
    {
        // The whole CMS files: 19,356 rows less one placeholder (GXXX1); SOURCE.md's counts.
        assert_eq!(rows.len(), 19_355);
        assert_eq!(muer.len(), 15_095);
        assert_eq!(aocr.len(), 9_000);
    }
    // Every row of the CMS file is either compiled or counted as not carried.
    for d in [fee_schedule::release(), mue::release(), add_on::release()] {
        if !hcpcs::has_cpt_rows() {
            assert!(d.rows_not_carried() > 0, "{d:?}");
        }
    }
    assert_eq!(
        fee_schedule::all().len(),
        rows.iter().filter(|r| compiled(r.code)).count()
    );
    assert_eq!(
        mue::all().count(),
        muer.iter().filter(|r| compiled(r.code)).count()
    );
    let edits = aocr
        .iter()
        .filter(|r| compiled(r.add_on) && r.primary.is_none_or(compiled))
        .count();
    assert_eq!(add_on::all().len(), edits);
    assert_eq!(fee_schedule::release().rows(), fee_schedule::all().len());
    for d in [fee_schedule::release(), mue::release(), add_on::release()] {
        assert_eq!(d.effective().to_string()[..7], *d.name(), "{d:?}");
    }
}

/// Every compiled fee-schedule row equals the parser's reading of the file, field by field.
#[test]
fn every_fee_row_every_field_matches_the_source() {
    let rows = common::fee_rows();
    assert_eq!(rows.len(), fee_schedule::all().len());
    for s in rows.iter().filter(|r| compiled(r.code)) {
        let r = fee_schedule::row(s.code, s.modifier)
            .unwrap()
            .unwrap_or_else(|| panic!("{} {:?}", s.code, s.modifier));
        let c = (s.code, s.modifier);
        assert_eq!((r.code(), r.modifier()), c);
        assert_eq!(r.status(), s.status, "{c:?}");
        assert_eq!(
            r.not_used_for_medicare_payment(),
            s.not_used_for_medicare_payment,
            "{c:?}"
        );
        assert_eq!(r.work_rvu(), s.work_rvu, "{c:?}");
        assert_eq!(r.non_facility_pe_rvu(), s.non_facility_pe_rvu, "{c:?}");
        assert_eq!(r.non_facility_na(), s.non_facility_na, "{c:?}");
        assert_eq!(r.facility_pe_rvu(), s.facility_pe_rvu, "{c:?}");
        assert_eq!(r.facility_na(), s.facility_na, "{c:?}");
        assert_eq!(r.malpractice_rvu(), s.mp_rvu, "{c:?}");
        assert_eq!(r.non_facility_total(), s.non_facility_total, "{c:?}");
        assert_eq!(r.facility_total(), s.facility_total, "{c:?}");
        assert_eq!(r.pctc(), s.pctc, "{c:?}");
        assert_eq!(r.global_days(), s.global_days, "{c:?}");
        assert_eq!(
            (r.pre_op(), r.intra_op(), r.post_op()),
            (s.pre_op, s.intra_op, s.post_op),
            "{c:?}"
        );
        assert_eq!(r.multiple_procedure(), s.multiple_procedure, "{c:?}");
        assert_eq!(r.bilateral_surgery(), s.bilateral_surgery, "{c:?}");
        assert_eq!(r.assistant_at_surgery(), s.assistant_at_surgery, "{c:?}");
        assert_eq!(r.co_surgeons(), s.co_surgeons, "{c:?}");
        assert_eq!(r.team_surgery(), s.team_surgery, "{c:?}");
        assert_eq!(r.pricing_indicator(), s.pricing_indicator, "{c:?}");
        assert_eq!(r.endoscopic_base(), s.endoscopic_base, "{c:?}");
        assert_eq!(r.conversion_factor(), s.conversion_factor, "{c:?}");
        assert_eq!(r.physician_supervision(), s.physician_supervision, "{c:?}");
        assert_eq!(r.calculation_flag(), s.calculation_flag, "{c:?}");
        assert_eq!(r.imaging_family(), s.imaging_family, "{c:?}");
        assert_eq!(r.opps_non_facility_pe(), s.opps_non_facility_pe, "{c:?}");
        assert_eq!(r.opps_facility_pe(), s.opps_facility_pe, "{c:?}");
        assert_eq!(r.opps_malpractice(), s.opps_mp, "{c:?}");
        // Totals are exact sums (RVU25A: work + PE + MP), which binary floats would not guarantee.
        assert_eq!(
            r.non_facility_total().units(),
            r.work_rvu().units() + r.non_facility_pe_rvu().units() + r.malpractice_rvu().units(),
            "{c:?}"
        );
    }
}

#[test]
fn every_mue_and_add_on_edit_matches_the_source() {
    for s in common::mue_rows().iter().filter(|r| compiled(r.code)) {
        let m = mue::get(s.code).unwrap().unwrap();
        assert_eq!(
            (m.value(), m.adjudication(), m.rationale()),
            (s.value, s.adjudication, s.rationale),
            "{}",
            s.code
        );
    }
    let src = common::add_on_rows();
    for s in src
        .iter()
        .filter(|r| compiled(r.add_on) && r.primary.is_none_or(compiled))
    {
        let found = add_on::primaries_of(s.add_on).unwrap().iter().any(|e| {
            e.primary() == s.primary
                && e.edit_type() == s.edit_type
                && e.effective() == s.effective
                && e.deleted() == s.deleted
                && e.add_on_deleted() == s.add_on_deleted
                && e.primary_deleted() == s.primary_deleted
                && e.note() == s.note.as_deref()
        });
        assert!(found, "row {}: {s:?}", s.line);
        if let Some(p) = s.primary {
            assert!(
                add_on::add_ons_of(p)
                    .unwrap()
                    .iter()
                    .any(|e| e.add_on() == s.add_on && e.effective() == s.effective),
                "row {}",
                s.line
            );
        }
    }
}

/// Add-on relations: every add-on code and primary code has a code shape; types are typed; CCCCC only
/// with edit types 2 and 3.
#[test]
fn add_on_relations_have_expected_shapes() {
    for e in add_on::all() {
        assert_ne!(e.add_on().shape(), CodeShape::Modifier);
        match e.primary() {
            Some(p) => assert!(compiled(p)),
            None => assert!(
                matches!(
                    e.edit_type(),
                    AocEditType::PrimaryNotSpecified | AocEditType::PrimaryListedContractorMayAllow
                ),
                "{e:?}"
            ),
        }
        for p in add_on::primaries_of(e.add_on()).unwrap().iter() {
            assert_eq!(p.add_on(), e.add_on());
        }
        assert!(e.deleted().is_none_or(|d| d >= e.effective()) || !e.is_in_force_on(e.effective()));
    }
}

#[test]
fn q2057_mue_with_default_features() {
    let m = mue::get(code("Q2057")).unwrap().unwrap();
    assert_eq!(m.value(), 1);
    assert_eq!(m.adjudication(), MueAdjudication::DateOfServicePolicy);
    assert_eq!(m.adjudication().code(), "2");
    let j = mue::get(code("J0585")).unwrap().unwrap();
    assert_eq!((j.value(), j.adjudication().code()), (800, "3"));
}

/// Every value of every enum field in the data parses to a typed value (a bad one fails the build);
/// here: every variant the tables use round-trips through its CMS code.
#[test]
fn every_enum_value_in_the_data_roundtrips() {
    let mut seen = HashSet::new();
    for r in fee_schedule::all() {
        for (name, c) in [
            ("status", r.status().code()),
            ("pctc", r.pctc().code()),
            ("global", r.global_days().code()),
            ("mult", r.multiple_procedure().code()),
            ("bilat", r.bilateral_surgery().code()),
            ("asst", r.assistant_at_surgery().code()),
            ("co", r.co_surgeons().code()),
            ("team", r.team_surgery().code()),
            ("sup", r.physician_supervision().code()),
            ("img", r.imaging_family().code()),
        ] {
            seen.insert((name, c));
        }
        assert_eq!(r.status().code().parse::<PfsStatus>().unwrap(), r.status());
        assert_eq!(
            r.global_days().code().parse::<GlobalDays>().unwrap(),
            r.global_days()
        );
        assert_eq!(
            r.physician_supervision()
                .code()
                .parse::<PhysicianSupervision>()
                .unwrap(),
            r.physician_supervision()
        );
    }
    assert!(seen.len() > 40, "{}", seen.len());
}

/// A default build holds no Level I (CPT) or D-code rows in any dataset.
#[cfg(not(feature = "cpt"))]
#[test]
fn default_build_has_no_cpt_rows() {
    assert!(!hcpcs::has_cpt_rows());
    assert!(fee_schedule::all().all(|r| r.code().shape() == CodeShape::LevelII));
    assert!(mue::all().all(|(c, _)| c.shape() == CodeShape::LevelII));
    assert!(
        add_on::all().all(|e| e.add_on().shape() == CodeShape::LevelII
            && e.primary().is_none_or(|p| p.shape() == CodeShape::LevelII))
    );
    // A CPT code's rows are not "none": this build does not carry them, and says so.
    let not_compiled = |e: hcpcs::LookupError| matches!(e, hcpcs::LookupError::NotCompiled { .. });
    assert!(fee_schedule::rows("99213").is_err_and(not_compiled));
    assert!(mue::get("0708T").is_err_and(not_compiled));
    assert!(add_on::primaries_of("0709T").is_err_and(not_compiled));
    assert!(mue::get("D0120").is_err_and(not_compiled));
    // A Level II code with no MUE is "no edit".
    let no_mue = hcpcs::procedures().find(|r| mue::get(r.code()) == Ok(None));
    assert!(no_mue.is_some());
    // Relations with CPT codes are counted per Level II code, none carried.
    let g0289 = add_on::primaries_of("G0289").unwrap();
    assert_eq!(
        (g0289.len(), g0289.not_carried(), g0289.is_complete()),
        (0, 17, false)
    );
    let g0275 = add_on::primaries_of("G0275").unwrap();
    assert_eq!((g0275.len(), g0275.not_carried()), (0, 13));
    assert!(fee_schedule::all().len() > 4_000);
}

/// With the `cpt` feature: the seed record 0708T / 0709T, and no CPT description text anywhere in the
/// compiled tables.
#[cfg(feature = "cpt")]
mod cpt {
    use super::*;

    #[test]
    fn seed_0708t_and_0709t() {
        assert!(hcpcs::has_cpt_rows());
        let r = fee_schedule::row(code("0708T"), None).unwrap().unwrap();
        assert_eq!(r.status(), PfsStatus::ContractorPriced);
        assert_eq!(r.status().code(), "C");
        assert!(r
            .status()
            .description()
            .starts_with("Contractors price the code"));
        assert_eq!(
            (r.global_days(), r.global_days().description()),
            (
                GlobalDays::NotApplicable,
                "The global concept does not apply to the code."
            )
        );
        assert_eq!(r.pctc(), PcTc::PhysicianService);
        assert!(r
            .pctc()
            .description()
            .starts_with("Physician Service Codes"));
        assert_eq!(r.multiple_procedure(), MultipleProcedure::Standard);
        assert_eq!(
            r.multiple_procedure().description(),
            "Standard payment adjustment rules for multiple procedures apply."
        );
        assert_eq!(r.bilateral_surgery(), BilateralSurgery::NoAdjustment);
        assert_eq!(
            r.bilateral_surgery().description(),
            "150% payment adjustment for bilateral procedures does not apply."
        );
        assert_eq!(
            r.assistant_at_surgery(),
            AssistantAtSurgery::StatutoryRestriction
        );
        assert!(r
            .assistant_at_surgery()
            .description()
            .starts_with("Statutory payment restriction"));
        assert_eq!(
            (r.co_surgeons(), r.team_surgery()),
            (CoSurgeons::NotPermitted, TeamSurgery::NotPermitted)
        );
        assert_eq!(
            (
                r.physician_supervision().code(),
                r.physician_supervision().description()
            ),
            ("09", "Concept does not apply.")
        );
        assert_eq!(
            (r.imaging_family().code(), r.imaging_family().description()),
            ("99", "Concept does not apply")
        );
        assert_eq!(r.conversion_factor(), Decimal::new(334_009, 4));

        let m = mue::get(code("0708T")).unwrap().unwrap();
        assert_eq!(
            (m.value(), m.adjudication()),
            (1, MueAdjudication::DateOfServicePolicy)
        );

        let adds: Vec<_> = add_on::add_ons_of(code("0708T")).unwrap().iter().collect();
        assert!(adds.iter().any(|e| e.add_on() == code("0709T")
            && e.edit_type() == AocEditType::PrimaryListed
            && e.effective() == date("2022-01-01")));
        let prims: Vec<_> = add_on::primaries_of(code("0709T"))
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            prims.iter().map(|e| e.primary()).collect::<Vec<_>>(),
            [Some(code("0708T"))]
        );
        assert!(add_on::primaries_of(code("0709T"))
            .unwrap()
            .in_force_on(date("2026-04-01"))
            .next()
            .is_some());
        assert!(add_on::primaries_of(code("0709T"))
            .unwrap()
            .in_force_on(date("2021-12-31"))
            .next()
            .is_none());
        assert_eq!(
            fee_schedule::row(code("0709T"), None)
                .unwrap()
                .unwrap()
                .global_days(),
            GlobalDays::AddOn
        );
        assert_eq!(mue::get(code("99213")).unwrap().unwrap().value(), 2);
        let g0289 = add_on::primaries_of("G0289").unwrap();
        assert_eq!((g0289.len(), g0289.not_carried()), (17, 0));
    }
}

/// No CPT or CDT description text is in the compiled tables, with or without the `cpt` feature: the
/// string blob holds exactly the strings the API can reach, and every one of those comes from a
/// public-domain source (a Level II record or modifier of an ANWEB file, the processing notes, or the
/// add-on table's CMS notes: all of them rows of `data/`), never from the fee-schedule file's
/// DESCRIPTION column, which the importer does not read into `data/` at all.
#[test]
fn no_cpt_description_is_embedded() {
    let data = common::data();
    let level2: Vec<_> = data.hcpcs.iter().flat_map(|r| &r.records).collect();
    let notes = &data.notes;
    let mut public: HashSet<String> = HashSet::new();
    for r in level2
        .iter()
        .filter(|r| r.code.descriptions_are_public_domain())
    {
        public.insert(r.long_description.clone());
        public.insert(r.short_description.clone());
    }
    for r in level2.iter() {
        public.extend(
            r.cim_references
                .iter()
                .chain(&r.mcm_references)
                .chain(&r.statute)
                .cloned(),
        );
    }
    public.extend(notes.iter().map(|n| n.text.clone()));

    let mut reachable: HashSet<&'static str> = HashSet::new();
    for release in hcpcs::releases() {
        for r in hcpcs::history::View::of(release).records() {
            reachable.extend(
                r.long_description()
                    .into_iter()
                    .chain(r.short_description())
                    .chain(r.statute()),
            );
            reachable.extend(r.cim_references().chain(r.mcm_references()));
        }
    }
    reachable.extend(
        (1..=9999)
            .filter_map(hcpcs::ProcessingNote::get)
            .map(|n| n.text()),
    );
    for s in &reachable {
        assert!(
            public.contains(*s),
            "{s:?} does not come from a public-domain source"
        );
    }
    let blob = hcpcs::__all_strings();
    let aoc_notes: usize = add_on::all()
        .filter_map(|e| e.note())
        .collect::<HashSet<_>>()
        .iter()
        .map(|n| n.len() + 1)
        .sum();
    assert_eq!(
        reachable.iter().map(|s| s.len()).sum::<usize>() + aoc_notes,
        blob.len(),
        "the blob holds text the API cannot reach"
    );

    // With the `cpt` feature the CPT rows are there all the same: their codes, not their text.
    if hcpcs::has_cpt_rows() {
        assert!(
            fee_schedule::all()
                .filter(|r| r.code().shape().is_cpt())
                .count()
                > 10_000
        );
    }
}
