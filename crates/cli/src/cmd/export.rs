//! `fahras export --format elasticsearch`: files and folders → the
//! documents as Elasticsearch bulk NDJSON (clean text, entities, dates) and
//! an index definition whose analyzer follows fahras' normalization, for a
//! collection that outgrows one machine.

mod definition;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use fahras::{AnalyzerOptions, Document, Entity, EntityKind, EntityMention, Normalizer};
use serde_json::{json, Map, Value};

use crate::args::Args;
use definition::SpellingSets;

/// The index name when `--index` is not given.
const DEFAULT_INDEX: &str = "fahras";
/// The longest `_id` Elasticsearch accepts, in bytes; a longer document id
/// is hashed for the `_id` (the `id` field keeps it whole).
const MAX_ID_BYTES: usize = 512;
/// Where the load commands point.
const URL: &str = "http://localhost:9200";

/// The spellings of each entity seen in the collection, normalized, by
/// type and key.
type Spellings = BTreeMap<(EntityKind, String), Vec<String>>;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &["-o", "--output", "--format", "--index"], &[])?;
    match args.value(&["--format"]) {
        Some("elasticsearch") => {}
        Some(other) => {
            return Err(format!("export writes --format elasticsearch only, not {other:?}"))
        }
        None => return Err("export needs --format elasticsearch".into()),
    }
    let out = args.value(&["-o", "--output"]).ok_or("export needs -o <folder>")?;
    let name = args.value(&["--index"]).unwrap_or(DEFAULT_INDEX);
    check_index_name(name)?;
    if args.positional.is_empty() {
        return Err("export needs at least one file or folder".into());
    }
    let files = super::input_files(&args.positional)?;
    let mut index = fahras::Index::default();
    let failed = super::add_files(&mut index, &files);

    let dir = Path::new(out);
    std::fs::create_dir_all(dir).map_err(|e| format!("{out}: {e}"))?;
    let normalizer = Normalizer::new(&AnalyzerOptions::default());
    let mut spellings = Spellings::new();
    let bulk = dir.join("bulk.ndjson");
    let bulk_bytes = write_bulk(&bulk, name, index.documents(), &normalizer, &mut spellings)
        .map_err(|e| format!("{}: {e}", bulk.display()))?;

    let mut sets = SpellingSets::with_gazetteer();
    for forms in spellings.into_values() {
        sets.add(forms);
    }
    let synonyms = sets.lines();
    let mappings = definition::char_mappings(fahras::RULES, &normalizer);
    let body = definition::index_definition(&mappings, &synonyms);
    let definition = dir.join("index.json");
    let text = serde_json::to_string_pretty(&body).map_err(|e| e.to_string())?;
    std::fs::write(&definition, text + "\n")
        .map_err(|e| format!("{}: {e}", definition.display()))?;
    let readme = dir.join("README.txt");
    std::fs::write(&readme, readme_text(name)).map_err(|e| format!("{}: {e}", readme.display()))?;

    super::emit(&format!(
        "exported {} documents from {} files ({failed} could not be read) → {} ({:.1} KB)\n\
         index definition → {} (analyzer {}, {} char mappings, {} spelling sets)\n\
         load into Elasticsearch at {URL} with:\n{}",
        index.len(),
        files.len() - failed,
        bulk.display(),
        bulk_bytes as f64 / 1024.0,
        definition.display(),
        definition::ANALYZER,
        mappings.rules.len(),
        synonyms.len(),
        load_commands(name, &definition.to_string_lossy(), &bulk.to_string_lossy()),
    ))?;
    Ok(if index.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Elasticsearch's rules for index names, checked before any work.
fn check_index_name(name: &str) -> Result<(), String> {
    let bad = name.is_empty()
        || name.len() > 255
        || name == "."
        || name == ".."
        || name.starts_with(['-', '_', '+'])
        || name
            .chars()
            .any(|c| c.is_uppercase() || c.is_whitespace() || "\\/*?\"<>|,#:".contains(c));
    if bad {
        return Err(format!(
            "--index {name:?} is not an Elasticsearch index name (lowercase, no spaces or \
             \\ / * ? \" < > | , # :, not starting with - _ +)"
        ));
    }
    Ok(())
}

/// Writes the `_bulk` body: per document an action line naming the index
/// and the `_id`, then the document. Adds the spellings of the documents'
/// entities to `spellings`. Returns the bytes written.
fn write_bulk(
    path: &Path,
    index: &str,
    documents: impl Iterator<Item = Document>,
    normalizer: &Normalizer,
    spellings: &mut Spellings,
) -> std::io::Result<u64> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut written = 0u64;
    for doc in documents {
        let (source, names) = export_document(&doc);
        for entity in names {
            let forms = spellings.entry((entity.kind, entity.key)).or_default();
            for (variant, _) in entity.variants {
                let form = normalizer.normalize(&variant);
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
        let action = json!({ "index": { "_index": index, "_id": bulk_id(&doc.id) } });
        for value in [action, source] {
            let line = serde_json::to_string(&value)? + "\n";
            out.write_all(line.as_bytes())?;
            written += line.len() as u64;
        }
    }
    out.flush()?;
    Ok(written)
}

/// A document's `_source`, and its entities merged from the mentions that
/// are spellings of their name ([`is_spelling`]).
fn export_document(doc: &Document) -> (Value, Vec<Entity>) {
    let text = entity_text(doc);
    let mentions = fahras::extract_entities(&text);
    let entities = fahras::merge_entities(&mentions);
    let names: Vec<_> = mentions.into_iter().filter(is_spelling).collect();
    let dates = fahras::extract_dates(&text, doc.date.as_deref());

    let mut source = Map::new();
    let mut put = |key: &str, value: Value| {
        source.insert(key.to_string(), value);
    };
    put("id", json!(doc.id));
    put("title", json!(doc.title));
    put("text", json!(doc.text));
    for (key, value) in [("source", &doc.source), ("place", &doc.place), ("url", &doc.url)] {
        if let Some(v) = value {
            put(key, json!(v));
        }
    }
    if let Some(date) = &doc.date {
        match document_date(date) {
            Some(iso) => put("date", json!(iso)),
            None => put("date_text", json!(date)),
        }
    }
    if let Some(original) = &doc.duplicate_of {
        put("duplicate_of", json!(original));
    }
    let listed: Vec<Value> = entities
        .iter()
        .map(|e| {
            let variants: Vec<&str> = e.variants.iter().map(|(v, _)| v.as_str()).collect();
            json!({
                "name": e.canonical,
                "type": e.kind.label(),
                "variants": variants,
                "mentions": e.mentions,
            })
        })
        .collect();
    put("entities", Value::Array(listed));
    for (key, kind) in [
        ("persons", EntityKind::Per),
        ("places", EntityKind::Loc),
        ("organisations", EntityKind::Org),
    ] {
        let mut names: Vec<&str> = Vec::new();
        for e in entities.iter().filter(|e| e.kind == kind) {
            if !names.contains(&e.canonical.as_str()) {
                names.push(&e.canonical);
            }
        }
        put(key, json!(names));
    }
    let mut isos: Vec<&str> = Vec::new();
    let mut ranges: Vec<(String, String)> = Vec::new();
    for m in &dates {
        if !isos.contains(&m.date.as_str()) {
            isos.push(&m.date);
        }
        if let Some(range) = period(&m.date).filter(|r| !ranges.contains(r)) {
            ranges.push(range);
        }
    }
    put("dates", json!(isos));
    let ranges: Vec<Value> =
        ranges.into_iter().map(|(gte, lte)| json!({ "gte": gte, "lte": lte })).collect();
    put("date_ranges", Value::Array(ranges));
    (Value::Object(source), fahras::merge_entities(&names))
}

/// Whether a mention is a spelling of its entity's name in its own right,
/// for the collection's synonyms: not a gazetteer name (the gazetteer's
/// spellings are exported whole), not a nisba adjective, and not a form
/// that took its key from the text around it (a bare surname after the
/// full name), which names the entity only there.
fn is_spelling(m: &EntityMention) -> bool {
    m.canonical.is_none() && !m.nisba && fahras::variant_key(&m.text) == m.key
}

/// The text entities and dates are read from: the title and the body, or
/// the body alone when it starts with the title (extraction keeps a title
/// taken from the first paragraph in the body).
fn entity_text(doc: &Document) -> Cow<'_, str> {
    let title = doc.title.trim();
    if title.is_empty() || doc.text.trim_start().starts_with(title) {
        Cow::Borrowed(&doc.text)
    } else {
        Cow::Owned(format!("{title}\n\n{}", doc.text))
    }
}

/// The `_id` of a document: its id, or `fahras-` and a 64-bit FNV-1a hash
/// of it when Elasticsearch would refuse it (empty, or over
/// [`MAX_ID_BYTES`]).
fn bulk_id(id: &str) -> Cow<'_, str> {
    if !id.is_empty() && id.len() <= MAX_ID_BYTES {
        return Cow::Borrowed(id);
    }
    let hash = id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    Cow::Owned(format!("fahras-{hash:016x}"))
}

