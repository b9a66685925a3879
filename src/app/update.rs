//! `update`: applies one [`Action`] to the [`State`] and says what the
//! runtime must do next. Pure: no clock, no I/O. The account and ticket
//! views' own keys are in `account`.

mod account;
#[cfg(test)]
mod account_tests;
mod queues;
#[cfg(test)]
mod queues_tests;

use jiff::Timestamp;

use super::command_line::{self, LineCommand};
use super::commands::{Context, Intent};
use super::keys::{Key, KeyCode};
use super::layout;
use super::state::{AccountDetail, AccountRows, DetailView, Notice, QueueLoad, Screen, State};
use super::ticket::Conversation;
use crate::model::{AccountId, TicketId};
use crate::store::{AccountColumn, AccountSort};

/// Something that happened: a key, a resize, or the result of an effect.
#[derive(Debug, Clone)]
pub enum Action {
    Key(Key),
    Resize { width: u16, height: u16 },
    AccountsLoaded { generation: u64, result: Result<AccountRows, String> },
    DetailLoaded { generation: u64, result: Result<Box<AccountDetail>, String> },
    TicketLoaded { generation: u64, result: Result<Box<Conversation>, String> },
    QueuesLoaded { generation: u64, result: Result<QueueLoad, String> },
}

/// Work for the runtime. Each load carries the generation its result must
/// come back with; results of superseded loads are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadAccounts {
        generation: u64,
        sort: AccountSort,
    },
    /// Read everything the account view shows; its health is scored as of
    /// `now`.
    LoadAccountDetail {
        generation: u64,
        account: AccountId,
        now: Timestamp,
    },
    /// Read a ticket and its comments, and wrap them to `width` columns.
    LoadTicket {
        generation: u64,
        ticket: TicketId,
        width: u16,
    },
    /// Count every queue of `queues.toml` and read the rows of the one at
    /// index `queue`, as of `now`.
    LoadQueues {
        generation: u64,
        queue: usize,
        now: Timestamp,
    },
}

/// What `update` did: whether the screen must be redrawn, and the effects to run.
#[derive(Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Outcome {
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    fn redraw() -> Outcome {
        Outcome { redraw: true, effects: Vec::new() }
    }

    fn unchanged() -> Outcome {
        Outcome::default()
    }

    fn with(effect: Effect) -> Outcome {
        Outcome { redraw: true, effects: vec![effect] }
    }
}

/// The first state, and the load that fills it.
pub fn start(state: &mut State) -> Outcome {
    request_accounts(state)
}

pub fn update(state: &mut State, action: Action) -> Outcome {
    match action {
        Action::Key(key) if state.command_line.is_some() => command_line_key(state, key),
        Action::Key(key) => match state.keymap.intent_for(state.context(), key) {
            Some(intent) => apply_intent(state, intent),
            None => Outcome::unchanged(),
        },
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            keep_account_cursor_visible(state);
            queues::keep_cursor_visible_after_resize(state);
            account::clamp_tab_scroll(state);
            Outcome { redraw: true, effects: account::ticket_resized(state) }
        }
        Action::AccountsLoaded { generation, result } => accounts_loaded(state, generation, result),
        Action::DetailLoaded { generation, result } => detail_loaded(state, generation, result),
        Action::TicketLoaded { generation, result } => account::ticket_loaded(state, generation, result),
        Action::QueuesLoaded { generation, result } => queues::loaded(state, generation, result),
    }
}

