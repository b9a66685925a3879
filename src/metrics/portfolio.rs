//! The portfolio: every KPI of DOMAIN.md over a group of accounts and a
//! period, computed from [`Facts`] — the numbers `keepers metrics` prints
//! and the dashboard will show. Pure: the caller passes `now` and the period.
//!
//! Money is never summed across currencies: MRR totals, revenue retention,
//! order values and LTV are kept per currency. Customer counts (churn rate,
//! CRR) do not depend on currency and are computed over every account.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::health::Band;
use super::{
    AccountFacts, Book, Ces, CustomerCosts, FactTime, Facts, HealthModel, Interval, Ltv, LtvVariant,
    MrrChange, Nps, OpenTickets, Order, OrderValue, PooledCsat, Ratio, RepeatPurchaseRate, Retention,
    RiskLevel, RiskModel, SupportTimes, TicketTimes, Trial, TrialConversion, Windowed, average_order_value,
    ces, first_response_times, lifetime_value, nps, open_tickets, pooled_csat, repeat_purchase_rate,
    resolution_times, retention, revenue_at_risk, trial_conversion,
};
use crate::model::{Currency, LifecycleStage, Rating, Satisfaction, SurveyAnswer, SurveyKind};

/// Which LTV variant the team uses, and the per-customer costs variant 4
/// subtracts (DOMAIN.md, LTV), per currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LtvSettings {
    pub variant: LtvVariant,
    pub costs: BTreeMap<Currency, CustomerCosts>,
}

impl Default for LtvSettings {
    fn default() -> Self {
        LtvSettings { variant: LtvVariant::TotalSpend, costs: BTreeMap::new() }
    }
}

/// The mean lifetime value over the customers with a purchase, in one
/// currency. Every variant is linear in a customer's orders, so the sum of
/// the customers' LTVs is one LTV over all their orders (with variant 4's
/// per-customer costs counted once per customer), and the mean divides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LtvSummary {
    /// Customers with at least one purchase.
    pub customers: u64,
    /// The LTV of all their orders together.
    pub total: Ltv,
}

impl LtvSummary {
    pub fn mean(&self) -> Option<Ratio> {
        Some(self.total.value()?.times(Ratio::new(1, i128::from(self.customers))?))
    }
}

/// An account's health and risk now, in brief: what the portfolio counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The shown health score; `None` is "no data".
    pub health: Option<u8>,
    pub band: Option<Band>,
    pub risk: RiskLevel,
}

/// An account's facts with its standing: one member of a group.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub facts: AccountFacts<'a>,
    pub standing: Standing,
}

/// Scores every account's health and risk as of `now`, in the order of
/// `facts.accounts`.
pub fn members<'a>(
    facts: &'a Facts,
    health: &HealthModel,
    risk: &RiskModel,
    now: Timestamp,
) -> Vec<Member<'a>> {
    facts
        .per_account()
        .map(|account| {
            let scored = health.score(account, now);
            let assessed = risk.assess(account, &scored, now);
            Member {
                facts: account,
                standing: Standing {
                    health: scored.shown_score(),
                    band: scored.band(),
                    risk: assessed.level(),
                },
            }
        })
        .collect()
}

/// How many accounts are in each health band and each risk level, and the
/// revenue at risk (MRR of the high-risk accounts, per currency).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standings {
    /// Accounts per band, in the order of [`Band::ALL`].
    pub bands: [u64; 3],
    pub no_health_data: u64,
    /// Accounts per risk level: low, medium, high.
    pub levels: [u64; 3],
    pub revenue_at_risk: BTreeMap<Currency, i128>,
}

/// Every KPI for one group of accounts over one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpis {
    pub period: Interval,
    pub accounts: u64,
    /// Accounts with MRR > 0 now.
    pub paying_accounts: u64,
    /// Current MRR, per currency.
    pub mrr: BTreeMap<Currency, i128>,
    pub nps: Windowed<Nps>,
    pub csat: Windowed<PooledCsat>,
    pub ces: Windowed<Ces>,
    /// Customer counts over the period: churn rate and CRR.
    pub customers: Retention,
    /// MRR movements over the period, per currency: NRR, GRR, revenue churn.
    pub revenue: BTreeMap<Currency, Retention>,
    /// Purchases in the period.
    pub repeat_purchase: RepeatPurchaseRate,
    pub order_value: BTreeMap<Currency, OrderValue>,
    /// Over each customer's whole history up to `now`.
    pub ltv: BTreeMap<Currency, LtvSummary>,
    pub first_response: SupportTimes,
    pub resolution: SupportTimes,
    pub open_tickets: OpenTickets,
    /// Trials started in the period and how many became paying.
    pub trial_conversion: TrialConversion,
    pub standings: Standings,
}

