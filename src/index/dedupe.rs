//! NEAR-DUPLICATE DETECTION: the same story scraped twice, or syndicated by
//! several sites, is found when it is added and linked to the first copy
//! (`Document::duplicate_of`); search collapses such groups.
//!
//! Method: the body is cut into shingles of [`SHINGLE`] consecutive words
//! (normalized surface terms), and each document gets a MinHash signature
//! of [`BINS`] values by one-permutation hashing (one hash per shingle, the
//! top bits pick a bin, each bin keeps its minimum; empty bins borrow from
//! the next full one). The share of equal bins estimates the Jaccard
//! similarity of the two shingle sets. Candidates come from
//! locality-sensitive hashing: [`BANDS`] bands of [`ROWS`] bins, a document
//! is a candidate when one band is equal; a candidate is a duplicate when
//! its estimated similarity is at least [`DUPLICATE_THRESHOLD`]. At that
//! similarity a duplicate is found with probability 1 − (1 − 0.8⁴)¹⁶ ≈
//! 0.999; at 0.5 a pair becomes a candidate with probability ≈ 0.64 but
//! fails the check.
//!
//! Bodies of fewer than [`MIN_WORDS`] words are not compared: on such short
//! texts a few shared phrases would decide.

use super::tokens::TokenIter;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Signature values per document.
pub const BINS: usize = 64;
/// LSH bands, each of [`ROWS`] bins.
pub const BANDS: usize = 16;
/// Bins per band.
pub const ROWS: usize = BINS / BANDS;
/// Estimated Jaccard similarity of word 4-shingles from which two documents
/// are near-duplicates (0.8: the same article with a changed sentence or
/// two, or different debris left around it).
pub const DUPLICATE_THRESHOLD: f32 = 0.8;
/// Bodies shorter than this are not compared.
pub const MIN_WORDS: usize = 24;
/// Candidates checked per band, so a crowded band stays cheap.
const MAX_CANDIDATES: usize = 8;

/// A MinHash signature; values are the low 8 bits of the bin minima. Two
/// bins of unrelated shingles agree by chance once in 256, which moves an
/// estimate of 0.7 to 0.701: the threshold still decides the same pairs,
/// at half the memory of 16-bit values (the signatures and band table of
/// the bench's 34,178 hadith took 13 MB of wasm memory with them).
pub(crate) type Signature = [u8; BINS];

/// Signatures by document number and the band table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Dedupe {
    /// By document number; `None` for short or removed documents.
    sigs: Vec<Option<Signature>>,
    /// The documents that are not themselves duplicates, by band.
    bands: BandTable,
    /// How many documents name each document number as their original.
    pub copies: Vec<u32>,
}

impl Dedupe {
    /// Number of document slots known.
    pub(crate) fn len(&self) -> usize {
        self.sigs.len()
    }

    /// Bytes of heap used, for statistics.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.sigs.capacity() * std::mem::size_of::<Option<Signature>>()
            + self.copies.capacity() * 4
            + self.bands.slots.capacity() * 4
    }

    /// Makes room for `docs` more documents.
    pub(crate) fn reserve(&mut self, docs: usize) {
        self.sigs.reserve(docs);
        self.copies.reserve(docs);
    }

    /// The earliest live document similar to `sig`, given which numbers are
    /// live.
    pub(crate) fn find(&self, sig: &Signature, live: impl Fn(u32) -> bool) -> Option<u32> {
        let mut best: Option<(usize, u32)> = None;
        for band in 0..BANDS {
            for num in self.bands.get(band, sig, &self.sigs).take(MAX_CANDIDATES) {
                let Some(Some(other)) = self.sigs.get(num as usize) else { continue };
                if !live(num) {
                    continue;
                }
                let same = sig.iter().zip(other.iter()).filter(|(a, b)| a == b).count();
                if same as f32 >= DUPLICATE_THRESHOLD * BINS as f32
                    && best.is_none_or(|(s, n)| same > s || (same == s && num < n))
                {
                    best = Some((same, num));
                }
            }
        }
        best.map(|(_, n)| n)
    }

    /// Records document `num` (the next slot). An original (`copy_of` is
    /// `None`) enters the band table; a copy does not, its original stands
    /// for the group.
    pub(crate) fn push(&mut self, num: u32, sig: Option<Signature>, copy_of: Option<u32>) {
        debug_assert_eq!(num as usize, self.sigs.len());
        if let Some(o) = copy_of {
            if let Some(c) = self.copies.get_mut(o as usize) {
                *c += 1;
            }
        }
        self.sigs.push(sig);
        self.copies.push(0);
        if copy_of.is_none() {
            self.promote(num);
        }
    }

    /// Makes `num` an original (its original was removed).
    pub(crate) fn promote(&mut self, num: u32) {
        if let Some(Some(sig)) = self.sigs.get(num as usize) {
            let sig = *sig;
            self.bands.insert(num, &sig, &self.sigs);
        }
    }

    /// Renumbers after the store compacted (`remap[old]`, `u32::MAX` for
    /// removed documents).
    pub(crate) fn compact(&mut self, remap: &[u32], is_copy: impl Fn(u32) -> bool) {
        let mut sigs = Vec::with_capacity(self.sigs.len());
        let mut copies = Vec::with_capacity(self.sigs.len());
        for (old, sig) in self.sigs.drain(..).enumerate() {
            if remap.get(old).is_some_and(|&n| n != u32::MAX) {
                sigs.push(sig);
                copies.push(self.copies.get(old).copied().unwrap_or(0));
            }
        }
        self.sigs = sigs;
        self.copies = copies;
        self.bands = BandTable::default();
        for num in 0..self.sigs.len() as u32 {
            if !is_copy(num) {
                self.promote(num);
            }
        }
    }
}

