//! Snapshots of every screen on ratatui's TestBackend, at 120×40 and 80×24,
//! on a small demo workspace with a fixed seed and a fixed "today", driven
//! through the real app core and effect code — everything but the terminal.

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use keepers::app::keys::{Key, KeyCode};
use keepers::app::{Action, Outcome, State, start, update};
use keepers::console::perform_effect;
use keepers::demo::{self, DemoSpec};
use keepers::store::Store;
use keepers::ui::{self, Theme};

const TODAY: Date = Date::constant(2026, 11, 25);

fn now() -> Timestamp {
    "2026-11-25T12:00:00Z".parse().expect("a valid instant")
}

struct Harness {
    _dir: tempfile::TempDir,
    store: Store,
    state: State,
}

impl Harness {
    fn demo(width: u16, height: u16) -> Harness {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("demo.db");
        demo::generate(&path, &DemoSpec::new(7, 60, TODAY), &mut |_| {}).expect("the demo generates");
        Harness::open(dir, &path, width, height)
    }

    fn empty(width: u16, height: u16) -> Harness {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("default.db");
        Harness::open(dir, &path, width, height)
    }

    fn open(dir: tempfile::TempDir, path: &std::path::Path, width: u16, height: u16) -> Harness {
        let store = Store::open(path).expect("the workspace opens");
        let mut state = State::new(now(), width, height, "demo.db".into());
        let outcome = start(&mut state);
        let mut harness = Harness { _dir: dir, store, state };
        harness.run(outcome);
        harness
    }

    /// Carries out effects until none are left, as the console would.
    fn run(&mut self, outcome: Outcome) {
        let mut pending = outcome.effects;
        while let Some(effect) = pending.pop() {
            let action = perform_effect(&self.store, effect);
            pending.extend(update(&mut self.state, action).effects);
        }
    }

    fn press(&mut self, key: Key) -> &mut Harness {
        let outcome = update(&mut self.state, Action::Key(key));
        self.run(outcome);
        self
    }

    fn screen(&self) -> String {
        let mut terminal =
            Terminal::new(TestBackend::new(self.state.width, self.state.height)).expect("a test terminal");
        terminal.draw(|frame| ui::draw(frame, &self.state, &Theme::dark())).expect("the frame draws");
        terminal.backend().to_string()
    }
}

#[test]
fn accounts_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let harness = Harness::demo(width, height);
        insta::assert_snapshot!(format!("accounts_{width}x{height}"), harness.screen());
    }
}

#[test]
fn accounts_sorted_by_mrr_descending() {
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::char('4')).press(Key::char('4'));
    insta::assert_snapshot!("accounts_by_mrr_120x40", harness.screen());
}

#[test]
fn account_detail_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('j')).press(Key::char('j')).press(Key::plain(KeyCode::Enter));
        insta::assert_snapshot!(format!("account_{width}x{height}"), harness.screen());
    }
}

#[test]
fn help_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('?'));
        insta::assert_snapshot!(format!("help_{width}x{height}"), harness.screen());
    }
}

#[test]
fn command_line_prompt() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char(':'));
        for c in "sort mrr desc".chars() {
            harness.press(Key::char(c));
        }
        insta::assert_snapshot!(format!("command_line_{width}x{height}"), harness.screen());
    }
}

#[test]
fn empty_workspace_screen() {
    let harness = Harness::empty(120, 40);
    insta::assert_snapshot!("empty_120x40", harness.screen());
}

#[test]
fn too_small_terminal() {
    let mut harness = Harness::demo(120, 40);
    let outcome = update(&mut harness.state, Action::Resize { width: 60, height: 20 });
    harness.run(outcome);
    insta::assert_snapshot!("too_small_60x20", harness.screen());
}
