//! Properties of the whole pipeline on generated plans: extraction never
//! panics, and never loses a non-blank line (every one is claimed by a
//! record or listed in `unparsed`).

use kehoach::model::{Plan, Section};
use kehoach::span::{LineIndex, Span};
use proptest::prelude::*;

/// Lines a plan is made of, plus noise: every kind of line the parser knows,
/// in any order.
fn plan_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("KẾ HOẠCH HÀNH ĐỘNG".to_string()),
        Just("ỦY BAN NHÂN DÂN".to_string()),
        Just("TỈNH THANH HÓA".to_string()),
        Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()),
        Just("Độc lập - Tự do - Hạnh phúc".to_string()),
        Just("Số: 204/KH-UBND".to_string()),
        Just("Thanh Hóa, ngày 10 tháng 8 năm 2020".to_string()),
        Just("Thực hiện Kế hoạch số 204-KH/TU ngày 03/6/2020 của Ban Thường vụ Tỉnh ủy".to_string()),
        Just("Kế hoạch hành động bao gồm 5 nội dung với 18 nhiệm vụ cụ thể, như sau:".to_string()),
        Just("- Nội dung về tăng cường công tác tuyên truyền: 02 nhiệm vụ.".to_string()),
        Just("I. MỤC ĐÍCH, YÊU CẦU".to_string()),
        Just("II. NỘI DUNG".to_string()),
        Just("1. Xác định cụ thể nhiệm vụ chủ yếu.".to_string()),
        Just("1.2. Rà soát văn bản.".to_string()),
        Just("a) Tổ chức quán triệt.".to_string()),
        Just("+ Tuyên truyền".to_string()),
        Just("**Danh mục nhiệm vụ**".to_string()),
        Just("Số TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện".to_string()),
        Just("TT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời hạn\tGhi chú".to_string()),
        Just("(1)\t(2)\t(3)\t(4)\t(5)".to_string()),
        Just("I\tTăng cường công tác tuyên truyền\t\t\t".to_string()),
        Just("II\tRà soát cơ chế\t\t\t".to_string()),
        Just("1\tChỉ đạo các cơ quan báo chí\tSở Thông tin và Truyền thông\tBáo Thanh Hóa\tThường xuyên".to_string()),
        Just("2\tMở chuyên mục\tSở KH&ĐT; UBND các huyện\tCác Sở, ngành\tQuý II/2021".to_string()),
        Just("\tTăng cường vai trò của Mặt trận\tỦy ban MTTQ tỉnh\t\tNăm 2021".to_string()),
        Just("3\t\tSở Tài chính\t\t2021-2025".to_string()),
        Just("\t\t\t".to_string()),
        Just("Nơi nhận:".to_string()),
        Just("Nơi nhận: - Như trên;".to_string()),
        Just("- Chủ tịch, các PCT UBND tỉnh;".to_string()),
        Just("- Lưu VT, THKH.".to_string()),
        Just("TM. ỦY BAN NHÂN DÂN".to_string()),
        Just("KT. CHỦ TỊCH".to_string()),
        Just("PHÓ CHỦ TỊCH".to_string()),
        Just("Nguyễn Đức Quyền".to_string()),
        "[ \\t]{0,3}[a-zA-ZàáạảãâầấậẩẫăằắặẳẵđĐêếệểễôốồộổỗơớờợởỡưứừựửữ0-9 .,;:()/\\-\\t*]{1,60}",
        any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
    ]
}

