//! Find a code by what it means: search over every code, short and long description of the current
//! release, with an index the build compiles in (no start-up work, no allocation per query).
//!
//! Semantics:
//! - words are runs of ASCII letters and digits, case ignored; **every query word must match** a word
//!   of the record (its code, short or long description);
//! - the **last word also matches as a prefix** (type-ahead: `wheelch` finds wheelchairs), unless the
//!   query ends in a blank or punctuation;
//! - plurals are folded to the singular on both sides (`wheelchairs` finds `wheelchair`, `catheters`
//!   finds `catheter`; [`hcpcs_core::words::normalize`]);
//! - a code or code prefix in the query (`E26`, `q2057`) is a word too, matched against the codes,
//!   and ranks those codes first;
//! - ranking: each query word adds its rarity (an IDF weight, `ln((N + 1) / df)`), doubled where the
//!   word is in the short description; a code match adds 100; a terminated code counts half.
//!
//! ```
//! let hits = hcpcs::search::search("afamitresgene");
//! assert_eq!(hits.iter().next().map(|h| h.record().code().to_string()), Some("Q2057".into()));
//! let typed = hcpcs::search::search("power wheelch");
//! assert!(typed.iter().all(|h| h.record().long_description().unwrap().to_lowercase().contains("wheelchair")));
//! ```

use chrono::NaiveDate;
use hcpcs_core::words::{normalize_into, words};

use crate::{tables, Record, RecordKind};

/// The most hits one query returns ([`SearchOptions::limit`] is capped at it).
pub const MAX_HITS: usize = 50;
/// The most query words that count; further words are ignored.
pub const MAX_WORDS: usize = 8;

const IN_SHORT: u8 = 1;
const IN_CODE: u8 = 4;
const BITS: usize = tables::SEARCH_DOCS_COUNT.div_ceil(64);

/// What a search returns and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Include codes with a termination date (ranked below current ones). Default `true`.
    pub include_terminated: bool,
    /// Only codes valid on this date of service ([`Record::is_valid_on`]). Default `None`.
    pub valid_on: Option<NaiveDate>,
    /// Include modifiers. Default `true`.
    pub modifiers: bool,
    /// At most this many hits (at most [`MAX_HITS`]). Default 10.
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            include_terminated: true,
            valid_on: None,
            modifiers: true,
            limit: 10,
        }
    }
}

/// One hit: a record and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    record: &'static Record,
    score: f32,
}

impl Hit {
    /// The record.
    pub fn record(&self) -> &'static Record {
        self.record
    }

    /// Its score: higher is better (see the module docs).
    pub fn score(&self) -> f32 {
        self.score
    }
}

/// The hits of one query, best first, held inline (no allocation).
#[derive(Debug, Clone, Copy)]
pub struct Hits {
    hits: [(u16, f32); MAX_HITS],
    len: usize,
}

impl Hits {
    /// The hits, best first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Hit> + '_ {
        self.hits[..self.len].iter().map(|&(doc, score)| Hit {
            record: record(doc),
            score,
        })
    }

    /// How many hits.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn insert(&mut self, doc: u16, score: f32, limit: usize) {
        // Keep the best `limit`, best first; equal scores keep code order (documents come in order).
        let at = self.hits[..self.len].partition_point(|&(_, s)| s >= score);
        if at >= limit {
            return;
        }
        let end = self.len.min(limit - 1);
        self.hits.copy_within(at..end, at + 1);
        self.hits[at] = (doc, score);
        self.len = (self.len + 1).min(limit);
    }
}

fn record(doc: u16) -> &'static Record {
    let d = doc as usize;
    let p = tables::PROCEDURES.len();
    // Document ids come from the index, which the build writes over exactly these two tables.
    tables::PROCEDURES
        .get(d)
        .or_else(|| tables::MODIFIERS.get(d - p.min(d)))
        .unwrap_or(&tables::PROCEDURES[0])
}

/// Entry `i` of a little-endian `u32` table.
#[inline]
fn u32_of(table: &[u8], i: usize) -> usize {
    hcpcs_core::packed::u32_at(table, i * 4) as usize
}

fn term_count() -> usize {
    tables::SEARCH_TERM_ENDS.len() / 4
}

fn term(i: usize) -> &'static str {
    let end = u32_of(tables::SEARCH_TERM_ENDS, i);
    let start = i
        .checked_sub(1)
        .map_or(0, |j| u32_of(tables::SEARCH_TERM_ENDS, j));
    tables::SEARCH_TERMS.get(start..end).unwrap_or("")
}

/// The index range of the terms equal to `word`, or with `word` as a prefix.
fn terms(word: &str, prefix: bool) -> core::ops::Range<usize> {
    let n = term_count();
    let lo = partition(n, |t| t < word);
    let hi = if prefix {
        partition(n, |t| t < word || t.starts_with(word))
    } else {
        partition(n, |t| t <= word)
    };
    lo..hi.max(lo)
}

