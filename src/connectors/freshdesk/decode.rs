//! Freshdesk response bodies into connector records: one function per
//! endpoint, each taking the body as text (and where the page was asked
//! from) and returning a page of records with the cursor that follows it.
//! Pure — no HTTP, no clock, no store.
//!
//! What Freshdesk's records say in numbers, and what keepers makes of them:
//! - Ticket status: 2 open, 3 pending, 4 resolved, 5 closed. Numbers above
//!   5 are statuses a team added ("waiting on customer", "waiting on third
//!   party"): unsolved and waiting on someone, so on hold.
//! - Priority: 1 low, 2 medium (keepers' normal), 3 high, 4 urgent; none
//!   given is normal.
//! - Source: 1 e-mail, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10
//!   outbound e-mail; the retired Twitter (5) and Facebook (6) are social;
//!   the rest (forums, apps, the API, bots) and none given count as the API.
//! - A ticket names its agent by id only, so the assignee reads "agent 123";
//!   the listing has no resolution time, so a resolved or closed ticket's
//!   `updated_at` stands in for it.
//! - Satisfaction ratings: the default question's answer, on Freshdesk's
//!   scale of -103 … 103, becomes a CSAT score 1–5. A classic survey answers
//!   103 happy, 100 neutral, -103 unhappy (5, 3, 1); a custom survey's
//!   scale of up to seven points is folded to five: ±103 are the ends (5
//!   and 1), 101 and 102 are 4, -101 and -102 are 2, 100 is 3. So every
//!   unhappy answer is a CSAT of 2 or less, which asks for a follow-up.
//! - A conversation names its author by id only ("user 123"); one that
//!   came in from outside (`incoming`) is the customer's, the rest the
//!   team's; a private note is not public.

use jiff::Timestamp;

use super::reader::{DecodeError, Endpoint, Reader, parse_list};
use super::window::{PER_PAGE, TicketWindow};
use crate::connectors::records::{
    AccountRecord, CommentRecord, ContactRecord, Page, Record, SurveyRecord, TicketRecord,
};
use crate::model::{FieldCap, SafeText, SurveyAnswer, TicketChannel, TicketPriority, TicketStatus};

/// Page `page` of `/api/v2/companies`: accounts.
pub fn decode_companies(page: u32, body: &str) -> Result<Page, DecodeError> {
    decode_listing(Endpoint::Companies, "company", page, body, company)
}

/// Page `page` of `/api/v2/contacts`: contacts.
pub fn decode_contacts(page: u32, body: &str) -> Result<Page, DecodeError> {
    decode_listing(Endpoint::Contacts, "contact", page, body, contact)
}

/// Page `page` of `/api/v2/surveys/satisfaction_ratings`: CSAT answers.
pub fn decode_satisfaction_ratings(page: u32, body: &str) -> Result<Page, DecodeError> {
    decode_listing(Endpoint::SatisfactionRatings, "satisfaction rating", page, body, rating)
}

/// The page of `/api/v2/tickets` that `window` asked for, with the window
/// to read next as the cursor (see `window`).
pub fn decode_tickets(window: TicketWindow, body: &str) -> Result<Page, DecodeError> {
    let values = parse_list(Endpoint::Tickets, body)?;
    let mut records = Vec::with_capacity(values.len());
    let mut newest: Option<Timestamp> = None;
    for (index, value) in values.iter().enumerate() {
        let ticket = ticket(&Reader::record(Endpoint::Tickets, "ticket", index + 1, value)?)?;
        newest = Some(newest.map_or(ticket.updated_at, |newest| newest.max(ticket.updated_at)));
        records.push(Record::Ticket(ticket));
    }
    let (next, end_of_stream) = window.after_page(values.len(), newest);
    Ok(Page { records, next: Some(next.cursor()), end_of_stream })
}

/// A page of `/api/v2/tickets/{ticket_id}/conversations`: the ticket's
/// replies and notes, oldest first as Freshdesk lists them.
pub fn decode_conversations(ticket_id: u64, body: &str) -> Result<Vec<CommentRecord>, DecodeError> {
    let endpoint = Endpoint::Conversations;
    let ticket = id_text(ticket_id);
    parse_list(endpoint, body)?
        .iter()
        .enumerate()
        .map(|(index, value)| {
            conversation(&Reader::record(endpoint, "conversation", index + 1, value)?, &ticket)
        })
        .collect()
}

/// A page of a listing read by page number: a full page has a next one
/// (whose number is the cursor), a shorter one is the end.
fn decode_listing(
    endpoint: Endpoint,
    kind: &'static str,
    page: u32,
    body: &str,
    decode: fn(&Reader) -> Result<Record, DecodeError>,
) -> Result<Page, DecodeError> {
    let values = parse_list(endpoint, body)?;
    let records = values
        .iter()
        .enumerate()
        .map(|(index, value)| decode(&Reader::record(endpoint, kind, index + 1, value)?))
        .collect::<Result<Vec<_>, _>>()?;
    if values.len() < PER_PAGE {
        return Ok(Page { records, next: None, end_of_stream: true });
    }
    Ok(Page { records, next: Some(page.saturating_add(1).to_string()), end_of_stream: false })
}

