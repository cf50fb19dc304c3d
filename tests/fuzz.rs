//! Every input the fuzzers ever crashed on (`fixtures/fuzz/`), replayed
//! through the same target bodies (`fuzz/targets.rs`) as an ordinary test;
//! and the fuzzers' seeds, so the targets' invariants hold on real plans.

use crate::common::repo;
use std::panic::{AssertUnwindSafe, catch_unwind};

#[path = "../fuzz/targets.rs"]
mod targets;

/// A target body: panics when an invariant breaks.
type Target = fn(&[u8]);

/// Every target, by name.
const TARGETS: [(&str, Target); 4] = [
    ("decode_normalize", targets::decode_normalize),
    ("pipeline", targets::pipeline),
    ("docx", targets::docx),
    ("html", targets::html),
];

/// Runs every target on every file of `dir` (not its subfolders, not
/// README.md); returns how many files were read and the failures.
fn replay(dir: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(repo(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        for (name, target) in TARGETS {
            if let Err(e) = catch_unwind(AssertUnwindSafe(|| target(&bytes))) {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name} on {}: {msg}", path.display()));
            }
        }
    }
    (paths.len(), failures)
}

/// The crash inputs (there may be none yet: then there is nothing to replay).
#[test]
fn fuzz_crash_inputs_no_longer_crash() {
    let (_, failures) = replay("fixtures/fuzz");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn fuzz_targets_hold_on_their_seeds() {
    for dir in [
        "fixtures",
        "fixtures/docx",
        "fixtures/html",
        "fixtures/layouts",
        "seeds",
    ] {
        let (count, failures) = replay(dir);
        assert!(count > 0, "{dir} holds no file");
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
