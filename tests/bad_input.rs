//! Bad input, each with a clear outcome, against the real server over stdio (issue 8):
//! binary and NUL files, invalid UTF-8, oversized files, a 5 MB single-line
//! article, CRLF and lone CR, a BOM, characters outside the BMP, edits past the end
//! or inside a surrogate pair, unknown documents, a malformed `crosscheck.toml`,
//! unreadable files and folders, symlink loops and links out of the workspace, and a
//! workspace folder deleted while open.

mod common;

use common::{uri, Client};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A server on a workspace, with what it published and logged so far.
struct Server {
    c: Client,
    root: PathBuf,
    /// The last diagnostics published per URI.
    view: HashMap<String, Vec<Value>>,
    logs: Vec<String>,
}

/// Writes `files` (relative path, bytes) into a new folder.
fn workspace(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

// Claim alignment needs some context to call two figures one quantity; these two
// sentences are a conflict for it (the tests find positions by text, not by column).
const TWO: &[u8] = b"The talks lasted 2 hours, Maria Ortega said.\n";
const THREE: &[u8] = b"The talks lasted 3 hours, Maria Ortega said.\n";

impl Server {
    /// Starts a server on `root` and waits until it has indexed it.
    fn start(root: &Path, encodings: &[&str]) -> Server {
        let mut c = Client::start();
        c.initialize(root, encodings);
        let mut s = Server {
            c,
            root: root.to_path_buf(),
            view: HashMap::new(),
            logs: Vec::new(),
        };
        s.wait_log(|l| l.starts_with("indexed "), Duration::from_secs(60));
        s.settle();
        s
    }

    fn absorb(&mut self, m: Value) {
        if m["method"] == "textDocument/publishDiagnostics" {
            let u = m["params"]["uri"].as_str().unwrap_or_default().to_string();
            self.view.insert(
                u,
                m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
        } else if m["method"] == "window/logMessage" {
            self.logs.push(
                m["params"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }

    /// Reads messages until one log line satisfies `pred` (or fails after `limit`).
    fn wait_log(&mut self, mut pred: impl FnMut(&str) -> bool, limit: Duration) {
        let deadline = Instant::now() + limit;
        if self.logs.iter().any(|l| pred(l)) {
            return;
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.c.next_message(left).unwrap_or_else(|| {
                panic!("no such log line within {limit:?}; logs: {:#?}", self.logs)
            });
            let hit = m["method"] == "window/logMessage"
                && m["params"]["message"].as_str().is_some_and(&mut pred);
            self.absorb(m);
            if hit {
                return;
            }
        }
    }

    /// A round trip, then whatever arrives until the server has been quiet a while.
    fn settle(&mut self) {
        self.request("workspace/symbol", json!({"query": ""}));
        while let Some(m) = self.c.next_message(Duration::from_millis(300)) {
            self.absorb(m);
        }
    }

    /// Sends a request and returns its result; fails on a JSON-RPC error.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.c.request(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    fn diags(&self, name: &str) -> Vec<Value> {
        self.view
            .get(&uri(&self.path(name)))
            .cloned()
            .unwrap_or_default()
    }

    fn codes(&self, name: &str) -> Vec<String> {
        common::codes(&self.diags(name))
    }

    fn logged(&self, parts: &[&str]) -> bool {
        self.logs
            .iter()
            .any(|l| parts.iter().all(|p| l.contains(p)))
    }

    fn open(&mut self, name: &str, text: &str) {
        let u = uri(&self.path(name));
        self.c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, name: &str, version: i32, changes: Value) {
        let u = uri(&self.path(name));
        self.c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": changes}),
        );
    }

    /// Tells the server that files changed on disk (1 created, 2 changed, 3 deleted).
    fn watched(&mut self, changes: &[(&str, u32)]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(n, t)| json!({"uri": uri(&self.path(n)), "type": t}))
            .collect();
        self.c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": changes}),
        );
    }

    /// The figures of an article as its document symbols list them: (text, range).
    fn figures(&mut self, name: &str) -> Vec<(String, Value)> {
        let r = self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&self.path(name))}}),
        );
        r.as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["kind"] == 16)
            .map(|s| {
                (
                    s["name"].as_str().unwrap_or_default().to_string(),
                    s["range"].clone(),
                )
            })
            .collect()
    }

    fn shutdown(self) {
        assert!(self.c.shutdown().success());
    }
}

