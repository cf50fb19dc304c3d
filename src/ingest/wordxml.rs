//! A reader for the XML that Word writes, beside quick-xml.
//!
//! A .docx part is start, end and empty tags, text, entity references and
//! one XML declaration. This reader reads just that, and yields quick-xml's
//! own event types, built from the same slices quick-xml would cut, so the
//! .docx reader consumes them unchanged. What it saves is quick-xml's UTF-8
//! check of each event on its own (the whole part is checked once here) and
//! its general machinery: reading events was about half of the .docx
//! reader's own time.
//!
//! It reads a part only as far as it gives exactly quick-xml's events. At
//! anything else (comments, CDATA, a DOCTYPE, a byte-order mark, invalid
//! UTF-8, a name outside ASCII, an end tag with spaces or one that does not
//! close the element open, anything quick-xml might refuse) it stops with
//! `None`, and the .docx reader reads the part again, from the start, with
//! quick-xml, which reads it, or says what is wrong with it, as before.
//! [`agrees_with_quick_xml`] compares the two readers; the tests and the
//! `docx` fuzz target run it.

use quick_xml::events::{BytesEnd, BytesRef, BytesStart, BytesText, Event};

/// One piece of a part: a byte range of its text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// `<name attributes>`: the content between `<` and `>`, and where the
    /// name ends in it.
    Start {
        content: (usize, usize),
        name_len: usize,
    },
    /// `<name attributes/>`: the content between `<` and `/>`.
    Empty {
        content: (usize, usize),
        name_len: usize,
    },
    /// `</name>`: the name.
    End { name: (usize, usize) },
    /// Text up to the next `<` or `&`, never empty.
    Text { text: (usize, usize) },
    /// `&name;`: the name.
    Ref { name: (usize, usize) },
    /// `<?…?>`: the XML declaration or a processing instruction, which the
    /// .docx reader ignores (quick-xml's `Decl` and `PI`).
    Skip,
    /// The end of the part.
    Eof,
}

/// A part being read by this reader.
pub(super) struct WordXml<'a> {
    text: &'a str,
    /// The offset of the next token.
    at: usize,
    /// The names of the elements open, as ranges of `text`, to check each
    /// end tag against (quick-xml's `check_end_names`). Its depth is bounded
    /// by the .docx reader's nesting limit, which stops the part first.
    open: Vec<(usize, usize)>,
}

impl<'a> WordXml<'a> {
    /// The reader for `bytes`, or `None` when quick-xml must read them: not
    /// UTF-8 (quick-xml says where), or led by a byte-order mark (which
    /// quick-xml skips; Word writes none).
    pub(super) fn new(bytes: &'a [u8]) -> Option<WordXml<'a>> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            return None;
        }
        let text = simdutf8::basic::from_utf8(bytes).ok()?;
        Some(WordXml {
            text,
            at: 0,
            open: Vec::new(),
        })
    }

    /// The next event, as quick-xml's reader gives it (but for `Decl` and
    /// `PI`, which are skipped), or `None` where quick-xml must take over.
    /// Elements left open at the end are no error: quick-xml gives `Eof`
    /// there too, and the .docx reader keeps what it read.
    pub(super) fn next(&mut self) -> Option<Event<'a>> {
        let text = self.text;
        let slice = |(s, e): (usize, usize)| &text[s..e];
        loop {
            let (token, next) = token(text, self.at)?;
            self.at = next;
            return Some(match token {
                Token::Start { content, name_len } => {
                    self.open.push((content.0, content.0 + name_len));
                    Event::Start(BytesStart::from_content(slice(content), name_len))
                }
                Token::Empty { content, name_len } => {
                    Event::Empty(BytesStart::from_content(slice(content), name_len))
                }
                Token::End { name } => {
                    let open = self.open.pop()?;
                    if slice(open) != slice(name) {
                        return None;
                    }
                    Event::End(BytesEnd::new(slice(name)))
                }
                Token::Text { text } => Event::Text(BytesText::from_escaped(slice(text))),
                Token::Ref { name } => Event::GeneralRef(BytesRef::new(slice(name))),
                Token::Skip => continue,
                Token::Eof => Event::Eof,
            });
        }
    }
}

