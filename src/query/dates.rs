//! Date fields and what a date in a filter means as of now.
//!
//! A value is an absolute UTC day (`2026-12-31`) or a relative duration in
//! days or weeks (`90d`, `12w`). Months and years are refused: they are not
//! a fixed number of days, and `6m` would also read as six minutes.
//!
//! A relative duration is a distance from now in the direction the field
//! faces. `renewal` faces the future: `renewal < 90d` is "renews within the
//! next 90 days" (from today, not before it). `created`, `last_contact` and
//! `last_login` face the past: `last_contact > 30d` is "last contacted more
//! than 30 days ago", `last_contact < 30d` "in the last 30 days" — the
//! half-open (now − 30 days, now] of DOMAIN.md. A date on the other side of
//! now has no distance in the field's direction, so it never matches a
//! relative `<` or `<=` (a lapsed renewal is not "within 90 days"); compare
//! with an absolute day for those (`renewal < 2026-11-25`). `= 30d` is the
//! whole UTC day that lies 30 days away.
//!
//! [`DateValue::range`] turns a comparison into a half-open range on the
//! field's own scale — epoch days for fields kept by day, unix seconds for
//! instants — so the store only has to compare numbers it already holds.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;

use super::ast::Comparison;
use crate::model::time::{epoch_day, utc_date};

const SECONDS_PER_DAY: i64 = 86_400;
/// The longest relative duration, about 270 years: far enough for any
/// filter, near enough that arithmetic on it never overflows.
pub const MAX_DURATION_DAYS: u32 = 100_000;

/// Fields holding a day or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// The day the contract renews.
    Renewal,
    /// When the account was created.
    Created,
    /// The latest time any contact of the account was seen.
    LastContact,
    /// The latest usage day with at least one login.
    LastLogin,
}

/// Which way a relative duration is counted from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    Future,
    Past,
}

/// The unit a field is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateScale {
    /// Days since 1970-01-01, for fields kept as calendar days.
    Days,
    /// Unix seconds, for instants.
    Seconds,
}

impl DateField {
    pub fn name(self) -> &'static str {
        match self {
            DateField::Renewal => "renewal",
            DateField::Created => "created",
            DateField::LastContact => "last_contact",
            DateField::LastLogin => "last_login",
        }
    }

    pub fn facing(self) -> Facing {
        match self {
            DateField::Renewal => Facing::Future,
            DateField::Created | DateField::LastContact | DateField::LastLogin => Facing::Past,
        }
    }

    pub fn scale(self) -> DateScale {
        match self {
            DateField::Renewal | DateField::LastLogin => DateScale::Days,
            DateField::Created | DateField::LastContact => DateScale::Seconds,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Days,
    Weeks,
}

/// A relative duration as typed, so `12w` is written back as `12w`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub count: u32,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn days(self) -> i64 {
        match self.unit {
            DurationUnit::Days => i64::from(self.count),
            DurationUnit::Weeks => i64::from(self.count) * 7,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A UTC calendar day.
    Day(Date),
    /// Days or weeks from now, in the direction the field faces.
    Relative(Duration),
}

/// Values `v` with `start <= v < end` on a field's scale (an end left open
/// is unbounded), or — when `inside` is false — every value outside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub inside: bool,
}

impl DateRange {
    fn within(start: Option<i64>, end: Option<i64>) -> DateRange {
        DateRange { start, end, inside: true }
    }

    /// Whether a value on the field's scale is matched.
    pub fn contains(&self, value: i64) -> bool {
        let within = self.start.is_none_or(|start| start <= value) && self.end.is_none_or(|end| value < end);
        within == self.inside
    }
}

impl DateValue {
    /// What `field <comparison> self` matches as of `now`.
    pub fn range(self, field: DateField, comparison: Comparison, now: Timestamp) -> DateRange {
        let scale = field.scale();
        let (unit, present) = match scale {
            DateScale::Days => (1, epoch_day(utc_date(now))),
            DateScale::Seconds => (SECONDS_PER_DAY, now.as_second()),
        };
        // The first value of the UTC day holding `point`, and of the next day.
        let day_of = |point: i64| {
            let start = point.div_euclid(unit) * unit;
            (start, start + unit)
        };
        match self {
            DateValue::Day(day) => {
                let (start, next) = day_of(epoch_day(day) * unit);
                by_value(comparison, start, next)
            }
            DateValue::Relative(duration) => {
                let distance = duration.days() * unit;
                match field.facing() {
                    Facing::Future => {
                        let boundary = present + distance;
                        let (day_start, day_end) = day_of(boundary);
                        match comparison {
                            Comparison::Less => DateRange::within(Some(present), Some(boundary)),
                            Comparison::LessOrEqual => DateRange::within(Some(present), Some(boundary + 1)),
                            Comparison::Greater => DateRange::within(Some(boundary + 1), None),
                            Comparison::GreaterOrEqual => DateRange::within(Some(boundary), None),
                            Comparison::Equal => DateRange::within(Some(day_start), Some(day_end)),
                            Comparison::NotEqual => DateRange {
                                inside: false,
                                ..DateRange::within(Some(day_start), Some(day_end))
                            },
                        }
                    }
                    Facing::Past => {
                        let boundary = present - distance;
                        let (day_start, day_end) = day_of(boundary);
                        match comparison {
                            Comparison::Less => DateRange::within(Some(boundary + 1), Some(present + 1)),
                            Comparison::LessOrEqual => DateRange::within(Some(boundary), Some(present + 1)),
                            Comparison::Greater => DateRange::within(None, Some(boundary)),
                            Comparison::GreaterOrEqual => DateRange::within(None, Some(boundary + 1)),
                            Comparison::Equal => DateRange::within(Some(day_start), Some(day_end)),
                            Comparison::NotEqual => DateRange {
                                inside: false,
                                ..DateRange::within(Some(day_start), Some(day_end))
                            },
                        }
                    }
                }
            }
        }
    }
}

