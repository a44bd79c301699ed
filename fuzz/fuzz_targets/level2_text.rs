//! The ANWEB fixed-width parser on arbitrary bytes: never panics (a bad file is an error value).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = hcpcs_import::cms::level2_text::parse(data, "fuzz.txt") {
        for r in records {
            assert!(r.short_description.len() <= 28);
        }
    }
});
