//! kill -9 at random moments, and nothing confirmed is lost.
//!
//! A fake backend on loopback records the idempotency key of every push
//! (and answers slowly, so kills land mid-request). The test runs
//! `keepers act note … --json` and `keepers outbox push`, killing each with
//! SIGKILL after a random delay — during the local write, or during a push —
//! then lets a last push finish and checks that every confirmed action
//! reached the backend, exactly once per idempotency key; that every note
//! written has its outbox row and every row its note (nothing
//! half-written); and that `PRAGMA integrity_check` is ok.
//!
//! `cargo test --test crash` does 10 kills; `cargo test --test crash --
//! --kills 200 [--seed N]` is the stress run recorded in BENCHMARKS.md.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::backend::FakeBackend;
use common::{command_on, demo_workspace, keepers_on, write_private};

const ACCOUNTS: u64 = 20;

struct Options {
    kills: u32,
    seed: u64,
}

fn options() -> Options {
    let mut options = Options { kills: 10, seed: 0 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().and_then(|text| text.parse::<u64>().ok());
        match arg.as_str() {
            "--kills" => options.kills = value().and_then(|kills| u32::try_from(kills).ok()).unwrap_or(10),
            "--seed" => options.seed = value().unwrap_or(0),
            // What cargo test passes to every test binary.
            _ => {}
        }
    }
    if options.seed == 0 {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos());
        options.seed = (nanos as u64) | 1;
    }
    options
}

/// xorshift64*: the kills' timing, repeatable from the printed seed.
struct Draws(u64);

impl Draws {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % bound
    }
}

fn spawn(workspace: &Path, args: &[&str]) -> Child {
    command_on(workspace, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("keepers starts")
}

/// Kills `child` with SIGKILL after `delay` unless it ended first; its
/// output if it ended on its own with success.
fn kill_after(mut child: Child, delay: Duration) -> Option<String> {
    let deadline = Instant::now() + delay;
    while Instant::now() < deadline {
        if child.try_wait().expect("the child").is_some() {
            let output = child.wait_with_output().expect("its output");
            return output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned());
        }
        sleep(Duration::from_millis(1));
    }
    // Child::kill sends SIGKILL on Unix: no handler, no cleanup.
    let _ = child.kill();
    let output = child.wait_with_output().expect("its output");
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn main() {
    let options = options();
    println!("crash test: {} kills, seed {}", options.kills, options.seed);
    let backend = FakeBackend::accepting(Duration::from_millis(15));
    let (dir, workspace) = demo_workspace(11, ACCOUNTS as usize);
    // keepers_on's keepers.toml: the fake backend is where actions go.
    let config = dir.path().join("config/keepers");
    std::fs::create_dir_all(&config).expect("the config folder");
    write_private(&config.join("keepers.toml"), &backend.push_config());

    let mut draws = Draws(options.seed);
    let mut confirmed = BTreeSet::new();
    // How long one action takes here, so the kills spread over its run.
    let started = Instant::now();
    let first = keepers_on(&workspace, &["act", "note", "#1", "crash test note before the kills", "--json"]);
    let act_time = started.elapsed();
    confirmed.insert(key_of(&String::from_utf8_lossy(&first.stdout)));
    let window = |draws: &mut Draws, length: Duration| {
        Duration::from_micros(draws.below(u64::try_from(length.as_micros()).unwrap_or(u64::MAX).max(1)))
    };
    let (mut during_writes, mut during_pushes) = (0, 0);
    for kill in 0..options.kills {
        if kill % 2 == 0 {
            let account = format!("#{}", 1 + draws.below(ACCOUNTS));
            let text = format!("crash test note {kill}");
            let child = spawn(&workspace, &["act", "note", &account, &text, "--json"]);
            match kill_after(child, window(&mut draws, act_time)) {
                Some(stdout) => {
                    confirmed.insert(key_of(&stdout));
                }
                None => during_writes += 1,
            }
        } else {
            let child = spawn(&workspace, &["outbox", "push"]);
            // Long enough to start, short enough to stop mid-way: each push
            // takes the backend's 15 ms.
            if kill_after(child, window(&mut draws, act_time + Duration::from_millis(60))).is_none() {
                during_pushes += 1;
            }
        }
    }
    let last = keepers_on(&workspace, &["outbox", "push", "--patience", "30"]);
    assert!(last.status.success(), "{}", String::from_utf8_lossy(&last.stderr));

    let connection = rusqlite::Connection::open(&workspace).expect("the workspace");
    let integrity: String =
        connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("checked");
    assert_eq!(integrity, "ok");
    let states: Vec<String> = query(&connection, "SELECT DISTINCT state FROM outbox");
    assert!(states.iter().all(|state| state == "done"), "every item was pushed: {states:?}");
    let written: BTreeSet<String> =
        query(&connection, "SELECT idempotency_key FROM outbox").into_iter().collect();
    let notes: Vec<String> = query(&connection, "SELECT body FROM notes WHERE body LIKE 'crash test note %'");
    assert_eq!(notes.len(), written.len(), "every note has its outbox row and every row its note");
    let orphans: Vec<String> = query(
        &connection,
        "SELECT o.idempotency_key FROM outbox o WHERE NOT EXISTS \
         (SELECT 1 FROM notes n WHERE n.id = o.payload ->> '$.note_id')",
    );
    assert!(orphans.is_empty(), "outbox rows without their note: {orphans:?}");
    assert!(confirmed.is_subset(&written), "a confirmed action is missing from the workspace");

    let requests = backend.requests();
    let deliveries: Vec<String> = requests
        .iter()
        .filter_map(|request| request.headers.get("idempotency-key"))
        .map(|key| key.to_str().expect("text").to_owned())
        .collect();
    let applied: BTreeSet<String> = deliveries.iter().cloned().collect();
    assert_eq!(applied, written, "the backend applied exactly the actions written, each under its one key");
    println!(
        "crash test: {} runs ({during_writes} acts and {during_pushes} pushes killed before they ended), {} actions \
         confirmed, {} written, {} applied by the backend, {} repeated deliveries absorbed by their keys; \
         integrity ok",
        options.kills,
        confirmed.len(),
        written.len(),
        applied.len(),
        deliveries.len() - applied.len()
    );
    drop(dir);
}

/// The idempotency key `keepers act … --json` printed.
fn key_of(stdout: &str) -> String {
    let answer: serde_json::Value = serde_json::from_str(stdout).expect("JSON when it succeeded");
    answer["outbox"]["idempotency_key"].as_str().expect("a key").to_owned()
}

fn query(connection: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut statement = connection.prepare(sql).expect("a query");
    let rows = statement.query_map([], |row| row.get(0)).expect("rows");
    rows.collect::<Result<_, _>>().expect("values")
}
