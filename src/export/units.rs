//! `kehoach units --format text|json`: who does what ([`crate::assignments`]).

use crate::assignments::{Assignments, UnitAssignment};
use serde::Serialize;
use std::fmt::Write;

/// The `units --format json` document.
#[derive(Debug, Serialize)]
pub struct UnitsReport<'a> {
    /// The input's path as given.
    pub path: &'a str,
    /// Named units, in order of first mention.
    pub units: &'a [UnitAssignment],
    /// Catch-alls, in order of first mention.
    pub generic: &'a [UnitAssignment],
}

/// The assignments as pretty-printed JSON: `{"path", "units", "generic"}`.
pub fn json(path: &str, a: &Assignments) -> String {
    let report = UnitsReport {
        path,
        units: &a.units,
        generic: &a.generic,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The assignments for a terminal: named units, then the catch-alls.
///
/// ```text
/// Sở Kế hoạch và Đầu tư [department]
///   chủ trì (lead, 5): II.2, II.8, II.9, III.2, III.3
///   phối hợp (coordinating, 0): —
/// ```
pub fn text(a: &Assignments) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Đơn vị (units): {}", a.units.len());
    for u in &a.units {
        entry(&mut out, u);
    }
    let _ = writeln!(
        out,
        "\nCụm chung (catch-alls, not merged into units): {}",
        a.generic.len()
    );
    for u in &a.generic {
        entry(&mut out, u);
    }
    out
}

fn entry(out: &mut String, u: &UnitAssignment) {
    let ids = |l: &[String]| {
        if l.is_empty() {
            "—".to_string()
        } else {
            l.join(", ")
        }
    };
    let _ = writeln!(out, "\n{} [{}]", u.name, super::rows::enum_name(&u.kind));
    let _ = writeln!(out, "  chủ trì (lead, {}): {}", u.lead.len(), ids(&u.lead));
    let _ = writeln!(
        out,
        "  phối hợp (coordinating, {}): {}",
        u.coordinating.len(),
        ids(&u.coordinating)
    );
    if u.written.len() > 1 || u.written.first() != Some(&u.name) {
        let _ = writeln!(out, "  viết là (written as): {}", u.written.join("; "));
    }
}
