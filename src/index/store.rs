//! STORED DOCUMENTS: the original text of every document (for results and
//! snippets), its field lengths, and the id → number map.
//!
//! The documents' strings live in one arena, one document after another
//! (its id, title and optional fields), their bodies packed (one byte per
//! Arabic letter, see `index::packed`) and token maps in a second and their
//! entity pairs in a third; a slot holds where its document's parts are.
//! Building and dropping an index thus allocate and free three buffers for
//! all the documents rather than several buffers per document. An index
//! read in place from a file keeps the file ahead of its second arena,
//! with the bodies and token maps where they were read (see
//! [`DocStore::adopt`]): loading copies neither. A document is handed out as a [`DocRef`] (borrowed
//! fields) or, at the API, as an owned [`Document`] made on demand.

use std::hash::{BuildHasher, BuildHasherDefault};
use std::ops::Range;
use std::sync::Arc;

use hashbrown::HashTable;

use super::packed;
use super::terms::FastHasher;
use crate::codec::huffman::{self, Codes, Counts, CLASSES};

use crate::document::{Document, Removed};

/// The string fields of a stored document, in arena order. The first three
/// are always there; the others only when their bit is set in
/// `StoredDoc::has`.
pub(crate) const ID: usize = 0;
const TITLE: usize = 1;
const TEXT: usize = 2;
const URL: usize = 3;
const DATE: usize = 4;
const SOURCE: usize = 5;
const PLACE: usize = 6;
/// The id of the document's original (last: it is the one field that
/// changes, when an original is removed).
const DUPLICATE_OF: usize = 7;
const FIELDS: usize = 8;

/// The string fields of `doc`, in arena order.
pub(crate) fn fields_of(doc: &Document) -> [Option<&str>; FIELDS] {
    [
        Some(&doc.id),
        Some(&doc.title),
        Some(&doc.text),
        doc.url.as_deref(),
        doc.date.as_deref(),
        doc.source.as_deref(),
        doc.place.as_deref(),
        doc.duplicate_of.as_deref(),
    ]
}

/// Where a new document's body and token map come from.
pub(crate) enum Blobs<'a> {
    /// The body is the text field, packed as it is copied in; the token
    /// map is this one.
    Text(&'a [u8]),
    /// Both as an index file of version 6 has them (the body packed),
    /// copied in.
    Packed { body: &'a [u8], tokens: &'a [u8] },
    /// Both as the store keeps them (an index file since version 7),
    /// copied in.
    Stored { body: &'a [u8], tokens: &'a [u8] },
    /// Both already in the file the store adopts once every document is
    /// in (see [`DocStore::adopt`]), at these byte ranges of it.
    InPlace { body: Range<usize>, tokens: Range<usize> },
}

/// A document as the store takes it: fields borrowed, copied in.
pub(crate) struct NewDoc<'a> {
    /// By field number (see [`fields_of`]); `None` for an absent optional
    /// field (and read as empty for the first three; the body is read only
    /// with [`Blobs::Text`]).
    pub fields: [Option<&'a str>; FIELDS],
    pub blobs: Blobs<'a>,
    /// The number of the document `duplicate_of` names, when known (else
    /// it is looked up).
    pub original: Option<u32>,
    pub removed: Vec<Removed>,
    /// Title and body length in tokens.
    pub lengths: (u32, u32),
    /// The entity spellings the title and body use, with their mentions
    /// (see `index::entities`), sorted by spelling number.
    pub entities: &'a [(u32, u32)],
}

fn id_hash(id: &str) -> u64 {
    BuildHasherDefault::<FastHasher>::default().hash_one(id)
}

/// The id of the document in slot `n` (empty for a removed slot or a
/// document of an index in parts not fetched yet).
fn id_of<'a>(slots: &[Option<StoredDoc>], text: &'a str, n: u32) -> &'a str {
    let slot = slots.get(n as usize).and_then(Option::as_ref);
    slot.and_then(|s| text.get(s.at..s.at + s.lens[ID] as usize)).unwrap_or("")
}

/// `copy_of` entry of a document that is no copy.
pub(crate) const NONE: u32 = u32::MAX;
/// Length entry of a removed slot.
const DEAD: (u32, u32) = (u32::MAX, u32::MAX);

