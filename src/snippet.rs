//! SNIPPETS: the best passage of a document's original text, with the
//! matched words marked.
//!
//! The document text is analysed again with the index's analyzer, so a
//! highlighted word is exactly a word that matched (surface, stem or prefix),
//! and highlights always cover whole words: an Arabic word is never cut in
//! the middle, which would break the joining of its letters.

use crate::analysis::{Analyzer, Stems};
use crate::document::Span;

/// Only this many bytes of a document are scanned for a snippet, so a huge
/// document cannot make a page of results slow.
pub const MAX_SNIPPET_SCAN_BYTES: usize = 256 * 1024;

/// A passage with highlighted ranges.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage: original text, runs of white space folded to one space,
    /// with `…` where it was cut.
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub highlights: Vec<Span>,
}

impl Snippet {
    /// The passage split into `(text, highlighted)` runs, in order.
    pub fn fragments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for h in &self.highlights {
            if h.start > at {
                out.push((&self.text[at..h.start], false));
            }
            out.push((&self.text[h.range()], true));
            at = h.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

/// What counts as a match for highlighting, collected from the query.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    /// (normalized word, its stems) per required word, with the clause index.
    words: Vec<(String, Vec<String>, usize)>,
    /// Exact normalized forms (phrase words), with the clause index.
    exact: Vec<(String, usize)>,
    /// Normalized prefixes and their stems, with the clause index.
    prefixes: Vec<(String, String, usize)>,
}

impl Matcher {
    pub(crate) fn word(&mut self, term: &str, stems: Stems<'_>, clause: usize) {
        self.words.push((term.to_string(), stems.iter().map(str::to_string).collect(), clause));
    }

    pub(crate) fn exact(&mut self, term: &str, clause: usize) {
        self.exact.push((term.to_string(), clause));
    }

