//! How long the console takes from a key to a drawn frame on a large
//! workspace, without a terminal: `update`, the effects it asks for, and a
//! full draw on a 120×40 TestBackend. Also the time from opening the
//! workspace to the first frame with its accounts, the time to compute
//! every queue when the queues screen first opens and the dashboard (both
//! off the UI task in the console, which shows the screen at once), and
//! the peak memory.
//!
//! Run with `cargo bench --bench console_frames`; the workspace (100k
//! accounts, 1M tickets) is generated once into target/bench-workspaces/.
//! Set KEEPERS_BENCH_ACCOUNTS to try another size.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use keepers::app::keys::{Key, KeyCode};
use keepers::app::{Action, Outcome, QueueScreen, State, start, update};
use keepers::config::health::HealthConfig;
use keepers::config::queues::QueuesConfig;
use keepers::console::{Sources, settle};
use keepers::metrics::portfolio::LtvSettings;
use keepers::store::Store;
use keepers::ui::{self, Theme};

#[path = "support/console_workspace.rs"]
mod console_workspace;
#[path = "support/memory.rs"]
mod memory;

use console_workspace::workspace;

use memory::peak_rss_kib;

/// How many times the workspace is opened for the first-frame figure.
const OPENS: usize = 5;

fn main() {
    let accounts: usize =
        std::env::var("KEEPERS_BENCH_ACCOUNTS").ok().and_then(|value| value.parse().ok()).unwrap_or(100_000);
    let path = workspace(accounts);

    // Opened a few times: the first open after another process wrote may
    // also checkpoint its write-ahead log.
    let mut first_frames = Vec::new();
    let (bench, mut state, mut terminal) = loop {
        let opened = Instant::now();
        let store = Store::open(&path).expect("the bench workspace opens");
        let queues = QueuesConfig::shipped().expect("the shipped queues");
        let mut state = State::new(Timestamp::now(), 120, 40, "bench".into());
        state.queues = QueueScreen::new(
            queues.queues.iter().map(|queue| (queue.id.clone(), queue.title.to_string())).collect(),
        );
        let bench = Bench {
            store,
            sources: Sources {
                models: HealthConfig::default(),
                queues: Mutex::new(queues),
                queues_path: std::env::temp_dir().join("keepers-bench-queues.toml"),
                me: String::new(),
                ltv: LtvSettings::default(),
                pushes: false,
                pushes_to: Vec::new(),
                playbooks: keepers::playbooks::Playbooks::default(),
                clock: jiff::Timestamp::now,
            },
        };
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
        let outcome = start(&mut state);
        bench.run_effects(&mut state, outcome);
        draw(&mut terminal, &state);
        first_frames.push(ms(opened.elapsed()));
        if first_frames.len() == OPENS {
            break (bench, state, terminal);
        }
    };
    println!("workspace: {} ({accounts} accounts)", path.display());
    println!(
        "open → first frame with accounts, {OPENS} opens: {}",
        first_frames.iter().map(|ms| format!("{ms:.1} ms")).collect::<Vec<_>>().join(", ")
    );

    let down = bench.measure(&mut state, &mut terminal, 2_000, &[Key::char('j')]);
    report("move down (j)", &down);
    let page = bench.measure(&mut state, &mut terminal, 500, &[Key::plain(KeyCode::PageDown)]);
    report("page down", &page);
    let open = bench.measure_pairs(&mut state, &mut terminal, 200);
    report("open account (enter) + back (esc)", &open);
    let sort = bench.measure(&mut state, &mut terminal, 20, &[Key::char('r')]);
    report("re-sort (r)", &sort);
    let filter = typed_filter("health < 50 and plan:enterprise");
    let accounts_filter = bench.measure(&mut state, &mut terminal, 10, &filter);
    report("accounts: apply a filter", &accounts_filter);
    bench.press(&mut state, &mut terminal, Key::plain(KeyCode::Esc));
    println!("peak resident memory before the queues: {} MB", peak_rss_kib() / 1024);

    let queues_open = bench.measure(&mut state, &mut terminal, 1, &[Key::char('Q')]);
    report("open the queues, computing every queue", &queues_open);
    let switch = bench.measure(&mut state, &mut terminal, 500, &[Key::plain(KeyCode::Tab)]);
    report("switch queue (tab)", &switch);
    let queue_down = bench.measure(&mut state, &mut terminal, 2_000, &[Key::char('j')]);
    report("queue: move down (j)", &queue_down);
    let queue_sort = bench.measure(&mut state, &mut terminal, 50, &[Key::char('s')]);
    report("queue: sort by next column (s)", &queue_sort);
    let queue_filter = bench.measure(&mut state, &mut terminal, 10, &filter);
    report("queue: apply a filter", &queue_filter);
    let queue_switch_filtered = bench.measure(&mut state, &mut terminal, 500, &[Key::plain(KeyCode::Tab)]);
    report("queue: switch queue, filtered", &queue_switch_filtered);
    println!("peak resident memory with the queues: {} MB", peak_rss_kib() / 1024);

    let dashboard = bench.measure(&mut state, &mut terminal, 1, &[Key::char('D')]);
    report("open the dashboard, computing it", &dashboard);
    let tiles = bench.measure(&mut state, &mut terminal, 500, &[Key::plain(KeyCode::Tab)]);
    report("dashboard: next tile (tab)", &tiles);
    let owner = bench.measure(&mut state, &mut terminal, 3, &[Key::char('o')]);
    report("dashboard: next owner (o), recomputed", &owner);
    println!("peak resident memory with the dashboard: {} MB", peak_rss_kib() / 1024);
}

