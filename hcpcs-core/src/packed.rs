//! The byte layout of one record in the generated tables, shared by the build script (which writes it)
//! and the `hcpcs` library (which reads it). Not a stable interface.
//!
//! A record is [`WIDTH`] bytes; integers are little-endian; an enum is stored as its index + 1 with 0 for
//! absent; a string is an (offset, length) pair into the one string blob, or an index + 1 into the table
//! of short reference strings; a date is `YYYYMMDD` as a `u32`, 0 for absent.

#![allow(missing_docs)]

use chrono::{Datelike, NaiveDate};

use crate::code::{Code, CrossReference, HcpcsCode, Modifier};

pub const CODE: usize = 0; // u32: packed HcpcsCode, or packed Modifier
pub const LONG_OFF: usize = 4; // u32 offset, NONE_OFF when not embedded
pub const LONG_LEN: usize = 8; // u16
pub const SHORT_OFF: usize = 10; // u32
pub const SHORT_LEN: usize = 14; // u8
pub const PRICING: usize = 15; // 4 x u8
pub const MULTIPLE_PRICING: usize = 19; // u8
pub const CIM: usize = 20; // 3 x u16 reference string ids
pub const MCM: usize = 26; // 3 x u16
pub const STATUTE: usize = 32; // u16
pub const LAB: usize = 34; // 8 x u8
pub const XREF: usize = 42; // 5 x u32, see encode_xref
pub const COVERAGE: usize = 62; // u8
pub const ASC: usize = 63; // u8
pub const ASC_DATE: usize = 64; // u32
pub const OPPS_GROUP: usize = 68; // u16, NONE_U16 when absent
pub const OPPS_PI: usize = 70; // u8
pub const OPPS_DATE: usize = 71; // u32
pub const NOTE: usize = 75; // u16, 0 when absent
pub const BETOS: usize = 77; // u8
pub const TOS: usize = 78; // 5 x u8
pub const ANESTHESIA: usize = 83; // u16, NONE_U16 when absent
pub const ADDED: usize = 85; // u32
pub const ACTION_EFFECTIVE: usize = 89; // u32
pub const TERMINATED: usize = 93; // u32
pub const ACTION: usize = 97; // u8
pub const FLAGS: usize = 98; // u8, FLAG_*
pub const WIDTH: usize = 100;

pub const FLAG_NOC: u8 = 1;
pub const FLAG_MODIFIER: u8 = 2;
pub const NONE_OFF: u32 = u32::MAX;
pub const NONE_U16: u16 = u16::MAX;
const XREF_MODIFIER: u32 = 1 << 31;
const XREF_CPT: u32 = u32::MAX;

pub type Raw = [u8; WIDTH];

#[inline]
pub fn u8_at(r: &[u8], at: usize) -> u8 {
    r.get(at).copied().unwrap_or(0)
}

#[inline]
pub fn u16_at(r: &[u8], at: usize) -> u16 {
    let mut b = [0u8; 2];
    if let Some(s) = r.get(at..at + 2) {
        b.copy_from_slice(s);
    }
    u16::from_le_bytes(b)
}

#[inline]
pub fn u32_at(r: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    if let Some(s) = r.get(at..at + 4) {
        b.copy_from_slice(s);
    }
    u32::from_le_bytes(b)
}

#[inline]
pub fn u64_at(r: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    if let Some(s) = r.get(at..at + 8) {
        b.copy_from_slice(s);
    }
    u64::from_le_bytes(b)
}

pub fn put_u8(r: &mut [u8], at: usize, v: u8) {
    if let Some(s) = r.get_mut(at) {
        *s = v;
    }
}

pub fn put_u16(r: &mut [u8], at: usize, v: u16) {
    if let Some(s) = r.get_mut(at..at + 2) {
        s.copy_from_slice(&v.to_le_bytes());
    }
}

pub fn put_u32(r: &mut [u8], at: usize, v: u32) {
    if let Some(s) = r.get_mut(at..at + 4) {
        s.copy_from_slice(&v.to_le_bytes());
    }
}

/// Dates before year 1 are not HCPCS dates; they encode as 0 (absent) rather than wrap.
#[inline]
pub fn encode_date(d: Option<NaiveDate>) -> u32 {
    match d {
        Some(d) if d.year() > 0 => ((d.year() as u32) << 9) | d.ordinal(),
        _ => 0,
    }
}

