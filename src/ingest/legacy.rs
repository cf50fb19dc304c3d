//! Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows, VIQR (RFC 1456)
//! and Windows-1258.
//!
//! Plans from the 1990s and 2000s, and text copied out of old Word files,
//! still arrive in these encodings. This module decodes them to NFC text
//! ([`decode`]), encodes text into them for fixtures and round-trip tests
//! ([`encode`]), guesses which one a buffer is in ([`detect`]), and decodes
//! documents whose paragraphs were pasted together from files in different
//! encodings ([`decode_mixed`]).
//!
//! # Tables
//!
//! TCVN3, VNI-Windows and VIQR are decoded with the tables in
//! `data/legacy-encodings/` (copied verbatim from the project's shared data;
//! each file's header cites its sources), embedded at compile time and turned
//! into lookup tables once. Windows-1258 comes from `encoding_rs` (the WHATWG
//! Encoding Standard index), followed by NFC composition because Windows-1258
//! writes most toned letters as a base letter and a combining tone mark.
//!
//! # What each encoding loses or needs
//!
//! * **TCVN3** has no toned capitals: offices typed capitals with the
//!   lowercase codes in an uppercase font, so the font (lost in plain text)
//!   carried the case. [`decode`] restores case per word; see
//!   [`decode`]'s documentation for the rule and its limits. Byte 0xAD, the
//!   soft hyphen in Windows-1252, is "ư" in TCVN3: never strip soft hyphens
//!   before decoding. The bytes 0x80–0x9F hold Windows-1252 symbols (as
//!   Unikey reads them), *not* the capitals that iconv's `TCVN` charset puts
//!   there; iconv's `TCVN` is a different encoding (TCVN 5712 VN1).
//! * **VNI-Windows** writes most vowels as an ASCII base letter followed by a
//!   mark byte; "đ", "ơ", "ư" and some "i"/"y" letters are single bytes.
//!   Bytes 0x80–0xBF, which no VNI letter or mark uses, are read as
//!   Windows-1252 (the symbols the VNI fonts keep there, from the
//!   Windows-1252 rows of `tcvn3.tsv`, and Latin-1 for 0xA0–0xBF).
//! * **VIQR** is 7-bit ASCII: "Vie^.t Nam". A backslash makes the next mark
//!   character literal ("gi`\?" is "gì?"). Characters outside ASCII and
//!   Vietnamese letters cannot be written in VIQR.
//! * **Windows-1258** has no code for many toned letters; [`encode`] writes
//!   those as base letter plus combining tone mark, as Microsoft's converters
//!   do, and [`decode`] composes them back (NFC). The bytes the code page
//!   leaves undefined (0x81, 0x8A, 0x8D–0x90, 0x9A, 0x9D, 0x9E) decode to the
//!   C1 control characters, as the WHATWG index says.
//!
//! # Offsets
//!
//! Decoded text comes with checkpoints `(text byte offset, input byte
//! offset)`; [`Decoded::input_offset`] maps any text offset back to the input.
//! Only the checkpoints that the mapping needs are stored: between two
//! checkpoints each text byte stands for one input byte, so a run of ASCII
//! costs nothing and a checkpoint follows each character whose text and input
//! lengths differ. On the sample plan (12,974 characters) that is 2,741
//! checkpoints for TCVN3, 2,624 for Windows-1258, 1,988 for VNI and 449 for
//! VIQR (whose mnemonics are mostly as long as the UTF-8 they become), against
//! 12,974 for one per character; a test keeps it under one per four.

use crate::memo::{self, WordMap};
use crate::normalize::chars::is_letter;
use encoding_rs::WINDOWS_1258;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

const TCVN3_TSV: &str = include_str!("../../data/legacy-encodings/tcvn3.tsv");
const VNI_TSV: &str = include_str!("../../data/legacy-encodings/vni-windows.tsv");
const VIQR_TSV: &str = include_str!("../../data/legacy-encodings/viqr.tsv");

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Legacy {
    /// TCVN3, also called ABC or VN3 (TCVN 5712:1993, the `.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows (the `VNI-Times` fonts): base letter plus mark byte.
    Vni,
    /// VIQR, Vietnamese Quoted-Readable (RFC 1456): 7-bit ASCII mnemonics.
    Viqr,
    /// Windows-1258 (code page 1258): Latin letters plus combining tone marks.
    Windows1258,
}

impl Legacy {
    /// Every legacy encoding, in a fixed order.
    pub const ALL: [Legacy; 4] = [
        Legacy::Tcvn3,
        Legacy::Vni,
        Legacy::Viqr,
        Legacy::Windows1258,
    ];

    /// The name used in output: "tcvn3", "vni", "viqr" or "windows-1258".
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni",
            Legacy::Viqr => "viqr",
            Legacy::Windows1258 => "windows-1258",
        }
    }

    /// Looks an encoding up by name or alias, ignoring case, surrounding
    /// spaces, and the difference between `-`, `_` and a space.
    ///
    /// Accepted: "tcvn3", "tcvn-3", "abc", "vn3"; "vni", "vni-windows",
    /// "vni-win", "vniwin"; "viqr", "rfc1456"; "windows-1258", "cp1258",
    /// "win1258", "x-cp1258". A bare "tcvn" is refused on purpose: iconv
    /// uses that name for TCVN 5712 VN1, which differs from TCVN3.
    pub fn from_name(s: &str) -> Option<Legacy> {
        let key: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        match key.as_str() {
            "tcvn3" | "tcvn-3" | "abc" | "vn3" => Some(Legacy::Tcvn3),
            "vni" | "vni-windows" | "vni-win" | "vniwin" => Some(Legacy::Vni),
            "viqr" | "rfc1456" | "rfc-1456" => Some(Legacy::Viqr),
            "windows-1258" | "windows1258" | "cp1258" | "cp-1258" | "win1258" | "win-1258"
            | "x-cp1258" => Some(Legacy::Windows1258),
            _ => None,
        }
    }
}

impl fmt::Display for Legacy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Decoded text with a map back to the input bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, NFC.
    pub text: String,
    /// Checkpoints `(text byte offset, input byte offset)`, both from 0,
    /// sorted and strictly increasing in the text offset, the first at text
    /// offset 0. Between two checkpoints one text byte stands for one input
    /// byte. Use [`Decoded::input_offset`] rather than reading them directly.
    pub offsets: Vec<(usize, usize)>,
    /// Input byte ranges that the encoding does not define; each became one
    /// U+FFFD in the text. In input order.
    pub invalid: Vec<Range<usize>>,
}

impl Decoded {
    /// The input byte offset (from 0) where the character at `text_offset`
    /// (a byte offset into [`Decoded::text`]) begins. An offset inside a
    /// character maps to that character's start; `text.len()` (and anything
    /// beyond) maps to the end of the input.
    pub fn input_offset(&self, text_offset: usize) -> usize {
        map_offset(&self.offsets, &self.text, text_offset)
    }
}

/// A character [`encode`] could not write in the chosen encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unencodable {
    /// The encoding asked for.
    pub encoding: Legacy,
    /// The character.
    pub ch: char,
    /// Byte offset (from 0) of the character in the text given to [`encode`].
    pub offset: usize,
}

impl fmt::Display for Unencodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the character {:?} (U+{:04X}) at byte {} cannot be written in {}",
            self.ch,
            u32::from(self.ch),
            self.offset,
            self.encoding
        )
    }
}

impl std::error::Error for Unencodable {}

/// A document decoded paragraph by paragraph, each in its own encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedDecoded {
    /// The decoded text. Legacy parts are NFC; UTF-8 and ASCII parts are
    /// kept as they are.
    pub text: String,
    /// Checkpoints `(text byte offset, input byte offset)`, as in
    /// [`Decoded::offsets`].
    pub offsets: Vec<(usize, usize)>,
    /// Input byte ranges that could not be decoded, each now one U+FFFD.
    pub invalid: Vec<Range<usize>>,
    /// The paragraphs, in input order, as input byte ranges that together
    /// cover the whole input, each with the name of the encoding it was
    /// decoded from: a [`Legacy::name`], "utf-8", or "ascii" (ASCII that is
    /// not VIQR, which every candidate encoding reads the same way). A
    /// paragraph ends at a blank line (the blank lines belong to the
    /// paragraph before them) or where the encoding changes between lines.
    pub paragraphs: Vec<(Range<usize>, &'static str)>,
}

impl MixedDecoded {
    /// The input byte offset where the character at `text_offset` begins;
    /// see [`Decoded::input_offset`].
    pub fn input_offset(&self, text_offset: usize) -> usize {
        map_offset(&self.offsets, &self.text, text_offset)
    }
}

fn map_offset(offsets: &[(usize, usize)], text: &str, text_offset: usize) -> usize {
    let mut t = text_offset.min(text.len());
    while !text.is_char_boundary(t) {
        t -= 1;
    }
    let k = offsets.partition_point(|&(ct, _)| ct <= t);
    let (ct, ci) = offsets.get(k.wrapping_sub(1)).copied().unwrap_or((0, 0));
    ci + (t - ct)
}

// ---------------------------------------------------------------------------
// Tables

/// Rows of a TSV table: comment lines (`#`) and the header line skipped.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    s.split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).ok())
        .collect()
}

fn codepoint(s: &str) -> Option<char> {
    s.strip_prefix("U+")
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
}

/// A single uppercase char for `c`, or `c` itself if it has none.
fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

