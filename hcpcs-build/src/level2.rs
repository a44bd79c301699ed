//! The HCPCS Level II tables: every record of the current release, the indexes that find them, and
//! the older releases as overrides (a record identical in two releases is stored once).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use hcpcs_core::code::Code;
use hcpcs_core::packed::{self as pk, Raw};
use hcpcs_core::rows::SourceRecord;

use crate::data::{Data, HcpcsRelease};
use crate::emit::{self, Blob, Refs};
use crate::Error;

fn idx<T>(v: Option<T>, index: impl Fn(T) -> u8) -> u8 {
    v.map_or(0, |v| index(v) + 1)
}

/// One record in the packed layout of `hcpcs_core::packed`.
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

/// Writes the Level II tables, the history tables, the notes and the string blob.
pub fn generate(out: &mut String, blob: &mut Blob, data: &Data) -> Result<(), Error> {
    let current = data.current();
    let mut procs: BTreeMap<u32, &SourceRecord> = BTreeMap::new();
    let mut mods: BTreeMap<u32, &SourceRecord> = BTreeMap::new();
    for r in &current.records {
        match r.code {
            Code::Procedure(c) => procs.insert(c.to_u32(), r),
            Code::Modifier(m) => mods.insert(m.to_u16() as u32, r),
        };
    }
    // Older releases share the current release's NOC flags (their folders carry no NOC list).
    let noc: HashSet<Code> = data.noc.iter().map(|n| Code::Procedure(n.code)).collect();
    let mut refs = Refs::default();
    // Each record of the current release is encoded once; the tables and the history comparison
    // below both read these bytes.
    let mut encoded: HashMap<u32, Raw> = HashMap::new();
    for r in &current.records {
        encoded.insert(
            pk::table_key(r.code),
            encode(r, blob, &mut refs, noc.contains(&r.code)),
        );
    }
    for (name, rows) in [("PROCEDURES", &procs), ("MODIFIERS", &mods)] {
        let _ = writeln!(out, "pub(crate) static {name}: [R; {}] = [", rows.len());
        for r in rows.values() {
            if let Some(raw) = encoded.get(&pk::table_key(r.code)) {
                emit::byte_literal(out, "R", raw);
            }
        }
        out.push_str("];\n\n");
    }
    // Every procedure code in a phf map (the general index), ...
    emit::phf_map(
        out,
        "pub(crate) ",
        "PROCEDURE_INDEX",
        "u16",
        procs.keys().enumerate().map(|(i, c)| (*c, i)),
    );
    // ... and, for the letter-first codes (all of Level II), a presence bitmap over letter x 0000-9999
    // with a rank per 64-bit word: a hit's index is the number of digit-first codes (which sort first)
    // plus the number of letter-first codes before it. Chosen by measurement (README.md, benches/).
    let words = pk::LETTER_KEYS.div_ceil(64);
    let mut bits = vec![0u64; words];
    let mut digit_first = 0usize;
    for (i, c) in procs.keys().enumerate() {
        match pk::letter_key(*c) {
            None => digit_first += 1,
            Some(k) => {
                let before: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
                if i - digit_first != before {
                    return Err("letter-first codes must sort after digit-first ones".into());
                }
                bits[k as usize / 64] |= 1 << (k % 64);
            }
        }
    }
    let _ = writeln!(out, "pub(crate) const DIGIT_FIRST: u32 = {digit_first};");
    let hex: Vec<String> = bits.iter().map(|w| format!("{w:#x}")).collect();
    emit::array(out, "LETTER_BITS", "u64", &hex, 8);
    let mut rank = 0u32;
    let ranks: Vec<u32> = bits
        .iter()
        .map(|w| {
            let r = rank;
            rank += w.count_ones();
            r
        })
        .collect();
    emit::array(out, "LETTER_RANK", "u16", &ranks, 16);
    // Each procedure's (added, last valid day), for date-of-service checks that touch 8 bytes.
    let validity: Vec<String> = procs
        .values()
        .map(|r| {
            let last = r.terminated.map_or(u32::MAX, |t| pk::encode_date(Some(t)));
            format!("({},{last})", pk::encode_date(Some(r.added)))
        })
        .collect();
    emit::array(out, "PROCEDURE_VALIDITY", "(u32, u32)", &validity, 8);
    // Modifiers: a direct table over the 12-bit packed modifier, index + 1 (0 = absent).
    let mut slots = vec![0u16; 1 << 12];
    for (i, c) in mods.keys().enumerate() {
        slots[*c as usize] = i as u16 + 1;
    }
    emit::array(out, "MODIFIER_SLOTS", "u16", &slots, 32);
    history(
        out,
        blob,
        &mut refs,
        data,
        &encoded,
        &noc,
        procs.len(),
        mods.len(),
    );
    notes(out, blob, &refs, data);
    Ok(())
}

