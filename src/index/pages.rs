//! LINES REPEATED ACROSS PAGES: a short line that does not end like a
//! sentence (a sentence may well be quoted on several pages) and appears on
//! [`REPEATED_LINE_PAGES`] or more pages of the same source (a slogan, a
//! footer the cue rules do not know, a standing teaser) is page template,
//! not article. [`Index::add_file`] counts the short paragraphs of every
//! page it adds, by source (the page's `source`, else its folder), and when
//! a line reaches the count it is removed from every page that has it,
//! earlier pages included, with the reason
//! [`RemovalReason::RepeatedAcrossPages`]. A page never loses its last
//! paragraph this way. The counts live in memory only: after
//! [`Index::from_bytes`] counting starts afresh.

use std::collections::HashMap;

use super::Index;
use crate::document::{Document, RemovalReason, Removed};
use crate::extract::text::{ends_sentence, folded_hash};
use crate::extract::{read_file, Encoding, Format};

/// What [`Index::add_file`] did with a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// Ids of the documents added, in file order.
    pub added: Vec<String>,
    /// Problems that did not stop the file from loading, each naming its
    /// place.
    pub warnings: Vec<String>,
    /// The encoding the bytes were read in.
    pub encoding: Option<Encoding>,
    /// The format the file was read as.
    pub format: Option<Format>,
}

/// Pages of one source a line must appear on to be template.
pub const REPEATED_LINE_PAGES: u32 = 3;
/// Only lines up to this many characters are counted: article paragraphs
/// are longer, and a long repeated passage is a near-duplicate matter.
pub const REPEATED_LINE_MAX_CHARS: usize = 160;

/// Where a line has been seen.
#[derive(Clone, Debug, Default)]
struct Seen {
    pages: u32,
    /// The first pages (ids), fixed when the line turns out to be template.
    first: Vec<Box<str>>,
}

/// Short lines of pages, by (source, folded line) hash.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageLines {
    seen: HashMap<u64, Seen>,
    /// How many lines are known as template.
    templates: usize,
}

impl Index {
    /// Reads a file (see [`read_file`]) and adds its documents. Pages
    /// (`.txt`, `.html`, `.md`) also go through the repeated-line rule of
    /// this module. A document the index refuses becomes a warning.
    ///
    /// # Errors
    /// The errors of [`read_file`], naming the file.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> crate::Result<FileReport> {
        let contents = read_file(name, bytes)?;
        let pages = contents.format.is_some_and(|f| f.is_page());
        let mut report = FileReport {
            added: Vec::with_capacity(contents.documents.len()),
            warnings: contents.warnings,
            encoding: contents.encoding,
            format: contents.format,
        };
        for mut doc in contents.documents {
            let group = if pages { group_of(&doc) } else { None };
            if let Some(g) = group.filter(|_| self.pages.templates > 0) {
                // Lines already known as template go before indexing.
                let known: Vec<u64> = doc
                    .paragraphs()
                    .filter(|p| is_candidate(p))
                    .map(|p| folded_hash(g, p))
                    .filter(|&key| self.pages.is_template(key))
                    .collect();
                drop_lines(&mut doc, g, &known);
            }
            let id = doc.id.clone();
            if let Err(e) = self.add(doc) {
                report.warnings.push(e.to_string());
                continue;
            }
            if let Some(g) = group {
                self.count_lines(&id, g);
            }
            report.added.push(id);
        }
        Ok(report)
    }

    /// Counts the short lines of a page just added (unless it is a copy of
    /// another page of the same source: the same story twice says nothing
    /// about the site's template); lines that reach [`REPEATED_LINE_PAGES`]
    /// are removed from the pages that have them.
    fn count_lines(&mut self, id: &str, group: u64) {
        let Some(doc) = self.document(id) else { return };
        let original = doc.duplicate_of.as_deref().and_then(|o| self.document(o));
        if original.is_some_and(|o| group_of(&o) == Some(group)) {
            return;
        }
        let keys: Vec<u64> =
            doc.paragraphs().filter(|p| is_candidate(p)).map(|p| folded_hash(group, p)).collect();
        let mut fix: Vec<(Box<str>, u64)> = Vec::new();
        for key in keys {
            let seen = self.pages.seen.entry(key).or_default();
            if seen.first.iter().any(|f| **f == *id) || seen.pages >= REPEATED_LINE_PAGES {
                continue; // the same page again (replaced), or template already
            }
            seen.pages += 1;
            seen.first.push(id.into());
            if seen.pages == REPEATED_LINE_PAGES {
                self.pages.templates += 1;
                fix.extend(std::mem::take(&mut seen.first).into_iter().map(|f| (f, key)));
            }
        }
        for (page, key) in fix {
            if let Some(mut earlier) = self.document(&page) {
                if drop_lines(&mut earlier, group, &[key]) {
                    // Re-indexed without the line; cannot fail (the id is set).
                    let _ = self.add(earlier);
                }
            }
        }
    }
}

impl PageLines {
    fn is_template(&self, key: u64) -> bool {
        self.seen.get(&key).is_some_and(|s| s.pages >= REPEATED_LINE_PAGES)
    }
}

/// A paragraph that could be a template line: short, and not a sentence.
fn is_candidate(p: &str) -> bool {
    p.len() <= REPEATED_LINE_MAX_CHARS * 4
        && p.chars().count() <= REPEATED_LINE_MAX_CHARS
        && !ends_sentence(p)
}

/// The hash of a page's source (else its folder); `None` when it has
/// neither, so there is nothing to compare it with.
fn group_of(doc: &Document) -> Option<u64> {
    let group = match doc.source.as_deref() {
        Some(s) if !s.trim().is_empty() => s.trim(),
        _ => &doc.id[..doc.id.rfind(['/', '\\'])?],
    };
    Some(folded_hash(0, group))
}

/// Removes the paragraphs whose key (`folded_hash(group, paragraph)`) is in
/// `keys`, recording them in place, unless that would leave no paragraph.
/// Returns whether any was removed.
fn drop_lines(doc: &mut Document, group: u64, keys: &[u64]) -> bool {
    if keys.is_empty() {
        return false;
    }
    let paragraphs: Vec<&str> = doc.paragraphs().collect();
    let gone: Vec<bool> = paragraphs
        .iter()
        .map(|p| is_candidate(p) && keys.contains(&folded_hash(group, p)))
        .collect();
    if !gone.contains(&true) || gone.iter().all(|&g| g) {
        return false;
    }
    // kept_before[k]: paragraphs kept among the first k.
    let mut kept_before = Vec::with_capacity(paragraphs.len() + 1);
    kept_before.push(0u32);
    for &g in &gone {
        kept_before.push(kept_before.last().copied().unwrap_or(0) + u32::from(!g));
    }
    // Merge the new removals into the old ones (in page order already).
    let moved = |r: &Removed| Removed {
        before: kept_before[(r.before as usize).min(paragraphs.len())],
        ..r.clone()
    };
    let mut removed: Vec<Removed> = Vec::with_capacity(doc.removed.len() + gone.len());
    let mut old = doc.removed.iter().peekable();
    let mut kept = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        while let Some(r) = old.next_if(|r| r.before as usize <= i) {
            removed.push(moved(r));
        }
        if gone[i] {
            let reason = RemovalReason::RepeatedAcrossPages;
            removed.push(Removed { text: p.to_string(), reason, before: kept_before[i] });
        } else {
            kept.push(*p);
        }
    }
    removed.extend(old.map(moved));
    doc.text = kept.join("\n\n");
    doc.removed = removed;
    true
}
