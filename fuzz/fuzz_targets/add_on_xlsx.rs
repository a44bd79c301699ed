//! The add-on code workbook reader on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hcpcs_import::cms::add_on::parse(data, "fuzz.xlsx");
});
