//! Where generated records go: the store's bulk writer, with a count of
//! every kind of row written, which becomes the run's [`DemoSummary`].
//!
//! The only file of the demo that calls the store's insert functions.

use jiff::Timestamp;

use crate::model::{
    Account, AccountId, Contact, ContactId, Money, Note, Purchase, StageChange, SurveyResponse, Task, Ticket,
    TicketComment, TicketId, UsageSnapshot,
};
use crate::store::{BulkWriter, StoreError};

use super::DemoSummary;

pub(super) struct Sink<'store> {
    writer: BulkWriter<'store>,
    summary: DemoSummary,
}

impl<'store> Sink<'store> {
    pub(super) fn new(writer: BulkWriter<'store>) -> Sink<'store> {
        Sink { writer, summary: DemoSummary::default() }
    }

    /// What has been written so far.
    pub(super) fn summary(&self) -> &DemoSummary {
        &self.summary
    }

    /// Commits every row at once and returns the counts.
    pub(super) fn commit(self) -> Result<DemoSummary, StoreError> {
        self.writer.commit()?;
        Ok(self.summary)
    }

    pub(super) fn account(&mut self, account: &Account) -> Result<AccountId, StoreError> {
        let id = self.writer.insert_account(account)?;
        self.summary.accounts += 1;
        Ok(id)
    }

    pub(super) fn stage_change(&mut self, change: &StageChange) -> Result<(), StoreError> {
        self.writer.insert_stage_change(change)?;
        self.summary.stage_changes += 1;
        Ok(())
    }

    pub(super) fn mrr_change(
        &mut self,
        account: AccountId,
        at: Timestamp,
        mrr: Money,
    ) -> Result<(), StoreError> {
        self.writer.insert_mrr_change(account, at, mrr)?;
        self.summary.mrr_changes += 1;
        Ok(())
    }

    pub(super) fn contact(&mut self, contact: &Contact) -> Result<ContactId, StoreError> {
        let id = self.writer.insert_contact(contact)?;
        self.summary.contacts += 1;
        Ok(id)
    }

    pub(super) fn ticket(&mut self, ticket: &Ticket) -> Result<TicketId, StoreError> {
        let id = self.writer.insert_ticket(ticket)?;
        self.summary.tickets += 1;
        Ok(id)
    }

    pub(super) fn comment(&mut self, comment: &TicketComment) -> Result<(), StoreError> {
        self.writer.insert_comment(comment)?;
        self.summary.comments += 1;
        Ok(())
    }

    pub(super) fn survey(&mut self, survey: &SurveyResponse) -> Result<(), StoreError> {
        self.writer.insert_survey(survey)?;
        self.summary.surveys += 1;
        Ok(())
    }

    pub(super) fn purchase(&mut self, purchase: &Purchase) -> Result<(), StoreError> {
        self.writer.insert_purchase(purchase)?;
        self.summary.purchases += 1;
        Ok(())
    }

    pub(super) fn usage(&mut self, usage: &UsageSnapshot) -> Result<(), StoreError> {
        self.writer.insert_usage(usage)?;
        self.summary.usage_snapshots += 1;
        Ok(())
    }

    pub(super) fn task(&mut self, task: &Task) -> Result<(), StoreError> {
        self.writer.insert_task(task)?;
        self.summary.tasks += 1;
        Ok(())
    }

    pub(super) fn note(&mut self, note: &Note) -> Result<(), StoreError> {
        self.writer.insert_note(note)?;
        self.summary.notes += 1;
        Ok(())
    }
}
