//! `keepers rfm`: every customer's recency, frequency and monetary scores and
//! segment, and how many customers each segment holds.

use std::collections::BTreeMap;
use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::report::print_json;
use crate::metrics::{Order, RfmSegment, rfm};
use crate::model::time::utc_date;
use crate::model::{AccountId, AccountSummary, Money, group_thousands};
use crate::store::{AccountColumn, AccountSort, Store};

pub fn run(store: &Store, now: Timestamp, json: bool) -> Result<(), CliError> {
    let facts = store.load_facts(utc_date(now))?;
    let orders: Vec<Order> = facts.purchases.iter().map(Order::from).collect();
    let result = rfm(&orders, now);
    let accounts: BTreeMap<AccountId, AccountSummary> = store
        .account_summaries(AccountSort { column: AccountColumn::Name, descending: false })?
        .into_iter()
        .map(|summary| (summary.id, summary))
        .collect();
    let mut customers: Vec<_> = result.customers.iter().collect();
    customers.sort_by_key(|c| (c.segment(), std::cmp::Reverse(c.spent_minor), c.account));
    let mut counts: BTreeMap<RfmSegment, u64> = BTreeMap::new();
    for customer in &customers {
        *counts.entry(customer.segment()).or_default() += 1;
    }
    let spent = |account: AccountId, minor: i128| -> String {
        match (accounts.get(&account), i64::try_from(minor)) {
            (Some(summary), Ok(minor)) => Money::new(minor, summary.mrr.currency).to_string(),
            _ => minor.to_string(),
        }
    };
    if json {
        let rows: Vec<_> = customers
            .iter()
            .map(|c| {
                let summary = accounts.get(&c.account);
                json!({
                    "account_id": c.account.0,
                    "name": summary.map(|s| s.name.as_str()),
                    "currency": summary.map(|s| s.mrr.currency.to_string()),
                    "recency_days": c.recency_days,
                    "purchases": c.purchases,
                    "spent_minor": c.spent_minor,
                    "r": c.recency.value(),
                    "f": c.frequency.value(),
                    "m": c.monetary.value(),
                    "segment": c.segment().label(),
                })
            })
            .collect();
        let segments: serde_json::Map<String, serde_json::Value> =
            counts.iter().map(|(segment, count)| (segment.label().to_owned(), json!(count))).collect();
        return Ok(print_json(&json!({
            "now": now.to_string(),
            "orders": result.orders,
            "orders_after_now": result.after_now,
            "segments": segments,
            "customers": rows,
        }))?);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "RFM of {} customers with a purchase, as of {now}",
        group_thousands(customers.len() as u64)
    )?;
    for (segment, count) in &counts {
        writeln!(out, "  {:<20} {:>7}", segment.label(), group_thousands(*count))?;
    }
    writeln!(
        out,
        "\n  {:<20} {:<40} {:>3} {:>3} {:>3} {:>8} {:>9}  spent",
        "segment", "account", "R", "F", "M", "days", "purchases"
    )?;
    for c in customers {
        let name = accounts.get(&c.account).map_or("?", |summary| summary.name.as_str());
        writeln!(
            out,
            "  {:<20} {:<40} {:>3} {:>3} {:>3} {:>8} {:>9}  {}",
            c.segment().label(),
            truncate(name, 40),
            c.recency.value(),
            c.frequency.value(),
            c.monetary.value(),
            c.recency_days,
            c.purchases,
            spent(c.account, c.spent_minor)
        )?;
    }
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
