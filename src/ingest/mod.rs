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
pub mod wordxml;

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
    /// UTF-16, little-endian.
    Utf16le,
    /// UTF-16, big-endian.
    Utf16be,
    /// TCVN3 (ABC), the legacy ".Vn" font encoding.
    Tcvn3,
    /// VNI-Windows, base letters followed by mark bytes.
    Vni,
    /// VIQR (RFC 1456), 7-bit mnemonics such as "Vie^.t".
    Viqr,
    /// Windows-1258: base letters plus combining tone marks.
    Windows1258,
    /// Paragraphs in different encodings (text pasted from several files).
    Mixed,
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
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viqr => "viqr",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Mixed => "mixed",
            Encoding::Other(name) => name,
        }
    }

    /// The encoding a user named (`--encoding`), aliases included:
    /// `utf-8`/`utf8`, `utf-16le`, `utf-16be`, `tcvn3`/`abc`/`vn3`,
    /// `vni`/`vni-windows`, `viqr`, `windows-1258`/`cp1258`. Case and `-`,
    /// `_`, space do not matter.
    pub fn from_name(name: &str) -> Option<Encoding> {
        let n: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match n.as_str() {
            "utf8" => Some(Encoding::Utf8),
            "utf16le" => Some(Encoding::Utf16le),
            "utf16be" => Some(Encoding::Utf16be),
            _ => legacy::Legacy::from_name(name).map(Encoding::from),
        }
    }

    /// Every name [`Encoding::from_name`] accepts, for help texts.
    pub const NAMES: &'static str =
        "utf-8, utf-16le, utf-16be, windows-1258 (cp1258), tcvn3 (abc), vni, viqr";

    fn legacy(self) -> Option<legacy::Legacy> {
        match self {
            Encoding::Tcvn3 => Some(legacy::Legacy::Tcvn3),
            Encoding::Vni => Some(legacy::Legacy::Vni),
            Encoding::Viqr => Some(legacy::Legacy::Viqr),
            Encoding::Windows1258 => Some(legacy::Legacy::Windows1258),
            _ => None,
        }
    }
}

impl From<legacy::Legacy> for Encoding {
    fn from(l: legacy::Legacy) -> Self {
        match l {
            legacy::Legacy::Tcvn3 => Encoding::Tcvn3,
            legacy::Legacy::Vni => Encoding::Vni,
            legacy::Legacy::Viqr => Encoding::Viqr,
            legacy::Legacy::Windows1258 => Encoding::Windows1258,
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

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A byte-order mark said so.
    Bom,
    /// The bytes are valid in this encoding and in no likelier one.
    Certain,
    /// Detected from the text: most words decode to valid Vietnamese
    /// syllables in this encoding and clearly fewer in any other (see
    /// [`Source::encoding_score`]).
    Detected,
    /// The user chose it (`--encoding`).
    Forced,
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

/// One paragraph of a [`Encoding::Mixed`] document and its encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EncodingPart {
    /// The encoding's name ("tcvn3", "utf-8", "ascii" …).
    pub encoding: &'static str,
    /// First byte of the paragraph in the input file, from 0.
    pub file_start: usize,
    /// One past its last byte.
    pub file_end: usize,
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
    /// How the encoding was decided.
    pub confidence: Confidence,
    /// For a detected legacy encoding, the share of words (0 to 1) that
    /// decode to plausible Vietnamese syllables.
    pub encoding_score: Option<f32>,
    /// For a mixed document, each paragraph's encoding.
    pub parts: Vec<EncodingPart>,
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
pub fn read(
    path: &str,
    bytes: &[u8],
    format: InputFormat,
    encoding: Option<Encoding>,
) -> Result<Source, Error> {
    read_with(path, bytes, format, encoding, &Limits::DEFAULT)
}

/// [`read`] within the given `limits`.
pub fn read_with(
    path: &str,
    bytes: &[u8],
    format: InputFormat,
    encoding: Option<Encoding>,
    limits: &Limits,
) -> Result<Source, Error> {
    let format = match format {
        InputFormat::Auto => detect(bytes)?,
        InputFormat::Text => Format::Text,
        InputFormat::Docx => Format::Docx,
        InputFormat::Html => Format::Html,
    };
    // Text hashes in `decode_with`; the other arms hash here.
    let sha256 = || hex(&Sha256::digest(bytes));
    match format {
        Format::Text => decode_with(path, bytes, encoding),
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
                encoding_score: None,
                parts: Vec::new(),
                sha256: sha256(),
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
                encoding_score: None,
                parts: Vec::new(),
                sha256: sha256(),
                bytes: bytes.len(),
                invalid: page.invalid,
                format,
                layout: Some(page.rendered.layout),
            })
        }
    }
}

