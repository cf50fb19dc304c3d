//! The rule catalogue: one entry per stable code, and the checks themselves.

mod counts;
mod dates;
mod decoding;
mod numbering;
mod text;
mod units;

use super::{Context, Finding, Related, Severity, Suggestion};
use crate::span::Span;

/// One rule: its stable code, default severity, documentation and check.
pub struct Rule {
    /// Stable code; other systems key on it, so it never changes.
    pub code: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// What it checks, in a few sentences.
    pub what: &'static str,
    /// Why that matters.
    pub why: &'static str,
    /// A small plan that fires the rule (runs as a test).
    pub fires: &'static str,
    /// A near miss that must not fire it (runs as a test).
    pub passes: &'static str,
    /// The check.
    pub(crate) run: fn(&Context<'_>, &mut Vec<Finding>),
    /// For rules about bytes that text cannot hold (invalid UTF-8): the
    /// example input as bytes; `fires` then shows it as decoded.
    pub fires_bytes: Option<&'static [u8]>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("severity", &self.severity)
            .finish()
    }
}

/// Builds a finding for `code` with the rule's severity.
pub(crate) fn finding(
    code: &'static str,
    span: Span,
    message: String,
    message_en: String,
) -> Finding {
    let severity = RULES
        .iter()
        .find(|r| r.code == code)
        .map_or(Severity::Warning, |r| r.severity);
    Finding {
        code: code.to_string(),
        severity,
        message,
        message_en,
        span,
        related: Vec::new(),
        suggestion: None,
    }
}

impl Finding {
    /// Adds a related place.
    pub(crate) fn with_related(mut self, label: impl Into<String>, span: Span) -> Self {
        self.related.push(Related {
            label: label.into(),
            span,
        });
        self
    }

    /// Sets the suggestion.
    pub(crate) fn with_suggestion(mut self, s: Suggestion) -> Self {
        self.suggestion = Some(s);
        self
    }
}

/// The head of every example plan: a title and a section.
macro_rules! example {
    ($($body:expr),* $(,)?) => {
        concat!("KẾ HOẠCH\n\nI. NỘI DUNG\n\n", $($body),*)
    };
}

/// A task table header, for examples.
macro_rules! table_header {
    () => {
        "TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n"
    };
}

