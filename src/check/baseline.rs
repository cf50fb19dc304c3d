//! Baselines: findings recorded once and not reported again, so a team can
//! adopt the checker on a plan that already has findings.
//!
//! A finding is identified by its code, a hash of the source text under its
//! span (folded, so a change of tone style or case keeps it), and its
//! occurrence among findings with the same code and text. Line numbers are
//! not part of it: adding a paragraph above does not revive old findings.

use super::Finding;
use crate::normalize::fold::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format version of baseline files.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The rule code.
    pub code: String,
    /// Hash of the folded text under the span, and the occurrence index.
    pub fingerprint: String,
    /// Where it was when recorded (for people reading the file; not matched).
    pub line: usize,
    /// The English message when recorded (for people; not matched).
    pub message_en: String,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Always [`VERSION`].
    pub kehoach_baseline: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// FNV-1a, 64 bits: stable across platforms and releases, unlike `Hash`.
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Fingerprints of `findings` on `source`, in order.
pub fn fingerprints(source: &str, findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<(String, u64), usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let text = source.get(f.span.start..f.span.end).unwrap_or("");
            let h = fnv1a(&fold(text));
            let n = seen.entry((f.code.clone(), h)).or_insert(0);
            *n += 1;
            format!("{h:016x}:{}", *n)
        })
        .collect()
}

impl Baseline {
    /// Records `findings`.
    pub fn record(source: &str, findings: &[Finding]) -> Baseline {
        let findings = findings
            .iter()
            .zip(fingerprints(source, findings))
            .map(|(f, fingerprint)| Entry {
                code: f.code.clone(),
                fingerprint,
                line: f.span.line,
                message_en: f.message_en.clone(),
            })
            .collect();
        Baseline {
            kehoach_baseline: VERSION,
            findings,
        }
    }

    /// The findings not recorded in this baseline.
    pub fn filter(&self, source: &str, findings: Vec<Finding>) -> Vec<Finding> {
        let prints = fingerprints(source, &findings);
        findings
            .into_iter()
            .zip(prints)
            .filter(|(f, p)| {
                !self
                    .findings
                    .iter()
                    .any(|e| e.code == f.code && &e.fingerprint == p)
            })
            .map(|(f, _)| f)
            .collect()
    }
}
