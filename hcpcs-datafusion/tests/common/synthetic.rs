//! Synthetic claim lines, seeded: no real patient data, only codes, modifiers, units and dates drawn
//! from the compiled tables and from deliberate mistakes. Shared by the example, the benchmark and the
//! tests (`#[path]`-included).

#![allow(dead_code)]

use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, Date32Builder, Int32Builder, Int64Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use hcpcs::NaiveDate;

/// SplitMix64: a small, fast, seedable generator (no dependency for test data).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// The lines' schema: what a claims extract has.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("claim_id", DataType::Int64, false),
        Field::new("line", DataType::Int32, false),
        Field::new("code", DataType::Utf8, true),
        Field::new("modifier", DataType::Utf8, true),
        Field::new("dos", DataType::Date32, true),
        Field::new("units", DataType::Int32, true),
    ]))
}

/// The pools the lines are drawn from, taken from the compiled tables once.
pub struct Pools {
    /// Level II codes of the current release, not terminated.
    active: Vec<String>,
    /// Codes terminated on or before 2026-01-01, with their termination date.
    terminated: Vec<(String, NaiveDate)>,
    /// (add-on, primary) pairs of add-on edits in force, Level II both.
    add_ons: Vec<(String, String)>,
    /// Codes with an MUE, with it.
    mue: Vec<(String, u32)>,
    /// Level II modifiers of the release.
    modifiers: Vec<String>,
}

/// First and last date of service drawn: 2025-10-01 to 2026-06-30.
pub const FIRST_DAY: i32 = 20_362;
pub const LAST_DAY: i32 = 20_634;

impl Pools {
    pub fn new() -> Pools {
        let jan = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut active = Vec::new();
        let mut terminated = Vec::new();
        for r in hcpcs::procedures() {
            // Codes billed in the ordinary way: an MUE of 0 (not payable to a practitioner) or 1
            // would make most lines with a few units findings.
            let mue_ok = hcpcs::mue::get(r.code())
                .ok()
                .flatten()
                .is_none_or(|m| m.value() >= 3);
            match r.terminated() {
                None if mue_ok => active.push(r.code().to_string()),
                None => {}
                Some(t) if t <= jan => terminated.push((r.code().to_string(), t)),
                Some(_) => {}
            }
        }
        let add_ons = hcpcs::add_on::all()
            .filter(|e| e.deleted().is_none())
            .filter_map(|e| Some((e.add_on().to_string(), e.primary()?.to_string())))
            .collect();
        let mue = hcpcs::mue::all()
            .filter(|(_, m)| m.value() > 0)
            .map(|(c, m)| (c.to_string(), m.value()))
            .collect();
        let modifiers = hcpcs::modifiers()
            .filter(|r| r.terminated().is_none())
            .map(|r| r.code().to_string())
            .collect();
        Pools {
            active,
            terminated,
            add_ons,
            mue,
            modifiers,
        }
    }
}

impl Default for Pools {
    fn default() -> Self {
        Pools::new()
    }
}

