//! Runs the app's effects. Store reads happen on tokio's blocking pool,
//! because rusqlite is synchronous, and their results come back to the UI
//! task as actions on a channel.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use jiff::Timestamp;

use super::account_load::{load_conversation, load_detail};
use super::memory;
use super::queue_load::compute_queues;
use super::search_worker::HITS_PER_KIND;
use crate::app::{
    AccountRows, ActReport, Action, DashboardLoad, Effect, OutboxLoad, Outcome, QueueLoad, SavedQueue,
    SearchAnswer, State, update,
};
use crate::config::health::HealthConfig;
use crate::config::queues::{QueueDefinition, QueuesConfig};
use crate::config::saved_queue::save_filter_as_queue;
use crate::metrics::dashboard::{Scope, dashboard, period_start, scope_choices, scoped, segments_by_account};
use crate::metrics::portfolio::{LtvSettings, members};
use crate::model::time::utc_date;
use crate::model::{Change, FieldCap, SafeText};
use crate::playbooks::{Playbooks, run_triggers};
use crate::query::{Filter, FilterContext};
use crate::search::Search;
use crate::store::{Actor, Keyed, Store, StoreError, UndoOutcome};

/// What the loads read besides the store, read once at start.
#[derive(Debug)]
pub struct Sources {
    /// The health and risk models of `health.toml`.
    pub models: HealthConfig,
    /// The queues of `queues.toml`; a queue saved from the console joins them.
    pub queues: Mutex<QueuesConfig>,
    /// Where a saved queue is written: the user's `queues.toml`.
    pub queues_path: PathBuf,
    /// The user's name (`[user] name`): whose tasks are "mine".
    pub me: String,
    /// How LTV is computed (`[metrics]` in keepers.toml), for the dashboard.
    pub ltv: LtvSettings,
    /// Whether a backend is configured to push actions to; without one they
    /// stay local.
    pub pushes: bool,
    /// The sources whose records' changes are pushed back to them.
    pub pushes_to: Vec<crate::model::Source>,
    /// The playbooks of `playbooks.toml`, whose triggers make tasks.
    pub playbooks: Playbooks,
    /// When an action happens: the system clock, or a fixed one in tests.
    pub clock: fn() -> Timestamp,
}

impl Sources {
    fn filter_context(&self, now: Timestamp) -> FilterContext {
        let mut context = FilterContext::new(now, &self.me);
        context.bands = self.models.health.bands;
        context
    }
}

/// The version before any was read (the PRAGMA failed): the first look
/// that reads one only records it.
const NO_VERSION_YET: i64 = i64::MIN;

pub struct Runner {
    store: Arc<Mutex<Store>>,
    sources: Arc<Sources>,
    actions: UnboundedSender<Action>,
    /// The workspace's data version when last looked at.
    seen_version: Arc<AtomicI64>,
}

impl Runner {
    /// Takes the store over; its data version now is what later looks
    /// compare with, so a write from the first moment on is noticed.
    pub fn new(store: Store, sources: Sources, actions: UnboundedSender<Action>) -> Runner {
        let version = store.data_version().unwrap_or(NO_VERSION_YET);
        Runner {
            store: Arc::new(Mutex::new(store)),
            sources: Arc::new(sources),
            actions,
            seen_version: Arc::new(AtomicI64::new(version)),
        }
    }

    /// The store the effects run on, for the pusher to share.
    pub fn store(&self) -> Arc<Mutex<Store>> {
        Arc::clone(&self.store)
    }

    pub fn run_all(&self, effects: Vec<Effect>) {
        for effect in effects {
            let store = Arc::clone(&self.store);
            let sources = Arc::clone(&self.sources);
            let actions = self.actions.clone();
            tokio::task::spawn_blocking(move || {
                let store = store.lock().unwrap_or_else(PoisonError::into_inner);
                let heavy = matches!(
                    effect,
                    Effect::ComputeQueues { .. } | Effect::LoadDashboard { .. } | Effect::RunPlaybooks
                );
                let action = perform(&store, &sources, effect);
                if heavy {
                    memory::give_back_freed_memory();
                }
                // The receiver is gone only when the console is closing.
                if let Some(action) = action {
                    let _ = actions.send(action);
                }
            });
        }
    }

    /// Looks whether another process wrote to the workspace since the last
    /// look, and says so with [`Action::WorkspaceChanged`]. Skipped while a
    /// load holds the store: the next look will see the change.
    pub fn look_for_changes(&self) {
        let store = Arc::clone(&self.store);
        let seen = Arc::clone(&self.seen_version);
        let actions = self.actions.clone();
        tokio::task::spawn_blocking(move || {
            let Ok(store) = store.try_lock() else { return };
            let Ok(version) = store.data_version() else { return };
            let before = seen.swap(version, Ordering::Relaxed);
            if before != NO_VERSION_YET && before != version {
                let _ = actions.send(Action::WorkspaceChanged);
            }
        });
    }
}

