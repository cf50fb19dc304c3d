//! Whole archives at once: `kehoach batch`.
//!
//! Inputs are files, directories (walked recursively), glob patterns, or `-`
//! for newline-separated paths on standard input. Each document is read,
//! analyzed and checked on its own, in parallel across documents, and gives
//! one self-contained [`Record`]: written as one line of NDJSON as soon as it
//! is ready, or as one JSON file per document (`--out DIR`).
//!
//! Isolation: a document that cannot be read, is not a plan, goes past a
//! [limit](crate::limits) or makes kehoach panic gives a record with status
//! `refused` or `failed` and the run goes on. Memory is bounded by the
//! documents in flight (one per worker), never by the archive: paths are
//! found lazily and each document is dropped once its record is written.
//!
//! [`run`] is the engine; it writes records to any [`Write`] and reports
//! progress through [`Progress`]. [`command`] is the `kehoach batch` command
//! around it (standard streams, the progress bar, the summary line, the exit
//! code); it never exits the process itself.
//!
//! ```
//! use kehoach::batch::{run, BatchConfig, Input, NoProgress};
//! let dir = std::env::temp_dir().join(format!("kehoach-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "KẾ HOẠCH\n\nI. NỘI DUNG\n").unwrap();
//! let mut out = Vec::new();
//! let summary = run(
//!     &BatchConfig::default(),
//!     vec![Input::Path(dir.display().to_string())],
//!     &mut out,
//!     &NoProgress,
//! )
//! .unwrap();
//! assert_eq!((summary.ok, summary.refused, summary.failed), (1, 0, 0));
//! let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(line["status"], "ok");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use crate::check::{self, CheckOptions, Finding, Severity};
use crate::export::Summary as Counts;
use crate::limits::{Limit, MAX_INPUT_BYTES};
use crate::model::{Plan, SCHEMA_VERSION};
use crate::{Error, Options};
use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, a directory (walked recursively), or a glob pattern (when no
    /// file of that name exists and it holds `*`, `?` or `[`).
    Path(String),
    /// Newline-separated paths read from the given reader (standard input
    /// for `-`); each is a file or a directory, never a pattern.
    Lines,
}

/// The lowest severity that counts against a document (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FailOn {
    /// Errors count.
    #[default]
    Error,
    /// Warnings and errors count.
    Warning,
    /// Every finding counts.
    Info,
    /// Nothing counts.
    Never,
}

impl FailOn {
    /// Whether a finding of severity `s` counts.
    pub fn reached_by(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// How to run a batch.
#[derive(Debug, Clone, Default)]
pub struct BatchConfig {
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Write records in input order instead of completion order.
    pub sorted: bool,
    /// Add the whole extraction (`plan`) and every finding (`diagnostics`)
    /// to each record.
    pub full: bool,
    /// Write one JSON file per document into this directory instead of
    /// NDJSON to the writer.
    pub out_dir: Option<PathBuf>,
    /// Decode every document in this encoding instead of detecting it.
    pub encoding: Option<crate::ingest::Encoding>,
    /// Rules not to run.
    pub check: CheckOptions,
    /// The lowest severity that counts against a document.
    pub fail_on: FailOn,
}

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read, analyzed and checked (findings may still have been reported).
    Ok,
    /// Read, but not accepted: not text (PDF, .doc, binary), no plan in it,
    /// or past a limit.
    Refused,
    /// Not read (missing, unreadable, not a regular file, a pattern that
    /// matched nothing), or kehoach panicked on it (a bug).
    Failed,
}

/// One document's line of NDJSON (or its file under `--out`). Every field is
/// always present; what is unknown is `null`.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// Version of the JSON format, see [`SCHEMA_VERSION`].
    pub schema_version: &'static str,
    /// The path as found (as given, or joined under the directory given).
    pub path: String,
    /// `ok`, `refused` or `failed`.
    pub status: Status,
    /// Size of the file in bytes, when known.
    pub bytes: Option<u64>,
    /// Lowercase hex SHA-256 of the file, when it was read.
    pub sha256: Option<String>,
    /// The input format (`text`), for analyzed documents.
    pub format: Option<String>,
    /// The detected (or forced) encoding, for analyzed documents.
    pub encoding: Option<String>,
    /// How the encoding was decided, for analyzed documents.
    pub encoding_confidence: Option<String>,
    /// Number of task rows, for analyzed documents.
    pub tasks: Option<usize>,
    /// Findings by severity, for analyzed documents.
    pub findings: Option<Counts>,
    /// Why the document was refused or failed.
    pub error: Option<String>,
    /// With `--full`: the whole extraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Box<Plan>>,
    /// With `--full`: every finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<Finding>>,
}

