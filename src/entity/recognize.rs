//! RECOGNITION: gazetteer names, nisba adjectives and trigger rules over
//! folded tokens, in three linear passes.
//!
//! 1. **Gazetteer.** At each token, the longest gazetteer name (up to
//!    [`MAX_NAME_WORDS`](super::gazetteer::MAX_NAME_WORDS) words) is taken,
//!    trying the token as written and without an attached clitic
//!    ([`CLITICS`]). Forms of `ambiguous.tsv` with the `cue` rule count only
//!    after a place or organisation trigger or at the start of a line (a
//!    dateline). Otherwise a nisba adjective is reduced to its stem
//!    ([`NISBA_SUFFIXES`]) and looked up as a place, unless it names a
//!    language ([`LANGUAGE_CUES`]).
//! 2. **Triggers.** After a title (`الرئيس`, `وزير الخارجية`, …) and any
//!    place, organisation or nisba that qualifies it, 1–3 name-like tokens
//!    (not in [`STOP_WORDS`]) are a person; a stop word between the title
//!    and the name ends the search, and a title word right after عبد is
//!    the second half of a name (`عبد الملك`), no title. A ministry word with a nisba
//!    (`وزارة الخارجية الروسية`, `الخارجية الروسية`) is an organisation; so
//!    are the name-like words after a descriptor (`شركة هواوي` → `هواوي`).
//! 3. **Surnames.** A later lone token equal to the first or last part of a
//!    multi-word person name gets that person's key (a particle, or the
//!    الله that ends a theophoric name, is no such part).

use super::gazetteer::{
    self, WordKinds, WordSet, K_NAME, K_NISBA, K_TRIGGER, MAX_NAME_WORDS, NAME, NISBA,
    ROLE_BEFORE_NAME, ROLE_ORG_HEAD, ROLE_TITLE, UPPER,
};
use super::variant::{phonetic_key, resolve};
use super::{EntityKind, EntityMention};
use crate::document::Span;
use crate::Normalizer;
use std::borrow::Cow;

/// Attached clitics stripped before matching (folded), longest first. A
/// clitic ending in `لل` stands for ل + ال with the alef dropped.
pub const CLITICS: &[&str] =
    &["ولل", "فلل", "وب", "ول", "وك", "فب", "فل", "لل", "و", "ف", "ب", "ل", "ك"];

/// Nisba endings (folded) reduced to the masculine singular ي, longest first:
/// feminine ية, dual يان يتان يين يتين, plural يون يين يات, accusative يا.
pub const NISBA_SUFFIXES: &[&str] = &["يتين", "يتان", "يون", "يين", "يان", "يات", "يه", "يا", "ي"];

/// Words before a nisba that make it a language or an origin, not a place
/// (`اللغة الروسية`, `من أصل روسي`), folded.
pub const LANGUAGE_CUES: &[&str] = &["اللغه", "لغه", "باللغه", "اصل", "بلغه"];

/// Ministry words that, with a country nisba, name a ministry (folded).
pub const MINISTRIES: &[&str] = &[
    "الخارجيه",
    "الدفاع",
    "الداخليه",
    "الماليه",
    "الاقتصاد",
    "الطاقه",
    "التجاره",
    "الزراعه",
    "الصحه",
    "العدل",
    "النفط",
    "الاستثمار",
    "النقل",
    "الخزانه",
];

/// Particles inside foreign and Arabic names, not counted as name parts
/// (`أورسولا فون دير لاين`, `محمد ولد الغزواني`), folded.
pub const NAME_PARTICLES: &[&str] = &[
    "فون", "دير", "دي", "دا", "ولد", "فان", "لا", "بن", "ابن", "بنت", "ابو", "ابي", "ابا", "ام",
    "ال", "عبد",
];

/// National bodies named by a phrase and a country nisba (`البنك المركزي
/// المصري`), folded.
pub const BODIES: &[&str] = &["البنك المركزي", "المصرف المركزي"];

/// Place cues followed by a name that is not in the gazetteer (`معبر
/// خورغوس`, `بحيرة بلخاش`), folded: (cue, whether the cue is part of the name).
pub const PLACE_CUES: &[(&str, bool)] = &[
    ("مدينه", false),
    ("معبر", false),
    ("ميناء", false),
    ("محافظه", false),
    ("ولايه", false),
    ("اقليم", false),
    ("مقاطعه", false),
    ("بلده", false),
    ("قريه", false),
    ("بحيره", false),
    ("نهر", false),
    ("بحر", true),
];

/// Descriptor heads left out of an organisation name (`شركة هواوي` → `هواوي`), folded.
pub const DESCRIPTORS: &[&str] = &["شركه", "وكاله", "مجموعه", "قناه", "صحيفه", "مجموعه", "موسسه"];

/// Words that end a person name after a title (folded): particles, common
/// verbs and nouns of news prose.
pub const STOP_WORDS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "التي",
    "الذي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "بعد",
    "قبل",
    "خلال",
    "عبر",
    "حول",
    "بين",
    "عند",
    "منذ",
    "حتي",
    "ثم",
    "او",
    "و",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "اضاف",
    "اضافت",
    "اوضح",
    "اوضحت",
    "اشار",
    "اشارت",
    "وقال",
    "واكد",
    "واضاف",
    "واوضح",
    "واعلن",
    "ان",
    "بان",
    "لدي",
    "امام",
    "عقب",
    "اثر",
    "يوم",
    "اليوم",
    "امس",
    "الاثنين",
    "الثلاثاء",
    "الثلثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الاحد",
    "توقيع",
    "زياره",
    "كلمه",
    "بيان",
    "تصريحات",
    "اتصال",
    "رساله",
    "لقاء",
    "موتمر",
    "اجتماع",
    "الي",
    "ايضا",
    "نفسه",
    "فيما",
    "بينما",
    "حيث",
    "كما",
    "لكن",
    "غير",
    "دون",
    "عليه",
    "انه",
    "انها",
    "هو",
    "هي",
    "وهو",
    "وهي",
    "ما",
    "ماذا",
    "كيف",
    "هل",
    // Particles of older prose (hadith, quotations) that follow a title
    // there (الإمام إذا ...), never a name.
    "اذا",
    "اذ",
    "الا",
    "اما",
    "اين",
    "انما",
    "لما",
    "فلما",
    "فقد",
    "لقد",
    "لله",
    "ليس",
    "كل",
    "بعض",
    "يقول",
    "تقول",
    "يري",
    "اعتبر",
    "شدد",
    "دعا",
    "وصف",
    "رحب",
    "استقبل",
    "التقي",
    "بحث",
    "ناقش",
    "جدد",
    "افاد",
    "ذكر",
    "عن",
    "له",
    "لها",
    "به",
    "بها",
    "منه",
    "يوما",
    "سابق",
    "السابق",
    "الحالي",
    "الجديد",
    "نظيره",
    "نظيرته",
    "الرييس",
    "رييس",
    "وزير",
    "الوزير",
    "حكومه",
    "الحكومه",
    "شركه",
    "وزراء",
    "الوزراء",
    "روساء",
    "مستشار",
    "وفق",
    "وجه",
    "قوله",
    "قولها",
    "لاعب",
    "نجم",
    "مدرب",
    "الوفد",
    "وفد",
    "وفدا",
    "صباح",
    "مساء",
    "امس",
    "غدا",
    "مليار",
    "مليون",
    "الف",
    "دولار",
    "عام",
    "العام",
    "سنه",
    "عدد",
    "جميع",
    "يصل",
    "وصل",
    "عشرات",
    "ميات",
    "الاف",
    "يلتقي",
    "يزور",
    "يبحث",
    "يستقبل",
    "يتوجه",
    "يعقد",
    "يشارك",
    "يدعو",
    "يوكد",
    "يعلن",
    "اعرب",
    "زار",
    "توجه",
    "عقد",
    "شارك",
    "يضم",
    "عضو",
    "اعضاء",
    "يرافقه",
    "برفقه",
    // Pronouns, the vocative and verbs of speech of older prose (hadith,
    // quotations): after a title (الإمام, الملك) they begin a clause.
    "انا",
    "انت",
    "نحن",
    "هم",
    "يا",
    "فقال",
    "فقالت",
    "فيقول",
    "فقيل",
    "قيل",
    "اني",
    // The chain of transmitters and its formulas: after a name they end it
    // (قال الإمام أبو عيسى حديث حسن، الخليفة عمر رضي الله عنه).
    "حديث",
    "حدثنا",
    "حدثني",
    "اخبرنا",
    "اخبرني",
    "انبانا",
    "سمعت",
    "رواه",
    "قلت",
    "فقلت",
    "صلي",
    "رضي",
    "رسول",
    "النبي",
];

