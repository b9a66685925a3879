//! Reading survey answers (NPS, CSAT, CES, ratings) and their loop closures.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{
    AccountId, ContactId, FieldCap, LoopClosure, SurveyAnswer, SurveyId, SurveyKind, SurveyResponse, TicketId,
};

/// The columns `decode_survey` reads, shared with the timeline.
pub(super) const SURVEY_SELECT: &str = "SELECT id, account_id, contact_id, ticket_id, kind, score, \
     comment, responded_at, loop_closed_at, loop_closed_by, loop_outcome FROM survey_responses";

impl Store {
    /// An account's survey answers, newest first.
    pub fn surveys_of(&self, account: AccountId) -> Result<Vec<SurveyResponse>, StoreError> {
        let sql = format!("{SURVEY_SELECT} WHERE account_id = ?1 ORDER BY responded_at DESC, id DESC");
        self.read_all(&sql, [account.0], decode_survey)
    }
}

pub(super) fn decode_survey(row: &Row<'_>) -> Result<SurveyResponse, StoreError> {
    let reader = RowReader::new(row, "survey_responses", RowKey::Id);
    let kind: SurveyKind = reader.word(4, "kind")?;
    let answer = SurveyAnswer::new(kind, reader.int(5, "score")?)
        .map_err(|error| reader.bad("score", error.to_string()))?;
    let closed_at = reader.opt_instant(8, "loop_closed_at")?;
    let closed_by = reader.opt_line(9, "loop_closed_by", FieldCap::NAME)?;
    let outcome = reader.opt_multiline(10, "loop_outcome", FieldCap::COMMENT)?;
    let loop_closed = match (closed_at, closed_by, outcome) {
        (Some(at), Some(by), Some(outcome)) => Some(LoopClosure { at, by, outcome }),
        (None, None, None) => None,
        _ => {
            return Err(reader.bad("loop_closed_at", "the loop closure is only partly filled in"));
        }
    };
    Ok(SurveyResponse {
        id: SurveyId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        contact_id: reader.opt_int(2, "contact_id")?.map(ContactId),
        ticket_id: reader.opt_int(3, "ticket_id")?.map(TicketId),
        answer,
        comment: reader.multiline(6, "comment", FieldCap::COMMENT)?,
        responded_at: reader.instant(7, "responded_at")?,
        loop_closed,
    })
}