/// An absolute day `[start, next)` compared as a value: `< 2026-12-31` is
/// before that day begins, `<= 2026-12-31` until it ends.
fn by_value(comparison: Comparison, start: i64, next: i64) -> DateRange {
    match comparison {
        Comparison::Less => DateRange::within(None, Some(start)),
        Comparison::LessOrEqual => DateRange::within(None, Some(next)),
        Comparison::Greater => DateRange::within(Some(next), None),
        Comparison::GreaterOrEqual => DateRange::within(Some(start), None),
        Comparison::Equal => DateRange::within(Some(start), Some(next)),
        Comparison::NotEqual => DateRange { inside: false, ..DateRange::within(Some(start), Some(next)) },
    }
}

/// Why a word is not a date value, with what was probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NotADate {
    pub reason: String,
    pub suggestion: Option<String>,
}

/// Reads `90d`, `12w` or `2026-12-31`.
pub(super) fn parse_date_value(word: &str) -> Result<DateValue, NotADate> {
    let refuse = |reason: String, suggestion: Option<String>| Err(NotADate { reason, suggestion });
    let lower = word.to_ascii_lowercase();
    let digits_end = lower.find(|c: char| !c.is_ascii_digit()).unwrap_or(lower.len());
    let (digits, unit) = lower.split_at(digits_end);
    if !digits.is_empty() && !unit.contains('-') {
        // The digits only fail to parse when there are too many of them.
        let count = match digits.parse::<u32>() {
            Ok(count) if count <= MAX_DURATION_DAYS => count,
            _ => return refuse(format!("{word:?} is too far away: at most {MAX_DURATION_DAYS} days"), None),
        };
        let days = |per_unit: u32| Some(format!("{}d", count.saturating_mul(per_unit)));
        return match unit {
            "d" => Ok(DateValue::Relative(Duration { count, unit: DurationUnit::Days })),
            "w" => Ok(DateValue::Relative(Duration { count, unit: DurationUnit::Weeks })),
            "m" | "mo" => refuse(
                format!("{word:?}: months are not a fixed number of days; write days (d) or weeks (w)"),
                days(30),
            ),
            "y" => refuse(
                format!("{word:?}: years are not a fixed number of days; write days (d) or weeks (w)"),
                days(365),
            ),
            "" => refuse(format!("{word:?} needs a unit: days (d) or weeks (w)"), days(1)),
            _ => refuse(format!("{word:?} is not a duration: write days (90d) or weeks (12w)"), None),
        };
    }
    match parse_day(word) {
        Some(day) => Ok(DateValue::Day(day)),
        None if looks_like_a_day(word) => refuse(format!("{word:?} is not a day of the calendar"), None),
        None => refuse(
            format!("{word:?} is not a date: write days or weeks from now (90d, 12w) or a day (2026-12-31)"),
            None,
        ),
    }
}

/// Only the exact `YYYY-MM-DD` form, so that a typo is never read as a
/// different day.
fn parse_day(word: &str) -> Option<Date> {
    if !looks_like_a_day(word) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| word.get(range)?.parse::<i16>().ok();
    let month = i8::try_from(number(5..7)?).ok()?;
    let day = i8::try_from(number(8..10)?).ok()?;
    Date::new(number(0..4)?, month, day).ok()
}

