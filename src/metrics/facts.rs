//! The facts metrics are computed from: compact, numbers-only copies of the
//! workspace's records, grouped by account, without the text that the
//! screens need and the formulas do not.
//!
//! The store fills a [`Facts`] in a few sequential scans; health, risk and
//! the portfolio KPIs then read one [`AccountFacts`] view per account. Each
//! kind of record is one vector sorted by account, and an account's view
//! holds slices into them, so the whole portfolio costs a handful of
//! allocations, not several per account.
//!
//! The kinds numbering hundreds of thousands of rows keep their instants as
//! [`FactTime`]s, half the size of a `Timestamp`.

use std::cmp::Ordering;
use std::num::NonZeroI64;
use std::ops::Range;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{MrrChange, Order};
use crate::model::{
    AccountId, LifecycleStage, Money, SafeText, Satisfaction, SurveyAnswer, TaskStatus, TicketPriority,
    TicketStatus,
};

/// An instant to the second, in 8 bytes where a `Timestamp` takes 16 and an
/// `Option<Timestamp>` 24 (an `Option<FactTime>` stays 8): a million tickets
/// hold four instants each, and the store keeps every instant as whole unix
/// seconds, so nothing is lost. Compares with a `Timestamp` as the
/// `Timestamp` it stands for would.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FactTime(
    /// The unix second with its sign bit flipped: never zero, as no
    /// `Timestamp` is `i64::MIN` seconds from the epoch, which gives
    /// `Option` its niche.
    NonZeroI64,
);

impl FactTime {
    /// The instant as a `Timestamp`.
    pub fn timestamp(self) -> Timestamp {
        Timestamp::from_second(self.unix_second()).expect("a FactTime holds a Timestamp's second")
    }

    fn unix_second(self) -> i64 {
        self.0.get() ^ i64::MIN
    }
}

impl From<Timestamp> for FactTime {
    /// `at` to the second: the fraction of a second, which no stored
    /// instant has, is dropped.
    fn from(at: Timestamp) -> FactTime {
        FactTime(NonZeroI64::new(at.as_second() ^ i64::MIN).expect("a Timestamp's second is not i64::MIN"))
    }
}

impl From<FactTime> for Timestamp {
    fn from(at: FactTime) -> Timestamp {
        at.timestamp()
    }
}

impl std::fmt::Debug for FactTime {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.timestamp().fmt(formatter)
    }
}

impl Ord for FactTime {
    fn cmp(&self, other: &FactTime) -> Ordering {
        self.unix_second().cmp(&other.unix_second())
    }
}

