//! The HCPCS processing notes file (`proc_notes_JAN2026.txt`): the texts that a record's processing note
//! number (columns 253-256) points to.
//!
//! Each note starts with its 4-digit number and `--`; following lines continue it. Lines end with a
//! column of `*`, and the file mixes tabs and blanks: both are layout, not text. A note's lines are
//! joined with single spaces.

use super::ascii_lines;
use hcpcs_core::error::{ErrorKind, SourceError};
use hcpcs_core::rows::Note;

/// Parses a processing notes file. Notes come back in file order.
///
/// ```
/// use hcpcs_import::cms::proc_notes as notes;
/// let file = b"  PROCESSING NOTES\r\n  0002--FIRST LINE    *\r\n        SECOND.   *\r\n";
/// let n = notes::parse(file, "notes.txt").unwrap();
/// assert_eq!(n[0].number, 2);
/// assert_eq!(n[0].text, "FIRST LINE SECOND.");
/// ```
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<Note>, SourceError> {
    let mut out: Vec<Note> = Vec::new();
    for item in ascii_lines(bytes, file) {
        let (n, raw) = item?;
        let t = raw.trim().trim_end_matches('*').trim();
        if t.is_empty() {
            continue;
        }
        let starts_note =
            t.len() >= 6 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit) && &t[4..6] == "--";
        if starts_note {
            let number: u16 = t[..4].parse().unwrap_or(0);
            if number == 0 {
                return Err(SourceError::new(
                    ErrorKind::Number,
                    file,
                    Some(n),
                    "note number",
                    &t[..4],
                    "note numbers start at 0001",
                ));
            }
            if let Some(prev) = out.iter().find(|p| p.number == number) {
                return Err(SourceError::new(
                    ErrorKind::Duplicate,
                    file,
                    Some(n),
                    "note number",
                    &t[..4],
                    format!(
                        "a second note {number:04} (the first is on line {})",
                        prev.line
                    ),
                ));
            }
            out.push(Note {
                number,
                text: squeeze(&t[6..]),
                line: n,
            });
        } else if let Some(note) = out.last_mut() {
            note.text.push(' ');
            note.text.push_str(&squeeze(t));
        }
        // Lines before the first note are the file's title.
    }
    super::non_empty(out, file, "no processing notes (a line starting NNNN--)")
}

/// Collapses runs of blanks and tabs into single blanks.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
