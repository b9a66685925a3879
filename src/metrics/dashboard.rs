//! The dashboard: the portfolio at a glance for one group of accounts —
//! KPI tiles with their change against the previous period of the same
//! length, a year of monthly NPS and CSAT, the lifecycle funnel from the
//! stage history, and the health bands. Every tile keeps the [`KpiLine`]s
//! behind it (formula, window, inputs) and the accounts it counts, for its
//! explanation and its drill-down.
//!
//! Pure: the caller passes the scored members, `now` and the period, and
//! picks the group with a [`Scope`] (owner, plan or RFM segment).

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};

use super::facts::Facts;
use super::kpi_lines::{KpiLine, KpiValue, kpi_lines};
use super::portfolio::{LtvSettings, Member, csat_in, kpis, scores_in};
use super::signals::mrr_at;
use super::{
    Edges, Interval, Nps, Order, PooledCsat, RiskLevel, Step, WindowError, nps, revenue_at_risk, rfm,
};
use crate::model::time::utc_date;
use crate::model::{AccountId, LifecycleStage, Money, SurveyKind};

/// Which accounts the dashboard counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Owner(String),
    Plan(String),
    /// An RFM segment's label, e.g. "Champions".
    Segment(String),
}

/// What a member's owner, plan or segment is called in a [`Scope`] and in
/// `keepers metrics --by`: the value, or a stand-in for none.
pub fn owner_key(owner: &str) -> String {
    if owner.is_empty() { "(no owner)".to_owned() } else { owner.to_owned() }
}

pub fn plan_key(plan: &str) -> String {
    if plan.is_empty() { "(no plan)".to_owned() } else { plan.to_owned() }
}

/// The segment of an account without purchases.
pub const NO_SEGMENT: &str = "(no purchases)";

/// Each customer's RFM segment label, over every purchase up to `now`.
pub fn segments_by_account(facts: &Facts, now: Timestamp) -> BTreeMap<AccountId, &'static str> {
    let orders: Vec<Order> = facts.purchases.iter().map(Order::from).collect();
    rfm(&orders, now)
        .customers
        .iter()
        .map(|customer| (customer.account, customer.segment().label()))
        .collect()
}

impl Scope {
    /// Whether a member with this owner, plan and segment is in the scope.
    pub fn holds(&self, owner: &str, plan: &str, segment: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Owner(wanted) => owner_key(owner) == *wanted,
            Scope::Plan(wanted) => plan_key(plan) == *wanted,
            Scope::Segment(wanted) => segment == wanted,
        }
    }
}

/// The members in `scope`; `segments` is [`segments_by_account`]'s.
pub fn scoped<'a>(
    members: Vec<Member<'a>>,
    scope: &Scope,
    segments: &BTreeMap<AccountId, &'static str>,
) -> Vec<Member<'a>> {
    if *scope == Scope::All {
        return members;
    }
    members
        .into_iter()
        .filter(|member| {
            let fact = member.facts.account;
            let segment = segments.get(&fact.account).copied().unwrap_or(NO_SEGMENT);
            scope.holds(fact.owner.as_str(), fact.plan.as_str(), segment)
        })
        .collect()
}

/// Every owner, plan and segment the members have, sorted: what a scope
/// can be set to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeChoices {
    pub owners: Vec<String>,
    pub plans: Vec<String>,
    pub segments: Vec<String>,
}

pub fn scope_choices(members: &[Member<'_>], segments: &BTreeMap<AccountId, &'static str>) -> ScopeChoices {
    let mut owners = BTreeSet::new();
    let mut plans = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for member in members {
        let fact = member.facts.account;
        owners.insert(owner_key(fact.owner.as_str()));
        plans.insert(plan_key(fact.plan.as_str()));
        labels.insert(segments.get(&fact.account).copied().unwrap_or(NO_SEGMENT).to_owned());
    }
    ScopeChoices {
        owners: owners.into_iter().collect(),
        plans: plans.into_iter().collect(),
        segments: labels.into_iter().collect(),
    }
}

/// The tiles, in the order they are shown: (id of the KPI line, its name,
/// whether a larger value is better — for the colour of the change).
pub const TILES: [(&str, &str, bool); 9] = [
    ("accounts", "Accounts", true),
    ("mrr", "MRR", true),
    ("nps", "NPS", true),
    ("csat", "CSAT", true),
    ("ces", "CES", true),
    ("churn_rate", "Churn rate", false),
    ("nrr", "NRR", true),
    ("grr", "GRR", true),
    ("revenue_at_risk", "Revenue at risk", false),
];

/// One KPI tile: its lines now and over the previous period (one per
/// currency for money), and the accounts behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    pub id: &'static str,
    pub name: &'static str,
    pub higher_is_better: bool,
    pub current: Vec<KpiLine>,
    pub previous: Vec<KpiLine>,
    /// The accounts the number counts, by id.
    pub accounts: Vec<AccountId>,
}

