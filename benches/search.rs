//! Description search against the scan a user writes instead (every description lower-cased once at
//! start-up, then `contains` for every query word), on the same queries, in one run. Criterion medians,
//! and p50 / p99 latency per query class printed as a table.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};

const ONE: &[&str] = &[
    "afamitresgene",
    "nivolumab",
    "wheelchair",
    "insulin",
    "ostomy",
    "catheters",
    "oxygen",
    "hospice",
];
const TWO: &[&str] = &[
    "hospital bed",
    "oxygen concentrator",
    "breast pump",
    "glucose monitor",
    "left side",
    "ground mileage",
    "commode chair",
    "patient lift",
];
const THREE: &[&str] = &[
    "wheelchair seat cushion",
    "portable oxygen concentrator",
    "blood glucose monitor",
    "hepatitis b vaccine",
    "home health aide",
    "power wheelchair battery",
    "speech generating device",
    "insulin infusion pump",
];
const PREFIX: &[&str] = &[
    "wheelch",
    "power wheelch",
    "oxy",
    "insulin pu",
    "cath",
    "glucose mon",
    "E26",
    "q20",
];

/// The baseline: lower-cased descriptions, scanned with `contains` for every word of the query.
struct Scan(Vec<(&'static hcpcs::Record, String)>);

impl Scan {
    fn new() -> Scan {
        Scan(
            hcpcs::records()
                .map(|r| {
                    let text = format!(
                        "{} {} {}",
                        r.code(),
                        r.short_description().unwrap_or(""),
                        r.long_description().unwrap_or("")
                    );
                    (r, text.to_lowercase())
                })
                .collect(),
        )
    }

    fn search(&self, q: &str) -> usize {
        let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
        self.0
            .iter()
            .filter(|(_, t)| words.iter().all(|w| t.contains(w.as_str())))
            .take(10)
            .count()
    }
}

fn percentiles(mut ns: Vec<u128>) -> (u128, u128) {
    ns.sort_unstable();
    let at = |p: f64| ns[((ns.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.99))
}

/// p50 and p99 of single queries, each query of a class run 2,000 times.
fn latency_table(scan: &Scan) {
    println!("\nclass     | hcpcs p50 | hcpcs p99 | scan p50 | scan p99 | p50 speed-up");
    for (name, qs) in [
        ("1 word", ONE),
        ("2 words", TWO),
        ("3 words", THREE),
        ("prefix", PREFIX),
    ] {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..2_000 {
            for q in qs {
                let t = Instant::now();
                black_box(hcpcs::search::search(black_box(q)).len());
                ours.push(t.elapsed().as_nanos());
            }
        }
        for _ in 0..50 {
            for q in qs {
                let t = Instant::now();
                black_box(scan.search(black_box(q)));
                theirs.push(t.elapsed().as_nanos());
            }
        }
        let (o50, o99) = percentiles(ours);
        let (t50, t99) = percentiles(theirs);
        println!(
            "{name:<9} | {:>6.1} µs | {:>6.1} µs | {:>6.1} µs | {:>6.1} µs | {:>5.0}×",
            o50 as f64 / 1e3,
            o99 as f64 / 1e3,
            t50 as f64 / 1e3,
            t99 as f64 / 1e3,
            t50 as f64 / o50 as f64
        );
    }
    println!();
}

fn bench(c: &mut Criterion) {
    let scan = Scan::new();
    latency_table(&scan);
    for (name, qs) in [
        ("one_word", ONE),
        ("two_words", TWO),
        ("three_words", THREE),
        ("prefix", PREFIX),
    ] {
        let mut g = c.benchmark_group(format!("search_{name}"));
        g.bench_function("hcpcs", |b| {
            b.iter(|| {
                qs.iter()
                    .map(|q| hcpcs::search::search(black_box(q)).len())
                    .sum::<usize>()
            })
        });
        g.sample_size(10);
        g.bench_function("scan", |b| {
            b.iter(|| qs.iter().map(|q| scan.search(black_box(q))).sum::<usize>())
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
