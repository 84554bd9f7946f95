//! LINES REPEATED ACROSS PAGES: a short line that appears on
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
use crate::extract::{read_file, FileContents};

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
}

impl Index {
    /// Reads a file (see [`read_file`]) and adds its documents. Pages
    /// (`.txt`, `.html`, `.md`) also go through the repeated-line rule of
    /// this module. Returns what was read, with the documents as added;
    /// a document the index refuses becomes a warning.
    ///
    /// # Errors
    /// The errors of [`read_file`], naming the file.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> crate::Result<FileContents> {
        let mut contents = read_file(name, bytes)?;
        let pages = contents.format.is_some_and(|f| f.is_page());
        let mut added = Vec::with_capacity(contents.documents.len());
        for mut doc in std::mem::take(&mut contents.documents) {
            if pages {
                self.template_lines(&mut doc);
            }
            let id = doc.id.clone();
            match self.add(doc) {
                Ok(()) => added.extend(self.document(&id).cloned()),
                Err(e) => contents.warnings.push(e.to_string()),
            }
        }
        contents.documents = added;
        Ok(contents)
    }

    /// Counts the page's short lines; removes those that are template,
    /// from this page and from the earlier pages that have them.
    fn template_lines(&mut self, doc: &mut Document) {
        let group = match doc.source.as_deref() {
            Some(s) if !s.trim().is_empty() => s.trim(),
            _ => match doc.id.rfind(['/', '\\']) {
                Some(i) => &doc.id[..i],
                None => return, // no source and no folder: nothing to compare with
            },
        };
        let group_hash = hash(0, group.as_bytes());
        let mut template: Vec<String> = Vec::new();
        let mut fix: Vec<(Box<str>, String)> = Vec::new();
        for p in doc.paragraphs() {
            if p.chars().count() > REPEATED_LINE_MAX_CHARS {
                continue;
            }
            let line = fold(p);
            let seen = self.pages.seen.entry(hash(group_hash, line.as_bytes())).or_default();
            if seen.first.iter().any(|id| **id == *doc.id) {
                continue; // the same page again (replaced)
            }
            seen.pages = seen.pages.saturating_add(1);
            if seen.pages < REPEATED_LINE_PAGES {
                seen.first.push(doc.id.as_str().into());
            } else {
                fix.extend(
                    std::mem::take(&mut seen.first).into_iter().map(|id| (id, line.clone())),
                );
                template.push(line);
            }
        }
        drop_lines(doc, &template);
        for (id, line) in fix {
            if let Some(mut earlier) = self.document(&id).cloned() {
                if drop_lines(&mut earlier, std::slice::from_ref(&line)) {
                    // Re-indexed without the line; cannot fail (the id is set).
                    let _ = self.add(earlier);
                }
            }
        }
    }
}

/// Removes the paragraphs whose folded text is in `lines`, recording them
/// in place, unless that would leave no paragraph. Returns whether any was
/// removed.
fn drop_lines(doc: &mut Document, lines: &[String]) -> bool {
    if lines.is_empty() {
        return false;
    }
    let paragraphs: Vec<&str> = doc.paragraphs().collect();
    let gone: Vec<bool> = paragraphs.iter().map(|p| lines.contains(&fold(p))).collect();
    if !gone.contains(&true) || gone.iter().all(|&g| g) {
        return false;
    }
    // kept_before[k]: paragraphs kept among the first k.
    let mut kept_before = Vec::with_capacity(paragraphs.len() + 1);
    kept_before.push(0u32);
    for &g in &gone {
        kept_before.push(kept_before.last().copied().unwrap_or(0) + u32::from(!g));
    }
    let mut removed: Vec<Removed> = doc
        .removed
        .iter()
        .map(|r| Removed {
            before: kept_before[(r.before as usize).min(paragraphs.len())],
            ..r.clone()
        })
        .collect();
    let mut kept = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if gone[i] {
            let reason = RemovalReason::RepeatedAcrossPages;
            removed.push(Removed { text: p.to_string(), reason, before: kept_before[i] });
        } else {
            kept.push(*p);
        }
    }
    removed.sort_by_key(|r| r.before);
    doc.text = kept.join("\n\n");
    doc.removed = removed;
    true
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a, seeded.
fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
