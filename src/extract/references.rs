//! Citations of other documents ("Kế hoạch số 204-KH/TU ngày 03/6/2020 của …").
//!
//! A citation starts with a document type (Kế hoạch, Kết luận, Quyết định,
//! Nghị quyết, Nghị định, Thông tư, Thông tư liên tịch, Chỉ thị, Công văn,
//! Luật, Thông báo, Chương trình, Đề án, Hướng dẫn, Công điện, Văn bản, Pháp
//! lệnh) and needs an identifier:
//!
//! - a number, after "số" ("Kế hoạch số 204-KH/TU", "Kế hoạch số 12") or
//!   without it when the number carries a code ("Nghị định 30/2020/NĐ-CP");
//! - for "Nghị quyết", a Central Committee plenum by name ("Nghị quyết Trung
//!   ương 5 (khoá IX)", "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung
//!   ương Đảng khóa IX");
//! - for "Luật" (capitalised), the law's name followed by its year, number
//!   or date ("Luật Hợp tác xã năm 2012", "Luật Tổ chức chính quyền địa
//!   phương ngày 19/6/2015").
//!
//! Then, each optional and in this order: "ngày" and a date ("03/6/2020",
//! "03 tháng 6 năm 2020"), "của" and the issuer, and a date after the issuer
//! when none came before it. A type with no identifier ("Kế hoạch này",
//! "Kết luận của Bộ Chính trị") is not a citation.
//!
//! Matching runs on the folding key ([`fold`](crate::normalize::fold::fold)), so case and tone style never
//! matter; everything reported is sliced from the text as written.

use crate::extract::date::{Date, parse_dmy, parse_dmy_long};
use crate::normalize::CiteMarks;
use crate::normalize::fold::{
    char_of_key_byte, fold_chars, key_char_len, source_pattern, source_spellings_pattern,
};
use crate::normalize::words::DOC_TYPES;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefHit {
    /// Byte range of the whole citation within the text searched: from the
    /// document type to the end of the issuer, or of the date, number or
    /// name when no issuer follows.
    pub range: Range<usize>,
    /// The document type as written ("Kế hoạch"). A qualifier between the type
    /// and the number ("Kế hoạch hành động số …") is inside `range` but not
    /// part of the type.
    pub doc_type: String,
    /// The number ("204-KH/TU"), if any.
    pub number: Option<String>,
    /// The date as ISO 8601, when given and valid.
    pub date: Option<String>,
    /// The issuer as written after "của", when given.
    pub issuer: Option<String>,
    /// The date as written, without "ngày" ("03/6/2020", "03 tháng 6 năm
    /// 2020"), whenever the citation writes one, also when the day does not
    /// exist ("30/02/2014", for which `date` is null).
    pub date_text: Option<String>,
    /// The name, as written, of a document cited by name rather than number:
    /// "Trung ương 5 (khoá IX)" for "Nghị quyết Trung ương 5 (khoá IX)",
    /// "Hợp tác xã" for "Luật Hợp tác xã năm 2012".
    pub name: Option<String>,
}

/// The most words an issuer may have.
const MAX_ISSUER_WORDS: usize = 8;

/// Compiles a pattern known to be valid.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// A number: digits first, then letter or digit groups joined by "/", "-" or ".".
const NUMBER: &str = r"\d[a-z0-9]*(?:[/.-][a-z0-9]+)*";

/// A document type in [`Folded::ascii_scan_key`]: on that all-ASCII text an
/// ASCII word boundary is exactly the Unicode one of the key, and the search
/// never leaves the fast engine (a Unicode `\b` makes it give up at the first
/// non-ASCII byte).
static DOC_TYPE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?-u:\b)(?:{DOC_TYPES})(?-u:\b)")));

/// Where a document type could stand in the text itself, before folding: a
/// piece with no match cannot cite anything and is never folded. Nearly
/// half the text is skipped this way, and folding was the citation
/// search's largest cost.
static DOC_TYPE_SOURCE: LazyLock<Regex> = LazyLock::new(|| re(&source_pattern(DOC_TYPES)));

/// Whether a document type's spelling could start at the start of a text
/// that holds no unusual char ([`source_spellings_pattern`]).
static DOC_TYPE_SOURCE_AT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!("^{}", source_spellings_pattern(DOC_TYPES))));

/// [`DOC_TYPE`] anchored at the start of the text searched.
static DOC_TYPE_AT_SCAN: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(?:{DOC_TYPES})(?-u:\b)")));

static DOC_TYPE_AT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(?:{DOC_TYPES})\b")));
static QUALIFIER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^ +(?:hanh dong|lien tich|lien nganh|ket luan)\b"));
static NUMBER_AFTER_SO: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^,? +so *:? *({NUMBER})")));
static NUMBER_BARE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^ +({NUMBER})")));
/// A number that carries a code ("/NĐ-CP", "-NQ/TW"), so needs no "số".
static HAS_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"[/-][a-z]"));
static NAMED_RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^ +((?:hoi nghi +(?:lan thu +[a-z0-9]+ +(?:ban chap hanh +)?trung uong(?: +dang)?|(?:ban chap hanh +)?trung uong +\d{1,2}\b)|trung uong +\d{1,2}\b)(?: *\( *khoa +[ivxl]+ *\)|,? +khoa +[ivxl]+\b)?)",
    )
});
static NAMED_LAW: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^ +([^\s,;.:()]+(?: +[^\s,;.:()]+|, +chong){{0,7}}?) +(?:nam +(\d{{4}})\b|so *:? *({NUMBER})|ngay +\d)"
    ))
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^,? +ngay +(\d{1,2} *[/.-] *\d{1,2} *[/.-] *\d{4}|\d{1,2} +thang +\d{1,2} +nam +\d{4})\b")
});
static OF: LazyLock<Regex> = LazyLock::new(|| re(r"^,? +cua +"));

