//! What decoding and normalization had to repair, or could not.

use super::finding;
use crate::check::{Context, Finding};

pub(super) fn invalid_bytes(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for b in &cx.analysis.source.invalid {
        let span = cx
            .resolver
            .source_span(b.text_offset..b.text_offset + '\u{FFFD}'.len_utf8());
        let enc = cx.analysis.source.encoding.name();
        out.push(finding(
            "decode-invalid-bytes",
            span,
            format!("{} byte ở vị trí {} không hợp lệ trong bảng mã {enc} và đã được thay bằng \u{FFFD}.", b.len, b.file_offset),
            format!("{} byte(s) at byte {} are not valid {enc} and were replaced by U+FFFD.", b.len, b.file_offset),
        ));
    }
}

pub(super) fn ambiguous_tones(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.analysis.normalized.ambiguous {
        out.push(finding(
            "tone-ambiguous",
            cx.resolver.source_span(a.source.clone()),
            format!(
                "Từ \"{}\" mang hai dấu thanh khác nhau; giữ nguyên như bản gốc.",
                a.word
            ),
            format!(
                "\"{}\" carries two different tone marks and was kept as written: {}.",
                a.word, a.reason
            ),
        ));
    }
}

pub(super) fn unreadable_tables(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in &cx.analysis.plan.unreadable_tables {
        out.push(finding(
            "table-unreadable",
            t.span,
            "Bảng này đã mất cấu trúc ô (văn bản trích từ PDF); kehoach không đoán các dòng của bảng.".to_string(),
            format!("This table could not be read with confidence: {}; its rows were not guessed.", t.reason),
        ));
    }
}
