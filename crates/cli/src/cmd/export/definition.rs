//! The Elasticsearch index definition that `fahras export` writes as
//! `index.json`: analysis settings generated from fahras' normalization
//! rules and gazetteer, and the mappings of the exported fields.
//!
//! The analyzers, in order of their steps:
//!
//! - `fahras_normalize` (`mapping` char filter): one rule per character that
//!   a rule of [`fahras::RULES`] changes, to what [`Normalizer`] makes of it
//!   (harakat, tatweel and controls removed, hamza forms, ى, ة, Persian
//!   letters, digits, presentation forms, fullwidth Latin);
//! - `fahras_script_boundary` (`pattern_replace` char filter): a space
//!   between an Arabic letter and a Latin letter or digit, where fahras ends
//!   a word (`2024م` → `2024` `م`);
//! - the `standard` tokenizer, then `lowercase` (the rule of the table that
//!   applies to every script);
//! - `fahras_arabic` adds `arabic_stem`; `fahras_arabic_search` adds
//!   `fahras_spellings` after it, a `synonym_graph` of the spellings of
//!   names; `fahras_arabic_exact` stops after `lowercase`;
//! - the `fahras_folded` normalizer (`fahras_normalize` and `lowercase`)
//!   folds keyword values.

use std::collections::HashSet;

use fahras::{NormalizationRule, Normalizer, RuleAction};
use serde_json::{json, Value};

/// The index-time analyzer of `title` and `text`.
pub(crate) const ANALYZER: &str = "fahras_arabic";
/// The search-time analyzer of `title` and `text`: [`ANALYZER`] and the
/// spelling synonyms.
pub(crate) const SEARCH_ANALYZER: &str = "fahras_arabic_search";
/// The analyzer of the `exact` subfields: normalized words, not stemmed.
const EXACT_ANALYZER: &str = "fahras_arabic_exact";
/// The `mapping` char filter generated from the normalization rules.
const NORMALIZE: &str = "fahras_normalize";
/// The char filter that separates Arabic letters from Latin letters and digits.
const SCRIPT_BOUNDARY: &str = "fahras_script_boundary";
/// The `synonym_graph` filter of name spellings.
const SPELLINGS: &str = "fahras_spellings";
/// The keyword normalizer: normalized and lowercased, not tokenized.
const FOLDED: &str = "fahras_folded";

/// Where fahras' tokenizer ends a word and Unicode word boundaries do not:
/// between an Arabic letter and a letter of another script or a digit (in
/// Java regular expression syntax; the digits are ASCII by then).
const SCRIPT_BOUNDARY_PATTERN: &str = concat!(
    r"(?<=[\p{IsArabic}&&\p{L}])(?=[\p{L}\p{N}&&[^\p{IsArabic}]])",
    "|",
    r"(?<=[\p{L}\p{N}&&[^\p{IsArabic}]])(?=[\p{IsArabic}&&\p{L}])",
);

/// Keyword values longer than this many characters are kept in `_source`
/// but not indexed: Lucene refuses a term over 32,766 bytes, which is 8,191
/// characters of four bytes.
const MAX_KEYWORD_CHARS: usize = 8191;

/// The formats of the `date` field: a day, a month or a year.
pub(crate) const DATE_FORMATS: &str = "strict_date||strict_year_month||strict_year";

/// Normalization rules as Elasticsearch analysis.
#[derive(Debug)]
pub(crate) struct CharMappings {
    /// Rules of a `mapping` char filter, `from=>to`: a character that is
    /// not a letter or digit, or that normalization removes, is written as
    /// `\uXXXX` (UTF-16 units), so nothing invisible or combining stands
    /// in the file and no space is trimmed away.
    pub rules: Vec<String>,
    /// Whether the rules lowercase letters, which the `lowercase` token
    /// filter does for every script.
    pub lowercase: bool,
}

/// The `mapping` rules of `rules`: every character a rule covers becomes
/// what `normalizer` makes of it, if that differs (the first rule covering
/// a character decides, as in [`Normalizer`]; a fold that the normalizer's
/// options turn off gives no rule). A lowercasing rule becomes the
/// `lowercase` token filter instead, since it covers every character.
pub(crate) fn char_mappings(rules: &[NormalizationRule], normalizer: &Normalizer) -> CharMappings {
    let mut out = CharMappings { rules: Vec::new(), lowercase: false };
    let mut seen = HashSet::new();
    for rule in rules {
        if rule.action == RuleAction::Lowercase {
            out.lowercase = true;
            continue;
        }
        for &(lo, hi) in rule.ranges {
            for c in (lo..=hi).filter_map(char::from_u32) {
                if !seen.insert(c) {
                    continue;
                }
                let to = normalizer.normalize(c.encode_utf8(&mut [0; 4]));
                if to.chars().ne(std::iter::once(c)) {
                    out.rules.push(format!(
                        "{}=>{}",
                        escape(&c.to_string(), normalizer),
                        escape(&to, normalizer)
                    ));
                }
            }
        }
    }
    out
}

