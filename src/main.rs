//! The `kehoach` command: a thin layer over the library that reads files,
//! renders results and picks the exit code.
//!
//! Exit codes: 0 success (for `check`: no finding reaches `--fail-on`; for
//! `diff`: no difference); 1 `check` found something at or above
//! `--fail-on`, `diff` found differences, `units --unit` matched no unit; 2
//! the input was refused (unreadable, not text, no plan), the output could
//! not be written, or the command line is wrong.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand, ValueEnum};
use kehoach::check::{self, CheckOptions, RULES, Severity, baseline::Baseline};
use kehoach::export;
use kehoach::normalize::{NormalizeOptions, ToneStyleOption, normalize_with};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// jemalloc, not the system allocator: a document's analysis makes many
/// short-lived strings, and glibc's malloc took a tenth of `batch`'s time
/// (about 10% less CPU time with jemalloc on 200 plans, text or .docx; see
/// the README's speed section).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Turns Vietnamese government plans into data and checks them.
#[derive(Parser)]
#[command(name = "kehoach", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract a plan's structure, tasks, units, timeframes and references.
    Extract {
        /// The plan to read; `-` reads standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Print JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
        /// Decode in this encoding instead of detecting it.
        #[arg(long, value_name = "NAME", help = format!("Decode in this encoding instead of detecting it: {}", kehoach::ingest::Encoding::NAMES))]
        encoding: Option<String>,
        /// With `--format csv`: start with a UTF-8 byte-order mark, so that
        /// Excel reads the Vietnamese text correctly.
        #[arg(long)]
        excel: bool,
        /// Write to this file instead of standard output (required for xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Read the input as this format; auto decides by content.
        #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
        input_format: InputFormatArg,
    },
    /// Print the JSON Schema (draft 2020-12) of `extract`'s JSON output.
    Schema,
    /// List every unit with the tasks it leads and coordinates.
    Units {
        /// The plan to read; `-` reads standard input.
        file: String,
        /// Only the units this names ("so ke hoach", "Sở KH&ĐT", "UBND cấp
        /// huyện"); exit 1 when none matches.
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = UnitsFormat::Text)]
        format: UnitsFormat,
        #[arg(long, value_name = "NAME", help = format!("Decode in this encoding instead of detecting it: {}", kehoach::ingest::Encoding::NAMES))]
        encoding: Option<String>,
    },
    /// Compare two versions of a plan; exit 0 when they have the same tasks, 1 when not.
    Diff {
        /// The old version; `-` reads standard input.
        old: String,
        /// The new version; `-` reads standard input.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        #[arg(long, value_name = "NAME", help = format!("Decode in this encoding instead of detecting it: {}", kehoach::ingest::Encoding::NAMES))]
        encoding: Option<String>,
    },
    /// Check a plan for inconsistencies; exit 1 when a finding reaches --fail-on.
    Check {
        /// The plan to read; `-` reads standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// The lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Do not run this rule (repeatable).
        #[arg(long = "allow", value_name = "CODE")]
        allow: Vec<String>,
        /// Do not report findings recorded in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the findings in this baseline file (and report them).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Decode in this encoding instead of detecting it.
        #[arg(long, value_name = "NAME", help = format!("Decode in this encoding instead of detecting it: {}", kehoach::ingest::Encoding::NAMES))]
        encoding: Option<String>,
        /// Colour in the human report: auto (on a terminal), always, never.
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
        /// Read the input as this format; auto decides by content.
        #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
        input_format: InputFormatArg,
    },
    /// Print the normalized text, or the edits normalization makes.
    Normalize {
        /// The document to read; `-` reads standard input.
        file: String,
        /// Tone placement in open oa, oe, uy syllables.
        #[arg(long, value_enum, default_value_t = ToneStyleArg::Keep)]
        tone_style: ToneStyleArg,
        /// Print each edit (line:column, kind, original → replacement) instead of the text.
        #[arg(long)]
        diff: bool,
        /// Output format: the text (or diff), or JSON with the text and every edit.
        #[arg(long, value_enum, default_value_t = NormalizeFormat::Text)]
        format: NormalizeFormat,
        #[arg(long, value_name = "NAME", help = format!("Decode in this encoding instead of detecting it: {}", kehoach::ingest::Encoding::NAMES))]
        encoding: Option<String>,
    },
    /// Extract and check many plans in parallel: one JSON line per document.
    Batch(kehoach::batch::BatchArgs),
    /// List the rule catalogue.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Explain a rule: what it checks, why, and examples.
    Explain {
        /// The rule code, e.g. declared-total-mismatch.
        code: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// Compiler-style report with the source line and a marker.
    Human,
    /// `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when an error is found.
    Error,
    /// Exit 1 when a warning or an error is found.
    Warning,
    /// Exit 1 on any finding.
    Info,
    /// Always exit 0 when the input could be read.
    Never,
}

