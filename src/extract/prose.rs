//! Tasks assigned in running text, for plans and letters without a task
//! table: "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế … hoàn thành trước
//! ngày 30/6/2026."

use super::{timeframe, units};
use crate::model::{Task, Unit};
use crate::normalize::Resolver;
use crate::parse::{Document, Node};
use crate::span::NSpan;
use regex::Regex;
use std::sync::LazyLock;

/// "Giao `<lead>` chủ trì|thực hiện|…": the lead is the words in between. The
/// verbs are matched in lower case only, so that "Sở Xây dựng" is a name and
/// "xây dựng" a verb.
static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Gg]iao\s+(?P<lead>[^,;:.]+?)\s+(?:là cơ quan đầu mối\s+|là đơn vị\s+)?(?:chủ trì|thực hiện|tham mưu|triển khai|hướng dẫn|xây dựng|tổ chức)\b")
        .expect("valid regex")
});
/// "phối hợp với `<units>`" up to a verb or punctuation.
static COORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bphối hợp với\s+(?P<units>.+?)(?:\s+(?:tham mưu|thực hiện|triển khai|xây dựng|tổ chức|hướng dẫn|để|nhằm|hoàn thành|trình|rà soát|báo cáo|theo dõi|kiểm tra|đôn đốc|nghiên cứu|đề xuất|ban hành|hoàn thiện|cập nhật|tuyên truyền|lập|thẩm định)\b|[,;.]|$)")
        .expect("valid regex")
});
/// When: "(hoàn thành) trước ngày 30/6/2026", "trong tháng 5/2026", "trong quý II/2026", "trong năm 2026".
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<tf>(?:hoàn thành\s+)?(?:trước ngày|trước|chậm nhất ngày|chậm nhất)\s+\d{1,2}/\d{1,2}/\d{4}|trong (?:tháng|quý|năm)\s+[0-9IVX/]+(?:/\d{4})?|thường xuyên|hằng năm|hàng năm)")
        .expect("valid regex")
});

fn flatten<'n, 'a>(nodes: &'n [Node<'a>], out: &mut Vec<&'n Node<'a>>) {
    for n in nodes {
        out.push(n);
        flatten(&n.children, out);
    }
}

/// The tasks the document's text assigns, in order, with ids "T1", "T2" ….
pub(super) fn tasks(r: &Resolver<'_>, doc: &Document<'_>) -> Vec<Task> {
    let mut nodes = Vec::new();
    flatten(&doc.outline, &mut nodes);
    let mut out = Vec::new();
    for node in nodes {
        // Most paragraphs assign nothing: look before locating them.
        let mut assignments = ASSIGN.captures_iter(&node.text).peekable();
        if assignments.peek().is_none() {
            continue;
        }
        // Where node.text starts in the normalized text, when it is one line
        // of it (a joined multi-line paragraph has no single offset).
        let base = doc
            .text
            .get(node.span.range())
            .and_then(|line| line.find(node.text.as_str()))
            .map(|o| node.span.start + o);
        let at =
            |start: usize, end: usize| base.map_or(node.span, |b| NSpan::new(b + start, b + end));
        for m in assignments {
            let (Some(whole), Some(lead)) = (m.get(0), m.name("lead")) else {
                continue;
            };
            // The sentence the assignment is in.
            let from = node.text[..whole.start()]
                .rfind(['.', ';'])
                .map_or(0, |i| i + 1);
            let to = node.text[whole.end()..]
                .find(['.', ';'])
                .map_or(node.text.len(), |i| whole.end() + i);
            let sentence = node.text[from..to].trim();
            let tail = &node.text[whole.end()..to];
            let mk_units = |text: &str, offset: usize| -> Vec<Unit> {
                units::split_units(text)
                    .into_iter()
                    .map(|h| Unit {
                        name: h.name,
                        canonical: h.canonical,
                        kind: h.kind,
                        matched: h.matched,
                        span: r.resolve(at(offset + h.range.start, offset + h.range.end)),
                        merged_from: None,
                    })
                    .collect()
            };
            let lead_units = mk_units(lead.as_str(), lead.start());
            if lead_units.is_empty() {
                continue;
            }
            let coordinating = COORD
                .captures(tail)
                .and_then(|c| c.name("units"))
                .map(|u| mk_units(u.as_str(), whole.end() + u.start()))
                .unwrap_or_default();
            let when = WHEN.captures(tail).and_then(|c| c.name("tf"));
            let mut tf = timeframe::parse(when.map_or("", |w| w.as_str()));
            tf.span = when.map(|w| r.resolve(at(whole.end() + w.start(), whole.end() + w.end())));
            out.push(Task {
                id: format!("T{}", out.len() + 1),
                number: None,
                content: sentence.to_string(),
                parent: None,
                lead: lead_units,
                coordinating,
                timeframe: tf,
                output: None,
                note: None,
                person: None,
                extra: Vec::new(),
                span: r.resolve(at(
                    from + (node.text[from..].len() - node.text[from..].trim_start().len()),
                    to,
                )),
            });
        }
    }
    out
}
