//! `textDocument/hover`: the entity card on a name, the claim card on a figure.

use super::{convert, doc_id, State};
use crate::claim::Member;
use crate::span::{ByteSpan, Encoding};
use crate::workspace::Document;
use tower_lsp_server::ls_types::*;

/// A link that opens an article at a span: `file:///…#L12` (1-based line), which
/// VS Code and most Markdown renderers in editors follow.
pub(super) fn link_to(doc: &Document, span: ByteSpan) -> Option<String> {
    let uri = convert::uri_of(&doc.path)?;
    let line = doc
        .lines
        .position(&doc.text, span.start, Encoding::Utf16)
        .line
        + 1;
    Some(format!("{}#L{line}", uri.as_str()))
}

pub(super) fn hover(st: &mut State, params: &HoverParams) -> Option<Hover> {
    let pos = &params.text_document_position_params;
    let id = doc_id(st, &pos.text_document.uri)?;
    let enc = st.encoding;
    let derived = st.ws.derived();
    let doc = st.ws.doc(id)?;
    let offset = convert::offset(doc, pos.position, enc)?;
    let (markdown, span) = if let Some((e, span)) = derived.entity_at(id, offset) {
        let card = crate::hover::entity_card(&st.ws, derived.entity(e)?, id, &link_to);
        (card, span)
    } else {
        let figures = &doc.analysis().figures;
        let i = figures
            .iter()
            .position(|f| f.span.start <= offset && offset <= f.span.end)?;
        let card =
            crate::hover::figure_card(&st.ws, &derived, Member { doc: id, figure: i }, &link_to)?;
        (card, figures[i].span)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(convert::range(doc, span, enc)),
    })
}
