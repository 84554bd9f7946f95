//! SERIALIZATION: the one definition of the index file format, used by the
//! CLI (writer) and the wasm build (reader) alike.
//!
//! Layout (all integers LEB128 unless noted):
//!
//! ```text
//! MAGIC "FHRS" | FORMAT_VERSION (u32 LE) | payload | checksum of all before (u32 LE:
//!   the low 32 bits of XXH64 since version 4, CRC-32 before)
//! payload:
//!   options: flags byte (bit 0 fold_hamza, 1 fold_alef_maksura,
//!            2 fold_teh_marbuta, 3 stem, 4 entities [version 3], 5 bodies
//!            left out [version 3]: texts, token maps and removed lines
//!            are empty, 6 positions left out [version 4]: every positions
//!            field is empty), then k1 b title body stem prefix
//!            phrase as f32 LE
//!   documents: count, [since version 5:] the bytes of their strings and
//!              of their token maps (two u32 LE: room the reader makes up
//!              front; since version 6 three: strings but bodies, packed
//!              bodies, token maps), [since version 7:] the bodies' codes:
//!              one byte, 1 when there are codes, then 4 × 256 code
//!              lengths (one byte each: by context, then by byte; see
//!              `codec::huffman`), then per document: id title (strings),
//!              text (a string; since version 6 bytes: the body packed,
//!              one byte per Arabic letter, see `index::packed`; since
//!              version 7 as the store keeps it: its packed length, then
//!              the packed bytes or fewer bytes coded with the codes),
//!              url date source place (optional strings), title_len body_len,
//!              token map (bytes; surface term ids as written below;
//!              since version 8 per token the term id and one byte with
//!              the gap before it and its length, see `index::tokens`,
//!              before three values),
//!              [since version 2:] removed lines: count, then per line
//!              text (string), reason (one byte, the index in
//!              RemovalReason::ALL), before (u32); duplicate_of (optional
//!              string; since version 5 the original's number plus one,
//!              0 for none: an original comes before its copies);
//!              [since version 3:] entity spellings: count,
//!              then per spelling its number in the table below and its
//!              mentions
//!   surface terms: count, then per term: text, df, len, last_doc,
//!                  docs (bytes: per posting the document's gap, then a
//!                  byte with both frequencies, title << 4 | body, or 0x80
//!                  and both; before version 8 gap, title and body
//!                  frequency as three values; see `index::postings`),
//!                  positions (bytes)
//!   stem terms: the same without positions
//!   [since version 3:] entities: count, then per entity key (string),
//!              type (one byte: 0 PER, 1 LOC, 2 ORG), gazetteer form
//!              (optional string); spellings: count, then per spelling
//!              entity number, text (string), nisba (one byte: 1 for a
//!              nisba adjective), mentions
//! strings and bytes: length then content; optional strings: 0 for none,
//! else length + 1 then content.
//! ```
//!
//! Removed documents are left out and the rest renumbered densely; terms no
//! live document uses are left out. Changing anything here means bumping
//! [`FORMAT_VERSION`] and adding a new frozen file under `tests/data/`.
//! Files of the versions in [`READABLE_VERSIONS`] still load (fields they
//! lack are empty).

mod crc;
pub(crate) mod huffman;
pub(crate) mod parts;
pub(crate) mod varint;
mod xxh64;

use crate::analysis::AnalyzerOptions;
use crate::document::{RemovalReason, Removed};
use crate::entity::EntityKind;
use crate::error::{Error, ErrorKind};
use crate::index::entities::EntityTable;
use crate::index::{
    packed, tokens, upgrade_docs, Blobs, DocStore, Index, IndexOptions, NewDoc, Stream,
    TermPostings, Vocabulary,
};
use crate::rank::RankingWeights;
use huffman::{Codes, CLASSES};
use std::sync::Arc;
use varint::{get_u32, put_u32};

/// The first four bytes of every index file.
pub const MAGIC: [u8; 4] = *b"FHRS";
/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 8;
/// The format versions this build reads.
pub const READABLE_VERSIONS: [u32; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
/// The first format version that gives the documents' sizes before them.
const SIZES_SINCE: u32 = 5;
/// The first version with packed bodies.
const PACKED_SINCE: u32 = 6;
/// The first version with bodies as the store keeps them (maybe coded),
/// and their codes.
const CODED_SINCE: u32 = 7;
/// The first version whose posting streams give a posting's frequencies
/// in one byte (see `index::postings`), and whose token maps give a
/// token's gap and length in one byte (see `index::tokens`): older streams
/// and maps are rewritten as they load.
const BYTE_PAIRS_SINCE: u32 = 8;
/// The first format version whose checksum is XXH64 (its low 32 bits)
/// rather than CRC-32.
const XXH64_SINCE: u32 = 4;

/// The checksum of an index file of format `version`.
fn index_checksum(version: u32, bytes: &[u8]) -> u32 {
    if version >= XXH64_SINCE {
        xxh64::xxh64(bytes) as u32
    } else {
        crc::crc32(bytes)
    }
}

/// What [`Index::to_bytes_with`] writes besides the postings, ids, titles,
/// metadata and entities, which it always writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOptions {
    /// The document bodies: their text, token maps (for snippets) and
    /// removed lines. Without them, hits have no body snippet and documents
    /// no text; ranking and filters are the same. Default `true`.
    pub text: bool,
    /// Word positions (phrase search). Without them the loaded index has
    /// [`IndexOptions::positions`] off. Default `true`.
    pub positions: bool,
}

