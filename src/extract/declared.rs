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
        if may_count_tasks(&node.text)
            && let Some(c) = PER_CONTENT.captures(&node.text)
        {
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

/// What [`PER_CONTENT`] needs of a text, tested before it runs (it runs on
/// every node of the outline, and nearly none says this): a ':' somewhere,
/// and at the very end "vụ" in either case, then optional white space, then
/// an optional "." or ";".
fn may_count_tasks(text: &str) -> bool {
    let t = text.strip_suffix(['.', ';']).unwrap_or(text).trim_end();
    let mut last = t.chars().rev();
    matches!(
        (last.next(), last.next()),
        (Some('ụ' | 'Ụ'), Some('v' | 'V'))
    ) && text.contains(':')
}

fn flatten<'n, 'a>(nodes: &'n [Node<'a>], out: &mut Vec<&'n Node<'a>>) {
    for n in nodes {
        out.push(n);
        flatten(&n.children, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test before the regex turns away no text the regex matches, and
    /// does turn away texts without the colon or the ending.
    #[test]
    fn the_quick_test_keeps_every_match() {
        let texts = [
            "- Nội dung về tuyên truyền: 02 nhiệm vụ.",
            "Nội dung 1: 3 nhiệm vụ",
            "NỘI DUNG 2: 10 NHIỆM VỤ;",
            "Nội dung 3 : 4 nhiệm Vụ \t.",
            "a: 1 nhiệm vỤ\u{2003};",
            "Nội dung: 5 nhiệm vụ khác",
            "Nội dung 5 nhiệm vụ.",
            "Nội dung: 5 nhiệm vụ. ",
            "Nội dung: 5 nhiệm vụ..",
            "vụ",
            ":vụ",
            "",
        ];
        for t in texts {
            if PER_CONTENT.is_match(t) {
                assert!(may_count_tasks(t), "{t:?}");
            }
        }
        assert!(may_count_tasks("Nội dung 1: 3 nhiệm vụ"));
        assert!(!may_count_tasks("Nội dung 5 nhiệm vụ."));
        assert!(!may_count_tasks("Nội dung: 5 nhiệm vụ khác"));
        assert_eq!(texts.iter().filter(|t| PER_CONTENT.is_match(t)).count(), 5);
    }
}
