//! How long health and churn risk take over a whole portfolio: 100k
//! accounts with 1M tickets, 500k survey answers and 1.5M usage snapshots
//! (plus contacts, onboarding tasks, MRR changes and stored daily scores),
//! generated in memory, scored on one thread and then split over two.
//!
//! Run with `cargo bench --bench health_risk`. It fails if one pass over the
//! portfolio takes a second or more (the budget).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use keepers::metrics::health::Band;
use keepers::metrics::{
    AccountFact, AccountFacts, ContactFact, FactTime, Facts, HealthModel, HealthPoint, MrrChange, RiskLevel,
    RiskModel, SurveyFact, TaskFact, TicketFact, UsageFact, revenue_at_risk,
};
use keepers::model::time::{add_days, add_days_to, utc_date};
use keepers::model::{
    AccountId, Currency, LifecycleStage, Money, SafeText, Satisfaction, SurveyAnswer, TaskStatus,
    TicketPriority, TicketStatus,
};

const ACCOUNTS: usize = 100_000;
const RUNS: usize = 5;

fn main() {
    let now: Timestamp = "2026-11-25T12:00:00Z".parse().expect("a valid instant");
    let started = Instant::now();
    let facts = portfolio(now);
    println!(
        "generated {} accounts, {} tickets, {} surveys, {} usage rows, {} contacts, {} tasks, {} MRR changes, {} stored scores in {:.0} ms",
        facts.accounts.len(),
        facts.tickets.len(),
        facts.surveys.len(),
        facts.usage.len(),
        facts.contacts.len(),
        facts.tasks.len(),
        facts.mrr_changes.len(),
        facts.health.len(),
        ms(started.elapsed())
    );
    let (health, risk) = (HealthModel::default(), RiskModel::default());

    let mut single = Vec::with_capacity(RUNS);
    let mut summary = Summary::default();
    for _ in 0..RUNS {
        let started = Instant::now();
        summary = score(&health, &risk, facts.per_account(), now);
        single.push(started.elapsed());
    }
    report("health + risk, 1 thread", &single);
    summary.print();

    let views: Vec<AccountFacts<'_>> = facts.per_account().collect();
    let mut split = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let (left, right) = views.split_at(views.len() / 2);
        std::thread::scope(|scope| {
            let other = scope.spawn(|| score(&health, &risk, right.iter().copied(), now));
            let mine = score(&health, &risk, left.iter().copied(), now);
            let theirs = other.join().expect("the other half is scored");
            assert_eq!(mine.scored + theirs.scored, summary.scored);
        });
        split.push(started.elapsed());
    }
    report("health + risk, 2 threads", &split);

    let best = single.iter().min().copied().unwrap_or_default();
    assert!(best < Duration::from_secs(1), "one pass took {best:?}: the budget is well under a second");
}

#[derive(Debug, Default)]
struct Summary {
    scored: usize,
    no_data: usize,
    bands: BTreeMap<Band, usize>,
    levels: BTreeMap<RiskLevel, usize>,
    revenue_at_risk: BTreeMap<Currency, i128>,
}

impl Summary {
    fn print(&self) {
        println!("  scored {} accounts, {} without data", self.scored, self.no_data);
        println!("  bands {:?}", self.bands);
        println!("  levels {:?}", self.levels);
        for (currency, minor) in &self.revenue_at_risk {
            let whole = i64::try_from(*minor).unwrap_or(i64::MAX);
            println!("  revenue at risk {}", Money::new(whole, *currency).compact());
        }
    }
}

/// What the portfolio screen keeps of each account: its shown score, band,
/// level and MRR, summed up.
fn score<'a>(
    health: &HealthModel,
    risk: &RiskModel,
    accounts: impl Iterator<Item = AccountFacts<'a>>,
    now: Timestamp,
) -> Summary {
    let mut summary = Summary::default();
    let mut high = Vec::new();
    for account in accounts {
        let scored = health.score(account, now);
        let assessed = risk.assess(account, &scored, now);
        summary.scored += 1;
        match scored.band() {
            Some(band) => *summary.bands.entry(band).or_default() += 1,
            None => summary.no_data += 1,
        }
        *summary.levels.entry(assessed.level()).or_default() += 1;
        high.push((account.account.mrr, assessed.level()));
    }
    summary.revenue_at_risk = revenue_at_risk(high);
    summary
}

