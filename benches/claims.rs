//! How long the `validate_claims` job takes for a million claim lines: reading the CSV and checking
//! every claim (`hcpcs::claims::read_csv` + `check_all`), on synthetic lines made here from the
//! compiled codes (no real patient data).

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;
use common::Rng;

/// `n` claim lines in claims of 1-4 lines: current and terminated Level II codes, lower-case and padded
/// codes, CPT-shaped and malformed codes, modifiers, units, dates across 2025-10 .. 2026-03.
fn synthetic(n: usize) -> String {
    let codes: Vec<String> = hcpcs::procedures().map(|r| r.code().to_string()).collect();
    let mods = ["", "", "", "LT", "RT", "59", "26", "TC", "ZZ", "GA GY"];
    let mut rng = Rng(2026);
    let mut out = String::with_capacity(n * 40);
    out.push_str(hcpcs::claims::CSV_HEADER);
    out.push('\n');
    let (mut line, mut claim) = (0, 0);
    while line < n {
        claim += 1;
        let day = 1 + rng.next() % 180;
        let date = hcpcs::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap() + chrono::Days::new(day);
        for _ in 0..1 + rng.next() % 4 {
            let r = rng.next();
            let code = match r % 20 {
                0 => "99213".to_string(),
                1 => "Q20X7".to_string(),
                2 => format!(
                    " {} ",
                    codes[(r >> 8) as usize % codes.len()].to_lowercase()
                ),
                _ => codes[(r >> 8) as usize % codes.len()].clone(),
            };
            let m = mods[(r >> 32) as usize % mods.len()];
            let _ = writeln!(out, "C{claim:08},{code},{m},{date},{}", 1 + (r >> 40) % 3);
            line += 1;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = synthetic(1_000_000);
    let mut g = c.benchmark_group("validate_claims");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("read_and_check_1m_lines", |b| {
        b.iter(|| {
            let batch = hcpcs::claims::read_csv(black_box(&text)).expect("header");
            black_box(hcpcs::claims::check_all(&batch.lines).len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
