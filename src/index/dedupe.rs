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

/// A MinHash signature; values are the low 16 bits of the bin minima.
pub(crate) type Signature = [u16; BINS];

/// Signatures by document number and the band table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Dedupe {
    /// By document number; `None` for short or removed documents.
    sigs: Vec<Option<Signature>>,
    /// (band fingerprint, document number) of every document that is not
    /// itself a duplicate: 32 bits of each band key (a fingerprint shared
    /// by chance only adds a candidate, whose whole signature is compared).
    bands: BandTable,
    /// How many documents name each document number as their original.
    pub copies: Vec<u32>,
}

impl Dedupe {
    /// Number of document slots known.
    pub(crate) fn len(&self) -> usize {
        self.sigs.len()
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
            let fp = fingerprint(band_key(band, sig));
            for num in self.bands.get(fp).take(MAX_CANDIDATES) {
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
        if let (Some(sig), None) = (&sig, copy_of) {
            self.insert_bands(num, sig);
        }
        if let Some(o) = copy_of {
            if let Some(c) = self.copies.get_mut(o as usize) {
                *c += 1;
            }
        }
        self.sigs.push(sig);
        self.copies.push(0);
    }

    /// Makes `num` an original (its original was removed).
    pub(crate) fn promote(&mut self, num: u32) {
        if let Some(&Some(sig)) = self.sigs.get(num as usize) {
            self.insert_bands(num, &sig);
        }
    }

    fn insert_bands(&mut self, num: u32, sig: &Signature) {
        for band in 0..BANDS {
            let fp = fingerprint(band_key(band, sig));
            self.bands.insert(fp, num);
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

/// The band table: open addressing with linear probing, a slot per entry
/// holding the fingerprint above the document number plus one (0: empty).
/// Entries are never removed (the table is rebuilt when the store
/// compacts), so the entries of a fingerprint come in the order they were
/// added. Eight bytes an entry, at most three quarters full; a look-up is
/// usually one read, which lets the sixteen of a document overlap.
#[derive(Clone, Debug, Default)]
struct BandTable {
    slots: Vec<u64>,
    len: usize,
}

impl BandTable {
    /// The documents entered under `fp`, in the order they were added.
    fn get(&self, fp: u32) -> impl Iterator<Item = u32> + '_ {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = hash(fp) as usize & mask;
        std::iter::from_fn(move || loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            i = (i + 1) & mask;
            if (slot >> 32) as u32 == fp {
                return Some((slot as u32).wrapping_sub(1));
            }
        })
    }

    fn insert(&mut self, fp: u32, num: u32) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let size = (self.slots.len() * 2).max(64);
            let old = std::mem::replace(&mut self.slots, vec![0; size]);
            // From an empty slot on, so that each run of full slots (and
            // the entries of a fingerprint in it) is placed in its order.
            let from = old.iter().position(|&s| s == 0).unwrap_or(0);
            let (tail, head) = old.split_at(from);
            for &slot in head.iter().chain(tail).filter(|&&s| s != 0) {
                self.place(slot);
            }
        }
        self.place(u64::from(fp) << 32 | u64::from(num.wrapping_add(1)));
        self.len += 1;
    }

    fn place(&mut self, entry: u64) {
        super::place(&mut self.slots, hash((entry >> 32) as u32), entry);
    }
}

/// The signature of a body given as its token map, `None` when it is too
/// short to compare.
pub(crate) fn signature(tokens: &[u8]) -> Option<Signature> {
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut mins = [u32::MAX; BINS];
    for (term, _) in TokenIter::new(tokens) {
        window[words % SHINGLE] = u64::from(term);
        words += 1;
        if words >= SHINGLE {
            // The window in word order, whatever the ring's rotation.
            let mut h = 0x9E37_79B9_7F4A_7C15u64;
            for k in 0..SHINGLE {
                h = mix(h ^ window[(words + k) % SHINGLE]);
            }
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
    let mut sig = [0u16; BINS];
    for b in 0..BINS {
        let v = if mins[b] != u32::MAX {
            mins[b]
        } else {
            let next = full.iter().find(|&&f| f > b).or(full.first()).copied().unwrap_or(b);
            let distance = (next + BINS - b) % BINS;
            (mix(u64::from(mins[next]) ^ distance as u64) >> 32) as u32
        };
        sig[b] = v as u16;
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
/// The 32 bits of a band key kept in the table.
fn fingerprint(key: u64) -> u32 {
    (key >> 32) as u32
}

/// The table hash of a fingerprint.
fn hash(fp: u32) -> u64 {
    mix(u64::from(fp))
}

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
        let mut t = BandTable::default();
        // Two crowded fingerprints among many single ones, added interleaved
        // so that the table grows several times while they fill.
        for num in 0..3000u32 {
            t.insert(num.wrapping_mul(2_654_435_761), num);
            if num % 3 == 0 {
                t.insert(7, num);
            }
            if num % 5 == 0 {
                t.insert(u32::MAX, num);
            }
        }
        assert_eq!(t.get(7).collect::<Vec<_>>(), (0..3000).step_by(3).collect::<Vec<_>>());
        assert_eq!(t.get(u32::MAX).collect::<Vec<_>>(), (0..3000).step_by(5).collect::<Vec<_>>());
        assert_eq!(t.get(1234u32.wrapping_mul(2_654_435_761)).collect::<Vec<_>>(), [1234]);
        assert_eq!(t.get(3).count(), 0);
        assert_eq!(BandTable::default().get(7).count(), 0);
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