/// The band table: for each band, an open-addressing table with linear
/// probing of the documents entered. A slot holds the document's number
/// plus one in its low 24 bits (0: empty) and a byte of the band's key in
/// its high 8, so that a look-up reads one word a probe and reads the
/// signature of a document only when that byte agrees. Four bytes an entry
/// and band, at most three quarters full. Entries are never removed (the
/// table is rebuilt when the store compacts), so the entries of a band's
/// value come in the order they were added. Documents numbered
/// [`MAX_ENTERED`] and above are not entered: they are still compared with
/// the earlier ones, but later documents are not compared with them.
#[derive(Clone, Debug, Default)]
struct BandTable {
    /// `BANDS` tables of `size` slots, one after the other.
    slots: Vec<u32>,
    /// Slots of each band's table (a power of two, or 0).
    size: usize,
    /// Documents entered.
    len: usize,
}

/// Documents numbered from here on are not entered in the band table (the
/// number plus one must fit in 24 bits).
const MAX_ENTERED: u32 = (1 << 24) - 1;

/// The number-plus-one part of a band table slot.
const ENTRY_BITS: u32 = (1 << 24) - 1;

impl BandTable {
    /// The documents whose band `band` equals that of `sig`, in the order
    /// they were added.
    fn get<'a>(
        &'a self,
        band: usize,
        sig: &'a Signature,
        sigs: &'a [Option<Signature>],
    ) -> impl Iterator<Item = u32> + 'a {
        let key = band_key(band, sig);
        let mask = self.size.wrapping_sub(1);
        let base = band * self.size;
        let mut i = key as usize & mask;
        let rows = band * ROWS..(band + 1) * ROWS;
        let tag = tag_of(key);
        std::iter::from_fn(move || loop {
            let slot = *self.slots.get(base + i)?;
            if slot == 0 {
                return None;
            }
            i = (i + 1) & mask;
            let num = (slot & ENTRY_BITS) - 1;
            if slot & !ENTRY_BITS == tag
                && sigs.get(num as usize).is_some_and(|s| {
                    s.as_ref().and_then(|s| s.get(rows.clone())) == sig.get(rows.clone())
                })
            {
                return Some(num);
            }
        })
    }

    /// Moves the entries to tables of `size` slots a band.
    fn grow(&mut self, size: usize, sigs: &[Option<Signature>]) {
        let old = std::mem::replace(
            self,
            BandTable { slots: vec![0; size * BANDS], size, len: self.len },
        );
        for band in 0..BANDS {
            let region = old.slots.get(band * old.size..(band + 1) * old.size).unwrap_or(&[]);
            // From an empty slot on, so that each run of full slots (and
            // the entries of a band's value in it) is placed in its order.
            let from = region.iter().position(|&s| s == 0).unwrap_or(0);
            let (tail, head) = region.split_at(from);
            for &slot in head.iter().chain(tail).filter(|&&s| s != 0) {
                let entry = slot & ENTRY_BITS;
                if let Some(Some(sig)) = sigs.get(entry as usize - 1) {
                    self.place(band, band_key(band, sig), entry, None);
                }
            }
        }
    }

    /// Enters document `num` in every band where fewer than
    /// [`MAX_CANDIDATES`] entered documents share its value: a look-up
    /// reads only that many (the first ones entered), so a later one would
    /// never be read, and the long runs of a crowded value (the chains of
    /// narrators that open thousands of hadith) would make every insert
    /// walk them. `sigs` holds the signatures of the documents already
    /// entered (read again when the table grows).
    fn insert(&mut self, num: u32, sig: &Signature, sigs: &[Option<Signature>]) {
        if num >= MAX_ENTERED {
            return;
        }
        if (self.len + 1) * 4 > self.size * 3 {
            self.grow((self.size * 2).max(64), sigs);
        }
        for band in 0..BANDS {
            self.place(band, band_key(band, sig), num + 1, Some((sig, sigs)));
        }
        self.len += 1;
    }

    /// Puts `entry` in the first empty slot of its probe run; with `same`
    /// (its signature and those entered), not when the run already holds
    /// [`MAX_CANDIDATES`] entries of the same band value.
    fn place(
        &mut self,
        band: usize,
        key: u64,
        entry: u32,
        same: Option<(&Signature, &[Option<Signature>])>,
    ) {
        let mask = self.size.wrapping_sub(1);
        let base = band * self.size;
        let mut i = key as usize & mask;
        let tag = tag_of(key);
        let rows = band * ROWS..(band + 1) * ROWS;
        let mut equal = 0;
        for _ in 0..self.size {
            match self.slots.get_mut(base + i) {
                Some(slot @ 0) => {
                    *slot = entry | tag;
                    return;
                }
                Some(&mut slot) => {
                    if let Some((sig, sigs)) = same {
                        let num = (slot & ENTRY_BITS) - 1;
                        if slot & !ENTRY_BITS == tag
                            && sigs.get(num as usize).is_some_and(|s| {
                                s.as_ref().and_then(|s| s.get(rows.clone()))
                                    == sig.get(rows.clone())
                            })
                        {
                            equal += 1;
                            if equal >= MAX_CANDIDATES {
                                return;
                            }
                        }
                    }
                }
                None => return,
            }
            i = (i + 1) & mask;
        }
    }
}
/// The byte of a band key kept in the high bits of its slot.
fn tag_of(key: u64) -> u32 {
    ((key >> 56) as u32) << 24
}