impl FailOn {
    fn reached_by(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ToneStyleArg {
    /// As written.
    Keep,
    /// hóa, thủy, Ủy ban.
    Old,
    /// hoá, thuỷ, Uỷ ban.
    New,
}

#[derive(Clone, Copy, ValueEnum)]
enum NormalizeFormat {
    /// The normalized text (or, with --diff, one line per edit).
    Text,
    /// `{"text", "edits": [...], "ambiguous": [...]}`.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    /// By content: a zip with word/document.xml is Word, markup is HTML, the rest text.
    Auto,
    /// Plain text (UTF-8, UTF-16).
    Text,
    /// A Word document (.docx).
    Docx,
    /// An HTML page.
    Html,
}

impl From<InputFormatArg> for kehoach::InputFormat {
    fn from(f: InputFormatArg) -> Self {
        match f {
            InputFormatArg::Auto => kehoach::InputFormat::Auto,
            InputFormatArg::Text => kehoach::InputFormat::Text,
            InputFormatArg::Docx => kehoach::InputFormat::Docx,
            InputFormatArg::Html => kehoach::InputFormat::Html,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    /// One line per rule.
    Text,
    /// The catalogue as JSON.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON object (see README: "JSON output").
    Json,
    /// One row per task, fixed columns (see README: "Exports").
    Csv,
    /// One self-contained JSON object per task and line.
    Ndjson,
    /// A workbook: tasks, units, findings (needs -o FILE).
    Xlsx,
    /// A readable report: summary, task table, findings.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitsFormat {
    /// A block per unit, for a terminal.
    Text,
    /// `{"path", "units": [...], "generic": [...]}`.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// One block per difference, for a terminal.
    Human,
    /// The differences as JSON.
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kehoach: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Extract {
            file,
            format,
            compact,
            encoding,
            excel,
            output,
            input_format,
        } => {
            let encoding = parse_encoding(encoding.as_deref())?;
            if excel && format != Format::Csv {
                return Err("--excel applies to --format csv only".to_string());
            }
            if compact && format != Format::Json {
                return Err("--compact applies to --format json only".to_string());
            }
            if format == Format::Xlsx && output.is_none() {
                return Err(
                    "--format xlsx needs -o FILE (a workbook is not written to standard output)"
                        .to_string(),
                );
            }
            let bytes = read_input(&file)?;
            let analysis = kehoach::analyze(
                &bytes,
                &kehoach::Options {
                    path: file,
                    encoding,
                    input_format: input_format.into(),
                },
            )
            .map_err(|e| e.to_string())?;
            let plan = &analysis.plan;
            let findings = || check::check(&analysis, &CheckOptions::default());
            let out: Vec<u8> = match format {
                Format::Json => {
                    let json = if compact {
                        serde_json::to_string(plan)
                    } else {
                        serde_json::to_string_pretty(plan)
                    }
                    .map_err(|e| format!("cannot serialize the result: {e}"))?;
                    (json + "\n").into_bytes()
                }
                Format::Csv => {
                    export::csv::render(plan, export::csv::CsvOptions { excel }).into_bytes()
                }
                Format::Ndjson => export::ndjson::render(plan).into_bytes(),
                Format::Xlsx => {
                    export::xlsx::render(plan, &findings()).map_err(|e| e.to_string())?
                }
                Format::Markdown => export::markdown::render(plan, &findings()).into_bytes(),
            };
            match &output {
                Some(path) => std::fs::write(path, out)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
                None => write_stdout_bytes(&out)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            write_stdout_bytes(export::schema::render().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Units {
            file,
            unit,
            format,
            encoding,
        } => {
            let encoding = parse_encoding(encoding.as_deref())?;
            let bytes = read_input(&file)?;
            let plan = kehoach::extract(
                &bytes,
                &kehoach::Options {
                    path: file.clone(),
                    encoding,
                    ..Default::default()
                },
            )
            .map_err(|e| e.to_string())?;
            let mut a = kehoach::assignments::assignments(&plan);
            if let Some(query) = &unit {
                a = a.filter(query);
            }
            let out = match format {
                UnitsFormat::Text => export::units::text(&a),
                UnitsFormat::Json => export::units::json(&file, &a),
            };
            write_stdout(out.trim_end())?;
            if let Some(query) = &unit
                && a.is_empty()
            {
                eprintln!("kehoach: no unit matches '{query}'");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            format,
            encoding,
        } => {
            let encoding = parse_encoding(encoding.as_deref())?;
            if old == "-" && new == "-" {
                return Err("only one of OLD and NEW can be `-` (standard input)".to_string());
            }
            let read = |path: &str| -> Result<kehoach::Plan, String> {
                let bytes = read_input(path)?;
                kehoach::extract(
                    &bytes,
                    &kehoach::Options {
                        path: path.to_string(),
                        encoding,
                        ..Default::default()
                    },
                )
                .map_err(|e| format!("{path}: {e}"))
            };
            let d = kehoach::diff::diff(&read(&old)?, &read(&new)?);
            let out = match format {
                DiffFormat::Human => export::diff::human(&d),
                DiffFormat::Json => export::diff::json(&d),
            };
            write_stdout(out.trim_end())?;
            Ok(if d.is_same() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Check {
            file,
            format,
            fail_on,
            allow,
            baseline,
            write_baseline,
            color,
            encoding,
            input_format,
        } => {
            let encoding = parse_encoding(encoding.as_deref())?;
            for code in &allow {
                if check::rule(code).is_none() {
                    return Err(format!("unknown rule code '{code}' (see `kehoach rules`)"));
                }
            }
            let bytes = read_input(&file)?;
            let analysis = kehoach::analyze(
                &bytes,
                &kehoach::Options {
                    path: file.clone(),
                    encoding,
                    input_format: input_format.into(),
                },
            )
            .map_err(|e| e.to_string())?;
            let mut findings = check::check(&analysis, &CheckOptions { allow });
            let source = &analysis.source.text;
            if let Some(path) = &write_baseline {
                let json = serde_json::to_string_pretty(&Baseline::record(source, &findings))
                    .map_err(|e| format!("cannot serialize the baseline: {e}"))?;
                std::fs::write(path, json + "\n")
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            if let Some(path) = &baseline {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let b: Baseline = serde_json::from_str(&text)
                    .map_err(|e| format!("{} is not a kehoach baseline: {e}", path.display()))?;
                findings = b.filter(source, findings);
            }
            let out = match format {
                CheckFormat::Human => {
                    let color = match color.as_str() {
                        "always" => true,
                        "never" => false,
                        _ => {
                            std::io::stdout().is_terminal()
                                && std::env::var_os("NO_COLOR").is_none()
                        }
                    };
                    export::human::render_located(
                        &file,
                        source,
                        analysis.source.layout.as_ref(),
                        &findings,
                        export::human::Style { color },
                    )
                }
                CheckFormat::Json => export::check_json(&file, &findings),
                CheckFormat::Sarif => export::sarif::render(&file, source, &findings),
            };
            write_stdout(out.trim_end())?;
            let failed = findings.iter().any(|f| fail_on.reached_by(f.severity));
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Normalize {
            file,
            tone_style,
            diff,
            format,
            encoding,
        } => {
            let encoding = parse_encoding(encoding.as_deref())?;
            let bytes = read_input(&file)?;
            let source =
                kehoach::ingest::decode_with(&file, &bytes, encoding).map_err(|e| e.to_string())?;
            let tone_style = match tone_style {
                ToneStyleArg::Keep => ToneStyleOption::Keep,
                ToneStyleArg::Old => ToneStyleOption::Old,
                ToneStyleArg::New => ToneStyleOption::New,
            };
            let n = normalize_with(&source.text, &NormalizeOptions { tone_style });
            match (format, diff) {
                (NormalizeFormat::Json, _) => {
                    let json = export::normalize_json(&source.text, &n);
                    write_stdout(&json)?;
                }
                (NormalizeFormat::Text, true) => {
                    write_stdout(export::normalize_diff(&source.text, &n).trim_end())?
                }
                (NormalizeFormat::Text, false) => write_raw(&n.text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch(args) => Ok(ExitCode::from(kehoach::batch::command(&args))),
        Command::Rules { format } => {
            let out = match format {
                RulesFormat::Text => RULES
                    .iter()
                    .map(|r| format!("{:<32} {:<8} {}", r.code, r.severity.name(), r.summary))
                    .collect::<Vec<_>>()
                    .join("\n"),
                RulesFormat::Json => {
                    let rules: Vec<_> = RULES
                        .iter()
                        .map(|r| serde_json::json!({"code": r.code, "severity": r.severity, "summary": r.summary, "what": r.what, "why": r.why}))
                        .collect();
                    serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?
                }
            };
            write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { code } => {
            let rule = check::rule(&code)
                .ok_or_else(|| format!("unknown rule code '{code}' (see `kehoach rules`)"))?;
            write_stdout(&explain(rule))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The text of `kehoach explain`: what, why, and both examples.
fn explain(rule: &check::Rule) -> String {
    let indent = |t: &str| {
        t.lines()
            .map(|l| format!("    {}", l.replace('\t', " → ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{code} ({severity})\n\n{summary}\n\nWhat it does\n    {what}\n\nWhy it matters\n    {why}\n\nExample that fires it (→ marks a tab between cells)\n{fires}\n\nExample that does not\n{passes}",
        code = rule.code,
        severity = rule.severity.name(),
        summary = rule.summary,
        what = rule.what,
        why = rule.why,
        fires = indent(rule.fires),
        passes = indent(rule.passes),
    )
}

/// The encoding named by `--encoding`, with a one-line error for a wrong name.
fn parse_encoding(name: Option<&str>) -> Result<Option<kehoach::ingest::Encoding>, String> {
    name.map(|n| {
        kehoach::ingest::Encoding::from_name(n).ok_or_else(|| {
            format!(
                "unknown encoding '{n}' (known: {})",
                kehoach::ingest::Encoding::NAMES
            )
        })
    })
    .transpose()
}

fn read_input(file: &str) -> Result<Vec<u8>, String> {
    let result = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(file)
    };
    result.map_err(|e| {
        kehoach::Error::Io {
            path: file.to_string(),
            source: e,
        }
        .to_string()
    })
}

/// Writes `text` exactly as it is (no newline added).
fn write_raw(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the output: {e}")),
    }
}

fn write_stdout(text: &str) -> Result<(), String> {
    write_stdout_bytes(format!("{text}\n").as_bytes())
}

/// Writes `bytes` to standard output as they are.
fn write_stdout_bytes(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the output: {e}")),
    }
}
