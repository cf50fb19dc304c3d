//! Declared counts against the table: totals, per content, contents, titles.

use super::finding;
use crate::check::{Context, Finding};
use crate::model::Group;
use crate::normalize::fold::fold;

/// Groups that come from group rows (a table without group rows has one
/// unnamed group, which is not a content).
fn numbered_groups<'a>(cx: &'a Context<'_>) -> Vec<&'a Group> {
    cx.analysis
        .plan
        .groups
        .iter()
        .filter(|g| g.number.is_some() && g.parent.is_none())
        .collect()
}

/// Tasks of a top-level group, its sub-groups' ("II.1", "II.2") included.
fn group_tasks(cx: &Context<'_>, g: &Group) -> usize {
    let subgroups = cx
        .analysis
        .plan
        .groups
        .iter()
        .filter(|s| s.parent.is_some() && s.parent == g.number);
    g.tasks.len() + subgroups.map(|s| s.tasks.len()).sum::<usize>()
}

fn task_total(cx: &Context<'_>) -> usize {
    cx.analysis.plan.groups.iter().map(|g| g.tasks.len()).sum()
}

pub(super) fn total(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let plan = &cx.analysis.plan;
    let (Some(declared), Some(span)) = (plan.declared.tasks, plan.declared.span) else {
        return;
    };
    let rows = task_total(cx);
    if plan.tables.is_empty() || rows == declared as usize {
        return;
    }
    let mut f = finding(
        "declared-total-mismatch",
        span,
        format!("Kế hoạch nêu {declared} nhiệm vụ nhưng bảng danh mục có {rows} nhiệm vụ."),
        format!("The plan declares {declared} tasks but its task table has {rows}."),
    );
    for t in &plan.tables {
        f = f.with_related("the task table", t.span);
    }
    out.push(f);
}

pub(super) fn per_group(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let per = &cx.analysis.plan.declared.per_content;
    let groups = numbered_groups(cx);
    if per.is_empty() || per.len() != groups.len() {
        return;
    }
    for (c, g) in per.iter().zip(groups) {
        let rows = group_tasks(cx, g);
        if rows != c.tasks as usize {
            let num = g.number.as_deref().unwrap_or("?");
            out.push(
                finding(
                    "declared-group-count-mismatch",
                    c.span,
                    format!("Nội dung này nêu {} nhiệm vụ nhưng nhóm {num} trong bảng có {rows} nhiệm vụ.", c.tasks),
                    format!("This content declares {} tasks but group {num} of the table has {rows}.", c.tasks),
                )
                .with_related(format!("group {num}"), g.span),
            );
        }
    }
}

pub(super) fn sum(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = &cx.analysis.plan.declared;
    let (Some(total), Some(span)) = (d.tasks, d.span) else {
        return;
    };
    if d.per_content.is_empty() {
        return;
    }
    let sum: u32 = d.per_content.iter().map(|c| c.tasks).sum();
    if sum != total {
        let mut f = finding(
            "declared-sum-mismatch",
            span,
            format!(
                "Tổng số nhiệm vụ của các nội dung là {sum}, khác với {total} nhiệm vụ đã nêu."
            ),
            format!("The per-content counts add up to {sum}, not the declared {total}."),
        );
        for c in &d.per_content {
            f = f.with_related(format!("{} tasks", c.tasks), c.span);
        }
        out.push(f);
    }
}

pub(super) fn contents(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = &cx.analysis.plan.declared;
    let (Some(declared), Some(span)) = (d.contents, d.span) else {
        return;
    };
    let groups = numbered_groups(cx);
    let listed = d.per_content.len();
    let mut f = None;
    if listed > 0 && listed != declared as usize {
        f = Some(finding(
            "declared-content-count-mismatch",
            span,
            format!("Kế hoạch nêu {declared} nội dung nhưng liệt kê {listed} nội dung."),
            format!("The plan declares {declared} contents but lists {listed}."),
        ));
    } else if !groups.is_empty() && groups.len() != declared as usize {
        f = Some(finding(
            "declared-content-count-mismatch",
            span,
            format!(
                "Kế hoạch nêu {declared} nội dung nhưng bảng danh mục có {} nhóm.",
                groups.len()
            ),
            format!(
                "The plan declares {declared} contents but its task table has {} groups.",
                groups.len()
            ),
        ));
    }
    if let Some(mut f) = f {
        for g in groups {
            f = f.with_related(
                format!("group {}", g.number.as_deref().unwrap_or("?")),
                g.span,
            );
        }
        out.push(f);
    }
}

/// Title key: folded, punctuation dropped, "Nội dung về" lead-in removed.
fn title_key(title: &str) -> String {
    let folded = fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let skip = match words.as_slice() {
        ["noi", "dung", "ve", ..] => 3,
        ["noi", "dung", ..] => 2,
        _ => 0,
    };
    words[skip..].join(" ")
}

pub(super) fn titles(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let per = &cx.analysis.plan.declared.per_content;
    let groups = numbered_groups(cx);
    if per.is_empty() || per.len() != groups.len() {
        return;
    }
    for (c, g) in per.iter().zip(groups) {
        if title_key(&c.title) != title_key(&g.title) {
            let num = g.number.as_deref().unwrap_or("?");
            out.push(
                finding(
                    "group-title-mismatch",
                    c.span,
                    format!("Tên nội dung không khớp với tên nhóm {num} trong bảng danh mục: \"{}\".", g.title),
                    format!("The content's title does not match the heading of group {num} in the table: \"{}\".", g.title),
                )
                .with_related(format!("group {num}"), g.span),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::title_key;

    #[test]
    fn title_keys_ignore_lead_in_case_tone_and_punctuation() {
        assert_eq!(
            title_key("Nội dung về nâng cao hiệu quả hoạt động"),
            title_key("NÂNG CAO HIỆU QUẢ HOẠT ĐỘNG.")
        );
        assert_eq!(title_key("Nội dung về hóa học"), title_key("Hoá học"));
        assert_ne!(title_key("Nội dung về y tế"), title_key("Giáo dục"));
    }
}
