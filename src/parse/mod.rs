//! Stage 3, **parse**: normalized text → document structure.
//!
//! The parser finds the header block (issuer, motto, number, place and date,
//! title, subject), the body outline, the recipients ("Nơi nhận"), the
//! signature block, table captions and task tables. It records which lines it
//! claimed, so that nothing it did not understand is silently dropped.

pub mod lines;
pub mod table;

use crate::span::NSpan;
use lines::{Line, Marker, is_all_caps, key, key_start, marker, split_lines, strip_emphasis};
use regex::Regex;
use std::sync::LazyLock;
pub use table::{Cell, ColumnRole, Row, Table};

/// A line of the header block and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderPart {
    /// An issuer line ("ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA").
    Issuer,
    /// A national motto line.
    Motto,
    /// "Số: 204/KH-UBND".
    Number,
    /// "Thanh Hóa, ngày 10 tháng 8 năm 2020".
    PlaceDate,
}

/// One piece of header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderItem<'a> {
    /// What it holds.
    pub part: HeaderPart,
    /// The text, trimmed.
    pub text: &'a str,
    /// Where it stands.
    pub span: NSpan,
}

/// An outline entry with its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    /// The marker, or `None` for a paragraph.
    pub marker: Option<Marker<'a>>,
    /// The text after the marker (continuation lines joined by a space).
    pub text: String,
    /// From the marker to the end of the last continuation line.
    pub span: NSpan,
    /// 0-based index of the first line.
    pub line: usize,
    /// Nested entries.
    pub children: Vec<Node<'a>>,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignatureBlock<'a> {
    /// "TM. …".
    pub authority: Option<&'a str>,
    /// "KT. …", "Q. …", "TL. …", "TUQ. …".
    pub on_behalf: Option<&'a str>,
    /// The signer's title ("PHÓ CHỦ TỊCH").
    pub title: Option<&'a str>,
    /// The signer's name.
    pub name: Option<&'a str>,
    /// The whole block.
    pub span: NSpan,
}

/// One line under "Nơi nhận".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecipientLine<'a> {
    /// Without its bullet and trailing ";", "." or ",".
    pub text: &'a str,
    /// Which "Nơi nhận" block it is under, from 0.
    pub block: usize,
    /// The whole line, trimmed.
    pub span: NSpan,
}

/// A caption: the paragraph right above a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The text, emphasis marks removed, lines joined by a space.
    pub text: String,
    /// Where it stands.
    pub span: NSpan,
    /// Index into [`Document::tables`] of the table it heads.
    pub table: usize,
}

/// The structure of one document.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Every line.
    pub lines: Vec<Line<'a>>,
    /// Header pieces, in text order.
    pub header: Vec<HeaderItem<'a>>,
    /// The title line ("KẾ HOẠCH HÀNH ĐỘNG"), trimmed.
    pub title: Option<(&'a str, NSpan)>,
    /// The subject lines under the title.
    pub subject: Vec<(&'a str, NSpan)>,
    /// The body outline.
    pub outline: Vec<Node<'a>>,
    /// The "Nơi nhận" heading lines (a document with appendix forms can
    /// have several).
    pub recipients_headings: Vec<NSpan>,
    /// The recipients, as written.
    pub recipients: Vec<RecipientLine<'a>>,
    /// The addressees under "Kính gửi", as written.
    pub addressees: Vec<RecipientLine<'a>>,
    /// The signature block.
    pub signature: Option<SignatureBlock<'a>>,
    /// Table captions.
    pub captions: Vec<Caption>,
    /// The tables.
    pub tables: Vec<Table<'a>>,
    /// Regions that look like a task table kehoach cannot read reliably
    /// (columns laid out with spaces, or one cell per line, as text copied
    /// from PDFs gives them), with why. Their lines are claimed by this.
    pub unreadable: Vec<(NSpan, &'static str)>,
    /// Per line: whether the parser gave it a place. Table rows are left to
    /// the extract stage, which claims the rows it understands.
    pub claimed: Vec<bool>,
    /// The first entry that would have nested the outline deeper than
    /// [`crate::limits::MAX_OUTLINE_DEPTH`]: its 0-based line and the depth
    /// it asked for. The outline itself never gets deeper (such an entry
    /// becomes a sibling), so no later stage recurses without bound.
    pub too_deep: Option<(usize, usize)>,
}

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[^,\d]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\s*$")
        .expect("valid regex")
});

