//! The workspace the console and search benchmarks share: a demo of
//! 100,000 accounts (or the size asked for) and 1,000,000 tickets, seed 1,
//! anchored today, generated once into target/bench-workspaces/.

use std::path::PathBuf;

use jiff::Timestamp;
use keepers::demo::{self, DemoSpec};
use keepers::model::time;

/// The console benchmark's workspace, generated on first use.
pub fn workspace(accounts: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-workspaces");
    std::fs::create_dir_all(&dir).expect("the bench directory");
    let path = dir.join(format!("console-{accounts}.db"));
    if !path.exists() {
        let today = time::utc_date(Timestamp::now());
        println!("generating {accounts} accounts into {} …", path.display());
        demo::generate(&path, &DemoSpec::new(1, accounts, today), &mut |_| {}).expect("the demo generates");
    }
    path
}
