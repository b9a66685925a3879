//! `keepers sync` against a fake HubSpot on loopback (wiremock), with pages
//! written from HubSpot's documented CRM v3 fields: every list paged to its
//! end and joined into accounts, the bearer token on every request, a 429
//! with HubSpot's `policyName` waited out (and named when it never ends), a
//! malformed page named with nothing of it written, and `keepers doctor`.

mod common;

use std::path::Path;
use std::process::Output;

use common::{command_on, count};
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN_VARIABLE: &str = "KEEPERS_TEST_HUBSPOT_TOKEN";
const TOKEN: &str = "pat-na1-test-token";

struct FakeHubSpot {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

/// A CRM object as the v3 lists give it.
fn object(id: &str, properties: Value, associations: Value) -> Value {
    json!({
        "id": id, "properties": properties, "associations": associations,
        "createdAt": "2025-06-01T10:00:00.000Z", "updatedAt": "2026-02-10T08:30:12.511Z", "archived": false
    })
}

fn linked(kind: &str, id: &str) -> Value {
    json!({ "results": [ { "id": id, "type": kind } ] })
}

fn company(id: &str, name: &str, domain: &str) -> Value {
    object(
        id,
        json!({ "name": name, "domain": domain, "lifecyclestage": "customer",
                "createdate": "2025-06-01T10:00:00.000Z", "hs_object_id": id }),
        Value::Null,
    )
}

fn list(results: Vec<Value>, after: Option<&str>) -> Value {
    match after {
        Some(after) => json!({ "results": results, "paging": { "next": { "after": after, "link": "" } } }),
        None => json!({ "results": results }),
    }
}

impl FakeHubSpot {
    fn start() -> FakeHubSpot {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio");
        let server = runtime.block_on(MockServer::start());
        FakeHubSpot { runtime, server }
    }

    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    fn search(&self, object: &str, body: Value) {
        self.mount(
            Mock::given(method("POST"))
                .and(path(format!("/crm/v3/objects/{object}/search")))
                .respond_with(ResponseTemplate::new(200).set_body_json(body)),
        );
    }

