//! Windows: the periods a metric is computed over, resolved to half-open
//! intervals of UTC instants, and the calendar buckets of a trend.
//!
//! Pure: nothing here reads the clock; "last N days" is resolved against the
//! `now` the caller passes.
//!
//! Every interval is half-open, so consecutive periods tile time with no gap
//! and no overlap, and an instant on a boundary belongs to exactly one side:
//! - "last N days" is (now − N days, now], as DOMAIN.md defines it: an event at
//!   `now` counts, one exactly N days before it does not;
//! - calendar periods (ISO week, month, quarter) and custom ranges are
//!   [start, end): an event stamped midnight on the 1st — what a date-only
//!   import becomes — belongs to that month, not the one before.
//!
//! Calendar periods are cut at midnight UTC, the zone every instant in the
//! model is kept in; weeks start on Monday (ISO 8601).
//!
//! What is "in effect at the start" of an interval is everything before its
//! first instant; "at the end", everything up to its last instant. For
//! (a, b] that is "at or before a" and "at or before b", DOMAIN.md's rule for
//! a customer at an instant; for [a, b) it is "before a" and "before b". Either
//! way the changes inside the interval are exactly those that turn the start
//! state into the end state.

use std::fmt;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::{SignedDuration, Timestamp};

use crate::model::time::{date_from_epoch_day, epoch_day, utc_date};

/// Which end of a half-open interval is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edges {
    /// (start, end]: "last N days".
    ExcludesStart,
    /// [start, end): calendar periods and custom ranges.
    ExcludesEnd,
}

/// A non-empty, half-open span of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    start: Timestamp,
    end: Timestamp,
    edges: Edges,
}

impl Interval {
    /// An interval from `start` to `end`, which must come after `start`.
    pub fn new(start: Timestamp, end: Timestamp, edges: Edges) -> Result<Interval, WindowError> {
        if end <= start {
            return Err(WindowError::EndNotAfterStart { start, end });
        }
        Ok(Interval { start, end, edges })
    }

    pub fn start(self) -> Timestamp {
        self.start
    }

    pub fn end(self) -> Timestamp {
        self.end
    }

    pub fn edges(self) -> Edges {
        self.edges
    }

    /// Whether an instant lies inside the interval.
    pub fn contains(self, at: Timestamp) -> bool {
        !self.is_before_start(at) && !self.is_after_end(at)
    }

    /// Whether an instant lies before the interval's first instant, so a
    /// change made then is in effect at its start.
    pub fn is_before_start(self, at: Timestamp) -> bool {
        match self.edges {
            Edges::ExcludesStart => at <= self.start,
            Edges::ExcludesEnd => at < self.start,
        }
    }

    /// Whether an instant lies after the interval's last instant, so a change
    /// made then is not yet in effect at its end.
    pub fn is_after_end(self, at: Timestamp) -> bool {
        match self.edges {
            Edges::ExcludesStart => at > self.end,
            Edges::ExcludesEnd => at >= self.end,
        }
    }
}

impl fmt::Display for Interval {
    /// Interval notation, so the open end is visible: "(a, b]" or "[a, b)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.edges {
            Edges::ExcludesStart => write!(f, "({}, {}]", self.start, self.end),
            Edges::ExcludesEnd => write!(f, "[{}, {})", self.start, self.end),
        }
    }
}

/// A period as a user names it; [`Window::resolve`] turns it into an
/// [`Interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// (now − N days, now], N ≥ 1.
    LastDays(u32),
    /// An ISO 8601 week, Monday to Monday, [start, end).
    IsoWeek { year: i16, week: i8 },
    /// A calendar month, [1st, 1st of the next), month 1–12.
    Month { year: i16, month: i8 },
    /// A calendar quarter, quarter 1–4 (Q1 = January–March), [start, end).
    Quarter { year: i16, quarter: i8 },
    /// A custom range, [start, end).
    Between { start: Timestamp, end: Timestamp },
}

