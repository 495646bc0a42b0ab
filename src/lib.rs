//! crosscheck cross-checks the figures and names of the news articles in a
//! workspace. See `docs/ARCHITECTURE.md` for the map.
//!
//! Layers, from the bottom: [`span`] and [`prose`] (text), [`figure`], [`entity`] and
//! [`claim`] (pure analysis), [`article`] (one article analysed), [`workspace`] (the
//! index over all articles, producing [`finding::Finding`]s), then the two thin
//! adapters [`cli`] and [`lsp`].

pub mod article;
pub mod cache;
pub mod claim;
pub mod cli;
pub mod config;
pub mod edit;
pub mod entity;
pub mod figure;
pub mod files;
pub mod finding;
pub mod hover;
pub mod lsp;
pub mod prose;
pub mod span;
pub mod story;
pub mod workspace;

use serde::{Deserialize, Serialize};

/// Identifies one article within a workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocId(pub u32);
