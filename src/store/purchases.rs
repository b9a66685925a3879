//! Reading an account's purchases.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, Purchase, PurchaseId};

/// The columns `decode_purchase` reads, shared with the timeline.
pub(super) const PURCHASE_SELECT: &str = "SELECT id, account_id, amount_minor, amount_currency, \
     cost_minor, cost_currency, description, purchased_at FROM purchases";

impl Store {
    /// An account's purchases, newest first.
    pub fn purchases_of(&self, account: AccountId) -> Result<Vec<Purchase>, StoreError> {
        let sql = format!("{PURCHASE_SELECT} WHERE account_id = ?1 ORDER BY purchased_at DESC, id DESC");
        self.read_all(&sql, [account.0], decode_purchase)
    }
}

pub(super) fn decode_purchase(row: &Row<'_>) -> Result<Purchase, StoreError> {
    let reader = RowReader::new(row, "purchases", RowKey::Id);
    Ok(Purchase {
        id: PurchaseId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        amount: reader.money(2, "amount")?,
        cost: reader.money(4, "cost")?,
        description: reader.line(6, "description", FieldCap::SUBJECT)?,
        purchased_at: reader.instant(7, "purchased_at")?,
    })
}