/// Carries out `outcome`'s effects and those their results ask for, one at
/// a time, until none is left: the console's work without its terminal and
/// threads, for tests, benchmarks and screenshots. A search is answered at
/// once and whole, from an index read for it.
pub fn settle(store: &Store, sources: &Sources, state: &mut State, outcome: Outcome) {
    let mut pending = outcome.effects;
    while let Some(effect) = pending.pop() {
        let action = match effect {
            Effect::Search { generation, query } => Some(search_at_once(store, generation, query)),
            effect => perform(store, sources, effect),
        };
        if let Some(action) = action {
            pending.extend(update(state, action).effects);
        }
    }
}

fn search_at_once(store: &Store, generation: u64, query: String) -> Action {
    let answer = |hits, total, error| SearchAnswer {
        generation,
        query: query.clone(),
        hits,
        scanned: total,
        total,
        done: true,
        error,
    };
    match store.search_index() {
        Ok(index) => {
            let total = index.len();
            let mut search = Search::new(Arc::new(index), &query, HITS_PER_KIND);
            search.step(usize::MAX);
            Action::from(answer(search.hits(), total, None))
        }
        Err(error) => Action::from(answer(Vec::new(), 0, Some(error.to_string()))),
    }
}

/// Carries out one effect against the store and returns its result as an
/// action; `None` for an effect on the terminal (the clipboard) or the
/// search worker, which the event loop carries out itself. Public so tests can drive the app
/// without a terminal.
pub fn perform(store: &Store, sources: &Sources, effect: Effect) -> Option<Action> {
    Some(match effect {
        Effect::CopyToClipboard { .. }
        | Effect::OpenLink { .. }
        | Effect::Search { .. }
        | Effect::WakePusher
        | Effect::FetchComments { .. }
        | Effect::ForgetSearchIndex => return None,
        Effect::StoreComments { generation, ticket, source, comments, width } => {
            let stored = store.replace_synced_comments(ticket, source, &comments);
            Action::TicketLoaded {
                generation,
                result: stored
                    .map_err(|error| error.to_string())
                    .and_then(|_| load_conversation(store, ticket, width))
                    .map(Box::new),
            }
        }
        Effect::LoadOutbox { generation } => Action::OutboxLoaded { generation, result: load_outbox(store) },
        Effect::RetryOutboxItem { item } => Action::OutboxItemChanged {
            result: changed_item(store.retry_item(item), item, "will be sent again"),
        },
        Effect::DiscardOutboxItem { item } => Action::OutboxItemChanged {
            result: changed_item(store.discard_item(item), item, "will not be pushed; its change stays"),
        },
        Effect::EditOutboxItem { item, payload } => Action::OutboxItemChanged {
            result: match store.edit_item(item, &payload) {
                Ok(true) => changed_item(store.retry_item(item), item, "was edited and will be sent again"),
                other => changed_item(other, item, ""),
            },
        },
        Effect::LoadAccounts { generation, sort, filter, among, now } => Action::AccountsLoaded {
            generation,
            result: store
                .account_list(
                    filter.as_ref(),
                    among.as_deref().map(Vec::as_slice),
                    &sources.filter_context(now),
                    sort,
                )
                .map(AccountRows::new)
                .map_err(|error| error.to_string()),
        },
        Effect::LoadDashboard { generation, scope, days, now } => Action::DashboardLoaded {
            generation,
            result: load_dashboard(store, sources, &scope, days, now).map(Box::new),
        },
        Effect::LoadAccountDetail { generation, account, now } => Action::DetailLoaded {
            generation,
            result: load_detail(store, &sources.models, account, now).map(Box::new),
        },
        Effect::LoadTicket { generation, ticket, width } => {
            Action::TicketLoaded { generation, result: load_conversation(store, ticket, width).map(Box::new) }
        }
        Effect::ComputeQueues { generation, now } => {
            Action::QueuesComputed { generation, result: load_queues(store, sources, now) }
        }
        Effect::MatchAccounts { generation, filter, now } => Action::AccountsMatched {
            generation,
            result: store
                .account_ids_matching(&filter, &sources.filter_context(now))
                .map_err(|error| error.to_string()),
        },
        Effect::FindAccount { generation, query } => Action::AccountFound {
            generation,
            result: store.find_account(&query).map_err(|error| error.to_string()),
            query,
        },
        Effect::Act { changes, label } => Action::Acted { result: act(store, sources, changes, label) },
        Effect::UndoLast => Action::Undone { result: undo_last(store, (sources.clock)()) },
        Effect::RunPlaybooks => Action::PlaybooksRan {
            result: run_triggers(store, &sources.playbooks, (sources.clock)(), sources.pushes)
                .map(|run| run.created)
                .map_err(|error| error.to_string()),
        },
        Effect::LoadTasks { generation } => {
            Action::TasksLoaded { generation, result: store.open_tasks().map_err(|error| error.to_string()) }
        }
        Effect::SaveQueue { title, base, filter } => {
            Action::QueueSaved { result: save_queue(sources, &title, base.as_deref(), &filter) }
        }
    })
}

