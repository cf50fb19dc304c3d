//! Word documents (.docx) rendered to the parser's text form.
//!
//! A .docx is a zip container; the text is in `word/document.xml` and the
//! automatic list numbering in `word/numbering.xml`. Both are read with
//! `zip`, and their XML by the reader of the XML Word writes
//! ([`wordxml`](super::wordxml)) or, for anything else, `quick-xml`, within
//! the [`Limits`].
//!
//! # Rendering
//!
//! * A paragraph (`w:p`) outside tables becomes one line followed by a blank
//!   line, as paragraphs are laid out in the text form: its runs joined, a
//!   tab (`w:tab`) or line break (`w:br`, `w:cr`) inside it becomes a space
//!   (a line break inside a cell must not split the row). An empty paragraph
//!   is one empty line. Text in text boxes joins the paragraph that anchors
//!   it. Deleted text (`w:delText`), field
//!   instructions and the fallback copy of alternate content are left out.
//! * A table (`w:tbl`) of three grid columns or more becomes one line per row
//!   (`w:tr`), its cells joined by TAB; the paragraphs of a cell are joined by
//!   a space. A table of one or two columns is page layout (the header block,
//!   "Nơi nhận" beside the signature): each paragraph of its cells becomes a
//!   paragraph of its own, cell after cell. A cell spanning N
//!   grid columns (`w:gridSpan`) is written once and followed by N−1 empty
//!   cells, and `w:gridBefore` adds empty cells in front, so columns stay
//!   aligned. A cell that continues a vertical merge (`w:vMerge` without
//!   `w:val="restart"`) gets the text of the cell it continues (the cell above
//!   it, also when that cell does not say "restart", as LibreOffice writes
//!   it), and its
//!   [`Piece::merged_from`](super::layout::Piece::merged_from) names that
//!   cell. A group heading merged across a row therefore renders as
//!   `I⇥Title⇥⇥⇥`, which the parser reads as a group row. Tables nested in a
//!   cell are flattened into that cell's text.
//! * Automatic numbering (`w:numPr`) is written in front of the paragraph as
//!   a reader sees it ("1. ", "I. ", "a) ", "1.2. ") when `numbering.xml`
//!   gives the level a decimal, roman or letter format; levels are counted
//!   per list (`w:numId`) and level, a level restarting when a higher level
//!   advances. Bullets are written only when their symbol is a plain "-",
//!   "–", "+" or "•"; other formats, and numbering that comes from a
//!   paragraph style rather than the paragraph itself, are left out.
//! * Formatting (bold, all caps, styles) is ignored: headings are found from
//!   their text and numbering.

use super::layout::{Location, Placed, Rendered, push_paragraph, render_table};
use super::limits::{Limits, human_bytes};
use super::wordxml::WordXml;
use crate::error::Error;
use quick_xml::events::{BytesStart, Event};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The part that holds the document's text.
const DOCUMENT: &str = "word/document.xml";
/// The part that defines automatic list numbering.
const NUMBERING: &str = "word/numbering.xml";
/// Most grid columns a table row may span; wider rows are cut (a real plan
/// has fewer than twenty columns).
const MAX_GRID_COLUMNS: usize = 1024;

/// Whether `bytes` start like a zip container.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Renders a .docx to the parser's text form, within `limits`.
///
/// Fails with [`Error::Docx`] when `bytes` are not a readable zip, hold no
/// `word/document.xml`, or hold XML that is not well formed or declares
/// entities; with [`Error::Limit`] when a limit is exceeded.
pub fn render(bytes: &[u8], limits: &Limits) -> Result<Rendered, Error> {
    if let Some(n) = declared_entries(bytes)
        && n > limits.max_entries as u64
    {
        return Err(too_many_entries(n, limits));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Docx {
        reason: format!(
            "it is not a readable zip container ({e}); the file may be truncated or damaged"
        ),
    })?;
    if zip.len() > limits.max_entries {
        return Err(too_many_entries(zip.len() as u64, limits));
    }
    if let Some(total) = zip.decompressed_size()
        && total > u128::from(limits.max_total_bytes)
    {
        return Err(Error::Limit {
            what: format!(
                "the zip entries declare {} once inflated (the limit is {})",
                human_bytes(u64::try_from(total).unwrap_or(u64::MAX)),
                human_bytes(limits.max_total_bytes)
            ),
        });
    }
    let Some(doc_index) = zip.index_for_name(DOCUMENT) else {
        return Err(Error::Docx {
            reason: not_a_word_document(&zip),
        });
    };
    let total = Cell::new(0u64);
    let numbering = match zip.index_for_name(NUMBERING) {
        Some(i) => match read_part(&mut zip, i, NUMBERING, limits, &total, Numbering::read) {
            Ok(n) => n,
            // Numbering that cannot be read is left out; a limit is not.
            Err(e @ Error::Limit { .. }) => return Err(e),
            Err(_) => Numbering::default(),
        },
        None => Numbering::default(),
    };
    // The numbering's counters change as the document is read: a second
    // reading (by quick-xml) starts from the numbering as it was.
    read_part(&mut zip, doc_index, DOCUMENT, limits, &total, |xml| {
        Walker::new(numbering.clone()).run(xml)
    })
}

