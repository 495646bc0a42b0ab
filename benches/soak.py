#!/usr/bin/env python3
"""Soak driver for `crosscheck lsp` (issue 8): random edits over the bulk corpus.

Runs the given server binary on a folder of articles, waits for indexing, then until
the time is up: opens articles (keeping a bounded set open), types random edits into
them (insertions of figures and names, deletions, line breaks, emoji, edits at and
past line ends), saves some, rewrites unopened files on disk with
workspace/didChangeWatchedFiles, and sends hover, references, document-symbol and
code-action requests, each awaited before the next edit. Every 60 s it prints the
server's RSS. It stops by itself, shuts the server down, and prints one summary line
of JSON: requests served, errors, timeouts, diagnostics received, RSS at start and end.

Standard library only. Usage: soak.py SERVER FOLDER SECONDS [SEED]
"""

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import queue

LINE_BREAK = re.compile(r"\r\n|\r|\n")
INSERTS = [
    "The talks lasted {n} hours. ",
    "About {n},000 people attended, officials said. ",
    "It cost ${n} million. ",
    "Prices rose {n}% in the year. ",
    "Maria Ortega told reporters on {n} March. ",
    "more than {n} ",
    "\n\n",
    "\r\n",
    "😀 ",
    "é",
    " ",
    "{n}",
]


class Server:
    def __init__(self, binary, log):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=log)
        self.q = queue.Queue()
        self.next_id = 1
        self.publishes = 0
        self.logs = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.q.put(json.loads(out.read(length)))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def handle(self, m):
        """Answers the server's own requests; counts what it tells us."""
        if m.get("method") and "id" in m:
            self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
        elif m.get("method") == "textDocument/publishDiagnostics":
            self.publishes += 1
        elif m.get("method") == "window/logMessage":
            self.logs.append(m["params"]["message"])

    def request(self, method, params, timeout):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                return None
            try:
                m = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if m is None:
                raise SystemExit("server closed its output")
            if m.get("id") == rid and "method" not in m:
                return m
            self.handle(m)

    def drain(self):
        while True:
            try:
                m = self.q.get_nowait()
            except queue.Empty:
                return
            if m is None:
                raise SystemExit("server closed its output")
            self.handle(m)

    def rss_kb(self):
        try:
            with open(f"/proc/{self.p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return -1


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def position(text, index):
    """LSP position (UTF-16) of code-point index `index` in `text`."""
    before = text[:index]
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(before)]
    # A CR at the very end of `before` followed by LF is one break, not yet ended.
    if before.endswith("\r") and text[index:index + 1] == "\n":
        starts.pop()
    col = before[starts[-1]:]
    return {"line": len(starts) - 1,
            "character": sum(2 if ord(c) > 0xFFFF else 1 for c in col)}


