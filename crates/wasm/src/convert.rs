//! DTOs between JS and the core (serde, camelCase) and the conversion of
//! UTF-8 byte spans into UTF-16 offsets for JS strings.

use fahras::{Combine, Document, IndexOptions, RankingWeights, SearchOptions, Snippet, Span};
use serde::{Deserialize, Serialize};

/// A JS range of UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Range {
    pub start: u32,
    pub end: u32,
}

/// Converts byte spans (sorted by start, on char boundaries) of `text` into
/// UTF-16 ranges, in one pass.
pub(crate) fn utf16_ranges(text: &str, spans: &[Span]) -> Vec<Range> {
    let mut out = Vec::with_capacity(spans.len());
    let mut byte = 0usize;
    let mut unit = 0u32;
    let advance = |to: usize, byte: &mut usize, unit: &mut u32| {
        let to = to.min(text.len());
        if to > *byte {
            *unit += text[*byte..to].chars().map(|c| c.len_utf16() as u32).sum::<u32>();
            *byte = to;
        }
    };
    for s in spans {
        let start_unit = if s.start >= byte {
            advance(s.start, &mut byte, &mut unit);
            unit
        } else {
            text[..s.start.min(text.len())].encode_utf16().count() as u32
        };
        let len = text.get(s.start..s.end).map_or(0, |t| t.encode_utf16().count() as u32);
        out.push(Range { start: start_unit, end: start_unit + len });
    }
    out
}

/// A document id from JS: a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum IdInput {
    Text(String),
    Number(f64),
}

impl IdInput {
    pub(crate) fn into_string(self) -> String {
        match self {
            IdInput::Text(s) => s,
            IdInput::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => {
                format!("{}", n as i64)
            }
            IdInput::Number(n) => n.to_string(),
        }
    }
}

/// `DocumentInput` in the TypeScript types.
#[derive(Deserialize)]
pub(crate) struct DocumentInput {
    id: IdInput,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    place: Option<String>,
}

impl From<DocumentInput> for Document {
    fn from(d: DocumentInput) -> Document {
        Document {
            id: d.id.into_string(),
            title: d.title.unwrap_or_default(),
            text: d.text.unwrap_or_default(),
            url: d.url,
            date: d.date,
            source: d.source,
            place: d.place,
            ..Document::default()
        }
    }
}

/// `IndexOptions` in the TypeScript types.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct IndexOptionsInput {
    fold_hamza: Option<bool>,
    fold_alef_maksura: Option<bool>,
    fold_teh_marbuta: Option<bool>,
    stem: Option<bool>,
    entities: Option<bool>,
    positions: Option<bool>,
    k1: Option<f32>,
    b: Option<f32>,
    title_weight: Option<f32>,
    body_weight: Option<f32>,
    stem_weight: Option<f32>,
    prefix_weight: Option<f32>,
    phrase_weight: Option<f32>,
}

impl IndexOptionsInput {
    /// The JS names of the options.
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "foldHamza",
        "foldAlefMaksura",
        "foldTehMarbuta",
        "stem",
        "entities",
        "positions",
        "k1",
        "b",
        "titleWeight",
        "bodyWeight",
        "stemWeight",
        "prefixWeight",
        "phraseWeight",
    ];

    pub(crate) fn into_options(self) -> Result<IndexOptions, String> {
        let mut o = IndexOptions::default();
        let a = &mut o.analyzer;
        a.fold_hamza = self.fold_hamza.unwrap_or(a.fold_hamza);
        a.fold_alef_maksura = self.fold_alef_maksura.unwrap_or(a.fold_alef_maksura);
        a.fold_teh_marbuta = self.fold_teh_marbuta.unwrap_or(a.fold_teh_marbuta);
        a.stem = self.stem.unwrap_or(a.stem);
        o.entities = self.entities.unwrap_or(o.entities);
        o.positions = self.positions.unwrap_or(o.positions);
        let w: &mut RankingWeights = &mut o.ranking;
        let fields = [
            ("k1", self.k1, &mut w.k1, 10.0),
            ("b", self.b, &mut w.b, 1.0),
            ("titleWeight", self.title_weight, &mut w.title, 100.0),
            ("bodyWeight", self.body_weight, &mut w.body, 100.0),
            ("stemWeight", self.stem_weight, &mut w.stem, 1.0),
            ("prefixWeight", self.prefix_weight, &mut w.prefix, 1.0),
            ("phraseWeight", self.phrase_weight, &mut w.phrase, 100.0),
        ];
        for (name, given, slot, max) in fields {
            if let Some(v) = given {
                if !(0.0..=max).contains(&v) {
                    return Err(format!("option {name} must be a number from 0 to {max}, got {v}"));
                }
                *slot = v;
            }
        }
        Ok(o)
    }
}

