//! The command line on the example workspace: output shapes and exit codes.

use serde_json::Value;
use std::process::Command;

fn crosscheck(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env(
            "CROSSCHECK_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run crosscheck");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const EXAMPLE: &str = "examples/orun-talks";

#[test]
fn check_json_reports_the_meeting_conflict_with_related_sources() {
    let (code, out, _) = crosscheck(&["check", EXAMPLE, "--format", "json"]);
    assert_eq!(code, 1, "a warning makes check fail by default");
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["version"], 1);
    assert_eq!(j["files"].as_array().unwrap().len(), 4);
    let diags = j["diagnostics"].as_array().unwrap();
    let conflict = diags
        .iter()
        .find(|d| {
            d["code"] == "figure-conflict"
                && d["path"]
                    .as_str()
                    .unwrap()
                    .ends_with("02-continental-wire.md")
        })
        .expect("conflict on the wire copy");
    assert_eq!(conflict["severity"], "warning");
    assert!(conflict["path"].as_str().unwrap().starts_with(EXAMPLE));
    let span = &conflict["span"];
    let text = std::fs::read_to_string(format!("{EXAMPLE}/02-continental-wire.md")).unwrap();
    let s = &text[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize];
    assert!(s.starts_with("2-1/2"), "{s}");
    // Every other source that gives the meeting's length is related, also the one
    // whose wording only joins the claim through a source agreeing with it.
    let related = conflict["related"].as_array().unwrap();
    let mut sources: Vec<&str> = related
        .iter()
        .map(|r| r["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "01-harbour-herald.md",
            "03-valley-times.txt",
            "04-evening-post.md"
        ],
        "{related:#?}"
    );
    for r in related {
        assert!(
            r["range"]["start"]["line"].is_u64()
                && r["span"]["end"].is_u64()
                && r["message"].is_string()
        );
    }
}

#[test]
fn check_human_output_reads_like_a_compiler() {
    let (code, out, _) = crosscheck(&["check", EXAMPLE]);
    assert_eq!(code, 1);
    assert!(out.contains("warning[figure-conflict]:"), "{out}");
    assert!(
        out.contains("--> examples/orun-talks/02-continental-wire.md:"),
        "{out}"
    );
    assert!(out.contains("^^^^^"), "{out}");
}

#[test]
fn fail_on_decides_the_exit_code() {
    assert_eq!(crosscheck(&["check", EXAMPLE, "--fail-on", "none"]).0, 0);
    assert_eq!(crosscheck(&["check", EXAMPLE, "--fail-on", "error"]).0, 0);
    assert_eq!(
        crosscheck(&["check", EXAMPLE, "--fail-on", "information"]).0,
        1
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (code, _, err) = crosscheck(&["check", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file or folder"), "{err}");
    assert_eq!(crosscheck(&["check", EXAMPLE, "--format", "yaml"]).0, 2);
    assert_eq!(crosscheck(&["frobnicate"]).0, 2);
    let (code, out, _) = crosscheck(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("crosscheck "));
}

#[test]
fn figures_json_has_the_spec_fields_and_shared_claim_ids() {
    let (code, out, _) = crosscheck(&["figures", EXAMPLE, "--format", "json"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&out).unwrap();
    let figures = j["figures"].as_array().unwrap();
    let meeting: Vec<&Value> = figures
        .iter()
        .filter(|f| f["kind"] == "duration" && f["unit"] == "hour")
        .collect();
    assert!(meeting.len() >= 4, "{meeting:#?}");
    for f in figures {
        for key in [
            "path", "range", "span", "text", "kind", "value", "unit", "low", "high", "hedge",
            "claim",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let two_and_half = meeting
        .iter()
        .find(|f| f["value"] == 2.5)
        .expect("2-1/2 hour read as 2.5");
    assert!(two_and_half["claim"].is_number());
    assert!(meeting
        .iter()
        .any(|f| f["value"] == 2.0 && f["claim"] == two_and_half["claim"]));
}

#[test]
fn entities_json_links_surnames_and_reports_the_misspelling() {
    let (code, out, _) = crosscheck(&["entities", EXAMPLE, "--format", "json"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&out).unwrap();
    let list = j["entities"].as_array().unwrap();
    let ortega = list
        .iter()
        .find(|e| e["name"] == "Maria Ortega")
        .expect("Maria Ortega");
    assert_eq!(ortega["kind"], "person");
    assert!(ortega["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["text"] == "Ortega"));
    let kettil = list
        .iter()
        .find(|e| e["name"] == "Lars Kettil")
        .expect("Lars Kettil");
    let variants = kettil["variants"].as_array().unwrap();
    assert!(
        variants.iter().any(|v| v["text"] == "Lars Kettill"),
        "{kettil:#}"
    );
}

#[test]
fn a_name_variant_links_each_other_source_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "a-northern-ledger.md",
        "b-coast-courier.md",
        "c-river-post.md",
    ] {
        let mut text = std::fs::read_to_string(format!("tests/fixtures/cards/{name}")).unwrap();
        if name.starts_with('a') {
            text.push_str("\nAna Duvall spoke again later. Ana Duvall then left the hall.\n");
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let (_, out, _) = crosscheck(&["check", path, "--format", "json"]);
    let j: Value = serde_json::from_str(&out).unwrap();
    let variant = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "name-variant")
        .expect("the misspelled name is flagged");
    let sources: Vec<&str> = variant["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        sources,
        ["a-northern-ledger.md", "b-coast-courier.md"],
        "{variant:#}"
    );
}
