//! Writing what a backend's pages hold, the way DESIGN.md's "Connectors and
//! sync" asks: each page's records are upserted on (source, external id)
//! and its cursor saved in one transaction, so a killed sync resumes at the
//! page after the last one written and a page read twice changes nothing.
//!
//! One account may come from several backends: a record's company is found
//! by its backend id, else by its e-mail domain (a mail provider's domain
//! joins nobody), else made from that domain; what has neither goes to the
//! source's "Unassigned" account.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};

use super::codec::{DayText, StoredWord};
use super::{BulkWriter, Store, StoreError};
use crate::connectors::records::{
    AccountRecord, ActivityRecord, CommentRecord, ContactRecord, Page, PurchaseRecord, Record, RenewalRecord,
    SurveyRecord, TicketRecord,
};
use crate::model::{
    Account, AccountId, CommentId, Contact, ContactId, Currency, ExternalRef, FieldCap, LifecycleStage,
    Money, SafeText, Source, Ticket, TicketComment, TicketId, company_domain,
};

/// How many records of each kind a page wrote (new or updated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageWritten {
    pub accounts: usize,
    pub contacts: usize,
    pub tickets: usize,
    pub surveys: usize,
    pub purchases: usize,
    /// Notes and touchpoints.
    pub activities: usize,
}

impl PageWritten {
    pub fn total(&self) -> usize {
        self.accounts + self.contacts + self.tickets + self.surveys + self.purchases + self.activities
    }
}

/// The last sync of a source, as the status line and `keepers sync` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRun {
    pub source: String,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub records: u64,
    pub error: Option<String>,
}

/// A configured source as its records are written: its kind (for external
/// ids) and the name its cursors are kept under.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub kind: Source,
    pub name: &'a str,
}

impl Store {
    /// Where `stream` of source `name` stopped; `None` before its first page.
    pub fn sync_cursor(&self, name: &str, stream: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT cursor FROM sync_cursors WHERE source = ?1 AND stream = ?2",
                [name, stream],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Lets this connection keep up to `mib` MiB of the database's pages in
    /// memory (SQLite's default is 2 MiB). A long sync updates indexes whose
    /// keys arrive in no order (backend ids as text); with them cached it
    /// writes a million tickets several times faster. The memory is only
    /// taken as pages are read.
    pub fn set_page_cache_mib(&self, mib: u32) -> Result<(), StoreError> {
        self.connection.pragma_update(None, "cache_size", -i64::from(mib) * 1024)?;
        Ok(())
    }

    /// Forgets where one stream stopped: it is read from the start next time.
    pub fn reset_sync_cursor(&self, name: &str, stream: &str) -> Result<(), StoreError> {
        self.connection
            .execute("DELETE FROM sync_cursors WHERE source = ?1 AND stream = ?2", [name, stream])?;
        Ok(())
    }

    /// Forgets a source's cursors: its next sync reads everything again.
    pub fn reset_sync_cursors(&self, name: &str) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM sync_cursors WHERE source = ?1", [name])?;
        Ok(())
    }

    /// Writes one page of `stream` and the cursor after it, together.
    pub fn write_page(
        &self,
        origin: Origin<'_>,
        stream: &str,
        page: &Page,
        at: Timestamp,
    ) -> Result<PageWritten, StoreError> {
        let mut writer = self.writer()?;
        let mut written = PageWritten::default();
        for record in &page.records {
            match record {
                Record::Account(account) => {
                    upsert_account(&mut writer, origin, account)?;
                    written.accounts += 1;
                }
                Record::Contact(contact) => {
                    upsert_contact(&mut writer, origin, contact)?;
                    written.contacts += 1;
                }
                Record::Ticket(ticket) => {
                    upsert_ticket(&mut writer, origin, ticket)?;
                    written.tickets += 1;
                }
                Record::Survey(survey) => {
                    written.surveys += usize::from(insert_survey(&mut writer, origin, survey)?);
                }
                Record::Purchase(purchase) => {
                    written.purchases += usize::from(insert_purchase(&mut writer, origin, purchase)?);
                }
                Record::Activity(activity) => {
                    written.activities += usize::from(insert_activity(&mut writer, origin, activity)?);
                }
                Record::Renewal(renewal) => {
                    written.accounts += usize::from(set_renewal(&writer, origin, renewal)?);
                }
            }
        }
        if let Some(cursor) = &page.next {
            writer.transaction().execute(
                "INSERT INTO sync_cursors (source, stream, cursor, updated_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
                params![origin.name, stream, cursor, at.as_second()],
            )?;
        }
        writer.commit()?;
        Ok(written)
    }

