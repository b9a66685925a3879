//! Where each outbox item goes: a change to a record that came from a
//! backend which takes changes back (a Zendesk or Freshdesk ticket's
//! fields and notes; a note, task or call on a HubSpot company's account)
//! goes to that backend; everything else to the `[push]` webhook, if one is
//! configured. The pusher holds one `Router` and never needs to know which.

use super::freshdesk::Freshdesk;
use super::hubspot::{HubSpot, PUSHED_ACTIONS};
use super::zendesk::Zendesk;
use super::{Connector, PushOutcome, WebhookConnector};
use crate::model::{FieldCap, OutboxItem, SafeText};

#[derive(Debug, Default)]
pub struct Router {
    pub webhook: Option<WebhookConnector>,
    pub zendesk: Option<Zendesk>,
    pub freshdesk: Option<Freshdesk>,
    pub hubspot: Option<HubSpot>,
}

impl Router {
    /// Whether anything is configured to push to.
    pub fn is_empty(&self) -> bool {
        self.webhook.is_none() && self.zendesk.is_none() && self.freshdesk.is_none() && self.hubspot.is_none()
    }
}

impl Connector for Router {
    fn name(&self) -> &str {
        "backends"
    }

    async fn push(&self, item: &OutboxItem) -> PushOutcome {
        let source = serde_json::from_str::<serde_json::Value>(&item.payload)
            .ok()
            .and_then(|payload| payload["external"]["source"].as_str().map(str::to_owned));
        // A HubSpot ticket's changes carry HubSpot's ref too, but HubSpot
        // takes only notes, tasks and calls: the rest go to the webhook.
        let hubspot = self.hubspot.as_ref().filter(|_| PUSHED_ACTIONS.contains(&item.action));
        match (source.as_deref(), &self.zendesk, &self.freshdesk, hubspot, &self.webhook) {
            (Some("zendesk"), Some(zendesk), _, _, _) => zendesk.push(item).await,
            (Some("freshdesk"), _, Some(freshdesk), _, _) => freshdesk.push(item).await,
            (Some("hubspot"), _, _, Some(hubspot), _) => hubspot.push(item).await,
            (_, _, _, _, Some(webhook)) => webhook.push(item).await,
            _ => PushOutcome::Permanent {
                message: SafeText::line(
                    "no configured backend takes this action: add [push] or its [[source]] to keepers.toml",
                    FieldCap::SUBJECT,
                ),
            },
        }
    }
}
