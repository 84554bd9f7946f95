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
    /// Combining marks that normalization keeps: inside a word, never its
    /// start.
    Joiner,
    /// Harakat, tatweel and invisible controls: inside a word, never its
    /// start, and dropped by normalization (so not even looked up).
    Mark,
    /// Separators.
    Break,
}

/// Characters below this code point are classified through a table: the
/// Latin, Greek, Cyrillic and Arabic blocks and the general punctuation block,
/// where the bidi marks (U+200E, U+200F) that fill some Arabic texts live.
const TABLE_LEN: usize = 0x2070;

/// [`class`] precomputed for the characters below `TABLE_LEN`.
#[derive(Clone, Debug)]
pub(crate) struct CharClasses {
    table: Box<[Class]>,
}

impl CharClasses {
    pub(crate) fn new(normalizer: &Normalizer) -> CharClasses {
        let table = (0..TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).map_or(Class::Break, |c| class(c, normalizer)))
            .collect();
        CharClasses { table }
    }

    #[inline]
    fn of(&self, c: char, normalizer: &Normalizer) -> Class {
        match self.table.get(c as usize) {
            Some(&cls) => cls,
            None => class(c, normalizer),
        }
    }
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
        _ if normalizer.is_removed(c) => Class::Mark,
        0x0300..=0x036F | 0x08CA..=0x08FF => Class::Joiner,
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

/// Calls `f` for every token of `text`, in order, until it returns `false`.
/// Positions count from zero and also count tokens that are too long to
/// index.
pub(crate) fn for_each_token(
    normalizer: &Normalizer,
    classes: &CharClasses,
    text: &str,
    mut f: impl FnMut(TokenRef<'_>) -> bool,
) {
    let mut buf = String::new();
    let mut position = 0u32;
    let mut start = 0usize;
    let mut end = 0usize;
    let mut current: Option<Class> = None;
    // Past MAX_TERM_BYTES the term is not built any further: `buf` holds
    // one char more than the limit, which marks the token as too long.
    // Returns whether to go on.
    let mut flush = |buf: &mut String, start: usize, end: usize, position: &mut u32| -> bool {
        if buf.is_empty() {
            return true;
        }
        let mut go_on = true;
        if buf.len() <= MAX_TERM_BYTES {
            go_on = f(TokenRef { term: buf, span: Span { start, end }, position: *position });
        }
        *position = position.saturating_add(1);
        buf.clear();
        go_on
    };
    for (i, c) in text.char_indices() {
        let cls = classes.of(c, normalizer);
        match (cls, current) {
            (Class::Break, _) => {
                if !flush(&mut buf, start, end, &mut position) {
                    return;
                }
                current = None;
            }
            (Class::Joiner | Class::Mark, None) => {}
            (Class::Mark, Some(_)) => end = i + c.len_utf8(),
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
                if !flush(&mut buf, start, end, &mut position) {
                    return;
                }
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
        for_each_token(&n, &CharClasses::new(&n), text, |t| {
            out.push(t.term.to_string());
            true
        });
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
        for_each_token(&n, &CharClasses::new(&n), &format!("{long} قمة"), |t| {
            got.push((t.term.to_string(), t.position));
            true
        });
        assert_eq!(got, [("قمه".to_string(), 1)]);
    }
}
