//! SEARCH: evaluates a parsed query against an [`Index`], ranks with BM25F,
//! cuts the requested page and builds snippets for it.
//!
//! Each word is looked up twice: under its surface form and under its stems
//! (the stem lists and the surface lists of the same strings). A document's
//! score for the word is the better of its surface score and its stem score
//! times [`RankingWeights::stem`](crate::RankingWeights::stem), so exact
//! matches rank above other inflections. Clauses are intersected (or
//! unioned, with [`Combine::Or`]) by summing scores; ties are broken by
//! document id, so results are deterministic.

use crate::codec::varint::skip;
use crate::document::Document;
use crate::entity::EntityKind;
use crate::index::entities::{EntityFacet, EntityTable, MAX_ENTITY_FACETS};
use crate::index::tokens::TokenIter;
use crate::index::{read_positions, DocRef, Index, Posting, TermPostings, Vocabulary};
use crate::query::{parse_lenient, Atom, Clause, Filter, Occur, Query, QueryWarning};
use crate::rank::Bm25;
use crate::snippet::{best_passage, best_passage_mapped, highlight_all, Matcher, Snippet};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// At most this many words are read for one `prefix*`, the most frequent
/// first.
pub const MAX_PREFIX_TERMS: usize = 64;
/// A quoted phrase is matched on its first this many words.
pub const MAX_PHRASE_WORDS: usize = 32;
/// Typo tolerance applies to words of at least this many letters …
pub const TYPO_MIN_CHARS: usize = 5;
/// … that match fewer than this many documents themselves: 1, that is, a
/// word no document has. (Arabic words one letter apart are often both
/// real words, القمة and القمح: a word that is found is taken as meant.)
pub const TYPO_MIN_HITS: usize = 1;
/// Score factor of a match one edit away from the query word.
pub const TYPO_WEIGHT: f32 = 0.4;
/// At most this many words one edit away are searched for one word.
pub const MAX_TYPO_TERMS: usize = 16;
/// Snippets are at most this many characters long, whatever is asked.
pub const MAX_SNIPPET_CHARS: usize = 2000;

/// How the required clauses of a query combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Combine {
    /// Every clause must match (the default).
    #[default]
    And,
    /// Any clause may match; documents matching more clauses score higher.
    Or,
}

/// Options of [`Index::search`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    /// Hits to return. Default 10.
    pub limit: usize,
    /// Hits to skip (for paging). Default 0.
    pub offset: usize,
    /// How clauses combine. Default [`Combine::And`].
    pub combine: Combine,
    /// Whether to build snippets and title highlights. Default `false`, as
    /// for other engines: ranking alone is several times faster, and a page
    /// of results asks for them.
    pub snippets: bool,
    /// Snippet length in characters. Default 200; at most
    /// [`MAX_SNIPPET_CHARS`].
    pub snippet_chars: usize,
    /// Whether near-duplicates collapse into one hit (the best-ranked copy,
    /// with the others in [`Hit::similar`]). Default `true`.
    pub collapse: bool,
    /// Whether to count the sources and months of all matching documents
    /// ([`SearchResults::facets`]). Default `false`.
    pub facets: bool,
    /// Whether each hit's [`Hit::document`] (and [`Hit::similar`]) carries
    /// its body text and the lines removed from it. Default `true`; off,
    /// the bodies (stored packed) are not unpacked for the hits, nor their
    /// removed lines copied: about 12 µs less for a page of ten hadith in
    /// wasm, a sixth of a typical query.
    pub bodies: bool,
}

/// At most this many sources are listed in [`Facets::sources`].
pub const MAX_FACET_VALUES: usize = 20;

/// Counts over all the documents a search matched (all pages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Sources with their counts, most frequent first (at most
    /// [`MAX_FACET_VALUES`]); spellings that fold alike count as one source.
    pub sources: Vec<(String, usize)>,
    /// Months (`YYYY-MM`) of the documents' dates with their counts, in
    /// order: a timeline.
    pub months: Vec<(String, usize)>,
    /// People, places and organisations the documents mention, grouped by
    /// type (PER, LOC, ORG), each type most mentioned first (by documents,
    /// then mentions), at most [`MAX_ENTITY_FACETS`] of each; the variants
    /// and counts are those of the matching documents.
    pub entities: Vec<EntityFacet>,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            offset: 0,
            combine: Combine::And,
            snippets: false,
            snippet_chars: 200,
            collapse: true,
            facets: false,
            bodies: true,
        }
    }
}

/// One ranked document.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The stored document (a copy).
    pub document: Document,
    /// BM25F score (higher is better; comparable within one search only).
    pub score: f32,
    /// The whole title with its matches highlighted (empty without snippets).
    pub title: Snippet,
    /// The best passage of the body (empty without snippets).
    pub snippet: Snippet,
    /// Near-duplicates of this document that also match, best first (only
    /// when [`SearchOptions::collapse`] is on).
    pub similar: Vec<Document>,
}

/// What [`Index::search`] returns.
#[derive(Clone, Debug)]
pub struct SearchResults {
    /// Number of hits on all pages (a collapsed group counts once).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Repairs made to the query text.
    pub warnings: Vec<QueryWarning>,
    /// Sources and months of all matching documents, when asked for.
    pub facets: Option<Facets>,
}

/// (document number, score), sorted by document number.
type Scores = Vec<(u32, f32)>;
/// The scores of a part of a query: per clause, required or excluded.
type Clauses = Vec<(Occur, Scores)>;
/// Whether a document passes every filter (source names already folded).
fn passes(doc: DocRef<'_>, filters: &[Filter], analyzer: &crate::analysis::Analyzer) -> bool {
    filters.iter().all(|f| match f {
        Filter::Source { name, exclude } => {
            let same = doc.source().is_some_and(|s| analyzer.normalize(s) == *name);
            same != *exclude
        }
        Filter::Date { from, to } => doc.date().is_some_and(|d| {
            let d = d.trim();
            (from.is_empty() || d >= from.as_str())
                && (to.is_empty() || d.get(..to.len()).is_some_and(|head| head <= to.as_str()))
        }),
        _ => true, // entity filters: see `EntityFilter`
    })
}

/// An `entity:` filter resolved to entity numbers, or a `type:` filter.
enum EntityFilter {
    Entities(Vec<u32>, bool),
    Kind(EntityKind, bool),
}

impl EntityFilter {
    fn passes(&self, pairs: &[(u32, u32)], table: &EntityTable) -> bool {
        let (has, exclude) = match self {
            EntityFilter::Entities(set, exclude) => (
                pairs.iter().any(|p| table.entity_of(p.0).is_some_and(|e| set.contains(&e))),
                *exclude,
            ),
            EntityFilter::Kind(kind, exclude) => (
                pairs.iter().any(|p| {
                    table.entity_of(p.0).is_some_and(|e| table.entities[e as usize].kind == *kind)
                }),
                *exclude,
            ),
        };
        has != exclude
    }
}

