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
    // Enough rounds for about 100 MB in all, so that CPU time (counted in ticks of
    // 10 ms) is measured well even on a small sample.
    let rounds = (100_000_000 / bytes.max(1)).clamp(3, 1000);
    let mut best_wall = f64::INFINITY;
    let cpu0 = cpu_seconds();
    for _ in 0..rounds {
        figures = 0;
        let t0 = Instant::now();
        for t in &texts {
            figures += extract(t, &options).len();
        }
        best_wall = best_wall.min(t0.elapsed().as_secs_f64());
    }
    let cpu_per_round = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => (b - a) / rounds as f64,
        _ => f64::INFINITY,
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "figures bench: {} texts, {:.2} MB, {} figures; best of {rounds}: wall {:.4}s = {:.1} MB/s, {:.0} figures/s",
        texts.len(),
        mb,
        figures,
        best_wall,
        mb / best_wall,
        figures as f64 / best_wall
    );
    if cpu_per_round.is_finite() {
        println!(
            "figures bench: cpu {:.4}s per round (mean of {rounds}) = {:.1} MB/s (one core)",
            cpu_per_round,
            mb / cpu_per_round
        );
    }
}
