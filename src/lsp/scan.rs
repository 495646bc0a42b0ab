//! Indexing workspace folders: finding and reading every article with work-done
//! progress, in chunks so requests are answered between them, taking what the
//! warm-start cache holds and saving it afterwards; and asking the client to watch
//! article files and `crosscheck.toml`.

use super::{lock, Backend};
use crate::{cache, files, workspace};
use std::path::PathBuf;
use tower_lsp_server::ls_types::*;

/// Articles read and analysed per lock: small enough that a hover never waits long.
const CHUNK: usize = 256;
/// The same when the cache holds the analyses: reading is all that is left to do.
const WARM_CHUNK: usize = 2048;

impl Backend {
    pub(super) async fn index(&self, roots: Vec<PathBuf>) {
        let Ok(config) = self
            .with_state(|st| {
                st.load_config();
                st.ws.config().clone()
            })
            .await
        else {
            return;
        };
        // Walking the folders needs no lock: it runs while the cache is opened.
        let walk = {
            let roots = roots.clone();
            tokio::task::spawn_blocking(move || {
                let mut all = Vec::new();
                let mut problems = Vec::new();
                for r in &roots {
                    let (found, p) = files::scan(r, &config);
                    all.extend(found);
                    problems.extend(p);
                }
                (all, problems)
            })
        };
        // Said once indexing is done, in the same line: an editor's output panel
        // shows a few lines, and each start already prints several.
        let opened = self.with_state(|st| match st.ws.warm() {
            Some(_) => Ok(()),
            None => st.ws.open_cache(),
        });
        let start = match opened.await {
            Ok(Ok(())) => "warm start from the cache".to_string(),
            Ok(Err(why)) => format!("cold start: {why}"),
            Err(_) => "cold start".to_string(),
        };
        let listing = walk.await;
        let Ok((paths, problems)) = listing else {
            return;
        };
        for p in problems {
            self.log(MessageType::WARNING, p).await;
        }
        let token = NumberOrString::String(format!("crosscheck-index-{}", roots.len()));
        let progress = if self
            .client
            .create_work_done_progress(token.clone())
            .await
            .is_ok()
        {
            Some(
                self.client
                    .progress(token, "crosscheck: reading articles")
                    .with_percentage(0)
                    .begin()
                    .await,
            )
        } else {
            None
        };
        let total = paths.len().max(1);
        let mut done = 0;
        let step = if lock(&self.state).ws.warm().is_some() {
            WARM_CHUNK
        } else {
            CHUNK
        };
        for chunk in paths.chunks(step) {
            let chunk = chunk.to_vec();
            let n = chunk.len();
            let (limit, options, warm) = {
                let st = lock(&self.state);
                (
                    st.ws.config().max_file_bytes,
                    st.ws.figure_options(),
                    st.ws.warm(),
                )
            };
            // Read and analyse without the lock; only inserting takes it.
            let (prepared, mut notes) = tokio::task::spawn_blocking(move || {
                workspace::load_many(chunk, limit, &options, warm.as_ref())
            })
            .await
            .unwrap_or_else(|_| {
                (
                    Vec::new(),
                    vec!["analysis failed on a chunk of articles".into()],
                )
            });
            {
                let mut st = lock(&self.state);
                for p in prepared {
                    // The editor's text wins for open articles; a folder removed
                    // meanwhile keeps none of its articles.
                    let under_root = st.roots.iter().any(|r| p.path().starts_with(r));
                    if under_root && !st.open.contains_key(p.path()) {
                        st.ws.insert(p);
                    }
                }
            }
            notes.retain(|n| !n.is_empty());
            for n in notes {
                self.log(MessageType::WARNING, n).await;
            }
            done += n;
            if let Some(p) = &progress {
                let pct = (done * 100 / total) as u32;
                p.report_with_message(format!("{done}/{total} articles"), pct)
                    .await;
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(format!("{done} articles")).await;
        }
        lock(&self.state).indexed = true;
        self.log(
            MessageType::INFO,
            format!("indexed {done} articles ({start})"),
        )
        .await;
        self.publish(None).await;
        self.save_cache().await;
    }

    /// Writes the warm-start cache if it lacks anything computed since it was read
    /// or last written. The state is locked only to gather what to write; the
    /// writing runs on a blocking thread, one save at a time.
    pub(super) async fn save_cache(&self) {
        let _saving = self.saving.lock().await;
        let Ok(Some((file, contents))) = self.with_state(|st| st.ws.to_save()).await else {
            return;
        };
        let written =
            tokio::task::spawn_blocking(move || cache::save(&file, &contents).map(|n| (file, n)))
                .await;
        match written {
            Ok(Ok((file, bytes))) => {
                // Old files of other workspaces go once per server, not at every save.
                if !self.pruned.swap(true, std::sync::atomic::Ordering::Relaxed) {
                    let keep = file.clone();
                    let _ = tokio::task::spawn_blocking(move || cache::prune(&keep)).await;
                }
                let adopt = file.clone();
                let _ = self
                    .with_state(move |st| {
                        let open: Vec<PathBuf> = st.open.keys().cloned().collect();
                        st.ws.adopt(&adopt, |p| open.iter().any(|o| o == p));
                    })
                    .await;
                self.log(
                    MessageType::LOG,
                    format!("cache saved ({} MB)", bytes >> 20),
                )
                .await
            }
            Ok(Err(e)) => {
                self.log(MessageType::WARNING, format!("cache not saved: {e}"))
                    .await
            }
            Err(_) => {}
        }
    }

    /// Asks the client to tell us about article and config files changed on disk.
    pub(super) async fn watch_files(&self) {
        let watchers: Vec<FileSystemWatcher> = ["**/*.{md,markdown,mdx,txt}", "**/crosscheck.toml"]
            .iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*g).to_string()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "crosscheck-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            self.log(
                MessageType::LOG,
                format!("file watching not available: {e}"),
            )
            .await;
        }
    }
}
