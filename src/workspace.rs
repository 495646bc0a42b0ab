//! The workspace index: every article's text and cached analysis, and what follows
//! from all of them together — claims across articles, linked entities and the
//! findings per article. It knows files (paths, labels, config) but not the protocol:
//! the CLI and the language server both drive it.
//!
//! Invariants: an article is re-analysed only when its text changes (analyses are
//! keyed by content hash); cross-article results ([`Derived`]) are recomputed lazily
//! after any change and are always those of the current texts.

use crate::article::{self, Analysis};
use crate::cache::{self, Snapshot, Stored};
use crate::claim::{self, Alignment, DocFigures, Member};
use crate::config::{Config, ConfigError};
use crate::entity::{self, DocMentions, Entity, MentionRef};
use crate::figure;
use crate::finding::{Code, Finding, Fix, Related};
use crate::prose::{self, Format};
use crate::span::{ByteSpan, LineIndex};
use crate::story;
use crate::DocId;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One article in the workspace.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: DocId,
    pub path: PathBuf,
    pub text: Arc<str>,
    pub format: Format,
    /// Outlet (front matter `source:`/`outlet:`) or else the title.
    pub source: String,
    pub lines: Arc<LineIndex>,
    analysis: OnceLock<Arc<Analysis>>,
    /// The analysis as the warm-start cache holds it, decoded on first use.
    stored: Option<Stored>,
    /// How figures were read, to analyse afresh should the cached entry not decode.
    options: figure::Options,
    hash: u64,
    /// Names that tie this article to others of its story.
    story_keys: Vec<String>,
}

impl Document {
    /// The article's analysis: computed when it was read, or decoded from the
    /// warm-start cache the first time it is needed (and recomputed if that fails).
    pub fn analysis(&self) -> &Arc<Analysis> {
        self.analysis.get_or_init(|| {
            self.stored
                .as_ref()
                .and_then(Stored::load)
                .map(Arc::new)
                .unwrap_or_else(|| {
                    Arc::new(article::analyse(&self.text, self.format, &self.options))
                })
        })
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// The outlet or title, else the file name: the short name cards show.
    pub fn source_or_file(&self) -> String {
        if self.source.is_empty() {
            self.file_name()
        } else {
            self.source.clone()
        }
    }

    /// How messages name the article: "Outlet, file.md".
    pub fn label(&self) -> String {
        if self.source.is_empty() {
            self.file_name()
        } else {
            format!("{}, {}", self.source, self.file_name())
        }
    }
}

/// Results that depend on all articles at once: each story's own results, shared with
/// the cache, so that making a new `Derived` after an edit costs a pointer per story.
/// The workspace-wide lists of claims and entities are put together only when asked for.
#[derive(Debug, Default)]
pub struct Derived {
    /// One part per story, in the order of `split.stories`.
    parts: Vec<Part>,
    split: Arc<story::Split>,
    alignment: OnceLock<Alignment>,
    entities: OnceLock<Vec<Arc<Entity>>>,
}

#[derive(Debug)]
struct Part {
    /// The story's fingerprint: its articles and their texts.
    key: u64,
    result: Arc<StoryResult>,
    /// Where this story's claims and entities start in the workspace-wide lists.
    claim_offset: usize,
    entity_offset: usize,
}

impl Derived {
    fn part(&self, doc: DocId) -> Option<&Part> {
        self.parts.get(*self.split.story_of.get(&doc)?)
    }

    /// Every claim and disagreement of the workspace; claim ids are indices here.
    pub fn alignment(&self) -> &Alignment {
        self.alignment.get_or_init(|| {
            let mut all = Alignment::default();
            for part in &self.parts {
                let offset = part.claim_offset;
                let own = &part.result.body().alignment;
                all.claims.extend(own.claims.iter().map(|c| claim::Claim {
                    id: c.id + offset,
                    ..c.clone()
                }));
                all.disagreements
                    .extend(own.disagreements.iter().map(|d| claim::Disagreement {
                        claim: d.claim + offset,
                        ..d.clone()
                    }));
            }
            all
        })
    }

    /// Every entity of the workspace; entity ids are indices here.
    pub fn entities(&self) -> &[Arc<Entity>] {
        self.entities.get_or_init(|| {
            self.parts
                .iter()
                .flat_map(|p| p.result.body().entities.iter().cloned())
                .collect()
        })
    }

