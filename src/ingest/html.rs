//! HTML pages (legal portals, "save as web page") rendered to the parser's
//! text form.
//!
//! The page is decoded (byte-order mark, then `<meta charset>` or
//! `http-equiv` in its first 1024 bytes, then UTF-8, then Windows-1258),
//! parsed with `scraper` (the `html5ever` parser of the Servo project, which
//! builds the same tree a browser does and decodes every entity), and walked
//! without recursion.
//!
//! # Rendering
//!
//! * `<p>`, headings, `<li>`, `<dt>`, `<dd>` each become a paragraph: a line
//!   followed by a blank line (an empty one stays one empty line); other
//!   blocks (`<div>`, `<section>` …) end the paragraph before and after them;
//!   `<br>` ends a line inside the paragraph. White space is collapsed
//!   as a browser does (also inside `<pre>`, which plans do not use).
//! * A table that holds no other table and has three columns or more becomes
//!   one line per row (`<tr>`), its cells (`<td>`, `<th>`) joined by TAB, the
//!   blocks and line breaks inside a cell joined by a space. A table of one or
//!   two columns is read cell by cell, each block of a cell a paragraph, as
//!   for Word. `colspan="N"` writes the cell once and N−1 empty
//!   cells after it; `rowspan="N"` copies the cell's text into the N−1 rows
//!   below, each copy's piece naming the cell it came from. A table that
//!   holds other tables is page layout: its cells are read as blocks.
//! * Page chrome is left out: `<script>`, `<style>`, `<nav>`, `<aside>`,
//!   `<header>` and `<footer>` outside the main content, and elements whose
//!   class, id or role says menu, nav, footer, sidebar or breadcrumb. When
//!   the page has one `<main>` (or `role="main"`, or one `<article>`) only
//!   that is read. If leaving the chrome out leaves no text, the whole body
//!   is read instead.

use super::layout::{Location, Placed, Rendered, push_paragraph, render_table};
use super::legacy::{self, Legacy};
use super::limits::{Limits, human_bytes};
use super::{Confidence, Encoding, InvalidBytes, decode_utf8, decode_utf16, utf16_without_bom};
use crate::error::Error;
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::bytes::Regex;
use scraper::{Html, Node};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Most grid columns a table row may span; wider rows are cut.
const MAX_GRID_COLUMNS: usize = 1024;

/// An HTML page, decoded and rendered.
#[derive(Debug, Clone)]
pub struct Page {
    /// The rendered text and its layout.
    pub rendered: Rendered,
    /// The encoding the page was decoded from.
    pub encoding: Encoding,
    /// How the encoding was decided.
    pub confidence: Confidence,
    /// Bytes that could not be decoded, each pointing at its U+FFFD in the
    /// rendered text (the first, when a `rowspan` copied it). Bytes whose
    /// replacement was not rendered (in markup, an attribute, a script or
    /// left-out chrome) are not listed; `confidence` still says
    /// [`Confidence::Repaired`].
    pub invalid: Vec<InvalidBytes>,
}

/// Whether the first bytes of `bytes` look like HTML: after a byte-order
/// mark and white space, `<!DOCTYPE html` or `<html`, or one of `<html`,
/// `<head>`, `<body`, `<meta `, `<table`, `<div`, `<p>`, `<p ` within the
/// first 1024 bytes.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        decode_utf16(&head[2..], head[0] == 0xFE, 2).0
    } else if let Some(be) = utf16_without_bom(head) {
        decode_utf16(head, be, 0).0
    } else {
        String::from_utf8_lossy(head).into_owned()
    };
    let t = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_ascii_lowercase();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || [
            "<html", "<head>", "<body", "<meta ", "<table", "<div", "<p>", "<p ",
        ]
        .iter()
        .any(|m| t.contains(m))
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)"#).expect("valid regex")
});

