//! Vietnamese syllables: their structure, and where the tone mark goes.
//!
//! Every function here looks at ONE word (a run of letters, NFC) and treats
//! it as a single Vietnamese syllable: an onset consonant, a run of vowel
//! letters, an optional final consonant, and a tone. Nothing here allocates
//! unless a word has to be rewritten, and ASCII words (which carry no tone
//! mark) are answered at once.
//!
//! - [`parse`] tells a well-formed syllable ("hoá", "nghiệm", "quý") from
//!   anything else ("UBND", "KH", "TW", "IX", foreign words, numbers).
//! - [`style_of`] and [`restyle`] read and change the tone style of open
//!   oa/oe/uy syllables: old style "hóa, khỏe, thủy", new style "hoá, khoẻ,
//!   thuỷ".
//! - [`repair`] moves a tone mark typed on the wrong letter ("baỏ" → "bảo",
//!   "lựơng" → "lượng"), drops a tone typed twice, and refuses to guess when a
//!   word carries two different tones ([`Ambiguous`]).
//! - [`reorder_marks`] composes a letter whose combining marks came in the
//!   wrong order ("e\u{301}\u{302}" → "ế").
//!
//! # The rules and where they come from
//!
//! - **Tone placement**: Bộ Giáo dục và Đào tạo, Quyết định 1989/QĐ-BGDĐT
//!   (25/5/2018), Điều 8: the tone goes on the main vowel of the syllable;
//!   for ia, ua, ưa on the first letter (bìa, lụa, lửa); for iê, yê, uô, ươ
//!   on the second (biển, thuyền, nhuộm, được); examples "hoà nhạc, quý hoá,
//!   thuỷ thủ, mạnh khoẻ, trí tuệ". That is the new style; the old style,
//!   still common in legal texts ("Luật Thủy sản 2017"), puts the tone of
//!   open oa, oe, uy on the first letter. (Summarised with both examples at
//!   <https://thuvienphapluat.vn/phap-luat-doanh-nghiep/cau-hoi-thuong-gap/dat-dau-thanh-sao-cho-dung-theo-quy-dinh-cua-phap-luat-3403.html>.)
//! - **The word list** `data/tone-placement-words.tsv` (73 words in both
//!   styles, each with the reason; its header names its sources): the styles
//!   differ only for oa, oe, uy in an open syllable, and for uy not after q.
//!   Every row is a test below.
//! - **Syllable structure**, as in standard descriptions of Vietnamese
//!   phonology and spelling: onsets b c ch d đ g gh gi h k kh l m n ng ngh nh
//!   p ph qu r s t th tr v x or none; "qu" and "gi" before a vowel are onsets
//!   (quý, giữ) but in "gì", "gìn" the i is the vowel; k, gh, ngh are written
//!   before i, y, e, ê and c, g, ng elsewhere; final consonants c ch m n ng nh
//!   p t, or an off-glide i, y, o, u closing a diphthong (ai, ao, au, ay, âu,
//!   ây, eo, êu, iu, oi, ôi, ơi, ui, ưi, ưu, and iêu, yêu, uôi, ươi, ươu,
//!   oai, oay, oeo, uây, uyu); ă, â, iê, yê, uô, oă, uâ, uyê are never open;
//!   ia, ua, ưa, uơ never take a final consonant; and a syllable closed by c,
//!   ch, p or t takes only the sắc or nặng tone (or none, in text typed
//!   without marks).
//!
//! # Where the tone goes
//!
//! | vowels | tone on | examples |
//! |---|---|---|
//! | one vowel letter | it | má, quý, giữ, gì |
//! | ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu | first | bảo, cái, mây, hữu |
//! | ia ua ưa (open) | first | kìa, của, lửa |
//! | iê yê uô ươ (closed), uơ | second | nghiệm, yếu, muối, lượng, thuở |
//! | oă uâ uê oo | second | hoặc, tuần, huệ, soóc |
//! | oa oe uy + final consonant | second | hoàn, loét, huýt |
//! | oa oe uy, open | old: first, new: second | hóa/hoá, khỏe/khoẻ, thủy/thuỷ |
//! | oai oay oeo uây uyu uya | second | ngoài, xoáy, ngoẹo, khuấy, khuỷu |
//! | uyê | third | thuyết, khuyến |
//!
//! # Limits
//!
//! - Place names from minority languages spelled outside these rules ("Đắk
//!   Lắk" ends in k, "Bắc Kạn" has k before a, "Krông" starts with kr) are
//!   not syllables here: nothing rewrites them.
//! - Two words run together ("chú ý" typed "chúý") may form a valid
//!   syllable with the same tone twice, which [`repair`] reduces to one. A
//!   capital after a small letter ("chúÝ") is never a syllable, which
//!   catches the capitalised cases.
//! - A word is one syllable: a word of several ("kilôgam", or words glued
//!   at a line join) is not a syllable and is left alone.
//! - Spelling beyond tone marks (i or y in "quí"/"quý", "ngìn" for "nghìn")
//!   is not corrected: "quí" is left as is, "ngìn" is no syllable.
//!
//! # Positions
//!
//! [`Letter::start`] and [`Letter::end`] are byte offsets into the word as
//! given, starting at 0; a letter followed by combining marks spans them too.
//! Letter indices ([`Syllable::letters`], [`Syllable::tone_letter`]) count
//! letters, not bytes or scalar values.

use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{compose, decompose_canonical};

/// The most letters a Vietnamese syllable has ("nghiêng" has 7).
const MAX_LETTERS: usize = 8;

const BREVE: char = '\u{306}';
const CIRCUMFLEX: char = '\u{302}';
const HORN: char = '\u{31B}';

/// One of the six Vietnamese tones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tone {
    /// Ngang: no mark (ma).
    #[default]
    Level,
    /// Huyền: grave accent (mà).
    Grave,
    /// Hỏi: hook above (mả).
    Hook,
    /// Ngã: tilde (mã).
    Tilde,
    /// Sắc: acute accent (má).
    Acute,
    /// Nặng: dot below (mạ).
    Dot,
}

