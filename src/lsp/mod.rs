//! The language server (SPEC §6): a thin adapter that keeps a [`Workspace`] in step
//! with the editor and answers from it. Only this module knows LSP types.
//!
//! Threading: the workspace sits behind a mutex and all CPU work on it runs in
//! `spawn_blocking`, so the protocol task stays free to answer while indexing.
//! Nothing here prints to stdout, which carries the protocol.

mod actions;
mod convert;
mod hover;
mod navigate;
mod scan;
mod sync;

use crate::finding::Finding;
use crate::span::Encoding;
use crate::workspace::Workspace;
use crate::DocId;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// Requests tower-lsp runs at once. Its default of 4 lets a few slow requests stall
/// hovers behind them; ours answer from memory, so more can run together.
const CONCURRENCY: usize = 32;

/// An article the editor has open: its live text as a rope, for cheap edits.
struct OpenDoc {
    rope: Rope,
}

/// Everything the server knows, behind one lock.
#[derive(Default)]
struct State {
    ws: Workspace,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    open: HashMap<PathBuf, OpenDoc>,
    /// What was last published per article (with its path, to clear it once the article
    /// is gone), so only changes are sent. Keyed by id: an edit compares every article's
    /// findings, and hashing an id is far cheaper than hashing a path.
    published: rustc_hash::FxHashMap<DocId, (PathBuf, Vec<Finding>)>,
    /// The results `published` was brought up to date with: only stories recomputed
    /// since need comparing.
    last_published: Option<Arc<crate::workspace::Derived>>,
    /// Settings from the editor (initializationOptions, didChangeConfiguration).
    settings: Option<serde_json::Value>,
    /// The `crosscheck.toml` whose error is currently shown, if any.
    config_error_shown: Option<PathBuf>,
    indexed: bool,
}

/// The server.
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Bumped by every change; a publish pass that sees a newer value stops early.
    generation: Arc<AtomicU64>,
    /// Held from computing a batch of diagnostics until it is sent, so batches of two
    /// changes never interleave and a stale list never arrives last.
    publishing: tokio::sync::Mutex<()>,
    /// Held while the warm-start cache is written: one writer at a time.
    saving: tokio::sync::Mutex<()>,
    /// Whether old cache files have been cleared out in this run.
    pruned: std::sync::atomic::AtomicBool,
}

impl Backend {
    fn new(client: Client) -> Self {
        Backend {
            client,
            state: Arc::new(Mutex::new(State::default())),
            generation: Arc::new(AtomicU64::new(0)),
            publishing: tokio::sync::Mutex::new(()),
            saving: tokio::sync::Mutex::new(()),
            pruned: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Runs `f` on the state in a blocking thread; a panic inside becomes an
    /// internal error for this request instead of taking the server down.
    async fn with_state<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut State) -> T + Send + 'static,
    {
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = lock(&state);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut guard)))
        })
        .await
        .map_err(|_| Error::internal_error())?
        .map_err(|_| {
            let mut e = Error::internal_error();
            e.message = "crosscheck: internal error while answering; see the server log".into();
            e
        })
    }

    /// Logs to the client, and to stderr unless it is mere detail (`LOG`): editors
    /// such as VS Code show both in one panel, where every line costs room.
    async fn log(&self, kind: MessageType, message: impl Into<String>) {
        let message = message.into();
        if kind != MessageType::LOG {
            eprintln!("crosscheck: {message}");
        }
        self.client.log_message(kind, message).await;
    }
}

/// Locks the state even if a panicking thread poisoned it: the data stays usable
/// because every mutation leaves it consistent before it can panic.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|p| p.into_inner())
}

fn doc_id(state: &State, uri: &Uri) -> Option<DocId> {
    convert::path_of(uri).and_then(|p| state.ws.id_of(&p))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|list| list.contains(&PositionEncodingKind::UTF8));
        let encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| convert::path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(convert::path_of) {
                roots.push(p);
            }
        }
        {
            let mut st = lock(&self.state);
            st.encoding = encoding;
            st.roots = roots;
            st.settings = params.initialization_options.clone();
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "crosscheck".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // The cache opens before anything else: articles the editor opens while the
        // folders are being read are then taken from it too.
        let _ = self
            .with_state(|st| {
                st.load_config();
                st.ws.open_cache()
            })
            .await;
        self.watch_files().await;
        let roots = lock(&self.state).roots.clone();
        self.index(roots).await;
    }

    async fn shutdown(&self) -> Result<()> {
        // Edits since the last save make the next start warm too.
        self.save_cache().await;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.opened(params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.changed(params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.closed(params).await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        // The live text is already analysed; saving changes nothing we read.
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.files_changed(params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = match params.settings {
            serde_json::Value::Object(mut m) if m.contains_key("crosscheck") => {
                m.remove("crosscheck").unwrap_or_default()
            }
            other => other,
        };
        lock(&self.state).settings = (!settings.is_null()).then_some(settings);
        self.reload_config().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.folders_changed(params).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.with_state(move |st| hover::hover(st, &params)).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.with_state(move |st| navigate::definition(st, &params))
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.with_state(move |st| navigate::references(st, &params))
            .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.with_state(move |st| navigate::highlight(st, &params))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.with_state(move |st| navigate::document_symbols(st, &params))
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.with_state(move |st| navigate::workspace_symbols(st, &params))
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.with_state(move |st| actions::code_actions(st, &params))
            .await
    }
}

/// Serves LSP on stdio until the client says exit; returns the exit code.
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("crosscheck: cannot start the async runtime: {e}");
            return 2;
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .concurrency_level(CONCURRENCY)
            .serve(service)
            .await;
    });
    0
}
