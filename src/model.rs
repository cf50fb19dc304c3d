//! The typed records kehoach produces: the JSON contract.
//!
//! Field order here is the field order in the JSON. Every record that comes
//! from the text carries a [`Span`] into the source as given.

pub use crate::span::DocLocation;
use crate::span::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON output format (semver: a new field is a minor change,
/// a renamed, removed or retyped field is a major one).
pub const SCHEMA_VERSION: &str = "0.2.0";

/// Everything extracted from one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Version of this format, see [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Where the input came from.
    pub source: SourceInfo,
    /// The document's title line as written ("KẾ HOẠCH HÀNH ĐỘNG").
    pub title: Option<String>,
    /// What kind of document the title names.
    pub doc_type: Option<DocType>,
    /// What the document is about: the line(s) under the title.
    pub subject: Option<String>,
    /// The issuing body as written in the header ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA").
    pub issuer: Option<String>,
    /// The document number ("204/KH-UBND"), without "Số:".
    pub number: Option<String>,
    /// The place in the place-and-date line ("Thanh Hóa").
    pub place: Option<String>,
    /// The date of issue, ISO 8601 (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The header lines these fields were read from.
    pub header: Header,
    /// The body outline: numbered headings, items, bullets and paragraphs.
    pub sections: Vec<Section>,
    /// What the text says it contains.
    pub declared: Declared,
    /// The tables the tasks were read from.
    pub tables: Vec<TableInfo>,
    /// Task tables whose cell structure was lost (text copied from a PDF):
    /// their rows are not guessed; each is reported by the checker.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable_tables: Vec<UnreadableTable>,
    /// The task table, group by group.
    pub groups: Vec<Group>,
    /// Every citation of another document, one per mention.
    pub references: Vec<Reference>,
    /// The "Nơi nhận" lines that open the recipient blocks, in order
    /// ([`Recipient::block`] indexes them).
    pub recipient_headings: Vec<Located>,
    /// The lines under "Nơi nhận", as written.
    pub recipients: Vec<Recipient>,
    /// The addressees under "Kính gửi" (official letters), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<Recipient>,
    /// The signature block.
    pub signature: Option<Signature>,
    /// Spans of the non-blank source lines that no record claims.
    pub unparsed: Vec<Span>,
}

/// Provenance of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// The input format: `text`, `docx` or `html`.
    pub format: String,
    /// The encoding the bytes were decoded from: `utf-8`, `utf-16le`,
    /// `utf-16be`, `windows-1258`, `tcvn3`, `vni`, `viqr`, or `mixed`.
    pub encoding: String,
    /// How the encoding was decided: `bom`, `certain`, `detected`, `forced`
    /// (`--encoding`), `repaired` (some bytes were invalid and replaced).
    pub encoding_confidence: String,
    /// For a detected legacy encoding: the share of words (0 to 1, two
    /// decimals) that decode to plausible Vietnamese syllables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_score: Option<f64>,
    /// For a `mixed` document: each paragraph's encoding and file byte range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encoding_parts: Vec<EncodingPart>,
    /// Input bytes that could not be decoded; each became U+FFFD in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invalid_bytes: Vec<InvalidBytes>,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Size of the input in bytes.
    pub bytes: usize,
}

/// One paragraph of a mixed-encoding document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EncodingPart {
    /// The paragraph's encoding (`tcvn3`, `vni`, `viqr`, `windows-1258`,
    /// `utf-8`, or `ascii` where every candidate reads the same).
    pub encoding: String,
    /// First byte in the input file, from 0.
    pub file_start: usize,
    /// One past the last byte.
    pub file_end: usize,
}

/// Bytes that could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InvalidBytes {
    /// Byte offset in the input file, from 0.
    pub file_offset: usize,
    /// Number of bytes.
    pub len: usize,
    /// Where the replacement character stands in the source text.
    pub span: Span,
}

/// The kind of document a title names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// "Kế hoạch".
    Plan,
    /// "Kế hoạch hành động".
    ActionPlan,
    /// "Chương trình hành động" or "Chương trình".
    ActionProgram,
    /// "Quyết định" (the plan is attached to it).
    Decision,
    /// "Đề án".
    Scheme,
    /// "Công văn" or an untitled official letter.
    OfficialLetter,
}

/// A piece of text with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Located {
    /// The text as written (normalized: NFC, single-line).
    pub text: String,
    /// Where it stands in the source.
    pub span: Span,
}

