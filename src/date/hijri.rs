//! CALENDAR ARITHMETIC: day numbers for the proleptic Gregorian calendar and
//! the tabular Hijri calendar.
//!
//! Every date is turned into a day number (days since 1970-01-01, negative
//! before), which makes shifting by days, weekdays and conversions plain
//! integer arithmetic.
//!
//! # The Hijri conversion
//!
//! A Hijri date is converted with the **tabular (arithmetic) Islamic
//! calendar**, in its most common variant:
//!
//! - epoch: 1 Muharram AH 1 = 16 July 622 in the Julian calendar (the "civil"
//!   or Friday epoch), which is 19 July 622 in the proleptic Gregorian
//!   calendar;
//! - odd months have 30 days and even months 29, except Dhu al-Hijjah (12),
//!   which has 30 days in a leap year;
//! - a 30-year cycle with 11 leap years: years 2, 5, 7, 10, 13, 16, 18, 21,
//!   24, 26 and 29 of the cycle (a year `y` is leap when `(14 + 11·y) mod 30
//!   < 11`).
//!
//! The real calendars do not follow a table: Saudi Arabia uses the Umm
//! al-Qura calendar (computed from the moon's position at Mecca), and many
//! countries start a month on the sighting of the crescent. **A converted
//! date can therefore be one day early or late** (rarely two), and the text
//! can name a 30th day in a month the table gives 29 days; such a day is
//! accepted and counted into the next month. When a weekday is written next
//! to the Hijri date, `super::mention` uses it to settle that one day (see
//! [`DateMention::weekday_mismatch`](crate::DateMention::weekday_mismatch)).
//! Known pairs, with the observed (Umm al-Qura) date and the tabular result,
//! are the table of `tests::tabular_dates_are_within_a_day_of_observed_dates`.

/// A calendar date: year, month (1–12), day (1–31).
pub(super) type Ymd = (i32, u32, u32);

/// Day number of 1 Muharram AH 1: 19 July 622 (proleptic Gregorian), which
/// is 16 July 622 in the Julian calendar.
const HIJRI_EPOCH: i64 = days_from_civil((622, 7, 19));

/// Days in the Hijri month as the table counts them.
const HIJRI_DAYS_MAX: u32 = 30;

/// Whether `y` is a Gregorian leap year.
pub(super) const fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a Gregorian month (0 for a month outside 1–12).
pub(super) const fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `(y, m, d)` is a real Gregorian date.
pub(super) const fn is_valid((y, m, d): Ymd) -> bool {
    d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
pub(super) const fn days_from_civil((y, m, d): Ymd) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day number (the inverse of
/// [`days_from_civil`]).
pub(super) const fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

/// The weekday of a day number: 0 = Sunday (الأحد) … 6 = Saturday (السبت).
/// 1970-01-01 was a Thursday.
pub(super) const fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// Whether a Hijri date is in range: month 1–12, day 1–30 (see the module
/// docs on 30th days), year 1 or later.
pub(super) const fn is_valid_hijri((y, m, d): Ymd) -> bool {
    y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= HIJRI_DAYS_MAX
}

/// Day number of a Hijri date in the tabular calendar (Reingold and
/// Dershowitz, *Calendrical Calculations*, `fixed-from-islamic`).
pub(super) const fn hijri_to_days((y, m, d): Ymd) -> i64 {
    let (y, m, d) = (y as i64, m as i64, d as i64);
    HIJRI_EPOCH - 1 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 29 * (m - 1) + m / 2 + d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_day_numbers_round_trip_and_know_their_weekdays() {
        // (date, day number, weekday 0 = Sunday)
        let table: &[(Ymd, i64, u32)] = &[
            ((1970, 1, 1), 0, 4),
            ((2000, 2, 29), 11_016, 2),
            ((2024, 5, 14), 19_857, 2),
            ((2024, 5, 12), 19_855, 0),
            ((1969, 12, 31), -1, 3),
            ((622, 7, 19), -492_148, 5),
        ];
        for &(date, days, wd) in table {
            assert_eq!(days_from_civil(date), days, "{date:?}");
            assert_eq!(civil_from_days(days), date, "{days}");
            assert_eq!(weekday(days), wd, "{date:?}");
        }
        for z in (-800_000..80_000).step_by(97) {
            assert_eq!(days_from_civil(civil_from_days(z)), z);
        }
    }

    #[test]
    fn month_lengths_follow_the_gregorian_rules() {
        let table = [
            ((2024, 2), 29),
            ((2023, 2), 28),
            ((1900, 2), 28),
            ((2000, 2), 29),
            ((2024, 4), 30),
            ((2024, 12), 31),
            ((2024, 13), 0),
            ((2024, 0), 0),
        ];
        for ((y, m), n) in table {
            assert_eq!(days_in_month(y, m), n, "{y}-{m}");
        }
    }

    #[test]
    fn the_epoch_is_a_friday_sixteenth_of_july_622_julian() {
        assert_eq!(hijri_to_days((1, 1, 1)), HIJRI_EPOCH);
        assert_eq!(civil_from_days(HIJRI_EPOCH), (622, 7, 19));
        assert_eq!(weekday(HIJRI_EPOCH), 5);
    }

    #[test]
    fn leap_years_of_the_cycle_have_355_days() {
        let leap = [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29];
        for y in 1..=90 {
            let len = hijri_to_days((y + 1, 1, 1)) - hijri_to_days((y, 1, 1));
            let want = if leap.contains(&((y - 1) % 30 + 1)) { 355 } else { 354 };
            assert_eq!(len, want, "year {y}");
        }
        // 30 years are 10,631 days.
        assert_eq!(hijri_to_days((1471, 1, 1)) - hijri_to_days((1441, 1, 1)), 10_631);
    }

    #[test]
    fn tabular_dates_are_within_a_day_of_observed_dates() {
        // (Hijri date, observed date (Umm al-Qura / announced), tabular date)
        let table: &[(Ymd, Ymd, Ymd)] = &[
            ((1445, 1, 1), (2023, 7, 19), (2023, 7, 19)),
            ((1445, 9, 1), (2024, 3, 11), (2024, 3, 11)),
            ((1444, 10, 1), (2023, 4, 21), (2023, 4, 22)),
            ((1445, 11, 1), (2024, 5, 9), (2024, 5, 9)),
            ((1445, 12, 10), (2024, 6, 16), (2024, 6, 17)),
            ((1446, 1, 1), (2024, 7, 7), (2024, 7, 8)),
            ((1446, 9, 1), (2025, 3, 1), (2025, 3, 1)),
            ((1440, 9, 1), (2019, 5, 6), (2019, 5, 6)),
            ((1400, 1, 1), (1979, 11, 20), (1979, 11, 21)),
        ];
        for &(h, observed, tabular) in table {
            let days = hijri_to_days(h);
            assert_eq!(civil_from_days(days), tabular, "{h:?}");
            let off = days - days_from_civil(observed);
            assert!(off.abs() <= 1, "{h:?}: {off} days from the observed {observed:?}");
        }
    }
}
