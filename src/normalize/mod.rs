//! Stage 2, **normalize**: source text → normalized text, with an offset map
//! back to the source and a list of every edit made.
//!
//! This stage makes the text regular enough to parse without changing what it
//! says. Each change is an [`Edit`] with its [`EditKind`]; the [`OffsetMap`]
//! keeps every later span pointing at the source as given.
//!
//! | what | becomes | kind |
//! |---|---|---|
//! | `\r\n`, lone `\r` | `\n` | `line_ending` |
//! | U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000 (special spaces) | U+0020 | `space` |
//! | two or more spaces between words (not at a line's start or end, not on a line laid out in columns with runs of 3+ spaces) | one space | `space` |
//! | U+200B–U+200D, U+2060, U+FEFF (zero-width) | removed | `zero_width` |
//! | U+2010, U+2011, U+2012, U+2212, U+FE63 (hyphen look-alikes) | `-` | `punctuation` |
//! | full-width forms U+FF01–U+FF5E | their ASCII letters, digits, punctuation | `full_width` |
//! | "Ð"/"ð" (U+00D0/U+00F0, eth) | "Đ"/"đ" | `eth_to_d_stroke` |
//! | decomposed letters | NFC | `nfc` |
//! | combining marks in the wrong order (e + acute + circumflex) | "ế" | `mark_order` |
//! | a tone mark on the wrong letter, or typed twice ("baỏ", "lựơng") | "bảo", "lượng" | `tone_repair` |
//! | with `ToneStyle::Old`/`New`: open oa/oe/uy syllables | "hóa"/"hoá" | `tone_style` |
//!
//! Kept as written: tabs (they separate table cells), en and em dashes and
//! curly quotes (legitimate punctuation in Vietnamese), identifiers, and
//! every word that is not a valid Vietnamese syllable. A syllable with two
//! different tone marks is ambiguous: it is kept and reported in
//! [`Normalized::ambiguous`].

pub mod chars;
pub mod fold;
mod offset_map;
pub mod syllable;
pub mod words;

pub use offset_map::{OffsetMap, Segment};

use crate::ingest::Source;
use crate::ingest::layout::Layout;
use crate::span::{DocLocation, LineIndex, NSpan, Span};
use serde::Serialize;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

/// What kind of change an [`Edit`] made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// `\r\n` or a lone `\r` became `\n`.
    LineEnding,
    /// A non-breaking or other special space became U+0020.
    Space,
    /// A zero-width character (U+200B–U+200D, U+2060, U+FEFF) was removed.
    ZeroWidth,
    /// "Ð"/"ð" (U+00D0/U+00F0, eth) became "Đ"/"đ" (U+0110/U+0111).
    EthToDStroke,
    /// Unicode canonical composition (NFC).
    Nfc,
    /// A hyphen look-alike became "-".
    Punctuation,
    /// A full-width form became its ASCII letter, digit or sign.
    FullWidth,
    /// Combining marks typed in an order NFC cannot compose were rebuilt.
    MarkOrder,
    /// A tone mark on the wrong letter, or typed twice, was put right.
    ToneRepair,
    /// The tone mark of an open oa/oe/uy syllable was moved to the chosen style.
    ToneStyle,
}

/// One change made by normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// What kind of change.
    pub kind: EditKind,
    /// Byte range in the source text that was replaced.
    pub source: Range<usize>,
    /// The replacement, as it stands in the normalized text.
    pub replacement: String,
}

/// The normalized text and how to get back to the source.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text. [`NSpan`]s point into it.
    pub text: String,
    /// Changed segments, normalized ↔ source.
    pub map: OffsetMap,
    /// Every edit, in source order.
    pub edits: Vec<Edit>,
    /// Syllables with two different tone marks, kept as written.
    pub ambiguous: Vec<Ambiguity>,
    /// Words of `text` marked while normalizing: see
    /// [`Normalized::styled_word_spans`],
    /// [`Normalized::function_word_starts`] and [`Normalized::cite_marks`].
    marked: MarkedWords,
}

/// Where a document type may start in a normalized text
/// ([`Normalized::cite_marks`]): a stretch of the text that holds a citation
/// either overlaps one of `unusual`, or has one of `heads` where the
/// citation's type starts, or starts or ends inside a word. Byte ranges of
/// the text, in order.
#[derive(Debug, Clone, Copy)]
pub struct CiteMarks<'a> {
    /// The words whose fold is the first word of a document type
    /// ([`words::is_doc_type_head`]), "Kế" of "Kế hoạch".
    pub heads: &'a [Range<usize>],
    /// The words and other chars that hold a char the fold may read
    /// otherwise than char for char ([`fold::is_unusual`]).
    pub unusual: &'a [Range<usize>],
}

