use jiff::Timestamp;
use serde_json::{Value, json};

use super::*;
use crate::connectors::records::{Page, Record};
use crate::model::{
    Currency, LifecycleStage, Money, SurveyAnswer, TicketChannel, TicketPriority, TicketStatus,
    TouchpointChannel,
};

fn at(text: &str) -> Timestamp {
    text.parse().expect("a test timestamp")
}

fn body(value: Value) -> String {
    value.to_string()
}

/// Two companies as `GET /crm/v3/objects/companies` lists them, with a next
/// page: the first with every property keepers asks for.
const COMPANIES_PAGE: &str = r#"{
  "results": [
    {
      "id": "5312700201",
      "properties": {
        "createdate": "2025-06-01T10:00:00.000Z",
        "domain": "WWW.Nordwind-Logistik.example",
        "hs_lastmodifieddate": "2026-02-10T08:30:12.511Z",
        "hs_object_id": "5312700201",
        "hubspot_owner_id": "81234567",
        "lifecyclestage": "customer",
        "name": "Nordwind Logistik GmbH"
      },
      "createdAt": "2025-06-01T10:00:00.000Z",
      "updatedAt": "2026-02-10T08:30:12.511Z",
      "archived": false
    },
    {
      "id": "5312700202",
      "properties": {
        "createdate": "2025-09-12T14:00:00Z",
        "domain": null,
        "hs_object_id": "5312700202",
        "lifecyclestage": "marketingqualifiedlead",
        "name": "Brightbay Foods Ltd"
      },
      "createdAt": "2025-09-12T14:00:00Z",
      "updatedAt": "2025-09-12T14:00:00Z",
      "archived": false
    }
  ],
  "paging": {
    "next": {
      "after": "5312700203",
      "link": "https://api.hubapi.com/crm/v3/objects/companies?after=5312700203"
    }
  }
}"#;

fn accounts(page: &Page) -> Vec<&crate::connectors::records::AccountRecord> {
    page.records
        .iter()
        .map(|record| match record {
            Record::Account(account) => account,
            other => panic!("not an account: {other:?}"),
        })
        .collect()
}

#[test]
fn a_companies_page_gives_its_accounts_and_the_cursor_after_it() {
    let page = decode_companies(COMPANIES_PAGE).expect("a companies page");
    assert_eq!(page.next.as_deref(), Some("5312700203"));
    assert!(!page.end_of_stream);
    let accounts = accounts(&page);
    assert_eq!(accounts.len(), 2);
    let nordwind = accounts[0];
    assert_eq!(nordwind.external_id.as_str(), "5312700201");
    assert_eq!(nordwind.name.as_str(), "Nordwind Logistik GmbH");
    assert_eq!(nordwind.domain.as_str(), "nordwind-logistik.example", "lower case, no www.");
    assert_eq!(nordwind.owner.as_str(), "owner 81234567");
    assert_eq!(nordwind.stage, Some(LifecycleStage::Retention));
    assert_eq!(nordwind.created_at, at("2025-06-01T10:00:00Z"));
    assert_eq!((nordwind.mrr, nordwind.renewal_date), (None, None), "HubSpot keeps neither by default");

    let brightbay = accounts[1];
    assert_eq!(brightbay.domain.as_str(), "");
    assert_eq!(brightbay.owner.as_str(), "", "no owner");
    assert_eq!(brightbay.stage, Some(LifecycleStage::Acquisition));
}

