//! The TypeScript interfaces of the package: one source, next to the DTOs of
//! `convert.rs`. Every option and result is documented here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options of `new Index(options)`. Every field is optional. */
export interface IndexOptions {
  /** Fold hamza forms: أ إ آ ٱ → ا, ؤ → و, ئ → ي. Default `true`. */
  foldHamza?: boolean;
  /** Fold alef maksura into yeh: ى → ي. Default `true`. */
  foldAlefMaksura?: boolean;
  /** Fold teh marbuta into heh: ة → ه. Default `true`. */
  foldTehMarbuta?: boolean;
  /** Match light stems (other inflections) besides exact words. Default `true`. */
  stem?: boolean;
  /** Read documents for people, places and organisations as they are added (entity filters and facets, `entities()`, name search over the collection's spellings). Default `true`. */
  entities?: boolean;
  /** Keep the position of every word, for phrase search (`"…"` and names of several words). Default `true`; `false` makes a smaller index in which a phrase matches the documents that have all its words (the results carry a warning). */
  positions?: boolean;
  /** BM25 term-frequency saturation, 0–10. Default 1.2. */
  k1?: number;
  /** BM25 length normalization, 0–1. Default 0.75. */
  b?: number;
  /** Weight of title matches relative to the body. Default 2.5. */
  titleWeight?: number;
  /** Weight of body matches. Default 1. */
  bodyWeight?: number;
  /** Factor of stem-only matches, 0–1 (below 1 keeps exact words first). Default 0.6. */
  stemWeight?: number;
  /** Factor of words found by `prefix*` other than the prefix itself, 0–1. Default 0.7. */
  prefixWeight?: number;
  /** Multiplier of quoted-phrase matches. Default 1.5. */
  phraseWeight?: number;
}

/** A document to index. */
export interface DocumentInput {
  /** Unique id; a number is turned into its decimal string. Adding an existing id replaces that document. */
  id: string | number;
  /** Title (optional). */
  title?: string;
  /** Body text; paragraphs separated by blank lines (optional). */
  text?: string;
  /** Where the document came from. */
  url?: string;
  /** Publication date, ISO `YYYY-MM-DD` recommended. */
  date?: string;
  /** Site or agency name. */
  source?: string;
  /** Dateline place. */
  place?: string;
}

/** A document as stored in the index, or as `extract` returns it. */
export interface StoredDocument {
  id: string;
  /** The headline. */
  title: string;
  /** The clean article: paragraphs separated by blank lines. */
  text: string;
  /** `text` split into its paragraphs. */
  paragraphs: string[];
  /** What extraction removed from the page, in page order (empty for documents given as records). */
  removed: RemovedLine[];
  /** The id of the earlier document this one nearly duplicates (same story scraped twice or syndicated); set by the index, absent from `extract`. */
  duplicateOf?: string;
  url?: string;
  /** Publication date, ISO `YYYY-MM-DD`, when the page states it. */
  date?: string;
  /** Site or agency name. */
  source?: string;
  /** The dateline place, when the text states one. */
  place?: string;
  /** From `Index.document` only: per paragraph, the people, places, organisations and dates it names. */
  marks?: Mark[][];
}

/** An entity or a date in a paragraph of a stored document. */
export interface Mark {
  /** UTF-16 offsets within the paragraph (`paragraph.slice(start, end)`). */
  start: number;
  end: number;
  /** `PER`, `LOC`, `ORG`, or `DATE`. */
  type: "PER" | "LOC" | "ORG" | "DATE";
  /** The entity's canonical name in the collection, or the ISO date (`2024-05-14`, `2024-05`, `2024`). */
  label: string;
}

/** A person, place or organisation, with its spellings and counts. */
export interface EntityFacet {
  /** The entity key: the gazetteer id, or the phonetic key of the name. */
  key: string;
  type: "PER" | "LOC" | "ORG";
  /** The canonical name: the gazetteer's form, else the spelling most used in the collection; filter with `entity:"NAME"`. */
  name: string;
  /** The spellings the counted documents use, with their mentions, most frequent first. */
  variants: EntityVariant[];
  /** Documents that mention it. */
  documents: number;
  /** Mentions in those documents. */
  mentions: number;
}

/** One spelling of an entity. */
export interface EntityVariant {
  text: string;
  count: number;
}

/** Options of `Index.serialize`. */
export interface SerializeOptions {
  /** Keep the document bodies (text, token maps for snippets, removed lines). Default `true`; `false` writes a much smaller index that ranks and filters the same but has no body snippets or document text. */
  text?: boolean;
  /** Keep the word positions (phrase search). Default `true`; `false` writes a smaller index that loads with `positions: false`. `{text: false, positions: false}` is the smallest index that still ranks, filters and names entities as the full one. */
  positions?: boolean;
}

/** Options of `Index.entities`. */
export interface EntitiesOptions {
  /** Only this type: `"PER"`, `"LOC"` or `"ORG"`. */
  type?: "PER" | "LOC" | "ORG";
  /** At most this many of each type. Default 20. */
  limit?: number;
}

/** A line that extraction removed, and why. */
export interface RemovedLine {
  /** The line as it was on the page (cut to 500 characters). */
  text: string;
  /** Why, as a stable code. */
  reason: RemovalReason;
  /** Why, as an Arabic label for people ("شريط المشاركة"). */
  label: string;
  /** Where it stood: the number of article paragraphs before it (0: above the first; `paragraphs.length`: after the last). */
  before: number;
}

