//! Actions a user takes, written the way DESIGN.md's "nothing typed is
//! lost" asks: the local change (which the timeline shows) and its outbox
//! row, with an idempotency key, in one transaction — after a crash either
//! both are there or neither is.

use jiff::Timestamp;
use rusqlite::{Row, Transaction, TransactionBehavior, params};
use serde_json::json;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, IdempotencyKey, NoteId, OutboxItem, OutboxState, SafeText};

/// The record kinds and actions the outbox holds, as stored.
const RECORD_KINDS: [&str; 2] = ["account", "ticket"];
const ACTIONS: [&str; 1] = ["note"];

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
        // IMMEDIATE takes the write lock first: the two inserts cannot be
        // split by another writer. Through `&self`, as the console's runner
        // holds the store.
        let transaction = Transaction::new_unchecked(&self.connection, TransactionBehavior::Immediate)?;
        transaction.execute(
            "INSERT INTO notes (account_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![account.0, author.as_str(), body.as_str(), at.as_second()],
        )?;
        let note = NoteId(transaction.last_insert_rowid());
        let payload =
            json!({ "note_id": note.0, "author": author.as_str(), "body": body.as_str() }).to_string();
        let state = if backend { OutboxState::Pending } else { OutboxState::Local };
        transaction.execute(
            "INSERT INTO outbox (idempotency_key, record_kind, record_id, action, payload, state, created_at) \
             VALUES (?1, 'account', ?2, 'note', ?3, ?4, ?5)",
            params![key.as_str(), account.0, payload, state.as_str(), at.as_second()],
        )?;
        let id = transaction.last_insert_rowid();
        transaction.commit()?;
        let item = OutboxItem {
            id,
            key: key.clone(),
            record_kind: "account",
            record_id: account.0,
            action: "note",
            payload,
            state,
            attempts: 0,
            last_error: None,
            // As stored: whole seconds.
            created_at: Timestamp::from_second(at.as_second()).unwrap_or(at),
        };
        Ok((note, item))
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
