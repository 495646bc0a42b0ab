//! The warm-start cache (issue 7): a second load of an unchanged workspace analyses
//! nothing and checks no story, yet gives exactly the findings of a fresh load; an
//! edited article is re-analysed alone; a damaged or stale cache file is detected,
//! never trusted, and rebuilt.

mod common;

use common::example_workspace as workspace_copy;
use crosscheck::cli;
use crosscheck::workspace::Workspace;
use std::path::{Path, PathBuf};

/// Every test of this binary shares one cache folder; each uses its own workspace
/// folder, and the cache keeps one file per workspace.
fn use_test_cache() {
    std::env::set_var(
        "CROSSCHECK_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-tests"),
    );
}

/// The findings as lines naming the file, so two loads compare whatever ids they use.
fn findings(ws: &mut Workspace) -> Vec<String> {
    let derived = ws.derived();
    let mut out: Vec<String> = derived
        .findings()
        .flat_map(|(id, list)| {
            let path = ws.doc(id).unwrap().path.clone();
            list.iter().map(move |f| {
                format!(
                    "{} {} {:?} {} {:?}",
                    path.display(),
                    f.code.as_str(),
                    f.span,
                    f.message,
                    f.related
                        .iter()
                        .map(|r| (r.span, &r.message))
                        .collect::<Vec<_>>()
                )
            })
        })
        .collect();
    out.sort();
    out
}

/// Each entity with its mentions and each claim with its members, as lines.
fn cards(ws: &mut Workspace) -> Vec<String> {
    let derived = ws.derived();
    let mut out: Vec<String> = derived
        .entities()
        .iter()
        .map(|e| format!("{} {:?} {}", e.name, e.kind, e.mentions.len()))
        .chain(
            derived
                .alignment()
                .claims
                .iter()
                .map(|c| format!("{} {}", c.quantity, c.members.len())),
        )
        .collect();
    out.sort();
    out
}

fn load(dir: &Path) -> Workspace {
    cli::load(&[dir.to_path_buf()], true).unwrap()
}

fn save(ws: &mut Workspace) -> PathBuf {
    let (file, contents) = ws.to_save().expect("something to save");
    crosscheck::cache::save(&file, &contents).unwrap();
    file
}

/// Every article's analysis, wherever it came from, equals a fresh one.
fn assert_analyses_fresh(ws: &Workspace, dir: &Path) {
    let again = cli::load(&[dir.to_path_buf()], false).unwrap();
    for d in ws.docs() {
        let f = again.doc(again.id_of(&d.path).unwrap()).unwrap();
        assert_eq!(d.analysis(), f.analysis(), "{}", d.path.display());
    }
}

/// A copy of the example workspace, loaded once (cold) and its cache written.
fn saved_workspace() -> (tempfile::TempDir, Workspace, PathBuf) {
    use_test_cache();
    let dir = workspace_copy();
    let mut ws = load(dir.path());
    assert_eq!(ws.analyses_run(), ws.len());
    let file = save(&mut ws);
    (dir, ws, file)
}

fn fresh(dir: &Path) -> Vec<String> {
    findings(&mut cli::load(&[dir.to_path_buf()], false).unwrap())
}

#[test]
fn a_warm_start_analyses_nothing_and_finds_the_same() {
    let (dir, mut cold, _) = saved_workspace();
    let expected = findings(&mut cold);
    assert!(!expected.is_empty(), "the example has conflicts to find");

    let mut warm = load(dir.path());
    assert_eq!(warm.analyses_run(), 0, "every analysis came from the cache");
    assert_eq!(findings(&mut warm), expected);
    assert_eq!(warm.stories_checked(), 0, "the story came from the cache");
    // Claims and entities are read back when first asked for, the same as computed.
    assert_eq!(cards(&mut warm), cards(&mut cold));
    assert!(warm.to_save().is_none(), "nothing new to write");
    // Analyses decode on demand and equal fresh ones.
    assert_analyses_fresh(&warm, dir.path());
}

#[test]
fn an_article_changed_on_disk_is_reanalysed_alone() {
    let (dir, cold, _) = saved_workspace();
    let first = cold.docs().next().unwrap().path.clone();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replacen("talks", "long talks", 1)).unwrap();
    let mut warm = load(dir.path());
    assert_eq!(warm.analyses_run(), 1);
    assert_eq!(findings(&mut warm), fresh(dir.path()));
    assert_eq!(
        warm.stories_checked(),
        1,
        "the story changed with its article"
    );
}

