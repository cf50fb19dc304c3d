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

/// Chars at or above [`TABLE_END`] that each fold to one or more chars, none
/// of them an ASCII letter or white space ("≠" folds to "="; a test holds
/// every one of them to that): dashes, quotes, bullets, symbols, the
/// private-use bullets of Word files and full-width forms. Such a char can
/// never be part of a word of letters in a key.
const FOLD_TO_LETTERLESS: &[(char, char)] = &[
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{205E}'),
    ('\u{2070}', '\u{20CF}'),
    ('\u{2100}', '\u{2129}'),
    ('\u{212C}', '\u{2BFF}'),
    ('\u{E000}', '\u{F8FF}'),
    ('\u{FF01}', '\u{FFEF}'),
];

/// Whether `c` is a letter Vietnamese is written with, in NFC: ASCII and
/// Latin-1 letters (à, â, ê, ô … and a few others), ă, đ, ĩ, ũ, ơ, ư and
/// U+1EA0–U+1EF9, upper and lower case. [`source_pattern`]'s classes hold
/// only these, which keeps the regex small.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{FF}' | '\u{1EA0}'..='\u{1EF9}')
        || matches!(
            c,
            'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
        )
}

/// A regex pattern that matches in a text wherever its [`fold_chars`] key
/// could hold one of `folded`'s spellings: a necessary test, for skipping
/// text before folding it. `folded` is an alternation (`|`) of spellings
/// made of ASCII letters and single spaces.
///
/// The pattern is the spellings with each letter replaced by the class of
/// Vietnamese letters that fold to it and each space by Latin-1's white
/// space, or any one char that could make the key differ from that
/// char-for-char reading: past Latin-1, every char but the Vietnamese
/// letters and the ranges known to fold to no letter (dashes, quotes,
/// bullets, symbols, private use, full width); below, every char that
/// folds to nothing (a combining mark), to a letter from outside the
/// classes or to what the table does not hold. A text with none of those
/// has a key that holds a spelling exactly where the pattern's first part
/// matches; a text with one always passes.
pub fn source_pattern(folded: &str) -> String {
    let (by_letter, space) = letter_and_space_classes();
    let mut unusual = Class::default();
    for (u, &mapped) in TABLE.iter().enumerate() {
        if let Some(c) = char::from_u32(u as u32)
            && matches!(source_class(c, mapped), SourceClass::Unusual)
        {
            unusual.push(c);
        }
    }
    // Everything from the table's end on, but the ranges known to fold to
    // no letter.
    let mut from = TABLE_END;
    for &(start, end) in FOLD_TO_LETTERLESS {
        unusual.push_range(from, start as u32 - 1);
        from = end as u32 + 1;
    }
    unusual.push_range(from, 0x10FFFF);
    let mut pattern = source_spellings(folded, &by_letter, &space);
    pattern.push('|');
    unusual.write(&mut pattern);
    pattern
}

/// The first part of a [`source_pattern`]: where the spellings could stand
/// in a text that holds no char [`is_unusual`] holds. Anchored (`^`), it
/// tells whether a spelling could start at a given place of such a text.
pub fn source_spellings_pattern(folded: &str) -> String {
    let (by_letter, space) = letter_and_space_classes();
    source_spellings(folded, &by_letter, &space)
}

/// The classes of [`source_pattern`]: the chars that fold to each letter,
/// and the spaces.
fn letter_and_space_classes() -> ([Class; 26], Class) {
    let mut by_letter: [Class; 26] = Default::default();
    let mut space = Class::default();
    for (u, &mapped) in TABLE.iter().enumerate() {
        let Some(c) = char::from_u32(u as u32) else {
            continue;
        };
        match source_class(c, mapped) {
            SourceClass::Letter(l) => by_letter[usize::from(l - b'a')].push(c),
            SourceClass::Space => space.push(c),
            SourceClass::Unusual | SourceClass::Plain => {}
        }
    }
    (by_letter, space)
}

fn source_spellings(folded: &str, by_letter: &[Class; 26], space: &Class) -> String {
    let mut pattern = String::from("(?:");
    for k in folded.chars() {
        match k {
            '|' => pattern.push('|'),
            ' ' => space.write(&mut pattern),
            'a'..='z' => by_letter[usize::from(k as u8 - b'a')].write(&mut pattern),
            _ => panic!("source_pattern takes letters, spaces and |, not {k:?}"),
        }
    }
    pattern.push(')');
    pattern
}

