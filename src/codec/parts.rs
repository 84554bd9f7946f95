//! THE INDEX IN PARTS: the files of an index served from static hosting
//! and fetched as queries need it (see `index::parts` for the reader's
//! side).
//!
//! Every part (all integers LEB128 unless noted):
//!
//! ```text
//! PARTS_MAGIC "FHRP" | PARTS_VERSION (u32 LE) | kind (one byte) | stamp (u32 LE)
//!   | number | payload | CRC-32 of all before (u32 LE)
//! ```
//!
//! The stamp is the CRC-32 of the manifest's payload: a part from another
//! build is refused. Kinds and payloads:
//!
//! ```text
//! 'M' index.fhrp   options (as in the index file), then
//!                  sources: count, strings; dates: count, strings;
//!                  documents: count, then per document title_len,
//!                  body_len, original + 1 (0: none), source + 1, date + 1;
//!                  term parts: count, then per part its first term
//!                  (front-coded: bytes shared with the previous first
//!                  term, then the rest as bytes) and a flag byte (1: it
//!                  has a positions part); then one byte, 1 when there is
//!                  an entities part
//! 'T' t/K.fhrp     terms: count, then per term its text (front-coded on
//!                  the previous term), flags (1 surface, 2 stem), then for
//!                  each present list df, len, last_doc, docs (bytes, as
//!                  in the index file; version 1 wrote them as index
//!                  format 7 did, and is not read)
//! 'P' p/K.fhrp     surface terms: count, then per term its text
//!                  (front-coded) and positions (bytes)
//! 'E' entities.fhrp the entity table as in the index file, then per
//!                  document (in number order) its entity spellings: count,
//!                  then spelling number and mentions
//! 'D' d/N.fhrp     id title text (strings), url date source place
//!                  (optional strings), removed lines, duplicate_of
//!                  (optional string), as in the index file
//! ```
//!
//! Documents are numbered in the order of their ids, so ties in ranking
//! (broken by id) need no id. A term part holds whole terms, cut after
//! about `term_part_bytes` of posting bytes; a term with a longer list
//! has a part of its own. Strings: length then bytes; optional strings
//! 0 for none, else length + 1.

use super::varint::put_u32;
use super::FORMAT_VERSION;
use super::{
    checked, crc, put_bytes, put_opt, read_entities, read_options, read_pairs, read_removed,
    write_entities, write_options, Reader,
};
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::index::parts::Parts;
use crate::index::{read_positions, tokens, DocRef, Index, Posting, TermPostings};

/// The first four bytes of every part of an index in parts.
pub const PARTS_MAGIC: [u8; 4] = *b"FHRP";
/// The version of the parts format this build writes and reads (a site
/// is rebuilt with the build that serves it).
pub const PARTS_VERSION: u32 = 2;
/// The file name of the manifest, the part a reader opens first.
pub const MANIFEST_NAME: &str = "index.fhrp";
/// The file name of the entities part.
pub const ENTITIES_NAME: &str = "entities.fhrp";
/// The default size of a term part, in posting bytes before compression.
pub const TERM_PART_BYTES: usize = 4096;

/// One file of an index in parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Its path relative to the manifest's folder (`index.fhrp`,
    /// `t/3.fhrp`, `p/3.fhrp`, `d/17.fhrp`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

fn header(kind: u8, stamp: u32, number: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&PARTS_MAGIC);
    out.extend_from_slice(&PARTS_VERSION.to_le_bytes());
    out.push(kind);
    out.extend_from_slice(&stamp.to_le_bytes());
    put_u32(&mut out, number);
    out
}

