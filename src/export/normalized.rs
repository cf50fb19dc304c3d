//! What `kehoach normalize` prints: the edits as a diff or as JSON.

use crate::normalize::{Normalized, Resolver};
use crate::span::Span;
use serde::Serialize;
use std::fmt::Write;

/// One edit as reported: where in the source, what kind, what was there and
/// what is there now.
#[derive(Debug, Serialize)]
struct EditOut<'a> {
    kind: crate::normalize::EditKind,
    original: &'a str,
    replacement: &'a str,
    span: Span,
}

/// One ambiguous syllable as reported.
#[derive(Debug, Serialize)]
struct AmbiguousOut<'a> {
    word: &'a str,
    reason: &'a str,
    span: Span,
}

/// `{"text": …, "edits": [{kind, original, replacement, span}], "ambiguous":
/// [{word, reason, span}]}`; spans are in the source as given.
pub fn normalize_json(source: &str, n: &Normalized) -> String {
    let r = Resolver::new(source, n);
    let edits: Vec<EditOut<'_>> = n
        .edits
        .iter()
        .map(|e| EditOut {
            kind: e.kind,
            original: &source[e.source.clone()],
            replacement: &e.replacement,
            span: r.source_span(e.source.clone()),
        })
        .collect();
    let ambiguous: Vec<AmbiguousOut<'_>> = n
        .ambiguous
        .iter()
        .map(|a| AmbiguousOut {
            word: &a.word,
            reason: &a.reason,
            span: r.source_span(a.source.clone()),
        })
        .collect();
    let doc = serde_json::json!({ "text": n.text, "edits": edits, "ambiguous": ambiguous });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Shows invisible characters: `\u{a0}`, `\t`, `\r`, `\n`.
fn visible(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            ' ' => out.push(' '),
            c if c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c if unicode_normalization::char::is_combining_mark(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// One line per edit: `line:column<TAB>kind<TAB>«original» → «replacement»`,
/// then one line per ambiguous syllable.
pub fn normalize_diff(source: &str, n: &Normalized) -> String {
    let r = Resolver::new(source, n);
    let mut out = String::new();
    for e in &n.edits {
        let s = r.source_span(e.source.clone());
        let kind = serde_json::to_value(e.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}:{}\t{kind}\t«{}» → «{}»",
            s.line,
            s.column,
            visible(&source[e.source.clone()]),
            visible(&e.replacement)
        );
    }
    for a in &n.ambiguous {
        let s = r.source_span(a.source.clone());
        let _ = writeln!(
            out,
            "{}:{}\tambiguous\t«{}» kept: {}",
            s.line, s.column, a.word, a.reason
        );
    }
    out
}
