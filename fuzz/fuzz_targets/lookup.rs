//! Look-ups from arbitrary strings: never panic, and the look-up functions agree with each other.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;
    let got = hcpcs::get(&s);
    assert_eq!(hcpcs::contains(&s), got.is_some());
    assert_eq!(hcpcs::lookup(&s).ok(), got);
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    assert_eq!(hcpcs::is_valid_on(&s, day), got.is_some_and(|r| r.is_valid_on(day)));
    if let Some(r) = got {
        assert_eq!(Ok(r.code()), s.parse::<hcpcs::Code>());
    }
});