/// Whether the folded `word` is one of [`STOP_WORDS`] (asked only of
/// words whose [`K_STOP`] bit is set: most words are no stop word).
fn is_stop(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// A folded word: borrowed from the folded text of all tokens, or owned
/// (a reading with the article restored after `لل`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Folded<'a>(Cow<'a, str>);

impl Folded<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Folded<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Folded<'_>> for &str {
    fn eq(&self, other: &Folded<'_>) -> bool {
        **self == *other.0
    }
}

impl std::fmt::Display for Folded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One word of the text.
struct Tok<'a> {
    start: usize,
    end: usize,
    folded: Folded<'a>,
    /// Only spaces since the previous token.
    joined: bool,
    /// First token of a line.
    line_start: bool,
    /// Only spaces and quotation marks since the previous token.
    quoted: bool,
    /// Every letter an uppercase Latin letter.
    upper: bool,
}

fn is_word_char(n: &Normalizer, c: char) -> bool {
    // Arabic letters, tatweel and digits first, then the removed marks
    // (a table look-up): the general test is slow for them.
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0640}'..='\u{064A}' | '\u{0660}'..='\u{0669}')
        || n.is_removed(c)
        || c.is_alphanumeric()
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A token before its folded text is borrowed: the range of `buf` it takes.
struct RawTok {
    start: usize,
    end: usize,
    folded: std::ops::Range<usize>,
    joined: bool,
    line_start: bool,
    quoted: bool,
    upper: bool,
}

/// Characters below this code point are classified through [`word_chars`].
const WORD_TABLE_LEN: usize = 0x0700;

/// Not part of a word ([`word_chars`] class).
const NOT_WORD: u8 = 0;
/// A letter or digit of a word.
const WORD: u8 = 1;
/// A mark the normalizer removes (harakat, tatweel): inside a word only.
const REMOVED: u8 = 2;

/// The class of every character below [`WORD_TABLE_LEN`] (ASCII, Latin and
/// the Arabic block), computed once.
fn word_chars(n: &Normalizer) -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..WORD_TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).map_or(NOT_WORD, |c| char_class(n, c)))
            .collect()
    })
}

fn char_class(n: &Normalizer, c: char) -> u8 {
    match (is_word_char(n, c), n.is_removed(c)) {
        (false, _) => NOT_WORD,
        (true, true) => REMOVED,
        (true, false) => WORD,
    }
}

/// The words of `text`, their folded forms written one after the other into
/// `buf` (one allocation for all of them).
fn tokenize<'a>(n: &Normalizer, text: &str, buf: &'a mut String) -> Vec<Tok<'a>> {
    let table = word_chars(n);
    let class = |c: char| match table.get(c as usize) {
        Some(&k) => k,
        None => char_class(n, c),
    };
    let mut raw: Vec<RawTok> = Vec::with_capacity(text.len() / 6);
    let mut gap_clean = true;
    let mut gap_quoted = true;
    let mut line_start = true;
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        let k = class(c);
        if k == NOT_WORD || (k == REMOVED && raw.last().is_none_or(|t| t.end != i)) {
            if c == '+' && raw.last().is_some_and(|t| t.end == i) {
                if let Some(t) = raw.last_mut() {
                    t.end += 1;
                    buf.push('+');
                    t.folded.end = buf.len();
                }
            } else {
                line_start |= c == '\n';
                gap_clean &= c == ' ' || c == '\u{00A0}';
                gap_quoted &=
                    matches!(c, ' ' | '\u{00A0}' | '"' | '«' | '»' | '\u{201C}' | '\u{201D}');
            }
            i += len;
            continue;
        }
        let start = i;
        let from = buf.len();
        let mut upper = false;
        n.push_char(c, buf);
        i += len;
        while let Some((d, len)) = char_at(text, i) {
            match class(d) {
                NOT_WORD => break,
                REMOVED => {}
                _ => {
                    upper |= d.is_ascii_uppercase();
                    n.push_char(d, buf);
                }
            }
            i += len;
        }
        upper |= c.is_ascii_uppercase();
        let upper = upper && text[start..i].chars().all(|c| !c.is_lowercase());
        raw.push(RawTok {
            start,
            end: i,
            folded: from..buf.len(),
            joined: gap_clean,
            quoted: gap_quoted,
            line_start,
            upper,
        });
        gap_clean = true;
        gap_quoted = true;
        line_start = false;
    }
    let buf: &'a str = buf;
    raw.into_iter()
        .map(|r| Tok {
            start: r.start,
            end: r.end,
            folded: Folded(Cow::Borrowed(buf.get(r.folded).unwrap_or(""))),
            joined: r.joined,
            line_start: r.line_start,
            quoted: r.quoted,
            upper: r.upper,
        })
        .collect()
}

/// The character at byte `i` of `text` and its length in bytes (`i` is a
/// character boundary); one- and two-byte characters (ASCII, Arabic) are
/// decoded directly.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = text.as_bytes();
    let x = *b.get(i)?;
    if x < 0x80 {
        return Some((char::from(x), 1));
    }
    if x & 0xE0 == 0xC0 {
        if let Some(&y) = b.get(i + 1) {
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
            return char::from_u32(cp).map(|c| (c, 2));
        }
    }
    text.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// A token read without an attached clitic.
