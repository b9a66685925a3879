//! The account timeline: stage changes, tickets opened and solved, survey
//! answers and loop closures, purchases, notes, touchpoints and tasks, merged into one
//! list of [`Event`]s, newest first.
//!
//! Each kind is read newest first with the same limit, using the table's
//! (account, time) index, and the lists are merged: the whole read is bounded
//! by `limit` per kind however long the account's history is.

use jiff::Timestamp;

use super::engagement::{TOUCHPOINT_SELECT, decode_touchpoint};
use super::notes::{NOTE_SELECT, decode_note};
use super::purchases::{PURCHASE_SELECT, decode_purchase};
use super::stage_history::{STAGE_CHANGE_SELECT, decode_stage_change};
use super::surveys::{SURVEY_SELECT, decode_survey};
use super::tasks::{TASK_SELECT, decode_task};
use super::tickets::{TICKET_SELECT, decode_ticket};
use super::{Store, StoreError};
use crate::model::time::start_of_day;
use crate::model::{AccountId, Event, EventKind};

impl Store {
    /// The latest `limit` events of an account, newest first. A task is
    /// placed at the start of its due day (tasks without one have no place on
    /// the timeline), so upcoming tasks come before everything that happened.
    /// Events at the same second keep a fixed order: stage, ticket opened,
    /// ticket solved, survey, loop closed, purchase, note, touchpoint, task.
    pub fn timeline(&self, account: AccountId, limit: usize) -> Result<Vec<Event>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let params = (account.0, i64::try_from(limit).unwrap_or(i64::MAX));
        let event = |at: Timestamp, kind: EventKind| Event { at, account_id: account, kind };
        let mut events = Vec::new();

        let sql =
            format!("{STAGE_CHANGE_SELECT} WHERE account_id = ?1 ORDER BY changed_at DESC, id DESC LIMIT ?2");
        for change in self.read_all(&sql, params, decode_stage_change)? {
            let kind = EventKind::StageChanged { from: change.from, to: change.to, reason: change.reason };
            events.push(event(change.at, kind));
        }

        let sql = format!("{TICKET_SELECT} WHERE account_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2");
        for ticket in self.read_all(&sql, params, decode_ticket)? {
            let kind = EventKind::TicketOpened {
                ticket_id: ticket.id,
                subject: ticket.subject,
                priority: ticket.priority,
                status: ticket.status,
            };
            events.push(event(ticket.created_at, kind));
        }

        let sql = format!(
            "{TICKET_SELECT} WHERE account_id = ?1 AND solved_at IS NOT NULL \
             ORDER BY solved_at DESC, id DESC LIMIT ?2"
        );
        for ticket in self.read_all(&sql, params, decode_ticket)? {
            if let Some(solved_at) = ticket.solved_at {
                let kind = EventKind::TicketSolved { ticket_id: ticket.id, subject: ticket.subject };
                events.push(event(solved_at, kind));
            }
        }

        let sql =
            format!("{SURVEY_SELECT} WHERE account_id = ?1 ORDER BY responded_at DESC, id DESC LIMIT ?2");
        for survey in self.read_all(&sql, params, decode_survey)? {
            let kind = EventKind::SurveyAnswered { answer: survey.answer, comment: survey.comment };
            events.push(event(survey.responded_at, kind));
        }

        let sql = format!(
            "{SURVEY_SELECT} WHERE account_id = ?1 AND loop_closed_at IS NOT NULL \
             ORDER BY loop_closed_at DESC, id DESC LIMIT ?2"
        );
        for survey in self.read_all(&sql, params, decode_survey)? {
            if let Some(closure) = survey.loop_closed {
                let kind =
                    EventKind::LoopClosed { answer: survey.answer, by: closure.by, outcome: closure.outcome };
                events.push(event(closure.at, kind));
            }
        }

        let sql =
            format!("{PURCHASE_SELECT} WHERE account_id = ?1 ORDER BY purchased_at DESC, id DESC LIMIT ?2");
        for purchase in self.read_all(&sql, params, decode_purchase)? {
            let kind = EventKind::Purchased { amount: purchase.amount, description: purchase.description };
            events.push(event(purchase.purchased_at, kind));
        }

        let sql = format!("{NOTE_SELECT} WHERE account_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2");
        for note in self.read_all(&sql, params, decode_note)? {
            let kind = EventKind::NoteAdded { author: note.author, body: note.body };
            events.push(event(note.created_at, kind));
        }

        let sql =
            format!("{TOUCHPOINT_SELECT} WHERE account_id = ?1 ORDER BY happened_at DESC, id DESC LIMIT ?2");
        for touchpoint in self.read_all(&sql, params, decode_touchpoint)? {
            let kind = EventKind::Touchpoint {
                channel: touchpoint.channel,
                outcome: touchpoint.outcome,
                summary: touchpoint.summary,
                author: touchpoint.author,
            };
            events.push(event(touchpoint.at, kind));
        }

        let sql = format!(
            "{TASK_SELECT} WHERE account_id = ?1 AND due IS NOT NULL ORDER BY due DESC, id DESC LIMIT ?2"
        );
        for task in self.read_all(&sql, params, decode_task)? {
            if let Some(due) = task.due {
                let kind =
                    EventKind::TaskDue { title: task.title, status: task.status, playbook: task.playbook };
                events.push(event(start_of_day(due), kind));
            }
        }

        // A stable sort: events of one kind at the same second keep the
        // newest-id-first order their query gave them.
        events.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| kind_rank(&a.kind).cmp(&kind_rank(&b.kind))));
        events.truncate(limit);
        Ok(events)
    }
}

fn kind_rank(kind: &EventKind) -> u8 {
    match kind {
        EventKind::StageChanged { .. } => 0,
        EventKind::TicketOpened { .. } => 1,
        EventKind::TicketSolved { .. } => 2,
        EventKind::SurveyAnswered { .. } => 3,
        EventKind::LoopClosed { .. } => 4,
        EventKind::Purchased { .. } => 5,
        EventKind::NoteAdded { .. } => 6,
        EventKind::Touchpoint { .. } => 7,
        EventKind::TaskDue { .. } => 8,
    }
}
