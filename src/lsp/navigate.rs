//! Navigation over entities and figures: definition (the fullest mention, this
//! article first), references (every mention in the workspace), highlights (this
//! article's mentions), document symbols and workspace symbols.

use super::{convert, doc_id, State};
use crate::entity::{EntityKind, MentionRef};
use crate::workspace::Derived;
use crate::DocId;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The entity under the cursor: its index and the article asked about.
fn entity_here(st: &mut State, uri: &Uri, pos: Position) -> Option<(Arc<Derived>, usize, DocId)> {
    let id = doc_id(st, uri)?;
    let derived = st.ws.derived();
    let doc = st.ws.doc(id)?;
    let offset = convert::offset(doc, pos, st.encoding)?;
    let (e, _) = derived.entity_at(id, offset)?;
    Some((derived, e, id))
}

fn location(st: &State, m: &MentionRef) -> Option<Location> {
    convert::location(st.ws.doc(m.doc)?, m.span, st.encoding)
}

/// The fullest mention of an entity: the longest, in `prefer` first, earliest.
fn fullest(mentions: &[MentionRef], prefer: DocId) -> Option<&MentionRef> {
    mentions.iter().min_by_key(|m| {
        (
            std::cmp::Reverse(m.span.len()),
            m.doc != prefer,
            m.doc,
            m.span.start,
        )
    })
}

pub(super) fn definition(
    st: &mut State,
    p: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let pos = &p.text_document_position_params;
    let (derived, e, id) = entity_here(st, &pos.text_document.uri, pos.position)?;
    let m = fullest(&derived.entity(e)?.mentions, id)?;
    location(st, m).map(GotoDefinitionResponse::Scalar)
}

pub(super) fn references(st: &mut State, p: &ReferenceParams) -> Option<Vec<Location>> {
    let pos = &p.text_document_position;
    let (derived, e, _) = entity_here(st, &pos.text_document.uri, pos.position)?;
    Some(
        derived
            .entity(e)?
            .mentions
            .iter()
            .filter_map(|m| location(st, m))
            .collect(),
    )
}

pub(super) fn highlight(
    st: &mut State,
    p: &DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    let pos = &p.text_document_position_params;
    let (derived, e, id) = entity_here(st, &pos.text_document.uri, pos.position)?;
    let doc = st.ws.doc(id)?;
    Some(
        derived
            .entity(e)?
            .mentions
            .iter()
            .filter(|m| m.doc == id)
            .map(|m| DocumentHighlight {
                range: convert::range(doc, m.span, st.encoding),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}

fn symbol_kind(k: EntityKind) -> SymbolKind {
    match k {
        EntityKind::Person => SymbolKind::CONSTANT,
        EntityKind::Organisation => SymbolKind::CLASS,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Other => SymbolKind::STRING,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the LSP type
pub(super) fn document_symbols(
    st: &mut State,
    p: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let id = doc_id(st, &p.text_document.uri)?;
    let derived = st.ws.derived();
    let doc = st.ws.doc(id)?;
    let enc = st.encoding;
    let mut symbols = Vec::new();
    for e in derived.entities_of_story(id) {
        let Some(first) = e.mentions.iter().find(|m| m.doc == id) else {
            continue;
        };
        let count = e.mentions.iter().filter(|m| m.doc == id).count();
        let r = convert::range(doc, first.span, enc);
        symbols.push(DocumentSymbol {
            name: e.name.clone(),
            detail: Some(format!("{:?}, {count} here", e.kind).to_lowercase()),
            kind: symbol_kind(e.kind),
            tags: None,
            deprecated: None,
            range: r,
            selection_range: r,
            children: None,
        });
    }
    for f in &doc.analysis().figures {
        let r = convert::range(doc, f.span, enc);
        symbols.push(DocumentSymbol {
            name: f.span.of(&doc.text).to_string(),
            detail: Some(format!("{} · {}", f.kind.as_str(), crate::hover::say(f))),
            kind: SymbolKind::NUMBER,
            tags: None,
            deprecated: None,
            range: r,
            selection_range: r,
            children: None,
        });
    }
    symbols.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    Some(DocumentSymbolResponse::Nested(symbols))
}

/// Whether the query's characters appear in order in the name (case-insensitive).
fn fuzzy(query: &str, name: &str) -> bool {
    let mut chars = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|c| c == q))
}

#[allow(deprecated)]
pub(super) fn workspace_symbols(
    st: &mut State,
    p: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    let derived = st.ws.derived();
    let mut hits: Vec<SymbolInformation> = derived
        .entities()
        .iter()
        .filter(|e| fuzzy(&p.query, &e.name))
        .filter_map(|e| {
            let m = fullest(&e.mentions, DocId(u32::MAX))?;
            Some(SymbolInformation {
                name: e.name.clone(),
                kind: symbol_kind(e.kind),
                tags: None,
                deprecated: None,
                location: location(st, m)?,
                container_name: Some(format!("{} mentions", e.mentions.len())),
            })
        })
        .collect();
    hits.sort_by(|a, b| a.name.len().cmp(&b.name.len()).then(a.name.cmp(&b.name)));
    hits.truncate(200);
    Some(WorkspaceSymbolResponse::Flat(hits))
}

#[cfg(test)]
mod tests {
    use super::fuzzy;

    #[test]
    fn fuzzy_matches_in_order_ignoring_case() {
        assert!(fuzzy("ablink", "Antony Blinken"));
        assert!(fuzzy("", "Rafah"));
        assert!(!fuzzy("zz", "Rafah"));
    }
}
