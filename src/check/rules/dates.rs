//! Dates and periods: impossible dates, impossible or implausible timeframes,
//! conflicting citations.

use super::finding;
use crate::check::{Context, Finding};
use crate::extract::date::Date;
use crate::model::Reference;
use crate::normalize::fold::fold;
use crate::span::NSpan;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How far ahead of the plan's newest date a timeframe may start before it is
/// implausible. Long-range plans ("Quy hoạch … tầm nhìn đến năm 2050") reach
/// about 30 years; beyond that a mistyped year is far likelier.
pub const MAX_YEARS_AHEAD: i32 = 30;

pub(super) fn timeframe_invalid(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in cx.analysis.plan.groups.iter().flat_map(|g| &g.tasks) {
        let Some(why) = &t.timeframe.invalid else {
            continue;
        };
        out.push(finding(
            "timeframe-invalid",
            t.timeframe.span.unwrap_or(t.span),
            format!(
                "Thời gian \"{}\" của nhiệm vụ {} không có thật.",
                t.timeframe.text, t.id
            ),
            format!(
                "The timeframe \"{}\" of task {} cannot exist: {why}.",
                t.timeframe.text, t.id
            ),
        ));
    }
}

fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Date::new(y, m, d)
}

pub(super) fn out_of_window(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let plan = &cx.analysis.plan;
    // The newest date the plan gives: its own, or the newest it cites.
    let newest = plan
        .date
        .iter()
        .chain(plan.references.iter().filter_map(|r| r.date.as_ref()))
        .filter_map(|d| parse_iso(d))
        .max();
    let Some(newest) = newest else { return };
    for t in plan.groups.iter().flat_map(|g| &g.tasks) {
        let tf = &t.timeframe;
        let span = tf.span.unwrap_or(t.span);
        if let Some(end) = tf.end.as_deref().and_then(parse_iso)
            && end < newest
        {
            out.push(finding(
                "timeframe-out-of-window",
                span,
                format!("Thời gian \"{}\" của nhiệm vụ {} kết thúc trước ngày {newest}, ngày mới nhất mà kế hoạch nêu.", tf.text, t.id),
                format!("The timeframe \"{}\" of task {} ends before {newest}, the newest date the plan gives.", tf.text, t.id),
            ));
        } else if let Some(start) = tf.start.as_deref().and_then(parse_iso)
            && start.year > newest.year + MAX_YEARS_AHEAD
        {
            out.push(finding(
                "timeframe-out-of-window",
                span,
                format!(
                    "Thời gian \"{}\" của nhiệm vụ {} bắt đầu quá xa (sau năm {}).",
                    tf.text,
                    t.id,
                    newest.year + MAX_YEARS_AHEAD
                ),
                format!(
                    "The timeframe \"{}\" of task {} starts implausibly far ahead (after {}).",
                    tf.text,
                    t.id,
                    newest.year + MAX_YEARS_AHEAD
                ),
            ));
        }
    }
}

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})").expect("valid regex"));
static WORDED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("valid regex")
});

pub(super) fn invalid(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let text = &cx.analysis.normalized.text;
    let mut found: Vec<(usize, usize, u32, u32, i32)> = Vec::new();
    for re in [&*NUMERIC_DATE, &*WORDED_DATE] {
        for c in re.captures_iter(text) {
            let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) else {
                continue;
            };
            let (Ok(dv), Ok(mv), Ok(yv)) =
                (d.as_str().parse(), m.as_str().parse(), y.as_str().parse())
            else {
                continue;
            };
            let whole = c.get(0).map_or(d.range(), |m| m.range());
            // "12/13/2020/QĐ" or "1/12/20201" is part of a number, not a date.
            let before = text[..whole.start].chars().next_back();
            let after = text[whole.end..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit() || c == '/')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-')
            {
                continue;
            }
            found.push((whole.start, whole.end, dv, mv, yv));
        }
    }
    found.sort();
    for (start, end, d, m, y) in found {
        // A date valid as month/day/year ("5/28/2030") is a spreadsheet's
        // export, not an impossible day: stay silent rather than guess.
        if Date::new(y, m, d).is_some() || Date::new(y, d, m).is_some() {
            continue;
        }
        let span = cx.resolver.resolve(NSpan::new(start, end));
        let written = &text[start..end];
        let why = if !(1..=12).contains(&m) {
            format!("there is no month {m}")
        } else {
            format!("month {m} of {y} has no day {d}")
        };
        out.push(finding(
            "date-invalid",
            span,
            format!("Ngày \"{written}\" không có thật."),
            format!("The date \"{written}\" does not exist: {why}."),
        ));
    }
}

