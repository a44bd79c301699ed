//! Look-ups never allocate: a counting global allocator watches every look-up path over every code.
//!
//! The allocator wrapper needs `unsafe impl GlobalAlloc`; that is this test's own code, not the
//! library's (which forbids unsafe code). Only the test's own thread is counted (the harness's other
//! threads may allocate meanwhile).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

struct Counting;

thread_local! {
    /// Whether this thread's allocations are counted (a const-initialized cell: reading it never
    /// allocates).
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn counting() -> bool {
    COUNTING.try_with(Cell::get).unwrap_or(false)
}

// SAFETY: every call is forwarded unchanged to the system allocator; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if counting() {
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
        if counting() {
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

    COUNTING.with(|c| c.set(true));
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
    // The dataset look-ups, and description search.
    for s in inputs.iter().take(2_000) {
        seen += hcpcs::mue::get(s).map_or(1, |m| m.map_or(0, |m| m.value() as usize));
        seen += hcpcs::fee_schedule::rows(s).map_or(1, |r| r.len());
        seen += hcpcs::add_on::primaries_of(s).map_or(1, |r| r.iter().count() + r.not_carried());
        seen += hcpcs::add_on::add_ons_of(s).map_or(1, |r| r.in_force_on(date).count());
        seen += hcpcs::opps::get(s).map_or(1, |e| {
            e.map_or(0, |e| e.status_indicator().index() as usize)
        });
        seen += hcpcs::opps::on(s, date).map_or(1, |e| usize::from(e.is_some()));
    }
    for q in [
        "afamitresgene",
        "power wheelch",
        "insulin pump",
        "E26",
        "left side",
        "x",
        "",
    ] {
        seen += hcpcs::search::search(q)
            .iter()
            .map(|h| h.score() as usize)
            .sum::<usize>();
    }
    COUNTING.with(|c| c.set(false));

    assert_eq!(ALLOCATIONS.load(Ordering::SeqCst), 0, "look-ups allocated");
    assert!(seen > inputs.len() && iterated > 0);
}
