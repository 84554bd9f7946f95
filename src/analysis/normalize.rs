//! ARABIC NORMALIZATION: one table of named rules, compiled into a per-character
//! lookup.
//!
//! Every rule of the specification is an entry of [`RULES`], with its name, the
//! characters it applies to and what it does. [`Normalizer`] compiles the table
//! (and the [`AnalyzerOptions`] switches of the lossy folds) into a lookup array
//! for the Arabic block, so the hot path is one array read per character.
//! Normalization works on single characters: it never moves text around, which
//! is what lets tokens keep byte spans into the original text.

use super::tables::PRESENTATION_FORMS;
use super::AnalyzerOptions;

/// U+0640 ARABIC TATWEEL (kashida), a stretching stroke with no meaning.
pub const TATWEEL: char = '\u{0640}';
/// U+0627 ARABIC LETTER ALEF.
pub const ALEF: char = '\u{0627}';
/// U+0623 ARABIC LETTER ALEF WITH HAMZA ABOVE.
pub const ALEF_WITH_HAMZA_ABOVE: char = '\u{0623}';
/// U+0625 ARABIC LETTER ALEF WITH HAMZA BELOW.
pub const ALEF_WITH_HAMZA_BELOW: char = '\u{0625}';
/// U+0622 ARABIC LETTER ALEF WITH MADDA ABOVE.
pub const ALEF_WITH_MADDA_ABOVE: char = '\u{0622}';
/// U+0671 ARABIC LETTER ALEF WASLA.
pub const ALEF_WASLA: char = '\u{0671}';
/// U+0649 ARABIC LETTER ALEF MAKSURA.
pub const ALEF_MAKSURA: char = '\u{0649}';
/// U+064A ARABIC LETTER YEH.
pub const YEH: char = '\u{064A}';
/// U+0629 ARABIC LETTER TEH MARBUTA.
pub const TEH_MARBUTA: char = '\u{0629}';
/// U+0647 ARABIC LETTER HEH.
pub const HEH: char = '\u{0647}';
/// U+0624 ARABIC LETTER WAW WITH HAMZA ABOVE.
pub const WAW_WITH_HAMZA_ABOVE: char = '\u{0624}';
/// U+0648 ARABIC LETTER WAW.
pub const WAW: char = '\u{0648}';
/// U+0626 ARABIC LETTER YEH WITH HAMZA ABOVE.
pub const YEH_WITH_HAMZA_ABOVE: char = '\u{0626}';
/// U+0643 ARABIC LETTER KAF.
pub const KAF: char = '\u{0643}';

/// What a [`NormalizationRule`] does to the characters it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleAction {
    /// The character is dropped.
    Remove,
    /// The character is replaced by this one.
    Replace(char),
    /// A run of ten digits starting at this code point becomes ASCII `0`–`9`.
    Digits {
        /// The code point of the digit zero of the run.
        zero: u32,
    },
    /// Letters are lowercased (simple, one-to-one case mapping).
    Lowercase,
    /// Presentation forms are replaced by their compatibility (NFKC) expansion,
    /// which is then normalized by the other rules.
    Compatibility,
    /// Fullwidth ASCII (U+FF01–U+FF5E) becomes ASCII.
    FullwidthAscii,
}

/// Which [`AnalyzerOptions`] switch turns a lossy rule on or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FoldSwitch {
    /// [`AnalyzerOptions::fold_hamza`].
    Hamza,
    /// [`AnalyzerOptions::fold_alef_maksura`].
    AlefMaksura,
    /// [`AnalyzerOptions::fold_teh_marbuta`].
    TehMarbuta,
}

/// One normalization rule: a name, the characters it covers and its action.
#[derive(Clone, Copy, Debug)]
pub struct NormalizationRule {
    /// Short stable name, used in tests and documentation.
    pub name: &'static str,
    /// What the rule does and why, for people.
    pub description: &'static str,
    /// Inclusive code point ranges the rule applies to.
    pub ranges: &'static [(u32, u32)],
    /// What happens to those characters.
    pub action: RuleAction,
    /// The option that turns the rule off, for lossy folds; `None` for rules
    /// that are always on.
    pub switch: Option<FoldSwitch>,
}

