//! The pusher against a fake backend on loopback (wiremock): items go out
//! in order per record with their idempotency keys, a busy backend is
//! retried after its Retry-After, a refusal parks the item (and holds the
//! record's later items) until a person retries, edits or discards it.

mod common;

use std::time::Duration;

use common::demo_workspace;
use keepers::connectors::WebhookConnector;
use keepers::connectors::http::HttpClient;
use keepers::model::{AccountId, Change, FieldCap, OutboxState, SafeText};
use keepers::store::{Actor, Keyed, Store};
use keepers::sync::backoff::RandomDraws;
use keepers::sync::pusher::{push_all, push_due};
use serde_json::json;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn notes(store: &Store, accounts: &[i64]) -> Vec<String> {
    let me = SafeText::line("Dana", FieldCap::NAME);
    let changes: Vec<Keyed> = accounts
        .iter()
        .enumerate()
        .map(|(index, &account)| {
            let body = SafeText::line(&format!("note {index}"), FieldCap::COMMENT);
            Keyed::new(Change::Note { account: AccountId(account), body }).expect("a key")
        })
        .collect();
    let applied = store
        .apply(
            &changes,
            Actor { name: &me, at: jiff::Timestamp::now(), backend: true, pushes_to: &[] },
            "notes",
        )
        .expect("applied");
    applied.items.iter().map(|item| item.key.to_string()).collect()
}

fn keys_received(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|request| {
            request.headers.get("idempotency-key").expect("a key").to_str().expect("text").to_owned()
        })
        .collect()
}

fn connector(server: &MockServer) -> WebhookConnector {
    WebhookConnector::new(HttpClient::new().expect("a client"), &format!("{}/hook", server.uri()), None)
        .expect("a loopback URL")
}

#[tokio::test]
async fn items_reach_the_backend_in_order_and_a_busy_one_is_retried_after_its_wait() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let store = Store::open(&workspace).expect("the workspace");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let keys = notes(&store, &[1, 1, 2]);

    let mut draws = RandomDraws::from_seed(7);
    let first = push_due(&store, &connector(&server), &mut draws).await.expect("pushed");
    assert_eq!((first.pushed, first.retried), (1, 1), "Acme's first waits; Globex's goes");
    let waiting = store.outbox_item(1).expect("read").expect("there");
    assert_eq!((waiting.state, waiting.attempts), (OutboxState::Pending, 1));
    assert!(waiting.last_error.as_deref().is_some_and(|error| error.contains("503")), "{waiting:?}");

    let rest =
        push_all(&store, &connector(&server), &mut draws, Duration::from_secs(10)).await.expect("pushed");
    assert_eq!(rest.pushed, 2);
    let received = keys_received(&server.received_requests().await.expect("recorded"));
    assert_eq!(received, [keys[0].clone(), keys[2].clone(), keys[0].clone(), keys[1].clone()]);
    assert!(store.outbox(None).expect("outbox").iter().all(|item| item.state == OutboxState::Done));
    assert_eq!(store.outbox_counts().expect("counts").pending, 0);
}

#[tokio::test]
async fn a_refused_item_is_parked_with_the_message_and_holds_its_record() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let store = Store::open(&workspace).expect("the workspace");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({ "payload": { "body": "note 0" } })))
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({ "message": "note body needs a customer name" })),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let keys = notes(&store, &[1, 1, 2]);

    let mut draws = RandomDraws::from_seed(7);
    let report =
        push_all(&store, &connector(&server), &mut draws, Duration::from_secs(5)).await.expect("pushed");
    assert_eq!((report.pushed, report.refused), (1, 1));
    let failed = store.outbox(Some(OutboxState::Failed)).expect("failed");
    assert_eq!(failed.len(), 1);
    assert!(failed[0].last_error.as_deref().is_some_and(|error| error.contains("needs a customer name")));
    assert_eq!(
        store.outbox_item(2).expect("read").map(|item| item.state),
        Some(OutboxState::Pending),
        "held"
    );

    let edited = json!({ "note_id": 1, "author": "Dana", "body": "note 0 for Acme" });
    assert!(store.edit_item(failed[0].id, &edited).expect("edited"));
    assert!(store.retry_item(failed[0].id).expect("retried"));
    let report =
        push_all(&store, &connector(&server), &mut draws, Duration::from_secs(5)).await.expect("pushed");
    assert_eq!((report.pushed, report.refused), (2, 0));
    let received = keys_received(&server.received_requests().await.expect("recorded"));
    assert_eq!(received, [keys[0].clone(), keys[2].clone(), keys[0].clone(), keys[1].clone()]);
}
