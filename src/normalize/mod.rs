//! Stage 2, **normalize**: source text → normalized text, with an offset map
//! back to the source and a list of every edit made.
//!
//! This stage makes the text regular enough to parse without changing what it
//! says: line endings to `\n`, exotic spaces to a plain space, zero-width
//! characters removed, "Ð"/"ð" (Icelandic eth, a common mistype) to "Đ"/"đ",
//! and Unicode NFC. Each change is an [`Edit`]; the [`OffsetMap`] keeps every
//! later span pointing at the source as given. Tabs are kept: they separate
//! table cells.

pub mod fold;
mod offset_map;
pub mod syllable;

pub use offset_map::{OffsetMap, Segment};

use crate::ingest::Source;
use crate::ingest::layout::Layout;
use crate::span::{DocLocation, LineIndex, NSpan, Span};
use serde::Serialize;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

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
}

/// Normalize `source`. See the module documentation for what changes.
pub fn normalize(source: &str) -> Normalized {
    let mut b = Builder::new(source);
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii() && byte != b'\r' {
            // ASCII starts a cluster too: "e" + U+0301 must compose.
            if bytes.get(i + 1).is_none_or(|n| n.is_ascii()) {
                i += 1;
                continue;
            }
        }
        if byte == b'\r' {
            let len = if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            b.replace(i..i + len, "\n", EditKind::LineEnding);
            i += len;
            continue;
        }
        // A cluster: one starter and the combining marks that follow it.
        let Some(c) = source[i..].chars().next() else {
            break;
        };
        let mut end = i + c.len_utf8();
        for next in source[end..].chars() {
            if canonical_combining_class(next) == 0 {
                break;
            }
            end += next.len_utf8();
        }
        match c {
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                b.replace(i..i + c.len_utf8(), " ", EditKind::Space);
                i += c.len_utf8();
                continue;
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                b.replace(i..i + c.len_utf8(), "", EditKind::ZeroWidth);
                i += c.len_utf8();
                continue;
            }
            'Ð' | 'ð' => {
                let fixed = if c == 'Ð' { "Đ" } else { "đ" };
                b.replace(i..i + c.len_utf8(), fixed, EditKind::EthToDStroke);
                i += c.len_utf8();
                continue;
            }
            _ => {}
        }
        let cluster = &source[i..end];
        if !unicode_normalization::is_nfc(cluster) {
            let composed: String = cluster.nfc().collect();
            b.replace(i..end, &composed, EditKind::Nfc);
        }
        i = end;
    }
    b.finish()
}

/// Accumulates the normalized text, the offset map and the edits.
struct Builder<'a> {
    source: &'a str,
    /// Source offset up to which text has been copied or replaced.
    copied: usize,
    text: String,
    map: OffsetMap,
    edits: Vec<Edit>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            copied: 0,
            text: String::new(),
            map: OffsetMap::default(),
            edits: Vec::new(),
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
        Normalized {
            text: self.text,
            map: self.map,
            edits: self.edits,
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
                EditKind::EthToDStroke,
                EditKind::ZeroWidth,
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
    fn normalizing_twice_changes_nothing_more() {
        let src = "Ho\u{0300}a\r\n\u{A0}Ðà";
        let once = normalize(src);
        let twice = normalize(&once.text);
        assert_eq!(twice.text, once.text);
        assert!(twice.edits.is_empty());
    }
}
