//! The Zendesk connector's HTTP side: which endpoint each stream reads and
//! how it pages — organizations, users and satisfaction ratings by cursor
//! pagination (`page[size]`, `page[after]`), tickets through the
//! incremental cursor export (`start_time=0`, then `cursor=`) — with the
//! API token as basic auth (`{email}/token`). Decoding is `decode`'s.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::decode::{
    decode_comments, decode_organizations, decode_satisfaction_ratings, decode_ticket_export, decode_users,
};
use crate::config::credentials::{CredentialError, CredentialSource};
use crate::connectors::http::{BackendUrl, HttpClient};
use crate::connectors::records::{CommentRecord, Page};
use crate::connectors::{ConnectorError, Pull, PullError, Stream};
use crate::model::Source;
use crate::sync::backoff::RandomDraws;
use crate::sync::fetch::get_page;

/// Cursor-paginated lists ask for this many records a page (Zendesk's most).
const PAGE_SIZE: &str = "100";

const STREAMS: &[Stream] = &[
    Stream { name: "organizations", incremental: false },
    Stream { name: "users", incremental: false },
    Stream { name: "tickets", incremental: true },
    Stream { name: "satisfaction_ratings", incremental: false },
];

/// A `[[source]]` of `kind = "zendesk"` in keepers.toml.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ZendeskConfig {
    /// What keepers calls this source (cursors, messages): "zendesk".
    #[serde(default = "default_name")]
    pub name: String,
    /// `acme` for https://acme.zendesk.com.
    pub subdomain: Option<String>,
    /// The API's address instead of the subdomain's (a proxy, a test server).
    pub base_url: Option<String>,
    /// The agent the API token belongs to.
    pub email: String,
    pub token_cmd: Option<String>,
    pub token_env: Option<String>,
    pub token_file: Option<std::path::PathBuf>,
    /// How often the console syncs in the background; 0 or none: only by hand.
    #[serde(default)]
    pub sync_every_minutes: u32,
}

fn default_name() -> String {
    "zendesk".to_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum ZendeskSetupError {
    #[error("{0}: give subdomain = \"yourcompany\" (or base_url)")]
    NoAddress(String),
    #[error("{name}: {error}")]
    Url { name: String, error: ConnectorError },
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error("{name}: {error}")]
    Client { name: String, error: ConnectorError },
}

pub struct Zendesk {
    name: String,
    client: HttpClient,
    base: BackendUrl,
    user: String,
    token: SecretString,
}

impl std::fmt::Debug for Zendesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("Zendesk").field("name", &self.name).field("base", &self.base.as_str()).finish()
    }
}

impl Zendesk {
    pub fn from_config(config: &ZendeskConfig) -> Result<Zendesk, ZendeskSetupError> {
        let name = config.name.clone();
        let address = match (&config.base_url, &config.subdomain) {
            (Some(url), _) => url.clone(),
            (None, Some(subdomain)) => format!("https://{}.zendesk.com", subdomain.trim()),
            (None, None) => return Err(ZendeskSetupError::NoAddress(name)),
        };
        let base = BackendUrl::parse(&address)
            .map_err(|error| ZendeskSetupError::Url { name: name.clone(), error })?;
        let credentials = CredentialSource {
            token_cmd: config.token_cmd.clone(),
            token_env: config.token_env.clone(),
            token_file: config.token_file.clone(),
        };
        let token = credentials.resolve(&name)?;
        let client =
            HttpClient::new().map_err(|error| ZendeskSetupError::Client { name: name.clone(), error })?;
        Ok(Zendesk { user: format!("{}/token", config.email.trim()), name, client, base, token })
    }

