//! TOKEN MAP: per document, the body's indexed tokens as (surface term id,
//! byte span), so snippets find the matched words without analysing the
//! text again.
//!
//! Per token the term id (LEB128), then one byte: the gap from the end of
//! the previous token to this token's start in its two high bits and the
//! token's length in bytes in its six low bits, when the gap is at most 3
//! and the length under 64 (19 tokens in 20 of the bench's hadith: a
//! space, or a comma and a space, before a word of fewer than 32
//! letters and marks); else a zero byte (a token is never empty), then
//! the gap and the length as LEB128. About 2.7 bytes a token. (Up to
//! format 7 the gap and the length took a value each: [`upgrade`].)

use crate::codec::varint::{get_u32, put_u32};
use crate::document::Span;

/// Appends a token; `prev_end` is the end of the previous token (0 at first).
pub(crate) fn push(buf: &mut Vec<u8>, prev_end: &mut usize, term: u32, span: Span) {
    put_u32(buf, term);
    let gap = span.start.saturating_sub(*prev_end);
    let len = span.len();
    if gap <= 3 && (1..64).contains(&len) {
        buf.push((gap << 6 | len) as u8);
    } else {
        buf.push(0);
        put_u32(buf, gap as u32);
        put_u32(buf, len as u32);
    }
    *prev_end = span.end;
}

/// A token map of format 7 or before (three values a token: term id, gap,
/// length) written as this format writes it; stops at the first malformed
/// byte, as a reader does.
pub(crate) fn upgrade(old: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(old.len());
    let (mut pos, mut end, mut prev_end) = (0, 0usize, 0);
    while pos < old.len() {
        let (Some(term), Some(gap), Some(len)) =
            (get_u32(old, &mut pos), get_u32(old, &mut pos), get_u32(old, &mut pos))
        else {
            break;
        };
        let Some(start) = end.checked_add(gap as usize) else { break };
        let Some(stop) = start.checked_add(len as usize) else { break };
        end = stop;
        push(&mut out, &mut prev_end, term, Span { start, end: stop });
    }
    out
}

/// Decodes a token map; stops quietly at the first malformed byte.
pub(crate) struct TokenIter<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> TokenIter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> TokenIter<'a> {
        TokenIter { bytes, pos: 0, end: 0 }
    }
}

impl Iterator for TokenIter<'_> {
    type Item = (u32, Span);

    #[inline]
    fn next(&mut self) -> Option<(u32, Span)> {
        let term = get_u32(self.bytes, &mut self.pos)?;
        let both = *self.bytes.get(self.pos)?;
        self.pos += 1;
        let (gap, len) = if both != 0 {
            (usize::from(both >> 6), usize::from(both & 0x3F))
        } else {
            (
                get_u32(self.bytes, &mut self.pos)? as usize,
                get_u32(self.bytes, &mut self.pos)? as usize,
            )
        };
        let start = self.end.checked_add(gap)?;
        let end = start.checked_add(len)?;
        self.end = end;
        Some((term, Span { start, end }))
    }
}

/// The map with term ids renumbered (`remap[old]`; unknown ids become
/// `u32::MAX`, which matches nothing).
pub(crate) fn remapped(bytes: &[u8], remap: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut prev_end = 0;
    for (term, span) in TokenIter::new(bytes) {
        push(&mut out, &mut prev_end, remap.get(term as usize).copied().unwrap_or(u32::MAX), span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_remap() {
        let mut buf = Vec::new();
        let mut end = 0;
        let spans = [
            (7, Span { start: 0, end: 8 }),
            (2, Span { start: 9, end: 21 }),
            (7, Span { start: 300, end: 304 }),
        ];
        for (t, s) in spans {
            push(&mut buf, &mut end, t, s);
        }
        assert_eq!(TokenIter::new(&buf).collect::<Vec<_>>(), spans);
        let r: Vec<u32> =
            TokenIter::new(&remapped(&buf, &[0, 0, 5, 0, 0, 0, 0, 1])).map(|t| t.0).collect();
        assert_eq!(r, [1, 5, 1]);
        assert_eq!(TokenIter::new(&[0x80]).count(), 0);
    }

    #[test]
    fn most_tokens_take_a_byte_past_their_term_and_old_maps_are_rewritten_alike() {
        // A space before a word, a comma and a space, no gap (2024م), then
        // a gap of four bytes, a word of 64 bytes and one far on.
        let spans = [
            (3, Span { start: 0, end: 10 }),
            (4, Span { start: 11, end: 31 }),
            (5, Span { start: 34, end: 38 }),
            (6, Span { start: 38, end: 40 }),
            (7, Span { start: 44, end: 50 }),
            (8, Span { start: 51, end: 115 }),
            (300, Span { start: 100_000, end: 100_063 }),
        ];
        let (mut buf, mut old, mut end) = (Vec::new(), Vec::new(), 0);
        for (t, s) in spans {
            push(&mut buf, &mut end, t, s);
        }
        assert_eq!(TokenIter::new(&buf).collect::<Vec<_>>(), spans);
        // Term and byte; term, 0, gap, length; 300 in two bytes, 0, the
        // gap in three, the length.
        assert_eq!(buf.len(), 4 * 2 + 2 * (1 + 3) + (2 + 1 + 3 + 1));
        let mut prev = 0;
        for (t, s) in spans {
            for v in [t, (s.start - prev) as u32, s.len() as u32] {
                put_u32(&mut old, v);
            }
            prev = s.end;
        }
        assert_eq!(upgrade(&old), buf);
        assert_eq!(upgrade(&old[..old.len() - 1]), buf[..buf.len() - 7]);
    }
}
