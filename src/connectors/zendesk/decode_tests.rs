use jiff::Timestamp;
use serde_json::json;

use super::*;
use crate::connectors::records::{AccountRecord, ContactRecord, Record, SurveyRecord, TicketRecord};
use crate::model::{Rating, Satisfaction, SurveyAnswer, TicketChannel, TicketPriority, TicketStatus};

fn at(text: &str) -> Timestamp {
    text.parse().expect("a test timestamp")
}

fn tickets(page: &crate::connectors::records::Page) -> Vec<&TicketRecord> {
    page.records
        .iter()
        .map(|record| match record {
            Record::Ticket(ticket) => ticket,
            other => panic!("not a ticket: {other:?}"),
        })
        .collect()
}

/// Two tickets as the export lists them, the first with every field
/// keepers reads, and more to come.
const TICKET_PAGE: &str = r#"{
  "tickets": [
    {
      "url": "https://acme.zendesk.com/api/v2/tickets/35436.json",
      "id": 35436,
      "external_id": null,
      "via": { "channel": "email", "source": { "from": {}, "to": {}, "rel": null } },
      "created_at": "2026-02-27T09:12:44Z",
      "updated_at": "2026-03-02T10:00:00Z",
      "type": "incident",
      "subject": "Invoices export times out",
      "raw_subject": "Invoices export times out",
      "description": "Exporting March invoices fails after a minute.",
      "priority": "high",
      "status": "hold",
      "requester_id": 20978392,
      "submitter_id": 20978392,
      "assignee_id": 235323,
      "organization_id": 509974,
      "group_id": 98738,
      "tags": ["billing", "export"],
      "satisfaction_rating": null,
      "generated_timestamp": 1772445600
    },
    {
      "url": "https://acme.zendesk.com/api/v2/tickets/35437.json",
      "id": 35437,
      "via": { "channel": "web", "source": { "from": {}, "to": {}, "rel": null } },
      "created_at": "2026-02-20T14:00:00Z",
      "updated_at": "2026-03-01T08:30:00Z",
      "subject": "SSO login loops back to the start page",
      "priority": "urgent",
      "status": "solved",
      "requester_id": 20978400,
      "assignee_id": 235323,
      "organization_id": 509974,
      "satisfaction_rating": { "id": 1234, "score": "good", "comment": "Fast and friendly" }
    }
  ],
  "after_url":
    "https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU3NjYxMzUzOS4wfHw0Njd8",
  "after_cursor": "MTU3NjYxMzUzOS4wfHw0Njd8",
  "before_url": null,
  "before_cursor": null,
  "end_of_stream": false
}"#;

#[test]
fn a_full_ticket_page_gives_its_tickets_and_the_cursor_after_it() {
    let page = decode_ticket_export(TICKET_PAGE).expect("a ticket page");
    assert_eq!(page.next.as_deref(), Some("MTU3NjYxMzUzOS4wfHw0Njd8"));
    assert!(!page.end_of_stream);
    let tickets = tickets(&page);
    assert_eq!(tickets.len(), 2);

    let on_hold = tickets[0];
    assert_eq!(on_hold.external_id.as_str(), "35436");
    assert_eq!(on_hold.account.as_deref(), Some("509974"));
    assert_eq!(on_hold.requester.as_deref(), Some("20978392"));
    assert_eq!(on_hold.subject.as_str(), "Invoices export times out");
    assert_eq!(on_hold.status, TicketStatus::OnHold);
    assert_eq!(on_hold.priority, TicketPriority::High);
    assert_eq!(on_hold.assignee.as_str(), "agent 235323");
    assert_eq!(on_hold.channel, TicketChannel::Email);
    assert_eq!(on_hold.created_at, at("2026-02-27T09:12:44Z"));
    assert_eq!(on_hold.updated_at, at("2026-03-02T10:00:00Z"));
    assert_eq!(on_hold.solved_at, None, "an open ticket is not solved");
    assert_eq!(on_hold.satisfaction, None);

    let solved = tickets[1];
    assert_eq!(solved.status, TicketStatus::Solved);
    assert_eq!(solved.priority, TicketPriority::Urgent);
    assert_eq!(solved.channel, TicketChannel::Web);
    assert_eq!(solved.solved_at, Some(at("2026-03-01T08:30:00Z")), "approximated by updated_at");
    assert_eq!(solved.satisfaction, Some(Satisfaction::Good));
}