    /// Replaces the comments of `ticket` that came from `source` with those
    /// just read from it, in one transaction; comments written in keepers
    /// stay. How many were written.
    pub fn replace_synced_comments(
        &self,
        ticket: TicketId,
        source: Source,
        comments: &[CommentRecord],
    ) -> Result<usize, StoreError> {
        let mut writer = self.writer()?;
        writer.transaction().execute(
            "DELETE FROM ticket_comments WHERE ticket_id = ?1 AND source = ?2",
            params![ticket.0, source.as_str()],
        )?;
        for comment in comments {
            let id = writer.insert_comment(&TicketComment {
                id: CommentId(0),
                ticket_id: ticket,
                author: comment.author.clone(),
                by_agent: comment.by_agent,
                public: comment.public,
                body: comment.body.clone(),
                created_at: comment.created_at,
            })?;
            writer.transaction().execute(
                "UPDATE ticket_comments SET source = ?1 WHERE id = ?2",
                params![source.as_str(), id.0],
            )?;
        }
        writer.commit()?;
        Ok(comments.len())
    }

    /// Records the start of a sync of `source`; its id, to finish it with.
    pub fn start_sync_run(&self, source: &str, at: Timestamp) -> Result<i64, StoreError> {
        self.connection.execute(
            "INSERT INTO sync_runs (source, started_at) VALUES (?1, ?2)",
            params![source, at.as_second()],
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    pub fn finish_sync_run(
        &self,
        run: i64,
        at: Timestamp,
        records: u64,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE sync_runs SET finished_at = ?1, records = ?2, error = ?3 WHERE id = ?4",
            params![at.as_second(), i64::try_from(records).unwrap_or(i64::MAX), error, run],
        )?;
        Ok(())
    }

    /// The latest sync of each source, by name.
    pub fn last_sync_runs(&self) -> Result<Vec<SyncRun>, StoreError> {
        self.read_all(
            "SELECT source, started_at, finished_at, records, error FROM sync_runs WHERE id IN \
             (SELECT max(id) FROM sync_runs GROUP BY source) ORDER BY source",
            [],
            |row| {
                let reader =
                    super::row_reader::RowReader::new(row, "sync_runs", super::row_reader::RowKey::Id);
                Ok(SyncRun {
                    source: reader.text(0, "source")?.to_owned(),
                    started_at: reader.instant(1, "started_at")?,
                    finished_at: reader.opt_instant(2, "finished_at")?,
                    records: u64::try_from(reader.int(3, "records")?).unwrap_or(0),
                    error: reader.opt_text(4, "error")?.map(str::to_owned),
                })
            },
        )
    }
}

fn id_of(
    transaction: &Transaction<'_>,
    sql: &str,
    source: Source,
    external: &str,
) -> Result<Option<i64>, StoreError> {
    let mut statement = transaction.prepare_cached(sql)?;
    Ok(statement.query_row(params![source.as_str(), external], |row| row.get(0)).optional()?)
}

fn account_by_external_id(
    transaction: &Transaction<'_>,
    source: Source,
    external: &str,
) -> Result<Option<AccountId>, StoreError> {
    let sql = "SELECT account_id FROM account_external_ids WHERE source = ?1 AND external_id = ?2";
    Ok(id_of(transaction, sql, source, external)?.map(AccountId))
}

fn account_by_domain(transaction: &Transaction<'_>, domain: &str) -> Result<Option<AccountId>, StoreError> {
    let mut statement =
        transaction.prepare_cached("SELECT id FROM accounts WHERE domain = ?1 ORDER BY id LIMIT 1")?;
    Ok(statement.query_row([domain], |row| row.get(0)).optional()?.map(AccountId))
}

fn attach_external_id(
    transaction: &Transaction<'_>,
    account: AccountId,
    source: Source,
    external: &str,
) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO account_external_ids (account_id, position, source, external_id) \
         SELECT ?1, coalesce(max(position) + 1, 0), ?2, ?3 FROM account_external_ids WHERE account_id = ?1",
        params![account.0, source.as_str(), external],
    )?;
    Ok(())
}