/// `s` for a mapping rule: letters and digits as they are, anything else
/// as `\uXXXX`.
fn escape(s: &str, normalizer: &Normalizer) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() && !normalizer.is_removed(c) {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out += &format!("\\u{unit:04X}");
            }
        }
    }
    out
}

/// Sets of spellings that name one entity, for the `synonym_graph` filter.
/// A form belongs to one set at most, so that no two entities are joined
/// through a form they share.
#[derive(Debug, Default)]
pub(crate) struct SpellingSets {
    sets: Vec<Vec<String>>,
    seen: HashSet<String>,
}

impl SpellingSets {
    /// The gazetteer's sets ([`fahras::gazetteer_spellings`]).
    pub(crate) fn with_gazetteer() -> SpellingSets {
        let mut sets = SpellingSets::default();
        for (_, forms) in fahras::gazetteer_spellings() {
            sets.add(forms.iter().map(|f| f.to_string()).collect());
        }
        sets
    }

    /// Adds one set of equivalent normalized forms. A form already in a
    /// set, or that cannot stand in a synonym rule, is dropped; fewer than
    /// two forms left add nothing.
    pub(crate) fn add(&mut self, forms: Vec<String>) {
        let mut fresh: Vec<String> = Vec::new();
        for f in forms {
            let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
            if is_usable(&f) && !self.seen.contains(&f) && !fresh.contains(&f) {
                fresh.push(f);
            }
        }
        if fresh.len() >= 2 {
            self.seen.extend(fresh.iter().cloned());
            self.sets.push(fresh);
        }
    }

    /// The sets as synonym rules in Solr format: `بكين, بيجنغ, بيجينغ`.
    pub(crate) fn lines(&self) -> Vec<String> {
        self.sets.iter().map(|forms| forms.join(", ")).collect()
    }
}

/// Whether `form` can stand in a Solr synonym rule as it is: it has a
/// letter or digit, and none of the characters the rule syntax uses.
fn is_usable(form: &str) -> bool {
    form.chars().any(char::is_alphanumeric)
        && !form.contains([',', '=', '>', '\\', '#'])
        && form.chars().count() <= 100
}

/// The index definition: the body of `PUT /<index>`.
pub(crate) fn index_definition(mappings: &CharMappings, synonyms: &[String]) -> Value {
    let mut folded: Vec<&str> = Vec::new();
    if mappings.lowercase {
        folded.push("lowercase");
    }
    let mut stemmed = folded.clone();
    stemmed.push("arabic_stem");
    let mut search = stemmed.clone();
    search.push(SPELLINGS);
    let analyzer = |filters: &[&str]| {
        json!({
            "type": "custom",
            "char_filter": [NORMALIZE, SCRIPT_BOUNDARY],
            "tokenizer": "standard",
            "filter": filters,
        })
    };
    json!({
        "settings": {
            "analysis": {
                "char_filter": {
                    NORMALIZE: { "type": "mapping", "mappings": mappings.rules },
                    SCRIPT_BOUNDARY: {
                        "type": "pattern_replace",
                        "pattern": SCRIPT_BOUNDARY_PATTERN,
                        "replacement": " ",
                    },
                },
                "filter": {
                    SPELLINGS: { "type": "synonym_graph", "synonyms": synonyms, "lenient": true },
                },
                "analyzer": {
                    ANALYZER: analyzer(&stemmed),
                    SEARCH_ANALYZER: analyzer(&search),
                    EXACT_ANALYZER: analyzer(&folded),
                },
                "normalizer": {
                    FOLDED: { "type": "custom", "char_filter": [NORMALIZE], "filter": folded },
                },
            },
        },
        "mappings": { "properties": properties() },
    })
}

