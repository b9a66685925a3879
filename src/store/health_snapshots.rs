//! Daily health snapshots: one score per account per UTC day, saved once a
//! day so that an account's health has a trend ("fell 15 points in 30
//! days") and not only a current value.

use jiff::civil::Date;
use rusqlite::Row;

use super::codec::DayText;
use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::AccountId;

const HEALTH_OF_ACCOUNT: &str =
    "SELECT account_id, day, score FROM health_snapshots WHERE account_id = ?1 ORDER BY day";

const SNAPSHOT_OF_DAY_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM health_snapshots WHERE day = ?1)";

impl Store {
    /// Saves the scores of `day`, each replacing the account's score of that
    /// day if one was saved before, all in one transaction: either every
    /// score is saved or none is. Returns how many rows were written.
    pub fn save_health_snapshots(
        &mut self,
        day: Date,
        scores: &[(AccountId, u8)],
    ) -> Result<usize, StoreError> {
        let mut writer = self.bulk()?;
        for &(account, score) in scores {
            writer.upsert_health_snapshot(account, day, score)?;
        }
        writer.commit()?;
        Ok(scores.len())
    }

    /// Whether any score of `day` has been saved: the daily snapshot is
    /// taken once.
    pub fn has_health_snapshot(&self, day: Date) -> Result<bool, StoreError> {
        let day = DayText::new(day, "health_snapshots", "day")?;
        let exists: bool =
            self.connection.prepare_cached(SNAPSHOT_OF_DAY_EXISTS)?.query_row([day], |row| row.get(0))?;
        Ok(exists)
    }

    /// An account's saved scores, oldest day first.
    pub fn health_history(&self, account: AccountId) -> Result<Vec<(Date, u8)>, StoreError> {
        self.read_all(HEALTH_OF_ACCOUNT, [account.0], decode_health_snapshot)
    }
}

fn decode_health_snapshot(row: &Row<'_>) -> Result<(Date, u8), StoreError> {
    let reader = RowReader::new(row, "health_snapshots", RowKey::AccountAndDay);
    Ok((reader.day(1, "day")?, reader.score(2, "score")?))
}
