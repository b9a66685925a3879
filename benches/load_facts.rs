//! How long `Store::load_facts` takes on a large workspace: 100,000
//! accounts and 1,000,000 tickets, with their surveys, usage, contacts,
//! tasks, purchases and MRR history, and two months of daily health
//! snapshots. Prints the wall time of each load and, from the store's debug
//! log, the rows and time of each kind; and how long saving one day's health
//! scores of every account takes when they replace the day's saved ones.
//!
//! Run with `cargo bench --bench load_facts`; the workspace is generated
//! once into target/bench-workspaces/ (seed 2026, anchor day 2026-11-25).
//! Set KEEPERS_BENCH_ACCOUNTS to try another size. The run that generates
//! the workspace is slower, as the kernel is still writing the new file out:
//! record the figures of a run after it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::Date;
use keepers::demo::{self, DemoSpec};
use keepers::model::time::add_days;
use keepers::model::{AccountId, LifecycleStage};
use keepers::store::{AccountColumn, AccountSort, Store};

const TODAY: Date = Date::constant(2026, 11, 25);
const SEED: u64 = 2026;
const LOADS: usize = 5;
/// Days of health snapshots saved before the loads: twice what the facts hold.
const HEALTH_DAYS: i64 = 60;

fn main() {
    let accounts: usize =
        std::env::var("KEEPERS_BENCH_ACCOUNTS").ok().and_then(|value| value.parse().ok()).unwrap_or(100_000);
    let path = workspace(accounts);
    // The store logs each kind's rows and time at debug level.
    tracing_subscriber::fmt()
        .with_env_filter("keepers::store=debug")
        .without_time()
        .with_target(false)
        .with_ansi(false)
        .init();

    let mut store = Store::open(&path).expect("the bench workspace opens");
    for load in 1..=LOADS {
        let started = Instant::now();
        let facts = store.load_facts().expect("the facts load");
        let elapsed = started.elapsed();
        println!(
            "load {load}: {:.1} ms — {} accounts, {} tickets, {} surveys, {} usage, {} contacts, \
             {} tasks, {} purchases, {} MRR changes, {} health points",
            elapsed.as_secs_f64() * 1e3,
            facts.accounts.len(),
            facts.tickets.len(),
            facts.surveys.len(),
            facts.usage.len(),
            facts.contacts.len(),
            facts.tasks.len(),
            facts.purchases.len(),
            facts.mrr_changes.len(),
            facts.health.len(),
        );
        println!();
    }

    let scores = scores(&scored_accounts(&store), 0);
    let started = Instant::now();
    store.save_health_snapshots(TODAY, &scores).expect("the scores save");
    println!(
        "replacing today's health scores of {} accounts: {:.0} ms",
        scores.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
}

fn workspace(accounts: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-workspaces");
    std::fs::create_dir_all(&dir).expect("the bench directory");
    let path = dir.join(format!("facts-{accounts}.db"));
    if !path.exists() {
        println!("generating {accounts} accounts into {} …", path.display());
        let spec = DemoSpec::new(SEED, accounts, TODAY);
        demo::generate(&path, &spec, &mut |_| {}).expect("the demo generates");
        save_health_snapshots(&path);
    }
    path
}

/// Every account but those only just reached, as a daily health job would
/// score them.
fn scored_accounts(store: &Store) -> Vec<AccountId> {
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    let summaries = store.account_summaries(by_name).expect("the accounts load");
    summaries
        .into_iter()
        .filter(|account| account.stage != LifecycleStage::Reach)
        .map(|account| account.id)
        .collect()
}

/// A made-up score per account for the day `days_ago` days before the anchor.
fn scores(accounts: &[AccountId], days_ago: i64) -> Vec<(AccountId, u8)> {
    accounts.iter().map(|id| (*id, ((id.0 * 37 + days_ago * 11) % 101) as u8)).collect()
}

fn save_health_snapshots(path: &Path) {
    let mut store = Store::open(path).expect("the bench workspace opens");
    let accounts = scored_accounts(&store);
    for days_ago in (0..HEALTH_DAYS).rev() {
        store
            .save_health_snapshots(add_days(TODAY, -days_ago), &scores(&accounts, days_ago))
            .expect("the scores save");
    }
    println!("saved {HEALTH_DAYS} days of health scores of {} accounts", accounts.len());
}
