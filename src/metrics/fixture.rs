//! Test facts for health and risk: one account's records, each built in one
//! line relative to a fixed `now`, so a test states only what it is about;
//! and arbitrary ones for property tests.

use jiff::Timestamp;
use jiff::civil::Date;
use proptest::prelude::*;

use super::{
    AccountFact, AccountFacts, ContactFact, Facts, HealthPoint, MrrChange, SurveyFact, TaskFact, TicketFact,
    UsageFact,
};
use crate::model::time::{add_days, add_days_to, utc_date};
use crate::model::{
    AccountId, Currency, LifecycleStage, Money, Rating, SafeText, Satisfaction, SurveyAnswer, TaskStatus,
    TicketPriority, TicketStatus,
};

const ACCOUNT: AccountId = AccountId(1);

/// The instant every test scores at: Wednesday 2026-11-25, noon UTC.
pub(crate) fn now() -> Timestamp {
    Timestamp::from_second(1_795_608_000).expect("a valid instant")
}

pub(crate) fn today() -> Date {
    utc_date(now())
}

pub(crate) fn days_ago(days: i64) -> Timestamp {
    add_days_to(now(), -days)
}

pub(crate) fn day_ago(days: i64) -> Date {
    add_days(today(), -days)
}

pub(crate) fn account(stage: LifecycleStage) -> AccountFact {
    AccountFact {
        account: ACCOUNT,
        owner: SafeText::default(),
        plan: SafeText::default(),
        stage,
        mrr: Money::new(100_000, Currency::USD),
        renewal_date: None,
        created_at: days_ago(400),
    }
}

/// A snapshot with three logins and two key-feature uses per active user.
pub(crate) fn usage(days: i64, active_users: u32, seats: u32) -> UsageFact {
    UsageFact {
        account: ACCOUNT,
        day: day_ago(days),
        active_users,
        seats,
        logins: active_users * 3,
        key_feature_uses: active_users * 2,
    }
}

/// A normal-priority ticket created `days` ago, without an SLA or rating.
pub(crate) fn ticket(days: i64, status: TicketStatus) -> TicketFact {
    TicketFact {
        account: ACCOUNT,
        status,
        priority: TicketPriority::Normal,
        created_at: days_ago(days).into(),
        first_reply_at: None,
        solved_at: (!status.is_open()).then(|| days_ago(days).into()),
        sla_due_at: None,
        satisfaction: None,
    }
}

pub(crate) fn survey(days: i64, answer: SurveyAnswer) -> SurveyFact {
    SurveyFact { account: ACCOUNT, answer, at: days_ago(days).into(), loop_closed: false, on_ticket: false }
}

pub(crate) fn contact(champion: bool, seen_days_ago: Option<i64>) -> ContactFact {
    ContactFact { account: ACCOUNT, champion, last_seen_at: seen_days_ago.map(|days| days_ago(days).into()) }
}

/// An onboarding milestone due `days` ago (in the future when negative).
pub(crate) fn milestone(days: i64, status: TaskStatus) -> TaskFact {
    TaskFact { account: ACCOUNT, status, due: Some(day_ago(days)), onboarding: true }
}

pub(crate) fn mrr(days: i64, mrr_minor: i64) -> MrrChange {
    MrrChange { account: ACCOUNT, at: days_ago(days), mrr_minor }
}

pub(crate) fn snapshot(days: i64, score: u8) -> HealthPoint {
    HealthPoint { account: ACCOUNT, day: day_ago(days), score }
}

/// Facts of one account in the given stage and nothing else.
pub(crate) fn only(stage: LifecycleStage) -> Facts {
    Facts { accounts: vec![account(stage)], ..Facts::default() }
}

/// The one account's view, once its records are sorted.
pub(crate) fn view(facts: &mut Facts) -> AccountFacts<'_> {
    facts.sort();
    facts.per_account().next().expect("the fixture holds one account")
}

/// A count: usually small, sometimes anything a u32 holds.
fn count() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..60, any::<u32>()]
}

/// Days before now, a few of them in the future.
fn days() -> impl Strategy<Value = i64> {
    -20i64..400
}

fn stage() -> impl Strategy<Value = LifecycleStage> {
    prop::sample::select(LifecycleStage::ALL)
}

fn usage_row() -> impl Strategy<Value = UsageFact> {
    (days(), count(), count(), count(), count()).prop_map(|(days, active_users, seats, logins, key)| {
        UsageFact {
            day: add_days(today(), -days),
            active_users,
            seats,
            logins,
            key_feature_uses: key,
            ..usage(0, 0, 0)
        }
    })
}

fn ticket_row() -> impl Strategy<Value = TicketFact> {
    let status = prop::sample::select(TicketStatus::ALL);
    let priority = prop::sample::select(TicketPriority::ALL);
    let satisfaction = prop::option::of(prop::sample::select(Satisfaction::ALL));
    (days(), status, priority, prop::option::of(-30i64..30), prop::option::of(days()), satisfaction).prop_map(
        |(days, status, priority, sla, solved, satisfaction)| TicketFact {
            priority,
            sla_due_at: sla.map(|offset| add_days_to(now(), offset).into()),
            solved_at: solved.map(|days| days_ago(days).into()),
            satisfaction,
            ..ticket(days, status)
        },
    )
}

fn survey_row() -> impl Strategy<Value = SurveyFact> {
    let answer = prop_oneof![
        (0u8..=10).prop_map(SurveyAnswer::Nps),
        (1u8..=5).prop_map(SurveyAnswer::Csat),
        (1u8..=7).prop_map(SurveyAnswer::Ces),
        prop::sample::select(Rating::ALL).prop_map(SurveyAnswer::Rating),
    ];
    (days(), answer, any::<bool>())
        .prop_map(|(days, answer, on_ticket)| SurveyFact { on_ticket, ..survey(days, answer) })
}

fn contact_row() -> impl Strategy<Value = ContactFact> {
    (any::<bool>(), prop::option::of(days())).prop_map(|(champion, seen)| contact(champion, seen))
}

fn task_row() -> impl Strategy<Value = TaskFact> {
    (prop::sample::select(TaskStatus::ALL), prop::option::of(days()), any::<bool>()).prop_map(
        |(status, due, onboarding)| TaskFact { due: due.map(day_ago), onboarding, ..milestone(0, status) },
    )
}

fn mrr_row() -> impl Strategy<Value = MrrChange> {
    (days(), prop_oneof![0i64..100_000, any::<i64>()]).prop_map(|(days, minor)| mrr(days, minor))
}

fn snapshot_row() -> impl Strategy<Value = HealthPoint> {
    (days(), any::<u8>()).prop_map(|(days, score)| snapshot(days, score))
}

prop_compose! {
    /// One account's facts of every kind, from the ordinary to the extreme,
    /// dated around `now`, in any stage.
    pub(crate) fn any_facts()(
        stage in stage(),
        usage in prop::collection::vec(usage_row(), 0..8),
        tickets in prop::collection::vec(ticket_row(), 0..8),
        surveys in prop::collection::vec(survey_row(), 0..8),
        contacts in prop::collection::vec(contact_row(), 0..4),
        tasks in prop::collection::vec(task_row(), 0..4),
        mrr_changes in prop::collection::vec(mrr_row(), 0..4),
        health in prop::collection::vec(snapshot_row(), 0..4),
    ) -> Facts {
        Facts {
            accounts: vec![account(stage)],
            usage, tickets, surveys, contacts, tasks, mrr_changes, health,
            ..Facts::default()
        }
    }
}