/// Doc-type words a title starts with, folded.
const TITLE_KEYS: &[&str] = &[
    "ke hoach",
    "chuong trinh",
    "quyet dinh",
    "de an",
    "cong van",
    "chi thi",
    "nghi quyet",
    "thong bao",
];

/// Parse normalized `text` into its structure.
pub fn parse(text: &str) -> Document<'_> {
    let lines = split_lines(text);
    let tables = table::find_tables(&lines);
    let mut in_table = vec![false; lines.len()];
    // (From here on `in_table` also marks unreadable table regions: the body
    // parse skips both.)
    for t in &tables {
        in_table[t.first_line..=t.last_line]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    let mut doc = Document {
        text,
        claimed: vec![false; lines.len()],
        lines,
        header: Vec::new(),
        title: None,
        subject: Vec::new(),
        outline: Vec::new(),
        recipients_headings: Vec::new(),
        too_deep: None,
        recipients: Vec::new(),
        addressees: Vec::new(),
        signature: None,
        captions: Vec::new(),
        tables,
        unreadable: Vec::new(),
    };
    let n = doc.lines.len();
    find_unreadable(&mut doc, &mut in_table);
    let first_heading = (0..n).find(|&i| {
        !in_table[i] && matches!(marker(doc.lines[i].text), Some((Marker::Roman(_), _)))
    });
    let title_line = (0..first_heading.unwrap_or(n).min(n))
        .find(|&i| !in_table[i] && is_title(doc.lines[i].text));

    let i = if let Some(t) = title_line {
        parse_header(&mut doc, 0..t);
        let line = doc.lines[t];
        doc.title = Some((
            strip_emphasis(line.text),
            line.span_of(strip_emphasis(line.text)),
        ));
        doc.claimed[t] = true;
        parse_subject(&mut doc, t + 1, &in_table)
    } else {
        // No title (an official letter, "công văn"): the header block still
        // opens the document, then "V/v …" gives the subject.
        parse_untitled_header(&mut doc, &in_table)
    };
    parse_body(&mut doc, i, &in_table);
    doc
}

fn is_title(text: &str) -> bool {
    let t = strip_emphasis(text);
    is_all_caps(t) && {
        let k = key(t);
        TITLE_KEYS.iter().any(|p| k.starts_with(p)) && t.chars().count() < 80
    }
}

fn parse_header(doc: &mut Document<'_>, range: std::ops::Range<usize>) {
    for i in range {
        let line = doc.lines[i];
        if line.is_blank() {
            continue;
        }
        let mut all = true;
        for cell in line
            .text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            // The header has one number and one place-and-date line; a
            // second one is not understood (and so lands in `unparsed`).
            let part = header_part(cell).filter(|&p| {
                !matches!(p, HeaderPart::Number | HeaderPart::PlaceDate)
                    || doc.header.iter().all(|h| h.part != p)
            });
            match part {
                Some(part) => doc.header.push(HeaderItem {
                    part,
                    text: cell,
                    span: line.span_of(cell),
                }),
                None => all = false,
            }
        }
        // A line is claimed only when every piece of it was understood.
        doc.claimed[i] = all;
    }
}

fn header_part(cell: &str) -> Option<HeaderPart> {
    let k = key(cell);
    if k.contains("cong hoa xa hoi chu nghia viet nam") || k.starts_with("doc lap") {
        Some(HeaderPart::Motto)
    } else if k.starts_with("so:") || (k.starts_with("so ") && cell.contains('/')) {
        Some(HeaderPart::Number)
    } else if PLACE_DATE.is_match(cell) {
        Some(HeaderPart::PlaceDate)
    } else if is_all_caps(cell)
        || cell
            .chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | ' '))
    {
        Some(HeaderPart::Issuer)
    } else {
        None
    }
}

/// Header words of task tables, folded, for spotting tables that lost their
/// cell structure.
const TABLE_HEADER_WORDS: &[&str] = &[
    "chu tri",
    "phoi hop",
    "thoi gian",
    "thoi han",
    "noi dung",
    "nhiem vu",
    "stt",
];

fn header_words(text: &str) -> usize {
    let k = key(text);
    TABLE_HEADER_WORDS.iter().filter(|w| k.contains(*w)).count()
}

/// Runs of 3+ spaces inside a line's text: columns laid out with spaces.
fn space_columns(text: &str) -> usize {
    text.trim()
        .split("   ")
        .filter(|p| !p.trim().is_empty())
        .count()
        .saturating_sub(1)
}

