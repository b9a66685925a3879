//! `keepers sync` against a fake Freshdesk on loopback (wiremock), with pages
//! written from Freshdesk's documented fields: every stream read to its end
//! with the API key as basic auth, the ticket window moved to the newest
//! update after a full page and past the page cap, 429 with Retry-After, a
//! malformed page (named, nothing of it written, the cursor where it was),
//! `keepers doctor`'s sign-in, and a ticket's conversations read page by
//! page.

mod common;

use std::path::Path;
use std::process::Output;

use common::{command_on, count};
use keepers::connectors::freshdesk::{Freshdesk, FreshdeskConfig};
use keepers::sync::backoff::RandomDraws;
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY_VARIABLE: &str = "KEEPERS_TEST_FRESHDESK_KEY";
const API_KEY: &str = "fd-test-key";
/// `Basic base64("fd-test-key:X")`: the API key as the user, `X` as the password.
const AUTHORIZATION: &str = "Basic ZmQtdGVzdC1rZXk6WA==";
/// The first window: every ticket.
const FIRST_SINCE: &str = "2000-01-01T00:00:00Z";

struct FakeFreshdesk {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

impl FakeFreshdesk {
    fn start() -> FakeFreshdesk {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio");
        let server = runtime.block_on(MockServer::start());
        FakeFreshdesk { runtime, server }
    }

    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    /// Companies in two pages (a full one of 100, then one), contacts and
    /// ratings in one each; only for the right API key.
    fn lists(&self) {
        let companies: Vec<Value> =
            (1..=100).map(|id| company(id, &format!("company{id}.example"))).collect();
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/companies"))
                .and(query_param("page", "1"))
                .and(query_param("per_page", "100"))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(ResponseTemplate::new(200).set_body_json(companies)),
        );
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/companies"))
                .and(query_param("page", "2"))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!([company(9007199254740993, "www.nordwind-logistik.example")])),
                ),
        );
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/contacts"))
                .and(query_param("page", "1"))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                    { "id": 67000123456_u64, "name": "Jana Müller", "email": "jana@nordwind-logistik.example",
                      "job_title": "Head of Operations", "company_id": 9007199254740993_u64, "active": true,
                      "created_at": "2025-06-02T10:00:00Z", "updated_at": "2026-03-01T08:00:00Z" },
                    { "id": 67000123457_u64, "name": "Tom Baker", "email": "tom@brightbay.example",
                      "job_title": null, "company_id": null, "active": true,
                      "created_at": "2025-07-01T00:00:00Z", "updated_at": "2026-03-01T08:00:00Z" }
                ]))),
        );
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/surveys/satisfaction_ratings"))
                .and(query_param("created_since", FIRST_SINCE))
                .and(query_param("page", "1"))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                    { "id": 102, "survey_id": 1, "user_id": 67000123456_u64, "agent_id": 1, "group_id": null,
                      "ticket_id": 1, "feedback": "Still broken", "ratings": { "default_question": -103 },
                      "created_at": "2026-03-02T11:00:00Z", "updated_at": "2026-03-02T11:00:00Z" }
                ]))),
        );
    }

    /// The tickets of the window from `since`, page `page`.
    fn tickets(&self, since: &str, page: &str, response: ResponseTemplate) {
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/tickets"))
                .and(query_param("updated_since", since))
                .and(query_param("order_by", "updated_at"))
                .and(query_param("order_type", "asc"))
                .and(query_param("per_page", "100"))
                .and(query_param("page", page))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(response),
        );
    }

    /// The queries of the ticket listing keepers made, as (updated_since, page).
    fn ticket_queries(&self) -> Vec<(String, String)> {
        let requests = self.runtime.block_on(self.server.received_requests()).unwrap_or_default();
        requests
            .iter()
            .filter(|request| request.url.path() == "/api/v2/tickets")
            .map(|request| {
                let value = |key: &str| {
                    request.url.query_pairs().find(|(name, _)| name == key).map(|(_, v)| v.into_owned())
                };
                (value("updated_since").unwrap_or_default(), value("page").unwrap_or_default())
            })
            .collect()
    }

    fn keepers_toml(&self) -> String {
        format!(
            "[[source]]\nkind = \"freshdesk\"\nbase_url = \"{}\"\ntoken_env = \"{KEY_VARIABLE}\"\n",
            self.server.uri()
        )
    }
}

