//! Runs every case of `tests/cases/*.toml`. The files are compiled in with
//! `include_str!`, so the same cases run natively and in wasm.

use fahras::{
    parse_lenient, stem, Analyzer, Atom, Combine, Document, Index, Normalizer, Occur, Query,
    SearchOptions,
};
use serde::Deserialize;
use wasm_bindgen_test::wasm_bindgen_test;

fn load<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Vec<T> {
    #[derive(Deserialize)]
    struct File<T> {
        case: Vec<T>,
    }
    match toml::from_str::<File<T>>(text) {
        Ok(f) => f.case,
        Err(e) => panic!("tests/cases/{name}: {e}"),
    }
}

/// Runs `check` on every case and reports all failures at once.
fn run<T>(
    file: &str,
    cases: &[T],
    name: impl Fn(&T) -> String,
    check: impl Fn(&T) -> Result<(), String>,
) {
    let failures: Vec<String> =
        cases.iter().filter_map(|c| check(c).err().map(|e| format!("{}: {e}", name(c)))).collect();
    assert!(
        failures.is_empty(),
        "{file}: {} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn expect<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

#[derive(Deserialize)]
struct NormalizeCase {
    name: String,
    input: String,
    expected: String,
}

#[wasm_bindgen_test(unsupported = test)]
fn normalization_cases() {
    let cases: Vec<NormalizeCase> = load("normalize.toml", include_str!("cases/normalize.toml"));
    let n = Normalizer::new(&Default::default());
    run(
        "normalize.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            expect("normalized", n.normalize(&c.input), c.expected.clone())?;
            expect("idempotent", n.normalize(&c.expected), c.expected.clone())
        },
    );
}

#[derive(Deserialize)]
struct TokenizeCase {
    name: String,
    input: String,
    /// Normalized terms, in order.
    terms: Vec<String>,
    /// The original text each token covers, in order (optional).
    #[serde(default)]
    words: Option<Vec<String>>,
}

#[wasm_bindgen_test(unsupported = test)]
fn tokenization_cases() {
    let cases: Vec<TokenizeCase> = load("tokenize.toml", include_str!("cases/tokenize.toml"));
    let a = Analyzer::default();
    run(
        "tokenize.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            let tokens = a.analyze(&c.input);
            expect(
                "terms",
                tokens.iter().map(|t| t.term.clone()).collect::<Vec<_>>(),
                c.terms.clone(),
            )?;
            if let Some(words) = &c.words {
                let got: Vec<String> =
                    tokens.iter().map(|t| c.input[t.span.range()].to_string()).collect();
                expect("words", got, words.clone())?;
            }
            Ok(())
        },
    );
}

#[derive(Deserialize)]
struct StemCase {
    name: String,
    word: String,
    stem: String,
    #[serde(default)]
    alt: Option<String>,
    /// The conjunction-only reading (see `Stems::alt_conj`).
    #[serde(default)]
    conj: Option<String>,
    /// The key of the feminine base (see `Stems::base_key`).
    #[serde(default)]
    base: Option<String>,
}

#[wasm_bindgen_test(unsupported = test)]
fn stemming_cases() {
    let cases: Vec<StemCase> = load("stem.toml", include_str!("cases/stem.toml"));
    assert!(cases.len() >= 200, "the stem table must hold at least 200 pairs");
    run(
        "stem.toml",
        &cases,
        |c| format!("{} ({})", c.name, c.word),
        |c| {
            let s = stem(&c.word);
            expect("stem", s.primary, c.stem.as_str())?;
            expect("alt", s.alt, c.alt.as_deref())?;
            expect("conj", s.alt_conj, c.conj.as_deref())?;
            expect("base", s.base_key(), c.base.as_deref())
        },
    );
}

#[derive(Deserialize)]
struct QueryCase {
    name: String,
    query: String,
    /// The parsed query in a compact form: clauses separated by spaces,
    /// `+` required, `-` excluded, alternatives joined by `|`, words as
    /// written, `prefix*`, `"a phrase"`.
    parsed: String,
    #[serde(default)]
    warnings: Vec<String>,
}

fn render(q: &Query) -> String {
    let clauses: Vec<String> = q
        .clauses
        .iter()
        .map(|c| {
            let sign = if c.occur == Occur::Must { "+" } else { "-" };
            let alts: Vec<String> = c
                .alternatives
                .iter()
                .map(|a| match a {
                    Atom::Word(w) => w.clone(),
                    Atom::Prefix(p) => format!("{p}*"),
                    Atom::Phrase(p) => format!("\"{p}\""),
                })
                .collect();
            format!("{sign}{}", alts.join("|"))
        })
        .collect();
    clauses.join(" ")
}

