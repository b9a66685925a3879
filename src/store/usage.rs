//! Reading an account's daily usage snapshots.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, UsageSnapshot};

const USAGE_OF_ACCOUNT: &str = "SELECT account_id, day, active_users, seats, logins, \
     key_feature_uses FROM usage_snapshots WHERE account_id = ?1 ORDER BY day";

impl Store {
    /// An account's usage, one snapshot per day, oldest day first.
    pub fn usage_of(&self, account: AccountId) -> Result<Vec<UsageSnapshot>, StoreError> {
        self.read_all(USAGE_OF_ACCOUNT, [account.0], decode_usage)
    }
}

fn decode_usage(row: &Row<'_>) -> Result<UsageSnapshot, StoreError> {
    let reader = RowReader::new(row, "usage_snapshots", RowKey::AccountAndDay);
    Ok(UsageSnapshot {
        account_id: AccountId(reader.int(0, "account_id")?),
        day: reader.day(1, "day")?,
        active_users: reader.count(2, "active_users")?,
        seats: reader.count(3, "seats")?,
        logins: reader.count(4, "logins")?,
        key_feature_uses: reader.count(5, "key_feature_uses")?,
    })
}
