//! Actions a user takes, written the way DESIGN.md's "nothing typed is
//! lost" asks: the local change (which the timeline shows) and its outbox
//! row, with an idempotency key, in one transaction — after a crash either
//! both are there or neither is. The records go in through the
//! [`BulkWriter`](super::BulkWriter)'s own inserts and its IMMEDIATE
//! transaction, so another writer cannot come between the two.

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{Row, Transaction, params};
use serde_json::json;

use super::codec::StoredWord;
use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{
    AccountId, IdempotencyKey, Note, NoteId, OutboxItem, OutboxState, SafeText, Task, TaskId, TaskStatus,
};

/// The record kinds and actions the outbox holds, as stored.
const RECORD_KINDS: [&str; 3] = ["account", "ticket", "task"];
const ACTIONS: [&str; 3] = ["note", "task", "task_done"];

const OUTBOX_SELECT: &str = "SELECT id, idempotency_key, record_kind, record_id, action, payload, state, \
     attempts, last_error, created_at FROM outbox";

impl Store {
    /// Adds a note to an account with its outbox item. `backend` says
    /// whether the account has a backend to push to; without one the item
    /// is kept as local.
    pub fn add_note(
        &self,
        account: AccountId,
        author: &SafeText,
        body: &SafeText,
        at: Timestamp,
        key: &IdempotencyKey,
        backend: bool,
    ) -> Result<(NoteId, OutboxItem), StoreError> {
        let mut writer = self.writer()?;
        let note = writer.insert_note(&Note {
            id: NoteId(0),
            account_id: account,
            author: author.clone(),
            body: body.clone(),
            created_at: at,
        })?;
        let payload = json!({ "note_id": note.0, "author": author.as_str(), "body": body.as_str() });
        let item = enqueue(
            writer.transaction(),
            Queued { key, record: ("account", account.0), action: "note", payload, at, backend },
        )?;
        writer.commit()?;
        Ok((note, item))
    }

    /// Creates an open task on an account with its outbox item.
    pub fn add_task(
        &self,
        draft: &TaskDraft,
        at: Timestamp,
        key: &IdempotencyKey,
        backend: bool,
    ) -> Result<(TaskId, OutboxItem), StoreError> {
        let TaskDraft { account, title, owner, due } = draft;
        let mut writer = self.writer()?;
        let task = writer.insert_task(&Task {
            id: TaskId(0),
            account_id: *account,
            title: title.clone(),
            owner: owner.clone(),
            due: *due,
            status: TaskStatus::Open,
            playbook: SafeText::default(),
            created_at: at,
            completed_at: None,
        })?;
        let payload = json!({
            "task_id": task.0,
            "title": title.as_str(),
            "owner": owner.as_str(),
            "due": due.map(|day| day.to_string()),
        });
        let item = enqueue(
            writer.transaction(),
            Queued { key, record: ("account", account.0), action: "task", payload, at, backend },
        )?;
        writer.commit()?;
        Ok((task, item))
    }

    /// Marks an open or snoozed task done with its outbox item; `None` when
    /// there is no such task or it is done already (nothing is written).
    pub fn complete_task(
        &self,
        task: TaskId,
        at: Timestamp,
        key: &IdempotencyKey,
        backend: bool,
    ) -> Result<Option<OutboxItem>, StoreError> {
        let writer = self.writer()?;
        let changed = writer.transaction().execute(
            "UPDATE tasks SET status = ?1, completed_at = ?2 WHERE id = ?3 AND status <> ?1",
            params![TaskStatus::Done.canonical(), at.as_second(), task.0],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        let payload = json!({ "task_id": task.0 });
        let item = enqueue(
            writer.transaction(),
            Queued { key, record: ("task", task.0), action: "task_done", payload, at, backend },
        )?;
        writer.commit()?;
        Ok(Some(item))
    }

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
}

/// A task as a user makes it by hand: open, with no playbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDraft {
    pub account: AccountId,
    pub title: SafeText,
    pub owner: SafeText,
    pub due: Option<Date>,
}

/// An outbox row to write with an action.
struct Queued<'a> {
    key: &'a IdempotencyKey,
    /// The record kind and id the action is about.
    record: (&'static str, i64),
    action: &'static str,
    payload: serde_json::Value,
    at: Timestamp,
    /// Whether a backend will take it; without one it stays local.
    backend: bool,
}

fn enqueue(transaction: &Transaction<'_>, queued: Queued<'_>) -> Result<OutboxItem, StoreError> {
    let state = if queued.backend { OutboxState::Pending } else { OutboxState::Local };
    let payload = queued.payload.to_string();
    transaction.execute(
        "INSERT INTO outbox (idempotency_key, record_kind, record_id, action, payload, state, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            queued.key.as_str(),
            queued.record.0,
            queued.record.1,
            queued.action,
            payload,
            state.as_str(),
            queued.at.as_second()
        ],
    )?;
    Ok(OutboxItem {
        id: transaction.last_insert_rowid(),
        key: queued.key.clone(),
        record_kind: queued.record.0,
        record_id: queued.record.1,
        action: queued.action,
        payload,
        state,
        attempts: 0,
        last_error: None,
        // As stored: whole seconds.
        created_at: Timestamp::from_second(queued.at.as_second()).unwrap_or(queued.at),
    })
}

