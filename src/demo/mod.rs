//! The deterministic demo workspace: a realistic book of customers —
//! accounts in every lifecycle stage with their stage and MRR histories,
//! contacts, tickets and comments, survey answers, purchases, weekly usage,
//! tasks and notes — in English, Polish, German, Italian, Russian and Thai,
//! with a few planted duplicates and a few hostile strings, for trying
//! keepers, for screenshots and snapshot tests, and for benchmarks at 100k
//! accounts.
//!
//! [`generate`] is the one entry point. The same [`DemoSpec`] (seed, sizes
//! and anchor day) always gives the same rows: the demo has its own PRNG
//! (`random`), reads no clock, iterates no hash map and uses one thread.
//! It writes to `<name>.partial` beside the target and renames it into
//! place only once the store has finished, so an interrupted run never
//! leaves a half-written workspace where keepers would open it.
//!
//! The demo may use `model` and `store`; it writes through the store's bulk
//! writer only (`sink`) and holds no SQL. Every string it writes goes
//! through a `SafeText` constructor, as a connector's decoded input would.
//!
//! How it is split: `profile` plans each account's shape, with `journey`
//! for its stage history (no text); `writer` walks the plans and calls
//! `accounts`, `mrr_history`, `contacts`, `tickets` (with `conversation`),
//! `surveys`, `purchases`, `usage` and `work`, which write through `sink`;
//! `identity`, `names`, `text`, `team_text`, `catalog` and `hostile` supply
//! the words; `anchor` turns offsets from the anchor day into instants.

mod accounts;
mod anchor;
mod catalog;
mod contacts;
mod conversation;
mod hostile;
mod identity;
mod journey;
mod mrr_history;
mod names;
mod profile;
mod purchases;
mod random;
mod sink;
mod surveys;
mod team_text;
mod text;
mod tickets;
mod usage;
mod work;
mod writer;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::store::{Store, StoreError};

use profile::plan_account;
use sink::Sink;
use writer::write_accounts;

/// What to generate. The same spec always gives the same workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    pub seed: u64,
    pub accounts: usize,
    /// Tickets in all, shared among the accounts (larger and unhappier
    /// accounts get more).
    pub tickets: usize,
    /// The anchor day: every record is dated relative to midnight UTC at its
    /// start. Callers pass today's UTC date; tests pass a fixed one.
    pub today: Date,
}

impl DemoSpec {
    /// The size of the demo when none is asked for.
    pub const DEFAULT_ACCOUNTS: usize = 2_000;
    pub const TICKETS_PER_ACCOUNT: usize = 10;

    /// A spec with ten tickets per account.
    pub fn new(seed: u64, accounts: usize, today: Date) -> DemoSpec {
        DemoSpec { seed, accounts, tickets: accounts.saturating_mul(Self::TICKETS_PER_ACCOUNT), today }
    }
}

/// The stages of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoPhase {
    /// Deciding each account's shape; counts accounts.
    Planning,
    /// Writing every record; counts accounts.
    Writing,
    /// Committing the one transaction; 0 or 1 of 1.
    Committing,
    /// Gathering query statistics, flushing to disk and renaming the file
    /// into place; 0 or 1 of 1.
    Finishing,
}

impl DemoPhase {
    /// A short label for a progress bar.
    pub fn label(self) -> &'static str {
        match self {
            DemoPhase::Planning => "planning accounts",
            DemoPhase::Writing => "writing records",
            DemoPhase::Committing => "committing",
            DemoPhase::Finishing => "finishing",
        }
    }
}

/// How far a run has got. Reported at the start and end of every phase and
/// every few hundred accounts while writing — never per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub phase: DemoPhase,
    pub done: u64,
    pub total: u64,
}

/// How many rows of each kind a run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: u64,
    pub stage_changes: u64,
    pub mrr_changes: u64,
    pub contacts: u64,
    pub tickets: u64,
    pub comments: u64,
    /// NPS, CSAT and CES answers, and the ticket ratings also recorded as
    /// rating answers.
    pub surveys: u64,
    pub purchases: u64,
    pub usage_snapshots: u64,
    pub tasks: u64,
    pub notes: u64,
}

impl DemoSummary {
    /// Each kind's name and count, in a fixed order, for tables.
    pub fn rows_by_kind(&self) -> [(&'static str, u64); 11] {
        [
            ("accounts", self.accounts),
            ("stage changes", self.stage_changes),
            ("MRR changes", self.mrr_changes),
            ("contacts", self.contacts),
            ("tickets", self.tickets),
            ("comments", self.comments),
            ("surveys", self.surveys),
            ("purchases", self.purchases),
            ("usage snapshots", self.usage_snapshots),
            ("tasks", self.tasks),
            ("notes", self.notes),
        ]
    }

    pub fn total_rows(&self) -> u64 {
        self.rows_by_kind().iter().map(|(_, count)| count).sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "{} already exists; the demo writes a new workspace only. \
         Choose another path, or move the file away first",
        path.display()
    )]
    AlreadyExists { path: PathBuf },

