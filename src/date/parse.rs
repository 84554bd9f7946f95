//! DATE PARSING: a small lexer over the original text and a hand-written
//! grammar of date expressions, in one left-to-right pass.
//!
//! The lexer cuts the text into numbers (ASCII, Arabic-Indic ٠–٩ U+0660–U+0669
//! and Persian ۰–۹ U+06F0–U+06F9 digits), words (compared in a folded form,
//! see `months::fold`) and single punctuation characters, each with its byte span
//! in the original text and whether whitespace comes before it. The grammar
//! then tries, at every token, the forms below; the first that matches
//! consumes its tokens. Every form looks at a bounded number of tokens, so the
//! pass is linear in the length of the text.
//!
//! 1. weekday + day-precision date: `الثلاثاء 14 مايو 2024`; a bare weekday
//!    with a reference date: `الثلاثاء`, `الأحد الماضي`;
//! 2. relative expressions with a reference date: `أمس`, `العام الماضي`;
//! 3. numeric dates: `14/05/2024`, `14-05-2024`, `14.05.2024` (day first),
//!    `2024-05-14`, `2024/05/14` (year first), never part of a longer chain
//!    of numbers (`192.168.1.1`, `1/2/3/2024`);
//! 4. year ranges: `2024-2025`, `بين 2019 و2021`, `من 2019 إلى 2021`;
//! 5. written dates: `[day[-day] | ordinal] [من] [شهر] month [/month | (month)]
//!    [[من] عام] [year] [era]`, with a cross-month range `30 أبريل - 2 مايو
//!    2024` and, with a reference date, a year taken from it (`18 مايو`,
//!    `18 مايو الماضي`, `مايو الماضي`);
//! 6. a lone year: after a cue word (`عام 2023`, `في 2024`), 1900–2100, or
//!    with an era suffix (`2024م`, `1445 هـ`).

use super::hijri::{self, Ymd};
use super::months::{self, fold, is_mark, Modifier, Shift};
use super::Calendar;

/// U+066A ARABIC PERCENT SIGN.
const ARABIC_PERCENT: char = '\u{066A}';
/// U+060C ARABIC COMMA.
const ARABIC_COMMA: char = '\u{060C}';
/// U+2013 EN DASH, often written between the ends of a range.
const EN_DASH: char = '\u{2013}';

/// Years a date with a month may carry (numeric or written).
const DATE_YEARS: std::ops::RangeInclusive<u32> = 1000..=2999;
/// Years a lone number may be, after a cue word or in a range: the spec's
/// 1900–2100, so that counts and codes are not read as years.
const LONE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;
/// Hijri years (AH): up to 1700 (Gregorian 2300).
const HIJRI_YEARS: std::ops::RangeInclusive<u32> = 1..=1700;
/// The longest year range accepted, in years.
const MAX_RANGE_YEARS: u32 = 100;
/// Separators of a numeric date.
const DATE_SEPARATORS: [char; 3] = ['/', '-', '.'];
/// Separators that chain numbers into something that is not a date
/// (`192.168.1.1`, `10:30`, `1,000`, and the Arabic decimal and thousands
/// separators ٫ U+066B and ٬ U+066C).
const CHAIN_SEPARATORS: [char; 7] = ['/', '-', '.', ':', ',', '\u{066B}', '\u{066C}'];
/// Dashes between the ends of a range.
const DASHES: [char; 3] = ['-', EN_DASH, '\u{2014}'];

/// Invisible format characters (bidi marks, zero-width characters, soft
/// hyphen): skipped by the lexer.
/// A letter: Arabic letters are told without the general (slow) test.
fn is_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The value of a digit of any of the three digit sets.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// A number as written: its value (saturating at `u32::MAX`) and how many
/// digits it has.
#[derive(Clone, Copy, Debug)]
struct Num {
    value: u32,
    digits: u32,
}

