//! Writing weekly usage snapshots for paying accounts: up to 26 weeks, the
//! latest dated the day before the anchor. The account's usage trend shapes
//! the series — steady, ramping up after a purchase, down by 30 % or more
//! over the last four weeks, or gone quiet with no logins at all.

use crate::model::UsageSnapshot;
use crate::store::StoreError;

use super::anchor::{DAY, WEEK};
use super::profile::UsageTrend;
use super::random::Rng;
use super::writer::{AccountRecord, Writer};

const WEEKS: i64 = 26;

/// Share of normal usage in each of the last four weeks of a declining
/// account, latest first: even with the weekly noise, the latest week and
/// the four-week average are both at least 30 % below the weeks before.
const DECLINE: [f64; 4] = [0.3, 0.4, 0.55, 0.7];

/// Week-to-week noise (the spread of a bell draw): steady accounts wobble,
/// while a declining series stays tight enough to show its decline.
const STEADY_NOISE: f64 = 0.06;
const DECLINE_NOISE: f64 = 0.03;

pub(super) fn write_usage(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let Some(term_start) = profile.term_started_at().filter(|_| profile.is_paying()) else {
        return Ok(());
    };
    // A snapshot `weeks_ago` weeks back is dated (1 + 7 × weeks_ago) days
    // before the anchor; only weeks after the purchase have one.
    let weeks = ((-term_start - DAY) / WEEK + 1).clamp(0, WEEKS);
    let seats = f64::from(profile.seats);
    let active_share = 0.35 + 0.55 * profile.health;
    let logins_per_user = 3.0 + 3.0 * rng.unit();
    let key_uses_per_user = 0.5 + 3.0 * profile.health;
    // Steady accounts drift gently, between -0.3 % and +1 % a week: never
    // enough to look like a decline over four weeks.
    let weekly_drift = -0.003 + 0.013 * rng.unit();
    let spread = match profile.usage_trend {
        UsageTrend::Declining => DECLINE_NOISE,
        _ => STEADY_NOISE,
    };
    for weeks_ago in (0..weeks).rev() {
        let days_ago = 1 + 7 * weeks_ago;
        let trend = match profile.usage_trend {
            UsageTrend::Steady => 1.0 - weekly_drift * weeks_ago as f64,
            UsageTrend::Ramping => (0.25 + 0.15 * (weeks - 1 - weeks_ago) as f64).min(1.0),
            UsageTrend::Declining => DECLINE.get(weeks_ago as usize).copied().unwrap_or(1.0),
            UsageTrend::Dormant { quiet_days } if days_ago < quiet_days => 0.0,
            UsageTrend::Dormant { .. } => 0.5,
        };
        let noise = 1.0 + spread * rng.bell();
        let users = seats * active_share * trend * noise;
        writer.sink.usage(&UsageSnapshot {
            account_id: account.id,
            day: writer.anchor.day(-days_ago),
            active_users: (users.round() as u32).min(profile.seats),
            seats: profile.seats,
            logins: (users * logins_per_user).round() as u32,
            key_feature_uses: (users * key_uses_per_user).round() as u32,
        })?;
    }
    Ok(())
}
