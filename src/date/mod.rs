//! DATE EXTRACTION: Gregorian and Hijri dates in Arabic text, as ISO strings.
//!
//! [`extract_dates`] finds every date expression of a text; see
//! `parse.rs` for the grammar, `months.rs` for the word tables and
//! `hijri.rs` for the calendar arithmetic and its limits.
//!
//! What is recognised (words are matched folded — أ/إ/آ/ا, ى/ي, ة/ه,
//! harakat and tatweel do not matter — while spans point into the original
//! text; digits may be ASCII, Arabic-Indic ٠–٩ or Persian ۰–۹):
//!
//! - written dates with Gregorian month names in every system (مايو، أيار،
//!   ماي …) and paired names (`18 مايو/أيار 2024`, `18 مايو (أيار)`),
//!   Hijri month names (`5 ذو القعدة 1445 هـ`), and era suffixes (م، ميلادي،
//!   هـ، هجري، للهجرة), which are part of the span; the day may be an
//!   ordinal word up to the tenth (`الأول من مايو 2024`, `غرة رمضان 1445 هـ`);
//! - numeric dates, day first (`14/05/2024`, `14-05-2024`, `14.05.2024`, the
//!   Arab convention) or year first (`2024-05-14`, ISO timestamps); an
//!   impossible date (`31/02/2024`) gives nothing;
//! - a year alone after a cue word (عام، العام، سنة، في، منذ، حتى), between
//!   1900 and 2100, or with an era suffix;
//! - ranges: `2024-2025`, `بين 2019 و2021`, `من 3 إلى 5 مايو 2024`,
//!   `3-5 مايو 2024`, `30 أبريل - 2 مايو 2024`;
//! - a weekday just before a day (`الثلاثاء 14 مايو 2024`): it is part of the
//!   span and checked, see [`DateMention::weekday_mismatch`];
//! - with a reference date only: relative expressions (أمس، أول أمس،
//!   اليوم، غدا، الأسبوع الماضي، الشهر المقبل، العام الماضي …), a day and
//!   month without a year (`18 مايو` takes the reference's year; `18 مايو
//!   الماضي` the last one before it), a month with a modifier (`مايو
//!   الماضي`) and a bare weekday (`الثلاثاء`: the nearest Tuesday within
//!   three days of the reference; `الثلاثاء الماضي`: the last one before).
//!
//! Cue words (في، عام، من، بين، الموافق) are not part of a span; a modifier
//! that decides the date (الماضي) is.
//!
//! A month name is never a date on its own (مارس is also a verb, آب also
//! "father", ماي also a name), numbers in a longer chain (`192.168.1.1`,
//! `10:30`) are never dates, and a four-digit number without a cue
//! (`2024 شخصا`) is not a year.

mod hijri;
mod months;
mod parse;

use crate::document::Span;
use hijri::Ymd;
use parse::{Found, Value};

/// How much of a date a [`DateMention`] states; it decides the shape of
/// [`DateMention::date`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DatePrecision {
    /// One day: `"2024-05-18"`.
    Day,
    /// One month: `"2024-05"`.
    Month,
    /// One year: `"2024"`.
    Year,
    /// A range, both ends included, as two ISO dates of the same precision
    /// separated by `/`: `"2024-05-18/2024-05-20"` (days) or `"2024/2025"`
    /// (years).
    Range,
}

impl DatePrecision {
    /// `"day"`, `"month"`, `"year"` or `"range"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Range => "range",
        }
    }
}

/// The calendar a date was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Calendar {
    /// The Gregorian calendar (مايو، أيار، ماي …).
    Gregorian,
    /// The Hijri (Islamic lunar) calendar (محرم … ذو الحجة).
    Hijri,
}

impl Calendar {
    /// `"gregorian"` or `"hijri"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Hijri => "hijri",
        }
    }
}

