//! The human report: rustc-style, with the source line and a marker under
//! the span. Long lines are windowed around the span.

use crate::check::{Finding, Severity};
use crate::ingest::layout::Layout;
use crate::span::{LineIndex, Span};
use std::fmt::Write;
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// How many columns of a long line to show around a span.
const WINDOW: usize = 100;

/// Renders `findings` on `source` (the decoded source text) for a terminal.
pub fn render(path: &str, source: &str, findings: &[Finding], style: Style) -> String {
    render_located(path, source, None, findings, style)
}

/// Like [`render`], for a source rendered from .docx or HTML: a span with a
/// [`location`](Span::location) is shown by where it stands in the document
/// ("bảng 1, dòng 5, ô 3", counting from 1, or "đoạn 4" for a paragraph)
/// with the text of that cell or paragraph, instead of a line number.
pub fn render_located(
    path: &str,
    source: &str,
    layout: Option<&Layout>,
    findings: &[Finding],
    style: Style,
) -> String {
    let lines = LineIndex::new(source);
    let doc = Doc {
        path,
        source,
        lines: &lines,
        layout,
    };
    let mut out = String::new();
    for f in findings {
        render_one(&mut out, &doc, f, style);
    }
    let s = crate::export::Summary::of(findings);
    let _ = writeln!(
        out,
        "{path}: {} lỗi (error), {} cảnh báo (warning), {} ghi chú (info)",
        s.error, s.warning, s.info
    );
    out
}

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// What a snippet is cut from.
struct Doc<'a> {
    path: &'a str,
    source: &'a str,
    lines: &'a LineIndex,
    layout: Option<&'a Layout>,
}

/// Where a span is shown: the text it is cut from (a line, or a document's
/// cell or paragraph), the number in the gutter (the line, or none for a
/// document location) and the place named after "-->".
struct Place {
    segment: Range<usize>,
    gutter: Option<usize>,
    name: String,
}

impl Doc<'_> {
    fn line_range(&self, line: usize) -> Range<usize> {
        let line_no = line.saturating_sub(1).min(self.lines.len() - 1);
        let start = self.lines.line_start(line_no);
        let end = if line_no + 1 < self.lines.len() {
            self.lines.line_start(line_no + 1)
        } else {
            self.source.len()
        };
        let text = &self.source[start..end];
        start..start + text.trim_end_matches(['\n', '\r']).len()
    }

    fn place(&self, span: Span) -> Place {
        if let (Some(layout), Some(loc)) = (self.layout, span.location) {
            let segment = layout
                .piece_of(&loc)
                .map_or_else(|| self.line_range(span.line), |p| p.range.clone());
            return Place {
                segment,
                gutter: None,
                name: format!("{}: {}", self.path, loc.describe()),
            };
        }
        Place {
            segment: self.line_range(span.line),
            gutter: Some(span.line),
            name: format!("{}:{}:{}", self.path, span.line, span.column),
        }
    }
}

fn render_one(out: &mut String, doc: &Doc<'_>, f: &Finding, style: Style) {
    let (name, colour) = match f.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
    };
    let _ = writeln!(
        out,
        "{}: {}",
        paint(style, colour, &format!("{name}[{}]", f.code)),
        paint(style, "1", &f.message)
    );
    let place = doc.place(f.span);
    let related: Vec<Place> = f.related.iter().map(|r| doc.place(r.span)).collect();
    let gutter = place
        .gutter
        .into_iter()
        .chain(related.iter().filter_map(|p| p.gutter))
        .max()
        .map_or(1, |n| n.to_string().len());
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{} {}", paint(style, "1;34", "-->"), place.name);
    snippet(out, doc.source, &place, f.span, "", gutter, style, colour);
    for (r, p) in f.related.iter().zip(&related) {
        let label = if p.gutter.is_none() {
            format!("{} ({})", r.label, p.name)
        } else {
            r.label.clone()
        };
        snippet(out, doc.source, p, r.span, &label, gutter, style, "1;34");
    }
    let _ = writeln!(
        out,
        "{pad} {} note: {}",
        paint(style, "1;34", "="),
        f.message_en
    );
    if let Some(s) = &f.suggestion {
        let _ = writeln!(
            out,
            "{pad} {} help: {}",
            paint(style, "1;34", "="),
            s.message
        );
    }
    out.push('\n');
}

/// Display width of a character: combining marks take none, wide East Asian
/// characters two, everything else one.
fn width(c: char) -> usize {
    if is_combining_mark(c) || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
        0
    } else if matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
    {
        2
    } else {
        1
    }
}