/// The field mappings of the exported documents.
fn properties() -> Value {
    let text = json!({
        "type": "text",
        "analyzer": ANALYZER,
        "search_analyzer": SEARCH_ANALYZER,
        "fields": { "exact": { "type": "text", "analyzer": EXACT_ANALYZER } },
    });
    let keyword = json!({ "type": "keyword", "ignore_above": MAX_KEYWORD_CHARS });
    let folded_keyword = json!({
        "type": "keyword",
        "ignore_above": MAX_KEYWORD_CHARS,
        "fields": {
            "folded": {
                "type": "keyword",
                "normalizer": FOLDED,
                "ignore_above": MAX_KEYWORD_CHARS,
            },
        },
    });
    json!({
        "id": keyword,
        "title": text,
        "text": text,
        "source": folded_keyword,
        "place": folded_keyword,
        "url": keyword,
        "date": { "type": "date", "format": DATE_FORMATS },
        "date_text": keyword,
        "duplicate_of": keyword,
        "entities": {
            "type": "nested",
            "properties": {
                "name": folded_keyword,
                "type": keyword,
                "variants": folded_keyword,
                "mentions": { "type": "integer" },
            },
        },
        "persons": folded_keyword,
        "places": folded_keyword,
        "organisations": folded_keyword,
        "dates": keyword,
        "date_ranges": { "type": "date_range", "format": "strict_date" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fahras::AnalyzerOptions;
    use std::collections::HashMap;

    fn normalizer() -> Normalizer {
        Normalizer::new(&AnalyzerOptions::default())
    }

    /// Applies mapping rules the way Elasticsearch reads them (`\uXXXX`
    /// escapes, sides trimmed), then lowercases.
    fn apply(rules: &[String], lowercase: bool, text: &str) -> String {
        let unescape = |s: &str| {
            let mut units = Vec::new();
            let mut rest = s.trim();
            while !rest.is_empty() {
                if let Some(hex) = rest.strip_prefix("\\u") {
                    units.push(u16::from_str_radix(&hex[..4], 16).unwrap());
                    rest = &hex[4..];
                } else {
                    let c = rest.chars().next().unwrap();
                    units.extend(c.encode_utf16(&mut [0; 2]).iter());
                    rest = &rest[c.len_utf8()..];
                }
            }
            String::from_utf16(&units).unwrap()
        };
        let map: HashMap<String, String> = rules
            .iter()
            .map(|r| {
                let (from, to) = r.rsplit_once("=>").unwrap();
                (unescape(from), unescape(to))
            })
            .collect();
        assert_eq!(map.len(), rules.len(), "a character is mapped twice");
        let mapped: String = text
            .chars()
            .map(|c| map.get(&c.to_string()).cloned().unwrap_or_else(|| c.to_string()))
            .collect();
        if lowercase {
            mapped.to_lowercase()
        } else {
            mapped
        }
    }

    #[test]
    fn mapping_rules_fold_hamza_and_remove_tatweel_and_harakat() {
        let m = char_mappings(fahras::RULES, &normalizer());
        for rule in ["أ=>ا", "إ=>ا", "آ=>ا", "ى=>ي", "ة=>ه", "ک=>ك", "٣=>3", "ﻻ=>لا", "Ａ=>a"]
        {
            assert!(m.rules.iter().any(|r| r == rule), "{rule} missing");
        }
        for removed in ["\\u0640=>", "\\u064E=>", "\\u0651=>", "\\u200C=>", "\\u200F=>"] {
            assert!(m.rules.contains(&removed.to_string()), "{removed} missing");
        }
        assert!(m.lowercase);
    }

    #[test]
    fn mapping_rules_and_lowercase_reproduce_the_normalizer_on_the_arabic_blocks() {
        let n = normalizer();
        let m = char_mappings(fahras::RULES, &n);
        let blocks = (0x0600..0x0700).chain(0x0750..0x0780).chain(0xFB50..0xFF00);
        for cp in blocks.chain(0xFF00..0xFF66).chain(0x2000..0x2070) {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = c.to_string();
            assert_eq!(apply(&m.rules, m.lowercase, &s), n.normalize(&s), "U+{cp:04X}");
        }
        let text = "الـقـمّـة الإقليميّة في «أستانا» ٢٠٢٤ ﷲ CNN\u{200F}";
        assert_eq!(apply(&m.rules, m.lowercase, text), n.normalize(text));
    }

    #[test]
    fn folds_turned_off_give_no_mapping_rule() {
        let opts = AnalyzerOptions { fold_hamza: false, ..AnalyzerOptions::default() };
        let m = char_mappings(fahras::RULES, &Normalizer::new(&opts));
        assert!(!m.rules.iter().any(|r| r.starts_with('أ')));
        assert!(m.rules.iter().any(|r| r == "ى=>ي"));
    }

    #[test]
    fn rules_without_lowercase_give_no_lowercase_filter() {
        let rules = [NormalizationRule {
            name: "tatweel",
            description: "",
            ranges: &[(0x0640, 0x0640)],
            action: RuleAction::Remove,
            switch: None,
        }];
        let m = char_mappings(&rules, &normalizer());
        assert_eq!(m.rules, ["\\u0640=>"]);
        assert!(!m.lowercase);
        let def = index_definition(&m, &[]);
        let filters = &def["settings"]["analysis"]["analyzer"][ANALYZER]["filter"];
        assert_eq!(filters, &json!(["arabic_stem"]));
    }

    #[test]
    fn a_form_belongs_to_one_set_at_most() {
        let mut sets = SpellingSets::with_gazetteer();
        let before = sets.lines().len();
        assert!(sets.lines().iter().any(|l| l.starts_with("بكين, ") && l.contains("بيجينغ")));
        sets.add(vec!["بيجينغ".into(), "بيكين".into()]);
        sets.add(vec!["a, b".into(), "شركه".into(), "  ".into()]);
        assert_eq!(sets.lines().len(), before);
        sets.add(vec!["مراد نورتليو".into(), "مراد  نورتلو".into(), "مراد نورتليو".into()]);
        sets.add(vec!["مراد نورتلو".into(), "نورتليو".into()]);
        let lines = sets.lines();
        assert_eq!(lines.len(), before + 1);
        assert_eq!(lines[before], "مراد نورتليو, مراد نورتلو");
    }
}
