//! Keeping the workspace in step with the editor: open, change, close, files changed
//! on disk, workspace folders, configuration — and publishing the diagnostics of
//! every article whose findings changed, the edited article first.

use super::{convert, lock, Backend, OpenDoc, State};
use crate::config::Config;
use crate::files::{self, Matcher};
use ropey::Rope;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use tower_lsp_server::ls_types::*;

impl Backend {
    pub(super) async fn opened(&self, params: DidOpenTextDocumentParams) {
        let Some(path) = convert::path_of(&params.text_document.uri) else {
            self.log(
                MessageType::LOG,
                format!(
                    "not a file, not analysed: {}",
                    params.text_document.uri.as_str()
                ),
            )
            .await;
            return;
        };
        let first_root = {
            let mut st = lock(&self.state);
            let text = params.text_document.text;
            st.open.insert(
                path.clone(),
                OpenDoc {
                    rope: Rope::from_str(&text),
                },
            );
            st.upsert_open(path.clone(), text);
            // No folder from the client: the opened article's folder is the workspace.
            if st.roots.is_empty() {
                let root = path.parent().map(Path::to_path_buf);
                st.roots.extend(root.clone());
                root
            } else {
                None
            }
        };
        match first_root {
            Some(root) => self.index(vec![root]).await,
            None => self.publish(Some(path)).await,
        }
    }

    pub(super) async fn changed(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(path) = convert::path_of(&uri) else {
            return;
        };
        let problem = {
            let mut guard = lock(&self.state);
            let st: &mut State = &mut guard;
            let enc = st.encoding;
            match st.open.get_mut(&path) {
                None => Some(format!(
                    "change to a document that is not open: {}",
                    uri.as_str()
                )),
                Some(doc) => {
                    let mut exact = true;
                    for change in &params.content_changes {
                        exact &= crate::edit::apply(
                            &mut doc.rope,
                            change.range.map(convert::from_lsp_range),
                            &change.text,
                            enc,
                        );
                    }
                    let text = doc.rope.to_string();
                    st.upsert_open(path.clone(), text);
                    (!exact).then(|| {
                        format!(
                            "edit range past the end of {}; clamped to the end",
                            uri.as_str()
                        )
                    })
                }
            }
        };
        if let Some(p) = problem {
            self.log(MessageType::WARNING, p).await;
        }
        self.publish(Some(path)).await;
    }

    pub(super) async fn closed(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = convert::path_of(&params.text_document.uri) else {
            return;
        };
        // The editor may drop unsaved edits: fall back to what is on disk. Done here,
        // before the first await, like every other change of state: the server runs
        // handlers concurrently, and a close finished later on another thread would land
        // after a quick re-open or a file deletion that the client sent after it.
        {
            let mut st = lock(&self.state);
            st.open.remove(&path);
            let limit = st.ws.config().max_file_bytes;
            match files::read(&path, limit) {
                Ok(l) if st.is_article(&path) => {
                    st.ws.upsert(path, l.text);
                }
                _ => {
                    st.ws.remove(&path);
                }
            }
        }
        self.publish(None).await;
    }

    pub(super) async fn files_changed(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut notes = Vec::new();
        {
            let mut st = lock(&self.state);
            let limit = st.ws.config().max_file_bytes;
            for change in params.changes {
                let Some(path) = convert::path_of(&change.uri) else {
                    continue;
                };
                if path.file_name().is_some_and(|n| n == "crosscheck.toml") {
                    config_changed = true;
                    continue;
                }
                if st.open.contains_key(&path) {
                    continue; // the editor's text wins while the article is open
                }
                if change.typ == FileChangeType::DELETED {
                    if st.ws.remove(&path).is_none() {
                        // A folder; articles open in the editor live on in the editor.
                        st.ws.remove_below(&path);
                        let open: Vec<(PathBuf, String)> = st
                            .open
                            .iter()
                            .filter(|(p, _)| p.starts_with(&path))
                            .map(|(p, d)| (p.clone(), d.rope.to_string()))
                            .collect();
                        for (p, text) in open {
                            st.upsert_open(p, text);
                        }
                    }
                } else if st.is_article(&path) {
                    match files::read(&path, limit) {
                        Ok(l) => {
                            if l.lossy {
                                notes.push(format!("{}: invalid UTF-8 replaced", path.display()));
                            }
                            st.ws.upsert(path, l.text);
                        }
                        Err(skip) => {
                            notes.push(format!("{}: {skip}", path.display()));
                            st.ws.remove(&path);
                        }
                    }
                }
            }
        }
        for n in notes {
            self.log(MessageType::WARNING, n).await;
        }
        if config_changed {
            self.reload_config().await;
        } else {
            self.publish(None).await;
        }
    }

    pub(super) async fn folders_changed(&self, params: DidChangeWorkspaceFoldersParams) {
        let added: Vec<PathBuf> = params
            .event
            .added
            .iter()
            .filter_map(|f| convert::path_of(&f.uri))
            .collect();
        {
            let mut st = lock(&self.state);
            for f in params
                .event
                .removed
                .iter()
                .filter_map(|f| convert::path_of(&f.uri))
            {
                st.roots.retain(|r| r != &f);
                st.ws.remove_below(&f);
            }
            st.roots.extend(added.iter().cloned());
        }
        if added.is_empty() {
            self.publish(None).await;
        } else {
            self.index(added).await;
        }
    }

    /// Re-reads `crosscheck.toml` and the editor settings, then re-publishes.
    pub(super) async fn reload_config(&self) {
        let _ = self.with_state(State::load_config).await;
        self.publish(None).await;
    }

