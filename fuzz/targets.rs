//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` (cargo
//! fuzz) and by `tests/fuzz.rs`, which replays every saved crash input in
//! `fixtures/fuzz/` as an ordinary test. Only kehoach's public API is used.
//! Each body panics when an invariant breaks; returning is success.

#![allow(dead_code)]

use kehoach::InputFormat;
use kehoach::check::{CheckOptions, check};
use kehoach::ingest::layout::{Location, Piece, Rendered};
use kehoach::ingest::limits::Limits;
use kehoach::ingest::{Encoding, decode_with};
use kehoach::normalize::normalize;
use kehoach::span::{DocLocation, Span};

/// The encoding the first byte forces: most values detect, the rest name
/// each decoder in turn so that every decoder meets hostile bytes.
fn forced(selector: u8) -> Option<Encoding> {
    const NAMES: [&str; 7] = [
        "utf-8", "utf-16le", "utf-16be", "tcvn3", "vni", "viqr", "cp1258",
    ];
    NAMES
        .get(usize::from(selector % 16))
        .and_then(|n| Encoding::from_name(n))
}

/// Decode then normalize: never panics; every replaced byte points at a
/// U+FFFD; normalizing is idempotent; the offset map stays inside both texts.
pub fn decode_normalize(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let Ok(source) = decode_with("fuzz", bytes, forced(selector)) else {
        return;
    };
    for b in &source.invalid {
        assert!(
            source.text[b.text_offset..].starts_with('\u{FFFD}'),
            "invalid bytes at {} do not point at a replacement character",
            b.text_offset
        );
    }
    let n = normalize(&source.text);
    let again = normalize(&n.text);
    assert_eq!(again.text, n.text, "normalizing twice changes the text");
}

/// Analyze (format detected) and check: see [`check_analysis`].
pub fn pipeline(data: &[u8]) {
    if let Ok(analysis) = kehoach::analyze(data, &kehoach::Options::default()) {
        check_analysis(&analysis);
    }
}

/// The Word reader, on the bytes as a whole file (the seeds are real
/// .docx files; random bytes are rarely a zip) and on the bytes as the XML
/// inside a well-formed zip: `word/document.xml`, then after the first 0xFF
/// byte (never part of UTF-8) `word/numbering.xml`. See [`check_reader`].
pub fn docx(data: &[u8]) {
    check_reader(data, InputFormat::Docx, |b| {
        kehoach::ingest::docx::render(b, &Limits::DEFAULT).ok()
    });
    let mut parts = data.splitn(2, |&b| b == 0xFF);
    let document = parts.next().unwrap_or_default();
    let numbering = parts.next();
    // The reader of the XML Word writes gives quick-xml's events wherever it
    // reads a part at all.
    for part in std::iter::once(document).chain(numbering) {
        if let Err(e) = kehoach::ingest::wordxml::agrees_with_quick_xml(part) {
            panic!("the fast XML reader parts from quick-xml: {e}");
        }
    }
    let zip = zip_of(document, numbering);
    check_reader(&zip, InputFormat::Docx, |b| {
        kehoach::ingest::docx::render(b, &Limits::DEFAULT).ok()
    });
}

/// The HTML reader, on the bytes as a page (whatever they look like). See
/// [`check_reader`].
pub fn html(data: &[u8]) {
    check_reader(data, InputFormat::Html, |b| {
        kehoach::ingest::html::read(b, &Limits::DEFAULT)
            .ok()
            .map(|p| p.rendered)
    });
}

/// A .docx (a zip, entries stored) holding `document` as `word/document.xml`
/// and `numbering`, if any, as `word/numbering.xml`.
fn zip_of(document: &[u8], numbering: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts = [
        ("word/document.xml", Some(document)),
        ("word/numbering.xml", numbering),
    ];
    for (name, bytes) in parts {
        if let Some(bytes) = bytes {
            w.start_file(name, opts).expect("a zip entry starts");
            w.write_all(bytes).expect("a zip entry is written");
        }
    }
    w.finish().expect("the zip is finished").into_inner()
}

/// A reader of a laid-out format: what `render` gives never panics, its
/// layout holds (see [`check_rendered`]), and analyzing the bytes forced to
/// `format` holds the pipeline's invariants (see [`check_analysis`]) with a
/// layout whose text is what `render` gave.
fn check_reader(data: &[u8], format: InputFormat, render: impl Fn(&[u8]) -> Option<Rendered>) {
    let rendered = render(data);
    if let Some(r) = &rendered {
        check_rendered(r);
    }
    let options = kehoach::Options {
        input_format: format,
        ..kehoach::Options::default()
    };
    let Ok(analysis) = kehoach::analyze(data, &options) else {
        return;
    };
    let r = rendered.expect("analyze read what the reader refused");
    assert_eq!(analysis.source.text, r.text, "analyze read another text");
    assert_eq!(
        analysis.source.layout.as_ref(),
        Some(&r.layout),
        "analyze has another layout"
    );
    check_analysis(&analysis);
}