impl Window {
    /// The interval this window covers; `now` matters only for `LastDays`.
    pub fn resolve(self, now: Timestamp) -> Result<Interval, WindowError> {
        match self {
            Window::LastDays(0) => Err(WindowError::NoDays),
            Window::LastDays(days) => {
                let start = now
                    .checked_sub(SignedDuration::from_hours(24 * i64::from(days)))
                    .map_err(|_| WindowError::OutOfRange)?;
                Interval::new(start, now, Edges::ExcludesStart)
            }
            Window::IsoWeek { year, week } => {
                let monday = ISOWeekDate::new(year, week, Weekday::Monday)
                    .map_err(|_| WindowError::NoSuchWeek { year, week })?;
                Step::Week.period(Step::Week.index(monday.date()))
            }
            Window::Month { year, month } => {
                if !(1..=12).contains(&month) {
                    return Err(WindowError::NoSuchMonth { month });
                }
                Step::Month.period(i64::from(year) * 12 + i64::from(month) - 1)
            }
            Window::Quarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return Err(WindowError::NoSuchQuarter { quarter });
                }
                Step::Quarter.period(i64::from(year) * 4 + i64::from(quarter) - 1)
            }
            Window::Between { start, end } => Interval::new(start, end, Edges::ExcludesEnd),
        }
    }
}

impl fmt::Display for Window {
    /// How a screen names the window: "last 90 days", "2026-W48", "2026-11",
    /// "2026-Q4", or the range itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::LastDays(1) => f.write_str("last day"),
            Window::LastDays(days) => write!(f, "last {days} days"),
            Window::IsoWeek { year, week } => write!(f, "{year}-W{week:02}"),
            Window::Month { year, month } => write!(f, "{year}-{month:02}"),
            Window::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Window::Between { start, end } => write!(f, "[{start}, {end})"),
        }
    }
}

/// A window that does not name a period keepers can compute over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("a window of 0 days holds nothing: use 1 day or more")]
    NoDays,
    #[error("{year} has no ISO week {week}: weeks run 1–52, or 1–53 in long years")]
    NoSuchWeek { year: i16, week: i8 },
    #[error("there is no month {month}: use 1–12")]
    NoSuchMonth { month: i8 },
    #[error("there is no quarter {quarter}: use 1–4")]
    NoSuchQuarter { quarter: i8 },
    #[error("the window ends at {end}, which is not after its start {start}")]
    EndNotAfterStart { start: Timestamp, end: Timestamp },
    #[error("the window reaches beyond the dates keepers supports (years −9999 to 9999)")]
    OutOfRange,
}

/// The size of a trend's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// ISO weeks, Monday to Monday.
    Week,
    Month,
    Quarter,
}

impl Step {
    /// The calendar periods from the one holding `first` through the one
    /// holding `last`, oldest first, each [start, end); empty when `last` is
    /// before `first`.
    pub fn periods(self, first: Date, last: Date) -> Vec<Interval> {
        self.periods_between(self.index(first), self.index(last))
    }

    /// The `count` periods ending with the one that holds `now`, oldest first:
    /// `Step::Month.last(now, 12)` buckets a year of monthly NPS.
    pub fn last(self, now: Timestamp, count: usize) -> Vec<Interval> {
        let last = self.index(utc_date(now));
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        self.periods_between(last.saturating_sub(count).saturating_add(1), last)
    }

    fn periods_between(self, first: i64, last: i64) -> Vec<Interval> {
        // Periods beyond the supported dates are left out rather than clamped,
        // so every bucket returned is a real calendar period.
        (first..=last).filter_map(|index| self.period(index).ok()).collect()
    }

    /// Numbers consecutive periods so that stepping is integer arithmetic.
    fn index(self, day: Date) -> i64 {
        match self {
            // 1970-01-01 was a Thursday: shifting by three days puts the
            // Monday before it at index 0.
            Step::Week => (epoch_day(day) + 3).div_euclid(7),
            Step::Month => i64::from(day.year()) * 12 + i64::from(day.month()) - 1,
            Step::Quarter => i64::from(day.year()) * 4 + (i64::from(day.month()) - 1) / 3,
        }
    }

