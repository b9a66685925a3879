//! The one HTTP client every connector shares, and what it reads from
//! responses.
//!
//! The client has a connect timeout and a total timeout, so a backend that
//! stops answering fails a push instead of holding the pusher forever; it
//! says who it is (`keepers/<version>`); and it follows no redirects, since
//! a POST that was redirected would arrive as a GET and its "200" would mark
//! an item done that the backend never took. It only sends to a
//! [`BackendUrl`], which is HTTPS or loopback by construction.
//!
//! From responses it reads how long the backend asks us to wait
//! (`Retry-After` and rate-limit reset headers) and a short, sanitised
//! excerpt of an error body. It never sleeps or retries: that is `sync`'s.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use jiff::Timestamp;
use jiff::fmt::rfc2822::DateTimeParser;
use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Client, RequestBuilder, Response, StatusCode, Url, redirect};

use super::{ConnectorError, PushOutcome};
use crate::model::{FieldCap, SafeText};

/// How long establishing a connection (TCP and TLS) may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take, from connecting to the last byte of
/// the response.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of an error response is read for its message: enough for any
/// backend's error JSON, little enough that a hostile one cannot fill memory.
pub const ERROR_BODY_LIMIT: usize = 2 * 1024;
/// How many characters of an error body a message keeps.
const ERROR_EXCERPT_CAP: FieldCap = FieldCap(500);

/// A delta in a rate-limit reset header at least this large is a Unix time,
/// not a number of seconds: no backend asks for a 30-year wait.
const UNIX_TIME_THRESHOLD: u64 = 1_000_000_000;

/// HTTP dates come from many servers; a weekday that disagrees with the
/// date should not cost us the wait the server asked for.
static HTTP_DATE: DateTimeParser = DateTimeParser::new().relaxed_weekday(true);

/// The shared client. Cloning it is cheap and shares its connection pool.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: Client,
}

impl HttpClient {
    pub fn new() -> Result<HttpClient, ConnectorError> {
        let client = Client::builder()
            .user_agent(concat!("keepers/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirect(redirect::Policy::none())
            .build()
            .map_err(ConnectorError::Client)?;
        Ok(HttpClient { client })
    }

    /// A POST to `url`, for the caller to add headers and a body to.
    pub fn post(&self, url: &BackendUrl) -> RequestBuilder {
        self.client.post(url.url.clone())
    }

    /// A POST or PUT as `method` says: connectors that update records use both.
    pub fn send_to(&self, method: reqwest::Method, url: &BackendUrl) -> RequestBuilder {
        self.client.request(method, url.url.clone())
    }

    /// A PUT to `url`, for the caller to add headers and a body to.
    pub fn put(&self, url: &BackendUrl) -> RequestBuilder {
        self.client.put(url.url.clone())
    }

    /// A GET of `url`.
    pub fn get(&self, url: &BackendUrl) -> RequestBuilder {
        self.client.get(url.url.clone())
    }
}

/// A URL keepers may send data and tokens to: `https://`, or plain
/// `http://` to this machine only (127.0.0.0/8, localhost, [::1]), where
/// there is no network to listen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendUrl {
    url: Url,
}

impl BackendUrl {
    pub fn parse(text: &str) -> Result<BackendUrl, ConnectorError> {
        let url = Url::parse(text.trim())
            .map_err(|error| ConnectorError::BadUrl { url: text.to_owned(), reason: error.to_string() })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ConnectorError::CredentialsInUrl { url: without_credentials(&url) });
        }
        match url.scheme() {
            "https" => Ok(BackendUrl { url }),
            "http" if is_loopback(&url) => Ok(BackendUrl { url }),
            "http" => Err(ConnectorError::InsecureUrl { url: url.to_string() }),
            scheme => {
                Err(ConnectorError::UnsupportedScheme { url: url.to_string(), scheme: scheme.to_owned() })
            }
        }
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// This URL with `path` (from the root) and query pairs: the same
    /// scheme and host, so what was checked stays true.
    pub fn with(&self, path: &str, query: &[(&str, &str)]) -> BackendUrl {
        let mut url = self.url.clone();
        url.set_path(path);
        url.set_query(None);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        BackendUrl { url }
    }
}

impl fmt::Display for BackendUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url.as_str())
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        // An IPv6 host comes bracketed: "[::1]".
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback()),
        None => false,
    }
}

