//! What a connector reads from a backend, before keepers has ids for it:
//! each record carries its id in the backend, and refers to the records it
//! belongs to by *their* backend ids (a ticket's organization and
//! requester). The store upserts records on (source, external id) and
//! resolves those references; a page of them is written in one
//! transaction with the cursor that follows it.

use jiff::Timestamp;

use crate::model::{
    LifecycleStage, Money, SafeText, Satisfaction, SurveyAnswer, TicketChannel, TicketPriority, TicketStatus,
    TouchpointChannel,
};

/// A company: a Zendesk organization, a HubSpot company, a Freshdesk company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub external_id: SafeText,
    pub name: SafeText,
    /// The e-mail domain (lower case, no `www.`); empty when unknown. How
    /// one account's records from several sources are joined.
    pub domain: SafeText,
    pub plan: SafeText,
    pub owner: SafeText,
    /// The lifecycle stage, when the backend keeps one.
    pub stage: Option<LifecycleStage>,
    pub mrr: Option<Money>,
    pub renewal_date: Option<jiff::civil::Date>,
    pub tags: Vec<SafeText>,
    pub created_at: Timestamp,
}

/// A person at a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub external_id: SafeText,
    /// The backend id of the company; `None` when the backend has none (the
    /// store then joins the contact by its e-mail domain).
    pub account: Option<SafeText>,
    pub name: SafeText,
    /// Lower case.
    pub email: SafeText,
    pub role: SafeText,
    pub last_seen_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRecord {
    pub external_id: SafeText,
    /// The backend id of the company, if the ticket has one.
    pub account: Option<SafeText>,
    /// The backend id of the requester.
    pub requester: Option<SafeText>,
    pub subject: SafeText,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    pub assignee: SafeText,
    pub channel: TicketChannel,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub solved_at: Option<Timestamp>,
    pub satisfaction: Option<Satisfaction>,
}

/// A comment on a ticket, read when the ticket is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRecord {
    pub ticket: SafeText,
    pub author: SafeText,
    pub by_agent: bool,
    pub public: bool,
    pub body: SafeText,
    pub created_at: Timestamp,
}

/// A survey answer (HubSpot feedback, a satisfaction rating).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRecord {
    pub external_id: SafeText,
    pub account: Option<SafeText>,
    pub contact: Option<SafeText>,
    pub ticket: Option<SafeText>,
    pub answer: SurveyAnswer,
    pub comment: SafeText,
    pub responded_at: Timestamp,
}

/// A purchase: a won deal (HubSpot), an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRecord {
    pub external_id: SafeText,
    pub account: Option<SafeText>,
    pub amount: Money,
    pub description: SafeText,
    pub purchased_at: Timestamp,
}

/// A call, e-mail, meeting or chat logged in the backend (a HubSpot
/// engagement), or a note (`channel: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRecord {
    pub external_id: SafeText,
    pub account: Option<SafeText>,
    pub contact: Option<SafeText>,
    /// `None` for a note.
    pub channel: Option<TouchpointChannel>,
    /// How it went ("connected", "no answer"), for a touchpoint.
    pub outcome: SafeText,
    pub body: SafeText,
    pub author: SafeText,
    pub at: Timestamp,
}

/// An account's next renewal, as a backend schedules it (an open renewal
/// deal in HubSpot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalRecord {
    pub account: SafeText,
    pub date: jiff::civil::Date,
}

/// One record of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Account(AccountRecord),
    Contact(ContactRecord),
    Ticket(TicketRecord),
    Survey(SurveyRecord),
    Purchase(PurchaseRecord),
    Activity(ActivityRecord),
    Renewal(RenewalRecord),
}

/// One page of a stream, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub records: Vec<Record>,
    /// The cursor to store once this page is written, to read the next page
    /// from; `None` keeps the cursor as it was (a backend that ended its
    /// stream without a new one).
    pub next: Option<String>,
    /// The stream has nothing after this page, for now.
    pub end_of_stream: bool,
}
