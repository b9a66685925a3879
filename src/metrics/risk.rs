//! Churn risk: named rules from `health.toml`, each with a reason, a weight
//! and its own thresholds (DESIGN.md, "Health score and churn risk").
//!
//! Every rule is checked for every account and ends fired, clear, or without
//! the data it needs; its [`Evidence`] carries the concrete values either
//! way ("no login for 41 days (threshold 30)"). The fired rules are the
//! account's reasons, and the sum of their weights gives the level — low,
//! medium or high — by the configured cut-offs. A rule weighted 0 still
//! shows when it fires, without moving the level. Revenue at risk is the MRR
//! of the high-risk accounts, per currency.
//!
//! Pure: no clock (the caller passes `now`) and no allocation while
//! assessing — a [`Risk`] holds one fixed-size outcome per rule.

mod evidence;
mod rules;
#[cfg(test)]
mod tests;

pub use evidence::{Evidence, Verdict};
pub use rules::{
    ChampionGone, Detractor, HealthDrop, NoLogin, OnboardingOverdue, OverdueInvoice, RenewalWithPoorHealth,
    SlaBreaches, UrgentTickets, UsageDecline,
};

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;

use super::health::Health;
use super::signals::{
    active_users_change, champions, days_without_login, detractors, onboarding_milestones, ticket_load,
};
use super::{AccountFacts, Explain, Term};
use crate::model::time::utc_date;
use crate::model::{Currency, FieldCap, Money, SafeText};

/// The churn-risk rules, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskRule {
    HealthDrop,
    Detractor,
    UsageDecline,
    RenewalWithPoorHealth,
    NoLogin,
    UrgentTickets,
    SlaBreaches,
    ChampionGone,
    OverdueInvoice,
    OnboardingOverdue,
}

impl RiskRule {
    pub const ALL: [RiskRule; 10] = [
        RiskRule::HealthDrop,
        RiskRule::Detractor,
        RiskRule::UsageDecline,
        RiskRule::RenewalWithPoorHealth,
        RiskRule::NoLogin,
        RiskRule::UrgentTickets,
        RiskRule::SlaBreaches,
        RiskRule::ChampionGone,
        RiskRule::OverdueInvoice,
        RiskRule::OnboardingOverdue,
    ];

    /// As written in `health.toml`.
    pub fn key(self) -> &'static str {
        match self {
            RiskRule::HealthDrop => "health_drop",
            RiskRule::Detractor => "detractor",
            RiskRule::UsageDecline => "usage_decline",
            RiskRule::RenewalWithPoorHealth => "renewal_with_poor_health",
            RiskRule::NoLogin => "no_login",
            RiskRule::UrgentTickets => "urgent_tickets",
            RiskRule::SlaBreaches => "sla_breaches",
            RiskRule::ChampionGone => "champion_gone",
            RiskRule::OverdueInvoice => "overdue_invoice",
            RiskRule::OnboardingOverdue => "onboarding_overdue",
        }
    }
}

/// How likely an account is to churn, from the weights of its fired rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn name(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The sums of fired weights at which the level rises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Levels {
    /// Medium at or above this sum.
    pub medium: u32,
    /// High at or above this sum.
    pub high: u32,
}

impl Default for Levels {
    /// One strong signal makes medium; high takes two, or one with support.
    fn default() -> Self {
        Levels { medium: 25, high: 50 }
    }
}

impl Levels {
    pub fn level(self, total_weight: u32) -> RiskLevel {
        if total_weight >= self.high {
            RiskLevel::High
        } else if total_weight >= self.medium {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }
}

/// How one rule counts: its weight, and the reason a screen shows when it
/// fires.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RuleSettings {
    pub weight: u32,
    pub reason: SafeText,
}

