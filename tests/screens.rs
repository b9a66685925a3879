//! Snapshots of every screen on ratatui's TestBackend, at 120×40 and 80×24,
//! on a small demo workspace with a fixed seed and a fixed "today", driven
//! through the real app core and effect code — everything but the terminal.

use std::sync::Mutex;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use keepers::app::keys::{Key, KeyCode};
use keepers::app::{Action, Outcome, QueueScreen, Screen, State, start, update};
use keepers::config::ThemeName;
use keepers::config::health::HealthConfig;
use keepers::config::queues::QueuesConfig;
use keepers::console::{Sources, settle};
use keepers::demo::{self, DemoSpec};
use keepers::metrics::portfolio::LtvSettings;
use keepers::store::Store;
use keepers::ui::{self, Glyphs, Theme};

const TODAY: Date = Date::constant(2026, 11, 25);

fn now() -> Timestamp {
    "2026-11-25T12:00:00Z".parse().expect("a valid instant")
}

struct Harness {
    _dir: tempfile::TempDir,
    store: Store,
    sources: Sources,
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
        let queues = QueuesConfig::shipped().expect("the shipped queues read");
        let mut state = State::new(now(), width, height, "demo.db".into());
        state.queues = QueueScreen::new(
            queues.queues.iter().map(|queue| (queue.id.clone(), queue.title.to_string())).collect(),
        );
        let outcome = start(&mut state);
        let sources = Sources {
            models: HealthConfig::default(),
            queues: Mutex::new(queues),
            queues_path: dir.path().join("queues.toml"),
            me: String::new(),
            ltv: LtvSettings::default(),
            pushes: false,
            pushes_to: Vec::new(),
            playbooks: keepers::playbooks::Playbooks::default(),
            clock: now,
        };
        let mut harness = Harness { _dir: dir, store, sources, state };
        harness.run(outcome);
        harness
    }

    /// Carries out effects until none are left, as the console would.
    fn run(&mut self, outcome: Outcome) {
        settle(&self.store, &self.sources, &mut self.state, outcome);
    }

    fn press(&mut self, key: Key) -> &mut Harness {
        let outcome = update(&mut self.state, Action::Key(key));
        self.run(outcome);
        self
    }

    fn screen(&self) -> String {
        self.screen_in(&Theme::dark())
    }

    fn screen_in(&self, theme: &Theme) -> String {
        let mut terminal =
            Terminal::new(TestBackend::new(self.state.width, self.state.height)).expect("a test terminal");
        terminal.draw(|frame| ui::draw(frame, &self.state, theme)).expect("the frame draws");
        terminal.backend().to_string()
    }

    fn buffer_in(&self, theme: &Theme) -> Buffer {
        let mut terminal =
            Terminal::new(TestBackend::new(self.state.width, self.state.height)).expect("a test terminal");
        terminal.draw(|frame| ui::draw(frame, &self.state, theme)).expect("the frame draws");
        terminal.backend().buffer().clone()
    }

    fn resize(&mut self, width: u16, height: u16) -> &mut Harness {
        let outcome = update(&mut self.state, Action::Resize { width, height });
        self.run(outcome);
        self
    }

    fn open_third_account(&mut self) -> &mut Harness {
        self.press(Key::char('j')).press(Key::char('j')).press(Key::plain(KeyCode::Enter))
    }

    /// Every character of the text that came from the customer's records,
    /// which ASCII mode leaves as it is.
    fn customer_characters(&self) -> String {
        let mut text = String::new();
        for row in &self.state.accounts.rows.rows {
            for field in [&row.name, &row.domain, &row.plan, &row.owner] {
                text.push_str(field.as_str());
            }
        }
        if let Some(detail) = self.state.detail.as_ref().and_then(|view| view.detail.as_ref()) {
            for tag in &detail.account.tags {
                text.push_str(tag.as_str());
            }
            for contact in &detail.contacts {
                for field in [&contact.name, &contact.email, &contact.role] {
                    text.push_str(field.as_str());
                }
            }
            for event in &detail.timeline {
                text.push_str(&event.kind.summary());
            }
        }
        text
    }
}

