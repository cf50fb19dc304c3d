//! Lead and coordinating cells → units, split with a lexicon and a grammar.
//!
//! A cell lists several units separated by "," or ";", but names contain
//! commas too ("Sở Lao động, Thương binh và Xã hội", "UBND các huyện, thị xã,
//! thành phố"). The cell is cut into pieces at every "," (outside brackets),
//! at ";" and line breaks (hard breaks, never inside a name), and at "và"
//! when a head word or a catch-all follows ("Sở Tài chính và các đơn vị liên
//! quan"). Then, piece by piece:
//!
//! 1. a catch-all ("Các Sở, ngành, UBND cấp huyện, đơn vị có liên quan")
//!    becomes one [`UnitKind::Generic`] unit: it starts at a piece like "các …",
//!    "đơn vị …", "ngành …" and runs on over the pieces without a head word
//!    (or naming a level, "UBND cấp huyện") up to the first that ends like a
//!    catch-all ("… liên quan", "… được giao");
//! 2. the longest run of pieces (up to a hard break) whose text is a lexicon
//!    name is one unit, matched [`UnitMatch::Exact`];
//! 3. after a "Sở"/"Bộ" unit, or after "Các Sở:", a piece without a head word
//!    is read as the next name of the list ("Sở Nội vụ, Tư pháp");
//! 4. the longest run that is one edit away from a lexicon name is a
//!    [`UnitMatch::NearMiss`] (see the `lexicon` module);
//! 5. a piece starting with a head word ("Sở", "UBND", "Ban", "Trung tâm" …)
//!    starts an unknown unit whose kind comes from the head word;
//! 6. any other piece attaches to the unit before it (an unknown "Sở Văn hóa,
//!    Thể thao và Du lịch" stays one unit), or stands alone as
//!    [`UnitKind::Unknown`] when there is none.

mod lexicon;

pub use lexicon::{LexiconEntry, closest_alias, entries, key, lookup};

use crate::memo;
use crate::model::{UnitKind, UnitMatch};
use crate::normalize::fold::fold;
use lexicon::{LEXICON, Lexicon};
use std::borrow::Cow;
use std::ops::Range;

/// One unit found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitHit {
    /// Byte range of the name within the cell text: `&cell[range] == name`.
    pub range: Range<usize>,
    /// The name as written, without surrounding white space, list bullets
    /// and trailing "." ";" "," ":".
    pub name: String,
    /// The full official name from the lexicon, when matched.
    pub canonical: Option<String>,
    /// What kind of body.
    pub kind: UnitKind,
    /// How it matched the lexicon.
    pub matched: UnitMatch,
}

/// Splits a lead or coordinating cell into units, in the order written.
/// An empty or blank cell gives no units.
pub fn split_units(cell: &str) -> Vec<UnitHit> {
    // Plans name the same units row after row, and an archive's plans name
    // the same few hundred cells over and over; the split is a pure
    // function of the text (the lexicon is fixed), so it is remembered per
    // thread, for short cells, up to a bound that keeps memory small.
    //
    // A ";" or a line break ends every name and starts the reading afresh
    // (see [`segment`]; no lexicon match, list head or continued name
    // reaches across it), so a cell split there is split piece by piece,
    // and each piece is remembered alone: cells that list units one per
    // line or between ";" combine the same few hundred names in ever new
    // ways, which a memo of whole cells would miss.
    let mut hard = memchr::memchr3_iter(b';', b'\n', b'\r', cell.as_bytes()).peekable();
    if hard.peek().is_none() {
        return split_remembered(cell);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for end in hard.chain([cell.len()]) {
        let part = &cell[start..end];
        if part.bytes().any(|b| !b.is_ascii_whitespace()) {
            out.extend(split_remembered(part).into_iter().map(|mut hit| {
                hit.range = hit.range.start + start..hit.range.end + start;
                hit
            }));
        }
        start = end + 1;
    }
    out
}

/// [`split_with`] the fixed lexicon, remembered per thread.
fn split_remembered(cell: &str) -> Vec<UnitHit> {
    memo::remembered(&SPLITS, &SPLIT_BOUNDS, cell, |cell| {
        split_with(cell, &LEXICON)
    })
}

/// The cells [`split_units`] remembers per thread: up to 512 bytes, 4,096
/// of them (a few MiB at most).
const SPLIT_BOUNDS: memo::Bounds = memo::Bounds {
    longest: 512,
    most: 4096,
};

thread_local! {
    static SPLITS: memo::Memo<Vec<UnitHit>> = memo::Memo::default();
}

/// Words that start a unit name, folded, with the kind they give an unknown
/// name. The longest match wins ("bo chi huy" over "bo").
const HEADS: &[(&str, UnitKind)] = &[
    ("uy ban nhan dan", UnitKind::PeoplesCommittee),
    ("ubnd", UnitKind::PeoplesCommittee),
    ("uy ban mat tran", UnitKind::Front),
    ("ubmttq", UnitKind::Front),
    ("mat tran", UnitKind::Front),
    ("mttq", UnitKind::Front),
    ("hoi dong nhan dan", UnitKind::PeoplesCouncil),
    ("hdnd", UnitKind::PeoplesCouncil),
    ("thuong truc", UnitKind::Agency),
    ("hoi dong", UnitKind::Agency),
    ("uy ban", UnitKind::Agency),
    ("bo chi huy", UnitKind::Agency),
    ("bo doi", UnitKind::Agency),
    ("bo phan", UnitKind::Agency),
    ("bo", UnitKind::Ministry),
    ("so", UnitKind::Department),
    ("ban", UnitKind::Agency),
    ("dai", UnitKind::Press),
    ("bao", UnitKind::Press),
    ("lien minh", UnitKind::Association),
    ("lien doan", UnitKind::Association),
    ("tinh doan", UnitKind::Association),
    ("doan thanh nien", UnitKind::Association),
    ("hoi", UnitKind::Association),
    ("tinh uy", UnitKind::Party),
    ("thanh uy", UnitKind::Party),
    ("huyen uy", UnitKind::Party),
    ("dang uy", UnitKind::Party),
    ("cong an", UnitKind::Agency),
    ("kho bac", UnitKind::Agency),
    ("ngan hang", UnitKind::Agency),
    ("chi cuc", UnitKind::Agency),
    ("cuc", UnitKind::Agency),
    ("van phong", UnitKind::Agency),
    ("truong", UnitKind::Agency),
    ("vien", UnitKind::Agency),
    ("trung tam", UnitKind::Agency),
    ("phong", UnitKind::Agency),
    ("thanh tra", UnitKind::Agency),
    ("quy", UnitKind::Agency),
    ("tong cong ty", UnitKind::Agency),
    ("cong ty", UnitKind::Agency),
];

/// First words of a catch-all ("Các Sở, ngành …", "đơn vị có liên quan").
const GENERIC_STARTS: &[&str] = &[
    "cac",
    "don vi",
    "co quan",
    "dia phuong",
    "nganh",
    "to chuc",
    "doan the",
    "doanh nghiep",
    "tat ca",
    "toan the",
    "nhung",
    "moi",
];

/// Last words of a catch-all ("… có liên quan", "… được giao").
const GENERIC_ENDS: &[&str] = &[
    "lien quan",
    "duoc giao",
    "nhiem vu",
    "chuc nang",
    "phu trach",
    "tren dia ban",
];

/// Nouns after "và các" that make it a catch-all ("và các đơn vị liên quan"),
/// not part of a name ("Khu kinh tế … và các khu công nghiệp").
const GENERIC_NOUNS: &[&str] = &[
    "so",
    "bo",
    "nganh",
    "don vi",
    "co quan",
    "dia phuong",
    "to chuc",
    "doanh nghiep",
    "doan the",
    "cap",
    "ban",
    "hoi",
    "huyen",
    "xa",
    "phong",
    "tinh",
];

/// A head word found at the start of a piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Head {
    /// The head as listed in [`HEADS`] ("so", "uy ban nhan dan").
    word: &'static str,
    /// The kind it gives an unknown name.
    kind: UnitKind,
}