/// Words of a normalized text that later stages look for, found while
/// normalizing, where each distinct word is looked at once per thread (the
/// memo of known words keeps the answer): those stages then read these
/// places instead of the whole text.
#[derive(Debug, Clone, Default)]
struct MarkedWords {
    /// The words that hold a run of letters written differently in the two
    /// tone styles ([`has_styled_run`]): byte ranges of the text, in order.
    styled: Vec<Range<usize>>,
    /// Where the words that start with a function word
    /// ([`words::starts_with_function_word`]) start, in order.
    function_words: Vec<usize>,
    /// The words whose fold is the first word of a document type
    /// ([`words::is_doc_type_head`]): byte ranges of the text, in order.
    doc_type_heads: Vec<Range<usize>>,
    /// The words and other chars that hold a char [`fold::is_unusual`]
    /// holds: byte ranges of the text, in order.
    unusual: Vec<Range<usize>>,
    /// The length of the text they were found in: a text changed since
    /// (its fields are public) is searched whole instead.
    text_len: usize,
}

// What the memo of known words keeps about a word, one bit per list of
// [`MarkedWords`].
const STYLED: u8 = 1;
const FUNCTION_WORD: u8 = 2;
const DOC_TYPE_HEAD: u8 = 4;
const UNUSUAL: u8 = 8;

/// [`STYLED`], [`FUNCTION_WORD`], [`DOC_TYPE_HEAD`] and [`UNUSUAL`], as
/// they hold for `word`.
fn marks_of(word: &str) -> u8 {
    let mut marks = 0;
    if word.chars().any(fold::is_unusual) {
        marks |= UNUSUAL;
    } else if words::is_doc_type_head(word) {
        marks |= DOC_TYPE_HEAD;
    }
    if has_styled_run(word) {
        marks |= STYLED;
    }
    if words::starts_with_function_word(word) {
        marks |= FUNCTION_WORD;
    }
    marks
}

impl Normalized {
    /// The byte ranges of [`Normalized::text`] that hold every run of
    /// letters written in one tone style or the other (an open oa, oe or
    /// uy syllable with a tone mark), in order, or `None` when the text was
    /// changed after normalizing: search the whole text then. A range may
    /// hold other letters and runs too; the caller splits it into runs.
    ///
    /// Every run of letters of the text lies inside one word that
    /// normalizing read (edits between words make spaces, line breaks,
    /// hyphens, ASCII punctuation, or symbols composed with their marks,
    /// never letters: a test checks no letter composes from a non-letter).
    pub fn styled_word_spans(&self) -> Option<&[Range<usize>]> {
        self.marked_current()
            .then_some(self.marked.styled.as_slice())
    }

    /// Where the words that start with a run of letters that is a function
    /// word but for case ([`words::starts_with_function_word`]) start in
    /// [`Normalized::text`], in order: the second word of every doubled
    /// function word is among them. `None` when the text was changed after
    /// normalizing: search the whole text then. Every word starts after a
    /// char that no word holds, as for [`Normalized::styled_word_spans`].
    pub fn function_word_starts(&self) -> Option<&[usize]> {
        self.marked_current()
            .then_some(self.marked.function_words.as_slice())
    }

    /// Where in [`Normalized::text`] a document type may start: see
    /// [`CiteMarks`]. `None` when the text was changed after normalizing.
    pub fn cite_marks(&self) -> Option<CiteMarks<'_>> {
        self.marked_current().then_some(CiteMarks {
            heads: &self.marked.doc_type_heads,
            unusual: &self.marked.unusual,
        })
    }

    /// Whether the marked words were found in the text as it is.
    fn marked_current(&self) -> bool {
        self.marked.text_len == self.text.len()
    }
}

/// Whether `word` holds a run of letters written differently in the two
/// tone styles, as the tone-style rule splits and reads it.
fn has_styled_run(word: &str) -> bool {
    !word.is_ascii()
        && word.split(|c: char| !chars::is_letter(c)).any(|run| {
            run.chars()
                .next_back()
                .is_some_and(syllable::may_end_styled_word)
                && syllable::style_of(run).is_some()
        })
}

/// How to place tone marks in open oa, oe, uy syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToneStyleOption {
    /// As written (a legal text is quoted as written).
    #[default]
    Keep,
    /// Old style: "hóa", "thủy", "Ủy ban".
    Old,
    /// New style: "hoá", "thuỷ", "Uỷ ban".
    New,
}

/// What normalization may change beyond what it always does.
#[derive(Debug, Clone, Copy, Default)]
pub struct NormalizeOptions {
    /// Tone placement for oa, oe, uy.
    pub tone_style: ToneStyleOption,
}

/// A syllable written with two different tones: kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ambiguity {
    /// Byte range of the word in the source text.
    pub source: Range<usize>,
    /// The word as written.
    pub word: String,
    /// Why it is ambiguous, in English.
    pub reason: String,
}

/// Normalize `source` with the default options (tone style kept).
pub fn normalize(source: &str) -> Normalized {
    normalize_with(source, &NormalizeOptions::default())
}

/// Words found already normal, remembered across the documents a thread
/// normalizes: a text uses a few thousand distinct syllables over and over,
/// and a batch of plans uses the same few thousand, so nearly every word is
/// checked once per thread instead of once per document. The answer depends
/// on the word and the tone-style option only, so a change of option starts
/// over; the set is bounded and starts over when full.
#[derive(Default)]
struct KnownNormal {
    style: ToneStyleOption,
    /// Words of up to 16 bytes (nearly all), packed into an integer: looked
    /// up with one integer compare instead of a call to `memcmp`, which cost
    /// more than the hashing.
    /// Each word maps to its [`marks_of`].
    short: std::collections::HashMap<u128, u8, foldhash::fast::RandomState>,
    words: std::collections::HashMap<Box<str>, u8, foldhash::fast::RandomState>,
}