impl Num {
    /// A day of the month: one or two digits, 1–31.
    fn is_day(self) -> bool {
        self.digits <= 2 && (1..=31).contains(&self.value)
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Num(Num),
    /// A word; its folded form is `folded[from..to]`.
    Word {
        from: usize,
        to: usize,
    },
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    /// Byte span in the original text.
    start: usize,
    end: usize,
    /// Whitespace (or the start of the text) comes before the token.
    gap: bool,
}

/// Cuts `text` into tokens; returns them and the buffer of folded words.
fn lex(text: &str) -> (Vec<Tok>, String) {
    let mut toks = Vec::new();
    let mut folded = String::new();
    let mut gap = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = if let Some(v) = digit(c) {
            let mut num = Num { value: v, digits: 1 };
            while let Some(&(i, d)) = chars.peek() {
                let Some(v) = digit(d) else { break };
                num.value = num.value.saturating_mul(10).saturating_add(v);
                num.digits = num.digits.saturating_add(1);
                end = i + d.len_utf8();
                chars.next();
            }
            Kind::Num(num)
        } else if c.is_whitespace() {
            gap = true;
            continue;
        } else if is_invisible(c) || is_mark(c) {
            // Marks belong to the letter before them (see below); a mark
            // with no letter is ignored.
            continue;
        } else if is_letter(c) {
            let from = folded.len();
            folded.extend(fold(c));
            while let Some(&(i, d)) = chars.peek() {
                if is_invisible(d) {
                    chars.next();
                } else if (is_letter(d) || is_mark(d)) && digit(d).is_none() {
                    folded.extend(fold(d));
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            Kind::Word { from, to: folded.len() }
        } else {
            Kind::Punct(c)
        };
        toks.push(Tok { kind, start, end, gap });
        gap = false;
    }
    (toks, folded)
}

/// What a date expression means, in the calendar it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Value {
    /// One day.
    Day(Ymd),
    /// A month: year and month.
    Month(i32, u32),
    /// A year.
    Year(i32),
    /// A range of days, both ends included.
    Days(Ymd, Ymd),
    /// A range of years, both ends included.
    Years(i32, i32),
}

/// A date expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    /// Byte span in the original text.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Value,
    pub(super) calendar: Calendar,
    /// The weekday written before the date (0 = Sunday), to cross-check.
    pub(super) weekday: Option<u32>,
}

/// A match of the grammar over tokens `first..end`; `value` is `None` when
/// the tokens have the shape of a date but name an impossible one (they are
/// consumed all the same, so that a part is not read as another date).
#[derive(Clone, Copy, Debug)]
struct Hit {
    first: usize,
    end: usize,
    value: Option<Value>,
    calendar: Calendar,
    weekday: Option<u32>,
}

impl Hit {
    fn new(first: usize, end: usize, value: Option<Value>, calendar: Calendar) -> Hit {
        Hit { first, end, value, calendar, weekday: None }
    }

    fn skip(first: usize, end: usize) -> Hit {
        Hit::new(first, end, None, Calendar::Gregorian)
    }
}

/// A written date before its year is settled.
struct Written {
    /// The day, or the first and last day of a range.
    days: Option<(u32, Option<u32>)>,
    month: u32,
    calendar: Calendar,
    /// The year written after the month, if any.
    year: Option<i32>,
    /// Token index after the whole expression.
    end: usize,
}

/// Finds every date expression of `text`, in order.
pub(super) fn scan(text: &str, reference: Option<Ymd>) -> Vec<Found> {
    let (toks, folded) = lex(text);
    let p = Parser { toks, folded, reference };
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.toks.len() {
        let Some(hit) = p.at(i) else {
            i += 1;
            continue;
        };
        let first = p.toks.get(hit.first);
        let last = hit.end.checked_sub(1).and_then(|e| p.toks.get(e));
        if let (Some(value), Some(first), Some(last)) = (hit.value, first, last) {
            out.push(Found {
                start: first.start,
                end: last.end,
                value,
                calendar: hit.calendar,
                weekday: hit.weekday,
            });
        }
        i = hit.end.max(i + 1);
    }
    out
}

struct Parser {
    toks: Vec<Tok>,
    folded: String,
    reference: Option<Ymd>,
}

