//! The queues screen: every queue of `queues.toml` down the left with its
//! count (and how many an applied filter keeps), the chosen queue's rows on
//! the right: account, owner, MRR, the column sorted by when it is not one
//! of those, and the reason the account is in the queue. Only the visible
//! rows become widgets; column widths were measured when the rows were
//! computed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::bars::column_name;
use crate::app::{QueueScreen, Screen, State, layout};
use crate::model::{AccountSummary, group_thousands};
use crate::store::AccountColumn;
use crate::ui::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.queues;
    if view.queues.is_empty() {
        let text =
            " queues.toml has no queues: `keepers config --default --file queues` shows how to add one.";
        frame.render_widget(Paragraph::new(text).style(theme.dim), area);
        return;
    }
    let list_width = layout::queue_list_width(area.width);
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
            let count = match (entry.matching, entry.count) {
                (Some(matching), Some(count)) => {
                    format!("{}/{}", group_thousands(matching as u64), group_thousands(count as u64))
                }
                (None, Some(count)) => group_thousands(count as u64),
                (_, None) => theme.glyphs.ellipsis.to_owned(),
            };
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
    let block = panel(rows_title(view, &entry.title, theme), theme);
    if let Some(error) = &view.error {
        let text = format!(" Could not compute the queues: {error}");
        frame.render_widget(Paragraph::new(text).style(theme.error).block(block), area);
        return;
    }
    if view.computed.is_none() {
        frame.render_widget(block, area);
        return;
    }
    let widths = view.widths;
    let inner = area.width.saturating_sub(2);
    let extra = view.sort.map(|sort| sort.column).filter(|column| {
        matches!(column, AccountColumn::Stage | AccountColumn::Plan | AccountColumn::Renewal)
    });
    // Name and owner get what they need up to a cap; the reason takes the rest.
    let name = widths.name.min(inner / 3);
    let owner = widths.owner.min(inner / 5);
    let mut columns =
        vec![Constraint::Length(name), Constraint::Length(owner), Constraint::Length(widths.mrr)];
    let mut header =
        vec![Cell::from("Account"), Cell::from("Owner"), Cell::from(Line::from("MRR").right_aligned())];
    if let Some(column) = extra {
        columns.push(Constraint::Length(EXTRA_WIDTH));
        header.push(Cell::from(capitalized(column_name(column))));
    }
    columns.push(Constraint::Fill(1));
    header.push(Cell::from("Reason"));
    let visible = layout::queue_table_rows(state.height);
    let end = (view.offset + visible).min(view.row_count());
    let shown = (view.offset.min(end)..end).filter_map(|position| {
        let row = view.row(position)?;
        let style = if position == view.selected { theme.selected } else { theme.text };
        let account = &row.account;
        let owner = if account.owner.is_empty() { theme.glyphs.dash } else { account.owner.as_str() };
        let picked = state.selection.contains(Screen::Queues, account.id);
        let mut cells = vec![
            super::accounts::name_cell(account.name.as_str(), picked, theme),
            Cell::from(owner),
            Cell::from(Line::from(account.mrr.compact()).right_aligned()),
        ];
        if let Some(column) = extra {
            cells.push(Cell::from(extra_value(account, column, theme)));
        }
        cells.push(Cell::from(Span::styled(row.reason.as_str(), theme.dim)));
        Some(Row::new(cells).style(style))
    });
    let table = Table::new(shown, columns)
        .header(Row::new(header).style(theme.heading))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}

/// The sort column shown beside the fixed ones: a stage name, a plan or a
/// date fits in it.
const EXTRA_WIDTH: u16 = 12;

fn rows_title(view: &QueueScreen, title: &str, theme: &Theme) -> String {
    let dash = theme.glyphs.dash;
    let ellipsis = theme.glyphs.ellipsis;
    if view.error.is_some() {
        return format!(" {title} ");
    }
    let Some(computed) = view.computed.as_ref().and_then(|all| all.get(view.queue)) else {
        return format!(" {title} {dash} computing every queue{ellipsis} ");
    };
    let total = computed.len();
    let mut text = match &view.filter {
        Some(filter) if filter.matching.is_none() => format!(" {title} {dash} filtering{ellipsis}"),
        Some(_) => format!(
            " {title} {dash} {} of {} match",
            group_thousands(view.row_count() as u64),
            group_thousands(total as u64)
        ),
        None if total == 0 => format!(" {title} {dash} nobody"),
        None => format!(" {title} {dash} {} accounts", group_thousands(total as u64)),
    };
    if view.computing {
        text.push_str(&format!(" {dash} refreshing{ellipsis}"));
    } else if view.row_count() > 0 {
        text.push_str(&format!(" {dash} enter opens"));
    }
    text.push(' ');
    text
}

fn extra_value(account: &AccountSummary, column: AccountColumn, theme: &Theme) -> String {
    match column {
        AccountColumn::Stage => account.stage.as_str().to_owned(),
        AccountColumn::Plan => account.plan.as_str().to_owned(),
        AccountColumn::Renewal => {
            account.renewal_date.map_or(theme.glyphs.dash.to_owned(), |date| date.to_string())
        }
        AccountColumn::Name | AccountColumn::Mrr | AccountColumn::Owner => String::new(),
    }
}

fn capitalized(word: &str) -> String {
    let mut characters = word.chars();
    characters.next().map_or_else(String::new, |first| first.to_uppercase().chain(characters).collect())
}