struct Tables {
    /// TCVN3 byte → char, ASCII included; `None` where the table has no row.
    tcvn3: [Option<char>; 256],
    /// TCVN3 bytes that stand for a lowercase and an uppercase letter alike.
    tcvn3_case_lost: [bool; 256],
    tcvn3_enc: HashMap<char, u8>,
    /// VNI single byte → char (ASCII, single-byte letters, 0x80–0xBF).
    vni_single: [Option<char>; 256],
    /// VNI base letter + mark byte → char.
    vni_pairs: HashMap<(u8, u8), char, foldhash::fast::FixedState>,
    /// The bytes that end a pair of `vni_pairs`: the pair map is looked up
    /// only before one of them.
    vni_pair_end: [bool; 256],
    vni_enc: HashMap<char, Vec<u8>>,
    /// VIQR mnemonic (2 or 3 bytes) → char.
    viqr: HashMap<Vec<u8>, char>,
    viqr_enc: HashMap<char, Vec<u8>>,
    /// Bytes that `\` makes literal: every byte after the first of a
    /// mnemonic, and `\` itself.
    viqr_escapable: [bool; 128],
    cp1258: [char; 256],
    cp1258_enc: HashMap<char, u8>,
    /// Detection's view of each byte, per one-byte encoding.
    tcvn3_classes: [ByteClass; 256],
    cp1258_classes: [ByteClass; 256],
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

impl Tables {
    fn load() -> Tables {
        // TCVN3: bytes_hex, unicode, codepoint, unicode_name, note.
        let mut tcvn3 = [None; 256];
        let mut tcvn3_case_lost = [false; 256];
        let mut tcvn3_enc = HashMap::new();
        for b in 0..0x80u8 {
            tcvn3[usize::from(b)] = Some(char::from(b));
            tcvn3_enc.insert(char::from(b), b);
        }
        for row in rows(TCVN3_TSV) {
            let (Some(bytes), Some(c)) = (
                row.first().and_then(|s| hex_bytes(s)),
                row.get(2).and_then(|s| codepoint(s)),
            ) else {
                continue;
            };
            let [b] = bytes[..] else { continue };
            tcvn3[usize::from(b)] = Some(c);
            tcvn3_enc.entry(c).or_insert(b);
            if row.get(4).is_some_and(|note| note.contains("also encodes")) {
                tcvn3_case_lost[usize::from(b)] = true;
                tcvn3_enc.entry(upper(c)).or_insert(b);
            }
        }

        // VNI: bytes_hex, unicode, codepoint, unicode_name, as_cp1252.
        let mut vni_single = [None; 256];
        let mut vni_pairs = HashMap::default();
        let mut vni_pair_end = [false; 256];
        let mut vni_enc: HashMap<char, Vec<u8>> = HashMap::new();
        for row in rows(VNI_TSV) {
            let (Some(bytes), Some(c)) = (
                row.first().and_then(|s| hex_bytes(s)),
                row.get(2).and_then(|s| codepoint(s)),
            ) else {
                continue;
            };
            match bytes[..] {
                [b] => vni_single[usize::from(b)] = Some(c),
                [b, m] => {
                    vni_pairs.insert((b, m), c);
                    vni_pair_end[usize::from(m)] = true;
                }
                _ => continue,
            }
            vni_enc.entry(c).or_insert(bytes);
        }
        for b in 0..=0xBFu8 {
            let i = usize::from(b);
            let c = match b {
                0..=0x7F | 0xA0..=0xBF => Some(char::from(b)),
                // The Windows-1252 symbols, as listed in tcvn3.tsv.
                _ => tcvn3[i],
            };
            if let Some(c) = c {
                vni_single[i] = Some(c);
                vni_enc.entry(c).or_insert_with(|| vec![b]);
            }
        }

        // VIQR: viqr, bytes_hex, unicode, codepoint, unicode_name.
        let mut viqr = HashMap::new();
        let mut viqr_enc = HashMap::new();
        let mut viqr_escapable = [false; 128];
        viqr_escapable[usize::from(b'\\')] = true;
        for row in rows(VIQR_TSV) {
            let (Some(bytes), Some(c)) = (
                row.get(1).and_then(|s| hex_bytes(s)),
                row.get(3).and_then(|s| codepoint(s)),
            ) else {
                continue;
            };
            if !(2..=3).contains(&bytes.len()) || !bytes.is_ascii() {
                continue;
            }
            for &b in &bytes[1..] {
                viqr_escapable[usize::from(b)] = true;
            }
            viqr_enc.entry(c).or_insert_with(|| bytes.clone());
            viqr.insert(bytes, c);
        }

        // Windows-1258 from encoding_rs.
        let mut cp1258 = ['\u{FFFD}'; 256];
        let mut cp1258_enc = HashMap::new();
        for b in 0..=255u8 {
            let byte = [b];
            let (s, _) = WINDOWS_1258.decode_without_bom_handling(&byte);
            if let Some(c) = s.chars().next() {
                cp1258[usize::from(b)] = c;
                cp1258_enc.entry(c).or_insert(b);
            }
        }

        Tables {
            tcvn3_classes: byte_classes(|b| tcvn3[usize::from(b)].unwrap_or('\u{FFFD}')),
            cp1258_classes: byte_classes(|b| cp1258[usize::from(b)]),
            tcvn3,
            tcvn3_case_lost,
            tcvn3_enc,
            vni_single,
            vni_pairs,
            vni_pair_end,
            vni_enc,
            viqr,
            viqr_enc,
            viqr_escapable,
            cp1258,
            cp1258_enc,
        }
    }
}

// ---------------------------------------------------------------------------
// Decoding

/// One decoded character before post-processing.
#[derive(Debug, Clone, Copy)]
struct Unit {
    c: char,
    /// Input byte offset where it starts.
    at: usize,
    flags: u8,
}

/// TCVN3: the byte stands for the lowercase and the uppercase letter alike.
const CASE_LOST: u8 = 1;
/// VIQR: the character came from a mnemonic of two or three bytes.
const MNEMONIC: u8 = 2;
/// VIQR: a two-byte mnemonic ending in `.` or `?`, which may as well be a
/// vowel followed by punctuation.
const AMBIGUOUS_MARK: u8 = 4;
/// The byte is not defined in the encoding; `c` is U+FFFD.
const INVALID: u8 = 8;

fn invalid_unit(at: usize) -> Unit {
    Unit {
        c: '\u{FFFD}',
        at,
        flags: INVALID,
    }
}

/// Decodes `bytes` (which start at input offset `base`) into units, without
/// case restoration or NFC.
fn decode_units(bytes: &[u8], base: usize, enc: Legacy) -> Vec<Unit> {
    let t = &*TABLES;
    let mut units = Vec::with_capacity(bytes.len());
    match enc {
        Legacy::Tcvn3 => {
            for (i, &b) in bytes.iter().enumerate() {
                let at = base + i;
                units.push(match t.tcvn3[usize::from(b)] {
                    Some(c) => Unit {
                        c,
                        at,
                        flags: if t.tcvn3_case_lost[usize::from(b)] {
                            CASE_LOST
                        } else {
                            0
                        },
                    },
                    None => invalid_unit(at),
                });
            }
        }
        Legacy::Vni => {
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                let at = base + i;
                if let Some(&m) = bytes.get(i + 1)
                    && t.vni_pair_end[usize::from(m)]
                    && let Some(&c) = t.vni_pairs.get(&(b, m))
                {
                    units.push(Unit { c, at, flags: 0 });
                    i += 2;
                    continue;
                }
                units.push(match t.vni_single[usize::from(b)] {
                    Some(c) => Unit { c, at, flags: 0 },
                    None => invalid_unit(at),
                });
                i += 1;
            }
        }
        Legacy::Viqr => {
            let mut i = 0;
            'bytes: while i < bytes.len() {
                let b = bytes[i];
                let at = base + i;
                if !b.is_ascii() {
                    units.push(invalid_unit(at));
                    i += 1;
                    continue;
                }
                if b == b'\\'
                    && let Some(&n) = bytes.get(i + 1)
                    && n.is_ascii()
                    && t.viqr_escapable[usize::from(n)]
                {
                    units.push(Unit {
                        c: char::from(n),
                        at,
                        flags: 0,
                    });
                    i += 2;
                    continue;
                }
                for len in [3, 2] {
                    if let Some(key) = bytes.get(i..i + len)
                        && let Some(&c) = t.viqr.get(key)
                    {
                        let ambiguous = len == 2 && matches!(key[1], b'.' | b'?');
                        units.push(Unit {
                            c,
                            at,
                            flags: MNEMONIC | if ambiguous { AMBIGUOUS_MARK } else { 0 },
                        });
                        i += len;
                        continue 'bytes;
                    }
                }
                units.push(Unit {
                    c: char::from(b),
                    at,
                    flags: 0,
                });
                i += 1;
            }
        }
        Legacy::Windows1258 => {
            for (i, &b) in bytes.iter().enumerate() {
                units.push(Unit {
                    c: t.cp1258[usize::from(b)],
                    at: base + i,
                    flags: 0,
                });
            }
        }
    }
    units
}

/// Builds text and checkpoints.
struct Builder {
    text: String,
    offsets: Vec<(usize, usize)>,
    invalid: Vec<Range<usize>>,
}

impl Builder {
    fn new(capacity: usize) -> Builder {
        Builder {
            text: String::with_capacity(capacity),
            offsets: vec![(0, 0)],
            invalid: Vec::new(),
        }
    }

    /// Records that the next text byte stands for input offset `at`.
    fn mark(&mut self, at: usize) {
        let t = self.text.len();
        let (lt, li) = self.offsets.last().copied().unwrap_or((0, 0));
        if li + (t - lt) != at {
            if lt == t {
                if let Some(last) = self.offsets.last_mut() {
                    last.1 = at;
                }
            } else {
                self.offsets.push((t, at));
            }
        }
    }

    fn push(&mut self, c: char, at: usize) {
        self.mark(at);
        self.text.push(c);
    }

    fn push_invalid(&mut self, input: Range<usize>) {
        self.mark(input.start);
        self.text.push('\u{FFFD}');
        self.invalid.push(input);
    }

    fn push_unit(&mut self, u: Unit) {
        if u.flags & INVALID != 0 {
            self.push_invalid(u.at..u.at + 1);
        } else {
            self.push(u.c, u.at);
        }
    }

    /// Pushes units, composing each starter with the marks after it (NFC).
    fn push_units(&mut self, units: &[Unit]) {
        let mut i = 0;
        while i < units.len() {
            let mut j = i + 1;
            while j < units.len() && is_combining(units[j].c) {
                j += 1;
            }
            let cluster = &units[i..j];
            if cluster.len() == 1 {
                self.push_unit(cluster[0]);
            } else if let [base, mark] = cluster
                && let Some(c) = compose_pair(base.c, mark.c)
            {
                // A letter and one tone mark, as Windows-1258 writes most
                // toned vowels: composed without building strings.
                self.push(c, base.at);
            } else {
                let raw: String = cluster.iter().map(|u| u.c).collect();
                let composed: String = raw.nfc().collect();
                if composed == raw {
                    cluster.iter().for_each(|&u| self.push_unit(u));
                } else {
                    // The whole cluster stands for the input from its start.
                    for c in composed.chars() {
                        self.push(c, cluster[0].at);
                    }
                }
            }
            i = j;
        }
    }