fn ticket(record: &Reader) -> Result<TicketRecord, DecodeError> {
    let external_id = id_text(record.id()?);
    let status = match record.required_code("status")? {
        2 => TicketStatus::Open,
        3 => TicketStatus::Pending,
        4 => TicketStatus::Solved,
        5 => TicketStatus::Closed,
        custom if custom > 5 => TicketStatus::OnHold,
        other => {
            return Err(record.unexpected(
                "status",
                &other.into(),
                "2 open, 3 pending, 4 resolved, 5 closed or a team's own status above 5",
            ));
        }
    };
    let priority = match record.optional_code("priority")? {
        None | Some(2) => TicketPriority::Normal,
        Some(1) => TicketPriority::Low,
        Some(3) => TicketPriority::High,
        Some(4) => TicketPriority::Urgent,
        Some(other) => {
            return Err(record.unexpected("priority", &other.into(), "1 low, 2 medium, 3 high or 4 urgent"));
        }
    };
    let updated_at = record.required_timestamp("updated_at")?;
    Ok(TicketRecord {
        external_id,
        account: record.optional_id("company_id")?.map(id_text),
        requester: record.optional_id("requester_id")?.map(id_text),
        subject: SafeText::line(record.optional_str("subject")?.unwrap_or_default(), FieldCap::SUBJECT),
        status,
        priority,
        assignee: record
            .optional_id("responder_id")?
            .map_or_else(SafeText::default, crate::connectors::agent_label),
        channel: channel(record.optional_code("source")?),
        created_at: record.required_timestamp("created_at")?,
        updated_at,
        // The listing carries no resolution time (only `include=stats`
        // does, at extra cost). The last update of a resolved or closed
        // ticket is the nearest it says.
        solved_at: (!status.is_open()).then_some(updated_at),
        satisfaction: None,
    })
}

fn channel(source: Option<i64>) -> TicketChannel {
    match source {
        Some(1 | 10) => TicketChannel::Email,
        Some(2 | 9) => TicketChannel::Web,
        Some(3) => TicketChannel::Phone,
        Some(7) => TicketChannel::Chat,
        Some(5 | 6) => TicketChannel::Social,
        _ => TicketChannel::Api,
    }
}

fn company(record: &Reader) -> Result<Record, DecodeError> {
    let external_id = id_text(record.id()?);
    // A company may list several domains; accounts are joined on one, the
    // first listed.
    let domain = record.strings("domains")?.first().map_or_else(SafeText::default, |raw| {
        let lower = raw.trim().to_lowercase();
        SafeText::line(lower.strip_prefix("www.").unwrap_or(&lower), FieldCap::TOKEN)
    });
    Ok(Record::Account(AccountRecord {
        external_id,
        name: SafeText::line(record.required_str("name")?, FieldCap::NAME),
        domain,
        // Plans, owners, stages and revenue come from the CRM; a team's
        // custom company fields mean what the team says, so none is read.
        plan: SafeText::default(),
        owner: SafeText::default(),
        stage: None,
        mrr: None,
        renewal_date: None,
        tags: Vec::new(),
        created_at: record.required_timestamp("created_at")?,
    }))
}

fn contact(record: &Reader) -> Result<Record, DecodeError> {
    let external_id = id_text(record.id()?);
    Ok(Record::Contact(ContactRecord {
        external_id,
        account: record.optional_id("company_id")?.map(id_text),
        name: SafeText::line(record.required_str("name")?, FieldCap::NAME),
        // A contact may have only a phone number.
        email: SafeText::line(
            &record.optional_str("email")?.unwrap_or_default().to_lowercase(),
            FieldCap::TOKEN,
        ),
        role: SafeText::line(record.optional_str("job_title")?.unwrap_or_default(), FieldCap::NAME),
        // Freshdesk keeps no last sign-in for a contact.
        last_seen_at: None,
    }))
}

fn rating(record: &Reader) -> Result<Record, DecodeError> {
    let external_id = id_text(record.id()?);
    let code = record.required_code("ratings.default_question")?;
    let score = csat(code).ok_or_else(|| {
        record.unexpected(
            "ratings.default_question",
            &code.into(),
            "one of Freshdesk's ratings: 103, 102, 101, 100, -101, -102 or -103",
        )
    })?;
    Ok(Record::Survey(SurveyRecord {
        external_id,
        // The rating names no company; the store finds the account through
        // the contact or the ticket.
        account: None,
        contact: record.optional_id("user_id")?.map(id_text),
        ticket: record.optional_id("ticket_id")?.map(id_text),
        answer: SurveyAnswer::Csat(score),
        comment: SafeText::multiline(record.optional_str("feedback")?.unwrap_or_default(), FieldCap::COMMENT),
        // A rating is created when the customer answers.
        responded_at: record.required_timestamp("created_at")?,
    }))
}

/// The CSAT score (1–5) of a Freshdesk rating, as the module doc explains.
fn csat(code: i64) -> Option<u8> {
    match code {
        103 => Some(5),
        101 | 102 => Some(4),
        100 => Some(3),
        -102 | -101 => Some(2),
        -103 => Some(1),
        _ => None,
    }
}

fn conversation(record: &Reader, ticket: &SafeText) -> Result<CommentRecord, DecodeError> {
    // `body_text` is the reply without its HTML, which a terminal shows
    // best; `body` is the next best.
    let body = match record.optional_str("body_text")? {
        Some(text) => text,
        None => record.optional_str("body")?.unwrap_or_default(),
    };
    Ok(CommentRecord {
        ticket: ticket.clone(),
        author: record
            .optional_id("user_id")?
            .map_or_else(SafeText::default, |user| SafeText::line(&format!("user {user}"), FieldCap::NAME)),
        by_agent: !record.optional_bool("incoming")?.unwrap_or(false),
        // A private note shown as a reply to the customer would be worse
        // than a reply shown as a note.
        public: record.optional_bool("private")? == Some(false),
        body: SafeText::multiline(body, FieldCap::BODY),
        created_at: record.required_timestamp("created_at")?,
    })
}

/// A Freshdesk id as keepers keeps external ids: its decimal digits.
fn id_text(id: u64) -> SafeText {
    SafeText::line(&id.to_string(), FieldCap::TOKEN)
}
