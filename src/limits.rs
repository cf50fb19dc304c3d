//! Hard limits on what kehoach reads, so that a hostile or broken input
//! costs bounded time and memory and is refused with a clear error
//! ([`crate::Error::LimitExceeded`]) instead of exhausting the machine.
//!
//! Each limit is far above anything a real plan needs: the largest plan in
//! the project's corpus is 2.6 MB, its longest line 40 KB, its largest table
//! about 2,000 rows of 6 cells.

/// Largest input accepted, in bytes (512 MiB). Checked before decoding; the
/// batch command checks the file's size before reading it.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// Longest line accepted, in bytes of the decoded text (4 MiB). A longer
/// "line" is not prose but a file without line breaks (a binary blob, a
/// minified export).
pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// Most rows one table may hold (1,000,000).
pub const MAX_TABLE_ROWS: usize = 1_000_000;

/// Most cells one table row may hold (1,000). Real task tables have 4 to 12
/// columns; a line with thousands of tabs is data, not a plan.
pub const MAX_ROW_CELLS: usize = 1_000;

use crate::error::Error;

// `check_lines` passes over lines shorter than the cell limit untested.
const _: () = assert!(MAX_ROW_CELLS <= MAX_LINE_BYTES);

/// Checks the decoded text against [`MAX_LINE_BYTES`] and [`MAX_ROW_CELLS`]
/// (cells are separated by tabs) in one pass, before any other stage runs.
pub fn check_lines(text: &str) -> Result<(), Error> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr2_iter(b'\n', b'\r', bytes).chain([bytes.len()]);
    for end in ends {
        let line = &text[start..end];
        start = end + 1;
        let found = line.len();
        // A line shorter than the cell limit cannot have too many cells (one
        // more than its tabs, at most one per byte), nor too many bytes (the
        // byte limit is the larger, asserted above): nearly every line, so
        // its tabs are counted only past that. A plain count of one byte
        // value: the compiler vectorizes it.
        if found < MAX_ROW_CELLS {
            continue;
        }
        let cells = line.bytes().filter(|&b| b == b'\t').count() + 1;
        if found <= MAX_LINE_BYTES && cells <= MAX_ROW_CELLS {
            continue;
        }
        let line_no = line_number(text, line.as_ptr() as usize - text.as_ptr() as usize);
        let (limit, found) = if found > MAX_LINE_BYTES {
            (Limit::LineBytes, found)
        } else {
            (Limit::RowCells, cells)
        };
        return Err(Error::LimitExceeded {
            limit,
            found: found as u64,
            line: Some(line_no),
        });
    }
    Ok(())
}

/// The 1-based line of byte `offset` ("\r\n", "\n" and a lone "\r" each end
/// a line), counted only when a limit is hit.
fn line_number(text: &str, offset: usize) -> usize {
    crate::span::LineIndex::new(&text[..offset]).len()
}

/// Checks a parsed document against [`MAX_TABLE_ROWS`] (every table) and
/// [`MAX_OUTLINE_DEPTH`].
pub fn check_document(doc: &crate::parse::Document<'_>) -> Result<(), Error> {
    if let Some((line, depth)) = doc.too_deep {
        return Err(Error::LimitExceeded {
            limit: Limit::OutlineDepth,
            found: depth as u64,
            line: Some(line + 1),
        });
    }
    for t in &doc.tables {
        if t.rows.len() > MAX_TABLE_ROWS {
            return Err(Error::LimitExceeded {
                limit: Limit::TableRows,
                found: t.rows.len() as u64,
                line: Some(t.first_line + 1),
            });
        }
    }
    Ok(())
}

/// Deepest outline accepted, in levels of nested entries (32). Real plans
/// nest about seven deep (I., 1., 1.1., 1.1.1., a), -, +); numbering such as
/// "1.1.1.1.…" can ask for any depth, and every stage after parsing walks
/// the outline recursively.
pub const MAX_OUTLINE_DEPTH: usize = 32;

/// Which limit an input went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_INPUT_BYTES`].
    InputBytes,
    /// [`MAX_LINE_BYTES`].
    LineBytes,
    /// [`MAX_TABLE_ROWS`].
    TableRows,
    /// [`MAX_ROW_CELLS`].
    RowCells,
    /// [`MAX_OUTLINE_DEPTH`].
    OutlineDepth,
}

impl Limit {
    /// The limit's value.
    pub fn max(self) -> u64 {
        match self {
            Limit::InputBytes => MAX_INPUT_BYTES,
            Limit::LineBytes => MAX_LINE_BYTES as u64,
            Limit::TableRows => MAX_TABLE_ROWS as u64,
            Limit::RowCells => MAX_ROW_CELLS as u64,
            Limit::OutlineDepth => MAX_OUTLINE_DEPTH as u64,
        }
    }
}