#[test]
fn the_last_page_has_no_cursor_and_ends_the_stream() {
    let page = decode_ticket_export(
        r#"{ "tickets": [], "after_url": null, "after_cursor": null,
             "before_url": null, "before_cursor": null, "end_of_stream": true }"#,
    )
    .expect("the last page");
    assert_eq!(page.records, vec![]);
    assert_eq!(page.next, None);
    assert!(page.end_of_stream);
}

#[test]
fn a_ticket_with_every_optional_field_null_takes_the_defaults() {
    let page = decode_ticket_export(
        r#"{ "tickets": [ {
               "id": 88, "via": null, "subject": null, "raw_subject": null, "priority": null,
               "status": "new", "requester_id": null, "assignee_id": null, "organization_id": null,
               "satisfaction_rating": null,
               "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:05:00Z" } ],
             "after_cursor": null, "end_of_stream": true }"#,
    )
    .expect("a ticket of nulls");
    let ticket = tickets(&page)[0];
    assert_eq!(ticket.external_id.as_str(), "88");
    assert_eq!((ticket.account.clone(), ticket.requester.clone()), (None, None));
    assert!(ticket.subject.is_empty());
    assert!(ticket.assignee.is_empty(), "unassigned");
    assert_eq!(ticket.priority, TicketPriority::Normal);
    assert_eq!(ticket.channel, TicketChannel::Api);
    assert_eq!(ticket.satisfaction, None);
}

#[test]
fn ids_past_two_to_the_53_survive_exactly() {
    let page = decode_ticket_export(
        r#"{ "tickets": [ { "id": 9007199254740993, "status": "open",
               "requester_id": 18446744073709551615, "organization_id": 9007199254740995,
               "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z" } ],
             "after_cursor": "c2", "end_of_stream": false }"#,
    )
    .expect("big ids");
    let ticket = tickets(&page)[0];
    assert_eq!(ticket.external_id.as_str(), "9007199254740993");
    assert_eq!(ticket.requester.as_deref(), Some("18446744073709551615"));
    assert_eq!(ticket.account.as_deref(), Some("9007199254740995"));
}

#[test]
fn a_deleted_ticket_is_left_out_of_its_page() {
    let page = decode_ticket_export(
        r#"{ "tickets": [
               { "id": 1, "status": "deleted", "subject": "spam",
                 "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z" },
               { "id": 2, "status": "closed", "subject": "Refund issued",
                 "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z" } ],
             "after_cursor": "c3", "end_of_stream": true }"#,
    )
    .expect("a page with a deleted ticket");
    let tickets = tickets(&page);
    assert_eq!(tickets.len(), 1);
    assert_eq!(tickets[0].external_id.as_str(), "2");
    assert_eq!(tickets[0].solved_at, Some(at("2026-03-02T00:00:00Z")));
}

#[test]
fn an_unoffered_rating_is_no_rating_and_an_offered_one_is_kept_as_offered() {
    let page = decode_ticket_export(
        r#"{ "tickets": [
               { "id": 1, "status": "solved", "satisfaction_rating": { "score": "unoffered" },
                 "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z" },
               { "id": 2, "status": "solved", "satisfaction_rating": { "score": "offered" },
                 "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z" },
               { "id": 3, "status": "solved", "satisfaction_rating": { "score": "bad", "comment": "Slow" },
                 "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-02T00:00:00Z" } ],
             "after_cursor": null, "end_of_stream": true }"#,
    )
    .expect("rated tickets");
    let ratings: Vec<_> = tickets(&page).iter().map(|ticket| ticket.satisfaction).collect();
    assert_eq!(ratings, vec![None, Some(Satisfaction::Offered), Some(Satisfaction::Bad)]);
}