#[wasm_bindgen_test(unsupported = test)]
fn query_parsing_cases() {
    let cases: Vec<QueryCase> = load("query.toml", include_str!("cases/query.toml"));
    run(
        "query.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            let (q, warnings) = parse_lenient(&c.query);
            expect("parsed", render(&q), c.parsed.clone())?;
            let got: Vec<String> = warnings.iter().map(|w| format!("{w:?}")).collect();
            expect("warnings", got, c.warnings.clone())
        },
    );
}

#[derive(Deserialize)]
struct SearchFile {
    doc: Vec<SearchDoc>,
    case: Vec<SearchCase>,
}

#[derive(Deserialize)]
struct SearchDoc {
    id: String,
    #[serde(default)]
    title: String,
    text: String,
}

#[derive(Deserialize)]
struct SearchCase {
    name: String,
    query: String,
    /// "and" (default) or "or".
    #[serde(default)]
    combine: Option<String>,
    /// Exactly these ids, in this order.
    #[serde(default)]
    hits: Option<Vec<String>>,
    /// These ids are among the hits.
    #[serde(default)]
    includes: Vec<String>,
    /// These ids are not among the hits.
    #[serde(default)]
    excludes: Vec<String>,
    /// The first hit.
    #[serde(default)]
    first: Option<String>,
    /// Ids in this relative order among the hits.
    #[serde(default)]
    order: Vec<String>,
    /// Words of the original text highlighted in the first hit's title and
    /// snippet, in order.
    #[serde(default)]
    marked: Option<Vec<String>>,
}

impl SearchCase {
    /// The case's search options: its combine mode, snippets, `limit` hits.
    fn options(&self, limit: usize) -> SearchOptions {
        let combine =
            if self.combine.as_deref() == Some("or") { Combine::Or } else { Combine::And };
        SearchOptions { limit, combine, snippets: true, ..SearchOptions::default() }
    }
}

pub(crate) fn search_index() -> (Index, Vec<String>) {
    let file: SearchFile = toml::from_str(include_str!("cases/search.toml")).expect("search.toml");
    let mut index = Index::default();
    for d in &file.doc {
        index.add(Document::new(&d.id, &d.title, &d.text)).expect("add");
    }
    (index, file.doc.iter().map(|d| d.id.clone()).collect())
}

#[wasm_bindgen_test(unsupported = test)]
fn search_cases() {
    let file: SearchFile = toml::from_str(include_str!("cases/search.toml")).expect("search.toml");
    let (index, _) = search_index();
    run_search("search.toml", &file, &index);
}

#[wasm_bindgen_test(unsupported = test)]
fn entity_search_cases() {
    let text = include_str!("cases/entity_search.toml");
    let file: SearchFile = toml::from_str(text).expect("entity_search.toml");
    let mut index = Index::default();
    for d in &file.doc {
        index.add(Document::new(&d.id, &d.title, &d.text)).expect("add");
    }
    run_search("entity_search.toml", &file, &index);
}

fn run_search(name: &str, file: &SearchFile, index: &Index) {
    run(
        name,
        &file.case,
        |c| c.name.clone(),
        |c| {
            let opts = c.options(100);
            let r = index.search(&c.query, &opts);
            let ids: Vec<String> = r.hits.iter().map(|h| h.document.id.clone()).collect();
            if let Some(want) = &c.hits {
                expect("hits", &ids, want)?;
            }
            for id in &c.includes {
                if !ids.contains(id) {
                    return Err(format!("{id} missing from {ids:?}"));
                }
            }
            for id in &c.excludes {
                if ids.contains(id) {
                    return Err(format!("{id} should not be in {ids:?}"));
                }
            }
            if let Some(first) = &c.first {
                expect("first", ids.first(), Some(first))?;
            }
            let places: Vec<Option<usize>> =
                c.order.iter().map(|id| ids.iter().position(|x| x == id)).collect();
            if places.iter().any(Option::is_none) || places.windows(2).any(|w| w[0] > w[1]) {
                return Err(format!("order {:?} not respected in {ids:?}", c.order));
            }
            if let Some(want) = &c.marked {
                let hit = r.hits.first().ok_or("no hit to check highlights")?;
                let mut got = Vec::new();
                for s in [&hit.title, &hit.snippet] {
                    got.extend(s.highlights.iter().map(|h| s.text[h.range()].to_string()));
                }
                expect("marked", &got, want)?;
            }
            Ok(())
        },
    );
}

