//! Hover cards, rendered as Markdown from the workspace: the entity card (SPEC §5)
//! and the figure card (what each source says about one quantity). Pure rendering:
//! the caller supplies how to link to a place in an article.

use crate::claim::Member;
use crate::entity::{Entity, EntityKind};
use crate::figure::{Figure, Value};
use crate::span::ByteSpan;
use crate::workspace::{Derived, Document, Workspace};
use crate::DocId;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Builds a link target (a URI) to a span of an article.
pub type Linker<'a> = &'a dyn Fn(&Document, ByteSpan) -> Option<String>;

/// Sources listed before the rest are summarised as "and N more".
const MAX_ROWS: usize = 8;

fn kind_word(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organisation => "organisation",
        EntityKind::Place => "place",
        EntityKind::Other => "name",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Markdown-escapes text taken from an article.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn source_link(doc: &Document, span: ByteSpan, link: Linker) -> String {
    match link(doc, span) {
        Some(uri) => format!("[{}]({uri})", esc(&doc.source_or_file())),
        None => esc(&doc.source_or_file()),
    }
}

/// The card for one entity.
pub fn entity_card(ws: &Workspace, e: &Entity, here: DocId, link: Linker) -> String {
    let mut out = String::new();
    let mut per_doc: BTreeMap<DocId, Vec<ByteSpan>> = BTreeMap::new();
    for m in &e.mentions {
        per_doc.entry(m.doc).or_default().push(m.span);
    }
    let _ = writeln!(out, "### {}", esc(&e.name));
    let _ = writeln!(
        out,
        "{} · {} in {}\n",
        kind_word(e.kind),
        plural(e.mentions.len(), "mention"),
        plural(per_doc.len(), "source")
    );
    if let Some(note) = ws.config().entities.get(&e.name) {
        if let Some(d) = &note.description {
            let _ = write!(out, "{}", esc(d));
            match &note.link {
                Some(l) => {
                    let _ = writeln!(out, " ([more]({l}))\n");
                }
                None => out.push_str("\n\n"),
            }
        }
    }
    // Roles, most widely used first, with how many sources use each.
    let mut roles: BTreeMap<&str, Vec<DocId>> = BTreeMap::new();
    for r in &e.roles {
        let docs = roles.entry(r.text.as_str()).or_default();
        if !docs.contains(&r.doc) {
            docs.push(r.doc);
        }
    }
    if !roles.is_empty() {
        let mut list: Vec<(&str, usize)> = roles.iter().map(|(r, d)| (*r, d.len())).collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = list
            .iter()
            .take(5)
            .map(|(r, n)| format!("{} — {}", esc(r), plural(*n, "source")))
            .collect();
        let _ = writeln!(out, "**Roles:** {}\n", shown.join(" · "));
    }
    // Misspellings are listed as such below, not as other names.
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .filter(|a| !e.variants.iter().any(|v| &v.text == *a))
        .map(|a| esc(a))
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, "**Also named:** {}\n", aliases.join(", "));
    }
    if !e.variants.is_empty() {
        let shown: Vec<String> = e
            .variants
            .iter()
            .filter_map(|v| {
                let d = ws.doc(v.at.doc)?;
                Some(format!(
                    "“{}” in {}",
                    esc(&v.text),
                    source_link(d, v.at.span, link)
                ))
            })
            .collect();
        let _ = writeln!(out, "**Other spellings:** {}\n", shown.join(" · "));
    }
    // Mentions per source: this article first, then by count.
    let mut rows: Vec<(&DocId, &Vec<ByteSpan>)> = per_doc.iter().collect();
    rows.sort_by_key(|(d, spans)| (**d != here, std::cmp::Reverse(spans.len())));
    let _ = writeln!(out, "| Source | Mentions |\n|---|---|");
    for (d, spans) in rows.iter().take(MAX_ROWS) {
        let Some(doc) = ws.doc(**d) else { continue };
        let name = source_link(doc, spans[0], link);
        let name = if **d == here {
            format!("{name} (this article)")
        } else {
            name
        };
        let _ = writeln!(out, "| {name} | {} |", spans.len());
    }
    if rows.len() > MAX_ROWS {
        let _ = writeln!(out, "\n… and {} more sources", rows.len() - MAX_ROWS);
    }
    out
}

