//! What every source's connector starts from, whatever the backend: its
//! API's address (checked: HTTPS, or loopback), its secret (resolved as
//! `config::credentials` says), and the shared HTTP client; and reading a
//! page of it as text. The three setups and their errors were one and the
//! same, so they are one here.

use secrecy::SecretString;

use super::http::{BackendUrl, HttpClient};
use super::{ConnectorError, PullError};
use crate::config::credentials::{CredentialError, CredentialSource};
use crate::sync::backoff::RandomDraws;
use crate::sync::fetch::get_page;

/// A source's address, secret and client, ready to read from.
pub struct SourceAccess {
    pub client: HttpClient,
    pub base: BackendUrl,
    pub secret: SecretString,
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The configuration names no address; `hint` says which key gives one.
    #[error("{name}: give {hint} (or base_url)")]
    NoAddress { name: String, hint: &'static str },
    #[error("{name}: {error}")]
    Url { name: String, error: ConnectorError },
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error("{name}: {error}")]
    Client { name: String, error: ConnectorError },
}

impl SourceAccess {
    /// The access of source `name` at `address` (`Err(hint)` when the
    /// configuration gives none), with its secret from `credentials`.
    pub fn open(
        name: &str,
        address: Result<String, &'static str>,
        credentials: &CredentialSource,
    ) -> Result<SourceAccess, SetupError> {
        let address = address.map_err(|hint| SetupError::NoAddress { name: name.to_owned(), hint })?;
        let base =
            BackendUrl::parse(&address).map_err(|error| SetupError::Url { name: name.to_owned(), error })?;
        let secret = credentials.resolve(name)?;
        let client =
            HttpClient::new().map_err(|error| SetupError::Client { name: name.to_owned(), error })?;
        Ok(SourceAccess { client, base, secret })
    }
}

/// The body of a GET that `request` makes (retried as `get_page` does), as
/// text; `what` names the page in errors.
pub async fn fetch_text(
    request: impl Fn() -> reqwest::RequestBuilder,
    what: &str,
    draws: &mut RandomDraws,
) -> Result<String, PullError> {
    let body = get_page(request, what, draws).await?;
    String::from_utf8(body)
        .map_err(|_| PullError::Malformed { what: what.to_owned(), reason: "the page is not UTF-8".into() })
}
