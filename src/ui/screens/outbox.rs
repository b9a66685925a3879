//! The Outbox screen: every action waiting for the backend or refused by
//! it, oldest first — what it is, about which record, how many tries, and
//! the backend's last word — with the pusher's state in the title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::app::{State, SyncActivity, layout};
use crate::model::OutboxState;
use crate::ui::Theme;
use crate::ui::format::{one_line, relative_time};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let outbox = &state.outbox;
    let dash = theme.glyphs.dash;
    let title = format!(" Outbox {dash} {} ", sync_text(&outbox.sync));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading));
    if !outbox.loaded {
        let loading = format!("loading{}", theme.glyphs.ellipsis);
        frame.render_widget(Paragraph::new(loading).style(theme.dim).block(block), area);
        return;
    }
    if outbox.items.is_empty() {
        let text = match (&outbox.sync, outbox.counts.local) {
            (SyncActivity::Local, 0) => {
                "Nothing waits. No backend is configured ([push] in keepers.toml).".to_owned()
            }
            (SyncActivity::Local, local) => format!(
                "Nothing waits: {local} action(s) are kept in this workspace, as no backend is configured \
                 ([push] in keepers.toml)."
            ),
            _ => "Nothing waits: every action has reached the backend.".to_owned(),
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim).block(block), area);
        return;
    }
    let visible = layout::task_table_rows(state.height);
    let end = (outbox.offset + visible).min(outbox.items.len());
    let rows = outbox.items[outbox.offset..end].iter().enumerate().map(|(shown, item)| {
        let selected = outbox.offset + shown == outbox.selected;
        let style = if selected { theme.selected } else { theme.text };
        let state_style = match item.state {
            OutboxState::Failed if !selected => theme.error,
            _ => style,
        };
        let state_word = match item.state {
            OutboxState::Failed => "refused",
            _ if item.attempts > 0 => "retrying",
            _ => "waiting",
        };
        Row::new([
            Cell::from(format!("#{}", item.id)),
            Cell::from(Span::styled(state_word, state_style)),
            Cell::from(item.action.replace('_', " ")),
            Cell::from(format!("{} #{}", item.record_kind, item.record_id)),
            Cell::from(item.attempts.to_string()),
            Cell::from(relative_time(item.created_at, state.now)),
            Cell::from(item.last_error.as_deref().map_or(dash.to_owned(), one_line)),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(14),
        Constraint::Length(14),
        Constraint::Length(5),
        Constraint::Length(12),
        Constraint::Fill(1),
    ];
    let header = Row::new(["Item", "State", "Action", "Record", "Tries", "Taken", "Backend said"])
        .style(theme.heading);
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1).block(block), area);
}

/// What the pusher is doing, in a few words.
pub fn sync_text(sync: &SyncActivity) -> String {
    match sync {
        SyncActivity::Local => "actions stay local: no backend".to_owned(),
        SyncActivity::Idle => "pushing as actions come".to_owned(),
        SyncActivity::Pushing => "pushing".to_owned(),
        SyncActivity::Retrying { reason } => format!("waiting to retry: {reason}"),
    }
}