/// Issuer words: folded, punctuation dropped.
fn issuer_words(issuer: &str) -> Vec<String> {
    fold(issuer)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `a` can be read as `b` with some of `b`'s word runs written as
/// their initials ("SCT tỉnh Lâm Đồng" as "Sở Công Thương tỉnh Lâm Đồng",
/// "UBND tỉnh" as "Ủy ban nhân dân tỉnh").
fn abbreviates(a: &[String], b: &[String]) -> bool {
    match a.split_first() {
        None => b.is_empty(),
        Some((w, rest)) => {
            (b.first() == Some(w) && abbreviates(rest, &b[1..]))
                || (w.chars().count() >= 2
                    && b.len() >= w.chars().count()
                    && b.iter().zip(w.chars()).all(|(x, c)| x.starts_with(c))
                    && abbreviates(rest, &b[w.chars().count()..]))
        }
    }
}

/// Whether two issuers name the same body: equal, one inside the other, or
/// one abbreviating the other. When unsure, they are the same: a false
/// conflict costs more than a missed one.
fn same_issuer(a: &str, b: &str) -> bool {
    let (wa, wb) = (issuer_words(a), issuer_words(b));
    let (ja, jb) = (wa.join(" "), wb.join(" "));
    ja.contains(&jb) || jb.contains(&ja) || abbreviates(&wa, &wb) || abbreviates(&wb, &wa)
}

pub(super) fn citation_conflict(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut by_doc: BTreeMap<(String, String), Vec<&Reference>> = BTreeMap::new();
    for r in &cx.analysis.plan.references {
        if let Some(n) = &r.number {
            by_doc
                .entry((fold(&r.doc_type), fold(n)))
                .or_default()
                .push(r);
        }
    }
    for refs in by_doc.values() {
        let Some(first_dated) = refs.iter().find(|r| r.date.is_some()) else {
            continue;
        };
        for r in refs {
            if let (Some(a), Some(b)) = (&first_dated.date, &r.date)
                && a != b
            {
                out.push(
                    finding(
                        "citation-conflict",
                        r.span,
                        format!(
                            "{} số {} được dẫn với ngày khác nhau.",
                            r.doc_type,
                            r.number.as_deref().unwrap_or("")
                        ),
                        format!(
                            "{} {} is cited with two dates: {a} and {b}.",
                            r.doc_type,
                            r.number.as_deref().unwrap_or("")
                        ),
                    )
                    .with_related("cited with the other date here", first_dated.span),
                );
            }
        }
        let Some(first_issued) = refs.iter().find(|r| r.issuer.is_some()) else {
            continue;
        };
        for r in refs {
            if let (Some(a), Some(b)) = (&first_issued.issuer, &r.issuer)
                && !same_issuer(a, b)
            {
                {
                    out.push(
                        finding(
                            "citation-conflict",
                            r.span,
                            format!(
                                "{} số {} được dẫn với cơ quan ban hành khác nhau.",
                                r.doc_type,
                                r.number.as_deref().unwrap_or("")
                            ),
                            format!(
                                "{} {} is cited with two issuers: \"{a}\" and \"{b}\".",
                                r.doc_type,
                                r.number.as_deref().unwrap_or("")
                            ),
                        )
                        .with_related("cited with the other issuer here", first_issued.span),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_issuer;

    #[test]
    fn issuers_compare_through_abbreviations() {
        assert!(same_issuer(
            "Sở Công Thương tỉnh Lâm Đồng",
            "SCT tỉnh Lâm Đồng"
        ));
        assert!(same_issuer("UBND tỉnh", "Ủy ban nhân dân tỉnh"));
        assert!(same_issuer(
            "Ban Thường vụ Tỉnh uỷ",
            "Ban Thường vụ Tỉnh ủy"
        ));
        assert!(same_issuer("Bộ Chính trị", "Bộ Chính trị khóa XII"));
        assert!(!same_issuer("Bộ Chính trị", "Thủ tướng Chính phủ"));
        assert!(!same_issuer("UBND tỉnh", "HĐND tỉnh"));
    }
}
