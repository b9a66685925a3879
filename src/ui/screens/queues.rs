//! The queues screen: every queue of `queues.toml` down the left with its
//! count, the chosen queue's rows on the right (account, owner, MRR and the
//! reason the account is in the queue). Only the visible rows become
//! widgets; column widths were measured when the rows were loaded.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::{QueueScreen, State, layout};
use crate::model::group_thousands;
use crate::ui::Theme;

/// The widest the queue list gets; narrower terminals give it a third.
const LIST_WIDTH: u16 = 36;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.queues;
    if view.queues.is_empty() {
        let text =
            " queues.toml has no queues: `keepers config --default --file queues` shows how to add one.";
        frame.render_widget(Paragraph::new(text).style(theme.dim), area);
        return;
    }
    let list_width = (area.width / 3).min(LIST_WIDTH);
    let [list_area, rows_area] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
    draw_list(frame, list_area, view, theme);
    draw_rows(frame, rows_area, state, theme);
}

fn panel<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading))
}

fn draw_list(frame: &mut Frame, area: Rect, view: &QueueScreen, theme: &Theme) {
    let inner = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = view
        .queues
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let count =
                entry.count.map_or_else(|| theme.glyphs.ellipsis.to_owned(), |n| group_thousands(n as u64));
            let room = inner.saturating_sub(count.width() + 2);
            let mut title = String::new();
            for character in entry.title.chars() {
                if title.width() + character.width().unwrap_or(0) > room {
                    break;
                }
                title.push(character);
            }
            let padding = inner.saturating_sub(title.width() + count.width() + 1);
            let style = if i == view.queue { theme.selected } else { theme.text };
            Line::from(vec![
                Span::styled(format!(" {title}{}", " ".repeat(padding)), style),
                Span::styled(count, if i == view.queue { theme.selected } else { theme.dim }),
            ])
        })
        .collect();
    let block = panel(format!(" Queues {} tab next ", theme.glyphs.dash), theme);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_rows(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.queues;
    let entry = &view.queues[view.queue.min(view.queues.len() - 1)];
    let dash = theme.glyphs.dash;
    let title = match (&view.rows, &view.error) {
        (_, Some(_)) => format!(" {} ", entry.title),
        (None, None) => format!(" {} {dash} loading{} ", entry.title, theme.glyphs.ellipsis),
        (Some(rows), None) if rows.is_empty() => format!(" {} {dash} nobody ", entry.title),
        (Some(rows), None) => {
            format!(
                " {} {dash} {} accounts {dash} enter opens ",
                entry.title,
                group_thousands(rows.len() as u64)
            )
        }
    };
    let block = panel(title, theme);
    if let Some(error) = &view.error {
        let text = format!(" Could not compute the queue: {error}");
        frame.render_widget(Paragraph::new(text).style(theme.error).block(block), area);
        return;
    }
    let Some(rows) = &view.rows else {
        frame.render_widget(block, area);
        return;
    };
    let widths = view.widths;
    let inner = area.width.saturating_sub(2);
    // Name and owner get what they need up to a cap; the reason takes the rest.
    let name = widths.name.min(inner / 3);
    let owner = widths.owner.min(inner / 6);
    let columns = [
        Constraint::Length(name),
        Constraint::Length(owner),
        Constraint::Length(widths.mrr),
        Constraint::Fill(1),
    ];
    let header = Row::new([
        Cell::from("Account"),
        Cell::from("Owner"),
        Cell::from(Line::from("MRR").right_aligned()),
        Cell::from("Reason"),
    ])
    .style(theme.heading);
    let visible = layout::queue_table_rows(state.height);
    let end = (view.offset + visible).min(rows.len());
    let shown = rows[view.offset.min(end)..end].iter().enumerate().map(|(i, row)| {
        let style = if view.offset + i == view.selected { theme.selected } else { theme.text };
        let account = &row.account;
        let owner = if account.owner.is_empty() { theme.glyphs.dash } else { account.owner.as_str() };
        Row::new([
            Cell::from(account.name.as_str()),
            Cell::from(owner),
            Cell::from(Line::from(account.mrr.compact()).right_aligned()),
            Cell::from(Span::styled(row.reason.as_str(), theme.dim)),
        ])
        .style(style)
    });
    let table = Table::new(shown, columns).header(header).column_spacing(1).block(block);
    frame.render_widget(table, area);
}
