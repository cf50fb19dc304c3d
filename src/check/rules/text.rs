//! Rules on the running text: recipients, doubled words, tone style.

use super::finding;
use crate::check::{Applicability, Context, Finding, Suggestion};
use crate::normalize::chars::{is_letter, is_letter_or_digit};
use crate::normalize::fold::fold;
use crate::normalize::syllable::{
    ToneStyle, may_carry_style_tone, may_end_styled_pair, may_end_styled_word, restyle, style_of,
};
use crate::normalize::words::{FUNCTION_WORDS, LONGEST_FUNCTION_WORD};
use crate::span::NSpan;
use std::ops::Range;

pub(super) fn duplicate_recipient(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let key = |t: &str| {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let recipients = &cx.analysis.plan.recipients;
    // Each recipient's key made once; the first with each (block, key).
    let mut first_with: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    for (i, r) in recipients.iter().enumerate() {
        let at = *first_with.entry((r.block, key(&r.text))).or_insert(i);
        if at != i {
            let first = &recipients[at];
            out.push(
                finding(
                    "duplicate-recipient",
                    r.span,
                    format!("Nơi nhận \"{}\" bị lặp lại.", r.text),
                    format!("The recipient \"{}\" is listed twice.", r.text),
                )
                .with_related("first listed here", first.span)
                .with_suggestion(Suggestion {
                    message: "remove the repeated line, or name the recipient that was meant"
                        .to_string(),
                    replacement: String::new(),
                    span: r.span,
                    applicability: Applicability::DisplayOnly,
                }),
            );
        }
    }
}

pub(super) fn repeated_word(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let normalized = &cx.analysis.normalized;
    let doubled = match normalized.function_word_starts() {
        Some(starts) => doubled_words_at(&normalized.text, starts),
        None => doubled_words(&normalized.text),
    };
    for (pstart, pword, core_start, core) in doubled {
        let span = cx
            .resolver
            .resolve(NSpan::new(pstart, core_start + core.len()));
        out.push(
            finding(
                "repeated-word",
                span,
                format!("Từ \"{core}\" bị lặp lại."),
                format!("The word \"{core}\" is written twice."),
            )
            .with_suggestion(Suggestion {
                message: format!("write \"{pword}\" once"),
                replacement: pword.to_string(),
                span,
                applicability: Applicability::Safe,
            }),
        );
    }
}

/// A doubled function word: where the first word starts and the word as
/// written there, where the second starts and the word as written there.
type Doubled<'t> = (usize, &'t str, usize, &'t str);

/// The doubled function words of `text`, in order. Words are the text cut
/// at every space, tab and line break (a tab or line break between two
/// equal words is a cell or line boundary, not a doubling), each without
/// its surrounding punctuation ("(các" and "các." count); the first of a
/// pair must be followed by a single space and no punctuation ("các, các"
/// is a list, not a slip), the second must start with its letter.
fn doubled_words(text: &str) -> Vec<Doubled<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // The next separator from `from`: a plain loop, not memchr, as words are
    // a few bytes long, shorter than a SIMD search takes to start.
    let sep_from = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| matches!(b, b' ' | b'\t' | b'\n'))
            .map_or(bytes.len(), |p| from + p)
    };
    let (mut start, mut end) = (0, sep_from(0));
    while end < bytes.len() {
        let next_start = end + 1;
        let next_end = sep_from(next_start);
        if bytes[end] == b' '
            && start < end
            && next_start < next_end
            && may_start_alike(text, start, next_start)
            && let Some(pair) = doubled_at(text, start..end, next_start..next_end)
        {
            found.push(pair);
        }
        (start, end) = (next_start, next_end);
    }
    found
}

/// [`doubled_words`] whose second word starts at one of `starts` (in
/// order): the words normalizing found to start with a function word, among
/// which is the second word of every doubled pair.
fn doubled_words_at<'t>(text: &'t str, starts: &[usize]) -> Vec<Doubled<'t>> {
    let bytes = text.as_bytes();
    let is_sep = |b: u8| matches!(b, b' ' | b'\t' | b'\n');
    let mut found = Vec::new();
    for &next_start in starts {
        // A single space before it, after a word.
        let Some(end) = next_start.checked_sub(1).filter(|&e| bytes[e] == b' ') else {
            continue;
        };
        let start = bytes[..end]
            .iter()
            .rposition(|&b| is_sep(b))
            .map_or(0, |p| p + 1);
        let next_end = bytes[next_start..]
            .iter()
            .position(|&b| is_sep(b))
            .map_or(bytes.len(), |p| next_start + p);
        if start < end
            && next_start < next_end
            && may_start_alike(text, start, next_start)
            && let Some(pair) = doubled_at(text, start..end, next_start..next_end)
        {
            found.push(pair);
        }
    }
    found
}

