//! PACKED TEXT: the stored bodies in one byte per Arabic letter.
//!
//! UTF-8 takes two bytes for every Arabic letter and diacritic, so the
//! stored text of an Arabic collection is twice its number of letters, and
//! most of the index's memory. Packed, every character of U+0600–U+067F
//! (letters, diacritics, Arabic digits and punctuation) is one byte with the
//! high bit set, ASCII stays as it is, and any other character is [`ESC`]
//! followed by its UTF-8 bytes (so is a literal [`ESC`]):
//!
//! | text | packed |
//! |---|---|
//! | U+0000–U+007F except U+0001 | the same byte |
//! | U+0600–U+067F | `0x80 + (c − 0x600)` |
//! | any other character, and U+0001 | `0x01`, then its UTF-8 bytes |
//!
//! Arabic text packs to a little over half its UTF-8 size; a text without
//! Arabic packs to its UTF-8 size plus one byte per character that is not
//! ASCII. Bodies are unpacked when they are read (snippets, documents), a
//! few at a time.
//!
//! The store then keeps a body as its packed length (LEB128) followed by
//! either its packed bytes (as many), or fewer bytes: the packed bytes
//! coded with the store's Huffman codes (`codec::huffman`), made from the
//! collection's first [`TRAIN_BYTES`] of packed text. Diacritized Arabic
//! codes to about half its packed size; a body the codes would not make
//! smaller, and every body before the codes are made, stays packed.

use crate::codec::huffman::Codes;
use crate::codec::varint::{get_u32, put_u32};

/// Packed text counted before the store makes its codes: enough for the
/// bytes of Arabic text to be counted as they occur; a smaller collection
/// keeps its bodies packed.
pub(crate) const TRAIN_BYTES: usize = 128 << 10;

/// The escape byte: a character outside ASCII and U+0600–U+067F follows, as
/// UTF-8.
const ESC: u8 = 0x01;

/// Length of the UTF-8 sequence a lead byte starts (1 for a byte that
/// starts none, which [`check`] then rejects).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Appends `text`, packed, to `out`.
pub(crate) fn pack(text: &str, out: &mut Vec<u8>) {
    let b = text.as_bytes();
    out.reserve(b.len() / 2 + 16);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            ESC => {
                out.extend_from_slice(&[ESC, ESC]);
                i += 1;
            }
            0..0x80 => {
                // A run of ASCII at once (spaces, digits, Latin words).
                let run = b[i..].iter().position(|&x| x >= 0x80 || x == ESC).unwrap_or(b.len() - i);
                out.extend_from_slice(&b[i..i + run]);
                i += run;
            }
            0xD8 | 0xD9 => {
                let next = b.get(i + 1).copied().unwrap_or(0x80);
                out.push(0x80 | (c & 1) << 6 | (next & 0x3F));
                i += 2;
            }
            _ => {
                let n = utf8_len(c);
                out.push(ESC);
                out.extend_from_slice(b.get(i..i + n).unwrap_or(&[]));
                i += n;
            }
        }
    }
}

/// The packed bytes as text. Packed bytes that [`check`] accepts unpack
/// exactly to the text that was packed; others unpack with U+FFFD in place
/// of what is not a character.
pub(crate) fn unpack(packed: &[u8]) -> String {
    // UTF-8 is written as bytes, then checked at once with SIMD and copied
    // (pushing each letter as a `char` made a search that unpacked its ten
    // hits' bodies about 8% slower in wasm).
    let mut bytes = Vec::with_capacity(packed.len() * 2);
    let mut i = 0;
    while let Some(&c) = packed.get(i) {
        if c >= 0x80 {
            bytes.extend_from_slice(&[0xD8 | (c >> 6 & 1), 0x80 | (c & 0x3F)]);
            i += 1;
        } else if c != ESC {
            bytes.push(c);
            i += 1;
        } else {
            let n = packed.get(i + 1).map_or(1, |&lead| utf8_len(lead));
            let char = packed.get(i + 1..i + 1 + n).and_then(|s| std::str::from_utf8(s).ok());
            bytes.extend_from_slice(char.unwrap_or("\u{FFFD}").as_bytes());
            i += 1 + n;
        }
    }
    // (Valid whatever the packed bytes: every escape was checked.)
    simdutf8::basic::from_utf8(&bytes).unwrap_or("\u{FFFD}").to_owned()
}

