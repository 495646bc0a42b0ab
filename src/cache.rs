//! The warm-start cache: each article's analysis and each story's results, kept under
//! the user's cache directory so that reopening a workspace whose articles have not
//! changed skips analysing and checking them (SPEC §9: ready in ≤ 0.3 s).
//!
//! One file per workspace, named by a hash of its folders: a header, the entries'
//! bytes, an index of the entries and a footer pointing at the index. Nothing read
//! back is trusted: the header names the build that wrote it (a hash of the sources,
//! see `build.rs`) and the index the configuration; the index and every entry carry a
//! checksum; an article's entry is used only for the exact text it was made from
//! (content hash and length). What fails a check is recomputed, and the next save
//! rewrites the file. Entries are decoded lazily: a warm start reads the index, and an
//! article's analysis is decoded only when something needs it.
//!
//! The file is written whole to a temporary name and renamed into place, so a reader
//! sees the old file or the new one, never half of one.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"XCHECK\x00\x01";
/// Magic, then the index's offset, length and checksum.
const FOOTER: usize = 8 + 3 * 8;
const BUILD: &str = env!("CROSSCHECK_BUILD_ID");

/// Where one entry's bytes lie in the file.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
struct Blob {
    offset: u64,
    len: u64,
    check: u64,
}

/// What the workspace keeps of an article besides its analysis: enough to place it
/// in its story and name it without decoding anything.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub path: PathBuf,
    pub id: u32,
    pub hash: u64,
    pub len: u64,
    pub source: String,
    pub story_keys: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Index {
    build: String,
    config: u64,
    articles: Vec<(ArticleMeta, Blob)>,
    /// Fingerprint, head (what is published) and body (what hover needs).
    stories: Vec<(u64, Blob, Blob)>,
}

/// A cache file opened for reading.
pub struct Snapshot {
    file: File,
    config: u64,
    articles: Vec<(ArticleMeta, Blob)>,
    /// Content hash → index in `articles`.
    by_hash: rustc_hash::FxHashMap<u64, usize>,
    by_path: rustc_hash::FxHashMap<PathBuf, u32>,
    stories: rustc_hash::FxHashMap<u64, (Blob, Blob)>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Snapshot({} articles, {} stories)",
            self.articles.len(),
            self.stories.len()
        )
    }
}

/// One entry of a snapshot, to be decoded when needed (or copied as it is on save).
#[derive(Clone, Debug)]
pub struct Stored {
    snapshot: Arc<Snapshot>,
    blob: Blob,
}

impl Stored {
    /// The entry decoded, or `None` if its bytes fail the checksum or do not decode.
    pub fn load<T: DeserializeOwned>(&self) -> Option<T> {
        let bytes = self.snapshot.read(self.blob)?;
        postcard::from_bytes(&bytes).ok()
    }
}

/// What to save: each entry either still in the snapshot it came from (copied as
/// bytes, never decoded) or computed in this session.
pub enum Entry<T> {
    Stored(Stored),
    Fresh(Arc<T>),
}

/// `A` is an article's analysis; a story is saved as a head `H`, read at start, and a
/// body `B`, read when needed.
pub struct Contents<A, H, B> {
    pub config: u64,
    pub articles: Vec<(ArticleMeta, Entry<A>)>,
    pub stories: Vec<(u64, Entry<H>, Entry<B>)>,
}

/// The folder for cache files: `$CROSSCHECK_CACHE_DIR` (`off` turns the cache off),
/// else `$XDG_CACHE_HOME/crosscheck`, else `~/.cache/crosscheck`.
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CROSSCHECK_CACHE_DIR") {
        return (!d.is_empty() && d != "off").then(|| PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            let home = std::env::var_os("HOME").or_else(|| std::env::var_os("LOCALAPPDATA"))?;
            Some(PathBuf::from(home).join(".cache"))
        })?;
    Some(base.join("crosscheck"))
}

