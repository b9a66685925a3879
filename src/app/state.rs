//! Everything the screens show, as plain data. `ui` reads it; only `update`
//! changes it.

use jiff::Timestamp;
use unicode_width::UnicodeWidthStr;

use super::account_tabs::{AccountTab, TimelineFilter};
use super::commands::Context;
use super::keymap::Keymap;
use super::ticket::TicketView;
use crate::metrics::health::HealthExplanation;
use crate::metrics::queues::QueueRow;
use crate::metrics::{Nps, RiskLevel};
use crate::model::{
    Account, AccountId, AccountSummary, Contact, Event, Money, Note, Purchase, SurveyResponse, Task, Ticket,
    UsageSnapshot,
};
use crate::store::{AccountColumn, AccountSort};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    AccountList,
    AccountDetail,
    Ticket,
    Queues,
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
    pub title: String,
    /// How many accounts it holds, once a load has counted them.
    pub count: Option<usize>,
}

/// Widths of the queue table's variable columns, measured once per load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueWidths {
    pub name: u16,
    pub owner: u16,
    pub mrr: u16,
}

/// What one queue load brings: every queue's count and the chosen queue's
/// rows with their column widths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueLoad {
    pub counts: Vec<usize>,
    pub rows: Vec<QueueRow>,
    pub widths: QueueWidths,
}

impl QueueLoad {
    /// Measures the columns. Runs off the UI task, next to the load.
    pub fn new(counts: Vec<usize>, rows: Vec<QueueRow>) -> QueueLoad {
        let mut widths = QueueWidths { name: 7, owner: 5, mrr: 3 };
        for row in &rows {
            let account = &row.account;
            widths.name = widths.name.max(account.name.as_str().width() as u16);
            widths.owner = widths.owner.max(account.owner.as_str().width() as u16);
            widths.mrr = widths.mrr.max(account.mrr.compact().width() as u16);
        }
        QueueLoad { counts, rows, widths }
    }
}

/// The queues screen: the queues down the left, the chosen one's rows on
/// the right with a cursor.
#[derive(Debug, Clone, Default)]
pub struct QueueScreen {
    pub queues: Vec<QueueEntry>,
    /// The queue whose rows are shown.
    pub queue: usize,
    /// The chosen queue's rows; `None` until its load arrives.
    pub rows: Option<Vec<QueueRow>>,
    pub widths: QueueWidths,
    pub error: Option<String>,
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    pub(super) generation: u64,
}

impl QueueScreen {
    /// The queues' titles in the order of `queues.toml`, not counted yet.
    pub fn new(titles: Vec<String>) -> QueueScreen {
        QueueScreen {
            queues: titles.into_iter().map(|title| QueueEntry { title, count: None }).collect(),
            ..QueueScreen::default()
        }
    }

    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.rows.as_ref()?.get(self.selected)
    }

    pub fn row_count(&self) -> usize {
        self.rows.as_ref().map_or(0, Vec::len)
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
    pub notice: Option<Notice>,
    /// The text typed after `:` while the command line is open.
    pub command_line: Option<String>,
    /// The keys in effect: the registry's defaults with keymap.toml's
    /// overrides.
    pub keymap: Keymap,
    pub quit: bool,
    pub(super) last_generation: u64,
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
                selected: 0,
                offset: 0,
                generation: 0,
            },
            detail: None,
            ticket: None,
            queues: QueueScreen::default(),
            notice: None,
            command_line: None,
            keymap: Keymap::default(),
            quit: false,
            last_generation: 0,
        }
    }

    /// The command context of what is on screen.
    pub fn context(&self) -> Context {
        match self.screen {
            Screen::AccountList => Context::AccountList,
            Screen::AccountDetail => Context::AccountDetail,
            Screen::Ticket => Context::Ticket,
            Screen::Queues => Context::Queues,
        }
    }

    pub(super) fn next_generation(&mut self) -> u64 {
        self.last_generation += 1;
        self.last_generation
    }
}
