//! Writing one row through the bulk writer: finding the account (and
//! contact) it refers to, building its record, and skipping a record the
//! workspace already holds, so importing a file twice adds nothing twice.
//!
//! What counts as "already there", kind by kind: an account with the same
//! `external_id` from a file; a contact with the same e-mail address at the
//! same account; a ticket with the same `external_id` from a file; a survey
//! answer or a purchase identical in every field; the usage of an account
//! on a day already recorded. Accounts and tickets without an external id
//! are always added.
//!
//! A row is read and checked whole, its account and contact found, before
//! anything of it is written: a bad row leaves nothing behind, even when
//! the import goes on past it (`--skip-bad`).

use std::collections::HashMap;

use jiff::Timestamp;

use super::cells::quoted;
use super::fields::ImportKind;
use super::records;
use super::rows::{Row, RowError};
use crate::model::{AccountId, ContactId, FieldCap, SafeText, StageChange};
use crate::store::{BulkWriter, ReferencedAccount, StoreError};

/// What became of a row that could be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    New,
    /// The workspace already held the record; nothing was written.
    Existing,
}

/// Why a row was not imported: its own fault, or the workspace's (which
/// stops the whole import).
#[derive(Debug)]
pub enum Failure {
    Bad(RowError),
    Store(StoreError),
}

impl From<RowError> for Failure {
    fn from(error: RowError) -> Self {
        Failure::Bad(error)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::Store(error)
    }
}

pub struct Importer<'store> {
    writer: BulkWriter<'store>,
    kind: ImportKind,
    now: Timestamp,
    /// Why an account's history starts: "Imported from accounts.csv".
    history_reason: SafeText,
    /// Account references already looked up: a file of purchases names the
    /// same accounts again and again.
    accounts: HashMap<String, ReferencedAccount>,
}

impl<'store> Importer<'store> {
    pub fn new(writer: BulkWriter<'store>, kind: ImportKind, file_name: &str, now: Timestamp) -> Self {
        let history_reason = SafeText::line(&format!("Imported from {file_name}"), FieldCap::SUBJECT);
        Importer { writer, kind, now, history_reason, accounts: HashMap::new() }
    }

    /// Makes every record written durable at once.
    pub fn commit(self) -> Result<(), StoreError> {
        self.writer.commit()
    }

    pub fn write(&mut self, row: &Row) -> Result<Written, Failure> {
        match self.kind {
            ImportKind::Accounts => self.account(row),
            ImportKind::Contacts => {
                let account = self.referenced_account(row)?;
                let contact = records::contact(row, account)?;
                if self.writer.contact_with_email(account, &contact.email)?.is_some() {
                    return Ok(Written::Existing);
                }
                self.writer.insert_contact(&contact)?;
                Ok(Written::New)
            }
            ImportKind::Tickets => {
                let account = self.referenced_account(row)?;
                let requester = self.contact(row, "requester_email", account)?;
                let ticket = records::ticket(row, account, requester)?;
                if self.writer.has_ticket(&ticket)? {
                    return Ok(Written::Existing);
                }
                self.writer.insert_ticket(&ticket)?;
                Ok(Written::New)
            }
            ImportKind::Surveys => {
                let account = self.referenced_account(row)?;
                let contact = self.contact(row, "contact_email", account)?;
                let survey = records::survey(row, account, contact)?;
                if self.writer.has_survey(&survey)? {
                    return Ok(Written::Existing);
                }
                self.writer.insert_survey(&survey)?;
                Ok(Written::New)
            }
            ImportKind::Purchases => {
                let purchase = records::purchase(row, self.referenced_account(row)?)?;
                if self.writer.has_purchase(&purchase)? {
                    return Ok(Written::Existing);
                }
                self.writer.insert_purchase(&purchase)?;
                Ok(Written::New)
            }
            ImportKind::Usage => {
                let usage = records::usage(row, self.referenced_account(row)?)?;
                if self.writer.has_usage(&usage)? {
                    return Ok(Written::Existing);
                }
                self.writer.insert_usage(&usage)?;
                Ok(Written::New)
            }
        }
    }

    /// An account, its first stage and (when it pays) its first MRR, all
    /// from its creation time, so stage history and revenue metrics see it.
    fn account(&mut self, row: &Row) -> Result<Written, Failure> {
        let account = records::account(row, self.now)?;
        if let Some(external) = account.external_ids.first()
            && self.writer.account_with_external_id(external)?.is_some()
        {
            return Ok(Written::Existing);
        }
        let id = self.writer.insert_account(&account)?;
        self.writer.insert_stage_change(&StageChange {
            account_id: id,
            from: None,
            to: account.stage,
            at: account.created_at,
            reason: self.history_reason.clone(),
        })?;
        if account.mrr.minor != 0 {
            self.writer.insert_mrr_change(id, account.created_at, account.mrr)?;
        }
        Ok(Written::New)
    }

    /// The account a row's `account` field names, by external id or domain.
    fn referenced_account(&mut self, row: &Row) -> Result<AccountId, Failure> {
        let reference = records::account_reference(row)?;
        let found = match self.accounts.get(&reference) {
            Some(found) => *found,
            None => {
                let found = self.writer.referenced_account(&reference)?;
                self.accounts.insert(reference.clone(), found);
                found
            }
        };
        match found {
            ReferencedAccount::One(id) => Ok(id),
            ReferencedAccount::Several => Err(row
                .error(
                    "account",
                    format!(
                        "{} is the domain or external id of several accounts: refer to this one by its \
                         external id",
                        quoted(&reference)
                    ),
                )
                .into()),
            ReferencedAccount::None => Err(row
                .error(
                    "account",
                    format!(
                        "no account has the external id or domain {}: accounts are imported first \
                         (keepers import accounts.csv --kind accounts), or correct the value",
                        quoted(&reference)
                    ),
                )
                .into()),
        }
    }

    /// The contact of the account whose address is in `field`, if given.
    fn contact(
        &mut self,
        row: &Row,
        field: &'static str,
        account: AccountId,
    ) -> Result<Option<ContactId>, Failure> {
        let Some(email) = records::email_of(row, field)? else { return Ok(None) };
        match self.writer.contact_with_email(account, &email)? {
            Some(contact) => Ok(Some(contact)),
            None => Err(row
                .error(
                    field,
                    format!(
                        "no contact of this account has the address {}: import the contacts first \
                         (--kind contacts), or leave {field} empty",
                        quoted(&email)
                    ),
                )
                .into()),
        }
    }
}