/// The cache file of the workspace made of `roots`, if the cache is on. Articles
/// given one by one, with no folder, are not cached.
pub fn file_for(roots: &[PathBuf]) -> Option<PathBuf> {
    if roots.is_empty() {
        return None;
    }
    let mut roots: Vec<PathBuf> = roots
        .iter()
        .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
        .collect();
    roots.sort();
    let mut h = rustc_hash::FxHasher::default();
    for r in &roots {
        h.write(r.to_string_lossy().as_bytes());
        h.write_u8(0);
    }
    Some(dir()?.join(format!("workspace-{:016x}.bin", h.finish())))
}

/// A checksum of some bytes.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Why a cache file was not used.
#[derive(Debug)]
pub enum Unusable {
    Missing,
    Corrupt(String),
    /// Written by another build or for another configuration.
    Stale,
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Missing => write!(f, "no cache yet"),
            Unusable::Corrupt(why) => write!(f, "cache file damaged ({why}); rebuilding it"),
            Unusable::Stale => write!(f, "cache made by another build or configuration"),
        }
    }
}

impl Snapshot {
    /// Opens a cache file made by this build for this configuration.
    pub fn open(path: &Path, config: u64) -> Result<Arc<Snapshot>, Unusable> {
        let file = File::open(path).map_err(|_| Unusable::Missing)?;
        let corrupt = |why: &str| Unusable::Corrupt(why.to_string());
        let size = file.metadata().map_err(|_| Unusable::Missing)?.len();
        if size < (MAGIC.len() + FOOTER) as u64 {
            return Err(corrupt("too short"));
        }
        let mut footer = [0u8; FOOTER];
        read_at(&file, &mut footer, size - FOOTER as u64).map_err(|_| corrupt("unreadable"))?;
        let mut head = [0u8; 8];
        read_at(&file, &mut head, 0).map_err(|_| corrupt("unreadable"))?;
        if &footer[..8] != MAGIC || &head != MAGIC {
            return Err(corrupt("not a cache file, or cut short"));
        }
        let word = |i: usize| {
            u64::from_le_bytes(footer[8 + 8 * i..16 + 8 * i].try_into().unwrap_or_default())
        };
        let (offset, len, check) = (word(0), word(1), word(2));
        if offset
            .checked_add(len)
            .is_none_or(|end| end > size - FOOTER as u64)
        {
            return Err(corrupt("index out of bounds"));
        }
        let mut bytes = vec![0u8; len as usize];
        read_at(&file, &mut bytes, offset).map_err(|_| corrupt("unreadable"))?;
        if checksum(&bytes) != check {
            return Err(corrupt("index checksum"));
        }
        let index: Index = postcard::from_bytes(&bytes).map_err(|_| corrupt("index"))?;
        if index.build != BUILD || index.config != config {
            return Err(Unusable::Stale);
        }
        // Used now: pruning goes by the file's time, and a workspace opened every day
        // without a change is never written again.
        let _ = file.set_modified(std::time::SystemTime::now());
        let by_hash = index
            .articles
            .iter()
            .enumerate()
            .map(|(i, (m, _))| (m.hash, i))
            .collect();
        let by_path = index
            .articles
            .iter()
            .map(|(m, _)| (m.path.clone(), m.id))
            .collect();
        Ok(Arc::new(Snapshot {
            file,
            config,
            by_hash,
            by_path,
            articles: index.articles,
            stories: index
                .stories
                .into_iter()
                .map(|(key, head, body)| (key, (head, body)))
                .collect(),
        }))
    }

    /// The configuration hash the snapshot was made for.
    pub fn config(&self) -> u64 {
        self.config
    }

    /// The article saved with exactly this text (content hash and length).
    pub fn article(self: &Arc<Self>, hash: u64, len: u64) -> Option<(&ArticleMeta, Stored)> {
        let (meta, blob) = &self.articles[*self.by_hash.get(&hash)?];
        (meta.len == len).then(|| {
            (
                meta,
                Stored {
                    snapshot: self.clone(),
                    blob: *blob,
                },
            )
        })
    }

    /// An id above every article id in the snapshot: where new articles start.
    pub fn next_id(&self) -> u32 {
        self.articles
            .iter()
            .map(|(m, _)| m.id + 1)
            .max()
            .unwrap_or(0)
    }

    /// The id the article at `path` had when the snapshot was saved.
    pub fn id_of(&self, path: &Path) -> Option<u32> {
        self.by_path.get(path).copied()
    }

