//! `keepers sync` against a fake Zendesk on loopback (wiremock), with pages
//! written from Zendesk's documented fields: paging to the end, resuming from
//! the saved cursor after a failure, 429 with Retry-After, a 500 then
//! success, a malformed page (named, nothing of it written, the cursor
//! where it was), ids above 2^53, and a redirect to another host refused.

mod common;

use std::path::Path;
use std::process::Output;

use common::{command_on, count, demo_workspace};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN_VARIABLE: &str = "KEEPERS_TEST_ZENDESK_TOKEN";

struct FakeZendesk {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

impl FakeZendesk {
    fn start() -> FakeZendesk {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio");
        let server = runtime.block_on(MockServer::start());
        FakeZendesk { runtime, server }
    }

    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    /// Organizations in two pages, users and ratings in one, as Zendesk's
    /// cursor pagination gives them.
    fn lists(&self) {
        let organizations = |ids: &[(u64, &str, &str)], more: bool, after: &str| {
            json!({
                "organizations": ids.iter().map(|(id, name, domain)| json!({
                    "id": id, "name": name, "domain_names": [domain], "tags": ["enterprise"],
                    "created_at": "2025-06-01T10:00:00Z", "updated_at": "2026-01-10T10:00:00Z"
                })).collect::<Vec<_>>(),
                "meta": { "has_more": more, "after_cursor": if more { Value::from(after) } else { Value::Null } },
                "links": { "next": null }
            })
        };
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/organizations.json"))
                .and(query_param_is_missing("page[after]"))
                .respond_with(ResponseTemplate::new(200).set_body_json(organizations(
                    &[(509974, "Nordwind Logistik GmbH", "www.nordwind-logistik.example")],
                    true,
                    "org-2",
                ))),
        );
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/organizations.json"))
                .and(query_param("page[after]", "org-2"))
                .respond_with(ResponseTemplate::new(200).set_body_json(organizations(
                    &[(9007199254740993, "Brightbay Foods Ltd", "brightbay.example")],
                    false,
                    "",
                ))),
        );
        self.mount(Mock::given(method("GET")).and(path("/api/v2/users.json")).respond_with(
            ResponseTemplate::new(200).set_body_json(json!({
                "users": [
                    { "id": 20978392, "name": "Jana Müller", "email": "jana@nordwind-logistik.example",
                      "role": "end-user", "organization_id": 509974,
                      "created_at": "2025-06-02T10:00:00Z", "last_login_at": "2026-03-01T08:00:00Z" },
                    { "id": 235323, "name": "Sam Agent", "email": "sam@support.example", "role": "agent",
                      "organization_id": null, "created_at": "2024-01-01T00:00:00Z" },
                    { "id": 20978400, "name": "Tom Baker", "email": "tom@brightbay.example", "role": "end-user",
                      "organization_id": null, "created_at": "2025-07-01T00:00:00Z" }
                ],
                "meta": { "has_more": false, "after_cursor": null }
            })),
        ));
        self.mount(Mock::given(method("GET")).and(path("/api/v2/satisfaction_ratings.json")).respond_with(
            ResponseTemplate::new(200).set_body_json(json!({
                "satisfaction_ratings": [
                    { "id": 77, "score": "bad", "ticket_id": 35436, "requester_id": 20978392,
                      "comment": "Still broken", "created_at": "2026-03-02T11:00:00Z",
                      "updated_at": "2026-03-02T11:00:00Z" },
                    { "id": 78, "score": "unoffered", "ticket_id": 35437, "requester_id": 20978400,
                      "created_at": "2026-03-02T11:00:00Z", "updated_at": "2026-03-02T11:00:00Z" }
                ],
                "meta": { "has_more": false, "after_cursor": null }
            })),
        ));
    }

    /// The ticket export: `start_time=0` gives ticket 35436, its cursor c1
    /// gives `second` (a status and body), ending the stream with cursor c2.
    fn tickets(&self, second: ResponseTemplate) {
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/incremental/tickets/cursor.json"))
                .and(query_param("start_time", "0"))
                .respond_with(ResponseTemplate::new(200).set_body_json(ticket_page(35436, "c1", false))),
        );
        self.mount(
            Mock::given(method("GET"))
                .and(path("/api/v2/incremental/tickets/cursor.json"))
                .and(query_param("cursor", "c1"))
                .respond_with(second),
        );
    }

    fn keepers_toml(&self) -> String {
        format!(
            "[[source]]\nkind = \"zendesk\"\nbase_url = \"{}\"\nemail = \"sam@support.example\"\ntoken_env = \"{TOKEN_VARIABLE}\"\n",
            self.server.uri()
        )
    }
}

