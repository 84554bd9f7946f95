//! GAZETTEER: look-ups in the generated tables of [`super::tables`]
//! (`scripts/gen_gazetteer.py` compiles `data/gazetteer/*.tsv`).
//!
//! Every table is sorted by its folded form, so a look-up is one binary
//! search; no automaton is built at run time and nothing is cached.

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
    NAMES.binary_search_by(|&(f, fl, _)| (f, fl).cmp(&(form, flag))).ok().map(|i| NAMES[i].2)
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
    TRIGGERS
        .binary_search_by(|&(f, _, _)| f.cmp(form))
        .ok()
        .map(|i| (EntityKind::from_code(TRIGGERS[i].1), TRIGGERS[i].2))
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
        assert!(TRIGGERS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(AMBIGUOUS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(NAMES.iter().all(|r| usize::from(r.2) < ENTITIES.len()));
        let longest = NAMES.iter().map(|r| r.0.split(' ').count()).max().unwrap_or(0);
        assert!(longest <= MAX_NAME_WORDS, "raise MAX_NAME_WORDS to {longest}");
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