/** Why extraction removed a line. */
export type RemovalReason =
  | "loading" | "share-bar" | "category" | "see-also" | "teasers" | "ad" | "counter"
  | "logo" | "source" | "credit" | "hashtags" | "navigation" | "page-chrome" | "links"
  | "timestamp" | "caption" | "headline-list" | "duplicate-title" | "duplicate-paragraph"
  | "repeated-across-pages" | "sidebar";

/** What `extract(name, bytes)` returns. */
export interface ExtractedFile {
  /** The documents of the file (one for a page, one per record for JSON). */
  documents: StoredDocument[];
  /** Problems that did not stop the file from loading, each naming the file and the place. */
  warnings: string[];
  /** The encoding the bytes were read in. */
  encoding: string;
}

/** Options of `search`. */
export interface SearchOptions {
  /** Hits to return. Default 10. */
  limit?: number;
  /** Hits to skip, for paging. Default 0. */
  offset?: number;
  /** `"and"` (default): every word must match; `"or"`: any word may match, more matches rank higher. */
  combine?: "and" | "or";
  /** Build the snippet and the title and snippet highlights. Default `false` (ranking alone is several times faster); a page of results sets it to `true`. */
  snippets?: boolean;
  /** Snippet length in characters. Default 200. */
  snippetLength?: number;
  /** Collapse near-duplicates (the same story scraped twice or syndicated) into one hit, the others listed in `similar`. Default `true`. */
  collapse?: boolean;
  /** Count the sources and months of all matching documents (`facets` in the results). Default `false`. */
  facets?: boolean;
}

/** A value of a facet and how many matching documents have it. */
export interface FacetValue {
  value: string;
  count: number;
}

/** Counts over all the documents a search matched (all pages). */
export interface Facets {
  /** Sources, most frequent first (at most 20); filter with `source:"NAME"`. */
  sources: FacetValue[];
  /** Months `YYYY-MM` of the documents' dates, in order: a timeline; filter with `date:2024-05`. */
  months: FacetValue[];
  /** People, places and organisations, grouped by type (PER, LOC, ORG), at most 10 of each, most mentioned first; filter with `entity:"NAME"` or `type:PER`. */
  entities: EntityFacet[];
}

/** A near-duplicate folded into a hit. */
export interface SimilarHit {
  id: string;
  title: string;
  source?: string;
}

/** A range of a string in UTF-16 code units (JS string indices): `text.slice(start, end)`. */
export interface TextRange {
  start: number;
  end: number;
}

/** One ranked document. */
export interface SearchHit {
  /** The document id. */
  id: string;
  /** BM25F score; higher is better, comparable within one search only. */
  score: number;
  /** The title (white space folded when snippets are on). */
  title: string;
  /** Matched words of `title`. */
  titleHighlights: TextRange[];
  /** The best passage of the body, `…` where cut; empty unless `snippets: true`. */
  snippet: string;
  /** Matched words of `snippet`: whole words, so Arabic letters keep joining inside `<mark>`. */
  snippetHighlights: TextRange[];
  url?: string;
  date?: string;
  source?: string;
  /** Dateline place. */
  place?: string;
  /** Near-duplicates of this document that also match, best first ("N similar"); empty when `collapse: false`. */
  similar: SimilarHit[];
}

/** What `search` returns. */
export interface SearchResults {
  /** Number of hits, all pages (a collapsed group of near-duplicates counts once). */
  total: number;
  /** The requested page, best first; ties are broken by id. */
  hits: SearchHit[];
  /** Repairs made to the query text (an unclosed quote, a dangling OR, a bad `date:` …). */
  warnings: string[];
  /** With `facets: true`: sources and months of all matching documents. */
  facets?: Facets;
}

/** What `addFile` returns. */
export interface AddFileReport {
  /** Ids of the documents added (a `.txt` file gives one, a `.jsonl` file one per line). */
  added: string[];
  /** Problems that did not stop the file from loading, each naming the file and the place. */
  warnings: string[];
  /** The encoding the bytes were read in: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256" or "ISO-8859-6". */
  encoding: string;
}

/** Sizes and counts of an index. */
export interface IndexStats {
  documents: number;
  /** Distinct normalized words. */
  terms: number;
  /** Distinct stems stored apart from the words. */
  stems: number;
  postingsBytes: number;
  positionsBytes: number;
  /** Bytes of stored text (ids, titles, metadata, and the bodies packed, one byte an Arabic letter, then coded: about half a byte). */
  storedTextBytes: number;
  /** Bytes of the per-document token maps that let snippets skip re-analysis. */
  tokenMapBytes: number;
  /** Approximate bytes of the whole index. */
  heapBytes: number;
  /** Size of the wasm linear memory (shared by every index of the module). */
  memoryBytes: number;
}

/** One analysed word, from `analyze`. */
export interface AnalyzedToken {
  /** Normalized form. */
  term: string;
  /** Light stem. */
  stem: string;
  /** Alternative stem, when the word may start with a proclitic (و ف ب ل ك). */
  altStem?: string;
  /** When `altStem` removed both و/ف and ب/ل/ك: the stem with only و/ف removed. */
  conjStem?: string;
  /** The key of the two letters a short feminine noun keeps in all its forms, with ة (قمة، قمته، قمتين → قمة). */
  baseStem?: string;
  /** UTF-16 range of the word in the input. */
  start: number;
  end: number;
  /** Index of the word in the input. */
  position: number;
}
"#;
