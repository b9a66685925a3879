//! Zendesk response bodies into connector records: one function per
//! endpoint, each taking the body as text and returning a page of records
//! with the cursor that follows it. Pure — no HTTP, no clock, no store.
//!
//! What Zendesk's records do not say, and what is made of it:
//! - A deleted ticket (status `deleted` in the export) is left out of its
//!   page: keepers has no record that deletes, so a copy stored earlier
//!   stays as it was.
//! - A ticket names its assignee by id only, so the assignee reads
//!   "agent 123"; it is empty when the ticket is unassigned.
//! - A ticket has no solve time: a solved or closed ticket's `updated_at`
//!   stands in for it.
//! - Users other than end users (agents, admins) are the helpdesk's staff,
//!   not people at a customer, and are left out of the contacts.
//! - Satisfaction ratings offered but not answered (`offered`, `unoffered`)
//!   are not answers, and are left out of the surveys.

use std::collections::HashMap;

use super::reader::{DecodeError, Endpoint, Reader, parse};
use crate::connectors::records::{
    AccountRecord, CommentRecord, ContactRecord, Page, Record, SurveyRecord, TicketRecord,
};
use crate::model::{FieldCap, Rating, SafeText, Satisfaction, SurveyAnswer, TicketChannel, TicketPriority};

/// A page of one ticket's comments, oldest first as Zendesk lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPage {
    pub comments: Vec<CommentRecord>,
    /// The cursor of the next page of this ticket's comments; `None` on the
    /// last page.
    pub next: Option<String>,
}

/// A page of the incremental ticket export
/// (`/api/v2/incremental/tickets/cursor.json?start_time=…` or `?cursor=…`).
/// `next` is the page's `after_cursor`; when that is null the stored cursor
/// stays as it was, to ask from there at the next sync.
pub fn decode_ticket_export(body: &str) -> Result<Page, DecodeError> {
    let endpoint = Endpoint::TicketExport;
    let top = parse(endpoint, body)?;
    let page = Reader::page(endpoint, &top);
    Ok(Page {
        records: records(endpoint, &page, "tickets", "ticket", ticket)?,
        next: page.optional_str("after_cursor")?.map(str::to_owned),
        end_of_stream: page.required_bool("end_of_stream")?,
    })
}

/// A page of `/api/v2/organizations.json`, read with cursor pagination.
pub fn decode_organizations(body: &str) -> Result<Page, DecodeError> {
    decode_list(Endpoint::Organizations, body, "organizations", "organization", organization)
}

/// A page of `/api/v2/users.json`, read with cursor pagination: its end
/// users, as contacts.
pub fn decode_users(body: &str) -> Result<Page, DecodeError> {
    decode_list(Endpoint::Users, body, "users", "user", user)
}

/// A page of `/api/v2/satisfaction_ratings.json`, read with cursor
/// pagination: the answered ratings, as good/bad survey answers.
pub fn decode_satisfaction_ratings(body: &str) -> Result<Page, DecodeError> {
    decode_list(Endpoint::SatisfactionRatings, body, "satisfaction_ratings", "satisfaction rating", rating)
}

/// A page of `/api/v2/tickets/{ticket_id}/comments.json`. Asked for with
/// `include=users`, the body carries the authors too, and each comment gets
/// its author's name and whether they are an agent; without them the
/// author reads "user 123" and `by_agent` is false.
pub fn decode_comments(ticket_id: u64, body: &str) -> Result<CommentPage, DecodeError> {
    let endpoint = Endpoint::TicketComments;
    let top = parse(endpoint, body)?;
    let page = Reader::page(endpoint, &top);
    let authors = sideloaded_authors(endpoint, &page)?;
    let ticket = id_text(ticket_id);
    let comments = page
        .list("comments")?
        .iter()
        .enumerate()
        .map(|(index, value)| {
            comment(&Reader::record(endpoint, "comment", index + 1, value)?, &ticket, &authors)
        })
        .collect::<Result<_, _>>()?;
    let (next, _) = list_cursor(&page)?;
    Ok(CommentPage { comments, next })
}

/// A page of an endpoint read with Zendesk's cursor pagination (`meta`,
/// `links`), whose records are in the list `key`.
fn decode_list(
    endpoint: Endpoint,
    body: &str,
    key: &'static str,
    kind: &'static str,
    decode: fn(&Reader) -> Result<Option<Record>, DecodeError>,
) -> Result<Page, DecodeError> {
    let top = parse(endpoint, body)?;
    let page = Reader::page(endpoint, &top);
    let records = records(endpoint, &page, key, kind, decode)?;
    let (next, end_of_stream) = list_cursor(&page)?;
    Ok(Page { records, next, end_of_stream })
}

