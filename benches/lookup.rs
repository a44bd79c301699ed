//! Look-up speed of the compiled tables against what a user would write instead: a `HashMap` and a
//! sorted `Vec` filled at start-up from the same CMS file with the project's own parser.
//!
//! Input: every code of the release in a fixed shuffled order, plus 10% well-formed codes that are not
//! in the set (Level II codes CMS has not defined and CPT codes), as `&str` slices of one buffer (as a
//! claims parser would hand them over, from the line it read). Each measurement runs over the whole
//! input; criterion's throughput line gives look-ups per second (ns per look-up = 1000 / Melem/s).
//!
//! ```text
//! cargo bench --bench lookup
//! ```

use std::collections::HashMap;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use hcpcs::Code;
use hcpcs_core::rows::SourceRecord;

mod common;
use common::Rng;

/// Every real code plus 10% well-formed misses, shuffled.
fn inputs() -> Vec<String> {
    let mut rng = Rng(2026);
    let mut codes: Vec<String> = hcpcs::records().map(|r| r.code().to_string()).collect();
    let misses = codes.len() / 10;
    let mut added = 0;
    while added < misses {
        let n = rng.next();
        let s = if n.is_multiple_of(4) {
            format!("{:05}", (n >> 8) % 100_000) // CPT Category I shape
        } else {
            format!(
                "{}{:04}",
                (b'A' + ((n >> 8) % 26) as u8) as char,
                (n >> 16) % 10_000
            )
        };
        if !hcpcs::contains(&s) {
            codes.push(s);
            added += 1;
        }
    }
    for i in (1..codes.len()).rev() {
        codes.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    codes
}

/// The CMS file of the compiled release, which the baselines read as a user's program would
/// (`../shared/data/hcpcs/<release>/`, or `HCPCS_CPT_DATA_DIR`).
fn source() -> (Vec<u8>, String, std::path::PathBuf) {
    let dir = std::env::var_os("HCPCS_CPT_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data").into());
    let r = hcpcs::release();
    let path = dir.join("hcpcs").join(r.name()).join(r.source_file());
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the baselines read the CMS file {}: {e}", path.display()));
    (bytes, r.source_file().to_string(), path)
}

fn parse(bytes: &[u8], name: &str) -> Vec<SourceRecord> {
    if name.ends_with(".xlsx") {
        hcpcs_import::cms::level2_xlsx::parse(bytes, name).expect("the CMS file parses")
    } else {
        hcpcs_import::cms::level2_text::parse(bytes, name).expect("the CMS file parses")
    }
}

fn fill_hashmap(records: Vec<SourceRecord>) -> HashMap<String, SourceRecord> {
    records
        .into_iter()
        .map(|r| (r.code.to_string(), r))
        .collect()
}

fn fill_sorted(records: Vec<SourceRecord>) -> Vec<(String, SourceRecord)> {
    let mut v: Vec<(String, SourceRecord)> = records
        .into_iter()
        .map(|r| (r.code.to_string(), r))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// The sorted-`Vec` baseline's look-up: a binary search on the code string.
fn sorted_get<'a>(sorted: &'a [(String, SourceRecord)], code: &str) -> Option<&'a SourceRecord> {
    let i = sorted
        .binary_search_by(|(k, _)| k.as_str().cmp(code))
        .ok()?;
    sorted.get(i).map(|(_, r)| r)
}

fn valid_on(r: &SourceRecord, d: NaiveDate) -> bool {
    r.added <= d && r.terminated.is_none_or(|t| d <= t)
}

