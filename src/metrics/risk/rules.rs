//! Each rule's thresholds, and how it gathers its evidence from an account's
//! signals. Thresholds are inclusive: "no login for 30 days" fires at 30.
//!
//! Pure: the signals are read once by [`RiskModel::assess`](super::RiskModel::assess);
//! what fires is decided by [`Evidence::verdict`].

use jiff::Timestamp;
use jiff::civil::Date;

use crate::metrics::health::{Band, Change};
use crate::metrics::signals::{ActiveUsersChange, Champions, Detractors, Milestones, TicketLoad, whole_days};
use crate::model::time::days_between;

use super::Evidence;

/// Fires when the shown health score fell by at least `points` since the
/// stored snapshot of 30 days ago (or the nearest before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HealthDrop {
    pub points: u32,
}

impl HealthDrop {
    pub(super) fn check(self, change: Option<Change>) -> Evidence {
        Evidence::HealthDrop { when: self, change }
    }
}

/// Fires when an NPS answer of 0–6 was given in the last `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Detractor {
    pub days: u32,
}

impl Detractor {
    pub(super) fn check(self, found: Detractors, now: Timestamp) -> Evidence {
        let latest_days_ago = found.latest.map(|(at, _)| whole_days(at, now));
        Evidence::Detractor { when: self, found, latest_days_ago }
    }
}

/// Fires when active users in the latest usage snapshot are at least
/// `percent` % below those of the snapshot `weeks` weeks before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UsageDecline {
    pub percent: u32,
    pub weeks: u32,
}

impl UsageDecline {
    pub(super) fn check(self, change: Option<ActiveUsersChange>) -> Evidence {
        Evidence::UsageDecline { when: self, change }
    }
}

/// Fires when the renewal date is today or within the next `days` days and
/// the health band is poor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RenewalWithPoorHealth {
    pub days: u32,
}

impl RenewalWithPoorHealth {
    pub(super) fn check(
        self,
        renewal: Option<Date>,
        today: Date,
        band: Option<Band>,
        score: Option<u8>,
    ) -> Evidence {
        Evidence::RenewalWithPoorHealth {
            when: self,
            days_until: renewal.map(|renewal| days_between(today, renewal)),
            health: band.zip(score),
        }
    }
}

/// Fires when nobody has logged in for at least `days` days (by the usage
/// snapshots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoLogin {
    pub days: u32,
}

impl NoLogin {
    pub(super) fn check(self, days_without_login: Option<u32>) -> Evidence {
        Evidence::NoLogin { when: self, days_without_login }
    }
}

/// Fires when at least `tickets` urgent tickets are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UrgentTickets {
    pub tickets: u32,
}

impl UrgentTickets {
    pub(super) fn check(self, load: TicketLoad) -> Evidence {
        Evidence::UrgentTickets { when: self, load }
    }
}

/// Fires when at least `tickets` open tickets are past their SLA due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlaBreaches {
    pub tickets: u32,
}

impl SlaBreaches {
    pub(super) fn check(self, load: TicketLoad) -> Evidence {
        Evidence::SlaBreaches { when: self, load }
    }
}

/// Fires when the account has champions and none of them has been seen in
/// the last `days` days — the most recent sighting of any champion is at
/// least `days` old, or no champion has ever been seen. An account without
/// a champion has none to lose: no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChampionGone {
    pub days: u32,
}

impl ChampionGone {
    pub(super) fn check(self, champions: Champions, now: Timestamp) -> Evidence {
        Evidence::ChampionGone {
            when: self,
            champions: champions.champions,
            days_since_seen: champions.last_seen_at.map(|seen| whole_days(seen, now)),
        }
    }
}

/// Fires when an unpaid invoice is at least `days` days past its due date.
/// Nothing records invoices yet, so without that data it never fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OverdueInvoice {
    pub days: u32,
}

impl OverdueInvoice {
    /// `most_overdue_days`: how many days the most overdue unpaid invoice is
    /// past its due date (0 when none is overdue); `None` without invoice
    /// data.
    pub(super) fn check(self, most_overdue_days: Option<u32>) -> Evidence {
        Evidence::OverdueInvoice { when: self, most_overdue_days }
    }
}

/// Fires when at least `milestones` onboarding milestones are open past
/// their due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OnboardingOverdue {
    pub milestones: u32,
}

impl OnboardingOverdue {
    pub(super) fn check(self, milestones: Milestones, today: Date) -> Evidence {
        let oldest_days_overdue = milestones
            .oldest_due
            .map(|due| u32::try_from(days_between(due, today).max(0)).unwrap_or(u32::MAX));
        Evidence::OnboardingOverdue { when: self, milestones, oldest_days_overdue }
    }
}
