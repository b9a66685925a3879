//! Planning: each account's shape, decided before anything is written.
//!
//! An [`AccountProfile`] holds the facts the records of an account must agree
//! on — its language, lifecycle journey, plan and MRR, hidden health, usage
//! trend, renewal — and nothing textual. Planning every account first lets
//! the tickets be shared out exactly ([`TicketAllotment`]) and keeps the
//! writing phase a straight walk over the profiles. No I/O here.

use crate::model::{Currency, LifecycleStage};

use super::anchor::{DAY, MINUTE};
use super::journey::{Step, plan_journey};
use super::names::Language;
use super::random::{Rng, Stream};

/// The plans the demo sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PlanTier {
    Free,
    Starter,
    Team,
    Business,
    Enterprise,
}

impl PlanTier {
    /// The plan as stored on the account.
    pub(super) fn name(self) -> &'static str {
        match self {
            PlanTier::Free => "free",
            PlanTier::Starter => "starter",
            PlanTier::Team => "team",
            PlanTier::Business => "business",
            PlanTier::Enterprise => "enterprise",
        }
    }
}

/// How an account's product usage moves over the last half year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UsageTrend {
    Steady,
    /// A new customer still being onboarded: usage climbs.
    Ramping,
    /// Down by at least 30 % over the last four weeks.
    Declining,
    /// Nobody has logged in for `quiet_days` (five weeks or more).
    Dormant {
        quiet_days: i64,
    },
}

#[derive(Debug, Clone)]
pub(super) struct AccountProfile {
    pub language: Language,
    pub stage: LifecycleStage,
    /// Every stage the account went through, oldest first; the last is `stage`.
    pub journey: Vec<Step>,
    pub tier: PlanTier,
    pub currency: Currency,
    /// What the contract is worth a month, in minor units; a churned account
    /// keeps what it paid, though its MRR is now 0.
    pub contract_mrr: i64,
    pub seats: u32,
    /// Hidden from the user, 0 (about to leave) to 1 (thriving): the one
    /// trait that makes surveys, tickets and usage of an account agree.
    pub health: f64,
    pub usage_trend: UsageTrend,
    /// When the account first paid.
    pub converted_at: Option<i64>,
    /// When the account left (for a reactivated one: before it came back).
    pub churned_at: Option<i64>,
    pub reactivated_at: Option<i64>,
    /// In the retention stage and converted in the last 60 days.
    pub onboarding: bool,
    /// Days from the anchor day to the renewal date, for paying customers.
    pub renewal_in_days: Option<i64>,
    /// A very large enterprise account: the long tail of MRR.
    pub whale: bool,
    /// A second record of an earlier company, as another backend would have it.
    pub duplicate: bool,
    /// Share of the tickets this account gets, relative to the others.
    pub ticket_weight: u64,
}

impl AccountProfile {
    pub(super) fn created_at(&self) -> i64 {
        self.journey.first().map_or(-DAY, |step| step.at)
    }

    /// When the account's activity ends: its churn, or the anchor.
    pub(super) fn active_until(&self) -> i64 {
        match self.stage {
            LifecycleStage::Churned => self.churned_at.unwrap_or(0),
            _ => 0,
        }
    }

    /// The last `span` seconds of the account's activity, from `since` at
    /// the earliest: where its tickets, answers and notes fall. Never empty,
    /// and always before the anchor.
    pub(super) fn activity_window(&self, since: i64, span: i64) -> (i64, i64) {
        let end = self.active_until() - MINUTE;
        let start = since.max(end - span).min(end - MINUTE);
        (start, end)
    }

    /// When the current paid term began.
    pub(super) fn term_started_at(&self) -> Option<i64> {
        self.reactivated_at.or(self.converted_at)
    }

    pub(super) fn is_paying(&self) -> bool {
        self.stage.is_customer()
    }
}