impl Record {
    fn new(path: String, status: Status) -> Self {
        Record {
            schema_version: SCHEMA_VERSION,
            path,
            status,
            bytes: None,
            sha256: None,
            format: None,
            encoding: None,
            encoding_confidence: None,
            tasks: None,
            findings: None,
            error: None,
            plan: None,
            diagnostics: None,
        }
    }

    fn failed(path: String, error: String) -> Self {
        Record {
            error: Some(error),
            ..Record::new(path, Status::Failed)
        }
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents seen.
    pub documents: usize,
    /// Documents analyzed.
    pub ok: usize,
    /// Documents read but not accepted.
    pub refused: usize,
    /// Documents not read, or that made kehoach panic.
    pub failed: usize,
    /// Analyzed documents with a finding at `--fail-on` or above.
    pub failing: usize,
    /// Bytes read, over every document.
    pub bytes: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// The exit code of `kehoach batch`: 2 when some document was refused or
    /// failed, else 1 when some had a finding at `--fail-on`, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.refused + self.failed > 0 {
            2
        } else if self.failing > 0 {
            1
        } else {
            0
        }
    }

    /// The one-line summary written on standard error.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        format!(
            "kehoach batch: {} documents: {} ok, {} refused, {} failed; {} with findings at --fail-on; {:.1} MB in {:.2} s ({:.1} documents/s, {:.1} MB/s)",
            self.documents,
            self.ok,
            self.refused,
            self.failed,
            self.failing,
            self.bytes as f64 / 1e6,
            secs,
            self.documents as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        )
    }
}

/// Receives progress from [`run`], from any worker thread.
pub trait Progress: Sync {
    /// A document was found (the total grows by one).
    fn found(&self);
    /// A document's record was written.
    fn done(&self, record: &Record);
    /// Whether the total matters (a bar with an ETA): then paths are found
    /// ahead of the workers, holding every path found but not yet processed
    /// in memory.
    fn wants_total(&self) -> bool {
        false
    }
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn found(&self) {}
    fn done(&self, _: &Record) {}
}

/// One document to process: its place in input order, its path, or why a
/// given input yielded no file.
struct Item {
    index: usize,
    path: PathBuf,
    problem: Option<String>,
}

/// Runs a batch over `inputs`, writing one NDJSON line per document to
/// `out` (or one file per document with [`BatchConfig::out_dir`]).
///
/// `Input::Lines` reads paths from standard input. Fails only when the output
/// cannot be written (a closed pipe ends the run quietly instead) or the
/// worker pool cannot be started; everything that goes wrong with one
/// document is in its record.
pub fn run<W: Write + Send>(
    config: &BatchConfig,
    inputs: Vec<Input>,
    out: W,
    progress: &dyn Progress,
) -> io::Result<Summary> {
    run_with(
        config,
        inputs,
        Box::new(io::BufReader::new(io::stdin())),
        out,
        progress,
        &|path, bytes| process_bytes(config, path, bytes),
    )
}