/// The normalization rules, in the order they are tried (the first rule that
/// covers a character wins).
///
/// - `harakat`: remove the short vowels and other marks U+064B–U+065F and
///   the superscript alef ٰ U+0670.
/// - `quranic_marks`: remove the Quranic annotation signs U+0610–U+061A and
///   U+06D6–U+06ED (small high letters, pause marks).
/// - `tatweel`: remove ـ U+0640.
/// - `format_controls`: remove bidi and zero-width controls (U+200B–U+200F,
///   U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, U+061C, U+00AD).
/// - `alef_hamza_forms` (lossy, [`AnalyzerOptions::fold_hamza`]): أ U+0623,
///   إ U+0625, آ U+0622, ٱ U+0671, ٲ U+0672, ٳ U+0673 → ا U+0627.
/// - `waw_hamza` (lossy, `fold_hamza`): ؤ U+0624 → و U+0648.
/// - `yeh_hamza` (lossy, `fold_hamza`): ئ U+0626 → ي U+064A.
/// - `alef_maksura` (lossy, [`AnalyzerOptions::fold_alef_maksura`]):
///   ى U+0649 → ي U+064A.
/// - `teh_marbuta` (lossy, [`AnalyzerOptions::fold_teh_marbuta`]):
///   ة U+0629 → ه U+0647.
/// - `persian_kaf`: ک U+06A9, ڪ U+06AA → ك U+0643.
/// - `persian_yeh`: ی U+06CC, ې U+06D0, ے U+06D2, ۓ U+06D3 → ي U+064A.
/// - `persian_heh`: ھ U+06BE, ۀ U+06C0, ہ U+06C1, ۂ U+06C2, ۃ U+06C3,
///   ە U+06D5 → ه U+0647.
/// - `arabic_indic_digits`: ٠–٩ U+0660–U+0669 → 0–9.
/// - `persian_digits`: ۰–۹ U+06F0–U+06F9 → 0–9.
/// - `presentation_forms`: U+FB50–U+FDFF and U+FE70–U+FEFF → their NFKC
///   expansion (ﻻ → لا, ﷲ → الله), then the other rules.
/// - `fullwidth_ascii`: ＡＢＣ U+FF01–U+FF5E → ABC.
/// - `latin_lowercase`: Latin (and every other cased) letter → lowercase.
pub static RULES: &[NormalizationRule] = &[
    NormalizationRule {
        name: "harakat",
        description: "short vowels, tanween, shadda, sukun and the superscript alef carry no \
                      meaning for search and are written on some words only",
        ranges: &[(0x064B, 0x065F), (0x0670, 0x0670)],
        action: RuleAction::Remove,
        switch: None,
    },
    NormalizationRule {
        name: "quranic_marks",
        description: "Quranic annotation signs and small high letters",
        ranges: &[(0x0610, 0x061A), (0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED)],
        action: RuleAction::Remove,
        switch: None,
    },
    NormalizationRule {
        name: "tatweel",
        description: "the kashida stretches a word for layout only",
        ranges: &[(TATWEEL as u32, TATWEEL as u32)],
        action: RuleAction::Remove,
        switch: None,
    },
    NormalizationRule {
        name: "format_controls",
        description: "bidi marks, zero-width joiners and spaces, soft hyphen: invisible",
        ranges: &[
            (0x00AD, 0x00AD),
            (0x061C, 0x061C),
            (0x200B, 0x200F),
            (0x202A, 0x202E),
            (0x2060, 0x2064),
            (0x2066, 0x2069),
            (0xFEFF, 0xFEFF),
        ],
        action: RuleAction::Remove,
        switch: None,
    },
    NormalizationRule {
        name: "alef_hamza_forms",
        description: "hamza and madda on alef are often left out in news text (أ إ آ ٱ → ا)",
        ranges: &[
            (ALEF_WITH_MADDA_ABOVE as u32, ALEF_WITH_HAMZA_ABOVE as u32),
            (ALEF_WITH_HAMZA_BELOW as u32, ALEF_WITH_HAMZA_BELOW as u32),
            (ALEF_WASLA as u32, 0x0673),
        ],
        action: RuleAction::Replace(ALEF),
        switch: Some(FoldSwitch::Hamza),
    },
    NormalizationRule {
        name: "waw_hamza",
        description: "ؤ is written و by some writers",
        ranges: &[(WAW_WITH_HAMZA_ABOVE as u32, WAW_WITH_HAMZA_ABOVE as u32)],
        action: RuleAction::Replace(WAW),
        switch: Some(FoldSwitch::Hamza),
    },
    NormalizationRule {
        name: "yeh_hamza",
        description: "ئ is written ي or ى by some writers",
        ranges: &[(YEH_WITH_HAMZA_ABOVE as u32, YEH_WITH_HAMZA_ABOVE as u32)],
        action: RuleAction::Replace(YEH),
        switch: Some(FoldSwitch::Hamza),
    },
    NormalizationRule {
        name: "alef_maksura",
        description: "final ى and ي are used interchangeably (Egyptian spelling writes ي as ى)",
        ranges: &[(ALEF_MAKSURA as u32, ALEF_MAKSURA as u32)],
        action: RuleAction::Replace(YEH),
        switch: Some(FoldSwitch::AlefMaksura),
    },
    NormalizationRule {
        name: "teh_marbuta",
        description: "final ة is often written ه",
        ranges: &[(TEH_MARBUTA as u32, TEH_MARBUTA as u32)],
        action: RuleAction::Replace(HEH),
        switch: Some(FoldSwitch::TehMarbuta),
    },
    NormalizationRule {
        name: "persian_kaf",
        description: "Persian and Urdu keheh forms of kaf",
        ranges: &[(0x06A9, 0x06AA)],
        action: RuleAction::Replace(KAF),
        switch: None,
    },
    NormalizationRule {
        name: "persian_yeh",
        description: "Persian, Urdu and Pashto forms of yeh",
        ranges: &[(0x06CC, 0x06CC), (0x06D0, 0x06D0), (0x06D2, 0x06D3)],
        action: RuleAction::Replace(YEH),
        switch: None,
    },
    NormalizationRule {
        name: "persian_heh",
        description: "Persian and Urdu forms of heh",
        ranges: &[(0x06BE, 0x06BE), (0x06C0, 0x06C3), (0x06D5, 0x06D5)],
        action: RuleAction::Replace(HEH),
        switch: None,
    },
    NormalizationRule {
        name: "arabic_indic_digits",
        description: "Arabic-Indic digits ٠١٢٣٤٥٦٧٨٩ are the same numbers as 0123456789",
        ranges: &[(0x0660, 0x0669)],
        action: RuleAction::Digits { zero: 0x0660 },
        switch: None,
    },
    NormalizationRule {
        name: "persian_digits",
        description: "Extended (Persian) Arabic-Indic digits ۰۱۲۳۴۵۶۷۸۹",
        ranges: &[(0x06F0, 0x06F9)],
        action: RuleAction::Digits { zero: 0x06F0 },
        switch: None,
    },
    NormalizationRule {
        name: "presentation_forms",
        description: "contextual glyph forms from old encodings and PDFs (NFKC)",
        ranges: &[(0xFB50, 0xFDFF), (0xFE70, 0xFEFE)],
        action: RuleAction::Compatibility,
        switch: None,
    },
    NormalizationRule {
        name: "fullwidth_ascii",
        description: "fullwidth Latin letters and digits",
        ranges: &[(0xFF01, 0xFF5E)],
        action: RuleAction::FullwidthAscii,
        switch: None,
    },
    NormalizationRule {
        name: "latin_lowercase",
        description: "Latin (and other cased) letters are matched without case",
        ranges: &[(0x0000, 0x10FFFF)],
        action: RuleAction::Lowercase,
        switch: None,
    },
];

