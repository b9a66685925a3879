//! `update` for `o`: the web page of the record on screen, made from the
//! `[links]` templates of keepers.toml. The console opens it in a browser
//! when keepers runs on a desktop of its own, and otherwise shows it and
//! copies it (over SSH a browser would open on the wrong machine); its
//! answer comes back as [`Action::LinkOpened`](super::Action::LinkOpened).

use super::{Effect, Outcome, set_error};
use crate::app::state::{Notice, Screen, State};
use crate::model::AccountSummary;

/// The `[links]` templates; `{id}`, `{external_id}` and `{domain}` are
/// filled in, an empty template means no page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkTemplates {
    pub account: String,
    pub ticket: String,
}

/// How the console handled a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    Opened,
    /// No local display: shown and copied instead.
    Copied,
    Failed(String),
}

pub(super) fn open(state: &mut State) -> Outcome {
    let link = match state.screen {
        Screen::AccountList => state.accounts.selected_row().map(|row| account_link(state, row, None)),
        Screen::Queues => state.queues.selected_row().map(|row| account_link(state, &row.account, None)),
        Screen::AccountDetail => state.detail.as_ref().map(|view| {
            let external = view
                .detail
                .as_ref()
                .and_then(|detail| detail.account.external_ids.first())
                .map(|reference| reference.id.to_string());
            account_link(state, &view.summary, external)
        }),
        Screen::Ticket => state.ticket.as_ref().map(|view| {
            let ticket = view.conversation.as_ref().map(|conversation| &conversation.ticket);
            let external =
                ticket.and_then(|ticket| ticket.external.as_ref()).map(|reference| reference.id.to_string());
            fill(&state.links.ticket, &view.ticket_id.0.to_string(), external.as_deref(), None)
        }),
        Screen::Dashboard | Screen::Tasks | Screen::Outbox => None,
    };
    match link {
        Some(Ok(url)) => {
            state.notice = Some(Notice { text: format!("Opening {url}"), is_error: false });
            Outcome::with(Effect::OpenLink { url })
        }
        Some(Err(why)) => {
            set_error(state, why);
            Outcome::redraw()
        }
        None => {
            set_error(state, "Nothing to open here: choose an account or a ticket".to_owned());
            Outcome::redraw()
        }
    }
}

fn account_link(state: &State, account: &AccountSummary, external: Option<String>) -> Result<String, String> {
    let domain = Some(account.domain.as_str()).filter(|domain| !domain.is_empty());
    fill(&state.links.account, &account.id.0.to_string(), external.as_deref(), domain)
}

/// The template with its placeholders filled, or why it cannot be.
fn fill(template: &str, id: &str, external: Option<&str>, domain: Option<&str>) -> Result<String, String> {
    if template.trim().is_empty() {
        return Err("No page for this record: set one under [links] in keepers.toml".to_owned());
    }
    let mut url = template.replace("{id}", id);
    for (placeholder, value, missing) in
        [("{external_id}", external, "it has no backend id here"), ("{domain}", domain, "it has no domain")]
    {
        if url.contains(placeholder) {
            let Some(value) = value else {
                return Err(format!("No page for this record: {missing} for [links] to use"));
            };
            url = url.replace(placeholder, value);
        }
    }
    Ok(url)
}

pub(super) fn opened(state: &mut State, url: &str, outcome: LinkOutcome) -> Outcome {
    state.notice = Some(match outcome {
        LinkOutcome::Opened => Notice { text: format!("Opened {url} in the browser"), is_error: false },
        LinkOutcome::Copied => {
            Notice { text: format!("No local display: copied {url} to the clipboard"), is_error: false }
        }
        LinkOutcome::Failed(why) => Notice { text: format!("Could not open {url}: {why}"), is_error: true },
    });
    Outcome::redraw()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_and_missing_values_are_named() {
        assert_eq!(fill("https://{domain}", "4", None, Some("acme.de")), Ok("https://acme.de".into()));
        assert_eq!(
            fill("https://crm/{id}/{external_id}", "4", Some("C-9"), None),
            Ok("https://crm/4/C-9".into())
        );
        assert_eq!(
            fill("https://crm/{external_id}", "4", None, None),
            Err("No page for this record: it has no backend id here for [links] to use".into())
        );
        assert!(fill(" ", "4", None, None).unwrap_err().contains("[links]"));
    }
}
