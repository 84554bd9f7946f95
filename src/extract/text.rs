//! Plain text: first non-empty line is the title, the rest is the body.

use super::FileContents;
use crate::document::Document;

/// Titles longer than this many characters are cut at a word boundary.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

pub(super) fn read(name: &str, text: &str) -> FileContents {
    let cleaned = super::boilerplate::clean(text);
    let (title, body, removed) = if cleaned.title.is_empty() && cleaned.paragraphs.is_empty() {
        // Nothing but debris: keep the text rather than lose it.
        let (t, b) = split_title(text);
        (t, b.to_string(), Vec::new())
    } else {
        let body = cleaned.paragraphs.join("\n\n");
        (shorten(&cleaned.title, MAX_TITLE_CHARS), body, cleaned.removed)
    };
    let (place, agency) =
        cleaned.paragraphs.first().map(|p| super::boilerplate::dateline(p)).unwrap_or_default();
    let doc = Document {
        id: name.to_string(),
        title,
        text: body,
        source: cleaned.source.or(agency),
        date: cleaned.date,
        place,
        removed,
        ..Document::default()
    };
    FileContents { documents: vec![doc], ..FileContents::default() }
}

/// Splits text into (title, body). A single-line text keeps the whole line
/// as its body and a shortened copy as its title.
pub(crate) fn split_title(text: &str) -> (String, &str) {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let (first, rest) = match text.split_once('\n') {
        Some((first, rest)) => (first.trim(), rest.trim()),
        None => (text, ""),
    };
    if rest.is_empty() {
        return (shorten(first, MAX_TITLE_CHARS), text);
    }
    (shorten(first, MAX_TITLE_CHARS), rest)
}

/// Whether a line ends like a sentence (or a quote, or a lead-in to one),
/// looking past invisible direction marks (U+200E, U+200F, U+061C) and
/// zero-width characters.
pub(crate) fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}')
    })
    .ends_with(['.', '؟', '?', '!', '»', '"', '”', ':'])
}

/// FNV-1a (64 bits) of the text with runs of white space folded to one
/// space and the ends trimmed, as [`fold_space`] would give them, without
/// building that string: equal for two lines that differ only in spacing.
/// `seed` is mixed into the offset basis (0: plain FNV-1a).
pub(crate) fn folded_hash(seed: u64, s: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    let (b, mut i) = (s.as_bytes(), 0);
    let (mut space, mut started) = (false, false);
    while i < b.len() {
        let len = match SPACE_CLASS[b[i] as usize] {
            0 => 0,
            1 => 1,
            _ => s[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        };
        if len > 0 {
            space = started;
            i += len;
            continue;
        }
        started = true;
        if space {
            h = (h ^ u64::from(b' ')).wrapping_mul(PRIME);
            space = false;
        }
        h = (h ^ u64::from(b[i])).wrapping_mul(PRIME);
        i += 1;
    }
    h
}

/// Runs of white space folded to one space, trimmed.
pub(crate) fn fold_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s);
    out.truncate(out.trim_end().len());
    out
}

/// What a byte may start: 0 nothing special, 1 ASCII white space, 2 a
/// character that may be Unicode white space (lead bytes 0xC2, 0xE1, 0xE2,
/// 0xE3).
const SPACE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[b'\r' as usize] = 1;
    t[0x0B] = 1;
    t[0x0C] = 1;
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// Appends `text` to `out` with runs of white space folded to one space and
/// no space at the start of `out` (a space may be left at its end, for the
/// next piece). Runs of words with single spaces are copied whole.
pub(crate) fn push_folded(out: &mut String, text: &str) {
    let b = text.as_bytes();
    let (mut i, mut seg) = (0usize, 0usize);
    // The end of the last white space run handled, so that a space right
    // after it is part of the run.
    let mut after_space = out.is_empty() || out.ends_with(' ');
    while i < b.len() {
        let len = match SPACE_CLASS[b[i] as usize] {
            0 => 0,
            1 => 1,
            _ => text[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        };
        if len == 0 {
            after_space = false;
            i += 1;
            continue;
        }
        // A single ' ' between two words stays in the segment.
        let next = b.get(i + 1).map_or(1, |&n| SPACE_CLASS[n as usize]);
        if b[i] == b' ' && !after_space && next == 0 {
            after_space = true;
            i += 1;
            continue;
        }
        out.push_str(&text[seg..i]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        after_space = true;
        i += len;
        seg = i;
    }
    out.push_str(&text[seg..]);
}

/// At most `max` characters, cut at the last space before the limit.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string(); // fewer bytes than the limit: fewer characters too
    }
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let head = head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]);
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_differ_only_in_spacing_hash_alike() {
        for (a, b) in
            [("  قمة   أستانا\t", "قمة أستانا"), ("", " \n "), ("أ\u{A0}\u{2003}ب", "أ ب")]
        {
            assert_eq!(folded_hash(0, a), folded_hash(0, b), "{a:?}");
            assert_eq!(folded_hash(0, a), folded_hash(0, &fold_space(a)), "{a:?}");
        }
        assert_ne!(folded_hash(0, "قمة أستانا"), folded_hash(0, "قمةأستانا"));
        assert_ne!(folded_hash(1, "قمة"), folded_hash(2, "قمة"));
    }

    #[test]
    fn white_space_folds_to_single_spaces() {
        for (input, want) in [
            ("", ""),
            ("  \n\t ", ""),
            ("كلمة", "كلمة"),
            (" أ  ب\u{A0}\nج\t", "أ ب ج"),
            ("\u{2003}قمة\u{3000}\u{2029}أستانا\u{85}", "قمة أستانا"),
            ("Ñ é\u{E000}", "Ñ é\u{E000}"),
            ("a b", "a b"),
        ] {
            assert_eq!(fold_space(input), want, "{input:?}");
        }
    }

    #[test]
    fn title_is_the_first_line_and_long_lines_are_cut() {
        let (t, b) = split_title("\n\nعنوان الخبر\nالفقرة الأولى.\n\nالفقرة الثانية.");
        assert_eq!(t, "عنوان الخبر");
        assert_eq!(b, "الفقرة الأولى.\n\nالفقرة الثانية.");
        let long = "كلمة ".repeat(100);
        let (t, b) = split_title(&long);
        assert!(t.chars().count() <= MAX_TITLE_CHARS + 1 && t.ends_with('…'));
        assert_eq!(b, long.trim());
    }
}