impl KnownNormal {
    /// Words kept at most before starting over (about 2 MB).
    const MAX_WORDS: usize = 1 << 16;
    /// Longer words are not kept (no Vietnamese syllable comes close).
    const MAX_LEN: usize = 32;

    fn for_style(&mut self, style: ToneStyleOption) -> &mut KnownNormal {
        if self.style != style {
            self.short.clear();
            self.words.clear();
            self.style = style;
        }
        self
    }

    /// `word`'s bytes as one integer, when it has at most 16. The padding
    /// is zero bytes, which no word holds, so two words never pack alike.
    fn packed(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        (bytes.len() <= 16).then(|| {
            let mut buf = [0u8; 16];
            buf[..bytes.len()].copy_from_slice(bytes);
            u128::from_le_bytes(buf)
        })
    }

    /// Whether `word` is known normal: if so, its [`marks_of`].
    fn get(&self, word: &str) -> Option<u8> {
        match Self::packed(word) {
            Some(k) => self.short.get(&k).copied(),
            None => self.words.get(word).copied(),
        }
    }

    /// [`Self::get`] for the word `text[start..end]`, packed from one
    /// 16-byte load where the text has that many bytes from `start` (no
    /// copy of a variable length, which cost a `memcpy` call per word).
    fn get_at(&self, text: &str, start: usize, end: usize) -> Option<u8> {
        let len = end - start;
        let window = text.as_bytes().get(start..start + 16);
        match window.and_then(|w| <[u8; 16]>::try_from(w).ok()) {
            Some(w) if len <= 16 => {
                let all = u128::from_le_bytes(w);
                let k = if len == 16 {
                    all
                } else {
                    all & ((1u128 << (len * 8)) - 1)
                };
                self.short.get(&k).copied()
            }
            _ => self.get(&text[start..end]),
        }
    }

    fn insert(&mut self, word: &str, marks: u8) {
        if word.len() > Self::MAX_LEN {
            return;
        }
        if self.short.len() + self.words.len() >= Self::MAX_WORDS {
            self.short.clear();
            self.words.clear();
        }
        match Self::packed(word) {
            Some(k) => {
                self.short.insert(k, marks);
            }
            None => {
                self.words.insert(word.into(), marks);
            }
        }
    }
}

thread_local! {
    static KNOWN_NORMAL: std::cell::RefCell<KnownNormal> = std::cell::RefCell::default();
}

/// Normalize `source`. See the module documentation for what changes.
pub fn normalize_with(source: &str, options: &NormalizeOptions) -> Normalized {
    KNOWN_NORMAL.with_borrow_mut(|known| {
        normalize_known(source, options, known.for_style(options.tone_style))
    })
}

