//! Rows kept as JSON while a merge has them out of their tables, and put
//! back the same on undo. The column list comes from the schema itself, so
//! a column added by a later migration is kept too.

use rusqlite::Transaction;

use crate::store::StoreError;

/// The tables whose rows a merge parks; their names go into SQL.
#[derive(Debug, Clone, Copy)]
pub(super) enum Parked {
    Accounts,
    AccountTags,
    Contacts,
    UsageSnapshots,
    HealthSnapshots,
    Meddic,
    MrrChanges,
}

impl Parked {
    pub(super) fn table(self) -> &'static str {
        match self {
            Parked::Accounts => "accounts",
            Parked::AccountTags => "account_tags",
            Parked::Contacts => "contacts",
            Parked::UsageSnapshots => "usage_snapshots",
            Parked::HealthSnapshots => "health_snapshots",
            Parked::Meddic => "meddic",
            Parked::MrrChanges => "mrr_changes",
        }
    }
}

fn columns(transaction: &Transaction<'_>, table: Parked) -> Result<Vec<String>, StoreError> {
    let mut statement = transaction.prepare(&format!("PRAGMA table_info({})", table.table()))?;
    let names = statement.query_map([], |row| row.get::<_, String>(1))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// The rows of `table` where `column` (an account or contact id column) is
/// `id`, as a JSON array of objects.
pub(super) fn park(
    transaction: &Transaction<'_>,
    table: Parked,
    column: &'static str,
    id: i64,
) -> Result<String, StoreError> {
    let fields: Vec<String> =
        columns(transaction, table)?.iter().map(|name| format!("'{name}', \"{name}\"")).collect();
    let sql = format!(
        "SELECT json_group_array(json_object({})) FROM {} WHERE {column} = ?1",
        fields.join(", "),
        table.table()
    );
    Ok(transaction.query_row(&sql, [id], |row| row.get(0))?)
}

/// Inserts the rows [`park`] kept.
pub(super) fn restore(transaction: &Transaction<'_>, table: Parked, rows: &str) -> Result<(), StoreError> {
    let names = columns(transaction, table)?;
    let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    let values: Vec<String> = names.iter().map(|name| format!("value ->> '$.{name}'")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) SELECT {} FROM json_each(?1)",
        table.table(),
        quoted.join(", "),
        values.join(", ")
    );
    transaction.execute(&sql, [rows])?;
    Ok(())
}
