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
        if let Some((title, n)) = per_content(&node.text)
            && let Ok(tasks) = n.parse()
        {
            declared.per_content.push(DeclaredContent {
                title: title.to_string(),
                tasks,
                span: r.resolve(node.span),
            });
        }
    }
    declared
}

/// "Nội dung về …: 02 nhiệm vụ." read by hand: the title and the number as
/// written, for a text that is a title, a colon, a number of one to four
/// digits and "nhiệm vụ" (any case), then white space and one "." or ";"
/// at most. It is what the pattern
/// `(?i)^(?P<title>.+?)\s*:\s*(?P<n>\d{1,4})\s+nhiệm vụ\s*[.;]?$` captures
/// (a test holds it to that pattern), without its cost on every node of the
/// outline. Read from the end: the colon is the last one, as nothing after
/// it may hold one.
fn per_content(text: &str) -> Option<(&str, &str)> {
    let t = text.strip_suffix(['.', ';']).unwrap_or(text).trim_end();
    let t = strip_suffix_any_case(t, "nhiệm vụ")?;
    let before_number = t.trim_end();
    if before_number.len() == t.len() {
        return None;
    }
    // A number in other digits than ASCII's fails to parse all the same.
    let number_start = before_number
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| {
            i + before_number[i..].chars().next().map_or(1, char::len_utf8)
        });
    let number = &before_number[number_start..];
    if number.is_empty() || number.len() > 4 {
        return None;
    }
    let title_and_colon = before_number[..number_start].trim_end();
    let before_colon = title_and_colon.strip_suffix(':')?;
    // The title: at least one char, then the shortest that leaves only
    // white space before the colon; never a line break.
    let first = before_colon.chars().next()?;
    let title = &before_colon[..before_colon.trim_end().len().max(first.len_utf8())];
    (!title.contains('\n')).then_some((title, number))
}

/// `text` without `suffix` at its end, compared char by char in either
/// case (the simple case pairs of `suffix`'s letters, as a regex's `(?i)`
/// compares them).
fn strip_suffix_any_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let mut rest = text;
    for want in suffix.chars().rev() {
        let got = rest.chars().next_back()?;
        if got != want && !want.to_uppercase().eq(std::iter::once(got)) {
            return None;
        }
        rest = &rest[..rest.len() - got.len_utf8()];
    }
    Some(rest)
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

    /// What the per-content counts were found with before: the hand reading
    /// must capture exactly what it captures.
    static PER_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?P<title>.+?)\s*:\s*(?P<n>\d{1,4})\s+nhiệm vụ\s*[.;]?$")
            .expect("valid regex")
    });

    fn by_pattern(text: &str) -> Option<(&str, &str)> {
        let c = PER_CONTENT.captures(text)?;
        let n = c.name("n")?.as_str();
        // Digits other than ASCII's never parse, so never count.
        n.parse::<u32>().ok()?;
        Some((c.name("title")?.as_str(), n))
    }

    fn by_hand(text: &str) -> Option<(&str, &str)> {
        per_content(text).filter(|(_, n)| n.parse::<u32>().is_ok())
    }

    #[test]
    fn per_content_reads_what_the_pattern_captures() {
        let texts = [
            "- Nội dung về tuyên truyền: 02 nhiệm vụ.",
            "Nội dung 1: 3 nhiệm vụ",
            "NỘI DUNG 2: 10 NHIỆM VỤ;",
            "Nội dung 3 : 4 nhiệm Vụ \t.",
            "a: 1 nhiệm vỤ\u{2003};",
            "a:b: 1 nhiệm vụ",
            " : 1 nhiệm vụ",
            "\n: 1 nhiệm vụ",
            "a\n: 1 nhiệm vụ",
            "  \n : 1 nhiệm vụ",
            ": 1 nhiệm vụ",
            "a: 12345 nhiệm vụ",
            "a: 1\u{663} nhiệm vụ",
            "a: \u{663}1 nhiệm vụ",
            "a:1nhiệm vụ",
            "a:1 nhiệm  vụ",
            "a:1 NHIỆM VỤ..",
            "Nội dung: 5 nhiệm vụ khác",
            "Nội dung 5 nhiệm vụ.",
            "Nội dung: 5 nhiệm vụ. ",
            "vụ",
            ":vụ",
            "",
        ];
        for t in texts {
            assert_eq!(by_hand(t), by_pattern(t), "{t:?}");
        }
        assert_eq!(texts.iter().filter(|t| by_hand(t).is_some()).count(), 9);
    }

    proptest::proptest! {
        #[test]
        fn per_content_agrees_with_the_pattern(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "Nội dung", "a", ":", " ", "\t", "\n", "\u{2003}", "0", "12", "\u{663}", "²",
                "nhiệm", "NHIỆM", "nhiỆm", " vụ", " VỤ", "vụ", "nhiệm vụ", ".", ";", "nh", "İ", "I", "ệm",
            ][..]), 0..9)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(by_hand(&text), by_pattern(&text), "{:?}", text);
        }
    }
}
