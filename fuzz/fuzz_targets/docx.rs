//! The Word reader: the bytes as a .docx, and as the XML parts of one.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::docx(data));