    /// Pushes UTF-8 bytes (starting at input offset `base`) as they are,
    /// replacing each maximal invalid sequence with U+FFFD.
    fn push_utf8(&mut self, bytes: &[u8], base: usize) {
        let mut at = base;
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                self.push(c, at);
                at += c.len_utf8();
            }
            let bad = chunk.invalid().len();
            if bad > 0 {
                self.push_invalid(at..at + bad);
                at += bad;
            }
        }
    }

    fn finish(mut self, end: usize) -> Decoded {
        self.mark(end);
        Decoded {
            text: self.text,
            offsets: self.offsets,
            invalid: self.invalid,
        }
    }
}

/// What NFC makes of `base` followed by the one combining mark `mark`, when
/// that is one char: `base` composes with `mark` (composition exclusions are
/// not in the table) and is NFC by itself (a starter that NFC leaves alone).
/// `None` otherwise, and then the caller normalizes the general way.
fn compose_pair(base: char, mark: char) -> Option<char> {
    if canonical_combining_class(base) != 0
        || !unicode_normalization::is_nfc(base.encode_utf8(&mut [0; 4]))
    {
        return None;
    }
    compose(base, mark)
}

/// The chars of `bytes` in `enc` (VNI; the one-byte encodings go through
/// [`evidence_of_bytes`]) as [`decode`] reads them, but not composed (NFC)
/// and without checkpoints: all that detection needs. It cuts words only at
/// separators, which no decoder's combining mark composes with, and
/// `is_syllable` decomposes and folds case itself;
/// `detection_scores_as_decoded_text` holds it to that.
fn detection_text(bytes: &[u8], enc: Legacy) -> String {
    decode_units(bytes, 0, enc).iter().map(|u| u.c).collect()
}

/// Decodes `bytes` in the legacy encoding `enc` to NFC text, with checkpoints
/// back to input byte offsets (see [`Decoded::input_offset`]).
///
/// Bytes that `enc` does not define become U+FFFD and are listed in
/// [`Decoded::invalid`]; decoding never fails and never panics.
///
/// **TCVN3 case.** TCVN3 has one code for, say, "ế" and "Ế", so the case of
/// toned letters is rebuilt per word. Within one line segment (a line, or a
/// table cell between tabs), a word's letters with a case of their own
/// (ASCII, and "ăâêôơưđ"/"ĂÂÊÔƠƯĐ") decide:
///
/// * a word with a lowercase letter keeps its toned letters lowercase:
///   "Thùc" → "Thực";
/// * a word with two or more capitals and no lowercase letter becomes all
///   capitals: "HO¹CH" → "HOẠCH", "CHñ" → "CHỦ";
/// * a word with one capital ("KÕ": "Kế" or "KẾ"?) or none ("ë": "ở" or
///   "Ở"?) becomes all capitals only if its segment has no word with a
///   lowercase letter and has a capitals word with a toned letter, or two
///   capitals words without (acronyms such as "TT" alone are not enough), or
///   two words with one capital: "KÕ HO¹CH" → "KẾ HOẠCH", "ñY BAN NH¢N" →
///   "ỦY BAN NHÂN", "Bé Y TÕ" → "BỘ Y TẾ", but "Sè TT" → "Số TT",
///   "Bé Tµi chÝnh" → "Bộ Tài chính" and "Hµ Néi" → "Hà Nội";
/// * otherwise a word that starts a segment of two or more words, or a
///   sentence (after `.`, `!` or `?` and a space), gets a capital first
///   letter: "- ñy ban" → "- Ủy ban"; a lone word keeps lowercase: "µ" → "à".
///
/// What cannot be rebuilt: a toned capital inside a sentence whose other
/// letters are lowercase, such as "của Ủy ban", comes back as "của ủy ban".
pub fn decode(bytes: &[u8], enc: Legacy) -> Decoded {
    let mut units = decode_units(bytes, 0, enc);
    if enc == Legacy::Tcvn3 {
        restore_case(&mut units);
    }
    let mut b = Builder::new(bytes.len() + bytes.len() / 2);
    b.push_units(&units);
    b.finish(bytes.len())
}

// ---------------------------------------------------------------------------
// TCVN3 case restoration

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordCase {
    /// Has a lowercase letter with a case of its own.
    Lower,
    /// Two or more capitals, no lowercase.
    Caps,
    /// Exactly one capital, no lowercase.
    OneCap,
    /// No letter with a case of its own.
    Unknown,
}

fn restore_case(units: &mut [Unit]) {
    // One word list for all segments: a segment is a line or a cell.
    let mut words = Vec::new();
    let mut start = 0;
    for i in 0..=units.len() {
        if i == units.len() || matches!(units[i].c, '\n' | '\r' | '\t') {
            restore_case_segment(&mut units[start..i], &mut words);
            start = i + 1;
        }
    }
}

fn restore_case_segment(seg: &mut [Unit], words: &mut Vec<(Range<usize>, WordCase, bool)>) {
    // Only letters whose case was lost change.
    if seg.iter().all(|u| u.flags & CASE_LOST == 0) {
        return;
    }
    // Words: maximal runs of letters.
    words.clear();
    let mut i = 0;
    while i < seg.len() {
        if !is_letter(seg[i].c) {
            i += 1;
            continue;
        }
        let s = i;
        while i < seg.len() && is_letter(seg[i].c) {
            i += 1;
        }
        let (mut up, mut low, mut lost) = (0, 0, 0);
        for u in &seg[s..i] {
            if u.flags & CASE_LOST != 0 {
                lost += 1;
            } else if u.c.is_uppercase() {
                up += 1;
            } else if u.c.is_lowercase() {
                low += 1;
            }
        }
        let case = if low > 0 {
            WordCase::Lower
        } else if up >= 2 {
            WordCase::Caps
        } else if up == 1 {
            WordCase::OneCap
        } else {
            WordCase::Unknown
        };
        words.push((s..i, case, lost > 0));
    }
    // A capitals word with a toned letter ("HO¹CH") shows the capitals font;
    // one without ("TT", "UBND") may be an acronym in ordinary text.
    let any_lower = words.iter().any(|w| w.1 == WordCase::Lower);
    let toned_caps = words
        .iter()
        .filter(|w| w.1 == WordCase::Caps && w.2)
        .count();
    let plain_caps = words
        .iter()
        .filter(|w| w.1 == WordCase::Caps && !w.2)
        .count();
    let one_cap = words.iter().filter(|w| w.1 == WordCase::OneCap).count();
    let segment_caps = !any_lower && (toned_caps >= 1 || plain_caps >= 2 || one_cap >= 2);

    let mut prev_end = 0;
    for (k, (range, case, lost)) in words.iter().enumerate() {
        if *lost {
            let all = match case {
                WordCase::Caps => true,
                WordCase::Lower => false,
                WordCase::OneCap | WordCase::Unknown => segment_caps,
            };
            if all {
                for u in &mut seg[range.clone()] {
                    if u.flags & CASE_LOST != 0 {
                        u.c = upper(u.c);
                    }
                }
            } else if seg[range.start].flags & CASE_LOST != 0
                && words.len() >= 2
                && (k == 0 || ends_sentence(&seg[prev_end..range.start]))
            {
                seg[range.start].c = upper(seg[range.start].c);
            }
        }
        prev_end = range.end;
    }
}