/// Whether `b` is one edit from `a`: one letter changed, added or dropped,
/// or two neighbours swapped (not zero edits).
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).take(3).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// "2024-05".
fn is_month(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 7 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// The near-duplicate groups of a result set (see `Index::collapse`).
#[derive(Default)]
struct Collapsed {
    /// All matches before collapsing, by document number.
    matched: Scores,
}

/// Near-duplicate groups: shown document number → the other members.
type Groups = HashMap<u32, Scores, BuildHasherDefault<IdHasher>>;

impl Index {
    /// Searches with the lenient query language (see [`crate::query`]).
    /// Never fails: a query that normalizes to nothing returns no hits.
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        let (q, warnings) = parse_lenient(query);
        self.search_query(&q, options, warnings)
    }

    /// Searches with an already parsed query.
    pub fn search_query(
        &self,
        query: &Query,
        options: &SearchOptions,
        mut warnings: Vec<QueryWarning>,
    ) -> SearchResults {
        let bm25 = Bm25::new(
            &self.options.ranking,
            self.store.live(),
            self.store.title_tokens,
            self.store.body_tokens,
        );
        let norms = self
            .norms
            .get_or_init(|| {
                (0..self.store.slots())
                    .map(|n| self.store.lengths(n).map(|(lt, lb)| bm25.norms(lt, lb)))
                    .collect()
            })
            .as_slice();
        let mut eval = Eval {
            index: self,
            bm25,
            norms,
            matcher: Matcher::default(),
            tracking: Cell::new(false),
            body: RefCell::new(Vec::new()),
            phrase_as_words: false,
            within: None,
        };
        let runs = if options.combine == Combine::And { self.name_runs(query) } else { Vec::new() };
        // The query in units: one clause, or a run of clauses naming someone.
        let mut units: Vec<(usize, usize, Option<&[String]>)> = Vec::new();
        let mut ci = 0;
        while ci < query.clauses.len() {
            match runs.iter().find(|r| r.0 == ci) {
                Some((_, terms)) => {
                    units.push((ci, terms.len(), Some(terms.as_slice())));
                    ci += terms.len();
                }
                None => {
                    units.push((ci, 1, None));
                    ci += 1;
                }
            }
        }
        // Every clause required: the unit with the shortest lists first.
        let all_required = options.combine == Combine::And;
        let results = eval.rarest_first(
            units.len(),
            &|e, u| {
                let (start, len, _) = units[u];
                all_required.then(|| e.estimate(&query.clauses[start..start + len])).flatten()
            },
            &mut |e, u| {
                let (start, len, run) = units[u];
                e.unit(&query.clauses[start..start + len], start, run)
            },
        );
        let mut required: Vec<Scores> = Vec::new();
        let mut excluded: Vec<Scores> = Vec::new();
        for (occur, scores) in results.into_iter().flatten() {
            match occur {
                Occur::Must => required.push(scores),
                Occur::MustNot => excluded.push(scores),
            }
        }
        if eval.phrase_as_words {
            warnings.push(QueryWarning::PhraseAsWords);
        }
        let mut matched = match options.combine {
            // In the query's order (each step is linear), so that scores
            // add up in one order whether lists were scored whole or not.
            Combine::And => {
                required.into_iter().reduce(|a, b| intersect(&a, &b)).unwrap_or_default()
            }
            Combine::Or => required.into_iter().reduce(union).unwrap_or_default(),
        };
        if query.clauses.is_empty() && !query.filters.is_empty() {
            // Filters alone: every document, in id order.
            matched = self.store.iter().map(|(n, _)| (n, 0.0)).collect();
        }
        for ex in &excluded {
            matched = subtract(&matched, ex);
        }
        if query.filters.iter().any(|f| matches!(f, Filter::Entity { .. } | Filter::Type { .. })) {
            self.entities_ready();
        }
        if !query.filters.is_empty() {
            let filters = self.folded_filters(&query.filters);
            let entity_filters: Vec<EntityFilter> = query
                .filters
                .iter()
                .filter_map(|f| match f {
                    Filter::Entity { name, exclude } => {
                        Some(EntityFilter::Entities(self.entities.find(name), *exclude))
                    }
                    Filter::Type { kind, exclude } => Some(EntityFilter::Kind(*kind, *exclude)),
                    _ => None,
                })
                .collect();
            matched.retain(|&(n, _)| {
                self.store.get(n).is_some_and(|d| {
                    passes(d, &filters, &self.analyzer)
                        && entity_filters.iter().all(|f| f.passes(d.entities(), &self.entities))
                })
            });
        }
        let mut collapsed = None;
        if options.collapse && self.store.has_copies() {
            let (kept, c) = self.collapse(matched);
            matched = kept;
            collapsed = Some(c);
        }
        let total = matched.len();
        let facets = options.facets.then(|| self.facets(&matched));
        let page = self.top(matched, options.offset, options.limit);
        let mut groups = collapsed.map(|c| self.groups(&c, &page)).unwrap_or_default();
        // The query clause each term id of the shown documents matches.
        let mut clause_cache: HashMap<u32, Option<usize>, BuildHasherDefault<IdHasher>> =
            HashMap::with_capacity_and_hasher(512, BuildHasherDefault::default());
        let hits = page
            .into_iter()
            .filter_map(|(num, score)| {
                self.doc_ready(num);
                let document = self.store.get(num)?;
                let (title, snippet) = if options.snippets {
                    let a = &self.analyzer;
                    let chars = options.snippet_chars.min(MAX_SNIPPET_CHARS);
                    let title = highlight_all(a, document.title(), &eval.matcher);
                    let body = if eval.body_matched(num) {
                        let tokens = TokenIter::new(document.tokens());
                        let classify = |id: u32| {
                            *clause_cache.entry(id).or_insert_with(|| {
                                let term = self.surface.dict.term(id);
                                eval.matcher.clause_of(term, |t| a.stems(t))
                            })
                        };
                        best_passage_mapped(
                            &document.text(),
                            tokens,
                            |id| self.surface.dict.term(id),
                            classify,
                            &eval.matcher,
                            chars,
                        )
                    } else {
                        best_passage(a, &document.text(), &Matcher::default(), chars)
                    };
                    (title, body)
                } else {
                    Default::default()
                };
                let similar = groups
                    .remove(&num)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|&(n, _)| self.doc_ready(n))
                    .filter_map(|(n, _)| Some(self.store.get(n)?.to_document_with(options.bodies)))
                    .collect();
                let document = document.to_document_with(options.bodies);
                Some(Hit { document, score, title, snippet, similar })
            })
            .collect();
        SearchResults { total, hits, warnings, facets }
    }

    /// Runs of two to four required words, written without quotes, that
    /// name an entity of the collection or of the gazetteer (`شي جين
    /// بينج`): (first clause, the folded words). Their words match as
    /// usual, and the other spellings of the name match too.
    fn name_runs(&self, query: &Query) -> Vec<(usize, Vec<String>)> {
        let words: Vec<Option<Vec<String>>> = query
            .clauses
            .iter()
            .map(|c| match c.alternatives.as_slice() {
                [Atom::Word(w)] if c.occur == Occur::Must => {
                    let terms = self.analyzer.terms(w);
                    (terms.len() == 1).then_some(terms)
                }
                _ => None,
            })
            .collect();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = (2..=4.min(words.len() - i)).rev().find_map(|len| {
                let run: Vec<String> = words[i..i + len]
                    .iter()
                    .map(|w| w.as_ref().map(|t| t[0].clone()))
                    .collect::<Option<_>>()?;
                let joined = run.join(" ");
                let named = (!self.is_partial()
                    && self.entities.by_key(&crate::variant_key(&joined)).is_some())
                    || !crate::entity::other_spellings(&joined).is_empty();
                named.then_some(run)
            });
            match longest {
                Some(run) => {
                    let len = run.len();
                    runs.push((i, run));
                    i += len;
                }
                None => i += 1,
            }
        }
        runs
    }

    /// The facets of the whole collection: its sources, months and
    /// entities, as [`SearchOptions::facets`] gives them for a result set.
    pub fn collection_facets(&self) -> Facets {
        let all: Scores = self.store.iter().map(|(n, _)| (n, 0.0)).collect();
        self.facets(&all)
    }

    /// Source filters with their names folded once.
    fn folded_filters(&self, filters: &[Filter]) -> Vec<Filter> {
        filters
            .iter()
            .map(|f| match f {
                Filter::Source { name, exclude } => {
                    Filter::Source { name: self.analyzer.normalize(name), exclude: *exclude }
                }
                other => other.clone(),
            })
            .collect()
    }

    /// Sources and months of the matching documents, with counts. (Small
    /// vectors kept in order as they fill, rather than maps and sorts: the
    /// values are few, and the wasm stays smaller.)
    fn facets(&self, matched: &Scores) -> Facets {
        // Sources by their folded form (المرفأ and المَرفأ are one), shown
        // as first written; at most MAX_DISTINCT are told apart.
        const MAX_DISTINCT: usize = 500;
        let mut sources: Vec<(String, String, usize)> = Vec::new();
        let mut months: Vec<(String, usize)> = Vec::new();
        for &(n, _) in matched {
            let Some(s) = self.store.get(n) else { continue };
            if let Some(src) = s.source().map(str::trim).filter(|x| !x.is_empty()) {
                if let Some(e) = sources.iter_mut().find(|e| e.1 == src) {
                    e.2 += 1; // a spelling already seen: no folding
                } else {
                    let key = self.analyzer.normalize(src);
                    match sources.iter().position(|e| e.0 == key) {
                        Some(i) => sources[i].2 += 1,
                        None if sources.len() < MAX_DISTINCT => {
                            sources.push((key, src.to_string(), 1))
                        }
                        None => {}
                    }
                }
            }
            if let Some(month) = s.date().and_then(|d| d.get(..7)).filter(|m| is_month(m)) {
                match months.binary_search_by(|e| e.0.as_str().cmp(month)) {
                    Ok(i) => months[i].1 += 1,
                    Err(i) => months.insert(i, (month.to_string(), 1)),
                }
            }
        }
        // Most frequent first, then by name: an insertion sort of a few.
        let mut ranked: Vec<(String, usize)> = Vec::with_capacity(sources.len());
        for (_, shown, count) in sources {
            let at = ranked
                .iter()
                .position(|(s, c)| count > *c || (count == *c && shown < *s))
                .unwrap_or(ranked.len());
            ranked.insert(at, (shown, count));
        }
        ranked.truncate(MAX_FACET_VALUES);
        let docs = matched.iter().filter_map(|&(n, _)| self.store.get(n)).map(DocRef::entities);
        let entities = if self.entities_ready() {
            self.entities.facets(docs, None, MAX_ENTITY_FACETS)
        } else {
            Vec::new()
        };
        Facets { sources: ranked, months, entities }
    }

    /// Ranking order: descending score, ties by id.
    fn rank_order(&self, a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
        if self.parts.is_some() {
            // Numbered in id order: the number is the id's rank.
            return b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0));
        }
        let ranks = self.id_ranks();
        let rank = |n: u32| ranks.get(n as usize).copied().unwrap_or(u32::MAX);
        b.1.total_cmp(&a.1).then_with(|| rank(a.0).cmp(&rank(b.0)))
    }

    /// Keeps the best-ranked document of each near-duplicate group among
    /// the matches: one pass over them, with the best match so far of each
    /// group in an array by group (a group is numbered by its original).
    fn collapse(&self, matched: Scores) -> (Scores, Collapsed) {
        if !matched.iter().any(|&(n, _)| self.store.copy_of(n).is_some()) {
            return (matched, Collapsed::default());
        }
        let group = |n: u32| self.store.copy_of(n).unwrap_or(n) as usize;
        // The position in `matched` of the best-ranked match of each group.
        let mut best = vec![u32::MAX; self.store.slots() as usize];
        for (i, m) in matched.iter().enumerate() {
            let Some(slot) = best.get_mut(group(m.0)) else { continue };
            if *slot == u32::MAX || self.rank_order(m, &matched[*slot as usize]).is_lt() {
                *slot = i as u32;
            }
        }
        let kept = matched
            .iter()
            .enumerate()
            .filter(|&(i, m)| best.get(group(m.0)) == Some(&(i as u32)))
            .map(|(_, &m)| m)
            .collect();
        (kept, Collapsed { matched })
    }

    /// The near-duplicates of the shown hits (the other matches of their
    /// groups), best first: each shown hit's group is looked up among the
    /// collection's near-duplicates, and its members among the matches.
    fn groups(&self, c: &Collapsed, page: &Scores) -> Groups {
        let store = &self.store;
        let pairs = self.copy_pairs.get_or_init(|| {
            let mut pairs: Vec<u64> = (0..store.slots())
                .filter_map(|n| Some(u64::from(store.copy_of(n)?) << 32 | u64::from(n)))
                .collect();
            pairs.sort_unstable();
            pairs
        });
        let group = |n: u32| store.copy_of(n).unwrap_or(n);
        let matched = |m: u32| c.matched.binary_search_by_key(&m, |e| e.0).ok();
        let mut groups = Groups::default();
        for &(shown, _) in page {
            let g = group(shown);
            let copies = &pairs[pairs.partition_point(|&p| p >> 32 < u64::from(g))..];
            let copies = copies.iter().take_while(|&&p| p >> 32 == u64::from(g)).map(|&p| p as u32);
            let members = std::iter::once(g).filter(|&m| group(m) == g).chain(copies);
            let found: Scores = members
                .filter(|&m| m != shown)
                .filter_map(|m| matched(m).map(|i| c.matched[i]))
                .collect();
            if !found.is_empty() {
                groups.insert(shown, self.top(found, 0, usize::MAX));
            }
        }
        groups
    }

    /// The hits `offset..offset + limit` by descending score, ties by id.
    fn top(&self, mut all: Scores, offset: usize, limit: usize) -> Scores {
        let cmp = |a: &(u32, f32), b: &(u32, f32)| self.rank_order(a, b);
        let want = offset.saturating_add(limit).min(all.len());
        if want == 0 {
            return Vec::new();
        }
        if want <= 64 && want * 8 < all.len() {
            // A page of many matches: one pass keeping the best so far in
            // order (most matches lose to the worst kept at once).
            let mut best: Scores = Vec::with_capacity(want + 1);
            for m in &all {
                if best.len() == want && best.last().is_some_and(|w| cmp(m, w).is_ge()) {
                    continue;
                }
                let at = best.partition_point(|b| cmp(b, m).is_lt());
                best.insert(at, *m);
                best.truncate(want);
            }
            all = best;
        } else {
            if want < all.len() {
                all.select_nth_unstable_by(want - 1, cmp);
                all.truncate(want);
            }
            all.sort_unstable_by(cmp);
        }
        all.drain(offset.min(all.len())..).collect()
    }
}

