//! The large workspace the store and portfolio benchmarks share: a demo of
//! 100,000 accounts (or KEEPERS_BENCH_ACCOUNTS) and 1,000,000 tickets,
//! seed 2026, anchor day 2026-11-25, with two months of daily health
//! snapshots, generated once into target/bench-workspaces/.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use keepers::demo::{self, DemoSpec};
use keepers::model::time::add_days;
use keepers::model::{AccountId, LifecycleStage};
use keepers::store::{AccountColumn, AccountSort, Store};

pub const TODAY: Date = Date::constant(2026, 11, 25);
const SEED: u64 = 2026;
/// Days of health snapshots saved: twice what the facts hold.
const HEALTH_DAYS: i64 = 60;

/// The workspace for `accounts` accounts, generated on first use.
pub fn workspace(accounts: usize) -> PathBuf {
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
pub fn scored_accounts(store: &Store) -> Vec<AccountId> {
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    let summaries = store.account_summaries(by_name).expect("the accounts load");
    summaries
        .into_iter()
        .filter(|account| account.stage != LifecycleStage::Reach)
        .map(|account| account.id)
        .collect()
}

/// A made-up score per account for the day `days_ago` days before the anchor.
pub fn scores(accounts: &[AccountId], days_ago: i64) -> Vec<(AccountId, u8)> {
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