/// The signature of a body given as its token map, `None` when it is too
/// short to compare.
pub(crate) fn signature(tokens: &[u8]) -> Option<Signature> {
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut mins = [u32::MAX; BINS];
    for (term, _) in TokenIter::new(tokens) {
        // Each word hashed once; a shingle's hash is its words' hashes
        // turned by their place in the window, whatever the ring's
        // rotation, and mixed once (two mixes a word, not one a word and
        // place).
        window[words % SHINGLE] = mix(u64::from(term));
        words += 1;
        if words >= SHINGLE {
            let mut h = 0;
            for k in 0..SHINGLE {
                h ^= window[(words + k) % SHINGLE].rotate_left((k * 64 / SHINGLE) as u32);
            }
            let h = mix(h);
            let bin = (h >> 58) as usize;
            let value = h as u32;
            if value < mins[bin] {
                mins[bin] = value;
            }
        }
    }
    if words < MIN_WORDS {
        return None;
    }
    // Densify: an empty bin takes the next full bin's value, changed by the
    // distance so that two empty bins do not agree by accident.
    let full: Vec<usize> = (0..BINS).filter(|&b| mins[b] != u32::MAX).collect();
    let mut sig = [0u8; BINS];
    for b in 0..BINS {
        let v = if mins[b] != u32::MAX {
            mins[b]
        } else {
            let next = full.iter().find(|&&f| f > b).or(full.first()).copied().unwrap_or(b);
            let distance = (next + BINS - b) % BINS;
            (mix(u64::from(mins[next]) ^ distance as u64) >> 32) as u32
        };
        sig[b] = v as u8;
    }
    Some(sig)
}

/// The table key of one band of a signature.
fn band_key(band: usize, sig: &Signature) -> u64 {
    let mut h = band as u64;
    for &v in &sig[band * ROWS..(band + 1) * ROWS] {
        h = mix(h ^ u64::from(v));
    }
    h
}

