//! Calendar helpers on UTC days. Instants are `jiff::Timestamp` (UTC) and
//! calendar days are `jiff::civil::Date`; these convert between the two
//! without a time zone database, so they never fail on a valid instant.

use jiff::Timestamp;
use jiff::civil::Date;

const SECONDS_PER_DAY: i64 = 86_400;

/// The UTC calendar day an instant falls on.
pub fn utc_date(at: Timestamp) -> Date {
    date_from_epoch_day(at.as_second().div_euclid(SECONDS_PER_DAY))
}

/// Midnight UTC at the start of a day.
pub fn start_of_day(day: Date) -> Timestamp {
    Timestamp::from_second(epoch_day(day) * SECONDS_PER_DAY).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    epoch_day(to) - epoch_day(from)
}

/// The day `days` after (or before, when negative) `day`.
pub fn add_days(day: Date, days: i64) -> Date {
    date_from_epoch_day(epoch_day(day) + days)
}

/// An instant moved by a whole number of days.
pub fn add_days_to(at: Timestamp, days: i64) -> Timestamp {
    Timestamp::from_second(at.as_second().saturating_add(days * SECONDS_PER_DAY)).unwrap_or(at)
}

/// Days since 1970-01-01 (proleptic Gregorian calendar).
pub fn epoch_day(day: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (year, month, dom) = (i64::from(day.year()), i64::from(day.month()), i64::from(day.day()));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + dom - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The day `days` after 1970-01-01, clamped to jiff's supported range.
pub fn date_from_epoch_day(days: i64) -> Date {
    // Howard Hinnant's civil_from_days.
    let z = days.clamp(-4_000_000, 2_900_000) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let dom = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // The clamp above keeps every component within Date's range.
    Date::new(year as i16, month as i8, dom as i8).unwrap_or(Date::constant(1970, 1, 1))
}

/// A due day as a user types it: `2026-12-01`, or `7d` for a week from
/// `now`'s day (up to ten years); an error says what to type instead.
pub fn due_day(text: &str, now: Timestamp) -> Result<Date, String> {
    let text = text.trim();
    if let Some(days) = text.strip_suffix('d').and_then(|days| days.parse::<i64>().ok())
        && (0..=3_650).contains(&days)
    {
        return Ok(add_days(utc_date(now), days));
    }
    text.parse::<Date>()
        .map_err(|_| format!("{text:?} is not a day: give 2026-12-01, or 7d for a week from today"))
}

/// The day `business_days` working days (Monday to Friday) after `day`.
/// Counting starts the day after, so a Friday plus two is the Tuesday; from
/// a weekend day it starts as if from the Friday before, so Saturday plus one
/// is the Monday. Zero is `day` itself, or the Monday after a weekend day.
pub fn add_business_days(day: Date, business_days: u32) -> Date {
    const SATURDAY: i64 = 5;
    let weekday = i64::from(day.weekday().to_monday_zero_offset());
    if business_days == 0 {
        return if weekday >= SATURDAY { add_days(day, 7 - weekday) } else { day };
    }
    let (friday_or_weekday, weekday) =
        if weekday >= SATURDAY { (add_days(day, 4 - weekday), 4) } else { (day, weekday) };
    let (weeks, rest) = (i64::from(business_days) / 5, i64::from(business_days) % 5);
    let weekend = if weekday + rest >= SATURDAY { 2 } else { 0 };
    add_days(friday_or_weekday, weeks * 7 + rest + weekend)
}

/// The day `months` calendar months after `day`, on the last day of the
/// month when the month is shorter (31 January plus one month is the end of
/// February); `None` past the year 9999.
pub fn add_months(day: Date, months: u32) -> Option<Date> {
    day.checked_add(jiff::Span::new().try_months(months).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 20_000, 2_000_000] {
            assert_eq!(epoch_day(date_from_epoch_day(days)), days);
        }
        assert_eq!(epoch_day(Date::constant(2000, 3, 1)), 11_017);
        assert_eq!(date_from_epoch_day(0), Date::constant(1970, 1, 1));
    }

    #[test]
    fn instants_map_to_their_utc_day() {
        let at: Timestamp = "2026-11-25T23:59:59Z".parse().unwrap();
        assert_eq!(utc_date(at), Date::constant(2026, 11, 25));
        let before_epoch: Timestamp = "1969-12-31T12:00:00Z".parse().unwrap();
        assert_eq!(utc_date(before_epoch), Date::constant(1969, 12, 31));
        assert_eq!(start_of_day(Date::constant(2026, 11, 25)).to_string(), "2026-11-25T00:00:00Z");
    }

    #[test]
    fn day_arithmetic_crosses_months_and_leap_years() {
        assert_eq!(add_days(Date::constant(2024, 2, 28), 1), Date::constant(2024, 2, 29));
        assert_eq!(add_days(Date::constant(2024, 3, 1), -1), Date::constant(2024, 2, 29));
        assert_eq!(days_between(Date::constant(2026, 1, 1), Date::constant(2027, 1, 1)), 365);
    }

    #[test]
    fn business_days_skip_the_weekend() {
        let friday = Date::constant(2026, 11, 27);
        assert_eq!(add_business_days(friday, 2), Date::constant(2026, 12, 1), "Friday + 2 is Tuesday");
        assert_eq!(add_business_days(friday, 5), Date::constant(2026, 12, 4));
        assert_eq!(add_business_days(friday, 0), friday);
        let thursday = Date::constant(2026, 11, 26);
        assert_eq!(add_business_days(thursday, 1), friday);
        assert_eq!(add_business_days(thursday, 2), Date::constant(2026, 11, 30));
        let monday = Date::constant(2026, 11, 23);
        assert_eq!(add_business_days(monday, 4), friday);
        assert_eq!(add_business_days(monday, 10), Date::constant(2026, 12, 7));
        let (saturday, sunday) = (Date::constant(2026, 11, 28), Date::constant(2026, 11, 29));
        assert_eq!(add_business_days(saturday, 1), Date::constant(2026, 11, 30));
        assert_eq!(add_business_days(sunday, 2), Date::constant(2026, 12, 1));
        assert_eq!(add_business_days(sunday, 0), Date::constant(2026, 11, 30));
    }

    #[test]
    fn months_end_on_the_last_day_of_a_shorter_month() {
        assert_eq!(add_months(Date::constant(2026, 1, 31), 1), Some(Date::constant(2026, 2, 28)));
        assert_eq!(add_months(Date::constant(2024, 1, 31), 1), Some(Date::constant(2024, 2, 29)));
        assert_eq!(add_months(Date::constant(2026, 11, 15), 12), Some(Date::constant(2027, 11, 15)));
        assert_eq!(add_months(Date::constant(9999, 12, 1), 1), None);
    }
}