/// Appends a packed body in the store's form: coded with `codes` when
/// that makes it smaller.
pub(crate) fn store(packed: &[u8], codes: Option<&Codes>, out: &mut Vec<u8>) {
    put_u32(out, packed.len() as u32);
    if codes.is_some_and(|c| c.encode(packed, out, packed.len())) {
        return;
    }
    out.extend_from_slice(packed);
}

/// The packed length of a stored body and its bytes after that length.
fn stored_parts(stored: &[u8]) -> Option<(usize, &[u8])> {
    let mut at = 0;
    let n = get_u32(stored, &mut at)? as usize;
    Some((n, stored.get(at..)?))
}

/// A stored body (see [`store`]) as text; bytes that are not a stored body
/// read as U+FFFD.
pub(crate) fn unstore(stored: &[u8], codes: Option<&Codes>) -> String {
    match stored_parts(stored) {
        Some((n, bytes)) if bytes.len() == n => unpack(bytes),
        Some((n, bytes)) if n <= bytes.len() * 8 => match codes {
            Some(codes) => {
                let mut packed = Vec::new();
                codes.decode(bytes, n, &mut packed);
                unpack(&packed)
            }
            None => "\u{FFFD}".to_string(),
        },
        _ if stored.is_empty() => String::new(),
        _ => "\u{FFFD}".to_string(),
    }
}

/// Whether `stored` is a body in the store's form: packed text, or as
/// long as its length says with `coded` allowed (a store with codes),
/// bytes that code at most eight bytes each. (Any bits decode to packed
/// bytes, and packed bytes always unpack.)
pub(crate) fn check_stored(stored: &[u8], coded: bool) -> bool {
    if stored.is_empty() {
        return true; // an index saved without its text
    }
    match stored_parts(stored) {
        Some((n, bytes)) if bytes.len() == n => check(bytes),
        Some((n, bytes)) => coded && bytes.len() < n && n <= bytes.len() * 8,
        None => false,
    }
}

/// Whether `packed` is a packing of some text: every [`ESC`] is followed
/// by one whole UTF-8 character. (Every other byte is a character.)
pub(crate) fn check(packed: &[u8]) -> bool {
    let mut i = 0;
    while let Some(at) = next_escape(packed, i) {
        match whole_char(packed.get(at + 1..).unwrap_or(&[])) {
            Some(n) => i = at + 1 + n,
            None => return false,
        }
    }
    true
}

/// The length of the whole UTF-8 character that `b` starts with, if it
/// starts with one. Three-byte characters (bidi marks, « », dashes: most
/// escapes) are checked in line.
#[inline]
fn whole_char(b: &[u8]) -> Option<usize> {
    let n = utf8_len(*b.first()?);
    let c = b.get(..n)?;
    if let [lead, c1, c2] = *c {
        let second = match lead {
            0xE0 => 0xA0..=0xBF,
            0xED => 0x80..=0x9F, // not a surrogate
            _ => 0x80..=0xBF,
        };
        return (second.contains(&c1) && (0x80..=0xBF).contains(&c2)).then_some(3);
    }
    std::str::from_utf8(c).ok().map(|_| n)
}

