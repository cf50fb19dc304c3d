//! Lines of the normalized text and what each one looks like on its own.

use crate::normalize::fold::fold;
use crate::span::NSpan;
use regex::Regex;
use std::sync::LazyLock;

/// One line of the normalized text, without its `\n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 0-based line number (the same in source and normalized text: line
    /// breaks are never added or removed by normalization, only rewritten).
    pub index: usize,
    /// The line's text.
    pub text: &'a str,
    /// Where the line stands in the normalized text.
    pub span: NSpan,
}

impl<'a> Line<'a> {
    /// Whether the line holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The span of the line's text without leading and trailing white space.
    pub fn trimmed_span(&self) -> NSpan {
        // Through the trimmed slice: a blank line gets an empty span at its
        // start (counting its white space from both ends made one reversed).
        self.span_of(self.text.trim())
    }

    /// The span of `part`, which must be a sub-slice of this line's text.
    pub fn span_of(&self, part: &str) -> NSpan {
        let offset = part.as_ptr() as usize - self.text.as_ptr() as usize;
        debug_assert!(offset + part.len() <= self.text.len());
        NSpan::new(
            self.span.start + offset,
            self.span.start + offset + part.len(),
        )
    }
}

/// Splits normalized text (whose line breaks are all `\n`) into lines.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, piece) in text.split('\n').enumerate() {
        lines.push(Line {
            index,
            text: piece,
            span: NSpan::new(start, start + piece.len()),
        });
        start += piece.len() + 1;
    }
    lines
}

/// An outline marker at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker<'a> {
    /// "II." → "II".
    Roman(&'a str),
    /// "1." or "1.2." → "1", "1.2".
    Arabic(&'a str),
    /// "a)" → "a".
    Letter(&'a str),
    /// "-", "+", "•".
    Bullet(&'a str),
}

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(X{0,3}(?:IX|IV|V?I{0,3}))[.:/]\s+\S").expect("valid regex"));
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.|\))\s+\S|^(\d{1,3}(?:\.\d{1,3})+)\s+\S")
        .expect("valid regex")
});
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s+\S").expect("valid regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([-+•–*·])\s*\S").expect("valid regex"));

/// The outline marker a line starts with, and the text after it.
pub fn marker(text: &str) -> Option<(Marker<'_>, &str)> {
    let t = text.trim_start();
    // Each pattern runs only when the first char can start it (a necessary
    // condition, so nothing is missed): most lines start with none of them,
    // and a regex call with captures costs more than the line's other tests.
    let first = t.chars().next()?;
    if matches!(first, 'X' | 'I' | 'V')
        && let Some(c) = ROMAN.captures(t)
    {
        let m = c.get(1).expect("group 1");
        if !m.as_str().is_empty() {
            return Some((Marker::Roman(m.as_str()), rest_after(t, m.end())));
        }
    }
    // `\d` is any Unicode decimal digit ("１" too); is_numeric takes them all.
    if first.is_numeric()
        && let Some(c) = ARABIC.captures(t)
    {
        let m = c.get(1).or_else(|| c.get(2)).expect("one group matches");
        return Some((Marker::Arabic(m.as_str()), rest_after(t, m.end())));
    }
    if (first.is_ascii_lowercase() || first == 'đ')
        && let Some(c) = LETTER.captures(t)
    {
        let m = c.get(1).expect("group 1");
        return Some((Marker::Letter(m.as_str()), rest_after(t, m.end())));
    }
    if matches!(first, '-' | '+' | '•' | '–' | '*' | '·')
        && let Some(c) = BULLET.captures(t)
    {
        let m = c.get(1).expect("group 1");
        // "- 2021" or "-5%" are not bullets, but "- Nội dung" is.
        return Some((Marker::Bullet(m.as_str()), rest_after(t, m.end())));
    }
    None
}

/// The text after a marker ending at `end`: past its dot or bracket and spaces.
fn rest_after(t: &str, end: usize) -> &str {
    let rest = &t[end..];
    let rest = rest.strip_prefix(['.', ')', ':', '/']).unwrap_or(rest);
    rest.trim()
}

/// Whether the letters of `text` are all capitals (and there is at least one).
pub fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

/// The folded text of a line without markdown emphasis, for keyword tests.
pub fn key(text: &str) -> String {
    fold(strip_emphasis(text))
}

/// The start of [`key`]`(text)`: at least its first 16 characters (all of
/// it when shorter), for tests like `starts_with("noi nhan")` on lines that
/// may be long. Folding a prefix gives a prefix of the fold, but for a space
/// that the cut may leave pending at its end; a fold longer than 16
/// characters settles the first 16.
pub fn key_start(text: &str) -> String {
    const CUT: usize = 32;
    const SETTLED: usize = 16;
    let t = strip_emphasis(text);
    match t.char_indices().nth(CUT) {
        Some((cut, _)) => {
            let k = fold(&t[..cut]);
            if k.chars().count() > SETTLED {
                k
            } else {
                fold(t)
            }
        }
        None => fold(t),
    }
}

