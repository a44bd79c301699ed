//! The SQL functions against what a data team writes without them, in one run on the same lines:
//! `cargo bench -p hcpcs-datafusion --bench sql`.
//!
//! - `is_valid_on/udf`: `count(*) WHERE hcpcs_is_valid_on(code, dos)`;
//! - `is_valid_on/join`: the same answer from a hash join of the lines against a reference table of
//!   every code of every compiled release (code, release start and end, added, terminated) registered
//!   in the same session: `upper(trim(code))` = the reference code, the date inside the release and
//!   inside the code's dates. The setup checks that both count the same lines.
//! - `validation/udf`: the whole validation query (`hcpcs_datafusion::validation_sql`).
//!
//! At 1 and 10 million synthetic lines held in memory (so that the functions, not Parquet decoding,
//! are measured), with 1 and 2 target partitions. Throughput is lines per second.

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Date32Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use hcpcs::history::View;

const UDF: &str = "SELECT count(*) FROM lines WHERE hcpcs_is_valid_on(code, dos)";
const JOIN: &str = "SELECT count(*) FROM lines l JOIN hcpcs_ref r ON r.code = upper(trim(l.code)) \
    WHERE l.dos BETWEEN r.release_start AND r.release_end AND l.dos >= r.added \
    AND (r.terminated IS NULL OR l.dos <= r.terminated)";

/// The reference table a user loads from the CMS files: one row per code and compiled release.
fn reference() -> RecordBatch {
    let mut code = StringBuilder::new();
    let (mut start, mut end, mut added, mut terminated) = (
        Date32Builder::new(),
        Date32Builder::new(),
        Date32Builder::new(),
        Date32Builder::new(),
    );
    for r in hcpcs::releases() {
        for rec in View::of(r).records() {
            code.append_value(rec.code().to_string());
            start.append_value(synthetic::date32(r.effective()));
            end.append_value(synthetic::date32(r.in_force_until()));
            added.append_value(synthetic::date32(rec.added()));
            terminated.append_option(rec.terminated().map(synthetic::date32));
        }
    }
    let schema = Schema::new(vec![
        Field::new("code", DataType::Utf8, false),
        Field::new("release_start", DataType::Date32, false),
        Field::new("release_end", DataType::Date32, false),
        Field::new("added", DataType::Date32, false),
        Field::new("terminated", DataType::Date32, true),
    ]);
    let cols: Vec<ArrayRef> = vec![
        Arc::new(code.finish()),
        Arc::new(start.finish()),
        Arc::new(end.finish()),
        Arc::new(added.finish()),
        Arc::new(terminated.finish()),
    ];
    RecordBatch::try_new(Arc::new(schema), cols).unwrap()
}

fn context(batches: &[RecordBatch], partitions: usize, reference: &RecordBatch) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    hcpcs_datafusion::register(&ctx);
    // The lines dealt round-robin into one memory partition per target partition.
    let mut parts = vec![Vec::new(); partitions];
    for (i, b) in batches.iter().enumerate() {
        parts[i % partitions].push(b.clone());
    }
    let lines = MemTable::try_new(synthetic::schema(), parts).unwrap();
    ctx.register_table("lines", Arc::new(lines)).unwrap();
    ctx.register_batch("hcpcs_ref", reference.clone()).unwrap();
    ctx
}

fn count(rt: &tokio::runtime::Runtime, ctx: &SessionContext, sql: &str) -> i64 {
    rt.block_on(async {
        let b = ctx.sql(sql).await.unwrap().collect().await.unwrap();
        let c = b[0].column(0);
        c.as_primitive::<Int64Type>().value(0)
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let reference = reference();
    let validation = hcpcs_datafusion::validation_sql("lines");
    for (n, label) in [(1_000_000, "1M"), (10_000_000, "10M")] {
        let batches = synthetic::batches(2026, n, 8192);
        let mut g = c.benchmark_group(format!("lines_{label}"));
        g.throughput(Throughput::Elements(n as u64));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if n > 1_000_000 { 20 } else { 5 }));
        for partitions in [1, 2] {
            let ctx = context(&batches, partitions, &reference);
            // The baseline must give the same answer, or the comparison means nothing.
            let (u, j) = (count(&rt, &ctx, UDF), count(&rt, &ctx, JOIN));
            assert_eq!(
                u, j,
                "the join baseline counts other lines than hcpcs_is_valid_on"
            );
            assert!(u > 0);
            g.bench_function(BenchmarkId::new("is_valid_on_udf", partitions), |b| {
                b.iter(|| count(&rt, &ctx, UDF))
            });
            g.bench_function(BenchmarkId::new("is_valid_on_join", partitions), |b| {
                b.iter(|| count(&rt, &ctx, JOIN))
            });
            g.bench_function(BenchmarkId::new("validation_udf", partitions), |b| {
                b.iter(|| {
                    rt.block_on(async {
                        let b = ctx.sql(&validation).await.unwrap().collect().await.unwrap();
                        assert_eq!(b[0].num_rows(), 1);
                        b[0].column(0).len()
                    })
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