#[test]
fn malformed_json_names_the_endpoint_and_the_line() {
    let error =
        decode_ticket_export("{\n  \"tickets\": [\n    { \"id\": 1, }\n  ]\n}").expect_err("a stray comma");
    assert!(
        matches!(error, DecodeError::Malformed { endpoint: Endpoint::TicketExport, line: 3, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("GET /api/v2/incremental/tickets/cursor.json"), "{message}");
    assert!(message.contains("line 3"), "{message}");

    let truncated =
        decode_organizations(r#"{"organizations": [{"id": 1, "name": "Ac"#).expect_err("cut short");
    assert!(truncated.to_string().contains("GET /api/v2/organizations.json"), "{truncated}");
    let html = decode_users("<html>502 Bad Gateway</html>").expect_err("an error page");
    assert!(matches!(html, DecodeError::Malformed { line: 1, .. }), "{html:?}");
}

#[test]
fn a_body_without_its_list_says_which_list_is_missing() {
    let error = decode_ticket_export(r#"{ "error": "Couldn't authenticate you" }"#).expect_err("no tickets");
    assert_eq!(
        error,
        DecodeError::Missing { endpoint: Endpoint::TicketExport, place: Place::Page, field: "tickets" }
    );
    assert_eq!(
        error.to_string(),
        "Zendesk GET /api/v2/incremental/tickets/cursor.json: the page has no field `tickets`"
    );
    let no_end =
        decode_ticket_export(r#"{ "tickets": [], "after_cursor": null }"#).expect_err("no end_of_stream");
    assert!(no_end.to_string().contains("`end_of_stream`"), "{no_end}");
}

#[test]
fn a_missing_required_field_names_the_record_by_its_id_or_its_position() {
    let error = decode_ticket_export(
        r#"{ "tickets": [ { "id": 35436, "status": "open", "updated_at": "2026-03-01T00:00:00Z" } ],
             "after_cursor": null, "end_of_stream": true }"#,
    )
    .expect_err("no created_at");
    assert_eq!(
        error.to_string(),
        "Zendesk GET /api/v2/incremental/tickets/cursor.json: ticket 35436 has no field `created_at`"
    );
    let error = decode_organizations(
        r#"{ "organizations": [ { "id": 1, "name": "Acme", "created_at": "2026-01-01T00:00:00Z" },
                                { "name": "No id Ltd", "created_at": "2026-01-01T00:00:00Z" } ],
             "meta": { "has_more": false, "after_cursor": null } }"#,
    )
    .expect_err("no id");
    assert!(
        error
            .to_string()
            .contains("organization number 2 of the page (it has no usable id) has no field `id`")
    );
}

#[test]
fn values_out_of_range_are_refused_and_quoted_safely() {
    let error = decode_ticket_export(
        r#"{ "tickets": [ { "id": 7, "status": "archived\u001b]0;x\u0007",
               "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z" } ],
             "after_cursor": null, "end_of_stream": true }"#,
    )
    .expect_err("an unknown status");
    let message = error.to_string();
    assert!(message.contains("ticket 7: `status` is \"archived\\u001b]0;x\\u0007\""), "{message}");
    assert!(!message.contains('\u{1b}'), "the escape is quoted, not passed on");

    for (field, value) in [
        ("id", json!(-4)),
        ("id", json!(1.5)),
        ("assignee_id", json!("235323")),
        ("created_at", json!("yesterday")),
    ] {
        let mut ticket = json!({ "id": 7, "status": "open",
            "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z" });
        ticket[field] = value;
        let body = json!({ "tickets": [ticket], "after_cursor": null, "end_of_stream": true }).to_string();
        let error = decode_ticket_export(&body).expect_err(field);
        assert!(
            matches!(&error, DecodeError::Unexpected { field: named, .. } if *named == field),
            "{error:?}"
        );
    }
}

#[test]
fn escape_sequences_are_stripped_from_a_subject() {
    let page = decode_ticket_export(
        r#"{ "tickets": [ { "id": 9, "status": "open",
               "subject": "\u001b]0;pwned\u0007Refund \u001b[31mnow\u001b[0m\u202e please",
               "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z" } ],
             "after_cursor": null, "end_of_stream": true }"#,
    )
    .expect("a hostile subject");
    assert_eq!(tickets(&page)[0].subject.as_str(), "Refund now please");
}