struct Eval<'i> {
    index: &'i Index,
    bm25: Bm25,
    /// BM25 field factors by document number; `None` for removed documents.
    norms: &'i [Option<[f32; 2]>],
    matcher: Matcher,
    /// Whether the atom being evaluated is one whose matches are highlighted.
    tracking: Cell<bool>,
    /// Documents with a highlighted match in the body (a bitset by number):
    /// the others get the start of their body as snippet without a scan.
    body: RefCell<Vec<u64>>,
    /// Whether a phrase of the query matched as words (an index without
    /// positions).
    phrase_as_words: bool,
    /// When set, the only documents that can match (a bitset by number):
    /// other documents are not scored, and a very common word's list is
    /// read through its dense table instead of whole.
    within: Option<Vec<u64>>,
}

impl Eval<'_> {
    fn body_matched(&self, doc: u32) -> bool {
        self.body.borrow().get(doc as usize / 64).is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// Whether document `doc` can still match (see [`Eval::within`]).
    #[inline]
    fn keep(&self, doc: u32) -> bool {
        self.within
            .as_ref()
            .is_none_or(|w| w.get(doc as usize / 64).is_some_and(|w| w >> (doc % 64) & 1 == 1))
    }

    /// Evaluates `n` parts of the query (its units, or the words of a
    /// name) with `run`: the one `estimate` finds rarest first, then the
    /// others in order, scoring only the documents it requires.
    /// Results are the same as scoring every list whole, in less time when
    /// a common word sits beside a rare one. `estimate` is `None` for parts
    /// that do not narrow the results (excluded, prefixes, or any part of
    /// a query whose clauses need not all match); highlighting sees the
    /// parts in order.
    fn rarest_first(
        &mut self,
        n: usize,
        estimate: &dyn Fn(&Self, usize) -> Option<usize>,
        run: &mut dyn FnMut(&mut Self, usize) -> Clauses,
    ) -> Vec<Clauses> {
        let rarest = (n > 1 && !self.index.is_partial())
            .then(|| (0..n).filter_map(|k| Some((k, estimate(self, k)?))).min_by_key(|e| e.1))
            .flatten()
            .map(|(k, _)| k);
        let outer = self.within.clone();
        let before = std::mem::take(&mut self.matcher);
        let mut out: Vec<Clauses> = (0..n).map(|_| Vec::new()).collect();
        let mut matchers: Vec<Matcher> = (0..n).map(|_| Matcher::default()).collect();
        for k in rarest.into_iter().chain((0..n).filter(|&k| Some(k) != rarest)) {
            let found = run(self, k);
            matchers[k] = std::mem::take(&mut self.matcher);
            let fewest = found.iter().filter(|f| f.0 == Occur::Must).map(|f| &f.1);
            if let Some(scores) = fewest.min_by_key(|s| s.len()).filter(|_| Some(k) == rarest) {
                let mut within = vec![0u64; self.norms.len().div_ceil(64)];
                for &(doc, _) in scores {
                    if let Some(w) = within.get_mut(doc as usize / 64) {
                        *w |= 1 << (doc % 64);
                    }
                }
                if let Some(outer) = &outer {
                    within.iter_mut().zip(outer).for_each(|(w, o)| *w &= o);
                }
                self.within = Some(within);
            }
            out[k] = found;
        }
        self.within = outer;
        self.matcher = before;
        for m in matchers {
            self.matcher.append(m);
        }
        out
    }

    /// The scores of the clauses of one unit of the query (a clause, or a
    /// run of clauses naming someone: its words, or any other spelling of
    /// the name), with whether they are required or excluded. A clause
    /// that normalizes to nothing has none.
    fn unit(&mut self, clauses: &[Clause], start: usize, run: Option<&[String]>) -> Clauses {
        // A name's words are all required: the rarest first (its other
        // spellings are not held to its documents).
        let named = run.is_some();
        let each = self.rarest_first(
            clauses.len(),
            &|e, k| named.then(|| e.estimate(&clauses[k..=k])).flatten(),
            &mut |e, k| {
                let clause = &clauses[k];
                let track = clause.occur == Occur::Must;
                let alts = clause.alternatives.iter().filter_map(|a| e.atom(a, start + k, track));
                // (None when the clause normalized to nothing.)
                alts.reduce(union).map(|s| (clause.occur, s)).into_iter().collect()
            },
        );
        let closed = named && each.last().is_some_and(|e| !e.is_empty());
        let found = each.into_iter().flatten();
        match run {
            // The last word of a name written without quotes: its words,
            // or any other spelling of the name.
            Some(terms) if closed => {
                let all =
                    found.map(|(_, s)| s).reduce(|a, b| intersect(&a, &b)).unwrap_or_default();
                vec![(Occur::Must, self.name_variants(terms, "", all, start, true))]
            }
            _ => found.collect(),
        }
    }

    /// About how many documents the clauses match at most (the lengths of
    /// their words' lists), when all are required and the cost is known
    /// without reading lists: `None` for a prefix or an excluded clause.
    fn estimate(&self, clauses: &[Clause]) -> Option<usize> {
        let analyzer = &self.index.analyzer;
        let mut least: Option<usize> = None;
        for clause in clauses {
            if clause.occur != Occur::Must {
                return None;
            }
            let mut size = 0usize;
            for atom in &clause.alternatives {
                let (Atom::Word(text) | Atom::Phrase(text)) = atom else { return None };
                let terms = analyzer.terms(text);
                size = size.saturating_add(terms.iter().map(|t| self.lists_len(t)).min()?);
            }
            least = Some(least.map_or(size, |l| l.min(size)));
        }
        least
    }

    /// The lists a word reads: its surface list (first, when there is
    /// one), its stems' lists and the surface lists of its stems, and the
    /// list of its feminine base (قمة for قمته; no word is spelled so).
    fn lists(&self, term: &str) -> Vec<&TermPostings> {
        self.lists_of(term).1
    }

    /// [`Eval::lists`], with the word's surface list apart.
    fn lists_of(&self, term: &str) -> (Option<&TermPostings>, Vec<&TermPostings>) {
        let index = self.index;
        let surface = index.surface_list(term);
        let mut lists: Vec<&TermPostings> = surface.into_iter().collect();
        for s in index.analyzer.stems(term).keys().into_iter().flatten() {
            lists.extend(index.stem_list(s));
            if s != term {
                lists.extend(index.surface_list(s)); // (none for the base's key)
            }
        }
        (surface, lists)
    }

    /// The number of postings in the lists a word reads.
    fn lists_len(&self, term: &str) -> usize {
        self.lists(term).iter().map(|l| l.len as usize).sum()
    }

    /// Live documents in the longest list a word reads.
    fn longest_list(&self, term: &str) -> usize {
        self.lists(term).iter().map(|l| l.df as usize).max().unwrap_or(0)
    }
}

