//! Checks shared by the fuzz targets: each takes fuzzer input, runs one part of the
//! engine on it and asserts what must hold whatever the engine's quality — no panic,
//! spans inside the text and on character boundaries, offsets that survive the
//! front end, positions that round-trip, and incremental edits that end where a
//! from-scratch analysis does.

use crosscheck::article;
use crosscheck::entity::{self, DocMentions};
use crosscheck::figure::{self, Options};
use crosscheck::prose::{self, Format};
use crosscheck::span::{ByteSpan, Encoding, LineIndex, Position};
use crosscheck::workspace::Workspace;
use crosscheck::DocId;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use ropey::Rope;
use std::path::PathBuf;

/// Asserts a span lies inside `text` on character boundaries.
pub fn check_span(text: &str, span: ByteSpan, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// The input as text: valid UTF-8 as is, else decoded as the server decodes files.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Figure extraction: spans valid and in order, hedges valid, intervals not inverted.
pub fn figures(text: &str) {
    for format in [Format::Plain, Format::Markdown] {
        let prose = prose::mask(text, format);
        for options in [
            Options::default(),
            Options {
                approx_tolerance: 0.0,
            },
        ] {
            let readings = figure::read(&prose, &options);
            let mut last = 0;
            for r in &readings {
                let f = &r.figure;
                check_span(&prose, f.span, "figure");
                assert!(f.span.start >= last, "figures out of order: {readings:#?}");
                last = f.span.start;
                if let Some(h) = r.hedge_span {
                    check_span(&prose, h, "hedge");
                }
                if let (Some(lo), Some(hi)) = (f.interval.low, f.interval.high) {
                    assert!(
                        lo <= hi || lo.is_nan() || hi.is_nan(),
                        "inverted interval for {:?}: {f:?}",
                        f.span.of(&prose)
                    );
                }
            }
            assert_eq!(figure::extract(&prose, &options).len(), readings.len());
        }
    }
}

/// Entity recognition (and linking across two halves of the input): spans valid.
pub fn entities(text: &str) {
    let prose = prose::mask(text, Format::Markdown);
    let mentions = entity::recognise(&prose);
    for m in &mentions {
        check_span(&prose, m.span, "mention");
    }
    let cut = (0..=prose.len() / 2)
        .rev()
        .find(|&i| prose.is_char_boundary(i))
        .unwrap_or(0);
    let (a, b) = prose.split_at(cut);
    let (ma, mb) = (entity::recognise(a), entity::recognise(b));
    let docs = [
        DocMentions {
            doc: DocId(0),
            text: a,
            mentions: &ma,
        },
        DocMentions {
            doc: DocId(1),
            text: b,
            mentions: &mb,
        },
        DocMentions {
            doc: DocId(2),
            text: &prose,
            mentions: &mentions,
        },
    ];
    for e in entity::link(&docs) {
        for m in &e.mentions {
            let t = match m.doc.0 {
                0 => a,
                1 => b,
                _ => &prose,
            };
            check_span(t, m.span, "linked mention");
        }
        for v in &e.variants {
            let t = match v.at.doc.0 {
                0 => a,
                1 => b,
                _ => &prose,
            };
            check_span(t, v.at.span, "variant");
        }
    }
}

/// The Markdown front end keeps every offset: same length, line breaks where they
/// were, every byte either kept or blanked to a space; and `LineIndex` positions
/// round-trip in both encodings and agree with the rope the server edits.
pub fn prose_and_lines(text: &str) {
    for format in [Format::Plain, Format::Markdown] {
        let masked = prose::mask(text, format);
        assert_eq!(masked.len(), text.len(), "mask changed the length");
        for (i, (&m, &t)) in masked.as_bytes().iter().zip(text.as_bytes()).enumerate() {
            assert!(
                m == t || (m == b' ' && t != b'\n' && t != b'\r'),
                "mask byte {i}: {t:#x} became {m:#x}"
            );
        }
    }
    let _ = prose::front_matter(text);
    let idx = LineIndex::new(text);
    let rope = Rope::from_str(text);
    assert_eq!(idx.line_count(), rope.len_lines(), "line count vs rope");
    for line in 0..idx.line_count() {
        let at = idx.offset(
            text,
            Position {
                line: line as u32,
                character: 0,
            },
            Encoding::Utf8,
        );
        assert_eq!(at, Some(rope.line_to_byte(line)), "start of line {line}");
    }
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        for (o, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let p = idx.position(text, o, enc);
            let back = idx.offset(text, p, enc);
            // An offset between `\r` and `\n` is not a position of its own: it reads
            // as the end of its line's content.
            let inside_crlf =
                o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n');
            if !inside_crlf {
                assert_eq!(back, Some(o), "offset {o} → {p:?} → {back:?} ({enc:?})");
            }
        }
    }
}

