//! What a plan says it contains: "bao gồm 5 nội dung với 18 nhiệm vụ",
//! "- Nội dung về …: 02 nhiệm vụ."
//!
//! Only explicit statements count: a number followed by "nội dung" or
//! "nhiệm vụ" in a sentence that says the plan consists of them.

use crate::model::{Declared, DeclaredContent};
use crate::normalize::Resolver;
use crate::parse::{Document, Node};
use regex::Regex;
use std::sync::LazyLock;

static TOTALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:gồm|bao gồm|có)\s+(?:(?P<c>\d{1,3})\s+(?:nội dung|nhóm nội dung|nhóm nhiệm vụ|lĩnh vực)(?:\s*(?:với|và|,|gồm)\s*(?P<t1>\d{1,4})\s+nhiệm vụ)?|(?P<t2>\d{1,4})\s+nhiệm vụ)",
    )
    .expect("valid regex")
});

static PER_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<title>.+?)\s*:\s*(?P<n>\d{1,4})\s+nhiệm vụ\s*[.;]?$")
        .expect("valid regex")
});

/// Finds the declared totals and per-content counts in the outline.
pub fn find(r: &Resolver<'_>, doc: &Document<'_>) -> Declared {
    let mut nodes = Vec::new();
    flatten(&doc.outline, &mut nodes);
    let mut declared = Declared::default();
    for node in &nodes {
        if declared.span.is_none()
            && let Some(c) = TOTALS.captures(&node.text)
        {
            let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse().ok());
            declared.contents = num("c");
            declared.tasks = num("t1").or_else(|| num("t2"));
            declared.span = Some(r.resolve(node.span));
            continue;
        }
        if let Some(c) = PER_CONTENT.captures(&node.text) {
            let (Some(title), Some(n)) = (
                c.name("title"),
                c.name("n").and_then(|m| m.as_str().parse().ok()),
            ) else {
                continue;
            };
            declared.per_content.push(DeclaredContent {
                title: title.as_str().to_string(),
                tasks: n,
                span: r.resolve(node.span),
            });
        }
    }
    declared
}

fn flatten<'n, 'a>(nodes: &'n [Node<'a>], out: &mut Vec<&'n Node<'a>>) {
    for n in nodes {
        out.push(n);
        flatten(&n.children, out);
    }
}