    /// One entity by its workspace-wide id, found through its story: no need to put
    /// the workspace-wide list together (nor, after a warm start, to decode every
    /// story) to answer a hover.
    pub fn entity(&self, id: usize) -> Option<&Arc<Entity>> {
        let i = self.parts.partition_point(|p| p.entity_offset <= id);
        let part = self.parts.get(i.checked_sub(1)?)?;
        if id - part.entity_offset >= part.result.head.entities {
            return None;
        }
        part.result.body().entities.get(id - part.entity_offset)
    }

    /// The entities of an article's story (those it can mention).
    pub fn entities_of_story(&self, doc: DocId) -> &[Arc<Entity>] {
        self.part(doc)
            .map_or(&[], |p| p.result.body().entities.as_slice())
    }

    /// The findings of one article (empty for an article with none or unknown).
    pub fn findings_of(&self, doc: DocId) -> &[Finding] {
        self.part(doc)
            .and_then(|p| p.result.head.findings.get(&doc))
            .map_or(&[], Vec::as_slice)
    }

    /// Every article with its findings (an empty list for one with none).
    pub fn findings(&self) -> impl Iterator<Item = (DocId, &[Finding])> {
        self.findings_changed_since(None)
    }

    /// The articles whose findings may differ from those in `before`, with their
    /// findings: those of stories recomputed since (all of them after a re-split).
    pub fn findings_changed_since<'a>(
        &'a self,
        before: Option<&'a Derived>,
    ) -> impl Iterator<Item = (DocId, &'a [Finding])> + 'a {
        let same_split = before.filter(|b| Arc::ptr_eq(&b.split, &self.split));
        self.parts
            .iter()
            .enumerate()
            .filter(move |(i, p)| {
                same_split.is_none_or(|b| !Arc::ptr_eq(&b.parts[*i].result, &p.result))
            })
            .flat_map(|(_, p)| {
                p.result
                    .head
                    .findings
                    .iter()
                    .map(|(d, f)| (*d, f.as_slice()))
            })
    }

    /// Whether the article is part of these results.
    pub fn has(&self, doc: DocId) -> bool {
        self.split.story_of.contains_key(&doc)
    }

    /// The entity mentioned at `offset`, and the mention's span.
    pub fn entity_at(&self, doc: DocId, offset: usize) -> Option<(usize, ByteSpan)> {
        let part = self.part(doc)?;
        let list = part.result.body().mentions_of.get(&doc)?;
        let i = list.partition_point(|(s, _)| s.end <= offset);
        let (span, e) = *list.get(i)?;
        (span.start <= offset && offset <= span.end).then_some((part.entity_offset + e, span))
    }

    /// The claim a figure belongs to, if any, as its story holds it: members and
    /// quantity as in [`Derived::alignment`], the id local to the story (the
    /// workspace-wide id is [`Derived::claim_id_of`]).
    pub fn claim_of(&self, member: Member) -> Option<&claim::Claim> {
        let part = self.part(member.doc)?;
        let body = part.result.body();
        let &i = body.claim_of.get(&member)?;
        body.alignment.claims.get(i)
    }

    /// The workspace-wide id of a figure's claim: its index in [`Derived::alignment`].
    pub fn claim_id_of(&self, member: Member) -> Option<usize> {
        let part = self.part(member.doc)?;
        Some(part.claim_offset + part.result.body().claim_of.get(&member)?)
    }

    /// The disagreement flagged on a figure, if any.
    pub fn disagreement_at(&self, at: Member) -> Option<&claim::Disagreement> {
        let part = self.part(at.doc)?;
        part.result
            .body()
            .alignment
            .disagreements
            .iter()
            .find(|d| d.at == at)
    }
}

/// An article read and analysed, not yet in a workspace: made without the
/// workspace (so on any thread), inserted with [`Workspace::insert`].
pub struct Prepared {
    path: PathBuf,
    text: Arc<str>,
    format: Format,
    source: String,
    lines: LineIndex,
    analysis: Analysed,
    options: figure::Options,
    hash: u64,
    story_keys: Vec<String>,
    /// The id the article had when the cache was saved, kept so that cached story
    /// results (which name articles by id) still apply.
    cached_id: Option<DocId>,
}

/// Where a prepared article's analysis comes from.
enum Analysed {
    Now(Arc<Analysis>),
    Cached(Stored),
}

/// Analyses one article's text.
pub fn prepare(path: PathBuf, text: String, options: &figure::Options) -> Prepared {
    let format = Format::from_path(&path.to_string_lossy());
    let hash = content_hash(&text, format);
    analysed(path, text, format, hash, options)
}

/// Analyses one article whose format and content hash are known.
fn analysed(
    path: PathBuf,
    text: String,
    format: Format,
    hash: u64,
    options: &figure::Options,
) -> Prepared {
    let analysis = Arc::new(article::analyse(&text, format, options));
    let fm = prose::front_matter(&text);
    let source = fm.source.unwrap_or_else(|| {
        fm.title
            .unwrap_or_else(|| title_of(&prose::mask(&text, format)))
    });
    Prepared {
        story_keys: story::keys(&text, &analysis.mentions),
        hash,
        lines: LineIndex::new(&text),
        path,
        text: text.into(),
        format,
        source,
        analysis: Analysed::Now(analysis),
        options: *options,
        cached_id: None,
    }
}

/// Prepares one article, from the warm-start cache when it holds this exact text.
fn prepare_warm(
    path: PathBuf,
    text: String,
    options: &figure::Options,
    warm: Option<&Arc<Snapshot>>,
) -> Prepared {
    let format = Format::from_path(&path.to_string_lossy());
    let hash = content_hash(&text, format);
    let cached_id = warm.and_then(|w| w.id_of(&path)).map(DocId);
    let Some((meta, stored)) = warm.and_then(|w| w.article(hash, text.len() as u64)) else {
        return Prepared {
            cached_id,
            ..analysed(path, text, format, hash, options)
        };
    };
    Prepared {
        cached_id,
        source: meta.source.clone(),
        story_keys: meta.story_keys.clone(),
        lines: LineIndex::new(&text),
        analysis: Analysed::Cached(stored),
        options: *options,
        hash,
        path,
        text: text.into(),
        format,
    }
}

/// Reads and prepares many articles on all cores, taking what the warm-start cache
/// holds; returns them with a note for each file skipped or decoded lossily.
pub fn load_many(
    paths: Vec<PathBuf>,
    limit: u64,
    options: &figure::Options,
    warm: Option<&Arc<Snapshot>>,
) -> (Vec<Prepared>, Vec<String>) {
    let results = on_all_cores(paths, |path| match crate::files::read(&path, limit) {
        Ok(l) => {
            let note = l
                .lossy
                .then(|| format!("{}: invalid UTF-8 replaced", path.display()));
            (Some(prepare_warm(path, l.text, options, warm)), note)
        }
        Err(skip) => (None, Some(format!("{}: {skip}", path.display()))),
    });
    let mut prepared = Vec::with_capacity(results.len());
    let mut notes = Vec::new();
    for (p, note) in results {
        prepared.extend(p);
        notes.extend(note);
    }
    (prepared, notes)
}

/// `f` over `items` on all cores, results in order.
fn on_all_cores<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        // A new thread starts with a cold allocator heap: for one item (the story
        // of an edit) that costs more than the item itself.
        return items.into_iter().map(f).collect();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        parts.push(items.by_ref().take(chunk).collect());
    }
    let mut out = Vec::new();
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<_>>()))
            .collect();
        for h in handles {
            // A panic in analysis is contained to its chunk: those articles are left
            // out (and logged by the caller) rather than taking the index down.
            if let Ok(part) = h.join() {
                out.extend(part);
            }
        }
    });
    out
}

