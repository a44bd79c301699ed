//! The OPPS payment status indicator (SI) of CMS's Addendum B: how a hospital outpatient claim line is
//! paid, packaged or denied.
//!
//! **Where the words come from.** The authority is CMS's Addendum D1 of the CY 2026 OPPS/ASC final rule
//! (CMS-1834-FC). Its text could not be obtained here (the project's notes:
//! `opps-status-indicators/2026/status-indicators.md` of the data directory). What could be sourced,
//! each with its source ([`SiSource`]):
//! - A, B, C, D, E1, E2, F, G, H, J1: Addendum D1's "Item/Code/Service" column as quoted by Noridian
//!   Healthcare Solutions' JF Part A page "OPPS Payment Status Indicators" (which year's edition it
//!   reproduces is not stated);
//! - H1, J2, K, K1, L, M, N, P: the Integrated OCE "Pay Stat" descriptions on the APC Assistant page
//!   (a third party; not Addendum D1 wording);
//! - Q2: "T-Packaged Codes", quoted from an older Addendum D1 on a third-party Q&A page;
//! - Q1, Q3, Q4, R, S, S1, T, U, V, Y: **no wording found**: [`StatusIndicator::description`] is
//!   `None`, never an invented text.
//!
//! [`StatusIndicator::payment`] is this crate's classification into five categories, read from the
//! sourced wording and, where there is none, from Addendum B itself (S1 codes carry a payment rate).
//!
//! ```
//! use hcpcs_core::opps::{PaymentCategory, SiSource, StatusIndicator};
//! let g: StatusIndicator = "G".parse().unwrap();
//! assert_eq!(g.description(), Some("Pass-through Drugs and Biologicals; separate APC payment"));
//! assert_eq!(g.payment(), PaymentCategory::SeparatelyPaid);
//! assert_eq!(StatusIndicator::Q4.description(), None);
//! assert_eq!(StatusIndicator::Q4.source(), SiSource::NotFound);
//! assert_eq!(StatusIndicator::Q4.payment(), PaymentCategory::ConditionallyPackaged);
//! ```

use core::fmt;

use crate::indicator::{CmsValue, UnknownValue};

/// How a status indicator's line is paid, in five categories (this crate's classification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PaymentCategory {
    /// Paid under OPPS separately (its own APC payment, pass-through, comprehensive APC, per diem).
    SeparatelyPaid,
    /// Packaged: no separate payment, paid within another service's APC (N).
    Packaged,
    /// Conditionally packaged: packaged when billed with certain other services, else paid (Q1-Q4).
    ConditionallyPackaged,
    /// Not paid under OPPS but under another fee schedule or payment system, or at reasonable cost
    /// (A, F, L, Y).
    OtherPaymentSystem,
    /// Not paid on an outpatient hospital claim (B, C, D, E1, E2, M).
    NotPaid,
}

/// Where a status indicator's description comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SiSource {
    /// Addendum D1's wording as quoted by Noridian JF Part A, "OPPS Payment Status Indicators"
    /// (<https://med.noridianmedicare.com/web/jfa/provider-types/opps/opps-payment-status-indicators>);
    /// the edition's year is not stated.
    NoridianQuotingAddendumD1,
    /// The Integrated OCE payment-status description on APC Assistant
    /// (<https://apcassistant.com/HtmlPages/key_pxs.htm>), a third party; not Addendum D1 wording.
    IoceApcAssistant,
    /// An older Addendum D1 line quoted on a third-party Q&A page (year not stated).
    OlderAddendumD1ThirdParty,
    /// No wording was found.
    NotFound,
}

macro_rules! si {
    ($( $v:ident = $code:literal, $cat:ident, $src:ident, $desc:expr; )+) => {
        /// OPPS payment status indicator (Addendum B), every value of the CY 2026 quarters and D.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #[allow(missing_docs)]
        pub enum StatusIndicator { $($v,)+ }

        impl StatusIndicator {
            /// Every value, in CMS's order.
            pub const ALL: &'static [StatusIndicator] = &[$(StatusIndicator::$v),+];
            /// The field's name.
            pub const FIELD: &'static str = "OPPS status indicator";

            /// The CMS code (`"E1"`).
            pub const fn code(self) -> &'static str {
                match self { $(StatusIndicator::$v => $code),+ }
            }

            /// The description found for it, `None` where none was (see the module docs and
            /// [`StatusIndicator::source`]).
            pub const fn description(self) -> Option<&'static str> {
                match self { $(StatusIndicator::$v => $desc),+ }
            }

            /// Where [`StatusIndicator::description`] comes from.
            pub const fn source(self) -> SiSource {
                match self { $(StatusIndicator::$v => SiSource::$src),+ }
            }

            /// How a line with this indicator is paid (this crate's classification).
            pub const fn payment(self) -> PaymentCategory {
                match self { $(StatusIndicator::$v => PaymentCategory::$cat),+ }
            }

            /// The value whose CMS code is exactly `code`.
            pub fn from_code(code: &str) -> Option<StatusIndicator> {
                match code { $($code => Some(StatusIndicator::$v),)+ _ => None }
            }

            /// Position in [`Self::ALL`]; used by the generated tables.
            #[doc(hidden)]
            pub const fn index(self) -> u8 {
                self as u8
            }

            /// Inverse of [`Self::index`].
            #[doc(hidden)]
            pub fn from_index(i: u8) -> Option<StatusIndicator> {
                Self::ALL.get(i as usize).copied()
            }
        }
    };
}