/// Lowercase words that end an issuer: prepositions and verbs that start
/// what the sentence says next ("… của UBND tỉnh về thực hiện …").
const ISSUER_STOPS: &[&str] = &[
    "ve", "nham", "theo", "de", "trong", "den", "tai", "voi", "da", "se", "thi", "la", "duoc",
    "nay", "do", "doi", "tren", "cho", "ngay", "khi", "neu", "nhu", "ma", "cung", "hoac", "sau",
    "truoc", "phe", "thuc", "trien", "quy", "bao", "kem", "gom", "so", "huong", "gui", "chi",
    "yeu", "cac",
];

/// Law-name words that show the match ran past the name.
const NOT_IN_LAW_NAMES: &[&str] = &["cua", "ve", "theo", "tai", "voi", "luat", "nay", "cac"];

/// Finds every citation in `text`, in order, one per mention.
pub fn find_references(text: &str) -> Vec<RefHit> {
    find_in_pieces(text, std::iter::once(0..text.len()))
}

/// Finds every citation inside each of `pieces` (byte ranges of `text`: the
/// lines and table cells of a document), in the pieces' order. A citation
/// never runs from one piece into the next; each hit's range is a range of
/// `text`. One folding key is built for all the pieces that may cite (a
/// regex on their own text says where a document type could stand) and
/// searched once: per-piece keys and searches cost more than the citations
/// themselves.
pub fn find_in_pieces(text: &str, pieces: impl IntoIterator<Item = Range<usize>>) -> Vec<RefHit> {
    find_in_pieces_marked(text, pieces, None)
}

/// [`find_in_pieces`], told by `marks` (when `text` is a normalized text:
/// [`crate::normalize::Normalized::cite_marks`]) where a document type may
/// start: a piece passes when it overlaps an unusual char, cuts a word at
/// either end, or a type's spelling could start at one of its heads (a
/// short anchored regex), and then only from that head on is folded; no
/// regex runs over the rest of its text. The same hits are found (tests
/// compare the two ways).
pub fn find_in_pieces_marked(
    text: &str,
    pieces: impl IntoIterator<Item = Range<usize>>,
    marks: Option<CiteMarks<'_>>,
) -> Vec<RefHit> {
    let pieces = pieces.into_iter().filter_map(|p| match marks {
        Some(m) if overlaps_any(m.unusual, &p) || cuts_a_word(text, &p) => Some((p, None)),
        // Every type here starts at a head where its spelling could start:
        // only those are tried, and only from the first of them is the
        // piece folded (a citation is read forward from its type). Not cut
        // when the char before the head folds to a word char ("2", "_",
        // "‿"): there the key would gain a word boundary it lacks.
        Some(m) => {
            let heads: Vec<usize> = within(m.heads, &p)
                .filter(|h| DOC_TYPE_SOURCE_AT.is_match(&text[h.start..p.end]))
                .map(|h| h.start)
                .collect();
            let first = *heads.first()?;
            let from = match text[p.start..first].chars().next_back() {
                Some(c) if !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_' => p.start,
                _ => first,
            };
            Some((from..p.end, Some(heads)))
        }
        None => DOC_TYPE_SOURCE
            .is_match(&text[p.clone()])
            .then_some((p, None)),
    });
    let folded = Folded::new(text, pieces);
    let scan = folded.ascii_scan_key();
    let mut hits = Vec::new();
    let mut done = 0;
    for piece in &folded.pieces {
        for m in doc_types_in(&scan, piece) {
            if m.start < done {
                continue;
            }
            if let Some((end, hit)) = citation(&folded, &folded.key[..piece.key.end], m) {
                done = end;
                hits.push(hit);
            }
        }
    }
    hits
}

/// The document types in `piece` of the scan key, as key ranges in order:
/// those [`DOC_TYPE`] finds in the piece, read at its heads alone when the
/// piece has them (no type starts elsewhere there; a test compares).
fn doc_types_in(scan: &str, piece: &PieceKey) -> Vec<Range<usize>> {
    let shift = |r: Range<usize>| piece.key.start + r.start..piece.key.start + r.end;
    let Some(heads) = &piece.heads else {
        return DOC_TYPE
            .find_iter(&scan[piece.key.clone()])
            .map(|m| shift(m.range()))
            .collect();
    };
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found: Vec<Range<usize>> = Vec::new();
    for &k in heads {
        // As the search over the piece would: not inside the last type
        // found, and at a word boundary.
        if found.last().is_some_and(|f| k < f.end)
            || (k > piece.key.start && is_word(scan.as_bytes()[k - 1]))
        {
            continue;
        }
        if let Some(m) = DOC_TYPE_AT_SCAN.find(&scan[k..piece.key.end]) {
            found.push(k..k + m.end());
        }
    }
    found
}

/// The spans (in order, not overlapping) that start inside `piece`.
fn within<'s>(
    spans: &'s [Range<usize>],
    piece: &Range<usize>,
) -> impl Iterator<Item = &'s Range<usize>> {
    let from = spans.partition_point(|s| s.start < piece.start);
    spans[from..].iter().take_while(|s| s.start < piece.end)
}

/// Whether `piece` overlaps one of `spans` (in order, not overlapping).
fn overlaps_any(spans: &[Range<usize>], piece: &Range<usize>) -> bool {
    let i = spans.partition_point(|s| s.end <= piece.start);
    spans.get(i).is_some_and(|s| s.start < piece.end)
}

/// Whether `piece` of `text` starts or ends inside a word (a word char on
/// both sides of either end): the piece's first or last word is then not
/// one normalizing read whole, so its marks do not speak for it.
fn cuts_a_word(text: &str, piece: &Range<usize>) -> bool {
    use crate::normalize::is_word_char;
    let word_before = |at: usize| text[..at].chars().next_back().is_some_and(is_word_char);
    let word_at = |at: usize| text[at..].chars().next().is_some_and(is_word_char);
    (word_before(piece.start) && word_at(piece.start))
        || (word_before(piece.end) && word_at(piece.end))
}

