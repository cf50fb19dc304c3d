//! What changed between two versions of a plan (`kehoach diff`).
//!
//! Tasks are matched in three passes, each over the tasks not matched yet:
//!
//! 1. by content: every pair of tasks whose contents are alike (similarity
//!    at least [`SIMILARITY_THRESHOLD`]), the most alike pair first, a pair
//!    with the same id counting as [`SAME_ID_BONUS`] more alike. A pair
//!    under different ids is a task **renumbered** (or moved to another
//!    group);
//! 2. by id: tasks with the same id whatever their content (a task rewritten
//!    in place);
//! 3. what is left is **removed** (only in the old version) or **added**
//!    (only in the new one).
//!
//! Matching by content first keeps a deleted row from shifting every later
//! match: when II.3 is deleted and II.4 … II.10 are renumbered II.3 … II.9,
//! each task still finds its own content, even where neighbouring tasks are
//! worded alike. The bonus keeps a task edited in place under its id when
//! another task is about as alike. A matched pair whose lead, coordinating
//! units, timeframe or content differ is **changed** (a renumbered task
//! lists its changes too).
//!
//! Similarity is the Jaccard index of the two contents' word sets after
//! folding (case, tone marks and "đ" ignored): shared words over all words.

use crate::model::{Plan, Task};
use crate::normalize::fold::fold;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// The least similarity (0 to 1) at which two contents count as the same
/// task: at least half of all their distinct words are shared.
pub const SIMILARITY_THRESHOLD: f64 = 0.5;

/// How much more alike a pair of tasks with the same id counts when pairs
/// are taken most alike first.
pub const SAME_ID_BONUS: f64 = 0.1;

/// The differences between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDiff {
    /// The old version.
    pub old: DocumentRef,
    /// The new version.
    pub new: DocumentRef,
    /// Header fields that differ (title, subject, number, date).
    pub document: Vec<FieldChange>,
    /// Tasks only in the new version, in its table order.
    pub added: Vec<TaskRef>,
    /// Tasks only in the old version, in its table order.
    pub removed: Vec<TaskRef>,
    /// Tasks matched under another id, in the new version's table order.
    pub renumbered: Vec<TaskChange>,
    /// Tasks matched under the same id whose fields differ, in the new
    /// version's table order.
    pub changed: Vec<TaskChange>,
    /// How many tasks are matched under the same id with no difference.
    pub unchanged: usize,
}

/// One version of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    /// The path as given.
    pub path: String,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Number of tasks.
    pub tasks: usize,
}

/// A task of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRef {
    /// Its id ("II.8").
    pub id: String,
    /// Its line in that version, from 1.
    pub line: usize,
    /// What must be done.
    pub content: String,
}

/// A task matched in both versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskChange {
    /// Its id in the old version.
    pub old_id: String,
    /// Its id in the new version.
    pub new_id: String,
    /// Its line in the old version, from 1.
    pub old_line: usize,
    /// Its line in the new version, from 1.
    pub new_line: usize,
    /// How alike the two contents are, 0 to 1, rounded to 3 decimals.
    pub similarity: f64,
    /// The fields that differ; empty for a task only renumbered.
    pub changes: Vec<FieldChange>,
}

/// Which field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The document title.
    Title,
    /// The document subject.
    Subject,
    /// The document number.
    Number,
    /// The document date.
    Date,
    /// A task's content.
    Content,
    /// A task's lead units (names as written).
    Lead,
    /// A task's coordinating units (names as written).
    Coordinating,
    /// A task's timeframe (as written).
    Timeframe,
}

impl Field {
    /// The name used in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Subject => "subject",
            Field::Number => "number",
            Field::Date => "date",
            Field::Content => "content",
            Field::Lead => "lead",
            Field::Coordinating => "coordinating",
            Field::Timeframe => "timeframe",
        }
    }
}

/// A value before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// A text, or null when absent.
    Text(Option<String>),
    /// A list of unit names as written.
    List(Vec<String>),
}

/// One field that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Which field.
    pub field: Field,
    /// Its value in the old version.
    pub old: FieldValue,
    /// Its value in the new version.
    pub new: FieldValue,
}

impl PlanDiff {
    /// Whether the two versions have the same tasks and header fields.
    pub fn is_same(&self) -> bool {
        self.document.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.renumbered.is_empty()
            && self.changed.is_empty()
    }
}

/// The folded words of a content, distinct.
fn words(text: &str) -> BTreeSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The Jaccard index of two sorted lists of distinct word ids; 1 when both
/// are empty.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Whether two word lists of these sizes can reach `threshold` at all: the
/// Jaccard index is at most the smaller size over the larger.
fn can_reach(a: usize, b: usize, threshold: f64) -> bool {
    let (small, large) = (a.min(b), a.max(b));
    large == 0 || small as f64 >= threshold * large as f64
}

/// How alike two contents are: the Jaccard index of their folded word sets,
/// 0 (no word shared) to 1 (the same words).
pub fn similarity(a: &str, b: &str) -> f64 {
    let mut ids = HashMap::new();
    jaccard(&word_ids(a, &mut ids), &word_ids(b, &mut ids))
}

