//! Product usage, one snapshot per account per day it was measured.

use jiff::civil::Date;

use super::AccountId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageSnapshot {
    pub account_id: AccountId,
    pub day: Date,
    pub active_users: u32,
    pub seats: u32,
    pub logins: u32,
    /// Uses of the product's key feature (the one that predicts retention).
    pub key_feature_uses: u32,
}