/// The LSP position of byte offset `at` in `text` (lines end at \n, \r\n, lone \r).
fn position(text: &str, at: usize, utf8: bool) -> Value {
    let before = &text[..at];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before
        .match_indices(['\n', '\r'])
        .filter(|(i, s)| !(*s == "\r" && text[i + 1..].starts_with('\n')))
        .count();
    let col = &text[line_start..at];
    let character = if utf8 {
        col.len()
    } else {
        col.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The range of the first `needle` in `text`.
fn range_of(text: &str, needle: &str, utf8: bool) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    json!({"start": position(text, at, utf8), "end": position(text, at + needle.len(), utf8)})
}

fn conflict(diags: &[Value]) -> Option<&Value> {
    diags.iter().find(|d| d["code"] == "figure-conflict")
}

/// `crosscheck check --format json` on a folder.
fn check(root: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env(
            "CROSSCHECK_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .args(["check", "--format", "json", "--fail-on", "none"])
        .arg(root)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn binary_files_and_nul_bytes_are_skipped_and_logged() {
    let ws = workspace(&[
        ("a.md", TWO),
        (
            "nul.md",
            b"The talks lasted 3 hours, Maria Ortega said.\n\0\0\x01",
        ),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR The talks lasted 3 hours, Maria Ortega said.",
        ),
    ]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    assert!(s.logged(&["nul.md", "binary"]), "{:#?}", s.logs);
    assert!(s.logged(&["image.txt", "binary"]), "{:#?}", s.logs);
    assert!(
        conflict(&s.diags("a.md")).is_none(),
        "a binary file was cross-checked: {:#?}",
        s.diags("a.md")
    );
    assert!(s.diags("nul.md").is_empty());
    // Changed on disk: still binary, still skipped.
    std::fs::write(
        s.path("nul.md"),
        b"The talks lasted 4 hours, Maria Ortega said.\0",
    )
    .unwrap();
    s.watched(&[("nul.md", 2)]);
    s.settle();
    assert!(conflict(&s.diags("a.md")).is_none());
    assert_eq!(
        s.logs.iter().filter(|l| l.contains("nul.md")).count(),
        2,
        "{:#?}",
        s.logs
    );
    s.shutdown();
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_file() {
    let ws = workspace(&[
        ("a.md", TWO),
        (
            "latin1.txt",
            b"Caf\xe9 owners: the talks lasted 3 hours, Maria Ortega said.\n",
        ),
    ]);
    let s = Server::start(ws.path(), &["utf-16"]);
    assert!(s.logged(&["latin1.txt", "invalid UTF-8"]), "{:#?}", s.logs);
    // The invalid byte reads as one U+FFFD, as editors show it.
    let lossy = "Caf\u{FFFD} owners: the talks lasted 3 hours, Maria Ortega said.\n";
    let d = s.diags("latin1.txt");
    let c = conflict(&d).unwrap_or_else(|| panic!("no conflict on the lossy file: {d:#?}"));
    assert_eq!(c["range"], range_of(lossy, "3 hours", false));
    s.shutdown();
}

#[test]
fn files_over_max_file_bytes_are_skipped_on_disk_and_when_opened() {
    let big = format!(
        "The talks lasted 3 hours, Maria Ortega said.\n{}",
        "\n".repeat(3000)
    );
    let ws = workspace(&[
        ("crosscheck.toml", b"max_file_bytes = 2000\n"),
        ("a.md", TWO),
        ("big.md", big.as_bytes()),
    ]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    assert!(s.logged(&["big.md", "max_file_bytes"]), "{:#?}", s.logs);
    assert!(
        conflict(&s.diags("a.md")).is_none(),
        "{:#?}",
        s.diags("a.md")
    );
    // The batch check agrees.
    assert_eq!(check(ws.path())["diagnostics"], json!([]));
    // Opening it in the editor does not smuggle it in: the server and `check` agree.
    s.open("big.md", &big);
    s.settle();
    assert!(
        conflict(&s.diags("a.md")).is_none() && s.diags("big.md").is_empty(),
        "an open file over max_file_bytes was analysed, unlike `crosscheck check`: {:#?}",
        s.view
    );
    s.shutdown();
}

/// Five megabytes on one line, written like news (a figure every sentence).
fn five_mb_line() -> String {
    let sentence =
        "The talks lasted 2 hours, Maria Ortega said, and about 1,200 people waited outside. ";
    sentence.repeat(5_000_000 / sentence.len() + 1)
}

#[test]
fn a_5mb_single_line_article_on_disk_is_skipped_by_default() {
    let line = five_mb_line();
    let ws = workspace(&[("a.md", TWO), ("huge.md", line.as_bytes())]);
    let started = Instant::now();
    let s = Server::start(ws.path(), &["utf-16"]);
    assert!(s.logged(&["huge.md", "max_file_bytes"]), "{:#?}", s.logs);
    assert!(started.elapsed() < Duration::from_secs(20));
    s.shutdown();
}

#[test]
fn a_5mb_single_line_article_opened_in_the_editor_does_not_stall_the_server() {
    let ws = workspace(&[("a.md", TWO), ("b.md", TWO)]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    s.open("huge.md", &five_mb_line());
    // Whatever it does with the article (analyse it within limits or skip it), the
    // server answers other requests promptly; Client::request fails after 30 s.
    let started = Instant::now();
    let r = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&s.path("a.md"))}}),
    );
    assert!(r.is_array() || r.is_null(), "{r}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "answered after {:?}",
        started.elapsed()
    );
    s.shutdown();
}

#[test]
fn a_5mb_single_line_article_within_max_file_bytes_is_indexed_in_bounded_time() {
    let ws = workspace(&[
        ("crosscheck.toml", b"max_file_bytes = 8000000\n"),
        ("a.md", TWO),
        ("huge.md", five_mb_line().as_bytes()),
    ]);
    // Analysis must stay (near) linear in the article's size; 60 s is generous.
    let started = Instant::now();
    let s = Server::start(ws.path(), &["utf-16"]);
    eprintln!("indexed a 5 MB line in {:?}", started.elapsed());
    s.shutdown();
}

#[test]
fn crlf_and_lone_cr_end_lines_as_lsp_says() {
    let crlf = "# Notes\r\n\r\nThe talks lasted 2 hours, Maria Ortega said.\r\n";
    let cr = "Notes\r\rThe talks lasted 3 hours, Maria Ortega said.\r";
    let ws = workspace(&[("crlf.md", crlf.as_bytes()), ("cr.txt", cr.as_bytes())]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    let d = s.diags("crlf.md");
    assert_eq!(
        conflict(&d).expect("conflict on crlf.md")["range"],
        range_of(crlf, "2 hours", false)
    );
    let d = s.diags("cr.txt");
    assert_eq!(
        conflict(&d).expect("conflict on cr.txt")["range"],
        range_of(cr, "3 hours", false)
    );
    assert_eq!(range_of(cr, "3 hours", false)["start"]["line"], 2);
    // An edit that adds a CRLF line above moves the finding one line down.
    s.open("crlf.md", crlf);
    s.change("crlf.md", 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Top\r\n"}]));
    s.settle();
    let edited = format!("Top\r\n{crlf}");
    assert_eq!(
        conflict(&s.diags("crlf.md")).expect("conflict")["range"],
        range_of(&edited, "2 hours", false)
    );
    // A lone CR typed between CR and LF splits nothing it should not.
    s.change("crlf.md", 3, json!([{"range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 7}}, "text": "\r"}]));
    s.settle();
    let edited = "Top\r\n# Notes\r\r\n\r\nThe talks lasted 2 hours, Maria Ortega said.\r\n";
    assert_eq!(
        conflict(&s.diags("crlf.md")).expect("conflict")["range"],
        range_of(edited, "2 hours", false)
    );
    s.shutdown();
}

#[test]
fn a_bom_does_not_move_findings_between_disk_and_editor() {
    let ws = workspace(&[
        (
            "bom.md",
            "\u{FEFF}The talks lasted 2 hours, Maria Ortega said.\n".as_bytes(),
        ),
        ("b.md", THREE),
    ]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    let on_disk = conflict(&s.diags("bom.md")).expect("conflict on bom.md")["range"].clone();
    // Editors (VS Code, Neovim, Helix) drop the BOM from the text they send.
    s.open("bom.md", "The talks lasted 2 hours, Maria Ortega said.\n");
    s.settle();
    let in_editor = conflict(&s.diags("bom.md")).expect("conflict once open")["range"].clone();
    assert_eq!(
        in_editor,
        range_of(
            "The talks lasted 2 hours, Maria Ortega said.\n",
            "2 hours",
            false
        )
    );
    assert_eq!(
        on_disk, in_editor,
        "the finding moves when the file is opened"
    );
    s.shutdown();
}

#[test]
fn characters_outside_the_bmp_before_figures_give_exact_positions() {
    let text = "𝕏 😀 é 日本: The talks lasted 2 hours, Maria Ortega said.\n";
    for (enc, utf8) in [("utf-16", false), ("utf-8", true)] {
        let ws = workspace(&[("wide.md", text.as_bytes()), ("b.md", THREE)]);
        let s = Server::start(ws.path(), &[enc]);
        let d = s.diags("wide.md");
        assert_eq!(
            conflict(&d).expect("conflict")["range"],
            range_of(text, "2 hours", utf8),
            "{enc}"
        );
        s.shutdown();
        // The batch check: LSP-style UTF-16 range and UTF-8 byte span.
        let report = check(ws.path());
        let d = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with("wide.md"))
            .cloned()
            .unwrap();
        assert_eq!(d["range"], range_of(text, "2 hours", false));
        let at = text.find("2 hours").unwrap();
        assert_eq!(d["span"], json!({"start": at, "end": at + 7}));
    }
}

#[test]
fn edits_past_the_end_or_inside_a_character_are_clamped_and_the_document_stays_whole() {
    let ws = workspace(&[("b.md", THREE)]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    let mut text = "😀 The talks lasted 2 hours, Maria Ortega said.\n".to_string();
    s.open("a.md", &text);
    // Character 1 is inside the surrogate pair: the edit lands before the emoji.
    s.change("a.md", 2, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "X"}]));
    text.insert(0, 'X');
    // A range past the end appends; a reversed range is read in order.
    s.change("a.md", 3, json!([{"range": {"start": {"line": 40, "character": 3}, "end": {"line": 9, "character": 99}}, "text": "The talks lasted 2 hours again, Maria Ortega said."}]));
    text.push_str("The talks lasted 2 hours again, Maria Ortega said.");
    s.change("a.md", 4, json!([{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 3}}, "text": "Y"}]));
    let after = text.find("😀").unwrap() + 4;
    text.replace_range(after..after + 1, "Y");
    // Past the end of a line means its end (before the line break).
    s.change("a.md", 5, json!([{"range": {"start": {"line": 0, "character": 500}, "end": {"line": 0, "character": 4000000000u32}}, "text": "!"}]));
    text.insert(text.find('\n').unwrap(), '!');
    s.settle();
    assert_eq!(text, "X😀YThe talks lasted 2 hours, Maria Ortega said.!\nThe talks lasted 2 hours again, Maria Ortega said.");
    // The figures the server sees (document symbols) sit where the text says.
    let figures = s.figures("a.md");
    assert!(
        figures.contains(&("2 hours".into(), range_of(&text, "2 hours", false))),
        "{figures:#?}"
    );
    let second = text.rfind("2 hours").unwrap();
    let want =
        json!({"start": position(&text, second, false), "end": position(&text, second + 7, false)});
    assert!(figures.contains(&("2 hours".into(), want)), "{figures:#?}");
    assert!(s.logged(&["past the end", "a.md"]), "{:#?}", s.logs);
    s.shutdown();

    // UTF-8: a character offset inside "é" clamps to its start.
    let ws = workspace(&[("b.md", THREE)]);
    let mut s = Server::start(ws.path(), &["utf-8"]);
    s.open("a.md", "é The talks lasted 2 hours, Maria Ortega said.\n");
    s.change("a.md", 2, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "Z"}]));
    s.settle();
    let text = "Zé The talks lasted 2 hours, Maria Ortega said.\n";
    let figures = s.figures("a.md");
    assert!(
        figures.contains(&("2 hours".into(), range_of(text, "2 hours", true))),
        "{figures:#?}"
    );
    s.shutdown();
}

