//! The title bar, the hint bar (generated from the command registry and the
//! keys in effect) and the status line, which the `:` command line takes
//! over while it is open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::commands::Context;
use crate::app::{Screen, State};
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
                    " {separator} {} accounts {separator} by {} {arrow}",
                    group_thousands(list.rows.rows.len() as u64),
                    column_name(list.sort.column)
                ));
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
        Screen::Queues => {
            let view = &state.queues;
            text.push_str(&format!(" {separator} queues"));
            if let Some(entry) = view.queues.get(view.queue) {
                text.push_str(&format!(" {separator} {}", entry.title));
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
    let context = if state.help_open { Context::Global } else { state.context() };
    let mut spans = Vec::new();
    for command in state.keymap.commands_for(context) {
        if let (Some(hint), Some(key)) = (command.hint, state.keymap.keys(command).first()) {
            spans.push(Span::styled(format!(" {}", theme.glyphs.key_name(key)), theme.key));
            spans.push(Span::styled(format!(" {hint} "), theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(line) = &state.command_line {
        command_line(frame, area, line, theme);
        return;
    }
    let position = match state.screen {
        Screen::AccountList if state.accounts.loading => format!("loading{} ", theme.glyphs.ellipsis),
        Screen::AccountList if !state.accounts.rows.rows.is_empty() => format!(
            "{}/{} ",
            group_thousands(state.accounts.selected as u64 + 1),
            group_thousands(state.accounts.rows.rows.len() as u64)
        ),
        Screen::Queues if state.queues.row_count() > 0 => format!(
            "{}/{} ",
            group_thousands(state.queues.selected as u64 + 1),
            group_thousands(state.queues.row_count() as u64)
        ),
        _ => String::new(),
    };
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

/// The open `:` command line, in place of the status line, with a block
/// cursor after the text. A line wider than the screen shows its end, where
/// the typing is.
fn command_line(frame: &mut Frame, area: Rect, line: &str, theme: &Theme) {
    // Room for the leading ":" and the cursor.
    let room = usize::from(area.width).saturating_sub(2);
    let mut shown = line;
    while shown.width() > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    let spans = vec![
        Span::styled(":", theme.key),
        Span::styled(shown.to_owned(), theme.text),
        Span::styled(" ", theme.selected),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
