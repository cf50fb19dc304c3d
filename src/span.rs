//! Positions in the two coordinate systems of the pipeline.
//!
//! * [`NSpan`] is a byte range in the **normalized** text: what `parse`,
//!   `extract` and `check` work on.
//! * [`Span`] is what every record carries in its output: a byte range in the
//!   **source text as given** (the decoded input, before normalization), with
//!   the 1-based line and the 1-based column, counted in characters, of its
//!   start.
//!
//! The two are different types so that the compiler refuses to mix them; the
//! only conversion is [`crate::normalize::Resolver::resolve`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A byte range in the normalized text (start inclusive, end exclusive,
/// offsets start at 0). Never serialized: resolve it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NSpan {
    /// Byte offset of the first byte, from 0.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl NSpan {
    /// A span from `start` to `end` (byte offsets in the normalized text).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        NSpan { start, end }
    }

    /// The span as a range, for slicing the normalized text.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// A sub-span given by byte offsets relative to this span's start.
    pub fn within(self, rel: Range<usize>) -> NSpan {
        NSpan::new(self.start + rel.start, self.start + rel.end)
    }

    /// The smallest span covering both.
    pub fn cover(self, other: NSpan) -> NSpan {
        NSpan::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Where a record came from, in the source text as given.
///
/// `start` and `end` are byte offsets (from 0, end exclusive) into the decoded
/// source text (UTF-8; for UTF-8 input without a byte-order mark these are
/// offsets into the file itself; a UTF-8 byte-order mark is not part of the
/// source text). `line` and `column` locate `start`: both are 1-based, and the
/// column counts Unicode scalar values (characters), not bytes.
///
/// For a .docx or HTML input the source text is the document rendered as
/// text ([`crate::ingest::layout`]), so offsets, line and column refer to that
/// rendering, and [`Span::location`] says where the span stands in the
/// document itself.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// Byte offset of the first byte in the source text, from 0.
    pub start: usize,
    /// Byte offset one past the last byte in the source text.
    pub end: usize,
    /// Line of `start`, from 1.
    pub line: usize,
    /// Column of `start` on its line, in characters, from 1.
    pub column: usize,
    /// For a document read from .docx or HTML: the paragraph or table cell
    /// the span stands in (see [`DocLocation`]). Absent for text input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<DocLocation>,
}

/// Where a span stands in a .docx or HTML document, for people and systems
/// that open the document itself rather than kehoach's rendered text.
///
/// Every index is 0-based. `table` counts the document's top-level tables,
/// `row` the rows of that table (header rows included), `cell` the grid
/// column the cell starts in (a cell merged across N columns counts N).
/// `paragraph` counts the paragraphs outside tables, empty ones included.
/// `char_start` and `char_end` (end exclusive) count characters (Unicode
/// scalar values) from the start of that paragraph or cell as rendered
/// (automatic list numbering included). JSON forms:
/// `{"paragraph": 3, "char_start": 0, "char_end": 12}`,
/// `{"table": 0, "row": 5, "cell": 2, "char_start": 0, "char_end": 7}`, and
/// `{"table": 0, "row": 5}` for a span over several cells of one row.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(untagged)]
pub enum DocLocation {
    /// Characters of one table cell.
    Cell {
        /// Table index, from 0.
        table: usize,
        /// Row index in the table, from 0.
        row: usize,
        /// Grid column of the cell, from 0.
        cell: usize,
        /// First character, from 0.
        char_start: usize,
        /// One past the last character.
        char_end: usize,
    },
    /// Several cells of one table row (a whole task row).
    Row {
        /// Table index, from 0.
        table: usize,
        /// Row index in the table, from 0.
        row: usize,
    },
    /// Characters of one paragraph outside tables.
    Paragraph {
        /// Paragraph index, from 0.
        paragraph: usize,
        /// First character, from 0.
        char_start: usize,
        /// One past the last character.
        char_end: usize,
    },
}

impl DocLocation {
    /// The location as a person reads it, in Vietnamese, counting from 1:
    /// "bảng 1, dòng 5, ô 3", "bảng 1, dòng 5" or "đoạn 4".
    pub fn describe(&self) -> String {
        match *self {
            DocLocation::Cell {
                table, row, cell, ..
            } => format!("bảng {}, dòng {}, ô {}", table + 1, row + 1, cell + 1),
            DocLocation::Row { table, row } => format!("bảng {}, dòng {}", table + 1, row + 1),
            DocLocation::Paragraph { paragraph, .. } => format!("đoạn {}", paragraph + 1),
        }
    }
}

/// Line starts of a text, for turning byte offsets into line and column.
///
/// A line ends at `\n`, at `\r\n`, or at a lone `\r`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The byte offset and column [`LineIndex::line_col`] found last: the
    /// next query on the same line, further right, counts on from there.
    /// A table row is one long line, and its cells and units are resolved
    /// left to right; counting each from the line's start was 2.5% of a
    /// text plan's time.
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Line breaks are rare among the bytes: SIMD search between them.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// Number of lines (a text with no line break has one).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Always false: even an empty text has one (empty) line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// 1-based line and 1-based character column of byte `offset` in `text`.
    ///
    /// `text` must be the text the index was made from, and `offset` lie on
    /// a character boundary of it (or at its end).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let (last, last_column) = self.last.get();
        let counted = |from: usize| text.get(from..offset).map(|s| s.chars().count());
        let column = match (start..=offset)
            .contains(&last)
            .then(|| counted(last))
            .flatten()
        {
            Some(n) => last_column + n,
            None => counted(start).map_or(0, |n| n + 1),
        };
        if column > 0 {
            self.last.set((offset, column));
        }
        (line + 1, column.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_on_from_the_last_query_as_from_the_line_start() {
        let text = "Kế hoạch\tSở Tài chính\tUBND các huyện\r\nĐơn vị\rphối hợp\n\nThường xuyên";
        let idx = LineIndex::new(text);
        let plain = |offset: usize| {
            let line = idx.line_of(offset);
            let start = idx.line_start(line);
            (line + 1, text[start..offset].chars().count() + 1)
        };
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        // Left to right, right to left, and jumping about.
        let jumps = offsets.iter().map(|&o| offsets[(o * 7919) % offsets.len()]);
        for o in offsets
            .iter()
            .copied()
            .chain(offsets.iter().rev().copied())
            .chain(jumps)
        {
            assert_eq!(idx.line_col(text, o), plain(o), "at {o}");
        }
        // Not a char boundary: column 1, as ever, and the next answer right.
        assert_eq!(idx.line_col(text, 2), (1, 1));
        assert_eq!(idx.line_col(text, 4), plain(4));
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "Kế hoạch\nSở Tài chính";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 2);
        let off = text.find("Tài").unwrap();
        assert_eq!(idx.line_col(text, off), (2, 4));
        let off = text.find("hoạch").unwrap();
        assert_eq!(idx.line_col(text, off), (1, 4));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_col(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(idx.line_col(text, text.find('d').unwrap()), (4, 1));
    }

    #[test]
    fn nspan_helpers() {
        let s = NSpan::new(10, 20);
        assert_eq!(s.within(2..5), NSpan::new(12, 15));
        assert_eq!(s.cover(NSpan::new(5, 12)), NSpan::new(5, 20));
        assert_eq!(s.len(), 10);
        assert!(!s.is_empty());
    }
}