impl Default for SaveOptions {
    fn default() -> SaveOptions {
        SaveOptions { text: true, positions: true }
    }
}

impl Index {
    /// Serializes the index: [`MAGIC`](crate::MAGIC), the
    /// [`FORMAT_VERSION`](crate::FORMAT_VERSION), the options, documents and
    /// posting lists, and a CRC-32 of everything before it (the layout is in
    /// ARCHITECTURE.md). Removed documents are left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_with(&SaveOptions::default())
    }

    /// Serializes the index without the document bodies (their text, token
    /// maps and removed lines): ids, titles, metadata, entities and posting
    /// lists only. Such an index ranks and filters exactly as the full one;
    /// its hits have no body snippets and its documents no text (a site
    /// fetches them apart). Much smaller: the bodies are most of an index.
    ///
    /// ```
    /// use fahras::{Document, Index, SearchOptions};
    ///
    /// let mut index = Index::default();
    /// index.add(Document::new("1", "قمة أستانا", "وصل الزعماء إلى أستانا لبحث الطاقة.")).unwrap();
    /// let small = Index::from_bytes(&index.to_bytes_without_text()).unwrap();
    /// assert_eq!(small.search("الطاقة", &SearchOptions::default()).hits[0].document.id, "1");
    /// assert_eq!(small.document("1").unwrap().text, "");
    /// ```
    pub fn to_bytes_without_text(&self) -> Vec<u8> {
        self.to_bytes_with(&SaveOptions { text: false, ..SaveOptions::default() })
    }

    /// Serializes the index with or without the document bodies and the
    /// word positions. The smallest index that still ranks, filters and
    /// names entities as the full one leaves out both: about a quarter of
    /// the full index on a news collection.
    ///
    /// ```
    /// use fahras::{Document, Index, QueryWarning, SaveOptions, SearchOptions};
    ///
    /// let mut index = Index::default();
    /// index.add(Document::new("1", "قمة أستانا", "بحث الزعماء ملف الطاقة في أستانا.")).unwrap();
    /// let lean = SaveOptions { text: false, positions: false };
    /// let small = Index::from_bytes(&index.to_bytes_with(&lean)).unwrap();
    /// let found = small.search("\"ملف الطاقة\"", &SearchOptions::default());
    /// assert_eq!(found.hits[0].document.id, "1");
    /// assert_eq!(found.warnings, [QueryWarning::PhraseAsWords]);
    /// ```
    pub fn to_bytes_with(&self, save: &SaveOptions) -> Vec<u8> {
        let (bodies, positions) = (save.text, save.positions && self.options.positions);
        let mut out = Vec::with_capacity(self.stats().postings_bytes * 2 + 1024);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        write_options(&mut out, &self.options, bodies, positions);
        let mut remap = vec![u32::MAX; self.store.slots() as usize];
        let live_terms = |v: &Vocabulary| -> Vec<u32> {
            (0..v.lists.len() as u32).filter(|&i| v.lists[i as usize].df > 0).collect()
        };
        let (live_surface, live_stems) = (live_terms(&self.surface), live_terms(&self.stems));
        let mut term_remap = vec![u32::MAX; self.surface.lists.len()];
        for (new, &old) in live_surface.iter().enumerate() {
            term_remap[old as usize] = new as u32;
        }
        let renumbered = live_surface.len() != self.surface.lists.len();
        let (table, spelling_remap) =
            self.entities.compacted(self.store.iter().map(|(_, d)| d.entities()));
        put_u32(&mut out, self.store.live() as u32);
        // The documents' sizes, known once they are written.
        let sizes_at = out.len();
        out.extend_from_slice(&[0; 12]);
        match self.store.codes().filter(|_| bodies) {
            Some(codes) => {
                out.push(1);
                out.extend(codes.lengths().iter().flatten());
            }
            None => out.push(0),
        }
        let (mut text_bytes, mut packed_bytes, mut token_bytes) = (0usize, 0usize, 0usize);
        for (new, (old, d)) in self.store.iter().enumerate() {
            remap[old as usize] = new as u32;
            let packed = if bodies { d.packed_text() } else { &[] };
            for field in [d.id().as_bytes(), d.title().as_bytes(), packed] {
                put_bytes(&mut out, field);
            }
            packed_bytes += packed.len();
            for field in [d.url(), d.date(), d.source(), d.place()] {
                put_opt(&mut out, field);
            }
            let (title_len, body_len) = d.lengths();
            put_u32(&mut out, title_len);
            put_u32(&mut out, body_len);
            let remapped;
            let map = if !bodies {
                &[][..]
            } else if renumbered {
                remapped = tokens::remapped(d.tokens(), &term_remap);
                &remapped
            } else {
                d.tokens()
            };
            put_bytes(&mut out, map);
            token_bytes += map.len();
            text_bytes += [d.id(), d.title()].iter().map(|f| f.len()).sum::<usize>()
                + [d.url(), d.date(), d.source(), d.place(), d.duplicate_of()]
                    .iter()
                    .map(|f| f.map_or(0, str::len))
                    .sum::<usize>();
            let removed = if bodies { d.removed() } else { &[] };
            put_u32(&mut out, removed.len() as u32);
            for r in removed {
                put_bytes(&mut out, r.text.as_bytes());
                out.push(r.reason as u8);
                put_u32(&mut out, r.before);
            }
            // (An original's number is lower than its copies', so it is
            // renumbered already.)
            let original = self.store.copy_of(old).map(|o| remap[o as usize]);
            put_u32(&mut out, original.map_or(0, |o| o.wrapping_add(1)));
            put_u32(&mut out, d.entities().len() as u32);
            for &(sp, n) in d.entities() {
                put_u32(&mut out, spelling_remap.get(sp as usize).copied().unwrap_or(0));
                put_u32(&mut out, n);
            }
        }
        let clip = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
        out[sizes_at..sizes_at + 4].copy_from_slice(&clip(text_bytes));
        out[sizes_at + 4..sizes_at + 8].copy_from_slice(&clip(packed_bytes));
        out[sizes_at + 8..sizes_at + 12].copy_from_slice(&clip(token_bytes));
        let compacted = self.store.removed() > 0;
        for (vocab, live, with_positions) in
            [(&self.surface, live_surface, true), (&self.stems, live_stems, false)]
        {
            put_u32(&mut out, live.len() as u32);
            for id in live {
                let original = &vocab.lists[id as usize];
                let rewritten;
                let list = if compacted {
                    rewritten = original.remapped(&remap);
                    &rewritten
                } else {
                    original
                };
                put_bytes(&mut out, vocab.dict.term(id).as_bytes());
                for v in [list.df, list.len, list.last_doc] {
                    put_u32(&mut out, v);
                }
                put_bytes(&mut out, &list.docs);
                if with_positions {
                    put_bytes(&mut out, if positions { &list.positions } else { &[] });
                }
            }
        }
        write_entities(&mut out, &table);
        let sum = index_checksum(FORMAT_VERSION, &out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads an index written by [`Index::to_bytes`].
    ///
    /// # Errors
    /// [`ErrorKind::NotAnIndex`], [`ErrorKind::Version`],
    /// [`ErrorKind::Truncated`], [`ErrorKind::Checksum`] or
    /// [`ErrorKind::Corrupt`]; never panics, whatever the bytes.
    pub fn from_bytes(bytes: &[u8]) -> crate::Result<Index> {
        Index::read(bytes, None)
    }

    /// Reads an index written by [`Index::to_bytes`] like
    /// [`Index::from_bytes`], in place: `bytes` then holds the position
    /// lists (format 6 or later), the posting lists and the documents'
    /// bodies and token maps (format 8), which are read where they are.
    /// Loading copies none of them, and the index holds the whole file until it
    /// is compacted after a removal (a list that grows takes its bytes for
    /// its own first).
    ///
    /// # Errors
    /// As [`Index::from_bytes`].
    pub fn from_vec(bytes: Vec<u8>) -> crate::Result<Index> {
        let file = Arc::new(bytes);
        Index::read(&file, Some(&file))
    }

    /// Reads an index; with `file` (the same bytes, shared), a file of
    /// format 6 or later is read in place: the documents' bodies and token
    /// maps (`Blobs::InPlace`, format 8) and the posting (format 8) and
    /// position streams (`Stream::in_file`) stay where they are in it.
    fn read(bytes: &[u8], file: Option<&Arc<Vec<u8>>>) -> crate::Result<Index> {
        let (version, mut r) =
            checked(bytes, MAGIC, 12, &READABLE_VERSIONS, FORMAT_VERSION, index_checksum)?;
        let options = read_options(&mut r, version)?;
        let count = r.u32()?;
        let mut store = DocStore::default();
        // Room for the documents as the file says, never beyond the input
        // (each document takes at least 13 bytes).
        let (text_bytes, packed_bytes, token_bytes) = match version {
            PACKED_SINCE.. => (r.u32_le()?, r.u32_le()?, r.u32_le()?),
            SIZES_SINCE.. => {
                // UTF-8 bodies: packed, Arabic takes about half.
                let (text, tokens) = (r.u32_le()?, r.u32_le()?);
                (text / 8, text / 2, tokens)
            }
            _ => (0, 0, 0),
        };
        let codes = if version >= CODED_SINCE && r.byte()? == 1 {
            let mut lengths = [[0u8; 256]; CLASSES];
            for l in lengths.iter_mut().flatten() {
                *l = r.byte()?;
            }
            let codes = Codes::from_lengths(&lengths)
                .ok_or_else(|| Error::corrupt("the bodies' codes are not a complete code"))?;
            Some(codes)
        } else {
            None
        };
        let coded = codes.is_some();
        store.set_codes(codes);
        let file = file.filter(|_| version >= PACKED_SINCE);
        let blob_bytes = packed_bytes as usize + token_bytes as usize;
        // (Bodies of version 6, packed only, are copied in to be coded,
        // and the token maps before version 8 to be written anew.)
        let in_place = file.is_some() && version >= BYTE_PAIRS_SINCE;
        let room = |n: usize| n.min(r.bytes.len());
        store.reserve(
            (count as usize).min(r.bytes.len() / 13),
            room(text_bytes as usize),
            if in_place { 0 } else { room(blob_bytes) },
        );
        let (mut pairs, mut original_id) = (Vec::new(), String::new());
        for num in 0..count {
            let (id, title) = (r.str()?, r.str()?);
            let (text, body) = if version >= PACKED_SINCE {
                let body = r.range()?;
                let bytes = &r.bytes[body.clone()];
                let good = if version >= CODED_SINCE {
                    packed::check_stored(bytes, coded)
                } else {
                    packed::check(bytes)
                };
                if !good {
                    return Err(Error::corrupt("a document's body is not packed text"));
                }
                (None, Some(body))
            } else {
                (Some(r.str()?), None)
            };
            let (url, date, source, place) =
                (r.opt_str()?, r.opt_str()?, r.opt_str()?, r.opt_str()?);
            let lengths = (r.u32()?, r.u32()?);
            let tokens = r.range()?;
            let upgraded;
            let map = if version >= BYTE_PAIRS_SINCE {
                &r.bytes[tokens.clone()]
            } else {
                upgraded = tokens::upgrade(&r.bytes[tokens.clone()]);
                &upgraded[..]
            };
            let blobs = match body {
                Some(body) if in_place => Blobs::InPlace { body, tokens },
                Some(body) if version >= CODED_SINCE => {
                    Blobs::Stored { body: &r.bytes[body], tokens: map }
                }
                Some(body) => Blobs::Packed { body: &r.bytes[body], tokens: map },
                None => Blobs::Text(map),
            };
            let removed = if version >= 2 { read_removed(&mut r)? } else { Vec::new() };
            let (duplicate_of, original) = match version {
                ..=1 => (None, None),
                2..SIZES_SINCE => (r.opt_str()?, None),
                _ => match r.u32()?.checked_sub(1) {
                    None => (None, None),
                    Some(o) if o < num => {
                        original_id.clear();
                        original_id.push_str(store.get(o).map_or("", |d| d.id()));
                        (Some(original_id.as_str()), Some(o))
                    }
                    Some(_) => {
                        return Err(Error::corrupt("a document's original does not come before it"))
                    }
                },
            };
            pairs.clear();
            if version >= 3 {
                read_pairs_into(&mut r, &mut pairs)?;
            }
            let fields = [Some(id), Some(title), text, url, date, source, place, duplicate_of];
            // (One lookup of the id: a second document with it is found
            // as it is added.)
            let new = NewDoc { fields, blobs, original, removed, lengths, entities: &pairs };
            if let (_, true) = store.push(new) {
                return Err(Error::corrupt(format!("document id {id:?} appears twice")));
            }
        }
        if let Some(file) = file.filter(|_| in_place) {
            store.adopt(Arc::clone(file));
        }
        let surface = read_vocab(&mut r, true, count, file, version)?;
        let stems = read_vocab(&mut r, false, count, file, version)?;
        let table = if version >= 3 { read_entities(&mut r)? } else { EntityTable::default() };
        if r.pos != r.bytes.len() {
            return Err(Error::corrupt("unexpected bytes after the entities"));
        }
        let spellings = table.spellings.len() as u32;
        if store.all_entity_pairs().iter().any(|p| p.0 >= spellings) {
            return Err(Error::corrupt("a document names an unknown entity spelling"));
        }
        let mut index = Index::new(options);
        index.store = store;
        index.surface = surface;
        index.stems = stems;
        index.entities = table;
        if version < 3 && index.options.entities {
            index.recognize_all();
        }
        Ok(index)
    }
}

/// Checks a file's magic, its length (at least `min_len` bytes), its
/// format version (one of `readable`; `current` is the one written) and
/// its checksum (`checksum(version, bytes)`); returns the version and a
/// reader over the bytes before the checksum, just after the version.
fn checked<'a>(
    bytes: &'a [u8],
    magic: [u8; 4],
    min_len: usize,
    readable: &[u32],
    current: u32,
    checksum: fn(u32, &[u8]) -> u32,
) -> crate::Result<(u32, Reader<'a>)> {
    if bytes.len() < 4 || bytes[..4] != magic {
        return Err(Error::new(if magic.starts_with(bytes) && !bytes.is_empty() {
            ErrorKind::Truncated
        } else {
            ErrorKind::NotAnIndex
        }));
    }
    if bytes.len() < min_len {
        return Err(Error::new(ErrorKind::Truncated));
    }
    let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if !readable.contains(&version) {
        return Err(Error::new(ErrorKind::Version { expected: current, got: version }));
    }
    let (body, tail) = bytes.split_at(bytes.len() - 4);
    if checksum(version, body) != u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) {
        return Err(Error::new(ErrorKind::Checksum));
    }
    Ok((version, Reader { bytes: body, pos: 8 }))
}

