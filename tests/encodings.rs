//! Legacy encodings end to end: detection, forcing, invalid bytes, mixing.

use crate::common::{SAMPLE, read, tasks};
use kehoach::ingest::legacy::{Legacy, encode};
use kehoach::{Options, analyze};

fn sample_text() -> String {
    // VIQR cannot carry the en dash: the sample's two become hyphens for all.
    String::from_utf8(read(SAMPLE)).unwrap().replace('–', "-")
}

/// What the tests compare: every task's id, units (names folded: TCVN3
/// loses the case of toned capitals inside a sentence) and timeframe.
fn digest(plan: &kehoach::Plan) -> Vec<String> {
    let f = kehoach::normalize::fold::fold;
    tasks(plan)
        .iter()
        .map(|t| {
            let units: Vec<String> = t
                .lead
                .iter()
                .chain(&t.coordinating)
                .map(|u| f(&u.name))
                .collect();
            format!(
                "{} {} {:?} {:?} {}",
                t.id,
                units.join("|"),
                t.timeframe.kind,
                t.timeframe.start,
                f(&t.content)
            )
        })
        .collect()
}

#[test]
fn the_sample_in_every_legacy_encoding_is_detected_and_extracted_alike() {
    let text = sample_text();
    let want = digest(&analyze(text.as_bytes(), &Options::default()).unwrap().plan);
    assert_eq!(want.len(), 18);
    for (legacy, name) in [
        (Legacy::Tcvn3, "tcvn3"),
        (Legacy::Vni, "vni"),
        (Legacy::Viqr, "viqr"),
        (Legacy::Windows1258, "windows-1258"),
    ] {
        let bytes = encode(&text, legacy).unwrap();
        let a = analyze(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.plan.source.encoding, name);
        assert_eq!(a.plan.source.encoding_confidence, "detected", "{name}");
        assert!(a.plan.source.encoding_score.unwrap() > 0.8, "{name}");
        assert_eq!(digest(&a.plan), want, "{name}");
        assert!(a.plan.unparsed.is_empty(), "{name}: {:?}", a.plan.unparsed);
    }
}

#[test]
fn forcing_an_encoding_overrides_detection() {
    let bytes = encode(&sample_text(), Legacy::Vni).unwrap();
    let forced = Options {
        encoding: kehoach::ingest::Encoding::from_name("VNI-Windows"),
        ..Options::default()
    };
    let a = analyze(&bytes, &forced).unwrap();
    assert_eq!(
        (
            a.plan.source.encoding.as_str(),
            a.plan.source.encoding_confidence.as_str()
        ),
        ("vni", "forced")
    );
    assert_eq!(tasks(&a.plan).len(), 18);
    for alias in [
        "utf-8",
        "UTF8",
        "utf-16le",
        "utf-16be",
        "cp1258",
        "windows-1258",
        "tcvn3",
        "abc",
        "vni",
        "viqr",
    ] {
        assert!(
            kehoach::ingest::Encoding::from_name(alias).is_some(),
            "{alias}"
        );
    }
    assert!(kehoach::ingest::Encoding::from_name("latin-1").is_none());
}

#[test]
fn ascii_and_utf8_are_never_taken_for_a_legacy_encoding() {
    for text in [
        "KE HOACH\n\nI. NOI DUNG\n\n1. Thuc hien Ke hoach so 204-KH/TU. Is it ok? Yes. Done.\n",
        "PLAN\n\nI. SCOPE\n\n1. What? Why. Who? Finished.\n",
    ] {
        let a = analyze(text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(a.plan.source.encoding, "utf-8", "{text}");
        assert_eq!(a.source.text, text);
    }
    let a = analyze(&read(SAMPLE), &Options::default()).unwrap();
    assert_eq!(
        (
            a.plan.source.encoding.as_str(),
            a.plan.source.encoding_confidence.as_str()
        ),
        ("utf-8", "certain")
    );
}

#[test]
fn utf16_without_a_bom_is_recognised() {
    let mut le = Vec::new();
    for u in sample_text().encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let a = analyze(&le, &Options::default()).unwrap();
    assert_eq!(a.plan.source.encoding, "utf-16le");
    assert_eq!(tasks(&a.plan).len(), 18);
}

#[test]
fn invalid_utf8_bytes_are_replaced_located_and_the_rest_extracted() {
    let mut bytes = read(SAMPLE);
    // Break one byte inside task II.8's content (line 76).
    let at = std::str::from_utf8(&bytes)
        .unwrap()
        .find("lồng ghép")
        .unwrap();
    bytes[at] = 0xFF;
    let a = analyze(&bytes, &Options::default()).unwrap();
    assert_eq!(a.plan.source.encoding_confidence, "repaired");
    assert_eq!(
        tasks(&a.plan).len(),
        18,
        "the rest of the document is still extracted"
    );
    let bad = &a.plan.source.invalid_bytes;
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].file_offset, at);
    assert_eq!(bad[0].span.line, 76);
    let findings = kehoach::check::check(&a, &Default::default());
    let f = findings
        .iter()
        .find(|f| f.code == "decode-invalid-bytes")
        .expect("a finding");
    assert_eq!(f.span.line, 76);
    assert!(
        f.message_en.contains(&format!("byte {at}")),
        "{}",
        f.message_en
    );
}

#[test]
fn a_document_mixing_encodings_is_decoded_paragraph_by_paragraph() {
    let text = sample_text();
    let (head, tail) = text.split_at(text.find("II. NỘI DUNG KẾ HOẠCH").unwrap());
    let (middle, table) = tail.split_at(tail.find("Nơi nhận:").unwrap());
    let mut bytes = head.as_bytes().to_vec();
    bytes.extend(encode(middle, Legacy::Tcvn3).unwrap());
    bytes.extend(encode(table, Legacy::Vni).unwrap());
    let a = analyze(&bytes, &Options::default()).unwrap();
    assert_eq!(a.plan.source.encoding, "mixed");
    let encs: Vec<&str> = a
        .plan
        .source
        .encoding_parts
        .iter()
        .map(|p| p.encoding.as_str())
        .collect();
    assert!(encs.contains(&"tcvn3") && encs.contains(&"vni"), "{encs:?}");
    let want = digest(&analyze(text.as_bytes(), &Options::default()).unwrap().plan);
    assert_eq!(digest(&a.plan), want);
    assert_eq!(a.plan.declared.tasks, Some(18), "the TCVN3 part is read");
}
