//! Property test: random editor sessions against the real server over stdio.
//!
//! Each session is a fresh folder that becomes the server's only workspace folder
//! (`workspace/didChangeWorkspaceFolders` swaps it in, so one server process runs
//! hundreds of sessions). A session writes a few articles, then runs random
//! operations: open, change (valid, clamped and reversed ranges, whole-text
//! replacements, edits inside surrogate pairs and between `\r` and `\n`), close,
//! save, files created, changed and deleted on disk with `didChangeWatchedFiles`,
//! requests at random positions (also for documents never opened). At the end every
//! open document is saved, and then:
//!
//! - the server still answers, and no request got an error;
//! - for every file of the folder, the last diagnostics it published equal what
//!   `crosscheck check --format json` reports on the final files (ranges, codes,
//!   severities, messages, related locations).
//!
//! Two tests run side by side, one per position encoding; `LSP_PROPS_SESSIONS` sets
//! the number of sessions each runs (default 500, so CI runs 1,000).

mod common;

use common::{uri, Client};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// File names a session plays with (one below a sub-folder).
/// Longest wait for the server to index or to settle. Generous: it only bounds how
/// long a failing case waits, and a machine busy with other work (CI neighbours, a
/// fuzzer) can slow a session by an order of magnitude.
const DEADLINE: Duration = Duration::from_secs(20);

const FILES: [&str; 5] = ["a.md", "b.md", "c.txt", "sub/d.md", "e.markdown"];

/// Pieces of article text: figures, names, Markdown, line breaks and characters
/// outside the BMP. Written for this test.
const PIECES: [&str; 24] = [
    "The talks lasted 2 hours.",
    "The talks lasted 3 hours, Maria Ortega said.",
    "Talks ran for two hours, according to Maria Ortegga.",
    "About 1,200 people attended the meeting in Lisbon.",
    "More than 1,500 people attended, police said.",
    "Harbour Authority chief Tomas Brandt said 40% of berths were empty.",
    "Tomas Brand said 45% of berths were empty.",
    "# Harbour talks",
    "---\nsource: Harbour Herald\n---",
    "```\nThe talks lasted 9 hours.\n```",
    "😀 The talks lasted 2 hours.",
    "𝕏 reported 12 ships.",
    "Café owners counted 12 ships.",
    "<!-- crosscheck-ignore -->",
    "See [the report](https://example.org/2-hours) for 3 hours of notes.",
    "日本 delegates stayed for 5 days.",
    "",
    "\r\n",
    "\r",
    "\n\n",
    "A fee of $18 billion was agreed.",
    "The fee was $20 billion.",
    "It cost 18 billion dollars.",
    "    indented 4 hours",
];

/// Short insertions for edits.
const INSERTS: [&str; 16] = [
    "",
    "2",
    "3 hours",
    " ",
    "\n",
    "\r\n",
    "\r",
    "😀",
    "Ortega",
    "Ortegga",
    "about ",
    "1,200",
    "é",
    "\u{FEFF}",
    "hours.\n\nThe talks lasted 4",
    "---\n",
];

#[derive(Clone, Debug)]
enum Req {
    Hover,
    Definition,
    References,
    Highlight,
    Symbols,
    Actions,
    WorkspaceSymbols,
}

#[derive(Clone, Debug)]
struct Change {
    /// `None`: the whole text.
    range: Option<(u32, u32, u32, u32)>,
    text: String,
}

#[derive(Clone, Debug)]
enum Op {
    /// Opens with the text on disk (or a new text when the file is absent).
    Open(usize, String),
    /// Opens with a text unlike the one on disk.
    OpenDirty(usize, String),
    Change(usize, Vec<Change>),
    Close(usize),
    Save(usize),
    /// Writes the file on disk and says so.
    Write(usize, String),
    /// Deletes the file on disk and says so.
    Delete(usize),
    Request(Req, usize, u32, u32),
    /// A change to a document never opened, and a request for one outside the folder.
    Unknown,
}

#[derive(Clone, Debug)]
struct Session {
    files: Vec<(usize, String)>,
    /// A `crosscheck.toml`: none, malformed, or rules changed.
    config: Option<&'static str>,
    ops: Vec<Op>,
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(&PIECES[..]),
            prop::sample::select(&[" ", "\n", "\n\n", "\r\n", "\r", ""][..]),
        ),
        0..7,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, sep)| format!("{p}{sep}"))
            .collect()
    })
}

