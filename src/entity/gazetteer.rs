//! GAZETTEER: look-ups in the generated tables of [`super::tables`]
//! (`scripts/gen_gazetteer.py` compiles `data/gazetteer/*.tsv`).
//!
//! Every table is sorted by its folded form. The names and trigger
//! phrases are also found by hash ([`Phrases`], built on first use); the
//! other tables by binary search.

use super::tables::{AMBIGUOUS, ENTITIES, NAMES, TRIGGERS};
use super::EntityKind;

/// A gazetteer name ([`NAMES`] flag).
pub(crate) const NAME: u8 = 0;
/// A nisba stem: masculine singular without the article ([`NAMES`] flag).
pub(crate) const NISBA: u8 = 1;
/// A Latin abbreviation that only counts written in capitals ([`NAMES`] flag).
pub(crate) const UPPER: u8 = 2;

/// Trigger roles ([`TRIGGERS`]).
pub(crate) const ROLE_TITLE: u8 = 0;
pub(crate) const ROLE_BEFORE_NAME: u8 = 1;
pub(crate) const ROLE_ORG_HEAD: u8 = 3;

/// The longest gazetteer name, in words (the recognizer tries no longer span).
pub(crate) const MAX_NAME_WORDS: usize = 10;

/// The entity named by the folded `form` with this flag.
pub(crate) fn lookup(form: &str, flag: u8) -> Option<u16> {
    let p = phrases().get(form)?;
    names_from(p.name, form).find(|&(fl, _)| fl == flag).map(|(_, e)| e)
}

/// The entity named by the folded `form` with this flag, and whether a
/// longer name starts with `form` and a space (so a longer span is worth
/// trying).
pub(crate) fn lookup_prefix(form: &str, flag: u8) -> (Option<u16>, bool) {
    let Some(p) = phrases().get(form) else { return (None, false) };
    let found = names_from(p.name, form).find(|&(fl, _)| fl == flag).map(|(_, e)| e);
    (found, p.longer_name)
}

/// The flags and entities of the [`NAMES`] rows of `form`, which sort
/// together from row `at`.
fn names_from(at: u32, form: &str) -> impl Iterator<Item = (u8, u16)> + '_ {
    NAMES
        .get(at as usize..)
        .unwrap_or_default()
        .iter()
        .take_while(move |r| r.0 == form)
        .map(|r| (r.1, r.2))
}

/// No row ([`Phrase`]).
const NO_ROW: u32 = u32::MAX;

/// A name or trigger phrase of the tables, or the first words of one.
struct Phrase {
    /// The phrase (a prefix of a table form).
    text: &'static str,
    /// The first [`NAMES`] row of exactly this form, or [`NO_ROW`].
    name: u32,
    /// The [`TRIGGERS`] row of exactly this form, or [`NO_ROW`].
    trigger: u32,
    /// Whether a name continues this phrase after a space.
    longer_name: bool,
    /// Whether a trigger phrase continues it after a space.
    longer_trigger: bool,
}

/// Every form of [`NAMES`] and [`TRIGGERS`], and every run of their first
/// words, in an open-addressing table by [`hash`]: the recognizer looks up
/// a phrase with one hash and one comparison, where a binary search of the
/// tables compared a dozen strings (a call to `memcmp` each in wasm).
struct Phrases {
    /// Index + 1 into `entries`; 0 for an empty slot.
    slots: Vec<u32>,
    entries: Vec<Phrase>,
}

impl Phrases {
    fn new() -> Phrases {
        let mut table = Phrases { slots: vec![0; 8192], entries: Vec::new() };
        let names = NAMES.iter().map(|r| (r.0, true));
        for (row, (form, is_name)) in names.chain(TRIGGERS.iter().map(|r| (r.0, false))).enumerate()
        {
            let row = if is_name { row } else { row - NAMES.len() } as u32;
            let e = table.entry(form);
            let exact = if is_name { &mut e.name } else { &mut e.trigger };
            if *exact == NO_ROW {
                *exact = row;
            }
            for (at, _) in form.match_indices(' ') {
                let e = table.entry(&form[..at]);
                if is_name {
                    e.longer_name = true;
                } else {
                    e.longer_trigger = true;
                }
            }
        }
        table
    }

