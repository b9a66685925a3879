//! The dashboard's tiles, trend, funnel and scopes on a handful of accounts.

use super::*;
use crate::metrics::fixture::{account, days_ago, now};
use crate::metrics::health::HealthModel;
use crate::metrics::kpi_lines::KpiValue;
use crate::metrics::portfolio::members;
use crate::metrics::{RiskModel, StageFact, SurveyFact};
use crate::model::{SafeText, SurveyAnswer};

fn stage(id: i64, from: Option<LifecycleStage>, to: LifecycleStage, days: i64) -> StageFact {
    StageFact { account: AccountId(id), from, to, at: days_ago(days).into() }
}

fn nps_answer(id: i64, score: u8, days: i64) -> SurveyFact {
    SurveyFact {
        account: AccountId(id),
        answer: SurveyAnswer::Nps(score),
        at: days_ago(days).into(),
        loop_closed: false,
        on_ticket: false,
    }
}

/// Three accounts: 1 went reach → acquisition → conversion → retention, 2
/// went reach → acquisition and churned 10 days ago, 3 has no history and
/// sits in loyalty. Owners: Ann for 1 and 2, nobody for 3.
fn facts() -> Facts {
    use LifecycleStage::*;
    let mut accounts = Vec::new();
    for (id, stage, owner) in [(1, Retention, "Ann"), (2, Churned, "Ann"), (3, Loyalty, "")] {
        let mut fact = account(stage);
        fact.account = AccountId(id);
        fact.owner = SafeText::line(owner, crate::model::FieldCap::NAME);
        if id == 2 {
            fact.mrr.minor = 0;
        }
        accounts.push(fact);
    }
    Facts {
        accounts,
        stage_changes: vec![
            stage(1, Some(Reach), Acquisition, 300),
            stage(1, Some(Acquisition), Conversion, 200),
            stage(1, Some(Conversion), Retention, 150),
            stage(2, Some(Reach), Acquisition, 120),
            stage(2, Some(Acquisition), Churned, 10),
        ],
        // Account 1: a promoter this period and a detractor 40 days ago;
        // account 3: a promoter 100 days ago (the previous period).
        surveys: vec![nps_answer(1, 10, 5), nps_answer(1, 3, 40), nps_answer(3, 9, 100)],
        ..Facts::default()
    }
}

fn built(scope: &Scope) -> Dashboard {
    let facts = facts();
    let all = members(&facts, &HealthModel::default(), &RiskModel::default(), now());
    let segments = segments_by_account(&facts, now());
    let then = members(
        &facts,
        &HealthModel::default(),
        &RiskModel::default(),
        period_start(now(), 90).expect("a start"),
    );
    dashboard(
        &scoped(all, scope, &segments),
        &scoped(then, scope, &segments),
        90,
        now(),
        &LtvSettings::default(),
    )
    .expect("a dashboard")
}

fn tile<'a>(board: &'a Dashboard, id: &str) -> &'a Tile {
    board.tiles.iter().find(|tile| tile.id == id).expect("the tile")
}

#[test]
fn the_periods_are_the_last_90_days_and_the_90_before() {
    let board = built(&Scope::All);
    assert_eq!(board.period.end(), now());
    assert_eq!(board.period.start(), days_ago(90));
    assert_eq!(board.previous.end(), days_ago(90));
    assert_eq!(board.previous.start(), days_ago(180));
}

#[test]
fn every_tile_is_there_in_order_with_both_periods() {
    let board = built(&Scope::All);
    let ids: Vec<_> = board.tiles.iter().map(|tile| tile.id).collect();
    assert_eq!(ids, TILES.iter().map(|(id, _, _)| *id).collect::<Vec<_>>());
    let nps = tile(&board, "nps");
    assert_eq!(nps.current[0].inputs, 2, "two answers in the last 90 days");
    assert_eq!(nps.previous[0].inputs, 1, "one in the 90 before");
    assert_eq!(nps.accounts, vec![AccountId(1)]);
}

