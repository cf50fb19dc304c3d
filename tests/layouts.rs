//! Real plans, not just the sample: one fixture per layout of issue #8
//! (fixtures/layouts/, written by hand from the descriptions), each
//! read correctly and checked without false findings.

use crate::common::{extract, read, tasks};
use kehoach::check::{CheckOptions, Severity, check};
use kehoach::model::{Plan, TimeframeKind, UnitKind};

fn plan(name: &str) -> Plan {
    extract(&format!("fixtures/layouts/{name}"))
}

/// Codes of the warnings and errors the checker gives on a fixture.
fn loud(name: &str) -> Vec<String> {
    let a = kehoach::analyze(
        &read(&format!("fixtures/layouts/{name}")),
        &Default::default(),
    )
    .unwrap();
    check(&a, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| format!("{} line {}", f.code, f.span.line))
        .collect()
}

fn leads(t: &kehoach::model::Task) -> Vec<&str> {
    t.lead.iter().map(|u| u.name.as_str()).collect()
}

#[test]
fn columns_are_found_by_header_and_extra_columns_kept() {
    let p = plan("header-variants.txt");
    let t = tasks(&p);
    assert_eq!(t.len(), 2, "the shifted column-number row is not a task");
    // Timeframe comes before the lead in this table: found by header.
    assert_eq!(leads(t[0]), ["Sở Tư pháp"]);
    assert_eq!(t[0].timeframe.kind, TimeframeKind::Quarter);
    assert_eq!(t[0].output.as_deref(), Some("Báo cáo rà soát"));
    assert_eq!(t[0].person.as_deref(), Some("Ông Nguyễn Văn C"));
    assert_eq!(t[0].note.as_deref(), Some("Ưu tiên"));
    assert_eq!(t[0].extra.len(), 1);
    assert_eq!(
        (t[0].extra[0].header.as_str(), t[0].extra[0].text.as_str()),
        ("Kinh phí", "Ngân sách tỉnh")
    );
    assert_eq!(t[1].output.as_deref(), Some("Quy chế"));
    assert_eq!(t[1].note, None);
    assert_eq!(
        p.groups[0].number.as_deref(),
        Some("I"),
        "'I.' is a group numeral"
    );
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    assert!(loud("header-variants.txt").is_empty());
}

#[test]
fn sub_groups_and_sub_tasks() {
    let p = plan("subgroups-subtasks.txt");
    let groups: Vec<(Option<&str>, Option<&str>)> = p
        .groups
        .iter()
        .map(|g| (g.number.as_deref(), g.parent.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("I"), None),
            (Some("I.1"), Some("I")),
            (Some("I.2"), Some("I")),
            (Some("II"), None)
        ]
    );
    let sub = &p.groups[1].tasks;
    assert_eq!(sub.len(), 9);
    assert_eq!(sub[1].number.as_deref(), Some("1.1"));
    assert_eq!(sub[1].parent.as_deref(), Some(sub[0].id.as_str()));
    let letters: Vec<&str> = sub[4..]
        .iter()
        .map(|t| t.number.as_deref().unwrap())
        .collect();
    assert_eq!(
        letters,
        ["a", "b", "c", "d", "đ"],
        "Vietnamese letter order, đ after d"
    );
    assert!(
        sub[4..]
            .iter()
            .all(|t| t.parent.as_deref() == Some(sub[3].id.as_str()))
    );
    assert!(p.unparsed.is_empty());
    assert!(
        loud("subgroups-subtasks.txt").is_empty(),
        "{:?}",
        loud("subgroups-subtasks.txt")
    );
}

#[test]
fn numbering_that_runs_on_across_groups_is_valid() {
    let p = plan("continuous-numbering.txt");
    let numbers: Vec<&str> = tasks(&p)
        .iter()
        .map(|t| t.number.as_deref().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["1", "2", "3", "4", "5", "6"],
        "trailing dots dropped"
    );
    assert!(
        loud("continuous-numbering.txt").is_empty(),
        "{:?}",
        loud("continuous-numbering.txt")
    );
}

