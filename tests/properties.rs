//! Property tests: parsing and look-ups never panic and agree with themselves under case, whitespace
//! and representation changes; validity is an interval around the added and termination dates.

use chrono::{Days, NaiveDate};
use hcpcs::{Code, CodeShape, CrossReference, HcpcsCode, LookupError, Modifier};
use proptest::prelude::*;

/// Well-formed code strings of every shape, upper case.
fn well_formed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][0-9]{4}",
        "[0-9]{4}[0-9FTUM]",
        "[A-Z0-9]{2}",
        // Real codes, so that hits are exercised as much as misses.
        (0..hcpcs::records().count()).prop_map(|i| hcpcs::records()
            .nth(i)
            .unwrap()
            .code()
            .to_string()),
    ]
}

fn whitespace() -> impl Strategy<Value = String> {
    "[ \t\r\n]{0,3}"
}

/// Flips the case of the letters at the positions `mask` selects.
fn mixed_case(s: &str, mask: u32) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 32) & 1 == 1 {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect()
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Duration::days(n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parsing_and_lookup_never_panic(s in any::<String>()) {
        let _ = Code::parse(&s);
        let _ = HcpcsCode::parse(&s);
        let _ = Modifier::parse(&s);
        let _ = CrossReference::parse(&s);
        let _ = CodeShape::classify(&s);
        let got = hcpcs::get(&s);
        prop_assert_eq!(hcpcs::contains(&s), got.is_some());
        prop_assert_eq!(hcpcs::lookup(&s).ok(), got);
        let _ = hcpcs::is_valid_on(&s, day(16_000));
    }

    #[test]
    fn ascii_noise_never_panics_and_errors_are_precise(s in "[ -~]{0,8}") {
        match Code::parse(&s) {
            Ok(c) => prop_assert_eq!(c.to_string(), s.trim().to_ascii_uppercase()),
            Err(hcpcs::CodeError::BadCharacter { position, found, .. }) => {
                prop_assert_eq!(s.trim().chars().nth(position - 1), Some(found));
            }
            Err(hcpcs::CodeError::WrongLength { found, .. }) => prop_assert_eq!(found, s.trim().chars().count()),
            Err(hcpcs::CodeError::Empty) => prop_assert!(s.trim().is_empty()),
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }

    #[test]
    fn display_of_parse_is_the_identity(s in well_formed()) {
        let c = Code::parse(&s).unwrap();
        prop_assert_eq!(c.to_string(), s.clone());
        prop_assert_eq!(Code::parse(&c.to_string()), Ok(c));
        if let Code::Procedure(p) = c {
            prop_assert_eq!(HcpcsCode::from_u32(p.to_u32()), Some(p));
        }
    }

    #[test]
    fn case_and_surrounding_whitespace_never_change_the_result(
        s in well_formed(), mask in any::<u32>(), pre in whitespace(), post in whitespace()
    ) {
        let messy = format!("{pre}{}{post}", mixed_case(&s, mask));
        prop_assert_eq!(Code::parse(&messy), Code::parse(&s));
        prop_assert_eq!(hcpcs::get(&messy), hcpcs::get(&s));
        prop_assert_eq!(hcpcs::contains(&messy), hcpcs::contains(&s));
        prop_assert_eq!(hcpcs::is_valid_on(&messy, day(16_500)), hcpcs::is_valid_on(&s, day(16_500)));
    }

    #[test]
    fn arbitrary_text_parses_the_same_padded(s in "[ -~]{0,7}", pre in whitespace(), post in whitespace()) {
        // Padding sends the parser down its slow path; it must agree with the fast path.
        let t = s.trim();
        prop_assert_eq!(Code::parse(&format!("{pre}{t}{post}")), Code::parse(t));
        prop_assert_eq!(HcpcsCode::parse(&format!("{pre}{t}{post}")), HcpcsCode::parse(t));
    }

    #[test]
    fn every_lookup_returns_the_record_of_its_key(s in well_formed()) {
        let c = Code::parse(&s).unwrap();
        match hcpcs::lookup(&s) {
            Ok(r) => prop_assert_eq!(r.code(), c),
            Err(LookupError::NotInSet { code, shape }) => {
                prop_assert_eq!(code, c);
                prop_assert_eq!(shape, c.shape());
                prop_assert!(hcpcs::record(c).is_none());
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn validity_is_an_interval_around_added_and_terminated(i in 0..hcpcs::records().count(), a in 0i64..20_000, b in 0i64..20_000) {
        let r = hcpcs::records().nth(i).unwrap();
        let (lo, hi) = (day(a.min(b)), day(a.max(b)));
        let mid = lo + Days::new(((hi - lo).num_days() / 2) as u64);
        // Valid on two dates means valid on every date between them.
        if r.is_valid_on(lo) && r.is_valid_on(hi) {
            prop_assert!(r.is_valid_on(mid));
        }
        // Monotone around the added date and the termination date.
        if lo < r.added() {
            prop_assert!(!r.is_valid_on(lo));
        }
        if let Some(t) = r.terminated() {
            if hi > t {
                prop_assert!(!r.is_valid_on(hi));
            }
            if r.added() <= t {
                prop_assert!(r.is_valid_on(t) && r.is_valid_on(r.added()));
            }
        } else if hi >= r.added() {
            prop_assert!(r.is_valid_on(hi));
        }
        prop_assert_eq!(hcpcs::is_valid_on(&r.code().to_string(), lo), r.is_valid_on(lo));
    }
}
