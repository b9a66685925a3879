//! The trend of health, from the stored daily snapshots: the change over the
//! last 30 days and a day-by-day series for a sparkline.
//!
//! Pure: reads one account's stored scores, sorted by day.

use jiff::civil::Date;

use crate::metrics::HealthPoint;
use crate::model::time::{add_days, days_between};

/// How far back [`Change`] looks.
pub const CHANGE_DAYS: i64 = 30;

/// How the shown score moved since a stored snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Change {
    /// The day of the snapshot compared with.
    pub since: Date,
    pub before: u8,
    pub now: u8,
}

impl Change {
    /// Points gained (negative when lost).
    pub fn points(self) -> i16 {
        i16::from(self.now) - i16::from(self.before)
    }
}

/// The change since the snapshot on or nearest before [`CHANGE_DAYS`] days
/// before `today`, however old; `None` without one.
pub(super) fn change_30d(history: &[HealthPoint], today: Date, shown: u8) -> Option<Change> {
    let cutoff = add_days(today, -CHANGE_DAYS);
    let snapshot = history[..history.partition_point(|point| point.day <= cutoff)].last()?;
    Some(Change { since: snapshot.day, before: snapshot.score.min(100), now: shown })
}

/// The stored score of each of the `days` days ending on `last_day`, oldest
/// first; a day without a snapshot is `None`, a gap in the sparkline.
pub fn daily_scores(history: &[HealthPoint], last_day: Date, days: usize) -> Vec<Option<u8>> {
    let mut scores = vec![None; days];
    let first_day = add_days(last_day, 1 - i64::try_from(days).unwrap_or(i64::MAX));
    let start = history.partition_point(|point| point.day < first_day);
    for point in history[start..].iter().take_while(|point| point.day <= last_day) {
        let offset = usize::try_from(days_between(first_day, point.day)).unwrap_or(usize::MAX);
        if let Some(slot) = scores.get_mut(offset) {
            *slot = Some(point.score.min(100));
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{day_ago, snapshot, today};

    #[test]
    fn the_change_compares_with_the_snapshot_at_or_nearest_before_30_days_ago() {
        let history = [snapshot(45, 80), snapshot(31, 75), snapshot(30, 70), snapshot(29, 10)];
        assert_eq!(
            change_30d(&history, today(), 52),
            Some(Change { since: day_ago(30), before: 70, now: 52 })
        );
        assert_eq!(change_30d(&history[..2], today(), 52).map(Change::points), Some(-23));
        assert_eq!(change_30d(&history[3..], today(), 52), None);
        assert_eq!(change_30d(&[], today(), 52), None);
    }

    #[test]
    fn the_series_has_one_slot_per_day_and_gaps_where_nothing_was_stored() {
        let history = [snapshot(9, 1), snapshot(4, 60), snapshot(2, 62), snapshot(0, 64), snapshot(-1, 99)];
        assert_eq!(daily_scores(&history, today(), 5), [Some(60), None, Some(62), None, Some(64)]);
        assert_eq!(daily_scores(&history, today(), 0), []);
    }
}
