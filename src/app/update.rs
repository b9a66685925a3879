//! `update`: applies one [`Action`] to the [`State`] and says what the
//! runtime must do next. Pure: no clock, no I/O. The account and ticket
//! views' own keys are in `account`.

mod account;
#[cfg(test)]
mod account_tests;
mod act;
mod copy;
mod dashboard;
#[cfg(test)]
mod dashboard_tests;
mod form;
mod mouse;
#[cfg(test)]
mod mouse_tests;
mod open_link;
mod outbox;
mod prompt;
#[cfg(test)]
mod prompt_tests;
mod queues;
#[cfg(test)]
mod queues_tests;
mod search;
#[cfg(test)]
mod search_tests;
mod tasks;
#[cfg(test)]
mod tasks_tests;

pub use open_link::{LinkOutcome, LinkTemplates};
pub use search::SearchAnswer;

use std::sync::Arc;

use jiff::Timestamp;

use super::commands::Intent;
use super::keys::{Key, Mouse};
use super::layout;
use super::state::{
    AccountDetail, AccountRows, AppliedFilter, DashboardLoad, DetailView, Notice, PendingOpen, Prompt,
    PromptKind, QueueLoad, Screen, SourceStatus, SourceSync, State, SyncActivity,
};
use super::ticket::Conversation;
use crate::connectors::records::CommentRecord;
use crate::metrics::dashboard::Scope;
use crate::model::{AccountId, AccountSummary, Change, OutboxItem, OutboxState, Source, TaskRow, TicketId};
use crate::query::Filter;
use crate::store::{AccountColumn, AccountMatch, AccountSort, OutboxCounts};

/// Something that happened: a key, a resize, or the result of an effect.
#[derive(Debug, Clone)]
pub enum Action {
    Key(Key),
    Mouse(Mouse),
    Resize {
        width: u16,
        height: u16,
    },
    AccountsLoaded {
        generation: u64,
        result: Result<AccountRows, String>,
    },
    DetailLoaded {
        generation: u64,
        result: Result<Box<AccountDetail>, String>,
    },
    TicketLoaded {
        generation: u64,
        result: Result<Box<Conversation>, String>,
    },
    QueuesComputed {
        generation: u64,
        result: Result<QueueLoad, String>,
    },
    /// The accounts a queue filter matches.
    AccountsMatched {
        generation: u64,
        result: Result<Vec<AccountId>, String>,
    },
    /// What the store found for `:account QUERY`.
    AccountFound {
        generation: u64,
        query: String,
        result: Result<AccountMatch, String>,
    },
    QueueSaved {
        result: Result<SavedQueue, String>,
    },
    DashboardLoaded {
        generation: u64,
        result: Result<Box<DashboardLoad>, String>,
    },
    /// What an action (or a bulk action) wrote.
    Acted {
        result: Result<ActReport, String>,
    },
    /// What an undo came to: the message to show.
    Undone {
        result: Result<String, String>,
    },
    OutboxLoaded {
        generation: u64,
        result: Result<OutboxLoad, String>,
    },
    /// A retry, edit or discard of an outbox item: the message to show.
    OutboxItemChanged {
        result: Result<String, String>,
    },
    /// How many tasks a run of the playbooks made.
    PlaybooksRan {
        result: Result<usize, String>,
    },
    /// What the open ticket's backend gave for its comments.
    CommentsFetched {
        generation: u64,
        ticket: TicketId,
        source: Source,
        width: u16,
        result: Result<Vec<CommentRecord>, String>,
    },
    /// A background sync of a source started, ended or failed.
    SourceSynced {
        source: String,
        state: SourceSync,
    },
    /// The pusher's progress: what it is doing, and the counts after it.
    SyncProgress {
        activity: SyncActivity,
        counts: OutboxCounts,
    },
    TasksLoaded {
        generation: u64,
        result: Result<Vec<TaskRow>, String>,
    },
    /// How the console handled a link `o` asked it to open.
    LinkOpened {
        url: String,
        outcome: LinkOutcome,
    },
    /// The search worker's answer, partial or final.
    SearchAnswered(Box<SearchAnswer>),
    /// Another process wrote to the workspace.
    WorkspaceChanged,
}

