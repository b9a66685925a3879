//! The Freshdesk connector's HTTP side: which endpoint each stream reads and
//! how it pages — companies, contacts and satisfaction ratings by page
//! number, read to their end at each sync; tickets by `updated_since`
//! windows (see `window`) — signed in with the API key as the basic-auth
//! user and `X` as the password, as Freshdesk documents. Decoding is
//! `decode`'s.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::decode::{
    decode_companies, decode_contacts, decode_conversations, decode_satisfaction_ratings, decode_tickets,
};
use super::window::{PER_PAGE, TicketWindow};
use crate::config::credentials::CredentialSource;
use crate::connectors::access::fetch_text;
use crate::connectors::access::{SetupError, SourceAccess};
use crate::connectors::http::{BackendUrl, HttpClient};
use crate::connectors::http::{push_outcome, request_failed};
use crate::connectors::records::{CommentRecord, Page};
use crate::connectors::{Connector, Pull, PullError, PushOutcome, Stream};
use crate::model::{FieldCap, OutboxItem, SafeText, Source};
use crate::sync::backoff::RandomDraws;

/// The password Freshdesk asks for beside an API key: any text, and its
/// documentation uses `X`.
const API_KEY_PASSWORD: &str = "X";

/// Ratings are listed from this time: without `created_since` Freshdesk
/// lists only the last 30 days'.
const RATINGS_SINCE: &str = "2000-01-01T00:00:00Z";

const STREAMS: &[Stream] = &[
    Stream { name: "companies", incremental: false },
    Stream { name: "contacts", incremental: false },
    Stream { name: "tickets", incremental: true },
    Stream { name: "satisfaction_ratings", incremental: false },
];

/// A `[[source]]` of `kind = "freshdesk"` in keepers.toml.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FreshdeskConfig {
    /// What keepers calls this source (cursors, messages): "freshdesk".
    #[serde(default = "default_name")]
    pub name: String,
    /// `acme` for https://acme.freshdesk.com.
    pub domain: Option<String>,
    /// The API's address instead of the domain's (a proxy, a test server).
    pub base_url: Option<String>,
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
    "freshdesk".to_owned()
}

pub struct Freshdesk {
    name: String,
    client: HttpClient,
    base: BackendUrl,
    api_key: SecretString,
}

impl std::fmt::Debug for Freshdesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the API key.
        f.debug_struct("Freshdesk").field("name", &self.name).field("base", &self.base.as_str()).finish()
    }
}

impl Freshdesk {
    pub fn from_config(config: &FreshdeskConfig) -> Result<Freshdesk, SetupError> {
        let address = match (&config.base_url, &config.domain) {
            (Some(url), _) => Ok(url.clone()),
            (None, Some(domain)) => Ok(format!("https://{}.freshdesk.com", domain.trim())),
            (None, None) => Err("domain = \"yourcompany\""),
        };
        let credentials = CredentialSource {
            token_cmd: config.token_cmd.clone(),
            token_env: config.token_env.clone(),
            token_keyring: config.token_keyring.clone(),
            token_file: config.token_file.clone(),
        };
        let SourceAccess { client, base, secret: api_key } =
            SourceAccess::open(&config.name, address, &credentials)?;
        Ok(Freshdesk { name: config.name.clone(), client, base, api_key })
    }

    /// The body of a GET of `url`, retried as `get_page` does; `what` names
    /// it in errors.
    async fn get_text(
        &self,
        url: &BackendUrl,
        what: &str,
        draws: &mut RandomDraws,
    ) -> Result<String, PullError> {
        let request =
            || self.client.get(url).basic_auth(self.api_key.expose_secret(), Some(API_KEY_PASSWORD));
        fetch_text(request, what, draws).await
    }

    /// Signs in and reads who the API key belongs to (`/api/v2/agents/me`):
    /// the check `keepers doctor` makes. The agent's e-mail, else their id.
    pub async fn check(&self, draws: &mut RandomDraws) -> Result<String, PullError> {
        let url = self.base.with("/api/v2/agents/me", &[]);
        let what = format!("{} sign-in", self.name);
        let text = self.get_text(&url, &what, draws).await?;
        let me: serde_json::Value = serde_json::from_str(&text)
            .map_err(|error| PullError::Malformed { what: what.clone(), reason: error.to_string() })?;
        let email = me["contact"]["email"].as_str().filter(|email| !email.trim().is_empty());
        match (email, me["id"].as_u64()) {
            (Some(email), _) => Ok(SafeText::line(email, FieldCap::TOKEN).into_string()),
            (None, Some(id)) => Ok(format!("agent {id}")),
            (None, None) => {
                Err(PullError::Malformed { what, reason: "Freshdesk's answer names no agent".into() })
            }
        }
    }

