//! ENTITY EXTRACTION: people, places and organisations in Arabic news text,
//! and the merging of their spelling variants.
//!
//! - [`extract_entities`] finds [`EntityMention`]s: gazetteer names (places,
//!   organisations, exonyms and a few well-known people, from
//!   `data/gazetteer/`), nisba adjectives as places, and names after title
//!   and organisation trigger words.
//! - [`variant_key`] / [`same_entity`] decide whether two spellings name the
//!   same entity (letter classes, long vowels, joined parts, exonyms).
//! - [`merge_entities`] groups mentions into [`Entity`]s with a canonical form
//!   and the spellings seen, with counts.
//! - [`score_entities`] measures all this on a labelled article
//!   ([`EntityScores`]).

mod gazetteer;
mod quality;
mod recognize;
mod spellings;
mod tables;
mod variant;

pub use quality::{score_entities, EntityScores, TypeCounts};
pub use recognize::extract_entities;
pub(crate) use recognize::NAME_PARTICLES;
pub use spellings::gazetteer_spellings;
pub use variant::{same_entity, variant_key, FINAL_RULES, VARIANT_RULES};

use crate::document::Span;

/// At most this many other spellings are searched for one name.
pub const MAX_NAME_VARIANTS: usize = 16;

/// The other spellings the gazetteer knows for a folded name ("بكين" →
/// "بيجينغ", "بيجين" …), each folded and split into words; empty when the
/// name is not in the gazetteer. Used by search so that a name finds every
/// spelling of it.
pub(crate) fn other_spellings(folded: &str) -> Vec<Vec<String>> {
    // A form that is also a common word (صور, الخبر) names a place only
    // with a cue; a query gives none.
    if gazetteer::ambiguous(folded).is_some_and(|(_, needs_cue)| needs_cue) {
        return Vec::new();
    }
    let Some(e) = variant::resolve(folded) else { return Vec::new() };
    let bare = folded.strip_prefix("ال").unwrap_or(folded);
    let mut out: Vec<Vec<String>> = Vec::new();
    for form in gazetteer::forms_of(e, gazetteer::NAME) {
        let form_bare = form.strip_prefix("ال").unwrap_or(form);
        let words: Vec<String> = form.split(' ').map(str::to_string).collect();
        if form == folded || form_bare == bare || out.contains(&words) {
            continue;
        }
        out.push(words);
        if out.len() == MAX_NAME_VARIANTS {
            break;
        }
    }
    out
}

/// The type of an entity. GPE is folded into [`EntityKind::Loc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Per,
    /// A place: country, city, region, sea, river.
    Loc,
    /// An organisation: international body, ministry, company, agency, party.
    Org,
}

impl EntityKind {
    /// The usual three-letter label: `PER`, `LOC` or `ORG`.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Loc => "LOC",
            EntityKind::Org => "ORG",
        }
    }

    /// The kind of a label (`PER`, `LOC`, `ORG`, and `GPE` as `LOC`).
    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label {
            "PER" => Some(EntityKind::Per),
            "LOC" | "GPE" => Some(EntityKind::Loc),
            "ORG" => Some(EntityKind::Org),
            _ => None,
        }
    }

    fn from_code(code: u8) -> EntityKind {
        match code {
            0 => EntityKind::Per,
            1 => EntityKind::Loc,
            _ => EntityKind::Org,
        }
    }
}

/// One occurrence of a name in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Byte span in the original text. It includes an attached clitic
    /// (و ف ب ل ك and their combinations: `وبكين`, `للأمم المتحدة`) and
    /// never a title word.
    pub span: Span,
    /// The type.
    pub kind: EntityKind,
    /// The name as written, without the attached clitic (`بكين` for
    /// `وبكين`; `الأمم المتحدة` for `للأمم المتحدة`).
    pub text: String,
    /// The entity key: the gazetteer id when the name is known, otherwise
    /// its [`variant_key`]. Mentions of one entity share a key.
    pub key: String,
    /// The gazetteer's canonical form, when the name is known.
    pub canonical: Option<String>,
    /// Whether the mention is a nisba adjective standing for its place
    /// (`الكازاخستاني` → Kazakhstan).
    pub nisba: bool,
}

/// The mentions of one entity, merged by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The shared key of the mentions.
    pub key: String,
    /// The type (of the first mention).
    pub kind: EntityKind,
    /// The gazetteer canonical form, or else the most frequent spelling
    /// (nisba adjectives do not count when a name was seen).
    pub canonical: String,
    /// Every spelling seen (as written, without clitics) with its count, most
    /// frequent first.
    pub variants: Vec<(String, usize)>,
    /// The number of mentions.
    pub mentions: usize,
}

/// Groups mentions by [`EntityMention::key`], in order of first mention.
///
/// ```
/// use fahras::{extract_entities, merge_entities};
///
/// let text = "وصل الرئيس شي جين بينغ إلى أستانا، وقال شي جينبينغ إن بكين وبيجينغ شريكتان.";
/// let entities = merge_entities(&extract_entities(text));
/// let beijing = entities.iter().find(|e| e.canonical == "بكين").unwrap();
/// assert_eq!(beijing.mentions, 2);
/// ```
pub fn merge_entities(mentions: &[EntityMention]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut gazetteer: Vec<Option<String>> = Vec::new();
    for m in mentions {
        let at = match out.iter().position(|e| e.key == m.key) {
            Some(at) => at,
            None => {
                out.push(Entity {
                    key: m.key.clone(),
                    kind: m.kind,
                    canonical: String::new(),
                    variants: Vec::new(),
                    mentions: 0,
                });
                gazetteer.push(None);
                out.len() - 1
            }
        };
        let e = &mut out[at];
        e.mentions += 1;
        if gazetteer[at].is_none() {
            gazetteer[at].clone_from(&m.canonical);
        }
        match e.variants.iter_mut().find(|(v, _)| *v == m.text) {
            Some((_, n)) => *n += 1,
            None => e.variants.push((m.text.clone(), 1)),
        }
    }
    for (e, canonical) in out.iter_mut().zip(gazetteer) {
        e.variants.sort_by_key(|v| std::cmp::Reverse(v.1));
        e.canonical = match canonical {
            Some(c) => c,
            None => e.variants.first().map(|(v, _)| v.clone()).unwrap_or_default(),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_counts_spellings_and_prefers_the_gazetteer_form() {
        let m = extract_entities("زار بيجينغ ثم بكين ثم بيجين.");
        let e = merge_entities(&m);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].canonical, "بكين");
        assert_eq!(e[0].mentions, 3);
        assert_eq!(e[0].variants.len(), 3);
    }
}
