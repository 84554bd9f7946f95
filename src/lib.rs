//! fahras (فهرس, "index"): an Arabic-first document search engine.
//!
//! This crate is the pure Rust core: no file system, no JavaScript. The
//! `fahras-wasm` crate exposes it to JavaScript and the `fahras-cli` crate
//! to the command line.
//!
//! # Overview
//!
//! - [`Index`]: add, remove and search documents; serialize with
//!   [`Index::to_bytes`] / [`Index::from_bytes`].
//! - [`Document`]: id, title, text and optional url, date, source.
//! - [`Analyzer`]: tokenize → normalize → stem, shared by documents and
//!   queries; [`RULES`] lists every normalization rule.
//! - [`parse_lenient`]: the query language (words, `"phrases"`, `-not`,
//!   `OR`, `prefix*`), which never fails.
//! - [`SearchResults`] / [`Hit`] / [`Snippet`]: ranked hits with highlighted
//!   passages of the original text.
//! - [`read_file`]: bytes of a `.txt`, `.html`, `.md`, `.json` or `.jsonl` file →
//!   documents.
//! - [`extract_entities`] / [`EntityMention`]: people, places and organisations
//!   (gazetteer, nisba adjectives, title rules); [`merge_entities`] groups
//!   spelling variants ([`variant_key`]) into [`Entity`]s.
//! - [`extract_dates`] / [`DateMention`]: Gregorian and Hijri dates in Arabic
//!   text as ISO strings; [`publication_date`] reads a date line.
//!
//! # Example
//!
//! ```
//! use fahras::{Document, Index, SearchOptions};
//!
//! let mut index = Index::default();
//! index.add(Document::new("1", "قمّة أستانا", "وصل الرئيس الصيني إلى العاصمة الكازاخستانية.")).unwrap();
//! index.add(Document::new("2", "طريق الحرير", "مشروع ضخم للبنية التحتية في آسيا الوسطى.")).unwrap();
//!
//! // Hamza, diacritics, the article and suffixes do not matter:
//! let results = index.search("قمة استانا", &SearchOptions::default());
//! assert_eq!(results.hits[0].document.id, "1");
//! let with_snippets = SearchOptions { snippets: true, ..SearchOptions::default() };
//! let results = index.search("الكازاخستاني", &with_snippets);
//! assert_eq!(results.total, 1);
//!
//! // Snippets quote the original text and mark whole words:
//! let hit = &results.hits[0];
//! let marked: Vec<&str> = hit.snippet.highlights.iter().map(|h| &hit.snippet.text[h.range()]).collect();
//! assert_eq!(marked, ["الكازاخستانية"]);
//! ```
//!
//! # Untrusted input
//!
//! Query text never causes an error or a panic: [`parse_lenient`] repairs
//! what it can and reports [`QueryWarning`]s, and a query that normalizes to
//! nothing returns no hits. Document text is never interpreted. Errors are
//! kept for what the caller must fix: unreadable files and damaged or
//! incompatible index bytes ([`ErrorKind`]). Work is bounded: queries are cut
//! to 1,000 characters and 32 clauses, phrases to 32 words, `prefix*` reads
//! at most 64 words, snippets are at most 2,000 characters and scan at most
//! 256 KB of a document, and over-long tokens are not indexed.
//!
//! # Crate features
//!
//! None: the crate has one configuration, the same natively and in wasm.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analysis;
mod codec;
mod date;
mod document;
mod entity;
mod error;
mod extract;
mod index;
pub mod query;
mod rank;
mod search;
mod snippet;

pub use analysis::{
    analyze, stem, Analyzer, AnalyzerOptions, FoldSwitch, NormalizationRule, Normalizer,
    RuleAction, Stems, Token, ARTICLES, MAX_TERM_BYTES, PROTECTED, RULES, SUFFIXES,
};
pub use codec::parts::{
    Part, ENTITIES_NAME, MANIFEST_NAME, PARTS_MAGIC, PARTS_VERSION, TERM_PART_BYTES,
};
pub use codec::{SaveOptions, FORMAT_VERSION, MAGIC, READABLE_VERSIONS};
pub use date::{extract_dates, publication_date, Calendar, DateMention, DatePrecision};
pub use document::{Document, RemovalReason, Removed, Span, MAX_REMOVED_CHARS, MAX_REMOVED_LINES};
pub use entity::gazetteer_spellings;
pub use entity::{
    extract_entities, merge_entities, same_entity, score_entities, variant_key, Entity, EntityKind,
    EntityMention, EntityScores, TypeCounts, FINAL_RULES, VARIANT_RULES,
};
pub use error::{Error, ErrorKind};
pub use extract::{
    decode, decode_detect, quality, read_file, records, Encoding, FileContents, Format,
    MAX_NUL_SHARE,
};
pub use index::dedupe::DUPLICATE_THRESHOLD;
pub use index::entities::{EntityFacet, MAX_ENTITY_FACETS};
pub use index::job::FileJob;
pub use index::pages::{FileReport, REPEATED_LINE_MAX_CHARS, REPEATED_LINE_PAGES};
pub use index::{Index, IndexOptions, IndexStats};
pub use query::{parse_lenient, Atom, Clause, Filter, Occur, Query, QueryWarning};
pub use rank::RankingWeights;
pub use search::{
    Combine, Facets, Hit, SearchOptions, SearchResults, MAX_FACET_VALUES, MAX_PHRASE_WORDS,
    MAX_PREFIX_TERMS, MAX_SNIPPET_CHARS, MAX_TYPO_TERMS, TYPO_MIN_CHARS, TYPO_MIN_HITS,
    TYPO_WEIGHT,
};
pub use snippet::{Snippet, MAX_SNIPPET_SCAN_BYTES};

/// The README's Rust example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The result type of fallible fahras operations.
pub type Result<T> = std::result::Result<T, Error>;