/// Decode `bytes` read from `path`, detecting the encoding.
///
/// Returns [`Error::NotText`] for binary input (a .doc or .pdf given by
/// mistake, or NUL bytes that are not UTF-16).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Source, Error> {
    decode_with(path, bytes, None)
}

/// Decode `bytes`, in `forced` when given, else detecting the encoding.
///
/// Detection: a byte-order mark decides; then valid UTF-8 with non-ASCII
/// letters is UTF-8; pure ASCII is UTF-8 unless it reads convincingly as VIQR;
/// other bytes go to the legacy detector (TCVN3, VNI, Windows-1258), then to
/// paragraph-by-paragraph decoding for documents that mix encodings, and
/// last to UTF-8 with the invalid bytes replaced and reported.
///
/// Returns [`Error::LimitExceeded`] for input larger than
/// [`crate::limits::MAX_INPUT_BYTES`], before reading it.
pub fn decode_with(path: &str, bytes: &[u8], forced: Option<Encoding>) -> Result<Source, Error> {
    if bytes.len() as u64 > crate::limits::MAX_INPUT_BYTES {
        return Err(Error::LimitExceeded {
            limit: crate::limits::Limit::InputBytes,
            found: bytes.len() as u64,
            line: None,
        });
    }
    let sha256 = hex(&Sha256::digest(bytes));
    let mut src = Source {
        path: path.to_string(),
        text: String::new(),
        encoding: Encoding::Utf8,
        confidence: Confidence::Certain,
        encoding_score: None,
        parts: Vec::new(),
        sha256,
        bytes: bytes.len(),
        invalid: Vec::new(),
        format: Format::Text,
        layout: None,
    };
    if let Some(enc) = forced {
        decode_as(&mut src, bytes, enc);
        src.confidence = if src.invalid.is_empty() {
            Confidence::Forced
        } else {
            Confidence::Repaired
        };
        return Ok(src);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (src.text, src.invalid) = decode_utf8(rest, 3);
        src.confidence = unless_repaired(&src.invalid, Confidence::Bom);
        return Ok(src);
    }
    for (bom, enc) in [
        (b"\xFF\xFE", Encoding::Utf16le),
        (b"\xFE\xFF", Encoding::Utf16be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            (src.text, src.invalid) = decode_utf16(rest, enc == Encoding::Utf16be, 2);
            src.encoding = enc;
            src.confidence = unless_repaired(&src.invalid, Confidence::Bom);
            return Ok(src);
        }
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::NotText { reason: kind });
    }
    if bytes.contains(&0) {
        let Some(enc) = utf16_without_bom(bytes).map(|be| {
            if be {
                Encoding::Utf16be
            } else {
                Encoding::Utf16le
            }
        }) else {
            let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
            return Err(Error::NotText {
                reason: format!("byte {at} is NUL, which plain text never holds"),
            });
        };
        (src.text, src.invalid) = decode_utf16(bytes, enc == Encoding::Utf16be, 0);
        src.encoding = enc;
        src.confidence = unless_repaired(&src.invalid, Confidence::Detected);
        return Ok(src);
    }
    // Validated with SIMD: the standard library checks Vietnamese text (a
    // multi-byte char every few bytes) several times slower.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // Valid UTF-8: only pure ASCII can still be a legacy encoding (VIQR).
        if text.is_ascii()
            && let Some((legacy::Legacy::Viqr, score)) = legacy::detect(bytes)
        {
            decode_as(&mut src, bytes, Encoding::Viqr);
            (src.confidence, src.encoding_score) = (Confidence::Detected, Some(score));
        } else {
            src.text = text.to_string();
        }
        return Ok(src);
    }
    if mostly_utf8(bytes) {
        (src.text, src.invalid) = decode_utf8(bytes, 0);
        src.confidence = Confidence::Repaired;
        return Ok(src);
    }
    if let Some((enc, score)) = legacy::detect(bytes) {
        decode_as(&mut src, bytes, enc.into());
        (src.confidence, src.encoding_score) = (Confidence::Detected, Some(score));
        return Ok(src);
    }
    let mixed = legacy::decode_mixed(bytes);
    if mixed
        .paragraphs
        .iter()
        .any(|(_, e)| legacy::Legacy::from_name(e).is_some())
    {
        src.encoding = Encoding::Mixed;
        src.confidence = if mixed.invalid.is_empty() {
            Confidence::Detected
        } else {
            Confidence::Repaired
        };
        src.parts = mixed
            .paragraphs
            .iter()
            .map(|(r, e)| EncodingPart {
                encoding: e,
                file_start: r.start,
                file_end: r.end,
            })
            .collect();
        src.invalid = locate_replacements(&mixed.text, &mixed.invalid);
        src.text = mixed.text;
        return Ok(src);
    }
    (src.text, src.invalid) = decode_utf8(bytes, 0);
    src.confidence = Confidence::Repaired;
    Ok(src)
}

