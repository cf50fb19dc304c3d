//! The task table flattened to one row of plain text cells per task: the
//! columns of the CSV export, the "Nhiệm vụ" sheet and the Markdown report.

use crate::model::{Plan, Unit};
use serde::Serialize;

/// The columns of a [`TaskRow`], in order, as named in the CSV header.
pub const COLUMNS: [&str; 14] = [
    "id",
    "group",
    "group_title",
    "number",
    "content",
    "lead",
    "lead_canonical",
    "coordinating",
    "coordinating_canonical",
    "timeframe",
    "timeframe_kind",
    "start",
    "end",
    "line",
];

/// What joins several units in one cell.
pub const UNIT_SEPARATOR: &str = "; ";

/// One task as plain cells. A value the plan does not give is an empty string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRow {
    /// The task's stable id ("II.8").
    pub id: String,
    /// The group's numeral ("II"); empty when the table has no group rows.
    pub group: String,
    /// The group's title.
    pub group_title: String,
    /// The task number as written; empty when the row has none.
    pub number: String,
    /// What must be done.
    pub content: String,
    /// The lead units as written, joined with [`UNIT_SEPARATOR`].
    pub lead: String,
    /// The lead units' canonical names (the name as written for a unit the
    /// lexicon does not know), joined with [`UNIT_SEPARATOR`].
    pub lead_canonical: String,
    /// The coordinating units as written, joined with [`UNIT_SEPARATOR`].
    pub coordinating: String,
    /// The coordinating units' canonical names (else as written), joined
    /// with [`UNIT_SEPARATOR`].
    pub coordinating_canonical: String,
    /// The timeframe as written.
    pub timeframe: String,
    /// The timeframe's kind (`ongoing`, `year`, …, as in the JSON).
    pub timeframe_kind: String,
    /// First day, ISO 8601, when known.
    pub start: String,
    /// Last day, ISO 8601, when known.
    pub end: String,
    /// The row's line in the source, from 1.
    pub line: usize,
}

impl TaskRow {
    /// The cells in [`COLUMNS`] order (the line as decimal text).
    pub fn cells(&self) -> [String; 14] {
        [
            self.id.clone(),
            self.group.clone(),
            self.group_title.clone(),
            self.number.clone(),
            self.content.clone(),
            self.lead.clone(),
            self.lead_canonical.clone(),
            self.coordinating.clone(),
            self.coordinating_canonical.clone(),
            self.timeframe.clone(),
            self.timeframe_kind.clone(),
            self.start.clone(),
            self.end.clone(),
            self.line.to_string(),
        ]
    }
}

/// Every task of `plan`, in table order.
pub fn task_rows(plan: &Plan) -> Vec<TaskRow> {
    let mut rows = Vec::new();
    for group in &plan.groups {
        for task in &group.tasks {
            rows.push(TaskRow {
                id: task.id.clone(),
                group: group.number.clone().unwrap_or_default(),
                group_title: group.title.clone(),
                number: task.number.clone().unwrap_or_default(),
                content: task.content.clone(),
                lead: written(&task.lead),
                lead_canonical: canonical(&task.lead),
                coordinating: written(&task.coordinating),
                coordinating_canonical: canonical(&task.coordinating),
                timeframe: task.timeframe.text.clone(),
                timeframe_kind: enum_name(&task.timeframe.kind),
                start: task.timeframe.start.clone().unwrap_or_default(),
                end: task.timeframe.end.clone().unwrap_or_default(),
                line: task.span.line,
            });
        }
    }
    rows
}

/// The units' names as written, joined.
pub fn written(units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| u.name.as_str())
        .collect::<Vec<_>>()
        .join(UNIT_SEPARATOR)
}

/// The units' canonical names (as written when unknown), joined.
pub fn canonical(units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| u.canonical.as_deref().unwrap_or(&u.name))
        .collect::<Vec<_>>()
        .join(UNIT_SEPARATOR)
}

/// The JSON name of a unit-like enum value (`"ongoing"`, `"department"`).
pub fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