    fn first_day(self, index: i64) -> Result<Date, WindowError> {
        let (year, month) = match self {
            Step::Week => {
                let day = index.saturating_mul(7).saturating_sub(3);
                let monday = date_from_epoch_day(day);
                // date_from_epoch_day clamps; a clamped day is not this week.
                return if epoch_day(monday) == day { Ok(monday) } else { Err(WindowError::OutOfRange) };
            }
            Step::Month => (index.div_euclid(12), index.rem_euclid(12) + 1),
            Step::Quarter => (index.div_euclid(4), index.rem_euclid(4) * 3 + 1),
        };
        let year = i16::try_from(year).map_err(|_| WindowError::OutOfRange)?;
        // The month is 1–12 by construction.
        Date::new(year, month as i8, 1).map_err(|_| WindowError::OutOfRange)
    }

    fn period(self, index: i64) -> Result<Interval, WindowError> {
        let start = midnight(self.first_day(index)?)?;
        let end = midnight(self.first_day(index.saturating_add(1))?)?;
        Interval::new(start, end, Edges::ExcludesEnd)
    }
}

/// Midnight UTC at the start of a day, or an error past the last instant
/// jiff can represent (the last days of year 9999).
fn midnight(day: Date) -> Result<Timestamp, WindowError> {
    Timestamp::from_second(epoch_day(day) * 86_400).map_err(|_| WindowError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    #[test]
    fn last_n_days_excludes_its_start_and_includes_now() {
        let now = at("2026-11-25T12:00:00Z");
        let window = Window::LastDays(30).resolve(now).unwrap();
        assert_eq!(window.start(), at("2026-10-26T12:00:00Z"));
        assert_eq!(window.end(), now);
        assert!(window.contains(now));
        assert!(!window.contains(at("2026-10-26T12:00:00Z")));
        assert!(window.contains(at("2026-10-26T12:00:00.000000001Z")));
        assert!(!window.contains(at("2026-11-25T12:00:00.000000001Z")));
        assert_eq!(window.to_string(), "(2026-10-26T12:00:00Z, 2026-11-25T12:00:00Z]");
    }

    #[test]
    fn a_month_includes_midnight_on_the_first_and_excludes_the_next() {
        let november = Window::Month { year: 2026, month: 11 }.resolve(at("2000-01-01T00:00:00Z")).unwrap();
        assert_eq!(november.start(), at("2026-11-01T00:00:00Z"));
        assert_eq!(november.end(), at("2026-12-01T00:00:00Z"));
        assert!(november.contains(at("2026-11-01T00:00:00Z")));
        assert!(!november.contains(at("2026-12-01T00:00:00Z")));
        let december = Window::Month { year: 2026, month: 12 }.resolve(at("2000-01-01T00:00:00Z")).unwrap();
        assert_eq!(december.end(), at("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn iso_weeks_start_on_monday_and_may_straddle_years() {
        let now = at("2000-01-01T00:00:00Z");
        let week = Window::IsoWeek { year: 2026, week: 1 }.resolve(now).unwrap();
        assert_eq!(week.start(), at("2025-12-29T00:00:00Z"));
        assert_eq!(week.end(), at("2026-01-05T00:00:00Z"));
        assert!(Window::IsoWeek { year: 2026, week: 53 }.resolve(now).is_ok());
        assert_eq!(
            Window::IsoWeek { year: 2025, week: 53 }.resolve(now),
            Err(WindowError::NoSuchWeek { year: 2025, week: 53 })
        );
    }

    #[test]
    fn quarters_cover_three_months() {
        let now = at("2000-01-01T00:00:00Z");
        let q4 = Window::Quarter { year: 2026, quarter: 4 }.resolve(now).unwrap();
        assert_eq!((q4.start(), q4.end()), (at("2026-10-01T00:00:00Z"), at("2027-01-01T00:00:00Z")));
        let q1 = Window::Quarter { year: 2026, quarter: 1 }.resolve(now).unwrap();
        assert_eq!((q1.start(), q1.end()), (at("2026-01-01T00:00:00Z"), at("2026-04-01T00:00:00Z")));
    }

    #[test]
    fn impossible_windows_are_refused_with_a_reason() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(Window::LastDays(0).resolve(now), Err(WindowError::NoDays));
        assert_eq!(
            Window::Month { year: 2026, month: 13 }.resolve(now),
            Err(WindowError::NoSuchMonth { month: 13 })
        );
        assert_eq!(
            Window::Quarter { year: 2026, quarter: 0 }.resolve(now),
            Err(WindowError::NoSuchQuarter { quarter: 0 })
        );
        assert!(Window::Between { start: now, end: now }.resolve(now).is_err());
        assert_eq!(Window::Month { year: 9999, month: 12 }.resolve(now), Err(WindowError::OutOfRange));
        assert!(Window::LastDays(u32::MAX).resolve(now).is_err());
    }

    #[test]
    fn custom_ranges_exclude_their_end() {
        let (start, end) = (at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
        let range = Window::Between { start, end }.resolve(end).unwrap();
        assert!(range.contains(start));
        assert!(!range.contains(end));
        assert_eq!(range.edges(), Edges::ExcludesEnd);
    }

    #[test]
    fn start_and_end_state_follow_the_edges() {
        let (a, b) = (at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
        let last_days = Interval::new(a, b, Edges::ExcludesStart).unwrap();
        assert!(last_days.is_before_start(a));
        assert!(!last_days.is_after_end(b));
        let calendar = Interval::new(a, b, Edges::ExcludesEnd).unwrap();
        assert!(!calendar.is_before_start(a));
        assert!(calendar.is_after_end(b));
    }

    #[test]
    fn windows_name_themselves() {
        assert_eq!(Window::LastDays(90).to_string(), "last 90 days");
        assert_eq!(Window::LastDays(1).to_string(), "last day");
        assert_eq!(Window::IsoWeek { year: 2026, week: 7 }.to_string(), "2026-W07");
        assert_eq!(Window::Month { year: 2026, month: 3 }.to_string(), "2026-03");
        assert_eq!(Window::Quarter { year: 2026, quarter: 4 }.to_string(), "2026-Q4");
    }

    #[test]
    fn twelve_monthly_buckets_end_with_the_current_month() {
        let months = Step::Month.last(at("2026-11-25T12:00:00Z"), 12);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].start(), at("2025-12-01T00:00:00Z"));
        assert_eq!(months[11].start(), at("2026-11-01T00:00:00Z"));
        assert_eq!(months[11].end(), at("2026-12-01T00:00:00Z"));
        assert!(months.windows(2).all(|pair| pair[0].end() == pair[1].start()));
        assert!(Step::Month.last(at("2026-11-25T12:00:00Z"), 0).is_empty());
    }

    #[test]
    fn weekly_and_quarterly_buckets_tile_a_range() {
        let weeks = Step::Week.periods(Date::constant(2026, 11, 1), Date::constant(2026, 11, 30));
        // Sunday 1 Nov falls in the week of Monday 26 Oct; Monday 30 Nov starts its own.
        assert_eq!(weeks.len(), 6);
        assert_eq!(weeks[0].start(), at("2026-10-26T00:00:00Z"));
        assert_eq!(weeks[5].start(), at("2026-11-30T00:00:00Z"));
        assert!(weeks.windows(2).all(|pair| pair[0].end() == pair[1].start()));
        let quarters = Step::Quarter.periods(Date::constant(2026, 2, 10), Date::constant(2026, 12, 31));
        assert_eq!(quarters.len(), 4);
        assert!(Step::Month.periods(Date::constant(2026, 2, 1), Date::constant(2026, 1, 1)).is_empty());
    }
}
