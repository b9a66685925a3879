//! The read-only account view: a header with the account's facts, health and
//! churn risk, a tab bar, and the active tab — one file per tab. Each tab
//! builds rows only for the lines it shows.

mod contacts;
mod header;
mod health;
mod purchases;
mod surveys;
mod tickets;
mod timeline;
mod usage;
mod work;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::account_tabs::{self, AccountTab};
use crate::app::{AccountDetail, DetailView, State, layout};
use crate::ui::{Glyphs, Theme};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(view) = &state.detail else {
        return;
    };
    let [header_area, tabs_area, body] = Layout::vertical([
        Constraint::Length(layout::ACCOUNT_HEADER_ROWS),
        Constraint::Length(layout::TAB_BAR_ROWS),
        Constraint::Fill(1),
    ])
    .areas(area);
    header::draw(frame, header_area, view, state, theme);
    draw_tab_bar(frame, tabs_area, view, theme);
    let Some(detail) = &view.detail else {
        draw_not_loaded(frame, body, view, theme);
        return;
    };
    let tab = Tab {
        view,
        detail,
        visible: layout::account_tab_rows(state.height),
        height: state.height,
        now: state.now,
    };
    match view.tab {
        AccountTab::Timeline => timeline::draw(frame, body, &tab, theme),
        AccountTab::Tickets => tickets::draw(frame, body, &tab, theme),
        AccountTab::Contacts => contacts::draw(frame, body, &tab, theme),
        AccountTab::Surveys => surveys::draw(frame, body, &tab, theme),
        AccountTab::Purchases => purchases::draw(frame, body, &tab, theme),
        AccountTab::Usage => usage::draw(frame, body, &tab, theme),
        AccountTab::Health => health::draw(frame, body, &tab, theme),
        AccountTab::Tasks => work::draw_tasks(frame, body, &tab, theme),
        AccountTab::Notes => work::draw_notes(frame, body, &tab, theme),
    }
}

/// What every tab draws from.
struct Tab<'a> {
    view: &'a DetailView,
    detail: &'a AccountDetail,
    /// Rows that fit inside the tab's border.
    visible: usize,
    /// The terminal's height, for the geometry `layout` shares with `update`.
    height: u16,
    now: jiff::Timestamp,
}

impl Tab<'_> {
    /// "1–20 of 90": which of `total` rows are shown from `first` on, when
    /// `shown` rows fit.
    fn range(first: usize, shown: usize, total: usize, glyphs: &Glyphs) -> String {
        let last = (first + shown).min(total);
        format!("{}{}{last} of {total}", first + 1, glyphs.range)
    }
}

fn panel<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(title.into().style(theme.heading))
}

/// The tab bar: every tab's name, with its row count when there is room,
/// and the active one highlighted.
fn draw_tab_bar(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    let mut spans = Vec::new();
    for (tab, label, gap) in account_tabs::tab_labels(view.detail.as_ref(), area.width) {
        let style = if tab == view.tab { theme.selected } else { theme.dim };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(gap));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_not_loaded(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    let (message, style) = match &view.error {
        Some(error) => (format!("Could not load: {error}"), theme.error),
        None => (format!("loading{}", theme.glyphs.ellipsis), theme.dim),
    };
    let title = format!(" {} ", view.tab.title());
    frame.render_widget(Paragraph::new(Span::styled(message, style)).block(panel(title, theme)), area);
}