#[allow(clippy::too_many_arguments)]
fn snippet(
    out: &mut String,
    source: &str,
    place: &Place,
    span: Span,
    label: &str,
    gutter: usize,
    style: Style,
    colour: &str,
) {
    let start = place.segment.start;
    let line = &source[place.segment.clone()];
    // The marked part stays on this line.
    let a = span.start.clamp(start, start + line.len()) - start;
    let b = span.end.clamp(start + a, start + line.len()) - start;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let ci = chars.partition_point(|&(i, _)| i < a);
    let cj = chars.partition_point(|&(i, _)| i < b);
    // Window long lines so the marked part is visible.
    let (from, to) = if chars.len() <= WINDOW {
        (0, chars.len())
    } else {
        let from = ci.saturating_sub(20);
        // A long span is cut at the window's end; the marker runs to the "…".
        (from, (from + WINDOW).min(chars.len()))
    };
    let mut text = String::new();
    let mut marker = String::new();
    if from > 0 {
        text.push('…');
        marker.push(' ');
    }
    for (k, &(_, c)) in chars.iter().enumerate().take(to).skip(from) {
        let c = if c == '\t' { ' ' } else { c };
        text.push(c);
        let w = width(c);
        let m = if (ci..cj).contains(&k) { '^' } else { ' ' };
        marker.extend(std::iter::repeat_n(m, w));
    }
    if to < chars.len() {
        text.push('…');
    }
    if ci == cj {
        // A zero-width span still gets one marker.
        let at: usize = chars[from..ci.max(from)]
            .iter()
            .map(|&(_, c)| width(c))
            .sum::<usize>()
            + usize::from(from > 0);
        marker = " ".repeat(at) + "^";
    }
    let marker = marker.trim_end();
    let pad = " ".repeat(gutter);
    let bar = paint(style, "1;34", "|");
    let _ = writeln!(out, "{pad} {bar}");
    let number = place.gutter.map_or_else(String::new, |n| n.to_string());
    let _ = writeln!(
        out,
        "{} {bar} {text}",
        paint(style, "1;34", &format!("{number:>gutter$}"))
    );
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(" {label}")
    };
    let _ = writeln!(out, "{pad} {bar} {}{}", paint(style, colour, marker), label);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Finding;

    fn finding(span: Span) -> Finding {
        Finding {
            code: "repeated-word".into(),
            severity: Severity::Warning,
            message: "Từ \"các\" bị lặp lại.".into(),
            message_en: "The word \"các\" is written twice.".into(),
            span,
            related: vec![],
            suggestion: None,
        }
    }

    #[test]
    fn marker_sits_under_the_span_counting_characters() {
        let src = "Ủy ban các các cơ quan\n";
        let start = src.find("các các").unwrap();
        let span = Span {
            start,
            end: start + "các các".len(),
            line: 1,
            column: 8,
            location: None,
        };
        let out = render("x.txt", src, &[finding(span)], Style::default());
        let lines: Vec<&str> = out.lines().collect();
        let text_line = lines.iter().find(|l| l.contains("Ủy ban")).unwrap();
        let marker_line = lines[lines.iter().position(|l| l.contains("Ủy ban")).unwrap() + 1];
        let col = |s: &str, pat: &str| s[..s.find(pat).unwrap()].chars().count();
        assert_eq!(col(text_line, "các"), col(marker_line, "^"));
        assert_eq!(marker_line.matches('^').count(), 7);
        assert!(out.contains("--> x.txt:1:8"));
    }

    #[test]
    fn combining_marks_take_no_column() {
        let src = "Ho\u{300}a các các\n";
        let start = src.find("các các").unwrap();
        let span = Span {
            start,
            end: start + 3,
            line: 1,
            column: 6,
            location: None,
        };
        let out = render("x.txt", src, &[finding(span)], Style::default());
        let marker_line = out
            .lines()
            .find(|l| l.trim_start().starts_with('|') && l.contains('^'))
            .unwrap();
        let text_line = out.lines().find(|l| l.contains("Ho")).unwrap();
        // "Hoa " is 4 columns wide on screen although it is 5 characters.
        let text_col = text_line.find("Ho").unwrap() + 4;
        assert_eq!(marker_line.find('^').unwrap(), text_col);
    }

    #[test]
    fn wide_characters_take_two_columns_and_empty_spans_one_marker() {
        let src = "漢字 x\n";
        let start = src.find('x').unwrap();
        let out = render(
            "x.txt",
            src,
            &[finding(Span {
                start,
                end: start,
                line: 1,
                column: 4,
                location: None,
            })],
            Style::default(),
        );
        let marker_line = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(marker_line.matches('^').count(), 1);
        let text_line = out
            .lines()
            .find(|l| l.contains('x') && l.contains('漢'))
            .unwrap();
        let x_col = text_line[..text_line.find('x').unwrap()]
            .chars()
            .map(width)
            .sum::<usize>();
        let m_col = marker_line[..marker_line.find('^').unwrap()]
            .chars()
            .map(width)
            .sum::<usize>();
        assert_eq!(
            x_col, m_col,
            "the wide characters before x take 4 columns, the marker sits under x"
        );
    }

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let src = format!("{}các các{}\n", "a ".repeat(300), " b".repeat(300));
        let start = src.find("các các").unwrap();
        let span = Span {
            start,
            end: start + "các các".len(),
            line: 1,
            column: 601,
            location: None,
        };
        let out = render("x.txt", &src, &[finding(span)], Style::default());
        let text_line = out.lines().find(|l| l.contains("các các")).unwrap();
        assert!(text_line.contains('…'));
        assert!(text_line.chars().count() < 140);
    }

    #[test]
    fn a_span_longer_than_the_window_is_cut() {
        let src = format!("{}\n", "chữ ".repeat(200));
        let span = Span {
            start: 0,
            end: src.len() - 1,
            line: 1,
            column: 1,
            location: None,
        };
        let out = render("x.txt", &src, &[finding(span)], Style::default());
        let marker_line = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(marker_line.matches('^').count(), WINDOW);
    }

    #[test]
    fn colour_only_when_asked() {
        let src = "các các\n";
        let span = Span {
            start: 0,
            end: 8,
            line: 1,
            column: 1,
            location: None,
        };
        assert!(!render("x", src, &[finding(span)], Style { color: false }).contains('\x1b'));
        assert!(render("x", src, &[finding(span)], Style { color: true }).contains("\x1b[1;33m"));
    }
}