fn seal(mut out: Vec<u8>) -> Vec<u8> {
    let crc = crc::crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Appends `term` front-coded on `prev`.
fn put_front(out: &mut Vec<u8>, prev: &str, term: &str) {
    let shared = prev.bytes().zip(term.bytes()).take_while(|(a, b)| a == b).count();
    put_u32(out, shared as u32);
    put_bytes(out, &term.as_bytes()[shared..]);
}

fn read_front(r: &mut Reader<'_>, prev: &str) -> crate::Result<String> {
    let shared = r.u32()? as usize;
    let rest = r.bytes()?;
    let head = prev.as_bytes().get(..shared).ok_or_else(|| Error::corrupt("bad front coding"))?;
    let mut bytes = Vec::with_capacity(shared + rest.len());
    bytes.extend_from_slice(head);
    bytes.extend_from_slice(rest);
    String::from_utf8(bytes).map_err(|_| Error::corrupt("a term is not UTF-8"))
}

/// A list renumbered with `remap` (a permutation of live documents),
/// re-sorted by the new numbers.
fn renumbered(list: &TermPostings, remap: &[u32], with_positions: bool) -> TermPostings {
    let mut cursor = 0usize;
    let mut entries: Vec<(u32, Posting, Vec<u32>)> = Vec::with_capacity(list.len as usize);
    for p in list.iter() {
        let mut pos = Vec::new();
        if with_positions {
            read_positions(&list.positions, &mut cursor, p.tf(), &mut pos);
        }
        if let Some(&new) = remap.get(p.doc as usize).filter(|&&n| n != u32::MAX) {
            entries.push((new, p, pos));
        }
    }
    entries.sort_unstable_by_key(|e| e.0);
    let mut out = TermPostings::default();
    for (doc, p, pos) in entries {
        out.push(Posting { doc, ..p }, &pos);
    }
    out
}

impl Index {
    /// Splits the index into parts for static hosting, with term parts of
    /// about [`TERM_PART_BYTES`]. See [`Index::to_parts_with`].
    pub fn to_parts(&self) -> Vec<Part> {
        self.to_parts_with(TERM_PART_BYTES)
    }

    /// Splits the index into parts for static hosting: the manifest
    /// ([`MANIFEST_NAME`]), term parts of about `term_part_bytes` posting
    /// bytes each, their positions apart, and one part per document. A
    /// reader opens the manifest with [`Index::from_manifest`] and fetches
    /// the rest as [`Index::needed_parts`] says. Removed documents are left
    /// out. The entity table and each document's entities are one more
    /// part, fetched by the first query with `entity:` or `type:` filters
    /// or entity facets; a name in a query matches the gazetteer's
    /// spellings only (not the collection's, as a whole index does).
    pub fn to_parts_with(&self, term_part_bytes: usize) -> Vec<Part> {
        // Live documents in id order.
        let mut live: Vec<(u32, &str)> = self.store.iter().map(|(n, d)| (n, d.id())).collect();
        live.sort_unstable_by(|a, b| a.1.cmp(b.1));
        let mut remap = vec![u32::MAX; self.store.slots() as usize];
        for (new, &(old, _)) in live.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let identity = remap.iter().enumerate().all(|(i, &n)| n == i as u32);
        let relist = |list: &TermPostings, positions: bool| -> Option<TermPostings> {
            (!identity).then(|| renumbered(list, &remap, positions))
        };

        // Every term string with its surface and stem ids, sorted.
        let mut strings: Vec<(&str, Option<u32>, Option<u32>)> = Vec::new();
        {
            let mut all: Vec<(&str, u8, u32)> = Vec::new();
            for (vocab, kind) in [(&self.surface, 0u8), (&self.stems, 1)] {
                for id in 0..vocab.lists.len() as u32 {
                    if vocab.lists[id as usize].df > 0 {
                        all.push((vocab.dict.term(id), kind, id));
                    }
                }
            }
            all.sort_unstable();
            for (term, kind, id) in all {
                match strings.last_mut() {
                    Some(last) if last.0 == term => last.2 = Some(id),
                    _ if kind == 0 => strings.push((term, Some(id), None)),
                    _ => strings.push((term, None, Some(id))),
                }
            }
        }

        // Cut into ranges of about `term_part_bytes`.
        let size = |&(t, s, st): &(&str, Option<u32>, Option<u32>)| {
            t.len()
                + s.map_or(0, |id| self.surface.lists[id as usize].docs.len())
                + st.map_or(0, |id| self.stems.lists[id as usize].docs.len())
        };
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        let (mut start, mut bytes) = (0usize, 0usize);
        for (i, entry) in strings.iter().enumerate() {
            if i > start && bytes + size(entry) > term_part_bytes.max(1) {
                ranges.push(start..i);
                start = i;
                bytes = 0;
            }
            bytes += size(entry);
        }
        if start < strings.len() {
            ranges.push(start..strings.len());
        }

        // The manifest's payload, whose CRC is the stamp of every part.
        let mut m = Vec::new();
        write_options(&mut m, &self.options, true, self.options.positions);
        let mut sources: Vec<&str> = Vec::new();
        let mut dates: Vec<&str> = Vec::new();
        for d in live.iter().filter_map(|&(n, _)| self.store.get(n)) {
            sources.extend(d.source());
            dates.extend(d.date());
        }
        for table in [&mut sources, &mut dates] {
            table.sort_unstable();
            table.dedup();
        }
        for table in [&sources, &dates] {
            put_u32(&mut m, table.len() as u32);
            for s in table.iter() {
                put_bytes(&mut m, s.as_bytes());
            }
        }
        let index_of = |table: &[&str], v: Option<&str>| {
            v.and_then(|v| table.binary_search(&v).ok()).map_or(0, |i| i as u32 + 1)
        };
        put_u32(&mut m, live.len() as u32);
        for &(old, _) in &live {
            let (lt, lb) = self.store.lengths(old).unwrap_or((0, 0));
            let original = self.store.copy_of(old).map_or(0, |o| remap[o as usize].wrapping_add(1));
            let d = self.store.get(old);
            put_u32(&mut m, lt);
            put_u32(&mut m, lb);
            put_u32(&mut m, original);
            put_u32(&mut m, index_of(&sources, d.and_then(DocRef::source)));
            put_u32(&mut m, index_of(&dates, d.and_then(DocRef::date)));
        }
        put_u32(&mut m, ranges.len() as u32);
        let mut prev = "";
        for r in &ranges {
            let first = strings[r.start].0;
            put_front(&mut m, prev, first);
            prev = first;
            let has_positions =
                self.options.positions && strings[r.clone()].iter().any(|e| e.1.is_some());
            m.push(u8::from(has_positions));
        }
        let with_entities = self.options.entities && !self.entities.spellings.is_empty();
        m.push(u8::from(with_entities));
        let stamp = crc::crc32(&m);
        let mut manifest = header(b'M', stamp, 0);
        manifest.extend_from_slice(&m);
        let mut parts = vec![Part { name: MANIFEST_NAME.to_string(), bytes: seal(manifest) }];

        for (k, r) in ranges.iter().enumerate() {
            let entries = &strings[r.clone()];
            let mut t = header(b'T', stamp, k as u32);
            put_u32(&mut t, entries.len() as u32);
            let mut prev = "";
            let mut positions: Vec<(&str, Vec<u8>)> = Vec::new();
            for &(term, s, st) in entries {
                put_front(&mut t, prev, term);
                prev = term;
                t.push(u8::from(s.is_some()) | u8::from(st.is_some()) << 1);
                for (vocab, id, surface) in [(&self.surface, s, true), (&self.stems, st, false)] {
                    let Some(id) = id else { continue };
                    let original = &vocab.lists[id as usize];
                    let rewritten = relist(original, surface);
                    let list = rewritten.as_ref().unwrap_or(original);
                    for v in [list.df, list.len, list.last_doc] {
                        put_u32(&mut t, v);
                    }
                    put_bytes(&mut t, &list.docs);
                    if surface && self.options.positions {
                        positions.push((term, list.positions.to_vec()));
                    }
                }
            }
            parts.push(Part { name: format!("t/{k}.fhrp"), bytes: seal(t) });
            if !positions.is_empty() {
                let mut p = header(b'P', stamp, k as u32);
                put_u32(&mut p, positions.len() as u32);
                let mut prev = "";
                for (term, bytes) in &positions {
                    put_front(&mut p, prev, term);
                    prev = term;
                    put_bytes(&mut p, bytes);
                }
                parts.push(Part { name: format!("p/{k}.fhrp"), bytes: seal(p) });
            }
        }

        if with_entities {
            let live_pairs =
                live.iter().filter_map(|&(n, _)| self.store.get(n)).map(DocRef::entities);
            let (table, spelling_remap) = self.entities.compacted(live_pairs);
            let mut e = header(b'E', stamp, 0);
            write_entities(&mut e, &table);
            for &(n, _) in &live {
                let pairs = self.store.get(n).map_or(&[][..], DocRef::entities);
                put_u32(&mut e, pairs.len() as u32);
                for &(sp, count) in pairs {
                    put_u32(&mut e, spelling_remap.get(sp as usize).copied().unwrap_or(0));
                    put_u32(&mut e, count);
                }
            }
            parts.push(Part { name: ENTITIES_NAME.to_string(), bytes: seal(e) });
        }

        let docs = live.iter().filter_map(|&(n, _)| self.store.get(n));
        for (n, d) in docs.enumerate() {
            let mut out = header(b'D', stamp, n as u32);
            for field in [d.id(), d.title(), &d.text()] {
                put_bytes(&mut out, field.as_bytes());
            }
            for field in [d.url(), d.date(), d.source(), d.place()] {
                put_opt(&mut out, field);
            }
            put_u32(&mut out, d.removed().len() as u32);
            for r in d.removed() {
                put_bytes(&mut out, r.text.as_bytes());
                out.push(r.reason as u8);
                put_u32(&mut out, r.before);
            }
            put_opt(&mut out, d.duplicate_of());
            parts.push(Part { name: format!("d/{n}.fhrp"), bytes: seal(out) });
        }
        parts
    }

    /// Opens an index in parts from its manifest ([`MANIFEST_NAME`], made
    /// by [`Index::to_parts`]). The index knows every document's field
    /// lengths, source and date, and nothing else yet: it is read-only,
    /// and [`Index::needed_parts`] says what a query needs loaded.
    ///
    /// # Errors
    /// As [`Index::from_bytes`], for the manifest's bytes.
    pub fn from_manifest(bytes: &[u8]) -> crate::Result<Index> {
        let (mut r, kind, stamp, _) = open(bytes)?;
        if kind != b'M' {
            return Err(Error::corrupt("this part is not the manifest (index.fhrp)"));
        }
        let body_start = r.pos;
        let options = read_options(&mut r, FORMAT_VERSION)?;
        let mut tables: [Vec<String>; 2] = Default::default();
        for table in &mut tables {
            let n = r.u32()?;
            for _ in 0..n.min(1 << 24) {
                table.push(r.string()?);
            }
        }
        let [sources, dates] = tables;
        let count = r.u32()?;
        let mut index = Index::new(options);
        for _ in 0..count {
            let (lt, lb, original) = (r.u32()?, r.u32()?, r.u32()?);
            let pick = |table: &[String], i: u32| -> crate::Result<Option<String>> {
                match i {
                    0 => Ok(None),
                    i => table.get(i as usize - 1).cloned().map(Some).ok_or_else(|| {
                        Error::corrupt("a document names an unknown source or date")
                    }),
                }
            };
            let source = pick(&sources, r.u32()?)?;
            let date = pick(&dates, r.u32()?)?;
            if original > count {
                return Err(Error::corrupt("a document's original is out of range"));
            }
            let doc = Document { source, date, ..Document::default() };
            let copy_of = original.wrapping_sub(1);
            index.store.push_unloaded(&doc, (lt, lb), copy_of);
        }
        let k = r.u32()?;
        let mut bounds: Vec<String> = Vec::new();
        let mut has_positions = Vec::new();
        for _ in 0..k {
            let prev = bounds.last().map_or("", String::as_str);
            let term = read_front(&mut r, prev)?;
            if bounds.last().is_some_and(|p| p.as_str() >= term.as_str()) {
                return Err(Error::corrupt("term parts are out of order"));
            }
            bounds.push(term);
            has_positions.push(r.byte()? == 1);
        }
        let with_entities = r.byte()? == 1;
        if r.pos != r.bytes.len() {
            return Err(Error::corrupt("unexpected bytes after the term parts"));
        }
        if crc::crc32(&r.bytes[body_start..]) != stamp {
            return Err(Error::corrupt("the manifest's stamp does not match its content"));
        }
        let mut parts = Parts::new(stamp, bounds, has_positions, count);
        parts.has_entities = with_entities;
        index.parts = Some(Box::new(parts));
        Ok(index)
    }

    /// Loads one part fetched for an index opened with
    /// [`Index::from_manifest`] (`name` as given by
    /// [`Index::needed_parts`]). Loading a part twice changes nothing.
    ///
    /// # Errors
    /// When the index is not in parts, `name` is no part of it, or the
    /// bytes are not that part of this build (another build's part, a
    /// damaged or truncated file); the index is unchanged then.
    pub fn load_part(&mut self, name: &str, bytes: &[u8]) -> crate::Result<()> {
        let Some(stamp) = self.parts.as_ref().map(|p| p.stamp) else {
            return Err(Error::new(ErrorKind::Document {
                reason: "this index was not opened from a manifest; it has no parts".to_string(),
            }));
        };
        let (mut r, kind, got_stamp, number) = open(bytes)?;
        let expected = match (kind, name.split_once('/')) {
            (b'T', Some(("t", f))) | (b'P', Some(("p", f))) | (b'D', Some(("d", f))) => {
                f.strip_suffix(".fhrp").and_then(|n| n.parse::<u32>().ok())
            }
            (b'E', None) if name == ENTITIES_NAME => Some(0),
            _ => None,
        };
        if expected != Some(number) {
            return Err(Error::corrupt(format!(
                "the bytes given for part {name} are another part"
            )));
        }
        if got_stamp != stamp {
            return Err(Error::corrupt(format!(
                "part {name} belongs to another build of the collection"
            )));
        }
        let loaded = self.parts.as_ref().and_then(|p| {
            let of = match kind {
                b'T' => &p.terms,
                b'P' => &p.positions,
                b'E' => return p.has_entities.then_some(p.entities),
                _ => &p.docs,
            };
            of.get(number as usize).copied()
        });
        match loaded {
            None => return Err(Error::corrupt(format!("part {name} is out of range"))),
            Some(true) => return Ok(()), // loaded before
            Some(false) => {}
        }
        let docs = self.store.slots();
        match kind {
            b'T' => self.load_terms(&mut r, number, docs)?,
            b'P' => self.load_positions(&mut r, number)?,
            b'E' => self.load_entities(&mut r, docs)?,
            _ => self.load_doc(&mut r, number)?,
        }
        if r.pos != r.bytes.len() {
            return Err(Error::corrupt(format!("unexpected bytes at the end of part {name}")));
        }
        Ok(())
    }

    fn load_terms(&mut self, r: &mut Reader<'_>, k: u32, docs: u32) -> crate::Result<()> {
        // Read everything first, so a bad part leaves the index unchanged.
        let mut read: Vec<(String, Option<TermPostings>, Option<TermPostings>)> = Vec::new();
        let count = r.u32()?;
        let mut prev = String::new();
        for _ in 0..count {
            let term = read_front(r, &prev)?;
            let flags = r.byte()?;
            let mut lists = [None, None];
            for (i, slot) in lists.iter_mut().enumerate() {
                if flags & (1 << i) == 0 {
                    continue;
                }
                let (df, len, last_doc) = (r.u32()?, r.u32()?, r.u32()?);
                if df > docs || len > docs || (len > 0 && last_doc >= docs) {
                    return Err(Error::corrupt(format!("term {term:?} has impossible counts")));
                }
                let bytes = r.bytes()?.to_vec();
                *slot = Some(TermPostings {
                    df,
                    len,
                    last_doc,
                    docs: bytes.into(),
                    ..TermPostings::default()
                });
            }
            let [s, st] = lists;
            prev.clone_from(&term);
            read.push((term, s, st));
        }
        for (term, s, st) in read {
            for (vocab, list) in [(&mut self.surface, s), (&mut self.stems, st)] {
                let Some(mut list) = list else { continue };
                let id = vocab.intern(&term) as usize;
                list.positions = std::mem::take(&mut vocab.lists[id].positions);
                vocab.lists[id] = list;
            }
        }
        if let Some(p) = self.parts_mut() {
            p.terms[k as usize] = true;
        }
        self.terms_changed();
        Ok(())
    }

    fn load_positions(&mut self, r: &mut Reader<'_>, k: u32) -> crate::Result<()> {
        let mut read: Vec<(String, Vec<u8>)> = Vec::new();
        let count = r.u32()?;
        let mut prev = String::new();
        for _ in 0..count {
            let term = read_front(r, &prev)?;
            let bytes = r.bytes()?.to_vec();
            prev.clone_from(&term);
            read.push((term, bytes));
        }
        for (term, bytes) in read {
            let id = self.surface.intern(&term) as usize;
            self.surface.lists[id].positions = bytes.into();
        }
        if let Some(p) = self.parts_mut() {
            p.positions[k as usize] = true;
        }
        self.terms_changed();
        Ok(())
    }

    fn load_entities(&mut self, r: &mut Reader<'_>, docs: u32) -> crate::Result<()> {
        let table = read_entities(r)?;
        let spellings = table.spellings.len() as u32;
        let mut all = Vec::with_capacity(docs as usize);
        for _ in 0..docs {
            let pairs = read_pairs(r)?;
            if pairs.iter().any(|p| p.0 >= spellings) {
                return Err(Error::corrupt("a document names an unknown entity spelling"));
            }
            all.push(pairs);
        }
        for (n, pairs) in all.into_iter().enumerate() {
            self.store.set_entities(n as u32, &pairs);
        }
        self.entities = table;
        if let Some(p) = self.parts_mut() {
            p.entities = true;
        }
        Ok(())
    }

    fn load_doc(&mut self, r: &mut Reader<'_>, n: u32) -> crate::Result<()> {
        let id = r.string()?;
        let (title, text) = (r.string()?, r.string()?);
        let (url, date, source, place) = (r.opt()?, r.opt()?, r.opt()?, r.opt()?);
        let removed = read_removed(r)?;
        let duplicate_of = r.opt()?;
        if id.trim().is_empty() {
            return Err(Error::corrupt(format!("document part {n} has no id")));
        }
        // The token map, which the part leaves out: the body analysed again.
        let mut map = Vec::new();
        let mut prev_end = 0;
        let Index { analyzer, surface, .. } = self;
        analyzer.for_each_token(&text, |t| {
            tokens::push(&mut map, &mut prev_end, surface.intern(t.term), t.span);
        });
        let doc = Document { id, title, text, url, date, source, place, removed, duplicate_of };
        if !self.store.fill(n, doc, &map) {
            return Err(Error::corrupt(format!("document part {n} repeats another's id")));
        }
        if let Some(p) = self.parts_mut() {
            p.docs[n as usize] = true;
        }
        self.terms_changed();
        Ok(())
    }
}

/// Checks a part's magic, version and checksum; returns a reader after
/// its header, its kind, stamp and number.
fn open(bytes: &[u8]) -> crate::Result<(Reader<'_>, u8, u32, u32)> {
    let crc = |_, b: &[u8]| crc::crc32(b);
    let (_, mut r) = checked(bytes, PARTS_MAGIC, 18, &[PARTS_VERSION], PARTS_VERSION, crc)?;
    let kind = r.byte()?;
    let stamp = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| Error::corrupt("no stamp"))?);
    let number = r.u32()?;
    if !matches!(kind, b'M' | b'T' | b'P' | b'D' | b'E') {
        return Err(Error::corrupt("unknown kind of part"));
    }
    Ok((r, kind, stamp, number))
}
