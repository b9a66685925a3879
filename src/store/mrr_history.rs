//! Reading an account's MRR history: every change of its monthly recurring
//! revenue, from which churn and revenue retention are computed.

use jiff::Timestamp;
use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, Money};

const MRR_HISTORY_OF_ACCOUNT: &str = "SELECT id, changed_at, mrr_minor, mrr_currency \
     FROM mrr_changes WHERE account_id = ?1 ORDER BY changed_at, id";

impl Store {
    /// Every MRR an account had and when it took effect, oldest first; of
    /// two changes at the same instant the one recorded later comes later.
    pub fn mrr_history(&self, account: AccountId) -> Result<Vec<(Timestamp, Money)>, StoreError> {
        self.read_all(MRR_HISTORY_OF_ACCOUNT, [account.0], decode_mrr_change)
    }
}

fn decode_mrr_change(row: &Row<'_>) -> Result<(Timestamp, Money), StoreError> {
    let reader = RowReader::new(row, "mrr_changes", RowKey::Id);
    Ok((reader.instant(1, "changed_at")?, reader.money(2, "mrr")?))
}
