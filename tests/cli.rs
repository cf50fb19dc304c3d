//! The command line: exit codes, standard input, one-line errors.

use crate::common::{SAMPLE, repo};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kehoach(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(repo(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kehoach");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait")
}

fn stderr_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr, got: {err:?}"
    );
    err
}

#[test]
fn extract_prints_one_json_object_and_exits_0() {
    let out = kehoach(&["extract", SAMPLE], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["source"]["path"], SAMPLE);
    assert_eq!(v["schema_version"], kehoach::model::SCHEMA_VERSION);
    assert!(out.stderr.is_empty());
}

#[test]
fn format_json_and_compact_give_the_same_value() {
    let a = kehoach(&["extract", "--format", "json", SAMPLE], None);
    let b = kehoach(&["extract", "--compact", SAMPLE], None);
    assert_eq!(
        String::from_utf8_lossy(&b.stdout)
            .trim_end()
            .lines()
            .count(),
        1
    );
    let va: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let vb: serde_json::Value = serde_json::from_slice(&b.stdout).unwrap();
    assert_eq!(va, vb);
}

#[test]
fn dash_reads_standard_input() {
    let bytes = std::fs::read(repo(SAMPLE)).unwrap();
    let out = kehoach(&["extract", "-"], Some(&bytes));
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["path"], "-");
    assert_eq!(v["source"]["bytes"], bytes.len());
}

#[test]
fn missing_file_exits_2_with_one_line() {
    let out = kehoach(&["extract", "no/such/plan.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_line(&out);
    assert!(
        err.starts_with("kehoach: error: cannot read no/such/plan.txt"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_directory_is_refused_not_a_panic() {
    let out = kehoach(&["extract", "fixtures"], None);
    assert_eq!(out.status.code(), Some(2));
    stderr_line(&out);
}

#[test]
fn empty_input_has_no_plan() {
    let out = kehoach(&["extract", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_line(&out);
    assert!(
        err.contains("no plan found") && err.contains("empty"),
        "{err}"
    );
}

#[test]
fn prose_without_structure_has_no_plan() {
    let out = kehoach(
        &["extract", "-"],
        Some("Hôm nay trời đẹp.\nChúng tôi đi chơi.\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("no plan found"));
}

#[test]
fn binary_input_is_refused_with_what_to_do() {
    let out = kehoach(&["extract", "-"], Some(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("PDF"));
    let out = kehoach(&["extract", "-"], Some(b"\x00\x01\x02binary"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("NUL"));
}

#[test]
fn bad_arguments_exit_2() {
    let out = kehoach(&["extract", "--format", "yaml", SAMPLE], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kehoach(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encoding_flag_forces_and_refuses_unknown_names() {
    let out = kehoach(&["extract", "--encoding", "klingon", SAMPLE], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("unknown encoding 'klingon'"));
    let out = kehoach(&["extract", "--encoding", "utf-8", SAMPLE], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["encoding_confidence"], "forced");
    let out = kehoach(
        &[
            "check",
            "--encoding",
            "cp1258",
            "--fail-on",
            "never",
            SAMPLE,
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "a UTF-8 file forced to Windows-1258 is still read"
    );
}
