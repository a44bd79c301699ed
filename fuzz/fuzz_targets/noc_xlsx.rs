//! The NOC workbook reader (calamine) on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hcpcs_import::cms::noc::parse(data, "fuzz.xlsx");
});