/// Whether the text between two words ends a sentence: `.`, `!`, `?` or `…`
/// followed by white space (and perhaps an opening bracket or quote).
fn ends_sentence(gap: &[Unit]) -> bool {
    let mut saw_space = false;
    for u in gap.iter().rev() {
        match u.c {
            c if c.is_whitespace() => saw_space = true,
            '(' | '[' | '"' | '\'' | '“' | '‘' | '«' if !saw_space => {}
            '.' | '!' | '?' | '…' => return saw_space,
            _ => return false,
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Encoding

/// Encodes NFC `text` in `enc` (for fixtures and round-trip tests).
///
/// TCVN3 writes toned capitals with the lowercase code, as offices did (the
/// font made them capitals); [`decode`] rebuilds the case per word.
/// Windows-1258 writes a toned letter it has no code for as base letter plus
/// combining tone mark. VIQR escapes with `\` every character that would
/// otherwise be read as part of a mnemonic ("I." becomes `I\.`, a literal
/// backslash `\\`).
///
/// Fails at the first character the encoding cannot write, such as "–" in
/// VIQR or "€" in VNI.
pub fn encode(text: &str, enc: Legacy) -> Result<Vec<u8>, Unencodable> {
    let t = &*TABLES;
    let mut out = Vec::with_capacity(text.len());
    let err = |offset: usize, ch: char| Unencodable {
        encoding: enc,
        ch,
        offset,
    };
    match enc {
        Legacy::Tcvn3 => {
            for (off, c) in text.char_indices() {
                out.push(*t.tcvn3_enc.get(&c).ok_or_else(|| err(off, c))?);
            }
        }
        Legacy::Vni => {
            for (off, c) in text.char_indices() {
                out.extend_from_slice(t.vni_enc.get(&c).ok_or_else(|| err(off, c))?);
            }
        }
        Legacy::Windows1258 => {
            for (off, c) in text.char_indices() {
                if let Some(&b) = t.cp1258_enc.get(&c) {
                    out.push(b);
                } else if let Some((base, tone)) = split_tone(c)
                    && let (Some(&b), Some(&m)) = (t.cp1258_enc.get(&base), t.cp1258_enc.get(&tone))
                {
                    out.push(b);
                    out.push(m);
                } else {
                    return Err(err(off, c));
                }
            }
        }
        Legacy::Viqr => encode_viqr(text, &mut out).map_err(|(off, c)| err(off, c))?,
    }
    Ok(out)
}

/// Splits a toned letter into its letter without tone and its combining tone
/// mark: "ệ" → ('ê', U+0323).
fn split_tone(c: char) -> Option<(char, char)> {
    let mut tone = None;
    let mut rest = String::new();
    let mut tones = 0;
    decompose_canonical(c, |d| {
        if is_tone_mark(d) {
            tones += 1;
            tone = Some(d);
        } else {
            rest.push(d);
        }
    });
    let mut base = rest.nfc();
    match (tone, tones, base.next(), base.next()) {
        (Some(tone), 1, Some(b), None) => Some((b, tone)),
        _ => None,
    }
}

fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

fn encode_viqr(text: &str, out: &mut Vec<u8>) -> Result<(), (usize, char)> {
    let t = &*TABLES;
    // Where the previous unit starts in `out`, and whether it is a literal
    // ASCII character (rather than a mnemonic); `None` after an escape.
    let mut prev: Option<(usize, bool)> = None;
    for (off, c) in text.char_indices() {
        if c == '\\' {
            out.extend_from_slice(b"\\\\");
            prev = None;
            continue;
        }
        let single;
        let (emit, literal): (&[u8], bool) = if let Some(seq) = t.viqr_enc.get(&c) {
            (seq, false)
        } else if c.is_ascii() {
            single = [c as u8];
            (&single, true)
        } else {
            return Err((off, c));
        };
        if let Some((start, prev_literal)) = prev
            && viqr_would_join(&out[start..], emit)
        {
            if literal && t.viqr_escapable[usize::from(emit[0])] {
                out.push(b'\\');
                out.push(emit[0]);
                prev = None;
                continue;
            }
            let p = out[start];
            if prev_literal && out.len() == start + 1 && t.viqr_escapable[usize::from(p)] {
                // "d" before "đ" (dd): escape the literal "d".
                out.truncate(start);
                out.push(b'\\');
                out.push(p);
            }
        }
        let start = out.len();
        out.extend_from_slice(emit);
        prev = Some((start, literal));
    }
    Ok(())
}

/// Whether a VIQR reader would read `prev` followed by the start of `next`
/// as one mnemonic.
fn viqr_would_join(prev: &[u8], next: &[u8]) -> bool {
    let t = &*TABLES;
    (1..=next.len()).any(|k| {
        prev.len() + k <= 3 && {
            let mut key = prev.to_vec();
            key.extend_from_slice(&next[..k]);
            t.viqr.contains_key(&key)
        }
    })
}

// ---------------------------------------------------------------------------
// Detection

/// At least this many plausible Vietnamese syllables (TCVN3, VNI,
/// Windows-1258).
const MIN_SYLLABLES: usize = 2;
/// At least this share of the words with non-ASCII letters must be
/// plausible Vietnamese syllables (TCVN3, VNI, Windows-1258).
const MIN_SHARE: f32 = 0.75;
/// VIQR: at least this many words with mnemonics that make Vietnamese
/// syllables, not counting a word whose only mnemonic is a final `.` or `?`.
const VIQR_MIN_SYLLABLES: usize = 3;
/// VIQR: at least this share of the words with mnemonics must be plausible.
const VIQR_MIN_SHARE: f32 = 0.8;
/// VIQR: at least this share of all words must be plausible syllables with a
/// mnemonic (in Vietnamese most syllables carry a mark; in English almost
/// none).
const VIQR_MIN_MARKED: f32 = 0.25;
/// The best encoding must score this much above a runner-up that also
/// passes, or detection gives up.
const MIN_MARGIN: f32 = 0.1;

/// What a decoding looks like, word by word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Evidence {
    /// Words that are plausible Vietnamese syllables with a diacritic.
    good: usize,
    /// Words with non-ASCII (or VIQR-marked) letters that are not.
    bad: usize,
    /// All words.
    words: usize,
}

impl Evidence {
    fn share(self) -> f32 {
        if self.good + self.bad == 0 {
            0.0
        } else {
            self.good as f32 / (self.good + self.bad) as f32
        }
    }

    /// The share of good words, weighed by how many there are.
    fn score(self) -> f32 {
        self.share() * (self.good as f32 / (self.good as f32 + 1.0))
    }

    fn passes(self, enc: Legacy) -> bool {
        if enc == Legacy::Viqr {
            self.good >= VIQR_MIN_SYLLABLES
                && self.share() >= VIQR_MIN_SHARE
                && self.good as f32 >= VIQR_MIN_MARKED * self.words as f32
        } else {
            self.good >= MIN_SYLLABLES && self.share() >= MIN_SHARE
        }
    }
}

/// Characters that separate words when scoring: ASCII other than letters,
/// white space, and the punctuation of Windows-1252.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii() && !c.is_ascii_alphabetic())
        || matches!(
            c,
            '‘' | '’'
                | '‚'
                | '“'
                | '”'
                | '„'
                | '–'
                | '—'
                | '…'
                | '•'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '·'
        )
}

fn evidence(bytes: &[u8], enc: Legacy) -> Evidence {
    let mut ev = Evidence::default();
    if enc == Legacy::Viqr {
        if !bytes.is_ascii() {
            return ev;
        }
        let units = decode_units(bytes, 0, enc);
        let mut i = 0;
        let mut word = String::new();
        while i < units.len() {
            if !is_letter(units[i].c) {
                i += 1;
                continue;
            }
            let s = i;
            word.clear();
            while i < units.len() && is_letter(units[i].c) {
                word.push(units[i].c);
                i += 1;
            }
            ev.words += 1;
            let w = &units[s..i];
            let marked = w.iter().filter(|u| u.flags & MNEMONIC != 0).count();
            if marked == 0 {
                continue;
            }
            let only_final_ambiguous = marked == 1 && w[w.len() - 1].flags & AMBIGUOUS_MARK != 0;
            if is_syllable_remembered(&word) {
                if !only_final_ambiguous {
                    ev.good += 1;
                }
            } else {
                ev.bad += 1;
            }
        }
        return ev;
    }
    match enc {
        Legacy::Tcvn3 => evidence_of_bytes(bytes, &TABLES.tcvn3_classes),
        Legacy::Windows1258 => evidence_of_bytes(bytes, &TABLES.cp1258_classes),
        Legacy::Vni | Legacy::Viqr => evidence_of_text(&detection_text(bytes, enc)),
    }
}

/// What a byte reads as in a one-byte-one-char encoding, for detection.
#[derive(Debug, Clone, Copy)]
struct ByteClass {
    c: char,
    separator: bool,
}

/// The classes of the 256 bytes under `decode` (U+FFFD where undefined).
fn byte_classes(decode: impl Fn(u8) -> char) -> [ByteClass; 256] {
    std::array::from_fn(|b| {
        let c = decode(b as u8);
        ByteClass {
            c,
            separator: is_separator(c),
        }
    })
}

/// [`evidence_of_text`] of the text of `bytes`, in an encoding where every
/// byte is one char (TCVN3, Windows-1258), cutting words on the bytes
/// themselves: only words with a non-ASCII char are decoded, once each.
fn evidence_of_bytes(bytes: &[u8], classes: &[ByteClass; 256]) -> Evidence {
    let mut ev = Evidence::default();
    let mut seen: HashMap<&[u8], bool, foldhash::fast::RandomState> = HashMap::default();
    let mut word = String::new();
    for token in bytes.split(|&b| classes[usize::from(b)].separator) {
        if token.is_empty() {
            continue;
        }
        ev.words += 1;
        if token.iter().all(|&b| classes[usize::from(b)].c.is_ascii()) {
            continue;
        }
        let good = *seen.entry(token).or_insert_with(|| {
            word.clear();
            word.extend(token.iter().map(|&b| classes[usize::from(b)].c));
            is_syllable_remembered(&word)
        });
        if good {
            ev.good += 1;
        } else {
            ev.bad += 1;
        }
    }
    ev
}

/// The evidence of text decoded from an 8-bit encoding (see [`evidence`]).
fn evidence_of_text(text: &str) -> Evidence {
    let mut ev = Evidence::default();
    let mut seen: WordMap<'_, bool> = WordMap::default();
    for token in text.split(is_separator).filter(|t| !t.is_empty()) {
        ev.words += 1;
        if token.is_ascii() {
            continue;
        }
        if *seen
            .entry(token)
            .or_insert_with(|| is_syllable_remembered(token))
        {
            ev.good += 1;
        } else {
            ev.bad += 1;
        }
    }
    ev
}

/// How likely `bytes` are text in `enc`, from 0.0 to 1.0.
///
/// The bytes are decoded and cut into words; the score is the share of
/// words holding non-ASCII letters (for VIQR: mnemonics) that are plausible
/// Vietnamese syllables (onset, vowel nucleus, final consonant, at most one
/// tone mark, on the nucleus), weighed by their number `n` as `n / (n + 1)`.
/// For VIQR a word whose only mnemonic is a final `.` or `?` ("Done.", "the.")
/// counts neither way, and input with any non-ASCII byte scores 0.
pub fn score(bytes: &[u8], enc: Legacy) -> f32 {
    evidence(bytes, enc).score()
}

/// Guesses the legacy encoding of `bytes`, with a confidence from 0.0 to
/// 1.0 (the [`score`] of the winner).
///
/// Returns `None` for valid UTF-8 that is not pure ASCII (ordinary UTF-8 is
/// never claimed as a legacy encoding), and whenever the evidence is thin or
/// two encodings fit about equally well. Pure ASCII can only be VIQR, and is
/// claimed only when at least 3 words, and at least a quarter of all words,
/// read as Vietnamese syllables with marks, and at least 80% of the words
/// with marks do; so English with "?" and "." is not VIQR. Other input is
/// decoded as TCVN3, VNI and Windows-1258; an encoding qualifies with at
/// least 2 plausible syllables making at least 75% of the words with
/// non-ASCII letters, and wins if its score beats every other qualifying one
/// by 0.1.
pub fn detect(bytes: &[u8]) -> Option<(Legacy, f32)> {
    if bytes.is_ascii() {
        let ev = evidence(bytes, Legacy::Viqr);
        return ev.passes(Legacy::Viqr).then(|| (Legacy::Viqr, ev.score()));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    detect_bytes(bytes).ok()
}

/// Detection among the 8-bit encodings: `Ok` with the winner, or `Err` with
/// the best-scoring encoding (if any scored) when none qualified or two tied.
fn detect_bytes(bytes: &[u8]) -> Result<(Legacy, f32), Option<Legacy>> {
    let mut scored: Vec<(Legacy, Evidence)> = [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258]
        .into_iter()
        .map(|e| (e, evidence(bytes, e)))
        .collect();
    scored.sort_by(|a, b| b.1.score().total_cmp(&a.1.score()));
    let (best, ev) = scored[0];
    let best_guess = (ev.good > 0).then_some(best);
    if !ev.passes(best) {
        return Err(best_guess);
    }
    let (second, ev2) = scored[1];
    if ev2.passes(second) && ev.score() - ev2.score() < MIN_MARGIN {
        return Err(best_guess);
    }
    Ok((best, ev.score()))
}

// ---------------------------------------------------------------------------
// Vietnamese syllables

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo",
    "uây", "uôi", "ươi", "ươu", "uyê", "uya", "uyu",
];

static NUCLEUS_SET: LazyLock<HashSet<&'static str, foldhash::fast::FixedState>> =
    LazyLock::new(|| NUCLEI.iter().copied().collect());

/// Whether `c` is a combining mark (canonical combining class not 0). No
/// character below U+0300 is: the cheap test first.
fn is_combining(c: char) -> bool {
    c >= '\u{300}' && canonical_combining_class(c) != 0
}

/// [`is_syllable`], remembered per thread: a document whose lines are in
/// different encodings is detected line by line, then by paragraph, then
/// whole, each time as three encodings, so the same words come back.
/// Bounded: words over 32 bytes are not kept, and the memo starts over at
/// 65,536 words.
fn is_syllable_remembered(word: &str) -> bool {
    const BOUNDS: memo::Bounds = memo::Bounds {
        longest: 32,
        most: 1 << 16,
    };
    thread_local! {
        static SYLLABLES: memo::Memo<bool> = memo::Memo::default();
    }
    memo::remembered(&SYLLABLES, &BOUNDS, word, is_syllable)
}

/// Whether `word` (letters, any case) is a plausible Vietnamese syllable:
/// onset, vowel nucleus, final consonant, at most one tone mark, on the
/// nucleus.
fn is_syllable(word: &str) -> bool {
    /// The most letters a syllable has ("nghiêng").
    const MAX_LETTERS: usize = 7;
    let mut letters = String::with_capacity(word.len());
    let mut count = 0;
    let mut last: Option<char> = None;
    let mut tone_at: Option<usize> = None;
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        if is_tone_mark(c) {
            if tone_at.is_some() || last.is_none() {
                return false;
            }
            tone_at = Some(letters.len());
        } else if is_combining(c) {
            match last.and_then(|l| compose(l, c)) {
                Some(m) => last = Some(m),
                None => return false,
            }
        } else {
            if let Some(l) = last.take() {
                letters.push(l);
                count += 1;
                // Letters are only added: past 7 the answer is no, so a
                // long run of letters is not read to its end.
                if count >= MAX_LETTERS {
                    return false;
                }
            }
            last = Some(c);
        }
    }
    // `tone_at` is the byte offset of the toned letter (pushed after it).
    let Some(l) = last else { return false };
    letters.push(l);
    if count + 1 > MAX_LETTERS
        || !letters
            .chars()
            .all(|c| "aăâbcdđeêghiklmnoôơpqrstuưvxy".contains(c))
    {
        return false;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = letters.strip_prefix(onset) else {
            return false;
        };
        CODAS.iter().any(|coda| {
            let Some(nucleus) = rest.strip_suffix(coda) else {
                return false;
            };
            let n0 = onset.len();
            !nucleus.is_empty()
                && NUCLEUS_SET.contains(nucleus)
                && tone_at.is_none_or(|t| t >= n0 && t < n0 + nucleus.len())
        })
    })
}