/// The records of the page's list `key`; `decode` returns `None` for one
/// keepers leaves out.
fn records(
    endpoint: Endpoint,
    page: &Reader,
    key: &'static str,
    kind: &'static str,
    decode: fn(&Reader) -> Result<Option<Record>, DecodeError>,
) -> Result<Vec<Record>, DecodeError> {
    let mut records = Vec::new();
    for (index, value) in page.list(key)?.iter().enumerate() {
        let reader = Reader::record(endpoint, kind, index + 1, value)?;
        records.extend(decode(&reader)?);
    }
    Ok(records)
}

/// Where a cursor-paginated list goes on, and whether it has ended: the
/// `meta.after_cursor` while `meta.has_more`. A list has no cursor past its
/// end (Zendesk's would only give an empty page), so the last page's `next`
/// is `None`.
fn list_cursor(page: &Reader) -> Result<(Option<String>, bool), DecodeError> {
    if !page.required_bool("meta.has_more")? {
        return Ok((None, true));
    }
    Ok((Some(page.required_str("meta.after_cursor")?.to_owned()), false))
}

fn ticket(record: &Reader) -> Result<Option<Record>, DecodeError> {
    let external_id = id_text(record.id()?);
    let status = match record.required_str("status")? {
        "deleted" => return Ok(None),
        word => record.word("status", word, "one of new, open, pending, hold, solved, closed, deleted")?,
    };
    let priority = match record.optional_str("priority")? {
        None => TicketPriority::Normal,
        Some(word) => record.word("priority", word, "one of low, normal, high, urgent")?,
    };
    let satisfaction = match record.optional_str("satisfaction_rating.score")? {
        None | Some("unoffered") => None,
        Some(word) => Some(record.word::<Satisfaction>(
            "satisfaction_rating.score",
            word,
            "one of offered, unoffered, good, bad",
        )?),
    };
    let updated_at = record.required_timestamp("updated_at")?;
    Ok(Some(Record::Ticket(TicketRecord {
        external_id,
        account: record.optional_id("organization_id")?.map(id_text),
        requester: record.optional_id("requester_id")?.map(id_text),
        subject: SafeText::line(record.optional_str("subject")?.unwrap_or_default(), FieldCap::SUBJECT),
        status,
        priority,
        assignee: record
            .optional_id("assignee_id")?
            .map_or_else(SafeText::default, crate::connectors::agent_label),
        channel: channel(record.optional_str("via.channel")?),
        created_at: record.required_timestamp("created_at")?,
        updated_at,
        // The export carries no solve time. The last update of a solved or
        // closed ticket is the nearest it says — late when the ticket was
        // touched again after it was solved (closing it, a tag).
        solved_at: (!status.is_open()).then_some(updated_at),
        satisfaction,
    })))
}

/// keepers' channel for Zendesk's `via.channel`. Zendesk's own names for a
/// person writing in are mapped here and keepers' vocabulary reads the
/// common ones (email, web, chat, voice, api, twitter, facebook). What is
/// left is software rather than a person — triggers, follow-ups of closed
/// tickets, merges, integrations — and counts as the API, as does a ticket
/// that does not say.
fn channel(via: Option<&str>) -> TicketChannel {
    match via {
        Some("web_widget" | "help_center" | "mobile" | "mobile_sdk") => TicketChannel::Web,
        Some("native_messaging") => TicketChannel::Chat,
        Some("sms") => TicketChannel::Phone,
        Some("instagram_dm") => TicketChannel::Social,
        other => other.and_then(|word| word.parse().ok()).unwrap_or(TicketChannel::Api),
    }
}

fn organization(record: &Reader) -> Result<Option<Record>, DecodeError> {
    let external_id = id_text(record.id()?);
    // An organization may list several domains; accounts are joined on
    // one, the first listed.
    let domain = record.strings("domain_names")?.first().map_or_else(SafeText::default, |raw| {
        let lower = raw.trim().to_lowercase();
        SafeText::line(lower.strip_prefix("www.").unwrap_or(&lower), FieldCap::TOKEN)
    });
    Ok(Some(Record::Account(AccountRecord {
        external_id,
        name: SafeText::line(record.required_str("name")?, FieldCap::NAME),
        domain,
        // Zendesk keeps no plan, owner, stage, revenue or renewal for an
        // organization; those come from the CRM.
        plan: SafeText::default(),
        owner: SafeText::default(),
        stage: None,
        mrr: None,
        renewal_date: None,
        tags: record.strings("tags")?.into_iter().map(|tag| SafeText::line(tag, FieldCap::TOKEN)).collect(),
        created_at: record.required_timestamp("created_at")?,
    })))
}

