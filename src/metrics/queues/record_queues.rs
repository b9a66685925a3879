//! The queues read from records with their text and from the account
//! summaries: SLA (tickets), my tasks, and the account list a filter queue
//! narrows.

use jiff::Timestamp;

use super::Entry;
use crate::model::time::{days_between, utc_date};
use crate::model::{AccountId, AccountSummary, Task, TaskStatus, Ticket};

/// How many tickets or tasks a reason names before "and N more".
const NAMED_IN_REASON: usize = 3;

pub(super) fn sla(tickets_due: &[Ticket], hours: u32, now: Timestamp) -> Vec<Entry> {
    let due_by = now + jiff::SignedDuration::from_hours(i64::from(hours));
    let mut by_account: Vec<(AccountId, Vec<(&Ticket, Timestamp)>)> = Vec::new();
    for ticket in tickets_due.iter().filter(|ticket| ticket.status.is_open()) {
        let Some(due) = ticket.sla_due_at.filter(|due| *due <= due_by) else { continue };
        match by_account.last_mut() {
            Some((account, tickets)) if *account == ticket.account_id => tickets.push((ticket, due)),
            _ => by_account.push((ticket.account_id, vec![(ticket, due)])),
        }
    }
    by_account
        .into_iter()
        .map(|(account, mut tickets)| {
            tickets.sort_by_key(|(ticket, due)| (*due, ticket.id));
            let named: Vec<String> = tickets
                .iter()
                .take(NAMED_IN_REASON)
                .map(|(ticket, due)| {
                    let seconds = due.as_second() - now.as_second();
                    if seconds < 0 {
                        format!("#{} breached {} ago", ticket.id.0, duration_text(-seconds))
                    } else {
                        format!("#{} due in {}", ticket.id.0, duration_text(seconds))
                    }
                })
                .collect();
            // The earliest due ticket is the most pressing: minutes past it.
            let sort_key = tickets.first().map_or(0, |(_, due)| (now.as_second() - due.as_second()) / 60);
            Entry { account, reason: with_more(named.join(", "), named.len(), tickets.len()), sort_key }
        })
        .collect()
}

pub(super) fn my_tasks(tasks: &[Task], now: Timestamp) -> Vec<Entry> {
    let today = utc_date(now);
    let mut by_account: Vec<(AccountId, Vec<&Task>)> = Vec::new();
    for task in tasks.iter().filter(|task| task.status == TaskStatus::Open) {
        match by_account.last_mut() {
            Some((account, tasks)) if *account == task.account_id => tasks.push(task),
            _ => by_account.push((task.account_id, vec![task])),
        }
    }
    by_account
        .into_iter()
        .filter_map(|(account, mut tasks)| {
            // Soonest due first; tasks without a due day last.
            tasks.sort_by_key(|task| (task.due.is_none(), task.due, task.id));
            let first = *tasks.first()?;
            let when = match first.due {
                Some(due) if due < today => format!("overdue since {due}"),
                Some(due) => format!("due {due}"),
                None => "no due day".to_owned(),
            };
            Some(Entry {
                account,
                reason: with_more(format!("{}, {when}", first.title), 1, tasks.len()),
                sort_key: first.due.map_or(i64::MIN, |due| days_between(due, today)),
            })
        })
        .collect()
}

/// Every account: a `filter` queue is its filter alone.
pub(super) fn every_account(summaries: &[AccountSummary]) -> Vec<Entry> {
    summaries
        .iter()
        .map(|summary| Entry { account: summary.id, reason: "matches the filter".to_owned(), sort_key: 0 })
        .collect()
}

/// The named part of a reason, and how many more there are unnamed.
fn with_more(named: String, shown: usize, total: usize) -> String {
    match total.saturating_sub(shown) {
        0 => named,
        more => format!("{named} (and {more} more)"),
    }
}

/// A length of time in its largest whole unit: "45 min", "5 h", "3 days".
pub(super) fn duration_text(seconds: i64) -> String {
    match seconds {
        ..3_600 => format!("{} min", seconds / 60),
        3_600..172_800 => format!("{} h", seconds / 3_600),
        _ => format!("{} days", seconds / 86_400),
    }
}