// ---------------------------------------------------------------------------
// Mixed documents

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Blank,
    Ascii,
    Utf8,
    Enc(Legacy),
    Unknown,
}

impl Label {
    fn name(self) -> &'static str {
        match self {
            Label::Blank | Label::Ascii => "ascii",
            Label::Utf8 | Label::Unknown => "utf-8",
            Label::Enc(e) => e.name(),
        }
    }
}

/// The line in sorted `lines` nearest to `k`, the earlier one on a tie.
fn nearest_line(lines: &[usize], k: usize) -> Option<usize> {
    let i = lines.partition_point(|&d| d < k);
    let before = i.checked_sub(1).and_then(|j| lines.get(j)).copied();
    let after = lines.get(i).copied();
    match (before, after) {
        (Some(b), Some(a)) => Some(if k - b <= a - k { b } else { a }),
        (b, a) => b.or(a),
    }
}

/// Whether `enc` reads `bytes` as Vietnamese, on thinner evidence than
/// [`detect`] needs: one plausible syllable is enough.
fn plausible(bytes: &[u8], enc: Legacy) -> bool {
    let ev = evidence(bytes, enc);
    ev.good >= 1 && ev.share() >= MIN_SHARE
}

/// Line ranges from `start`, each with its line ending.
fn line_ranges(bytes: &[u8], start: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut s = start;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if b == b'\n' {
            lines.push(s..i + 1);
            s = i + 1;
        }
    }
    if s < bytes.len() {
        lines.push(s..bytes.len());
    }
    lines
}

fn joined(bytes: &[u8], lines: &[Range<usize>]) -> Vec<u8> {
    let mut v = Vec::new();
    for r in lines {
        v.extend_from_slice(&bytes[r.clone()]);
        if v.last() != Some(&b'\n') {
            v.push(b'\n');
        }
    }
    v
}