/// `confidence`, or [`Confidence::Repaired`] when bytes had to be replaced.
fn unless_repaired(invalid: &[InvalidBytes], confidence: Confidence) -> Confidence {
    if invalid.is_empty() {
        confidence
    } else {
        Confidence::Repaired
    }
}

/// Decodes the whole input in `enc` (a BOM, if any, is skipped).
fn decode_as(src: &mut Source, bytes: &[u8], enc: Encoding) {
    src.encoding = enc;
    match enc {
        Encoding::Utf8 | Encoding::Mixed => {
            let rest = bytes.strip_prefix(b"\xEF\xBB\xBF");
            (src.text, src.invalid) =
                decode_utf8(rest.unwrap_or(bytes), if rest.is_some() { 3 } else { 0 });
        }
        Encoding::Utf16le | Encoding::Utf16be => {
            let be = enc == Encoding::Utf16be;
            let bom: &[u8] = if be { b"\xFE\xFF" } else { b"\xFF\xFE" };
            let rest = bytes.strip_prefix(bom);
            (src.text, src.invalid) = decode_utf16(
                rest.unwrap_or(bytes),
                be,
                if rest.is_some() { 2 } else { 0 },
            );
        }
        _ => {
            let Some(l) = enc.legacy() else { return };
            let d = legacy::decode(bytes, l);
            src.invalid = locate_replacements(&d.text, &d.invalid);
            src.text = d.text;
        }
    }
}

/// Pairs the input ranges a legacy decoder replaced with the U+FFFD
/// characters it wrote, in order.
fn locate_replacements(text: &str, invalid: &[std::ops::Range<usize>]) -> Vec<InvalidBytes> {
    text.match_indices('\u{FFFD}')
        .zip(invalid)
        .map(|((at, _), r)| InvalidBytes {
            file_offset: r.start,
            len: r.len(),
            text_offset: at,
        })
        .collect()
}

/// UTF-8 with a few damaged bytes, not a legacy encoding: at most one
/// invalid sequence per 50 valid multi-byte characters (and at most 3 in a
/// short text). A legacy paragraph makes nearly every letter with a mark an
/// invalid sequence, far past this.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid <= (valid / 50).max(3)
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
    None
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

/// Decodes UTF-16 starting `base` bytes into the file (after a BOM, if any),
/// replacing unpaired surrogates.
fn decode_utf16(bytes: &[u8], big_endian: bool, base: usize) -> (String, Vec<InvalidBytes>) {
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
