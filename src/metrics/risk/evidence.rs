//! Evidence: the values a rule was checked on, with its thresholds, from
//! which its verdict follows — fired, clear, or no data — and the sentence a
//! screen shows beside its reason ("no login for 41 days (threshold 30)").
//!
//! Pure data; the sentence is built only when displayed.

use std::fmt;

use crate::metrics::health::{Band, Change};
use crate::metrics::signals::{ActiveUsersChange, Detractors, Milestones, TicketLoad};

use super::RiskRule;
use super::rules::{
    ChampionGone, Detractor, HealthDrop, NoLogin, OnboardingOverdue, OverdueInvoice, RenewalWithPoorHealth,
    SlaBreaches, UrgentTickets, UsageDecline,
};

/// What came of checking a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Fired,
    Clear,
    /// The account lacks the records the rule reads; it never fires then.
    NoData,
}

/// One rule's thresholds and the values it was checked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    HealthDrop {
        when: HealthDrop,
        change: Option<Change>,
    },
    Detractor {
        when: Detractor,
        found: Detractors,
        latest_days_ago: Option<u32>,
    },
    UsageDecline {
        when: UsageDecline,
        change: Option<ActiveUsersChange>,
    },
    /// `days_until` is negative for a renewal date that has passed.
    RenewalWithPoorHealth {
        when: RenewalWithPoorHealth,
        days_until: Option<i64>,
        health: Option<(Band, u8)>,
    },
    NoLogin {
        when: NoLogin,
        days_without_login: Option<u32>,
    },
    UrgentTickets {
        when: UrgentTickets,
        load: TicketLoad,
    },
    SlaBreaches {
        when: SlaBreaches,
        load: TicketLoad,
    },
    ChampionGone {
        when: ChampionGone,
        champions: u32,
        days_since_seen: Option<u32>,
    },
    OverdueInvoice {
        when: OverdueInvoice,
        most_overdue_days: Option<u32>,
    },
    OnboardingOverdue {
        when: OnboardingOverdue,
        milestones: Milestones,
        oldest_days_overdue: Option<u32>,
    },
}

impl Evidence {
    pub fn rule(&self) -> RiskRule {
        match self {
            Evidence::HealthDrop { .. } => RiskRule::HealthDrop,
            Evidence::Detractor { .. } => RiskRule::Detractor,
            Evidence::UsageDecline { .. } => RiskRule::UsageDecline,
            Evidence::RenewalWithPoorHealth { .. } => RiskRule::RenewalWithPoorHealth,
            Evidence::NoLogin { .. } => RiskRule::NoLogin,
            Evidence::UrgentTickets { .. } => RiskRule::UrgentTickets,
            Evidence::SlaBreaches { .. } => RiskRule::SlaBreaches,
            Evidence::ChampionGone { .. } => RiskRule::ChampionGone,
            Evidence::OverdueInvoice { .. } => RiskRule::OverdueInvoice,
            Evidence::OnboardingOverdue { .. } => RiskRule::OnboardingOverdue,
        }
    }

    pub fn verdict(&self) -> Verdict {
        let fired = match *self {
            Evidence::HealthDrop { when, change } => match change {
                None => return Verdict::NoData,
                Some(change) => -i64::from(change.points()) >= i64::from(when.points),
            },
            Evidence::Detractor { found, .. } if found.nps_answers == 0 => return Verdict::NoData,
            Evidence::Detractor { found, .. } => found.detractors > 0,
            Evidence::UsageDecline { when, change } => match change.filter(|change| change.earlier > 0) {
                None => return Verdict::NoData,
                // Down by at least `percent` % of the earlier count, in integers.
                Some(change) => {
                    100 * (i64::from(change.earlier) - i64::from(change.latest))
                        >= i64::from(when.percent) * i64::from(change.earlier)
                }
            },
            Evidence::RenewalWithPoorHealth { when, days_until, health } => match (days_until, health) {
                (Some(days), Some((band, _))) => {
                    (0..=i64::from(when.days)).contains(&days) && band == Band::Poor
                }
                _ => return Verdict::NoData,
            },
            Evidence::NoLogin { when, days_without_login } => match days_without_login {
                None => return Verdict::NoData,
                Some(days) => days >= when.days,
            },
            Evidence::UrgentTickets { load, .. } | Evidence::SlaBreaches { load, .. }
                if load.tickets == 0 =>
            {
                return Verdict::NoData;
            }
            Evidence::UrgentTickets { when, load } => load.urgent >= when.tickets,
            Evidence::SlaBreaches { when, load } => load.past_sla >= when.tickets,
            Evidence::ChampionGone { champions: 0, .. } => return Verdict::NoData,
            Evidence::ChampionGone { when, days_since_seen, .. } => {
                days_since_seen.is_none_or(|days| days >= when.days)
            }
            Evidence::OverdueInvoice { when, most_overdue_days } => match most_overdue_days {
                None => return Verdict::NoData,
                Some(days) => days > 0 && days >= when.days,
            },
            Evidence::OnboardingOverdue { milestones, .. } if milestones.milestones == 0 => {
                return Verdict::NoData;
            }
            Evidence::OnboardingOverdue { when, milestones, .. } => milestones.overdue >= when.milestones,
        };
        if fired { Verdict::Fired } else { Verdict::Clear }
    }
}

