//! Reading the notes written about an account.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, Note, NoteId};

/// The columns `decode_note` reads, shared with the timeline.
pub(super) const NOTE_SELECT: &str = "SELECT id, account_id, author, body, created_at FROM notes";

impl Store {
    /// An account's notes, newest first.
    pub fn notes_of(&self, account: AccountId) -> Result<Vec<Note>, StoreError> {
        let sql = format!("{NOTE_SELECT} WHERE account_id = ?1 ORDER BY created_at DESC, id DESC");
        self.read_all(&sql, [account.0], decode_note)
    }
}

pub(super) fn decode_note(row: &Row<'_>) -> Result<Note, StoreError> {
    let reader = RowReader::new(row, "notes", RowKey::Id);
    Ok(Note {
        id: NoteId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        author: reader.line(2, "author", FieldCap::NAME)?,
        body: reader.multiline(3, "body", FieldCap::COMMENT)?,
        created_at: reader.instant(4, "created_at")?,
    })
}
