//! EXTRACTION QUALITY: scores what [`read_file`](crate::read_file) makes
//! of a page against what a person says it should make, paragraph by
//! paragraph. Used by `fahras quality` and by the extraction tests.
//!
//! An expectation is a JSON object (the `.expected.json` files of
//! `tests/extract/`):
//!
//! ```json
//! { "title": "…", "paragraphs": ["…", "…"], "source": "…", "place": null, "date": "2024-05-14" }
//! ```
//!
//! For pages whose text may not be copied (the scraped pages of
//! `../shared/seeds/`), `title_hash` and `paragraph_hashes` replace `title`
//! and `paragraphs`: each is [`fingerprint`] of the text. `source`,
//! `place` and `date` are scored only when the key is present (`null`
//! means "the page states none").
//!
//! Paragraphs are compared with runs of white space folded. Recall is the
//! share of expected paragraphs that were kept; precision the share of
//! kept paragraphs that were expected.

use serde_json::Value;

use super::read_file;
use super::text::{fold_space as fold, folded_hash};

/// The scores of one page, or the sum over several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quality {
    /// Pages scored.
    pub pages: usize,
    /// Expected paragraphs that were kept.
    pub kept: usize,
    /// Expected paragraphs that were lost.
    pub missed: usize,
    /// Kept paragraphs that were not expected (debris left in).
    pub extra: usize,
    /// Pages whose title is right.
    pub titles: usize,
    /// (right, scored) for the source, place and date.
    pub source: (usize, usize),
    /// See `source`.
    pub place: (usize, usize),
    /// See `source`.
    pub date: (usize, usize),
    /// What went wrong, one line each ("lost: …", "extra: …", "title: …").
    pub problems: Vec<String>,
}

impl Quality {
    /// Share of expected paragraphs kept (1 when none were expected).
    pub fn recall(&self) -> f64 {
        ratio(self.kept, self.kept + self.missed)
    }

    /// Share of kept paragraphs that were expected (1 when none were kept).
    pub fn precision(&self) -> f64 {
        ratio(self.kept, self.kept + self.extra)
    }

    /// Share of pages with the right title.
    pub fn title_accuracy(&self) -> f64 {
        ratio(self.titles, self.pages)
    }

    /// Adds another score to this one.
    pub fn add(&mut self, other: Quality) {
        self.pages += other.pages;
        self.kept += other.kept;
        self.missed += other.missed;
        self.extra += other.extra;
        self.titles += other.titles;
        for (a, b) in [
            (&mut self.source, other.source),
            (&mut self.place, other.place),
            (&mut self.date, other.date),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.problems.extend(other.problems);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A short stable fingerprint of a text: FNV-1a (64 bits) of the text with
/// runs of white space folded to one space, as 16 hex digits.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", folded_hash(0, text))
}

/// Scores one page (`name`, `bytes`) against its expectation (JSON text).
///
/// # Errors
/// A message naming the page when the expectation is not valid JSON or
/// lacks a title or paragraphs, or when the page cannot be read.
pub fn score_page(name: &str, bytes: &[u8], expected: &str) -> Result<Quality, String> {
    let want: Value =
        serde_json::from_str(expected).map_err(|e| format!("{name}: expectation: {e}"))?;
    let doc = read_file(name, bytes)
        .map_err(|e| e.to_string())?
        .documents
        .into_iter()
        .next()
        .ok_or_else(|| format!("{name}: no document"))?;
    // Expected paragraphs and title, as fingerprints when the expectation
    // has no text.
    let hashed = want.get("paragraph_hashes").is_some();
    let key = |text: &str| if hashed { fingerprint(text) } else { fold(text) };
    let list = want
        .get(if hashed { "paragraph_hashes" } else { "paragraphs" })
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{name}: expectation has no paragraphs"))?;
    let expected_keys: Vec<String> = list
        .iter()
        .map(|p| p.as_str().map(|s| if hashed { s.to_string() } else { fold(s) }))
        .collect::<Option<_>>()
        .ok_or_else(|| format!("{name}: a paragraph is not a string"))?;
    let got: Vec<&str> = doc.paragraphs().flat_map(|p| p.split('\n')).collect();
    let got_keys: Vec<String> = got.iter().map(|p| key(p)).collect();
    let mut q = Quality { pages: 1, ..Quality::default() };
    for (k, text) in expected_keys.iter().zip(list) {
        if got_keys.contains(k) {
            q.kept += 1;
        } else {
            q.missed += 1;
            q.problems.push(format!("{name}: lost: {}", text.as_str().unwrap_or_default()));
        }
    }
    for (k, text) in got_keys.iter().zip(&got) {
        if !expected_keys.contains(k) {
            q.extra += 1;
            q.problems.push(format!("{name}: extra: {text}"));
        }
    }
    let title_ok = match (want.get("title_hash"), want.get("title")) {
        (Some(h), _) => h.as_str() == Some(fingerprint(&doc.title).as_str()),
        (None, Some(t)) => t.as_str().map(fold) == Some(fold(&doc.title)),
        (None, None) => return Err(format!("{name}: expectation has no title")),
    };
    if title_ok {
        q.titles = 1;
    } else {
        q.problems.push(format!("{name}: title: {}", doc.title));
    }
    for (field, got, slot) in [
        ("source", &doc.source, &mut q.source),
        ("place", &doc.place, &mut q.place),
        ("date", &doc.date, &mut q.date),
    ] {
        let Some(w) = want.get(field) else { continue };
        let right = w.as_str().map(fold) == got.as_deref().map(fold);
        *slot = (usize::from(right), 1);
        if !right {
            q.problems.push(format!("{name}: {field}: {got:?}, expected {w}"));
        }
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_scored_against_text_or_fingerprints() {
        let page = "عنوان الخبر\nالفقرة الأولى من الخبر وهي طويلة بما يكفي لتكون فقرة من المقال.\nشارك الخبر:\nالفقرة الثانية من الخبر، وفيها تفاصيل أخرى عن الحدث نفسه.";
        let by_text = r#"{"title": "عنوان الخبر", "paragraphs": ["الفقرة الأولى من الخبر وهي طويلة بما يكفي لتكون فقرة من المقال.", "فقرة لم تستخرج"], "place": null}"#;
        let q = score_page("a.txt", page.as_bytes(), by_text).unwrap();
        assert_eq!((q.kept, q.missed, q.extra, q.titles), (1, 1, 1, 1));
        assert_eq!(q.place, (1, 1));
        assert_eq!(q.source, (0, 0));
        let hashes = format!(
            r#"{{"title_hash": "{}", "paragraph_hashes": ["{}", "{}"]}}"#,
            fingerprint("عنوان  الخبر"),
            fingerprint("الفقرة الأولى من الخبر وهي طويلة بما يكفي لتكون فقرة من المقال."),
            fingerprint("الفقرة الثانية من الخبر، وفيها تفاصيل أخرى عن الحدث نفسه.")
        );
        let q = score_page("a.txt", page.as_bytes(), &hashes).unwrap();
        assert_eq!((q.kept, q.missed, q.extra, q.titles), (2, 0, 0, 1));
        assert!((q.recall() - 1.0).abs() < 1e-9 && (q.precision() - 1.0).abs() < 1e-9);
        assert!(score_page("a.txt", page.as_bytes(), "{").unwrap_err().starts_with("a.txt:"));
        assert!(score_page("a.txt", page.as_bytes(), r#"{"title": "x"}"#).is_err());
        assert_eq!(fingerprint("a  b\nc"), fingerprint("a b c"));
    }
}