/// Characters below this code point are normalized through the lookup array.
const LOOKUP_LEN: usize = 0x0700;
/// Lookup entry: keep the character as it is.
const KEEP: u32 = u32::MAX;
/// Lookup entry: drop the character.
const DROP: u32 = u32::MAX - 1;
/// Lookup entry: not decided by the array (the slow path decides).
const SLOW: u32 = u32::MAX - 2;

/// The rules of [`RULES`] compiled for one set of [`AnalyzerOptions`].
#[derive(Clone, Debug)]
pub struct Normalizer {
    lookup: Box<[u32]>,
    options: AnalyzerOptions,
}

/// The normalizer of the default options, compiled once (entity and date
/// recognition fold with it whatever the index's options are).
pub(crate) fn default_normalizer() -> &'static Normalizer {
    static DEFAULT: std::sync::OnceLock<Normalizer> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(|| Normalizer::new(&AnalyzerOptions::default()))
}

impl Normalizer {
    /// Compiles the rules for these options.
    pub fn new(options: &AnalyzerOptions) -> Normalizer {
        let mut n = Normalizer {
            lookup: vec![SLOW; LOOKUP_LEN].into_boxed_slice(),
            options: options.clone(),
        };
        for cp in 0..LOOKUP_LEN as u32 {
            let entry = match char::from_u32(cp).and_then(|c| n.rule_for(c)) {
                None => KEEP,
                Some(rule) => match rule.action {
                    RuleAction::Remove => DROP,
                    RuleAction::Replace(to) => to as u32,
                    RuleAction::Digits { zero } => u32::from(b'0') + (cp - zero),
                    RuleAction::Lowercase => simple_lowercase(cp),
                    RuleAction::Compatibility | RuleAction::FullwidthAscii => SLOW,
                },
            };
            n.lookup[cp as usize] = entry;
        }
        n
    }

