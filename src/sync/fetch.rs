//! Reading one page from a backend: a GET retried when the failure may
//! pass (429, 5xx, 408, a timeout, a dropped connection) after a full-jitter
//! backoff or the wait the backend asked for (`Retry-After`, rate-limit
//! reset headers), with the body capped so a hostile or broken backend
//! cannot fill memory. A redirect is refused: following it could carry the
//! credentials to another host.

use jiff::Timestamp;
use reqwest::{RequestBuilder, StatusCode};

use super::backoff::{RandomDraws, next_attempt_delay};
use crate::connectors::http::{error_excerpt, requested_wait, status_line};
use crate::model::{FieldCap, SafeText};

/// The largest page keepers reads: far above any documented page (Zendesk's
/// 1,000 tickets are a few MB), far below what would hurt.
pub const PAGE_LIMIT: usize = 32 * 1024 * 1024;
/// How many times a page is asked for before the sync stops with an error.
pub const GET_ATTEMPTS: u32 = 6;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The backend refused for a reason retrying will not fix.
    #[error("{what}: the backend answered {status}: {message}{hint}")]
    Refused { what: String, status: String, message: SafeText, hint: &'static str },
    #[error("{what}: gave up after {attempts} attempts; the last: {last}")]
    GaveUp { what: String, attempts: u32, last: String },
    #[error("{what}: the page is larger than {limit} bytes; keepers stops rather than read it")]
    TooLarge { what: String, limit: usize },
    #[error(
        "{what}: the backend redirects to {location}; keepers does not follow (the credentials could go to another host)"
    )]
    Redirected { what: String, location: String },
}

/// The body of a successful GET made by `request` (called once per try);
/// `what` names the source and page in errors: "zendesk tickets, page 3".
pub async fn get_page(
    request: impl Fn() -> RequestBuilder,
    what: &str,
    draws: &mut RandomDraws,
) -> Result<Vec<u8>, FetchError> {
    let mut last = String::new();
    let mut wait = None;
    for attempt in 0..GET_ATTEMPTS {
        if let Some(delay) = wait.take() {
            tokio::time::sleep(delay).await;
        }
        let response = match request().send().await {
            Ok(response) => response,
            Err(error) => {
                last =
                    if error.is_timeout() { "timed out".to_owned() } else { "could not connect".to_owned() };
                wait = Some(next_attempt_delay(attempt, None, draws.draw()));
                continue;
            }
        };
        let status = response.status();
        if status.is_success() {
            match read_capped(response).await {
                Ok(body) => return Ok(body),
                Err(Read::TooLarge) => {
                    return Err(FetchError::TooLarge { what: what.to_owned(), limit: PAGE_LIMIT });
                }
                Err(Read::Dropped) => {
                    last = "the connection dropped mid-page".to_owned();
                    wait = Some(next_attempt_delay(attempt, None, draws.draw()));
                    continue;
                }
            }
        }
        if status.is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|value| value.to_str().ok())
                .map_or_else(
                    || "another address".to_owned(),
                    |value| SafeText::line(value, FieldCap::SUBJECT).to_string(),
                );
            return Err(FetchError::Redirected { what: what.to_owned(), location });
        }
        if is_retryable(status) {
            // The backend's own wait (Retry-After, a rate-limit reset) wins
            // over our backoff.
            let asked = requested_wait(response.headers(), Timestamp::now());
            // The body may say which limit was hit (HubSpot's `policyName`),
            // which the message shows if the retries run out.
            let message = error_excerpt(response).await;
            last = if message.is_empty() {
                status_line(status)
            } else {
                format!("{}: {message}", status_line(status))
            };
            wait = Some(next_attempt_delay(attempt, asked, draws.draw()));
            continue;
        }
        let hint = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                " (check the source's credentials and their permissions; `keepers doctor` tests them)"
            }
            _ => "",
        };
        return Err(FetchError::Refused {
            what: what.to_owned(),
            status: status_line(status),
            message: error_excerpt(response).await,
            hint,
        });
    }
    Err(FetchError::GaveUp { what: what.to_owned(), attempts: GET_ATTEMPTS, last })
}

fn is_retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
}

/// Why a body was not read whole.
enum Read {
    TooLarge,
    Dropped,
}

async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, Read> {
    if response.content_length().is_some_and(|length| length > PAGE_LIMIT as u64) {
        return Err(Read::TooLarge);
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > PAGE_LIMIT => return Err(Read::TooLarge),
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(_) => return Err(Read::Dropped),
        }
    }
}