impl Prepared {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Phase timings on stderr when `CROSSCHECK_TIMING` is set: how the benchmarks
/// and a curious user see where time goes without a profiler.
struct Timer {
    start: Option<std::time::Instant>,
}

impl Timer {
    fn start() -> Timer {
        let on = std::env::var_os("CROSSCHECK_TIMING").is_some();
        Timer {
            start: on.then(std::time::Instant::now),
        }
    }

    fn lap(&self, what: &str) {
        if let Some(t) = self.start {
            eprintln!(
                "crosscheck: timing: {what} done at {:.1} ms",
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}

/// All articles of a workspace.
#[derive(Default)]
pub struct Workspace {
    config: Config,
    config_problem: Option<(PathBuf, ConfigError)>,
    roots: Vec<PathBuf>,
    docs: BTreeMap<DocId, Document>,
    ids: rustc_hash::FxHashMap<PathBuf, DocId>,
    next_id: u32,
    /// The last results computed; current unless `stale`.
    derived: Option<Arc<Derived>>,
    stale: bool,
    /// Articles changed since `derived` was computed.
    dirty: rustc_hash::FxHashSet<DocId>,
    /// How many article analyses have run: lets tests prove incrementality.
    analyses_run: usize,
    stories: story::Index,
    /// Cross-article results per story, keyed by the story's fingerprint, so an edit
    /// recomputes only the story it touches.
    story_results: HashMap<u64, Arc<StoryResult>>,
    /// How many stories have been checked from scratch (tests of incrementality).
    stories_checked: usize,
    /// The warm-start cache this workspace was loaded from, if any.
    warm: Option<Arc<Snapshot>>,
    /// Whether anything was computed that the cache file does not hold yet.
    unsaved: bool,
}

/// What checking one story produced, kept per story so that an edit in one story
/// leaves every other story's work as it is. The findings are at hand at once; the
/// rest — claims, entities and the lookups hover needs — comes from the warm-start
/// cache only when first asked for, so a warm start decodes no more than it publishes.
#[derive(Debug, Default)]
pub struct StoryResult {
    head: Arc<StoryHead>,
    body: OnceLock<Arc<StoryBody>>,
    /// Where the body lies in the cache, for a result read from it.
    stored_body: Option<Stored>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct StoryHead {
    /// Findings per article of the story, every article present.
    findings: BTreeMap<DocId, Vec<Finding>>,
    /// How many claims and entities the body holds (for workspace-wide numbering).
    claims: usize,
    entities: usize,
}

/// The lookups are rebuilt, not stored, when a body comes from the cache.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct StoryBody {
    alignment: Alignment,
    entities: Vec<Arc<Entity>>,
    /// Figure → index of its claim in `alignment.claims`.
    #[serde(skip)]
    claim_of: HashMap<Member, usize>,
    /// Per article, mention spans sorted by start, each with its index in `entities`.
    #[serde(skip)]
    mentions_of: HashMap<DocId, Vec<(ByteSpan, usize)>>,
}

impl StoryBody {
    /// Fills the lookups from the alignment and the entities.
    fn with_lookups(mut self) -> StoryBody {
        self.claim_of.clear();
        for (i, c) in self.alignment.claims.iter().enumerate() {
            for m in &c.members {
                self.claim_of.insert(*m, i);
            }
        }
        self.mentions_of.clear();
        for (i, e) in self.entities.iter().enumerate() {
            for m in &e.mentions {
                self.mentions_of.entry(m.doc).or_default().push((m.span, i));
            }
        }
        for list in self.mentions_of.values_mut() {
            list.sort();
        }
        self
    }
}

impl StoryResult {
    fn new(
        alignment: Alignment,
        entities: Vec<Arc<Entity>>,
        findings: BTreeMap<DocId, Vec<Finding>>,
    ) -> StoryResult {
        let head = StoryHead {
            findings,
            claims: alignment.claims.len(),
            entities: entities.len(),
        };
        let body = StoryBody {
            alignment,
            entities,
            ..Default::default()
        };
        StoryResult {
            head: Arc::new(head),
            body: OnceLock::from(Arc::new(body.with_lookups())),
            stored_body: None,
        }
    }

    fn body(&self) -> &Arc<StoryBody> {
        self.body.get_or_init(|| {
            let stored = self.stored_body.as_ref().and_then(Stored::load::<StoryBody>);
            Arc::new(match stored {
                Some(b) => b.with_lookups(),
                None => {
                    // Checksummed when written, so only a file damaged since gets
                    // here: the findings stand; hover loses this story's cards until
                    // one of its articles changes.
                    eprintln!("crosscheck: a story's claims and entities could not be read back from the cache");
                    StoryBody::default()
                }
            })
        })
    }
}

fn content_hash(text: &str, format: Format) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (format == Format::Markdown).hash(&mut h);
    h.finish()
}

/// The title: first non-empty prose line, cut to about 60 characters.
fn title_of(prose: &str) -> String {
    let line = prose
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= 60 {
        return line.to_string();
    }
    let cut: String = line.chars().take(60).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 30 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

impl Workspace {
    pub fn new(config: Config) -> Self {
        Workspace {
            config,
            ..Default::default()
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the configuration; re-analyses every article if figure reading changed.
    pub fn set_config(&mut self, config: Config, problem: Option<(PathBuf, ConfigError)>) {
        let reread = config.approx_tolerance != self.config.approx_tolerance;
        self.config = config;
        self.config_problem = problem;
        if reread {
            let ids: Vec<DocId> = self.docs.keys().copied().collect();
            for id in ids {
                let (path, text) = {
                    let d = &self.docs[&id];
                    (d.path.clone(), d.text.to_string())
                };
                let prepared = prepare(path, text, &self.figure_options());
                self.insert(prepared);
            }
        }
        // Severities, ignores and curated spellings shape every story's findings.
        self.story_results.clear();
        self.derived = None;
        self.stale = true;
        if self
            .warm
            .as_ref()
            .is_some_and(|w| w.config() != self.config_key())
        {
            self.warm = None;
        }
    }

    /// What the configuration contributes to the cache's validity: every key, since
    /// figure reading, severities, ignores and spellings all shape what is cached.
    fn config_key(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        format!("{:?}", self.config).hash(&mut h);
        h.finish()
    }

    /// Opens the warm-start cache of this workspace's roots (call after the roots and
    /// the configuration are set, before loading articles); says why when there is
    /// none to use. Without the cache (off, or none yet) everything is computed.
    pub fn open_cache(&mut self) -> Result<(), String> {
        self.warm = None;
        let file = cache::file_for(&self.roots).ok_or("cache turned off")?;
        let snapshot = Snapshot::open(&file, self.config_key()).map_err(|e| e.to_string())?;
        self.next_id = self.next_id.max(snapshot.next_id());
        self.warm = Some(snapshot);
        Ok(())
    }

    /// Takes a cache file just written as this workspace's own: articles whose
    /// analysis it holds let theirs go, to be decoded again when something needs it —
    /// a workspace indexed cold then holds no more than one started warm. Articles for
    /// which `keep` says so (open in the editor, edited often) keep theirs.
    pub fn adopt(&mut self, file: &Path, keep: impl Fn(&Path) -> bool) {
        let Ok(snapshot) = Snapshot::open(file, self.config_key()) else {
            return;
        };
        for d in self.docs.values_mut() {
            let Some((_, stored)) = snapshot.article(d.hash, d.text.len() as u64) else {
                continue;
            };
            d.stored = Some(stored);
            if !keep(&d.path) {
                d.analysis = OnceLock::new();
            }
        }
        self.warm = Some(snapshot);
    }

    /// The warm-start cache loaded from, for [`load_many`].
    pub fn warm(&self) -> Option<Arc<Snapshot>> {
        self.warm.clone()
    }

    /// What the cache file should hold now — every article's analysis and every
    /// story's results, copied from the old file where unchanged — and where to
    /// write it; `None` when the file already holds it all (or the cache is off).
    /// Cheap: entries are shared, and [`cache::save`] does the writing, off any lock.
    #[allow(clippy::type_complexity)]
    pub fn to_save(
        &mut self,
    ) -> Option<(PathBuf, cache::Contents<Analysis, StoryHead, StoryBody>)> {
        let file = cache::file_for(&self.roots)?;
        let derived = self.derived();
        if !self.unsaved {
            return None;
        }
        self.unsaved = false;
        let articles = self
            .docs
            .values()
            .map(|d| {
                let meta = cache::ArticleMeta {
                    path: d.path.clone(),
                    id: d.id.0,
                    hash: d.hash,
                    len: d.text.len() as u64,
                    source: d.source.clone(),
                    story_keys: d.story_keys.clone(),
                };
                let entry = match &d.stored {
                    Some(s) => cache::Entry::Stored(s.clone()),
                    None => cache::Entry::Fresh(d.analysis().clone()),
                };
                (meta, entry)
            })
            .collect();
        let stories = derived
            .parts
            .iter()
            .map(|part| {
                let key = part.key;
                match self.warm.as_ref().and_then(|w| w.story(key)) {
                    Some((head, body)) => {
                        (key, cache::Entry::Stored(head), cache::Entry::Stored(body))
                    }
                    None => (
                        key,
                        cache::Entry::Fresh(part.result.head.clone()),
                        cache::Entry::Fresh(part.result.body().clone()),
                    ),
                }
            })
            .collect();
        let contents = cache::Contents {
            config: self.config_key(),
            articles,
            stories,
        };
        Some((file, contents))
    }

    /// The configuration error to show, and the file it belongs to.
    pub fn config_problem(&self) -> Option<&(PathBuf, ConfigError)> {
        self.config_problem.as_ref()
    }

    /// Folders whose articles make up the workspace (for relative paths in ignores).
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        if roots != self.roots {
            // Ignore rules match paths relative to the roots, and the cache file is
            // the roots' own.
            self.story_results.clear();
            self.derived = None;
            self.stale = true;
            self.warm = None;
        }
        self.roots = roots;
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn figure_options(&self) -> figure::Options {
        figure::Options {
            approx_tolerance: self.config.approx_tolerance,
        }
    }

    /// Adds or replaces an article; returns its id. Unchanged text is not re-analysed,
    /// nor text the warm-start cache holds (an article opened in the editor, an undo).
    pub fn upsert(&mut self, path: PathBuf, text: String) -> DocId {
        if let Some(id) = self.unchanged(&path, &text) {
            return id;
        }
        let prepared = prepare_warm(path, text, &self.figure_options(), self.warm.as_ref());
        self.insert(prepared)
    }

    /// The id of an article already holding exactly this text.
    fn unchanged(&self, path: &Path, text: &str) -> Option<DocId> {
        let id = *self.ids.get(path)?;
        let d = &self.docs[&id];
        (d.hash == content_hash(text, d.format) && *d.text == *text).then_some(id)
    }

    /// Adds an analysed article, keeping its id if the path is known.
    pub fn insert(&mut self, p: Prepared) -> DocId {
        let id = match (self.ids.get(&p.path), p.cached_id) {
            (Some(&id), _) => id,
            (None, Some(id)) if !self.docs.contains_key(&id) => {
                self.next_id = self.next_id.max(id.0 + 1);
                id
            }
            (None, _) => {
                let id = DocId(self.next_id);
                self.next_id += 1;
                id
            }
        };
        let (analysis, stored) = match p.analysis {
            Analysed::Now(a) => {
                self.analyses_run += 1;
                self.unsaved = true;
                (OnceLock::from(a), None)
            }
            Analysed::Cached(s) => (OnceLock::new(), Some(s)),
        };
        match self.docs.get(&id) {
            Some(old) if old.story_keys == p.story_keys => {}
            Some(old) => {
                self.stories.remove(id, &old.story_keys);
                self.stories.insert(id, &p.story_keys);
            }
            None => self.stories.insert(id, &p.story_keys),
        }
        self.ids.insert(p.path.clone(), id);
        self.docs.insert(
            id,
            Document {
                id,
                path: p.path,
                text: p.text,
                format: p.format,
                source: p.source,
                lines: Arc::new(p.lines),
                analysis,
                stored,
                options: p.options,
                hash: p.hash,
                story_keys: p.story_keys,
            },
        );
        self.touch(id);
        id
    }

    /// Removes an article; returns its id if it was there.
    pub fn remove(&mut self, path: &Path) -> Option<DocId> {
        let id = self.ids.remove(path)?;
        if let Some(old) = self.docs.remove(&id) {
            self.stories.remove(id, &old.story_keys);
        }
        self.touch(id);
        self.unsaved = true;
        Some(id)
    }

    /// Removes every article below a folder (a deleted workspace folder).
    pub fn remove_below(&mut self, folder: &Path) -> Vec<DocId> {
        let gone: Vec<PathBuf> = self
            .ids
            .keys()
            .filter(|p| p.starts_with(folder))
            .cloned()
            .collect();
        gone.iter().filter_map(|p| self.remove(p)).collect()
    }

    pub fn id_of(&self, path: &Path) -> Option<DocId> {
        self.ids.get(path).copied()
    }

    pub fn doc(&self, id: DocId) -> Option<&Document> {
        self.docs.get(&id)
    }

    pub fn docs(&self) -> impl Iterator<Item = &Document> {
        self.docs.values()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn analyses_run(&self) -> usize {
        self.analyses_run
    }

    /// How many stories have been checked from scratch so far.
    pub fn stories_checked(&self) -> usize {
        self.stories_checked
    }

    /// Marks an article changed: its story's results are stale.
    fn touch(&mut self, id: DocId) {
        self.dirty.insert(id);
        self.stale = true;
    }

    /// Cross-article results for the current texts, computed if stale.
    pub fn derived(&mut self) -> Arc<Derived> {
        match &self.derived {
            Some(d) if !self.stale => d.clone(),
            _ => {
                let d = Arc::new(self.compute());
                self.derived = Some(d.clone());
                self.stale = false;
                d
            }
        }
    }

    /// The cross-article results if they are current, without computing them.
    pub fn derived_if_fresh(&self) -> Option<Arc<Derived>> {
        self.derived.clone().filter(|_| !self.stale)
    }

    /// Identifies a story's inputs: its articles and their texts. An id always names
    /// one path, and the configuration is not part of it: changing it drops every
    /// story's results.
    fn fingerprint(&self, story: &[DocId]) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        for id in story {
            if let Some(d) = self.docs.get(id) {
                id.hash(&mut h);
                d.hash.hash(&mut h);
            }
        }
        h.finish()
    }

    /// Claims and entities of one story, from scratch.
    /// `together`: align figures and link names on two threads at once — for a lone
    /// story after an edit, when the other core is idle.
    fn check_story(&self, story: &[DocId], together: bool) -> StoryResult {
        let docs: Vec<&Document> = story.iter().filter_map(|id| self.docs.get(id)).collect();
        let labels: Vec<String> = docs.iter().map(|d| d.label()).collect();
        let inputs: Vec<DocFigures> = docs
            .iter()
            .zip(&labels)
            .map(|(d, label)| DocFigures {
                doc: d.id,
                label,
                text: &d.text,
                figures: &d.analysis().figures,
                contexts: &d.analysis().contexts,
            })
            .collect();
        let mention_inputs: Vec<DocMentions> = docs
            .iter()
            .map(|d| DocMentions {
                doc: d.id,
                text: &d.text,
                mentions: &d.analysis().mentions,
            })
            .collect();
        let options = self.figure_options();
        let (alignment, entities) = if together {
            std::thread::scope(|scope| {
                let linking = scope.spawn(|| entity::link(&mention_inputs));
                let alignment = claim::align(&inputs, &options);
                let entities = linking
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (alignment, entities)
            })
        } else {
            (
                claim::align(&inputs, &options),
                entity::link(&mention_inputs),
            )
        };
        let entities: Vec<Arc<Entity>> = entities.into_iter().map(Arc::new).collect();
        let mut findings: BTreeMap<DocId, Vec<Finding>> =
            story.iter().map(|&id| (id, Vec::new())).collect();
        for f in self
            .claim_findings(&alignment)
            .chain(self.variant_findings(&entities))
            .filter(|f| !self.silenced(f))
        {
            findings.entry(f.doc).or_default().push(f);
        }
        for list in findings.values_mut() {
            list.sort_by_key(|f| (f.span, f.code));
        }
        StoryResult::new(alignment, entities, findings)
    }

    /// The results of every story: while the split into stories stands, only the
    /// stories of articles changed since the last computation are looked at (an
    /// edit costs its story, not a pass over the workspace); after a re-split, each
    /// story is looked up by fingerprint.
    fn compute(&mut self) -> Derived {
        let timer = Timer::start();
        let split = self.stories.stories();
        timer.lap("stories");
        let previous = self
            .derived
            .take()
            .filter(|d| Arc::ptr_eq(&d.split, &split));
        let dirty: rustc_hash::FxHashSet<usize> = std::mem::take(&mut self.dirty)
            .iter()
            .filter_map(|d| split.story_of.get(d).copied())
            .collect();
        // After a re-split every story is looked up afresh; results of stories that
        // did not survive it are dropped.
        let mut before = match previous {
            Some(_) => HashMap::new(),
            None => std::mem::take(&mut self.story_results),
        };
        // Results kept from before, story by story; the others are read from the
        // warm-start cache or checked, on all cores.
        let mut found: Vec<(u64, Option<Arc<StoryResult>>)> =
            Vec::with_capacity(split.stories.len());
        for (i, story) in split.stories.iter().enumerate() {
            found.push(match &previous {
                Some(p) if !dirty.contains(&i) => (p.parts[i].key, Some(p.parts[i].result.clone())),
                _ => {
                    let key = self.fingerprint(story);
                    let kept = before
                        .remove(&key)
                        .or_else(|| self.story_results.get(&key).cloned());
                    (key, kept)
                }
            });
        }
        let to_do: Vec<(usize, u64)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.1.is_none())
            .map(|(i, f)| (i, f.0))
            .collect();
        let together = to_do.len() == 1;
        let done = on_all_cores(to_do, |(i, key)| match self.cached_story(key) {
            Some(r) => (i, r, false),
            None => (
                i,
                Arc::new(self.check_story(&split.stories[i], together)),
                true,
            ),
        });
        for (i, result, checked) in done {
            if checked {
                self.stories_checked += 1;
                self.unsaved = true;
            }
            found[i].1 = Some(result);
        }
        let mut parts = Vec::with_capacity(split.stories.len());
        let (mut claim_offset, mut entity_offset) = (0, 0);
        for (i, (key, result)) in found.into_iter().enumerate() {
            // A story whose check panicked is left out, as an article whose analysis
            // panicked is: its articles show no findings rather than stop the server.
            let result = result.unwrap_or_else(|| {
                eprintln!(
                    "crosscheck: checking a story of {} articles failed",
                    split.stories[i].len()
                );
                Arc::default()
            });
            if let Some(p) = &previous {
                if p.parts[i].key != key {
                    self.story_results.remove(&p.parts[i].key);
                }
            }
            if previous.is_none() || dirty.contains(&i) {
                self.story_results.insert(key, result.clone());
            }
            let (claims, entities) = (result.head.claims, result.head.entities);
            parts.push(Part {
                key,
                result,
                claim_offset,
                entity_offset,
            });
            claim_offset += claims;
            entity_offset += entities;
        }
        timer.lap("claims, entities and findings");
        Derived {
            parts,
            split,
            alignment: OnceLock::new(),
            entities: OnceLock::new(),
        }
    }

    /// A story's results as the warm-start cache holds them.
    fn cached_story(&self, key: u64) -> Option<Arc<StoryResult>> {
        let (head, body) = self.warm.as_ref()?.story(key)?;
        Some(Arc::new(StoryResult {
            head: Arc::new(head.load::<StoryHead>()?),
            body: OnceLock::new(),
            stored_body: Some(body),
        }))
    }

    fn claim_findings<'a>(
        &'a self,
        alignment: &'a Alignment,
    ) -> impl Iterator<Item = Finding> + 'a {
        alignment.disagreements.iter().filter_map(move |d| {
            let code = match d.verdict {
                claim::Verdict::Conflict => Code::FigureConflict,
                claim::Verdict::Differs => Code::FigureDiffers,
            };
            let severity = self.config.severity(code)?;
            let doc = self.docs.get(&d.at.doc)?;
            let span = doc.analysis().figures.get(d.at.figure)?.span;
            Some(Finding {
                doc: d.at.doc,
                span,
                code,
                severity,
                message: d.message.clone(),
                related: d
                    .related
                    .iter()
                    .map(|(m, span, note)| Related {
                        doc: m.doc,
                        span: *span,
                        message: note.clone(),
                    })
                    .collect(),
                fix: None,
            })
        })
    }

    fn variant_findings<'a>(
        &'a self,
        entities: &'a [Arc<Entity>],
    ) -> impl Iterator<Item = Finding> + 'a {
        let severity = self.config.severity(Code::NameVariant);
        entities.iter().flat_map(move |e| {
            e.variants.iter().filter_map(move |v| {
                let severity = severity?;
                let fix = self.curated_spelling(e).unwrap_or(&v.fix).to_string();
                // The first mention in each other source that spells it the usual
                // way: one link per source, not eight into the same article.
                let mut agreeing: Vec<_> = Vec::new();
                for m in e.mentions.iter().filter(|m| m.doc != v.at.doc) {
                    let spelled = self
                        .docs
                        .get(&m.doc)
                        .is_some_and(|d| m.span.of(&d.text) == fix);
                    if spelled && !agreeing.iter().any(|a: &&MentionRef| a.doc == m.doc) {
                        agreeing.push(m);
                    }
                }
                let sources: Vec<DocId> = agreeing.iter().map(|m| m.doc).collect();
                let message = if sources.is_empty() {
                    format!("Name spelled “{}” here; usually “{fix}”", v.text)
                } else {
                    format!(
                        "Name spelled “{}” here; “{fix}” in {} other source{}",
                        v.text,
                        sources.len(),
                        if sources.len() == 1 { "" } else { "s" }
                    )
                };
                Some(Finding {
                    doc: v.at.doc,
                    span: v.at.span,
                    code: Code::NameVariant,
                    severity,
                    message,
                    related: agreeing
                        .iter()
                        .take(8)
                        .filter_map(|m| {
                            Some(Related {
                                doc: m.doc,
                                span: m.span,
                                message: format!("“{fix}” in {}", self.docs.get(&m.doc)?.label()),
                            })
                        })
                        .collect(),
                    fix: Some(Fix {
                        title: format!("Change to “{fix}”"),
                        span: v.at.span,
                        replacement: fix.clone(),
                    }),
                })
            })
        })
    }

