//! Screen geometry shared by `update` (how far a page moves) and `ui` (where
//! things are drawn), so paging always matches what is on screen.

/// Below this size the console shows a message instead of a cramped layout.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows above and below every screen's body: the title bar, and the hint and
/// status lines.
pub const TITLE_ROWS: u16 = 1;
pub const FOOTER_ROWS: u16 = 2;

/// The account view's facts and contacts panels, borders included.
pub const ACCOUNT_PANELS_ROWS: u16 = 9;

/// Account rows visible in the accounts table (its header row excluded).
pub fn account_table_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 1))
}

/// Timeline rows visible in the account view (inside its border).
pub fn timeline_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + ACCOUNT_PANELS_ROWS + 2))
}

/// Whether the terminal is large enough for the normal layout.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// Lines visible in the help screen (inside its border).
pub fn help_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(TITLE_ROWS + FOOTER_ROWS + 2))
}
