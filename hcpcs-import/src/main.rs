//! `hcpcs-import <CMS data directory> [--out DIR] [--check]`: writes the `hcpcs` crate's `data/` from
//! the CMS downloads (README.md, "Updating to a new CMS release"). With `--check` it writes nothing and
//! exits 1 if `data/` differs from what the downloads give.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: hcpcs-import <CMS data directory> [--out DIR] [--check]\n\
  The CMS data directory holds hcpcs/, pfs-rvu/, ncci-mue/ and ncci-aoc/, each with one YYYY-MM\n\
  folder per release. DIR defaults to the hcpcs crate's data/.";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut cms, mut out, mut check) = (None, None, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--out" => out = args.next().map(PathBuf::from),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if cms.is_none() && !a.starts_with('-') => cms = Some(PathBuf::from(a)),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(cms) = cms else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let out = out.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data"));
    let files = match hcpcs_import::import(&cms) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot import {}:\n  {e}", cms.display());
            return ExitCode::FAILURE;
        }
    };
    if check {
        let differ = hcpcs_import::drift(&out, &files);
        if differ.is_empty() {
            println!(
                "{}: up to date with {} ({} files)",
                out.display(),
                cms.display(),
                files.len()
            );
            return ExitCode::SUCCESS;
        }
        for p in differ {
            eprintln!("differs: {}", out.join(p).display());
        }
        return ExitCode::FAILURE;
    }
    if let Err(e) = hcpcs_import::write(&out, &files) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for f in &files {
        println!(
            "wrote {} ({} bytes)",
            out.join(&f.path).display(),
            f.text.len()
        );
    }
    ExitCode::SUCCESS
}