    /// A spelling the user fixed in `[entities."Name"]`, overriding the majority.
    fn curated_spelling(&self, e: &Entity) -> Option<&str> {
        self.config
            .entities
            .get(&e.name)
            .and_then(|n| n.spelling.as_deref())
    }

    /// The path of an article relative to the workspace root it lies under.
    pub fn relative_path<'p>(&self, path: &'p Path) -> &'p Path {
        self.roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path)
    }

    /// Whether `[[ignore]]` or an inline comment silences a finding.
    fn silenced(&self, f: &Finding) -> bool {
        let Some(doc) = self.docs.get(&f.doc) else {
            return true;
        };
        let line_start = doc.text[..f.span.start.min(doc.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if doc.analysis().ignored_lines.contains(&line_start) {
            return true;
        }
        let rel = self.relative_path(&doc.path);
        let text = f.span.of(&doc.text);
        self.config.ignore.iter().any(|ig| {
            ig.code.as_deref().is_none_or(|c| c == f.code.as_str())
                && ig.text.as_deref().is_none_or(|t| t == text)
                && ig.path.as_deref().is_none_or(|p| {
                    Path::new(p) == rel
                        || globset::Glob::new(p)
                            .map(|g| g.compile_matcher().is_match(rel))
                            .unwrap_or(false)
                })
                && (ig.code.is_some() || ig.text.is_some() || ig.path.is_some())
        })
    }
}