fn apply_intent(state: &mut State, intent: Intent) -> Outcome {
    if state.help_open {
        return help_intent(state, intent);
    }
    match intent {
        Intent::Quit => {
            state.quit = true;
            Outcome::redraw()
        }
        Intent::ToggleHelp => {
            state.help_open = true;
            state.help_scroll = 0;
            Outcome::redraw()
        }
        Intent::OpenCommandLine => {
            state.command_line = Some(String::new());
            Outcome::redraw()
        }
        Intent::Back => match state.screen {
            Screen::AccountDetail => {
                state.screen = state.detail.as_ref().map_or(Screen::AccountList, |view| view.back_to);
                state.detail = None;
                Outcome::redraw()
            }
            Screen::Ticket => account::close_ticket(state),
            Screen::Queues => {
                state.screen = Screen::AccountList;
                Outcome::redraw()
            }
            Screen::AccountList => Outcome::unchanged(),
        },
        Intent::MoveDown => move_by(state, 1),
        Intent::MoveUp => move_by(state, -1),
        Intent::PageDown => move_by(state, page_size(state) as isize),
        Intent::PageUp => move_by(state, -(page_size(state) as isize)),
        Intent::First => move_by(state, isize::MIN),
        Intent::Last => move_by(state, isize::MAX),
        Intent::Open => match state.screen {
            Screen::AccountList => open_selected_account(state),
            Screen::AccountDetail => account::open_selected_ticket(state),
            Screen::Queues => queues::open_selected_account(state),
            Screen::Ticket => Outcome::unchanged(),
        },
        Intent::NextTab if state.screen == Screen::Queues => queues::step_queue(state, 1),
        Intent::PreviousTab if state.screen == Screen::Queues => queues::step_queue(state, -1),
        Intent::NextTab => account::step_tab(state, 1),
        Intent::PreviousTab => account::step_tab(state, -1),
        Intent::OpenQueues => queues::open(state),
        Intent::ShowTab(tab) => account::show_tab(state, tab),
        Intent::CycleTimelineFilter => account::cycle_timeline_filter(state),
        Intent::SortBy(column) => {
            let descending = state.accounts.sort.column == column && !state.accounts.sort.descending;
            sort_accounts(state, AccountSort { column, descending })
        }
        Intent::NextSortColumn => {
            let columns = [
                AccountColumn::Name,
                AccountColumn::Stage,
                AccountColumn::Plan,
                AccountColumn::Mrr,
                AccountColumn::Renewal,
                AccountColumn::Owner,
            ];
            let at = columns.iter().position(|c| *c == state.accounts.sort.column).unwrap_or(0);
            let column = columns[(at + 1) % columns.len()];
            sort_accounts(state, AccountSort { column, descending: false })
        }
        Intent::ReverseSort => {
            let sort = AccountSort { descending: !state.accounts.sort.descending, ..state.accounts.sort };
            sort_accounts(state, sort)
        }
    }
}

/// While help is shown, keys scroll it or close it; nothing else happens
/// behind it.
fn help_intent(state: &mut State, intent: Intent) -> Outcome {
    let visible = layout::help_rows(state.height).max(1);
    let last_top = state.keymap.help_lines(state.context()).len().saturating_sub(visible);
    let delta = match intent {
        Intent::ToggleHelp | Intent::Back | Intent::Quit => {
            state.help_open = false;
            return Outcome::redraw();
        }
        Intent::MoveDown => 1,
        Intent::MoveUp => -1,
        Intent::PageDown => visible as isize,
        Intent::PageUp => -(visible as isize),
        Intent::First => isize::MIN,
        Intent::Last => isize::MAX,
        _ => return Outcome::unchanged(),
    };
    let target = clamp_add(state.help_scroll, delta, last_top);
    if target == state.help_scroll {
        return Outcome::unchanged();
    }
    state.help_scroll = target;
    Outcome::redraw()
}

