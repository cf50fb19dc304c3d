//! Task numbers and group numerals: gaps, repeats, order, missing numbers.

use super::finding;
use crate::check::{Context, Finding};
use crate::model::Task;
use crate::span::Span;
use std::collections::{HashMap, HashSet};

/// A number in a sequence and where it stands.
struct Numbered<'a> {
    n: u32,
    text: &'a str,
    span: Span,
}

/// The value of a Roman numeral from I to XXXIX.
fn roman(text: &str) -> Option<u32> {
    let mut total = 0;
    let mut prev = 0;
    for c in text.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// Each sequence to check: the group numerals, then each group's task numbers.
/// The `u32` is the number the sequence may start at besides 1 (numbering that
/// continues across groups).
fn sequences<'a>(cx: &'a Context<'_>) -> Vec<(&'static str, Vec<Numbered<'a>>, u32)> {
    let plan = &cx.analysis.plan;
    let mut out = Vec::new();
    let numerals: Vec<Numbered<'a>> = plan
        .groups
        .iter()
        .filter_map(|g| {
            let text = g.number.as_deref()?;
            Some(Numbered {
                n: roman(text)?,
                text,
                span: g.span,
            })
        })
        .collect();
    out.push(("group", numerals, 1));
    let mut last = 0;
    for g in plan.groups.iter().filter(|g| !g.from_text) {
        let tasks: Vec<Numbered<'a>> = g.tasks.iter().filter_map(task_number).collect();
        let continues_from = last + 1;
        if let Some(max) = tasks.iter().map(|t| t.n).max() {
            last = max;
        }
        out.push(("task", tasks, continues_from));
    }
    out
}

fn task_number(t: &Task) -> Option<Numbered<'_>> {
    let text = t.number.as_deref()?;
    Some(Numbered {
        n: text.parse().ok()?,
        text,
        span: t.span,
    })
}

pub(super) fn gaps(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (what, seq, alt_start) in sequences(cx) {
        let Some(first) = seq.first() else { continue };
        if first.n != 1 && first.n != alt_start {
            let expected = if alt_start > 1 {
                format!("1 or {alt_start}")
            } else {
                "1".to_string()
            };
            out.push(finding(
                "numbering-gap",
                first.span,
                format!("Số thứ tự bắt đầu từ {} thay vì {expected}.", first.text),
                format!(
                    "The {what} numbering starts at {} instead of {expected}.",
                    first.text
                ),
            ));
        }
        for w in seq.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if b.n > a.n + 1 {
                let missing = if b.n == a.n + 2 {
                    (a.n + 1).to_string()
                } else {
                    format!("{}–{}", a.n + 1, b.n - 1)
                };
                out.push(
                    finding(
                        "numbering-gap",
                        b.span,
                        format!("Thiếu số thứ tự {missing}: sau {} là {}.", a.text, b.text),
                        format!(
                            "The {what} numbering skips {missing}: {} follows {}.",
                            b.text, a.text
                        ),
                    )
                    .with_related("the number before", a.span),
                );
            }
        }
    }
}

pub(super) fn duplicates(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (what, seq, _) in sequences(cx) {
        // The first use of each number: linear in the group's size, which a
        // hostile plan makes as large as the table limit.
        let mut first: HashMap<u32, usize> = HashMap::with_capacity(seq.len());
        for (i, b) in seq.iter().enumerate() {
            let at = *first.entry(b.n).or_insert(i);
            if at != i {
                let a = &seq[at];
                out.push(
                    finding(
                        "numbering-duplicate",
                        b.span,
                        format!("Số thứ tự {} bị lặp lại.", b.text),
                        format!("The {what} number {} is used twice.", b.text),
                    )
                    .with_related("first used here", a.span),
                );
            }
        }
    }
}

pub(super) fn order(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (what, seq, _) in sequences(cx) {
        let mut seen: HashSet<u32> = seq.first().map(|x| x.n).into_iter().collect();
        for w in seq.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            // A number used before is a duplicate, reported as such.
            let repeat = !seen.insert(b.n);
            if b.n < a.n && !repeat {
                out.push(
                    finding(
                        "numbering-order",
                        b.span,
                        format!("Số thứ tự {} đứng sau {}: sai thứ tự.", b.text, a.text),
                        format!(
                            "The {what} number {} comes after {}: out of order.",
                            b.text, a.text
                        ),
                    )
                    .with_related("the number before", a.span),
                );
            }
        }
    }
}

pub(super) fn unnumbered(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Tasks read from running text have no numbers to check.
    for g in cx.analysis.plan.groups.iter().filter(|g| !g.from_text) {
        for t in g.tasks.iter().filter(|t| t.number.is_none()) {
            out.push(finding(
                "task-unnumbered",
                t.span,
                format!("Nhiệm vụ không có số thứ tự (kehoach đặt mã {}).", t.id),
                format!(
                    "The task row has no number (kehoach gives it the id {}).",
                    t.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals() {
        let got: Vec<_> = [
            "I", "II", "III", "IV", "V", "VI", "IX", "XIV", "XX", "A", "",
        ]
        .iter()
        .map(|s| roman(s))
        .collect();
        assert_eq!(
            got,
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(9),
                Some(14),
                Some(20),
                None,
                None
            ]
        );
    }
}
