//! HubSpot CRM v3 list bodies into connector records: one function per
//! object, each taking the body as text and returning a page of records
//! with the `after` cursor that follows it. Pure — no HTTP, no clock, no
//! store. [`properties`] says which properties each object is asked for,
//! so what is requested and what is read cannot drift apart.
//!
//! What HubSpot's records say, and what keepers makes of it:
//! - A company's `lifecyclestage`: `subscriber` is reach; `lead`,
//!   `marketingqualifiedlead`, `salesqualifiedlead` and `opportunity` are
//!   acquisition (interested, not paying yet); `customer` is retention (a
//!   paying customer after the purchase); `evangelist` is loyalty. `other`
//!   and a portal's own stages (numeric ids) say nothing keepers can use,
//!   so the account keeps the stage it has.
//! - Owners are named by id only ("owner 123"): their names need the owners
//!   API and a scope keepers does not ask for.
//! - HubSpot keeps no plan, MRR or renewal date on a company by default
//!   (renewals are usually deals or a portal's own property), so accounts
//!   get none from here.
//! - A contact's `last_seen_at` is `notes_last_contacted`, the last call,
//!   e-mail or meeting logged with them; an edit of the record is no sign of
//!   the person.
//! - Only won deals (`hs_is_closed_won`, else stage `closedwon`) with an
//!   amount are purchases; open and lost deals are pipeline, not revenue.
//! - A ticket's `hs_pipeline_stage` is mapped only in HubSpot's default
//!   support pipeline (`0`): 1 New → new, 2 Waiting on contact → pending,
//!   3 Waiting on us → open, 4 Closed → closed. Other pipelines' stages
//!   are a portal's own ids: such a ticket is closed when it has a
//!   `closed_date`, else open.
//! - Survey answers: NPS (0–10) and CES (1–7) as they are; HubSpot's CSAT
//!   answers 0 (dissatisfied), 1 (neutral) or 2 (satisfied), which become
//!   1, 3 and 5 on keepers' 1–5 scale. Custom and knowledge-base surveys,
//!   and answers off their scale, are not answers keepers counts.
//! - Notes, calls and meetings keep their bodies as HTML; the tags are
//!   dropped and the common entities decoded before the text is sanitised.

use super::reader::{CrmObject, DecodeError, Object, parse_list};
use crate::connectors::records::{
    AccountRecord, ActivityRecord, ContactRecord, Page, PurchaseRecord, Record, RenewalRecord, SurveyRecord,
    TicketRecord,
};
use crate::model::{
    Currency, FieldCap, LifecycleStage, Money, SafeText, SurveyAnswer, SurveyKind, TicketChannel,
    TicketPriority, TicketStatus, TouchpointChannel,
};

/// The properties keepers asks HubSpot for, per object.
pub fn properties(object: CrmObject) -> &'static [&'static str] {
    match object {
        CrmObject::Companies => &["name", "domain", "lifecyclestage", "hubspot_owner_id", "createdate"],
        CrmObject::Contacts => {
            &["email", "firstname", "lastname", "jobtitle", "associatedcompanyid", "notes_last_contacted"]
        }
        CrmObject::Deals => &[
            "dealname",
            "amount",
            "deal_currency_code",
            "closedate",
            "dealstage",
            "hs_is_closed_won",
            "hs_is_closed",
            "dealtype",
            "createdate",
        ],
        CrmObject::Tickets => &[
            "subject",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_priority",
            "source_type",
            "hubspot_owner_id",
            "createdate",
            "hs_lastmodifieddate",
            "closed_date",
        ],
        CrmObject::FeedbackSubmissions => &[
            "hs_survey_type",
            "hs_value",
            "hs_response_value",
            "hs_content",
            "hs_submission_timestamp",
            "hs_createdate",
        ],
        CrmObject::Notes => &["hs_note_body", "hs_timestamp", "hubspot_owner_id"],
        CrmObject::Calls => &[
            "hs_call_title",
            "hs_call_body",
            "hs_call_disposition",
            "hs_call_status",
            "hs_timestamp",
            "hubspot_owner_id",
        ],
        CrmObject::Emails => {
            &["hs_email_subject", "hs_email_text", "hs_email_direction", "hs_timestamp", "hubspot_owner_id"]
        }
        CrmObject::Meetings => {
            &["hs_meeting_title", "hs_meeting_body", "hs_meeting_outcome", "hs_timestamp", "hubspot_owner_id"]
        }
    }
}

