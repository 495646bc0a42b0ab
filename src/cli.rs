//! The command line (SPEC §7): `check`, `figures`, `entities`, `lsp`. A thin adapter:
//! it loads paths into a [`Workspace`] and prints what the engine found, as a
//! compiler would (human), or as stable JSON / SARIF.

use crate::config::Config;
use crate::figure;
use crate::files;
use crate::finding::{Finding, Severity};
use crate::span::{ByteSpan, Encoding};
use crate::workspace::{self, Document, Workspace};
use crate::DocId;
use serde_json::{json, Value as Json};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const USAGE: &str = "\
crosscheck — cross-checks figures and names across the news articles of a folder

USAGE:
    crosscheck check    [PATH…] [--format human|json|sarif] [--fail-on LEVEL] [--no-cache]
    crosscheck figures  [PATH…] [--format human|json] [--no-cache]
    crosscheck entities [PATH…] [--format human|json] [--no-cache]
    crosscheck lsp                  (language server on stdio)
    crosscheck --version

PATH is a file or a folder (default: .); folders are scanned as a workspace and
read crosscheck.toml at their top. LEVEL is error, warning (default), information,
hint or none. Exit codes: 0 nothing at or above LEVEL, 1 something is, 2 usage or
I/O error. Analyses are cached under $XDG_CACHE_HOME/crosscheck (or the folder in
$CROSSCHECK_CACHE_DIR; `off` turns it off) so a second run over unchanged articles
is quick; --no-cache neither reads nor writes it.";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Command {
    Check,
    Figures,
    Entities,
}

struct Args {
    command: Command,
    paths: Vec<PathBuf>,
    format: Format,
    /// `None` means never fail.
    fail_on: Option<Severity>,
    /// Read and write the warm-start cache.
    cache: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    let command = match it.next().map(String::as_str) {
        Some("check") => Command::Check,
        Some("figures") => Command::Figures,
        Some("entities") => Command::Entities,
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    };
    let mut parsed = Args {
        command,
        paths: Vec::new(),
        format: Format::Human,
        fail_on: Some(Severity::Warning),
        cache: true,
    };
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("{flag} needs a value"))
        };
        match flag {
            "--format" | "-f" => {
                parsed.format = match value()?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    "sarif" if command == Command::Check => Format::Sarif,
                    v => return Err(format!("unknown format `{v}`")),
                }
            }
            "--fail-on" if command == Command::Check => {
                let v = value()?;
                parsed.fail_on = if v == "none" {
                    None
                } else {
                    Some(Severity::parse(&v).ok_or(format!("unknown level `{v}`"))?)
                };
            }
            "--no-cache" => parsed.cache = false,
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option `{f}`")),
            _ => parsed.paths.push(PathBuf::from(a)),
        }
    }
    if parsed.paths.is_empty() {
        parsed.paths.push(PathBuf::from("."));
    }
    Ok(parsed)
}

/// Entry point of the binary; returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            println!("crosscheck {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            return 0;
        }
        Some("lsp") => return crate::lsp::run(),
        _ => {}
    }
    let args = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("crosscheck: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let mut ws = match load(&args.paths, args.cache) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("crosscheck: {e}");
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.command {
        Command::Check => check(&mut ws, &args, &mut out),
        Command::Figures => figures(&mut ws, args.format, &mut out).map(|_| 0),
        Command::Entities => entities(&mut ws, args.format, &mut out).map(|_| 0),
    };
    if args.cache {
        save_cache(&mut ws);
    }
    match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("crosscheck: {e}");
            2
        }
    }
}

/// Articles read per step of the progress line.
const LOAD_STEP: usize = 1024;

