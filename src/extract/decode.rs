//! Byte decoding: BOM detection, UTF-8 and UTF-16, binary detection.

use crate::error::Error;

/// Share of control characters (other than tab, newline, carriage return and
/// form feed) above which text is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.02;

/// Decodes a file's bytes to text.
///
/// - UTF-8 with a BOM (EF BB BF) or without one;
/// - UTF-16 little endian (FF FE) or big endian (FE FF), with the BOM.
///
/// # Errors
/// Empty input, invalid UTF-8 or UTF-16 (with the offset of the first bad
/// byte), and binary data (NUL bytes or many control characters).
pub fn decode(name: &str, bytes: &[u8]) -> crate::Result<String> {
    if bytes.is_empty() {
        return Err(Error::file(name, "the file is empty"));
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(name, rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(name, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(name, rest, u16::from_be_bytes)?
    } else {
        if bytes.contains(&0) {
            return Err(binary(name));
        }
        utf8(name, bytes, 0)?
    };
    let total = text.chars().count().max(1);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        .count();
    if text.contains('\0') || controls as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(binary(name));
    }
    Ok(text)
}

fn binary(name: &str) -> Error {
    Error::file(name, "this looks like binary data, not text (it contains NUL or control bytes)")
}

fn utf8(name: &str, bytes: &[u8], offset: usize) -> crate::Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            Err(Error::file(
                name,
                format!(
                    "the text is not valid UTF-8 (byte 0x{:02X} at offset {}); save it as UTF-8, \
                     or as UTF-16 with a byte-order mark",
                    bytes.get(at).copied().unwrap_or(0),
                    at + offset
                ),
            ))
        }
    }
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
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(Error::file(
                    name,
                    format!("the UTF-16 text has a broken surrogate at offset {}", 2 + i * 2),
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_pick_the_encoding() {
        let s = "قمة";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(s.as_bytes());
        for bytes in [le, be, bom8, s.as_bytes().to_vec()] {
            assert_eq!(decode("x.txt", &bytes).unwrap(), s);
        }
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let e = decode("a.txt", b"\xD9\x82\xC7x").unwrap_err().to_string();
        assert!(e.starts_with("a.txt: the text is not valid UTF-8 (byte 0xC7 at offset 2)"), "{e}");
        assert!(decode("b.bin", b"ab\0cd").unwrap_err().to_string().contains("binary"));
        assert!(decode("c.txt", b"").unwrap_err().to_string().contains("empty"));
        assert!(decode("d.txt", &[0xFF, 0xFE, 0x41]).unwrap_err().to_string().contains("odd"));
    }
}
