//! The domain model: plain data types for everything keepers knows about a
//! customer — accounts, contacts, tickets and their comments, survey answers,
//! purchases, usage, stage changes, tasks, notes — and the timeline [`Event`]
//! that unifies them.
//!
//! These types hold no I/O and know nothing of SQL, HTTP or the terminal.
//! Every string that came from outside is a [`SafeText`], sanitised once when
//! it was decoded, so the rest of the program can print it without care.

mod account;
mod change;
mod contact;
mod event;
mod ids;
mod money;
mod note;
mod outbox;
mod purchase;
mod safe_text;
mod source;
mod stage;
mod survey;
mod task;
mod ticket;
pub mod time;
mod usage;
mod vocabulary;

pub use account::{Account, AccountSummary, company_domain};
pub use change::{
    ACTIONS, Change, MeddicElement, MeddicEntry, RECORD_KINDS, TaskDraft, TicketUpdate, Touchpoint,
    TouchpointChannel,
};
pub use contact::Contact;
pub use event::{Event, EventKind, answer_text};
pub use ids::{
    AccountId, CommentId, ContactId, NoteId, PurchaseId, StageChangeId, SurveyId, TaskId, TicketId,
};
pub use money::{Currency, Money, MoneyError, group_thousands};
pub use note::Note;
pub use outbox::{IdempotencyKey, OutboxItem, OutboxState};
pub use purchase::Purchase;
pub use safe_text::{FieldCap, SafeText};
pub use source::{ExternalRef, Source};
pub use stage::{LifecycleStage, StageChange};
pub use survey::{LoopClosure, Rating, SurveyAnswer, SurveyError, SurveyKind, SurveyResponse};
pub use task::{Task, TaskRow, TaskStatus};
pub use ticket::{Satisfaction, Ticket, TicketChannel, TicketComment, TicketPriority, TicketStatus};
pub use usage::UsageSnapshot;
pub(crate) use vocabulary::normalise_word;

/// A value of one of the model's closed vocabularies (stage, status, …) could
/// not be read from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}; expected one of: {expected}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}
