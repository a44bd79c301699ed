//! Code types, CMS indicator enums and (feature `source`) validating parsers for the CMS HCPCS source
//! files.
//!
//! This is the build-time half of the [`hcpcs`](https://docs.rs/hcpcs) crate: `hcpcs` re-exports the
//! types, and its build script (`hcpcs-build`) reads the project's `data/` files with `text` (feature
//! `data`), which `hcpcs-import` writes from the CMS downloads. Use `hcpcs` itself unless you need the
//! rows of a dataset at run time.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod code;
pub mod date;
#[cfg(feature = "data")]
pub mod error;
pub mod fee;
pub mod indicator;
pub mod opps;
#[doc(hidden)]
pub mod packed;
#[cfg(feature = "data")]
pub mod rows;
#[cfg(feature = "data")]
pub mod text;
pub mod words;