/// Where a document's parts are in the store's arenas, and its field
/// lengths in tokens.
#[derive(Clone, Debug)]
pub(crate) struct StoredDoc {
    /// Start of its strings in `DocStore::text`.
    at: usize,
    /// Byte length of each string field (0 when absent, and for the body,
    /// which is with the token map in `DocStore::file` or `blobs`).
    lens: [u32; FIELDS],
    body_at: usize,
    /// Packed length of the body.
    packed_len: u32,
    /// Bit `f`: optional field `f` is present.
    has: u8,
    tokens_at: usize,
    tokens_len: u32,
    entities_at: usize,
    entities_len: u32,
    title_len: u32,
    body_len: u32,
    removed: Box<[Removed]>,
}

impl StoredDoc {
    fn text_len(&self) -> usize {
        self.lens.iter().map(|&l| l as usize).sum()
    }
}

/// The `len` bytes at offset `at` of `file` followed by `blobs`.
#[inline]
fn blob_in<'a>(file: &'a [u8], blobs: &'a [u8], at: usize, len: u32) -> &'a [u8] {
    let (bytes, at) = match at.checked_sub(file.len()) {
        Some(at) => (blobs, at),
        None => (file, at),
    };
    bytes.get(at..at + len as usize).unwrap_or(&[])
}

/// A stored document, read in place.
#[derive(Clone, Copy)]
pub(crate) struct DocRef<'a> {
    store: &'a DocStore,
    slot: &'a StoredDoc,
}

impl<'a> DocRef<'a> {
    // (Not inlined: every accessor would carry the offset sum, which made
    // the wasm larger for no measured gain.)
    #[inline(never)]
    fn field(self, f: usize) -> Option<&'a str> {
        debug_assert_ne!(f, TEXT, "the body is packed: see DocRef::text");
        if f > TEXT && self.slot.has & (1 << f) == 0 {
            return None;
        }
        let start = self.slot.at + self.slot.lens[..f].iter().map(|&l| l as usize).sum::<usize>();
        Some(self.store.text.get(start..start + self.slot.lens[f] as usize).unwrap_or(""))
    }

    pub(crate) fn id(self) -> &'a str {
        self.field(ID).unwrap_or("")
    }

    pub(crate) fn title(self) -> &'a str {
        self.field(TITLE).unwrap_or("")
    }

    /// The body, unpacked.
    pub(crate) fn text(self) -> String {
        packed::unstore(self.packed_text(), self.store.codes())
    }

    /// The body as stored (see `index::packed`): packed, maybe coded.
    pub(crate) fn packed_text(self) -> &'a [u8] {
        let s = self.slot;
        self.store.blob(s.body_at, s.packed_len)
    }

    pub(crate) fn url(self) -> Option<&'a str> {
        self.field(URL)
    }

    pub(crate) fn date(self) -> Option<&'a str> {
        self.field(DATE)
    }

    pub(crate) fn source(self) -> Option<&'a str> {
        self.field(SOURCE)
    }

    pub(crate) fn place(self) -> Option<&'a str> {
        self.field(PLACE)
    }

    pub(crate) fn duplicate_of(self) -> Option<&'a str> {
        self.field(DUPLICATE_OF)
    }

    pub(crate) fn removed(self) -> &'a [Removed] {
        &self.slot.removed
    }

    /// The body's token map.
    pub(crate) fn tokens(self) -> &'a [u8] {
        let s = self.slot;
        self.store.blob(s.tokens_at, s.tokens_len)
    }

    /// The entity spellings the document uses, with their mentions.
    pub(crate) fn entities(self) -> &'a [(u32, u32)] {
        let s = self.slot;
        self.store.pairs.get(s.entities_at..s.entities_at + s.entities_len as usize).unwrap_or(&[])
    }

    /// Title and body length in tokens.
    pub(crate) fn lengths(self) -> (u32, u32) {
        (self.slot.title_len, self.slot.body_len)
    }

    /// The document, copied out.
    pub(crate) fn to_document(self) -> Document {
        self.to_document_with(true)
    }

    /// The document, copied out, with its body and the lines removed from
    /// it, or with neither.
    pub(crate) fn to_document_with(self, body: bool) -> Document {
        let owned = |f: usize| self.field(f).map(str::to_owned);
        Document {
            id: self.id().to_owned(),
            title: self.title().to_owned(),
            text: if body { self.text() } else { String::new() },
            url: owned(URL),
            date: owned(DATE),
            source: owned(SOURCE),
            place: owned(PLACE),
            removed: if body { self.slot.removed.to_vec() } else { Vec::new() },
            duplicate_of: owned(DUPLICATE_OF),
        }
    }
}

