//! Compiles the CMS HCPCS source files into static tables (`$OUT_DIR/hcpcs_tables.rs`).
//!
//! Inputs (each overridable by an environment variable; see README.md):
//! - `HCPCS_DATA_DIR`: the CMS data directory (default `../shared/data` beside the crate).
//! - `HCPCS_ANWEB_FILE`: the fixed-width ANWEB text file (default: the newest `hcpcs/*/` folder of the
//!   data directory that has a `*_ANWEB_*.txt`).
//! - `HCPCS_PROC_NOTES_FILE`: the processing notes (default: the one `proc_notes_*.txt` beside the ANWEB file).
//! - `HCPCS_NOC_FILE`: the NOC code list (default: the one `NOC codes_*.xlsx` beside the ANWEB file).
//! - `HCPCS_RELEASE_EFFECTIVE`: the release's effective date, `YYYY-MM-DD`, for a file whose name does
//!   not follow CMS's `HCPC<year>_<MON>_ANWEB[_<MMDDYYYY>].txt` pattern.
//! - `HCPCS_PFS_FILE`, `HCPCS_MUE_FILE`, `HCPCS_AOC_FILE`: the fee-schedule relative value file
//!   (`PPRRVU*.csv`), the MUE table (`*MUE*.csv`) and the add-on code edits (`AOC_*.xlsx`); default: the
//!   newest folder of `pfs-rvu/`, `ncci-mue/`, `ncci-aoc/` in the data directory.
//!
//! Feature `cpt` (`CARGO_FEATURE_CPT`): also compile the fee-schedule, MUE and add-on rows of CPT (Level I)
//! and CDT (D) codes. Descriptions of those codes are never embedded, with or without it.
//!
//! Every field of every record is checked by `hcpcs_core::source`; a bad record stops the build with
//! the file, line, field and offending text. The output is data: one string blob, one fixed-width byte
//! string per record, and `phf` maps from packed code to record index.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use hcpcs_core::code::Code;
use hcpcs_core::packed::{self as pk, Raw};
use hcpcs_core::source::{
    self, fixed_width, fixed_width::SourceRecord, noc, notes, ErrorKind, SourceError,
};

const ENV_VARS: [&str; 9] = [
    "HCPCS_DATA_DIR",
    "HCPCS_ANWEB_FILE",
    "HCPCS_PROC_NOTES_FILE",
    "HCPCS_NOC_FILE",
    "HCPCS_RELEASE_EFFECTIVE",
    "HCPCS_PFS_FILE",
    "HCPCS_MUE_FILE",
    "HCPCS_AOC_FILE",
    "HCPCS_RELEASES",
];

fn main() {
    if let Err(e) = run() {
        eprintln!("\nerror: the hcpcs tables cannot be built from the CMS files:\n  {e}\n");
        std::process::exit(1);
    }
}

#[path = "build/datasets.rs"]
mod datasets;

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    for v in ENV_VARS {
        println!("cargo:rerun-if-env-changed={v}");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let data = env_path("HCPCS_DATA_DIR").unwrap_or_else(|| manifest.join("../shared/data"));
    // The releases to compile, oldest first; the newest is the current one.
    let mut release_files = match env_path("HCPCS_ANWEB_FILE") {
        Some(p) => vec![p],
        None => release_files(&data.join("hcpcs"))?,
    };
    let anweb_path = release_files.pop().ok_or("no HCPCS release to compile")?;
    let dir = anweb_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let notes_path = match env_path("HCPCS_PROC_NOTES_FILE") {
        Some(p) => p,
        None => only_match(&dir, "proc_notes_", ".txt", "HCPCS_PROC_NOTES_FILE")?,
    };
    let noc_path = match env_path("HCPCS_NOC_FILE") {
        Some(p) => p,
        None => only_match(&dir, "NOC codes_", ".xlsx", "HCPCS_NOC_FILE")?,
    };
    for (p, var) in [
        (&anweb_path, "HCPCS_BUILT_FROM_ANWEB"),
        (&notes_path, "HCPCS_BUILT_FROM_NOTES"),
        (&noc_path, "HCPCS_BUILT_FROM_NOC"),
    ] {
        println!("cargo:rerun-if-changed={}", p.display());
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        println!("cargo:rustc-env={var}={}", abs.display());
    }
    let name = |p: &Path| p.display().to_string();
    let records = parse_release(&anweb_path)?;
    let mut older = Vec::new();
    for p in &release_files {
        println!("cargo:rerun-if-changed={}", p.display());
        older.push((Release::from_path(p)?, parse_release(p)?));
    }
    let notes = notes::parse(&source::read(&notes_path)?, &name(&notes_path))?;
    let noc = noc::parse(&source::read(&noc_path)?, &name(&noc_path))?;
    let release = Release::from_path(&anweb_path)?;
    let mut code = generate(
        &records,
        &notes,
        &noc,
        &release,
        &name(&notes_path),
        &name(&noc_path),
        &older,
    )?;
    let cpt = std::env::var_os("CARGO_FEATURE_CPT").is_some();
    datasets::generate(&mut code, &data, cpt)?;
    let out =
        PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("hcpcs_tables.rs");
    std::fs::write(&out, code).map_err(|e| format!("{}: {e}", out.display()).into())
}