fn company(id: u64, domain: &str) -> Value {
    json!({
        "id": id, "name": format!("Company {id}"), "description": null, "domains": [domain],
        "note": null, "custom_fields": {}, "health_score": null, "account_tier": "Basic",
        "created_at": "2025-06-01T10:00:00Z", "updated_at": "2026-01-10T10:00:00Z"
    })
}

fn ticket(id: u64, updated_at: &str) -> Value {
    json!({
        "id": id, "subject": format!("Ticket {id}: export fails"), "status": 2, "priority": 3, "source": 1,
        "requester_id": 67000123456_u64, "responder_id": 67000000001_u64, "company_id": 9007199254740993_u64,
        "created_at": "2026-02-27T09:12:44Z", "updated_at": updated_at
    })
}

/// `count` tickets from id `first`, all updated at `updated_at` but the
/// last, updated at `last_updated_at`.
fn tickets(first: u64, count: u64, updated_at: &str, last_updated_at: &str) -> ResponseTemplate {
    let page: Vec<Value> = (first..first + count)
        .map(|id| ticket(id, if id == first + count - 1 { last_updated_at } else { updated_at }))
        .collect();
    ResponseTemplate::new(200).set_body_json(page)
}

/// A workspace with `freshdesk` configured as its source.
fn workspace_for(freshdesk: &FakeFreshdesk) -> (tempfile::TempDir, std::path::PathBuf) {
    common::workspace_configured(&freshdesk.keepers_toml())
}

fn sync(workspace: &Path) -> Output {
    command_on(workspace, &["sync", "--json"]).env(KEY_VARIABLE, API_KEY).output().expect("keepers sync runs")
}

fn report(output: &Output) -> Value {
    common::json_report(output)
}

fn cursor(workspace: &Path) -> Option<String> {
    rusqlite::Connection::open(workspace)
        .expect("the workspace")
        .query_row(
            "SELECT cursor FROM sync_cursors WHERE source = 'freshdesk' AND stream = 'tickets'",
            [],
            |row| row.get(0),
        )
        .ok()
}

const TICKETS: &str = "SELECT count(*) FROM tickets WHERE source = 'freshdesk'";

#[test]
fn every_stream_is_read_to_its_end_and_a_full_ticket_page_moves_the_window() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    // A full page whose newest update is 10:05, then the window from 10:05:
    // the boundary ticket 100 again, and one more.
    freshdesk.tickets(FIRST_SINCE, "1", tickets(1, 100, "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z"));
    freshdesk.tickets(
        "2026-03-02T10:05:00Z",
        "1",
        tickets(100, 2, "2026-03-02T10:05:00Z", "2026-03-02T11:00:00Z"),
    );
    let (_dir, workspace) = workspace_for(&freshdesk);
    let output = sync(&workspace);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    let source = &report(&output)["sources"][0];
    assert_eq!((source["source"].as_str(), source["ok"].as_bool()), (Some("freshdesk"), Some(true)));

    let accounts = "SELECT count(*) FROM account_external_ids WHERE source = 'freshdesk'";
    assert_eq!(count(&workspace, accounts), 101, "both pages of companies");
    let big = "SELECT count(*) FROM account_external_ids WHERE external_id = '9007199254740993'";
    assert_eq!(count(&workspace, big), 1, "an id above 2^53 arrives exactly");
    let domain = "SELECT count(*) FROM accounts WHERE domain = 'nordwind-logistik.example'";
    assert_eq!(count(&workspace, domain), 1, "www. is not part of the domain");
    let tom = "SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id \
               WHERE c.email = 'tom@brightbay.example' AND a.domain = 'brightbay.example'";
    assert_eq!(count(&workspace, tom), 1, "a contact without a company joins by its e-mail domain");
    assert_eq!(count(&workspace, TICKETS), 101, "the boundary ticket is upserted, not doubled");
    let linked = "SELECT count(*) FROM tickets t JOIN contacts c ON c.id = t.requester_id \
                  WHERE t.source = 'freshdesk' AND c.email = 'jana@nordwind-logistik.example'";
    assert_eq!(count(&workspace, linked), 101, "tickets keep their requester");
    assert_eq!(count(&workspace, "SELECT count(*) FROM survey_responses WHERE source = 'freshdesk'"), 1);
    assert_eq!(cursor(&workspace).as_deref(), Some("2026-03-02T11:00:00Z|1"), "the newest update, page 1");
    assert_eq!(
        freshdesk.ticket_queries(),
        [(FIRST_SINCE.to_owned(), "1".to_owned()), ("2026-03-02T10:05:00Z".to_owned(), "1".to_owned())]
    );

    // Nothing changed since: an empty page, and nothing twice.
    freshdesk.tickets("2026-03-02T11:00:00Z", "1", ResponseTemplate::new(200).set_body_json(json!([])));
    let again = sync(&workspace);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stdout));
    assert_eq!(count(&workspace, TICKETS), 101);
    assert_eq!(count(&workspace, accounts), 101, "the companies are read again, not doubled");
    assert_eq!(cursor(&workspace).as_deref(), Some("2026-03-02T11:00:00Z|1"));
}

