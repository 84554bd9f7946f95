//! TOKEN MAP: per document, the body's indexed tokens as (surface term id,
//! byte span), so snippets find the matched words without analysing the
//! text again.
//!
//! Per token, three LEB128 varints: the term id, the gap from the end of
//! the previous token to this token's start, and the token's length in
//! bytes. About four bytes a token.

use crate::codec::varint::{get_u32, put_u32};
use crate::document::Span;

/// Appends a token; `prev_end` is the end of the previous token (0 at first).
pub(crate) fn push(buf: &mut Vec<u8>, prev_end: &mut usize, term: u32, span: Span) {
    put_u32(buf, term);
    put_u32(buf, span.start.saturating_sub(*prev_end) as u32);
    put_u32(buf, span.len() as u32);
    *prev_end = span.end;
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
        let start = self.end.checked_add(get_u32(self.bytes, &mut self.pos)? as usize)?;
        let end = start.checked_add(get_u32(self.bytes, &mut self.pos)? as usize)?;
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
}
