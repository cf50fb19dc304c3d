//! Every span in the output lies inside the source, on character boundaries,
//! with the line and column of its start.

use crate::common::{SAMPLE, read};
use serde_json::Value;

/// Collects every object that looks like a span, with its JSON path.
fn spans<'v>(v: &'v Value, path: String, out: &mut Vec<(String, &'v Value)>) {
    match v {
        Value::Object(map) => {
            if ["start", "end", "line", "column"]
                .iter()
                .all(|k| map.contains_key(*k))
            {
                out.push((path.clone(), v));
            }
            for (k, child) in map {
                spans(child, format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                spans(child, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Checks every span of `rel`'s extraction against its source text.
pub fn check_spans(rel: &str) -> usize {
    let bytes = read(rel);
    let analysis =
        kehoach::analyze(&bytes, &kehoach::Options::default()).expect("the fixture is analyzed");
    let src = &analysis.source.text;
    let json = serde_json::to_value(&analysis.plan).expect("the plan serializes");
    let mut found = Vec::new();
    spans(&json, String::new(), &mut found);
    for (path, s) in &found {
        let get = |k: &str| s[k].as_u64().expect("span fields are numbers") as usize;
        let (start, end, line, column) = (get("start"), get("end"), get("line"), get("column"));
        assert!(
            start <= end && end <= src.len(),
            "{rel}{path}: {start}..{end} outside 0..{}",
            src.len()
        );
        assert!(
            src.is_char_boundary(start) && src.is_char_boundary(end),
            "{rel}{path}: not on char boundaries"
        );
        let before = &src[..start];
        let want_line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let want_col = src[line_start..start].chars().count() + 1;
        assert_eq!((line, column), (want_line, want_col), "{rel}{path}");
        assert!(
            !src[start..end].contains('\n')
                || path.contains("caption")
                || path.contains("signature")
                || path.contains("table"),
            "{rel}{path}: a single-line record spans lines"
        );
    }
    found.len()
}

#[test]
fn sample_spans_are_inside_the_source_and_on_the_right_line() {
    let n = check_spans(SAMPLE);
    assert!(n > 100, "the sample yields many spans, got {n}");
}

#[test]
fn unit_and_timeframe_spans_slice_to_their_text() {
    let bytes = read(SAMPLE);
    let src = std::str::from_utf8(&bytes).unwrap();
    let plan = kehoach::extract(&bytes, &kehoach::Options::default()).unwrap();
    for task in plan.groups.iter().flat_map(|g| &g.tasks) {
        for unit in task.lead.iter().chain(&task.coordinating) {
            assert_eq!(
                &src[unit.span.start..unit.span.end],
                unit.name,
                "{}",
                task.id
            );
        }
        let tf = task
            .timeframe
            .span
            .expect("every sample task has a timeframe cell");
        assert_eq!(&src[tf.start..tf.end], task.timeframe.text);
        assert!(src[task.span.start..task.span.end].contains(&task.content));
    }
    for r in &plan.references {
        assert_eq!(&src[r.span.start..r.span.end], r.text);
    }
}
