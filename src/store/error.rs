//! `StoreError`: everything that can go wrong between keepers and its
//! workspace file, worded for the person who has to fix it.
//!
//! Each variant names the file, or the table, row and field, that it is about.
//! The SQLite error type stays inside [`DatabaseError`], so no rusqlite type
//! leaves `store/`.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file system refused something: creating a directory, the file, or
    /// reading its header.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The file exists but is not a keepers workspace; it was left untouched.
    #[error(
        "{} is not a keepers workspace: {reason}. It was left untouched; \
         choose another path with --workspace (or KEEPERS_WORKSPACE), or move the file away",
        path.display()
    )]
    NotAWorkspace { path: PathBuf, reason: String },

    /// The workspace was written by a newer keepers; it was left untouched.
    #[error(
        "{} has workspace schema version {found}, but this keepers understands up to \
         version {supported}. It was left untouched; upgrade keepers to open it",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    /// A bulk load only ever writes a brand-new file.
    #[error(
        "{} already exists; a bulk load writes a new file, to be renamed into place afterwards",
        path.display()
    )]
    AlreadyExists { path: PathBuf },

    /// A stored row holds a value keepers cannot read (a file edited by hand,
    /// or damaged).
    #[error("bad row in table {table} (id {id}), field {field}: {reason}")]
    BadRow { table: &'static str, id: String, field: &'static str, reason: String },

    /// A value has no stored form (a date outside years 0–9999, a negative
    /// count).
    #[error("cannot store field {field} of table {table}: {reason}")]
    Unstorable { table: &'static str, field: &'static str, reason: String },

    /// SQLite reported an error (a constraint, a full disk, a locked file).
    #[error("workspace database error: {0}")]
    Database(#[source] DatabaseError),
}

/// An error reported by SQLite. Opaque, so callers depend on keepers' store
/// API only and a PostgreSQL backend can report its own errors the same way.
#[derive(Debug)]
pub struct DatabaseError(rusqlite::Error);

impl fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Database(DatabaseError(error))
    }
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io { action, path: path.into(), source }
    }
}
