//! The reader of the crate's own data/ format (what the build trusts nothing of) on arbitrary bytes:
//! every table layout, every typed conversion; never panics, and a row that reads back writes back
//! to the same cells.
#![no_main]

use hcpcs_core::text::{self, tables};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let layouts = [
        &tables::RECORDS,
        &tables::FEE_SCHEDULE,
        &tables::MUE,
        &tables::ADD_ON,
        &tables::OPPS,
        &tables::ADD_ON_NOT_CARRIED,
        &tables::NOTES,
        &tables::NOC,
        &tables::HCPCS_RELEASES,
        &tables::DATASET_RELEASES,
    ];
    for layout in layouts {
        // Let the input reach past the header: put each layout's header in front of it.
        let file = format!("{}\n{s}", layout.header().join("\t"));
        let Ok(rows) = text::parse(&file, "fuzz.tsv", layout) else { continue };
        for r in text::as_of(&rows, layout, "2026-01") {
            if std::ptr::eq(layout, &tables::RECORDS) {
                if let Ok(rec) = tables::record(r, "fuzz.tsv") {
                    // Written back and read again, the record is the same.
                    let written = text::write(layout, &[], &[("2026-01".into(), vec![tables::record_cells(&rec)])]);
                    let Ok(written) = written else { continue };
                    let again = text::parse(&written, "again.tsv", layout).expect("own output parses");
                    let back = tables::record(&again[0], "again.tsv").expect("own output reads");
                    assert_eq!(tables::record_cells(&back), tables::record_cells(&rec));
                }
            } else if std::ptr::eq(layout, &tables::FEE_SCHEDULE) {
                let _ = tables::fee(r, "fuzz.tsv");
            } else if std::ptr::eq(layout, &tables::MUE) {
                let _ = tables::mue(r, "fuzz.tsv");
            } else if std::ptr::eq(layout, &tables::ADD_ON) {
                let _ = tables::add_on(r, "fuzz.tsv");
            } else if std::ptr::eq(layout, &tables::OPPS) {
                let _ = tables::opps(r, "fuzz.tsv");
            } else if std::ptr::eq(layout, &tables::NOTES) {
                let _ = tables::note(r, "fuzz.tsv");
            } else if std::ptr::eq(layout, &tables::NOC) {
                let _ = tables::noc(r, "fuzz.tsv");
            }
        }
    }
});
