//! The folding key: text reduced for matching, never for output.
//!
//! Lowercase, tone marks and vowel marks removed, "đ" folded to "d", runs of
//! white space to one space. "Thanh Hoa", "THANH HÓA" and "Thanh Hoá" share
//! the key "thanh hoa", so matching never depends on tone style or case.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folding key of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_tones_marks_and_d() {
        assert_eq!(fold("Thanh Hóa"), "thanh hoa");
        assert_eq!(fold("THANH HOÁ"), "thanh hoa");
        assert_eq!(fold("Sở Kế hoạch và Đầu tư"), "so ke hoach va dau tu");
        assert_eq!(fold("  Ủy   ban\tnhân dân "), "uy ban nhan dan");
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(fold("Ho\u{0300}a"), fold("Hòa"));
    }
}
