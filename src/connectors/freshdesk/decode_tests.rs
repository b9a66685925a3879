//! Freshdesk bodies written from the fields Freshdesk's API v2 documents,
//! decoded: every mapping of status, priority and source, null fields, ids
//! past 2^53, private notes, escape sequences, and bodies that are not what
//! the endpoint returns.

use jiff::Timestamp;
use serde_json::json;

use super::*;
use crate::connectors::records::{AccountRecord, ContactRecord, Page, Record, SurveyRecord, TicketRecord};
use crate::model::{SurveyAnswer, TicketChannel, TicketPriority, TicketStatus};

fn at(text: &str) -> Timestamp {
    text.parse().expect("a test timestamp")
}

fn tickets(page: &Page) -> Vec<&TicketRecord> {
    page.records
        .iter()
        .map(|record| match record {
            Record::Ticket(ticket) => ticket,
            other => panic!("not a ticket: {other:?}"),
        })
        .collect()
}

/// A ticket as the listing gives it, every field keepers reads set.
fn ticket_json(id: u64, updated_at: &str) -> serde_json::Value {
    json!({
        "id": id,
        "subject": "Invoices export times out",
        "status": 2, "priority": 3, "source": 1,
        "requester_id": 67000123456_u64, "responder_id": 67000000001_u64, "company_id": 67000999999_u64,
        "group_id": null, "type": "Problem", "fr_escalated": false, "spam": false,
        "tags": ["billing"], "cc_emails": [], "custom_fields": { "cf_region": "EU" },
        "created_at": "2026-02-27T09:12:44Z", "updated_at": updated_at, "due_by": "2026-03-03T09:12:44Z"
    })
}

const FIRST: &str = "2026-03-01T00:00:00Z|1";

fn first_window() -> TicketWindow {
    TicketWindow::from_cursor(Some(FIRST)).expect("a window")
}

#[test]
fn a_ticket_page_gives_its_tickets_and_ends_at_the_newest_update() {
    let mut solved = ticket_json(2, "2026-03-02T11:00:00Z");
    solved["status"] = json!(4);
    solved["priority"] = json!(4);
    solved["source"] = json!(7);
    let body = json!([ticket_json(1, "2026-03-02T10:00:00Z"), solved]).to_string();
    let page = decode_tickets(first_window(), &body).expect("a ticket page");
    assert_eq!(page.next.as_deref(), Some("2026-03-02T11:00:00Z|1"), "the next sync asks from the newest");
    assert!(page.end_of_stream, "two tickets are fewer than a page: the end");
    let tickets = tickets(&page);
    let open = tickets[0];
    assert_eq!(open.external_id.as_str(), "1");
    assert_eq!(open.subject.as_str(), "Invoices export times out");
    assert_eq!(
        (open.status, open.priority, open.channel),
        (TicketStatus::Open, TicketPriority::High, TicketChannel::Email)
    );
    assert_eq!(open.requester.as_ref().map(|id| id.as_str()), Some("67000123456"));
    assert_eq!(open.account.as_ref().map(|id| id.as_str()), Some("67000999999"));
    assert_eq!(open.assignee.as_str(), "agent 67000000001");
    assert_eq!(open.created_at, at("2026-02-27T09:12:44Z"));
    assert_eq!(open.solved_at, None);
    let resolved = tickets[1];
    assert_eq!(
        (resolved.status, resolved.priority, resolved.channel),
        (TicketStatus::Solved, TicketPriority::Urgent, TicketChannel::Chat)
    );
    assert_eq!(resolved.solved_at, Some(at("2026-03-02T11:00:00Z")), "its last update stands in");
}

#[test]
fn a_full_ticket_page_moves_the_window_and_goes_on() {
    let body: Vec<_> = (1..=100).map(|id| ticket_json(id, "2026-03-02T10:00:00Z")).collect();
    let page = decode_tickets(first_window(), &json!(body).to_string()).expect("a full page");
    assert_eq!(page.next.as_deref(), Some("2026-03-02T10:00:00Z|1"));
    assert!(!page.end_of_stream);
}