struct Form<'a> {
    /// Bytes of the original token taken by the clitic.
    cut: usize,
    /// Folded rest (with ال restored after `لل`).
    folded: Folded<'a>,
    /// The clitic ended in `لل`: the written rest lacks the alef of ال.
    lam: bool,
    /// The clitic contains ب.
    ba: bool,
    /// The word lists this reading starts an entry of ([`word_kinds`]).
    kinds: u8,
    /// The hash of `folded` ([`gazetteer::hash`]).
    hash: u64,
}

/// A word that starts an organisation cue ([`WordKinds`] bit).
const K_ORG: u8 = 8;
/// A place cue.
const K_CUE: u8 = 16;
/// A word that may be a nisba of the gazetteer: a nisba stem's first word
/// with any ending of [`NISBA_SUFFIXES`], with or without ال.
const K_NISBA_WORD: u8 = 32;
/// A word that may be one of [`STOP_WORDS`].
const K_STOP: u8 = 64;

impl Form<'_> {
    /// Whether this reading is one of [`STOP_WORDS`].
    fn is_stop(&self) -> bool {
        self.kinds & K_STOP != 0 && is_stop(&self.folded)
    }
}

/// The first words of every table the recognizer looks words up in.
fn word_kinds() -> &'static WordKinds {
    static TABLE: std::sync::OnceLock<WordKinds> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let bodies = BODIES.iter().map(|b| b.split(' ').next().unwrap_or(""));
        let heads = ["وزاره"].into_iter().chain(MINISTRIES.iter().copied());
        let org = bodies.chain(heads).chain(DESCRIPTORS.iter().copied()).map(|w| (w, K_ORG));
        let cues = PLACE_CUES.iter().map(|c| (c.0, K_CUE));
        let stops = STOP_WORDS.iter().map(|&w| (w, K_STOP));
        let mut nisba_words: Vec<String> = Vec::new();
        for (w, kind) in gazetteer::first_words() {
            let Some(base) = w.strip_suffix('\u{064A}').filter(|_| kind == K_NISBA) else {
                continue;
            };
            for suffix in NISBA_SUFFIXES {
                nisba_words.push(format!("{base}{suffix}"));
                nisba_words.push(format!("ال{base}{suffix}"));
            }
        }
        let mut words: Vec<(&str, u8)> =
            gazetteer::first_words().chain(org).chain(cues).chain(stops).collect();
        words.extend(nisba_words.iter().map(|w| (w.as_str(), K_NISBA_WORD)));
        WordKinds::new(words.into_iter())
    })
}

/// The token as written, then without each clitic that leaves two letters,
/// appended to `out`.
fn forms<'a>(n: &Normalizer, text: &str, t: &Tok<'a>, out: &mut Vec<Form<'a>>) {
    let kinds = word_kinds();
    let hash = gazetteer::hash(&t.folded);
    let k = kinds.get(hash);
    out.push(Form { cut: 0, folded: t.folded.clone(), lam: false, ba: false, kinds: k, hash });
    // Every clitic starts with one of these letters.
    if !t.folded.starts_with(['\u{0648}', '\u{0641}', '\u{0628}', '\u{0644}', '\u{0643}']) {
        return;
    }
    let Cow::Borrowed(word) = t.folded.0 else { return };
    for cl in CLITICS {
        // A byte loop: in wasm `strip_prefix` is a call to a bytewise memcmp.
        let (w, c) = (word.as_bytes(), cl.as_bytes());
        if w.len() < c.len() + 2 || !w.iter().zip(c).all(|(a, b)| a == b) {
            continue;
        }
        let Some(rest) = word.get(cl.len()..) else { continue };
        if rest.chars().nth(1).is_none() {
            continue;
        }
        let lam = cl.ends_with("لل");
        let folded = if lam { Cow::Owned(format!("ال{rest}")) } else { Cow::Borrowed(rest) };
        let hash = gazetteer::hash(&folded);
        let k = kinds.get(hash);
        let written = &text[t.start..t.end];
        let mut cut = 0;
        // Usually the clitic is written as it folds, with no mark after it.
        if written.starts_with(cl)
            && written[cl.len()..].chars().next().is_some_and(|c| !n.is_removed(c))
        {
            cut = cl.len();
        } else {
            let letters = cl.chars().count();
            let mut seen = 0;
            for (i, c) in written.char_indices() {
                if seen == letters && !n.is_removed(c) {
                    cut = i;
                    break;
                }
                if !n.is_removed(c) {
                    seen += 1;
                }
            }
        }
        if cut > 0 {
            let ba = cl.contains('ب');
            out.push(Form { cut, folded: Folded(folded), lam, ba, kinds: k, hash });
        }
    }
}

/// A recognized span of tokens.
struct Hit {
    first: usize,
    last: usize,
    kind: EntityKind,
    entity: Option<u16>,
    key: String,
    cut: usize,
    lam: bool,
    nisba: bool,
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    /// The readings of every token (see [`forms`]), computed once: those of
    /// token `i` are `forms[at[i]..at[i + 1]]`.
    forms: Vec<Form<'a>>,
    at: Vec<u32>,
    /// Per token, the word-list bits of all its readings together.
    kinds: Vec<u8>,
}

impl<'a> Ctx<'a> {
    /// The readings of token `i`: as written, then without each clitic.
    fn forms_of(&self, i: usize) -> &[Form<'a>] {
        match (self.at.get(i), self.at.get(i + 1)) {
            (Some(&from), Some(&to)) => &self.forms[from as usize..to as usize],
            _ => &[],
        }
    }
    /// The trigger (type, role, length in tokens) that starts at token `i`.
    fn trigger_at(&self, i: usize) -> Option<(EntityKind, u8, usize, usize)> {
        let mut best = None;
        for f in self.forms_of(i).iter().filter(|f| f.kinds & K_TRIGGER != 0) {
            // (The phrase is copied only when it may go on: most triggers
            // are one word.)
            let mut phrase = String::new();
            for k in 1..=3 {
                if k > 1 {
                    match self.toks.get(i + k - 1) {
                        Some(t) if t.joined => {
                            if k == 2 {
                                phrase.push_str(&f.folded);
                            }
                            phrase.push(' ');
                            phrase.push_str(&t.folded);
                        }
                        _ => break,
                    }
                }
                let text = if k == 1 { f.folded.as_str() } else { phrase.as_str() };
                let (found, longer) = gazetteer::trigger_prefix(text);
                if let Some((kind, role)) = found {
                    if best.is_none_or(|(_, _, b, _)| k > b) {
                        best = Some((kind, role, k, f.cut));
                    }
                }
                if !longer {
                    break;
                }
            }
        }
        best
    }

    /// Whether a place or organisation cue comes right before token `i`.
    fn cue_before(&self, i: usize) -> Option<EntityKind> {
        let t = self.toks.get(i)?;
        if !t.joined && !t.quoted {
            return None;
        }
        let prev = i.checked_sub(1)?;
        match self.trigger_at(prev) {
            Some((EntityKind::Loc, _, 1, _)) => Some(EntityKind::Loc),
            Some((EntityKind::Org, ROLE_ORG_HEAD, 1, _)) => Some(EntityKind::Org),
            _ => None,
        }
    }