/// [`run`] with the reader that `Input::Lines` reads paths from and the
/// function that turns one document's bytes into its record (for tests, and
/// for callers that want other work done per document).
pub fn run_with<W: Write + Send>(
    config: &BatchConfig,
    inputs: Vec<Input>,
    lines: Box<dyn BufRead + Send>,
    out: W,
    progress: &dyn Progress,
    process: &(dyn Fn(&str, &[u8]) -> Record + Sync),
) -> io::Result<Summary> {
    let started = Instant::now();
    // The main thread's stack size, not rayon's smaller default: a panic is
    // caught per document, a stack overflow would end the whole run.
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(8 << 20);
    if let Some(n) = config.jobs {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(io::Error::other)?;
    if let Some(dir) = &config.out_dir {
        std::fs::create_dir_all(dir)?;
    }
    let sink = Mutex::new(Sink {
        out,
        next: 0,
        pending: BTreeMap::new(),
        summary: Summary::default(),
        error: None,
    });
    let stop = AtomicBool::new(false);
    // A bounded queue keeps memory flat; with a progress bar the walk may
    // run ahead (it holds paths only) so that the total, and the ETA, are
    // known early.
    let gate = Gate::default();
    let (tx, rx) = mpsc::channel::<Item>();
    let tx = if progress.wants_total() {
        Queue::Unbounded(tx)
    } else {
        Queue::Bounded(tx, &gate)
    };
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            let mut index = 0;
            enumerate(inputs, lines, &mut |path, problem| {
                if stop.load(Ordering::Relaxed) {
                    return false;
                }
                progress.found();
                let item = Item {
                    index,
                    path,
                    problem,
                };
                index += 1;
                tx.send(item)
            });
        });
        pool.install(|| {
            let taken = rx.into_iter().inspect(|_| gate.taken());
            taken.par_bridge().for_each(|item| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let record = process_item(&item, process);
                if write_record(config, &sink, item.index, record, progress).is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        });
    });
    let mut sink = sink
        .into_inner()
        .map_err(|_| io::Error::other("poisoned"))?;
    sink.flush_pending(progress, true);
    if let Some(e) = sink.error.take()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(e);
    }
    sink.summary.elapsed = started.elapsed();
    Ok(sink.summary)
}

/// The queue from the walk to the workers.
enum Queue<'g> {
    Bounded(mpsc::Sender<Item>, &'g Gate),
    Unbounded(mpsc::Sender<Item>),
}

impl Queue<'_> {
    /// Sends; false when the workers are gone.
    fn send(&self, item: Item) -> bool {
        match self {
            Queue::Bounded(tx, gate) => {
                gate.enter();
                tx.send(item).is_ok()
            }
            Queue::Unbounded(tx) => tx.send(item).is_ok(),
        }
    }
}

/// What bounds the queue: the walk waits while [`Gate::HIGH`] paths are
/// queued, and is woken once the workers have taken them down to
/// [`Gate::LOW`]. A queue that woke the walk at each path taken (as a
/// bounded channel does) cost two or three thread switches per document,
/// a few percent of the wall time of a run over small plans.
#[derive(Default)]
struct Gate {
    queued: Mutex<usize>,
    drained: std::sync::Condvar,
}

impl Gate {
    const HIGH: usize = 256;
    const LOW: usize = Self::HIGH / 2;

    /// Before a path is queued: waits while the queue is full.
    fn enter(&self) {
        let Ok(mut queued) = self.queued.lock() else {
            return;
        };
        while *queued >= Self::HIGH {
            queued = match self.drained.wait(queued) {
                Ok(q) => q,
                Err(_) => return,
            };
        }
        *queued += 1;
    }

    /// After a worker took a path off the queue.
    fn taken(&self) {
        let Ok(mut queued) = self.queued.lock() else {
            return;
        };
        *queued = queued.saturating_sub(1);
        if *queued == Self::LOW {
            self.drained.notify_one();
        }
    }
}

