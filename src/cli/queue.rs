//! `keepers queue NAME [--filter EXPR] [--json]` and `keepers queue --list`:
//! the queues of `queues.toml` headless, each row with the reason the
//! account is in it. `--filter` narrows a queue (and `--list`'s counts)
//! with the filter language, on top of the queue's own filter.

use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::accounts::{clip, pointed};
use super::report::print_json;
use crate::app::suggest::nearest;
use crate::config::health::HealthConfig;
use crate::config::queues::{QueueDefinition, QueuesConfig};
use crate::console::queue_load::compute_queues;
use crate::metrics::queues::QueueRow;
use crate::model::group_thousands;
use crate::query;
use crate::store::Store;

/// What was asked for on the command line.
pub struct QueueRequest<'a> {
    /// The queue's id; `None` with `list`.
    pub name: Option<&'a str>,
    pub filter: Option<&'a str>,
    pub list: bool,
    pub json: bool,
}

pub fn run(
    store: &Store,
    models: &HealthConfig,
    config: &QueuesConfig,
    me: &str,
    now: Timestamp,
    request: &QueueRequest<'_>,
) -> Result<(), CliError> {
    let narrowing = match request.filter.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => Some(query::parse(text).map_err(|error| CliError::Filter(pointed(text, &error)))?),
        None => None,
    };
    let chosen: Vec<&QueueDefinition> = match request.name {
        Some(name) if !request.list => vec![find(config, name)?],
        _ => config.queues.iter().collect(),
    };
    let computed = compute_queues(store, models, &chosen, narrowing.as_ref(), me, now)?;
    let results: Vec<(&QueueDefinition, Vec<QueueRow>)> = chosen.into_iter().zip(computed).collect();
    if request.list {
        print_list(&results, request.json)
    } else {
        results.first().map_or(Ok(()), |(queue, rows)| print_queue(queue, rows, request.json))
    }
}

/// The queue named `name`, or an error listing the names and the nearest.
fn find<'a>(config: &'a QueuesConfig, name: &str) -> Result<&'a QueueDefinition, CliError> {
    config.get(name).ok_or_else(|| {
        let names: Vec<&str> = config.queues.iter().map(|queue| queue.id.as_str()).collect();
        CliError::UnknownQueue {
            name: name.to_owned(),
            nearest: nearest(name, &names)
                .map(|nearest| format!(" — did you mean {nearest:?}?"))
                .unwrap_or_default(),
            names: names.join(", "),
        }
    })
}

fn print_queue(queue: &QueueDefinition, rows: &[QueueRow], json: bool) -> Result<(), CliError> {
    if json {
        let rows: Vec<_> = rows
            .iter()
            .map(|row| {
                json!({
                    "account_id": row.account.id.0,
                    "name": row.account.name.as_str(),
                    "owner": row.account.owner.as_str(),
                    "mrr_minor": row.account.mrr.minor,
                    "currency": row.account.mrr.currency.to_string(),
                    "reason": row.reason,
                })
            })
            .collect();
        return Ok(print_json(&json!({
            "queue": queue.id,
            "title": queue.title.as_str(),
            "count": rows.len(),
            "rows": rows,
        }))?);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — {} accounts", queue.title, group_thousands(rows.len() as u64))?;
    for row in rows {
        writeln!(
            out,
            "{:>7}  {:<32} {:<18} {:>12}  {}",
            row.account.id.0,
            clip(row.account.name.as_str(), 32),
            clip(if row.account.owner.is_empty() { "—" } else { row.account.owner.as_str() }, 18),
            row.account.mrr.compact(),
            row.reason
        )?;
    }
    Ok(())
}

fn print_list(results: &[(&QueueDefinition, Vec<QueueRow>)], json: bool) -> Result<(), CliError> {
    if json {
        let queues: Vec<_> = results
            .iter()
            .map(|(queue, rows)| json!({ "queue": queue.id, "title": queue.title.as_str(), "count": rows.len() }))
            .collect();
        return Ok(print_json(&json!({ "queues": queues }))?);
    }
    let mut out = std::io::stdout().lock();
    for (queue, rows) in results {
        writeln!(out, "{:<24} {:>8}  {}", queue.id, group_thousands(rows.len() as u64), queue.title)?;
    }
    Ok(())
}
