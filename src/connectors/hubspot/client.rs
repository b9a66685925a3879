//! The HubSpot connector's HTTP side, signed in with a private app's access
//! token as a bearer token. Companies, contacts, deals and tickets are read
//! incrementally through the search endpoint (`search`: what changed since
//! the last sync, its 10,000-result cap handled by moving the window); the
//! smaller objects (feedback, notes, calls, e-mails, meetings) are CRM v3
//! object lists read whole at every sync (`GET /crm/v3/objects/{object}?
//! limit=100&properties=…&associations=…`, then `&after=`). Upserts on
//! (source, HubSpot id) make a record read again change nothing. Decoding
//! is `decode`'s.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::OnceCell;

use super::decode::{
    decode_companies, decode_contacts, decode_deals, decode_engagements, decode_feedback_submissions,
    decode_tickets, properties,
};
use super::push::creation;
use super::reader::CrmObject;
use super::search;
use crate::config::credentials::CredentialSource;
use crate::connectors::access::fetch_text;
use crate::connectors::access::{SetupError, SourceAccess};
use crate::connectors::http::{BackendUrl, HttpClient, push_outcome, request_failed};
use crate::connectors::records::Page;
use crate::connectors::{Connector, Pull, PullError, PushOutcome, Stream};
use crate::model::{Currency, FieldCap, OutboxItem, SafeText, Source};
use crate::sync::backoff::RandomDraws;
use crate::sync::fetch::get_page;

/// Records a page asks for: the most HubSpot's list endpoints give.
const PAGE_SIZE: &str = "100";

/// The streams, each named after the CRM object it lists, companies first
/// so that the people, deals, tickets and activities after them find their
/// account.
const STREAMS: &[Stream] = &[
    Stream { name: "companies", incremental: true },
    Stream { name: "contacts", incremental: true },
    Stream { name: "deals", incremental: true },
    Stream { name: "tickets", incremental: true },
    Stream { name: "feedback_submissions", incremental: false },
    Stream { name: "notes", incremental: false },
    Stream { name: "calls", incremental: false },
    Stream { name: "emails", incremental: false },
    Stream { name: "meetings", incremental: false },
];

/// A `[[source]]` of `kind = "hubspot"` in keepers.toml.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HubSpotConfig {
    /// What keepers calls this source (cursors, messages): "hubspot".
    #[serde(default = "default_name")]
    pub name: String,
    /// The API's address: HubSpot's own unless a proxy or a test server
    /// stands in.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// The private app's access token, from one of these.
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
    "hubspot".to_owned()
}

fn default_base_url() -> String {
    "https://api.hubapi.com".to_owned()
}

/// What `/account-info/v3/details` says of the portal.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountDetails {
    portal_id: u64,
    company_currency: Option<String>,
}

pub struct HubSpot {
    name: String,
    client: HttpClient,
    base: BackendUrl,
    token: SecretString,
    /// The portal's currency, for deals that name none; asked for once, at
    /// the first page of deals.
    portal_currency: OnceCell<Currency>,
}

impl std::fmt::Debug for HubSpot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("HubSpot").field("name", &self.name).field("base", &self.base.as_str()).finish()
    }
}

impl HubSpot {
    pub fn from_config(config: &HubSpotConfig) -> Result<HubSpot, SetupError> {
        let credentials = CredentialSource {
            token_cmd: config.token_cmd.clone(),
            token_env: config.token_env.clone(),
            token_keyring: config.token_keyring.clone(),
            token_file: config.token_file.clone(),
        };
        let SourceAccess { client, base, secret: token } =
            SourceAccess::open(&config.name, Ok(config.base_url.clone()), &credentials)?;
        Ok(HubSpot { name: config.name.clone(), client, base, token, portal_currency: OnceCell::new() })
    }

    fn url(&self, object: CrmObject, cursor: Option<&str>) -> BackendUrl {
        let path = format!("/crm/v3/objects/{}", object.path_name());
        let wanted = properties(object).join(",");
        let associations = match object {
            CrmObject::Companies => None,
            CrmObject::Contacts | CrmObject::Deals => Some("companies"),
            CrmObject::FeedbackSubmissions => Some("companies,contacts,tickets"),
            _ => Some("companies,contacts"),
        };
        let mut query = vec![("limit", PAGE_SIZE), ("properties", wanted.as_str())];
        query.extend(associations.map(|associations| ("associations", associations)));
        query.extend(cursor.map(|after| ("after", after)));
        self.base.with(&path, &query)
    }

