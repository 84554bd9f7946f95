//! HUFFMAN CODES: canonical prefix codes over bytes, one code for each of
//! [`CLASSES`] contexts (the kind of byte before: a letter, a diacritic, a
//! space, anything else), of at most [`MAX_BITS`] bits, so that a byte is
//! decoded with one look-up. The store codes its packed bodies with codes
//! made from the collection's first text (see `index::packed`): diacritized
//! Arabic takes about four bits a letter, where packing takes eight.
//!
//! Bits are written from the low bit of each byte up; a code's first bit is
//! its lowest. Every sequence of bits decodes to something: the codes are
//! complete (their lengths checked when read from a file).

/// Longest code, in bits.
pub(crate) const MAX_BITS: u32 = 12;
/// Number of contexts, each with a code of its own.
pub(crate) const CLASSES: usize = 4;

/// Byte counts by context, to make codes from.
pub(crate) type Counts = [[u32; 256]; CLASSES];

/// The context of the byte after `prev`: 1 after an Arabic diacritic
/// (U+064B–U+0652 packed), 2 after another packed Arabic character, 3 after
/// a space, 0 after anything else.
#[inline]
fn class(prev: u8) -> usize {
    match prev {
        0x8B..=0x92 => 1,
        0x80.. => 2,
        b' ' => 3,
        _ => 0,
    }
}

/// Adds the bytes of `packed` to `counts`.
pub(crate) fn count(packed: &[u8], counts: &mut Counts) {
    let mut prev = b' ';
    for &b in packed {
        counts[class(prev)][b as usize] += 1;
        prev = b;
    }
}

/// The codes of every context: their lengths (what a file keeps), each
/// byte's code with its bits reversed (for writing), and a table of
/// `1 << MAX_BITS` entries per context (for reading: the byte and the
/// code's length, found by the next `MAX_BITS` bits).
#[derive(Clone, Debug)]
pub(crate) struct Codes {
    lengths: Box<[[u8; 256]; CLASSES]>,
    codes: Box<[[u16; 256]; CLASSES]>,
    table: Box<[u16]>,
}

impl Codes {
    /// Codes made from byte counts: a Huffman code per context, every byte
    /// given a code (counts are raised by a floor, doubled until no code
    /// is longer than [`MAX_BITS`]).
    pub(crate) fn train(counts: &Counts) -> Codes {
        let mut lengths = [[0u8; 256]; CLASSES];
        for (out, counts) in lengths.iter_mut().zip(counts) {
            let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            let mut floor = (total >> 16).max(1);
            loop {
                *out = huffman_lengths(counts, floor);
                if out.iter().all(|&l| u32::from(l) <= MAX_BITS) {
                    break;
                }
                floor *= 2;
            }
        }
        Codes::from_lengths(&lengths).expect("Huffman codes are complete")
    }

    /// Codes of these lengths, or `None` when they are not a complete
    /// prefix code of at most [`MAX_BITS`] bits in every context.
    pub(crate) fn from_lengths(lengths: &[[u8; 256]; CLASSES]) -> Option<Codes> {
        let mut codes = Box::new([[0u16; 256]; CLASSES]);
        let mut table = vec![0u16; CLASSES << MAX_BITS].into_boxed_slice();
        for c in 0..CLASSES {
            let lens = &lengths[c];
            // Kraft: the codes fill the space of MAX_BITS-bit strings exactly.
            let space: u32 = lens.iter().map(|&l| (1 << MAX_BITS) >> l.min(31)).sum();
            if space != 1 << MAX_BITS || lens.iter().any(|&l| l == 0 || u32::from(l) > MAX_BITS) {
                return None;
            }
            // Canonical: by length, then byte.
            let mut order: Vec<u64> =
                (0..256u64).map(|b| u64::from(lens[b as usize]) << 8 | b).collect();
            order.sort_unstable();
            let (mut code, mut prev) = (0u32, 0u32);
            for key in order {
                let (len, byte) = ((key >> 8) as u32, (key & 0xFF) as usize);
                code <<= len - prev;
                prev = len;
                let reversed = (code.reverse_bits() >> (32 - len)) as u16;
                codes[c][byte] = reversed;
                let entry = byte as u16 | (len as u16) << 8;
                let slots = table.get_mut(c << MAX_BITS..(c + 1) << MAX_BITS)?;
                for slot in slots.iter_mut().skip(usize::from(reversed)).step_by(1 << len) {
                    *slot = entry;
                }
                code += 1;
            }
        }
        Some(Codes { lengths: Box::new(*lengths), codes, table })
    }

