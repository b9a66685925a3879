//! Running a SELECT through the statement cache and decoding every row it
//! returns with one of the per-table decoders.

use rusqlite::{Params, Row};

use super::{Store, StoreError};

/// Turns one result row into a model value.
pub(super) type Decode<T> = fn(&Row<'_>) -> Result<T, StoreError>;

impl Store {
    pub(super) fn read_all<T>(
        &self,
        sql: &str,
        params: impl Params,
        decode: Decode<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut statement = self.connection.prepare_cached(sql)?;
        let mut rows = statement.query(params)?;
        let mut values = Vec::new();
        while let Some(row) = rows.next()? {
            values.push(decode(row)?);
        }
        Ok(values)
    }

    pub(super) fn read_optional<T>(
        &self,
        sql: &str,
        params: impl Params,
        decode: Decode<T>,
    ) -> Result<Option<T>, StoreError> {
        let mut statement = self.connection.prepare_cached(sql)?;
        let mut rows = statement.query(params)?;
        rows.next()?.map(decode).transpose()
    }
}
