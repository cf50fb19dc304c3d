//! Normalization: each kind of edit, tone styles over the whole word list,
//! identifiers left alone, the CLI, and properties over generated text.

use kehoach::normalize::{
    EditKind, NormalizeOptions, Normalized, ToneStyleOption, normalize, normalize_with,
};
use kehoach::span::NSpan;
use proptest::prelude::*;

fn with_style(text: &str, style: ToneStyleOption) -> Normalized {
    normalize_with(text, &NormalizeOptions { tone_style: style })
}

/// Applying the edits to the source gives the normalized text.
fn replay(source: &str, n: &Normalized) -> String {
    let mut out = String::new();
    let mut at = 0;
    for e in &n.edits {
        out.push_str(&source[at..e.source.start]);
        out.push_str(&e.replacement);
        at = e.source.end;
    }
    out.push_str(&source[at..]);
    out
}

#[test]
fn each_kind_of_edit() {
    let cases: &[(&str, &str, EditKind)] = &[
        ("a\r\nb", "a\nb", EditKind::LineEnding),
        ("Sở\u{a0}Y tế", "Sở Y tế", EditKind::Space),
        ("hai  từ", "hai từ", EditKind::Space),
        ("nhiệm\u{200b}vụ", "nhiệmvụ", EditKind::ZeroWidth),
        ("2018\u{2010}2020", "2018-2020", EditKind::Punctuation),
        ("ＵＢＮＤ tỉnh", "UBND tỉnh", EditKind::FullWidth),
        ("Ðoàn", "Đoàn", EditKind::EthToDStroke),
        ("Ho\u{300}a", "Hòa", EditKind::Nfc),
        ("ke\u{301}\u{302}", "kế", EditKind::MarkOrder),
        ("baỏ cáo", "bảo cáo", EditKind::ToneRepair),
        ("lựơng", "lượng", EditKind::ToneRepair),
        ("nghịêm", "nghiệm", EditKind::ToneRepair),
        ("ḿa", "má", EditKind::ToneRepair),
        ("gìa", "già", EditKind::ToneRepair),
    ];
    for &(src, want, kind) in cases {
        let n = normalize(src);
        assert_eq!(n.text, want, "{src:?}");
        assert_eq!(
            n.edits.iter().map(|e| e.kind).collect::<Vec<_>>(),
            [kind],
            "{src:?}"
        );
        assert_eq!(replay(src, &n), n.text);
    }
}

#[test]
fn what_stays_as_written() {
    for text in [
        "Kế hoạch số 204-KH/TU, Nghị định 30/2020/NĐ-CP, UBND, HĐND, KH&ĐT, TW, email online",
        "Tiêu đề\tcột hai\tcột ba",
        "  thụt lề đầu dòng",
        "Cột A     Cột B     Cột C  hai  khoảng",
        "“Trích dẫn” – gạch ngang — dài",
        "hóa, hoá, thủy, thuỷ",
    ] {
        let n = normalize(text);
        assert_eq!(n.text, text, "{:?}", n.edits);
    }
}

fn tone_rows() -> Vec<(String, String)> {
    let data =
        std::fs::read_to_string(crate::common::repo("data/tone-placement-words.tsv")).unwrap();
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("old\t"))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

#[test]
fn every_row_of_the_tone_placement_list_in_both_directions() {
    // Sources of the word list: its header (QĐ 1989/QĐ-BGDĐT Điều 8).
    let rows = tone_rows();
    assert!(rows.len() >= 70, "{}", rows.len());
    let old: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let new: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let (old_text, new_text) = (old.join(" "), new.join(" "));
    assert_eq!(with_style(&old_text, ToneStyleOption::New).text, new_text);
    assert_eq!(with_style(&new_text, ToneStyleOption::Old).text, old_text);
    assert_eq!(with_style(&old_text, ToneStyleOption::Keep).text, old_text);
    assert_eq!(with_style(&new_text, ToneStyleOption::Keep).text, new_text);
    for (o, n) in &rows {
        let kinds: Vec<EditKind> = with_style(o, ToneStyleOption::New)
            .edits
            .iter()
            .map(|e| e.kind)
            .collect();
        let want: &[EditKind] = if o == n { &[] } else { &[EditKind::ToneStyle] };
        assert_eq!(kinds, want, "{o} → {n}");
    }
}

