//! STEMMING: a light Arabic stemmer (prefix and suffix stripping with length
//! guards), in the family of Larkey's light10.
//!
//! It works on *normalized* terms (see [`super::normalize`]), so it sees ا for
//! أ/إ/آ, ي for ى and ه for ة. It returns slices of its input (and a key of
//! six bytes it holds itself) and allocates nothing. It gives these readings:
//!
//! - `primary`: the definite article and its proclitic forms are stripped
//!   (longest first: وبال وكال وفال ولل فال وال بال كال فلل لل ال; the
//!   first one that leaves at least two letters, three for the forms longer
//!   than ال and لل, so that وكالات and والده keep their first letters), then suffixes are stripped repeatedly (the
//!   longest of [`SUFFIXES`] that leaves at least three letters), so that
//!   فلسطيني، فلسطينيين and الفلسطينية all reach the same stem.
//! - `alt`: only for words without an article. A leading و or ف and then
//!   ب، ل or ك could be a proclitic (وقال، لكازاخستان) or a root letter (وزير،
//!   كتاب); without a lexicon the stemmer cannot tell, so it gives both
//!   readings and the index stores both. Each strip must leave three letters.
//!
//! - `base`: the two letters a short feminine noun keeps in all its forms.
//!   Its ة is written ت before a pronoun or the dual ending (قمة، قمته،
//!   قمتها، قمتين), and the suffix rules, which must leave three letters,
//!   stem those apart (قمه, قمت). All give the base قم, which the index keys
//!   as قمة ([`Stems::base_key`]): no word folded with the default options
//!   holds a ة, so the key meets no other stem (قم, the city, stays apart;
//!   [`Analyzer::stems`](crate::Analyzer::stems) drops the base when ة is
//!   not folded). A three-letter word in ه that is no function word gives
//!   it too (سنه, read as سنة), but not after a proclitic (ولديه). Words
//!   with ت of the root get a base that only their own forms share (بيته،
//!   بيتي → بية).
//!
//! Words with anything but Arabic letters, words under three letters and the
//! function words of [`PROTECTED`] are never cut. Golden data:
//! `tests/cases/stem.toml`.

/// Article forms, tried in this order (longest first).
pub const ARTICLES: &[&str] =
    &["وبال", "وكال", "وفال", "ولل", "فال", "وال", "بال", "كال", "فلل", "لل", "ال"];

/// Suffixes: plural, dual, feminine and pronoun endings. The longest one that
/// leaves three letters is stripped, repeatedly. A teh marbuta is written ت
/// before a pronoun (عاصمة → عاصمتها), so ت + pronoun is one suffix: عاصمتها،
/// زيارته، سيارتي and صلاتك reach the stems of عاصمة، زيارة، سيارة and صلاة.
/// (ك alone is no suffix: too many words end in it, ملك، شريك، مبارك.)
pub const SUFFIXES: &[&str] = &[
    "تهما", "تكما", "هما", "كما", "تها", "تهم", "تهن", "تكم", "تنا", "تين", "تان", "ته", "تك",
    "تي", "ها", "هم", "هن", "كم", "كن", "نا", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا",
];

/// Words that look like they carry an article or a suffix but must stay
/// whole: the divine name and common function words. Sorted.
pub const PROTECTED: &[&str] = &[
    "الا",
    "الان",
    "التي",
    "الذي",
    "الذين",
    "اللاتي",
    "اللتان",
    "اللذان",
    "الله",
    "اللهم",
    "الي",
    "اليه",
    "اليها",
    "اليهم",
    "بالله",
    "تلك",
    "ذلك",
    "عليه",
    "عليها",
    "عليهم",
    "فالله",
    "كان",
    "كانت",
    "لدي",
    "لديه",
    "هذا",
    "هذان",
    "هذه",
    "والله",
];

/// Minimum letters left after stripping ال or لل.
const MIN_AFTER_ARTICLE: usize = 2;
/// Minimum letters left after stripping a longer article form (وال، بال …).
const MIN_AFTER_LONG_ARTICLE: usize = 3;
/// Minimum letters left after stripping a suffix or a one-letter proclitic.
const MIN_STEM: usize = 3;