/// One month of the satisfaction trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub month: Interval,
    pub nps: Nps,
    pub csat: PooledCsat,
}

/// One stage of the lifecycle funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunnelStep {
    pub stage: LifecycleStage,
    /// Accounts that were ever in the stage.
    pub entered: u64,
    /// Of those, the accounts that later entered the next stage.
    pub moved_on: u64,
}

/// The stages of the funnel, in lifecycle order; churn and reactivation
/// are moves out of it and back, not steps of it.
pub const FUNNEL: [LifecycleStage; 5] = [
    LifecycleStage::Reach,
    LifecycleStage::Acquisition,
    LifecycleStage::Conversion,
    LifecycleStage::Retention,
    LifecycleStage::Loyalty,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub period: Interval,
    pub previous: Interval,
    pub accounts: u64,
    pub tiles: Vec<Tile>,
    /// Twelve months, oldest first, the current month last.
    pub trend: Vec<TrendPoint>,
    pub funnel: Vec<FunnelStep>,
    /// Accounts per health band (poor, fair, good) and without a score.
    pub bands: [u64; 3],
    pub no_health_data: u64,
}

/// The instant the dashboard's period of `days` days up to `now` starts:
/// the members passed as `then` to [`dashboard`] are scored as of it.
pub fn period_start(now: Timestamp, days: u32) -> Result<Timestamp, WindowError> {
    now.checked_sub(SignedDuration::from_hours(24 * i64::from(days.max(1))))
        .map_err(|_| WindowError::OutOfRange)
}

