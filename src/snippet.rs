//! SNIPPETS: the best passage of a document's original text, with the
//! matched words marked.
//!
//! The document text is analysed again with the index's analyzer, so a
//! highlighted word is exactly a word that matched (surface, stem or prefix),
//! and highlights always cover whole words: an Arabic word is never cut in
//! the middle, which would break the joining of its letters.

use std::collections::VecDeque;

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
    /// (normalized word, its stems) per required word, with the clause index
    /// and its feminine base ([`Stems::base`]).
    words: Vec<(String, Vec<String>, usize, Option<String>)>,
    /// Phrases: their normalized words in order, with the clause index.
    phrases: Vec<(Vec<String>, usize)>,
    /// Normalized prefixes and their stems, with the clause index.
    prefixes: Vec<(String, String, usize)>,
}

impl Matcher {
    /// Adds what `other` collected after what this one did.
    pub(crate) fn append(&mut self, mut other: Matcher) {
        self.words.append(&mut other.words);
        self.phrases.append(&mut other.phrases);
        self.prefixes.append(&mut other.prefixes);
    }

    pub(crate) fn word(&mut self, term: &str, stems: Stems<'_>, clause: usize) {
        let all = stems.iter().map(str::to_string).collect();
        self.words.push((term.to_string(), all, clause, stems.base.map(str::to_string)));
    }

    pub(crate) fn phrase(&mut self, terms: &[String], clause: usize) {
        self.phrases.push((terms.to_vec(), clause));
    }

    /// The longest phrase word count (0 without phrases).
    fn longest_phrase(&self) -> usize {
        self.phrases.iter().map(|p| p.0.len()).max().unwrap_or(0)
    }

    /// The phrase that the most recent words end, if any: (clause, words).
    fn phrase_ending(&self, recent: &VecDeque<(String, Span)>) -> Option<(usize, usize)> {
        self.phrases.iter().find_map(|(words, clause)| {
            let n = words.len();
            let tail = recent.len().checked_sub(n)?;
            recent.range(tail..).map(|r| &r.0).eq(words.iter()).then_some((*clause, n))
        })
    }

    pub(crate) fn prefix(&mut self, prefix: &str, stem: &str, clause: usize) {
        self.prefixes.push((prefix.to_string(), stem.to_string(), clause));
    }

    /// The distinct clause ids that can match.
    pub(crate) fn clauses(&self) -> Vec<usize> {
        let ids = self.words.iter().map(|w| w.2);
        let ids =
            ids.chain(self.phrases.iter().map(|e| e.1)).chain(self.prefixes.iter().map(|p| p.2));
        let mut out: Vec<usize> = Vec::new();
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.prefixes.is_empty()
    }

    /// The clause a token matches, if any. Every stem of a term is a slice
    /// of it, so the term's stems are only computed when one of the query's
    /// stems or prefix stems occurs inside the term.
    pub(crate) fn clause_of<'t>(
        &self,
        term: &'t str,
        stems: impl Fn(&'t str) -> Stems<'t>,
    ) -> Option<usize> {
        let mut cached: Option<Stems<'t>> = None;
        let mut stems_of = |t: &'t str| *cached.get_or_insert_with(|| stems(t));
        for (word, word_stems, clause, base) in &self.words {
            if same(word, term) || word_stems.iter().any(|s| same(s, term)) {
                return Some(*clause);
            }
            if word_stems.iter().any(|s| may_stem_to(term, s))
                && stems_of(term).iter().any(|st| word_stems.iter().any(|w| w == st))
            {
                return Some(*clause);
            }
            if let Some(base) = base.as_deref() {
                if may_stem_to(term, base) && stems_of(term).base == Some(base) {
                    return Some(*clause);
                }
            }
        }
        for (prefix, stem, clause) in &self.prefixes {
            if term.starts_with(prefix.as_str())
                || (!stem.is_empty()
                    && may_stem_to(term, stem)
                    && stems_of(term).iter().any(|st| st.starts_with(stem.as_str())))
            {
                return Some(*clause);
            }
        }
        None
    }
}

