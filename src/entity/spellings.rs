//! SPELLINGS: the name forms of every gazetteer entity, as lists of
//! equivalent spellings for other search engines (synonym lists).

use super::gazetteer::{self, NAME};
use super::tables::{ENTITIES, NAMES};
use super::EntityKind;

/// Every gazetteer entity known under two or more names, with its kind and
/// its name forms (`بكين`, `بيجنغ`, `بيجين`, `بيجينج`, `بيجينغ`), in
/// gazetteer order.
///
/// The forms are folded the way the default [`Normalizer`](crate::Normalizer)
/// leaves them (no harakat or tatweel; أ إ آ → ا, ى → ي, ة → ه), so they
/// match normalized text. Latin abbreviations that count only in capitals
/// (`AFP`) and nisba adjectives are not names and are left out, and so is a
/// form that is also a common word and names the place only after a cue
/// (`صور`, "pictures", for Tyre): search does not expand those either.
///
/// ```
/// use fahras::{gazetteer_spellings, EntityKind};
///
/// let sets = gazetteer_spellings();
/// let beijing = sets.iter().find(|(_, forms)| forms.contains(&"بكين")).unwrap();
/// assert_eq!(beijing.0, EntityKind::Loc);
/// assert!(beijing.1.contains(&"بيجينغ"));
/// ```
pub fn gazetteer_spellings() -> Vec<(EntityKind, Vec<&'static str>)> {
    let mut forms: Vec<Vec<&'static str>> = vec![Vec::new(); ENTITIES.len()];
    for &(form, flag, e) in NAMES {
        let needs_cue = gazetteer::ambiguous(form).is_some_and(|(_, needs_cue)| needs_cue);
        if flag == NAME && !needs_cue {
            if let Some(list) = forms.get_mut(usize::from(e)) {
                list.push(form);
            }
        }
    }
    let mut out = Vec::new();
    for (e, list) in (0u16..).zip(forms) {
        if list.len() >= 2 {
            out.push((gazetteer::entity(e).2, list));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AnalyzerOptions, Normalizer};

    #[test]
    fn every_set_has_two_distinct_normalized_forms_and_no_form_is_shared() {
        let n = Normalizer::new(&AnalyzerOptions::default());
        let sets = gazetteer_spellings();
        assert!(sets.len() > 100, "{}", sets.len());
        let mut all: Vec<&str> = Vec::new();
        for (_, forms) in &sets {
            assert!(forms.len() >= 2, "{forms:?}");
            for f in forms {
                assert_eq!(n.normalize(f), *f);
                all.push(f);
            }
        }
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a form belongs to two entities");
    }

    #[test]
    fn organisations_keep_their_long_and_short_names() {
        let sets = gazetteer_spellings();
        let nato = sets.iter().find(|(_, forms)| forms.contains(&"الناتو")).unwrap();
        assert_eq!(nato.0, EntityKind::Org);
        assert!(nato.1.contains(&"حلف شمال الاطلسي"), "{:?}", nato.1);
    }

    #[test]
    fn forms_that_need_a_cue_are_left_out() {
        let cued: Vec<&str> =
            super::super::tables::AMBIGUOUS.iter().filter(|r| r.2 == 0).map(|r| r.0).collect();
        assert!(!cued.is_empty());
        for (_, forms) in gazetteer_spellings() {
            assert!(forms.iter().all(|f| !cued.contains(f)), "{forms:?}");
        }
    }
}