/// A new account as a backend knows it; a stage the backend does not keep
/// starts as retention (a company in a helpdesk or CRM is a customer) — or
/// acquisition for one made only from an e-mail domain.
fn new_account(
    name: &SafeText,
    domain: &str,
    stage: LifecycleStage,
    external: Option<ExternalRef>,
    at: Timestamp,
) -> Account {
    Account {
        id: AccountId(0),
        name: name.clone(),
        domain: SafeText::line(domain, FieldCap::TOKEN),
        plan: SafeText::default(),
        mrr: Money::new(0, Currency::USD),
        owner: SafeText::default(),
        stage,
        renewal_date: None,
        created_at: at,
        tags: Vec::new(),
        external_ids: external.into_iter().collect(),
    }
}

fn upsert_account(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &AccountRecord,
) -> Result<AccountId, StoreError> {
    let transaction = writer.transaction();
    let domain = company_domain(record.domain.as_str()).unwrap_or_default();
    if let Some(account) = account_by_external_id(transaction, origin.kind, record.external_id.as_str())? {
        transaction.execute(
            "UPDATE accounts SET name = ?1, name_sort_key = ?2, domain = CASE WHEN ?3 = '' THEN domain ELSE ?3 END, \
             plan = CASE WHEN ?4 = '' THEN plan ELSE ?4 END, owner = CASE WHEN ?5 = '' THEN owner ELSE ?5 END, \
             stage = coalesce(?6, stage), renewal_date = coalesce(?7, renewal_date), \
             mrr_minor = coalesce(?8, mrr_minor), mrr_currency = coalesce(?9, mrr_currency) WHERE id = ?10",
            params![
                record.name.as_str(),
                record.name.to_lowercase(),
                domain,
                record.plan.as_str(),
                record.owner.as_str(),
                record.stage.map(|stage| stage.canonical()),
                DayText::optional(record.renewal_date, "accounts", "renewal_date")?,
                record.mrr.map(|mrr| mrr.minor),
                record.mrr.map(|mrr| mrr.currency.code().to_owned()),
                account.0
            ],
        )?;
        return Ok(account);
    }
    if !domain.is_empty()
        && let Some(account) = account_by_domain(transaction, &domain)?
    {
        attach_external_id(transaction, account, origin.kind, record.external_id.as_str())?;
        return Ok(account);
    }
    let external = ExternalRef { source: origin.kind, id: record.external_id.clone() };
    let mut account = new_account(
        &record.name,
        &domain,
        record.stage.unwrap_or(LifecycleStage::Retention),
        Some(external),
        record.created_at,
    );
    account.plan = record.plan.clone();
    account.owner = record.owner.clone();
    account.tags = record.tags.clone();
    account.renewal_date = record.renewal_date;
    if let Some(mrr) = record.mrr {
        account.mrr = mrr;
    }
    writer.insert_account(&account)
}

/// The account a contact or ticket belongs to: by the company's backend id,
/// else by the e-mail domain, else the source's Unassigned account.
fn resolve_account(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    company: Option<&SafeText>,
    email: &str,
    at: Timestamp,
) -> Result<AccountId, StoreError> {
    if let Some(company) = company
        && let Some(account) = account_by_external_id(writer.transaction(), origin.kind, company.as_str())?
    {
        return Ok(account);
    }
    let domain = email.rsplit_once('@').and_then(|(_, domain)| company_domain(domain));
    if let Some(domain) = domain {
        if let Some(account) = account_by_domain(writer.transaction(), &domain)? {
            return Ok(account);
        }
        let name = SafeText::line(&domain, FieldCap::NAME);
        return writer.insert_account(&new_account(&name, &domain, LifecycleStage::Acquisition, None, at));
    }
    unassigned_account(writer, origin, at)
}

fn unassigned_account(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    at: Timestamp,
) -> Result<AccountId, StoreError> {
    const UNASSIGNED: &str = "unassigned";
    if let Some(account) = account_by_external_id(writer.transaction(), origin.kind, UNASSIGNED)? {
        return Ok(account);
    }
    let name = SafeText::line(&format!("Unassigned ({})", origin.name), FieldCap::NAME);
    let external = ExternalRef { source: origin.kind, id: SafeText::line(UNASSIGNED, FieldCap::TOKEN) };
    writer.insert_account(&new_account(&name, "", LifecycleStage::Retention, Some(external), at))
}