    /// The slot of `text`: its entry's, or the empty one it would take.
    fn slot(&self, text: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash(text) as usize & mask;
        loop {
            match self.slots[i] {
                0 => return i,
                e if self.entries[e as usize - 1].text == text => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn entry(&mut self, text: &'static str) -> &mut Phrase {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            let size = self.slots.len() * 2;
            self.slots = vec![0; size];
            for (n, e) in self.entries.iter().enumerate() {
                let i = self.slot(e.text);
                self.slots[i] = n as u32 + 1;
            }
        }
        let i = self.slot(text);
        if self.slots[i] == 0 {
            self.entries.push(Phrase {
                text,
                name: NO_ROW,
                trigger: NO_ROW,
                longer_name: false,
                longer_trigger: false,
            });
            self.slots[i] = self.entries.len() as u32;
        }
        let n = self.slots[i] as usize - 1;
        &mut self.entries[n]
    }

    fn get(&self, text: &str) -> Option<&Phrase> {
        let e = self.slots[self.slot(text)];
        e.checked_sub(1).map(|n| &self.entries[n as usize])
    }
}

fn phrases() -> &'static Phrases {
    static TABLE: std::sync::OnceLock<Phrases> = std::sync::OnceLock::new();
    TABLE.get_or_init(Phrases::new)
}

/// A set of words kept as sorted 64-bit hashes: a quick "certainly not"
/// before the string look-ups (a false "maybe" only costs the look-up).
/// A 256-bit filter of the hashes' low bits answers most words at once.
pub(crate) struct WordSet {
    hashes: Vec<u64>,
    filter: [u64; 4],
}

impl WordSet {
    pub(crate) fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordSet {
        let mut hashes: Vec<u64> = words.map(hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        let mut filter = [0u64; 4];
        for &h in &hashes {
            filter[(h >> 6) as usize & 3] |= 1 << (h & 63);
        }
        WordSet { hashes, filter }
    }

    /// Whether a word of this [`hash`] may be in the set.
    pub(crate) fn contains_hash(&self, h: u64) -> bool {
        self.filter[(h >> 6) as usize & 3] & (1 << (h & 63)) != 0
            && self.hashes.binary_search(&h).is_ok()
    }
}

/// A 64-bit hash of a word, eight bytes at a time (the term dictionary's:
/// the words of a text are hashed once each, on the recognizer's hot path).
pub(crate) use crate::index::hash_term as hash;

/// The first word of a gazetteer name ([`WordKinds`] bit).
pub(crate) const K_NAME: u8 = 1;
/// The first word of a nisba stem.
pub(crate) const K_NISBA: u8 = 2;
/// The first word of a trigger phrase.
pub(crate) const K_TRIGGER: u8 = 4;

/// Word lists merged into one open-addressing table of hashes: per word, a
/// bit per list it starts an entry of. One look-up per word tells which
/// tables are worth searching (a hash collision only costs the search).
pub(crate) struct WordKinds {
    /// Per slot, 24 bits of the word's hash (never all zero) above its 8
    /// bits of lists; 0 for an empty slot. Four bytes a slot keep the table
    /// (64 KB) in the processor's cache.
    slots: Vec<u32>,
    mask: usize,
}

impl WordKinds {
    /// The slot tag of a hash: bits the slot index does not use.
    fn tag(h: u64) -> u32 {
        ((h >> 40) as u32 | 1) << 8
    }

    pub(crate) fn new<'a>(words: impl Iterator<Item = (&'a str, u8)>) -> WordKinds {
        let words: Vec<(u64, u8)> = words.map(|(w, k)| (hash(w), k)).collect();
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordKinds { slots: vec![0; size], mask: size - 1 };
        for (h, k) in words {
            let tag = WordKinds::tag(h);
            let mut i = h as usize & table.mask;
            loop {
                let slot = &mut table.slots[i];
                if *slot == 0 || *slot & !0xFF == tag {
                    *slot |= tag | u32::from(k);
                    break;
                }
                i = (i + 1) & table.mask;
            }
        }
        table
    }