#[test]
fn the_last_page_has_no_paging_and_ends_the_stream() {
    let page = decode_companies(r#"{ "results": [] }"#).expect("the last page");
    assert_eq!((page.records.len(), page.next, page.end_of_stream), (0, None, true));
}

#[test]
fn a_company_without_optional_properties_takes_the_defaults() {
    let page = decode_companies(&body(json!({
        "results": [
            { "id": "7", "properties": { "hs_object_id": "7" }, "createdAt": "2026-01-05T09:00:00Z" },
            { "id": "8", "properties": { "domain": "acme.example", "name": "", "createdate": "" },
              "createdAt": "2026-01-06T09:00:00Z" }
        ]
    })))
    .expect("bare companies");
    let accounts = accounts(&page);
    assert_eq!(accounts[0].name.as_str(), "company 7", "an unnamed company is named by its id");
    assert_eq!(accounts[0].stage, None);
    assert_eq!(accounts[0].created_at, at("2026-01-05T09:00:00Z"), "createdAt stands in for createdate");
    assert_eq!(accounts[1].name.as_str(), "acme.example", "or by its domain");
}

#[test]
fn lifecycle_stages_map_onto_keepers_stages() {
    let stage_of = |stage: &str| {
        let page = decode_companies(&body(json!({ "results": [
            { "id": "1", "properties": { "lifecyclestage": stage, "createdate": "2026-01-01T00:00:00Z" } }
        ] })))
        .expect("a company");
        accounts(&page)[0].stage
    };
    assert_eq!(stage_of("subscriber"), Some(LifecycleStage::Reach));
    for acquisition in ["lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity"] {
        assert_eq!(stage_of(acquisition), Some(LifecycleStage::Acquisition), "{acquisition}");
    }
    assert_eq!(stage_of("customer"), Some(LifecycleStage::Retention));
    assert_eq!(stage_of("evangelist"), Some(LifecycleStage::Loyalty));
    assert_eq!(stage_of("other"), None);
    assert_eq!(stage_of("1024731"), None, "a portal's own stage keeps the account's");
}

#[test]
fn escape_sequences_in_names_are_stripped() {
    let page = decode_companies(&body(json!({ "results": [ { "id": "9", "properties": {
        "name": "Acme\u{1b}]0;pwned\u{7} \u{1b}[31mCorp\u{202e}", "createdate": "2026-01-01T00:00:00Z"
    } } ] })))
    .expect("a hostile name");
    assert_eq!(accounts(&page)[0].name.as_str(), "Acme Corp");
}

#[test]
fn a_contact_joins_its_primary_company_and_keeps_its_id_as_text() {
    let page = decode_contacts(&body(json!({ "results": [ {
        "id": "90071992547409930",
        "properties": {
            "email": "Jana@Nordwind-Logistik.example", "firstname": "Jana", "lastname": "Müller",
            "jobtitle": "Head of Operations", "notes_last_contacted": "2026-03-01T08:00:00Z",
            "createdate": "2025-06-02T10:00:00Z"
        },
        "associations": { "companies": { "results": [
            { "id": "5312700999", "type": "contact_to_company_unlabeled" },
            { "id": "5312700201", "type": "contact_to_company" }
        ] } }
    }, {
        "id": "52",
        "properties": { "email": "tom@brightbay.example", "associatedcompanyid": "5312700202" }
    } ] })))
    .expect("contacts");
    let Record::Contact(jana) = &page.records[0] else { panic!("a contact") };
    assert_eq!(jana.external_id.as_str(), "90071992547409930", "an id above 2^53 as it came");
    assert_eq!(jana.account.as_deref(), Some("5312700201"), "the primary company");
    assert_eq!(jana.name.as_str(), "Jana Müller");
    assert_eq!(jana.email.as_str(), "jana@nordwind-logistik.example");
    assert_eq!(jana.role.as_str(), "Head of Operations");
    assert_eq!(jana.last_seen_at, Some(at("2026-03-01T08:00:00Z")));
    let Record::Contact(tom) = &page.records[1] else { panic!("a contact") };
    assert_eq!(tom.account.as_deref(), Some("5312700202"), "associatedcompanyid without associations");
    assert_eq!(tom.name.as_str(), "tom@brightbay.example", "no name: the address");
    assert_eq!(tom.last_seen_at, None);
}

fn deal(properties: Value) -> Value {
    json!({
        "id": "1467822235",
        "properties": properties,
        "associations": { "deals": null, "companies": { "results": [
            { "id": "5312700201", "type": "deal_to_company" }
        ] } }
    })
}

#[test]
fn a_closed_won_deal_is_a_purchase_and_an_open_one_is_not() {
    let won = deal(json!({
        "dealname": "Nordwind – annual renewal", "amount": "12000.50", "deal_currency_code": "EUR",
        "closedate": "2026-02-28T17:00:00Z", "dealstage": "closedwon", "hs_is_closed_won": "true"
    }));
    let open = deal(json!({
        "dealname": "Nordwind – upsell", "amount": "5000", "closedate": "2026-06-30T00:00:00Z",
        "dealstage": "contractsent", "hs_is_closed_won": "false"
    }));
    let page = decode_deals(&body(json!({ "results": [won, open] })), Currency::USD).expect("deals");
    assert_eq!(page.records.len(), 1, "only the won deal");
    let Record::Purchase(purchase) = &page.records[0] else { panic!("a purchase") };
    assert_eq!(purchase.external_id.as_str(), "1467822235");
    assert_eq!(purchase.account.as_deref(), Some("5312700201"));
    assert_eq!(purchase.amount, Money::new(1_200_050, Currency::EUR));
    assert_eq!(purchase.description.as_str(), "Nordwind – annual renewal");
    assert_eq!(purchase.purchased_at, at("2026-02-28T17:00:00Z"));
}

#[test]
fn a_won_deal_without_a_currency_is_in_the_portals_and_stray_zeros_are_dropped() {
    let won = deal(json!({ "amount": "99.990", "dealstage": "closedwon", "closedate": "2026-03-01" }));
    let page = decode_deals(&body(json!({ "results": [won] })), Currency::GBP).expect("a deal");
    let Record::Purchase(purchase) = &page.records[0] else { panic!("a purchase") };
    assert_eq!(purchase.amount, Money::new(9_999, Currency::GBP));
    assert_eq!(purchase.purchased_at, at("2026-03-01T00:00:00Z"), "a date-only closedate");

    let odd = deal(json!({ "amount": "10.005", "hs_is_closed_won": "true" }));
    let error = decode_deals(&body(json!({ "results": [odd] })), Currency::USD).expect_err("a third cent");
    assert_eq!(
        error.to_string(),
        "HubSpot GET /crm/v3/objects/deals: deal 1467822235: `amount` is \"10.005\", expected an amount \
         such as 1500.00"
    );
}

#[test]
fn tickets_map_the_default_pipelines_stages_and_others_by_their_close_date() {
    let ticket = |id: &str, pipeline: &str, stage: &str, closed: Option<&str>| {
        json!({ "id": id, "properties": {
            "subject": "Invoices export times out", "hs_pipeline": pipeline, "hs_pipeline_stage": stage,
            "hs_ticket_priority": "HIGH", "source_type": "EMAIL", "hubspot_owner_id": "81234567",
            "createdate": "2026-02-27T09:12:44Z", "hs_lastmodifieddate": "2026-03-02T10:00:00Z",
            "closed_date": closed
        }, "associations": {
            "companies": { "results": [ { "id": "5312700201", "type": "ticket_to_company" } ] },
            "contacts": { "results": [ { "id": "52", "type": "ticket_to_contact" } ] }
        } })
    };
    let page = decode_tickets(&body(json!({ "results": [
        ticket("1", "0", "1", None),
        ticket("2", "0", "2", None),
        ticket("3", "0", "3", None),
        ticket("4", "0", "4", Some("2026-03-02T09:00:00Z")),
        ticket("5", "88776655", "1", None),
        ticket("6", "88776655", "99887766", Some("2026-03-01T12:00:00Z")),
    ] })))
    .expect("tickets");
    let tickets: Vec<_> = page
        .records
        .iter()
        .map(|record| match record {
            Record::Ticket(ticket) => ticket,
            other => panic!("not a ticket: {other:?}"),
        })
        .collect();
    let statuses: Vec<_> = tickets.iter().map(|ticket| ticket.status).collect();
    assert_eq!(
        statuses,
        [
            TicketStatus::New,
            TicketStatus::Pending,
            TicketStatus::Open,
            TicketStatus::Closed,
            TicketStatus::Open,
            TicketStatus::Closed
        ]
    );
    let first = tickets[0];
    assert_eq!(first.account.as_deref(), Some("5312700201"));
    assert_eq!(first.requester.as_deref(), Some("52"));
    assert_eq!(first.subject.as_str(), "Invoices export times out");
    assert_eq!((first.priority, first.channel), (TicketPriority::High, TicketChannel::Email));
    assert_eq!(first.assignee.as_str(), "owner 81234567");
    assert_eq!(first.updated_at, at("2026-03-02T10:00:00Z"));
    assert_eq!(first.solved_at, None);
    assert_eq!(tickets[3].solved_at, Some(at("2026-03-02T09:00:00Z")), "closed_date");
}

#[test]
fn a_ticket_with_a_portals_own_priority_and_no_source_reads_normal_through_the_api() {
    let page = decode_tickets(&body(json!({ "results": [ { "id": "77", "properties": {
        "hs_ticket_priority": "P2_SOMEDAY", "createdate": "2026-01-01T00:00:00Z"
    } } ] })))
    .expect("a ticket");
    let Record::Ticket(ticket) = &page.records[0] else { panic!("a ticket") };
    assert_eq!((ticket.priority, ticket.channel), (TicketPriority::Normal, TicketChannel::Api));
    assert_eq!(ticket.updated_at, at("2026-01-01T00:00:00Z"), "no modification: the creation");
}

#[test]
fn feedback_submissions_become_nps_csat_and_ces_answers() {
    let submission = |id: &str, kind: &str, value: &str| {
        json!({ "id": id, "properties": {
            "hs_survey_type": kind, "hs_value": value, "hs_content": "Exports keep\ntiming out",
            "hs_submission_timestamp": "2026-03-02T11:00:00Z", "hs_createdate": "2026-03-02T11:00:05Z"
        }, "associations": {
            "contacts": { "results": [ { "id": "52", "type": "feedback_submission_to_contact" } ] }
        } })
    };
    let page = decode_feedback_submissions(&body(json!({ "results": [
        submission("301", "NPS", "3"),
        submission("302", "CSAT", "0"),
        submission("303", "CSAT", "1"),
        submission("304", "CES", "6"),
        submission("305", "CUSTOM", "4"),
        submission("306", "NPS", "11"),
    ] })))
    .expect("feedback");
    let surveys: Vec<_> = page
        .records
        .iter()
        .map(|record| match record {
            Record::Survey(survey) => survey,
            other => panic!("not a survey: {other:?}"),
        })
        .collect();
    let answers: Vec<_> = surveys.iter().map(|survey| survey.answer).collect();
    assert_eq!(
        answers,
        [SurveyAnswer::Nps(3), SurveyAnswer::Csat(1), SurveyAnswer::Csat(3), SurveyAnswer::Ces(6)],
        "custom surveys and answers off the scale are left out"
    );
    let detractor = surveys[0];
    assert_eq!(detractor.external_id.as_str(), "301");
    assert_eq!(detractor.contact.as_deref(), Some("52"));
    assert_eq!(detractor.account, None);
    assert_eq!(detractor.comment.as_str(), "Exports keep\ntiming out");
    assert_eq!(detractor.responded_at, at("2026-03-02T11:00:00Z"));
    assert!(detractor.answer.needs_follow_up());
}

#[test]
fn a_survey_answer_that_is_no_number_is_named() {
    let error = decode_feedback_submissions(&body(json!({ "results": [ { "id": "310", "properties": {
        "hs_survey_type": "NPS", "hs_response_value": "nine"
    } } ] })))
    .expect_err("not a number");
    assert_eq!(
        error.to_string(),
        "HubSpot GET /crm/v3/objects/feedback_submissions: feedback submission 310: `hs_response_value` is \
         \"nine\", expected a whole number"
    );
}

#[test]
fn a_call_keeps_its_outcome_and_a_note_its_text_without_html() {
    let call = decode_engagements(
        CrmObject::Calls,
        &body(json!({ "results": [ { "id": "4001", "properties": {
            "hs_call_title": "Renewal check-in", "hs_call_body": "<p>Budget approved&nbsp;for <b>2027</b></p>",
            "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7", "hs_call_status": "COMPLETED",
            "hs_timestamp": "2026-03-03T15:30:00Z", "hubspot_owner_id": "81234567"
        }, "associations": {
            "companies": { "results": [ { "id": "5312700201", "type": "call_to_company" } ] },
            "contacts": { "results": [ { "id": "52", "type": "call_to_contact" } ] }
        } } ] })),
    )
    .expect("a call");
    let Record::Activity(call) = &call.records[0] else { panic!("an activity") };
    assert_eq!(call.channel, Some(TouchpointChannel::Call));
    assert_eq!(call.outcome.as_str(), "connected");
    assert_eq!(call.body.as_str(), "Renewal check-in\n\nBudget approved for 2027");
    assert_eq!(call.author.as_str(), "owner 81234567");
    assert_eq!((call.account.as_deref(), call.contact.as_deref()), (Some("5312700201"), Some("52")));
    assert_eq!(call.at, at("2026-03-03T15:30:00Z"));

    let note = decode_engagements(
        CrmObject::Notes,
        &body(json!({ "results": [ { "id": "4002", "properties": {
            "hs_note_body": "<div><p>Champion is leaving &amp; we need a new one.</p><p>Line 2<br>3 &lt; 4</p></div>",
            "hs_timestamp": "2026-03-04T09:00:00Z"
        } } ] })),
    )
    .expect("a note");
    let Record::Activity(note) = &note.records[0] else { panic!("an activity") };
    assert_eq!(note.channel, None);
    assert_eq!(note.body.as_str(), "Champion is leaving & we need a new one.\nLine 2\n3 < 4");
    assert_eq!(note.outcome.as_str(), "");
}

#[test]
fn emails_and_meetings_say_which_way_and_how_they_went() {
    let email = decode_engagements(
        CrmObject::Emails,
        &body(json!({ "results": [ { "id": "5001", "properties": {
            "hs_email_subject": "Re: renewal", "hs_email_text": "Thanks, signed.",
            "hs_email_direction": "INCOMING_EMAIL", "hs_timestamp": "2026-03-05T10:00:00Z"
        } } ] })),
    )
    .expect("an e-mail");
    let Record::Activity(email) = &email.records[0] else { panic!("an activity") };
    assert_eq!((email.channel, email.outcome.as_str()), (Some(TouchpointChannel::Email), "received"));
    assert_eq!(email.body.as_str(), "Re: renewal\n\nThanks, signed.");
    let meeting = decode_engagements(
        CrmObject::Meetings,
        &body(json!({ "results": [ { "id": "5002", "properties": {
            "hs_meeting_title": "QBR", "hs_meeting_outcome": "NO_SHOW", "hs_timestamp": "2026-03-06T10:00:00Z"
        } } ] })),
    )
    .expect("a meeting");
    let Record::Activity(meeting) = &meeting.records[0] else { panic!("an activity") };
    assert_eq!((meeting.channel, meeting.outcome.as_str()), (Some(TouchpointChannel::Meeting), "no show"));
}

#[test]
fn broken_bodies_name_the_endpoint_the_record_and_the_field() {
    let truncated = decode_contacts(r#"{ "results": [ { "id": "1","#).expect_err("truncated");
    assert!(matches!(truncated, DecodeError::Malformed { .. }), "{truncated}");
    assert!(
        truncated.to_string().starts_with("HubSpot GET /crm/v3/objects/contacts: the body"),
        "{truncated}"
    );

    let no_results = decode_contacts(r#"{ "status": "error" }"#).expect_err("no results");
    assert_eq!(
        no_results.to_string(),
        "HubSpot GET /crm/v3/objects/contacts: the page has no field `results`"
    );

    let no_id = decode_contacts(r#"{ "results": [ { "properties": {} } ] }"#).expect_err("no id");
    assert_eq!(
        no_id.to_string(),
        "HubSpot GET /crm/v3/objects/contacts: contact number 1 of the page (it has no usable id) has no \
         field `id`"
    );

    let bad_time = decode_contacts(
        r#"{ "results": [ { "id": "3", "properties": { "notes_last_contacted": "yesterday\u001b[2J" } } ] }"#,
    )
    .expect_err("a bad time");
    let message = bad_time.to_string();
    assert!(message.contains("contact 3: `notes_last_contacted` is \"yesterday\\u001b[2J\""), "{message}");
    assert!(!message.contains('\u{1b}'), "the escape is shown, not sent");

    let bad_cursor = decode_contacts(r#"{ "results": [], "paging": { "next": { "after": 5 } } }"#)
        .expect_err("a numeric cursor");
    assert!(bad_cursor.to_string().contains("`paging.next.after` is 5, expected a cursor"), "{bad_cursor}");
}