#[test]
fn requests_for_unknown_documents_get_empty_answers_not_errors() {
    let ws = workspace(&[("a.md", TWO), ("b.md", THREE)]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    let pos = json!({"line": 0, "character": 3});
    for doc in [
        uri(&s.path("nowhere.md")),
        "file:///nowhere/x.md".into(),
        "untitled:Untitled-1".into(),
    ] {
        let td = json!({"uri": doc});
        for (method, params) in [
            (
                "textDocument/hover",
                json!({"textDocument": td, "position": pos}),
            ),
            (
                "textDocument/definition",
                json!({"textDocument": td, "position": pos}),
            ),
            (
                "textDocument/references",
                json!({"textDocument": td, "position": pos, "context": {"includeDeclaration": true}}),
            ),
            (
                "textDocument/documentHighlight",
                json!({"textDocument": td, "position": pos}),
            ),
            ("textDocument/documentSymbol", json!({"textDocument": td})),
            (
                "textDocument/codeAction",
                json!({"textDocument": td, "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
            ),
        ] {
            let r = s.request(method, params);
            assert!(r.is_null() || r == json!([]), "{method} on {doc}: {r}");
        }
        s.c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 9}, "contentChanges": [{"text": "x"}]}),
        );
        s.c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        );
        s.c.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": doc}}),
        );
    }
    // A document that is not a file is not analysed, and does not crash anything.
    s.c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "untitled:Untitled-2", "languageId": "markdown", "version": 1, "text": "The talks lasted 9 hours."}}),
    );
    // Malformed parameters get a JSON-RPC error; the server goes on.
    let r =
        s.c.request("textDocument/hover", json!({"textDocument": {"uri": 42}}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    s.settle();
    assert!(conflict(&s.diags("a.md")).is_some(), "{:#?}", s.view);
    assert!(!s.view.keys().any(|u| u.starts_with("untitled:")));
    s.shutdown();
}

#[test]
fn a_malformed_config_runs_on_defaults_and_shows_the_error_on_the_file() {
    let ws = workspace(&[
        (
            "crosscheck.toml",
            b"approx_tolerance = 0.2\nmax_file_bytes = [\n",
        ),
        ("a.md", TWO),
        ("b.md", THREE),
    ]);
    let mut s = Server::start(ws.path(), &["utf-16"]);
    let d = s.diags("crosscheck.toml");
    assert_eq!(common::codes(&d), ["config-error"], "{d:#?}");
    assert_eq!(d[0]["severity"], 1);
    assert!(
        d[0]["range"]["start"]["line"].as_u64().unwrap() <= 2,
        "{d:#?}"
    );
    // The articles are still checked, on defaults.
    assert!(conflict(&s.diags("a.md")).is_some(), "{:#?}", s.view);
    // Fixed on disk: the error goes.
    std::fs::write(s.path("crosscheck.toml"), b"approx_tolerance = 0.2\n").unwrap();
    s.watched(&[("crosscheck.toml", 2)]);
    s.settle();
    assert!(s.diags("crosscheck.toml").is_empty(), "{:#?}", s.view);
    assert!(conflict(&s.diags("a.md")).is_some());
    // Broken again with a wrong type.
    std::fs::write(s.path("crosscheck.toml"), b"max_file_bytes = \"big\"\n").unwrap();
    s.watched(&[("crosscheck.toml", 2)]);
    s.settle();
    assert_eq!(s.codes("crosscheck.toml"), ["config-error"]);
    s.shutdown();
}

/// Whether file permissions bind this process (they do not for root).
fn permissions_enforced(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, b"x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let enforced = std::fs::read(&probe).is_err();
    std::fs::remove_file(&probe).unwrap();
    enforced
}

#[test]
fn unreadable_files_and_folders_are_logged_or_read_as_the_os_allows() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace(&[("a.md", TWO), ("locked.md", THREE), ("shut/c.md", THREE)]);
    let enforced = permissions_enforced(ws.path());
    let none = std::fs::Permissions::from_mode(0o000);
    std::fs::set_permissions(ws.path().join("locked.md"), none.clone()).unwrap();
    std::fs::set_permissions(ws.path().join("shut"), none).unwrap();
    let mut s = Server::start(ws.path(), &["utf-16"]);
    if enforced {
        assert!(s.logged(&["locked.md"]), "{:#?}", s.logs);
        assert!(s.logged(&["shut"]), "{:#?}", s.logs);
        assert!(conflict(&s.diags("a.md")).is_none(), "{:#?}", s.view);
    } else {
        // Root reads whatever the mode says: the files are ordinary articles.
        eprintln!("running as root: chmod 000 does not stop reads");
        assert!(conflict(&s.diags("locked.md")).is_some(), "{:#?}", s.view);
        assert!(conflict(&s.diags("shut/c.md")).is_some(), "{:#?}", s.view);
    }
    // A watched event for the locked file follows the same rule and breaks nothing.
    s.watched(&[("locked.md", 2)]);
    s.settle();
    assert_eq!(conflict(&s.diags("locked.md")).is_some(), !enforced);
    let restore = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(ws.path().join("shut"), restore).unwrap();
    s.shutdown();
}

