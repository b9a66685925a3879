//! Actions on the 100,000-account workspace: one note (the change, its
//! outbox row and undo record in one transaction), a bulk stage change on
//! 10,000 accounts and its undo, a run of the shipped playbooks (first and
//! second), and the pusher's throughput against a loopback backend.
//!
//! Works on a copy of the console benchmark's workspace, which it leaves
//! as it was. `cargo bench --bench actions`.

#[path = "support/console_workspace.rs"]
mod console_workspace;
#[path = "support/memory.rs"]
mod memory;

use std::time::{Duration, Instant};

use jiff::Timestamp;
use keepers::connectors::WebhookConnector;
use keepers::connectors::http::HttpClient;
use keepers::model::{AccountId, Change, FieldCap, LifecycleStage, SafeText};
use keepers::playbooks::{Playbooks, run_triggers};
use keepers::store::{Actor, Keyed, Store};
use keepers::sync::backoff::RandomDraws;
use keepers::sync::pusher::push_all;

const ACCOUNTS: usize = 100_000;
const NOTES: usize = 300;
const BULK: i64 = 10_000;
const PUSHED: usize = 2_000;

fn main() {
    let source = console_workspace::workspace(ACCOUNTS);
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("actions.db");
    std::fs::copy(&source, &path).expect("a copy of the workspace");
    let store = Store::open(&path).expect("the copy opens");
    let me = SafeText::line("Bench", FieldCap::NAME);
    println!("workspace: {ACCOUNTS} accounts (seed 1), a copy of {}", source.display());

    let mut times = Vec::new();
    for index in 0..NOTES {
        let body = SafeText::line(&format!("bench note {index}"), FieldCap::COMMENT);
        let note = Keyed::new(Change::Note { account: AccountId(1 + index as i64), body }).expect("a key");
        let started = Instant::now();
        store
            .apply(&[note], Actor { name: &me, at: Timestamp::now(), backend: false, pushes_to: &[] }, "note")
            .expect("applied");
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "one note (change + outbox row + undo, one transaction): p50 {:.2} ms, p99 {:.2} ms over {NOTES}",
        ms(times[NOTES / 2]),
        ms(times[NOTES * 99 / 100])
    );

    let changes: Vec<Keyed> = (1..=BULK)
        .map(|id| {
            let change = Change::SetStage {
                account: AccountId(id),
                stage: LifecycleStage::Churned,
                reason: SafeText::default(),
            };
            Keyed::new(change).expect("a key")
        })
        .collect();
    let started = Instant::now();
    let applied = store
        .apply(
            &changes,
            Actor { name: &me, at: Timestamp::now(), backend: false, pushes_to: &[] },
            "bulk stage",
        )
        .expect("applied");
    let apply_time = started.elapsed();
    let started = Instant::now();
    let undone = store.undo(applied.batch.expect("a batch"), Timestamp::now()).expect("undone");
    println!(
        "bulk stage change on {BULK} accounts: {} changed, {} skipped in {:.0} ms; undo {undone:?} in {:.0} ms",
        applied.items.len(),
        applied.skipped.len(),
        ms(apply_time),
        ms(started.elapsed())
    );

    let playbooks = Playbooks::shipped().expect("the shipped playbooks");
    let started = Instant::now();
    let first = run_triggers(&store, &playbooks, Timestamp::now(), false).expect("a run");
    let first_time = started.elapsed();
    let started = Instant::now();
    let second = run_triggers(&store, &playbooks, Timestamp::now(), false).expect("a run");
    println!(
        "playbooks, first run (14 days back): {} planned, {} made in {:.0} ms; second run: {} planned, {} made in {:.0} ms",
        first.planned,
        first.created,
        ms(first_time),
        second.planned,
        second.created,
        ms(started.elapsed())
    );

    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("tokio");
    let server = runtime.block_on(async {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::method("POST"))
            .respond_with(wiremock::ResponseTemplate::new(201))
            .mount(&server)
            .await;
        server
    });
    let notes: Vec<Keyed> = (0..PUSHED)
        .map(|index| {
            let body = SafeText::line(&format!("pushed note {index}"), FieldCap::COMMENT);
            Keyed::new(Change::Note { account: AccountId(1 + (index % 500) as i64), body }).expect("a key")
        })
        .collect();
    store
        .apply(&notes, Actor { name: &me, at: Timestamp::now(), backend: true, pushes_to: &[] }, "to push")
        .expect("applied");
    let connector =
        WebhookConnector::new(HttpClient::new().expect("a client"), &format!("{}/hook", server.uri()), None)
            .expect("a loopback URL");
    let mut draws = RandomDraws::from_seed(1);
    let started = Instant::now();
    let report =
        runtime.block_on(push_all(&store, &connector, &mut draws, Duration::from_secs(60))).expect("pushed");
    let elapsed = started.elapsed();
    println!(
        "pusher to a loopback backend: {} items in {:.2} s, {:.0} items/s (one request at a time, in order per record)",
        report.pushed,
        elapsed.as_secs_f64(),
        report.pushed as f64 / elapsed.as_secs_f64()
    );
    println!("peak RSS {} MB", memory::peak_rss_kib() / 1024);
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
