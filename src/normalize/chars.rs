//! Character classes with a fast path for the scripts plans are written in.
//!
//! `char::is_alphabetic` answers for every non-ASCII character by a search
//! in Unicode's tables; Vietnamese text is made almost entirely of ASCII and
//! of the Latin blocks below, so those are answered by range first. The
//! answers are the same as the standard library's (a test compares them over
//! every code point).

/// Whether `c` is alphabetic (Unicode `Alphabetic`), as
/// [`char::is_alphabetic`].
#[inline]
pub fn is_letter(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphabetic(),
        // Latin-1 letters and Latin Extended-A/B: all letters but × and ÷.
        0xC0..=0x24F => c != '×' && c != '÷',
        // Latin Extended Additional: Vietnamese ạ … ỹ.
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is alphabetic or numeric, as [`char::is_alphanumeric`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_the_standard_library_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
