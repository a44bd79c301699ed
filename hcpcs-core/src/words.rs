//! How description search splits and normalizes words, shared by the index the build writes and the
//! queries the library reads, so both sides agree on every word.
//!
//! A word is a run of ASCII letters and digits, lower-cased. English plurals are folded to the
//! singular by a few suffix rules (no dictionary): `wheelchairs` → `wheelchair`, `catheters` →
//! `catheter`, `batteries` → `battery`, `boxes` → `box`, `dresses` → `dress`; words ending in `ss`,
//! `us` or `is` (`glass`, `catheterus`, `dialysis`) and words of three letters or fewer keep their `s`.
//!
//! ```
//! use hcpcs_core::words::{normalize, words};
//! assert_eq!(normalize("Wheelchairs"), "wheelchair");
//! assert_eq!(normalize("batteries"), "battery");
//! assert_eq!(normalize("dialysis"), "dialysis");
//! let w: Vec<&str> = words("Power wheelchair, seat-cushion (each)").collect();
//! assert_eq!(w, ["Power", "wheelchair", "seat", "cushion", "each"]);
//! ```

/// The words of a text: runs of ASCII letters and digits, as written.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A word as the index keeps it: lower case, plurals folded (see the module docs). At most 32 bytes
/// are kept: longer words are cut.
pub fn normalize(word: &str) -> String {
    let mut w: String = word
        .chars()
        .take(32)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4
        && (w.ends_with("sses")
            || w.ends_with("xes")
            || w.ends_with("zes")
            || w.ends_with("ches")
            || w.ends_with("shes"))
    {
        w.truncate(n - 2);
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
    w
}

/// [`normalize`] into a caller's buffer, without allocating: the normalized word's bytes.
pub fn normalize_into<'b>(word: &str, buf: &'b mut [u8; 32]) -> &'b str {
    let mut n = 0;
    for b in word.bytes().take(32) {
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let ends = |s: &[u8], suffix: &[u8]| s.ends_with(suffix);
    let s = &buf[..n];
    let cut = if n > 4 && ends(s, b"ies") {
        buf[n - 3] = b'y';
        n - 2
    } else if n > 4
        && (ends(s, b"sses")
            || ends(s, b"xes")
            || ends(s, b"zes")
            || ends(s, b"ches")
            || ends(s, b"shes"))
    {
        n - 2
    } else if n > 3 && ends(s, b"s") && !ends(s, b"ss") && !ends(s, b"us") && !ends(s, b"is") {
        n - 1
    } else {
        n
    };
    // Only ASCII letters and digits come from `words`; anything else reads as empty.
    core::str::from_utf8(&buf[..cut]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_normalizers_agree() {
        for w in [
            "Wheelchairs",
            "catheters",
            "batteries",
            "boxes",
            "dresses",
            "glass",
            "dialysis",
            "bus",
            "ties",
            "Q2057",
            "lens",
            "each",
            "A",
            "patches",
            "sizes",
        ] {
            let mut buf = [0u8; 32];
            assert_eq!(normalize_into(w, &mut buf), normalize(w), "{w}");
        }
        assert_eq!(normalize("catheters"), "catheter");
        assert_eq!(normalize("boxes"), "box");
        assert_eq!(normalize("dresses"), "dress");
        assert_eq!(normalize("lens"), "len");
    }
}