fn ticket_page(id: u64, cursor: &str, end: bool) -> Value {
    json!({
        "tickets": [{
            "id": id, "subject": format!("Ticket {id}: export fails"), "status": "open", "priority": "high",
            "requester_id": 20978392, "assignee_id": 235323, "organization_id": 509974,
            "via": { "channel": "email" }, "created_at": "2026-02-27T09:12:44Z",
            "updated_at": "2026-03-02T10:00:00Z", "satisfaction_rating": { "score": "unoffered" }
        }],
        "after_cursor": cursor, "after_url": null, "before_cursor": null, "end_of_stream": end
    })
}

/// A workspace with `zendesk` configured as its source.
fn workspace_for(zendesk: &FakeZendesk) -> (tempfile::TempDir, std::path::PathBuf) {
    common::workspace_configured(&zendesk.keepers_toml())
}

fn sync(workspace: &Path, args: &[&str]) -> Output {
    let mut all = vec!["sync", "--json"];
    all.extend_from_slice(args);
    command_on(workspace, &all).env(TOKEN_VARIABLE, "zd-test-token").output().expect("keepers sync runs")
}

fn report(output: &Output) -> Value {
    common::json_report(output)
}

fn cursor(workspace: &Path) -> Option<String> {
    rusqlite::Connection::open(workspace)
        .expect("the workspace")
        .query_row("SELECT cursor FROM sync_cursors WHERE stream = 'tickets'", [], |row| row.get(0))
        .ok()
}

#[test]
fn every_stream_is_read_to_its_end_and_joined_into_accounts() {
    let zendesk = FakeZendesk::start();
    zendesk.lists();
    zendesk.tickets(ResponseTemplate::new(200).set_body_json(ticket_page(35437, "c2", true)));
    let (_dir, workspace) = workspace_for(&zendesk);
    let output = sync(&workspace, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let source = &report(&output)["sources"][0];
    assert_eq!((source["source"].as_str(), source["ok"].as_bool()), (Some("zendesk"), Some(true)));

    let accounts = "SELECT count(*) FROM account_external_ids WHERE source = 'zendesk'";
    assert_eq!(count(&workspace, accounts), 2, "both organizations, across two pages");
    let big = "SELECT count(*) FROM account_external_ids WHERE external_id = '9007199254740993'";
    assert_eq!(count(&workspace, big), 1, "an id above 2^53 arrives exactly");
    let domain = "SELECT count(*) FROM accounts WHERE domain = 'nordwind-logistik.example'";
    assert_eq!(count(&workspace, domain), 1, "www. is not part of the domain");
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM contacts WHERE source = 'zendesk'"),
        2,
        "agents are no contacts"
    );
    let tom = "SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id \
               WHERE c.email = 'tom@brightbay.example' AND a.domain = 'brightbay.example'";
    assert_eq!(count(&workspace, tom), 1, "a contact without an organization joins by its e-mail domain");
    let linked = "SELECT count(*) FROM tickets t JOIN contacts c ON c.id = t.requester_id \
                  WHERE t.source = 'zendesk' AND c.email = 'jana@nordwind-logistik.example'";
    assert_eq!(count(&workspace, linked), 2, "tickets keep their requester");
    assert_eq!(count(&workspace, "SELECT count(*) FROM survey_responses WHERE source = 'zendesk'"), 1);
    assert_eq!(cursor(&workspace).as_deref(), Some("c2"), "the last cursor is kept for the next sync");

    // Nothing new since c2: an empty page that ends the stream again.
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/incremental/tickets/cursor.json"))
            .and(query_param("cursor", "c2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "tickets": [], "after_cursor": "c2", "after_url": null, "end_of_stream": true
            }))),
    );
    let again = sync(&workspace, &[]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stdout));
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM tickets WHERE source = 'zendesk'"),
        2,
        "nothing twice"
    );
}

#[test]
fn a_malformed_page_stops_the_stream_and_the_next_sync_resumes_from_the_saved_cursor() {
    let zendesk = FakeZendesk::start();
    zendesk.lists();
    zendesk.tickets(ResponseTemplate::new(200).set_body_string("{\"tickets\": [ {\"id\": 1,"));
    let (_dir, workspace) = workspace_for(&zendesk);
    let failed = sync(&workspace, &[]);
    assert_eq!(failed.status.code(), Some(1));
    let error = report(&failed)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(error.contains("zendesk tickets, page 2"), "names the source, stream and page: {error}");
    assert_eq!(cursor(&workspace).as_deref(), Some("c1"), "the cursor stays after the last page written");
    assert_eq!(count(&workspace, "SELECT count(*) FROM tickets WHERE source = 'zendesk'"), 1);

    // Zendesk mends its page: the next sync asks for c1, not from the start.
    let server = &zendesk.server;
    zendesk.runtime.block_on(server.reset());
    zendesk.lists();
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/incremental/tickets/cursor.json"))
            .and(query_param("cursor", "c1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(ticket_page(35437, "c2", true))),
    );
    let resumed = sync(&workspace, &[]);
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stdout));
    assert_eq!(count(&workspace, "SELECT count(*) FROM tickets WHERE source = 'zendesk'"), 2);
    let requests = zendesk.runtime.block_on(server.received_requests()).unwrap_or_default();
    assert!(
        requests.iter().all(|request| request.url.query().is_none_or(|query| !query.contains("start_time"))),
        "the export was not read from the start again"
    );
}

