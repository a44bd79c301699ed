//! Code types, CMS indicator enums and (feature `source`) validating parsers for the CMS HCPCS source
//! files.
//!
//! This is the build-time half of the [`hcpcs`](https://docs.rs/hcpcs) crate: `hcpcs` re-exports the
//! types, and its build script uses [`source`] to compile the CMS files into static tables. Use `hcpcs`
//! itself unless you need to parse a CMS file at run time.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod code;
pub mod fee;
pub mod indicator;
#[doc(hidden)]
pub mod packed;
#[cfg(feature = "source")]
pub mod source;