fn looks_like_a_day(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(index, b)| if index == 4 || index == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(day) => write!(f, "{day}"),
            DateValue::Relative(Duration { count, unit: DurationUnit::Days }) => write!(f, "{count}d"),
            DateValue::Relative(Duration { count, unit: DurationUnit::Weeks }) => write!(f, "{count}w"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-25T15:30:00Z".parse().unwrap()
    }

    fn day(text: &str) -> i64 {
        epoch_day(text.parse().unwrap())
    }

    fn second(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    fn relative(text: &str) -> DateValue {
        parse_date_value(text).unwrap()
    }

    fn matches(field: DateField, comparison: Comparison, value: &str, at: i64) -> bool {
        relative(value).range(field, comparison, now()).contains(at)
    }

    #[test]
    fn reads_days_weeks_and_calendar_days() {
        assert_eq!(relative("90d"), DateValue::Relative(Duration { count: 90, unit: DurationUnit::Days }));
        assert_eq!(relative("12W"), DateValue::Relative(Duration { count: 12, unit: DurationUnit::Weeks }));
        assert_eq!(relative("2026-12-31"), DateValue::Day(Date::constant(2026, 12, 31)));
        for text in ["90d", "12w", "0d", "2026-12-31", "0987-03-09"] {
            assert_eq!(relative(text).to_string(), text);
        }
    }

    #[test]
    fn refuses_months_years_and_bare_numbers_with_the_days_meant() {
        let suggestion = |text: &str| parse_date_value(text).unwrap_err().suggestion;
        assert_eq!(suggestion("6m").as_deref(), Some("180d"));
        assert_eq!(suggestion("1y").as_deref(), Some("365d"));
        assert_eq!(suggestion("30").as_deref(), Some("30d"));
        for bad in ["x", "2026-02-30", "2026-2-3", "26-12-31", "1.5w", "90days", "100001d", "99999999999d"] {
            assert!(parse_date_value(bad).is_err(), "{bad}");
        }
        assert!(parse_date_value("2026-02-30").unwrap_err().reason.contains("not a day of the calendar"));
    }

    #[test]
    fn renewal_within_90_days_starts_today() {
        let within = |date: &str| matches(DateField::Renewal, Comparison::Less, "90d", day(date));
        assert!(within("2026-11-25"));
        assert!(within("2027-02-22"));
        assert!(!within("2027-02-23"), "today + 90 is not within 90 days");
        assert!(!within("2026-11-24"), "a lapsed renewal is not upcoming");
        assert!(matches(DateField::Renewal, Comparison::LessOrEqual, "90d", day("2027-02-23")));
        assert!(matches(DateField::Renewal, Comparison::Greater, "90d", day("2027-02-24")));
        assert!(!matches(DateField::Renewal, Comparison::Greater, "90d", day("2027-02-23")));
        assert!(matches(DateField::Renewal, Comparison::GreaterOrEqual, "90d", day("2027-02-23")));
        assert!(matches(DateField::Renewal, Comparison::Equal, "90d", day("2027-02-23")));
        assert!(matches(DateField::Renewal, Comparison::NotEqual, "90d", day("2020-01-01")));
    }

    #[test]
    fn last_contact_counts_back_from_now_to_the_second() {
        let field = DateField::LastContact;
        let thirty_days_ago = second("2026-10-26T15:30:00Z");
        assert!(matches(field, Comparison::Greater, "30d", thirty_days_ago - 1));
        assert!(!matches(field, Comparison::Greater, "30d", thirty_days_ago));
        assert!(matches(field, Comparison::GreaterOrEqual, "30d", thirty_days_ago));
        // "The last 30 days" is (now - 30 days, now].
        assert!(!matches(field, Comparison::Less, "30d", thirty_days_ago));
        assert!(matches(field, Comparison::Less, "30d", thirty_days_ago + 1));
        assert!(matches(field, Comparison::Less, "30d", now().as_second()));
        assert!(
            !matches(field, Comparison::Less, "30d", now().as_second() + 1),
            "the future is not in the last 30 days"
        );
        assert!(matches(field, Comparison::LessOrEqual, "30d", thirty_days_ago));
        assert!(matches(field, Comparison::Equal, "30d", second("2026-10-26T00:00:00Z")));
        assert!(!matches(field, Comparison::Equal, "30d", second("2026-10-27T00:00:00Z")));
    }

    #[test]
    fn last_login_counts_whole_days_back_from_today() {
        let field = DateField::LastLogin;
        assert!(matches(field, Comparison::Greater, "2w", day("2026-11-10")));
        assert!(!matches(field, Comparison::Greater, "2w", day("2026-11-11")));
        assert!(matches(field, Comparison::Less, "2w", day("2026-11-12")));
        assert!(matches(field, Comparison::Less, "2w", day("2026-11-25")));
        assert!(!matches(field, Comparison::Less, "2w", day("2026-11-26")));
    }

    #[test]
    fn calendar_days_cover_the_whole_day_on_either_scale() {
        let created =
            |comparison, at: &str| matches(DateField::Created, comparison, "2026-01-01", second(at));
        assert!(created(Comparison::Less, "2025-12-31T23:59:59Z"));
        assert!(!created(Comparison::Less, "2026-01-01T00:00:00Z"));
        assert!(created(Comparison::LessOrEqual, "2026-01-01T23:59:59Z"));
        assert!(!created(Comparison::Greater, "2026-01-01T23:59:59Z"));
        assert!(created(Comparison::Greater, "2026-01-02T00:00:00Z"));
        assert!(created(Comparison::Equal, "2026-01-01T12:00:00Z"));
        assert!(created(Comparison::NotEqual, "2026-01-02T12:00:00Z"));
        let renewal = |comparison, at: &str| matches(DateField::Renewal, comparison, "2026-12-31", day(at));
        assert!(renewal(Comparison::Less, "2026-12-30") && !renewal(Comparison::Less, "2026-12-31"));
        assert!(
            renewal(Comparison::GreaterOrEqual, "2026-12-31") && !renewal(Comparison::Greater, "2026-12-31")
        );
    }
}