/// String equality with a cheap length and last-byte check first.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// Whether `stem` could be a stem of `term`: stems are slices of the term
/// that start after at most four proclitic letters (وبال), so this checks
/// those five places instead of searching the whole term.
#[inline]
fn may_stem_to(term: &str, stem: &str) -> bool {
    let (t, s) = (term.as_bytes(), stem.as_bytes());
    let Some(&s0) = s.first() else { return true };
    // A one-byte check before each comparison: most terms fail it at once.
    [0, 2, 4, 6, 8].iter().any(|&at| {
        t.len() >= at + s.len()
            && t[at] == s0
            && t[at + s.len() - 1] == s[s.len() - 1]
            && &t[at..at + s.len()] == s
    })
}

/// A matched word: its span and char offsets in the text, and its clause.
#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    clause: usize,
    char_start: usize,
    char_end: usize,
}

/// The matched words of `text`. With `window`, scanning stops at the first
/// passage of that many characters that holds every clause of the query:
/// no later passage can hold more distinct clauses.
fn marks(analyzer: &Analyzer, text: &str, matcher: &Matcher, window: Option<usize>) -> Vec<Mark> {
    let mut scan = &text[..floor_char_boundary(text, MAX_SNIPPET_SCAN_BYTES)];
    if matcher.is_empty() {
        scan = "";
    }
    let mut found = MarkCollector::new(text, matcher, window);
    analyzer.for_each_token_while(scan, |t| {
        if !found.see(matcher, t.term, t.span) {
            return false;
        }
        match matcher.clause_of(t.term, |term| analyzer.stems(term)) {
            Some(clause) => found.add(t.span, clause),
            None => true,
        }
    });
    found.marks
}

/// Gathers matched words in text order, with their char offsets, and says
/// when to stop: with a `window`, at the first passage of that many
/// characters that holds every clause of the query (no later passage can
/// hold more distinct clauses), once the marks that still fit it are in.
struct MarkCollector<'t> {
    text: &'t str,
    marks: Vec<Mark>,
    /// The last words seen, for phrases (empty without phrases).
    recent: VecDeque<(String, Span)>,
    longest_phrase: usize,
    clauses: Vec<usize>,
    last_start: Vec<Option<usize>>,
    window: Option<usize>,
    stop_after: Option<usize>,
    byte_at: usize,
    char_at: usize,
}