impl Eval<'_> {
    /// Scores of one atom; `None` when it normalizes to nothing.
    fn atom(&mut self, atom: &Atom, clause: usize, track: bool) -> Option<Scores> {
        let analyzer = &self.index.analyzer;
        self.tracking.set(track);
        let (text, kind) = match atom {
            Atom::Word(t) => (t, 0),
            Atom::Prefix(t) => (t, 1),
            Atom::Phrase(t) => (t, 2),
        };
        let mut terms = analyzer.terms(text);
        // Whether the written text is the atom's terms and nothing else.
        let whole = kind == 2 || terms.len() == 1;
        if kind == 0 && terms.len() > 1 {
            // A written word that splits into several tokens (2024م, وCNN,
            // كوفيد-19): one-letter pieces glued to a number or a Latin word
            // are dropped, the rest match as a phrase.
            terms.retain(|t| t.chars().count() > 1);
        }
        let scores = match (terms.len(), kind) {
            (0, _) => None,
            (1, 0) => {
                if track {
                    self.matcher.word(&terms[0], analyzer.stems(&terms[0]), clause);
                }
                let misses = self.index.misses();
                let found = self.word(&terms[0]);
                if self.index.misses() > misses {
                    Some(found) // its lists are not loaded yet: no typo search
                } else {
                    Some(self.typos(&terms[0], found, clause, track))
                }
            }
            (1, 1) => {
                if track {
                    self.matcher.prefix(&terms[0], analyzer.stems(&terms[0]).primary, clause);
                }
                Some(self.prefix(&terms[0]))
            }
            _ => {
                if track {
                    self.matcher.phrase(&terms[..terms.len().min(MAX_PHRASE_WORDS)], clause);
                }
                self.phrase_as_words |=
                    kind == 2 && terms.len() > 1 && !self.index.options.positions;
                Some(self.phrase(&terms))
            }
        }?;
        if kind == 1 || !self.index.options.analyzer.fold_hamza {
            return Some(scores);
        }
        let written = if whole { text.as_str() } else { "" };
        Some(self.name_variants(&terms, written, scores, clause, track))
    }

    /// Typo tolerance: a word of at least [`TYPO_MIN_CHARS`] letters that
    /// matches fewer than [`TYPO_MIN_HITS`] documents (none) matches the
    /// indexed words one edit away (a letter changed, added, dropped or two
    /// neighbours swapped), scored [`TYPO_WEIGHT`] times lower so exact
    /// matches rank first. Candidates share the word's first two letters
    /// (three after the article ال), which keeps the search small; a typo
    /// there is not corrected.
    fn typos(&mut self, term: &str, found: Scores, clause: usize, track: bool) -> Scores {
        let chars: Vec<char> = term.chars().collect();
        // (Scoring within a subset, `found` can miss the word's documents;
        // its longest list counts them.)
        let known = || if self.within.is_some() { self.longest_list(term) } else { 0 };
        if chars.len() < TYPO_MIN_CHARS
            || found.len() >= TYPO_MIN_HITS
            || chars.iter().any(|c| c.is_ascii_digit())
            || known() >= TYPO_MIN_HITS
        {
            return found;
        }
        let index = self.index;
        let head = if term.starts_with("ال") { 3 } else { 2 };
        let stem_factor = index.options.ranking.stem;
        // Words one edit away, in the surface words and (for a word written
        // with a proclitic, وتركمانستان) in the stems.
        let mut near: Vec<(&str, &TermPostings, f32)> = Vec::new();
        let mut buf: Vec<char> = Vec::new();
        let surface = index.sorted_surface.get_or_init(|| index.surface.dict.sorted_ids());
        let stems = index.sorted_stems.get_or_init(|| index.stems.dict.sorted_ids());
        // The stems are compared with the query word's own stem.
        let stem_chars: Vec<char> = index.analyzer.stems(term).primary.chars().collect();
        for (vocab, sorted, factor, query) in [
            (&index.surface, surface, 1.0, &chars),
            (&index.stems, stems, stem_factor, &stem_chars),
        ] {
            if query.len() < TYPO_MIN_CHARS - 1 {
                continue;
            }
            let prefix: String = query[..head.min(query.len())].iter().collect();
            if !index.prefix_ready(&prefix) {
                continue;
            }
            for &id in vocab.dict.prefix_range(sorted, &prefix) {
                let word = vocab.dict.term(id);
                buf.clear();
                buf.extend(word.chars());
                let list = vocab.lists.get(id as usize).filter(|l| l.df > 0);
                if let Some(list) = list.filter(|_| one_edit(query, &buf)) {
                    near.push((word, list, factor));
                }
            }
        }
        near.truncate(MAX_TYPO_TERMS);
        let mut scores = found;
        for (word, list, factor) in near {
            if track {
                self.matcher.word(word, index.analyzer.stems(word), clause);
            }
            let found = self.score_list(list, TYPO_WEIGHT * factor);
            scores = union_with(scores, found, larger);
        }
        scores
    }

    /// A word or phrase that names a place, an organisation or a person the
    /// gazetteer knows also matches the other spellings of that name
    /// (بكين / بيجينغ), scored like stem matches so that the spelling asked
    /// for ranks first, and highlighted in snippets.
    ///
    /// So does a single word or a quoted phrase (`written` as in the query,
    /// else empty) with a hamza before و, in its spellings with that hamza
    /// (the first such) on the other seats:
    /// ؤ, ئ and ء are each written there by some (مسؤول, مسئول; شؤون, شئون;
    /// رؤوس, رءوس), and fold apart. Other seats are not exchanged: there the
    /// letters tell words apart (بئس and بؤس, بئر and بؤر).
    fn name_variants(
        &mut self,
        terms: &[String],
        written: &str,
        scores: Scores,
        clause: usize,
        track: bool,
    ) -> Scores {
        let factor = self.index.options.ranking.stem;
        let mut scores = scores;
        let joined = terms.join(" ");
        let mut spellings = crate::entity::other_spellings(&joined);
        self.collection_spellings(terms, &joined, &mut spellings);
        // (After the names' spellings, which stop at MAX_NAME_VARIANTS: at
        // most two more.)
        let analyzer = &self.index.analyzer;
        for spelling in hamza_seat_spellings(written, |c| analyzer.is_removed(c)) {
            let words = analyzer.terms(&spelling);
            if words.len() == terms.len() && words != terms && !spellings.contains(&words) {
                spellings.push(words);
            }
        }
        for words in spellings {
            let found = if words.len() == 1 { self.word(&words[0]) } else { self.phrase(&words) };
            if track {
                if words.len() == 1 {
                    let stems = self.index.analyzer.stems(&words[0]);
                    self.matcher.word(&words[0], stems, clause);
                } else {
                    self.matcher.phrase(&words, clause);
                }
            }
            let found: Scores = found.into_iter().map(|(d, sc)| (d, sc * factor)).collect();
            scores = union_with(scores, found, larger);
        }
        scores
    }

    /// The other spellings of a name that the collection's documents use
    /// (the spellings of the entity the name denotes; for a bare surname,
    /// the last words of the names it ends), folded and split into words,
    /// added to `out` up to [`MAX_NAME_VARIANTS`](crate::entity::MAX_NAME_VARIANTS).
    fn collection_spellings(&self, terms: &[String], joined: &str, out: &mut Vec<Vec<String>>) {
        let table = &self.index.entities;
        // (An index in parts matches the gazetteer's spellings only, loaded
        // entities or not, so its results do not depend on what was fetched.)
        if table.spellings.is_empty() || terms.len() > 6 || self.index.is_partial() {
            return;
        }
        let key = crate::variant_key(joined);
        let surname = table.by_key(&key).is_none();
        for e in table.find_keyed(joined, &key) {
            // One word expands only to the names it is itself the (last)
            // word of: a phonetic key alone joins common words (صلاة and
            // صلى, when a recognizer slip made صلى a name).
            if terms.len() == 1 {
                if crate::entity::NAME_PARTICLES.contains(&terms[0].as_str()) {
                    return; // أبو، بن: part of names, no name alone
                }
                let spelled = table
                    .live_spellings(e)
                    .any(|text| self.index.analyzer.terms(text).last() == Some(&terms[0]));
                if !spelled {
                    continue;
                }
            }
            for text in table.live_spellings(e) {
                let text = if surname { text.rsplit(' ').next().unwrap_or(text) } else { text };
                // Spellings of the name asked for, not every spelling a
                // recognizer slip merged into its entity (الله and سمع).
                if crate::variant_key(text) != key {
                    continue;
                }
                let words = self.index.analyzer.terms(text);
                if words.is_empty() || words == terms || out.contains(&words) {
                    continue;
                }
                if out.len() >= crate::entity::MAX_NAME_VARIANTS {
                    return;
                }
                out.push(words);
            }
        }
    }

    /// BM25F of one posting list (live documents only).
    fn score_list(&self, list: &TermPostings, weight: f32) -> Scores {
        let idf = self.bm25.idf(list.df);
        let mut body = self.tracking.get().then(|| self.body.borrow_mut());
        let mut out = Vec::with_capacity(if self.within.is_some() { 0 } else { list.len as usize });
        let score = |p: Posting| {
            if let Some(Some(norms)) = self.norms.get(p.doc as usize) {
                if let Some(body) = body.as_mut() {
                    note_body(body, &p);
                }
                out.push((p.doc, weight * self.bm25.score_normed(idf, &p, *norms)));
            }
        };
        match self.within.as_deref().and_then(|w| Some((w, list.dense()?))) {
            Some((within, dense)) => dense.within(within, score),
            None => list.iter().filter(|p| self.keep(p.doc)).for_each(score),
        }
        out
    }

    fn word(&self, term: &str) -> Scores {
        let index = self.index;
        let (surface, lists) = self.lists_of(term);
        if lists.len() <= usize::from(surface.is_some()) {
            return surface.map(|l| self.score_list(l, 1.0)).unwrap_or_default();
        }
        // Per live document in any of the lists: the surface posting (the
        // first list, when present) and the stem class's posting, which
        // counts a document's term frequency per field as its largest in
        // any one list (one word can sit in several stem lists).
        let exact_first = surface.is_some();
        let mut merged: Vec<(Option<Posting>, Posting)> = Vec::new();
        // Live documents in any of the lists: the stem class's frequency.
        let mut live = 0u32;
        // Every list read once, the postings of documents that can match
        // kept aside, then merged.
        let all_live = self.index.store.live() == self.index.store.slots() as usize;
        let alive =
            |doc: u32| all_live || self.norms.get(doc as usize).is_some_and(Option::is_some);
        let mut kept: Vec<Vec<Posting>> = lists.iter().map(|_| Vec::new()).collect();
        match &self.within {
            None => {
                for (k, l) in lists.iter().enumerate() {
                    kept[k] = l.iter().collect();
                }
            }
            Some(within) => {
                // The union in a bitset, counted at the end; a common
                // word's list read through its dense table.
                let mut seen = vec![0u64; within.len()];
                let room = within.iter().map(|w| w.count_ones() as usize).sum::<usize>();
                for (list, out) in lists.iter().zip(&mut kept) {
                    out.reserve(room.min(list.len as usize));
                    if let Some(dense) = list.dense() {
                        seen.iter_mut().zip(&dense.bits).for_each(|(s, b)| *s |= b);
                        dense.within(within, |p| out.push(p));
                        continue;
                    }
                    for p in list.iter() {
                        let (w, bit) = (p.doc as usize / 64, 1u64 << (p.doc % 64));
                        let (Some(word), Some(mask)) = (seen.get_mut(w), within.get(w)) else {
                            continue;
                        };
                        *word |= bit;
                        if mask & bit != 0 {
                            out.push(p);
                        }
                    }
                }
                live = if all_live {
                    seen.iter().map(|w| w.count_ones()).sum()
                } else {
                    let mut count = 0;
                    for (w, &bits) in seen.iter().enumerate() {
                        let mut left = bits;
                        while left != 0 {
                            count += u32::from(alive(w as u32 * 64 + left.trailing_zeros()));
                            left &= left - 1;
                        }
                    }
                    count
                };
            }
        }
        let counted = self.within.is_some();
        merged.reserve(kept.iter().map(Vec::len).max().unwrap_or(0));
        merge_postings(kept, exact_first, |e, s| {
            if self.norms.get(s.doc as usize).is_some_and(Option::is_some) {
                live += u32::from(!counted);
                merged.push((e, s));
            }
        });
        let idf_exact = self.bm25.idf(surface.map_or(0, |l| l.df));
        let idf_stem = self.bm25.idf(live);
        let stem_weight = index.options.ranking.stem;
        let mut body = self.tracking.get().then(|| self.body.borrow_mut());
        merged
            .iter()
            .map(|(exact, stem)| {
                let norms = self.norms[stem.doc as usize].unwrap_or_default();
                if let Some(body) = body.as_mut() {
                    note_body(body, stem);
                }
                let by_surface =
                    exact.map_or(0.0, |p| self.bm25.score_normed(idf_exact, &p, norms));
                let by_stem = stem_weight * self.bm25.score_normed(idf_stem, stem, norms);
                (stem.doc, larger(by_surface, by_stem))
            })
            .collect()
    }

    /// Words starting with `prefix`, and words whose stem starts with the
    /// prefix's stem (so `كازاخ*` also finds الكازاخستانية).
    fn prefix(&self, prefix: &str) -> Scores {
        let index = self.index;
        let w = &index.options.ranking;
        let mut all: Scores = Vec::new();
        if !index.prefix_ready(prefix) {
            return all;
        }
        let surface = index.sorted_surface.get_or_init(|| index.surface.dict.sorted_ids());
        for (id, list) in expand(&index.surface, surface, prefix) {
            let exact = index.surface.dict.term(id) == prefix;
            all.extend(self.score_list(list, if exact { 1.0 } else { w.prefix }));
        }
        let stem_prefix = index.analyzer.stems(prefix).primary;
        if index.options.analyzer.stem && !stem_prefix.is_empty() && index.prefix_ready(stem_prefix)
        {
            let stems = index.sorted_stems.get_or_init(|| index.stems.dict.sorted_ids());
            for (_, list) in expand(&index.stems, stems, stem_prefix) {
                all.extend(self.score_list(list, w.prefix * w.stem));
            }
        }
        // Sorted by document, the best score last within a document (scores
        // are positive, so their bits order like them), then one per document.
        let mut packed: Vec<u64> = all
            .iter()
            .map(|&(doc, score)| u64::from(doc) << 32 | u64::from(score.to_bits()))
            .collect();
        packed.sort_unstable();
        let mut out: Scores = Vec::with_capacity(packed.len());
        for p in packed {
            let (doc, score) = ((p >> 32) as u32, f32::from_bits(p as u32));
            match out.last_mut() {
                Some(last) if last.0 == doc => last.1 = score,
                _ => out.push((doc, score)),
            }
        }
        out
    }

    /// Exact words in order, adjacent.
    fn phrase(&self, terms: &[String]) -> Scores {
        let index = self.index;
        let terms = &terms[..terms.len().min(MAX_PHRASE_WORDS)];
        // Each distinct word once: its list, and where it sits in the phrase.
        let mut distinct: Vec<&str> = Vec::new();
        for t in terms {
            if !distinct.contains(&t.as_str()) {
                distinct.push(t);
            }
        }
        // (Every part a phrase reads is asked for at once: lists and positions.)
        let ready = distinct.iter().filter(|t| !index.positions_ready(t)).count() == 0;
        let Some(lists) =
            distinct.iter().map(|t| index.surface_list(t)).collect::<Option<Vec<_>>>()
        else {
            return Vec::new();
        };
        if !ready {
            return Vec::new();
        }
        let slot: Vec<usize> =
            terms.iter().filter_map(|t| distinct.iter().position(|d| d == t)).collect();
        // Candidates: documents that contain every word.
        let per_term: Vec<Scores> = lists.iter().map(|l| self.score_list(l, 1.0)).collect();
        let mut candidates =
            per_term.iter().cloned().reduce(|a, b| intersect(&a, &b)).unwrap_or_default();
        if !index.options.positions {
            return candidates; // no positions: every document with all the words
        }
        let wanted: Vec<u32> = candidates.iter().map(|&(d, _)| d).collect();
        let positions: Vec<Vec<(u32, Vec<u32>)>> =
            lists.iter().map(|l| positions_of(l, &wanted)).collect();
        let weight = index.options.ranking.phrase;
        let mut starts = Vec::new();
        let mut next = Vec::new();
        candidates.retain_mut(|(doc, score)| {
            let of = |k: usize| -> &[u32] {
                let per_doc = &positions[slot[k]];
                per_doc.binary_search_by_key(doc, |e| e.0).map_or(&[], |i| per_doc[i].1.as_slice())
            };
            // Start positions where words 0..=k follow each other: each step
            // keeps the starts whose word k sits k places further (a merge
            // of two sorted lists), so the cost is linear in the positions.
            starts.clear();
            starts.extend_from_slice(of(0));
            for k in 1..slot.len() {
                next.clear();
                let mut at = of(k).iter().peekable();
                for &s in &starts {
                    let want = s.saturating_add(k as u32);
                    while at.next_if(|&&p| p < want).is_some() {}
                    if at.peek() == Some(&&want) {
                        next.push(s);
                    }
                }
                std::mem::swap(&mut starts, &mut next);
                if starts.is_empty() {
                    break;
                }
            }
            *score *= weight;
            !starts.is_empty()
        });
        candidates
    }
}

