//! `kehoach diff`: the sample against edited copies of itself.

use crate::common::{SAMPLE, kehoach, read};
use kehoach::diff::{Field, FieldValue, PlanDiff, SIMILARITY_THRESHOLD, diff};
use kehoach::export::diff as render;

fn sample() -> String {
    String::from_utf8(read(SAMPLE)).unwrap()
}

fn plan(text: &str, path: &str) -> kehoach::Plan {
    kehoach::extract(
        text.as_bytes(),
        &kehoach::Options {
            path: path.to_string(),
            ..Default::default()
        },
    )
    .unwrap()
}

/// The sample against `edited`.
fn diff_with(edited: &str) -> PlanDiff {
    diff(&plan(&sample(), "old.txt"), &plan(edited, "new.txt"))
}

/// `text` with 1-based line `n` replaced by `f(line)`; `None` removes it.
fn edit_line(text: &str, n: usize, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i + 1 == n {
            if let Some(new) = f(line) {
                out.push(new);
            }
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

/// Replaces the number cell ("10\t…") of line `n`.
fn renumber(text: &str, n: usize, number: &str) -> String {
    edit_line(text, n, |l| {
        let (_, rest) = l.split_once('\t').unwrap();
        Some(format!("{number}\t{rest}"))
    })
}

/// Line numbers of the sample's task rows (see tests/sample.rs).
const II_3: usize = 70;
const II_5: usize = 73;
const II_8: usize = 76;
const II_9: usize = 78;
const II_10: usize = 79;

#[test]
fn the_same_plan_has_no_difference() {
    let d = diff_with(&sample());
    assert!(d.is_same());
    assert_eq!(d.unchanged, 18);
    assert!(render::human(&d).contains("no differences; 18 tasks unchanged"));
}

#[test]
fn a_removed_row_is_removed_and_nothing_else() {
    let d = diff_with(&edit_line(&sample(), II_3, |_| None));
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].id, "II.3");
    assert_eq!(d.removed[0].line, II_3);
    assert!(
        d.removed[0]
            .content
            .starts_with("Rà soát, xây dựng phương án")
    );
    assert!(d.added.is_empty() && d.renumbered.is_empty() && d.changed.is_empty());
    assert_eq!(d.unchanged, 17);
    assert_eq!((d.old.tasks, d.new.tasks), (18, 17));
}

#[test]
fn a_renumbered_row_is_matched_by_its_content() {
    let d = diff_with(&renumber(&sample(), II_10, "11"));
    assert_eq!(d.renumbered.len(), 1, "{d:#?}");
    let r = &d.renumbered[0];
    assert_eq!((r.old_id.as_str(), r.new_id.as_str()), ("II.10", "II.11"));
    assert_eq!(r.similarity, 1.0);
    assert!(r.changes.is_empty());
    assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty());
    assert_eq!(d.unchanged, 17);
}

#[test]
fn a_removed_row_with_the_rest_renumbered_does_not_shift_the_matches() {
    // Delete II.3 and renumber II.4 … II.10 to II.3 … II.9, as an amended
    // plan would: each task must still find its own content.
    let mut text = edit_line(&sample(), II_3, |_| None);
    for (line, number) in [
        (70, "3"),
        (72, "4"),
        (73, "5"),
        (74, "6"),
        (75, "7"),
        (77, "8"),
        (78, "9"),
    ] {
        text = renumber(&text, line, number);
    }
    let d = diff_with(&text);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].id, "II.3");
    let moves: Vec<(&str, &str)> = d
        .renumbered
        .iter()
        .map(|r| (r.old_id.as_str(), r.new_id.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            ("II.4", "II.3"),
            ("II.5", "II.4"),
            ("II.6", "II.5"),
            ("II.7", "II.6"),
            ("II.8", "II.7"),
            ("II.9", "II.8"),
            ("II.10", "II.9")
        ]
    );
    assert!(d.renumbered.iter().all(|r| r.changes.is_empty()));
    assert!(d.added.is_empty() && d.changed.is_empty());
    assert_eq!(d.unchanged, 10);
}

#[test]
fn a_changed_lead_is_reported_with_both_lists() {
    let d = diff_with(&edit_line(&sample(), II_9, |l| {
        Some(l.replacen("Sở Tài chính", "Sở Công Thương", 1))
    }));
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!(c.new_id, "II.9");
    assert_eq!(c.changes.len(), 1);
    assert_eq!(c.changes[0].field, Field::Lead);
    let list = |v: &[&str]| FieldValue::List(v.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        c.changes[0].old,
        list(&[
            "Sở Kế hoạch và Đầu tư",
            "Sở Tài chính",
            "UBND các huyện, thị xã, thành phố"
        ])
    );
    assert_eq!(
        c.changes[0].new,
        list(&[
            "Sở Kế hoạch và Đầu tư",
            "Sở Công Thương",
            "UBND các huyện, thị xã, thành phố"
        ])
    );
    assert!(d.added.is_empty() && d.removed.is_empty() && d.renumbered.is_empty());
}

#[test]
fn a_changed_timeframe_is_reported() {
    let d = diff_with(&edit_line(&sample(), II_8, |l| {
        Some(l.strip_suffix("Thường xuyên").unwrap().to_string() + "Quý IV/2021")
    }));
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!(c.new_id, "II.8");
    assert_eq!(c.changes.len(), 1);
    assert_eq!(c.changes[0].field, Field::Timeframe);
    assert_eq!(
        c.changes[0].old,
        FieldValue::Text(Some("Thường xuyên".into()))
    );
    assert_eq!(
        c.changes[0].new,
        FieldValue::Text(Some("Quý IV/2021".into()))
    );
}