/// `text` without surrounding markdown emphasis (`**…**`, `__…__`) and spaces.
pub fn strip_emphasis(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '*' || c == '_').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `key_start` agrees with `key` on every start a caller tests, whatever
    /// the line's length, spacing, marks and emphasis.
    #[test]
    fn key_start_is_the_start_of_key() {
        let heads = [
            "Nơi nhận:",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "Kính gửi:",
            "**TM**  ",
        ];
        let fillers = [
            "",
            " ",
            "  \u{A0} ",
            "a\u{300}\u{301}",
            "\u{301}\u{301}\u{301}",
            "x",
        ];
        for head in heads {
            for filler in fillers {
                for n in [0, 1, 5, 15, 16, 17, 31, 32, 33, 80] {
                    let text = format!(
                        "{}{head}{}",
                        filler.repeat(n),
                        " và các đơn vị".repeat(n % 4)
                    );
                    let (full, start) = (key(&text), key_start(&text));
                    let settled = start.chars().count().min(16);
                    let prefix: String = start.chars().take(settled).collect();
                    assert!(full.starts_with(&prefix), "{text:?}: {start:?} vs {full:?}");
                    assert!(settled == 16 || start == full, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn lines_cover_the_text() {
        let text = "a\nbc\n\nd";
        let lines = split_lines(text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "bc");
        assert_eq!(lines[1].span, NSpan::new(2, 4));
        assert_eq!(&text[lines[3].span.range()], "d");
        assert!(lines[2].is_blank());
        // A blank line's trimmed span is empty, not reversed.
        let blank = &split_lines("a\n \t \nb")[1];
        assert_eq!(blank.trimmed_span(), NSpan::new(2, 2));
        assert_eq!(split_lines(" x ")[0].trimmed_span(), NSpan::new(1, 2));
    }

    /// [`marker`] without its first-char gates: the regexes alone.
    fn marker_by_regex(text: &str) -> Option<(Marker<'_>, &str)> {
        let t = text.trim_start();
        if let Some(c) = ROMAN.captures(t) {
            let m = c.get(1).expect("group 1");
            if !m.as_str().is_empty() {
                return Some((Marker::Roman(m.as_str()), rest_after(t, m.end())));
            }
        }
        if let Some(c) = ARABIC.captures(t) {
            let m = c.get(1).or_else(|| c.get(2)).expect("one group matches");
            return Some((Marker::Arabic(m.as_str()), rest_after(t, m.end())));
        }
        if let Some(c) = LETTER.captures(t) {
            let m = c.get(1).expect("group 1");
            return Some((Marker::Letter(m.as_str()), rest_after(t, m.end())));
        }
        BULLET.captures(t).map(|c| {
            let m = c.get(1).expect("group 1");
            (Marker::Bullet(m.as_str()), rest_after(t, m.end()))
        })
    }

    #[test]
    fn the_first_char_gates_change_no_answer() {
        let sample = include_str!("../../seeds/000_b020f26e05120408.txt");
        let mended = include_str!("../../fixtures/sample-mended.txt");
        let mut lines: Vec<String> = sample
            .lines()
            .chain(mended.lines())
            .map(String::from)
            .collect();
        // Every char that starts some pattern, and near misses, before
        // every ending a marker can have.
        let starts = [
            "I", "IV", "X", "V", "XIV", "1", "12", "1.2", "a", "đ", "z", "A", "Đ", "-", "+", "•",
            "–", "*", "·", "—", ".", " 1", "\t-", "Ⅳ", "１",
        ];
        let ends = [
            ". Nội dung",
            ") b",
            ": x",
            "/ x",
            ".x",
            " x",
            "",
            ".",
            ")  ",
        ];
        for s in starts {
            for e in ends {
                lines.push(format!("{s}{e}"));
            }
        }
        for line in &lines {
            assert_eq!(marker(line), marker_by_regex(line), "{line:?}");
        }
    }

    #[test]
    fn markers() {
        assert_eq!(
            marker("I. MỤC ĐÍCH, YÊU CẦU"),
            Some((Marker::Roman("I"), "MỤC ĐÍCH, YÊU CẦU"))
        );
        assert_eq!(
            marker("IV. Tổ chức"),
            Some((Marker::Roman("IV"), "Tổ chức"))
        );
        assert_eq!(
            marker("1. Xác định"),
            Some((Marker::Arabic("1"), "Xác định"))
        );
        assert_eq!(
            marker("1.2. Xác định"),
            Some((Marker::Arabic("1.2"), "Xác định"))
        );
        assert_eq!(
            marker("1.2 Xác định"),
            Some((Marker::Arabic("1.2"), "Xác định"))
        );
        assert_eq!(
            marker("2) Xác định"),
            Some((Marker::Arabic("2"), "Xác định"))
        );
        assert_eq!(marker("đ) Khác"), Some((Marker::Letter("đ"), "Khác")));
        assert_eq!(
            marker("- Chủ tịch;"),
            Some((Marker::Bullet("-"), "Chủ tịch;"))
        );
        assert_eq!(marker("2021 là năm"), None);
        assert_eq!(marker("Ingredients. x"), None);
        assert_eq!(marker("Ngày 03/6/2020, Ban"), None);
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("KẾ HOẠCH HÀNH ĐỘNG"));
        assert!(!is_all_caps("Kế hoạch"));
        assert!(!is_all_caps("204"));
    }
}
