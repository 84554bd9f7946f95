//! ENTITIES OF THE COLLECTION: every person, place and organisation the
//! documents mention, with the spellings seen, and per document the
//! spellings it uses (see [`crate::entity`] for recognition and merging).
//!
//! An entity is identified by its key ([`EntityMention::key`]: the gazetteer
//! id, or the phonetic [`variant_key`](crate::variant_key) of the name), so
//! the spellings of one name in different documents are one entity. Each
//! document keeps `(spelling number, mentions)` pairs; the table keeps the
//! live mention count of every spelling, so the canonical name of an entity
//! not in the gazetteer is its most frequent spelling in the collection.

use std::collections::HashMap as StdMap;

/// Maps of the table, with the term dictionary's hash: several times faster
/// than the default SipHash on the short keys of names.
pub(crate) type HashMap<K, V> =
    StdMap<K, V, std::hash::BuildHasherDefault<super::terms::FastHasher>>;

use crate::entity::{EntityKind, EntityMention};

/// At most this many entities of each type are listed in
/// [`Facets::entities`](crate::Facets::entities).
pub const MAX_ENTITY_FACETS: usize = 10;

/// One entity of the collection (or of a result set), from
/// [`Index::entities`](crate::Index::entities) and search facets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityFacet {
    /// The entity key (what `entity:` filters compare).
    pub key: String,
    /// The type.
    pub kind: EntityKind,
    /// The canonical name: the gazetteer's form, else the spelling most
    /// used in the collection.
    pub name: String,
    /// The spellings used by the counted documents, with their mentions,
    /// most frequent first.
    pub variants: Vec<(String, usize)>,
    /// Documents that mention it.
    pub documents: usize,
    /// Mentions in those documents.
    pub mentions: usize,
}

#[derive(Clone, Debug)]
pub(crate) struct EntityInfo {
    pub key: String,
    pub kind: EntityKind,
    /// The gazetteer's canonical form, when the name is known.
    pub canonical: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Spelling {
    pub entity: u32,
    pub text: String,
    /// A nisba adjective standing for its place (`الكازاخستاني`): counted,
    /// but neither a canonical name nor a spelling that search expands to.
    pub nisba: bool,
    /// Mentions in live documents.
    pub mentions: u64,
}

/// The entities and spellings of a collection.
#[derive(Clone, Debug, Default)]
pub(crate) struct EntityTable {
    pub entities: Vec<EntityInfo>,
    pub spellings: Vec<Spelling>,
    by_key: HashMap<String, u32>,
    /// By spelling: its (entity, spelling) numbers (a spelling is rarely
    /// the same text for two entities).
    by_spelling: HashMap<String, Vec<(u32, u32)>>,
    /// Phonetic key of the last word of each many-word person spelling →
    /// the people; built on the first bare-surname look-up after a change.
    surnames: std::cell::OnceCell<HashMap<String, Vec<u32>>>,
}

impl EntityTable {
    /// The entity number of a key, added when new.
    pub(crate) fn entity(&mut self, key: &str, kind: EntityKind, canonical: Option<&str>) -> u32 {
        if let Some(&e) = self.by_key.get(key) {
            return e;
        }
        let e = self.entities.len() as u32;
        self.entities.push(EntityInfo {
            key: key.to_string(),
            kind,
            canonical: canonical.map(str::to_string),
        });
        self.by_key.insert(key.to_string(), e);
        e
    }

    /// The spelling number of a name of entity `e`, added when new.
    pub(crate) fn spelling(&mut self, e: u32, text: &str, nisba: bool) -> u32 {
        let found = self.by_spelling.get(text).and_then(|v| v.iter().find(|p| p.0 == e));
        if let Some(&(_, s)) = found {
            return s;
        }
        let s = self.spellings.len() as u32;
        self.surnames = std::cell::OnceCell::new();
        self.spellings.push(Spelling { entity: e, text: text.to_string(), nisba, mentions: 0 });
        self.by_spelling.entry(text.to_string()).or_default().push((e, s));
        s
    }