/// A piece of the cell between separators.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// Byte range in the cell, trimmed.
    start: usize,
    end: usize,
    /// A ";" or a line break (or the start of the cell) comes before it.
    hard_before: bool,
    /// It was split off at a "và" ("Sở Y tế và Sở Tài chính").
    va_before: bool,
    /// Inside a list introduced by "Các Sở:" / "Bộ:": the head word to read
    /// the piece with ("so").
    elliptic: Option<&'static str>,
}

/// What a piece looks like.
#[derive(Debug)]
struct Info {
    head: Option<Head>,
    generic_start: bool,
    generic_end: bool,
    /// Names a level or a plural ("UBND cấp huyện", "UBND các huyện").
    plural: bool,
}

/// The words of a folded text, punctuation trimmed off each (borrowed, as
/// this runs for every piece of every unit cell).
fn words_of_folded(folded: &str) -> Vec<&str> {
    folded
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `words` starts with the space-separated `phrase`.
fn starts_with_phrase(words: &[&str], phrase: &str) -> bool {
    // Walks the phrase instead of splitting it: this runs for every head word
    // and catch-all against every piece of every unit cell.
    let mut rest = phrase;
    for w in words {
        let Some(after) = rest.strip_prefix(w) else {
            return false;
        };
        if after.is_empty() {
            return true;
        }
        match after.strip_prefix(' ') {
            Some(more) => rest = more,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether `words` ends with the space-separated `phrase`.
fn ends_with_phrase(words: &[&str], phrase: &str) -> bool {
    let mut rest = phrase;
    for w in words.iter().rev() {
        let Some(before) = rest.strip_suffix(w) else {
            return false;
        };
        if before.is_empty() {
            return true;
        }
        match before.strip_suffix(' ') {
            Some(more) => rest = more,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The longest head word `words` starts with.
fn head_of(words: &[&str]) -> Option<Head> {
    HEADS
        .iter()
        .filter(|(h, _)| starts_with_phrase(words, h))
        .max_by_key(|(h, _)| h.len())
        .map(|&(word, kind)| Head { word, kind })
}

/// Whether `words` starts a catch-all.
fn starts_generic(words: &[&str]) -> bool {
    GENERIC_STARTS.iter().any(|g| starts_with_phrase(words, g))
}

/// The kind an unknown name gets from its head word, refined by the rest.
fn kind_from_head(head: Head, words: &[&str]) -> UnitKind {
    let has = |phrase: &str| (0..words.len()).any(|i| starts_with_phrase(&words[i..], phrase));
    match head.word {
        "ban" if has("tinh uy") || has("huyen uy") || has("thanh uy") || has("trung uong") => {
            UnitKind::Party
        }
        "dai" if !(has("phat thanh") || has("truyen hinh")) => UnitKind::Agency,
        _ => head.kind,
    }
}

/// What the words of a piece (folded) say about it.
fn analyze_words(w: &[&str]) -> Info {
    Info {
        head: head_of(w),
        generic_start: starts_generic(w),
        generic_end: GENERIC_ENDS.iter().any(|g| ends_with_phrase(w, g)),
        plural: w.iter().any(|&x| x == "cap" || x == "cac"),
    }
}

/// Whether the words after a "và" start a new unit or a catch-all.
fn splits_after_va(next: &[&str]) -> bool {
    if head_of(next).is_some() {
        return true;
    }
    if next.first().is_some_and(|&w| w == "cac") {
        return GENERIC_NOUNS
            .iter()
            .any(|n| starts_with_phrase(&next[1..], n));
    }
    starts_generic(next)
}

/// Byte ranges of the white-space-separated words of `cell[range]`.
fn word_spans(cell: &str, range: Range<usize>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let base = range.start;
    for (i, c) in cell[range.clone()].char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                spans.push((s, base + i));
            }
        } else if start.is_none() {
            start = Some(base + i);
        }
    }
    if let Some(s) = start {
        spans.push((s, range.end));
    }
    spans
}

/// `cell[start..end]` without white space, list bullets and trailing
/// punctuation; None when no letter or digit is left.
fn trim_piece(cell: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &cell[start..end];
    let t = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '+' | '•' | '*' | '·')
    });
    let lead = s.len() - t.len();
    let mut t =
        t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ',' | ':'));
    // Footnote marks after a name: "Sở Tài chính¹", "Sở Y tế (*)", "Bộ X [2]",
    // "Sở Y tế(1)"; and "thực hiện" after "A chỉ đạo B … thực hiện".
    loop {
        let before = t.len();
        t = t.trim_end_matches(|c: char| {
            matches!(
                c,
                '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' | '*'
            )
        });
        for (open, close) in [('(', ')'), ('[', ']')] {
            if let Some(inner) = t.strip_suffix(close)
                && let Some(at) = inner.rfind(open)
                && inner[at + 1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '*')
                && inner.len() - at <= 4
            {
                t = &t[..at];
            }
        }
        for tail in [" thực hiện", " triển khai"] {
            if let Some(rest) = t.strip_suffix(tail)
                && !rest.is_empty()
            {
                t = rest;
            }
        }
        t = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ',' | ':'));
        if t.len() == before {
            break;
        }
    }
    if !t.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some((start + lead, start + lead + t.len()))
}