    /// The code lengths, as a file keeps them.
    pub(crate) fn lengths(&self) -> &[[u8; 256]; CLASSES] {
        &self.lengths
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        CLASSES * 256 * 3 + self.table.len() * 2
    }

    /// Appends `bytes`, coded, to `out` (the last byte padded with zeros),
    /// when that takes fewer than `limit` bytes; otherwise appends nothing
    /// and returns `false`, having stopped as soon as it knew (so that
    /// text the codes do not suit never grows `out` beyond `limit`).
    pub(crate) fn encode(&self, bytes: &[u8], out: &mut Vec<u8>, limit: usize) -> bool {
        let start = out.len();
        let (mut acc, mut bits) = (0u64, 0u32);
        let mut prev = b' ';
        for &b in bytes {
            let c = class(prev);
            acc |= u64::from(self.codes[c][b as usize]) << bits;
            bits += u32::from(self.lengths[c][b as usize]);
            if bits >= 32 {
                if out.len() - start + 4 >= limit {
                    out.truncate(start);
                    return false;
                }
                out.extend_from_slice(&(acc as u32).to_le_bytes());
                acc >>= 32;
                bits -= 32;
            }
            prev = b;
        }
        while bits > 0 {
            out.push(acc as u8);
            acc >>= 8;
            bits = bits.saturating_sub(8);
        }
        if out.len() - start >= limit {
            out.truncate(start);
            return false;
        }
        true
    }

    /// Appends the `n` bytes that `coded` codes to `out`; past its end,
    /// the bits read are zeros.
    pub(crate) fn decode(&self, coded: &[u8], n: usize, out: &mut Vec<u8>) {
        out.reserve(n);
        let (mut acc, mut bits, mut at) = (0u64, 0u32, 0usize);
        let mut prev = b' ';
        for _ in 0..n {
            if bits < MAX_BITS {
                // Whole bytes into the 64-bit buffer, eight at once where
                // there are eight.
                if let Some(word) = coded.get(at..at + 8) {
                    let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                    acc |= word << bits;
                    at += ((63 - bits) / 8) as usize;
                    bits |= 56;
                } else {
                    while bits <= 56 {
                        acc |= u64::from(coded.get(at).copied().unwrap_or(0)) << bits;
                        at += 1;
                        bits += 8;
                    }
                }
            }
            let i = class(prev) << MAX_BITS | (acc as usize & ((1 << MAX_BITS) - 1));
            let entry = self.table.get(i).copied().unwrap_or(0);
            let len = u32::from(entry >> 8).max(1);
            acc >>= len;
            bits -= len;
            prev = entry as u8;
            out.push(prev);
        }
    }
}

