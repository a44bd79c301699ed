//! Dates as the project writes them.

use chrono::NaiveDate;

/// A `YYYY-MM-DD` date, written exactly so (no other form, no surrounding blanks).
///
/// ```
/// use hcpcs_core::date::parse_ymd;
/// assert_eq!(parse_ymd("2026-02-10"), chrono::NaiveDate::from_ymd_opt(2026, 2, 10));
/// assert_eq!(parse_ymd("2026-02-30"), None);
/// assert_eq!(parse_ymd("2026-2-10"), None);
/// ```
pub fn parse_ymd(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        let s = t.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}