/// [`normalize_with`], with the words known to be normal already.
fn normalize_known(
    source: &str,
    options: &NormalizeOptions,
    unchanged: &mut KnownNormal,
) -> Normalized {
    let mut b = Builder::new(source);
    let bytes = source.as_bytes();
    let mut i = 0;
    // Whether the current line is laid out in columns: worked out only when a
    // run of spaces needs it, once per line.
    let mut line_start = 0;
    let mut layout_line: Option<bool> = None;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b'\n' => {
                i += 1;
                (line_start, layout_line) = (i, None);
                continue;
            }
            b'\r' => {
                let len = if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                b.replace(i..i + len, "\n", EditKind::LineEnding);
                i += len;
                (line_start, layout_line) = (i, None);
                continue;
            }
            b' ' => {
                // Most spaces are single, between words: nothing to do. The
                // byte after one starts neither a space nor a special space
                // nor a zero-width char, whose UTF-8 starts with C2, E2, E3
                // or EF (U+00A0, U+2000–U+2060, U+3000, U+FEFF).
                if bytes
                    .get(i + 1)
                    .is_some_and(|&n| !matches!(n, b' ' | 0xC2 | 0xE2 | 0xE3 | 0xEF))
                {
                    i += 1;
                    continue;
                }
                i = space_run(&mut b, source, i, &mut || {
                    *layout_line.get_or_insert_with(|| has_layout_columns(source, line_start))
                });
                continue;
            }
            _ => {}
        }
        // ASCII answered from the byte (a letter starts a word, anything
        // else is left as it is), without decoding a char.
        if byte.is_ascii() && !byte.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let Some(c) = source[i..].chars().next() else {
            break;
        };
        if is_word_char(c) {
            let (end, ascii) = word_end(source, i);
            let word = &source[i..end];
            if ascii {
                let bytes = word.as_bytes();
                if words::is_ascii_function_word(bytes) {
                    let at = b.output_at(i);
                    b.marked.function_words.push(at);
                }
                if words::is_ascii_doc_type_head(bytes) {
                    let out = b.output_at(i)..b.output_at(end);
                    b.marked.doc_type_heads.push(out);
                }
            } else {
                let marks = match unchanged.get_at(source, i, end) {
                    Some(marks) => marks,
                    None => match normalize_word(word, options.tone_style) {
                        WordResult::Same => {
                            let marks = marks_of(word);
                            unchanged.insert(word, marks);
                            marks
                        }
                        WordResult::Changed(new, kind) => {
                            b.replace(i..end, &new, kind);
                            let out = b.text.len();
                            b.mark(marks_of(&new), out - new.len()..out);
                            0
                        }
                        WordResult::Ambiguous(reason) => {
                            b.ambiguous.push(Ambiguity {
                                source: i..end,
                                word: word.to_string(),
                                reason,
                            });
                            marks_of(word)
                        }
                    },
                };
                if marks != 0 {
                    b.mark(marks, b.output_at(i)..b.output_at(end));
                }
            }
            i = end;
            continue;
        }
        if byte.is_ascii() {
            i += 1;
            continue;
        }
        let len = c.len_utf8();
        match c {
            c if is_special_space(c) || is_zero_width(c) => {
                i = space_run(&mut b, source, i, &mut || {
                    *layout_line.get_or_insert_with(|| has_layout_columns(source, line_start))
                });
                continue;
            }
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{FE63}' => {
                b.replace(i..i + len, "-", EditKind::Punctuation)
            }
            '\u{FF01}'..='\u{FF5E}' => {
                let ascii = char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c);
                b.replace(
                    i..i + len,
                    ascii.encode_utf8(&mut [0; 4]),
                    EditKind::FullWidth,
                )
            }
            _ => {
                // A symbol or mark outside a word: compose it with its marks.
                // Every mark, not only those of nonzero class: a mark of
                // class 0 may decompose into marks NFC moves before the ones
                // already taken (U+0F73 is U+0F71 U+0F72), so stopping there
                // left the text not NFC and the next pass changed it.
                // Zero-width chars between its marks are taken too: removed,
                // they leave the marks on either side together, which NFC
                // may reorder (a symbol, U+0303, U+200B, U+032F became
                // U+0303 U+032F, not NFC, and the next pass changed it).
                let end = mark_cluster_end(source, i + len);
                let cluster = &source[i..end];
                let unusual = |s: &str| s.chars().any(fold::is_unusual);
                if cluster.chars().any(is_zero_width) {
                    let kept: String = cluster.chars().filter(|&c| !is_zero_width(c)).collect();
                    let composed: String = kept.nfc().collect();
                    let kind = if composed == kept {
                        EditKind::ZeroWidth
                    } else {
                        EditKind::Nfc
                    };
                    b.replace(i..end, &composed, kind);
                    if unusual(&composed) {
                        let out = b.text.len();
                        b.marked.unusual.push(out - composed.len()..out);
                    }
                } else if !unicode_normalization::is_nfc(cluster) {
                    let composed: String = cluster.nfc().collect();
                    b.replace(i..end, &composed, EditKind::Nfc);
                    if unusual(&composed) {
                        let out = b.text.len();
                        b.marked.unusual.push(out - composed.len()..out);
                    }
                } else if unusual(cluster) {
                    let out = b.output_at(i)..b.output_at(end);
                    b.marked.unusual.push(out);
                }
                i = end;
                continue;
            }
        }
        i += len;
    }
    b.finish()
}

/// Where the marks that follow a symbol ending at `from` end: every mark
/// (of any class, see the caller), and zero-width chars when a mark comes
/// after them.
fn mark_cluster_end(source: &str, from: usize) -> usize {
    let is_mark = |c: char| canonical_combining_class(c) != 0 || is_combining_mark(c);
    let mut end = from;
    for (at, c) in source[from..].char_indices() {
        if is_mark(c) {
            end = from + at + c.len_utf8();
        } else if !is_zero_width(c) {
            break;
        }
    }
    end
}

/// Where the word that starts at `i` ends: the first char that is not
/// [`is_word_char`]; and whether the word is all ASCII. A byte loop, ASCII
/// letters answered without decoding.
fn word_end(source: &str, i: usize) -> (usize, bool) {
    let bytes = source.as_bytes();
    let mut j = i;
    let mut ascii = true;
    while let Some(&b) = bytes.get(j) {
        if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                break;
            }
            j += 1;
            continue;
        }
        // Vietnamese letters by their bytes: U+00C0–U+023F (all letters but
        // × and ÷, lead bytes C3–C8) and U+1E00–U+1EFF (E1 B8–BB).
        let next = bytes.get(j + 1).copied().unwrap_or(0);
        match b {
            0xC3 if next == 0x97 || next == 0xB7 => break,
            0xC3..=0xC8 => j += 2,
            0xE1 if (0xB8..=0xBB).contains(&next) => j += 3,
            _ => match source.get(j..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_word_char(c) => j += c.len_utf8(),
                _ => break,
            },
        }
        ascii = false;
    }
    (j, ascii)
}

/// Letters, combining marks and full-width letters make up words; so do
/// zero-width characters, which are removed from the word before its marks
/// are composed ("a", U+200B, U+0300 must become "à").
pub(crate) fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphabetic(),
        // Latin-1 letters and Latin Extended-A/B (all letters but × and ÷),
        // and Latin Extended Additional (Vietnamese ạ … ỹ): the hot path.
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic() || is_combining_mark(c) || is_zero_width(c),
    }
}