/// The URL to show in a message: a password in it must not be printed.
fn without_credentials(url: &Url) -> String {
    let mut shown = url.clone();
    // Both only fail for URLs that cannot have credentials at all.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// How long the backend asked us to wait before trying again, if it said:
/// `Retry-After` as seconds or as an HTTP date (relative to `now`), else a
/// rate-limit reset header (`RateLimit-Reset`, `X-RateLimit-Reset`) as
/// seconds or as a Unix time. A date in the past means "now": zero.
/// Unreadable values are ignored rather than trusted.
pub fn requested_wait(headers: &HeaderMap, now: Timestamp) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    if let Some(value) = header(RETRY_AFTER.as_str()) {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(at) = HTTP_DATE.parse_timestamp(value) {
            return Some(wait_until(at, now));
        }
    }
    let reset = header("ratelimit-reset").or_else(|| header("x-ratelimit-reset"))?;
    let seconds = reset.parse::<u64>().ok()?;
    if seconds < UNIX_TIME_THRESHOLD {
        return Some(Duration::from_secs(seconds));
    }
    let at = i64::try_from(seconds).ok().and_then(|seconds| Timestamp::from_second(seconds).ok())?;
    Some(wait_until(at, now))
}

fn wait_until(at: Timestamp, now: Timestamp) -> Duration {
    Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO)
}

/// A status as people read it: "422 Unprocessable Entity", or "499" for a
/// code without a standard name.
pub fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The first [`ERROR_BODY_LIMIT`] bytes of an error response's body, as one
/// sanitised line: the backend's `message` (or `error`, `detail`, …) when
/// the body is JSON that has one, else the text itself. Empty when the body
/// is empty or cannot be read.
pub async fn error_excerpt(mut response: Response) -> SafeText {
    let mut body = Vec::new();
    while body.len() < ERROR_BODY_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) | Err(_) => break,
        }
    }
    body.truncate(ERROR_BODY_LIMIT);
    excerpt_of(&body)
}

fn excerpt_of(body: &[u8]) -> SafeText {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        // Cutting the body at the limit may split the last character.
        Err(error) if error.error_len().is_none() => {
            String::from_utf8_lossy(&body[..error.valid_up_to()]).into_owned()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    let json = serde_json::from_str::<serde_json::Value>(&text).ok();
    let shown = match json.as_ref().and_then(message_in) {
        // A rate limit's body may name the limit that was hit (HubSpot's
        // `policyName`: TEN_SECONDLY_ROLLING, DAILY), which tells a wait of
        // seconds from one of a day.
        Some(message) => match json.as_ref().and_then(|json| json.get("policyName")?.as_str()) {
            Some(policy) => format!("{message} (policy {policy})"),
            None => message,
        },
        None => text,
    };
    SafeText::line(shown.trim(), ERROR_EXCERPT_CAP)
}

/// The human message in a JSON error body, in the shapes backends use:
/// `{"message": …}`, `{"error": "…"}`, `{"error": {"message": …}}`,
/// `{"detail": …}`, `{"errors": [{"message": …}]}`, ….
fn message_in(json: &serde_json::Value) -> Option<String> {
    const FIELDS: [&str; 6] = ["message", "error_description", "detail", "description", "title", "error"];
    if let Some(text) = json.as_str() {
        return Some(text.to_owned());
    }
    if let Some(first) = json.as_array().and_then(|items| items.first()) {
        return message_in(first);
    }
    FIELDS
        .iter()
        .filter_map(|field| json.get(field))
        .chain(json.get("errors"))
        .find_map(|value| message_in(value).filter(|message| !message.trim().is_empty()))
}

/// What a backend's answer to a push means for the item: done (2xx, or
/// 409: it has it already), try again (429, 503 with the wait asked for; 408,
/// 5xx), or refused for good with its message. `whom` names the backend.
pub async fn push_outcome(response: Response, whom: &str) -> PushOutcome {
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
                    "{}: {whom} redirects to {}, which a push does not follow (check the configured address)",
                    status_line(status),
                    SafeText::line(location, FieldCap::TOKEN)
                ),
                None => format!("{}: {whom} redirects, which a push does not follow", status_line(status)),
            };
            PushOutcome::Permanent { message: push_message(&message) }
        }
        status => PushOutcome::Permanent { message: described(status, response).await },
    }
}

/// "422 Unprocessable Entity: note body is required", or the status alone
/// when the body says nothing.
async fn described(status: StatusCode, response: Response) -> SafeText {
    let excerpt = error_excerpt(response).await;
    if excerpt.is_empty() {
        return push_message(&status_line(status));
    }
    push_message(&format!("{}: {excerpt}", status_line(status)))
}

/// The request got no answer: no connection, a timeout, a broken response.
/// Those pass, so they are retried — except a request keepers could not even
/// build, which would fail the same way every time.
pub fn request_failed(error: reqwest::Error) -> PushOutcome {
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
        PushOutcome::Permanent { message: push_message(&reason) }
    } else {
        PushOutcome::Retry { after: None, reason: push_message(&reason) }
    }
}

/// How many characters of a push's outcome message are kept.
const PUSH_MESSAGE_CAP: FieldCap = FieldCap(500);

