//! Findings: what crosscheck tells the user about an article — the engine's own
//! diagnostic type, in byte spans, converted to LSP or JSON only at the edges.

use crate::span::ByteSpan;
use crate::DocId;
use serde::{Deserialize, Serialize};

/// The stable codes of SPEC §4–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Code {
    #[serde(rename = "figure-conflict")]
    FigureConflict,
    #[serde(rename = "figure-differs")]
    FigureDiffers,
    #[serde(rename = "name-variant")]
    NameVariant,
    #[serde(rename = "config-error")]
    ConfigError,
}

impl Code {
    pub const ALL: [Code; 4] = [
        Code::FigureConflict,
        Code::FigureDiffers,
        Code::NameVariant,
        Code::ConfigError,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FigureConflict => "figure-conflict",
            Code::FigureDiffers => "figure-differs",
            Code::NameVariant => "name-variant",
            Code::ConfigError => "config-error",
        }
    }
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
    pub fn default_severity(self) -> Severity {
        match self {
            Code::FigureConflict | Code::NameVariant | Code::ConfigError => Severity::Warning,
            Code::FigureDiffers => Severity::Information,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in another article that a finding points to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub doc: DocId,
    pub span: ByteSpan,
    pub message: String,
}

/// A quick fix: replace `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub span: ByteSpan,
    pub replacement: String,
}

/// One diagnostic on one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub doc: DocId,
    pub span: ByteSpan,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}
