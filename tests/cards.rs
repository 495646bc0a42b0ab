//! Snapshot tests of what users read: entity cards (person, organisation, place), the
//! figure card, and a diagnostic as the CLI prints it. Fixtures in `tests/fixtures/cards`
//! are articles written for these tests.

use crosscheck::claim::Member;
use crosscheck::span::ByteSpan;
use crosscheck::workspace::{Document, Workspace};
use std::path::{Path, PathBuf};

fn fixture() -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut ws = Workspace::default();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        // Relative paths keep the snapshots independent of where the repo lives.
        ws.upsert(PathBuf::from(p.file_name().unwrap()), text);
    }
    ws
}

/// A stable stand-in for the editor's file links.
fn link(doc: &Document, span: ByteSpan) -> Option<String> {
    let line = doc.text[..span.start].matches('\n').count() + 1;
    Some(format!("{}#L{line}", doc.path.display()))
}

fn card_for(ws: &mut Workspace, name: &str) -> String {
    let derived = ws.derived();
    let e = derived
        .entities()
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"));
    let here = e.mentions[0].doc;
    crosscheck::hover::entity_card(ws, e, here, &link)
}

#[test]
fn person_card() {
    let mut ws = fixture();
    insta::assert_snapshot!(card_for(&mut ws, "Ana Duvall"));
}

#[test]
fn organisation_card() {
    let mut ws = fixture();
    insta::assert_snapshot!(card_for(&mut ws, "Tessaly Harbour Authority"));
}

#[test]
fn place_card() {
    let mut ws = fixture();
    insta::assert_snapshot!(card_for(&mut ws, "Tessaly"));
}

#[test]
fn figure_card_lists_every_source() {
    let mut ws = fixture();
    let derived = ws.derived();
    let doc = ws.docs().next().unwrap();
    let i = doc
        .analysis()
        .figures
        .iter()
        .position(|f| f.span.of(&doc.text) == "$240 million")
        .expect("the cost figure");
    let card = crosscheck::hover::figure_card(
        &ws,
        &derived,
        Member {
            doc: doc.id,
            figure: i,
        },
        &link,
    )
    .unwrap();
    insta::assert_snapshot!(card);
}

#[test]
fn name_variant_diagnostic_as_the_cli_prints_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env(
            "CROSSCHECK_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .args(["check", "tests/fixtures/cards", "--fail-on", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let variant: String = text
        .split("\n\n")
        .filter(|block| block.starts_with("warning[name-variant]"))
        .collect::<Vec<_>>()
        .join("\n\n");
    insta::assert_snapshot!(variant);
}