/// One date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the expression in the input (a weekday before the date
    /// and an era suffix after it included, cue words such as في or عام not).
    pub span: Span,
    /// The date in the Gregorian calendar, shaped by [`precision`]: `"2024-05-18"`,
    /// `"2024-05"`, `"2024"`, or a range `"2024-05-18/2024-05-20"`,
    /// `"2024/2025"`. Hijri dates are converted (see [`hijri`]); a Hijri month
    /// gives the Gregorian month of its first day, a Hijri year the Gregorian
    /// year of its 1 Muharram.
    ///
    /// [`precision`]: DateMention::precision
    /// [`hijri`]: DateMention::hijri
    pub date: String,
    /// How much of a date the expression states.
    pub precision: DatePrecision,
    /// The calendar the text was written in.
    pub calendar: Calendar,
    /// For [`Calendar::Hijri`], the Hijri date as written, in the same shape
    /// as [`date`](DateMention::date): `"1445-11-05"`, `"1445-09"`, `"1445"`,
    /// `"1445-10-01/1445-10-03"`. `None` for Gregorian dates.
    ///
    /// The conversion uses the tabular Islamic calendar, which may differ by
    /// a day from the Umm al-Qura calendar or from a moon sighting. When a
    /// weekday is written before a Hijri day and names the day before or
    /// after the tabular one, the weekday decides.
    pub hijri: Option<String>,
    /// A weekday written before the date names another day than the date's
    /// own weekday (`الأربعاء 14 مايو 2024`, a Tuesday). The date is still
    /// returned, as written: the numbers win over the weekday.
    pub weekday_mismatch: bool,
}

/// Finds every date expression in `text`, in order.
///
/// `reference` is the document's own date, ISO `"YYYY-MM-DD"` (anything after
/// the tenth character, such as a time, is ignored). It resolves relative
/// expressions (أمس، اليوم، غدا، العام الماضي، الشهر المقبل، الأسبوع الماضي
/// …), a day and month without a year (`18 مايو` → the reference's year) and
/// bare weekdays. Without a reference (or with one that is not a valid date)
/// those expressions are skipped. Relative results are Gregorian:
///
/// - أمس، أول أمس، اليوم، غدا، بعد غد: the day (precision day);
/// - الأسبوع الماضي: the seven days before the reference, الأسبوع المقبل the
///   seven days after it (precision range of days), whatever day the week
///   starts on locally;
/// - الشهر الماضي/المقبل/الجاري: the month (precision month);
/// - العام الماضي/المقبل/الجاري: the year (precision year);
/// - a bare weekday (السبت … الجمعة, with or without يوم): news use it for a
///   day of the same week, before or after the reference, so it resolves to
///   the nearest such day within three days of the reference (the reference
///   day itself if it is that weekday); with الماضي the last one strictly
///   before, with المقبل the next one strictly after.
///
/// Work is linear in the length of the text and nothing in it can cause a
/// panic.
///
/// ```
/// use fahras::{extract_dates, Calendar, DatePrecision};
///
/// let text = "وصل الوفد الثلاثاء 14 مايو/أيار 2024 على أن يغادر أمس";
/// let dates = extract_dates(text, Some("2024-05-15"));
/// assert_eq!(dates.len(), 2);
/// assert_eq!(&text[dates[0].span.range()], "الثلاثاء 14 مايو/أيار 2024");
/// assert_eq!(dates[0].date, "2024-05-14");
/// assert_eq!(dates[0].precision, DatePrecision::Day);
/// assert_eq!(dates[1].date, "2024-05-14");
///
/// let hijri = extract_dates("حلّ شهر رمضان 1445 هـ", None);
/// assert_eq!(hijri[0].calendar, Calendar::Hijri);
/// assert_eq!((hijri[0].date.as_str(), hijri[0].hijri.as_deref()), ("2024-03", Some("1445-09")));
/// ```
pub fn extract_dates(text: &str, reference: Option<&str>) -> Vec<DateMention> {
    let reference = reference.and_then(parse_reference);
    // Without a reference date, every expression needs a number: a text
    // without digits is passed over at byte speed.
    if reference.is_none() && !has_digit(text) {
        return Vec::new();
    }
    parse::scan(text, reference).into_iter().map(mention).collect()
}

/// Whether the text has an ASCII, Arabic-Indic (U+0660–0669) or Persian
/// (U+06F0–06F9) digit.
fn has_digit(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c.is_ascii_digit()
            || (c == 0xD9 && b.get(i + 1).is_some_and(|n| (0xA0..=0xA9).contains(n)))
            || (c == 0xDB && b.get(i + 1).is_some_and(|n| (0xB0..=0xB9).contains(n)))
    })
}