/// The header block: issuer, national motto, number, place and date, title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Header {
    /// The issuer's lines ("ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA").
    pub issuer: Vec<Located>,
    /// The national motto lines.
    pub motto: Vec<Located>,
    /// The "Số: …" line.
    pub number: Option<Located>,
    /// The "`<place>`, ngày … tháng … năm …" line.
    pub place_date: Option<Located>,
    /// The title line.
    pub title: Option<Located>,
    /// The subject line(s) under the title.
    pub subject: Vec<Located>,
}

/// The kind of an outline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// "I.", "II." …
    Roman,
    /// "1.", "2." … and "1.1.".
    Arabic,
    /// "a)", "b)" …
    Letter,
    /// "-", "+", "•" …
    Bullet,
    /// An unnumbered paragraph.
    Paragraph,
}

/// One entry of the body outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// What marks the entry.
    pub kind: SectionKind,
    /// The number or bullet as written, without its trailing dot or bracket
    /// ("II", "3", "a", "-"); null for paragraphs.
    pub label: Option<String>,
    /// The entry's text after its label.
    pub text: String,
    /// The whole line.
    pub span: Span,
    /// Entries nested under this one.
    pub children: Vec<Section>,
}

/// What the text declares it contains ("5 nội dung với 18 nhiệm vụ").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Declared {
    /// The declared number of contents (task groups).
    pub contents: Option<u32>,
    /// The declared number of tasks.
    pub tasks: Option<u32>,
    /// Where the totals are declared.
    pub span: Option<Span>,
    /// Each content with its declared task count.
    pub per_content: Vec<DeclaredContent>,
}

/// One content listed with its task count ("- Nội dung về …: 02 nhiệm vụ.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeclaredContent {
    /// The content's title as written, without the count.
    pub title: String,
    /// The declared number of tasks.
    pub tasks: u32,
    /// The whole line.
    pub span: Span,
}

/// A table as laid out: its caption and what each column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableInfo {
    /// The paragraph above the table, emphasis marks removed.
    pub caption: Option<Located>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Number of body rows (group and task rows and any others).
    pub rows: usize,
    /// From the header row (or first row) to the last row.
    pub span: Span,
}

/// A table kehoach could not read with confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnreadableTable {
    /// Why, in English.
    pub reason: String,
    /// From its first to its last line.
    pub span: Span,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Column {
    /// What the column holds: `number`, `content`, `lead`, `coordinating`,
    /// `timeframe`, `output`, `note`, `person` or `other`.
    pub role: String,
    /// The header text as written; null when the table has no header row.
    pub header: Option<String>,
}

/// A group row of the task table and the tasks under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// The group's numeral as written ("I"); null for tasks before any group row.
    pub number: Option<String>,
    /// The group's title.
    pub title: String,
    /// For a sub-group ("II.1"), the number of the group it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// True for the tasks a plan without a task table assigns in its text
    /// ("Giao Sở X chủ trì … trước ngày …"); their ids are "T1", "T2" ….
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_text: bool,
    /// The group row.
    pub span: Span,
    /// The tasks in table order.
    pub tasks: Vec<Task>,
}

/// One task row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    /// A stable id: group numeral and task number ("II.8"). A row without a
    /// number gets its position in the group instead, marked with `#` ("V.#1").
    pub id: String,
    /// The number as written in the row, null when the cell is empty.
    pub number: Option<String>,
    /// What must be done.
    pub content: String,
    /// For a sub-task ("1.1", "a)"), the id of the task it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The lead units ("Đơn vị chủ trì").
    pub lead: Vec<Unit>,
    /// The coordinating units ("Đơn vị phối hợp").
    pub coordinating: Vec<Unit>,
    /// When.
    pub timeframe: Timeframe,
    /// The expected result or product ("Kết quả", "Sản phẩm" column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The "Ghi chú" column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The official responsible ("Cá nhân phụ trách" column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Other non-empty cells, under their column header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<ExtraCell>,
    /// The whole row (and any line that spilled from it).
    pub span: Span,
}

/// A cell of a column kehoach has no field for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExtraCell {
    /// The column's header as written (empty when the table has none).
    pub header: String,
    /// The cell's text.
    pub text: String,
}