/// The sorted ids of the folded words of `text`, numbering new words in `ids`.
fn word_ids(text: &str, ids: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut out: Vec<u32> = words(text)
        .into_iter()
        .map(|w| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(w).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out
}

/// The differences from `old` to `new`.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let old_tasks: Vec<&Task> = old.groups.iter().flat_map(|g| &g.tasks).collect();
    let new_tasks: Vec<&Task> = new.groups.iter().flat_map(|g| &g.tasks).collect();
    let mut ids = HashMap::new();
    let old_words: Vec<_> = old_tasks
        .iter()
        .map(|t| word_ids(&t.content, &mut ids))
        .collect();
    let new_words: Vec<_> = new_tasks
        .iter()
        .map(|t| word_ids(&t.content, &mut ids))
        .collect();
    let sim = |i: usize, j: usize| jaccard(&old_words[i], &new_words[j]);

    // new index → (old index, similarity)
    let mut pair_of_new: Vec<Option<(usize, f64)>> = vec![None; new_tasks.len()];
    let mut old_taken = vec![false; old_tasks.len()];

    // Pass 1: alike content, most alike first, the same id counting more.
    let mut candidates = Vec::new();
    for (i, ow) in old_words.iter().enumerate() {
        for (j, nw) in new_words.iter().enumerate() {
            if !can_reach(ow.len(), nw.len(), SIMILARITY_THRESHOLD) {
                continue;
            }
            let s = sim(i, j);
            if s >= SIMILARITY_THRESHOLD {
                let same_id = old_tasks[i].id == new_tasks[j].id;
                let score = s + if same_id { SAME_ID_BONUS } else { 0.0 };
                candidates.push((score, !same_id, i, j, s));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    for (_, _, i, j, s) in candidates {
        if !old_taken[i] && pair_of_new[j].is_none() {
            old_taken[i] = true;
            pair_of_new[j] = Some((i, s));
        }
    }
    // Pass 2: same id, whatever the content.
    for (j, nt) in new_tasks.iter().enumerate() {
        if pair_of_new[j].is_some() {
            continue;
        }
        if let Some(i) = (0..old_tasks.len()).find(|&i| !old_taken[i] && old_tasks[i].id == nt.id) {
            old_taken[i] = true;
            pair_of_new[j] = Some((i, sim(i, j)));
        }
    }

    let mut out = PlanDiff {
        old: document_ref(old, old_tasks.len()),
        new: document_ref(new, new_tasks.len()),
        document: document_changes(old, new),
        added: Vec::new(),
        removed: Vec::new(),
        renumbered: Vec::new(),
        changed: Vec::new(),
        unchanged: 0,
    };
    for (j, nt) in new_tasks.iter().enumerate() {
        let Some((i, s)) = pair_of_new[j] else {
            out.added.push(task_ref(nt));
            continue;
        };
        let ot = old_tasks[i];
        let change = TaskChange {
            old_id: ot.id.clone(),
            new_id: nt.id.clone(),
            old_line: ot.span.line,
            new_line: nt.span.line,
            similarity: (s * 1000.0).round() / 1000.0,
            changes: task_changes(ot, nt),
        };
        if ot.id != nt.id {
            out.renumbered.push(change);
        } else if !change.changes.is_empty() {
            out.changed.push(change);
        } else {
            out.unchanged += 1;
        }
    }
    for (i, ot) in old_tasks.iter().enumerate() {
        if !old_taken[i] {
            out.removed.push(task_ref(ot));
        }
    }
    out
}

fn document_ref(plan: &Plan, tasks: usize) -> DocumentRef {
    DocumentRef {
        path: plan.source.path.clone(),
        sha256: plan.source.sha256.clone(),
        tasks,
    }
}

fn task_ref(task: &Task) -> TaskRef {
    TaskRef {
        id: task.id.clone(),
        line: task.span.line,
        content: task.content.clone(),
    }
}

fn text_change(field: Field, old: &Option<String>, new: &Option<String>) -> Option<FieldChange> {
    (old != new).then(|| FieldChange {
        field,
        old: FieldValue::Text(old.clone()),
        new: FieldValue::Text(new.clone()),
    })
}

fn document_changes(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    [
        text_change(Field::Title, &old.title, &new.title),
        text_change(Field::Subject, &old.subject, &new.subject),
        text_change(Field::Number, &old.number, &new.number),
        text_change(Field::Date, &old.date, &new.date),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn task_changes(old: &Task, new: &Task) -> Vec<FieldChange> {
    let names = |t: &Task, lead: bool| {
        let units = if lead { &t.lead } else { &t.coordinating };
        units.iter().map(|u| u.name.clone()).collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    if old.content != new.content {
        out.push(FieldChange {
            field: Field::Content,
            old: FieldValue::Text(Some(old.content.clone())),
            new: FieldValue::Text(Some(new.content.clone())),
        });
    }
    for (field, lead) in [(Field::Lead, true), (Field::Coordinating, false)] {
        let (a, b) = (names(old, lead), names(new, lead));
        if a != b {
            out.push(FieldChange {
                field,
                old: FieldValue::List(a),
                new: FieldValue::List(b),
            });
        }
    }
    if old.timeframe.text != new.timeframe.text {
        out.push(FieldChange {
            field: Field::Timeframe,
            old: FieldValue::Text(Some(old.timeframe.text.clone())),
            new: FieldValue::Text(Some(new.timeframe.text.clone())),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_ignores_case_tone_and_punctuation() {
        assert_eq!(similarity("Rà soát, đánh giá", "RA SOAT danh gia"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("a b", "c d"), 0.0);
        // {a, b, c} vs {a, b, d}: 2 shared of 4.
        assert_eq!(similarity("a b c", "a b d"), 0.5);
    }
}
