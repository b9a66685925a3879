//! Runs the app's effects. Store reads happen on tokio's blocking pool,
//! because rusqlite is synchronous, and their results come back to the UI
//! task as actions on a channel.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use crate::app::{AccountDetail, AccountRows, Action, Effect};
use crate::model::AccountId;
use crate::store::{Store, StoreError};

pub struct Runner {
    store: Arc<Mutex<Store>>,
    actions: UnboundedSender<Action>,
}

impl Runner {
    pub fn new(store: Store, actions: UnboundedSender<Action>) -> Runner {
        Runner { store: Arc::new(Mutex::new(store)), actions }
    }

    pub fn run_all(&self, effects: Vec<Effect>) {
        for effect in effects {
            let store = Arc::clone(&self.store);
            let actions = self.actions.clone();
            tokio::task::spawn_blocking(move || {
                let store = store.lock().unwrap_or_else(PoisonError::into_inner);
                // The receiver is gone only when the console is closing.
                let _ = actions.send(perform(&store, effect));
            });
        }
    }
}

/// Carries out one effect against the store and returns its result as an
/// action. Public so tests can drive the app without a terminal.
pub fn perform(store: &Store, effect: Effect) -> Action {
    match effect {
        Effect::LoadAccounts { generation, sort } => Action::AccountsLoaded {
            generation,
            result: store.account_summaries(sort).map(AccountRows::new).map_err(|error| error.to_string()),
        },
        Effect::LoadAccountDetail { generation, account } => {
            Action::DetailLoaded { generation, result: load_detail(store, account).map(Box::new) }
        }
    }
}

/// How many timeline events the account view loads.
const TIMELINE_LIMIT: usize = 2_000;

fn load_detail(store: &Store, id: AccountId) -> Result<AccountDetail, String> {
    let read = || -> Result<Option<AccountDetail>, StoreError> {
        let Some(account) = store.account(id)? else {
            return Ok(None);
        };
        Ok(Some(AccountDetail {
            contacts: store.contacts_of(id)?,
            timeline: store.timeline(id, TIMELINE_LIMIT)?,
            account,
        }))
    };
    match read() {
        Ok(Some(detail)) => Ok(detail),
        Ok(None) => Err(format!("account {id} is no longer in the workspace")),
        Err(error) => Err(error.to_string()),
    }
}
