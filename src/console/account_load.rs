//! The reads behind the account view and the ticket view, each one effect on
//! the blocking pool: every record of the account plus its health score,
//! explanation, trend and churn risk; or a ticket with its conversation
//! wrapped for the screen.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::app::ticket::Conversation;
use crate::app::{AccountDetail, AccountHealth, RiskReason};
use crate::config::health::HealthConfig;
use crate::metrics::HealthPoint;
use crate::metrics::health::daily_scores;
use crate::metrics::nps;
use crate::model::time::utc_date;
use crate::model::{AccountId, Money, Purchase, SurveyAnswer, TicketId};
use crate::store::{Store, StoreError};

/// How many timeline events the account view loads.
const TIMELINE_LIMIT: usize = 2_000;

/// Days of saved health scores the header's sparkline shows.
const TREND_DAYS: usize = 30;

pub(super) fn load_detail(
    store: &Store,
    models: &HealthConfig,
    id: AccountId,
    now: Timestamp,
) -> Result<AccountDetail, String> {
    let read = || -> Result<Option<AccountDetail>, StoreError> {
        let Some(account) = store.account(id)? else {
            return Ok(None);
        };
        let surveys = store.surveys_of(id)?;
        let nps = nps(surveys.iter().filter_map(|survey| match survey.answer {
            SurveyAnswer::Nps(score) => Some(i64::from(score)),
            _ => None,
        }));
        let purchases = store.purchases_of(id)?;
        let Some(health) = account_health(store, models, id, now)? else {
            return Ok(None);
        };
        Ok(Some(AccountDetail {
            contacts: store.contacts_of(id)?,
            timeline: store.timeline(id, TIMELINE_LIMIT)?,
            tickets: store.tickets_of(id)?,
            surveys,
            nps,
            lifetime_value: lifetime_value(&purchases),
            purchases,
            usage: store.usage_of(id)?,
            tasks: store.tasks_of(id)?,
            notes: store.notes_of(id)?,
            meddic: store.meddic_of(id)?,
            health,
            account,
        }))
    };
    match read() {
        Ok(Some(detail)) => Ok(detail),
        Ok(None) => Err(format!("account {id} is no longer in the workspace")),
        Err(error) => Err(error.to_string()),
    }
}

/// What `keepers health ACCOUNT --explain` prints, as data.
fn account_health(
    store: &Store,
    models: &HealthConfig,
    id: AccountId,
    now: Timestamp,
) -> Result<Option<AccountHealth>, StoreError> {
    let facts = store.load_account_facts(id, utc_date(now))?;
    let scored = facts.per_account().next().map(|view| {
        let health = models.health.score(view, now);
        (health, models.risk.assess(view, &health, now))
    });
    // No facts: the account was deleted between the two reads.
    let Some((health, risk)) = scored else {
        return Ok(None);
    };
    let history: Vec<HealthPoint> = store
        .health_history(id)?
        .into_iter()
        .map(|(day, score)| HealthPoint { account: id, day, score })
        .collect();
    let risk_reasons = risk
        .reasons()
        .map(|outcome| RiskReason {
            weight: outcome.weight,
            reason: models.risk.rule(outcome.rule).reason.to_string(),
            evidence: outcome.evidence.to_string(),
        })
        .collect();
    Ok(Some(AccountHealth {
        explanation: health.explanation(),
        trend: daily_scores(&history, utc_date(now), TREND_DAYS),
        risk_level: risk.level(),
        risk_weight: risk.total_weight(),
        risk_reasons,
    }))
}

/// The sum of the purchases in each currency, largest first.
fn lifetime_value(purchases: &[Purchase]) -> Vec<Money> {
    let mut totals = BTreeMap::new();
    for purchase in purchases {
        let total = totals.entry(purchase.amount.currency).or_insert(0_i64);
        *total = total.saturating_add(purchase.amount.minor);
    }
    let mut totals: Vec<Money> =
        totals.into_iter().map(|(currency, minor)| Money::new(minor, currency)).collect();
    totals.sort_by_key(|money| std::cmp::Reverse(money.minor));
    totals
}

pub(super) fn load_conversation(store: &Store, id: TicketId, width: u16) -> Result<Conversation, String> {
    let read = || -> Result<Option<Conversation>, StoreError> {
        let Some(ticket) = store.ticket(id)? else {
            return Ok(None);
        };
        let comments = store.comments_of(id)?;
        let requester = match ticket.requester_id {
            Some(contact) => store
                .contacts_of(ticket.account_id)?
                .into_iter()
                .find(|candidate| candidate.id == contact)
                .map(|found| found.name.to_string()),
            None => None,
        };
        Ok(Some(Conversation::new(ticket, requester, &comments, width)))
    };
    match read() {
        Ok(Some(conversation)) => Ok(conversation),
        Ok(None) => Err(format!("ticket #{id} is no longer in the workspace")),
        Err(error) => Err(error.to_string()),
    }
}