#[inline]
pub fn decode_date(v: u32) -> Option<NaiveDate> {
    if v == 0 {
        return None;
    }
    NaiveDate::from_yo_opt((v >> 9) as i32, v & 511)
}

pub fn encode_code(c: Code) -> u32 {
    match c {
        Code::Procedure(p) => p.to_u32(),
        Code::Modifier(m) => m.to_u16() as u32,
    }
}

pub fn encode_xref(x: Option<CrossReference>) -> u32 {
    match x {
        None => 0,
        Some(CrossReference::Cpt) => XREF_CPT,
        Some(CrossReference::Code(Code::Procedure(p))) => p.to_u32(),
        Some(CrossReference::Code(Code::Modifier(m))) => XREF_MODIFIER | m.to_u16() as u32,
    }
}

#[inline]
pub fn decode_xref(v: u32) -> Option<CrossReference> {
    match v {
        0 => None,
        XREF_CPT => Some(CrossReference::Cpt),
        v if v & XREF_MODIFIER != 0 => {
            Modifier::from_u16(v as u16).map(|m| CrossReference::Code(Code::Modifier(m)))
        }
        v => HcpcsCode::from_u32(v).map(|p| CrossReference::Code(Code::Procedure(p))),
    }
}

/// The key of a code in the record tables and the history override maps: a procedure's packed code,
/// or `1 << 31` | a modifier's.
#[inline]
pub fn table_key(c: Code) -> u32 {
    match c {
        Code::Procedure(p) => p.to_u32(),
        Code::Modifier(m) => TABLE_KEY_MODIFIER | m.to_u16() as u32,
    }
}

const TABLE_KEY_MODIFIER: u32 = 1 << 31;

/// Inverse of [`table_key`].
#[inline]
pub fn decode_table_key(k: u32) -> Option<Code> {
    if k & TABLE_KEY_MODIFIER != 0 {
        Modifier::from_u16(k as u16).map(Code::Modifier)
    } else {
        HcpcsCode::from_u32(k).map(Code::Procedure)
    }
}

/// How many letter keys there are: 26 letters × 10,000 numbers.
pub const LETTER_KEYS: usize = 26 * 10_000;

/// The presence-bitmap key of a letter-first code with four digits (all of Level II): letter index ×
/// 10,000 + its number; `None` for any other packed code. Reads the packed code's 6-bit characters
/// (digits are 1-10, letters 11-36).
#[inline]
pub fn letter_key(packed: u32) -> Option<u32> {
    let first = (packed >> 24).wrapping_sub(11);
    let digit = |shift: u32| ((packed >> shift) & 63).wrapping_sub(1);
    let d = [digit(18), digit(12), digit(6), digit(0)];
    if first >= 26 || d.iter().any(|&x| x >= 10) {
        return None;
    }
    Some(first * 10_000 + d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3])
}

/// [`letter_key`] straight from text: exactly 5 bytes, a letter (either case) and 4 digits.
#[inline]
pub fn letter_key_ascii(b: &[u8]) -> Option<u32> {
    let b: &[u8; 5] = b.try_into().ok()?;
    let letter = (b[0] | 0x20).wrapping_sub(b'a') as u32;
    let d = [b[1], b[2], b[3], b[4]].map(|c| c.wrapping_sub(b'0') as u32);
    if letter >= 26 || d.iter().any(|&x| x >= 10) {
        return None;
    }
    Some(letter * 10_000 + d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3])
}

/// A run of rows with equal keys in a sorted table: `start << 32 | count`.
#[inline]
pub const fn encode_run(start: usize, count: usize) -> u64 {
    ((start as u64) << 32) | count as u64
}

/// Inverse of [`encode_run`]: (start, count).
#[inline]
pub const fn decode_run(v: u64) -> (usize, usize) {
    ((v >> 32) as usize, (v & 0xFFFF_FFFF) as usize)
}

/// The largest OPPS payment rate the packed form holds, in units of its scale (54 bits).
pub const OPPS_RATE_MAX: i64 = (1 << 54) - 1;

/// An OPPS entry: status indicator index + 1 (8 bits) << 56 | scale 3 (1 bit) << 55 | has a rate
/// (1 bit) << 54 | the rate's units (54 bits); `None` when a rate does not fit (scale 2 or 3 only).
#[inline]
pub fn encode_opps(si: u8, rate: Option<(i64, u8)>) -> Option<u64> {
    let head = ((si as u64) + 1) << 56;
    match rate {
        None => Some(head),
        Some((units, scale))
            if (0..=OPPS_RATE_MAX).contains(&units) && (scale == 2 || scale == 3) =>
        {
            Some(head | ((scale == 3) as u64) << 55 | 1 << 54 | units as u64)
        }
        Some(_) => None,
    }
}

