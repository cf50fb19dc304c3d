//! What decoding had to repair.

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
