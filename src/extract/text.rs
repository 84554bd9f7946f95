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

/// At most `max` characters, cut at the last space before the limit.
pub(crate) fn shorten(s: &str, max: usize) -> String {
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
