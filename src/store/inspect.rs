//! Decides whether an existing file may be opened as a workspace, before
//! keepers changes anything in it.
//!
//! The first look reads the 100-byte SQLite header through a plain read-only
//! file handle, not an SQLite connection: SQLite opening a WAL-mode database,
//! even read-only, may create -wal and -shm files beside it, and a file that
//! is not ours must be left exactly as it was. The same verdict is asked again
//! of the SQLite connection before its first write, because a database whose
//! latest changes still sit in its -wal file has a stale header.
//!
//! Reads only: never writes, creates or deletes anything.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::StoreError;

/// `PRAGMA application_id` of every keepers workspace: "KEEP" in ASCII.
pub(super) const APPLICATION_ID: i32 = 0x4B45_4550;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// What the identifying fields of a database say about it.
pub(super) struct DatabaseFacts {
    pub(super) application_id: i32,
    pub(super) user_version: i64,
    /// Whether any table, index or view exists.
    pub(super) has_schema: bool,
}

/// How an existing file may be used.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Empty, or an SQLite database nobody has claimed: make it a workspace.
    Blank,
    /// A keepers workspace this version can open (and migrate).
    Workspace,
}

/// Refuses a file whose header shows it is not a workspace keepers can open,
/// without opening it as a database.
pub(super) fn check_header(path: &Path, newest_schema: i64) -> Result<(), StoreError> {
    let mut file = File::open(path).map_err(|error| StoreError::io("open", path, error))?;
    let length = file.metadata().map_err(|error| StoreError::io("read the size of", path, error))?.len();
    if length == 0 {
        return Ok(());
    }
    let mut header = [0u8; HEADER_LEN];
    match file.read_exact(&mut header) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
            return Err(not_a_workspace(path, "it is not an SQLite database"));
        }
        Err(error) => return Err(StoreError::io("read", path, error)),
    }
    if &header[..16] != SQLITE_MAGIC {
        return Err(not_a_workspace(path, "it is not an SQLite database"));
    }
    let facts = DatabaseFacts {
        application_id: i32::from_be_bytes(field(&header, 68)),
        user_version: i64::from(i32::from_be_bytes(field(&header, 60))),
        // Page 1 holds the schema table, so every table or index needs a
        // page of its own beyond it.
        has_schema: length > page_size(&header),
    };
    judge(path, &facts, newest_schema).map(drop)
}

/// The verdict on a database from its identifying fields.
pub(super) fn judge(path: &Path, facts: &DatabaseFacts, newest_schema: i64) -> Result<Verdict, StoreError> {
    match facts.application_id {
        APPLICATION_ID if facts.user_version > newest_schema => Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: facts.user_version,
            supported: newest_schema,
        }),
        APPLICATION_ID => Ok(Verdict::Workspace),
        0 if !facts.has_schema => Ok(Verdict::Blank),
        0 => Err(not_a_workspace(path, "it is an SQLite database of another program")),
        other => Err(not_a_workspace(
            path,
            &format!("it is an SQLite database of another program (application id {other:#010x})"),
        )),
    }
}

fn not_a_workspace(path: &Path, reason: &str) -> StoreError {
    StoreError::NotAWorkspace { path: path.to_owned(), reason: reason.to_owned() }
}

fn field(header: &[u8; HEADER_LEN], offset: usize) -> [u8; 4] {
    [header[offset], header[offset + 1], header[offset + 2], header[offset + 3]]
}

/// The page size at offset 16: a big-endian u16 in which 1 means 65536.
fn page_size(header: &[u8; HEADER_LEN]) -> u64 {
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    }
}
