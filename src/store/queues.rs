//! The records three queues need with their text, which the numbers-only
//! facts leave out: open tickets whose SLA is past or close (the `sla`
//! queue shows their ids), one user's open tasks (`my_tasks` shows their
//! titles), and the contacts' e-mail addresses (`duplicates` links two
//! records that list the same person). Each is one SELECT; the queue logic
//! itself is in `metrics::queues`.

use jiff::Timestamp;
use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::tasks::{TASK_SELECT, decode_task};
use super::tickets::{TICKET_SELECT, decode_ticket};
use super::{Store, StoreError};
use crate::metrics::queues::ContactEmail;
use crate::model::{AccountId, FieldCap, Task, TaskStatus, Ticket, TicketStatus};

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

    /// Every contact's e-mail address that is not empty, by account.
    pub fn contact_emails(&self) -> Result<Vec<ContactEmail>, StoreError> {
        self.read_all(
            "SELECT id, account_id, email FROM contacts WHERE email <> '' ORDER BY account_id, id",
            [],
            decode_contact_email,
        )
    }
}

fn decode_contact_email(row: &Row<'_>) -> Result<ContactEmail, StoreError> {
    let reader = RowReader::new(row, "contacts", RowKey::Id);
    Ok(ContactEmail {
        account: AccountId(reader.int(1, "account_id")?),
        email: reader.line(2, "email", FieldCap::TOKEN)?.into_string(),
    })
}