/// The kind of a unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A provincial department ("Sở …") or equivalent agency.
    Department,
    /// A ministry or ministerial-level agency ("Bộ …").
    Ministry,
    /// A people's committee ("Ủy ban nhân dân", "UBND").
    PeoplesCommittee,
    /// A people's council ("Hội đồng nhân dân").
    PeoplesCouncil,
    /// The Fatherland Front ("Mặt trận Tổ quốc").
    Front,
    /// A mass organisation or association ("Liên minh Hợp tác xã", "Hội Nông dân").
    Association,
    /// Press and broadcasting ("Báo …", "Đài Phát thanh và Truyền hình …").
    Press,
    /// A Party body ("Tỉnh ủy", "Ban Tuyên giáo").
    Party,
    /// Another named public body (office, inspectorate, bank branch, fund …).
    Agency,
    /// A catch-all ("Các Sở, ngành, đơn vị có liên quan").
    Generic,
    /// Not recognised.
    Unknown,
}

/// How a unit name was matched against the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitMatch {
    /// The name (after folding and expanding abbreviations) is in the lexicon.
    Exact,
    /// One edit away from a lexicon name: probably a typo (see `canonical`).
    NearMiss,
    /// A catch-all phrase.
    Generic,
    /// Not in the lexicon.
    None,
}

/// A unit named in a lead or coordinating cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The name as written.
    pub name: String,
    /// The full official name, abbreviations expanded; null when unknown.
    pub canonical: Option<String>,
    /// What kind of body it is.
    pub kind: UnitKind,
    /// How the name was matched.
    #[serde(rename = "match")]
    pub matched: UnitMatch,
    /// Where the name stands.
    pub span: Span,
    /// When the name was read from a cell merged down over several rows
    /// (.docx `w:vMerge`, HTML `rowspan`) and this row's cell is a copy: the
    /// cell it was copied from. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<DocLocation>,
}

/// The kind of a timeframe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeframeKind {
    /// "Thường xuyên": no end.
    Ongoing,
    /// A calendar year ("2021", "Năm 2021").
    Year,
    /// Several years ("2020-2025", "Giai đoạn 2021-2025").
    YearRange,
    /// A quarter or run of quarters ("Quý II/2021").
    Quarter,
    /// A month ("Tháng 6/2021").
    Month,
    /// A single day ("Ngày 30/6/2021").
    Date,
    /// No later than a day ("Trước ngày 30/6/2021").
    Deadline,
    /// Every year ("Hằng năm", "Hàng năm").
    Annual,
    /// At a fixed interval of years ("Định kỳ 2 năm/lần, bắt đầu từ năm
    /// 2024"): `start` is the first period's start when given.
    Recurring,
    /// Relative to an event ("Trong 06 tháng kể từ khi …"): no dates.
    Relative,
    /// A status, not a period ("Đã hoàn thành").
    Status,
    /// Not understood; `text` keeps what was written.
    Unknown,
}

/// When a task is to be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Timeframe {
    /// The cell as written.
    pub text: String,
    /// What kind of period.
    pub kind: TimeframeKind,
    /// First day, ISO 8601, when known.
    pub start: Option<String>,
    /// Last day, ISO 8601, when known.
    pub end: Option<String>,
    /// Why the period cannot exist (month 13, a range that ends before it
    /// starts); null when it can.
    pub invalid: Option<String>,
    /// Where the cell stands; null when the row has no timeframe cell.
    pub span: Option<Span>,
    /// When the cell continues a cell merged down over several rows (.docx
    /// `w:vMerge`, HTML `rowspan`): the cell its text was copied from.
    /// Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<DocLocation>,
}

/// A citation of another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// The document type as written ("Kế hoạch", "Nghị quyết").
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The document number ("204-KH/TU"); null for documents cited by name.
    pub number: Option<String>,
    /// Date of the cited document, ISO 8601, when the citation gives a
    /// date that exists.
    pub date: Option<String>,
    /// The date as written ("03/6/2020"), also when it does not exist
    /// ("30/02/2014", whose `date` is null).
    pub date_text: Option<String>,
    /// The name of a document cited by name rather than number ("Trung ương
    /// 5 (khoá IX)" for "Nghị quyết Trung ương 5 (khoá IX)").
    pub name: Option<String>,
    /// The issuer as written after "của", when given.
    pub issuer: Option<String>,
    /// The whole citation as written.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// One line under "Nơi nhận".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Recipient {
    /// The line without its bullet and trailing ";" or ".".
    pub text: String,
    /// Which "Nơi nhận" block it is under, from 0 (a decree with appendix
    /// forms has one per form).
    pub block: usize,
    /// The whole line.
    pub span: Span,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN": on whose behalf.
    pub authority: Option<String>,
    /// "KT. CHỦ TỊCH": signing for.
    pub on_behalf: Option<String>,
    /// The signer's title ("PHÓ CHỦ TỊCH").
    pub title: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
    /// The whole block.
    pub span: Span,
}
