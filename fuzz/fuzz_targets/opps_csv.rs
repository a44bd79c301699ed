//! The OPPS Addendum B extract reader on arbitrary bytes: never panics; every rate it reads has 2 or
//! 3 decimals and is not negative.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = hcpcs_import::cms::opps::parse(data, "fuzz.csv") {
        for r in rows {
            assert!(r.payment_rate.is_none_or(|d| (2..=3).contains(&d.scale()) && d.units() >= 0));
        }
    }
});
