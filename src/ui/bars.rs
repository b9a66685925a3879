//! The title bar, the hint bar (generated from the command registry and the
//! keys in effect) and the status line, which the `:` command line or the
//! `/` filter takes over while one is typed; a mistake in a typed filter is
//! underlined in it and explained on the hint bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Theme;
use super::screens::dashboard;
use crate::app::commands::Context;
use jiff::Timestamp;

use super::format::relative_time;
use crate::app::{Prompt, PromptKind, Screen, SourceSync, State, SyncActivity};
use crate::model::group_thousands;
use crate::store::AccountColumn;

pub fn title(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let glyphs = &theme.glyphs;
    let separator = glyphs.separator;
    let mut text = format!(" keepers {separator} {}", state.workspace);
    match state.screen {
        Screen::AccountList => {
            let list = &state.accounts;
            if list.loaded {
                let arrow = glyphs.sort_arrow(list.sort.descending);
                text.push_str(&format!(
                    " {separator} {} accounts",
                    group_thousands(list.rows.rows.len() as u64)
                ));
                if let Some(filter) = &list.filter {
                    text.push_str(&format!(" matching {}", filter.text));
                }
                if let Some(drill) = &list.drill {
                    text.push_str(&format!(" {separator} behind {}", drill.label));
                }
                text.push_str(&format!(" {separator} by {} {arrow}", column_name(list.sort.column)));
            }
        }
        Screen::AccountDetail => {
            if let Some(view) = &state.detail {
                text.push_str(&format!(" {separator} {}", view.summary.name));
            }
        }
        Screen::Ticket => {
            if let Some(view) = &state.detail {
                text.push_str(&format!(" {separator} {}", view.summary.name));
            }
            if let Some(ticket) = &state.ticket {
                text.push_str(&format!(" {separator} ticket #{}", ticket.ticket_id));
            }
        }
        Screen::Tasks => {
            let view = &state.tasks;
            text.push_str(&format!(" {separator} tasks {separator} {}", view.view.title()));
            if view.rows.is_some() {
                text.push_str(&format!(" {separator} {}", group_thousands(view.visible.len() as u64)));
            }
        }
        Screen::Dashboard => {
            let view = &state.dashboard;
            text.push_str(&format!(
                " {separator} dashboard {separator} {}",
                dashboard::scope_text(&view.scope)
            ));
            if let Some(load) = &view.load {
                let board = &load.dashboard;
                text.push_str(&format!(
                    " {separator} {} accounts {separator} last {} days",
                    group_thousands(board.accounts),
                    (board.period.end() - board.period.start()).as_hours() / 24
                ));
            }
        }
        Screen::Outbox => {
            let counts = &state.outbox.counts;
            text.push_str(&format!(
                " {separator} outbox {separator} {} waiting {separator} {} refused",
                group_thousands(counts.pending as u64),
                group_thousands(counts.failed as u64)
            ));
        }
        Screen::Queues => {
            let view = &state.queues;
            text.push_str(&format!(" {separator} queues"));
            if let Some(entry) = view.queues.get(view.queue) {
                text.push_str(&format!(" {separator} {}", entry.title));
            }
            if let Some(filter) = &view.filter {
                text.push_str(&format!(" {separator} matching {}", filter.text));
            }
            if let Some(sort) = view.sort {
                let arrow = glyphs.sort_arrow(sort.descending);
                text.push_str(&format!(" {separator} by {} {arrow}", column_name(sort.column)));
            }
        }
    }
    frame.render_widget(Paragraph::new(text).style(theme.title), area);
}

pub fn column_name(column: AccountColumn) -> &'static str {
    match column {
        AccountColumn::Name => "name",
        AccountColumn::Stage => "stage",
        AccountColumn::Plan => "plan",
        AccountColumn::Mrr => "MRR",
        AccountColumn::Renewal => "renewal",
        AccountColumn::Owner => "owner",
    }
}

