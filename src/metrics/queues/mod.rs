//! Queues: the lists of accounts a team works through — churn risk,
//! onboarding, renewals, close the loop, SLA, trials ending, promoters, win
//! back, duplicates, my tasks (DOMAIN.md, "What the sources say a team must
//! do") — each row with the reason the account is in it.
//!
//! Pure: the caller passes `now`, the [`Facts`], the account summaries and
//! the few text records the numbers-only facts lack (tickets near their SLA,
//! the user's open tasks, contacts' e-mail addresses), and gets rows back. Narrowing a queue by a filter
//! is the store's job; this module only says who is in a queue and why.
//!
//! - `account_queues`: the queues read from each account's facts;
//! - `record_queues`: those read from tickets, tasks and the summaries;
//! - `duplicates`: accounts that are likely two records of one company.

mod account_queues;
mod duplicates;
mod record_queues;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use jiff::Timestamp;

use super::{Facts, HealthModel, RiskLevel, RiskModel};
use crate::model::{AccountId, AccountSummary, Task, Ticket};

/// What a queue selects, with its own settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    /// Accounts at this churn-risk level or above; the reason is the fired rules.
    ChurnRisk { at_least: RiskLevel },
    /// Accounts with overdue onboarding milestones.
    Onboarding,
    /// Accounts renewing within `days` days (today included).
    Renewals { days: u32 },
    /// Detractors (NPS 0–6) and bad CSAT (1–2) or ratings of the last `days`
    /// days that nobody has followed up yet.
    CloseTheLoop { days: u32 },
    /// Open tickets past their SLA or due within `hours` hours.
    Sla { hours: u32 },
    /// Accounts in acquisition (trial) whose trial of `trial_days` days ends
    /// within `days` days or has ended.
    TrialsEnding { trial_days: u32, days: u32 },
    /// Accounts whose latest NPS answer of the last `days` days is 9–10.
    Promoters { days: u32 },
    /// Churned accounts.
    WinBack,
    /// Accounts sharing a domain, or a name once company suffixes are removed
    /// together with a domain label or a contact's e-mail address.
    Duplicates,
    /// Accounts with open tasks owned by the user.
    MyTasks,
    /// Every account, so that the queue is its filter alone.
    Filter,
}

impl QueueKind {
    /// Every kind's name as `queues.toml` writes it.
    pub const NAMES: [&'static str; 11] = [
        "churn_risk",
        "onboarding",
        "renewals",
        "close_the_loop",
        "sla",
        "trials_ending",
        "promoters",
        "win_back",
        "duplicates",
        "my_tasks",
        "filter",
    ];
}

impl QueueKind {
    /// Whether the kind reads the facts. A kind that does reads nothing else
    /// but the health and risk models, and one that does not reads no facts,
    /// so a caller may compute the first kind's entries before it reads the
    /// summaries and records, and the second's after it let the facts go.
    pub fn reads_facts(self) -> bool {
        !matches!(
            self,
            QueueKind::Sla { .. } | QueueKind::Duplicates | QueueKind::MyTasks | QueueKind::Filter
        )
    }
}

/// How a queue's rows are ordered. Ties go to the larger MRR, then the
/// lower account id, so the order is total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QueueSort {
    /// The kind's own order, most pressing first: most risk, most overdue,
    /// largest ARR up for renewal, oldest unanswered detractor, and so on.
    #[default]
    Urgency,
    /// Largest MRR first (in minor units, whatever the currency).
    Mrr,
    /// By name, ignoring case.
    Name,
}

/// One account in a queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub account: AccountSummary,
    /// Why the account is in the queue, in a line.
    pub reason: String,
    /// The kind's urgency: larger is more pressing.
    pub sort_key: i64,
}

