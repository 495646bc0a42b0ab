#!/usr/bin/env bash
# Helix test of the shipped editors/helix/languages.toml.
#
#   editors/tests/helix/test.sh HX WORKSPACE OUTDIR
#
# HX runs Helix; `crosscheck` must be on PATH. 1) `hx --health markdown` and `text` must
# report crosscheck found (hx exits 0 either way, so the output is read). 2) In a tmux
# session, Helix opens draft.md of WORKSPACE; the screen must show crosscheck's
# figure-conflict message, and Space k on the lone surname "Ortega" a card naming
# "Maria Ortega"; then harbor-wire.txt (the `text` language) must show its diagnostic.
# Screens and Helix's log are saved in OUTDIR.
set -euo pipefail
export LC_ALL=C.UTF-8  # Helix prints ✓/✘ and draws with UTF-8; CI may have no locale set
HX=$1
WS=$2
OUTDIR=$3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EDITORS=$(cd "$HERE/../.." && pwd)
ARTICLE=${CC_ARTICLE:-draft.md}
CONFLICT_TEXT=${CC_CONFLICT_TEXT:-2.5 hours}
FULL_NAME=${CC_FULL_NAME:-Maria Ortega}
TEXT_ARTICLE=${CC_TEXT_ARTICLE:-harbor-wire.txt}
TEXT_CONFLICT=${CC_TEXT_CONFLICT:-2.5 hours here}
TIMEOUT=${CC_TIMEOUT_S:-30}

say() { printf '[helix] %s\n' "$*"; }
fail() { printf '[helix] FAIL: %s\n' "$*"; exit 1; }

mkdir -p "$OUTDIR"
CONF=$(mktemp -d)
SOCK=$CONF/tmux.sock
SESSION=crosscheck-helix-$$
cleanup() {
  tmux -S "$SOCK" kill-server >/dev/null 2>&1 || true
  rm -rf "$CONF"
}
trap cleanup EXIT
mkdir -p "$CONF/helix"
cp "$EDITORS/helix/languages.toml" "$CONF/helix/languages.toml"

# 1) health: the shipped languages.toml, parsed by Helix, finds crosscheck.
for lang in markdown text; do
  health=$(XDG_CONFIG_HOME=$CONF NO_COLOR=1 "$HX" --health "$lang" 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
  printf '%s\n' "$health" >"$OUTDIR/helix-health-$lang.txt"
  line=$(printf '%s\n' "$health" | grep -F ' crosscheck: ' || true)
  say "health $lang: ${line:-<no crosscheck line>}"
  case $line in
    *✓\ crosscheck:*) ;;
    *) printf '%s\n' "$health"; fail "hx --health $lang does not report crosscheck found" ;;
  esac
done

# 2) a real session in tmux.
# Send keys one batch at a time, with a pause (an Escape followed at once by a key would
# read as Alt+key).
keys() { tmux -S "$SOCK" send-keys -t "$SESSION" "$@"; sleep 0.3; }
screen() { tmux -S "$SOCK" capture-pane -p -t "$SESSION" -S 0 -E -; }
wait_screen() { # wait_screen TEXT: until TEXT is on screen, or fail
  local i
  for ((i = 0; i < TIMEOUT * 5; i++)); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.2
  done
  return 1
}
LOG=$OUTDIR/helix.log
rm -f "$LOG"
tmux -S "$SOCK" -f /dev/null new-session -d -s "$SESSION" -x 160 -y 40 -c "$WS" \
  "env XDG_CONFIG_HOME='$CONF' PATH='$PATH' '$HX' -vv --log '$LOG' '$ARTICLE'"
# The message is shown inline once the cursor is on the diagnostic's line: wait for the
# server, then go to the first diagnostic (]d).
ok=
for ((i = 0; i < TIMEOUT * 2; i++)); do
  sleep 0.5
  if [ -f "$LOG" ] && grep -q 'publishDiagnostics' "$LOG" && grep -q 'figure-conflict' "$LOG"; then ok=1; break; fi
done
screen >"$OUTDIR/helix-screen-opened.txt" || true
[ -n "$ok" ] || { cat "$OUTDIR/helix-screen-opened.txt"; fail "no figure-conflict diagnostic in Helix's LSP log within ${TIMEOUT}s (log: $LOG)"; }
keys g g
keys ']' d
if ! wait_screen "$CONFLICT_TEXT"; then
  screen >"$OUTDIR/helix-screen-diagnostic.txt"
  cat "$OUTDIR/helix-screen-diagnostic.txt"
  fail "the figure-conflict message (\"$CONFLICT_TEXT\") is not on screen"
fi
screen >"$OUTDIR/helix-screen-diagnostic.txt"
say "screen with the diagnostic:"
grep -v "^\s*$" "$OUTDIR/helix-screen-diagnostic.txt" | sed 's/^/[helix]   | /'

# Hover: search the surname standing alone at a line start ("Ortega told"), then Space k.
keys Escape
keys g g
keys /
keys -l '^Ortega'
keys Enter
screen >"$OUTDIR/helix-screen-before-hover.txt"
keys Space k
card=
for ((i = 0; i < TIMEOUT * 5; i++)); do
  sleep 0.2
  screen >"$OUTDIR/helix-screen-hover.txt"
  # The article itself names the person: look for the name on lines the card added.
  card=$(diff "$OUTDIR/helix-screen-before-hover.txt" "$OUTDIR/helix-screen-hover.txt" | grep '^>' | grep -F -- "$FULL_NAME" || true)
  [ -n "$card" ] && break
done
if [ -z "$card" ]; then
  cat "$OUTDIR/helix-screen-hover.txt"
  fail "no hover card with \"$FULL_NAME\" appeared after Space k on the lone surname"
fi
say "screen with the hover card:"
grep -v "^\s*$" "$OUTDIR/helix-screen-hover.txt" | sed "s/^/[helix]   | /"
# A .txt article: the `text` language of the shipped languages.toml starts crosscheck too.
keys Escape
keys ':'
keys -l "open $TEXT_ARTICLE"
keys Enter
keys g g
keys ']' d
if ! wait_screen "$TEXT_CONFLICT"; then
  screen >"$OUTDIR/helix-screen-text.txt"
  cat "$OUTDIR/helix-screen-text.txt"
  fail "no figure-conflict message (\"$TEXT_CONFLICT\") on screen for $TEXT_ARTICLE"
fi
screen >"$OUTDIR/helix-screen-text.txt"
say "screen with $TEXT_ARTICLE:"
grep -v "^\s*$" "$OUTDIR/helix-screen-text.txt" | sed "s/^/[helix]   | /"
keys Escape
keys ':'
keys -l 'qa!'
keys Enter
say "PASS: health, diagnostic on screen (markdown and text), hover card with \"$FULL_NAME\""
