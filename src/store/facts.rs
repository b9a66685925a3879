//! `load_facts`: the whole workspace as [`Facts`], the numbers-only rows
//! that health, risk and the portfolio KPIs are computed from.
//!
//! A file workspace is read by two workers at once, each on its own
//! connection (the store's, and a read-only one): each takes the next kind
//! still to read, costliest first, until none is left, so the two finish
//! close together whatever the workspace's proportions. WAL lets both read
//! while a writer works. Each worker reads in one transaction, so all it
//! reads comes from one commit; the two start a moment apart, and a sync
//! committing in between leaves one worker's kinds a commit ahead of the
//! other's until the next load. `Facts` tolerates it: records of an account
//! it did not load are part of no account's view.
//!
//! An in-memory workspace has one connection and one worker.

use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Instant;

use jiff::civil::Date;
use rusqlite::{Connection, params};

use super::codec::DayText;
use super::fact_rows::{
    ACCOUNTS, CONTACTS, HEALTH_COMPARED, MRR_CHANGES, PURCHASES, STAGE_CHANGES, SURVEYS, TASKS, TICKETS,
    USAGE,
};
use super::open::connect_read_only;
use super::{Store, StoreError};
use crate::metrics::{
    AccountFact, ContactFact, Facts, HealthPoint, MrrChange, PurchaseFact, StageFact, SurveyFact, TaskFact,
    TicketFact, UsageFact,
};
use crate::model::AccountId;
use crate::model::time::add_days;

/// How far back the health scores in [`Facts`] are: the 30-day change and
/// the "health fell 15 points in 30 days" rule compare today's score with
/// the last snapshot day at or before 30 days ago, so that day is the only
/// one loaded. The whole history stays in the workspace for
/// [`Store::health_history`]; loading it would add 100k rows a day to every
/// load of a 100k-account workspace.
pub const HEALTH_LOOK_BACK_DAYS: i64 = 30;

/// Reads one kind of fact; the day is the health look-back's cut-off.
type ReadKind = fn(&Connection, &DayText) -> Result<Loaded, StoreError>;

/// Every kind, costliest first as measured on the 100k-account demo with a
/// month of health scores, so that neither worker is left with a big kind
/// to read alone at the end.
const KINDS_COSTLIEST_FIRST: [ReadKind; 10] = [
    |connection, _| Ok(Loaded::Tickets(TICKETS.read(connection, [])?)),
    |connection, cutoff| Ok(Loaded::Health(HEALTH_COMPARED.read(connection, [cutoff])?)),
    |connection, _| Ok(Loaded::Usage(USAGE.read(connection, [])?)),
    |connection, _| Ok(Loaded::Surveys(SURVEYS.read(connection, [])?)),
    |connection, _| Ok(Loaded::Contacts(CONTACTS.read(connection, [])?)),
    |connection, _| Ok(Loaded::StageChanges(STAGE_CHANGES.read(connection, [])?)),
    |connection, _| Ok(Loaded::MrrChanges(MRR_CHANGES.read(connection, [])?)),
    |connection, _| Ok(Loaded::Purchases(PURCHASES.read(connection, [])?)),
    |connection, _| Ok(Loaded::Accounts(ACCOUNTS.read(connection, [])?)),
    |connection, _| Ok(Loaded::Tasks(TASKS.read(connection, [])?)),
];

/// The facts of one kind, as a worker hands them back.
enum Loaded {
    Accounts(Vec<AccountFact>),
    Tickets(Vec<TicketFact>),
    Surveys(Vec<SurveyFact>),
    Usage(Vec<UsageFact>),
    Contacts(Vec<ContactFact>),
    Tasks(Vec<TaskFact>),
    Purchases(Vec<PurchaseFact>),
    MrrChanges(Vec<MrrChange>),
    StageChanges(Vec<StageFact>),
    Health(Vec<HealthPoint>),
}

