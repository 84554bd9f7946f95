//! INDEX: an inverted index with positions over the title and body fields,
//! incremental (add and remove at any time).
//!
//! Every token is indexed under its normalized surface form (with positions)
//! and, when they differ from it, under its stems (in a second vocabulary,
//! without positions). A stem lookup reads the stem list *and* the surface
//! list of the same string, so a stem that equals a surface form costs
//! nothing extra. Removal marks the document dead and corrects document
//! frequencies at once; the posting lists are rewritten lazily, when a
//! quarter of the slots are dead (see [`Index::compact`]).

pub(crate) mod dedupe;
pub(crate) mod entities;
pub(crate) mod job;
pub(crate) mod packed;
pub(crate) mod pages;
pub(crate) mod parts;
mod postings;
mod store;
mod terms;
pub(crate) mod tokens;

use std::cell::OnceCell;

pub(crate) use postings::{read_positions, upgrade_docs, Posting, Stream, TermPostings};
pub(crate) use store::{fields_of, Blobs, DocRef, DocStore, NewDoc};
pub(crate) use terms::{hash_term, TermDict};

use crate::analysis::{Analyzer, AnalyzerOptions};
use crate::document::Document;
use crate::entity::EntityKind;
use crate::error::{Error, ErrorKind};
use crate::rank::RankingWeights;

/// Puts `entry` in the first empty (zero) slot from `hash`'s slot on, as
/// open addressing with linear probing does (the term dictionary;
/// `slots.len()` is a power of two and the table never full).
fn place(slots: &mut [u64], hash: u64, entry: u64) {
    let mask = slots.len().wrapping_sub(1);
    let mut i = hash as usize & mask;
    while let Some(slot) = slots.get_mut(i) {
        if *slot == 0 {
            *slot = entry;
            return;
        }
        i = (i + 1) & mask;
    }
}

/// In [`Index::stem_ids`]: no stem in this slot.
const NO_STEM: u32 = u32::MAX;
/// In [`Index::stem_ids`]: the term's stems are not computed yet.
const UNSTEMMED: u32 = u32::MAX - 1;

/// Positions between the title and the body, so that a phrase never spans
/// the two fields.
pub(crate) const FIELD_GAP: u32 = 8;

/// How an [`Index`] analyses and ranks. Stored in serialized indexes, so a
/// loaded index analyses queries exactly as it analysed its documents.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexOptions {
    /// Normalization and stemming switches.
    pub analyzer: AnalyzerOptions,
    /// BM25F parameters and match-kind factors.
    pub ranking: RankingWeights,
    /// Whether documents are read for people, places and organisations as
    /// they are added (for `entity:` and `type:` filters, entity facets,
    /// [`Index::entities`] and name search over spellings the gazetteer
    /// does not know). Default `true`.
    pub entities: bool,
    /// Whether the position of every word is kept, for phrase search
    /// (`"…"` and the names of several words). Without positions an index
    /// is smaller (about a sixth of the postings of a news collection); a
    /// phrase then matches the documents that have all its words, and the
    /// results say so in a [`QueryWarning::PhraseAsWords`](crate::QueryWarning).
    /// Default `true`; [`SaveOptions::positions`](crate::SaveOptions::positions) leaves them out of a
    /// saved index only.
    pub positions: bool,
}

impl Default for IndexOptions {
    fn default() -> IndexOptions {
        IndexOptions {
            analyzer: AnalyzerOptions::default(),
            ranking: RankingWeights::default(),
            entities: true,
            positions: true,
        }
    }
}

/// A vocabulary: term dictionary plus one posting list per term id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocabulary {
    pub dict: TermDict,
    pub lists: Vec<TermPostings>,
}

