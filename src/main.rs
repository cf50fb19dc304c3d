//! The `kehoach` command: a thin layer over the library that reads files,
//! renders results and picks the exit code.
//!
//! Exit codes: 0 success; 2 the input was refused (unreadable, not text, no
//! plan) or the command line is wrong.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::process::ExitCode;

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
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON object (see README: "JSON output").
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
            format: Format::Json,
            compact,
        } => {
            let bytes = read_input(&file)?;
            let plan = kehoach::extract(&bytes, &kehoach::Options { path: file })
                .map_err(|e| e.to_string())?;
            let json = if compact {
                serde_json::to_string(&plan)
            } else {
                serde_json::to_string_pretty(&plan)
            }
            .map_err(|e| format!("cannot serialize the result: {e}"))?;
            write_stdout(&json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
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

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the output: {e}")),
    }
}
