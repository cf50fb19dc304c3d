//! Word lists normalizing checks each word against, once per distinct word
//! (its memo of known words keeps the answer), so that the rules that need
//! them read a list of places instead of the whole text.

use super::chars::is_letter;

/// Function words (conjunctions, prepositions, plural and aspect markers,
/// demonstratives) that Vietnamese never doubles on purpose: "các các" is a
/// slip, while content words double legitimately ("ngày ngày", "song song",
/// "từ từ", "người người"). Drawn from the function-word list of the vlp
/// toolkit (phuonglh/vlp, `tpm/src/main/scala/vlp/tpm/StopWords.scala`),
/// leaving out every word with an attested doubled use ("từ từ", "ai ai",
/// "người người", "nhiều nhiều", "rất rất" in speech). Checked against the
/// corpus in `../shared/corpus`: each doubled word it finds there is a slip.
pub const FUNCTION_WORDS: &[&str] = &[
    "các", "của", "và", "những", "được", "trong", "cho", "với", "để", "là", "đã", "sẽ", "theo",
    "tại", "về", "này", "đó", "thì", "mà", "nhằm", "bằng", "hoặc", "hay", "cũng", "đều", "việc",
    "sự", "trên", "vào", "khi", "nếu", "đang", "bị", "vẫn", "chỉ", "ở", "đến", "qua", "giữa",
    "rằng", "nhưng", "còn", "vì", "có", "không",
];

/// The byte length of the longest of [`FUNCTION_WORDS`]. Vietnamese letters
/// keep their byte length when their case changes (ASCII, "Đ"/"đ", "Ư"/"ư",
/// "Ợ"/"ợ"), so a longer word, or two words of different lengths, cannot be
/// a doubled function word.
pub const LONGEST_FUNCTION_WORD: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < FUNCTION_WORDS.len() {
        if FUNCTION_WORDS[i].len() > max {
            max = FUNCTION_WORDS[i].len();
        }
        i += 1;
    }
    max
};

/// Whether `word` (a word as normalizing reads it: letters, marks and
/// zero-width chars) starts with a run of letters that is one of
/// [`FUNCTION_WORDS`] but for case: the second word of a doubled pair
/// ("các các") always does.
pub fn starts_with_function_word(word: &str) -> bool {
    let run = word
        .find(|c: char| !is_letter(c))
        .map_or(word, |end| &word[..end]);
    // The doubled-word rule's own tests, in its order.
    run.len() <= LONGEST_FUNCTION_WORD
        && !run.is_empty()
        && FUNCTION_WORDS.contains(&run.to_lowercase().as_str())
}

/// The document types a citation names, folded ([`super::fold`]), longest
/// first where one starts another, as an alternation.
pub const DOC_TYPES: &str = "thong tu lien tich|ke hoach|ket luan|quyet dinh|nghi quyet|nghi dinh|\
    thong tu|chi thi|cong van|luat|thong bao|chuong trinh|de an|huong dan|cong dien|van ban|\
    phap lenh";

/// The first words of [`DOC_TYPES`] (a test keeps them in step), by length
/// then first letter, as [`is_ascii_doc_type_head`] reads them.
const DOC_TYPE_HEADS: &[&str] = &[
    "de", "ke", "chi", "ket", "van", "cong", "luat", "nghi", "phap", "huong", "quyet", "thong",
    "chuong",
];

/// Whether the fold of `word` (a word as normalizing reads it) is the first
/// word of one of [`DOC_TYPES`]: "Kế" of "Kế hoạch", "LUẬT".
pub fn is_doc_type_head(word: &str) -> bool {
    DOC_TYPE_HEADS.contains(&super::fold::fold(word).as_str())
}

