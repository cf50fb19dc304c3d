//! `extract --format markdown`: a readable report of one plan: what it is,
//! what it declares against what was found, the task table group by group,
//! and the checker's findings. Headings and labels are in Vietnamese with
//! the English in brackets.

use super::Summary;
use crate::check::Finding;
use crate::model::Plan;
use std::fmt::Write;

/// Text made safe for a Markdown table cell: `|` escaped, line breaks as
/// `<br>`; an empty value as "—".
fn cell(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return "—".to_string();
    }
    t.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// An optional count as text ("—" when absent).
fn count(n: Option<usize>) -> String {
    n.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// The report on `plan` with its `findings`.
pub fn render(plan: &Plan, findings: &[Finding]) -> String {
    let mut out = String::new();
    let title = plan.title.as_deref().unwrap_or("(không có tiêu đề)");
    let _ = match &plan.number {
        Some(n) => writeln!(out, "# {title} — {n}\n"),
        None => writeln!(out, "# {title}\n"),
    };
    if let Some(subject) = &plan.subject {
        let _ = writeln!(out, "{subject}\n");
    }
    let _ = writeln!(out, "| | |\n|---|---|");
    let rows = [
        ("Cơ quan ban hành (issuer)", plan.issuer.clone()),
        ("Số (number)", plan.number.clone()),
        ("Nơi, ngày ban hành (place, date)", {
            let parts: Vec<&str> = [plan.place.as_deref(), plan.date.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }),
        ("Tệp (file)", Some(format!("`{}`", plan.source.path))),
        ("SHA-256", Some(format!("`{}`", plan.source.sha256))),
    ];
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "| {label} | {} |",
            cell(value.as_deref().unwrap_or(""))
        );
    }

    summary(&mut out, plan, findings);
    tasks(&mut out, plan);
    findings_section(&mut out, findings);
    out
}

fn summary(out: &mut String, plan: &Plan, findings: &[Finding]) {
    let d = &plan.declared;
    let numbered: Vec<_> = plan.groups.iter().filter(|g| g.number.is_some()).collect();
    let total: usize = plan.groups.iter().map(|g| g.tasks.len()).sum();
    let _ = writeln!(out, "\n## Tóm tắt (summary)\n");
    let _ = writeln!(out, "| | Kế hoạch nêu (declared) | Bảng có (found) |");
    let _ = writeln!(out, "|---|---:|---:|");
    let _ = writeln!(
        out,
        "| Nội dung (contents) | {} | {} |",
        count(d.contents.map(|n| n as usize)),
        numbered.len()
    );
    let _ = writeln!(
        out,
        "| Nhiệm vụ (tasks) | {} | {total} |",
        count(d.tasks.map(|n| n as usize))
    );
    // Contents pair with groups in order when there are as many of each
    // (as the checker pairs them).
    let paired = d.per_content.len() == numbered.len();
    for (i, c) in d.per_content.iter().enumerate() {
        let found = paired.then(|| numbered[i].tasks.len());
        let label = match paired.then(|| numbered[i].number.as_deref()).flatten() {
            Some(n) => format!("{n}. {}", c.title),
            None => c.title.clone(),
        };
        let _ = writeln!(out, "| {} | {} | {} |", cell(&label), c.tasks, count(found));
    }
    let s = Summary::of(findings);
    let _ = writeln!(
        out,
        "\nPhát hiện (findings): {} lỗi (error), {} cảnh báo (warning), {} ghi chú (info).",
        s.error, s.warning, s.info
    );
}

fn tasks(out: &mut String, plan: &Plan) {
    let _ = writeln!(out, "\n## Nhiệm vụ (tasks)");
    for g in &plan.groups {
        let _ = match &g.number {
            Some(n) => writeln!(out, "\n### {n}. {}\n", g.title),
            None => writeln!(
                out,
                "\n### {}\n",
                if g.title.is_empty() { "—" } else { &g.title }
            ),
        };
        let _ = writeln!(
            out,
            "| Mã (id) | Nội dung (content) | Chủ trì (lead) | Phối hợp (coordinating) | Thời gian (timeframe) | Dòng (line) |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---:|");
        for t in &g.tasks {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&t.id),
                cell(&t.content),
                cell(&super::rows::written(&t.lead)),
                cell(&super::rows::written(&t.coordinating)),
                cell(&t.timeframe.text),
                t.span.line
            );
        }
    }
}

fn findings_section(out: &mut String, findings: &[Finding]) {
    let _ = writeln!(out, "\n## Phát hiện (findings)\n");
    if findings.is_empty() {
        let _ = writeln!(out, "Không có (none).");
        return;
    }
    let _ = writeln!(
        out,
        "| Dòng:cột (line:column) | Mức độ (severity) | Mã (code) | Nội dung (message) |"
    );
    let _ = writeln!(out, "|---:|---|---|---|");
    for f in findings {
        let _ = writeln!(
            out,
            "| {}:{} | {} | `{}` | {} |",
            f.span.line,
            f.span.column,
            f.severity.name(),
            f.code,
            cell(&f.message)
        );
    }
}