    /// The bits of the word with this [`hash`].
    pub(crate) fn get(&self, h: u64) -> u8 {
        let tag = WordKinds::tag(h);
        let mut i = h as usize & self.mask;
        loop {
            let slot = self.slots[i];
            if slot & !0xFF == tag {
                return slot as u8;
            }
            if slot == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The first words of the gazetteer's names, nisba stems and triggers,
/// with their [`WordKinds`] bits.
pub(crate) fn first_words() -> impl Iterator<Item = (&'static str, u8)> {
    let first = |s: &'static str| s.split(' ').next().unwrap_or("");
    let names =
        NAMES.iter().map(move |n| (first(n.0), if n.1 == NISBA { K_NISBA } else { K_NAME }));
    names.chain(TRIGGERS.iter().map(move |t| (first(t.0), K_TRIGGER)))
}

/// The id, canonical form and kind of entity `e`.
pub(crate) fn entity(e: u16) -> (&'static str, &'static str, EntityKind) {
    match ENTITIES.get(usize::from(e)) {
        Some(&(id, canonical, kind)) => (id, canonical, EntityKind::from_code(kind)),
        None => ("", "", EntityKind::Loc),
    }
}

/// The folded forms of entity `e` with this flag.
pub(crate) fn forms_of(e: u16, flag: u8) -> impl Iterator<Item = &'static str> {
    NAMES.iter().filter(move |&&(_, fl, x)| x == e && fl == flag).map(|&(f, _, _)| f)
}

/// The type and role of a folded trigger phrase.
pub(crate) fn trigger(form: &str) -> Option<(EntityKind, u8)> {
    trigger_prefix(form).0
}

/// [`trigger`], and whether a longer trigger phrase starts with `form` and
/// a space (as [`lookup_prefix`]).
pub(crate) fn trigger_prefix(form: &str) -> (Option<(EntityKind, u8)>, bool) {
    let Some(p) = phrases().get(form) else { return (None, false) };
    let found = TRIGGERS
        .get(p.trigger as usize)
        .map(|&(_, kind, role)| (EntityKind::from_code(kind), role));
    (found, p.longer_trigger)
}

/// The readings of an ambiguous folded form (default first) and whether it
/// needs a cue at all.
pub(crate) fn ambiguous(form: &str) -> Option<(&'static [u16], bool)> {
    AMBIGUOUS
        .binary_search_by(|&(f, _, _)| f.cmp(form))
        .ok()
        .map(|i| (AMBIGUOUS[i].1, AMBIGUOUS[i].2 == 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AnalyzerOptions, Normalizer};

    #[test]
    fn every_table_form_is_already_folded_by_the_normalizer() {
        let n = Normalizer::new(&AnalyzerOptions::default());
        let forms = NAMES.iter().map(|r| r.0).chain(TRIGGERS.iter().map(|r| r.0));
        for f in forms.chain(AMBIGUOUS.iter().map(|r| r.0)) {
            assert_eq!(n.normalize(f), f, "scripts/gen_gazetteer.py folds {f:?} differently");
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(NAMES.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        // Strictly: `Phrases` keeps one row per trigger form.
        assert!(TRIGGERS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(AMBIGUOUS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(NAMES.iter().all(|r| usize::from(r.2) < ENTITIES.len()));
        let longest = NAMES.iter().map(|r| r.0.split(' ').count()).max().unwrap_or(0);
        assert!(longest <= MAX_NAME_WORDS, "raise MAX_NAME_WORDS to {longest}");
    }

    #[test]
    fn phrase_look_ups_agree_with_a_scan_of_the_tables() {
        // Every form, every run of its first words, and near misses.
        let mut probes: Vec<String> = Vec::new();
        for form in NAMES.iter().map(|r| r.0).chain(TRIGGERS.iter().map(|r| r.0)) {
            probes.push(form.to_string());
            probes.extend(form.match_indices(' ').map(|(at, _)| form[..at].to_string()));
            probes.push(format!("{form}ه"));
            probes.push(format!("{form} "));
            probes.push(form.chars().skip(1).collect());
        }
        probes.extend(["", " ", "الصين الشعبيه الكبرى", "x"].map(String::from));
        let continues = |f: &str, p: &str| {
            f.len() > p.len() && f.starts_with(p) && f.as_bytes()[p.len()] == b' '
        };
        for p in &probes {
            for flag in [NAME, NISBA, UPPER] {
                let named = NAMES.iter().find(|r| r.0 == p && r.1 == flag).map(|r| r.2);
                let longer = NAMES.iter().any(|r| continues(r.0, p));
                assert_eq!(lookup_prefix(p, flag), (named, longer), "{p:?} {flag}");
                assert_eq!(lookup(p, flag), named, "{p:?} {flag}");
            }
            let trig =
                TRIGGERS.iter().find(|r| r.0 == p).map(|r| (EntityKind::from_code(r.1), r.2));
            let longer = TRIGGERS.iter().any(|r| continues(r.0, p));
            assert_eq!(trigger_prefix(p), (trig, longer), "{p:?}");
        }
    }

    #[test]
    fn names_nisbas_and_exonyms_resolve_to_one_place() {
        let china = lookup("الصين", NAME).unwrap();
        assert_eq!(entity(china).0, "china");
        assert_eq!(lookup("صيني", NISBA), Some(china));
        assert_eq!(lookup("بيجينغ", NAME), lookup("بكين", NAME));
        let folded = Normalizer::new(&AnalyzerOptions::default()).normalize("الرئيس");
        assert_eq!(trigger(&folded).map(|t| t.0), Some(EntityKind::Per));
    }
}