    async fn get(&self, url: &BackendUrl, what: &str, draws: &mut RandomDraws) -> Result<String, PullError> {
        let request = || self.client.get(url).bearer_auth(self.token.expose_secret());
        fetch_text(request, what, draws).await
    }

    async fn account_details(&self, draws: &mut RandomDraws) -> Result<AccountDetails, PullError> {
        let what = format!("{} account details", self.name);
        let url = self.base.with("/account-info/v3/details", &[]);
        let body = self.get(&url, &what, draws).await?;
        serde_json::from_str(&body).map_err(|error| PullError::Malformed { what, reason: error.to_string() })
    }

    /// Signs in and reads which portal the token belongs to: the check
    /// `keepers doctor` makes. The portal's id and currency.
    pub async fn check(&self, draws: &mut RandomDraws) -> Result<String, PullError> {
        let details = self.account_details(draws).await?;
        let currency = details.company_currency.as_deref().unwrap_or("no currency given");
        Ok(format!("portal {} ({currency})", details.portal_id))
    }

    async fn portal_currency(&self, draws: &mut RandomDraws) -> Result<Currency, PullError> {
        let currency = self
            .portal_currency
            .get_or_try_init(|| async {
                let details = self.account_details(draws).await?;
                let code = details.company_currency.unwrap_or_default();
                code.parse::<Currency>().map_err(|_| PullError::Malformed {
                    what: format!("{} account details", self.name),
                    reason: format!("companyCurrency {code:?} is not a currency code"),
                })
            })
            .await?;
        Ok(*currency)
    }
}

impl Pull for HubSpot {
    fn source_name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> Source {
        Source::Hubspot
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
        let Some(object) = CrmObject::ALL.into_iter().find(|object| object.path_name() == stream.name) else {
            return Err(PullError::Malformed { what, reason: "HubSpot has no such stream".into() });
        };
        if search::searched(object) {
            return self.search(object, cursor, &what, draws).await;
        }
        let body = self.get(&self.url(object, cursor), &what, draws).await?;
        self.decode(object, &body, &what, draws).await
    }
}

impl HubSpot {
    async fn decode(
        &self,
        object: CrmObject,
        body: &str,
        what: &str,
        draws: &mut RandomDraws,
    ) -> Result<Page, PullError> {
        let decoded = match object {
            CrmObject::Companies => decode_companies(body),
            CrmObject::Contacts => decode_contacts(body),
            CrmObject::Deals => decode_deals(body, self.portal_currency(draws).await?),
            CrmObject::Tickets => decode_tickets(body),
            CrmObject::FeedbackSubmissions => decode_feedback_submissions(body),
            engagement => decode_engagements(engagement, body),
        };
        decoded.map_err(|error| PullError::Malformed { what: what.to_owned(), reason: error.to_string() })
    }

    /// A POST of `body` to `path`, answered with JSON.
    async fn post(
        &self,
        path: &str,
        body: &Value,
        what: &str,
        draws: &mut RandomDraws,
    ) -> Result<Value, PullError> {
        let url = self.base.with(path, &[]);
        let request = || {
            self.client
                .send_to(reqwest::Method::POST, &url)
                .bearer_auth(self.token.expose_secret())
                .json(body)
        };
        let answer = get_page(request, what, draws).await?;
        serde_json::from_slice(&answer)
            .map_err(|error| PullError::Malformed { what: what.to_owned(), reason: error.to_string() })
    }

