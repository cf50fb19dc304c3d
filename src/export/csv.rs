//! `extract --format csv`: one row per task, the columns of
//! [`rows::COLUMNS`](super::rows::COLUMNS), written with the `csv` crate
//! (RFC 4180 quoting, `\n` after each record).

use super::rows::{COLUMNS, task_rows};
use crate::model::Plan;

/// How to write the CSV.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark, so that spreadsheet programs
    /// (Excel) read the Vietnamese text as UTF-8.
    pub excel: bool,
}

/// The task table of `plan` as CSV: a header row, then one row per task.
pub fn render(plan: &Plan, options: CsvOptions) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail, and every record has COLUMNS.len() cells.
    let _ = writer.write_record(COLUMNS);
    for row in task_rows(plan) {
        let _ = writer.write_record(row.cells());
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut out = String::with_capacity(bytes.len() + 3);
    if options.excel {
        out.push('\u{FEFF}');
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}