impl Vocabulary {
    /// An empty vocabulary with room for `terms` terms of `bytes` bytes.
    pub(crate) fn with_capacity(terms: usize, bytes: usize) -> Vocabulary {
        Vocabulary { dict: TermDict::with_capacity(terms, bytes), lists: Vec::with_capacity(terms) }
    }

    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        let id = self.dict.intern(term);
        if id as usize == self.lists.len() {
            self.lists.push(TermPostings::default());
        }
        id
    }

    pub(crate) fn get(&self, term: &str) -> Option<&TermPostings> {
        self.dict.get(term).and_then(|id| self.lists.get(id as usize))
    }

    fn heap_bytes(&self) -> usize {
        self.dict.heap_bytes()
            + self.lists.capacity() * std::mem::size_of::<TermPostings>()
            + self.lists.iter().map(TermPostings::heap_bytes).sum::<usize>()
    }
}

/// Numbers about an index, from [`Index::stats`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexStats {
    /// Live documents.
    pub documents: usize,
    /// Distinct normalized surface terms.
    pub terms: usize,
    /// Distinct stems stored apart from the surface terms.
    pub stems: usize,
    /// Bytes of the document-and-frequency posting streams.
    pub postings_bytes: usize,
    /// Bytes of the position streams.
    pub positions_bytes: usize,
    /// Bytes of stored document text (ids, titles, metadata, and the
    /// bodies packed, one byte an Arabic letter, then coded once the
    /// collection has 128 KB of text: about half a byte).
    pub stored_text_bytes: usize,
    /// Bytes of the token maps that let snippets skip re-analysis (about
    /// 2.7 bytes per body word).
    pub token_map_bytes: usize,
    /// Approximate heap bytes of the whole index: vocabularies, document
    /// store, near-duplicate signatures and tables, and search tables as
    /// allocated (an index read by [`Index::from_vec`] holds its whole
    /// file); not the collection's entity table.
    pub heap_bytes: usize,
}

/// Reusable buffers for indexing one document.
#[derive(Clone, Debug, Default)]
struct Scratch {
    /// surface term id << 32 | absolute position (one sortable word: every
    /// sort in the index sorts `u64`s, which keeps the wasm small)
    surface: Vec<u64>,
    /// stem term id << 1 | is_body
    stems: Vec<u64>,
    positions: Vec<u32>,
    /// The body's token map (see [`tokens`]).
    tokens: Vec<u8>,
}

/// A searchable collection of documents. See the crate docs for an example.
#[derive(Clone, Debug)]
pub struct Index {
    pub(crate) options: IndexOptions,
    pub(crate) analyzer: Analyzer,
    pub(crate) store: DocStore,
    pub(crate) surface: Vocabulary,
    pub(crate) stems: Vocabulary,
    /// Surface term ids sorted by text, built on the first prefix query after
    /// a change.
    pub(crate) sorted_surface: OnceCell<Vec<u32>>,
    /// The same for the stem vocabulary.
    pub(crate) sorted_stems: OnceCell<Vec<u32>>,
    /// BM25 field factors by document number (see `Bm25::norms`), built on
    /// the first search after a change.
    pub(crate) norms: OnceCell<Vec<Option<[f32; 2]>>>,
    /// By document number, the rank of its id among the live documents'
    /// ids (ties in ranking are broken by id), built on the first search
    /// after a change.
    pub(crate) id_ranks: OnceCell<Vec<u32>>,
    /// Every near-duplicate as its original's number << 32 | its number,
    /// sorted: the members of a group, built on the first search that
    /// shows one.
    pub(crate) copy_pairs: OnceCell<Vec<u64>>,
    /// Near-duplicate signatures (see [`dedupe`]); filled lazily for a
    /// loaded index, on the first add.
    dedupe: dedupe::Dedupe,
    /// Short lines of the pages added with `add_file` (see [`pages`]).
    pages: pages::PageLines,
    /// The entities of the documents (see [`entities`]).
    pub(crate) entities: entities::EntityTable,
    /// By surface term id: the ids of its stems other than itself (at most
    /// four, [`NO_STEM`] for none), or `[UNSTEMMED; 4]` when not yet
    /// computed. Words repeat (Zipf), so most tokens are stemmed once per
    /// index, not once per occurrence.
    stem_ids: Vec<[u32; 4]>,
    /// For an index opened from the manifest of an index in parts: which
    /// parts are loaded (see [`parts`]).
    pub(crate) parts: Option<Box<parts::Parts>>,
    scratch: Scratch,
}