def main():
    binary, folder, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 8)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs
                   if f.endswith((".txt", ".md")))
    log = open(os.path.join(os.path.dirname(os.path.abspath(folder)), "soak-server.log"), "wb")
    s = Server(binary, log)
    stats = {"articles": len(files), "requests": 0, "served": 0, "errors": 0,
             "timeouts": 0, "edits": 0, "opens": 0, "closes": 0, "saves": 0,
             "disk_writes": 0}
    t0 = time.time()
    r = s.request("initialize", {
        "processId": os.getpid(), "rootUri": uri(folder),
        "workspaceFolders": [{"uri": uri(folder), "name": "soak"}],
        "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                         "window": {"workDoneProgress": True},
                         "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
    }, 60)
    assert r and "result" in r, r
    s.notify("initialized", {})
    while not any(l.startswith("indexed ") for l in s.logs):
        m = s.q.get(timeout=900)
        if m is None:
            raise SystemExit("server closed its output while indexing")
        s.handle(m)
    stats["index_seconds"] = round(time.time() - t0, 2)
    # The first publish round (all cross-article results) follows: let it finish so
    # the starting RSS is that of a server at rest with the workspace loaded.
    quiet_until = time.time() + 3
    while time.time() < quiet_until:
        try:
            m = s.q.get(timeout=max(0.0, quiet_until - time.time()))
        except queue.Empty:
            break
        if m is None:
            raise SystemExit("server closed its output")
        s.handle(m)
        quiet_until = time.time() + 3
    stats["settled_seconds"] = round(time.time() - t0, 2)
    stats["rss_start_mb"] = round(s.rss_kb() / 1024, 1)
    print(f"indexed {len(files)} articles in {stats['index_seconds']} s, "
          f"RSS {stats['rss_start_mb']} MB", flush=True)

    open_docs = {}  # path -> [text, version]
    order = []
    start = time.time()
    next_report = start + 60
    rss_samples = [stats["rss_start_mb"]]

    def req(method, params):
        stats["requests"] += 1
        m = s.request(method, params, 60)
        if m is None:
            stats["timeouts"] += 1
            raise SystemExit(f"no answer to {method} within 60 s: the server hangs")
        stats["served"] += 1
        if "error" in m:
            stats["errors"] += 1
            print("error:", method, m["error"], flush=True)
        return m

    while time.time() - start < seconds:
        path = rng.choice(files)
        if path not in open_docs:
            try:
                text = open(path, encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            open_docs[path] = [text, 1]
            order.append(path)
            s.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri(path), "languageId": "plaintext", "version": 1, "text": text}})
            stats["opens"] += 1
            if len(order) > 20:
                old = order.pop(0)
                del open_docs[old]
                s.notify("textDocument/didClose", {"textDocument": {"uri": uri(old)}})
                stats["closes"] += 1
        doc = open_docs[path]
        for _ in range(rng.randint(1, 8)):
            text = doc[0]
            a = rng.randint(0, len(text))
            kind = rng.random()
            if kind < 0.55:
                b, new = a, rng.choice(INSERTS).format(n=rng.randint(1, 99))
            elif kind < 0.85:
                b, new = min(len(text), a + rng.randint(1, 40)), ""
            else:
                b, new = min(len(text), a + rng.randint(0, 10)), str(rng.randint(0, 9999))
            rng_ = {"start": position(text, a), "end": position(text, b)}
            if rng.random() < 0.03:  # past the end of its line: the server clamps
                rng_["end"] = {"line": rng_["end"]["line"], "character": 10 ** 6}
                nl = LINE_BREAK.search(text, b)
                b = nl.start() if nl else len(text)
            doc[0] = text[:a] + new + text[b:]
            doc[1] += 1
            s.notify("textDocument/didChange", {
                "textDocument": {"uri": uri(path), "version": doc[1]},
                "contentChanges": [{"range": rng_, "text": new}]})
            stats["edits"] += 1
            text = doc[0]
            at = position(text, rng.randint(0, len(text)))
            td = {"uri": uri(path)}
            roll = rng.random()
            if roll < 0.5:
                req("textDocument/hover", {"textDocument": td, "position": at})
            elif roll < 0.65:
                req("textDocument/references", {"textDocument": td, "position": at,
                                                "context": {"includeDeclaration": True}})
            elif roll < 0.8:
                req("textDocument/documentSymbol", {"textDocument": td})
            elif roll < 0.9:
                req("textDocument/codeAction", {"textDocument": td,
                                                "range": {"start": at, "end": at},
                                                "context": {"diagnostics": []}})
            else:
                req("textDocument/definition", {"textDocument": td, "position": at})
        if rng.random() < 0.1:
            with open(path, "w", encoding="utf-8") as f:
                f.write(doc[0])
            s.notify("textDocument/didSave", {"textDocument": {"uri": uri(path)}})
            stats["saves"] += 1
        if rng.random() < 0.05:
            other = rng.choice(files)
            if other not in open_docs:
                with open(other, "a", encoding="utf-8") as f:
                    f.write(f"\n\nUpdate: the talks lasted {rng.randint(1, 9)} hours.\n")
                s.notify("workspace/didChangeWatchedFiles",
                         {"changes": [{"uri": uri(other), "type": 2}]})
                stats["disk_writes"] += 1
        s.drain()
        if time.time() >= next_report:
            next_report += 60
            rss = round(s.rss_kb() / 1024, 1)
            rss_samples.append(rss)
            print(f"{int(time.time() - start)} s: {stats['served']} requests served, "
                  f"{stats['errors']} errors, {stats['edits']} edits, RSS {rss} MB", flush=True)

    stats["seconds"] = round(time.time() - start, 1)
    stats["rss_end_mb"] = round(s.rss_kb() / 1024, 1)
    stats["rss_max_mb"] = max(rss_samples + [stats["rss_end_mb"]])
    stats["publishes"] = s.publishes
    r = s.request("shutdown", None, 60)
    stats["shutdown_ok"] = bool(r) and "error" not in r
    s.notify("exit", None)
    try:
        stats["exit_code"] = s.p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        s.p.kill()
        stats["exit_code"] = "killed"
    print("SOAK " + json.dumps(stats), flush=True)
    ok = stats["errors"] == 0 and stats["timeouts"] == 0 and stats["exit_code"] == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