/// Huffman code lengths of 256 bytes counted `counts` (each raised by
/// `floor`): the two lightest of the leaves (sorted) and the inner nodes
/// (made in order of weight) join, until one is left.
fn huffman_lengths(counts: &[u32; 256], floor: u64) -> [u8; 256] {
    const NODES: usize = 2 * 256 - 1;
    // Leaves sorted by weight: weight << 8 | byte.
    let mut leaves: Vec<u64> =
        (0..256u64).map(|b| (u64::from(counts[b as usize]) + floor) << 8 | b).collect();
    leaves.sort_unstable();
    let mut weight = [0u64; NODES];
    for (w, leaf) in weight.iter_mut().zip(&leaves) {
        *w = leaf >> 8;
    }
    let mut parent = [0usize; NODES];
    let (mut leaf, mut inner) = (0usize, 256usize);
    for next in 256..NODES {
        let mut lightest = || {
            let take_leaf = leaf < 256 && (inner >= next || weight[leaf] <= weight[inner]);
            let i = if take_leaf { &mut leaf } else { &mut inner };
            *i += 1;
            *i - 1
        };
        let (a, b) = (lightest(), lightest());
        weight[next] = weight[a] + weight[b];
        parent[a] = next;
        parent[b] = next;
    }
    let mut depth = [0u8; NODES];
    for i in (0..NODES - 1).rev() {
        depth[i] = depth[parent[i]].saturating_add(1);
    }
    let mut lengths = [0u8; 256];
    for (i, leaf) in leaves.iter().enumerate() {
        lengths[(leaf & 0xFF) as usize] = depth[i];
    }
    lengths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        // Packed Arabic: letters (0x80+), diacritics (0x8B–0x92), spaces,
        // now and then ASCII and an escape.
        let mut out = Vec::new();
        let mut x = 12345u32;
        for i in 0..20_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            out.push(match i % 7 {
                6 => b' ',
                1 | 3 => 0x8B + (x >> 16) as u8 % 8,
                _ if x % 97 == 0 => (x >> 8) as u8,
                _ => 0xA1 + (x >> 16) as u8 % 40,
            });
        }
        out
    }

    /// Codes made from `bytes`.
    fn trained(bytes: &[u8]) -> Codes {
        let mut counts = [[0u32; 256]; CLASSES];
        count(bytes, &mut counts);
        Codes::train(&counts)
    }

    #[test]
    fn coded_bytes_decode_to_themselves_and_take_fewer_bits() {
        let bytes = sample();
        let codes = trained(&bytes);
        for len in [0, 1, 2, 7, 8, 9, 63, 64, 65, 1000, bytes.len()] {
            let mut coded = Vec::new();
            assert!(codes.encode(&bytes[..len], &mut coded, usize::MAX));
            let mut back = Vec::new();
            codes.decode(&coded, len, &mut back);
            assert_eq!(back, &bytes[..len], "{len}");
        }
        let mut coded = Vec::new();
        assert!(codes.encode(&bytes, &mut coded, usize::MAX));
        assert!(coded.len() * 10 < bytes.len() * 7, "{} of {}", coded.len(), bytes.len());
        // Every byte has a code, even one never counted, within MAX_BITS.
        let all: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        let (mut coded, mut back) = (Vec::new(), Vec::new());
        assert!(codes.encode(&all, &mut coded, usize::MAX));
        codes.decode(&coded, all.len(), &mut back);
        assert_eq!(back, all);
        assert!(codes.lengths().iter().flatten().all(|&l| (1..=MAX_BITS as u8).contains(&l)));
    }

    #[test]
    fn lengths_round_trip_and_incomplete_codes_are_refused() {
        let codes = trained(&sample());
        let again = Codes::from_lengths(codes.lengths()).expect("complete");
        assert_eq!(again.table, codes.table);
        // One byte's code made longer: the space is no longer filled.
        let mut lengths = *codes.lengths();
        let i = lengths[0].iter().position(|&l| u32::from(l) < MAX_BITS).unwrap();
        lengths[0][i] += 1;
        assert!(Codes::from_lengths(&lengths).is_none());
        assert!(Codes::from_lengths(&[[0; 256]; CLASSES]).is_none());
        assert!(Codes::from_lengths(&[[8; 256]; CLASSES]).is_some());
        assert!(Codes::from_lengths(&[[13; 256]; CLASSES]).is_none());
        // Uniform counts: eight bits each.
        let flat = Codes::train(&[[5; 256]; CLASSES]);
        assert!(flat.lengths().iter().flatten().all(|&l| l == 8));
    }

    #[test]
    fn coding_stops_at_its_limit_and_leaves_nothing() {
        let bytes = sample();
        let codes = trained(&bytes);
        let mut whole = Vec::new();
        assert!(codes.encode(&bytes, &mut whole, usize::MAX));
        let mut out = vec![7u8];
        assert!(!codes.encode(&bytes, &mut out, whole.len()));
        assert_eq!(out, [7]);
        assert!(codes.encode(&bytes, &mut out, whole.len() + 1));
        assert_eq!(out[1..], whole[..]);
    }

    #[test]
    fn any_bits_decode_without_panic() {
        let codes = Codes::train(&[[1; 256]; CLASSES]);
        let mut out = Vec::new();
        codes.decode(&[0xFF, 0x00, 0x5A], 100, &mut out);
        assert_eq!(out.len(), 100);
        codes.decode(&[], 3, &mut out);
        assert_eq!(out.len(), 103);
    }
}
