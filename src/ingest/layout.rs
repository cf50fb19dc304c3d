//! Documents with a layout (Word, HTML) rendered to the text form the parser
//! reads, with a map from the rendered text back to document locations.
//!
//! The parser reads text where a table row is one line and its cells are
//! separated by TAB. A .docx or HTML document is therefore *rendered* into
//! that form ([`Rendered::text`]), and every paragraph and table cell that was
//! rendered is recorded as a [`Piece`]: the byte range it occupies in the
//! rendered text and its [`Location`] in the document. Spans of the rendered
//! text are turned into document locations by [`Layout::locate`].

use crate::span::DocLocation;
use std::ops::Range;

/// Where a piece of rendered text stands in the document. Every index is
/// 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A paragraph outside tables.
    Paragraph {
        /// Index among the document's paragraphs outside tables, in document
        /// order, empty paragraphs included. For .docx: the `w:p` elements of
        /// the body that are not inside a table. For HTML: the lines rendered
        /// outside tables (a `<p>`, a heading, a list item, a `<div>`'s own
        /// text, or the text after a `<br>`).
        index: usize,
    },
    /// A table cell.
    Cell {
        /// Index among the document's top-level tables (tables nested in a
        /// cell are flattened into that cell's text and not counted).
        table: usize,
        /// Index of the row in its table, header rows included.
        row: usize,
        /// The grid column the cell starts in: a cell merged across N
        /// columns (`w:gridSpan`, `colspan`) counts N, so cell indices line up
        /// with the columns of the table as a reader sees them.
        ///
        /// In a table of one or two columns, which is rendered paragraph by
        /// paragraph, each paragraph of the cell is a piece of its own and
        /// character ranges count within that paragraph.
        cell: usize,
    },
}

impl Location {
    /// The serializable form, with a character range inside the paragraph or
    /// cell.
    pub fn with_chars(self, char_start: usize, char_end: usize) -> DocLocation {
        match self {
            Location::Paragraph { index } => DocLocation::Paragraph {
                paragraph: index,
                char_start,
                char_end,
            },
            Location::Cell { table, row, cell } => DocLocation::Cell {
                table,
                row,
                cell,
                char_start,
                char_end,
            },
        }
    }
}

/// One rendered paragraph or cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range (from 0, end exclusive) of the piece's text in
    /// [`Rendered::text`]; empty for an empty paragraph or cell.
    pub range: Range<usize>,
    /// Where the piece stands in the document.
    pub location: Location,
    /// For a cell that continues a vertically merged cell (`w:vMerge`,
    /// `rowspan`): the cell whose text was copied into this one.
    pub merged_from: Option<Location>,
}

/// The map from rendered text to document locations: one [`Piece`] per
/// rendered paragraph and table cell, in text order (strictly increasing
/// starts, no overlap). Filler cells emitted to keep columns aligned after a
/// horizontally merged cell have no piece.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The pieces, in text order.
    pub pieces: Vec<Piece>,
}

/// A document rendered to text, with its layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// One line per paragraph and per table row, cells separated by TAB.
    pub text: String,
    /// Where each paragraph and cell of `text` came from.
    pub layout: Layout,
}

impl Rendered {
    /// Appends `text` as one piece located at `location` (no line break).
    pub fn push_piece(&mut self, text: &str, location: Location, merged_from: Option<Location>) {
        let start = self.text.len();
        self.text.push_str(text);
        self.layout.pieces.push(Piece {
            range: start..self.text.len(),
            location,
            merged_from,
        });
    }
}

impl Layout {
    /// The piece whose range holds byte `offset` (its end included, so an
    /// empty piece is found at its own position).
    pub fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.range.start <= offset);
        let p = self.pieces.get(i.checked_sub(1)?)?;
        (offset <= p.range.end).then_some(p)
    }

    /// The document location of the byte range `range` of `text` (the
    /// rendered text this layout describes).
    ///
    /// A range inside one paragraph or cell gets that paragraph or cell with
    /// the characters it covers. A range over several cells of one table row
    /// (a whole task row) gets the row. A range that starts in a paragraph
    /// and runs past it (a section over several paragraphs) is located by
    /// the paragraph it starts in, its `char_end` stopping at that
    /// paragraph's end. A range that starts between pieces (on a TAB or a
    /// line break) has no location.
    pub fn locate(&self, text: &str, range: Range<usize>) -> Option<DocLocation> {
        let p = self.piece_at(range.start)?;
        let chars = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.chars().count());
        let char_start = chars(p.range.start, range.start);
        if range.end <= p.range.end {
            return Some(
                p.location
                    .with_chars(char_start, char_start + chars(range.start, range.end)),
            );
        }
        if let Location::Cell { table, row, .. } = p.location
            && let Some(last) = self.piece_at(range.end)
            && let Location::Cell {
                table: t2, row: r2, ..
            } = last.location
            && (t2, r2) == (table, row)
        {
            return Some(DocLocation::Row { table, row });
        }
        Some(
            p.location
                .with_chars(char_start, char_start + chars(range.start, p.range.end)),
        )
    }

    /// For a range inside a cell copied from a vertically merged cell: the
    /// origin cell, with the same character range (the copied text is the
    /// origin's text).
    pub fn merged_from(&self, text: &str, range: Range<usize>) -> Option<DocLocation> {
        let p = self.piece_at(range.start)?;
        let origin = p.merged_from?;
        if range.end > p.range.end {
            return None;
        }
        let chars = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.chars().count());
        let char_start = chars(p.range.start, range.start);
        Some(origin.with_chars(char_start, char_start + chars(range.start, range.end)))
    }

    /// The piece a [`DocLocation`] names, if any.
    pub fn piece_of(&self, location: &DocLocation) -> Option<&Piece> {
        let want = match *location {
            DocLocation::Paragraph { paragraph, .. } => Location::Paragraph { index: paragraph },
            DocLocation::Cell {
                table, row, cell, ..
            } => Location::Cell { table, row, cell },
            DocLocation::Row { .. } => return None,
        };
        self.pieces.iter().find(|p| p.location == want)
    }
}