/// Merges posting lists by document: `each(surface posting, stem posting)`
/// per document in order, the surface posting from the first list when
/// `exact_first`, the stem posting with the largest frequencies per field
/// in any list.
fn merge_postings(
    mut lists: Vec<Vec<Posting>>,
    exact_first: bool,
    mut each: impl FnMut(Option<Posting>, Posting),
) {
    // More than two lists: the others than the first merged into one, the
    // two shortest at a time (all are stem postings).
    while lists.len() > 2 {
        let mut shortest = || {
            let k = (1..lists.len()).min_by_key(|&k| lists[k].len()).unwrap_or(1);
            lists.swap_remove(k)
        };
        let (a, b) = (shortest(), shortest());
        let mut both = Vec::with_capacity(a.len().max(b.len()));
        merge_two(&a, &b, false, |_, s| both.push(s));
        lists.push(both);
    }
    match lists.as_slice() {
        [a, b] => merge_two(a, b, exact_first, each),
        [a] => a.iter().for_each(|&p| each(exact_first.then_some(p), p)),
        _ => {}
    }
}

/// [`merge_postings`] of two lists.
fn merge_two(
    a: &[Posting],
    b: &[Posting],
    exact_first: bool,
    mut each: impl FnMut(Option<Posting>, Posting),
) {
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&p), Some(&q)) if p.doc == q.doc => {
                let tf_title = p.tf_title.max(q.tf_title);
                let tf_body = p.tf_body.max(q.tf_body);
                each(exact_first.then_some(p), Posting { doc: p.doc, tf_title, tf_body });
                (i, j) = (i + 1, j + 1);
            }
            (Some(&p), q) if q.is_none_or(|q| p.doc < q.doc) => {
                each(exact_first.then_some(p), p);
                i += 1;
            }
            (_, Some(&q)) => {
                each(None, q);
                j += 1;
            }
            _ => return,
        }
    }
}

