//! `content_digest`: one number that changes when any stored value changes,
//! so a test can show that the same seed gives the same workspace.
//!
//! FNV-1a, 64 bits, over every row of every table in primary-key order. Not
//! for security: only to compare two workspaces cheaply.

use rusqlite::types::ValueRef;

use super::{Store, StoreError};

/// Every table, with the columns of its primary key.
const TABLES: &[(&str, &str)] = &[
    ("accounts", "id"),
    ("account_tags", "account_id, position"),
    ("account_external_ids", "account_id, position"),
    ("contacts", "id"),
    ("tickets", "id"),
    ("ticket_comments", "id"),
    ("survey_responses", "id"),
    ("purchases", "id"),
    ("usage_snapshots", "account_id, day"),
    ("stage_changes", "id"),
    ("tasks", "id"),
    ("notes", "id"),
    ("mrr_changes", "id"),
    ("health_snapshots", "account_id, day"),
    ("touchpoints", "id"),
    ("meddic", "account_id, element"),
    ("batches", "id"),
    ("playbook_runs", "id"),
    ("sync_cursors", "source, stream"),
    ("sync_runs", "id"),
    ("outbox", "id"),
];

impl Store {
    /// A hash of the whole content of the workspace.
    pub fn content_digest(&self) -> Result<u64, StoreError> {
        let mut hash = Fnv1a::new();
        for (table, key) in TABLES {
            hash.write_bytes(table.as_bytes());
            let mut statement = self.connection.prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))?;
            let columns = statement.column_count();
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                for column in 0..columns {
                    hash.write_value(row.get_ref(column)?);
                }
            }
        }
        Ok(hash.finish())
    }
}

struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    fn new() -> Self {
        Fnv1a(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    /// Length first, so "ab" + "c" and "a" + "bc" hash apart.
    fn write_bytes(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }

    /// A type tag first, so the integer 1 and the text "1" hash apart.
    fn write_value(&mut self, value: ValueRef<'_>) {
        match value {
            ValueRef::Null => self.write(&[0]),
            ValueRef::Integer(number) => {
                self.write(&[1]);
                self.write(&number.to_le_bytes());
            }
            ValueRef::Real(number) => {
                self.write(&[2]);
                self.write(&number.to_bits().to_le_bytes());
            }
            ValueRef::Text(text) => {
                self.write(&[3]);
                self.write_bytes(text);
            }
            ValueRef::Blob(blob) => {
                self.write(&[4]);
                self.write_bytes(blob);
            }
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        let digest = |text: &str| {
            let mut hash = Fnv1a::new();
            hash.write(text.as_bytes());
            hash.finish()
        };
        assert_eq!(digest(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(digest("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(digest("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_table_is_hashed() {
        let store = Store::open_in_memory().unwrap();
        let mut statement = store
            .connection
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        let mut tables: Vec<String> =
            statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        let mut hashed: Vec<String> = TABLES.iter().map(|(table, _)| table.to_string()).collect();
        tables.sort();
        hashed.sort();
        assert_eq!(tables, hashed);
    }
}
