//! Merging duplicates. The records of the merged account (contacts,
//! tickets, surveys, purchases, stage changes, tasks, notes, touchpoints)
//! move to the one kept, its tags and backend ids join the kept account's,
//! and its own row — with the per-day rows the kept account already has
//! for the same day, and its MRR history — is parked in the undo record.
//! Nothing is deleted that undo cannot put back as it was.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Written;
use super::apply::Outcome;
use super::park::{Parked, park, restore};
use super::undo::Undo;
use crate::model::{AccountId, ContactId};
use crate::store::StoreError;

/// Tables whose rows belong to an account by `account_id` and move whole.
const MOVED_WITH_ACCOUNT: [&str; 8] = [
    "contacts",
    "tickets",
    "survey_responses",
    "purchases",
    "stage_changes",
    "tasks",
    "notes",
    "touchpoints",
];

/// Tables with one row per account and day (or element): a row moves unless
/// the kept account has one for the same key.
const KEYED_BY_ACCOUNT: [(Parked, &str); 3] =
    [(Parked::UsageSnapshots, "day"), (Parked::HealthSnapshots, "day"), (Parked::Meddic, "element")];

/// What a merge of accounts did, to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AccountMerge {
    keep: i64,
    merged: i64,
    /// The merged account's row, tags, and the rows it kept (parked JSON).
    account: String,
    tags: String,
    parked: Vec<String>,
    mrr_changes: String,
    /// Ids of the rows moved, per table of [`MOVED_WITH_ACCOUNT`].
    moved: Vec<Vec<i64>>,
    /// Keys of the rows moved, per table of [`KEYED_BY_ACCOUNT`].
    moved_keys: Vec<Vec<String>>,
    /// The kept account's tags and backend ids from these positions on came
    /// from the merged one.
    tag_offset: i64,
    external_id_offset: i64,
}

