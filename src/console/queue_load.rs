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
use crate::metrics::queues::{ContactEmail, Entry, QueueInputs, QueueKind, QueueRow, queue_entries, rows_of};
use crate::model::time::utc_date;
use crate::model::{AccountSummary, Task, Ticket};
use crate::query::{Filter, FilterContext};
use crate::store::{AccountColumn, AccountSort, Store, StoreError};

/// The records the queues that do without the facts read, loaded once for
/// all the queues asked for.
struct Records {
    summaries: Vec<AccountSummary>,
    tickets_due: Vec<Ticket>,
    my_tasks: Vec<Task>,
    contact_emails: Vec<ContactEmail>,
}

/// The rows of each of `queues` as of `now`, in the same order, each
/// narrowed by the queue's own filter and by `narrowing` if given. `me` is
/// the user's name: it picks "my" tasks and `owner:me` in filters.
///
/// The facts are read, their queues' entries computed and the facts let go
/// before the account summaries are read: the two are never held at once,
/// nor the facts and the rows, each of which carries a copy of its account's
/// summary (on a 100k-account workspace, 160 MB of facts against 25 MB of
/// summaries and up to 70 MB of rows).
pub fn compute_queues(
    store: &Store,
    models: &HealthConfig,
    queues: &[&QueueDefinition],
    narrowing: Option<&Filter>,
    me: &str,
    now: Timestamp,
) -> Result<Vec<Vec<QueueRow>>, StoreError> {
    let no_facts = Facts::default();
    let facts = if queues.iter().any(|queue| queue.kind.reads_facts()) {
        store.load_facts(utc_date(now))?
    } else {
        Facts::default()
    };
    let from_facts = QueueInputs {
        facts: &facts,
        summaries: &[],
        health: &models.health,
        risk: &models.risk,
        tickets_due: &[],
        my_tasks: &[],
        contact_emails: &[],
    };
    let fact_entries: Vec<Option<Vec<Entry>>> = queues
        .iter()
        .map(|queue| queue.kind.reads_facts().then(|| queue_entries(queue.kind, &from_facts, now)))
        .collect();
    drop(facts);
    let records = load_records(store, queues, me, now)?;
    let from_records = QueueInputs {
        facts: &no_facts,
        summaries: &records.summaries,
        health: &models.health,
        risk: &models.risk,
        tickets_due: &records.tickets_due,
        my_tasks: &records.my_tasks,
        contact_emails: &records.contact_emails,
    };
    let mut context = FilterContext::new(now, me);
    context.bands = models.health.bands;
    let mut results = Vec::with_capacity(queues.len());
    for (queue, entries) in queues.iter().zip(fact_entries) {
        let entries = entries.unwrap_or_else(|| queue_entries(queue.kind, &from_records, now));
        let mut rows = rows_of(entries, &records.summaries, queue.sort);
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

/// Reads the records the chosen queues need besides the facts: every
/// account's summary, and the tickets and tasks only for the queues that
/// read them.
fn load_records(
    store: &Store,
    queues: &[&QueueDefinition],
    me: &str,
    now: Timestamp,
) -> Result<Records, StoreError> {
    let sla_hours = queues
        .iter()
        .filter_map(|queue| match queue.kind {
            QueueKind::Sla { hours } => Some(hours),
            _ => None,
        })
        .max();
    let needs_tasks = queues.iter().any(|queue| queue.kind == QueueKind::MyTasks);
    let needs_contacts = queues.iter().any(|queue| queue.kind == QueueKind::Duplicates);
    Ok(Records {
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
        contact_emails: if needs_contacts { store.contact_emails()? } else { Vec::new() },
    })
}