#[test]
fn a_window_at_the_page_cap_starts_a_new_one_by_updated_since() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    let (_dir, workspace) = workspace_for(&freshdesk);
    // A sync stopped deep in one second's tickets: page 300, Freshdesk's last.
    rusqlite::Connection::open(&workspace)
        .expect("the workspace")
        .execute(
            "INSERT INTO sync_cursors (source, stream, cursor, updated_at) \
             VALUES ('freshdesk', 'tickets', '2026-03-01T10:00:00Z|300', 0)",
            [],
        )
        .expect("a stored cursor");
    let second = "2026-03-01T10:00:00Z";
    freshdesk.tickets(second, "300", tickets(1, 100, second, second));
    freshdesk.tickets(
        "2026-03-01T10:00:01Z",
        "1",
        tickets(101, 1, "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z"),
    );
    let output = sync(&workspace);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(
        freshdesk.ticket_queries(),
        [(second.to_owned(), "300".to_owned()), ("2026-03-01T10:00:01Z".to_owned(), "1".to_owned())],
        "no page 301: a new query from the next second"
    );
    assert_eq!(count(&workspace, TICKETS), 101);
    assert_eq!(cursor(&workspace).as_deref(), Some("2026-03-01T12:00:00Z|1"));
}

#[test]
fn a_429_is_waited_out_for_as_long_as_retry_after_says() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    freshdesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/tickets"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("Retry-After", "1")
                    .insert_header("X-RateLimit-Total", "50")
                    .insert_header("X-RateLimit-Remaining", "0"),
            )
            .up_to_n_times(1),
    );
    freshdesk.tickets(FIRST_SINCE, "1", tickets(1, 2, "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z"));
    let (_dir, workspace) = workspace_for(&freshdesk);
    let started = std::time::Instant::now();
    let output = sync(&workspace);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "Retry-After: 1 was honoured");
    assert_eq!(count(&workspace, TICKETS), 2);
    assert_eq!(freshdesk.ticket_queries().len(), 2, "the page was asked for again once");
}