    /// The v4 associations batch read from `from` to `to`: each (from id,
    /// to id) pair as the primary association.
    fn links(&self, from: &str, to: &str, pairs: &[(&str, u64)]) {
        let results: Vec<Value> = pairs
            .iter()
            .map(|(from_id, to_id)| {
                json!({ "from": { "id": from_id }, "to": [ { "toObjectId": to_id, "associationTypes": [
                    { "category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary" } ] } ] })
            })
            .collect();
        self.mount(
            Mock::given(method("POST"))
                .and(path(format!("/crm/v4/associations/{from}/{to}/batch/read")))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({ "status": "COMPLETE", "results": results })),
                ),
        );
    }

    fn list(&self, object: &str, body: Value) {
        self.mount(
            Mock::given(method("GET"))
                .and(path(format!("/crm/v3/objects/{object}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(body)),
        );
    }

    /// Companies in two pages (the second is `second`), then one page of
    /// every other object.
    fn portal(&self, second: ResponseTemplate) {
        // Companies, contacts, deals and tickets come through search, whose
        // pages carry no associations: those come from the v4 batch reads.
        self.mount(
            Mock::given(method("POST"))
                .and(path("/crm/v3/objects/companies/search"))
                .and(body_partial_json(json!({ "after": "100" })))
                .respond_with(second)
                .with_priority(1),
        );
        self.mount(Mock::given(method("POST")).and(path("/crm/v3/objects/companies/search")).respond_with(
            ResponseTemplate::new(200).set_body_json(list(
                vec![company("5312700201", "Nordwind Logistik GmbH", "nordwind-logistik.example")],
                Some("100"),
            )),
        ));
        self.links("contacts", "companies", &[("52", 5312700201)]);
        self.links("deals", "companies", &[("1467822235", 5312700201), ("1467822236", 5312700201)]);
        self.links("tickets", "companies", &[]);
        self.links("tickets", "contacts", &[("901", 52)]);
        self.search(
            "contacts",
            list(
                vec![object(
                    "52",
                    json!({ "email": "jana@jana-mueller.example", "firstname": "Jana", "lastname": "Müller",
                            "jobtitle": "Head of Operations" }),
                    json!({ "companies": linked("contact_to_company", "5312700201") }),
                )],
                None,
            ),
        );
        self.search(
            "deals",
            list(
                vec![
                    object(
                        "1467822235",
                        json!({ "dealname": "Nordwind annual", "amount": "12000", "closedate": "2026-02-28T17:00:00Z",
                                "dealstage": "closedwon", "hs_is_closed_won": "true" }),
                        json!({ "companies": linked("deal_to_company", "5312700201") }),
                    ),
                    object(
                        "1467822236",
                        json!({ "dealname": "Nordwind renewal 2027", "amount": "5000", "dealstage": "contractsent",
                                "hs_is_closed_won": "false", "hs_is_closed": "false", "dealtype": "existingbusiness",
                                "closedate": "2027-01-31T17:00:00Z" }),
                        json!({ "companies": linked("deal_to_company", "5312700201") }),
                    ),
                ],
                None,
            ),
        );
        self.search(
            "tickets",
            list(
                vec![object(
                    "901",
                    json!({ "subject": "Invoices export times out", "hs_pipeline": "0", "hs_pipeline_stage": "3",
                            "hs_ticket_priority": "HIGH", "source_type": "EMAIL",
                            "createdate": "2026-02-27T09:12:44Z", "hs_lastmodifieddate": "2026-03-02T10:00:00Z" }),
                    json!({ "contacts": linked("ticket_to_contact", "52") }),
                )],
                None,
            ),
        );
        self.list(
            "feedback_submissions",
            list(
                vec![object(
                    "301",
                    json!({ "hs_survey_type": "NPS", "hs_value": "3", "hs_content": "Exports keep failing",
                            "hs_submission_timestamp": "2026-03-02T11:00:00Z" }),
                    json!({ "contacts": linked("feedback_submission_to_contact", "52") }),
                )],
                None,
            ),
        );
        self.list(
            "notes",
            list(
                vec![object(
                    "4002",
                    json!({ "hs_note_body": "<p>Champion is leaving</p>", "hs_timestamp": "2026-03-04T09:00:00Z" }),
                    json!({ "companies": linked("note_to_company", "5312700201") }),
                )],
                None,
            ),
        );
        self.list(
            "calls",
            list(
                vec![object(
                    "4001",
                    json!({ "hs_call_title": "Renewal check-in",
                            "hs_call_disposition": "73a0d17f-1163-4015-bdd5-ec830791da20",
                            "hs_timestamp": "2026-03-03T15:30:00Z", "hubspot_owner_id": "81234567" }),
                    json!({ "contacts": linked("call_to_contact", "52") }),
                )],
                None,
            ),
        );
        self.list("emails", list(Vec::new(), None));
        self.list("meetings", list(Vec::new(), None));
        self.mount(Mock::given(method("GET")).and(path("/account-info/v3/details")).respond_with(
            ResponseTemplate::new(200).set_body_json(json!({
                "portalId": 62515, "timeZone": "Europe/Berlin", "companyCurrency": "EUR",
                "additionalCurrencies": [], "utcOffset": "+01:00", "uiDomain": "app-eu1.hubspot.com",
                "dataHostingLocation": "eu1"
            })),
        ));
    }

    fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime.block_on(self.server.received_requests()).unwrap_or_default()
    }
}

fn second_companies_page() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(list(vec![company("5312700202", "Brightbay Foods Ltd", "brightbay.example")], None))
}

/// A workspace with `hubspot` configured as its source.
fn workspace_for(hubspot: &FakeHubSpot) -> (tempfile::TempDir, std::path::PathBuf) {
    let toml = format!(
        "[[source]]\nkind = \"hubspot\"\nbase_url = \"{}\"\ntoken_env = \"{TOKEN_VARIABLE}\"\n",
        hubspot.server.uri()
    );
    common::workspace_configured(&toml)
}

fn sync(workspace: &Path) -> Output {
    command_on(workspace, &["sync", "--json"]).env(TOKEN_VARIABLE, TOKEN).output().expect("keepers sync runs")
}

fn report(output: &Output) -> Value {
    common::json_report(output)
}

/// The local id of the account HubSpot company `id` was joined into.
const NORDWIND: &str = "(SELECT account_id FROM account_external_ids \
                        WHERE source = 'hubspot' AND external_id = '5312700201')";

