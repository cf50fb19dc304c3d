//! Stage 1, **ingest**: bytes → decoded source text, with provenance.
//!
//! Offsets everywhere downstream are byte offsets into [`Source::text`], the
//! decoded text (UTF-8 in memory) with any byte-order mark removed.

pub mod legacy;

use crate::error::Error;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The text encodings kehoach can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian, announced by a byte-order mark.
    Utf16le,
    /// UTF-16, big-endian, announced by a byte-order mark.
    Utf16be,
}

impl Encoding {
    /// The name used in output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
        }
    }
}

/// How sure the decoder is of the encoding it chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A byte-order mark said so.
    Bom,
    /// The bytes are valid in this encoding and in no likelier one.
    Certain,
    /// The bytes are mostly valid; some had to be replaced.
    Repaired,
}

/// A run of bytes that could not be decoded and was replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidBytes {
    /// Byte offset in the input file (from 0) of the first invalid byte.
    pub file_offset: usize,
    /// How many bytes were replaced.
    pub len: usize,
    /// Byte offset in the source text where the replacement character stands.
    pub text_offset: usize,
}

/// The input after decoding, with where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given (`-` for standard input), or a caller's label.
    pub path: String,
    /// The decoded text. All source offsets point into this string.
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: Encoding,
    /// How sure the decoder is.
    pub confidence: Confidence,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Bytes replaced while decoding, in file order.
    pub invalid: Vec<InvalidBytes>,
}

/// Decode `bytes` read from `path`.
///
/// Returns [`Error::NotText`] for input that holds NUL bytes outside UTF-16
/// (a binary file, or a .doc or .pdf given by mistake).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Source, Error> {
    let sha256 = hex(&Sha256::digest(bytes));
    let (text, encoding, confidence, invalid) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let (text, invalid) = decode_utf8(rest, 3);
            let conf = if invalid.is_empty() {
                Confidence::Bom
            } else {
                Confidence::Repaired
            };
            (text, Encoding::Utf8, conf, invalid)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            let (text, invalid) = decode_utf16(rest, false);
            (
                text,
                Encoding::Utf16le,
                if invalid.is_empty() {
                    Confidence::Bom
                } else {
                    Confidence::Repaired
                },
                invalid,
            )
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            let (text, invalid) = decode_utf16(rest, true);
            (
                text,
                Encoding::Utf16be,
                if invalid.is_empty() {
                    Confidence::Bom
                } else {
                    Confidence::Repaired
                },
                invalid,
            )
        } else {
            if let Some(kind) = binary_signature(bytes) {
                return Err(Error::NotText { reason: kind });
            }
            let (text, invalid) = decode_utf8(bytes, 0);
            let conf = if invalid.is_empty() {
                Confidence::Certain
            } else {
                Confidence::Repaired
            };
            (text, Encoding::Utf8, conf, invalid)
        };
    Ok(Source {
        path: path.to_string(),
        text,
        encoding,
        confidence,
        sha256,
        bytes: bytes.len(),
        invalid,
    })
}

/// Names the kind of a binary input by its signature, or by NUL bytes.
fn binary_signature(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "it is a PDF file; PDF is not supported yet, save the plan as text or .docx",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "it is a legacy Word (.doc) or other OLE file; save it as .docx or text",
        ),
        (
            b"PK\x03\x04",
            "it is a zip container (.docx, .xlsx); only text input is supported so far",
        ),
    ];
    for (magic, what) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Some((*what).to_string());
        }
    }
    bytes
        .iter()
        .position(|&b| b == 0)
        .map(|at| format!("byte {at} is NUL, which plain text never holds"))
}

/// Decodes UTF-8, replacing each maximal invalid sequence with U+FFFD.
fn decode_utf8(bytes: &[u8], base: usize) -> (String, Vec<InvalidBytes>) {
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = Vec::new();
    for chunk in bytes.utf8_chunks() {
        let consumed_before = chunk.valid().as_ptr() as usize - bytes.as_ptr() as usize;
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            invalid.push(InvalidBytes {
                file_offset: base + consumed_before + chunk.valid().len(),
                len: chunk.invalid().len(),
                text_offset: text.len(),
            });
            text.push('\u{FFFD}');
        }
    }
    (text, invalid)
}

/// Decodes UTF-16 (after its byte-order mark), replacing unpaired surrogates.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> (String, Vec<InvalidBytes>) {
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = Vec::new();
    let mut unit_index = 0usize;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                unit_index += c.len_utf16();
            }
            Err(_) => {
                invalid.push(InvalidBytes {
                    file_offset: 2 + unit_index * 2,
                    len: 2,
                    text_offset: text.len(),
                });
                text.push('\u{FFFD}');
                unit_index += 1;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        invalid.push(InvalidBytes {
            file_offset: 2 + bytes.len() - 1,
            len: 1,
            text_offset: text.len(),
        });
        text.push('\u{FFFD}');
    }
    (text, invalid)
}

fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(digest.len() * 2);
    for &b in digest {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_drops_the_bom_from_the_text() {
        let src = decode("x", "\u{FEFF}Kế hoạch".as_bytes()).unwrap();
        assert_eq!(src.text, "Kế hoạch");
        assert_eq!(src.encoding, Encoding::Utf8);
        assert_eq!(src.confidence, Confidence::Bom);
        assert_eq!(src.bytes, "\u{FEFF}Kế hoạch".len());
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Sở Y tế".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let a = decode("le", &le).unwrap();
        let b = decode("be", &be).unwrap();
        assert_eq!(a.text, "Sở Y tế");
        assert_eq!(b.text, "Sở Y tế");
        assert_eq!(a.encoding, Encoding::Utf16le);
        assert_eq!(b.encoding, Encoding::Utf16be);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let bytes = b"Ke\xFFhoach\xC3";
        let src = decode("x", bytes).unwrap();
        assert_eq!(src.text, "Ke\u{FFFD}hoach\u{FFFD}");
        assert_eq!(src.confidence, Confidence::Repaired);
        assert_eq!(src.invalid.len(), 2);
        assert_eq!(src.invalid[0].file_offset, 2);
        assert_eq!(src.invalid[1].file_offset, 8);
        assert_eq!(&src.text[src.invalid[1].text_offset..], "\u{FFFD}");
    }

    #[test]
    fn binary_inputs_are_refused_with_a_reason() {
        assert!(matches!(
            decode("x", b"%PDF-1.7\n..."),
            Err(Error::NotText { .. })
        ));
        let err = decode("x", b"abc\0def").unwrap_err().to_string();
        assert!(err.contains("byte 3 is NUL"), "{err}");
    }

    #[test]
    fn sha256_of_empty_input() {
        let src = decode("x", b"").unwrap();
        assert_eq!(
            src.sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