/// A hasher for term ids (already well spread): one multiply.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Marks the document of a posting with a body match in the bitset.
#[inline]
fn note_body(body: &mut Vec<u64>, p: &Posting) {
    if p.tf_body > 0 {
        let word = p.doc as usize / 64;
        if word >= body.len() {
            body.resize(word + 1, 0);
        }
        body[word] |= 1 << (p.doc % 64);
    }
}

/// The lists of the terms of `vocab` starting with `prefix`: at most
/// [`MAX_PREFIX_TERMS`], the most frequent first.
fn expand<'v>(vocab: &'v Vocabulary, sorted: &[u32], prefix: &str) -> Vec<(u32, &'v TermPostings)> {
    let found: Vec<(u32, &TermPostings)> = vocab
        .dict
        .prefix_range(sorted, prefix)
        .iter()
        .filter_map(|&id| vocab.lists.get(id as usize).filter(|l| l.df > 0).map(|l| (id, l)))
        .collect();
    if found.len() > MAX_PREFIX_TERMS {
        // The most frequent first (ties by id): document frequency and id
        // packed into one sortable word.
        let mut keys: Vec<u64> =
            found.iter().map(|&(id, l)| u64::from(u32::MAX - l.df) << 32 | u64::from(id)).collect();
        keys.sort_unstable();
        keys.truncate(MAX_PREFIX_TERMS);
        let lists = &vocab.lists;
        return keys
            .into_iter()
            .filter_map(|k| {
                let id = k as u32;
                lists.get(id as usize).map(|l| (id, l))
            })
            .collect();
    }
    found
}