impl<'t> MarkCollector<'t> {
    fn new(text: &'t str, matcher: &Matcher, window: Option<usize>) -> MarkCollector<'t> {
        let clauses = matcher.clauses();
        let last_start = vec![None; clauses.iter().max().map_or(0, |c| c + 1)];
        MarkCollector {
            text,
            marks: Vec::new(),
            recent: VecDeque::new(),
            longest_phrase: matcher.longest_phrase(),
            clauses,
            last_start,
            window,
            stop_after: None,
            byte_at: 0,
            char_at: 0,
        }
    }

    /// Records a word for phrase matching; when it ends a phrase, marks the
    /// phrase's words. Returns whether to go on.
    fn see(&mut self, matcher: &Matcher, term: &str, span: Span) -> bool {
        if self.longest_phrase == 0 {
            return true;
        }
        if self.recent.len() == self.longest_phrase {
            self.recent.pop_front();
        }
        self.recent.push_back((term.to_string(), span));
        let Some((clause, n)) = matcher.phrase_ending(&self.recent) else { return true };
        let spans: Vec<Span> = self.recent.range(self.recent.len() - n..).map(|r| r.1).collect();
        spans.into_iter().all(|s| self.add(s, clause))
    }

    /// Adds a matched word (spans come in text order; one that starts before
    /// the last mark ends is already covered and is skipped); returns
    /// whether to go on.
    fn add(&mut self, span: Span, clause: usize) -> bool {
        if span.start < self.byte_at {
            return true;
        }
        self.char_at += self.text[self.byte_at..span.start].chars().count();
        let char_start = self.char_at;
        self.char_at += self.text[span.range()].chars().count();
        self.byte_at = span.end;
        self.marks.push(Mark { span, clause, char_start, char_end: self.char_at });
        let Some(window) = self.window else { return true };
        if let Some(limit) = self.stop_after {
            return char_start <= limit;
        }
        if let Some(slot) = self.last_start.get_mut(clause) {
            *slot = Some(char_start);
        }
        let last = &self.last_start;
        let earliest = self
            .clauses
            .iter()
            .try_fold(usize::MAX, |m, &c| last.get(c).copied().flatten().map(|s| m.min(s)));
        if let Some(e) = earliest.filter(|&e| self.char_at - e <= window) {
            self.stop_after = Some(e + window);
        }
        true
    }
}

/// Matched words read from a document's token map (see `index::tokens`)
/// instead of analysing the text: `classify` gives the clause of a term id.
/// Spans that do not fit the text (a damaged map) end the scan.
fn marks_mapped<'d>(
    text: &str,
    tokens: impl Iterator<Item = (u32, Span)>,
    term_of: impl Fn(u32) -> &'d str,
    mut classify: impl FnMut(u32) -> Option<usize>,
    matcher: &Matcher,
    window: usize,
) -> Vec<Mark> {
    let mut found = MarkCollector::new(text, matcher, Some(window));
    let mut prev_end = 0;
    for (term, span) in tokens {
        let fits = span.start >= prev_end
            && span.end <= text.len().min(MAX_SNIPPET_SCAN_BYTES)
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        if !fits {
            break;
        }
        prev_end = span.end;
        if found.longest_phrase > 0 && !found.see(matcher, term_of(term), span) {
            break;
        }
        if let Some(clause) = classify(term) {
            if !found.add(span, clause) {
                break;
            }
        }
    }
    found.marks
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// The whole of a short text (a title) with its matches marked.
pub(crate) fn highlight_all(analyzer: &Analyzer, text: &str, matcher: &Matcher) -> Snippet {
    let spans: Vec<Span> = marks(analyzer, text, matcher, None).iter().map(|m| m.span).collect();
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
    passage(text, marks(analyzer, text, matcher, Some(max_chars)), max_chars)
}

/// [`best_passage`] with the matched words taken from the document's token
/// map; `classify` gives the query clause a term id matches, if any.
pub(crate) fn best_passage_mapped<'d>(
    text: &str,
    tokens: impl Iterator<Item = (u32, Span)>,
    term_of: impl Fn(u32) -> &'d str,
    classify: impl FnMut(u32) -> Option<usize>,
    matcher: &Matcher,
    max_chars: usize,
) -> Snippet {
    let max_chars = max_chars.max(20);
    passage(text, marks_mapped(text, tokens, term_of, classify, matcher, max_chars), max_chars)
}

/// The passage around the best window of `found`.
fn passage(text: &str, found: Vec<Mark>, max_chars: usize) -> Snippet {
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
    let we = snap_end(text, we, found.get(last).map_or(ws, |m| m.span.end));
    let spans: Vec<Span> =
        found.iter().filter(|m| m.span.start >= ws && m.span.end <= we).map(|m| m.span).collect();
    render(text, ws, we, &spans)
}