/// Finds task tables whose cells were flattened by text extraction, claims
/// their lines and records them; rows are not guessed.
fn find_unreadable(doc: &mut Document<'_>, skip: &mut [bool]) {
    let n = doc.lines.len();
    let mut i = 0;
    while i < n {
        if skip[i] || doc.lines[i].is_blank() {
            i += 1;
            continue;
        }
        let text = doc.lines[i].text;
        // Columns laid out with spaces (pdftotext -layout): a header line
        // with table words in columns, then more column lines.
        if space_columns(text) >= 2 && header_words(text) >= 2 {
            let mut end = i;
            let mut j = i + 1;
            while j < n && !skip[j] {
                let l = doc.lines[j];
                if l.is_blank() {
                    if doc.lines.get(j + 1).is_none_or(|x| {
                        x.is_blank() || space_columns(x.text) == 0 && !x.text.starts_with("   ")
                    }) {
                        break;
                    }
                } else if space_columns(l.text) >= 1 || l.text.starts_with("   ") {
                    end = j;
                } else {
                    break;
                }
                j += 1;
            }
            if end > i {
                mark_unreadable(
                    doc,
                    skip,
                    i,
                    end,
                    "the table's columns are laid out with spaces (text from a PDF)",
                );
                i = end + 1;
                continue;
            }
        }
        // One cell per line: three or more header cells on lines of their own.
        let header_cell = |t: &str| {
            let t = t.trim();
            (t.chars().count() <= 40 && marker(t).is_none() && !t.ends_with(['.', ':', ';']))
                .then(|| ColumnRole::from_header(t))
                .flatten()
        };
        if header_cell(text).is_some() {
            let mut j = i;
            let mut roles = Vec::new();
            while j < n && !doc.lines[j].is_blank() {
                let Some(role) = header_cell(doc.lines[j].text) else {
                    break;
                };
                if !roles.contains(&role) {
                    roles.push(role);
                }
                j += 1;
            }
            let assigns = roles.iter().any(|r| {
                matches!(
                    r,
                    ColumnRole::Lead | ColumnRole::Coordinating | ColumnRole::Timeframe
                )
            });
            if roles.len() >= 3 && assigns {
                // The cells run on until the next section heading or the end.
                let mut end = j - 1;
                let mut k = j;
                while k < n && !skip[k] {
                    let t = doc.lines[k].text.trim();
                    if matches!(marker(t), Some((Marker::Roman(_), _)))
                        || key(t).starts_with("noi nhan")
                        || is_signature_start(t)
                    {
                        break;
                    }
                    if !t.is_empty() {
                        end = k;
                    }
                    k += 1;
                }
                mark_unreadable(
                    doc,
                    skip,
                    i,
                    end,
                    "the table has one cell per line (text from a PDF)",
                );
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
}

fn mark_unreadable(
    doc: &mut Document<'_>,
    skip: &mut [bool],
    first: usize,
    last: usize,
    why: &'static str,
) {
    let span = doc.lines[first]
        .trimmed_span()
        .cover(doc.lines[last].trimmed_span());
    doc.unreadable.push((span, why));
    skip[first..=last].iter_mut().for_each(|x| *x = true);
    doc.claimed[first..=last].iter_mut().for_each(|x| *x = true);
}

/// The header of a document without a title line: header lines from the top
/// for as long as they are header parts, then a "V/v …" or "Về việc …"
/// subject. Returns where the body starts.
fn parse_untitled_header(doc: &mut Document<'_>, in_table: &[bool]) -> usize {
    let mut i = 0;
    let mut found = false;
    while i < doc.lines.len() && !in_table[i] {
        let line = doc.lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        let cells: Vec<&str> = line
            .text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty()
            || !cells.iter().all(|c| header_part(c).is_some())
            || is_signature_start(line.text.trim())
        {
            break;
        }
        parse_header(doc, i..i + 1);
        found = true;
        i += 1;
    }
    if !found {
        return 0;
    }
    // "V/v triển khai …" (one or more lines up to a blank line).
    while i < doc.lines.len() && doc.lines[i].is_blank() {
        i += 1;
    }
    let start = i;
    let is_subject = doc.lines.get(i).is_some_and(|l| {
        let k = key(l.text);
        k.starts_with("v/v") || k.starts_with("ve viec")
    });
    if !is_subject {
        return start;
    }
    while i < doc.lines.len() && !doc.lines[i].is_blank() && !in_table[i] {
        let line = doc.lines[i];
        if i > start && key(line.text).starts_with("kinh gui") {
            break;
        }
        let t = strip_emphasis(line.text);
        doc.subject.push((t, line.span_of(t)));
        doc.claimed[i] = true;
        i += 1;
    }
    i
}

/// The subject: the first paragraph under the title, unless it is a heading,
/// a legal basis ("Căn cứ …") or an introduction ending with ":".
fn parse_subject(doc: &mut Document<'_>, from: usize, in_table: &[bool]) -> usize {
    let mut i = from;
    while i < doc.lines.len() && doc.lines[i].is_blank() {
        i += 1;
    }
    let start = i;
    while i < doc.lines.len() && !doc.lines[i].is_blank() && !in_table[i] {
        i += 1;
    }
    let para = &doc.lines[start..i];
    let Some(first) = para.first() else {
        return from;
    };
    let last_text = para.last().map_or("", |l| l.text.trim_end());
    let k = key(first.text);
    if marker(first.text).is_some()
        || k.starts_with("can cu")
        || last_text.ends_with(':')
        || is_title(first.text)
    {
        return from;
    }
    for line in para {
        let t = strip_emphasis(line.text);
        doc.subject.push((t, line.span_of(t)));
        doc.claimed[line.index] = true;
    }
    i
}

/// Outline levels: a new entry closes every open entry at its level or deeper.
fn level(m: Option<Marker<'_>>) -> usize {
    match m {
        Some(Marker::Roman(_)) => 1,
        Some(Marker::Arabic(n)) => 2 + n.matches('.').count(),
        Some(Marker::Letter(_)) => 6,
        Some(Marker::Bullet(_)) | None => 7,
    }
}

#[derive(PartialEq)]
enum Zone {
    Body,
    Recipients,
    AfterSignature,
}

fn parse_body(doc: &mut Document<'_>, from: usize, in_table: &[bool]) {
    let mut stack: Vec<Node<'_>> = Vec::new();
    let mut roots: Vec<Node<'_>> = Vec::new();
    let mut zone = Zone::Body;
    let ahead = Lookahead::new(doc, in_table);
    let mut i = from;
    // Whether the previous line was non-blank body text (for continuations).
    let mut prev_open = false;
    while i < doc.lines.len() {
        let line = doc.lines[i];
        if in_table[i] {
            prev_open = false;
            i += 1;
            continue;
        }
        if line.is_blank() {
            prev_open = false;
            i += 1;
            continue;
        }
        let text = line.text.trim();
        let k = key_start(text);
        if k.starts_with("kinh gui") {
            i = parse_addressees(doc, i, in_table);
            prev_open = false;
            continue;
        }
        if k.starts_with("noi nhan") && line.text.trim().contains('\t') {
            let next = parse_two_columns(doc, i, in_table);
            // It reads nothing when the right column of this first line is not
            // part of a signature; without this check the loop never moved on.
            // Such a line is read as a one-column heading below.
            if next > i {
                i = next;
                zone = Zone::AfterSignature;
                prev_open = false;
                continue;
            }
        }
        if k.starts_with("noi nhan") {
            doc.recipients_headings.push(line.trimmed_span());
            doc.claimed[i] = true;
            zone = Zone::Recipients;
            // "Nơi nhận: - Như trên;" on one line.
            let rest = text.split_once(':').map_or("", |(_, r)| r.trim());
            if !rest.is_empty() {
                push_recipient(doc, &line, rest);
            }
            i += 1;
            continue;
        }
        if zone == Zone::Recipients {
            if matches!(marker(text), Some((Marker::Bullet(_), _))) || text.starts_with('-') {
                push_recipient(doc, &line, text);
                doc.claimed[i] = true;
                i += 1;
                continue;
            }
            zone = Zone::Body;
        }
        if zone != Zone::AfterSignature && is_signature_start(text) && doc.signature.is_none() {
            i = parse_signature(doc, i, in_table);
            zone = Zone::AfterSignature;
            prev_open = false;
            continue;
        }
        // A paragraph right above a table is its caption.
        let para_end = ahead.para_end[i];
        if let Some(t) = ahead.table_at_next[para_end]
            && (zone == Zone::AfterSignature || looks_like_caption(doc, i, para_end))
        {
            push_caption(doc, i, para_end, t);
            i = para_end;
            prev_open = false;
            continue;
        }
        let found = marker(text);
        let is_continuation = found.is_none()
            && prev_open
            && text.chars().next().is_some_and(char::is_lowercase)
            && stack
                .last()
                .is_some_and(|n| !n.text.ends_with(['.', ':', ';', '!', '?']));
        if is_continuation {
            if let Some(top) = stack.last_mut() {
                top.text.push(' ');
                top.text.push_str(text);
                top.span = top.span.cover(line.trimmed_span());
            }
        } else {
            let (m, rest) = match found {
                Some((m, rest)) => (Some(m), rest),
                None => (None, text),
            };
            let node = Node {
                marker: m,
                text: rest.to_string(),
                span: line.trimmed_span(),
                line: i,
                children: Vec::new(),
            };
            let lv = level(m);
            while stack.last().is_some_and(|top| level(top.marker) >= lv) {
                close(&mut stack, &mut roots);
            }
            if stack.len() >= crate::limits::MAX_OUTLINE_DEPTH {
                doc.too_deep.get_or_insert((i, stack.len() + 1));
                close(&mut stack, &mut roots);
            }
            stack.push(node);
        }
        doc.claimed[i] = true;
        prev_open = true;
        i += 1;
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    doc.outline = roots;
}

fn close<'a>(stack: &mut Vec<Node<'a>>, roots: &mut Vec<Node<'a>>) {
    if let Some(node) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    }
}

/// "Kính gửi: Sở X" or "Kính gửi:" followed by "- Sở X;" lines.
fn parse_addressees(doc: &mut Document<'_>, from: usize, in_table: &[bool]) -> usize {
    let addressee = |text: &str| -> Option<(usize, usize)> {
        let t = text
            .trim_start_matches(['-', '+', '•', '–'])
            .trim()
            .trim_end_matches([';', '.', ','])
            .trim_end();
        (!t.is_empty()).then(|| {
            let at = t.as_ptr() as usize - text.as_ptr() as usize;
            (at, at + t.len())
        })
    };
    let line = doc.lines[from];
    let text = line.text.trim();
    if let Some((_, rest)) = text.split_once(':')
        && let Some((a, b)) = addressee(rest)
    {
        let t = &rest[a..b];
        doc.addressees.push(RecipientLine {
            text: t,
            block: 0,
            span: line.span_of(t),
        });
    }
    doc.claimed[from] = true;
    let mut i = from + 1;
    while i < doc.lines.len() && !in_table[i] {
        let line = doc.lines[i];
        let text = line.text.trim();
        if !(text.starts_with(['-', '+', '•'])) {
            break;
        }
        if let Some((a, b)) = addressee(text) {
            let t = &text[a..b];
            doc.addressees.push(RecipientLine {
                text: t,
                block: 0,
                span: line.trimmed_span(),
            });
        }
        doc.claimed[i] = true;
        i += 1;
    }
    i
}

/// Adds a recipient whose span is the whole line.
fn push_recipient<'a>(doc: &mut Document<'a>, line: &Line<'a>, text: &'a str) {
    push_recipient_at(doc, line.trimmed_span(), text);
}

fn push_recipient_at<'a>(doc: &mut Document<'a>, span: NSpan, text: &'a str) {
    let t = text
        .trim_start_matches(['-', '+', '•', '–'])
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim_end();
    if !t.is_empty() {
        doc.recipients.push(RecipientLine {
            text: t,
            block: doc.recipients_headings.len().saturating_sub(1),
            span,
        });
    }
}