/// Checks that ASCII mode drew no glyph of its own beyond ASCII: no box
/// drawing, arrows or marks anywhere, and every other non-ASCII character
/// on screen belongs to customer text or is a currency symbol (money keeps
/// its symbol: € and £ are not glyphs the console adds).
fn assert_only_customer_text_is_unicode(screen: &str, harness: &Harness) {
    let customer = harness.customer_characters();
    let glyphs = Glyphs::unicode();
    let ours = [glyphs.sort_ascending, glyphs.sort_descending, glyphs.champion, glyphs.more_below].concat();
    for (number, line) in screen.lines().enumerate() {
        for character in line.chars().filter(|character| !character.is_ascii()) {
            let box_drawing = ('\u{2500}'..='\u{257f}').contains(&character);
            assert!(
                !box_drawing && !ours.contains(character),
                "our glyph {character:?} on line {number}: {line}"
            );
            assert!(
                customer.contains(character) || "€£".contains(character),
                "{character:?} on line {number} is not customer text: {line}"
            );
        }
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
fn account_tabs() {
    for (width, height) in [(120, 40), (80, 24)] {
        for (key, tab) in
            [('2', "tickets"), ('3', "contacts"), ('4', "surveys"), ('5', "purchases"), ('7', "health")]
        {
            let mut harness = Harness::demo(width, height);
            harness.open_third_account().press(Key::char(key));
            insta::assert_snapshot!(format!("account_{tab}_{width}x{height}"), harness.screen());
        }
        // The third account churned before any usage was recorded; the
        // first one has a year of it.
        let mut harness = Harness::demo(width, height);
        harness.press(Key::plain(KeyCode::Enter)).press(Key::char('6'));
        insta::assert_snapshot!(format!("account_usage_{width}x{height}"), harness.screen());
    }
}

#[test]
fn account_tasks_and_notes() {
    for (width, height) in [(120, 40), (80, 24)] {
        for (key, tab) in [('8', "tasks"), ('9', "notes")] {
            let mut harness = Harness::demo(width, height);
            // The first account down the list that has some.
            for _ in 0..60 {
                harness.press(Key::plain(KeyCode::Enter));
                let detail =
                    harness.state.detail.as_ref().and_then(|view| view.detail.as_ref()).expect("loaded");
                let has_some =
                    if tab == "tasks" { !detail.tasks.is_empty() } else { !detail.notes.is_empty() };
                if has_some {
                    break;
                }
                harness.press(Key::plain(KeyCode::Esc)).press(Key::char('j'));
            }
            harness.press(Key::char(key));
            insta::assert_snapshot!(format!("account_{tab}_{width}x{height}"), harness.screen());
        }
    }
}

#[test]
fn account_timeline_filtered_to_tickets() {
    let mut harness = Harness::demo(120, 40);
    harness.open_third_account().press(Key::char('f')).press(Key::char('f'));
    insta::assert_snapshot!("account_timeline_tickets_120x40", harness.screen());
}

#[test]
fn ticket_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.open_third_account().press(Key::char('2')).press(Key::plain(KeyCode::Enter));
        insta::assert_snapshot!(format!("ticket_{width}x{height}"), harness.screen());
        harness.press(Key::plain(KeyCode::Esc));
        assert!(harness.screen().contains("enter opens"), "esc goes back to the tickets tab");
    }
}

#[test]
fn queues_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        // The renewals queue, the third, has rows in this demo.
        harness.press(Key::char('Q')).press(Key::char(']')).press(Key::char(']')).press(Key::char('j'));
        assert_eq!(harness.state.screen, Screen::Queues);
        insta::assert_snapshot!(format!("queues_{width}x{height}"), harness.screen());
    }
}

