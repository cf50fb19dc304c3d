//! Integration tests: one binary (see `autotests = false` in Cargo.toml) with
//! one module per layer, so the suite compiles and links once.

mod check;
mod cli;
mod common;
mod fixtures;
mod sample;
mod spans;