/// Computes every KPI over `accounts` for `period`.
pub fn kpis(members: &[Member<'_>], period: Interval, now: Timestamp, ltv: &LtvSettings) -> Kpis {
    let accounts: Vec<AccountFacts<'_>> = members.iter().map(|member| member.facts).collect();
    let accounts = accounts.as_slice();
    // Streamed, not collected: a million tickets' times would be 70 MB.
    let times = || {
        accounts.iter().flat_map(|account| account.tickets).map(|ticket| TicketTimes {
            account: ticket.account,
            created_at: ticket.created_at.timestamp(),
            first_reply_at: ticket.first_reply_at.map(FactTime::timestamp),
            solved_at: ticket.solved_at.map(FactTime::timestamp),
        })
    };
    let orders_in_period: Vec<Order> = accounts
        .iter()
        .flat_map(|account| account.purchases)
        .filter(|purchase| period.contains(purchase.at))
        .map(Order::from)
        .collect();

    Kpis {
        period,
        accounts: accounts.len() as u64,
        paying_accounts: accounts.iter().filter(|account| account.account.mrr.minor > 0).count() as u64,
        mrr: per_currency(accounts, |_, group| group.iter().map(|a| i128::from(a.account.mrr.minor)).sum()),
        nps: Windowed { interval: period, metric: nps(scores_in(accounts, SurveyKind::Nps, period)) },
        csat: Windowed { interval: period, metric: csat_in(accounts, period) },
        ces: Windowed { interval: period, metric: ces(scores_in(accounts, SurveyKind::Ces, period)) },
        customers: retention(all_mrr_changes(accounts), period),
        revenue: per_currency(accounts, |_, group| retention(all_mrr_changes(group), period)),
        repeat_purchase: repeat_purchase_rate(&orders_in_period),
        order_value: per_currency(accounts, |_, group| {
            average_order_value(orders_in_period.iter().filter(|order| in_group(group, order)))
        }),
        ltv: per_currency(accounts, |currency, group| ltv_summary(group, now, ltv, currency)),
        first_response: first_response_times(times(), period),
        resolution: resolution_times(times(), period),
        open_tickets: open_tickets(
            accounts.iter().flat_map(|account| account.tickets).map(|ticket| ticket.status),
        ),
        trial_conversion: trial_conversion(&trials(accounts), period),
        standings: standings(members),
    }
}

/// The scores of the answers of `kind` given in `period`.
pub fn scores_in<'a>(
    accounts: &'a [AccountFacts<'a>],
    kind: SurveyKind,
    period: Interval,
) -> impl Iterator<Item = i64> + 'a {
    accounts
        .iter()
        .flat_map(|account| account.surveys)
        .filter(move |survey| period.contains(survey.at.timestamp()) && survey.answer.kind() == kind)
        .map(|survey| survey.answer.score())
}

