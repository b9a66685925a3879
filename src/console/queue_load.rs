//! Computing queues against the store: reads what the chosen queues need
//! (the facts only when a queue reads them), runs the pure
//! [`queue_entries`](crate::metrics::queues::queue_entries) and
//! [`rows_of`](crate::metrics::queues::rows_of) — the two halves of
//! [`queue_rows`](crate::metrics::queues::queue_rows) — and narrows each
//! queue by its own filter and an optional extra one. Shared by the console's
//! queues screen (an effect on the blocking pool) and `keepers queue`, so the
//! two can never count a queue differently.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};

use crate::config::health::HealthConfig;
use crate::config::queues::QueueDefinition;
use crate::metrics::Facts;
use crate::metrics::queues::{QueueInputs, QueueKind, QueueRow, queue_entries, rows_of};
use crate::model::time::utc_date;
use crate::model::{AccountSummary, Task, Ticket};
use crate::query::{Filter, FilterContext};
use crate::store::{AccountColumn, AccountSort, Store, StoreError};

/// What every queue run reads, loaded once for all the queues asked for.
struct Loaded {
    facts: Facts,
    summaries: Vec<AccountSummary>,
    tickets_due: Vec<Ticket>,
    my_tasks: Vec<Task>,
}

/// The rows of each of `queues` as of `now`, in the same order, each
/// narrowed by the queue's own filter and by `narrowing` if given. `me` is
/// the user's name: it picks "my" tasks and `owner:me` in filters.
pub fn compute_queues(
    store: &Store,
    models: &HealthConfig,
    queues: &[&QueueDefinition],
    narrowing: Option<&Filter>,
    me: &str,
    now: Timestamp,
) -> Result<Vec<Vec<QueueRow>>, StoreError> {
    let Loaded { facts, summaries, tickets_due, my_tasks } = load(store, queues, me, now)?;
    let inputs = QueueInputs {
        facts: &facts,
        summaries: &summaries,
        health: &models.health,
        risk: &models.risk,
        tickets_due: &tickets_due,
        my_tasks: &my_tasks,
    };
    let entries: Vec<_> = queues.iter().map(|queue| queue_entries(queue.kind, &inputs, now)).collect();
    // The facts are most of what was loaded, and every row carries a copy of
    // its account's summary: letting the facts go before the rows are built
    // keeps the two from adding up (55 MB less at the peak of `keepers queue
    // --list` on a 100k-account workspace).
    drop(facts);
    let mut context = FilterContext::new(now, me);
    context.bands = models.health.bands;
    let mut results = Vec::with_capacity(queues.len());
    for (queue, entries) in queues.iter().zip(entries) {
        let mut rows = rows_of(entries, &summaries, queue.sort);
        let filters: Vec<Filter> = queue.filter.iter().chain(narrowing).cloned().collect();
        if !filters.is_empty() {
            let matching: HashSet<_> = store
                .accounts_matching(&Filter::And(filters), &context)?
                .into_iter()
                .map(|account| account.id)
                .collect();
            rows.retain(|row| matching.contains(&row.account.id));
        }
        results.push(rows);
    }
    Ok(results)
}

/// Reads only what the chosen queues need: the facts are the costly part,
/// and an SLA or duplicates queue does without them.
fn load(store: &Store, queues: &[&QueueDefinition], me: &str, now: Timestamp) -> Result<Loaded, StoreError> {
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
