//! Contacts: the people at an account.

use jiff::Timestamp;

use super::{AccountId, ContactId, ExternalRef, SafeText};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub account_id: AccountId,
    pub name: SafeText,
    /// Lower-case e-mail address.
    pub email: SafeText,
    /// Job title or role at the account ("CTO", "Head of Support").
    pub role: SafeText,
    /// The customer-side advocate of the product; losing one is a churn signal.
    pub champion: bool,
    pub last_seen_at: Option<Timestamp>,
    pub external: Option<ExternalRef>,
}