#[derive(Deserialize)]
struct SnippetCase {
    name: String,
    #[serde(default)]
    title: String,
    text: String,
    query: String,
    /// Snippet length in characters (default 200).
    #[serde(default)]
    chars: Option<usize>,
    /// The exact passage, when given.
    #[serde(default)]
    snippet: Option<String>,
    /// The highlighted words of the passage, in order.
    marked: Vec<String>,
}

#[wasm_bindgen_test(unsupported = test)]
fn snippet_cases() {
    let cases: Vec<SnippetCase> = load("snippet.toml", include_str!("cases/snippet.toml"));
    run(
        "snippet.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            let mut index = Index::default();
            index.add(Document::new("d", &c.title, &c.text)).map_err(|e| e.to_string())?;
            let opts = SearchOptions {
                snippets: true,
                snippet_chars: c.chars.unwrap_or(200),
                ..SearchOptions::default()
            };
            let r = index.search(&c.query, &opts);
            let hit = r.hits.first().ok_or("no hit")?;
            let s = &hit.snippet;
            if let Some(want) = &c.snippet {
                expect("snippet", &s.text, want)?;
            }
            let got: Vec<String> =
                s.highlights.iter().map(|h| s.text[h.range()].to_string()).collect();
            expect("marked", &got, &c.marked)
        },
    );
}

#[derive(Deserialize)]
struct DateCase {
    name: String,
    text: String,
    /// The document's own date, ISO `YYYY-MM-DD`, for relative expressions.
    #[serde(default)]
    reference: Option<String>,
    /// Every mention, in order: `{ text, date, precision, calendar }`, plus
    /// `hijri` for Hijri dates and `weekday_mismatch = true` when set.
    expected: Vec<std::collections::BTreeMap<String, toml::Value>>,
}

#[wasm_bindgen_test(unsupported = test)]
fn date_cases() {
    use toml::Value;
    let cases: Vec<DateCase> = load("dates.toml", include_str!("cases/dates.toml"));
    assert!(cases.len() >= 80, "the date table must hold at least 80 cases");
    run(
        "dates.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            let got: Vec<std::collections::BTreeMap<String, Value>> =
                fahras::extract_dates(&c.text, c.reference.as_deref())
                    .into_iter()
                    .map(|m| {
                        let mut row = std::collections::BTreeMap::new();
                        let text = c.text[m.span.range()].to_string();
                        row.insert("text".to_string(), Value::String(text));
                        row.insert("date".to_string(), Value::String(m.date));
                        row.insert("precision".to_string(), m.precision.as_str().into());
                        row.insert("calendar".to_string(), m.calendar.as_str().into());
                        if let Some(h) = m.hijri {
                            row.insert("hijri".to_string(), Value::String(h));
                        }
                        if m.weekday_mismatch {
                            row.insert("weekday_mismatch".to_string(), Value::Boolean(true));
                        }
                        row
                    })
                    .collect();
            expect("mentions", got, c.expected.clone())
        },
    );
}

#[derive(Deserialize)]
struct VariantFile {
    case: Vec<VariantCase>,
    near_miss: Vec<NearMiss>,
}

#[derive(Deserialize)]
struct VariantCase {
    name: String,
    variants: Vec<String>,
}

#[derive(Deserialize)]
struct NearMiss {
    name: String,
    a: String,
    b: String,
}

/// Every pair of spellings of a `[[case]]` names one entity (both ways) and
/// the two sides of a `[[near_miss]]` do not. A few cases need more than
/// spelling rules (see the list printed on failure); the floors keep them
/// honest: at least 95% of each kind must pass.
#[wasm_bindgen_test(unsupported = test)]
fn variant_cases() {
    let file: VariantFile = toml::from_str(include_str!("cases/variants.toml"))
        .unwrap_or_else(|e| panic!("tests/cases/variants.toml: {e}"));
    let mut failed_cases = Vec::new();
    for c in &file.case {
        let bad: Vec<String> = c
            .variants
            .iter()
            .enumerate()
            .flat_map(|(i, a)| c.variants[i + 1..].iter().map(move |b| (a, b)))
            .filter(|(a, b)| !fahras::same_entity(a, b) || !fahras::same_entity(b, a))
            .map(|(a, b)| {
                format!("{a} / {b} ({} / {})", fahras::variant_key(a), fahras::variant_key(b))
            })
            .collect();
        if !bad.is_empty() {
            failed_cases.push(format!("{}: {}", c.name, bad.join(", ")));
        }
    }
    let failed_misses: Vec<String> = file
        .near_miss
        .iter()
        .filter(|m| fahras::same_entity(&m.a, &m.b) || fahras::same_entity(&m.b, &m.a))
        .map(|m| format!("{}: {} = {}", m.name, m.a, m.b))
        .collect();
    let share = |failed: usize, all: usize| 1.0 - failed as f64 / all.max(1) as f64;
    let (cases, misses) = (
        share(failed_cases.len(), file.case.len()),
        share(failed_misses.len(), file.near_miss.len()),
    );
    println!(
        "variants.toml: {}/{} cases merge, {}/{} near misses stay apart\nunmerged:\n{}\nwrongly merged:\n{}",
        file.case.len() - failed_cases.len(),
        file.case.len(),
        file.near_miss.len() - failed_misses.len(),
        file.near_miss.len(),
        failed_cases.join("\n"),
        failed_misses.join("\n")
    );
    assert!(
        cases >= 0.95,
        "only {cases:.3} of the variant sets merge:\n{}",
        failed_cases.join("\n")
    );
    assert!(
        misses >= 0.95,
        "only {misses:.3} of the near misses stay apart:\n{}",
        failed_misses.join("\n")
    );
}

