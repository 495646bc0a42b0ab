//! Figure-extraction throughput on the bulk corpus (`../shared/corpus/bulk/*.jsonl`, or
//! the JSON Lines file named by `FIGURES_BENCH_INPUT`, one `{"text": …}` per line), on
//! one core: MB/s of text and figures per second, wall clock and CPU time. A benchmark,
//! not a test: it is ignored unless asked for, and asserts nothing about speed.
//!
//! ```text
//! cargo test --release --bench figures -- --ignored --nocapture
//! ```
//! `benches/quantulum3.sh` runs it next to quantulum3 on the same sample.

mod common;

use crosscheck::figure::{extract, Options};

#[test]
#[ignore = "benchmark: cargo test --release --bench figures -- --ignored --nocapture"]
fn throughput() {
    let texts = common::texts(&common::inputs());
    if texts.is_empty() {
        eprintln!("figures bench: no input found; skipped");
        return;
    }
    let options = Options::default();
    common::measure("figures", "figures", &texts, |t| extract(t, &options).len());
}
