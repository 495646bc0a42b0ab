#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: first replays the committed regression
# inputs (fuzz/regressions/<target>/), then fuzzes for SECONDS from the seeds
# (fuzz/seeds/) and a local corpus (fuzz/corpus/<target>/, not committed).
#
#   bash fuzz/run.sh SECONDS [TARGET…]      (default: every target; CI: 20)
#
# Works on stable Rust: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags, and
# `-s none` skips the sanitizers (see fuzz/README.md). Installs cargo-fuzz if absent.
# Exits non-zero on the first crash; libFuzzer leaves the input in
# fuzz/artifacts/<target>/ — copy it to fuzz/regressions/<target>/ once fixed.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(figure entity prose edits)
fi
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fuzz=(cargo fuzz run --sanitizer none --release --debug-assertions)

for t in "${targets[@]}"; do
  echo "=== fuzz $t (${seconds}s)"
  mkdir -p "corpus/$t"
  if [ -d "regressions/$t" ] && [ -n "$(ls -A "regressions/$t")" ]; then
    "${fuzz[@]}" "$t" "regressions/$t" -- -runs=0
  fi
  seeds=()
  if [ "$t" != edits ]; then
    seeds=(seeds/text)
  fi
  log="corpus/$t.log"
  status=0
  "${fuzz[@]}" "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|Done [0-9]+ runs)' "$log" || true
  if [ $status -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz $t: crash (exit $status), input in fuzz/artifacts/$t/"
    exit 1
  fi
done
