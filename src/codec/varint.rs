//! Primitive encoders and decoders: LEB128 variable-length integers.

/// Appends `v` as LEB128 (1 to 5 bytes).
#[inline]
pub(crate) fn put_u32(buf: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

/// Reads a LEB128 value at `*pos`, advancing it. `None` at the end of the
/// bytes or on an overlong encoding; never panics.
#[inline]
pub(crate) fn get_u32(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift == 28 && b > 0x0F {
            return None;
        }
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Skips `n` LEB128 values starting at `*pos`.
#[inline]
pub(crate) fn skip(bytes: &[u8], pos: &mut usize, n: u32) {
    let mut left = n;
    while left > 0 {
        match bytes.get(*pos) {
            Some(&b) => {
                *pos += 1;
                if b < 0x80 {
                    left -= 1;
                }
            }
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_edge_values() {
        let values = [0, 1, 127, 128, 16_383, 16_384, u32::MAX - 1, u32::MAX];
        let mut buf = Vec::new();
        for v in values {
            put_u32(&mut buf, v);
        }
        let mut pos = 0;
        for v in values {
            assert_eq!(get_u32(&buf, &mut pos), Some(v));
        }
        assert_eq!(get_u32(&buf, &mut pos), None);
    }

    #[test]
    fn rejects_overlong_and_truncated_input() {
        assert_eq!(get_u32(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], &mut 0), None);
        assert_eq!(get_u32(&[0x80], &mut 0), None);
    }
}