/// Why a zip without `word/document.xml` is not a Word document, naming
/// what it probably is.
fn not_a_word_document<R: Read + std::io::Seek>(zip: &zip::ZipArchive<R>) -> String {
    let has = |name: &str| zip.index_for_name(name).is_some();
    let what = if has("xl/workbook.xml") {
        "an Excel workbook (.xlsx)"
    } else if has("ppt/presentation.xml") {
        "a PowerPoint presentation (.pptx)"
    } else if has("content.xml") && has("mimetype") {
        "an OpenDocument file (.odt, .ods)"
    } else {
        "a zip archive"
    };
    format!(
        "it is a zip container without {DOCUMENT}, probably {what}, not a Word document; open it and save the plan as .docx"
    )
}

fn too_many_entries(n: u64, limits: &Limits) -> Error {
    Error::Limit {
        what: format!(
            "the zip holds {n} entries (the limit is {})",
            limits.max_entries
        ),
    }
}

/// The entry count the zip's end-of-central-directory record declares, read
/// before the central directory itself is loaded (so that a zip announcing
/// millions of entries costs nothing). `None` when the record is not found.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(65_535);
    let at = (first..=last).rev().find(|&i| &bytes[i..i + 4] == EOCD)?;
    let n = u16::from_le_bytes([bytes[at + 10], bytes[at + 11]]);
    if n != u16::MAX {
        return Some(u64::from(n));
    }
    // Zip64: the locator stands 20 bytes before the record.
    let loc = at.checked_sub(20)?;
    if &bytes[loc..loc + 4] != b"PK\x06\x07" {
        return Some(u64::from(n));
    }
    let off = u64::from_le_bytes(bytes[loc + 8..loc + 16].try_into().ok()?);
    let off = usize::try_from(off).ok()?;
    // A hostile offset near usize::MAX must not overflow the sum.
    let rec = bytes.get(off..off.checked_add(56)?)?;
    if &rec[..4] != b"PK\x06\x06" {
        return Some(u64::from(n));
    }
    Some(u64::from_le_bytes(rec[32..40].try_into().ok()?))
}

/// A limit crossed while inflating, carried through `std::io::Error`.
#[derive(Debug)]
struct LimitHit(String);

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LimitHit {}

/// A reader that counts what it inflates and stops at the limits.
struct Guarded<'a, R> {
    inner: R,
    name: &'a str,
    read: u64,
    compressed: u64,
    total: &'a Cell<u64>,
    limits: &'a Limits,
}

impl<R: Read> Read for Guarded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.total.set(self.total.get() + n as u64);
        let l = self.limits;
        let hit = if self.read > l.max_entry_bytes {
            Some(format!(
                "{} inflates to more than {} (the limit is {})",
                self.name,
                human_bytes(l.max_entry_bytes),
                human_bytes(l.max_entry_bytes)
            ))
        } else if self.total.get() > l.max_total_bytes {
            Some(format!(
                "the zip entries inflate to more than {} together (the limit is {})",
                human_bytes(l.max_total_bytes),
                human_bytes(l.max_total_bytes)
            ))
        } else if self.read > l.ratio_grace_bytes
            && self.read > self.compressed.saturating_mul(l.max_ratio)
        {
            Some(format!(
                "{} inflates more than {}:1 ({} bytes compressed, already {} inflated), as a zip bomb does (the limit is {}:1)",
                self.name,
                l.max_ratio,
                self.compressed,
                human_bytes(self.read),
                l.max_ratio
            ))
        } else {
            None
        };
        match hit {
            Some(what) => Err(std::io::Error::other(LimitHit(what))),
            None => Ok(n),
        }
    }
}