#[test]
fn every_documented_status_priority_and_source_is_mapped() {
    let cases = [
        (2, TicketStatus::Open),
        (3, TicketStatus::Pending),
        (4, TicketStatus::Solved),
        (5, TicketStatus::Closed),
        (6, TicketStatus::OnHold),
        (12, TicketStatus::OnHold),
    ];
    for (code, status) in cases {
        let mut ticket = ticket_json(1, "2026-03-02T10:00:00Z");
        ticket["status"] = json!(code);
        let page = decode_tickets(first_window(), &json!([ticket]).to_string()).expect("a status");
        assert_eq!(tickets(&page)[0].status, status, "status {code}");
    }
    let priorities = [
        (json!(1), TicketPriority::Low),
        (json!(2), TicketPriority::Normal),
        (json!(3), TicketPriority::High),
        (json!(4), TicketPriority::Urgent),
        (json!(null), TicketPriority::Normal),
    ];
    for (code, priority) in priorities {
        let mut ticket = ticket_json(1, "2026-03-02T10:00:00Z");
        ticket["priority"] = code.clone();
        let page = decode_tickets(first_window(), &json!([ticket]).to_string()).expect("a priority");
        assert_eq!(tickets(&page)[0].priority, priority, "priority {code}");
    }
    let sources = [
        (json!(1), TicketChannel::Email),
        (json!(2), TicketChannel::Web),
        (json!(3), TicketChannel::Phone),
        (json!(7), TicketChannel::Chat),
        (json!(9), TicketChannel::Web),
        (json!(10), TicketChannel::Email),
        (json!(5), TicketChannel::Social),
        (json!(8), TicketChannel::Api),
        (json!(null), TicketChannel::Api),
    ];
    for (code, channel) in sources {
        let mut ticket = ticket_json(1, "2026-03-02T10:00:00Z");
        ticket["source"] = code.clone();
        let page = decode_tickets(first_window(), &json!([ticket]).to_string()).expect("a source");
        assert_eq!(tickets(&page)[0].channel, channel, "source {code}");
    }
}

#[test]
fn an_undocumented_status_or_priority_names_the_ticket_and_the_field() {
    let mut ticket = ticket_json(35436, "2026-03-02T10:00:00Z");
    ticket["status"] = json!(1);
    let error = decode_tickets(first_window(), &json!([ticket]).to_string()).expect_err("status 1");
    assert_eq!(
        error.to_string(),
        "Freshdesk GET /api/v2/tickets: ticket 35436: `status` is 1, expected 2 open, 3 pending, 4 resolved, \
         5 closed or a team's own status above 5"
    );
    let mut ticket = ticket_json(35436, "2026-03-02T10:00:00Z");
    ticket["priority"] = json!("high");
    let error = decode_tickets(first_window(), &json!([ticket]).to_string()).expect_err("a word");
    assert!(error.to_string().contains("`priority` is \"high\""), "{error}");
}

#[test]
fn null_fields_leave_their_record_fields_empty() {
    let body = json!([{
        "id": 7, "subject": null, "status": 3, "priority": null, "source": null,
        "requester_id": null, "responder_id": null, "company_id": null,
        "created_at": "2026-02-27T09:12:44Z", "updated_at": "2026-03-02T10:00:00Z"
    }]);
    let page = decode_tickets(first_window(), &body.to_string()).expect("nulls");
    let ticket = tickets(&page)[0];
    assert_eq!((ticket.account.as_ref(), ticket.requester.as_ref()), (None, None));
    assert!(ticket.subject.is_empty() && ticket.assignee.is_empty());

    let body =
        json!([{ "id": 9, "name": "Phone Only", "email": null, "job_title": null, "company_id": null }]);
    let page = decode_contacts(1, &body.to_string()).expect("a contact without e-mail");
    let Record::Contact(ContactRecord { email, role, account, .. }) = &page.records[0] else {
        panic!("a contact");
    };
    assert!(email.is_empty() && role.is_empty() && account.is_none());
}

#[test]
fn ids_past_two_to_the_53_arrive_exactly() {
    let body = r#"[{"id": 9007199254740993, "status": 2, "company_id": 18446744073709551615,
        "created_at": "2026-02-27T09:12:44Z", "updated_at": "2026-03-02T10:00:00Z"}]"#;
    let page = decode_tickets(first_window(), body).expect("large ids");
    let ticket = tickets(&page)[0];
    assert_eq!(ticket.external_id.as_str(), "9007199254740993");
    assert_eq!(ticket.account.as_ref().map(|id| id.as_str()), Some("18446744073709551615"));

    let fractional = r#"[{"id": 9.007199254740993e15, "status": 2,
        "created_at": "2026-02-27T09:12:44Z", "updated_at": "2026-03-02T10:00:00Z"}]"#;
    let error = decode_tickets(first_window(), fractional).expect_err("a float is no id");
    assert!(error.to_string().contains("expected a Freshdesk id"), "{error}");
}

