//! Screen geometry shared by `update` (how far a page moves) and `ui` (where
//! things are drawn), so paging always matches what is on screen.

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
