//! Validates claim lines: `cargo run --example validate_claims -- [FILE] [--json]`.
//!
//! Reads claim-line CSV (header `claim_id,code,modifiers,date_of_service,units`; from FILE, or standard
//! input) and writes one finding per problem as CSV (`line,claim_id,code,finding,detail`) or, with
//! `--json`, as JSON lines; a summary (lines, claims, findings by kind, time) goes to standard error.
//! A line that is not a claim line is a `bad_line` finding with its number. Exit status: 0 when the
//! input was read (findings or not), 2 for a missing header or an unreadable file.
//!
//! ```text
//! cargo run --example validate_claims -- data/sample_claims.csv
//! ```

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, ErrorKind, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use hcpcs::claims::{self, Finding, FindingKind};

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write(
    findings: &[Finding],
    by_line: &HashMap<usize, (&str, &str)>,
    json: bool,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    if !json {
        writeln!(out, "line,claim_id,code,finding,detail")?;
    }
    for f in findings {
        let (claim, code) = by_line.get(&f.line).copied().unwrap_or(("", ""));
        if json {
            let v = serde_json::json!({
                "line": f.line, "claim_id": claim, "code": code.trim(),
                "finding": f.kind.name(), "detail": f.detail,
            });
            writeln!(out, "{v}")?;
        } else {
            writeln!(
                out,
                "{},{},{},{},{}",
                f.line,
                csv_field(claim),
                csv_field(code.trim()),
                f.kind,
                csv_field(&f.detail)
            )?;
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    common::quiet_on_closed_pipe();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.len() > 1 || args.iter().any(|a| a.starts_with("--") && a != "--json") {
        eprintln!("usage: validate_claims [FILE] [--json]   (FILE: claim-line CSV, {}; default standard input)", claims::CSV_HEADER);
        return ExitCode::from(2);
    }
    let start = Instant::now();
    let mut text = String::new();
    let read = match files.first() {
        Some(f) => std::fs::read_to_string(f).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!(
            "validate_claims: cannot read {}: {e}",
            files.first().map_or("standard input", |f| f.as_str())
        );
        return ExitCode::from(2);
    }
    let batch = match claims::read_csv(&text) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("validate_claims: {e}");
            return ExitCode::from(2);
        }
    };
    let mut findings = claims::check_all(&batch.lines);
    findings.extend(batch.bad.iter().cloned());
    findings.sort_by_key(|f| (f.line, f.kind));
    let by_line: HashMap<usize, (&str, &str)> = batch
        .lines
        .iter()
        .map(|l| (l.number, (l.claim, l.code)))
        .collect();
    match write(&findings, &by_line, json) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("validate_claims: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut counts: BTreeMap<FindingKind, usize> = BTreeMap::new();
    for f in &findings {
        *counts.entry(f.kind).or_default() += 1;
    }
    let claims: std::collections::HashSet<&str> = batch.lines.iter().map(|l| l.claim).collect();
    eprintln!(
        "validate_claims: {} lines ({} claims, {} not claim lines), {} findings, {:.2} s; HCPCS release {}, fee schedule {}, MUE {}, add-on edits {}{}",
        batch.lines.len() + batch.bad.len(),
        claims.len(),
        batch.bad.len(),
        findings.len(),
        start.elapsed().as_secs_f64(),
        hcpcs::release().name(),
        hcpcs::fee_schedule::release().name(),
        hcpcs::mue::release().name(),
        hcpcs::add_on::release().name(),
        if hcpcs::has_cpt_rows() { "" } else { " (no CPT rows: feature cpt)" }
    );
    for kind in FindingKind::ALL {
        eprintln!(
            "  {:<24} {}",
            kind.name(),
            counts.get(&kind).copied().unwrap_or(0)
        );
    }
    ExitCode::SUCCESS
}