impl Tone {
    /// The combining mark that writes this tone (U+0300, U+0309, U+0303,
    /// U+0301, U+0323); `None` for the level tone, which has no mark.
    pub fn mark(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Grave => Some('\u{300}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Acute => Some('\u{301}'),
            Tone::Dot => Some('\u{323}'),
        }
    }

    /// The Vietnamese name of the tone: "ngang", "huyền", "hỏi", "ngã",
    /// "sắc", "nặng".
    pub fn name(self) -> &'static str {
        match self {
            Tone::Level => "ngang",
            Tone::Grave => "huyền",
            Tone::Hook => "hỏi",
            Tone::Tilde => "ngã",
            Tone::Acute => "sắc",
            Tone::Dot => "nặng",
        }
    }

    /// The tone a combining mark writes, if it is one of the five tone marks.
    pub fn from_mark(mark: char) -> Option<Tone> {
        match mark {
            '\u{300}' => Some(Tone::Grave),
            '\u{309}' => Some(Tone::Hook),
            '\u{303}' => Some(Tone::Tilde),
            '\u{301}' => Some(Tone::Acute),
            '\u{323}' => Some(Tone::Dot),
            _ => None,
        }
    }
}

/// Where the tone of an open oa, oe or uy syllable is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// Kiểu cũ, on the first vowel letter: hóa, khỏe, thủy, Ủy.
    Old,
    /// Kiểu mới (Quyết định 1989/QĐ-BGDĐT), on the second: hoá, khoẻ, thuỷ, Uỷ.
    New,
}

/// One letter of a word analysed as a syllable, with its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Letter {
    letter: char,
    upper: bool,
    start: u8,
    end: u8,
}

impl Letter {
    /// The letter in lowercase, with its quality mark and without its tone:
    /// one of a–z, ă, â, ê, ô, ơ, ư, đ.
    pub fn letter(&self) -> char {
        self.letter
    }

    /// Whether the letter is written as a capital.
    pub fn is_upper(&self) -> bool {
        self.upper
    }

    /// Byte offset in the word where the letter starts, from 0.
    pub fn start(&self) -> usize {
        usize::from(self.start)
    }

    /// Byte offset in the word just past the letter and any combining marks
    /// that follow it.
    pub fn end(&self) -> usize {
        usize::from(self.end)
    }

    /// Whether this is a vowel letter (a ă â e ê i o ô ơ u ư y).
    pub fn is_vowel(&self) -> bool {
        is_vowel(self.letter)
    }

    /// Appends the letter, in its case, with `tone`, composed (NFC).
    fn push_to(&self, out: &mut String, tone: Tone) {
        let c = if self.upper {
            self.letter.to_uppercase().next().unwrap_or(self.letter)
        } else {
            self.letter
        };
        match tone.mark() {
            None => out.push(c),
            // "ệ" is "ẹ" + circumflex in Unicode, not "ê" + dot below: only
            // full canonical composition finds it.
            Some(mark) => match compose(c, mark) {
                Some(composed) => out.push(composed),
                None => out.extend([c, mark].into_iter().nfc()),
            },
        }
    }
}

/// The error of [`repair`]: the word carries two different tones, so which
/// one the writer meant cannot be known ("hóà").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambiguous {
    /// The first tone written in the word.
    pub first: Tone,
    /// A different tone written later in the same word.
    pub second: Tone,
}

impl fmt::Display for Ambiguous {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the word carries two different tones, {} and {}, so which one is meant is unclear",
            self.first.name(),
            self.second.name()
        )
    }
}

impl std::error::Error for Ambiguous {}

/// Which final consonants a vowel cluster takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Final {
    /// None: the syllable ends with the cluster (ia, ai, ươi).
    Never,
    /// Always one (ă, iê, uô).
    Always,
    /// Either (a, oa, uy).
    Either,
}

/// Where a vowel cluster takes its tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// On this vowel letter, counted from 0, in both styles.
    At(u8),
    /// oa, oe, uy: open, on the first (old) or second (new); closed, on the second.
    Styled,
}

/// What the spelling rules say about one vowel cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rhyme {
    /// Which final consonants it takes.
    final_: Final,
    /// Where its tone goes.
    place: Place,
    /// Whether its last letter is an off-glide (the i of "ai"), which counts
    /// as the coda.
    glide: bool,
}

