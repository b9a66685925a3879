//! Everything the screens show, as plain data. `ui` reads it; only `update`
//! changes it.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use jiff::Timestamp;
use unicode_width::UnicodeWidthStr;

use super::account_tabs::{AccountTab, TimelineFilter};
use super::commands::{Command, Context, Intent};
use super::keymap::Keymap;
use super::ticket::TicketView;
use super::update::LinkTemplates;
use crate::metrics::dashboard::{Dashboard, Scope, ScopeChoices};
use crate::metrics::health::HealthExplanation;
use crate::metrics::queues::QueueRow;
use crate::metrics::{Nps, RiskLevel};
use crate::model::{
    Account, AccountId, AccountSummary, Contact, Event, MeddicEntry, Money, Note, OutboxItem, Purchase,
    Source, SurveyResponse, Task, TaskRow, Ticket, TicketId, UsageSnapshot,
};
use crate::query::{Filter, QueryError};
use crate::search::Hit;
use crate::store::{AccountColumn, AccountSort, OutboxCounts};

use super::form::{Confirm, Form};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    AccountList,
    AccountDetail,
    Ticket,
    Queues,
    Dashboard,
    Tasks,
    Outbox,
}

/// A one-line message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Widths of the accounts table's variable columns, measured once per load
/// from the data (never per frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnWidths {
    pub name: u16,
    pub plan: u16,
    pub mrr: u16,
    pub owner: u16,
}

/// A loaded, sorted list of accounts and its column widths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountRows {
    pub rows: Vec<AccountSummary>,
    pub widths: ColumnWidths,
}

impl AccountRows {
    /// Measures the columns. Runs off the UI task, next to the load.
    pub fn new(rows: Vec<AccountSummary>) -> AccountRows {
        let measure = |width: usize, min: u16, max: u16| (width as u16).clamp(min, max);
        let mut widths = ColumnWidths::default();
        for row in &rows {
            widths.name = widths.name.max(measure(row.name.width(), 4, 40));
            widths.plan = widths.plan.max(measure(row.plan.width(), 4, 14));
            widths.mrr = widths.mrr.max(measure(row.mrr.compact().width(), 3, 16));
            widths.owner = widths.owner.max(measure(row.owner.width(), 5, 16));
        }
        AccountRows { rows, widths }
    }
}

/// The accounts table: the loaded rows, the sort, and where the cursor is.
#[derive(Debug, Clone)]
pub struct AccountList {
    pub rows: AccountRows,
    /// Whether a first load has arrived (an empty workspace is loaded too).
    pub loaded: bool,
    /// A newer load is on its way (after a sort change, say).
    pub loading: bool,
    pub sort: AccountSort,
    /// The filter the rows were loaded with, if any.
    pub filter: Option<AppliedFilter>,
    /// The accounts behind a dashboard tile, when the list shows only them.
    pub drill: Option<Drill>,
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    pub(super) generation: u64,
}

impl AccountList {
    pub fn selected_row(&self) -> Option<&AccountSummary> {
        self.rows.rows.get(self.selected)
    }
}

/// The accounts a dashboard tile counts, listed on their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    /// What they are: "NPS, last 90 days".
    pub label: String,
    pub accounts: Arc<Vec<AccountId>>,
}

/// What one dashboard load brings: the dashboard of the scope asked for,
/// and every owner, plan and segment the scope can be set to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardLoad {
    pub dashboard: Dashboard,
    pub choices: ScopeChoices,
}

/// The dashboard screen: its load, the scope, the tile under the cursor,
/// and whether that tile's explanation is open.
#[derive(Debug, Clone, Default)]
pub struct DashboardScreen {
    pub load: Option<Box<DashboardLoad>>,
    pub scope: Scope,
    pub loading: bool,
    pub error: Option<String>,
    pub tile: usize,
    pub explaining: bool,
    pub(super) generation: u64,
}

/// Everything the account view shows, read in one load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDetail {
    pub account: Account,
    pub contacts: Vec<Contact>,
    /// Newest first.
    pub timeline: Vec<Event>,
    /// Newest first.
    pub tickets: Vec<Ticket>,
    /// Newest first.
    pub surveys: Vec<SurveyResponse>,
    /// The NPS over the account's NPS answers.
    pub nps: Nps,
    /// Newest first.
    pub purchases: Vec<Purchase>,
    /// What the account has bought in all, one amount per currency.
    pub lifetime_value: Vec<Money>,
    /// Oldest first, as the chart reads them.
    pub usage: Vec<UsageSnapshot>,
    pub tasks: Vec<Task>,
    /// Newest first.
    pub notes: Vec<Note>,
    /// The MEDDIC elements filled in, in the checklist's order.
    pub meddic: Vec<MeddicEntry>,
    pub health: AccountHealth,
}

