//! Stage 4, **extract**: document structure → typed records ([`crate::model`]).
//!
//! Every record gets its [`Span`](crate::span::Span) here, through the one
//! [`Resolver`] that maps normalized spans back to the source.

pub mod date;
mod declared;
mod prose;
pub mod references;
pub mod timeframe;
pub mod units;

use crate::ingest::Source;
use crate::model::*;
use crate::normalize::{Normalized, Resolver};
use crate::parse::lines::{Marker, key};
use crate::parse::{ColumnRole, Document, HeaderPart, Node, Row, Table};
use crate::span::NSpan;
use date::Date;
use regex::Regex;
use std::sync::LazyLock;

/// Turn a parsed document into a [`Plan`].
pub fn extract(source: &Source, normalized: &Normalized, doc: &Document<'_>) -> Plan {
    let r = Resolver::for_source(source, normalized);
    let mut claimed = doc.claimed.clone();
    let tables: Vec<TableInfo> = doc
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| table_info(&r, doc, i, t))
        .collect();
    let mut groups = Vec::new();
    for table in &doc.tables {
        extract_groups(&r, table, &mut groups, &mut claimed);
    }
    if groups.iter().all(|g| g.tasks.is_empty()) {
        let found = prose::tasks(&r, doc);
        if !found.is_empty() {
            let span = found[0].span;
            groups.push(Group {
                number: None,
                title: String::new(),
                parent: None,
                from_text: true,
                span,
                tasks: found,
            });
        }
    }
    let header = header(&r, doc);
    let (place, date) = place_and_date(doc);
    let title = doc.title.map(|(t, _)| t.to_string());
    Plan {
        schema_version: SCHEMA_VERSION.to_string(),
        source: SourceInfo {
            path: source.path.clone(),
            format: source.format.name().to_string(),
            encoding: source.encoding.name().to_string(),
            encoding_confidence: serde_json::to_value(source.confidence)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            encoding_score: source
                .encoding_score
                .map(|x| (f64::from(x) * 100.0).round() / 100.0),
            encoding_parts: source
                .parts
                .iter()
                .map(|p| EncodingPart {
                    encoding: p.encoding.to_string(),
                    file_start: p.file_start,
                    file_end: p.file_end,
                })
                .collect(),
            invalid_bytes: source
                .invalid
                .iter()
                .map(|b| InvalidBytes {
                    file_offset: b.file_offset,
                    len: b.len,
                    span: r.source_span(b.text_offset..b.text_offset + '\u{FFFD}'.len_utf8()),
                })
                .collect(),
            sha256: source.sha256.clone(),
            bytes: source.bytes,
        },
        doc_type: title.as_deref().and_then(doc_type).or_else(|| {
            // No title but "V/v …": an official letter (công văn).
            doc.subject
                .first()
                .filter(|(t, _)| key(t).starts_with("v/v"))
                .map(|_| DocType::OfficialLetter)
        }),
        title,
        subject: (!doc.subject.is_empty()).then(|| {
            doc.subject
                .iter()
                .map(|(t, _)| *t)
                .collect::<Vec<_>>()
                .join(" ")
        }),
        issuer: {
            let parts: Vec<&str> = doc
                .header
                .iter()
                .filter(|h| h.part == HeaderPart::Issuer && !is_rule(h.text))
                .map(|h| h.text)
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        },
        number: doc
            .header
            .iter()
            .find(|h| h.part == HeaderPart::Number)
            .map(|h| strip_number_label(h.text)),
        place,
        date,
        header,
        sections: doc.outline.iter().map(|n| section(&r, n)).collect(),
        declared: declared::find(&r, doc),
        tables,
        unreadable_tables: doc
            .unreadable
            .iter()
            .map(|&(span, why)| UnreadableTable {
                reason: why.to_string(),
                span: r.resolve(span),
            })
            .collect(),
        groups,
        references: references(&r, doc, normalized),
        recipient_headings: doc
            .recipients_headings
            .iter()
            .map(|&span| Located {
                text: doc.text[span.range()].to_string(),
                span: r.resolve(span),
            })
            .collect(),
        recipients: doc
            .recipients
            .iter()
            .map(|x| Recipient {
                text: x.text.to_string(),
                block: x.block,
                span: r.resolve(x.span),
            })
            .collect(),
        addressees: doc
            .addressees
            .iter()
            .map(|x| Recipient {
                text: x.text.to_string(),
                block: x.block,
                span: r.resolve(x.span),
            })
            .collect(),
        signature: doc.signature.as_ref().map(|s| Signature {
            authority: s.authority.map(str::to_string),
            on_behalf: s.on_behalf.map(str::to_string),
            title: s.title.map(str::to_string),
            name: s.name.map(str::to_string),
            span: r.resolve(s.span),
        }),
        unparsed: doc
            .lines
            .iter()
            .filter(|l| !claimed[l.index] && !l.is_blank())
            .map(|l| r.resolve(l.trimmed_span()))
            .collect(),
    }
}

