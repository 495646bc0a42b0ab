//! End to end: the real binary over stdio, driven as an editor drives it.

mod common;

use common::{codes, example_workspace, uri, Client};
use serde_json::{json, Value};
use std::path::Path;

/// The LSP position (UTF-16) of the first occurrence of `needle` in a file.
fn position_of(path: &Path, needle: &str) -> (u32, u32) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {}", path.display()));
    let line = text[..at].matches('\n').count() as u32;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..at].encode_utf16().count() as u32;
    (line, character)
}

fn has_conflict(d: &[Value]) -> bool {
    codes(d).iter().any(|c| c == "figure-conflict")
}

#[test]
fn an_edit_that_settles_a_conflict_clears_it_in_every_article() {
    let ws = example_workspace();
    let wire = ws.path().join("02-continental-wire.md");
    let herald = ws.path().join("01-harbour-herald.md");
    let mut c = Client::start();
    let init = c.initialize(ws.path(), &["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    // Indexing publishes for unopened articles too.
    let diags = c.diagnostics_for(&uri(&wire), has_conflict);
    let conflict = diags
        .iter()
        .find(|d| d["code"] == "figure-conflict")
        .unwrap();
    let (line, character) = position_of(&wire, "2-1/2 hour");
    assert_eq!(
        conflict["range"]["start"],
        json!({"line": line, "character": character})
    );
    let related = conflict["relatedInformation"]
        .as_array()
        .expect("related information");
    assert!(
        related.iter().any(|r| r["location"]["uri"] == uri(&herald)),
        "{related:#?}"
    );
    c.diagnostics_for(&uri(&herald), has_conflict);

    // Bring the lone "2-1/2 hour" in line with the others.
    let text = std::fs::read_to_string(&wire).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&wire), "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&wire), "version": 2},
               "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                             "end": {"line": line, "character": character + 10}},
                                   "text": "two-hour"}]}),
    );
    c.diagnostics_for(&uri(&wire), |d| !has_conflict(d));
    c.diagnostics_for(&uri(&herald), |d| !has_conflict(d));
    assert!(c.shutdown().success());
}

#[test]
fn hover_on_a_surname_shows_the_full_card() {
    let ws = example_workspace();
    let herald = ws.path().join("01-harbour-herald.md");
    let mut c = Client::start();
    c.initialize(ws.path(), &["utf-16"]);
    c.diagnostics_for(&uri(&herald), |_| true);
    let (line, character) = position_of(&herald, "Ortega told");
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&herald)}, "position": {"line": line, "character": character + 2}}),
    );
    let card = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(card.contains("Maria Ortega"), "{card}");
    assert!(card.contains("person"), "{card}");
    assert!(
        card.contains("Continental Wire"),
        "mentions per source: {card}"
    );
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&herald)}, "position": {"line": line, "character": character},
               "context": {"includeDeclaration": true}}),
    );
    let files: std::collections::HashSet<&str> = refs["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["uri"].as_str())
        .collect();
    assert_eq!(files.len(), 4, "{refs}");
    assert!(c.shutdown().success());
}

#[test]
fn emoji_before_a_figure_gives_exact_positions_in_each_encoding() {
    for (encoding, unit_len) in [("utf-16", 2u32), ("utf-8", 4u32)] {
        let ws = example_workspace();
        let wire = ws.path().join("02-continental-wire.md");
        let text = std::fs::read_to_string(&wire)
            .unwrap()
            .replace("The 2-1/2 hour", "😀 The 2-1/2 hour");
        std::fs::write(&wire, &text).unwrap();
        let mut c = Client::start();
        let init = c.initialize(ws.path(), &[encoding]);
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], encoding);
        let diags = c.diagnostics_for(&uri(&wire), has_conflict);
        let d = diags
            .iter()
            .find(|d| d["code"] == "figure-conflict")
            .unwrap();
        let line_text = text.lines().find(|l| l.contains("2-1/2 hour")).unwrap();
        let before = &line_text[..line_text.find("2-1/2").unwrap()];
        let expected = before.chars().filter(|&c| c != '😀').count() as u32 + unit_len;
        assert_eq!(d["range"]["start"]["character"], expected, "{encoding}");
        assert!(c.shutdown().success());
    }
}

#[test]
fn bad_input_is_skipped_or_rejected_and_the_server_keeps_answering() {
    let ws = example_workspace();
    std::fs::write(ws.path().join("binary.md"), b"PK\x03\x04\0\0\x14 two hours").unwrap();
    std::fs::write(
        ws.path().join("latin1.txt"),
        b"Caf\xe9 owners said the talks lasted 2 hours.",
    )
    .unwrap();
    std::fs::write(ws.path().join("empty.md"), b"").unwrap();
    std::fs::write(
        ws.path().join("crlf.md"),
        b"# Notes\r\n\r\nThe talks lasted two hours.\r\n",
    )
    .unwrap();
    let crlf = ws.path().join("crlf.md");
    let mut c = Client::start();
    c.initialize(ws.path(), &["utf-16"]);
    c.diagnostics_for(&uri(&ws.path().join("01-harbour-herald.md")), |_| true);

    // An edit far past the end is clamped, not fatal.
    let text = std::fs::read_to_string(&crlf).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&crlf), "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&crlf), "version": 2},
               "contentChanges": [{"range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 4}},
                                   "text": "\r\nMore text."}]}),
    );
    // Changes to documents never opened and requests for unknown ones are harmless.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/x.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r.get("error").is_none() && r["result"].is_null(), "{r}");
    // An unknown method gets a JSON-RPC error, not silence.
    let r = c.request("crosscheck/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // The server still answers real requests.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&crlf)}}),
    );
    assert!(r["result"].is_array(), "{r}");
    assert!(c.shutdown().success());
}

#[test]
fn a_second_start_is_warm_and_publishes_the_same() {
    let ws = example_workspace();
    let wire = uri(&ws.path().join("02-continental-wire.md"));
    let cache = tempfile::tempdir().unwrap();
    let start = || {
        Client::start_with(
            std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                .env("CROSSCHECK_CACHE_DIR", cache.path())
                .arg("lsp")
                .stderr(std::process::Stdio::null()),
        )
    };
    let log_says = |c: &mut Client, words: &str| {
        c.wait_for(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains(words))
        });
    };
    let mut c = start();
    c.initialize(ws.path(), &["utf-16"]);
    log_says(&mut c, "cold start");
    let cold = c.diagnostics_for(&wire, has_conflict);
    log_says(&mut c, "cache saved");
    c.shutdown();

    let mut c = start();
    c.initialize(ws.path(), &["utf-16"]);
    log_says(&mut c, "warm start");
    assert_eq!(c.diagnostics_for(&wire, has_conflict), cold);
    c.shutdown();
}