/// Writes `lines` claim lines, `batch` at a time, to `sink`; `progress` is told the lines written so
/// far after each batch.
pub fn generate(
    pools: &Pools,
    seed: u64,
    lines: usize,
    batch: usize,
    mut sink: impl FnMut(RecordBatch),
    mut progress: impl FnMut(usize),
) {
    let mut rng = Rng::new(seed);
    let mut written = 0;
    let mut claim: i64 = 0;
    let mut left_in_claim = 0;
    let mut claim_day = FIRST_DAY;
    let mut line_no = 0;
    // An add-on's primary, owed to the next line of the same claim.
    let mut owed: Option<String> = None;
    while written < lines {
        let n = batch.min(lines - written);
        let mut claim_id = Int64Builder::with_capacity(n);
        let mut line = Int32Builder::with_capacity(n);
        let mut code = StringBuilder::with_capacity(n, n * 6);
        let mut modifier = StringBuilder::with_capacity(n, n);
        let mut dos = Date32Builder::with_capacity(n);
        let mut units = Int32Builder::with_capacity(n);
        for _ in 0..n {
            if left_in_claim == 0 {
                claim += 1;
                left_in_claim = 1 + rng.below(6);
                claim_day = FIRST_DAY + rng.below((LAST_DAY - FIRST_DAY + 1) as usize) as i32;
                line_no = 0;
                owed = None;
            }
            left_in_claim -= 1;
            line_no += 1;
            let mut day = claim_day;
            let mut u = 1 + rng.below(3) as i32;
            let c: Option<String> = if let Some(p) = owed.take() {
                Some(p)
            } else {
                match rng.below(1000) {
                    // Terminated codes, billed after their termination date.
                    0..=29 => {
                        let (c, t) = rng.pick(&pools.terminated);
                        let t = date32(*t);
                        day = day.max(t + 1 + rng.below(90) as i32);
                        Some(c.clone())
                    }
                    // Lowercase or padded.
                    30..=69 => Some(rng.pick(&pools.active).to_lowercase()),
                    70..=99 => Some(format!(" {} ", rng.pick(&pools.active))),
                    // Unknown Level II codes (a letter and four digits no release has).
                    100..=119 => {
                        let c = format!(
                            "{}{:04}",
                            rng.pick(&['A', 'E', 'G', 'J', 'L', 'Z']),
                            rng.below(10_000)
                        );
                        Some(c)
                    }
                    // CPT-shaped.
                    120..=219 => Some(format!("{:05}", 10_000 + rng.below(90_000))),
                    220..=224 => Some(format!("{:04}T", rng.below(1000))),
                    // Malformed.
                    225..=234 => Some(
                        rng.pick(&["Q20X7", "", "G01051", "12-34", "J 0585", "Z", "NDC12345"])
                            .to_string(),
                    ),
                    235..=239 => None,
                    // Add-on codes: with their primary on the next line (when the claim has one)
                    // or alone.
                    240..=269 => {
                        let (a, p) = rng.pick(&pools.add_ons);
                        if left_in_claim > 0 && rng.percent(60) {
                            owed = Some(p.clone());
                        }
                        Some(a.clone())
                    }
                    // Units above the MUE.
                    270..=309 => {
                        let (c, m) = rng.pick(&pools.mue);
                        u = *m as i32 + 1 + rng.below(5) as i32;
                        Some(c.clone())
                    }
                    _ => Some(rng.pick(&pools.active).clone()),
                }
            };
            let m: Option<String> = match rng.below(100) {
                0..=69 => None,
                70..=89 => Some(rng.pick(&pools.modifiers).clone()),
                90..=94 => Some(rng.pick(&["25", "59", "76", "91"]).to_string()),
                95..=96 => Some(rng.pick(&["Q9", "ZZ", "T9", "XQ"]).to_string()),
                97 => Some(rng.pick(&["5", "ABC", "-", "L T"]).to_string()),
                _ => Some(String::new()),
            };
            claim_id.append_value(claim);
            line.append_value(line_no);
            code.append_option(c.as_deref());
            modifier.append_option(m.as_deref());
            if rng.below(1000) == 0 {
                dos.append_null();
            } else {
                dos.append_value(day);
            }
            units.append_value(u);
        }
        let cols: Vec<ArrayRef> = vec![
            Arc::new(claim_id.finish()),
            Arc::new(line.finish()),
            Arc::new(code.finish()),
            Arc::new(modifier.finish()),
            Arc::new(dos.finish()),
            Arc::new(units.finish()),
        ];
        sink(RecordBatch::try_new(schema(), cols).expect("the schema's columns"));
        written += n;
        progress(written);
    }
}

/// A date as Arrow's `Date32`.
pub fn date32(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

/// Every line in memory, as batches of `batch` lines.
pub fn batches(seed: u64, lines: usize, batch: usize) -> Vec<RecordBatch> {
    let pools = Pools::new();
    let mut out = Vec::new();
    generate(&pools, seed, lines, batch, |b| out.push(b), |_| {});
    out
}