impl Default for Index {
    fn default() -> Index {
        Index::new(IndexOptions::default())
    }
}

impl Index {
    /// An empty index.
    pub fn new(options: IndexOptions) -> Index {
        Index {
            analyzer: Analyzer::new(options.analyzer.clone()),
            options,
            store: DocStore::default(),
            surface: Vocabulary::default(),
            stems: Vocabulary::default(),
            sorted_surface: OnceCell::new(),
            sorted_stems: OnceCell::new(),
            norms: OnceCell::new(),
            id_ranks: OnceCell::new(),
            copy_pairs: OnceCell::new(),
            dedupe: dedupe::Dedupe::default(),
            pages: pages::PageLines::default(),
            entities: entities::EntityTable::default(),
            stem_ids: Vec::new(),
            parts: None,
            scratch: Scratch::default(),
        }
    }

    /// Makes room for `documents` more documents with about `chars`
    /// characters of text in all (their fields together), so that adding
    /// many at once does not grow the document store step by step.
    pub fn reserve(&mut self, documents: usize, chars: usize) {
        // Ids and titles take some 50 bytes a document. Bodies pack to a
        // byte a character (Arabic or ASCII) and are then coded to about
        // 0.6 of that (0.65 for the bench's diacritized hadith), token maps
        // take some 2.7 bytes a word: 0.96 bytes a UTF-16 unit for the
        // hadith, about 1.1 for news without diacritics (shorter words).
        // Past what is reserved the arena grows by half, and is copied:
        // what is reserved covers news rather than fitting the hadith.
        self.store.reserve(documents, documents * 64, chars + chars / 8);
        self.dedupe.reserve(documents);
    }

    /// The options the index was built with.
    pub fn options(&self) -> &IndexOptions {
        &self.options
    }

    /// The analyzer used for documents and queries.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Number of live documents.
    pub fn len(&self) -> usize {
        self.store.live()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.store.live() == 0
    }

    /// Adds a document. A document with the same id is replaced. The
    /// document's `duplicate_of` is set here: to the id of the earliest
    /// document it nearly duplicates (see [`DUPLICATE_THRESHOLD`](crate::DUPLICATE_THRESHOLD)), else `None`.
    ///
    /// # Errors
    /// [`ErrorKind::Document`] when the id is empty or only white space,
    /// or the index is read-only (opened in parts).
    pub fn add(&mut self, mut doc: Document) -> crate::Result<()> {
        if self.is_partial() {
            return Err(Error::new(ErrorKind::Document {
                reason: "an index opened in parts is read-only; documents cannot be added to it"
                    .to_string(),
            }));
        }
        if doc.id.trim().is_empty() {
            return Err(Error::new(ErrorKind::Document {
                reason: "a document needs a non-empty id".to_string(),
            }));
        }
        self.remove(&doc.id);
        let num = self.store.slots();
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.surface.clear();
        scratch.stems.clear();
        scratch.tokens.clear();
        let (title_len, title_span) = self.collect(&doc.title, 0, false, &mut scratch);
        let (body_len, _) = self.collect(&doc.text, title_span + FIELD_GAP, true, &mut scratch);
        let body_start = title_span + FIELD_GAP;
        self.flush(num, body_start, &mut scratch);
        self.sync_dedupe();
        let sig = dedupe::signature(&scratch.tokens);
        let store = &self.store;
        let original = sig.and_then(|s| self.dedupe.find(&s, |n| store.get(n).is_some()));
        doc.duplicate_of = original.and_then(|n| store.get(n)).map(|d| d.id().to_owned());
        self.dedupe.push(num, sig, original);
        let entities = self.recognize(&doc);
        let removed = std::mem::take(&mut doc.removed);
        let lengths = (title_len, body_len);
        let fields = fields_of(&doc);
        let blobs = Blobs::Text(&scratch.tokens);
        let new = NewDoc { fields, blobs, original, removed, lengths, entities: &entities };
        self.store.push(new);
        self.scratch = scratch;
        self.changed();
        Ok(())
    }