/// Cuts `cell` into pieces (see the module documentation).
fn segment(cell: &str) -> Vec<Piece> {
    let mut out = Segmenter {
        cell,
        pieces: Vec::new(),
        hard: true,
        elliptic: None,
        va: false,
    };
    let mut depth = 0usize;
    let mut part_start = 0;
    for (i, c) in cell.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' | '\n' | '\r' => {
                out.part(part_start, i);
                out.hard = true;
                out.elliptic = None;
                depth = 0;
                part_start = i + c.len_utf8();
            }
            ',' if depth == 0 => {
                out.part(part_start, i);
                part_start = i + 1;
            }
            _ => {}
        }
    }
    out.part(part_start, cell.len());
    out.pieces
}

/// State of [`segment`].
struct Segmenter<'a> {
    cell: &'a str,
    pieces: Vec<Piece>,
    /// The next piece follows a hard break.
    hard: bool,
    /// The list head set by "Các Sở:" for the rest of the hard segment.
    elliptic: Option<&'static str>,
    /// The next piece follows a "và".
    va: bool,
}

impl Segmenter<'_> {
    /// Handles the comma-separated part `cell[start..end]`.
    fn part(&mut self, start: usize, end: usize) {
        let mut start = start;
        if let Some(colon) = self.cell[start..end].find(':') {
            let colon = start + colon;
            let (before, after) = (
                fold(&self.cell[start..colon]),
                fold(&self.cell[colon + 1..end]),
            );
            let (before, after) = (words_of_folded(&before), words_of_folded(&after));
            match before.last().copied() {
                // "Các Sở: Tài chính, Y tế" — a list of names without their head.
                Some(h @ ("so" | "bo")) => {
                    self.elliptic = Some(if h == "so" { "so" } else { "bo" });
                    start = colon + 1;
                }
                // "Chủ trì: Sở Tài chính" — a label before the name.
                _ if head_of(&after).is_some() || starts_generic(&after) => start = colon + 1,
                _ => {}
            }
        }
        // Split at "và" before a head word or a catch-all.
        let spans = word_spans(self.cell, start..end);
        let mut piece_start = start;
        for k in 1..spans.len().saturating_sub(1) {
            let (ws, we) = spans[k];
            let word = &self.cell[ws..we];
            if piece_start > ws {
                continue;
            }
            // A dash list in one line ("- Sở Tài chính - Sở Y tế"), and "A chỉ
            // đạo B thực hiện" (A directs, B carries out: both lead): split
            // before a head word, as after "và".
            let bullet = matches!(word, "-" | "–" | "+" | "•");
            let directs = fold(word) == "chi"
                && spans
                    .get(k + 1)
                    .is_some_and(|&(a, b)| fold(&self.cell[a..b]) == "dao");
            if (bullet || directs) && k + 1 + usize::from(directs) < spans.len() {
                let next_at = k + 1 + usize::from(directs);
                let look_end = spans[(next_at + 3).min(spans.len() - 1)].1;
                let next = fold(&self.cell[spans[next_at].0..look_end]);
                let next = words_of_folded(&next);
                if head_of(&next).is_some() || starts_generic(&next) {
                    self.push(piece_start, ws);
                    piece_start = spans[next_at].0;
                    continue;
                }
            }
            // "và" in any tone style or case: cheap test first.
            if word.len() > 8 || !word.starts_with(['v', 'V']) || fold(word) != "va" {
                continue;
            }
            let look_end = spans[(k + 4).min(spans.len() - 1)].1;
            let next = fold(&self.cell[spans[k + 1].0..look_end]);
            let next = words_of_folded(&next);
            if splits_after_va(&next) {
                self.push(piece_start, ws);
                self.va = true;
                piece_start = spans[k + 1].0;
            }
        }
        self.push(piece_start, end);
        self.va = false;
    }

    fn push(&mut self, start: usize, end: usize) {
        if let Some((s, e)) = trim_piece(self.cell, start, end) {
            self.pieces.push(Piece {
                start: s,
                end: e,
                hard_before: self.hard,
                va_before: self.va && !self.hard,
                elliptic: self.elliptic,
            });
            self.hard = false;
            self.va = false;
        }
    }
}

/// How many pieces `name` is cut into (used for the longest lexicon match).
fn piece_count(name: &str) -> usize {
    segment(name).len().max(1)
}

/// A unit found, with the head word of its name.
struct Found {
    hit: UnitHit,
    head: Option<&'static str>,
}

