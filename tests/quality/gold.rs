//! The gold annotations of `../shared/gold/` (format in its README), loaded as data.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct GoldSet {
    pub cluster: String,
    pub root: Option<String>,
    pub docs: Vec<GoldDoc>,
    pub figures: Vec<GoldFigure>,
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub lookalikes: Vec<Lookalike>,
    pub entities: Vec<GoldEntity>,
}

#[derive(Debug, Deserialize)]
pub struct GoldDoc {
    pub doc: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldFigure {
    pub id: String,
    pub doc: String,
    pub kind: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub resolved: Option<serde_json::Value>,
    pub claim: Option<String>,
    /// exact, approx, lower, upper or range.
    #[serde(default)]
    pub bound: Option<String>,
    #[serde(default)]
    pub optional: Option<bool>,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub id: String,
    pub verdict: String,
    #[serde(default)]
    pub optional: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct Lookalike {
    pub a: String,
    pub b: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub optional: Option<bool>,
    pub mentions: Vec<GoldSpan>,
    pub variants: Vec<GoldVariant>,
}

#[derive(Debug, Deserialize)]
pub struct GoldSpan {
    pub doc: String,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Debug, Deserialize)]
pub struct GoldVariant {
    pub doc: String,
    #[serde(default)]
    pub optional: Option<bool>,
    #[serde(default)]
    pub tie: Option<bool>,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl GoldFigure {
    pub fn optional(&self) -> bool {
        self.optional == Some(true) || self.kind == "other"
    }
}

impl GoldSet {
    /// The folder holding this set's articles.
    pub fn folder(&self, shared: &Path) -> PathBuf {
        match &self.root {
            Some(r) => shared.join(r),
            None => shared.join("corpus/clusters").join(&self.cluster),
        }
    }
}

/// `../shared` beside the project, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.join("gold").is_dir().then_some(dir)
}

/// The seeds first, then the dev clusters in name order.
pub fn load_all(shared: &Path) -> Vec<GoldSet> {
    let mut paths = vec![shared.join("gold/seeds.json")];
    let mut clusters: Vec<PathBuf> = std::fs::read_dir(shared.join("gold/clusters"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    clusters.retain(|p| p.extension().is_some_and(|e| e == "json"));
    clusters.sort();
    paths.extend(clusters);
    paths
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}