/// The keys that type `/text` and Enter; the time measured is the Enter's.
fn typed_filter(text: &str) -> Vec<Key> {
    // `/` offers the filter in effect for editing; ctrl-u empties the line.
    let mut keys = vec![Key::char('/'), Key::ctrl('u')];
    keys.extend(text.chars().map(Key::char));
    keys.push(Key::plain(KeyCode::Enter));
    keys
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal.draw(|frame| ui::draw(frame, state, &Theme::dark())).expect("the frame draws");
}

/// The store and what the loads read, as the console's effect runner has
/// them.
struct Bench {
    store: Store,
    sources: Sources,
}

impl Bench {
    fn run_effects(&self, state: &mut State, outcome: Outcome) {
        settle(&self.store, &self.sources, state, outcome);
    }

    /// One key as the console handles it: `update` and a frame at once
    /// (what the user sees first), then the effects it asked for and a
    /// frame with their results.
    fn press(&self, state: &mut State, terminal: &mut Terminal<TestBackend>, key: Key) -> Timing {
        let started = Instant::now();
        let outcome = update(state, Action::Key(key));
        draw(terminal, state);
        let frame = started.elapsed();
        if outcome.effects.is_empty() {
            return Timing { frame, result: frame };
        }
        self.run_effects(state, outcome);
        draw(terminal, state);
        Timing { frame, result: started.elapsed() }
    }

    /// Presses `keys` `count` times over; each sample is the timing of the
    /// last key of the sequence, the ones before it only set it up.
    fn measure(
        &self,
        state: &mut State,
        terminal: &mut Terminal<TestBackend>,
        count: usize,
        keys: &[Key],
    ) -> Vec<Timing> {
        let (last, setup) = keys.split_last().expect("at least one key");
        (0..count)
            .map(|_| {
                for key in setup {
                    self.press(state, terminal, *key);
                }
                self.press(state, terminal, *last)
            })
            .collect()
    }

    fn measure_pairs(
        &self,
        state: &mut State,
        terminal: &mut Terminal<TestBackend>,
        count: usize,
    ) -> Vec<Timing> {
        (0..count)
            .map(|_| {
                let open = self.press(state, terminal, Key::plain(KeyCode::Enter));
                let back = self.press(state, terminal, Key::plain(KeyCode::Esc));
                self.press(state, terminal, Key::char('j'));
                Timing { frame: open.frame.max(back.frame), result: open.result.max(back.result) }
            })
            .collect()
    }
}

/// How long a key took to its first frame, and to the frame showing the
/// result of the load it asked for (the same when it asked for none).
#[derive(Clone, Copy)]
struct Timing {
    frame: Duration,
    result: Duration,
}

fn report(what: &str, samples: &[Timing]) {
    let quantiles = |pick: fn(&Timing) -> Duration| {
        let mut sorted: Vec<Duration> = samples.iter().map(pick).collect();
        sorted.sort();
        let at = |q: f64| ms(sorted[((sorted.len() - 1) as f64 * q).round() as usize]);
        (at(0.5), at(0.99))
    };
    let (frame_p50, frame_p99) = quantiles(|timing| timing.frame);
    let (result_p50, result_p99) = quantiles(|timing| timing.result);
    println!(
        "{what:<38} n={:<5} key→frame p50 {frame_p50:>7.3} p99 {frame_p99:>7.3} ms   key→result p50 {result_p50:>8.3} p99 {result_p99:>8.3} ms",
        samples.len()
    );
}
fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}
