//! Look-ups never allocate: a counting global allocator watches every look-up path over every code.
//!
//! The allocator wrapper needs `unsafe impl GlobalAlloc`; that is this test's own code, not the
//! library's (which forbids unsafe code). This file holds one test so nothing else allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn lookups_do_not_allocate() {
    // Inputs are built before counting starts: every code, lower-cased and padded variants, misses
    // and malformed strings.
    let mut inputs: Vec<String> = hcpcs::records().map(|r| r.code().to_string()).collect();
    let extra: Vec<String> = inputs
        .iter()
        .take(500)
        .map(|s| format!(" {} ", s.to_lowercase()))
        .collect();
    inputs.extend(extra);
    inputs.extend(
        [
            "99213",
            "0708T",
            "Z9999",
            "D0120",
            "",
            "Q20",
            "Q2-57",
            "Qé057",
            "TOOLONGCODE",
        ]
        .map(String::from),
    );
    let date = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let mut seen = 0usize;

    COUNTING.store(true, Ordering::SeqCst);
    for s in &inputs {
        seen += usize::from(hcpcs::contains(s));
        seen += usize::from(hcpcs::is_valid_on(s, date));
        if let Ok(c) = s.parse::<hcpcs::Code>() {
            seen += usize::from(hcpcs::record(c).is_some());
        }
        match hcpcs::lookup(s) {
            Ok(r) => {
                seen += r.pricing_indicators().count()
                    + r.types_of_service().count()
                    + r.cross_references().count()
                    + r.replaced_by().count()
                    + r.cim_references().map(str::len).sum::<usize>()
                    + r.long_description().map_or(0, str::len)
                    + r.processing_note().map_or(0, |n| n.text().len())
                    + usize::from(r.is_valid_on(date))
                    + usize::from(r.terminated().is_some());
            }
            Err(e) => seen += std::mem::size_of_val(&e),
        }
    }
    let iterated = hcpcs::records().filter(|r| r.is_valid_on(date)).count();
    COUNTING.store(false, Ordering::SeqCst);

    assert_eq!(ALLOCATIONS.load(Ordering::SeqCst), 0, "look-ups allocated");
    assert!(seen > inputs.len() && iterated > 0);
}