/// A cell as rendered: its paragraphs, where it stands (`None` for the
/// filler cells after a horizontally merged one) and the cell its text was
/// copied from.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub(crate) paras: Vec<String>,
    pub(crate) location: Option<Location>,
    pub(crate) merged_from: Option<Location>,
}

/// Writes a paragraph: its line, then a blank line (paragraphs of the text
/// form are separated by blank lines); an empty paragraph is one empty line.
pub(crate) fn push_paragraph(out: &mut Rendered, text: &str, location: Location) {
    out.push_piece(text, location, None);
    out.text.push('\n');
    if !text.trim().is_empty() {
        out.text.push('\n');
    }
}

/// Writes a table. A table of three grid columns or more holds data: one
/// line per row, cells joined by TAB, the paragraphs of a cell joined by a
/// space. A table of one or two columns is page layout (the header block,
/// with issuer and national motto side by side; "Nơi nhận" beside the
/// signature): each paragraph of each cell becomes a paragraph of its own, in
/// reading order, so that the parser meets them as it meets text.
pub(crate) fn render_table(out: &mut Rendered, rows: &[Vec<Placed>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width <= 2 {
        for cell in rows.iter().flatten() {
            if let (Some(loc), None) = (cell.location, cell.merged_from) {
                for p in &cell.paras {
                    push_paragraph(out, p, loc);
                }
            }
        }
        return;
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.text.push('\t');
            }
            let text = cell.paras.join(" ");
            match cell.location {
                Some(loc) => out.push_piece(&text, loc, cell.merged_from),
                None => out.text.push_str(&text),
            }
        }
        out.text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rendered {
        let mut r = Rendered::default();
        r.push_piece("Kế hoạch", Location::Paragraph { index: 0 }, None);
        r.text.push('\n');
        let cell = |c| Location::Cell {
            table: 0,
            row: 1,
            cell: c,
        };
        r.push_piece("1", cell(0), None);
        r.text.push('\t');
        r.push_piece("Sở Y tế", cell(1), None);
        r.text.push('\t');
        r.push_piece(
            "Sở Y tế",
            cell(2),
            Some(Location::Cell {
                table: 0,
                row: 0,
                cell: 2,
            }),
        );
        r.text.push('\n');
        r
    }

    #[test]
    fn a_range_inside_a_cell_gets_the_cell_and_its_characters() {
        let r = sample();
        let at = r.text.find("Y tế").unwrap();
        let loc = r.layout.locate(&r.text, at..at + "Y tế".len());
        assert_eq!(
            loc,
            Some(DocLocation::Cell {
                table: 0,
                row: 1,
                cell: 1,
                char_start: 3,
                char_end: 7
            })
        );
    }

    #[test]
    fn a_range_over_cells_of_one_row_gets_the_row() {
        let r = sample();
        let start = r.text.find('1').unwrap();
        let loc = r.layout.locate(&r.text, start..r.text.len() - 1);
        assert_eq!(loc, Some(DocLocation::Row { table: 0, row: 1 }));
    }

    #[test]
    fn a_paragraph_range_and_a_range_on_a_separator() {
        let r = sample();
        let loc = r.layout.locate(&r.text, 0.."Kế".len());
        assert_eq!(
            loc,
            Some(DocLocation::Paragraph {
                paragraph: 0,
                char_start: 0,
                char_end: 2
            })
        );
        let tab = r.text.find('\t').unwrap();
        // The TAB right after cell 0 is its end; one byte later is cell 1.
        assert_eq!(
            r.layout.piece_at(tab).map(|p| p.location),
            Some(Location::Cell {
                table: 0,
                row: 1,
                cell: 0
            })
        );
        let end = r.text.len();
        assert_eq!(
            r.layout.locate(&r.text, end..end),
            None,
            "past the last line break there is no piece"
        );
    }

    #[test]
    fn merged_from_names_the_origin_with_the_same_characters() {
        let r = sample();
        let at = r.text.rfind("Sở Y tế").unwrap();
        let m = r.layout.merged_from(&r.text, at..at + "Sở Y tế".len());
        assert_eq!(
            m,
            Some(DocLocation::Cell {
                table: 0,
                row: 0,
                cell: 2,
                char_start: 0,
                char_end: 7
            })
        );
        let first = r.text.find("Sở Y tế").unwrap();
        assert_eq!(
            r.layout.merged_from(&r.text, first..first + 2),
            None,
            "an unmerged cell has no origin"
        );
    }
}
