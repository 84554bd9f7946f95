//! AN INDEX IN PARTS: a collection served from static files and fetched
//! as queries need it (the format is in `codec::parts`).
//!
//! The manifest holds what ranking needs for every document (field
//! lengths, near-duplicate originals, source and date); the posting lists
//! are cut into term parts by ranges of the sorted terms, their positions
//! into parts of their own, and each document's text is a part. An index
//! opened from a manifest is read-only: a lookup whose part is not loaded
//! finds nothing and notes the part as missing; [`Index::needed_parts`]
//! runs a search to collect them, the caller fetches and
//! [`Index::load_part`]s them and asks again until nothing is missing.

use std::cell::RefCell;

use super::{Index, TermPostings};
use crate::search::{SearchOptions, SearchResults};

/// A part of an index served in parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartRef {
    /// The posting lists of a range of terms.
    Terms(u32),
    /// The positions of the surface terms of the same range.
    Positions(u32),
    /// The stored text of one document.
    Doc(u32),
    /// The entity table and every document's entities.
    Entities,
}

impl PartRef {
    /// The part's file name, relative to the manifest's folder.
    pub(crate) fn name(self) -> String {
        match self {
            PartRef::Terms(k) => format!("t/{k}.fhrp"),
            PartRef::Positions(k) => format!("p/{k}.fhrp"),
            PartRef::Doc(n) => format!("d/{n}.fhrp"),
            PartRef::Entities => crate::codec::parts::ENTITIES_NAME.to_string(),
        }
    }
}

/// Which parts an index opened from a manifest has, and which a search
/// found missing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parts {
    /// Identifies one build: every part carries it.
    pub stamp: u32,
    /// The first term of each term part, in sorted order.
    pub bounds: Vec<String>,
    /// By term part: whether it has a positions part.
    pub has_positions: Vec<bool>,
    pub terms: Vec<bool>,
    pub positions: Vec<bool>,
    pub docs: Vec<bool>,
    /// Whether the collection has an entities part, and whether it is
    /// loaded.
    pub has_entities: bool,
    pub entities: bool,
    missing: RefCell<Vec<PartRef>>,
}

impl Parts {
    pub(crate) fn new(
        stamp: u32,
        bounds: Vec<String>,
        has_positions: Vec<bool>,
        docs: u32,
    ) -> Parts {
        let k = bounds.len();
        Parts {
            stamp,
            bounds,
            has_positions,
            terms: vec![false; k],
            positions: vec![false; k],
            docs: vec![false; docs as usize],
            has_entities: false,
            entities: false,
            missing: RefCell::default(),
        }
    }

    /// The term part whose range holds `term`.
    fn part_of(&self, term: &str) -> usize {
        self.bounds.partition_point(|b| b.as_str() <= term).saturating_sub(1)
    }

    fn miss(&self, part: PartRef) {
        let mut m = self.missing.borrow_mut();
        if !m.contains(&part) {
            m.push(part);
        }
    }

    /// Number of parts found missing so far.
    pub(crate) fn misses(&self) -> usize {
        self.missing.borrow().len()
    }

    /// Whether the lists of `term` are loaded (else noted missing).
    pub(crate) fn term_ready(&self, term: &str) -> bool {
        let k = self.part_of(term);
        let ready = self.terms.get(k).copied().unwrap_or(true);
        if !ready {
            self.miss(PartRef::Terms(k as u32));
        }
        ready
    }

    /// Whether every term starting with `prefix` is loaded (else the
    /// parts of the range are noted missing).
    pub(crate) fn prefix_ready(&self, prefix: &str) -> bool {
        let first = self.part_of(prefix);
        let end = self.bounds.partition_point(|b| b.as_str() < prefix || b.starts_with(prefix));
        let mut ready = true;
        for k in first..end.max(first + 1).min(self.terms.len()) {
            if !self.terms[k] {
                self.miss(PartRef::Terms(k as u32));
                ready = false;
            }
        }
        ready
    }

    /// Whether the positions of surface `term` are loaded (else noted
    /// missing, with its lists when they are missing too).
    pub(crate) fn positions_ready(&self, term: &str) -> bool {
        let k = self.part_of(term);
        let ready = !self.has_positions.get(k).copied().unwrap_or(false)
            || self.positions.get(k).copied().unwrap_or(true);
        if !ready {
            self.miss(PartRef::Positions(k as u32));
        }
        ready
    }

    /// Whether the entity table is loaded, or there is none (else noted
    /// missing).
    pub(crate) fn entities_ready(&self) -> bool {
        let ready = self.entities || !self.has_entities;
        if !ready {
            self.miss(PartRef::Entities);
        }
        ready
    }

    /// Whether the text of document `num` is loaded (else noted missing).
    pub(crate) fn doc_ready(&self, num: u32) -> bool {
        let ready = self.docs.get(num as usize).copied().unwrap_or(true);
        if !ready {
            self.miss(PartRef::Doc(num));
        }
        ready
    }
}

impl Index {
    /// Whether this index was opened from the manifest of an index in
    /// parts ([`Index::from_manifest`]): it is read-only and fetches its
    /// parts as queries need them.
    pub fn is_partial(&self) -> bool {
        self.parts.is_some()
    }