/// Documents by internal number. Removed documents leave a `None` until the
/// index compacts and renumbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocStore {
    slots: Vec<Option<StoredDoc>>,
    /// The string fields of every document but its body.
    text: String,
    /// The index file the store was read from in place, which holds the
    /// bodies and token maps of the documents read from it (see
    /// [`DocStore::adopt`]): offsets below its length are in it.
    file: Option<Arc<Vec<u8>>>,
    /// The bodies, packed, and token maps of the other documents, at their
    /// offsets less the file's length.
    blobs: Vec<u8>,
    /// The entity pairs of every document.
    pairs: Vec<(u32, u32)>,
    /// Field lengths by number, `DEAD` for removed slots: kept apart from
    /// the documents so ranking reads a dense array.
    lengths: Vec<(u32, u32)>,
    /// The id → number map: numbers hashed by their document's id, which
    /// is read from the arena (each id stored once).
    ids: HashTable<u32>,
    /// By number: the number of the document's original when it is a
    /// near-duplicate, else `NONE` (dense, for collapsing results).
    copy_of: Vec<u32>,
    /// Live documents that are near-duplicates of another.
    copies: usize,
    /// Sum of title lengths of live documents.
    pub title_tokens: u64,
    /// Sum of body lengths of live documents.
    pub body_tokens: u64,
    /// Live documents of an index loaded in parts whose stored text has
    /// not been fetched yet (their slots hold lengths and metadata only,
    /// and no id).
    unloaded: usize,
    /// The codes of the stored bodies (see `index::packed`), made once
    /// [`packed::TRAIN_BYTES`] of packed text were counted.
    codes: Option<Box<Codes>>,
    /// The bytes counted until then.
    counts: Option<Box<Counts>>,
    counted: usize,
    /// A body packed before it is stored.
    scratch: Vec<u8>,
}

impl DocStore {
    /// Makes room for `docs` more documents with `text` bytes of strings
    /// and `blobs` bytes of packed bodies and token maps.
    pub(crate) fn reserve(&mut self, docs: usize, text: usize, blobs: usize) {
        self.slots.reserve(docs);
        self.lengths.reserve(docs);
        if self.ids.is_empty() {
            // (An empty table needs no hasher to grow: one less copy of
            // the rehashing code in the wasm.)
            self.ids = HashTable::with_capacity(docs);
        }
        self.copy_of.reserve(docs);
        self.text.reserve(text);
        self.blobs.reserve(blobs);
    }

    /// Takes `file` as the place of the bodies and token maps of the
    /// documents pushed with [`Blobs::InPlace`] ranges into it (before any
    /// other). Documents added later go to the arena after it; the next
    /// compaction copies what live documents use there and lets the file
    /// go.
    pub(crate) fn adopt(&mut self, file: Arc<Vec<u8>>) {
        debug_assert!(self.blobs.is_empty(), "documents were copied in before");
        self.file = Some(file);
    }

    fn file_len(&self) -> usize {
        self.file.as_ref().map_or(0, |f| f.len())
    }

    /// The `len` bytes of a body or token map at offset `at`.
    #[inline]
    fn blob(&self, at: usize, len: u32) -> &[u8] {
        blob_in(self.file.as_deref().map_or(&[], Vec::as_slice), &self.blobs, at, len)
    }

    /// Number of slots (live and removed): the next document number.
    pub(crate) fn slots(&self) -> u32 {
        self.slots.len() as u32
    }

    pub(crate) fn live(&self) -> usize {
        self.ids.len() + self.unloaded
    }