/// A page of `/crm/v3/objects/companies`, as accounts.
pub fn decode_companies(body: &str) -> Result<Page, DecodeError> {
    decode_list(CrmObject::Companies, body, company)
}

/// A page of `/crm/v3/objects/contacts`, as contacts.
pub fn decode_contacts(body: &str) -> Result<Page, DecodeError> {
    decode_list(CrmObject::Contacts, body, contact)
}

/// A page of `/crm/v3/objects/deals`: its won deals, as purchases. A deal
/// without `deal_currency_code` is in the portal's own currency,
/// `portal_currency`.
pub fn decode_deals(body: &str, portal_currency: Currency) -> Result<Page, DecodeError> {
    decode_list(CrmObject::Deals, body, |record| deal(record, portal_currency))
}

/// A page of `/crm/v3/objects/tickets`, as tickets.
pub fn decode_tickets(body: &str) -> Result<Page, DecodeError> {
    decode_list(CrmObject::Tickets, body, ticket)
}

/// A page of `/crm/v3/objects/feedback_submissions`: its NPS, CSAT and CES
/// answers, as survey answers.
pub fn decode_feedback_submissions(body: &str) -> Result<Page, DecodeError> {
    decode_list(CrmObject::FeedbackSubmissions, body, feedback_submission)
}

/// A page of notes, calls, e-mails or meetings (`engagement`), as
/// activities.
pub fn decode_engagements(engagement: CrmObject, body: &str) -> Result<Page, DecodeError> {
    decode_list(engagement, body, |record| activity(engagement, record))
}

/// A list page's records (`decode` returns `None` for one keepers leaves
/// out) and its cursor; the stream ends where HubSpot gives no next page.
fn decode_list(
    endpoint: CrmObject,
    body: &str,
    decode: impl Fn(&Object) -> Result<Option<Record>, DecodeError>,
) -> Result<Page, DecodeError> {
    let page = parse_list(endpoint, body)?;
    let mut records = Vec::with_capacity(page.results.len());
    for (index, value) in page.results.iter().enumerate() {
        records.extend(decode(&Object::new(endpoint, index + 1, value)?)?);
    }
    let end_of_stream = page.after.is_none();
    Ok(Page { records, next: page.after, end_of_stream })
}

fn company(record: &Object) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let domain = record.property("domain")?.map(str::trim).unwrap_or_default().to_lowercase();
    let domain = domain.strip_prefix("www.").unwrap_or(&domain);
    // HubSpot lets a company go unnamed; its domain or id is the next best.
    let name = match record.property("name")? {
        Some(name) => name.trim().to_owned(),
        None if !domain.is_empty() => domain.to_owned(),
        None => format!("company {}", external_id.as_str()),
    };
    Ok(Some(Record::Account(AccountRecord {
        name: SafeText::line(&name, FieldCap::NAME),
        domain: SafeText::line(domain, FieldCap::TOKEN),
        plan: SafeText::default(),
        owner: owner(record)?,
        stage: lifecycle_stage(record.property("lifecyclestage")?),
        mrr: None,
        renewal_date: None,
        tags: Vec::new(),
        created_at: record.created_at("createdate")?,
        external_id,
    })))
}

/// keepers' stage for a company's `lifecyclestage` (see the module doc).
fn lifecycle_stage(value: Option<&str>) -> Option<LifecycleStage> {
    match value?.trim().to_ascii_lowercase().as_str() {
        "subscriber" => Some(LifecycleStage::Reach),
        "lead" | "marketingqualifiedlead" | "salesqualifiedlead" | "opportunity" => {
            Some(LifecycleStage::Acquisition)
        }
        "customer" => Some(LifecycleStage::Retention),
        "evangelist" => Some(LifecycleStage::Loyalty),
        _ => None,
    }
}