/// [`split_units`] with a given lexicon.
fn split_with(cell: &str, lex: &Lexicon) -> Vec<UnitHit> {
    let pieces = segment(cell);
    let n = pieces.len();
    // Each piece is folded once, for its words and for both its keys:
    // expanded and raw. The key of a run of pieces is theirs joined, with
    // "va" where a "và" was cut.
    let mut infos: Vec<Info> = Vec::with_capacity(n);
    let mut piece_keys: Vec<(String, String)> = Vec::with_capacity(n);
    let mut folds: Vec<String> = Vec::with_capacity(n);
    for p in &pieces {
        let folded = fold(&cell[p.start..p.end]);
        infos.push(analyze_words(&words_of_folded(&folded)));
        piece_keys.push(lex.both_keys(&folded));
        folds.push(folded);
    }
    // last[i]: the last piece reachable from piece i without a hard break.
    let mut last = vec![0; n];
    for i in (0..n).rev() {
        last[i] = if i + 1 < n && !pieces[i + 1].hard_before {
            last[i + 1]
        } else {
            i
        };
    }
    let text = |i: usize, j: usize| &cell[pieces[i].start..pieces[j].end];
    let span_key = |i: usize, j: usize, raw: bool| -> Cow<'_, str> {
        if i == j {
            // One piece: its key as it is (the common case, not copied).
            let keys = &piece_keys[i];
            return Cow::Borrowed(if raw { &keys.1 } else { &keys.0 });
        }
        let mut k = String::new();
        for (m, keys) in piece_keys.iter().enumerate().take(j + 1).skip(i) {
            let part = if raw { &keys.1 } else { &keys.0 };
            if m > i && pieces[m].va_before {
                k.push_str(" va");
            }
            if !part.is_empty() {
                if !k.is_empty() {
                    k.push(' ');
                }
                k.push_str(part);
            }
        }
        Cow::Owned(k)
    };
    let make = |i: usize, j: usize, canonical: Option<&str>, kind, matched| UnitHit {
        range: pieces[i].start..pieces[j].end,
        name: text(i, j).to_string(),
        canonical: canonical.map(str::to_string),
        kind,
        matched,
    };
    let max_j = |i: usize| last[i].min(i + lex.max_pieces.max(1) - 1);

    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < n {
        let info = &infos[i];
        let head_word = info.head.map(|h| h.word);

        // A list without heads: "Các Sở: Tài chính, Kế hoạch và Đầu tư".
        if let (Some(h), None) = (pieces[i].elliptic, info.head) {
            if let Some((j, e)) = (i..=max_j(i)).rev().find_map(|j| {
                lex.resolve_key_in(&format!("{h} {}", span_key(i, j, false)), i == j)
                    .map(|e| (j, e))
            }) {
                let entry = &lex.entries[e];
                let hit = make(i, j, Some(entry.canonical), entry.kind, UnitMatch::Exact);
                out.push(Found { hit, head: Some(h) });
                i = j + 1;
                continue;
            }
            let kind = if h == "bo" {
                UnitKind::Ministry
            } else {
                UnitKind::Department
            };
            let hit = make(i, i, None, kind, UnitMatch::None);
            out.push(Found { hit, head: Some(h) });
            i += 1;
            continue;
        }

        // 1. A catch-all.
        if info.generic_start && info.head.is_none() {
            let mut j = i;
            while !infos[j].generic_end
                && j < last[i]
                && (infos[j + 1].head.is_none() || infos[j + 1].plural)
            {
                j += 1;
            }
            let hit = make(i, j, None, UnitKind::Generic, UnitMatch::Generic);
            out.push(Found { hit, head: None });
            i = j + 1;
            continue;
        }

        // 2. The longest lexicon name. A trailing "tỉnh <place>" is read as a
        // place only within one piece.
        if let Some((j, e)) = (i..=max_j(i)).rev().find_map(|j| {
            lex.resolve_key_in(&span_key(i, j, false), i == j)
                .map(|e| (j, e))
        }) {
            let entry = &lex.entries[e];
            let hit = make(i, j, Some(entry.canonical), entry.kind, UnitMatch::Exact);
            out.push(Found {
                hit,
                head: head_word,
            });
            i = j + 1;
            continue;
        }

        // 3. The next name of a list after "Sở …": "Sở Nội vụ, Tư pháp".
        let previous_head = out
            .last()
            .filter(|_| !pieces[i].hard_before && info.head.is_none())
            .and_then(|f| f.head)
            .filter(|h| matches!(*h, "so" | "bo"));
        if let Some(h) = previous_head
            && let Some((j, e)) = (i..=max_j(i)).rev().find_map(|j| {
                lex.resolve_key_in(&format!("{h} {}", span_key(i, j, false)), i == j)
                    .map(|e| (j, e))
            })
        {
            let entry = &lex.entries[e];
            let hit = make(i, j, Some(entry.canonical), entry.kind, UnitMatch::Exact);
            out.push(Found { hit, head: Some(h) });
            i = j + 1;
            continue;
        }

        // 4. One edit away from a lexicon name.
        if info.head.is_some()
            && let Some((j, e)) = (i..=max_j(i)).rev().find_map(|j| {
                lex.near_miss_keys(&span_key(i, j, false), &span_key(i, j, true))
                    .map(|e| (j, e))
            })
        {
            let entry = &lex.entries[e];
            let hit = make(i, j, Some(entry.canonical), entry.kind, UnitMatch::NearMiss);
            out.push(Found {
                hit,
                head: head_word,
            });
            i = j + 1;
            continue;
        }

        // 5. An unknown name with a head word.
        if let Some(head) = info.head {
            let w = words_of_folded(&folds[i]);
            let hit = make(i, i, None, kind_from_head(head, &w), UnitMatch::None);
            out.push(Found {
                hit,
                head: Some(head.word),
            });
            i += 1;
            continue;
        }

        // 6. A piece without a head word.
        if info.generic_end {
            let hit = make(i, i, None, UnitKind::Generic, UnitMatch::Generic);
            out.push(Found { hit, head: None });
        } else if let Some(prev) = out
            .last_mut()
            .filter(|f| !pieces[i].hard_before && f.hit.matched != UnitMatch::Generic)
        {
            let hit = &mut prev.hit;
            hit.range.end = pieces[i].end;
            hit.name = cell[hit.range.clone()].to_string();
            hit.canonical = None;
            hit.matched = UnitMatch::None;
        } else {
            let hit = make(i, i, None, UnitKind::Unknown, UnitMatch::None);
            out.push(Found { hit, head: None });
        }
        i += 1;
    }
    out.into_iter().map(|f| f.hit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase tests walk the phrase; they must say what comparing its
    /// space-separated words would.
    #[test]
    fn phrase_tests_agree_with_comparing_words() {
        let by_words = |words: &[&str], phrase: &str, end: bool| {
            let parts: Vec<&str> = phrase.split(' ').collect();
            let n = parts.len();
            words.len() >= n
                && if end {
                    words[words.len() - n..]
                        .iter()
                        .zip(&parts)
                        .all(|(w, p)| w == p)
                } else {
                    words[..n].iter().zip(&parts).all(|(w, p)| w == p)
                }
        };
        let texts = [
            "",
            "so",
            "so tai",
            "so tai chinh",
            "bo chi huy",
            "bo chi",
            "uy ban nhan dan",
            "uy ban nhan dan tinh",
            "ban",
            "ba",
            "bann",
            "tinh uy",
            "so tai chinh so",
        ];
        let phrases = [
            "so",
            "so tai chinh",
            "bo chi huy",
            "uy ban nhan dan",
            "ban",
            "tinh uy",
            "tai chinh",
        ];
        for t in texts {
            let words: Vec<&str> = t.split_whitespace().collect();
            for p in phrases {
                assert_eq!(
                    starts_with_phrase(&words, p),
                    by_words(&words, p, false),
                    "{t:?} starts {p:?}"
                );
                assert_eq!(
                    ends_with_phrase(&words, p),
                    by_words(&words, p, true),
                    "{t:?} ends {p:?}"
                );
            }
        }
    }

    /// Splits `cell` and checks that every range slices the cell back to the
    /// name, in order and without overlap.
    fn split(cell: &str) -> Vec<UnitHit> {
        checked(cell, split_units(cell))
    }

    fn checked(cell: &str, hits: Vec<UnitHit>) -> Vec<UnitHit> {
        let mut end = 0;
        for h in &hits {
            assert_eq!(cell.get(h.range.clone()), Some(h.name.as_str()), "{cell:?}");
            assert!(h.range.start >= end, "overlap in {cell:?}");
            assert_eq!(h.name, h.name.trim(), "{cell:?}");
            assert!(!h.name.ends_with(['.', ';']), "{cell:?}");
            end = h.range.end;
        }
        hits
    }

    fn names(hits: &[UnitHit]) -> Vec<&str> {
        hits.iter().map(|h| h.name.as_str()).collect()
    }

    fn canonicals(hits: &[UnitHit]) -> Vec<Option<&str>> {
        hits.iter().map(|h| h.canonical.as_deref()).collect()
    }

    fn kinds(hits: &[UnitHit]) -> Vec<UnitKind> {
        hits.iter().map(|h| h.kind).collect()
    }

    fn matches(hits: &[UnitHit]) -> Vec<UnitMatch> {
        hits.iter().map(|h| h.matched).collect()
    }

    #[test]
    fn names_with_commas_stay_whole() {
        let hits = split(
            "Sở Kế hoạch và Đầu tư, Sở Nông nghiệp và PTNT, Sở Lao động, Thương binh và Xã hội, UBND các huyện, thị xã, thành phố",
        );
        assert_eq!(
            names(&hits),
            [
                "Sở Kế hoạch và Đầu tư",
                "Sở Nông nghiệp và PTNT",
                "Sở Lao động, Thương binh và Xã hội",
                "UBND các huyện, thị xã, thành phố",
            ]
        );
        assert_eq!(
            canonicals(&hits),
            [
                Some("Sở Kế hoạch và Đầu tư"),
                Some("Sở Nông nghiệp và Phát triển nông thôn"),
                Some("Sở Lao động - Thương binh và Xã hội"),
                Some("Ủy ban nhân dân các huyện, thị xã, thành phố"),
            ]
        );
        assert_eq!(
            kinds(&hits),
            [
                UnitKind::Department,
                UnitKind::Department,
                UnitKind::Department,
                UnitKind::PeoplesCommittee,
            ]
        );
        assert_eq!(matches(&hits), [UnitMatch::Exact; 4]);
    }

    #[test]
    fn press_units() {
        let hits = split("Đài Phát thanh và Truyền hình Thanh Hóa, Báo Thanh Hóa");
        assert_eq!(
            names(&hits),
            ["Đài Phát thanh và Truyền hình Thanh Hóa", "Báo Thanh Hóa"]
        );
        assert_eq!(kinds(&hits), [UnitKind::Press, UnitKind::Press]);
        assert_eq!(matches(&hits), [UnitMatch::Exact; 2]);
    }

    #[test]
    fn the_sample_lead_cells() {
        let hits = split("Sở Kế hoạch và Đầu tư, UBND các huyện, thị xã, thành phố");
        assert_eq!(
            names(&hits),
            ["Sở Kế hoạch và Đầu tư", "UBND các huyện, thị xã, thành phố"]
        );
        let hits = split("Sở Kế hoạch và Đầu tư, Sở Tài chính, UBND các huyện, thị xã, thành phố");
        assert_eq!(
            names(&hits),
            [
                "Sở Kế hoạch và Đầu tư",
                "Sở Tài chính",
                "UBND các huyện, thị xã, thành phố"
            ]
        );
        assert_eq!(matches(&hits), [UnitMatch::Exact; 3]);
        for (cell, canonical, kind) in [
            ("Sở Công Thương", "Sở Công Thương", UnitKind::Department),
            (
                "Sở Khoa học và Công nghệ",
                "Sở Khoa học và Công nghệ",
                UnitKind::Department,
            ),
            (
                "Sở Thông tin và Truyền thông",
                "Sở Thông tin và Truyền thông",
                UnitKind::Department,
            ),
            (
                "Liên minh Hợp tác xã tỉnh",
                "Liên minh Hợp tác xã tỉnh",
                UnitKind::Association,
            ),
            (
                "Mặt trận Tổ quốc các cấp",
                "Mặt trận Tổ quốc các cấp",
                UnitKind::Front,
            ),
        ] {
            let hits = split(cell);
            assert_eq!(names(&hits), [cell]);
            assert_eq!(canonicals(&hits), [Some(canonical)]);
            assert_eq!(kinds(&hits), [kind], "{cell}");
            assert_eq!(matches(&hits), [UnitMatch::Exact], "{cell}");
        }
    }

    #[test]
    fn a_typo_is_a_near_miss_with_the_name_kept() {
        let hits = split("Sở Nông nghiệp và PTNN");
        assert_eq!(names(&hits), ["Sở Nông nghiệp và PTNN"]);
        assert_eq!(
            canonicals(&hits),
            [Some("Sở Nông nghiệp và Phát triển nông thôn")]
        );
        assert_eq!(kinds(&hits), [UnitKind::Department]);
        assert_eq!(matches(&hits), [UnitMatch::NearMiss]);
    }

    #[test]
    fn near_miss_does_not_confuse_real_names() {
        for (cell, canonical) in [
            ("Sở Nội vụ", "Sở Nội vụ"),
            ("Sở Ngoại vụ", "Sở Ngoại vụ"),
            ("Bộ Tài chính", "Bộ Tài chính"),
            ("Sở Tài chính", "Sở Tài chính"),
        ] {
            let hits = split(cell);
            assert_eq!(canonicals(&hits), [Some(canonical)], "{cell}");
            assert_eq!(matches(&hits), [UnitMatch::Exact], "{cell}");
        }
        // Unknown, one letter away from a short name: not a near miss.
        let hits = split("Sở Nội vự");
        assert_eq!(matches(&hits), [UnitMatch::Exact], "same key after folding");
        let hits = split("Sở Nội vụu");
        assert_eq!(matches(&hits), [UnitMatch::None]);
        assert_eq!(canonicals(&hits), [None]);
    }

    #[test]
    fn catch_alls_are_one_generic_unit() {
        for cell in [
            "Các Sở, ngành, UBND cấp huyện, đơn vị có liên quan",
            "Các Sở, ngành, địa phương, đơn vị có liên quan",
            "Các Sở, ngành, đơn vị liên quan",
            "Các sở, ngành, đơn vị theo chức năng nhiệm vụ được giao",
            "Các Sở, ngành, UBND cấp huyện và các đơn vị liên quan",
            "Các Sở, ngành, đơn vị có liên quan",
            "Các Sở, ngành, địa phương, đơn vị liên quan",
            "Các Sở, ngành",
            "Các đơn vị có liên quan.",
        ] {
            let hits = split(cell);
            assert_eq!(names(&hits), [cell.trim_end_matches('.')], "{cell}");
            assert_eq!(kinds(&hits), [UnitKind::Generic], "{cell}");
            assert_eq!(matches(&hits), [UnitMatch::Generic], "{cell}");
            assert_eq!(canonicals(&hits), [None], "{cell}");
        }
    }

    #[test]
    fn units_and_catch_alls_mixed() {
        let hits = split("Sở Tài chính, các sở, ngành liên quan");
        assert_eq!(names(&hits), ["Sở Tài chính", "các sở, ngành liên quan"]);
        assert_eq!(kinds(&hits), [UnitKind::Department, UnitKind::Generic]);
        assert_eq!(matches(&hits), [UnitMatch::Exact, UnitMatch::Generic]);

        let hits = split("Sở Tài chính và các đơn vị liên quan");
        assert_eq!(names(&hits), ["Sở Tài chính", "các đơn vị liên quan"]);
        assert_eq!(kinds(&hits), [UnitKind::Department, UnitKind::Generic]);

        // A catch-all stops at a unit that is not a level or plural.
        let hits = split("Các sở, ngành, Công an tỉnh và các đơn vị liên quan");
        assert_eq!(
            names(&hits),
            ["Các sở, ngành", "Công an tỉnh", "các đơn vị liên quan"]
        );
        assert_eq!(
            kinds(&hits),
            [UnitKind::Generic, UnitKind::Agency, UnitKind::Generic]
        );
    }

    #[test]
    fn semicolons_and_line_breaks_separate() {
        let hits = split("Sở Y tế; Sở Tài chính");
        assert_eq!(names(&hits), ["Sở Y tế", "Sở Tài chính"]);
        assert_eq!(matches(&hits), [UnitMatch::Exact; 2]);
        let hits = split("- Sở Y tế;\n- Sở Tài chính.");
        assert_eq!(names(&hits), ["Sở Y tế", "Sở Tài chính"]);
        // A hard break is never inside a name.
        let hits = split("Sở Lao động; Thương binh và Xã hội");
        assert_eq!(names(&hits), ["Sở Lao động", "Thương binh và Xã hội"]);
        assert_eq!(kinds(&hits), [UnitKind::Department, UnitKind::Unknown]);
    }

    #[test]
    fn unknown_names_take_their_kind_from_the_head_word() {
        for (cell, kind) in [
            ("Sở Văn hóa, Thông tin và Thể thao", UnitKind::Department),
            ("Bộ Kinh tế", UnitKind::Ministry),
            ("UBND huyện Nga Sơn", UnitKind::PeoplesCommittee),
            ("Uỷ ban nhân dân huyện Nga Sơn", UnitKind::PeoplesCommittee),
            ("HĐND huyện Nga Sơn", UnitKind::PeoplesCouncil),
            ("Đài Phát thanh huyện Nga Sơn", UnitKind::Press),
            ("Đài Khí tượng Thủy văn tỉnh", UnitKind::Agency),
            ("Báo Nhân Dân", UnitKind::Press),
            ("Hội Doanh nhân trẻ tỉnh", UnitKind::Association),
            ("Ban Kinh tế Tỉnh ủy", UnitKind::Party),
            ("Ban Quản lý dự án", UnitKind::Agency),
            ("Bộ Chỉ huy Quân sự tỉnh", UnitKind::Agency),
            ("Kho bạc Nhà nước tỉnh", UnitKind::Agency),
            ("Ngân hàng Chính sách xã hội", UnitKind::Agency),
            ("Chi cục Phát triển nông thôn", UnitKind::Agency),
            ("Cục Thống kê", UnitKind::Agency),
            ("Trung tâm Xúc tiến Đầu tư", UnitKind::Agency),
            ("Trường Đại học Hồng Đức", UnitKind::Agency),
            ("Tổng công ty Điện lực", UnitKind::Agency),
            ("Liên đoàn Doanh nghiệp", UnitKind::Association),
            ("Huyện ủy Nga Sơn", UnitKind::Party),
        ] {
            let hits = split(cell);
            assert_eq!(names(&hits), [cell], "{cell}");
            assert_eq!(kinds(&hits), [kind], "{cell}");
            assert_eq!(matches(&hits), [UnitMatch::None], "{cell}");
            assert_eq!(canonicals(&hits), [None], "{cell}");
        }
        let hits = split("Nhà xuất bản Thanh Hóa");
        assert_eq!(kinds(&hits), [UnitKind::Unknown]);
    }

    #[test]
    fn fragments_without_a_head_attach_to_the_unit_before() {
        // Even with no lexicon at all, a name with commas stays one unit.
        let cell = "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế";
        let hits = checked(cell, split_with(cell, &Lexicon::empty()));
        assert_eq!(names(&hits), ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]);
        assert_eq!(kinds(&hits), [UnitKind::Department; 2]);
        assert_eq!(matches(&hits), [UnitMatch::None; 2]);
        // With it, the name is known.
        let hits = split(cell);
        assert_eq!(matches(&hits), [UnitMatch::Exact; 2]);
        assert_eq!(
            canonicals(&hits),
            [Some("Sở Văn hóa, Thể thao và Du lịch"), Some("Sở Y tế")]
        );
        // The whole sample cell without a lexicon: heads still split it.
        let cell = "Sở Kế hoạch và Đầu tư, Sở Nông nghiệp và PTNT, Sở Lao động, Thương binh và Xã hội, UBND các huyện, thị xã, thành phố";
        let hits = checked(cell, split_with(cell, &Lexicon::empty()));
        assert_eq!(
            names(&hits),
            [
                "Sở Kế hoạch và Đầu tư",
                "Sở Nông nghiệp và PTNT",
                "Sở Lao động, Thương binh và Xã hội",
                "UBND các huyện, thị xã, thành phố",
            ]
        );
    }

    #[test]
    fn lists_that_leave_out_the_head_word() {
        let hits = split("Sở Nội vụ, Tư pháp");
        assert_eq!(names(&hits), ["Sở Nội vụ", "Tư pháp"]);
        assert_eq!(canonicals(&hits), [Some("Sở Nội vụ"), Some("Sở Tư pháp")]);
        let hits = split("Các Sở: Tài chính, Lao động - Thương binh và Xã hội, Kế hoạch và Đầu tư");
        assert_eq!(
            names(&hits),
            [
                "Tài chính",
                "Lao động - Thương binh và Xã hội",
                "Kế hoạch và Đầu tư"
            ]
        );
        assert_eq!(
            canonicals(&hits),
            [
                Some("Sở Tài chính"),
                Some("Sở Lao động - Thương binh và Xã hội"),
                Some("Sở Kế hoạch và Đầu tư"),
            ]
        );
        assert_eq!(matches(&hits), [UnitMatch::Exact; 3]);
        let hits = split("Chủ trì: Sở Y tế");
        assert_eq!(names(&hits), ["Sở Y tế"]);
    }

    #[test]
    fn longest_match_spans_va_and_commas() {
        let hits = split("Báo và Đài Phát thanh - Truyền hình Thanh Hóa");
        assert_eq!(
            names(&hits),
            ["Báo và Đài Phát thanh - Truyền hình Thanh Hóa"]
        );
        assert_eq!(matches(&hits), [UnitMatch::Exact]);
        let hits = split("Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh, Sở Tư pháp");
        assert_eq!(
            names(&hits),
            [
                "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
                "Sở Tư pháp"
            ]
        );
        // "và" before a head word splits when nothing longer is known.
        let hits = split("Sở Y tế và Sở Tài chính");
        assert_eq!(names(&hits), ["Sở Y tế", "Sở Tài chính"]);
        // but "và" inside a name does not.
        let hits = split("Sở Giáo dục và Đào tạo");
        assert_eq!(names(&hits), ["Sở Giáo dục và Đào tạo"]);
    }

    #[test]
    fn abbreviations_tones_and_places_match() {
        for (cell, canonical) in [
            ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
            ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"),
            ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
            (
                "Sở Văn hoá, Thể thao và Du lịch",
                "Sở Văn hóa, Thể thao và Du lịch",
            ),
            ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
            ("UBND cấp huyện", "Ủy ban nhân dân cấp huyện"),
            ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
            ("Sở Tài chính tỉnh Thanh Hóa", "Sở Tài chính"),
            ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
            (
                "Đài PT&TH Thanh Hoá",
                "Đài Phát thanh và Truyền hình Thanh Hóa",
            ),
        ] {
            let hits = split(cell);
            assert_eq!(names(&hits), [cell], "{cell}");
            assert_eq!(canonicals(&hits), [Some(canonical)], "{cell}");
            assert_eq!(matches(&hits), [UnitMatch::Exact], "{cell}");
        }
    }

    #[test]
    fn names_are_trimmed_and_ranges_point_into_the_cell() {
        let cell = "  Sở Y tế ,  Sở Tài chính.  ";
        let hits = split(cell);
        assert_eq!(names(&hits), ["Sở Y tế", "Sở Tài chính"]);
        assert_eq!(hits[0].range, 2..2 + "Sở Y tế".len());
        let hits = split("Sở Tài chính (chủ trì, tổng hợp)");
        assert_eq!(names(&hits), ["Sở Tài chính (chủ trì, tổng hợp)"]);
    }

    /// The remembered split is the split: on first and later calls, for
    /// long cells that are not remembered, and after the memory fills up
    /// and starts again.
    #[test]
    fn remembered_splits_are_the_same_as_fresh_ones() {
        let cells = [
            "Sở Kế hoạch và Đầu tư; UBND các huyện, thị xã, thành phố",
            "Sở Lao động, Thương binh và Xã hội",
            "Các Sở, ngành, đơn vị liên quan",
        ];
        let long = format!("Sở Tài chính, {}", "Sở Y tế, ".repeat(60));
        assert!(long.len() > SPLIT_BOUNDS.longest);
        for round in 0..3 {
            for cell in cells.iter().copied().chain([long.as_str()]) {
                assert_eq!(
                    split_units(cell),
                    split_with(cell, &LEXICON),
                    "{round}: {cell}"
                );
            }
            if round == 1 {
                for n in 0..=SPLIT_BOUNDS.most {
                    split_units(&format!("Sở số {n}"));
                }
            }
        }
    }

    /// Split at its ";" and line breaks, piece by piece, a cell gives what
    /// reading it whole gives: every pair and triple of these fragments
    /// joined by every separator, hard or not.
    #[test]
    fn hard_breaks_split_like_the_whole_cell() {
        let fragments = [
            "Sở Lao động, Thương binh và Xã hội",
            "UBND các huyện, thị xã, thành phố",
            "Các Sở: Tài chính, Y tế",
            "Tư pháp",
            "các đơn vị có liên quan",
            "Sở Y tế (chủ trì",
            "phối hợp)",
            "Ban Dân tộc tỉnh và Sở Nội vụ",
            "- Sở Tài chính - Sở Xây dựng",
            "",
            "  ",
            "Sở Khoa học và Công nghệ¹",
        ];
        let separators = ["; ", ";", "\n", "\r\n", "\r", " ;\n ", ", ", " và "];
        let mut cells = Vec::new();
        for a in fragments {
            for b in fragments {
                for s in separators {
                    cells.push(format!("{a}{s}{b}"));
                    for t in ["; ", "\n"] {
                        cells.push(format!("{a}{s}{b}{t}{a}"));
                    }
                }
            }
        }
        for cell in &cells {
            // Twice: the second time from the memo.
            for _ in 0..2 {
                assert_eq!(split_units(cell), split_with(cell, &LEXICON), "{cell:?}");
            }
        }
    }

    #[test]
    fn empty_cells_give_nothing() {
        for cell in ["", "   ", "\t\n", ",", ";;", " , ; . ", "-", "…"] {
            assert_eq!(split(cell), Vec::new(), "{cell:?}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "Sở Tài chính, các sở và ".repeat(5_000);
        let va = "và ".repeat(20_000);
        let odd = [
            ",,,,",
            ";;",
            ", Sở Y tế ,",
            "và",
            "và Sở Y tế và",
            "Các Sở:",
            ":",
            "Sở:",
            "Các Sở: ,;",
            "(((,)))",
            ")Sở(",
            "\u{301}\u{300}",
            "Sở\u{301} Y te\u{302}\u{301}, \u{301}",
            "Ho\u{0300}a, Sở Tài chi\u{301}nh",
            "e\u{301}\u{301}\u{301},va\u{300} UBND",
            "UBND",
            "tỉnh",
            "tỉnh tỉnh tỉnh",
            "Sở Nông nghiệp và PTNT tỉnh",
            "\u{feff}Sở Y tế\r\n",
            "Ｓở，Ｙ",
            "🙂, Sở 🙂",
            long.as_str(),
            va.as_str(),
        ];
        for cell in odd {
            let hits = split(cell);
            for h in &hits {
                assert!(!h.name.is_empty());
            }
        }
        // Every prefix of a tricky cell, cut at character boundaries.
        let cell =
            "Sở Lao động, Thương binh và Xã hội; Các Sở: Tài chính, và các đơn vị liên quan.";
        for (i, _) in cell.char_indices() {
            split(&cell[..i]);
            split(&cell[i..]);
        }
    }

    #[test]
    fn a_long_cell_is_fast() {
        let cell =
            "Sở Kế hoạch và Đầu tư, Sở Nông nghiệp và PTNN, Các Sở, ngành, đơn vị liên quan, "
                .repeat(2_000);
        let started = std::time::Instant::now();
        let hits = split(&cell);
        assert_eq!(hits.len(), 6_000);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn every_lexicon_name_starts_with_a_head_word() {
        // The grammar starts units at head words; a lexicon name without one
        // could only be matched by luck.
        for entry in entries() {
            for name in std::iter::once(&entry.canonical).chain(&entry.aliases) {
                assert!(head_of(&words_of_folded(&fold(name))).is_some(), "{name}");
            }
        }
    }

    #[test]
    fn every_lexicon_name_splits_as_itself() {
        for entry in entries() {
            for name in std::iter::once(&entry.canonical).chain(&entry.aliases) {
                let hits = split(name);
                assert_eq!(names(&hits), [*name]);
                assert_eq!(canonicals(&hits), [Some(entry.canonical)], "{name}");
                assert_eq!(kinds(&hits), [entry.kind], "{name}");
            }
        }
    }

    #[test]
    fn every_unit_cell_of_the_sample_plan_is_understood() {
        // The task table of the sample: number, content, lead, coordinating,
        // timeframe; the header row is skipped.
        let plan = include_str!("../../seeds/000_b020f26e05120408.txt");
        let mut seen = 0;
        let mut near = Vec::new();
        for line in plan
            .lines()
            .filter(|l| l.matches('\t').count() == 4)
            .skip(1)
        {
            for cell in line.split('\t').skip(2).take(2) {
                for hit in split(cell) {
                    seen += 1;
                    assert_ne!(hit.matched, UnitMatch::None, "{cell:?}: {hit:?}");
                    if hit.matched == UnitMatch::NearMiss {
                        near.push(hit.name);
                    }
                }
            }
        }
        assert!(seen >= 40, "{seen} units");
        assert_eq!(near, ["Sở Nông nghiệp và PTNN"; 2]);
    }
}