/// The citation whose document type stands at `doc` (a range of the key),
/// with the key offset where it ends.
fn citation(f: &Folded, key: &str, doc: Range<usize>) -> Option<(usize, RefHit)> {
    let text = f.text;
    let doc_kind = &key[doc.clone()];
    let after_type = doc.end;
    // Most mentions of a type cite nothing ("kế hoạch này"): each pattern
    // runs only when the word after the spaces can start it (a necessary
    // condition, so nothing is missed), which skips nearly every regex call.
    let next = |at: usize, comma: bool| next_word(&key[at..], comma);
    let after_qualifier = next(after_type, false)
        .filter(|w| w.starts_with(['h', 'l', 'k']))
        .and_then(|_| QUALIFIER.find(&key[after_type..]))
        .map_or(after_type, |q| after_type + q.end());

    let mut number = None;
    let mut name = None;
    let mut pos;
    let so_next = next(after_qualifier, true).is_some_and(|w| w.starts_with("so"));
    let digit_next =
        next(after_qualifier, false).is_some_and(|w| w.starts_with(|c: char| c.is_numeric()));
    if let Some(caps) = so_next
        .then(|| NUMBER_AFTER_SO.captures(&key[after_qualifier..]))
        .flatten()
    {
        number = caps.get(1).map(|g| shift(g.range(), after_qualifier));
        pos = after_qualifier + caps.get(0)?.end();
    } else if let Some(caps) = digit_next
        .then(|| NUMBER_BARE.captures(&key[after_qualifier..]))
        .flatten()
        && HAS_CODE.is_match(&caps[1])
    {
        number = caps.get(1).map(|g| shift(g.range(), after_qualifier));
        pos = after_qualifier + caps.get(0)?.end();
    } else if doc_kind == "nghi quyet"
        && let Some(caps) = NAMED_RESOLUTION.captures(&key[after_type..])
    {
        name = caps.get(1).map(|g| shift(g.range(), after_type));
        pos = after_type + caps.get(0)?.end();
    } else if doc_kind == "luat"
        && text[f.source(doc.clone())].starts_with(char::is_uppercase)
        && let Some(caps) = NAMED_LAW.captures(&key[after_type..])
    {
        let name_range = shift(caps.get(1)?.range(), after_type);
        if !is_law_name(f, key, name_range.clone()) {
            return None;
        }
        name = Some(name_range.clone());
        number = caps.get(3).map(|g| shift(g.range(), after_type));
        pos = if caps.get(2).is_some() || number.is_some() {
            after_type + caps.get(0)?.end()
        } else {
            // Dated: the date is read below, like any citation's.
            name_range.end
        };
    } else {
        return None;
    }

    let date_at = |at: usize| {
        next(at, true)
            .is_some_and(|w| w.starts_with("ngay"))
            .then(|| DATE.captures(&key[at..]))
            .flatten()
    };
    let mut date = None;
    if let Some(caps) = date_at(pos) {
        date = caps.get(1).map(|g| shift(g.range(), pos));
        pos += caps.get(0)?.end();
    }
    let mut issuer = None;
    if let Some(of) = next(pos, true)
        .is_some_and(|w| w.starts_with("cua"))
        .then(|| OF.find(&key[pos..]))
        .flatten()
        && let Some(found) = issuer_at(f, key, pos + of.end())
    {
        pos = found.end;
        issuer = Some(found);
        if date.is_none()
            && let Some(caps) = date_at(pos)
        {
            date = caps.get(1).map(|g| shift(g.range(), pos));
            pos += caps.get(0)?.end();
        }
    }

    let slice = |r: Range<usize>| text[f.source(r)].to_string();
    let date_text = date.map(slice);
    let hit = RefHit {
        range: f.source(doc.start..pos),
        doc_type: text[f.source(doc.clone())].to_string(),
        number: number.map(slice),
        date: date_text.as_deref().and_then(iso_date),
        issuer: issuer.map(slice),
        date_text,
        name: name.map(slice),
    };
    Some((pos, hit))
}

/// What follows an optional comma and at least one space at the start of
/// `s` (a key), if `s` starts that way: the spaces are `^,? +` in the
/// patterns it guards.
fn next_word(s: &str, comma: bool) -> Option<&str> {
    let s = if comma {
        s.strip_prefix(',').unwrap_or(s)
    } else {
        s
    };
    let rest = s.trim_start_matches(' ');
    (rest.len() < s.len()).then_some(rest)
}

/// `r` moved `by` bytes to the right.
fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// The ISO date of a date as written, if the day exists.
fn iso_date(written: &str) -> Option<String> {
    let (d, m, y) = parse_dmy(written).or_else(|| parse_dmy_long(written))?;
    Date::new(y, m, d).map(Date::iso)
}

/// Whether the words in `name` (a key range) look like a law's name: the
/// first capitalised, no digits, no word that belongs to the sentence.
fn is_law_name(f: &Folded, key: &str, name: Range<usize>) -> bool {
    let first_upper = f.text[f.source(name.clone())].starts_with(char::is_uppercase);
    first_upper
        && key[name]
            .split([' ', ','])
            .all(|w| !NOT_IN_LAW_NAMES.contains(&w) && !w.chars().any(|c| c.is_ascii_digit()))
}