    /// The first enabled rule that changes `c`, if any.
    fn rule_for(&self, c: char) -> Option<&'static NormalizationRule> {
        let cp = c as u32;
        RULES.iter().find(|rule| {
            self.is_enabled(rule)
                && rule.ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&cp))
                && (rule.action != RuleAction::Lowercase || c.is_uppercase())
                && (rule.action != RuleAction::Compatibility || compatibility(cp).is_some())
        })
    }

    fn is_enabled(&self, rule: &NormalizationRule) -> bool {
        match rule.switch {
            None => true,
            Some(FoldSwitch::Hamza) => self.options.fold_hamza,
            Some(FoldSwitch::AlefMaksura) => self.options.fold_alef_maksura,
            Some(FoldSwitch::TehMarbuta) => self.options.fold_teh_marbuta,
        }
    }

    /// Appends the normalized form of `c` to `out` (nothing when the character
    /// is removed, several characters for a presentation-form ligature).
    #[inline]
    pub fn push_char(&self, c: char, out: &mut String) {
        let cp = c as usize;
        if cp < LOOKUP_LEN {
            match self.lookup[cp] {
                KEEP => out.push(c),
                DROP => {}
                SLOW => self.push_slow(c, out),
                mapped => out.push(char::from_u32(mapped).unwrap_or(c)),
            }
        } else {
            self.push_slow(c, out);
        }
    }

    #[cold]
    fn push_slow(&self, c: char, out: &mut String) {
        let Some(rule) = self.rule_for(c) else {
            out.push(c);
            return;
        };
        let cp = c as u32;
        match rule.action {
            RuleAction::Remove => {}
            RuleAction::Replace(to) => out.push(to),
            RuleAction::Digits { zero } => out.push(char::from(b'0' + (cp - zero) as u8)),
            RuleAction::Lowercase => out.extend(char::from_u32(simple_lowercase(cp))),
            RuleAction::FullwidthAscii => {
                out.extend(char::from_u32(cp - 0xFEE0).map(|a| a.to_ascii_lowercase()))
            }
            RuleAction::Compatibility => {
                for e in compatibility(cp).unwrap_or_default().chars() {
                    // Expansions only hold characters of the Arabic block, which
                    // the lookup array decides without recursion.
                    if (e as usize) < LOOKUP_LEN && self.lookup[e as usize] != SLOW {
                        self.push_char(e, out);
                    } else {
                        out.push(e);
                    }
                }
            }
        }
    }

    /// Normalizes a whole string, character by character (spaces and
    /// punctuation are kept as they are).
    pub fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            self.push_char(c, &mut out);
        }
        out
    }

    /// Whether `c` disappears under normalization (marks, tatweel, controls).
    #[inline]
    pub fn is_removed(&self, c: char) -> bool {
        let cp = c as usize;
        if cp < LOOKUP_LEN {
            self.lookup[cp] == DROP
        } else {
            self.rule_for(c).is_some_and(|r| r.action == RuleAction::Remove)
        }
    }
}

/// The lowercase of a code point. The one letter whose lowercase is two
/// characters, İ U+0130, becomes i (its combining dot is dropped).
fn simple_lowercase(cp: u32) -> u32 {
    let Some(c) = char::from_u32(cp) else { return cp };
    c.to_lowercase().next().map_or(cp, |l| l as u32)
}

/// The NFKC expansion of a presentation form.
fn compatibility(cp: u32) -> Option<&'static str> {
    PRESENTATION_FORMS.binary_search_by_key(&cp, |&(k, _)| k).ok().map(|i| PRESENTATION_FORMS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalizer::new(&AnalyzerOptions::default()).normalize(s)
    }

    #[test]
    fn every_rule_has_a_unique_name_and_a_description() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert!(RULES.iter().all(|r| !r.description.is_empty() && !r.ranges.is_empty()));
    }

    #[test]
    fn table_rules_apply() {
        let cases = [
            ("قمّة", "قمه"),
            ("إقليميّة", "اقليميه"),
            ("الـقـمـة", "القمه"),
            ("مستوى", "مستوي"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("٢٠٢٤", "2024"),
            ("۱۹", "19"),
            ("ﻻ", "لا"),
            ("ﷲ", "الله"),
            ("CNN", "cnn"),
            ("ＣＮＮ", "cnn"),
            ("\u{200F}بكين\u{200E}", "بكين"),
            ("کتاب", "كتاب"),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input), want, "input {input:?}");
        }
    }

    #[test]
    fn lossy_folds_can_be_turned_off() {
        let opts = AnalyzerOptions {
            fold_hamza: false,
            fold_alef_maksura: false,
            fold_teh_marbuta: false,
            ..AnalyzerOptions::default()
        };
        let n = Normalizer::new(&opts);
        assert_eq!(n.normalize("أستانا مستوى قمّة"), "أستانا مستوى قمة");
    }

    #[test]
    fn normalize_is_idempotent_on_every_char_of_the_arabic_blocks() {
        let n = Normalizer::new(&AnalyzerOptions::default());
        for cp in (0x0600..0x0800).chain(0xFB50..0xFF00) {
            let Some(c) = char::from_u32(cp) else { continue };
            let once = n.normalize(&c.to_string());
            assert_eq!(n.normalize(&once), once, "U+{cp:04X}");
        }
    }
}