/// Older releases: each keeps only its differences from the current one, as a phf map from table key
/// to an index into HISTORY (u32::MAX: not in that release).
#[allow(clippy::too_many_arguments)]
fn history(
    out: &mut String,
    blob: &mut Blob,
    refs: &mut Refs,
    data: &Data,
    current: &HashMap<u32, Raw>,
    noc: &HashSet<Code>,
    procs: usize,
    mods: usize,
) {
    let mut history: Vec<Raw> = Vec::new();
    let mut ids: HashMap<Raw, u32> = HashMap::new();
    let mut rows: Vec<(&HcpcsRelease, String, usize, usize)> = Vec::new();
    let n = data.hcpcs.len();
    for (i, rel) in data.hcpcs[..n - 1].iter().enumerate() {
        let mut map = Vec::new();
        let mut present = HashSet::new();
        for r in &rel.records {
            let k = pk::table_key(r.code);
            present.insert(k);
            let raw = encode(r, blob, refs, noc.contains(&r.code));
            if current.get(&k) == Some(&raw) {
                continue;
            }
            let id = *ids.entry(raw).or_insert_with(|| {
                history.push(raw);
                history.len() as u32 - 1
            });
            map.push((k, id));
        }
        let mut gone: Vec<u32> = current
            .keys()
            .filter(|k| !present.contains(*k))
            .copied()
            .collect();
        gone.sort_unstable();
        map.extend(gone.into_iter().map(|k| (k, u32::MAX)));
        emit::phf_map(out, "", &format!("OVERRIDES_{i}"), "u32", map);
        let p = rel
            .records
            .iter()
            .filter(|r| matches!(r.code, Code::Procedure(_)))
            .count();
        rows.push((rel, format!("&OVERRIDES_{i}"), p, rel.records.len() - p));
    }
    emit::phf_map(
        out,
        "",
        "OVERRIDES_CURRENT",
        "u32",
        std::iter::empty::<(u32, u32)>(),
    );
    rows.push((data.current(), "&OVERRIDES_CURRENT".into(), procs, mods));
    let _ = writeln!(out, "pub(crate) static HISTORY: [R; {}] = [", history.len());
    for raw in &history {
        emit::byte_literal(out, "R", raw);
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "pub(crate) static RELEASES: [crate::history::ReleaseTable; {}] = [",
        rows.len()
    );
    for (rel, overrides, p, m) in &rows {
        let _ = writeln!(
            out,
            "crate::history::ReleaseTable {{ name: {:?}, source_file: {:?}, effective: {}, revised: {}, overrides: {overrides}, procedures: {p}, modifiers: {m} }},",
            rel.name,
            rel.source_file,
            pk::encode_date(Some(rel.effective)),
            pk::encode_date(rel.revised),
        );
    }
    out.push_str("];\n\n");
}

/// The processing notes, the reference strings and the string blob.
fn notes(out: &mut String, blob: &mut Blob, refs: &Refs, data: &Data) {
    let mut notes: Vec<_> = data.notes.iter().collect();
    notes.sort_by_key(|n| n.number);
    let rows: Vec<String> = notes
        .iter()
        .map(|n| {
            let (o, l) = blob.add(&n.text);
            format!("({}, {o}, {l})", n.number)
        })
        .collect();
    emit::array(out, "NOTES", "(u16, u32, u32)", &rows, 1);
    let refs: Vec<String> = refs
        .list
        .iter()
        .map(|(o, l)| format!("({o}, {l})"))
        .collect();
    emit::array(out, "REFERENCES", "(u32, u32)", &refs, 8);
    let _ = writeln!(out, "pub(crate) static STRINGS: &str = {:?};\n", blob.text);
}