#[test]
fn queues_switch_open_an_account_and_come_back() {
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::char('Q')).press(Key::plain(KeyCode::Tab)).press(Key::plain(KeyCode::Tab));
    let screen = harness.screen();
    assert!(screen.contains("Renewals in the next 90 days"), "{screen}");
    let rows = harness.state.queues.row_count();
    assert!(rows > 0, "the demo has renewals due:\n{screen}");
    let name = harness.state.queues.row(0).expect("a first row").account.name.to_string();
    harness.press(Key::plain(KeyCode::Enter));
    assert!(harness.screen().contains("Timeline"), "the account view opened");
    assert!(harness.screen().contains(&name));
    harness.press(Key::plain(KeyCode::Esc));
    assert_eq!(harness.state.screen, Screen::Queues);
    harness.press(Key::plain(KeyCode::Esc));
    assert_eq!(harness.state.screen, Screen::AccountList);
}

#[test]
fn queues_screen_in_ascii() {
    let ascii = Theme::dark().with_glyphs(Glyphs::ascii());
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::char('Q'));
    let screen = harness.screen_in(&ascii);
    let customer = harness.customer_characters();
    for character in screen.chars().filter(|character| !character.is_ascii()) {
        assert!(customer.contains(character) || "€£".contains(character), "{character:?}:\n{screen}");
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

impl Harness {
    fn type_text(&mut self, text: &str) -> &mut Harness {
        for c in text.chars() {
            self.press(Key::char(c));
        }
        self
    }
}

#[test]
fn accounts_filtered() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness
            .press(Key::char('/'))
            .type_text("stage:retention and mrr > 100")
            .press(Key::plain(KeyCode::Enter));
        let screen = harness.screen();
        assert!(screen.contains("matching stage:retention and mrr > 100"), "{screen}");
        insta::assert_snapshot!(format!("accounts_filtered_{width}x{height}"), screen);
    }
}

#[test]
fn a_filter_with_a_mistake() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('/')).type_text("helth < 50 and plan:pro").press(Key::plain(KeyCode::Enter));
        let screen = harness.screen();
        assert!(screen.contains("did you mean \"health\""), "{screen}");
        insta::assert_snapshot!(format!("filter_mistake_{width}x{height}"), screen);
    }
}

#[test]
fn queues_filtered_and_sorted() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('Q')).press(Key::char(']')).press(Key::char(']'));
        harness.press(Key::char('/')).type_text("mrr > 100").press(Key::plain(KeyCode::Enter));
        harness.press(Key::char('5'));
        let screen = harness.screen();
        assert!(screen.contains("4 of 6 match"), "{screen}");
        insta::assert_snapshot!(format!("queues_filtered_{width}x{height}"), screen);
    }
}

#[test]
fn dashboard_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('D'));
        assert_eq!(harness.state.screen, Screen::Dashboard);
        insta::assert_snapshot!(format!("dashboard_{width}x{height}"), harness.screen());
    }
}

#[test]
fn dashboard_explanation_and_drill_down() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('D')).press(Key::plain(KeyCode::Tab)).press(Key::plain(KeyCode::Tab));
        harness.press(Key::plain(KeyCode::Enter));
        insta::assert_snapshot!(format!("dashboard_nps_explained_{width}x{height}"), harness.screen());
        harness.press(Key::plain(KeyCode::Enter));
        let screen = harness.screen();
        assert_eq!(harness.state.screen, Screen::AccountList);
        assert!(screen.contains("behind NPS, last 90 days"), "{screen}");
        harness.press(Key::plain(KeyCode::Esc));
        assert_eq!(harness.state.screen, Screen::Dashboard);
    }
}

#[test]
fn dashboard_for_one_owner() {
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::char('D')).press(Key::char('o'));
    let screen = harness.screen();
    assert!(screen.contains("dashboard · owner "), "{screen}");
    let all = Harness::demo(120, 40).press(Key::char('D')).state.dashboard.load.clone().expect("loaded");
    let one = harness.state.dashboard.load.as_ref().expect("loaded");
    assert!(one.dashboard.accounts < all.dashboard.accounts, "fewer accounts for one owner");
    harness.press(Key::char('x'));
    assert_eq!(
        harness.state.dashboard.load.as_ref().map(|load| load.dashboard.accounts),
        Some(all.dashboard.accounts)
    );
}

