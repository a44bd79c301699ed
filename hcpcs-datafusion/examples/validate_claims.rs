//! Checks a year's worth of claim lines in SQL, the way a data team would:
//!
//! ```text
//! cargo run --release -p hcpcs-datafusion --example validate_claims -- [--lines N] [--seed S]
//!     [--out FILE.parquet] [--partitions P]
//! ```
//!
//! 1. Writes a synthetic claim-line Parquet file (seeded, default 10,000,000 lines; no real patient
//!    data: codes, modifiers, units and dates drawn from the compiled tables and from deliberate
//!    mistakes: terminated codes billed after termination, lowercase and padded codes, unknown codes,
//!    CPT-shaped codes, malformed text, add-on codes without their primary, units above the MUE,
//!    dates of service from 2025-10-01 to 2026-06-30).
//! 2. Registers the hcpcs functions and the file in a DataFusion session.
//! 3. Runs `hcpcs_datafusion::validation_sql` and prints the count of lines in every problem class.

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::Int64Type;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

struct Args {
    lines: usize,
    seed: u64,
    out: PathBuf,
    partitions: Option<usize>,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: validate_claims [--lines N] [--seed S] [--out FILE.parquet] [--partitions P]"
    );
    ExitCode::from(2)
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        lines: 10_000_000,
        seed: 2026,
        out: PathBuf::new(),
        partitions: None,
    };
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--lines" => {
                a.lines = value("--lines")?
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("--lines: {e}"))?
            }
            "--seed" => {
                a.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--partitions" => {
                a.partitions = Some(
                    value("--partitions")?
                        .parse()
                        .map_err(|e| format!("--partitions: {e}"))?,
                )
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if a.lines == 0 {
        return Err("--lines must be at least 1".into());
    }
    a.out = out.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("hcpcs-claims-{}-{}.parquet", a.lines, a.seed))
    });
    Ok(a)
}

fn write_parquet(a: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let file = File::create(&a.out)?;
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(1 << 20))
        .build();
    let mut writer = ArrowWriter::try_new(file, synthetic::schema(), Some(props))?;
    let pools = synthetic::Pools::new();
    let mut error = None;
    let mut next_report = 0;
    let tty = std::io::stderr().is_terminal();
    synthetic::generate(
        &pools,
        a.seed,
        a.lines,
        64 * 1024,
        |b| {
            if error.is_none() {
                error = writer.write(&b).err();
            }
        },
        |done| {
            // Progress every tenth: on one line on a terminal, a line each otherwise (a log).
            if done * 10 >= next_report * a.lines {
                let pct = done * 100 / a.lines;
                if tty {
                    eprint!("\r  writing {}: {pct:>3}%", a.out.display());
                    let _ = std::io::stderr().flush();
                } else {
                    eprintln!("  writing {}: {pct:>3}%", a.out.display());
                }
                next_report = done * 10 / a.lines + 1;
            }
        },
    );
    if let Some(e) = error {
        return Err(e.into());
    }
    writer.close()?;
    let size = std::fs::metadata(&a.out)?.len();
    if tty {
        eprintln!();
    }
    eprintln!(
        "  wrote {} lines to {} ({:.1} MB) in {:.1} s",
        a.lines,
        a.out.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    eprintln!("1/3 synthetic claim lines (seed {})", a.seed);
    write_parquet(&a)?;

    eprintln!("2/3 registering the hcpcs functions and the file");
    let mut config = SessionConfig::new();
    if let Some(p) = a.partitions {
        config = config.with_target_partitions(p);
    }
    let partitions = config.target_partitions();
    let ctx = SessionContext::new_with_config(config);
    hcpcs_datafusion::register(&ctx);
    ctx.register_parquet(
        "claim_lines",
        a.out.to_str().ok_or("the output path is not UTF-8")?,
        ParquetReadOptions::default(),
    )
    .await?;

    eprintln!("3/3 validating ({partitions} partitions) ...");
    let started = Instant::now();
    // Progress while the query runs: the elapsed time every 2 seconds.
    let ticker = tokio::spawn(async move {
        let mut s = 0;
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            s += 2;
            eprintln!("  ... {s} s");
        }
    });
    let batches = ctx
        .sql(&hcpcs_datafusion::validation_sql("claim_lines"))
        .await?
        .collect()
        .await;
    ticker.abort();
    let batches = batches?;
    let secs = started.elapsed().as_secs_f64();
    let row = batches
        .iter()
        .find(|b| b.num_rows() == 1)
        .ok_or("the validation query returned no row")?;
    let count = |name: &str| -> Result<i64, Box<dyn std::error::Error>> {
        let col = row
            .column_by_name(name)
            .ok_or_else(|| format!("no column {name}"))?;
        let col = col
            .as_primitive_opt::<Int64Type>()
            .ok_or("a count is not BIGINT")?;
        Ok(if col.is_null(0) { 0 } else { col.value(0) })
    };
    let lines = count("lines")?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<28} {:>12} {:>8}  meaning",
        "finding", "lines", "share"
    )?;
    for (class, meaning) in hcpcs_datafusion::FINDINGS {
        let n = count(class)?;
        writeln!(
            out,
            "{class:<28} {n:>12} {:>7.3}%  {meaning}",
            n as f64 * 100.0 / lines.max(1) as f64
        )?;
    }
    writeln!(out, "{:<28} {lines:>12}", "lines checked")?;
    eprintln!(
        "validated {lines} lines in {secs:.2} s ({:.1} million lines/s, {partitions} partitions)",
        lines as f64 / secs / 1e6
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("validate_claims: {e}");
            return usage();
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`| head`) is not a failure.
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("validate_claims: {e}");
            ExitCode::FAILURE
        }
    }
}
