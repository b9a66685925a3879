//! The outbox as the pusher and the Outbox screen use it: the next item to
//! push (in order per record), marking an attempt before it is sent, its
//! result after, and a person's retry, edit and discard of a refused item.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use crate::model::{ACTIONS, IdempotencyKey, OutboxItem, OutboxState, RECORD_KINDS};
use crate::store::row_reader::{RowKey, RowReader};
use crate::store::{Store, StoreError};

const OUTBOX_SELECT: &str = "SELECT id, idempotency_key, record_kind, record_id, action, payload, state, \
     attempts, last_error, created_at, batch_id FROM outbox";

/// How many items wait, were refused, or stay local.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: usize,
    pub failed: usize,
    pub local: usize,
}

/// What a backend said to one push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushResult {
    Done,
    /// Try again from `next_at`.
    Retry {
        next_at: Timestamp,
        reason: String,
    },
    /// Refused for good: the item goes to the dead-letter list with the
    /// backend's message.
    Refused {
        message: String,
    },
}

impl Store {
    /// The outbox's items in the order they were written, only those in
    /// `state` if given.
    pub fn outbox(&self, state: Option<OutboxState>) -> Result<Vec<OutboxItem>, StoreError> {
        match state {
            Some(state) => self.read_all(
                &format!("{OUTBOX_SELECT} WHERE state = ?1 ORDER BY id"),
                [state.as_str()],
                decode_item,
            ),
            None => self.read_all(&format!("{OUTBOX_SELECT} ORDER BY id"), [], decode_item),
        }
    }

    /// The items a person has to see: waiting and refused ones, oldest first.
    pub fn outbox_unsent(&self) -> Result<Vec<OutboxItem>, StoreError> {
        self.read_all(
            &format!("{OUTBOX_SELECT} WHERE state IN ('pending', 'failed') ORDER BY id"),
            [],
            decode_item,
        )
    }

