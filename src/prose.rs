//! The front end: which bytes of an article are prose.
//!
//! Markdown front matter, fenced and indented code, HTML comments and tags, link
//! targets and bare URLs are not analysed. Rather than cutting them out (which would
//! shift every offset), [`mask`] returns a copy of the text of the same byte length in
//! which every non-prose byte is a space (line breaks kept). Analysis runs on the
//! mask, so every span it reports is a span of the original file.

use regex::Regex;
use std::sync::LazyLock;

/// How an article's text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// The format a file name implies: Markdown for `.md`/`.markdown`, else plain.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// Front matter fields a source label may come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub source: Option<String>,
    pub title: Option<String>,
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+").unwrap());
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]").unwrap());
static LINK_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^ {0,3}\[[^\]\n]+\]:[^\n]*").unwrap());
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>").unwrap());

/// The prose of `text`: same length, non-prose bytes blanked.
pub fn mask(text: &str, format: Format) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut blank = |start: usize, end: usize| {
        for b in &mut out[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    for m in URL.find_iter(text) {
        blank(m.start(), m.end());
    }
    if format == Format::Markdown {
        if let Some(end) = front_matter_end(text) {
            blank(0, end);
        }
        for (start, end) in code_blocks(text) {
            blank(start, end);
        }
        for (start, end) in html_comments(text) {
            blank(start, end);
        }
        for re in [&*LINK_TARGET, &*LINK_DEF, &*HTML_TAG] {
            for m in re.find_iter(text) {
                // Keep the closing bracket of a link text: it ends the prose before it.
                let start = if m.as_str().starts_with(']') {
                    m.start() + 1
                } else {
                    m.start()
                };
                blank(start, m.end());
            }
        }
    }
    // Only ASCII bytes of whole characters were replaced by ASCII spaces, and each
    // blanked region starts and ends on a character boundary, so this stays UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Byte offset just past a leading `---` … `---` YAML block, if any.
fn front_matter_end(text: &str) -> Option<usize> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skip = text.len() - body.len();
    let first = body.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut offset = skip + first.len() + 1;
    for line in body[first.len()..].split_inclusive('\n').skip(1) {
        offset += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some(offset.min(text.len()));
        }
    }
    None
}

/// Parses the front matter's `source:`/`outlet:` and `title:` keys.
pub fn front_matter(text: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let Some(end) = front_matter_end(text) else {
        return fm;
    };
    for line in text[..end].lines() {
        if let Some((key, value)) = line.split_once(':') {
            let value = value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_string();
            if value.is_empty() {
                continue;
            }
            match key.trim().to_ascii_lowercase().as_str() {
                "source" | "outlet" => fm.source = Some(value),
                "title" => fm.title = Some(value),
                _ => {}
            }
        }
    }
    fm
}

/// Fenced (``` or ~~~) code blocks and indented code after a blank line.
fn code_blocks(text: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(usize, char, usize)> = None; // (start, fence char, fence length)
    let mut prev_blank = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match fence {
            Some((start, c, n)) => {
                if indent < 4 && run(c) >= n && trimmed[run(c)..].trim().is_empty() {
                    blocks.push((start, offset + line.len()));
                    fence = None;
                }
            }
            None => {
                if indent < 4 && (run('`') >= 3 || run('~') >= 3) {
                    let c = if run('`') >= 3 { '`' } else { '~' };
                    fence = Some((offset, c, run(c)));
                } else if prev_blank
                    && (line.starts_with("    ") || line.starts_with('\t'))
                    && !line.trim().is_empty()
                {
                    blocks.push((offset, offset + line.len()));
                    offset += line.len();
                    // An indented block continues while lines stay indented.
                    continue;
                }
            }
        }
        prev_blank = line.trim().is_empty()
            || (blocks.last().is_some_and(|b| b.1 == offset) && line.starts_with("    "));
        offset += line.len();
    }
    if let Some((start, _, _)) = fence {
        blocks.push((start, text.len()));
    }
    blocks
}

fn html_comments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let end = text[start + 4..]
            .find("-->")
            .map(|j| start + 4 + j + 3)
            .unwrap_or(text.len());
        out.push((start, end));
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_length_and_offsets() {
        let text = "---\nsource: Daily Planet\n---\nThe talks lasted 2 hours. See https://x.com/1234.\n```\n99 bottles\n```\n<!-- 7 notes -->\n[5 links](http://a/55)\n";
        let m = mask(text, Format::Markdown);
        assert_eq!(m.len(), text.len());
        assert!(m.contains("The talks lasted 2 hours."));
        assert!(!m.contains("1234"));
        assert!(!m.contains("99 bottles"));
        assert!(!m.contains("7 notes"));
        assert!(!m.contains("55"));
        assert!(m.contains("[5 links]"));
        assert!(!m.contains("Daily Planet"));
        assert_eq!(m.find("2 hours"), text.find("2 hours"));
    }

    #[test]
    fn plain_text_keeps_everything_but_urls() {
        let text = "On March 29, 2024 (www.example.com/2024) it rained.";
        let m = mask(text, Format::Plain);
        assert!(m.contains("March 29, 2024"));
        assert!(!m.contains("example"));
    }

    #[test]
    fn front_matter_gives_the_source() {
        let fm = front_matter("---\ntitle: \"Talks\"\noutlet: Harbour Herald\n---\nbody");
        assert_eq!(fm.source.as_deref(), Some("Harbour Herald"));
        assert_eq!(fm.title.as_deref(), Some("Talks"));
    }
}
