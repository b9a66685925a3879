//! The webhook connector against a fake receiver on loopback (wiremock): what
//! it sends — the item as JSON with its idempotency key and the bearer token
//! — and what each kind of answer means for the item.

use std::net::TcpListener;
use std::time::Duration;

use jiff::fmt::rfc2822::DateTimePrinter;
use jiff::{SignedDuration, Timestamp};
use keepers::connectors::http::HttpClient;
use keepers::connectors::{Connector, ConnectorError, PushOutcome, WebhookConnector};
use keepers::model::{IdempotencyKey, OutboxItem, OutboxState};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "test-token-4f9a";

fn note_item() -> OutboxItem {
    OutboxItem {
        id: 1,
        key: IdempotencyKey::from_bytes([0x2a; 16]),
        record_kind: "account",
        record_id: 42,
        action: "note",
        payload: json!({ "note_id": 7, "author": "Dana", "body": "Called: renewal on track" }).to_string(),
        state: OutboxState::Pending,
        attempts: 0,
        last_error: None,
        created_at: "2026-03-02T10:00:00Z".parse().expect("a timestamp"),
        batch: None,
    }
}

fn connector_for(url: &str) -> WebhookConnector {
    let client = HttpClient::new().expect("the HTTP client");
    WebhookConnector::new(client, url, Some(SecretString::from(TOKEN))).expect("a loopback URL is allowed")
}

/// A receiver that gives `answer` to every POST on /hook, and what pushing
/// the note item to it came to.
async fn push_against(answer: ResponseTemplate) -> (MockServer, PushOutcome) {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/hook")).respond_with(answer).mount(&server).await;
    let outcome = connector_for(&format!("{}/hook", server.uri())).push(&note_item()).await;
    (server, outcome)
}

