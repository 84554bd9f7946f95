//! TOKENIZATION: splits original text into word spans, normalizes each one.
//!
//! A token is a maximal run of word characters: Arabic letters, digits and
//! other letters (Latin and any script with alphanumeric characters). Marks,
//! tatweel and zero-width or bidi controls continue a token but never start
//! one. A change between Arabic letters and Latin letters or digits ends a
//! token (`2024م` → `2024` `م`; `CNN` beside Arabic is its own token), while
//! Latin letters and digits stay together (`COP29`, `5G`). Everything else —
//! spaces, Arabic punctuation ، ؛ ؟ « », hyphens, quotes — separates tokens.
//!
//! Spans are byte ranges into the original text; the normalized term is built
//! per token, so no filter ever changes an offset.

use super::normalize::Normalizer;
use crate::document::Span;

/// Tokens whose normalized form is longer than this many bytes are not
/// indexed (binary junk, base64 blobs, run-together URLs): they still take a
/// position, so phrases do not match across them.
pub const MAX_TERM_BYTES: usize = 120;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Arabic-script letters (including presentation forms).
    Arabic,
    /// Digits and non-Arabic letters.
    Alnum,
    /// Marks, tatweel and invisible controls: inside a word, never its start.
    Joiner,
    /// Separators.
    Break,
}

fn class(c: char, normalizer: &Normalizer) -> Class {
    let cp = c as u32;
    match cp {
        0x0621..=0x063F | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 => {
            Class::Arabic
        }
        0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9 => {
            Class::Arabic
        }
        0xFB50..=0xFD3D | 0xFD50..=0xFDF9 | 0xFDFC | 0xFE70..=0xFEFC => Class::Arabic,
        0x0660..=0x0669 | 0x06F0..=0x06F9 => Class::Alnum,
        0x200C | 0x200D => Class::Joiner,
        0x0300..=0x036F | 0x08CA..=0x08FF => Class::Joiner,
        _ if normalizer.is_removed(c) => Class::Joiner,
        _ if c.is_alphanumeric() => Class::Alnum,
        _ => Class::Break,
    }
}

/// A token as the tokenizer hands it out: the normalized term lives in a
/// buffer that is reused for the next token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenRef<'a> {
    pub term: &'a str,
    pub span: Span,
    pub position: u32,
}

/// Calls `f` for every token of `text`, in order. Positions count from zero
/// and also count tokens that are too long to index.
pub(crate) fn for_each_token(normalizer: &Normalizer, text: &str, mut f: impl FnMut(TokenRef<'_>)) {
    let mut buf = String::new();
    let mut position = 0u32;
    let mut start = 0usize;
    let mut end = 0usize;
    let mut current: Option<Class> = None;
    // Past MAX_TERM_BYTES the term is not built any further: `buf` holds
    // one char more than the limit, which marks the token as too long.
    let mut flush = |buf: &mut String, start: usize, end: usize, position: &mut u32| {
        if buf.is_empty() {
            return;
        }
        if buf.len() <= MAX_TERM_BYTES {
            f(TokenRef { term: buf, span: Span { start, end }, position: *position });
        }
        *position = position.saturating_add(1);
        buf.clear();
    };
    for (i, c) in text.char_indices() {
        let cls = class(c, normalizer);
        match (cls, current) {
            (Class::Break, _) => {
                flush(&mut buf, start, end, &mut position);
                current = None;
            }
            (Class::Joiner, None) => {}
            (Class::Joiner, Some(_)) => {
                if buf.len() <= MAX_TERM_BYTES {
                    normalizer.push_char(c, &mut buf);
                }
                end = i + c.len_utf8();
            }
            (letter, Some(cur)) if letter == cur => {
                if buf.len() <= MAX_TERM_BYTES {
                    normalizer.push_char(c, &mut buf);
                }
                end = i + c.len_utf8();
            }
            (letter, _) => {
                flush(&mut buf, start, end, &mut position);
                current = Some(letter);
                start = i;
                end = i + c.len_utf8();
                normalizer.push_char(c, &mut buf);
            }
        }
    }
    flush(&mut buf, start, end, &mut position);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzerOptions;

    fn terms(text: &str) -> Vec<String> {
        let n = Normalizer::new(&AnalyzerOptions::default());
        let mut out = Vec::new();
        for_each_token(&n, text, |t| out.push(t.term.to_string()));
        out
    }

    #[test]
    fn splits_on_arabic_punctuation_and_script_changes() {
        assert_eq!(terms("الصين، روسيا؛ الهند؟"), ["الصين", "روسيا", "الهند"]);
        assert_eq!(terms("«شنغهاي»"), ["شنغهاي"]);
        assert_eq!(terms("2024م"), ["2024", "م"]);
        assert_eq!(terms("COP29 و5G"), ["cop29", "و", "5g"]);
        assert_eq!(terms("كوفيد-19"), ["كوفيد", "19"]);
    }

    #[test]
    fn marks_and_tatweel_stay_inside_the_word() {
        assert_eq!(terms("الْعَاصِمَة الـقـمـة"), ["العاصمه", "القمه"]);
        assert_eq!(terms("\u{064E} ب"), ["ب"]);
    }

    #[test]
    fn an_overlong_token_is_skipped_but_counted() {
        let long = "ب".repeat(500);
        let n = Normalizer::new(&AnalyzerOptions::default());
        let mut got = Vec::new();
        for_each_token(&n, &format!("{long} قمة"), |t| {
            got.push((t.term.to_string(), t.position))
        });
        assert_eq!(got, [("قمه".to_string(), 1)]);
    }
}