/// How [`source_pattern`] reads a char below [`TABLE_END`] whose table entry
/// is `mapped`.
enum SourceClass {
    /// A Vietnamese letter that folds to this ASCII letter.
    Letter(u8),
    /// Latin-1 white space, or what folds to a space.
    Space,
    /// A char the pattern lets through on its own ([`is_unusual`]).
    Unusual,
    /// Anything else: a char that folds to one char that is no letter.
    Plain,
}

fn source_class(c: char, mapped: char) -> SourceClass {
    let folds_to_letter = mapped.is_ascii_lowercase();
    if folds_to_letter && is_vietnamese_letter(c) {
        SourceClass::Letter(mapped as u8)
    } else if (c as u32) < 0x100 && (c.is_whitespace() || mapped == ' ') {
        SourceClass::Space
    } else if (c as u32) >= 0x100
        || folds_to_letter
        || mapped == '\u{FFFF}'
        || (mapped == '\0' && c != '\0')
    {
        // Past Latin-1 the exact set would be thousands of ranges: a few
        // parse and compile far faster.
        SourceClass::Unusual
    } else {
        SourceClass::Plain
    }
}

/// Whether `c` is one of the chars a [`source_pattern`] matches on its own,
/// because the key may read it otherwise than char for char: past Latin-1
/// every char but the Vietnamese letters and the ranges known to fold to no
/// letter; below, what folds to nothing, to a letter from outside the
/// classes or to what the table does not hold. Never an ASCII char.
pub fn is_unusual(c: char) -> bool {
    match TABLE.get(c as usize) {
        Some(&mapped) => matches!(source_class(c, mapped), SourceClass::Unusual),
        None => !FOLD_TO_LETTERLESS
            .iter()
            .any(|&(from, to)| (from..=to).contains(&c)),
    }
}

/// A regex class built from code points pushed in increasing order, kept as
/// ranges: thousands of single chars would make the pattern slow to parse.
#[derive(Default)]
struct Class(Vec<(u32, u32)>);

impl Class {
    fn push(&mut self, c: char) {
        self.push_range(c as u32, c as u32);
    }

    fn push_range(&mut self, from: u32, to: u32) {
        // Surrogates are not chars, and a regex may not name them.
        if from <= 0xDFFF && to >= 0xD800 {
            if from < 0xD800 {
                self.push_range(from, 0xD7FF);
            }
            if to > 0xDFFF {
                self.push_range(0xE000, to);
            }
            return;
        }
        match self.0.last_mut() {
            Some((_, end)) if *end + 1 == from => *end = to,
            _ => self.0.push((from, to)),
        }
    }

    fn write(&self, out: &mut String) {
        // Letters as themselves (they parse fastest), anything else escaped.
        let end = |out: &mut String, u: u32| match char::from_u32(u) {
            Some(c) if c.is_alphabetic() => out.push(c),
            _ => {
                use std::fmt::Write;
                let _ = write!(out, "\\x{{{u:X}}}");
            }
        };
        out.push('[');
        for &(from, to) in &self.0 {
            end(out, from);
            if from != to {
                out.push('-');
                end(out, to);
            }
        }
        out.push(']');
    }
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

    /// Each range of `FOLD_TO_LETTERLESS` holds only chars that fold to one
    /// or more chars, none of them an ASCII letter or white space, and are
    /// not white space themselves ("≠" folds to "="): what
    /// `source_pattern` relies on to let them pass without a look.
    #[test]
    fn the_ranges_said_to_fold_to_no_letter_do() {
        for &(from, to) in super::FOLD_TO_LETTERLESS {
            assert!(u32::from(from) >= super::TABLE_END);
            for c in from..=to {
                let mut folded = String::new();
                super::fold_char(c, &mut folded);
                assert!(!c.is_whitespace(), "{c:?}");
                let letter_or_space = |c: char| c.is_ascii_alphabetic() || c.is_whitespace();
                assert!(
                    !folded.is_empty() && !folded.contains(letter_or_space),
                    "{c:?}"
                );
            }
        }
    }