#[test]
fn search_results() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::ctrl('k')).type_text("nord");
        let screen = harness.screen();
        let search = harness.state.search.as_ref().expect("the search box is open");
        assert!(!search.hits.is_empty() && search.done, "{screen}");
        insta::assert_snapshot!(format!("search_{width}x{height}"), screen);
    }
}

#[test]
fn a_search_hit_opens_its_record() {
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::ctrl('k')).type_text("nord");
    let hit = harness.state.search.as_ref().and_then(|search| search.hits.first()).cloned().expect("a hit");
    harness.press(Key::plain(KeyCode::Enter));
    assert_eq!(harness.state.screen, Screen::AccountDetail);
    assert_eq!(harness.state.detail.as_ref().map(|view| view.account_id), Some(hit.account));
}

#[test]
fn command_palette() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::ctrl('p')).type_text("sort").press(Key::plain(KeyCode::Down));
        insta::assert_snapshot!(format!("palette_{width}x{height}"), harness.screen());
    }
}

#[test]
fn a_note_typed_on_the_account_lands_on_its_notes_tab() {
    let mut harness = Harness::demo(120, 40);
    harness.open_third_account().press(Key::char('n')).type_text("Called: renewal on track");
    harness.press(Key::plain(KeyCode::Enter)).type_text("Send the quote by Friday.");
    for (width, height) in [(120, 40), (80, 24)] {
        harness.resize(width, height);
        insta::assert_snapshot!(format!("note_editor_{width}x{height}"), harness.screen());
    }
    harness.resize(120, 40);
    harness.press(Key::ctrl('s')).press(Key::char('9'));
    let screen = harness.screen();
    assert!(screen.contains("Called: renewal on track"), "{screen}");
    assert!(screen.contains("Note added (kept locally: no backend is connected) · u undoes"), "{screen}");
    assert_eq!(harness.store.outbox(None).expect("the outbox").len(), 1);
    harness.press(Key::char('u'));
    let screen = harness.screen();
    assert!(!screen.contains("Called: renewal on track"), "undone:\n{screen}");
    assert!(screen.contains("Undone: Note added (1 change)"), "{screen}");
    assert_eq!(harness.store.outbox(None).expect("the outbox").len(), 0, "an undone note is never pushed");
    harness
        .press(Key::char(':'))
        .type_text("task Send the quote due 2026-12-01")
        .press(Key::plain(KeyCode::Enter));
    harness.press(Key::char('8'));
    let screen = harness.screen();
    assert!(screen.contains("Send the quote") && screen.contains("2026-12-01"), "{screen}");
    assert!(screen.contains("Task added (kept locally"), "{screen}");
}

#[test]
fn esc_over_typed_text_asks_before_throwing_it_away() {
    let mut harness = Harness::demo(120, 40);
    harness.open_third_account().press(Key::char('n')).type_text("half a thought");
    harness.press(Key::plain(KeyCode::Esc));
    assert!(harness.state.form.is_some(), "one Esc keeps what was typed");
    assert!(harness.screen().contains("Esc again throws away what you typed"));
    harness.press(Key::plain(KeyCode::Esc));
    assert!(harness.state.form.is_none());
    assert_eq!(harness.store.outbox(None).expect("the outbox").len(), 0);
}

