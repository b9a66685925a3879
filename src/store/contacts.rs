//! Reading the contacts of an account.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, Contact, ContactId, FieldCap};

const CONTACTS_OF_ACCOUNT: &str = "SELECT id, account_id, name, email, role, champion, \
     last_seen_at, source, external_id FROM contacts WHERE account_id = ?1 ORDER BY id";

impl Store {
    /// The people at an account, in the order they were added.
    pub fn contacts_of(&self, account: AccountId) -> Result<Vec<Contact>, StoreError> {
        self.read_all(CONTACTS_OF_ACCOUNT, [account.0], decode_contact)
    }
}

fn decode_contact(row: &Row<'_>) -> Result<Contact, StoreError> {
    let reader = RowReader::new(row, "contacts", RowKey::Id);
    Ok(Contact {
        id: ContactId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        name: reader.line(2, "name", FieldCap::NAME)?,
        email: reader.line(3, "email", FieldCap::TOKEN)?,
        role: reader.line(4, "role", FieldCap::NAME)?,
        champion: reader.flag(5, "champion")?,
        last_seen_at: reader.opt_instant(6, "last_seen_at")?,
        external: reader.external_ref(7)?,
    })
}