/// Positions of the documents in `wanted` (sorted) within one list.
fn positions_of(list: &TermPostings, wanted: &[u32]) -> Vec<(u32, Vec<u32>)> {
    let mut out = Vec::with_capacity(wanted.len());
    let mut cursor = 0usize;
    let mut w = wanted.iter().peekable();
    for p in list.iter() {
        while w.next_if(|&&d| d < p.doc).is_some() {}
        if w.peek().is_none() {
            break;
        }
        if w.peek() == Some(&&p.doc) {
            let mut buf = Vec::new();
            read_positions(&list.positions, &mut cursor, p.tf(), &mut buf);
            out.push((p.doc, buf));
        } else {
            skip(&list.positions, &mut cursor, p.tf());
        }
    }
    out
}

fn intersect(a: &Scores, b: &Scores) -> Scores {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The larger of two scores (never NaN): `f32::max` is a library call in
/// wasm.
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if a >= b {
        a
    } else {
        b
    }
}

fn union(a: Scores, b: Scores) -> Scores {
    union_with(a, b, |x, y| x + y)
}

/// The hamza seats that writers exchange before و ([`Eval::name_variants`]).
const SEATS: [char; 3] = ['\u{0624}', '\u{0626}', '\u{0621}'];

/// The other spellings of `written` with its first hamza that comes before
/// و (characters that are `removed` by normalization between them aside:
/// diacritics, tatweel) on each of the other [`SEATS`].
fn hamza_seat_spellings(written: &str, removed: impl Fn(char) -> bool) -> Vec<String> {
    let seat = written.char_indices().find(|&(i, c)| {
        let after = written.get(i + c.len_utf8()..).unwrap_or("");
        SEATS.contains(&c) && after.chars().find(|&d| !removed(d)) == Some('\u{0648}')
    });
    let Some((at, c)) = seat else { return Vec::new() };
    let (before, after) = (&written[..at], &written[at + c.len_utf8()..]);
    let spelled = |s: char| {
        let mut out = String::with_capacity(written.len());
        out.push_str(before);
        out.push(s);
        out.push_str(after);
        out
    };
    SEATS.iter().filter(|&&s| s != c).map(|&s| spelled(s)).collect()
}

