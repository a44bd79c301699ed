//! Description search: queries people type, each with the code it must return in the top 3; and
//! properties over any input.

use hcpcs::search::{search, search_with, SearchOptions};
use hcpcs_core::words::{normalize, words};
use proptest::prelude::*;

/// (query, a code that must be among the first three hits). Drugs by name, equipment by its common
/// name, services, modifiers by their meaning, codes and code prefixes, plurals and type-ahead.
const QUERIES: &[(&str, &str)] = &[
    ("afamitresgene", "Q2057"),
    ("afamitresgene autoleucel", "Q2057"),
    ("q2057", "Q2057"),
    ("E26", "E2601"),
    ("adalimumab", "J0139"),
    ("pembrolizumab", "J9271"),
    ("nivolumab", "J9299"),
    ("denosumab", "J0897"),
    ("infliximab", "J1745"),
    ("hospital bed", "E0255"),
    ("oxygen concentrator", "E1390"),
    ("portable oxygen concentrator", "E1392"),
    ("wheelchair seat cushion", "E2601"),
    ("blood glucose test strips", "A4253"),
    ("glucose monitor", "E0607"),
    ("breast pump", "E0602"),
    ("compression stocking", "A6530"),
    ("nebulizer compressor", "E0585"),
    ("walker folding", "E0135"),
    ("cane", "E0100"),
    ("crutches", "E0110"),
    ("lancets", "A4259"),
    ("insulin syringe", "A4232"),
    ("apnea monitor", "E0618"),
    ("commode chair", "E0163"),
    ("patient lift", "E0630"),
    ("cpap", "E0601"),
    ("urinary catheter", "A4352"),
    ("speech generating device", "E2500"),
    ("hearing aid fitting", "V5011"),
    ("ground mileage", "A0425"),
    ("annual wellness visit", "G0438"),
    ("colorectal cancer screening", "G0105"),
    ("depression screening", "G0444"),
    ("diabetes self management training", "G0108"),
    ("hepatitis b vaccine", "G0010"),
    ("home health aide", "S9122"),
    ("left side", "LT"),
    ("right side", "RT"),
    ("technical component", "TC"),
    ("waiver of liability", "GA"),
    ("separate structure", "XS"),
    ("separate encounter", "XE"),
    ("unusual non-overlapping service", "XU"),
    ("new equipment", "NU"),
    ("used durable medical equipment", "UE"),
    ("anesthesia by anesthesiologist", "AA"),
    ("assistant at surgery", "AS"),
    ("emergency services", "ET"),
    ("speech language pathology", "GN"),
    ("wheelchairs", "E0961"),
    ("catheters", "A4311"),
];