fn write_options(out: &mut Vec<u8>, o: &IndexOptions, bodies: bool, positions: bool) {
    let a = &o.analyzer;
    let flags = u8::from(a.fold_hamza)
        | u8::from(a.fold_alef_maksura) << 1
        | u8::from(a.fold_teh_marbuta) << 2
        | u8::from(a.stem) << 3
        | u8::from(o.entities) << 4
        | u8::from(!bodies) << 5
        | u8::from(!positions) << 6;
    out.push(flags);
    let w = &o.ranking;
    for v in [w.k1, w.b, w.title, w.body, w.stem, w.prefix, w.phrase] {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn read_options(r: &mut Reader<'_>, version: u32) -> crate::Result<IndexOptions> {
    let flags = r.byte()?;
    let known = match version {
        ..=2 => 0x0F,
        3 => 0x3F,
        _ => 0x7F,
    };
    if flags > known {
        return Err(Error::corrupt("unknown option flags"));
    }
    let analyzer = AnalyzerOptions {
        fold_hamza: flags & 1 != 0,
        fold_alef_maksura: flags & 2 != 0,
        fold_teh_marbuta: flags & 4 != 0,
        stem: flags & 8 != 0,
    };
    let mut f = [0f32; 7];
    for v in &mut f {
        *v = r.f32()?;
        if !v.is_finite() {
            return Err(Error::corrupt("a ranking weight is not a finite number"));
        }
    }
    let [k1, b, title, body, stem, prefix, phrase] = f;
    let ranking = RankingWeights { k1, b, title, body, stem, prefix, phrase };
    // Before version 3, entities were not stored; they are read again.
    let entities = version < 3 || flags & 16 != 0;
    Ok(IndexOptions { analyzer, ranking, entities, positions: flags & 64 == 0 })
}

fn write_entities(out: &mut Vec<u8>, table: &EntityTable) {
    put_u32(out, table.entities.len() as u32);
    for e in &table.entities {
        put_bytes(out, e.key.as_bytes());
        out.push(match e.kind {
            EntityKind::Per => 0,
            EntityKind::Loc => 1,
            _ => 2,
        });
        put_opt(out, e.canonical.as_deref());
    }
    put_u32(out, table.spellings.len() as u32);
    for s in &table.spellings {
        put_u32(out, s.entity);
        put_bytes(out, s.text.as_bytes());
        out.push(u8::from(s.nisba));
        put_u32(out, s.mentions.min(u64::from(u32::MAX)) as u32);
    }
}

fn read_entities(r: &mut Reader<'_>) -> crate::Result<EntityTable> {
    let mut table = EntityTable::default();
    let count = r.u32()?;
    for n in 0..count {
        let key = r.string()?;
        let kind = match r.byte()? {
            0 => EntityKind::Per,
            1 => EntityKind::Loc,
            2 => EntityKind::Org,
            _ => return Err(Error::corrupt("unknown entity type")),
        };
        let canonical = r.opt()?;
        if table.entity(&key, kind, canonical.as_deref()) != n {
            return Err(Error::corrupt(format!("entity {key:?} appears twice")));
        }
    }
    let spellings = r.u32()?;
    for n in 0..spellings {
        let entity = r.u32()?;
        let text = r.string()?;
        let nisba = r.byte()? != 0;
        let mentions = r.u32()?;
        if entity >= count {
            return Err(Error::corrupt("a spelling names an unknown entity"));
        }
        if table.spelling(entity, &text, nisba) != n {
            return Err(Error::corrupt(format!("spelling {text:?} appears twice")));
        }
        table.spellings[n as usize].mentions = u64::from(mentions);
    }
    Ok(table)
}

fn read_pairs(r: &mut Reader<'_>) -> crate::Result<Vec<(u32, u32)>> {
    let mut pairs = Vec::new();
    read_pairs_into(r, &mut pairs)?;
    Ok(pairs)
}

/// Appends a document's entity pairs to `pairs`.
fn read_pairs_into(r: &mut Reader<'_>, pairs: &mut Vec<(u32, u32)>) -> crate::Result<()> {
    let count = r.u32()? as usize;
    // Each pair takes at least two bytes.
    pairs.reserve(count.min(r.bytes.len() / 2));
    for _ in 0..count {
        pairs.push((r.u32()?, r.u32()?));
    }
    Ok(())
}

fn read_removed(r: &mut Reader<'_>) -> crate::Result<Vec<Removed>> {
    let count = r.u32()? as usize;
    // Each line takes at least three bytes: no allocation beyond the input.
    let mut removed = Vec::with_capacity(count.min(r.bytes.len() / 3));
    for _ in 0..count {
        let text = r.string()?;
        let reason = *RemovalReason::ALL
            .get(r.byte()? as usize)
            .ok_or_else(|| Error::corrupt("unknown removal reason"))?;
        removed.push(Removed { text, reason, before: r.u32()? });
    }
    Ok(removed)
}

/// Reads a vocabulary; with `file`, its streams stay in the file (those of
/// posting lists from before [`BYTE_PAIRS_SINCE`] are rewritten).
fn read_vocab(
    r: &mut Reader<'_>,
    with_positions: bool,
    docs: u32,
    file: Option<&Arc<Vec<u8>>>,
    version: u32,
) -> crate::Result<Vocabulary> {
    let count = r.u32()?;
    // Each term takes at least six bytes: no room reserved beyond the input.
    let left = r.bytes.len() - r.pos;
    let terms = (count as usize).min(left / 6);
    let mut vocab = Vocabulary::with_capacity(terms, terms * 12);
    for _ in 0..count {
        let term = str_of(r.bytes()?)?;
        let id = vocab.intern(term);
        if id as usize + 1 != vocab.lists.len() {
            return Err(Error::corrupt(format!("term {term:?} appears twice")));
        }
        let (df, len, last_doc) = (r.u32()?, r.u32()?, r.u32()?);
        if df > docs || len > docs || (len > 0 && last_doc >= docs) {
            return Err(Error::corrupt(format!("term {term:?} has impossible counts")));
        }
        let stream = |r: &mut Reader<'_>| -> crate::Result<Stream> {
            Ok(match file {
                Some(file) => {
                    let at = r.pos;
                    Stream::in_file(file, at, r.range()?)
                }
                None => r.bytes()?.to_vec().into(),
            })
        };
        let docs_bytes =
            if version >= BYTE_PAIRS_SINCE { stream(r)? } else { upgrade_docs(r.bytes()?).into() };
        let positions = if with_positions { stream(r)? } else { Stream::default() };
        vocab.lists[id as usize] = TermPostings {
            df,
            len,
            last_doc,
            docs: docs_bytes,
            positions,
            ..TermPostings::default()
        };
    }
    Ok(vocab)
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put_u32(out, 0),
        Some(s) => {
            put_u32(out, s.len() as u32 + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// A bounds-checked cursor: every read fails with `Truncated` at the end.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn truncated() -> Error {
        Error::new(ErrorKind::Truncated)
    }

    fn byte(&mut self) -> crate::Result<u8> {
        let b = *self.bytes.get(self.pos).ok_or_else(Self::truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn u32(&mut self) -> crate::Result<u32> {
        get_u32(self.bytes, &mut self.pos).ok_or_else(Self::truncated)
    }

    fn u32_le(&mut self) -> crate::Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> crate::Result<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn take(&mut self, n: usize) -> crate::Result<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(Self::truncated)?;
        let b = self.bytes.get(self.pos..end).ok_or_else(Self::truncated)?;
        self.pos = end;
        Ok(b)
    }

    fn bytes(&mut self) -> crate::Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    /// Like [`Reader::bytes`], as the range of the bytes in the input.
    fn range(&mut self) -> crate::Result<std::ops::Range<usize>> {
        let n = self.bytes()?.len();
        Ok(self.pos - n..self.pos)
    }

    fn string(&mut self) -> crate::Result<String> {
        utf8(self.bytes()?)
    }

    fn opt(&mut self) -> crate::Result<Option<String>> {
        Ok(self.opt_str()?.map(str::to_owned))
    }

    fn str(&mut self) -> crate::Result<&'a str> {
        str_of(self.bytes()?)
    }

    fn opt_bytes(&mut self) -> crate::Result<Option<&'a [u8]>> {
        match self.u32()? {
            0 => Ok(None),
            n => self.take(n as usize - 1).map(Some),
        }
    }

    fn opt_str(&mut self) -> crate::Result<Option<&'a str>> {
        self.opt_bytes()?.map(str_of).transpose()
    }
}