impl PartialOrd for FactTime {
    fn partial_cmp(&self, other: &FactTime) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<Timestamp> for FactTime {
    fn eq(&self, other: &Timestamp) -> bool {
        self.timestamp() == *other
    }
}

impl PartialOrd<Timestamp> for FactTime {
    fn partial_cmp(&self, other: &Timestamp) -> Option<Ordering> {
        Some(self.timestamp().cmp(other))
    }
}

impl PartialEq<FactTime> for Timestamp {
    fn eq(&self, other: &FactTime) -> bool {
        *self == other.timestamp()
    }
}

impl PartialOrd<FactTime> for Timestamp {
    fn partial_cmp(&self, other: &FactTime) -> Option<Ordering> {
        Some(self.cmp(&other.timestamp()))
    }
}

/// One account's own fields that metrics use, and the two texts that
/// breakdowns group by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFact {
    pub account: AccountId,
    pub owner: SafeText,
    pub plan: SafeText,
    pub stage: LifecycleStage,
    pub mrr: Money,
    pub renewal_date: Option<Date>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFact {
    pub account: AccountId,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    pub created_at: FactTime,
    /// The first public reply by an agent.
    pub first_reply_at: Option<FactTime>,
    pub solved_at: Option<FactTime>,
    pub sla_due_at: Option<FactTime>,
    pub satisfaction: Option<Satisfaction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyFact {
    pub account: AccountId,
    pub answer: SurveyAnswer,
    pub at: FactTime,
    /// Whether a human followed the answer up ("closed the loop").
    pub loop_closed: bool,
    /// Whether the answer is a ticket rating (also kept on the ticket).
    pub on_ticket: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsageFact {
    pub account: AccountId,
    pub day: Date,
    pub active_users: u32,
    pub seats: u32,
    pub logins: u32,
    pub key_feature_uses: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactFact {
    pub account: AccountId,
    pub champion: bool,
    pub last_seen_at: Option<FactTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskFact {
    pub account: AccountId,
    pub status: TaskStatus,
    pub due: Option<Date>,
    /// Made by the onboarding playbook (a milestone).
    pub onboarding: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurchaseFact {
    pub account: AccountId,
    pub at: Timestamp,
    pub amount_minor: i64,
    pub cost_minor: i64,
}

impl From<&PurchaseFact> for Order {
    fn from(purchase: &PurchaseFact) -> Order {
        Order {
            account: purchase.account,
            at: purchase.at,
            amount_minor: purchase.amount_minor,
            cost_minor: purchase.cost_minor,
        }
    }
}

/// One move between lifecycle stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageFact {
    pub account: AccountId,
    pub from: Option<LifecycleStage>,
    pub to: LifecycleStage,
    pub at: FactTime,
}

/// A stored daily health score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthPoint {
    pub account: AccountId,
    pub day: Date,
    pub score: u8,
}

/// Every fact of a workspace, each kind sorted by account (then by time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub accounts: Vec<AccountFact>,
    pub tickets: Vec<TicketFact>,
    pub surveys: Vec<SurveyFact>,
    pub usage: Vec<UsageFact>,
    pub contacts: Vec<ContactFact>,
    pub tasks: Vec<TaskFact>,
    pub purchases: Vec<PurchaseFact>,
    pub mrr_changes: Vec<MrrChange>,
    pub stage_changes: Vec<StageFact>,
    pub health: Vec<HealthPoint>,
}

/// One account's facts: its own fields and slices of each kind of record.
#[derive(Debug, Clone, Copy)]
pub struct AccountFacts<'a> {
    pub account: &'a AccountFact,
    pub tickets: &'a [TicketFact],
    pub surveys: &'a [SurveyFact],
    pub usage: &'a [UsageFact],
    pub contacts: &'a [ContactFact],
    pub tasks: &'a [TaskFact],
    pub purchases: &'a [PurchaseFact],
    pub mrr_changes: &'a [MrrChange],
    pub stage_changes: &'a [StageFact],
    pub health: &'a [HealthPoint],
}

impl Facts {
    /// Every account's view, in the order of `accounts`. Records whose
    /// account is not in `accounts` are not part of any view.
    pub fn per_account(&self) -> impl Iterator<Item = AccountFacts<'_>> {
        let mut cursors = Cursors::default();
        self.accounts.iter().map(move |account| {
            let id = account.account;
            AccountFacts {
                account,
                tickets: &self.tickets[cursors.tickets.advance(&self.tickets, id, |t| t.account)],
                surveys: &self.surveys[cursors.surveys.advance(&self.surveys, id, |s| s.account)],
                usage: &self.usage[cursors.usage.advance(&self.usage, id, |u| u.account)],
                contacts: &self.contacts[cursors.contacts.advance(&self.contacts, id, |c| c.account)],
                tasks: &self.tasks[cursors.tasks.advance(&self.tasks, id, |t| t.account)],
                purchases: &self.purchases[cursors.purchases.advance(&self.purchases, id, |p| p.account)],
                mrr_changes: &self.mrr_changes[cursors.mrr.advance(&self.mrr_changes, id, |m| m.account)],
                stage_changes: &self.stage_changes
                    [cursors.stages.advance(&self.stage_changes, id, |change| change.account)],
                health: &self.health[cursors.health.advance(&self.health, id, |h| h.account)],
            }
        })
    }

    /// Sorts every kind by account and time, as [`Facts::per_account`]
    /// expects. Sorting is stable, so rows of one instant keep their order.
    pub fn sort(&mut self) {
        self.accounts.sort_by_key(|a| a.account);
        self.tickets.sort_by_key(|t| (t.account, t.created_at));
        self.surveys.sort_by_key(|s| (s.account, s.at));
        self.usage.sort_by_key(|u| (u.account, u.day));
        self.contacts.sort_by_key(|c| c.account);
        self.tasks.sort_by_key(|t| (t.account, t.due));
        self.purchases.sort_by_key(|p| (p.account, p.at));
        self.mrr_changes.sort_by_key(|m| (m.account, m.at));
        self.stage_changes.sort_by_key(|change| (change.account, change.at));
        self.health.sort_by_key(|h| (h.account, h.day));
    }
}

/// A position in one sorted vector, moved forward account by account.
#[derive(Debug, Default, Clone, Copy)]
struct Cursor(usize);

impl Cursor {
    /// The range of rows belonging to `account`, skipping rows of accounts
    /// before it (records of accounts that are not listed).
    fn advance<T>(&mut self, rows: &[T], account: AccountId, key: impl Fn(&T) -> AccountId) -> Range<usize> {
        while self.0 < rows.len() && key(&rows[self.0]) < account {
            self.0 += 1;
        }
        let start = self.0;
        while self.0 < rows.len() && key(&rows[self.0]) == account {
            self.0 += 1;
        }
        start..self.0
    }
}

#[derive(Debug, Default)]
struct Cursors {
    tickets: Cursor,
    surveys: Cursor,
    usage: Cursor,
    contacts: Cursor,
    tasks: Cursor,
    purchases: Cursor,
    mrr: Cursor,
    stages: Cursor,
    health: Cursor,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, TaskStatus};