    /// Every reply and note of ticket `ticket_id`, oldest first, read page
    /// by page until a page is not full.
    pub async fn conversations(
        &self,
        ticket_id: u64,
        draws: &mut RandomDraws,
    ) -> Result<Vec<CommentRecord>, PullError> {
        let path = format!("/api/v2/tickets/{ticket_id}/conversations");
        let mut comments = Vec::new();
        for page in 1_u32.. {
            let url =
                self.base.with(&path, &[("per_page", &PER_PAGE.to_string()), ("page", &page.to_string())]);
            let what = format!("{} ticket {ticket_id} conversations, page {page}", self.name);
            let text = self.get_text(&url, &what, draws).await?;
            let decoded = decode_conversations(ticket_id, &text)
                .map_err(|error| PullError::Malformed { what, reason: error.to_string() })?;
            let last = decoded.len() < PER_PAGE;
            comments.extend(decoded);
            if last {
                break;
            }
        }
        Ok(comments)
    }
}

/// The page number a listing's cursor holds; `None` is page 1.
fn listing_page(cursor: Option<&str>, what: &str) -> Result<u32, PullError> {
    match cursor {
        None => Ok(1),
        Some(text) => text.parse::<u32>().ok().filter(|page| *page >= 1).ok_or_else(|| PullError::Malformed {
            what: what.to_owned(),
            reason: format!(
                "the stored cursor {:?} is not a page number; `keepers sync --full` reads the list from the start",
                text.chars().take(80).collect::<String>()
            ),
        }),
    }
}

impl Pull for Freshdesk {
    fn source_name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> Source {
        Source::Freshdesk
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
        let what = format!("{} {}, page {page}", self.name, stream.name);
        let malformed = |reason: String| PullError::Malformed { what: what.clone(), reason };
        let per_page = PER_PAGE.to_string();
        if stream.name == "tickets" {
            let window = TicketWindow::from_cursor(cursor).map_err(|error| malformed(error.to_string()))?;
            let since = window.since_parameter();
            let number = window.page.to_string();
            let url = self.base.with(
                "/api/v2/tickets",
                &[
                    ("updated_since", since.as_str()),
                    ("order_by", "updated_at"),
                    ("order_type", "asc"),
                    ("per_page", &per_page),
                    ("page", &number),
                ],
            );
            let text = self.get_text(&url, &what, draws).await?;
            return decode_tickets(window, &text).map_err(|error| malformed(error.to_string()));
        }
        let number = listing_page(cursor, &what)?;
        let page_text = number.to_string();
        let paging = [("per_page", per_page.as_str()), ("page", page_text.as_str())];
        let url = match stream.name {
            "satisfaction_ratings" => self.base.with(
                "/api/v2/surveys/satisfaction_ratings",
                &[("created_since", RATINGS_SINCE), paging[0], paging[1]],
            ),
            listing => self.base.with(&format!("/api/v2/{listing}"), &paging),
        };
        let text = self.get_text(&url, &what, draws).await?;
        let decoded = match stream.name {
            "companies" => decode_companies(number, &text),
            "contacts" => decode_contacts(number, &text),
            _ => decode_satisfaction_ratings(number, &text),
        };
        decoded.map_err(|error| malformed(error.to_string()))
    }
}

