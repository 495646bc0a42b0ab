//! Named entities: people, organisations and places — recognised in one article's
//! prose ([`recognise`]), then linked across the workspace into one [`Entity`] per
//! real-world referent with its aliases, roles and spelling variants ([`link`]).
//!
//! Nothing here knows about files or LSP: articles are identified by [`DocId`].

mod gazetteer;
mod link;
mod recognise;
mod variant;

pub use link::link;
pub use recognise::recognise;

use crate::span::ByteSpan;
use crate::DocId;
use serde::{Deserialize, Serialize};

/// What sort of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Other,
}

/// How sure recognition is of a mention's kind: a gazetteer entry, a title or a head
/// word is strong evidence; a bare capitalised pair guessed to be a person is weak.
/// Linking weighs kinds across the workspace by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    Weak,
    Fair,
    Strong,
}

/// One occurrence of a name in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The name as written, without title or possessive ("Jake Sullivan", "SCG").
    pub span: ByteSpan,
    pub kind: EntityKind,
    /// A title or role the article gives the name here ("National Security Advisor").
    pub role: Option<String>,
    /// How sure recognition is of `kind`.
    pub certainty: Certainty,
}

/// One article's mentions, as [`link`] reads them.
pub struct DocMentions<'a> {
    pub doc: DocId,
    pub text: &'a str,
    pub mentions: &'a [Mention],
}

/// Where a mention is: the article and the span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MentionRef {
    pub doc: DocId,
    pub span: ByteSpan,
}

/// A role as one article gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRef {
    pub text: String,
    pub doc: DocId,
}

/// A mention spelled unlike the spelling most sources use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub at: MentionRef,
    /// The variant spelling as written ("Anthony Blinken").
    pub text: String,
    /// What the variant should read ("Antony Blinken").
    pub fix: String,
}

/// One real-world referent across the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The most complete, most common spelling.
    pub name: String,
    pub kind: EntityKind,
    /// Other forms it is named by (surname alone, acronym).
    pub aliases: Vec<String>,
    pub roles: Vec<RoleRef>,
    pub mentions: Vec<MentionRef>,
    pub variants: Vec<Variant>,
}
