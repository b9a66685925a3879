//! The contacts tab: the account's people, the champion marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::ui::Theme;
use crate::ui::format::day_of;

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let glyphs = &theme.glyphs;
    let contacts = &tab.detail.contacts;
    let title = format!(" Contacts ({}) {} {} champion ", contacts.len(), glyphs.dash, glyphs.champion);
    let rows = contacts.iter().skip(tab.view.scroll).take(tab.visible).map(|contact| {
        let mark = if contact.champion { glyphs.champion } else { "" };
        let seen = contact.last_seen_at.map_or_else(|| glyphs.dash.to_owned(), day_of);
        Row::new([
            Cell::from(Span::styled(mark, theme.key)),
            Cell::from(contact.name.as_str().to_owned()),
            Cell::from(Span::styled(contact.role.as_str().to_owned(), theme.dim)),
            Cell::from(contact.email.as_str().to_owned()),
            Cell::from(Span::styled(format!("seen {seen}"), theme.dim)),
        ])
    });
    let widths = [
        Constraint::Length(1),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Length(15),
    ];
    let table = Table::new(rows, widths).column_spacing(1).block(panel(title, theme));
    frame.render_widget(table, area);
}
