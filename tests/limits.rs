//! The documented limits: each refused with its own error past it, and
//! accepted up to it.

use kehoach::limits::{
    self, Limit, MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_OUTLINE_DEPTH, MAX_ROW_CELLS, MAX_TABLE_ROWS,
};
use kehoach::{Error, Options, analyze};

fn limit_of(result: Result<kehoach::Analysis, Error>) -> (Limit, u64, Option<usize>, String) {
    match result {
        Err(e @ Error::LimitExceeded { .. }) => {
            let message = e.to_string();
            let Error::LimitExceeded { limit, found, line } = e else {
                unreachable!()
            };
            (limit, found, line, message)
        }
        Err(e) => panic!("expected a limit error, got: {e}"),
        Ok(_) => panic!("expected a limit error, got a plan"),
    }
}

#[test]
fn input_larger_than_the_limit_is_refused_before_decoding() {
    // Zeroed memory is not touched until written: this costs no time.
    let bytes = vec![0u8; (MAX_INPUT_BYTES + 1) as usize];
    let (limit, found, line, message) = limit_of(analyze(&bytes, &Options::default()));
    assert_eq!(limit, Limit::InputBytes);
    assert_eq!(found, MAX_INPUT_BYTES + 1);
    assert_eq!(line, None);
    assert!(message.starts_with("input is too large"), "{message}");
    assert!(message.contains("512 MiB"), "{message}");
}

#[test]
fn a_line_longer_than_the_limit_is_refused_with_its_line_number() {
    let mut text = String::from("KẾ HOẠCH\r\n\r\nI. NỘI DUNG\n");
    text.push_str(&"a".repeat(MAX_LINE_BYTES + 1));
    text.push('\n');
    let (limit, found, line, message) = limit_of(analyze(text.as_bytes(), &Options::default()));
    assert_eq!(limit, Limit::LineBytes);
    assert_eq!(found, (MAX_LINE_BYTES + 1) as u64);
    assert_eq!(line, Some(4));
    assert!(message.contains("line too long"), "{message}");
    assert!(message.contains("at line 4"), "{message}");
    // Up to the limit is fine.
    assert!(limits::check_lines(&"a".repeat(MAX_LINE_BYTES)).is_ok());
}

#[test]
fn a_row_wider_than_the_limit_is_refused() {
    let wide = vec!["x"; MAX_ROW_CELLS + 1].join("\t");
    let text = format!("KẾ HOẠCH\n\nTT\tNội dung\tChủ trì\n{wide}\n");
    let (limit, found, line, message) = limit_of(analyze(text.as_bytes(), &Options::default()));
    assert_eq!(limit, Limit::RowCells);
    assert_eq!(found, (MAX_ROW_CELLS + 1) as u64);
    assert_eq!(line, Some(4));
    assert!(message.contains("row too wide"), "{message}");
    let ok = vec!["x"; MAX_ROW_CELLS].join("\t");
    assert!(limits::check_lines(&ok).is_ok());
    // Empty cells: a line of tabs only, just under and just over the limit
    // (the check counts tabs only on lines at least as long as the limit).
    assert!(limits::check_lines(&"\t".repeat(MAX_ROW_CELLS - 1)).is_ok());
    let Err(Error::LimitExceeded { limit, found, .. }) =
        limits::check_lines(&format!("a\n{}", "\t".repeat(MAX_ROW_CELLS)))
    else {
        panic!("a row of {} empty cells passed", MAX_ROW_CELLS + 1);
    };
    assert_eq!(
        (limit, found),
        (Limit::RowCells, (MAX_ROW_CELLS + 1) as u64)
    );
}

#[test]
fn a_table_longer_than_the_limit_is_refused() {
    let mut text = String::with_capacity((MAX_TABLE_ROWS + 10) * 8);
    text.push_str("KẾ HOẠCH\n\nTT\tNội dung\tChủ trì\n");
    for _ in 0..=MAX_TABLE_ROWS {
        text.push_str("1\ta\tb\n");
    }
    let (limit, found, line, message) = limit_of(analyze(text.as_bytes(), &Options::default()));
    assert_eq!(limit, Limit::TableRows);
    assert!(found > MAX_TABLE_ROWS as u64);
    assert_eq!(line, Some(3), "the table's first line (its header)");
    assert!(message.contains("more than 1000000 rows"), "{message}");
}

#[test]
fn the_cli_exits_2_with_one_line_past_a_limit() {
    let dir = std::env::temp_dir().join(format!("kehoach-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("long-line.txt");
    std::fs::write(&path, "a".repeat(MAX_LINE_BYTES + 1)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", &path.display().to_string()])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("line too long to be a plan"), "{err}");
}

#[test]
fn an_outline_nested_deeper_than_the_limit_is_refused() {
    // "1.", "1.1.", "1.1.1.", … each one level deeper than the one before.
    let depth = |n: usize| {
        let mut text = String::from("KẾ HOẠCH\n\n");
        for d in 1..=n {
            text.push_str(&vec!["1"; d].join("."));
            text.push_str(". Nội dung\n");
        }
        text
    };
    // Level 1 is the Roman numerals; "1." is level 2, so depth d needs d-1 numbers.
    let (limit, found, line, message) = limit_of(analyze(
        depth(MAX_OUTLINE_DEPTH + 1).as_bytes(),
        &Options::default(),
    ));
    assert_eq!(limit, Limit::OutlineDepth);
    assert_eq!(found, (MAX_OUTLINE_DEPTH + 1) as u64);
    assert_eq!(line, Some(MAX_OUTLINE_DEPTH + 3));
    assert!(
        message.contains("nests its outline too deeply"),
        "{message}"
    );
    let plan = analyze(depth(MAX_OUTLINE_DEPTH).as_bytes(), &Options::default()).unwrap();
    let mut deepest = 0;
    let mut level = &plan.plan.sections;
    while let Some(s) = level.first() {
        deepest += 1;
        level = &s.children;
    }
    assert_eq!(deepest, MAX_OUTLINE_DEPTH);
}