/// [`is_doc_type_head`] for a word of ASCII letters, without allocating.
pub fn is_ascii_doc_type_head(word: &[u8]) -> bool {
    let head = match (word.len(), word.first().map(|b| b | 0x20)) {
        (2, Some(b'd')) => "de",
        (2, Some(b'k')) => "ke",
        (3, Some(b'c')) => "chi",
        (3, Some(b'k')) => "ket",
        (3, Some(b'v')) => "van",
        (4, Some(b'c')) => "cong",
        (4, Some(b'l')) => "luat",
        (4, Some(b'n')) => "nghi",
        (4, Some(b'p')) => "phap",
        (5, Some(b'h')) => "huong",
        (5, Some(b'q')) => "quyet",
        (5, Some(b't')) => "thong",
        (6, Some(b'c')) => "chuong",
        _ => return false,
    };
    head.as_bytes().eq_ignore_ascii_case(word)
}

/// [`starts_with_function_word`] for a word of ASCII letters, without
/// allocating: most words fail at their length or first letter.
pub fn is_ascii_function_word(word: &[u8]) -> bool {
    (3..=5).contains(&word.len())
        && matches!(word[0] | 0x20, b'c' | b'h' | b'k' | b'q' | b't')
        && ASCII_FUNCTION_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// The [`FUNCTION_WORDS`] spelt in ASCII only (a test keeps the two lists
/// and [`is_ascii_function_word`]'s quick tests in step).
const ASCII_FUNCTION_WORDS: &[&str] = &["trong", "cho", "theo", "hay", "khi", "qua"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_list_is_the_ascii_function_words() {
        let ascii: Vec<&str> = FUNCTION_WORDS
            .iter()
            .copied()
            .filter(|w| w.is_ascii())
            .collect();
        assert_eq!(ascii, ASCII_FUNCTION_WORDS);
        for w in ascii {
            for variant in [
                w.to_string(),
                w.to_uppercase(),
                format!("{}{}", w[..1].to_uppercase(), &w[1..]),
            ] {
                assert!(is_ascii_function_word(variant.as_bytes()), "{variant}");
                assert!(starts_with_function_word(&variant), "{variant}");
            }
        }
        for w in ["c", "ch", "chos", "tron", "trongg", "khu", "qa", "a", ""] {
            assert!(!is_ascii_function_word(w.as_bytes()), "{w}");
            assert!(!starts_with_function_word(w), "{w}");
        }
    }

    #[test]
    fn the_heads_are_the_first_words_of_the_doc_types() {
        let mut firsts: Vec<&str> = DOC_TYPES
            .split('|')
            .filter_map(|t| t.split(' ').next())
            .collect();
        firsts.sort_by_key(|w| (w.len(), *w));
        firsts.dedup();
        let mut heads = DOC_TYPE_HEADS.to_vec();
        heads.sort_by_key(|w| (w.len(), *w));
        assert_eq!(heads, firsts);
        for h in DOC_TYPE_HEADS {
            for w in [
                h.to_string(),
                h.to_uppercase(),
                format!("{}{}", h[..1].to_uppercase(), &h[1..]),
            ] {
                assert!(is_ascii_doc_type_head(w.as_bytes()), "{w}");
                assert!(is_doc_type_head(&w), "{w}");
            }
            let longer = format!("{h}x");
            assert!(!is_ascii_doc_type_head(longer.as_bytes()), "{longer}");
            assert!(!is_doc_type_head(&longer), "{longer}");
        }
        for w in [
            "Kế", "QUYẾT", "Nghị", "Đề", "Văn", "Luật", "Chương", "Hướng", "Pháp", "Thông",
        ] {
            assert!(is_doc_type_head(w), "{w}");
        }
        for w in ["kết", "hoạch", "định", "d", "ch", "tu", "Kếx", ""] {
            assert_eq!(is_doc_type_head(w), w == "kết", "{w}");
        }
    }

    #[test]
    fn a_word_starts_with_a_function_word_by_its_first_run_of_letters() {
        for (word, want) in [
            ("các", true),
            ("CỦA", true),
            ("Để", true),
            ("các\u{323}", true),
            ("các\u{200B}x", true),
            ("cácx", false),
            ("xcác", false),
            ("\u{301}các", false),
            ("những", true),
            ("nhữngg", false),
        ] {
            assert_eq!(starts_with_function_word(word), want, "{word:?}");
        }
    }
}