    /// The longest gazetteer name starting at token `i`.
    fn name_at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<(usize, u16, usize, bool, String)> = None;
        let upper = self.toks[i].upper;
        for f in self.forms_of(i).iter().filter(|f| upper || f.kinds & K_NAME != 0) {
            let mut phrase = f.folded.to_string();
            let mut upper = true;
            for k in 1..=MAX_NAME_WORDS {
                let t = match self.toks.get(i + k - 1) {
                    Some(t) if k == 1 || t.joined => t,
                    _ => break,
                };
                if k > 1 {
                    phrase.push(' ');
                    phrase.push_str(&t.folded);
                }
                upper &= t.upper;
                let (named, longer) = gazetteer::lookup_prefix(&phrase, NAME);
                let e = named.or_else(|| {
                    if upper && f.cut == 0 {
                        gazetteer::lookup(&phrase, UPPER)
                    } else {
                        None
                    }
                });
                if let Some(e) = e {
                    if best.as_ref().is_none_or(|b| k > b.0) {
                        best = Some((k, e, f.cut, f.lam, phrase.clone()));
                    }
                }
                if !longer && !upper {
                    break; // no longer name starts with these words
                }
            }
        }
        let (k, mut e, cut, lam, phrase) = best?;
        if let Some((ids, needs_cue)) = gazetteer::ambiguous(&phrase) {
            let cue = self.cue_before(i);
            let dateline = self.toks[i].line_start && cut == 0;
            if needs_cue && cue.is_none() && !dateline {
                return None;
            }
            let pick =
                |kind: EntityKind| ids.iter().copied().find(|&x| gazetteer::entity(x).2 == kind);
            e = match cue {
                Some(EntityKind::Org) => pick(EntityKind::Org).unwrap_or(e),
                Some(_) if !needs_cue => ids
                    .get(1)
                    .copied()
                    .filter(|&x| gazetteer::entity(x).2 == EntityKind::Loc)
                    .unwrap_or(e),
                None if dateline && !needs_cue => ids
                    .get(1)
                    .copied()
                    .filter(|&x| gazetteer::entity(x).2 == EntityKind::Loc)
                    .unwrap_or(e),
                _ => pick(EntityKind::Loc).or(ids.first().copied()).unwrap_or(e),
            };
        }
        let (id, _, kind) = gazetteer::entity(e);
        Some(Hit {
            first: i,
            last: i + k,
            kind,
            entity: Some(e),
            key: id.to_string(),
            cut,
            lam,
            nisba: false,
        })
    }

    /// A nisba adjective (one or two words) starting at token `i`.
    fn nisba_at(&self, i: usize) -> Option<Hit> {
        let language = || {
            i > 0
                && self.toks[i - 1].joined
                && LANGUAGE_CUES.contains(&self.toks[i - 1].folded.as_str())
        };
        for f in self.forms_of(i) {
            if f.ba && f.folded.starts_with("ال") && f.folded.ends_with("يه") {
                continue; // بالروسية: in Russian
            }
            if f.kinds & K_NISBA_WORD == 0 {
                continue; // no ending makes it a nisba of the gazetteer
            }
            for first in nisba_stems(&f.folded) {
                if word_kinds().get(gazetteer::hash(&first)) & K_NISBA == 0 {
                    continue; // no nisba starts with it
                }
                if language() {
                    return None;
                }
                let definite = format!("ال{first}");
                let needs_cue = [f.folded.as_str(), first.as_str(), definite.as_str()]
                    .iter()
                    .any(|w| gazetteer::ambiguous(w).is_some_and(|(_, cue)| cue));
                if needs_cue && self.cue_before(i).is_none() {
                    continue;
                }
                let next = self.toks.get(i + 1).filter(|t| t.joined);
                for second in next.map(|t| nisba_stems(&t.folded)).unwrap_or_default() {
                    if let Some(e) = gazetteer::lookup(&format!("{first} {second}"), NISBA) {
                        return Some(self.nisba_hit(i, 2, e, f));
                    }
                }
                if let Some(e) = gazetteer::lookup(&first, NISBA) {
                    return Some(self.nisba_hit(i, 1, e, f));
                }
            }
        }
        None
    }

    fn nisba_hit(&self, i: usize, k: usize, e: u16, f: &Form) -> Hit {
        let id = gazetteer::entity(e).0.to_string();
        Hit {
            first: i,
            last: i + k,
            kind: EntityKind::Loc,
            entity: Some(e),
            key: id,
            cut: f.cut,
            lam: f.lam,
            nisba: true,
        }
    }

    /// Whether token `j` is one of [`STOP_WORDS`].
    fn stop(&self, j: usize) -> bool {
        self.forms_of(j).first().is_some_and(Form::is_stop)
    }

    /// Whether token `j` can be part of a person or organisation name.
    fn name_like(&self, j: usize) -> bool {
        let t = &self.toks[j];
        let mut chars = t.folded.chars();
        // (Arabic letters first: `is_alphabetic` searches Unicode tables.)
        let first_ok = chars
            .next()
            .is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphabetic());
        first_ok
            && chars.next().is_some()
            && !t.folded.contains('+')
            && !self.stop(j)
            && !(self.kinds[j] & K_STOP != 0 && t.folded.strip_prefix('و').is_some_and(is_stop))
            && self.trigger_at(j).is_none_or(|(_, role, _, _)| role == ROLE_BEFORE_NAME)
    }
}

/// Whether token `j` starts with the article, after any clitic.
fn is_definite(cx: &Ctx, j: usize) -> bool {
    let t = &cx.toks[j];
    cx.forms_of(j).iter().any(|f| {
        let written = cx.text.get(t.start + f.cut..t.end).unwrap_or("");
        (f.lam || written.starts_with("ال")) && f.folded.chars().count() > 3
    })
}

/// Whether token `j` is written with tanween (ًا ٌ ٍ), the mark of an
/// indefinite common noun (`اتصالاً`), which names do not carry.
fn has_tanween(cx: &Ctx, j: usize) -> bool {
    let t = &cx.toks[j];
    cx.text
        .get(t.start..t.end)
        .is_some_and(|w| w.chars().any(|c| ('\u{064B}'..='\u{064D}').contains(&c)))
}

/// Whether a phrase visibly ends before token `j`: punctuation, the end of
/// the text, a stop word, a trigger, a known name or a word with a clitic.
fn ends_phrase(cx: &Ctx, cov: &[Option<usize>], j: usize) -> bool {
    let Some(t) = cx.toks.get(j) else { return true };
    !t.joined
        || cov[j].is_some()
        || cx.stop(j)
        || cx.trigger_at(j).is_some()
        || has_clitic(cx, j)
        || t.folded.starts_with('و')
}

/// Whether token `j` carries a conjunction or a preposition with the article
/// (`وميلوني`, `للصحافيين`): such a word starts a new phrase.
fn has_clitic(cx: &Ctx, j: usize) -> bool {
    let f = &cx.toks[j].folded;
    ["وال", "بال", "فال", "كال", "لل"].iter().any(|c| f.starts_with(c))
        || (f.starts_with('و') && cx.trigger_at(j).is_some())
}