fn benches(c: &mut Criterion) {
    let owned = inputs();
    let buffer: String = owned.concat();
    let mut input: Vec<&str> = Vec::with_capacity(owned.len());
    let mut at = 0;
    for s in &owned {
        input.push(&buffer[at..at + s.len()]);
        at += s.len();
    }
    let typed: Vec<Code> = input
        .iter()
        .map(|s| s.parse().expect("well-formed"))
        .collect();
    let (bytes, name, file) = source();
    let path = name.as_str();
    let map = fill_hashmap(parse(&bytes, path));
    let typed_map: HashMap<Code, &SourceRecord> = map.values().map(|r| (r.code, r)).collect();
    let sorted = fill_sorted(parse(&bytes, path));
    let date = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
    let n = input.len() as u64;

    let mut g = c.benchmark_group("a_lookup_str");
    g.throughput(Throughput::Elements(n));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            input
                .iter()
                .filter_map(|s| hcpcs::get(black_box(s)))
                .count()
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| input.iter().filter_map(|s| map.get(black_box(*s))).count())
    });
    g.bench_function("sorted_vec", |b| {
        b.iter(|| {
            input
                .iter()
                .filter_map(|s| sorted_get(&sorted, black_box(s)))
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("b_lookup_typed");
    g.throughput(Throughput::Elements(n));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            typed
                .iter()
                .filter_map(|&c| hcpcs::record(black_box(c)))
                .count()
        })
    });
    g.bench_function("hcpcs_phf_only", |b| {
        b.iter(|| {
            typed
                .iter()
                .filter_map(|&c| match c {
                    Code::Procedure(p) => hcpcs::procedure_via_phf(black_box(p)),
                    Code::Modifier(m) => hcpcs::modifier(black_box(m)),
                })
                .count()
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            typed
                .iter()
                .filter_map(|c| typed_map.get(black_box(c)))
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("c_contains");
    g.throughput(Throughput::Elements(n));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| hcpcs::contains(black_box(s)))
                .count()
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| map.contains_key(black_box(**s)))
                .count()
        })
    });
    g.bench_function("sorted_vec", |b| {
        b.iter(|| {
            input
                .iter()
                .filter_map(|s| sorted_get(&sorted, black_box(s)))
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("d_parse");
    g.throughput(Throughput::Elements(n));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| Code::parse(black_box(s)).is_ok())
                .count()
        })
    });
    g.bench_function("string_normalise", |b| {
        b.iter(|| {
            input
                .iter()
                .map(|s| black_box(s).trim().to_ascii_uppercase())
                .filter(|s| s.len() == 5)
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("e_valid_on_date");
    g.throughput(Throughput::Elements(n));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| hcpcs::is_valid_on(black_box(s), date))
                .count()
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| map.get(black_box(**s)).is_some_and(|r| valid_on(r, date)))
                .count()
        })
    });
    g.bench_function("sorted_vec", |b| {
        b.iter(|| {
            input
                .iter()
                .filter(|s| sorted_get(&sorted, black_box(s)).is_some_and(|r| valid_on(r, date)))
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("f_iterate");
    g.throughput(Throughput::Elements(hcpcs::records().count() as u64));
    g.bench_function("hcpcs", |b| {
        b.iter(|| hcpcs::records().filter(|r| r.is_valid_on(date)).count())
    });
    g.bench_function("sorted_vec", |b| {
        b.iter(|| sorted.iter().filter(|(_, r)| valid_on(r, date)).count())
    });
    g.finish();

    // The OPPS status indicator of a code (newest quarter), against a HashMap filled from the same
    // Addendum B extract.
    let opps_rows = {
        let dir = source()
            .2
            .parent()
            .and_then(|p| p.parent())
            .and_then(|p| p.parent())
            .map(|d| {
                d.join("opps-addendum-b")
                    .join(hcpcs::opps::release().name())
            });
        let dir = dir.expect("the CMS data directory");
        let file = std::fs::read_dir(&dir)
            .expect("the OPPS folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "csv"))
            .expect("the extract");
        hcpcs_import::cms::opps::parse(&std::fs::read(&file).expect("read"), "opps").expect("parse")
    };
    let opps_map: HashMap<String, hcpcs_core::opps::StatusIndicator> = opps_rows
        .iter()
        .map(|r| (r.code.to_string(), r.status_indicator))
        .collect();
    let mut g = c.benchmark_group("h_opps_status_indicator");
    g.throughput(Throughput::Elements(input.len() as u64));
    g.bench_function("hcpcs", |b| {
        b.iter(|| {
            input
                .iter()
                .filter_map(|s| hcpcs::opps::get(black_box(s)).ok().flatten())
                .map(|e| e.status_indicator().index() as usize)
                .sum::<usize>()
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            input
                .iter()
                .filter_map(|s| opps_map.get(black_box(*s)))
                .map(|si| si.index() as usize)
                .sum::<usize>()
        })
    });
    g.finish();

    // The start-up cost every process pays without compiled tables.
    let mut g = c.benchmark_group("g_startup_fill");
    g.sample_size(10);
    g.bench_function("hcpcs", |b| {
        b.iter(|| black_box(hcpcs::get("Q2057")).is_some())
    });
    g.bench_function("hashmap_read_parse_fill", |b| {
        b.iter_batched(
            || (),
            |()| fill_hashmap(parse(&std::fs::read(&file).expect("read"), path)),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("hashmap_fill_only", |b| {
        b.iter_batched(
            || parse(&bytes, path),
            fill_hashmap,
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sorted_vec_fill_only", |b| {
        b.iter_batched(|| parse(&bytes, path), fill_sorted, BatchSize::PerIteration)
    });
    g.finish();
}

criterion_group!(lookup, benches);
criterion_main!(lookup);
