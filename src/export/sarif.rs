//! SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! Columns are counted in Unicode code points (`columnKind:
//! unicodeCodePoints`), the same unit as kehoach's own spans.

use crate::check::{Finding, RULES, Severity};
use crate::span::{LineIndex, Span};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 1-based end line and end column (exclusive) of `span` in `source`.
fn end_of(source: &str, lines: &LineIndex, span: Span) -> (usize, usize) {
    lines.line_col(source, span.end.min(source.len()))
}

fn region(source: &str, lines: &LineIndex, span: Span) -> Value {
    let (end_line, end_column) = end_of(source, lines, span);
    json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": source[..span.start.min(source.len())].chars().count(),
        "charLength": source.get(span.start..span.end).map_or(0, |s| s.chars().count()),
    })
}

fn location(
    uri: &str,
    source: &str,
    lines: &LineIndex,
    span: Span,
    message: Option<&str>,
) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(source, lines, span),
        }
    });
    if let Some(m) = message {
        loc["message"] = json!({ "text": m });
    }
    loc
}

/// The rule descriptors, from the catalogue.
fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.what },
                "help": {
                    "text": format!("{}\n\nWhy: {}\n\nRun `kehoach explain {}` for examples.", r.what, r.why, r.code),
                    "markdown": format!("{}\n\n**Why it matters.** {}\n\nRun `kehoach explain {}` for an example that fires the rule and one that does not.", r.what, r.why, r.code),
                },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect()
}

/// Renders findings on one source file as a SARIF 2.1.0 log.
pub fn render(path: &str, source: &str, findings: &[Finding]) -> String {
    let lines = LineIndex::new(source);
    let uri = path.replace('\\', "/");
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": RULES.iter().position(|r| r.code == f.code),
                "level": level(f.severity),
                "message": { "text": format!("{} ({})", f.message, f.message_en) },
                "locations": [location(&uri, source, &lines, f.span, None)],
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut l = location(&uri, source, &lines, r.span, Some(&r.label));
                        l["id"] = json!(i);
                        l
                    })
                    .collect();
            }
            if let Some(s) = &f.suggestion {
                result["fixes"] = json!([{
                    "description": { "text": s.message },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": region(source, &lines, s.span),
                            "insertedContent": { "text": s.replacement },
                        }],
                    }],
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "kehoach",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/kehoach",
                    "rules": rules(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": [{ "location": { "uri": uri }, "encoding": "utf-8" }],
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