/// The account's health score with every number behind it, and its churn
/// risk, as computed when the view was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountHealth {
    pub explanation: HealthExplanation,
    /// The saved score of each of the last days, oldest first; `None` for a
    /// day without a snapshot.
    pub trend: Vec<Option<u8>>,
    pub risk_level: RiskLevel,
    pub risk_weight: u32,
    /// The rules that fired, in the risk model's order.
    pub risk_reasons: Vec<RiskReason>,
}

/// One fired churn-risk rule, in the words of `health.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskReason {
    pub weight: u32,
    pub reason: String,
    pub evidence: String,
}

/// The account view: shown at once from the list row, filled in when the
/// detail load arrives.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub account_id: AccountId,
    pub summary: AccountSummary,
    pub detail: Option<AccountDetail>,
    pub error: Option<String>,
    pub tab: AccountTab,
    pub timeline_filter: TimelineFilter,
    /// The first visible row of the tab; on the tickets tab, the row under
    /// the cursor.
    pub scroll: usize,
    /// The screen Esc goes back to: the accounts list or the queues.
    pub back_to: Screen,
    pub(super) generation: u64,
}

impl DetailView {
    pub(super) fn new(summary: AccountSummary, generation: u64, back_to: Screen) -> DetailView {
        DetailView {
            back_to,
            account_id: summary.id,
            summary,
            detail: None,
            error: None,
            tab: AccountTab::Timeline,
            timeline_filter: TimelineFilter::All,
            scroll: 0,
            generation,
        }
    }
}

/// One queue of `queues.toml` in the queues screen's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    /// The name `:queue` and `keepers queue` take.
    pub id: String,
    pub title: String,
    /// How many accounts it holds, once computed.
    pub count: Option<usize>,
    /// How many of them the applied filter keeps.
    pub matching: Option<usize>,
}

/// Widths of the queue table's variable columns, measured once per load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueWidths {
    pub name: u16,
    pub owner: u16,
    pub mrr: u16,
}

/// Every queue's rows, computed together off the UI task, and the widths of
/// their columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueLoad {
    pub rows: Vec<Vec<QueueRow>>,
    pub widths: QueueWidths,
}

impl QueueLoad {
    /// Measures the columns. Runs off the UI task, next to the load.
    pub fn new(rows: Vec<Vec<QueueRow>>) -> QueueLoad {
        let mut widths = QueueWidths { name: 7, owner: 5, mrr: 3 };
        for row in rows.iter().flatten() {
            let account = &row.account;
            widths.name = widths.name.max(account.name.as_str().width() as u16);
            widths.owner = widths.owner.max(account.owner.as_str().width() as u16);
            widths.mrr = widths.mrr.max(account.mrr.compact().width() as u16);
        }
        QueueLoad { rows, widths }
    }
}

/// A filter typed after `/` and applied to a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFilter {
    pub filter: Filter,
    /// The filter as keepers writes it, for the title bar and for saving.
    pub text: String,
    /// The accounts it matches; `None` while the store is asked.
    pub matching: Option<Arc<HashSet<AccountId>>>,
}

impl AppliedFilter {
    pub fn new(filter: Filter) -> AppliedFilter {
        AppliedFilter { text: filter.to_string(), filter, matching: None }
    }
}

/// The queues screen: the queues down the left, the chosen one's rows on
/// the right with a cursor. Every queue is computed in one load and kept,
/// so switching queue, sorting and filtering never wait for the store
/// again; a change to the workspace computes them afresh.
#[derive(Debug, Clone, Default)]
pub struct QueueScreen {
    pub queues: Vec<QueueEntry>,
    /// The queue whose rows are shown.
    pub queue: usize,
    /// Every queue's rows in its own order; `None` until the first load.
    pub computed: Option<Vec<Vec<QueueRow>>>,
    /// A newer computation is on its way (the first, or after a change).
    pub computing: bool,
    pub widths: QueueWidths,
    /// The chosen queue's rows on screen: indices into its computed rows,
    /// narrowed by the filter and in the order of `sort`.
    pub visible: Vec<usize>,
    /// A column order; `None` keeps the queue's own (most pressing first).
    pub sort: Option<AccountSort>,
    pub filter: Option<AppliedFilter>,
    pub error: Option<String>,
    /// The cursor, an index into `visible`.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    pub(super) generation: u64,
    pub(super) filter_generation: u64,
}

impl QueueScreen {
    /// The queues of `queues.toml` as (id, title), in its order, not counted yet.
    pub fn new(queues: Vec<(String, String)>) -> QueueScreen {
        QueueScreen {
            queues: queues
                .into_iter()
                .map(|(id, title)| QueueEntry { id, title, count: None, matching: None })
                .collect(),
            ..QueueScreen::default()
        }
    }