/// The stems of one term, from [`stem`](crate::stem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stems<'a> {
    /// The article-and-suffix stem (the term itself when nothing applies).
    pub primary: &'a str,
    /// The stem read with a leading conjunction and preposition removed, when
    /// the term could carry them and the result differs from `primary`.
    pub alt: Option<&'a str>,
    /// When both a conjunction and a preposition were removed for `alt`, the
    /// stem read with the conjunction alone removed (وكازاخستان is و +
    /// كازاخستان, not و + ك + ازاخستان), when it differs from the others.
    pub alt_conj: Option<&'a str>,
    /// The two-letter base of a short feminine noun, in every form of it
    /// (قمة، قمته، قمتين → قم); the index keys it with [`Stems::base_key`].
    pub base: Option<&'a str>,
    /// `base` and ة: two two-byte letters and a two-byte ة.
    base_key: Option<[u8; 6]>,
}

impl<'a> Stems<'a> {
    /// The term alone, unstemmed.
    pub fn whole(term: &'a str) -> Stems<'a> {
        Stems { primary: term, alt: None, alt_conj: None, base: None, base_key: None }
    }

    /// Every stem that is a slice of the term, primary first (not `base`).
    pub fn iter(&self) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.primary).chain(self.alt).chain(self.alt_conj)
    }

    /// The key of `base` in the index: the base and ة (قمة), which no
    /// normalized term or other stem holds.
    #[inline(never)]
    pub fn base_key(&self) -> Option<&str> {
        self.base_key.as_ref().and_then(|k| std::str::from_utf8(k).ok())
    }

    /// These stems without `base` (for text where ة is not folded, so
    /// that the base's key could be a word).
    pub fn without_base(self) -> Stems<'a> {
        Stems { base: None, base_key: None, ..self }
    }

    /// The keys of the stem lists of the term: its stems, then the base's.
    pub(crate) fn keys(&self) -> [Option<&str>; 4] {
        [Some(self.primary), self.alt, self.alt_conj, self.base_key()]
    }
}

/// Stems a normalized term (light stemming, no lexicon).
///
/// `primary` strips one article form of [`ARTICLES`](crate::ARTICLES) (two
/// letters must remain, three after the forms longer than ال and لل), then
/// repeatedly the longest suffix of [`SUFFIXES`](crate::SUFFIXES) that
/// leaves three letters. For a word without an article, `alt` reads a
/// leading و/ف and then ب/ل/ك as proclitics (each strip must leave three
/// letters), and `alt_conj` reads the و/ف alone when both were stripped.
/// `base` is the two letters a short feminine noun keeps in every form
/// (قمة، قمته، قمتين), keyed as those letters and ة.
/// Words with anything but Arabic letters, words under three letters and
/// the words of [`PROTECTED`](crate::PROTECTED) are returned whole.
///
/// ```
/// let s = fahras::stem("والصينيين");
/// assert_eq!(s.primary, "صين");
/// assert_eq!(fahras::stem("لكازاخستان").alt, Some("كازاخس"));
/// assert_eq!(fahras::stem("عاصمتها").primary, fahras::stem("العاصمه").primary);
/// assert_eq!(fahras::stem("قمتها").base_key(), Some("قمة"));
/// assert_eq!(fahras::stem("القمه").base_key(), Some("قمة"));
/// ```
pub fn stem(term: &str) -> Stems<'_> {
    let whole = Stems::whole(term);
    // Every letter of U+0621..U+064A is two bytes long in UTF-8, so after
    // this check byte lengths are twice the letter counts.
    if !term.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        || letters(term) < MIN_STEM
        || PROTECTED.binary_search(&term).is_ok()
    {
        return whole;
    }
    let (rest, had_article) = strip_article(term);
    let primary = five_nouns(strip_suffixes(rest));
    let (alt_rest, alt_conj) = if had_article { (None, None) } else { alt_reading(term) };
    let alt = alt_rest.map(strip_suffixes);
    let (alt, alt_conj) = (alt.map(five_nouns), alt_conj.map(five_nouns));
    let alt = alt.filter(|a| *a != primary);
    let alt_conj = alt_conj.filter(|c| *c != primary && Some(*c) != alt);
    // (After a proclitic only ت and an ending tells a feminine noun: ولديه
    // is و + لديه, not a form of دية.)
    let base = feminine_base(rest, true).or_else(|| alt_rest.and_then(|r| feminine_base(r, false)));
    let base_key = base.and_then(|b| {
        let [a, b, c, d] = *b.as_bytes() else { return None };
        Some([a, b, c, d, 0xD8, 0xA9]) // ة
    });
    Stems { primary, alt, alt_conj, base, base_key }
}

/// Endings after which ت is the ة of a short feminine noun: pronouns and the
/// dual (قمته، قمتك، قمتنا، قمتين).
const AFTER_TEH: &[&str] =
    &["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ين", "ان", "ه", "ك", "ي"];