pub(super) fn merge_accounts(
    transaction: &Transaction<'_>,
    keep: AccountId,
    merged: AccountId,
) -> Result<Outcome, StoreError> {
    if keep == merged {
        return Ok(Err(format!("account #{keep} cannot be merged into itself")));
    }
    let names: Option<(String, String)> = transaction
        .query_row(
            "SELECT k.name, m.name FROM accounts k, accounts m WHERE k.id = ?1 AND m.id = ?2",
            [keep.0, merged.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((keep_name, merged_name)) = names else {
        return Ok(Err(format!("account #{keep} or #{merged} does not exist")));
    };
    let account = park(transaction, Parked::Accounts, "id", merged.0)?;
    let tags = park(transaction, Parked::AccountTags, "account_id", merged.0)?;
    let mrr_changes = park(transaction, Parked::MrrChanges, "account_id", merged.0)?;

    let mut moved = Vec::new();
    for table in MOVED_WITH_ACCOUNT {
        moved.push(ids_where(
            transaction,
            &format!("SELECT id FROM {table} WHERE account_id = ?1"),
            merged.0,
        )?);
        transaction.execute(
            &format!("UPDATE {table} SET account_id = ?1 WHERE account_id = ?2"),
            [keep.0, merged.0],
        )?;
    }
    let mut moved_keys = Vec::new();
    let mut parked = Vec::new();
    for (table, key) in KEYED_BY_ACCOUNT {
        let name = table.table();
        let keys = texts_where(
            transaction,
            &format!(
                "SELECT {key} FROM {name} WHERE account_id = ?1 AND {key} NOT IN \
                 (SELECT {key} FROM {name} WHERE account_id = ?2)"
            ),
            merged.0,
            keep.0,
        )?;
        transaction.execute(
            &format!(
                "UPDATE {name} SET account_id = ?1 WHERE account_id = ?2 AND {key} IN (SELECT value FROM json_each(?3))"
            ),
            params![keep.0, merged.0, json!(keys).to_string()],
        )?;
        moved_keys.push(keys);
        parked.push(park(transaction, table, "account_id", merged.0)?);
    }

    let tag_offset = next_position(transaction, "account_tags", keep.0)?;
    transaction.execute(
        "INSERT INTO account_tags (account_id, position, tag) \
         SELECT ?1, ?2 + row_number() OVER (ORDER BY position) - 1, tag FROM account_tags \
         WHERE account_id = ?3 AND tag NOT IN (SELECT tag FROM account_tags WHERE account_id = ?1)",
        params![keep.0, tag_offset, merged.0],
    )?;
    let external_id_offset = next_position(transaction, "account_external_ids", keep.0)?;
    transaction.execute(
        "UPDATE account_external_ids SET account_id = ?1, position = position + ?2 WHERE account_id = ?3",
        params![keep.0, external_id_offset, merged.0],
    )?;
    transaction.execute("DELETE FROM accounts WHERE id = ?1", [merged.0])?;

    let payload =
        json!({ "kept": keep.0, "merged": merged.0, "kept_name": keep_name, "merged_name": merged_name });
    let undo = AccountMerge {
        keep: keep.0,
        merged: merged.0,
        account,
        tags,
        parked,
        mrr_changes,
        moved,
        moved_keys,
        tag_offset,
        external_id_offset,
    };
    Ok(Ok(Written { payload, undo: Undo::MergeAccounts(Box::new(undo)), made: None, pushed_to: None }))
}

impl AccountMerge {
    /// Puts the merged account back as it was, with everything that moved.
    pub(super) fn undo(&self, transaction: &Transaction<'_>) -> Result<(), StoreError> {
        restore(transaction, Parked::Accounts, &self.account)?;
        restore(transaction, Parked::AccountTags, &self.tags)?;
        restore(transaction, Parked::MrrChanges, &self.mrr_changes)?;
        transaction.execute(
            "DELETE FROM account_tags WHERE account_id = ?1 AND position >= ?2",
            [self.keep, self.tag_offset],
        )?;
        transaction.execute(
            "UPDATE account_external_ids SET account_id = ?1, position = position - ?2 \
             WHERE account_id = ?3 AND position >= ?2",
            [self.merged, self.external_id_offset, self.keep],
        )?;
        for (table, ids) in MOVED_WITH_ACCOUNT.iter().zip(&self.moved) {
            transaction.execute(
                &format!("UPDATE {table} SET account_id = ?1 WHERE id IN (SELECT value FROM json_each(?2))"),
                params![self.merged, json!(ids).to_string()],
            )?;
        }
        for (((table, key), keys), parked) in KEYED_BY_ACCOUNT.iter().zip(&self.moved_keys).zip(&self.parked)
        {
            transaction.execute(
                &format!(
                    "UPDATE {} SET account_id = ?1 WHERE account_id = ?2 AND {key} IN (SELECT value FROM json_each(?3))",
                    table.table()
                ),
                params![self.merged, self.keep, json!(keys).to_string()],
            )?;
            restore(transaction, *table, parked)?;
        }
        Ok(())
    }
}

/// Tables that point at a contact, and their column.
const CONTACT_REFERENCES: [(&str, &str); 3] =
    [("tickets", "requester_id"), ("survey_responses", "contact_id"), ("touchpoints", "contact_id")];

/// What a merge of contacts did, to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ContactMerge {
    merged: i64,
    contact: String,
    /// Ids of the rows that pointed at the merged contact, per table of
    /// [`CONTACT_REFERENCES`].
    moved: Vec<Vec<i64>>,
}

pub(super) fn merge_contacts(
    transaction: &Transaction<'_>,
    keep: ContactId,
    merged: ContactId,
) -> Result<Outcome, StoreError> {
    if keep == merged {
        return Ok(Err(format!("contact #{} cannot be merged into itself", keep.0)));
    }
    let both: i64 = transaction.query_row(
        "SELECT count(*) FROM contacts WHERE id IN (?1, ?2)",
        [keep.0, merged.0],
        |row| row.get(0),
    )?;
    if both != 2 {
        return Ok(Err(format!("contact #{} or #{} does not exist", keep.0, merged.0)));
    }
    let contact = park(transaction, Parked::Contacts, "id", merged.0)?;
    let mut moved = Vec::new();
    for (table, column) in CONTACT_REFERENCES {
        moved.push(ids_where(transaction, &format!("SELECT id FROM {table} WHERE {column} = ?1"), merged.0)?);
        transaction
            .execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"), [keep.0, merged.0])?;
    }
    transaction.execute("DELETE FROM contacts WHERE id = ?1", [merged.0])?;
    let payload = json!({ "kept": keep.0, "merged": merged.0 });
    let undo = ContactMerge { merged: merged.0, contact, moved };
    Ok(Ok(Written { payload, undo: Undo::MergeContacts(Box::new(undo)), made: None, pushed_to: None }))
}

impl ContactMerge {
    pub(super) fn undo(&self, transaction: &Transaction<'_>) -> Result<(), StoreError> {
        restore(transaction, Parked::Contacts, &self.contact)?;
        for ((table, column), ids) in CONTACT_REFERENCES.iter().zip(&self.moved) {
            transaction.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE id IN (SELECT value FROM json_each(?2))"),
                params![self.merged, json!(ids).to_string()],
            )?;
        }
        Ok(())
    }
}

fn ids_where(transaction: &Transaction<'_>, sql: &str, id: i64) -> Result<Vec<i64>, StoreError> {
    let mut statement = transaction.prepare(sql)?;
    let ids = statement.query_map([id], |row| row.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

fn texts_where(
    transaction: &Transaction<'_>,
    sql: &str,
    first: i64,
    second: i64,
) -> Result<Vec<String>, StoreError> {
    let mut statement = transaction.prepare(sql)?;
    let texts = statement.query_map([first, second], |row| row.get(0))?;
    Ok(texts.collect::<Result<_, _>>()?)
}

/// The position after the last of an account's tags or backend ids.
fn next_position(
    transaction: &Transaction<'_>,
    table: &'static str,
    account: i64,
) -> Result<i64, StoreError> {
    let sql = format!("SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE account_id = ?1");
    Ok(transaction.query_row(&sql, [account], |row| row.get(0))?)
}
