#!/usr/bin/env bash
# The speed and scale benchmarks (issue 7, SPEC §9) in one command:
#
#     benches/run.sh                 # everything: 1k, 10k and all 31,458 articles
#     QUICK=1 benches/run.sh         # smoke run (< 2 min): 1k articles, few edits
#
# It builds the release binary and the driver (benches/lsp_bench.rs), writes the bulk
# corpus once as folders of "title\n\ntext" .txt files under the cache directory,
# then measures, for each size: the server's cold index (initialized → end of the
# work-done progress and of the first publish round, peak RSS), `crosscheck check`
# (wall time, peak RSS), edit → publishDiagnostics of a ~2,000-word article
# (median/p95/p99 over EDITS edits), re-publication of the other articles, hover
# and references latency; memory over MEM_EDITS edits; and harper-ls on the same
# article and edits when it is installed (`cargo install harper-ls`).
#
# Knobs (environment):
#   SIZES=1000,10000,all   workspace sizes       EDITS=200       edits per size
#   HOVERS=200             hover/references each MEM_EDITS=10000 edits for the memory run
#   MEM_SIZE=1000          size of the memory run (a folder of SIZES)
#   CORPUS=../shared/corpus/bulk   CACHE=${XDG_CACHE_HOME:-~/.cache}/crosscheck-bench
#   PROFILE=1              also record `perf` profiles (CLI on the largest size, edits)
#   HARPER=path            harper-ls binary (default: found on PATH or ~/.cargo/bin)
#   TIMEOUT=900            seconds any one cold index or check may take
# Results: one JSON line per measurement in target/bench/results-DATE.jsonl, and a
# Markdown table printed at the end (docs/PERFORMANCE.md quotes it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [[ -n "${QUICK:-}" ]]; then
  SIZES=${SIZES:-1000}
  EDITS=${EDITS:-40}
  HOVERS=${HOVERS:-40}
  MEM_EDITS=${MEM_EDITS:-400}
fi
SIZES=${SIZES:-1000,10000,all}
EDITS=${EDITS:-200}
HOVERS=${HOVERS:-200}
MEM_EDITS=${MEM_EDITS:-10000}
MEM_SIZE=${MEM_SIZE:-1000}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/bulk}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crosscheck-bench}
TIMEOUT=${TIMEOUT:-900}

echo "== building (release)" >&2
cargo build --release --bin crosscheck >&2
cargo bench --bench lsp_bench --no-run >&2
BIN=$ROOT/target/release/crosscheck
drive() { cargo bench --quiet --bench lsp_bench -- "$@"; }

echo "== corpus → $CACHE/corpus" >&2
DIRS=$(drive materialise --corpus "$CORPUS" --out "$CACHE/corpus" --sizes "$SIZES")
mapfile -t DIRS <<<"$DIRS"

mkdir -p target/bench
OUT=target/bench/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl
{
  echo "{\"bench\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\",\"mem\":\"$(free -h | awk '/^Mem/{print $2}')\",\"date\":\"$(date -u +%FT%TZ)\",\"commit\":\"$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +dirty)\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
} >"$OUT"

for dir in "${DIRS[@]}"; do
  n=$(basename "$dir")
  echo "== $n: crosscheck check" >&2
  drive cli --bin "$BIN" --dir "$dir" --timeout "$TIMEOUT" | tee -a "$OUT" >&2
  echo "== $n: server cold index, edits, hover, references" >&2
  drive edits --bin "$BIN" --dir "$dir" --edits "$EDITS" --hovers "$HOVERS" \
    --cold-timeout "$TIMEOUT" | tee -a "$OUT" >&2
done

MEM_DIR=$CACHE/corpus/n$MEM_SIZE
if [[ "$MEM_SIZE" == all ]]; then MEM_DIR=${DIRS[-1]}; fi
if [[ "$MEM_EDITS" -gt 0 && -d "$MEM_DIR" ]]; then
  echo "== memory over $MEM_EDITS edits ($(basename "$MEM_DIR"))" >&2
  drive edits --bin "$BIN" --dir "$MEM_DIR" --edits 8 --hovers 0 --mem-edits "$MEM_EDITS" \
    --cold-timeout "$TIMEOUT" | grep -E '"bench":"(memory|server-peak)"' | tee -a "$OUT" >&2
fi

HARPER=${HARPER:-$(command -v harper-ls || echo "$HOME/.cargo/bin/harper-ls")}
if [[ -x "$HARPER" ]]; then
  echo "== harper-ls on the same article and edits" >&2
  drive harper --bin "$HARPER" --crosscheck "$BIN" --dir "${DIRS[0]}" --edits "$EDITS" |
    tee -a "$OUT" >&2
else
  echo "== harper-ls not installed (cargo install harper-ls): skipped" >&2
fi

if [[ -n "${PROFILE:-}" ]] && command -v perf >/dev/null; then
  big=${DIRS[-1]}
  echo "== perf: crosscheck check on $(basename "$big")" >&2
  perf record -F 999 -g -o target/bench/perf-check.data -- \
    "$BIN" check "$big" --format json >/dev/null 2>&1 || true
  perf report -i target/bench/perf-check.data --no-children --percent-limit 1.5 \
    --stdio --sort symbol 2>/dev/null | grep -v '^$' | head -60 >target/bench/perf-check.txt || true
  echo "== perf: server during edits on $(basename "$big")" >&2
  drive edits --bin "$BIN" --dir "$big" --edits "$EDITS" --hovers 0 \
    --perf target/bench/perf-edits.data --cold-timeout "$TIMEOUT" >/dev/null || true
  perf report -i target/bench/perf-edits.data --no-children --percent-limit 1.5 \
    --stdio --sort symbol 2>/dev/null | grep -v '^$' | head -60 >target/bench/perf-edits.txt || true
  echo "profiles: target/bench/perf-check.txt, target/bench/perf-edits.txt" >&2
fi

echo "== results: $OUT" >&2
drive summary "$OUT"
