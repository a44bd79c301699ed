//! Packed, `Copy` code types: [`HcpcsCode`] (5 characters), [`Modifier`] (2 characters) and [`Code`]
//! (either), with the [`CodeShape`] classification of every well-formed code.
//!
//! Parsing ignores ASCII case and surrounding whitespace, never panics and never allocates. A string that
//! is not a well-formed code gets a precise [`CodeError`].

use core::fmt;
use core::num::{NonZeroU16, NonZeroU32};
use core::str::FromStr;

/// Why a string is not a well-formed HCPCS code or modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// The input was empty (or only whitespace).
    #[error("empty code")]
    Empty,
    /// The input (after trimming) has the wrong number of characters.
    #[error("wrong length: {found} {}, expected {expected}", if *found == 1 { "character" } else { "characters" })]
    WrongLength {
        /// Characters found after trimming surrounding whitespace.
        found: usize,
        /// What was expected, for a person (`"5"`, `"2"`, `"2 or 5"`).
        expected: &'static str,
    },
    /// The character at `position` (1-based, counted after trimming) cannot stand there.
    #[error("bad character {found:?} at position {position}: expected {expected}")]
    BadCharacter {
        /// 1-based character position after trimming.
        position: usize,
        /// The offending character.
        found: char,
        /// What may stand at that position, for a person.
        expected: &'static str,
    },
}

/// The shape of a well-formed code: which coding system it belongs to.
///
/// Classification is by shape alone; it says nothing about whether the code exists.
///
/// ```
/// use hcpcs_core::code::CodeShape;
/// assert_eq!(CodeShape::classify("99213"), Ok(CodeShape::CptCategoryI));
/// assert_eq!(CodeShape::classify("q2057"), Ok(CodeShape::LevelII));
/// assert_eq!(CodeShape::classify("0708T"), Ok(CodeShape::CptCategoryIII));
/// assert_eq!(CodeShape::classify("TC"), Ok(CodeShape::Modifier));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CodeShape {
    /// HCPCS Level II: a letter other than `D` and 4 digits (`Q2057`). Public domain.
    LevelII,
    /// CPT Category I: 5 digits (`99213`). AMA copyright.
    CptCategoryI,
    /// CPT Category II (performance measurement): 4 digits and `F` (`0001F`). AMA copyright.
    CptCategoryII,
    /// CPT Category III (emerging technology): 4 digits and `T` (`0708T`). AMA copyright.
    CptCategoryIII,
    /// CPT Proprietary Laboratory Analyses: 4 digits and `U` (`0001U`). AMA copyright.
    Pla,
    /// CPT Multianalyte Assays with Algorithmic Analyses: 4 digits and `M` (`0002M`). AMA copyright.
    Multianalyte,
    /// CDT dental code: `D` and 4 digits (`D0120`). ADA copyright.
    Dental,
    /// A HCPCS Level II modifier: 2 characters, a letter first (`TC`, `LT`). Public domain.
    Modifier,
    /// A CPT (Level I) modifier: 2 characters, a digit first (`25`, `59`, `1P`). Its number is no
    /// copyrighted text, its descriptor is (AMA); the HCPCS Level II file does not define it.
    CptModifier,
}

impl CodeShape {
    /// Classifies a code string by shape (case and surrounding whitespace ignored).
    pub fn classify(s: &str) -> Result<CodeShape, CodeError> {
        s.parse::<Code>().map(|c| c.shape())
    }

