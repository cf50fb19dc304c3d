//! Per-stage throughput of the pipeline (decode, normalize, parse, extract,
//! check, and all of them), in bytes per second, on the sample plan and on a
//! large plan built here from the sample's task table (many groups, many
//! rows each).
//!
//! Run: `cargo bench --bench pipeline`; CI only builds it
//! (`cargo bench --no-run`).

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::check::{CheckOptions, check};
use kehoach::{Options, analyze, ingest, normalize, parse};
use std::hint::black_box;

const SAMPLE: &str = include_str!("../seeds/000_b020f26e05120408.txt");

/// Roman numeral for 1..=39 (what the task-table reader takes as a group).
fn roman(n: usize) -> String {
    let tens = "X".repeat(n / 10);
    let ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10];
    format!("{tens}{ones}")
}

/// The sample with its task table grown to `groups` groups of `rows` task
/// rows each, taken in turn from the sample's rows and renumbered.
fn large_plan(groups: usize, rows: usize) -> String {
    let lines: Vec<&str> = SAMPLE.split_inclusive('\n').collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("Số TT\t"))
        .expect("the sample has a task table");
    let tasks: Vec<&str> = lines[header + 1..]
        .iter()
        .filter_map(|l| {
            let (num, rest) = l.split_once('\t')?;
            (num.is_empty() || num.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
        })
        .filter(|rest| !rest.trim().is_empty())
        .collect();
    let mut out: String = lines[..=header].concat();
    let mut k = 0;
    for g in 1..=groups {
        out.push_str(&format!("{}\tNhóm nhiệm vụ số {g}\t\t\t\n", roman(g)));
        for r in 1..=rows {
            let rest = tasks[k % tasks.len()];
            k += 1;
            out.push_str(&format!("{r}\t{}", rest.trim_end_matches('\n')));
            out.push('\n');
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let large = large_plan(30, 200);
    for (name, text, samples) in [("sample", SAMPLE.to_string(), 50), ("large", large, 10)] {
        let bytes = text.as_bytes();
        let mut group = c.benchmark_group(format!("pipeline/{name}"));
        group.sample_size(samples);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let source = ingest::decode(name, bytes).unwrap();
        let normalized = normalize::normalize(&source.text);
        let doc = parse::parse(&normalized.text);
        let analysis = analyze(bytes, &Options::default()).unwrap();
        let id = |stage: &str| BenchmarkId::new(stage, bytes.len());
        group.bench_function(id("decode"), |b| {
            b.iter(|| ingest::decode(name, black_box(bytes)).unwrap())
        });
        group.bench_function(id("normalize"), |b| {
            b.iter(|| normalize::normalize(black_box(&source.text)))
        });
        group.bench_function(id("parse"), |b| {
            b.iter(|| parse::parse(black_box(&normalized.text)).lines.len())
        });
        group.bench_function(id("extract"), |b| {
            b.iter(|| kehoach::extract::extract(&source, &normalized, black_box(&doc)))
        });
        group.bench_function(id("check"), |b| {
            b.iter(|| check(black_box(&analysis), &CheckOptions::default()))
        });
        group.bench_function(id("all"), |b| {
            b.iter(|| {
                let a = analyze(black_box(bytes), &Options::default()).unwrap();
                check(&a, &CheckOptions::default()).len()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
