//! kehoach turns Vietnamese government plans ("Kế hoạch", "Chương trình hành
//! động", the plan attached to a "Quyết định") into typed data.
//!
//! The pipeline has one module per stage, in this order:
//! [`ingest`] (bytes → source text) → [`normalize`] (normalized text and an
//! offset map back to the source) → [`parse`] (document structure) →
//! [`extract`](mod@extract) (typed records, see [`model`]) → [`check`] (rules with stable
//! codes) → [`export`] (human report, JSON, SARIF, CSV, NDJSON, XLSX,
//! Markdown, the JSON Schema). Beside it, [`assignments`] lists who does
//! what and [`diff`](mod@diff) compares two versions of a plan.
//!
//! Extract a plan and read its tasks:
//!
//! ```
//! let text = "KẾ HOẠCH\n\nI. NỘI DUNG\n\nTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n1\tRà soát\tSở Tài chính\tSở Y tế\t2021\n";
//! let plan = kehoach::extract(text.as_bytes(), &kehoach::Options::default()).unwrap();
//! let task = &plan.groups[0].tasks[0];
//! assert_eq!(task.lead[0].name, "Sở Tài chính");
//! assert_eq!(task.timeframe.start.as_deref(), Some("2021-01-01"));
//! assert_eq!(task.span.line, 6);
//! ```
//!
//! Check it: [`analyze()`] keeps every stage's result, which the checker
//! needs; findings are plain data with stable codes and source spans.
//!
//! ```
//! use kehoach::check::{CheckOptions, Severity, check};
//!
//! // The plan declares 2 tasks, its table has 1, and "PTNN" is a slip for "PTNT".
//! let text = "KẾ HOẠCH\n\nI. NỘI DUNG\n\nKế hoạch gồm 2 nhiệm vụ.\n\n\
//!             TT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n\
//!             1\tRà soát\tSở Nông nghiệp và PTNN\tSở Y tế\t2021\n";
//! let analysis = kehoach::analyze(text.as_bytes(), &kehoach::Options::default())?;
//! let findings = check(&analysis, &CheckOptions::default());
//!
//! let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
//! assert!(codes.contains(&"declared-total-mismatch"));
//! let typo = findings.iter().find(|f| f.code == "unit-near-miss").unwrap();
//! assert_eq!(typo.severity, Severity::Warning);
//! assert_eq!(typo.span.line, 8);
//! assert_eq!(typo.suggestion.as_ref().unwrap().replacement, "PTNT");
//!
//! // The same plan as CSV, one row per task.
//! let csv = kehoach::export::csv::render(&analysis.plan, Default::default());
//! assert!(csv.lines().nth(1).unwrap().starts_with("1,,,1,Rà soát,Sở Nông nghiệp và PTNN,"));
//! # Ok::<(), kehoach::Error>(())
//! ```

pub mod assignments;
pub mod batch;
pub mod check;
pub mod diff;
pub mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod limits;
mod memo;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod span;

pub use error::Error;
pub use ingest::InputFormat;
pub use model::Plan;

/// Options for [`extract()`] and [`analyze`].
#[derive(Debug, Clone)]
pub struct Options {
    /// How the input is named in the output (`source.path`).
    pub path: String,
    /// Decode in this encoding instead of detecting one.
    pub encoding: Option<ingest::Encoding>,
    /// Which format to read the input as; [`InputFormat::Auto`] decides by
    /// content (see [`ingest::detect`]).
    pub input_format: InputFormat,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            path: "-".to_string(),
            encoding: None,
            input_format: InputFormat::Auto,
        }
    }
}

/// Every stage's result for one document, for callers that need more than
/// the [`Plan`] (the checker needs the normalized text, for instance).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The decoded input.
    pub source: ingest::Source,
    /// The normalized text with its offset map.
    pub normalized: normalize::Normalized,
    /// The extracted records.
    pub plan: Plan,
}

/// Runs the whole pipeline on `bytes` and keeps every stage's result.
///
/// The input may be text, a Word document (.docx) or an HTML page (see
/// [`ingest`]). Fails only when the input cannot be read, goes past one of the
/// documented [`limits`], or holds no plan at all; anything odd inside a plan
/// is reported in the result instead.
pub fn analyze(bytes: &[u8], options: &Options) -> Result<Analysis, Error> {
    let source = ingest::read(&options.path, bytes, options.input_format, options.encoding)?;
    limits::check_lines(&source.text)?;
    let normalized = normalize::normalize(&source.text);
    let doc = parse::parse(&normalized.text);
    limits::check_document(&doc)?;
    let plan = extract::extract(&source, &normalized, &doc);
    if let Some(reason) = no_plan_reason(&plan) {
        return Err(Error::NoPlan { reason });
    }
    Ok(Analysis {
        source,
        normalized,
        plan,
    })
}

/// Runs the whole pipeline on `bytes`: decode, normalize, parse, extract.
pub fn extract(bytes: &[u8], options: &Options) -> Result<Plan, Error> {
    analyze(bytes, options).map(|a| a.plan)
}

/// Why `plan` is not a plan at all, if it is not: no title, no numbered
/// section and no task table.
fn no_plan_reason(plan: &Plan) -> Option<String> {
    if plan.source.bytes == 0 {
        return Some("the input is empty".to_string());
    }
    let has_tasks = plan.groups.iter().any(|g| !g.tasks.is_empty());
    let has_outline = plan
        .sections
        .iter()
        .any(|s| s.kind != model::SectionKind::Paragraph);
    (plan.title.is_none() && !has_tasks && !has_outline).then(|| {
        "no title (\"KẾ HOẠCH\", \"CHƯƠNG TRÌNH\" …), no numbered section and no task table"
            .to_string()
    })
}
