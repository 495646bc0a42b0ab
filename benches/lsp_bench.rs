//! Speed and scale benchmarks (issue 7, SPEC §9): a driver that speaks LSP to the
//! real `crosscheck lsp` binary (and to harper-ls, for comparison) over stdio, times
//! what a client sees, and reads the server's memory from /proc.
//!
//! Not a criterion benchmark: `harness = false`, run by `benches/run.sh`, which
//! documents the subcommands. Every wait has a deadline; every result is printed as
//! one JSON line on stdout (progress goes to stderr), and `summary` turns those lines
//! into the Markdown table of docs/PERFORMANCE.md.
//!
//! Subcommands:
//!   materialise --corpus DIR --out DIR --sizes 1000,10000,all
//!   cold    --bin BIN --dir DIR [--timeout S]
//!   edits   --bin BIN --dir DIR [--edits N] [--mem-edits N] [--hovers N] [--perf FILE]
//!   cli     --bin BIN --dir DIR
//!   harper  --bin HARPER --dir DIR [--edits N]
//!   summary FILE.jsonl

use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Articles whose length is closest to 2,000 words, put first in every subset so
/// that each workspace size has the same edit target.
const TARGETS: usize = 8;
const TARGET_WORDS: usize = 2000;
/// Beside each materialised folder `nN`, `nN.targets` lists the target candidates
/// (outside the folder, so the scanner never takes it for an article).
fn manifest(dir: &Path) -> PathBuf {
    dir.with_extension("targets")
}

type Args = HashMap<String, String>;

fn parse_args(raw: &[String]) -> Args {
    let mut args = Args::new();
    let mut it = raw.iter().filter(|a| *a != "--bench");
    let mut positional = 0;
    while let Some(a) = it.next() {
        if let Some(k) = a.strip_prefix("--") {
            let v = it.next().cloned().unwrap_or_default();
            args.insert(k.to_string(), v);
        } else {
            args.insert(format!("_{positional}"), a.clone());
            positional += 1;
        }
    }
    args
}