fn decode_item(row: &Row<'_>) -> Result<OutboxItem, StoreError> {
    let reader = RowReader::new(row, "outbox", RowKey::Id);
    let known = |value: &str, field: &'static str, choices: &[&'static str]| {
        choices.iter().copied().find(|choice| *choice == value).ok_or_else(|| StoreError::BadRow {
            table: "outbox",
            id: reader.int(0, "id").map_or_else(|_| "?".to_owned(), |id| id.to_string()),
            field,
            reason: format!("{value:?} is not one of {}", choices.join(", ")),
        })
    };
    let state_text = reader.text(6, "state")?;
    let state = OutboxState::parse(state_text).ok_or_else(|| StoreError::BadRow {
        table: "outbox",
        id: reader.int(0, "id").map_or_else(|_| "?".to_owned(), |id| id.to_string()),
        field: "state",
        reason: format!("{state_text:?} is not local, pending, failed or done"),
    })?;
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldCap;
    use crate::store::Store;

    fn at() -> Timestamp {
        "2026-11-25T12:00:00Z".parse().expect("an instant")
    }

    fn store_with_account() -> (Store, AccountId) {
        let store = Store::open_in_memory().expect("store");
        store
            .connection
            .execute(
                "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, \
                 created_at) VALUES ('Acme', 'acme', 'acme.example', '', 0, 'USD', '', 'retention', 0)",
                [],
            )
            .expect("an account");
        let id = AccountId(store.connection.last_insert_rowid());
        (store, id)
    }

    #[test]
    fn a_note_and_its_outbox_item_are_written_together() {
        let (store, account) = store_with_account();
        let author = SafeText::line("Ann", FieldCap::NAME);
        let body = SafeText::multiline("Called: renewal on track.\nSend the quote.", FieldCap::COMMENT);
        let key = IdempotencyKey::from_bytes([7; 16]);
        let (note, item) = store.add_note(account, &author, &body, at(), &key, false).expect("added");
        let notes = store.notes_of(account).expect("notes");
        assert_eq!(notes.iter().map(|note| note.id).collect::<Vec<_>>(), vec![note]);
        assert_eq!(notes[0].body, body);
        assert_eq!(store.outbox(None).expect("outbox"), vec![item.clone()]);
        assert_eq!((item.state, item.action, item.record_kind), (OutboxState::Local, "note", "account"));
        let payload: serde_json::Value = serde_json::from_str(&item.payload).expect("JSON");
        assert_eq!(payload["note_id"], note.0);
        assert_eq!(store.outbox(Some(OutboxState::Pending)).expect("outbox"), Vec::new());
    }

    #[test]
    fn a_failed_outbox_write_leaves_no_note_behind() {
        let (store, account) = store_with_account();
        let author = SafeText::line("Ann", FieldCap::NAME);
        let body = SafeText::line("first", FieldCap::COMMENT);
        let key = IdempotencyKey::from_bytes([1; 16]);
        store.add_note(account, &author, &body, at(), &key, true).expect("the first");
        // The same key again breaks the outbox's uniqueness: the whole
        // action is refused, the note included.
        let again = SafeText::line("second", FieldCap::COMMENT);
        assert!(store.add_note(account, &author, &again, at(), &key, true).is_err());
        assert_eq!(store.notes_of(account).expect("notes").len(), 1, "the second note was rolled back");
        assert_eq!(store.outbox(Some(OutboxState::Pending)).expect("outbox").len(), 1);
    }
}

#[cfg(test)]
mod task_tests {
    use super::*;
    use crate::model::FieldCap;

    #[test]
    fn a_task_is_created_and_completed_once_each_with_its_item() {
        let store = Store::open_in_memory().expect("store");
        store
            .connection
            .execute(
                "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, \
                 created_at) VALUES ('Acme', 'acme', 'acme.example', '', 0, 'USD', '', 'retention', 0)",
                [],
            )
            .expect("an account");
        let account = AccountId(store.connection.last_insert_rowid());
        let at: Timestamp = "2026-11-25T12:00:00Z".parse().expect("an instant");
        let due = Some(jiff::civil::date(2026, 12, 1));
        let draft = TaskDraft {
            account,
            title: SafeText::line("Send the renewal quote", FieldCap::NAME),
            owner: SafeText::line("Ann", FieldCap::NAME),
            due,
        };
        let (task, created) =
            store.add_task(&draft, at, &IdempotencyKey::from_bytes([2; 16]), false).expect("added");
        let tasks = store.tasks_of(account).expect("tasks");
        assert_eq!(
            (tasks.len(), tasks[0].id, tasks[0].status, tasks[0].due),
            (1, task, TaskStatus::Open, due)
        );
        assert_eq!(created.action, "task");
        let done =
            store.complete_task(task, at, &IdempotencyKey::from_bytes([3; 16]), false).expect("completed");
        assert_eq!(
            done.map(|item| (item.action, item.record_kind, item.record_id)),
            Some(("task_done", "task", task.0))
        );
        assert_eq!(store.tasks_of(account).expect("tasks")[0].status, TaskStatus::Done);
        let again =
            store.complete_task(task, at, &IdempotencyKey::from_bytes([4; 16]), false).expect("checked");
        assert_eq!(again, None, "done already: nothing more is written");
        assert_eq!(store.outbox(None).expect("outbox").len(), 2);
    }
}
