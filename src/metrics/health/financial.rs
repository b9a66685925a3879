//! Financial: whether the account pays more or less than it did — the change
//! in MRR over a window, from the MRR history.
//!
//! Pure: reads MRR changes made on or before `now`. Without any MRR history
//! there is no data; an account that did not pay at the window's start has
//! no change to measure (no data either), so a new customer is not scored
//! on the revenue it just started to bring.

use jiff::Timestamp;

use crate::metrics::AccountFacts;
use crate::metrics::signals::mrr_at;
use crate::model::time::add_days_to;

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FinancialModel {
    pub weight: u32,
    pub window_days: u32,
    /// The change in MRR over the window, in percent of the MRR at its start.
    pub mrr_change: Scale,
}

impl Default for FinancialModel {
    fn default() -> Self {
        FinancialModel { weight: 10, window_days: 90, mrr_change: Scale::whole(0, -30, Unit::Percent) }
    }
}

impl FinancialModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, now: Timestamp) -> [InputScore; 1] {
        let reading = match mrr_at(facts.mrr_changes, now) {
            None => Reading::NoData,
            Some(to) => {
                let from = mrr_at(facts.mrr_changes, add_days_to(now, -i64::from(self.window_days)));
                Reading::MrrChange { from: from.unwrap_or(0), to }
            }
        };
        [InputScore::scaled(Input::MrrChange, reading, self.mrr_change)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{mrr, now, only, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::LifecycleStage;

    fn score(facts: &mut Facts) -> Option<Ratio> {
        FinancialModel::default().read(&view(facts), now())[0].score()
    }

    #[test]
    fn a_steady_or_growing_mrr_is_full_marks_and_a_30_percent_cut_zero() {
        let mut facts = only(LifecycleStage::Retention);
        facts.mrr_changes = vec![mrr(300, 10_000)];
        assert_eq!(score(&mut facts), Some(Ratio::whole(100)));
        facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 12_000)];
        assert_eq!(score(&mut facts), Some(Ratio::whole(100)));
        facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 8_500)];
        assert_eq!(score(&mut facts), Some(Ratio::whole(50)));
        facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 7_000)];
        assert_eq!(score(&mut facts), Some(Ratio::ZERO));
        facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 0)];
        assert_eq!(score(&mut facts), Some(Ratio::ZERO));
    }

    #[test]
    fn the_window_starts_at_the_mrr_in_effect_90_days_ago() {
        let mut facts = only(LifecycleStage::Retention);
        // The cut exactly 90 days ago is already in effect at the start.
        facts.mrr_changes = vec![mrr(300, 10_000), mrr(90, 7_000)];
        assert_eq!(score(&mut facts), Some(Ratio::whole(100)));
    }

    #[test]
    fn no_history_or_no_mrr_at_the_start_is_no_data() {
        assert_eq!(score(&mut only(LifecycleStage::Acquisition)), None);
        let mut facts = only(LifecycleStage::Retention);
        facts.mrr_changes = vec![mrr(30, 10_000)];
        assert_eq!(score(&mut facts), None);
        facts.mrr_changes = vec![mrr(-5, 10_000)];
        assert_eq!(score(&mut facts), None);
    }
}