fn position() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![
        8 => (0u32..8, 0u32..70),
        1 => (0u32..3, prop::sample::select(&[1u32 << 31, u32::MAX][..])),
        1 => (prop::sample::select(&[40u32, 1000, u32::MAX][..]), 0u32..5),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    let insert = prop_oneof![
        4 => prop::sample::select(&INSERTS[..]).prop_map(String::from),
        1 => prop::sample::select(&PIECES[..]).prop_map(String::from),
    ];
    prop_oneof![
        12 => (position(), position(), insert).prop_map(|(a, b, text)| Change { range: Some((a.0, a.1, b.0, b.1)), text }),
        1 => text().prop_map(|text| Change { range: None, text }),
    ]
}

fn request() -> impl Strategy<Value = Req> {
    prop::sample::select(vec![
        Req::Hover,
        Req::Definition,
        Req::References,
        Req::Highlight,
        Req::Symbols,
        Req::Actions,
        Req::WorkspaceSymbols,
    ])
}

fn op() -> impl Strategy<Value = Op> {
    let f = 0..FILES.len();
    prop_oneof![
        3 => (f.clone(), text()).prop_map(|(f, t)| Op::Open(f, t)),
        1 => (f.clone(), text()).prop_map(|(f, t)| Op::OpenDirty(f, t)),
        6 => (f.clone(), prop::collection::vec(change(), 1..4)).prop_map(|(f, c)| Op::Change(f, c)),
        2 => f.clone().prop_map(Op::Close),
        1 => f.clone().prop_map(Op::Save),
        2 => (f.clone(), text()).prop_map(|(f, t)| Op::Write(f, t)),
        1 => f.clone().prop_map(Op::Delete),
        2 => (request(), f.clone(), position()).prop_map(|(r, f, (l, c))| Op::Request(r, f, l, c)),
        1 => Just(Op::Unknown),
    ]
}

fn session() -> impl Strategy<Value = Session> {
    let config = prop_oneof![
        6 => Just(None),
        1 => Just(Some("max_file_bytes = [unclosed\n")),
        1 => Just(Some("[rules]\nfigure-differs = \"off\"\n")),
        1 => Just(Some("approx_tolerance = 0.3\n")),
    ];
    (
        prop::collection::vec((0..FILES.len(), text()), 0..4),
        config,
        prop::collection::vec(op(), 1..12),
    )
        .prop_map(|(files, config, ops)| Session { files, config, ops })
}

