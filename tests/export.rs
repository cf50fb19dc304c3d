//! `extract --format csv|ndjson|xlsx|markdown`: each read back and compared
//! with the JSON model, and snapshotted for the sample.

use crate::common::{SAMPLE, extract, kehoach, read};
use calamine::{Data, Reader, Xlsx};
use kehoach::check::{CheckOptions, check};
use kehoach::export::{csv as kcsv, markdown, ndjson, rows, xlsx};
use serde_json::Value;
use std::io::{Cursor, Read};

fn sample_json() -> Value {
    serde_json::to_value(extract(SAMPLE)).unwrap()
}

/// Every task of the JSON value with its group, in order.
fn json_tasks(plan: &Value) -> Vec<(&Value, &Value)> {
    plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tasks"].as_array().unwrap().iter().map(move |t| (g, t)))
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// A unit list's names (or canonical names, falling back to the name).
fn names(units: &Value, canonical: bool) -> Vec<String> {
    units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            if canonical && u["canonical"].is_string() {
                text(&u["canonical"])
            } else {
                text(&u["name"])
            }
        })
        .collect()
}

fn split_units(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split("; ").map(str::to_string).collect()
    }
}

fn findings() -> Vec<kehoach::check::Finding> {
    let a = kehoach::analyze(&read(SAMPLE), &kehoach::Options::default()).unwrap();
    check(&a, &CheckOptions::default())
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_parses_back_to_the_json_model_row_by_row() {
    let plan = extract(SAMPLE);
    let json = serde_json::to_value(&plan).unwrap();
    let csv_text = kcsv::render(&plan, kcsv::CsvOptions::default());
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, rows::COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let tasks = json_tasks(&json);
    assert_eq!(records.len(), tasks.len());
    assert_eq!(records.len(), 18);
    for (r, (g, t)) in records.iter().zip(&tasks) {
        let col = |name: &str| {
            r.get(rows::COLUMNS.iter().position(|c| *c == name).unwrap())
                .unwrap()
        };
        let id = text(&t["id"]);
        assert_eq!(col("id"), id);
        assert_eq!(col("group"), text(&g["number"]), "{id}");
        assert_eq!(col("group_title"), text(&g["title"]), "{id}");
        assert_eq!(col("number"), text(&t["number"]), "{id}");
        assert_eq!(col("content"), text(&t["content"]), "{id}");
        assert_eq!(split_units(col("lead")), names(&t["lead"], false), "{id}");
        assert_eq!(
            split_units(col("lead_canonical")),
            names(&t["lead"], true),
            "{id}"
        );
        assert_eq!(
            split_units(col("coordinating")),
            names(&t["coordinating"], false),
            "{id}"
        );
        assert_eq!(
            split_units(col("coordinating_canonical")),
            names(&t["coordinating"], true),
            "{id}"
        );
        assert_eq!(col("timeframe"), text(&t["timeframe"]["text"]), "{id}");
        assert_eq!(col("timeframe_kind"), text(&t["timeframe"]["kind"]), "{id}");
        assert_eq!(col("start"), text(&t["timeframe"]["start"]), "{id}");
        assert_eq!(col("end"), text(&t["timeframe"]["end"]), "{id}");
        assert_eq!(col("line"), t["span"]["line"].to_string(), "{id}");
    }
}

#[test]
fn csv_keeps_commas_in_unit_names_inside_one_cell() {
    let plan = extract(SAMPLE);
    let csv_text = kcsv::render(&plan, kcsv::CsvOptions::default());
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let ii8 = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "II.8")
        .unwrap();
    assert_eq!(
        &ii8[5],
        "Sở Kế hoạch và Đầu tư; Sở Nông nghiệp và PTNT; Sở Lao động, Thương binh và Xã hội; UBND các huyện, thị xã, thành phố"
    );
    assert_eq!(
        &ii8[6],
        "Sở Kế hoạch và Đầu tư; Sở Nông nghiệp và Phát triển nông thôn; Sở Lao động - Thương binh và Xã hội; Ủy ban nhân dân các huyện, thị xã, thành phố"
    );
}