#[test]
fn touchpoint_stage_and_meddic_forms() {
    let mut harness = Harness::demo(120, 40);
    harness.open_third_account().press(Key::char('L')).press(Key::plain(KeyCode::Right));
    harness.press(Key::plain(KeyCode::Tab)).type_text("renewal agreed").press(Key::plain(KeyCode::Tab));
    harness.type_text("Bo confirmed the budget.");
    insta::assert_snapshot!("touchpoint_form_120x40", harness.screen());
    harness.press(Key::ctrl('s'));
    let account = harness.state.detail.as_ref().expect("an account").account_id;
    let touchpoints = harness.store.touchpoints_of(account).expect("touchpoints");
    assert_eq!(
        (touchpoints[0].channel.as_str(), touchpoints[0].outcome.as_str()),
        ("email", "renewal agreed")
    );

    harness.press(Key::char('M')).press(Key::char(' ')).press(Key::plain(KeyCode::Tab));
    harness.type_text("Saves 12 h a week").press(Key::plain(KeyCode::Tab)).press(Key::char(' '));
    insta::assert_snapshot!("meddic_form_120x40", harness.screen());
    harness.press(Key::ctrl('s'));
    let meddic = harness.store.meddic_of(account).expect("meddic");
    assert_eq!(
        meddic.iter().map(|entry| (entry.element.title(), entry.done)).collect::<Vec<_>>(),
        [("Metrics", true), ("Economic buyer", true)]
    );
}

#[test]
fn a_bulk_stage_change_on_everything_the_filter_matches_is_confirmed_and_undone_whole() {
    let mut harness = Harness::demo(120, 40);
    harness.press(Key::char('/')).type_text("plan = team").press(Key::plain(KeyCode::Enter));
    let matching = harness.state.accounts.rows.rows.len();
    assert!(matching > 1, "the demo has several team accounts");
    harness.press(Key::char('*')).press(Key::char('S'));
    // To "churned", the sixth stage.
    for _ in 0..5 {
        harness.press(Key::plain(KeyCode::Right));
    }
    harness.press(Key::plain(KeyCode::Tab)).type_text("budget cut").press(Key::plain(KeyCode::Enter));
    for (width, height) in [(120, 40), (80, 24)] {
        harness.resize(width, height);
        insta::assert_snapshot!(format!("confirm_bulk_{width}x{height}"), harness.screen());
    }
    assert!(harness.screen().contains(&format!("apply to {matching} accounts?")));
    let churned = |harness: &Harness| {
        harness.state.accounts.rows.rows.iter().filter(|row| row.stage.as_str() == "churned").count()
    };
    let churned_before = churned(&harness);
    harness.press(Key::char('y'));
    assert_eq!(churned(&harness), matching, "every matching account, not only those on screen");
    let changed = matching - churned_before;
    assert_eq!(
        harness.store.outbox(None).expect("the outbox").len(),
        changed,
        "those churned already are skipped"
    );
    assert!(
        harness.screen().contains(&format!("{changed} changed, {churned_before} skipped")),
        "{}",
        harness.screen()
    );
    harness.press(Key::char('u'));
    assert_eq!(churned(&harness), churned_before, "the whole batch is undone");
    assert!(harness.store.outbox(None).expect("the outbox").is_empty());
}

#[test]
fn outbox_screen_lists_waiting_and_refused_items() {
    use keepers::model::{AccountId, Change, FieldCap, SafeText};
    use keepers::store::{Actor, Keyed, PushResult};
    let mut harness = Harness::demo(120, 40);
    let me = SafeText::line("Dana", FieldCap::NAME);
    let note = |account: i64, body: &str, seed: u8| Keyed {
        change: Change::Note { account: AccountId(account), body: SafeText::line(body, FieldCap::COMMENT) },
        key: keepers::model::IdempotencyKey::from_bytes([seed; 16]),
    };
    let actor = Actor { name: &me, at: now(), backend: true, pushes_to: &[] };
    let applied = harness
        .store
        .apply(
            &[note(1, "Called", 1), note(2, "Sent the quote", 2), note(3, "Booked the QBR", 3)],
            actor,
            "notes",
        )
        .expect("applied");
    harness.store.begin_push(applied.items[0].id).expect("an attempt");
    let refused =
        PushResult::Refused { message: "422 Unprocessable Entity: note body needs a contact".into() };
    harness.store.finish_push(applied.items[0].id, &refused).expect("refused");
    harness.store.begin_push(applied.items[1].id).expect("an attempt");
    let retry = PushResult::Retry { next_at: now(), reason: "503 Service Unavailable".into() };
    harness.store.finish_push(applied.items[1].id, &retry).expect("to retry");
    harness.press(Key::char('O'));
    for (width, height) in [(120, 40), (80, 24)] {
        harness.resize(width, height);
        insta::assert_snapshot!(format!("outbox_{width}x{height}"), harness.screen());
    }
    harness.press(Key::char('r'));
    assert!(harness.screen().contains("will be sent again"));
    harness.press(Key::char('j')).press(Key::char('d'));
    let states: Vec<&str> = harness.state.outbox.items.iter().map(|item| item.state.as_str()).collect();
    assert_eq!(states, ["pending", "pending"], "the discarded one left the list");
}