/// Decodes a page: byte-order mark, then the charset its `<meta>` declares
/// in the first 1024 bytes, then UTF-8 when valid, else Windows-1258.
fn decode(bytes: &[u8]) -> (String, Encoding, Confidence, Vec<InvalidBytes>) {
    let conf = |invalid: &[InvalidBytes], sure: Confidence| {
        if invalid.is_empty() {
            sure
        } else {
            Confidence::Repaired
        }
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, inv) = decode_utf8(rest, 3);
        let c = conf(&inv, Confidence::Bom);
        return (t, Encoding::Utf8, c, inv);
    }
    for (bom, be) in [(b"\xFF\xFE", false), (b"\xFE\xFF", true)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (t, inv) = decode_utf16(rest, be, 2);
            let c = conf(&inv, Confidence::Bom);
            let enc = if be {
                Encoding::Utf16be
            } else {
                Encoding::Utf16le
            };
            return (t, enc, c, inv);
        }
    }
    if let Some(be) = utf16_without_bom(bytes) {
        let (t, inv) = decode_utf16(bytes, be, 0);
        let c = conf(&inv, Confidence::Certain);
        let enc = if be {
            Encoding::Utf16be
        } else {
            Encoding::Utf16le
        };
        return (t, enc, c, inv);
    }
    let head = &bytes[..bytes.len().min(1024)];
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| String::from_utf8_lossy(m.as_bytes()).to_ascii_lowercase());
    match declared.as_deref() {
        Some(label) if Legacy::from_name(label) == Some(Legacy::Windows1258) => {
            windows_1258(bytes, Confidence::Certain)
        }
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            // A page cannot declare UTF-16 in ASCII; the HTML standard reads it as UTF-8.
            Some(enc) if enc != encoding_rs::UTF_8 && enc.is_single_byte() => {
                let (t, had_errors) = enc.decode_without_bom_handling(bytes);
                let c = if had_errors {
                    Confidence::Repaired
                } else {
                    Confidence::Certain
                };
                (t.into_owned(), Encoding::Other(enc.name()), c, Vec::new())
            }
            _ => {
                let (t, inv) = decode_utf8(bytes, 0);
                let c = conf(&inv, Confidence::Certain);
                (t, Encoding::Utf8, c, inv)
            }
        },
        None => match std::str::from_utf8(bytes) {
            Ok(t) => (
                t.to_string(),
                Encoding::Utf8,
                Confidence::Certain,
                Vec::new(),
            ),
            // Undeclared and not UTF-8: Vietnamese pages of that age are Windows-1258.
            Err(_) => windows_1258(bytes, Confidence::Repaired),
        },
    }
}

fn windows_1258(
    bytes: &[u8],
    sure: Confidence,
) -> (String, Encoding, Confidence, Vec<InvalidBytes>) {
    let d = legacy::decode(bytes, Legacy::Windows1258);
    let replacements: Vec<usize> = d.text.match_indices('\u{FFFD}').map(|(i, _)| i).collect();
    let invalid: Vec<InvalidBytes> = d
        .invalid
        .iter()
        .enumerate()
        .map(|(k, r)| InvalidBytes {
            file_offset: r.start,
            len: r.len(),
            text_offset: replacements.get(k).copied().unwrap_or(0),
        })
        .collect();
    let c = if invalid.is_empty() {
        sure
    } else {
        Confidence::Repaired
    };
    (d.text, Encoding::Windows1258, c, invalid)
}

/// Reads an HTML page within `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Page, Error> {
    if bytes.len() > limits.max_html_bytes {
        return Err(Error::Limit {
            what: format!(
                "the HTML page is {} (the limit is {})",
                human_bytes(bytes.len() as u64),
                human_bytes(limits.max_html_bytes as u64)
            ),
        });
    }
    let (source, encoding, confidence, invalid) = decode(bytes);
    // The parser has no depth limit of its own and some of its steps look
    // through every open element: refuse deep pages before parsing.
    let estimate = estimated_depth(&source);
    if estimate > limits.max_html_depth {
        return Err(too_deep(limits));
    }
    let (source, markers) = mark_invalid(source, &invalid);
    let html = Html::parse_document(&source);
    let mut rendered = render(&html, true, limits)?;
    if rendered.text.trim().is_empty() {
        rendered = render(&html, false, limits)?;
    }
    if rendered.text.trim().is_empty() {
        return Err(Error::Html {
            reason: "the page holds no text".to_string(),
        });
    }
    let invalid = unmark_invalid(&mut rendered.text, invalid, &markers);
    Ok(Page {
        rendered,
        encoding,
        confidence,
        invalid,
    })
}