#[test]
fn drill_downs_list_the_accounts_behind_a_tile() {
    let board = built(&Scope::All);
    assert_eq!(tile(&board, "accounts").accounts, vec![AccountId(1), AccountId(2), AccountId(3)]);
    assert_eq!(tile(&board, "mrr").accounts, vec![AccountId(1), AccountId(3)], "paying accounts");
    assert_eq!(tile(&board, "churn_rate").accounts, vec![AccountId(2)], "churned in the period");
}

#[test]
fn accounts_and_mrr_are_compared_with_their_history() {
    let mut facts = facts();
    // Account 1 went from 500.00 to 1,000.00 USD 30 days ago; account 3
    // was created 50 days ago.
    facts.mrr_changes = vec![
        crate::metrics::MrrChange { account: AccountId(1), at: days_ago(300), mrr_minor: 50_000 },
        crate::metrics::MrrChange { account: AccountId(1), at: days_ago(30), mrr_minor: 100_000 },
    ];
    facts.accounts[2].created_at = days_ago(50);
    let all = members(&facts, &HealthModel::default(), &RiskModel::default(), now());
    let then = members(
        &facts,
        &HealthModel::default(),
        &RiskModel::default(),
        period_start(now(), 90).expect("a start"),
    );
    let board = dashboard(&all, &then, 90, now(), &LtvSettings::default()).expect("a dashboard");
    let accounts = tile(&board, "accounts");
    assert_eq!(accounts.previous[0].value, Some(KpiValue::Count(2)), "account 3 did not exist 90 days ago");
    let mrr = tile(&board, "mrr");
    // Now: 1,000.00 (account 1) + 1,000.00 (account 3, no history) = 2,000.00.
    assert_eq!(mrr.current[0].value, Some(KpiValue::Money(200_000, crate::model::Currency::USD)));
    // Then: account 1 at 500.00; account 3 not created yet; 2 pays nothing.
    assert_eq!(mrr.previous[0].value, Some(KpiValue::Money(50_000, crate::model::Currency::USD)));
    let at_risk = tile(&board, "revenue_at_risk");
    assert!(at_risk.current.is_empty() && at_risk.previous.is_empty(), "nobody at high risk, now or then");
}

#[test]
fn the_trend_is_twelve_months_ending_with_this_one() {
    let board = built(&Scope::All);
    assert_eq!(board.trend.len(), 12);
    let last = board.trend.last().expect("this month");
    assert!(last.month.contains(now()));
    let answers: u64 = board.trend.iter().map(|point| point.nps.answers()).sum();
    assert_eq!(answers, 3, "every answer of the year lands in one month");
}

#[test]
fn the_funnel_counts_who_entered_each_stage_and_who_moved_on() {
    let board = built(&Scope::All);
    let counts: Vec<(u64, u64)> = board.funnel.iter().map(|step| (step.entered, step.moved_on)).collect();
    // Reach: 1 and 2, both moved on. Acquisition: 1 and 2, only 1 converted.
    // Conversion: 1, moved on. Retention: 1, not loyal yet. Loyalty: 3.
    assert_eq!(counts, vec![(2, 2), (2, 1), (1, 1), (1, 0), (1, 0)]);
}

#[test]
fn a_scope_narrows_everything() {
    let board = built(&Scope::Owner("Ann".into()));
    assert_eq!(board.accounts, 2);
    assert_eq!(tile(&board, "accounts").accounts, vec![AccountId(1), AccountId(2)]);
    let nobody = built(&Scope::Owner("(no owner)".into()));
    assert_eq!(tile(&nobody, "accounts").accounts, vec![AccountId(3)]);
    let facts = facts();
    let all = members(&facts, &HealthModel::default(), &RiskModel::default(), now());
    let choices = scope_choices(&all, &segments_by_account(&facts, now()));
    assert_eq!(choices.owners, vec!["(no owner)".to_owned(), "Ann".to_owned()]);
    assert_eq!(choices.plans, vec!["(no plan)".to_owned()]);
    assert_eq!(choices.segments, vec![NO_SEGMENT.to_owned()]);
}
