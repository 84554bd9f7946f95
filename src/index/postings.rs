//! POSTING LISTS: for each term, the documents that contain it with the term
//! frequency per field, and (for surface terms) the positions.
//!
//! Two byte streams per term, both LEB128 varints:
//! - `docs`: per posting the `doc delta` (LEB128), with document numbers
//!   in increasing order (the first delta is from zero), then one byte
//!   with the frequencies in title (bits 4 to 6) and body (bits 0 to 3),
//!   or, when they do not fit, 0x80 and both as LEB128: two bytes for
//!   three postings in four of the bench's hadith. (Up to format 7 each
//!   frequency took a value of its own, half again as many bytes;
//!   [`upgrade_docs`] rewrites such a stream.)
//! - `positions`: per posting `tf_title + tf_body` positions, delta-coded
//!   from zero. Stem terms keep no positions. Phrase queries are the only
//!   reader, so ranking never decodes them.
//!
//! Removed documents stay in the streams until the index compacts; readers
//! skip them with the store's liveness check.
//!
//! A very common word's list (one document in eight or more) also gets a
//! [`Dense`] table the first time a search looks it up within a rarer
//! word's documents: a bitset of its documents, so that those documents'
//! postings are found without decoding the whole stream.

use std::cell::OnceCell;
use std::ops::Deref;
use std::sync::Arc;

use crate::codec::varint::{get_u32, put_u32, skip};

/// Appends a posting to a `docs` stream: the gap, then one byte with
/// the title frequency in its bits 4 to 6 and the body frequency in bits
/// 0 to 3 when they fit, else 0x80 and both frequencies.
#[inline]
fn put_posting(out: &mut Vec<u8>, delta: u32, tf_title: u32, tf_body: u32) {
    put_u32(out, delta);
    if tf_title < 8 && tf_body < 16 {
        out.push((tf_title << 4 | tf_body) as u8);
    } else {
        out.push(0x80);
        put_u32(out, tf_title);
        put_u32(out, tf_body);
    }
}

/// A `docs` stream of format 7 or before (three values a posting: doc
/// delta, title and body frequency) written as this format writes it;
/// stops at the first malformed byte, as a reader does.
pub(crate) fn upgrade_docs(old: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(old.len());
    let mut pos = 0;
    while pos < old.len() {
        let (Some(delta), Some(tf_title), Some(tf_body)) =
            (get_u32(old, &mut pos), get_u32(old, &mut pos), get_u32(old, &mut pos))
        else {
            break;
        };
        put_posting(&mut out, delta, tf_title, tf_body);
    }
    out
}

/// Lists shorter than this are never given a [`Dense`] table.
const DENSE_MIN: u32 = 2048;

/// One entry of a `docs` stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub doc: u32,
    pub tf_title: u32,
    pub tf_body: u32,
}

impl Posting {
    pub(crate) fn tf(&self) -> u32 {
        self.tf_title.saturating_add(self.tf_body)
    }
}

/// The postings of one term.
#[derive(Clone, Debug, Default)]
pub(crate) struct TermPostings {
    /// Live documents containing the term.
    pub df: u32,
    /// Number of postings in `docs`, live or not.
    pub len: u32,
    /// Last document appended (for delta coding).
    pub last_doc: u32,
    pub docs: Stream,
    pub positions: Stream,
    /// The list's [`Dense`] table, made on first use (cleared by a push).
    pub dense: OnceCell<Option<Box<Dense>>>,
}

/// Makes room for `n` more bytes in a list's stream: as a `Vec` does up to
/// 64 bytes, beyond by half as much again (where a `Vec` doubles: the
/// streams are a large part of a built index, and wasm memory does not
/// shrink).
#[inline]
fn room(v: &mut Vec<u8>, n: usize) {
    if v.capacity() - v.len() < n && v.len() >= 64 {
        v.reserve_exact(n.max(v.len() / 2));
    }
}