impl Parser {
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i)?.kind {
            Kind::Word { from, to } => self.folded.get(from..to),
            _ => None,
        }
    }

    fn num(&self, i: usize) -> Option<Num> {
        match self.toks.get(i)?.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn is_punct(&self, i: usize, set: &[char]) -> bool {
        self.punct(i).is_some_and(|c| set.contains(&c))
    }

    /// Token `i` exists and touches the token before it.
    fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        self.word(i).is_some_and(|w| list.contains(&w))
    }

    fn word_before(&self, i: usize) -> Option<&str> {
        self.word(i.checked_sub(1)?)
    }

    /// The words of `phrase` (space-separated) at `i`: the index after them.
    fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for part in phrase.split(' ') {
            if self.word(j)? != part {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The longest entry of `table` at `i`.
    fn lookup<T: Copy>(&self, i: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
        let first = self.word(i)?.as_bytes();
        let mut best: Option<(T, usize)> = None;
        for &(phrase, value) in table {
            // Most words start no entry: a byte comparison rules them out.
            let p = phrase.as_bytes();
            if p.get(..2) != first.get(..2)
                || !p.starts_with(first)
                || p.get(first.len()).is_some_and(|&b| b != b' ')
            {
                continue;
            }
            if let Some(end) = self.phrase(i, phrase) {
                if best.is_none_or(|(_, e)| end > e) {
                    best = Some((value, end));
                }
            }
        }
        best
    }

    fn modifier(&self, i: usize) -> Option<(Modifier, usize)> {
        self.lookup(i, months::MODIFIERS)
    }

    /// A month name at `i`: number, calendar, index after it.
    fn month_at(&self, i: usize) -> Option<(u32, Calendar, usize)> {
        let g = self.lookup(i, months::GREGORIAN_MONTHS).map(|(m, e)| (m, Calendar::Gregorian, e));
        let h = self.lookup(i, months::HIJRI_MONTHS).map(|(m, e)| (m, Calendar::Hijri, e));
        match (g, h) {
            (Some(g), Some(h)) => Some(if h.2 > g.2 { h } else { g }),
            (g, h) => g.or(h),
        }
        .map(|(m, c, e)| (u32::from(m), c, e))
    }

    /// An era suffix at `i` (م، هـ …): its calendar and the index after it.
    fn era(&self, i: usize) -> Option<(Calendar, usize)> {
        if self.word_in(i, months::GREGORIAN_ERA) {
            Some((Calendar::Gregorian, i + 1))
        } else if self.word_in(i, months::HIJRI_ERA) {
            Some((Calendar::Hijri, i + 1))
        } else {
            None
        }
    }

    /// Whether the number at `i` continues a chain `n<sep>` before it.
    fn chained_before(&self, i: usize) -> bool {
        i >= 2
            && self.tight(i)
            && self.tight(i - 1)
            && self.is_punct(i - 1, &CHAIN_SEPARATORS)
            && self.num(i - 2).is_some()
    }

    /// Whether `<sep>n` continues a chain of numbers at `i`.
    fn chained_after(&self, i: usize) -> bool {
        self.tight(i)
            && self.tight(i + 1)
            && self.is_punct(i, &CHAIN_SEPARATORS)
            && self.num(i + 1).is_some()
    }

    /// The index after a chain of numbers continuing at `i`.
    fn chain_end(&self, mut i: usize) -> usize {
        while self.chained_after(i) {
            i += 2;
        }
        i
    }

    fn at(&self, i: usize) -> Option<Hit> {
        if let Some(hit) = self.weekday(i) {
            return Some(hit);
        }
        if let Some(hit) = self.relative(i) {
            return Some(hit);
        }
        self.numeric(i)
            .or_else(|| self.year_range(i))
            .or_else(|| self.written(i))
            .or_else(|| self.lone_year(i))
    }

    /// A weekday name at `i`: its number and the index after it.
    fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let after_day_word = self.word_before(i) == Some(months::DAY_WORD);
        let (_, wd) = months::WEEKDAYS.iter().find(|&&(name, _)| {
            name == w || (after_day_word && name.strip_prefix(months::ARTICLE) == Some(w))
        })?;
        if self.word_before(i).is_some_and(|p| months::NOT_WEEKDAY_BEFORE.contains(&p))
            || self.word_in(i + 1, months::NOT_WEEKDAY_AFTER)
        {
            return None;
        }
        Some((u32::from(*wd), i + 1))
    }

    /// A weekday and the day it introduces, or a bare weekday resolved
    /// against the reference date.
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (wd, after) = self.weekday_at(i)?;
        let mut j = after;
        if self.is_punct(j, &[',', ARABIC_COMMA, '-', EN_DASH]) {
            j += 1;
        }
        if self.word_in(j, months::WEEKDAY_LINK) {
            j += 1;
        }
        if let Some(mut hit) = self.numeric(j).or_else(|| self.written(j)) {
            if let Some(Value::Day(_)) = hit.value {
                hit.first = i;
                hit.weekday = Some(wd);
                return Some(hit);
            }
        }
        let r = self.reference?;
        let today = hijri::days_from_civil(r);
        let delta = i64::from(wd) - i64::from(hijri::weekday(today));
        // الماضي / المقبل: the last one before, the next one after (never the
        // reference day itself); otherwise the nearest one, within ±3 days.
        let (delta, end) = match self.modifier(after) {
            Some((Modifier::Past, e)) => (-((-delta - 1).rem_euclid(7) + 1), e),
            Some((Modifier::Next, e)) => ((delta - 1).rem_euclid(7) + 1, e),
            _ => ((delta + 3).rem_euclid(7) - 3, after),
        };
        let day = hijri::civil_from_days(today + delta);
        Some(Hit::new(i, end, Some(Value::Day(day)), Calendar::Gregorian))
    }

    /// A relative expression at `i`, with a reference date.
    fn relative(&self, i: usize) -> Option<Hit> {
        let r = self.reference?;
        let (shift, end) = self.lookup(i, months::RELATIVE)?;
        if shift == Shift::Days(0) {
            // اليوم الوطني, في ذلك اليوم: "the day", not "today".
            let adjective = self.word(end).is_some_and(|w| w.starts_with(months::ARTICLE));
            let that_day =
                self.word_before(i).is_some_and(|w| months::NOT_TODAY_BEFORE.contains(&w));
            if adjective || that_day {
                return None;
            }
        }
        let today = hijri::days_from_civil(r);
        let value = match shift {
            Shift::Days(n) => Value::Day(hijri::civil_from_days(today + i64::from(n))),
            Shift::Weeks(n) => {
                let n = i64::from(n) * 7;
                let (from, to) =
                    if n < 0 { (today + n, today + n + 6) } else { (today + n - 6, today + n) };
                Value::Days(hijri::civil_from_days(from), hijri::civil_from_days(to))
            }
            Shift::Months(n) => {
                let total = r.0 * 12 + r.1 as i32 - 1 + i32::from(n);
                Value::Month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
            }
            Shift::Years(n) => Value::Year(r.0 + i32::from(n)),
        };
        Some(Hit::new(i, end, Some(value), Calendar::Gregorian))
    }

    /// `14/05/2024`, `2024-05-14`, `14.05.2024`, `1445/11/05 هـ`.
    fn numeric(&self, i: usize) -> Option<Hit> {
        let a = self.num(i)?;
        let sep = self.punct(i + 1).filter(|c| DATE_SEPARATORS.contains(c))?;
        let b = self.num(i + 2)?;
        let c = self.num(i + 4)?;
        if self.punct(i + 3) != Some(sep) || !(1..=4).all(|k| self.tight(i + k)) {
            return None;
        }
        let end = i + 5;
        if self.chained_before(i) || self.chained_after(end) {
            return Some(Hit::skip(i, self.chain_end(end)));
        }
        let (y, m, d) = if a.digits == 4 && b.digits <= 2 && c.digits <= 2 {
            (a.value, b.value, c.value)
        } else if c.digits == 4 && a.digits <= 2 && b.digits <= 2 {
            (c.value, b.value, a.value)
        } else {
            return Some(Hit::skip(i, end));
        };
        let date = (y as i32, m, d);
        Some(match self.era(end) {
            Some((Calendar::Hijri, e)) => {
                let ok = HIJRI_YEARS.contains(&y) && hijri::is_valid_hijri(date);
                Hit::new(i, e, ok.then_some(Value::Day(date)), Calendar::Hijri)
            }
            era => {
                let ok = DATE_YEARS.contains(&y) && hijri::is_valid(date);
                let e = era.map_or(end, |(_, e)| e);
                Hit::new(i, e, ok.then_some(Value::Day(date)), Calendar::Gregorian)
            }
        })
    }

    /// `2024-2025`, `بين 2019 و2021`, `من عام 2019 إلى عام 2021`.
    fn year_range(&self, i: usize) -> Option<Hit> {
        let a = self.num(i).filter(|n| n.digits == 4)?;
        if self.is_punct(i + 1, &DASHES) || (self.punct(i + 1) == Some('/') && self.tight(i + 1)) {
            let tight = self.punct(i + 1) != Some('/') || self.tight(i + 2);
            let b = self.num(i + 2).filter(|n| n.digits == 4 && tight)?;
            if self.chained_before(i) || self.chained_after(i + 3) {
                return Some(Hit::skip(i, self.chain_end(i + 3)));
            }
            return self.years(i, i + 3, a.value, b.value);
        }
        // The word before the first year, over one عام/عامي.
        let q = if i >= 1 && self.word_in(i - 1, months::YEAR_WORDS) { i - 1 } else { i };
        let opener = self.word_before(q).filter(|w| months::RANGE_FROM.contains(w))?;
        let mut j = i + 1;
        if opener == months::BETWEEN {
            // و, or وعام / وسنة
            let and = self.word(j).is_some_and(|w| {
                w == months::AND || (w.starts_with(months::AND) && months::YEAR_WORDS.contains(&w))
            });
            if !and {
                return None;
            }
        } else if !self.word_in(j, months::RANGE_TO) {
            return None;
        }
        j += 1;
        if self.word_in(j, months::YEAR_WORDS) {
            j += 1;
        }
        let b = self.num(j).filter(|n| n.digits == 4)?;
        self.years(i, j + 1, a.value, b.value)
    }

    /// A year range `a`–`b` ending before token `end` (plus an era suffix).
    fn years(&self, first: usize, end: usize, a: u32, b: u32) -> Option<Hit> {
        let (calendar, end, range) = match self.era(end) {
            Some((Calendar::Hijri, e)) => (Calendar::Hijri, e, HIJRI_YEARS),
            Some((c, e)) => (c, e, LONE_YEARS),
            None => (Calendar::Gregorian, end, LONE_YEARS),
        };
        let ok = range.contains(&a) && range.contains(&b) && a < b && b - a <= MAX_RANGE_YEARS;
        ok.then(|| Hit::new(first, end, Some(Value::Years(a as i32, b as i32)), calendar))
    }

    /// `[day[-day] | ordinal من] [من] [شهر] month [/month] [year] [era]` at
    /// `i`.
    fn written_at(&self, i: usize) -> Option<Written> {
        let mut j = i;
        let mut days = None;
        if let Some(n) = self.num(i) {
            if !n.is_day() {
                return None;
            }
            j += 1;
            let mut last = None;
            let joined = self.is_punct(j, &DASHES)
                || self.word_in(j, months::RANGE_TO)
                || self.word(j) == Some(months::AND);
            if let Some(n2) = self.num(j + 1).filter(|n2| joined && n2.is_day()) {
                last = Some(n2.value);
                j += 2;
            }
            days = Some((n.value, last));
        } else if let Some((d, e)) = self.lookup(i, months::ORDINAL_DAYS) {
            let first_of = self.word(i) == Some(months::FIRST_OF);
            if !first_of && self.word(e) != Some(months::OF) {
                return None;
            }
            days = Some((u32::from(d), None));
            j = e;
        }
        if days.is_some() {
            for _ in 0..months::DAY_MONTH_LINK.len() {
                if self.word_in(j, months::DAY_MONTH_LINK) {
                    j += 1;
                }
            }
        }
        let (month, calendar, mut k) = self.month_at(j)?;
        if calendar == Calendar::Gregorian {
            k = self.paired(k, month).unwrap_or(k);
        }
        let (year, end) = match self.year_after(k, calendar) {
            Some((y, e)) => (Some(y), e),
            None => (None, k),
        };
        Some(Written { days, month, calendar, year, end })
    }

    /// The second name of a paired month (`مايو/أيار`, `مايو (أيار)`) at `k`.
    fn paired(&self, k: usize, month: u32) -> Option<usize> {
        let open = self.punct(k)?;
        let (m2, calendar, e) = self.month_at(k + 1)?;
        if m2 != month || calendar != Calendar::Gregorian {
            return None;
        }
        match open {
            '/' => Some(e),
            '(' if self.punct(e) == Some(')') => Some(e + 1),
            _ => None,
        }
    }

    /// The year after a month at `k` (`2024`, `عام 2024`, `1445 هـ`).
    fn year_after(&self, k: usize, calendar: Calendar) -> Option<(i32, usize)> {
        let mut j = k;
        if self.word(j) == Some(months::OF) && self.word_in(j + 1, months::YEAR_WORDS) {
            j += 2;
        } else if self.word_in(j, months::YEAR_WORDS) {
            j += 1;
        }
        let n = self.num(j)?;
        if self.is_punct(j + 1, &['%', ARABIC_PERCENT]) || self.chained_after(j + 1) {
            return None;
        }
        let era = self.era(j + 1);
        let ok = match (calendar, era.map(|e| e.0)) {
            (Calendar::Gregorian, None | Some(Calendar::Gregorian)) => {
                n.digits == 4 && DATE_YEARS.contains(&n.value)
            }
            (Calendar::Hijri, None) => n.digits >= 3 && HIJRI_YEARS.contains(&n.value),
            (Calendar::Hijri, Some(Calendar::Hijri)) => HIJRI_YEARS.contains(&n.value),
            _ => false,
        };
        ok.then(|| (n.value as i32, era.map_or(j + 1, |e| e.1)))
    }

    /// A written date at `i`, its year settled.
    fn written(&self, i: usize) -> Option<Hit> {
        let w = self.written_at(i)?;
        let gregorian = w.calendar == Calendar::Gregorian;
        match (w.days, w.year) {
            (Some((d1, d2)), Some(y)) => Some(self.day_hit(i, w.end, &w, y, d1, d2)),
            (Some((d1, d2)), None) => {
                if let Some(hit) = self.cross_month(i, &w, d1).filter(|_| d2.is_none()) {
                    return Some(hit);
                }
                let Some(r) = self.reference.filter(|_| gregorian) else {
                    return Some(Hit::skip(i, w.end));
                };
                let (y, end) = self.year_from_reference(r, w.end, w.month, d1, d2.unwrap_or(d1));
                Some(self.day_hit(i, end, &w, y, d1, d2))
            }
            (None, Some(y)) => Some(Hit::new(i, w.end, Some(Value::Month(y, w.month)), w.calendar)),
            (None, None) => {
                let r = self.reference.filter(|_| gregorian)?;
                let (modifier, end) = self.modifier(w.end)?;
                let y = match modifier {
                    Modifier::Past if w.month < r.1 => r.0,
                    Modifier::Past => r.0 - 1,
                    Modifier::Next if w.month > r.1 => r.0,
                    Modifier::Next => r.0 + 1,
                    Modifier::Current => r.0,
                };
                Some(Hit::new(i, end, Some(Value::Month(y, w.month)), Calendar::Gregorian))
            }
        }
    }

    /// The day (or days) of a written date, checked.
    fn day_hit(&self, i: usize, end: usize, w: &Written, y: i32, d1: u32, d2: Option<u32>) -> Hit {
        let first = (y, w.month, d1);
        let value = match d2 {
            None => Value::Day(first),
            Some(d2) if d2 > d1 => Value::Days(first, (y, w.month, d2)),
            Some(_) => return Hit::skip(i, end),
        };
        let ok = match (w.calendar, value) {
            (Calendar::Hijri, Value::Days(a, b)) => {
                hijri::is_valid_hijri(a) && hijri::is_valid_hijri(b)
            }
            (Calendar::Hijri, _) => hijri::is_valid_hijri(first),
            (_, Value::Days(a, b)) => hijri::is_valid(a) && hijri::is_valid(b),
            _ => hijri::is_valid(first),
        };
        Hit::new(i, end, ok.then_some(value), w.calendar)
    }

    /// `30 أبريل - 2 مايو 2024`, `من 28 فبراير إلى 3 مارس 2024`.
    fn cross_month(&self, i: usize, w: &Written, d1: u32) -> Option<Hit> {
        let k = w.end;
        if !self.is_punct(k, &DASHES) && !self.word_in(k, months::RANGE_TO) {
            return None;
        }
        let w2 = self.written_at(k + 1)?;
        let (Some((d2, None)), Some(y)) = (w2.days, w2.year) else { return None };
        if w2.calendar != w.calendar || w2.month == w.month {
            return None;
        }
        let y1 = if (w.month, d1) < (w2.month, d2) { y } else { y - 1 };
        let (a, b) = ((y1, w.month, d1), (y, w2.month, d2));
        let ok = match w.calendar {
            Calendar::Hijri => hijri::is_valid_hijri(a) && hijri::is_valid_hijri(b),
            Calendar::Gregorian => hijri::is_valid(a) && hijri::is_valid(b),
        };
        Some(Hit::new(i, w2.end, ok.then_some(Value::Days(a, b)), w.calendar))
    }

    /// The year of a day-month without one: from a modifier (`18 مايو
    /// الماضي`), a relative year (`18 مايو من العام الماضي`), or else the
    /// reference's year.
    fn year_from_reference(&self, r: Ymd, k: usize, m: u32, first: u32, last: u32) -> (i32, usize) {
        if let Some((modifier, e)) = self.modifier(k) {
            let y = match modifier {
                Modifier::Past if (m, last) < (r.1, r.2) => r.0,
                Modifier::Past => r.0 - 1,
                Modifier::Next if (m, first) > (r.1, r.2) => r.0,
                Modifier::Next => r.0 + 1,
                Modifier::Current => r.0,
            };
            return (y, e);
        }
        let j = if self.word(k) == Some(months::OF) { k + 1 } else { k };
        match self.lookup(j, months::RELATIVE) {
            Some((Shift::Years(n), e)) => (r.0 + i32::from(n), e),
            _ => (r.0, k),
        }
    }

    /// A year standing alone: after a cue word, or with an era suffix.
    fn lone_year(&self, i: usize) -> Option<Hit> {
        let n = self.num(i)?;
        if n.digits > 4
            || self.is_punct(i + 1, &['%', ARABIC_PERCENT])
            || self.chained_before(i)
            || self.chained_after(i + 1)
        {
            return None;
        }
        let cue = self.word_before(i).is_some_and(|w| months::YEAR_CUES.contains(&w));
        let (calendar, end, ok) = match self.era(i + 1) {
            Some((Calendar::Hijri, e)) => {
                (Calendar::Hijri, e, HIJRI_YEARS.contains(&n.value) && (cue || n.digits >= 3))
            }
            Some((c, e)) => (c, e, n.digits == 4 && DATE_YEARS.contains(&n.value)),
            None => {
                (Calendar::Gregorian, i + 1, cue && n.digits == 4 && LONE_YEARS.contains(&n.value))
            }
        };
        ok.then(|| Hit::new(i, end, Some(Value::Year(n.value as i32)), calendar))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexer_keeps_original_spans_and_folds_words() {
        let text = "الـثلاثاء، ١٤ مايو/أيّار 2024م";
        let (toks, folded) = lex(text);
        let shown: Vec<(String, &str)> = toks
            .iter()
            .map(|t| {
                let k = match t.kind {
                    Kind::Num(n) => format!("{}#{}", n.value, n.digits),
                    Kind::Word { from, to } => folded[from..to].to_string(),
                    Kind::Punct(c) => c.to_string(),
                };
                (k, &text[t.start..t.end])
            })
            .collect();
        let want = [
            ("الثلاثاء", "الـثلاثاء"),
            ("،", "،"),
            ("14#2", "١٤"),
            ("مايو", "مايو"),
            ("/", "/"),
            ("ايار", "أيّار"),
            ("2024#4", "2024"),
            ("م", "م"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|&(k, s)| (k.to_string(), s)).collect();
        assert_eq!(shown, want);
        let gaps: Vec<bool> = toks.iter().map(|t| t.gap).collect();
        assert_eq!(gaps, [true, false, true, true, false, false, true, false]);
    }

    #[test]
    fn huge_numbers_saturate() {
        let (toks, _) = lex("99999999999999999999/1");
        let Kind::Num(n) = toks[0].kind else { panic!("not a number") };
        assert_eq!((n.value, n.digits), (u32::MAX, 20));
    }
}