/// The ANWEB source of every release folder under `hcpcs/`, oldest first: the text file where there is
/// one, else the workbook. `HCPCS_RELEASES` (folder names, comma-separated) picks some of them.
fn release_files(root: &Path) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let wanted: Option<Vec<String>> = std::env::var("HCPCS_RELEASES")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| {
            format!(
                "{}: {e} (set HCPCS_DATA_DIR or HCPCS_ANWEB_FILE)",
                root.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for d in &dirs {
        let folder = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if wanted.as_ref().is_some_and(|w| !w.contains(&folder)) {
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(d)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_uppercase())
                    .unwrap_or_default();
                n.contains("_ANWEB")
                    && !n.contains("CORRECTION")
                    && !n.contains("TRANSACTION")
                    && (n.ends_with(".TXT") || n.ends_with(".XLSX"))
            })
            .collect();
        // The text file first: it is CMS's record format; the workbook only where there is no text file.
        found.sort_by_key(|p| !p.to_string_lossy().to_lowercase().ends_with(".txt"));
        if let Some(p) = found.into_iter().next() {
            out.push(p);
        }
    }
    if let Some(w) = &wanted {
        if out.len() != w.len() {
            return Err(format!(
                "HCPCS_RELEASES={w:?}: not every folder has an ANWEB file under {}",
                root.display()
            )
            .into());
        }
    }
    if out.is_empty() {
        return Err(format!(
            "no *_ANWEB_* file in any folder of {} (set HCPCS_ANWEB_FILE)",
            root.display()
        )
        .into());
    }
    Ok(out)
}

/// Parses a release in either CMS format, by its file name's extension.
fn parse_release(p: &Path) -> Result<Vec<SourceRecord>, SourceError> {
    let bytes = source::read(p)?;
    let name = p.display().to_string();
    if name.to_lowercase().ends_with(".xlsx") {
        source::workbook::parse(&bytes, &name)
    } else {
        fixed_width::parse(&bytes, &name)
    }
}

/// The one file in `dir` whose name starts with `prefix` and ends with `suffix`.
fn only_match(dir: &Path, prefix: &str, suffix: &str, var: &str) -> Result<PathBuf, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(prefix) && n.to_lowercase().ends_with(suffix)
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no {prefix}*{suffix} file in {} (set {var})",
            dir.display()
        )),
        _ => Err(format!(
            "several {prefix}*{suffix} files in {}: {found:?} (set {var})",
            dir.display()
        )),
    }
}

/// Which CMS release the ANWEB file is, from CMS's file naming.
struct Release {
    file: String,
    /// The absolute path the build read.
    path: String,
    year: i32,
    month: u32,
    effective: u32,
    revised: u32,
}

