//! A minimal LSP client that drives the real `crosscheck` binary over stdio, as an
//! editor does: framed JSON-RPC out, a reader thread in, and automatic answers to
//! the server's own requests (capability registration, progress tokens).
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read but not yet consumed by a wait.
    backlog: Vec<Value>,
    next_id: i64,
}

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

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

impl Client {
    pub fn start() -> Client {
        Client::start_with(
            Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                .env(
                    "CROSSCHECK_CACHE_DIR",
                    concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
                )
                .arg("lsp")
                .stderr(Stdio::null()),
        )
    }

    /// Starts a server from a prepared command (its stdin and stdout are piped here).
    /// (Added for issue 8.)
    pub fn start_with(command: &mut Command) -> Client {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start crosscheck lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    pub fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The next message (from the backlog first) that satisfies `pred`; answers the
    /// server's requests on the way.
    pub fn wait_for(&mut self, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&mut pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        let id = m["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    if pred(&m) {
                        return m;
                    }
                    self.backlog.push(m);
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out; backlog: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed its output; backlog: {:#?}", self.backlog)
                }
            }
        }
    }

    /// The next message (from the backlog first) within `timeout`, answering the
    /// server's requests on the way; `None` when nothing came. (Added for issue 8.)
    pub fn next_message(&mut self, timeout: Duration) -> Option<Value> {
        if !self.backlog.is_empty() {
            return Some(self.backlog.remove(0));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        let id = m["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    return Some(m);
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("server closed its output"),
            }
        }
    }

    /// Whether the server process is still running. (Added for issue 8.)
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Starts the server with its stderr (the log) written to `log`. (Added for issue 8.)
    pub fn start_logging_to(log: &Path) -> Client {
        let file = std::fs::File::create(log).expect("create log file");
        Client::start_with(
            Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                .env(
                    "CROSSCHECK_CACHE_DIR",
                    concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
                )
                .arg("lsp")
                .stderr(file),
        )
    }

    /// The next `publishDiagnostics` for `uri` that satisfies `pred`.
    pub fn diagnostics_for(
        &mut self,
        uri: &str,
        mut pred: impl FnMut(&[Value]) -> bool,
    ) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && pred(
                    m["params"]["diagnostics"]
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                )
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(&mut self, root: &Path, encodings: &[&str]) -> Value {
        let uri = uri(root);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "ws"}],
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "window": {"workDoneProgress": true},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                }
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// Shuts down politely and returns the exit status.
    pub fn shutdown(mut self) -> std::process::ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn uri(path: &Path) -> String {
    let s = path.to_string_lossy();
    format!("file://{}", s.replace(' ', "%20"))
}

pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(String::from))
        .collect()
}

/// Copies the example workspace into a fresh temporary folder.
pub fn example_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/orun-talks");
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}