/// The single date a short line states, for the publication-date lines of
/// scraped pages: `"الثلاثاء 14 مايو 2024"`, `"14/05/2024 10:30"`, `"نشر في: 3
/// أيار 2023"`, `"2024-05-14T10:00:00Z"`, `"١٤ مايو ٢٠٢٤"`, `"الأحد 5 ذو
/// القعدة 1445 هـ"`.
///
/// Returns the ISO `"YYYY-MM-DD"` of the first Gregorian day the line names,
/// else of its first Hijri day (converted), else `None` (months, years and
/// relative words are not publication dates).
///
/// ```
/// use fahras::publication_date;
/// assert_eq!(publication_date("نشر في: 3 أيار 2023 - 10:45").as_deref(), Some("2023-05-03"));
/// assert_eq!(publication_date("آخر تحديث: منذ ساعتين"), None);
/// ```
pub fn publication_date(line: &str) -> Option<String> {
    let days: Vec<DateMention> = extract_dates(line, None)
        .into_iter()
        .filter(|m| m.precision == DatePrecision::Day)
        .collect();
    let first = days.iter().find(|m| m.calendar == Calendar::Gregorian).or(days.first());
    first.map(|m| m.date.clone())
}

/// `"YYYY-MM-DD"` (and anything after) as a valid date, years 1000–9000.
fn parse_reference(s: &str) -> Option<Ymd> {
    let b = s.as_bytes().get(..10)?;
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = (number(0..4)? as i32, number(5..7)?, number(8..10)?);
    (hijri::is_valid(date) && (1000..=9000).contains(&date.0)).then_some(date)
}