/// The catalogue, in the order `kehoach rules` lists it.
pub static RULES: &[Rule] = &[
    Rule {
        code: "declared-total-mismatch",
        severity: Severity::Error,
        summary: "the declared number of tasks differs from the rows of the task table",
        what: "Compares the total a plan declares (\"… với 18 nhiệm vụ\") with the number of task rows in its table.",
        why: "Officers count on the declaration; a row lost or added while editing the appendix goes unnoticed otherwise.",
        fires: example!(
            "Kế hoạch gồm 3 nhiệm vụ.\n\n",
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n2\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            "Kế hoạch gồm 2 nhiệm vụ.\n\n",
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n2\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: counts::total,
        fires_bytes: None,
    },
    Rule {
        code: "declared-group-count-mismatch",
        severity: Severity::Error,
        summary: "a content's declared task count differs from its group's rows",
        what: "Pairs each content listed with its count (\"- Nội dung về …: 02 nhiệm vụ\") with the table group of the same position and compares the counts.",
        why: "A group that lost a row still adds up elsewhere only by accident; the per-content count pinpoints where.",
        fires: example!(
            "Kế hoạch gồm 2 nội dung với 3 nhiệm vụ:\n- Nội dung về y tế: 02 nhiệm vụ.\n- Nội dung về tài chính: 01 nhiệm vụ.\n\n",
            table_header!(),
            "I\tY tế\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\nII\tTài chính\t\t\t\n1\tViệc hai\tSở Tài chính\tSở Y tế\t2021\n2\tViệc ba\tSở Tài chính\tSở Y tế\t2021\n"
        ),
        passes: example!(
            "Kế hoạch gồm 2 nội dung với 3 nhiệm vụ:\n- Nội dung về y tế: 01 nhiệm vụ.\n- Nội dung về tài chính: 02 nhiệm vụ.\n\n",
            table_header!(),
            "I\tY tế\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\nII\tTài chính\t\t\t\n1\tViệc hai\tSở Tài chính\tSở Y tế\t2021\n2\tViệc ba\tSở Tài chính\tSở Y tế\t2021\n"
        ),
        run: counts::per_group,
        fires_bytes: None,
    },
    Rule {
        code: "declared-sum-mismatch",
        severity: Severity::Error,
        summary: "the per-content task counts do not add up to the declared total",
        what: "Adds the per-content counts and compares the sum with the declared total.",
        why: "The declaration contradicts itself: at least one of its numbers is wrong.",
        fires: example!(
            "Kế hoạch gồm 2 nội dung với 4 nhiệm vụ:\n- Nội dung về y tế: 01 nhiệm vụ.\n- Nội dung về tài chính: 02 nhiệm vụ.\n"
        ),
        passes: example!(
            "Kế hoạch gồm 2 nội dung với 3 nhiệm vụ:\n- Nội dung về y tế: 01 nhiệm vụ.\n- Nội dung về tài chính: 02 nhiệm vụ.\n"
        ),
        run: counts::sum,
        fires_bytes: None,
    },
    Rule {
        code: "declared-content-count-mismatch",
        severity: Severity::Error,
        summary: "the declared number of contents differs from the contents listed or the table's groups",
        what: "Compares \"N nội dung\" with the number of contents listed with counts and with the number of group rows in the task table.",
        why: "A content dropped from the list or the table is a content nobody is assigned to.",
        fires: example!(
            "Kế hoạch gồm 3 nội dung với 3 nhiệm vụ:\n- Nội dung về y tế: 01 nhiệm vụ.\n- Nội dung về tài chính: 02 nhiệm vụ.\n"
        ),
        passes: example!(
            "Kế hoạch gồm 2 nội dung với 3 nhiệm vụ:\n- Nội dung về y tế: 01 nhiệm vụ.\n- Nội dung về tài chính: 02 nhiệm vụ.\n"
        ),
        run: counts::contents,
        fires_bytes: None,
    },
    Rule {
        code: "group-title-mismatch",
        severity: Severity::Warning,
        summary: "a content's title in the summary does not match its group heading in the table",
        what: "Compares each listed content's title with the heading of the table group at the same position, ignoring case, tone style, punctuation and the \"Nội dung về\" lead-in.",
        why: "When the two drift apart, readers cannot tell which tasks belong to which content.",
        fires: example!(
            "Kế hoạch gồm 1 nội dung với 1 nhiệm vụ:\n- Nội dung về y tế cơ sở: 01 nhiệm vụ.\n\n",
            table_header!(),
            "I\tGiáo dục phổ thông\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            "Kế hoạch gồm 1 nội dung với 1 nhiệm vụ:\n- Nội dung về y tế cơ sở: 01 nhiệm vụ.\n\n",
            table_header!(),
            "I\tY TẾ CƠ SỞ\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: counts::titles,
        fires_bytes: None,
    },
    Rule {
        code: "numbering-gap",
        severity: Severity::Error,
        summary: "task numbers (or group numerals) skip a number",
        what: "Within each group, task numbers must run 1, 2, 3 … (or continue from the previous group when the plan numbers continuously); group numerals must run I, II, III …",
        why: "A skipped number usually means a deleted row whose number others still cite.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n3\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n2\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: numbering::gaps,
        fires_bytes: None,
    },
    Rule {
        code: "numbering-duplicate",
        severity: Severity::Error,
        summary: "a task number (or group numeral) repeats",
        what: "Reports a task number used twice in one group, or a group numeral used twice.",
        why: "Two tasks with one number cannot be told apart in reports and follow-up letters.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n1\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "I\tNhóm một\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\nII\tNhóm hai\t\t\t\n1\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: numbering::duplicates,
        fires_bytes: None,
    },
    Rule {
        code: "numbering-order",
        severity: Severity::Warning,
        summary: "task numbers are out of order",
        what: "Reports a task number smaller than the one before it (that is not a repeat).",
        why: "Rows moved while editing leave numbers that no longer follow the table.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n3\tViệc ba\tSở Y tế\tSở Tài chính\t2021\n2\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n2\tViệc hai\tSở Y tế\tSở Tài chính\t2021\n3\tViệc ba\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: numbering::order,
        fires_bytes: None,
    },
    Rule {
        code: "task-unnumbered",
        severity: Severity::Info,
        summary: "a task row has no number",
        what: "Reports task rows whose number cell is empty.",
        why: "Unnumbered tasks cannot be cited by number; kehoach gives them an id like \"V.#1\" instead.",
        fires: example!(
            table_header!(),
            "I\tNhóm\t\t\t\n\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "I\tNhóm\t\t\t\n1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: numbering::unnumbered,
        fires_bytes: None,
    },
    Rule {
        code: "missing-lead-unit",
        severity: Severity::Error,
        summary: "a task names no lead unit",
        what: "Reports task rows whose lead (\"chủ trì\") cell is empty.",
        why: "A task nobody leads is a task nobody does.",
        fires: example!(table_header!(), "1\tViệc một\t\tSở Tài chính\t2021\n"),
        passes: example!(table_header!(), "1\tViệc một\tSở Y tế\t\t2021\n"),
        run: units::missing_lead,
        fires_bytes: None,
    },
    Rule {
        code: "lead-also-coordinator",
        severity: Severity::Warning,
        summary: "the same unit leads and coordinates one task",
        what: "Reports a unit named both as lead and as coordinator of the same task (compared by canonical name, or by folded name when unknown).",
        why: "A unit cannot coordinate with itself; usually another unit was meant.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Y tế, Sở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính, các sở, ngành liên quan\t2021\n"
        ),
        run: units::lead_also_coordinator,
        fires_bytes: None,
    },
    Rule {
        code: "unit-near-miss",
        severity: Severity::Warning,
        summary: "a unit name is one slip away from a known unit",
        what: "Reports unit names one edit away from a name or abbreviation in the lexicon (a typo, a wrong abbreviation such as \"PTNN\" for \"PTNT\"), and suggests the known name.",
        why: "Task trackers match units by name: a misspelt unit is a unit that never sees its task.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Nông nghiệp và PTNN\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Nông nghiệp và PTNT\tSở Tài chính\t2021\n"
        ),
        run: units::near_miss,
        fires_bytes: None,
    },
    Rule {
        code: "unknown-unit",
        severity: Severity::Info,
        summary: "a unit matches nothing in the lexicon",
        what: "Reports unit names that are neither in the lexicon nor a catch-all phrase.",
        why: "Worth a look: a new or renamed body, or a name the lexicon should learn.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tTrung tâm Dữ liệu Thử nghiệm\tSở Tài chính\t2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: units::unknown,
        fires_bytes: None,
    },
    Rule {
        code: "timeframe-invalid",
        severity: Severity::Error,
        summary: "a timeframe cannot be a real period",
        what: "Reports timeframes that name a month 13, a quarter V, an impossible day, or a range that ends before it starts.",
        why: "A deadline that does not exist cannot be tracked or reported on.",
        fires: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2025-2021\n"
        ),
        passes: example!(
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021-2025\n"
        ),
        run: dates::timeframe_invalid,
        fires_bytes: None,
    },
    Rule {
        code: "timeframe-out-of-window",
        severity: Severity::Warning,
        summary: "a timeframe ends before the plan could start, or lies implausibly far ahead",
        what: "Reports timeframes that end before the newest date the plan gives (its own date or the newest document it cites), or that start more than 30 years after it.",
        why: "A task due before the plan exists, or in forty years, is almost always a typo in the year.",
        fires: example!(
            "Thực hiện Kế hoạch số 1/KH-UBND ngày 05/01/2021 của UBND tỉnh.\n\n",
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2020\n"
        ),
        passes: example!(
            "Thực hiện Kế hoạch số 1/KH-UBND ngày 05/01/2021 của UBND tỉnh.\n\n",
            table_header!(),
            "1\tViệc một\tSở Y tế\tSở Tài chính\t2021\n"
        ),
        run: dates::out_of_window,
        fires_bytes: None,
    },
    Rule {
        code: "date-invalid",
        severity: Severity::Error,
        summary: "an impossible calendar date",
        what: "Reports dates written as d/m/yyyy or \"ngày d tháng m năm yyyy\" that do not exist (30/02/2014, 31/4/2021).",
        why: "A citation or deadline with an impossible date cannot be looked up or met.",
        fires: example!("Thực hiện Kế hoạch số 1/KH-UBND ngày 30/02/2014 của UBND tỉnh.\n"),
        passes: example!("Thực hiện Kế hoạch số 1/KH-UBND ngày 28/02/2014 của UBND tỉnh.\n"),
        run: dates::invalid,
        fires_bytes: None,
    },
    Rule {
        code: "citation-conflict",
        severity: Severity::Error,
        summary: "the same document number is cited with different dates or issuers",
        what: "Groups citations by type and number and reports those whose dates, or issuers, disagree.",
        why: "One of the two citations points at a document that does not exist.",
        fires: example!(
            "1. Thực hiện Kế hoạch số 204-KH/TU ngày 03/6/2020 của Ban Thường vụ Tỉnh ủy.\n\n2. Căn cứ Kế hoạch số 204-KH/TU ngày 13/6/2020 của Ban Thường vụ Tỉnh ủy.\n"
        ),
        passes: example!(
            "1. Thực hiện Kế hoạch số 204-KH/TU ngày 03/6/2020 của Ban Thường vụ Tỉnh ủy.\n\n2. Căn cứ Kế hoạch số 204-KH/TU của Ban Thường vụ Tỉnh uỷ.\n"
        ),
        run: dates::citation_conflict,
        fires_bytes: None,
    },
    Rule {
        code: "duplicate-recipient",
        severity: Severity::Warning,
        summary: "a line repeats under \"Nơi nhận\"",
        what: "Reports a recipient line that says the same as an earlier one (compared ignoring case, tone style and punctuation).",
        why: "A repeated line is usually a recipient that was meant to be another body.",
        fires: example!("Nơi nhận:\n- Sở Y tế;\n- Sở Tài chính;\n- Sở Y tế;\n- Lưu: VT.\n"),
        passes: example!("Nơi nhận:\n- Sở Y tế;\n- Sở Tài chính;\n- Lưu: VT.\n"),
        run: text::duplicate_recipient,
        fires_bytes: None,
    },
    Rule {
        code: "repeated-word",
        severity: Severity::Warning,
        summary: "a word is doubled by mistake (\"các các\")",
        what: "Reports a function word written twice in a row (\"các các\", \"của của\", \"được được\"). Content words are left alone, because Vietnamese doubles them on purpose (\"ngày ngày\", \"song song\", \"từ từ\").",
        why: "A doubled function word is a typing slip that reads badly in a signed document.",
        fires: example!("1. Chỉ đạo, hướng dẫn các các cơ quan báo chí.\n"),
        passes: example!(
            "1. Chỉ đạo các cơ quan báo chí thông tin ngày ngày, song song với các kênh khác.\n"
        ),
        run: text::repeated_word,
        fires_bytes: None,
    },
    Rule {
        code: "tone-style-mixed",
        severity: Severity::Warning,
        summary: "the text mixes old- and new-style tone placement",
        what: "Counts open oa, oe, uy syllables with the tone on the first vowel (old style: hóa, thủy, Ủy) and on the second (new style: hoá, thuỷ, Uỷ) and reports the minority style when both occur.",
        why: "Both styles are correct, but one document should use one: mixing them breaks search and looks careless.",
        fires: example!("1. Ban Thường vụ Tỉnh ủy và Tỉnh uỷ.\n"),
        passes: example!("1. Ban Thường vụ Tỉnh ủy, khóa IX, hóa học.\n"),
        run: text::tone_style_mixed,
        fires_bytes: None,
    },
    Rule {
        code: "decode-invalid-bytes",
        severity: Severity::Warning,
        summary: "bytes that are not valid in the document's encoding were replaced",
        what: "Reports each run of input bytes that could not be decoded (invalid UTF-8, or a byte a legacy encoding does not define); each was replaced by U+FFFD and the rest of the document was read as usual.",
        why: "A replaced byte is a letter lost: a unit's or a number's text may be wrong exactly there.",
        fires: example!("1. Sở T\u{FFFD}i chính.\n"),
        passes: example!("1. Sở Tài chính.\n"),
        run: decoding::invalid_bytes,
        fires_bytes: Some(b"K\xe1\xba\xbe HO\xe1\xba\xa0CH\n\nI. N\xe1\xbb\x98I DUNG\n\n1. S\xe1\xbb\x9f T\xffi ch\xc3\xadnh.\n"),
    },
    Rule {
        code: "tone-ambiguous",
        severity: Severity::Warning,
        summary: "a syllable carries two different tone marks",
        what: "Reports words written with two different tone marks (\"hóà\"): normalization cannot tell which was meant, so it keeps the word as written.",
        why: "Such a word is misspelt whichever tone was meant, and search and matching miss it.",
        fires: example!("1. Thực hiện chuyển đổi số hóà.\n"),
        passes: example!("1. Thực hiện chuyển đổi số hóa.\n"),
        run: decoding::ambiguous_tones,
        fires_bytes: None,
    },
    Rule {
        code: "table-unreadable",
        severity: Severity::Warning,
        summary: "a task table lost its cells (text from a PDF) and was not read",
        what: "Reports a task table whose columns are laid out with spaces or whose cells stand one per line, as text copied from a PDF gives them. kehoach does not guess its rows; read the original document, or give kehoach the .docx or a TAB-separated copy.",
        why: "Guessed rows would put tasks under the wrong unit or deadline; a table nobody read is a set of tasks nobody tracks.",
        fires: example!("TT   Nội dung nhiệm vụ        Cơ quan chủ trì      Thời gian\n1    Rà soát quy hoạch        Sở Xây dựng          2026\n2    Xây dựng đề án           Sở Tài chính         2027\n"),
        passes: example!(table_header!(), "1\tRà soát quy hoạch\tSở Xây dựng\tSở Tài chính\t2026\n"),
        run: decoding::unreadable_tables,
        fires_bytes: None,
    },
];
