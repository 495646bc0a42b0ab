#!/usr/bin/env bash
# Soak test (issue 8): random edits over the bulk corpus against the release server.
#
#     benches/soak.sh [SECONDS]        (default 1800: 30 minutes; e.g. 120 for a quick run)
#
# Builds the release binary, writes the bulk corpus (../shared/corpus/bulk/*.jsonl,
# read at run time, never committed) once as a folder of "title\n\ntext" .txt files
# (one sub-folder per source), copies it to a scratch folder (the soak edits and
# saves files), then runs benches/soak.py: open/edit/save/close, files rewritten on
# disk, and hover/references/symbol/code-action requests, for SECONDS. It stops by
# itself (a hard limit of SECONDS + 15 min kills a hung run), then prints requests
# served, errors, timeouts and the server's RSS at start and end (and every minute).
# Exit status 0 only with no errors, no timeouts and a clean shutdown.
#
# Knobs: CORPUS=../shared/corpus/bulk  CACHE=${XDG_CACHE_HOME:-~/.cache}/crosscheck-soak
#        LIMIT=N (only the first N articles)  SEED=8  SKIP_BUILD=1 (use target/release as is)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
corpus=${CORPUS:-../shared/corpus/bulk}
cache=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crosscheck-soak}
limit=${LIMIT:-0}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  cargo build --release --quiet
fi
server=$PWD/target/release/crosscheck

articles=$cache/articles-$limit
if [[ ! -f $articles/.done ]]; then
  echo "writing the corpus to $articles"
  rm -rf "$articles"
  mkdir -p "$articles"
  python3 - "$corpus" "$articles" "$limit" <<'EOF'
import json, os, re, sys
corpus, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = 0
for name in sorted(os.listdir(corpus)):
    if not name.endswith(".jsonl"):
        continue
    with open(os.path.join(corpus, name), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            folder = os.path.join(out, re.sub(r"[^A-Za-z0-9_.-]", "_", a["source"]))
            os.makedirs(folder, exist_ok=True)
            file = re.sub(r"[^A-Za-z0-9_.-]", "_", a["id"]) + ".txt"
            with open(os.path.join(folder, file), "w", encoding="utf-8") as g:
                g.write(a["title"] + "\n\n" + a["text"] + "\n")
            n += 1
            if limit and n >= limit:
                break
    if limit and n >= limit:
        break
print(f"{n} articles")
EOF
  touch "$articles/.done"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-soak.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -r "$articles" "$scratch/ws"
rm -f "$scratch/ws/.done"
echo "soak: $seconds s over $(find "$scratch/ws" -type f | wc -l) articles, server $server"
timeout --kill-after=30 $((seconds + 900)) \
  python3 benches/soak.py "$server" "$scratch/ws" "$seconds" "${SEED:-8}"