#[test]
fn a_malformed_page_is_named_nothing_of_it_is_written_and_the_cursor_stays() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    freshdesk.tickets(FIRST_SINCE, "1", tickets(1, 100, "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z"));
    let truncated = r#"[{"id": 101, "status": 2, "created_at": "2026-02-27T09:12:44Z", "updated_at": "2026-03-02T10:06:00Z"}, {"id": 102,"#;
    freshdesk.tickets("2026-03-02T10:05:00Z", "1", ResponseTemplate::new(200).set_body_string(truncated));
    let (_dir, workspace) = workspace_for(&freshdesk);
    let failed = sync(&workspace);
    assert_eq!(failed.status.code(), Some(1));
    let error = report(&failed)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(error.contains("freshdesk tickets, page 2"), "names the source, stream and page: {error}");
    assert!(error.contains("GET /api/v2/tickets"), "and the endpoint: {error}");
    assert_eq!(count(&workspace, TICKETS), 100, "only the first page");
    assert_eq!(count(&workspace, "SELECT count(*) FROM tickets WHERE external_id = '101'"), 0);
    assert_eq!(cursor(&workspace).as_deref(), Some("2026-03-02T10:05:00Z|1"), "after the last page written");
    let text =
        format!("{}{}", String::from_utf8_lossy(&failed.stdout), String::from_utf8_lossy(&failed.stderr));
    assert!(!text.contains(API_KEY), "the API key is never printed");
}

#[test]
fn doctor_signs_in_and_names_the_agent() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/agents/me"))
            .and(header("authorization", AUTHORIZATION))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": 67000000001_u64, "available": true, "occasional": false, "ticket_scope": 1,
                "contact": { "name": "Sam Agent", "email": "sam@support.example", "active": true }
            }))),
    );
    let (_dir, workspace) = workspace_for(&freshdesk);
    let output =
        command_on(&workspace, &["doctor", "--json"]).env(KEY_VARIABLE, API_KEY).output().expect("doctor");
    let report = report(&output);
    assert_eq!(report["ok"], true, "{report}");
    let reachable = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|check| check["check"] == "source freshdesk reachable");
    assert!(
        reachable.is_some_and(|c| c["detail"].as_str().is_some_and(|d| d.contains("sam@support.example"))),
        "{report}"
    );
    assert!(!report.to_string().contains(API_KEY));
}

#[test]
fn a_tickets_conversations_are_read_page_by_page() {
    let freshdesk = FakeFreshdesk::start();
    let conversation = |id: u64, private: bool| {
        json!({ "id": id, "body": "<p>Hi</p>", "body_text": format!("Reply {id}"), "incoming": !private,
                "private": private, "user_id": 67000123456_u64, "ticket_id": 432,
                "created_at": "2026-03-02T09:00:00Z" })
    };
    let first: Vec<Value> = (1..=100).map(|id| conversation(id, false)).collect();
    for (page, body) in [("1", json!(first)), ("2", json!([conversation(101, true)]))] {
        freshdesk.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/tickets/432/conversations"))
                .and(query_param("page", page))
                .and(header("authorization", AUTHORIZATION))
                .respond_with(ResponseTemplate::new(200).set_body_json(body)),
        );
    }
    let config = FreshdeskConfig {
        name: "freshdesk".to_owned(),
        domain: None,
        base_url: Some(freshdesk.server.uri()),
        token_cmd: Some(format!("printf {API_KEY}")),
        token_env: None,
        token_keyring: None,
        token_file: None,
        sync_every_minutes: 0,
    };
    let client = Freshdesk::from_config(&config).expect("a client");
    let mut draws = RandomDraws::from_seed(7);
    let comments = freshdesk.runtime.block_on(client.conversations(432, &mut draws)).expect("conversations");
    assert_eq!(comments.len(), 101);
    assert!(comments[0].public && !comments[0].by_agent);
    assert_eq!(comments[100].body.as_str(), "Reply 101");
    assert!(!comments[100].public && comments[100].by_agent, "a private note by the team");
}