/// Plans account `index` of a workspace made from `seed`.
pub(super) fn plan_account(seed: u64, index: usize) -> AccountProfile {
    let mut rng = Rng::for_item(seed, Stream::Profiles, index as u64);
    let language = rng.weighted([
        (Language::English, 40),
        (Language::Polish, 14),
        (Language::German, 14),
        (Language::Italian, 12),
        (Language::Russian, 10),
        (Language::Thai, 10),
    ]);
    // About one account in seventy is a duplicate record of another company,
    // which arrives as a lead from a second backend.
    let duplicate = index > 0 && rng.chance(0.015);
    let stage = if duplicate {
        rng.weighted([(LifecycleStage::Reach, 1), (LifecycleStage::Acquisition, 3)])
    } else {
        rng.weighted([
            (LifecycleStage::Reach, 6),
            (LifecycleStage::Acquisition, 10),
            (LifecycleStage::Conversion, 5),
            (LifecycleStage::Retention, 44),
            (LifecycleStage::Loyalty, 18),
            (LifecycleStage::Churned, 11),
            (LifecycleStage::Reactivated, 6),
        ])
    };
    let onboarding = stage == LifecycleStage::Retention && rng.chance(0.2);
    let journey = plan_journey(&mut rng, stage, onboarding);
    let has_paid = journey.converted_at.is_some();

    let base_health = match stage {
        LifecycleStage::Reach => 0.6,
        LifecycleStage::Acquisition => 0.55,
        LifecycleStage::Conversion => 0.65,
        LifecycleStage::Retention => 0.6,
        LifecycleStage::Loyalty => 0.82,
        LifecycleStage::Churned => 0.25,
        LifecycleStage::Reactivated => 0.5,
    };
    let health = (base_health + 0.2 * rng.bell()).clamp(0.02, 0.98);

    let tier = if has_paid {
        rng.weighted([
            (PlanTier::Starter, 35),
            (PlanTier::Team, 32),
            (PlanTier::Business, 22),
            (PlanTier::Enterprise, 11),
        ])
    } else {
        PlanTier::Free
    };
    let whale = tier == PlanTier::Enterprise && rng.chance(0.04);
    let seats = plan_seats(&mut rng, tier, whale);
    let currency = plan_currency(&mut rng, language);
    let contract_mrr = monthly_price(&mut rng, tier, seats, currency);

    let term_start = journey.reactivated_at.or(journey.converted_at);
    // Only a customer of some months has a usage habit to lose.
    let usage_trend = if onboarding || term_start.is_some_and(|start| start > -70 * DAY) {
        UsageTrend::Ramping
    } else {
        let (declining, dormant) = match health {
            h if h < 0.3 => (35, 20),
            h if h < 0.6 => (12, 5),
            _ => (3, 1),
        };
        let quiet_days = rng.between(36, 70);
        rng.weighted([
            (UsageTrend::Declining, declining),
            (UsageTrend::Dormant { quiet_days }, dormant),
            (UsageTrend::Steady, 100 - declining - dormant),
        ])
    };

    let renewal_in_days = match term_start {
        Some(start) if stage.is_customer() => Some(next_renewal(&mut rng, start)),
        _ => None,
    };

    let ticket_base: u64 = match (stage, tier) {
        (LifecycleStage::Reach, _) => 1,
        (LifecycleStage::Acquisition, _) => 3,
        (LifecycleStage::Churned, _) => 4,
        (_, PlanTier::Enterprise) if whale => 60,
        (_, PlanTier::Enterprise) => 30,
        (_, PlanTier::Business) => 16,
        (_, PlanTier::Team) => 10,
        (_, PlanTier::Starter | PlanTier::Free) => 6,
    };
    // Unhappy accounts write to support more: up to 2.4 times as often.
    let ticket_weight = ticket_base * (170 - (health * 100.0) as u64);

    AccountProfile {
        language,
        stage,
        journey: journey.steps,
        tier,
        currency,
        contract_mrr,
        seats,
        health,
        usage_trend,
        converted_at: journey.converted_at,
        churned_at: journey.churned_at,
        reactivated_at: journey.reactivated_at,
        onboarding,
        renewal_in_days,
        whale,
        duplicate,
        ticket_weight,
    }
}

/// Seats skew small within each plan (the square of a uniform draw), so a
/// few accounts are much larger than the rest.
fn plan_seats(rng: &mut Rng, tier: PlanTier, whale: bool) -> u32 {
    let (low, high) = match tier {
        PlanTier::Free => (1, 3),
        PlanTier::Starter => (2, 10),
        PlanTier::Team => (8, 40),
        PlanTier::Business => (30, 200),
        PlanTier::Enterprise if whale => (4_000, 9_000),
        PlanTier::Enterprise => (150, 2_000),
    };
    let skew = rng.unit() * rng.unit();
    low + (f64::from(high - low) * skew) as u32
}

/// Mostly USD; European customers often pay in euros, Polish ones in złoty.
fn plan_currency(rng: &mut Rng, language: Language) -> Currency {
    match language {
        Language::English => rng.weighted([(Currency::USD, 80), (Currency::GBP, 20)]),
        Language::Polish => rng.weighted([(Currency::PLN, 70), (Currency::EUR, 15), (Currency::USD, 15)]),
        Language::German | Language::Italian => rng.weighted([(Currency::EUR, 80), (Currency::USD, 20)]),
        Language::Russian => rng.weighted([(Currency::USD, 60), (Currency::EUR, 40)]),
        Language::Thai => Currency::USD,
    }
}