/// Loads the articles under `paths` as one workspace, from the warm-start cache where
/// it holds their text when `cache` is set. On a terminal, stderr shows progress.
pub fn load(paths: &[PathBuf], cache: bool) -> Result<Workspace, String> {
    let config_dir = paths
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config_path = config_dir.join("crosscheck.toml");
    let (config, problem) = match std::fs::read_to_string(&config_path) {
        Ok(text) => Config::from_toml(&text),
        Err(_) => (Config::default(), None),
    };
    if let Some(p) = &problem {
        eprintln!(
            "crosscheck: {}: {} (using defaults)",
            config_path.display(),
            p.message
        );
    }
    let mut ws = Workspace::new(config.clone());
    ws.set_roots(paths.iter().filter(|p| p.is_dir()).cloned().collect());
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (found, problems) = files::scan(p, &config);
            for problem in problems {
                eprintln!("crosscheck: {problem}");
            }
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    if cache && !ws.roots().is_empty() {
        // No cache yet, or one from another build: everything is computed.
        let _ = ws.open_cache();
    }
    let warm = ws.warm();
    let progress = std::io::stderr().is_terminal() && files.len() > LOAD_STEP;
    let total = files.len();
    let mut done = 0;
    for step in files.chunks(LOAD_STEP) {
        let (prepared, notes) = workspace::load_many(
            step.to_vec(),
            config.max_file_bytes,
            &ws.figure_options(),
            warm.as_ref(),
        );
        if progress {
            eprint!("\r\x1b[K");
        }
        for n in notes {
            eprintln!("crosscheck: {n}");
        }
        for p in prepared {
            ws.insert(p);
        }
        done += step.len();
        if progress {
            eprint!(
                "crosscheck: reading articles {done}/{total} ({}%)",
                done * 100 / total
            );
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    Ok(ws)
}

/// Writes the warm-start cache if this run computed anything it lacks; a failure
/// only costs the next run its head start.
fn save_cache(ws: &mut Workspace) {
    if let Some((file, contents)) = ws.to_save() {
        match crate::cache::save(&file, &contents) {
            Ok(_) => crate::cache::prune(&file),
            Err(e) => eprintln!("crosscheck: cache not saved to {}: {e}", file.display()),
        }
    }
}

fn location(doc: &Document, span: ByteSpan) -> Json {
    let r = doc.lines.range(&doc.text, span, Encoding::Utf16);
    json!({
        "path": doc.path.display().to_string(),
        "range": r,
        "span": span,
    })
}

fn check(ws: &mut Workspace, args: &Args, out: &mut impl Write) -> std::io::Result<i32> {
    let derived = ws.derived();
    let findings: Vec<&Finding> = derived.findings().flat_map(|(_, f)| f).collect();
    match args.format {
        Format::Human => {
            for f in &findings {
                human_finding(ws, f, out)?;
            }
            let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
            let parts: Vec<String> = [
                Severity::Error,
                Severity::Warning,
                Severity::Information,
                Severity::Hint,
            ]
            .into_iter()
            .filter(|&s| count(s) > 0)
            .map(|s| plural(count(s), s.as_str()))
            .collect();
            let summary = if parts.is_empty() {
                "no findings".to_string()
            } else {
                parts.join(", ")
            };
            writeln!(out, "{summary} in {}", plural(ws.len(), "article"))?;
        }
        Format::Json => {
            let files: Vec<Json> = ws
                .docs()
                .map(|d| json!({"path": d.path.display().to_string(), "label": d.label()}))
                .collect();
            let diags: Vec<Json> = findings
                .iter()
                .filter_map(|f| finding_json(ws, f))
                .collect();
            let doc = json!({"version": 1, "files": files, "diagnostics": diags});
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            )?;
        }
        Format::Sarif => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&sarif(ws, &findings)).unwrap_or_default()
            )?;
        }
    }
    let failing = args
        .fail_on
        .is_some_and(|level| findings.iter().any(|f| f.severity >= level));
    Ok(i32::from(failing))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn finding_json(ws: &Workspace, f: &Finding) -> Option<Json> {
    let doc = ws.doc(f.doc)?;
    let mut j = location(doc, f.span);
    j["severity"] = json!(f.severity.as_str());
    j["code"] = json!(f.code.as_str());
    j["message"] = json!(f.message);
    j["related"] = f
        .related
        .iter()
        .filter_map(|r| {
            let d = ws.doc(r.doc)?;
            let mut rj = location(d, r.span);
            rj["message"] = json!(r.message);
            Some(rj)
        })
        .collect();
    Some(j)
}