fn arg<T: std::str::FromStr>(args: &Args, key: &str, default: T) -> T {
    args.get(key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn need(args: &Args, key: &str) -> String {
    match args.get(key) {
        Some(v) => v.clone(),
        None => {
            eprintln!("lsp_bench: --{key} is required");
            std::process::exit(2)
        }
    }
}

fn main() {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = parse_args(&raw);
    let Some(cmd) = args.get("_0").cloned() else {
        eprintln!("lsp_bench: no subcommand (materialise|cold|edits|cli|harper|summary); see benches/run.sh");
        // `cargo bench` with no arguments runs every bench: do nothing, successfully.
        return;
    };
    match cmd.as_str() {
        "materialise" => materialise(&args),
        "cold" => cold_bench(&args),
        "edits" => edits_bench(&args),
        "cli" => cli_bench(&args),
        "harper" => harper_bench(&args),
        "summary" => summary(&args),
        other => {
            eprintln!("lsp_bench: unknown subcommand {other}");
            std::process::exit(2)
        }
    }
}

fn emit(v: Value) {
    println!("{v}");
    let _ = std::io::stdout().flush();
}

// ---------------------------------------------------------------------------
// Corpus

struct Article {
    id: String,
    title: String,
    text: String,
    words: usize,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn file_name(rank: usize, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{rank:05}-{clean}.txt")
}

/// Writes the bulk corpus as folders of `title\n\ntext` files, one folder per size,
/// each a prefix of one deterministic order (the 2,000-word targets first, then by
/// a hash of the id, so every subset mixes all sources). Skips finished folders.
fn materialise(args: &Args) {
    let corpus = PathBuf::from(need(args, "corpus"));
    let out = PathBuf::from(need(args, "out"));
    let sizes = args
        .get("sizes")
        .cloned()
        .unwrap_or("1000,10000,all".into());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("read corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for f in files {
        let r = BufReader::new(std::fs::File::open(&f).expect("open jsonl"));
        for line in r.lines().map_while(Result::ok) {
            let Ok(v) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let text = s("text");
            all.push(Article {
                id: s("id"),
                title: s("title"),
                words: text.split_whitespace().count(),
                text,
            });
        }
    }
    let total = all.len();
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| (all[i].words.abs_diff(TARGET_WORDS), fnv(&all[i].id)));
    let targets: Vec<usize> = order[..TARGETS.min(total)].to_vec();
    let chosen: HashSet<usize> = targets.iter().copied().collect();
    let mut rest: Vec<usize> = (0..total).filter(|i| !chosen.contains(i)).collect();
    rest.sort_by_key(|&i| fnv(&all[i].id));
    let order: Vec<usize> = targets.iter().copied().chain(rest).collect();
    for size in sizes.split(',') {
        let n = if size == "all" {
            total
        } else {
            size.parse::<usize>().expect("size").min(total)
        };
        let dir = out.join(format!("n{n}"));
        let done = dir.join(".complete");
        if done.exists() {
            eprintln!("lsp_bench: {} already materialised", dir.display());
            println!("{}", dir.display());
            continue;
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create folder");
        let mut list = String::new();
        for (rank, &i) in order[..n].iter().enumerate() {
            let a = &all[i];
            let name = file_name(rank, &a.id);
            std::fs::write(dir.join(&name), format!("{}\n\n{}", a.title, a.text)).expect("write");
            if rank < TARGETS {
                list.push_str(&format!("{name}\t{}\n", a.words));
            }
        }
        std::fs::write(manifest(&dir), list).expect("write manifest");
        std::fs::write(&done, format!("{n}\n")).expect("write marker");
        eprintln!("lsp_bench: wrote {n} articles to {}", dir.display());
        println!("{}", dir.display());
    }
}

fn count_articles(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .count()
        })
        .unwrap_or(0)
}

fn targets_of(dir: &Path) -> Vec<(PathBuf, usize)> {
    std::fs::read_to_string(manifest(dir))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (name, words) = l.split_once('\t')?;
            Some((dir.join(name), words.parse().ok()?))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// A small LSP client

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Messages with the instant the reader thread took them off the pipe.
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Last diagnostics seen per uri.
    diagnostics: HashMap<String, Vec<Value>>,
    /// `$/progress` kinds seen (begin, report, end) per token.
    progress_end: Option<Instant>,
    progress_begin: Option<Instant>,
}

#[derive(Debug)]
enum Wait {
    Timeout,
    Closed,
}

impl Client {
    fn start(program: &str, args: &[&str]) -> Client {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {program}: {e}"));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 16, stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send((Instant::now(), m)).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            diagnostics: HashMap::new(),
            progress_end: None,
            progress_begin: None,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn send(&mut self, msg: Value) -> Instant {
        let body = msg.to_string();
        let t = Instant::now();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body);
        let _ = self.stdin.flush();
        t
    }

    fn notify(&mut self, method: &str, params: Value) -> Instant {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// The next message within `timeout`, after answering server requests and
    /// recording diagnostics and progress.
    fn next(&mut self, timeout: Duration) -> Result<(Instant, Value), Wait> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (t, m) = match self.incoming.recv_timeout(left) {
                Ok(x) => x,
                Err(RecvTimeoutError::Timeout) => return Err(Wait::Timeout),
                Err(RecvTimeoutError::Disconnected) => return Err(Wait::Closed),
            };
            if let (Some(method), Some(id)) = (m.get("method"), m.get("id")) {
                let result = if method == "workspace/configuration" {
                    let n = m["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![Value::Null; n])
                } else {
                    Value::Null
                };
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            match m["method"].as_str() {
                Some("textDocument/publishDiagnostics") => {
                    let u = m["params"]["uri"].as_str().unwrap_or_default().to_string();
                    let d = m["params"]["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    self.diagnostics.insert(u, d);
                }
                Some("$/progress") => {
                    let token = match &m["params"]["token"] {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    if token.starts_with("crosscheck-index") {
                        match m["params"]["value"]["kind"].as_str() {
                            Some("begin") => self.progress_begin = Some(t),
                            Some("end") => self.progress_end = Some(t),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            return Ok((t, m));
        }
    }

    /// Sends a request and waits for its response; returns the round trip.
    fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<(Duration, Value), Wait> {
        let id = self.next_id;
        self.next_id += 1;
        let t0 = self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let (t, m) = self.next(timeout)?;
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return Ok((t - t0, m));
            }
        }
    }

    fn initialize(&mut self, root: &Path, timeout: Duration) -> Instant {
        let u = uri(root);
        self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": u,
                "workspaceFolders": [{"uri": u, "name": "bench"}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "window": {"workDoneProgress": true},
                    "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true},
                                  "configuration": true, "workspaceFolders": true}
                }
            }),
            timeout,
        )
        .expect("initialize answered");
        self.notify("initialized", json!({}))
    }

    /// Waits until nothing arrives for `quiet`; returns the last publish instant.
    fn drain(&mut self, quiet: Duration, skip: &str) -> (Option<Instant>, usize) {
        let mut last = None;
        let mut count = 0;
        while let Ok((t, m)) = self.next(quiet) {
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] != skip {
                last = Some(t);
                count += 1;
            }
        }
        (last, count)
    }

    /// Shuts down politely, then kills after a grace period.
    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null, Duration::from_secs(10));
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// (VmRSS, VmHWM) of a process in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time (user + system) a process has used so far, in ms (clock ticks of 10 ms).
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = after
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    // After the command: state (not a number), then ppid … utime (11), stime (12)
    // counting from ppid as 0 → indices 10 and 11 here.
    (f.get(10).copied().unwrap_or(f64::NAN) + f.get(11).copied().unwrap_or(f64::NAN)) * 10.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Median, p95, p99 and max of a sample in ms (nearest rank).
fn stats(sample: &[f64]) -> Value {
    if sample.is_empty() {
        return json!({"n": 0});
    }
    let mut s = sample.to_vec();
    s.sort_by(f64::total_cmp);
    let at = |q: f64| s[((q * s.len() as f64).ceil() as usize).clamp(1, s.len()) - 1];
    json!({"n": s.len(), "median": round(at(0.5)), "p95": round(at(0.95)),
           "p99": round(at(0.99)), "max": round(s[s.len() - 1])})
}

// ---------------------------------------------------------------------------
// Cold index

struct Cold {
    client: Client,
    result: Value,
    /// When `initialize` was sent.
    started: Instant,
    /// When the server said it had written the cache, if it has.
    saved: Option<Instant>,
}

fn is_cache_saved(m: &Value) -> bool {
    m["params"]["message"]
        .as_str()
        .is_some_and(|s| s.starts_with("cache saved"))
}

/// Starts the server on `dir` and waits for the end of the first publish round;
/// `bench` names the measurement (`cold`, or `warm` when a cache is in place).
fn cold_index(bin: &str, dir: &Path, timeout: Duration, bench: &str) -> Cold {
    let expected = count_articles(dir);
    let mut client = Client::start(bin, &["lsp"]);
    let t0 = client.initialize(dir, Duration::from_secs(30));
    let deadline = t0 + timeout;
    let mut first_publish = None;
    let mut last_publish = None;
    let mut published = HashSet::new();
    let mut reports = 0usize;
    let mut saved = None;
    let mut timed_out = false;
    let mut peak_rss: f64 = 0.0;
    let mut last_sample = Instant::now();
    while published.len() < expected {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            timed_out = true;
            break;
        }
        // After progress ended, a silence means the round is over: long before the
        // first publish (the server may still be checking stories), short after it
        // (a round is sent in one go). Articles without findings get no publish.
        let wait = if client.progress_end.is_some() {
            left.min(Duration::from_secs(if last_publish.is_some() {
                3
            } else {
                120
            }))
        } else {
            left.min(Duration::from_secs(1))
        };
        if last_sample.elapsed() > Duration::from_millis(100) {
            peak_rss = peak_rss.max(memory(client.pid()).0);
            last_sample = Instant::now();
        }
        match client.next(wait) {
            Ok((t, m)) => match m["method"].as_str() {
                Some("textDocument/publishDiagnostics") => {
                    first_publish.get_or_insert(t);
                    last_publish = Some(t);
                    published.insert(m["params"]["uri"].as_str().unwrap_or_default().to_string());
                }
                Some("$/progress") if m["params"]["value"]["kind"] == "report" => reports += 1,
                Some("window/logMessage") if is_cache_saved(&m) => saved = Some(t),
                _ => {}
            },
            Err(Wait::Timeout) if client.progress_end.is_some() => break,
            Err(Wait::Timeout) => {}
            Err(Wait::Closed) => {
                timed_out = true;
                break;
            }
        }
    }
    let (rss, hwm) = memory(client.pid());
    let since = |t: Option<Instant>| t.map(|t| round(ms(t - t0)));
    let with_findings = client
        .diagnostics
        .values()
        .filter(|d| !d.is_empty())
        .count();
    let total_findings: usize = client.diagnostics.values().map(Vec::len).sum();
    let result = json!({
        "bench": bench, "articles": expected,
        "progress_begin_ms": since(client.progress_begin),
        "progress_end_ms": since(client.progress_end),
        "first_publish_ms": since(first_publish),
        "all_published_ms": since(last_publish),
        "published": published.len(), "progress_reports": reports,
        "articles_with_findings": with_findings, "findings": total_findings,
        "rss_mb": round(rss), "peak_rss_mb": round(hwm.max(peak_rss)),
        "server_cpu_ms": cpu_ms(client.pid()), "timed_out": timed_out,
    });
    Cold {
        client,
        result,
        started: t0,
        saved,
    }
}

