//! Stage 6, **export**: findings and plans rendered for people and machines.
//!
//! Renderers return strings (bytes for the workbook); only the binary writes
//! them out. Findings: [`human`], [`check_json`], [`sarif`]. Plans: [`csv`],
//! [`ndjson`], [`xlsx`], [`markdown`] (the JSON is the model serialized, its
//! contract is [`schema`]). Assignments: [`units`]. Plan versions: [`diff`].

pub mod csv;
pub mod diff;
pub mod human;
pub mod markdown;
pub mod ndjson;
mod normalized;
pub mod rows;
pub mod sarif;
pub mod schema;
pub mod units;
pub mod xlsx;

use crate::check::{Finding, Severity};
use serde::Serialize;

pub use normalized::{normalize_diff, normalize_json};

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub error: usize,
    /// Findings of severity warning.
    pub warning: usize,
    /// Findings of severity info.
    pub info: usize,
}

impl Summary {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

/// The `check --format json` document: `{"diagnostics": [...], "summary": {...}}`.
#[derive(Debug, Serialize)]
pub struct CheckReport<'a> {
    /// The input's path as given.
    pub path: &'a str,
    /// Every finding, sorted by position.
    pub diagnostics: &'a [Finding],
    /// Counts by severity.
    pub summary: Summary,
}

/// Renders findings as the `check --format json` document.
pub fn check_json(path: &str, findings: &[Finding]) -> String {
    let report = CheckReport {
        path,
        diagnostics: findings,
        summary: Summary::of(findings),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
