//! TERM DICTIONARY: interned terms with dense ids, one arena for their text,
//! and a sorted view for prefix lookup.

use hashbrown::HashTable;

/// Fast non-cryptographic hash of a term (FxHash-style multiply-rotate over
/// eight-byte words, with a final mix so hashbrown's high bits are good).
fn hash_term(s: &str) -> u64 {
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
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^ (h >> 29)
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
#[derive(Clone, Debug, Default)]
pub(crate) struct TermDict {
    arena: String,
    ends: Vec<u32>,
    table: HashTable<u32>,
}

impl TermDict {
    /// An empty dictionary with room for `terms` terms of `bytes` bytes in
    /// all (loading an index knows both).
    pub(crate) fn with_capacity(terms: usize, bytes: usize) -> TermDict {
        TermDict {
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(terms),
            table: HashTable::with_capacity(terms),
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

    pub(crate) fn get(&self, term: &str) -> Option<u32> {
        self.table.find(hash_term(term), |&id| self.term(id) == term).copied()
    }

    /// The id of `term`, adding it when new.
    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        let hash = hash_term(term);
        let TermDict { arena, ends, table } = self;
        let text = |id: u32| {
            let i = id as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            &arena[start..ends[i] as usize]
        };
        if let Some(&id) = table.find(hash, |&id| text(id) == term) {
            return id;
        }
        let id = ends.len() as u32;
        arena.push_str(term);
        ends.push(arena.len() as u32);
        let (arena, ends) = (&*arena, &*ends);
        table.insert_unique(hash, id, |&other| {
            let i = other as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            hash_term(&arena[start..ends[i] as usize])
        });
        id
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
        self.arena.capacity() + self.ends.capacity() * 4 + self.table.capacity() * 5
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