/// The output side: the one locked writer, the reorder buffer for
/// `--sorted`, the running totals.
struct Sink<W> {
    out: W,
    next: usize,
    pending: BTreeMap<usize, (Record, Vec<u8>)>,
    summary: Summary,
    error: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    fn emit(&mut self, record: &Record, bytes: &[u8], progress: &dyn Progress) {
        let s = &mut self.summary;
        s.documents += 1;
        s.bytes += record.bytes.unwrap_or(0);
        match record.status {
            Status::Ok => s.ok += 1,
            Status::Refused => s.refused += 1,
            Status::Failed => s.failed += 1,
        }
        if self.error.is_none()
            && !bytes.is_empty()
            && let Err(e) = self.out.write_all(bytes).and_then(|()| self.out.flush())
        {
            self.error = Some(e);
        }
        progress.done(record);
    }

    /// Writes the buffered records that are next in input order (all of
    /// them when `all`: the run is over and some inputs never came).
    fn flush_pending(&mut self, progress: &dyn Progress, all: bool) {
        loop {
            let key = match self.pending.first_key_value() {
                Some((&k, _)) if all || k == self.next => k,
                _ => break,
            };
            if let Some((record, bytes)) = self.pending.remove(&key) {
                self.emit(&record, &bytes, progress);
            }
            self.next = key + 1;
        }
    }
}

fn write_record<W: Write>(
    config: &BatchConfig,
    sink: &Mutex<Sink<W>>,
    index: usize,
    mut record: Record,
    progress: &dyn Progress,
) -> Result<(), ()> {
    let bytes = match &config.out_dir {
        Some(dir) => {
            if let Err(e) = write_file(dir, &record) {
                // The document's result could not be saved: say so on its
                // record's place in the totals.
                record = Record {
                    bytes: record.bytes,
                    sha256: record.sha256.clone(),
                    ..Record::failed(record.path.clone(), e)
                };
            }
            Vec::new()
        }
        None => {
            let mut line = serde_json::to_vec(&record).unwrap_or_else(|e| {
                format!(
                    "{{\"path\":null,\"status\":\"failed\",\"error\":\"cannot serialize: {e}\"}}"
                )
                .into_bytes()
            });
            line.push(b'\n');
            line
        }
    };
    let counts_against = record
        .findings
        .is_some_and(|c| counts_reach(c, config.fail_on));
    let Ok(mut sink) = sink.lock() else {
        return Err(());
    };
    sink.summary.failing += usize::from(counts_against);
    // Strip the bulky parts before buffering: only the line is written.
    record.plan = None;
    record.diagnostics = None;
    if config.sorted {
        sink.pending.insert(index, (record, bytes));
        sink.flush_pending(progress, false);
    } else {
        sink.emit(&record, &bytes, progress);
    }
    if sink.error.is_some() {
        Err(())
    } else {
        Ok(())
    }
}

fn counts_reach(c: Counts, fail_on: FailOn) -> bool {
    (c.error > 0 && fail_on.reached_by(Severity::Error))
        || (c.warning > 0 && fail_on.reached_by(Severity::Warning))
        || (c.info > 0 && fail_on.reached_by(Severity::Info))
}

/// The file name under `--out` for a document: its path with every
/// character other than letters, digits, `.`, `-` and `_` made `_` (cut to
/// 120 characters), then a hash of the whole path, so two different paths
/// never share a file.
pub fn out_file_name(path: &str) -> String {
    let cleaned: String = path
        .trim_start_matches(['.', '/', '\\'])
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let hash = Sha256::digest(path.as_bytes());
    let tag: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{cleaned}.{tag}.json")
}