    /// The entity spellings of a document's title and body, registered in
    /// the collection's table (nothing when [`IndexOptions::entities`] is
    /// off).
    fn recognize(&mut self, doc: &Document) -> Box<[(u32, u32)]> {
        if !self.options.entities {
            return Box::default();
        }
        // One pass over title and body (a blank line apart, as on the page).
        let mut both = String::with_capacity(doc.title.len() + doc.text.len() + 2);
        both.push_str(&doc.title);
        both.push_str("\n\n");
        both.push_str(&doc.text);
        self.entities.register(&crate::entity::extract_entities(&both))
    }

    /// Reads the entities of every document again (after loading an index
    /// written before entities were stored).
    pub(crate) fn recognize_all(&mut self) {
        let nums: Vec<u32> = self.store.iter().map(|(n, _)| n).collect();
        for n in nums {
            let Some(doc) = self.store.get(n).map(DocRef::to_document) else { continue };
            let pairs = self.recognize(&doc);
            self.store.set_entities(n, &pairs);
        }
    }

    /// Entities of the whole collection, most mentioned first (by
    /// documents, then mentions): at most `limit` of each type, or of
    /// `kind` only.
    ///
    /// ```
    /// use fahras::{Document, EntityKind, Index};
    ///
    /// let mut index = Index::default();
    /// index.add(Document::new("1", "", "زار الرئيس شي جين بينغ بكين.")).unwrap();
    /// index.add(Document::new("2", "", "وصل شي جينبينغ إلى بيجينغ.")).unwrap();
    /// let places = index.entities(Some(EntityKind::Loc), 10);
    /// assert_eq!(places[0].name, "بكين");
    /// assert_eq!(places[0].documents, 2);
    /// ```
    pub fn entities(&self, kind: Option<EntityKind>, limit: usize) -> Vec<entities::EntityFacet> {
        self.entities.facets(self.store.iter().map(|(_, d)| d.entities()), kind, limit)
    }

    /// The name an entity key stands for in this collection: the
    /// gazetteer's form, else the spelling most used (see
    /// [`EntityFacet::name`](entities::EntityFacet::name)).
    pub fn entity_name(&self, key: &str) -> Option<String> {
        self.entities.by_key(key).map(|e| self.entities.name(e))
    }

    /// Analyses one field into the scratch buffers. Returns the number of
    /// indexed tokens and the number of positions used.
    fn collect(&mut self, text: &str, offset: u32, is_body: bool, s: &mut Scratch) -> (u32, u32) {
        let Index { analyzer, surface, stems, stem_ids, .. } = self;
        let mut count = 0u32;
        let mut span = 0u32;
        let mut prev_end = 0usize;
        analyzer.for_each_token(text, |t| {
            let pos = offset.saturating_add(t.position);
            let id = surface.intern(t.term);
            s.surface.push(u64::from(id) << 32 | u64::from(pos));
            if is_body {
                tokens::push(&mut s.tokens, &mut prev_end, id, t.span);
            }
            if stem_ids.len() <= id as usize {
                stem_ids.resize(id as usize + 1, [UNSTEMMED; 4]);
            }
            let entry = &mut stem_ids[id as usize];
            if entry[0] == UNSTEMMED {
                *entry = stem_entry(analyzer, stems, t.term);
            }
            for &stem in entry.iter().take_while(|&&st| st != NO_STEM) {
                s.stems.push(u64::from(stem) << 1 | u64::from(is_body));
            }
            count += 1;
            span = t.position.saturating_add(1);
        });
        (count, span)
    }