/// The spelling rules for the vowel letters of a syllable (after "qu" and
/// "gi"), or `None` if Vietnamese has no such cluster.
fn rhyme(vowels: &[char]) -> Option<Rhyme> {
    use Final::{Always, Either, Never};
    use Place::{At, Styled};
    let (final_, place, glide) = match vowels {
        ['a' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'] => (Either, At(0), false),
        ['ă' | 'â'] => (Always, At(0), false),
        ['a' | 'o' | 'ô' | 'ơ' | 'u' | 'ư', 'i']
        | ['a' | 'â', 'y']
        | ['a' | 'â' | 'ê' | 'i' | 'ư', 'u']
        | ['a' | 'e', 'o'] => (Never, At(0), true),
        ['i' | 'u' | 'ư', 'a'] => (Never, At(0), false),
        ['i' | 'y', 'ê'] | ['u', 'ô'] | ['ư', 'ơ'] => (Always, At(1), false),
        ['o', 'a'] | ['o', 'e'] | ['u', 'y'] => (Either, Styled, false),
        ['o', 'ă'] | ['u', 'â'] | ['o', 'o'] => (Always, At(1), false),
        ['u', 'ê'] => (Either, At(1), false),
        ['u', 'ơ'] => (Never, At(1), false),
        ['i' | 'y', 'ê', 'u']
        | ['u', 'ô', 'i']
        | ['ư', 'ơ', 'i' | 'u']
        | ['o', 'a', 'i' | 'y' | 'o']
        | ['o', 'e', 'o']
        | ['u', 'â', 'y']
        | ['u', 'y', 'u'] => (Never, At(1), true),
        ['u', 'y', 'a'] => (Never, At(1), false),
        ['u', 'y', 'ê'] => (Always, At(2), false),
        _ => return None,
    };
    Some(Rhyme {
        final_,
        place,
        glide,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// The onset spelled by these consonant letters, if it is one.
fn onset(consonants: &[char]) -> Option<&'static str> {
    Some(match consonants {
        [] => "",
        ['b'] => "b",
        ['c'] => "c",
        ['c', 'h'] => "ch",
        ['d'] => "d",
        ['đ'] => "đ",
        ['g'] => "g",
        ['g', 'h'] => "gh",
        ['h'] => "h",
        ['k'] => "k",
        ['k', 'h'] => "kh",
        ['l'] => "l",
        ['m'] => "m",
        ['n'] => "n",
        ['n', 'g'] => "ng",
        ['n', 'g', 'h'] => "ngh",
        ['n', 'h'] => "nh",
        ['p'] => "p",
        ['p', 'h'] => "ph",
        ['r'] => "r",
        ['s'] => "s",
        ['t'] => "t",
        ['t', 'h'] => "th",
        ['t', 'r'] => "tr",
        ['v'] => "v",
        ['x'] => "x",
        _ => return None,
    })
}

/// The final consonant spelled by these letters, if it is one.
fn final_consonant(letters: &[char]) -> Option<&'static str> {
    Some(match letters {
        [] => "",
        ['c'] => "c",
        ['c', 'h'] => "ch",
        ['m'] => "m",
        ['n'] => "n",
        ['n', 'g'] => "ng",
        ['n', 'h'] => "nh",
        ['p'] => "p",
        ['t'] => "t",
        _ => return None,
    })
}

/// Whether `onset` may be written before the vowel letter `first`: k, gh,
/// ngh before i, y, e, ê only (k also before y), c, g, ng never there.
fn onset_fits(onset: &str, first: char) -> bool {
    let front = matches!(first, 'i' | 'y' | 'e' | 'ê');
    match onset {
        "k" => front,
        "gh" | "ngh" => front && first != 'y',
        "c" | "ng" => !front,
        // "g" + i only as in "gì", "gìn"; "gi" + vowel is the onset "gi".
        "g" => !front || first == 'i',
        _ => true,
    }
}

/// The letters of a word and the tone marks found on them.
#[derive(Debug, Clone, Copy)]
struct Decoded {
    letters: [Letter; MAX_LETTERS],
    len: usize,
    /// The first tone written, `Level` if none.
    tone: Tone,
    /// Letter index of the first tone mark.
    tone_at: usize,
    /// How many tone marks were written in all.
    tone_marks: usize,
    /// A second tone, different from `tone`.
    conflict: Option<Tone>,
    /// Every letter is one precomposed scalar value (no combining marks
    /// follow it).
    canonical: bool,
}

/// The letter `letter` (lowercase, no quality mark yet) takes with a quality
/// mark, or `None` if it takes none (or has one already).
fn with_quality(letter: char, mark: char) -> Option<char> {
    Some(match (letter, mark) {
        ('a', BREVE) => 'ă',
        ('a', CIRCUMFLEX) => 'â',
        ('e', CIRCUMFLEX) => 'ê',
        ('o', CIRCUMFLEX) => 'ô',
        ('o', HORN) => 'ơ',
        ('u', HORN) => 'ư',
        _ => return None,
    })
}

impl Decoded {
    /// Starts a letter from its base character (ASCII letter or đ).
    fn push(&mut self, base: char, start: u8, end: u8) -> Option<()> {
        let (letter, upper) = match base {
            'a'..='z' => (base, false),
            'A'..='Z' => (base.to_ascii_lowercase(), true),
            'đ' => ('đ', false),
            'Đ' => ('đ', true),
            _ => return None,
        };
        *self.letters.get_mut(self.len)? = Letter {
            letter,
            upper,
            start,
            end,
        };
        self.len += 1;
        Some(())
    }

    /// Applies a tone or quality mark to the last letter.
    fn mark(&mut self, mark: char) -> Option<()> {
        let index = self.len.checked_sub(1)?;
        if let Some(tone) = Tone::from_mark(mark) {
            self.tone_marks += 1;
            if self.tone == Tone::Level {
                self.tone = tone;
                self.tone_at = index;
            } else if self.tone != tone && self.conflict.is_none() {
                self.conflict = Some(tone);
            }
        } else {
            let l = &mut self.letters[index];
            l.letter = with_quality(l.letter, mark)?;
        }
        Some(())
    }

    /// Whether the word is in lowercase, in capitals, or capitalised: a
    /// capital after a small letter ("chúÝ", two words run together) is no
    /// syllable.
    fn case_fits(&self) -> bool {
        let letters = &self.letters[..self.len];
        let Some((first, rest)) = letters.split_first() else {
            return false;
        };
        let upper = rest.iter().filter(|l| l.upper).count();
        upper == 0 || (upper == rest.len() && first.upper)
    }

    fn lowercase(&self) -> [char; MAX_LETTERS] {
        let mut out = ['\0'; MAX_LETTERS];
        for (o, l) in out.iter_mut().zip(&self.letters[..self.len]) {
            *o = l.letter;
        }
        out
    }
}

/// The letter a, e, o, u or y (lowercase) that `c` writes with any tone and
/// in either case, without a quality mark; `None` for anything else.
fn plain_vowel(c: char) -> Option<char> {
    Some(match c {
        'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'A' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' => 'a',
        'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'E' | 'È' | 'É' | 'Ẻ' | 'Ẽ' | 'Ẹ' => {
            'e'
        }
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'O' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' => 'o',
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'U' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ' | 'Ụ' => 'u',
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Y' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => {
            'y'
        }
        _ => return None,
    })
}

/// Whether a word of letters only (no combining marks) that ends in `last`
/// can be written differently in the two tone styles: only a word that ends
/// in oa, oe or uy can, so `last` must be an a, e or y, with or without a
/// tone mark, in either case. A quick test on a word's last char before
/// [`style_of`] looks at the whole word.
pub fn may_end_styled_word(last: char) -> bool {
    matches!(plain_vowel(last), Some('a' | 'e' | 'y'))
}

/// Whether `c` is an a, e, o, u or y with a tone mark on it (precomposed):
/// a word of letters has a style only if one of its last two chars is one.
pub fn may_carry_style_tone(c: char) -> bool {
    !c.is_ascii() && plain_vowel(c).is_some()
}