/// A decorative rule under the issuer ("-------").
fn is_rule(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '-' | '_' | '*' | '=' | ' '))
}

fn strip_number_label(text: &str) -> String {
    let t = text.trim();
    let rest = t
        .split_once(':')
        .map_or_else(|| t.split_once(' ').map_or(t, |x| x.1), |x| x.1);
    rest.trim().to_string()
}

fn doc_type(title: &str) -> Option<DocType> {
    let k = key(title);
    let t = if k.starts_with("ke hoach hanh dong") {
        DocType::ActionPlan
    } else if k.starts_with("ke hoach") {
        DocType::Plan
    } else if k.starts_with("chuong trinh") {
        DocType::ActionProgram
    } else if k.starts_with("quyet dinh") {
        DocType::Decision
    } else if k.starts_with("de an") {
        DocType::Scheme
    } else if k.starts_with("cong van") {
        DocType::OfficialLetter
    } else {
        return None;
    };
    Some(t)
}

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[^,\d]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
        .expect("valid regex")
});

fn place_and_date(doc: &Document<'_>) -> (Option<String>, Option<String>) {
    let Some(item) = doc.header.iter().find(|h| h.part == HeaderPart::PlaceDate) else {
        return (None, None);
    };
    let Some(c) = PLACE_DATE.captures(item.text) else {
        return (None, None);
    };
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = match (
        num("d"),
        num("m"),
        c.name("y").and_then(|m| m.as_str().parse::<i32>().ok()),
    ) {
        (Some(d), Some(m), Some(y)) => Date::new(y, m, d).map(Date::iso),
        _ => None,
    };
    (c.name("place").map(|m| m.as_str().trim().to_string()), date)
}

fn header(r: &Resolver<'_>, doc: &Document<'_>) -> Header {
    let located = |text: &str, span: NSpan| Located {
        text: text.to_string(),
        span: r.resolve(span),
    };
    let of = |part: HeaderPart| {
        doc.header
            .iter()
            .filter(move |h| h.part == part)
            .map(|h| located(h.text, h.span))
    };
    Header {
        issuer: of(HeaderPart::Issuer)
            .filter(|l| !is_rule(&l.text))
            .collect(),
        motto: of(HeaderPart::Motto).collect(),
        number: of(HeaderPart::Number).next(),
        place_date: of(HeaderPart::PlaceDate).next(),
        title: doc.title.map(|(t, s)| located(t, s)),
        subject: doc.subject.iter().map(|&(t, s)| located(t, s)).collect(),
    }
}

fn section(r: &Resolver<'_>, node: &Node<'_>) -> Section {
    let (kind, label) = match node.marker {
        Some(Marker::Roman(l)) => (SectionKind::Roman, Some(l)),
        Some(Marker::Arabic(l)) => (SectionKind::Arabic, Some(l)),
        Some(Marker::Letter(l)) => (SectionKind::Letter, Some(l)),
        Some(Marker::Bullet(l)) => (SectionKind::Bullet, Some(l)),
        None => (SectionKind::Paragraph, None),
    };
    Section {
        kind,
        label: label.map(str::to_string),
        text: node.text.clone(),
        span: r.resolve(node.span),
        children: node.children.iter().map(|c| section(r, c)).collect(),
    }
}

fn role_name(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::Number => "number",
        ColumnRole::Content => "content",
        ColumnRole::Lead => "lead",
        ColumnRole::Coordinating => "coordinating",
        ColumnRole::Timeframe => "timeframe",
        ColumnRole::Output => "output",
        ColumnRole::Note => "note",
        ColumnRole::Person => "person",
        ColumnRole::Other => "other",
    }
}