/// Checked UTF-8 with SIMD (`simdutf8`: about ten times the speed of
/// `std::str::from_utf8` on Arabic, which has no ASCII fast path; the
/// stored text is most of a large index).
fn utf8(b: &[u8]) -> crate::Result<String> {
    str_of(b).map(str::to_owned)
}

fn str_of(b: &[u8]) -> crate::Result<&str> {
    simdutf8::basic::from_utf8(b).map_err(|_| Error::corrupt("a string is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::Document;

    /// Two short reports: `report-1` and `report-2`.
    fn two_reports() -> Index {
        let mut index = Index::default();
        index.add(Document::new("report-1", "قمة أستانا", "وصل الزعماء إلى أستانا.")).unwrap();
        index.add(Document::new("report-2", "ممر الطاقة", "بحث الوزراء ممرات الطاقة.")).unwrap();
        index
    }

    /// `bytes` with the checksum of its version written again, as a file
    /// crafted on purpose would have it.
    fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
        let body = bytes.len() - 4;
        let sum = index_checksum(FORMAT_VERSION, &bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    /// `n` diacritized hadith-like documents: more text than the store
    /// needs to make codes, so most bodies are coded.
    fn coded_index(n: usize, line: &str) -> Index {
        let mut index = Index::default();
        let text = line.repeat(40);
        for i in 0..n {
            index.add(Document::new(format!("h{i}"), "باب", format!("{text} {i}"))).unwrap();
        }
        index
    }

    #[test]
    fn a_crafted_file_whose_codes_are_incomplete_or_whose_body_is_too_long_is_corrupt() {
        let line = "حَدَّثَنَا عَبْدُ اللَّهِ، قَالَ: أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ. ";
        let bytes = coded_index(100, line).to_bytes();
        let mut r = Reader { bytes: &bytes, pos: 8 };
        read_options(&mut r, FORMAT_VERSION).unwrap();
        assert_eq!(r.u32().unwrap(), 100);
        r.take(12).unwrap();
        let codes_at = r.pos;
        assert_eq!(bytes[codes_at], 1, "codes");
        // One code length changed: no longer a complete code.
        let mut b = bytes.clone();
        let l = &mut b[codes_at + 1];
        *l = if *l == 12 { 11 } else { *l + 1 };
        let Err(err) = Index::from_bytes(&resealed(b)) else { panic!("loaded") };
        assert!(err.to_string().contains("not a complete code"), "{err}");
        // The codes said absent: the coded bodies are refused (the lengths
        // that follow are then read as the first document).
        let mut b = bytes.clone();
        b[codes_at] = 0;
        b.drain(codes_at + 1..codes_at + 1 + 4 * 256);
        let Err(err) = Index::from_bytes(&resealed(b)) else { panic!("loaded") };
        assert!(matches!(err.kind(), ErrorKind::Corrupt { .. }), "{err}");
        // The last document's body says it packs more than eight bytes a
        // coded byte: refused, read in place or not.
        let mut r = Reader { bytes: &bytes, pos: codes_at + 1 + 4 * 256 };
        for _ in 0..99 {
            skip_document(&mut r);
        }
        r.bytes().unwrap();
        r.bytes().unwrap();
        let len_at = r.pos;
        let body = r.bytes().unwrap();
        let mut at = 0;
        let packed = varint::get_u32(body, &mut at).unwrap() as usize;
        assert!(packed > body.len(), "coded: {packed} packed in {}", body.len());
        let mut b = bytes.clone();
        let length_bytes = {
            let mut v = Vec::new();
            put_u32(&mut v, body.len() as u32);
            v.len()
        };
        // The packed length, in its own bytes, made too large.
        let first = len_at + length_bytes;
        b[first] = 0xFF;
        b[first + 1] |= 0x7F;
        let bytes = resealed(b);
        let Err(err) = Index::from_bytes(&bytes) else { panic!("loaded") };
        assert!(err.to_string().contains("not packed text"), "{err}");
        assert!(Index::from_vec(bytes).is_err());
    }

    #[test]
    fn crafted_files_with_coded_bodies_load_or_fail_but_never_panic() {
        let line = "حَدَّثَنَا عَبْدُ اللَّهِ، قَالَ: أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ «قال» 2024. ";
        let bytes = coded_index(80, line).to_bytes();
        let options = crate::SearchOptions { snippets: true, ..Default::default() };
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut loaded = 0;
        for _ in 0..100 {
            // A few bytes changed at random, the checksum made good again.
            let mut b = bytes.clone();
            for _ in 0..3 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let at = 8 + (x >> 8) as usize % (b.len() - 12);
                b[at] ^= (x as u8) | 1;
            }
            let b = resealed(b);
            for index in [Index::from_bytes(&b), Index::from_vec(b.clone())] {
                let Ok(index) = index else { continue };
                loaded += 1;
                // Every body reads as text, whatever its bytes.
                assert!(index.documents().all(|d| d.text.len() < 1 << 20));
                std::hint::black_box(index.search("مالك نافع", &options));
            }
        }
        assert!(loaded > 0, "some changes leave a readable file (inside a body)");
    }

    /// Skips one document of a file of this version with no removed lines
    /// and no entities (an index built with `entities` on but plain words).
    fn skip_document(r: &mut Reader<'_>) {
        for _ in 0..3 {
            r.bytes().unwrap();
        }
        for _ in 0..4 {
            r.opt_bytes().unwrap();
        }
        r.u32().unwrap();
        r.u32().unwrap();
        r.bytes().unwrap();
        assert_eq!(r.u32().unwrap(), 0, "no removed lines");
        r.u32().unwrap();
        let pairs = r.u32().unwrap();
        for _ in 0..pairs {
            r.u32().unwrap();
            r.u32().unwrap();
        }
    }

    #[test]
    fn a_crafted_file_with_bad_utf8_and_a_good_checksum_is_corrupt() {
        let mut index = Index::default();
        let text = "وصل الزعماء إلى أستانا لبحث الطاقة والممرات التجارية. ".repeat(8);
        index.add(Document::new("n1", "قمة أستانا", &text)).unwrap();
        let bytes = index.to_bytes();
        assert!(Index::from_bytes(&resealed(bytes.clone())).is_ok());
        // Each bad byte inside a string (the title).
        for needle in ["أستانا"] {
            let at = bytes.windows(needle.len()).position(|w| w == needle.as_bytes()).unwrap();
            for bad in [0xFF, 0x80, 0xC0] {
                let mut b = bytes.clone();
                b[at] = bad;
                let Err(err) = Index::from_bytes(&resealed(b)) else {
                    panic!("{needle} {bad:#x}: loaded")
                };
                assert!(
                    matches!(err.kind(), ErrorKind::Corrupt { .. }),
                    "{needle} {bad:#x}: {err}"
                );
                assert!(err.to_string().contains("not UTF-8"), "{err}");
            }
        }
        // An escape in the packed body followed by no character: in place
        // of ل (the next byte, ت packed, is no UTF-8 lead byte), or before
        // a byte that is never UTF-8.
        let mut needle = Vec::new();
        crate::index::packed::pack("التجارية", &mut needle);
        let at = bytes.windows(needle.len()).position(|w| w == needle).unwrap();
        for bad in [[0x01, needle[2]], [0x01, 0xFF]] {
            let mut b = bytes.clone();
            b[at + 1..at + 3].copy_from_slice(&bad);
            let Err(err) = Index::from_bytes(&resealed(b)) else { panic!("{bad:x?}: loaded") };
            assert!(matches!(err.kind(), ErrorKind::Corrupt { .. }), "{err}");
            assert!(err.to_string().contains("not packed text"), "{err}");
        }
    }

    #[test]
    fn bodies_of_any_script_come_back_from_a_file_as_written() {
        let mut index = Index::default();
        let bodies = [
            "قالَ الوزيرُ «إنّ» الـمحادثات — مع CNN — ستُستأنف في 2025م. 😀",
            "گزارش فارسی: ۱۴۰۳ و ی و ک، \u{1} ctrl \u{7f} café Ω ∑ 𝕏",
            "",
        ];
        for (i, body) in bodies.iter().enumerate() {
            index.add(Document::new(format!("d{i}"), "عنوان", *body)).unwrap();
        }
        let loaded = Index::from_bytes(&index.to_bytes()).unwrap();
        for (i, body) in bodies.iter().enumerate() {
            assert_eq!(loaded.document(&format!("d{i}")).unwrap().text, *body);
        }
        assert!(loaded.documents().eq(index.documents()));
    }

    #[test]
    fn the_documents_sizes_are_room_not_truth() {
        let index = two_reports();
        let bytes = index.to_bytes();
        // After the magic, the version, 29 bytes of options and the count.
        let at = 8 + 29 + 1;
        let size = |s: &[&str]| s.iter().map(|s| s.len()).sum::<usize>();
        let strings = size(&["report-1", "قمة أستانا", "report-2", "ممر الطاقة"]);
        // Packed, the bodies take a byte a character, after their length.
        let bodies = ["وصل الزعماء إلى أستانا.", "بحث الوزراء ممرات الطاقة."];
        let packed = bodies.iter().map(|b| 1 + b.chars().count()).sum::<usize>();
        assert!(packed * 10 < size(&bodies) * 6, "{packed} of {}", size(&bodies));
        let sizes: Vec<usize> = (0..2)
            .map(|k| u32::from_le_bytes(bytes[at + 4 * k..at + 4 * k + 4].try_into().unwrap()))
            .map(|n| n as usize)
            .collect();
        assert_eq!(sizes, [strings, packed]);
        // Sizes too large (room is never made beyond the input) or too
        // small (the store grows): the same documents.
        for size in [u32::MAX, 0, 3] {
            let mut b = bytes.clone();
            for k in 0..3 {
                b[at + 4 * k..at + 4 * k + 4].copy_from_slice(&size.to_le_bytes());
            }
            let loaded = Index::from_bytes(&resealed(b)).expect("loads");
            assert!(loaded.documents().eq(index.documents()), "{size}");
            assert_eq!(loaded.to_bytes(), bytes, "{size}");
        }
    }

    #[test]
    fn a_crafted_file_whose_copy_comes_before_its_original_is_corrupt() {
        let mut index = Index::default();
        let body = "وصل الزعماء إلى أستانا لبحث الطاقة والممرات التجارية بين البلدين. ".repeat(4);
        index.add(Document::new("a", "قمة أستانا", &body)).unwrap();
        index.add(Document::new("b", "قمة أستانا", &body)).unwrap();
        assert_eq!(index.document("b").unwrap().duplicate_of.as_deref(), Some("a"));
        let bytes = index.to_bytes();
        // Read up to where the first document names its original.
        let mut r = Reader { bytes: &bytes, pos: 8 };
        read_options(&mut r, FORMAT_VERSION).unwrap();
        assert_eq!(r.u32().unwrap(), 2);
        r.take(12).unwrap();
        assert_eq!(r.byte().unwrap(), 0, "no codes: too little text");
        for optional in [false, false, false, true, true, true, true] {
            if optional {
                r.opt_bytes().unwrap();
            } else {
                r.bytes().unwrap();
            }
        }
        let lengths = (r.u32().unwrap(), r.u32().unwrap());
        assert!(lengths.1 > 0 && !r.bytes().unwrap().is_empty(), "a body and its token map");
        assert_eq!(r.u32().unwrap(), 0, "no removed lines");
        assert_eq!(bytes[r.pos], 0, "the first document is an original");
        let mut b = bytes.clone();
        b[r.pos] = 2; // a copy of document 1, which comes after it
        let Err(err) = Index::from_bytes(&resealed(b)) else { panic!("loaded") };
        assert!(matches!(err.kind(), ErrorKind::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("original does not come before it"), "{err}");
    }

    #[test]
    fn a_crafted_file_with_one_id_twice_is_corrupt() {
        let index = two_reports();
        let mut bytes = index.to_bytes();
        let at = bytes.windows(8).position(|w| w == b"report-2").unwrap();
        bytes[at + 7] = b'1';
        let Err(err) = Index::from_bytes(&resealed(bytes)) else { panic!("loaded") };
        assert!(matches!(err.kind(), ErrorKind::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("\"report-1\" appears twice"), "{err}");
    }
}