/// Whether the words that start at `a` and `b` may be the same word but
/// for case, judged from their first chars, as [`same_ignoring_case`]
/// would: nearly every pair of neighbouring words starts differently, which
/// rules it out before their punctuation is trimmed. Two ASCII letters or
/// digits are compared as they are; otherwise the first chars lowercased
/// (the first char of each lowercasing, which `same_ignoring_case`
/// compares first), and a first char that is punctuation lets the pair
/// through (it is trimmed from the first word, and rules out the second).
fn may_start_alike(text: &str, a: usize, b: usize) -> bool {
    let bytes = text.as_bytes();
    let (x, y) = (bytes[a], bytes[b]);
    if x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric() {
        return x.eq_ignore_ascii_case(&y);
    }
    let first = |at: usize| text[at..].chars().next();
    match (first(a), first(b)) {
        (Some(x), Some(y)) if is_letter_or_digit(x) && is_letter_or_digit(y) => {
            same_lowercase_quick(x, y)
                .unwrap_or_else(|| x.to_lowercase().next() == y.to_lowercase().next())
        }
        _ => true,
    }
}

/// Whether `x` and `y` lowercase to the same first char, answered without
/// Unicode's case tables when both are ASCII letters or digits or letters
/// of the blocks whose case pairs are regular: Latin-1, most of Latin
/// Extended-A and Latin Extended Additional (where Vietnamese has its
/// letters). `None` otherwise. Nearly every word of a Vietnamese plan starts
/// with one of these, and the table search was a third of the rule's time.
fn same_lowercase_quick(x: char, y: char) -> Option<bool> {
    if x == y {
        return Some(true);
    }
    Some(quick_lowercase(x)? == quick_lowercase(y)?)
}

/// The first char of `c.to_lowercase()` for the chars
/// [`same_lowercase_quick`] answers for (a test compares every char below
/// U+2000 with `to_lowercase`).
fn quick_lowercase(c: char) -> Option<u32> {
    let c = u32::from(c);
    Some(match c {
        0x30..=0x39 | 0x61..=0x7A | 0xDF..=0xFF => c,
        0x41..=0x5A => c + 0x20,
        0xC0..=0xDE if c != 0xD7 => c + 0x20,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => c | 1,
        0x139..=0x148 | 0x179..=0x17E => c + (c & 1),
        _ => return None,
    })
}

/// The word `text[range]` without surrounding punctuation: where it starts
/// and the word. Most words start and end with an ASCII letter: no
/// trimming then.
fn core_of(text: &str, range: Range<usize>) -> (usize, &str) {
    let is_punct = |c: char| !is_letter_or_digit(c);
    let word = &text[range.clone()];
    let lead = if word.as_bytes()[0].is_ascii_alphanumeric() {
        0
    } else {
        word.len() - word.trim_start_matches(is_punct).len()
    };
    let core = if word.as_bytes()[word.len() - 1].is_ascii_alphanumeric() {
        &word[lead..]
    } else {
        word[lead..].trim_end_matches(is_punct)
    };
    (range.start + lead, core)
}

/// Whether the words `text[first]` and `text[second]` (not empty, one
/// space between them) are a doubled function word.
fn doubled_at(text: &str, first: Range<usize>, second: Range<usize>) -> Option<Doubled<'_>> {
    let (pstart, pword) = core_of(text, first.clone());
    // Punctuation after the first word ends the pair.
    if pword.is_empty() || pstart + pword.len() != first.end {
        return None;
    }
    let (core_start, core) = core_of(text, second.clone());
    (core_start == second.start
        && core.len() == pword.len()
        && core.len() <= LONGEST_FUNCTION_WORD
        && same_ignoring_case(pword, core)
        && pword.chars().all(is_letter)
        && FUNCTION_WORDS.contains(&core.to_lowercase().as_str()))
    .then_some((pstart, pword, core_start, core))
}

