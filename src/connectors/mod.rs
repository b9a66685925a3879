//! Connectors: how keepers talks to a backend. Each backend is a module
//! behind the [`Connector`] trait; `http` is the one HTTP client they share
//! (timeouts, User-Agent, HTTPS only but for loopback, `Retry-After`).
//!
//! A connector only says what happened — [`PushOutcome`] — and never
//! sleeps, retries or writes the store: when to try again is `sync`'s
//! decision, and what to record is the outbox's. Connectors sit at the start
//! of the data flow, so they use `model` and nothing to their right.
//!
//! [`Connector`] is the push half of a connection (an outbox item out to
//! the backend); [`Pull`] the other half: a page of records in, from a
//! cursor, with the cursor after it.

pub mod access;
pub mod freshdesk;
pub mod http;
pub mod hubspot;
pub mod records;
pub mod router;
pub mod webhook;
pub mod zendesk;

use std::env;
use std::time::Duration;

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::model::{OutboxItem, SafeText};

pub use webhook::WebhookConnector;

/// A backend keepers pushes outbox items to.
///
/// `push` returns `impl Future` rather than a boxed one: the pusher holds the
/// one connector the configuration chose, as a concrete type, so nothing
/// needs `dyn Connector`.
pub trait Connector: Send + Sync {
    /// What the user calls this backend in messages: "webhook".
    fn name(&self) -> &str;

    /// Sends one outbox item, once. Every failure is an outcome, not a panic
    /// or an error type: the pusher only needs to know whether to mark the
    /// item done, try again, or park it.
    fn push(&self, item: &OutboxItem) -> impl Future<Output = PushOutcome> + Send;
}

/// One stream of records a backend is read by: its name (for the cursor)
/// and whether its cursor runs on (an incremental export, read again from
/// where it stopped) or a listing starts over once read to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    pub name: &'static str,
    pub incremental: bool,
}

/// A backend keepers reads records from, a page at a time.
pub trait Pull: Send + Sync {
    /// The source's name in keepers.toml: "zendesk".
    fn source_name(&self) -> &str;
    /// What kind of backend it is, for the records' external ids.
    fn kind(&self) -> crate::model::Source;
    /// Its streams in the order they are read: companies before the people
    /// and tickets that refer to them.
    fn streams(&self) -> &'static [Stream];
    /// The page of `stream` at `cursor` (`None`: the start). `page` counts
    /// from 1, for messages.
    fn pull(
        &self,
        stream: Stream,
        cursor: Option<&str>,
        page: usize,
        draws: &mut crate::sync::backoff::RandomDraws,
    ) -> impl Future<Output = Result<records::Page, PullError>> + Send;
}

/// Why a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Fetch(#[from] crate::sync::fetch::FetchError),
    /// The page came, but is not what the backend documents: `what` names
    /// the source, the stream and the page.
    #[error("{what}: {reason}")]
    Malformed { what: String, reason: String },
}

/// A backend keepers reads from, as a `[[source]]` of keepers.toml says:
///
/// ```toml
/// [[source]]
/// kind = "zendesk"
/// subdomain = "acme"
/// email = "agent@acme.com"
/// token_env = "ZENDESK_TOKEN"
///
/// [[source]]
/// kind = "freshdesk"
/// domain = "acme"
/// token_env = "FRESHDESK_API_KEY"
/// ```
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SourceConfig {
    Zendesk(zendesk::ZendeskConfig),
    Freshdesk(freshdesk::FreshdeskConfig),
    Hubspot(hubspot::HubSpotConfig),
}

impl SourceConfig {
    /// What keepers calls the source.
    pub fn name(&self) -> &str {
        match self {
            SourceConfig::Zendesk(config) => &config.name,
            SourceConfig::Freshdesk(config) => &config.name,
            SourceConfig::Hubspot(config) => &config.name,
        }
    }

    /// How often the console syncs it in the background, in minutes; 0:
    /// only by hand.
    pub fn sync_every_minutes(&self) -> u32 {
        match self {
            SourceConfig::Zendesk(config) => config.sync_every_minutes,
            SourceConfig::Freshdesk(config) => config.sync_every_minutes,
            SourceConfig::Hubspot(config) => config.sync_every_minutes,
        }
    }

    /// The kinds of configured sources that take changes to their own
    /// records back (Zendesk: a ticket's fields and internal notes; HubSpot:
    /// notes, tasks and calls on its companies).
    pub fn push_targets(sources: &[SourceConfig]) -> Vec<crate::model::Source> {
        sources
            .iter()
            .map(|source| match source {
                SourceConfig::Zendesk(_) => crate::model::Source::Zendesk,
                SourceConfig::Freshdesk(_) => crate::model::Source::Freshdesk,
                SourceConfig::Hubspot(_) => crate::model::Source::Hubspot,
            })
            .collect()
    }
}

/// How a helpdesk agent known only by id is named in keepers ("agent 42"):
/// the name a synced ticket's assignee gets, and the one a push reads back.
pub fn agent_label(id: u64) -> SafeText {
    SafeText::line(&format!("agent {id}"), crate::model::FieldCap::NAME)
}

/// The agent id in a name [`agent_label`] made, if it is one.
pub fn agent_id(label: &str) -> Option<u64> {
    label.trim().strip_prefix("agent ")?.parse().ok()
}

