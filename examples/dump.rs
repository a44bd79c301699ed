//! Writes every record of the release (procedures, then modifiers, each in code order) as JSON lines.
//!
//! ```text
//! cargo run --example dump > hcpcs.jsonl
//! ```

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for r in hcpcs::records() {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