/// Whether `a` and `b` are the same word but for letter case.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Most neighbouring words differ at their first letter.
    if let (Some(x), Some(y)) = (a.bytes().next(), b.bytes().next())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(&y)
    {
        return false;
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The words (runs of letters) written in the old tone style and those in
/// the new, as byte ranges of `text`, in order.
type Styled = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// [`Styled`] words of `text`, found from their tone marks. A word has a
/// style only if it ends in oa, oe or uy with the tone on one of the two
/// vowels ([`style_of`]); marks it lets through are never letters, so in a
/// run of letters the tone is a precomposed char, and every such char lies
/// in a UTF-8 sequence led by 0xC3 (Latin-1), 0xC5 (ũ, Ũ) or 0xE1 (ạ … ỹ).
/// The search jumps between those bytes instead of walking every char; a
/// test compares it with the plain walk (`styled_words_by_walking`).
fn styled_words(text: &str) -> Styled {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let bytes = text.as_bytes();
    let letter_at = |at: usize| text[at..].chars().next().filter(|&c| is_letter(c));
    let mut done = 0;
    for p in memchr::memchr3_iter(0xC3, 0xC5, 0xE1, bytes) {
        if p < done {
            continue;
        }
        let Some(c) = text[p..]
            .chars()
            .next()
            .filter(|&c| may_carry_style_tone(c))
        else {
            continue;
        };
        // The word must end with this char or the next one, and its last two
        // chars must be a pair the styles write differently. Asked here,
        // before the walk back to the word's start, this turns away nearly
        // every toned vowel. It depends on the last two chars only, so a hit
        // turned away here would be turned away at the word's other toned
        // char too: no word is missed for skipping `done`.
        let after = p + c.len_utf8();
        // An ASCII letter after it can end a styled pair only if it is an
        // a, e or y (the pair is then c and it): this turns away, before any
        // decoding, the toned vowels followed by a consonant ("tiến", "mức").
        if bytes
            .get(after)
            .is_some_and(|b| b.is_ascii_alphabetic() && !b"aeyAEY".contains(b))
        {
            continue;
        }
        let end = match letter_at(after) {
            None if text[..p]
                .chars()
                .next_back()
                .is_some_and(|before| may_end_styled_pair(before, c)) =>
            {
                after
            }
            Some(next)
                if letter_at(after + next.len_utf8()).is_none() && may_end_styled_pair(c, next) =>
            {
                after + next.len_utf8()
            }
            _ => continue,
        };
        let start = text[..p]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_letter(c))
            .last()
            .map_or(p, |(at, _)| at);
        done = end;
        classify(text, start, end, &mut old, &mut new);
    }
    (old, new)
}

/// Files the word `text[from..to]` under its style, if it has one.
fn classify(
    text: &str,
    from: usize,
    to: usize,
    old: &mut Vec<(usize, usize)>,
    new: &mut Vec<(usize, usize)>,
) {
    let w = &text[from..to];
    if !w.chars().next_back().is_some_and(may_end_styled_word) {
        return;
    }
    match style_of(w) {
        Some(ToneStyle::Old) => old.push((from, to)),
        Some(ToneStyle::New) => new.push((from, to)),
        None => {}
    }
}

/// [`styled_words`] by walking every char: the definition it must agree with.
#[cfg(test)]
fn styled_words_by_walking(text: &str) -> Styled {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_letter(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            classify(text, s, i, &mut old, &mut new);
        }
    }
    if let Some(s) = start {
        classify(text, s, text.len(), &mut old, &mut new);
    }
    (old, new)
}

/// [`Styled`] words of `text` inside `spans` only (the words normalizing
/// found to hold every styled run), found as [`styled_words_by_walking`]
/// finds them in the whole text.
fn styled_words_in(text: &str, spans: &[Range<usize>]) -> Styled {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for span in spans {
        let mut start = None;
        for (i, c) in text[span.clone()].char_indices() {
            let at = span.start + i;
            if is_letter(c) {
                start.get_or_insert(at);
            } else if let Some(s) = start.take() {
                classify(text, s, at, &mut old, &mut new);
            }
        }
        if let Some(s) = start {
            classify(text, s, span.end, &mut old, &mut new);
        }
    }
    (old, new)
}

