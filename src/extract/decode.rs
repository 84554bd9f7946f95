//! Byte decoding: BOMs, UTF-8, UTF-16, and the Arabic single-byte encodings
//! Windows-1256 and ISO-8859-6, sniffed from the bytes; binary detection.

use std::fmt;

use super::charsets::{ISO_8859_6, WINDOWS_1256};
use crate::error::Error;

/// Share of control characters (other than tab, newline, carriage return and
/// form feed) above which text is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.02;
/// A single-byte reading is accepted when at least this share of the
/// non-ASCII bytes are Arabic letters, marks or punctuation in it...
const MIN_ARABIC_SHARE: f64 = 0.6;
/// ...and it holds at least this many Arabic letters.
const MIN_ARABIC_LETTERS: usize = 3;
/// How far into the bytes a `charset=` declaration is looked for.
const DECLARATION_WINDOW: usize = 4096;

/// The text encodings fahras reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little endian (with a BOM, or sniffed from the byte pattern).
    Utf16Le,
    /// UTF-16 big endian (with a BOM, or sniffed from the byte pattern).
    Utf16Be,
    /// Windows-1256, the Arabic Windows code page.
    Windows1256,
    /// ISO-8859-6, the Arabic ISO code page.
    Iso8859_6,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1256 => "windows-1256",
            Encoding::Iso8859_6 => "ISO-8859-6",
        })
    }
}

/// Decodes a file's bytes to text. See [`decode_detect`].
///
/// # Errors
/// As [`decode_detect`].
pub fn decode(name: &str, bytes: &[u8]) -> crate::Result<String> {
    decode_detect(name, bytes).map(|(text, _)| text)
}

/// Decodes a file's bytes to text and says which encoding it was:
///
/// 1. a byte-order mark: UTF-8 (EF BB BF), UTF-16 LE (FF FE) or BE (FE FF);
/// 2. UTF-16 without a BOM, from the pattern of its high bytes (0x00 and
///    0x06 for Latin and Arabic text);
/// 3. valid UTF-8;
/// 4. a `charset=` declaration in the first 4 KB (`<meta charset>` of a
///    saved page): windows-1256 (cp1256) or ISO-8859-6 (arabic, asmo-708);
/// 5. byte statistics: the single-byte reading in which most non-ASCII bytes
///    are Arabic, when that is at least 60 % of them.
///
/// # Errors
/// Empty input, binary data (NUL bytes or many control characters), broken
/// UTF-16, and bytes that are neither UTF-8 nor Arabic single-byte text (the
/// message gives the offset of the first byte that is not UTF-8).
pub fn decode_detect(name: &str, bytes: &[u8]) -> crate::Result<(String, Encoding)> {
    decode_counting(name, bytes).map(|(text, encoding, _)| (text, encoding))
}

/// At most this share of the bytes (of the characters, for UTF-16) may be
/// NUL in a text file: stray NULs from a broken scrape are removed, and
/// more than this is binary data.
pub const MAX_NUL_SHARE: f64 = 0.005;

