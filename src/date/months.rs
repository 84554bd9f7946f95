//! WORD TABLES for dates: month names, weekdays, era suffixes, cue words and
//! relative expressions.
//!
//! Every entry is written in the *folded* form the parser compares words in
//! (see [`fold`]): hamza forms of alef become ا (أيار → ايار),
//! ى becomes ي (جمادى → جمادي), ة becomes ه (القعدة → القعده), and harakat
//! and tatweel are gone (هـ → ه). Entries of several words are separated by
//! one space and match consecutive words. A unit test checks that every entry
//! is already folded.

/// U+0622 ARABIC LETTER ALEF WITH MADDA ABOVE.
const ALEF_WITH_MADDA_ABOVE: char = '\u{0622}';
/// U+0623 ARABIC LETTER ALEF WITH HAMZA ABOVE.
const ALEF_WITH_HAMZA_ABOVE: char = '\u{0623}';
/// U+0625 ARABIC LETTER ALEF WITH HAMZA BELOW.
const ALEF_WITH_HAMZA_BELOW: char = '\u{0625}';
/// U+0671 ARABIC LETTER ALEF WASLA.
const ALEF_WASLA: char = '\u{0671}';
/// U+0627 ARABIC LETTER ALEF.
const ALEF: char = '\u{0627}';
/// U+0649 ARABIC LETTER ALEF MAKSURA.
const ALEF_MAKSURA: char = '\u{0649}';
/// U+064A ARABIC LETTER YEH.
const YEH: char = '\u{064A}';
/// U+06CC ARABIC LETTER FARSI YEH.
const FARSI_YEH: char = '\u{06CC}';
/// U+0626 ARABIC LETTER YEH WITH HAMZA ABOVE.
const YEH_WITH_HAMZA_ABOVE: char = '\u{0626}';
/// U+0629 ARABIC LETTER TEH MARBUTA.
const TEH_MARBUTA: char = '\u{0629}';
/// U+0647 ARABIC LETTER HEH.
const HEH: char = '\u{0647}';
/// U+0624 ARABIC LETTER WAW WITH HAMZA ABOVE.
const WAW_WITH_HAMZA_ABOVE: char = '\u{0624}';
/// U+0648 ARABIC LETTER WAW.
const WAW: char = '\u{0648}';
/// U+06A9 ARABIC LETTER KEHEH.
const KEHEH: char = '\u{06A9}';
/// U+0643 ARABIC LETTER KAF.
const KAF: char = '\u{0643}';
/// U+0640 ARABIC TATWEEL.
const TATWEEL: char = '\u{0640}';

/// How a character is matched: hamza forms of alef → ا, ى → ي, ة → ه,
/// ؤ → و, ئ → ي, the Persian forms ک → ك and ی → ي, ASCII letters
/// lowercased; harakat and tatweel are dropped (`None`).
///
/// - ا U+0627 for آ U+0622, أ U+0623, إ U+0625, ٱ U+0671;
/// - ي U+064A for ى U+0649, ئ U+0626, ی U+06CC;
/// - ه U+0647 for ة U+0629; و U+0648 for ؤ U+0624; ك U+0643 for ک U+06A9.
pub(super) fn fold(c: char) -> Option<char> {
    Some(match c {
        ALEF_WITH_MADDA_ABOVE | ALEF_WITH_HAMZA_ABOVE | ALEF_WITH_HAMZA_BELOW | ALEF_WASLA => ALEF,
        ALEF_MAKSURA | YEH_WITH_HAMZA_ABOVE | FARSI_YEH => YEH,
        TEH_MARBUTA => HEH,
        WAW_WITH_HAMZA_ABOVE => WAW,
        KEHEH => KAF,
        _ if is_mark(c) => return None,
        _ => c.to_ascii_lowercase(),
    })
}

/// [`fold`] over a string.
#[cfg(test)]
pub(super) fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

/// Harakat U+064B–U+065F, superscript alef U+0670 and tatweel U+0640: part of
/// the word they sit on, ignored when matching.
pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | TATWEEL)
}