fn table_info(r: &Resolver<'_>, doc: &Document<'_>, index: usize, t: &Table<'_>) -> TableInfo {
    TableInfo {
        caption: doc
            .captions
            .iter()
            .find(|c| c.table == index)
            .map(|c| Located {
                text: c.text.clone(),
                span: r.resolve(c.span),
            }),
        columns: t
            .columns
            .iter()
            .enumerate()
            .map(|(i, &role)| Column {
                role: role_name(role).to_string(),
                header: t.header.as_ref().map(|h| h.text(i).to_string()),
            })
            .collect(),
        rows: t.rows.len(),
        span: r.resolve(t.span()),
    }
}

static ROMAN_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:X{0,3}(?:IX|IV|V?I{0,3}))\.?$").expect("valid regex"));
/// "II.1": a sub-group under group II.
static SUBGROUP_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\.(\d{1,2})\.?$").expect("valid regex")
});
/// A group numeral written at the start of the content cell: "I. Tăng cường …".
static ROMAN_IN_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(X{0,3}(?:IX|IV|V?I{0,3}))[.:]\s+(\S.*)$").expect("valid regex")
});
/// "1.2": a sub-task of task 1.
static SUBTASK_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\d{1,3}(?:\.\d{1,3})*$").expect("valid regex"));
/// "a", "b", … "đ": a lettered sub-task (one of those letters alone).
fn is_letter_number(n: &str) -> bool {
    matches!(n.as_bytes(), [b'a'..=b'z']) || n == "đ"
}

/// Whether `text` may start with a Roman numeral (X, I or V): asked before
/// the numeral patterns, whose capturing search over a long title costs
/// thousands of instructions.
fn may_start_numeral(text: &str) -> bool {
    text.starts_with(['X', 'I', 'V'])
}

fn new_group(
    r: &Resolver<'_>,
    number: Option<String>,
    parent: Option<String>,
    title: String,
    span: NSpan,
) -> Group {
    Group {
        number,
        title,
        parent,
        from_text: false,
        span: r.resolve(span),
        tasks: Vec::new(),
    }
}

/// A group heading written in one cell: "V. Phát huy vai trò …".
static ROMAN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.:/)\-–]\s*(\S.*)$").expect("valid regex")
});

/// A row whose only text is one cell holding a Roman numeral and a title (a
/// group heading merged across the row, wherever the cell sits): the
/// numeral and the title.
fn merged_group_heading<'a>(row: &Row<'a>) -> Option<(&'a str, &'a str)> {
    let mut filled = row.cells.iter().filter(|c| !c.text.is_empty());
    let only = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    if !may_start_numeral(only.text) {
        return None;
    }
    let c = ROMAN_TITLE.captures(only.text)?;
    let numeral = c.get(1)?.as_str();
    (!numeral.is_empty()).then_some((numeral, c.get(2)?.as_str()))
}

