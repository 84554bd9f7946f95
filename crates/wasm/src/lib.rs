//! JavaScript bindings of fahras: only signatures and delegation to the core.
//! DTOs live in `convert.rs`, the TypeScript types in `types.rs`, the error
//! mapping in `error.rs`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod convert;
mod error;
mod types;

use convert::{
    utf16_ranges, AddFileReport, DocumentInput, DocumentOut, EntitiesInput, EntityOut,
    ExtractedOut, FacetsOut, IdInput, IndexOptionsInput, ResultsOut, SearchOptionsInput,
    SerializeInput, StatsOut, TokenOut,
};
use error::js_error;
use js_sys::{ArrayBuffer, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::new()).map_err(js_error)
}

/// Rejects option names this build does not know (a typo such as `limti`
/// would otherwise be ignored silently).
fn check_keys(value: &JsValue, allowed: &[&str], what: &str) -> Result<(), JsError> {
    let Some(obj) = value.dyn_ref::<js_sys::Object>() else {
        return Err(js_error(format!("{what} must be an object")));
    };
    for key in js_sys::Object::keys(obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(js_error(format!("unknown {what} {key:?}; known: {}", allowed.join(", "))));
        }
    }
    Ok(())
}

/// An options object: absent, `undefined` and `null` give the defaults;
/// unknown names and wrong types throw.
fn options_of<T: serde::de::DeserializeOwned + Default>(
    value: Option<JsValue>,
    fields: &[&str],
    what: &str,
) -> Result<T, JsError> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            check_keys(&v, fields, what)?;
            serde_wasm_bindgen::from_value(v).map_err(js_error)
        }
        _ => Ok(T::default()),
    }
}

fn id_of(value: JsValue) -> Result<String, JsError> {
    serde_wasm_bindgen::from_value::<IdInput>(value)
        .map(IdInput::into_string)
        .map_err(|_| js_error("a document id must be a string or a number"))
}

/// A searchable collection of documents.
#[wasm_bindgen]
pub struct Index {
    inner: fahras::Index,
}

