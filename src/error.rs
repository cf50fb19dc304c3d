//! The one error type of the library: input that could not be read at all.
//!
//! What was read but is odd (a malformed table, an impossible date) is never an
//! error: it becomes a finding or lands in `unparsed`.

use crate::limits::Limit;
use std::fmt;

/// Why an input was refused.
#[derive(Debug)]
pub enum Error {
    /// The file could not be opened or read.
    Io {
        /// The path as the user gave it.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The bytes are not text in any encoding kehoach reads.
    NotText {
        /// Why the bytes were judged not to be text.
        reason: String,
    },
    /// A Word (.docx) container that cannot be read: not a zip, no
    /// `word/document.xml`, XML that is not well formed, a DTD with entities.
    Docx {
        /// What is wrong, as a sentence fragment ("word/document.xml is not
        /// well-formed XML at byte 120: …").
        reason: String,
    },
    /// An HTML page that cannot be read.
    Html {
        /// What is wrong.
        reason: String,
    },
    /// The input exceeds one of the fixed safety limits of
    /// [`crate::ingest::limits`] (a zip bomb, thousands of entries, XML or
    /// HTML nested too deep, a page too large).
    Limit {
        /// Which limit, the value found and the limit, e.g. "word/document.xml
        /// inflates to more than 200 MiB (the limit is 200 MiB)".
        what: String,
    },
    /// The input was read, but nothing in it looks like a plan.
    NoPlan {
        /// What was looked for and not found.
        reason: String,
    },
    /// The input goes past one of the documented [limits](crate::limits).
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// What the input has: its size in bytes, a line's length in bytes,
        /// a table's row count or a row's cell count.
        found: u64,
        /// The 1-based line where it happens (the line, the table's first
        /// row, the row), when it is about one place.
        line: Option<usize>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            Error::NotText { reason } => write!(f, "input is not text: {reason}"),
            Error::Docx { reason } => write!(f, "cannot read the Word document: {reason}"),
            Error::Html { reason } => write!(f, "cannot read the HTML page: {reason}"),
            Error::Limit { what } => write!(
                f,
                "input refused by a safety limit: {what}; a real plan is far smaller, so the file is damaged or built to exhaust the reader"
            ),
            Error::NoPlan { reason } => write!(f, "no plan found in the input: {reason}"),
            Error::LimitExceeded { limit, found, line } => {
                let max = limit.max();
                let at = line.map(|l| format!(" at line {l}")).unwrap_or_default();
                match limit {
                    Limit::InputBytes => write!(
                        f,
                        "input is too large: it is {found} bytes, more than the {max} bytes (512 MiB) kehoach reads; split the document"
                    ),
                    Limit::LineBytes => write!(
                        f,
                        "input has a line too long to be a plan: the line{at} is {found} bytes, more than the limit of {max} bytes (4 MiB)"
                    ),
                    Limit::TableRows => write!(
                        f,
                        "input has a table too large to be a plan: the table{at} has more than {max} rows"
                    ),
                    Limit::OutlineDepth => write!(
                        f,
                        "input nests its outline too deeply to be a plan: the entry{at} would be {found} levels deep, more than the limit of {max}"
                    ),
                    Limit::RowCells => write!(
                        f,
                        "input has a table row too wide to be a plan: the row{at} has {found} cells, more than the limit of {max}"
                    ),
                }
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
