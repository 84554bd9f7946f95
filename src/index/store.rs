//! STORED DOCUMENTS: the original text of every document (for results and
//! snippets), its field lengths, and the id → number map.

use std::hash::{BuildHasher, BuildHasherDefault};

use hashbrown::HashTable;

use super::terms::FastHasher;

use crate::document::Document;

/// The id of the document in slot `n` (empty for a removed slot or a
/// document of an index in parts not fetched yet).
fn id_of(slots: &[Option<StoredDoc>], n: u32) -> &str {
    slots.get(n as usize).and_then(Option::as_ref).map_or("", |s| s.doc.id.as_str())
}

fn id_hash(id: &str) -> u64 {
    BuildHasherDefault::<FastHasher>::default().hash_one(id)
}

/// `copy_of` entry of a document that is no copy.
pub(crate) const NONE: u32 = u32::MAX;
/// Length entry of a removed slot.
const DEAD: (u32, u32) = (u32::MAX, u32::MAX);

/// A document and its field lengths in tokens.
#[derive(Clone, Debug)]
pub(crate) struct StoredDoc {
    pub doc: Document,
    pub title_len: u32,
    pub body_len: u32,
    /// The body's token map (see `index::tokens`).
    pub tokens: Box<[u8]>,
    /// The entity spellings the title and body use, with their mentions
    /// (see `index::entities`), sorted by spelling number.
    pub entities: Box<[(u32, u32)]>,
}

/// Documents by internal number. Removed documents leave a `None` until the
/// index compacts and renumbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocStore {
    slots: Vec<Option<StoredDoc>>,
    /// Field lengths by number, `DEAD` for removed slots: kept apart from
    /// the documents so ranking reads a dense array.
    lengths: Vec<(u32, u32)>,
    /// The id → number map: numbers hashed by their document's id, which
    /// is read from the slot (each id stored once, in its document).
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
}

impl DocStore {
    /// An empty store with room for `docs` documents.
    pub(crate) fn with_capacity(docs: usize) -> DocStore {
        DocStore {
            slots: Vec::with_capacity(docs),
            lengths: Vec::with_capacity(docs),
            ids: HashTable::with_capacity(docs),
            copy_of: Vec::with_capacity(docs),
            ..DocStore::default()
        }
    }

    /// Documents there is room for without growing.
    pub(crate) fn capacity(&self) -> usize {
        self.slots.capacity()
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
        self.ids.find(id_hash(id), |&n| id_of(&self.slots, n) == id).copied()
    }