#[test]
fn a_429_is_waited_out_and_a_500_is_retried() {
    let zendesk = FakeZendesk::start();
    zendesk.lists();
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/incremental/tickets/cursor.json"))
            .and(query_param("cursor", "c1"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
            .up_to_n_times(1),
    );
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/incremental/tickets/cursor.json"))
            .and(query_param("cursor", "c1"))
            .respond_with(ResponseTemplate::new(500))
            .up_to_n_times(1),
    );
    zendesk.tickets(ResponseTemplate::new(200).set_body_json(ticket_page(35437, "c2", true)));
    let (_dir, workspace) = workspace_for(&zendesk);
    let started = std::time::Instant::now();
    let output = sync(&workspace, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "Retry-After: 1 was honoured");
    assert_eq!(count(&workspace, "SELECT count(*) FROM tickets WHERE source = 'zendesk'"), 2);
}

#[test]
fn a_redirect_to_another_host_is_refused_and_the_token_is_never_printed() {
    let zendesk = FakeZendesk::start();
    zendesk.mount(Mock::given(method("GET")).respond_with(
        ResponseTemplate::new(302).insert_header("Location", "https://elsewhere.example/steal"),
    ));
    let (_dir, workspace) = workspace_for(&zendesk);
    let output = sync(&workspace, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("redirects to https://elsewhere.example/steal"), "{text}");
    assert!(!text.contains("zd-test-token"));
    let requests = zendesk.runtime.block_on(zendesk.server.received_requests()).unwrap_or_default();
    assert_eq!(requests.len(), 1, "the redirect was not followed");
    assert!(requests[0].headers.get("authorization").is_some(), "basic auth with the API token");
}

#[test]
fn doctor_checks_the_credentials_and_that_zendesk_answers() {
    let zendesk = FakeZendesk::start();
    zendesk.mount(Mock::given(method("GET")).and(path("/api/v2/users/me.json")).respond_with(
        ResponseTemplate::new(200).set_body_json(json!({ "user": { "id": 235323, "role": "admin" } })),
    ));
    let (_dir, workspace) = workspace_for(&zendesk);
    let doctor = |token: Option<&str>| {
        let mut command = command_on(&workspace, &["doctor", "--json"]);
        match token {
            Some(token) => command.env(TOKEN_VARIABLE, token),
            None => command.env_remove(TOKEN_VARIABLE),
        };
        command.output().expect("keepers doctor runs")
    };
    let healthy = doctor(Some("zd-test-token"));
    let report = report(&healthy);
    assert_eq!(report["ok"], true, "{report}");
    let reachable = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "source zendesk reachable");
    assert!(
        reachable.is_some_and(|c| c["detail"].as_str().is_some_and(|d| d.contains("role: admin"))),
        "{report}"
    );

    let missing = doctor(None);
    assert_eq!(missing.status.code(), Some(1));
    let text = String::from_utf8_lossy(&missing.stdout).to_string();
    assert!(text.contains("KEEPERS_TEST_ZENDESK_TOKEN is not set"), "{text}");
}

