//! Word (.docx) and HTML input: the sample plan rebuilt with merged cells
//! must give the text sample's tasks, with merged_from on exactly the copied
//! cells and document locations on every span; hostile containers are
//! refused with one clear line.
//!
//! The fixtures under `fixtures/docx/` and `fixtures/html/` are made by the
//! helpers here: `KEHOACH_WRITE_FIXTURES=1 cargo test formats::` rewrites
//! them (see `fixtures/README.md`).

use crate::common::{SAMPLE, read, repo, tasks};
use kehoach::model::{DocLocation, Plan};
use kehoach::{Error, InputFormat, Options};
use serde_json::Value;
use std::io::Write;

/// A cell of the sample's task table, with its merges.
#[derive(Clone, Debug)]
struct MCell {
    text: String,
    colspan: usize,
    rowspan: usize,
    /// Continues a cell merged down from the row above.
    covered: bool,
}

enum Block {
    Para(String),
    Table(Vec<Vec<MCell>>),
}

fn cell(text: &str) -> MCell {
    MCell {
        text: text.to_string(),
        colspan: 1,
        rowspan: 1,
        covered: false,
    }
}

/// 1-based line numbers of the sample's task rows whose cells (0-based
/// columns) are merged down into the next row: II.6/II.7 share their lead
/// unit; IV.1/IV.2 share their lead unit and their timeframe.
const MERGES: &[(usize, usize)] = &[(74, 2), (86, 2), (86, 4)];

/// The sample plan as blocks: its paragraphs, and its table with group rows
/// merged across the row (group V as one cell holding numeral and title)
/// and the vertical merges of [`MERGES`].
fn sample_blocks() -> Vec<Block> {
    let text = String::from_utf8(read(SAMPLE)).unwrap();
    let mut blocks = Vec::new();
    let mut rows: Vec<(usize, Vec<MCell>)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line_no = i + 1;
        if line.contains('\t') {
            let cells: Vec<&str> = line.split('\t').collect();
            let row = if cells[0] == "V" {
                vec![MCell {
                    colspan: 5,
                    ..cell(&format!("V. {}", cells[1]))
                }]
            } else if cells.len() == 5 && cells[2..].iter().all(|c| c.is_empty()) {
                vec![
                    cell(cells[0]),
                    MCell {
                        colspan: 4,
                        ..cell(cells[1])
                    },
                ]
            } else {
                cells.iter().map(|c| cell(c)).collect()
            };
            rows.push((line_no, row));
        } else if !rows.is_empty() && line.trim().is_empty() {
            // Blank lines inside the text table: a Word table has none.
        } else {
            if !rows.is_empty() {
                blocks.push(Block::Table(merge(std::mem::take(&mut rows))));
            }
            blocks.push(Block::Para(line.to_string()));
        }
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(merge(rows)));
    }
    blocks
}

fn merge(mut rows: Vec<(usize, Vec<MCell>)>) -> Vec<Vec<MCell>> {
    for &(line, col) in MERGES {
        let i = rows.iter().position(|(l, _)| *l == line).unwrap();
        assert_eq!(
            rows[i].1[col].text,
            rows[i + 1].1[col].text,
            "line {line} column {col} must equal the row below to be merged"
        );
        rows[i].1[col].rowspan = 2;
        rows[i + 1].1[col].covered = true;
    }
    rows.into_iter().map(|(_, r)| r).collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Roman headings and their numbered items become Word list paragraphs.
fn numbering_of(line: &str) -> Option<(u32, &str)> {
    for (marker, level) in [("I. ", 0), ("II. ", 0), ("III. ", 0)] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some((level, rest));
        }
    }
    let (num, rest) = line.split_once(". ")?;
    (num.len() == 1 && num.chars().all(|c| c.is_ascii_digit())).then_some((1, rest))
}