/// The position of the first [`ESC`] at or after `from`, read eight bytes
/// at a time: the lowest high bit of `(x - 0x0101…) & !x & 0x8080…`, for
/// `x` the word XOR `0x0101…`, marks its first zero byte, that is the
/// word's first escape.
fn next_escape(packed: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = from;
    while let Some(word) = packed.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8])) ^ ONES;
        let found = x.wrapping_sub(ONES) & !x & 0x8080_8080_8080_8080;
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    packed.get(i..)?.iter().position(|&b| b == ESC).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        pack(text, &mut out);
        out
    }

    #[test]
    fn arabic_takes_one_byte_a_letter_and_comes_back_the_same() {
        let text = "حَدَّثَنَا الْحُمَيْدِيُّ، قَالَ: سَمِعْتُ ٣ مرات؟ ـ ٱلله ٰ";
        let p = packed(text);
        assert_eq!(p.len(), text.chars().count());
        assert!(check(&p));
        assert_eq!(unpack(&p), text);
    }

    #[test]
    fn other_characters_are_escaped_and_come_back_the_same() {
        let texts = [
            "",
            "CNN و BBC في 2024م",
            "«قال» — “الوزير” ‏ ۖ گ ی 😀 é \u{1}x\u{1}",
            "\u{0}\u{7f}\u{80}\u{5ff}\u{680}\u{ffff}\u{10ffff}",
            "مرحبا\nبالعالم\t!",
        ];
        for text in texts {
            let p = packed(text);
            assert!(check(&p), "{text:?}");
            assert_eq!(unpack(&p), text);
        }
    }

    #[test]
    fn a_broken_escape_fails_the_check_and_unpacks_without_panicking() {
        for bad in [&[ESC][..], &[b'a', ESC, 0xD8], &[ESC, 0x80, b'x'], &[ESC, 0xE2, 0x80, b'a']] {
            assert!(!check(bad), "{bad:?}");
            assert!(unpack(bad).contains('\u{FFFD}'));
        }
        // Escapes found past whole words of plain bytes.
        let mut long = packed(&"سلام عليكم ".repeat(5));
        long.extend_from_slice(&[ESC, 0xF0, 0x9F]);
        assert!(!check(&long));
    }

    #[test]
    fn stored_bodies_are_coded_when_that_is_smaller_and_read_back_the_same() {
        use crate::codec::huffman::{count, Codes, CLASSES};
        let arabic = "حَدَّثَنَا عَبْدُ اللَّهِ بْنُ يُوسُفَ، قَالَ: أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ ";
        let mut counts = [[0u32; 256]; CLASSES];
        count(&packed(&arabic.repeat(40)), &mut counts);
        let codes = Codes::train(&counts);
        let texts = [arabic.repeat(3), String::new(), "x".into(), "Latin text only, \u{1}!".into()];
        for text in &texts {
            for codes in [None, Some(&codes)] {
                let mut stored = Vec::new();
                store(&packed(text), codes, &mut stored);
                assert!(check_stored(&stored, codes.is_some()), "{text:?}");
                assert_eq!(unstore(&stored, codes), *text);
            }
        }
        let (mut plain, mut coded) = (Vec::new(), Vec::new());
        store(&packed(&texts[0]), None, &mut plain);
        store(&packed(&texts[0]), Some(&codes), &mut coded);
        assert!(coded.len() * 10 < plain.len() * 6, "{} vs {}", coded.len(), plain.len());
        // A coded body where the store has no codes, a length beyond eight
        // bytes a byte, a body with no length: refused, read as U+FFFD.
        assert!(!check_stored(&coded, false));
        assert_eq!(unstore(&coded, None), "\u{FFFD}");
        for bad in [&[200u8, 1, 7][..], &[0x80]] {
            assert!(!check_stored(bad, true), "{bad:?}");
            assert_eq!(unstore(bad, Some(&codes)), "\u{FFFD}");
        }
        assert_eq!(unstore(&[], None), "");
    }

    #[test]
    fn three_byte_characters_are_checked_as_utf8_is() {
        for lead in 0xE0..=0xEFu8 {
            for c1 in 0..=255u8 {
                for c2 in 0..=255u8 {
                    let b = [lead, c1, c2];
                    let utf8 = std::str::from_utf8(&b).is_ok();
                    assert_eq!(whole_char(&b).is_some(), utf8, "{b:x?}");
                }
            }
        }
    }

    #[test]
    fn an_escape_is_found_at_every_offset_of_a_word() {
        for at in 0..24 {
            let mut good = packed(&"س".repeat(at));
            good.extend_from_slice(&[ESC, 0xE2, 0x80, 0x8F]); // U+200F
            good.extend_from_slice(&packed(&"ل".repeat(9)));
            assert!(check(&good), "{at}");
            assert_eq!(next_escape(&good, 0), Some(at));
            assert_eq!(next_escape(&good, at + 1), None);
            let mut bad = good.clone();
            bad[at + 2] = b'x';
            assert!(!check(&bad), "{at}");
        }
    }
}