/// The masculine singular stems of a folded nisba form: as written, then
/// without ال (a stem may itself start with ال: ألماني).
fn nisba_stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in [Some(word), word.strip_prefix("ال")].into_iter().flatten() {
        for suffix in NISBA_SUFFIXES {
            if let Some(stem) = w.strip_suffix(suffix) {
                if stem.chars().count() >= 2 {
                    out.push(format!("{stem}ي"));
                    break;
                }
            }
        }
    }
    out
}

/// Finds the people, places and organisations named in `text` (module docs
/// of [`crate::EntityMention`] for what a span covers), in text order.
///
/// Linear in the length of the text; any input is accepted.
///
/// ```
/// use fahras::{extract_entities, EntityKind};
///
/// let m = extract_entities("وقال الرئيس الكازاخستاني قاسم جومارت توكاييف إن بكين شريك.");
/// let found: Vec<(&str, EntityKind)> = m.iter().map(|m| (m.text.as_str(), m.kind)).collect();
/// assert_eq!(found, [
///     ("الكازاخستاني", EntityKind::Loc),
///     ("قاسم جومارت توكاييف", EntityKind::Per),
///     ("بكين", EntityKind::Loc),
/// ]);
/// ```
pub fn extract_entities(text: &str) -> Vec<EntityMention> {
    let n = crate::analysis::default_normalizer();
    let mut buf = String::with_capacity(text.len());
    let toks = tokenize(n, text, &mut buf);
    let mut all = Vec::with_capacity(toks.len() + toks.len() / 2);
    let mut at = Vec::with_capacity(toks.len() + 1);
    let mut kinds = Vec::with_capacity(toks.len());
    for t in &toks {
        let from = all.len();
        at.push(from as u32);
        forms(n, text, t, &mut all);
        kinds.push(all[from..].iter().fold(0, |k, f| k | f.kinds));
    }
    at.push(all.len() as u32);
    let cx = Ctx { text, toks, forms: all, at, kinds };
    let mut hits = gazetteer_pass(&cx);
    trigger_pass(&cx, &mut hits);
    surname_pass(&cx, &mut hits);
    hits.sort_by_key(|h| h.first);
    hits.into_iter()
        .filter_map(|h| {
            let start = cx.toks.get(h.first)?.start;
            let end = cx.toks.get(h.last.checked_sub(1)?)?.end;
            let name = text.get(start + h.cut..end)?;
            let written = if h.lam { format!("ال{name}") } else { name.to_string() };
            Some(EntityMention {
                span: Span { start, end },
                kind: h.kind,
                text: written,
                key: h.key,
                canonical: h.entity.map(|e| gazetteer::entity(e).1.to_string()),
                nisba: h.nisba,
            })
        })
        .collect()
}

fn gazetteer_pass(cx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < cx.toks.len() {
        if cx.kinds[i] & (K_NAME | K_NISBA_WORD) == 0 && !cx.toks[i].upper {
            i += 1;
            continue;
        }
        match cx.name_at(i).or_else(|| cx.nisba_at(i)) {
            Some(h) => {
                i = h.last;
                hits.push(h);
            }
            None => i += 1,
        }
    }
    hits
}

/// For each token, the index of the hit that covers it.
fn coverage(len: usize, hits: &[Hit]) -> Vec<Option<usize>> {
    let mut cov = vec![None; len];
    for (h, hit) in hits.iter().enumerate() {
        for c in cov.iter_mut().take(hit.last).skip(hit.first) {
            *c = Some(h);
        }
    }
    cov
}

/// Bookkeeping of the trigger pass: pass-1 hits, which of them were absorbed,
/// and the new hits.
struct Pass<'h> {
    hits: &'h [Hit],
    cov: Vec<Option<usize>>,
    removed: Vec<bool>,
    new: Vec<Hit>,
}

impl Pass<'_> {
    /// The live pass-1 hit that starts at token `j`.
    fn hit_at(&self, j: usize) -> Option<usize> {
        let h = (*self.cov.get(j)?)?;
        (!self.removed[h] && self.hits[h].first == j).then_some(h)
    }
}

fn trigger_pass(cx: &Ctx, hits: &mut Vec<Hit>) {
    let mut p = Pass {
        hits,
        cov: coverage(cx.toks.len(), hits),
        removed: vec![false; hits.len()],
        new: Vec::new(),
    };
    let mut i = 0;
    while i < cx.toks.len() {
        if p.cov[i].is_some() || cx.kinds[i] & (K_TRIGGER | K_ORG | K_CUE) == 0 {
            i += 1;
            continue;
        }
        let next = match cx.trigger_at(i) {
            // After عبد a title word is the second half of a name
            // (عبد الملك بن مروان), not a title.
            Some((EntityKind::Per, ROLE_TITLE, _, _)) if after_abd(cx, i) => None,
            Some((EntityKind::Per, ROLE_TITLE, k, _)) => person_after(cx, &mut p, i + k),
            _ => org_at(cx, &mut p, i).or_else(|| place_after_cue(cx, &mut p, i)),
        };
        i = next.unwrap_or(i + 1).max(i + 1);
    }
    let Pass { removed, new, .. } = p;
    let mut kept: Vec<Hit> =
        std::mem::take(hits).into_iter().zip(removed).filter(|(_, r)| !r).map(|(h, _)| h).collect();
    kept.extend(new);
    *hits = kept;
}

/// Whether token `i` follows عبد (with or without a clitic) in the same
/// phrase: then it is the second half of a compound name.
fn after_abd(cx: &Ctx, i: usize) -> bool {
    i > 0 && cx.toks[i].joined && cx.forms_of(i - 1).iter().any(|f| f.folded == "عبد")
}

