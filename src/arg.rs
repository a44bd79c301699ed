//! The one convention for look-up arguments: every look-up takes `impl AsCode`.

use hcpcs_core::packed;

use crate::{Code, CodeError, HcpcsCode, Modifier};

mod sealed {
    pub trait Sealed {}
    impl Sealed for &str {}
    impl Sealed for &String {}
    impl Sealed for crate::HcpcsCode {}
    impl Sealed for crate::Modifier {}
    impl Sealed for crate::Code {}
    impl<T: Sealed> Sealed for &T {}
}

/// What every look-up accepts as a code: text (`&str`, `&String`; ASCII case and surrounding
/// whitespace ignored) or a typed code ([`HcpcsCode`], [`Modifier`], [`Code`]), and a reference to
/// any of these (so `iter().filter(|c| hcpcs::contains(c))` works). Text that is not a
/// well-formed code makes the look-up answer with the precise [`CodeError`]
/// ([`crate::LookupError::Malformed`]). Sealed: implemented for these types only.
///
/// ```
/// let typed: hcpcs::HcpcsCode = "Q2057".parse().unwrap();
/// assert_eq!(hcpcs::get("q2057"), hcpcs::get(typed));
/// assert_eq!(hcpcs::get(typed), hcpcs::get(hcpcs::Code::Procedure(typed)));
/// assert!(hcpcs::lookup("Q20X7").is_err());
/// ```
pub trait AsCode: sealed::Sealed + Copy {
    /// The code, or why the text is not one.
    fn to_code(self) -> Result<Code, CodeError>;

    /// The presence-bitmap key of a letter-first procedure code with four digits, the look-ups'
    /// fast path.
    #[doc(hidden)]
    fn letter_key(self) -> Option<u32>;
}

impl AsCode for &str {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        Code::parse(self)
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        packed::letter_key_ascii(self.as_bytes())
    }
}

impl AsCode for &String {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        self.as_str().to_code()
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        self.as_str().letter_key()
    }
}

impl AsCode for HcpcsCode {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        Ok(Code::Procedure(self))
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        packed::letter_key(self.to_u32())
    }
}

impl AsCode for Modifier {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        Ok(Code::Modifier(self))
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        None
    }
}

impl AsCode for Code {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        Ok(self)
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        match self {
            Code::Procedure(p) => packed::letter_key(p.to_u32()),
            Code::Modifier(_) => None,
        }
    }
}

impl<T: AsCode> AsCode for &T {
    #[inline]
    fn to_code(self) -> Result<Code, CodeError> {
        (*self).to_code()
    }

    #[inline]
    fn letter_key(self) -> Option<u32> {
        (*self).letter_key()
    }
}
