//! The queues read from each account's facts: churn risk, onboarding,
//! renewals, close the loop, trials ending, promoters and win back.

use jiff::Timestamp;

use super::{Entry, QueueInputs, days_ago};
use crate::metrics::signals::{onboarding_milestones, whole_days};
use crate::metrics::{Facts, RiskLevel};
use crate::model::time::{add_days_to, days_between, utc_date};
use crate::model::{LifecycleStage, Money, Rating, SurveyAnswer};

pub(super) fn churn_risk(inputs: &QueueInputs<'_>, at_least: RiskLevel, now: Timestamp) -> Vec<Entry> {
    inputs
        .facts
        .per_account()
        .filter_map(|view| {
            let health = inputs.health.score(view, now);
            let risk = inputs.risk.assess(view, &health, now);
            if risk.level() < at_least {
                return None;
            }
            let reasons: Vec<String> = risk
                .reasons()
                .map(|outcome| format!("{} ({})", inputs.risk.rule(outcome.rule).reason, outcome.evidence))
                .collect();
            Some(Entry {
                account: view.account.account,
                reason: format!("{} risk: {}", risk.level(), reasons.join("; ")),
                sort_key: i64::from(risk.total_weight()),
            })
        })
        .collect()
}

pub(super) fn onboarding(facts: &Facts, now: Timestamp) -> Vec<Entry> {
    let today = utc_date(now);
    facts
        .per_account()
        .filter_map(|view| {
            let milestones = onboarding_milestones(view.tasks, today);
            let oldest = milestones.oldest_due.filter(|_| milestones.overdue > 0)?;
            let noun = if milestones.overdue == 1 { "milestone" } else { "milestones" };
            Some(Entry {
                account: view.account.account,
                reason: format!("{} {noun} overdue, oldest due {oldest}", milestones.overdue),
                sort_key: days_between(oldest, today),
            })
        })
        .collect()
}

/// Paying accounts only: a churned account's old renewal day is no renewal.
pub(super) fn renewals(facts: &Facts, days: u32, now: Timestamp) -> Vec<Entry> {
    let today = utc_date(now);
    facts
        .accounts
        .iter()
        .filter(|account| account.stage.is_customer())
        .filter_map(|account| {
            let renewal = account.renewal_date?;
            let days_left = days_between(today, renewal);
            if !(0..=i64::from(days)).contains(&days_left) {
                return None;
            }
            let arr = Money::new(account.mrr.minor.saturating_mul(12), account.mrr.currency);
            let when = match days_left {
                0 => "renews today".to_owned(),
                1 => "renews in 1 day".to_owned(),
                _ => format!("renews in {days_left} days"),
            };
            Some(Entry {
                account: account.account,
                reason: format!("{when}, ARR {arr}"),
                sort_key: arr.minor,
            })
        })
        .collect()
}

pub(super) fn close_the_loop(facts: &Facts, days: u32, now: Timestamp) -> Vec<Entry> {
    let window_start = add_days_to(now, -i64::from(days));
    facts
        .per_account()
        .filter_map(|view| {
            let mut waiting = view.surveys.iter().filter(|survey| {
                window_start < survey.at
                    && survey.at <= now
                    && survey.answer.needs_follow_up()
                    && !survey.loop_closed
            });
            // Surveys are sorted by time: the first is the one waiting longest.
            let oldest = waiting.next()?;
            let more = waiting.count();
            let age = whole_days(oldest.at.timestamp(), now);
            let mut reason = format!("{}, {}, no follow-up", answer_text(oldest.answer), days_ago(age));
            if more > 0 {
                reason.push_str(&format!(" (and {more} more)"));
            }
            Some(Entry { account: view.account.account, reason, sort_key: i64::from(age) })
        })
        .collect()
}

pub(super) fn trials_ending(facts: &Facts, trial_days: u32, days: u32, now: Timestamp) -> Vec<Entry> {
    facts
        .per_account()
        .filter(|view| view.account.stage == LifecycleStage::Acquisition)
        .filter_map(|view| {
            // The latest entry into acquisition starts the current trial; an
            // account created there has no stage change for it.
            let started = view
                .stage_changes
                .iter()
                .rev()
                .find(|change| change.to == LifecycleStage::Acquisition && change.at <= now)
                .map_or(view.account.created_at, |change| change.at.timestamp());
            let elapsed = whole_days(started, now);
            if elapsed.saturating_add(days) < trial_days {
                return None;
            }
            let ended = if elapsed >= trial_days { ", ended" } else { "" };
            Some(Entry {
                account: view.account.account,
                reason: format!("trial day {} of {trial_days}{ended}", elapsed + 1),
                // Trials ending today first, then those a day either side,
                // and so on: a trial long over is a cold lead.
                sort_key: -(i64::from(elapsed) - i64::from(trial_days)).abs(),
            })
        })
        .collect()
}

pub(super) fn promoters(facts: &Facts, days: u32, now: Timestamp) -> Vec<Entry> {
    let window_start = add_days_to(now, -i64::from(days));
    facts
        .per_account()
        .filter_map(|view| {
            let latest = view
                .surveys
                .iter()
                .rev()
                .filter(|survey| survey.at <= now)
                .find(|survey| matches!(survey.answer, SurveyAnswer::Nps(_)))?;
            let SurveyAnswer::Nps(score @ 9..=10) = latest.answer else { return None };
            if latest.at <= window_start {
                return None;
            }
            let age = whole_days(latest.at.timestamp(), now);
            Some(Entry {
                account: view.account.account,
                reason: format!("NPS {score}, {}: ask for a referral or a review", days_ago(age)),
                // The freshest answers first: the promoter still remembers it.
                sort_key: -i64::from(age),
            })
        })
        .collect()
}

pub(super) fn win_back(facts: &Facts, now: Timestamp) -> Vec<Entry> {
    facts
        .per_account()
        .filter(|view| view.account.stage == LifecycleStage::Churned)
        .map(|view| {
            let churned_at =
                view.stage_changes.iter().rev().find(|change| change.to == LifecycleStage::Churned);
            let (reason, sort_key) = match churned_at {
                // The most recent churns first: they are the likeliest to come back.
                Some(change) => {
                    let at = change.at.timestamp();
                    (format!("churned since {}", utc_date(at)), -i64::from(whole_days(at, now)))
                }
                None => ("churned (no date in the stage history)".to_owned(), i64::MIN),
            };
            Entry { account: view.account.account, reason, sort_key }
        })
        .collect()
}

fn answer_text(answer: SurveyAnswer) -> String {
    match answer {
        SurveyAnswer::Nps(score) => format!("NPS {score}"),
        SurveyAnswer::Csat(score) => format!("CSAT {score}"),
        SurveyAnswer::Ces(score) => format!("CES {score}"),
        SurveyAnswer::Rating(Rating::Bad) => "bad ticket rating".to_owned(),
        SurveyAnswer::Rating(Rating::Good) => "good ticket rating".to_owned(),
    }
}