/// The private-use characters of the Basic Multilingual Plane: three bytes
/// in UTF-8, as U+FFFD is, so a marker swapped for it moves no offset.
const PRIVATE_USE: std::ops::RangeInclusive<char> = '\u{E000}'..='\u{F8FF}';

/// Replaces the U+FFFD of each invalid byte run in the page source by a
/// private-use character the page does not hold, so that the rendered text
/// shows where (and whether) each one landed: offsets in the source say
/// nothing about the text rendered from its tree. Returns the marker of each
/// run (`None` when no marker was left, or the offset is not a U+FFFD).
fn mark_invalid(mut source: String, invalid: &[InvalidBytes]) -> (String, Vec<Option<char>>) {
    if invalid.is_empty() {
        return (source, Vec::new());
    }
    let used: HashSet<char> = source.chars().filter(|c| PRIVATE_USE.contains(c)).collect();
    let mut free = PRIVATE_USE.filter(|c| !used.contains(c));
    let markers = invalid
        .iter()
        .map(|b| {
            let at = b.text_offset..b.text_offset + '\u{FFFD}'.len_utf8();
            if source.get(at.clone()) != Some("\u{FFFD}") {
                return None;
            }
            let m = free.next()?;
            source.replace_range(at, m.encode_utf8(&mut [0; 4]));
            Some(m)
        })
        .collect();
    (source, markers)
}

/// Turns the markers of [`mark_invalid`] in the rendered `text` back into
/// U+FFFD and keeps the invalid byte runs that were rendered, each pointing
/// at its first replacement character in `text`.
fn unmark_invalid(
    text: &mut String,
    invalid: Vec<InvalidBytes>,
    markers: &[Option<char>],
) -> Vec<InvalidBytes> {
    let index: std::collections::HashMap<char, usize> = markers
        .iter()
        .enumerate()
        .filter_map(|(k, m)| m.map(|m| (m, k)))
        .collect();
    if index.is_empty() {
        return Vec::new();
    }
    let mut first = vec![None; invalid.len()];
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match index.get(&c) {
            Some(&k) => {
                first[k].get_or_insert(i);
                out.push('\u{FFFD}');
            }
            None => out.push(c),
        }
    }
    *text = out;
    invalid
        .into_iter()
        .zip(first)
        .filter_map(|(b, at)| {
            Some(InvalidBytes {
                text_offset: at?,
                ..b
            })
        })
        .collect()
}

fn too_deep(limits: &Limits) -> Error {
    Error::Limit {
        what: format!(
            "the HTML page nests elements more than {} deep",
            limits.max_html_depth
        ),
    }
}

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag may be left out (so they do not nest in practice).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "rt", "rp", "caption",
];
/// Elements whose content is raw text.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// An upper estimate of how deep the page nests elements, from its tags
/// alone: each start tag opens a level (except void elements and those whose
/// end tag is optional) and each end tag closes one. Linear in the page size.
fn estimated_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        match b.get(i) {
            Some(b'!') => {
                let end = if b[i..].starts_with(b"!--") {
                    find(b, i, b"-->")
                } else {
                    find(b, i, b">")
                };
                i = end;
            }
            Some(b'/') => {
                depth = depth.saturating_sub(1);
                i = find(b, i, b">");
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let n_end = b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |p| i + p);
                let name = text[i..n_end].to_ascii_lowercase();
                let close = find(b, n_end, b">");
                let self_closing = close >= 2 && b[close - 2] == b'/';
                i = close;
                if RAW.contains(&name.as_str()) {
                    let end_tag = format!("</{name}");
                    i = find_ci(b, i, end_tag.as_bytes());
                    continue;
                }
                if !VOID.contains(&name.as_str())
                    && !OPTIONAL_END.contains(&name.as_str())
                    && !self_closing
                {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
        if i >= b.len() {
            break;
        }
    }
    max
}

/// One past the end of the first `pat` at or after `from`, or the end.
fn find(b: &[u8], from: usize, pat: &[u8]) -> usize {
    b.get(from..)
        .and_then(|rest| rest.windows(pat.len()).position(|w| w == pat))
        .map_or(b.len(), |p| from + p + pat.len())
}

