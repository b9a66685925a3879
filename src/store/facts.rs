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
    ACCOUNTS, CONTACTS, HEALTH_SINCE, MRR_CHANGES, PURCHASES, SURVEYS, TASKS, TICKETS, USAGE,
};
use super::open::connect_read_only;
use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::metrics::{
    AccountFact, ContactFact, Facts, HealthPoint, MrrChange, PurchaseFact, SurveyFact, TaskFact, TicketFact,
    UsageFact,
};
use crate::model::AccountId;
use crate::model::time::add_days;

/// How many days of health scores [`Facts`] holds: the newest saved day
/// and the 30 before it, which the longest look-back of the churn-risk rules
/// ("health fell 15 points in 30 days") needs. Older scores stay in the
/// workspace for [`Store::health_history`]; loading them all would add 100k
/// rows a day to every load of a 100k-account workspace.
pub const HEALTH_DAYS_IN_FACTS: i64 = 31;

const NEWEST_HEALTH_DAY: &str = "SELECT account_id, day FROM health_snapshots ORDER BY day DESC LIMIT 1";

/// Reads one kind of fact.
type ReadKind = fn(&Connection) -> Result<Loaded, StoreError>;

/// Every kind, costliest first as measured on the 100k-account demo with a
/// month of health scores, so that neither worker is left with a big kind
/// to read alone at the end.
const KINDS_COSTLIEST_FIRST: [ReadKind; 9] = [
    |connection| Ok(Loaded::Tickets(TICKETS.read(connection, [])?)),
    read_health,
    |connection| Ok(Loaded::Usage(USAGE.read(connection, [])?)),
    |connection| Ok(Loaded::Surveys(SURVEYS.read(connection, [])?)),
    |connection| Ok(Loaded::Contacts(CONTACTS.read(connection, [])?)),
    |connection| Ok(Loaded::MrrChanges(MRR_CHANGES.read(connection, [])?)),
    |connection| Ok(Loaded::Purchases(PURCHASES.read(connection, [])?)),
    |connection| Ok(Loaded::Accounts(ACCOUNTS.read(connection, [])?)),
    |connection| Ok(Loaded::Tasks(TASKS.read(connection, [])?)),
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
    Health(Vec<HealthPoint>),
}

impl Store {
    /// Every fact of the workspace — with the health scores of the last
    /// [`HEALTH_DAYS_IN_FACTS`] days saved — each kind sorted as
    /// [`Facts::sort`] documents, so the caller need not sort again.
    pub fn load_facts(&self) -> Result<Facts, StoreError> {
        let started = Instant::now();
        let next_kind = AtomicUsize::new(0);
        let loaded = match &self.path {
            Some(path) => thread::scope(|scope| {
                let helper = scope.spawn(|| match connect_read_only(path) {
                    Ok(connection) => read_kinds(&connection, &next_kind),
                    // Only slower: the store's own connection reads every kind.
                    Err(error) => {
                        tracing::warn!(
                            "reading facts on one connection, as a second would not open: {error}"
                        );
                        Ok(Vec::new())
                    }
                });
                let mine = read_kinds(&self.connection, &next_kind);
                let theirs = helper.join().unwrap_or_else(|payload| panic::resume_unwind(payload));
                let mut loaded = mine?;
                loaded.extend(theirs?);
                Ok::<_, StoreError>(loaded)
            })?,
            None => read_kinds(&self.connection, &next_kind)?,
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
    pub fn load_account_facts(&self, account: AccountId) -> Result<Facts, StoreError> {
        let id = account.0;
        let connection = &self.connection;
        let transaction = connection.unchecked_transaction()?;
        let health = match newest_health_day(&transaction)? {
            Some(newest) => {
                let first =
                    DayText::new(add_days(newest, 1 - HEALTH_DAYS_IN_FACTS), "health_snapshots", "day")?;
                HEALTH_SINCE.read_account(&transaction, params![first, id])?
            }
            None => Vec::new(),
        };
        Ok(Facts {
            accounts: ACCOUNTS.read_account(&transaction, [id])?,
            tickets: TICKETS.read_account(&transaction, [id])?,
            surveys: SURVEYS.read_account(&transaction, [id])?,
            usage: USAGE.read_account(&transaction, [id])?,
            contacts: CONTACTS.read_account(&transaction, [id])?,
            tasks: TASKS.read_account(&transaction, [id])?,
            purchases: PURCHASES.read_account(&transaction, [id])?,
            mrr_changes: MRR_CHANGES.read_account(&transaction, [id])?,
            health,
        })
    }
}

/// Reads kinds, the next one not yet taken each time, until none is left.
fn read_kinds(connection: &Connection, next_kind: &AtomicUsize) -> Result<Vec<Loaded>, StoreError> {
    // One read transaction, so every kind this worker reads comes from the
    // same commit.
    let transaction = connection.unchecked_transaction()?;
    let mut loaded = Vec::new();
    while let Some(read_kind) = KINDS_COSTLIEST_FIRST.get(next_kind.fetch_add(1, Ordering::Relaxed)) {
        match read_kind(&transaction) {
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

/// The scores of the last [`HEALTH_DAYS_IN_FACTS`] days up to the newest
/// one saved.
fn read_health(connection: &Connection) -> Result<Loaded, StoreError> {
    let Some(newest) = newest_health_day(connection)? else {
        return Ok(Loaded::Health(Vec::new()));
    };
    let first = DayText::new(add_days(newest, 1 - HEALTH_DAYS_IN_FACTS), "health_snapshots", "day")?;
    Ok(Loaded::Health(HEALTH_SINCE.read(connection, [first])?))
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
            Loaded::Health(rows) => facts.health = rows,
        }
    }
}

/// The latest day any health score was saved for.
fn newest_health_day(connection: &Connection) -> Result<Option<Date>, StoreError> {
    let mut statement = connection.prepare_cached(NEWEST_HEALTH_DAY)?;
    let mut rows = statement.query([])?;
    rows.next()?
        .map(|row| RowReader::new(row, "health_snapshots", RowKey::AccountAndDay).day(1, "day"))
        .transpose()
}