/// Function words that end in the pronoun ه (عنه، منه، فيه، لله، هذه، وله،
/// فبه), read as no feminine noun. Sorted.
const NOT_FEMININE: &[&str] =
    &["ان", "عن", "فب", "فل", "في", "كل", "لل", "مع", "من", "هذ", "وب", "ول"];

/// The two-letter base of a short feminine noun written as `word` (without
/// its article): قمه (قمة folded) and قمته، قمتها، قمتين give قم; قمه
/// only when `bare` (not read after a proclitic).
fn feminine_base(word: &str, bare: bool) -> Option<&str> {
    let base = word.get(..4)?;
    let tail = &word[4..];
    let feminine = if tail == "ه" {
        bare && NOT_FEMININE.binary_search(&base).is_err()
    } else {
        tail.strip_prefix('ت').is_some_and(|ending| AFTER_TEH.contains(&ending))
    };
    feminine.then_some(base)
}

/// The case forms of أب and أخ (two of the "five nouns": أبو in the
/// nominative, أبا in the accusative, أبي in the genitive), so that أبو
/// بكر, أبا بكر and أبي بكر meet: each becomes its two-letter base. (ذو
/// and فو are left alone: ذا, ذي and في are other words far more often.)
fn five_nouns(stem: &str) -> &str {
    match stem {
        "ابو" | "ابا" | "ابي" | "اخو" | "اخا" | "اخي" => &stem[..4],
        _ => stem,
    }
}

fn letters(s: &str) -> usize {
    s.len() / 2
}

fn strip_article(word: &str) -> (&str, bool) {
    for article in ARTICLES {
        if let Some(rest) = word.strip_prefix(article) {
            let min = if letters(article) > 2 { MIN_AFTER_LONG_ARTICLE } else { MIN_AFTER_ARTICLE };
            if letters(rest) >= min {
                return (rest, true);
            }
        }
    }
    (word, false)
}

fn strip_suffixes(mut word: &str) -> &str {
    'outer: loop {
        // SUFFIXES is ordered longest first within the lengths that matter.
        let mut best: Option<&str> = None;
        for suffix in SUFFIXES {
            if word.ends_with(suffix)
                && letters(word) - letters(suffix) >= MIN_STEM
                && best.is_none_or(|b| suffix.len() > b.len())
            {
                best = Some(suffix);
            }
        }
        match best {
            Some(suffix) => {
                word = &word[..word.len() - suffix.len()];
                continue 'outer;
            }
            None => return word,
        }
    }
}

/// The reading with a leading و/ف and then ب/ل/ك taken as proclitics (each
/// strip must leave three letters; an article after them goes too), its
/// suffixes not yet stripped, and, when both were taken, the stem with the
/// conjunction alone taken.
fn alt_reading(word: &str) -> (Option<&str>, Option<&str>) {
    let strip = |w: &str, set: &[char]| -> Option<usize> {
        let c = w.chars().next()?;
        (set.contains(&c) && letters(w) > MIN_STEM).then(|| c.len_utf8())
    };
    let after_conj = strip(word, &['و', 'ف']).map(|n| &word[n..]);
    let base = after_conj.unwrap_or(word);
    let after_prep = strip(base, &['ب', 'ل', 'ك']).map(|n| &base[n..]);
    let Some(rest) = after_prep.or(after_conj) else { return (None, None) };
    let conj_only = match (after_conj, after_prep) {
        (Some(c), Some(_)) => Some(strip_suffixes(c)),
        _ => None,
    };
    (Some(strip_al(rest)), conj_only)
}

/// `rest` without a leading ال, when two letters remain.
fn strip_al(rest: &str) -> &str {
    match rest.strip_prefix("ال") {
        Some(after) if letters(after) >= MIN_AFTER_ARTICLE => after,
        _ => rest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_is_sorted_for_binary_search() {
        assert!(PROTECTED.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_FEMININE.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stems_are_slices_of_the_term() {
        for w in ["والمدينه", "فلسطينيين", "وقال", "لكازاخستان", "كتاب"]
        {
            let s = stem(w);
            assert!(w.contains(s.primary));
            assert!(s.iter().all(|a| w.contains(a)));
        }
    }

    #[test]
    fn inflections_of_one_word_share_a_stem() {
        let group = ["فلسطين", "الفلسطيني", "الفلسطينيه", "فلسطينيين", "والفلسطينيون"];
        let stems: Vec<_> = group.iter().map(|w| stem(w).primary).collect();
        assert!(stems.iter().all(|s| *s == "فلسط"), "{stems:?}");
    }
}