#[test]
fn every_list_is_read_to_its_end_and_joined_into_accounts() {
    let hubspot = FakeHubSpot::start();
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    let output = sync(&workspace);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    let source = &report(&output)["sources"][0];
    assert_eq!((source["source"].as_str(), source["ok"].as_bool()), (Some("hubspot"), Some(true)));
    let companies =
        source["streams"].as_array().expect("streams").iter().find(|s| s["stream"] == "companies");
    assert_eq!(companies.map(|s| s["pages"].clone()), Some(json!(2)), "{source}");

    assert_eq!(
        count(&workspace, "SELECT count(*) FROM account_external_ids WHERE source = 'hubspot'"),
        2,
        "both companies, across two pages"
    );
    let jana = format!(
        "SELECT count(*) FROM contacts WHERE source = 'hubspot' AND external_id = '52' AND account_id = {NORDWIND}"
    );
    assert_eq!(count(&workspace, &jana), 1, "the contact's company association, not its e-mail domain");
    let purchase = format!(
        "SELECT count(*) FROM purchases WHERE source = 'hubspot' AND account_id = {NORDWIND} \
         AND amount_minor = 1200000 AND amount_currency = 'EUR'"
    );
    assert_eq!(count(&workspace, &purchase), 1, "the won deal, in the portal's currency");
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM purchases WHERE source = 'hubspot'"),
        1,
        "not the open one"
    );
    let ticket = format!(
        "SELECT count(*) FROM tickets WHERE source = 'hubspot' AND account_id = {NORDWIND} AND status = 'open'"
    );
    assert_eq!(count(&workspace, &ticket), 1, "a ticket joins its requester's account");
    let survey = format!(
        "SELECT count(*) FROM survey_responses WHERE source = 'hubspot' AND account_id = {NORDWIND} \
         AND kind = 'nps' AND score = 3"
    );
    assert_eq!(count(&workspace, &survey), 1);
    let note = format!("SELECT count(*) FROM notes WHERE source = 'hubspot' AND account_id = {NORDWIND}");
    assert_eq!(count(&workspace, &note), 1);
    let call = format!(
        "SELECT count(*) FROM touchpoints WHERE source = 'hubspot' AND account_id = {NORDWIND} \
         AND channel = 'call' AND outcome = 'no answer'"
    );
    assert_eq!(count(&workspace, &call), 1);

    let requests = hubspot.requests();
    assert!(requests.len() >= 11, "two pages of companies, one of each other list, the account details");
    for request in &requests {
        let authorization = request.headers.get("authorization").and_then(|value| value.to_str().ok());
        assert_eq!(authorization, Some(format!("Bearer {TOKEN}").as_str()), "{}", request.url);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains(TOKEN), "the token is never printed");

    // Listings start over at the next sync, and records read again change nothing.
    let again = sync(&workspace);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stdout));
    assert_eq!(count(&workspace, "SELECT count(*) FROM account_external_ids WHERE source = 'hubspot'"), 2);
    assert_eq!(count(&workspace, "SELECT count(*) FROM touchpoints WHERE source = 'hubspot'"), 1);
}

fn rate_limited() -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .set_body_json(json!({
            "status": "error", "message": "You have reached your ten_secondly_rolling limit.",
            "errorType": "RATE_LIMIT", "correlationId": "9a1c2d7e-0000-4000-8000-000000000000",
            "policyName": "TEN_SECONDLY_ROLLING", "groupName": "publicapi:private-app:62515"
        }))
}

#[test]
fn a_429_with_hubspots_policy_is_waited_out() {
    let hubspot = FakeHubSpot::start();
    hubspot.mount(
        Mock::given(method("POST"))
            .and(path("/crm/v3/objects/contacts/search"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(rate_limited())
            .up_to_n_times(1)
            .with_priority(1),
    );
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    let output = sync(&workspace);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(count(&workspace, "SELECT count(*) FROM contacts WHERE source = 'hubspot'"), 1);
    let contacts =
        hubspot.requests().iter().filter(|r| r.url.path() == "/crm/v3/objects/contacts/search").count();
    assert_eq!(contacts, 2, "asked again after the 429");
}

#[test]
fn a_rate_limit_that_never_lifts_is_named_by_its_policy() {
    let hubspot = FakeHubSpot::start();
    // Retry-After: 0 keeps the test short: keepers still waits a second between tries.
    hubspot.mount(Mock::given(method("POST")).respond_with(rate_limited().insert_header("Retry-After", "0")));
    let (_dir, workspace) = workspace_for(&hubspot);
    let output = sync(&workspace);
    assert_eq!(output.status.code(), Some(1));
    let error = report(&output)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(error.contains("hubspot companies, page 1: gave up after 6 attempts"), "{error}");
    assert!(error.contains("429 Too Many Requests") && error.contains("TEN_SECONDLY_ROLLING"), "{error}");
}

#[test]
fn a_malformed_page_names_the_source_stream_and_page_and_writes_nothing_of_it() {
    let hubspot = FakeHubSpot::start();
    // Its first company is fine, its second has a creation time that is none.
    let mut broken = company("5312700203", "Broken Ltd", "broken.example");
    broken["properties"]["createdate"] = json!("last tuesday");
    hubspot.portal(ResponseTemplate::new(200).set_body_json(list(
        vec![company("5312700202", "Brightbay Foods Ltd", "brightbay.example"), broken],
        None,
    )));
    let (_dir, workspace) = workspace_for(&hubspot);
    let output = sync(&workspace);
    assert_eq!(output.status.code(), Some(1));
    let error = report(&output)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(error.starts_with("hubspot companies, page 2: "), "names the source, stream and page: {error}");
    assert!(
        error.contains("company 5312700203: `createdate` is \"last tuesday\""),
        "and the record: {error}"
    );
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM account_external_ids WHERE source = 'hubspot'"),
        1,
        "the first page only: nothing of the broken one"
    );
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM contacts WHERE source = 'hubspot'"),
        0,
        "the sync stopped"
    );
}