#[wasm_bindgen]
impl Index {
    /// An empty index. Throws on invalid options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "IndexOptions")] options: Option<JsValue>,
    ) -> Result<Index, JsError> {
        let input: IndexOptionsInput =
            options_of(options, IndexOptionsInput::FIELDS, "index option")?;
        Ok(Index { inner: fahras::Index::new(input.into_options().map_err(js_error)?) })
    }

    /// Adds a document (an existing id is replaced). Throws when the
    /// document has no id or a field has the wrong type.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DocumentInput")] doc: JsValue,
    ) -> Result<(), JsError> {
        let doc: DocumentInput = serde_wasm_bindgen::from_value(doc)
            .map_err(|e| js_error(format!("invalid document: {e}")))?;
        self.inner.add(doc.into()).map_err(js_error)
    }

    /// Adds many documents. All are checked first: when one is invalid,
    /// nothing is added and the error names its position. Returns the count.
    #[wasm_bindgen(js_name = addAll)]
    pub fn add_all(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DocumentInput[]")] docs: JsValue,
    ) -> Result<u32, JsError> {
        let array: js_sys::Array =
            docs.dyn_into().map_err(|_| js_error("addAll expects an array of documents"))?;
        // The check reads the fields' types in place; each document is then
        // copied in and added in turn, so the texts of all of them are
        // never in wasm memory twice.
        let keys = DocumentKeys::new();
        let mut units = 0usize;
        for (i, value) in array.iter().enumerate() {
            units += keys
                .check(&value)
                .map_err(|e| js_error(format!("invalid document at index {i}: {e}")))?;
        }
        let n = array.length();
        // The store takes about 1.1 bytes per UTF-16 unit (bodies are
        // packed, one byte an Arabic letter, then coded to about 0.6 of
        // that; token maps). Then wasm memory grows once for most
        // of the rest of the index (posting lists, token maps, signatures):
        // growing it step by step made building 30% slower. Before bodies
        // were packed, growing it by 2.4 bytes a unit made the memory of a
        // 158 MB collection 430 MB, against 358 MB at 1.5; since, 2.5 bytes
        // a unit built that collection no faster than 1.5 (285 MB).
        self.inner.reserve(n as usize, units);
        reserve(units * 3 / 2);
        for (i, value) in array.iter().enumerate() {
            let doc: DocumentInput = serde_wasm_bindgen::from_value(value)
                .map_err(|e| js_error(format!("invalid document at index {i}: {e}")))?;
            self.inner.add(doc.into()).map_err(js_error)?;
        }
        Ok(n)
    }

    /// Reads a `.txt`, `.html`, `.md`, `.json` or `.jsonl` file (UTF-8, UTF-16,
    /// windows-1256 or ISO-8859-6, sniffed) and adds its documents. Throws an
    /// error naming the file when it cannot be read at all (empty, binary,
    /// undecodable, malformed JSON); a bad record inside a readable file is a
    /// warning in the report. A short line found on three or more pages of
    /// the same source is removed from all of them as page template.
    #[wasm_bindgen(js_name = addFile, unchecked_return_type = "AddFileReport")]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        reserve(bytes.len() * 2);
        let report = self.inner.add_file(name, bytes).map_err(js_error)?;
        to_js(&AddFileReport::of(name, &report))
    }

    /// Starts adding a file a few documents at a time (`FileJob.step`), so
    /// that a large JSON Lines file can report progress and be stopped
    /// between steps. Throws the errors of decoding the file (empty, binary,
    /// undecodable).
    #[wasm_bindgen(js_name = addFileJob)]
    pub fn add_file_job(&self, name: &str, bytes: &[u8]) -> Result<FileJob, JsError> {
        let inner = fahras::FileJob::new(name, bytes).map_err(js_error)?;
        Ok(FileJob { name: name.to_string(), inner })
    }

    /// Starts adding a JSON Lines file given in pieces (each cut after a
    /// newline): `first` is its beginning, `FileJob.append` gives the rest.
    /// Read text is let go, so the whole file is never in memory at once.
    #[wasm_bindgen(js_name = beginFileJob)]
    pub fn begin_file_job(&self, name: &str, first: &[u8]) -> Result<FileJob, JsError> {
        let inner = fahras::FileJob::begin(name, first).map_err(js_error)?;
        Ok(FileJob { name: name.to_string(), inner })
    }

    /// Removes a document; returns whether it was there.
    pub fn remove(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
    ) -> Result<bool, JsError> {
        Ok(self.inner.remove(&id_of(id)?))
    }

    /// Searches. Query text never throws: `"phrases"`, `-exclusion`, `OR`,
    /// `prefix*`, `source:NAME`, `date:2024-05..2024-07`; a query that
    /// normalizes to nothing has no hits. Throws
    /// only on invalid options.
    #[wasm_bindgen(unchecked_return_type = "SearchResults")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let (query, options) = search_args(query, options)?;
        let results = self.inner.search(&query, &options);
        to_js(&ResultsOut::new(&results, options.snippets))
    }

    /// The stored document with this id, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "StoredDocument | undefined")]
    pub fn document(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
    ) -> Result<JsValue, JsError> {
        match self.inner.document(&id_of(id)?) {
            Some(d) => to_js(&DocumentOut::marked(&d, &self.inner)),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// People, places and organisations of the whole collection, most
    /// mentioned first (by documents, then mentions), each with its
    /// canonical name and its spellings: at most `limit` (default 20) of
    /// each type, or of `type` only (`"PER"`, `"LOC"`, `"ORG"`).
    #[wasm_bindgen(unchecked_return_type = "EntityFacet[]")]
    pub fn entities(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EntitiesOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let input: EntitiesInput = options_of(options, EntitiesInput::FIELDS, "entities option")?;
        let kind = match input.kind.as_deref() {
            None => None,
            Some(label) => Some(
                fahras::EntityKind::from_label(&label.to_ascii_uppercase()).ok_or_else(|| {
                    JsError::new(&format!(
                        "fahras: unknown entity type {label:?}: use PER, LOC or ORG"
                    ))
                })?,
            ),
        };
        let limit = input.limit.unwrap_or(20).min(10_000) as usize;
        let found = self.inner.entities(kind, limit);
        to_js(&found.iter().map(EntityOut::from).collect::<Vec<_>>())
    }

    /// The facets of the whole collection: sources, months (a timeline)
    /// and entities, as `search(q, {facets: true})` gives them for a query.
    #[wasm_bindgen(unchecked_return_type = "Facets")]
    pub fn overview(&self) -> Result<JsValue, JsError> {
        let facets = self.inner.collection_facets();
        to_js(&FacetsOut::from(&facets))
    }

    /// Ids of all documents, in insertion order.
    pub fn ids(&self) -> Vec<String> {
        self.inner.ids().map(str::to_owned).collect()
    }

    /// Number of documents.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Sizes and counts.
    #[wasm_bindgen(unchecked_return_type = "IndexStats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        let s = self.inner.stats();
        let memory = wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map(|m| m.buffer().unchecked_into::<ArrayBuffer>().byte_length() as f64)
            .unwrap_or(0.0);
        to_js(&StatsOut {
            documents: s.documents as u32,
            terms: s.terms as u32,
            stems: s.stems as u32,
            postings_bytes: s.postings_bytes as f64,
            positions_bytes: s.positions_bytes as f64,
            stored_text_bytes: s.stored_text_bytes as f64,
            token_map_bytes: s.token_map_bytes as f64,
            heap_bytes: s.heap_bytes as f64,
            memory_bytes: memory,
        })
    }

    /// The index as bytes (magic, format version, checksum), for
    /// `Index.load`. With `{text: false}`, without the document bodies (text,
    /// token maps, removed lines): the loaded index ranks and filters the
    /// same, its hits have no body snippets and its documents no text. With
    /// `{positions: false}`, without word positions: a phrase then matches
    /// the documents with all its words.
    pub fn serialize(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SerializeOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<Vec<u8>, JsError> {
        let input: SerializeInput =
            options_of(options, SerializeInput::FIELDS, "serialize option")?;
        if self.inner.is_partial() {
            return Err(js_error("an index opened in parts cannot be serialized whole"));
        }
        Ok(self.inner.to_bytes_with(&input.save_options()))
    }

    /// Loads bytes written by `serialize` (or the CLI). Throws an `Error`
    /// starting with `fahras:` when they are truncated, corrupted, of another
    /// format version, or not an index.
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<Index, JsError> {
        let bytes = bytes_of(&bytes, "Index.load")?;
        // The index is read in place (see `fahras::Index::from_vec`): the
        // rest of it, slots, strings and the term dictionaries, takes
        // about a fifth of the file.
        reserve(bytes.len() / 4);
        fahras::Index::from_vec(bytes).map(|inner| Index { inner }).map_err(js_error)
    }

    /// Opens an index in parts (written by `fahras index --parts` or
    /// `fahras build`) from the bytes of its manifest, `index.fhrp`
    /// (inflated, if it was served compressed). The index is read-only and
    /// knows no term yet: before each search, `neededParts` says which
    /// files to fetch and `loadPart` takes them (`fahras/parts` does the
    /// fetching). Throws like `Index.load` on bytes that are no manifest.
    #[wasm_bindgen(js_name = fromManifest)]
    pub fn from_manifest(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<Index, JsError> {
        let bytes = bytes_of(&bytes, "Index.fromManifest")?;
        fahras::Index::from_manifest(&bytes).map(|inner| Index { inner }).map_err(js_error)
    }

    /// For an index opened with `fromManifest`: the parts (paths relative to
    /// the manifest, such as `t/12.fhrp`) that this search needs and that
    /// are not loaded yet. Empty when the search can run, and always for
    /// an index held whole. Load them and ask again (at most three rounds:
    /// terms, positions, documents).
    #[wasm_bindgen(js_name = neededParts)]
    pub fn needed_parts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<Vec<String>, JsError> {
        let (query, options) = search_args(query, options)?;
        Ok(self.inner.needed_parts(&query, &options))
    }

    /// For an index opened with `fromManifest`: the results of `search`
    /// when every part it needs is loaded, else `{needed: [...]}`, the parts
    /// to load first (as `neededParts` names them). One search where
    /// `neededParts` then `search` run two.
    #[wasm_bindgen(js_name = trySearch, unchecked_return_type = "SearchResults | { needed: string[] }")]
    pub fn try_search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let (query, options) = search_args(query, options)?;
        match self.inner.try_search(&query, &options) {
            Ok(results) => to_js(&ResultsOut::new(&results, options.snippets)),
            Err(needed) => {
                let out = js_sys::Object::new();
                let list: js_sys::Array = needed.iter().map(|n| JsValue::from_str(n)).collect();
                js_sys::Reflect::set(&out, &"needed".into(), &list)
                    .map_err(|_| js_error("the needed parts could not be listed"))?;
                Ok(out.into())
            }
        }
    }

    /// Loads one part named by `neededParts` (its inflated bytes). Throws,
    /// leaving the index as it was, when the bytes are not that part of
    /// this build (another build's part, damaged or truncated bytes).
    #[wasm_bindgen(js_name = loadPart)]
    pub fn load_part(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.inner.load_part(name, bytes).map_err(js_error)
    }

    /// For an index opened with `fromManifest`: the parts `entities()` and
    /// `overview()` need and lack (the entities part, once), else empty.
    #[wasm_bindgen(js_name = neededForEntities)]
    pub fn needed_for_entities(&self) -> Vec<String> {
        self.inner.needed_for_entities()
    }

    /// Whether the index was opened from a manifest (read-only, in parts).
    #[wasm_bindgen(getter, js_name = isPartial)]
    pub fn is_partial(&self) -> bool {
        self.inner.is_partial()
    }
}

/// A query and its search options as the search methods take them.
fn search_args(
    query: JsValue,
    options: Option<JsValue>,
) -> Result<(String, fahras::SearchOptions), JsError> {
    let input: SearchOptionsInput =
        options_of(options, SearchOptionsInput::FIELDS, "search option")?;
    Ok((query.as_string().unwrap_or_default(), input.into_options().map_err(js_error)?))
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer`.
fn bytes_of(bytes: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if let Some(buf) = bytes.dyn_ref::<ArrayBuffer>() {
        Ok(Uint8Array::new(buf).to_vec())
    } else if let Some(arr) = bytes.dyn_ref::<Uint8Array>() {
        Ok(arr.to_vec())
    } else {
        Err(js_error(format!("{what} expects a Uint8Array or an ArrayBuffer")))
    }
}

/// The keys of a `DocumentInput`, made once per `addAll`.
struct DocumentKeys {
    id: JsValue,
    strings: [(&'static str, JsValue); 6],
}

impl DocumentKeys {
    fn new() -> DocumentKeys {
        let key = |k: &'static str| (k, JsValue::from_str(k));
        DocumentKeys {
            id: JsValue::from_str("id"),
            strings: [
                key("title"),
                key("text"),
                key("url"),
                key("date"),
                key("source"),
                key("place"),
            ],
        }
    }

    /// What the conversion to `DocumentInput` would reject, found without
    /// copying the texts: a value that is no object, an id that is missing,
    /// empty or neither a string nor a number, a field that is not a
    /// string. Returns the UTF-16 length of the title and text.
    fn check(&self, value: &JsValue) -> Result<usize, String> {
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err("a document must be an object".to_string());
        }
        let get = |k: &JsValue| js_sys::Reflect::get(value, k).unwrap_or(JsValue::UNDEFINED);
        let id = get(&self.id);
        if let Some(id) = id.as_string() {
            if id.trim().is_empty() {
                return Err("empty id".to_string());
            }
        } else if id.is_undefined() {
            return Err("missing field `id`".to_string());
        } else if id.as_f64().is_none() {
            return Err("`id` must be a string or a number".to_string());
        }
        let mut units = 0usize;
        for (name, key) in &self.strings {
            let v = get(key);
            if let Some(text) = v.dyn_ref::<js_sys::JsString>() {
                units += text.length() as usize;
            } else if !v.is_undefined() && !v.is_null() {
                return Err(format!("`{name}` must be a string"));
            }
        }
        Ok(units)
    }
}

/// Grows the heap ahead of a large operation, in one step of at least
/// `bytes` and at least a quarter of the memory there is: V8 makes every
/// `memory.grow` slower as memory grows, so thousands of small grows made
/// the first large build several times slower than the next. The block is
/// freed at once and stays with the allocator (wasm memory never shrinks).
fn reserve(bytes: usize) {
    #[cfg(target_arch = "wasm32")]
    let now = core::arch::wasm32::memory_size::<0>() * 65_536;
    #[cfg(not(target_arch = "wasm32"))]
    let now = 0;
    let want = bytes.max(now / 4).min(1 << 30);
    drop(std::hint::black_box(Vec::<u8>::with_capacity(want)));
}

/// Analyses text as the index does: normalized words, stems and UTF-16
/// ranges into `text`.
#[wasm_bindgen(unchecked_return_type = "AnalyzedToken[]")]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let tokens = fahras::analyze(text);
    let spans: Vec<fahras::Span> = tokens.iter().map(|t| t.span).collect();
    let ranges = utf16_ranges(text, &spans);
    let out: Vec<TokenOut> = tokens
        .into_iter()
        .zip(ranges)
        .map(|(t, r)| TokenOut {
            term: t.term,
            stem: t.stem,
            alt_stem: t.alt_stem,
            conj_stem: t.conj_stem,
            base_stem: t.base_stem,
            start: r.start,
            end: r.end,
            position: t.position,
        })
        .collect();
    to_js(&out)
}

/// A file being added to an index a few documents at a time (from
/// `Index.addFileJob`). A JSON Lines file is read record by record; any
/// other file is added whole by the first step. Stopping between steps
/// keeps the documents already added.
#[wasm_bindgen]
pub struct FileJob {
    name: String,
    inner: fahras::FileJob,
}

#[wasm_bindgen]
impl FileJob {
    /// Adds at most `maxDocs` more documents to `index`; returns `true` when
    /// the file is done (`done`) or, for a file given in pieces, when the
    /// text in hand is read and the next piece is wanted. Throws the errors of `Index.addFile` (and, at the end
    /// of a JSON Lines file with no document, that error).
    pub fn step(
        &mut self,
        index: &mut Index,
        #[wasm_bindgen(js_name = maxDocs)] max_docs: u32,
    ) -> Result<bool, JsError> {
        reserve(self.inner.pending().min(1 << 20) * 4);
        self.inner.step(&mut index.inner, max_docs as usize).map_err(js_error)
    }

    /// The next piece of a file started with `Index.beginFileJob`, cut after
    /// a newline; `last` when it ends the file.
    pub fn append(&mut self, bytes: &[u8], last: bool) -> Result<(), JsError> {
        self.inner.append(bytes, last).map_err(js_error)
    }

    /// The share of the text in hand read so far, from 0 to 1.
    #[wasm_bindgen(getter)]
    pub fn progress(&self) -> f64 {
        self.inner.progress()
    }

    /// Bytes of text in hand not read yet.
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> f64 {
        self.inner.pending() as f64
    }

    /// The encoding the file is read in (`UTF-8`, `UTF-16LE`, …).
    #[wasm_bindgen(getter)]
    pub fn encoding(&self) -> String {
        self.inner.report().encoding.map(|e| e.to_string()).unwrap_or_default()
    }

    /// Whether every document has been added.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.inner.is_done()
    }

    /// What was added so far: `{added, warnings, encoding}`.
    #[wasm_bindgen(unchecked_return_type = "AddFileReport")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(&AddFileReport::of(&self.name, self.inner.report()))
    }
}

/// Extracts the documents of a file without indexing them: for each, the
/// title, clean paragraphs, source, place, date and the removed lines with
/// their reasons. Takes the same files as `Index.addFile` and throws the
/// same errors.
#[wasm_bindgen(unchecked_return_type = "ExtractedFile")]
pub fn extract(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    let contents = fahras::read_file(name, bytes).map_err(js_error)?;
    to_js(&ExtractedOut {
        documents: contents.documents.iter().map(DocumentOut::from).collect(),
        warnings: contents.warnings.iter().map(|w| format!("{name}: {w}")).collect(),
        encoding: contents.encoding.map(|e| e.to_string()).unwrap_or_default(),
    })
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