/// A person name after a title ending at token `j`; returns where it ends.
fn person_after(cx: &Ctx, p: &mut Pass, mut j: usize) -> Option<usize> {
    let toks = &cx.toks;
    let mut hops = 0;
    while j < toks.len() && hops < 4 && toks[j].joined {
        // No name comes after a stop word (الملك الذي جاءني).
        if cx.stop(j) {
            break;
        }
        if p.cov[j].is_none() && is_definite(cx, j) {
            if let Some(end) = org_at(cx, p, j) {
                j = end;
                hops += 1;
                continue;
            }
        }
        if let Some(h) = p.cov[j].filter(|&h| !p.removed[h] && p.hits[h].kind != EntityKind::Per) {
            j = p.hits[h].last;
        } else if let Some((EntityKind::Per, ROLE_TITLE, k, _)) = cx.trigger_at(j) {
            j += k;
        } else if p.cov[j].is_none() && is_definite(cx, j) {
            j += 1;
        } else if p.cov[j].is_none()
            && cx.toks[j].folded.starts_with('ل')
            && j + 1 < toks.len()
            && is_definite(cx, j + 1)
        {
            j += 2; // لكرة القدم, لشؤون الأمن: a complement of the title
        } else {
            break;
        }
        hops += 1;
    }
    let start = j;
    let (mut names, mut person) = (0, None);
    while j < toks.len() && names < 3 && toks[j].joined {
        if p.cov[j].is_some() {
            if let Some(h) = p.hit_at(j).filter(|&h| p.hits[h].kind == EntityKind::Per) {
                person = Some(h);
                j = p.hits[h].last;
                names += 1;
            }
            break;
        }
        if names > 0 && NAME_PARTICLES.contains(&toks[j].folded.as_str()) {
            j += 1;
            continue;
        }
        let conjoined = names > 0 && toks[j].folded.starts_with('و');
        // (A name after بن may carry tanween in vocalized text: بن بشارٍ.)
        let after_bin = names > 0 && matches!(toks[j - 1].folded.as_str(), "بن" | "ابن" | "بنت");
        let tanween = has_tanween(cx, j) && !after_bin;
        if !cx.name_like(j) || (names > 0 && has_clitic(cx, j)) || tanween || conjoined {
            break;
        }
        // A third part only when the name visibly ends after it, and
        // not a bare noun in ة (عمار بن جامع دعوة الأمين العام).
        let noun = |w: &str| w.ends_with('ه') && !w.starts_with("ال");
        if names == 2
            && (!ends_phrase(cx, &p.cov, j + 1)
                || (noun(&toks[j].folded)
                    && !NAME_PARTICLES.contains(&toks[j - 1].folded.as_str())))
        {
            break;
        }
        names += 1;
        j += 1;
    }
    while j > start && person.is_none() && NAME_PARTICLES.contains(&toks[j - 1].folded.as_str()) {
        j -= 1;
    }
    if names == 0 || j == start {
        return None;
    }
    // A nisba right after the name is part of it (محمد شياع السوداني).
    if let Some(h) = p.hit_at(j).filter(|&h| p.hits[h].nisba && p.hits[h].last == j + 1) {
        let f = &toks[j].folded;
        if toks[j].joined && p.hits[h].cut == 0 && f.starts_with("ال") && f.ends_with('ي') {
            p.removed[h] = true;
            j += 1;
        }
    }
    let (entity, key) = match person {
        Some(h) => {
            p.removed[h] = true;
            (p.hits[h].entity, p.hits[h].key.clone())
        }
        None => person_key(cx, start, j),
    };
    p.new.push(Hit {
        first: start,
        last: j,
        kind: EntityKind::Per,
        entity,
        key,
        cut: 0,
        lam: false,
        nisba: false,
    });
    Some(j)
}

/// The key of the person named by tokens `start..end`: a gazetteer person
/// (whole name or last part), else the phonetic key.
fn person_key(cx: &Ctx, start: usize, end: usize) -> (Option<u16>, String) {
    let folded: Vec<&str> = cx.toks[start..end].iter().map(|t| t.folded.as_str()).collect();
    let whole = folded.join(" ");
    let person = |form: &str| resolve(form).filter(|&e| gazetteer::entity(e).2 == EntityKind::Per);
    match person(&whole).or_else(|| folded.last().and_then(|l| person(l))) {
        Some(e) => (Some(e), gazetteer::entity(e).0.to_string()),
        None => (None, phonetic_key(&whole)),
    }
}

/// A ministry (`وزارة الخارجية الروسية`) or a name after a descriptor
/// (`شركة هواوي`) at token `i`; returns where it ends.
fn org_at(cx: &Ctx, p: &mut Pass, i: usize) -> Option<usize> {
    let toks = &cx.toks;
    for f in cx.forms_of(i).iter().filter(|f| f.kinds & K_ORG != 0) {
        let body =
            toks.get(i + 1).filter(|t| t.joined).map(|t| format!("{} {}", f.folded, t.folded));
        if let Some(body) = body.filter(|b| BODIES.contains(&b.as_str())) {
            if let Some(h) = p.hit_at(i + 2).filter(|&h| p.hits[h].nisba && p.hits[h].cut == 0) {
                if toks[i + 2].joined {
                    p.removed[h] = true;
                    let key = format!("{}:{}", body.replace(' ', "-"), p.hits[h].key);
                    let last = p.hits[h].last;
                    let (cut, lam) = (f.cut, f.lam);
                    let org = Hit {
                        first: i,
                        last,
                        kind: EntityKind::Org,
                        entity: None,
                        key,
                        cut,
                        lam,
                        nisba: false,
                    };
                    p.new.push(org);
                    return Some(last);
                }
            }
        }
        let head = f.folded == "وزاره";
        let mw = if head { i + 1 } else { i };
        let ministry =
            toks.get(mw).map(|t| if head { t.folded.as_str() } else { f.folded.as_str() });
        if let Some(word) = ministry.filter(|w| MINISTRIES.contains(w)) {
            let Some(h) = p.hit_at(mw + 1).filter(|&h| p.hits[h].nisba && p.hits[h].cut == 0)
            else {
                continue;
            };
            let nisba = &toks[mw + 1];
            let elliptic_ok =
                (word == "الخارجيه" || word == "الدفاع") && nisba.folded.ends_with("يه");
            if !nisba.joined || (head && !toks[mw].joined) || (!head && !elliptic_ok) {
                continue;
            }
            p.removed[h] = true;
            let key = format!("{}:{}", word.trim_start_matches("ال"), p.hits[h].key);
            let last = p.hits[h].last;
            p.new.push(Hit {
                first: i,
                last,
                kind: EntityKind::Org,
                entity: None,
                key,
                cut: f.cut,
                lam: f.lam,
                nisba: false,
            });
            return Some(last);
        }
        if DESCRIPTORS.contains(&f.folded.as_str()) {
            let plain = |j: usize| {
                toks.get(j).is_some_and(|t| !t.folded.starts_with("ال") && p.cov[j].is_none())
                    && cx.name_like(j)
            };
            let j = i + 1;
            if !(plain(j) && (toks[j].joined || toks[j].quoted)) {
                continue;
            }
            let last = if plain(j + 1) && toks[j + 1].joined { j + 2 } else { j + 1 };
            let folded: Vec<&str> = toks[j..last].iter().map(|t| t.folded.as_str()).collect();
            let whole = folded.join(" ");
            let (entity, key) = match resolve(&whole) {
                Some(e) => (Some(e), gazetteer::entity(e).0.to_string()),
                None => (None, phonetic_key(&whole)),
            };
            p.new.push(Hit {
                first: j,
                last,
                kind: EntityKind::Org,
                entity,
                key,
                cut: 0,
                lam: false,
                nisba: false,
            });
            return Some(last);
        }
    }
    None
}