    /// Appends one posting per distinct term of the document.
    fn flush(&mut self, num: u32, body_start: u32, s: &mut Scratch) {
        s.surface.sort_unstable();
        for group in s.surface.chunk_by(|a, b| a >> 32 == b >> 32) {
            let term = (group[0] >> 32) as u32;
            s.positions.clear();
            s.positions.extend(group.iter().map(|&e| e as u32));
            let tf_title = s.positions.iter().filter(|&&p| p < body_start).count() as u32;
            let p = Posting { doc: num, tf_title, tf_body: group.len() as u32 - tf_title };
            let positions = if self.options.positions { s.positions.as_slice() } else { &[] };
            self.surface.lists[term as usize].push(p, positions);
        }
        s.stems.sort_unstable();
        for group in s.stems.chunk_by(|a, b| a >> 1 == b >> 1) {
            let tf_body = group.iter().filter(|&&g| g & 1 == 1).count() as u32;
            let p = Posting { doc: num, tf_title: group.len() as u32 - tf_body, tf_body };
            self.stems.lists[(group[0] >> 1) as usize].push(p, &[]);
        }
    }

    /// Computes the signatures of documents that have none (after a load).
    fn sync_dedupe(&mut self) {
        if self.dedupe.len() == self.store.slots() as usize {
            return;
        }
        let mut d = dedupe::Dedupe::default();
        for num in 0..self.store.slots() {
            let stored = self.store.get(num);
            let sig = stored.and_then(|d| dedupe::signature(d.tokens()));
            d.push(num, sig, self.store.copy_of(num));
        }
        self.dedupe = d;
    }

    /// After removing an original, its first remaining copy becomes the
    /// original of the others.
    fn reassign_copies(&mut self, removed: &Document, copies: u32) {
        if let Some(original) = removed.duplicate_of.as_deref().and_then(|id| self.store.number(id))
        {
            if let Some(c) = self.dedupe.copies.get_mut(original as usize) {
                *c = c.saturating_sub(1);
            }
            return;
        }
        if copies == 0 {
            return;
        }
        let copies: Vec<u32> = self
            .store
            .iter()
            .filter(|(_, d)| d.duplicate_of() == Some(removed.id.as_str()))
            .map(|(n, _)| n)
            .collect();
        let Some((&first, rest)) = copies.split_first() else { return };
        let first_id = self.store.get(first).map(|d| d.id().to_owned());
        self.store.set_duplicate_of(first, None);
        for &n in rest {
            self.store.set_duplicate_of(n, first_id.clone());
        }
        self.dedupe.promote(first);
        if let Some(c) = self.dedupe.copies.get_mut(first as usize) {
            *c = rest.len() as u32;
        }
    }

    /// Drops the sorted views of the vocabularies (terms were added).
    pub(crate) fn terms_changed(&mut self) {
        self.sorted_surface = OnceCell::new();
        self.sorted_stems = OnceCell::new();
    }

    /// The rank of each document's id among the live documents' ids (see
    /// `id_ranks`): the ids are put in a term dictionary, whose sorted view
    /// orders them.
    pub(crate) fn id_ranks(&self) -> &[u32] {
        self.id_ranks.get_or_init(|| {
            let mut ids = TermDict::default();
            let nums: Vec<u32> = self
                .store
                .iter()
                .map(|(n, d)| {
                    ids.intern(d.id());
                    n
                })
                .collect();
            let mut ranks = vec![u32::MAX; self.store.slots() as usize];
            for (rank, &i) in ids.sorted_ids().iter().enumerate() {
                if let Some(&n) = nums.get(i as usize) {
                    ranks[n as usize] = rank as u32;
                }
            }
            ranks
        })
    }

    /// Drops the caches that depend on the documents.
    fn changed(&mut self) {
        self.sorted_surface = OnceCell::new();
        self.sorted_stems = OnceCell::new();
        self.norms = OnceCell::new();
        self.id_ranks = OnceCell::new();
        self.copy_pairs = OnceCell::new();
    }