/// Like [`find`], ignoring ASCII case.
fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> usize {
    b.get(from..)
        .and_then(|rest| {
            rest.windows(pat.len())
                .position(|w| w.eq_ignore_ascii_case(pat))
        })
        .map_or(b.len(), |p| from + p + pat.len())
}

/// Elements never read.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "iframe", "object", "svg",
    "button", "select", "textarea", "map", "canvas",
];
/// Elements that are one line each, an empty one included.
const LINE_BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"];
/// Elements that end the line before and after them.
const BLOCKS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "center",
    "address",
    "pre",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "header",
    "footer",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "hr",
];

/// Whether an element is page chrome by its class, id or role.
fn is_chrome(el: &scraper::node::Element) -> bool {
    let role = el.attr("role").unwrap_or("").to_ascii_lowercase();
    if matches!(
        role.as_str(),
        "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar"
    ) {
        return true;
    }
    let words = [el.attr("class").unwrap_or(""), el.id().unwrap_or("")];
    words.iter().any(|w| {
        w.split(|c: char| !c.is_ascii_alphanumeric())
            .map(str::to_ascii_lowercase)
            .any(|t| {
                matches!(
                    t.as_str(),
                    "nav" | "navigation" | "breadcrumb" | "breadcrumbs" | "topbar"
                ) || ["menu", "navbar", "footer", "sidebar"]
                    .iter()
                    .any(|p| t.starts_with(p))
            })
    })
}

/// A cell of a data table as read.
struct RawCell {
    /// Its finished paragraphs (blocks and `<br>`-separated lines).
    paras: Vec<String>,
    /// The paragraph being read.
    cur: String,
    colspan: usize,
    rowspan: usize,
}

impl RawCell {
    /// Ends the paragraph being read.
    fn end_para(&mut self) {
        let t = self.cur.trim_matches(|c: char| c.is_whitespace());
        if !t.is_empty() {
            self.paras.push(t.to_string());
        }
        self.cur.clear();
    }
}

/// A cell that a `rowspan` from a row above reaches into.
#[derive(Clone)]
struct Occupied {
    /// The origin's paragraphs and location; `None` for the columns after
    /// the first of a cell that also spans columns.
    origin: Option<(Vec<String>, Location)>,
    remaining: usize,
}

