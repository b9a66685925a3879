//! The workspace store: one SQLite file holding everything keepers knows
//! locally — accounts and every record that hangs off them.
//!
//! This is the only module that holds SQL. It takes and returns model types
//! (and the plain fact rows of `metrics`, which it fills); no rusqlite type
//! leaves it, so the rest of the program never learns that the workspace is
//! SQLite (a PostgreSQL workspace may follow behind the same API). It may use
//! `model` and `metrics`' data types and `query`'s syntax tree, and nothing
//! to its right in the data flow (`app`, `ui`).
//!
//! - opening: [`Store::open`] checks an existing file before it changes
//!   anything (`inspect`), keeps the file private (`permissions`), sets the
//!   pragmas and applies the migrations (`open`, `migrations`);
//! - writing: [`Store::bulk`] gives a [`BulkWriter`], one transaction with
//!   prepared statements; [`Store::create_for_bulk_load`] is the fast path
//!   for a brand-new file (`bulk_load`); a file import asks, inside the
//!   writer's transaction, which account a row refers to and whether its
//!   record is already stored (`import_lookup`);
//! - reading: one file per kind of record, each with its SELECTs and the
//!   decoding of its rows; `reading` runs the queries, `row_reader` turns
//!   bad values into errors, `codec` holds the stored forms shared with the
//!   writer; `timeline` merges the records into one list of events, and
//!   `digest` hashes everything;
//! - history: `mrr_history` reads an account's MRR changes, and
//!   `health_snapshots` saves and reads the daily health scores;
//! - filters: [`Store::accounts_matching`] and [`Store::count_matching`]
//!   run a queue filter of `query` as one SELECT with bound parameters
//!   (`filter`);
//! - facts: [`Store::load_facts`] reads the whole workspace as the
//!   numbers-only rows metrics are computed from, on two connections at once
//!   (`facts`), with the SELECT, decoder and order of each kind in
//!   `fact_rows`;
//! - queues: the open tickets near their SLA and a user's open tasks, with
//!   the text the `sla` and `my_tasks` queues show (`queues`);
//! - search: [`Store::search_index`] reads every account, contact, ticket
//!   subject and note's first line into the search box's index (`search`);
//! - changes: [`Store::data_version`] tells that another process wrote;
//! - actions: a user's change and its outbox row with an idempotency key,
//!   written in one transaction, undone by batch, and the outbox as the
//!   pusher works it (`act`).
//!
//! Every call is synchronous: the caller runs it off the UI task.

mod accounts;
mod act;
mod bulk;
mod bulk_load;
mod changes;
mod codec;
mod contacts;
mod digest;
mod engagement;
mod error;
mod fact_rows;
mod facts;
mod filter;
mod health_snapshots;
mod import_lookup;
mod inspect;
mod lookup;
mod migrations;
mod mrr_history;
mod notes;
mod open;
mod permissions;
mod purchases;
mod queues;
mod reading;
mod row_reader;
mod search;
mod stage_history;
mod surveys;
mod sync;
mod tasks;
mod tickets;
mod timeline;
mod triggers;
mod usage;

use std::path::PathBuf;

use rusqlite::Connection;

pub use accounts::{AccountColumn, AccountSort};
pub use act::{Actor, Applied, BatchId, Keyed, OutboxCounts, PushResult, UndoOutcome};
pub use bulk::BulkWriter;
pub use error::{DatabaseError, StoreError};
pub use facts::HEALTH_LOOK_BACK_DAYS;
pub use import_lookup::ReferencedAccount;
pub use lookup::AccountMatch;
pub use sync::{Origin, PageWritten, SyncRun};
pub use triggers::{TriggerRecords, playbooks_author};

/// An open workspace.
pub struct Store {
    connection: Connection,
    /// `None` for an in-memory store.
    path: Option<PathBuf>,
    warnings: Vec<String>,
}

impl Store {
    /// Things the user should fix that did not stop the workspace opening,
    /// such as a file other users can read; each says how to fix it.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}