/// The monthly price in minor units: seats at the plan's list price, less a
/// negotiated discount on the larger plans, in whole units of the currency.
fn monthly_price(rng: &mut Rng, tier: PlanTier, seats: u32, currency: Currency) -> i64 {
    let dollars_per_seat: i64 = match tier {
        PlanTier::Free => 0,
        PlanTier::Starter => 12,
        PlanTier::Team => 20,
        PlanTier::Business => 35,
        PlanTier::Enterprise => 55,
    };
    let discount_percent = match tier {
        PlanTier::Business | PlanTier::Enterprise => 5 * rng.between(0, 6),
        _ => 0,
    };
    let dollars = i64::from(seats) * dollars_per_seat * (100 - discount_percent) / 100;
    local_price(dollars, currency)
}

/// A price set in whole dollars, in minor units of the local price list's
/// currency (whole units: list prices have no cents).
pub(super) fn local_price(dollars: i64, currency: Currency) -> i64 {
    let per_thousand_dollars = match currency {
        c if c == Currency::EUR => 920,
        c if c == Currency::GBP => 790,
        c if c == Currency::PLN => 3_950,
        _ => 1_000,
    };
    dollars * per_thousand_dollars / 1_000 * 100
}

/// Days from the anchor to the next anniversary of the contract; a few
/// renewals have just lapsed without being recorded.
fn next_renewal(rng: &mut Rng, term_start: i64) -> i64 {
    let start_day = term_start.div_euclid(DAY);
    let days_since = -start_day;
    let next = start_day + 365 * (days_since / 365 + 1);
    if days_since > 400 && rng.chance(0.03) { -rng.between(1, 20) } else { next }
}

/// Shares a fixed number of tickets among accounts in proportion to their
/// weights, exactly: the counts always add up to the total asked for.
pub(super) struct TicketAllotment {
    total_tickets: u128,
    total_weight: u128,
    weight_so_far: u128,
}

impl TicketAllotment {
    pub(super) fn new(profiles: &[AccountProfile], total_tickets: usize) -> TicketAllotment {
        TicketAllotment {
            total_tickets: total_tickets as u128,
            total_weight: profiles.iter().map(|profile| u128::from(profile.ticket_weight)).sum(),
            weight_so_far: 0,
        }
    }

    /// The tickets of the next account, which has this weight.
    pub(super) fn next(&mut self, weight: u64) -> usize {
        if self.total_weight == 0 {
            return 0;
        }
        let before = self.weight_so_far * self.total_tickets / self.total_weight;
        self.weight_so_far += u128::from(weight);
        let after = self.weight_so_far * self.total_tickets / self.total_weight;
        (after - before) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journeys_run_forward_in_time_and_end_in_the_stage() {
        for index in 0..3_000 {
            let profile = plan_account(11, index);
            let journey = &profile.journey;
            assert_eq!(journey.last().map(|step| step.stage), Some(profile.stage));
            assert!(journey.windows(2).all(|pair| pair[0].at < pair[1].at), "{journey:?}");
            assert!(journey.iter().all(|step| step.at < 0), "{journey:?}");
            if profile.stage == LifecycleStage::Reactivated {
                let stages: Vec<_> = journey.iter().map(|step| step.stage).collect();
                assert!(stages.ends_with(&[
                    LifecycleStage::Retention,
                    LifecycleStage::Churned,
                    LifecycleStage::Reactivated
                ]));
            }
            if profile.onboarding {
                assert!(profile.converted_at.is_some_and(|at| at > -61 * DAY));
            }
            assert_eq!(profile.is_paying(), profile.renewal_in_days.is_some());
            assert!(profile.ticket_weight > 0);
        }
    }

    #[test]
    fn paying_accounts_have_a_price_and_prospects_do_not() {
        for index in 0..1_000 {
            let profile = plan_account(5, index);
            if profile.converted_at.is_some() {
                assert!(profile.contract_mrr > 0, "{profile:?}");
            } else {
                assert_eq!((profile.tier, profile.contract_mrr), (PlanTier::Free, 0));
            }
        }
    }

    #[test]
    fn renewals_fall_within_the_coming_year_or_just_lapsed() {
        let mut rng = Rng::new(3);
        for days_ago in [1, 30, 364, 365, 366, 1000] {
            let renewal = next_renewal(&mut rng, -days_ago * DAY);
            assert!((-20..=365).contains(&renewal), "{days_ago}: {renewal}");
            assert_ne!(renewal, 0);
        }
    }

    #[test]
    fn the_allotment_adds_up_to_the_total() {
        let profiles: Vec<_> = (0..97).map(|index| plan_account(1, index)).collect();
        for total in [0, 1, 10, 970, 12_345] {
            let mut allotment = TicketAllotment::new(&profiles, total);
            let shared: usize = profiles.iter().map(|p| allotment.next(p.ticket_weight)).sum();
            assert_eq!(shared, total);
        }
        assert_eq!(TicketAllotment::new(&[], 10).next(5), 0);
    }
}