/// Streams zip entry `index` (named `name`) through `f` as XML, within the
/// limits.
fn read_part<T>(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    limits: &Limits,
    total: &Cell<u64>,
    mut f: impl FnMut(&mut Xml<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let entry = zip.by_index(index).map_err(|e| Error::Docx {
        reason: format!("{name} cannot be opened ({e}); the document may be encrypted or damaged"),
    })?;
    let compressed = entry.compressed_size();
    let entry_size = entry.size();
    if entry_size > limits.max_entry_bytes {
        return Err(Error::Limit {
            what: format!(
                "{name} declares {} once inflated (the limit is {})",
                human_bytes(entry.size()),
                human_bytes(limits.max_entry_bytes)
            ),
        });
    }
    let mut guarded = Guarded {
        inner: entry,
        name,
        read: 0,
        compressed,
        total,
        limits,
    };
    // Inflated whole (the limits bound it), then parsed in place: quick-xml's
    // slice reader borrows every event from the buffer instead of copying it
    // (a quarter fewer instructions reading events). The declared size only
    // sizes the buffer, never past what the limits let a real entry reach,
    // so a zip that lies about it costs nothing.
    let reachable = compressed
        .saturating_mul(limits.max_ratio)
        .max(limits.ratio_grace_bytes)
        .min(limits.max_entry_bytes);
    let capacity = usize::try_from(entry_size.min(reachable)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    if let Err(e) = guarded.read_to_end(&mut bytes) {
        return Err(inflate_error(name, e));
    }
    // The XML Word writes is read by the fast reader; where it meets
    // anything else, the part is read again, from the start, by quick-xml
    // (see `wordxml`), so `f` may run twice.
    if let Some(fast) = WordXml::new(&bytes) {
        let mut xml = Xml::new(Reader::Word(fast), name, limits);
        let result = f(&mut xml);
        if !xml.left_to_quick_xml {
            return result;
        }
    }
    let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
    reader.config_mut().check_end_names = true;
    f(&mut Xml::new(Reader::Quick(reader), name, limits))
}

/// One XML part being read, with its nesting depth checked.
struct Xml<'a> {
    reader: Reader<'a>,
    name: &'a str,
    depth: usize,
    max_depth: usize,
    /// Whether the fast reader met what only quick-xml may read: the part
    /// is then read again with quick-xml, whatever `next` returned.
    left_to_quick_xml: bool,
}

/// The reader of a part: the fast one for the XML Word writes, quick-xml
/// for anything else.
enum Reader<'a> {
    Word(WordXml<'a>),
    Quick(quick_xml::Reader<&'a [u8]>),
}

impl<'a> Xml<'a> {
    fn new(reader: Reader<'a>, name: &'a str, limits: &Limits) -> Xml<'a> {
        Xml {
            reader,
            name,
            depth: 0,
            max_depth: limits.max_xml_depth,
            left_to_quick_xml: false,
        }
    }

    /// The next event, or an error that says what is wrong and where.
    fn next(&mut self) -> Result<Event<'a>, Error> {
        let event = match &mut self.reader {
            Reader::Word(fast) => match fast.next() {
                Some(e) => e,
                None => {
                    self.left_to_quick_xml = true;
                    // Stops the reading under way; its result is dropped.
                    return Err(Error::Docx {
                        reason: format!("{} is left to quick-xml", self.name),
                    });
                }
            },
            Reader::Quick(reader) => match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = reader.error_position();
                    return Err(xml_error(self.name, at, e));
                }
            },
        };
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(Error::Limit {
                        what: format!(
                            "{} nests elements more than {} deep",
                            self.name, self.max_depth
                        ),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::DocType(t) if t.to_ascii_uppercase().contains("ENTITY") => {
                return Err(Error::Docx {
                    reason: format!(
                        "{} declares entities in a DOCTYPE (<!ENTITY …>), which Word never writes; kehoach does not expand them",
                        self.name
                    ),
                });
            }
            _ => {}
        }
        Ok(event)
    }
}

/// A part that could not be inflated: a limit crossed, or a damaged stream.
fn inflate_error(name: &str, e: std::io::Error) -> Error {
    if let Some(hit) = e.get_ref().and_then(|r| r.downcast_ref::<LimitHit>()) {
        return Error::Limit {
            what: hit.0.clone(),
        };
    }
    Error::Docx {
        reason: format!("{name} cannot be inflated ({e}); the document may be damaged"),
    }
}

fn xml_error(name: &str, at: u64, e: quick_xml::Error) -> Error {
    Error::Docx {
        reason: format!("{name} is not well-formed XML near byte {at}: {e}"),
    }
}

/// `name` if the walker asks for it again when the element closes
/// ([`Walker::close`]) or as the parent of another ([`Walker::parent`]),
/// else "": the stack of open elements then needs no allocation.
fn tracked(name: &str) -> &'static str {
    match name {
        "p" => "p",
        "t" => "t",
        "r" => "r",
        "tc" => "tc",
        "tr" => "tr",
        "tbl" => "tbl",
        "numPr" => "numPr",
        "tcPr" => "tcPr",
        _ => "",
    }
}

/// The local name of an element or attribute ("w:p" → "p").
fn local(qname: &str) -> &str {
    // A byte loop, not `rsplit`: names are a few bytes long, shorter than a
    // memrchr call takes to start (a seventh of reading the events went on it).
    match qname.bytes().rposition(|b| b == b':') {
        Some(at) => &qname[at + 1..],
        None => qname,
    }
}

/// The value of attribute `name` (local name) of `e`, entities decoded.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    // Without the duplicate check, which allocates: the first attribute of
    // that name is the one taken either way (the check only turns later
    // duplicates into errors, and errors are skipped).
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (local(a.key.0) == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// A numbering format Word can write.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NumFmt {
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    Other,
}

impl NumFmt {
    fn from_name(s: &str) -> NumFmt {
        match s {
            "decimal" => NumFmt::Decimal,
            "decimalZero" => NumFmt::DecimalZero,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "bullet" => NumFmt::Bullet,
            _ => NumFmt::Other,
        }
    }

    /// `n` written in this format, or `None` when it cannot be.
    fn write(&self, n: u32) -> Option<String> {
        Some(match self {
            NumFmt::Decimal => n.to_string(),
            NumFmt::DecimalZero => format!("{n:02}"),
            NumFmt::UpperRoman => roman(n)?,
            NumFmt::LowerRoman => roman(n)?.to_lowercase(),
            NumFmt::UpperLetter => letters(n)?.to_uppercase(),
            NumFmt::LowerLetter => letters(n)?,
            NumFmt::Bullet | NumFmt::Other => return None,
        })
    }
}

/// 1 → "I", 14 → "XIV"; `None` for 0 and above 3999.
fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    Some(s)
}

/// Word's letter numbering: 1 → "a", 26 → "z", 27 → "aa", 28 → "bb".
fn letters(n: u32) -> Option<String> {
    if n == 0 || n > 780 {
        return None;
    }
    let c = char::from(b'a' + u8::try_from((n - 1) % 26).ok()?);
    Some(std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect())
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    fmt: NumFmt,
    text: String,
    start: u32,
}