/// Appends `s` to `buf`, collapsing HTML white space to single spaces.
fn push_collapsed(buf: &mut String, s: &str) {
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

struct Renderer {
    out: Rendered,
    line: String,
    paragraphs: usize,
    tables: usize,
    /// Inside a data table: its rows so far, the current row and cell.
    table: Option<Vec<Vec<RawCell>>>,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
}

impl Renderer {
    /// Ends the current line; an empty one only when `force`. A line that
    /// ends a paragraph (not one ended by `<br>`) is followed by a blank line,
    /// as paragraphs are in the text form.
    fn flush(&mut self, force: bool, ends_paragraph: bool) {
        let t = self
            .line
            .trim_matches(|c: char| c.is_whitespace())
            .to_string();
        self.line.clear();
        if t.is_empty() && !force {
            return;
        }
        let here = Location::Paragraph {
            index: self.paragraphs,
        };
        if ends_paragraph {
            push_paragraph(&mut self.out, &t, here);
        } else {
            self.out.push_piece(&t, here, None);
            self.out.text.push('\n');
        }
        self.paragraphs += 1;
    }

    /// The buffer text goes to: the cell being read, or the line.
    fn buf(&mut self) -> &mut String {
        match self.cell.as_mut() {
            Some(c) => &mut c.cur,
            None => &mut self.line,
        }
    }

    fn separate_in_cell(&mut self) {
        if let Some(c) = self.cell.as_mut() {
            c.end_para();
        }
    }

    fn end_table(&mut self, rows: Vec<Vec<RawCell>>) {
        let t = self.tables;
        self.tables += 1;
        let filler = || Placed {
            paras: Vec::new(),
            location: None,
            merged_from: None,
        };
        let mut occupied: Vec<Option<Occupied>> = Vec::new();
        let mut placed: Vec<Vec<Placed>> = Vec::new();
        for (r, row) in rows.into_iter().enumerate() {
            let mut cells: Vec<Placed> = Vec::new();
            let here = |col: usize| Location::Cell {
                table: t,
                row: r,
                cell: col,
            };
            let fill_occupied = |cells: &mut Vec<Placed>, occupied: &[Option<Occupied>]| {
                while let Some(Some(o)) = occupied.get(cells.len()) {
                    let col = cells.len();
                    cells.push(match &o.origin {
                        Some((paras, from)) => Placed {
                            paras: paras.clone(),
                            location: Some(here(col)),
                            merged_from: Some(*from),
                        },
                        None => filler(),
                    });
                }
            };
            for cell in row {
                fill_occupied(&mut cells, &occupied);
                let col = cells.len();
                if col >= MAX_GRID_COLUMNS {
                    break;
                }
                let span = cell.colspan.min(MAX_GRID_COLUMNS - col);
                if cell.rowspan > 1 {
                    if occupied.len() < col + span {
                        occupied.resize(col + span, None);
                    }
                    for (k, slot) in occupied[col..col + span].iter_mut().enumerate() {
                        *slot = Some(Occupied {
                            origin: (k == 0).then(|| (cell.paras.clone(), here(col))),
                            remaining: cell.rowspan - 1,
                        });
                    }
                }
                cells.push(Placed {
                    paras: cell.paras,
                    location: Some(here(col)),
                    merged_from: None,
                });
                cells.extend((1..span).map(|_| filler()));
            }
            // Columns reached by rowspans after the row's last cell.
            if let Some(last) = occupied.iter().rposition(Option::is_some) {
                while cells.len() <= last {
                    if occupied[cells.len()].is_some() {
                        fill_occupied(&mut cells, &occupied);
                    } else {
                        cells.push(filler());
                    }
                }
            }
            for slot in &mut occupied {
                // Cells placed in this row were set with the rows still to come.
                if let Some(o) = slot {
                    if o.remaining == 0 {
                        *slot = None;
                    } else {
                        o.remaining -= 1;
                    }
                }
            }
            placed.push(cells);
        }
        render_table(&mut self.out, &placed);
    }
}

/// The subtree to read: the page's one `<main>` (or `role="main"`, or one
/// `<article>`), else the whole document.
fn content_root(html: &Html) -> ego_tree::NodeRef<'_, Node> {
    let mut mains = Vec::new();
    let mut articles = Vec::new();
    for node in html.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            if el.name() == "main" || el.attr("role") == Some("main") {
                mains.push(node);
            } else if el.name() == "article" {
                articles.push(node);
            }
        }
    }
    let has_text = |n: &ego_tree::NodeRef<'_, Node>| {
        n.descendants()
            .any(|d| matches!(d.value(), Node::Text(t) if !t.trim().is_empty()))
    };
    match (mains.as_slice(), articles.as_slice()) {
        ([m], _) if has_text(m) => *m,
        ([], [a]) if has_text(a) => *a,
        _ => html.tree.root(),
    }
}

/// Renders the parsed page; `skip_chrome` leaves page chrome out.
fn render(html: &Html, skip_chrome: bool, limits: &Limits) -> Result<Rendered, Error> {
    let root = if skip_chrome {
        content_root(html)
    } else {
        html.tree.root()
    };
    // Tables that hold another table are layout.
    let mut layout_tables: HashSet<NodeId> = HashSet::new();
    let mut open_tables: Vec<NodeId> = Vec::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                depth += 1;
                if depth > limits.max_html_depth {
                    return Err(too_deep(limits));
                }
                if let Node::Element(el) = n.value()
                    && el.name() == "table"
                {
                    if let Some(&outer) = open_tables.last() {
                        layout_tables.insert(outer);
                    }
                    open_tables.push(n.id());
                }
            }
            Edge::Close(n) => {
                depth -= 1;
                if matches!(n.value(), Node::Element(el) if el.name() == "table") {
                    open_tables.pop();
                }
            }
        }
    }
    let mut r = Renderer {
        out: Rendered::default(),
        line: String::new(),
        paragraphs: 0,
        tables: 0,
        table: None,
        row: None,
        cell: None,
    };
    let mut skip: Option<NodeId> = None;
    // Lines emitted when each open line block started.
    let mut line_blocks: Vec<usize> = Vec::new();
    let mut main_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => push_collapsed(r.buf(), t),
                    Node::Element(el) => {
                        let name = el.name();
                        let chrome = skip_chrome
                            && (is_chrome(el)
                                || (main_depth == 0 && matches!(name, "header" | "footer")));
                        if SKIPPED.contains(&name) || chrome {
                            skip = Some(n.id());
                            continue;
                        }
                        if matches!(name, "main" | "article") {
                            main_depth += 1;
                        }
                        open_element(&mut r, name, el, n.id(), &layout_tables, &mut line_blocks);
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(id) = skip {
                    if id == n.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = n.value() {
                    let name = el.name();
                    if matches!(name, "main" | "article") {
                        main_depth = main_depth.saturating_sub(1);
                    }
                    close_element(&mut r, name, n.id(), &layout_tables, &mut line_blocks);
                }
            }
        }
    }
    r.flush(false, true);
    Ok(r.out)
}

