//! `BulkWriter`: inserts records of every kind in one transaction, through
//! statements prepared once, so millions of rows load in seconds.
//!
//! Every INSERT of the store lives here. Each method ignores the `id` of the
//! record it is given and returns the id the row got. Dropping the writer
//! without [`BulkWriter::commit`] rolls everything back.

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{CachedStatement, Connection, Transaction, TransactionBehavior, params};

use super::codec::{DayText, MAX_HEALTH_SCORE};
use super::{Store, StoreError};
use crate::model::{
    Account, AccountId, CommentId, Contact, ContactId, Money, Note, NoteId, Purchase, PurchaseId,
    StageChange, SurveyId, SurveyResponse, Task, TaskId, Ticket, TicketComment, TicketId, UsageSnapshot,
};

const INSERT_ACCOUNT: &str = "INSERT INTO accounts \
    (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, renewal_date, created_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
const INSERT_ACCOUNT_TAG: &str = "INSERT INTO account_tags (account_id, position, tag) VALUES (?1, ?2, ?3)";
const INSERT_ACCOUNT_EXTERNAL_ID: &str = "INSERT INTO account_external_ids \
    (account_id, position, source, external_id) VALUES (?1, ?2, ?3, ?4)";
const INSERT_CONTACT: &str = "INSERT INTO contacts \
    (account_id, name, email, role, champion, last_seen_at, source, external_id) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const INSERT_TICKET: &str = "INSERT INTO tickets \
    (account_id, requester_id, subject, status, priority, assignee, channel, created_at, \
     updated_at, solved_at, sla_due_at, satisfaction, source, external_id) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
/// Keeps a ticket's first public agent reply as comments arrive, in any order.
const UPDATE_FIRST_REPLY: &str = "UPDATE tickets SET first_reply_at = ?2 \
     WHERE id = ?1 AND (first_reply_at IS NULL OR first_reply_at > ?2)";

const INSERT_COMMENT: &str = "INSERT INTO ticket_comments \
    (ticket_id, author, by_agent, is_public, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const INSERT_SURVEY: &str = "INSERT INTO survey_responses \
    (account_id, contact_id, ticket_id, kind, score, comment, responded_at, \
     loop_closed_at, loop_closed_by, loop_outcome) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
const INSERT_PURCHASE: &str = "INSERT INTO purchases \
    (account_id, amount_minor, amount_currency, cost_minor, cost_currency, description, purchased_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const INSERT_USAGE: &str = "INSERT INTO usage_snapshots \
    (account_id, day, active_users, seats, logins, key_feature_uses) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const INSERT_STAGE_CHANGE: &str = "INSERT INTO stage_changes \
    (account_id, from_stage, to_stage, changed_at, reason) VALUES (?1, ?2, ?3, ?4, ?5)";
const INSERT_TASK: &str = "INSERT INTO tasks \
    (account_id, title, owner, due, status, playbook, created_at, completed_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const INSERT_NOTE: &str = "INSERT INTO notes (account_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4)";
const INSERT_MRR_CHANGE: &str = "INSERT INTO mrr_changes \
    (account_id, changed_at, mrr_minor, mrr_currency) VALUES (?1, ?2, ?3, ?4)";
const UPSERT_HEALTH_SNAPSHOT: &str = "INSERT INTO health_snapshots (account_id, day, score) \
    VALUES (?1, ?2, ?3) ON CONFLICT (account_id, day) DO UPDATE SET score = excluded.score";

/// One open write transaction. Obtained from [`Store::bulk`].
///
/// A failed insert may leave part of its record written (an account without
/// all its tags): after an error, drop the writer rather than commit.
pub struct BulkWriter<'a> {
    // Declared before `transaction`, so the statements are put back in the
    // cache before a drop rolls the transaction back.
    statements: Statements<'a>,
    transaction: Transaction<'a>,
}

struct Statements<'a> {
    account: CachedStatement<'a>,
    account_tag: CachedStatement<'a>,
    account_external_id: CachedStatement<'a>,
    contact: CachedStatement<'a>,
    ticket: CachedStatement<'a>,
    comment: CachedStatement<'a>,
    first_reply: CachedStatement<'a>,
    survey: CachedStatement<'a>,
    purchase: CachedStatement<'a>,
    usage: CachedStatement<'a>,
    stage_change: CachedStatement<'a>,
    task: CachedStatement<'a>,
    note: CachedStatement<'a>,
    mrr_change: CachedStatement<'a>,
    health_snapshot: CachedStatement<'a>,
}

