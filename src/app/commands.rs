//! The command registry: every user command has exactly one entry here —
//! id, title, default keys, where it applies, and the intent it triggers.
//! Help, the hint bar, the command line and the keymap are all built from
//! this table, so they cannot disagree about what a command is called or
//! which keys it has by default; [`super::keymap`] applies the user's
//! overrides to these defaults.

use super::account_tabs::AccountTab;
use super::keys::{Key, KeyCode};
use crate::store::AccountColumn;

/// Where a command applies. `Global` commands work everywhere unless a
/// screen binds the same key to something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    AccountList,
    AccountDetail,
    Ticket,
    Queues,
    Dashboard,
    Tasks,
    Outbox,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::AccountList => "Accounts",
            Context::AccountDetail => "Account",
            Context::Ticket => "Ticket",
            Context::Queues => "Queues",
            Context::Dashboard => "Dashboard",
            Context::Tasks => "Tasks",
            Context::Outbox => "Outbox",
        }
    }
}

/// What the user asked for, independent of the key that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    ToggleHelp,
    OpenCommandLine,
    Back,
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    SortBy(AccountColumn),
    NextSortColumn,
    ReverseSort,
    NextTab,
    PreviousTab,
    ShowTab(AccountTab),
    CycleTimelineFilter,
    OpenQueues,
    OpenDashboard,
    /// Copy what the record on screen is known by to the clipboard.
    Copy,
    /// Search accounts, contacts, tickets and notes.
    OpenSearch,
    /// Open the record's page (`[links]`).
    OpenLink,
    /// Write a note in an editor, for the account on screen or the
    /// selected ones.
    StartNote,
    /// Log a call, e-mail, meeting or chat with the account.
    LogTouchpoint,
    /// Create a task, for the account on screen or the selected ones.
    NewTask,
    /// Move the account on screen (or the selected ones) to a stage.
    ChangeStage,
    /// Fill the account's MEDDIC checklist.
    EditMeddic,
    /// Mark the open detractor or bad rating on screen "loop closed".
    CloseLoop,
    /// Set the ticket's status, priority, assignee, with an internal note.
    UpdateTicket,
    SnoozeTask,
    ReassignTask,
    /// Merge a duplicate account into the one on screen.
    MergeDuplicate,
    /// Select or unselect the row under the cursor for a bulk action.
    ToggleSelect,
    /// Select every row of the list: everything the filter matches.
    SelectAll,
    /// Undo the newest batch of actions still local.
    Undo,
    OpenOutbox,
    RetryOutboxItem,
    EditOutboxItem,
    DiscardOutboxItem,
    OpenTasks,
    /// Mark the task under the cursor done.
    CompleteTask,
    /// Compute the screen's numbers again: the queues, the dashboard.
    Refresh,
    /// Show the dashboard for the next owner, plan or segment.
    CycleScope(ScopeKind),
    /// Show the dashboard for every account again.
    ClearScope,
    /// Type a filter for the list on screen.
    OpenFilter,
}

impl Intent {
    /// Whether the command changes the workspace or a config file: what
    /// read-only mode leaves out.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Intent::StartNote
                | Intent::CompleteTask
                | Intent::LogTouchpoint
                | Intent::NewTask
                | Intent::ChangeStage
                | Intent::EditMeddic
                | Intent::CloseLoop
                | Intent::UpdateTicket
                | Intent::SnoozeTask
                | Intent::ReassignTask
                | Intent::MergeDuplicate
                | Intent::Undo
                | Intent::RetryOutboxItem
                | Intent::EditOutboxItem
                | Intent::DiscardOutboxItem
        )
    }
}

/// What a dashboard scope narrows by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Owner,
    Plan,
    Segment,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Command {
    /// A stable name for keymap.toml and the palette: `list.down`.
    pub id: &'static str,
    pub title: &'static str,
    pub keys: &'static [Key],
    pub context: Context,
    pub intent: Intent,
    /// A word or two for the hint bar at the bottom of its screen, for the
    /// commands a newcomer needs first.
    pub hint: Option<&'static str>,
}

const fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

pub const COMMANDS: &[Command] = &[
    Command {
        id: "app.quit",
        title: "Quit",
        keys: &[Key::char('q'), Key::ctrl('c')],
        context: Context::Global,
        intent: Intent::Quit,
        hint: Some("quit"),
    },
    Command {
        id: "app.help",
        title: "Show or hide the keys",
        keys: &[Key::char('?'), key(KeyCode::F(1))],
        context: Context::Global,
        intent: Intent::ToggleHelp,
        hint: Some("keys"),
    },
    Command {
        id: "app.command-line",
        title: "Command line: :account, :queue, :sort, :save-queue, :q",
        keys: &[Key::char(':')],
        context: Context::Global,
        intent: Intent::OpenCommandLine,
        hint: None,
    },
    Command {
        id: "app.palette",
        title: "Command palette: every command, by name",
        keys: &[Key::ctrl('p')],
        context: Context::Global,
        intent: Intent::OpenCommandLine,
        hint: None,
    },
    Command {
        id: "app.back",
        title: "Go back",
        keys: &[key(KeyCode::Esc), key(KeyCode::Backspace)],
        context: Context::Global,
        intent: Intent::Back,
        hint: None,
    },
    Command {
        id: "list.down",
        title: "Move down",
        keys: &[Key::char('j'), key(KeyCode::Down)],
        context: Context::Global,
        intent: Intent::MoveDown,
        hint: None,
    },
    Command {
        id: "list.up",
        title: "Move up",
        keys: &[Key::char('k'), key(KeyCode::Up)],
        context: Context::Global,
        intent: Intent::MoveUp,
        hint: None,
    },
    Command {
        id: "list.page-down",
        title: "Page down",
        keys: &[key(KeyCode::PageDown), Key::ctrl('f'), Key::ctrl('d')],
        context: Context::Global,
        intent: Intent::PageDown,
        hint: None,
    },
    Command {
        id: "list.page-up",
        title: "Page up",
        keys: &[key(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        context: Context::Global,
        intent: Intent::PageUp,
        hint: None,
    },
    Command {
        id: "list.first",
        title: "Go to the first row",
        keys: &[Key::char('g'), key(KeyCode::Home)],
        context: Context::Global,
        intent: Intent::First,
        hint: None,
    },
    Command {
        id: "list.last",
        title: "Go to the last row",
        keys: &[Key::char('G'), key(KeyCode::End)],
        context: Context::Global,
        intent: Intent::Last,
        hint: None,
    },
    Command {
        id: "accounts.open",
        title: "Open the account",
        keys: &[key(KeyCode::Enter), Key::char('l'), key(KeyCode::Right)],
        context: Context::AccountList,
        intent: Intent::Open,
        hint: Some("open"),
    },
    Command {
        id: "accounts.sort-name",
        title: "Sort by name (again: reverse)",
        keys: &[Key::char('1')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Name),
        hint: None,
    },
    Command {
        id: "accounts.sort-stage",
        title: "Sort by stage (again: reverse)",
        keys: &[Key::char('2')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Stage),
        hint: None,
    },
    Command {
        id: "accounts.sort-plan",
        title: "Sort by plan (again: reverse)",
        keys: &[Key::char('3')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Plan),
        hint: None,
    },
    Command {
        id: "accounts.sort-mrr",
        title: "Sort by MRR (again: reverse)",
        keys: &[Key::char('4')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Mrr),
        hint: None,
    },
    Command {
        id: "accounts.sort-renewal",
        title: "Sort by renewal date (again: reverse)",
        keys: &[Key::char('5')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Renewal),
        hint: None,
    },
    Command {
        id: "accounts.sort-owner",
        title: "Sort by owner (again: reverse)",
        keys: &[Key::char('6')],
        context: Context::AccountList,
        intent: Intent::SortBy(AccountColumn::Owner),
        hint: None,
    },
    Command {
        id: "accounts.sort-next",
        title: "Sort by the next column",
        keys: &[Key::char('s')],
        context: Context::AccountList,
        intent: Intent::NextSortColumn,
        hint: Some("sort"),
    },
    Command {
        id: "accounts.sort-reverse",
        title: "Reverse the sort order",
        keys: &[Key::char('r')],
        context: Context::AccountList,
        intent: Intent::ReverseSort,
        hint: Some("reverse"),
    },
    Command {
        id: "accounts.filter",
        title: "Filter the accounts (Esc: all again)",
        keys: &[Key::char('/')],
        context: Context::AccountList,
        intent: Intent::OpenFilter,
        hint: Some("filter"),
    },
    Command {
        id: "queues.open",
        title: "Show the queues (churn risk, renewals, ...)",
        keys: &[Key::char('Q')],
        context: Context::AccountList,
        intent: Intent::OpenQueues,
        hint: Some("queues"),
    },
    Command {
        id: "app.dashboard",
        title: "Show the dashboard (KPIs, trends, funnel, health)",
        keys: &[Key::char('D')],
        context: Context::Global,
        intent: Intent::OpenDashboard,
        hint: Some("dashboard"),
    },
    Command {
        id: "app.search",
        title: "Search accounts, contacts, tickets and notes",
        keys: &[Key::ctrl('k')],
        context: Context::Global,
        intent: Intent::OpenSearch,
        hint: Some("search"),
    },
    Command {
        id: "account.search",
        title: "Search accounts, contacts, tickets and notes",
        keys: &[Key::char('/')],
        context: Context::AccountDetail,
        intent: Intent::OpenSearch,
        hint: None,
    },
    Command {
        id: "ticket.search",
        title: "Search accounts, contacts, tickets and notes",
        keys: &[Key::char('/')],
        context: Context::Ticket,
        intent: Intent::OpenSearch,
        hint: None,
    },
    Command {
        id: "dashboard.search",
        title: "Search accounts, contacts, tickets and notes",
        keys: &[Key::char('/')],
        context: Context::Dashboard,
        intent: Intent::OpenSearch,
        hint: None,
    },
    Command {
        id: "app.tasks",
        title: "Show the open tasks: mine, overdue, due this week, all",
        keys: &[Key::char('T')],
        context: Context::Global,
        intent: Intent::OpenTasks,
        hint: None,
    },
    Command {
        id: "tasks.next-view",
        title: "Next view: mine, overdue, due this week, all",
        keys: &[key(KeyCode::Tab), Key::char(']')],
        context: Context::Tasks,
        intent: Intent::NextTab,
        hint: Some("view"),
    },
    Command {
        id: "tasks.previous-view",
        title: "Previous view",
        keys: &[key(KeyCode::BackTab), Key::char('[')],
        context: Context::Tasks,
        intent: Intent::PreviousTab,
        hint: None,
    },
    Command {
        id: "tasks.open-account",
        title: "Open the task's account",
        keys: &[key(KeyCode::Enter), Key::char('l'), key(KeyCode::Right)],
        context: Context::Tasks,
        intent: Intent::Open,
        hint: Some("open"),
    },
    Command {
        id: "tasks.done",
        title: "Mark the task done",
        keys: &[Key::char('x')],
        context: Context::Tasks,
        intent: Intent::CompleteTask,
        hint: Some("done"),
    },
    Command {
        id: "app.copy",
        title: "Copy the account's domain, the ticket's id or the contact's e-mail",
        keys: &[Key::char('y')],
        context: Context::Global,
        intent: Intent::Copy,
        hint: None,
    },
    Command {
        id: "app.open-link",
        title: "Open the record's page in the browser (over SSH: show and copy it)",
        keys: &[Key::char('o')],
        context: Context::Global,
        intent: Intent::OpenLink,
        hint: None,
    },
    Command {
        id: "dashboard.next",
        title: "Next tile",
        keys: &[key(KeyCode::Tab), Key::char('l'), key(KeyCode::Right)],
        context: Context::Dashboard,
        intent: Intent::NextTab,
        hint: Some("tiles"),
    },
    Command {
        id: "dashboard.previous",
        title: "Previous tile",
        keys: &[key(KeyCode::BackTab), Key::char('h'), key(KeyCode::Left)],
        context: Context::Dashboard,
        intent: Intent::PreviousTab,
        hint: None,
    },
    Command {
        id: "dashboard.explain",
        title: "Explain the tile (formula, window, inputs); again: list its accounts",
        keys: &[key(KeyCode::Enter)],
        context: Context::Dashboard,
        intent: Intent::Open,
        hint: Some("explain"),
    },
    Command {
        id: "dashboard.owner",
        title: "Only the next owner's accounts",
        keys: &[Key::char('o')],
        context: Context::Dashboard,
        intent: Intent::CycleScope(ScopeKind::Owner),
        hint: Some("owner"),
    },
    Command {
        id: "dashboard.plan",
        title: "Only the next plan's accounts",
        keys: &[Key::char('p')],
        context: Context::Dashboard,
        intent: Intent::CycleScope(ScopeKind::Plan),
        hint: Some("plan"),
    },
    Command {
        id: "dashboard.segment",
        title: "Only the next RFM segment's accounts",
        keys: &[Key::char('S')],
        context: Context::Dashboard,
        intent: Intent::CycleScope(ScopeKind::Segment),
        hint: Some("segment"),
    },
    Command {
        id: "dashboard.everyone",
        title: "Every account again",
        keys: &[Key::char('x')],
        context: Context::Dashboard,
        intent: Intent::ClearScope,
        hint: None,
    },
    Command {
        id: "dashboard.refresh",
        title: "Compute the dashboard again",
        keys: &[Key::char('R')],
        context: Context::Dashboard,
        intent: Intent::Refresh,
        hint: None,
    },
    Command {
        id: "account.back",
        title: "Back to the accounts",
        keys: &[Key::char('h'), key(KeyCode::Left)],
        context: Context::AccountDetail,
        intent: Intent::Back,
        hint: Some("back"),
    },
    Command {
        id: "account.tab-next",
        title: "Next tab",
        keys: &[key(KeyCode::Tab)],
        context: Context::AccountDetail,
        intent: Intent::NextTab,
        hint: Some("tabs"),
    },
    Command {
        id: "account.tab-previous",
        title: "Previous tab",
        keys: &[key(KeyCode::BackTab)],
        context: Context::AccountDetail,
        intent: Intent::PreviousTab,
        hint: None,
    },
    Command {
        id: "account.tab-timeline",
        title: "Show the timeline tab",
        keys: &[Key::char('1')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Timeline),
        hint: None,
    },
    Command {
        id: "account.tab-tickets",
        title: "Show the tickets tab",
        keys: &[Key::char('2')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Tickets),
        hint: None,
    },
    Command {
        id: "account.tab-contacts",
        title: "Show the contacts tab",
        keys: &[Key::char('3')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Contacts),
        hint: None,
    },
    Command {
        id: "account.tab-surveys",
        title: "Show the surveys tab",
        keys: &[Key::char('4')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Surveys),
        hint: None,
    },
    Command {
        id: "account.tab-purchases",
        title: "Show the purchases tab",
        keys: &[Key::char('5')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Purchases),
        hint: None,
    },
    Command {
        id: "account.tab-usage",
        title: "Show the usage tab",
        keys: &[Key::char('6')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Usage),
        hint: None,
    },
    Command {
        id: "account.tab-health",
        title: "Show the health tab",
        keys: &[Key::char('7')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Health),
        hint: None,
    },
    Command {
        id: "account.tab-tasks",
        title: "Show the tasks tab",
        keys: &[Key::char('8')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Tasks),
        hint: None,
    },
    Command {
        id: "account.tab-notes",
        title: "Show the notes tab",
        keys: &[Key::char('9')],
        context: Context::AccountDetail,
        intent: Intent::ShowTab(AccountTab::Notes),
        hint: None,
    },
    Command {
        id: "account.timeline-filter",
        title: "Timeline: show the next kind of event (all, stage, ticket, survey, purchase, note, touchpoint, task)",
        keys: &[Key::char('f')],
        context: Context::AccountDetail,
        intent: Intent::CycleTimelineFilter,
        hint: Some("filter"),
    },
    Command {
        id: "account.note",
        title: "Write a note on the account (or :note TEXT)",
        keys: &[Key::char('n')],
        context: Context::AccountDetail,
        intent: Intent::StartNote,
        hint: Some("note"),
    },
    Command {
        id: "account.touchpoint",
        title: "Log a call, e-mail, meeting or chat, with its outcome",
        keys: &[Key::char('L')],
        context: Context::AccountDetail,
        intent: Intent::LogTouchpoint,
        hint: Some("log"),
    },
    Command {
        id: "account.task",
        title: "Create a task on the account, with a due day",
        keys: &[Key::char('t')],
        context: Context::AccountDetail,
        intent: Intent::NewTask,
        hint: Some("task"),
    },
    Command {
        id: "account.stage",
        title: "Move the account to another lifecycle stage",
        keys: &[Key::char('S')],
        context: Context::AccountDetail,
        intent: Intent::ChangeStage,
        hint: Some("stage"),
    },
    Command {
        id: "account.meddic",
        title: "Fill the MEDDIC checklist of a renewal or expansion",
        keys: &[Key::char('M')],
        context: Context::AccountDetail,
        intent: Intent::EditMeddic,
        hint: None,
    },
    Command {
        id: "account.merge",
        title: "Merge a duplicate account into this one (on the contacts tab: two contacts); u undoes it",
        keys: &[Key::char('m')],
        context: Context::AccountDetail,
        intent: Intent::MergeDuplicate,
        hint: None,
    },
    Command {
        id: "account.close-loop",
        title: "Surveys: mark the oldest open detractor or bad rating \"loop closed\"",
        keys: &[Key::char('c')],
        context: Context::AccountDetail,
        intent: Intent::CloseLoop,
        hint: Some("close loop"),
    },
    Command {
        id: "account.open-ticket",
        title: "Tickets: open the ticket",
        keys: &[key(KeyCode::Enter), Key::char('l'), key(KeyCode::Right)],
        context: Context::AccountDetail,
        intent: Intent::Open,
        hint: Some("open ticket"),
    },
    Command {
        id: "ticket.back",
        title: "Back to the account",
        keys: &[Key::char('h'), key(KeyCode::Left)],
        context: Context::Ticket,
        intent: Intent::Back,
        hint: Some("back"),
    },
    Command {
        id: "queues.open-account",
        title: "Open the account",
        keys: &[key(KeyCode::Enter), Key::char('l'), key(KeyCode::Right)],
        context: Context::Queues,
        intent: Intent::Open,
        hint: Some("open"),
    },
    Command {
        id: "queues.next",
        title: "Next queue",
        keys: &[key(KeyCode::Tab), Key::char(']')],
        context: Context::Queues,
        intent: Intent::NextTab,
        hint: Some("next queue"),
    },
    Command {
        id: "queues.previous",
        title: "Previous queue",
        keys: &[key(KeyCode::BackTab), Key::char('[')],
        context: Context::Queues,
        intent: Intent::PreviousTab,
        hint: None,
    },
    Command {
        id: "queues.filter",
        title: "Filter every queue (Esc: whole again)",
        keys: &[Key::char('/')],
        context: Context::Queues,
        intent: Intent::OpenFilter,
        hint: Some("filter"),
    },
    Command {
        id: "queues.sort-next",
        title: "Sort by the next column, then most pressing first",
        keys: &[Key::char('s')],
        context: Context::Queues,
        intent: Intent::NextSortColumn,
        hint: Some("sort"),
    },
    Command {
        id: "queues.sort-reverse",
        title: "Reverse the sort order",
        keys: &[Key::char('r')],
        context: Context::Queues,
        intent: Intent::ReverseSort,
        hint: None,
    },
    Command {
        id: "queues.sort-name",
        title: "Sort by name (again: reverse)",
        keys: &[Key::char('1')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Name),
        hint: None,
    },
    Command {
        id: "queues.sort-stage",
        title: "Sort by stage (again: reverse)",
        keys: &[Key::char('2')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Stage),
        hint: None,
    },
    Command {
        id: "queues.sort-plan",
        title: "Sort by plan (again: reverse)",
        keys: &[Key::char('3')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Plan),
        hint: None,
    },
    Command {
        id: "queues.sort-mrr",
        title: "Sort by MRR (again: reverse)",
        keys: &[Key::char('4')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Mrr),
        hint: None,
    },
    Command {
        id: "queues.sort-renewal",
        title: "Sort by renewal date (again: reverse)",
        keys: &[Key::char('5')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Renewal),
        hint: None,
    },
    Command {
        id: "queues.sort-owner",
        title: "Sort by owner (again: reverse)",
        keys: &[Key::char('6')],
        context: Context::Queues,
        intent: Intent::SortBy(AccountColumn::Owner),
        hint: None,
    },
    Command {
        id: "queues.refresh",
        title: "Compute the queues again",
        keys: &[Key::char('R')],
        context: Context::Queues,
        intent: Intent::Refresh,
        hint: None,
    },
    Command {
        id: "queues.back",
        title: "Back to the accounts",
        keys: &[Key::char('h'), key(KeyCode::Left)],
        context: Context::Queues,
        intent: Intent::Back,
        hint: Some("back"),
    },
    Command {
        id: "accounts.select",
        title: "Select or unselect the account for a bulk action",
        keys: &[Key::char(' ')],
        context: Context::AccountList,
        intent: Intent::ToggleSelect,
        hint: Some("select"),
    },
    Command {
        id: "accounts.select-all",
        title: "Select every account the filter matches (not only those on screen)",
        keys: &[Key::char('*')],
        context: Context::AccountList,
        intent: Intent::SelectAll,
        hint: None,
    },
    Command {
        id: "accounts.note",
        title: "Write a note on the selected accounts (or the one under the cursor)",
        keys: &[Key::char('n')],
        context: Context::AccountList,
        intent: Intent::StartNote,
        hint: None,
    },
    Command {
        id: "accounts.task",
        title: "Create a task on the selected accounts (or the one under the cursor)",
        keys: &[Key::char('t')],
        context: Context::AccountList,
        intent: Intent::NewTask,
        hint: None,
    },
    Command {
        id: "accounts.stage",
        title: "Move the selected accounts (or the one under the cursor) to a stage",
        keys: &[Key::char('S')],
        context: Context::AccountList,
        intent: Intent::ChangeStage,
        hint: None,
    },
    Command {
        id: "queues.select",
        title: "Select or unselect the account for a bulk action",
        keys: &[Key::char(' ')],
        context: Context::Queues,
        intent: Intent::ToggleSelect,
        hint: Some("select"),
    },
    Command {
        id: "queues.select-all",
        title: "Select every account of the queue the filter matches",
        keys: &[Key::char('*')],
        context: Context::Queues,
        intent: Intent::SelectAll,
        hint: None,
    },
    Command {
        id: "queues.note",
        title: "Write a note on the selected accounts (or the one under the cursor)",
        keys: &[Key::char('n')],
        context: Context::Queues,
        intent: Intent::StartNote,
        hint: None,
    },
    Command {
        id: "queues.task",
        title: "Create a task on the selected accounts (or the one under the cursor)",
        keys: &[Key::char('t')],
        context: Context::Queues,
        intent: Intent::NewTask,
        hint: Some("task"),
    },
    Command {
        id: "queues.merge",
        title: "Merge the duplicate the reason names into the account under the cursor",
        keys: &[Key::char('m')],
        context: Context::Queues,
        intent: Intent::MergeDuplicate,
        hint: None,
    },
    Command {
        id: "queues.stage",
        title: "Move the selected accounts (or the one under the cursor) to a stage",
        keys: &[Key::char('S')],
        context: Context::Queues,
        intent: Intent::ChangeStage,
        hint: None,
    },
    Command {
        id: "ticket.update",
        title: "Set the ticket's status, priority and assignee, and add an internal note",
        keys: &[Key::char('e')],
        context: Context::Ticket,
        intent: Intent::UpdateTicket,
        hint: Some("update"),
    },
    Command {
        id: "tasks.snooze",
        title: "Snooze the task to a later day",
        keys: &[Key::char('z')],
        context: Context::Tasks,
        intent: Intent::SnoozeTask,
        hint: Some("snooze"),
    },
    Command {
        id: "tasks.reassign",
        title: "Give the task to someone else",
        keys: &[Key::char('a')],
        context: Context::Tasks,
        intent: Intent::ReassignTask,
        hint: Some("reassign"),
    },
    Command {
        id: "app.undo",
        title: "Undo the last action (or bulk action) while it is still local",
        keys: &[Key::char('u')],
        context: Context::Global,
        intent: Intent::Undo,
        hint: None,
    },
    Command {
        id: "app.outbox",
        title: "Open the outbox: actions waiting for the backend, and those it refused",
        keys: &[Key::char('O')],
        context: Context::Global,
        intent: Intent::OpenOutbox,
        hint: None,
    },
    Command {
        id: "outbox.retry",
        title: "Send the refused item again",
        keys: &[Key::char('r')],
        context: Context::Outbox,
        intent: Intent::RetryOutboxItem,
        hint: Some("retry"),
    },
    Command {
        id: "outbox.edit",
        title: "Edit what the refused item sends, then retry it",
        keys: &[Key::char('e')],
        context: Context::Outbox,
        intent: Intent::EditOutboxItem,
        hint: Some("edit"),
    },
    Command {
        id: "outbox.discard",
        title: "Stop trying to push the item (its local change stays)",
        keys: &[Key::char('d')],
        context: Context::Outbox,
        intent: Intent::DiscardOutboxItem,
        hint: Some("discard"),
    },
    Command {
        id: "outbox.back",
        title: "Back to the accounts",
        keys: &[Key::char('h'), key(KeyCode::Left)],
        context: Context::Outbox,
        intent: Intent::Back,
        hint: None,
    },
];

/// The command with this id, as keymap.toml and the command line name it.
pub fn find(id: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|command| command.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn command_ids_are_unique() {
        let mut seen = HashSet::new();
        for command in COMMANDS {
            assert!(seen.insert(command.id), "duplicate id {}", command.id);
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let mut seen = HashSet::new();
        for command in COMMANDS {
            for key in command.keys {
                assert!(
                    seen.insert((command.context, *key)),
                    "{key} is bound twice in {:?}",
                    command.context
                );
            }
        }
    }

    #[test]
    fn find_knows_every_id() {
        assert!(COMMANDS.iter().all(|command| find(command.id).is_some_and(|found| found.id == command.id)));
        assert!(find("list.nowhere").is_none());
    }

    #[test]
    fn every_command_has_a_key_and_a_title() {
        for command in COMMANDS {
            assert!(!command.keys.is_empty() && !command.title.is_empty(), "{}", command.id);
        }
    }
}