    /// The page of what changed in `object` at `cursor`, with its
    /// associations, and the cursor after it.
    async fn search(
        &self,
        object: CrmObject,
        cursor: Option<&str>,
        what: &str,
        draws: &mut RandomDraws,
    ) -> Result<Page, PullError> {
        let malformed = |reason: String| PullError::Malformed { what: what.to_owned(), reason };
        let at = search::SearchCursor::parse(cursor).map_err(malformed)?;
        let path = format!("/crm/v3/objects/{}/search", object.path_name());
        let mut page = self.post(&path, &search::search_body(object, &at), what, draws).await?;
        let ids = search::result_ids(&page);
        if !ids.is_empty() {
            for &to in search::associated(object) {
                let path =
                    format!("/crm/v4/associations/{}/{}/batch/read", object.path_name(), to.path_name());
                let links = self.post(&path, &search::associations_body(&ids), what, draws).await?;
                search::attach_associations(&mut page, to, &links);
            }
        }
        let (next, end) = search::next_cursor(&at, &page);
        let body = json!({ "results": page["results"].clone() }).to_string();
        let mut decoded = self.decode(object, &body, what, draws).await?;
        decoded.next = Some(next.text());
        decoded.end_of_stream = end;
        Ok(decoded)
    }
}

/// Creates a note, task or call in HubSpot under the account's company, as
/// `push` builds it, with the item's idempotency key in a header HubSpot
/// documents no use for and may ignore: a note whose answer was lost can
/// arrive twice.
impl Connector for HubSpot {
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
        let creation = match creation(item.action, &payload, item.created_at) {
            Ok(creation) => creation,
            Err(why) => return refused(why),
        };
        let url = self.base.with(creation.path, &[]);
        let request = self
            .client
            .post(&url)
            .bearer_auth(self.token.expose_secret())
            .header("Idempotency-Key", item.key.as_str())
            .json(&creation.body);
        match request.send().await {
            Ok(response) => push_outcome(response, "HubSpot").await,
            Err(error) => request_failed(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectors::SourceConfig;

    #[test]
    fn a_hubspot_source_needs_only_its_token() {
        let config: SourceConfig =
            toml::from_str("kind = \"hubspot\"\ntoken_env = \"HUBSPOT_TOKEN\"").expect("a hubspot table");
        let SourceConfig::Hubspot(hubspot) = config else { panic!("not hubspot: {config:?}") };
        assert_eq!(hubspot.name, "hubspot");
        assert_eq!(hubspot.base_url, "https://api.hubapi.com");
        assert_eq!(hubspot.sync_every_minutes, 0);
        let secret = toml::from_str::<SourceConfig>("kind = \"hubspot\"\ntoken = \"pat-na1-…\"");
        assert!(secret.expect_err("a token in the file").to_string().contains("unknown field"));
    }

    #[test]
    fn the_example_configuration_reads() {
        #[derive(Deserialize)]
        struct Example {
            source: Vec<SourceConfig>,
        }
        let example: Example =
            toml::from_str(include_str!("../../../config/examples/hubspot.toml")).expect("the example reads");
        let [SourceConfig::Hubspot(hubspot)] = example.source.as_slice() else {
            panic!("one hubspot source")
        };
        assert_eq!((hubspot.token_env.as_deref(), hubspot.sync_every_minutes), (Some("HUBSPOT_TOKEN"), 60));
    }

    #[test]
    fn each_stream_lists_its_object_with_properties_associations_and_the_cursor() {
        let config = HubSpotConfig {
            name: "hubspot".into(),
            base_url: "http://127.0.0.1:9/".into(),
            token_cmd: Some("echo pat-test".into()),
            token_env: None,
            token_keyring: None,
            token_file: None,
            sync_every_minutes: 0,
        };
        let hubspot = HubSpot::from_config(&config).expect("a connector");
        assert!(!format!("{hubspot:?}").contains("pat-test"), "the token is never shown");
        let url = hubspot.url(CrmObject::Tickets, Some("NTI1Cg=="));
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/crm/v3/objects/tickets?limit=100&properties=subject%2Chs_pipeline%2C\
             hs_pipeline_stage%2Chs_ticket_priority%2Csource_type%2Chubspot_owner_id%2Ccreatedate%2C\
             hs_lastmodifieddate%2Cclosed_date&associations=companies%2Ccontacts&after=NTI1Cg%3D%3D"
        );
        let first = hubspot.url(CrmObject::Companies, None);
        assert!(!first.as_str().contains("after=") && !first.as_str().contains("associations="), "{first}");
    }
}