impl Statements<'_> {
    fn prepare(connection: &Connection) -> Result<Statements<'_>, StoreError> {
        Ok(Statements {
            account: connection.prepare_cached(INSERT_ACCOUNT)?,
            account_tag: connection.prepare_cached(INSERT_ACCOUNT_TAG)?,
            account_external_id: connection.prepare_cached(INSERT_ACCOUNT_EXTERNAL_ID)?,
            contact: connection.prepare_cached(INSERT_CONTACT)?,
            ticket: connection.prepare_cached(INSERT_TICKET)?,
            comment: connection.prepare_cached(INSERT_COMMENT)?,
            first_reply: connection.prepare_cached(UPDATE_FIRST_REPLY)?,
            survey: connection.prepare_cached(INSERT_SURVEY)?,
            purchase: connection.prepare_cached(INSERT_PURCHASE)?,
            usage: connection.prepare_cached(INSERT_USAGE)?,
            stage_change: connection.prepare_cached(INSERT_STAGE_CHANGE)?,
            task: connection.prepare_cached(INSERT_TASK)?,
            note: connection.prepare_cached(INSERT_NOTE)?,
            mrr_change: connection.prepare_cached(INSERT_MRR_CHANGE)?,
            health_snapshot: connection.prepare_cached(UPSERT_HEALTH_SNAPSHOT)?,
        })
    }
}

impl Store {
    /// Starts one write transaction for inserting many records.
    pub fn bulk(&mut self) -> Result<BulkWriter<'_>, StoreError> {
        self.writer()
    }

    /// A writer through `&self`, for the actions of `act`: the console's
    /// runner holds the store shared.
    pub(super) fn writer(&self) -> Result<BulkWriter<'_>, StoreError> {
        let connection: &Connection = &self.connection;
        // IMMEDIATE takes the write lock now, so a busy workspace makes this
        // call wait (up to the busy timeout) instead of failing mid-load.
        let transaction = Transaction::new_unchecked(connection, TransactionBehavior::Immediate)?;
        let statements = Statements::prepare(connection)?;
        Ok(BulkWriter { statements, transaction })
    }
}