impl TermPostings {
    /// Appends a posting for `doc`, which must be greater than every
    /// document already in the list. `positions` is empty for stem terms.
    pub(crate) fn push(&mut self, p: Posting, positions: &[u32]) {
        let delta = if self.len == 0 { p.doc } else { p.doc.wrapping_sub(self.last_doc) };
        let docs = self.docs.to_mut();
        room(docs, 15);
        put_posting(docs, delta, p.tf_title, p.tf_body);
        if !positions.is_empty() {
            let out = self.positions.to_mut();
            room(out, 5 * positions.len());
            let mut prev = 0;
            for &pos in positions {
                put_u32(out, pos.wrapping_sub(prev));
                prev = pos;
            }
        }
        self.df += 1;
        self.len += 1;
        self.last_doc = p.doc;
        self.dense.take();
    }

    /// The list's [`Dense`] table, when it covers at least one document
    /// number in eight (made on first use).
    pub(crate) fn dense(&self) -> Option<&Dense> {
        let dense = self.len >= DENSE_MIN && u64::from(self.len) * 8 > u64::from(self.last_doc);
        self.dense.get_or_init(|| dense.then(|| Box::new(Dense::new(self)))).as_deref()
    }

    pub(crate) fn iter(&self) -> PostingIter<'_> {
        PostingIter { bytes: &self.docs, pos: 0, doc: 0 }
    }

    /// Rewrites the lists without dead documents, renumbering with `remap`
    /// (`remap[old] == u32::MAX` for a dead document).
    pub(crate) fn remapped(&self, remap: &[u32]) -> TermPostings {
        let mut out = TermPostings::default();
        let mut cursor = 0usize;
        let mut buf = Vec::new();
        for p in self.iter() {
            let new = remap.get(p.doc as usize).copied().unwrap_or(u32::MAX);
            if self.positions.is_empty() {
                if new != u32::MAX {
                    out.push(Posting { doc: new, ..p }, &[]);
                }
                continue;
            }
            if new == u32::MAX {
                skip(&self.positions, &mut cursor, p.tf());
            } else {
                read_positions(&self.positions, &mut cursor, p.tf(), &mut buf);
                out.push(Posting { doc: new, ..p }, &buf);
            }
        }
        out
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.docs.heap_bytes()
            + self.positions.heap_bytes()
            + self.dense.get().and_then(Option::as_deref).map_or(0, Dense::heap_bytes)
    }
}

/// A byte stream of a list: its own, or part of an index file read in
/// place (`Index::from_vec`), which every list of the file shares. A list
/// read in place takes its bytes for its own on its first push.
#[derive(Clone, Debug)]
pub(crate) struct Stream(Repr);

#[derive(Clone, Debug)]
enum Repr {
    Owned(Vec<u8>),
    /// The stream as the file writes it: its length (LEB128) at `at`, then
    /// its bytes. (No length kept here: in wasm, a `Stream` then takes no
    /// more room than a `Vec`, where one more `u32` per stream made the
    /// bench's 39 MB index 5.7 MB larger.)
    InFile {
        file: Arc<Vec<u8>>,
        at: u32,
    },
}

impl Default for Stream {
    fn default() -> Stream {
        Stream(Repr::Owned(Vec::new()))
    }
}

impl From<Vec<u8>> for Stream {
    fn from(bytes: Vec<u8>) -> Stream {
        Stream(Repr::Owned(bytes))
    }
}

impl Deref for Stream {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Owned(v) => v,
            Repr::InFile { file, at } => framed(file, *at as usize),
        }
    }
}

/// The bytes of the stream whose length is written at `at` in `file`.
// (Not inlined: the wasm was 0.8 KB larger, gzipped, with it in every
// reader of a list.)
#[inline(never)]
fn framed(file: &[u8], at: usize) -> &[u8] {
    let mut start = at;
    let len = get_u32(file, &mut start).unwrap_or(0) as usize;
    start.checked_add(len).and_then(|end| file.get(start..end)).unwrap_or(&[])
}

impl Stream {
    /// The stream of `file` whose length is written at `at` and whose
    /// bytes are at `bytes` (just after), in place (copied when `at` is
    /// beyond 4 GB, where a `u32` cannot say where).
    pub(crate) fn in_file(file: &Arc<Vec<u8>>, at: usize, bytes: std::ops::Range<usize>) -> Stream {
        match u32::try_from(at) {
            _ if bytes.is_empty() => Stream::default(),
            Ok(at) => Stream(Repr::InFile { file: Arc::clone(file), at }),
            Err(_) => Stream::from(file.get(bytes).unwrap_or(&[]).to_vec()),
        }
    }