/// What became of one push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// The backend has the item (perhaps from an earlier push with the same
    /// idempotency key).
    Done,
    /// A failure that may pass: try again later — no sooner than `after`
    /// when the backend said how long to wait.
    Retry { after: Option<Duration>, reason: SafeText },
    /// The backend refused the item and will refuse it again: park it in the
    /// dead-letter list with this message.
    Permanent { message: SafeText },
}

/// Where outbox items go, as the `[push]` table of `keepers.toml` says:
///
/// ```toml
/// [push]
/// kind = "webhook"
/// url = "https://hooks.example.com/keepers"
/// token_env = "KEEPERS_PUSH_TOKEN"   # optional
/// ```
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PushConfig {
    /// A generic webhook: every item is POSTed as JSON to one URL.
    Webhook(WebhookConfig),
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// `https://…`; plain `http://` only to 127.0.0.1, localhost or [::1].
    pub url: String,
    /// The environment variable that holds the bearer token, if the webhook
    /// wants one. The token itself never goes in the configuration file.
    #[serde(default)]
    pub token_env: Option<String>,
}

/// A push configuration that cannot be used, said so that the user can fix
/// it. No variant ever holds a secret.
#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    #[error("[push] url {url:?} is not a URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("[push] url {url} must start with https:// (it starts with {scheme}://)")]
    UnsupportedScheme { url: String, scheme: String },
    #[error(
        "[push] url {url} uses plain http, which would send your data and token unencrypted; \
         use https:// (plain http is allowed only to 127.0.0.1, localhost and [::1])"
    )]
    InsecureUrl { url: String },
    #[error(
        "[push] url {url} carries a user name or password; remove them and name an environment \
         variable that holds the token in token_env instead"
    )]
    CredentialsInUrl { url: String },
    #[error("[push] token_env names {variable}, which is not set or is empty; export the token in it")]
    MissingToken { variable: String },
    #[error(
        "the token in {variable} holds characters an HTTP header cannot carry (a line break or other \
         control character?)"
    )]
    UnusableToken { variable: String },
    #[error("the HTTP client could not start: {0}")]
    Client(#[source] reqwest::Error),
}

/// The connector for what the user configured, with its token read from the
/// environment.
pub fn connector_from_config(config: &PushConfig) -> Result<WebhookConnector, ConnectorError> {
    match config {
        PushConfig::Webhook(webhook) => {
            let token = match &webhook.token_env {
                Some(variable) => Some(token_from_env(variable)?),
                None => None,
            };
            WebhookConnector::new(http::HttpClient::new()?, &webhook.url, token)
        }
    }
}

/// The token held in the environment variable `variable`; a missing or
/// empty one is an error rather than an unauthenticated push.
fn token_from_env(variable: &str) -> Result<SecretString, ConnectorError> {
    let missing = || ConnectorError::MissingToken { variable: variable.to_owned() };
    let token = SecretString::from(env::var(variable).map_err(|_| missing())?);
    if token.expose_secret().trim().is_empty() {
        return Err(missing());
    }
    if !fits_a_header(&token) {
        return Err(ConnectorError::UnusableToken { variable: variable.to_owned() });
    }
    Ok(token)
}

/// Whether `token` can go in an Authorization header; checked once here so
/// that a bad token is a configuration error, not a failure of every push.
fn fits_a_header(token: &SecretString) -> bool {
    HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_push_table_reads_with_and_without_a_token() {
        let config: PushConfig = toml::from_str(
            "kind = \"webhook\"\nurl = \"https://hooks.example.com/k\"\ntoken_env = \"KEEPERS_PUSH_TOKEN\"",
        )
        .expect("a webhook table");
        assert_eq!(
            config,
            PushConfig::Webhook(WebhookConfig {
                url: "https://hooks.example.com/k".to_owned(),
                token_env: Some("KEEPERS_PUSH_TOKEN".to_owned()),
            })
        );
        let config: PushConfig =
            toml::from_str("kind = \"webhook\"\nurl = \"https://hooks.example.com/k\"").expect("no token");
        assert_eq!(
            config,
            PushConfig::Webhook(WebhookConfig {
                url: "https://hooks.example.com/k".to_owned(),
                token_env: None
            })
        );
    }

    #[test]
    fn unknown_kinds_and_keys_are_refused() {
        let kind = toml::from_str::<PushConfig>("kind = \"zendesk\"\nurl = \"https://x.example\"");
        assert!(kind.is_err());
        let key =
            toml::from_str::<PushConfig>("kind = \"webhook\"\nurl = \"https://x.example\"\ntoken = \"s\"");
        assert!(key.expect_err("a token in the file is refused").to_string().contains("unknown field"));
    }

    #[test]
    fn a_token_variable_that_is_not_set_is_named() {
        let config = PushConfig::Webhook(WebhookConfig {
            url: "https://hooks.example.com/k".to_owned(),
            token_env: Some("KEEPERS_TEST_TOKEN_THAT_IS_NEVER_SET".to_owned()),
        });
        let error = connector_from_config(&config).expect_err("no token");
        assert!(matches!(error, ConnectorError::MissingToken { .. }));
        assert!(error.to_string().contains("KEEPERS_TEST_TOKEN_THAT_IS_NEVER_SET"), "{error}");
    }

    #[test]
    fn a_token_with_a_line_break_is_refused() {
        assert!(!fits_a_header(&SecretString::from("abc\r\nX-Injected: 1")));
        assert!(fits_a_header(&SecretString::from("abc.def-123")));
    }
}
