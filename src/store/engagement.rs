//! Reading what users log about their work with an account: touchpoints
//! and the MEDDIC checklist.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, ContactId, FieldCap, MeddicEntry, Touchpoint};

pub(super) const TOUCHPOINT_SELECT: &str =
    "SELECT id, account_id, contact_id, channel, outcome, summary, author, happened_at FROM touchpoints";

impl Store {
    /// An account's touchpoints, newest first.
    pub fn touchpoints_of(&self, account: AccountId) -> Result<Vec<Touchpoint>, StoreError> {
        let sql = format!("{TOUCHPOINT_SELECT} WHERE account_id = ?1 ORDER BY happened_at DESC, id DESC");
        self.read_all(&sql, [account.0], decode_touchpoint)
    }

    /// The MEDDIC elements filled in for an account, in the checklist's order.
    pub fn meddic_of(&self, account: AccountId) -> Result<Vec<MeddicEntry>, StoreError> {
        let mut entries = self.read_all(
            "SELECT account_id, element, done, evidence, updated_by, updated_at FROM meddic WHERE account_id = ?1",
            [account.0],
            |row| {
                let reader = RowReader::new(row, "meddic", RowKey::Id);
                Ok(MeddicEntry {
                    element: reader.word(1, "element")?,
                    done: reader.flag(2, "done")?,
                    evidence: reader.line(3, "evidence", FieldCap::SUBJECT)?,
                    updated_by: reader.line(4, "updated_by", FieldCap::NAME)?,
                    updated_at: reader.instant(5, "updated_at")?,
                })
            },
        )?;
        entries.sort_by_key(|entry| entry.element);
        Ok(entries)
    }
}

pub(super) fn decode_touchpoint(row: &Row<'_>) -> Result<Touchpoint, StoreError> {
    let reader = RowReader::new(row, "touchpoints", RowKey::Id);
    Ok(Touchpoint {
        account_id: AccountId(reader.int(1, "account_id")?),
        contact_id: reader.opt_int(2, "contact_id")?.map(ContactId),
        channel: reader.word(3, "channel")?,
        outcome: reader.line(4, "outcome", FieldCap::SUBJECT)?,
        summary: reader.multiline(5, "summary", FieldCap::COMMENT)?,
        author: reader.line(6, "author", FieldCap::NAME)?,
        at: reader.instant(7, "happened_at")?,
    })
}