    pub(crate) fn removed(&self) -> usize {
        self.slots.len() - self.live()
    }

    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        self.ids.find(id_hash(id), |&n| id_of(&self.slots, &self.text, n) == id).copied()
    }

    /// Maps `id` to `num`, in place of any number it had; returns whether
    /// it had one.
    fn insert_id(&mut self, hash: u64, id: &str, num: u32) -> bool {
        let (ids, slots, text) = (&mut self.ids, &self.slots, &self.text);
        match ids.find_mut(hash, |&n| id_of(slots, text, n) == id) {
            Some(n) => {
                *n = num;
                true
            }
            None => {
                ids.insert_unique(hash, num, |&n| id_hash(id_of(slots, text, n)));
                false
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, num: u32) -> Option<DocRef<'_>> {
        let slot = self.slots.get(num as usize).and_then(Option::as_ref)?;
        Some(DocRef { store: self, slot })
    }

    /// Title and body length of a live document.
    #[inline]
    pub(crate) fn lengths(&self, num: u32) -> Option<(u32, u32)> {
        self.lengths.get(num as usize).copied().filter(|&l| l != DEAD)
    }

    /// The number of the document's original, when it is a near-duplicate.
    #[inline]
    pub(crate) fn copy_of(&self, num: u32) -> Option<u32> {
        self.copy_of.get(num as usize).copied().filter(|&o| o != NONE)
    }

    /// Whether any live document is a near-duplicate.
    pub(crate) fn has_copies(&self) -> bool {
        self.copies > 0
    }

    fn original_number(&self, original: Option<&str>) -> u32 {
        original.and_then(|id| self.number(id)).unwrap_or(NONE)
    }

    /// Copies a document's parts into the arenas (see [`Blobs`] for its
    /// body and token map).
    fn write(
        &mut self,
        fields: [Option<&str>; FIELDS],
        blobs: Blobs<'_>,
        lengths: (u32, u32),
        entities: &[(u32, u32)],
    ) -> StoredDoc {
        let at = self.text.len();
        let mut lens = [0u32; FIELDS];
        let mut has = 0u8;
        for (f, field) in fields.iter().enumerate() {
            if let Some(s) = field {
                if f != TEXT {
                    self.text.push_str(s);
                    lens[f] = s.len() as u32;
                }
                has |= 1 << f;
            }
        }
        let file_len = self.file_len();
        let (body, tokens) = match blobs {
            Blobs::InPlace { body, tokens } => (body, tokens),
            other => {
                let start = file_len + self.blobs.len();
                let tokens = match other {
                    Blobs::Text(tokens) => {
                        let mut scratch = std::mem::take(&mut self.scratch);
                        scratch.clear();
                        packed::pack(fields[TEXT].unwrap_or(""), &mut scratch);
                        self.store_body(&scratch);
                        self.scratch = scratch;
                        tokens
                    }
                    Blobs::Packed { body, tokens } => {
                        self.store_body(body);
                        tokens
                    }
                    Blobs::Stored { body, tokens } => {
                        self.room(body.len());
                        self.blobs.extend_from_slice(body);
                        tokens
                    }
                    Blobs::InPlace { .. } => &[],
                };
                let end = file_len + self.blobs.len();
                self.room(tokens.len());
                self.blobs.extend_from_slice(tokens);
                (start..end, end..file_len + self.blobs.len())
            }
        };
        let entities_at = self.pairs.len();
        self.pairs.extend_from_slice(entities);
        StoredDoc {
            at,
            lens,
            body_at: body.start,
            packed_len: body.len() as u32,
            has,
            tokens_at: tokens.start,
            tokens_len: tokens.len() as u32,
            entities_at,
            entities_len: entities.len() as u32,
            title_len: lengths.0,
            body_len: lengths.1,
            removed: Box::default(),
        }
    }

    /// Appends a packed body to the arena in the store's form (see
    /// `index::packed`): coded once the store has codes; until then its
    /// bytes are counted, and the codes are made when there are enough.
    fn store_body(&mut self, body: &[u8]) {
        self.room(body.len() + 5);
        if self.codes.is_none() {
            // Counted first, so that the body that makes enough text (one
            // large page can be all of it) is coded with the codes it made.
            let counts = self.counts.get_or_insert_with(|| Box::new([[0; 256]; CLASSES]));
            huffman::count(body, counts);
            self.counted += body.len();
            if self.counted >= packed::TRAIN_BYTES {
                self.codes = Some(Box::new(Codes::train(counts)));
                self.counts = None;
            }
        }
        packed::store(body, self.codes.as_deref(), &mut self.blobs);
    }

    /// Makes room for `n` more bytes in the arena: half as much again as
    /// it holds when it is full (where a `Vec` would double: the arena is
    /// most of the index, and wasm memory does not shrink).
    fn room(&mut self, n: usize) {
        if self.blobs.capacity() - self.blobs.len() < n {
            self.blobs.reserve_exact(n.max(self.blobs.capacity() / 2));
        }
    }

    /// The codes of the stored bodies, if made.
    pub(crate) fn codes(&self) -> Option<&Codes> {
        self.codes.as_deref()
    }

    /// Takes the codes of the stored bodies of a file read.
    pub(crate) fn set_codes(&mut self, codes: Option<Codes>) {
        self.codes = codes.map(Box::new);
        self.counts = None;
    }

    /// Appends a document; returns its number and whether its id was
    /// another document's (which it now names).
    pub(crate) fn push(&mut self, new: NewDoc<'_>) -> (u32, bool) {
        let num = self.slots.len() as u32;
        let original = match new.original {
            Some(n) => n,
            None => self.original_number(new.fields[DUPLICATE_OF]),
        };
        self.copies += usize::from(original != NONE);
        self.copy_of.push(original);
        self.push_lengths(new.lengths);
        let id = new.fields[ID].unwrap_or("");
        let mut slot = self.write(new.fields, new.blobs, new.lengths, new.entities);
        slot.removed = new.removed.into_boxed_slice();
        self.slots.push(Some(slot));
        let taken = self.insert_id(id_hash(id), id, num);
        (num, taken)
    }

    fn push_lengths(&mut self, lengths: (u32, u32)) {
        self.lengths.push(lengths);
        self.title_tokens += u64::from(lengths.0);
        self.body_tokens += u64::from(lengths.1);
    }

    /// Appends a document of an index loaded in parts whose text is not
    /// here yet: `doc` has its metadata only, `copy_of` is the number of
    /// its original or `NONE`.
    pub(crate) fn push_unloaded(&mut self, doc: &Document, lengths: (u32, u32), copy_of: u32) {
        self.copies += usize::from(copy_of != NONE);
        self.copy_of.push(copy_of);
        self.push_lengths(lengths);
        self.unloaded += 1;
        let slot = self.write(fields_of(doc), Blobs::Text(&[]), lengths, &[]);
        self.slots.push(Some(slot));
    }

    /// Puts the fetched text of a document pushed by `push_unloaded` in
    /// its slot. Returns `false` when the slot is not an unloaded one or
    /// the id is taken.
    pub(crate) fn fill(&mut self, num: u32, doc: Document, tokens: &[u8]) -> bool {
        let unloaded = self.get(num).is_some_and(|d| d.id().is_empty());
        if !unloaded || doc.id.is_empty() || self.number(&doc.id).is_some() {
            return false;
        }
        let Some(Some(old)) = self.slots.get(num as usize) else { return false };
        let (lengths, entities) =
            ((old.title_len, old.body_len), (old.entities_at, old.entities_len));
        let mut slot = self.write(fields_of(&doc), Blobs::Text(tokens), lengths, &[]);
        (slot.entities_at, slot.entities_len) = entities;
        slot.removed = doc.removed.into_boxed_slice();
        self.slots[num as usize] = Some(slot);
        self.insert_id(id_hash(&doc.id), &doc.id, num);
        self.unloaded -= 1;
        true
    }

    /// Points a live document at its original (near-duplicate groups): its
    /// strings are written again with the new `duplicate_of`.
    pub(crate) fn set_duplicate_of(&mut self, num: u32, original: Option<String>) {
        let number = self.original_number(original.as_deref());
        let Some(Some(old)) = self.slots.get(num as usize) else { return };
        let kept = old.at..old.at + old.text_len() - old.lens[DUPLICATE_OF] as usize;
        let region = self.text.get(kept).unwrap_or("").to_owned();
        let at = self.text.len();
        self.text.push_str(&region);
        if let Some(o) = &original {
            self.text.push_str(o);
        }
        if let Some(Some(s)) = self.slots.get_mut(num as usize) {
            s.at = at;
            s.lens[DUPLICATE_OF] = original.as_ref().map_or(0, |o| o.len() as u32);
            s.has = s.has & !(1 << DUPLICATE_OF) | u8::from(original.is_some()) << DUPLICATE_OF;
        }
        let old = std::mem::replace(&mut self.copy_of[num as usize], number);
        self.copies = self.copies + usize::from(number != NONE) - usize::from(old != NONE);
    }

    /// Replaces a live document's entity pairs.
    pub(crate) fn set_entities(&mut self, num: u32, pairs: &[(u32, u32)]) {
        let at = self.pairs.len();
        if let Some(Some(s)) = self.slots.get_mut(num as usize) {
            self.pairs.extend_from_slice(pairs);
            (s.entities_at, s.entities_len) = (at, pairs.len() as u32);
        }
    }

    /// Every entity pair in the arena (a freshly loaded store's, in
    /// document order).
    pub(crate) fn all_entity_pairs(&self) -> &[(u32, u32)] {
        &self.pairs
    }

    /// Removes the document with this id; returns it and its entity pairs.
    pub(crate) fn take(&mut self, id: &str) -> Option<(Document, Vec<(u32, u32)>)> {
        let (ids, slots, text) = (&mut self.ids, &self.slots, &self.text);
        let entry = ids.find_entry(id_hash(id), |&n| id_of(slots, text, n) == id).ok()?;
        let (num, _) = entry.remove();
        let doc = self.get(num)?;
        let (title_len, body_len) = doc.lengths();
        let taken = (doc.to_document(), doc.entities().to_vec());
        self.slots[num as usize] = None;
        self.lengths[num as usize] = DEAD;
        let original = std::mem::replace(&mut self.copy_of[num as usize], NONE);
        self.copies -= usize::from(original != NONE);
        self.title_tokens -= u64::from(title_len);
        self.body_tokens -= u64::from(body_len);
        Some(taken)
    }

    /// Live documents in number order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, DocRef<'_>)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|slot| (i as u32, DocRef { store: self, slot })))
    }

    /// Drops removed slots and what only they used of the arenas; returns
    /// the old → new number map (`u32::MAX` for removed documents).
    pub(crate) fn compact(&mut self) -> Vec<u32> {
        let mut remap = vec![u32::MAX; self.slots.len()];
        let mut next = 0u32;
        for (old, slot) in self.slots.iter().enumerate() {
            if slot.is_some() {
                remap[old] = next;
                next += 1;
            }
        }
        let copy_of = std::mem::take(&mut self.copy_of);
        self.copy_of = copy_of
            .into_iter()
            .zip(&self.slots)
            .filter(|(_, slot)| slot.is_some())
            .map(|(o, _)| if o == NONE { NONE } else { remap[o as usize] })
            .collect();
        self.slots.retain(Option::is_some);
        self.lengths.retain(|&l| l != DEAD);
        self.rewrite_arenas();
        // Hashed by id, so renumbering leaves every entry where it is.
        for num in self.ids.iter_mut() {
            *num = remap[*num as usize];
        }
        remap
    }

    /// Copies the live documents' parts into new arenas, in slot order.
    fn rewrite_arenas(&mut self) {
        let live = |f: fn(&StoredDoc) -> usize| self.slots.iter().flatten().map(f).sum::<usize>();
        let mut text = String::with_capacity(live(StoredDoc::text_len));
        let mut blobs = Vec::with_capacity(live(|s| s.packed_len as usize + s.tokens_len as usize));
        let mut pairs = Vec::with_capacity(live(|s| s.entities_len as usize));
        let file = self.file.as_deref().map_or(&[][..], Vec::as_slice);
        for s in self.slots.iter_mut().flatten() {
            let at = text.len();
            text.push_str(self.text.get(s.at..s.at + s.text_len()).unwrap_or(""));
            s.at = at;
            let b = blob_in(file, &self.blobs, s.body_at, s.packed_len);
            s.body_at = blobs.len();
            blobs.extend_from_slice(b);
            let t = blob_in(file, &self.blobs, s.tokens_at, s.tokens_len);
            s.tokens_at = blobs.len();
            blobs.extend_from_slice(t);
            let p = s.entities_at..s.entities_at + s.entities_len as usize;
            s.entities_at = pairs.len();
            pairs.extend_from_slice(self.pairs.get(p).unwrap_or(&[]));
        }
        (self.text, self.blobs, self.pairs) = (text, blobs, pairs);
        self.file = None;
    }

    /// Heap bytes of the store: its arenas as allocated (an adopted file
    /// whole, though its posting lists are read from it too), slots,
    /// tables and removed lines.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let removed = |s: &StoredDoc| {
            s.removed.iter().map(|r| size_of::<Removed>() + r.text.capacity()).sum::<usize>()
        };
        self.text.capacity()
            + self.file.as_ref().map_or(0, |f| f.capacity())
            + self.blobs.capacity()
            + self.pairs.capacity() * size_of::<(u32, u32)>()
            + self.slots.capacity() * size_of::<Option<StoredDoc>>()
            + self.slots.iter().flatten().map(removed).sum::<usize>()
            + self.lengths.capacity() * size_of::<(u32, u32)>()
            + self.copy_of.capacity() * size_of::<u32>()
            + self.ids.capacity() * (size_of::<u32>() + 1)
            + self.codes.as_ref().map_or(0, |c| c.heap_bytes())
            + self.counts.as_ref().map_or(0, |_| size_of::<Counts>())
            + self.scratch.capacity()
    }

    /// Bytes of the token maps.
    pub(crate) fn token_bytes(&self) -> usize {
        self.slots.iter().flatten().map(|s| s.tokens_len as usize).sum()
    }

    /// Bytes of stored text (bodies packed).
    pub(crate) fn text_bytes(&self) -> usize {
        let counted = [ID, TITLE, URL, DATE, SOURCE];
        self.slots
            .iter()
            .flatten()
            .map(|s| {
                s.packed_len as usize + counted.iter().map(|&f| s.lens[f] as usize).sum::<usize>()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RemovalReason;

    fn doc(id: &str, dup: Option<&str>) -> Document {
        Document {
            id: id.to_string(),
            title: format!("عنوان الخبر {id}"),
            text: format!("نص الخبر {id} عن قمة أستانا."),
            url: Some(format!("https://example.org/{id}")),
            date: None,
            source: Some("وكالة الأنباء".to_string()),
            place: Some("أستانا".to_string()),
            removed: vec![Removed {
                text: "اقرأ أيضا".to_string(),
                reason: RemovalReason::SeeAlso,
                before: 1,
            }],
            duplicate_of: dup.map(str::to_string),
        }
    }

    fn push(store: &mut DocStore, d: &Document, tokens: &[u8], entities: &[(u32, u32)]) -> u32 {
        let new = NewDoc {
            fields: fields_of(d),
            blobs: Blobs::Text(tokens),
            original: None,
            removed: d.removed.clone(),
            lengths: (3, 7),
            entities,
        };
        store.push(new).0
    }

    /// The bytes of the arenas: exactly what the live documents use.
    fn arena_bytes(store: &DocStore) -> (usize, usize, usize) {
        (store.text.len(), store.blobs.len(), store.pairs.len())
    }

    #[test]
    fn documents_come_back_as_stored_and_removal_frees_their_bytes() {
        let mut store = DocStore::default();
        let (a, b) = (doc("a", None), doc("b", Some("a")));
        let na = push(&mut store, &a, &[1, 2, 3], &[(0, 2)]);
        let nb = push(&mut store, &b, &[4, 5], &[]);
        assert_eq!(store.get(na).unwrap().to_document(), a);
        assert_eq!(store.get(nb).unwrap().to_document(), b);
        assert_eq!(store.get(na).unwrap().tokens(), [1, 2, 3]);
        assert_eq!(store.get(na).unwrap().entities(), [(0, 2)]);
        assert_eq!(store.copy_of(nb), Some(na));
        assert_eq!(store.get(nb).unwrap().date(), None);
        let b_only = {
            let mut s = DocStore::default();
            push(&mut s, &b, &[4, 5], &[]);
            arena_bytes(&s)
        };

        // A new original: only the field that changed is different.
        store.set_duplicate_of(nb, None);
        let moved = store.get(nb).unwrap().to_document();
        assert_eq!(moved, Document { duplicate_of: None, ..b.clone() });
        assert_eq!(store.copy_of(nb), None);
        store.set_duplicate_of(nb, Some("a".to_string()));
        assert_eq!(store.get(nb).unwrap().to_document(), b);
        store.set_entities(nb, &[(1, 1), (2, 5)]);
        assert_eq!(store.get(nb).unwrap().entities(), [(1, 1), (2, 5)]);

        let (gone, pairs) = store.take("a").unwrap();
        assert_eq!((gone, pairs), (a, vec![(0, 2)]));
        assert_eq!(store.number("a"), None);
        let remap = store.compact();
        assert_eq!(remap, [u32::MAX, 0]);
        assert_eq!(store.number("b"), Some(0));
        assert_eq!(store.get(0).unwrap().to_document(), b);
        let (text, blobs, pairs) = arena_bytes(&store);
        assert_eq!((text, blobs), (b_only.0, b_only.1), "only b's bytes are left");
        assert_eq!(pairs, 2);
    }

    #[test]
    fn an_id_named_again_takes_the_new_number() {
        let mut store = DocStore::default();
        let again = doc("a", None);
        push(&mut store, &again, &[], &[]);
        let new = NewDoc {
            fields: fields_of(&again),
            blobs: Blobs::Text(&[]),
            original: None,
            removed: Vec::new(),
            lengths: (1, 1),
            entities: &[],
        };
        assert_eq!(store.push(new), (1, true));
        assert_eq!(store.number("a"), Some(1));
    }

    #[test]
    fn an_adopted_file_holds_the_bodies_until_compaction() {
        // A "file": other bytes around two packed bodies and token maps.
        let (a, b) = (doc("a", None), doc("b", None));
        let mut file = b"header".to_vec();
        let mut place = |bytes: &[u8]| {
            let at = file.len();
            file.extend_from_slice(bytes);
            file.extend_from_slice(b"--");
            at..at + bytes.len()
        };
        let stored = |text: &str| {
            let (mut packed, mut stored) = (Vec::new(), Vec::new());
            packed::pack(text, &mut packed);
            packed::store(&packed, None, &mut stored);
            stored
        };
        let (packed_a, packed_b) = (stored(&a.text), stored(&b.text));
        let ranges = [(place(&packed_a), place(&[1, 2, 3])), (place(&packed_b), place(&[4, 5]))];
        let mut store = DocStore::default();
        for (d, (body, tokens)) in [&a, &b].into_iter().zip(ranges) {
            let new = NewDoc {
                fields: fields_of(d),
                blobs: Blobs::InPlace { body, tokens },
                original: None,
                removed: d.removed.clone(),
                lengths: (3, 7),
                entities: &[],
            };
            store.push(new);
        }
        store.adopt(Arc::new(file));
        assert_eq!(store.get(0).unwrap().to_document(), a);
        assert_eq!(store.get(1).unwrap().tokens(), [4, 5]);
        assert!(store.blobs.is_empty());

        // A document added later goes after the file.
        let c = doc("c", None);
        let nc = push(&mut store, &c, &[6], &[]);
        assert_eq!(store.get(nc).unwrap().to_document(), c);
        assert_eq!(store.get(nc).unwrap().tokens(), [6]);

        store.take("a").unwrap();
        store.compact();
        assert_eq!(store.get(0).unwrap().to_document(), b);
        assert_eq!(store.get(1).unwrap().to_document(), c);
        assert_eq!(store.get(0).unwrap().tokens(), [4, 5]);
        let live = packed_b.len() + 2 + store.get(1).unwrap().packed_text().len() + 1;
        assert_eq!(store.blobs.len(), live, "only what b and c use is left");
        assert!(store.file.is_none(), "the file is let go");
    }
}
