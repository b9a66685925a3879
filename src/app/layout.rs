//! Screen geometry shared by `update` (how far a page moves, what a click
//! hits) and `ui` (where things are drawn), so paging and clicking always
//! match what is on screen.

/// Below this size the console shows a message instead of a cramped layout.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows above and below every screen's body: the title bar, and the hint and
/// status lines.
pub const TITLE_ROWS: u16 = 1;
pub const FOOTER_ROWS: u16 = 2;

/// The account view's header panel (facts, health, risk), borders included.
pub const ACCOUNT_HEADER_ROWS: u16 = 6;

/// The account view's tab bar.
pub const TAB_BAR_ROWS: u16 = 1;

/// The ticket view's facts panel, borders included.
pub const TICKET_HEADER_ROWS: u16 = 5;

/// Columns a ticket's conversation is indented by inside its border.
pub const CONVERSATION_INDENT: u16 = 2;

/// Account rows visible in the accounts table (its header row excluded).
pub fn account_table_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 1))
}

/// Rows of the active tab visible in the account view (inside its border).
pub fn account_tab_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + ACCOUNT_HEADER_ROWS + TAB_BAR_ROWS + 2))
}

/// Conversation lines visible in the ticket view (inside its border).
pub fn conversation_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + TICKET_HEADER_ROWS + 2))
}

/// The width a ticket's comments are wrapped to: inside the border, less
/// the indent.
pub fn conversation_width(width: u16) -> u16 {
    width.saturating_sub(2 + CONVERSATION_INDENT).max(1)
}

/// Whether the terminal is large enough for the normal layout.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// Lines visible in the help screen (inside its border).
pub fn help_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 2))
}

/// Queue rows visible in the queues screen's table (inside its border, the
/// header row excluded).
pub fn queue_table_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 2 + 1))
}

/// The widest the queues screen's list of queues gets; narrower terminals
/// give it a third of the width.
const QUEUE_LIST_MAX_WIDTH: u16 = 36;

/// The width of the queues screen's list of queues, borders included.
pub fn queue_list_width(width: u16) -> u16 {
    (width / 3).min(QUEUE_LIST_MAX_WIDTH)
}

/// From this width on the account view's tab bar shows row counts.
pub const WIDE_TAB_BAR: u16 = 110;

/// The first ticket shown on the tickets tab with the cursor on
/// `selected`: the cursor stays on the last row while it moves down.
pub fn first_ticket_row(selected: usize, height: u16) -> usize {
    selected.saturating_sub(ticket_rows(height) - 1)
}

/// Ticket rows visible on the tickets tab (its header row excluded).
pub fn ticket_rows(height: u16) -> usize {
    account_tab_rows(height).saturating_sub(1).max(1)
}

/// What is at a cell of the screen, for a mouse click.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The n-th row shown in the accounts table, counted from its top.
    AccountRow(usize),
    /// The n-th queue in the queues screen's list.
    QueueEntry(usize),
    /// The n-th row shown in the queue table.
    QueueRow(usize),
    /// The n-th ticket row shown on the tickets tab.
    TicketRow(usize),
    /// The account view's tab bar, at this column.
    TabBar(u16),
    Elsewhere,
}

/// The body's first row, below the title bar.
const BODY_TOP: u16 = TITLE_ROWS;

pub fn accounts_spot(height: u16, row: u16) -> Spot {
    // The table has no border: a header row, then the accounts.
    let first = BODY_TOP + 1;
    row_among(row, first, account_table_rows(height)).map_or(Spot::Elsewhere, Spot::AccountRow)
}

pub fn queues_spot(width: u16, height: u16, column: u16, row: u16) -> Spot {
    if column < queue_list_width(width) {
        // Inside the list's border.
        return row_among(row, BODY_TOP + 1, usize::from(height)).map_or(Spot::Elsewhere, Spot::QueueEntry);
    }
    // Inside the table's border, below its header.
    row_among(row, BODY_TOP + 2, queue_table_rows(height)).map_or(Spot::Elsewhere, Spot::QueueRow)
}

pub fn account_spot(height: u16, column: u16, row: u16, on_tickets_tab: bool) -> Spot {
    let tab_bar = BODY_TOP + ACCOUNT_HEADER_ROWS;
    if row == tab_bar {
        return Spot::TabBar(column);
    }
    if !on_tickets_tab {
        return Spot::Elsewhere;
    }
    // Inside the tab's border, below the header row.
    row_among(row, tab_bar + TAB_BAR_ROWS + 2, ticket_rows(height)).map_or(Spot::Elsewhere, Spot::TicketRow)
}

/// `row`'s place among `count` rows starting at screen row `first`.
fn row_among(row: u16, first: u16, count: usize) -> Option<usize> {
    let index = usize::from(row.checked_sub(first)?);
    (index < count).then_some(index)
}

/// How many KPI tiles the dashboard puts in a row: five from 120 columns
/// on, else three.
pub fn dashboard_tiles_per_row(width: u16) -> usize {
    if width >= 120 { 5 } else { 3 }
}

/// Task rows visible on the Tasks screen (inside its border, the header
/// row excluded).
pub fn task_table_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 2 + 1))
}
