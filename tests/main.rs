//! Integration tests: one binary (see `autotests = false` in Cargo.toml) with
//! one module per layer, so the suite compiles and links once.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod batch;
mod check;
mod cli;
mod common;
mod diff;
mod encodings;
mod export;
mod fixtures;
mod formats;
mod fuzz;
mod layouts;
mod limits;
mod normalize;
mod properties;
mod sample;
mod schema;
mod spans;
mod units;