#[test]
fn escape_sequences_and_bidi_controls_are_stripped_at_decode() {
    let mut ticket = ticket_json(1, "2026-03-02T10:00:00Z");
    ticket["subject"] = json!("Refund \u{1b}]52;c;aGk=\u{7}please\u{202e} now");
    let page = decode_tickets(first_window(), &json!([ticket]).to_string()).expect("a hostile subject");
    assert_eq!(tickets(&page)[0].subject.as_str(), "Refund please now");

    let company = json!([{ "id": 3, "name": "Evil\u{1b}[2J Corp", "domains": [],
                           "created_at": "2025-06-01T10:00:00Z" }]);
    let page = decode_companies(1, &company.to_string()).expect("a hostile name");
    let Record::Account(AccountRecord { name, .. }) = &page.records[0] else { panic!("an account") };
    assert_eq!(name.as_str(), "Evil Corp");
}

#[test]
fn malformed_bodies_name_the_endpoint() {
    let error = decode_tickets(first_window(), "[{\"id\": 1,").expect_err("truncated");
    assert!(
        error.to_string().starts_with("Freshdesk GET /api/v2/tickets: the body is not JSON (line 1"),
        "{error}"
    );

    let error = decode_companies(1, "<html>Maintenance</html>").expect_err("HTML");
    assert!(
        error.to_string().starts_with("Freshdesk GET /api/v2/companies: the body is not JSON"),
        "{error}"
    );

    let error = decode_contacts(1, r#"{"code": "invalid_credentials"}"#).expect_err("an object");
    assert_eq!(
        error.to_string(),
        r#"Freshdesk GET /api/v2/contacts: the body is {"code":"invalid_credentials"}, expected a list of records"#
    );

    let error = decode_companies(1, r#"[{"id": 5, "domains": []}]"#).expect_err("no name");
    assert_eq!(error.to_string(), "Freshdesk GET /api/v2/companies: company 5 has no field `name`");

    let error = decode_contacts(1, r#"[{"name": "No Id"}]"#).expect_err("no id");
    assert!(error.to_string().contains("contact number 1 of the page (it has no usable id)"), "{error}");
}

#[test]
fn companies_give_accounts_on_their_first_domain_and_page_by_number() {
    let company = |id: u64| {
        json!({
            "id": id, "name": "Nordwind Logistik GmbH", "description": null,
            "domains": ["WWW.Nordwind-Logistik.example", "nordwind.example"], "note": null,
            "custom_fields": { "tier": "gold" }, "health_score": "Happy", "account_tier": "Premium",
            "renewal_date": "2026-12-31T00:00:00Z", "industry": "Logistics",
            "created_at": "2025-06-01T10:00:00Z", "updated_at": "2026-01-10T10:00:00Z"
        })
    };
    let page = decode_companies(2, &json!([company(67000000123)]).to_string()).expect("companies");
    assert_eq!((page.next.as_deref(), page.end_of_stream), (None, true), "a short page ends the list");
    let Record::Account(account) = &page.records[0] else { panic!("an account") };
    assert_eq!(account.external_id.as_str(), "67000000123");
    assert_eq!(account.domain.as_str(), "nordwind-logistik.example");
    assert_eq!(account.created_at, at("2025-06-01T10:00:00Z"));
    assert!(account.plan.is_empty() && account.tags.is_empty(), "custom fields are not read");

    let full: Vec<_> = (1..=100).map(company).collect();
    let page = decode_companies(2, &json!(full).to_string()).expect("a full page");
    assert_eq!((page.next.as_deref(), page.end_of_stream), (Some("3"), false));
}

#[test]
fn contacts_keep_their_company_job_title_and_lower_case_email() {
    let body = json!([{
        "id": 67000123456_u64, "name": "Jana Müller", "email": "Jana@Nordwind-Logistik.example",
        "job_title": "Head of Operations", "company_id": 67000000123_u64, "active": true,
        "phone": null, "mobile": null, "created_at": "2025-06-02T10:00:00Z", "updated_at": "2026-03-01T08:00:00Z"
    }]);
    let page = decode_contacts(1, &body.to_string()).expect("contacts");
    let Record::Contact(contact) = &page.records[0] else { panic!("a contact") };
    assert_eq!(contact.email.as_str(), "jana@nordwind-logistik.example");
    assert_eq!(contact.role.as_str(), "Head of Operations");
    assert_eq!(contact.account.as_ref().map(|id| id.as_str()), Some("67000000123"));
}

#[test]
fn ratings_become_csat_scores_on_five_points() {
    let cases = [(103, 5), (102, 4), (101, 4), (100, 3), (-101, 2), (-102, 2), (-103, 1)];
    for (code, score) in cases {
        let body = json!([{
            "id": 102, "survey_id": 1, "user_id": 67000123456_u64, "agent_id": 1, "group_id": null,
            "ticket_id": 432, "feedback": "Thank you for the quick action",
            "ratings": { "default_question": code, "question_2": -102 },
            "created_at": "2026-03-02T11:00:00Z", "updated_at": "2026-03-02T11:00:00Z"
        }]);
        let page = decode_satisfaction_ratings(1, &body.to_string()).expect("a rating");
        let Record::Survey(SurveyRecord { answer, contact, ticket, comment, responded_at, .. }) =
            &page.records[0]
        else {
            panic!("a survey")
        };
        assert_eq!(*answer, SurveyAnswer::Csat(score), "rating {code}");
        assert_eq!(answer.needs_follow_up(), code < 0, "an unhappy rating {code} asks for a follow-up");
        assert_eq!(contact.as_ref().map(|id| id.as_str()), Some("67000123456"));
        assert_eq!(ticket.as_ref().map(|id| id.as_str()), Some("432"));
        assert_eq!(comment.as_str(), "Thank you for the quick action");
        assert_eq!(*responded_at, at("2026-03-02T11:00:00Z"));
    }
    let off =
        json!([{ "id": 5, "ratings": { "default_question": 3 }, "created_at": "2026-03-02T11:00:00Z" }]);
    let error = decode_satisfaction_ratings(1, &off.to_string()).expect_err("3 is no rating");
    assert!(error.to_string().contains("satisfaction rating 5: `ratings.default_question` is 3"), "{error}");
}

#[test]
fn conversations_tell_private_notes_from_public_replies() {
    let body = json!([
        { "id": 1, "body": "<div>It fails at 60 s</div>", "body_text": "It fails at 60 s",
          "incoming": true, "private": false, "user_id": 67000123456_u64, "support_email": null,
          "source": 0, "ticket_id": 432, "created_at": "2026-03-02T09:00:00Z" },
        { "id": 2, "body": "<p>Known bug \u{1b}[31mFIN-12\u{1b}[0m</p>", "body_text": "Known bug \u{1b}[31mFIN-12\u{1b}[0m",
          "incoming": false, "private": true, "user_id": 67000000001_u64,
          "source": 2, "ticket_id": 432, "created_at": "2026-03-02T09:30:00Z" },
        { "id": 3, "body": "<p>Fixed, please retry.</p>", "body_text": null,
          "incoming": false, "private": false, "user_id": 67000000001_u64,
          "source": 0, "ticket_id": 432, "created_at": "2026-03-02T10:00:00Z" }
    ]);
    let comments = decode_conversations(432, &body.to_string()).expect("conversations");
    assert_eq!(comments.len(), 3);
    let reply = &comments[0];
    assert_eq!(reply.ticket.as_str(), "432");
    assert!(reply.public && !reply.by_agent, "the customer's reply");
    assert_eq!((reply.author.as_str(), reply.body.as_str()), ("user 67000123456", "It fails at 60 s"));
    let note = &comments[1];
    assert!(!note.public && note.by_agent, "a private note is not public");
    assert_eq!(note.body.as_str(), "Known bug FIN-12", "escape sequences are stripped");
    assert_eq!(comments[2].body.as_str(), "<p>Fixed, please retry.</p>", "the HTML body when no text one");
    assert!(comments[2].public);

    let error = decode_conversations(432, "[{\"id\": 1, \"private\": \"no\"}]").expect_err("a word");
    assert!(
        error.to_string().starts_with("Freshdesk GET /api/v2/tickets/{id}/conversations: conversation 1:"),
        "{error}"
    );
}