/// A cheap test before [`parse`]: whether `word` could be a syllable the
/// two tone styles write differently, that is, ends in oa, oe or uy with a
/// tone mark somewhere. Words with combining marks are let through.
fn may_have_two_styles(word: &str) -> bool {
    if word.is_ascii() {
        return false;
    }
    let mut rev = word.chars().rev();
    let (Some(last), Some(before)) = (rev.next(), rev.next()) else {
        return false;
    };
    if is_mark(last) || is_mark(before) {
        return true;
    }
    may_end_styled_pair(before, last)
}

/// Whether a word of letters only (no combining marks) whose last two chars
/// are `before` and `last` can be written differently in the two tone
/// styles: whether they are o then a or e, or u then y, with or without
/// tone marks, in either case.
pub fn may_end_styled_pair(before: char, last: char) -> bool {
    matches!(
        (plain_vowel(before), plain_vowel(last)),
        (Some('o'), Some('a' | 'e')) | (Some('u'), Some('y'))
    )
}

/// A cheap test before [`repair`]: whether `word` has a character other
/// than ASCII and the toneless letters ă â ê ô ơ ư đ, so it may carry a tone
/// mark or a combining mark.
fn may_need_repair(word: &str) -> bool {
    !word.is_ascii()
        && word.chars().any(|c| {
            !c.is_ascii()
                && !matches!(
                    c,
                    'ă' | 'â'
                        | 'ê'
                        | 'ô'
                        | 'ơ'
                        | 'ư'
                        | 'đ'
                        | 'Ă'
                        | 'Â'
                        | 'Ê'
                        | 'Ô'
                        | 'Ơ'
                        | 'Ư'
                        | 'Đ'
                )
        })
}

fn is_mark(c: char) -> bool {
    Tone::from_mark(c).is_some() || matches!(c, BREVE | CIRCUMFLEX | HORN)
}

/// Splits `word` into letters, each a base letter with its marks, the marks
/// either precomposed or combining (U+0300, U+0301, U+0303, U+0309, U+0323,
/// U+0302, U+0306, U+031B) in any order. `None` if anything else is there,
/// or a letter has two quality marks or one it cannot take.
fn decode(word: &str) -> Option<Decoded> {
    // Offsets fit in a byte: no syllable is that long.
    let len = u8::try_from(word.len()).ok()?;
    let mut d = Decoded {
        letters: [Letter::default(); MAX_LETTERS],
        len: 0,
        tone: Tone::Level,
        tone_at: 0,
        tone_marks: 0,
        conflict: None,
        canonical: true,
    };
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let start = u8::try_from(i).ok()?;
        let end = chars
            .peek()
            .map_or(Some(len), |&(j, _)| u8::try_from(j).ok())?;
        if c.is_ascii() {
            d.push(c, start, end)?;
        } else if is_mark(c) {
            d.mark(c)?;
            d.canonical = false;
            d.letters[d.len - 1].end = end;
        } else {
            let mut parts = [None; 4];
            let mut n = 0;
            decompose_canonical(c, |part| {
                if let Some(slot) = parts.get_mut(n) {
                    *slot = Some(part);
                }
                n += 1;
            });
            let [Some(base), ..] = parts else {
                return None;
            };
            if n > parts.len() {
                return None;
            }
            d.push(base, start, end)?;
            for mark in parts[1..].iter().flatten() {
                if !is_mark(*mark) {
                    return None;
                }
                d.mark(*mark)?;
            }
        }
    }
    Some(d)
}

/// Where the parts of a syllable lie, read from its letters without tones.
#[derive(Debug, Clone, Copy)]
struct Shape {
    onset: &'static str,
    /// Letter index of the first vowel letter.
    vowels_start: usize,
    /// Letter index just past the last vowel letter.
    vowels_end: usize,
    final_: &'static str,
    rhyme: Rhyme,
}

impl Shape {
    /// Where the tone goes, counted in vowel letters from 0.
    fn place(&self, style: ToneStyle) -> usize {
        match self.rhyme.place {
            Place::At(i) => usize::from(i),
            Place::Styled if self.final_.is_empty() && style == ToneStyle::Old => 0,
            Place::Styled => 1,
        }
    }

    /// Whether the tone may stand on vowel letter `i` in some style.
    fn allows(&self, i: usize) -> bool {
        i == self.place(ToneStyle::Old) || i == self.place(ToneStyle::New)
    }

    /// Whether the two styles place the tone differently.
    fn styled(&self) -> bool {
        self.place(ToneStyle::Old) != self.place(ToneStyle::New)
    }

    /// Whether `tone` may be carried: c, ch, p, t close only sắc and nặng
    /// syllables (and unmarked text).
    fn takes(&self, tone: Tone) -> bool {
        !matches!(self.final_, "c" | "ch" | "p" | "t")
            || matches!(tone, Tone::Level | Tone::Acute | Tone::Dot)
    }
}

/// The syllable structure of decoded letters, ignoring their tones.
fn shape(d: &Decoded) -> Option<Shape> {
    if !d.case_fits() {
        return None;
    }
    let chars = d.lowercase();
    let ls = &chars[..d.len];
    let (onset, vowels_start) = match ls {
        ['q', 'u', v, ..] if is_vowel(*v) => ("qu", 2),
        ['q', ..] => return None,
        ['g', 'i', v, ..] if is_vowel(*v) => ("gi", 2),
        _ => {
            let n = ls.iter().take_while(|c| !is_vowel(**c)).count();
            (onset(&ls[..n])?, n)
        }
    };
    let vowels_end = vowels_start
        + ls[vowels_start..]
            .iter()
            .take_while(|c| is_vowel(**c))
            .count();
    if vowels_end == vowels_start || !onset_fits(onset, ls[vowels_start]) {
        return None;
    }
    let rhyme = rhyme(&ls[vowels_start..vowels_end])?;
    let final_ = final_consonant(&ls[vowels_end..])?;
    let fits = match rhyme.final_ {
        Final::Never => final_.is_empty(),
        Final::Always => !final_.is_empty(),
        Final::Either => true,
    };
    fits.then_some(Shape {
        onset,
        vowels_start,
        vowels_end,
        final_,
        rhyme,
    })
}

