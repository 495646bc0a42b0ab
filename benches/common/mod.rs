//! What the one-core throughput benchmarks share: the bulk corpus as texts, the
//! thread's CPU time, and the measuring loop.

use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn inputs() -> Vec<PathBuf> {
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

pub fn texts(files: &[PathBuf]) -> Vec<String> {
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
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Runs `work` over every text for enough rounds to read about 100 MB, and prints the
/// best wall time and the mean CPU time per round as MB/s, with `work`'s item count
/// (figures, mentions) per second. `name` heads each line.
pub fn measure(name: &str, items: &str, texts: &[String], work: impl Fn(&str) -> usize) {
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm up once (page cache, allocator, word tables).
    for t in texts.iter().take(200) {
        work(t);
    }
    // CPU time is counted in ticks of 10 ms: enough rounds to measure it well.
    let rounds = (100_000_000 / bytes.max(1)).clamp(3, 1000);
    let mut best_wall = f64::INFINITY;
    let mut count = 0usize;
    let cpu0 = cpu_seconds();
    for _ in 0..rounds {
        let t0 = Instant::now();
        count = texts.iter().map(|t| work(t)).sum();
        best_wall = best_wall.min(t0.elapsed().as_secs_f64());
    }
    let cpu_per_round = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => (b - a) / rounds as f64,
        _ => f64::INFINITY,
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "{name} bench: {} texts, {mb:.2} MB, {count} {items}; best of {rounds}: wall {best_wall:.4}s = {:.1} MB/s, {:.0} {items}/s",
        texts.len(),
        mb / best_wall,
        count as f64 / best_wall
    );
    if cpu_per_round.is_finite() {
        println!(
            "{name} bench: cpu {cpu_per_round:.4}s per round (mean of {rounds}) = {:.1} MB/s (one core)",
            mb / cpu_per_round
        );
    }
}
