//! Figure-extraction throughput on the bulk corpus (`../shared/corpus/bulk/*.jsonl`, or
//! the JSON Lines file named by `FIGURES_BENCH_INPUT`, one `{"text": …}` per line), on
//! one core: MB/s of text and figures per second, wall clock and CPU time. A benchmark,
//! not a test: it is ignored unless asked for, and asserts nothing about speed.
//!
//! ```text
//! cargo test --release --bench figures -- --ignored --nocapture
//! ```
//! `benches/quantulum3.sh` runs it next to quantulum3 on the same sample.

use crosscheck::figure::{extract, Options};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn inputs() -> Vec<PathBuf> {
    if let Some(file) = std::env::var_os("FIGURES_BENCH_INPUT") {
        return vec![PathBuf::from(file)];
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bulk");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "jsonl"));
    files.sort();
    files
}

fn texts(files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let Ok(body) = std::fs::read_to_string(f) else {
            continue;
        };
        for line in body.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

/// This thread's CPU time in seconds, where Linux reports it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[test]
#[ignore = "benchmark: cargo test --release --bench figures -- --ignored --nocapture"]
fn throughput() {
    let files = inputs();
    let texts = texts(&files);
    if texts.is_empty() {
        eprintln!("figures bench: no input found; skipped");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = Options::default();
    // Warm up once (page cache, allocator, the word table).
    let mut figures = 0usize;
    for t in texts.iter().take(200) {
        figures += extract(t, &options).len();
    }
    let rounds = if bytes > 10_000_000 { 3 } else { 20 };
    let (mut best_wall, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..rounds {
        figures = 0;
        let cpu0 = cpu_seconds();
        let t0 = Instant::now();
        for t in &texts {
            figures += extract(t, &options).len();
        }
        best_wall = best_wall.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
            best_cpu = best_cpu.min((b - a).max(0.01));
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "figures bench: {} texts, {:.1} MB, {} figures; best of {rounds}: wall {:.3}s = {:.1} MB/s, {:.0} figures/s",
        texts.len(),
        mb,
        figures,
        best_wall,
        mb / best_wall,
        figures as f64 / best_wall
    );
    if best_cpu.is_finite() {
        println!(
            "figures bench: cpu {:.2}s = {:.1} MB/s (one core)",
            best_cpu,
            mb / best_cpu
        );
    }
}