fn contact(record: &Object) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let email = record.property("email")?.unwrap_or_default().trim().to_lowercase();
    let full_name = [record.property("firstname")?, record.property("lastname")?]
        .into_iter()
        .flatten()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let name = if full_name.is_empty() { email.clone() } else { full_name };
    let account = match record.association(CrmObject::Companies)? {
        Some(company) => Some(company),
        None => record.property("associatedcompanyid")?.map(|id| SafeText::line(id.trim(), FieldCap::TOKEN)),
    };
    Ok(Some(Record::Contact(ContactRecord {
        external_id,
        account,
        name: SafeText::line(&name, FieldCap::NAME),
        email: SafeText::line(&email, FieldCap::TOKEN),
        role: record.line("jobtitle", FieldCap::NAME)?,
        last_seen_at: record.timestamp("notes_last_contacted")?,
    })))
}

fn deal(record: &Object, portal_currency: Currency) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let won = match record.property("hs_is_closed_won")? {
        Some(flag) => flag.trim().eq_ignore_ascii_case("true"),
        None => record.property("dealstage")?.is_some_and(|stage| stage.trim() == "closedwon"),
    };
    if !won {
        return renewal(record);
    }
    let Some(amount) = record.property("amount")? else { return Ok(None) };
    let currency = match record.property("deal_currency_code")? {
        None => portal_currency,
        Some(code) => code.parse().map_err(|_| {
            record.unexpected("deal_currency_code", &code.into(), "a currency code such as EUR")
        })?,
    };
    let amount = money(amount, currency)
        .ok_or_else(|| record.unexpected("amount", &amount.into(), "an amount such as 1500.00"))?;
    let purchased_at = match record.timestamp("closedate")? {
        Some(at) => at,
        None => record.created_at("createdate")?,
    };
    Ok(Some(Record::Purchase(PurchaseRecord {
        external_id,
        account: record.association(CrmObject::Companies)?,
        amount,
        description: record.line("dealname", FieldCap::SUBJECT)?,
        purchased_at,
    })))
}

/// An open deal for existing business (`dealtype` "existingbusiness") is
/// the account's coming renewal: its expected close day becomes the
/// account's renewal day. Other open or lost deals are left out.
fn renewal(record: &Object) -> Result<Option<Record>, DecodeError> {
    let existing = record.property("dealtype")?.is_some_and(|kind| kind.trim() == "existingbusiness");
    let closed =
        record.property("hs_is_closed")?.is_some_and(|flag| flag.trim().eq_ignore_ascii_case("true"));
    let (Some(account), Some(close)) =
        (record.association(CrmObject::Companies)?, record.timestamp("closedate")?)
    else {
        return Ok(None);
    };
    if !existing || closed {
        return Ok(None);
    }
    Ok(Some(Record::Renewal(RenewalRecord { account, date: crate::model::time::utc_date(close) })))
}

/// A HubSpot amount in `currency`'s minor units. HubSpot stores numbers
/// with whatever decimals were typed ("1500", "1500.50", "99.990"); zeros
/// past the currency's minor digits carry nothing and are dropped.
fn money(amount: &str, currency: Currency) -> Option<Money> {
    let amount = amount.trim();
    let digits = currency.minor_digits() as usize;
    let trimmed = match amount.split_once('.') {
        Some((whole, fraction)) if fraction.len() > digits => {
            let (kept, dropped) = fraction.split_at(digits);
            if !dropped.bytes().all(|byte| byte == b'0') {
                return None;
            }
            if kept.is_empty() { whole.to_owned() } else { format!("{whole}.{kept}") }
        }
        _ => amount.to_owned(),
    };
    Money::parse(&trimmed, currency).ok()
}