    /// The chosen queue's row at `position` on screen.
    pub fn row(&self, position: usize) -> Option<&QueueRow> {
        let index = *self.visible.get(position)?;
        self.computed.as_ref()?.get(self.queue)?.get(index)
    }

    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.row(self.selected)
    }

    /// How many rows are on screen (after the filter).
    pub fn row_count(&self) -> usize {
        self.visible.len()
    }
}

/// The search box: the query, the hits of the newest answer (grouped by
/// kind, best first) and the cursor among them.
#[derive(Debug, Clone, Default)]
pub struct SearchBox {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// The query the hits answer; `None` before the first answer.
    pub answered: Option<String>,
    /// Whether every candidate was scanned for that query.
    pub done: bool,
    pub scanned: usize,
    pub total: usize,
    pub error: Option<String>,
    pub(super) generation: u64,
}

/// Where to go once the account a search hit belongs to is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingOpen {
    pub tab: AccountTab,
    /// A ticket to open on the tickets tab.
    pub ticket: Option<TicketId>,
}

/// Which open tasks the Tasks screen lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TaskView {
    /// Owned by `[user] name`.
    #[default]
    Mine,
    /// Past their due day.
    Overdue,
    /// Due today or in the six days after.
    ThisWeek,
    All,
    /// Every open task, grouped by account (by name), soonest due first in each.
    ByAccount,
}

impl TaskView {
    pub const ALL: [TaskView; 5] =
        [TaskView::Mine, TaskView::Overdue, TaskView::ThisWeek, TaskView::All, TaskView::ByAccount];

    pub fn title(self) -> &'static str {
        match self {
            TaskView::Mine => "mine",
            TaskView::Overdue => "overdue",
            TaskView::ThisWeek => "due this week",
            TaskView::All => "all, by due day",
            TaskView::ByAccount => "all, by account",
        }
    }
}

/// The Tasks screen: every open task, and the view of them on screen.
#[derive(Debug, Clone, Default)]
pub struct TasksScreen {
    pub rows: Option<Vec<TaskRow>>,
    pub view: TaskView,
    /// The rows of the view, as indices into `rows`.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub loading: bool,
    pub(super) generation: u64,
}

impl TasksScreen {
    pub fn row(&self, position: usize) -> Option<&TaskRow> {
        self.rows.as_ref()?.get(*self.visible.get(position)?)
    }

    pub fn selected_row(&self) -> Option<&TaskRow> {
        self.row(self.selected)
    }
}

/// How the pusher is doing, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SyncActivity {
    /// No backend is configured: actions stay in the workspace.
    #[default]
    Local,
    /// Nothing to push, or waiting for the next item.
    Idle,
    Pushing,
    /// The last push failed in a way that may pass; it will be tried again.
    Retrying {
        reason: String,
    },
}

/// Where a backend's background sync stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSync {
    Running,
    Done { at: Timestamp, records: u64 },
    Failed { message: String },
}

/// A configured source, as the status line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatus {
    pub name: String,
    pub state: SourceSync,
}

/// The Outbox screen: the items waiting for the backend and those it
/// refused, and the counts the status line shows on every screen.
#[derive(Debug, Clone, Default)]
pub struct OutboxScreen {
    pub items: Vec<OutboxItem>,
    pub counts: OutboxCounts,
    pub sync: SyncActivity,
    pub selected: usize,
    pub offset: usize,
    pub loaded: bool,
    pub(super) generation: u64,
}

impl OutboxScreen {
    pub fn selected_item(&self) -> Option<&OutboxItem> {
        self.items.get(self.selected)
    }
}

/// The accounts picked for a bulk action on the list on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The screen they were picked on; another screen has none.
    pub screen: Option<Screen>,
    pub accounts: BTreeSet<AccountId>,
}

impl Selection {
    pub fn on(&self, screen: Screen) -> Option<&BTreeSet<AccountId>> {
        (self.screen == Some(screen) && !self.accounts.is_empty()).then_some(&self.accounts)
    }

    pub fn contains(&self, screen: Screen, account: AccountId) -> bool {
        self.screen == Some(screen) && self.accounts.contains(&account)
    }
}

/// What a one-line prompt at the bottom is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The `:` command line.
    Command,
    /// A filter for the list on screen, typed after `/`.
    Filter,
}

/// The line being typed in place of the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// What is wrong with the filter as typed, shown until the next key.
    pub error: Option<QueryError>,
    /// The palette entry chosen with the arrows; `None` runs the line as
    /// typed.
    pub choice: Option<usize>,
}

