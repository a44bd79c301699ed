//! The processing-notes parser on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(notes) = hcpcs_import::cms::proc_notes::parse(data, "fuzz.txt") {
        assert!(notes.iter().all(|n| n.number > 0));
    }
});
