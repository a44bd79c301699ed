//! The ANWEB workbook reader on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = hcpcs_import::cms::level2_xlsx::parse(data, "fuzz.xlsx") {
        assert!(records.iter().all(|r| !r.long_description.is_empty()));
    }
});