    /// Removes the document with this id. Returns whether it was there
    /// (always `false` for a read-only index opened in parts).
    pub fn remove(&mut self, id: &str) -> bool {
        if self.is_partial() {
            return false;
        }
        let Some(num) = self.store.number(id) else { return false };
        self.sync_dedupe();
        let copies = self.dedupe.copies.get(num as usize).copied().unwrap_or(0);
        let Some((removed, entities)) = self.store.take(id) else { return false };
        self.entities.count(&entities, false);
        self.changed();
        self.reassign_copies(&removed, copies);
        let mut surface_ids: Vec<u64> = Vec::new();
        let mut stem_ids: Vec<u64> = Vec::new();
        for text in [&removed.title, &removed.text] {
            for term in self.analyzer.terms(text) {
                surface_ids.extend(self.surface.dict.get(&term).map(u64::from));
                for key in self.analyzer.stems(&term).keys().into_iter().flatten() {
                    if key != term {
                        stem_ids.extend(self.stems.dict.get(key).map(u64::from));
                    }
                }
            }
        }
        for (vocab, ids) in
            [(&mut self.surface, &mut surface_ids), (&mut self.stems, &mut stem_ids)]
        {
            ids.sort_unstable();
            ids.dedup();
            for &id in ids.iter() {
                if let Some(list) = vocab.lists.get_mut(id as usize) {
                    list.df = list.df.saturating_sub(1);
                }
            }
        }
        if self.store.removed() > 64.max(self.store.live() / 4) {
            self.compact();
        }
        true
    }

    /// Rewrites every posting list without removed documents and renumbers
    /// the documents densely. Runs by itself when a quarter of the document
    /// slots are dead; calling it earlier only saves memory sooner.
    pub fn compact(&mut self) {
        if self.store.removed() == 0 {
            return;
        }
        self.changed();
        let remap = self.store.compact();
        if self.dedupe.len() == remap.len() {
            let store = &self.store;
            let is_copy = |n: u32| store.get(n).is_some_and(|d| d.duplicate_of().is_some());
            self.dedupe.compact(&remap, is_copy);
        }
        for vocab in [&mut self.surface, &mut self.stems] {
            for list in &mut vocab.lists {
                *list = list.remapped(&remap);
            }
        }
    }

    /// The stored document with this id (a copy: the index keeps its
    /// documents' text in shared buffers).
    pub fn document(&self, id: &str) -> Option<Document> {
        self.store.number(id).and_then(|n| self.store.get(n)).map(DocRef::to_document)
    }

    /// Live documents, in insertion order (copies, made as the iterator
    /// goes).
    pub fn documents(&self) -> impl Iterator<Item = Document> + '_ {
        self.store.iter().map(|(_, d)| d.to_document())
    }

    /// The ids of the live documents, in insertion order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.store.iter().map(|(_, d)| d.id())
    }

    /// Sizes and counts.
    pub fn stats(&self) -> IndexStats {
        let sum =
            |v: &Vocabulary, f: fn(&TermPostings) -> usize| v.lists.iter().map(f).sum::<usize>();
        let live_terms = |v: &Vocabulary| v.lists.iter().filter(|l| l.df > 0).count();
        let stored = self.store.text_bytes();
        IndexStats {
            documents: self.store.live(),
            terms: live_terms(&self.surface),
            stems: live_terms(&self.stems),
            postings_bytes: sum(&self.surface, |l| l.docs.len())
                + sum(&self.stems, |l| l.docs.len()),
            positions_bytes: sum(&self.surface, |l| l.positions.len()),
            stored_text_bytes: stored,
            token_map_bytes: self.store.token_bytes(),
            heap_bytes: self.surface.heap_bytes()
                + self.stems.heap_bytes()
                + self.store.heap_bytes()
                + self.dedupe.heap_bytes()
                + self.stem_ids.capacity() * std::mem::size_of::<[u32; 4]>()
                + self
                    .norms
                    .get()
                    .map_or(0, |n| n.capacity() * std::mem::size_of::<Option<[f32; 2]>>()),
        }
    }
}

/// The ids of a surface term's stem lists (see [`Index::stem_ids`]), the
/// stems interned as needed. Once per distinct term, so out of line.
#[inline(never)]
fn stem_entry(analyzer: &Analyzer, stems: &mut Vocabulary, term: &str) -> [u32; 4] {
    let mut entry = [NO_STEM; 4];
    let mut slots = entry.iter_mut();
    for key in analyzer.stems(term).keys().into_iter().flatten() {
        if key != term {
            if let Some(slot) = slots.next() {
                *slot = stems.intern(key);
            }
        }
    }
    entry
}