#[test]
fn a_tickets_comments_are_read_page_by_page_and_replace_only_what_zendesk_gave_before() {
    use keepers::connectors::zendesk::{Zendesk, ZendeskConfig};
    use keepers::model::{Source, TicketId};
    let zendesk = FakeZendesk::start();
    let page = |comments: Value, after: Option<&str>| {
        json!({
            "comments": comments,
            "users": [ { "id": 235323, "name": "Sam Agent", "role": "agent" },
                       { "id": 20978392, "name": "Jana Müller", "role": "end-user" } ],
            "meta": { "has_more": after.is_some(), "after_cursor": after }
        })
    };
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/tickets/35436/comments.json"))
            .and(query_param_is_missing("page[after]"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(
                json!([{ "id": 1, "author_id": 20978392, "body": "The export times out.", "public": true,
                         "created_at": "2026-02-27T09:12:44Z" }]),
                Some("k2"),
            ))),
    );
    zendesk.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/tickets/35436/comments.json"))
            .and(query_param("page[after]", "k2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(
                json!([{ "id": 2, "author_id": 235323, "body": "Looking into it.", "public": false,
                         "created_at": "2026-02-27T10:00:00Z" }]),
                None,
            ))),
    );
    let config = ZendeskConfig {
        name: "zendesk".into(),
        subdomain: None,
        base_url: Some(zendesk.server.uri()),
        email: "sam@support.example".into(),
        token_cmd: Some("echo zd-test-token".into()),
        token_env: None,
        token_keyring: None,
        token_file: None,
        sync_every_minutes: 0,
    };
    let client = Zendesk::from_config(&config).expect("the connector");
    let mut draws = keepers::sync::backoff::RandomDraws::from_seed(3);
    let comments = zendesk.runtime.block_on(client.comments("35436", &mut draws)).expect("the comments");
    assert_eq!(comments.len(), 2, "both pages");
    assert_eq!(
        (comments[1].author.as_str(), comments[1].by_agent, comments[1].public),
        ("Sam Agent", true, false)
    );

    let (_dir, workspace) = demo_workspace(5, 10);
    let store = keepers::store::Store::open(&workspace).expect("the workspace");
    let ticket = TicketId(1);
    let before = store.comments_of(ticket).expect("comments").len();
    store.replace_synced_comments(ticket, Source::Zendesk, &comments).expect("stored");
    store.replace_synced_comments(ticket, Source::Zendesk, &comments).expect("stored again");
    assert_eq!(store.comments_of(ticket).expect("comments").len(), before + 2, "replaced, not added twice");
}

#[test]
fn ticket_changes_go_back_to_zendesk_with_their_idempotency_keys() {
    let zendesk = FakeZendesk::start();
    zendesk.lists();
    zendesk.tickets(ResponseTemplate::new(200).set_body_json(ticket_page(35437, "c2", true)));
    zendesk.mount(
        Mock::given(method("PUT"))
            .and(path("/api/v2/tickets/35436.json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ticket": { "id": 35436 } }))),
    );
    let (_dir, workspace) = workspace_for(&zendesk);
    assert!(sync(&workspace, &[]).status.success());
    let ticket = count(&workspace, "SELECT id FROM tickets WHERE external_id = '35436'").to_string();
    let act = command_on(
        &workspace,
        &[
            "act",
            "ticket",
            &ticket,
            "--status",
            "on-hold",
            "--assignee",
            "agent 235323",
            "--note",
            "Asked for logs",
            "--json",
        ],
    )
    .env(TOKEN_VARIABLE, "zd-test-token")
    .output()
    .expect("keepers act");
    let acted = report(&act);
    let items = acted["items"].as_array().expect("items");
    assert!(
        items.iter().all(|item| item["state"] == "pending"),
        "a Zendesk ticket's changes wait for Zendesk: {acted}"
    );
    assert_eq!(items[0]["payload"]["external"], json!({ "source": "zendesk", "id": "35436" }));

    let pushed = command_on(&workspace, &["outbox", "push", "--json"])
        .env(TOKEN_VARIABLE, "zd-test-token")
        .output()
        .expect("keepers outbox push");
    assert_eq!(report(&pushed)["pushed"], 2, "{}", String::from_utf8_lossy(&pushed.stderr));
    let puts: Vec<wiremock::Request> = zendesk
        .runtime
        .block_on(zendesk.server.received_requests())
        .unwrap_or_default()
        .into_iter()
        .filter(|request| request.method == wiremock::http::Method::PUT)
        .collect();
    assert_eq!(puts.len(), 2);
    let keys: Vec<&str> = items.iter().map(|item| item["idempotency_key"].as_str().expect("a key")).collect();
    for (put, key) in puts.iter().zip(&keys) {
        assert_eq!(put.headers.get("idempotency-key").and_then(|value| value.to_str().ok()), Some(*key));
    }
    let update: Value = serde_json::from_slice(&puts[0].body).expect("JSON");
    assert_eq!(update["ticket"]["status"], "hold", "keepers' on-hold is Zendesk's hold");
    assert_eq!(update["ticket"]["assignee_id"], 235323);
    let note: Value = serde_json::from_slice(&puts[1].body).expect("JSON");
    assert_eq!(note["ticket"]["comment"], json!({ "body": "Asked for logs", "public": false }));
}

#[test]
fn a_config_with_backends_that_others_can_read_is_refused_with_the_fix() {
    let zendesk = FakeZendesk::start();
    let (dir, workspace) = workspace_for(&zendesk);
    let config = dir.path().join("config/keepers/keepers.toml");
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o644)).expect("chmod");
    let output = sync(&workspace, &[]);
    assert_ne!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("other users can read it (mode 644); fix it with: chmod 600"), "{stderr}");
}
