//! Configuration: `crosscheck.toml` at the workspace root, and the same keys from an
//! editor's settings (SPEC §7b). Parsing never fails the caller: a bad file yields
//! the defaults plus an error to show on that file.

use crate::finding::{Code, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Per-code setting: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// One `[[ignore]]` entry: silences findings matching all the fields given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    pub path: Option<String>,
    pub code: Option<String>,
    pub text: Option<String>,
}

/// A curated note on an entity (`[entities."Name"]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityNote {
    pub description: Option<String>,
    pub link: Option<String>,
    /// The correct spelling, overriding the workspace majority.
    pub spelling: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_bytes: u64,
    pub approx_tolerance: f64,
    pub rules: BTreeMap<Code, RuleLevel>,
    pub ignore: Vec<Ignore>,
    pub entities: BTreeMap<String, EntityNote>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            include: vec!["**/*.md".into(), "**/*.markdown".into(), "**/*.txt".into()],
            exclude: Vec::new(),
            max_file_bytes: 2 * 1024 * 1024,
            approx_tolerance: 0.10,
            rules: BTreeMap::new(),
            ignore: Vec::new(),
            entities: BTreeMap::new(),
        }
    }
}

/// The file's shape; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    max_file_bytes: Option<u64>,
    approx_tolerance: Option<f64>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    ignore: Vec<Ignore>,
    #[serde(default)]
    entities: BTreeMap<String, EntityNote>,
}

/// A configuration problem, with the byte span in the source it concerns if known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub span: Option<(usize, usize)>,
}

impl Config {
    /// Parses TOML text. On error, returns the defaults and the error.
    pub fn from_toml(text: &str) -> (Config, Option<ConfigError>) {
        match toml::from_str::<Raw>(text) {
            Ok(raw) => Config::from_raw(raw),
            Err(e) => (
                Config::default(),
                Some(ConfigError {
                    message: format!("crosscheck.toml: {}", e.message()),
                    span: e.span().map(|r| (r.start, r.end)),
                }),
            ),
        }
    }

    /// Reads settings sent by an editor (JSON with the same keys). Unknown keys are
    /// ignored there, since editors send their own settings alongside.
    pub fn from_json(value: &serde_json::Value) -> (Config, Option<ConfigError>) {
        let mut value = value.clone();
        if let Some(map) = value.as_object_mut() {
            map.retain(|k, _| {
                matches!(
                    k.as_str(),
                    "include"
                        | "exclude"
                        | "max_file_bytes"
                        | "approx_tolerance"
                        | "rules"
                        | "ignore"
                        | "entities"
                )
            });
        }
        match serde_json::from_value::<Raw>(value) {
            Ok(raw) => Config::from_raw(raw),
            Err(e) => (
                Config::default(),
                Some(ConfigError {
                    message: format!("crosscheck settings: {e}"),
                    span: None,
                }),
            ),
        }
    }

    /// The effective configuration: editor settings, with `crosscheck.toml` (shared
    /// with everyone working on the folder) winning key by key.
    pub fn merged(
        settings: Option<&serde_json::Value>,
        file: Option<&str>,
    ) -> (Config, Option<ConfigError>) {
        let mut merged = match settings {
            Some(serde_json::Value::Object(m)) => m.clone(),
            _ => serde_json::Map::new(),
        };
        if let Some(text) = file {
            match toml::from_str::<toml::Table>(text) {
                Ok(table) => {
                    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(table) {
                        merged.extend(m);
                    }
                }
                Err(_) => {
                    // Report the file's own error (with its span), run on the settings.
                    let (_, error) = Config::from_toml(text);
                    let (config, _) = Config::from_json(&serde_json::Value::Object(merged));
                    return (config, error);
                }
            }
            // Unknown keys in the file are errors; in editor settings they are not.
            if let (_, Some(e)) = Config::from_toml(text) {
                let (config, _) = Config::from_json(&serde_json::Value::Object(merged));
                return (config, Some(e));
            }
        }
        Config::from_json(&serde_json::Value::Object(merged))
    }

    fn from_raw(raw: Raw) -> (Config, Option<ConfigError>) {
        let d = Config::default();
        let mut error = None;
        let mut rules = BTreeMap::new();
        for (key, level) in raw.rules {
            let Some(code) = Code::parse(&key) else {
                error = Some(ConfigError {
                    message: format!("crosscheck.toml: unknown rule `{key}`"),
                    span: None,
                });
                continue;
            };
            let level = if level == "off" {
                RuleLevel::Off
            } else if let Some(s) = Severity::parse(&level) {
                RuleLevel::On(s)
            } else {
                error = Some(ConfigError {
                    message: format!(
                        "crosscheck.toml: rule `{key}` takes off, hint, information, warning or error, not `{level}`"
                    ),
                    span: None,
                });
                continue;
            };
            rules.insert(code, level);
        }
        let tolerance = raw.approx_tolerance.unwrap_or(d.approx_tolerance);
        if !(0.0..1.0).contains(&tolerance) {
            error = Some(ConfigError {
                message: "crosscheck.toml: approx_tolerance must be between 0 and 1".into(),
                span: None,
            });
        }
        let config = Config {
            include: raw.include.unwrap_or(d.include),
            exclude: raw.exclude.unwrap_or(d.exclude),
            max_file_bytes: raw.max_file_bytes.unwrap_or(d.max_file_bytes),
            approx_tolerance: if (0.0..1.0).contains(&tolerance) {
                tolerance
            } else {
                d.approx_tolerance
            },
            rules,
            ignore: raw.ignore,
            entities: raw.entities,
        };
        (config, error)
    }

    /// The severity a code reports at, or `None` when it is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.rules.get(&code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(s)) => Some(*s),
            None => Some(code.default_severity()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let (c, e) = Config::from_toml(
            "approx_tolerance = 0.05\n[rules]\nfigure-differs = \"off\"\nname-variant = \"error\"\n[[ignore]]\npath = \"a.md\"\ncode = \"figure-conflict\"\n[entities.\"Antony Blinken\"]\ndescription = \"US Secretary of State\"\n",
        );
        assert_eq!(e, None);
        assert_eq!(c.approx_tolerance, 0.05);
        assert_eq!(c.severity(Code::FigureDiffers), None);
        assert_eq!(c.severity(Code::NameVariant), Some(Severity::Error));
        assert_eq!(c.ignore.len(), 1);
        assert!(c.entities.contains_key("Antony Blinken"));
    }

    #[test]
    fn the_file_wins_over_editor_settings_key_by_key() {
        let settings =
            serde_json::json!({"approx_tolerance": 0.2, "max_file_bytes": 10, "editorOnly": 1});
        let (c, e) = Config::merged(Some(&settings), Some("approx_tolerance = 0.05\n"));
        assert_eq!(e, None);
        assert_eq!(c.approx_tolerance, 0.05);
        assert_eq!(c.max_file_bytes, 10);
    }

    #[test]
    fn a_malformed_file_gives_defaults_and_an_error_with_a_span() {
        let (c, e) = Config::from_toml("approx_tolerance = [\n");
        assert_eq!(c, Config::default());
        let e = e.expect("error");
        assert!(e.message.starts_with("crosscheck.toml"));
        assert!(e.span.is_some());
    }
}