/// A place name after a cue of [`PLACE_CUES`] at token `i`; returns where it ends.
fn place_after_cue(cx: &Ctx, p: &mut Pass, i: usize) -> Option<usize> {
    let toks = &cx.toks;
    let f = cx
        .forms_of(i)
        .iter()
        .filter(|f| f.kinds & K_CUE != 0)
        .find(|f| PLACE_CUES.iter().any(|c| c.0 == f.folded))?;
    let inside = PLACE_CUES.iter().any(|c| c.0 == f.folded && c.1);
    let free = |j: usize| {
        toks.get(j).is_some_and(|t| t.joined && p.cov[j].is_none())
            && cx.name_like(j)
            && !is_definite(cx, j)
            && !has_tanween(cx, j)
            && !has_clitic(cx, j)
    };
    let mut last = i + 1;
    while last < i + 3 && free(last) {
        last += 1;
    }
    while last > i + 1 && !ends_phrase(cx, &p.cov, last) {
        last -= 1;
    }
    if last == i + 1 || !ends_phrase(cx, &p.cov, last) {
        return None;
    }
    let first = if inside { i } else { i + 1 };
    let folded: Vec<&str> = toks[i + 1..last].iter().map(|t| t.folded.as_str()).collect();
    let key = phonetic_key(&folded.join(" "));
    let (cut, lam) = if inside { (f.cut, f.lam) } else { (0, false) };
    p.new.push(Hit {
        first,
        last,
        kind: EntityKind::Loc,
        entity: None,
        key,
        cut,
        lam,
        nisba: false,
    });
    Some(last)
}

/// A lone first or last part of a person named in full earlier in the text.
fn surname_pass(cx: &Ctx, hits: &mut Vec<Hit>) {
    hits.sort_by_key(|h| h.first);
    // (token range of the words, the hit that names them): full names,
    // last parts, short first parts.
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    for (n, h) in hits.iter().enumerate() {
        if h.kind != EntityKind::Per || h.last - h.first < 2 {
            continue;
        }
        let (first, last) = (cx.toks[h.first].folded.as_str(), cx.toks[h.last - 1].folded.as_str());
        parts.push((h.first, h.last, n));
        // A particle (بن، أبو، عبد) alone names nobody, nor does the end
        // of a theophoric name (عبد الله، نصر الله، عبد الرحمن): الله alone
        // is God.
        let theophoric = last == "الله" || cx.toks[h.last - 2].folded == "عبد";
        if !NAME_PARTICLES.contains(&last) && !theophoric {
            parts.push((h.last - 1, h.last, n));
        }
        if first.chars().count() <= 3 && !NAME_PARTICLES.contains(&first) {
            parts.push((h.first, h.first + 1, n));
        }
    }
    // Longest first, in order (as u64s: the sort the index has anyway).
    let mut by_length: Vec<u64> = (0..parts.len())
        .map(|k| u64::from(u32::MAX - (parts[k].1 - parts[k].0) as u32) << 32 | k as u64)
        .collect();
    by_length.sort_unstable();
    let parts: Vec<(usize, usize, usize)> =
        by_length.iter().map(|&o| parts[o as u32 as usize]).collect();
    let words = |k: usize| cx.toks[parts[k].0..parts[k].1].iter().map(|t| t.folded.as_str());
    let first_word = |k: usize| cx.toks[parts[k].0].folded.as_str();
    let key = |k: usize| hits[parts[k].2].key.as_str();
    // Each person adds its parts once per mention: the same part again can
    // never be the first match, and on a long text (a whole book on one
    // page) scanning thousands of repeats at every word made this pass
    // quadratic. Each part is kept once (its first), and the parts are
    // grouped by their first word, each group in order. (Sorted as u64s,
    // a hash above the part's number: the sort the index has anyway.)
    let mut order: Vec<u64> = (0..parts.len())
        .map(|k| {
            let h =
                words(k).chain([key(k)]).fold(0u64, |h, w| h.rotate_left(5) ^ gazetteer::hash(w));
            (h >> 32) << 32 | k as u64
        })
        .collect();
    order.sort_unstable();
    let mut kept: Vec<u64> = Vec::with_capacity(order.len());
    for (n, &o) in order.iter().enumerate() {
        let k = o as u32 as usize;
        let same = n > 0 && order[n - 1] >> 32 == o >> 32 && {
            let j = order[n - 1] as u32 as usize;
            words(j).eq(words(k)) && key(j) == key(k)
        };
        if !same {
            kept.push((gazetteer::hash(first_word(k)) >> 32) << 32 | k as u64);
        }
    }
    kept.sort_unstable();
    let cov = coverage(cx.toks.len(), hits);
    let mut drop = vec![false; hits.len()];
    let firsts = WordSet::new(kept.iter().map(|&o| first_word(o as u32 as usize)));
    let mut i = if parts.is_empty() { cx.toks.len() } else { 0 };
    while i < cx.toks.len() {
        // A lone surname may also take the place of a nisba (السوداني).
        let free = match cov[i] {
            None => true,
            Some(h) => {
                hits[h].nisba
                    && hits[h].last - hits[h].first == 1
                    && cx.toks[i].folded.ends_with('ي')
            }
        };
        if !free || !cx.forms_of(i).iter().any(|f| firsts.contains_hash(f.hash)) || cx.stop(i) {
            i += 1;
            continue;
        }
        let found = cx.forms_of(i).iter().find_map(|f| {
            let high = f.hash >> 32;
            let from = kept.partition_point(|&o| o >> 32 < high);
            kept[from..]
                .iter()
                .take_while(|&&o| o >> 32 == high)
                .map(|&o| o as u32 as usize)
                .find(|&k| {
                    first_word(k) == f.folded.as_str()
                        && matches_at(cx, &cov, i, parts[k].0, parts[k].1)
                })
                .map(|k| (f, parts[k].1 - parts[k].0, parts[k].2))
        });
        let Some((f, len, named)) = found else {
            i += 1;
            continue;
        };
        let (key, entity) = (hits[named].key.clone(), hits[named].entity);
        if let Some(h) = cov[i] {
            drop[h] = true;
        }
        let (first, last) = (i, i + len);
        hits.push(Hit {
            first,
            last,
            kind: EntityKind::Per,
            entity,
            key,
            cut: f.cut,
            lam: f.lam,
            nisba: false,
        });
        i = last;
    }
    let mut at = 0;
    hits.retain(|_| {
        at += 1;
        !drop.get(at - 1).copied().unwrap_or(false)
    });
    extend_left(cx, hits);
    coordinate(cx, hits);
}