    /// Publishes diagnostics for every article whose findings changed since last
    /// time, `first` before the others. A newer change makes this pass give way.
    pub(super) async fn publish(&self, first: Option<PathBuf>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let counter = self.generation.clone();
        let _sending = self.publishing.lock().await;
        let batch = self
            .with_state(move |st| {
                if counter.load(Ordering::SeqCst) != generation {
                    return Vec::new();
                }
                st.changed_diagnostics(first.as_deref())
            })
            .await
            .unwrap_or_default();
        for (uri, diagnostics) in batch {
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }
}

impl State {
    /// Puts an open article's live text into the workspace, unless it is over
    /// `max_file_bytes`, where the server agrees with `crosscheck check` and skips it.
    pub(super) fn upsert_open(&mut self, path: PathBuf, text: String) {
        let limit = self.ws.config().max_file_bytes;
        if text.len() as u64 > limit {
            eprintln!(
                "crosscheck: {}: {} bytes is over max_file_bytes ({limit}), skipped",
                path.display(),
                text.len()
            );
            self.ws.remove(&path);
        } else {
            self.ws.upsert(path, text);
        }
    }

    /// Whether a path below one of the roots is an article under the current config.
    pub(super) fn is_article(&self, path: &Path) -> bool {
        let matcher = Matcher::new(self.ws.config());
        self.roots.iter().any(|r| {
            path.strip_prefix(r).is_ok_and(|rel| {
                // Through no symlink: the real path must be the path under the root.
                let real = std::fs::canonicalize(path).ok();
                let root = std::fs::canonicalize(r).ok();
                let direct = matches!((real, root), (Some(p), Some(r)) if p == r.join(rel));
                direct && matcher.is_article(rel)
            })
        })
    }

    /// The `crosscheck.toml` of the first root that has one.
    pub(super) fn config_file(&self) -> Option<PathBuf> {
        self.roots
            .iter()
            .map(|r| r.join("crosscheck.toml"))
            .find(|p| p.is_file())
    }

    /// Loads the effective configuration into the workspace.
    pub(super) fn load_config(&mut self) {
        let file = self.config_file();
        let text = file.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
        let (config, problem): (Config, _) =
            Config::merged(self.settings.as_ref(), text.as_deref());
        let problem = problem.map(|e| (file.clone().unwrap_or_default(), e));
        self.ws.set_config(config, problem);
        self.ws.set_roots(self.roots.clone());
    }

    /// Diagnostics that differ from what was last published, as (uri, list) pairs.
    fn changed_diagnostics(&mut self, first: Option<&Path>) -> Vec<(Uri, Vec<Diagnostic>)> {
        let derived = self.ws.derived();
        let before = self.last_published.replace(derived.clone());
        let enc = self.encoding;
        let mut out = Vec::new();
        // Articles that left the workspace: clear what they showed, unless the path is
        // back under a new id — then its new list is sent below, even when empty.
        let gone: Vec<crate::DocId> = self
            .published
            .keys()
            .filter(|&&id| !derived.has(id))
            .copied()
            .collect();
        let mut back: std::collections::HashSet<PathBuf> = Default::default();
        for id in gone {
            let Some((p, _)) = self.published.remove(&id) else {
                continue;
            };
            if self.ws.id_of(&p).is_some() {
                back.insert(p);
            } else if let Some(uri) = convert::uri_of(&p) {
                out.push((p, uri, Vec::new()));
            }
        }
        for (id, findings) in derived.findings_changed_since(before.as_deref()) {
            let Some(doc) = self.ws.doc(id) else {
                continue;
            };
            // An article never shown anything needs no empty list either: most
            // articles of a large workspace have no finding.
            let unchanged = match self.published.get(&id) {
                Some(shown) => shown.1 == findings,
                None => findings.is_empty() && !back.contains(&doc.path),
            };
            if unchanged {
                continue;
            }
            let Some(uri) = convert::uri_of(&doc.path) else {
                continue;
            };
            let diags = findings
                .iter()
                .filter_map(|f| convert::diagnostic(&self.ws, f, enc))
                .collect();
            self.published
                .insert(id, (doc.path.clone(), findings.to_vec()));
            out.push((doc.path.clone(), uri, diags));
        }
        out.extend(self.config_diagnostic());
        if let Some(first) = first {
            out.sort_by_key(|(p, _, _)| p != first);
        }
        out.into_iter().map(|(_, u, d)| (u, d)).collect()
    }

    /// The configuration error as a diagnostic on its file, or a clearing message
    /// once it is fixed.
    fn config_diagnostic(&mut self) -> Option<(PathBuf, Uri, Vec<Diagnostic>)> {
        let problem = self.ws.config_problem().cloned();
        match problem {
            Some((path, e)) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let lines = crate::span::LineIndex::new(&text);
                let (a, b) = e.span.unwrap_or((0, 0));
                let r = lines.range(
                    &text,
                    crate::span::ByteSpan::new(a, b.max(a)),
                    self.encoding,
                );
                let diag = Diagnostic {
                    range: Range::new(
                        convert::to_lsp_position(r.start),
                        convert::to_lsp_position(r.end),
                    ),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("config-error".into())),
                    source: Some("crosscheck".into()),
                    message: format!("{} — running on defaults", e.message),
                    ..Default::default()
                };
                self.config_error_shown = Some(path.clone());
                convert::uri_of(&path).map(|u| (path, u, vec![diag]))
            }
            None => {
                let path = self.config_error_shown.take()?;
                convert::uri_of(&path).map(|u| (path, u, Vec::new()))
            }
        }
    }
}
