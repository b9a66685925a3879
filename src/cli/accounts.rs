//! `keepers accounts [--filter EXPR]`: the accounts a filter selects, as a
//! table or as JSON, for scripts and cron. A mistake in the filter is shown
//! under the filter itself, with a caret at its column.

use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::report::print_json;
use crate::model::{AccountSummary, group_thousands};
use crate::query::{self, FilterContext, QueryError};
use crate::store::{AccountColumn, AccountSort, Store};

pub fn run(
    store: &Store,
    me: &str,
    now: Timestamp,
    filter: Option<&str>,
    json: bool,
) -> Result<(), CliError> {
    let (accounts, canonical) = match filter.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => {
            let parsed = query::parse(text).map_err(|error| CliError::Filter(pointed(text, &error)))?;
            let accounts = store.accounts_matching(&parsed, &FilterContext::new(now, me))?;
            (accounts, Some(parsed.to_string()))
        }
        None => {
            (store.account_summaries(AccountSort { column: AccountColumn::Name, descending: false })?, None)
        }
    };
    if json {
        let rows: Vec<_> = accounts.iter().map(account_json).collect();
        return Ok(print_json(&json!({ "filter": canonical, "count": rows.len(), "accounts": rows }))?);
    }
    let mut out = std::io::stdout().lock();
    for account in &accounts {
        writeln!(
            out,
            "{:>7}  {:<40} {:<11} {:<12} {:>14}  {:<10}  {}",
            account.id.0,
            clip(account.name.as_str(), 40),
            account.stage.as_str(),
            clip(account.plan.as_str(), 12),
            account.mrr.compact(),
            account.renewal_date.map_or("—".to_owned(), |day| day.to_string()),
            account.owner
        )?;
    }
    writeln!(out, "{} accounts", group_thousands(accounts.len() as u64))?;
    Ok(())
}

fn account_json(account: &AccountSummary) -> serde_json::Value {
    json!({
        "id": account.id.0,
        "name": account.name.as_str(),
        "domain": account.domain.as_str(),
        "stage": account.stage.as_str(),
        "plan": account.plan.as_str(),
        "mrr_minor": account.mrr.minor,
        "currency": account.mrr.currency.to_string(),
        "renewal_date": account.renewal_date.map(|day| day.to_string()),
        "owner": account.owner.as_str(),
    })
}

/// The filter, and a caret line under the part the error is about.
pub(super) fn pointed(filter: &str, error: &QueryError) -> String {
    let pad = " ".repeat(error.column.saturating_sub(1));
    let carets = "^".repeat(error.length.max(1));
    format!("{filter}\n  {pad}{carets} {error}")
}

pub(super) fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
