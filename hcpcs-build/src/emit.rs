//! Writing Rust data: the interned string blob, byte-string records, `phf` maps and integer arrays.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use hcpcs_core::packed;

/// The one string blob, with repeated strings stored once.
#[derive(Default)]
pub struct Blob {
    pub text: String,
    seen: HashMap<String, (u32, usize)>,
}

impl Blob {
    /// The (offset, length) of `s` in the blob, adding it if new.
    pub fn add(&mut self, s: &str) -> (u32, usize) {
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
pub struct Refs {
    pub list: Vec<(u32, usize)>,
    ids: HashMap<String, u16>,
}

impl Refs {
    /// The id of `s` (0 for none).
    pub fn id(&mut self, blob: &mut Blob, s: Option<&String>) -> u16 {
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

/// Writes the bytes as the inside of a Rust byte-string literal.
fn escaped(out: &mut String, raw: &[u8]) {
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
}

/// Writes `ctor(*b"..."),`: a fixed-width record as one byte-string literal.
pub fn byte_literal(out: &mut String, ctor: &str, raw: &[u8]) {
    let _ = write!(out, "{ctor}(*b\"");
    escaped(out, raw);
    out.push_str("\"),\n");
}

/// Writes `pub(crate) static NAME: &[u8; n] = b"...";`: bytes as one byte-string literal, which the
/// compiler reads far faster than an array of number literals.
pub fn bytes(out: &mut String, name: &str, data: &[u8]) {
    let _ = write!(out, "pub(crate) static {name}: &[u8; {}] = b\"", data.len());
    escaped(out, data);
    out.push_str("\";\n\n");
}

/// Writes `pub(crate) static NAME: [T; n] = [a,b,...];`, `per_line` values a line.
pub fn array<T: std::fmt::Display>(
    out: &mut String,
    name: &str,
    ty: &str,
    values: &[T],
    per_line: usize,
) {
    let _ = writeln!(
        out,
        "pub(crate) static {name}: [{ty}; {}] = [",
        values.len()
    );
    for chunk in values.chunks(per_line.max(1)) {
        let line: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        let _ = writeln!(out, "{},", line.join(","));
    }
    out.push_str("];\n\n");
}

/// Writes a `phf` map from `u32` keys to values written as Rust expressions.
pub fn phf_map<V: std::fmt::Display>(
    out: &mut String,
    vis: &str,
    name: &str,
    ty: &str,
    entries: impl IntoIterator<Item = (u32, V)>,
) {
    let mut map = phf_codegen::Map::<u32>::new();
    for (k, v) in entries {
        map.entry(k, v.to_string());
    }
    let _ = writeln!(
        out,
        "{vis}static {name}: phf::Map<u32, {ty}> = {};\n",
        map.build()
    );
}

/// A `phf` map from key to its run ([`packed::encode_run`]) in `keys`, which is sorted and starts at
/// index `offset` of its table.
pub fn runs(out: &mut String, name: &str, offset: usize, keys: impl Iterator<Item = u32>) {
    let mut spans: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (i, k) in (offset..).zip(keys) {
        spans.entry(k).or_insert((i, 0)).1 += 1;
    }
    phf_map(
        out,
        "pub(crate) ",
        name,
        "u64",
        spans
            .into_iter()
            .map(|(k, (s, n))| (k, packed::encode_run(s, n))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blob_stores_a_string_once() {
        let mut b = Blob::default();
        assert_eq!(b.add("Technical component"), (0, 19));
        assert_eq!(b.add("TC"), (19, 2));
        assert_eq!(b.add("Technical component"), (0, 19));
        assert_eq!(b.text, "Technical componentTC");
    }

    #[test]
    fn byte_literals_escape_what_rust_needs() {
        let mut s = String::new();
        byte_literal(&mut s, "R", &[b'A', b'"', b'\\', 0, 0xff]);
        assert_eq!(s, "R(*b\"A\\\"\\\\\\x00\\xff\"),\n");
    }
}
