//! One article analysed: its prose, figures, entity mentions and figure contexts —
//! everything that depends on this article's text alone, so it can be cached by
//! content and recomputed only when that text changes.

use crate::claim::{self, FigureContext};
use crate::entity::{self, Mention};
use crate::figure::{self, Figure};
use crate::prose::{self, Format};

/// The analysis of one article's text.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    pub figures: Vec<Figure>,
    pub mentions: Vec<Mention>,
    /// One context per figure, same order.
    pub contexts: Vec<FigureContext>,
    /// Byte offsets of lines preceded by a `<!-- crosscheck-ignore -->` line.
    pub ignored_lines: Vec<usize>,
}

/// Analyses one article.
pub fn analyse(text: &str, format: Format, options: &figure::Options) -> Analysis {
    let prose = prose::mask(text, format);
    let figures = figure::extract(&prose, options);
    let mentions = entity::recognise(&prose);
    let contexts = claim::context(&prose, &figures, &mentions);
    let ignored_lines = if format == Format::Markdown {
        ignore_markers(text)
    } else {
        Vec::new()
    };
    Analysis {
        figures,
        mentions,
        contexts,
        ignored_lines,
    }
}

/// Start offsets of the lines that follow an ignore comment.
fn ignore_markers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut pending = false;
    for line in text.split_inclusive('\n') {
        if pending {
            out.push(offset);
        }
        pending = line.trim() == "<!-- crosscheck-ignore -->";
        offset += line.len();
    }
    out
}