    /// The bytes as its own, to append to.
    pub(crate) fn to_mut(&mut self) -> &mut Vec<u8> {
        if let Repr::InFile { .. } = self.0 {
            self.0 = Repr::Owned(self.to_vec());
        }
        match &mut self.0 {
            Repr::Owned(v) => v,
            Repr::InFile { .. } => unreachable!("made owned above"),
        }
    }

    /// Heap bytes of its own (a file's bytes are counted with the file).
    fn heap_bytes(&self) -> usize {
        match &self.0 {
            Repr::Owned(v) => v.capacity(),
            Repr::InFile { .. } => 0,
        }
    }
}

/// A common word's postings by document number: a bitset of the documents
/// with the number of postings before each 64 of them, and the frequencies
/// in list order. Looking up the postings of a few documents costs a few
/// bit counts each instead of decoding the list up to them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Dense {
    /// Bit `d % 64` of word `d / 64` is set when document `d` is in the list.
    pub bits: Vec<u64>,
    /// Postings before each word of `bits`.
    before: Vec<u32>,
    /// Title and body frequency per posting, in list order; `u8::MAX` for a
    /// frequency found in `large`.
    tf: Vec<[u8; 2]>,
    /// (posting, title tf, body tf) of the postings with a frequency of
    /// 255 or more, in list order.
    large: Vec<(u32, u32, u32)>,
}

impl Dense {
    fn new(list: &TermPostings) -> Dense {
        let mut d = Dense {
            bits: vec![0; list.last_doc as usize / 64 + 1],
            tf: Vec::with_capacity(list.len as usize),
            ..Dense::default()
        };
        for p in list.iter() {
            if let Some(w) = d.bits.get_mut(p.doc as usize / 64) {
                *w |= 1 << (p.doc % 64);
            }
            let small = |tf: u32| u8::try_from(tf).unwrap_or(u8::MAX);
            let tf = [small(p.tf_title), small(p.tf_body)];
            if tf.contains(&u8::MAX) {
                d.large.push((d.tf.len() as u32, p.tf_title, p.tf_body));
            }
            d.tf.push(tf);
        }
        let mut count = 0u32;
        d.before = d
            .bits
            .iter()
            .map(|w| {
                let before = count;
                count += w.count_ones();
                before
            })
            .collect();
        d
    }