/// The lists of `numbering.xml`, and the counters of the lists used so far.
#[derive(Debug, Default, Clone)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: BTreeMap<String, BTreeMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: BTreeMap<String, (String, BTreeMap<u32, u32>)>,
    /// numId → the current value of each level (None: not started).
    counters: BTreeMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    fn read(xml: &mut Xml<'_>) -> Result<Numbering, Error> {
        let mut n = Numbering::default();
        let mut abs: Option<String> = None;
        let mut lvl: Option<(u32, Level)> = None;
        let mut num: Option<(String, String, BTreeMap<u32, u32>)> = None;
        let mut override_lvl: Option<u32> = None;
        loop {
            match xml.next()? {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let name = local(e.name().0);
                    match name {
                        "abstractNum" => abs = attr(&e, "abstractNumId"),
                        "lvl" if abs.is_some() => {
                            let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            lvl = Some((
                                ilvl,
                                Level {
                                    fmt: NumFmt::Decimal,
                                    text: String::new(),
                                    start: 1,
                                },
                            ));
                        }
                        "start" => {
                            if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, "val")) {
                                l.start = v.parse().unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, "val")) {
                                l.fmt = NumFmt::from_name(&v);
                            }
                        }
                        "lvlText" => {
                            if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, "val")) {
                                l.text = v;
                            }
                        }
                        "num" => {
                            num = attr(&e, "numId").map(|id| (id, String::new(), BTreeMap::new()))
                        }
                        "abstractNumId" => {
                            if let (Some(nm), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                                nm.1 = v;
                            }
                        }
                        "lvlOverride" => {
                            override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok())
                        }
                        "startOverride" => {
                            if let (Some(nm), Some(i), Some(v)) =
                                (num.as_mut(), override_lvl, attr(&e, "val"))
                            {
                                nm.2.insert(i, v.parse().unwrap_or(1));
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match local(e.name().0) {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    "abstractNum" => abs = None,
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(n)
    }

    /// The number a reader sees in front of a paragraph of list `num_id`
    /// at level `ilvl`, counting it; `None` when it cannot be rendered.
    fn next(&mut self, num_id: &str, ilvl: u32) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let level = levels.get(&ilvl)?;
        let i = usize::try_from(ilvl).ok().filter(|&i| i < 9)?;
        let start_of = |k: u32| {
            overrides
                .get(&k)
                .copied()
                .or_else(|| levels.get(&k).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters[i] = Some(match counters[i] {
            Some(v) => v + 1,
            None => start_of(ilvl),
        });
        for c in counters.iter_mut().skip(i + 1) {
            *c = None;
        }
        if level.fmt == NumFmt::Bullet {
            let t = level.text.trim();
            return matches!(t, "-" | "–" | "+" | "•").then(|| format!("{t} "));
        }
        // "%1.%2." → the counters of levels 0 and 1 in their formats.
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let k = d - 1;
                let l = levels.get(&k)?;
                let value = counters[k as usize].unwrap_or_else(|| start_of(k));
                out.push_str(&l.fmt.write(value)?);
            } else {
                out.push(c);
            }
        }
        let out = out.trim();
        (!out.is_empty()).then(|| format!("{out} "))
    }
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

/// A cell of the row being read.
#[derive(Debug)]
struct CellState {
    /// The cell's non-empty paragraphs, trimmed.
    paras: Vec<String>,
    span: usize,
    vmerge: VMerge,
}

/// The row being read.
#[derive(Debug, Default)]
struct RowState {
    grid_before: usize,
    cells: Vec<CellState>,
}

/// Walks `document.xml` and renders it.
struct Walker {
    numbering: Numbering,
    out: Rendered,
    /// Local names of the open elements, as far as [`tracked`] keeps them.
    stack: Vec<&'static str>,
    /// Depth inside a part that is skipped (alternate-content fallbacks).
    skip: usize,
    paragraphs: usize,
    tables: usize,
    /// Depth of table nesting; 1 inside a top-level table.
    tbl_depth: usize,
    /// The rows of the top-level table being read, as rendered.
    rows: Vec<Vec<Placed>>,
    row: Option<RowState>,
    cell: Option<CellState>,
    /// Per grid column, the paragraphs and location of the cell a vertical
    /// merge continues from: the cell that starts at that column in the row
    /// above, or the cell that one continues.
    origins: Vec<Option<(Vec<String>, Location)>>,
    /// Depth of paragraph nesting (text boxes put paragraphs in paragraphs).
    in_p: usize,
    para: String,
    num: (Option<String>, u32),
    in_t: bool,
}

impl Walker {
    fn new(numbering: Numbering) -> Walker {
        Walker {
            numbering,
            out: Rendered::default(),
            stack: Vec::new(),
            skip: 0,
            paragraphs: 0,
            tables: 0,
            tbl_depth: 0,
            rows: Vec::new(),
            row: None,
            cell: None,
            origins: Vec::new(),
            in_p: 0,
            para: String::new(),
            num: (None, 0),
            in_t: false,
        }
    }

    fn parent(&self) -> &str {
        self.stack.last().copied().unwrap_or_default()
    }

    fn run(mut self, xml: &mut Xml<'_>) -> Result<Rendered, Error> {
        loop {
            match xml.next()? {
                Event::Eof => break,
                Event::Start(e) => {
                    let name = local(e.name().0);
                    if self.skip > 0 || name == "Fallback" {
                        self.skip += 1;
                    } else {
                        self.open(name, &e);
                    }
                    self.stack.push(tracked(name));
                }
                Event::Empty(e) if self.skip == 0 => {
                    let name = local(e.name().0);
                    self.open(name, &e);
                    self.close(name);
                }
                Event::End(_) => {
                    let name = self.stack.pop().unwrap_or_default();
                    if self.skip > 0 {
                        self.skip -= 1;
                    } else {
                        self.close(name);
                    }
                }
                Event::Text(t) if self.in_t && self.skip == 0 => {
                    self.para.push_str(&t.xml10_content());
                }
                Event::CData(t) if self.in_t && self.skip == 0 => {
                    self.para.push_str(&t.xml10_content());
                }
                Event::GeneralRef(r) if self.in_t && self.skip == 0 => {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => self.para.push(c),
                        Ok(None) => match &*r.xml10_content() {
                            "lt" => self.para.push('<'),
                            "gt" => self.para.push('>'),
                            "amp" => self.para.push('&'),
                            "apos" => self.para.push('\''),
                            "quot" => self.para.push('"'),
                            // Never expanded: kept as written.
                            other => {
                                self.para.push('&');
                                self.para.push_str(other);
                                self.para.push(';');
                            }
                        },
                        Err(_) => self.para.push('\u{FFFD}'),
                    }
                }
                _ => {}
            }
        }
        // A document cut short: keep what was read.
        if self.in_p > 0 {
            self.in_p = 1;
            self.close("p");
        }
        Ok(self.out)
    }

    fn open(&mut self, name: &str, e: &BytesStart<'_>) {
        match name {
            "p" => {
                if self.in_p == 0 {
                    self.para.clear();
                    self.num = (None, 0);
                } else {
                    self.para.push(' ');
                }
                self.in_p += 1;
            }
            "t" => self.in_t = true,
            "tab" | "br" | "cr" if self.parent() == "r" => self.para.push(' '),
            "noBreakHyphen" if self.parent() == "r" => self.para.push('-'),
            "numId" if self.in_p == 1 && self.parent() == "numPr" => {
                self.num.0 = attr(e, "val");
            }
            "ilvl" if self.in_p == 1 && self.parent() == "numPr" => {
                self.num.1 = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            "tbl" => {
                self.tbl_depth += 1;
                if self.tbl_depth == 1 {
                    self.rows.clear();
                    self.origins.clear();
                }
            }
            "tr" if self.tbl_depth == 1 => self.row = Some(RowState::default()),
            "gridBefore" if self.tbl_depth == 1 => {
                if let Some(row) = self.row.as_mut() {
                    row.grid_before = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                        .min(MAX_GRID_COLUMNS);
                }
            }
            "tc" if self.tbl_depth == 1 => {
                self.cell = Some(CellState {
                    paras: Vec::new(),
                    span: 1,
                    vmerge: VMerge::None,
                });
            }
            "gridSpan" if self.tbl_depth == 1 && self.parent() == "tcPr" => {
                if let Some(c) = self.cell.as_mut() {
                    c.span = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_GRID_COLUMNS);
                }
            }
            "vMerge" if self.tbl_depth == 1 && self.parent() == "tcPr" => {
                if let Some(c) = self.cell.as_mut() {
                    c.vmerge = match attr(e, "val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    };
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "t" => self.in_t = false,
            "p" if self.in_p > 0 => {
                self.in_p -= 1;
                if self.in_p == 0 {
                    self.end_paragraph();
                } else {
                    self.para.push(' ');
                }
            }
            "tc" if self.tbl_depth == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.cells.push(cell);
                }
            }
            "tr" if self.tbl_depth == 1 => {
                if let Some(row) = self.row.take() {
                    self.end_row(row);
                }
            }
            "tbl" => {
                if self.tbl_depth == 1 {
                    self.end_table();
                    self.tables += 1;
                }
                self.tbl_depth = self.tbl_depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let prefix = match &self.num.0 {
            Some(id) if id != "0" => self.numbering.next(id, self.num.1),
            _ => None,
        };
        let mut text = prefix.unwrap_or_default();
        // Tabs and line breaks would split cells and rows. Copied whole
        // when there are none (nearly always).
        if memchr::memchr3(b'\t', b'\n', b'\r', self.para.as_bytes()).is_some() {
            text.push_str(&self.para.replace(['\t', '\n', '\r'], " "));
        } else {
            text.push_str(&self.para);
        }
        self.para.clear();
        if let Some(cell) = self.cell.as_mut().filter(|_| self.tbl_depth >= 1) {
            let t = text.trim();
            if !t.is_empty() {
                cell.paras.push(t.to_string());
            }
            return;
        }
        push_paragraph(
            &mut self.out,
            &text,
            Location::Paragraph {
                index: self.paragraphs,
            },
        );
        self.paragraphs += 1;
    }

    fn end_row(&mut self, row: RowState) {
        let (table, r) = (self.tables, self.rows.len());
        let filler = || Placed {
            paras: Vec::new(),
            location: None,
            merged_from: None,
        };
        let mut cells: Vec<Placed> = (0..row.grid_before).map(|_| filler()).collect();
        for cell in row.cells {
            let col = cells.len();
            if col >= MAX_GRID_COLUMNS {
                break;
            }
            let span = cell.span.min(MAX_GRID_COLUMNS - col);
            if self.origins.len() < col + span {
                self.origins.resize(col + span, None);
            }
            let here = Location::Cell {
                table,
                row: r,
                cell: col,
            };
            // A continuation copies the cell it continues; Word and
            // LibreOffice also merge a continuation under a cell that did
            // not say "restart", so every cell can be continued.
            let (paras, merged_from) = match (cell.vmerge, &self.origins[col]) {
                (VMerge::Continue, Some((paras, from))) => (paras.clone(), Some(*from)),
                _ => {
                    self.origins[col] = Some((cell.paras.clone(), here));
                    (cell.paras, None)
                }
            };
            for o in &mut self.origins[col + 1..col + span] {
                *o = None;
            }
            cells.push(Placed {
                paras,
                location: Some(here),
                merged_from,
            });
            cells.extend((1..span).map(|_| filler()));
        }
        self.rows.push(cells);
    }

    /// Writes the table read so far: see [`render_table`].
    fn end_table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        render_table(&mut self.out, &rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A zip holding `files` (name, bytes), deflated.
    pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            w.start_file(*name, opts).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let xml =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        zip_of(&[(DOCUMENT, xml.as_bytes())])
    }

    fn text_of(body: &str) -> Rendered {
        render(&docx(body), &Limits::DEFAULT).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    /// The first attribute of a name is taken, duplicates or not; an
    /// entity in the value is decoded.
    #[test]
    fn attributes_are_read_by_local_name() {
        let e = BytesStart::from_content(r#"w:numId w:val="3" w:val="4" x:other="&amp;""#, 7);
        assert_eq!(attr(&e, "val").as_deref(), Some("3"));
        assert_eq!(attr(&e, "other").as_deref(), Some("&"));
        assert_eq!(attr(&e, "missing"), None);
    }

    #[test]
    fn local_names_drop_the_prefix() {
        for (qname, want) in [
            ("w:p", "p"),
            ("p", "p"),
            ("a:b:c", "c"),
            (":x", "x"),
            ("x:", ""),
            ("", ""),
        ] {
            assert_eq!(local(qname), want, "{qname:?}");
            assert_eq!(local(qname), qname.rsplit(':').next().unwrap_or(qname));
        }
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let r = text_of(&format!(
            "{}<w:p><w:r><w:t>Sở </w:t></w:r><w:r><w:t>Y tế</w:t><w:tab/><w:t>và</w:t><w:br/><w:t>Sở Tài chính</w:t></w:r></w:p><w:p/>",
            p("KẾ HOẠCH &amp; &#273;ề án")
        ));
        assert_eq!(
            r.text, "KẾ HOẠCH & đề án\n\nSở Y tế và Sở Tài chính\n\n\n",
            "a blank line after each paragraph; an empty paragraph is one empty line"
        );
        assert_eq!(r.layout.pieces.len(), 3);
        assert_eq!(
            r.layout.pieces[2].location,
            Location::Paragraph { index: 2 },
            "an empty paragraph is counted"
        );
    }

    #[test]
    fn tab_stops_in_paragraph_properties_are_not_text() {
        let r = text_of(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#,
        );
        assert_eq!(r.text, "a\n\n");
    }

    #[test]
    fn grid_span_emits_empty_cells_and_vmerge_copies_text() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("", "I"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "Nhóm một"),
            tc("", "1"),
            tc("", "Việc một"),
            tc(r#"<w:vMerge w:val="restart"/>"#, "Sở Y tế"),
            tc("", "2"),
            tc("", "Việc hai"),
            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
        );
        let r = text_of(&body);
        assert_eq!(
            r.text,
            "I\tNhóm một\t\n1\tViệc một\tSở Y tế\n2\tViệc hai\tSở Y tế\n"
        );
        let copied = r.layout.pieces.last().unwrap();
        assert_eq!(
            copied.location,
            Location::Cell {
                table: 0,
                row: 2,
                cell: 2
            }
        );
        assert_eq!(
            copied.merged_from,
            Some(Location::Cell {
                table: 0,
                row: 1,
                cell: 2
            })
        );
        assert_eq!(&r.text[copied.range.clone()], "Sở Y tế");
        // The filler cell after the group title has no piece.
        assert_eq!(
            r.layout
                .pieces
                .iter()
                .filter(|p| matches!(p.location, Location::Cell { row: 0, .. }))
                .count(),
            2
        );
    }

    #[test]
    fn a_continuation_under_a_cell_without_restart_continues_that_cell() {
        // As LibreOffice writes it: the first cell of the merge has no vMerge.
        let row =
            |a: &str, b: &str, c: &str| format!("<w:tr>{}{}{}</w:tr>", tc("", a), tc("", b), c);
        let body = format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row("1", "Việc", &tc(r#"<w:vMerge w:val="restart"/>"#, "A")),
            row("2", "Việc", &tc("", "B")),
            row(
                "3",
                "Việc",
                "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>"
            ),
        );
        let r = text_of(&body);
        assert_eq!(r.text, "1\tViệc\tA\n2\tViệc\tB\n3\tViệc\tB\n");
        assert_eq!(
            r.layout.pieces.last().unwrap().merged_from,
            Some(Location::Cell {
                table: 0,
                row: 1,
                cell: 2
            })
        );
    }

    #[test]
    fn paragraphs_in_a_cell_join_with_a_space_and_nested_tables_flatten() {
        let body = format!(
            "<w:tbl><w:tr>{}<w:tc>{}{}<w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc>{}</w:tr></w:tbl>{}",
            tc("", "1"),
            p("Sở Y tế;"),
            p("Sở Tài chính"),
            tc("", "x"),
            tc("", "y"),
            tc("", "2021"),
            p("Sau bảng"),
        );
        let r = text_of(&body);
        assert_eq!(r.text, "1\tSở Y tế; Sở Tài chính x y\t2021\nSau bảng\n\n");
        assert_eq!(
            r.layout.pieces.last().unwrap().location,
            Location::Paragraph { index: 0 },
            "paragraphs in tables are not counted"
        );
    }

    #[test]
    fn tables_are_counted_and_grid_before_pads() {
        let three = [tc("", "a"), tc("", "b"), tc("", "c")].concat();
        let body = format!(
            "<w:tbl><w:tr>{three}</w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{three}</w:tr></w:tbl>",
        );
        let r = text_of(&body);
        assert_eq!(r.text, "a\tb\tc\n\ta\tb\tc\n");
        assert_eq!(
            r.layout.pieces[3].location,
            Location::Cell {
                table: 1,
                row: 0,
                cell: 1
            }
        );
    }

    #[test]
    fn two_column_tables_are_layout_read_cell_by_cell() {
        // The header block as offices lay it out, and "Nơi nhận" beside the signature.
        let cell = |paras: &[&str]| {
            format!(
                "<w:tc>{}</w:tc>",
                paras.iter().map(|t| p(t)).collect::<String>()
            )
        };
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell(&["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "Số: 204/KH-UBND"]),
            cell(&[
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Thanh Hóa, ngày 10 tháng 8 năm 2020"
            ]),
            p("KẾ HOẠCH"),
            cell(&["Nơi nhận:", "- Như trên;"]),
            cell(&["CHỦ TỊCH", "Trần Văn B"]),
        );
        let r = text_of(&body);
        let lines: Vec<&str> = r.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH THANH HÓA",
                "Số: 204/KH-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Thanh Hóa, ngày 10 tháng 8 năm 2020",
                "KẾ HOẠCH",
                "Nơi nhận:",
                "- Như trên;",
                "CHỦ TỊCH",
                "Trần Văn B"
            ]
        );
        let at = r.text.find("Trần").unwrap();
        assert_eq!(
            r.layout.piece_at(at).map(|p| p.location),
            Some(Location::Cell {
                table: 1,
                row: 0,
                cell: 1
            })
        );
    }

    const NUMBERING_XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
 <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"#;

    fn numbered(num: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn automatic_numbering_is_rendered_as_a_reader_sees_it() {
        let body = [
            numbered(1, 0, "MỤC ĐÍCH"),
            numbered(1, 1, "Một"),
            numbered(1, 2, "chữ"),
            numbered(1, 2, "chữ"),
            numbered(1, 3, "sâu"),
            numbered(1, 1, "Hai"),
            numbered(1, 2, "lại"),
            numbered(1, 0, "NỘI DUNG"),
            numbered(1, 4, "chấm"),
            numbered(2, 0, "khác"),
        ]
        .concat();
        let xml = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let bytes = zip_of(&[
            (DOCUMENT, xml.as_bytes()),
            (NUMBERING, NUMBERING_XML.as_bytes()),
        ]);
        let r = render(&bytes, &Limits::DEFAULT).unwrap();
        let lines: Vec<&str> = r.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "I. MỤC ĐÍCH",
                "1. Một",
                "a) chữ",
                "b) chữ",
                "1.1. sâu",
                "2. Hai",
                "a) lại",
                "II. NỘI DUNG",
                "chấm",
                "III. khác"
            ]
        );
    }

    /// A part the fast reader leaves to quick-xml partway (here, a comment
    /// after numbered paragraphs) is read again from its start: the text is
    /// what the fast reader gives for the same part without the comment, and
    /// the numbering counts from 1 again, not on from where the first
    /// reading stopped.
    #[test]
    fn a_part_left_to_quick_xml_partway_is_read_again_from_its_start() {
        let part = |body: &str| format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let render_body = |body: &str| {
            let xml = part(body);
            let bytes = zip_of(&[
                (DOCUMENT, xml.as_bytes()),
                (NUMBERING, NUMBERING_XML.as_bytes()),
            ]);
            render(&bytes, &Limits::DEFAULT).unwrap().text
        };
        let numbered_part = [numbered(1, 0, "MỘT"), numbered(1, 0, "HAI")].concat();
        let with_comment = format!("{numbered_part}<!-- Word writes none -->");
        // The fast reader reads the first to its end and gives up on the
        // second after its paragraphs, so the second is read twice.
        let fast =
            |body: &str| crate::ingest::wordxml::agrees_with_quick_xml(part(body).as_bytes());
        assert_eq!(fast(&numbered_part), Ok(true));
        assert_eq!(fast(&with_comment), Ok(false));
        let plain = render_body(&numbered_part);
        let commented = render_body(&with_comment);
        assert_eq!(commented, plain);
        assert!(
            plain.contains("I. MỘT") && plain.contains("II. HAI"),
            "{plain:?}"
        );
        // CDATA, which only quick-xml reads, still gives its text.
        let cdata = render_body("<w:p><w:r><w:t><![CDATA[a < b]]></w:t></w:r></w:p>");
        assert!(cdata.contains("a < b"), "{cdata:?}");
    }

    /// An end tag that does not close the element open is quick-xml's error,
    /// with its position, whichever reader met it first.
    #[test]
    fn a_mismatched_end_tag_is_quick_xmls_error() {
        let bytes = docx("<w:p><w:r><w:t>x</w:r></w:p>");
        let e = render(&bytes, &Limits::DEFAULT).unwrap_err();
        assert!(
            matches!(&e, Error::Docx { reason } if reason.contains("not well-formed XML near byte")),
            "{e:?}"
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(roman(14).as_deref(), Some("XIV"));
        assert_eq!(roman(0), None);
        assert_eq!(letters(1).as_deref(), Some("a"));
        assert_eq!(letters(27).as_deref(), Some("aa"));
        assert_eq!(NumFmt::DecimalZero.write(7).as_deref(), Some("07"));
        assert_eq!(NumFmt::UpperLetter.write(2).as_deref(), Some("B"));
        assert_eq!(NumFmt::Other.write(2), None);
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_left_out() {
        let r = text_of(
            r#"<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><mc:AlternateContent xmlns:mc="x"><mc:Choice><w:r><w:t> một</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> hai</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        assert_eq!(r.text, "giữ một\n\n");
    }

    #[test]
    fn limits_each_refuse_with_a_clear_error() {
        let body = p(&"Sở Y tế ".repeat(20_000));
        let bytes = docx(&body);
        // Per entry.
        let small = Limits {
            max_entry_bytes: 50_000,
            ..Limits::DEFAULT
        };
        let e = render(&bytes, &small).unwrap_err().to_string();
        assert!(
            e.contains("word/document.xml") && e.contains("declares"),
            "{e}"
        );
        // Total, from the declared sizes.
        let small = Limits {
            max_total_bytes: 50_000,
            ..Limits::DEFAULT
        };
        let e = render(&bytes, &small).unwrap_err().to_string();
        assert!(e.contains("entries declare"), "{e}");
        // Ratio, once past the grace size.
        let small = Limits {
            max_ratio: 5,
            ratio_grace_bytes: 10_000,
            ..Limits::DEFAULT
        };
        let e = render(&bytes, &small).unwrap_err().to_string();
        assert!(e.contains("zip bomb") && e.contains("5:1"), "{e}");
        // Entries.
        let small = Limits {
            max_entries: 0,
            ..Limits::DEFAULT
        };
        let e = render(&bytes, &small).unwrap_err().to_string();
        assert!(e.contains("1 entries"), "{e}");
        // Depth.
        let small = Limits {
            max_xml_depth: 3,
            ..Limits::DEFAULT
        };
        let e = render(&bytes, &small).unwrap_err();
        assert!(matches!(e, Error::Limit { .. }), "{e}");
        assert!(e.to_string().contains("deep"), "{e}");
        // And every one of them passes under the defaults.
        assert!(render(&bytes, &Limits::DEFAULT).is_ok());
    }

    #[test]
    fn the_inflated_size_is_counted_even_when_the_zip_lies_about_it() {
        // A size limit below the real size but above the declared one cannot
        // be tested with an honest writer, so check the counting reader itself.
        let total = Cell::new(0);
        let limits = Limits {
            max_entry_bytes: 10,
            ..Limits::DEFAULT
        };
        let mut g = Guarded {
            inner: Cursor::new(vec![b'a'; 100]),
            name: "x.xml",
            read: 0,
            compressed: 100,
            total: &total,
            limits: &limits,
        };
        let mut out = Vec::new();
        let e = g.read_to_end(&mut out).unwrap_err();
        assert!(e.to_string().contains("more than 10 bytes"), "{e}");
    }

    #[test]
    fn a_damaged_stream_is_refused_as_damaged_not_as_bad_xml() {
        let good = docx(&p("Kế hoạch thực hiện nhiệm vụ năm 2021"));
        assert!(render(&good, &Limits::DEFAULT).is_ok());
        // The local header is 30 bytes and the name; the deflated document
        // follows. Every byte of it flipped: the stream cannot inflate to
        // the recorded checksum, whatever the flips decode to.
        let data = 30 + DOCUMENT.len();
        let compressed = u32::from_le_bytes(good[18..22].try_into().unwrap());
        assert!(
            compressed >= 40,
            "the deflated document is {compressed} bytes"
        );
        let mut bad = good.clone();
        for b in &mut bad[data..data + 40] {
            *b ^= 0x5A;
        }
        match render(&bad, &Limits::DEFAULT) {
            Err(Error::Docx { reason }) => assert!(
                reason.starts_with("word/document.xml cannot be inflated ("),
                "{reason}"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn declared_entry_count_is_read_from_the_end_record() {
        let bytes = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entries(&bytes), Some(3));
        assert_eq!(declared_entries(b"PK\x03\x04 short"), None);
        // A Zip64 locator pointing at an offset near the end of the address
        // space overflowed in debug builds (found with the `docx` fuzz target).
        let mut hostile = b"PK\x03\x04PK\x06\x07\0\0\0\0".to_vec();
        hostile.extend_from_slice(&u64::MAX.to_le_bytes());
        hostile.extend_from_slice(b"\x01\0\0\0PK\x05\x06\0\0\0\0\xFF\xFF\xFF\xFF");
        hostile.extend_from_slice(&[0; 10]);
        assert_eq!(declared_entries(&hostile), None);
        assert!(render(&hostile, &Limits::DEFAULT).is_err());
    }
}