/// The document date for the `date` field ([`definition::DATE_FORMATS`]):
/// a day (the first ten characters of a timestamp such as
/// `2024-05-14T10:00:00Z`), a month or a year. `None` for anything else,
/// which is exported as `date_text`.
fn document_date(date: &str) -> Option<&str> {
    let date = date.trim();
    if let Some(day) = date.get(..10) {
        let rest = &date[10..];
        if bounds(day).is_some() && (rest.is_empty() || rest.starts_with(['T', ' '])) {
            return Some(day);
        }
    }
    (date.len() < 10 && bounds(date).is_some()).then_some(date)
}

/// The first and last day that a date of [`fahras::DateMention::date`]
/// covers: `2024-05-18` itself, `2024-05` → 1 to 31 May, `2024` → the
/// year, `2024-05-18/2024-05-20` and `2024/2025` → from the first day of
/// the start to the last day of the end. `None` for another shape or a
/// range that ends before it starts.
fn period(date: &str) -> Option<(String, String)> {
    let (from, to) = date.split_once('/').unwrap_or((date, date));
    let (first, _) = bounds(from)?;
    let (_, last) = bounds(to)?;
    (first <= last).then_some((first, last))
}

/// The first and last ISO day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, if valid.
fn bounds(s: &str) -> Option<(String, String)> {
    let number = |part: &str, width: usize| {
        (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = s.split('-').collect();
    match parts[..] {
        [y] => {
            number(y, 4)?;
            Some((format!("{y}-01-01"), format!("{y}-12-31")))
        }
        [y, m] => {
            let last = days_in_month(number(y, 4)?, number(m, 2)?)?;
            Some((format!("{y}-{m}-01"), format!("{y}-{m}-{last:02}")))
        }
        [y, m, d] => {
            let last = days_in_month(number(y, 4)?, number(m, 2)?)?;
            let day = number(d, 2)?;
            (1..=last).contains(&day).then(|| (s.to_string(), s.to_string()))
        }
        _ => None,
    }
}

/// The number of days of a month of the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

/// The two requests that load the export: create the index from its
/// definition, then send the documents.
fn load_commands(index: &str, definition: &str, bulk: &str) -> String {
    format!(
        "  curl -X PUT '{URL}/{index}' -H 'Content-Type: application/json' --data-binary @{}\n  \
         curl -X POST '{URL}/_bulk?refresh=wait_for' -H 'Content-Type: application/x-ndjson' \
         --data-binary @{}\n",
        shell_quote(definition),
        shell_quote(bulk)
    )
}

/// `s` as one word for a POSIX shell.
fn shell_quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The README.txt of the output folder.
fn readme_text(index: &str) -> String {
    format!(
        "Written by `fahras export --format elasticsearch`.\n\
         \n\
         bulk.ndjson  the documents in the Elasticsearch _bulk format: an action line\n\
         \x20            naming the index and the _id, then the document (title, clean\n\
         \x20            text, source, place, url, date, entities, dates).\n\
         index.json   the index definition: the fahras_arabic analyzer (fahras'\n\
         \x20            normalization, Arabic stemming, the spellings of names as\n\
         \x20            synonyms at search time) and the field mappings.\n\
         \n\
         In this folder, with Elasticsearch at {URL} (add -u user:password or an\n\
         API key header when security is on):\n\
         \n{}\n\
         A bulk request is limited to 100 MB by default (http.max_content_length).\n\
         Send a larger file in parts cut at an even line count, so that each\n\
         action stays with its document:\n\
         \n\
         \x20 split -l 20000 bulk.ndjson part-\n\
         \x20 for f in part-*; do\n\
         \x20   curl -X POST '{URL}/_bulk' -H 'Content-Type: application/x-ndjson' --data-binary @$f\n\
         \x20 done\n",
        load_commands(index, "index.json", "bulk.ndjson")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_the_days_of_each_precision() {
        let day = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(period("2024-05-18"), day("2024-05-18", "2024-05-18"));
        assert_eq!(period("2024-02"), day("2024-02-01", "2024-02-29"));
        assert_eq!(period("2023-02"), day("2023-02-01", "2023-02-28"));
        assert_eq!(period("2024"), day("2024-01-01", "2024-12-31"));
        assert_eq!(period("2024-05-18/2024-05-20"), day("2024-05-18", "2024-05-20"));
        assert_eq!(period("2019/2021"), day("2019-01-01", "2021-12-31"));
        assert_eq!(period("2024-04/2024-06"), day("2024-04-01", "2024-06-30"));
        for bad in ["2024-13", "2024-02-30", "24-05-01", "2025/2024", "", "2024-05-18T10"] {
            assert_eq!(period(bad), None, "{bad}");
        }
    }

    #[test]
    fn document_dates_are_days_months_or_years() {
        assert_eq!(document_date("2024-05-14"), Some("2024-05-14"));
        assert_eq!(document_date("2024-05-14T10:00:00Z"), Some("2024-05-14"));
        assert_eq!(document_date("2024-05"), Some("2024-05"));
        assert_eq!(document_date("2024"), Some("2024"));
        assert_eq!(document_date("14/05/2024"), None);
        assert_eq!(document_date("أمس"), None);
        assert_eq!(document_date("2024-05-1٤"), None);
    }

    #[test]
    fn over_long_and_empty_ids_are_hashed() {
        assert_eq!(bulk_id("seeds/a.txt"), "seeds/a.txt");
        let long = "ن".repeat(300);
        let hashed = bulk_id(&long);
        assert!(hashed.starts_with("fahras-") && hashed.len() == 23, "{hashed}");
        assert_ne!(bulk_id(""), "");
    }

    #[test]
    fn index_names_follow_elasticsearch_rules() {
        assert!(check_index_name("fahras").is_ok());
        assert!(check_index_name("news-2024").is_ok());
        for bad in ["", "Fahras", "_x", "a b", "a/b", "..", "a#b"] {
            assert!(check_index_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("out/index.json"), "out/index.json");
        assert_eq!(shell_quote("my out/it's.json"), r"'my out/it'\''s.json'");
    }

    #[test]
    fn a_title_repeated_at_the_start_of_the_body_is_read_once() {
        let doc = Document::new("1", "قمة في أستانا", "قمة في أستانا اليوم.\n\nنص.");
        assert_eq!(entity_text(&doc), doc.text);
        let doc = Document::new("2", "عنوان", "نص.");
        assert_eq!(entity_text(&doc), "عنوان\n\nنص.");
    }
}
