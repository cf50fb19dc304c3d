//! Decoding (detected, or forced by the first byte) and normalizing.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::decode_normalize(data));