/// Inverse of [`encode_opps`]: (status indicator index, rate as (units, scale)).
#[inline]
pub const fn decode_opps(v: u64) -> (u8, Option<(i64, u8)>) {
    let si = ((v >> 56) as u8).wrapping_sub(1);
    if v >> 54 & 1 == 0 {
        return (si, None);
    }
    let scale = if v >> 55 & 1 == 1 { 3 } else { 2 };
    (si, Some(((v & ((1 << 54) - 1)) as i64, scale)))
}

/// The largest MUE value the packed form holds (24 bits).
pub const MUE_VALUE_MAX: u32 = (1 << 24) - 1;

/// An MUE: value (24 bits) | adjudication index << 24 (2 bits) | rationale index << 26; `None` when the
/// value does not fit.
#[inline]
pub fn encode_mue(value: u32, adjudication: u8, rationale: u8) -> Option<u32> {
    (value <= MUE_VALUE_MAX && adjudication < 4 && rationale < 64)
        .then_some(value | (adjudication as u32) << 24 | (rationale as u32) << 26)
}

/// Inverse of [`encode_mue`]: (value, adjudication index, rationale index).
#[inline]
pub const fn decode_mue(v: u32) -> (u32, u8, u8) {
    (v & MUE_VALUE_MAX, (v >> 24 & 3) as u8, (v >> 26) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_offsets_do_not_overlap() {
        let fields = [
            (CODE, 4),
            (LONG_OFF, 4),
            (LONG_LEN, 2),
            (SHORT_OFF, 4),
            (SHORT_LEN, 1),
            (PRICING, 4),
            (MULTIPLE_PRICING, 1),
            (CIM, 6),
            (MCM, 6),
            (STATUTE, 2),
            (LAB, 8),
            (XREF, 20),
            (COVERAGE, 1),
            (ASC, 1),
            (ASC_DATE, 4),
            (OPPS_GROUP, 2),
            (OPPS_PI, 1),
            (OPPS_DATE, 4),
            (NOTE, 2),
            (BETOS, 1),
            (TOS, 5),
            (ANESTHESIA, 2),
            (ADDED, 4),
            (ACTION_EFFECTIVE, 4),
            (TERMINATED, 4),
            (ACTION, 1),
            (FLAGS, 1),
        ];
        let mut end = 0;
        for (at, len) in fields {
            assert_eq!(at, end, "field at {at}");
            end = at + len;
        }
        assert!(end <= WIDTH);
    }

    #[test]
    fn letter_keys_agree_from_packed_codes_and_from_text() {
        let mut n = 0;
        for letter in b'A'..=b'Z' {
            for num in (0..10_000).step_by(7) {
                let text = format!("{}{num:04}", letter as char);
                let c = HcpcsCode::parse(&text).unwrap();
                let k = letter_key(c.to_u32()).unwrap();
                assert_eq!(Some(k), letter_key_ascii(text.as_bytes()));
                assert_eq!(Some(k), letter_key_ascii(text.to_lowercase().as_bytes()));
                assert_eq!(k, (letter - b'A') as u32 * 10_000 + num);
                n += 1;
            }
        }
        assert!(n > 37_000);
        for not_letter_first in ["99213", "0708T", "A123", "A12345", "AB123"] {
            assert_eq!(letter_key_ascii(not_letter_first.as_bytes()), None);
            if let Ok(c) = HcpcsCode::parse(not_letter_first) {
                assert_eq!(letter_key(c.to_u32()), None, "{not_letter_first}");
            }
        }
    }

    #[test]
    fn table_keys_runs_and_mues_roundtrip() {
        let q = Code::parse("Q2057").unwrap();
        let tc = Code::parse("TC").unwrap();
        assert_eq!(table_key(q), HcpcsCode::parse("Q2057").unwrap().to_u32());
        assert_ne!(table_key(tc) & TABLE_KEY_MODIFIER, 0);
        assert_eq!(table_key(q) & TABLE_KEY_MODIFIER, 0);
        assert_eq!(
            (
                decode_table_key(table_key(q)),
                decode_table_key(table_key(tc))
            ),
            (Some(q), Some(tc))
        );
        assert_eq!(decode_run(encode_run(9_005, 17)), (9_005, 17));
        assert_eq!(decode_mue(encode_mue(800, 2, 13).unwrap()), (800, 2, 13));
        assert_eq!(
            decode_mue(encode_mue(MUE_VALUE_MAX, 3, 63).unwrap()),
            (MUE_VALUE_MAX, 3, 63)
        );
        assert_eq!(encode_mue(MUE_VALUE_MAX + 1, 0, 0), None);
        for rate in [
            None,
            Some((77_062_000, 2)),
            Some((134_194, 3)),
            Some((0, 2)),
        ] {
            assert_eq!(decode_opps(encode_opps(28, rate).unwrap()), (28, rate));
        }
        assert_eq!(encode_opps(0, Some((1, 4))), None);
        assert_eq!(encode_opps(0, Some((-1, 2))), None);
    }

    #[test]
    fn xref_and_date_roundtrip() {
        for s in ["Q2057", "0708T", "QM", "CPT"] {
            let x = CrossReference::parse(s).unwrap();
            assert_eq!(decode_xref(encode_xref(Some(x))), Some(x));
        }
        assert_eq!(decode_xref(encode_xref(None)), None);
        let d = NaiveDate::from_ymd_opt(2025, 4, 1);
        assert_eq!(decode_date(encode_date(d)), d);
        assert_eq!(decode_date(encode_date(None)), None);
    }
}

/// Byte layout of one fee-schedule row (`hcpcs::fee_schedule::FeeScheduleRow`). Amounts are `i32` in
/// hundredths (scale 2); the conversion factor in ten-thousandths (scale 4).
pub mod fee {
    pub const CODE: usize = 0; // u32
    pub const MODIFIER: usize = 4; // u16, 0 = none
    pub const STATUS: usize = 6; // u8 index + 1
    pub const FLAGS: usize = 7; // u8: FLAG_*
    pub const WORK: usize = 8; // i32
    pub const NON_FACILITY_PE: usize = 12;
    pub const FACILITY_PE: usize = 16;
    pub const MP: usize = 20;
    pub const NON_FACILITY_TOTAL: usize = 24;
    pub const FACILITY_TOTAL: usize = 28;
    pub const PCTC: usize = 32; // u8 index + 1, and so on for the enums
    pub const GLOBAL: usize = 33;
    pub const PRE_OP: usize = 34; // u16 hundredths
    pub const INTRA_OP: usize = 36;
    pub const POST_OP: usize = 38;
    pub const MULTIPLE: usize = 40;
    pub const BILATERAL: usize = 41;
    pub const ASSISTANT: usize = 42;
    pub const CO_SURGEONS: usize = 43;
    pub const TEAM: usize = 44;
    pub const SUPERVISION: usize = 45;
    pub const CALCULATION: usize = 46; // u8, the digit
    pub const IMAGING: usize = 47;
    pub const ENDO_BASE: usize = 48; // u32 packed code, 0 = none
    pub const CONVERSION: usize = 52; // i32 ten-thousandths
    pub const OPPS_NON_FACILITY_PE: usize = 56; // i32
    pub const OPPS_FACILITY_PE: usize = 60;
    pub const OPPS_MP: usize = 64;
    pub const PRICING: usize = 68; // u8 PRIC IND index + 1, 0 = absent (files before 2026)
    pub const WIDTH: usize = 69;
    pub const FLAG_NOT_USED: u8 = 1;
    pub const FLAG_NON_FACILITY_NA: u8 = 2;
    pub const FLAG_FACILITY_NA: u8 = 4;
    pub type Raw = [u8; WIDTH];
}

/// Byte layout of one add-on code edit (`hcpcs::add_on::AddOnEdit`).
pub mod aoc {
    pub const ADD_ON: usize = 0; // u32 packed code
    pub const PRIMARY: usize = 4; // u32 packed code, 0 = CCCCC (contractor defined)
    pub const TYPE: usize = 8; // u8 index + 1
    pub const NOTE: usize = 10; // u16 note id, 0 = none
    pub const EFFECTIVE: usize = 12; // u32 date
    pub const DELETED: usize = 16;
    pub const ADD_ON_DELETED: usize = 20;
    pub const PRIMARY_DELETED: usize = 24;
    pub const WIDTH: usize = 28;
    pub type Raw = [u8; WIDTH];
}