/// Lines that open a signature block: "TM.", "KT.", "Q.", "TL.", "TUQ.".
fn is_signature_start(text: &str) -> bool {
    let k = key_start(text);
    ["tm.", "kt.", "q.", "tl.", "tuq.", "tm ", "kt "]
        .iter()
        .any(|p| k.starts_with(p))
        && is_all_caps(text)
}

/// What one line did to a signature block.
#[derive(PartialEq)]
enum SigStep {
    /// Part of the block; more may follow.
    Taken,
    /// The signer's name: the block ends here.
    Name,
    /// Not part of a signature.
    Rejected,
}

/// Adds `text` to the signature block if it belongs there.
fn sig_item<'a>(sig: &mut SignatureBlock<'a>, text: &'a str) -> SigStep {
    let k = key(text);
    if k.starts_with("tm.") || k.starts_with("tm ") {
        sig.authority = Some(text);
    } else if ["kt.", "q.", "tl.", "tuq.", "kt "]
        .iter()
        .any(|p| k.starts_with(p))
    {
        sig.on_behalf = Some(text);
    } else if sig.title.is_none() && is_all_caps(text) && text.split_whitespace().count() <= 8 {
        sig.title = Some(text);
    } else if k.starts_with("(da ky") || k.starts_with("(ky") || k == "da ky" {
        // "(Đã ký)": a mark, kept in the block's span.
    } else if sig.name.is_none() && is_person_name(text) {
        sig.name = Some(text);
        return SigStep::Name;
    } else {
        return SigStep::Rejected;
    }
    SigStep::Taken
}

