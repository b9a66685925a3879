//! The whole portfolio, as `keepers metrics` and the dashboard compute it,
//! on a large workspace: load every fact, score every account's health and
//! churn risk, compute every KPI over 90 days and the RFM segments; and one
//! account recomputed after one new event (a survey answer), as the console
//! will after an action.
//!
//! Run with `cargo bench --bench portfolio`. The workspace (100,000 accounts,
//! 1,000,000 tickets, two months of health snapshots) is shared with the
//! load_facts benchmark; KEEPERS_BENCH_ACCOUNTS picks another size.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use keepers::metrics::kpi_lines::kpi_lines;
use keepers::metrics::portfolio::{LtvSettings, kpis, members};
use keepers::metrics::{Edges, HealthModel, Interval, Order, RiskModel, rfm};
use keepers::model::{FieldCap, SafeText, SurveyAnswer, SurveyId, SurveyResponse, time};
use keepers::store::Store;

#[path = "support/workspace.rs"]
mod workspace;

use workspace::{TODAY, scored_accounts, workspace};

#[path = "support/memory.rs"]
mod memory;

use memory::peak_rss_kib;

const RUNS: usize = 5;
const RECOMPUTES: usize = 200;

fn main() {
    let accounts: usize =
        std::env::var("KEEPERS_BENCH_ACCOUNTS").ok().and_then(|value| value.parse().ok()).unwrap_or(100_000);
    let path = workspace(accounts);
    let mut store = Store::open(&path).expect("the bench workspace opens");
    let now = time::start_of_day(TODAY);
    let period =
        Interval::new(time::add_days_to(now, -90), now, Edges::ExcludesStart).expect("a valid period");
    let (health, risk, ltv) = (HealthModel::default(), RiskModel::default(), LtvSettings::default());

    for run in 1..=RUNS {
        let started = Instant::now();
        let facts = store.load_facts(TODAY).expect("the facts load");
        let loaded = started.elapsed();
        if run == 1 {
            println!("peak resident memory after the first load: {} MB", peak_rss_kib() / 1024);
        }
        let scored = members(&facts, &health, &risk, now);
        let assessed = started.elapsed();
        let lines = kpi_lines(&kpis(&scored, period, now, &ltv));
        let computed = started.elapsed();
        let orders: Vec<Order> = facts.purchases.iter().map(Order::from).collect();
        let segments = rfm(&orders, now);
        let total = started.elapsed();
        println!(
            "run {run}: load {:.0} ms + health and risk {:.0} ms + KPIs {:.0} ms + RFM {:.0} ms = {:.0} ms \
             ({} accounts, {} tickets, {} survey answers, {} KPI lines, {} RFM customers)",
            ms(loaded),
            ms(assessed - loaded),
            ms(computed - assessed),
            ms(total - computed),
            ms(total),
            facts.accounts.len(),
            facts.tickets.len(),
            facts.surveys.len(),
            lines.len(),
            segments.customers.len()
        );
    }
    println!("peak resident memory after the portfolio runs: {} MB", peak_rss_kib() / 1024);

    let accounts = scored_accounts(&store);
    let mut samples: Vec<Duration> = Vec::with_capacity(RECOMPUTES);
    for index in 0..RECOMPUTES {
        let account = accounts[(index * 7_919) % accounts.len()];
        let answer = SurveyResponse {
            id: SurveyId::default(),
            account_id: account,
            contact_id: None,
            ticket_id: None,
            answer: SurveyAnswer::Nps((index % 11) as u8),
            comment: SafeText::line("benchmark answer", FieldCap::COMMENT),
            responded_at: Timestamp::now(),
            loop_closed: None,
        };
        let mut writer = store.bulk().expect("a write transaction");
        writer.insert_survey(&answer).expect("the answer saves");
        writer.commit().expect("the answer commits");
        let started = Instant::now();
        let facts = store.load_account_facts(account, TODAY).expect("the account's facts load");
        let view = facts.per_account().next().expect("the account is there");
        let scored = health.score(view, now);
        let assessed = risk.assess(view, &scored, now);
        std::hint::black_box((scored.shown_score(), assessed.level()));
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    println!(
        "one account recomputed after a new survey answer (load its facts, health, risk), n={RECOMPUTES}: \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}
