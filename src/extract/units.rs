//! Lead and coordinating cells → units, split with a lexicon and a grammar.

use crate::model::{UnitKind, UnitMatch};
use std::ops::Range;

/// One unit found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitHit {
    /// Byte range of the name within the cell text.
    pub range: Range<usize>,
    /// The name as written.
    pub name: String,
    /// The full official name, when known.
    pub canonical: Option<String>,
    /// What kind of body.
    pub kind: UnitKind,
    /// How it matched the lexicon.
    pub matched: UnitMatch,
}

/// Splits a lead or coordinating cell into units.
pub fn split_units(cell: &str) -> Vec<UnitHit> {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    let start = cell.len() - cell.trim_start().len();
    vec![UnitHit {
        range: start..start + trimmed.len(),
        name: trimmed.to_string(),
        canonical: None,
        kind: UnitKind::Unknown,
        matched: UnitMatch::None,
    }]
}