fn parse_signature(doc: &mut Document<'_>, from: usize, in_table: &[bool]) -> usize {
    let mut sig = SignatureBlock {
        span: doc.lines[from].trimmed_span(),
        ..Default::default()
    };
    let mut i = from;
    while i < doc.lines.len() && !in_table[i] {
        let line = doc.lines[i];
        let text = line.text.trim();
        if text.is_empty() {
            i += 1;
            continue;
        }
        let step = sig_item(&mut sig, text);
        if step == SigStep::Rejected {
            break;
        }
        sig.span = sig.span.cover(line.trimmed_span());
        doc.claimed[i] = true;
        i += 1;
        if step == SigStep::Name {
            break;
        }
    }
    doc.signature = Some(sig);
    i
}

/// "Nơi nhận:" and the signature laid out side by side in two columns
/// (a two-cell table row per line): the left column holds the recipients,
/// the right one the signature. Returns the line after the block.
fn parse_two_columns(doc: &mut Document<'_>, from: usize, in_table: &[bool]) -> usize {
    let mut sig = SignatureBlock::default();
    let mut sig_span: Option<NSpan> = None;
    let mut i = from;
    let mut blanks = 0;
    while i < doc.lines.len() && !in_table[i] {
        let line = doc.lines[i];
        if line.is_blank() {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
            i += 1;
            continue;
        }
        blanks = 0;
        let (left, right) = match line.text.split_once('\t') {
            Some((l, r)) => (l.trim(), r.trim()),
            None => (line.text.trim(), ""),
        };
        let left_ok = left.is_empty() || i == from || left.starts_with(['-', '+', '•']);
        // A line with no tab: a recipient if it is a bullet, else part of the
        // signature (the name often stands alone under the block).
        let (left, right) =
            if !line.text.contains('\t') && !left.starts_with(['-', '+', '•']) && i != from {
                ("", left)
            } else {
                (left, right)
            };
        let mut right_step = SigStep::Taken;
        if !right.is_empty() {
            right_step = sig_item(&mut sig, right);
            if right_step == SigStep::Rejected {
                break;
            }
            let sp = line.span_of(right);
            sig_span = Some(sig_span.map_or(sp, |s| s.cover(sp)));
        }
        if !left_ok && !left.is_empty() {
            break;
        }
        if i == from {
            doc.recipients_headings.push(line.span_of(left));
            let rest = left.split_once(':').map_or("", |(_, r)| r.trim());
            if !rest.is_empty() {
                push_recipient_at(doc, line.span_of(rest), rest);
            }
        } else if !left.is_empty() {
            push_recipient_at(doc, line.span_of(left), left);
        }
        doc.claimed[i] = true;
        i += 1;
        if right_step == SigStep::Name {
            break;
        }
    }
    if let Some(span) = sig_span {
        sig.span = span;
        doc.signature = Some(sig);
    }
    i
}