fn ticket(record: &Object) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let closed_date = record.timestamp("closed_date")?;
    let status = ticket_status(record.property("hs_pipeline")?, record.property("hs_pipeline_stage")?)
        .unwrap_or(if closed_date.is_some() { TicketStatus::Closed } else { TicketStatus::Open });
    // HubSpot's priorities are LOW, MEDIUM, HIGH and URGENT; a portal may
    // add its own, which keepers reads as normal.
    let priority = record
        .property("hs_ticket_priority")?
        .and_then(|word| word.parse().ok())
        .unwrap_or(TicketPriority::Normal);
    let created_at = record.created_at("createdate")?;
    let updated_at = record.timestamp("hs_lastmodifieddate")?.unwrap_or(created_at);
    Ok(Some(Record::Ticket(TicketRecord {
        external_id,
        account: record.association(CrmObject::Companies)?,
        requester: record.association(CrmObject::Contacts)?,
        subject: record.line("subject", FieldCap::SUBJECT)?,
        status,
        priority,
        assignee: owner(record)?,
        channel: ticket_channel(record.property("source_type")?),
        created_at,
        updated_at,
        solved_at: if status.is_open() { None } else { closed_date.or(Some(updated_at)) },
        satisfaction: None,
    })))
}

/// keepers' status for a stage of HubSpot's default support pipeline (see
/// the module doc); `None` for any other pipeline's stage.
fn ticket_status(pipeline: Option<&str>, stage: Option<&str>) -> Option<TicketStatus> {
    if pipeline.is_some_and(|pipeline| pipeline.trim() != "0") {
        return None;
    }
    match stage?.trim() {
        "1" => Some(TicketStatus::New),
        "2" => Some(TicketStatus::Pending),
        "3" => Some(TicketStatus::Open),
        "4" => Some(TicketStatus::Closed),
        _ => None,
    }
}

/// keepers' channel for a ticket's `source_type` (EMAIL, CHAT, FORM, PHONE
/// and a portal's own); one that does not say came through the API.
fn ticket_channel(source: Option<&str>) -> TicketChannel {
    source.and_then(|word| word.parse().ok()).unwrap_or(TicketChannel::Api)
}

fn feedback_submission(record: &Object) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let kind = match record.property("hs_survey_type")?.map(str::trim) {
        Some(kind) if kind.eq_ignore_ascii_case("nps") => SurveyKind::Nps,
        Some(kind) if kind.eq_ignore_ascii_case("csat") => SurveyKind::Csat,
        Some(kind) if kind.eq_ignore_ascii_case("ces") => SurveyKind::Ces,
        _ => return Ok(None),
    };
    // HubSpot's documented answer is `hs_value`; some portals list it as
    // `hs_response_value`.
    let (field, raw) = match record.property("hs_value")? {
        Some(raw) => ("hs_value", raw),
        None => match record.property("hs_response_value")? {
            Some(raw) => ("hs_response_value", raw),
            None => return Ok(None),
        },
    };
    let score: i64 =
        raw.trim().parse().map_err(|_| record.unexpected(field, &raw.into(), "a whole number"))?;
    let score = match kind {
        SurveyKind::Csat => match score {
            0 => 1,
            1 => 3,
            2 => 5,
            _ => return Ok(None),
        },
        _ => score,
    };
    let Ok(answer) = SurveyAnswer::new(kind, score) else { return Ok(None) };
    let responded_at = match record.timestamp("hs_submission_timestamp")? {
        Some(at) => at,
        None => record.created_at("hs_createdate")?,
    };
    Ok(Some(Record::Survey(SurveyRecord {
        external_id,
        account: record.association(CrmObject::Companies)?,
        contact: record.association(CrmObject::Contacts)?,
        ticket: record.association(CrmObject::Tickets)?,
        answer,
        comment: SafeText::multiline(record.property("hs_content")?.unwrap_or_default(), FieldCap::COMMENT),
        responded_at,
    })))
}

