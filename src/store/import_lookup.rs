//! What a file import asks the workspace while its write transaction is
//! open, so that it also sees the rows it wrote itself: the account a row
//! refers to, a contact by e-mail address, and whether a record is already
//! there (a second import of the same file adds nothing).

use std::sync::LazyLock;

use rusqlite::{OptionalExtension, params};

use super::codec::DayText;
use super::{BulkWriter, StoreError};
use crate::model::{
    AccountId, ContactId, ExternalRef, Purchase, Source, SurveyResponse, Ticket, UsageSnapshot,
};

/// The accounts holding an external id from any source. Naming every source
/// lets SQLite use the (source, external_id) index.
static ACCOUNTS_BY_EXTERNAL_ID: LazyLock<String> = LazyLock::new(|| {
    let sources: Vec<String> = Source::ALL.iter().map(|source| format!("'{}'", source.as_str())).collect();
    format!(
        "SELECT DISTINCT account_id FROM account_external_ids \
         WHERE source IN ({}) AND external_id = ?1 LIMIT 2",
        sources.join(", ")
    )
});
const ACCOUNTS_BY_DOMAIN: &str = "SELECT id FROM accounts WHERE domain = ?1 ORDER BY id LIMIT 2";
const ACCOUNT_BY_SOURCE_ID: &str =
    "SELECT account_id FROM account_external_ids WHERE source = ?1 AND external_id = ?2";
const CONTACT_BY_EMAIL: &str =
    "SELECT id FROM contacts WHERE account_id = ?1 AND email = ?2 ORDER BY id LIMIT 1";
const TICKET_BY_SOURCE_ID: &str = "SELECT 1 FROM tickets WHERE source = ?1 AND external_id = ?2";
const SAME_PURCHASE: &str = "SELECT 1 FROM purchases WHERE account_id = ?1 AND purchased_at = ?2 \
     AND amount_minor = ?3 AND amount_currency = ?4 AND description = ?5 LIMIT 1";
const SAME_SURVEY: &str = "SELECT 1 FROM survey_responses WHERE account_id = ?1 AND responded_at = ?2 \
     AND kind = ?3 AND score = ?4 AND contact_id IS NOT DISTINCT FROM ?5 AND comment = ?6 LIMIT 1";
const SAME_USAGE_DAY: &str = "SELECT 1 FROM usage_snapshots WHERE account_id = ?1 AND day = ?2";

/// The accounts a reference from a file (an external id or a domain) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferencedAccount {
    One(AccountId),
    /// More than one account has that external id or domain.
    Several,
    None,
}

impl BulkWriter<'_> {
    /// The account with the external id `reference` in any source, else the
    /// one whose domain it is (ignoring case).
    pub fn referenced_account(&self, reference: &str) -> Result<ReferencedAccount, StoreError> {
        let mut found = self.ids(&ACCOUNTS_BY_EXTERNAL_ID, reference)?;
        if found.is_empty() {
            found = self.ids(ACCOUNTS_BY_DOMAIN, &reference.to_lowercase())?;
        }
        Ok(match found.as_slice() {
            [] => ReferencedAccount::None,
            [id] => ReferencedAccount::One(AccountId(*id)),
            _ => ReferencedAccount::Several,
        })
    }

    /// The account that has this id in this source.
    pub fn account_with_external_id(&self, external: &ExternalRef) -> Result<Option<AccountId>, StoreError> {
        let mut statement = self.transaction().prepare_cached(ACCOUNT_BY_SOURCE_ID)?;
        let id = statement
            .query_row(params![external.source.as_str(), external.id.as_str()], |row| row.get(0))
            .optional()?;
        Ok(id.map(AccountId))
    }

    /// The first contact of an account with this (lower-case) address.
    pub fn contact_with_email(
        &self,
        account: AccountId,
        email: &str,
    ) -> Result<Option<ContactId>, StoreError> {
        let mut statement = self.transaction().prepare_cached(CONTACT_BY_EMAIL)?;
        let id = statement.query_row(params![account.0, email], |row| row.get(0)).optional()?;
        Ok(id.map(ContactId))
    }

    /// Whether a ticket with the same source and external id is stored.
    pub fn has_ticket(&self, ticket: &Ticket) -> Result<bool, StoreError> {
        let Some(external) = &ticket.external else { return Ok(false) };
        self.exists(TICKET_BY_SOURCE_ID, params![external.source.as_str(), external.id.as_str()])
    }

    /// Whether the account has a purchase of the same amount, time and
    /// description.
    pub fn has_purchase(&self, purchase: &Purchase) -> Result<bool, StoreError> {
        self.exists(
            SAME_PURCHASE,
            params![
                purchase.account_id.0,
                purchase.purchased_at.as_second(),
                purchase.amount.minor,
                purchase.amount.currency.code(),
                purchase.description.as_str(),
            ],
        )
    }

    /// Whether the account has the same answer, from the same contact, at
    /// the same time, with the same comment.
    pub fn has_survey(&self, survey: &SurveyResponse) -> Result<bool, StoreError> {
        self.exists(
            SAME_SURVEY,
            params![
                survey.account_id.0,
                survey.responded_at.as_second(),
                survey.answer.kind().as_str(),
                survey.answer.score(),
                survey.contact_id.map(|contact| contact.0),
                survey.comment.as_str(),
            ],
        )
    }

    /// Whether the account's usage of that day is stored (a day has one
    /// snapshot).
    pub fn has_usage(&self, usage: &UsageSnapshot) -> Result<bool, StoreError> {
        self.exists(
            SAME_USAGE_DAY,
            params![usage.account_id.0, DayText::new(usage.day, "usage_snapshots", "day")?],
        )
    }

    fn ids(&self, sql: &str, value: &str) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.transaction().prepare_cached(sql)?;
        let ids = statement.query_map([value], |row| row.get(0))?.collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    fn exists(&self, sql: &str, params: impl rusqlite::Params) -> Result<bool, StoreError> {
        let mut statement = self.transaction().prepare_cached(sql)?;
        Ok(statement.exists(params)?)
    }
}
