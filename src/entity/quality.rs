//! ENTITY QUALITY: scores [`extract_entities`] on a labelled article, the way
//! `tests/entities/README.md` defines it.
//!
//! Gold mentions carry no offsets: each is placed by searching the article
//! forward from the end of the previous one for the first occurrence of its
//! text that is a whole word sequence (no letter, digit, mark or tatweel on
//! either side). A predicted mention is correct when its span and type equal
//! a gold mention's. Variant merging is scored pairwise over the gold
//! mentions that were found: two of them are merged when their predicted
//! keys are equal, and should be when their gold `entity` slugs are.

use super::{extract_entities, EntityKind};
use crate::document::Span;

/// Mention counts of one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Gold mentions.
    pub gold: usize,
    /// Predicted mentions.
    pub predicted: usize,
    /// Predicted mentions with the span and type of a gold mention.
    pub correct: usize,
}

impl TypeCounts {
    /// Correct over predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct over gold (1 when there is no gold mention).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn add(&mut self, other: TypeCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The scores of one or more articles; [`EntityScores::add`] sums them.
#[derive(Clone, Debug)]
pub struct EntityScores {
    /// Articles scored.
    pub articles: usize,
    /// Counts per type, in the order PER, LOC, ORG.
    pub by_kind: [(EntityKind, TypeCounts); 3],
    /// For every gold mention that was found: (gold entity slug, predicted key),
    /// with the article number so keys of different articles stay apart only
    /// when they differ.
    pub found: Vec<(String, String)>,
    /// Misses and false alarms, one line each (`article: kind "text"`).
    pub problems: Vec<String>,
}

impl Default for EntityScores {
    fn default() -> EntityScores {
        EntityScores {
            articles: 0,
            by_kind: [EntityKind::Per, EntityKind::Loc, EntityKind::Org]
                .map(|k| (k, TypeCounts::default())),
            found: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl EntityScores {
    /// Adds the scores of other articles.
    pub fn add(&mut self, other: EntityScores) {
        self.articles += other.articles;
        for (mine, theirs) in self.by_kind.iter_mut().zip(other.by_kind) {
            mine.1.add(theirs.1);
        }
        self.found.extend(other.found);
        self.problems.extend(other.problems);
    }

    /// Counts over all types.
    pub fn overall(&self) -> TypeCounts {
        let mut all = TypeCounts::default();
        for (_, c) in &self.by_kind {
            all.add(*c);
        }
        all
    }

    /// Pairwise merging (precision, recall, F1) over the found gold mentions.
    pub fn merging(&self) -> (f64, f64, f64) {
        let (mut both, mut predicted, mut gold) = (0usize, 0usize, 0usize);
        for (i, (ga, ka)) in self.found.iter().enumerate() {
            for (gb, kb) in &self.found[i + 1..] {
                let (g, k) = (ga == gb, ka == kb);
                both += usize::from(g && k);
                predicted += usize::from(k);
                gold += usize::from(g);
            }
        }
        let (p, r) = (ratio(both, predicted), ratio(both, gold));
        (p, r, f1(p, r))
    }
}

/// Whether `c` may not touch a gold mention (README: letter, digit, mark, tatweel).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '\u{0640}'
        || ('\u{064B}'..='\u{065F}').contains(&c)
        || ('\u{0610}'..='\u{061A}').contains(&c)
        || ('\u{06D6}'..='\u{06ED}').contains(&c)
        || c == '\u{0670}'
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The first whole-word occurrence of `needle` in `text` at or after `from`.
fn place(text: &str, needle: &str, from: usize) -> Option<Span> {
    let mut at = from;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find(needle)) {
        let start = at + found;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            return Some(Span { start, end });
        }
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Scores the article `text` (named `name` in problems) against its
/// `.expected.json` (`{"mentions": [{"text", "type", "entity"}, …]}`).
///
/// # Errors
///
/// When the expectation is not valid JSON of that shape, or a gold mention
/// cannot be placed in the text.
pub fn score_entities(name: &str, text: &str, expected: &str) -> Result<EntityScores, String> {
    let json: serde_json::Value =
        serde_json::from_str(expected).map_err(|e| format!("{name}: {e}"))?;
    let list = json
        .get("mentions")
        .and_then(|m| m.as_array())
        .ok_or(format!("{name}: no \"mentions\" list"))?;
    let mut gold: Vec<(Span, EntityKind, String)> = Vec::new();
    let mut from = 0;
    for m in list {
        let field = |k: &str| {
            m.get(k).and_then(|v| v.as_str()).ok_or(format!("{name}: a mention without {k:?}"))
        };
        let (t, kind, slug) = (field("text")?, field("type")?, field("entity")?);
        let kind = EntityKind::from_label(kind).ok_or(format!("{name}: unknown type {kind:?}"))?;
        let span = place(text, t, from)
            .ok_or(format!("{name}: gold {t:?} not found after byte {from}"))?;
        from = span.end;
        gold.push((span, kind, slug.to_string()));
    }
    let predicted = extract_entities(text);
    let mut scores = EntityScores { articles: 1, ..EntityScores::default() };
    for (kind, counts) in &mut scores.by_kind {
        counts.gold = gold.iter().filter(|g| g.1 == *kind).count();
        counts.predicted = predicted.iter().filter(|p| p.kind == *kind).count();
    }
    let mut matched = vec![false; predicted.len()];
    for (span, kind, slug) in &gold {
        let hit = predicted.iter().position(|p| p.span == *span && p.kind == *kind);
        match hit {
            Some(i) => {
                matched[i] = true;
                if let Some(c) = scores.by_kind.iter_mut().find(|c| c.0 == *kind) {
                    c.1.correct += 1;
                }
                scores.found.push((slug.clone(), predicted[i].key.clone()));
            }
            None => scores.problems.push(format!(
                "{name}: missed {} {:?}",
                kind.label(),
                &text[span.range()]
            )),
        }
    }
    for (p, _) in predicted.iter().zip(&matched).filter(|(_, m)| !**m) {
        scores.problems.push(format!(
            "{name}: extra {} {:?}",
            p.kind.label(),
            &text[p.span.range()]
        ));
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_spans_are_placed_on_whole_words_in_order() {
        let text = "بكينية بكين ثم بكين";
        assert_eq!(place(text, "بكين", 0).map(|s| s.start), Some(13));
        let second = place(text, "بكين", 21).unwrap();
        assert_eq!(&text[second.range()], "بكين");
        assert!(second.start > 13);
    }

    #[test]
    fn a_perfect_prediction_scores_one() {
        let text = "زار الرئيس الصيني بكين.";
        let gold = r#"{"mentions": [{"text": "الصيني", "type": "LOC", "entity": "china"},
                        {"text": "بكين", "type": "LOC", "entity": "beijing"}]}"#;
        let s = score_entities("t", text, gold).unwrap();
        assert_eq!(s.overall().f1(), 1.0, "{:?}", s.problems);
        assert_eq!(s.merging().2, 1.0);
    }
}