impl Release {
    fn from_path(p: &Path) -> Result<Release, String> {
        let path = std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string();
        let file = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = Self::from_name(&file);
        let effective = match env_path("HCPCS_RELEASE_EFFECTIVE") {
            Some(v) => {
                let v = v.to_string_lossy().into_owned();
                let d = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|e| {
                    format!("HCPCS_RELEASE_EFFECTIVE={v:?}: {e} (expected YYYY-MM-DD)")
                })?;
                Some(pk::encode_date(Some(d)))
            }
            None => None,
        };
        match (parsed, effective) {
            (Some(mut r), eff) => {
                if let Some(e) = eff {
                    r.effective = e;
                }
                r.path = path;
                Ok(r)
            }
            (None, Some(e)) => {
                let d = pk::decode_date(e).ok_or("HCPCS_RELEASE_EFFECTIVE: not a date")?;
                Ok(Release { file, path, year: d.year(), month: d.month(), effective: e, revised: 0 })
            }
            (None, None) => Err(format!(
                "{file}: cannot tell the release from the file name (CMS names it HCPC<year>_<MON>_ANWEB[_<MMDDYYYY>].txt); set HCPCS_RELEASE_EFFECTIVE=YYYY-MM-DD"
            )),
        }
    }

    fn from_name(file: &str) -> Option<Release> {
        const MONTHS: [&str; 12] = [
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        ];
        let up = file.to_uppercase();
        let rest = up.strip_prefix("HCPC")?;
        let year: i32 = rest.get(..4)?.parse().ok()?;
        let rest = rest.get(4..)?.strip_prefix('_')?;
        let month = MONTHS.iter().position(|m| rest.starts_with(m))? as u32 + 1;
        let rest = rest.get(3..)?.strip_prefix("_ANWEB")?;
        let revised = match rest.strip_prefix('_').and_then(|r| r.get(..8)) {
            Some(d) if d.bytes().all(|b| b.is_ascii_digit()) => {
                let n: u32 = d.parse().ok()?;
                let (m, day, y) = (n / 1_000_000, n / 10_000 % 100, n % 10_000);
                pk::encode_date(Some(chrono::NaiveDate::from_ymd_opt(y as i32, m, day)?))
            }
            _ => 0,
        };
        Some(Release {
            file: file.to_string(),
            path: String::new(),
            year,
            month,
            effective: pk::encode_date(chrono::NaiveDate::from_ymd_opt(year, month, 1)),
            revised,
        })
    }
}

/// The string blob, with interning of repeated strings.
#[derive(Default)]
struct Blob {
    text: String,
    seen: HashMap<String, (u32, usize)>,
}

impl Blob {
    fn add(&mut self, s: &str) -> (u32, usize) {
        if let Some(&v) = self.seen.get(s) {
            return v;
        }
        let v = (self.text.len() as u32, s.len());
        self.text.push_str(s);
        self.seen.insert(s.to_string(), v);
        v
    }
}

/// Short reference strings (CIM, MCM, statute): ids 1.. into a table of blob slices.
#[derive(Default)]
struct Refs {
    list: Vec<(u32, usize)>,
    ids: HashMap<String, u16>,
}

impl Refs {
    fn id(&mut self, blob: &mut Blob, s: Option<&String>) -> u16 {
        let Some(s) = s else { return 0 };
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.list.push(blob.add(s));
        let id = self.list.len() as u16;
        self.ids.insert(s.clone(), id);
        id
    }
}

fn idx<T>(v: Option<T>, index: impl Fn(T) -> u8) -> u8 {
    v.map_or(0, |v| index(v) + 1)
}

