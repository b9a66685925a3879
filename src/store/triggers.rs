//! What the playbooks' triggers read: every account, and the survey
//! answers, stage changes and purchases they fire on; and the record of
//! each run, so the next one starts where it ended.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, PurchaseId, SafeText, StageChangeId, SurveyId};
use crate::playbooks::{TriggerAccount, TriggerPurchase, TriggerStageChange, TriggerSurvey};

/// The records a run of the triggers reads.
#[derive(Debug, Clone, Default)]
pub struct TriggerRecords {
    pub accounts: Vec<TriggerAccount>,
    pub surveys: Vec<TriggerSurvey>,
    /// Every purchase: onboarding counts from the last one before a stage
    /// change, however old.
    pub purchases: Vec<TriggerPurchase>,
    pub stage_changes: Vec<TriggerStageChange>,
}

impl Store {
    /// Every account, and the NPS answers and stage changes from `since` on.
    pub fn trigger_records(&self, since: Timestamp) -> Result<TriggerRecords, StoreError> {
        let accounts =
            self.read_all("SELECT id, name, owner, stage, renewal_date FROM accounts", [], |row| {
                let reader = RowReader::new(row, "accounts", RowKey::Id);
                Ok(TriggerAccount {
                    id: AccountId(reader.int(0, "id")?),
                    name: reader.line(1, "name", FieldCap::NAME)?,
                    owner: reader.line(2, "owner", FieldCap::NAME)?,
                    stage: reader.word(3, "stage")?,
                    renewal_date: reader.opt_day(4, "renewal_date")?,
                })
            })?;
        let surveys = self.read_all(
            "SELECT s.id, s.account_id, c.name, s.kind, s.score, s.responded_at FROM survey_responses s \
             LEFT JOIN contacts c ON c.id = s.contact_id WHERE s.kind = 'nps' AND s.responded_at >= ?1",
            [since.as_second()],
            |row| {
                let reader = RowReader::new(row, "survey_responses", RowKey::Id);
                let kind = reader.word(3, "kind")?;
                let score = reader.int(4, "score")?;
                Ok(TriggerSurvey {
                    id: SurveyId(reader.int(0, "id")?),
                    account: AccountId(reader.int(1, "account_id")?),
                    contact: reader.opt_line(2, "name", FieldCap::NAME)?.unwrap_or_default(),
                    answer: crate::model::SurveyAnswer::new(kind, score)
                        .map_err(|error| reader.bad("score", error.to_string()))?,
                    responded_at: reader.instant(5, "responded_at")?,
                })
            },
        )?;
        let purchases = self.read_all("SELECT id, account_id, purchased_at FROM purchases", [], |row| {
            let reader = RowReader::new(row, "purchases", RowKey::Id);
            Ok(TriggerPurchase {
                id: PurchaseId(reader.int(0, "id")?),
                account: AccountId(reader.int(1, "account_id")?),
                at: reader.instant(2, "purchased_at")?,
            })
        })?;
        let stage_changes = self.read_all(
            "SELECT id, account_id, to_stage, changed_at FROM stage_changes WHERE changed_at >= ?1",
            [since.as_second()],
            |row| {
                let reader = RowReader::new(row, "stage_changes", RowKey::Id);
                Ok(TriggerStageChange {
                    id: StageChangeId(reader.int(0, "id")?),
                    account: AccountId(reader.int(1, "account_id")?),
                    to: reader.word(2, "to_stage")?,
                    at: reader.instant(3, "changed_at")?,
                })
            },
        )?;
        Ok(TriggerRecords { accounts, surveys, purchases, stage_changes })
    }

    /// When the triggers last ran, if they have.
    pub fn last_playbook_run(&self) -> Result<Option<Timestamp>, StoreError> {
        let second: Option<i64> = self
            .connection
            .query_row("SELECT ran_at FROM playbook_runs ORDER BY id DESC LIMIT 1", [], |row| row.get(0))
            .optional()?;
        Ok(second.and_then(|second| Timestamp::from_second(second).ok()))
    }

    /// Records a run of the triggers.
    pub fn record_playbook_run(
        &self,
        ran_at: Timestamp,
        since: Timestamp,
        planned: usize,
        created: usize,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO playbook_runs (ran_at, since, planned, created) VALUES (?1, ?2, ?3, ?4)",
            params![ran_at.as_second(), since.as_second(), planned as i64, created as i64],
        )?;
        Ok(())
    }
}

/// A name for the playbooks as the author of what they write.
pub fn playbooks_author() -> SafeText {
    SafeText::line("playbooks", FieldCap::NAME)
}