/// A word analysed as a Vietnamese syllable. Made by [`parse`].
#[derive(Debug, Clone, Copy)]
pub struct Syllable {
    letters: [Letter; MAX_LETTERS],
    len: usize,
    shape: Shape,
    tone: Tone,
    /// Index into the vowel letters of the letter carrying the tone.
    tone_at: Option<usize>,
}

impl Syllable {
    /// Every letter of the word, in order.
    pub fn letters(&self) -> &[Letter] {
        &self.letters[..self.len]
    }

    /// The onset in lowercase ("ngh", "qu", "gi", "đ"), `""` if none. The u
    /// of "qu" and the i of "gi" before a vowel belong to it.
    pub fn onset(&self) -> &'static str {
        self.shape.onset
    }

    /// The vowel letters after the onset, in order: medial, main vowel(s)
    /// and off-glide ("o", "a", "i" in "ngoài"), each with its position.
    pub fn vowels(&self) -> &[Letter] {
        &self.letters[self.shape.vowels_start..self.shape.vowels_end]
    }

    /// The vowel nucleus: [`Syllable::vowels`] without an off-glide that
    /// closes the syllable ("oa" in "ngoài", "ươ" in "người").
    pub fn nucleus(&self) -> &[Letter] {
        let v = self.vowels();
        if self.shape.rhyme.glide {
            &v[..v.len() - 1]
        } else {
            v
        }
    }

    /// The coda in lowercase: a final consonant (c ch m n ng nh p t), an
    /// off-glide (i y o u), or `""` for an open syllable.
    pub fn coda(&self) -> &'static str {
        if self.shape.rhyme.glide {
            match self.vowels().last().map(Letter::letter) {
                Some('i') => "i",
                Some('y') => "y",
                Some('o') => "o",
                _ => "u",
            }
        } else {
            self.shape.final_
        }
    }

    /// The tone.
    pub fn tone(&self) -> Tone {
        self.tone
    }

    /// Which of [`Syllable::vowels`] carries the tone mark as written, `None`
    /// for the level tone.
    pub fn tone_letter(&self) -> Option<usize> {
        self.tone_at
    }

    /// Which of [`Syllable::vowels`] the tone belongs on in `style`.
    pub fn tone_place(&self, style: ToneStyle) -> usize {
        self.shape.place(style)
    }

    /// Whether the two tone styles write this syllable differently when it
    /// has a tone: open oa, oe, uy (not after q).
    pub fn has_two_styles(&self) -> bool {
        self.shape.styled()
    }

    /// The style the syllable is written in; `None` unless
    /// [`Syllable::has_two_styles`] and the tone is not level.
    pub fn style(&self) -> Option<ToneStyle> {
        if !self.shape.styled() {
            return None;
        }
        match self.tone_at? {
            0 => Some(ToneStyle::Old),
            _ => Some(ToneStyle::New),
        }
    }
}

/// Parses a word as a Vietnamese syllable; `None` if it is not a valid one
/// (identifiers, abbreviations like "UBND", "KH", "TW", foreign words,
/// numbers), or if its tone mark is not where either style puts it ("baỏ":
/// see [`repair`]). Letters may carry combining marks in any order.
///
/// An abbreviation that is spelled like a syllable ("TU", "TA") parses; it
/// has no tone, so nothing here changes it.
pub fn parse(word: &str) -> Option<Syllable> {
    let d = decode(word)?;
    if d.conflict.is_some() || d.tone_marks > 1 {
        return None;
    }
    let shape = shape(&d)?;
    if !shape.takes(d.tone) {
        return None;
    }
    let tone_at = if d.tone == Tone::Level {
        None
    } else {
        let i = d.tone_at.checked_sub(shape.vowels_start)?;
        if d.tone_at >= shape.vowels_end || !shape.allows(i) {
            return None;
        }
        Some(i)
    };
    Some(Syllable {
        letters: d.letters,
        len: d.len,
        shape,
        tone: d.tone,
        tone_at,
    })
}

/// The style a written word uses, if it is an open oa/oe/uy syllable whose
/// tone is not level; `None` otherwise (the word is the same in both styles,
/// or it is not a syllable).
pub fn style_of(word: &str) -> Option<ToneStyle> {
    if !may_have_two_styles(word) {
        return None;
    }
    parse(word)?.style()
}

/// The word with its tone mark placed per `style`; `None` if it is already
/// placed so, or the word is the same in both styles, or it is not a valid
/// syllable. Case is kept letter by letter ("HÓA" → "HOÁ", "Ủy" → "Uỷ",
/// "Thúy" → "Thuý"); only the two letters the tone moves between are
/// rewritten.
pub fn restyle(word: &str, style: ToneStyle) -> Option<String> {
    if !may_have_two_styles(word) {
        return None;
    }
    let s = parse(word)?;
    let from = s.tone_at?;
    let to = s.tone_place(style);
    if from == to {
        return None;
    }
    let vowels = s.shape.vowels_start;
    let mut out = String::with_capacity(word.len() + 2);
    for (i, l) in s.letters().iter().enumerate() {
        if i == vowels + from {
            l.push_to(&mut out, Tone::Level);
        } else if i == vowels + to {
            l.push_to(&mut out, s.tone);
        } else {
            out.push_str(&word[l.start()..l.end()]);
        }
    }
    Some(out)
}

/// Repairs the tone mark of a word: moves it off the wrong letter ("baỏ" →
/// "bảo", "lựơng" → "lượng", "nghịêm" → "nghiệm", "gìa" → "già"), keeps one of
/// the same tone typed twice ("bảỏ" → "bảo"), and composes marks typed in the
/// wrong order. An open oa/oe/uy keeps the writer's style ("hoà" and "hòa"
/// are both left alone); when the writing shows no style, the new style is
/// used (see [`repair_with`]).
///
/// `Ok(None)` when there is nothing to repair, or the word without its tone
/// marks is not a syllable, or the repaired word would still be invalid (a
/// huyền on "hoc"). `Err(Ambiguous)` when a syllable carries two different
/// tones ("hóà"): the writer's intent is unknown.
pub fn repair(word: &str) -> Result<Option<String>, Ambiguous> {
    repair_with(word, ToneStyle::New)
}