fn union_with(a: Scores, b: Scores, both: impl Fn(f32, f32) -> f32) -> Scores {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, both(x.1, y.1)));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

fn subtract(a: &Scores, b: &Scores) -> Scores {
    let mut j = 0;
    a.iter()
        .filter(|x| {
            while j < b.len() && b[j].0 < x.0 {
                j += 1;
            }
            !(j < b.len() && b[j].0 == x.0)
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_hamza_before_waw_takes_the_other_seats() {
        let n = crate::analysis::default_normalizer();
        let spellings = |w: &str| hamza_seat_spellings(w, |c| n.is_removed(c));
        assert_eq!(spellings("شؤون"), ["شئون", "شءون"]);
        // A diacritic or a tatweel between the hamza and the و changes nothing.
        assert_eq!(spellings("مَسْئُول"), ["مَسْؤُول", "مَسْءُول"]);
        assert_eq!(spellings("شئـون"), ["شؤـون", "شءـون"]);
        assert!(spellings("بئس").is_empty());
        assert!(spellings("رئيس").is_empty());
        assert!(spellings("سوء").is_empty());
        assert_eq!(spellings("ؤوؤوؤو"), ["ئوؤوؤو", "ءوؤوؤو"]);
        // In a phrase, the first hamza before و, wherever it is.
        assert_eq!(spellings("قال مسؤول"), ["قال مسئول", "قال مسءول"]);
        assert!(spellings("").is_empty());
    }

    fn p(doc: u32, tf_title: u32, tf_body: u32) -> Posting {
        Posting { doc, tf_title, tf_body }
    }

    fn merged(lists: &[&[Posting]], exact_first: bool) -> Vec<(Option<Posting>, Posting)> {
        let mut out = Vec::new();
        merge_postings(lists.iter().map(|l| l.to_vec()).collect(), exact_first, |e, s| {
            out.push((e, s))
        });
        out
    }

    /// What [`merge_postings`] must give, document by document.
    fn reference(lists: &[&[Posting]], exact_first: bool) -> Vec<(Option<Posting>, Posting)> {
        let mut docs: Vec<u32> = lists.iter().flat_map(|l| l.iter().map(|p| p.doc)).collect();
        docs.sort_unstable();
        docs.dedup();
        let at = |l: &[Posting], doc: u32| l.iter().copied().find(|p| p.doc == doc);
        let exact = |doc| lists.first().filter(|_| exact_first).and_then(|l| at(l, doc));
        docs.into_iter()
            .map(|doc| {
                let all = lists.iter().filter_map(|l| at(l, doc));
                let tf_title = all.clone().map(|p| p.tf_title).max().unwrap_or(0);
                let tf_body = all.map(|p| p.tf_body).max().unwrap_or(0);
                (exact(doc), Posting { doc, tf_title, tf_body })
            })
            .collect()
    }

    #[test]
    fn lists_merge_by_document_with_the_largest_frequencies() {
        // A surface list and stem lists: shared, own and trailing documents.
        let surface = [p(1, 1, 0), p(4, 0, 2), p(9, 0, 1), p(30, 2, 5)];
        let stem = [p(0, 0, 1), p(4, 1, 1), p(5, 0, 3), p(9, 0, 4), p(12, 0, 1)];
        let other = [p(4, 3, 0), p(12, 0, 7), p(40, 1, 1)];
        let short = [p(2, 0, 1)];
        let cases: [&[&[Posting]]; 7] = [
            &[&surface, &stem],
            &[&surface, &stem, &[]],
            &[&surface, &stem, &other],
            &[&surface, &other, &stem, &short],
            &[&[], &stem, &other],
            &[&stem],
            &[],
        ];
        for lists in cases {
            for exact_first in [true, false] {
                assert_eq!(merged(lists, exact_first), reference(lists, exact_first), "{lists:?}");
            }
        }
        let both = merged(&[&surface, &stem], true);
        // Document 4: its surface posting, and the largest frequencies of both.
        assert_eq!(both[2], (Some(p(4, 0, 2)), p(4, 1, 2)));
        // Document 5 has only the stem.
        assert_eq!(both[3], (None, p(5, 0, 3)));
        let three = merged(&[&surface, &stem, &other], true);
        assert_eq!(three[2], (Some(p(4, 0, 2)), p(4, 3, 2)));
    }
}