impl Store {
    /// Every fact of the workspace as of `today` — with the health scores of
    /// the last snapshot day at or before [`HEALTH_LOOK_BACK_DAYS`] ago —
    /// each kind sorted as [`Facts::sort`] documents, so the caller need not
    /// sort again.
    pub fn load_facts(&self, today: Date) -> Result<Facts, StoreError> {
        let cutoff = health_cutoff(today)?;
        let started = Instant::now();
        let next_kind = AtomicUsize::new(0);
        let loaded = match &self.path {
            Some(path) => thread::scope(|scope| {
                let helper = scope.spawn(|| match connect_read_only(path) {
                    Ok(connection) => read_kinds(&connection, &next_kind, &cutoff),
                    // Only slower: the store's own connection reads every kind.
                    Err(error) => {
                        tracing::warn!(
                            "reading facts on one connection, as a second would not open: {error}"
                        );
                        Ok(Vec::new())
                    }
                });
                let mine = read_kinds(&self.connection, &next_kind, &cutoff);
                let theirs = helper.join().unwrap_or_else(|payload| panic::resume_unwind(payload));
                let mut loaded = mine?;
                loaded.extend(theirs?);
                Ok::<_, StoreError>(loaded)
            })?,
            None => read_kinds(&self.connection, &next_kind, &cutoff)?,
        };
        let mut facts = Facts::default();
        for kind in loaded {
            kind.place_into(&mut facts);
        }
        tracing::debug!(elapsed_ms = started.elapsed().as_secs_f64() * 1e3, "loaded every fact");
        Ok(facts)
    }
}

impl Store {
    /// One account's facts, as [`Store::load_facts`] would hold them: for
    /// recomputing an account's health and risk after a change, in a
    /// millisecond instead of reloading the workspace.
    pub fn load_account_facts(&self, account: AccountId, today: Date) -> Result<Facts, StoreError> {
        let id = account.0;
        let connection = &self.connection;
        let transaction = connection.unchecked_transaction()?;
        let health = HEALTH_COMPARED.read_account(&transaction, params![health_cutoff(today)?, id])?;
        Ok(Facts {
            accounts: ACCOUNTS.read_account(&transaction, [id])?,
            tickets: TICKETS.read_account(&transaction, [id])?,
            surveys: SURVEYS.read_account(&transaction, [id])?,
            usage: USAGE.read_account(&transaction, [id])?,
            contacts: CONTACTS.read_account(&transaction, [id])?,
            tasks: TASKS.read_account(&transaction, [id])?,
            purchases: PURCHASES.read_account(&transaction, [id])?,
            mrr_changes: MRR_CHANGES.read_account(&transaction, [id])?,
            stage_changes: STAGE_CHANGES.read_account(&transaction, [id])?,
            health,
        })
    }
}

/// Reads kinds, the next one not yet taken each time, until none is left.
fn read_kinds(
    connection: &Connection,
    next_kind: &AtomicUsize,
    cutoff: &DayText,
) -> Result<Vec<Loaded>, StoreError> {
    // One read transaction, so every kind this worker reads comes from the
    // same commit.
    let transaction = connection.unchecked_transaction()?;
    let mut loaded = Vec::new();
    while let Some(read_kind) = KINDS_COSTLIEST_FIRST.get(next_kind.fetch_add(1, Ordering::Relaxed)) {
        match read_kind(&transaction, cutoff) {
            Ok(kind) => loaded.push(kind),
            Err(error) => {
                // The load has failed: the other worker need not start
                // another kind.
                next_kind.store(KINDS_COSTLIEST_FIRST.len(), Ordering::Relaxed);
                return Err(error);
            }
        }
    }
    Ok(loaded)
}

/// The last day whose health scores [`Facts`] hold.
fn health_cutoff(today: Date) -> Result<DayText, StoreError> {
    DayText::new(add_days(today, -HEALTH_LOOK_BACK_DAYS), "health_snapshots", "day")
}

impl Loaded {
    fn place_into(self, facts: &mut Facts) {
        match self {
            Loaded::Accounts(rows) => facts.accounts = rows,
            Loaded::Tickets(rows) => facts.tickets = rows,
            Loaded::Surveys(rows) => facts.surveys = rows,
            Loaded::Usage(rows) => facts.usage = rows,
            Loaded::Contacts(rows) => facts.contacts = rows,
            Loaded::Tasks(rows) => facts.tasks = rows,
            Loaded::Purchases(rows) => facts.purchases = rows,
            Loaded::MrrChanges(rows) => facts.mrr_changes = rows,
            Loaded::StageChanges(rows) => facts.stage_changes = rows,
            Loaded::Health(rows) => facts.health = rows,
        }
    }
}
