//! Local row ids. Each kind of record has its own id type so an account id can
//! never be passed where a ticket id is expected.

use std::fmt;

macro_rules! local_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

local_id!(
    /// An account (a customer company) in the local workspace.
    AccountId,
    /// A person at an account.
    ContactId,
    /// A support ticket.
    TicketId,
    /// One comment on a ticket.
    CommentId,
    /// One survey answer (NPS, CSAT, CES or a good/bad rating).
    SurveyId,
    /// One purchase.
    PurchaseId,
    /// One move of an account between lifecycle stages.
    StageChangeId,
    /// A task for someone on the team.
    TaskId,
    /// A note written about an account.
    NoteId,
);
