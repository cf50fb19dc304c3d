//! The unit lexicon (`data/units.tsv`): official names, their kinds, aliases
//! and abbreviations, with the matching key they are looked up by.
//!
//! A name is never compared as written. [`key`] reduces it to a matching key:
//! folded with [`fold`] (case, tone style, "đ"), punctuation inside names
//! ("-", "–", ",", ";", "(", …) dropped, "&" read as "và", and every word that
//! is an abbreviation in the lexicon (compared without its "&", "-" and ".")
//! replaced by its expansion. "Sở KH&ĐT", "Sở KHĐT" and "Sở Kế hoạch và Đầu
//! tư" share the key `so ke hoach va dau tu`.

use crate::model::UnitKind;
use crate::normalize::fold::fold;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The lexicon's maps: looked up for every piece of every unit cell, so hashed
/// with foldhash rather than SipHash (they are built from the lexicon alone,
/// so no input can crowd them).
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// The lexicon file, embedded at build time.
const SOURCE: &str = include_str!("../../../data/units.tsv");

/// Keys shorter than this (in bytes) never take part in near-miss matching:
/// short names differ by one letter too easily ("Sở Nội vụ", "Sở Ngoại vụ").
const NEAR_MISS_MIN_LEN: usize = 12;

/// The most words a place name after "tỉnh" may have ("thanh hoa", "ba ria
/// vung tau").
const PLACE_WORDS: usize = 4;

/// One body of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconEntry {
    /// The full official name ("Sở Nông nghiệp và Phát triển nông thôn").
    pub canonical: &'static str,
    /// What kind of body it is.
    pub kind: UnitKind,
    /// Other names in use ("UBND cấp huyện"). Spellings that differ only by
    /// abbreviation, case, tone style or punctuation need no alias.
    pub aliases: Vec<&'static str>,
    /// The keys of the sources the name comes from, as cited in the header
    /// of `data/units.tsv` ("ND24", "ND45").
    pub sources: Vec<&'static str>,
}

/// A line of `data/units.tsv` that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// Line number, starting at 1.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// The parsed lexicon with its indexes.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// The entries in file order.
    pub entries: Vec<LexiconEntry>,
    /// Compact folded abbreviation ("khdt") → expansion key ("ke hoach va dau tu").
    abbreviations: Map<String, String>,
    /// Expanded key of every canonical name and alias → entry index.
    exact: Map<String, usize>,
    /// First word of a key → (key, entry index, name as listed), for near-miss
    /// matching. Holds both the expanded keys and the unexpanded ones
    /// ("so nong nghiep va ptnt").
    near: Map<String, Vec<(String, usize, &'static str)>>,
    /// The most comma-separated pieces any name has ("Ủy ban nhân dân các
    /// huyện, thị xã, thành phố" has 4); at least 1.
    pub max_pieces: usize,
    /// Two names of different entries with the same key, as (key, first entry,
    /// second entry); the first one wins.
    pub collisions: Vec<(String, usize, usize)>,
}

/// The lexicon, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(SOURCE).0);

/// Every entry of the lexicon, in file order.
pub fn entries() -> &'static [LexiconEntry] {
    &LEXICON.entries
}

/// The entry whose canonical name or alias has the same key as `name`
/// (see [`key`]); a trailing "tỉnh `<place>`" is ignored when the full name is
/// not known ("Sở Tài chính tỉnh Thanh Hóa" finds "Sở Tài chính").
pub fn lookup(name: &str) -> Option<&'static LexiconEntry> {
    let lex = &*LEXICON;
    lex.resolve(name).map(|i| &lex.entries[i])
}

/// The lexicon name, canonical or alias and as listed, that `name` is one
/// edit away from when both keep their abbreviations ("Sở Nông nghiệp và
/// PTNN" → "Sở Nông nghiệp và PTNT"), else when both are expanded. For a
/// near miss this is the spelling the writer most likely meant, so a fix can
/// replace only the mistyped word. None when no name, or names of more than
/// one entry, are that close.
pub fn closest_alias(name: &str) -> Option<&'static str> {
    let lex = &*LEXICON;
    let raw = lex.key(name, false);
    let expanded = lex.key(name, true);
    [raw, expanded].iter().find_map(|k| lex.closest_name(k))
}