fn report(what: &str, runs: &[Duration]) {
    let mut sorted = runs.to_vec();
    sorted.sort();
    let per_account = sorted[0].as_nanos() as f64 / ACCOUNTS as f64;
    println!(
        "{what}: best {:.1} ms, median {:.1} ms ({per_account:.0} ns per account)",
        ms(sorted[0]),
        ms(sorted[sorted.len() / 2])
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// A deterministic portfolio of the size: per account on average 10
/// tickets, 5 survey answers, 15 weekly usage snapshots, 3 contacts, a few
/// tasks, 2 MRR changes and 60 stored daily scores.
fn portfolio(now: Timestamp) -> Facts {
    let today = utc_date(now);
    let mut rng = Lcg(2026);
    let mut facts = Facts::default();
    for index in 0..ACCOUNTS {
        let account = AccountId(index as i64 + 1);
        let stage = LifecycleStage::ALL[rng.below(LifecycleStage::ALL.len() as u64) as usize];
        facts.accounts.push(AccountFact {
            account,
            owner: SafeText::default(),
            plan: SafeText::default(),
            stage,
            mrr: Money::new(rng.below(500_000) as i64, [Currency::USD, Currency::EUR][rng.below(2) as usize]),
            renewal_date: rng.chance(80).then(|| add_days(today, rng.below(365) as i64 - 20)),
            created_at: add_days_to(now, -400),
        });
        let ago = |days: u64| add_days_to(now, -(days as i64));
        let fact_ago = |days: u64| FactTime::from(ago(days));
        for _ in 0..rng.around(10) {
            let status = TicketStatus::ALL[rng.below(6) as usize];
            let created = rng.below(500);
            facts.tickets.push(TicketFact {
                account,
                status,
                priority: TicketPriority::ALL[rng.below(4) as usize],
                created_at: fact_ago(created),
                first_reply_at: None,
                solved_at: (!status.is_open()).then(|| fact_ago(created / 2)),
                sla_due_at: rng.chance(70).then(|| fact_ago(rng.below(10))),
                satisfaction: rng.chance(30).then(|| Satisfaction::ALL[rng.below(3) as usize]),
            });
        }
        for _ in 0..rng.around(5) {
            let answer = match rng.below(3) {
                0 => SurveyAnswer::Nps(rng.below(11) as u8),
                1 => SurveyAnswer::Csat(1 + rng.below(5) as u8),
                _ => SurveyAnswer::Ces(1 + rng.below(7) as u8),
            };
            facts.surveys.push(SurveyFact {
                account,
                answer,
                at: fact_ago(rng.below(540)),
                loop_closed: rng.chance(50),
                on_ticket: false,
            });
        }
        let seats = 1 + rng.below(200) as u32;
        for week in 0..rng.around(15) {
            let active_users = rng.below(u64::from(seats) + 1) as u32;
            facts.usage.push(UsageFact {
                account,
                day: add_days(today, -1 - 7 * week as i64),
                active_users,
                seats,
                logins: active_users * rng.below(5) as u32,
                key_feature_uses: active_users * rng.below(4) as u32,
            });
        }
        for _ in 0..rng.around(3) {
            facts.contacts.push(ContactFact {
                account,
                champion: rng.chance(30),
                last_seen_at: rng.chance(90).then(|| fact_ago(rng.below(200))),
            });
        }
        for _ in 0..rng.below(4) {
            facts.tasks.push(TaskFact {
                account,
                status: TaskStatus::ALL[rng.below(3) as usize],
                due: Some(add_days(today, rng.below(60) as i64 - 30)),
                onboarding: rng.chance(50),
            });
        }
        for _ in 0..rng.around(2) {
            facts.mrr_changes.push(MrrChange {
                account,
                at: ago(rng.below(400)),
                mrr_minor: rng.below(500_000) as i64,
            });
        }
        for day in 0..60 {
            facts.health.push(HealthPoint {
                account,
                day: add_days(today, -1 - day),
                score: rng.below(101) as u8,
            });
        }
    }
    facts.sort();
    facts
}

/// A small linear congruential generator: the bench needs reproducible
/// numbers, not good randomness.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }

    /// A count that averages `mean` (0 to 2 × mean).
    fn around(&mut self, mean: u64) -> u64 {
        self.below(2 * mean + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}