/// Every query of `search.toml` on the collection split into small parts
/// (a fresh reader per query, loading only the parts it is told it needs)
/// gives what the whole index gives: the same hits, scores, titles and
/// snippets with their highlights, and fetches only some of the parts. (A
/// reader in parts scores every list whole, while the whole index scores
/// common words only within the rarest word's documents: this also checks
/// that planning a query changes nothing but its time.)
#[wasm_bindgen_test(unsupported = test)]
fn search_cases_in_parts() {
    let file: SearchFile = toml::from_str(include_str!("cases/search.toml")).expect("search.toml");
    let options = fahras::IndexOptions { entities: false, ..Default::default() };
    let mut whole = Index::new(options);
    for d in &file.doc {
        whole.add(Document::new(&d.id, &d.title, &d.text)).expect("add");
    }
    let parts = whole.to_parts_with(64);
    let bytes = |name: &str| -> &[u8] {
        &parts.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no part {name}")).bytes
    };
    let terms = parts.iter().filter(|p| p.name.starts_with("t/")).count();
    assert!(terms > 10, "the collection should make many term parts, not {terms}");
    let show = |r: &fahras::SearchResults| -> Vec<String> {
        r.hits
            .iter()
            .map(|h| {
                let marks = |s: &fahras::Snippet| {
                    s.highlights.iter().map(|m| s.text[m.range()].to_string()).collect::<Vec<_>>()
                };
                let similar: Vec<&str> = h.similar.iter().map(|d| d.id.as_str()).collect();
                format!(
                    "{} {:.6} {:?} {:?} {:?} {:?} {similar:?}",
                    h.document.id,
                    h.score,
                    h.title.text,
                    marks(&h.title),
                    h.snippet.text,
                    marks(&h.snippet)
                )
            })
            .collect()
    };
    run(
        "search.toml (in parts)",
        &file.case,
        |c| c.name.clone(),
        |c| {
            let opts = c.options(10);
            let mut index =
                Index::from_manifest(bytes(fahras::MANIFEST_NAME)).map_err(|e| e.to_string())?;
            let mut loaded = 0;
            for round in 0.. {
                let needed = index.needed_parts(&c.query, &opts);
                if needed.is_empty() {
                    break;
                }
                if round == 4 {
                    return Err(format!("still needs {needed:?} after four rounds"));
                }
                for name in needed {
                    index.load_part(&name, bytes(&name)).map_err(|e| format!("{name}: {e}"))?;
                    loaded += 1;
                }
            }
            let (want, got) = (whole.search(&c.query, &opts), index.search(&c.query, &opts));
            expect("total", got.total, want.total)?;
            expect("hits", show(&got), show(&want))?;
            if loaded * 2 > parts.len() {
                return Err(format!("loaded {loaded} of {} parts", parts.len()));
            }
            Ok(())
        },
    );
}

#[derive(Deserialize)]
struct PersonsCase {
    name: String,
    input: String,
    persons: Vec<String>,
}

#[wasm_bindgen_test(unsupported = test)]
fn person_recognition_cases() {
    let cases: Vec<PersonsCase> = load("persons.toml", include_str!("cases/persons.toml"));
    run(
        "persons.toml",
        &cases,
        |c| c.name.clone(),
        |c| {
            let got: Vec<String> = fahras::extract_entities(&c.input)
                .into_iter()
                .filter(|m| m.kind == fahras::EntityKind::Per)
                .map(|m| m.text)
                .collect();
            expect("persons", got, c.persons.clone())
        },
    );
}
