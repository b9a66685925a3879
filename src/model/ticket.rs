//! Support tickets and their comments.

use jiff::Timestamp;

use super::vocabulary::vocabulary;
use super::{AccountId, CommentId, ContactId, ExternalRef, SafeText, TicketId};

vocabulary! {
    /// Ticket status, in the order a ticket usually moves through them.
    TicketStatus, "ticket status" {
        New = "new",
        Open = "open",
        Pending = "pending",
        OnHold = "on-hold" | "on hold" | "hold",
        Solved = "solved" | "resolved",
        Closed = "closed",
    }
}

impl TicketStatus {
    /// Open tickets are those not solved or closed (DOMAIN.md, support times).
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Solved | TicketStatus::Closed)
    }
}

vocabulary! {
    TicketPriority, "ticket priority" {
        Low = "low",
        Normal = "normal" | "medium",
        High = "high",
        Urgent = "urgent",
    }
}

vocabulary! {
    /// How the ticket reached the team.
    TicketChannel, "ticket channel" {
        Email = "email" | "e-mail" | "mail",
        Web = "web" | "form" | "portal",
        Chat = "chat" | "messaging",
        Phone = "phone" | "voice" | "call",
        Api = "api",
        Social = "social" | "twitter" | "facebook",
    }
}

vocabulary! {
    /// The requester's satisfaction rating of a ticket (helpdesks collect it
    /// as good/bad). A rating never offered is simply absent.
    Satisfaction, "satisfaction rating" {
        /// Offered to the requester, not answered yet: not an answer.
        Offered = "offered",
        Good = "good",
        Bad = "bad",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: TicketId,
    pub account_id: AccountId,
    pub requester_id: Option<ContactId>,
    pub subject: SafeText,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    /// The agent the ticket is assigned to; empty when unassigned.
    pub assignee: SafeText,
    pub channel: TicketChannel,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub solved_at: Option<Timestamp>,
    /// When the next SLA target (first reply or resolution) is due.
    pub sla_due_at: Option<Timestamp>,
    pub satisfaction: Option<Satisfaction>,
    pub external: Option<ExternalRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketComment {
    pub id: CommentId,
    pub ticket_id: TicketId,
    /// Who wrote it: an agent's or a requester's name.
    pub author: SafeText,
    /// Whether the comment was written by an agent (as opposed to the requester).
    pub by_agent: bool,
    /// Public replies reach the requester; internal notes do not.
    pub public: bool,
    pub body: SafeText,
    pub created_at: Timestamp,
}
