//! The sample plan, end to end: what issue #2 says must come out of it.

use crate::common::{SAMPLE, extract, tasks};
use kehoach::model::{TimeframeKind, UnitKind, UnitMatch};

#[test]
fn groups_and_task_counts() {
    let plan = extract(SAMPLE);
    let shape: Vec<(Option<&str>, usize)> = plan
        .groups
        .iter()
        .map(|g| (g.number.as_deref(), g.tasks.len()))
        .collect();
    assert_eq!(
        shape,
        [
            (Some("I"), 2),
            (Some("II"), 10),
            (Some("III"), 3),
            (Some("IV"), 2),
            (Some("V"), 1)
        ]
    );
    assert_eq!(tasks(&plan).len(), 18);
}

#[test]
fn group_v_task_has_no_number_and_none_is_invented() {
    let plan = extract(SAMPLE);
    let v = &plan.groups[4].tasks[0];
    assert_eq!(v.number, None);
    assert_eq!(v.id, "V.#1");
    assert_eq!(v.span.line, 89);
}

#[test]
fn task_ids_and_lines() {
    let plan = extract(SAMPLE);
    let t = tasks(&plan);
    let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids[..3], ["I.1", "I.2", "II.1"]);
    let ii8 = t.iter().find(|t| t.id == "II.8").unwrap();
    assert_eq!(ii8.span.line, 76);
    assert_eq!(ii8.span.column, 1);
    assert!(ii8.content.starts_with("Thực hiện lồng ghép"));
}