#[test]
fn zendesk_channels_map_to_keepers_channels() {
    let cases = [
        (Some("email"), TicketChannel::Email),
        (Some("web"), TicketChannel::Web),
        (Some("web_widget"), TicketChannel::Web),
        (Some("mobile_sdk"), TicketChannel::Web),
        (Some("chat"), TicketChannel::Chat),
        (Some("native_messaging"), TicketChannel::Chat),
        (Some("voice"), TicketChannel::Phone),
        (Some("sms"), TicketChannel::Phone),
        (Some("twitter"), TicketChannel::Social),
        (Some("api"), TicketChannel::Api),
        (Some("rule"), TicketChannel::Api),
        (Some("closed_ticket"), TicketChannel::Api),
        (None, TicketChannel::Api),
    ];
    for (via, expected) in cases {
        let via = via.map_or("null".to_owned(), |channel| format!(r#"{{ "channel": "{channel}" }}"#));
        let body = format!(
            r#"{{ "tickets": [ {{ "id": 1, "status": "open", "via": {via},
                   "created_at": "2026-03-01T00:00:00Z", "updated_at": "2026-03-01T00:00:00Z" }} ],
                 "after_cursor": null, "end_of_stream": true }}"#
        );
        let page = decode_ticket_export(&body).expect("a ticket");
        assert_eq!(tickets(&page)[0].channel, expected, "{via}");
    }
}

#[test]
fn organizations_give_accounts_with_a_bare_lower_case_domain() {
    let page = decode_organizations(
        r#"{
          "organizations": [
            { "url": "https://acme.zendesk.com/api/v2/organizations/509974.json", "id": 509974,
              "name": "Northwind Traders", "shared_tickets": false, "shared_comments": false,
              "external_id": null, "created_at": "2024-05-14T09:00:00Z", "updated_at": "2026-02-01T12:00:00Z",
              "domain_names": ["WWW.Northwind.example", "northwind-traders.example"],
              "details": "Seattle", "notes": "", "group_id": null,
              "tags": ["enterprise", "emea"], "organization_fields": { "plan_tier": "gold" } },
            { "id": 509975, "name": "Contoso", "created_at": "2025-01-02T00:00:00Z",
              "domain_names": [], "tags": [] },
            { "id": 509976, "name": "Fabrikam", "created_at": "2025-01-03T00:00:00Z",
              "domain_names": ["fabrikam.example"] }
          ],
          "meta": { "has_more": true, "after_cursor": "eyJvIjoibmljZV9pZCIsInYiOiJhUUVBQUFBQUFBQT0ifQ==",
                    "before_cursor": "eyJvIjoiLW5pY2VfaWQiLCJ2IjoiYVFFQUFBQUFBQUE9In0=" },
          "links": {
            "next": "https://acme.zendesk.com/api/v2/organizations.json?page%5Bsize%5D=100&page%5Bafter%5D=eyJvIjoibmljZV9pZCIsInYiOiJhUUVBQUFBQUFBQT0ifQ%3D%3D",
            "prev": null
          }
        }"#,
    )
    .expect("organizations");
    assert_eq!(page.next.as_deref(), Some("eyJvIjoibmljZV9pZCIsInYiOiJhUUVBQUFBQUFBQT0ifQ=="));
    assert!(!page.end_of_stream);
    let accounts: Vec<&AccountRecord> = page
        .records
        .iter()
        .map(|record| match record {
            Record::Account(account) => account,
            other => panic!("not an account: {other:?}"),
        })
        .collect();
    let northwind = accounts[0];
    assert_eq!(northwind.external_id.as_str(), "509974");
    assert_eq!(northwind.name.as_str(), "Northwind Traders");
    assert_eq!(northwind.domain.as_str(), "northwind.example");
    assert_eq!(northwind.tags.iter().map(|tag| tag.as_str()).collect::<Vec<_>>(), ["enterprise", "emea"]);
    assert_eq!(northwind.created_at, at("2024-05-14T09:00:00Z"));
    assert_eq!((northwind.stage, northwind.mrr, northwind.renewal_date), (None, None, None));
    assert!(northwind.plan.is_empty() && northwind.owner.is_empty());
    assert!(accounts[1].domain.is_empty() && accounts[1].tags.is_empty());
    assert_eq!(accounts[2].domain.as_str(), "fabrikam.example");
    assert!(accounts[2].tags.is_empty(), "no tags field is no tags");
}