    pub fn outbox_item(&self, id: i64) -> Result<Option<OutboxItem>, StoreError> {
        self.read_optional(&format!("{OUTBOX_SELECT} WHERE id = ?1"), [id], decode_item)
    }

    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let mut counts = OutboxCounts::default();
        let mut statement = self.connection.prepare_cached(
            "SELECT state, count(*) FROM outbox WHERE state IN ('pending', 'failed', 'local') GROUP BY state",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, count) = row?;
            let count = usize::try_from(count).unwrap_or(0);
            match OutboxState::parse(&state) {
                Some(OutboxState::Pending) => counts.pending = count,
                Some(OutboxState::Failed) => counts.failed = count,
                Some(OutboxState::Local) => counts.local = count,
                _ => {}
            }
        }
        Ok(counts)
    }

    /// The oldest pending item that is due at `now` and has no older
    /// pending or refused item about the same record: a record's actions
    /// reach the backend in the order they were taken.
    pub fn next_to_push(&self, now: Timestamp) -> Result<Option<OutboxItem>, StoreError> {
        self.read_optional(
            &format!(
                "{OUTBOX_SELECT} AS o WHERE state = 'pending' \
                 AND (next_attempt_at IS NULL OR next_attempt_at <= ?1) \
                 AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.record_kind = o.record_kind \
                 AND e.record_id = o.record_id AND e.id < o.id AND e.state IN ('pending', 'failed')) \
                 ORDER BY id LIMIT 1"
            ),
            [now.as_second()],
            decode_item,
        )
    }

    /// When the next pending item that is not held behind a refused one
    /// falls due; `None` when there is none.
    pub fn next_push_due(&self) -> Result<Option<Timestamp>, StoreError> {
        let next: Option<i64> = self.connection.query_row(
            "SELECT min(coalesce(next_attempt_at, 0)) FROM outbox o WHERE state = 'pending' \
             AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.record_kind = o.record_kind \
             AND e.record_id = o.record_id AND e.id < o.id AND e.state = 'failed')",
            [],
            |row| row.get(0),
        )?;
        Ok(next.and_then(|second| Timestamp::from_second(second).ok()))
    }

    /// Counts an attempt before the item is sent, committed: from here on
    /// the backend may have it, so its batch can no longer be undone.
    pub fn begin_push(&self, item: i64) -> Result<(), StoreError> {
        self.connection.execute("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1", [item])?;
        Ok(())
    }

    pub fn finish_push(&self, item: i64, result: &PushResult) -> Result<(), StoreError> {
        match result {
            PushResult::Done => self.connection.execute(
                "UPDATE outbox SET state = 'done', last_error = NULL, next_attempt_at = NULL WHERE id = ?1",
                [item],
            )?,
            PushResult::Retry { next_at, reason } => self.connection.execute(
                "UPDATE outbox SET last_error = ?1, next_attempt_at = ?2 WHERE id = ?3",
                params![reason, next_at.as_second(), item],
            )?,
            PushResult::Refused { message } => self.connection.execute(
                "UPDATE outbox SET state = 'failed', last_error = ?1, next_attempt_at = NULL WHERE id = ?2",
                params![message, item],
            )?,
        };
        Ok(())
    }

    /// Sends a refused item again (with its payload as edited, if it was).
    /// False when the item is not a refused one.
    pub fn retry_item(&self, item: i64) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = NULL WHERE id = ?1 AND state = 'failed'",
            [item],
        )?;
        Ok(changed == 1)
    }

    /// Gives up pushing a refused or waiting item: the local change stays,
    /// the backend never hears of it. False when there is no such item.
    pub fn discard_item(&self, item: i64) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE outbox SET state = 'discarded', next_attempt_at = NULL \
             WHERE id = ?1 AND state IN ('pending', 'failed')",
            [item],
        )?;
        Ok(changed == 1)
    }

    /// Replaces what a refused item will send (a JSON object), to retry it.
    /// False when the item is not a refused one.
    pub fn edit_item(&self, item: i64, payload: &serde_json::Value) -> Result<bool, StoreError> {
        if !payload.is_object() {
            return Err(StoreError::Unstorable {
                table: "outbox",
                field: "payload",
                reason: "an outbox payload is a JSON object".into(),
            });
        }
        let changed = self.connection.execute(
            "UPDATE outbox SET payload = ?1 WHERE id = ?2 AND state = 'failed'",
            params![payload.to_string(), item],
        )?;
        Ok(changed == 1)
    }

    /// Whether a batch is still in the outbox (not undone).
    pub fn batch_exists(&self, batch: i64) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .query_row("SELECT 1 FROM batches WHERE id = ?1 AND undone_at IS NULL", [batch], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

fn decode_item(row: &Row<'_>) -> Result<OutboxItem, StoreError> {
    let reader = RowReader::new(row, "outbox", RowKey::Id);
    let known = |value: &str, field: &'static str, choices: &[&'static str]| {
        choices
            .iter()
            .copied()
            .find(|choice| *choice == value)
            .ok_or_else(|| reader.bad(field, format!("{value:?} is not one of {}", choices.join(", "))))
    };
    let state_text = reader.text(6, "state")?;
    let state = OutboxState::parse(state_text)
        .ok_or_else(|| reader.bad("state", format!("{state_text:?} is not a known outbox state")))?;
    Ok(OutboxItem {
        id: reader.int(0, "id")?,
        key: IdempotencyKey::from_stored(reader.text(1, "idempotency_key")?.to_owned()),
        record_kind: known(reader.text(2, "record_kind")?, "record_kind", &RECORD_KINDS)?,
        record_id: reader.int(3, "record_id")?,
        action: known(reader.text(4, "action")?, "action", &ACTIONS)?,
        payload: reader.text(5, "payload")?.to_owned(),
        state,
        attempts: reader.count(7, "attempts")?,
        last_error: reader.opt_text(8, "last_error")?.map(str::to_owned),
        created_at: reader.instant(9, "created_at")?,
        batch: reader.opt_int(10, "batch_id")?,
    })
}
