//! The queues read from records with their text and from the account
//! summaries: SLA (tickets), my tasks, duplicates, and the account list a
//! filter queue narrows.

use std::collections::HashMap;

use jiff::Timestamp;

use super::Entry;
use crate::model::time::{days_between, utc_date};
use crate::model::{AccountId, AccountSummary, Task, TaskStatus, Ticket};

/// How many tickets or tasks a reason names before "and N more".
const NAMED_IN_REASON: usize = 3;

/// Company-form endings left out when names are compared, as word
/// sequences after lower-casing and dropping dots and commas
/// ("Sp. z o.o." → "sp z oo", "S.r.l." → "srl").
const COMPANY_SUFFIXES: &[&[&str]] = &[
    &["gmbh"],
    &["ag"],
    &["kg"],
    &["inc"],
    &["corp"],
    &["corporation"],
    &["co"],
    &["llc"],
    &["ltd"],
    &["limited"],
    &["plc"],
    &["srl"],
    &["spa"],
    &["snc"],
    &["sa"],
    &["sas"],
    &["bv"],
    &["sp", "z", "oo"],
    &["spj"],
    &["spk"],
];

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

/// Every account that shares a domain, or a name without its company
/// suffix, with another; its reason names the first such account (by id).
pub(super) fn duplicates(summaries: &[AccountSummary]) -> Vec<Entry> {
    let mut by_domain: HashMap<&str, Vec<&AccountSummary>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<&AccountSummary>> = HashMap::new();
    for summary in summaries {
        if !summary.domain.trim().is_empty() {
            by_domain.entry(summary.domain.as_str()).or_default().push(summary);
        }
        let name = comparable_name(summary.name.as_str());
        if !name.is_empty() {
            by_name.entry(name).or_default().push(summary);
        }
    }
    summaries
        .iter()
        .filter_map(|summary| {
            let same_domain =
                by_domain.get(summary.domain.as_str()).filter(|_| !summary.domain.trim().is_empty());
            let same_name = by_name.get(&comparable_name(summary.name.as_str()));
            let (what, group) = [("domain", same_domain), ("name", same_name)]
                .into_iter()
                .find_map(|(what, group)| Some((what, group.filter(|group| group.len() > 1)?)))?;
            let other = group.iter().filter(|other| other.id != summary.id).min_by_key(|other| other.id)?;
            let lowest = group.iter().map(|member| member.id.0).min().unwrap_or(summary.id.0);
            Some(Entry {
                account: summary.id,
                reason: format!("same {what} as #{} {}", other.id.0, other.name),
                // One key per group, so a group's accounts sit together.
                sort_key: -lowest,
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

/// A name as duplicates are compared: lower-case words, without dots,
/// commas or company-form endings.
pub(super) fn comparable_name(name: &str) -> String {
    let folded: String = name.to_lowercase().chars().filter(|c| !matches!(c, '.' | ',')).collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // Repeatedly, so "Acme GmbH & Co. KG"-like stacks lose every ending.
    while let Some(suffix) =
        COMPANY_SUFFIXES.iter().find(|suffix| words.len() > suffix.len() && words.ends_with(suffix))
    {
        words.truncate(words.len() - suffix.len());
    }
    words.join(" ")
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