/// Writes a record under `dir`, through a temporary file and a rename, so a
/// reader never sees half a file.
fn write_file(dir: &Path, record: &Record) -> Result<(), String> {
    let name = out_file_name(&record.path);
    let target = dir.join(&name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let json = serde_json::to_vec_pretty(record).map_err(|e| format!("cannot serialize: {e}"))?;
    std::fs::write(&tmp, json)
        .and_then(|()| std::fs::rename(&tmp, &target))
        .map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// Reads one document and makes its record, catching any panic.
fn process_item(item: &Item, process: &(dyn Fn(&str, &[u8]) -> Record + Sync)) -> Record {
    let label = item.path.to_string_lossy().into_owned();
    if let Some(problem) = &item.problem {
        return Record::failed(label, problem.clone());
    }
    let bytes = match read_document(&item.path) {
        Ok(b) => b,
        Err(ReadError::Failed(e)) => return Record::failed(label, e),
        Err(ReadError::TooLarge(len)) => {
            return Record {
                bytes: Some(len),
                error: Some(
                    Error::LimitExceeded {
                        limit: Limit::InputBytes,
                        found: len,
                        line: None,
                    }
                    .to_string(),
                ),
                ..Record::new(label, Status::Refused)
            };
        }
    };
    IN_DOCUMENT.with(|d| d.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| process(&label, &bytes)));
    IN_DOCUMENT.with(|d| d.set(false));
    match result {
        Ok(record) => record,
        Err(payload) => {
            let mut message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            if let Some(at) = PANIC_AT.with(|p| p.take()) {
                message = format!("{message}, at {at}");
            }
            Record {
                bytes: Some(bytes.len() as u64),
                sha256: Some(hex(&Sha256::digest(&bytes))),
                ..Record::failed(
                    label,
                    format!(
                        "kehoach panicked on this document ({message}); this is a bug in kehoach, please report it with the file"
                    ),
                )
            }
        }
    }
}

thread_local! {
    /// Set while this thread processes a document.
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last panic inside a document happened (set by the hook
    /// that [`command`] installs).
    static PANIC_AT: std::cell::Cell<Option<String>> = const { std::cell::Cell::new(None) };
}

/// Installs a panic hook that, on a thread processing a document, records
/// where the panic happened for the document's record instead of printing
/// it (standard error keeps to the summary line); other panics go to the
/// hook that was there before.
fn quiet_document_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_DOCUMENT.with(std::cell::Cell::get) {
            PANIC_AT.with(|p| p.set(info.location().map(|l| l.to_string())));
        } else {
            previous(info);
        }
    }));
}

enum ReadError {
    Failed(String),
    TooLarge(u64),
}

/// Reads a regular file of at most [`MAX_INPUT_BYTES`].
fn read_document(path: &Path) -> Result<Vec<u8>, ReadError> {
    let shown = path.display();
    let failed = |e: io::Error| ReadError::Failed(format!("cannot read {shown}: {e}"));
    // Look before opening: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path).map_err(failed)?.is_file() {
        return Err(ReadError::Failed(format!(
            "cannot read {shown}: not a regular file"
        )));
    }
    let file = std::fs::File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if !meta.is_file() {
        return Err(ReadError::Failed(format!(
            "cannot read {shown}: not a regular file"
        )));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The size can change while reading: never read past the limit.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Analyzes and checks one document's bytes: the default per-document work
/// of [`run`].
pub fn process_bytes(config: &BatchConfig, path: &str, bytes: &[u8]) -> Record {
    let options = Options {
        path: path.to_string(),
        encoding: config.encoding,
        ..Options::default()
    };
    let mut record = Record::new(path.to_string(), Status::Ok);
    record.bytes = Some(bytes.len() as u64);
    match crate::analyze(bytes, &options) {
        Ok(analysis) => {
            let findings = check::check(&analysis, &config.check);
            let plan = &analysis.plan;
            record.sha256 = Some(plan.source.sha256.clone());
            record.format = Some(plan.source.format.clone());
            record.encoding = Some(plan.source.encoding.clone());
            record.encoding_confidence = Some(plan.source.encoding_confidence.clone());
            record.tasks = Some(plan.groups.iter().map(|g| g.tasks.len()).sum());
            record.findings = Some(Counts::of(&findings));
            if config.full {
                record.diagnostics = Some(findings);
                record.plan = Some(Box::new(analysis.plan));
            }
        }
        Err(e) => {
            record.sha256 = Some(hex(&Sha256::digest(bytes)));
            record.status = match e {
                Error::Io { .. } => Status::Failed,
                _ => Status::Refused,
            };
            record.error = Some(e.to_string());
        }
    }
    record
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Finds the documents of `inputs` in order, calling `found` with each path
/// (or a path and why it yields no document); stops when `found` returns
/// false.
fn enumerate(
    inputs: Vec<Input>,
    mut lines: Box<dyn BufRead + Send>,
    found: &mut dyn FnMut(PathBuf, Option<String>) -> bool,
) {
    for input in inputs {
        let go_on = match input {
            Input::Path(p) => enumerate_arg(&p, found),
            Input::Lines => {
                let mut line = Vec::new();
                let mut go_on = true;
                loop {
                    line.clear();
                    match lines.read_until(b'\n', &mut line) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) => {
                            go_on = found(
                                PathBuf::from("-"),
                                Some(format!("cannot read paths from standard input: {e}")),
                            );
                            break;
                        }
                    }
                    let mut p: &[u8] = &line;
                    while let [rest @ .., b'\n' | b'\r'] = p {
                        p = rest;
                    }
                    if p.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if !walk(&path_from_bytes(p), found) {
                        go_on = false;
                        break;
                    }
                }
                go_on
            }
        };
        if !go_on {
            return;
        }
    }
}

