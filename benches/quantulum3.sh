#!/usr/bin/env bash
# Speed of crosscheck's figure reader against quantulum3 (a Python quantity extractor)
# on the same sample of the bulk corpus, measured in one run.
#
#   bash benches/quantulum3.sh [SAMPLE_BYTES]      (default 200000)
#
# Installs quantulum3 from PyPI into a virtual environment under target/ (once).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BULK=${BULK:-$ROOT/../shared/corpus/bulk}
SAMPLE_BYTES=${1:-200000}
VENV=$ROOT/target/quantulum3-venv
SAMPLE=$ROOT/target/quantulum3-sample.jsonl

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet quantulum3
fi

# The same articles for both: every 40th bulk article until SAMPLE_BYTES of text.
python3 - "$BULK" "$SAMPLE" "$SAMPLE_BYTES" <<'PY'
import glob, json, sys
bulk, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
total, n = 0, 0
with open(out, "w") as f:
    for path in sorted(glob.glob(bulk + "/*.jsonl")):
        for i, line in enumerate(open(path)):
            if i % 40:
                continue
            text = json.loads(line)["text"]
            f.write(json.dumps({"text": text}) + "\n")
            total += len(text.encode()); n += 1
            if total >= limit:
                break
        if total >= limit:
            break
print(f"sample: {n} articles, {total} bytes", file=sys.stderr)
PY

Q=$("$VENV/bin/python" - "$SAMPLE" <<'PY' 2>/dev/null
import json, sys, time, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
parser.parse("warm up with 3 km")
t0 = time.process_time()
n = sum(len(parser.parse(t)) for t in texts)
dt = time.process_time() - t0
mb = sum(len(t.encode()) for t in texts) / 1e6
print(f"{mb / dt:.4f} {n} {dt:.2f}")
PY
)
read -r Q_MBS Q_N Q_SECS <<<"$Q"
echo "quantulum3: $Q_N quantities in ${Q_SECS}s cpu = $Q_MBS MB/s"

OURS=$(cd "$ROOT" && FIGURES_BENCH_INPUT=$SAMPLE cargo test --release --quiet --bench figures -- --ignored --nocapture 2>/dev/null | grep 'one core' || true)
if [ -z "$OURS" ]; then
  OURS=$(cd "$ROOT" && FIGURES_BENCH_INPUT=$SAMPLE cargo test --release --quiet --bench figures -- --ignored --nocapture 2>/dev/null | grep 'wall')
  C_MBS=$(sed -E 's/.* = ([0-9.]+) MB\/s,.*/\1/' <<<"$OURS")
else
  C_MBS=$(sed -E 's/.* = ([0-9.]+) MB\/s \(one core\).*/\1/' <<<"$OURS")
fi
echo "crosscheck: $OURS"
python3 -c "print(f'speed ratio crosscheck / quantulum3: {float(\"$C_MBS\") / float(\"$Q_MBS\"):.0f}x')"
