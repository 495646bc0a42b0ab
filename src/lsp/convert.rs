//! Conversions at the protocol edge: URIs ↔ paths, LSP positions ↔ byte offsets (in
//! the negotiated encoding), and engine findings → LSP diagnostics.

use crate::finding::{Finding, Severity};
use crate::span::{self, ByteSpan, Encoding};
use crate::workspace::{Document, Workspace};
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

pub fn to_lsp_position(p: span::Position) -> Position {
    Position::new(p.line, p.character)
}

/// An LSP range in the engine's own type.
pub fn from_lsp_range(r: Range) -> span::Range {
    let p = |p: Position| span::Position {
        line: p.line,
        character: p.character,
    };
    span::Range {
        start: p(r.start),
        end: p(r.end),
    }
}

pub fn range(doc: &Document, s: ByteSpan, enc: Encoding) -> Range {
    let r = doc.lines.range(&doc.text, s, enc);
    Range::new(to_lsp_position(r.start), to_lsp_position(r.end))
}

pub fn location(doc: &Document, s: ByteSpan, enc: Encoding) -> Option<Location> {
    Some(Location::new(uri_of(&doc.path)?, range(doc, s, enc)))
}

/// The byte offset of an LSP position in a document, if the line exists.
pub fn offset(doc: &Document, p: Position, enc: Encoding) -> Option<usize> {
    let pos = span::Position {
        line: p.line,
        character: p.character,
    };
    doc.lines.offset(&doc.text, pos, enc)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(ws: &Workspace, f: &Finding, enc: Encoding) -> Option<Diagnostic> {
    let doc = ws.doc(f.doc)?;
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let d = ws.doc(r.doc)?;
            Some(DiagnosticRelatedInformation {
                location: location(d, r.span, enc)?,
                message: r.message.clone(),
            })
        })
        .collect();
    Some(Diagnostic {
        range: range(doc, f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.as_str().to_string())),
        source: Some("crosscheck".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    })
}
