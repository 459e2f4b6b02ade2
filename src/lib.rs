//! claimmark: finds the check-worthy claims in a news article.
//!
//! `text → segments → claims → marks`. The core (everything but `web`) is pure Rust with no
//! web types; the web edge (`web`, wasm32 only) walks the DOM and wraps the marks.
//!
//! Offsets: the core speaks UTF-8 byte offsets into the input text; the JS API speaks UTF-16
//! code units, converted in one place ([`offsets::Utf16Index`]).

pub mod attribution;
pub mod extract;
pub mod hedge;
pub mod marks;
pub mod model;
pub mod offsets;
pub mod quantity;
pub mod quote;
pub mod report;
pub mod score;
pub mod segment;
pub mod sort;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod web_js;

pub use extract::{extract, extract_with, Options};
pub use report::*;