/// `SerializeOptions` in the TypeScript types.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct SerializeInput {
    pub text: Option<bool>,
    pub positions: Option<bool>,
}

impl SerializeInput {
    /// The JS names of the options.
    pub(crate) const FIELDS: &'static [&'static str] = &["text", "positions"];

    pub(crate) fn save_options(&self) -> fahras::SaveOptions {
        let d = fahras::SaveOptions::default();
        fahras::SaveOptions {
            text: self.text.unwrap_or(d.text),
            positions: self.positions.unwrap_or(d.positions),
        }
    }
}

/// `EntitiesOptions` in the TypeScript types.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntitiesInput {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub limit: Option<u32>,
}

impl EntitiesInput {
    /// The JS names of the options.
    pub(crate) const FIELDS: &'static [&'static str] = &["type", "limit"];
}

/// `SearchOptions` in the TypeScript types.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SearchOptionsInput {
    limit: Option<f64>,
    offset: Option<f64>,
    combine: Option<String>,
    snippets: Option<bool>,
    snippet_length: Option<f64>,
    collapse: Option<bool>,
    facets: Option<bool>,
}

impl SearchOptionsInput {
    /// The JS names of the options.
    pub(crate) const FIELDS: &'static [&'static str] =
        &["limit", "offset", "combine", "snippets", "snippetLength", "collapse", "facets"];

    pub(crate) fn into_options(self) -> Result<SearchOptions, String> {
        let mut o = SearchOptions::default();
        let count = |name: &str, v: Option<f64>, default: usize| match v {
            None => Ok(default),
            Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n.min(u32::MAX as f64) as usize),
            Some(n) => Err(format!("search option {name} must be a whole number ≥ 0, got {n}")),
        };
        o.limit = count("limit", self.limit, o.limit)?;
        o.offset = count("offset", self.offset, o.offset)?;
        o.snippet_chars = count("snippetLength", self.snippet_length, o.snippet_chars)?;
        o.snippets = self.snippets.unwrap_or(false);
        o.collapse = self.collapse.unwrap_or(o.collapse);
        o.facets = self.facets.unwrap_or(o.facets);
        // (A hit in JS has no body: see `HitOut`.)
        o.bodies = false;
        o.combine = match self.combine.as_deref() {
            None | Some("and") | Some("AND") => Combine::And,
            Some("or") | Some("OR") => Combine::Or,
            Some(other) => {
                return Err(format!(
                    "search option combine must be \"and\" or \"or\", got {other:?}"
                ))
            }
        };
        Ok(o)
    }
}

/// `SearchHit` in the TypeScript types.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HitOut<'a> {
    pub id: &'a str,
    pub score: f32,
    pub title: &'a str,
    pub title_highlights: Vec<Range>,
    pub snippet: &'a str,
    pub snippet_highlights: Vec<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'a str>,
    pub similar: Vec<SimilarOut<'a>>,
}

/// `SimilarHit` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct SimilarOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
}

impl<'a> HitOut<'a> {
    pub(crate) fn new(hit: &'a fahras::Hit, snippets: bool) -> HitOut<'a> {
        let d = &hit.document;
        let highlights = |s: &Snippet| utf16_ranges(&s.text, &s.highlights);
        HitOut {
            id: &d.id,
            score: hit.score,
            title: if snippets { &hit.title.text } else { &d.title },
            title_highlights: highlights(&hit.title),
            snippet: &hit.snippet.text,
            snippet_highlights: highlights(&hit.snippet),
            url: d.url.as_deref(),
            date: d.date.as_deref(),
            source: d.source.as_deref(),
            place: d.place.as_deref(),
            similar: hit
                .similar
                .iter()
                .map(|s| SimilarOut { id: &s.id, title: &s.title, source: s.source.as_deref() })
                .collect(),
        }
    }
}

/// `SearchResults` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct ResultsOut<'a> {
    pub total: u32,
    pub hits: Vec<HitOut<'a>>,
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetsOut<'a>>,
}