/// The matching key of `name`: folded, punctuation dropped, abbreviations
/// expanded ("Sở NN&PTNT" → `so nong nghiep va phat trien nong thon`).
pub fn key(name: &str) -> String {
    LEXICON.key(name, true)
}

impl Lexicon {
    /// An empty lexicon: no names, no abbreviations.
    #[cfg(test)]
    pub fn empty() -> Lexicon {
        Lexicon::empty_inner()
    }

    /// Parses the lexicon file; lines that cannot be read are skipped and
    /// reported.
    pub fn parse(text: &'static str) -> (Lexicon, Vec<BadLine>) {
        let mut lex = Lexicon::empty_inner();
        let mut bad = Vec::new();
        let mut rows = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&'static str> = line.split('\t').collect();
            let mut fail = |reason: &str| {
                bad.push(BadLine {
                    line: n + 1,
                    reason: reason.to_string(),
                })
            };
            if fields.len() != 4 {
                fail("expected 4 tab-separated fields");
                continue;
            }
            if fields[3].trim().is_empty() {
                fail("no source");
                continue;
            }
            if fields[0] == "@abbr" {
                let abbr = compact(&fold(fields[1]));
                if abbr.is_empty() || fields[2].trim().is_empty() {
                    fail("empty abbreviation or expansion");
                    continue;
                }
                // Expansions are written in full: no abbreviations inside.
                let expansion = lex.key(fields[2], false);
                lex.abbreviations.insert(abbr, expansion);
                continue;
            }
            let Some(kind) = parse_kind(fields[1]) else {
                fail("unknown kind");
                continue;
            };
            if fields[0].trim().is_empty() {
                fail("empty name");
                continue;
            }
            rows.push(LexiconEntry {
                canonical: fields[0].trim(),
                kind,
                aliases: split_list(fields[2], '|'),
                sources: split_list(fields[3], ','),
            });
        }
        // Keys are made once all abbreviations are known.
        for entry in rows {
            lex.add(entry);
        }
        (lex, bad)
    }

    fn empty_inner() -> Lexicon {
        Lexicon {
            max_pieces: 1,
            ..Lexicon::default()
        }
    }

    fn add(&mut self, entry: LexiconEntry) {
        let index = self.entries.len();
        let names: Vec<&'static str> = std::iter::once(entry.canonical)
            .chain(entry.aliases.iter().copied())
            .collect();
        self.entries.push(entry);
        for name in names {
            self.max_pieces = self.max_pieces.max(super::piece_count(name));
            let expanded = self.key(name, true);
            match self.exact.get(&expanded) {
                Some(&other) if other != index => {
                    self.collisions.push((expanded.clone(), other, index));
                }
                Some(_) => {}
                None => {
                    self.exact.insert(expanded.clone(), index);
                }
            }
            let raw = self.key(name, false);
            for k in [expanded, raw] {
                let Some(head) = k.split(' ').next() else {
                    continue;
                };
                let list = self.near.entry(head.to_string()).or_default();
                if !list.iter().any(|(existing, _, _)| *existing == k) {
                    list.push((k, index, name));
                }
            }
        }
    }

    /// The matching key of `text`. With `expand`, abbreviations are replaced
    /// by their expansions; without, they are kept in compact form ("ptnt").
    pub fn key(&self, text: &str, expand: bool) -> String {
        let folded = fold(text);
        let mut out = String::with_capacity(key_capacity(&folded));
        let (expanded, raw) = if expand {
            (Some(&mut out), None)
        } else {
            (None, Some(&mut out))
        };
        self.keys_of_folded(&folded, expanded, raw);
        out
    }

    /// Both keys of a text already folded: expanded and raw, in one pass
    /// (unit splitting needs both for every piece of a cell).
    pub fn both_keys(&self, folded: &str) -> (String, String) {
        let capacity = key_capacity(folded);
        let (mut expanded, mut raw) = (
            String::with_capacity(capacity),
            String::with_capacity(capacity),
        );
        self.keys_of_folded(folded, Some(&mut expanded), Some(&mut raw));
        (expanded, raw)
    }

    /// Appends the expanded key of `folded` to `expanded` and the raw key to
    /// `raw`, for those given.
    fn keys_of_folded(
        &self,
        folded: &str,
        mut expanded: Option<&mut String>,
        mut raw: Option<&mut String>,
    ) {
        let mut push = |abbr: Option<(&str, &str)>, plain: &str| {
            let (e, r) = abbr.unwrap_or((plain, plain));
            if let Some(out) = expanded.as_deref_mut() {
                push_word(out, e);
            }
            if let Some(out) = raw.as_deref_mut() {
                push_word(out, r);
            }
        };
        for token in folded.split_whitespace() {
            let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            if token.is_empty() {
                continue;
            }
            if let Some(abbr) = self.abbreviation(token) {
                push(Some(abbr), token);
                continue;
            }
            // Not an abbreviation as a whole: split at the punctuation inside
            // ("động-thương", "nghiệp&ptnt") and look at each part.
            let mut part_start: Option<usize> = None;
            for (i, c) in token
                .char_indices()
                .chain(std::iter::once((token.len(), ' ')))
            {
                if c.is_alphanumeric() {
                    if part_start.is_none() {
                        part_start = Some(i);
                    }
                    continue;
                }
                if let Some(s) = part_start.take() {
                    let part = &token[s..i];
                    push(self.abbreviation(part), part);
                }
                if c == '&' {
                    push(None, "va");
                }
            }
        }
    }

    /// The (expanded, compact) key words for `token` when it is an
    /// abbreviation.
    fn abbreviation<'a>(&'a self, token: &str) -> Option<(&'a str, &'a str)> {
        if self.abbreviations.is_empty() {
            return None;
        }
        let compacted;
        let key = if token.contains(is_compacted_away) {
            compacted = compact(token);
            compacted.as_str()
        } else {
            token
        };
        let (stored, expansion) = self.abbreviations.get_key_value(key)?;
        Some((expansion, stored))
    }

    /// The entry for `text` by exact key, then with a trailing "tỉnh `<place>`"
    /// cut off.
    pub fn resolve(&self, text: &str) -> Option<usize> {
        self.resolve_in(text, true)
    }

    /// The entry for `text` by exact key; with `place`, also with a trailing
    /// "tỉnh `<place>`" cut off.
    pub fn resolve_in(&self, text: &str, place: bool) -> Option<usize> {
        self.resolve_key_in(&self.key(text, true), place)
    }

    /// [`Lexicon::resolve_in`] for a key already made.
    pub fn resolve_key_in(&self, k: &str, place: bool) -> Option<usize> {
        if place {
            self.resolve_key(k)
        } else if k.is_empty() {
            None
        } else {
            self.exact.get(k).copied()
        }
    }

    /// The entry for the key `k`, exactly or with a trailing "tỉnh `<place>`"
    /// (a place name of at most [`PLACE_WORDS`] words) cut off.
    fn resolve_key(&self, k: &str) -> Option<usize> {
        if k.is_empty() {
            return None;
        }
        if let Some(&i) = self.exact.get(k) {
            return Some(i);
        }
        // "so tai chinh tinh thanh hoa": try "so tai chinh tinh", then
        // "so tai chinh". "tinh uy" stays whole ("ban tuyen giao tinh uy thanh hoa").
        let words: Vec<&str> = k.split(' ').collect();
        let at = words.iter().position(|w| *w == "tinh")?;
        let keep = if words.get(at + 1) == Some(&"uy") {
            at + 2
        } else {
            at + 1
        };
        if words.len() - keep > PLACE_WORDS {
            return None;
        }
        if keep < words.len()
            && let Some(&i) = self.exact.get(&words[..keep].join(" "))
        {
            return Some(i);
        }
        if at > 0
            && let Some(&i) = self.exact.get(&words[..at].join(" "))
        {
            return Some(i);
        }
        None
    }

    /// The one entry that `text` is probably a typo of: its key (expanded or
    /// not) is one edit away from a key of that entry with the same first
    /// word, both at least [`NEAR_MISS_MIN_LEN`] long; or one of its words is
    /// one edit away from an abbreviation and reading it so gives an exact
    /// match ("PTNN" → "PTNT"). None when no entry or more than one fits.
    #[cfg(test)]
    pub fn near_miss(&self, text: &str) -> Option<usize> {
        self.near_miss_keys(&self.key(text, true), &self.key(text, false))
    }

    /// `Lexicon::near_miss` (a test helper) for the keys of a text, `expanded` (abbreviations
    /// expanded) and `raw` (kept).
    pub fn near_miss_keys(&self, expanded: &str, raw: &str) -> Option<usize> {
        let mut found = Found::default();
        for k in [expanded, raw] {
            if k.len() < NEAR_MISS_MIN_LEN {
                continue;
            }
            let Some(head) = k.split(' ').next() else {
                continue;
            };
            for (candidate, i, _) in self.near.get(head).into_iter().flatten() {
                if candidate.len() >= NEAR_MISS_MIN_LEN
                    && one_edit_apart(k.as_bytes(), candidate.as_bytes())
                {
                    found.note(*i);
                }
            }
        }
        if found.first.is_none()
            && raw.len() >= NEAR_MISS_MIN_LEN
            && let Some(i) = self.abbreviation_typo(raw)
        {
            found.note(i);
        }
        found.only()
    }

    /// The one name listed whose key is one edit away from `k` (same first
    /// word, both long enough); None when none or several entries fit.
    fn closest_name(&self, k: &str) -> Option<&'static str> {
        if k.len() < NEAR_MISS_MIN_LEN {
            return None;
        }
        let head = k.split(' ').next()?;
        let mut found = Found::default();
        let mut name = None;
        for (candidate, i, listed) in self.near.get(head).into_iter().flatten() {
            if candidate.len() >= NEAR_MISS_MIN_LEN
                && one_edit_apart(k.as_bytes(), candidate.as_bytes())
            {
                found.note(*i);
                name.get_or_insert(*listed);
            }
        }
        found.only().and(name)
    }

    /// One word of the unexpanded key is one edit away from exactly one
    /// abbreviation, and reading it as that abbreviation matches an entry.
    fn abbreviation_typo(&self, raw: &str) -> Option<usize> {
        let words: Vec<&str> = raw.split(' ').collect();
        let mut found = None;
        for (w, word) in words.iter().enumerate() {
            // The first word is the head word; it must be right.
            if w == 0 || word.len() < 3 || self.abbreviations.contains_key(*word) {
                continue;
            }
            let mut close = self
                .abbreviations
                .keys()
                .filter(|a| one_edit_apart(word.as_bytes(), a.as_bytes()));
            let (Some(abbr), None) = (close.next(), close.next()) else {
                continue;
            };
            let mut fixed = words.clone();
            fixed[w] = abbr;
            let fixed_key = self.key(&fixed.join(" "), true);
            if let Some(&i) = self.exact.get(&fixed_key) {
                if found.is_some_and(|f| f != i) {
                    return None;
                }
                found = Some(i);
            }
        }
        found
    }
}