/// A path read from standard input: its bytes as they are on Unix (file
/// names need not be UTF-8), else read as UTF-8.
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// One command-line input: an existing path, else a glob pattern.
fn enumerate_arg(arg: &str, found: &mut dyn FnMut(PathBuf, Option<String>) -> bool) -> bool {
    let path = Path::new(arg);
    if path.exists() || !arg.contains(['*', '?', '[']) {
        return walk(path, found);
    }
    // As in a shell, `*` does not match a leading dot.
    let options = glob::MatchOptions {
        require_literal_leading_dot: true,
        ..glob::MatchOptions::new()
    };
    let paths = match glob::glob_with(arg, options) {
        Ok(paths) => paths,
        Err(e) => {
            return found(
                path.to_path_buf(),
                Some(format!("'{arg}' is not a valid pattern: {e}")),
            );
        }
    };
    let mut any = false;
    for entry in paths {
        any = true;
        let go_on = match entry {
            Ok(p) => walk(&p, found),
            Err(e) => found(
                e.path().to_path_buf(),
                Some(format!("cannot read {}: {}", e.path().display(), e.error())),
            ),
        };
        if !go_on {
            return false;
        }
    }
    any || found(
        path.to_path_buf(),
        Some(format!("the pattern '{arg}' matches no file")),
    )
}

/// A file is one document; a directory gives every file under it, sorted
/// by name, skipping names that start with `.` and symbolic links to
/// directories (which could loop).
fn walk(path: &Path, found: &mut dyn FnMut(PathBuf, Option<String>) -> bool) -> bool {
    if !path.is_dir() {
        return found(path.to_path_buf(), None);
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(e) => e,
        Err(e) => {
            return found(
                path.to_path_buf(),
                Some(format!("cannot read the directory {}: {e}", path.display())),
            );
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let p = entry.path();
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        let go_on = if is_link && p.is_dir() {
            true
        } else {
            walk(&p, found)
        };
        if !go_on {
            return false;
        }
    }
    true
}

/// The arguments of `kehoach batch`.
#[derive(Debug, Clone, clap::Args)]
pub struct BatchArgs {
    /// Files, directories (recursive) or glob patterns; `-` reads
    /// newline-separated paths from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Ndjson)]
    pub format: BatchFormat,
    /// Add the whole extraction and every finding to each record.
    #[arg(long)]
    pub full: bool,
    /// Write one JSON file per document into DIR instead of NDJSON on standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Documents processed at once (default: every core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// Write records in input order (default: as they complete).
    #[arg(long)]
    pub sorted: bool,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Do not run this rule (repeatable).
    #[arg(long = "allow", value_name = "CODE")]
    pub allow: Vec<String>,
    /// Decode every document in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
}

/// Output formats of `kehoach batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    /// One JSON object per line, one line per document.
    Ndjson,
}

