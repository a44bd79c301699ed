//! The claim-line checks on the sample file, kind by kind, each finding checked against the datasets
//! it comes from; and any input text is findings, never a panic.

use std::collections::BTreeSet;

use hcpcs::claims::{self, Finding, FindingKind};
use hcpcs::{add_on, mue, NaiveDate};
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../data/sample_claims.csv");

fn findings() -> Vec<Finding> {
    let batch = claims::read_csv(SAMPLE).unwrap();
    let mut f = claims::check_all(&batch.lines);
    f.extend(batch.bad);
    f.sort_by_key(|f| (f.line, f.kind));
    f
}

fn on_line(f: &[Finding], line: usize) -> Vec<FindingKind> {
    f.iter()
        .filter(|f| f.line == line)
        .map(|f| f.kind)
        .collect()
}

#[test]
fn the_sample_shows_every_kind_of_finding() {
    let f = findings();
    let kinds: BTreeSet<FindingKind> = f.iter().map(|f| f.kind).collect();
    assert_eq!(kinds.len(), FindingKind::ALL.len(), "{kinds:?}");
    // Clean lines have none: Q2057 once, G0105-53, and an add-on with its primary on the claim.
    assert!(on_line(&f, 2).is_empty() && on_line(&f, 3).is_empty());
    assert!(on_line(&f, 16).is_empty() && on_line(&f, 17).is_empty());
}

#[test]
fn each_finding_agrees_with_the_datasets() {
    let f = findings();
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    // MUE: Q2057 twice on one claim and day against its date-of-service MUE.
    let q = mue::get("Q2057").unwrap().unwrap();
    assert_eq!(q.value(), 1);
    assert_eq!(on_line(&f, 4), [FindingKind::UnitsAboveMue]);
    assert!(mue::get("J0585").unwrap().unwrap().value() < 900);
    // Terminated, naming CMS's cross-reference.
    let c9014 = hcpcs::get("C9014").unwrap();
    assert!(c9014.terminated().unwrap() < day("2026-02-02"));
    let t = f.iter().find(|f| f.line == 6).unwrap();
    assert_eq!(t.kind, FindingKind::Terminated);
    assert!(t.detail.contains("J0567"), "{}", t.detail);
    // Q2057 did not exist in the release in force on 2025-02-03.
    assert!(hcpcs::history::as_of(day("2025-02-03"))
        .unwrap()
        .get("Q2057")
        .is_none());
    assert_eq!(on_line(&f, 7), [FindingKind::UnknownCode]);
    assert_eq!(on_line(&f, 9), [FindingKind::MalformedCode]);
    assert_eq!(on_line(&f, 10), [FindingKind::UnknownModifier]);
    assert_eq!(on_line(&f, 11), [FindingKind::MalformedModifier]);
    // VM was added after the 2018 date of service.
    assert_eq!(on_line(&f, 12), [FindingKind::NotYetValid]);
    // CPT and CDT codes: this build cannot tell, and says so (with `cpt` it can).
    if hcpcs::has_cpt_rows() {
        assert!(!on_line(&f, 13).contains(&FindingKind::DataNotCompiled));
    } else {
        assert_eq!(
            on_line(&f, 13),
            [FindingKind::DataNotCompiled, FindingKind::DataNotCompiled]
        );
        assert_eq!(
            on_line(&f, 14),
            [FindingKind::DataNotCompiled, FindingKind::DataNotCompiled]
        );
        // G0289's primaries are CPT codes: not "without primary", "cannot tell".
        assert_eq!(add_on::primaries_of("G0289").unwrap().not_carried(), 17);
        assert_eq!(on_line(&f, 18), [FindingKind::DataNotCompiled]);
    }
    // G0018 alone, then with its primary G0017 on the same claim and day.
    let g0018 = add_on::primaries_of("G0018").unwrap();
    assert!(g0018
        .in_force_on(day("2026-03-02"))
        .any(|e| e.primary().map(|p| p.to_string()) == Some("G0017".into())));
    assert_eq!(on_line(&f, 15), [FindingKind::AddOnWithoutPrimary]);
    // A date in a quarter whose release is not compiled.
    assert_eq!(on_line(&f, 19), [FindingKind::DataNotCompiled]);
    // Lines that are not claim lines, each with its number.
    for l in [20, 21, 22] {
        assert_eq!(on_line(&f, l), [FindingKind::BadLine]);
    }
}

#[test]
fn a_missing_header_is_an_error() {
    let e = claims::read_csv("C1,Q2057,,2026-02-10,1\n").unwrap_err();
    assert!(e.to_string().contains(claims::CSV_HEADER));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]
    /// Any text after the header: every line is a claim line or a bad_line finding, and checking never
    /// panics.
    #[test]
    fn any_input_is_findings_never_a_panic(body in "[ -~\n,]{0,400}") {
        let text = format!("{}\n{body}", claims::CSV_HEADER);
        let batch = claims::read_csv(&text).unwrap();
        let n = text.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(batch.lines.len() + batch.bad.len(), n);
        let _ = claims::check_all(&batch.lines);
    }
}