#[test]
fn csv_excel_adds_only_a_utf8_bom() {
    let plan = extract(SAMPLE);
    let plain = kcsv::render(&plan, kcsv::CsvOptions { excel: false });
    let excel = kcsv::render(&plan, kcsv::CsvOptions { excel: true });
    assert!(!plain.starts_with('\u{FEFF}'));
    assert_eq!(&excel.as_bytes()[..3], b"\xEF\xBB\xBF");
    assert_eq!(&excel[3..], plain);

    let out = kehoach(&["extract", "--format", "csv", "--excel", SAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, excel.as_bytes());
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!(
        "sample_csv",
        kcsv::render(&extract(SAMPLE), kcsv::CsvOptions::default())
    );
}

// ---------------------------------------------------------------- NDJSON

#[test]
fn ndjson_has_one_self_contained_task_per_line() {
    let plan = extract(SAMPLE);
    let json = serde_json::to_value(&plan).unwrap();
    let out = ndjson::render(&plan);
    assert!(out.ends_with('\n'));
    let lines: Vec<&str> = out.lines().collect();
    let tasks = json_tasks(&json);
    assert_eq!(lines.len(), tasks.len());
    for (line, (g, t)) in lines.iter().zip(&tasks) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["schema_version"], json["schema_version"]);
        assert_eq!(v["document"]["path"], SAMPLE);
        assert_eq!(v["document"]["sha256"], json["source"]["sha256"]);
        assert_eq!(v["document"]["title"], json["title"]);
        assert_eq!(v["group"]["number"], g["number"]);
        assert_eq!(v["group"]["title"], g["title"]);
        assert_eq!(&v["task"], *t, "the task exactly as in the JSON output");
    }
}

#[test]
fn ndjson_snapshot() {
    insta::assert_snapshot!("sample_ndjson", ndjson::render(&extract(SAMPLE)));
}

// ---------------------------------------------------------------- XLSX

/// A sheet's cells as text (numbers as integers), row by row.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx file");
    let range = wb.worksheet_range(name).expect("the sheet exists");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The XML of one part of the workbook.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut file = zip.by_name(name).unwrap();
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

fn sample_xlsx() -> Vec<u8> {
    xlsx::render(&extract(SAMPLE), &findings()).unwrap()
}

