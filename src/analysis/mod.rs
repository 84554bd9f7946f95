//! TEXT ANALYSIS: one [`Analyzer`] turns both document text and query text
//! into terms.
//!
//! The pipeline is tokenize → normalize → stem. Tokens keep byte spans into
//! the original text, so snippets show the original (diacritised) words while
//! matching works on the normalized form.

mod normalize;
mod stem;
mod tables;
mod tokenize;

pub(crate) use normalize::default_normalizer;
pub use normalize::{FoldSwitch, NormalizationRule, Normalizer, RuleAction, RULES};
pub use stem::{stem, Stems, ARTICLES, PROTECTED, SUFFIXES};
pub(crate) use tokenize::TokenRef;
pub use tokenize::MAX_TERM_BYTES;

use crate::document::Span;

/// Switches of the analyzer. The defaults favour recall, as Arabic search
/// users expect: every lossy fold is on.
///
/// The lossy folds trade precision for recall: with a fold on, a query
/// written one way finds text written the other way (أستانا and استانا), but
/// two different words that differ only in that letter also meet (rare in
/// practice: مستوى/مستوي are the same word, سئل/سيل are not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyzerOptions {
    /// Fold hamza forms: أ إ آ ٱ → ا, ؤ → و, ئ → ي. Default `true`.
    pub fold_hamza: bool,
    /// Fold alef maksura into yeh: ى → ي. Default `true`.
    pub fold_alef_maksura: bool,
    /// Fold teh marbuta into heh: ة → ه. Default `true`.
    pub fold_teh_marbuta: bool,
    /// Index and match light stems besides the normalized surface form.
    /// Default `true`; with `false` only exact normalized words match.
    pub stem: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> AnalyzerOptions {
        AnalyzerOptions {
            fold_hamza: true,
            fold_alef_maksura: true,
            fold_teh_marbuta: true,
            stem: true,
        }
    }
}

/// One analysed word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The normalized surface form.
    pub term: String,
    /// The primary light stem (equal to `term` when nothing was stripped).
    pub stem: String,
    /// The alternative stem, for words that may start with a proclitic.
    pub alt_stem: Option<String>,
    /// The stem with only a leading conjunction removed, see [`Stems::alt_conj`].
    pub conj_stem: Option<String>,
    /// The key of the two-letter base of a short feminine noun (قمة for
    /// قمته), see [`Stems::base_key`].
    pub base_stem: Option<String>,
    /// Byte range of the word in the original text.
    pub span: Span,
    /// Index of the word among the words of the text.
    pub position: u32,
}

/// Tokenizer, normalizer and stemmer, configured once and shared by the
/// index and the query side.
#[derive(Clone, Debug)]
pub struct Analyzer {
    normalizer: Normalizer,
    classes: tokenize::CharClasses,
    options: AnalyzerOptions,
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new(AnalyzerOptions::default())
    }
}

impl Analyzer {
    /// An analyzer with these options.
    pub fn new(options: AnalyzerOptions) -> Analyzer {
        let normalizer = Normalizer::new(&options);
        Analyzer { classes: tokenize::CharClasses::new(&normalizer), normalizer, options }
    }

    /// The options this analyzer was built with.
    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    /// Normalizes text character by character (see [`RULES`]).
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// The stems of a normalized term, or the term alone when stemming is off.
    pub fn stems<'t>(&self, term: &'t str) -> Stems<'t> {
        if self.options.stem {
            let stems = stem(term);
            // Without the ة fold a word holds ة, and the base's key could
            // be a word (امة).
            if self.options.fold_teh_marbuta {
                stems
            } else {
                stems.without_base()
            }
        } else {
            Stems::whole(term)
        }
    }

    /// Splits `text` into tokens with normalized terms, stems and spans.
    ///
    /// ```
    /// use fahras::Analyzer;
    /// let tokens = Analyzer::default().analyze("وصل الرئيسُ إلى أستانا");
    /// let terms: Vec<_> = tokens.iter().map(|t| t.term.as_str()).collect();
    /// assert_eq!(terms, ["وصل", "الرييس", "الي", "استانا"]);
    /// assert_eq!(&"وصل الرئيسُ إلى أستانا"[tokens[1].span.range()], "الرئيسُ");
    /// ```
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_token(text, |t| {
            let stems = self.stems(t.term);
            out.push(Token {
                term: t.term.to_string(),
                stem: stems.primary.to_string(),
                alt_stem: stems.alt.map(str::to_string),
                conj_stem: stems.alt_conj.map(str::to_string),
                base_stem: stems.base_key().map(str::to_string),
                span: t.span,
                position: t.position,
            });
        });
        out
    }

    /// Streams tokens without allocating per token.
    pub(crate) fn for_each_token(&self, text: &str, mut f: impl FnMut(TokenRef<'_>)) {
        tokenize::for_each_token(&self.normalizer, &self.classes, text, |t| {
            f(t);
            true
        })
    }

    /// Whether `c` disappears under this analyzer's normalization (marks,
    /// tatweel, controls).
    pub(crate) fn is_removed(&self, c: char) -> bool {
        self.normalizer.is_removed(c)
    }

    /// The normalized terms of `text`, in order (one compiled copy of the
    /// tokenizer for every caller that only wants the terms).
    pub(crate) fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_token(text, |t| terms.push(t.term.to_string()));
        terms
    }

    /// Streams tokens until `f` returns `false`.
    pub(crate) fn for_each_token_while(&self, text: &str, f: impl FnMut(TokenRef<'_>) -> bool) {
        tokenize::for_each_token(&self.normalizer, &self.classes, text, f)
    }
}

/// Analyzes text with the default options. See [`Analyzer::analyze`].
pub fn analyze(text: &str) -> Vec<Token> {
    Analyzer::default().analyze(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feminine_base_goes_when_teh_marbuta_is_not_folded() {
        let folded = Analyzer::default();
        assert_eq!(folded.stems("قمته").base_key(), Some("قمة"));
        // Without the fold the key could be a word: امة (nation) for امه.
        let kept = Analyzer::new(AnalyzerOptions { fold_teh_marbuta: false, ..Default::default() });
        assert_eq!(kept.stems("امه").base_key(), None);
        assert_eq!(kept.stems("قمته").base, None);
    }
}
