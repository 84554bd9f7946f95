//! JSON and JSON Lines records → documents.
//!
//! Field mapping (the first field present wins; names are case-sensitive):
//!
//! | document | JSON fields |
//! |---|---|
//! | id | `id`, `_id`, `docId` (string or number); else `<file>#<n>` |
//! | title | `title`, `headline`, `name` |
//! | text | `text`, `body`, `content`, `article` (a string, or an array of strings joined as paragraphs) |
//! | url | `url`, `link` |
//! | date | `date`, `published`, `publishedAt` |
//! | source | `source`, `site` |
//! | place | `place`, `dateline` |
//!
//! A record with neither title nor text is skipped with a warning.

use serde_json::{Map, Value};

use super::FileContents;
use crate::document::Document;
use crate::error::Error;

const ID: &[&str] = &["id", "_id", "docId"];
const TITLE: &[&str] = &["title", "headline", "name"];
const TEXT: &[&str] = &["text", "body", "content", "article"];
const URL: &[&str] = &["url", "link"];
const DATE: &[&str] = &["date", "published", "publishedAt"];
const SOURCE: &[&str] = &["source", "site"];
const PLACE: &[&str] = &["place", "dateline"];

/// Turns one JSON object into a document. `n` is its 1-based place in the
/// file, used for the default id. Errors are warnings for the caller.
pub fn record(name: &str, n: usize, value: &Value) -> Result<Document, String> {
    let Value::Object(obj) = value else {
        return Err(format!("record {n} is not a JSON object; skipped"));
    };
    let id = match first(obj, ID) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(num)) => num.to_string(),
        _ => format!("{name}#{n}"),
    };
    let title = text_of(first(obj, TITLE)).unwrap_or_default();
    let text = text_of(first(obj, TEXT)).unwrap_or_default();
    if title.trim().is_empty() && text.trim().is_empty() {
        return Err(format!("record {n} (id {id}) has no title and no text; skipped"));
    }
    let opt = |keys| text_of(first(obj, keys)).filter(|s| !s.trim().is_empty());
    Ok(Document {
        id,
        title,
        text,
        url: opt(URL),
        date: opt(DATE),
        source: opt(SOURCE),
        place: opt(PLACE),
        ..Document::default()
    })
}

fn first<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| obj.get(*k)).filter(|v| !v.is_null())
}

fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            Some(parts.join("\n\n"))
        }
        _ => None,
    }
}

pub(super) fn read_json(name: &str, text: &str) -> crate::Result<FileContents> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| Error::file(name, format!("invalid JSON ({e})")))?;
    let items = match value {
        Value::Array(items) => items,
        obj @ Value::Object(_) => vec![obj],
        _ => {
            return Err(Error::file(name, "the JSON is neither an object nor an array of objects"))
        }
    };
    let mut out = FileContents::default();
    for (i, item) in items.iter().enumerate() {
        match record(name, i + 1, item) {
            Ok(doc) => out.documents.push(doc),
            Err(w) => out.warnings.push(w),
        }
    }
    if out.documents.is_empty() {
        let why = out.warnings.first().cloned().unwrap_or_else(|| "the array is empty".to_string());
        return Err(Error::file(name, format!("no document in the file: {why}")));
    }
    Ok(out)
}

pub(super) fn read_json_lines(name: &str, text: &str) -> crate::Result<FileContents> {
    let mut out = FileContents::default();
    let mut lines = JsonLines::default();
    while let Some(record) = lines.next_record_in(name, text) {
        match record {
            Ok(doc) => out.documents.push(doc),
            Err(w) => out.warnings.push(w),
        }
    }
    if out.documents.is_empty() {
        return Err(no_document(name, &out.warnings));
    }
    Ok(out)
}

/// The error of a JSON Lines file without any document.
pub(crate) fn no_document(name: &str, warnings: &[String]) -> Error {
    let why = warnings.first().cloned().unwrap_or_default();
    Error::file(name, format!("no document in the file: {why}"))
}

/// A JSON Lines text read one record at a time (so a large file can be
/// added a few documents at a time, see [`FileJob`](crate::FileJob)).
#[derive(Clone, Debug, Default)]
pub(crate) struct JsonLines {
    /// Byte offset of the next line.
    pub pos: usize,
    /// Lines read (1-based number of the last one).
    line: usize,
    /// Records read (non-blank lines).
    n: usize,
}

impl JsonLines {
    /// The next record of `text` from `pos`: a document, or a warning naming
    /// its line; `None` at the end.
    pub(crate) fn next_record_in(
        &mut self,
        name: &str,
        text: &str,
    ) -> Option<Result<Document, String>> {
        loop {
            let rest = text.get(self.pos..).filter(|r| !r.is_empty())?;
            let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = rest[..len].trim_end_matches(['\n', '\r']);
            self.pos += len;
            self.line += 1;
            if line.trim().is_empty() {
                continue;
            }
            self.n += 1;
            return Some(match serde_json::from_str::<Value>(line) {
                Ok(v) => record(name, self.n, &v).map_err(|w| format!("line {}: {w}", self.line)),
                Err(e) => Err(format!("line {}: invalid JSON ({e})", self.line)),
            });
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_aliases_and_default_ids() {
        let got = read_json(
            "a.json",
            r#"[{"headline":"عنوان","body":["فقرة","أخرى"],"link":"https://example.org/1"},{"id":7,"text":"نص"}, 3]"#,
        )
        .unwrap();
        assert_eq!(got.documents[0].id, "a.json#1");
        assert_eq!(got.documents[0].text, "فقرة\n\nأخرى");
        assert_eq!(got.documents[0].url.as_deref(), Some("https://example.org/1"));
        assert_eq!(got.documents[1].id, "7");
        assert_eq!(got.warnings, ["record 3 is not a JSON object; skipped"]);
    }

    #[test]
    fn bad_lines_are_warnings_and_the_rest_loads() {
        let got = read_json_lines(
            "b.jsonl",
            "{\"id\":\"1\",\"text\":\"نص\"}\n{oops\n\n{\"id\":\"2\",\"title\":\"ع\"}",
        )
        .unwrap();
        assert_eq!(got.documents.len(), 2);
        assert!(got.warnings[0].starts_with("line 2: invalid JSON"), "{:?}", got.warnings);
        let e = read_json("c.json", "{\"id\": ").unwrap_err().to_string();
        assert!(e.starts_with("c.json: invalid JSON ("), "{e}");
    }
}
