//! The checker: every rule's examples, the sample's expected findings, the
//! mended sample's silence, spans, the CLI contract, snapshots.

use crate::common::{SAMPLE, read, repo};
use kehoach::check::{CheckOptions, Finding, RULES, Severity, check};
use std::collections::BTreeSet;
use std::process::Command;

fn findings_of(bytes: &[u8]) -> (kehoach::Analysis, Vec<Finding>) {
    let a = kehoach::analyze(bytes, &kehoach::Options::default()).expect("example is a plan");
    let f = check(&a, &CheckOptions::default());
    (a, f)
}

#[test]
fn every_rule_fires_on_its_example_and_not_on_its_near_miss() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (a, fired) = findings_of(rule.fires_bytes.unwrap_or(rule.fires.as_bytes()));
        let hits: Vec<&Finding> = fired.iter().filter(|f| f.code == rule.code).collect();
        if hits.is_empty() {
            failures.push(format!(
                "{}: did not fire on its example; got {:?}",
                rule.code,
                fired.iter().map(|f| &f.code).collect::<Vec<_>>()
            ));
        }
        for f in &hits {
            let src = &a.source.text;
            if f.span.end > src.len()
                || f.span.start > f.span.end
                || src[f.span.start..f.span.end].trim().is_empty()
            {
                failures.push(format!(
                    "{}: span {:?} does not cover text",
                    rule.code, f.span
                ));
            }
            if f.severity != rule.severity {
                failures.push(format!("{}: severity {:?}", rule.code, f.severity));
            }
        }
        let (_, passed) = findings_of(rule.passes.as_bytes());
        if let Some(f) = passed.iter().find(|f| f.code == rule.code) {
            failures.push(format!(
                "{}: fired on its near miss: {}",
                rule.code, f.message_en
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_codes_are_unique_and_documented() {
    let codes: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), RULES.len());
    for r in RULES {
        assert!(
            r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.code
        );
        assert!(
            !r.what.is_empty() && !r.why.is_empty() && !r.summary.is_empty(),
            "{}",
            r.code
        );
    }
}

/// The line each example's finding must be on, by code.
#[test]
fn example_findings_point_at_the_right_line() {
    let want: &[(&str, usize)] = &[
        ("declared-total-mismatch", 5),
        ("declared-group-count-mismatch", 6),
        ("declared-sum-mismatch", 5),
        ("declared-content-count-mismatch", 5),
        ("group-title-mismatch", 6),
        ("lead-also-coordinator", 6),
        ("unknown-unit", 6),
        ("timeframe-invalid", 6),
        ("timeframe-out-of-window", 8),
        ("numbering-gap", 7),
        ("numbering-duplicate", 7),
        ("numbering-order", 8),
        ("task-unnumbered", 7),
        ("missing-lead-unit", 6),
        ("unit-near-miss", 6),
        ("date-invalid", 5),
        ("citation-conflict", 7),
        ("duplicate-recipient", 8),
        ("repeated-word", 5),
        ("tone-style-mixed", 5),
        ("decode-invalid-bytes", 5),
        ("tone-ambiguous", 5),
        ("table-unreadable", 5),
    ];
    assert_eq!(want.len(), RULES.len(), "every rule has its line here");
    for &(code, line) in want {
        let rule = kehoach::check::rule(code).unwrap();
        let (_, f) = findings_of(rule.fires_bytes.unwrap_or(rule.fires.as_bytes()));
        let f = f.iter().find(|f| f.code == code).unwrap();
        assert_eq!(f.span.line, line, "{code}: {}", f.message_en);
    }
}

#[test]
fn the_sample_gives_exactly_its_real_defects() {
    let (a, findings) = findings_of(&read(SAMPLE));
    let src = &a.source.text;
    let at = |code: &str| {
        findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.span.line)
            .collect::<Vec<_>>()
    };
    assert_eq!(at("unit-near-miss"), [70, 71]);
    assert_eq!(at("repeated-word"), [64]);
    assert_eq!(at("duplicate-recipient"), [47]);
    assert_eq!(at("task-unnumbered"), [89]);
    assert!(!at("tone-style-mixed").is_empty());
    let rw = findings.iter().find(|f| f.code == "repeated-word").unwrap();
    assert_eq!(&src[rw.span.start..rw.span.end], "các các");
    let nm = findings
        .iter()
        .find(|f| f.code == "unit-near-miss")
        .unwrap();
    let s = nm.suggestion.as_ref().unwrap();
    assert_eq!(
        (&src[s.span.start..s.span.end], s.replacement.as_str()),
        ("PTNN", "PTNT")
    );
    for f in findings.iter().filter(|f| f.code == "tone-style-mixed") {
        let word = &src[f.span.start..f.span.end];
        assert!(
            ["uỷ", "khoá"].contains(&word),
            "the new-style words are the minority: {word}"
        );
    }
    let dr = findings
        .iter()
        .find(|f| f.code == "duplicate-recipient")
        .unwrap();
    assert_eq!(dr.related[0].span.line, 45);
    // No count, numbering, date or citation finding.
    let noisy: Vec<&str> = findings
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| {
            c.starts_with("declared-")
                || c.starts_with("numbering-")
                || c.starts_with("date")
                || c.starts_with("citation")
                || c.starts_with("timeframe")
                || *c == "group-title-mismatch"
        })
        .collect();
    assert!(noisy.is_empty(), "{noisy:?}");
}