fn activity(engagement: CrmObject, record: &Object) -> Result<Option<Record>, DecodeError> {
    let external_id = record.id()?;
    let (channel, title, body, outcome) = match engagement {
        CrmObject::Calls => (
            Some(TouchpointChannel::Call),
            record.property("hs_call_title")?,
            record.property("hs_call_body")?.map(plain_text),
            call_outcome(record.property("hs_call_disposition")?, record.property("hs_call_status")?),
        ),
        CrmObject::Emails => (
            Some(TouchpointChannel::Email),
            record.property("hs_email_subject")?,
            record.property("hs_email_text")?.map(str::to_owned),
            email_direction(record.property("hs_email_direction")?),
        ),
        CrmObject::Meetings => (
            Some(TouchpointChannel::Meeting),
            record.property("hs_meeting_title")?,
            record.property("hs_meeting_body")?.map(plain_text),
            record.property("hs_meeting_outcome")?.map(words).unwrap_or_default(),
        ),
        _ => (None, None, record.property("hs_note_body")?.map(plain_text), String::new()),
    };
    let text = [title.map(str::trim).unwrap_or_default(), body.as_deref().map(str::trim).unwrap_or_default()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let at = match record.timestamp("hs_timestamp")? {
        Some(at) => at,
        None => record.created_at("hs_createdate")?,
    };
    Ok(Some(Record::Activity(ActivityRecord {
        external_id,
        account: record.association(CrmObject::Companies)?,
        contact: record.association(CrmObject::Contacts)?,
        channel,
        outcome: SafeText::line(&outcome, FieldCap::NAME),
        body: SafeText::multiline(&text, FieldCap::BODY),
        author: owner(record)?,
        at,
    })))
}

/// HubSpot's six default call outcomes: the fixed id `hs_call_disposition`
/// holds, and keepers' label for it.
pub(super) const CALL_DISPOSITIONS: [(&str, &str); 6] = [
    ("f240bbac-87c9-4f6e-bf70-924b57d47db7", "connected"),
    ("73a0d17f-1163-4015-bdd5-ec830791da20", "no answer"),
    ("9d9162e7-6cf3-4944-bf63-4dff82258764", "busy"),
    ("b2cf5968-551e-4856-9783-52b3da59a7d0", "left voicemail"),
    ("a4c4c377-d246-4b32-a13b-75a56a4cd0ff", "left live message"),
    ("17b47fee-58de-441e-a44c-c6300d46f273", "wrong number"),
];

/// How a call went: the label of one of HubSpot's default call outcomes,
/// else its `hs_call_status` in words; a portal's own outcomes have ids
/// only it can name.
fn call_outcome(disposition: Option<&str>, status: Option<&str>) -> String {
    let disposition = disposition.map(str::trim);
    match CALL_DISPOSITIONS.iter().find(|(id, _)| Some(*id) == disposition) {
        Some((_, label)) => (*label).to_owned(),
        None => status.map(words).unwrap_or_default(),
    }
}

/// Which way an e-mail went, from `hs_email_direction`.
fn email_direction(direction: Option<&str>) -> String {
    match direction.map(str::trim) {
        Some("EMAIL") => "sent".to_owned(),
        Some("INCOMING_EMAIL") => "received".to_owned(),
        Some("FORWARDED_EMAIL") => "forwarded".to_owned(),
        other => other.map(words).unwrap_or_default(),
    }
}

/// An enumeration value as words: NO_SHOW → "no show".
fn words(value: &str) -> String {
    value.trim().replace('_', " ").to_lowercase()
}

/// The record's owner, by id: "owner 123"; empty when it has none.
fn owner(record: &Object) -> Result<SafeText, DecodeError> {
    Ok(record
        .property("hubspot_owner_id")?
        .map_or_else(SafeText::default, |id| SafeText::line(&format!("owner {}", id.trim()), FieldCap::NAME)))
}

/// The text of an HTML body: tags dropped, a line break for `<br>` and the
/// end of a paragraph, block or list item, and the entities HubSpot's
/// editor writes decoded. Sanitising is still `SafeText`'s.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(length) = rest[open..].find('>') else {
            // A '<' that opens no tag is text.
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + length].trim().to_ascii_lowercase();
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').find(|part| !part.is_empty());
        let closing = tag.starts_with('/');
        if name == Some("br") || (closing && matches!(name, Some("p" | "div" | "li" | "tr"))) {
            text.push('\n');
        }
        rest = &rest[open + length + 1..];
    }
    text.push_str(rest);
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}