fn partition(n: usize, pred: impl Fn(&str) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(term(mid)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// One query word's documents: any field, the short description, the code.
struct Word {
    any: [u64; BITS],
    short: [u64; BITS],
    code: [u64; BITS],
}

impl Word {
    fn add(&mut self, range: core::ops::Range<usize>) {
        for t in range {
            let start = t
                .checked_sub(1)
                .map_or(0, |j| u32_of(tables::SEARCH_POSTING_ENDS, j));
            let end = u32_of(tables::SEARCH_POSTING_ENDS, t);
            for p in start..end {
                let doc = hcpcs_core::packed::u16_at(tables::SEARCH_IDS, p * 2) as usize;
                let flags = tables::SEARCH_FLAGS.get(p).copied().unwrap_or(0);
                if doc >= BITS * 64 {
                    continue;
                }
                let (w, bit) = (doc / 64, 1u64 << (doc % 64));
                self.any[w] |= bit;
                if flags & IN_SHORT != 0 {
                    self.short[w] |= bit;
                }
                if flags & IN_CODE != 0 {
                    self.code[w] |= bit;
                }
            }
        }
    }
}

/// [`search_with`] with the default options.
pub fn search(query: &str) -> Hits {
    search_with(query, &SearchOptions::default())
}

/// The records that match every word of `query`, best first (see the module docs).
///
/// ```
/// use hcpcs::search::{search_with, SearchOptions};
/// let opts = SearchOptions { modifiers: false, limit: 3, ..SearchOptions::default() };
/// let hits = search_with("E26", &opts);       // a code prefix: E2601, E2602, ...
/// assert_eq!(hits.len(), 3);
/// assert!(hits.iter().all(|h| h.record().code().to_string().starts_with("E26")));
/// ```
pub fn search_with(query: &str, options: &SearchOptions) -> Hits {
    let mut hits = Hits {
        hits: [(0, 0.0); MAX_HITS],
        len: 0,
    };
    let limit = options.limit.min(MAX_HITS);
    let n_words = words(query).count().min(MAX_WORDS);
    if n_words == 0 || limit == 0 {
        return hits;
    }
    // The last word is a prefix unless the query ends after it (a blank or punctuation).
    let open_end = query.ends_with(|c: char| c.is_ascii_alphanumeric());
    let empty = Word {
        any: [0; BITS],
        short: [0; BITS],
        code: [0; BITS],
    };
    let mut found = [const { None::<Word> }; MAX_WORDS];
    for (i, w) in words(query).take(MAX_WORDS).enumerate() {
        let mut word = Word { ..empty };
        let mut buf = [0u8; 32];
        word.add(terms(normalize_into(w, &mut buf), false));
        if i + 1 == n_words && open_end {
            let mut raw = [0u8; 32];
            let len = w.len().min(32);
            for (b, c) in raw.iter_mut().zip(w.bytes().take(32)) {
                *b = c.to_ascii_lowercase();
            }
            word.add(terms(core::str::from_utf8(&raw[..len]).unwrap_or(""), true));
        }
        found[i] = Some(word);
    }
    let found = &found[..n_words];
    let mut candidates = [u64::MAX; BITS];
    let mut idf = [0f32; MAX_WORDS];
    let total = tables::SEARCH_DOCS_COUNT as f32;
    for (i, w) in found.iter().enumerate() {
        let Some(w) = w else { return hits };
        let df: u32 = w.any.iter().map(|x| x.count_ones()).sum();
        if df == 0 {
            return hits;
        }
        idf[i] = ((total + 1.0) / df as f32).ln();
        for (c, a) in candidates.iter_mut().zip(&w.any) {
            *c &= a;
        }
    }
    for (wi, &bits) in candidates.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let doc = wi * 64 + b;
            let r = record(doc as u16);
            if (!options.modifiers && r.kind() == RecordKind::Modifier)
                || (!options.include_terminated && r.terminated().is_some())
                || options.valid_on.is_some_and(|d| !r.is_valid_on(d))
            {
                continue;
            }
            let bit = 1u64 << b;
            let mut score = 0f32;
            for (i, w) in found.iter().flatten().enumerate() {
                score += idf[i] * if w.short[wi] & bit != 0 { 2.0 } else { 1.0 };
                if w.code[wi] & bit != 0 {
                    score += 100.0;
                }
            }
            if r.terminated().is_some() {
                score *= 0.5;
            }
            hits.insert(doc as u16, score, limit);
        }
    }
    hits
}

/// Bytes of static data the search index holds.
#[doc(hidden)]
pub fn index_bytes() -> usize {
    use core::mem::size_of_val;
    tables::SEARCH_TERMS.len()
        + size_of_val(tables::SEARCH_TERM_ENDS)
        + size_of_val(tables::SEARCH_POSTING_ENDS)
        + size_of_val(tables::SEARCH_IDS)
        + size_of_val(tables::SEARCH_FLAGS)
}