    /// Maps `id` to `num`, in place of any number it had; returns whether
    /// it had one.
    fn insert_id(&mut self, id: &str, num: u32) -> bool {
        let (ids, slots) = (&mut self.ids, &self.slots);
        let hash = id_hash(id);
        match ids.find_mut(hash, |&n| id_of(slots, n) == id) {
            Some(n) => {
                *n = num;
                true
            }
            None => {
                ids.insert_unique(hash, num, |&n| id_hash(id_of(slots, n)));
                false
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, num: u32) -> Option<&StoredDoc> {
        self.slots.get(num as usize).and_then(Option::as_ref)
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

    /// Appends a document; returns its number and whether its id was
    /// another document's (which it now names).
    pub(crate) fn push(&mut self, stored: StoredDoc) -> (u32, bool) {
        let num = self.slots.len() as u32;
        let original = self.original_number(stored.doc.duplicate_of.as_deref());
        self.copies += usize::from(original != NONE);
        self.copy_of.push(original);
        self.lengths.push((stored.title_len, stored.body_len));
        self.title_tokens += u64::from(stored.title_len);
        self.body_tokens += u64::from(stored.body_len);
        let taken = self.insert_id(&stored.doc.id, num);
        self.slots.push(Some(stored));
        (num, taken)
    }

    /// Appends a document of an index loaded in parts whose text is not
    /// here yet: `doc` has its metadata only, `copy_of` is the number of
    /// its original or `NONE`.
    pub(crate) fn push_unloaded(&mut self, doc: Document, lengths: (u32, u32), copy_of: u32) {
        self.copies += usize::from(copy_of != NONE);
        self.copy_of.push(copy_of);
        self.lengths.push(lengths);
        self.title_tokens += u64::from(lengths.0);
        self.body_tokens += u64::from(lengths.1);
        self.unloaded += 1;
        let stored = StoredDoc {
            doc,
            title_len: lengths.0,
            body_len: lengths.1,
            tokens: Box::default(),
            entities: Box::default(),
        };
        self.slots.push(Some(stored));
    }

    /// Puts the fetched text of a document pushed by `push_unloaded` in
    /// its slot. Returns `false` when the slot is not an unloaded one or
    /// the id is taken.
    pub(crate) fn fill(&mut self, num: u32, doc: Document, tokens: Box<[u8]>) -> bool {
        let unloaded = matches!(self.slots.get(num as usize), Some(Some(s)) if s.doc.id.is_empty());
        if !unloaded || doc.id.is_empty() || self.number(&doc.id).is_some() {
            return false;
        }
        let id = doc.id.clone();
        if let Some(Some(s)) = self.slots.get_mut(num as usize) {
            s.doc = doc;
            s.tokens = tokens;
        }
        self.insert_id(&id, num);
        self.unloaded -= 1;
        true
    }

    /// Points a live document at its original (near-duplicate groups).
    pub(crate) fn set_duplicate_of(&mut self, num: u32, original: Option<String>) {
        let number = self.original_number(original.as_deref());
        if let Some(Some(s)) = self.slots.get_mut(num as usize) {
            s.doc.duplicate_of = original;
            let old = std::mem::replace(&mut self.copy_of[num as usize], number);
            self.copies = self.copies + usize::from(number != NONE) - usize::from(old != NONE);
        }
    }

    /// Replaces a live document's entity pairs.
    pub(crate) fn set_entities(&mut self, num: u32, pairs: Box<[(u32, u32)]>) {
        if let Some(Some(s)) = self.slots.get_mut(num as usize) {
            s.entities = pairs;
        }
    }

    pub(crate) fn take(&mut self, id: &str) -> Option<StoredDoc> {
        let (ids, slots) = (&mut self.ids, &self.slots);
        let (num, _) = ids.find_entry(id_hash(id), |&n| id_of(slots, n) == id).ok()?.remove();
        let stored = self.slots.get_mut(num as usize)?.take()?;
        self.lengths[num as usize] = DEAD;
        let original = std::mem::replace(&mut self.copy_of[num as usize], NONE);
        self.copies -= usize::from(original != NONE);
        self.title_tokens -= u64::from(stored.title_len);
        self.body_tokens -= u64::from(stored.body_len);
        Some(stored)
    }

    /// Live documents in number order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &StoredDoc)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| s.as_ref().map(|s| (i as u32, s)))
    }

    /// Drops removed slots; returns the old → new number map (`u32::MAX`
    /// for removed documents).
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
        // Hashed by id, so renumbering leaves every entry where it is.
        for num in self.ids.iter_mut() {
            *num = remap[*num as usize];
        }
        remap
    }

    /// Bytes of the token maps.
    pub(crate) fn token_bytes(&self) -> usize {
        self.iter().map(|(_, s)| s.tokens.len()).sum()
    }

    /// Bytes of stored text.
    pub(crate) fn text_bytes(&self) -> usize {
        self.iter()
            .map(|(_, s)| {
                let d = &s.doc;
                d.id.len()
                    + d.title.len()
                    + d.text.len()
                    + [&d.url, &d.date, &d.source]
                        .iter()
                        .map(|o| o.as_ref().map_or(0, String::len))
                        .sum::<usize>()
            })
            .sum()
    }
}