#[test]
fn users_give_contacts_for_end_users_only() {
    let page = decode_users(
        r#"{
          "users": [
            { "id": 20978392, "url": "https://acme.zendesk.com/api/v2/users/20978392.json",
              "name": "Ana Lima", "email": "Ana.Lima@Northwind.example", "role": "end-user",
              "organization_id": 509974, "created_at": "2024-06-01T10:00:00Z",
              "last_login_at": "2026-02-28T16:20:00Z", "active": true, "verified": true },
            { "id": 235323, "name": "Sam Agent", "email": "sam@acme.com", "role": "agent",
              "organization_id": null, "created_at": "2023-01-01T00:00:00Z",
              "last_login_at": "2026-03-02T08:00:00Z" },
            { "id": 235324, "name": "Ada Admin", "email": "ada@acme.com", "role": "admin",
              "created_at": "2023-01-01T00:00:00Z" },
            { "id": 20978400, "name": "Caller from +44 20 7946 0000", "email": null, "role": "end-user",
              "organization_id": null, "created_at": "2026-01-10T00:00:00Z", "last_login_at": null }
          ],
          "meta": { "has_more": false, "after_cursor": "eyJvIjoiaWQiLCJ2IjoiYVFFQUFBQUFBQUE9In0=",
                    "before_cursor": null },
          "links": { "next": null, "prev": null }
        }"#,
    )
    .expect("users");
    assert_eq!(page.next, None, "a list has no cursor past its end");
    assert!(page.end_of_stream);
    let contacts: Vec<&ContactRecord> = page
        .records
        .iter()
        .map(|record| match record {
            Record::Contact(contact) => contact,
            other => panic!("not a contact: {other:?}"),
        })
        .collect();
    assert_eq!(contacts.len(), 2, "the agent and the admin are not contacts");
    assert_eq!(contacts[0].external_id.as_str(), "20978392");
    assert_eq!(contacts[0].account.as_deref(), Some("509974"));
    assert_eq!(contacts[0].name.as_str(), "Ana Lima");
    assert_eq!(contacts[0].email.as_str(), "ana.lima@northwind.example");
    assert_eq!(contacts[0].last_seen_at, Some(at("2026-02-28T16:20:00Z")));
    assert_eq!(contacts[1].account, None);
    assert!(contacts[1].email.is_empty());
    assert_eq!(contacts[1].last_seen_at, None);
}

#[test]
fn a_list_that_has_more_without_a_cursor_is_an_error() {
    let error = decode_users(r#"{ "users": [], "meta": { "has_more": true, "after_cursor": null } }"#)
        .expect_err("more, but from where?");
    assert!(error.to_string().contains("the page has no field `meta.after_cursor`"), "{error}");
}

#[test]
fn comments_keep_public_replies_apart_from_internal_notes() {
    let page = decode_comments(
        35436,
        r#"{
          "comments": [
            { "id": 1274, "type": "Comment", "author_id": 20978392,
              "body": "Exporting **March** invoices fails after a minute.",
              "html_body":
              "<div class=\"zd-comment\"><p>Exporting <b>March</b> invoices fails after a minute.</p></div>",
              "plain_body": "Exporting March invoices fails after a minute.",
              "public": true, "attachments": [], "audit_id": 43, "via": { "channel": "email" },
              "created_at": "2026-02-27T09:12:44Z" },
            { "id": 1275, "type": "Comment", "author_id": 235323,
              "body": "Looks like the 60 s proxy timeout.\r\nRaising it with ops.",
              "public": false, "via": { "channel": "web" }, "created_at": "2026-02-27T10:01:00Z" },
            { "id": 1276, "type": "Comment", "author_id": 99,
              "body": "Merged from ticket 35001", "public": true, "created_at": "2026-02-27T11:00:00Z" }
          ],
          "users": [
            { "id": 20978392, "name": "Ana Lima", "role": "end-user" },
            { "id": 235323, "name": "Sam Agent", "role": "agent" }
          ],
          "meta": { "has_more": true, "after_cursor": "xxx-comments", "before_cursor": null },
          "links": {
          "next": "https://acme.zendesk.com/api/v2/tickets/35436/comments.json?page%5Bafter%5D=xxx-comments",
            "prev": null
          }
        }"#,
    )
    .expect("comments");
    assert_eq!(page.next.as_deref(), Some("xxx-comments"));
    let [reply, note, merged] = page.comments.as_slice() else { panic!("three comments: {page:?}") };

    assert_eq!(reply.ticket.as_str(), "35436");
    assert_eq!(reply.author.as_str(), "Ana Lima");
    assert!(reply.public && !reply.by_agent);
    assert_eq!(reply.body.as_str(), "Exporting March invoices fails after a minute.", "plain_body first");
    assert_eq!(reply.created_at, at("2026-02-27T09:12:44Z"));

    assert_eq!(note.author.as_str(), "Sam Agent");
    assert!(!note.public && note.by_agent);
    assert_eq!(note.body.as_str(), "Looks like the 60 s proxy timeout.\nRaising it with ops.");

    assert_eq!(merged.author.as_str(), "user 99", "an author the page does not carry");
    assert!(!merged.by_agent);
}