/// The token at `at` and the offset after it, or `None` when it is outside
/// this reader's subset.
fn token(text: &str, at: usize) -> Option<(Token, usize)> {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.get(at) else {
        return Some((Token::Eof, at));
    };
    match first {
        b'<' => markup(bytes, at),
        b'&' => {
            // quick-xml reads a reference up to `;`, and refuses one that
            // meets `<`, `&` or the end first.
            let end = at + 1 + position(&bytes[at + 1..], SEMI | LT | AMP)?;
            (bytes[end] == b';').then_some((
                Token::Ref {
                    name: (at + 1, end),
                },
                end + 1,
            ))
        }
        _ => {
            let end = find_any(&bytes[at..], [b'<', b'&']).map_or(bytes.len(), |p| at + p);
            Some((Token::Text { text: (at, end) }, end))
        }
    }
}

/// The tag at `at` (a `<`).
fn markup(bytes: &[u8], at: usize) -> Option<(Token, usize)> {
    match *bytes.get(at + 1)? {
        // Comments, CDATA and DOCTYPE: Word writes none; quick-xml reads
        // them (and refuses a DOCTYPE that declares entities).
        b'!' => None,
        b'?' => {
            // quick-xml's processing instruction ends at the first `>` after
            // a `?`, the one just after `<` included, and must be at least
            // `<??>`.
            let mut from = at + 2;
            let end = loop {
                let gt = from + position(&bytes[from..], GT)?;
                if bytes[gt - 1] == b'?' {
                    break gt;
                }
                from = gt + 1;
            };
            (end - at >= 3).then_some((Token::Skip, end + 1))
        }
        b'/' => {
            // An end tag's `>` is found outside quotes too; a quote in one
            // is no name, and spaces after the name (which quick-xml trims)
            // are left to it.
            let start = at + 2;
            let end = start + position(&bytes[start..], GT | APOS | QUOT)?;
            // The name is not checked here: it must equal the open
            // element's, which was (a space or a stray char makes it differ).
            (bytes[end] == b'>').then_some((Token::End { name: (start, end) }, end + 1))
        }
        _ => {
            let start = at + 1;
            let gt = tag_end(bytes, start)?;
            let (content, empty) = match bytes[start..gt].strip_suffix(b"/") {
                Some(inner) => ((start, start + inner.len()), true),
                None => ((start, gt), false),
            };
            let inner = &bytes[content.0..content.1];
            // quick-xml's name_len: up to the first XML whitespace.
            let name_len = position(inner, SPACE).unwrap_or(inner.len());
            if !is_name(&inner[..name_len]) {
                return None;
            }
            let token = if empty {
                Token::Empty { content, name_len }
            } else {
                Token::Start { content, name_len }
            };
            Some((token, gt + 1))
        }
    }
}

/// The offset of the `>` that ends the tag whose content starts at `from`:
/// the first one outside single or double quotes (quick-xml's
/// `ElementParser`).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + find_any(&bytes[at..], [b'>', b'\'', b'"'])?;
        match bytes[i] {
            b'>' => return Some(i),
            quote => at = i + 1 + find_any(&bytes[i + 1..], [quote])? + 1,
        }
    }
}

/// Byte classes for the scans, one bit each: what ends a run of text, a
/// tag, a quoted value, a name; and the chars a name may hold.
const LT: u8 = 1;
const AMP: u8 = 2;
const GT: u8 = 4;
const SEMI: u8 = 8;
const APOS: u8 = 16;
const QUOT: u8 = 32;
const SPACE: u8 = 64;
const NAME: u8 = 128;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'<' as usize] = LT;
    t[b'&' as usize] = AMP;
    t[b'>' as usize] = GT;
    t[b';' as usize] = SEMI;
    t[b'\'' as usize] = APOS;
    t[b'"' as usize] = QUOT;
    // XML's whitespace, which ends a name in quick-xml's `name_len`.
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') {
            t[b] |= NAME;
        }
        b += 1;
    }
    t
};

