//! A generic webhook: each outbox item is POSTed as JSON to one URL the user
//! configured, for their own service (or Zapier, n8n, …) to act on.
//!
//! The request carries the item's idempotency key twice — as the
//! `Idempotency-Key` header and in the body — so a receiver that sees a
//! retried item can tell it applied it already, and a bearer token when one
//! is configured:
//!
//! ```json
//! { "idempotency_key": "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
//!   "record": { "kind": "account", "id": 42 },
//!   "action": "note",
//!   "payload": { "note_id": 7, "author": "Dana", "body": "Called: renewal on track" },
//!   "created_at": "2026-03-02T10:00:00Z" }
//! ```
//!
//! The answer becomes a [`PushOutcome`]: 2xx and 409 (the receiver has this
//! key already) are done; 408, 429, 5xx, timeouts and connection failures
//! are worth retrying, with the wait a 429 or 503 asked for; any other
//! status is a refusal, kept with the receiver's own words.

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use super::http::{BackendUrl, HttpClient, push_outcome, request_failed};
use super::{Connector, ConnectorError, PushOutcome};
use crate::model::{FieldCap, OutboxItem, SafeText};

/// Reasons and messages are built from parts that are capped already; this
/// only bounds the whole.
const MESSAGE_CAP: FieldCap = FieldCap::COMMENT;

/// Pushes outbox items to a webhook. Its `Debug` shows the URL, never the
/// token.
#[derive(Debug)]
pub struct WebhookConnector {
    client: HttpClient,
    url: BackendUrl,
    token: Option<SecretString>,
}

impl WebhookConnector {
    /// A connector for `url` (HTTPS, or plain HTTP to loopback only) that
    /// sends `token` as a bearer token when given.
    pub fn new(
        client: HttpClient,
        url: &str,
        token: Option<SecretString>,
    ) -> Result<WebhookConnector, ConnectorError> {
        Ok(WebhookConnector { client, url: BackendUrl::parse(url)?, token })
    }
}

impl Connector for WebhookConnector {
    fn name(&self) -> &str {
        "webhook"
    }

    async fn push(&self, item: &OutboxItem) -> PushOutcome {
        let body = match request_body(item) {
            Ok(body) => body,
            Err(error) => {
                return PushOutcome::Permanent {
                    message: message(&format!("the outbox item's payload is not JSON ({error})")),
                };
            }
        };
        let mut request =
            self.client.post(&self.url).header("Idempotency-Key", item.key.as_str()).json(&body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        match request.send().await {
            Ok(response) => push_outcome(response, "the webhook").await,
            Err(error) => request_failed(error),
        }
    }
}

/// The JSON the webhook receives for `item`.
fn request_body(item: &OutboxItem) -> Result<Value, serde_json::Error> {
    let payload: Value = serde_json::from_str(&item.payload)?;
    Ok(json!({
        "idempotency_key": item.key.as_str(),
        "record": { "kind": item.record_kind, "id": item.record_id },
        "action": item.action,
        "payload": payload,
        "created_at": item.created_at.to_string(),
    }))
}

fn message(text: &str) -> SafeText {
    SafeText::line(text, MESSAGE_CAP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdempotencyKey, OutboxState};

    fn item(payload: &str) -> OutboxItem {
        OutboxItem {
            id: 3,
            key: IdempotencyKey::from_bytes([7; 16]),
            record_kind: "account",
            record_id: 42,
            action: "note",
            payload: payload.to_owned(),
            state: OutboxState::Pending,
            attempts: 0,
            last_error: None,
            created_at: "2026-03-02T10:00:00Z".parse().expect("a timestamp"),
            batch: None,
        }
    }

    #[test]
    fn the_body_carries_the_key_the_record_and_the_parsed_payload() {
        let body = request_body(&item(r#"{"note_id":7,"body":"Called"}"#)).expect("JSON");
        assert_eq!(
            body,
            json!({
                "idempotency_key": "07070707-0707-4707-8707-070707070707",
                "record": { "kind": "account", "id": 42 },
                "action": "note",
                "payload": { "note_id": 7, "body": "Called" },
                "created_at": "2026-03-02T10:00:00Z",
            })
        );
    }

    #[tokio::test]
    async fn a_payload_that_is_not_json_is_refused_without_sending() {
        let client = HttpClient::new().expect("a client");
        // Port 9 (discard) on loopback: nothing is sent, so nothing need listen.
        let connector = WebhookConnector::new(client, "http://127.0.0.1:9/hook", None).expect("a connector");
        match connector.push(&item("{not json")).await {
            PushOutcome::Permanent { message } => assert!(message.contains("not JSON"), "{message}"),
            other => panic!("expected a permanent failure, got {other:?}"),
        }
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let client = HttpClient::new().expect("a client");
        let token = SecretString::from("s3cr3t-t0ken");
        let connector =
            WebhookConnector::new(client, "https://hooks.example.com/k", Some(token)).expect("a connector");
        let shown = format!("{connector:?}");
        assert!(!shown.contains("s3cr3t-t0ken"), "{shown}");
        assert!(shown.contains("hooks.example.com"), "{shown}");
    }
}
