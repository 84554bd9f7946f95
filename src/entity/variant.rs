//! VARIANT MERGING: one key for the spellings of one foreign name.
//!
//! [`variant_key`] folds the name with the default [`Normalizer`], returns
//! the gazetteer id when the gazetteer knows the name (this covers exonyms
//! and old names from `aliases.tsv`: بكين = بيجينغ, أستانا = نور سلطان), and
//! otherwise builds a phonetic key:
//!
//! 1. the article ال is dropped at the start of each word;
//! 2. the letters of [`VARIANT_RULES`] are mapped to one symbol per sound;
//! 3. the long-vowel letters ا و ي are dropped, except as the first letter of
//!    the name; a word-final ه (a folded ة) is dropped;
//! 4. doubled letters are collapsed;
//! 5. the spaces between name parts are dropped (جين بينغ = جينبينغ).

use super::gazetteer::{self, NAME};
use crate::Normalizer;

/// The letter classes of the phonetic key: (letters, replacement, why).
/// Letters are folded first, so ة ى أ do not appear here.
pub const VARIANT_RULES: &[(&str, &str, &str)] = &[
    ("عبدال", "عبد", "عبدالفتاح = عبد الفتاح: the article of a joined compound name"),
    ("تش", "ش", "ch: تشيلي = شيلي"),
    ("تس", "ز", "ts/tz/z: شولتس = شولتز = شولز"),
    ("تز", "ز", "ts/tz/z: شولتس = شولتز = شولز"),
    ("\u{0686}", "غ", "چ U+0686 che, written ج by the press (عراقچي = عراقجي)"),
    ("\u{067E}", "ب", "پ U+067E pe: the press writes p as ب"),
    ("\u{06A4}", "ف", "ڤ U+06A4 ve: the press writes v as ف"),
    ("\u{06AF}", "غ", "گ U+06AF gaf: a hard g"),
    ("ج", "غ", "g: Egyptian usage writes ج where the Levant writes غ (أنجولا = أنغولا)"),
    ("ق", "غ", "g/q/k: Chinese g is written ق or غ (قوه جيا كون = غوه جيا كون), k as ق or ك"),
    ("ك", "غ", "g/k: foreign g and k are written ك, ق, غ or ج (كوانغتشو = قوانغتشو, كازينفورم = قازينفورم)"),
    ("ح", "ه", "h: foreign h is written ه or ح (هاكان = حقان)"),
    ("ص", "س", "s: foreign s is written س or ص"),
    ("ط", "ت", "t: foreign t is written ت or ط"),
    ("ض", "ز", "z: Persian and Turkic ض is z (ميرضيائيف = ميرزيوييف)"),
    ("ظ", "ز", "z: foreign z is written ز or ظ"),
    ("ذ", "ز", "z: foreign z is written ز or ذ"),
    ("ث", "س", "th/s: foreign s is sometimes written ث"),
];

/// Word-final letters mapped after [`VARIANT_RULES`]: (letter, replacement, why).
pub const FINAL_RULES: &[(char, char, &str)] =
    &[('\u{0634}', '\u{0633}', "final sh/s: غوتيريش = غوتيريس (Portuguese s)")];

/// The long-vowel letters dropped inside a name: ا و ي.
const LONG_VOWELS: [char; 3] = ['\u{0627}', '\u{0648}', '\u{064A}'];

fn normalizer() -> &'static Normalizer {
    crate::analysis::default_normalizer()
}

/// `name` normalized, with single spaces between words.
fn fold(n: &Normalizer, name: &str) -> String {
    // Dots separate the letters of initials: أ.ف.ب = أ ف ب.
    n.normalize(name)
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The gazetteer entity a folded name denotes, with or without ال.
pub(crate) fn resolve(folded: &str) -> Option<u16> {
    gazetteer::lookup(folded, NAME).or_else(|| match folded.strip_prefix("ال") {
        Some(rest) if rest.chars().count() > 2 => gazetteer::lookup(rest, NAME),
        _ => None,
    })
}

fn strip_articles(folded: &str) -> String {
    folded.split(' ').map(|w| w.strip_prefix("ال").unwrap_or(w)).collect::<Vec<_>>().join(" ")
}

/// Whether two names with one phonetic key write different long vowels
/// after the same consonant (هوبي / هيبي, هاينان / هونان): و in one where
/// the other has ي and no و.
fn vowels_clash(fa: &str, fb: &str) -> bool {
    let (va, vb) = (vowel_slots(fa), vowel_slots(fb));
    va.iter().zip(&vb).any(|(a, b)| (a.0 && !b.0 && b.1 && !a.1) || (a.1 && !b.1 && b.0 && !a.0))
}

/// For each consonant of the phonetic key: (و follows it, ي follows it).
fn vowel_slots(folded: &str) -> Vec<(bool, bool)> {
    let mut slots: Vec<(bool, bool)> = Vec::new();
    for c in phonetic_with_vowels(folded).chars() {
        match c {
            '\u{0648}' => {
                if let Some(s) = slots.last_mut() {
                    s.0 = true;
                }
            }
            '\u{064A}' => {
                if let Some(s) = slots.last_mut() {
                    s.1 = true;
                }
            }
            '\u{0627}' => {}
            _ => slots.push((false, false)),
        }
    }
    slots
}

/// The phonetic key of an already folded name (steps 1–5 of the module docs).
pub(crate) fn phonetic_key(folded: &str) -> String {
    key_of(folded, false)
}

/// The phonetic key with the long vowels kept (for [`vowels_clash`]).
fn phonetic_with_vowels(folded: &str) -> String {
    key_of(folded, true)
}

fn key_of(folded: &str, keep_vowels: bool) -> String {
    let mut mapped = String::with_capacity(folded.len());
    for (w, word) in folded.split_whitespace().enumerate() {
        let word = match word.strip_prefix("ال") {
            Some(rest) if rest.chars().count() > 1 => rest,
            _ => word,
        };
        let word = word.strip_suffix('\u{0647}').filter(|r| r.chars().count() > 1).unwrap_or(word);
        let mut rest = word;
        let mut first = w == 0;
        'chars: while let Some(c) = rest.chars().next() {
            for &(from, to, _) in VARIANT_RULES {
                // (The first letter first: a string compare per rule and
                // letter cost a short query about 5% natively.)
                let (f, r) = (from.as_bytes(), rest.as_bytes());
                if f[0] != r[0] || f.get(1) != r.get(1) {
                    continue;
                }
                if let Some(after) = rest.strip_prefix(from) {
                    mapped.push_str(to);
                    rest = after;
                    first = false;
                    continue 'chars;
                }
            }
            let c = match FINAL_RULES.iter().find(|r| r.0 == c) {
                Some(&(_, to, _)) if rest.len() == c.len_utf8() => to,
                _ => c,
            };
            if first || keep_vowels || !LONG_VOWELS.contains(&c) {
                mapped.push(c);
            }
            first = false;
            rest = &rest[c.len_utf8()..];
        }
    }
    let mut key = String::with_capacity(mapped.len());
    let mut last = None;
    for c in mapped.chars() {
        if last != Some(c) {
            key.push(c);
        }
        last = Some(c);
    }
    key
}

