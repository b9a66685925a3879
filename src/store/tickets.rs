//! Reading tickets and their comments.

use rusqlite::Row;

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, CommentId, ContactId, FieldCap, Ticket, TicketComment, TicketId};

/// The columns `decode_ticket` reads, shared with the timeline.
pub(super) const TICKET_SELECT: &str = "SELECT id, account_id, requester_id, subject, status, \
     priority, assignee, channel, created_at, updated_at, solved_at, sla_due_at, satisfaction, \
     source, external_id FROM tickets";

const COMMENTS_OF_TICKET: &str = "SELECT id, ticket_id, author, by_agent, is_public, body, \
     created_at FROM ticket_comments WHERE ticket_id = ?1 ORDER BY created_at, id";

impl Store {
    /// An account's tickets, newest first.
    pub fn tickets_of(&self, account: AccountId) -> Result<Vec<Ticket>, StoreError> {
        let sql = format!("{TICKET_SELECT} WHERE account_id = ?1 ORDER BY created_at DESC, id DESC");
        self.read_all(&sql, [account.0], decode_ticket)
    }

    pub fn ticket(&self, id: TicketId) -> Result<Option<Ticket>, StoreError> {
        let sql = format!("{TICKET_SELECT} WHERE id = ?1");
        self.read_optional(&sql, [id.0], decode_ticket)
    }

    /// A ticket's conversation, oldest comment first.
    pub fn comments_of(&self, ticket: TicketId) -> Result<Vec<TicketComment>, StoreError> {
        self.read_all(COMMENTS_OF_TICKET, [ticket.0], decode_comment)
    }
}

pub(super) fn decode_ticket(row: &Row<'_>) -> Result<Ticket, StoreError> {
    let reader = RowReader::new(row, "tickets", RowKey::Id);
    Ok(Ticket {
        id: TicketId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        requester_id: reader.opt_int(2, "requester_id")?.map(ContactId),
        subject: reader.line(3, "subject", FieldCap::SUBJECT)?,
        status: reader.word(4, "status")?,
        priority: reader.word(5, "priority")?,
        assignee: reader.line(6, "assignee", FieldCap::NAME)?,
        channel: reader.word(7, "channel")?,
        created_at: reader.instant(8, "created_at")?,
        updated_at: reader.instant(9, "updated_at")?,
        solved_at: reader.opt_instant(10, "solved_at")?,
        sla_due_at: reader.opt_instant(11, "sla_due_at")?,
        satisfaction: reader.opt_word(12, "satisfaction")?,
        external: reader.external_ref(13)?,
    })
}

fn decode_comment(row: &Row<'_>) -> Result<TicketComment, StoreError> {
    let reader = RowReader::new(row, "ticket_comments", RowKey::Id);
    Ok(TicketComment {
        id: CommentId(reader.int(0, "id")?),
        ticket_id: TicketId(reader.int(1, "ticket_id")?),
        author: reader.line(2, "author", FieldCap::NAME)?,
        by_agent: reader.flag(3, "by_agent")?,
        public: reader.flag(4, "is_public")?,
        body: reader.multiline(5, "body", FieldCap::BODY)?,
        created_at: reader.instant(6, "created_at")?,
    })
}
