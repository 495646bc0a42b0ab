//! Articles on disk: finding them under a folder (include/exclude globs,
//! `.gitignore`/`.ignore`, no symlinks followed out of the tree) and reading them
//! safely (binary files and oversized files skipped, invalid UTF-8 decoded lossily).
//! The workspace index calls this; it knows nothing of LSP.

use crate::config::Config;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// Why a file was not analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The file holds NUL bytes: not text.
    Binary,
    /// Larger than `max_file_bytes`.
    TooLarge { bytes: u64, limit: u64 },
    /// It could not be read.
    Unreadable(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Binary => write!(f, "binary file (NUL bytes), skipped"),
            Skip::TooLarge { bytes, limit } => {
                write!(f, "{bytes} bytes is over max_file_bytes ({limit}), skipped")
            }
            Skip::Unreadable(e) => write!(f, "cannot be read ({e}), skipped"),
        }
    }
}

/// A file's text, and whether invalid UTF-8 had to be replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub text: String,
    pub lossy: bool,
}

/// Turns raw bytes into article text, or says why they are not one.
pub fn decode(bytes: Vec<u8>, limit: u64) -> Result<Loaded, Skip> {
    if bytes.len() as u64 > limit {
        return Err(Skip::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    if bytes.contains(&0) {
        return Err(Skip::Binary);
    }
    // Editors drop a byte-order mark and count positions after it; so do we.
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Loaded { text, lossy: false }),
        Err(e) => Ok(Loaded {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        }),
    }
}

/// Reads one article from disk.
pub fn read(path: &Path, limit: u64) -> Result<Loaded, Skip> {
    // Not `metadata`: a symlink may lead out of the workspace, and a pipe or device
    // would block the reader forever.
    let meta = std::fs::symlink_metadata(path).map_err(|e| Skip::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(Skip::Unreadable("not a regular file".into()));
    }
    if meta.len() > limit {
        return Err(Skip::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Skip::Unreadable(e.to_string()))?;
    decode(bytes, limit)
}

/// Decides which paths below a root are articles.
pub struct Matcher {
    include: GlobSet,
    exclude: GlobSet,
}

impl Matcher {
    pub fn new(config: &Config) -> Matcher {
        Matcher {
            include: globs(&config.include),
            exclude: globs(&config.exclude),
        }
    }

    /// Whether `relative` (a path below the workspace root) is an article.
    pub fn is_article(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

/// Bad globs are dropped (the config layer reports them); `**/x` also matches `x`.
fn globs(patterns: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
        if let Some(rest) = p.strip_prefix("**/") {
            if let Ok(g) = Glob::new(rest) {
                b.add(g);
            }
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Every article below `root`, sorted, plus the problems met on the way (unreadable
/// folders, symlink loops) as messages to log. Symlinks are not followed, so the walk
/// never leaves the tree.
pub fn scan(root: &Path, config: &Config) -> (Vec<PathBuf>, Vec<String>) {
    let matcher = Matcher::new(config);
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let walk = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .build();
    for entry in walk {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                if matcher.is_article(rel) {
                    found.push(e.into_path());
                }
            }
            Err(err) => problems.push(err.to_string()),
        }
    }
    found.sort();
    (found, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_oversized_bytes_are_skipped() {
        assert_eq!(decode(b"ab\0cd".to_vec(), 100), Err(Skip::Binary));
        assert!(matches!(
            decode(vec![b'a'; 10], 5),
            Err(Skip::TooLarge { .. })
        ));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let l = decode(b"caf\xe9 12".to_vec(), 100).unwrap();
        assert!(l.lossy);
        assert!(l.text.ends_with(" 12"));
    }

    #[test]
    fn default_globs_take_markdown_and_text() {
        let m = Matcher::new(&Config::default());
        assert!(m.is_article(Path::new("a.md")));
        assert!(m.is_article(Path::new("x/y/b.txt")));
        assert!(!m.is_article(Path::new("c.rs")));
    }
}
