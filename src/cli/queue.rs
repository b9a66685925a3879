//! `keepers queue NAME [--filter EXPR] [--json]` and `keepers queue --list`:
//! the queues of `queues.toml` headless, each row with the reason the
//! account is in it. `--filter` narrows a queue (and `--list`'s counts)
//! with the filter language, on top of the queue's own filter.

use std::collections::HashSet;
use std::io::Write;

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::CliError;
use super::accounts::{clip, pointed};
use super::report::print_json;
use crate::app::suggest::nearest;
use crate::config::health::HealthConfig;
use crate::config::queues::{QueueDefinition, QueuesConfig};
use crate::metrics::Facts;
use crate::metrics::queues::{QueueInputs, QueueKind, QueueRow, queue_rows};
use crate::model::group_thousands;
use crate::model::time::utc_date;
use crate::query::{self, Filter, FilterContext};
use crate::store::{AccountColumn, AccountSort, Store};

/// What was asked for on the command line.
pub struct QueueRequest<'a> {
    /// The queue's id; `None` with `list`.
    pub name: Option<&'a str>,
    pub filter: Option<&'a str>,
    pub list: bool,
    pub json: bool,
}

/// What every queue run reads, loaded once for all the queues asked for.
struct Loaded {
    facts: Facts,
    summaries: Vec<crate::model::AccountSummary>,
    tickets_due: Vec<crate::model::Ticket>,
    my_tasks: Vec<crate::model::Task>,
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
    let loaded = load(store, &chosen, me, now)?;
    let mut context = FilterContext::new(now, me);
    context.bands = models.health.bands;
    let inputs = QueueInputs {
        facts: &loaded.facts,
        summaries: &loaded.summaries,
        health: &models.health,
        risk: &models.risk,
        tickets_due: &loaded.tickets_due,
        my_tasks: &loaded.my_tasks,
    };
    let mut results = Vec::with_capacity(chosen.len());
    for queue in chosen {
        let mut rows = queue_rows(queue.kind, &inputs, queue.sort, now);
        let filters: Vec<Filter> = queue.filter.iter().chain(narrowing.as_ref()).cloned().collect();
        if !filters.is_empty() {
            let matching: HashSet<_> = store
                .accounts_matching(&Filter::And(filters), &context)?
                .into_iter()
                .map(|account| account.id)
                .collect();
            rows.retain(|row| matching.contains(&row.account.id));
        }
        results.push((queue, rows));
    }
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

/// Reads only what the chosen queues need: the facts are the costly part,
/// and an SLA or duplicates queue does without them.
fn load(store: &Store, queues: &[&QueueDefinition], me: &str, now: Timestamp) -> Result<Loaded, CliError> {
    let needs_facts = queues.iter().any(|queue| {
        !matches!(
            queue.kind,
            QueueKind::Sla { .. } | QueueKind::Duplicates | QueueKind::MyTasks | QueueKind::Filter
        )
    });
    let sla_hours = queues
        .iter()
        .filter_map(|queue| match queue.kind {
            QueueKind::Sla { hours } => Some(hours),
            _ => None,
        })
        .max();
    let needs_tasks = queues.iter().any(|queue| queue.kind == QueueKind::MyTasks);
    Ok(Loaded {
        facts: if needs_facts { store.load_facts(utc_date(now))? } else { Facts::default() },
        summaries: store.account_summaries(AccountSort { column: AccountColumn::Name, descending: false })?,
        tickets_due: match sla_hours {
            Some(hours) => store.open_tickets_due_by(now + SignedDuration::from_hours(i64::from(hours)))?,
            None => Vec::new(),
        },
        // Without a [user] name nobody's tasks are "mine": tasks without an
        // owner are not the user's either.
        my_tasks: if needs_tasks && !me.trim().is_empty() {
            store.open_tasks_owned_by(me)?
        } else {
            Vec::new()
        },
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