/// [`repair`], with the style to use for an open oa/oe/uy whose writing
/// shows none (the tone typed twice, or on a consonant).
pub fn repair_with(word: &str, fallback: ToneStyle) -> Result<Option<String>, Ambiguous> {
    if !may_need_repair(word) {
        return Ok(None);
    }
    let Some(d) = decode(word) else {
        return Ok(None);
    };
    let Some(shape) = shape(&d) else {
        return Ok(None);
    };
    if let Some(second) = d.conflict {
        return Err(Ambiguous {
            first: d.tone,
            second,
        });
    }
    if !shape.takes(d.tone) {
        return Ok(None);
    }
    let target = if d.tone == Tone::Level {
        None
    } else {
        // The writer's choice stands if it is one a style allows.
        let written = d
            .tone_at
            .checked_sub(shape.vowels_start)
            .filter(|&i| d.tone_marks == 1 && d.tone_at < shape.vowels_end && shape.allows(i));
        let place = written.unwrap_or_else(|| shape.place(fallback));
        Some(shape.vowels_start + place)
    };
    if d.canonical && d.tone_marks <= 1 && target.is_none_or(|t| t == d.tone_at) {
        return Ok(None);
    }
    let mut out = String::with_capacity(word.len() + 2);
    for (i, l) in d.letters[..d.len].iter().enumerate() {
        let tone = if Some(i) == target {
            d.tone
        } else {
            Tone::Level
        };
        l.push_to(&mut out, tone);
    }
    Ok((out != word).then_some(out))
}