/// Two to six capitalised words, no digits: a person's name.
fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

/// Per line, facts that need a look ahead, computed once from the end so the
/// body pass stays linear however long a paragraph is.
struct Lookahead {
    /// One past the last line of the paragraph starting at each line.
    para_end: Vec<usize>,
    /// The table whose first row is the first non-blank line at or after
    /// each line, if any.
    table_at_next: Vec<Option<usize>>,
}

impl Lookahead {
    fn new(doc: &Document<'_>, in_table: &[bool]) -> Lookahead {
        let n = doc.lines.len();
        let mut table_start = vec![None; n];
        for (t, table) in doc.tables.iter().enumerate() {
            table_start[table.first_line] = Some(t);
        }
        let mut para_end = vec![n; n + 1];
        let mut table_at_next = vec![None; n + 1];
        for i in (0..n).rev() {
            let blank = doc.lines[i].is_blank();
            para_end[i] = if blank || in_table[i] {
                i
            } else {
                para_end[i + 1]
            };
            table_at_next[i] = if blank {
                table_at_next[i + 1]
            } else {
                table_start[i]
            };
        }
        Lookahead {
            para_end,
            table_at_next,
        }
    }
}

/// Emphasised, all-caps or "Phụ lục"/"Danh mục" paragraphs head tables.
fn looks_like_caption(doc: &Document<'_>, from: usize, end: usize) -> bool {
    let first = doc.lines[from].text.trim();
    let k = key(first);
    first.starts_with("**")
        || is_all_caps(first)
        || k.starts_with("phu luc")
        || k.starts_with("danh muc")
        || (end - from == 1 && marker(first).is_none() && !first.ends_with(['.', ':']))
}