/// The issuer that starts at key offset `from`, as a key range: words up to
/// punctuation, a stop word, "và" before a lowercase word or another
/// document type, or [`MAX_ISSUER_WORDS`] words.
fn issuer_at(f: &Folded, key: &str, from: usize) -> Option<Range<usize>> {
    let text = f.text;
    let mut tokens = key[from..]
        .split(' ')
        .scan(from, |at, token| {
            let range = *at..*at + token.len();
            *at += token.len() + 1;
            Some(range)
        })
        .filter(|r| !r.is_empty())
        .peekable();
    let first_char = |r: &Range<usize>| text[f.char_at(r.start).0..].chars().next();
    let is_lower = |r: &Range<usize>| first_char(r).is_some_and(char::is_lowercase);
    let is_upper = |r: &Range<usize>| first_char(r).is_some_and(char::is_uppercase);

    let mut words: Vec<Range<usize>> = Vec::new();
    let mut counted = 0;
    while let Some(token) = tokens.next() {
        let token_text = &key[token.clone()];
        // "TP." is an abbreviation, not the end of a sentence.
        let skip = if token_text.starts_with("tp.") { 3 } else { 0 };
        let cut = token_text[skip..]
            .find([
                ',', ';', '.', ':', '(', ')', '[', ']', '"', '“', '”', '!', '?',
            ])
            .map_or(token_text.len(), |c| c + skip);
        let word = token.start..token.start + cut;
        let w = &key[word.clone()];
        if w.is_empty() {
            break;
        }
        let lower = is_lower(&word);
        if lower && ISSUER_STOPS.contains(&w) {
            break;
        }
        let next = tokens.peek();
        if lower && w == "ban" && next.is_some_and(|n| key[n.clone()].starts_with("hanh")) {
            break;
        }
        if lower
            && w == "va"
            && next.is_none_or(|n| !is_upper(n) || DOC_TYPE_AT.is_match(&key[n.start..]))
        {
            break;
        }
        if w.chars().any(char::is_alphanumeric) {
            if counted == MAX_ISSUER_WORDS {
                break;
            }
            counted += 1;
        }
        words.push(word);
        if cut < token_text.len() {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(&key[w.clone()], "va" | "-" | "–" | "—"))
    {
        words.pop();
    }
    Some(words.first()?.start..words.last()?.end)
}

/// The folding key of some pieces of a text, made char by char and
/// separated by line breaks, with what it takes to find the source char of
/// any key byte. White space is kept (one space per char), not collapsed.
struct Folded<'t> {
    /// The text the pieces are ranges of.
    text: &'t str,
    /// The key: lowercase, no tone or vowel marks, "đ" as "d"; each piece's
    /// key is [`fold_chars`] of the piece.
    key: String,
    /// Each piece's key range and source range, in key order.
    pieces: Vec<PieceKey>,
    /// (key offset, source offset) pairs at char starts, in key order: one at
    /// each piece's start and then one every [`CHECKPOINT`] source bytes or so.
    /// Storing one source offset per key byte would cost four or eight times
    /// the text; from a checkpoint, the source of a key byte is a short walk.
    checkpoints: Vec<(usize, usize)>,
    /// The (key offset, source offset) of the char [`Folded::char_at`] found
    /// last: a char start too (none yet: a key offset past every key).
    last: std::cell::Cell<(usize, usize)>,
}

/// One piece's place in the key and in the text.
#[derive(Debug, Clone)]
struct PieceKey {
    key: Range<usize>,
    source: Range<usize>,
    /// The key offsets where a type may start, when only there (the heads
    /// normalizing marked); `None`: anywhere.
    heads: Option<Vec<usize>>,
}

/// Source bytes between checkpoints.
const CHECKPOINT: usize = 32;

