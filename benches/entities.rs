//! Entity-recognition throughput on the bulk corpus (as `benches/figures.rs`: the
//! JSON Lines of `../shared/corpus/bulk/`, or `FIGURES_BENCH_INPUT`), on one core. spaCy's
//! `en_core_web_sm` reads 0.026 MB/s of news text (`../shared/gold/README.md`). A
//! benchmark, not a test: ignored unless asked for, asserting nothing about speed.
//!
//! ```text
//! cargo test --release --bench entities -- --ignored --nocapture
//! ```

mod common;

use crosscheck::entity::recognise;

#[test]
#[ignore = "benchmark: cargo test --release --bench entities -- --ignored --nocapture"]
fn throughput() {
    let texts = common::texts(&common::inputs());
    if texts.is_empty() {
        eprintln!("entities bench: no input found; skipped");
        return;
    }
    common::measure("entities", "mentions", &texts, |t| recognise(t).len());
}
