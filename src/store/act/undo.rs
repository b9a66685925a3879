//! Taking a batch back. Each outbox row carries an [`Undo`] (as JSON) that
//! restores exactly the fields its change touched, so undoing an older
//! batch leaves later changes to the same record alone. A batch is undone
//! whole, and only while none of its items has been tried on a backend:
//! once one may have reached it, the backend's copy would disagree.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::BatchId;
use super::merge::{AccountMerge, ContactMerge};
use crate::store::{Store, StoreError};

/// A table whose row an action made, and undo deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Made {
    Note,
    Touchpoint,
    Task,
    Comment,
}

impl Made {
    fn table(self) -> &'static str {
        match self {
            Made::Note => "notes",
            Made::Touchpoint => "touchpoints",
            Made::Task => "tasks",
            Made::Comment => "ticket_comments",
        }
    }
}

/// A MEDDIC element as it was before a change, to put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct MeddicRow {
    done: bool,
    evidence: String,
    updated_by: String,
    updated_at: i64,
}

impl MeddicRow {
    pub(super) fn read(
        transaction: &Transaction<'_>,
        account: i64,
        element: &str,
    ) -> Result<Option<MeddicRow>, StoreError> {
        Ok(transaction
            .query_row(
                "SELECT done, evidence, updated_by, updated_at FROM meddic WHERE account_id = ?1 AND element = ?2",
                params![account, element],
                |row| {
                    Ok(MeddicRow {
                        done: row.get(0)?,
                        evidence: row.get(1)?,
                        updated_by: row.get(2)?,
                        updated_at: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}

/// How to take one change back, as stored with its outbox row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "undo", rename_all = "snake_case")]
pub(super) enum Undo {
    /// Delete the row the change made.
    Delete {
        table: Made,
        id: i64,
    },
    TaskStatus {
        id: i64,
        status: String,
    },
    TaskSchedule {
        id: i64,
        status: String,
        due: Option<String>,
    },
    TaskOwner {
        id: i64,
        owner: String,
    },
    /// Put the account back in `stage` and remove the stage change.
    Stage {
        account: i64,
        stage: String,
        change: i64,
    },
    Ticket {
        id: i64,
        status: String,
        priority: String,
        assignee: String,
        updated_at: i64,
        solved_at: Option<i64>,
    },
    ReopenLoop {
        survey: i64,
    },
    Meddic {
        account: i64,
        element: String,
        before: Option<MeddicRow>,
    },
    MergeAccounts(Box<AccountMerge>),
    MergeContacts(Box<ContactMerge>),
}

/// What an undo request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoOutcome {
    /// Every change of the batch was taken back; this many.
    Undone(usize),
    /// No such batch, or it was undone already.
    NotFound,
    /// An item of the batch has been tried on a backend (this many of them):
    /// it may have arrived, so the batch stays.
    AlreadySent(usize),
}

impl Store {
    /// Undoes a whole batch, newest change first, and removes its outbox
    /// items (they never left). Nothing is undone if any item has been
    /// tried on a backend.
    pub fn undo(&self, batch: BatchId, at: jiff::Timestamp) -> Result<UndoOutcome, StoreError> {
        let writer = self.writer()?;
        let transaction = writer.transaction();
        let open: Option<Option<i64>> = transaction
            .query_row("SELECT undone_at FROM batches WHERE id = ?1", [batch.0], |row| row.get(0))
            .optional()?;
        if !matches!(open, Some(None)) {
            return Ok(UndoOutcome::NotFound);
        }
        let sent: i64 = transaction.query_row(
            "SELECT count(*) FROM outbox WHERE batch_id = ?1 AND (attempts > 0 OR state = 'done')",
            [batch.0],
            |row| row.get(0),
        )?;
        if sent > 0 {
            return Ok(UndoOutcome::AlreadySent(usize::try_from(sent).unwrap_or(usize::MAX)));
        }
        let undos: Vec<(i64, Option<String>)> = {
            let mut statement =
                transaction.prepare("SELECT id, undo FROM outbox WHERE batch_id = ?1 ORDER BY id DESC")?;
            let rows = statement.query_map([batch.0], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (item, undo) in &undos {
            let undo: Undo = serde_json::from_str(undo.as_deref().unwrap_or("null")).map_err(|error| {
                StoreError::BadRow {
                    table: "outbox",
                    id: item.to_string(),
                    field: "undo",
                    reason: format!("{error}; this item cannot be undone"),
                }
            })?;
            undo_one(transaction, &undo)?;
        }
        transaction.execute("DELETE FROM outbox WHERE batch_id = ?1", [batch.0])?;
        transaction
            .execute("UPDATE batches SET undone_at = ?1 WHERE id = ?2", params![at.as_second(), batch.0])?;
        writer.commit()?;
        Ok(UndoOutcome::Undone(undos.len()))
    }

    /// The newest batch that can still be undone (not undone, nothing of it
    /// tried on a backend), with its label.
    pub fn last_undoable_batch(&self) -> Result<Option<(BatchId, String)>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT b.id, b.label FROM batches b WHERE b.undone_at IS NULL AND NOT EXISTS \
                 (SELECT 1 FROM outbox o WHERE o.batch_id = b.id AND (o.attempts > 0 OR o.state = 'done')) \
                 ORDER BY b.id DESC LIMIT 1",
                [],
                |row| Ok((BatchId(row.get(0)?), row.get(1)?)),
            )
            .optional()?)
    }
}

fn undo_one(transaction: &Transaction<'_>, undo: &Undo) -> Result<(), StoreError> {
    match undo {
        Undo::Delete { table, id } => {
            transaction.execute(&format!("DELETE FROM {} WHERE id = ?1", table.table()), [id])?;
        }
        Undo::TaskStatus { id, status } => {
            transaction.execute(
                "UPDATE tasks SET status = ?1, completed_at = NULL WHERE id = ?2",
                params![status, id],
            )?;
        }
        Undo::TaskSchedule { id, status, due } => {
            transaction
                .execute("UPDATE tasks SET status = ?1, due = ?2 WHERE id = ?3", params![status, due, id])?;
        }
        Undo::TaskOwner { id, owner } => {
            transaction.execute("UPDATE tasks SET owner = ?1 WHERE id = ?2", params![owner, id])?;
        }
        Undo::Stage { account, stage, change } => {
            transaction.execute("DELETE FROM stage_changes WHERE id = ?1", [change])?;
            transaction.execute("UPDATE accounts SET stage = ?1 WHERE id = ?2", params![stage, account])?;
        }
        Undo::Ticket { id, status, priority, assignee, updated_at, solved_at } => {
            transaction.execute(
                "UPDATE tickets SET status = ?1, priority = ?2, assignee = ?3, updated_at = ?4, solved_at = ?5 \
                 WHERE id = ?6",
                params![status, priority, assignee, updated_at, solved_at, id],
            )?;
        }
        Undo::ReopenLoop { survey } => {
            transaction.execute(
                "UPDATE survey_responses SET loop_closed_at = NULL, loop_closed_by = NULL, loop_outcome = NULL \
                 WHERE id = ?1",
                [survey],
            )?;
        }
        Undo::Meddic { account, element, before: None } => {
            transaction.execute(
                "DELETE FROM meddic WHERE account_id = ?1 AND element = ?2",
                params![account, element],
            )?;
        }
        Undo::Meddic { account, element, before: Some(row) } => {
            transaction.execute(
                "UPDATE meddic SET done = ?1, evidence = ?2, updated_by = ?3, updated_at = ?4 \
                 WHERE account_id = ?5 AND element = ?6",
                params![row.done, row.evidence, row.updated_by, row.updated_at, account, element],
            )?;
        }
        Undo::MergeAccounts(merge) => merge.undo(transaction)?,
        Undo::MergeContacts(merge) => merge.undo(transaction)?,
    }
    Ok(())
}