fn plan_text() -> impl Strategy<Value = String> {
    (prop::collection::vec(plan_line(), 0..40), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

/// Every span a record of the plan carries, unparsed lines included.
fn record_spans(plan: &Plan) -> Vec<Span> {
    fn sections(s: &Section, out: &mut Vec<Span>) {
        out.push(s.span);
        s.children.iter().for_each(|c| sections(c, out));
    }
    let mut out = Vec::new();
    let h = &plan.header;
    out.extend(
        h.issuer
            .iter()
            .chain(&h.motto)
            .chain(&h.subject)
            .map(|l| l.span),
    );
    out.extend(
        [&h.number, &h.place_date, &h.title]
            .into_iter()
            .flatten()
            .map(|l| l.span),
    );
    plan.sections.iter().for_each(|s| sections(s, &mut out));
    out.extend(plan.declared.span);
    out.extend(plan.declared.per_content.iter().map(|c| c.span));
    for t in &plan.tables {
        out.extend(t.caption.iter().map(|c| c.span));
        out.push(t.span);
    }
    for g in &plan.groups {
        out.push(g.span);
        out.extend(g.tasks.iter().map(|t| t.span));
    }
    out.extend(plan.recipient_headings.iter().map(|l| l.span));
    out.extend(plan.recipients.iter().map(|r| r.span));
    out.extend(plan.signature.iter().map(|s| s.span));
    out.extend(plan.unparsed.iter().copied());
    out
}

/// The 0-based indexes of the non-blank lines of `text` that no span in
/// `spans` touches.
fn lost_lines(text: &str, spans: &[Span]) -> Vec<(usize, String)> {
    let index = LineIndex::new(text);
    let mut covered = vec![false; index.len()];
    for s in spans {
        let first = index.line_of(s.start);
        let last = index.line_of(s.end.saturating_sub(1).max(s.start));
        covered[first..=last].iter_mut().for_each(|c| *c = true);
    }
    (0..index.len())
        .filter(|&i| !covered[i])
        .filter_map(|i| {
            let start = index.line_start(i);
            let end = if i + 1 < index.len() {
                index.line_start(i + 1)
            } else {
                text.len()
            };
            let line = &text[start..end];
            // Blank as the parser sees it: only white space (after
            // normalization, which turns special spaces into spaces and
            // removes zero-width characters); or a decorative rule
            // ("-------" under the issuer), which the README says is not
            // listed.
            let blank = line.chars().all(|c| {
                c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
            }) || is_rule(line);
            (!blank).then(|| (i + 1, line.to_string()))
        })
        .collect()
}

/// A decorative rule: only "-", "_", "*", "=" and white space.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '_' | '*' | '='))
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a longer run.

    #[test]
    fn extraction_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = kehoach::extract(&bytes, &kehoach::Options::default());
    }

    #[test]
    fn extraction_never_loses_a_non_blank_line(text in plan_text()) {
        let Ok(plan) = kehoach::extract(text.as_bytes(), &kehoach::Options::default()) else {
            return Ok(());
        };
        let lost = lost_lines(&text, &record_spans(&plan));
        prop_assert!(lost.is_empty(), "lines claimed by no record and not in unparsed: {:?}", lost);
    }
}

#[test]
fn the_sample_and_fixtures_lose_no_line() {
    let mut paths = vec![crate::common::repo(crate::common::SAMPLE)];
    for e in std::fs::read_dir(crate::common::repo("fixtures")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            paths.push(p);
        }
    }
    for p in paths {
        let bytes = std::fs::read(&p).unwrap();
        let Ok(a) = kehoach::analyze(&bytes, &kehoach::Options::default()) else {
            continue;
        };
        let lost = lost_lines(&a.source.text, &record_spans(&a.plan));
        assert!(lost.is_empty(), "{}: {lost:?}", p.display());
    }
}

// What the line-keeping property found, kept as plain regression tests.

#[test]
fn a_table_of_column_numbers_only_has_its_own_span() {
    // Its span used to be 0..0 (line 1), covering neither row.
    let text = "KẾ HOẠCH\n\n(1)\t(2)\t(3)\t(4)\t(5)\n- Nội dung về tuyên truyền: 02 nhiệm vụ.";
    let plan = kehoach::extract(text.as_bytes(), &kehoach::Options::default()).unwrap();
    assert_eq!(plan.tables.len(), 1);
    let span = plan.tables[0].span;
    assert_eq!((span.line, span.column), (3, 1));
    assert_eq!(&text[span.start..span.end], "(1)\t(2)\t(3)\t(4)\t(5)");
}

#[test]
fn the_recipients_heading_is_a_record() {
    let text = "KẾ HOẠCH\n\nI. NỘI DUNG\n\nNơi nhận:\n- Như trên;\n";
    let plan = kehoach::extract(text.as_bytes(), &kehoach::Options::default()).unwrap();
    assert_eq!(plan.recipient_headings.len(), 1);
    assert_eq!(plan.recipient_headings[0].text, "Nơi nhận:");
    assert_eq!(plan.recipient_headings[0].span.line, 5);
    assert_eq!(plan.recipients[0].block, 0);
}

#[test]
fn a_second_number_or_date_line_in_the_header_is_unparsed_not_dropped() {
    let text = "Số: 1/KH-UBND\nThanh Hóa, ngày 10 tháng 8 năm 2020\nThanh Hóa, ngày 11 tháng 8 năm 2020\nSố: 2/KH-UBND\nKẾ HOẠCH\n";
    let plan = kehoach::extract(text.as_bytes(), &kehoach::Options::default()).unwrap();
    assert_eq!(plan.number.as_deref(), Some("1/KH-UBND"));
    assert_eq!(plan.date.as_deref(), Some("2020-08-10"));
    let lines: Vec<usize> = plan.unparsed.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 4]);
}