#[test]
fn ambiguous_syllables_are_kept_and_reported() {
    let n = normalize("Kế hoạch hóà số");
    assert_eq!(n.text, "Kế hoạch hóà số");
    assert_eq!(n.ambiguous.len(), 1);
    assert_eq!(n.ambiguous[0].word, "hóà");
    assert_eq!(&"Kế hoạch hóà số"[n.ambiguous[0].source.clone()], "hóà");
}

#[test]
fn normalize_command_diff_and_json() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "normalize",
            "--diff",
            "--tone-style",
            "new",
            crate::common::SAMPLE,
        ])
        .current_dir(crate::common::repo(""))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("7:45\ttone_style\t«Hóa» → «Hoá»"),
        "{text}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "normalize",
            "--format",
            "json",
            "--tone-style",
            "new",
            crate::common::SAMPLE,
        ])
        .current_dir(crate::common::repo(""))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let src = String::from_utf8(crate::common::read(crate::common::SAMPLE)).unwrap();
    let edits = v["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    for e in edits {
        let (a, b) = (
            e["span"]["start"].as_u64().unwrap() as usize,
            e["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&src[a..b], e["original"].as_str().unwrap());
    }
    // Without a style change the sample is already normal.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["normalize", crate::common::SAMPLE])
        .current_dir(crate::common::repo(""))
        .output()
        .unwrap();
    assert_eq!(out.stdout, crate::common::read(crate::common::SAMPLE));
}

/// Text with what normalization acts on: marks in any order, special
/// spaces, line endings, eth, full-width letters, misplaced tones.
fn messy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "o",
        "e",
        "u",
        "y",
        "i",
        "d",
        "h",
        "ng",
        "qu",
        "gi",
        "Ð",
        "ð",
        "Ｕ",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{a0}",
        "\u{200b}",
        "\u{300}",
        "\u{301}",
        "\u{302}",
        "\u{303}",
        "\u{309}",
        "\u{323}",
        "\u{306}",
        "\u{31b}",
        "hóa",
        "hoá",
        "baỏ",
        "lựơng",
        "Ủy",
        "uỷ",
        "204-KH/TU",
        "‑",
        "ế",
        "ư",
        "ơ",
        "-",
        "/",
        "1",
        // Symbols that marks can attach to outside a word, more zero-width
        // chars, and marks of other classes (U+032F: 220; U+0F73: class 0
        // but decomposing into marks of 129 and 130; U+0345: 240): the
        // symbol clusters where fuzzing found NFC left unfinished.
        "€",
        "(",
        "\u{FFFF}",
        "\u{200d}",
        "\u{2060}",
        "\u{feff}",
        "\u{32f}",
        "\u{f73}",
        "\u{345}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Text that is already normal: real words, single spaces, line breaks.
fn normal() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Kế",
        "hoạch",
        "hành",
        "động",
        "Sở",
        "Tài",
        "chính",
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "Thanh",
        "Hóa",
        "thủy",
        "khóa",
        "quý",
        "của",
        "mùa",
        "giữ",
        "gìn",
        "hoàn",
        "thuyết",
        "khuya",
        "khuỷu",
        "204-KH/TU",
        "2021",
        "UBND",
    ]);
    let seps = prop::sample::select(vec![" ", "\n", "\t", ", ", ". "]);
    prop::collection::vec((words, seps), 0..40)
        .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a longer run.

    #[test]
    fn normalization_is_idempotent(text in messy(), style in prop::sample::select(vec![ToneStyleOption::Keep, ToneStyleOption::Old, ToneStyleOption::New])) {
        let once = with_style(&text, style);
        let twice = with_style(&once.text, style);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.edits.is_empty(), "{:?}", twice.edits);
        prop_assert_eq!(replay(&text, &once), once.text);
    }

    #[test]
    fn the_offset_map_is_monotonic_and_maps_into_the_source(text in messy()) {
        let n = normalize(&text);
        let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
        let mut last = 0;
        for &p in &bounds {
            let s = n.map.start_to_source(p);
            let e = n.map.end_to_source(p);
            prop_assert!(s <= text.len() && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            prop_assert!(s >= last, "start_to_source not monotonic at {}", p);
            last = s;
        }
        let r = kehoach::normalize::Resolver::new(&text, &n);
        for w in bounds.windows(2) {
            let span = r.resolve(NSpan::new(w[0], w[1]));
            prop_assert!(span.start <= span.end && span.end <= text.len());
        }
    }

    #[test]
    fn normal_text_comes_back_unchanged(text in normal()) {
        let n = normalize(&text);
        prop_assert_eq!(&n.text, &text);
        prop_assert!(n.edits.is_empty());
    }
}