/// While the command line is open every key edits it: printable
/// characters are typed, Backspace deletes (and closes an empty line, as in
/// vi), Esc or ctrl-c cancels, Enter runs.
fn command_line_key(state: &mut State, key: Key) -> Outcome {
    let Some(line) = state.command_line.as_mut() else {
        return Outcome::unchanged();
    };
    match key.code {
        KeyCode::Esc => state.command_line = None,
        KeyCode::Char('c') if key.ctrl => state.command_line = None,
        KeyCode::Enter => {
            let typed = std::mem::take(line);
            state.command_line = None;
            return run_command_line(state, &typed);
        }
        KeyCode::Backspace if line.is_empty() => state.command_line = None,
        KeyCode::Backspace => {
            line.pop();
        }
        KeyCode::Char(c) if !key.ctrl && !key.alt && line.chars().count() < command_line::MAX_CHARS => {
            line.push(c);
        }
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}

/// Runs a typed command. The previous notice goes away either way: what is
/// in the status line afterwards is about this command.
fn run_command_line(state: &mut State, typed: &str) -> Outcome {
    state.notice = None;
    if typed.trim().is_empty() {
        return Outcome::redraw();
    }
    let command = match command_line::parse(typed) {
        Ok(command) => command,
        Err(message) => return command_line_error(state, message),
    };
    let outcome = match command {
        LineCommand::Quit => apply_intent(state, Intent::Quit),
        LineCommand::Help => apply_intent(state, Intent::ToggleHelp),
        LineCommand::Sort(sort) => sort_accounts(state, sort),
        LineCommand::Account(query) => open_account_matching(state, &query),
        LineCommand::Registry(command) => {
            if command.context != Context::Global && command.context != state.context() {
                let message = format!(":{} works on the {} screen only", command.id, command.context.title());
                return command_line_error(state, message);
            }
            apply_intent(state, command.intent)
        }
    };
    // The line closed, so the screen changed even if the command did not.
    Outcome { redraw: true, ..outcome }
}

fn command_line_error(state: &mut State, text: String) -> Outcome {
    state.notice = Some(Notice { text, is_error: true });
    Outcome::redraw()
}

/// Moves the cursor to the first loaded account whose name or domain
/// contains `query` (ignoring case) and opens it. Only the rows already
/// loaded are searched: the list holds the whole workspace.
fn open_account_matching(state: &mut State, query: &str) -> Outcome {
    let wanted = query.to_lowercase();
    let found = state.accounts.rows.rows.iter().position(|row| {
        row.name.as_str().to_lowercase().contains(&wanted)
            || row.domain.as_str().to_lowercase().contains(&wanted)
    });
    let Some(index) = found else {
        return command_line_error(state, format!("no account's name or domain contains {query:?}"));
    };
    state.accounts.selected = index;
    keep_account_cursor_visible(state);
    open_selected_account(state)
}

fn page_size(state: &State) -> usize {
    let rows = match state.screen {
        Screen::AccountList => layout::account_table_rows(state.height),
        Screen::AccountDetail => layout::account_tab_rows(state.height),
        Screen::Ticket => layout::conversation_rows(state.height),
        Screen::Queues => layout::queue_table_rows(state.height),
    };
    rows.saturating_sub(1).max(1)
}

/// Moves the cursor (accounts, tickets tab) or the scroll (other tabs, the
/// conversation) by `delta`, clamped.
fn move_by(state: &mut State, delta: isize) -> Outcome {
    match state.screen {
        Screen::AccountList => {
            let list = &mut state.accounts;
            let last = list.rows.rows.len().saturating_sub(1);
            let target = clamp_add(list.selected, delta, last);
            if target == list.selected {
                return Outcome::unchanged();
            }
            list.selected = target;
            keep_account_cursor_visible(state);
        }
        Screen::AccountDetail => return account::scroll_tab_by(state, delta),
        Screen::Ticket => return account::scroll_ticket_by(state, delta),
        Screen::Queues => return queues::move_by(state, delta),
    }
    Outcome::redraw()
}

fn clamp_add(value: usize, delta: isize, max: usize) -> usize {
    value.saturating_add_signed(delta).min(max)
}

fn keep_account_cursor_visible(state: &mut State) {
    let visible = layout::account_table_rows(state.height).max(1);
    let list = &mut state.accounts;
    if list.selected < list.offset {
        list.offset = list.selected;
    } else if list.selected >= list.offset + visible {
        list.offset = list.selected + 1 - visible;
    }
    let last_top = list.rows.rows.len().saturating_sub(visible);
    list.offset = list.offset.min(last_top);
}

fn open_selected_account(state: &mut State) -> Outcome {
    let Some(summary) = state.accounts.selected_row().cloned() else {
        return Outcome::unchanged();
    };
    let generation = state.next_generation();
    let account = summary.id;
    state.detail = Some(DetailView::new(summary, generation, Screen::AccountList));
    state.screen = Screen::AccountDetail;
    Outcome::with(Effect::LoadAccountDetail { generation, account, now: state.now })
}

fn sort_accounts(state: &mut State, sort: AccountSort) -> Outcome {
    state.accounts.sort = sort;
    request_accounts(state)
}

fn request_accounts(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    state.accounts.generation = generation;
    state.accounts.loading = true;
    Outcome::with(Effect::LoadAccounts { generation, sort: state.accounts.sort })
}

fn accounts_loaded(state: &mut State, generation: u64, result: Result<AccountRows, String>) -> Outcome {
    if generation != state.accounts.generation {
        return Outcome::unchanged();
    }
    let list = &mut state.accounts;
    list.loading = false;
    match result {
        Ok(rows) => {
            // Keep the cursor on the same account across a re-sort.
            let selected_id = list.selected_row().map(|row| row.id);
            list.rows = rows;
            list.loaded = true;
            list.selected =
                selected_id.and_then(|id| list.rows.rows.iter().position(|row| row.id == id)).unwrap_or(0);
            // Show the kept cursor in the middle of the page, not at its edge.
            let visible = layout::account_table_rows(state.height);
            let last_top = list.rows.rows.len().saturating_sub(visible);
            list.offset = list.selected.saturating_sub(visible / 2).min(last_top);
        }
        Err(message) => {
            state.notice =
                Some(Notice { text: format!("Could not load the accounts: {message}"), is_error: true });
        }
    }
    Outcome::redraw()
}

fn detail_loaded(state: &mut State, generation: u64, result: Result<Box<AccountDetail>, String>) -> Outcome {
    let Some(view) = state.detail.as_mut().filter(|view| view.generation == generation) else {
        return Outcome::unchanged();
    };
    match result {
        Ok(detail) => view.detail = Some(*detail),
        Err(message) => view.error = Some(message),
    }
    Outcome::redraw()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::KeyCode;
    use crate::model::{AccountSummary, Currency, LifecycleStage, Money, SafeText};

    fn summary(id: i64) -> AccountSummary {
        AccountSummary {
            id: AccountId(id),
            name: SafeText::line(&format!("Account {id}"), crate::model::FieldCap::NAME),
            domain: SafeText::default(),
            stage: LifecycleStage::Retention,
            plan: SafeText::default(),
            mrr: Money::new(100, Currency::USD),
            renewal_date: None,
            owner: SafeText::default(),
        }
    }

    /// A 120×40 state with `count` accounts loaded.
    fn loaded(count: i64) -> State {
        let mut state = State::new(jiff::Timestamp::UNIX_EPOCH, 120, 40, "test".into());
        let Effect::LoadAccounts { generation, .. } = start(&mut state).effects[0].clone() else {
            panic!("the first effect loads the accounts");
        };
        let rows = AccountRows::new((1..=count).map(summary).collect());
        let _ = update(&mut state, Action::AccountsLoaded { generation, result: Ok(rows) });
        state
    }

    fn press(state: &mut State, key: Key) -> Outcome {
        update(state, Action::Key(key))
    }

    #[test]
    fn the_cursor_moves_and_stays_in_bounds() {
        let mut state = loaded(100);
        assert!(!press(&mut state, Key::char('k')).redraw, "nothing above the first row");
        let _ = press(&mut state, Key::char('j'));
        assert_eq!(state.accounts.selected, 1);
        let _ = press(&mut state, Key::char('G'));
        assert_eq!(state.accounts.selected, 99);
        assert!(!press(&mut state, Key::plain(KeyCode::Down)).redraw);
        let _ = press(&mut state, Key::char('g'));
        assert_eq!(state.accounts.selected, 0);
    }

    #[test]
    fn paging_keeps_the_cursor_on_screen() {
        let mut state = loaded(1_000);
        let visible = layout::account_table_rows(state.height);
        let _ = press(&mut state, Key::plain(KeyCode::PageDown));
        assert_eq!(state.accounts.selected, visible - 1);
        let _ = press(&mut state, Key::plain(KeyCode::PageDown));
        let list = &state.accounts;
        assert!(list.selected >= list.offset && list.selected < list.offset + visible);
        let _ = update(&mut state, Action::Resize { width: 80, height: 24 });
        let list = &state.accounts;
        let visible = layout::account_table_rows(24);
        assert!(list.selected >= list.offset && list.selected < list.offset + visible);
    }

    #[test]
    fn sorting_asks_for_a_new_load_and_drops_stale_results() {
        let mut state = loaded(10);
        let first = press(&mut state, Key::char('4'));
        let Effect::LoadAccounts { generation: stale, sort } = first.effects[0] else {
            panic!("sorting reloads");
        };
        assert_eq!(sort, AccountSort { column: AccountColumn::Mrr, descending: false });
        let second = press(&mut state, Key::char('4'));
        let Effect::LoadAccounts { generation: fresh, sort } = second.effects[0] else {
            panic!("sorting again reloads");
        };
        assert!(sort.descending, "the same column again reverses");
        let stale_rows = AccountRows::new(vec![summary(1)]);
        let outcome =
            update(&mut state, Action::AccountsLoaded { generation: stale, result: Ok(stale_rows) });
        assert!(!outcome.redraw);
        assert_eq!(state.accounts.rows.rows.len(), 10, "a superseded load is dropped");
        let fresh_rows = AccountRows::new((1..=3).rev().map(summary).collect());
        let _ = update(&mut state, Action::AccountsLoaded { generation: fresh, result: Ok(fresh_rows) });
        assert_eq!(state.accounts.rows.rows.len(), 3);
    }

    #[test]
    fn a_resort_keeps_the_same_account_selected() {
        let mut state = loaded(50);
        let _ = press(&mut state, Key::char('G'));
        let Effect::LoadAccounts { generation, .. } = press(&mut state, Key::char('r')).effects[0] else {
            panic!("reversing reloads");
        };
        let reversed = AccountRows::new((1..=50).rev().map(summary).collect());
        let _ = update(&mut state, Action::AccountsLoaded { generation, result: Ok(reversed) });
        assert_eq!(state.accounts.selected_row().map(|row| row.id), Some(AccountId(50)));
        assert_eq!(state.accounts.selected, 0);
    }

    #[test]
    fn opening_an_account_and_going_back() {
        let mut state = loaded(5);
        let _ = press(&mut state, Key::char('j'));
        let outcome = press(&mut state, Key::plain(KeyCode::Enter));
        assert_eq!(state.screen, Screen::AccountDetail);
        let Effect::LoadAccountDetail { generation, account, .. } = outcome.effects[0] else {
            panic!("opening loads the detail");
        };
        assert_eq!(account, AccountId(2));
        let outcome =
            update(&mut state, Action::DetailLoaded { generation: generation + 1, result: Err("x".into()) });
        assert!(!outcome.redraw, "a result for another request is dropped");
        let _ = update(&mut state, Action::DetailLoaded { generation, result: Err("disk gone".into()) });
        assert_eq!(state.detail.as_ref().and_then(|view| view.error.as_deref()), Some("disk gone"));
        let _ = press(&mut state, Key::plain(KeyCode::Esc));
        assert_eq!(state.screen, Screen::AccountList);
        assert!(state.detail.is_none());
        assert_eq!(state.accounts.selected, 1, "the cursor is where it was");
    }

    #[test]
    fn help_takes_the_keys_until_it_is_closed() {
        let mut state = loaded(5);
        let _ = press(&mut state, Key::char('?'));
        assert!(state.help_open);
        let _ = press(&mut state, Key::char('j'));
        assert_eq!(state.accounts.selected, 0, "keys behind help do nothing");
        let _ = press(&mut state, Key::char('q'));
        assert!(!state.help_open && !state.quit, "q closes help first");
        let _ = press(&mut state, Key::char('q'));
        assert!(state.quit);
    }

    #[test]
    fn unknown_keys_change_nothing() {
        let mut state = loaded(5);
        assert_eq!(press(&mut state, Key::char('z')), Outcome::default());
    }

    fn type_line(state: &mut State, text: &str) {
        let _ = press(state, Key::char(':'));
        for c in text.chars() {
            let _ = press(state, Key::char(c));
        }
    }

    fn run_line(state: &mut State, text: &str) -> Outcome {
        type_line(state, text);
        press(state, Key::plain(KeyCode::Enter))
    }

    fn error_text(state: &State) -> &str {
        state.notice.as_ref().filter(|notice| notice.is_error).map_or("", |notice| notice.text.as_str())
    }

    #[test]
    fn the_command_line_takes_the_keys_while_open() {
        let mut state = loaded(5);
        type_line(&mut state, "jq");
        assert_eq!(state.command_line.as_deref(), Some("jq"));
        assert_eq!(state.accounts.selected, 0, "j was typed, not run");
        assert!(!state.quit, "q was typed, not run");
        assert!(!press(&mut state, Key::ctrl('x')).redraw, "control keys are not typed");
        let _ = press(&mut state, Key::plain(KeyCode::Backspace));
        assert_eq!(state.command_line.as_deref(), Some("j"));
        let _ = press(&mut state, Key::plain(KeyCode::Backspace));
        assert_eq!(state.command_line.as_deref(), Some(""));
        let _ = press(&mut state, Key::plain(KeyCode::Backspace));
        assert_eq!(state.command_line, None, "backspace on an empty line closes it");
    }

    #[test]
    fn esc_cancels_the_command_line() {
        let mut state = loaded(5);
        type_line(&mut state, "q");
        let _ = press(&mut state, Key::plain(KeyCode::Esc));
        assert_eq!(state.command_line, None);
        assert!(!state.quit && state.screen == Screen::AccountList, "esc neither ran nor went back");
    }

    #[test]
    fn the_command_line_has_a_length_limit() {
        let mut state = loaded(1);
        type_line(&mut state, &"x".repeat(command_line::MAX_CHARS + 10));
        assert_eq!(
            state.command_line.as_ref().map(|line| line.chars().count()),
            Some(command_line::MAX_CHARS)
        );
    }

    #[test]
    fn q_and_quit_quit() {
        for line in ["q", "quit"] {
            let mut state = loaded(5);
            let _ = run_line(&mut state, line);
            assert!(state.quit, "{line}");
            assert_eq!(state.command_line, None);
        }
    }

    #[test]
    fn help_opens_the_help() {
        let mut state = loaded(5);
        let _ = run_line(&mut state, "help");
        assert!(state.help_open);
    }

    #[test]
    fn sort_reloads_in_the_order_asked() {
        let mut state = loaded(5);
        let outcome = run_line(&mut state, "sort mrr desc");
        assert_eq!(
            outcome.effects,
            vec![Effect::LoadAccounts {
                generation: state.accounts.generation,
                sort: AccountSort { column: AccountColumn::Mrr, descending: true }
            }]
        );
        let _ = run_line(&mut state, "sort owner");
        assert_eq!(state.accounts.sort, AccountSort { column: AccountColumn::Owner, descending: false });
        let outcome = run_line(&mut state, "sort price");
        assert!(outcome.effects.is_empty());
        assert!(
            error_text(&state).contains("name, stage, plan, mrr, renewal, owner"),
            "{}",
            error_text(&state)
        );
    }

    #[test]
    fn account_opens_the_first_match_by_name_or_domain() {
        let mut state = loaded(30);
        let outcome = run_line(&mut state, "account ACCOUNT 2");
        assert_eq!(state.screen, Screen::AccountDetail);
        assert_eq!(state.accounts.selected, 1, "Account 2 comes before Account 20");
        assert!(matches!(outcome.effects[..], [Effect::LoadAccountDetail { account: AccountId(2), .. }]));

        let mut state = loaded(3);
        state.accounts.rows.rows[2].domain = SafeText::line("globex.example", crate::model::FieldCap::NAME);
        let _ = run_line(&mut state, "account Globex");
        assert_eq!(state.detail.as_ref().map(|view| view.account_id), Some(AccountId(3)));

        let mut state = loaded(3);
        let outcome = run_line(&mut state, "account initech");
        assert!(outcome.effects.is_empty() && state.screen == Screen::AccountList);
        assert_eq!(error_text(&state), "no account's name or domain contains \"initech\"");
    }

    #[test]
    fn registry_ids_run_their_command_where_it_applies() {
        let mut state = loaded(5);
        let _ = run_line(&mut state, "list.down");
        let _ = run_line(&mut state, "list.down");
        assert_eq!(state.accounts.selected, 2);
        let _ = run_line(&mut state, "account.back");
        assert!(error_text(&state).contains("works on the Account screen only"), "{}", error_text(&state));
        let _ = run_line(&mut state, "accounts.open");
        assert_eq!(state.screen, Screen::AccountDetail);
        assert_eq!(state.notice, None, "a command that ran clears the old error");
    }

    #[test]
    fn an_unknown_command_suggests_the_nearest() {
        let mut state = loaded(5);
        let outcome = run_line(&mut state, "srot mrr");
        assert!(outcome.redraw && outcome.effects.is_empty());
        assert_eq!(error_text(&state), "unknown command :srot: did you mean :sort?");
        assert_eq!(state.command_line, None);
    }

    #[test]
    fn an_empty_command_line_just_closes() {
        let mut state = loaded(5);
        assert!(run_line(&mut state, "  ").redraw);
        assert_eq!((state.command_line.as_deref(), state.notice.as_ref()), (None, None));
    }

    #[test]
    fn dispatch_follows_the_keymap_in_state() {
        use crate::app::commands::find;
        use crate::app::keymap::{KeyOverride, Keymap};
        let mut state = loaded(5);
        state.keymap = Keymap::new(vec![
            KeyOverride { command: find("list.down").unwrap(), keys: vec![Key::ctrl('n')] },
            KeyOverride { command: find("app.command-line").unwrap(), keys: vec![Key::char(';')] },
        ]);
        assert!(!press(&mut state, Key::char('j')).redraw, "j is no longer bound");
        let _ = press(&mut state, Key::ctrl('n'));
        assert_eq!(state.accounts.selected, 1);
        let _ = press(&mut state, Key::char(';'));
        assert_eq!(state.command_line.as_deref(), Some(""));
    }
}