#[test]
fn a_named_pipe_that_looks_like_an_article_never_blocks_the_server() {
    // Nobody, root included, can read a FIFO without a writer: the read blocks.
    let ws = workspace(&[("a.md", TWO), ("b.md", TWO)]);
    let fifo = ws.path().join("pipe.md");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let mut s = Server::start(ws.path(), &["utf-16"]);
    // Scanning skips it (not a regular file); a watched event must not read it either.
    s.watched(&[("pipe.md", 1)]);
    let started = Instant::now();
    let r = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&s.path("a.md"))}}),
    );
    assert!(r.is_array() || r.is_null(), "{r}");
    assert!(started.elapsed() < Duration::from_secs(10));
    s.shutdown();
}

#[test]
fn symlink_loops_are_not_followed() {
    let ws = workspace(&[("a.md", TWO), ("b.md", THREE)]);
    let p = ws.path();
    std::os::unix::fs::symlink(".", p.join("loop")).unwrap();
    std::os::unix::fs::symlink(p, p.join("sub.md")).unwrap();
    std::os::unix::fs::symlink("self.md", p.join("self.md")).unwrap();
    std::os::unix::fs::symlink("y.md", p.join("x.md")).unwrap();
    std::os::unix::fs::symlink("x.md", p.join("y.md")).unwrap();
    let mut s = Server::start(p, &["utf-16"]);
    assert!(conflict(&s.diags("a.md")).is_some(), "{:#?}", s.view);
    s.watched(&[("self.md", 1), ("x.md", 2), ("sub.md", 1), ("loop/a.md", 2)]);
    s.settle();
    let files: Vec<&String> = s.view.keys().collect();
    assert!(files.iter().all(|u| !u.contains("/loop/")), "{files:#?}");
    let d = s.diags("a.md");
    assert_eq!(
        d.iter().filter(|d| d["code"] == "figure-conflict").count(),
        1,
        "{d:#?}"
    );
    assert!(check(p)["files"].as_array().unwrap().len() == 2);
    s.shutdown();
}