fn cold_bench(args: &Args) {
    let bin = need(args, "bin");
    let dir = PathBuf::from(need(args, "dir"));
    let timeout = Duration::from_secs(arg(args, "timeout", 900));
    let cold = cold_index(&bin, &dir, timeout, "cold");
    emit(cold.result);
    cold.client.stop();
}

// ---------------------------------------------------------------------------
// Edits, hover, references, memory

/// One text edit: a UTF-16 range of the current text and its replacement.
#[derive(Clone)]
struct Edit {
    kind: &'static str,
    start: (u32, u32),
    end: (u32, u32),
    text: String,
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

fn pos_of(v: &Value) -> (u32, u32) {
    (
        v["line"].as_u64().unwrap_or(0) as u32,
        v["character"].as_u64().unwrap_or(0) as u32,
    )
}

/// The text of a one-line UTF-16 range.
fn slice16(text: &str, start: (u32, u32), end: (u32, u32)) -> Option<String> {
    if start.0 != end.0 {
        return None;
    }
    let line = text.split('\n').nth(start.0 as usize)?;
    let units: Vec<u16> = line.encode_utf16().collect();
    let (a, b) = (start.1 as usize, end.1 as usize);
    (a <= b && b <= units.len()).then(|| String::from_utf16_lossy(&units[a..b]))
}

/// A cycle of edits that leaves the text as it was: insert a word and delete it
/// (at line starts before the first finding, so every finding's span moves and the
/// article must be re-published), and change a figure that carries a finding and
/// change it back (so the claim, and other articles, are touched too).
fn edit_cycle(text: &str, diagnostics: &[Value]) -> Vec<Edit> {
    let first = diagnostics
        .iter()
        .map(|d| pos_of(&d["range"]["start"]))
        .min()
        .unwrap_or((u32::MAX, 0));
    let lines: Vec<&str> = text.split('\n').collect();
    let mut starts: Vec<u32> = (0..lines.len() as u32)
        .filter(|&l| (l, 0) < first && !lines[l as usize].trim().is_empty())
        .collect();
    if starts.is_empty() {
        starts.push(0);
    }
    let mut figures = Vec::new();
    for d in diagnostics {
        let code = d["code"].as_str().unwrap_or_default();
        if !code.starts_with("figure") {
            continue;
        }
        let (s, e) = (pos_of(&d["range"]["start"]), pos_of(&d["range"]["end"]));
        let Some(orig) = slice16(text, s, e) else {
            continue;
        };
        let Some(i) = orig.find(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        let digit = orig.as_bytes()[i] - b'0';
        let mut changed = orig.clone();
        changed.replace_range(i..i + 1, &((digit + 1) % 10).to_string());
        figures.push((s, e, orig, changed));
    }
    let mut cycle = Vec::new();
    let word = "really ";
    for k in 0..4usize {
        let line = starts[(k * 7) % starts.len()];
        cycle.push(Edit {
            kind: "insert-word",
            start: (line, 0),
            end: (line, 0),
            text: word.into(),
        });
        cycle.push(Edit {
            kind: "delete-word",
            start: (line, 0),
            end: (line, utf16_len(word)),
            text: String::new(),
        });
        if let Some((s, e, orig, changed)) = figures.get(k % figures.len().max(1)) {
            cycle.push(Edit {
                kind: "change-figure",
                start: *s,
                end: *e,
                text: changed.clone(),
            });
            cycle.push(Edit {
                kind: "restore-figure",
                start: *s,
                end: (s.0, s.1 + utf16_len(changed)),
                text: orig.clone(),
            });
        }
    }
    cycle
}

struct Session<'a> {
    client: &'a mut Client,
    uri: String,
    version: i64,
}

impl Session<'_> {
    /// Sends one edit; returns the time to the target's publishDiagnostics.
    fn edit(&mut self, e: &Edit, timeout: Duration) -> (Instant, Option<Duration>) {
        self.version += 1;
        let t0 = self.client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{
                    "range": {"start": {"line": e.start.0, "character": e.start.1},
                              "end": {"line": e.end.0, "character": e.end.1}},
                    "text": e.text
                }]
            }),
        );
        loop {
            match self.client.next(timeout) {
                Ok((t, m)) => {
                    if m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == self.uri.as_str()
                    {
                        return (t0, Some(t - t0));
                    }
                }
                Err(_) => return (t0, None),
            }
        }
    }
}