/// `path:line:col` (1-based, characters), as compilers and editors' jump lists read it.
fn place(doc: &Document, offset: usize) -> String {
    let p = doc.lines.position(&doc.text, offset, Encoding::Utf8);
    let line_start = doc.text[..offset.min(doc.text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let col = doc
        .text
        .get(line_start..offset)
        .map_or(0, |s| s.chars().count());
    format!("{}:{}:{}", doc.path.display(), p.line + 1, col + 1)
}

/// The line holding `span`, cut to a window around it, with the caret offset.
fn snippet(doc: &Document, span: ByteSpan) -> (String, usize, usize) {
    const CONTEXT: usize = 50;
    let text = &*doc.text;
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let before: Vec<char> = text[line_start..start].chars().collect();
    let marked: Vec<char> = text[start..span.end.clamp(start, line_end)]
        .chars()
        .collect();
    let after: Vec<char> = text[span.end.clamp(start, line_end)..line_end]
        .chars()
        .collect();
    let (lead, before) = if before.len() > CONTEXT {
        ("…", &before[before.len() - CONTEXT..])
    } else {
        ("", &before[..])
    };
    let (tail, after) = if after.len() > CONTEXT {
        ("…", &after[..CONTEXT])
    } else {
        ("", &after[..])
    };
    let mut line = String::from(lead);
    line.extend(before.iter());
    let caret = line.chars().count();
    line.extend(marked.iter());
    line.extend(after.iter());
    line.push_str(tail);
    (line, caret, marked.len().max(1))
}

fn human_finding(ws: &Workspace, f: &Finding, out: &mut impl Write) -> std::io::Result<()> {
    let Some(doc) = ws.doc(f.doc) else {
        return Ok(());
    };
    let line_no = doc
        .lines
        .position(&doc.text, f.span.start, Encoding::Utf8)
        .line
        + 1;
    let gutter = line_no.to_string().len();
    let (line, caret, width) = snippet(doc, f.span);
    writeln!(
        out,
        "{}[{}]: {}",
        f.severity.as_str(),
        f.code.as_str(),
        f.message
    )?;
    writeln!(out, "{:gutter$}--> {}", "", place(doc, f.span.start))?;
    writeln!(out, "{:gutter$} |", "")?;
    writeln!(out, "{line_no} | {line}")?;
    writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(caret),
        "^".repeat(width)
    )?;
    for r in &f.related {
        if let Some(d) = ws.doc(r.doc) {
            writeln!(
                out,
                "{:gutter$} = {}: {}",
                "",
                place(d, r.span.start),
                r.message
            )?;
        }
    }
    if let Some(fix) = &f.fix {
        writeln!(out, "{:gutter$} = fix: {}", "", fix.title)?;
    }
    writeln!(out)
}

fn sarif(ws: &Workspace, findings: &[&Finding]) -> Json {
    let results: Vec<Json> = findings
        .iter()
        .filter_map(|f| {
            let doc = ws.doc(f.doc)?;
            let region = |d: &Document, s: ByteSpan| {
                let r = d.lines.range(&d.text, s, Encoding::Utf16);
                json!({"startLine": r.start.line + 1, "startColumn": r.start.character + 1,
                       "endLine": r.end.line + 1, "endColumn": r.end.character + 1,
                       "byteOffset": s.start, "byteLength": s.len()})
            };
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Information | Severity::Hint => "note",
            };
            Some(json!({
                "ruleId": f.code.as_str(),
                "level": level,
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": doc.path.display().to_string()},
                    "region": region(doc, f.span)}}],
                "relatedLocations": f.related.iter().filter_map(|r| {
                    let d = ws.doc(r.doc)?;
                    Some(json!({"message": {"text": r.message}, "physicalLocation": {
                        "artifactLocation": {"uri": d.path.display().to_string()},
                        "region": region(d, r.span)}}))
                }).collect::<Vec<_>>(),
            }))
        })
        .collect();
    let rules: Vec<Json> = crate::finding::Code::ALL
        .iter()
        .map(|c| json!({"id": c.as_str()}))
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "crosscheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
                  "results": results}]
    })
}