fn is_special_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A run of spaces, special spaces and zero-width characters starting at
/// `i`: between words (and not on a layout line) it becomes one space;
/// elsewhere each space stays a plain space and zero-width characters go.
/// Returns where the run ends.
fn space_run(
    b: &mut Builder<'_>,
    source: &str,
    i: usize,
    layout_line: &mut dyn FnMut() -> bool,
) -> usize {
    let rest = &source[i..];
    let len = rest
        .find(|c: char| !(c == ' ' || is_special_space(c) || is_zero_width(c)))
        .unwrap_or(rest.len());
    let run = &rest[..len];
    let end = i + len;
    let bytes = source.as_bytes();
    let between_words = i > 0
        && !matches!(bytes[i - 1], b'\n' | b'\r' | b'\t')
        && bytes
            .get(end)
            .is_some_and(|c| !matches!(c, b'\n' | b'\r' | b'\t'));
    let spaces = run.chars().filter(|&c| !is_zero_width(c)).count();
    if run == " " {
        return end;
    }
    let plain: String = if spaces >= 2 && between_words && !layout_line() {
        " ".into()
    } else {
        " ".repeat(spaces)
    };
    if plain != run {
        let kind = if spaces == 0 {
            EditKind::ZeroWidth
        } else {
            EditKind::Space
        };
        b.replace(i..end, &plain, kind);
    }
    end
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether the line starting at byte `start` is laid out in columns with
/// runs of three or more spaces (text from `pdftotext -layout`): its spaces
/// carry the layout and are kept.
fn has_layout_columns(source: &str, start: usize) -> bool {
    let rest = &source[start..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    // Judge the line as it will read: special spaces count as spaces,
    // zero-width characters as nothing.
    let blank = |c: char| c == ' ' || is_special_space(c) || is_zero_width(c);
    let inner = line.trim_matches(|c: char| blank(c) || c == '\t');
    let mut run = 0;
    for c in inner.chars().filter(|&c| !is_zero_width(c)) {
        run = if blank(c) { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

enum WordResult {
    Same,
    Changed(String, EditKind),
    Ambiguous(String),
}

/// Normalizes one word (a run of letters and marks with at least one
/// non-ASCII character). The edit's kind is the last step that changed it.
fn normalize_word(word: &str, style: ToneStyleOption) -> WordResult {
    let mut kind = None;
    let mut w = std::borrow::Cow::Borrowed(word);
    if w.chars().any(is_zero_width) {
        w = w
            .chars()
            .filter(|&c| !is_zero_width(c))
            .collect::<String>()
            .into();
        kind = Some(EditKind::ZeroWidth);
    }
    // Characters: eth for đ, full-width letters.
    if w.chars()
        .any(|c| matches!(c, 'Ð' | 'ð' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}'))
    {
        let mut fixed = String::with_capacity(w.len());
        for c in w.chars() {
            match c {
                'Ð' => {
                    fixed.push('Đ');
                    kind = Some(EditKind::EthToDStroke);
                }
                'ð' => {
                    fixed.push('đ');
                    kind = Some(EditKind::EthToDStroke);
                }
                '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                    fixed.push(char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c));
                    kind = Some(EditKind::FullWidth);
                }
                c => fixed.push(c),
            }
        }
        w = fixed.into();
    }
    if !unicode_normalization::is_nfc(&w) {
        let composed: String = w.nfc().collect();
        // Marks that NFC could not attach (typed in the wrong order).
        let reordered = reorder_leftover_marks(&composed);
        kind = Some(if reordered.is_some() {
            EditKind::MarkOrder
        } else {
            EditKind::Nfc
        });
        w = reordered.unwrap_or(composed).into();
    }
    let fallback = match style {
        ToneStyleOption::Old => syllable::ToneStyle::Old,
        ToneStyleOption::Keep | ToneStyleOption::New => syllable::ToneStyle::New,
    };
    let repair = if needs_tone_check(&w) {
        syllable::repair_with(&w, fallback)
    } else {
        Ok(None)
    };
    match repair {
        Ok(Some(fixed)) => {
            w = fixed.into();
            kind = Some(EditKind::ToneRepair);
        }
        Ok(None) => {}
        Err(amb) => return WordResult::Ambiguous(amb.to_string()),
    }
    let target = match style {
        ToneStyleOption::Keep => None,
        ToneStyleOption::Old => Some(syllable::ToneStyle::Old),
        ToneStyleOption::New => Some(syllable::ToneStyle::New),
    };
    if let Some(t) = target
        && let Some(fixed) = syllable::restyle(&w, t)
    {
        w = fixed.into();
        kind = Some(EditKind::ToneStyle);
    }
    match (kind, w) {
        (Some(k), std::borrow::Cow::Owned(new)) if new != word => WordResult::Changed(new, k),
        _ => WordResult::Same,
    }
    // (A word of zero-width characters alone becomes "", a deletion.)
}

/// Per character below U+1F00: bit 0 set for a vowel letter (any case, any
/// marks), bit 1 for a letter carrying a tone mark. Built once from the
/// Unicode decompositions.
static LETTER_FLAGS: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..0x1F00u32)
        .map(|u| {
            let Some(c) = char::from_u32(u) else { return 0 };
            // One char's full canonical decomposition: its base first, then
            // its marks (their order does not matter here, so NFD's
            // reordering, and its iterator's cost at start-up, is skipped).
            let mut flags = 0;
            let mut first = true;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if first && "aeiouyAEIOUY".contains(d) {
                    flags |= 1;
                }
                if matches!(d, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
                    flags |= 2;
                }
                first = false;
            });
            flags
        })
        .collect()
});

