//! Usage: how much of what the customer bought is used — seat adoption
//! (active users / seats in the latest usage snapshot), the trend of active
//! users over a few weeks up to that snapshot, and key-feature uses per
//! active user in it.
//!
//! Pure: reads the account's usage snapshots dated on or before today.

use jiff::civil::Date;

use crate::metrics::AccountFacts;
use crate::metrics::signals::{active_users_change, latest_usage};

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UsageModel {
    pub weight: u32,
    /// Active users / seats, in percent.
    pub seat_adoption: Scale,
    /// The change in active users over `trend_weeks`, in percent.
    pub active_users_trend: Scale,
    pub trend_weeks: u32,
    /// Key-feature uses per active user in the latest snapshot.
    pub key_feature_use: Scale,
}

impl Default for UsageModel {
    fn default() -> Self {
        UsageModel {
            weight: 30,
            seat_adoption: Scale::whole(80, 20, Unit::Percent),
            active_users_trend: Scale::whole(0, -50, Unit::Percent),
            trend_weeks: 4,
            key_feature_use: Scale::whole(2, 0, Unit::PerActiveUser),
        }
    }
}

impl UsageModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, today: Date) -> [InputScore; 3] {
        let latest = latest_usage(facts.usage, today);
        let adoption = latest.map_or(Reading::NoData, |row| Reading::SeatAdoption {
            active_users: row.active_users,
            seats: row.seats,
        });
        let trend = active_users_change(facts.usage, today, self.trend_weeks)
            .map_or(Reading::NoData, Reading::ActiveUsersTrend);
        let key_feature = latest.map_or(Reading::NoData, |row| Reading::KeyFeatureUse {
            uses: row.key_feature_uses,
            active_users: row.active_users,
        });
        [
            InputScore::scaled(Input::SeatAdoption, adoption, self.seat_adoption),
            InputScore::scaled(Input::ActiveUsersTrend, trend, self.active_users_trend),
            InputScore::scaled(Input::KeyFeatureUse, key_feature, self.key_feature_use),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{only, today, usage, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::LifecycleStage;

    fn scores(facts: &mut Facts) -> [Option<Ratio>; 3] {
        UsageModel::default().read(&view(facts), today()).map(|input| input.score())
    }

    #[test]
    fn adoption_trend_and_key_feature_use_score_on_their_scales() {
        let mut facts = only(LifecycleStage::Retention);
        // 40 of 50 seats now (80 %: full), 40 four weeks before (no change:
        // full), two key-feature uses per active user (full).
        facts.usage = vec![usage(29, 40, 50), usage(1, 40, 50)];
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)); 3]);
    }

    #[test]
    fn each_input_falls_linearly_to_zero() {
        let mut facts = only(LifecycleStage::Retention);
        // 25 of 50 seats (50 %: half way from 20 to 80), down from 40 (−37.5 %:
        // a quarter of the way from −50 to 0).
        facts.usage = vec![usage(29, 40, 50), usage(1, 25, 50)];
        facts.usage[1].key_feature_uses = 25;
        assert_eq!(
            scores(&mut facts),
            [Some(Ratio::whole(50)), Some(Ratio::whole(25)), Some(Ratio::whole(50))]
        );
        // At the zero thresholds exactly: 10 of 50 seats, down 50 %... and below.
        facts.usage = vec![usage(29, 20, 50), usage(1, 10, 50)];
        facts.usage[1].key_feature_uses = 0;
        assert_eq!(scores(&mut facts), [Some(Ratio::ZERO); 3]);
    }

    #[test]
    fn the_trend_needs_a_snapshot_weeks_before_the_latest() {
        let mut facts = only(LifecycleStage::Retention);
        facts.usage = vec![usage(27, 40, 50), usage(1, 40, 50)];
        let [adoption, trend, _] = scores(&mut facts);
        assert!(adoption.is_some());
        assert_eq!(trend, None);
    }

    #[test]
    fn no_snapshot_no_seats_or_no_active_users_is_no_data() {
        assert_eq!(scores(&mut only(LifecycleStage::Reach)), [None; 3]);
        let mut facts = only(LifecycleStage::Retention);
        facts.usage = vec![usage(29, 0, 0), usage(1, 0, 0)];
        assert_eq!(scores(&mut facts), [None; 3]);
    }

    #[test]
    fn snapshots_after_today_are_ignored() {
        let mut facts = only(LifecycleStage::Retention);
        facts.usage = vec![usage(1, 40, 50), usage(-3, 5, 50)];
        assert_eq!(scores(&mut facts)[0], Some(Ratio::whole(100)));
    }
}