/// The outbox as its screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxLoad {
    /// Waiting and refused items, oldest first.
    pub items: Vec<OutboxItem>,
    pub counts: OutboxCounts,
}

/// What one batch of changes came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActReport {
    /// What was done, for the status line: "Note added".
    pub label: String,
    /// How many records changed.
    pub changed: usize,
    /// Why the others did not: "task #4 is done already".
    pub skipped: Vec<String>,
    /// Where the outbox items stand (all of a batch share it).
    pub state: Option<OutboxState>,
    /// Whether lists and queues may read differently now (a stage, a
    /// ticket, a merge changed), not only the record's own view.
    pub lists_changed: bool,
}

/// A filter saved as a queue in `queues.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQueue {
    pub id: String,
    pub title: String,
    /// The file it was written to.
    pub path: String,
}

/// Work for the runtime. Each load carries the generation its result must
/// come back with; results of superseded loads are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read the accounts list in the order of `sort`, only those `filter`
    /// matches as of `now` if there is one.
    LoadAccounts {
        generation: u64,
        sort: AccountSort,
        filter: Option<Filter>,
        /// Only these accounts (a dashboard tile's), if given.
        among: Option<Arc<Vec<AccountId>>>,
        now: Timestamp,
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
    /// Ask the search worker for `query`, dropping any older one.
    Search {
        generation: u64,
        query: String,
    },
    /// Let the search worker's index go: the workspace changed.
    ForgetSearchIndex,
    /// Apply `changes` as one batch, each with its outbox item; `label`
    /// says what they are.
    Act {
        changes: Vec<Change>,
        label: String,
    },
    /// Undo the newest batch that has not left for a backend.
    UndoLast,
    /// Read the outbox's waiting and refused items and its counts.
    LoadOutbox {
        generation: u64,
    },
    RetryOutboxItem {
        item: i64,
    },
    DiscardOutboxItem {
        item: i64,
    },
    /// Replace a refused item's payload and send it again.
    EditOutboxItem {
        item: i64,
        payload: serde_json::Value,
    },
    /// Tell the pusher there is something new to push.
    WakePusher,
    /// Run the playbooks' triggers for what happened since their last run.
    RunPlaybooks,
    /// Ask the ticket's helpdesk for its comments; the console does it off
    /// the UI and answers with `CommentsFetched`.
    FetchComments {
        generation: u64,
        ticket: TicketId,
        source: Source,
        external: String,
        width: u16,
    },
    /// Store the comments a backend gave for a ticket, then read the
    /// ticket again for `width` columns.
    StoreComments {
        generation: u64,
        ticket: TicketId,
        source: Source,
        comments: Vec<CommentRecord>,
        width: u16,
    },
    /// Read every open task with its account's name.
    LoadTasks {
        generation: u64,
    },
    /// Open `url` in a browser where there is a local display, else show
    /// and copy it.
    OpenLink {
        url: String,
    },
    /// Put `text` on the clipboard (the console writes it to the terminal).
    CopyToClipboard {
        text: String,
    },
    /// Compute the dashboard of `scope` over the `days` days up to `now`.
    LoadDashboard {
        generation: u64,
        scope: Scope,
        days: u32,
        now: Timestamp,
    },
    /// Compute the rows of every queue of `queues.toml` as of `now`.
    ComputeQueues {
        generation: u64,
        now: Timestamp,
    },
    /// Find the ids of the accounts `filter` matches as of `now`.
    MatchAccounts {
        generation: u64,
        filter: Filter,
        now: Timestamp,
    },
    /// Look an account up by id, domain or name (`:account`).
    FindAccount {
        generation: u64,
        query: String,
    },
    /// Write a queue to the user's `queues.toml`: the accounts of queue
    /// `base` (every account without one) that `filter` matches.
    SaveQueue {
        title: String,
        base: Option<String>,
        filter: Filter,
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
    let mut outcome = request_accounts(state);
    outcome.effects.extend(outbox::request(state).effects);
    if !state.read_only {
        outcome.effects.push(Effect::RunPlaybooks);
    }
    outcome
}

pub fn update(state: &mut State, action: Action) -> Outcome {
    match action {
        Action::Key(key) if state.confirm.is_some() => form::confirm_key(state, key),
        Action::Key(key) if state.form.is_some() => form::key(state, key),
        Action::Key(key) if state.prompt.is_some() => prompt::key(state, key),
        Action::Key(key) if state.search.is_some() => search::key(state, key),
        Action::Key(key) => match state.keymap.intent_for(state.context(), key) {
            Some(intent) => apply_intent(state, intent),
            None => Outcome::unchanged(),
        },
        Action::Mouse(mouse) => mouse::handle(state, mouse),
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
        Action::QueuesComputed { generation, result } => queues::computed(state, generation, result),
        Action::AccountsMatched { generation, result } => queues::matched(state, generation, result),
        Action::AccountFound { generation, query, result } => {
            prompt::account_found(state, generation, &query, result)
        }
        Action::QueueSaved { result } => prompt::queue_saved(state, result),
        Action::DashboardLoaded { generation, result } => dashboard::loaded(state, generation, result),
        Action::SearchAnswered(answer) => search::answered(state, *answer),
        Action::LinkOpened { url, outcome } => open_link::opened(state, &url, outcome),
        Action::Acted { result } => act::acted(state, result),
        Action::Undone { result } => act::undone(state, result),
        Action::OutboxLoaded { generation, result } => outbox::loaded(state, generation, result),
        Action::OutboxItemChanged { result } => outbox::item_changed(state, result),
        Action::SyncProgress { activity, counts } => outbox::progress(state, activity, counts),
        Action::PlaybooksRan { result } => act::playbooks_ran(state, result),
        Action::CommentsFetched { generation, ticket, source, width, result } => {
            account::comments_fetched(state, generation, ticket, source, width, result)
        }
        Action::SourceSynced { source, state: sync } => {
            match state.sources.iter_mut().find(|known| known.name == source) {
                Some(known) => known.state = sync,
                None => state.sources.push(SourceStatus { name: source, state: sync }),
            }
            Outcome::redraw()
        }
        Action::TasksLoaded { generation, result } => tasks::loaded(state, generation, result),
        Action::WorkspaceChanged => workspace_changed(state),
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
            state.prompt = Some(Prompt::new(PromptKind::Command, String::new()));
            Outcome::redraw()
        }
        Intent::OpenFilter => {
            let current = match state.screen {
                Screen::Queues => state.queues.filter.as_ref(),
                _ => state.accounts.filter.as_ref(),
            };
            let text = current.map(|applied| applied.text.clone()).unwrap_or_default();
            state.prompt = Some(Prompt::new(PromptKind::Filter, text));
            Outcome::redraw()
        }
        // Esc first lets a selection go.
        Intent::Back if state.selection.on(state.screen).is_some() => form::clear_selection(state),
        Intent::Back => match state.screen {
            Screen::AccountDetail => {
                state.screen = state.detail.as_ref().map_or(Screen::AccountList, |view| view.back_to);
                state.detail = None;
                Outcome::redraw()
            }
            Screen::Ticket => account::close_ticket(state),
            // Esc first takes a filter away, then leaves the list.
            Screen::Queues if state.queues.filter.is_some() => queues::apply_filter(state, None),
            Screen::Queues => {
                state.screen = Screen::AccountList;
                Outcome::redraw()
            }
            Screen::AccountList if state.accounts.filter.is_some() => filter_accounts(state, None),
            // A drill-down goes back to the dashboard it came from.
            Screen::AccountList if state.accounts.drill.is_some() => {
                state.accounts.drill = None;
                state.screen = Screen::Dashboard;
                request_accounts(state)
            }
            Screen::AccountList => Outcome::unchanged(),
            Screen::Dashboard => dashboard::back(state),
            Screen::Tasks | Screen::Outbox => {
                state.screen = Screen::AccountList;
                Outcome::redraw()
            }
        },
        Intent::MoveDown if state.screen == Screen::Dashboard => dashboard::move_rows(state, 1),
        Intent::MoveUp if state.screen == Screen::Dashboard => dashboard::move_rows(state, -1),
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
            Screen::Dashboard => dashboard::open_tile(state),
            Screen::Tasks => tasks::open_selected(state),
            Screen::Ticket | Screen::Outbox => Outcome::unchanged(),
        },
        Intent::NextTab if state.screen == Screen::Tasks => tasks::next_view(state, 1),
        Intent::PreviousTab if state.screen == Screen::Tasks => tasks::next_view(state, -1),
        Intent::NextTab if state.screen == Screen::Dashboard => dashboard::step_tile(state, 1),
        Intent::PreviousTab if state.screen == Screen::Dashboard => dashboard::step_tile(state, -1),
        Intent::NextTab if state.screen == Screen::Queues => queues::step_queue(state, 1),
        Intent::PreviousTab if state.screen == Screen::Queues => queues::step_queue(state, -1),
        Intent::NextTab => account::step_tab(state, 1),
        Intent::PreviousTab => account::step_tab(state, -1),
        Intent::OpenQueues => queues::open(state),
        Intent::OpenDashboard => dashboard::open(state),
        Intent::Copy => copy::copy(state),
        Intent::OpenSearch => search::open(state),
        Intent::OpenLink => open_link::open(state),
        Intent::OpenTasks => tasks::open(state),
        Intent::CompleteTask => tasks::complete_selected(state),
        Intent::StartNote => form::open_note(state),
        Intent::LogTouchpoint => form::open_touchpoint(state),
        Intent::NewTask => form::open_task(state),
        Intent::ChangeStage => form::open_stage(state),
        Intent::EditMeddic => form::open_meddic(state),
        Intent::CloseLoop => form::open_close_loop(state),
        Intent::UpdateTicket => form::open_ticket(state),
        Intent::SnoozeTask => form::open_snooze(state),
        Intent::MergeDuplicate => form::open_merge(state),
        Intent::ReassignTask => form::open_reassign(state),
        Intent::ToggleSelect => form::toggle_select(state),
        Intent::SelectAll => form::select_all(state),
        Intent::Undo => Outcome::with(Effect::UndoLast),
        Intent::OpenOutbox => outbox::open(state),
        Intent::RetryOutboxItem => outbox::retry(state),
        Intent::EditOutboxItem => outbox::edit(state),
        Intent::DiscardOutboxItem => outbox::discard(state),
        Intent::Refresh if state.screen == Screen::Dashboard => dashboard::request(state),
        Intent::Refresh => queues::compute(state),
        Intent::CycleScope(kind) => dashboard::cycle_scope(state, kind),
        Intent::ClearScope => dashboard::set_scope(state, Scope::All),
        Intent::SortBy(column) if state.screen == Screen::Queues => queues::sort_by(state, column),
        Intent::NextSortColumn if state.screen == Screen::Queues => queues::sort_next(state),
        Intent::ReverseSort if state.screen == Screen::Queues => queues::reverse_sort(state),
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

fn set_error(state: &mut State, text: String) {
    state.notice = Some(Notice { text, is_error: true });
}

fn page_size(state: &State) -> usize {
    let rows = match state.screen {
        Screen::AccountList => layout::account_table_rows(state.height),
        Screen::AccountDetail => layout::account_tab_rows(state.height),
        Screen::Ticket => layout::conversation_rows(state.height),
        Screen::Queues => layout::queue_table_rows(state.height),
        Screen::Dashboard => 1,
        Screen::Tasks | Screen::Outbox => layout::task_table_rows(state.height),
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
        Screen::Dashboard => return Outcome::unchanged(),
        Screen::Tasks => return tasks::move_by(state, delta),
        Screen::Outbox => return outbox::move_by(state, delta),
    }
    Outcome::redraw()
}

fn clamp_add(value: usize, delta: isize, max: usize) -> usize {
    value.saturating_add_signed(delta).min(max)
}

/// Puts the accounts cursor on row `index` (a click).
fn select_account_row(state: &mut State, index: usize) -> Outcome {
    if index == state.accounts.selected || index >= state.accounts.rows.rows.len() {
        return Outcome::unchanged();
    }
    state.accounts.selected = index;
    keep_account_cursor_visible(state);
    Outcome::redraw()
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
    open_account(state, summary, Screen::AccountList)
}

/// Opens an account found by `:account`; Esc goes back to the list it was
/// asked from.
fn account_found_detail(state: &mut State, summary: AccountSummary) -> Outcome {
    let back_to = match state.screen {
        Screen::Queues => Screen::Queues,
        Screen::AccountDetail | Screen::Ticket => {
            state.detail.as_ref().map_or(Screen::AccountList, |view| view.back_to)
        }
        Screen::AccountList | Screen::Dashboard | Screen::Tasks | Screen::Outbox => Screen::AccountList,
    };
    state.ticket = None;
    open_account(state, summary, back_to)
}

/// Shows the account at once from its summary and asks for the rest.
fn open_account(state: &mut State, summary: AccountSummary, back_to: Screen) -> Outcome {
    let generation = state.next_generation();
    let account = summary.id;
    state.detail = Some(DetailView::new(summary, generation, back_to));
    state.screen = Screen::AccountDetail;
    Outcome::with(Effect::LoadAccountDetail { generation, account, now: state.now })
}

fn sort_accounts(state: &mut State, sort: AccountSort) -> Outcome {
    state.accounts.sort = sort;
    request_accounts(state)
}

/// Shows only the accounts `filter` matches, or all of them with `None`.
fn filter_accounts(state: &mut State, filter: Option<Filter>) -> Outcome {
    state.accounts.filter = filter.map(AppliedFilter::new);
    request_accounts(state)
}

fn request_accounts(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    state.accounts.generation = generation;
    state.accounts.loading = true;
    let filter = state.accounts.filter.as_ref().map(|applied| applied.filter.clone());
    let among = state.accounts.drill.as_ref().map(|drill| Arc::clone(&drill.accounts));
    Outcome::with(Effect::LoadAccounts {
        generation,
        sort: state.accounts.sort,
        filter,
        among,
        now: state.now,
    })
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
        Err(message) if list.filter.is_some() => {
            // Show every account rather than rows that do not fit the filter.
            list.filter = None;
            set_error(state, format!("The filter could not be applied: {message}"));
            return request_accounts(state);
        }
        Err(message) => set_error(state, format!("Could not load the accounts: {message}")),
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
    match state.pending_open.take() {
        Some(pending) => open_pending(state, pending),
        None => Outcome::redraw(),
    }
}

/// Shows the tab a search hit belongs to, and opens its ticket.
fn open_pending(state: &mut State, pending: PendingOpen) -> Outcome {
    let Some(view) = state.detail.as_mut() else {
        return Outcome::redraw();
    };
    view.tab = pending.tab;
    view.scroll = 0;
    let position = pending
        .ticket
        .and_then(|ticket| view.detail.as_ref()?.tickets.iter().position(|candidate| candidate.id == ticket));
    match position {
        Some(position) => {
            view.scroll = position;
            account::open_selected_ticket(state)
        }
        None => Outcome::redraw(),
    }
}

/// Reads again everything on screen or kept: the workspace was written (by
/// another process, or by an action here).
fn workspace_changed(state: &mut State) -> Outcome {
    let mut effects = request_accounts(state).effects;
    effects.extend(search::refresh(state));
    effects.extend(queues::refresh(state));
    effects.extend(dashboard::refresh(state));
    effects.extend(act::reload_open_views(state));
    effects.extend(outbox::request(state).effects);
    if !state.read_only {
        // Another process may have left items to push, or events a
        // playbook waits for.
        effects.push(Effect::RunPlaybooks);
        effects.push(Effect::WakePusher);
    }
    Outcome { redraw: true, effects }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::app::keys::KeyCode;
    use crate::model::{Currency, LifecycleStage, Money, SafeText};

    pub(super) fn summary(id: i64) -> AccountSummary {
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
    pub(super) fn loaded(count: i64) -> State {
        let mut state = State::new(jiff::Timestamp::UNIX_EPOCH, 120, 40, "test".into());
        let Effect::LoadAccounts { generation, .. } = start(&mut state).effects[0].clone() else {
            panic!("the first effect loads the accounts");
        };
        let rows = AccountRows::new((1..=count).map(summary).collect());
        let _ = update(&mut state, Action::AccountsLoaded { generation, result: Ok(rows) });
        state
    }

    pub(super) fn press(state: &mut State, key: Key) -> Outcome {
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
        let Effect::LoadAccounts { generation: stale, sort, .. } = first.effects[0] else {
            panic!("sorting reloads");
        };
        assert_eq!(sort, AccountSort { column: AccountColumn::Mrr, descending: false });
        let second = press(&mut state, Key::char('4'));
        let Effect::LoadAccounts { generation: fresh, sort, .. } = second.effects[0] else {
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
}