impl<'a> ResultsOut<'a> {
    pub(crate) fn new(r: &'a fahras::SearchResults, snippets: bool) -> ResultsOut<'a> {
        ResultsOut {
            total: r.total as u32,
            hits: r.hits.iter().map(|h| HitOut::new(h, snippets)).collect(),
            warnings: r.warnings.iter().map(ToString::to_string).collect(),
            facets: r.facets.as_ref().map(Into::into),
        }
    }
}

/// `Facets` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct FacetsOut<'a> {
    pub sources: Vec<FacetValue<'a>>,
    pub months: Vec<FacetValue<'a>>,
    pub entities: Vec<EntityOut<'a>>,
}

/// `EntityFacet` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct EntityOut<'a> {
    pub key: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: &'a str,
    pub variants: Vec<VariantOut<'a>>,
    pub documents: u32,
    pub mentions: u32,
}

/// `EntityVariant` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct VariantOut<'a> {
    pub text: &'a str,
    pub count: u32,
}

impl<'a> From<&'a fahras::EntityFacet> for EntityOut<'a> {
    fn from(e: &'a fahras::EntityFacet) -> EntityOut<'a> {
        EntityOut {
            key: &e.key,
            kind: e.kind.label(),
            name: &e.name,
            variants: e
                .variants
                .iter()
                .map(|(text, n)| VariantOut { text, count: *n as u32 })
                .collect(),
            documents: e.documents as u32,
            mentions: e.mentions as u32,
        }
    }
}

/// `Mark` in the TypeScript types: an entity or a date in a paragraph.
#[derive(Serialize)]
pub(crate) struct MarkOut {
    pub start: u32,
    pub end: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub label: String,
}

/// The entities and dates of each paragraph of a document, in UTF-16
/// offsets within the paragraph; `name_of` gives an entity key's name.
pub(crate) fn marks_of(
    d: &Document,
    name_of: impl Fn(&str) -> Option<String>,
) -> Vec<Vec<MarkOut>> {
    let mut all: Vec<(Span, &'static str, String)> = fahras::extract_entities(&d.text)
        .into_iter()
        .map(|m| {
            let label = name_of(&m.key).or(m.canonical).unwrap_or(m.text);
            (m.span, m.kind.label(), label)
        })
        .collect();
    all.extend(
        fahras::extract_dates(&d.text, d.date.as_deref())
            .into_iter()
            .map(|m| (m.span, "DATE", m.date)),
    );
    // By start, the longest first, as u64 keys (the sort the index has).
    all.truncate(0xFFFF);
    let mut keys: Vec<u64> = all
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let long = 0xFFFF - m.0.len().min(0xFFFF) as u64;
            (m.0.start as u64) << 32 | long << 16 | i as u64
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<(Span, &'static str, String)>> = all.into_iter().map(Some).collect();
    let mut end = 0;
    let all: Vec<(Span, &'static str, String)> = keys
        .iter()
        .filter_map(|k| slots.get_mut((k & 0xFFFF) as usize)?.take())
        .filter(|m| {
            let keep = m.0.start >= end;
            end = end.max(m.0.end);
            keep
        })
        .collect();
    let base = d.text.as_ptr() as usize;
    d.paragraphs()
        .map(|p| {
            let from = p.as_ptr() as usize - base;
            let inside: Vec<&(Span, &'static str, String)> =
                all.iter().filter(|m| m.0.start >= from && m.0.end <= from + p.len()).collect();
            let spans: Vec<Span> = inside
                .iter()
                .map(|m| Span { start: m.0.start - from, end: m.0.end - from })
                .collect();
            utf16_ranges(p, &spans)
                .into_iter()
                .zip(inside)
                .map(|(r, m)| MarkOut { start: r.start, end: r.end, kind: m.1, label: m.2.clone() })
                .collect()
        })
        .collect()
}

/// `FacetValue` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct FacetValue<'a> {
    pub value: &'a str,
    pub count: u32,
}

impl<'a> From<&'a fahras::Facets> for FacetsOut<'a> {
    fn from(f: &'a fahras::Facets) -> FacetsOut<'a> {
        let values = |v: &'a [(String, usize)]| {
            v.iter().map(|(value, n)| FacetValue { value, count: *n as u32 }).collect()
        };
        FacetsOut {
            sources: values(&f.sources),
            months: values(&f.months),
            entities: f.entities.iter().map(EntityOut::from).collect(),
        }
    }
}

/// `StoredDocument` in the TypeScript types.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DocumentOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub paragraphs: Vec<&'a str>,
    pub removed: Vec<RemovedOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'a str>,
    /// Per paragraph, its entities and dates (from `Index.document` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Vec<MarkOut>>,
}

impl<'a> DocumentOut<'a> {
    /// With the marks of its entities and dates, named as in `index`.
    pub(crate) fn marked(d: &'a Document, index: &fahras::Index) -> DocumentOut<'a> {
        DocumentOut { marks: marks_of(d, |key| index.entity_name(key)), ..DocumentOut::from(d) }
    }
}

impl<'a> From<&'a Document> for DocumentOut<'a> {
    fn from(d: &'a Document) -> DocumentOut<'a> {
        DocumentOut {
            id: &d.id,
            title: &d.title,
            text: &d.text,
            paragraphs: d.paragraphs().collect(),
            removed: d
                .removed
                .iter()
                .map(|r| RemovedOut {
                    text: &r.text,
                    reason: r.reason.code(),
                    label: r.reason.label(),
                    before: r.before,
                })
                .collect(),
            duplicate_of: d.duplicate_of.as_deref(),
            url: d.url.as_deref(),
            date: d.date.as_deref(),
            source: d.source.as_deref(),
            place: d.place.as_deref(),
            marks: Vec::new(),
        }
    }
}

/// `RemovedLine` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct RemovedOut<'a> {
    pub text: &'a str,
    pub reason: &'static str,
    pub label: &'static str,
    pub before: u32,
}

/// `ExtractedFile` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct ExtractedOut<'a> {
    pub documents: Vec<DocumentOut<'a>>,
    pub warnings: Vec<String>,
    pub encoding: String,
}

