//! Code actions: the name-variant quick fix, and silencing a finding — either with an
//! `[[ignore]]` entry written into `crosscheck.toml` or, in Markdown, with a
//! `<!-- crosscheck-ignore -->` line above it.

use super::{convert, doc_id, State};
use crate::config::Ignore;
use crate::finding::{Code, Finding};
use crate::prose::Format;
use std::collections::HashMap;
use tower_lsp_server::ls_types::*;

pub(super) fn code_actions(st: &mut State, p: &CodeActionParams) -> Option<CodeActionResponse> {
    let id = doc_id(st, &p.text_document.uri)?;
    let derived = st.ws.derived();
    let doc = st.ws.doc(id)?;
    let enc = st.encoding;
    let start = convert::offset(doc, p.range.start, enc)?;
    let end = convert::offset(doc, p.range.end, enc).unwrap_or(start);
    let mut actions = Vec::new();
    for f in derived.findings_of(id) {
        if f.span.end < start || f.span.start > end {
            continue;
        }
        let diagnostic = convert::diagnostic(&st.ws, f, enc);
        if let Some(fix) = &f.fix {
            let edit = TextEdit::new(convert::range(doc, fix.span, enc), fix.replacement.clone());
            actions.push(action(
                &fix.title,
                p.text_document.uri.clone(),
                vec![edit],
                diagnostic.clone(),
                true,
            ));
        }
        if let Some(a) = ignore_in_config(st, f, diagnostic.clone()) {
            actions.push(a);
        }
        if doc.format == Format::Markdown {
            let line_start = doc.text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
            let at = convert::range(doc, crate::span::ByteSpan::new(line_start, line_start), enc);
            let edit = TextEdit::new(at, "<!-- crosscheck-ignore -->\n".into());
            actions.push(action(
                "Ignore findings on this line",
                p.text_document.uri.clone(),
                vec![edit],
                diagnostic,
                false,
            ));
        }
    }
    Some(actions)
}

fn action(
    title: &str,
    uri: Uri,
    edits: Vec<TextEdit>,
    diagnostic: Option<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.into(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..Default::default()
        }),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// An edit that appends an `[[ignore]]` entry to the workspace's `crosscheck.toml`,
/// creating the file when there is none.
fn ignore_in_config(
    st: &State,
    f: &Finding,
    diagnostic: Option<Diagnostic>,
) -> Option<CodeActionOrCommand> {
    let doc = st.ws.doc(f.doc)?;
    let root = st.roots.iter().find(|r| doc.path.starts_with(r))?;
    let rel = doc.path.strip_prefix(root).ok()?;
    let entry = Ignore {
        path: Some(rel.to_string_lossy().replace('\\', "/")),
        code: Some(f.code.as_str().to_string()),
        text: (f.code != Code::ConfigError).then(|| f.span.of(&doc.text).to_string()),
    };
    #[derive(serde::Serialize)]
    struct Entries {
        ignore: Vec<Ignore>,
    }
    let body = toml::to_string(&Entries {
        ignore: vec![entry],
    })
    .ok()?;
    let config = root.join("crosscheck.toml");
    let uri = convert::uri_of(&config)?;
    let existing = std::fs::read_to_string(&config).ok();
    let document_changes = match &existing {
        Some(text) => {
            let lines = crate::span::LineIndex::new(text);
            let end = lines.position(text, text.len(), st.encoding);
            let pos = convert::to_lsp_position(end);
            let sep = if text.is_empty() || text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            vec![DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit::new(
                    Range::new(pos, pos),
                    format!("{sep}{body}"),
                ))],
            })]
        }
        None => vec![
            DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            })),
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit::new(Range::default(), body))],
            }),
        ],
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Ignore this finding in crosscheck.toml".into(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(document_changes)),
            ..Default::default()
        }),
        ..Default::default()
    }))
}