/// Positions to hover: starts of figures carrying findings and of entity mentions
/// (from `crosscheck entities FILE --format json`), as (line, character, kind).
fn probe_positions(bin: &str, file: &Path, diagnostics: &[Value]) -> Vec<(u32, u32, &'static str)> {
    let mut out: Vec<(u32, u32, &'static str)> = diagnostics
        .iter()
        .map(|d| {
            let (l, c) = pos_of(&d["range"]["start"]);
            (l, c, "finding")
        })
        .collect();
    let listing = Command::new(bin)
        .args(["entities", &file.display().to_string(), "--format", "json"])
        .stderr(Stdio::null())
        .output();
    if let Ok(o) = listing {
        if let Ok(v) = serde_json::from_slice::<Value>(&o.stdout) {
            for e in v["entities"].as_array().into_iter().flatten() {
                for m in e["mentions"].as_array().into_iter().flatten() {
                    let (l, c) = pos_of(&m["range"]["start"]);
                    out.push((l, c + 1, "entity"));
                }
            }
        }
    }
    let figures = Command::new(bin)
        .args(["figures", &file.display().to_string(), "--format", "json"])
        .stderr(Stdio::null())
        .output();
    if let Ok(o) = figures {
        if let Ok(v) = serde_json::from_slice::<Value>(&o.stdout) {
            for f in v["figures"].as_array().into_iter().flatten() {
                let (l, c) = pos_of(&f["range"]["start"]);
                out.push((l, c, "figure"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn edits_bench(args: &Args) {
    let bin = need(args, "bin");
    let dir = PathBuf::from(need(args, "dir"));
    let n_edits: usize = arg(args, "edits", 200);
    let mem_edits: usize = arg(args, "mem-edits", 0);
    let n_hovers: usize = arg(args, "hovers", 200);
    let quiet = Duration::from_millis(arg(args, "quiet-ms", 150));
    let timeout = Duration::from_secs(arg(args, "timeout", 60));
    // A cache folder of this run's own: the first start is cold, and its shutdown
    // writes the cache that the second, warm start reads.
    let cache = std::env::temp_dir().join(format!("crosscheck-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    std::env::set_var("CROSSCHECK_CACHE_DIR", &cache);
    let cold_timeout = Duration::from_secs(arg(args, "cold-timeout", 900));
    let mut cold = cold_index(&bin, &dir, cold_timeout, "cold");
    let articles = cold.result["articles"].clone();
    // The server writes the cache after the first publish round, then lets go of the
    // analyses the file holds: its memory from then on.
    let saved_by = Instant::now() + Duration::from_secs(120);
    while cold.saved.is_none() {
        let left = saved_by.saturating_duration_since(Instant::now());
        match cold.client.next(left) {
            Ok((t, m)) if m["method"] == "window/logMessage" && is_cache_saved(&m) => {
                cold.saved = Some(t)
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    if let Some(t) = cold.saved {
        std::thread::sleep(Duration::from_millis(500));
        cold.result["cache_saved_ms"] = json!(round(ms(t - cold.started)));
        cold.result["rss_after_save_mb"] = json!(round(memory(cold.client.pid()).0));
    }
    eprintln!("lsp_bench: cold {}", cold.result);
    emit(cold.result);
    cold.client.stop();
    // A warm start is short enough for the machine's noise to matter: three of them,
    // the last one kept for the edits.
    let mut warm = cold_index(&bin, &dir, cold_timeout, "warm");
    for _ in 0..2 {
        eprintln!("lsp_bench: warm {}", warm.result);
        emit(warm.result);
        warm.client.stop();
        warm = cold_index(&bin, &dir, cold_timeout, "warm");
    }
    eprintln!("lsp_bench: warm {}", warm.result);
    emit(warm.result);
    let mut client = warm.client;

    // The 2,000-word candidate with the most findings.
    let candidates = targets_of(&dir);
    let Some((target, words)) = candidates
        .iter()
        .max_by_key(|(p, w)| {
            (
                client.diagnostics.get(&uri(p)).map_or(0, Vec::len),
                usize::MAX - w.abs_diff(TARGET_WORDS),
            )
        })
        .cloned()
    else {
        eprintln!("lsp_bench: no targets in {}", dir.display());
        std::process::exit(2)
    };
    let text = std::fs::read_to_string(&target).expect("read target");
    let u = uri(&target);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 0, "text": text}}),
    );
    client.drain(Duration::from_millis(500), "");
    let diagnostics = client.diagnostics.get(&u).cloned().unwrap_or_default();
    let cycle = edit_cycle(&text, &diagnostics);
    eprintln!(
        "lsp_bench: target {} ({words} words, {} findings), cycle of {} edits",
        target.display(),
        diagnostics.len(),
        cycle.len()
    );
    let (rss_before, _) = memory(client.pid());

    // Optional profile of the edit phase.
    let perf = args.get("perf").map(|out| {
        Command::new("perf")
            // DWARF unwinding: release builds keep no frame pointers.
            .args([
                "record",
                "-F",
                "299",
                "--call-graph",
                "dwarf,16384",
                "-o",
                out,
                "-p",
            ])
            .arg(client.pid().to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start perf")
    });
    if perf.is_some() {
        std::thread::sleep(Duration::from_millis(500));
    }

    let cpu_before = cpu_ms(client.pid());
    let mut own = Vec::new();
    let mut others = Vec::new();
    let mut others_count = Vec::new();
    let mut by_kind: HashMap<&str, Vec<f64>> = HashMap::new();
    let mut missed = 0usize;
    let n_edits = n_edits.div_ceil(cycle.len()) * cycle.len();
    let mut s = Session {
        client: &mut client,
        uri: u.clone(),
        version: 0,
    };
    for i in 0..n_edits {
        let e = &cycle[i % cycle.len()];
        let (t0, dt) = s.edit(e, timeout);
        match dt {
            Some(dt) => {
                own.push(ms(dt));
                by_kind.entry(e.kind).or_default().push(ms(dt));
            }
            None => missed += 1,
        }
        let (last, count) = s.client.drain(quiet, &u);
        if let Some(last) = last {
            others.push(ms(last - t0));
        }
        others_count.push(count as f64);
    }
    if let Some(mut p) = perf {
        let _ = Command::new("kill")
            .args(["-INT", &p.id().to_string()])
            .status();
        let _ = p.wait();
    }
    let (rss_after_edits, _) = memory(client.pid());
    let cpu_per_edit = (cpu_ms(client.pid()) - cpu_before) / n_edits as f64;
    let kinds: serde_json::Map<String, Value> = by_kind
        .iter()
        .map(|(k, v)| (k.to_string(), stats(v)))
        .collect();
    emit(json!({
        "bench": "edit", "articles": articles, "target_words": words,
        "target_findings": diagnostics.len(), "edits": n_edits, "missed": missed,
        "edit_to_own_diagnostics_ms": stats(&own),
        "edit_to_last_other_publish_ms": stats(&others),
        "others_republished_per_edit": stats(&others_count),
        "by_kind": kinds,
        "rss_before_mb": round(rss_before), "rss_after_mb": round(rss_after_edits),
        "server_cpu_ms_per_edit": round(cpu_per_edit),
    }));

    // Hover and references on names and figures of the target.
    let probes = probe_positions(&bin, &target, &diagnostics);
    let mut hover = Vec::new();
    let mut hover_hits = 0;
    let mut refs = Vec::new();
    let mut ref_hits = 0;
    let mut failed = 0;
    if !probes.is_empty() {
        for i in 0..n_hovers {
            let (l, c, _) = probes[i % probes.len()];
            let pos = json!({"textDocument": {"uri": u}, "position": {"line": l, "character": c}});
            match client.request("textDocument/hover", pos.clone(), timeout) {
                Ok((dt, m)) => {
                    hover.push(ms(dt));
                    hover_hits += usize::from(!m["result"].is_null());
                }
                Err(_) => failed += 1,
            }
            let mut p = pos;
            p["context"] = json!({"includeDeclaration": true});
            match client.request("textDocument/references", p, timeout) {
                Ok((dt, m)) => {
                    refs.push(ms(dt));
                    ref_hits += usize::from(m["result"].as_array().is_some_and(|a| !a.is_empty()));
                }
                Err(_) => failed += 1,
            }
        }
    }
    emit(json!({
        "bench": "requests", "articles": articles, "positions": probes.len(),
        "hover_ms": stats(&hover), "hover_non_empty": hover_hits,
        "references_ms": stats(&refs), "references_non_empty": ref_hits,
        "failed": failed,
    }));

    // Memory over many edits: the same cycle, waiting for each edit's publish.
    if mem_edits > 0 {
        client.drain(Duration::from_millis(300), "");
        let (start_rss, _) = memory(client.pid());
        let mut samples = vec![json!({"edits": 0, "rss_mb": round(start_rss)})];
        let mut s = Session {
            client: &mut client,
            uri: u.clone(),
            version: 1_000_000,
        };
        let mem_edits = mem_edits.div_ceil(cycle.len()) * cycle.len();
        let step = (mem_edits / 10).max(cycle.len()) / cycle.len() * cycle.len();
        let mut lat = Vec::new();
        let mut missed = 0;
        let t_start = Instant::now();
        let cpu_start = cpu_ms(s.client.pid());
        for i in 0..mem_edits {
            let (_, dt) = s.edit(&cycle[i % cycle.len()], timeout);
            match dt {
                Some(dt) => lat.push(ms(dt)),
                None => missed += 1,
            }
            if (i + 1) % step == 0 {
                s.client.drain(Duration::from_millis(50), "");
                let (rss, _) = memory(s.client.pid());
                samples.push(json!({"edits": i + 1, "rss_mb": round(rss)}));
                eprintln!("lsp_bench: {} edits, rss {rss:.1} MB", i + 1);
            }
        }
        s.client.drain(Duration::from_millis(500), "");
        let (end_rss, hwm) = memory(client.pid());
        emit(json!({
            "bench": "memory", "articles": articles, "edits": mem_edits, "missed": missed,
            "seconds": round(t_start.elapsed().as_secs_f64()),
            "rss_start_mb": round(start_rss), "rss_end_mb": round(end_rss),
            "peak_rss_mb": round(hwm), "samples": samples,
            "edit_to_own_diagnostics_ms": stats(&lat),
            "server_cpu_ms_per_edit": round((cpu_ms(client.pid()) - cpu_start) / mem_edits as f64),
        }));
    }
    let (_, hwm) = memory(client.pid());
    emit(json!({"bench": "server-peak", "articles": articles, "peak_rss_mb": round(hwm)}));
    client.stop();
    let _ = std::fs::remove_dir_all(&cache);
}

// ---------------------------------------------------------------------------
// CLI

fn cli_bench(args: &Args) {
    let bin = need(args, "bin");
    let dir = PathBuf::from(need(args, "dir"));
    let runs: usize = arg(args, "runs", 1);
    let timeout = Duration::from_secs(arg(args, "timeout", 900));
    let report = std::env::temp_dir().join(format!("lsp_bench-time-{}", std::process::id()));
    // A cache folder of the run's own: the first check is cold and writes the cache,
    // the second reads it.
    let cache = std::env::temp_dir().join(format!("lsp_bench-cli-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    for bench in std::iter::repeat_n(["cli-check", "cli-check-warm"], runs).flatten() {
        if bench == "cli-check" {
            let _ = std::fs::remove_dir_all(&cache);
        }
        let t0 = Instant::now();
        let mut child = Command::new("/usr/bin/time")
            .env("CROSSCHECK_CACHE_DIR", &cache)
            .args(["-f", "%e %M %U %S", "-o"])
            .arg(&report)
            .arg(&bin)
            .args(["check", &dir.display().to_string(), "--format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start /usr/bin/time");
        let mut timed_out = false;
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            if t0.elapsed() > timeout {
                let _ = child.kill();
                timed_out = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.wait();
        let wall = t0.elapsed();
        // The last line: before it, time may say the command exited non-zero.
        let report_text = std::fs::read_to_string(&report).unwrap_or_default();
        let line = report_text.lines().last().unwrap_or_default();
        let f: Vec<f64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let get = |i: usize| f.get(i).copied().unwrap_or(f64::NAN);
        emit(json!({
            "bench": bench, "articles": count_articles(&dir),
            "wall_ms": round(ms(wall)), "peak_rss_mb": round(get(1) / 1024.0),
            "user_s": get(2), "sys_s": get(3), "timed_out": timed_out,
        }));
    }
    let _ = std::fs::remove_file(report);
    let _ = std::fs::remove_dir_all(&cache);
}

// ---------------------------------------------------------------------------
// harper-ls side by side

fn harper_bench(args: &Args) {
    let harper = need(args, "bin");
    let dir = PathBuf::from(need(args, "dir"));
    let crosscheck = args.get("crosscheck").cloned();
    let n_edits: usize = arg(args, "edits", 200);
    let timeout = Duration::from_secs(arg(args, "timeout", 60));
    let Some((target, words)) = targets_of(&dir).into_iter().next() else {
        eprintln!("lsp_bench: no targets in {}", dir.display());
        std::process::exit(2)
    };
    let text = std::fs::read_to_string(&target).expect("read target");
    // The same figures as the crosscheck run, from the CLI on the whole folder.
    let diagnostics: Vec<Value> = crosscheck
        .and_then(|bin| {
            Command::new(bin)
                .args(["figures", &target.display().to_string(), "--format", "json"])
                .stderr(Stdio::null())
                .output()
                .ok()
        })
        .and_then(|o| serde_json::from_slice::<Value>(&o.stdout).ok())
        .map(|v| {
            v["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .take(4)
                .map(|f| json!({"code": "figure", "range": f["range"]}))
                .collect()
        })
        .unwrap_or_default();
    let cycle = edit_cycle(&text, &diagnostics);
    let version = Command::new(&harper)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    // A folder of its own, holding only the target, as markdown.
    let root = std::env::temp_dir().join(format!("lsp_bench-harper-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temp folder");
    let file = root.join("article.md");
    std::fs::write(&file, &text).expect("write");
    let mut client = Client::start(&harper, &["--stdio"]);
    client.initialize(&root, Duration::from_secs(30));
    let u = uri(&file);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 0, "text": text}}),
    );
    let open_t = Instant::now();
    let mut opened = None;
    while let Ok((t, m)) = client.next(timeout) {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u.as_str() {
            opened = Some(t - open_t);
            break;
        }
    }
    client.drain(Duration::from_millis(300), "");
    let mut own = Vec::new();
    let mut missed = 0;
    let n_edits = n_edits.div_ceil(cycle.len()) * cycle.len();
    let mut s = Session {
        client: &mut client,
        uri: u.clone(),
        version: 0,
    };
    for i in 0..n_edits {
        match s.edit(&cycle[i % cycle.len()], timeout).1 {
            Some(dt) => own.push(ms(dt)),
            None => missed += 1,
        }
        s.client.drain(Duration::from_millis(20), &u);
    }
    let (_, hwm) = memory(client.pid());
    emit(json!({
        "bench": "harper", "version": version, "target_words": words, "edits": n_edits,
        "missed": missed, "open_to_diagnostics_ms": opened.map(|d| round(ms(d))),
        "edit_to_own_diagnostics_ms": stats(&own), "peak_rss_mb": round(hwm),
    }));
    client.stop();
    let _ = std::fs::remove_dir_all(root);
}

// ---------------------------------------------------------------------------
// Summary

fn summary(args: &Args) {
    let file = need(args, "_1");
    let text = std::fs::read_to_string(&file).expect("read results");
    let rows: Vec<Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let f = |v: &Value| match v {
        Value::Null => "—".to_string(),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.fract() == 0.0 || x >= 100.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.1}")
            }
        }
        other => other.to_string(),
    };
    let st = |v: &Value| format!("{} / {} / {}", f(&v["median"]), f(&v["p95"]), f(&v["p99"]));
    println!("| bench | articles | result |");
    println!("|---|---:|---|");
    for r in &rows {
        let n = f(&r["articles"]);
        let line = match r["bench"].as_str().unwrap_or_default() {
            "cold" | "warm" => format!(
                "progress end {} ms; first publish {} ms; all {} published {} ms; server CPU {} ms; peak RSS {} MB{}",
                f(&r["progress_end_ms"]),
                f(&r["first_publish_ms"]),
                f(&r["published"]),
                f(&r["all_published_ms"]),
                f(&r["server_cpu_ms"]),
                f(&r["peak_rss_mb"]),
                match &r["rss_after_save_mb"] {
                    Value::Null => String::new(),
                    v => format!("; RSS after the cache is written {} MB", f(v)),
                } + if r["timed_out"] == true { " (TIMED OUT)" } else { "" }
            ),
            "cli-check" | "cli-check-warm" => format!(
                "wall {} ms; peak RSS {} MB; user {} s, sys {} s",
                f(&r["wall_ms"]),
                f(&r["peak_rss_mb"]),
                f(&r["user_s"]),
                f(&r["sys_s"])
            ),
            "edit" => format!(
                "edit→own diagnostics median/p95/p99 {} ms; →last other publish {} ms; others per edit {}; server CPU {} ms/edit; missed {}/{}",
                st(&r["edit_to_own_diagnostics_ms"]),
                st(&r["edit_to_last_other_publish_ms"]),
                st(&r["others_republished_per_edit"]),
                f(&r["server_cpu_ms_per_edit"]),
                f(&r["missed"]),
                f(&r["edits"])
            ),
            "requests" => format!(
                "hover {} ms ({} non-empty); references {} ms ({} non-empty)",
                st(&r["hover_ms"]),
                f(&r["hover_non_empty"]),
                st(&r["references_ms"]),
                f(&r["references_non_empty"])
            ),
            "memory" => format!(
                "{} edits in {} s: RSS {} → {} MB (peak {}); edit→diag {} ms",
                f(&r["edits"]),
                f(&r["seconds"]),
                f(&r["rss_start_mb"]),
                f(&r["rss_end_mb"]),
                f(&r["peak_rss_mb"]),
                st(&r["edit_to_own_diagnostics_ms"])
            ),
            "server-peak" => format!("peak RSS {} MB", f(&r["peak_rss_mb"])),
            "harper" => format!(
                "{}: edit→diagnostics {} ms over {} edits, missed {}",
                r["version"].as_str().unwrap_or("harper-ls"),
                st(&r["edit_to_own_diagnostics_ms"]),
                f(&r["edits"]),
                f(&r["missed"])
            ),
            other => format!("{other}: {r}"),
        };
        println!("| {} | {n} | {line} |", r["bench"].as_str().unwrap_or("?"));
    }
}
