//! Daily health snapshots, taken when a workspace is opened (there is no
//! daemon): the first open of a day scores every account and saves the
//! scores, which give the 30-day change and the trend.
//!
//! A workspace with no score to compare with 30 days back (a new one) is
//! backfilled with weekly scores back to 30 days ago, computed as of those
//! days from the records' own dates, so the 30-day change works from the
//! first day.
//! Account fields that have no history (stage, plan) are taken as they
//! are now.

use jiff::Timestamp;

use crate::config::health::HealthConfig;
use crate::metrics::Facts;
use crate::model::time::{add_days_to, utc_date};
use crate::model::{AccountId, group_thousands};
use crate::store::{Store, StoreError};

/// Days back from today that a first backfill scores.
const BACKFILL_DAYS: [i64; 4] = [30, 21, 14, 7];

/// Saves today's scores unless they are saved already; returns how many
/// days were written (0, 1, or 5 for a first backfill).
pub fn record_today(store: &mut Store, models: &HealthConfig, now: Timestamp) -> Result<usize, StoreError> {
    if store.has_health_snapshot(utc_date(now))? {
        return Ok(0);
    }
    let facts = store.load_facts(utc_date(now))?;
    let mut instants: Vec<Timestamp> = Vec::new();
    if facts.health.is_empty() {
        instants.extend(BACKFILL_DAYS.iter().map(|days| add_days_to(now, -days)));
    }
    instants.push(now);
    for at in &instants {
        let scores = scores_at(&facts, models, *at);
        let written = store.save_health_snapshots(utc_date(*at), &scores)?;
        tracing::info!(day = %utc_date(*at), accounts = %group_thousands(written as u64), "saved health scores");
    }
    Ok(instants.len())
}

fn scores_at(facts: &Facts, models: &HealthConfig, at: Timestamp) -> Vec<(AccountId, u8)> {
    facts
        .per_account()
        .filter_map(|account| {
            let score = models.health.score(account, at).shown_score()?;
            Some((account.account.account, score))
        })
        .collect()
}