/// Whether a (NFC) word could have its tone misplaced or doubled: it carries
/// a tone mark and has more than one vowel, or more than one tone mark. The
/// common cases (no tone; one vowel carrying it) skip the syllable analysis.
fn needs_tone_check(word: &str) -> bool {
    let flags = &*LETTER_FLAGS;
    let (mut vowels, mut tones) = (0, 0);
    for c in word.chars() {
        let f = flags.get(c as usize).copied().unwrap_or(0);
        if u32::from(c) >= 0x1F00 && !c.is_ascii() {
            // Outside the table: let the full analysis decide.
            return true;
        }
        if f == 2 {
            // A tone mark on a consonant ("ḿa"): surely misplaced.
            return true;
        }
        vowels += usize::from(f & 1);
        tones += usize::from(f >> 1);
    }
    tones > 1 || (tones == 1 && vowels > 1)
}

/// After NFC, a letter still followed by combining marks had them in an order
/// NFC cannot compose (e + acute + circumflex): rebuild each such letter.
fn reorder_leftover_marks(composed: &str) -> Option<String> {
    if !composed.chars().any(is_combining_mark) {
        return None;
    }
    let mut out = String::with_capacity(composed.len());
    let mut changed = false;
    let mut chars = composed.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(_, m)) = chars.peek() {
            if !is_combining_mark(m) {
                break;
            }
            end += m.len_utf8();
            chars.next();
        }
        let cluster = &composed[start..end];
        match syllable::reorder_marks(cluster) {
            Some(fixed) if end > start + c.len_utf8() => {
                out.push_str(&fixed);
                changed = true;
            }
            _ => out.push_str(cluster),
        }
    }
    changed.then_some(out)
}

/// Accumulates the normalized text, the offset map and the edits.
struct Builder<'a> {
    source: &'a str,
    /// Source offset up to which text has been copied or replaced.
    copied: usize,
    text: String,
    map: OffsetMap,
    edits: Vec<Edit>,
    ambiguous: Vec<Ambiguity>,
    marked: MarkedWords,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            copied: 0,
            text: String::new(),
            map: OffsetMap::default(),
            edits: Vec::new(),
            ambiguous: Vec::new(),
            marked: MarkedWords::default(),
        }
    }

    /// Where source offset `at` (not before the last edit's end) lands in
    /// the output: the source since the last edit is copied unchanged.
    fn output_at(&self, at: usize) -> usize {
        self.text.len() + (at - self.copied)
    }

    /// Files the output word at `out` under its `marks`.
    fn mark(&mut self, marks: u8, out: Range<usize>) {
        if marks & FUNCTION_WORD != 0 {
            self.marked.function_words.push(out.start);
        }
        if marks & DOC_TYPE_HEAD != 0 {
            self.marked.doc_type_heads.push(out.clone());
        }
        if marks & UNUSUAL != 0 {
            self.marked.unusual.push(out.clone());
        }
        if marks & STYLED != 0 {
            self.marked.styled.push(out);
        }
    }

    fn replace(&mut self, src: Range<usize>, with: &str, kind: EditKind) {
        if self.text.capacity() == 0 {
            self.text.reserve(self.source.len());
        }
        self.text.push_str(&self.source[self.copied..src.start]);
        let norm_start = self.text.len();
        self.text.push_str(with);
        self.map.push(Segment {
            norm_start,
            norm_end: self.text.len(),
            src_start: src.start,
            src_end: src.end,
        });
        self.edits.push(Edit {
            kind,
            source: src.clone(),
            replacement: with.to_string(),
        });
        self.copied = src.end;
    }

    fn finish(mut self) -> Normalized {
        if self.edits.is_empty() {
            self.text = self.source.to_string();
        } else {
            self.text.push_str(&self.source[self.copied..]);
        }
        self.marked.text_len = self.text.len();
        Normalized {
            text: self.text,
            map: self.map,
            edits: self.edits,
            ambiguous: self.ambiguous,
            marked: self.marked,
        }
    }
}