#[test]
fn a_comment_that_does_not_say_whether_it_is_public_is_kept_internal() {
    let page = decode_comments(
        7,
        r#"{ "comments": [ { "id": 1, "body": "hi", "created_at": "2026-02-27T09:12:44Z" } ],
             "meta": { "has_more": false, "after_cursor": null } }"#,
    )
    .expect("a comment");
    assert!(!page.comments[0].public);
    assert!(page.comments[0].author.is_empty());
    assert_eq!(page.next, None);
}

#[test]
fn satisfaction_ratings_give_good_and_bad_answers_only() {
    let page = decode_satisfaction_ratings(
        r#"{
          "satisfaction_ratings": [
            { "id": 35436, "url": "https://acme.zendesk.com/api/v2/satisfaction_ratings/35436.json",
              "assignee_id": 235323, "group_id": 98738, "requester_id": 20978400, "ticket_id": 35437,
              "score": "good", "comment": "Fast and friendly",
              "created_at": "2026-03-01T08:30:00Z", "updated_at": "2026-03-01T19:45:00Z" },
            { "id": 35437, "requester_id": 20978392, "ticket_id": 35001, "score": "bad",
              "comment": "Took a week.\nStill broken.", "reason": "The issue was not resolved",
              "reason_code": 7,
              "created_at": "2026-02-20T12:00:00Z" },
            { "id": 35438, "requester_id": 20978393, "ticket_id": 35002, "score": "offered",
              "created_at": "2026-02-21T12:00:00Z", "updated_at": "2026-02-21T12:00:00Z" },
            { "id": 35439, "requester_id": 20978394, "ticket_id": 35003, "score": "unoffered",
              "created_at": "2026-02-22T12:00:00Z", "updated_at": "2026-02-22T12:00:00Z" }
          ],
          "meta": { "has_more": false, "after_cursor": null, "before_cursor": null }
        }"#,
    )
    .expect("ratings");
    let surveys: Vec<&SurveyRecord> = page
        .records
        .iter()
        .map(|record| match record {
            Record::Survey(survey) => survey,
            other => panic!("not a survey: {other:?}"),
        })
        .collect();
    assert_eq!(surveys.len(), 2, "offered and unoffered ratings are not answers");
    let good = surveys[0];
    assert_eq!(good.external_id.as_str(), "35436");
    assert_eq!(good.answer, SurveyAnswer::Rating(Rating::Good));
    assert_eq!(good.contact.as_deref(), Some("20978400"));
    assert_eq!(good.ticket.as_deref(), Some("35437"));
    assert_eq!(good.account, None);
    assert_eq!(good.comment.as_str(), "Fast and friendly");
    assert_eq!(good.responded_at, at("2026-03-01T19:45:00Z"), "answered when last updated");
    let bad = surveys[1];
    assert_eq!(bad.answer, SurveyAnswer::Rating(Rating::Bad));
    assert_eq!(bad.comment.as_str(), "Took a week.\nStill broken.");
    assert_eq!(bad.responded_at, at("2026-02-20T12:00:00Z"), "created_at without updated_at");
    assert!(page.end_of_stream);
}
