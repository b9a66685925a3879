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

use std::time::Instant;

use keepers::store::Store;

#[path = "support/workspace.rs"]
mod workspace;

use workspace::{TODAY, scored_accounts, scores, workspace};

const LOADS: usize = 5;

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
        let facts = store.load_facts(TODAY).expect("the facts load");
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
