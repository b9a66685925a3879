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

use jiff::Timestamp;
use reqwest::header::LOCATION;
use reqwest::{Response, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use super::http::{BackendUrl, HttpClient, error_excerpt, requested_wait, status_line};
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
            Ok(response) => answered(response).await,
            Err(error) => unanswered(error),
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

/// What the receiver's answer means for the item.
async fn answered(response: Response) -> PushOutcome {
    let status = response.status();
    if status.is_success() || status == StatusCode::CONFLICT {
        return PushOutcome::Done;
    }
    match status {
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
            let after = requested_wait(response.headers(), Timestamp::now());
            PushOutcome::Retry { after, reason: described(status, response).await }
        }
        StatusCode::REQUEST_TIMEOUT => {
            PushOutcome::Retry { after: None, reason: described(status, response).await }
        }
        status if status.is_server_error() => {
            PushOutcome::Retry { after: None, reason: described(status, response).await }
        }
        status if status.is_redirection() => {
            let location = response.headers().get(LOCATION).and_then(|value| value.to_str().ok());
            let message = match location {
                Some(location) => format!(
                    "{}: the webhook redirects to {}; set [push] url to that address",
                    status_line(status),
                    SafeText::line(location, FieldCap::TOKEN)
                ),
                None => {
                    format!("{}: the webhook redirects, which a push does not follow", status_line(status))
                }
            };
            PushOutcome::Permanent { message: SafeText::line(&message, MESSAGE_CAP) }
        }
        status => PushOutcome::Permanent { message: described(status, response).await },
    }
}

/// "422 Unprocessable Entity: note body is required", or the status alone
/// when the body says nothing.
async fn described(status: StatusCode, response: Response) -> SafeText {
    let excerpt = error_excerpt(response).await;
    if excerpt.is_empty() {
        return message(&status_line(status));
    }
    message(&format!("{}: {excerpt}", status_line(status)))
}

/// The request got no answer: no connection, a timeout, a broken response.
/// Those pass, so they are retried — except a request keepers could not even
/// build, which would fail the same way every time.
fn unanswered(error: reqwest::Error) -> PushOutcome {
    let permanent = error.is_builder();
    // The URL stays out of the message: a webhook URL often holds a secret
    // in its path, and the message is shown and stored.
    let error = error.without_url();
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        reason.push_str(": ");
        reason.push_str(&cause.to_string());
        source = cause.source();
    }
    if permanent {
        PushOutcome::Permanent { message: message(&reason) }
    } else {
        PushOutcome::Retry { after: None, reason: message(&reason) }
    }
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
