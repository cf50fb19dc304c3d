//! Citations of other documents ("Kế hoạch số 204-KH/TU ngày 03/6/2020 của …").

use std::ops::Range;

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefHit {
    /// Byte range of the whole citation within the text searched.
    pub range: Range<usize>,
    /// The document type as written ("Kế hoạch").
    pub doc_type: String,
    /// The number ("204-KH/TU"), if any.
    pub number: Option<String>,
    /// The date as ISO 8601, when given and valid.
    pub date: Option<String>,
    /// The issuer as written after "của", when given.
    pub issuer: Option<String>,
}

/// Finds every citation in `text`, in order.
pub fn find_references(_text: &str) -> Vec<RefHit> {
    Vec::new()
}