#[test]
fn header_and_signature_blocks_in_two_columns() {
    let p = plan("two-column-blocks.txt");
    assert_eq!(p.issuer.as_deref(), Some("UBND TỈNH LÀO CAI SỞ TÀI CHÍNH"));
    assert_eq!(
        (p.number.as_deref(), p.date.as_deref()),
        (Some("15/KH-STC"), Some("2026-03-05"))
    );
    let r: Vec<&str> = p.recipients.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(r, ["UBND tỉnh (b/c)", "Các phòng thuộc Sở", "Lưu: VT"]);
    let sig = p.signature.as_ref().unwrap();
    assert_eq!(
        (
            sig.on_behalf.as_deref(),
            sig.title.as_deref(),
            sig.name.as_deref()
        ),
        (
            Some("KT. GIÁM ĐỐC"),
            Some("PHÓ GIÁM ĐỐC"),
            Some("Phạm Thị D")
        )
    );
    assert_eq!(tasks(&p).len(), 1, "the two-column rows are not task rows");
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    assert!(loud("two-column-blocks.txt").is_empty());
}

#[test]
fn cells_with_lists_footnotes_spills_and_directions() {
    let p = plan("cell-variants.txt");
    assert_eq!(
        p.groups[0].title, "Nhóm nhiệm vụ về thị trường vốn, phát triển bền vững",
        "a title spread across the row"
    );
    assert_eq!(
        p.groups[1].number.as_deref(),
        Some("II"),
        "a numeral written in the content cell"
    );
    let t = tasks(&p);
    assert_eq!(t.len(), 4, "the spilled fragment is not a task");
    assert_eq!(leads(t[0]), ["Sở Tài chính", "Sở Tư pháp"], "a dash list");
    assert_eq!(
        t[0].coordinating[0].name, "Sở Nội vụ",
        "a footnote mark dropped"
    );
    assert_eq!(
        leads(t[1]),
        ["Bộ Tài chính", "Ủy ban Chứng khoán Nhà nước"],
        "A chỉ đạo B thực hiện"
    );
    let coord: Vec<(&str, UnitKind)> = t[1]
        .coordinating
        .iter()
        .map(|u| (u.name.as_str(), u.kind))
        .collect();
    assert_eq!(
        coord,
        [
            ("Bộ Tư pháp", UnitKind::Ministry),
            ("các bộ, ngành liên quan", UnitKind::Generic)
        ]
    );
    assert_eq!(t[2].lead[0].name, "Sở Nội vụ");
    assert!(
        t[2].content.ends_with("ở cấp huyện và cấp xã"),
        "the spill joins the task above: {}",
        t[2].content
    );
    // The paragraph that starts with a TAB is a paragraph, not a row.
    assert!(
        p.sections[0]
            .children
            .iter()
            .any(|s| s.text.starts_with("Đoạn văn này"))
    );
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    assert!(
        loud("cell-variants.txt").is_empty(),
        "{:?}",
        loud("cell-variants.txt")
    );
}

#[test]
fn timeframe_forms_from_other_offices() {
    use TimeframeKind::*;
    let p = plan("timeframes.txt");
    let got: Vec<(TimeframeKind, Option<&str>, Option<&str>)> = tasks(&p)
        .iter()
        .map(|t| {
            (
                t.timeframe.kind,
                t.timeframe.start.as_deref(),
                t.timeframe.end.as_deref(),
            )
        })
        .collect();
    let want = [
        (Quarter, Some("2026-07-01"), Some("2026-12-31")),
        (Quarter, Some("2026-04-01"), Some("2026-09-30")),
        (Month, Some("2024-08-01"), Some("2024-08-31")),
        (Month, Some("2025-06-01"), Some("2025-06-30")),
        (Month, Some("2028-12-01"), Some("2028-12-31")),
        (Month, Some("2026-05-01"), Some("2026-05-31")),
        (Year, Some("2026-01-01"), Some("2026-12-31")),
        (Deadline, None, Some("2026-10-15")),
        (Annual, None, None),
        (Annual, None, None),
        (Ongoing, None, None),
        (Ongoing, None, None),
        (YearRange, Some("2025-01-01"), None),
        (Recurring, Some("2024-01-01"), None),
        (Relative, None, None),
        (Status, None, None),
    ];
    assert_eq!(got, want);
    assert!(loud("timeframes.txt").is_empty());
}

