//! The purchases tab: what the account bought, newest first, and its
//! lifetime value (the sum of its purchases). The RFM segment is left out:
//! its quintiles are cut over the whole book, which one account's load does
//! not read (`keepers report` shows it).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::ui::Theme;
use crate::ui::format::{day_of, one_line};

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let detail = tab.detail;
    let dash = theme.glyphs.dash;
    let total: Vec<String> = detail.lifetime_value.iter().map(ToString::to_string).collect();
    let total = if total.is_empty() { dash.to_owned() } else { total.join(" + ") };
    let title = format!(" Purchases ({}) {dash} lifetime value {total} ", detail.purchases.len());
    let rows = detail.purchases.iter().skip(tab.view.scroll).take(tab.visible).map(|purchase| {
        Row::new([
            Cell::from(Span::styled(day_of(purchase.purchased_at), theme.dim)),
            Cell::from(Line::from(purchase.amount.to_string()).right_aligned()),
            Cell::from(one_line(purchase.description.as_str())),
        ])
    });
    let widths = [Constraint::Length(10), Constraint::Length(14), Constraint::Fill(1)];
    let table = Table::new(rows, widths).column_spacing(2).block(panel(title, theme));
    frame.render_widget(table, area);
}
