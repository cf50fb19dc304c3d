//! One fixture per case: timeframe forms, unit splitting, header block,
//! normalization through the offset map, tables without group rows.

use crate::common::{extract, read, tasks};
use crate::spans::check_spans;
use kehoach::model::{TimeframeKind, UnitKind, UnitMatch};

#[test]
fn every_timeframe_form_is_typed() {
    let plan = extract("fixtures/timeframe-forms.txt");
    let got: Vec<(String, TimeframeKind, Option<String>, Option<String>)> = tasks(&plan)
        .iter()
        .map(|t| {
            (
                t.timeframe.text.clone(),
                t.timeframe.kind,
                t.timeframe.start.clone(),
                t.timeframe.end.clone(),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    use TimeframeKind::*;
    let want = vec![
        ("Thường xuyên".to_string(), Ongoing, None, None),
        ("2021".into(), Year, s("2021-01-01"), s("2021-12-31")),
        (
            "2020-2025".into(),
            YearRange,
            s("2020-01-01"),
            s("2025-12-31"),
        ),
        (
            "Quý II/2021".into(),
            Quarter,
            s("2021-04-01"),
            s("2021-06-30"),
        ),
        (
            "Tháng 6/2021".into(),
            Month,
            s("2021-06-01"),
            s("2021-06-30"),
        ),
        (
            "Trước ngày 30/6/2021".into(),
            Deadline,
            None,
            s("2021-06-30"),
        ),
        ("Năm 2021".into(), Year, s("2021-01-01"), s("2021-12-31")),
        ("Hằng năm".into(), Annual, None, None),
        ("Hàng năm".into(), Annual, None, None),
        (
            "2021 - 2025".into(),
            YearRange,
            s("2021-01-01"),
            s("2025-12-31"),
        ),
        (
            "Giai đoạn 2021-2025".into(),
            YearRange,
            s("2021-01-01"),
            s("2025-12-31"),
        ),
        ("Không rõ khi nào".into(), Unknown, None, None),
    ];
    assert_eq!(got, want);
    check_spans("fixtures/timeframe-forms.txt");
}

#[test]
fn unit_splitting_cases() {
    let plan = extract("fixtures/unit-splitting.txt");
    let t = tasks(&plan);
    let names = |i: usize| {
        t[i].lead
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(0).len(), 4);
    assert_eq!(names(0)[2], "Sở Lao động, Thương binh và Xã hội");
    assert_eq!(
        names(1),
        ["Đài Phát thanh và Truyền hình Thanh Hóa", "Báo Thanh Hóa"]
    );
    assert!(t[1].lead.iter().all(|u| u.kind == UnitKind::Press));
    assert_eq!(t[2].lead[0].matched, UnitMatch::NearMiss);
    assert_eq!(names(3), ["Các Sở, ngành, địa phương, đơn vị có liên quan"]);
    assert_eq!(t[3].lead[0].kind, UnitKind::Generic);
    assert_eq!(names(4), ["Sở Tài chính", "các sở, ngành liên quan"]);
    assert_eq!(
        (t[4].lead[0].kind, t[4].lead[1].kind),
        (UnitKind::Department, UnitKind::Generic)
    );
    assert_eq!(names(5), ["Sở Y tế", "Sở Tài chính"]);
    assert_eq!(names(6), ["Sở KH&ĐT", "UBND cấp huyện"]);
    assert_eq!(
        t[6].lead[0].canonical.as_deref(),
        Some("Sở Kế hoạch và Đầu tư")
    );
    assert_eq!(t[6].lead[1].kind, UnitKind::PeoplesCommittee);
    // "Mặt trận Tổ quốc các cấp" is a real unit, not a catch-all.
    assert!(
        t.iter()
            .all(|t| t.coordinating.len() == 1 && t.coordinating[0].kind == UnitKind::Front)
    );
    check_spans("fixtures/unit-splitting.txt");
}

#[test]
fn header_block_in_two_columns() {
    let plan = extract("fixtures/header-block.txt");
    assert_eq!(
        plan.issuer.as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH THANH HÓA")
    );
    assert_eq!(plan.number.as_deref(), Some("204/KH-UBND"));
    assert_eq!(plan.place.as_deref(), Some("Thanh Hóa"));
    assert_eq!(plan.date.as_deref(), Some("2020-08-10"));
    assert_eq!(plan.header.motto.len(), 2);
    assert_eq!(plan.doc_type, Some(kehoach::model::DocType::Plan));
    assert_eq!(
        plan.subject.as_deref(),
        Some("Triển khai thực hiện Chương trình chuyển đổi số năm 2021")
    );
    let sig = plan.signature.as_ref().unwrap();
    assert_eq!(
        (sig.on_behalf.as_deref(), sig.title.as_deref()),
        (None, Some("CHỦ TỊCH"))
    );
    assert_eq!(sig.name.as_deref(), Some("Trần Văn B"));
    assert_eq!(tasks(&plan).len(), 1);
    assert_eq!(
        plan.groups[0].number, None,
        "a table without group rows gets one unnamed group"
    );
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
    check_spans("fixtures/header-block.txt");
}

#[test]
fn normalization_keeps_spans_in_source_coordinates() {
    let rel = "fixtures/crlf-nbsp-nfd.txt";
    let bytes = read(rel);
    let src = std::str::from_utf8(&bytes).unwrap();
    let plan = extract(rel);
    let t = tasks(&plan);
    assert_eq!(t.len(), 2);
    // Normalized text in the records...
    assert_eq!(t[0].content, "Thanh Hòa nhiệm vụ");
    assert_eq!(
        t[0].coordinating[0].name,
        "Đài Phát thanh và Truyền hình Thanh Hóa"
    );
    assert_eq!(t[1].lead[0].name, "Sở Y tế");
    // ...and spans into the bytes as given.
    let slice = |s: kehoach::span::Span| &src[s.start..s.end];
    assert_eq!(
        slice(t[0].coordinating[0].span),
        "\u{d0}ài Phát thanh và Truyền hình Thanh Hóa"
    );
    assert_eq!(slice(t[1].lead[0].span), "Sở Y te\u{302}\u{301}");
    assert_eq!(t[1].span.line, 10);
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
    check_spans(rel);
}

#[test]
fn tables_without_group_rows() {
    let plan = extract("fixtures/no-group-rows.txt");
    assert_eq!(plan.groups.len(), 1);
    let ids: Vec<&str> = tasks(&plan).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    check_spans("fixtures/no-group-rows.txt");
}
