//! `kehoach diff --format human|json`: the differences between two versions
//! of a plan ([`crate::diff`]) for people and for machines.

use crate::diff::{FieldChange, FieldValue, PlanDiff, TaskChange};
use std::fmt::Write;

/// Words of context kept on each side of a changed stretch of content.
const CONTEXT_WORDS: usize = 4;

/// Characters of content shown for an added or removed task.
const PREVIEW_CHARS: usize = 100;

/// The diff as pretty-printed JSON.
pub fn json(d: &PlanDiff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The diff for a terminal: one block per difference, then a count.
///
/// ```text
/// --- old.txt (18 tasks)
/// +++ new.txt (17 tasks)
/// - removed II.3 (old line 70): Rà soát, xây dựng phương án …
/// ~ changed II.8 (line 76 → 75)
///     timeframe: "Thường xuyên" → "Năm 2021"
/// 2 differences: 0 added, 1 removed, 0 renumbered, 1 changed; 16 tasks unchanged
/// ```
pub fn human(d: &PlanDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {} ({} tasks)", d.old.path, d.old.tasks);
    let _ = writeln!(out, "+++ {} ({} tasks)", d.new.path, d.new.tasks);
    for c in &d.document {
        let _ = writeln!(out, "~ document {}", change_line(c));
    }
    for t in &d.removed {
        let _ = writeln!(
            out,
            "- removed {} (old line {}): {}",
            t.id,
            t.line,
            preview(&t.content)
        );
    }
    for t in &d.added {
        let _ = writeln!(
            out,
            "+ added {} (new line {}): {}",
            t.id,
            t.line,
            preview(&t.content)
        );
    }
    for c in &d.renumbered {
        let _ = writeln!(
            out,
            "~ renumbered {} → {} (line {} → {}, content {:.0}% alike)",
            c.old_id,
            c.new_id,
            c.old_line,
            c.new_line,
            c.similarity * 100.0
        );
        changes(&mut out, c);
    }
    for c in &d.changed {
        let _ = writeln!(
            out,
            "~ changed {} (line {} → {})",
            c.new_id, c.old_line, c.new_line
        );
        changes(&mut out, c);
    }
    let n =
        d.document.len() + d.added.len() + d.removed.len() + d.renumbered.len() + d.changed.len();
    if n == 0 {
        let _ = writeln!(out, "no differences; {} tasks unchanged", d.unchanged);
    } else {
        let _ = writeln!(
            out,
            "{n} difference{}: {} added, {} removed, {} renumbered, {} changed{}; {} task{} unchanged",
            if n == 1 { "" } else { "s" },
            d.added.len(),
            d.removed.len(),
            d.renumbered.len(),
            d.changed.len(),
            if d.document.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} header field{}",
                    d.document.len(),
                    if d.document.len() == 1 { "" } else { "s" }
                )
            },
            d.unchanged,
            if d.unchanged == 1 { "" } else { "s" },
        );
    }
    out
}

fn changes(out: &mut String, c: &TaskChange) {
    for f in &c.changes {
        let _ = writeln!(out, "    {}", change_line(f));
    }
}

/// "lead: "A; B" → "A; C"", or for content the changed stretch in
/// `[-old-]{+new+}` marks.
fn change_line(c: &FieldChange) -> String {
    let name = c.field.name();
    match (&c.old, &c.new) {
        (FieldValue::Text(Some(a)), FieldValue::Text(Some(b))) if name == "content" => {
            format!("{name}: {}", word_diff(a, b))
        }
        (a, b) => format!("{name}: {} → {}", value(a), value(b)),
    }
}

fn value(v: &FieldValue) -> String {
    match v {
        FieldValue::Text(None) => "(none)".to_string(),
        FieldValue::Text(Some(t)) => format!("\"{t}\""),
        FieldValue::List(l) if l.is_empty() => "(none)".to_string(),
        FieldValue::List(l) => format!("\"{}\"", l.join("; ")),
    }
}

fn preview(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(PREVIEW_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The stretch of words between the common beginning and the common end of
/// `a` and `b`, with a few words of context: "… của [-địa phương-]{+tỉnh+}; tranh …".
fn word_diff(a: &str, b: &str) -> String {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let prefix = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
    let max_suffix = wa.len().min(wb.len()) - prefix;
    let suffix = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let mut parts = Vec::new();
    let ctx_start = prefix.saturating_sub(CONTEXT_WORDS);
    if ctx_start > 0 {
        parts.push("…".to_string());
    }
    parts.extend(wa[ctx_start..prefix].iter().map(|w| w.to_string()));
    let old_mid = &wa[prefix..wa.len() - suffix];
    let new_mid = &wb[prefix..wb.len() - suffix];
    if !old_mid.is_empty() {
        parts.push(format!("[-{}-]", old_mid.join(" ")));
    }
    if !new_mid.is_empty() {
        parts.push(format!("{{+{}+}}", new_mid.join(" ")));
    }
    let ctx_end = (wa.len() - suffix + CONTEXT_WORDS).min(wa.len());
    parts.extend(wa[wa.len() - suffix..ctx_end].iter().map(|w| w.to_string()));
    if ctx_end < wa.len() {
        parts.push("…".to_string());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn word_diff_shows_the_changed_stretch_with_context() {
        assert_eq!(
            word_diff("a b c d e f g h i j", "a b c d e X g h i j"),
            "… b c d e [-f-] {+X+} g h i j"
        );
        assert_eq!(word_diff("a b", "a b c"), "a b {+c+}");
        assert_eq!(word_diff("x a", "a"), "[-x-] a");
        // Repeated words: prefix and suffix never overlap.
        assert_eq!(word_diff("a a", "a a a"), "a a {+a+}");
    }
}
