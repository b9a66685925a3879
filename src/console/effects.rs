//! Runs the app's effects. Store reads happen on tokio's blocking pool,
//! because rusqlite is synchronous, and their results come back to the UI
//! task as actions on a channel.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use jiff::Timestamp;

use super::account_load::{load_conversation, load_detail};
use super::queue_load::compute_queues;
use crate::app::{AccountRows, Action, Effect, QueueLoad};
use crate::config::health::HealthConfig;
use crate::config::queues::{QueueDefinition, QueuesConfig};
use crate::store::Store;

/// What the loads read besides the store, read once at start.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The health and risk models of `health.toml`.
    pub models: HealthConfig,
    /// The queues of `queues.toml`.
    pub queues: QueuesConfig,
    /// The user's name (`[user] name`): whose tasks are "mine".
    pub me: String,
}

pub struct Runner {
    store: Arc<Mutex<Store>>,
    sources: Arc<Sources>,
    actions: UnboundedSender<Action>,
}

impl Runner {
    pub fn new(store: Store, sources: Sources, actions: UnboundedSender<Action>) -> Runner {
        Runner { store: Arc::new(Mutex::new(store)), sources: Arc::new(sources), actions }
    }

    pub fn run_all(&self, effects: Vec<Effect>) {
        for effect in effects {
            let store = Arc::clone(&self.store);
            let sources = Arc::clone(&self.sources);
            let actions = self.actions.clone();
            tokio::task::spawn_blocking(move || {
                let store = store.lock().unwrap_or_else(PoisonError::into_inner);
                // The receiver is gone only when the console is closing.
                let _ = actions.send(perform(&store, &sources, effect));
            });
        }
    }
}

/// Carries out one effect against the store and returns its result as an
/// action. Public so tests can drive the app without a terminal.
pub fn perform(store: &Store, sources: &Sources, effect: Effect) -> Action {
    match effect {
        Effect::LoadAccounts { generation, sort } => Action::AccountsLoaded {
            generation,
            result: store.account_summaries(sort).map(AccountRows::new).map_err(|error| error.to_string()),
        },
        Effect::LoadAccountDetail { generation, account, now } => Action::DetailLoaded {
            generation,
            result: load_detail(store, &sources.models, account, now).map(Box::new),
        },
        Effect::LoadTicket { generation, ticket, width } => {
            Action::TicketLoaded { generation, result: load_conversation(store, ticket, width).map(Box::new) }
        }
        Effect::LoadQueues { generation, queue, now } => {
            Action::QueuesLoaded { generation, result: load_queues(store, sources, queue, now) }
        }
    }
}

/// Every queue's count and the rows of the one at index `queue`.
fn load_queues(store: &Store, sources: &Sources, queue: usize, now: Timestamp) -> Result<QueueLoad, String> {
    let all: Vec<&QueueDefinition> = sources.queues.queues.iter().collect();
    let mut computed = compute_queues(store, &sources.models, &all, None, &sources.me, now)
        .map_err(|error| error.to_string())?;
    let counts = computed.iter().map(Vec::len).collect();
    if queue >= computed.len() {
        return Err(format!("queues.toml has no queue number {}", queue + 1));
    }
    Ok(QueueLoad::new(counts, computed.swap_remove(queue)))
}
