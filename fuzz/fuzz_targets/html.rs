//! The HTML reader: the bytes as a page, then the whole pipeline on it.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::html(data));