fn contact_by_external_id(
    transaction: &Transaction<'_>,
    source: Source,
    external: &str,
) -> Result<Option<ContactId>, StoreError> {
    let sql = "SELECT id FROM contacts WHERE source = ?1 AND external_id = ?2";
    Ok(id_of(transaction, sql, source, external)?.map(ContactId))
}

fn upsert_contact(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &ContactRecord,
) -> Result<ContactId, StoreError> {
    let at = record.last_seen_at.unwrap_or(Timestamp::UNIX_EPOCH);
    let account = resolve_account(writer, origin, record.account.as_ref(), record.email.as_str(), at)?;
    let transaction = writer.transaction();
    if let Some(contact) = contact_by_external_id(transaction, origin.kind, record.external_id.as_str())? {
        transaction.execute(
            "UPDATE contacts SET account_id = ?1, name = ?2, email = ?3, role = ?4, \
             last_seen_at = coalesce(?5, last_seen_at) WHERE id = ?6",
            params![
                account.0,
                record.name.as_str(),
                record.email.as_str(),
                record.role.as_str(),
                record.last_seen_at.map(|at| at.as_second()),
                contact.0
            ],
        )?;
        return Ok(contact);
    }
    writer.insert_contact(&Contact {
        id: ContactId(0),
        account_id: account,
        name: record.name.clone(),
        email: record.email.clone(),
        role: record.role.clone(),
        champion: false,
        last_seen_at: record.last_seen_at,
        external: Some(ExternalRef { source: origin.kind, id: record.external_id.clone() }),
    })
}

fn upsert_ticket(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &TicketRecord,
) -> Result<TicketId, StoreError> {
    let requester = contact_of(writer.transaction(), origin, record.requester.as_ref())?;
    let account = account_of(writer, origin, record.account.as_ref(), requester, record.created_at)?;
    let transaction = writer.transaction();
    let existing = id_of(
        transaction,
        "SELECT id FROM tickets WHERE source = ?1 AND external_id = ?2",
        origin.kind,
        record.external_id.as_str(),
    )?;
    if let Some(ticket) = existing {
        transaction.execute(
            "UPDATE tickets SET account_id = ?1, requester_id = ?2, subject = ?3, status = ?4, priority = ?5, \
             assignee = ?6, channel = ?7, updated_at = ?8, solved_at = ?9, satisfaction = ?10 WHERE id = ?11",
            params![
                account.0,
                requester.map(|contact| contact.0),
                record.subject.as_str(),
                record.status.canonical(),
                record.priority.canonical(),
                record.assignee.as_str(),
                record.channel.canonical(),
                record.updated_at.as_second(),
                record.solved_at.map(|at| at.as_second()),
                record.satisfaction.map(|rating| rating.canonical()),
                ticket
            ],
        )?;
        return Ok(TicketId(ticket));
    }
    writer.insert_ticket(&Ticket {
        id: TicketId(0),
        account_id: account,
        requester_id: requester,
        subject: record.subject.clone(),
        status: record.status,
        priority: record.priority,
        assignee: record.assignee.clone(),
        channel: record.channel,
        created_at: record.created_at,
        updated_at: record.updated_at,
        solved_at: record.solved_at,
        sla_due_at: None,
        satisfaction: record.satisfaction,
        external: Some(ExternalRef { source: origin.kind, id: record.external_id.clone() }),
    })
}

/// A survey answer, once: one read again is left as it is. Whether it was
/// new.
fn insert_survey(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &SurveyRecord,
) -> Result<bool, StoreError> {
    let contact = contact_of(writer.transaction(), origin, record.contact.as_ref())?;
    let ticket = match &record.ticket {
        Some(ticket) => id_of(
            writer.transaction(),
            "SELECT id FROM tickets WHERE source = ?1 AND external_id = ?2",
            origin.kind,
            ticket.as_str(),
        )?,
        None => None,
    };
    let account = account_of(writer, origin, record.account.as_ref(), contact, record.responded_at)?;
    let (kind, score) = (record.answer.kind(), record.answer.score());
    let inserted = writer.transaction().execute(
        "INSERT INTO survey_responses (account_id, contact_id, ticket_id, kind, score, comment, responded_at, \
         source, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        params![
            account.0,
            contact.map(|contact| contact.0),
            ticket,
            kind.canonical(),
            score,
            record.comment.as_str(),
            record.responded_at.as_second(),
            origin.kind.as_str(),
            record.external_id.as_str()
        ],
    )?;
    Ok(inserted == 1)
}