/// Every rule's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Thresholds {
    pub health_drop: HealthDrop,
    pub detractor: Detractor,
    pub usage_decline: UsageDecline,
    pub renewal_with_poor_health: RenewalWithPoorHealth,
    pub no_login: NoLogin,
    pub urgent_tickets: UrgentTickets,
    pub sla_breaches: SlaBreaches,
    pub champion_gone: ChampionGone,
    pub overdue_invoice: OverdueInvoice,
    pub onboarding_overdue: OnboardingOverdue,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            health_drop: HealthDrop { points: 15 },
            detractor: Detractor { days: 90 },
            usage_decline: UsageDecline { percent: 30, weeks: 4 },
            renewal_with_poor_health: RenewalWithPoorHealth { days: 90 },
            no_login: NoLogin { days: 30 },
            urgent_tickets: UrgentTickets { tickets: 1 },
            sla_breaches: SlaBreaches { tickets: 1 },
            champion_gone: ChampionGone { days: 60 },
            overdue_invoice: OverdueInvoice { days: 14 },
            onboarding_overdue: OnboardingOverdue { milestones: 1 },
        }
    }
}

impl Thresholds {
    /// A threshold of a rule by its name in `health.toml`; `None` for a
    /// name the rule does not have.
    pub fn get_mut(&mut self, rule: RiskRule, key: &str) -> Option<&mut u32> {
        Some(match (rule, key) {
            (RiskRule::HealthDrop, "points") => &mut self.health_drop.points,
            (RiskRule::Detractor, "days") => &mut self.detractor.days,
            (RiskRule::UsageDecline, "percent") => &mut self.usage_decline.percent,
            (RiskRule::UsageDecline, "weeks") => &mut self.usage_decline.weeks,
            (RiskRule::RenewalWithPoorHealth, "days") => &mut self.renewal_with_poor_health.days,
            (RiskRule::NoLogin, "days") => &mut self.no_login.days,
            (RiskRule::UrgentTickets, "tickets") => &mut self.urgent_tickets.tickets,
            (RiskRule::SlaBreaches, "tickets") => &mut self.sla_breaches.tickets,
            (RiskRule::ChampionGone, "days") => &mut self.champion_gone.days,
            (RiskRule::OverdueInvoice, "days") => &mut self.overdue_invoice.days,
            (RiskRule::OnboardingOverdue, "milestones") => &mut self.onboarding_overdue.milestones,
            _ => return None,
        })
    }
}

/// The risk model: every rule's weight, reason and thresholds, and the
/// level cut-offs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RiskModel {
    /// In the order of [`RiskRule::ALL`].
    pub rules: [RuleSettings; RiskRule::ALL.len()],
    pub thresholds: Thresholds,
    pub levels: Levels,
}

impl Default for RiskModel {
    /// The rules of DESIGN.md. The strong signals of leaving — a falling
    /// score, shrinking or stopped usage, a close renewal at poor health —
    /// weigh 25–30, a medium level on their own (nobody logging in for a
    /// month is the strongest); the signals of friction —
    /// a detractor, a champion gone quiet, an overdue invoice, onboarding
    /// behind, urgent or overdue tickets — weigh 10–20 and raise the level
    /// only together with something else.
    fn default() -> Self {
        let rules = RiskRule::ALL.map(|rule| {
            let (weight, reason) = match rule {
                RiskRule::HealthDrop => (25, "Health is falling fast"),
                RiskRule::Detractor => (15, "A detractor in recent NPS answers"),
                RiskRule::UsageDecline => (25, "Fewer people use the product"),
                RiskRule::RenewalWithPoorHealth => (30, "Renewal is close and health is poor"),
                RiskRule::NoLogin => (30, "Nobody has logged in lately"),
                RiskRule::UrgentTickets => (10, "Urgent tickets are open"),
                RiskRule::SlaBreaches => (10, "Tickets are past their SLA"),
                RiskRule::ChampionGone => (20, "The champion has gone quiet"),
                RiskRule::OverdueInvoice => (20, "An invoice is overdue"),
                RiskRule::OnboardingOverdue => (15, "Onboarding is behind plan"),
            };
            RuleSettings { weight, reason: SafeText::line(reason, FieldCap::SUBJECT) }
        });
        RiskModel { rules, thresholds: Thresholds::default(), levels: Levels::default() }
    }
}

