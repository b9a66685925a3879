//! The outbox pusher: takes the next due item (oldest first, in order per
//! record), counts the attempt in the workspace before sending it — so a
//! crash mid-push is retried with the same idempotency key and never
//! undone locally — sends it through the connector, and records what the
//! backend said: done, try again after a full-jitter backoff (or the
//! Retry-After the backend asked for), or refused for good, with its
//! message, onto the dead-letter list.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::backoff::{RandomDraws, next_attempt_delay};
use crate::connectors::{Connector, PushOutcome};
use crate::model::OutboxItem;
use crate::store::{PushResult, Store, StoreError};

/// The outbox as the pusher works it: a store of its own (`keepers outbox
/// push`), or the console's, shared, locked for each step and never while
/// a request is out — and so writing through the same connection as the
/// console, whose check for other processes' writes does not fire for them.
pub trait OutboxAccess {
    fn next_to_push(&self, now: Timestamp) -> Result<Option<OutboxItem>, StoreError>;
    fn begin_push(&self, item: i64) -> Result<(), StoreError>;
    fn finish_push(&self, item: i64, result: &PushResult) -> Result<(), StoreError>;
    fn next_push_due(&self) -> Result<Option<Timestamp>, StoreError>;
}

impl OutboxAccess for Store {
    fn next_to_push(&self, now: Timestamp) -> Result<Option<OutboxItem>, StoreError> {
        Store::next_to_push(self, now)
    }
    fn begin_push(&self, item: i64) -> Result<(), StoreError> {
        Store::begin_push(self, item)
    }
    fn finish_push(&self, item: i64, result: &PushResult) -> Result<(), StoreError> {
        Store::finish_push(self, item, result)
    }
    fn next_push_due(&self) -> Result<Option<Timestamp>, StoreError> {
        Store::next_push_due(self)
    }
}

impl OutboxAccess for Mutex<Store> {
    fn next_to_push(&self, now: Timestamp) -> Result<Option<OutboxItem>, StoreError> {
        self.lock().unwrap_or_else(PoisonError::into_inner).next_to_push(now)
    }
    fn begin_push(&self, item: i64) -> Result<(), StoreError> {
        self.lock().unwrap_or_else(PoisonError::into_inner).begin_push(item)
    }
    fn finish_push(&self, item: i64, result: &PushResult) -> Result<(), StoreError> {
        self.lock().unwrap_or_else(PoisonError::into_inner).finish_push(item, result)
    }
    fn next_push_due(&self) -> Result<Option<Timestamp>, StoreError> {
        self.lock().unwrap_or_else(PoisonError::into_inner).next_push_due()
    }
}

/// After this many attempts a failure that "may pass" is treated as one that
/// will not: the item goes to the dead-letter list instead of being retried
/// for ever (with the 5-minute backoff cap, about two hours of tries).
pub const MAX_ATTEMPTS: u32 = 25;

/// What one round of pushing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushReport {
    pub pushed: usize,
    pub retried: usize,
    pub refused: usize,
}

impl PushReport {
    fn add(&mut self, other: PushReport) {
        self.pushed += other.pushed;
        self.retried += other.retried;
        self.refused += other.refused;
    }
}

/// Pushes every item that is due now, one at a time, and returns when none
/// is (the rest wait for their backoff, or behind a refused item of the
/// same record).
pub async fn push_due<C: Connector>(
    store: &impl OutboxAccess,
    connector: &C,
    draws: &mut RandomDraws,
) -> Result<PushReport, StoreError> {
    let mut report = PushReport::default();
    while let Some(item) = store.next_to_push(Timestamp::now())? {
        let tried_before = item.attempts;
        store.begin_push(item.id)?;
        let result = match connector.push(&item).await {
            PushOutcome::Done => {
                report.pushed += 1;
                PushResult::Done
            }
            PushOutcome::Retry { reason, .. } if tried_before + 1 >= MAX_ATTEMPTS => {
                report.refused += 1;
                PushResult::Refused {
                    message: format!("gave up after {MAX_ATTEMPTS} attempts; the last: {reason}"),
                }
            }
            PushOutcome::Retry { after, reason } => {
                report.retried += 1;
                let delay = next_attempt_delay(tried_before, after, draws.draw());
                PushResult::Retry { next_at: later(delay), reason: reason.into_string() }
            }
            PushOutcome::Permanent { message } => {
                report.refused += 1;
                PushResult::Refused { message: message.into_string() }
            }
        };
        store.finish_push(item.id, &result)?;
    }
    Ok(report)
}

/// Pushes until nothing is pending, waiting out each backoff — but no longer
/// than `patience` in all: for `keepers outbox push` and the tests.
pub async fn push_all<C: Connector>(
    store: &impl OutboxAccess,
    connector: &C,
    draws: &mut RandomDraws,
    patience: Duration,
) -> Result<PushReport, StoreError> {
    let deadline = tokio::time::Instant::now() + patience;
    let mut report = PushReport::default();
    loop {
        report.add(push_due(store, connector, draws).await?);
        let Some(due) = store.next_push_due()? else {
            return Ok(report);
        };
        let wait = Duration::try_from(due.duration_since(Timestamp::now())).unwrap_or(Duration::ZERO);
        let wake = tokio::time::Instant::now() + wait.max(Duration::from_millis(50));
        if wake > deadline {
            return Ok(report);
        }
        tokio::time::sleep_until(wake).await;
    }
}

fn later(delay: Duration) -> Timestamp {
    let delay = SignedDuration::try_from(delay).unwrap_or(SignedDuration::MAX);
    // Whole seconds are stored: round up so an item is never due early.
    let delay = SignedDuration::from_secs(delay.as_secs() + i64::from(delay.subsec_nanos() > 0));
    Timestamp::now().checked_add(delay).unwrap_or(Timestamp::MAX)
}