/// The keys of the screen's hinted commands, e.g. `enter open  s sort  ? keys`.
pub fn hints(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(error) = state.prompt.as_ref().and_then(|prompt| prompt.error.as_ref()) {
        frame.render_widget(Paragraph::new(format!(" {error}")).style(theme.error), area);
        return;
    }
    if state.search.is_some() {
        let line = Line::from(vec![
            Span::styled(" enter", theme.key),
            Span::styled(" open ", theme.dim),
            Span::styled(" tab", theme.key),
            Span::styled(" next ", theme.dim),
            Span::styled(" esc", theme.key),
            Span::styled(" close ", theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let context = if state.help_open { Context::Global } else { state.context() };
    let mut spans = Vec::new();
    let mut width = 0;
    for command in state.keymap.commands_for(context).filter(|command| state.offers(command)) {
        if let (Some(hint), Some(key)) = (command.hint, state.keymap.keys(command).first()) {
            let key = format!(" {}", theme.glyphs.key_name(key));
            let hint = format!(" {hint} ");
            // A hint that does not fit whole is left out, not cut.
            width += key.width() + hint.width();
            if width > usize::from(area.width) {
                break;
            }
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(hint, theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(prompt) = &state.prompt {
        typed_line(frame, area, prompt, theme);
        return;
    }
    let position = match state.screen {
        Screen::AccountList if state.accounts.loading => format!("loading{} ", theme.glyphs.ellipsis),
        Screen::AccountList if !state.accounts.rows.rows.is_empty() => format!(
            "{}/{} ",
            group_thousands(state.accounts.selected as u64 + 1),
            group_thousands(state.accounts.rows.rows.len() as u64)
        ),
        Screen::Queues if state.queues.computing => format!("computing{} ", theme.glyphs.ellipsis),
        Screen::Dashboard if state.dashboard.loading => format!("computing{} ", theme.glyphs.ellipsis),
        Screen::Queues if state.queues.row_count() > 0 => format!(
            "{}/{} ",
            group_thousands(state.queues.selected as u64 + 1),
            group_thousands(state.queues.row_count() as u64)
        ),
        _ => String::new(),
    };
    let position = format!("{}{}{position}", sources_indicator(state), sync_indicator(state));
    let [message_area, position_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(position.width() as u16)]).areas(area);
    let (text, style) = match &state.notice {
        Some(notice) if notice.is_error => (notice.text.as_str(), theme.error),
        Some(notice) => (notice.text.as_str(), theme.text),
        None => ("", theme.dim),
    };
    frame.render_widget(Paragraph::new(format!(" {text}")).style(style), message_area);
    frame.render_widget(Paragraph::new(position).style(theme.dim), position_area);
}

/// Each background-synced source: "zendesk syncing…", "zendesk 4m ago",
/// "zendesk sync failed".
fn sources_indicator(state: &State) -> String {
    let parts: Vec<String> = state
        .sources
        .iter()
        .map(|source| match &source.state {
            SourceSync::Running => format!("{} syncing…", source.name),
            SourceSync::Done { at, .. } => {
                format!("{} {}", source.name, relative_time(*at, Timestamp::now()))
            }
            SourceSync::Failed { .. } => format!("{} sync failed", source.name),
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!("{}  ", parts.join(" · ")) }
}

/// The outbox at a glance: "3 to push", "1 refused (O)", "all pushed";
/// nothing without a backend and nothing waiting.
fn sync_indicator(state: &State) -> String {
    let counts = &state.outbox.counts;
    let mut parts = Vec::new();
    if counts.pending > 0 {
        let verb = match state.outbox.sync {
            SyncActivity::Local => "waiting",
            SyncActivity::Retrying { .. } => "to retry",
            _ => "to push",
        };
        parts.push(format!("{} {verb}", group_thousands(counts.pending as u64)));
    }
    if counts.failed > 0 {
        parts.push(format!("{} refused (O)", group_thousands(counts.failed as u64)));
    }
    if parts.is_empty() {
        // With a backend, say that nothing waits; without one, actions are
        // marked local as they are taken.
        return match state.outbox.sync {
            SyncActivity::Idle => "all pushed  ".to_owned(),
            _ => String::new(),
        };
    }
    format!("{}  ", parts.join(" · "))
}

/// The line being typed, in place of the status line, with a block cursor
/// after the text. A line wider than the screen shows its end, where the
/// typing is. The characters a filter error points at are marked.
fn typed_line(frame: &mut Frame, area: Rect, prompt: &Prompt, theme: &Theme) {
    let lead = match prompt.kind {
        PromptKind::Command => ":",
        PromptKind::Filter => "/",
    };
    // Room for the lead and the cursor.
    let room = usize::from(area.width).saturating_sub(2);
    let characters: Vec<char> = prompt.text.chars().collect();
    let mut first = characters.len();
    let mut shown_width = 0;
    while let Some(character) = first.checked_sub(1).map(|before| characters[before]) {
        let width = character.width().unwrap_or(0);
        if shown_width + width > room {
            break;
        }
        shown_width += width;
        first -= 1;
    }
    // The error's columns are 1-based character positions in the text.
    let marked = prompt.error.as_ref().map(|error| {
        let start = error.column.saturating_sub(1);
        start..start + error.length.max(1)
    });
    let mut spans = vec![Span::styled(lead, theme.key)];
    for (index, character) in characters.iter().enumerate().skip(first) {
        let style = match &marked {
            Some(range) if range.contains(&index) => theme.error.add_modifier(Modifier::UNDERLINED),
            _ => theme.text,
        };
        spans.push(Span::styled(character.to_string(), style));
    }
    let past_end = marked.as_ref().is_some_and(|range| range.start >= characters.len());
    spans.push(Span::styled(
        " ",
        if past_end { theme.error.add_modifier(Modifier::REVERSED) } else { theme.selected },
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