/// A strong 64-bit mixer (the finalizer of SplitMix64).
#[inline]
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::index::tokens;

    fn map(words: &[u32]) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut end = 0;
        for (i, &w) in words.iter().enumerate() {
            tokens::push(&mut buf, &mut end, w, Span { start: i * 6, end: i * 6 + 5 });
        }
        buf
    }

    fn similarity(a: &Signature, b: &Signature) -> f32 {
        a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / BINS as f32
    }

    #[test]
    fn band_entries_come_back_in_the_order_they_were_added_across_growth() {
        // Two crowded values of the first band among many single ones, added
        // interleaved so that the table grows several times while they fill.
        let sig_of = |num: u32| -> Signature {
            let mut sig = [0u8; BINS];
            let band: [u8; ROWS] = match num {
                n if n % 3 == 0 => [7, 7, 7, 7],
                n if n % 5 == 0 => [255, 0, 255, 0],
                n => (n.wrapping_mul(2_654_435_761) | 1).to_le_bytes(),
            };
            sig[..ROWS].copy_from_slice(&band);
            sig[ROWS..ROWS + 4].copy_from_slice(&num.to_le_bytes());
            sig
        };
        let mut d = Dedupe::default();
        for num in 0..3000u32 {
            d.push(num, Some(sig_of(num)), None);
        }
        let first = |sig: &Signature| d.bands.get(0, sig, &d.sigs).collect::<Vec<_>>();
        // A crowded value keeps its first MAX_CANDIDATES documents, the
        // ones a look-up reads.
        assert_eq!(
            first(&sig_of(3)),
            (0..3000).step_by(3).take(MAX_CANDIDATES).collect::<Vec<_>>()
        );
        let fives: Vec<u32> =
            (0..3000).filter(|n| n % 5 == 0 && n % 3 != 0).take(MAX_CANDIDATES).collect();
        assert_eq!(first(&sig_of(5)), fives);
        assert_eq!(first(&sig_of(1234)), [1234]);
        // The second band holds the number: one document each.
        assert_eq!(d.bands.get(1, &sig_of(2999), &d.sigs).collect::<Vec<_>>(), [2999]);
        assert_eq!(first(&[1; BINS]), Vec::<u32>::new());
        assert_eq!(BandTable::default().get(0, &sig_of(3), &d.sigs).count(), 0);
    }

    #[test]
    fn copies_take_no_room_in_the_band_table() {
        // A collection that is one story many times over (a replica, a
        // feed scraped again and again): room is made for the signatures,
        // the band table holds the originals only.
        let mut d = Dedupe::default();
        d.reserve(5000);
        let sig = [7u8; BINS];
        d.push(0, Some(sig), None);
        for num in 1..5000 {
            d.push(num, Some(sig), Some(0));
        }
        assert_eq!(d.bands.len, 1);
        assert_eq!(d.bands.size, 64);
        assert_eq!(d.copies[0], 4999);
    }

    #[test]
    fn documents_past_the_slot_numbers_are_compared_but_not_entered() {
        let sig = [9u8; BINS];
        let mut t = BandTable::default();
        t.insert(MAX_ENTERED - 1, &sig, &[]);
        t.insert(MAX_ENTERED, &sig, &[]);
        assert_eq!(t.len, 1);
        let entered: Vec<u32> =
            t.slots.iter().filter(|&&s| s != 0).map(|s| s & ENTRY_BITS).collect();
        assert_eq!(entered, [MAX_ENTERED; BANDS], "the last number that fits, once a band");
    }

    #[test]
    fn signatures_estimate_similarity_and_short_bodies_are_skipped() {
        let base: Vec<u32> = (0..300).map(|i| (i * 7919) % 1000).collect();
        let mut edited = base.clone();
        for i in [40, 150, 260] {
            edited[i] = 5000 + i as u32;
        }
        let other: Vec<u32> = (0..300).map(|i| 2000 + i).collect();
        let (a, b, c) = (
            signature(&map(&base)).unwrap(),
            signature(&map(&edited)).unwrap(),
            signature(&map(&other)).unwrap(),
        );
        assert!(similarity(&a, &b) >= DUPLICATE_THRESHOLD, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.2, "{}", similarity(&a, &c));
        assert_eq!(signature(&map(&base[..MIN_WORDS - 1])), None);
        let mut d = Dedupe::default();
        d.push(0, Some(a), None);
        d.push(1, Some(c), None);
        assert_eq!(d.find(&b, |_| true), Some(0));
        assert_eq!(d.find(&b, |n| n != 0), None);
        assert_eq!(
            d.find(&signature(&map(&(500..800).collect::<Vec<_>>())).unwrap(), |_| true),
            None
        );
    }
}
