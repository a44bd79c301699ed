//! No allocation per row: every function, called on a batch of 1,000 synthetic lines and on one of
//! 64,000, allocates (nearly) the same number of times: the output buffers, grown a few times, not a
//! `String` or a `Vec` per row.
//!
//! The counting allocator needs `unsafe impl GlobalAlloc`; that is this test's own code, not the
//! library's (which forbids unsafe code). Only the test's own thread is counted.

#[path = "common/synthetic.rs"]
mod synthetic;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::config::ConfigOptions;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF};

struct Counting;

thread_local! {
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

/// The arguments of a function, from the lines' columns: the code (and the modifier as a second
/// text argument of pfs_status, the code again for addon_has_primary's primary), the date.
fn arguments(udf: &ScalarUDF, b: &RecordBatch) -> Vec<ArrayRef> {
    let syntax = udf.documentation().unwrap().syntax_example.clone();
    let code = b.column_by_name("code").unwrap().clone();
    let modifier = b.column_by_name("modifier").unwrap().clone();
    let dos = b.column_by_name("dos").unwrap().clone();
    match syntax.split(['(', ')']).nth(1).unwrap() {
        "code" | "modifier" => vec![code],
        "date_of_service" => vec![dos],
        "code, date_of_service" => vec![code, dos],
        "code [, modifier]" => vec![code, modifier],
        "add_on, primary, date_of_service" => vec![code.clone(), code, dos],
        other => panic!("{}: arguments {other:?}", udf.name()),
    }
}

/// Allocations made by one call of `udf` over the batch.
fn allocations(udf: &ScalarUDF, b: &RecordBatch) -> usize {
    let args = arguments(udf, b);
    let types: Vec<DataType> = args.iter().map(|a| a.data_type().clone()).collect();
    let ret = udf.return_type(&types).unwrap();
    let call = ScalarFunctionArgs {
        args: args.into_iter().map(ColumnarValue::Array).collect(),
        arg_fields: types
            .iter()
            .map(|t| Arc::new(Field::new("a", t.clone(), true)))
            .collect(),
        number_rows: b.num_rows(),
        return_field: Arc::new(Field::new("r", ret, true)),
        config_options: Arc::new(ConfigOptions::default()),
    };
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    let out = udf.invoke_with_args(call);
    COUNTING.with(|c| c.set(false));
    let n = ALLOCATIONS.load(Ordering::Relaxed);
    match out.unwrap() {
        ColumnarValue::Array(a) => assert_eq!(a.len(), b.num_rows()),
        ColumnarValue::Scalar(_) => panic!("{}: a scalar for array arguments", udf.name()),
    }
    n
}

#[test]
fn no_function_allocates_per_row() {
    let one = |n| {
        let mut v = synthetic::batches(11, n, n);
        assert_eq!(v.len(), 1);
        v.remove(0)
    };
    let (small, large) = (one(1_000), one(64_000));
    for udf in hcpcs_datafusion::functions() {
        // The first call builds the day table, once per process.
        allocations(&udf, &small);
        let (a, b) = (allocations(&udf, &small), allocations(&udf, &large));
        // 63,000 more rows: at most a few more buffer growths, never a row's worth.
        assert!(
            b <= a + 16 && b < 100,
            "{}: {a} allocations for 1,000 rows, {b} for 64,000",
            udf.name()
        );
    }
}
