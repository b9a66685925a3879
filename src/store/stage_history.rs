//! Reading an account's lifecycle stage history.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, StageChange};

/// The columns `decode_stage_change` reads, shared with the timeline.
pub(super) const STAGE_CHANGE_SELECT: &str =
    "SELECT id, account_id, from_stage, to_stage, changed_at, reason FROM stage_changes";

impl Store {
    /// Every stage an account moved through, oldest first.
    pub fn stage_history(&self, account: AccountId) -> Result<Vec<StageChange>, StoreError> {
        let sql = format!("{STAGE_CHANGE_SELECT} WHERE account_id = ?1 ORDER BY changed_at, id");
        self.read_all(&sql, [account.0], decode_stage_change)
    }
}

pub(super) fn decode_stage_change(row: &Row<'_>) -> Result<StageChange, StoreError> {
    let reader = RowReader::new(row, "stage_changes", RowKey::Id);
    Ok(StageChange {
        account_id: AccountId(reader.int(1, "account_id")?),
        from: reader.opt_word(2, "from_stage")?,
        to: reader.word(3, "to_stage")?,
        at: reader.instant(4, "changed_at")?,
        reason: reader.line(5, "reason", FieldCap::COMMENT)?,
    })
}