/// Indices of the first and last mark of the best window: the most distinct
/// clauses, then the most marks, then the earliest. A sliding window with a
/// count per clause: linear in the marks.
fn best_window(found: &[Mark], max_chars: usize) -> (usize, usize) {
    let mut counts: Vec<usize> = vec![0; found.iter().map(|m| m.clause + 1).max().unwrap_or(0)];
    let mut distinct = 0usize;
    let mut best = (0usize, 0usize);
    let mut best_score = (0usize, 0usize);
    let mut i = 0;
    for j in 0..found.len() {
        if counts[found[j].clause] == 0 {
            distinct += 1;
        }
        counts[found[j].clause] += 1;
        while found[j].char_end - found[i].char_start > max_chars && i < j {
            counts[found[i].clause] -= 1;
            if counts[found[i].clause] == 0 {
                distinct -= 1;
            }
            i += 1;
        }
        let score = (distinct, j + 1 - i);
        if score > best_score {
            best_score = score;
            best = (i, j);
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
    if ws == 0 || text.as_bytes()[ws - 1].is_ascii_whitespace() {
        return ws;
    }
    match text[ws..limit.max(ws)].find(|c: char| c.is_ascii_whitespace()) {
        Some(i) => ws + i,
        None => ws,
    }
}

/// Moves a cut at the end back to the previous word end (never before the
/// last match).
fn snap_end(text: &str, we: usize, limit: usize) -> usize {
    if we >= text.len() || text.as_bytes()[we].is_ascii_whitespace() {
        return we;
    }
    match text[limit.min(we)..we].rfind(|c: char| c.is_ascii_whitespace()) {
        Some(i) => limit.min(we) + i,
        None => we,
    }
}

/// Copies `text[ws..we]` with runs of ASCII white space (spaces, tabs, line
/// breaks) folded to one space, adding `…` at cut ends, and maps the
/// highlight spans into the copy. Copies whole segments between the places
/// that need folding (a single space between words is copied as is), then
/// maps span offsets through the segment starts. ASCII white space never
/// occurs inside a multi-byte character, so every segment is whole UTF-8.
fn render(text: &str, ws: usize, we: usize, spans: &[Span]) -> Snippet {
    let window = &text[ws..we];
    let bytes = window.as_bytes();
    let n = bytes.len();
    let mut out = String::with_capacity(n + 8);
    if ws > 0 {
        out.push_str("… ");
    }
    // (offset in `bytes`, offset in `out`) at the start of each segment.
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut i = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(n);
    while i < n {
        let mut j = i;
        loop {
            match bytes[j..].iter().position(u8::is_ascii_whitespace) {
                None => {
                    j = n;
                    break;
                }
                Some(k) => {
                    let p = j + k;
                    if bytes[p] == b' '
                        && bytes.get(p + 1).is_some_and(|b| !b.is_ascii_whitespace())
                    {
                        j = p + 1;
                    } else {
                        j = p;
                        break;
                    }
                }
            }
        }
        segments.push((i, out.len()));
        // Cut at ASCII white space: always on character boundaries.
        out.push_str(&window[i..j]);
        i = j + bytes[j..].iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(n - j);
        if i < n {
            out.push(' ');
        }
    }
    let map = |at: usize| {
        let k = segments.partition_point(|s| s.0 <= at).saturating_sub(1);
        segments.get(k).map_or(0, |&(src, dst)| dst + (at - src))
    };
    let highlights = spans
        .iter()
        .filter(|s| s.start >= ws && s.end <= we && s.start < s.end)
        .map(|s| Span { start: map(s.start - ws), end: map(s.end - ws) })
        .collect();
    if we < text.len() {
        out.push_str(" …");
    }
    Snippet { text: out, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|h| &s.text[h.range()]).collect()
    }

    #[test]
    fn render_folds_white_space_and_maps_highlights() {
        let text = "  قمّة\n\n أستانا\tالإقليمية  ";
        let a = text.find("قمّة").unwrap();
        let b = text.find("أستانا").unwrap();
        let spans =
            [Span { start: a, end: a + "قمّة".len() }, Span { start: b, end: b + "أستانا".len() }];
        let s = render(text, 0, text.len(), &spans);
        assert_eq!(s.text, "قمّة أستانا الإقليمية");
        assert_eq!(marked(&s), ["قمّة", "أستانا"]);
    }

    #[test]
    fn render_keeps_adjacent_highlights_apart_and_marks_cuts() {
        let text = "في عام 2024م وصل الوفد";
        let y = text.find("2024").unwrap();
        let spans = [Span { start: y, end: y + 4 }, Span { start: y + 4, end: y + 6 }];
        let s = render(text, text.find("عام").unwrap(), text.find(" الوفد").unwrap(), &spans);
        assert_eq!(s.text, "… عام 2024م وصل …");
        assert_eq!(marked(&s), ["2024", "م"]);
    }

    #[test]
    fn best_passage_centres_on_the_matches() {
        let analyzer = Analyzer::default();
        let mut matcher = Matcher::default();
        matcher.word("استانا", analyzer.stems("استانا"), 0);
        let text =
            format!("{} وصل الوفد إلى أستانا صباحاً. {}", "تمهيد ".repeat(80), "خاتمة ".repeat(80));
        let s = best_passage(&analyzer, &text, &matcher, 60);
        assert_eq!(marked(&s), ["أستانا"]);
        assert!(s.text.starts_with("… ") && s.text.ends_with(" …"), "{}", s.text);
        assert!(s.text.chars().count() <= 70);
    }
}
