//! The anchor: the fixed "now" every demo record is placed relative to.
//!
//! The generator never reads a clock. The caller passes the anchor day, and
//! the anchor instant is midnight UTC at its start, so everything in the
//! past lies before it and the same day always gives the same data.
//! Instants are handled as whole seconds relative to the anchor (negative
//! in the past), which keeps the arithmetic in plain integers.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::model::time::{add_days, start_of_day};

pub(super) const MINUTE: i64 = 60;
pub(super) const HOUR: i64 = 60 * MINUTE;
pub(super) const DAY: i64 = 24 * HOUR;
pub(super) const WEEK: i64 = 7 * DAY;
/// A contract year: renewals fall every 365 days.
pub(super) const YEAR: i64 = 365 * DAY;

#[derive(Debug, Clone, Copy)]
pub(super) struct Anchor {
    today: Date,
    /// Unix seconds of midnight UTC at the start of `today`.
    midnight: i64,
}

impl Anchor {
    pub(super) fn new(today: Date) -> Anchor {
        Anchor { today, midnight: start_of_day(today).as_second() }
    }

    /// The instant `offset` seconds from the anchor. Offsets beyond the range
    /// jiff supports are clamped to its ends; the demo's offsets span a few
    /// years, so only an anchor day at the edge of that range reaches them.
    pub(super) fn at(&self, offset: i64) -> Timestamp {
        let second = self
            .midnight
            .saturating_add(offset)
            .clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The day `days` days from the anchor day.
    pub(super) fn day(&self, days: i64) -> Date {
        add_days(self.today, days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_counted_from_midnight_utc() {
        let anchor = Anchor::new(Date::constant(2026, 11, 25));
        assert_eq!(anchor.at(0).to_string(), "2026-11-25T00:00:00Z");
        assert_eq!(anchor.at(-HOUR).to_string(), "2026-11-24T23:00:00Z");
        assert_eq!(anchor.day(-25), Date::constant(2026, 10, 31));
    }

    #[test]
    fn extreme_offsets_are_clamped_not_panicking() {
        let anchor = Anchor::new(Date::constant(2026, 11, 25));
        assert_eq!(anchor.at(i64::MAX).as_second(), Timestamp::MAX.as_second());
        assert_eq!(anchor.at(i64::MIN).as_second(), Timestamp::MIN.as_second());
    }
}
