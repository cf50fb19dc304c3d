//! `kehoach batch`: a directory of mixed files, standard-input paths,
//! `--sorted`, `--out`, `--full`, exit codes, per-document isolation.

use crate::common::{SAMPLE, read, repo};
use kehoach::batch::{BatchConfig, Input, NoProgress, Record, Status, run_with};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh directory under the system's temporary directory, removed when
/// dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("kehoach-batch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
    fn write(&self, rel: &str, bytes: &[u8]) -> String {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
    fn s(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An archive: two good plans (one nested), an empty file, random binary
/// bytes, a PDF, a text file that is no plan, and a hidden file.
fn archive(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("a-sample.txt", &read(SAMPLE));
    dir.write(
        "nested/deeper/b-mended.txt",
        &read("fixtures/sample-mended.txt"),
    );
    dir.write("c-empty.txt", b"");
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    dir.write("nested/d-binary.bin", &binary);
    dir.write(
        "e-report.pdf",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    );
    dir.write("f-note.txt", b"hello, nothing to see here\n");
    dir.write(".hidden.txt", &read(SAMPLE));
    dir
}

fn batch(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("batch")
        .args(args)
        .current_dir(repo(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kehoach");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

/// The NDJSON lines, each checked to be one JSON object.
fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Status by file name.
fn statuses(records: &[Value]) -> BTreeMap<String, String> {
    records
        .iter()
        .map(|r| {
            let name = Path::new(r["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, r["status"].as_str().unwrap().to_string())
        })
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_directory_of_mixed_files_gives_one_line_each_and_goes_on() {
    let dir = archive("mixed");
    let out = batch(&[&dir.s()], None);
    let records = lines(&out);
    let expected: BTreeMap<String, String> = [
        ("a-sample.txt", "ok"),
        ("b-mended.txt", "ok"),
        ("c-empty.txt", "refused"),
        ("d-binary.bin", "refused"),
        ("e-report.pdf", "refused"),
        ("f-note.txt", "refused"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(statuses(&records), expected, "hidden files are skipped");
    // Some documents could not be processed: exit 2.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "only the summary line: {err}");
    assert!(
        err.contains("6 documents: 2 ok, 4 refused, 0 failed"),
        "{err}"
    );
    for r in &records {
        match r["status"].as_str().unwrap() {
            "ok" => {
                assert!(r["error"].is_null());
                assert_eq!(r["format"], "text");
                assert_eq!(r["encoding"], "utf-8");
                assert_eq!(r["tasks"], 18);
                assert!(r["findings"]["warning"].is_u64());
                assert_eq!(r["sha256"].as_str().unwrap().len(), 64);
                assert!(r.get("plan").is_none(), "no plan without --full");
            }
            _ => {
                let e = r["error"].as_str().unwrap();
                assert!(!e.is_empty());
                assert!(r["tasks"].is_null() && r["findings"].is_null());
            }
        }
    }
    let pdf = records
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with(".pdf"))
        .unwrap();
    assert!(pdf["error"].as_str().unwrap().contains("PDF"), "{pdf}");
    let empty = records
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("c-empty.txt"))
        .unwrap();
    assert_eq!(empty["bytes"], 0);
    assert_eq!(
        empty["sha256"],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn the_sample_record_matches_extract_and_check() {
    let out = batch(&[SAMPLE], None);
    let records = lines(&out);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    let plan = kehoach::extract(&read(SAMPLE), &kehoach::Options::default()).unwrap();
    assert_eq!(r["path"], SAMPLE);
    assert_eq!(r["sha256"], plan.source.sha256.as_str());
    assert_eq!(r["bytes"], plan.source.bytes);
    assert_eq!(r["encoding_confidence"], "certain");
    // README: eleven warnings and one info, no error.
    assert_eq!(
        r["findings"],
        serde_json::json!({"error": 0, "warning": 11, "info": 1})
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn full_adds_the_whole_extraction_and_the_findings() {
    let out = batch(&["--full", SAMPLE], None);
    let r = &lines(&out)[0];
    let plan = kehoach::extract(
        &read(SAMPLE),
        &kehoach::Options {
            path: SAMPLE.to_string(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r["plan"], serde_json::to_value(&plan).unwrap());
    assert_eq!(r["diagnostics"].as_array().unwrap().len(), 12);
}

#[test]
fn dash_reads_paths_from_standard_input() {
    let dir = archive("stdin");
    let list = format!(
        "{}\n\n{}\r\n{}\n",
        dir.path("a-sample.txt").display(),
        dir.path("nested").display(),
        dir.path("missing.txt").display()
    );
    let out = batch(&["--sorted", "-"], Some(list.as_bytes()));
    let records = lines(&out);
    let names: Vec<_> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            dir.path("a-sample.txt"),
            dir.path("nested/d-binary.bin"),
            dir.path("nested/deeper/b-mended.txt"),
            dir.path("missing.txt"),
        ]
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>(),
        "a line may name a directory; blank lines are skipped; CRLF is allowed"
    );
    assert_eq!(records[3]["status"], "failed");
    assert!(
        records[3]["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot read")
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn globs_expand_and_a_pattern_that_matches_nothing_is_reported() {
    let dir = archive("glob");
    let pattern = format!("{}/*.txt", dir.s());
    let none = format!("{}/*.docx", dir.s());
    let out = batch(&["--sorted", &pattern, &none], None);
    let records = lines(&out);
    let paths: Vec<_> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 4, "{paths:?}");
    assert!(paths[0].ends_with("a-sample.txt"));
    assert!(paths[1].ends_with("c-empty.txt"));
    assert!(paths[2].ends_with("f-note.txt"));
    assert_eq!(paths[3], none);
    assert!(
        records[3]["error"]
            .as_str()
            .unwrap()
            .contains("matches no file")
    );
}

#[test]
fn sorted_output_is_the_same_on_every_run_and_in_walk_order() {
    let dir = TempDir::new("sorted");
    let sample = read(SAMPLE);
    for i in 0..24 {
        // Different sizes so that completion order differs from input order.
        let mut bytes = sample.clone();
        for _ in 0..(i % 5) {
            bytes.extend_from_slice(&sample);
        }
        dir.write(&format!("d{i:02}.txt"), &bytes);
    }
    dir.write("d05-broken.txt", b"\0\0\0garbage");
    let a = batch(&["--sorted", "-j", "2", &dir.s()], None);
    let b = batch(&["--sorted", "--jobs", "2", &dir.s()], None);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
    let paths: Vec<String> = lines(&a)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 25);
}

#[test]
fn out_dir_writes_one_file_per_document_with_distinct_names() {
    let dir = archive("out");
    // Two paths that clean up to the same name ("x_y.txt").
    dir.write("x/y.txt", &read(SAMPLE));
    dir.write("x_y.txt", &read(SAMPLE));
    let out_dir = TempDir::new("out-target");
    let out = batch(&["--out", &out_dir.s(), "--full", &dir.s()], None);
    assert!(out.stdout.is_empty(), "records go to files, not stdout");
    assert_eq!(out.status.code(), Some(2));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out_dir.0)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "{files:?}");
    let mut seen = Vec::new();
    for f in &files {
        assert!(f.extension().is_some_and(|e| e == "json"), "{f:?}");
        let v: Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
        let path = v["path"].as_str().unwrap().to_string();
        assert_eq!(
            f.file_name().unwrap().to_string_lossy(),
            kehoach::batch::out_file_name(&path)
        );
        if v["status"] == "ok" {
            assert!(v["plan"]["groups"].is_array());
        }
        seen.push(path);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 8);
}

#[test]
fn exit_codes_follow_fail_on() {
    // The sample has warnings and an info, no error.
    let ok = batch(&[SAMPLE, "fixtures/sample-mended.txt"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let warn = batch(
        &["--fail-on", "warning", SAMPLE, "fixtures/sample-mended.txt"],
        None,
    );
    assert_eq!(warn.status.code(), Some(1));
    assert!(stderr(&warn).contains("1 with findings at --fail-on"));
    let info = batch(&["--fail-on", "info", "fixtures/sample-mended.txt"], None);
    assert_eq!(info.status.code(), Some(1));
    let never = batch(&["--fail-on", "never", SAMPLE], None);
    assert_eq!(never.status.code(), Some(0));
    // Allowing the rules that fire leaves nothing at warning.
    let allowed = batch(
        &[
            "--fail-on",
            "warning",
            "--allow",
            "unit-near-miss",
            "--allow",
            "repeated-word",
            "--allow",
            "duplicate-recipient",
            "--allow",
            "tone-style-mixed",
            SAMPLE,
        ],
        None,
    );
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    // An unreadable document wins over findings: 2.
    let missing = batch(&["--fail-on", "warning", SAMPLE, "no/such.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    // A wrong command line: 2 with one line.
    let bad = batch(&["--allow", "no-such-rule", SAMPLE], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown rule code"));
    assert!(bad.stdout.is_empty());
}

#[test]
fn a_file_past_the_size_limit_is_refused_without_being_read() {
    let dir = TempDir::new("huge");
    let path = dir.path("huge.txt");
    // A sparse file: no disk space used, never read.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(kehoach::limits::MAX_INPUT_BYTES + 1).unwrap();
    let out = batch(&[&path.display().to_string()], None);
    let r = &lines(&out)[0];
    assert_eq!(r["status"], "refused");
    assert_eq!(r["bytes"], kehoach::limits::MAX_INPUT_BYTES + 1);
    assert!(r["sha256"].is_null());
    assert!(
        r["error"].as_str().unwrap().contains("input is too large"),
        "{r}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_panic_in_one_document_is_reported_and_the_run_goes_on() {
    let dir = archive("panic");
    let config = BatchConfig {
        sorted: true,
        jobs: Some(2),
        ..Default::default()
    };
    let mut out = Vec::new();
    let summary = run_with(
        &config,
        vec![Input::Path(dir.s())],
        Box::new(std::io::empty()),
        &mut out,
        &NoProgress,
        &|path: &str, bytes: &[u8]| -> Record {
            assert!(!path.ends_with("f-note.txt"), "boom on {path}");
            kehoach::batch::process_bytes(&config, path, bytes)
        },
    )
    .unwrap();
    assert_eq!(summary.documents, 6);
    assert_eq!((summary.ok, summary.refused, summary.failed), (2, 3, 1));
    assert_eq!(summary.exit_code(), 2);
    let text = String::from_utf8(out).unwrap();
    let failed: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    let e = failed[0]["error"].as_str().unwrap();
    assert!(e.contains("panicked") && e.contains("boom on"), "{e}");
    assert!(failed[0]["sha256"].is_string());
}

#[test]
fn the_library_counts_documents_by_status() {
    let dir = archive("lib");
    let mut out = Vec::new();
    let summary = kehoach::batch::run(
        &BatchConfig::default(),
        vec![Input::Path(dir.s())],
        &mut out,
        &NoProgress,
    )
    .unwrap();
    assert_eq!(summary.documents, 6);
    assert_eq!(summary.ok, 2);
    assert_eq!(summary.refused, 4);
    assert_eq!(summary.failing, 0);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 6);
    let statuses =
        [Status::Ok, Status::Refused, Status::Failed].map(|s| serde_json::to_value(s).unwrap());
    assert_eq!(statuses, ["ok", "refused", "failed"]);
}

#[test]
fn a_named_pipe_is_failed_without_waiting_for_a_writer() {
    let dir = TempDir::new("fifo");
    dir.write("a.txt", &read(SAMPLE));
    let fifo = dir.path("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo not available: skipped");
        return;
    }
    // Both ways in: named on the command line, and found in a directory.
    let out = batch(&["--sorted", &dir.s(), &fifo.display().to_string()], None);
    let records = lines(&out);
    assert_eq!(records.len(), 3);
    let failed: Vec<_> = records.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 2);
    for r in failed {
        assert!(
            r["error"].as_str().unwrap().ends_with("not a regular file"),
            "{r}"
        );
    }
}

#[cfg(unix)]
#[test]
fn stdin_paths_need_not_be_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("non-utf8");
    let name = std::ffi::OsStr::from_bytes(b"k\xe9hoach.txt");
    std::fs::write(dir.0.join(name), read(SAMPLE)).unwrap();
    let mut list = dir.0.as_os_str().as_bytes().to_vec();
    list.extend_from_slice(b"/k\xe9hoach.txt\n");
    let out = batch(&["-"], Some(&list));
    let records = lines(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["status"], "ok", "{}", records[0]);
    // The record shows the name with the byte replaced (JSON is UTF-8).
    assert!(
        records[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("k\u{FFFD}hoach.txt")
    );
}

/// The benchmark corpus generator (`scripts/gen-corpus.py`, run by
/// `scripts/bench-batch.sh`): the same seed gives the same bytes, and every
/// layout it writes is read back as what it is, with all its tasks.
#[test]
fn the_corpus_generator_is_reproducible_and_every_layout_reads_back() {
    let gen_corpus = |dir: &TempDir| {
        let out = Command::new("python3")
            .arg(repo("scripts/gen-corpus.py"))
            .args(["9", &dir.s(), "--seed", "7"])
            .output()
            .expect("python3 runs (CI installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let (a, b) = (TempDir::new("gen-a"), TempDir::new("gen-b"));
    gen_corpus(&a);
    gen_corpus(&b);
    let mut names: Vec<String> = std::fs::read_dir(&a.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9);
    for name in &names {
        assert_eq!(
            std::fs::read(a.path(name)).unwrap(),
            std::fs::read(b.path(name)).unwrap(),
            "{name} differs between two runs with one seed"
        );
    }
    let out = crate::common::kehoach(&["batch", "--sorted", "--fail-on", "never", &a.s()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Vec<(String, Option<String>, Option<String>)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let r: Value = serde_json::from_str(line).unwrap();
            let path = r["path"].as_str().unwrap();
            assert_eq!(r["status"], "ok", "{path}");
            let tasks = r["tasks"].as_u64().unwrap();
            assert!(
                tasks >= 18 && tasks.is_multiple_of(18),
                "{path}: {tasks} tasks"
            );
            let text = |k: &str| r[k].as_str().map(str::to_string);
            (
                Path::new(path)
                    .extension()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                text("format"),
                text("encoding"),
            )
        })
        .collect();
    let want = [
        ("txt", "text", "utf-8"),
        ("txt", "text", "utf-8"),
        ("txt", "text", "utf-16le"),
        ("txt", "text", "utf-8"),
        ("txt", "text", "windows-1258"),
        ("txt", "text", "tcvn3"),
        ("txt", "text", "vni"),
        ("html", "html", "utf-8"),
        ("docx", "docx", "utf-8"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(e, f, c)| (e.to_string(), Some(f.to_string()), Some(c.to_string())))
        .collect();
    assert_eq!(seen, want);
}
