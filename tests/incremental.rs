//! Incrementality, proved by counting work rather than timing it: an edit re-analyses
//! only the edited article and re-checks only its story, and what the workspace then
//! reports equals a from-scratch analysis of the final texts.

use crosscheck::workspace::Workspace;
use std::path::PathBuf;

fn example_articles() -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/orun-talks");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// Every article's findings, by id.
fn findings(
    d: &crosscheck::workspace::Derived,
) -> std::collections::BTreeMap<crosscheck::DocId, Vec<crosscheck::finding::Finding>> {
    d.findings().map(|(id, f)| (id, f.to_vec())).collect()
}

fn from_scratch(articles: &[(PathBuf, String)]) -> Workspace {
    let mut ws = Workspace::default();
    for (p, t) in articles {
        ws.upsert(p.clone(), t.clone());
    }
    ws
}

#[test]
fn an_edit_reanalyses_one_article_and_matches_a_fresh_analysis() {
    let mut articles = example_articles();
    let mut ws = from_scratch(&articles);
    ws.derived();
    assert_eq!(ws.analyses_run(), articles.len());

    let n = articles.len();
    articles[1].1 = articles[1].1.replace("2-1/2 hour", "two-hour");
    let (path, text) = articles[1].clone();
    ws.upsert(path.clone(), text.clone());
    assert_eq!(ws.analyses_run(), n + 1, "only the edited article");
    // Re-sending identical text costs nothing.
    ws.upsert(path, text);
    assert_eq!(ws.analyses_run(), n + 1);

    let after = ws.derived();
    let fresh = from_scratch(&articles).derived();
    assert_eq!(findings(&after), findings(&fresh));
    assert_eq!(after.alignment(), fresh.alignment());
}

/// Two articles per story, each pair tied by a name of its own and disagreeing on a
/// meeting's length; more stories than a workspace checks as one.
fn archive(stories: usize) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for s in 0..stories {
        let name = format!("Minister Ada Quill{s}");
        let a = format!(
            "Council of Brenvale{s} agrees harbour plan\n\n{name} said on Monday that the \
             Council of Brenvale{s} had approved the harbour plan after a meeting that lasted two hours.\n"
        );
        let b = format!(
            "Harbour plan approved in Brenvale{s}\n\nThe 2-1/2 hour meeting of the Council of \
             Brenvale{s} ended with a vote, {name} told reporters on Monday.\n"
        );
        out.push((PathBuf::from(format!("archive/{s:03}-a.txt")), a));
        out.push((PathBuf::from(format!("archive/{s:03}-b.txt")), b));
    }
    out
}

#[test]
fn in_a_large_workspace_an_edit_rechecks_only_its_story() {
    let mut articles = archive(40);
    let mut ws = from_scratch(&articles);
    let before = ws.derived();
    let flagged = before.findings().filter(|(_, f)| !f.is_empty()).count();
    assert!(
        flagged >= 40,
        "the archive's conflicts are found: {flagged} articles flagged"
    );
    let checked = ws.stories_checked();
    assert!(checked >= 40, "each story checked once: {checked}");

    articles[7].1 = articles[7].1.replace("2-1/2 hour", "two-hour");
    let (path, text) = articles[7].clone();
    ws.upsert(path, text);
    let after = ws.derived();
    assert_eq!(
        ws.stories_checked(),
        checked + 1,
        "only the edited article's story"
    );

    let fresh = from_scratch(&articles).derived();
    assert_eq!(findings(&after), findings(&fresh));
}

#[test]
fn an_entity_found_through_its_story_is_the_one_the_workspace_lists() {
    let mut ws = from_scratch(&archive(40));
    let d = ws.derived();
    let all = d.entities();
    assert!(all.len() > 40, "entities in every story: {}", all.len());
    for (i, e) in all.iter().enumerate() {
        assert_eq!(d.entity(i), Some(e), "entity {i}");
    }
    assert_eq!(d.entity(all.len()), None);
    let doc = ws.docs().next().unwrap().id;
    let near = d.entities_of_story(doc);
    assert!(near.len() < all.len(), "one story's entities, not all");
    assert!(near.iter().any(|e| e.mentions.iter().any(|m| m.doc == doc)));
}