/// Applies a batch of changes as the user, each with its outbox item.
fn act(store: &Store, sources: &Sources, changes: Vec<Change>, label: String) -> Result<ActReport, String> {
    let lists_changed = changes.iter().any(Change::changes_lists);
    let keyed = changes
        .into_iter()
        .map(Keyed::new)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("no idempotency key: {error}"))?;
    let me = SafeText::line(&sources.me, FieldCap::NAME);
    let actor =
        Actor { name: &me, at: (sources.clock)(), backend: sources.pushes, pushes_to: &sources.pushes_to };
    let applied = store.apply(&keyed, actor, &label).map_err(|error| error.to_string())?;
    Ok(ActReport {
        label,
        changed: applied.items.len(),
        skipped: applied.skipped.into_iter().map(|(_, reason)| reason).collect(),
        state: applied.items.first().map(|item| item.state),
        lists_changed,
    })
}

fn load_outbox(store: &Store) -> Result<OutboxLoad, String> {
    let items = store.outbox_unsent().map_err(|error| error.to_string())?;
    let counts = store.outbox_counts().map_err(|error| error.to_string())?;
    Ok(OutboxLoad { items, counts })
}

/// The message for a retry, edit or discard of outbox item `item`.
fn changed_item(result: Result<bool, StoreError>, item: i64, done: &str) -> Result<String, String> {
    match result {
        Ok(true) => Ok(format!("Outbox item #{item} {done}")),
        Ok(false) => Err(format!("Outbox item #{item} is not waiting or refused any more")),
        Err(error) => Err(error.to_string()),
    }
}

/// Undoes the newest batch still local, and says what it was.
fn undo_last(store: &Store, now: Timestamp) -> Result<String, String> {
    let Some((batch, label)) = store.last_undoable_batch().map_err(|error| error.to_string())? else {
        return Err("Nothing to undo: every action has been pushed or undone".into());
    };
    match store.undo(batch, now).map_err(|error| error.to_string())? {
        UndoOutcome::Undone(count) => Ok(format!("Undone: {label} ({count} change{})", plural(count))),
        UndoOutcome::NotFound => Err(format!("{label} was undone already")),
        UndoOutcome::AlreadySent(_) => {
            Err(format!("{label} has been sent to the backend: it cannot be undone"))
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The dashboard of `scope`, and every owner, plan and segment there is.
fn load_dashboard(
    store: &Store,
    sources: &Sources,
    scope: &Scope,
    days: u32,
    now: Timestamp,
) -> Result<DashboardLoad, String> {
    let facts = store.load_facts(utc_date(now)).map_err(|error| error.to_string())?;
    let models = &sources.models;
    let everyone = members(&facts, &models.health, &models.risk, now);
    let start = period_start(now, days).map_err(|error| error.to_string())?;
    let then = members(&facts, &models.health, &models.risk, start);
    let segments = segments_by_account(&facts, now);
    let choices = scope_choices(&everyone, &segments);
    let (now_members, then_members) = (scoped(everyone, scope, &segments), scoped(then, scope, &segments));
    let dashboard =
        dashboard(&now_members, &then_members, days, now, &sources.ltv).map_err(|error| error.to_string())?;
    Ok(DashboardLoad { dashboard, choices })
}

/// Every queue's rows.
fn load_queues(store: &Store, sources: &Sources, now: Timestamp) -> Result<QueueLoad, String> {
    let config = sources.queues.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let all: Vec<&QueueDefinition> = config.queues.iter().collect();
    compute_queues(store, &sources.models, &all, None, &sources.me, now)
        .map(QueueLoad::new)
        .map_err(|error| error.to_string())
}

/// Writes the queue to `queues.toml` and adds it to the queues computed
/// from now on.
fn save_queue(
    sources: &Sources,
    title: &str,
    base: Option<&str>,
    filter: &Filter,
) -> Result<SavedQueue, String> {
    let mut config = sources.queues.lock().unwrap_or_else(PoisonError::into_inner);
    let base = base.and_then(|id| config.get(id)).cloned();
    let saved = save_filter_as_queue(&sources.queues_path, title, base.as_ref(), filter)
        .map_err(|error| error.to_string())?;
    let entry = SavedQueue {
        id: saved.id.clone(),
        title: saved.title.to_string(),
        path: sources.queues_path.display().to_string(),
    };
    config.queues.push(saved);
    Ok(entry)
}