    /// A story's results saved under its fingerprint: head and body.
    pub fn story(self: &Arc<Self>, fingerprint: u64) -> Option<(Stored, Stored)> {
        let (head, body) = *self.stories.get(&fingerprint)?;
        let stored = |blob| Stored {
            snapshot: self.clone(),
            blob,
        };
        Some((stored(head), stored(body)))
    }

    fn read(&self, blob: Blob) -> Option<Vec<u8>> {
        let mut bytes = vec![0u8; usize::try_from(blob.len).ok()?];
        read_at(&self.file, &mut bytes, blob.offset).ok()?;
        (checksum(&bytes) == blob.check).then_some(bytes)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Writes `contents` to `path` (through a temporary file renamed into place) and
/// returns the file's size.
pub fn save<A: Serialize, H: Serialize, B: Serialize>(
    path: &Path,
    contents: &Contents<A, H, B>,
) -> io::Result<u64> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map_or("cache".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let result = write_file(&tmp, contents);
    match result {
        Ok(size) => {
            std::fs::rename(&tmp, path)?;
            Ok(size)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A workspace's cache file unused this long is removed (by the next save of any
/// workspace): a folder not opened for a month starts cold again.
pub const KEEP_UNUSED: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// Removes the cache files beside `keep` (a workspace's file, just written) not used
/// for [`KEEP_UNUSED`], and temporary files a crash left behind a day ago or more. It
/// reads the whole folder: callers do it once per run, not at every save.
pub fn prune(keep: &Path) {
    let Some(Ok(entries)) = keep.parent().map(std::fs::read_dir) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let limit = if name.starts_with("workspace-") && name.ends_with(".bin") {
            KEEP_UNUSED
        } else if name.starts_with(".workspace-") && name.ends_with(".tmp") {
            day
        } else {
            continue;
        };
        let age = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if e.path() != keep && age.is_some_and(|a| a > limit) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn write_file<A: Serialize, H: Serialize, B: Serialize>(
    tmp: &Path,
    contents: &Contents<A, H, B>,
) -> io::Result<u64> {
    let mut out = Writer {
        file: BufWriter::with_capacity(1 << 20, File::create(tmp)?),
        at: 0,
    };
    out.put(MAGIC)?;
    let mut articles = Vec::with_capacity(contents.articles.len());
    for (meta, entry) in &contents.articles {
        if let Some(blob) = out.entry(entry)? {
            articles.push((meta.clone(), blob));
        }
    }
    let mut stories = Vec::with_capacity(contents.stories.len());
    for (fingerprint, head, body) in &contents.stories {
        // Both parts or neither: a head whose body is gone is useless.
        if let (Some(head), Some(body)) = (out.entry(head)?, out.entry(body)?) {
            stories.push((*fingerprint, head, body));
        }
    }
    let index = Index {
        build: BUILD.to_string(),
        config: contents.config,
        articles,
        stories,
    };
    let bytes = postcard::to_stdvec(&index).map_err(io::Error::other)?;
    let offset = out.at;
    out.put(&bytes)?;
    out.put(MAGIC)?;
    for word in [offset, bytes.len() as u64, checksum(&bytes)] {
        out.put(&word.to_le_bytes())?;
    }
    out.file.flush()?;
    Ok(out.at)
}

struct Writer {
    file: BufWriter<File>,
    at: u64,
}

impl Writer {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    /// Writes one entry; `None` when a stored entry no longer reads back (it is then
    /// left out, and recomputed by whoever needs it next).
    fn entry<T: Serialize>(&mut self, entry: &Entry<T>) -> io::Result<Option<Blob>> {
        let bytes = match entry {
            Entry::Stored(s) => match s.snapshot.read(s.blob) {
                Some(b) => b,
                None => return Ok(None),
            },
            Entry::Fresh(value) => postcard::to_stdvec(&**value).map_err(io::Error::other)?,
        };
        let blob = Blob {
            offset: self.at,
            len: bytes.len() as u64,
            check: checksum(&bytes),
        };
        self.put(&bytes)?;
        Ok(Some(blob))
    }
}
