//! Schema migrations: numbered SQL files under `migrations/`, embedded in the
//! binary and applied in order, each in its own transaction, with the number
//! of the last one applied kept in `PRAGMA user_version`.
//!
//! A migration, once released, is never edited: a change to the schema is a
//! new file. This module only runs them; checking that a file may be migrated
//! at all is `inspect`'s job.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

struct Migration {
    version: i64,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("migrations/0001_initial.sql") },
    Migration { version: 2, sql: include_str!("migrations/0002_mrr_and_health.sql") },
    Migration { version: 3, sql: include_str!("migrations/0003_first_reply.sql") },
    Migration { version: 4, sql: include_str!("migrations/0004_filter_indexes.sql") },
    Migration { version: 5, sql: include_str!("migrations/0005_outbox.sql") },
    Migration { version: 6, sql: include_str!("migrations/0006_actions.sql") },
    Migration { version: 7, sql: include_str!("migrations/0007_sync.sql") },
];

/// The schema version this keepers writes: the number of the last migration.
pub(super) const NEWEST_SCHEMA: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(super) fn schema_version(connection: &Connection) -> Result<i64, StoreError> {
    Ok(connection.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every migration newer than the file's schema. A file that is up
/// to date is not written to at all.
pub(super) fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    if schema_version(connection)? >= NEWEST_SCHEMA {
        return Ok(());
    }
    for migration in MIGRATIONS {
        // IMMEDIATE takes the write lock before the version is read, so two
        // keepers opening the same new file cannot both apply a migration.
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if schema_version(&transaction)? >= migration.version {
            continue;
        }
        transaction.execute_batch(migration.sql)?;
        transaction.pragma_update(None, "user_version", migration.version)?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1);
        }
    }
}