fn user(record: &Reader) -> Result<Option<Record>, DecodeError> {
    let external_id = id_text(record.id()?);
    if record.required_str("role")? != "end-user" {
        return Ok(None);
    }
    Ok(Some(Record::Contact(ContactRecord {
        external_id,
        account: record.optional_id("organization_id")?.map(id_text),
        name: SafeText::line(record.required_str("name")?, FieldCap::NAME),
        email: SafeText::line(
            &record.optional_str("email")?.unwrap_or_default().to_lowercase(),
            FieldCap::TOKEN,
        ),
        // A Zendesk user has no job title.
        role: SafeText::default(),
        last_seen_at: record.optional_timestamp("last_login_at")?,
    })))
}

fn rating(record: &Reader) -> Result<Option<Record>, DecodeError> {
    let external_id = id_text(record.id()?);
    let rating = match record.required_str("score")? {
        "offered" | "unoffered" => return Ok(None),
        word => record.word::<Rating>("score", word, "one of offered, unoffered, good, bad")?,
    };
    // A rating is created when it is offered and updated when it is
    // answered, so its last update is when the requester answered.
    let responded_at = match record.optional_timestamp("updated_at")? {
        Some(at) => at,
        None => record.required_timestamp("created_at")?,
    };
    Ok(Some(Record::Survey(SurveyRecord {
        external_id,
        // The rating names no organization; the store finds the account
        // through the requester or the ticket.
        account: None,
        contact: record.optional_id("requester_id")?.map(id_text),
        ticket: record.optional_id("ticket_id")?.map(id_text),
        answer: SurveyAnswer::Rating(rating),
        comment: SafeText::multiline(record.optional_str("comment")?.unwrap_or_default(), FieldCap::COMMENT),
        responded_at,
    })))
}

/// A comment's author, from the users a comments page carries when asked
/// for with `include=users`.
struct Author {
    name: SafeText,
    agent: bool,
}

fn sideloaded_authors(endpoint: Endpoint, page: &Reader) -> Result<HashMap<u64, Author>, DecodeError> {
    let mut authors = HashMap::new();
    for (index, value) in page.optional_list("users")?.unwrap_or_default().iter().enumerate() {
        let user = Reader::record(endpoint, "user", index + 1, value)?;
        let id = user.id()?;
        let name = user.optional_str("name")?.unwrap_or_default();
        let agent = user.optional_str("role")?.is_some_and(|role| role != "end-user");
        authors.insert(id, Author { name: SafeText::line(name, FieldCap::NAME), agent });
    }
    Ok(authors)
}

fn comment(
    record: &Reader,
    ticket: &SafeText,
    authors: &HashMap<u64, Author>,
) -> Result<CommentRecord, DecodeError> {
    let author_id = record.optional_id("author_id")?;
    let author = author_id.and_then(|id| authors.get(&id));
    let author_name = match (author, author_id) {
        (Some(author), _) if !author.name.is_empty() => author.name.clone(),
        (_, Some(id)) => SafeText::line(&format!("user {id}"), FieldCap::NAME),
        _ => SafeText::default(),
    };
    // `plain_body` is the text without Markdown or HTML, which a terminal
    // shows best; `body` is the next best.
    let body = match record.optional_str("plain_body")? {
        Some(text) => text,
        None => record.optional_str("body")?.unwrap_or_default(),
    };
    Ok(CommentRecord {
        ticket: ticket.clone(),
        author: author_name,
        by_agent: author.is_some_and(|author| author.agent),
        // An internal note shown as a reply to the customer would be worse
        // than a reply shown as a note.
        public: record.optional_bool("public")?.unwrap_or(false),
        body: SafeText::multiline(body, FieldCap::BODY),
        created_at: record.required_timestamp("created_at")?,
    })
}

/// A Zendesk id as keepers keeps external ids: its decimal digits.
fn id_text(id: u64) -> SafeText {
    SafeText::line(&id.to_string(), FieldCap::TOKEN)
}
