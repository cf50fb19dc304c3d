//! Who does what: every unit of a plan with the tasks it leads and the tasks
//! it coordinates (`kehoach units`, the "Đơn vị" sheet).
//!
//! Units are grouped by their canonical name when the lexicon knows them
//! (so "Sở KH&ĐT" and "Sở Kế hoạch và Đầu tư" are one unit), else by the
//! matching key of the name as written ([`crate::extract::units::key`]:
//! folded, abbreviations expanded). Catch-alls ("Các Sở, ngành, đơn vị có
//! liên quan") are kept apart in [`Assignments::generic`]: they name no one
//! in particular and are never merged into a real unit.

use crate::extract::units::{key, lookup};
use crate::model::{Plan, Unit, UnitKind, UnitMatch};
use serde::Serialize;

/// The units of a plan and their tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Assignments {
    /// Named units, in order of first mention in the task table.
    pub units: Vec<UnitAssignment>,
    /// Catch-all phrases, in order of first mention, grouped by their key.
    pub generic: Vec<UnitAssignment>,
}

/// One unit and the tasks it is named in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitAssignment {
    /// The canonical name when known, else the name as first written.
    pub name: String,
    /// The full official name from the lexicon; null when unknown.
    pub canonical: Option<String>,
    /// What kind of body (of its first mention).
    pub kind: UnitKind,
    /// The key the mentions were grouped by (folded, abbreviations expanded).
    pub key: String,
    /// Every distinct spelling in the plan, in order of first mention.
    pub written: Vec<String>,
    /// Ids of the tasks it leads, in table order.
    pub lead: Vec<String>,
    /// Ids of the tasks it coordinates, in table order.
    pub coordinating: Vec<String>,
}

impl Assignments {
    /// The units and catch-alls that `query` names (see [`UnitAssignment::matches`]).
    pub fn filter(&self, query: &str) -> Assignments {
        let keep = |list: &[UnitAssignment]| {
            list.iter()
                .filter(|a| a.matches(query))
                .cloned()
                .collect::<Vec<_>>()
        };
        Assignments {
            units: keep(&self.units),
            generic: keep(&self.generic),
        }
    }

    /// Whether there is no unit and no catch-all.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.generic.is_empty()
    }
}

impl UnitAssignment {
    /// Whether `query` names this unit: the lexicon resolves it to this
    /// unit's canonical name ("Sở KH&ĐT"), or its key ([`key`]: folded,
    /// abbreviations expanded) is a run of whole words of this unit's key or
    /// of the key of one of its spellings ("so ke hoach" finds "Sở Kế hoạch
    /// và Đầu tư"). A level in the query also reads as the units of that
    /// level ([`LEVELS`]): "UBND cấp huyện" finds "UBND các huyện, thị xã,
    /// thành phố". An empty query matches nothing.
    pub fn matches(&self, query: &str) -> bool {
        let q = key(query);
        if q.is_empty() {
            return false;
        }
        if let (Some(entry), Some(canonical)) = (lookup(query), &self.canonical)
            && entry.canonical == canonical
        {
            return true;
        }
        let padded = format!(" {q} ");
        let mut needles = vec![padded.clone()];
        for (level, members) in LEVELS {
            if padded.contains(level) {
                needles.push(padded.replace(level, members));
            }
        }
        std::iter::once(self.key.clone())
            .chain(self.written.iter().map(|w| key(w)))
            .map(|k| format!(" {k} "))
            .any(|k| needles.iter().any(|n| k.contains(n.as_str())))
    }
}

/// Levels of government in a query key and the words that name the units
/// of that level in a plan: "cấp huyện" (district level) is "các huyện …"
/// (the districts, towns and cities of the province), "cấp xã" is "các xã …".
pub const LEVELS: [(&str, &str); 2] = [(" cap huyen ", " cac huyen "), (" cap xa ", " cac xa ")];

/// Whether a unit is a catch-all.
fn is_generic(unit: &Unit) -> bool {
    unit.kind == UnitKind::Generic || unit.matched == UnitMatch::Generic
}

/// The grouping key of a unit: the key of its canonical name, else of its
/// name as written.
fn group_key(unit: &Unit) -> String {
    key(unit.canonical.as_deref().unwrap_or(&unit.name))
}

/// Every unit of `plan` with the tasks it leads and coordinates.
pub fn assignments(plan: &Plan) -> Assignments {
    let mut out = Assignments::default();
    for task in plan.groups.iter().flat_map(|g| &g.tasks) {
        for (units, lead) in [(&task.lead, true), (&task.coordinating, false)] {
            for unit in units {
                let list = if is_generic(unit) {
                    &mut out.generic
                } else {
                    &mut out.units
                };
                add(list, unit, &task.id, lead);
            }
        }
    }
    out
}

/// Records that `unit` is named in task `id`.
fn add(list: &mut Vec<UnitAssignment>, unit: &Unit, id: &str, lead: bool) {
    let k = group_key(unit);
    let i = match list.iter().position(|a| a.key == k) {
        Some(i) => i,
        None => {
            list.push(UnitAssignment {
                name: unit.canonical.clone().unwrap_or_else(|| unit.name.clone()),
                canonical: unit.canonical.clone(),
                kind: unit.kind,
                key: k,
                written: Vec::new(),
                lead: Vec::new(),
                coordinating: Vec::new(),
            });
            list.len() - 1
        }
    };
    let a = &mut list[i];
    if !a.written.contains(&unit.name) {
        a.written.push(unit.name.clone());
    }
    let ids = if lead {
        &mut a.lead
    } else {
        &mut a.coordinating
    };
    if ids.last().map(String::as_str) != Some(id) {
        ids.push(id.to_string());
    }
}
