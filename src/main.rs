//! The `kehoach` command: a thin layer over the library that reads files,
//! renders results and picks the exit code.

fn main() {}