#[test]
fn doctor_signs_in_and_names_the_portal() {
    let hubspot = FakeHubSpot::start();
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    let doctor = command_on(&workspace, &["doctor", "--json"])
        .env(TOKEN_VARIABLE, TOKEN)
        .output()
        .expect("keepers doctor runs");
    let report = report(&doctor);
    assert_eq!(report["ok"], true, "{report}");
    let reachable = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "source hubspot reachable");
    assert!(
        reachable.is_some_and(|c| c["detail"].as_str().is_some_and(|d| d.contains("portal 62515 (EUR)"))),
        "{report}"
    );
}

#[test]
fn notes_and_tasks_go_to_hubspot_under_their_company_with_their_idempotency_keys() {
    let hubspot = FakeHubSpot::start();
    hubspot.portal(second_companies_page());
    for object in ["notes", "tasks"] {
        hubspot.mount(
            Mock::given(method("POST"))
                .and(path(format!("/crm/v3/objects/{object}")))
                .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
                .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "9001" }))),
        );
    }
    let (_dir, workspace) = workspace_for(&hubspot);
    assert!(sync(&workspace).status.success());
    let account = count(&workspace, &format!("SELECT {NORDWIND}")).to_string();
    let act = |arguments: &[&str]| {
        let output =
            command_on(&workspace, arguments).env(TOKEN_VARIABLE, TOKEN).output().expect("keepers act");
        report(&output)["items"][0].clone()
    };
    let note = act(&["act", "note", &account, "Called", "--json"]);
    let task = act(&["act", "task", &account, "Send the quote", "--due", "2026-12-01", "--json"]);
    let company = json!({ "source": "hubspot", "id": "5312700201" });
    for item in [&note, &task] {
        assert_eq!((&item["state"], &item["payload"]["external"]), (&json!("pending"), &company), "{item}");
    }

    let pushed = command_on(&workspace, &["outbox", "push", "--json"])
        .env(TOKEN_VARIABLE, TOKEN)
        .output()
        .expect("keepers outbox push");
    assert_eq!(report(&pushed)["pushed"], 2, "{}", String::from_utf8_lossy(&pushed.stderr));
    let posts: Vec<wiremock::Request> = hubspot
        .requests()
        .into_iter()
        .filter(|request| {
            request.method == wiremock::http::Method::POST
                && !request.url.path().ends_with("search")
                && !request.url.path().starts_with("/crm/v4/")
        })
        .collect();
    let paths: Vec<&str> = posts.iter().map(|request| request.url.path()).collect();
    assert_eq!(paths, ["/crm/v3/objects/notes", "/crm/v3/objects/tasks"]);
    for (post, item) in posts.iter().zip([&note, &task]) {
        let key = post.headers.get("idempotency-key").and_then(|value| value.to_str().ok());
        assert_eq!(key, item["idempotency_key"].as_str());
        let body: Value = serde_json::from_slice(&post.body).expect("JSON");
        assert_eq!(body["associations"][0]["to"]["id"], "5312700201", "{body}");
    }
    let note_body: Value = serde_json::from_slice(&posts[0].body).expect("JSON");
    assert_eq!(note_body["properties"]["hs_note_body"], "Called");
    assert_eq!(
        note_body["associations"][0]["types"],
        json!([{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 190 }])
    );
    let task_body: Value = serde_json::from_slice(&posts[1].body).expect("JSON");
    assert_eq!(task_body["properties"]["hs_task_subject"], "Send the quote");
    assert_eq!(task_body["properties"]["hs_task_status"], "NOT_STARTED");
    assert_eq!(task_body["properties"]["hs_timestamp"], "2026-12-01T12:00:00Z");
    assert_eq!(task_body["associations"][0]["types"][0]["associationTypeId"], 192);
}