    fn url(&self, stream: Stream, cursor: Option<&str>) -> BackendUrl {
        match (stream.name, cursor) {
            ("tickets", None) => {
                self.base.with("/api/v2/incremental/tickets/cursor.json", &[("start_time", "0")])
            }
            ("tickets", Some(cursor)) => {
                self.base.with("/api/v2/incremental/tickets/cursor.json", &[("cursor", cursor)])
            }
            (list, None) => self.base.with(&format!("/api/v2/{list}.json"), &[("page[size]", PAGE_SIZE)]),
            (list, Some(cursor)) => self
                .base
                .with(&format!("/api/v2/{list}.json"), &[("page[size]", PAGE_SIZE), ("page[after]", cursor)]),
        }
    }
}

impl Zendesk {
    /// Signs in and reads who the token belongs to (`/api/v2/users/me.json`):
    /// the check `keepers doctor` makes. Its role, when the answer has one.
    pub async fn check(&self, draws: &mut RandomDraws) -> Result<String, PullError> {
        let url = self.base.with("/api/v2/users/me.json", &[]);
        let what = format!("{} sign-in", self.name);
        let request = || self.client.get(&url).basic_auth(&self.user, Some(self.token.expose_secret()));
        let body = get_page(request, &what, draws).await?;
        let me: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|error| PullError::Malformed { what: what.clone(), reason: error.to_string() })?;
        // An unauthenticated request is answered as an anonymous user.
        match me["user"]["id"].as_u64() {
            Some(_) => Ok(me["user"]["role"].as_str().unwrap_or("user").to_owned()),
            None => Err(PullError::Malformed { what, reason: "Zendesk did not recognise the token".into() }),
        }
    }
}

impl Zendesk {
    /// Every comment of the ticket Zendesk knows as `ticket` (its id
    /// there), oldest first, with their authors' names.
    pub async fn comments(
        &self,
        ticket: &str,
        draws: &mut RandomDraws,
    ) -> Result<Vec<CommentRecord>, PullError> {
        let id: u64 = ticket.parse().map_err(|_| PullError::Malformed {
            what: format!("{} ticket {ticket}", self.name),
            reason: "a Zendesk ticket id is a number".into(),
        })?;
        let path = format!("/api/v2/tickets/{id}/comments.json");
        let mut comments = Vec::new();
        let mut after: Option<String> = None;
        for page in 1.. {
            let mut query = vec![("include", "users"), ("page[size]", PAGE_SIZE)];
            if let Some(after) = &after {
                query.push(("page[after]", after));
            }
            let url = self.base.with(&path, &query);
            let what = format!("{} comments of ticket {id}, page {page}", self.name);
            let request = || self.client.get(&url).basic_auth(&self.user, Some(self.token.expose_secret()));
            let body = get_page(request, &what, draws).await?;
            let text = String::from_utf8(body).map_err(|_| PullError::Malformed {
                what: what.clone(),
                reason: "the page is not UTF-8".into(),
            })?;
            let decoded = decode_comments(id, &text)
                .map_err(|error| PullError::Malformed { what, reason: error.to_string() })?;
            comments.extend(decoded.comments);
            match decoded.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        Ok(comments)
    }
}

impl Pull for Zendesk {
    fn source_name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> Source {
        Source::Zendesk
    }

    fn streams(&self) -> &'static [Stream] {
        STREAMS
    }

    async fn pull(
        &self,
        stream: Stream,
        cursor: Option<&str>,
        page: usize,
        draws: &mut RandomDraws,
    ) -> Result<Page, PullError> {
        let url = self.url(stream, cursor);
        let what = format!("{} {}, page {page}", self.name, stream.name);
        let request = || self.client.get(&url).basic_auth(&self.user, Some(self.token.expose_secret()));
        let body = get_page(request, &what, draws).await?;
        let text = String::from_utf8(body).map_err(|_| PullError::Malformed {
            what: what.clone(),
            reason: "the page is not UTF-8".into(),
        })?;
        let decoded = match stream.name {
            "organizations" => decode_organizations(&text),
            "users" => decode_users(&text),
            "tickets" => decode_ticket_export(&text),
            _ => decode_satisfaction_ratings(&text),
        };
        decoded.map_err(|error| PullError::Malformed { what, reason: error.to_string() })
    }
}