    /// A short name for the shape, for people.
    pub const fn name(self) -> &'static str {
        match self {
            CodeShape::LevelII => "HCPCS Level II code",
            CodeShape::CptCategoryI => "CPT Category I code",
            CodeShape::CptCategoryII => "CPT Category II code",
            CodeShape::CptCategoryIII => "CPT Category III code",
            CodeShape::Pla => "CPT Proprietary Laboratory Analyses (PLA) code",
            CodeShape::Multianalyte => "CPT Multianalyte Assay with Algorithmic Analyses code",
            CodeShape::Dental => "CDT dental code",
            CodeShape::Modifier => "HCPCS Level II modifier",
            CodeShape::CptModifier => "CPT (Level I) modifier",
        }
    }

    /// Whether codes of this shape are CPT (HCPCS Level I, AMA copyright) codes.
    pub const fn is_cpt(self) -> bool {
        matches!(
            self,
            CodeShape::CptCategoryI
                | CodeShape::CptCategoryII
                | CodeShape::CptCategoryIII
                | CodeShape::Pla
                | CodeShape::Multianalyte
                | CodeShape::CptModifier
        )
    }

    /// Whether codes of this shape are HCPCS Level II codes or modifiers, which the crate carries
    /// whole (public domain); the others (CPT, CDT) only under the `cpt` feature, and never their
    /// descriptions.
    pub const fn is_level2(self) -> bool {
        matches!(self, CodeShape::LevelII | CodeShape::Modifier)
    }
}

impl fmt::Display for CodeShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One code character as a 6-bit value: `0`-`9` are 1-10, `A`-`Z` are 11-36, so packed codes compare in
/// the same order as their strings and a packed value is never zero.
const fn pack_char(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32 + 1,
        _ => (b - b'A') as u32 + 11,
    }
}

const fn unpack_char(v: u32) -> u8 {
    if v <= 10 {
        b'0' + (v as u8) - 1
    } else {
        b'A' + (v as u8) - 11
    }
}

/// Each byte's packed character value (as [`pack_char`], lower case folded to upper), 0 for a byte that
/// cannot stand in a code: the fast path of parsing.
static CHAR_VALUE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8 + 1;
        i += 1;
    }
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8 + 11;
        t[b'a' as usize + i] = i as u8 + 11;
        i += 1;
    }
    t
};

const V_F: u8 = b'F' - b'A' + 11;
const V_T: u8 = b'T' - b'A' + 11;
const V_U: u8 = b'U' - b'A' + 11;
const V_M: u8 = b'M' - b'A' + 11;

/// The fast path: exactly 5 bytes, no whitespace, a valid shape. `None` sends the caller to the slow
/// path, which trims and finds the precise error.
#[inline]
fn pack5(b: &[u8]) -> Option<HcpcsCode> {
    let b: &[u8; 5] = b.try_into().ok()?;
    let v = b.map(|c| CHAR_VALUE[c as usize]);
    let digit = |x: u8| x.wrapping_sub(1) < 10;
    let tail_ok = if v[0] > 10 {
        digit(v[4])
    } else {
        digit(v[4]) || matches!(v[4], V_F | V_T | V_U | V_M)
    };
    if v[0] == 0 || !digit(v[1]) || !digit(v[2]) || !digit(v[3]) || !tail_ok {
        return None;
    }
    let p = (v[0] as u32) << 24
        | (v[1] as u32) << 18
        | (v[2] as u32) << 12
        | (v[3] as u32) << 6
        | v[4] as u32;
    NonZeroU32::new(p).map(HcpcsCode)
}

/// The fast path for modifiers: exactly 2 letters or digits.
#[inline]
fn pack2(b: &[u8]) -> Option<Modifier> {
    let b: &[u8; 2] = b.try_into().ok()?;
    let (x, y) = (CHAR_VALUE[b[0] as usize], CHAR_VALUE[b[1] as usize]);
    if x == 0 || y == 0 {
        return None;
    }
    NonZeroU16::new((x as u16) << 6 | y as u16).map(Modifier)
}

/// Trims, upper-cases and length-checks `s` into a fixed buffer of `N` ASCII bytes.
fn normalise<const N: usize>(s: &str, expected: &'static str) -> Result<[u8; N], CodeError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(CodeError::Empty);
    }
    let mut out = [0u8; N];
    let mut n = 0;
    for (i, ch) in t.chars().enumerate() {
        if !ch.is_ascii_alphanumeric() {
            return Err(CodeError::BadCharacter {
                position: i + 1,
                found: ch,
                expected: "a letter or digit",
            });
        }
        if n < N {
            out[n] = ch.to_ascii_uppercase() as u8;
        }
        n += 1;
    }
    if n != N {
        return Err(CodeError::WrongLength { found: n, expected });
    }
    Ok(out)
}