/// The contact a record names by its backend id, if keepers has it.
fn contact_of(
    transaction: &Transaction<'_>,
    origin: Origin<'_>,
    contact: Option<&SafeText>,
) -> Result<Option<ContactId>, StoreError> {
    match contact {
        Some(contact) => contact_by_external_id(transaction, origin.kind, contact.as_str()),
        None => Ok(None),
    }
}

/// The account of a record that names its company and perhaps a contact:
/// the company, else the contact's account, else the Unassigned one.
fn account_of(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    company: Option<&SafeText>,
    contact: Option<ContactId>,
    at: Timestamp,
) -> Result<AccountId, StoreError> {
    let transaction = writer.transaction();
    if let Some(company) = company
        && let Some(account) = account_by_external_id(transaction, origin.kind, company.as_str())?
    {
        return Ok(account);
    }
    if let Some(contact) = contact {
        let account: Option<i64> = transaction
            .prepare_cached("SELECT account_id FROM contacts WHERE id = ?1")?
            .query_row([contact.0], |row| row.get(0))
            .optional()?;
        if let Some(account) = account {
            return Ok(AccountId(account));
        }
    }
    unassigned_account(writer, origin, at)
}

/// A purchase, once. Whether it was new.
fn insert_purchase(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &PurchaseRecord,
) -> Result<bool, StoreError> {
    let account = account_of(writer, origin, record.account.as_ref(), None, record.purchased_at)?;
    let inserted = writer.transaction().execute(
        "INSERT INTO purchases (account_id, amount_minor, amount_currency, cost_minor, cost_currency, description, \
         purchased_at, source, external_id) VALUES (?1, ?2, ?3, 0, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        params![
            account.0,
            record.amount.minor,
            record.amount.currency.code(),
            record.description.as_str(),
            record.purchased_at.as_second(),
            origin.kind.as_str(),
            record.external_id.as_str()
        ],
    )?;
    Ok(inserted == 1)
}

/// A note or a touchpoint, once. Whether it was new.
fn insert_activity(
    writer: &mut BulkWriter<'_>,
    origin: Origin<'_>,
    record: &ActivityRecord,
) -> Result<bool, StoreError> {
    let contact = contact_of(writer.transaction(), origin, record.contact.as_ref())?;
    let account = account_of(writer, origin, record.account.as_ref(), contact, record.at)?;
    let inserted = match record.channel {
        None => writer.transaction().execute(
            "INSERT INTO notes (account_id, author, body, created_at, source, external_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            params![
                account.0,
                record.author.as_str(),
                record.body.as_str(),
                record.at.as_second(),
                origin.kind.as_str(),
                record.external_id.as_str()
            ],
        )?,
        Some(channel) => writer.transaction().execute(
            "INSERT INTO touchpoints (account_id, contact_id, channel, outcome, summary, author, happened_at, \
             source, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
            params![
                account.0,
                contact.map(|contact| contact.0),
                channel.canonical(),
                record.outcome.as_str(),
                record.body.as_str(),
                record.author.as_str(),
                record.at.as_second(),
                origin.kind.as_str(),
                record.external_id.as_str()
            ],
        )?,
    };
    Ok(inserted == 1)
}

/// Sets the renewal day of the account the backend names; whether there
/// was such an account.
fn set_renewal(
    writer: &BulkWriter<'_>,
    origin: Origin<'_>,
    record: &RenewalRecord,
) -> Result<bool, StoreError> {
    let transaction = writer.transaction();
    let Some(account) = account_by_external_id(transaction, origin.kind, record.account.as_str())? else {
        return Ok(false);
    };
    transaction.execute(
        "UPDATE accounts SET renewal_date = ?1 WHERE id = ?2",
        params![DayText::new(record.date, "accounts", "renewal_date")?, account.0],
    )?;
    Ok(true)
}
