//! `kehoach units`: who leads and coordinates what.

use crate::common::{SAMPLE, extract, kehoach, tasks};
use kehoach::assignments::{UnitAssignment, assignments};
use kehoach::model::UnitKind;

fn names(list: &[UnitAssignment]) -> Vec<&str> {
    list.iter().map(|a| a.name.as_str()).collect()
}

#[test]
fn so_ke_hoach_va_dau_tu_leads_exactly_its_five_tasks() {
    let a = assignments(&extract(SAMPLE));
    let skhdt = a
        .units
        .iter()
        .find(|u| u.name == "Sở Kế hoạch và Đầu tư")
        .unwrap();
    assert_eq!(skhdt.lead, ["II.2", "II.8", "II.9", "III.2", "III.3"]);
    assert!(skhdt.coordinating.is_empty());
    assert_eq!(skhdt.kind, UnitKind::Department);
}

#[test]
fn spellings_of_one_unit_are_one_entry() {
    let a = assignments(&extract(SAMPLE));
    let nn = a
        .units
        .iter()
        .find(|u| u.canonical.as_deref() == Some("Sở Nông nghiệp và Phát triển nông thôn"))
        .unwrap();
    // The typo "PTNN" resolves to the same unit as "PTNT".
    assert_eq!(
        nn.written,
        ["Sở Nông nghiệp và PTNN", "Sở Nông nghiệp và PTNT"]
    );
    assert_eq!(nn.lead, ["II.3", "II.4", "II.8"]);
    assert_eq!(
        a.units
            .iter()
            .filter(|u| u.canonical == nn.canonical)
            .count(),
        1
    );
}

#[test]
fn catch_alls_are_listed_apart_and_never_merged() {
    let plan = extract(SAMPLE);
    let a = assignments(&plan);
    assert!(a.units.iter().all(|u| u.kind != UnitKind::Generic));
    assert!(a.generic.iter().all(|u| u.kind == UnitKind::Generic));
    assert_eq!(a.units.len(), 12);
    assert_eq!(a.generic.len(), 7);
    // Each spelling of a catch-all is its own entry: "đơn vị có liên quan"
    // and "đơn vị liên quan" are kept as written.
    let generic_names = names(&a.generic);
    assert!(generic_names.contains(&"Các Sở, ngành, đơn vị có liên quan"));
    assert!(generic_names.contains(&"Các Sở, ngành, đơn vị liên quan"));
}

#[test]
fn every_mention_is_accounted_for() {
    let plan = extract(SAMPLE);
    let a = assignments(&plan);
    let all: Vec<&UnitAssignment> = a.units.iter().chain(&a.generic).collect();
    for task in tasks(&plan) {
        for (units, lead) in [(&task.lead, true), (&task.coordinating, false)] {
            for unit in units {
                let found = all.iter().any(|e| {
                    e.written.contains(&unit.name)
                        && if lead {
                            e.lead.contains(&task.id)
                        } else {
                            e.coordinating.contains(&task.id)
                        }
                });
                assert!(found, "{} in {} is missing", unit.name, task.id);
            }
        }
    }
    let lead_mentions: usize = all.iter().map(|e| e.lead.len()).sum();
    let expected: usize = tasks(&plan).iter().map(|t| t.lead.len()).sum();
    assert_eq!(lead_mentions, expected);
}

#[test]
fn unit_queries_match_by_folding_key_abbreviation_and_level() {
    let a = assignments(&extract(SAMPLE));
    for query in [
        "so ke hoach",
        "Sở KH&ĐT",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "ke hoach va dau tu",
    ] {
        let f = a.filter(query);
        assert_eq!(names(&f.units), ["Sở Kế hoạch và Đầu tư"], "{query}");
        assert!(f.generic.is_empty(), "{query}");
    }
    // "cấp huyện" is the level of "các huyện, thị xã, thành phố"; the
    // catch-alls that name "UBND cấp huyện" are found too, apart.
    let f = a.filter("UBND cấp huyện");
    assert_eq!(
        names(&f.units),
        ["Ủy ban nhân dân các huyện, thị xã, thành phố"]
    );
    assert_eq!(f.units[0].lead, ["II.8", "II.9", "III.1", "III.2", "III.3"]);
    assert_eq!(f.generic.len(), 2);
    assert!(f.generic.iter().all(|g| g.name.contains("UBND cấp huyện")));
    // The typo's correct form finds the unit.
    assert_eq!(
        names(&a.filter("Sở NN&PTNT").units),
        ["Sở Nông nghiệp và Phát triển nông thôn"]
    );
}

#[test]
fn unit_queries_match_whole_words_only() {
    let a = assignments(&extract(SAMPLE));
    // "ke" is a word of "Sở Kế hoạch…", but "k" and "hoac" are not words.
    assert!(a.filter("hoac").is_empty());
    assert!(a.filter("k").is_empty());
    assert!(a.filter("").is_empty());
    assert!(a.filter("   ").is_empty());
    assert!(a.filter("Sở Ngoại vụ").is_empty());
}

#[test]
fn a_plan_naming_ubnd_cap_huyen_as_lead_is_found_through_the_lexicon() {
    let text = "KẾ HOẠCH\n\nSTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\nI\tNhóm một\t\t\t\n\
                1\tRà soát\tUBND cấp huyện\tSở KH&ĐT\t2025\n\
                2\tTổng hợp\tỦy ban nhân dân cấp huyện\tSở Kế hoạch và Đầu tư\t2026\n";
    let plan = kehoach::extract(text.as_bytes(), &kehoach::Options::default()).unwrap();
    let a = assignments(&plan);
    let f = a.filter("UBND cấp huyện");
    assert_eq!(names(&f.units), ["Ủy ban nhân dân cấp huyện"]);
    assert_eq!(f.units[0].lead, ["I.1", "I.2"]);
    assert_eq!(
        f.units[0].written,
        ["UBND cấp huyện", "Ủy ban nhân dân cấp huyện"]
    );
    let f = a.filter("so ke hoach");
    assert_eq!(f.units[0].coordinating, ["I.1", "I.2"]);
    assert_eq!(f.units[0].written, ["Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"]);
}

#[test]
fn cli_units_text_json_and_exit_codes() {
    let out = kehoach(&["units", SAMPLE, "--unit", "Sở KH&ĐT"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Sở Kế hoạch và Đầu tư [department]\n  chủ trì (lead, 5): II.2, II.8, II.9, III.2, III.3\n"),
        "{text}"
    );

    let out = kehoach(&["units", SAMPLE, "--format", "json", "--unit", "so ke hoach"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["path"], SAMPLE);
    assert_eq!(v["units"][0]["canonical"], "Sở Kế hoạch và Đầu tư");
    assert_eq!(
        v["units"][0]["lead"],
        serde_json::json!(["II.2", "II.8", "II.9", "III.2", "III.3"])
    );
    assert_eq!(v["generic"], serde_json::json!([]));

    // Like grep: 1 when nothing matches, with a line on stderr.
    let out = kehoach(&["units", SAMPLE, "--unit", "Sở Ngoại vụ"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no unit matches"));

    let out = kehoach(&["units", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn units_text_snapshot() {
    let a = assignments(&extract(SAMPLE));
    insta::assert_snapshot!("sample_units", kehoach::export::units::text(&a));
}

#[test]
fn units_json_snapshot() {
    let a = assignments(&extract(SAMPLE));
    insta::assert_snapshot!(
        "sample_units_json",
        kehoach::export::units::json(SAMPLE, &a)
    );
}