    /// The entity with this key.
    pub(crate) fn by_key(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// Registers a document's mentions: its `(spelling, mentions)` pairs,
    /// sorted by spelling.
    pub(crate) fn register(&mut self, mentions: &[EntityMention]) -> Box<[(u32, u32)]> {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for m in mentions {
            let e = self.entity(&m.key, m.kind, m.canonical.as_deref());
            let s = match without_marks(&m.text) {
                Some(bare) => self.spelling(e, &bare, m.nisba),
                None => self.spelling(e, &m.text, m.nisba),
            };
            match pairs.iter_mut().find(|p| p.0 == s) {
                Some(p) => p.1 += 1,
                None => pairs.push((s, 1)),
            }
        }
        // (u64 keys: the sort the index has anyway, which keeps the wasm small)
        let mut packed: Vec<u64> =
            pairs.iter().map(|&(s, n)| u64::from(s) << 32 | u64::from(n)).collect();
        packed.sort_unstable();
        let pairs: Vec<(u32, u32)> = packed.iter().map(|&k| ((k >> 32) as u32, k as u32)).collect();
        self.count(&pairs, true);
        pairs.into()
    }

    /// Adds (or, for a removed document, subtracts) a document's mentions
    /// to the live counts.
    pub(crate) fn count(&mut self, pairs: &[(u32, u32)], add: bool) {
        for &(s, n) in pairs {
            if let Some(sp) = self.spellings.get_mut(s as usize) {
                sp.mentions = if add {
                    sp.mentions + u64::from(n)
                } else {
                    sp.mentions.saturating_sub(n.into())
                };
            }
        }
    }

    /// The canonical name of entity `e`.
    pub(crate) fn name(&self, e: u32) -> String {
        let info = &self.entities[e as usize];
        if let Some(c) = &info.canonical {
            return c.clone();
        }
        self.spellings
            .iter()
            .filter(|s| s.entity == e)
            .max_by(|a, b| {
                (!a.nisba, a.mentions)
                    .cmp(&(!b.nisba, b.mentions))
                    .then_with(|| b.text.cmp(&a.text))
            })
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The names (not nisba adjectives) of entity `e` used in live documents.
    pub(crate) fn live_spellings(&self, e: u32) -> impl Iterator<Item = &str> {
        self.spellings
            .iter()
            .filter(move |s| s.entity == e && s.mentions > 0 && !s.nisba)
            .map(|s| s.text.as_str())
    }

    /// The entity of a spelling number.
    pub(crate) fn entity_of(&self, spelling: u32) -> Option<u32> {
        self.spellings.get(spelling as usize).map(|s| s.entity)
    }

    /// The entities a name written in a query denotes: the entity with its
    /// key, else (for one word) the people whose names end with a word of
    /// that key (a bare surname: بوتين).
    pub(crate) fn find(&self, name: &str) -> Vec<u32> {
        self.find_keyed(name, &crate::variant_key(name))
    }

    /// [`EntityTable::find`] with the name's [`variant_key`](crate::variant_key).
    pub(crate) fn find_keyed(&self, name: &str, key: &str) -> Vec<u32> {
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(e) = self.by_key(key) {
            return vec![e];
        }
        if name.split_whitespace().count() != 1 {
            return Vec::new();
        }
        let surnames = self.surnames.get_or_init(|| {
            let mut map: HashMap<String, Vec<u32>> = HashMap::default();
            for s in &self.spellings {
                let Some((_, last)) = s.text.rsplit_once(' ') else { continue };
                // A last word of one or two letters, or a particle (بن،
                // أبو), is no surname.
                let folded = crate::analysis::default_normalizer().normalize(last);
                if self.entities[s.entity as usize].kind != EntityKind::Per
                    || folded.chars().count() < 3
                    || crate::entity::NAME_PARTICLES.contains(&folded.as_str())
                {
                    continue;
                }
                let people = map.entry(crate::variant_key(last)).or_default();
                if !people.contains(&s.entity) {
                    people.push(s.entity);
                }
            }
            map
        });
        let mut out = surnames.get(key).cloned().unwrap_or_default();
        out.retain(|&e| self.spellings.iter().any(|s| s.entity == e && s.mentions > 0));
        out
    }

    /// Counts entities over documents given by their pairs; the `limit`
    /// most mentioned (by documents, then mentions) of each type, or of
    /// `kind` only.
    pub(crate) fn facets<'a>(
        &self,
        docs: impl Iterator<Item = &'a [(u32, u32)]>,
        kind: Option<EntityKind>,
        limit: usize,
    ) -> Vec<EntityFacet> {
        // entity → (documents, mentions, spellings with mentions)
        let mut counts: HashMap<u32, Tally> = HashMap::default();
        for pairs in docs {
            for &(s, n) in pairs {
                let Some(e) = self.entity_of(s) else { continue };
                if kind.is_some_and(|k| self.entities[e as usize].kind != k) {
                    continue;
                }
                let c = counts.entry(e).or_default();
                // Pairs are sorted by spelling, not entity: count a document
                // once per entity.
                if !pairs_mention_before(pairs, s, e, self) {
                    c.0 += 1;
                }
                c.1 += n as usize;
                match c.2.iter_mut().find(|v| v.0 == s) {
                    Some(v) => v.1 += n as usize,
                    None => c.2.push((s, n as usize)),
                }
            }
        }
        // Type, then documents and mentions (most first), then number, as
        // one u64 key per entity (the sort the index has anyway; entity
        // numbers are below 2^22 in any collection that fits in memory).
        let capped = |n: usize| 0xF_FFFF - n.min(0xF_FFFF) as u64;
        let mut keys: Vec<u64> = counts
            .iter()
            .map(|(&e, t)| {
                let kind = self.entities[e as usize].kind as u64;
                kind << 62 | capped(t.0) << 42 | capped(t.1) << 22 | u64::from(e & 0x3F_FFFF)
            })
            .collect();
        keys.sort_unstable();
        let all: Vec<(u32, Tally)> = keys
            .iter()
            .filter_map(|k| {
                let e = (k & 0x3F_FFFF) as u32;
                counts.remove(&e).map(|t| (e, t))
            })
            .collect();
        let mut out = Vec::new();
        let mut per_kind: Vec<(EntityKind, usize)> = Vec::new();
        for (e, (documents, mentions, spellings)) in all {
            let info = &self.entities[e as usize];
            let taken = match per_kind.iter_mut().find(|k| k.0 == info.kind) {
                Some(k) => &mut k.1,
                None => {
                    per_kind.push((info.kind, 0));
                    &mut per_kind.last_mut().expect("just pushed").1
                }
            };
            if *taken >= limit {
                continue;
            }
            *taken += 1;
            // Most mentioned first (ties in order of first use).
            let mut order: Vec<u64> = spellings
                .iter()
                .enumerate()
                .map(|(i, &(_, n))| {
                    (u64::from(u32::MAX) - n.min(u32::MAX as usize) as u64) << 24 | i as u64
                })
                .collect();
            order.sort_unstable();
            let variants: Vec<(String, usize)> = order
                .iter()
                .filter_map(|k| spellings.get((k & 0xFF_FFFF) as usize))
                .map(|&(s, n)| (self.spellings[s as usize].text.clone(), n))
                .collect();
            out.push(EntityFacet {
                key: info.key.clone(),
                kind: info.kind,
                name: self.name(e),
                variants,
                documents,
                mentions,
            });
        }
        out
    }

    /// Copies the table keeping only what `live` documents use, and maps
    /// their pairs to the new numbers (for serialization).
    pub(crate) fn compacted<'a>(
        &self,
        live: impl Iterator<Item = &'a [(u32, u32)]>,
    ) -> (EntityTable, Vec<u32>) {
        let mut used = vec![false; self.spellings.len()];
        for pairs in live {
            for &(s, _) in pairs {
                if let Some(u) = used.get_mut(s as usize) {
                    *u = true;
                }
            }
        }
        let mut out = EntityTable::default();
        let mut remap = vec![u32::MAX; self.spellings.len()];
        for (s, sp) in self.spellings.iter().enumerate() {
            if !used[s] {
                continue;
            }
            let info = &self.entities[sp.entity as usize];
            let e = out.entity(&info.key, info.kind, info.canonical.as_deref());
            let n = out.spelling(e, &sp.text, sp.nisba);
            out.spellings[n as usize].mentions = sp.mentions;
            remap[s] = n;
        }
        (out, remap)
    }
}

/// A name as written, without harakat, Quranic marks and tatweel (so that
/// بْنُ and بن are one spelling in lists).
fn without_marks(text: &str) -> Option<String> {
    let mark = |c: char| matches!(c, '\u{0610}'..='\u{061A}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}');
    // (None when there is none: most names are written without.)
    text.contains(mark).then(|| text.chars().filter(|&c| !mark(c)).collect())
}

/// Documents, mentions and (spelling, mentions) of one entity in a count.
type Tally = (usize, usize, Vec<(u32, usize)>);

/// Whether an earlier pair of the same document names entity `e`.
fn pairs_mention_before(pairs: &[(u32, u32)], s: u32, e: u32, table: &EntityTable) -> bool {
    pairs.iter().take_while(|p| p.0 < s).any(|p| table.entity_of(p.0) == Some(e))
}