/// Composes one letter followed by combining marks in any order (U+0300
/// grave, U+0301 acute, U+0303 tilde, U+0309 hook, U+0323 dot below, U+0302
/// circumflex, U+0306 breve, U+031B horn): the quality mark goes on before
/// the tone, so "e\u{301}\u{302}" becomes "ế" and "O\u{323}\u{31B}" becomes
/// "Ợ". The same tone typed twice counts once.
///
/// `None` if `s` is not one such letter with marks, if the marks conflict
/// (two tones, two quality marks, a quality mark the letter cannot take), or
/// if `s` is already the composed letter.
pub fn reorder_marks(s: &str) -> Option<String> {
    let d = decode(s)?;
    if d.len != 1 || d.conflict.is_some() {
        return None;
    }
    let mut out = String::with_capacity(4);
    d.letters[0].push_to(&mut out, d.tone);
    (out != s).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &str = include_str!("../../data/tone-placement-words.tsv");

    /// The data rows: (old, new, differs, why).
    fn rows() -> Vec<(&'static str, &'static str, bool, &'static str)> {
        WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 4, "malformed row {l:?}");
                assert!(matches!(f[2], "same" | "differs"), "row {l:?}");
                (f[0], f[1], f[2] == "differs", f[3])
            })
            .collect()
    }

    #[test]
    fn every_row_of_the_word_list_in_both_directions() {
        let rows = rows();
        assert_eq!(rows.len(), 73);
        let mut bad = Vec::new();
        let mut check = |what: String, got: String, want: String| {
            if got != want {
                bad.push(format!("{what}: got {got}, want {want}"));
            }
        };
        for (old, new, differs, why) in rows {
            let w = |s: &str| format!("{s:?} ({why})");
            if differs {
                check(
                    format!("restyle({}, New)", w(old)),
                    format!("{:?}", restyle(old, ToneStyle::New)),
                    format!("{:?}", Some(new)),
                );
                check(
                    format!("restyle({}, Old)", w(new)),
                    format!("{:?}", restyle(new, ToneStyle::Old)),
                    format!("{:?}", Some(old)),
                );
                check(
                    format!("style_of({})", w(old)),
                    format!("{:?}", style_of(old)),
                    format!("{:?}", Some(ToneStyle::Old)),
                );
                check(
                    format!("style_of({})", w(new)),
                    format!("{:?}", style_of(new)),
                    format!("{:?}", Some(ToneStyle::New)),
                );
            } else {
                check(format!("same word {}", w(old)), old.into(), new.into());
                check(
                    format!("style_of({})", w(old)),
                    format!("{:?}", style_of(old)),
                    "None".into(),
                );
            }
            for word in [old, new] {
                check(
                    format!("parse({}) is a syllable", w(word)),
                    parse(word).is_some().to_string(),
                    "true".into(),
                );
                check(
                    format!("repair({})", w(word)),
                    format!("{:?}", repair(word)),
                    "Ok(None)".into(),
                );
                for style in [ToneStyle::Old, ToneStyle::New] {
                    // Already in `style`, or the same in both: nothing to do.
                    let styled = restyle(word, style).unwrap_or_else(|| word.to_string());
                    check(
                        format!("restyle(restyle({}, {style:?}), {style:?})", w(word)),
                        format!("{:?}", restyle(&styled, style)),
                        "None".into(),
                    );
                    if !differs {
                        check(
                            format!("restyle({}, {style:?})", w(word)),
                            format!("{:?}", restyle(word, style)),
                            "None".into(),
                        );
                    }
                }
            }
            if differs {
                check(
                    format!("restyle({}, Old)", w(old)),
                    format!("{:?}", restyle(old, ToneStyle::Old)),
                    "None".into(),
                );
                check(
                    format!("restyle({}, New)", w(new)),
                    format!("{:?}", restyle(new, ToneStyle::New)),
                    "None".into(),
                );
            }
        }
        assert!(
            bad.is_empty(),
            "{} mismatches:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn identifiers_and_abbreviations_are_not_syllables() {
        for word in [
            "204-KH/TU",
            "KH",
            "UBND",
            "PTNT",
            "HĐND",
            "TW",
            "IX",
            "204",
            "KH/TU",
            "NQ",
            "CP",
            "BCĐ",
            "",
        ] {
            assert!(parse(word).is_none(), "{word:?} parsed");
            assert_eq!(style_of(word), None, "{word:?}");
            assert_eq!(restyle(word, ToneStyle::New), None, "{word:?}");
            assert_eq!(restyle(word, ToneStyle::Old), None, "{word:?}");
            assert_eq!(repair(word), Ok(None), "{word:?}");
        }
        // Spelled like a syllable, but no tone: nothing changes.
        for word in ["TU", "TA", "UY", "HOA"] {
            assert!(parse(word).is_some(), "{word:?}");
            assert_eq!(restyle(word, ToneStyle::New), None, "{word:?}");
            assert_eq!(repair(word), Ok(None), "{word:?}");
        }
    }

    #[test]
    fn foreign_spellings_are_not_syllables() {
        for word in [
            "café", "été", "naïve", "año", "Zürich", "façade", "wò", "fá", "cé", "kó", "ghá",
            "ngé", "qí", "ắ", "biê", "ưà", "hoàc", "bảt", "mưń",
        ] {
            assert!(parse(word).is_none(), "{word:?} parsed");
            assert_eq!(restyle(word, ToneStyle::New), None, "{word:?}");
        }
    }

    #[test]
    fn level_tone_has_no_style() {
        assert_eq!(style_of("Hoa"), None);
        assert_eq!(style_of("thuy"), None);
        assert_eq!(style_of("khuya"), None);
        assert_eq!(restyle("Hoa", ToneStyle::Old), None);
        assert_eq!(restyle("Hoa", ToneStyle::New), None);
    }

    #[test]
    fn case_is_kept_per_letter() {
        assert_eq!(restyle("HÓA", ToneStyle::New).as_deref(), Some("HOÁ"));
        assert_eq!(restyle("HOÁ", ToneStyle::Old).as_deref(), Some("HÓA"));
        assert_eq!(restyle("Ủy", ToneStyle::New).as_deref(), Some("Uỷ"));
        assert_eq!(restyle("Uỷ", ToneStyle::Old).as_deref(), Some("Ủy"));
        assert_eq!(restyle("Thúy", ToneStyle::New).as_deref(), Some("Thuý"));
        assert_eq!(restyle("KHỎE", ToneStyle::New).as_deref(), Some("KHOẺ"));
        assert_eq!(style_of("HÓA"), Some(ToneStyle::Old));
        assert_eq!(style_of("Uỷ"), Some(ToneStyle::New));
        // A capital after a small letter: two words run together, or an
        // identifier.
        for word in ["hÒa", "chúÝ", "tHủy", "ÚY"] {
            assert!(parse(word).is_none() || word == "ÚY", "{word:?}");
            assert_eq!(repair(word), Ok(None), "{word:?}");
        }
        assert_eq!(restyle("ÚY", ToneStyle::New).as_deref(), Some("UÝ"));
    }

    #[test]
    fn restyle_is_idempotent() {
        for word in ["hóa", "hoá", "Ủy", "thuỷ", "khỏe", "hoàn", "quý", "người"] {
            for style in [ToneStyle::Old, ToneStyle::New] {
                let once = restyle(word, style).unwrap_or_else(|| word.to_string());
                assert_eq!(restyle(&once, style), None, "{word:?} {style:?}");
                assert!(style_of(&once).is_none_or(|s| s == style));
            }
        }
    }

    #[test]
    fn repairs_misplaced_tones() {
        let cases = [
            ("baỏ", "bảo"),
            ("BAỎ", "BẢO"),
            ("lựơng", "lượng"),
            ("nghịêm", "nghiệm"),
            ("Nghịêm", "Nghiệm"),
            ("muốí", "muối"),
            ("caí", "cái"),
            ("gìa", "già"),
            ("qúy", "quý"),
            ("hoaǹ", "hoàn"),
            ("thúyêt", "thuyết"),
            ("ngòai", "ngoài"),
            ("tùân", "tuần"),
            ("mưá", "mứa"),
            ("cuả", "của"),
            ("kiêủ", "kiểu"),
            // The same tone typed twice.
            ("bảỏ", "bảo"),
            ("ngườì", "người"),
            // No style to keep: the new style.
            ("hóá", "hoá"),
            // Seen in real documents (the official name is "Tằng Loỏng": oo
            // + ng takes the tone on the second o).
            ("Lỏong", "Loỏng"),
            ("Qùy", "Quỳ"),
            ("Qủe", "Quẻ"),
            ("chiụ", "chịu"),
            ("giớí", "giới"),
            ("gỉa", "giả"),
            ("khóang", "khoáng"),
            ("Đừờng", "Đường"),
            // Marks decomposed in the wrong order.
            ("e\u{301}\u{302}n", "ến"),
            ("tie\u{301}\u{302}ng", "tiếng"),
        ];
        for (typed, want) in cases {
            assert_eq!(
                repair(typed),
                Ok(Some(want.to_string())),
                "repair({typed:?})"
            );
            assert!(parse(want).is_some(), "{want:?}");
            assert_eq!(repair(want), Ok(None), "repair({want:?})");
        }
        assert_eq!(
            repair_with("hóá", ToneStyle::Old),
            Ok(Some("hóa".to_string()))
        );
    }

    #[test]
    fn repair_keeps_valid_words_and_either_style() {
        for word in [
            "hoà", "hòa", "Hoà", "khoẻ", "khỏe", "Ủy", "Uỷ", "gìn", "gì", "giữ", "quý", "quả",
            "hoàn", "thuyết", "khuỷu", "người", "tiếng", "Việt", "Nam", "kế", "hoạch", "UBND",
            "tỉnh", "Đảng",
        ] {
            assert_eq!(repair(word), Ok(None), "repair({word:?})");
            assert_eq!(repair_with(word, ToneStyle::Old), Ok(None), "{word:?}");
        }
    }

    #[test]
    fn two_different_tones_are_ambiguous() {
        assert_eq!(
            repair("hóà"),
            Err(Ambiguous {
                first: Tone::Acute,
                second: Tone::Grave
            })
        );
        assert!(repair("bảó").is_err());
        // Seen in real documents.
        for word in ["Quỵết", "ngàỵ", "Dựá"] {
            assert!(repair(word).is_err(), "{word:?}");
        }
        assert!(repair("a\u{301}\u{300}").is_err());
        assert!(parse("hóà").is_none());
        // Not a syllable at all: nothing to say about it.
        assert_eq!(repair("càfé"), Ok(None));
    }

    #[test]
    fn a_tone_on_the_wrong_letter_is_no_syllable() {
        for word in ["baỏ", "hóan", "thúyêt", "nghịêm", "gìa", "kìă"] {
            assert!(parse(word).is_none(), "{word:?}");
        }
    }

    #[test]
    fn combining_marks_are_read_and_positions_count_them() {
        let word = "ho\u{301}a";
        let s = parse(word).expect("syllable");
        assert_eq!(s.tone(), Tone::Acute);
        assert_eq!(s.style(), Some(ToneStyle::Old));
        assert_eq!((s.letters()[1].start(), s.letters()[1].end()), (1, 4));
        assert_eq!(s.letters()[2].start(), 4);
        assert_eq!(restyle(word, ToneStyle::New).as_deref(), Some("hoá"));
        assert_eq!(repair(word), Ok(Some("hóa".to_string())));
        assert_eq!(
            Ambiguous {
                first: Tone::Acute,
                second: Tone::Grave
            }
            .to_string(),
            "the word carries two different tones, sắc and huyền, so which one is meant is unclear"
        );
    }

    #[test]
    fn repair_does_not_make_invalid_words() {
        // A huyền cannot close on c.
        assert_eq!(repair("hòac"), Ok(None));
        assert_eq!(repair("bàt"), Ok(None));
    }

    #[test]
    fn reorder_marks_puts_quality_before_tone() {
        let cases = [
            ("e\u{301}\u{302}", "ế"),
            ("e\u{302}\u{301}", "ế"),
            ("E\u{301}\u{302}", "Ế"),
            ("o\u{323}\u{31B}", "ợ"),
            ("O\u{323}\u{31B}", "Ợ"),
            ("u\u{303}\u{31B}", "ữ"),
            ("a\u{309}\u{306}", "ẳ"),
            ("a\u{300}\u{302}", "ầ"),
            ("é\u{302}", "ế"),
            ("ơ\u{300}", "ờ"),
            ("a\u{301}\u{301}", "á"),
            ("y\u{309}", "ỷ"),
            ("e\u{323}\u{302}", "ệ"),
            ("e\u{302}\u{323}", "ệ"),
            ("o\u{323}\u{302}", "ộ"),
            ("A\u{323}\u{306}", "Ặ"),
            ("a\u{302}\u{323}", "ậ"),
            ("u\u{31B}\u{323}", "ự"),
        ];
        for (marks, want) in cases {
            assert_eq!(
                reorder_marks(marks).as_deref(),
                Some(want),
                "reorder_marks({marks:?})"
            );
        }
        for s in [
            "ế",
            "a",
            "e\u{301}\u{300}",
            "e\u{306}",
            "a\u{302}\u{306}",
            "ab",
            "\u{301}",
            "",
            "1\u{301}",
        ] {
            assert_eq!(reorder_marks(s), None, "reorder_marks({s:?})");
        }
    }

    #[test]
    fn parts_of_a_syllable() {
        let s = parse("Nghiệm").expect("syllable");
        assert_eq!(s.onset(), "ngh");
        assert_eq!(s.coda(), "m");
        assert_eq!(s.tone(), Tone::Dot);
        let v: String = s.vowels().iter().map(Letter::letter).collect();
        assert_eq!(v, "iê");
        assert_eq!(s.tone_letter(), Some(1));
        assert_eq!(s.vowels()[1].start(), "Nghi".len());
        assert_eq!(s.vowels()[1].end(), "Nghiệ".len());
        assert!(s.letters()[0].is_upper() && !s.letters()[1].is_upper());

        let s = parse("ngoài").expect("syllable");
        let nucleus: String = s.nucleus().iter().map(Letter::letter).collect();
        assert_eq!((s.onset(), nucleus.as_str(), s.coda()), ("ng", "oa", "i"));
        assert!(!s.has_two_styles());

        let s = parse("quyết").expect("syllable");
        let v: String = s.vowels().iter().map(Letter::letter).collect();
        assert_eq!((s.onset(), v.as_str(), s.coda()), ("qu", "yê", "t"));

        let s = parse("gìn").expect("syllable");
        assert_eq!(
            (s.onset(), s.vowels()[0].letter(), s.coda()),
            ("g", 'i', "n")
        );
        let s = parse("giữ").expect("syllable");
        assert_eq!(
            (s.onset(), s.vowels()[0].letter(), s.coda()),
            ("gi", 'ư', "")
        );

        let s = parse("thủy").expect("syllable");
        assert!(s.has_two_styles());
        assert_eq!(s.style(), Some(ToneStyle::Old));
        assert_eq!(s.tone_place(ToneStyle::New), 1);
        assert_eq!(s.coda(), "");
    }

    #[test]
    fn a_word_of_letters_is_styled_only_if_its_last_char_may_end_one() {
        // The marks `style_of` lets through are never letters, so a run of
        // letters never holds one, and only its last char can rule it out.
        for c in [
            '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', BREVE, CIRCUMFLEX, HORN,
        ] {
            assert!(is_mark(c) && !c.is_alphabetic(), "{c:?}");
        }
        for word in [
            "hóa", "hoá", "Thuý", "thúy", "khoẻ", "khỏe", "HOÁ", "xoà", "hoa", "quý",
        ] {
            let last = word.chars().next_back().unwrap();
            if style_of(word).is_some() {
                assert!(may_end_styled_word(last), "{word}");
            }
        }
        assert!(!may_end_styled_word('n') && !may_end_styled_word('ó'));
    }

    #[test]
    fn plain_vowel_agrees_with_unicode() {
        let ranges = ['\u{0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let mut parts = Vec::new();
            decompose_canonical(c, |p| parts.push(p));
            let want = match parts.as_slice() {
                [base] | [base, _] => {
                    let lower = base.to_ascii_lowercase();
                    let toned = parts.len() == 1 || Tone::from_mark(parts[1]).is_some();
                    (matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y') && toned).then_some(lower)
                }
                _ => None,
            };
            assert_eq!(plain_vowel(c), want, "{c:?}");
        }
    }

    #[test]
    fn tone_marks_round_trip() {
        for t in [
            Tone::Level,
            Tone::Grave,
            Tone::Hook,
            Tone::Tilde,
            Tone::Acute,
            Tone::Dot,
        ] {
            assert_eq!(t.mark().and_then(Tone::from_mark).unwrap_or_default(), t);
        }
    }
}
