//! Engagement: whether anyone at the account is still around — days since
//! the last login (the latest usage snapshot with logins) and days since
//! any contact was last seen.
//!
//! Pure: reads usage snapshots dated on or before today and contacts' last
//! sightings on or before `now`.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::metrics::AccountFacts;
use crate::metrics::signals::{contact_last_seen, days_without_login, whole_days};

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EngagementModel {
    pub weight: u32,
    pub days_without_login: Scale,
    pub days_since_contact_seen: Scale,
}

impl Default for EngagementModel {
    fn default() -> Self {
        EngagementModel {
            weight: 15,
            // Usage is counted weekly: a login in the latest week is full marks.
            days_without_login: Scale::whole(7, 30, Unit::Days),
            days_since_contact_seen: Scale::whole(14, 90, Unit::Days),
        }
    }
}

impl EngagementModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, now: Timestamp, today: Date) -> [InputScore; 2] {
        let login = days_without_login(facts.usage, today).map_or(Reading::NoData, Reading::DaysWithoutLogin);
        let seen = contact_last_seen(facts.contacts, now)
            .map_or(Reading::NoData, |seen| Reading::DaysSinceContactSeen(whole_days(seen, now)));
        [
            InputScore::scaled(Input::DaysWithoutLogin, login, self.days_without_login),
            InputScore::scaled(Input::DaysSinceContactSeen, seen, self.days_since_contact_seen),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{contact, now, only, today, usage, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::LifecycleStage;

    fn scores(facts: &mut Facts) -> [Option<Ratio>; 2] {
        EngagementModel::default().read(&view(facts), now(), today()).map(|input| input.score())
    }

    #[test]
    fn recent_logins_and_sightings_score_full_marks_and_old_ones_zero() {
        let mut facts = only(LifecycleStage::Retention);
        facts.usage = vec![usage(7, 3, 5)];
        facts.contacts = vec![contact(false, Some(14)), contact(false, Some(200))];
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)); 2]);
        facts.usage = vec![usage(30, 3, 5), usage(2, 0, 5)];
        facts.contacts = vec![contact(false, Some(90))];
        assert_eq!(scores(&mut facts), [Some(Ratio::ZERO); 2]);
    }

    #[test]
    fn scores_fall_linearly_between_the_thresholds() {
        let mut facts = only(LifecycleStage::Retention);
        // 18 days is 12/23 of the way from 30 down to 7 (52.17); 52 days is
        // half way from 90 down to 14.
        facts.usage = vec![usage(18, 3, 5)];
        facts.contacts = vec![contact(true, Some(52))];
        assert_eq!(scores(&mut facts), [Some(Ratio::new(5_217, 100).unwrap()), Some(Ratio::whole(50))]);
    }

    #[test]
    fn nothing_seen_is_no_data() {
        let mut facts = only(LifecycleStage::Acquisition);
        facts.contacts = vec![contact(false, None), contact(true, Some(-2))];
        assert_eq!(scores(&mut facts), [None, None]);
    }
}
