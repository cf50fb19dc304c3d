//! The folding key: text reduced for matching, never for output.
//!
//! Lowercase, tone marks and vowel marks removed, "đ" folded to "d", runs of
//! white space to one space. "Thanh Hoa", "THANH HÓA" and "Thanh Hoá" share
//! the key "thanh hoa", so matching never depends on tone style or case.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters below this have their fold precomputed in [`TABLE`]: all of
/// Latin, including Vietnamese (U+1EA0–U+1EF9) and the combining marks.
const TABLE_END: u32 = 0x2000;

/// Per character below [`TABLE_END`]: its folded form when that is one
/// character, `'\0'` when it folds to nothing (a combining mark), and
/// `'\u{FFFF}'` when it needs the general path. Built once from the general
/// path itself, so both give the same key.
static TABLE: LazyLock<Vec<char>> = LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| {
            let Some(c) = char::from_u32(u) else {
                return '\u{FFFF}';
            };
            // One char's canonical decomposition without NFD's iterator and
            // reordering (the marks are dropped, so their order cannot
            // matter): a third less work at start-up. A test holds the
            // table to the general path.
            let mut folded = String::new();
            unicode_normalization::char::decompose_canonical(c, |d| {
                fold_decomposed(d, &mut folded)
            });
            let mut it = folded.chars();
            match (it.next(), it.next()) {
                (None, _) => '\0',
                (Some(f), None) => f,
                _ => '\u{FFFF}',
            }
        })
        .collect()
});

/// The general path: decompose, drop marks, lowercase, "đ" to "d".
fn fold_char_slow(c: char, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        fold_decomposed(d, out);
    }
}

/// The fold of one char of a decomposition.
fn fold_decomposed(d: char, out: &mut String) {
    match d {
        d if is_combining_mark(d) => {}
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        d => out.extend(d.to_lowercase()),
    }
}

/// Appends the fold of one character (nothing for a combining mark). White
/// space is folded like any other character here; [`fold`] collapses runs.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match TABLE.get(c as usize).copied() {
        Some('\0') => {}
        Some(mapped) if mapped != '\u{FFFF}' => out.push(mapped),
        _ => fold_char_slow(c, out),
    }
}

/// How many bytes [`fold_char`] appends for `c` (0 for a combining mark),
/// without appending them: for walking a key back to its text.
#[inline]
pub fn fold_len(c: char) -> usize {
    if c.is_ascii() {
        return 1;
    }
    match TABLE.get(c as usize).copied() {
        Some('\0') => 0,
        Some(mapped) if mapped != '\u{FFFF}' => mapped.len_utf8(),
        _ => {
            let mut out = String::new();
            fold_char_slow(c, &mut out);
            out.len()
        }
    }
}

/// How many bytes [`fold_chars`] appends for `c`: one for white space,
/// [`fold_len`] otherwise.
#[inline]
pub fn key_char_len(c: char) -> usize {
    if c.is_whitespace() { 1 } else { fold_len(c) }
}

/// The char of `text` whose [`fold_chars`] key holds key byte `k`, as a
/// byte range of `text`, with the key offset where that char's key starts;
/// `None` when the key is not that long.
pub fn char_of_key_byte(text: &str, k: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let mut at_key = 0;
    for (at, c) in text.char_indices() {
        let len = key_char_len(c);
        if k < at_key + len {
            return Some((at..at + c.len_utf8(), at_key));
        }
        at_key += len;
    }
    None
}

/// Appends the fold of every character of `text`, each white-space
/// character as one space (not collapsed, unlike [`fold`]).
pub fn fold_chars(text: &str, out: &mut String) {
    let table = &*TABLE;
    // Pushed to a local: through `&mut String` the length is stored and
    // reloaded around every byte pushed.
    let mut key = std::mem::take(out);
    key.reserve(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            key.push(if c.is_whitespace() {
                ' '
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        if c.is_whitespace() {
            key.push(' ');
            continue;
        }
        match table.get(c as usize).copied() {
            Some('\0') => {}
            Some(mapped) if mapped != '\u{FFFF}' => key.push(mapped),
            _ => fold_char_slow(c, &mut key),
        }
    }
    *out = key;
}

/// The folding key of `text`.
pub fn fold(text: &str) -> String {
    let table = &*TABLE;
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let mapped = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if (c as u32) < TABLE_END {
            table[c as usize]
        } else {
            '\u{FFFF}'
        };
        if mapped == '\0' && c != '\0' {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if mapped == '\u{FFFF}' {
            fold_char_slow(c, &mut out);
        } else {
            out.push(mapped);
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
    fn fast_path_agrees_with_the_general_path() {
        for u in 0..0x2100u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut slow = String::new();
            super::fold_char_slow(c, &mut slow);
            if c.is_whitespace() {
                continue;
            }
            assert_eq!(fold(&format!("a{c}")), format!("a{slow}"), "U+{u:04X}");
        }
    }

    #[test]
    fn fold_chars_is_fold_char_of_each_char_with_white_space_as_a_space() {
        // Every ASCII byte and a sample of others (marks, eth, Kelvin sign,
        // full width, Unicode spaces), each in turn first, in runs of 1,
        // 63 to 65 and 130 chars.
        let chars: Vec<char> = (0..0x80u32)
            .chain([0xA0, 0xC0, 0x110, 0x1EA1, 0x301, 0x2028, 0x212A, 0xFF2B])
            .filter_map(char::from_u32)
            .collect();
        for len in [1, 63, 64, 65, 130] {
            for start in 0..chars.len() {
                let text: String = chars.iter().cycle().skip(start).take(len).collect();
                let mut want = String::new();
                for c in text.chars() {
                    if c.is_whitespace() {
                        want.push(' ');
                    } else {
                        super::fold_char(c, &mut want);
                    }
                }
                let mut got = String::from("kept");
                super::fold_chars(&text, &mut got);
                assert_eq!(got, format!("kept{want}"), "{text:?}");
            }
        }
    }

    #[test]
    fn fold_len_is_the_length_fold_char_appends() {
        for u in (0..0x3000u32).chain([0x212A, 0x1D40A, 0x10FFFF]) {
            let Some(c) = char::from_u32(u) else { continue };
            let mut out = String::new();
            super::fold_char(c, &mut out);
            assert_eq!(super::fold_len(c), out.len(), "U+{u:04X}");
        }
    }

    #[test]
    fn char_of_key_byte_walks_the_key_back() {
        let text = "Ke\u{301}\t\u{212A}Đ ＫＨ";
        let mut key = String::new();
        super::fold_chars(text, &mut key);
        let mut from_key = Vec::new();
        for k in 0..key.len() {
            let (r, key_start) = super::char_of_key_byte(text, k).expect("inside the key");
            let mut one = String::new();
            super::fold_chars(&text[r.clone()], &mut one);
            let mut before = String::new();
            super::fold_chars(&text[..r.start], &mut before);
            // Key byte k lies in the fold of the char found, after the fold
            // of everything before it.
            assert!((before.len()..before.len() + one.len()).contains(&k), "{k}");
            assert_eq!(key_start, before.len(), "{k}");
            from_key.push(r.start);
        }
        assert!(from_key.is_sorted());
        assert_eq!(super::char_of_key_byte(text, key.len()), None);
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(fold("Ho\u{0300}a"), fold("Hòa"));
    }
}
