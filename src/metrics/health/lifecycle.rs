//! Lifecycle: where the account is in its lifecycle — a score per stage from
//! a table — and whether its onboarding keeps to plan (overdue onboarding
//! milestones).
//!
//! Pure: reads the account's current stage and its onboarding tasks. A
//! stage the table leaves out is not scored (prospects in reach or
//! acquisition have no health to speak of), and an account without
//! onboarding milestones is not scored on them.

use jiff::civil::Date;

use crate::metrics::AccountFacts;
use crate::metrics::signals::onboarding_milestones;
use crate::model::LifecycleStage;

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LifecycleModel {
    pub weight: u32,
    pub stage_scores: StageScores,
    pub overdue_onboarding_milestones: Scale,
}

impl Default for LifecycleModel {
    fn default() -> Self {
        let mut stage_scores = StageScores::none();
        for (stage, score) in [
            (LifecycleStage::Conversion, 70),
            (LifecycleStage::Retention, 80),
            (LifecycleStage::Loyalty, 100),
            (LifecycleStage::Reactivated, 60),
            (LifecycleStage::Churned, 0),
        ] {
            stage_scores.set(stage, Some(score));
        }
        LifecycleModel {
            weight: 5,
            stage_scores,
            overdue_onboarding_milestones: Scale::whole(0, 3, Unit::Count),
        }
    }
}

impl LifecycleModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, today: Date) -> [InputScore; 2] {
        let stage = facts.account.stage;
        let milestones = onboarding_milestones(facts.tasks, today);
        let milestones =
            if milestones.milestones == 0 { Reading::NoData } else { Reading::OverdueMilestones(milestones) };
        [
            InputScore::stage(Reading::Stage { stage, score: self.stage_scores.get(stage) }),
            InputScore::scaled(
                Input::OverdueOnboardingMilestones,
                milestones,
                self.overdue_onboarding_milestones,
            ),
        ]
    }
}

/// A score out of 100 for each lifecycle stage, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageScores([Option<u8>; LifecycleStage::ALL.len()]);

impl StageScores {
    /// No stage scored.
    pub fn none() -> StageScores {
        StageScores([None; LifecycleStage::ALL.len()])
    }

    pub fn get(&self, stage: LifecycleStage) -> Option<u8> {
        self.0[position(stage)]
    }

    /// Sets a stage's score; scores above 100 count as 100.
    pub fn set(&mut self, stage: LifecycleStage, score: Option<u8>) {
        self.0[position(stage)] = score.map(|score| score.min(100));
    }
}

fn position(stage: LifecycleStage) -> usize {
    // ALL lists the stages in declaration order, so a stage's discriminant
    // is its position there.
    stage as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{milestone, only, today, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::TaskStatus;

    fn scores(facts: &mut Facts) -> [Option<Ratio>; 2] {
        LifecycleModel::default().read(&view(facts), today()).map(|input| input.score())
    }

    #[test]
    fn stages_score_from_the_table_and_prospects_are_not_scored() {
        assert_eq!(scores(&mut only(LifecycleStage::Loyalty)), [Some(Ratio::whole(100)), None]);
        assert_eq!(scores(&mut only(LifecycleStage::Churned)), [Some(Ratio::ZERO), None]);
        assert_eq!(scores(&mut only(LifecycleStage::Reach)), [None, None]);
    }

    #[test]
    fn overdue_milestones_lower_the_score() {
        let mut facts = only(LifecycleStage::Retention);
        facts.tasks = vec![
            milestone(10, TaskStatus::Open),
            milestone(5, TaskStatus::Done),
            milestone(0, TaskStatus::Open),
            milestone(-7, TaskStatus::Open),
        ];
        assert_eq!(scores(&mut facts)[1], Some(Ratio::new(6_667, 100).unwrap()));
        facts.tasks = vec![milestone(0, TaskStatus::Open), milestone(-7, TaskStatus::Open)];
        assert_eq!(scores(&mut facts)[1], Some(Ratio::whole(100)));
    }

    #[test]
    fn scores_above_100_are_capped() {
        let mut scores = StageScores::none();
        scores.set(LifecycleStage::Loyalty, Some(250));
        assert_eq!(scores.get(LifecycleStage::Loyalty), Some(100));
        assert_eq!(scores.get(LifecycleStage::Reach), None);
    }
}