si! {
    A = "A", OtherPaymentSystem, NoridianQuotingAddendumD1, Some("Services furnished to a hospital outpatient that are paid under a fee schedule or payment system other than OPPS");
    B = "B", NotPaid, NoridianQuotingAddendumD1, Some("Codes that are not recognized by OPPS when submitted on an 12x or 13x TOB - there may be an alternative code or alternate type of bill");
    C = "C", NotPaid, NoridianQuotingAddendumD1, Some("Inpatient only procedures, not paid under OPPS-denied beneficiary liable");
    D = "D", NotPaid, NoridianQuotingAddendumD1, Some("Discontinued codes");
    E1 = "E1", NotPaid, NoridianQuotingAddendumD1, Some("Items, codes, and services not covered by any Medicare outpatient benefit category; statutorily excluded; not reasonable and necessary");
    E2 = "E2", NotPaid, NoridianQuotingAddendumD1, Some("Items, codes, and services for which pricing information and claims data are not available");
    F = "F", OtherPaymentSystem, NoridianQuotingAddendumD1, Some("Corneal tissue acquisition; certain CRNA services and Hepatitis B vaccines");
    G = "G", SeparatelyPaid, NoridianQuotingAddendumD1, Some("Pass-through Drugs and Biologicals; separate APC payment");
    H = "H", SeparatelyPaid, NoridianQuotingAddendumD1, Some("Pass-through device categories; separate cost-based pass-through payment, not subject to copayment");
    H1 = "H1", SeparatelyPaid, IoceApcAssistant, Some("Non-opioid medical devices for post-surgical pain relief");
    J1 = "J1", SeparatelyPaid, NoridianQuotingAddendumD1, Some("Hospital part B services paid through a comprehensive APC");
    J2 = "J2", SeparatelyPaid, IoceApcAssistant, Some("Hospital Part B services that may be paid through a Comprehensive APC");
    K = "K", SeparatelyPaid, IoceApcAssistant, Some("Non-pass-through drugs and non-implantable biologicals, including therapeutic radiopharmaceuticals");
    K1 = "K1", SeparatelyPaid, IoceApcAssistant, Some("Non-opioid drugs and biologicals for post-surgical pain relief");
    L = "L", OtherPaymentSystem, IoceApcAssistant, Some("Influenza vaccine; pneumococcal pneumonia vaccine; Hepatitis B vaccines; COVID-19 vaccine; monoclonal antibody therapy product");
    M = "M", NotPaid, IoceApcAssistant, Some("Service not billable to the FI/MAC");
    N = "N", Packaged, IoceApcAssistant, Some("Packaged/incidental service");
    P = "P", SeparatelyPaid, NotFound, None;
    Q1 = "Q1", ConditionallyPackaged, NotFound, None;
    Q2 = "Q2", ConditionallyPackaged, OlderAddendumD1ThirdParty, Some("T-Packaged Codes");
    Q3 = "Q3", ConditionallyPackaged, NotFound, None;
    Q4 = "Q4", ConditionallyPackaged, NotFound, None;
    R = "R", SeparatelyPaid, NotFound, None;
    S = "S", SeparatelyPaid, NotFound, None;
    S1 = "S1", SeparatelyPaid, NotFound, None;
    T = "T", SeparatelyPaid, NotFound, None;
    U = "U", SeparatelyPaid, NotFound, None;
    V = "V", SeparatelyPaid, NotFound, None;
    Y = "Y", OtherPaymentSystem, NotFound, None;
}

impl CmsValue for StatusIndicator {
    const FIELD: &'static str = StatusIndicator::FIELD;
    fn from_cms_code(code: &str) -> Option<StatusIndicator> {
        StatusIndicator::from_code(code)
    }
}

impl fmt::Display for StatusIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl core::str::FromStr for StatusIndicator {
    type Err = UnknownValue;
    /// Parses the CMS code, ignoring surrounding whitespace and ASCII case.
    fn from_str(s: &str) -> Result<StatusIndicator, UnknownValue> {
        let t = s.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownValue {
                field: StatusIndicator::FIELD,
                value: s.to_string(),
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for StatusIndicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_roundtrips_and_says_where_its_words_come_from() {
        assert_eq!(StatusIndicator::ALL.len(), 29);
        for &si in StatusIndicator::ALL {
            assert_eq!(StatusIndicator::from_code(si.code()), Some(si));
            assert_eq!(si.code().parse::<StatusIndicator>().ok(), Some(si));
            assert_eq!(StatusIndicator::from_index(si.index()), Some(si));
            assert_eq!(
                si.description().is_none(),
                si.source() == SiSource::NotFound,
                "{si}"
            );
        }
        assert_eq!(StatusIndicator::N.payment(), PaymentCategory::Packaged);
        assert_eq!(StatusIndicator::E1.payment(), PaymentCategory::NotPaid);
    }
}
