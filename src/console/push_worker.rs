//! The pusher's thread, with its own small runtime, so that a slow backend
//! never holds up a frame. It works the console's own connection (locked
//! for each step, never while a request is out), so its writes are not
//! taken for another process's. It pushes whatever is due, reports progress through the action
//! channel, then sleeps until the next item falls due or the console wakes
//! it because the user acted.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Action, SyncActivity};
use crate::connectors::Connector;
use crate::store::Store;
use crate::sync::backoff::RandomDraws;
use crate::sync::pusher::push_due;

/// How long the pusher sleeps with nothing due: it also picks up items
/// written by another process (`keepers act`) this often.
const IDLE_WAIT: Duration = Duration::from_secs(30);

pub struct PushWorker {
    wake: mpsc::Sender<()>,
}

impl PushWorker {
    /// Starts the pusher on its own thread, on the console's store.
    pub fn spawn<C: Connector + 'static>(
        store: Arc<Mutex<Store>>,
        connector: C,
        actions: UnboundedSender<Action>,
    ) -> std::io::Result<PushWorker> {
        let (wake, woken) = mpsc::channel();
        let mut draws = RandomDraws::from_system()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        thread::Builder::new().name("keepers-pusher".into()).spawn(move || {
            let report = |activity: SyncActivity| {
                let counts = lock(&store).outbox_counts().unwrap_or_default();
                // The receiver is gone only when the console is closing.
                let _ = actions.send(Action::SyncProgress { activity, counts });
            };
            loop {
                let pending = lock(&store).outbox_counts().map(|counts| counts.pending).unwrap_or(0);
                if pending > 0 {
                    report(SyncActivity::Pushing);
                }
                let activity = match runtime.block_on(push_due(&*store, &connector, &mut draws)) {
                    Ok(_) => waiting_reason(&lock(&store))
                        .map_or(SyncActivity::Idle, |reason| SyncActivity::Retrying { reason }),
                    Err(error) => {
                        SyncActivity::Retrying { reason: format!("the outbox could not be read: {error}") }
                    }
                };
                report(activity);
                let wait = lock(&store)
                    .next_push_due()
                    .ok()
                    .flatten()
                    .map(|due| {
                        Duration::try_from(due.duration_since(Timestamp::now())).unwrap_or(Duration::ZERO)
                    })
                    .map_or(IDLE_WAIT, |wait| wait.clamp(Duration::from_millis(200), IDLE_WAIT));
                match woken.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })?;
        Ok(PushWorker { wake })
    }

    /// Something new is in the outbox: push it now.
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Why the oldest waiting item waits, if it waits for a retry.
fn waiting_reason(store: &Store) -> Option<String> {
    let waiting = store.outbox_unsent().ok()?;
    waiting
        .iter()
        .find(|item| item.state == crate::model::OutboxState::Pending && item.attempts > 0)
        .and_then(|item| item.last_error.clone())
}