fn push_caption(doc: &mut Document<'_>, from: usize, end: usize, table: usize) {
    let mut text = String::new();
    let mut span: Option<NSpan> = None;
    for line in &doc.lines[from..end] {
        let t = strip_emphasis(line.text);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(t);
        let s = line.trimmed_span();
        span = Some(span.map_or(s, |sp| sp.cover(s)));
        doc.claimed[line.index] = true;
    }
    doc.captions.push(Caption {
        text,
        span: span.unwrap_or_default(),
        table,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER_DOC: &str = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH THANH HÓA\tĐộc lập - Tự do - Hạnh phúc\nSố: 204/KH-UBND\tThanh Hóa, ngày 10 tháng 8 năm 2020\n\nKẾ HOẠCH\nThực hiện Chương trình số 5\n\nI. MỤC ĐÍCH\n1. Một\n- gạch\nđoạn tiếp theo\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n";

    #[test]
    fn header_block_is_read_cell_by_cell() {
        let doc = parse(HEADER_DOC);
        let parts: Vec<_> = doc.header.iter().map(|h| (h.part, h.text)).collect();
        assert_eq!(
            parts,
            [
                (HeaderPart::Issuer, "ỦY BAN NHÂN DÂN"),
                (HeaderPart::Motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                (HeaderPart::Issuer, "TỈNH THANH HÓA"),
                (HeaderPart::Motto, "Độc lập - Tự do - Hạnh phúc"),
                (HeaderPart::Number, "Số: 204/KH-UBND"),
                (HeaderPart::PlaceDate, "Thanh Hóa, ngày 10 tháng 8 năm 2020"),
            ]
        );
        assert_eq!(doc.title.map(|t| t.0), Some("KẾ HOẠCH"));
        assert_eq!(doc.subject.len(), 1);
    }

    #[test]
    fn outline_nests_and_continuations_join() {
        let doc = parse(HEADER_DOC);
        assert_eq!(doc.outline.len(), 1);
        let one = &doc.outline[0].children[0];
        assert_eq!(one.marker, Some(Marker::Arabic("1")));
        let bullet = &one.children[0];
        assert_eq!(
            bullet.text, "gạch đoạn tiếp theo",
            "a lowercase line after an open line continues it"
        );
    }

    #[test]
    fn recipients_and_signature() {
        let doc = parse(HEADER_DOC);
        let r: Vec<_> = doc.recipients.iter().map(|r| r.text).collect();
        assert_eq!(r, ["Như trên", "Lưu: VT"]);
        let sig = doc.signature.unwrap();
        assert_eq!(sig.on_behalf, Some("KT. CHỦ TỊCH"));
        assert_eq!(sig.title, Some("PHÓ CHỦ TỊCH"));
        assert_eq!(sig.name, Some("Lê Văn A"));
        assert!(
            doc.claimed
                .iter()
                .zip(&doc.lines)
                .all(|(c, l)| *c || l.is_blank())
        );
    }

    #[test]
    fn recipients_heading_beside_text_that_is_no_signature_ends() {
        // Found by the `pipeline` fuzz target: this never returned.
        let doc = parse("Nơi nhận:\tviệc khác\n- Như trên;\n");
        assert_eq!(doc.recipients_headings.len(), 1);
        let r: Vec<_> = doc.recipients.iter().map(|r| r.text).collect();
        assert_eq!(r, ["việc khác", "Như trên"]);
        assert!(doc.signature.is_none());
    }
}
