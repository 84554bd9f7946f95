//! Markdown: the first heading is the title; markup is dropped from the body
//! (heading marks, emphasis, list and quote markers, link and image syntax).

use super::text::{shorten, split_title, MAX_TITLE_CHARS};
use super::FileContents;
use crate::document::Document;

pub(super) fn read(name: &str, text: &str) -> FileContents {
    let mut title = None;
    let mut body = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let heading = trimmed.trim_start_matches('#');
        let is_heading = heading.len() < trimmed.len() && heading.starts_with(' ');
        if is_heading && title.is_none() {
            title = Some(shorten(&inline(heading.trim()), MAX_TITLE_CHARS));
            continue;
        }
        let content = if is_heading { heading.trim() } else { strip_marker(trimmed) };
        body.push(inline(content));
    }
    let body = body.join("\n");
    let (title, body) = match title {
        Some(t) => (t, body.trim().to_string()),
        None => {
            let (t, b) = split_title(&body);
            (t, b.to_string())
        }
    };
    let doc = Document { id: name.to_string(), title, text: body, ..Document::default() };
    FileContents { documents: vec![doc], ..FileContents::default() }
}

/// Drops a list, quote or rule marker at the start of a line.
fn strip_marker(line: &str) -> &str {
    if line.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) && line.len() >= 3 {
        return "";
    }
    for m in ["> ", "- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(m) {
            return rest;
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return rest;
        }
    }
    line
}

/// Inline markup: `![alt](src)` → alt, `[text](url)` → text, emphasis and
/// code marks removed.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        let (before, after) = rest.split_at(i);
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        match after.find("](").and_then(|m| after[m..].find(')').map(|c| (m, m + c))) {
            Some((m, close)) => {
                out.push_str(&after[1..m]);
                rest = &after[close + 1..];
            }
            None => {
                // No link can start at this '[' nor at any later one (no
                // "](" … ")" follows): the rest of the line is text.
                out.push_str(after);
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_becomes_title_and_markup_is_dropped() {
        let md = "# قمة **أستانا**\n\n- وصل [الرئيس](https://example.org) إلى ![صورة](a.png) العاصمة\n> اقتباس";
        let got = read("a.md", md);
        let d = &got.documents[0];
        assert_eq!(d.title, "قمة أستانا");
        assert_eq!(d.text, "وصل الرئيس إلى صورة العاصمة\nاقتباس");
    }
}