#[test]
fn tasks_screen() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.press(Key::char('T'));
        assert!(harness.screen().contains("set [user] name"), "nobody's tasks are mine without a name");
        harness.press(Key::plain(KeyCode::Tab));
        let screen = harness.screen();
        assert!(!harness.state.tasks.visible.is_empty(), "the demo has overdue tasks:\n{screen}");
        insta::assert_snapshot!(format!("tasks_overdue_{width}x{height}"), screen);
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

#[test]
fn accounts_screen_in_ascii() {
    let ascii = Theme::dark().with_glyphs(Glyphs::ascii());
    for (width, height) in [(120, 40), (80, 24)] {
        let harness = Harness::demo(width, height);
        let screen = harness.screen_in(&ascii);
        assert_only_customer_text_is_unicode(&screen, &harness);
        insta::assert_snapshot!(format!("accounts_ascii_{width}x{height}"), screen);
    }
}

#[test]
fn account_detail_screen_in_ascii() {
    let ascii = Theme::dark().with_glyphs(Glyphs::ascii());
    for (width, height) in [(120, 40), (80, 24)] {
        let mut harness = Harness::demo(width, height);
        harness.open_third_account();
        let screen = harness.screen_in(&ascii);
        assert_only_customer_text_is_unicode(&screen, &harness);
        insta::assert_snapshot!(format!("account_ascii_{width}x{height}"), screen);
    }
}

#[test]
fn help_and_too_small_screens_in_ascii_are_all_ascii() {
    let ascii = Theme::dark().with_glyphs(Glyphs::ascii());
    let mut harness = Harness::demo(80, 24);
    harness.press(Key::char('?'));
    let help = harness.screen_in(&ascii);
    assert!(help.is_ascii(), "{help}");
    assert!(help.contains("Open the account") && help.contains("v more below"), "{help}");
    let outcome = update(&mut harness.state, Action::Resize { width: 60, height: 20 });
    harness.run(outcome);
    let too_small = harness.screen_in(&ascii);
    assert!(too_small.is_ascii() && too_small.contains("80x24"), "{too_small}");
}

/// The accounts list and an account view, for checks over cell styles.
fn styled_screens(theme: &Theme) -> Vec<Buffer> {
    let list = Harness::demo(120, 40);
    let mut account = Harness::demo(120, 40);
    account.open_third_account();
    vec![list.buffer_in(theme), account.buffer_in(theme)]
}

fn is_colour(colour: Option<Color>) -> bool {
    !matches!(colour, None | Some(Color::Reset))
}

#[test]
fn monochrome_has_no_colour_and_shows_the_selection_in_reverse() {
    let harness = Harness::demo(120, 40);
    let buffer = harness.buffer_in(&Theme::named(ThemeName::Mono));
    // The title bar is row 0 and the table's header row 1, so the selected
    // first account is on row 2.
    let selected_row = 2;
    for x in 0..buffer.area.width {
        let style = buffer[(x, selected_row)].style();
        assert!(style.add_modifier.contains(Modifier::REVERSED | Modifier::BOLD), "cell {x}: {style:?}");
        assert!(!buffer[(x, selected_row + 1)].style().add_modifier.contains(Modifier::REVERSED));
    }
    for buffer in styled_screens(&Theme::monochrome()) {
        for cell in buffer.content() {
            assert!(!is_colour(cell.style().fg) && !is_colour(cell.style().bg), "{cell:?}");
        }
    }
}