impl fmt::Display for Evidence {
    /// The values behind the verdict, with the threshold.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Evidence::HealthDrop { change: None, .. } => {
                f.write_str("no stored health score from 30 days ago")
            }
            Evidence::HealthDrop { when, change: Some(change) } => {
                let (before, now, points) = (change.before, change.now, change.points());
                let moved = match points {
                    0 => format!("health held at {now}"),
                    ..0 => format!("health fell {} points, {before} → {now}", -points),
                    _ => format!("health rose {points} points, {before} → {now}"),
                };
                write!(f, "{moved} since {} (threshold: a fall of {})", change.since, when.points)
            }
            Evidence::Detractor { when, found, latest_days_ago } => match (found.latest, latest_days_ago) {
                _ if found.nps_answers == 0 => write!(f, "no NPS answer in the last {} days", when.days),
                (Some((_, score)), Some(days_ago)) => write!(
                    f,
                    "{} in the last {} days, the latest scored {score}, {}",
                    count(found.detractors, "detractor", "detractors"),
                    when.days,
                    ago(days_ago)
                ),
                _ => write!(
                    f,
                    "no detractor among {} in the last {} days",
                    count(found.nps_answers, "NPS answer", "NPS answers"),
                    when.days
                ),
            },
            Evidence::UsageDecline { when, change } => match change {
                None => {
                    write!(f, "no usage snapshot {} before the latest to compare with", weeks(when.weeks))
                }
                Some(change) if change.earlier == 0 => {
                    write!(
                        f,
                        "no active users {} before the latest snapshot to compare with",
                        weeks(when.weeks)
                    )
                }
                Some(change) => {
                    let (earlier, latest) = (u64::from(change.earlier), u64::from(change.latest));
                    // Rounded down, so the shown share never reaches the
                    // threshold unless the exact one does.
                    let percent = 100 * earlier.abs_diff(latest) / earlier;
                    let direction = if latest < earlier { "down" } else { "up" };
                    write!(
                        f,
                        "active users {direction} {percent} % over {}, {earlier} → {latest} (threshold: down {} %)",
                        weeks(when.weeks),
                        when.percent
                    )
                }
            },
            Evidence::RenewalWithPoorHealth { when, days_until, health } => match (days_until, health) {
                (None, _) => f.write_str("no renewal date"),
                (_, None) => f.write_str("no health score"),
                (Some(days), Some((band, score))) if days < 0 => {
                    write!(f, "the renewal date passed {}, health {band} ({score})", ago(days.unsigned_abs()))
                }
                (Some(days), Some((band, score))) => write!(
                    f,
                    "renewal in {}, health {band} ({score}) (threshold: within {} days at poor health)",
                    count(days.unsigned_abs(), "day", "days"),
                    when.days
                ),
            },
            Evidence::NoLogin { when, days_without_login } => match days_without_login {
                None => f.write_str("no usage data"),
                Some(days) if days >= when.days => {
                    write!(f, "no login for {} (threshold {})", count(days, "day", "days"), when.days)
                }
                Some(days) => write!(f, "last login {} (threshold {} days)", ago(days), when.days),
            },
            Evidence::UrgentTickets { load, .. } | Evidence::SlaBreaches { load, .. }
                if load.tickets == 0 =>
            {
                f.write_str("no tickets")
            }
            Evidence::UrgentTickets { when, load } => write!(
                f,
                "{} open (threshold {})",
                count(load.urgent, "urgent ticket", "urgent tickets"),
                when.tickets
            ),
            Evidence::SlaBreaches { when, load } => write!(
                f,
                "{} past their SLA (threshold {})",
                count(load.past_sla, "open ticket", "open tickets"),
                when.tickets
            ),
            Evidence::ChampionGone { champions: 0, .. } => f.write_str("no champion on record"),
            Evidence::ChampionGone { when, champions, days_since_seen } => match days_since_seen {
                None => write!(
                    f,
                    "no champion has ever been seen ({}; threshold {} days)",
                    count(champions, "champion", "champions"),
                    when.days
                ),
                Some(days) => write!(
                    f,
                    "a champion was last seen {} ({}; threshold {} days)",
                    ago(days),
                    count(champions, "champion", "champions"),
                    when.days
                ),
            },
            Evidence::OverdueInvoice { when, most_overdue_days } => match most_overdue_days {
                None => f.write_str("no invoice data"),
                Some(0) => write!(f, "no invoice overdue (threshold {} days)", when.days),
                Some(days) => write!(
                    f,
                    "an invoice is {} overdue (threshold {})",
                    count(days, "day", "days"),
                    when.days
                ),
            },
            Evidence::OnboardingOverdue { when, milestones, oldest_days_overdue } => {
                if milestones.milestones == 0 {
                    return f.write_str("no onboarding milestones");
                }
                write!(
                    f,
                    "{} of {} onboarding milestones overdue",
                    milestones.overdue, milestones.milestones
                )?;
                if let Some(days) = oldest_days_overdue {
                    write!(f, ", the oldest by {}", count(days, "day", "days"))?;
                }
                write!(f, " (threshold {})", when.milestones)
            }
        }
    }
}

/// "1 day", "3 days".
fn count(number: impl Into<u64>, one: &str, many: &str) -> String {
    let number = number.into();
    format!("{number} {}", if number == 1 { one } else { many })
}

/// "today", "1 day ago", "12 days ago".
fn ago(days: impl Into<u64>) -> String {
    match days.into() {
        0 => "today".to_owned(),
        days => format!("{} ago", count(days, "day", "days")),
    }
}

fn weeks(weeks: u32) -> String {
    count(weeks, "week", "weeks")
}
