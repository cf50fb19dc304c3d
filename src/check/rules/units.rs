//! Lead and coordinating units: missing, doubled, misspelt, unknown.

use super::finding;
use crate::check::{Applicability, Context, Finding, Suggestion};
use crate::model::{Unit, UnitKind, UnitMatch};
use crate::normalize::fold::fold;

fn tasks<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = &'a crate::model::Task> {
    cx.analysis.plan.groups.iter().flat_map(|g| &g.tasks)
}

fn units<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = &'a Unit> {
    tasks(cx).flat_map(|t| t.lead.iter().chain(&t.coordinating))
}

pub(super) fn missing_lead(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in tasks(cx).filter(|t| t.lead.is_empty()) {
        out.push(finding(
            "missing-lead-unit",
            t.span,
            format!("Nhiệm vụ {} chưa có đơn vị chủ trì.", t.id),
            format!("Task {} names no lead unit.", t.id),
        ));
    }
}

/// Unit names [`identity`] remembers per thread.
const IDENTITY_BOUNDS: crate::memo::Bounds = crate::memo::Bounds {
    longest: 256,
    most: 4096,
};

thread_local! {
    /// Names already folded: a plan names a few dozen units over and over,
    /// and the plans of a batch the same ones; folding them afresh for
    /// every task was 2% of a text plan's time.
    static IDENTITIES: crate::memo::Memo<std::rc::Rc<str>> = crate::memo::Memo::default();
}

/// Identity of a unit for comparison: its canonical name, else its name,
/// folded.
fn identity(u: &Unit) -> std::rc::Rc<str> {
    let name = u.canonical.as_deref().unwrap_or(&u.name);
    crate::memo::remembered(&IDENTITIES, &IDENTITY_BOUNDS, name, |n| fold(n).into())
}

pub(super) fn lead_also_coordinator(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in tasks(cx) {
        // Each identity folded once per task, not once per pair.
        let leads: Vec<(&Unit, std::rc::Rc<str>)> = t
            .lead
            .iter()
            .filter(|l| l.kind != UnitKind::Generic)
            .map(|l| (l, identity(l)))
            .collect();
        if leads.is_empty() {
            continue;
        }
        for c in t
            .coordinating
            .iter()
            .filter(|u| u.kind != UnitKind::Generic)
        {
            let id = identity(c);
            if let Some(&(l, _)) = leads.iter().find(|(_, lid)| *lid == id) {
                out.push(
                    finding(
                        "lead-also-coordinator",
                        c.span,
                        format!("{} vừa chủ trì vừa phối hợp nhiệm vụ {}.", c.name, t.id),
                        format!("{} both leads and coordinates task {}.", c.name, t.id),
                    )
                    .with_related("named as lead here", l.span),
                );
            }
        }
    }
}

/// The smallest replacement turning `name` into `target`, word by word: the
/// differing middle words, so "PTNN" → "PTNT" rather than the whole name.
fn minimal_edit<'a>(name: &'a str, target: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let a: Vec<(usize, &str)> = words(name);
    let b: Vec<(usize, &str)> = words(target);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x.1 == y.1).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x.1 == y.1)
        .count();
    if prefix + suffix >= a.len() || prefix + suffix >= b.len() {
        return (0..name.len(), target);
    }
    let (ai, aj) = (
        a[prefix].0,
        a[a.len() - suffix - 1].0 + a[a.len() - suffix - 1].1.len(),
    );
    let (bi, bj) = (
        b[prefix].0,
        b[b.len() - suffix - 1].0 + b[b.len() - suffix - 1].1.len(),
    );
    (ai..aj, &target[bi..bj])
}

fn words(s: &str) -> Vec<(usize, &str)> {
    s.split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect()
}

pub(super) fn near_miss(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for u in units(cx).filter(|u| u.matched == UnitMatch::NearMiss) {
        let Some(canonical) = u.canonical.as_deref() else {
            continue;
        };
        let target = crate::extract::units::closest_alias(&u.name).unwrap_or(canonical);
        // Narrow the fix to the differing words only when the source spells the
        // name exactly as normalized (byte offsets then agree).
        let same_bytes =
            cx.analysis.source.text.get(u.span.start..u.span.end) == Some(u.name.as_str());
        let (range, replacement) = if same_bytes {
            minimal_edit(&u.name, target)
        } else {
            (0..u.name.len(), target)
        };
        let wrong = &u.name[range.clone()];
        let span = if same_bytes {
            cx.resolver
                .source_span(u.span.start + range.start..u.span.start + range.end)
        } else {
            u.span
        };
        out.push(
            finding(
                "unit-near-miss",
                u.span,
                format!(
                    "\"{}\" gần giống \"{canonical}\": có thể viết nhầm \"{wrong}\".",
                    u.name
                ),
                format!(
                    "\"{}\" is one slip away from \"{canonical}\": \"{wrong}\" looks mistyped.",
                    u.name
                ),
            )
            .with_suggestion(Suggestion {
                message: format!("replace \"{wrong}\" with \"{replacement}\""),
                replacement: replacement.to_string(),
                span,
                applicability: Applicability::Unsafe,
            }),
        );
    }
}

pub(super) fn unknown(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for u in units(cx).filter(|u| u.matched == UnitMatch::None) {
        out.push(finding(
            "unknown-unit",
            u.span,
            format!("Không tìm thấy \"{}\" trong danh mục đơn vị.", u.name),
            format!("\"{}\" is not in the unit lexicon.", u.name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, canonical: Option<&str>) -> Unit {
        Unit {
            name: name.to_string(),
            canonical: canonical.map(str::to_string),
            kind: UnitKind::Department,
            matched: UnitMatch::Exact,
            span: crate::span::Span::default(),
            merged_from: None,
        }
    }

    /// A unit's identity is its canonical name (else its name) folded, the
    /// same when remembered, and the memo stays within its bounds.
    #[test]
    fn identities_are_folded_names_remembered_within_bounds() {
        let a = unit("Sở TC", Some("Sở Tài chính"));
        let b = unit("SỞ TÀI CHÍNH", None);
        assert_eq!(&*identity(&a), "so tai chinh");
        assert_eq!(identity(&a), identity(&b));
        assert_ne!(identity(&a), identity(&unit("Sở Tư pháp", None)));
        for i in 0..=IDENTITY_BOUNDS.most {
            identity(&unit(&format!("Đơn vị {i}"), None));
        }
        assert!(IDENTITIES.with_borrow(|m| m.len()) <= IDENTITY_BOUNDS.most);
        let long = unit(&"Ủy ban ".repeat(50), None);
        assert_eq!(&*identity(&long), fold(&long.name));
    }

    #[test]
    fn minimal_edit_is_the_differing_words() {
        let name = "Sở Nông nghiệp và PTNN";
        let (r, rep) = minimal_edit(name, "Sở Nông nghiệp và PTNT");
        assert_eq!((&name[r], rep), ("PTNN", "PTNT"));
        let name = "Sở Tài chánh";
        let (r, rep) = minimal_edit(name, "Sở Tài chính");
        assert_eq!((&name[r], rep), ("chánh", "chính"));
        let (r, rep) = minimal_edit("ABC", "XYZ");
        assert_eq!((r, rep), (0..3, "XYZ"));
    }
}