/// Everything a queue may read. `tickets_due`, `my_tasks` and
/// `contact_emails` are only read by the `sla`, `my_tasks` and `duplicates`
/// kinds, and may be empty for the others.
#[derive(Debug, Clone, Copy)]
pub struct QueueInputs<'a> {
    pub facts: &'a Facts,
    pub summaries: &'a [AccountSummary],
    pub health: &'a HealthModel,
    pub risk: &'a RiskModel,
    /// Open tickets whose SLA is due by the end of the `sla` queue's horizon.
    pub tickets_due: &'a [Ticket],
    /// The user's open tasks.
    pub my_tasks: &'a [Task],
    /// Every contact's e-mail address, with its account.
    pub contact_emails: &'a [ContactEmail],
}

/// A contact's e-mail address, as the `duplicates` queue compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEmail {
    pub account: AccountId,
    pub email: String,
}

/// An account's place in a queue before its summary is attached: the
/// summary, with its texts, is the costly part of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    account: AccountId,
    reason: String,
    sort_key: i64,
}

/// The rows of a queue of `kind` as of `now`, in the order of `sort`.
/// Accounts without a summary (none in a consistent workspace) are left out.
pub fn queue_rows(
    kind: QueueKind,
    inputs: &QueueInputs<'_>,
    sort: QueueSort,
    now: Timestamp,
) -> Vec<QueueRow> {
    rows_of(queue_entries(kind, inputs, now), inputs.summaries, sort)
}

/// Who is in a queue of `kind` as of `now`, and why: [`queue_rows`] before
/// the summaries are attached, so that a caller computing several queues
/// can let go of the facts before it builds their rows.
pub fn queue_entries(kind: QueueKind, inputs: &QueueInputs<'_>, now: Timestamp) -> Vec<Entry> {
    match kind {
        QueueKind::ChurnRisk { at_least } => account_queues::churn_risk(inputs, at_least, now),
        QueueKind::Onboarding => account_queues::onboarding(inputs.facts, now),
        QueueKind::Renewals { days } => account_queues::renewals(inputs.facts, days, now),
        QueueKind::CloseTheLoop { days } => account_queues::close_the_loop(inputs.facts, days, now),
        QueueKind::TrialsEnding { trial_days, days } => {
            account_queues::trials_ending(inputs.facts, trial_days, days, now)
        }
        QueueKind::Promoters { days } => account_queues::promoters(inputs.facts, days, now),
        QueueKind::WinBack => account_queues::win_back(inputs.facts, now),
        QueueKind::Sla { hours } => record_queues::sla(inputs.tickets_due, hours, now),
        QueueKind::Duplicates => duplicates::duplicates(inputs.summaries, inputs.contact_emails),
        QueueKind::MyTasks => record_queues::my_tasks(inputs.my_tasks, now),
        QueueKind::Filter => record_queues::every_account(inputs.summaries),
    }
}

/// The rows of `entries`, each with its account's summary, in the order of
/// `sort`. Accounts without a summary (none in a consistent workspace) are
/// left out.
pub fn rows_of(entries: Vec<Entry>, summaries: &[AccountSummary], sort: QueueSort) -> Vec<QueueRow> {
    let by_id: HashMap<AccountId, &AccountSummary> =
        summaries.iter().map(|summary| (summary.id, summary)).collect();
    let mut rows: Vec<QueueRow> = entries
        .into_iter()
        .filter_map(|entry| {
            let account = (*by_id.get(&entry.account)?).clone();
            Some(QueueRow { account, reason: entry.reason, sort_key: entry.sort_key })
        })
        .collect();
    sort_rows(&mut rows, sort);
    rows
}

fn sort_rows(rows: &mut [QueueRow], sort: QueueSort) {
    let tie_break = |row: &QueueRow| (std::cmp::Reverse(row.account.mrr.minor), row.account.id);
    match sort {
        QueueSort::Urgency => rows.sort_by_key(|row| (std::cmp::Reverse(row.sort_key), tie_break(row))),
        QueueSort::Mrr => rows.sort_by_key(tie_break),
        QueueSort::Name => rows.sort_by_cached_key(|row| (row.account.name.to_lowercase(), row.account.id)),
    }
}

/// "today", "1 day ago", "12 days ago".
fn days_ago(days: u32) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        _ => format!("{days} days ago"),
    }
}
