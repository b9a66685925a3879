//! Purchases: what a customer bought, for LTV, RFM and the follow-ups.

use jiff::Timestamp;

use super::{AccountId, Money, PurchaseId, SafeText};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchase {
    pub id: PurchaseId,
    pub account_id: AccountId,
    pub amount: Money,
    /// Cost of goods for this purchase, for margin-based LTV.
    pub cost: Money,
    pub description: SafeText,
    pub purchased_at: Timestamp,
}