fn expect_digits(b: &[u8], from: usize) -> Result<(), CodeError> {
    for (i, &c) in b.iter().enumerate().skip(from) {
        if !c.is_ascii_digit() {
            return Err(CodeError::BadCharacter {
                position: i + 1,
                found: c as char,
                expected: "a digit",
            });
        }
    }
    Ok(())
}

/// A well-formed 5-character procedure code of any [`CodeShape`] except modifier, packed in 4 bytes.
///
/// `Option<HcpcsCode>` is 4 bytes too. Ordering is the code's string order.
///
/// ```
/// use hcpcs_core::code::{CodeShape, HcpcsCode};
/// let c: HcpcsCode = " q2057 ".parse().unwrap();
/// assert_eq!(c.to_string(), "Q2057");
/// assert_eq!(c.shape(), CodeShape::LevelII);
/// assert!("Q205".parse::<HcpcsCode>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HcpcsCode(NonZeroU32);

impl HcpcsCode {
    /// Parses a code (case and surrounding whitespace ignored).
    #[inline]
    pub fn parse(s: &str) -> Result<HcpcsCode, CodeError> {
        if let Some(c) = pack5(s.as_bytes()) {
            return Ok(c);
        }
        let b: [u8; 5] = normalise(s, "5")?;
        Self::from_ascii(b).map_err(|e| match e {
            // Report the character as it was written, not upper-cased.
            CodeError::BadCharacter {
                position, expected, ..
            } => CodeError::BadCharacter {
                position,
                expected,
                found: s.trim().chars().nth(position - 1).unwrap_or('?'),
            },
            e => e,
        })
    }

    /// Builds a code from 5 upper-case ASCII bytes, checking its shape.
    pub fn from_ascii(b: [u8; 5]) -> Result<HcpcsCode, CodeError> {
        if b[0].is_ascii_uppercase() {
            expect_digits(&b, 1)?;
        } else if b[0].is_ascii_digit() {
            expect_digits(&b[..4], 1)?;
            if !matches!(b[4], b'0'..=b'9' | b'F' | b'T' | b'U' | b'M') {
                return Err(CodeError::BadCharacter {
                    position: 5,
                    found: b[4] as char,
                    expected: "a digit or one of F, T, U, M",
                });
            }
        } else {
            return Err(CodeError::BadCharacter {
                position: 1,
                found: b[0] as char,
                expected: "a letter or digit",
            });
        }
        let mut v = 0u32;
        for c in b {
            v = (v << 6) | pack_char(c);
        }
        // Every packed character is at least 1, so `v` is never zero.
        Ok(HcpcsCode(NonZeroU32::new(v).ok_or(CodeError::Empty)?))
    }

    /// The packed representation (stable across versions of this crate: 6 bits a character).
    #[inline]
    pub const fn to_u32(self) -> u32 {
        self.0.get()
    }

    /// Rebuilds a code from [`HcpcsCode::to_u32`]; `None` if `v` is not a well-formed packed code.
    pub fn from_u32(v: u32) -> Option<HcpcsCode> {
        if v >> 30 != 0 {
            return None;
        }
        let mut b = [0u8; 5];
        for (i, slot) in b.iter_mut().enumerate() {
            let c = (v >> (6 * (4 - i))) & 63;
            if c == 0 || c > 36 {
                return None;
            }
            *slot = unpack_char(c);
        }
        Self::from_ascii(b).ok()
    }

    /// Rebuilds a code from a packed value the crate's own tables hold, without checking it.
    #[doc(hidden)]
    #[inline]
    pub const fn from_packed_trusted(v: u32) -> HcpcsCode {
        match NonZeroU32::new(v) {
            Some(v) => HcpcsCode(v),
            None => HcpcsCode(NonZeroU32::MIN),
        }
    }

    /// The code's 5 ASCII bytes.
    pub const fn to_ascii(self) -> [u8; 5] {
        let v = self.0.get();
        [
            unpack_char((v >> 24) & 63),
            unpack_char((v >> 18) & 63),
            unpack_char((v >> 12) & 63),
            unpack_char((v >> 6) & 63),
            unpack_char(v & 63),
        ]
    }