/// Line starts of a text: lines end at `\n`, `\r\n` or a lone `\r` (LSP's rule).
fn line_starts(t: &str) -> Vec<usize> {
    let b = t.as_bytes();
    let mut starts = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The byte offset an LSP position names, clamped as the server clamps: a line past
/// the end means the end of the text; a character past the line's end, the end of
/// its content; one inside a character, that character's start.
fn offset(t: &str, line: u32, character: u32, utf8: bool) -> usize {
    let starts = line_starts(t);
    let Some(&start) = starts.get(line as usize) else {
        return t.len();
    };
    let next = starts.get(line as usize + 1).copied().unwrap_or(t.len());
    let content = &t[start..next];
    let content = content
        .strip_suffix("\r\n")
        .or_else(|| content.strip_suffix(['\n', '\r']))
        .unwrap_or(content);
    let mut units = 0usize;
    for (i, ch) in content.char_indices() {
        if units >= character as usize {
            return start + i;
        }
        units += if utf8 { ch.len_utf8() } else { ch.len_utf16() };
        if units > character as usize {
            return start + i;
        }
    }
    start + content.len()
}

fn apply(t: &mut String, c: &Change, utf8: bool) {
    let Some((l0, c0, l1, c1)) = c.range else {
        *t = c.text.clone();
        return;
    };
    let (mut a, mut b) = (offset(t, l0, c0, utf8), offset(t, l1, c1, utf8));
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    t.replace_range(a..b, &c.text);
}

/// The LSP position of a byte offset (for turning `check`'s spans into UTF-8 ranges).
fn position_of(t: &str, at: usize, utf8: bool) -> Value {
    let starts = line_starts(t);
    let line = starts.partition_point(|&s| s <= at) - 1;
    let before = &t[starts[line]..at];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// One diagnostic reduced to what both outputs carry, as a comparable string.
fn key(
    range: &Value,
    severity: &str,
    code: &str,
    message: &str,
    related: BTreeSet<String>,
) -> String {
    format!("{range} {severity} {code} {message} {related:?}")
}

/// One server process running sessions, each in a new folder below `root`.
struct Harness {
    client: Client,
    root: tempfile::TempDir,
    utf8: bool,
    current: PathBuf,
    /// The last diagnostics published per URI (only this session's folder).
    view: HashMap<String, Vec<Value>>,
    sessions: usize,
    started: Instant,
}

impl Harness {
    fn new(utf8: bool) -> Harness {
        let root = tempfile::tempdir().unwrap();
        let first = root.path().join("s0");
        std::fs::create_dir_all(&first).unwrap();
        let log = root.path().join("server.log");
        let mut client = Client::start_logging_to(&log);
        let init = client.initialize(
            &first,
            if utf8 {
                &["utf-8", "utf-16"]
            } else {
                &["utf-16"]
            },
        );
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"],
            if utf8 { "utf-8" } else { "utf-16" }
        );
        Harness {
            client,
            root,
            utf8,
            current: first,
            view: HashMap::new(),
            sessions: 0,
            started: Instant::now(),
        }
    }

    fn path(&self, f: usize) -> PathBuf {
        self.current.join(FILES[f])
    }

    fn notify_files(&mut self, changes: &[(PathBuf, u32)]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(p, t)| json!({"uri": uri(p), "type": t}))
            .collect();
        self.client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": changes}),
        );
    }

    /// Takes in one message from the server; fails on anything alarming.
    fn absorb(&mut self, m: Value) -> Result<(), TestCaseError> {
        if m["method"] == "textDocument/publishDiagnostics" {
            let u = m["params"]["uri"].as_str().unwrap_or_default().to_string();
            if u.starts_with(&uri(&self.current)) {
                let d = m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                self.view.insert(u, d);
            }
        } else if m.get("id").is_some() && m.get("error").is_some() {
            return Err(TestCaseError::fail(format!("a request failed: {m}")));
        }
        Ok(())
    }

    fn request(&mut self, method: &str, params: Value) -> Result<(), TestCaseError> {
        let r = self.client.request(method, params);
        if r.get("error").is_some() {
            return Err(TestCaseError::fail(format!("{method} failed: {r}")));
        }
        Ok(())
    }

    fn run(&mut self, s: &Session) -> Result<(), TestCaseError> {
        self.sessions += 1;
        let old = std::mem::replace(
            &mut self.current,
            self.root.path().join(format!("s{}", self.sessions)),
        );
        std::fs::create_dir_all(self.current.join("sub")).unwrap();
        let mut disk: BTreeMap<usize, String> = BTreeMap::new();
        for (f, t) in &s.files {
            std::fs::write(self.path(*f), t).unwrap();
            disk.insert(*f, t.clone());
        }
        if let Some(c) = s.config {
            std::fs::write(self.current.join("crosscheck.toml"), c).unwrap();
        }
        self.view.clear();
        self.client.notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [{"uri": uri(&self.current), "name": "ws"}],
                             "removed": [{"uri": uri(&old), "name": "ws"}]}}),
        );
        // Indexing the new folder waits on our answer to its progress request; let it
        // finish, so a folder removed mid-index (a separate test) does not leak in.
        self.wait_indexed()?;
        let utf8 = self.utf8;
        let mut open: BTreeMap<usize, String> = BTreeMap::new();
        let mut version = 1;
        for op in &s.ops {
            version += 1;
            match op {
                Op::Open(f, new) | Op::OpenDirty(f, new) => {
                    if open.contains_key(f) {
                        continue;
                    }
                    let text = match (op, disk.get(f)) {
                        (Op::Open(..), Some(t)) => t.clone(),
                        _ => new.clone(),
                    };
                    self.client.notify(
                        "textDocument/didOpen",
                        json!({"textDocument": {"uri": uri(&self.path(*f)), "languageId": "markdown",
                                                "version": version, "text": text}}),
                    );
                    open.insert(*f, text);
                }
                Op::Change(f, changes) => {
                    let wire: Vec<Value> = changes
                        .iter()
                        .map(|c| match c.range {
                            Some((l0, c0, l1, c1)) => json!({"range": {"start": {"line": l0, "character": c0},
                                                                       "end": {"line": l1, "character": c1}},
                                                             "text": c.text}),
                            None => json!({"text": c.text}),
                        })
                        .collect();
                    self.client.notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri(&self.path(*f)), "version": version},
                               "contentChanges": wire}),
                    );
                    if let Some(t) = open.get_mut(f) {
                        for c in changes {
                            apply(t, c, utf8);
                        }
                    }
                }
                Op::Close(f) => {
                    if open.remove(f).is_some() {
                        self.client.notify(
                            "textDocument/didClose",
                            json!({"textDocument": {"uri": uri(&self.path(*f))}}),
                        );
                    }
                }
                Op::Save(f) => {
                    if let Some(t) = open.get(f).cloned() {
                        self.save(*f, &t, &mut disk);
                    }
                }
                Op::Write(f, t) => {
                    let p = self.path(*f);
                    std::fs::write(&p, t).unwrap();
                    let typ = if disk.insert(*f, t.clone()).is_some() {
                        2
                    } else {
                        1
                    };
                    self.notify_files(&[(p, typ)]);
                }
                Op::Delete(f) => {
                    if disk.remove(f).is_some() {
                        let p = self.path(*f);
                        std::fs::remove_file(&p).unwrap();
                        self.notify_files(&[(p, 3)]);
                    }
                }
                Op::Request(r, f, line, character) => {
                    let doc = json!({"uri": uri(&self.path(*f))});
                    let pos = json!({"line": line, "character": character});
                    let (method, params) = match r {
                        Req::Hover => (
                            "textDocument/hover",
                            json!({"textDocument": doc, "position": pos}),
                        ),
                        Req::Definition => (
                            "textDocument/definition",
                            json!({"textDocument": doc, "position": pos}),
                        ),
                        Req::References => (
                            "textDocument/references",
                            json!({"textDocument": doc, "position": pos, "context": {"includeDeclaration": true}}),
                        ),
                        Req::Highlight => (
                            "textDocument/documentHighlight",
                            json!({"textDocument": doc, "position": pos}),
                        ),
                        Req::Symbols => {
                            ("textDocument/documentSymbol", json!({"textDocument": doc}))
                        }
                        Req::Actions => (
                            "textDocument/codeAction",
                            json!({"textDocument": doc, "range": {"start": {"line": 0, "character": 0}, "end": pos},
                                   "context": {"diagnostics": []}}),
                        ),
                        Req::WorkspaceSymbols => ("workspace/symbol", json!({"query": "Orte"})),
                    };
                    self.request(method, params)?;
                }
                Op::Unknown => {
                    let nowhere = self.root.path().join("nowhere/x.md");
                    self.client.notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri(&nowhere), "version": version},
                               "contentChanges": [{"text": "The talks lasted 2 hours."}]}),
                    );
                    self.request(
                        "textDocument/hover",
                        json!({"textDocument": {"uri": uri(&nowhere)}, "position": {"line": 0, "character": 0}}),
                    )?;
                }
            }
        }
        // The batch check runs on a mirror of the folder holding the editor's texts
        // of open documents, so unsaved edits are compared too.
        let mirror = self.root.path().join("mirror");
        let _ = std::fs::remove_dir_all(&mirror);
        std::fs::create_dir_all(mirror.join("sub")).unwrap();
        let mut final_texts = disk.clone();
        final_texts.extend(open.clone());
        for (f, t) in &final_texts {
            std::fs::write(mirror.join(FILES[*f]), t).unwrap();
        }
        if let Some(c) = s.config {
            std::fs::write(mirror.join("crosscheck.toml"), c).unwrap();
        }
        let expected = self.expected(&mirror, s.config);
        let outcome = self.settle(&expected);
        for f in open.keys() {
            self.client.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri(&self.path(*f))}}),
            );
        }
        outcome.map_err(|e| {
            let files: BTreeMap<&str, &String> =
                final_texts.iter().map(|(f, t)| (FILES[*f], t)).collect();
            TestCaseError::fail(format!("{e}\nfinal files: {files:#?}"))
        })
    }

    fn wait_indexed(&mut self) -> Result<(), TestCaseError> {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(m) = self.client.next_message(left) else {
                return Err(TestCaseError::fail("the new folder was never indexed"));
            };
            let done = m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("indexed "));
            self.absorb(m)?;
            if done {
                return Ok(());
            }
        }
    }

    fn save(&mut self, f: usize, text: &str, disk: &mut BTreeMap<usize, String>) {
        let p = self.path(f);
        std::fs::write(&p, text).unwrap();
        let typ = if disk.insert(f, text.to_string()).is_some() {
            2
        } else {
            1
        };
        self.client.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri(&p)}}),
        );
        self.notify_files(&[(p, typ)]);
    }

    /// What `crosscheck check --format json` says of `mirror` (a copy of the folder
    /// with the editor's texts), keyed by the URIs of the session folder.
    fn expected(&self, mirror: &Path, config: Option<&str>) -> BTreeMap<String, BTreeSet<String>> {
        let (from, to) = (uri(mirror), uri(&self.current));
        let uri = |p: &Path| uri(p).replacen(&from, &to, 1);
        // The oracle computes from scratch: the server's cache is what is under test.
        let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "none",
                "--no-cache",
            ])
            .arg(mirror)
            .output()
            .expect("run crosscheck check");
        assert!(
            out.status.success(),
            "check failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).expect("check --format json");
        let mut texts: HashMap<String, String> = HashMap::new();
        let mut text_of = |p: &str| -> String {
            texts
                .entry(p.to_string())
                .or_insert_with(|| std::fs::read_to_string(p).unwrap_or_default())
                .clone()
        };
        let mut range_in = |path: &str, d: &Value| -> Value {
            if !self.utf8 {
                return d["range"].clone();
            }
            let t = text_of(path);
            let (a, b) = (
                d["span"]["start"].as_u64().unwrap() as usize,
                d["span"]["end"].as_u64().unwrap() as usize,
            );
            json!({"start": position_of(&t, a, true), "end": position_of(&t, b, true)})
        };
        let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for d in report["diagnostics"].as_array().unwrap() {
            let path = d["path"].as_str().unwrap();
            let related = d["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let p = r["path"].as_str().unwrap();
                    format!(
                        "{} {} {}",
                        uri(Path::new(p)),
                        range_in(p, r),
                        r["message"].as_str().unwrap()
                    )
                })
                .collect();
            let k = key(
                &range_in(path, d),
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                related,
            );
            want.entry(uri(Path::new(path))).or_default().insert(k);
        }
        if config.is_some_and(|c| c.contains("unclosed")) {
            want.entry(uri(&self.current.join("crosscheck.toml")))
                .or_default()
                .insert("config-error".into());
        }
        want
    }

    /// What the server last published, in the same form (non-empty lists only).
    fn published(&self) -> BTreeMap<String, BTreeSet<String>> {
        let severity = |n: &Value| match n.as_u64() {
            Some(1) => "error",
            Some(2) => "warning",
            Some(3) => "information",
            _ => "hint",
        };
        let mut got = BTreeMap::new();
        for (u, list) in &self.view {
            if list.is_empty() {
                continue;
            }
            let set = list
                .iter()
                .map(|d| {
                    if d["code"] == "config-error" {
                        return "config-error".to_string();
                    }
                    let related = d["relatedInformation"]
                        .as_array()
                        .map(|rs| {
                            rs.iter()
                                .map(|r| {
                                    // The server prefixes the other article's source label.
                                    let msg = r["message"].as_str().unwrap_or_default();
                                    let msg = msg.split_once(" — ").map_or(msg, |(_, m)| m);
                                    format!(
                                        "{} {} {}",
                                        r["location"]["uri"].as_str().unwrap_or_default(),
                                        r["location"]["range"],
                                        msg
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    key(
                        &d["range"],
                        severity(&d["severity"]),
                        d["code"].as_str().unwrap_or_default(),
                        d["message"].as_str().unwrap_or_default(),
                        related,
                    )
                })
                .collect();
            got.insert(u.clone(), set);
        }
        got
    }

    /// Reads what the server sends until its diagnostics match `expected`, then
    /// checks with one more round trip that nothing stale follows.
    fn settle(
        &mut self,
        expected: &BTreeMap<String, BTreeSet<String>>,
    ) -> Result<(), TestCaseError> {
        let deadline = Instant::now() + DEADLINE;
        while self.published() != *expected {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.client.next_message(left) {
                Some(m) => self.absorb(m)?,
                None => {
                    return Err(TestCaseError::fail(format!(
                        "published diagnostics never matched `crosscheck check`\n\
                         expected: {expected:#?}\npublished: {:#?}",
                        self.published()
                    )))
                }
            }
        }
        self.request("workspace/symbol", json!({"query": ""}))?;
        while let Some(m) = self.client.next_message(Duration::ZERO) {
            self.absorb(m)?;
        }
        let now = self.published();
        if now != *expected {
            return Err(TestCaseError::fail(format!(
                "a stale publish followed the right one\nexpected: {expected:#?}\npublished: {now:#?}"
            )));
        }
        if !self.client.is_running() {
            return Err(TestCaseError::fail("the server exited"));
        }
        Ok(())
    }
}

fn sessions(utf8: bool) {
    let cases = std::env::var("LSP_PROPS_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // Each failing attempt waits out DEADLINE: bound the time a failure takes to report.
        max_shrink_iters: 32,
        ..Config::default()
    });
    let harness = std::cell::RefCell::new(Harness::new(utf8));
    let result = runner.run(&session(), |s| harness.borrow_mut().run(&s));
    let h = harness.into_inner();
    eprintln!(
        "lsp_props ({}): {} sessions in {:.1}s",
        if utf8 { "utf-8" } else { "utf-16" },
        h.sessions,
        h.started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        let log = std::fs::read_to_string(h.root.path().join("server.log")).unwrap_or_default();
        let tail: String = log
            .lines()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        panic!("{e}\n--- server log (tail) ---\n{tail}");
    }
    assert!(h.client.shutdown().success());
}

#[test]
fn random_sessions_utf16() {
    sessions(false);
}

#[test]
fn random_sessions_utf8() {
    sessions(true);
}

/// Runs one fixed session `times` times on one server (for races a single run may miss).
fn replay(session: &Session, times: usize) {
    let mut h = Harness::new(false);
    for i in 0..times {
        if let Err(e) = h.run(session) {
            panic!("run {} of {times}: {e}", i + 1);
        }
    }
    assert!(h.client.shutdown().success());
}

fn full(text: String) -> Change {
    Change { range: None, text }
}

/// Five articles on one meeting; every edit to the open one changes what all the
/// others are told, so each edit publishes to every article. The last publish per
/// article must be that of the final text, even when publish passes overlap.
#[test]
fn rapid_edits_end_in_the_final_diagnostics_everywhere() {
    let files = (0..FILES.len())
        .map(|f| (f, format!("The talks lasted {} hours.\n", f + 2)))
        .collect();
    let mut ops = vec![Op::Open(0, String::new())];
    for k in 0..30 {
        ops.push(Op::Change(
            0,
            vec![full(format!(
                "The talks lasted {} hours, Maria Ortega said.\n",
                2 + k % 7
            ))],
        ));
    }
    replay(
        &Session {
            files,
            config: None,
            ops,
        },
        10,
    );
}

/// An editor closing and at once reopening a document (a reload, a rename) must
/// leave it open with the reopened text, and later edits must count.
#[test]
fn close_then_reopen_keeps_the_document_open() {
    let files = vec![
        (0, "The talks lasted 2 hours.\n".to_string()),
        (1, "The talks lasted 2 hours.\n".to_string()),
    ];
    let ops = vec![
        Op::Open(0, String::new()),
        Op::Close(0),
        Op::OpenDirty(0, "The talks lasted 7 hours.\n".into()),
        Op::Change(
            0,
            vec![Change {
                range: Some((0, 17, 0, 18)),
                text: "8".into(),
            }],
        ),
    ];
    replay(
        &Session {
            files,
            config: None,
            ops,
        },
        10,
    );
}

/// A folder added and removed before its indexing finished must leave none of its
/// articles behind. Indexing waits on the client's answer to its progress request,
/// so holding that answer back makes the race certain.
#[test]
fn a_folder_removed_while_it_is_indexed_leaves_nothing_behind() {
    let root = tempfile::tempdir().unwrap();
    let (kept, passing) = (root.path().join("kept"), root.path().join("passing"));
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::create_dir_all(&passing).unwrap();
    let article = kept.join("a.md");
    std::fs::write(&article, "The talks lasted 2 hours.\n").unwrap();
    std::fs::write(passing.join("b.md"), "The talks lasted 3 hours.\n").unwrap();
    let mut c = Client::start();
    c.initialize(&kept, &["utf-16"]);
    c.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.starts_with("indexed 1 articles"))
    });
    let folder = json!([{"uri": uri(&passing), "name": "passing"}]);
    // Both notifications go out before we read (and so answer) anything.
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": folder, "removed": []}}),
    );
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": folder}}),
    );
    c.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.starts_with("indexed 1 articles"))
    });
    let r = c.request("workspace/symbol", json!({"query": ""}));
    assert!(r.get("error").is_none(), "{r}");
    // Whatever was published last for the kept article must not cite the removed one.
    let mut last = Vec::new();
    while let Some(m) = c.next_message(Duration::from_millis(300)) {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri(&article) {
            last = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
    }
    assert!(
        last.is_empty(),
        "the removed folder's article is still cross-checked: {last:#?}"
    );
    assert!(c.shutdown().success());
}