/// Decodes a document whose paragraphs may be in different encodings (text
/// pasted together from files in UTF-8, TCVN3, VNI, VIQR and Windows-1258).
///
/// Each line is classified on its own: ASCII, valid UTF-8, or (for other
/// bytes) the legacy encoding [`detect`] picks for it. A line too short to
/// tell takes the encoding of the nearest decided line in its paragraph
/// (paragraphs end at blank lines) that reads it as Vietnamese, else of the
/// nearest decided line, else what the undecided lines of the
/// paragraph, else of the whole document, detect as together, else the
/// best-scoring legacy encoding, else UTF-8 with replacement characters.
/// Runs of ASCII lines in a paragraph are VIQR if they detect as VIQR
/// together. A UTF-8 byte-order mark at the start is skipped.
pub fn decode_mixed(bytes: &[u8]) -> MixedDecoded {
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let lines = line_ranges(bytes, start);
    let mut labels: Vec<Label> = lines
        .iter()
        .map(|r| {
            let line = &bytes[r.clone()];
            if line.iter().all(u8::is_ascii_whitespace) {
                Label::Blank
            } else if line.is_ascii() {
                Label::Ascii
            } else if std::str::from_utf8(line).is_ok() {
                Label::Utf8
            } else {
                match detect_bytes(line) {
                    Ok((e, _)) => Label::Enc(e),
                    Err(_) => Label::Unknown,
                }
            }
        })
        .collect();

    // Paragraphs: runs of non-blank lines (line index ranges).
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        if labels[i] == Label::Blank {
            i += 1;
            continue;
        }
        let s = i;
        while i < labels.len() && labels[i] != Label::Blank {
            i += 1;
        }
        paragraphs.push(s..i);
    }

    for para in &paragraphs {
        // Decided lines of the paragraph, by encoding, in line order.
        let mut decided: Vec<(Legacy, Vec<usize>)> = Vec::new();
        for k in para.clone() {
            if let Label::Enc(e) = labels[k] {
                match decided.iter_mut().find(|d| d.0 == e) {
                    Some(d) => d.1.push(k),
                    None => decided.push((e, vec![k])),
                }
            }
        }
        let unknown: Vec<usize> = para
            .clone()
            .filter(|&k| labels[k] == Label::Unknown)
            .collect();
        if !unknown.is_empty() {
            let together = if decided.is_empty() {
                let ranges: Vec<Range<usize>> = unknown.iter().map(|&k| lines[k].clone()).collect();
                detect_bytes(&joined(bytes, &ranges)).ok().map(|(e, _)| e)
            } else {
                None
            };
            for &k in &unknown {
                // The nearest decided line whose encoding reads this line
                // plausibly, else the nearest decided line.
                let line = &bytes[lines[k].clone()];
                let ok: Vec<bool> = decided.iter().map(|d| plausible(line, d.0)).collect();
                let nearest = |plausible_only: bool| {
                    decided
                        .iter()
                        .zip(&ok)
                        .filter(|(_, ok)| !plausible_only || **ok)
                        .filter_map(|((e, ks), _)| nearest_line(ks, k).map(|d| (d, *e)))
                        .min_by_key(|&(d, _)| (d.abs_diff(k), d > k))
                        .map(|(_, e)| e)
                };
                if let Some(e) = nearest(true).or_else(|| nearest(false)).or(together) {
                    labels[k] = Label::Enc(e);
                }
            }
        }
        // Runs of ASCII lines: VIQR?
        let mut k = para.start;
        while k < para.end {
            if labels[k] != Label::Ascii {
                k += 1;
                continue;
            }
            let s = k;
            while k < para.end && labels[k] == Label::Ascii {
                k += 1;
            }
            if detect(&joined(bytes, &lines[s..k])).is_some_and(|(e, _)| e == Legacy::Viqr) {
                labels[s..k].fill(Label::Enc(Legacy::Viqr));
            }
        }
    }

    // Whatever is still unknown: the document as a whole.
    let unknown: Vec<Range<usize>> = lines
        .iter()
        .zip(&labels)
        .filter(|(_, l)| **l == Label::Unknown)
        .map(|(r, _)| r.clone())
        .collect();
    if !unknown.is_empty() {
        let fallback = match detect_bytes(&joined(bytes, &unknown)) {
            Ok((e, _)) => Label::Enc(e),
            Err(Some(e)) => Label::Enc(e),
            Err(None) => Label::Unknown,
        };
        labels
            .iter_mut()
            .filter(|l| **l == Label::Unknown)
            .for_each(|l| *l = fallback);
    }

    // Entries: a new one at each paragraph start and each change of label;
    // blank lines join the entry before them (or the first one).
    let mut entries: Vec<(Range<usize>, Label)> = Vec::new();
    let mut after_blank = true;
    for (r, &label) in lines.iter().zip(&labels) {
        if label == Label::Blank {
            match entries.last_mut() {
                Some(last) => last.0.end = r.end,
                None => entries.push((r.clone(), Label::Blank)),
            }
            after_blank = true;
            continue;
        }
        match entries.last_mut() {
            Some(last) if last.1 == Label::Blank => {
                last.0.end = r.end;
                last.1 = label;
            }
            Some(last) if last.1 == label && !after_blank => last.0.end = r.end,
            _ => entries.push((r.clone(), label)),
        }
        after_blank = false;
    }
    if let Some(first) = entries.first_mut() {
        first.0.start = 0;
    }

    let mut b = Builder::new(bytes.len() + bytes.len() / 2);
    for (r, label) in &entries {
        let from = r.start.max(start);
        let part = &bytes[from..r.end];
        match label {
            Label::Enc(e) => {
                let mut units = decode_units(part, from, *e);
                if *e == Legacy::Tcvn3 {
                    restore_case(&mut units);
                }
                b.push_units(&units);
            }
            _ => b.push_utf8(part, from),
        }
    }
    let decoded = b.finish(bytes.len());
    MixedDecoded {
        text: decoded.text,
        offsets: decoded.offsets,
        invalid: decoded.invalid,
        paragraphs: entries.into_iter().map(|(r, l)| (r, l.name())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Detection reads the chars uncomposed and in TCVN3's lost case, and
    /// cuts one-byte encodings into words on the bytes; its evidence must be
    /// what the text `decode` gives would show: on the
    /// sample and the mended sample in each encoding, on every byte alone
    /// and after each vowel, and on pseudo-random bytes.
    #[test]
    fn detection_scores_as_decoded_text() {
        let sample = include_str!("../../seeds/000_b020f26e05120408.txt");
        let mended = include_str!("../../fixtures/sample-mended.txt");
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for text in [sample, mended] {
            for enc in [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258] {
                // Lines a table cannot encode are left out, not the file.
                let bytes: Vec<u8> = text
                    .lines()
                    .filter_map(|l| encode(l, enc).ok())
                    .flat_map(|mut l| {
                        l.push(b'\n');
                        l
                    })
                    .collect();
                assert!(bytes.len() > text.len() / 2, "{enc}");
                inputs.push(bytes);
            }
        }
        for b in 0..=255u8 {
            for before in [b' ', b'a', b'A', b'o', b'u', b'<', b'1'] {
                inputs.push(vec![before, b, b' ', b'x', b, b'o']);
            }
        }
        // xorshift: the same bytes on every run.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for len in [1usize, 7, 64, 500] {
            for _ in 0..200 {
                let bytes = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        // Half ASCII letters and spaces, as text has.
                        if x & 1 == 0 {
                            b"aeiou hng"[(x >> 8) as usize % 9]
                        } else {
                            (x >> 16) as u8
                        }
                    })
                    .collect::<Vec<u8>>();
                inputs.push(bytes);
            }
        }
        for bytes in &inputs {
            for enc in [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258] {
                assert_eq!(
                    evidence(bytes, enc),
                    evidence_of_text(&decode(bytes, enc).text),
                    "{enc} {bytes:02X?}"
                );
            }
        }
    }

    /// The pair fast path of `push_units` gives what NFC gives, for every
    /// char any decoder can produce (in either case, as TCVN3's case
    /// restoration may change it) followed by every combining mark among them.
    #[test]
    fn composing_a_pair_is_nfc() {
        let t = &*TABLES;
        let mut chars: Vec<char> = vec!['\u{FFFD}'];
        chars.extend(t.tcvn3.iter().flatten());
        chars.extend(t.vni_single.iter().flatten());
        chars.extend(t.vni_pairs.values());
        chars.extend(t.viqr.values());
        chars.extend(t.cp1258.iter());
        let cased: Vec<char> = chars
            .iter()
            .flat_map(|&c| c.to_uppercase().chain(c.to_lowercase()))
            .collect();
        chars.extend(cased);
        chars.sort_unstable();
        chars.dedup();
        let marks: Vec<char> = chars.iter().copied().filter(|&c| is_combining(c)).collect();
        assert!(marks.len() >= 5, "{marks:?}");
        let mut composed = 0;
        for &base in &chars {
            for &mark in &marks {
                let nfc: String = [base, mark].iter().collect::<String>().nfc().collect();
                // Declined pairs go the general way.
                if let Some(c) = compose_pair(base, mark) {
                    composed += 1;
                    assert_eq!(nfc, c.to_string(), "{base:?} {mark:?}");
                }
            }
        }
        assert!(composed > 100, "{composed}");
    }

    /// [`is_combining`]'s shortcut: no character below U+0300 combines.
    #[test]
    fn nothing_below_u0300_combines() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(is_combining('\u{300}') && is_combining('\u{323}'));
    }
    use unicode_normalization::is_nfc;

    const SAMPLE: &str = include_str!("../../seeds/000_b020f26e05120408.txt");
    const ICONV_TCVN_TSV: &str = include_str!("../../data/legacy-encodings/tcvn5712-vn1.tsv");
    const VNI_MARKS_TSV: &str = include_str!("../../data/legacy-encodings/vni-windows-marks.tsv");

    /// Bytes written as Latin-1 characters, the way legacy text looks when
    /// misread ("KÕ HO¹CH").
    fn latin1(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
            .collect()
    }

    /// The sample as `enc` can carry it: VIQR has no en dash.
    fn sample_for(enc: Legacy) -> String {
        if enc == Legacy::Viqr {
            SAMPLE.replace('–', "-")
        } else {
            SAMPLE.to_string()
        }
    }

    fn dec(bytes: &[u8], enc: Legacy) -> String {
        decode(bytes, enc).text
    }

    #[test]
    fn every_table_row_is_loaded_and_decodes_to_its_character() {
        let mut n = 0;
        for row in rows(TCVN3_TSV) {
            let b = hex_bytes(row[0]).unwrap();
            let c = codepoint(row[2]).unwrap();
            assert_eq!(dec(&b, Legacy::Tcvn3), c.to_string(), "tcvn3 {}", row[0]);
            assert_eq!(encode(&c.to_string(), Legacy::Tcvn3).unwrap(), b);
            n += 1;
        }
        assert_eq!(n, 101);
        let mut n = 0;
        for row in rows(VNI_TSV) {
            let b = hex_bytes(row[0]).unwrap();
            let c = codepoint(row[2]).unwrap();
            assert_eq!(dec(&b, Legacy::Vni), c.to_string(), "vni {}", row[0]);
            assert_eq!(encode(&c.to_string(), Legacy::Vni).unwrap(), b);
            n += 1;
        }
        assert_eq!(n, 134);
        let mut n = 0;
        for row in rows(VIQR_TSV) {
            let b = hex_bytes(row[1]).unwrap();
            let c = codepoint(row[3]).unwrap();
            assert_eq!(dec(&b, Legacy::Viqr), c.to_string(), "viqr {}", row[0]);
            n += 1;
        }
        assert_eq!(n, 135);
        // TCVN3 toned letters (the "also encodes" rows) lose their case.
        let lost = TABLES.tcvn3_case_lost.iter().filter(|&&l| l).count();
        assert_eq!(lost, 60);
    }

    #[test]
    fn spot_checks_against_the_tables() {
        assert_eq!(dec(&[0xB5], Legacy::Tcvn3), "à");
        // The byte that is a soft hyphen in Windows-1252.
        assert_eq!(dec(&[0xAD], Legacy::Tcvn3), "ư");
        assert_eq!(dec(&[0xA7, 0xAE], Legacy::Tcvn3), "Đđ");
        assert_eq!(dec(&[0x93, 0x94], Legacy::Tcvn3), "“”");
        assert_eq!(dec(b"\x61\xF9", Legacy::Vni), "á");
        assert_eq!(dec(&[0xD1], Legacy::Vni), "Đ");
        assert_eq!(dec(&[0xF1], Legacy::Vni), "đ");
        assert_eq!(dec(b"\xF6\xF9", Legacy::Vni), "ứ");
        assert_eq!(dec(b"Vie^.t Nam", Legacy::Viqr), "Việt Nam");
        assert_eq!(
            dec(b"DDa` Na(~ng, Dda` La.t", Legacy::Viqr),
            "Đà Nẵng, Đà Lạt"
        );
        // The escape from the table's header.
        assert_eq!(dec(b"gi`\\?", Legacy::Viqr), "gì?");
        assert_eq!(dec(b"Vi\xEA\xF2t", Legacy::Windows1258), "Việt");
        assert_eq!(dec(b"\x65\xCC", Legacy::Windows1258), "è");
        // Undefined bytes: U+FFFD, and listed.
        let d = decode(b"a\xB0b", Legacy::Tcvn3);
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.invalid, vec![1..2]);
        let d = decode(b"x\xF9", Legacy::Vni);
        assert_eq!(d.text, "x\u{FFFD}", "a mark byte needs a base letter");
        assert_eq!(d.invalid, vec![1..2]);
        let d = decode("Việt".as_bytes(), Legacy::Viqr);
        assert_eq!(d.invalid.len(), 3, "VIQR is 7-bit");
    }

    #[test]
    fn iconv_tcvn_is_a_different_encoding() {
        let mut same = 0;
        for row in rows(ICONV_TCVN_TSV) {
            let b = hex_bytes(row[0]).unwrap();
            let iconv = codepoint(row[2]).unwrap().to_string();
            let ours = dec(&b, Legacy::Tcvn3);
            let note = row[4];
            if note == "same" {
                assert_eq!(ours, iconv, "byte {}", row[0]);
                same += 1;
            } else {
                assert_ne!(ours, iconv, "byte {} ({note})", row[0]);
                if note.contains("unassigned") && b[0] >= 0x80 {
                    assert_eq!(ours, "\u{FFFD}", "byte {}", row[0]);
                }
            }
        }
        // 14 untoned letters and 59 toned ones: the iconv table lists only
        // bytes that differ from Latin-1, so 0xFD ("ý" in both) is missing.
        assert_eq!(same, 14 + 59);
        assert_eq!(dec(&[0x80], Legacy::Tcvn3), "€", "iconv TCVN reads À here");
    }

    #[test]
    fn vni_mark_bytes_agree_with_the_letter_table() {
        let mut marks: HashMap<u8, (String, bool)> = HashMap::new();
        for row in rows(VNI_MARKS_TSV) {
            let b = hex_bytes(row[0]).unwrap()[0];
            let seq: String = row[2].split_whitespace().filter_map(codepoint).collect();
            marks.insert(b, (seq, row[4] == "upper letters"));
        }
        assert_eq!(marks.len(), 34);
        let mut used = HashSet::new();
        for (&(base, mark), &letter) in &TABLES.vni_pairs {
            let Some((seq, upper)) = marks.get(&mark) else {
                // Ơ/Ư with a tone: the base byte is itself a VNI letter.
                assert!(
                    matches!(base, 0xD4 | 0xF4 | 0xD6 | 0xF6),
                    "{base:02X} {mark:02X}"
                );
                continue;
            };
            used.insert(mark);
            let base_char = TABLES.vni_single[usize::from(base)].unwrap();
            let composed: String = format!("{base_char}{seq}").nfc().collect();
            assert_eq!(composed, letter.to_string(), "{base:02X} {mark:02X}");
            assert_eq!(*upper, letter.is_uppercase(), "{base:02X} {mark:02X}");
        }
        assert_eq!(used.len(), 34, "every mark byte is used");
    }

    #[test]
    fn the_sample_round_trips_through_every_encoding() {
        for enc in Legacy::ALL {
            let text = sample_for(enc);
            let bytes = encode(&text, enc).unwrap();
            assert_ne!(bytes, text.as_bytes(), "{enc}");
            let back = decode(&bytes, enc);
            assert!(back.invalid.is_empty(), "{enc}");
            // TCVN3 loses case, but the rules restore all of the sample.
            assert_eq!(back.text, text, "{enc}");
        }
    }

    #[test]
    fn tcvn3_restores_capitals_per_word() {
        let back = dec(&encode(SAMPLE, Legacy::Tcvn3).unwrap(), Legacy::Tcvn3);
        assert!(back.contains("\n\nKẾ HOẠCH HÀNH ĐỘNG\n\n"));
        assert!(back.contains("\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"));
        assert!(back.contains("\n- Ủy ban MTTQ"), "a line starts a sentence");
        assert!(
            back.contains("\nSố TT\t"),
            "one acronym does not make capitals"
        );
        let cases = [
            ("KÕ HO¹CH", "KẾ HOẠCH"),
            ("ñY BAN NH¢N", "ỦY BAN NHÂN"),
            ("Bé Y TÕ", "BỘ Y TẾ"),
            ("Sè TT", "Số TT"),
            ("Bé Tµi chÝnh", "Bộ Tài chính"),
            ("Hµ Néi", "Hà Nội"),
            ("Thùc hiÖn", "Thực hiện"),
            ("CHñ tÞch", "CHỦ tịch"),
            ("µ", "à"),
            ("- ñy ban", "- Ủy ban"),
            ("xong. ë ®©y", "xong. Ở đây"),
            ("2\tñy ban", "2\tỦy ban"),
            // Lost: a toned capital inside a sentence.
            ("cña ñy ban", "của ủy ban"),
            ("ë ®©y", "Ở đây"),
            ("TP.ë", "TP.ở"),
        ];
        for (legacy, want) in cases {
            assert_eq!(dec(&latin1(legacy), Legacy::Tcvn3), want, "{legacy}");
        }
        // Encoding writes toned capitals with the lowercase code.
        assert_eq!(encode("Ế", Legacy::Tcvn3).unwrap(), vec![0xD5]);
        assert_eq!(encode("ế", Legacy::Tcvn3).unwrap(), vec![0xD5]);
        assert_eq!(encode("Ư", Legacy::Tcvn3).unwrap(), vec![0xA6]);
    }

    #[test]
    fn unencodable_characters_are_reported_with_their_offset() {
        let err = encode(SAMPLE, Legacy::Viqr).unwrap_err();
        assert_eq!(err.ch, '–');
        assert_eq!(Some(err.offset), SAMPLE.find('–'));
        assert_eq!(err.encoding, Legacy::Viqr);
        assert!(err.to_string().contains("U+2013"), "{err}");
        for enc in Legacy::ALL {
            let err = encode("Sở Ж", enc).unwrap_err();
            assert_eq!((err.ch, err.offset), ('Ж', 5), "{enc}");
        }
        assert_eq!(encode("–", Legacy::Vni).unwrap(), vec![0x96]);
        assert!(
            encode("\u{00A0}", Legacy::Tcvn3).is_err(),
            "0xA0 is unassigned"
        );
    }

    #[test]
    fn viqr_escapes_what_would_read_as_a_mark() {
        assert_eq!(encode("I. Mục", Legacy::Viqr).unwrap(), b"I\\. Mu.c");
        // "i`?" is no mnemonic, so this "?" needs no escape.
        assert_eq!(encode("gì?", Legacy::Viqr).unwrap(), b"gi`?");
        assert_eq!(encode("gi?", Legacy::Viqr).unwrap(), b"gi\\?");
        assert_eq!(encode("dđ", Legacy::Viqr).unwrap(), b"\\ddd");
        assert_eq!(encode("a\\b", Legacy::Viqr).unwrap(), b"a\\\\b");
        for text in [
            "Is it ok? Yes. Done.",
            "add, odd, Dd, DD, dđ, Dđ, đd, ddd",
            "a^' e( o+ u+. a\\? \\\\ \\",
            "ờ. ư? ấ' ă( Đ. i~",
            "I. MỤC ĐÍCH, YÊU CẦU",
        ] {
            let bytes = encode(text, Legacy::Viqr).unwrap();
            assert!(bytes.is_ascii());
            assert_eq!(
                dec(&bytes, Legacy::Viqr),
                text,
                "{}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }

    #[test]
    fn windows_1258_writes_tones_as_combining_marks() {
        assert_eq!(encode("ệ", Legacy::Windows1258).unwrap(), vec![0xEA, 0xF2]);
        assert_eq!(encode("Ậ", Legacy::Windows1258).unwrap(), vec![0xC2, 0xF2]);
        assert_eq!(encode("à", Legacy::Windows1258).unwrap(), vec![0xE0]);
        assert_eq!(encode("ũ", Legacy::Windows1258).unwrap(), vec![0x75, 0xDE]);
        assert_eq!(dec(b"u\xDE", Legacy::Windows1258), "ũ");
        assert_eq!(
            dec(b"\xEC", Legacy::Windows1258),
            "\u{0301}",
            "a lone mark stays"
        );
    }

    #[test]
    fn detect_picks_the_encoding_of_each_encoded_sample() {
        for enc in Legacy::ALL {
            let bytes = encode(&sample_for(enc), enc).unwrap();
            let (got, confidence) = detect(&bytes).unwrap();
            assert_eq!(got, enc);
            assert!(confidence > 0.95, "{enc}: {confidence}");
            for other in Legacy::ALL.into_iter().filter(|&o| o != enc) {
                assert!(score(&bytes, other) < 0.5, "{enc} as {other}");
            }
        }
        // One paragraph is enough.
        let para = "Kế hoạch là căn cứ cho các ngành, địa phương xây dựng kế hoạch.";
        for enc in Legacy::ALL {
            let bytes = encode(para, enc).unwrap();
            assert_eq!(detect(&bytes).map(|d| d.0), Some(enc), "{enc}");
        }
    }

    #[test]
    fn detect_refuses_utf8_ascii_and_other_latin_text() {
        let refused: [&[u8]; 9] = [
            SAMPLE.as_bytes(),
            b"The committee approved the plan. It will be reviewed next year.",
            b"Is it ok? Yes. Done.",
            b"Ke hoach so 204",
            b"Ke hoach so 204-KH/TU ngay 03/6/2020 cua Ban Thuong vu Tinh uy.",
            b"I'm sure you're right, we'll see. Don't go? Who's there? He. She. Me.",
            b"",
            // Windows-1252 French: Latin letters, not Vietnamese syllables.
            b"Le caf\xE9 \xE9tait tr\xE8s bon \xE0 Paris, d\xE9j\xE0 ferm\xE9.",
            // Windows-1252 English with curly quotes and a dash.
            b"He said \x93yes\x94 \x96 twice.",
        ];
        for bytes in refused {
            assert_eq!(detect(bytes), None, "{}", String::from_utf8_lossy(bytes));
        }
        assert_eq!(score(b"Is it ok? Yes. Done.", Legacy::Viqr), 0.0);
    }

    #[test]
    fn detect_needs_two_syllables_making_three_quarters() {
        // TCVN3 "Hà Nội": two syllables are enough, one is not.
        assert_eq!(detect(&latin1("Hµ Néi")).map(|d| d.0), Some(Legacy::Tcvn3));
        assert_eq!(detect(&latin1("Hµ")), None);
        // Two good words and two bad ones ("°C": 0xB0 is not TCVN3).
        let half = latin1("Hµ Néi 30°C 86°F");
        let ev = evidence(&half, Legacy::Tcvn3);
        assert_eq!((ev.good, ev.bad), (2, 2));
        assert_eq!(detect(&half), None);
        let three_quarters = latin1("Hµ Néi H¶i Phßng 30°C");
        assert_eq!(detect(&three_quarters).map(|d| d.0), Some(Legacy::Tcvn3));
    }

    #[test]
    fn detect_gives_up_when_two_encodings_fit_equally() {
        // 0xF1 is "đ" in VNI and "ủ" in TCVN3: "đi đi" or "ủi ủi".
        let both = b"\xF1i \xF1i";
        assert_eq!(dec(both, Legacy::Vni), "đi đi");
        assert_eq!(dec(both, Legacy::Tcvn3), "Ủi ủi");
        assert_eq!(score(both, Legacy::Vni), score(both, Legacy::Tcvn3));
        assert_eq!(detect(both), None);
        // One more word settles it: "đó" in VNI, "ủoự" in TCVN3.
        assert_eq!(
            detect(b"\xF1i \xF1i \xF1o\xF9").map(|d| d.0),
            Some(Legacy::Vni)
        );
    }

    #[test]
    fn detect_finds_short_viqr() {
        let viqr = b"Ke^' hoa.ch ha`nh ddo^.ng cu?a UBND ti?nh";
        assert_eq!(detect(viqr).map(|d| d.0), Some(Legacy::Viqr));
        // Marks only at the ends of words ("he." "me?") are not evidence.
        assert_eq!(detect(b"he. me? to. do? the. la."), None);
    }

    /// Paragraphs of the sample, each in an encoding.
    fn mixed_parts() -> Vec<(String, &'static str)> {
        let line = |start: &str| -> String {
            SAMPLE
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap()
                .to_string()
        };
        vec![
            ("KẾ HOẠCH HÀNH ĐỘNG".to_string(), "utf-8"),
            (line("Thực hiện Kế hoạch"), "tcvn3"),
            (line("1. Xác định"), "vni"),
            (line("2. Tổ chức"), "windows-1258"),
            (line("3. Kế hoạch là"), "viqr"),
            ("Email: vp@example.gov.vn".to_string(), "ascii"),
            (
                "- Chủ tịch, các PCT UBND tỉnh;\n- Ủy ban MTTQ và các đoàn thể cấp tỉnh;"
                    .to_string(),
                "utf-8",
            ),
            (
                "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".to_string(),
                "tcvn3",
            ),
            ("Nguyễn Đức Quyền".to_string(), "vni"),
        ]
    }

    fn mixed_bytes(parts: &[(String, &'static str)]) -> (Vec<u8>, Vec<Range<usize>>) {
        let mut bytes = Vec::new();
        let mut ranges = Vec::new();
        for (k, (text, name)) in parts.iter().enumerate() {
            let start = bytes.len();
            match Legacy::from_name(name) {
                Some(enc) => bytes.extend(encode(text, enc).unwrap()),
                None => bytes.extend_from_slice(text.as_bytes()),
            }
            if k + 1 < parts.len() {
                bytes.extend_from_slice(b"\n\n");
            }
            ranges.push(start..bytes.len());
        }
        (bytes, ranges)
    }

    #[test]
    fn a_mixed_document_decodes_paragraph_by_paragraph() {
        let parts = mixed_parts();
        let (bytes, ranges) = mixed_bytes(&parts);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode_mixed(&bytes);
        let want: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(d.text, want.join("\n\n"));
        let got: Vec<(Range<usize>, &str)> = d.paragraphs.clone();
        let expected: Vec<(Range<usize>, &str)> =
            ranges.into_iter().zip(parts.iter().map(|p| p.1)).collect();
        assert_eq!(got, expected);
        assert!(d.invalid.is_empty());
        check_offsets(&d.text, &d.offsets, bytes.len(), "mixed");
        // Each paragraph's text starts where its input starts.
        let mut t = 0;
        for ((text, _), (range, _)) in parts.iter().zip(&d.paragraphs) {
            assert_eq!(d.input_offset(t), range.start);
            t += text.len() + 2;
        }
    }

    #[test]
    fn lines_of_one_paragraph_may_differ() {
        let lines = [
            ("- Chủ tịch, các PCT UBND tỉnh;", Some(Legacy::Tcvn3)),
            ("- Ủy ban MTTQ và các đoàn thể cấp tỉnh;", None),
            (
                "- Văn phòng: Tỉnh ủy, Đoàn ĐBQH tỉnh, HĐND tỉnh;",
                Some(Legacy::Vni),
            ),
            ("- Lưu VT, THKH.", Some(Legacy::Tcvn3)),
        ];
        let mut bytes = Vec::new();
        for (text, enc) in lines {
            match enc {
                Some(e) => bytes.extend(encode(text, e).unwrap()),
                None => bytes.extend_from_slice(text.as_bytes()),
            }
            bytes.push(b'\n');
        }
        let d = decode_mixed(&bytes);
        let want: String = lines.iter().map(|l| format!("{}\n", l.0)).collect();
        assert_eq!(d.text, want);
        let names: Vec<&str> = d.paragraphs.iter().map(|p| p.1).collect();
        assert_eq!(names, ["tcvn3", "utf-8", "vni", "tcvn3"]);
    }

    #[test]
    fn mixed_edge_cases() {
        assert_eq!(decode_mixed(b"").paragraphs, vec![]);
        let d = decode_mixed(b"\n\n");
        assert_eq!(
            (d.text.as_str(), d.paragraphs),
            ("\n\n", vec![(0..2, "ascii")])
        );
        let d = decode_mixed("\u{FEFF}Sở Y tế\n".as_bytes());
        assert_eq!(d.text, "Sở Y tế\n");
        assert_eq!(d.input_offset(0), 3);
        assert_eq!(d.paragraphs, vec![(0..15, "utf-8")]);
        // A lone undecidable line falls back to UTF-8 with replacements.
        let d = decode_mixed(b"abc \xFF\xFE\n");
        assert_eq!(d.text, "abc \u{FFFD}\u{FFFD}\n");
        assert_eq!(d.invalid, vec![4..5, 5..6]);
        assert_eq!(d.paragraphs, vec![(0..7, "utf-8")]);
    }

    /// Every char boundary maps into the input, in order, and the end maps
    /// to the end.
    fn check_offsets(text: &str, offsets: &[(usize, usize)], input_len: usize, what: &str) {
        assert_eq!(offsets.first().map(|o| o.0), Some(0), "{what}");
        assert!(
            offsets
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1),
            "{what}"
        );
        let mut prev = 0;
        for (t, _) in text.char_indices() {
            let i = map_offset(offsets, text, t);
            assert!(i >= prev && i < input_len, "{what}: char at {t} → {i}");
            prev = i;
        }
        assert_eq!(map_offset(offsets, text, text.len()), input_len, "{what}");
    }

    #[test]
    fn offsets_map_every_character_back_to_its_bytes() {
        for enc in Legacy::ALL {
            let text = sample_for(enc);
            let bytes = encode(&text, enc).unwrap();
            let d = decode(&bytes, enc);
            check_offsets(&d.text, &d.offsets, bytes.len(), enc.name());
            // Each character's bytes decode, alone, to that character.
            let bounds: Vec<usize> = d
                .text
                .char_indices()
                .map(|(t, _)| t)
                .chain([d.text.len()])
                .collect();
            for w in bounds.windows(2) {
                let input = &bytes[d.input_offset(w[0])..d.input_offset(w[1])];
                let alone = dec(input, enc);
                let want = &d.text[w[0]..w[1]];
                if enc == Legacy::Tcvn3 {
                    assert_eq!(alone.to_lowercase(), want.to_lowercase());
                } else {
                    assert_eq!(alone, want, "{enc} at {}", w[0]);
                }
            }
            // Checkpoints are sparse: at most one per four characters.
            let chars = d.text.chars().count();
            assert!(
                d.offsets.len() * 4 < chars,
                "{enc}: {} for {chars}",
                d.offsets.len()
            );
        }
        // Inside a character: its start.
        let d = decode(&[b'a', 0xB5, b'b'], Legacy::Tcvn3);
        assert_eq!(d.text, "aàb");
        assert_eq!([1, 2, 3, 4].map(|t| d.input_offset(t)), [1, 1, 2, 3]);
    }

    #[test]
    fn no_panics_on_arbitrary_bytes() {
        let check = |bytes: &[u8]| {
            for enc in Legacy::ALL {
                let d = decode(bytes, enc);
                assert!(is_nfc(&d.text), "{enc} {bytes:02X?}");
                check_offsets(&d.text, &d.offsets, bytes.len(), enc.name());
                let s = score(bytes, enc);
                assert!((0.0..=1.0).contains(&s));
            }
            if let Some((_, c)) = detect(bytes) {
                assert!((0.0..=1.0).contains(&c));
            }
            let m = decode_mixed(bytes);
            if !bytes.is_empty() {
                check_offsets(&m.text, &m.offsets, bytes.len(), "mixed");
                assert_eq!(m.paragraphs.first().map(|p| p.0.start), Some(0));
                assert_eq!(m.paragraphs.last().map(|p| p.0.end), Some(bytes.len()));
            }
        };
        for b in 0..=255u8 {
            check(&[b]);
            check(&[b'a', b]);
            check(&[b, b'\\']);
        }
        // xorshift: repeatable "random" bytes, some biased to marks and letters.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = b"aeiouyAEIOUYdD^(+'`?~.\\ \n\t";
        for round in 0..300 {
            let len = (next() % 200) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if round % 2 == 0 {
                        r as u8
                    } else if r % 3 == 0 {
                        0xC0 | (r >> 8) as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            check(&bytes);
        }
    }

    #[test]
    fn names_and_aliases() {
        for enc in Legacy::ALL {
            assert_eq!(Legacy::from_name(enc.name()), Some(enc));
            assert_eq!(enc.to_string(), enc.name());
        }
        for (alias, enc) in [
            ("ABC", Legacy::Tcvn3),
            ("vn3", Legacy::Tcvn3),
            (" TCVN3 ", Legacy::Tcvn3),
            ("VNI-Windows", Legacy::Vni),
            ("vni_win", Legacy::Vni),
            ("VIQR", Legacy::Viqr),
            ("CP1258", Legacy::Windows1258),
            ("Windows-1258", Legacy::Windows1258),
        ] {
            assert_eq!(Legacy::from_name(alias), Some(enc), "{alias}");
        }
        assert_eq!(Legacy::from_name("tcvn"), None, "iconv's TCVN is VN1");
        assert_eq!(Legacy::from_name("utf-8"), None);
    }

    #[test]
    fn syllables() {
        for w in [
            "nghiêng",
            "Nguyễn",
            "quốc",
            "giường",
            "khuỷu",
            "được",
            "gì",
            "HOẠCH",
            "uỷ",
            "Ủy",
            "khoá",
            "người",
            "a",
            // Seven letters, the most, also decomposed and in capitals.
            "nghiêng",
            "nghie\u{302}ng",
            "NGHIỀNG",
        ] {
            assert!(is_syllable(w), "{w}");
            assert!(is_syllable_remembered(w), "{w}");
        }
        for w in [
            "Donẹ",
            "yoúre",
            "café",
            "tiờỡng",
            "HĐND",
            "fá",
            "ǹa",
            "ừờ",
            "bcá",
            "x\u{0301}",
            // Eight letters and more: no, however they go on.
            "nghiêngg",
            "nghiêngá",
            "nghiêngnghiêngnghiêngnghiêngnghiêng",
        ] {
            assert!(!is_syllable(w), "{w}");
            assert!(!is_syllable_remembered(w), "{w}");
        }
    }
}
