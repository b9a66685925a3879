//! The records two queues need with their text, which the numbers-only
//! facts leave out: open tickets whose SLA is past or close (the `sla`
//! queue shows their ids), and one user's open tasks (`my_tasks` shows
//! their titles). Each is one SELECT; the queue logic itself is in
//! `metrics::queues`.

use jiff::Timestamp;

use super::tasks::{TASK_SELECT, decode_task};
use super::tickets::{TICKET_SELECT, decode_ticket};
use super::{Store, StoreError};
use crate::model::{Task, TaskStatus, Ticket, TicketStatus};

impl Store {
    /// Open tickets (neither solved nor closed) whose SLA falls due at or
    /// before `due_by`, soonest first.
    pub fn open_tickets_due_by(&self, due_by: Timestamp) -> Result<Vec<Ticket>, StoreError> {
        // The status words are the model's own, not the user's.
        let sql = format!(
            "{TICKET_SELECT} WHERE status NOT IN ('{}', '{}') AND sla_due_at IS NOT NULL \
             AND sla_due_at <= ?1 ORDER BY account_id, sla_due_at, id",
            TicketStatus::Solved.as_str(),
            TicketStatus::Closed.as_str()
        );
        self.read_all(&sql, [due_by.as_second()], decode_ticket)
    }

    /// Open tasks whose owner is `owner` (ignoring ASCII case), soonest due
    /// first; tasks without a due day come last.
    pub fn open_tasks_owned_by(&self, owner: &str) -> Result<Vec<Task>, StoreError> {
        let sql = format!(
            "{TASK_SELECT} WHERE status = '{}' AND lower(owner) = lower(?1) \
             ORDER BY account_id, due IS NULL, due, id",
            TaskStatus::Open.as_str()
        );
        self.read_all(&sql, [owner], decode_task)
    }
}