#[test]
fn units_with_commas_in_their_names_are_split_by_the_lexicon() {
    let plan = extract(SAMPLE);
    let t = tasks(&plan);
    let by_id = |id: &str| *t.iter().find(|t| t.id == id).unwrap();
    let names = |id: &str| {
        by_id(id)
            .lead
            .iter()
            .map(|u| u.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names("II.8"),
        [
            "Sở Kế hoạch và Đầu tư",
            "Sở Nông nghiệp và PTNT",
            "Sở Lao động, Thương binh và Xã hội",
            "UBND các huyện, thị xã, thành phố"
        ]
    );
    assert_eq!(
        names("I.2"),
        ["Đài Phát thanh và Truyền hình Thanh Hóa", "Báo Thanh Hóa"]
    );
    let ii8 = by_id("II.8");
    assert_eq!(
        ii8.lead[1].canonical.as_deref(),
        Some("Sở Nông nghiệp và Phát triển nông thôn")
    );
    assert_eq!(
        ii8.lead[3].canonical.as_deref(),
        Some("Ủy ban nhân dân các huyện, thị xã, thành phố")
    );
    assert_eq!(ii8.lead[3].kind, UnitKind::PeoplesCommittee);
    assert!(ii8.lead.iter().all(|u| u.matched == UnitMatch::Exact));
}

#[test]
fn the_ptnn_typo_resolves_but_keeps_its_name() {
    let plan = extract(SAMPLE);
    let typo: Vec<_> = tasks(&plan)
        .into_iter()
        .flat_map(|t| &t.lead)
        .filter(|u| u.name == "Sở Nông nghiệp và PTNN")
        .collect();
    assert_eq!(typo.len(), 2, "II.3 and II.4");
    for u in typo {
        assert_eq!(
            u.canonical.as_deref(),
            Some("Sở Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(u.matched, UnitMatch::NearMiss);
        assert_eq!(u.kind, UnitKind::Department);
    }
}

#[test]
fn catch_alls_are_one_generic_unit() {
    let plan = extract(SAMPLE);
    for task in tasks(&plan) {
        assert_eq!(
            task.coordinating.len(),
            1,
            "{}: {:?}",
            task.id,
            task.coordinating
        );
        assert_eq!(task.coordinating[0].kind, UnitKind::Generic, "{}", task.id);
    }
    let ii1 = &plan.groups[1].tasks[0];
    assert_eq!(ii1.lead.len(), 1);
    assert_eq!(ii1.lead[0].kind, UnitKind::Generic);
}

#[test]
fn timeframes_are_typed() {
    let plan = extract(SAMPLE);
    let t = tasks(&plan);
    let count = |k: TimeframeKind| t.iter().filter(|t| t.timeframe.kind == k).count();
    assert_eq!(count(TimeframeKind::Ongoing), 13);
    assert_eq!(count(TimeframeKind::Year), 4, "2021 once, 2020 three times");
    assert_eq!(count(TimeframeKind::YearRange), 1);
    let ii2 = &t.iter().find(|t| t.id == "II.2").unwrap().timeframe;
    assert_eq!(
        (ii2.start.as_deref(), ii2.end.as_deref()),
        (Some("2021-01-01"), Some("2021-12-31"))
    );
    let ii6 = &t.iter().find(|t| t.id == "II.6").unwrap().timeframe;
    assert_eq!(ii6.kind, TimeframeKind::YearRange);
    assert_eq!(
        (ii6.start.as_deref(), ii6.end.as_deref()),
        (Some("2020-01-01"), Some("2025-12-31"))
    );
    assert!(t.iter().all(|t| t.timeframe.invalid.is_none()));
}

#[test]
fn references_dated_and_undated() {
    let plan = extract(SAMPLE);
    let dated: Vec<(&str, &str)> = plan
        .references
        .iter()
        .filter_map(|r| Some((r.number.as_deref()?, r.date.as_deref()?)))
        .collect();
    for want in [
        ("204-KH/TU", "2020-06-03"),
        ("70-KL/TW", "2020-03-09"),
        ("4752/QĐ-UBND", "2014-12-29"),
        ("115/KH-UBND", "2018-06-04"),
    ] {
        assert!(dated.contains(&want), "missing {want:?} in {dated:?}");
    }
    let undated: Vec<_> = plan
        .references
        .iter()
        .filter(|r| r.number.is_none() && r.doc_type == "Nghị quyết")
        .collect();
    assert!(
        undated.len() >= 3,
        "line 5, line 7 and the caption cite Nghị quyết Trung ương 5"
    );
    assert!(undated.iter().all(|r| r.text.contains("Trung ương 5")));
    // Every mention is kept: 204-KH/TU is cited on lines 5, 7, 11, 13, 35 and 58.
    let mentions = plan
        .references
        .iter()
        .filter(|r| r.number.as_deref() == Some("204-KH/TU"))
        .count();
    assert_eq!(mentions, 6);
    let r4752 = plan
        .references
        .iter()
        .find(|r| r.number.as_deref() == Some("4752/QĐ-UBND"))
        .unwrap();
    assert_eq!(r4752.issuer.as_deref(), Some("UBND tỉnh"));
    assert_eq!(r4752.span.line, 71);
}

#[test]
fn declared_counts() {
    let plan = extract(SAMPLE);
    assert_eq!(plan.declared.contents, Some(5));
    assert_eq!(plan.declared.tasks, Some(18));
    assert_eq!(plan.declared.span.map(|s| s.line), Some(19));
    let per: Vec<u32> = plan.declared.per_content.iter().map(|c| c.tasks).collect();
    assert_eq!(per, [2, 10, 3, 2, 1]);
    assert!(
        plan.declared.per_content[3]
            .title
            .contains("Liên minh Hợp tác xã")
    );
}

#[test]
fn header_title_recipients_signature() {
    let plan = extract(SAMPLE);
    assert_eq!(plan.title.as_deref(), Some("KẾ HOẠCH HÀNH ĐỘNG"));
    assert_eq!(plan.doc_type, Some(kehoach::model::DocType::ActionPlan));
    assert!(
        plan.subject
            .as_deref()
            .unwrap()
            .starts_with("Thực hiện Kế hoạch số 204-KH/TU")
    );
    // The sample has no header block: these stay null rather than guessed.
    assert_eq!(
        (
            plan.issuer.as_ref(),
            plan.number.as_ref(),
            plan.place.as_ref(),
            plan.date.as_ref()
        ),
        (None, None, None, None)
    );
    assert_eq!(plan.recipients.len(), 8);
    assert_eq!(
        plan.recipients[2].text, plan.recipients[4].text,
        "the duplicate line is kept as evidence"
    );
    assert_eq!(plan.recipients[2].span.line, 45);
    let sig = plan.signature.as_ref().unwrap();
    assert_eq!(sig.authority.as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
    assert_eq!(sig.on_behalf.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("Nguyễn Đức Quyền"));
}

#[test]
fn outline_has_the_three_roman_sections() {
    let plan = extract(SAMPLE);
    let romans: Vec<(&str, usize)> = plan
        .sections
        .iter()
        .filter_map(|s| Some((s.label.as_deref()?, s.children.len())))
        .collect();
    assert_eq!(romans, [("I", 3), ("II", 7), ("III", 3)]);
}

#[test]
fn nothing_is_left_unparsed() {
    let plan = extract(SAMPLE);
    assert!(plan.unparsed.is_empty(), "{:?}", plan.unparsed);
}

#[test]
fn sample_json_snapshot() {
    let plan = extract(SAMPLE);
    insta::assert_json_snapshot!("sample", plan);
}