/// The one place where normalized spans become source spans.
#[derive(Debug, Clone)]
pub struct Resolver<'a> {
    source: &'a str,
    lines: LineIndex,
    map: &'a OffsetMap,
    layout: Option<&'a Layout>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `normalized`, which came from `source`.
    pub fn new(source: &'a str, normalized: &'a Normalized) -> Self {
        Resolver {
            source,
            lines: LineIndex::new(source),
            map: &normalized.map,
            layout: None,
        }
    }

    /// A resolver for `normalized`, which came from `source`; when the source
    /// was rendered from .docx or HTML, spans also get their
    /// [`Span::location`] in the document.
    pub fn for_source(source: &'a Source, normalized: &'a Normalized) -> Self {
        Resolver {
            layout: source.layout.as_ref(),
            ..Resolver::new(&source.text, normalized)
        }
    }

    /// For a span inside a table cell that continues a vertically merged
    /// cell: the cell its text was copied from (see
    /// [`Layout::merged_from`]). `None` for text input and unmerged cells.
    pub fn merged_from(&self, span: &Span) -> Option<DocLocation> {
        self.layout?.merged_from(self.source, span.start..span.end)
    }

    /// The document layout, when the source was rendered from .docx or HTML.
    pub fn layout(&self) -> Option<&'a Layout> {
        self.layout
    }

    /// The source span of a normalized span, with line and column.
    pub fn resolve(&self, span: NSpan) -> Span {
        let start = self.map.start_to_source(span.start);
        let end = self.map.end_to_source(span.end).max(start);
        self.source_span(start..end)
    }

    /// A [`Span`] for a byte range already in source coordinates.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let (line, column) = self.lines.line_col(self.source, range.start);
        Span {
            start: range.start,
            end: range.end,
            line,
            column,
            location: self
                .layout
                .and_then(|l| l.locate(self.source, range.clone())),
        }
    }

    /// The source text this resolver maps into.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Line starts of the source text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip(src: &str, want: &str) -> Normalized {
        let n = normalize(src);
        assert_eq!(n.text, want);
        n
    }

    /// `word_end`'s byte tests say what `is_word_char` says, for every
    /// char, alone and between letters, and it tells an ASCII word.
    #[test]
    fn word_end_agrees_with_is_word_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let word = is_word_char(c);
            let inner = format!("a{c}b");
            let want = if word { inner.len() } else { 1 };
            let ascii = !word || c.is_ascii();
            assert_eq!(word_end(&inner, 0), (want, ascii), "U+{:04X}", c as u32);
            let alone = c.to_string();
            let want = if word { alone.len() } else { 0 };
            assert_eq!(
                word_end(&alone, 0),
                (want, ascii),
                "U+{:04X} alone",
                c as u32
            );
        }
    }

    /// The letter flags, built from each char's decomposition emitted in
    /// place, are what NFD gives: base first, the same marks.
    #[test]
    fn letter_flags_are_those_of_nfd() {
        for u in 0..0x1F00u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut want = 0;
            if std::iter::once(c)
                .nfd()
                .next()
                .is_some_and(|base| "aeiouyAEIOUY".contains(base))
            {
                want |= 1;
            }
            if std::iter::once(c)
                .nfd()
                .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            {
                want |= 2;
            }
            assert_eq!(LETTER_FLAGS[u as usize], want, "U+{u:04X}");
        }
    }

    /// The memo of normal words answers for exactly the words put in it,
    /// short (packed) or long, and forgets them on a change of style.
    #[test]
    fn known_normal_words_are_told_apart() {
        let mut known = KnownNormal::default();
        let words = [
            "hóa",
            "hoá",
            "Hóa",
            "ho",
            "nghiêng",
            "a\u{301}",
            "đđđđđđđđ",         // 16 bytes: the longest packed
            "đđđđđđđđa",        // 17 bytes: kept as a string
            "nghiêngnghiêngxx", // 18 bytes
        ];
        for (i, w) in words.iter().enumerate() {
            assert_eq!(known.get(w), None, "{w} before it was put in");
            // Each word given marks of its own, to see each keeps them.
            known.insert(w, i as u8);
            for (j, other) in words.iter().enumerate() {
                let want = (j <= i).then_some(j as u8);
                assert_eq!(known.get(other), want, "{other} after {w}");
            }
        }
        assert_eq!(
            (known.short.len(), known.words.len()),
            (7, 2),
            "up to 16 bytes are packed"
        );
        // Prefixes and the same bytes padded differ.
        for w in ["hó", "h", "đđđđđđđ", "nghiêngnghiêng"] {
            assert_eq!(known.get(w), None, "{w}");
        }
        // Looked up in place, with no text after the word, a little, or
        // more than 16 bytes, it is the same answer.
        for w in words
            .iter()
            .chain(&["hó", "h", "đđđđđđđ", "nghiêngnghiêng"])
        {
            for before in ["", "x "] {
                for after in ["", " a", " và các cơ quan, đơn vị liên quan"] {
                    let text = format!("{before}{w}{after}");
                    let (s, e) = (before.len(), before.len() + w.len());
                    assert_eq!(known.get_at(&text, s, e), known.get(w), "{text:?}");
                }
            }
        }
        // Too long to be a syllable: not kept.
        let long = "x".repeat(KnownNormal::MAX_LEN + 1);
        known.insert(&long, 0);
        assert_eq!(known.get(&long), None);
        // A change of tone style starts over.
        known.for_style(ToneStyleOption::New);
        assert!(known.get("hóa").is_none() && known.get("đđđđđđđđa").is_none());
    }

    /// No letter composes from a char that is not one: a symbol composed
    /// with its marks (the only edit between words that composes) never
    /// makes a letter, so every run of letters lies inside a word
    /// normalizing read, as [`Normalized::styled_word_spans`] assumes.
    #[test]
    fn no_letter_decomposes_to_a_non_letter_first() {
        let mut composites = 0;
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut nfd = std::iter::once(c).nfd();
            let first = nfd.next();
            if first == Some(c) {
                continue;
            }
            composites += 1;
            if chars::is_letter(c) {
                assert!(first.is_some_and(chars::is_letter), "U+{:04X}", c as u32);
            }
        }
        assert!(composites > 2000, "{composites} canonical composites");
    }

    /// Full, the memo starts over rather than grow.
    #[test]
    fn known_normal_words_are_bounded() {
        let mut known = KnownNormal::default();
        for i in 0..KnownNormal::MAX_WORDS + 10 {
            known.insert(&format!("w{i}"), 0);
        }
        assert!(known.short.len() + known.words.len() <= KnownNormal::MAX_WORDS);
        assert!(
            known
                .get(&format!("w{}", KnownNormal::MAX_WORDS + 9))
                .is_some()
        );
    }

    #[test]
    fn plain_text_is_unchanged_and_has_no_edits() {
        let n = check_roundtrip(
            "Kế hoạch số 204-KH/TU\tThường xuyên\n",
            "Kế hoạch số 204-KH/TU\tThường xuyên\n",
        );
        assert!(n.edits.is_empty());
        assert!(n.map.is_identity());
    }

    #[test]
    fn line_endings_spaces_zero_width_and_eth() {
        let src = "KẾ HOẠCH\r\nSở\u{A0}Y tế\rÐoàn\u{200B} ðoàn";
        let n = check_roundtrip(src, "KẾ HOẠCH\nSở Y tế\nĐoàn đoàn");
        let kinds: Vec<_> = n.edits.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EditKind::LineEnding,
                EditKind::Space,
                EditKind::LineEnding,
                // "Ðoàn" + U+200B is one word, one edit; its kind is the
                // last step that changed it.
                EditKind::EthToDStroke,
                EditKind::EthToDStroke
            ]
        );
    }

    #[test]
    fn decomposed_text_is_composed_and_spans_map_back() {
        // "Hòa" typed as o + combining grave (Mac-style NFD).
        let src = "Thanh Ho\u{0300}a, Sở Tài chính";
        let n = check_roundtrip(src, "Thanh Hòa, Sở Tài chính");
        assert_eq!(n.edits.len(), 1);
        assert_eq!(n.edits[0].kind, EditKind::Nfc);
        let r = Resolver::new(src, &n);
        let at = n.text.find("Sở").unwrap();
        let span = r.resolve(NSpan::new(at, at + "Sở Tài chính".len()));
        assert_eq!(&src[span.start..span.end], "Sở Tài chính");
        // The combining grave counts: columns count Unicode scalar values of the source.
        assert_eq!(span.column, 13);
        let whole = r.resolve(NSpan::new(0, n.text.find(',').unwrap()));
        assert_eq!(&src[whole.start..whole.end], "Thanh Ho\u{0300}a");
    }

    #[test]
    fn every_span_maps_inside_the_source_on_char_boundaries() {
        let src = "a\r\nĐ\u{200B}e\u{0301}\u{0302}x\u{A0}y\r";
        let n = normalize(src);
        let r = Resolver::new(src, &n);
        let bounds: Vec<usize> = n
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([n.text.len()])
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let s = r.resolve(NSpan::new(a, b));
                assert!(s.start <= s.end && s.end <= src.len(), "{a}..{b} -> {s:?}");
                assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
            }
        }
    }

    #[test]
    fn a_symbol_takes_every_mark_after_it() {
        // U+0F73 has class 0 but decomposes into marks of class 129 and 130,
        // which NFC puts before the tilde (class 230): one cluster, one pass.
        let src = "\u{20BB}\u{0303}\u{0F73}";
        let once = check_roundtrip(src, "\u{20BB}\u{0F71}\u{0F72}\u{0303}");
        assert_eq!(normalize(&once.text).text, once.text);
    }

    #[test]
    fn a_symbol_takes_its_marks_across_zero_width_chars() {
        // Found by fuzzing: the zero-width space was removed as part of the
        // next "word", leaving U+0303 U+032F, which NFC orders the other way.
        for symbol in ["\u{FFFF}", "€", "\u{E10B}"] {
            let src = format!("{symbol}\u{0303}\u{200B}\u{032F}");
            let once = check_roundtrip(&src, &format!("{symbol}\u{032F}\u{0303}"));
            assert_eq!(once.edits.len(), 1);
            assert_eq!(once.edits[0].kind, EditKind::Nfc);
            assert_eq!(normalize(&once.text).text, once.text);
        }
        // Zero-width chars after the last mark are not the cluster's: they go
        // as any zero-width char does, and the marks in order are kept.
        let once = check_roundtrip("€\u{032F}\u{0303}\u{200B}x", "€\u{032F}\u{0303}x");
        assert_eq!(once.edits[0].kind, EditKind::ZeroWidth);
        // Removed between marks already in order: the edit is the removal.
        let once = check_roundtrip("€\u{032F}\u{200D}\u{0303}", "€\u{032F}\u{0303}");
        assert_eq!(once.edits[0].kind, EditKind::ZeroWidth);
    }

    #[test]
    fn normalizing_twice_changes_nothing_more() {
        let src = "Ho\u{0300}a\r\n\u{A0}Ðà";
        let once = normalize(src);
        let twice = normalize(&once.text);
        assert_eq!(twice.text, once.text);
        assert!(twice.edits.is_empty());
    }
}