#[test]
fn a_damaged_cache_file_is_detected_and_rebuilt() {
    let (dir, mut cold, file) = saved_workspace();
    let expected = findings(&mut cold);
    let bytes = std::fs::read(&file).unwrap();

    // A flipped byte inside the first entry: that entry alone fails its checksum.
    let mut flipped = bytes.clone();
    flipped[12] ^= 0x5a;
    std::fs::write(&file, &flipped).unwrap();
    let mut warm = load(dir.path());
    assert_eq!(findings(&mut warm), expected);
    assert_analyses_fresh(&warm, dir.path());

    // Cut short: the whole file is refused, everything is computed and saved anew.
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let mut ws = Workspace::new(Default::default());
    ws.set_roots(vec![dir.path().to_path_buf()]);
    let why = ws.open_cache().unwrap_err();
    assert!(why.contains("damaged"), "{why}");
    let mut cold = load(dir.path());
    assert_eq!(cold.analyses_run(), cold.len());
    assert_eq!(findings(&mut cold), expected);
    save(&mut cold);
    assert_eq!(
        load(dir.path()).analyses_run(),
        0,
        "the rebuilt cache is used"
    );

    // Not a cache file at all.
    std::fs::write(&file, b"hello").unwrap();
    let mut cold = load(dir.path());
    assert_eq!(cold.analyses_run(), cold.len());
    assert_eq!(findings(&mut cold), expected);
}

#[test]
fn a_changed_configuration_makes_the_cache_stale() {
    let (dir, _, _) = saved_workspace();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[rules]\nfigure-differs = \"off\"\n",
    )
    .unwrap();
    let mut warm = load(dir.path());
    assert_eq!(warm.analyses_run(), warm.len(), "nothing trusted");
    assert_eq!(findings(&mut warm), fresh(dir.path()));
}

#[test]
fn after_a_save_analyses_come_back_from_the_file_when_needed() {
    let (dir, mut ws, file) = saved_workspace();
    ws.adopt(&file, |_| false);
    let before = ws.analyses_run();
    // An edit re-checks the story, which needs every article's analysis again.
    let first = ws.docs().next().unwrap().path.clone();
    let text = std::fs::read_to_string(&first)
        .unwrap()
        .replacen("talks", "long talks", 1);
    std::fs::write(&first, &text).unwrap();
    ws.upsert(first, text);
    assert_eq!(findings(&mut ws), fresh(dir.path()));
    assert_eq!(
        ws.analyses_run(),
        before + 1,
        "only the edited article was analysed"
    );
    assert_analyses_fresh(&ws, dir.path());
}

#[test]
fn pruning_removes_cache_files_unused_for_a_month() {
    let (_dir, mut ws, file) = saved_workspace();
    let folder = file.parent().unwrap();
    let old = folder.join("workspace-00000000deadbeef.bin");
    let recent = folder.join("workspace-00000000cafebabe.bin");
    let month_ago = std::time::SystemTime::now() - crosscheck::cache::KEEP_UNUSED * 2;
    for (p, when) in [(&old, month_ago), (&recent, std::time::SystemTime::now())] {
        std::fs::write(p, b"old").unwrap();
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    let first = ws.docs().next().unwrap().path.clone();
    ws.upsert(first, "A new text.".into());
    crosscheck::cache::prune(&save(&mut ws));
    assert!(!old.exists(), "a file unused for two months is removed");
    assert!(recent.exists(), "a recent one stays");
    assert!(file.exists());
    std::fs::remove_file(recent).unwrap();
}

#[test]
fn opening_the_cache_marks_it_used() {
    let (dir, _, file) = saved_workspace();
    // Old, though not so old that another test's save would prune it meanwhile.
    let a_while_ago = std::time::SystemTime::now() - crosscheck::cache::KEEP_UNUSED / 2;
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(a_while_ago)
        .unwrap();
    assert_eq!(load(dir.path()).analyses_run(), 0, "warm");
    let age = std::fs::metadata(&file)
        .unwrap()
        .modified()
        .unwrap()
        .elapsed();
    assert!(age.as_ref().is_ok_and(|a| a.as_secs() < 3600), "{age:?}");
}