#[test]
fn xlsx_has_three_sheets_with_frozen_headers_and_filters() {
    let bytes = sample_xlsx();
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), xlsx::SHEETS);
    // Filters are defined names over each sheet's whole table.
    let names: Vec<(String, String)> = wb.defined_names().to_vec();
    for (sheet, range) in [
        ("Nhiệm vụ", "$A$1:$N$19"),
        ("Đơn vị", "$A$1:$G$20"),
        ("Phát hiện", "$A$1:$F$13"),
    ] {
        assert!(
            names.iter().any(|(n, f)| n == "_xlnm._FilterDatabase"
                && f.contains(sheet)
                && f.ends_with(range)),
            "no filter {sheet}!{range} in {names:?}"
        );
    }
    for i in 1..=3 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "sheet {i} header is not frozen"
        );
    }
    assert!(part(&bytes, "xl/styles.xml").contains(r#"wrapText="1""#));
}

#[test]
fn xlsx_task_sheet_matches_the_json_model() {
    let json = sample_json();
    let cells = sheet(&sample_xlsx(), "Nhiệm vụ");
    assert_eq!(cells[0], xlsx::TASK_HEADERS);
    let tasks = json_tasks(&json);
    assert_eq!(cells.len(), tasks.len() + 1);
    for (row, (g, t)) in cells[1..].iter().zip(&tasks) {
        let id = text(&t["id"]);
        assert_eq!(row[0], id);
        assert_eq!(row[1], text(&g["number"]), "{id}");
        assert_eq!(row[4], text(&t["content"]), "{id}");
        assert_eq!(split_units(&row[5]), names(&t["lead"], false), "{id}");
        assert_eq!(
            split_units(&row[8]),
            names(&t["coordinating"], true),
            "{id}"
        );
        assert_eq!(row[9], text(&t["timeframe"]["text"]), "{id}");
        assert_eq!(row[10], text(&t["timeframe"]["kind"]), "{id}");
        assert_eq!(row[13], t["span"]["line"].to_string(), "{id}");
    }
}

#[test]
fn xlsx_unit_sheet_lists_leads_and_catch_alls_apart() {
    let cells = sheet(&sample_xlsx(), "Đơn vị");
    assert_eq!(cells[0], xlsx::UNIT_HEADERS);
    let skhdt = cells
        .iter()
        .find(|r| r[0] == "Sở Kế hoạch và Đầu tư")
        .unwrap();
    assert_eq!(skhdt[1], "department");
    assert_eq!(skhdt[2], "II.2, II.8, II.9, III.2, III.3");
    assert_eq!(skhdt[3], "5");
    assert_eq!(skhdt[4], "");
    // Named units come first, then the catch-alls; none is merged.
    let kinds: Vec<&str> = cells[1..].iter().map(|r| r[1].as_str()).collect();
    let first_generic = kinds.iter().position(|k| *k == "generic").unwrap();
    assert!(kinds[first_generic..].iter().all(|k| *k == "generic"));
    assert_eq!(first_generic, 12);
    assert_eq!(kinds.len() - first_generic, 7);
}

#[test]
fn xlsx_findings_sheet_is_the_checker_output() {
    let f = findings();
    let cells = sheet(&sample_xlsx(), "Phát hiện");
    assert_eq!(cells[0], xlsx::FINDING_HEADERS);
    assert_eq!(cells.len(), f.len() + 1);
    for (row, finding) in cells[1..].iter().zip(&f) {
        assert_eq!(row[0], finding.code);
        assert_eq!(row[1], finding.severity.name());
        assert_eq!(row[2], finding.message);
        assert_eq!(row[3], finding.span.line.to_string());
        assert_eq!(row[4], finding.span.column.to_string());
        assert_eq!(row[5], finding.message_en);
    }
}

#[test]
fn xlsx_is_the_same_bytes_every_time() {
    assert_eq!(sample_xlsx(), sample_xlsx());
}

#[test]
fn xlsx_read_back_snapshot() {
    let bytes = sample_xlsx();
    let mut dump = String::new();
    for name in xlsx::SHEETS {
        dump.push_str(&format!("== {name}\n"));
        for row in sheet(&bytes, name) {
            dump.push_str(&row.join(" | "));
            dump.push('\n');
        }
    }
    insta::assert_snapshot!("sample_xlsx_cells", dump);
}

#[test]
fn xlsx_needs_an_output_file() {
    let out = kehoach(&["extract", "--format", "xlsx", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE"));

    let dir = std::env::temp_dir().join(format!("kehoach-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.xlsx");
    let out = kehoach(&[
        "extract",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        SAMPLE,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(sheet(&bytes, "Nhiệm vụ").len(), 19);
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_reports_counts_tasks_and_findings() {
    let md = markdown::render(&extract(SAMPLE), &findings());
    assert!(md.starts_with("# KẾ HOẠCH HÀNH ĐỘNG\n"));
    assert!(md.contains("| Nhiệm vụ (tasks) | 18 | 18 |"));
    assert!(md.contains("| Nội dung (contents) | 5 | 5 |"));
    // Every task has a row; the table has as many cells as its header.
    let section = &md[md.find("## Nhiệm vụ (tasks)").unwrap()..md.find("## Phát hiện").unwrap()];
    let task_rows: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Mã (id)"))
        .collect();
    assert_eq!(task_rows.len(), 18);
    for row in task_rows {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{row}");
    }
    assert!(md.contains("`unit-near-miss`"));
    assert!(md.contains("0 lỗi (error), 11 cảnh báo (warning), 1 ghi chú (info)"));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(
        "sample_markdown",
        markdown::render(&extract(SAMPLE), &findings())
    );
}

// ---------------------------------------------------------------- CLI

#[test]
fn every_format_writes_the_same_to_a_file_as_to_stdout() {
    let dir = std::env::temp_dir().join(format!("kehoach-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for format in ["json", "csv", "ndjson", "markdown"] {
        let stdout = kehoach(&["extract", "--format", format, SAMPLE]);
        assert_eq!(stdout.status.code(), Some(0), "{format}");
        let path = dir.join(format!("out.{format}"));
        let file = kehoach(&[
            "extract",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
            SAMPLE,
        ]);
        assert_eq!(file.status.code(), Some(0), "{format}");
        assert!(file.stdout.is_empty(), "{format}");
        assert_eq!(std::fs::read(&path).unwrap(), stdout.stdout, "{format}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn format_options_for_another_format_are_refused() {
    let out = kehoach(&["extract", "--excel", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--excel"));
    let out = kehoach(&["extract", "--format", "csv", "--compact", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compact"));
}

#[test]
fn an_unwritable_output_file_exits_2() {
    let out = kehoach(&[
        "extract",
        "--format",
        "csv",
        "-o",
        "no/such/dir/plan.csv",
        SAMPLE,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write no/such/dir/plan.csv"));
}