/// `AddFileReport` in the TypeScript types.
#[derive(Serialize)]
pub(crate) struct AddFileReport {
    pub added: Vec<String>,
    pub warnings: Vec<String>,
    pub encoding: String,
}

impl AddFileReport {
    /// The report of a file, its warnings prefixed with the file name.
    pub(crate) fn of(name: &str, report: &fahras::FileReport) -> AddFileReport {
        AddFileReport {
            added: report.added.clone(),
            warnings: report.warnings.iter().map(|w| format!("{name}: {w}")).collect(),
            encoding: report.encoding.map(|e| e.to_string()).unwrap_or_default(),
        }
    }
}

/// `IndexStats` in the TypeScript types.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatsOut {
    pub documents: u32,
    pub terms: u32,
    pub stems: u32,
    pub postings_bytes: f64,
    pub positions_bytes: f64,
    pub stored_text_bytes: f64,
    pub token_map_bytes: f64,
    pub heap_bytes: f64,
    pub memory_bytes: f64,
}

/// `AnalyzedToken` in the TypeScript types.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TokenOut {
    pub term: String,
    pub stem: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_stem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conj_stem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_stem: Option<String>,
    pub start: u32,
    pub end: u32,
    pub position: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_spans_become_utf16_offsets() {
        // "قمّة 😀 CNN": Arabic letters are 2 bytes / 1 unit, the emoji 4 bytes / 2 units.
        let text = "قمّة 😀 CNN";
        let spans = [Span { start: 0, end: 8 }, Span { start: 14, end: 17 }];
        assert_eq!(&text[0..8], "قمّة");
        assert_eq!(&text[14..17], "CNN");
        let got = utf16_ranges(text, &spans);
        assert_eq!(got, [Range { start: 0, end: 4 }, Range { start: 8, end: 11 }]);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[8..11]).unwrap(), "CNN");
    }

    #[test]
    fn options_are_checked() {
        let bad = SearchOptionsInput { limit: Some(-1.0), ..Default::default() };
        assert!(bad.into_options().unwrap_err().contains("limit"));
        let bad = SearchOptionsInput { combine: Some("xor".into()), ..Default::default() };
        assert!(bad.into_options().unwrap_err().contains("combine"));
        let bad = IndexOptionsInput { b: Some(2.0), ..Default::default() };
        assert!(bad.into_options().unwrap_err().contains("option b"));
        assert_eq!(IdInput::Number(42.0).into_string(), "42");
    }
}