/// The `kehoach batch` command: reads the standard streams, draws a progress
/// bar on standard error when it is a terminal (else writes only the summary
/// line there), and returns the exit code (0, 1 or 2, see
/// [`Summary::exit_code`]).
pub fn command(args: &BatchArgs) -> u8 {
    let mut stderr = io::stderr();
    match command_inner(args) {
        Ok(summary) => {
            let _ = writeln!(stderr, "{}", summary.line());
            summary.exit_code()
        }
        Err(message) => {
            let _ = writeln!(stderr, "kehoach: error: {message}");
            2
        }
    }
}

fn command_inner(args: &BatchArgs) -> Result<Summary, String> {
    let BatchFormat::Ndjson = args.format;
    let encoding = args
        .encoding
        .as_deref()
        .map(|n| {
            crate::ingest::Encoding::from_name(n).ok_or_else(|| {
                format!(
                    "unknown encoding '{n}' (known: {})",
                    crate::ingest::Encoding::NAMES
                )
            })
        })
        .transpose()?;
    for code in &args.allow {
        if check::rule(code).is_none() {
            return Err(format!("unknown rule code '{code}' (see `kehoach rules`)"));
        }
    }
    if args.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err("'-' (paths on standard input) can be given only once".to_string());
    }
    let config = BatchConfig {
        jobs: args.jobs.map(|n| n as usize),
        sorted: args.sorted,
        full: args.full,
        out_dir: args.out.clone(),
        encoding,
        check: CheckOptions {
            allow: args.allow.clone(),
        },
        fail_on: args.fail_on,
    };
    let inputs = args
        .inputs
        .iter()
        .map(|i| {
            if i == "-" {
                Input::Lines
            } else {
                Input::Path(i.clone())
            }
        })
        .collect();
    quiet_document_panics();
    let bar = io::stderr().is_terminal().then(progress_bar);
    let progress: &dyn Progress = match &bar {
        Some(b) => b,
        None => &NoProgress,
    };
    let stdout = io::stdout();
    let result =
        run(&config, inputs, stdout, progress).map_err(|e| format!("cannot write the output: {e}"));
    if let Some(b) = &bar {
        b.0.finish_and_clear();
    }
    result
}

/// The progress bar on a terminal: documents done, rate, ETA.
struct Bar(indicatif::ProgressBar);

fn progress_bar() -> Bar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(0),
        indicatif::ProgressDrawTarget::stderr_with_hz(10),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} documents  {per_sec}  ETA {eta}  {msg}",
    ) {
        bar.set_style(style);
    }
    Bar(bar)
}

impl Progress for Bar {
    fn wants_total(&self) -> bool {
        true
    }
    fn found(&self) {
        self.0.inc_length(1);
    }
    fn done(&self, record: &Record) {
        if record.status != Status::Ok {
            self.0.set_message(format!("last problem: {}", record.path));
        }
        self.0.inc(1);
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The walk never has more than `Gate::HIGH` paths queued, and a slow
    /// worker lets it finish all the same.
    #[test]
    fn the_gate_bounds_the_queue_and_never_stalls() {
        let gate = Gate::default();
        let queued = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let n = 5 * Gate::HIGH + 3;
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for _ in 0..n {
                    gate.enter();
                    let now = queued.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                }
            });
            let mut taken = 0;
            while taken < n {
                if queued.load(Ordering::SeqCst) == 0 {
                    std::thread::yield_now();
                    continue;
                }
                queued.fetch_sub(1, Ordering::SeqCst);
                gate.taken();
                taken += 1;
                if taken % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            }
        });
        let most = most.load(Ordering::SeqCst);
        assert!(most <= Gate::HIGH, "{most}");
        // The walk did run ahead: the queue filled up at some point.
        assert_eq!(most, Gate::HIGH);
    }
}