impl Prompt {
    pub fn new(kind: PromptKind, text: String) -> Prompt {
        Prompt { kind, text, error: None, choice: None }
    }
}

#[derive(Debug, Clone)]
pub struct State {
    /// The instant relative dates ("in 12 days") are measured from.
    pub now: Timestamp,
    pub width: u16,
    pub height: u16,
    /// What the title bar calls the open workspace.
    pub workspace: String,
    pub screen: Screen,
    pub help_open: bool,
    pub help_scroll: usize,
    pub accounts: AccountList,
    pub detail: Option<DetailView>,
    /// The ticket opened from the account view; the account stays loaded
    /// behind it for Esc.
    pub ticket: Option<TicketView>,
    pub queues: QueueScreen,
    pub dashboard: DashboardScreen,
    pub tasks: TasksScreen,
    pub outbox: OutboxScreen,
    /// The backends synced in the background, and how their last sync went.
    pub sources: Vec<SourceStatus>,
    /// The configured sources a ticket's comments are read from when it is
    /// opened (Zendesk, Freshdesk).
    pub comment_sources: Vec<Source>,
    /// The accounts picked for a bulk action.
    pub selection: Selection,
    /// The dialog of an action being filled in.
    pub form: Option<Form>,
    /// A bulk action waiting for a yes.
    pub confirm: Option<Confirm>,
    pub notice: Option<Notice>,
    /// The `:` command line or the `/` filter while one is being typed.
    pub prompt: Option<Prompt>,
    /// The search box, while it is open.
    pub search: Option<SearchBox>,
    /// What to show once the account being opened from a search hit loads.
    pub(super) pending_open: Option<PendingOpen>,
    /// The keys in effect: the registry's defaults with keymap.toml's
    /// overrides.
    pub keymap: Keymap,
    /// The pages `o` opens, from keepers.toml's `[links]`.
    pub links: LinkTemplates,
    /// `--read-only`: nothing that writes is offered or run.
    pub read_only: bool,
    /// The user's name (`[user] name`): whose tasks are "mine".
    pub me: String,
    pub quit: bool,
    pub(super) last_generation: u64,
    /// The generation of the latest `:account` lookup.
    pub(super) lookup_generation: u64,
}

impl State {
    /// A state waiting for its first load, with the default keys: pass it
    /// to [`super::start`] for the effect that loads it.
    pub fn new(now: Timestamp, width: u16, height: u16, workspace: String) -> State {
        State {
            now,
            width,
            height,
            workspace,
            screen: Screen::AccountList,
            help_open: false,
            help_scroll: 0,
            accounts: AccountList {
                rows: AccountRows::default(),
                loaded: false,
                loading: true,
                sort: AccountSort { column: AccountColumn::Name, descending: false },
                filter: None,
                drill: None,
                selected: 0,
                offset: 0,
                generation: 0,
            },
            detail: None,
            ticket: None,
            queues: QueueScreen::default(),
            dashboard: DashboardScreen::default(),
            tasks: TasksScreen::default(),
            outbox: OutboxScreen::default(),
            sources: Vec::new(),
            comment_sources: Vec::new(),
            selection: Selection::default(),
            form: None,
            confirm: None,
            notice: None,
            prompt: None,
            search: None,
            pending_open: None,
            keymap: Keymap::default(),
            links: LinkTemplates::default(),
            read_only: false,
            me: String::new(),
            quit: false,
            last_generation: 0,
            lookup_generation: 0,
        }
    }

    /// The command context of what is on screen.
    pub fn context(&self) -> Context {
        match self.screen {
            Screen::AccountList => Context::AccountList,
            Screen::AccountDetail => Context::AccountDetail,
            Screen::Ticket => Context::Ticket,
            Screen::Queues => Context::Queues,
            Screen::Dashboard => Context::Dashboard,
            Screen::Tasks => Context::Tasks,
            Screen::Outbox => Context::Outbox,
        }
    }

    /// Whether a command of the screen means something right now: opening
    /// a ticket only on the tickets tab, the kind filter only on the
    /// timeline. The hint bar leaves the others out.
    pub fn offers(&self, command: &Command) -> bool {
        let tab = self.detail.as_ref().map(|view| view.tab);
        match (command.context, command.intent) {
            (Context::AccountDetail, Intent::Open) => tab == Some(AccountTab::Tickets),
            (Context::AccountDetail, Intent::CycleTimelineFilter) => tab == Some(AccountTab::Timeline),
            (Context::AccountDetail, Intent::CloseLoop) => tab == Some(AccountTab::Surveys),
            _ => true,
        }
    }

    pub(super) fn next_generation(&mut self) -> u64 {
        self.last_generation += 1;
        self.last_generation
    }
}