/// `YYYY-MM-DD`.
fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A found date as a public mention: converted to Gregorian, weekday checked.
fn mention(f: Found) -> DateMention {
    let hijri = f.calendar == Calendar::Hijri;
    let days = |date: Ymd| {
        if hijri {
            hijri::hijri_to_days(date)
        } else {
            hijri::days_from_civil(date)
        }
    };
    let gregorian = |date: Ymd| hijri::civil_from_days(days(date));
    let mut weekday_mismatch = false;
    let (precision, date, written) = match f.value {
        Value::Day(date) => {
            let mut n = days(date);
            if let Some(wd) = f.weekday {
                if hijri::weekday(n) != wd {
                    // The tabular Hijri calendar can be a day off: a weekday
                    // naming the day before or after settles it.
                    match [n - 1, n + 1].into_iter().find(|&m| hijri && hijri::weekday(m) == wd) {
                        Some(m) => n = m,
                        None => weekday_mismatch = true,
                    }
                }
            }
            (DatePrecision::Day, iso(hijri::civil_from_days(n)), iso(date))
        }
        Value::Month(y, m) => {
            let (gy, gm, _) = gregorian((y, m, 1));
            (DatePrecision::Month, format!("{gy:04}-{gm:02}"), format!("{y:04}-{m:02}"))
        }
        Value::Year(y) => {
            (DatePrecision::Year, format!("{:04}", gregorian((y, 1, 1)).0), format!("{y:04}"))
        }
        Value::Days(a, b) => (
            DatePrecision::Range,
            format!("{}/{}", iso(gregorian(a)), iso(gregorian(b))),
            format!("{}/{}", iso(a), iso(b)),
        ),
        Value::Years(a, b) => (
            DatePrecision::Range,
            format!("{:04}/{:04}", gregorian((a, 1, 1)).0, gregorian((b, 1, 1)).0),
            format!("{a:04}/{b:04}"),
        ),
    };
    DateMention {
        span: Span { start: f.start, end: f.end },
        date,
        precision,
        calendar: f.calendar,
        hijri: hijri.then_some(written),
        weekday_mismatch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_lines_give_one_day() {
        let table = [
            ("الثلاثاء 14 مايو 2024", Some("2024-05-14")),
            ("14/05/2024 10:30", Some("2024-05-14")),
            ("نشر في: 3 أيار 2023", Some("2023-05-03")),
            ("2024-05-14T10:00:00Z", Some("2024-05-14")),
            ("١٤ مايو ٢٠٢٤", Some("2024-05-14")),
            ("۱۴ مه ۲۰۲۴ - 14.05.2024", Some("2024-05-14")),
            ("الأحد 5 ذو القعدة 1445 هـ", Some("2024-05-12")),
            ("الأحد 5 ذو القعدة 1445 هـ الموافق 12 مايو 2024 م", Some("2024-05-12")),
            ("آخر تحديث: 2024/05/14 - 09:15 ص", Some("2024-05-14")),
            ("مايو 2024", None),
            ("منذ ساعتين", None),
            ("31/02/2024", None),
            ("", None),
        ];
        for (line, want) in table {
            assert_eq!(publication_date(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn references_must_be_iso_dates() {
        let table = [
            ("2024-05-14", Some((2024, 5, 14))),
            ("2024-05-14T10:00:00Z", Some((2024, 5, 14))),
            ("2024-02-30", None),
            ("14/05/2024", None),
            ("2024-5-14", None),
            ("٢٠٢٤-٠٥-١٤", None),
            ("2024", None),
            ("0000-01-01", None),
        ];
        for (s, want) in table {
            assert_eq!(parse_reference(s), want, "{s}");
        }
    }

    #[test]
    fn names_are_stable() {
        let precisions = [
            (DatePrecision::Day, "day"),
            (DatePrecision::Month, "month"),
            (DatePrecision::Year, "year"),
            (DatePrecision::Range, "range"),
        ];
        for (p, s) in precisions {
            assert_eq!(p.as_str(), s);
        }
        assert_eq!(Calendar::Gregorian.as_str(), "gregorian");
        assert_eq!(Calendar::Hijri.as_str(), "hijri");
    }

    /// A tiny xorshift generator, so the test needs no extra crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Checks what must hold for any input: spans inside the text, on char
    /// boundaries, in order and not overlapping; dates well formed.
    fn check(text: &str, reference: Option<&str>) {
        let mut last = 0;
        for m in extract_dates(text, reference) {
            let Span { start, end } = m.span;
            assert!(last <= start && start < end && end <= text.len(), "{text:?}: {m:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}");
            last = end;
            let ok = m.date.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'/');
            assert!(ok && !m.date.is_empty(), "{text:?}: {m:?}");
        }
        let _ = publication_date(text);
    }

    #[test]
    fn hostile_and_random_input_never_panics() {
        // Pieces joined by `|`; spaces, marks and controls included.
        let pieces: Vec<&str> = "14|/|-|.|:|2024|١٤|۲۰۲۴|99999999999|مايو|أيار|(|)|هـ|م|ذو|القعدة|\
            الثلاثاء|يوم|أمس|العام|الماضي|بين|و|من|إلى|31|0|رمضان|1445| |  |\n|ـ|\u{200F}|ً|%|T|\
            e\u{301}|𝄞|كانون|الثاني|عام|الموافق|1900|2100|الأول|غرة"
            .split('|')
            .collect();
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let len = (rng.next() % 40) as usize;
            let mut text = String::new();
            for _ in 0..len {
                let piece = pieces[(rng.next() % pieces.len() as u64) as usize];
                text.push_str(piece);
                if rng.next() % 3 == 0 {
                    text.push(' ');
                }
            }
            let reference = ["2024-05-15", "2024-12-31", "2024-01-01"][round % 3];
            check(&text, Some(reference));
            check(&text, None);
        }
        // Random code points, including the Arabic block.
        for _ in 0..500 {
            let text: String = (0..(rng.next() % 64))
                .filter_map(|_| {
                    let r = rng.next();
                    let cp = if r % 2 == 0 { 0x0600 + (r >> 8) % 0x100 } else { (r >> 8) % 0x3000 };
                    char::from_u32(cp as u32)
                })
                .collect();
            check(&text, Some("2024-05-15"));
        }
        let hostile = [
            "99999999999/99/99".to_string(),
            "1/".repeat(10_000),
            "/".repeat(10_000),
            "2024-".repeat(10_000),
            "١".repeat(100_000),
            "14 مايو ".repeat(20_000),
            "الثلاثاء ".repeat(20_000),
            format!("في {}", "9".repeat(50_000)),
            "ـ".repeat(50_000),
            "ً".repeat(50_000),
        ];
        for text in &hostile {
            check(text, Some("2024-05-15"));
        }
    }

    #[test]
    fn one_megabyte_of_news_text_is_read_in_one_pass() {
        let sentence =
            "أعلنت الوزارة الثلاثاء 14 مايو 2024 أن 12 شخصا أصيبوا في 3-5 مايو، بين 2019 و2021. ";
        let text = sentence.repeat(1_000_000 / sentence.len() + 1);
        let found = extract_dates(&text, Some("2024-05-15"));
        assert_eq!(found.len(), 3 * (1_000_000 / sentence.len() + 1));
    }
}