#[test]
fn a_summary_in_bullets_is_not_a_declaration() {
    let p = plan("counts-not-declarations.txt");
    assert_eq!((p.declared.tasks, p.declared.contents), (None, None));
    assert!(p.declared.per_content.is_empty());
    assert!(loud("counts-not-declarations.txt").is_empty());
}

#[test]
fn tasks_assigned_in_the_text_of_a_plan_without_a_table() {
    let p = plan("prose-tasks.txt");
    assert_eq!(p.groups.len(), 1);
    assert!(p.groups[0].from_text);
    let t = tasks(&p);
    assert_eq!(
        t.len(),
        2,
        "'Các sở, ngành … tổ chức thực hiện' assigns no one in particular"
    );
    assert_eq!(
        (t[0].id.as_str(), leads(t[0])),
        ("T1", vec!["Sở Khoa học và Công nghệ"])
    );
    assert_eq!(t[0].coordinating[0].name, "Sở Tài chính");
    assert_eq!(
        (t[0].timeframe.kind, t[0].timeframe.end.as_deref()),
        (TimeframeKind::Deadline, Some("2026-06-30"))
    );
    assert_eq!(t[1].timeframe.kind, TimeframeKind::Quarter);
    let src = String::from_utf8(read("fixtures/layouts/prose-tasks.txt")).unwrap();
    assert_eq!(
        &src[t[0].lead[0].span.start..t[0].lead[0].span.end],
        "Sở Khoa học và Công nghệ"
    );
    assert_eq!(t[0].span.line, 7);
    assert!(
        loud("prose-tasks.txt").is_empty(),
        "no table findings: {:?}",
        loud("prose-tasks.txt")
    );
}

#[test]
fn an_official_letter_with_two_instructions() {
    let p = plan("cong-van.txt");
    assert_eq!(p.doc_type, Some(kehoach::model::DocType::OfficialLetter));
    assert_eq!(
        (p.number.as_deref(), p.date.as_deref()),
        (Some("1234/UBND-KT"), Some("2026-09-10"))
    );
    assert_eq!(
        p.subject.as_deref(),
        Some("V/v triển khai thực hiện Kế hoạch số 100/KH-UBND")
    );
    let addr: Vec<&str> = p.addressees.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(addr, ["Sở Tài chính", "Sở Xây dựng"]);
    let t = tasks(&p);
    assert_eq!(
        t.iter().map(|t| leads(t)[0]).collect::<Vec<_>>(),
        ["Sở Tài chính", "Sở Xây dựng"]
    );
    assert_eq!(t[0].coordinating[0].name, "Sở Xây dựng");
    assert_eq!(
        p.signature.as_ref().and_then(|s| s.name.as_deref()),
        Some("Hoàng Văn E")
    );
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    assert!(loud("cong-van.txt").is_empty());
}

#[test]
fn tables_flattened_by_pdf_extraction_are_reported_not_guessed() {
    for (name, line) in [("pdf-layout-table.txt", 5), ("pdf-cell-per-line.txt", 5)] {
        let p = plan(name);
        assert!(tasks(&p).is_empty(), "{name}: no invented rows");
        assert_eq!(p.unreadable_tables.len(), 1, "{name}");
        assert_eq!(p.unreadable_tables[0].span.line, line);
        assert!(
            p.unparsed.is_empty(),
            "{name}: its lines are claimed by the report"
        );
        assert_eq!(loud(name), [format!("table-unreadable line {line}")]);
        // The section after the table is still read.
        assert!(
            p.sections.iter().any(|s| s.label.as_deref() == Some("II")),
            "{name}"
        );
    }
}

#[test]
fn pipe_tables_are_read() {
    let p = plan("pipe-table.txt");
    let t = tasks(&p);
    assert_eq!(t.len(), 2);
    assert_eq!(leads(t[1]), ["Sở Tài chính", "Sở Xây dựng"]);
    assert_eq!(t[1].timeframe.kind, TimeframeKind::Quarter);
    assert!(p.unparsed.is_empty(), "the |---| rule is claimed");
    assert!(loud("pipe-table.txt").is_empty());
}