#[test]
fn a_coordinating_change_is_reported() {
    let d = diff_with(&edit_line(&sample(), II_5, |l| {
        Some(l.replacen(
            "Các Sở, ngành, địa phương, đơn vị có liên quan",
            "Sở Tài chính",
            1,
        ))
    }));
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].changes[0].field, Field::Coordinating);
}

#[test]
fn content_edits_are_changes_and_rewrites_in_place_keep_their_id() {
    // A small edit: same task, content changed.
    let d = diff_with(&edit_line(&sample(), II_9, |l| {
        Some(l.replacen("của địa phương", "của tỉnh", 1))
    }));
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!(c.changes[0].field, Field::Content);
    assert!(c.similarity >= SIMILARITY_THRESHOLD && c.similarity < 1.0);
    let human = render::human(&d);
    assert!(
        human.contains("content: … đối ngân sách của [-địa phương;-] {+tỉnh;+} tranh thủ sự tài …"),
        "{human}"
    );

    // Rewritten from scratch under the same number: still II.5, changed.
    let d = diff_with(&edit_line(&sample(), II_5, |l| {
        let cells: Vec<&str> = l.split('\t').collect();
        let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        cells[1] = "Tổ chức hội nghị tổng kết mười năm thi hành Luật".into();
        Some(cells.join("\t"))
    }));
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].new_id, "II.5");
    assert!(d.changed[0].similarity < SIMILARITY_THRESHOLD);
    assert!(d.added.is_empty() && d.removed.is_empty());
}

#[test]
fn an_inserted_row_is_added() {
    let new_row = "11\tXây dựng cơ sở dữ liệu số về hợp tác xã toàn tỉnh\tSở Thông tin và Truyền thông\tCác Sở, ngành, đơn vị có liên quan\tNăm 2022";
    let d = diff_with(&edit_line(&sample(), II_10, |l| {
        Some(format!("{l}\n{new_row}"))
    }));
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.added[0].id, "II.11");
    assert_eq!(d.added[0].line, II_10 + 1);
    assert!(d.removed.is_empty() && d.renumbered.is_empty() && d.changed.is_empty());
}

/// The four edits of the issue at once.
fn combined() -> String {
    let mut text = sample();
    text = edit_line(&text, II_8, |l| {
        Some(l.strip_suffix("Thường xuyên").unwrap().to_string() + "Quý IV/2021")
    });
    text = edit_line(&text, II_9, |l| {
        Some(l.replacen("Sở Tài chính", "Sở Công Thương", 1))
    });
    text = renumber(&text, II_10, "11");
    edit_line(&text, II_3, |_| None)
}

#[test]
fn combined_edits_human_snapshot() {
    insta::assert_snapshot!("diff_human", render::human(&diff_with(&combined())));
}

#[test]
fn combined_edits_json_snapshot() {
    insta::assert_snapshot!("diff_json", render::json(&diff_with(&combined())));
}

#[test]
fn cli_exit_codes_follow_diff() {
    // 0: the same.
    let out = kehoach(&["diff", SAMPLE, SAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no differences"));

    // 1: different.
    let dir = std::env::temp_dir().join(format!("kehoach-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let edited = dir.join("edited.txt");
    std::fs::write(&edited, combined()).unwrap();
    let edited = edited.to_str().unwrap();
    let out = kehoach(&["diff", SAMPLE, edited]);
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.starts_with(&format!(
        "--- {SAMPLE} (18 tasks)\n+++ {edited} (17 tasks)\n"
    )));
    let out = kehoach(&["diff", "--format", "json", SAMPLE, edited]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"][0]["id"], "II.3");
    assert_eq!(v["renumbered"][0]["new_id"], "II.11");
    std::fs::remove_dir_all(&dir).unwrap();

    // 2: trouble.
    let out = kehoach(&["diff", SAMPLE, "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = kehoach(&["diff", "-", "-"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tasks_worded_alike_still_find_their_own_after_a_deletion() {
    // Neighbouring tasks share most of their words; deleting task 2 and
    // renumbering the rest must not pair old 3 with new 3 (old 4).
    let table = |rows: &[(&str, &str)]| {
        let mut t = String::from(
            "KẾ HOẠCH\n\nI. NỘI DUNG\n\nTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\nI\tChuỗi giá trị\t\t\t\n",
        );
        for (n, what) in rows {
            t.push_str(&format!(
                "{n}\tHỗ trợ các hợp tác xã nông nghiệp xây dựng chuỗi giá trị {what}\tSở Nông nghiệp và PTNT\tUBND các huyện, thị xã, thành phố\t2022\n"
            ));
        }
        t
    };
    let old = table(&[
        ("1", "lúa gạo"),
        ("2", "rau an toàn"),
        ("3", "thủy sản"),
        ("4", "chăn nuôi bò"),
    ]);
    let new = table(&[("1", "lúa gạo"), ("2", "thủy sản"), ("3", "chăn nuôi bò")]);
    let (o, n) = (plan(&old, "old.txt"), plan(&new, "new.txt"));
    // The premise: old 3 and new 3 are alike enough to pass the threshold.
    assert!(
        kehoach::diff::similarity(&o.groups[0].tasks[2].content, &n.groups[0].tasks[2].content)
            >= SIMILARITY_THRESHOLD
    );
    let d = diff(&o, &n);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].id, "I.2");
    let moves: Vec<(&str, &str)> = d
        .renumbered
        .iter()
        .map(|r| (r.old_id.as_str(), r.new_id.as_str()))
        .collect();
    assert_eq!(moves, [("I.3", "I.2"), ("I.4", "I.3")]);
    assert!(d.changed.is_empty() && d.added.is_empty());
    assert_eq!(d.unchanged, 1);
}
