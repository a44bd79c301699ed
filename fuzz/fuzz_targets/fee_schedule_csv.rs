//! The fee-schedule relative value file parser on arbitrary bytes: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((rows, _)) = hcpcs_import::cms::fee_schedule::parse_file(data, "fuzz.csv") {
        assert!(rows.iter().all(|r| r.conversion_factor.scale() == 4 && r.work_rvu.scale() == 2));
    }
});
