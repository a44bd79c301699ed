//! The description search index: every normalized word of the current release's codes, short and
//! long descriptions (`hcpcs_core::words`), in one sorted term blob, with a postings list per term
//! (document ids and which fields hold the word). A document is a record of the current release:
//! procedures in code order, then modifiers in code order (the order of `PROCEDURES`, `MODIFIERS`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hcpcs_core::packed as pk;
use hcpcs_core::words::{normalize, words};

use crate::data::Data;
use crate::emit;

/// The word is in the short description.
pub const IN_SHORT: u8 = 1;
/// The word is in the long description.
pub const IN_LONG: u8 = 2;
/// The word is the code itself.
pub const IN_CODE: u8 = 4;

/// Writes the index tables.
pub fn generate(out: &mut String, data: &Data) -> Result<(), crate::Error> {
    let mut docs: Vec<&hcpcs_core::rows::SourceRecord> = data.current().records.iter().collect();
    docs.sort_by_key(|r| pk::table_key(r.code));
    if docs.len() > u16::MAX as usize {
        return Err("more records than the search index's 16-bit document ids hold".into());
    }
    let mut terms: BTreeMap<String, BTreeMap<u16, u8>> = BTreeMap::new();
    for (i, r) in docs.iter().enumerate() {
        let doc = i as u16;
        let mut add = |word: &str, flag: u8| {
            *terms
                .entry(normalize(word))
                .or_default()
                .entry(doc)
                .or_default() |= flag;
        };
        if r.code.descriptions_are_public_domain() {
            for w in words(&r.short_description) {
                add(w, IN_SHORT);
            }
            for w in words(&r.long_description) {
                add(w, IN_LONG);
            }
        }
        // The code is a word of its own, lower-cased, never folded (`q2057`, `tc`).
        terms
            .entry(r.code.to_string().to_ascii_lowercase())
            .or_default()
            .entry(doc)
            .and_modify(|f| *f |= IN_CODE)
            .or_insert(IN_CODE);
    }
    let mut blob = String::new();
    let (mut term_ends, mut posting_ends) = (Vec::new(), Vec::new());
    let (mut ids, mut flags) = (Vec::new(), Vec::new());
    for (term, postings) in &terms {
        blob.push_str(term);
        term_ends.push(blob.len());
        for (&d, &f) in postings {
            ids.push(d);
            flags.push(f);
        }
        posting_ends.push(ids.len());
    }
    let _ = writeln!(out, "\n// ---- description search ----");
    let _ = writeln!(
        out,
        "pub(crate) const SEARCH_DOCS_COUNT: usize = {};",
        docs.len()
    );
    let _ = writeln!(out, "pub(crate) static SEARCH_TERMS: &str = {blob:?};");
    // Little-endian integers in byte strings (`hcpcs_core::packed::u32_at`): compact, and quick to
    // compile.
    let le32 = |v: &[usize]| {
        v.iter()
            .flat_map(|&x| (x as u32).to_le_bytes())
            .collect::<Vec<u8>>()
    };
    emit::bytes(out, "SEARCH_TERM_ENDS", &le32(&term_ends));
    emit::bytes(out, "SEARCH_POSTING_ENDS", &le32(&posting_ends));
    emit::bytes(
        out,
        "SEARCH_IDS",
        &ids.iter()
            .flat_map(|d| d.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    emit::bytes(out, "SEARCH_FLAGS", &flags);
    Ok(())
}
