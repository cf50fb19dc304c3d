//! Rules on the running text: recipients, doubled words, tone style.

use super::finding;
use crate::check::{Applicability, Context, Finding, Suggestion};
use crate::normalize::chars::{is_letter, is_letter_or_digit};
use crate::normalize::fold::fold;
use crate::normalize::syllable::{ToneStyle, restyle, style_of};
use crate::span::NSpan;

pub(super) fn duplicate_recipient(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let key = |t: &str| {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let recipients = &cx.analysis.plan.recipients;
    for (i, r) in recipients.iter().enumerate() {
        if let Some(first) = recipients[..i]
            .iter()
            .find(|p| p.block == r.block && key(&p.text) == key(&r.text))
        {
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

/// Function words (conjunctions, prepositions, plural and aspect markers,
/// demonstratives) that Vietnamese never doubles on purpose: "các các" is a
/// slip, while content words double legitimately ("ngày ngày", "song song",
/// "từ từ", "người người"). Drawn from the function-word list of the vlp
/// toolkit (phuonglh/vlp, `tpm/src/main/scala/vlp/tpm/StopWords.scala`),
/// leaving out every word with an attested doubled use ("từ từ", "ai ai",
/// "người người", "nhiều nhiều", "rất rất" in speech). Checked against the
/// corpus in `../shared/corpus`: each doubled word it finds there is a slip.
const FUNCTION_WORDS: &[&str] = &[
    "các", "của", "và", "những", "được", "trong", "cho", "với", "để", "là", "đã", "sẽ", "theo",
    "tại", "về", "này", "đó", "thì", "mà", "nhằm", "bằng", "hoặc", "hay", "cũng", "đều", "việc",
    "sự", "trên", "vào", "khi", "nếu", "đang", "bị", "vẫn", "chỉ", "ở", "đến", "qua", "giữa",
    "rằng", "nhưng", "còn", "vì", "có", "không",
];

/// The byte length of the longest of [`FUNCTION_WORDS`]. Vietnamese letters
/// keep their byte length when their case changes (ASCII, "Đ"/"đ", "Ư"/"ư",
/// "Ợ"/"ợ"), so a longer word, or two words of different lengths, cannot be
/// a doubled function word.
const LONGEST_FUNCTION_WORD: usize = {
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

pub(super) fn repeated_word(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let text = &cx.analysis.normalized.text;
    let mut prev: Option<(usize, &str)> = None;
    let bytes = text.as_bytes();
    let mut next = 0;
    // Words are split at single spaces only: a tab or line break between two
    // equal words is a cell or line boundary, not a doubling. A byte scan:
    // the separators are ASCII, so every cut is on a char boundary.
    while next < bytes.len() {
        let start = next;
        let end = bytes[start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n'))
            .map_or(bytes.len(), |p| start + p);
        next = end + 1;
        let word = &text[start..end];
        let sep = text.get(end..next).unwrap_or("");
        if word.is_empty() {
            prev = None;
            continue;
        }
        // The word without surrounding punctuation: "(các" and "các." count.
        let is_punct = |c: char| !is_letter_or_digit(c);
        let core_lead = word.len() - word.trim_start_matches(is_punct).len();
        let core = word[core_lead..].trim_end_matches(is_punct);
        let core_start = start + core_lead;
        // Compared without allocating: nearly every word has one before it,
        // and nearly every pair differs at its first letter.
        if let Some((pstart, pword)) = prev
            && core_lead == 0
            && core.len() == pword.len()
            && core.len() <= LONGEST_FUNCTION_WORD
            && same_ignoring_case(pword, core)
            && FUNCTION_WORDS.contains(&core.to_lowercase().as_str())
        {
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
        // Only a word followed by a single space and no punctuation can be the
        // first of a doubled pair ("các, các" is a list, not a slip).
        let trailing = word.len() - core_lead - core.len();
        prev = if sep == " " && trailing == 0 && !core.is_empty() && core.chars().all(is_letter) {
            Some((core_start, core))
        } else {
            None
        };
    }
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

pub(super) fn tone_style_mixed(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let text = &cx.analysis.normalized.text;
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut start = None;
    let mut check = |from: usize, to: usize| {
        let w = &text[from..to];
        match style_of(w) {
            Some(ToneStyle::Old) => old.push((from, to)),
            Some(ToneStyle::New) => new.push((from, to)),
            None => {}
        }
    };
    for (i, c) in text.char_indices() {
        if is_letter(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            check(s, i);
        }
    }
    if let Some(s) = start {
        check(s, text.len());
    }
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