/// A name joined to a person by و (`فلاديمير بوتين وفولوديمير زيلينسكي`):
/// one to three name-like words that visibly end, the first with the و.
fn coordinate(cx: &Ctx, hits: &mut Vec<Hit>) {
    hits.sort_by_key(|h| h.first);
    let mut cov = coverage(cx.toks.len(), hits);
    let mut k = 0;
    while k < hits.len() {
        let i = hits[k].last;
        k += 1;
        if hits[k - 1].kind != EntityKind::Per || cov.get(i).is_none_or(|c| c.is_some()) {
            continue;
        }
        let t = &cx.toks[i];
        let Some(f) = cx.forms_of(i).iter().find(|f| {
            f.cut > 0
                && t.folded.starts_with('و')
                && f.folded.chars().count() + 1 == t.folded.chars().count()
        }) else {
            continue;
        };
        let stripped_ok = !f.is_stop()
            && !NAME_PARTICLES.contains(&t.folded.as_str())
            && !cx.stop(i)
            && !f.folded.starts_with("ال")
            && gazetteer::trigger(&f.folded).is_none()
            && !has_tanween(cx, i);
        if !t.joined || !stripped_ok || !cx.name_like(i) {
            continue;
        }
        let mut last = i + 1;
        while last < i + 3
            && cx.toks.get(last).is_some_and(|t| t.joined && !t.folded.starts_with('و'))
            && cov[last].is_none()
            && cx.name_like(last)
            && !has_tanween(cx, last)
        {
            last += 1;
        }
        // A known person right after the given names: take it in.
        let known = cov.get(last).copied().flatten().filter(|&h| {
            hits[h].kind == EntityKind::Per
                && hits[h].first == last
                && hits[h].cut == 0
                && cx.toks[last].joined
        });
        if let Some(h) = known {
            last = hits[h].last;
        } else {
            while last > i + 1 && !ends_phrase(cx, &cov, last) {
                last -= 1;
            }
            if !ends_phrase(cx, &cov, last) {
                continue;
            }
        }
        let (entity, key) = match known {
            Some(h) => (hits[h].entity, hits[h].key.clone()),
            None => person_key(cx, i, last),
        };
        let key = match entity {
            Some(_) => key,
            None => {
                let words: Vec<&str> = std::iter::once(f.folded.as_str())
                    .chain(cx.toks[i + 1..last].iter().map(|t| t.folded.as_str()))
                    .collect();
                phonetic_key(&words.join(" "))
            }
        };
        let hit = Hit {
            first: i,
            last,
            kind: EntityKind::Per,
            entity,
            key,
            cut: f.cut,
            lam: false,
            nisba: false,
        };
        if let Some(h) = known {
            hits[h] = hit;
            k = h + 1;
        } else {
            hits.insert(k, hit);
        }
        cov = coverage(cx.toks.len(), hits);
    }
}

/// Whether the words of tokens `from..to` are written at token `i` (the
/// first one already matched, maybe without its clitic), on free, joined
/// tokens.
fn matches_at(cx: &Ctx, cov: &[Option<usize>], i: usize, from: usize, to: usize) -> bool {
    (1..to - from).all(|k| {
        let j = i + k;
        cx.toks.get(j).is_some_and(|t| t.joined && t.folded == cx.toks[from + k].folded)
            && cov[j].is_none()
    })
}

/// Given names before a one-word gazetteer person (`إلهام علييف`): up to two
/// free, name-like words without a clitic or the article.
fn extend_left(cx: &Ctx, hits: &mut [Hit]) {
    let cov = coverage(cx.toks.len(), hits);
    for h in hits.iter_mut() {
        if h.kind != EntityKind::Per || h.last - h.first != 1 || h.cut > 0 || h.entity.is_none() {
            continue;
        }
        let mut first = h.first;
        while first > 0 && h.first - first < 2 && cx.toks[first].joined {
            let j = first - 1;
            let plain = cx.forms_of(j).len() == 1 && !is_definite(cx, j);
            if cov[j].is_some() || !plain || !cx.name_like(j) || has_tanween(cx, j) {
                break;
            }
            // Only a name that visibly starts: after punctuation, a stop
            // word or a trigger.
            let opened =
                j == 0 || !cx.toks[j].joined || cx.stop(j - 1) || cx.trigger_at(j - 1).is_some();
            if !opened {
                break;
            }
            first = j;
        }
        h.first = first;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str, String)> {
        let m = extract_entities(text);
        m.into_iter().map(|m| (text[m.span.range()].to_string(), m.kind.label(), m.text)).collect()
    }

    #[test]
    fn a_particle_alone_is_no_mention_of_a_person() {
        let m = found("استقبل الرئيس محمد بن سلمان الوفد، وقال بن عمر إن بن الزيارة ناجحة.");
        assert!(m.iter().all(|(t, _, _)| t != "بن"), "{m:?}");
        assert!(m.iter().any(|(t, k, _)| t == "محمد بن سلمان" && *k == "PER"), "{m:?}");
    }

    #[test]
    fn word_lists_are_written_folded() {
        let n = crate::analysis::default_normalizer();
        let lists = [CLITICS, NISBA_SUFFIXES, LANGUAGE_CUES, MINISTRIES, DESCRIPTORS, STOP_WORDS];
        let cues = PLACE_CUES.iter().map(|c| c.0);
        for w in lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .chain(NAME_PARTICLES.iter().copied())
            .chain(BODIES.iter().copied())
            .chain(cues)
        {
            assert_eq!(n.normalize(w), w, "{w} is not folded");
        }
    }

    #[test]
    fn spans_cover_the_clitic_and_text_drops_it() {
        let t = |s: &str, span: &str, kind: &'static str, text: &str| {
            (s.to_string(), span.to_string(), kind, text.to_string())
        };
        for (input, span, kind, text) in [
            t("وصل إلى وبكين أمس", "وبكين", "LOC", "بكين"),
            t("رسالة للأمم المتحدة اليوم", "للأمم المتحدة", "ORG", "الأمم المتحدة"),
            t("سافر بالصين طويلا", "بالصين", "LOC", "الصين"),
        ] {
            assert_eq!(found(&input), [(span.to_string(), kind, text)], "{input}");
        }
    }

    #[test]
    fn nisbas_of_any_gender_and_number_are_places_but_languages_are_not() {
        for s in ["المواطنون الكازاخستانيون", "شركات ألمانية", "القوات الروسية"]
        {
            let m = extract_entities(s);
            assert!(m.len() == 1 && m[0].nisba && m[0].kind == EntityKind::Loc, "{s}: {m:?}");
        }
        for s in ["تحدث بالروسية", "اللغة الروسية"] {
            assert!(extract_entities(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn ambiguous_common_words_need_a_cue() {
        assert!(found("لا أعرف كيف حدث ذلك").is_empty());
        assert!(found("نشرت الخبر أمس").is_empty());
    }

    #[test]
    fn title_names_and_later_surnames_share_a_key() {
        let m = extract_entities(
            "قال رئيس الوزراء أولجاس بكتينوف في كلمة. وأوضح بكتينوف أن الصادرات ارتفعت.",
        );
        let per: Vec<&EntityMention> = m.iter().filter(|m| m.kind == EntityKind::Per).collect();
        assert_eq!(per.len(), 2, "{m:?}");
        assert_eq!(per[0].text, "أولجاس بكتينوف");
        assert_eq!(per[0].key, per[1].key);
    }

    #[test]
    fn hostile_input_never_panics_and_spans_stay_on_char_boundaries() {
        let inputs = [
            "",
            "و",
            "ال",
            "لل",
            "ـــ",
            "\u{064B}\u{064B}",
            "الرييس",
            "الرئيس ",
            "وزارة",
            "وزارة الخارجية",
            "أوبك+",
            "+++",
            "بحر",
            "شركة",
            "\u{200F}بكين\u{200F}",
            "a\u{0301}b",
            "ﻻ",
            "الرئيس الرئيس الرئيس",
        ];
        for s in inputs {
            for m in extract_entities(s) {
                assert!(s.get(m.span.range()).is_some(), "{s:?}: {m:?}");
            }
        }
        let long = "بكين ".repeat(10_000);
        assert_eq!(extract_entities(&long).len(), 10_000);
    }
}
