//! The timeline: one event type that unifies everything that happens to an
//! account, from every source, so the account view can show it in one list.

use jiff::Timestamp;

use super::{
    AccountId, LifecycleStage, Money, SafeText, SurveyAnswer, TaskStatus, TicketId, TicketPriority,
    TicketStatus, TouchpointChannel,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: Timestamp,
    pub account_id: AccountId,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    StageChanged { from: Option<LifecycleStage>, to: LifecycleStage, reason: SafeText },
    TicketOpened { ticket_id: TicketId, subject: SafeText, priority: TicketPriority, status: TicketStatus },
    TicketSolved { ticket_id: TicketId, subject: SafeText },
    SurveyAnswered { answer: SurveyAnswer, comment: SafeText },
    LoopClosed { answer: SurveyAnswer, by: SafeText, outcome: SafeText },
    Purchased { amount: Money, description: SafeText },
    NoteAdded { author: SafeText, body: SafeText },
    Touchpoint { channel: TouchpointChannel, outcome: SafeText, summary: SafeText, author: SafeText },
    TaskDue { title: SafeText, status: TaskStatus, playbook: SafeText },
}

impl EventKind {
    /// A short name of the kind of event, for a column and a filter.
    pub fn label(&self) -> &'static str {
        match self {
            EventKind::StageChanged { .. } => "stage",
            EventKind::TicketOpened { .. } | EventKind::TicketSolved { .. } => "ticket",
            EventKind::SurveyAnswered { .. } | EventKind::LoopClosed { .. } => "survey",
            EventKind::Purchased { .. } => "purchase",
            EventKind::NoteAdded { .. } => "note",
            EventKind::Touchpoint { .. } => "touchpoint",
            EventKind::TaskDue { .. } => "task",
        }
    }

    /// One line that says what happened.
    pub fn summary(&self) -> String {
        match self {
            EventKind::StageChanged { from: Some(from), to, reason } if reason.is_empty() => {
                format!("{from} → {to}")
            }
            EventKind::StageChanged { from: Some(from), to, reason } => {
                format!("{from} → {to}: {reason}")
            }
            EventKind::StageChanged { from: None, to, .. } => format!("entered {to}"),
            EventKind::TicketOpened { ticket_id, subject, priority, status } => {
                format!("#{ticket_id} opened ({priority}, now {status}): {subject}")
            }
            EventKind::TicketSolved { ticket_id, subject } => {
                format!("#{ticket_id} solved: {subject}")
            }
            EventKind::SurveyAnswered { answer, comment } => {
                let score = answer_text(*answer);
                if comment.is_empty() { score } else { format!("{score} — {comment}") }
            }
            EventKind::LoopClosed { answer, by, outcome } => {
                format!("loop closed on {} by {by}: {outcome}", answer_text(*answer))
            }
            EventKind::Purchased { amount, description } => format!("{amount} {description}"),
            EventKind::NoteAdded { author, body } => format!("{author}: {body}"),
            EventKind::Touchpoint { channel, outcome, summary, author } => {
                let by = if author.is_empty() { String::new() } else { format!(" by {author}") };
                let summary = if summary.is_empty() { String::new() } else { format!(" ({summary})") };
                format!("{channel}{by}: {outcome}{summary}")
            }
            EventKind::TaskDue { title, status, playbook } if playbook.is_empty() => {
                format!("{title} ({status})")
            }
            EventKind::TaskDue { title, status, playbook } => {
                format!("{title} ({status}, {playbook} playbook)")
            }
        }
    }
}

/// A survey answer as one phrase: "NPS 9", "CSAT 4/5", "rated good".
pub fn answer_text(answer: SurveyAnswer) -> String {
    match answer {
        SurveyAnswer::Nps(score) => format!("NPS {score}"),
        SurveyAnswer::Csat(score) => format!("CSAT {score}/5"),
        SurveyAnswer::Ces(score) => format!("CES {score}/7"),
        SurveyAnswer::Rating(rating) => format!("rated {rating}"),
    }
}