fn push_message(text: &str) -> SafeText {
    SafeText::line(text, PUSH_MESSAGE_CAP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_str(value).expect("a header value"));
        }
        headers
    }

    fn now() -> Timestamp {
        "2026-03-02T10:00:00Z".parse().expect("a timestamp")
    }

    #[test]
    fn https_and_loopback_http_are_allowed() {
        for url in [
            "https://hooks.example.com/keepers",
            "http://127.0.0.1:8080/hook",
            "http://127.1.2.3/hook",
            "http://localhost/hook",
            "http://[::1]:9000/hook",
        ] {
            assert!(BackendUrl::parse(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn plain_http_elsewhere_is_refused_with_the_url_named() {
        for url in
            ["http://hooks.example.com/keepers", "http://10.0.0.5/hook", "http://localhost.example.com/"]
        {
            let error = BackendUrl::parse(url).expect_err(url);
            assert!(matches!(error, ConnectorError::InsecureUrl { .. }), "{url}: {error}");
            let message = error.to_string();
            assert!(message.contains(url) && message.contains("https://"), "{message}");
        }
    }

    #[test]
    fn other_schemes_credentials_and_nonsense_are_refused() {
        assert!(matches!(
            BackendUrl::parse("ftp://files.example.com/"),
            Err(ConnectorError::UnsupportedScheme { .. })
        ));
        assert!(matches!(BackendUrl::parse("hooks.example.com"), Err(ConnectorError::BadUrl { .. })));
        let error = BackendUrl::parse("https://me:hunter2@hooks.example.com/").expect_err("credentials");
        assert!(matches!(error, ConnectorError::CredentialsInUrl { .. }));
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(requested_wait(&headers(&[("retry-after", "7")]), now()), Some(Duration::from_secs(7)));
        let date = headers(&[("retry-after", "Mon, 02 Mar 2026 10:02:00 GMT")]);
        assert_eq!(requested_wait(&date, now()), Some(Duration::from_secs(120)));
        let past = headers(&[("retry-after", "Mon, 02 Mar 2026 09:00:00 GMT")]);
        assert_eq!(requested_wait(&past, now()), Some(Duration::ZERO));
        for nonsense in ["-3", "soon", "1.5", ""] {
            assert_eq!(requested_wait(&headers(&[("retry-after", nonsense)]), now()), None, "{nonsense:?}");
        }
        assert_eq!(requested_wait(&HeaderMap::new(), now()), None);
    }

    #[test]
    fn rate_limit_resets_read_as_seconds_or_unix_time() {
        let delta = headers(&[("ratelimit-reset", "30")]);
        assert_eq!(requested_wait(&delta, now()), Some(Duration::from_secs(30)));
        let unix = (now().as_second() + 90).to_string();
        let absolute = headers(&[("x-ratelimit-reset", &unix)]);
        assert_eq!(requested_wait(&absolute, now()), Some(Duration::from_secs(90)));
        let both = headers(&[("retry-after", "5"), ("x-ratelimit-reset", &unix)]);
        assert_eq!(requested_wait(&both, now()), Some(Duration::from_secs(5)), "Retry-After first");
    }

    #[test]
    fn status_lines_read_like_people_say_them() {
        assert_eq!(status_line(StatusCode::UNPROCESSABLE_ENTITY), "422 Unprocessable Entity");
        assert_eq!(status_line(StatusCode::from_u16(499).expect("a status")), "499");
    }

    #[test]
    fn excerpts_prefer_the_json_message_and_are_sanitised() {
        assert_eq!(excerpt_of(br#"{"error":"note body is required"}"#).as_str(), "note body is required");
        assert_eq!(
            excerpt_of(br#"{"error":{"code":7,"message":"no such account"}}"#).as_str(),
            "no such account"
        );
        assert_eq!(excerpt_of(br#"{"errors":[{"message":"title too long"}]}"#).as_str(), "title too long");
        assert_eq!(excerpt_of(br#"{"ok":false}"#).as_str(), r#"{"ok":false}"#);
        assert_eq!(excerpt_of(b"Bad\x1b]52;c;aGk=\x07 input\x1b[31m!\r\n").as_str(), "Bad input!");
        assert_eq!(excerpt_of(b"").as_str(), "");
    }

    #[test]
    fn a_rate_limit_body_names_its_policy() {
        let hubspot = br#"{"status":"error","message":"You have reached your ten_secondly_rolling limit.",
            "errorType":"RATE_LIMIT","correlationId":"c1","policyName":"TEN_SECONDLY_ROLLING"}"#;
        assert_eq!(
            excerpt_of(hubspot).as_str(),
            "You have reached your ten_secondly_rolling limit. (policy TEN_SECONDLY_ROLLING)"
        );
    }

    #[test]
    fn an_excerpt_cut_inside_a_character_drops_that_character() {
        let mut body = "é".repeat(ERROR_BODY_LIMIT / 2).into_bytes();
        body.truncate(ERROR_BODY_LIMIT - 1);
        let excerpt = excerpt_of(&body);
        assert!(!excerpt.contains('\u{fffd}'), "no replacement character at the cut");
    }
}
