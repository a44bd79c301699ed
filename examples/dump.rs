//! Writes every record of the release (procedures, then modifiers, each in code order) as JSON lines.
//!
//! ```text
//! cargo run --example dump > hcpcs.jsonl
//! ```

use std::io::{BufWriter, ErrorKind, Write};
use std::process::ExitCode;

fn write_all() -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for r in hcpcs::records() {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn main() -> ExitCode {
    match write_all() {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe (`dump | head`): stop quietly, as command-line tools do.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump: {e}");
            ExitCode::FAILURE
        }
    }
}