    fn account(id: i64) -> AccountFact {
        AccountFact {
            account: AccountId(id),
            owner: SafeText::default(),
            plan: SafeText::default(),
            stage: LifecycleStage::Retention,
            mrr: Money::new(0, Currency::USD),
            renewal_date: None,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    fn task(id: i64) -> TaskFact {
        TaskFact { account: AccountId(id), status: TaskStatus::Open, due: None, onboarding: true }
    }

    #[test]
    fn fact_times_keep_the_second_and_order_of_their_timestamps() {
        let seconds = [Timestamp::MIN.as_second(), -1, 0, 1, 1_795_608_000, Timestamp::MAX.as_second()];
        let timestamps: Vec<Timestamp> =
            seconds.iter().map(|&s| Timestamp::from_second(s).unwrap()).collect();
        let fact_times: Vec<FactTime> = timestamps.iter().map(|&t| FactTime::from(t)).collect();
        assert!(fact_times.windows(2).all(|pair| pair[0] < pair[1]));
        for (fact_time, timestamp) in fact_times.iter().zip(&timestamps) {
            assert_eq!(fact_time.timestamp(), *timestamp);
            assert_eq!(fact_time, timestamp);
            assert_eq!(timestamp, fact_time);
        }
        assert_eq!(size_of::<Option<FactTime>>(), 8);
    }

    #[test]
    fn fact_times_compare_with_timestamps_between_their_seconds() {
        let whole = FactTime::from(Timestamp::from_second(10).unwrap());
        let later = Timestamp::new(10, 1).unwrap();
        assert_eq!(whole.partial_cmp(&later), Some(Ordering::Less));
        assert_eq!(later.partial_cmp(&whole), Some(Ordering::Greater));
        assert_ne!(whole, later);
    }

    #[test]
    fn each_account_sees_only_its_own_rows() {
        let mut facts = Facts {
            accounts: vec![account(3), account(1), account(2)],
            tasks: vec![task(2), task(1), task(9), task(2), task(0)],
            ..Facts::default()
        };
        facts.sort();
        let counts: Vec<(i64, usize)> =
            facts.per_account().map(|view| (view.account.account.0, view.tasks.len())).collect();
        assert_eq!(counts, [(1, 1), (2, 2), (3, 0)]);
        assert!(facts.per_account().all(|view| view.tasks.iter().all(|t| t.account == view.account.account)));
    }
}