impl BulkWriter<'_> {
    /// Inserts an account with its tags and external ids.
    pub fn insert_account(&mut self, account: &Account) -> Result<AccountId, StoreError> {
        let renewal_date = DayText::optional(account.renewal_date, "accounts", "renewal_date")?;
        let id = self.statements.account.insert(params![
            account.name.as_str(),
            // The sort key: Rust folds case in every script, SQL lower() only in ASCII.
            account.name.to_lowercase(),
            account.domain.as_str(),
            account.plan.as_str(),
            account.mrr.minor,
            account.mrr.currency.code(),
            account.owner.as_str(),
            account.stage.as_str(),
            renewal_date,
            account.created_at.as_second(),
        ])?;
        for (position, tag) in (0_i64..).zip(&account.tags) {
            self.statements.account_tag.execute(params![id, position, tag.as_str()])?;
        }
        for (position, external) in (0_i64..).zip(&account.external_ids) {
            self.statements.account_external_id.execute(params![
                id,
                position,
                external.source.as_str(),
                external.id.as_str(),
            ])?;
        }
        Ok(AccountId(id))
    }

    pub fn insert_contact(&mut self, contact: &Contact) -> Result<ContactId, StoreError> {
        let id = self.statements.contact.insert(params![
            contact.account_id.0,
            contact.name.as_str(),
            contact.email.as_str(),
            contact.role.as_str(),
            contact.champion,
            contact.last_seen_at.map(|at| at.as_second()),
            contact.external.as_ref().map(|external| external.source.as_str()),
            contact.external.as_ref().map(|external| external.id.as_str()),
        ])?;
        Ok(ContactId(id))
    }

    pub fn insert_ticket(&mut self, ticket: &Ticket) -> Result<TicketId, StoreError> {
        let id = self.statements.ticket.insert(params![
            ticket.account_id.0,
            ticket.requester_id.map(|contact| contact.0),
            ticket.subject.as_str(),
            ticket.status.as_str(),
            ticket.priority.as_str(),
            ticket.assignee.as_str(),
            ticket.channel.as_str(),
            ticket.created_at.as_second(),
            ticket.updated_at.as_second(),
            ticket.solved_at.map(|at| at.as_second()),
            ticket.sla_due_at.map(|at| at.as_second()),
            ticket.satisfaction.map(|rating| rating.as_str()),
            ticket.external.as_ref().map(|external| external.source.as_str()),
            ticket.external.as_ref().map(|external| external.id.as_str()),
        ])?;
        Ok(TicketId(id))
    }

    pub fn insert_comment(&mut self, comment: &TicketComment) -> Result<CommentId, StoreError> {
        let id = self.statements.comment.insert(params![
            comment.ticket_id.0,
            comment.author.as_str(),
            comment.by_agent,
            comment.public,
            comment.body.as_str(),
            comment.created_at.as_second(),
        ])?;
        if comment.by_agent && comment.public {
            self.statements
                .first_reply
                .execute(params![comment.ticket_id.0, comment.created_at.as_second()])?;
        }
        Ok(CommentId(id))
    }

    pub fn insert_survey(&mut self, survey: &SurveyResponse) -> Result<SurveyId, StoreError> {
        let closure = survey.loop_closed.as_ref();
        let id = self.statements.survey.insert(params![
            survey.account_id.0,
            survey.contact_id.map(|contact| contact.0),
            survey.ticket_id.map(|ticket| ticket.0),
            survey.answer.kind().as_str(),
            survey.answer.score(),
            survey.comment.as_str(),
            survey.responded_at.as_second(),
            closure.map(|closure| closure.at.as_second()),
            closure.map(|closure| closure.by.as_str()),
            closure.map(|closure| closure.outcome.as_str()),
        ])?;
        Ok(SurveyId(id))
    }

    pub fn insert_purchase(&mut self, purchase: &Purchase) -> Result<PurchaseId, StoreError> {
        let id = self.statements.purchase.insert(params![
            purchase.account_id.0,
            purchase.amount.minor,
            purchase.amount.currency.code(),
            purchase.cost.minor,
            purchase.cost.currency.code(),
            purchase.description.as_str(),
            purchase.purchased_at.as_second(),
        ])?;
        Ok(PurchaseId(id))
    }

    /// Inserts one day of usage; a second snapshot of the same account and
    /// day is refused by the primary key.
    pub fn insert_usage(&mut self, usage: &UsageSnapshot) -> Result<(), StoreError> {
        self.statements.usage.execute(params![
            usage.account_id.0,
            DayText::new(usage.day, "usage_snapshots", "day")?,
            usage.active_users,
            usage.seats,
            usage.logins,
            usage.key_feature_uses,
        ])?;
        Ok(())
    }

    pub fn insert_stage_change(&mut self, change: &StageChange) -> Result<(), StoreError> {
        self.statements.stage_change.execute(params![
            change.account_id.0,
            change.from.map(|stage| stage.as_str()),
            change.to.as_str(),
            change.at.as_second(),
            change.reason.as_str(),
        ])?;
        Ok(())
    }

    pub fn insert_task(&mut self, task: &Task) -> Result<TaskId, StoreError> {
        let id = self.statements.task.insert(params![
            task.account_id.0,
            task.title.as_str(),
            task.owner.as_str(),
            DayText::optional(task.due, "tasks", "due")?,
            task.status.as_str(),
            task.playbook.as_str(),
            task.created_at.as_second(),
            task.completed_at.map(|at| at.as_second()),
        ])?;
        Ok(TaskId(id))
    }

    pub fn insert_note(&mut self, note: &Note) -> Result<NoteId, StoreError> {
        let id = self.statements.note.insert(params![
            note.account_id.0,
            note.author.as_str(),
            note.body.as_str(),
            note.created_at.as_second(),
        ])?;
        Ok(NoteId(id))
    }

    /// Records that from `at` on the account's MRR is `mrr` (zero when it
    /// stops paying).
    pub fn insert_mrr_change(
        &mut self,
        account: AccountId,
        at: Timestamp,
        mrr: Money,
    ) -> Result<(), StoreError> {
        self.statements.mrr_change.execute(params![
            account.0,
            at.as_second(),
            mrr.minor,
            mrr.currency.code()
        ])?;
        Ok(())
    }

    /// Stores an account's health score of one day, replacing the one stored
    /// for that day before.
    pub fn upsert_health_snapshot(
        &mut self,
        account: AccountId,
        day: Date,
        score: u8,
    ) -> Result<(), StoreError> {
        if score > MAX_HEALTH_SCORE {
            return Err(StoreError::Unstorable {
                table: "health_snapshots",
                field: "score",
                reason: format!("{score} is above the highest score, {MAX_HEALTH_SCORE}"),
            });
        }
        self.statements.health_snapshot.execute(params![
            account.0,
            DayText::new(day, "health_snapshots", "day")?,
            score
        ])?;
        Ok(())
    }

    /// Makes every insert of this writer durable at once.
    /// The writer's transaction, for a statement of its own (`act`'s
    /// outbox rows and task updates).
    pub(super) fn transaction(&self) -> &Transaction<'_> {
        &self.transaction
    }

    pub fn commit(self) -> Result<(), StoreError> {
        let BulkWriter { statements, transaction } = self;
        drop(statements);
        Ok(transaction.commit()?)
    }
}