#[test]
fn queries_people_type_find_their_code_in_the_top_three() {
    assert!(QUERIES.len() >= 40);
    let mut missed = Vec::new();
    for (q, want) in QUERIES {
        let top: Vec<String> = search(q)
            .iter()
            .take(3)
            .map(|h| h.record().code().to_string())
            .collect();
        if !top.iter().any(|c| c == want) {
            missed.push(format!("{q:?}: {want} not in {top:?}"));
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn type_ahead_matches_the_last_word_as_a_prefix() {
    let hits = search("power wheelch");
    assert!(!hits.is_empty());
    for h in hits.iter() {
        let text = h.record().long_description().unwrap().to_lowercase();
        assert!(text.contains("power") && text.contains("wheelch"), "{text}");
    }
    // A trailing blank ends the word: no prefix match ("wheelcha" is no word of any description).
    assert!(!search("wheelcha").is_empty());
    assert!(search("wheelcha ").is_empty());
}

#[test]
fn options_filter_and_limit() {
    let all = search_with(
        "nivolumab",
        &SearchOptions {
            limit: 50,
            ..SearchOptions::default()
        },
    );
    assert!(all.iter().any(|h| h.record().terminated().is_some()));
    // Terminated codes rank below current ones for the same words.
    let first_terminated = all
        .iter()
        .position(|h| h.record().terminated().is_some())
        .unwrap();
    assert!(
        all.iter()
            .skip(first_terminated)
            .all(|h| h.record().terminated().is_some())
            || first_terminated > 0
    );
    let current = search_with(
        "nivolumab",
        &SearchOptions {
            include_terminated: false,
            limit: 50,
            ..SearchOptions::default()
        },
    );
    assert!(current.iter().all(|h| h.record().terminated().is_none()));
    let day = hcpcs::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let valid = search_with(
        "nivolumab",
        &SearchOptions {
            valid_on: Some(day),
            limit: 50,
            ..SearchOptions::default()
        },
    );
    assert!(valid.iter().all(|h| h.record().is_valid_on(day)));
    let no_mods = search_with(
        "left side",
        &SearchOptions {
            modifiers: false,
            ..SearchOptions::default()
        },
    );
    assert!(no_mods
        .iter()
        .all(|h| h.record().kind() == hcpcs::RecordKind::Procedure));
    assert_eq!(
        search_with(
            "insulin",
            &SearchOptions {
                limit: 3,
                ..SearchOptions::default()
            }
        )
        .len(),
        3
    );
    assert!(
        search_with(
            "insulin",
            &SearchOptions {
                limit: 500,
                ..SearchOptions::default()
            }
        )
        .len()
            <= hcpcs::search::MAX_HITS
    );
}

/// The words of a record, normalized, and lower-cased as written (for prefixes).
fn record_words(r: &hcpcs::Record) -> Vec<(String, String)> {
    let code = r.code().to_string().to_lowercase();
    let mut out = vec![(code.clone(), code)];
    for text in [r.short_description(), r.long_description()]
        .into_iter()
        .flatten()
    {
        out.extend(words(text).map(|w| (normalize(w), w.to_lowercase())));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any text: no panic; every hit holds every query word (the last one possibly as a prefix); hits
    /// are ordered by score.
    #[test]
    fn any_query_every_hit_has_every_word(q in "[a-zA-Z0-9 ,-]{0,24}") {
        let hits = search(&q);
        let qw: Vec<&str> = words(&q).take(hcpcs::search::MAX_WORDS).collect();
        let open_end = q.ends_with(|c: char| c.is_ascii_alphanumeric());
        let scores: Vec<f32> = hits.iter().map(|h| h.score()).collect();
        prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        for h in hits.iter() {
            let rw = record_words(h.record());
            for (i, w) in qw.iter().enumerate() {
                let n = normalize(w);
                let prefix = (i + 1 == qw.len() && open_end).then(|| w.to_lowercase());
                let ok = rw.iter().any(|(norm, raw)| {
                    *norm == n || prefix.as_ref().is_some_and(|p| raw.starts_with(p.as_str()) || norm.starts_with(p.as_str()))
                });
                prop_assert!(ok, "{} lacks {:?} (query {:?})", h.record().code(), w, q);
            }
        }
    }

    /// Real words from the descriptions, in twos and threes.
    #[test]
    fn description_words_find_their_record(i in 0usize..9006, take in 1usize..4) {
        let r = hcpcs::records().nth(i % hcpcs::records().count()).unwrap();
        let Some(long) = r.long_description() else { return Ok(()) };
        let q: Vec<&str> = words(long).take(take).collect();
        let q = q.join(" ") + " ";
        let hits = search_with(&q, &SearchOptions { limit: 50, ..SearchOptions::default() });
        prop_assert!(!hits.is_empty(), "{:?}", q);
    }
}

/// The index's size, so that growth is noticed.
#[test]
fn index_size_is_bounded() {
    let bytes = hcpcs::search::index_bytes();
    println!("search index: {bytes} bytes");
    assert!(bytes > 100_000 && bytes < 1_000_000, "{bytes}");
}