fn extract_groups(
    r: &Resolver<'_>,
    table: &Table<'_>,
    groups: &mut Vec<Group>,
    claimed: &mut [bool],
) {
    let col = |role| table.column(role);
    let (num_col, content_col) = (col(ColumnRole::Number), col(ColumnRole::Content));
    let (lead_col, coord_col, time_col) = (
        col(ColumnRole::Lead),
        col(ColumnRole::Coordinating),
        col(ColumnRole::Timeframe),
    );
    if let Some(h) = &table.header {
        claimed[h.line] = true;
    }
    for row in &table.column_number_rows {
        claimed[row.line] = true;
    }
    // The current top-level group's number, for sub-groups.
    // The line of the last task row (or its spill), for spills.
    let mut last_task_line: Option<usize> = None;
    if !is_task_table(table) {
        // A table of figures or names, not tasks: claimed as a table, no tasks.
        for row in &table.rows {
            claimed[row.line] = true;
        }
        return;
    }
    for row in &table.rows {
        let number = cell_text(row, num_col).trim_end_matches(['.', ')']).trim();
        // "Tổng cộng", "Cộng" rows total a column: not tasks.
        let first = row
            .cells
            .iter()
            .map(|c| c.text)
            .find(|t| !t.is_empty())
            .unwrap_or("");
        if matches!(
            key(first).as_str(),
            "tong cong" | "tong so" | "cong" | "tong"
        ) {
            claimed[row.line] = true;
            continue;
        }
        let content = cell_text(row, content_col);
        let (lead, coord, time) = (
            cell_text(row, lead_col),
            cell_text(row, coord_col),
            cell_text(row, time_col),
        );
        let rest_of_row = || -> String {
            let skip = num_col.map_or(0, |c| c + 1);
            row.cells
                .iter()
                .skip(skip)
                .map(|c| c.text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Group rows: a numeral and a title; the title may spill into the
        // lead column (text from PDFs), but a group has no coordinator or time.
        if coord.is_empty() && time.is_empty() {
            if ROMAN_CELL.is_match(number) && !number.is_empty() {
                groups.push(new_group(
                    r,
                    Some(number.to_string()),
                    None,
                    rest_of_row(),
                    row.span,
                ));
                claimed[row.line] = true;
                continue;
            }
            if let Some(c) = SUBGROUP_CELL.captures(number) {
                let parent = c.get(1).map(|m| m.as_str().to_string());
                groups.push(new_group(
                    r,
                    Some(number.to_string()),
                    parent,
                    rest_of_row(),
                    row.span,
                ));
                claimed[row.line] = true;
                continue;
            }
            if number.is_empty()
                && lead.is_empty()
                && may_start_numeral(content)
                && let Some(c) = ROMAN_IN_CONTENT.captures(content)
                && c.get(1).is_some_and(|m| !m.as_str().is_empty())
            {
                let num = c.get(1).map(|m| m.as_str().to_string());
                let title = c.get(2).map_or("", |m| m.as_str()).to_string();
                groups.push(new_group(r, num, None, title, row.span));
                claimed[row.line] = true;
                continue;
            }
        }
        if let Some((numeral, title)) = merged_group_heading(row) {
            groups.push(new_group(
                r,
                Some(numeral.to_string()),
                None,
                title.to_string(),
                row.span,
            ));
            claimed[row.line] = true;
            continue;
        }
        if content.is_empty() {
            // Not understood: left for `unparsed`.
            continue;
        }
        // A fragment that spilled from the cell above: only content, right
        // under a task row.
        if number.is_empty()
            && lead.is_empty()
            && coord.is_empty()
            && time.is_empty()
            && last_task_line.is_some_and(|l| l + 1 == row.line)
            && let Some(prev) = groups.last_mut().and_then(|g| g.tasks.last_mut())
        {
            prev.content.push(' ');
            prev.content.push_str(content);
            let end = r.resolve(row.span);
            prev.span.end = end.end;
            claimed[row.line] = true;
            last_task_line = Some(row.line);
            continue;
        }
        if groups.is_empty() {
            groups.push(new_group(r, None, None, String::new(), row.span));
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        let number = (!number.is_empty()).then(|| number.to_string());
        let position = group.tasks.len() + 1;
        let id = match (&group.number, &number) {
            (Some(g), Some(n)) => format!("{g}.{n}"),
            (Some(g), None) => format!("{g}.#{position}"),
            (None, Some(n)) => n.clone(),
            (None, None) => format!("#{position}"),
        };
        // Sub-tasks: "1.2" belongs to task 1; "a)" to the last numbered task.
        let parent = number.as_deref().and_then(|n| {
            // The pattern needs a ".": asked first, as most numbers have
            // none and a capturing search costs thousands of instructions.
            let parent_number = if n.contains('.')
                && let Some(c) = SUBTASK_NUMBER.captures(n)
            {
                c.get(1).map(|m| m.as_str().to_string())
            } else if is_letter_number(n) {
                group
                    .tasks
                    .iter()
                    .rev()
                    .filter_map(|t| t.number.clone())
                    .find(|t| t.parse::<u32>().is_ok())
            } else {
                None
            }?;
            group
                .tasks
                .iter()
                .find(|t| t.number.as_deref() == Some(parent_number.as_str()))
                .map(|t| t.id.clone())
        });
        let units_of = |c: Option<usize>| {
            c.and_then(|c| row.cells.get(c))
                .map(|cell| {
                    units::split_units(cell.text)
                        .into_iter()
                        .map(|hit| {
                            let span = r.resolve(cell.span.within(hit.range));
                            Unit {
                                name: hit.name,
                                canonical: hit.canonical,
                                kind: hit.kind,
                                matched: hit.matched,
                                merged_from: r.merged_from(&span),
                                span,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let time_cell = time_col.and_then(|c| row.cells.get(c));
        let mut timeframe = timeframe::parse(time_cell.map_or("", |c| c.text));
        timeframe.span = time_cell
            .filter(|c| !c.text.is_empty())
            .map(|c| r.resolve(c.span));
        let field = |role| {
            col(role)
                .map(|c| row.text(c))
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let extra = table
            .columns
            .iter()
            .enumerate()
            .filter(|&(_, &role)| role == ColumnRole::Other)
            .filter_map(|(i, _)| {
                let text = row.text(i);
                (!text.is_empty()).then(|| ExtraCell {
                    header: table
                        .header
                        .as_ref()
                        .map_or(String::new(), |h| h.text(i).to_string()),
                    text: text.to_string(),
                })
            })
            .collect();
        timeframe.merged_from = timeframe.span.as_ref().and_then(|s| r.merged_from(s));
        group.tasks.push(Task {
            id,
            number,
            content: content.to_string(),
            parent,
            lead: units_of(lead_col),
            coordinating: units_of(coord_col),
            timeframe,
            output: field(ColumnRole::Output),
            note: field(ColumnRole::Note),
            person: field(ColumnRole::Person),
            extra,
            span: r.resolve(row.span),
        });
        claimed[row.line] = true;
        last_task_line = Some(row.line);
    }
}

/// Whether a table assigns tasks: its header names a lead column, or (with
/// no header) most of its two or more rows start with a task or group number.
fn is_task_table(table: &Table<'_>) -> bool {
    if table.header.is_some() {
        return table.column(ColumnRole::Lead).is_some();
    }
    let numbered = table
        .rows
        .iter()
        .filter(|r| {
            let first = r.text(0).trim_end_matches(['.', ')']);
            first.is_empty()
                || first.chars().all(|c| c.is_ascii_digit() || c == '.')
                || ROMAN_CELL.is_match(first)
        })
        .count();
    table.rows.len() >= 2 && numbered * 2 >= table.rows.len()
}

fn cell_text<'a>(row: &Row<'a>, c: Option<usize>) -> &'a str {
    c.map_or("", |c| row.text(c))
}

fn references(r: &Resolver<'_>, doc: &Document<'_>, normalized: &Normalized) -> Vec<Reference> {
    let mut in_table = vec![false; doc.lines.len()];
    let mut cells: Vec<NSpan> = Vec::new();
    for t in &doc.tables {
        in_table[t.first_line..=t.last_line]
            .iter_mut()
            .for_each(|x| *x = true);
        for row in t.header.iter().chain(&t.rows) {
            cells.extend(row.cells.iter().map(|c| c.span));
        }
    }
    let pieces = doc
        .lines
        .iter()
        .filter(|l| !in_table[l.index])
        .map(|l| l.span)
        .chain(cells);
    let mut pieces: Vec<NSpan> = pieces.collect();
    pieces.sort();
    // Normalizing's marks speak for its own text only.
    let marks = normalized
        .cite_marks()
        .filter(|_| std::ptr::eq(doc.text, normalized.text.as_str()));
    references::find_in_pieces_marked(doc.text, pieces.iter().map(|p| p.range()), marks)
        .into_iter()
        .map(|hit| Reference {
            span: r.resolve(NSpan::new(hit.range.start, hit.range.end)),
            text: doc.text[hit.range].to_string(),
            doc_type: hit.doc_type,
            number: hit.number,
            date: hit.date,
            date_text: hit.date_text,
            name: hit.name,
            issuer: hit.issuer,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letter test says what the pattern `^[a-zđ]$` says.
    #[test]
    fn letter_numbers_are_the_pattern() {
        let pattern = Regex::new(r"^[a-zđ]$").expect("valid regex");
        let some = ["", "ab", "a\n", "a.", "đđ", "1", "A", "Đ"].map(String::from);
        let every_char = (0..0x2100u32).filter_map(char::from_u32).map(String::from);
        for n in some.into_iter().chain(every_char) {
            assert_eq!(is_letter_number(&n), pattern.is_match(&n), "{n:?}");
        }
    }
}
