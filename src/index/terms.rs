//! TERM DICTIONARY: interned terms with dense ids, one arena for their text,
//! and a sorted view for prefix lookup.

/// Fast non-cryptographic hash of a term (FxHash-style multiply-rotate over
/// eight-byte words, with a final mix so that both the low bits, which pick
/// a slot, and the high bits, kept as a tag, are spread). The recognizer's
/// word tables use it too.
pub(crate) fn hash_term(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = s.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The rest as a little-endian word, without a call to `memcpy`.
        let w = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Slots for `terms` terms: a power of two, at most three quarters full.
fn slots_for(terms: usize) -> usize {
    (terms * 4 / 3 + 1).next_power_of_two().max(16)
}

/// Whether two terms are equal, eight bytes at a time: terms are short,
/// and in wasm `memcmp` compares a byte at a time behind a call.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        if u64::from_ne_bytes(p.try_into().unwrap_or_default())
            != u64::from_ne_bytes(q.try_into().unwrap_or_default())
        {
            return false;
        }
    }
    let tail = |r: &[u8]| r.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
    tail(x.remainder()) == tail(y.remainder())
}

/// A [`Hasher`](std::hash::Hasher) with the same multiply-rotate as the
/// term dictionary, for maps keyed by strings of the collection (document
/// ids): several times faster than the default SipHash, which matters when
/// an index of tens of thousands of documents loads.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// Terms interned to dense `u32` ids.
///
/// The table is open addressing with linear probing: per slot, the high 32
/// bits of the term's hash above its id plus one (0: empty). A probe reads
/// the term's text only when those bits agree, and the comparison is
/// inlined (a generic table calls it through a pointer, which in wasm is a
/// large share of indexing time).
#[derive(Clone, Debug, Default)]
pub(crate) struct TermDict {
    arena: String,
    ends: Vec<u32>,
    slots: Vec<u64>,
}

impl TermDict {
    /// An empty dictionary with room for `terms` terms of `bytes` bytes in
    /// all (loading an index knows both).
    pub(crate) fn with_capacity(terms: usize, bytes: usize) -> TermDict {
        TermDict {
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(terms),
            slots: vec![0; slots_for(terms)],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of a term id (empty for an unknown id).
    pub(crate) fn term(&self, id: u32) -> &str {
        let i = id as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) as usize };
        self.arena.get(start..end).unwrap_or("")
    }

    /// The bytes of term `id` (empty for an unknown id).
    #[inline]
    fn bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.arena.as_bytes().get(start..end).unwrap_or_default()
    }

    /// The slot of `term`: where its id is, or the empty slot where it
    /// would go.
    #[inline]
    fn slot(&self, term: &[u8], hash: u64) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let high = hash >> 32;
        let mut i = hash as usize & mask;
        while let Some(&slot) = self.slots.get(i) {
            if slot == 0 || (slot >> 32 == high && same(self.bytes(slot as u32 - 1), term)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        0
    }

    pub(crate) fn get(&self, term: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots.get(self.slot(term.as_bytes(), hash_term(term))).copied()?;
        (slot != 0).then(|| slot as u32 - 1)
    }

    /// The id of `term`, adding it when new.
    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        if (self.ends.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let hash = hash_term(term);
        let at = self.slot(term.as_bytes(), hash);
        let Some(slot) = self.slots.get_mut(at) else { return 0 };
        if *slot != 0 {
            return *slot as u32 - 1;
        }
        let id = self.ends.len() as u32;
        *slot = (hash >> 32) << 32 | u64::from(id + 1);
        self.arena.push_str(term);
        self.ends.push(self.arena.len() as u32);
        id
    }

    /// Doubles the table (at least 16 slots) and places every term again.
    #[cold]
    fn grow(&mut self) {
        let size = slots_for(self.ends.len() + 1).max(self.slots.len() * 2);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            let hash = hash_term(self.term(slot as u32 - 1));
            super::place(&mut self.slots, hash, slot);
        }
    }

    /// Term ids sorted by their text, for prefix ranges.
    pub(crate) fn sorted_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.len() as u32).collect();
        ids.sort_unstable_by(|&a, &b| self.term(a).cmp(self.term(b)));
        ids
    }

    /// Ids (from `sorted`, as made by [`TermDict::sorted_ids`]) of the terms
    /// that start with `prefix`.
    pub(crate) fn prefix_range<'s>(&self, sorted: &'s [u32], prefix: &str) -> &'s [u32] {
        let lo = sorted.partition_point(|&id| self.term(id) < prefix);
        let hi = lo + sorted[lo..].partition_point(|&id| self.term(id).starts_with(prefix));
        &sorted[lo..hi]
    }

    /// Bytes of heap used, for statistics.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.arena.capacity() + self.ends.capacity() * 4 + self.slots.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_prefix_ranges_are_exact() {
        let mut d = TermDict::default();
        let words = ["صين", "صيني", "كازاخستان", "صينيه", "بكين", "صين"];
        let ids: Vec<u32> = words.iter().map(|w| d.intern(w)).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4, 0]);
        assert_eq!(d.get("بكين"), Some(4));
        assert_eq!(d.get("بيجين"), None);
        let sorted = d.sorted_ids();
        let mut got: Vec<&str> =
            d.prefix_range(&sorted, "صين").iter().map(|&i| d.term(i)).collect();
        got.sort_unstable();
        assert_eq!(got, ["صين", "صيني", "صينيه"]);
    }

    #[test]
    fn many_terms_survive_table_growth() {
        let mut d = TermDict::default();
        for i in 0..5000 {
            d.intern(&format!("t{i}"));
        }
        assert!((0..5000).all(|i| d.get(&format!("t{i}")) == Some(i)));
    }
}