    #[error("{} is not a file path to write the demo workspace to", path.display())]
    NotAFilePath { path: PathBuf },

    #[error("cannot place {tickets} tickets without accounts: ask for at least one account")]
    TicketsWithoutAccounts { tickets: usize },

    #[error("cannot remove {}, left unfinished by an earlier run: {source}", path.display())]
    RemoveUnfinished {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error(
        "cannot move the finished demo workspace {} to {}: {source}",
        from.display(),
        to.display()
    )]
    MoveIntoPlace {
        from: PathBuf,
        to: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("cannot write the demo workspace {}: {source}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: StoreError,
    },
}

/// Generates the demo workspace described by `spec` at `path`, which must
/// not exist yet, and returns how many rows of each kind it holds.
pub fn generate(
    path: &Path,
    spec: &DemoSpec,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoSummary, DemoError> {
    if spec.accounts == 0 && spec.tickets > 0 {
        return Err(DemoError::TicketsWithoutAccounts { tickets: spec.tickets });
    }
    if exists(path) {
        return Err(DemoError::AlreadyExists { path: path.to_owned() });
    }
    let partial = partial_path(path)?;
    remove_unfinished(&partial)?;
    let summary = match write_workspace(&partial, spec, progress) {
        Ok(summary) => summary,
        Err(error) => {
            // Best effort: the error being reported matters more than a
            // leftover file, which the next run removes anyway.
            let _ = remove_unfinished(&partial);
            return Err(error);
        }
    };
    // Checked again because the run took a while. rename() replaces an
    // existing file, so someone creating `path` between this check and the
    // rename would lose theirs; the window is a moment, not the whole run.
    if exists(path) {
        let _ = remove_unfinished(&partial);
        return Err(DemoError::AlreadyExists { path: path.to_owned() });
    }
    fs::rename(&partial, path).map_err(|source| DemoError::MoveIntoPlace {
        from: partial.clone(),
        to: path.to_owned(),
        source,
    })?;
    progress(DemoProgress { phase: DemoPhase::Finishing, done: 1, total: 1 });
    Ok(summary)
}

fn write_workspace(
    partial: &Path,
    spec: &DemoSpec,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoSummary, DemoError> {
    let store_error = |source| DemoError::Store { path: partial.to_owned(), source };
    let accounts = spec.accounts as u64;
    progress(DemoProgress { phase: DemoPhase::Planning, done: 0, total: accounts });
    let profiles: Vec<_> = (0..spec.accounts).map(|index| plan_account(spec.seed, index)).collect();
    progress(DemoProgress { phase: DemoPhase::Planning, done: accounts, total: accounts });

    let mut store = Store::create_for_bulk_load(partial).map_err(store_error)?;
    progress(DemoProgress { phase: DemoPhase::Writing, done: 0, total: accounts });
    let sink = Sink::new(store.bulk().map_err(store_error)?);
    let sink = write_accounts(sink, spec, &profiles, progress).map_err(store_error)?;
    progress(DemoProgress { phase: DemoPhase::Committing, done: 0, total: 1 });
    let summary = sink.commit().map_err(store_error)?;
    progress(DemoProgress { phase: DemoPhase::Committing, done: 1, total: 1 });
    progress(DemoProgress { phase: DemoPhase::Finishing, done: 0, total: 1 });
    store.finish_bulk_load().map_err(store_error)?;
    Ok(summary)
}

/// Whether anything — a file, a directory, even a dangling link — is at `path`.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// `<name>.partial` in the same directory, so the final rename stays on one
/// file system and is atomic.
fn partial_path(path: &Path) -> Result<PathBuf, DemoError> {
    let Some(name) = path.file_name() else {
        return Err(DemoError::NotAFilePath { path: path.to_owned() });
    };
    let mut partial_name = OsString::from(name);
    partial_name.push(".partial");
    Ok(path.with_file_name(partial_name))
}

/// Removes an unfinished workspace and SQLite's files beside it. A stale
/// rollback journal must go too: SQLite would otherwise replay it into the
/// new file of the same name.
fn remove_unfinished(partial: &Path) -> Result<(), DemoError> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = partial.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(DemoError::RemoveUnfinished { path, source }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partial_file_sits_beside_the_target() {
        let partial = partial_path(Path::new("/tmp/x/demo.db")).unwrap();
        assert_eq!(partial, Path::new("/tmp/x/demo.db.partial"));
        assert!(matches!(partial_path(Path::new("/")), Err(DemoError::NotAFilePath { .. })));
    }

    #[test]
    fn the_summary_adds_up_its_kinds() {
        let summary = DemoSummary { accounts: 2, tickets: 20, notes: 1, ..DemoSummary::default() };
        assert_eq!(summary.total_rows(), 23);
        assert_eq!(summary.rows_by_kind()[0], ("accounts", 2));
    }

    #[test]
    fn a_spec_defaults_to_ten_tickets_per_account() {
        let spec = DemoSpec::new(1, 7, Date::constant(2026, 11, 25));
        assert_eq!(spec.tickets, 70);
    }
}