/// [`decode_detect`], also returning how many stray NUL characters were
/// removed (see [`MAX_NUL_SHARE`]).
pub(crate) fn decode_counting(
    name: &str,
    bytes: &[u8],
) -> crate::Result<(String, Encoding, usize)> {
    if bytes.is_empty() {
        return Err(Error::file(name, "the file is empty"));
    }
    let bytes_nul = if bytes.contains(&0) { bytes.iter().filter(|&&b| b == 0).count() } else { 0 };
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (utf8(name, rest, 3)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(name, rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(name, rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else if let Some(le) = sniff_utf16(bytes) {
        let unit: fn([u8; 2]) -> u16 = if le { u16::from_le_bytes } else { u16::from_be_bytes };
        (utf16(name, bytes, unit)?, if le { Encoding::Utf16Le } else { Encoding::Utf16Be })
    } else {
        let nuls = bytes_nul;
        if nuls as f64 > bytes.len() as f64 * MAX_NUL_SHARE {
            return Err(binary(name));
        }
        let kept: Vec<u8>;
        let bytes = if nuls == 0 {
            bytes
        } else {
            kept = bytes.iter().copied().filter(|&b| b != 0).collect();
            &kept
        };
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), Encoding::Utf8),
            Err(e) => single_byte(name, bytes, e.valid_up_to())?,
        }
    };
    // NULs and other control characters (C0 but tab, newline, carriage
    // return and form feed; DEL; C1, which UTF-8 writes as 0xC2
    // 0x80..=0x9F), as shares of the characters (counted as the bytes that
    // start one).
    let (nuls, controls) = census(text.as_bytes());
    // Shares need the character count only when there is something to share.
    let total = if nuls + controls == 0 { 1 } else { text.chars().count().max(1) };
    if nuls as f64 > total as f64 * MAX_NUL_SHARE {
        return Err(binary(name));
    }
    let text = if nuls == 0 { text } else { text.replace('\0', "") };
    if controls as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(binary(name));
    }
    let removed = if encoding == Encoding::Utf16Le || encoding == Encoding::Utf16Be {
        nuls
    } else {
        bytes_nul
    };
    Ok((text, encoding, removed))
}

fn binary(name: &str) -> Error {
    Error::file(name, "this looks like binary data, not text (it contains NUL or control bytes)")
}

fn utf8(name: &str, bytes: &[u8], offset: usize) -> crate::Result<String> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        let at = e.valid_up_to();
        Error::file(
            name,
            format!(
                "the text after the UTF-8 byte-order mark is not valid UTF-8 (byte 0x{:02X} at offset {})",
                bytes.get(at).copied().unwrap_or(0),
                at + offset
            ),
        )
    })
}

fn utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> crate::Result<String> {
    if bytes.len() % 2 != 0 {
        return Err(Error::file(
            name,
            "the UTF-16 text has an odd number of bytes (it is cut short)",
        ));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    let mut unit_at = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                out.push(c);
                unit_at += c.len_utf16();
            }
            Err(_) => {
                return Err(Error::file(
                    name,
                    format!("the UTF-16 text has a broken surrogate at byte {}", 2 + unit_at * 2),
                ))
            }
        }
    }
    Ok(out)
}

/// (NUL bytes, control characters) of UTF-8 text, eight bytes at a time: a
/// word with a byte below 0x20, a DEL or a 0xC2 (C1 controls are 0xC2
/// 0x80..=0x9F) is looked at byte by byte.
fn census(utf8: &[u8]) -> (usize, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let has_below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH != 0;
    let has_byte = |w: u64, b: u64| has_below(w ^ (ONES * b), 1);
    let (mut nuls, mut controls) = (0usize, 0usize);
    let scalar = |bytes: &[u8], next: Option<&u8>, nuls: &mut usize, controls: &mut usize| {
        for (k, &b) in bytes.iter().enumerate() {
            match b {
                0 => *nuls += 1,
                0xC2 => {
                    let after = bytes.get(k + 1).or(next);
                    *controls += usize::from(after.is_some_and(|a| (0x80..=0x9F).contains(a)));
                }
                _ => *controls += usize::from(CONTROL[b as usize]),
            }
        }
    };
    let mut words = utf8.chunks_exact(8);
    let mut at = 0;
    for chunk in words.by_ref() {
        let w = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if has_below(w, 0x20) || has_byte(w, 0x7F) || has_byte(w, 0xC2) {
            scalar(chunk, utf8.get(at + 8), &mut nuls, &mut controls);
        }
        at += 8;
    }
    scalar(words.remainder(), None, &mut nuls, &mut controls);
    (nuls, controls)
}

/// Control bytes that text does not contain (C0 but tab, newline, carriage
/// return and form feed; DEL). NUL is counted apart.
const CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 1;
    while b < 0x20 {
        t[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r' | 0x0C);
        b += 1;
    }
    t[0x7F] = true;
    t
};