/// Gregorian month names and their numbers (at least two per month), in the
/// three systems of Arabic news:
///
/// - Egypt, the Gulf and most papers: يناير … ديسمبر (with the يونيه/يوليه
///   spellings);
/// - the Levant and Iraq (Syriac names): كانون الثاني، شباط، آذار، نيسان،
///   أيار، حزيران، تموز، آب، أيلول، تشرين الأول، تشرين الثاني، كانون الأول;
/// - the Maghreb (French names): جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت,
///   and Morocco: يوليوز، غشت، شتنبر، نونبر، دجنبر.
///
/// Some names are also ordinary words (مارس "practised", آب folds to أب
/// "father", ماي, كانون "stove"): no month name is ever a date on its own,
/// only next to a day or a year number (or as a month with a relative
/// modifier and a reference date, مارس الماضي), so those readings never
/// match.
pub(super) const GREGORIAN_MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("كانون الثاني", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("اوت", 8),
    ("غشت", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("كانون الاول", 12),
];

/// Hijri month names and their numbers, with the usual variants (ربيع الآخر
/// or الثاني, جمادى الأولى with ى or ي, جمادى الآخرة or الثانية, ذو or ذي
/// before القعدة and الحجة).
pub(super) const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الثانيه", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// Weekday names with the article, and their numbers (0 = Sunday). Without
/// the article (أحد "one", اثنين "two") a name is a weekday only after يوم.
pub(super) const WEEKDAYS: &[(&str, u8)] = &[
    ("الاحد", 0),
    ("الاثنين", 1),
    ("الثلاثاء", 2),
    ("الثلثاء", 2),
    ("الاربعاء", 3),
    ("الخميس", 4),
    ("الجمعه", 5),
    ("السبت", 6),
];

/// The word that lets a weekday name go without its article (يوم سبت).
pub(super) const DAY_WORD: &str = "يوم";

/// Words before a weekday name that make it something else: كلا الاثنين
/// and بين الاثنين ("both", "between the two"), the name عبد الأحد.
pub(super) const NOT_WEEKDAY_BEFORE: &[&str] = &["كلا", "بين", "عبد"];
/// الاثنين معا ("the two together"), الأحد عشر ("the eleven").
pub(super) const NOT_WEEKDAY_AFTER: &[&str] = &["معا", "عشر"];

/// Words allowed between a weekday and the date it introduces, besides a
/// comma or a dash: الأحد الموافق 12 مايو.
pub(super) const WEEKDAY_LINK: &[&str] = &["الموافق"];

/// Era suffixes after a Gregorian year: م (ميلادي, "AD").
pub(super) const GREGORIAN_ERA: &[&str] = &["م", "ميلادي", "ميلاديه"];
/// Era suffixes after a Hijri year: هـ (هجري, "AH"), للهجرة.
pub(super) const HIJRI_ERA: &[&str] = &["ه", "هجري", "هجريه", "للهجره"];

/// Words before a lone four-digit number that make it a year: عام 2023,
/// في 2024, منذ 2019.
pub(super) const YEAR_CUES: &[&str] =
    &["عام", "العام", "لعام", "للعام", "بعام", "سنه", "السنه", "لسنه", "للسنه", "في", "منذ", "حتي"];

/// Words that may stand between a month and its year (مايو من عام 2024) or
/// between بين/من and a year of a range (بين عامي 2019 و2021).
pub(super) const YEAR_WORDS: &[&str] =
    &["عام", "العام", "سنه", "السنه", "عامي", "العامين", "سنتي", "السنتين", "وعام", "وسنه"];

/// The definite article: a weekday without it needs يوم before it, and
/// اليوم before a word with it is "the day …" (اليوم الوطني).
pub(super) const ARTICLE: &str = "ال";
/// The opener of a range whose ends are joined by و: بين 2019 و2021.
pub(super) const BETWEEN: &str = "بين";

/// Words that open a year range before its first year: بين 2019 و2021,
/// من 2019 إلى 2021.
pub(super) const RANGE_FROM: &[&str] = &["بين", "من", "منذ"];
/// Words between the two ends of a range after من: إلى، حتى، لغاية.
pub(super) const RANGE_TO: &[&str] = &["الي", "حتي", "لغايه", "وحتي"];
/// The word between the two ends of a range after بين, and between two days
/// (3 و4 مايو).
pub(super) const AND: &str = "و";
/// Ordinal words for a day, before من and a month (في الأول من مايو، العاشر
/// من رمضان), and غرة "the first day of", directly before the month (غرة
/// رمضان). Only the first ten: later days are written as numbers in news.
pub(super) const ORDINAL_DAYS: &[(&str, u8)] = &[
    ("الاول", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
    ("غره", 1),
];
/// The ordinal word that needs no من before its month.
pub(super) const FIRST_OF: &str = "غره";
/// The word between an ordinal day and its month.
pub(super) const OF: &str = "من";
/// Words between a day and its month: 18 من شهر مايو.
pub(super) const DAY_MONTH_LINK: &[&str] = &["من", "شهر"];

/// What a relative expression or modifier means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shift {
    /// That many days from the reference date (precision day).
    Days(i8),
    /// That many weeks from the reference date, as a range of seven days:
    /// −1 is the seven days before the reference, +1 the seven days after.
    Weeks(i8),
    /// That many months from the reference month (precision month).
    Months(i8),
    /// That many years from the reference year (precision year).
    Years(i8),
}

/// Relative expressions, resolved against the reference date. The longest
/// match wins (أول أمس before أمس).
pub(super) const RELATIVE: &[(&str, Shift)] = &[
    ("اول امس", Shift::Days(-2)),
    ("اول من امس", Shift::Days(-2)),
    ("امس", Shift::Days(-1)),
    ("الامس", Shift::Days(-1)),
    ("بالامس", Shift::Days(-1)),
    ("البارحه", Shift::Days(-1)),
    ("اليوم", Shift::Days(0)),
    ("غدا", Shift::Days(1)),
    ("بعد غد", Shift::Days(2)),
    ("الاسبوع الماضي", Shift::Weeks(-1)),
    ("الاسبوع المنصرم", Shift::Weeks(-1)),
    ("الاسبوع المقبل", Shift::Weeks(1)),
    ("الاسبوع القادم", Shift::Weeks(1)),
    ("الشهر الماضي", Shift::Months(-1)),
    ("الشهر المنصرم", Shift::Months(-1)),
    ("الشهر المقبل", Shift::Months(1)),
    ("الشهر القادم", Shift::Months(1)),
    ("هذا الشهر", Shift::Months(0)),
    ("الشهر الجاري", Shift::Months(0)),
    ("الشهر الحالي", Shift::Months(0)),
    ("العام الماضي", Shift::Years(-1)),
    ("العام المنصرم", Shift::Years(-1)),
    ("السنه الماضيه", Shift::Years(-1)),
    ("العام المقبل", Shift::Years(1)),
    ("العام القادم", Shift::Years(1)),
    ("السنه المقبله", Shift::Years(1)),
    ("السنه القادمه", Shift::Years(1)),
    ("هذا العام", Shift::Years(0)),
    ("العام الجاري", Shift::Years(0)),
    ("العام الحالي", Shift::Years(0)),
    ("هذه السنه", Shift::Years(0)),
    ("السنه الجاريه", Shift::Years(0)),
    ("السنه الحاليه", Shift::Years(0)),
];

/// Words before اليوم that make it "that day", not "today": في ذلك اليوم،
/// في نفس اليوم. (اليوم followed by a word with the article is also "the
/// day …": اليوم الوطني، اليوم التالي.)
pub(super) const NOT_TODAY_BEFORE: &[&str] = &["ذلك", "ذات", "نفس", "ذاك", "لذلك"];

/// Modifiers after a weekday, a day-month or a month: the last one before
/// the reference date (الماضي), the next one after it (المقبل), or the one
/// of the reference's year (الجاري, months only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Modifier {
    /// الماضي: strictly before the reference.
    Past,
    /// المقبل: strictly after the reference.
    Next,
    /// الجاري: in the reference's year.
    Current,
}