/// CSAT over `period`: CSAT answers pooled with good/bad ratings.
pub fn csat_in(accounts: &[AccountFacts<'_>], period: Interval) -> PooledCsat {
    // Ticket ratings live on the ticket; a rating answer linked to a ticket
    // is the same rating again and is not counted twice.
    let ticket_ratings = accounts
        .iter()
        .flat_map(|account| account.tickets)
        .filter(|ticket| ticket.solved_at.is_some_and(|solved| period.contains(solved.timestamp())))
        .filter_map(|ticket| ticket.satisfaction.map(Some));
    let standalone_ratings = accounts
        .iter()
        .flat_map(|account| account.surveys)
        .filter(|survey| !survey.on_ticket && period.contains(survey.at.timestamp()))
        .filter_map(|survey| match survey.answer {
            SurveyAnswer::Rating(Rating::Good) => Some(Some(Satisfaction::Good)),
            SurveyAnswer::Rating(Rating::Bad) => Some(Some(Satisfaction::Bad)),
            _ => None,
        });
    pooled_csat(scores_in(accounts, SurveyKind::Csat, period), ticket_ratings.chain(standalone_ratings))
}

/// Trials from the stage history: each entry into acquisition (the trial
/// stage) starts one, and the first move into a paying stage after it
/// converts it.
fn trials(accounts: &[AccountFacts<'_>]) -> Vec<Trial> {
    let mut trials = Vec::new();
    for account in accounts {
        let mut open: Option<Timestamp> = None;
        for change in account.stage_changes {
            if change.to == LifecycleStage::Acquisition {
                if let Some(started_at) = open.take() {
                    trials.push(Trial { account: change.account, started_at, converted_at: None });
                }
                open = Some(change.at.timestamp());
            } else if change.to.is_customer()
                && let Some(started_at) = open.take()
            {
                trials.push(Trial {
                    account: change.account,
                    started_at,
                    converted_at: Some(change.at.timestamp()),
                });
            }
        }
        if let Some(started_at) = open {
            trials.push(Trial { account: account.account.account, started_at, converted_at: None });
        }
    }
    trials
}

fn standings(members: &[Member<'_>]) -> Standings {
    let mut result = Standings::default();
    for member in members {
        match member.standing.band {
            Some(band) => result.bands[Band::ALL.iter().position(|b| *b == band).unwrap_or(0)] += 1,
            None => result.no_health_data += 1,
        }
        result.levels[member.standing.risk as usize] += 1;
    }
    result.revenue_at_risk =
        revenue_at_risk(members.iter().map(|member| (member.facts.account.mrr, member.standing.risk)));
    result
}

fn all_mrr_changes<'a>(accounts: &'a [AccountFacts<'a>]) -> impl Iterator<Item = &'a MrrChange> {
    accounts.iter().flat_map(|account| account.mrr_changes)
}

fn in_group(group: &[AccountFacts<'_>], order: &Order) -> bool {
    group.binary_search_by_key(&order.account, |account| account.account.account).is_ok()
}

/// Splits the accounts by currency (they arrive sorted by account id, and
/// each part stays so) and computes `metric` on each part.
fn per_currency<'a, M>(
    accounts: &[AccountFacts<'a>],
    metric: impl Fn(Currency, &[AccountFacts<'a>]) -> M,
) -> BTreeMap<Currency, M> {
    let mut groups: BTreeMap<Currency, Vec<AccountFacts<'a>>> = BTreeMap::new();
    for account in accounts {
        groups.entry(account.account.mrr.currency).or_default().push(*account);
    }
    groups.into_iter().map(|(currency, group)| (currency, metric(currency, &group))).collect()
}

fn ltv_summary(
    group: &[AccountFacts<'_>],
    now: Timestamp,
    settings: &LtvSettings,
    currency: Currency,
) -> LtvSummary {
    let history: Vec<Order> = group
        .iter()
        .flat_map(|account| account.purchases)
        .filter(|purchase| purchase.at <= now)
        .map(Order::from)
        .collect();
    let customers =
        group.iter().filter(|account| account.purchases.iter().any(|purchase| purchase.at <= now)).count()
            as i64;
    let each = settings.costs.get(&currency).copied().unwrap_or_default();
    let costs = CustomerCosts {
        acquisition_minor: each.acquisition_minor.saturating_mul(customers),
        retention_minor: each.retention_minor.saturating_mul(customers),
    };
    LtvSummary {
        customers: customers as u64,
        total: lifetime_value(settings.variant, &history, Book::of(&history), costs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{AccountFact, Edges, Facts, PurchaseFact, SurveyFact, TicketFact};
    use crate::model::{
        AccountId, LifecycleStage, Money, SafeText, TicketPriority, TicketStatus, time::add_days_to,
    };

    fn at(day: i64) -> Timestamp {
        add_days_to(Timestamp::UNIX_EPOCH, day)
    }

    fn account(id: i64, mrr: i64, currency: Currency) -> AccountFact {
        AccountFact {
            account: AccountId(id),
            owner: SafeText::default(),
            plan: SafeText::default(),
            stage: LifecycleStage::Retention,
            mrr: Money::new(mrr, currency),
            renewal_date: None,
            created_at: at(0),
        }
    }

    fn survey(id: i64, answer: SurveyAnswer, day: i64, on_ticket: bool) -> SurveyFact {
        SurveyFact { account: AccountId(id), answer, at: at(day).into(), loop_closed: false, on_ticket }
    }

    fn purchase(id: i64, day: i64, amount: i64) -> PurchaseFact {
        PurchaseFact { account: AccountId(id), at: at(day), amount_minor: amount, cost_minor: amount / 4 }
    }

    fn sample() -> Facts {
        let mut facts = Facts {
            accounts: vec![account(1, 10_000, Currency::USD), account(2, 5_000, Currency::EUR)],
            surveys: vec![
                survey(1, SurveyAnswer::Nps(10), 50, false),
                survey(1, SurveyAnswer::Nps(3), 60, false),
                survey(2, SurveyAnswer::Nps(9), 70, false),
                survey(2, SurveyAnswer::Csat(5), 70, false),
                survey(2, SurveyAnswer::Csat(2), 71, false),
                // The same rating as the ticket's below: not counted twice.
                survey(1, SurveyAnswer::Rating(Rating::Bad), 80, true),
                survey(1, SurveyAnswer::Nps(0), 500, false),
            ],
            tickets: vec![TicketFact {
                account: AccountId(1),
                status: TicketStatus::Solved,
                priority: TicketPriority::Normal,
                created_at: at(79).into(),
                first_reply_at: Some(at(79).into()),
                solved_at: Some(at(80).into()),
                sla_due_at: None,
                satisfaction: Some(Satisfaction::Bad),
            }],
            purchases: vec![
                purchase(1, 10, 100),
                purchase(1, 20, 33),
                purchase(1, 90, 200),
                purchase(2, 30, 40),
            ],
            ..Facts::default()
        };
        facts.sort();
        facts
    }

    #[test]
    fn kpis_pool_answers_in_the_period_and_keep_money_per_currency() {
        let facts = sample();
        let members = members(&facts, &HealthModel::default(), &RiskModel::default(), at(100));
        let period = Interval::new(at(0), at(100), Edges::ExcludesStart).unwrap();
        let kpis = kpis(&members, period, at(100), &LtvSettings::default());
        assert_eq!(kpis.accounts, 2);
        assert_eq!(kpis.nps.metric.answers(), 3, "the answer after the period is left out");
        assert_eq!(kpis.nps.metric.value(), Some(33));
        assert_eq!(kpis.csat.metric.surveys.answers, 2);
        assert_eq!(kpis.csat.metric.ticket_ratings.answers, 1, "the ticket rating counts once");
        assert_eq!(kpis.mrr[&Currency::USD], 10_000);
        assert_eq!(kpis.mrr[&Currency::EUR], 5_000);
        let usd_ltv = kpis.ltv[&Currency::USD];
        assert_eq!(usd_ltv.customers, 1);
        assert_eq!(usd_ltv.mean(), Some(Ratio::whole(333)), "DOMAIN.md: 100 + 33 + 200 → 333");
        assert_eq!(kpis.repeat_purchase.customers, 2);
        assert_eq!(kpis.repeat_purchase.repeat_customers, 1);
        let standings = &kpis.standings;
        assert_eq!(standings.bands.iter().sum::<u64>() + standings.no_health_data, 2);
        assert_eq!(standings.levels.iter().sum::<u64>(), 2);
    }

    #[test]
    fn ltv_variant_four_subtracts_costs_once_per_customer() {
        let facts = sample();
        let members = members(&facts, &HealthModel::default(), &RiskModel::default(), at(100));
        let period = Interval::new(at(0), at(100), Edges::ExcludesStart).unwrap();
        let settings = LtvSettings {
            variant: LtvVariant::SpendLessCosts,
            costs: BTreeMap::from([(
                Currency::USD,
                CustomerCosts { acquisition_minor: 10, retention_minor: 5 },
            )]),
        };
        let kpis = kpis(&members, period, at(100), &settings);
        // 333 spent − 15 costs − (25 + 8 + 50) cost of goods.
        assert_eq!(kpis.ltv[&Currency::USD].mean(), Some(Ratio::whole(235)));
    }

    #[test]
    fn trials_come_from_the_stage_history() {
        let change = |day: i64, from: Option<LifecycleStage>, to: LifecycleStage| crate::metrics::StageFact {
            account: AccountId(1),
            from,
            to,
            at: at(day).into(),
        };
        use LifecycleStage::*;
        let mut facts = Facts {
            accounts: vec![account(1, 0, Currency::USD)],
            stage_changes: vec![
                change(1, None, Reach),
                change(10, Some(Reach), Acquisition),
                change(20, Some(Acquisition), Reach),
                change(30, Some(Reach), Acquisition),
                change(40, Some(Acquisition), Conversion),
                change(80, Some(Conversion), Churned),
                change(90, Some(Churned), Acquisition),
            ],
            ..Facts::default()
        };
        facts.sort();
        let accounts: Vec<AccountFacts> = facts.per_account().collect();
        let found = trials(&accounts);
        let summary: Vec<(Timestamp, Option<Timestamp>)> =
            found.iter().map(|trial| (trial.started_at, trial.converted_at)).collect();
        assert_eq!(summary, [(at(10), None), (at(30), Some(at(40))), (at(90), None)]);
        let period = Interval::new(at(0), at(100), Edges::ExcludesStart).unwrap();
        let conversion = trial_conversion(&found, period);
        assert_eq!((conversion.trials, conversion.converted), (3, 1));
    }

    #[test]
    fn an_empty_group_is_no_data_not_zero() {
        let period = Interval::new(at(0), at(100), Edges::ExcludesStart).unwrap();
        let kpis = kpis(&[], period, at(100), &LtvSettings::default());
        assert_eq!(kpis.nps.metric.value(), None);
        assert_eq!(kpis.csat.metric.value(), None);
        assert_eq!(kpis.customers.churn_rate(), None);
        assert!(kpis.ltv.is_empty() && kpis.mrr.is_empty());
    }
}
