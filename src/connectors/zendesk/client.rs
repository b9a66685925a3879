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
use crate::config::credentials::CredentialSource;
use crate::connectors::access::fetch_text;
use crate::connectors::access::{SetupError, SourceAccess};
use crate::connectors::http::{BackendUrl, HttpClient};
use crate::connectors::http::{push_outcome, request_failed};
use crate::connectors::records::{CommentRecord, Page};
use crate::connectors::{Connector, Pull, PullError, PushOutcome, Stream};
use crate::model::{FieldCap, OutboxItem, SafeText, Source};
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
    /// The OS keyring service the token is kept under (the `keyring` feature).
    pub token_keyring: Option<String>,
    pub token_file: Option<std::path::PathBuf>,
    /// How often the console syncs in the background; 0 or none: only by hand.
    #[serde(default)]
    pub sync_every_minutes: u32,
}

fn default_name() -> String {
    "zendesk".to_owned()
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
    pub fn from_config(config: &ZendeskConfig) -> Result<Zendesk, SetupError> {
        let address = match (&config.base_url, &config.subdomain) {
            (Some(url), _) => Ok(url.clone()),
            (None, Some(subdomain)) => Ok(format!("https://{}.zendesk.com", subdomain.trim())),
            (None, None) => Err("subdomain = \"yourcompany\""),
        };
        let credentials = CredentialSource {
            token_cmd: config.token_cmd.clone(),
            token_env: config.token_env.clone(),
            token_keyring: config.token_keyring.clone(),
            token_file: config.token_file.clone(),
        };
        let SourceAccess { client, base, secret: token } =
            SourceAccess::open(&config.name, address, &credentials)?;
        let user = format!("{}/token", config.email.trim());
        Ok(Zendesk { user, name: config.name.clone(), client, base, token })
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
            let text = fetch_text(request, &what, draws).await?;
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
        let text = fetch_text(request, &what, draws).await?;
        let decoded = match stream.name {
            "organizations" => decode_organizations(&text),
            "users" => decode_users(&text),
            "tickets" => decode_ticket_export(&text),
            _ => decode_satisfaction_ratings(&text),
        };
        decoded.map_err(|error| PullError::Malformed { what, reason: error.to_string() })
    }
}

/// Pushes a change to a Zendesk ticket back to Zendesk: its status,
/// priority and assignee (`ticket_update`) or an internal note
/// (`ticket_note`), as `PUT /api/v2/tickets/{id}.json` with the item's
/// idempotency key. Zendesk applies a status twice harmlessly; it honours
/// the key on creating tickets only, so a note whose answer was lost can
/// arrive twice.
impl Connector for Zendesk {
    fn name(&self) -> &str {
        &self.name
    }

    async fn push(&self, item: &OutboxItem) -> PushOutcome {
        let refused =
            |text: String| PushOutcome::Permanent { message: SafeText::line(&text, FieldCap::SUBJECT) };
        let payload: serde_json::Value = match serde_json::from_str(&item.payload) {
            Ok(payload) => payload,
            Err(error) => return refused(format!("the outbox item's payload is not JSON ({error})")),
        };
        let Some(ticket) = payload["external"]["id"].as_str().and_then(|id| id.parse::<u64>().ok()) else {
            return refused("the item names no Zendesk ticket".into());
        };
        let body = match item.action {
            "ticket_update" => match ticket_fields(&payload) {
                Ok(fields) => serde_json::json!({ "ticket": fields }),
                Err(why) => return refused(why),
            },
            "ticket_note" => serde_json::json!({ "ticket": { "comment": {
                "body": payload["body"].as_str().unwrap_or_default(), "public": false
            } } }),
            other => return refused(format!("Zendesk takes ticket updates and internal notes, not {other}")),
        };
        let url = self.base.with(&format!("/api/v2/tickets/{ticket}.json"), &[]);
        let request = self
            .client
            .put(&url)
            .basic_auth(&self.user, Some(self.token.expose_secret()))
            .header("Idempotency-Key", item.key.as_str())
            .json(&body);
        match request.send().await {
            Ok(response) => push_outcome(response, "Zendesk").await,
            Err(error) => request_failed(error),
        }
    }
}

/// A ticket update's fields as Zendesk names them. keepers' assignee is a
/// name: Zendesk takes an agent by id ("agent 235323", as synced) or by
/// e-mail address.
fn ticket_fields(payload: &serde_json::Value) -> Result<serde_json::Value, String> {
    let mut fields = serde_json::Map::new();
    if let Some(status) = payload["status"].as_str() {
        // Zendesk closes solved tickets itself; "on-hold" is its "hold".
        let status = match status {
            "on-hold" => "hold",
            "closed" => "solved",
            other => other,
        };
        fields.insert("status".into(), status.into());
    }
    if let Some(priority) = payload["priority"].as_str() {
        fields.insert("priority".into(), priority.into());
    }
    if let Some(assignee) = payload["assignee"].as_str().map(str::trim).filter(|name| !name.is_empty()) {
        if let Some(id) = crate::connectors::agent_id(assignee) {
            fields.insert("assignee_id".into(), id.into());
        } else if assignee.contains('@') {
            fields.insert("assignee_email".into(), assignee.into());
        } else {
            return Err(format!(
                "Zendesk needs the assignee as \"agent <id>\" or an e-mail address, not {assignee:?}: edit the item (e on the Outbox screen)"
            ));
        }
    }
    Ok(serde_json::Value::Object(fields))
}
