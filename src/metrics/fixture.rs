//! Test facts for health and risk: one account's records, each built in one
//! line relative to a fixed `now`, so a test states only what it is about.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{
    AccountFact, AccountFacts, ContactFact, Facts, HealthPoint, MrrChange, SurveyFact, TaskFact, TicketFact,
    UsageFact,
};
use crate::model::time::{add_days, add_days_to, utc_date};
use crate::model::{
    AccountId, Currency, LifecycleStage, Money, SafeText, SurveyAnswer, TaskStatus, TicketPriority,
    TicketStatus,
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
        created_at: days_ago(days),
        first_reply_at: None,
        solved_at: (!status.is_open()).then(|| days_ago(days)),
        sla_due_at: None,
        satisfaction: None,
    }
}

pub(crate) fn survey(days: i64, answer: SurveyAnswer) -> SurveyFact {
    SurveyFact { account: ACCOUNT, answer, at: days_ago(days), loop_closed: false, on_ticket: false }
}

pub(crate) fn contact(champion: bool, seen_days_ago: Option<i64>) -> ContactFact {
    ContactFact { account: ACCOUNT, champion, last_seen_at: seen_days_ago.map(days_ago) }
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