/// The dashboard over `members` for the `days` days up to `now`, compared
/// with the `days` days before them. `then` are the same accounts with
/// their health and risk scored as of [`period_start`], for the revenue at
/// risk of then.
pub fn dashboard(
    members: &[Member<'_>],
    then: &[Member<'_>],
    days: u32,
    now: Timestamp,
    ltv: &LtvSettings,
) -> Result<Dashboard, WindowError> {
    let start = period_start(now, days)?;
    let period = Interval::new(start, now, Edges::ExcludesStart)?;
    let previous = Interval::new(period_start(start, days)?, start, Edges::ExcludesStart)?;
    let current_kpis = kpis(members, period, now, ltv);
    let current = kpi_lines(&current_kpis);
    // The previous period is computed as of its own end.
    let before = kpi_lines(&kpis(members, previous, previous.end(), ltv));
    let tiles = TILES
        .iter()
        .map(|(id, name, higher_is_better)| {
            let current: Vec<KpiLine> = current.iter().filter(|line| line.id == *id).cloned().collect();
            let previous = match *id {
                // Figures of now: the previous period's kpis would repeat
                // today's, so they are read from the history instead.
                "accounts" | "mrr" => {
                    current.iter().map(|line| as_of(line, members, previous.end())).collect()
                }
                "revenue_at_risk" => revenue_at_risk_then(then, previous.end()),
                _ => before.iter().filter(|line| line.id == *id).cloned().collect(),
            };
            Tile {
                id,
                name,
                higher_is_better: *higher_is_better,
                current,
                previous,
                accounts: accounts_behind(id, members, period),
            }
        })
        .collect();
    let accounts: Vec<_> = members.iter().map(|member| member.facts).collect();
    let trend = Step::Month
        .last(now, 12)
        .into_iter()
        .map(|month| TrendPoint {
            month,
            nps: nps(scores_in(&accounts, SurveyKind::Nps, month)),
            csat: csat_in(&accounts, month),
        })
        .collect();
    Ok(Dashboard {
        period,
        previous,
        accounts: members.len() as u64,
        tiles,
        trend,
        funnel: funnel(members),
        bands: current_kpis.standings.bands,
        no_health_data: current_kpis.standings.no_health_data,
    })
}

/// An accounts or MRR line with its value as of `at`: the accounts created
/// by then, and each one's MRR from its MRR history (its current MRR when
/// it has no history; none before it was created).
/// An account's MRR at `at` from its MRR history (none before its first
/// change); its current MRR when it has no history at all.
fn mrr_then(member: &Member<'_>, at: Timestamp) -> i64 {
    match member.facts.mrr_changes {
        [] => member.facts.account.mrr.minor,
        history => mrr_at(history, at).unwrap_or(0),
    }
}

fn as_of(line: &KpiLine, members: &[Member<'_>], at: Timestamp) -> KpiLine {
    let existing = members.iter().filter(|member| member.facts.account.created_at <= at);
    let value = match line.value {
        Some(KpiValue::Money(_, currency)) => {
            let total = existing
                .filter(|member| member.facts.account.mrr.currency == currency)
                .map(|member| i128::from(mrr_then(member, at)))
                .sum();
            Some(KpiValue::Money(total, currency))
        }
        _ => Some(KpiValue::Count(existing.count() as u64)),
    };
    KpiLine { value, ..line.clone() }
}

/// Revenue at risk as of `at`: the MRR then of the accounts at high risk
/// then, per currency. Nothing when no health score had been saved 30 days
/// before `at`: the health-drop rule, which weighs most, could not have
/// fired then, and "nothing at risk" would be a false comparison.
fn revenue_at_risk_then(then: &[Member<'_>], at: Timestamp) -> Vec<KpiLine> {
    let month_before = utc_date(at) - jiff::Span::new().days(30);
    let judged = then.iter().any(|member| member.facts.health.iter().any(|point| point.day <= month_before));
    if !judged {
        return Vec::new();
    }
    let totals =
        revenue_at_risk(then.iter().filter(|member| member.facts.account.created_at <= at).map(|member| {
            let account = member.facts.account;
            (Money::new(mrr_then(member, at), account.mrr.currency), member.standing.risk)
        }));
    let high = then.iter().filter(|member| member.standing.risk == RiskLevel::High).count() as u64;
    totals
        .into_iter()
        .map(|(currency, minor)| KpiLine {
            id: "revenue_at_risk",
            name: "Revenue at risk",
            currency: Some(currency),
            value: Some(KpiValue::Money(minor, currency)),
            formula: "Σ MRR then of the accounts at high risk then",
            inputs: high,
            window: None,
            terms: Vec::new(),
        })
        .collect()
}

/// The accounts a tile counts: what a click on it lists.
fn accounts_behind(id: &str, members: &[Member<'_>], period: Interval) -> Vec<AccountId> {
    let answered = |member: &Member<'_>, kind: SurveyKind| {
        member
            .facts
            .surveys
            .iter()
            .any(|survey| survey.answer.kind() == kind && period.contains(survey.at.timestamp()))
    };
    let picked = |member: &Member<'_>| match id {
        "mrr" => member.facts.account.mrr.minor > 0,
        "nps" => answered(member, SurveyKind::Nps),
        "csat" => {
            answered(member, SurveyKind::Csat)
                || member.facts.tickets.iter().any(|ticket| {
                    ticket.satisfaction.is_some()
                        && ticket.solved_at.is_some_and(|solved| period.contains(solved.timestamp()))
                })
        }
        "ces" => answered(member, SurveyKind::Ces),
        "churn_rate" => member
            .facts
            .stage_changes
            .iter()
            .any(|change| change.to == LifecycleStage::Churned && period.contains(change.at.timestamp())),
        "nrr" | "grr" => member.facts.mrr_changes.iter().any(|change| period.contains(change.at)),
        "revenue_at_risk" => member.standing.risk == RiskLevel::High,
        _ => true,
    };
    members.iter().filter(|member| picked(member)).map(|member| member.facts.account.account).collect()
}

/// Each funnel stage's accounts and how many of them went on to the next
/// stage, from every account's stage history and its current stage.
fn funnel(members: &[Member<'_>]) -> Vec<FunnelStep> {
    let mut steps: Vec<FunnelStep> =
        FUNNEL.iter().map(|stage| FunnelStep { stage: *stage, entered: 0, moved_on: 0 }).collect();
    for member in members {
        let history = member.facts.stage_changes;
        let mut visited: Vec<LifecycleStage> = Vec::with_capacity(history.len() + 1);
        if let Some(first) = history.first().and_then(|change| change.from) {
            visited.push(first);
        }
        visited.extend(history.iter().map(|change| change.to));
        if history.is_empty() {
            visited.push(member.facts.account.stage);
        }
        let entered: BTreeSet<usize> =
            visited.iter().filter_map(|stage| FUNNEL.iter().position(|step| step == stage)).collect();
        for (position, step) in steps.iter_mut().enumerate() {
            if !entered.contains(&position) {
                continue;
            }
            step.entered += 1;
            let first_entry = visited.iter().position(|stage| *stage == FUNNEL[position]);
            let next = FUNNEL.get(position + 1);
            let moved_on = first_entry
                .zip(next)
                .is_some_and(|(at, next)| visited[at + 1..].iter().any(|stage| stage == next));
            if moved_on {
                step.moved_on += 1;
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests;
