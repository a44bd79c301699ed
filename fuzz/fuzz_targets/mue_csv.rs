//! The MUE table parser on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hcpcs_import::cms::mue::parse(data, "fuzz.csv");
});