fn open_element(
    r: &mut Renderer,
    name: &str,
    el: &scraper::node::Element,
    id: NodeId,
    layout_tables: &HashSet<NodeId>,
    line_blocks: &mut Vec<usize>,
) {
    let in_data_table = r.table.is_some();
    match name {
        "table" if !layout_tables.contains(&id) => {
            r.flush(false, true);
            r.table = Some(Vec::new());
        }
        "tr" if in_data_table => r.row = Some(Vec::new()),
        "td" | "th" if in_data_table => {
            let num = |a: &str, default: usize| {
                el.attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(default)
            };
            r.cell = Some(RawCell {
                paras: Vec::new(),
                cur: String::new(),
                colspan: num("colspan", 1).clamp(1, 1000),
                // rowspan="0" reaches to the end of the table.
                rowspan: match num("rowspan", 1) {
                    0 => usize::MAX / 2,
                    n => n.min(65_534),
                },
            });
        }
        "br" => {
            if r.cell.is_some() {
                r.separate_in_cell();
            } else {
                r.flush(true, false);
            }
        }
        _ if r.cell.is_some() && (LINE_BLOCKS.contains(&name) || BLOCKS.contains(&name)) => {
            r.separate_in_cell();
        }
        _ if r.cell.is_some() => {}
        _ if LINE_BLOCKS.contains(&name) => {
            r.flush(false, true);
            line_blocks.push(r.paragraphs);
        }
        _ if BLOCKS.contains(&name) => r.flush(false, true),
        _ => {}
    }
}

