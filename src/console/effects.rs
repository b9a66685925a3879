//! Runs the app's effects. Store reads happen on tokio's blocking pool,
//! because rusqlite is synchronous, and their results come back to the UI
//! task as actions on a channel.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use super::account_load::{load_conversation, load_detail};
use crate::app::{AccountRows, Action, Effect};
use crate::config::health::HealthConfig;
use crate::store::Store;

pub struct Runner {
    store: Arc<Mutex<Store>>,
    /// The health and risk models of `health.toml`, read once at start.
    models: Arc<HealthConfig>,
    actions: UnboundedSender<Action>,
}

impl Runner {
    pub fn new(store: Store, models: HealthConfig, actions: UnboundedSender<Action>) -> Runner {
        Runner { store: Arc::new(Mutex::new(store)), models: Arc::new(models), actions }
    }

    pub fn run_all(&self, effects: Vec<Effect>) {
        for effect in effects {
            let store = Arc::clone(&self.store);
            let models = Arc::clone(&self.models);
            let actions = self.actions.clone();
            tokio::task::spawn_blocking(move || {
                let store = store.lock().unwrap_or_else(PoisonError::into_inner);
                // The receiver is gone only when the console is closing.
                let _ = actions.send(perform(&store, &models, effect));
            });
        }
    }
}

/// Carries out one effect against the store and returns its result as an
/// action. Public so tests can drive the app without a terminal.
pub fn perform(store: &Store, models: &HealthConfig, effect: Effect) -> Action {
    match effect {
        Effect::LoadAccounts { generation, sort } => Action::AccountsLoaded {
            generation,
            result: store.account_summaries(sort).map(AccountRows::new).map_err(|error| error.to_string()),
        },
        Effect::LoadAccountDetail { generation, account, now } => Action::DetailLoaded {
            generation,
            result: load_detail(store, models, account, now).map(Box::new),
        },
        Effect::LoadTicket { generation, ticket, width } => {
            Action::TicketLoaded { generation, result: load_conversation(store, ticket, width).map(Box::new) }
        }
    }
}