pub(super) fn tone_style_mixed(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let normalized = &cx.analysis.normalized;
    let text = &normalized.text;
    let (old, new) = match normalized.styled_word_spans() {
        Some(spans) => styled_words_in(text, spans),
        None => styled_words(text),
    };
    if old.is_empty() || new.is_empty() {
        return;
    }
    // Report the minority style; on a tie, the style that appears second.
    let (minority, majority, style, name_vi, name_en) =
        if new.len() < old.len() || (new.len() == old.len() && new[0] > old[0]) {
            (&new, &old, ToneStyle::Old, "kiểu mới", "new")
        } else {
            (&old, &new, ToneStyle::New, "kiểu cũ", "old")
        };
    let example = cx
        .resolver
        .resolve(NSpan::new(majority[0].0, majority[0].1));
    for &(s, e) in minority {
        let word = &text[s..e];
        let span = cx.resolver.resolve(NSpan::new(s, e));
        let mut f = finding(
            "tone-style-mixed",
            span,
            format!(
                "\"{word}\" đặt dấu thanh {name_vi}, khác với phần lớn văn bản ({} chỗ so với {} chỗ).",
                minority.len(),
                majority.len()
            ),
            format!(
                "\"{word}\" places its tone mark in the {name_en} style, unlike most of the text ({} against {}).",
                minority.len(),
                majority.len()
            ),
        )
        .with_related(format!("\"{}\" follows the prevailing style", &text[majority[0].0..majority[0].1]), example);
        if let Some(fixed) = restyle(word, style) {
            f = f.with_suggestion(Suggestion {
                message: format!("write \"{fixed}\""),
                replacement: fixed,
                span,
                applicability: Applicability::Safe,
            });
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The doubled words as the rule found them before it ruled pairs out
    /// by their first chars: every word in turn, the one before it
    /// remembered.
    fn doubled_words_by_walking(text: &str) -> Vec<Doubled<'_>> {
        let mut found = Vec::new();
        let mut prev: Option<(usize, &str)> = None;
        let bytes = text.as_bytes();
        let mut next = 0;
        let is_punct = |c: char| !is_letter_or_digit(c);
        while next < bytes.len() {
            let start = next;
            let end = bytes[start..]
                .iter()
                .position(|&b| matches!(b, b' ' | b'\t' | b'\n'))
                .map_or(bytes.len(), |p| start + p);
            next = end + 1;
            let word = &text[start..end];
            if word.is_empty() {
                prev = None;
                continue;
            }
            let core_lead = word.len() - word.trim_start_matches(is_punct).len();
            let core = word[core_lead..].trim_end_matches(is_punct);
            let core_start = start + core_lead;
            if let Some((pstart, pword)) = prev
                && core_lead == 0
                && core.len() == pword.len()
                && core.len() <= LONGEST_FUNCTION_WORD
                && same_ignoring_case(pword, core)
                && pword.chars().all(is_letter)
                && FUNCTION_WORDS.contains(&core.to_lowercase().as_str())
            {
                found.push((pstart, pword, core_start, core));
            }
            let trailing = word.len() - core_lead - core.len();
            prev = (bytes.get(end) == Some(&b' ') && trailing == 0 && !core.is_empty())
                .then_some((core_start, core));
        }
        found
    }

    /// The pairwise search finds exactly the pairs the word-by-word walk
    /// finds: in the sample, and in texts of function words, case
    /// variants, punctuation, digits and separators in every combination.
    #[test]
    fn quick_lowercase_agrees_with_the_case_tables() {
        let mut answered = 0;
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            if let Some(lower) = quick_lowercase(c) {
                answered += 1;
                assert_eq!(char::from_u32(lower), c.to_lowercase().next(), "{c:?}");
            }
        }
        // ASCII letters and digits, Latin-1's letters, the Vietnamese block.
        assert!(answered > 62 + 60 + 90, "{answered}");
        assert_eq!(same_lowercase_quick('Đ', 'đ'), Some(true));
        assert_eq!(same_lowercase_quick('c', 'đ'), Some(false));
        assert_eq!(same_lowercase_quick('i', '\u{130}'), None);
    }

    #[test]
    fn doubled_words_agree_with_the_walk() {
        let sample = include_str!("../../../seeds/000_b020f26e05120408.txt");
        assert_eq!(doubled_words(sample), doubled_words_by_walking(sample));
        let words = [
            "các", "Các", "CÁC", "của", "CỦA", "và", "Và", "đã", "Đã", "ĐÃ", "(các", "các.",
            "các,", "\"các\"", "ở", "Ở", "khi", "KHI", "k", "2", "các2", "ngày", "", "-", "…",
            "không", "Không",
        ];
        let seps = [" ", "  ", "\t", "\n", " \n", "\n "];
        let mut pairs = 0;
        for a in words {
            for b in words {
                for s in seps {
                    for t in [
                        format!("{a}{s}{b}"),
                        format!("x {a}{s}{b} y"),
                        format!("{a} {a}{s}{b} {b}"),
                    ] {
                        let want = doubled_words_by_walking(&t);
                        pairs += want.len();
                        assert_eq!(doubled_words(&t), want, "{t:?}");
                    }
                }
            }
        }
        assert!(pairs > 100, "the texts hold doubled words: {pairs}");
    }

    /// The jumping search finds exactly the words the plain walk finds.
    #[test]
    fn styled_words_agree_with_the_walk() {
        let sample = include_str!("../../../seeds/000_b020f26e05120408.txt");
        let mended = include_str!("../../../fixtures/sample-mended.txt");
        let tricky = [
            "hóa hoá HÓA HOÁ Hoá hoÁ thủy thuỷ THUỶ khỏe khoẻ xòe xoè",
            "hóa2 2hoá (hóa) \"hoá\" hóa-hoá hóa\u{301} ho\u{301}a hoa\u{301} quý quỳ",
            "toàn toán hoàn hoàng thuyền khoảng óa óe úy ÓA úý oáo ủyy ửy",
            "hóaξ ξhoá Ωhóa hoáΩ ñhóa hóaé éhóa ũy ũa Ũy",
            "",
            "á",
            "ó",
            "hoáb",
            "(á) (óa) oá. ÔÁ ươá quý Quỳ uỷ-ban xoé\u{301} aóa eúy",
            "tiến mức hoán hoáy quýt thuýa óA óY ÚY úya ÓE òn ủn",
        ];
        for text in [sample, mended].into_iter().chain(tricky) {
            assert_eq!(
                styled_words(text),
                styled_words_by_walking(text),
                "{text:?}"
            );
        }
        let text = "Hóa, hoá (thủy) thuỷ.";
        let words =
            |r: Vec<(usize, usize)>| r.into_iter().map(|(s, e)| &text[s..e]).collect::<Vec<_>>();
        let (old, new) = styled_words(text);
        assert_eq!(
            (words(old), words(new)),
            (vec!["Hóa", "thủy"], vec!["hoá", "thuỷ"])
        );
    }

    /// The styled words read from the spans normalizing recorded are the
    /// words the plain walk finds in the normalized text: a normalized text
    /// from `source`, with its spans, the spans' words and the walk's.
    fn styled_both_ways(source: &str) -> (String, Option<Styled>, Styled) {
        let n = crate::normalize::normalize(source);
        let from_spans = n
            .styled_word_spans()
            .map(|spans| styled_words_in(&n.text, spans));
        let walked = styled_words_by_walking(&n.text);
        (n.text, from_spans, walked)
    }

    #[test]
    fn styled_word_spans_hold_every_styled_word() {
        let mut texts = vec![
            include_str!("../../../seeds/000_b020f26e05120408.txt").to_string(),
            include_str!("../../../fixtures/sample-mended.txt").to_string(),
            include_str!("../../../fixtures/crlf-nbsp-nfd.txt").to_string(),
        ];
        texts.extend(
            [
                // Changed words (NFC, zero-width, eth, tone repair) keep
                // their spans in the output.
                "ho\u{301}a Ðoàn\u{200B}hoá thu\u{309}y hóa\r\nthuỷ",
                "A\u{A0}\u{A0}hoá  \u{200B}hóa\tquý ủy ỦY Uỷ baỏ lựơng",
                "hóa2 2hoá (hóa) hóa-hoá hoa\u{301} hóaξ ΩhoáΩ ñhóa ＨＯＡ",
            ]
            .map(str::to_string),
        );
        for t in &texts {
            let (text, from_spans, walked) = styled_both_ways(t);
            assert_eq!(from_spans.as_ref(), Some(&walked), "{text:?}");
        }
        let (_, _, (old, new)) = styled_both_ways(&texts[3]);
        assert!(!old.is_empty() && !new.is_empty(), "both styles are met");
    }

    /// A text changed after normalizing is searched whole.
    #[test]
    fn styled_word_spans_are_dropped_when_the_text_changes() {
        let mut n = crate::normalize::normalize("hóa hoá");
        assert_eq!(n.styled_word_spans().map(<[_]>::len), Some(2));
        n.text.push_str(" thủy");
        assert_eq!(n.styled_word_spans(), None);
    }

    proptest::proptest! {
        #[test]
        fn styled_word_spans_agree_with_the_walk(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "h", "o", "a", "u", "y", "q", "O", "A", "ó", "á", "ủ", "ỷ", "Ó", "Ủ", "ọ",
                "ạ", "ẻ", "e", "é", "\u{301}", "\u{309}", "\u{323}", "\u{200B}", "\u{FEFF}",
                " ", "  ", "\u{A0}", "\t", "\n", "\r", "2", "-", "\u{2010}", "(", ".", "ð",
                "Ｏ", "ａ", "！", "ξ", "=", "\u{338}", "<", "ª", "\u{F73}", "ư", "ơ",
            ][..]), 0..24)
        ) {
            let (text, from_spans, walked) = styled_both_ways(&parts.concat());
            if let Some(from_spans) = from_spans {
                proptest::prop_assert_eq!(from_spans, walked, "{:?}", text);
            }
        }
    }

    /// Where a doubled pair starts and where its second word starts.
    type Pairs = Vec<(usize, usize)>;

    /// The doubled words found from the function words normalizing marked
    /// are those the walk finds in the whole normalized text.
    fn doubled_both_ways(source: &str) -> (String, Option<Pairs>, Pairs) {
        let n = crate::normalize::normalize(source);
        let at = |d: Vec<Doubled<'_>>| d.into_iter().map(|(p, _, c, _)| (p, c)).collect::<Vec<_>>();
        let from_starts = n
            .function_word_starts()
            .map(|starts| at(doubled_words_at(&n.text, starts)));
        let walked = at(doubled_words_by_walking(&n.text));
        (n.text, from_starts, walked)
    }

    #[test]
    fn function_word_starts_hold_every_doubled_word() {
        let mut texts = vec![
            include_str!("../../../seeds/000_b020f26e05120408.txt").to_string(),
            include_str!("../../../fixtures/sample-mended.txt").to_string(),
        ];
        texts.extend(
            [
                "các các cơ quan; Của của; và  và; (các các) các. các, các các2 các\u{323} các",
                "CHO cho trong Trong\ttrong theo theo. hay hay! khi\nkhi qua qua qua",
                "ca\u{301}c các \u{200B}các các Ðã đã đã\u{A0}đã những những\u{200B} nhưng nhưng",
                "\u{212A}HI khi \u{212A}hông không các các các",
            ]
            .map(str::to_string),
        );
        let mut pairs = 0;
        for t in &texts {
            let (text, from_starts, walked) = doubled_both_ways(t);
            pairs += walked.len();
            assert_eq!(from_starts.as_ref(), Some(&walked), "{text:?}");
        }
        assert!(pairs >= 15, "the texts hold doubled words: {pairs}");
        let mut n = crate::normalize::normalize("các các");
        assert_eq!(n.function_word_starts(), Some(&[0, 5][..]));
        n.text.insert(0, ' ');
        assert_eq!(n.function_word_starts(), None, "the text changed");
    }

    proptest::proptest! {
        #[test]
        fn function_word_starts_agree_with_the_walk(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "các", "Các", "CÁC", "và", "VÀ", "cho", "Cho", "khi", "trong", "đã", "Đã",
                "những", "ca", "c", "\u{301}", "\u{323}", "\u{200B}", " ", " ", " ", "  ",
                "\u{A0}", "\t", "\n", "\r", "2", "(", ".", ",", "ð", "Ｃ", "\u{212A}", "x",
            ][..]), 0..24)
        ) {
            let (text, from_starts, walked) = doubled_both_ways(&parts.concat());
            proptest::prop_assert_eq!(from_starts, Some(walked), "{:?}", text);
        }
    }
}
