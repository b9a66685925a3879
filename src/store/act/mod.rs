//! Actions a user takes, written the way DESIGN.md's "nothing typed is
//! lost" asks: each local change (which the timeline shows) and its outbox
//! row, with an idempotency key, in one transaction — after a crash either
//! both are there or neither is. The changes of one request form a batch,
//! undone together while none of them has left for a backend.
//!
//! The records go in through the [`BulkWriter`](super::BulkWriter)'s own
//! inserts and its IMMEDIATE transaction, so another writer cannot come
//! between the change and its outbox row.

mod apply;
mod merge;
mod outbox;
mod park;
mod undo;

use jiff::Timestamp;
use rusqlite::{Transaction, params};

use super::{Store, StoreError};
use crate::model::{Change, IdempotencyKey, OutboxItem, OutboxState, SafeText, Source};
use undo::Undo;

pub use outbox::{OutboxCounts, PushResult};
pub use undo::UndoOutcome;

/// A change with the idempotency key its outbox row will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed {
    pub change: Change,
    pub key: IdempotencyKey,
}

impl Keyed {
    /// The change with a fresh random key.
    pub fn new(change: Change) -> std::io::Result<Keyed> {
        Ok(Keyed { change, key: IdempotencyKey::random()? })
    }
}

/// Who acts, when, and whether a backend will hear of it.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub name: &'a SafeText,
    pub at: Timestamp,
    /// Whether a backend takes every action (the `[push]` webhook);
    /// without one, items stay local unless `pushes_to` takes them.
    pub backend: bool,
    /// The sources whose own records' changes are pushed back to them (a
    /// Zendesk ticket's status, say), when a sync source is configured.
    pub pushes_to: &'a [Source],
}

/// A batch's id: the handle to undo it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BatchId(pub i64);

/// What applying a batch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// `None` when nothing was changed (every change was skipped).
    pub batch: Option<BatchId>,
    /// One item per change that was made, in order.
    pub items: Vec<OutboxItem>,
    /// The id of the row each made change created (a note's, a task's), if
    /// it created one, in the order of `items`.
    pub made: Vec<Option<i64>>,
    /// The changes that had nothing to do, by their index in the request,
    /// with why: "task #4 is done already".
    pub skipped: Vec<(usize, String)>,
}

impl Store {
    /// Applies `changes` as one batch in one transaction: each change, its
    /// outbox row and how to undo it. A change that has nothing to do (a
    /// task done already, a record that is gone) is skipped with its reason;
    /// an error rolls the whole batch back.
    pub fn apply(&self, changes: &[Keyed], actor: Actor<'_>, label: &str) -> Result<Applied, StoreError> {
        let mut writer = self.writer()?;
        writer.transaction().execute(
            "INSERT INTO batches (label, created_at) VALUES (?1, ?2)",
            params![label, actor.at.as_second()],
        )?;
        let batch = BatchId(writer.transaction().last_insert_rowid());
        let mut applied =
            Applied { batch: Some(batch), items: Vec::new(), made: Vec::new(), skipped: Vec::new() };
        for (index, keyed) in changes.iter().enumerate() {
            match apply::apply_one(&mut writer, &keyed.change, actor)? {
                Err(reason) => applied.skipped.push((index, reason)),
                Ok(written) => {
                    let item = enqueue(writer.transaction(), keyed, batch, &written, actor)?;
                    applied.items.push(item);
                    applied.made.push(written.made);
                }
            }
        }
        if applied.items.is_empty() {
            // Dropping the writer rolls back the empty batch row.
            applied.batch = None;
            return Ok(applied);
        }
        writer.commit()?;
        Ok(applied)
    }
}

/// A change as applied: what the backend is sent, how to take it back, and
/// the row it made.
struct Written {
    payload: serde_json::Value,
    undo: Undo,
    made: Option<i64>,
    /// The backend the changed record came from, which may take the change.
    pushed_to: Option<Source>,
}

const INSERT_OUTBOX: &str = "INSERT INTO outbox (idempotency_key, record_kind, record_id, action, payload, \
     state, created_at, batch_id, undo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

fn enqueue(
    transaction: &Transaction<'_>,
    keyed: &Keyed,
    batch: BatchId,
    written: &Written,
    actor: Actor<'_>,
) -> Result<OutboxItem, StoreError> {
    let pushed_back = written.pushed_to.is_some_and(|source| actor.pushes_to.contains(&source));
    let state = if actor.backend || pushed_back { OutboxState::Pending } else { OutboxState::Local };
    let (record_kind, record_id) = keyed.change.record();
    let action = keyed.change.action();
    let payload = written.payload.to_string();
    let undo = serde_json::to_string(&written.undo).map_err(|error| StoreError::Unstorable {
        table: "outbox",
        field: "undo",
        reason: error.to_string(),
    })?;
    let mut insert = transaction.prepare_cached(INSERT_OUTBOX)?;
    insert.execute(params![
        keyed.key.as_str(),
        record_kind,
        record_id,
        action,
        payload,
        state.as_str(),
        actor.at.as_second(),
        batch.0,
        undo
    ])?;
    Ok(OutboxItem {
        id: transaction.last_insert_rowid(),
        key: keyed.key.clone(),
        record_kind,
        record_id,
        action,
        payload,
        state,
        attempts: 0,
        last_error: None,
        // As stored: whole seconds.
        created_at: Timestamp::from_second(actor.at.as_second()).unwrap_or(actor.at),
        batch: Some(batch.0),
    })
}

#[cfg(test)]
mod tests;