fn encode(r: &SourceRecord, blob: &mut Blob, refs: &mut Refs, is_noc: bool) -> Raw {
    let mut raw: Raw = [0; pk::WIDTH];
    let w = &mut raw;
    pk::put_u32(w, pk::CODE, pk::encode_code(r.code));
    // CPT (AMA) and CDT (ADA) descriptions are never embedded.
    if r.code.descriptions_are_public_domain() {
        let (o, l) = blob.add(&r.long_description);
        pk::put_u32(w, pk::LONG_OFF, o);
        pk::put_u16(w, pk::LONG_LEN, l as u16);
        let (o, l) = blob.add(&r.short_description);
        pk::put_u32(w, pk::SHORT_OFF, o);
        pk::put_u8(w, pk::SHORT_LEN, l as u8);
    } else {
        pk::put_u32(w, pk::LONG_OFF, pk::NONE_OFF);
        pk::put_u32(w, pk::SHORT_OFF, pk::NONE_OFF);
    }
    for (i, p) in r.pricing_indicators.iter().enumerate() {
        pk::put_u8(w, pk::PRICING + i, p.index() + 1);
    }
    pk::put_u8(
        w,
        pk::MULTIPLE_PRICING,
        idx(r.multiple_pricing_indicator, |v| v.index()),
    );
    for i in 0..3 {
        let id = refs.id(blob, r.cim_references.get(i));
        pk::put_u16(w, pk::CIM + 2 * i, id);
        let id = refs.id(blob, r.mcm_references.get(i));
        pk::put_u16(w, pk::MCM + 2 * i, id);
    }
    let id = refs.id(blob, r.statute.as_ref());
    pk::put_u16(w, pk::STATUTE, id);
    for (i, l) in r.lab_certifications.iter().enumerate() {
        pk::put_u8(w, pk::LAB + i, l.index() + 1);
    }
    for i in 0..5 {
        pk::put_u32(
            w,
            pk::XREF + 4 * i,
            pk::encode_xref(r.cross_references.get(i).copied()),
        );
    }
    pk::put_u8(w, pk::COVERAGE, r.coverage.index() + 1);
    pk::put_u8(w, pk::ASC, idx(r.asc_group, |v| v.index()));
    pk::put_u32(w, pk::ASC_DATE, pk::encode_date(r.asc_effective_date));
    pk::put_u16(
        w,
        pk::OPPS_GROUP,
        r.opps_group.map_or(pk::NONE_U16, |g| g.number()),
    );
    pk::put_u8(
        w,
        pk::OPPS_PI,
        idx(r.opps_payment_policy_indicator, |v| v.index()),
    );
    pk::put_u32(w, pk::OPPS_DATE, pk::encode_date(r.opps_effective_date));
    pk::put_u16(w, pk::NOTE, r.processing_note.unwrap_or(0));
    pk::put_u8(w, pk::BETOS, idx(r.betos, |v| v.index()));
    for (i, t) in r.types_of_service.iter().enumerate() {
        pk::put_u8(w, pk::TOS + i, t.index() + 1);
    }
    pk::put_u16(
        w,
        pk::ANESTHESIA,
        r.anesthesia_base_units.unwrap_or(pk::NONE_U16),
    );
    pk::put_u32(w, pk::ADDED, pk::encode_date(Some(r.added)));
    pk::put_u32(
        w,
        pk::ACTION_EFFECTIVE,
        pk::encode_date(Some(r.action_effective)),
    );
    pk::put_u32(w, pk::TERMINATED, pk::encode_date(r.terminated));
    pk::put_u8(w, pk::ACTION, r.action.index() + 1);
    let mut flags = 0;
    if is_noc {
        flags |= pk::FLAG_NOC;
    }
    if matches!(r.code, Code::Modifier(_)) {
        flags |= pk::FLAG_MODIFIER;
    }
    pk::put_u8(w, pk::FLAGS, flags);
    raw
}

/// The bitmap position of a letter-first code: letter index x 10000 + its 4-digit number.
fn letter_key(packed: u32) -> Option<usize> {
    let code = hcpcs_core::code::HcpcsCode::from_u32(packed)?;
    let [a, b, c, d, e] = code.to_ascii();
    if !a.is_ascii_uppercase() {
        return None;
    }
    let n: usize = std::str::from_utf8(&[b, c, d, e]).ok()?.parse().ok()?;
    Some((a - b'A') as usize * 10_000 + n)
}

