//! Claims: which figures in different articles report the same real-world quantity,
//! and whether they agree (SPEC §4).
//!
//! Work is split so that an edit costs little: [`context`] reads what each figure of
//! one article measures (done once per article, cached with its analysis); [`align`]
//! joins figures across articles by those contexts and judges each claim.

mod align;
mod calendar;
pub mod lexicon;
mod message;
mod reading;
pub mod term;
mod text;
pub mod verdict;

use crate::entity::Mention;
use crate::figure::Figure;
use crate::span::ByteSpan;
use crate::DocId;
use serde::{Deserialize, Serialize};
use term::Term;

/// What one figure measures, read from its article: the noun it counts or modifies,
/// the predicate governing it, the person an age belongs to, qualifiers and the
/// weighted words of its clause. Built once per article by [`context`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureContext {
    /// Words naming the quantity, for messages ("Meeting duration").
    pub quantity: String,
    /// Synonym class of the counted or modified noun ("man", "piece", "meeting").
    pub noun: Option<String>,
    /// Stems of the other words of the figure's noun phrase ("older", "giant").
    pub modifiers: Vec<String>,
    /// Synonym class of the verb or event word governing the figure ("kill", "launch").
    pub predicate: Option<String>,
    /// Event classes named anywhere in the figure's clause ("shoot", "hospital").
    pub events: Vec<String>,
    /// Content words of the clause (stemmed, synonym classes, names lower-case), with
    /// weights falling with clause distance; heaviest first.
    pub terms: Vec<(Term, f32)>,
    /// Lower-case words of the name the figure is tied to ("28-year-old Dennis Clark").
    pub names: Vec<String>,
    /// For ages: role classes of the person ("partner", "suspect").
    pub roles: Vec<String>,
    /// For ages: the sex the roles imply, when they agree.
    pub sex: Option<lexicon::Sex>,
    /// Words changing the reference ("initially", "more", "including").
    pub qualifiers: Vec<String>,
    /// "N other X": the whole group is N+1.
    pub others: bool,
    /// For clock times: minutes east of UTC of a zone named after the time.
    pub zone: Option<i32>,
    /// Index of the figure's sentence in its article, for parallel structure.
    pub sentence: usize,
    /// Lower-case name words of the figure's sentence: which story it is told in.
    pub anchors: Vec<String>,
    /// Page furniture rather than news ("Updated 10:21 AM", "Posted March 3"): never
    /// part of a claim.
    pub metadata: bool,
    /// A bare number in apposition to a name ("Ann Lee, 24,"): compared as an age.
    pub reads_as_age: bool,
}

/// Reads, for each figure of one article, what it measures.
pub fn context(text: &str, figures: &[Figure], mentions: &[Mention]) -> Vec<FigureContext> {
    reading::context(text, figures, mentions)
}

/// One article's figures and their contexts, as [`align`] reads them.
pub struct DocFigures<'a> {
    pub doc: DocId,
    /// How messages name this article ("Reuters").
    pub label: &'a str,
    pub text: &'a str,
    pub figures: &'a [Figure],
    pub contexts: &'a [FigureContext],
}

/// A figure of one article: `figure` indexes that article's figure list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Member {
    pub doc: DocId,
    pub figure: usize,
}

/// Figures in two or more articles that report one quantity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: usize,
    /// The quantity in words, capitalised for messages ("Meeting duration").
    pub quantity: String,
    pub members: Vec<Member>,
}

/// How a figure stands against the rest of its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Intervals disjoint: `figure-conflict`.
    Conflict,
    /// Stated values differ, intervals overlap: `figure-differs`.
    Differs,
}

/// A figure that disagrees with figures of its claim in other articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub at: Member,
    pub claim: usize,
    pub verdict: Verdict,
    /// One line a journalist reads at a glance.
    pub message: String,
    /// The other articles' figures of the claim, each with a short note.
    pub related: Vec<(Member, ByteSpan, String)>,
}

/// All claims of a workspace and the disagreements within them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub claims: Vec<Claim>,
    pub disagreements: Vec<Disagreement>,
}

/// The evidence score for joining two figures into one claim (`None`: ruled out by
/// kind, unit, noun, magnitude or person), as [`align`] computes it.
pub fn explain(docs: &[DocFigures<'_>], a: Member, b: Member) -> Option<f32> {
    align::explain(docs, a, b)
}

/// Joins figures across articles into claims and judges each.
pub fn align(docs: &[DocFigures<'_>], options: &crate::figure::Options) -> Alignment {
    align::align(docs, options)
}
