//! The fast path for filling a brand-new workspace (the demo generator, a
//! first import): no fsync and the rollback journal in memory while loading,
//! then the everyday settings once it is done.
//!
//! The journal is kept in memory rather than turned off: SQLite journals only
//! pages that existed before a transaction, so filling a new file costs the
//! same either way (measured), and a [`BulkWriter`](super::BulkWriter)
//! dropped after an error still rolls back cleanly instead of leaving the
//! file in an undefined state.
//!
//! Safe only because nobody else can see the file: it is created here, is
//! not yet where keepers looks for a workspace, and the caller renames it into
//! place after [`Store::finish_bulk_load`]. A crash midway leaves a file to
//! delete, never a damaged workspace.

use std::fs::File;
use std::path::Path;

use super::inspect::Verdict;
use super::open::connect;
use super::{Store, StoreError, permissions};

/// Page cache while loading, in KiB (SQLite's negative cache_size): enough to
/// keep the indexes of a million tickets in memory.
const BULK_LOAD_CACHE_KIB: i64 = 128 * 1024;

impl Store {
    /// Creates a new workspace at `path` for loading in bulk; fails if the
    /// file exists. Its directories are made 0700 and the file 0600, as by
    /// [`Store::open`].
    pub fn create_for_bulk_load(path: &Path) -> Result<Store, StoreError> {
        permissions::create_parent_directories(path)?;
        permissions::create_private_file(path)?;
        let connection = connect(path)?;
        connection.pragma_update(None, "journal_mode", "MEMORY")?;
        connection.pragma_update(None, "synchronous", "OFF")?;
        connection.pragma_update(None, "cache_size", -BULK_LOAD_CACHE_KIB)?;
        connection.pragma_update(None, "temp_store", "MEMORY")?;
        let mut store = Store { connection, path: Some(path.to_owned()), warnings: Vec::new() };
        store.prepare_schema(Verdict::Blank)?;
        Ok(store)
    }

    /// Ends a bulk load: gathers the statistics the query planner uses,
    /// switches the file to write-ahead logging, closes it and flushes it to
    /// disk. The file is then an ordinary workspace, ready to be renamed into
    /// place.
    pub fn finish_bulk_load(self) -> Result<(), StoreError> {
        let Store { connection, path, .. } = self;
        // A sample per index is plenty for the planner, and keeps ANALYZE of
        // millions of rows to a moment.
        connection.pragma_update(None, "analysis_limit", 1000)?;
        connection.execute_batch("ANALYZE; PRAGMA optimize;")?;
        // Should the file system refuse WAL, `Store::open` says so later.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.close().map_err(|(_, error)| StoreError::from(error))?;
        let Some(path) = path else {
            return Ok(());
        };
        File::open(&path)
            .and_then(|file| file.sync_all())
            .map_err(|error| StoreError::io("flush to disk", &path, error))
    }
}
