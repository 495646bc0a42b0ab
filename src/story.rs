//! Stories: which articles of a workspace tell one story, so that they are checked
//! against each other and not against the rest.
//!
//! A reporter's folder is usually one story, and then this changes nothing: a
//! workspace of up to [`ONE_STORY`] articles is one story. A larger workspace (an
//! archive, a desk's whole week) is split by the rare multi-word names articles share
//! ("Cleveland Smelley", "Strategic Consultative Group"): two reports of one event
//! name the same people and bodies, unrelated reports do not. Splitting keeps
//! unrelated articles from being compared (no false alarms between stories) and lets
//! an edit recompute only its own story.

use crate::entity::Mention;
use crate::DocId;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Workspaces up to this size are checked as one story, whatever they share.
pub const ONE_STORY: usize = 64;
/// A name in more articles than this is too common to say two articles tell one
/// story ("Donald Trump" in an archive).
const MAX_KEY_ARTICLES: usize = 32;
/// A story stops growing at this size: past it, names join unrelated coverage. The
/// largest real multi-outlet clusters we have seen hold 25 reports; a story is never
/// bigger than the folder a reporter keeps for one ([`ONE_STORY`]), and an edit
/// re-checks at most this many articles.
const MAX_STORY: usize = ONE_STORY;

/// The names of one article that can tie it to others: distinct multi-word names,
/// lower-cased.
pub fn keys(text: &str, mentions: &[Mention]) -> Vec<String> {
    let mut keys: Vec<String> = mentions
        .iter()
        .map(|m| m.span.of(text))
        .filter(|t| t.split_whitespace().count() >= 2)
        .map(|t| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Which articles carry each key; kept up to date as articles come and go.
#[derive(Default, Debug)]
pub struct Index {
    postings: HashMap<String, BTreeSet<DocId>>,
    docs: BTreeSet<DocId>,
    /// The stories as last split; cleared whenever an article or a key comes or goes,
    /// so that typing, which rarely changes an article's names, costs no re-split.
    split: std::sync::OnceLock<Arc<Split>>,
}

/// The workspace cut into stories.
#[derive(Debug, Default)]
pub struct Split {
    /// Each story a sorted list of articles; every article is in exactly one.
    pub stories: Vec<Vec<DocId>>,
    /// The index in `stories` of each article's story.
    pub story_of: HashMap<DocId, usize>,
}

impl Index {
    pub fn insert(&mut self, doc: DocId, keys: &[String]) {
        self.split = std::sync::OnceLock::new();
        self.docs.insert(doc);
        for k in keys {
            match self.postings.get_mut(k) {
                Some(p) => {
                    p.insert(doc);
                }
                None => {
                    self.postings.insert(k.clone(), BTreeSet::from([doc]));
                }
            }
        }
    }

    pub fn remove(&mut self, doc: DocId, keys: &[String]) {
        self.split = std::sync::OnceLock::new();
        self.docs.remove(&doc);
        for k in keys {
            if let Some(p) = self.postings.get_mut(k) {
                p.remove(&doc);
                if p.is_empty() {
                    self.postings.remove(k);
                }
            }
        }
    }

    /// The stories, each a sorted list of articles; every article is in exactly one.
    pub fn stories(&self) -> Arc<Split> {
        self.split
            .get_or_init(|| {
                let stories = self.split();
                let story_of = stories
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.iter().map(move |&d| (d, i)))
                    .collect();
                Arc::new(Split { stories, story_of })
            })
            .clone()
    }

    fn split(&self) -> Vec<Vec<DocId>> {
        if self.docs.len() <= ONE_STORY {
            return vec![self.docs.iter().copied().collect()];
        }
        let index: HashMap<DocId, usize> =
            self.docs.iter().enumerate().map(|(i, d)| (*d, i)).collect();
        let mut parent: Vec<usize> = (0..self.docs.len()).collect();
        let mut size = vec![1usize; self.docs.len()];
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        // Rarest names first: they are the surest sign of one story.
        let mut keys: Vec<(&String, &BTreeSet<DocId>)> = self
            .postings
            .iter()
            .filter(|(_, p)| p.len() >= 2 && p.len() <= MAX_KEY_ARTICLES)
            .collect();
        keys.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.0.cmp(b.0)));
        for (_, docs) in keys {
            let mut it = docs.iter().map(|d| index[d]);
            let Some(first) = it.next() else { continue };
            for other in it {
                let (a, b) = (find(&mut parent, first), find(&mut parent, other));
                if a != b && size[a] + size[b] <= MAX_STORY {
                    let (big, small) = if size[a] >= size[b] { (a, b) } else { (b, a) };
                    parent[small] = big;
                    size[big] += size[small];
                }
            }
        }
        let ids: Vec<DocId> = self.docs.iter().copied().collect();
        let mut groups: HashMap<usize, Vec<DocId>> = HashMap::default();
        for (i, d) in ids.iter().enumerate() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(*d);
        }
        let mut stories: Vec<Vec<DocId>> = groups.into_values().collect();
        stories.sort();
        stories
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(u32, &[&str])]) -> Index {
        let mut ix = Index::default();
        for (d, keys) in docs {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            ix.insert(DocId(*d), &keys);
        }
        ix
    }

    #[test]
    fn a_small_workspace_is_one_story() {
        let ix = index(&[(0, &["ana duvall"]), (1, &["lars kettil"])]);
        assert_eq!(ix.stories().stories, vec![vec![DocId(0), DocId(1)]]);
    }

    #[test]
    fn a_large_workspace_splits_by_shared_rare_names() {
        let mut docs: Vec<(u32, Vec<String>)> = Vec::new();
        for i in 0..100u32 {
            // Pairs of articles share a name; every article names a common figure.
            docs.push((i, vec![format!("person {}", i / 2), "famous name".into()]));
        }
        let mut ix = Index::default();
        for (d, k) in &docs {
            ix.insert(DocId(*d), k);
        }
        let stories = ix.stories().stories.clone();
        assert_eq!(stories.len(), 50);
        assert!(stories.iter().all(|s| s.len() == 2));
        ix.remove(DocId(1), &docs[1].1);
        assert_eq!(ix.stories().stories.len(), 50, "article 0 now stands alone");
    }
}