/// The entries a near-miss search came across.
#[derive(Default)]
struct Found {
    first: Option<usize>,
    ambiguous: bool,
}

impl Found {
    fn note(&mut self, index: usize) {
        match self.first {
            None => self.first = Some(index),
            Some(f) if f != index => self.ambiguous = true,
            Some(_) => {}
        }
    }

    /// The entry, when exactly one was found.
    fn only(&self) -> Option<usize> {
        if self.ambiguous { None } else { self.first }
    }
}

/// `token` without the characters abbreviations are written with ("&", "-",
/// ".", dashes).
fn compact(token: &str) -> String {
    token.chars().filter(|&c| !is_compacted_away(c)).collect()
}

/// The chars [`compact`] drops.
fn is_compacted_away(c: char) -> bool {
    matches!(c, '&' | '-' | '–' | '—' | '.' | '‐')
}

/// Room for the key of `folded` without growing, but for long expansions:
/// grown a word at a time from empty, a key was reallocated three or four
/// times, which cost more than building it (1.7% of a text batch).
fn key_capacity(folded: &str) -> usize {
    folded.len() + 16
}

fn push_word(out: &mut String, word: &str) {
    if word.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

fn split_list(field: &'static str, sep: char) -> Vec<&'static str> {
    field
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_kind(text: &str) -> Option<UnitKind> {
    Some(match text.trim() {
        "department" => UnitKind::Department,
        "ministry" => UnitKind::Ministry,
        "peoples_committee" => UnitKind::PeoplesCommittee,
        "peoples_council" => UnitKind::PeoplesCouncil,
        "front" => UnitKind::Front,
        "association" => UnitKind::Association,
        "press" => UnitKind::Press,
        "party" => UnitKind::Party,
        "agency" => UnitKind::Agency,
        _ => return None,
    })
}

/// Whether `a` and `b` differ by exactly one inserted, deleted or replaced
/// byte. Linear time.
pub(crate) fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => a[prefix + 1..] == b[prefix + 1..],
        std::cmp::Ordering::Greater => a[prefix + 1..] == b[prefix..],
        std::cmp::Ordering::Less => a[prefix..] == b[prefix + 1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_parses_without_bad_lines_or_collisions() {
        let (lex, bad) = Lexicon::parse(SOURCE);
        assert_eq!(bad, Vec::new());
        assert_eq!(lex.collisions, Vec::new());
        assert!(lex.entries.len() > 60, "{} entries", lex.entries.len());
        assert!(lex.max_pieces >= 3, "max_pieces {}", lex.max_pieces);
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let (lex, bad) = Lexicon::parse(
            "Sở Y tế\tdepartment\t\tND24\nSở X\tplanet\t\tND24\nSở Z\tdepartment\t\t\nonly one field\n",
        );
        assert_eq!(lex.entries.len(), 1);
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn every_row_cites_a_source_defined_in_the_header() {
        let header: String = SOURCE
            .lines()
            .filter(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        for line in SOURCE.lines().filter(|l| l.starts_with("@abbr")) {
            let sources = line.rsplit('\t').next().unwrap_or_default();
            for s in sources.split(',') {
                assert!(header.contains(&format!("[{s}]")), "{line}: source {s}");
            }
        }
        for entry in entries() {
            assert!(!entry.sources.is_empty(), "{}", entry.canonical);
            for s in &entry.sources {
                assert!(
                    header.contains(&format!("[{s}]")),
                    "{}: source {s} is not defined in the header",
                    entry.canonical
                );
            }
        }
    }

    #[test]
    fn required_names_are_present() {
        for (name, kind) in [
            ("Ủy ban nhân dân tỉnh", UnitKind::PeoplesCommittee),
            (
                "Ủy ban nhân dân các huyện, thị xã, thành phố",
                UnitKind::PeoplesCommittee,
            ),
            ("Ủy ban nhân dân cấp huyện", UnitKind::PeoplesCommittee),
            ("Mặt trận Tổ quốc các cấp", UnitKind::Front),
            ("Liên minh Hợp tác xã tỉnh", UnitKind::Association),
            ("Báo Thanh Hóa", UnitKind::Press),
            ("Đài Phát thanh và Truyền hình Thanh Hóa", UnitKind::Press),
            ("Sở Nông nghiệp và Môi trường", UnitKind::Department),
            ("Thanh tra tỉnh", UnitKind::Department),
            ("Văn phòng Ủy ban nhân dân tỉnh", UnitKind::Department),
            ("Bộ Tài chính", UnitKind::Ministry),
            ("Tỉnh ủy", UnitKind::Party),
        ] {
            let entry = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(entry.canonical, name);
            assert_eq!(entry.kind, kind, "{name}");
        }
    }

    #[test]
    fn the_departments_of_both_decrees_are_listed() {
        // Nghị định 24/2014 Điều 8 (17) and Nghị định 45/2025 Điều 8 (12), with
        // the agencies of some provinces (Điều 9 of each).
        let nd24 = [
            "Sở Nội vụ",
            "Sở Tư pháp",
            "Sở Kế hoạch và Đầu tư",
            "Sở Tài chính",
            "Sở Công Thương",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Giao thông vận tải",
            "Sở Xây dựng",
            "Sở Tài nguyên và Môi trường",
            "Sở Thông tin và Truyền thông",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Khoa học và Công nghệ",
            "Sở Giáo dục và Đào tạo",
            "Sở Y tế",
            "Thanh tra tỉnh",
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Sở Ngoại vụ",
            "Ban Dân tộc",
            "Sở Quy hoạch - Kiến trúc",
            "Sở Du lịch",
        ];
        let nd45 = ["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"];
        for name in nd24.iter().chain(&nd45) {
            let entry = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(entry.kind, UnitKind::Department, "{name}");
        }
    }

    #[test]
    fn keys_fold_case_tones_punctuation_and_abbreviations() {
        assert_eq!(key("Sở Kế hoạch và Đầu tư"), "so ke hoach va dau tu");
        assert_eq!(key("SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), key("Sở Kế hoạch và Đầu tư"));
        for variant in ["Sở KH&ĐT", "Sở KHĐT", "Sở KH-ĐT", "sở kh&đt"] {
            assert_eq!(key(variant), "so ke hoach va dau tu", "{variant}");
        }
        let ldtbxh = "so lao dong thuong binh va xa hoi";
        for variant in [
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Lao động, Thương binh và Xã hội",
            "Sở Lao động-Thương binh và Xã hội",
            "Sở Lao động – Thương binh và Xã hội",
            "Sở LĐ-TB&XH",
            "Sở LĐTBXH",
        ] {
            assert_eq!(key(variant), ldtbxh, "{variant}");
        }
        assert_eq!(
            key("Sở Nông nghiệp và PTNT"),
            key("Sở Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(key("Sở NN&PTNT"), key("Sở Nông nghiệp & PTNT"));
        assert_eq!(key("UBND tỉnh"), "uy ban nhan dan tinh");
        assert_eq!(key("HĐND tỉnh"), "hoi dong nhan dan tinh");
        assert_eq!(key("Uỷ ban MTTQ tỉnh"), "uy ban mat tran to quoc tinh");
        assert_eq!(key("Sở TT&TT"), "so thong tin va truyen thong");
        assert_eq!(key("Sở TN&MT"), "so tai nguyen va moi truong");
        assert_eq!(key("Sở GD&ĐT"), "so giao duc va dao tao");
        assert_eq!(key("Sở KH&CN"), "so khoa hoc va cong nghe");
        assert_eq!(key("Sở VH-TT&DL"), "so van hoa the thao va du lich");
        assert_eq!(key("Sở GTVT"), "so giao thong van tai");
        assert_eq!(
            key("Đài PT&TH Thanh Hóa"),
            key("Đài Phát thanh và Truyền hình Thanh Hoá")
        );
        assert_eq!(key(" - ,; "), "");
    }

    #[test]
    fn lookup_finds_abbreviated_and_localised_names() {
        let canonical = |n: &str| lookup(n).map(|e| e.canonical);
        assert_eq!(canonical("Sở KH&ĐT"), Some("Sở Kế hoạch và Đầu tư"));
        assert_eq!(
            canonical("UBND các huyện, thị xã, thành phố"),
            Some("Ủy ban nhân dân các huyện, thị xã, thành phố")
        );
        assert_eq!(
            canonical("Sở Tài chính tỉnh Thanh Hóa"),
            Some("Sở Tài chính")
        );
        assert_eq!(
            canonical("UBND tỉnh Thanh Hóa"),
            Some("Ủy ban nhân dân tỉnh")
        );
        assert_eq!(
            canonical("Liên minh HTX tỉnh Thanh Hóa"),
            Some("Liên minh Hợp tác xã tỉnh")
        );
        assert_eq!(
            canonical("Ban Tuyên giáo Tỉnh ủy Thanh Hóa"),
            Some("Ban Tuyên giáo Tỉnh ủy")
        );
        assert_eq!(canonical("Tỉnh ủy Thanh Hoá"), Some("Tỉnh ủy"));
        assert_eq!(canonical("Sở Không Tồn Tại"), None);
        assert_eq!(canonical(""), None);
        assert_eq!(canonical("tỉnh"), None);
    }

    #[test]
    fn near_miss_fires_on_one_edit_only_for_long_keys_with_the_same_head() {
        let lex = &*LEXICON;
        let near = |n: &str| lex.near_miss(n).map(|i| lex.entries[i].canonical);
        assert_eq!(
            near("Sở Nông nghiệp và PTNN"),
            Some("Sở Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(
            near("Sở Kế hoạch và Đầu tưu"),
            Some("Sở Kế hoạch và Đầu tư")
        );
        assert_eq!(
            near("Sở Lao động, Thương binh và Xã hộ"),
            Some("Sở Lao động - Thương binh và Xã hội")
        );
        // Distinct real names stay apart.
        assert_eq!(near("Sở Ngoại vụ"), None);
        assert_eq!(near("Sở Nội vụ"), None);
        assert_eq!(near("Sở Tài chính"), None, "exact is not a near miss");
        assert_eq!(near("Cục Tài chính"), None, "different head word");
        assert_eq!(near("Sở Nông nghiệp và PTXX"), None, "two edits");
        assert_eq!(near("Sở Tư phá"), None, "too short");
    }

    #[test]
    fn closest_alias_is_the_spelling_meant() {
        assert_eq!(
            closest_alias("Sở Nông nghiệp và PTNN"),
            Some("Sở Nông nghiệp và PTNT")
        );
        assert_eq!(
            closest_alias("Sở Kế hoạch và Đầu tưu"),
            Some("Sở Kế hoạch và Đầu tư")
        );
        assert_eq!(closest_alias("Sở Kế hoạch và Đầu tư"), None, "exact");
        assert_eq!(closest_alias("Sở Ngoại vụu"), None, "too short");
        assert_eq!(closest_alias(""), None);
    }

    #[test]
    fn no_two_entries_are_one_edit_apart() {
        // Otherwise a correct name could be reported as a typo of another.
        let lex = &*LEXICON;
        for list in lex.near.values() {
            for (a, i, _) in list {
                for (b, j, _) in list {
                    if i != j && a.len() >= NEAR_MISS_MIN_LEN {
                        assert!(!one_edit_apart(a.as_bytes(), b.as_bytes()), "{a} / {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn one_edit_apart_counts_edits() {
        assert!(one_edit_apart(b"ptnt", b"ptnn"));
        assert!(one_edit_apart(b"abc", b"abxc"));
        assert!(one_edit_apart(b"abxc", b"abc"));
        assert!(one_edit_apart(b"abc", b"ab"));
        assert!(!one_edit_apart(b"abc", b"abc"));
        assert!(!one_edit_apart(b"abc", b"axy"));
        assert!(!one_edit_apart(b"a", b"abc"));
        assert!(one_edit_apart(b"", b"a"));
    }
}
