//! Notes written about an account.

use jiff::Timestamp;

use super::{AccountId, NoteId, SafeText};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub account_id: AccountId,
    pub author: SafeText,
    pub body: SafeText,
    pub created_at: Timestamp,
}
