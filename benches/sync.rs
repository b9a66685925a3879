//! Syncing 1,000,000 tickets from a fake Zendesk on loopback that makes its
//! pages as they are asked for (1,000 tickets a page through the
//! incremental export, 1,000 organizations and 2,000 users before them):
//! records per second, and peak memory — which must stay flat, since pages
//! are streamed into the store one at a time, never held whole.
//!
//! `cargo bench --bench sync`; KEEPERS_BENCH_TICKETS sets another count.

#[path = "support/memory.rs"]
mod memory;

use std::time::Instant;

use keepers::connectors::zendesk::{Zendesk, ZendeskConfig};
use keepers::store::Store;
use keepers::sync::backoff::RandomDraws;
use keepers::sync::pull::sync_source;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const PAGE: u64 = 1_000;
const ORGANIZATIONS: u64 = 1_000;
const USERS: u64 = 2_000;

/// The ticket export, page by page: cursor `p{n}` is page n.
struct TicketPages {
    pages: u64,
}

impl Respond for TicketPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = request
            .url
            .query_pairs()
            .find(|(key, _)| key == "cursor")
            .and_then(|(_, value)| value.trim_start_matches('p').parse::<u64>().ok())
            .unwrap_or(0);
        let tickets: Vec<Value> = (0..PAGE)
            .map(|index| {
                let id = page * PAGE + index + 1;
                json!({
                    "id": id, "subject": format!("Order {id} arrived damaged"), "status": "open",
                    "priority": "normal", "requester_id": 10_000 + id % USERS, "assignee_id": 7,
                    "organization_id": 1 + id % ORGANIZATIONS, "via": { "channel": "email" },
                    "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-02-01T10:00:00Z",
                    "satisfaction_rating": null
                })
            })
            .collect();
        let last = page + 1 >= self.pages;
        ResponseTemplate::new(200).set_body_json(json!({
            "tickets": tickets, "after_cursor": format!("p{}", page + 1), "after_url": null,
            "end_of_stream": last
        }))
    }
}

fn main() {
    let tickets: u64 =
        std::env::var("KEEPERS_BENCH_TICKETS").ok().and_then(|text| text.parse().ok()).unwrap_or(1_000_000);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("tokio");
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        let organizations: Vec<Value> = (1..=ORGANIZATIONS)
            .map(|id| json!({ "id": id, "name": format!("Company {id}"), "domain_names": [format!("company{id}.example")],
                              "created_at": "2025-01-01T00:00:00Z" }))
            .collect();
        let users: Vec<Value> = (0..USERS)
            .map(|index| json!({ "id": 10_000 + index, "name": format!("Person {index}"), "role": "end-user",
                                 "email": format!("person{index}@company{}.example", 1 + index % ORGANIZATIONS),
                                 "organization_id": 1 + index % ORGANIZATIONS, "created_at": "2025-01-01T00:00:00Z" }))
            .collect();
        let list = |key: &str, records: Vec<Value>| {
            ResponseTemplate::new(200)
                .set_body_json(json!({ key: records, "meta": { "has_more": false, "after_cursor": null } }))
        };
        Mock::given(method("GET"))
            .and(path("/api/v2/organizations.json"))
            .respond_with(list("organizations", organizations))
            .mount(&server)
            .await;
        Mock::given(method("GET")).and(path("/api/v2/users.json")).respond_with(list("users", users)).mount(&server).await;
        Mock::given(method("GET"))
            .and(path("/api/v2/satisfaction_ratings.json"))
            .respond_with(list("satisfaction_ratings", Vec::new()))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v2/incremental/tickets/cursor.json"))
            .respond_with(TicketPages { pages: tickets.div_ceil(PAGE) })
            .mount(&server)
            .await;
        server
    });

    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::open(&dir.path().join("sync.db")).expect("a new workspace");
    // As `keepers sync` sets it.
    store.set_page_cache_mib(keepers::sync::pull::SYNC_PAGE_CACHE_MIB).expect("the cache size");
    let config = ZendeskConfig {
        name: "zendesk".into(),
        subdomain: None,
        base_url: Some(server.uri()),
        email: "bench@example.com".into(),
        token_cmd: Some("echo bench-token".into()),
        token_env: None,
        token_keyring: None,
        token_file: None,
        sync_every_minutes: 0,
    };
    let zendesk = Zendesk::from_config(&config).expect("the connector");
    let mut draws = RandomDraws::from_seed(1);
    let mut rss_at_pages = Vec::new();
    let mut pages = 0_u64;
    let started = Instant::now();
    let report = runtime
        .block_on(sync_source(&store, &zendesk, false, &mut draws, |_, _| {
            pages += 1;
            if pages.is_multiple_of(250) {
                rss_at_pages.push((pages, memory::peak_rss_kib() / 1024));
            }
        }))
        .expect("the sync");
    let elapsed = started.elapsed().as_secs_f64();
    let records = report.records();
    println!(
        "synced {records} records ({tickets} tickets, {ORGANIZATIONS} organizations, {USERS} users) in {elapsed:.1} s: \
         {:.0} records/s",
        records as f64 / elapsed
    );
    let growth: Vec<String> = rss_at_pages.iter().map(|(page, mb)| format!("page {page}: {mb} MB")).collect();
    println!("peak RSS as the pages went by: {}", growth.join(", "));
    println!("peak RSS {} MB", memory::peak_rss_kib() / 1024);
}