#[test]
fn a_second_sync_asks_search_only_for_what_changed_since_the_first() {
    let hubspot = FakeHubSpot::start();
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    assert!(sync(&workspace).status.success());
    let stored: String = rusqlite::Connection::open(&workspace)
        .expect("the workspace")
        .query_row(
            "SELECT cursor FROM sync_cursors WHERE source = 'hubspot' AND stream = 'tickets'",
            [],
            |row| row.get(0),
        )
        .expect("the tickets cursor is kept");
    let since = stored.trim_end_matches('|').to_owned();
    // The fake's records were all updated at 2026-02-10T08:30:12.511Z.
    assert_eq!(since, "1770712212511", "the window starts at the newest change read");

    let before = hubspot.requests().len();
    assert!(sync(&workspace).status.success());
    let searches: Vec<Value> = hubspot.requests()[before..]
        .iter()
        .filter(|request| request.url.path() == "/crm/v3/objects/tickets/search")
        .map(|request| serde_json::from_slice(&request.body).expect("JSON"))
        .collect();
    assert_eq!(searches.len(), 1);
    let filter = &searches[0]["filterGroups"][0]["filters"][0];
    assert_eq!(
        (filter["propertyName"].as_str(), filter["operator"].as_str(), filter["value"].as_str()),
        (Some("hs_lastmodifieddate"), Some("GTE"), Some(since.as_str()))
    );
}

#[test]
fn an_open_renewal_deal_sets_its_companys_renewal_day() {
    let hubspot = FakeHubSpot::start();
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    assert!(sync(&workspace).status.success());
    let renewal: String = rusqlite::Connection::open(&workspace)
        .expect("the workspace")
        .query_row(
            "SELECT a.renewal_date FROM accounts a JOIN account_external_ids x ON x.account_id = a.id \
             WHERE x.source = 'hubspot' AND x.external_id = '5312700201'",
            [],
            |row| row.get(0),
        )
        .expect("Nordwind's renewal day");
    assert_eq!(renewal, "2027-01-31");
    let purchases = "SELECT count(*) FROM purchases WHERE source = 'hubspot'";
    assert_eq!(count(&workspace, purchases), 1, "only the won deal is a purchase");
}

#[test]
fn a_500_is_retried_a_redirect_is_refused_and_the_next_sync_resumes() {
    let hubspot = FakeHubSpot::start();
    hubspot.mount(
        Mock::given(method("POST"))
            .and(path("/crm/v3/objects/companies/search"))
            .respond_with(ResponseTemplate::new(500))
            .up_to_n_times(1)
            .with_priority(1),
    );
    hubspot.mount(
        Mock::given(method("POST"))
            .and(path("/crm/v3/objects/contacts/search"))
            .respond_with(
                ResponseTemplate::new(307).insert_header("Location", "https://elsewhere.example/search"),
            )
            .with_priority(1),
    );
    hubspot.portal(second_companies_page());
    let (_dir, workspace) = workspace_for(&hubspot);
    let failed = sync(&workspace);
    assert_eq!(failed.status.code(), Some(1));
    let error = report(&failed)["sources"][0]["error"].as_str().expect("an error").to_owned();
    assert!(
        error.contains("hubspot contacts, page 1")
            && error.contains("redirects to https://elsewhere.example")
    );
    assert_eq!(
        count(&workspace, "SELECT count(*) FROM account_external_ids WHERE source = 'hubspot'"),
        2,
        "both company pages, the first after a 500"
    );
    let companies_cursor =
        "SELECT count(*) FROM sync_cursors WHERE source = 'hubspot' AND stream = 'companies'";
    assert_eq!(count(&workspace, companies_cursor), 1, "the companies' window is kept");

    hubspot.runtime.block_on(hubspot.server.reset());
    hubspot.portal(second_companies_page());
    let resumed = sync(&workspace);
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stdout));
    assert_eq!(count(&workspace, "SELECT count(*) FROM contacts WHERE source = 'hubspot'"), 1);
    let first_companies = hubspot
        .requests()
        .into_iter()
        .find(|request| request.url.path() == "/crm/v3/objects/companies/search")
        .map(|request| serde_json::from_slice::<Value>(&request.body).expect("JSON"))
        .expect("a companies search");
    assert_ne!(first_companies["filterGroups"][0]["filters"][0]["value"], "0", "not from the start again");
}
