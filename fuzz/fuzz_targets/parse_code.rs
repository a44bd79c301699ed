//! Code parsing from arbitrary bytes: never panics; a parsed code displays as the trimmed, upper-cased
//! input and parses back to itself.
#![no_main]

use hcpcs::{Code, CodeShape, CrossReference, HcpcsCode, Modifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = HcpcsCode::parse(&s);
    let _ = Modifier::parse(&s);
    let _ = CrossReference::parse(&s);
    let _ = CodeShape::classify(&s);
    if let Ok(c) = Code::parse(&s) {
        let shown = c.to_string();
        assert_eq!(shown, s.trim().to_ascii_uppercase());
        assert_eq!(Code::parse(&shown), Ok(c));
    }
});