#[test]
fn the_terminal_theme_uses_only_the_sixteen_ansi_colours() {
    for buffer in styled_screens(&Theme::named(ThemeName::Terminal)) {
        for cell in buffer.content() {
            for colour in [cell.style().fg, cell.style().bg].into_iter().flatten() {
                assert!(!matches!(colour, Color::Rgb(..) | Color::Indexed(_)), "{cell:?}");
            }
        }
    }
}

#[test]
fn the_light_theme_has_no_pale_text() {
    // Relative luminance (ITU-R BT.709) above this is hard to read on white.
    let too_pale = |red: u8, green: u8, blue: u8| {
        0.2126 * f64::from(red) + 0.7152 * f64::from(green) + 0.0722 * f64::from(blue) > 140.0
    };
    for buffer in styled_screens(&Theme::named(ThemeName::Light)) {
        for cell in buffer.content().iter().filter(|cell| cell.symbol() != " ") {
            let pale = match cell.style().fg {
                Some(Color::Yellow | Color::LightYellow | Color::White | Color::Gray) => true,
                Some(Color::Rgb(red, green, blue)) => too_pale(red, green, blue),
                _ => false,
            };
            assert!(!pale, "{cell:?}");
        }
    }
}

#[test]
fn a_duplicate_from_its_queue_is_merged_after_a_confirm_and_unmerged_with_u() {
    let mut harness = Harness::demo(120, 40);
    harness
        .press(Key::char('Q'))
        .press(Key::char(':'))
        .type_text("queue duplicates")
        .press(Key::plain(KeyCode::Enter));
    let row = harness.state.queues.selected_row().cloned().expect("the demo has duplicates");
    let accounts_before = harness.state.accounts.rows.rows.len();
    harness.press(Key::char('m'));
    let suggested = harness.state.form.as_ref().map(|form| form.fields[0].value()).expect("a form");
    assert!(row.reason.contains(&suggested) && suggested.starts_with('#'), "{suggested} from {}", row.reason);
    harness.press(Key::plain(KeyCode::Enter));
    for (width, height) in [(120, 40), (80, 24)] {
        harness.resize(width, height);
        insta::assert_snapshot!(format!("confirm_merge_{width}x{height}"), harness.screen());
    }
    harness.resize(120, 40);
    harness.press(Key::char('y'));
    assert_eq!(
        harness.state.accounts.rows.rows.len(),
        accounts_before - 1,
        "the duplicate is part of the other"
    );
    harness.press(Key::char('u'));
    assert_eq!(harness.state.accounts.rows.rows.len(), accounts_before, "and comes apart again");
}

#[test]
fn two_contacts_are_merged_from_the_contacts_tab_and_come_apart_with_u() {
    let mut harness = Harness::demo(120, 40);
    harness.open_third_account().press(Key::char('3'));
    let contacts = |harness: &Harness| {
        harness
            .state
            .detail
            .as_ref()
            .and_then(|view| view.detail.as_ref())
            .map(|detail| detail.contacts.clone())
    };
    let before = contacts(&harness).expect("the account is loaded");
    assert!(before.len() >= 2, "the third demo account has several contacts");
    harness.press(Key::char('m'));
    let clear = |harness: &mut Harness| {
        for _ in 0..12 {
            harness.press(Key::plain(KeyCode::Backspace));
        }
    };
    clear(&mut harness);
    harness.type_text(&format!("#{}", before[0].id.0)).press(Key::plain(KeyCode::Tab));
    clear(&mut harness);
    harness.type_text(&format!("#{}", before[1].id.0)).press(Key::plain(KeyCode::Enter));
    assert!(
        harness.screen().contains(&format!("Merge contact #{} into #{}?", before[1].id.0, before[0].id.0))
    );
    harness.press(Key::char('y'));
    assert_eq!(contacts(&harness).map(|after| after.len()), Some(before.len() - 1));
    harness.press(Key::char('u'));
    assert_eq!(contacts(&harness), Some(before), "un-merged exactly");
}
