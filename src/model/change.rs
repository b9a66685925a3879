//! What a user asks keepers to change: one [`Change`] per action of the
//! console and `keepers act` — a note, a touchpoint, a task and its moves, a
//! stage, a ticket's fields, a closed loop, a MEDDIC element, a merge. The
//! store applies them with their outbox rows; nothing here does I/O.

use jiff::Timestamp;
use jiff::civil::Date;

use super::vocabulary::vocabulary;
use super::{
    AccountId, ContactId, LifecycleStage, SafeText, SurveyId, TaskId, TicketId, TicketPriority, TicketStatus,
};

vocabulary! {
    /// How a touchpoint with the customer happened.
    TouchpointChannel, "touchpoint channel" {
        Call = "call" | "phone",
        Email = "email" | "e-mail" | "mail",
        Meeting = "meeting" | "video",
        Chat = "chat",
    }
}

vocabulary! {
    /// The six elements of the MEDDIC checklist, in their order.
    MeddicElement, "MEDDIC element" {
        Metrics = "metrics" | "m",
        EconomicBuyer = "economic-buyer" | "economic buyer" | "eb",
        DecisionCriteria = "decision-criteria" | "decision criteria" | "dc",
        DecisionProcess = "decision-process" | "decision process" | "dp",
        IdentifyPain = "identify-pain" | "identify pain" | "pain" | "ip",
        Champion = "champion" | "c",
    }
}

impl MeddicElement {
    /// The element as the checklist names it: "Economic buyer".
    pub fn title(self) -> &'static str {
        match self {
            MeddicElement::Metrics => "Metrics",
            MeddicElement::EconomicBuyer => "Economic buyer",
            MeddicElement::DecisionCriteria => "Decision criteria",
            MeddicElement::DecisionProcess => "Decision process",
            MeddicElement::IdentifyPain => "Identify pain",
            MeddicElement::Champion => "Champion",
        }
    }
}

/// One filled-in element of an account's MEDDIC checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeddicEntry {
    pub element: MeddicElement,
    pub done: bool,
    /// What shows it: "CFO signs above 50k".
    pub evidence: SafeText,
    pub updated_by: SafeText,
    pub updated_at: Timestamp,
}

/// A call, e-mail, meeting or chat with the customer, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touchpoint {
    pub account_id: AccountId,
    pub contact_id: Option<ContactId>,
    pub channel: TouchpointChannel,
    /// How it went: "renewal agreed", "no answer".
    pub outcome: SafeText,
    pub summary: SafeText,
    pub author: SafeText,
    pub at: Timestamp,
}

/// A task as a user makes it by hand: open, with no playbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDraft {
    pub account: AccountId,
    pub title: SafeText,
    pub owner: SafeText,
    pub due: Option<Date>,
}

/// A ticket's fields a user sets; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketUpdate {
    pub status: Option<TicketStatus>,
    pub priority: Option<TicketPriority>,
    pub assignee: Option<SafeText>,
}

impl TicketUpdate {
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.priority.is_none() && self.assignee.is_none()
    }
}

/// One action. Who did it and when come with the batch it is applied in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Note {
        account: AccountId,
        body: SafeText,
    },
    Touchpoint {
        account: AccountId,
        contact: Option<ContactId>,
        channel: TouchpointChannel,
        outcome: SafeText,
        summary: SafeText,
    },
    AddTask(TaskDraft),
    /// A task a playbook planned. Its `trigger_key` names the playbook, step
    /// and record it answers: a second task with the same key is skipped.
    PlaybookTask {
        draft: TaskDraft,
        playbook: String,
        trigger_key: String,
    },
    CompleteTask(TaskId),
    SnoozeTask {
        task: TaskId,
        until: Date,
    },
    ReassignTask {
        task: TaskId,
        owner: SafeText,
    },
    SetStage {
        account: AccountId,
        stage: LifecycleStage,
        reason: SafeText,
    },
    UpdateTicket {
        ticket: TicketId,
        update: TicketUpdate,
    },
    /// An internal (not public) note on a ticket.
    TicketNote {
        ticket: TicketId,
        body: SafeText,
    },
    /// A detractor or bad rating has had its human follow-up.
    CloseLoop {
        survey: SurveyId,
        outcome: SafeText,
    },
    Meddic {
        account: AccountId,
        element: MeddicElement,
        done: bool,
        evidence: SafeText,
    },
    /// `merge` becomes part of `keep`: its records move over, its own row is
    /// kept in the outbox item so the merge can be undone.
    MergeAccounts {
        keep: AccountId,
        merge: AccountId,
    },
    MergeContacts {
        keep: ContactId,
        merge: ContactId,
    },
}

impl Change {
    /// The action's name, as the outbox stores it and a backend receives it.
    pub fn action(&self) -> &'static str {
        match self {
            Change::Note { .. } => "note",
            Change::Touchpoint { .. } => "touchpoint",
            Change::AddTask(_) | Change::PlaybookTask { .. } => "task",
            Change::CompleteTask(_) => "task_done",
            Change::SnoozeTask { .. } => "task_snooze",
            Change::ReassignTask { .. } => "task_reassign",
            Change::SetStage { .. } => "stage",
            Change::UpdateTicket { .. } => "ticket_update",
            Change::TicketNote { .. } => "ticket_note",
            Change::CloseLoop { .. } => "loop_closed",
            Change::Meddic { .. } => "meddic",
            Change::MergeAccounts { .. } => "merge_accounts",
            Change::MergeContacts { .. } => "merge_contacts",
        }
    }

    /// Whether lists and queues may read differently after it (a stage, a
    /// task, a ticket, a merge), not only the record's own view.
    pub fn changes_lists(&self) -> bool {
        !matches!(
            self,
            Change::Note { .. }
                | Change::Touchpoint { .. }
                | Change::TicketNote { .. }
                | Change::Meddic { .. }
        )
    }

    /// The record the action is about, as the outbox orders pushes by it.
    pub fn record(&self) -> (&'static str, i64) {
        match self {
            Change::Note { account, .. }
            | Change::Touchpoint { account, .. }
            | Change::AddTask(TaskDraft { account, .. })
            | Change::PlaybookTask { draft: TaskDraft { account, .. }, .. }
            | Change::SetStage { account, .. }
            | Change::Meddic { account, .. }
            | Change::MergeAccounts { keep: account, .. } => ("account", account.0),
            Change::CompleteTask(task)
            | Change::SnoozeTask { task, .. }
            | Change::ReassignTask { task, .. } => ("task", task.0),
            Change::UpdateTicket { ticket, .. } | Change::TicketNote { ticket, .. } => ("ticket", ticket.0),
            Change::CloseLoop { survey, .. } => ("survey", survey.0),
            Change::MergeContacts { keep, .. } => ("contact", keep.0),
        }
    }
}

/// Every action name [`Change::action`] gives, for reading stored rows.
pub const ACTIONS: [&str; 13] = [
    "note",
    "touchpoint",
    "task",
    "task_done",
    "task_snooze",
    "task_reassign",
    "stage",
    "ticket_update",
    "ticket_note",
    "loop_closed",
    "meddic",
    "merge_accounts",
    "merge_contacts",
];

/// Every record kind [`Change::record`] gives.
pub const RECORD_KINDS: [&str; 5] = ["account", "task", "ticket", "survey", "contact"];
