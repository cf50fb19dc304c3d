//! Stage 1, **ingest**: bytes → decoded source text, with provenance.
//!
//! Offsets everywhere downstream are byte offsets into [`Source::text`], the
//! decoded text (UTF-8 in memory) with any byte-order mark removed. A Word
//! (.docx) or HTML input is first *rendered* into the text form the parser
//! reads (one line per paragraph and per table row, cells separated by TAB;
//! see [`docx`] and [`html`]); its [`Source::layout`] then maps the rendered
//! text back to paragraphs and table cells of the document.
//!
//! [`read`] decides the format by content, never by file name: a zip holding
//! `word/document.xml` is Word, markup at the start is HTML, the rest is
//! text. Legacy Word (.doc) and PDF files are refused with what to do.

pub mod docx;
pub mod html;
pub mod layout;
pub mod legacy;
pub mod limits;

use layout::Layout;
use limits::Limits;

use crate::error::Error;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The text encodings kehoach can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian, announced by a byte-order mark or recognised
    /// by its pattern of zero bytes.
    Utf16le,
    /// UTF-16, big-endian, announced by a byte-order mark or recognised by
    /// its pattern of zero bytes.
    Utf16be,
    /// Windows-1258 (Vietnamese code page), for HTML pages that declare it
    /// or declare nothing and are not UTF-8.
    Windows1258,
    /// Another single-byte encoding an HTML page declares, by its WHATWG
    /// name ("windows-1252").
    Other(&'static str),
}

impl Encoding {
    /// The name used in output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Other(name) => name,
        }
    }
}

/// The format of an input, as detected or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// A Word document (Office Open XML, .docx).
    Docx,
    /// An HTML page.
    Html,
}

impl Format {
    /// The name used in `source.format`: "text", "docx" or "html".
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

/// Which format to read an input as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide by content (see [`detect`]).
    #[default]
    Auto,
    /// Read as text whatever it looks like.
    Text,
    /// Read as a Word document (.docx).
    Docx,
    /// Read as an HTML page.
    Html,
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
    /// The input's format.
    pub format: Format,
    /// For .docx and HTML input: where each paragraph and cell of
    /// [`Source::text`] (the rendered text) stands in the document.
    pub layout: Option<Layout>,
}

