//! How the components combine into one score: the worked example, left-out
//! components, bands, the 30-day change, and properties over arbitrary facts.

use proptest::prelude::*;

use super::*;
use crate::metrics::fixture::{
    account, any_facts, contact, days_ago, milestone, mrr, now, only, snapshot, survey, ticket, usage, view,
};
use crate::metrics::{Explain, Facts};
use crate::model::{
    AccountId, Currency, LifecycleStage, Money, SurveyAnswer, TaskStatus, TicketPriority, TicketStatus,
};

fn ratio(numerator: i128, denominator: i128) -> Ratio {
    Ratio::new(numerator, denominator).expect("a non-zero denominator")
}

/// Exact sum of ratios (test-sized values only).
fn sum(ratios: impl IntoIterator<Item = Ratio>) -> Ratio {
    ratios.into_iter().fold(Ratio::ZERO, |total, next| {
        ratio(
            total.numerator() * next.denominator() + next.numerator() * total.denominator(),
            total.denominator() * next.denominator(),
        )
    })
}

/// An account with data in every component (see the worked example below).
fn worked_example() -> Facts {
    let mut facts = only(LifecycleStage::Retention);
    facts.usage = vec![usage(29, 40, 50), usage(1, 40, 50)];
    let mut urgent = ticket(3, TicketStatus::Open);
    urgent.priority = TicketPriority::Urgent;
    urgent.sla_due_at = Some(days_ago(2).into());
    facts.tickets = vec![urgent];
    facts.surveys = vec![survey(20, SurveyAnswer::Nps(0))];
    facts.contacts = vec![contact(true, Some(52))];
    facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 8_500)];
    facts
}

#[test]
fn the_worked_example_adds_up_exactly() {
    // usage 100 (weight 30); support: 1 urgent open (50) and 1 past its SLA
    // (66.67), no ratings → 58.335 (20); sentiment: one detractor, NPS −100
    // → 0 (20); engagement: login yesterday (100), contact seen 52 days ago
    // (50) → 75 (15); financial: MRR down 15 % → 50 (10); lifecycle:
    // retention 80, no milestones → 80 (5).
    // Score = (3000 + 1166.7 + 0 + 1125 + 500 + 400) / 100 = 61.917.
    let health = HealthModel::default().score(view(&mut worked_example()), now());
    assert_eq!(health.score(), Some(ratio(61_917, 1_000)));
    assert_eq!(health.shown_score(), Some(62));
    assert_eq!(health.band(), Some(Band::Fair));

    let explanation = health.explanation();
    let contributions: Vec<_> = explanation.components.iter().map(|line| line.contribution).collect();
    assert_eq!(
        contributions,
        [
            Some(Ratio::whole(30)),
            Some(ratio(11_667, 1_000)),
            Some(Ratio::ZERO),
            Some(ratio(45, 4)),
            Some(Ratio::whole(5)),
            Some(Ratio::whole(4)),
        ]
    );
    assert_eq!(sum(contributions.into_iter().flatten()), ratio(61_917, 1_000));
    // 30 + 11.667 + 0 + 11.25 + 5 + 4: the missing point goes to support's .667.
    let shown: Vec<_> = explanation.components.iter().map(|line| line.shown_contribution).collect();
    assert_eq!(shown, [30, 12, 0, 11, 5, 4].map(Some));
    assert_eq!(explanation.components[1].normalised_weight, Some(ratio(1, 5)));
    assert_eq!(explanation.components[1].score, Some(ratio(11_667, 200)));
}

#[test]
fn the_explanation_lists_each_input_with_its_terms_scale_and_score() {
    let health = HealthModel::default().score(view(&mut worked_example()), now());
    let explanation = health.explanation();
    let usage = &explanation.components[0];
    assert_eq!(usage.inputs.len(), 3);
    let adoption = &usage.inputs[0];
    assert_eq!(adoption.input, Input::SeatAdoption);
    assert_eq!(
        adoption.terms,
        [
            crate::metrics::Term::count("active users", 40),
            crate::metrics::Term::count("seats", 50),
            crate::metrics::Term {
                name: "seat adoption",
                figure: crate::metrics::Figure::Share(ratio(4, 5))
            },
        ]
    );
    assert_eq!(
        adoption.scale.map(|scale| scale.to_string()).as_deref(),
        Some("full marks at ≥ 80 %, zero at ≤ 20 %")
    );
    let sentiment = &explanation.components[2];
    assert_eq!(sentiment.inputs[1].terms, []);
    assert_eq!(sentiment.inputs[1].score, None);
    assert_eq!(health.name(), "Health score");
    assert_eq!(health.inputs(), 6);
    assert_eq!(health.terms()[0].name, "usage");
}

#[test]
fn money_inputs_are_in_the_account_mrr_currency() {
    let mut facts = worked_example();
    facts.accounts[0].mrr = Money::new(129_900, Currency::EUR);
    let explanation = HealthModel::default().score(view(&mut facts), now()).explanation();
    assert_eq!(explanation.currency, Currency::EUR);
    let financial = &explanation.components[4];
    assert_eq!(
        financial.inputs[0].terms[..2],
        [
            crate::metrics::Term::money("MRR at the window's start", 10_000),
            crate::metrics::Term::money("MRR now", 8_500),
        ]
    );
}

