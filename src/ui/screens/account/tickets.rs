//! The tickets tab: the account's tickets, newest first, with a cursor;
//! Enter opens the one under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::app::layout;
use crate::ui::Theme;
use crate::ui::format::day_of;

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let tickets = &tab.detail.tickets;
    let selected = tab.view.scroll;
    let shown = layout::ticket_rows(tab.height);
    let first = layout::first_ticket_row(selected, tab.height);
    let dash = theme.glyphs.dash;
    let title = if tickets.is_empty() {
        format!(" Tickets {dash} none ")
    } else {
        format!(
            " Tickets {dash} {}, newest first {dash} enter opens ",
            Tab::range(first, shown, tickets.len(), &theme.glyphs)
        )
    };
    let header = Row::new(["Ticket", "Subject", "Status", "Priority", "Created"]).style(theme.heading);
    let rows = tickets.iter().enumerate().skip(first).take(shown).map(|(i, ticket)| {
        let style = if i == selected { theme.selected } else { theme.text };
        Row::new([
            Cell::from(Span::styled(format!("#{}", ticket.id), theme.key)),
            Cell::from(ticket.subject.as_str().to_owned()),
            Cell::from(ticket.status.as_str()),
            Cell::from(ticket.priority.as_str()),
            Cell::from(Span::styled(day_of(ticket.created_at), theme.dim)),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths).header(header).column_spacing(1).block(panel(title, theme));
    frame.render_widget(table, area);
}