    /// Whether the lists of `term` can be read (always for a whole index;
    /// else noted missing).
    fn term_ready(&self, term: &str) -> bool {
        self.parts.as_ref().is_none_or(|p| p.term_ready(term))
    }

    /// The surface list of `term`, `None` when absent or not loaded.
    #[inline]
    pub(crate) fn surface_list(&self, term: &str) -> Option<&TermPostings> {
        self.term_ready(term).then(|| self.surface.get(term)).flatten()
    }

    /// The stem list of `term`, `None` when absent or not loaded.
    #[inline]
    pub(crate) fn stem_list(&self, term: &str) -> Option<&TermPostings> {
        self.term_ready(term).then(|| self.stems.get(term)).flatten()
    }

    /// Whether every term starting with `prefix` can be read.
    pub(crate) fn prefix_ready(&self, prefix: &str) -> bool {
        self.parts.as_ref().is_none_or(|p| p.prefix_ready(prefix))
    }

    /// Whether the positions of `term` can be read.
    pub(crate) fn positions_ready(&self, term: &str) -> bool {
        self.parts.as_ref().is_none_or(|p| p.positions_ready(term))
    }

    /// Whether the stored text of document `num` can be read.
    pub(crate) fn doc_ready(&self, num: u32) -> bool {
        self.parts.as_ref().is_none_or(|p| p.doc_ready(num))
    }

    /// Whether the entity table can be read (always for a whole index).
    pub(crate) fn entities_ready(&self) -> bool {
        self.parts.as_ref().is_none_or(|p| p.entities_ready())
    }

    /// The parts [`Index::entities`] and the collection's facets need and
    /// lack (the entities part, for an index in parts that has one).
    pub fn needed_for_entities(&self) -> Vec<String> {
        match &self.parts {
            Some(p) if p.has_entities && !p.entities => vec![PartRef::Entities.name()],
            _ => Vec::new(),
        }
    }

    /// Parts found missing so far by the current search (0 for a whole
    /// index).
    pub(crate) fn misses(&self) -> usize {
        self.parts.as_deref().map_or(0, Parts::misses)
    }

    /// The parts (file names relative to the manifest, such as
    /// `t/12.fhrp`) that `query` with `options` needs and that are not
    /// loaded yet: the term ranges of its words, stems, prefixes and
    /// spellings, the positions of its phrases, and the text of the hits
    /// it shows (with their near-duplicates). Empty when the search can
    /// run as it is, and always for a whole index. Fetch them, give each
    /// to [`Index::load_part`], and ask again: a search needs at most
    /// three rounds (terms, then positions, then documents).
    ///
    /// ```
    /// use fahras::{Document, Index, SearchOptions};
    ///
    /// let mut whole = Index::default();
    /// whole.add(Document::new("1", "قمة أستانا", "وصل الزعماء إلى أستانا لبحث الطاقة.")).unwrap();
    /// let parts = whole.to_parts();
    /// let file = |name: &str| &parts.iter().find(|p| p.name == name).unwrap().bytes;
    /// let mut index = Index::from_manifest(file("index.fhrp")).unwrap();
    /// let options = SearchOptions::default();
    /// loop {
    ///     let needed = index.needed_parts("الطاقة", &options);
    ///     if needed.is_empty() {
    ///         break;
    ///     }
    ///     for name in needed {
    ///         index.load_part(&name, file(&name)).unwrap();
    ///     }
    /// }
    /// assert_eq!(index.search("الطاقة", &options).hits[0].document.id, "1");
    /// ```
    pub fn needed_parts(&self, query: &str, options: &SearchOptions) -> Vec<String> {
        self.try_search(query, options).err().unwrap_or_default()
    }

    /// [`Index::search`] when every part the search needs is loaded (and
    /// always for a whole index), else the parts it needs, as
    /// [`Index::needed_parts`] names them: one search where `needed_parts`
    /// then `search` run two.
    ///
    /// # Errors
    /// The names of the parts to load before searching again.
    pub fn try_search(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults, Vec<String>> {
        let Some(parts) = &self.parts else { return Ok(self.search(query, options)) };
        parts.missing.borrow_mut().clear();
        let results = self.search(query, options);
        if parts.misses() == 0 {
            return Ok(results);
        }
        drop(results);
        // Sorted as u64 keys (kind << 32 | number): every sort in the
        // crate sorts u64s, which keeps the wasm small.
        let mut keys: Vec<u64> = std::mem::take(&mut *parts.missing.borrow_mut())
            .into_iter()
            .map(|p| match p {
                PartRef::Terms(k) => u64::from(k),
                PartRef::Positions(k) => 1 << 32 | u64::from(k),
                PartRef::Doc(n) => 2 << 32 | u64::from(n),
                PartRef::Entities => 3 << 32,
            })
            .collect();
        keys.sort_unstable();
        Err(keys
            .into_iter()
            .map(|k| match k >> 32 {
                0 => PartRef::Terms(k as u32),
                1 => PartRef::Positions(k as u32),
                2 => PartRef::Doc(k as u32),
                _ => PartRef::Entities,
            })
            .map(PartRef::name)
            .collect())
    }

    /// The state of an index opened from a manifest, for loading parts.
    pub(crate) fn parts_mut(&mut self) -> Option<&mut Parts> {
        self.parts.as_deref_mut()
    }
}