    /// Calls `each` with the postings of the documents set in `docs` (a
    /// bitset by number), in order.
    #[inline]
    pub(crate) fn within(&self, docs: &[u64], mut each: impl FnMut(Posting)) {
        for (w, (&bits, &docs)) in self.bits.iter().zip(docs).enumerate() {
            let mut both = bits & docs;
            let before = self.before.get(w).copied().unwrap_or(0);
            while both != 0 {
                let bit = both.trailing_zeros();
                both &= both - 1;
                let rank = before + (bits & ((1u64 << bit) - 1)).count_ones();
                let Some(&[title, body]) = self.tf.get(rank as usize) else { return };
                let (tf_title, tf_body) = if title == u8::MAX || body == u8::MAX {
                    let i = self.large.partition_point(|l| l.0 < rank);
                    self.large.get(i).map_or((0, 0), |l| (l.1, l.2))
                } else {
                    (u32::from(title), u32::from(body))
                };
                each(Posting { doc: w as u32 * 64 + bit, tf_title, tf_body });
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
            + self.before.capacity() * 4
            + self.tf.capacity() * 2
            + self.large.capacity() * 12
    }
}

/// Reads `n` delta-coded positions at `*cursor` into `out` (cleared first).
pub(crate) fn read_positions(bytes: &[u8], cursor: &mut usize, n: u32, out: &mut Vec<u32>) {
    out.clear();
    let mut prev = 0u32;
    for _ in 0..n {
        let Some(d) = get_u32(bytes, cursor) else { return };
        prev = prev.wrapping_add(d);
        out.push(prev);
    }
}

/// Reads a posting of a `docs` stream at `*pos`: (gap, title frequency,
/// body frequency).
#[inline(never)]
fn slow_posting(bytes: &[u8], pos: &mut usize) -> Option<(u32, u32, u32)> {
    let delta = get_u32(bytes, pos)?;
    let code = *bytes.get(*pos)?;
    *pos += 1;
    Some(if code < 0x80 {
        (delta, u32::from(code >> 4), u32::from(code & 15))
    } else {
        (delta, get_u32(bytes, pos)?, get_u32(bytes, pos)?)
    })
}

/// Decodes a `docs` stream. Stops quietly at the first malformed byte.
pub(crate) struct PostingIter<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    // (Always inlined: in wasm, a call per posting cost a third of a
    // query's time.)
    #[inline(always)]
    fn next(&mut self) -> Option<Posting> {
        // Most postings are two bytes (a gap under 128, small
        // frequencies): read them at once.
        let (delta, tf_title, tf_body) = match self.bytes.get(self.pos..self.pos + 2) {
            Some(&[a, c]) if (a | c) < 0x80 => {
                self.pos += 2;
                (u32::from(a), u32::from(c >> 4), u32::from(c & 15))
            }
            _ => slow_posting(self.bytes, &mut self.pos)?,
        };
        // (The first gap is from zero.)
        self.doc = self.doc.checked_add(delta)?;
        Some(Posting { doc: self.doc, tf_title, tf_body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_in_a_file_reads_its_bytes_and_copies_them_to_grow() {
        // A file as the codec writes streams: a LEB128 length, the bytes.
        let mut file = b"head".to_vec();
        let at = file.len();
        let bytes: Vec<u8> = (0..200u8).collect();
        put_u32(&mut file, bytes.len() as u32);
        file.extend_from_slice(&bytes);
        file.extend_from_slice(b"tail");
        let file = Arc::new(file);
        let start = at + 2;
        let mut s = Stream::in_file(&file, at, start..start + bytes.len());
        assert_eq!(&*s, &bytes[..]);
        assert_eq!(s.heap_bytes(), 0);
        s.to_mut().push(7);
        assert_eq!(s.len(), 201);
        assert_eq!(s[200], 7);
        assert_eq!(file[start + 200], b't', "the file is left as it was");
        // A length that runs past the end reads as no bytes.
        let cut = Arc::new(file[..start + 10].to_vec());
        assert!(Stream::in_file(&cut, at, start..start + bytes.len()).is_empty());
        assert!(Stream::in_file(&file, at, start..start).is_empty());
    }

    #[test]
    fn large_values_and_a_cut_stream_decode_as_written() {
        // Two-byte postings (a small gap and small frequencies, read at
        // once) between postings with longer gaps, frequencies just in
        // and just out of their byte, and gaps up to the largest document
        // number.
        #[rustfmt::skip]
        let written = [
            (5, 0, 1), (6, 1, 0), (40, 0, 2), (300, 0, 200), (301, 2, 3), (302, 0, 0),
            (303, 7, 15), (304, 8, 1), (305, 0, 16), (4_000, 1, 0), (70_000, 128, 1),
            (70_001, 0, 127), (1 << 30, 0, 1), (u32::MAX - 1, 1, 1), (u32::MAX, 0, 2),
        ];
        let mut t = TermPostings::default();
        for &(doc, tf_title, tf_body) in &written {
            t.push(Posting { doc, tf_title, tf_body }, &[]);
        }
        let got: Vec<(u32, u32, u32)> = t.iter().map(|p| (p.doc, p.tf_title, p.tf_body)).collect();
        assert_eq!(got, written);
        // A stream cut inside a posting stops after the last whole one.
        for cut in 0..t.docs.len() {
            let part =
                TermPostings { docs: t.docs[..cut].to_vec().into(), ..TermPostings::default() };
            let n = part.iter().count();
            assert!(n < written.len());
            assert!(part.iter().zip(&written).all(|(p, w)| (p.doc, p.tf_title, p.tf_body) == *w));
        }
    }

    #[test]
    fn most_postings_take_two_bytes_and_old_streams_are_rewritten_alike() {
        let mut t = TermPostings::default();
        for doc in 0..100 {
            t.push(Posting { doc: doc * 3, tf_title: doc % 2, tf_body: 1 - doc % 2 }, &[]);
        }
        assert_eq!(t.docs.len(), 200);
        // Format 7 wrote three values a posting: the same postings.
        let mut old = Vec::new();
        let mut prev = 0;
        for p in t.iter().chain([Posting { doc: 70_000, tf_title: 3, tf_body: 900 }]) {
            for v in [p.doc - prev, p.tf_title, p.tf_body] {
                put_u32(&mut old, v);
            }
            prev = p.doc;
        }
        t.push(Posting { doc: 70_000, tf_title: 3, tf_body: 900 }, &[]);
        assert_eq!(upgrade_docs(&old), &t.docs[..]);
        // Cut inside its last posting, it keeps the whole ones.
        assert_eq!(upgrade_docs(&old[..old.len() - 1]), &t.docs[..200]);
        assert!(upgrade_docs(&[]).is_empty());
    }

    #[test]
    fn a_dense_table_finds_the_postings_the_stream_has() {
        // Every third document, some with frequencies past one byte.
        let mut t = TermPostings::default();
        for doc in (0..9000).filter(|d| d % 3 != 1) {
            let tf_body = if doc % 97 == 0 { 300 + doc } else { doc % 5 };
            let tf_title = if doc % 389 == 0 { 255 } else { doc % 2 };
            t.push(Posting { doc, tf_title, tf_body }, &[]);
        }
        let dense = t.dense().expect("a list over a third of the documents is dense");
        // Wanted: every seventh document, and some past the list's end.
        let mut docs = vec![0u64; 9200usize.div_ceil(64)];
        for d in (0..9200).step_by(7) {
            docs[d / 64] |= 1 << (d % 64);
        }
        let mut got = Vec::new();
        dense.within(&docs, |p| got.push(p));
        let want: Vec<Posting> = t.iter().filter(|p| p.doc % 7 == 0).collect();
        assert_eq!(got, want);
        assert!(got.iter().any(|p| p.tf_body > 255) && got.iter().any(|p| p.tf_title == 255));
        // A push makes the table anew.
        t.push(Posting { doc: 9002, tf_title: 0, tf_body: 4 }, &[]);
        let mut last = None;
        t.dense().expect("dense").within(&docs, |p| last = Some(p));
        assert_eq!(last, Some(Posting { doc: 9002, tf_title: 0, tf_body: 4 }));
        // A short or sparse list has none.
        let mut sparse = TermPostings::default();
        for doc in 0..3000 {
            sparse.push(Posting { doc: doc * 9, tf_title: 0, tf_body: 1 }, &[]);
        }
        assert!(sparse.dense().is_none());
    }

    #[test]
    fn push_iter_and_remap_round_trip() {
        let mut t = TermPostings::default();
        t.push(Posting { doc: 0, tf_title: 1, tf_body: 0 }, &[2]);
        t.push(Posting { doc: 3, tf_title: 0, tf_body: 2 }, &[10, 14]);
        t.push(Posting { doc: 7, tf_title: 0, tf_body: 1 }, &[9]);
        let docs: Vec<u32> = t.iter().map(|p| p.doc).collect();
        assert_eq!(docs, [0, 3, 7]);
        let remap = [0, u32::MAX, u32::MAX, 1, u32::MAX, u32::MAX, u32::MAX, 2];
        let r = t.remapped(&[remap[0], remap[1], remap[2], u32::MAX, 1, 1, 1, remap[7]]);
        let got: Vec<Posting> = r.iter().collect();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].doc, got[1].doc), (0, 2));
        let mut cur = 0;
        let mut buf = Vec::new();
        read_positions(&r.positions, &mut cur, 1, &mut buf);
        assert_eq!(buf, [2]);
        read_positions(&r.positions, &mut cur, 1, &mut buf);
        assert_eq!(buf, [9]);
    }
}