/// The first of `bytes` equal to one of `targets`, eight bytes at a time
/// (a word's bytes equal to a target are found by the classic zero-byte
/// test on the word XORed with the target in every byte; its lowest flag is
/// exact), then a byte at a time for the rest.
#[inline]
fn find_any<const N: usize>(bytes: &[u8], targets: [u8; N]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let mut hits = 0;
        for t in targets {
            let v = x ^ (LO * u64::from(t));
            hits |= v.wrapping_sub(LO) & !v & HI;
        }
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| targets.contains(b))
        .map(|p| at + p)
}

/// The first byte of `bytes` of a class in `mask`. A table and a plain
/// loop, not `memchr`: tags, names and the runs of text between them are a
/// few bytes long, shorter than a SIMD search takes to start (with
/// `memchr`, tokenizing cost as much as quick-xml's whole reading).
#[inline]
fn position(bytes: &[u8], mask: u8) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| CLASS[usize::from(b)] & mask != 0)
}

/// Whether `name` is a name as Word writes them ("w:p", "w14:paraId",
/// "mc:AlternateContent"): an ASCII letter or `_`, then ASCII letters,
/// digits, `_`, `-`, `.` or `:`. Anything else is left to quick-xml.
fn is_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest.iter().all(|&b| CLASS[usize::from(b)] & NAME != 0)
        }
        None => false,
    }
}