/// Share of all letters that must be Arabic for a single-byte reading.
const MIN_ARABIC_OF_LETTERS: f64 = 0.3;

/// `Some(true)` for UTF-16 LE, `Some(false)` for BE: most high bytes are
/// 0x00 (Latin, digits, spaces) or 0x06 (Arabic) and the low bytes rarely.
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(1024)];
    let pairs = (sample.len() / 2) as f64;
    let high = |b: &u8| *b == 0x00 || *b == 0x06;
    let even = sample.iter().step_by(2).filter(|b| high(b)).count() as f64 / pairs;
    let odd = sample.iter().skip(1).step_by(2).filter(|b| high(b)).count() as f64 / pairs;
    match (even, odd) {
        (e, o) if o >= 0.7 && e <= 0.2 => Some(true),
        (e, o) if e >= 0.7 && o <= 0.2 => Some(false),
        _ => None,
    }
}

/// Not UTF-8: a declared or sniffed Arabic single-byte encoding, or an error.
fn single_byte(name: &str, bytes: &[u8], bad_at: usize) -> crate::Result<(String, Encoding)> {
    let candidates = match declared(bytes) {
        Some(Declared::Utf8) => vec![],
        Some(Declared::Single(e)) => vec![e],
        None => vec![Encoding::Windows1256, Encoding::Iso8859_6],
    };
    let best = candidates
        .into_iter()
        .map(|e| (e, arabic_score(bytes, e)))
        .filter(|(_, (share, letters))| {
            // Latin text with a few accented letters is not Arabic: the
            // Arabic letters must be a fair part of all letters.
            let latin = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
            *share >= MIN_ARABIC_SHARE
                && *letters >= MIN_ARABIC_LETTERS
                && *letters as f64 >= MIN_ARABIC_OF_LETTERS * (*letters + latin) as f64
        })
        .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0));
    match best {
        Some((e, _)) => Ok((bytes.iter().map(|&b| byte_char(b, e)).collect(), e)),
        None => Err(Error::file(
            name,
            format!(
                "the text is not valid UTF-8 (byte 0x{:02X} at offset {bad_at}) and does not read as \
                 Arabic in windows-1256 or ISO-8859-6; save it as UTF-8",
                bytes.get(bad_at).copied().unwrap_or(0)
            ),
        )),
    }
}

enum Declared {
    Utf8,
    Single(Encoding),
}

/// A `charset=` declaration in the first bytes (meta tags of saved pages).
fn declared(bytes: &[u8]) -> Option<Declared> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let head: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
    let at = head.find("charset")? + "charset".len();
    let value: String = head[at..]
        .trim_start_matches(|c: char| c == '=' || c == '"' || c == '\'' || c.is_whitespace())
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    match value.as_str() {
        "utf-8" | "utf8" => Some(Declared::Utf8),
        "windows-1256" | "cp1256" | "x-cp1256" => Some(Declared::Single(Encoding::Windows1256)),
        "iso-8859-6" | "iso8859-6" | "iso_8859-6" | "arabic" | "asmo-708" | "ecma-114"
        | "iso-ir-127" => Some(Declared::Single(Encoding::Iso8859_6)),
        _ => None,
    }
}

/// The character of a byte in a single-byte encoding (U+FFFD if undefined).
fn byte_char(b: u8, e: Encoding) -> char {
    if b < 0x80 {
        return b as char;
    }
    let table = if e == Encoding::Iso8859_6 { &ISO_8859_6 } else { &WINDOWS_1256 };
    char::from_u32(u32::from(table[usize::from(b - 0x80)]))
        .filter(|&c| c != '\0')
        .unwrap_or('\u{FFFD}')
}

