//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The sample plan shipped in `seeds/`.
pub const SAMPLE: &str = "seeds/000_b020f26e05120408.txt";

/// Absolute path of a file in the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Reads a repository file.
pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Extracts a repository file, labelled with its relative path.
pub fn extract(rel: &str) -> kehoach::Plan {
    kehoach::extract(
        &read(rel),
        &kehoach::Options {
            path: rel.to_string(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// All tasks of a plan, in order.
pub fn tasks(plan: &kehoach::Plan) -> Vec<&kehoach::model::Task> {
    plan.groups.iter().flat_map(|g| &g.tasks).collect()
}

/// Runs the `kehoach` binary in the repository with `args`.
pub fn kehoach(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(repo(""))
        .output()
        .expect("run kehoach")
}