/// A key shared by the spelling variants of one name: the gazetteer id when
/// the gazetteer knows the name, else its phonetic key (module docs).
///
/// ```
/// use fahras::variant_key;
///
/// assert_eq!(variant_key("شي جين بينغ"), variant_key("شى جينبينج"));
/// assert_eq!(variant_key("بيجينغ"), variant_key("بكين"));
/// assert_ne!(variant_key("كازاخستان"), variant_key("قرغيزستان"));
/// ```
pub fn variant_key(name: &str) -> String {
    let folded = fold(normalizer(), name);
    match resolve(&folded) {
        Some(e) => gazetteer::entity(e).0.to_string(),
        None => phonetic_key(&folded),
    }
}

/// Whether two spellings name the same entity: same [`variant_key`], same
/// phonetic key, or one is a gazetteer name whose entity has a spelling with
/// the other's phonetic key.
pub fn same_entity(a: &str, b: &str) -> bool {
    let n = normalizer();
    let (fa, fb) = (fold(n, a), fold(n, b));
    let (ha, hb) = (without_head(&fa), without_head(&fb));
    let (ta, tb) = (without_tail(&fa), without_tail(&fb));
    if (ta.is_some() || tb.is_some()) && same_folded(ta.unwrap_or(&fa), tb.unwrap_or(&fb)) {
        return true;
    }
    if (ha.is_some() || hb.is_some()) && same_folded(ha.unwrap_or(&fa), hb.unwrap_or(&fb)) {
        return true;
    }
    same_folded(&fa, &fb)
}

/// A name without its leading organisation or place head word
/// (`منظمة`, `وزارة`, `بحر`, `دولة`), when it has more words.
fn without_head(folded: &str) -> Option<&str> {
    let (head, rest) = folded.split_once(' ')?;
    let role = gazetteer::trigger(head)?.1;
    (role == gazetteer::ROLE_ORG_HEAD || HEADS.contains(&head)).then_some(rest)
}

/// A name without a trailing generic adjective ([`TAILS`]).
fn without_tail(folded: &str) -> Option<&str> {
    let (rest, tail) = folded.rsplit_once(' ')?;
    TAILS.contains(&tail).then_some(rest)
}

/// Trailing adjectives that news drops from organisation names (folded):
/// صندوق النقد [الدولي].
const TAILS: &[&str] = &["الدولي", "الدوليه"];

/// Place heads dropped by [`same_entity`] (folded): a sea or a state named
/// with or without the word.
const HEADS: &[&str] = &["بحر", "دوله", "نهر", "جبل", "بحيره"];

fn same_folded(fa: &str, fb: &str) -> bool {
    let (ea, eb) = (resolve(fa), resolve(fb));
    if let (Some(x), Some(y)) = (ea, eb) {
        return x == y;
    }
    // A known name and another one that differs from it only by the
    // article are two names (اليونان / يونان, الأمازون / أمازون).
    if ea.is_some() != eb.is_some() && fa != fb && strip_articles(fa) == strip_articles(fb) {
        return false;
    }
    let (pa, pb) = (phonetic_key(fa), phonetic_key(fb));
    if pa == pb {
        return !vowels_clash(fa, fb);
    }
    let via = |e: Option<u16>, p: &str| {
        e.is_some_and(|e| gazetteer::forms_of(e, NAME).any(|f| phonetic_key(f) == p))
    };
    via(ea, &pb) || via(eb, &pa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_a_key() {
        for (a, b) in [
            ("شي جين بينغ", "شي جينبينج"),
            ("بوتين", "بوتن"),
            ("بزشكيان", "پزشكيان"),
            ("عراقجي", "عراقچي"),
            ("زيلينسكي", "زيلنسكي"),
        ] {
            assert!(same_entity(a, b), "{a} / {b}: {} {}", variant_key(a), variant_key(b));
        }
    }

    #[test]
    fn hostile_input_gives_a_key_without_panicking() {
        for s in ["", " ", "ال", "ـــ", "\u{064B}", "a\u{0301}", "تش", "ءءء"] {
            let _ = variant_key(s);
            let _ = same_entity(s, s);
        }
    }
}