fn permanent_message(outcome: PushOutcome) -> String {
    match outcome {
        PushOutcome::Permanent { message } => message.into_string(),
        other => panic!("expected a permanent failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_2xx_answer_is_done() {
    for status in [200, 201, 202, 204] {
        let (_server, outcome) = push_against(ResponseTemplate::new(status)).await;
        assert_eq!(outcome, PushOutcome::Done, "{status}");
    }
}

#[tokio::test]
async fn the_item_arrives_with_its_key_token_and_payload() {
    let server = MockServer::start().await;
    let key = note_item().key;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .and(header("Idempotency-Key", key.as_str()))
        .and(header("Authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("Content-Type", "application/json"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = connector_for(&format!("{}/hook", server.uri())).push(&note_item()).await;
    assert_eq!(outcome, PushOutcome::Done);

    let requests = server.received_requests().await.expect("requests are recorded");
    let user_agent = requests[0].headers.get("user-agent").and_then(|value| value.to_str().ok());
    assert_eq!(user_agent, Some(concat!("keepers/", env!("CARGO_PKG_VERSION"))));
    let body: serde_json::Value = requests[0].body_json().expect("a JSON body");
    assert_eq!(
        body,
        json!({
            "idempotency_key": key.as_str(),
            "record": { "kind": "account", "id": 42 },
            "action": "note",
            "payload": { "note_id": 7, "author": "Dana", "body": "Called: renewal on track" },
            "created_at": "2026-03-02T10:00:00Z",
        })
    );
}

#[tokio::test]
async fn no_token_configured_sends_no_authorization() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let client = HttpClient::new().expect("the HTTP client");
    let connector = WebhookConnector::new(client, &server.uri(), None).expect("a connector");
    assert_eq!(connector.push(&note_item()).await, PushOutcome::Done);
    let requests = server.received_requests().await.expect("requests are recorded");
    assert!(requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_conflict_means_the_receiver_has_the_key_already() {
    let answer = ResponseTemplate::new(409).set_body_json(json!({ "error": "duplicate idempotency key" }));
    let (_server, outcome) = push_against(answer).await;
    assert_eq!(outcome, PushOutcome::Done);
}

#[tokio::test]
async fn too_many_requests_waits_as_long_as_retry_after_says() {
    let answer = ResponseTemplate::new(429).insert_header("Retry-After", "7");
    let (_server, outcome) = push_against(answer).await;
    match outcome {
        PushOutcome::Retry { after, reason } => {
            assert_eq!(after, Some(Duration::from_secs(7)));
            assert!(reason.starts_with("429 Too Many Requests"), "{reason}");
        }
        other => panic!("expected a retry, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_a_wait_until_then() {
    let then = Timestamp::now() + SignedDuration::from_secs(120);
    let date = DateTimePrinter::new().timestamp_to_rfc9110_string(&then).expect("an HTTP date");
    let answer = ResponseTemplate::new(503).insert_header("Retry-After", date.as_str());
    let (_server, outcome) = push_against(answer).await;
    match outcome {
        PushOutcome::Retry { after: Some(after), .. } => {
            // The date has whole seconds and the push took a moment.
            assert!((Duration::from_secs(110)..=Duration::from_secs(120)).contains(&after), "{after:?}");
        }
        other => panic!("expected a retry with a wait, got {other:?}"),
    }
}

#[tokio::test]
async fn server_errors_and_request_timeouts_are_retried_on_our_schedule() {
    for status in [500, 502, 504, 408] {
        let (_server, outcome) = push_against(ResponseTemplate::new(status)).await;
        assert!(matches!(outcome, PushOutcome::Retry { after: None, .. }), "{status}: {outcome:?}");
    }
}

#[tokio::test]
async fn a_refusal_keeps_the_receivers_message() {
    let answer = ResponseTemplate::new(422).set_body_json(json!({ "error": "note body is required" }));
    let (_server, outcome) = push_against(answer).await;
    assert_eq!(permanent_message(outcome), "422 Unprocessable Entity: note body is required");

    let (_server, outcome) = push_against(ResponseTemplate::new(404)).await;
    assert_eq!(permanent_message(outcome), "404 Not Found");
}

#[tokio::test]
async fn escape_sequences_in_a_refusal_are_removed() {
    let hostile = "bad\u{1b}]52;c;aGVsbG8=\u{7} request\u{1b}[2J\u{1b}[31m!\u{202e}\r\nsecond line";
    let (_server, outcome) = push_against(ResponseTemplate::new(400).set_body_string(hostile)).await;
    let message = permanent_message(outcome);
    assert_eq!(message, "400 Bad Request: bad request! second line");
    assert!(!message.chars().any(char::is_control), "{message:?}");
}

#[tokio::test]
async fn a_huge_error_body_is_cut_short() {
    let answer = ResponseTemplate::new(400).set_body_string("x".repeat(1_000_000));
    let (_server, outcome) = push_against(answer).await;
    let message = permanent_message(outcome);
    assert!(message.chars().count() <= 600, "{} characters", message.chars().count());
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let answer = ResponseTemplate::new(308).insert_header("Location", "https://elsewhere.example.com/hook");
    let (server, outcome) = push_against(answer).await;
    let message = permanent_message(outcome);
    assert!(message.contains("https://elsewhere.example.com/hook"), "{message}");
    assert_eq!(server.received_requests().await.map(|requests| requests.len()), Some(1));
}

#[tokio::test]
async fn plain_http_beyond_this_machine_is_refused() {
    let client = HttpClient::new().expect("the HTTP client");
    let error = WebhookConnector::new(client, "http://hooks.example.com/keepers", None)
        .expect_err("plain http to another machine");
    assert!(matches!(error, ConnectorError::InsecureUrl { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("http://hooks.example.com/keepers"), "{message}");
    assert!(message.contains("use https://"), "{message}");
}

#[tokio::test]
async fn a_closed_port_is_retried() {
    let closed_port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("its address").port()
    };
    let outcome = connector_for(&format!("http://127.0.0.1:{closed_port}/hook")).push(&note_item()).await;
    match outcome {
        PushOutcome::Retry { after: None, reason } => {
            assert!(!reason.contains("/hook"), "the URL stays out of the reason: {reason}");
            assert!(reason.to_lowercase().contains("connect"), "{reason}");
        }
        other => panic!("expected a retry, got {other:?}"),
    }
}
