//! Stage 5, **check**: rules with stable codes over an extracted plan.
//!
//! Findings are plain data (code, severity, messages, spans, suggestion); the
//! library never renders or prints them. Each rule is described once, in
//! [`RULES`]; that table drives `kehoach rules`, `kehoach explain` and the
//! SARIF rule list, and its examples run as tests.

pub mod baseline;
mod rules;

use crate::Analysis;
use crate::normalize::Resolver;
use crate::span::Span;
use serde::{Deserialize, Serialize};

pub use rules::{RULES, Rule};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; not wrong.
    Info,
    /// Probably wrong; a person should look.
    Warning,
    /// Wrong: the plan contradicts itself or cannot be right.
    Error,
}

impl Severity {
    /// The lowercase name used in output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How safe it is to apply a suggestion without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// The replacement is certainly what was meant.
    Safe,
    /// Probably right; a person should confirm.
    Unsafe,
    /// Shown to help; not meant to be applied mechanically.
    DisplayOnly,
}

/// A proposed replacement of the text at `span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// What to do, in English ("replace \"PTNN\" with \"PTNT\"").
    pub message: String,
    /// The text to put at `span`.
    pub replacement: String,
    /// The text to replace.
    pub span: Span,
    /// How safe it is to apply.
    pub applicability: Applicability,
}

/// Another place that explains a finding (the declaration a count disagrees
/// with, the first of two duplicates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// What this place is, in English.
    pub label: String,
    /// Where it is.
    pub span: Span,
}

/// One problem found in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable code ("declared-total-mismatch").
    pub code: String,
    /// How serious.
    pub severity: Severity,
    /// The message in Vietnamese, as an officer would write it.
    pub message: String,
    /// The same message in English.
    pub message_en: String,
    /// Where the problem is.
    pub span: Span,
    /// Other places involved.
    pub related: Vec<Related>,
    /// A fix, where one exists.
    pub suggestion: Option<Suggestion>,
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Rule codes not to run.
    pub allow: Vec<String>,
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// The analysis being checked.
    pub analysis: &'a Analysis,
    /// Maps normalized spans to source spans.
    pub resolver: Resolver<'a>,
}

/// Runs every rule not in `options.allow` and returns the findings sorted by
/// position, then code.
pub fn check(analysis: &Analysis, options: &CheckOptions) -> Vec<Finding> {
    let cx = Context {
        analysis,
        resolver: Resolver::for_source(&analysis.source, &analysis.normalized),
    };
    let mut findings = Vec::new();
    for rule in RULES {
        if options.allow.iter().any(|a| a == rule.code) {
            continue;
        }
        (rule.run)(&cx, &mut findings);
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    findings
}

/// Looks a rule up by its code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}
