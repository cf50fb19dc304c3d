//! `extract --format ndjson`: one task per line, each line a self-contained
//! JSON object that names its document and group, for jq, DuckDB and stream
//! processors.
//!
//! Each line is `{"schema_version", "document": {"path", "sha256", "number",
//! "title"}, "group": {"number", "title"}, "task": Task}`, the task exactly as
//! in the JSON output.

use crate::model::{Plan, SCHEMA_VERSION, Task};
use serde::Serialize;

/// One line of the NDJSON output.
#[derive(Debug, Serialize)]
pub struct TaskLine<'a> {
    /// The version of the JSON output format the task follows.
    pub schema_version: &'static str,
    /// Which document the task comes from.
    pub document: DocumentRef<'a>,
    /// Which group of the task table it is in.
    pub group: GroupRef<'a>,
    /// The task, as in the JSON output.
    pub task: &'a Task,
}

/// The document a line comes from.
#[derive(Debug, Serialize)]
pub struct DocumentRef<'a> {
    /// The input path as given (`-` for standard input).
    pub path: &'a str,
    /// Lowercase hex SHA-256 of the input bytes: the document's identity.
    pub sha256: &'a str,
    /// The document number ("204/KH-UBND"), when the header gives it.
    pub number: Option<&'a str>,
    /// The title line, when there is one.
    pub title: Option<&'a str>,
}

/// The group a task is in.
#[derive(Debug, Serialize)]
pub struct GroupRef<'a> {
    /// The group's numeral ("II"); null when the table has no group rows.
    pub number: Option<&'a str>,
    /// The group's title.
    pub title: &'a str,
}

/// The lines of `plan`'s tasks, in table order.
pub fn lines(plan: &Plan) -> Vec<TaskLine<'_>> {
    let document = || DocumentRef {
        path: &plan.source.path,
        sha256: &plan.source.sha256,
        number: plan.number.as_deref(),
        title: plan.title.as_deref(),
    };
    plan.groups
        .iter()
        .flat_map(|g| g.tasks.iter().map(move |t| (g, t)))
        .map(|(g, task)| TaskLine {
            schema_version: SCHEMA_VERSION,
            document: document(),
            group: GroupRef {
                number: g.number.as_deref(),
                title: &g.title,
            },
            task,
        })
        .collect()
}

/// The NDJSON text: one compact JSON object per task, each followed by `\n`.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    for line in lines(plan) {
        // Plain data of strings and numbers: serializing cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