fn close_element(
    r: &mut Renderer,
    name: &str,
    id: NodeId,
    layout_tables: &HashSet<NodeId>,
    line_blocks: &mut Vec<usize>,
) {
    match name {
        "table" if !layout_tables.contains(&id) && r.table.is_some() => {
            r.flush(false, true);
            if let Some(rows) = r.table.take() {
                r.end_table(rows);
            }
        }
        "td" | "th" if r.table.is_some() && r.cell.is_some() => {
            if let (Some(mut cell), Some(row)) = (r.cell.take(), r.row.as_mut()) {
                cell.end_para();
                row.push(cell);
            }
        }
        "tr" if r.table.is_some() => {
            if let (Some(row), Some(rows)) = (r.row.take(), r.table.as_mut()) {
                rows.push(row);
            }
        }
        _ if r.cell.is_some() && (LINE_BLOCKS.contains(&name) || BLOCKS.contains(&name)) => {
            r.separate_in_cell();
        }
        _ if r.cell.is_some() => {}
        _ if LINE_BLOCKS.contains(&name) => {
            let before = line_blocks.pop().unwrap_or(usize::MAX);
            // An empty paragraph is still a paragraph.
            let force = r.paragraphs == before;
            r.flush(force, true);
        }
        _ if BLOCKS.contains(&name) => r.flush(false, true),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> Rendered {
        read(html.as_bytes(), &Limits::DEFAULT).unwrap().rendered
    }

    #[test]
    fn blocks_breaks_entities_and_white_space() {
        let r = text(
            "<html><body><h1>KẾ  HOẠCH</h1><p>Sở&nbsp;Y tế &amp;\n  Sở Tài chính<br>dòng hai</p><p></p><div>khối <b>đậm</b></div></body></html>",
        );
        assert_eq!(
            r.text, "KẾ HOẠCH\n\nSở\u{A0}Y tế & Sở Tài chính\ndòng hai\n\n\nkhối đậm\n\n",
            "a <br> ends a line, a paragraph adds a blank line, an empty <p> is one empty line"
        );
        assert_eq!(
            r.layout.pieces[3].location,
            Location::Paragraph { index: 3 },
            "the empty <p> is paragraph 3"
        );
    }

    #[test]
    fn colspan_and_rowspan() {
        let r = text(
            "<table><tr><td>I</td><td colspan=2>Nhóm</td></tr>\
             <tr><td>1</td><td>Việc <p>một</p></td><td rowspan=2>Sở Y tế</td></tr>\
             <tr><td>2</td><td>Việc hai</td></tr></table>",
        );
        assert_eq!(
            r.text,
            "I\tNhóm\t\n1\tViệc một\tSở Y tế\n2\tViệc hai\tSở Y tế\n"
        );
        let last = r.layout.pieces.last().unwrap();
        assert_eq!(
            last.location,
            Location::Cell {
                table: 0,
                row: 2,
                cell: 2
            }
        );
        assert_eq!(
            last.merged_from,
            Some(Location::Cell {
                table: 0,
                row: 1,
                cell: 2
            })
        );
    }

    #[test]
    fn rowspan_in_the_middle_shifts_the_cells_after_it() {
        let r = text(
            "<table><tr><td rowspan=3>A</td><td>1</td><td>x</td></tr><tr><td>2</td><td>y</td></tr><tr><td>3</td><td>z</td></tr><tr><td>B</td><td>4</td><td>w</td></tr></table>",
        );
        assert_eq!(r.text, "A\t1\tx\nA\t2\ty\nA\t3\tz\nB\t4\tw\n");
        let merged = r
            .layout
            .pieces
            .iter()
            .filter(|p| p.merged_from.is_some())
            .count();
        assert_eq!(merged, 2);
    }

    #[test]
    fn chrome_is_left_out_and_layout_tables_are_read_as_blocks() {
        let r = text(
            r#"<html><head><title>T</title><style>p{}</style></head><body>
            <nav><p>Trang chủ</p></nav><div class="main-menu">Menu</div>
            <table><tr><td><p>KẾ HOẠCH</p><table><tr><td>1</td><td>Việc</td><td>Sở</td></tr></table></td></tr></table>
            <div id="footer">Bản quyền</div><script>var x = "<p>";</script></body></html>"#,
        );
        assert_eq!(r.text, "KẾ HOẠCH\n\n1\tViệc\tSở\n");
        assert_eq!(
            r.layout.pieces[1].location,
            Location::Cell {
                table: 0,
                row: 0,
                cell: 0
            },
            "only data tables are counted"
        );
    }

    #[test]
    fn main_content_is_preferred_and_chrome_only_pages_still_read() {
        let r = text("<body><p>Quảng cáo</p><main><p>Nội dung</p></main></body>");
        assert_eq!(r.text, "Nội dung\n\n");
        let r = text(r#"<body><div class="sidebar"><p>Chỉ có đây</p></div></body>"#);
        assert_eq!(r.text, "Chỉ có đây\n\n");
    }

    #[test]
    fn two_column_tables_are_read_cell_by_cell() {
        let r = text(
            "<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>Số: 1/KH</p></td><td>CỘNG HÒA<br>Độc lập</td></tr></table><p>KẾ HOẠCH</p>",
        );
        let lines: Vec<&str> = r.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "ỦY BAN NHÂN DÂN",
                "Số: 1/KH",
                "CỘNG HÒA",
                "Độc lập",
                "KẾ HOẠCH"
            ]
        );
        assert_eq!(
            r.layout.pieces[3].location,
            Location::Cell {
                table: 0,
                row: 0,
                cell: 1
            }
        );
    }

    #[test]
    fn charsets() {
        let w1258 = legacy::encode("Sở Y tế", Legacy::Windows1258).unwrap();
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body><p>".to_vec();
        page.extend_from_slice(&w1258);
        page.extend_from_slice(b"</p></body></html>");
        let p = read(&page, &Limits::DEFAULT).unwrap();
        assert_eq!(p.rendered.text, "Sở Y tế\n\n");
        assert_eq!(p.encoding, Encoding::Windows1258);
        assert_eq!(p.confidence, Confidence::Certain);
        // Undeclared and not UTF-8: read as Windows-1258, marked as a guess.
        let bare = [b"<p>".as_slice(), &w1258, b"</p>"].concat();
        let p = read(&bare, &Limits::DEFAULT).unwrap();
        assert_eq!(p.rendered.text, "Sở Y tế\n\n");
        assert_eq!(p.confidence, Confidence::Repaired);
        // A declared single-byte charset other than 1258.
        let latin = b"<meta charset=iso-8859-1><p>caf\xE9</p>";
        let p = read(latin, &Limits::DEFAULT).unwrap();
        assert_eq!(p.rendered.text, "café\n\n");
        assert_eq!(p.encoding, Encoding::Other("windows-1252"));
    }

    #[test]
    fn invalid_bytes_point_into_the_rendered_text() {
        // Found by the `html` fuzz target: the offsets were the page source's.
        let page = b"<meta charset=utf-8><script>\xFF</script><p>a \xC3( b</p><p title='\xFE'>\xEE\x80\x80 \xFF</p>";
        let p = read(page, &Limits::DEFAULT).unwrap();
        let t = &p.rendered.text;
        assert_eq!(
            t, "a \u{FFFD}( b\n\n\u{E000} \u{FFFD}\n\n",
            "a private-use character of the page is kept"
        );
        let at: Vec<(usize, usize)> = p
            .invalid
            .iter()
            .map(|b| (b.file_offset, b.text_offset))
            .collect();
        let second = t.rfind('\u{FFFD}').unwrap();
        assert_eq!(
            at,
            [(43, 2), (page.len() - 5, second)],
            "bytes in a script or an attribute are not listed"
        );
        assert_eq!(p.confidence, Confidence::Repaired);
    }

    #[test]
    fn detection() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<meta charset=utf-8><p>x"));
        assert!(looks_like_html(
            b"KE HOACH\n<table><tr><td>1</td></tr></table>"
        ));
        assert!(!looks_like_html(
            "KẾ HOẠCH\nI. MỤC ĐÍCH\n1\tRà soát\tSở Y tế\n".as_bytes()
        ));
        let utf16: Vec<u8> = "<html><body>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_like_html(&utf16));
    }

    #[test]
    fn depth_is_estimated_from_tags() {
        assert_eq!(estimated_depth("<div><div><p>a<p>b</div></div>"), 2);
        assert_eq!(estimated_depth("<br><img src=x><input/>"), 0);
        assert_eq!(
            estimated_depth("<script>if (a<b) { '<div><div>' }</script><div></div>"),
            1
        );
        assert_eq!(estimated_depth("<!-- <div><div> --><x-y/>"), 0);
    }

    #[test]
    fn limits_refuse_large_and_deep_pages() {
        let deep = format!("{}x{}", "<div>".repeat(600), "</div>".repeat(600));
        let e = read(deep.as_bytes(), &Limits::DEFAULT).unwrap_err();
        assert!(matches!(e, Error::Limit { .. }), "{e}");
        let small = Limits {
            max_html_bytes: 10,
            ..Limits::DEFAULT
        };
        let e = read(b"<p>hello world</p>", &small).unwrap_err().to_string();
        assert!(e.contains("the limit is 10 bytes"), "{e}");
        // The tree walk checks the real depth too (here, elements the
        // estimate does not count: unclosed list items nest inside lists).
        let lists = "<ul><li>".repeat(40) + "x";
        assert!(estimated_depth(&lists) <= 40);
        let tight = Limits {
            max_html_depth: 45,
            ..Limits::DEFAULT
        };
        let e = read(lists.as_bytes(), &tight).unwrap_err();
        assert!(matches!(e, Error::Limit { .. }), "{e}");
    }
}