/// The format of `bytes`, by content: a zip container is taken for Word
/// (reading it then says if it is not), markup at the start for HTML, the
/// rest for text. PDF and OLE files (legacy .doc, .xls, password-protected
/// Office files) are refused with what to do.
pub fn detect(bytes: &[u8]) -> Result<Format, Error> {
    if docx::is_zip(bytes) {
        return Ok(Format::Docx);
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || utf16_without_bom(bytes).is_some();
    if !utf16 && let Some(reason) = binary_signature(bytes) {
        return Err(Error::NotText { reason });
    }
    if html::looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// Reads `bytes` from `path` in `format` (by content when
/// [`InputFormat::Auto`]) within the default [`Limits`].
pub fn read(path: &str, bytes: &[u8], format: InputFormat) -> Result<Source, Error> {
    read_with(path, bytes, format, &Limits::DEFAULT)
}

/// [`read`] within the given `limits`.
pub fn read_with(
    path: &str,
    bytes: &[u8],
    format: InputFormat,
    limits: &Limits,
) -> Result<Source, Error> {
    let format = match format {
        InputFormat::Auto => detect(bytes)?,
        InputFormat::Text => Format::Text,
        InputFormat::Docx => Format::Docx,
        InputFormat::Html => Format::Html,
    };
    let sha256 = hex(&Sha256::digest(bytes));
    match format {
        Format::Text => decode(path, bytes),
        Format::Docx => {
            if !docx::is_zip(bytes) {
                return Err(Error::Docx {
                    reason: match binary_signature(bytes) {
                        Some(what) => format!("it is not a zip container: {what}"),
                        None => "it is not a zip container, as every .docx is".to_string(),
                    },
                });
            }
            let r = docx::render(bytes, limits)?;
            Ok(Source {
                path: path.to_string(),
                text: r.text,
                encoding: Encoding::Utf8,
                confidence: Confidence::Certain,
                sha256,
                bytes: bytes.len(),
                invalid: Vec::new(),
                format,
                layout: Some(r.layout),
            })
        }
        Format::Html => {
            if let Some(reason) = binary_signature(bytes)
                && utf16_without_bom(bytes).is_none()
                && !bytes.starts_with(b"\xFF\xFE")
                && !bytes.starts_with(b"\xFE\xFF")
            {
                return Err(Error::Html {
                    reason: format!("it is not text: {reason}"),
                });
            }
            let page = html::read(bytes, limits)?;
            Ok(Source {
                path: path.to_string(),
                text: page.rendered.text,
                encoding: page.encoding,
                confidence: page.confidence,
                sha256,
                bytes: bytes.len(),
                invalid: page.invalid,
                format,
                layout: Some(page.rendered.layout),
            })
        }
    }
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
            let (text, invalid) = decode_utf16(rest, false, 2);
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
            let (text, invalid) = decode_utf16(rest, true, 2);
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
        } else if let Some(big_endian) = utf16_without_bom(bytes) {
            let (text, invalid) = decode_utf16(bytes, big_endian, 0);
            let conf = if invalid.is_empty() {
                Confidence::Certain
            } else {
                Confidence::Repaired
            };
            let enc = if big_endian {
                Encoding::Utf16be
            } else {
                Encoding::Utf16le
            };
            (text, enc, conf, invalid)
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
        format: Format::Text,
        layout: None,
    })
}

/// Whether `bytes` are UTF-16 without a byte-order mark, and if so whether
/// big-endian: in the first 4 KiB, at least 30% of the code units have a
/// zero byte on one side (ASCII letters, digits, spaces and line breaks)
/// and at most 2% on the other, the text holds a line break or space, and no
/// surrogate is unpaired. Vietnamese text is mostly ASCII letters and
/// spaces, so the pattern is strong; UTF-8 and legacy encodings never have
/// zero bytes.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let big_endian = if odd * 10 >= pairs * 3 && even * 50 <= pairs {
        false
    } else if even * 10 >= pairs * 3 && odd * 50 <= pairs {
        true
    } else {
        return None;
    };
    let (text, _) = decode_utf16(head, big_endian, 0);
    // A cut surrogate pair at the end of the sample is not a fault.
    let body = text.trim_end_matches('\u{FFFD}');
    (!body.contains('\u{FFFD}') && body.contains([' ', '\n', '<'])).then_some(big_endian)
}

/// Names the kind of a binary input by its signature, or by NUL bytes.
fn binary_signature(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "it is a PDF file; PDF is not supported yet (a later version will read it), so save the plan as .docx or text",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "it is a legacy Word (.doc), a password-protected Office file or another OLE file; open it in Word or LibreOffice, remove any password and save it as .docx",
        ),
        (
            b"PK\x03\x04",
            "it is a zip container (.docx, .xlsx); read it as a document (--input-format auto or docx)",
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

/// Decodes UTF-8, replacing each maximal invalid sequence with U+FFFD;
/// `base` is the file offset of `bytes[0]`.
pub(crate) fn decode_utf8(bytes: &[u8], base: usize) -> (String, Vec<InvalidBytes>) {
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

/// Decodes UTF-16, replacing unpaired surrogates; `base` is the file offset
/// of `bytes[0]` (2 after a byte-order mark).
pub(crate) fn decode_utf16(
    bytes: &[u8],
    big_endian: bool,
    base: usize,
) -> (String, Vec<InvalidBytes>) {
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
                    file_offset: base + unit_index * 2,
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
            file_offset: base + bytes.len() - 1,
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