impl<'t> Folded<'t> {
    /// The key of `pieces`, each with the text offsets where a type may
    /// start in it (`None`: anywhere), which the key is cut at to learn
    /// their key offsets.
    fn new(
        text: &'t str,
        pieces: impl IntoIterator<Item = (Range<usize>, Option<Vec<usize>>)>,
    ) -> Folded<'t> {
        let mut f = Folded {
            text,
            key: String::with_capacity(text.len()),
            pieces: Vec::new(),
            checkpoints: Vec::new(),
            last: std::cell::Cell::new((usize::MAX, 0)),
        };
        for (source, heads) in pieces {
            if !f.pieces.is_empty() {
                f.key.push('\n');
            }
            let start = f.key.len();
            let mut head_keys = heads.as_ref().map(|h| Vec::with_capacity(h.len()));
            let mut next_head = heads.iter().flatten().copied().peekable();
            // Folded a chunk at a time, with a checkpoint before each, and
            // cut at each head to note its key offset.
            let mut at = source.start;
            while at < source.end {
                if next_head.next_if(|&h| h <= at).is_some() {
                    head_keys.iter_mut().for_each(|k| k.push(f.key.len()));
                }
                let mut end = (at + CHECKPOINT).min(source.end);
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                if let Some(&h) = next_head.peek() {
                    end = end.min(h);
                }
                f.checkpoints.push((f.key.len(), at));
                fold_chars(&text[at..end], &mut f.key);
                at = end;
            }
            f.pieces.push(PieceKey {
                key: start..f.key.len(),
                source,
                heads: head_keys,
            });
        }
        f
    }

    /// The key as ASCII of the same length, for the document-type search:
    /// each byte of a non-ASCII char becomes `x` when the char is a word
    /// character, a control byte when not (no type is spelt with either).
    fn ascii_scan_key(&self) -> std::borrow::Cow<'_, str> {
        if self.key.is_ascii() {
            return self.key.as_str().into();
        }
        let mut scan = String::with_capacity(self.key.len());
        let mut rest = self.key.as_str();
        // ASCII runs are copied whole; only the rare other chars are looked at.
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            scan.push_str(&rest[..at]);
            let c = rest[at..].chars().next().unwrap_or_default();
            // The regex crate's own definition of a word character.
            let stand_in = if regex_syntax::is_word_character(c) {
                'x'
            } else {
                '\u{1}'
            };
            scan.extend(std::iter::repeat_n(stand_in, c.len_utf8()));
            rest = &rest[at + c.len_utf8()..];
        }
        scan.push_str(rest);
        scan.into()
    }

    /// The piece whose key holds key offset `k` (or ends at it).
    fn piece_at(&self, k: usize) -> &PieceKey {
        let i = self.pieces.partition_point(|p| p.key.start <= k);
        &self.pieces[i.saturating_sub(1)]
    }

    /// The source char (start, end) that key byte `k` came from, and the end
    /// of its piece.
    fn char_at(&self, k: usize) -> (usize, usize, usize) {
        let piece = self.piece_at(k);
        let piece_end = piece.source.end;
        let i = self.checkpoints.partition_point(|&(ck, _)| ck <= k);
        let (mut at_key, mut from) = self.checkpoints[i.saturating_sub(1)];
        // A citation is read left to right: the char found last is usually
        // closer than the checkpoint.
        let (last_key, last_from) = self.last.get();
        if (at_key.max(piece.key.start)..=k).contains(&last_key) {
            (at_key, from) = (last_key, last_from);
        }
        match char_of_key_byte(&self.text[from..piece_end], k - at_key) {
            Some((c, key_start)) => {
                self.last.set((at_key + key_start, from + c.start));
                (from + c.start, from + c.end, piece_end)
            }
            // Unreachable for a key byte of a piece; the piece's end otherwise.
            None => (piece_end, piece_end, piece_end),
        }
    }

    /// The source range of a non-empty key range inside one piece: from the
    /// first byte's char to the last byte's char and any marks after it.
    fn source(&self, r: Range<usize>) -> Range<usize> {
        let (start, _, _) = self.char_at(r.start);
        let (_, mut end, piece_end) = self.char_at(r.end - 1);
        for c in self.text[end..piece_end].chars() {
            if key_char_len(c) > 0 {
                break;
            }
            end += c.len_utf8();
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold::fold_chars;

    const SAMPLE: &str = include_str!("../../seeds/000_b020f26e05120408.txt");

    /// The hits found with normalizing's marks and with the regex over
    /// every piece, for `source` normalized and cut into pieces at `cuts`
    /// (byte offsets of the normalized text, moved to char boundaries).
    fn hits_both_ways(source: &str, cuts: &[usize]) -> (Vec<RefHit>, Vec<RefHit>) {
        let n = crate::normalize::normalize(source);
        let text = n.text.as_str();
        let mut bounds: Vec<usize> = cuts
            .iter()
            .map(|&c| {
                (c.min(text.len())..=text.len())
                    .find(|&b| text.is_char_boundary(b))
                    .unwrap_or(text.len())
            })
            .chain([0, text.len()])
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let pieces: Vec<Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
        let marks = n.cite_marks().expect("the text is as normalized");
        (
            find_in_pieces_marked(text, pieces.iter().cloned(), Some(marks)),
            find_in_pieces(text, pieces.iter().cloned()),
        )
    }

    /// Every char below U+3000 and a sample beyond, next to or inside a
    /// citation's type, whole or cut into pieces there: the marks find
    /// what the regex over every piece finds.
    #[test]
    fn marks_find_what_the_regex_finds_next_to_every_char() {
        let settings: [(&str, &str); 5] = [
            ("", "Kế hoạch số 12/KH-UBND ngày 5/3/2021 của UBND tỉnh"),
            ("Căn cứ ", "Luật Đất đai năm 2013"),
            ("Kế", "hoạch số 1/KH-UBND"),
            ("theo Kế hoạch", " số 1/KH-UBND"),
            ("Thông tư", "liên tịch số 3/2019/TTLT-BTC"),
        ];
        let chars = (0..0x3000u32)
            .chain((0x3000..=0x10FFFF).step_by(97))
            .filter_map(char::from_u32);
        let mut hits = 0;
        for c in chars {
            for (before, after) in settings {
                let source = format!("{before}{c}{after}");
                let at = before.len();
                let next = at + c.len_utf8();
                for cuts in [&[][..], &[at], &[next], &[next + 1], &[at, next + 2]] {
                    let (marked, all) = hits_both_ways(&source, cuts);
                    assert_eq!(marked, all, "{source:?} cut at {cuts:?}");
                    hits += all.len();
                }
            }
        }
        assert!(hits > 100_000, "the settings cite: {hits}");
    }

    proptest::proptest! {
        #[test]
        fn marks_find_what_the_regex_finds(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "Kế", "kế", "KẾ", "Ke", " hoạch", " HOẠCH", "hoạch", " số", " 12/KH", " ngày 1/2/2020",
                " của", " UBND tỉnh", "Luật", " Đất đai", " năm 2013", "Quyết", " định", "Đề", " án",
                "Công", " văn", "Văn", " bản", " ", "  ", "\t", "\n", ".", ",", "(", "2", "x", "\u{301}",
                "\u{200B}", "\u{A0}", "–", "“", "Ω", "ª", "\u{2071}", "Ｋ", "ð",
            ][..]), 0..16),
            cuts in proptest::collection::vec(0usize..200, 0..4),
        ) {
            let (marked, all) = hits_both_ways(&parts.concat(), &cuts);
            proptest::prop_assert_eq!(marked, all);
        }
    }

    /// A piece's key is the fold of the piece, char for char.
    #[test]
    fn a_piece_key_is_the_fold_of_the_piece() {
        let texts = [
            SAMPLE,
            "Kế\u{A0}hoạch số 12/KH-UBND",
            "Quye\u{301}t\tđịnh\u{2003}số 5",
            "ĐỀ ÁN\u{000B}Ðề án ＫＨ",
            "a\u{0300}\u{0301} 𝐊ế hoạch",
        ];
        for t in texts {
            let mut quick = String::new();
            fold_chars(t, &mut quick);
            assert_eq!(
                quick,
                Folded::new(t, std::iter::once((0..t.len(), None))).key,
                "{t:?}"
            );
            // Cut at heads (here every char after a space), the key is the
            // same, and each head's key offset is where its char's key starts.
            let heads: Vec<usize> = t.match_indices(' ').map(|(i, _)| i + 1).collect();
            let f = Folded::new(t, std::iter::once((0..t.len(), Some(heads.clone()))));
            assert_eq!(f.key, quick, "{t:?}");
            let head_keys = f.pieces[0].heads.clone().unwrap_or_default();
            assert_eq!(head_keys.len(), heads.len(), "{t:?}");
            for (h, k) in heads.iter().zip(&head_keys) {
                let mut before = String::new();
                fold_chars(&t[..*h], &mut before);
                assert_eq!(*k, before.len(), "{t:?} at {h}");
            }
        }
    }

    /// Searching many pieces at once finds what searching each alone finds:
    /// no citation runs across pieces, and offsets map back through any
    /// piece (here every line of the sample and of a text whose lines start
    /// with marks, cut into pieces that skip a byte between them).
    #[test]
    fn pieces_searched_together_give_what_each_gives_alone() {
        let marks = "xKế hoạch số 1/KH của Bô\u{323}\n\u{301}Ke\u{301} hoạch số 2/KH-UBND ngày 1/2/2020 của UBND tỉnh\n\tNghị quyết Trung ương 5 (khoá IX)";
        for text in [SAMPLE, marks] {
            let mut pieces = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                let body = line.trim_end_matches('\n');
                // Even pieces (the first among them) skip their first byte
                // when it is a char of its own.
                let skip = usize::from(
                    pieces.len() % 2 == 0 && body.is_char_boundary(1) && !body.is_empty(),
                );
                pieces.push(at + skip..at + body.len());
                at += line.len();
            }
            let together = find_in_pieces(text, pieces.iter().cloned());
            let alone: Vec<RefHit> = pieces
                .iter()
                .flat_map(|p| {
                    find_references(&text[p.clone()]).into_iter().map(|mut h| {
                        h.range = shift(h.range, p.start);
                        h
                    })
                })
                .collect();
            assert!(!alone.is_empty());
            assert_eq!(together, alone);
        }
    }

    /// Line `n` (1-based) of the sample.
    fn line(n: usize) -> &'static str {
        SAMPLE.lines().nth(n - 1).expect("the sample has the line")
    }

    /// (type, number, date, issuer, name) of each hit.
    type Brief<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn brief(hits: &[RefHit]) -> Vec<Brief<'_>> {
        hits.iter()
            .map(|h| {
                (
                    h.doc_type.as_str(),
                    h.number.as_deref(),
                    h.date.as_deref(),
                    h.issuer.as_deref(),
                    h.name.as_deref(),
                )
            })
            .collect()
    }

    /// The text each hit's range covers.
    fn covered<'a>(text: &'a str, hits: &[RefHit]) -> Vec<&'a str> {
        hits.iter().map(|h| &text[h.range.clone()]).collect()
    }

    const KH204: Brief = (
        "Kế hoạch",
        Some("204-KH/TU"),
        Some("2020-06-03"),
        Some("Ban Thường vụ Tỉnh uỷ"),
        None,
    );
    const KL70: Brief = (
        "Kết luận",
        Some("70-KL/TW"),
        None,
        Some("Bộ Chính trị"),
        None,
    );
    const NQ5: Brief = (
        "Nghị quyết",
        None,
        None,
        None,
        Some("Trung ương 5 (khoá IX)"),
    );

    #[test]
    fn sample_line_5() {
        let text = line(5);
        assert!(text.starts_with("Thực hiện Kế hoạch số 204-KH/TU"));
        let hits = find_references(text);
        assert_eq!(brief(&hits), [KH204, KL70, NQ5]);
        assert_eq!(
            covered(text, &hits),
            [
                "Kế hoạch số 204-KH/TU ngày 03/6/2020 của Ban Thường vụ Tỉnh uỷ",
                "Kết luận số 70-KL/TW của Bộ Chính trị",
                "Nghị quyết Trung ương 5 (khoá IX)",
            ]
        );
        assert_eq!(hits[0].date_text.as_deref(), Some("03/6/2020"));
        assert_eq!(hits[1].date_text, None);
    }

    #[test]
    fn sample_line_7() {
        let text = line(7);
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [("Kế hoạch", Some("204-KH/TU"), None, None, None), KL70, NQ5]
        );
        // "Kế hoạch của Ban Thường vụ Tỉnh uỷ và Kết luận của Bộ Chính trị"
        // names no document.
        assert_eq!(
            covered(text, &hits),
            [
                "Kế hoạch số 204-KH/TU",
                "Kết luận số 70-KL/TW của Bộ Chính trị",
                "Nghị quyết Trung ương 5 (khoá IX)",
            ]
        );
    }

    #[test]
    fn sample_line_11() {
        let text = line(11);
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [
                (
                    "Kết luận",
                    Some("70-KL/TW"),
                    Some("2020-03-09"),
                    Some("Bộ Chính trị"),
                    None
                ),
                KH204,
            ]
        );
        assert_eq!(
            covered(text, &hits)[1],
            "Kế hoạch số 204-KH/TU ngày 03/6/2020 của Ban Thường vụ Tỉnh uỷ"
        );
    }

    #[test]
    fn sample_line_13() {
        let text = line(13);
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [
                (
                    "Kết luận",
                    Some("70-KL/TW"),
                    Some("2020-03-09"),
                    Some("Bộ Chính trị"),
                    None
                ),
                KH204,
            ]
        );
    }

    #[test]
    fn sample_line_35() {
        let text = line(35);
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [(
                "Kế hoạch",
                Some("204-KH/TU"),
                Some("2020-06-03"),
                Some("Ban Thường vụ Tỉnh ủy"),
                None
            )]
        );
    }

    #[test]
    fn sample_lines_58_to_60_as_one_text() {
        let text = SAMPLE
            .lines()
            .skip(57)
            .take(3)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.starts_with("**Nhiệm vụ chủ yếu"));
        let hits = find_references(&text);
        assert_eq!(
            brief(&hits),
            [
                (
                    "Kế hoạch",
                    Some("204-KH/TU"),
                    Some("2020-06-03"),
                    Some("Ban Thường vụ Tỉnh ủy"),
                    None
                ),
                KL70,
                (
                    "Nghị quyết",
                    None,
                    None,
                    None,
                    Some("Trung ương 5 (khóa IX)")
                ),
            ]
        );
        assert_eq!(
            covered(&text, &hits)[2],
            "Nghị quyết Trung ương 5 (khóa IX)"
        );
    }

    #[test]
    fn sample_line_71() {
        let text = line(71);
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [
                (
                    "Quyết định",
                    Some("4752/QĐ-UBND"),
                    Some("2014-12-29"),
                    Some("UBND tỉnh"),
                    None
                ),
                (
                    "Kế hoạch",
                    Some("115/KH-UBND"),
                    Some("2018-06-04"),
                    Some("UBND tỉnh"),
                    None
                ),
            ]
        );
        assert_eq!(
            covered(text, &hits),
            [
                "Quyết định số 4752/QĐ-UBND ngày 29/12/2014 của UBND tỉnh",
                "Kế hoạch số 115/KH-UBND ngày 04/6/2018 của UBND tỉnh",
            ]
        );
    }

    #[test]
    fn the_same_document_twice_is_two_hits() {
        let text = "Kế hoạch số 204-KH/TU và Kế hoạch số 204-KH/TU.";
        let hits = find_references(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(covered(text, &hits), ["Kế hoạch số 204-KH/TU"; 2]);
    }

    #[test]
    fn numbers_without_so() {
        let text = "theo Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư";
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [(
                "Nghị định",
                Some("30/2020/NĐ-CP"),
                Some("2020-03-05"),
                Some("Chính phủ"),
                None
            )]
        );
        let hits = find_references("Nghị quyết số 20-NQ/TW của Hội nghị Trung ương 6");
        assert_eq!(hits[0].number.as_deref(), Some("20-NQ/TW"));
        let hits = find_references("Nghị quyết 20-NQ/TW");
        assert_eq!(hits[0].number.as_deref(), Some("20-NQ/TW"));
        // Without "số" a bare number or a year range is not an identifier.
        assert!(find_references("Kế hoạch 2021-2025 của tỉnh").is_empty());
        assert!(find_references("Kế hoạch 5 năm").is_empty());
        // With "số" it is.
        let hits = find_references("Công văn số 1234 ngày 2/3/2021");
        assert_eq!(
            brief(&hits),
            [("Công văn", Some("1234"), Some("2021-03-02"), None, None)]
        );
    }

    #[test]
    fn every_document_type() {
        let types = [
            "Kế hoạch",
            "Kết luận",
            "Quyết định",
            "Nghị quyết",
            "Nghị định",
            "Thông tư",
            "Thông tư liên tịch",
            "Chỉ thị",
            "Công văn",
            "Luật",
            "Thông báo",
            "Chương trình",
            "Đề án",
            "Hướng dẫn",
            "Công điện",
            "Văn bản",
            "Pháp lệnh",
        ];
        for t in types {
            let text = format!("Theo {t} số 12/ABC-XYZ ngày 1/2/2020.");
            let hits = find_references(&text);
            assert_eq!(
                brief(&hits),
                [(t, Some("12/ABC-XYZ"), Some("2020-02-01"), None, None)],
                "{text}"
            );
            assert_eq!(covered(&text, &hits), [&text[5..text.len() - 1]]);
        }
    }

    #[test]
    fn doc_type_is_reported_as_written() {
        let text = "KẾ HOẠCH SỐ 204-KH/TU NGÀY 03/6/2020 CỦA BAN THƯỜNG VỤ TỈNH UỶ";
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [(
                "KẾ HOẠCH",
                Some("204-KH/TU"),
                Some("2020-06-03"),
                Some("BAN THƯỜNG VỤ TỈNH UỶ"),
                None
            )]
        );
        let hits = find_references("ke hoach so 204-KH/TU");
        assert_eq!(hits[0].doc_type, "ke hoach");
    }

    #[test]
    fn long_dates_and_impossible_dates() {
        let text = "Quyết định số 12/QĐ-UBND ngày 03 tháng 6 năm 2020 của UBND tỉnh";
        let hits = find_references(text);
        assert_eq!(hits[0].date.as_deref(), Some("2020-06-03"));
        assert_eq!(hits[0].date_text.as_deref(), Some("03 tháng 6 năm 2020"));
        assert_eq!(&text[hits[0].range.clone()], text);

        let text = "Quyết định số 12/QĐ-UBND ngày 30/02/2014 của UBND tỉnh";
        let hits = find_references(text);
        assert_eq!(hits[0].date, None);
        assert_eq!(hits[0].date_text.as_deref(), Some("30/02/2014"));
        assert_eq!(hits[0].issuer.as_deref(), Some("UBND tỉnh"));
    }

    #[test]
    fn date_after_the_issuer() {
        let hits = find_references("Chỉ thị số 05-CT/TW của Bộ Chính trị ngày 15/5/2016 về …");
        assert_eq!(
            brief(&hits),
            [(
                "Chỉ thị",
                Some("05-CT/TW"),
                Some("2016-05-15"),
                Some("Bộ Chính trị"),
                None
            )]
        );
    }

    #[test]
    fn issuers_end_where_the_sentence_goes_on() {
        let issuer = |text: &str| find_references(text).first().and_then(|h| h.issuer.clone());
        let kh = "Kế hoạch số 1/KH-UBND của ";
        for (tail, want) in [
            ("Bộ Kế hoạch và Đầu tư về việc", "Bộ Kế hoạch và Đầu tư"),
            (
                "Bộ Lao động - Thương binh và Xã hội; các",
                "Bộ Lao động - Thương binh và Xã hội",
            ),
            (
                "Ủy ban nhân dân tỉnh Thanh Hóa.",
                "Ủy ban nhân dân tỉnh Thanh Hóa",
            ),
            ("Thủ tướng Chính phủ nhằm", "Thủ tướng Chính phủ"),
            ("UBND tỉnh ban hành", "UBND tỉnh"),
            ("Bộ Chính trị và Kế hoạch số 2", "Bộ Chính trị"),
            ("UBND TP. Hà Nội, các", "UBND TP. Hà Nội"),
            ("Tỉnh ủy (nay là", "Tỉnh ủy"),
            ("Tỉnh ủy", "Tỉnh ủy"),
            (
                "Bộ Nội vụ và Bộ Tài chính hướng dẫn",
                "Bộ Nội vụ và Bộ Tài chính",
            ),
            ("Chủ tịch UBND tỉnh gửi các sở", "Chủ tịch UBND tỉnh"),
            ("Ban Tuyên giáo Tỉnh ủy.", "Ban Tuyên giáo Tỉnh ủy"),
            (
                "Ban Bí thư Trung ương Đảng khóa XII",
                "Ban Bí thư Trung ương Đảng khóa XII",
            ),
            (
                "Một Hai Ba Bốn Năm Sáu Bảy Tám Chín Mười",
                "Một Hai Ba Bốn Năm Sáu Bảy Tám",
            ),
        ] {
            assert_eq!(
                issuer(&format!("{kh}{tail}")).as_deref(),
                Some(want),
                "{tail}"
            );
        }
        assert_eq!(issuer("Kế hoạch số 1/KH-UBND của về"), None);
        assert_eq!(issuer("Kế hoạch số 1/KH-UBND của"), None);
        assert_eq!(issuer("Kế hoạch số 1/KH-UBND của ."), None);
        // No issuer: the range ends at the number.
        let text = "Kế hoạch số 1/KH-UBND của , và";
        assert_eq!(
            covered(text, &find_references(text)),
            ["Kế hoạch số 1/KH-UBND"]
        );
    }

    #[test]
    fn resolutions_by_name() {
        let text = "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa IX về …";
        let hits = find_references(text);
        assert_eq!(
            hits[0].name.as_deref(),
            Some("Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa IX")
        );
        let hits = find_references("theo Nghị quyết Trung ương 7, khóa X về nông nghiệp");
        assert_eq!(hits[0].name.as_deref(), Some("Trung ương 7, khóa X"));
        let hits = find_references("NGHỊ QUYẾT TRUNG ƯƠNG 5 (KHOÁ IX)");
        assert_eq!(hits[0].name.as_deref(), Some("TRUNG ƯƠNG 5 (KHOÁ IX)"));
        assert!(find_references("Nghị quyết Trung ương về").is_empty());
        assert!(find_references("Nghị quyết Đại hội Đảng các cấp").is_empty());
    }

    #[test]
    fn laws_by_name() {
        let text = "thi hành Luật Hợp tác xã năm 2012 và các văn bản";
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [("Luật", None, None, None, Some("Hợp tác xã"))]
        );
        assert_eq!(covered(text, &hits), ["Luật Hợp tác xã năm 2012"]);
        let hits = find_references("Luật Phòng, chống tham nhũng năm 2018");
        assert_eq!(hits[0].name.as_deref(), Some("Phòng, chống tham nhũng"));
        let hits = find_references("Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012");
        assert_eq!(
            brief(&hits),
            [(
                "Luật",
                Some("23/2012/QH13"),
                Some("2012-11-20"),
                None,
                Some("Hợp tác xã")
            )]
        );
        let text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, \
            bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa \
            phương ngày 22/11/2019;";
        let hits = find_references(text);
        assert_eq!(
            brief(&hits),
            [
                (
                    "Luật",
                    None,
                    Some("2015-06-19"),
                    None,
                    Some("Tổ chức chính quyền địa phương")
                ),
                (
                    "Luật",
                    None,
                    Some("2019-11-22"),
                    None,
                    Some("Tổ chức chính quyền địa phương")
                ),
            ]
        );
        assert_eq!(
            find_references("Luật số 23/2012/QH13")[0].number.as_deref(),
            Some("23/2012/QH13")
        );
        // Not laws: lowercase, no year or number, or the match runs past a name.
        for text in [
            "chính sách pháp luật của Nhà nước năm 2012",
            "luật hợp tác xã năm 2012",
            "Luật Hợp tác xã",
            "Luật này có hiệu lực từ năm 2012",
            "Luật của Quốc hội năm 2012",
        ] {
            assert!(find_references(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn qualified_types() {
        let text = "Chương trình hành động số 35-CTr/TU ngày 1/1/2021";
        let hits = find_references(text);
        assert_eq!(hits[0].doc_type, "Chương trình");
        assert_eq!(hits[0].number.as_deref(), Some("35-CTr/TU"));
        assert_eq!(covered(text, &hits), [text]);
    }

    #[test]
    fn near_misses_give_no_hit() {
        for text in [
            "Kế hoạch này",
            "Kế hoạch của Ban Thường vụ Tỉnh uỷ",
            "Kết luận của Bộ Chính trị",
            "xây dựng kế hoạch cụ thể",
            "trong Nghị quyết Đại hội Đảng các cấp và chiến lược",
            "Kế hoạch số lượng lớn",
            "Kế hoạch số",
            "số 204-KH/TU ngày 03/6/2020",
            "Ngày 03/6/2020, Ban Thường vụ Tỉnh uỷ",
            "Kế hoạch hành động thực hiện",
            "Đề án phát triển, củng cố",
            "kế hoạch, chương trình cụ thể",
            "ngày 99/99/9999",
            "Kếhoạch số 1/KH",
            "các văn bản quy phạm pháp luật",
        ] {
            assert_eq!(find_references(text), [], "{text}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let long_run = "Kế hoạch số ".repeat(5_000);
        let long_number = format!("Kế hoạch số {}", "1/".repeat(10_000));
        let long_issuer = format!("Kế hoạch số 1/KH của {}", "Ủy ban ".repeat(10_000));
        let texts = [
            "",
            " ",
            "số",
            "Kế hoạch",
            "Kế hoạch số",
            "Kế hoạch số ",
            "Kế hoạch số 1",
            "Kế hoạch số 1 ngày",
            "Kế hoạch số 1 ngày 99/99/9999",
            "Kế hoạch số 1 ngày 99/99/9999 của",
            "Kế hoạch số 1 của",
            "Kế hoạch số 1 của ",
            "Nghị quyết Trung ương",
            "Nghị quyết Trung ương 5 (",
            "Luật",
            "Luật ",
            "ngày 99/99/9999",
            "Ke\u{0301} hoa\u{0323}ch số 1/KH-UBND của Bô\u{0323}",
            "\u{0301}Kế hoạch số 1",
            "Kế hoạch số 1/KH của\u{0301}",
            "İ Kế hoạch số 1/KH của İİ",
            "Kế hoạch số ١٢/KH",
            long_run.as_str(),
            long_number.as_str(),
            long_issuer.as_str(),
        ];
        for text in texts {
            for hit in find_references(text) {
                // Slicing panics if the range is off a char boundary.
                assert!(!text[hit.range.clone()].is_empty());
            }
        }
        assert_eq!(
            find_references("Kế hoạch số 1")[0].number.as_deref(),
            Some("1")
        );
        let hits = find_references(&long_issuer);
        assert_eq!(
            hits[0].issuer.as_deref().map(|s| s.split(' ').count()),
            Some(8)
        );
    }

    #[test]
    fn decomposed_marks_stay_inside_the_range() {
        let text = "Ke\u{0301} hoa\u{0323}ch số 1/KH-UBND của Bô\u{0323}";
        let hits = find_references(text);
        assert_eq!(hits[0].doc_type, "Ke\u{0301} hoa\u{0323}ch");
        assert_eq!(hits[0].issuer.as_deref(), Some("Bô\u{0323}"));
        assert_eq!(hits[0].range, 0..text.len());
    }
}