const NUMBERING_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A run of text; ", " inside the lead cell of task II.8 is written as a
/// line break, which must read as a space.
fn runs(text: &str) -> String {
    let t = |s: &str| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, xml_escape(s));
    if text.starts_with("Sở Kế hoạch và Đầu tư, Sở Nông nghiệp và PTNT,") {
        let parts: Vec<String> = text.split(", ").map(&t).collect();
        return format!("<w:r>{}</w:r>", parts.join("<w:t>,</w:t><w:br/>"));
    }
    format!("<w:r>{}</w:r>", t(text))
}

/// The sample as `word/document.xml`.
fn sample_document_xml() -> String {
    let mut body = String::new();
    for block in sample_blocks() {
        match block {
            Block::Para(line) => match numbering_of(&line) {
                Some((level, rest)) => body.push_str(&format!(
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
                    runs(rest)
                )),
                None if line.is_empty() => body.push_str("<w:p/>"),
                None => body.push_str(&format!("<w:p>{}</w:p>", runs(&line))),
            },
            Block::Table(rows) => {
                body.push_str(r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"#);
                for row in rows {
                    body.push_str("<w:tr>");
                    for c in row {
                        let mut props = String::new();
                        if c.colspan > 1 {
                            props.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, c.colspan));
                        }
                        if c.covered {
                            body.push_str("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>");
                            continue;
                        }
                        if c.rowspan > 1 {
                            props.push_str(r#"<w:vMerge w:val="restart"/>"#);
                        }
                        body.push_str(&format!(
                            "<w:tc><w:tcPr>{props}</w:tcPr><w:p>{}</w:p></w:tc>",
                            runs(&c.text)
                        ));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip of `files`, deflated, with fixed dates so the bytes are stable.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_of(document_xml: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/numbering.xml", NUMBERING_XML.as_bytes()),
    ])
}

fn sample_docx() -> Vec<u8> {
    docx_of(&sample_document_xml())
}

/// HTML text: "&", "<", ">" escaped, and the title line written entirely
/// as numeric character references.
fn html_text(text: &str) -> String {
    if text == "KẾ HOẠCH HÀNH ĐỘNG" {
        return text
            .chars()
            .map(|c| format!("&#{};", u32::from(c)))
            .collect();
    }
    xml_escape(text).replace(", Sở Nông nghiệp và PTNT,", ",<br>Sở Nông nghiệp và PTNT,")
}

/// The sample as an HTML page from a portal: a menu, the document in a
/// `<div class="content">` with its table using colspan and rowspan, a
/// footer and a script.
fn sample_html(charset: &str) -> String {
    let mut body = String::new();
    for block in sample_blocks() {
        match block {
            Block::Para(line) => body.push_str(&format!("<p>{}</p>\n", html_text(&line))),
            Block::Table(rows) => {
                body.push_str("<table border=\"1\">\n<tbody>\n");
                for row in rows {
                    body.push_str("<tr>");
                    for c in row.iter().filter(|c| !c.covered) {
                        let mut attrs = String::new();
                        if c.colspan > 1 {
                            attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
                        }
                        if c.rowspan > 1 {
                            attrs.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
                        }
                        body.push_str(&format!("<td{attrs}><p>{}</p></td>", html_text(&c.text)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody>\n</table>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"{charset}\">\n<title>Kế hoạch hành động</title>\n<style>td {{ border: 1px solid }}</style>\n</head>\n<body>\n<div class=\"main-menu\"><ul><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/vb\">Văn bản</a></li></ul></div>\n<nav><a href=\"/\">Tin tức</a></nav>\n<div class=\"content\">\n{body}</div>\n<footer><p>Bản quyền thuộc Cổng thông tin điện tử</p></footer>\n<script>var s = \"<p>không phải văn bản</p>\";</script>\n</body>\n</html>\n"
    )
}

fn sample_html_1258() -> Vec<u8> {
    kehoach::ingest::legacy::encode(
        &sample_html("windows-1258"),
        kehoach::ingest::legacy::Legacy::Windows1258,
    )
    .unwrap()
}

/// A page of 10,000 nested `<div>`s.
fn nested_divs() -> String {
    format!(
        "<!DOCTYPE html><html><body>{}<p>KẾ HOẠCH</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    )
}

/// `word/document.xml` whose body is 20 MiB of one character: deflate packs
/// it about 1000:1.
fn zip_bomb() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default());
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(format!(r#"<w:document {W_NS}><w:body><w:p><w:r><w:t>"#).as_bytes())
        .unwrap();
    let chunk = vec![b'a'; 1 << 16];
    for _ in 0..320 {
        w.write_all(&chunk).unwrap();
    }
    w.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    w.finish().unwrap().into_inner()
}

/// The start of a zip entry, then an end-of-central-directory record that
/// announces 60,000 entries.
fn lying_entry_count() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0; 26]);
    b.extend_from_slice(b"PK\x05\x06");
    b.extend_from_slice(&[0, 0, 0, 0]);
    b.extend_from_slice(&60_000u16.to_le_bytes());
    b.extend_from_slice(&60_000u16.to_le_bytes());
    b.extend_from_slice(&[0; 10]);
    b
}

/// A zip whose entries hold a few bytes each but declare `sizes` (in MiB)
/// once inflated, in their local headers and in the central directory.
fn lying_sizes(names: &[&str], mib: u32) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for name in names {
        w.start_file(*name, opts).unwrap();
        w.write_all(b"<w:document/>").unwrap();
    }
    let mut b = w.finish().unwrap().into_inner();
    let size = (mib << 20).to_le_bytes();
    let mut patch = |sig: &[u8], at: usize| {
        let starts: Vec<usize> = (0..b.len() - 4).filter(|&i| &b[i..i + 4] == sig).collect();
        assert_eq!(starts.len(), names.len());
        for i in starts {
            b[i + at..i + at + 4].copy_from_slice(&size);
        }
    };
    patch(b"PK\x03\x04", 22);
    patch(b"PK\x01\x02", 24);
    b
}

/// `fixtures/header-block.txt` as offices lay it out in Word: the header in
/// a borderless two-column table (issuer, number | motto, place and date),
/// "Nơi nhận" beside the signature in another.
fn header_signature_tables() -> Vec<u8> {
    let para = |t: &str| {
        if t.is_empty() {
            "<w:p/>".to_string()
        } else {
            format!("<w:p>{}</w:p>", runs(t))
        }
    };
    let layout_table = |left: &[&str], right: &[&str]| {
        let cell = |ps: &[&str]| {
            format!(
                "<w:tc>{}</w:tc>",
                ps.iter().map(|t| para(t)).collect::<String>()
            )
        };
        format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(left), cell(right))
    };
    let text = String::from_utf8(read("fixtures/header-block.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let title = lines.iter().position(|l| *l == "KẾ HOẠCH").unwrap();
    let recipients = lines.iter().position(|l| *l == "Nơi nhận:").unwrap();
    let mut body = layout_table(
        &["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "Số: 204/KH-UBND"],
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thanh Hóa, ngày 10 tháng 8 năm 2020",
        ],
    );
    let mut rows = Vec::new();
    for line in &lines[title..recipients] {
        if line.contains('\t') {
            rows.push(*line);
            continue;
        }
        if !rows.is_empty() {
            body.push_str("<w:tbl>");
            for r in rows.drain(..) {
                body.push_str("<w:tr>");
                for c in r.split('\t') {
                    body.push_str(&format!("<w:tc>{}</w:tc>", para(c)));
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        }
        if !line.is_empty() {
            body.push_str(&para(line));
        }
    }
    let signature: Vec<&str> = lines[recipients..]
        .iter()
        .copied()
        .filter(|l| !l.is_empty())
        .collect();
    body.push_str(&layout_table(&signature[..3], &signature[3..]));
    zip_of(&[(
        "word/document.xml",
        format!("<w:document {W_NS}><w:body>{body}</w:body></w:document>").as_bytes(),
    )])
}

/// Every generated fixture: (path under the repository, bytes).
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let docx = sample_docx();
    let deep = format!(
        "<w:document {W_NS}><w:body>{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(150),
        "</w:sdtContent></w:sdt>".repeat(150)
    );
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document {W_NS}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let malformed = format!(
        "<w:document {W_NS}><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>Sở Y tế</w:r></w:t></w:p></w:body></w:document>"
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    let sample = read(SAMPLE);
    let utf16: Vec<u8> = String::from_utf8(sample)
        .unwrap()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    vec![
        ("fixtures/docx/sample-merged.docx", docx.clone()),
        (
            "fixtures/docx/header-signature-tables.docx",
            header_signature_tables(),
        ),
        (
            "fixtures/html/sample-merged.html",
            sample_html("utf-8").into_bytes(),
        ),
        ("fixtures/html/sample-merged-1258.html", sample_html_1258()),
        (
            "fixtures/html/saved-as.doc",
            sample_html("utf-8").into_bytes(),
        ),
        ("fixtures/html/nested-divs.html", nested_divs().into_bytes()),
        ("fixtures/docx/zip-bomb.docx", zip_bomb()),
        ("fixtures/docx/entries-60000.docx", lying_entry_count()),
        (
            "fixtures/docx/declares-300mib.docx",
            lying_sizes(&["word/document.xml"], 300),
        ),
        (
            "fixtures/docx/declares-2x250mib.docx",
            lying_sizes(&["word/document.xml", "word/media/image1.png"], 250),
        ),
        (
            "fixtures/docx/truncated.docx",
            docx[..docx.len() / 2].to_vec(),
        ),
        (
            "fixtures/docx/workbook.docx",
            zip_of(&[
                ("xl/workbook.xml", b"<workbook/>"),
                ("[Content_Types].xml", b"<Types/>"),
            ]),
        ),
        (
            "fixtures/docx/deep-nesting.docx",
            zip_of(&[("word/document.xml", deep.as_bytes())]),
        ),
        (
            "fixtures/docx/entity-expansion.docx",
            zip_of(&[("word/document.xml", laughs.as_bytes())]),
        ),
        (
            "fixtures/docx/malformed.docx",
            zip_of(&[("word/document.xml", malformed.as_bytes())]),
        ),
        ("fixtures/docx/ole-renamed.docx", ole),
        ("fixtures/utf16-no-bom.txt", utf16),
    ]
}

#[test]
fn committed_fixtures_are_what_the_helpers_make() {
    let write = std::env::var_os("KEHOACH_WRITE_FIXTURES").is_some();
    for (path, bytes) in fixtures() {
        let full = repo(path);
        if write {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, &bytes).unwrap();
            continue;
        }
        let committed = std::fs::read(&full).unwrap_or_else(|e| {
            panic!("{path}: {e} (make it with KEHOACH_WRITE_FIXTURES=1 cargo test formats::)")
        });
        if path.ends_with(".docx") && committed != bytes {
            // Deflate output may differ between library versions: compare
            // what the two containers hold instead.
            let a = kehoach::ingest::docx::render(&committed, &Default::default());
            let b = kehoach::ingest::docx::render(&bytes, &Default::default());
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{path}");
        } else {
            assert!(
                committed == bytes,
                "{path} differs from what the helper makes"
            );
        }
    }
}

fn extract_as(path: &str, format: InputFormat) -> Result<Plan, Error> {
    kehoach::extract(
        &read(path),
        &Options {
            path: path.to_string(),
            input_format: format,
            ..Default::default()
        },
    )
}

/// A task as JSON without its spans and merged_from: what must not depend on
/// the input format.
fn records(plan: &Plan) -> Vec<Value> {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("span");
                m.remove("merged_from");
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    plan.groups
        .iter()
        .map(|g| {
            let mut v = serde_json::to_value(g).unwrap();
            strip(&mut v);
            v
        })
        .collect()
}

fn assert_same_tasks_as_text(plan: &Plan) {
    let text = crate::common::extract(SAMPLE);
    assert_eq!(tasks(plan).len(), 18);
    assert_eq!(
        records(plan),
        records(&text),
        "groups, tasks, units and timeframes"
    );
    assert_eq!(plan.title, text.title);
    assert_eq!(plan.declared.tasks, text.declared.tasks);
    assert_eq!(plan.declared.contents, text.declared.contents);
    let labels =
        |p: &Plan| -> Vec<Option<String>> { p.sections.iter().map(|s| s.label.clone()).collect() };
    assert_eq!(labels(plan), labels(&text), "outline numbering");
}

/// Row of the task table (0 is the header) holding each task id.
fn row_of(id: &str) -> usize {
    // Header, I, I.1, I.2, II, II.1 … II.10, III, III.1 … III.3, IV, IV.1, IV.2, V, V.#1.
    let order = [
        "header", "I", "I.1", "I.2", "II", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7",
        "II.8", "II.9", "II.10", "III", "III.1", "III.2", "III.3", "IV", "IV.1", "IV.2", "V",
        "V.#1",
    ];
    order.iter().position(|x| *x == id).unwrap()
}

/// merged_from must be set on exactly the lead of II.7 and IV.2 and the
/// timeframe of IV.2, naming the row above; nothing else.
fn assert_merges(plan: &Plan) {
    let mut seen = Vec::new();
    for t in tasks(plan) {
        for (k, u) in t.lead.iter().chain(&t.coordinating).enumerate() {
            if let Some(m) = u.merged_from {
                seen.push((t.id.clone(), "unit", k, m));
            }
        }
        if let Some(m) = t.timeframe.merged_from {
            seen.push((t.id.clone(), "timeframe", 0, m));
        }
    }
    let cell = |id: &str, col: usize, len: usize| DocLocation::Cell {
        table: 0,
        row: row_of(id),
        cell: col,
        char_start: 0,
        char_end: len,
    };
    assert_eq!(
        seen,
        [
            (
                "II.7".to_string(),
                "unit",
                0,
                cell("II.6", 2, "Sở Khoa học và Công nghệ".chars().count())
            ),
            (
                "IV.2".to_string(),
                "unit",
                0,
                cell("IV.1", 2, "Liên minh Hợp tác xã tỉnh".chars().count())
            ),
            (
                "IV.2".to_string(),
                "timeframe",
                0,
                cell("IV.1", 4, "Thường xuyên".chars().count())
            ),
        ]
    );
}

/// Every unit and timeframe span names its cell, and the characters it
/// names in that cell are the name as written; every task span names its row.
fn assert_locations(plan: &Plan, analysis_text: &str, layout: &kehoach::ingest::layout::Layout) {
    for t in tasks(plan) {
        let row = row_of(&t.id);
        assert_eq!(
            t.span.location,
            Some(DocLocation::Row { table: 0, row }),
            "{}",
            t.id
        );
        let mut cells: Vec<(usize, &str, Option<DocLocation>)> = Vec::new();
        cells.extend(t.lead.iter().map(|u| (2, u.name.as_str(), u.span.location)));
        cells.extend(
            t.coordinating
                .iter()
                .map(|u| (3, u.name.as_str(), u.span.location)),
        );
        if let Some(s) = &t.timeframe.span {
            cells.push((4, t.timeframe.text.as_str(), s.location));
        }
        for (col, name, loc) in cells {
            let loc = loc.unwrap_or_else(|| panic!("{}: {name} has no location", t.id));
            let DocLocation::Cell {
                table,
                row: r,
                cell,
                char_start,
                char_end,
            } = loc
            else {
                panic!("{}: {name} located at {loc:?}", t.id);
            };
            assert_eq!((table, r, cell), (0, row, col), "{}: {name}", t.id);
            let piece = layout.piece_of(&loc).unwrap();
            let cell_text: String = analysis_text[piece.range.clone()].chars().collect();
            let named: String = cell_text
                .chars()
                .skip(char_start)
                .take(char_end - char_start)
                .collect();
            assert_eq!(named, name, "{}: characters named in the cell", t.id);
        }
    }
}

fn analysis(path: &str) -> kehoach::Analysis {
    kehoach::analyze(
        &read(path),
        &Options {
            path: path.to_string(),
            input_format: InputFormat::Auto,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn sample_as_docx_gives_the_text_sample_tasks() {
    let a = analysis("fixtures/docx/sample-merged.docx");
    assert_eq!(a.plan.source.format, "docx");
    assert_same_tasks_as_text(&a.plan);
    assert_merges(&a.plan);
    assert_locations(&a.plan, &a.source.text, a.source.layout.as_ref().unwrap());
    // Group V is one cell across the row holding numeral and title.
    let v = &a.plan.groups[4];
    assert_eq!(v.number.as_deref(), Some("V"));
    assert_eq!(
        v.span.location,
        Some(DocLocation::Cell {
            table: 0,
            row: row_of("V"),
            cell: 0,
            char_start: 0,
            char_end: v.title.chars().count() + 3
        })
    );
}

/// Files LibreOffice wrote (see fixtures/README.md): its own table model
/// (it drops the "restart" of one of two merges in a row, leaving a
/// continuation under an unmarked cell), its own numbering definitions.
#[test]
fn libreoffice_saved_copies_give_the_same_tasks() {
    for path in [
        "fixtures/docx/sample-libreoffice.docx",
        "fixtures/docx/sample-html-libreoffice.docx",
    ] {
        let a = analysis(path);
        assert_eq!(a.plan.source.format, "docx", "{path}");
        assert_same_tasks_as_text(&a.plan);
        assert_merges(&a.plan);
        assert_locations(&a.plan, &a.source.text, a.source.layout.as_ref().unwrap());
    }
}

#[test]
fn sample_as_html_gives_the_text_sample_tasks() {
    for path in [
        "fixtures/html/sample-merged.html",
        "fixtures/html/sample-merged-1258.html",
    ] {
        let a = analysis(path);
        assert_eq!(a.plan.source.format, "html", "{path}");
        assert_same_tasks_as_text(&a.plan);
        assert_merges(&a.plan);
        assert_locations(&a.plan, &a.source.text, a.source.layout.as_ref().unwrap());
        assert!(
            !a.source.text.contains("Trang chủ") && !a.source.text.contains("Bản quyền"),
            "{path}: menu and footer are left out"
        );
    }
    assert_eq!(
        analysis("fixtures/html/sample-merged-1258.html")
            .plan
            .source
            .encoding,
        "windows-1258"
    );
}

#[test]
fn text_output_is_unchanged_by_the_new_formats() {
    // The text sample's spans carry no location and no merged_from.
    let v = serde_json::to_value(crate::common::extract(SAMPLE)).unwrap();
    let s = v.to_string();
    assert!(!s.contains("\"location\"") && !s.contains("merged_from"));
    assert_eq!(v["source"]["format"], "text");
}

#[test]
fn html_saved_as_doc_is_read_as_html() {
    let plan = extract_as("fixtures/html/saved-as.doc", InputFormat::Auto).unwrap();
    assert_eq!(plan.source.format, "html");
    assert_eq!(tasks(&plan).len(), 18);
}

#[test]
fn utf16_text_without_byte_order_mark_is_decoded() {
    let plan = extract_as("fixtures/utf16-no-bom.txt", InputFormat::Auto).unwrap();
    assert_eq!(plan.source.encoding, "utf-16le");
    let text = crate::common::extract(SAMPLE);
    assert_eq!(plan.groups, text.groups, "same records, same spans");
}

#[test]
fn forcing_a_format() {
    let e = extract_as("fixtures/docx/sample-merged.docx", InputFormat::Text).unwrap_err();
    assert!(e.to_string().contains("zip container"), "{e}");
    let e = extract_as(SAMPLE, InputFormat::Docx).unwrap_err();
    assert!(matches!(e, Error::Docx { .. }), "{e}");
    // The text sample forced through the HTML reader: HTML white space
    // folds its lines into one paragraph, which holds no plan.
    let e = extract_as(SAMPLE, InputFormat::Html).unwrap_err();
    assert!(matches!(e, Error::NoPlan { .. }), "{e}");
}

/// (fixture, what the error must say, whether it is a limit).
const REFUSED: &[(&str, &str, bool)] = &[
    ("fixtures/docx/zip-bomb.docx", "zip bomb", true),
    ("fixtures/docx/entries-60000.docx", "60000 entries", true),
    (
        "fixtures/docx/declares-300mib.docx",
        "word/document.xml declares 300 MiB once inflated (the limit is 200 MiB)",
        true,
    ),
    (
        "fixtures/docx/declares-2x250mib.docx",
        "entries declare 500 MiB once inflated (the limit is 400 MiB)",
        true,
    ),
    (
        "fixtures/docx/truncated.docx",
        "truncated or damaged",
        false,
    ),
    ("fixtures/docx/workbook.docx", "Excel workbook", false),
    (
        "fixtures/docx/deep-nesting.docx",
        "more than 256 deep",
        true,
    ),
    ("fixtures/docx/entity-expansion.docx", "<!ENTITY", false),
    ("fixtures/docx/malformed.docx", "not well-formed XML", false),
    ("fixtures/docx/ole-renamed.docx", "save it as .docx", false),
    ("fixtures/html/nested-divs.html", "more than 512 deep", true),
];

#[test]
fn hostile_and_malformed_inputs_are_refused_with_a_reason() {
    for &(path, says, limit) in REFUSED {
        let started = std::time::Instant::now();
        let e = extract_as(path, InputFormat::Auto).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(says), "{path}: {msg}");
        assert_eq!(matches!(e, Error::Limit { .. }), limit, "{path}: {msg}");
        assert_eq!(msg.lines().count(), 1, "{path}: one line");
        assert!(
            started.elapsed().as_secs() < 10,
            "{path}: refused in {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn refusals_exit_2_with_one_line_on_stderr() {
    for &(path, says, _) in REFUSED {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(["extract", path])
            .current_dir(repo(""))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{path}: {err}");
        assert!(err.contains(says), "{path}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn group_heading_in_one_merged_cell_is_a_group_row() {
    let text = "KẾ HOẠCH\n\nTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\nI. Nhóm một\t\t\t\t\n1\tViệc một\tSở Y tế\t\t2021\n\tII - Nhóm hai\t\t\t\n1\tViệc hai\tSở Tài chính\t\t2022\n";
    let plan = kehoach::extract(text.as_bytes(), &Options::default()).unwrap();
    let g: Vec<(Option<&str>, &str, usize)> = plan
        .groups
        .iter()
        .map(|g| (g.number.as_deref(), g.title.as_str(), g.tasks.len()))
        .collect();
    assert_eq!(g, [(Some("I"), "Nhóm một", 1), (Some("II"), "Nhóm hai", 1)]);
    assert_eq!(tasks(&plan)[1].id, "II.1");
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
}

#[test]
fn check_report_names_table_row_and_cell() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "check",
            "--color",
            "never",
            "fixtures/docx/sample-merged.docx",
        ])
        .current_dir(repo(""))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    // "PTNN" in the lead cell of task II.3: table 1, row 8, cell 3 for people.
    let want = format!(
        "fixtures/docx/sample-merged.docx: bảng 1, dòng {}, ô 3",
        row_of("II.3") + 1
    );
    let at = report
        .find(&want)
        .unwrap_or_else(|| panic!("{want} missing from:\n{report}"));
    let after: Vec<&str> = report[at..].lines().take(4).collect();
    assert!(
        after[2].ends_with("| Sở Nông nghiệp và PTNN"),
        "the cell's text, not the whole row: {after:?}"
    );
    assert!(after[3].contains('^'), "{after:?}");
}

/// A small deterministic generator (xorshift), so the damaged inputs below
/// are the same on every run.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn damaged_documents_never_panic_or_hang() {
    let docx = read("fixtures/docx/sample-merged.docx");
    let html = read("fixtures/html/sample-merged.html");
    let xml = sample_document_xml();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let started = std::time::Instant::now();
    let mut outcomes = [0usize; 2];
    for round in 0..60 {
        // Cut short at a pseudo-random place, or with bytes overwritten.
        let damage = |bytes: &[u8], seed: &mut u64| -> Vec<u8> {
            let mut b = bytes.to_vec();
            if round % 2 == 0 {
                b.truncate((xorshift(seed) as usize) % b.len());
            } else {
                for _ in 0..4 {
                    let at = (xorshift(seed) as usize) % b.len();
                    b[at] = xorshift(seed) as u8;
                }
            }
            b
        };
        let inputs = [
            damage(&docx, &mut seed),
            damage(&html, &mut seed),
            // The document XML itself damaged, in an intact container.
            docx_of(&String::from_utf8_lossy(&damage(xml.as_bytes(), &mut seed))),
        ];
        for bytes in inputs {
            let r = kehoach::extract(&bytes, &Options::default());
            outcomes[usize::from(r.is_ok())] += 1;
            if let Err(e) = r {
                assert_eq!(e.to_string().lines().count(), 1, "{e}");
            }
        }
    }
    assert!(
        outcomes[0] > 0 && outcomes[1] > 0,
        "some damage must be refused and some survived: {outcomes:?}"
    );
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
}

#[test]
fn xml_cut_short_keeps_what_was_read_or_says_why() {
    let xml = sample_document_xml();
    let heading = xml.find("NỘI DUNG KẾ HOẠCH").unwrap();
    // Cut after a whole paragraph: the elements left open are closed.
    let end_of_para = heading + xml[heading..].find("</w:p>").unwrap() + "</w:p>".len();
    let r =
        kehoach::ingest::docx::render(&docx_of(&xml[..end_of_para]), &Default::default()).unwrap();
    assert!(
        r.text.trim_end().ends_with("II. NỘI DUNG KẾ HOẠCH"),
        "{}",
        r.text
    );
    assert!(r.text.contains("3. Kế hoạch là căn cứ"));
    // Cut inside a tag: a clear error that says where.
    let e = kehoach::ingest::docx::render(&docx_of(&xml[..end_of_para - 3]), &Default::default())
        .unwrap_err();
    assert!(
        matches!(&e, Error::Docx { reason } if reason.contains("not well-formed XML near byte")),
        "{e}"
    );
}

#[test]
fn header_and_signature_in_layout_tables_read_as_in_text() {
    let docx = extract_as(
        "fixtures/docx/header-signature-tables.docx",
        InputFormat::Auto,
    )
    .unwrap();
    let text = crate::common::extract("fixtures/header-block.txt");
    assert_eq!(
        docx.issuer.as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
    );
    assert_eq!(
        (
            &docx.number,
            &docx.place,
            &docx.date,
            &docx.title,
            &docx.subject
        ),
        (
            &text.number,
            &text.place,
            &text.date,
            &text.title,
            &text.subject
        )
    );
    let motto = |p: &Plan| {
        p.header
            .motto
            .iter()
            .map(|m| m.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(motto(&docx), motto(&text));
    let recipients = |p: &Plan| {
        p.recipients
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(recipients(&docx), recipients(&text));
    assert_eq!(
        docx.signature
            .as_ref()
            .map(|s| (&s.authority, &s.title, &s.name)),
        text.signature
            .as_ref()
            .map(|s| (&s.authority, &s.title, &s.name))
    );
    assert_eq!(records(&docx), records(&text));
    assert!(docx.unparsed.is_empty(), "{:?}", docx.unparsed);
    // The number is located in the header table's first cell.
    let number = docx.header.number.as_ref().unwrap();
    assert!(
        matches!(
            number.span.location,
            Some(DocLocation::Cell {
                table: 0,
                row: 0,
                cell: 0,
                ..
            })
        ),
        "{:?}",
        number.span.location
    );
}

#[test]
fn input_format_on_the_command_line() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(args)
            .current_dir(repo(""))
            .output()
            .unwrap()
    };
    let out = run(&[
        "extract",
        "--input-format",
        "text",
        "fixtures/docx/sample-merged.docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zip container"));
    let out = run(&[
        "extract",
        "--input-format",
        "html",
        "fixtures/html/saved-as.doc",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["format"], "html");
    let out = run(&[
        "check",
        "--input-format",
        "docx",
        "--fail-on",
        "never",
        "fixtures/docx/sample-merged.docx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["extract", "--input-format", "pdf", SAMPLE]);
    assert_eq!(out.status.code(), Some(2), "an unknown format is refused");
}