/// A number as news prose writes it: "240 million", "1.4 million", "45,000", "2.5".
pub fn human_number(n: f64) -> String {
    let trim = |x: f64| {
        let s = format!("{:.2}", x);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let abs = n.abs();
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if abs >= scale {
            return format!("{} {word}", trim(n / scale));
        }
    }
    if n.fract() != 0.0 {
        return trim(n);
    }
    // Thousands separators for whole numbers from 10,000 up, as style guides do.
    let digits = format!("{}", abs as u64);
    if abs < 10_000.0 {
        return format!("{}{digits}", if n < 0.0 { "-" } else { "" });
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}", if n < 0.0 { "-" } else { "" })
}

/// A figure as a reader would say it: "2.5 hours", "$240 million", "about 1.4 million people".
pub fn say(f: &Figure) -> String {
    let value = match &f.value {
        Value::Calendar(c) => return c.clone(),
        Value::Number(n) => *n,
    };
    let number = human_number(value);
    let hedge = f
        .hedge
        .as_deref()
        .map(|h| format!("{h} "))
        .unwrap_or_default();
    let symbol = |code: &str| match code {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" | "CNY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    };
    match f.unit.as_deref() {
        Some("percent") => format!("{hedge}{number}%"),
        Some(u) if f.kind == crate::figure::Kind::Money => match symbol(u) {
            Some(s) => format!("{hedge}{s}{number}"),
            None => format!("{hedge}{number} {u}"),
        },
        Some(u) if value == 1.0 => format!("{hedge}{number} {u}"),
        Some(u) => format!("{hedge}{number} {}", pluralise(u)),
        None => format!("{hedge}{number}"),
    }
}

fn pluralise(unit: &str) -> String {
    match unit {
        "person" => "people".into(),
        "child" => "children".into(),
        "man" => "men".into(),
        "woman" => "women".into(),
        u if u.ends_with('s') || u.ends_with("sh") || u.ends_with("ch") => format!("{u}es"),
        u if u.ends_with('y') && !u.ends_with("ay") && !u.ends_with("ey") => {
            format!("{}ies", &u[..u.len() - 1])
        }
        u if u.chars().all(|c| c.is_ascii_lowercase()) && u.len() > 2 => format!("{u}s"),
        u => u.to_string(),
    }
}

/// The card for one figure: the claim it belongs to, source by source.
pub fn figure_card(ws: &Workspace, derived: &Derived, at: Member, link: Linker) -> Option<String> {
    let doc = ws.doc(at.doc)?;
    let f = doc.analysis().figures.get(at.figure)?;
    let mut out = String::new();
    let Some(claim) = derived.claim_of(at) else {
        let _ = writeln!(
            out,
            "**{}** — {} · {}\n\nNo other source in the workspace reports this quantity.",
            esc(f.span.of(&doc.text)),
            f.kind.as_str(),
            esc(&say(f))
        );
        return Some(out);
    };
    let disagreement = derived.disagreement_at(at);
    let _ = writeln!(out, "### {}\n", esc(&claim.quantity));
    if let Some(d) = disagreement {
        let _ = writeln!(out, "{}\n", esc(&d.message));
    }
    let _ = writeln!(out, "| Source | Says | As written |\n|---|---|---|");
    let mut members = claim.members.clone();
    members.sort_by_key(|m| (m.doc != at.doc, *m));
    for m in members.iter().take(MAX_ROWS * 2) {
        let Some(d) = ws.doc(m.doc) else { continue };
        let Some(g) = d.analysis().figures.get(m.figure) else {
            continue;
        };
        let mut name = source_link(d, g.span, link);
        if m.doc == at.doc {
            name.push_str(" (this article)");
        }
        let _ = writeln!(
            out,
            "| {name} | {} | “{}” |",
            esc(&say(g)),
            esc(g.span.of(&d.text))
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::human_number;

    #[test]
    fn numbers_read_as_in_print() {
        assert_eq!(human_number(240_000_000.0), "240 million");
        assert_eq!(human_number(1_400_000.0), "1.4 million");
        assert_eq!(human_number(45_000.0), "45,000");
        assert_eq!(human_number(2_500.0), "2500");
        assert_eq!(human_number(2.5), "2.5");
        assert_eq!(human_number(18e9), "18 billion");
    }
}