#[test]
fn the_mended_sample_gives_no_warning_and_no_error() {
    let (_, findings) = findings_of(&read("fixtures/sample-mended.txt"));
    let loud: Vec<String> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| format!("{} line {}: {}", f.code, f.span.line, f.message_en))
        .collect();
    assert!(loud.is_empty(), "{}", loud.join("\n"));
    assert!(
        findings.iter().any(|f| f.code == "task-unnumbered"),
        "the info finding stays"
    );
}

#[test]
fn every_finding_lies_inside_the_source_on_its_line() {
    for rel in [
        SAMPLE,
        "fixtures/sample-mended.txt",
        "fixtures/crlf-nbsp-nfd.txt",
        "fixtures/unit-splitting.txt",
    ] {
        let (a, findings) = findings_of(&read(rel));
        let src = &a.source.text;
        let lines = kehoach::span::LineIndex::new(src);
        for f in &findings {
            for s in std::iter::once(f.span)
                .chain(f.related.iter().map(|r| r.span))
                .chain(f.suggestion.iter().map(|s| s.span))
            {
                assert!(
                    s.start <= s.end
                        && s.end <= src.len()
                        && src.is_char_boundary(s.start)
                        && src.is_char_boundary(s.end)
                );
                assert_eq!(
                    lines.line_col(src, s.start),
                    (s.line, s.column),
                    "{rel}: {}",
                    f.code
                );
            }
        }
    }
}

#[test]
fn allow_turns_a_rule_off() {
    let a = kehoach::analyze(&read(SAMPLE), &kehoach::Options::default()).unwrap();
    let f = check(
        &a,
        &CheckOptions {
            allow: vec!["repeated-word".into()],
        },
    );
    assert!(f.iter().all(|f| f.code != "repeated-word"));
    assert!(f.iter().any(|f| f.code == "unit-near-miss"));
}

fn kehoach(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(repo(""))
        .output()
        .expect("run")
}

