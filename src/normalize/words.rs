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