/// Writes `ctor(*b"...")`, a fixed-width record as one byte-string literal.
fn byte_literal(out: &mut String, ctor: &str, raw: &[u8]) {
    let _ = write!(out, "{ctor}(*b\"");
    for &b in raw {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push_str("\"),\n");
}

fn generate(
    records: &[SourceRecord],
    notes: &[notes::Note],
    noc: &[(hcpcs_core::code::HcpcsCode, usize)],
    release: &Release,
    notes_file: &str,
    noc_file: &str,
    older: &[(Release, Vec<SourceRecord>)],
) -> Result<String, SourceError> {
    // Sort into code order; procedures and modifiers are separate tables.
    let mut procs: BTreeMap<u32, &SourceRecord> = BTreeMap::new();
    let mut mods: BTreeMap<u32, &SourceRecord> = BTreeMap::new();
    for r in records {
        match r.code {
            Code::Procedure(c) => procs.insert(c.to_u32(), r),
            Code::Modifier(m) => mods.insert(m.to_u16() as u32, r),
        };
    }
    let noc_set: HashMap<u32, usize> = noc.iter().map(|&(c, row)| (c.to_u32(), row)).collect();
    for (&c, &row) in &noc_set {
        if !procs.contains_key(&c) {
            let code = hcpcs_core::code::HcpcsCode::from_u32(c)
                .map(|c| c.to_string())
                .unwrap_or_default();
            return Err(SourceError::new(
                ErrorKind::Structure,
                noc_file,
                Some(row),
                "HCPCS (column A)",
                code,
                "NOC code is not in the ANWEB file",
            ));
        }
    }
    let note_numbers: HashMap<u16, &notes::Note> = notes.iter().map(|n| (n.number, n)).collect();
    for r in records.iter().chain(older.iter().flat_map(|(_, rs)| rs)) {
        if let Some(n) = r.processing_note {
            if !note_numbers.contains_key(&n) {
                return Err(SourceError::new(
                    ErrorKind::Structure,
                    notes_file,
                    None,
                    "processing note",
                    format!("{n:04}"),
                    format!(
                        "record {} (ANWEB line {}) refers to a note this file does not have",
                        r.code, r.line
                    ),
                ));
            }
        }
    }

    let mut blob = Blob::default();
    let mut refs = Refs::default();
    let mut out = String::with_capacity(4 << 20);
    out.push_str("// @generated by build.rs from the CMS HCPCS source files. Do not edit.\n");
    out.push_str("use crate::record::Record as R;\n\n");
    // Each record of the current release is encoded once; the tables and the history comparison
    // below both read these bytes. A table key is a procedure's packed code, or 1 << 31 | a
    // modifier's (the keys of the older releases' override maps too).
    let key = |c: Code| match c {
        Code::Procedure(p) => p.to_u32(),
        Code::Modifier(m) => 1 << 31 | m.to_u16() as u32,
    };
    let is_noc = |c: Code| matches!(c, Code::Procedure(p) if noc_set.contains_key(&p.to_u32()));
    let mut current: HashMap<u32, Raw> = HashMap::new();
    for r in records {
        current.insert(key(r.code), encode(r, &mut blob, &mut refs, is_noc(r.code)));
    }
    let table = |name: &str, rows: &BTreeMap<u32, &SourceRecord>, out: &mut String| {
        let _ = writeln!(out, "pub(crate) static {name}: [R; {}] = [", rows.len());
        for r in rows.values() {
            if let Some(raw) = current.get(&key(r.code)) {
                byte_literal(out, "R", raw);
            }
        }
        out.push_str("];\n\n");
    };
    table("PROCEDURES", &procs, &mut out);
    table("MODIFIERS", &mods, &mut out);

    // Every procedure code in a phf map (the general index), ...
    let mut pmap = phf_codegen::Map::<u32>::new();
    for (i, c) in procs.keys().enumerate() {
        pmap.entry(*c, i.to_string());
    }
    let _ = writeln!(
        out,
        "pub(crate) static PROCEDURE_INDEX: phf::Map<u32, u16> = {};\n",
        pmap.build()
    );
    // ... and, for the letter-first codes (all of Level II), a presence bitmap over letter x 0000-9999
    // with a rank per 64-bit word: a hit's index is the number of digit-first codes (which sort first)
    // plus the number of letter-first codes before it. Chosen by measurement (README.md, benches/).
    let words = (26 * 10_000usize).div_ceil(64);
    let mut bits = vec![0u64; words];
    let mut digit_first = 0usize;
    for (i, c) in procs.keys().enumerate() {
        match letter_key(*c) {
            None => digit_first += 1,
            Some(k) => {
                assert_eq!(
                    i - digit_first,
                    bits.iter().map(|w| w.count_ones() as usize).sum::<usize>()
                );
                bits[k / 64] |= 1 << (k % 64);
            }
        }
    }
    let _ = writeln!(out, "pub(crate) const DIGIT_FIRST: u32 = {digit_first};");
    let _ = writeln!(out, "pub(crate) static LETTER_BITS: [u64; {words}] = [");
    for chunk in bits.chunks(8) {
        let _ = writeln!(
            out,
            "{},",
            chunk
                .iter()
                .map(|w| format!("{w:#x}"))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    out.push_str("];\n");
    let _ = writeln!(out, "pub(crate) static LETTER_RANK: [u16; {words}] = [");
    let mut rank = 0u32;
    for chunk in bits.chunks(16) {
        let mut row = Vec::new();
        for w in chunk {
            row.push(rank.to_string());
            rank += w.count_ones();
        }
        let _ = writeln!(out, "{},", row.join(","));
    }
    out.push_str("];\n\n");
    // Each procedure's (added, last valid day) dates, for date-of-service checks that touch 8 bytes.
    let _ = writeln!(
        out,
        "pub(crate) static PROCEDURE_VALIDITY: [(u32, u32); {}] = [",
        procs.len()
    );
    for r in procs.values() {
        let last = r.terminated.map_or(u32::MAX, |t| pk::encode_date(Some(t)));
        let _ = write!(out, "({},{last}),", pk::encode_date(Some(r.added)));
    }
    out.push_str("\n];\n\n");
    // Modifiers: a direct table over the 12-bit packed modifier, index + 1 (0 = absent).
    let mut slots = vec![0u16; 1 << 12];
    for (i, c) in mods.keys().enumerate() {
        slots[*c as usize] = i as u16 + 1;
    }
    let _ = writeln!(
        out,
        "pub(crate) static MODIFIER_SLOTS: [u16; {}] = [",
        slots.len()
    );
    for chunk in slots.chunks(32) {
        let _ = writeln!(
            out,
            "{},",
            chunk
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    out.push_str("];\n\n");

    // Older releases: a record identical to the current release's is stored once (not at all here);
    // each older release keeps only its differences, as a phf map from table key to an index into
    // HISTORY (u32::MAX: not in that release).
    let mut history: Vec<Raw> = Vec::new();
    let mut history_ids: HashMap<Raw, u32> = HashMap::new();
    let mut release_rows = Vec::new();
    for (i, (rel, recs)) in older.iter().enumerate() {
        let mut map = phf_codegen::Map::<u32>::new();
        let mut present = std::collections::HashSet::new();
        for r in recs {
            let k = key(r.code);
            present.insert(k);
            // A release without its own NOC list shares the current release's NOC flags.
            let raw = encode(r, &mut blob, &mut refs, is_noc(r.code));
            if current.get(&k) == Some(&raw) {
                continue;
            }
            let id = *history_ids.entry(raw).or_insert_with(|| {
                history.push(raw);
                history.len() as u32 - 1
            });
            map.entry(k, id.to_string());
        }
        for k in current.keys().filter(|k| !present.contains(*k)) {
            map.entry(*k, u32::MAX.to_string());
        }
        let _ = writeln!(
            out,
            "static OVERRIDES_{i}: phf::Map<u32, u32> = {};\n",
            map.build()
        );
        let procs = recs
            .iter()
            .filter(|r| matches!(r.code, Code::Procedure(_)))
            .count();
        release_rows.push((rel, format!("&OVERRIDES_{i}"), procs, recs.len() - procs));
    }
    let _ = writeln!(
        out,
        "static OVERRIDES_CURRENT: phf::Map<u32, u32> = {};",
        phf_codegen::Map::<u32>::new().build()
    );
    release_rows.push((
        release,
        "&OVERRIDES_CURRENT".to_string(),
        procs.len(),
        mods.len(),
    ));
    let _ = writeln!(out, "pub(crate) static HISTORY: [R; {}] = [", history.len());
    for raw in &history {
        byte_literal(&mut out, "R", raw);
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "pub(crate) static RELEASES: [crate::history::ReleaseTable; {}] = [",
        release_rows.len()
    );
    for (rel, overrides, p, m) in &release_rows {
        let _ = writeln!(
            out,
            "crate::history::ReleaseTable {{ source_file: {:?}, source_path: {:?}, year: {}, month: {}, effective: {}, revised: {}, overrides: {overrides}, procedures: {p}, modifiers: {m} }},",
            rel.file, rel.path, rel.year, rel.month, rel.effective, rel.revised
        );
    }
    out.push_str("];\n\n");

    let mut sorted_notes: Vec<&notes::Note> = notes.iter().collect();
    sorted_notes.sort_by_key(|n| n.number);
    let _ = writeln!(
        out,
        "pub(crate) static NOTES: [(u16, u32, u32); {}] = [",
        sorted_notes.len()
    );
    for n in sorted_notes {
        let (o, l) = blob.add(&n.text);
        let _ = writeln!(out, "({}, {o}, {l}),", n.number);
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "pub(crate) static REFERENCES: [(u32, u32); {}] = [",
        refs.list.len()
    );
    for (o, l) in &refs.list {
        let _ = writeln!(out, "({o}, {l}),");
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "pub(crate) static STRINGS: &str = {:?};\n", blob.text);
    Ok(out)
}