    pub(crate) fn prefix(&mut self, prefix: &str, stem: &str, clause: usize) {
        self.prefixes.push((prefix.to_string(), stem.to_string(), clause));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// The clause a token matches, if any.
    fn clause_of(&self, term: &str, stems: Stems<'_>) -> Option<usize> {
        for (word, word_stems, clause) in &self.words {
            let stem_hit = |s: &str| word_stems.iter().any(|w| w == s);
            if word == term || stem_hit(term) || stems.iter().any(stem_hit) {
                return Some(*clause);
            }
        }
        if let Some((_, clause)) = self.exact.iter().find(|(w, _)| w == term) {
            return Some(*clause);
        }
        self.prefixes
            .iter()
            .find(|(p, s, _)| {
                term.starts_with(p.as_str())
                    || (!s.is_empty() && stems.iter().any(|st| st.starts_with(s.as_str())))
            })
            .map(|(_, _, clause)| *clause)
    }
}

/// A matched word: its span and char offsets in the text, and its clause.
#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    clause: usize,
    char_start: usize,
    char_end: usize,
}

fn marks(analyzer: &Analyzer, text: &str, matcher: &Matcher) -> Vec<Mark> {
    let mut scan = &text[..floor_char_boundary(text, MAX_SNIPPET_SCAN_BYTES)];
    if matcher.is_empty() {
        scan = "";
    }
    let mut out = Vec::new();
    let (mut byte_at, mut char_at) = (0usize, 0usize);
    analyzer.for_each_token(scan, |t| {
        let Some(clause) = matcher.clause_of(t.term, analyzer.stems(t.term)) else { return };
        char_at += text[byte_at..t.span.start].chars().count();
        let char_start = char_at;
        char_at += text[t.span.range()].chars().count();
        byte_at = t.span.end;
        out.push(Mark { span: t.span, clause, char_start, char_end: char_at });
    });
    out
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// The whole of a short text (a title) with its matches marked.
pub(crate) fn highlight_all(analyzer: &Analyzer, text: &str, matcher: &Matcher) -> Snippet {
    let spans: Vec<Span> = marks(analyzer, text, matcher).iter().map(|m| m.span).collect();
    render(text, 0, text.len(), &spans)
}

/// The passage of at most about `max_chars` characters with the most
/// distinct query clauses (then the most matches), with some context before.
pub(crate) fn best_passage(
    analyzer: &Analyzer,
    text: &str,
    matcher: &Matcher,
    max_chars: usize,
) -> Snippet {
    let max_chars = max_chars.max(20);
    let found = marks(analyzer, text, matcher);
    let (first, last) = best_window(&found, max_chars);
    let (ws, we) = match (found.get(first), found.get(last)) {
        (Some(a), Some(b)) => {
            let slack = max_chars.saturating_sub(b.char_end - a.char_start);
            let before = a.char_start.min(slack / 3);
            let start = byte_before_chars(text, a.span.start, before);
            (start, byte_after_chars(text, start, max_chars))
        }
        _ => (0, byte_after_chars(text, 0, max_chars)),
    };
    let ws = snap_start(text, ws, found.get(first).map_or(ws, |m| m.span.start));
    let we = snap_end(text, we, found.get(last).map_or(we, |m| m.span.end));
    let spans: Vec<Span> =
        found.iter().filter(|m| m.span.start >= ws && m.span.end <= we).map(|m| m.span).collect();
    render(text, ws, we, &spans)
}

/// Indices of the first and last mark of the best window.
fn best_window(found: &[Mark], max_chars: usize) -> (usize, usize) {
    let mut best = (0usize, 0usize);
    let mut best_score = (0usize, 0usize);
    let mut seen = Vec::new();
    for i in 0..found.len() {
        seen.clear();
        let mut j = i;
        while j < found.len() && found[j].char_end - found[i].char_start <= max_chars {
            if !seen.contains(&found[j].clause) {
                seen.push(found[j].clause);
            }
            j += 1;
            let score = (seen.len(), j - i);
            if score > best_score {
                best_score = score;
                best = (i, j - 1);
            }
        }
    }
    best
}

/// The byte offset `n` characters before byte `from`.
fn byte_before_chars(text: &str, from: usize, n: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[..from].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after byte `start` (or the end).
fn byte_after_chars(text: &str, start: usize, n: usize) -> usize {
    text[start..].char_indices().nth(n).map_or(text.len(), |(i, _)| start + i)
}

/// Moves a cut at the start forward to the next word start (never past the
/// first match).
fn snap_start(text: &str, ws: usize, limit: usize) -> usize {
    if ws == 0 || text[..ws].ends_with(char::is_whitespace) {
        return ws;
    }
    match text[ws..limit.max(ws)].find(char::is_whitespace) {
        Some(i) => ws + i,
        None => ws,
    }
}

/// Moves a cut at the end back to the previous word end (never before the
/// last match).
fn snap_end(text: &str, we: usize, limit: usize) -> usize {
    if we >= text.len() || text[we..].starts_with(char::is_whitespace) {
        return we;
    }
    match text[limit.min(we)..we].rfind(char::is_whitespace) {
        Some(i) => limit.min(we) + i,
        None => we,
    }
}

/// Copies `text[ws..we]` with white space folded, adding `…` at cut ends,
/// and maps the highlight spans into the copy.
fn render(text: &str, ws: usize, we: usize, spans: &[Span]) -> Snippet {
    let mut out = String::with_capacity(we - ws + 8);
    let mut highlights = Vec::with_capacity(spans.len());
    if ws > 0 {
        out.push_str("… ");
    }
    let mut next = spans.iter().peekable();
    let mut open: Option<usize> = None;
    let mut pending_space = false;
    for (i, c) in text[ws..we].char_indices() {
        let at = ws + i;
        if let Some(start) = open {
            if at >= spans[highlights.len()].end {
                highlights.push(Span { start, end: out.len() });
                open = None;
            }
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        pending_space = false;
        if open.is_none() {
            if let Some(s) = next.peek() {
                if s.start == at {
                    open = Some(out.len());
                    next.next();
                }
            }
        }
        out.push(c);
    }
    if let Some(start) = open {
        highlights.push(Span { start, end: out.len() });
    }
    if we < text.len() {
        out.push_str(" …");
    }
    Snippet { text: out, highlights }
}