    /// `is_unusual` is the class the pattern matches on its own: a pattern
    /// of no spelling but an impossible one matches a char exactly when it
    /// is unusual.
    #[test]
    fn is_unusual_is_the_patterns_own_class() {
        // The first part can never match a single char: "qq" needs two.
        let re = regex::Regex::new(&format!("^(?:{})$", super::source_pattern("qq")))
            .expect("valid pattern");
        let mut unusual = 0;
        for c in (0..=0x10FFFFu32)
            .step_by(7)
            .chain(0..0x3000)
            .filter_map(char::from_u32)
        {
            assert_eq!(
                super::is_unusual(c),
                re.is_match(&c.to_string()),
                "U+{:04X}",
                c as u32
            );
            unusual += usize::from(super::is_unusual(c));
        }
        assert!(unusual > 1000, "{unusual}");
        assert!((0..0x80u8).all(|b| !super::is_unusual(char::from(b))));
    }

    const SPELLINGS: &str = "ke hoach|luat|de an";

    fn source_regex() -> regex::Regex {
        regex::Regex::new(&super::source_pattern(SPELLINGS)).expect("valid pattern")
    }

    /// Chars to stand in for others: every char below U+2100 and some far
    /// beyond (Kelvin and Ångström signs, ideographic space, full width,
    /// Hangul, variation selectors, a musical mark, the last char).
    fn some_chars() -> impl Iterator<Item = char> {
        (0..0x2100u32)
            .chain([
                0x212A, 0x212B, 0x3000, 0xFF2B, 0xAC00, 0xE0100, 0x1D165, 0x10FFFF,
            ])
            .filter_map(char::from_u32)
    }

    fn key_of(text: &str) -> String {
        let mut key = String::new();
        super::fold_chars(text, &mut key);
        key
    }

    /// Every spelling, with any one char written as any char that folds to
    /// it, or with any char that folds to nothing after any of its chars,
    /// passes the test.
    #[test]
    fn source_pattern_passes_every_stand_in() {
        let re = source_regex();
        let stand_ins: Vec<(char, String)> =
            some_chars().map(|c| (c, key_of(&c.to_string()))).collect();
        for spelling in SPELLINGS.split('|') {
            let chars: Vec<char> = spelling.chars().collect();
            for i in 0..chars.len() {
                for (c, key) in &stand_ins {
                    let mut variant = chars.clone();
                    if key.len() == 1 && key.starts_with(chars[i]) {
                        variant[i] = *c;
                    } else if key.is_empty() {
                        variant.insert(i + 1, *c);
                    } else {
                        continue;
                    }
                    let text: String = format!("x{}x", variant.iter().collect::<String>());
                    assert!(key_of(&text).contains(spelling), "{text:?}");
                    assert!(re.is_match(&text), "{text:?} (U+{:04X})", *c as u32);
                }
            }
        }
    }

    /// The test is selective: Vietnamese text that holds no spelling, with
    /// dashes, quotes and bullets, does not pass it.
    #[test]
    fn source_pattern_skips_text_without_a_spelling() {
        let re = source_regex();
        for text in [
            "Sở Tài chính phối hợp với UBND các huyện, thị xã – “thành phố”",
            "• kế toán, hoạt động; lưu trữ … đề ra, an toàn",
        ] {
            assert!(!re.is_match(text), "{text:?}");
        }
        for text in [
            "Kế hoạch",
            "KẾ HOẠCH",
            "Luật",
            "ĐỀ ÁN",
            "ke\u{A0}hoach",
            "KẾ\nHOẠCH",
        ] {
            assert!(re.is_match(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Whenever a text's key holds a spelling, the text passes.
        #[test]
        fn source_pattern_never_misses_a_spelling(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "ke", "kế", "K", "\u{212A}", "Ế", " ", "\t", "\u{A0}", "\u{3000}", "hoạch", "HO", "ẠCH",
                "\u{301}", "\u{323}", "lu", "ật", "Lu", "\u{1EAD}", "đề", "Đ", "D", "án", "A", "\u{212B}",
                "n", "e", "–", "“", "x", "é", "ḱ", "\u{FE0F}", "\n",
            ][..]), 0..10)
        ) {
            let text: String = parts.concat();
            let key = key_of(&text);
            if SPELLINGS.split('|').any(|s| key.contains(s)) {
                proptest::prop_assert!(source_regex().is_match(&text), "{:?}", text);
            }
        }
    }
}