    /// The code's shape (never a modifier shape).
    #[inline]
    pub const fn shape(self) -> CodeShape {
        let [a, _, _, _, e] = self.to_ascii();
        if a == b'D' {
            CodeShape::Dental
        } else if a.is_ascii_uppercase() {
            CodeShape::LevelII
        } else {
            match e {
                b'F' => CodeShape::CptCategoryII,
                b'T' => CodeShape::CptCategoryIII,
                b'U' => CodeShape::Pla,
                b'M' => CodeShape::Multianalyte,
                _ => CodeShape::CptCategoryI,
            }
        }
    }
}

/// A well-formed 2-character modifier (letters and digits), packed in 2 bytes.
///
/// ```
/// use hcpcs_core::code::Modifier;
/// let m: Modifier = "tc".parse().unwrap();
/// assert_eq!(m.to_string(), "TC");
/// assert!(!m.is_cpt());
/// assert!("25".parse::<Modifier>().unwrap().is_cpt());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Modifier(NonZeroU16);

impl Modifier {
    /// Parses a modifier (case and surrounding whitespace ignored).
    #[inline]
    pub fn parse(s: &str) -> Result<Modifier, CodeError> {
        if let Some(m) = pack2(s.as_bytes()) {
            return Ok(m);
        }
        let b: [u8; 2] = normalise(s, "2")?;
        Ok(Self::from_ascii_unchecked_shape(b))
    }

    /// Builds a modifier from 2 upper-case ASCII letters or digits.
    pub fn from_ascii(b: [u8; 2]) -> Result<Modifier, CodeError> {
        for (i, &c) in b.iter().enumerate() {
            if !(c.is_ascii_digit() || c.is_ascii_uppercase()) {
                return Err(CodeError::BadCharacter {
                    position: i + 1,
                    found: c as char,
                    expected: "an upper-case letter or digit",
                });
            }
        }
        Ok(Self::from_ascii_unchecked_shape(b))
    }

    fn from_ascii_unchecked_shape(b: [u8; 2]) -> Modifier {
        let v = ((pack_char(b[0]) << 6) | pack_char(b[1])) as u16;
        // pack_char is at least 1, so v >= 65.
        Modifier(NonZeroU16::new(v).unwrap_or(NonZeroU16::MIN))
    }

    /// The packed representation (6 bits a character).
    #[inline]
    pub const fn to_u16(self) -> u16 {
        self.0.get()
    }

    /// Rebuilds a modifier from [`Modifier::to_u16`]; `None` if `v` is not a packed modifier.
    pub fn from_u16(v: u16) -> Option<Modifier> {
        let (a, b) = ((v >> 6) as u32, (v & 63) as u32);
        if v >> 12 != 0 || a == 0 || a > 36 || b == 0 || b > 36 {
            return None;
        }
        Some(Self::from_ascii_unchecked_shape([
            unpack_char(a),
            unpack_char(b),
        ]))
    }

    /// Rebuilds a modifier from a packed value the crate's own tables hold, without checking it.
    #[doc(hidden)]
    #[inline]
    pub const fn from_packed_trusted(v: u16) -> Modifier {
        match NonZeroU16::new(v) {
            Some(v) => Modifier(v),
            None => Modifier(NonZeroU16::MIN),
        }
    }

    /// The modifier's 2 ASCII bytes.
    pub const fn to_ascii(self) -> [u8; 2] {
        let v = self.0.get() as u32;
        [unpack_char(v >> 6), unpack_char(v & 63)]
    }

    /// Whether this is a CPT (Level I) modifier: one that starts with a digit (`25`, `1P`).
    #[inline]
    pub const fn is_cpt(self) -> bool {
        self.to_ascii()[0].is_ascii_digit()
    }
}

