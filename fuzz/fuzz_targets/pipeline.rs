//! The whole text pipeline: analyze (decode, normalize, parse, extract) and check.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::pipeline(data));
