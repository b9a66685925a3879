//! Opening a workspace: the order of the steps is the point of this file.
//!
//! 1. A missing file is created 0600 (its directories 0700) by keepers, so
//!    SQLite never creates it with the default mode.
//! 2. An existing file is judged from its header (`inspect`) before SQLite
//!    sees it, then from what SQLite reads through a read-only connection.
//! 3. The read-write connection asks once more, and only then does the first
//!    write: WAL mode, the application id, migrations.
//! 4. Permissions that expose the workspace become warnings (`permissions`).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::inspect::{self, APPLICATION_ID, DatabaseFacts, Verdict};
use super::migrations::{self, NEWEST_SCHEMA};
use super::{Store, StoreError, permissions};

/// How long a statement waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements kept per connection: every SELECT and INSERT of the
/// store fits, so none is prepared twice.
const STATEMENT_CACHE: usize = 64;

impl Store {
    /// Opens the workspace at `path`, creating it (and its directories) if it
    /// does not exist. A file that is not a keepers workspace, or that was
    /// written by a newer keepers, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        permissions::create_parent_directories(path)?;
        // Creating first and inspecting on "already exists" leaves no moment
        // in which another process could slip a file in between the two.
        match permissions::create_private_file(path) {
            Ok(()) => {}
            Err(StoreError::AlreadyExists { .. }) => {
                inspect::check_header(path, NEWEST_SCHEMA)?;
                check_read_only(path)?;
            }
            Err(error) => return Err(error),
        }
        let mut warnings = permissions::exposure_warnings(path);
        let connection = connect(path)?;
        // Asked once more on the connection that will write, in case another
        // process changed the file since.
        let verdict = inspect::judge(path, &database_facts(&connection)?, NEWEST_SCHEMA)?;
        set_durable_pragmas(&connection)?;
        if journal_mode(&connection)? != "wal" {
            warnings.push(format!(
                "{} could not be switched to write-ahead logging (the file system may not \
                 support it); keepers works, but readers may wait for writers",
                path.display()
            ));
        }
        let mut store = Store { connection, path: Some(path.to_owned()), warnings };
        store.prepare_schema(verdict)?;
        permissions::tighten_sidecar_files(path)?;
        Ok(store)
    }

    /// A private workspace in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let connection = Connection::open_in_memory()?;
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        connection.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { connection, path: None, warnings: Vec::new() };
        store.prepare_schema(Verdict::Blank)?;
        Ok(store)
    }

    /// Claims a blank database for keepers and brings the schema up to date.
    pub(super) fn prepare_schema(&mut self, verdict: Verdict) -> Result<(), StoreError> {
        if verdict == Verdict::Blank {
            self.connection.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        migrations::migrate(&mut self.connection)
    }
}

/// A read-write connection to an existing file. Without SQLITE_OPEN_CREATE:
/// keepers creates files itself, with their permissions.
pub(super) fn connect(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "foreign_keys", true)?;
    Ok(connection)
}

/// A connection that can only read: it never writes the file, nor
/// checkpoints a -wal file into it when it closes.
pub(super) fn connect_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// The header can be stale (changes still in the -wal file), so the database
/// itself is asked too, through a read-only connection, which leaves the
/// file as it found it.
fn check_read_only(path: &Path) -> Result<(), StoreError> {
    let connection = connect_read_only(path)?;
    inspect::judge(path, &database_facts(&connection)?, NEWEST_SCHEMA).map(drop)
}

/// What the database itself says: reads only.
fn database_facts(connection: &Connection) -> Result<DatabaseFacts, StoreError> {
    let application_id = connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let user_version = migrations::schema_version(connection)?;
    let objects: i64 = connection.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok(DatabaseFacts { application_id, user_version, has_schema: objects > 0 })
}

/// Crash-safe settings for everyday use: WAL so readers never wait for the
/// writer, and FULL sync so a confirmed action survives power loss.
fn set_durable_pragmas(connection: &Connection) -> Result<(), StoreError> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

fn journal_mode(connection: &Connection) -> Result<String, StoreError> {
    Ok(connection.pragma_query_value(None, "journal_mode", |row| row.get(0))?)
}