#[test]
fn ticket_changes_go_back_to_freshdesk_as_an_update_and_a_private_note() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    freshdesk.tickets(FIRST_SINCE, "1", tickets(1, 2, "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z"));
    freshdesk.mount(
        Mock::given(method("PUT"))
            .and(path("/api/v2/tickets/2"))
            .and(header("authorization", AUTHORIZATION))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": 2 }))),
    );
    freshdesk.mount(
        Mock::given(method("POST"))
            .and(path("/api/v2/tickets/2/notes"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": 501 }))),
    );
    let (_dir, workspace) = workspace_for(&freshdesk);
    assert!(sync(&workspace).status.success());
    let ticket = count(&workspace, "SELECT id FROM tickets WHERE source = 'freshdesk' AND external_id = '2'");
    let ticket = ticket.to_string();
    let act = command_on(
        &workspace,
        &[
            "act",
            "ticket",
            &ticket,
            "--status",
            "solved",
            "--priority",
            "urgent",
            "--note",
            "Sent the fix",
            "--json",
        ],
    )
    .env(KEY_VARIABLE, API_KEY)
    .output()
    .expect("keepers act");
    let acted = report(&act);
    assert!(
        acted["items"].as_array().expect("items").iter().all(|item| item["state"] == "pending"),
        "{acted}"
    );
    let pushed = command_on(&workspace, &["outbox", "push", "--json"])
        .env(KEY_VARIABLE, API_KEY)
        .output()
        .expect("keepers outbox push");
    assert_eq!(report(&pushed)["pushed"], 2, "{}", String::from_utf8_lossy(&pushed.stderr));
    let requests = freshdesk.runtime.block_on(freshdesk.server.received_requests()).unwrap_or_default();
    let update =
        requests.iter().find(|request| request.method == wiremock::http::Method::PUT).expect("the update");
    let update: Value = serde_json::from_slice(&update.body).expect("JSON");
    assert_eq!((update["status"].as_i64(), update["priority"].as_i64()), (Some(4), Some(4)));
    let keys: Vec<&str> = acted["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["idempotency_key"].as_str())
        .collect();
    for request in requests.iter().filter(|request| request.method != wiremock::http::Method::GET) {
        let key = request.headers.get("idempotency-key").and_then(|value| value.to_str().ok());
        assert!(key.is_some_and(|key| keys.contains(&key)), "each push carries its item's key");
    }
    let note =
        requests.iter().find(|request| request.method == wiremock::http::Method::POST).expect("the note");
    let note: Value = serde_json::from_slice(&note.body).expect("JSON");
    assert_eq!(note, json!({ "body": "Sent the fix", "private": true }));
}

#[test]
fn a_500_is_retried_a_redirect_is_refused_and_a_failed_sync_resumes_where_it_stopped() {
    let freshdesk = FakeFreshdesk::start();
    freshdesk.lists();
    freshdesk.tickets(FIRST_SINCE, "1", tickets(1, 100, "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z"));
    // The second window: a 500 once, then a redirect to another host.
    freshdesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/tickets"))
            .and(query_param("updated_since", "2026-03-02T10:05:00Z"))
            .respond_with(ResponseTemplate::new(500))
            .up_to_n_times(1)
            .with_priority(1),
    );
    freshdesk.tickets(
        "2026-03-02T10:05:00Z",
        "1",
        ResponseTemplate::new(301).insert_header("Location", "https://elsewhere.example/api/v2/tickets"),
    );
    let (_dir, workspace) = workspace_for(&freshdesk);
    let failed = sync(&workspace);
    assert_eq!(failed.status.code(), Some(1));
    let error = report(&failed)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(error.contains("redirects to https://elsewhere.example"), "{error}");
    let asked =
        freshdesk.ticket_queries().iter().filter(|(since, _)| since == "2026-03-02T10:05:00Z").count();
    assert_eq!(asked, 2, "the 500 was asked again, the redirect not followed");
    assert_eq!(cursor(&workspace).as_deref(), Some("2026-03-02T10:05:00Z|1"));

    // Freshdesk answers again: the next sync starts at the saved window.
    freshdesk.runtime.block_on(freshdesk.server.reset());
    freshdesk.lists();
    freshdesk.tickets(
        "2026-03-02T10:05:00Z",
        "1",
        tickets(100, 2, "2026-03-02T10:05:00Z", "2026-03-02T11:00:00Z"),
    );
    let resumed = sync(&workspace);
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stdout));
    assert_eq!(count(&workspace, TICKETS), 101);
    assert!(
        freshdesk.ticket_queries().iter().all(|(since, _)| since != FIRST_SINCE),
        "the tickets were not read from the start again"
    );
}