#[test]
fn components_without_data_are_left_out_and_the_weights_renormalise() {
    let model = HealthModel::default();
    // Only the stage is known: lifecycle alone makes the score.
    let health = model.score(view(&mut only(LifecycleStage::Loyalty)), now());
    assert_eq!(health.score(), Some(Ratio::whole(100)));
    assert_eq!(health.normalised_weight(Component::Lifecycle), Some(Ratio::ONE));
    assert_eq!(health.normalised_weight(Component::Usage), None);
    assert_eq!(health.explanation().components[0].shown_contribution, None);

    // Financial (weight 10) scores 0 and lifecycle (weight 5) 100:
    // 10/15 and 5/15 of the score, 33.33.
    let mut facts = only(LifecycleStage::Loyalty);
    facts.mrr_changes = vec![mrr(300, 10_000), mrr(10, 7_000)];
    let health = model.score(view(&mut facts), now());
    assert_eq!(health.score(), Some(ratio(100, 3)));
    assert_eq!(health.normalised_weight(Component::Financial), Some(ratio(2, 3)));
    assert_eq!(health.contribution(Component::Lifecycle), Some(ratio(100, 3)));
    assert_eq!(health.shown_score(), Some(33));
    assert_eq!(health.band(), Some(Band::Poor));
}

#[test]
fn no_component_with_data_is_no_data_not_zero() {
    let health = HealthModel::default().score(view(&mut only(LifecycleStage::Reach)), now());
    assert_eq!((health.score(), health.shown_score(), health.band()), (None, None, None));
    assert_eq!(health.inputs(), 0);
    let explanation = health.explanation();
    assert!(explanation.components.iter().all(|line| line.score.is_none() && line.contribution.is_none()));

    // A churned account does have data, and scores 0.
    let churned = HealthModel::default().score(view(&mut only(LifecycleStage::Churned)), now());
    assert_eq!(churned.shown_score(), Some(0));
}

#[test]
fn a_component_weighted_zero_is_left_out() {
    let mut model = HealthModel::default();
    *model.weight_mut(Component::Lifecycle) = 0;
    let health = model.score(view(&mut only(LifecycleStage::Loyalty)), now());
    assert!(health.component(Component::Lifecycle).has_data());
    assert_eq!(health.score(), None);
}

#[test]
fn the_band_is_taken_on_the_shown_score() {
    let mut model = HealthModel::default();
    model.lifecycle.stage_scores.set(LifecycleStage::Retention, Some(49));
    let mut facts = only(LifecycleStage::Retention);
    assert_eq!(model.score(view(&mut facts), now()).band(), Some(Band::Poor));
    // 49 and a milestone on time (100): 74.5, shown as 75, good.
    facts.tasks = vec![milestone(-3, TaskStatus::Open)];
    let health = model.score(view(&mut facts), now());
    assert_eq!(
        (health.score(), health.shown_score(), health.band()),
        (Some(ratio(149, 2)), Some(75), Some(Band::Good))
    );
}

#[test]
fn the_30_day_change_compares_the_shown_score_with_the_stored_one() {
    let mut facts = only(LifecycleStage::Loyalty);
    facts.health = vec![snapshot(40, 90), snapshot(31, 80), snapshot(10, 20)];
    let health = HealthModel::default().score(view(&mut facts), now());
    let change = health.change_30d().unwrap();
    assert_eq!((change.before, change.now, change.points()), (80, 100, 20));
    assert_eq!(
        HealthModel::default().score(view(&mut only(LifecycleStage::Reach)), now()).change_30d(),
        None
    );
}

prop_compose! {
    fn any_model()(weights in prop::array::uniform6(prop_oneof![0u32..100, any::<u32>()])) -> HealthModel {
        let mut model = HealthModel::default();
        for (component, weight) in Component::ALL.into_iter().zip(weights) {
            *model.weight_mut(component) = weight;
        }
        model
    }
}

proptest! {
    #[test]
    fn health_is_within_0_to_100_and_its_parts_add_up_exactly(mut facts in any_facts(), model in any_model()) {
        let health = model.score(view(&mut facts), now());
        let explanation = health.explanation();
        match health.score() {
            None => {
                prop_assert!(health.components().iter().all(|component| !component.counts()));
                prop_assert_eq!(health.shown_score(), None);
            }
            Some(score) => {
                prop_assert!(score.numerator() >= 0 && score.numerator() <= 100 * score.denominator());
                let shown = health.shown_score().expect("a shown score");
                prop_assert!(shown <= 100);
                prop_assert_eq!(i128::from(shown), score.round());
                let parts = explanation.components.iter().filter_map(|line| line.contribution);
                prop_assert_eq!(sum(parts), score);
                let shown_parts: u32 =
                    explanation.components.iter().filter_map(|line| line.shown_contribution).map(u32::from).sum();
                prop_assert_eq!(shown_parts, u32::from(shown));
                for line in &explanation.components {
                    if let (Some(exact), Some(whole)) = (line.contribution, line.shown_contribution) {
                        prop_assert!((exact.to_f64() - f64::from(whole)).abs() < 1.0);
                    }
                }
            }
        }
        for component in health.components() {
            for input in component.inputs() {
                prop_assert!(input.hundredths().is_none_or(|hundredths| hundredths <= FULL_MARKS));
            }
        }
    }
}

#[test]
fn rows_of_other_accounts_do_not_leak_in() {
    let mut facts = worked_example();
    facts
        .accounts
        .push(crate::metrics::AccountFact { account: AccountId(2), ..account(LifecycleStage::Reach) });
    facts.sort();
    let scores: Vec<_> =
        facts.per_account().map(|view| HealthModel::default().score(view, now()).shown_score()).collect();
    assert_eq!(scores, [Some(62), None]);
}