/// Either a procedure code or a modifier: what a code string on a claim line can be.
///
/// Parsing decides by length (5 or 2 characters after trimming).
///
/// ```
/// use hcpcs_core::code::{Code, CodeShape};
/// assert_eq!("TC".parse::<Code>().unwrap().shape(), CodeShape::Modifier);
/// assert_eq!("99213".parse::<Code>().unwrap().shape(), CodeShape::CptCategoryI);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A 5-character procedure, supply or service code.
    Procedure(HcpcsCode),
    /// A 2-character modifier.
    Modifier(Modifier),
}

impl Code {
    /// Parses a procedure code or a modifier (case and surrounding whitespace ignored).
    #[inline]
    pub fn parse(s: &str) -> Result<Code, CodeError> {
        match s.len() {
            5 => {
                if let Some(c) = pack5(s.as_bytes()) {
                    return Ok(Code::Procedure(c));
                }
            }
            2 => {
                if let Some(m) = pack2(s.as_bytes()) {
                    return Ok(Code::Modifier(m));
                }
            }
            _ => {}
        }
        Self::parse_slow(s)
    }

    #[cold]
    fn parse_slow(s: &str) -> Result<Code, CodeError> {
        let t = s.trim();
        match t.chars().count() {
            0 => Err(CodeError::Empty),
            2 => Modifier::parse(t).map(Code::Modifier),
            5 => HcpcsCode::parse(t).map(Code::Procedure),
            n => {
                // Report a bad character before a bad length: it is the more precise error.
                normalise::<0>(t, "2 or 5").and(Err(CodeError::WrongLength {
                    found: n,
                    expected: "2 or 5",
                }))
            }
        }
    }

    /// The code's shape.
    pub const fn shape(self) -> CodeShape {
        match self {
            Code::Procedure(c) => c.shape(),
            Code::Modifier(m) if m.is_cpt() => CodeShape::CptModifier,
            Code::Modifier(_) => CodeShape::Modifier,
        }
    }

    /// Whether CMS's descriptions of this code are public domain and may be embedded: HCPCS Level II
    /// codes and Level II (letter-first) modifiers. CPT (AMA) and CDT (ADA) descriptions are not.
    ///
    /// ```
    /// use hcpcs_core::code::Code;
    /// let yes = |s: &str| s.parse::<Code>().unwrap().descriptions_are_public_domain();
    /// assert!(yes("Q2057") && yes("TC"));
    /// assert!(!yes("99213") && !yes("0708T") && !yes("D0120") && !yes("25"));
    /// ```
    pub const fn descriptions_are_public_domain(self) -> bool {
        match self {
            Code::Procedure(c) => matches!(c.shape(), CodeShape::LevelII),
            Code::Modifier(m) => !m.is_cpt(),
        }
    }
}

impl From<HcpcsCode> for Code {
    fn from(c: HcpcsCode) -> Code {
        Code::Procedure(c)
    }
}

impl From<Modifier> for Code {
    fn from(m: Modifier) -> Code {
        Code::Modifier(m)
    }
}

macro_rules! code_traits {
    ($t:ty, $n:literal) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let b = self.to_ascii();
                let mut s = [0u8; $n];
                s.copy_from_slice(&b);
                // The bytes are ASCII letters and digits by construction.
                f.pad(core::str::from_utf8(&s).map_err(|_| fmt::Error)?)
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($t), self)
            }
        }

        impl FromStr for $t {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, CodeError> {
                <$t>::parse(s)
            }
        }

        impl TryFrom<&str> for $t {
            type Error = CodeError;
            fn try_from(s: &str) -> Result<Self, CodeError> {
                <$t>::parse(s)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", stringify!($t), " string"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        <$t>::parse(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

code_traits!(HcpcsCode, 5);
code_traits!(Modifier, 2);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Procedure(c) => fmt::Display::fmt(c, f),
            Code::Modifier(m) => fmt::Display::fmt(m, f),
        }
    }
}