#[test]
fn symlinks_leading_outside_the_workspace_are_not_followed() {
    let outside = workspace(&[("secret.md", THREE), ("deep/other.md", THREE)]);
    let ws = workspace(&[("a.md", TWO)]);
    let p = ws.path();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), p.join("link.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("deep"), p.join("linkdir")).unwrap();
    let mut s = Server::start(p, &["utf-16"]);
    assert!(
        conflict(&s.diags("a.md")).is_none(),
        "indexing followed a link out: {:#?}",
        s.view
    );
    // Editors watching the folder report changes through the links too.
    s.watched(&[("link.md", 2), ("linkdir/other.md", 2)]);
    s.settle();
    assert!(
        conflict(&s.diags("a.md")).is_none(),
        "a watched-file event read through a link out of the workspace: {:#?}",
        s.view
    );
    assert_eq!(check(p)["diagnostics"], json!([]));
    s.shutdown();
}

#[test]
fn a_workspace_folder_deleted_while_open_keeps_the_open_article_and_drops_the_rest() {
    let ws = workspace(&[
        ("a.md", b"The talks lasted 2 hours, Maria Ortega said.\n"),
        ("b.md", THREE),
        ("c.md", THREE),
    ]);
    let root = ws.path().to_path_buf();
    let mut s = Server::start(&root, &["utf-16"]);
    let text = "The talks lasted 2 hours, Maria Ortega said.\n";
    s.open("a.md", text);
    s.settle();
    assert!(conflict(&s.diags("a.md")).is_some(), "{:#?}", s.view);
    std::fs::remove_dir_all(&root).unwrap();
    // What an editor's watcher reports: the folder and each file deleted.
    s.watched(&[("b.md", 3), ("c.md", 3), ("", 3)]);
    s.settle();
    assert!(
        s.diags("b.md").is_empty() && s.diags("c.md").is_empty(),
        "{:#?}",
        s.view
    );
    assert!(conflict(&s.diags("a.md")).is_none(), "{:#?}", s.view);
    // The open article is still the editor's and still analysed.
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&s.path("a.md"))}}),
    );
    assert!(
        symbols.as_array().is_some_and(|a| !a.is_empty()),
        "the open article was dropped: {symbols}"
    );
    s.change(
        "a.md",
        2,
        json!([{"text": "The talks lasted 4 hours, Maria Ortega said.\n"}]),
    );
    s.settle();
    // Closed, with nothing on disk: it goes, and its diagnostics are cleared.
    s.c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&s.path("a.md"))}}),
    );
    s.settle();
    assert!(s.diags("a.md").is_empty());
    let r = s.request("workspace/symbol", json!({"query": "Ortega"}));
    assert!(r.is_null() || r == json!([]), "{r}");
    s.shutdown();
}