/// A rendered document's layout: every piece inside the text on character
/// boundaries, in text order without overlap, located back to itself; a
/// piece copied from a merged cell names a cell above it in its column.
fn check_rendered(r: &Rendered) {
    let text = &r.text;
    let mut prev: Option<&Piece> = None;
    for p in &r.layout.pieces {
        let (s, e) = (p.range.start, p.range.end);
        assert!(
            s <= e && e <= text.len(),
            "piece {p:?} outside a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "piece {p:?} not on character boundaries"
        );
        if let Some(q) = prev {
            assert!(
                q.range.start < s && q.range.end <= s,
                "pieces {q:?} and {p:?} out of order or overlapping"
            );
        }
        prev = Some(p);
        let at = r.layout.piece_at(s).expect("a piece is found at its start");
        assert_eq!(at, p, "another piece is found at the start of {p:?}");
        let located = r
            .layout
            .locate(text, p.range.clone())
            .expect("a piece is located");
        let back = r
            .layout
            .piece_of(&located)
            .expect("a location names a piece");
        assert_eq!(back.location, p.location, "{p:?} is located as {located:?}");
        if let Some(from) = p.merged_from {
            let (
                Location::Cell { table, row, cell },
                Location::Cell {
                    table: t,
                    row: r,
                    cell: c,
                },
            ) = (p.location, from)
            else {
                panic!("{p:?} is merged from or into something that is not a cell");
            };
            assert!(
                t == table && r < row && c == cell,
                "{p:?} is merged from a cell that is not above it"
            );
        }
    }
}

/// An analysis: no panic in `check`; every span of the plan and of every
/// finding lies inside the source text, on character boundaries, with a line
/// and column that agree with its start and, for .docx and HTML, a document
/// location where the layout has one (see [`check_location`]); the plan
/// serializes to JSON.
fn check_analysis(analysis: &kehoach::Analysis) {
    let findings = check(analysis, &CheckOptions::default());
    let text = &analysis.source.text;
    let index = kehoach::span::LineIndex::new(text);
    let valid = |s: &Span| {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} not on character boundaries"
        );
        assert_eq!(
            index.line_col(text, s.start),
            (s.line, s.column),
            "span {s:?}: line and column do not match its start"
        );
        let layout = analysis.source.layout.as_ref();
        let located = layout.and_then(|l| l.locate(text, s.start..s.end));
        assert_eq!(
            s.location.is_some(),
            located.is_some(),
            "span {s:?}: the layout locates it as {located:?}"
        );
        if let (Some(at), Some(piece)) = (&s.location, layout.and_then(|l| l.piece_at(s.start))) {
            check_location(text, at, piece);
        }
    };
    let json = serde_json::to_value(&analysis.plan).expect("the plan serializes");
    for_each_span(&json, &mut |s| valid(&s));
    for f in &findings {
        valid(&f.span);
        f.related.iter().for_each(|r| valid(&r.span));
        if let Some(s) = &f.suggestion {
            valid(&s.span);
        }
    }
}

/// A span's document location names the piece its start stands in (for a
/// span over a whole row, that piece's row), with a character range inside
/// the piece. (A task span that takes in a fragment spilled into the next row
/// keeps the location of its first row, so the location is not always what
/// the layout would give the whole range.)
fn check_location(text: &str, at: &DocLocation, piece: &Piece) {
    let chars = text[piece.range.clone()].chars().count();
    let (here, range) = match *at {
        DocLocation::Paragraph {
            paragraph,
            char_start,
            char_end,
        } => (
            Location::Paragraph { index: paragraph },
            Some((char_start, char_end)),
        ),
        DocLocation::Cell {
            table,
            row,
            cell,
            char_start,
            char_end,
        } => (
            Location::Cell { table, row, cell },
            Some((char_start, char_end)),
        ),
        DocLocation::Row { table, row } => {
            let Location::Cell { cell, .. } = piece.location else {
                panic!("{at:?} starts in {piece:?}, not in a cell");
            };
            (Location::Cell { table, row, cell }, None)
        }
    };
    assert_eq!(
        here, piece.location,
        "{at:?} names another place than {piece:?}"
    );
    if let Some((start, end)) = range {
        assert!(
            start <= end && end <= chars,
            "{at:?}: characters outside {piece:?}"
        );
    }
}

/// Calls `f` on every object in `v` that has the fields of a span.
fn for_each_span(v: &serde_json::Value, f: &mut dyn FnMut(Span)) {
    match v {
        serde_json::Value::Object(map) => {
            if ["start", "end", "line", "column"]
                .iter()
                .all(|k| map.get(*k).is_some_and(serde_json::Value::is_u64))
                && (map.len() == 4 || map.len() == 5 && map.contains_key("location"))
                && let Ok(span) = serde_json::from_value::<Span>(v.clone())
            {
                f(span);
                return;
            }
            map.values().for_each(|x| for_each_span(x, f));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| for_each_span(x, f)),
        _ => {}
    }
}