impl FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Code, CodeError> {
        Code::parse(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Code::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A cross-reference (record columns 205-229): the code a deleted or non-Medicare code crosswalks to.
///
/// The record layout says these are codes; the January 2026 file also has the literal `CPT` (P7001:
/// "see the CPT code set"), so that is a value of its own.
///
/// ```
/// use hcpcs_core::code::{Code, CrossReference};
/// assert_eq!("CPT".parse::<CrossReference>(), Ok(CrossReference::Cpt));
/// assert!(matches!("QM".parse::<CrossReference>(), Ok(CrossReference::Code(Code::Modifier(_)))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CrossReference {
    /// A procedure code or modifier.
    Code(Code),
    /// The literal `CPT`: the replacement is in the CPT code set.
    Cpt,
}

impl CrossReference {
    /// Parses a cross-reference: a code, a modifier or `CPT` (case and surrounding whitespace ignored).
    pub fn parse(s: &str) -> Result<CrossReference, CodeError> {
        if s.trim().eq_ignore_ascii_case("CPT") {
            return Ok(CrossReference::Cpt);
        }
        Code::parse(s).map(CrossReference::Code)
    }

    /// The code, unless this is [`CrossReference::Cpt`].
    pub const fn code(self) -> Option<Code> {
        match self {
            CrossReference::Code(c) => Some(c),
            CrossReference::Cpt => None,
        }
    }
}

impl fmt::Display for CrossReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CrossReference::Code(c) => fmt::Display::fmt(c, f),
            CrossReference::Cpt => f.pad("CPT"),
        }
    }
}

impl FromStr for CrossReference {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<CrossReference, CodeError> {
        CrossReference::parse(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CrossReference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CrossReference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        CrossReference::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (s, shape) in [
            ("Q2057", CodeShape::LevelII),
            ("99213", CodeShape::CptCategoryI),
            ("0001F", CodeShape::CptCategoryII),
            ("0708T", CodeShape::CptCategoryIII),
            ("0001U", CodeShape::Pla),
            ("0002M", CodeShape::Multianalyte),
            ("D0120", CodeShape::Dental),
            ("TC", CodeShape::Modifier),
            ("25", CodeShape::CptModifier),
            ("1P", CodeShape::CptModifier),
        ] {
            assert_eq!(CodeShape::classify(s), Ok(shape), "{s}");
        }
    }

    #[test]
    fn errors_are_precise() {
        assert_eq!(HcpcsCode::parse("   "), Err(CodeError::Empty));
        assert_eq!(
            HcpcsCode::parse("Q205"),
            Err(CodeError::WrongLength {
                found: 4,
                expected: "5"
            })
        );
        assert_eq!(
            HcpcsCode::parse("Q2O57"),
            Err(CodeError::BadCharacter {
                position: 3,
                found: 'O',
                expected: "a digit"
            })
        );
        assert_eq!(
            HcpcsCode::parse("0708X"),
            Err(CodeError::BadCharacter {
                position: 5,
                found: 'X',
                expected: "a digit or one of F, T, U, M"
            })
        );
        assert!(matches!(
            Code::parse("Q2-57"),
            Err(CodeError::BadCharacter { position: 3, .. })
        ));
        assert!(matches!(
            Code::parse("Qé"),
            Err(CodeError::BadCharacter {
                position: 2,
                found: 'é',
                ..
            })
        ));
        assert_eq!(
            Code::parse("ABC"),
            Err(CodeError::WrongLength {
                found: 3,
                expected: "2 or 5"
            })
        );
    }

    #[test]
    fn packing_preserves_order_and_roundtrips() {
        let codes = [
            "0001F", "00100", "99213", "A0021", "D0120", "Q2057", "V5364",
        ];
        let parsed: Vec<HcpcsCode> = codes.iter().map(|s| s.parse().unwrap()).collect();
        let mut sorted = parsed.clone();
        sorted.sort();
        assert_eq!(parsed, sorted);
        for c in parsed {
            assert_eq!(HcpcsCode::from_u32(c.to_u32()), Some(c));
        }
        assert_eq!(HcpcsCode::from_u32(0), None);
        let m: Modifier = "1p".parse().unwrap();
        assert_eq!(Modifier::from_u16(m.to_u16()), Some(m));
        assert_eq!(format!("{m:>4}"), "  1P");
    }
}