/// The modifier words, masculine and feminine.
pub(super) const MODIFIERS: &[(&str, Modifier)] = &[
    ("الماضي", Modifier::Past),
    ("المنصرم", Modifier::Past),
    ("الفايت", Modifier::Past),
    ("الماضيه", Modifier::Past),
    ("المقبل", Modifier::Next),
    ("القادم", Modifier::Next),
    ("المقبله", Modifier::Next),
    ("القادمه", Modifier::Next),
    ("الجاري", Modifier::Current),
    ("الحالي", Modifier::Current),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<&'static str> {
        let mut all: Vec<&str> = Vec::new();
        all.extend(GREGORIAN_MONTHS.iter().map(|e| e.0));
        all.extend(HIJRI_MONTHS.iter().map(|e| e.0));
        all.extend(WEEKDAYS.iter().map(|e| e.0));
        all.extend(RELATIVE.iter().map(|e| e.0));
        all.extend(MODIFIERS.iter().map(|e| e.0));
        all.extend(ORDINAL_DAYS.iter().map(|e| e.0));
        for list in [
            NOT_WEEKDAY_BEFORE,
            NOT_WEEKDAY_AFTER,
            WEEKDAY_LINK,
            GREGORIAN_ERA,
            HIJRI_ERA,
            YEAR_CUES,
            YEAR_WORDS,
            RANGE_FROM,
            RANGE_TO,
            DAY_MONTH_LINK,
            NOT_TODAY_BEFORE,
        ] {
            all.extend(list);
        }
        all.extend([DAY_WORD, AND, FIRST_OF, OF, ARTICLE, BETWEEN]);
        all
    }

    #[test]
    fn every_table_entry_is_written_folded() {
        for w in words() {
            assert_eq!(fold_str(w), w, "{w:?} is not in folded form");
            assert!(!w.starts_with(' ') && !w.ends_with(' ') && !w.contains("  "), "{w:?}");
        }
    }

    #[test]
    fn every_month_number_has_a_name_in_each_table() {
        for (table, systems) in [(GREGORIAN_MONTHS, 2), (HIJRI_MONTHS, 1)] {
            for m in 1..=12 {
                let n = table.iter().filter(|e| e.1 == m).count();
                assert!(n >= systems, "month {m} has {n} names");
            }
            assert!(table.iter().all(|e| (1..=12).contains(&e.1)));
        }
    }

    #[test]
    fn no_name_means_two_things() {
        let mut names: Vec<&str> = GREGORIAN_MONTHS
            .iter()
            .chain(HIJRI_MONTHS)
            .chain(WEEKDAYS)
            .map(|e| e.0)
            .chain(RELATIVE.iter().map(|e| e.0))
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn well_known_spellings_fold_to_their_month() {
        let table = [
            ("أبريل", 4),
            ("إبريل", 4),
            ("أغسطس", 8),
            ("أكتوبر", 10),
            ("آذار", 3),
            ("أيار", 5),
            ("آب", 8),
            ("أيلول", 9),
            ("تشرين الأول", 10),
            ("كانون الأول", 12),
            ("جويلية", 7),
            ("أفريل", 4),
            ("أوت", 8),
        ];
        for (written, m) in table {
            let f = fold_str(written);
            let got = GREGORIAN_MONTHS.iter().find(|e| e.0 == f).map(|e| e.1);
            assert_eq!(got, Some(m), "{written}");
        }
        let hijri = [
            ("ربيع الآخر", 4),
            ("جمادى الأولى", 5),
            ("جمادى الآخرة", 6),
            ("ذو القعدة", 11),
            ("ذي الحجّة", 12),
            ("شوّال", 10),
            ("محرّم", 1),
        ];
        for (written, m) in hijri {
            let f = fold_str(written);
            let got = HIJRI_MONTHS.iter().find(|e| e.0 == f).map(|e| e.1);
            assert_eq!(got, Some(m), "{written}");
        }
    }

    #[test]
    fn folding_drops_marks_and_merges_letter_variants() {
        let table = [
            ("أيار", "ايار"),
            ("إبريل", "ابريل"),
            ("آذار", "اذار"),
            ("جمادى", "جمادي"),
            ("القعدة", "القعده"),
            ("هـ", "ه"),
            ("غداً", "غدا"),
            ("شوّال", "شوال"),
            ("ی", "ي"),
            ("T", "t"),
        ];
        for (input, want) in table {
            assert_eq!(fold_str(input), want, "{input}");
        }
    }
}
