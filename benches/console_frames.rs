//! How long the console takes from a key to a drawn frame on a large
//! workspace, without a terminal: `update`, the effects it asks for, and a
//! full draw on a 120×40 TestBackend. Also the time from opening the
//! workspace to the first frame with its accounts.
//!
//! Run with `cargo bench --bench console_frames`; the workspace (100k
//! accounts, 1M tickets) is generated once into target/bench-workspaces/.
//! Set KEEPERS_BENCH_ACCOUNTS to try another size.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use keepers::app::keys::{Key, KeyCode};
use keepers::app::{Action, Outcome, State, start, update};
use keepers::config::health::HealthConfig;
use keepers::config::queues::QueuesConfig;
use keepers::console::{Sources, perform_effect};
use keepers::demo::{self, DemoSpec};
use keepers::model::time;
use keepers::store::Store;
use keepers::ui::{self, Theme};

#[path = "support/memory.rs"]
mod memory;

use memory::peak_rss_kib;

fn main() {
    let accounts: usize =
        std::env::var("KEEPERS_BENCH_ACCOUNTS").ok().and_then(|value| value.parse().ok()).unwrap_or(100_000);
    let path = workspace(accounts);

    let opened = Instant::now();
    let store = Store::open(&path).expect("the bench workspace opens");
    let mut state = State::new(Timestamp::now(), 120, 40, "bench".into());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let outcome = start(&mut state);
    run_effects(&store, &mut state, outcome);
    draw(&mut terminal, &state);
    let first_frame = opened.elapsed();
    println!("workspace: {} ({accounts} accounts)", path.display());
    println!("open → first frame with accounts: {:.1} ms", ms(first_frame));

    let down = measure(&store, &mut state, &mut terminal, 2_000, Key::char('j'));
    report("move down (j)", &down);
    let page = measure(&store, &mut state, &mut terminal, 500, Key::plain(KeyCode::PageDown));
    report("page down", &page);
    let open = measure_pairs(&store, &mut state, &mut terminal, 200);
    report("open account (enter) + back (esc)", &open);
    let sort = measure(&store, &mut state, &mut terminal, 20, Key::char('r'));
    report("re-sort (r), load included", &sort);
    println!("peak resident memory: {} MB", peak_rss_kib() / 1024);
}

fn workspace(accounts: usize) -> PathBuf {
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

fn run_effects(store: &Store, state: &mut State, outcome: Outcome) {
    let mut pending = outcome.effects;
    while let Some(effect) = pending.pop() {
        pending.extend(update(state, perform_effect(store, &sources(), effect)).effects);
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal.draw(|frame| ui::draw(frame, state, &Theme::dark())).expect("the frame draws");
}

fn press(store: &Store, state: &mut State, terminal: &mut Terminal<TestBackend>, key: Key) -> Duration {
    let started = Instant::now();
    let outcome = update(state, Action::Key(key));
    run_effects(store, state, outcome);
    draw(terminal, state);
    started.elapsed()
}

fn measure(
    store: &Store,
    state: &mut State,
    terminal: &mut Terminal<TestBackend>,
    count: usize,
    key: Key,
) -> Vec<Duration> {
    (0..count).map(|_| press(store, state, terminal, key)).collect()
}

fn measure_pairs(
    store: &Store,
    state: &mut State,
    terminal: &mut Terminal<TestBackend>,
    count: usize,
) -> Vec<Duration> {
    (0..count)
        .map(|_| {
            let open = press(store, state, terminal, Key::plain(KeyCode::Enter));
            let back = press(store, state, terminal, Key::plain(KeyCode::Esc));
            press(store, state, terminal, Key::char('j'));
            open.max(back)
        })
        .collect()
}

fn report(what: &str, samples: &[Duration]) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let at = |q: f64| ms(sorted[((sorted.len() - 1) as f64 * q).round() as usize]);
    println!(
        "{what:<36} n={:<5} p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms",
        sorted.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// What the loads read besides the store: the default models and no queues
/// (the frames measured here never open the queues screen).
fn sources() -> Sources {
    Sources {
        models: HealthConfig::default(),
        queues: QueuesConfig { queues: Vec::new() },
        me: String::new(),
    }
}