impl RiskModel {
    /// One account's churn risk as of `now`, given its health.
    pub fn assess(&self, facts: AccountFacts<'_>, health: &Health, now: Timestamp) -> Risk {
        let today = utc_date(now);
        let when = &self.thresholds;
        let tickets = ticket_load(facts.tickets, now);
        let evidence = [
            when.health_drop.check(health.change_30d()),
            when.detractor.check(detractors(facts.surveys, now, when.detractor.days), now),
            when.usage_decline.check(active_users_change(facts.usage, today, when.usage_decline.weeks)),
            when.renewal_with_poor_health.check(
                facts.account.renewal_date,
                today,
                health.band(),
                health.shown_score(),
            ),
            when.no_login.check(days_without_login(facts.usage, today)),
            when.urgent_tickets.check(tickets),
            when.sla_breaches.check(tickets),
            when.champion_gone.check(champions(facts.contacts, now), now),
            // The workspace holds no invoices yet: the rule waits for them.
            when.overdue_invoice.check(None),
            when.onboarding_overdue.check(onboarding_milestones(facts.tasks, today), today),
        ];
        let outcomes = evidence.map(|evidence| {
            let rule = evidence.rule();
            RuleOutcome { rule, weight: self.rule(rule).weight, evidence }
        });
        let total_weight = outcomes
            .iter()
            .filter(|outcome| outcome.fired())
            .fold(0u32, |total, outcome| total.saturating_add(outcome.weight));
        Risk { outcomes, total_weight, level: self.levels.level(total_weight) }
    }

    pub fn rule(&self, rule: RiskRule) -> &RuleSettings {
        // The array holds the rules in the order of RiskRule::ALL.
        &self.rules[rule as usize]
    }

    pub fn rule_mut(&mut self, rule: RiskRule) -> &mut RuleSettings {
        &mut self.rules[rule as usize]
    }
}

/// One rule's outcome for one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleOutcome {
    pub rule: RiskRule,
    pub weight: u32,
    pub evidence: Evidence,
}

impl RuleOutcome {
    pub fn verdict(&self) -> Verdict {
        self.evidence.verdict()
    }

    pub fn fired(&self) -> bool {
        self.verdict() == Verdict::Fired
    }
}

/// One account's churn risk: every rule's outcome, the sum of the fired
/// rules' weights and the level it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Risk {
    outcomes: [RuleOutcome; RiskRule::ALL.len()],
    total_weight: u32,
    level: RiskLevel,
}

impl Risk {
    pub fn level(&self) -> RiskLevel {
        self.level
    }

    /// The sum of the fired rules' weights.
    pub fn total_weight(&self) -> u32 {
        self.total_weight
    }

    /// Every rule's outcome, fired or not, in the order of [`RiskRule::ALL`].
    pub fn outcomes(&self) -> &[RuleOutcome] {
        &self.outcomes
    }

    /// The fired rules: the reasons for the level.
    pub fn reasons(&self) -> impl Iterator<Item = &RuleOutcome> {
        self.outcomes.iter().filter(|outcome| outcome.fired())
    }
}

impl Explain for Risk {
    fn name(&self) -> &'static str {
        "Churn risk"
    }

    fn formula(&self) -> &'static str {
        "Σ weights of the rules that fired; the level from the configured cut-offs"
    }

    /// The rules that had the data to decide.
    fn inputs(&self) -> u64 {
        self.outcomes.iter().filter(|outcome| outcome.verdict() != Verdict::NoData).count() as u64
    }

    /// Each fired rule's weight, and their sum.
    fn terms(&self) -> Vec<Term> {
        self.reasons()
            .map(|outcome| Term::count(outcome.rule.key(), outcome.weight.into()))
            .chain([Term::count("total weight", self.total_weight.into())])
            .collect()
    }
}

/// Revenue at risk: the MRR of the high-risk accounts that pay, per
/// currency — amounts in different currencies are never added together.
pub fn revenue_at_risk(accounts: impl IntoIterator<Item = (Money, RiskLevel)>) -> BTreeMap<Currency, i128> {
    let mut totals = BTreeMap::new();
    for (mrr, level) in accounts {
        if level == RiskLevel::High && mrr.minor > 0 {
            *totals.entry(mrr.currency).or_insert(0) += i128::from(mrr.minor);
        }
    }
    totals
}