fn figures(ws: &mut Workspace, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    let derived = ws.derived();
    let mut list = Vec::new();
    for doc in ws.docs() {
        for (i, f) in doc.analysis().figures.iter().enumerate() {
            let claim = derived.claim_id_of(crate::claim::Member {
                doc: doc.id,
                figure: i,
            });
            if format == Format::Human {
                let unit = f.unit.as_deref().unwrap_or("-");
                let value = match &f.value {
                    crate::figure::Value::Number(n) => format_number(*n),
                    crate::figure::Value::Calendar(c) => c.clone(),
                };
                let bounds = |b: Option<f64>| b.map_or("·".to_string(), format_number);
                writeln!(
                    out,
                    "{}  {:<8} {:>14} {:<12} [{}, {}]  {}{}",
                    place(doc, f.span.start),
                    f.kind.as_str(),
                    value,
                    unit,
                    bounds(f.interval.low),
                    bounds(f.interval.high),
                    f.hedge
                        .as_ref()
                        .map(|h| format!("({h}) "))
                        .unwrap_or_default(),
                    f.span.of(&doc.text)
                )?;
            } else {
                let mut j = location(doc, f.span);
                j["text"] = json!(f.span.of(&doc.text));
                j["kind"] = json!(f.kind);
                j["value"] = match &f.value {
                    figure::Value::Number(n) => json!(n),
                    figure::Value::Calendar(c) => json!(c),
                };
                j["unit"] = json!(f.unit);
                j["low"] = json!(f.interval.low);
                j["high"] = json!(f.interval.high);
                j["hedge"] = json!(f.hedge);
                j["claim"] = json!(claim);
                list.push(j);
            }
        }
    }
    if format != Format::Human {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"version": 1, "figures": list}))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

/// A number without a trailing `.0` when it is whole.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn entities(ws: &mut Workspace, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    let derived = ws.derived();
    let path_of = |id: DocId| {
        ws.doc(id)
            .map(|d| d.path.display().to_string())
            .unwrap_or_default()
    };
    if format == Format::Human {
        for e in derived.entities() {
            let mut sources: Vec<DocId> = e.mentions.iter().map(|m| m.doc).collect();
            sources.sort();
            sources.dedup();
            write!(
                out,
                "{} ({:?}) — {} in {}",
                e.name,
                e.kind,
                plural(e.mentions.len(), "mention"),
                plural(sources.len(), "source")
            )?;
            if !e.aliases.is_empty() {
                write!(out, "; also {}", e.aliases.join(", "))?;
            }
            let mut roles: Vec<&str> = e.roles.iter().map(|r| r.text.as_str()).collect();
            roles.sort();
            roles.dedup();
            if !roles.is_empty() {
                write!(out, "; {}", roles.join(", "))?;
            }
            for v in &e.variants {
                write!(out, "; variant “{}” in {}", v.text, path_of(v.at.doc))?;
            }
            writeln!(out)?;
        }
        return Ok(());
    }
    let list: Vec<Json> = derived
        .entities()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": i,
                "name": e.name,
                "kind": e.kind,
                "aliases": e.aliases,
                "roles": e.roles.iter().map(|r| json!({"text": r.text, "path": path_of(r.doc)})).collect::<Vec<_>>(),
                "mentions": e.mentions.iter().filter_map(|m| {
                    let d = ws.doc(m.doc)?;
                    let mut j = location(d, m.span);
                    j["text"] = json!(m.span.of(&d.text));
                    Some(j)
                }).collect::<Vec<_>>(),
                "variants": e.variants.iter().filter_map(|v| {
                    let d = ws.doc(v.at.doc)?;
                    Some(json!({"text": v.text, "path": path_of(v.at.doc),
                                "range": d.lines.range(&d.text, v.at.span, Encoding::Utf16)}))
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&json!({"version": 1, "entities": list})).unwrap_or_default()
    )
}