/// Whether this reader, when it reads `bytes` to the end, gives the events
/// quick-xml's reader gives (configured as the .docx reader configures it),
/// but for `Decl` and `PI`: `Err` says where they part. `Ok(false)` when this
/// reader leaves the part to quick-xml, at once or on the way.
///
/// Run by the tests, the `docx` fuzz target and `tests/fuzz.rs` (which
/// replays the fuzz crash inputs); hidden from the docs, not part of the API.
#[doc(hidden)]
pub fn agrees_with_quick_xml(bytes: &[u8]) -> Result<bool, String> {
    let Some(mut fast) = WordXml::new(bytes) else {
        return Ok(false);
    };
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    for n in 0usize.. {
        let Some(got) = fast.next() else {
            return Ok(false);
        };
        let expected = loop {
            match reader.read_event() {
                Ok(Event::Decl(_) | Event::PI(_)) => continue,
                Ok(e) => break e,
                Err(e) => return Err(format!("event {n}: {got:?}, quick-xml refuses: {e}")),
            }
        };
        if got != expected {
            return Err(format!("event {n}: {got:?}, quick-xml gives {expected:?}"));
        }
        if got == Event::Eof {
            break;
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events, as quick-xml's `Debug` writes them, when this reader
    /// reads `xml`.
    fn events(xml: &str) -> Option<Vec<String>> {
        let mut r = WordXml::new(xml.as_bytes())?;
        let mut out = Vec::new();
        loop {
            let e = r.next()?;
            if e == Event::Eof {
                return Some(out);
            }
            out.push(format!("{e:?}"));
        }
    }

    /// What Word writes is read here, and as quick-xml reads it.
    #[test]
    fn a_word_paragraph_is_read_as_quick_xml_reads_it() {
        let xml = concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\r\n",
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:body><w:p w14:paraId="1A2B"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">Sở Lao động, Thương binh &amp; Xã hội </w:t></w:r>"#,
            r#"<w:r><w:tab/><w:t>&#8220;a &gt; b&#x201D;</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/><w:vMerge w:val="restart"/></w:tcPr>"#,
            r#"<w:p><w:r><w:t>x "q" 'y' > z</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        );
        assert_eq!(agrees_with_quick_xml(xml.as_bytes()), Ok(true));
        let got = events(xml).expect("read by the fast reader");
        assert!(
            got.iter()
                .any(|e| e.contains("GeneralRef") && e.contains("amp"))
        );
        assert!(
            got.iter()
                .any(|e| e.starts_with("Empty") && e.contains("w:tab"))
        );
    }

    /// A `>` inside a quoted attribute value does not end the tag.
    #[test]
    fn a_quoted_gt_stays_in_the_attribute() {
        let xml = r#"<w:p a="1>2" b='3>4'><w:t>t</w:t></w:p>"#;
        assert_eq!(agrees_with_quick_xml(xml.as_bytes()), Ok(true));
        let got = events(xml).expect("read");
        // One start tag holding both values, then w:t, its text, two ends.
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].contains("1>2") && got[0].contains("3>4"), "{got:?}");
    }

    /// Each of these is left to quick-xml, at once or on the way: some it
    /// reads (comments, CDATA, an end tag with a space, a BOM), some it
    /// refuses (a mismatched or unmatched end tag, a reference without `;`,
    /// a tag cut off, invalid UTF-8, a name that starts with a space).
    #[test]
    fn what_quick_xml_must_judge_is_left_to_it() {
        let cases: &[&[u8]] = &[
            b"<a><!-- c --></a>",
            b"<a><![CDATA[x]]></a>",
            b"<!DOCTYPE a><a/>",
            b"<a></a >",
            b"\xEF\xBB\xBF<a/>",
            b"<a></b>",
            b"</a>",
            b"<a>x &amp y</a>",
            b"<a>x &amp",
            b"<a b='1",
            b"<a>\xFF</a>",
            b"< a/>",
            b"<1a/>",
            b"<a\"b\"/>",
            b"<?>",
            b"<a><",
        ];
        for case in cases {
            let read_all = WordXml::new(case)
                .is_some_and(|mut r| std::iter::from_fn(|| r.next()).any(|e| e == Event::Eof));
            assert!(
                !read_all,
                "{:?} was read by the fast reader",
                String::from_utf8_lossy(case)
            );
            assert_eq!(agrees_with_quick_xml(case), Ok(false));
        }
    }

    /// The word-at-a-time search finds what a byte loop finds, at every
    /// length and alignment, with targets among high bytes and next to them.
    #[test]
    fn find_any_finds_what_a_byte_loop_finds() {
        let alphabet = [
            b'a', b'<', b'&', b'>', b'"', b'\'', 0x80, 0xFF, 0x3B, 0x3D, 0x25, 0x00,
        ];
        let mut seed: u32 = 1;
        for len in 0..40 {
            for _ in 0..50 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                for from in 0..=bytes.len() {
                    let b = &bytes[from..];
                    let naive2 = b.iter().position(|c| [b'<', b'&'].contains(c));
                    assert_eq!(find_any(b, [b'<', b'&']), naive2, "{b:?}");
                    let naive3 = b.iter().position(|c| [b'>', b'\'', b'"'].contains(c));
                    assert_eq!(find_any(b, [b'>', b'\'', b'"']), naive3, "{b:?}");
                }
            }
        }
    }

    /// Open elements at the end are no error: both readers end with `Eof`.
    #[test]
    fn a_part_cut_short_ends_like_quick_xmls() {
        for xml in ["<w:p><w:t>abc", "<w:p><w:t>abc</w:t>", "text only", ""] {
            assert_eq!(agrees_with_quick_xml(xml.as_bytes()), Ok(true), "{xml:?}");
        }
        assert_eq!(events("<w:p><w:t>abc").map(|e| e.len()), Some(3));
    }

    /// Every part of every fixture .docx the fast reader reads, it reads as
    /// quick-xml does; and it reads the document part of every one that is
    /// a readable zip (so the check is not empty).
    #[test]
    fn every_fixture_part_is_read_as_quick_xml_reads_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docx");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures/docx") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "docx") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("a fixture");
            let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
                continue;
            };
            for name in ["word/document.xml", "word/numbering.xml"] {
                let Ok(mut part) = zip.by_name(name) else {
                    continue;
                };
                let mut xml = Vec::new();
                if std::io::Read::read_to_end(&mut part, &mut xml).is_err() {
                    continue;
                }
                match agrees_with_quick_xml(&xml) {
                    Ok(true) => read += 1,
                    Ok(false) => {}
                    Err(e) => panic!("{}: {name}: {e}", path.display()),
                }
            }
        }
        assert!(
            read >= 10,
            "only {read} fixture parts were read by the fast reader"
        );
    }
}