/// One LSP content change, as the fuzzer makes it.
#[derive(Arbitrary, Debug, Clone)]
pub struct Edit {
    /// `None`: replace the whole text.
    pub range: Option<(u8, u16, u8, u16)>,
    pub text: String,
}

/// An incremental-editing case: a starting text, edits, and the position encoding.
#[derive(Arbitrary, Debug, Clone)]
pub struct Session {
    pub start: String,
    pub edits: Vec<Edit>,
    pub utf8: bool,
    pub markdown: bool,
}

/// Applies a change to a rope exactly as the server does (the library's own code).
pub fn apply_rope(rope: &mut Rope, e: &Edit, enc: Encoding) {
    let range = e.range.map(|(l0, c0, l1, c1)| crosscheck::span::Range {
        start: Position {
            line: l0.into(),
            character: c0.into(),
        },
        end: Position {
            line: l1.into(),
            character: c1.into(),
        },
    });
    crosscheck::edit::apply(rope, range, &e.text, enc);
}

/// Applies a change to a string through `LineIndex` (the engine's own conversion):
/// a line past the end means the end of the text.
pub fn apply_string(text: &mut String, e: &Edit, enc: Encoding) {
    let Some((l0, c0, l1, c1)) = e.range else {
        *text = e.text.clone();
        return;
    };
    let idx = LineIndex::new(text);
    let at = |l: u8, c: u16| {
        idx.offset(
            text,
            Position {
                line: l.into(),
                character: c.into(),
            },
            enc,
        )
        .unwrap_or(text.len())
    };
    let (mut a, mut b) = (at(l0, c0), at(l1, c1));
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    text.replace_range(a..b, &e.text);
}

/// Random edits applied as the server applies them (to a rope, re-analysing through
/// the workspace after each) end in the same text as the engine's own position
/// arithmetic, and in the same analysis and findings as the final text from scratch.
pub fn incremental(s: &Session) {
    let enc = if s.utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let path = PathBuf::from(if s.markdown { "/ws/a.md" } else { "/ws/a.txt" });
    let other = PathBuf::from("/ws/b.md");
    let other_text = "The talks lasted 2 hours, Maria Ortega said.\n".to_string();
    let mut rope = Rope::from_str(&s.start);
    let mut plain = s.start.clone();
    let mut ws = Workspace::default();
    ws.upsert(other.clone(), other_text.clone());
    ws.upsert(path.clone(), s.start.clone());
    for e in s.edits.iter().take(24) {
        apply_rope(&mut rope, e, enc);
        apply_string(&mut plain, e, enc);
        let now = rope.to_string();
        assert_eq!(now, plain, "rope and LineIndex disagree after {e:?}");
        ws.upsert(path.clone(), now);
        let _ = ws.derived();
    }
    let final_text = rope.to_string();
    let mut fresh = Workspace::default();
    fresh.upsert(other.clone(), other_text);
    fresh.upsert(path.clone(), final_text.clone());
    let (a, b) = (ws.derived(), fresh.derived());
    let doc_a = ws.doc(ws.id_of(&path).unwrap()).unwrap();
    let doc_b = fresh.doc(fresh.id_of(&path).unwrap()).unwrap();
    assert_eq!(&*doc_a.text, final_text.as_str());
    let format = Format::from_path(&path.to_string_lossy());
    let scratch = article::analyse(&final_text, format, &Options::default());
    assert_eq!(
        format!("{:?}", doc_a.analysis()),
        format!("{scratch:?}"),
        "cached analysis"
    );
    assert_eq!(
        format!("{:?}", doc_b.analysis()),
        format!("{scratch:?}"),
        "fresh analysis"
    );
    let by_path = |ws: &Workspace, d: &crosscheck::workspace::Derived| {
        let mut out: Vec<String> = Vec::new();
        for (id, list) in d.findings() {
            let p = ws.doc(id).unwrap().path.clone();
            for f in list {
                let related: Vec<_> = f
                    .related
                    .iter()
                    .map(|r| (ws.doc(r.doc).unwrap().path.clone(), r.span, &r.message))
                    .collect();
                out.push(format!(
                    "{p:?} {:?} {:?} {} {related:?}",
                    f.span, f.code, f.message
                ));
            }
        }
        // Articles come in story order, which follows ids; compare as sets of lines.
        out.sort();
        out
    };
    assert_eq!(
        by_path(&ws, &a),
        by_path(&fresh, &b),
        "findings after edits vs from scratch"
    );
}