/// Pushes a change to a Freshdesk ticket back to Freshdesk: its status,
/// priority and agent (`ticket_update`, as `PUT /api/v2/tickets/{id}`) or
/// a private note (`ticket_note`, as `POST /api/v2/tickets/{id}/notes`),
/// with the item's idempotency key in a header Freshdesk ignores: a note
/// whose answer was lost can arrive twice.
impl Connector for Freshdesk {
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
            return refused("the item names no Freshdesk ticket".into());
        };
        let (method, path, body) = match item.action {
            "ticket_update" => match ticket_fields(&payload) {
                Ok(fields) => (reqwest::Method::PUT, format!("/api/v2/tickets/{ticket}"), fields),
                Err(why) => return refused(why),
            },
            "ticket_note" => (
                reqwest::Method::POST,
                format!("/api/v2/tickets/{ticket}/notes"),
                serde_json::json!({ "body": payload["body"].as_str().unwrap_or_default(), "private": true }),
            ),
            other => {
                return refused(format!("Freshdesk takes ticket updates and private notes, not {other}"));
            }
        };
        let url = self.base.with(&path, &[]);
        let request = self
            .client
            .send_to(method, &url)
            .basic_auth(self.api_key.expose_secret(), Some(API_KEY_PASSWORD))
            .header("Idempotency-Key", item.key.as_str())
            .json(&body);
        match request.send().await {
            Ok(response) => push_outcome(response, "Freshdesk").await,
            Err(error) => request_failed(error),
        }
    }
}

/// A ticket update as Freshdesk numbers it: status 2 open, 3 pending, 4
/// resolved, 5 closed; priority 1 low to 4 urgent; the agent as
/// `responder_id` ("agent 42", as synced).
fn ticket_fields(payload: &serde_json::Value) -> Result<serde_json::Value, String> {
    let mut fields = serde_json::Map::new();
    if let Some(status) = payload["status"].as_str() {
        let number = match status {
            "new" | "open" => 2,
            "pending" => 3,
            "solved" => 4,
            "closed" => 5,
            other => {
                return Err(format!(
                    "Freshdesk has no status {other:?} by default: edit the item to open, pending, solved or closed"
                ));
            }
        };
        fields.insert("status".into(), number.into());
    }
    if let Some(priority) = payload["priority"].as_str() {
        let number = match priority {
            "low" => 1,
            "normal" => 2,
            "high" => 3,
            _ => 4,
        };
        fields.insert("priority".into(), number.into());
    }
    if let Some(agent) = payload["assignee"].as_str().map(str::trim).filter(|name| !name.is_empty()) {
        match crate::connectors::agent_id(agent) {
            Some(id) => fields.insert("responder_id".into(), id.into()),
            None => {
                return Err(format!(
                    "Freshdesk needs the agent as \"agent <id>\", not {agent:?}: edit the item (e on the Outbox screen)"
                ));
            }
        };
    }
    Ok(serde_json::Value::Object(fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectors::SourceConfig;

    #[derive(Deserialize)]
    struct Sources {
        source: Vec<SourceConfig>,
    }

    #[test]
    fn the_example_configuration_reads_as_a_freshdesk_source() {
        let example: Sources =
            toml::from_str(include_str!("../../../config/examples/freshdesk.toml")).expect("the example");
        let [SourceConfig::Freshdesk(config)] = example.source.as_slice() else {
            panic!("one Freshdesk source: {:?}", example.source);
        };
        assert_eq!(config.name, "freshdesk");
        assert_eq!(config.domain.as_deref(), Some("acme"));
        assert_eq!(config.token_env.as_deref(), Some("FRESHDESK_API_KEY"));
        assert_eq!(example.source[0].sync_every_minutes(), 15);
    }

    #[test]
    fn a_source_without_an_address_or_with_an_api_key_in_the_file_is_refused() {
        let config: FreshdeskConfig = toml::from_str("token_env = \"FRESHDESK_API_KEY\"").expect("a table");
        let error = Freshdesk::from_config(&config).expect_err("no address");
        assert_eq!(error.to_string(), "freshdesk: give domain = \"yourcompany\" (or base_url)");
        let key = toml::from_str::<FreshdeskConfig>("domain = \"acme\"\napi_key = \"secret\"");
        assert!(key.expect_err("a key in the file").to_string().contains("unknown field"));
    }

    #[test]
    fn a_listing_cursor_that_is_no_page_number_says_how_to_start_over() {
        assert_eq!(listing_page(None, "freshdesk companies, page 1").ok(), Some(1));
        assert_eq!(listing_page(Some("7"), "freshdesk companies, page 1").ok(), Some(7));
        let error = listing_page(Some("0"), "freshdesk companies, page 1").expect_err("page 0");
        assert!(
            error.to_string().starts_with("freshdesk companies, page 1: the stored cursor \"0\""),
            "{error}"
        );
        assert!(error.to_string().contains("--full"), "{error}");
    }
}