#[test]
fn exit_codes_follow_fail_on() {
    // The sample has warnings and infos but no errors.
    assert_eq!(kehoach(&["check", SAMPLE]).status.code(), Some(0));
    assert_eq!(
        kehoach(&["check", "--fail-on", "warning", SAMPLE])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        kehoach(&["check", "--fail-on", "never", SAMPLE])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        kehoach(&[
            "check",
            "--fail-on",
            "warning",
            "fixtures/sample-mended.txt"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        kehoach(&["check", "--fail-on", "info", "fixtures/sample-mended.txt"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(kehoach(&["check", "no/such.txt"]).status.code(), Some(2));
    let out = kehoach(&["check", "--allow", "no-such-rule", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule code"));
}

#[test]
fn json_report_has_diagnostics_and_summary() {
    let out = kehoach(&["check", "--format", "json", SAMPLE]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(
        v["summary"]["warning"].as_u64().unwrap() as usize,
        diags.iter().filter(|d| d["severity"] == "warning").count()
    );
    let first = &diags[0];
    for key in [
        "code",
        "severity",
        "message",
        "message_en",
        "span",
        "related",
        "suggestion",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn sarif_is_2_1_0_with_rules_and_regions() {
    let out = kehoach(&["check", "--format", "sarif", SAMPLE]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for r in rules {
        assert!(r["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    for res in run["results"].as_array().unwrap() {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["endColumn"].as_u64().is_some());
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
    }
}

#[test]
fn baseline_hides_recorded_findings_only() {
    let dir = std::env::temp_dir().join(format!("kehoach-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("baseline.json");
    let base_s = base.to_str().unwrap();
    let out = kehoach(&[
        "check",
        "--format",
        "json",
        "--write-baseline",
        base_s,
        SAMPLE,
    ]);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!all["diagnostics"].as_array().unwrap().is_empty());
    let out = kehoach(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "info",
        "--baseline",
        base_s,
        SAMPLE,
    ]);
    let none: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(none["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(out.status.code(), Some(0));
    // A new defect above the old ones is still reported, and the old ones stay hidden.
    let edited = String::from_utf8(read(SAMPLE)).unwrap().replacen(
        "KẾ HOẠCH HÀNH ĐỘNG",
        "KẾ HOẠCH HÀNH ĐỘNG\n\nGhi chú: của của.",
        1,
    );
    let file = dir.join("edited.txt");
    std::fs::write(&file, edited).unwrap();
    let out = kehoach(&[
        "check",
        "--format",
        "json",
        "--baseline",
        base_s,
        file.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["repeated-word"]);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    assert_eq!(
        kehoach(&["check", "--baseline", bad.to_str().unwrap(), SAMPLE])
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_and_explain() {
    let out = kehoach(&["rules"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for r in RULES {
        assert!(text.contains(r.code));
    }
    let out = kehoach(&["explain", "repeated-word"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("What it does")
            && text.contains("Why it matters")
            && text.contains("các các")
    );
    assert_eq!(kehoach(&["explain", "nope"]).status.code(), Some(2));
}

#[test]
fn human_report_snapshot() {
    let out = kehoach(&["check", "--color", "never", SAMPLE]);
    insta::assert_snapshot!("sample_check_human", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn sarif_snapshot() {
    let out = kehoach(&["check", "--format", "sarif", SAMPLE]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("sample_check_sarif", v, { ".runs[0].tool.driver.version" => "[version]" });
}

#[test]
fn repeated_word_near_misses() {
    let cases = [
        ("1. Các cơ quan, các các đơn vị.\n", 1),
        ("1. Giao (các các đơn vị) thực hiện.\n", 1),
        ("1. Các cơ quan: các, các đơn vị.\n", 0),
        ("1. Báo cáo của\tcủa đơn vị.\n", 0),
        ("1. Thực hiện ngày ngày, song song, từ từ.\n", 0),
        ("1. Thực hiện của\ncủa đơn vị.\n", 0),
    ];
    for (body, want) in cases {
        let text = format!("KẾ HOẠCH\n\nI. NỘI DUNG\n\n{body}");
        let (_, f) = findings_of(text.as_bytes());
        assert_eq!(
            f.iter().filter(|f| f.code == "repeated-word").count(),
            want,
            "{body:?}"
        );
    }
}

#[test]
fn near_misses_found_on_real_documents_stay_silent() {
    // Each case was a false alarm on the corpus in ../shared/corpus.
    let cases = [
        // Two "Nơi nhận" blocks (appendix forms) may list the same body.
        (
            "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\nMẫu số 02\n\nNơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n",
            "duplicate-recipient",
        ),
        // A spreadsheet's month/day/year is not an impossible day.
        ("1. Hoàn thành ngày 5/28/2030.\n", "date-invalid"),
        // A lone total row of a figures table is not a task without a lead.
        (
            "Danh mục dự án\n\n | TỔNG CỘNG | 1,768,85 |  |  | \n",
            "missing-lead-unit",
        ),
        // A table whose header names no lead column lists figures, not tasks.
        (
            "STT\tNội dung\tDiện tích\tGhi chú\n1\tĐất ở\t12\t\n2\tĐất rừng\t40\t\nTổng cộng\t\t52\t\n",
            "missing-lead-unit",
        ),
        // "SCT" abbreviates "Sở Công Thương".
        (
            "1. Văn bản số 23/SCT-QLNL của Sở Công Thương tỉnh Lâm Đồng.\n\n2. Văn bản số 23/SCT-QLNL của SCT tỉnh Lâm Đồng.\n",
            "citation-conflict",
        ),
    ];
    for (body, code) in cases {
        let text = format!("KẾ HOẠCH\n\nI. NỘI DUNG\n\n{body}");
        let (_, f) = findings_of(text.as_bytes());
        assert!(f.iter().all(|f| f.code != code), "{code} fired on {body:?}");
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    for r in RULES {
        assert!(
            readme.contains(&format!("| `{}` | {} |", r.code, r.severity.name())),
            "{} missing from README",
            r.code
        );
    }
}

/// Duplicates and order on one sequence: a number used before is a
/// duplicate (each later use once), never also out of order; a smaller new
/// number is out of order.
#[test]
fn numbering_duplicates_and_order_on_one_sequence() {
    let mut text = String::from(
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2021\n\
         Số TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n\
         I\tNhóm nhiệm vụ\t\t\t\n",
    );
    for n in [1, 2, 2, 5, 3, 1, 2] {
        text.push_str(&format!("{n}\tViệc số {n}\tSở Tài chính\t\t2021\n"));
    }
    let (_, findings) = findings_of(text.as_bytes());
    let lines = |code: &str| {
        findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.span.line)
            .collect::<Vec<_>>()
    };
    // Rows are lines 5 to 11: 1 2 2 5 3 1 2.
    assert_eq!(lines("numbering-duplicate"), [7, 10, 11]);
    assert_eq!(lines("numbering-order"), [9]);
}