/// (share of non-ASCII bytes that are Arabic-block characters, Arabic letters).
fn arabic_score(bytes: &[u8], e: Encoding) -> (f64, usize) {
    let (mut high, mut arabic, mut letters) = (0usize, 0usize, 0usize);
    for &b in bytes.iter().filter(|&&b| b >= 0x80) {
        high += 1;
        let c = byte_char(b, e);
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
            letters += usize::from(('\u{0621}'..='\u{064A}').contains(&c));
        }
    }
    (if high == 0 { 0.0 } else { arabic as f64 / high as f64 }, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes with a single-byte table (the test's own inverse of it).
    fn encode_single(text: &str, e: Encoding) -> Vec<u8> {
        text.chars()
            .map(|c| {
                if (c as u32) < 0x80 {
                    return c as u8;
                }
                (0x80..=0xFFu8).find(|&b| byte_char(b, e) == c).expect("encodable")
            })
            .collect()
    }

    const ARABIC: &str = "قمة أستانا: وصل الرئيس إلى العاصمة يوم الثلاثاء، وقال إن التعاون \"مهم\".";

    #[test]
    fn every_encoding_round_trips() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut le_bare = Vec::new();
        for u in ARABIC.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
            le_bare.extend(u.to_le_bytes());
        }
        let be_bare: Vec<u8> = le_bare.chunks(2).flat_map(|c| [c[1], c[0]]).collect();
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(ARABIC.as_bytes());
        let cases = [
            (ARABIC.as_bytes().to_vec(), Encoding::Utf8),
            (bom8, Encoding::Utf8),
            (le, Encoding::Utf16Le),
            (be, Encoding::Utf16Be),
            (le_bare, Encoding::Utf16Le),
            (be_bare, Encoding::Utf16Be),
            (encode_single(ARABIC, Encoding::Windows1256), Encoding::Windows1256),
            (encode_single(ARABIC, Encoding::Iso8859_6), Encoding::Iso8859_6),
        ];
        for (bytes, want) in cases {
            let (text, got) = decode_detect("x.txt", &bytes).unwrap();
            assert_eq!((text.as_str(), got), (ARABIC, want));
        }
    }

    #[test]
    fn a_charset_declaration_picks_the_single_byte_encoding() {
        let page = format!(
            "<html><head><meta charset=\"windows-1256\"></head><body>{ARABIC}</body></html>"
        );
        let bytes = encode_single(&page, Encoding::Windows1256);
        assert_eq!(decode_detect("p.htm", &bytes).unwrap().1, Encoding::Windows1256);
        let page = format!(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\">{ARABIC}"
        );
        let bytes = encode_single(&page, Encoding::Iso8859_6);
        let (text, e) = decode_detect("p.htm", &bytes).unwrap();
        assert_eq!(e, Encoding::Iso8859_6);
        assert!(text.ends_with(ARABIC));
    }

    #[test]
    fn the_census_counts_nuls_and_controls() {
        let cases: [(&[u8], (usize, usize)); 5] = [
            (b"", (0, 0)),
            ("قمة أستانا\n\tCNN".as_bytes(), (0, 0)),
            (b"ab\0cd\x01\x7fxyz\x1b", (1, 3)),
            ("12345678\u{85}\u{9F}\u{A0}".as_bytes(), (0, 2)),
            ("1234567\u{85}".as_bytes(), (0, 1)),
        ];
        for (bytes, want) in cases {
            assert_eq!(census(bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let e = decode("a.txt", b"caf\xe9 au lait").unwrap_err().to_string();
        assert!(e.starts_with("a.txt: the text is not valid UTF-8 (byte 0xE9 at offset 3)"), "{e}");
        assert!(decode("b.bin", b"ab\0cd").unwrap_err().to_string().contains("binary"));
        assert!(decode("c.txt", b"").unwrap_err().to_string().contains("empty"));
        assert!(decode("d.txt", &[0xFF, 0xFE, 0x41]).unwrap_err().to_string().contains("odd"));
        let e = decode("e.txt", &[0xEF, 0xBB, 0xBF, 0xC7, 0x41]).unwrap_err().to_string();
        assert!(e.contains("after the UTF-8 byte-order mark"), "{e}");
    }
}
