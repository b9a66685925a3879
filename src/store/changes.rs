//! Noticing that another process changed the workspace — a sync, an import,
//! a second console — so that open screens can reload what they show.

use super::{Store, StoreError};

impl Store {
    /// A number that changes whenever another connection commits to the
    /// workspace (SQLite's `data_version`). Commits made through this store
    /// do not change it: whoever makes them knows already.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.connection.pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn another_connection_committing_changes_the_version() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("workspace.db");
        let watcher = Store::open(&path).expect("open");
        let before = watcher.data_version().expect("version");
        assert_eq!(watcher.data_version().expect("version"), before, "nothing happened yet");
        let writer = Store::open(&path).expect("second connection");
        writer
            .connection
            .execute(
                "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, \
                 stage, created_at) VALUES ('A', 'a', 'a.example', '', 0, 'USD', '', 'retention', 0)",
                [],
            )
            .expect("insert");
        assert_ne!(watcher.data_version().expect("version"), before, "the other connection's commit shows");
    }
}
