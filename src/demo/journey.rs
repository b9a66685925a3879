//! An account's journey through the lifecycle: the stage changes that lead
//! to its current stage, with strictly increasing times before the anchor
//! and a reason for each — including the back-and-forth the sources
//! describe (a new offer sends a customer back to consideration; a loyal
//! one slips back to retention), and churn and win-back.

use crate::model::LifecycleStage;

use super::anchor::{DAY, HOUR};
use super::random::Rng;
use super::team_text;

/// One stage change on an account's journey, `at` seconds from the anchor.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    pub stage: LifecycleStage,
    pub at: i64,
    pub reason: &'static str,
}

pub(super) struct Journey {
    pub steps: Vec<Step>,
    pub converted_at: Option<i64>,
    pub churned_at: Option<i64>,
    pub reactivated_at: Option<i64>,
}

/// The stage history that leads to `stage`, with strictly increasing times,
/// all before the anchor.
pub(super) fn plan_journey(rng: &mut Rng, stage: LifecycleStage, onboarding: bool) -> Journey {
    use LifecycleStage::*;
    let mut steps = Vec::with_capacity(8);
    let journey = |steps, converted_at, churned_at, reactivated_at| Journey {
        steps,
        converted_at,
        churned_at,
        reactivated_at,
    };
    match stage {
        Reach => {
            let reached = -rng.between(HOUR, 400 * DAY);
            steps.push(step(rng, Reach, reached, team_text::REACH_REASONS));
            journey(steps, None, None, None)
        }
        Acquisition => {
            let trial = -rng.between(HOUR, 90 * DAY);
            if rng.chance(0.6) {
                let reached = trial - rng.between(DAY, 300 * DAY);
                steps.push(step(rng, Reach, reached, team_text::REACH_REASONS));
            }
            steps.push(step(rng, Acquisition, trial, team_text::ACQUISITION_REASONS));
            journey(steps, None, None, None)
        }
        Conversion => {
            let converted = -rng.between(HOUR, 30 * DAY);
            lead_up_to(rng, converted, &mut steps);
            journey(steps, Some(converted), None, None)
        }
        Retention if onboarding => {
            let converted = -rng.between(5 * DAY, 60 * DAY);
            let retained = lead_up_to(rng, converted, &mut steps) + rng.between(HOUR, 3 * DAY);
            steps.push(step(rng, Retention, retained, team_text::RETENTION_REASONS));
            journey(steps, Some(converted), None, None)
        }
        Retention => {
            let converted = -rng.between(61 * DAY, 1500 * DAY);
            let retained = lead_up_to(rng, converted, &mut steps) + rng.between(DAY, 10 * DAY);
            steps.push(step(rng, Retention, retained, team_text::RETENTION_REASONS));
            // A new offer sends some customers back to consideration, and
            // they buy again (DOMAIN.md: stages repeat).
            if retained < -120 * DAY && rng.chance(0.15) {
                let reconsidered = rng.between(retained + 30 * DAY, -40 * DAY);
                let bought = reconsidered + rng.between(7 * DAY, 30 * DAY);
                let settled = bought + rng.between(HOUR, 5 * DAY);
                steps.push(step(rng, Acquisition, reconsidered, team_text::RECONSIDERATION_REASONS));
                steps.push(step(rng, Conversion, bought, team_text::CONVERSION_REASONS));
                steps.push(step(rng, Retention, settled, team_text::RETURN_TO_RETENTION_REASONS));
            }
            journey(steps, Some(converted), None, None)
        }
        Loyalty => {
            let converted = -rng.between(200 * DAY, 1800 * DAY);
            let retained = lead_up_to(rng, converted, &mut steps) + rng.between(DAY, 10 * DAY);
            steps.push(step(rng, Retention, retained, team_text::RETENTION_REASONS));
            let loyal = rng.between(retained + 90 * DAY, -HOUR);
            steps.push(step(rng, Loyalty, loyal, team_text::LOYALTY_REASONS));
            if loyal < -60 * DAY && rng.chance(0.15) {
                let lapsed = rng.between(loyal + 14 * DAY, -30 * DAY);
                let regained = rng.between(lapsed + 7 * DAY, -HOUR);
                steps.push(step(rng, Retention, lapsed, team_text::RETURN_TO_RETENTION_REASONS));
                steps.push(step(rng, Loyalty, regained, team_text::LOYALTY_REASONS));
            }
            journey(steps, Some(converted), None, None)
        }
        Churned => {
            let converted = -rng.between(150 * DAY, 1500 * DAY);
            let retained = lead_up_to(rng, converted, &mut steps) + rng.between(DAY, 10 * DAY);
            steps.push(step(rng, Retention, retained, team_text::RETENTION_REASONS));
            let mut last = retained;
            if retained < -300 * DAY && rng.chance(0.2) {
                last = rng.between(retained + 90 * DAY, retained + 200 * DAY);
                steps.push(step(rng, Loyalty, last, team_text::LOYALTY_REASONS));
            }
            let churned = rng.between(last + 60 * DAY, -DAY);
            steps.push(step(rng, Churned, churned, team_text::CHURN_REASONS));
            journey(steps, Some(converted), Some(churned), None)
        }
        Reactivated => {
            let converted = -rng.between(400 * DAY, 1800 * DAY);
            let retained = lead_up_to(rng, converted, &mut steps) + rng.between(DAY, 10 * DAY);
            steps.push(step(rng, Retention, retained, team_text::RETENTION_REASONS));
            let churned = rng.between(retained + 60 * DAY, -90 * DAY);
            steps.push(step(rng, Churned, churned, team_text::CHURN_REASONS));
            let reactivated = rng.between(churned + 30 * DAY, -DAY);
            steps.push(step(rng, Reactivated, reactivated, team_text::REACTIVATION_REASONS));
            journey(steps, Some(converted), Some(churned), Some(reactivated))
        }
    }
}

fn step(rng: &mut Rng, stage: LifecycleStage, at: i64, reasons: &[&'static str]) -> Step {
    Step { stage, at, reason: rng.pick(reasons) }
}

/// Pushes the prospect stages before a first purchase at `converted`, then
/// the conversion itself; returns `converted`.
fn lead_up_to(rng: &mut Rng, converted: i64, steps: &mut Vec<Step>) -> i64 {
    let trial = converted - rng.between(3 * DAY, 60 * DAY);
    // Most customers were reached by marketing first; the rest came
    // straight to a trial.
    if rng.chance(0.7) {
        let reached = trial - rng.between(DAY, 150 * DAY);
        steps.push(step(rng, LifecycleStage::Reach, reached, team_text::REACH_REASONS));
    }
    steps.push(step(rng, LifecycleStage::Acquisition, trial, team_text::ACQUISITION_REASONS));
    steps.push(step(rng, LifecycleStage::Conversion, converted, team_text::CONVERSION_REASONS));
    converted
}
