//! The accounts table. Only the visible window of rows is turned into
//! widgets; column widths were measured when the rows were loaded.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::app::{Screen, State, layout};
use crate::model::AccountSummary;
use crate::store::AccountColumn;
use crate::ui::Theme;
use crate::ui::bars::column_name;
use crate::ui::format::relative_days;

/// Wide enough for the renewal's relative day beside its date.
const WIDE: u16 = 110;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let list = &state.accounts;
    if !list.loaded {
        let loading = format!(" Loading accounts{}", theme.glyphs.ellipsis);
        frame.render_widget(Paragraph::new(loading).style(theme.dim), area);
        return;
    }
    if list.rows.rows.is_empty() {
        draw_empty_workspace(frame, area, theme);
        return;
    }
    let wide = area.width >= WIDE;
    let widths = list.rows.widths;
    let renewal_width = if wide { 18 } else { 10 };
    let others = [11, widths.plan, widths.mrr, renewal_width, widths.owner];
    // The name takes what the other columns leave, up to its longest value.
    let spacing = others.len() as u16;
    let name_width = area.width.saturating_sub(others.iter().sum::<u16>() + spacing).min(widths.name);
    let columns = [
        (AccountColumn::Name, name_width),
        (AccountColumn::Stage, others[0]),
        (AccountColumn::Plan, others[1]),
        (AccountColumn::Mrr, others[2]),
        (AccountColumn::Renewal, others[3]),
        (AccountColumn::Owner, others[4]),
    ];
    let header = Row::new(columns.iter().map(|(column, _)| {
        let mut title = column_name(*column).to_owned();
        if *column == list.sort.column {
            title.push(' ');
            title.push_str(theme.glyphs.sort_arrow(list.sort.descending));
        }
        if *column == AccountColumn::Mrr {
            Cell::from(Line::from(title).right_aligned())
        } else {
            Cell::from(title)
        }
    }))
    .style(theme.heading);
    let visible = layout::account_table_rows(state.height);
    let end = (list.offset + visible).min(list.rows.rows.len());
    let rows = list.rows.rows[list.offset..end].iter().enumerate().map(|(i, account)| {
        let style = if list.offset + i == list.selected { theme.selected } else { theme.text };
        let picked = state.selection.contains(Screen::AccountList, account.id);
        account_row(account, state, theme, wide, widths.mrr, picked).style(style)
    });
    let table = Table::new(rows, columns.map(|(_, width)| Constraint::Length(width)))
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn account_row<'a>(
    account: &'a AccountSummary,
    state: &State,
    theme: &Theme,
    wide: bool,
    mrr_width: u16,
    picked: bool,
) -> Row<'a> {
    let renewal = match account.renewal_date {
        Some(day) if wide => format!("{day} {}", relative_days(day, state.now)),
        Some(day) => day.to_string(),
        None => theme.glyphs.dash.to_owned(),
    };
    let mrr = format!("{:>width$}", account.mrr.compact(), width = usize::from(mrr_width));
    Row::new([
        name_cell(account.name.as_str(), picked, theme),
        Cell::from(Span::styled(account.stage.as_str(), theme.stage(account.stage))),
        Cell::from(account.plan.as_str()),
        Cell::from(mrr),
        Cell::from(renewal),
        Cell::from(account.owner.as_str()),
    ])
}

/// An account's name, marked when it is picked for a bulk action.
pub fn name_cell<'a>(name: &'a str, picked: bool, theme: &Theme) -> Cell<'a> {
    if picked {
        Cell::from(Line::from(vec![
            Span::styled(format!("{} ", theme.glyphs.picked), theme.key),
            Span::raw(name),
        ]))
    } else {
        Cell::from(name)
    }
}

fn draw_empty_workspace(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::from(""),
        Line::from(Span::styled(" This workspace has no accounts yet.", theme.heading)),
        Line::from(""),
        Line::from(vec![
            Span::raw(" Try keepers on generated data:  "),
            Span::styled("keepers --demo", theme.key),
            Span::styled("   (from the source tree: cargo run --release -- --demo)", theme.dim),
        ]),
        Line::from(vec![
            Span::raw(" Or generate a demo of any size: "),
            Span::styled("keepers demo --accounts 100000 --workspace big.db", theme.key),
        ]),
        Line::from(""),
        Line::from(" Connecting Zendesk, HubSpot, Freshdesk or CSV/JSONL files is not in this version yet;"),
        Line::from(" the README's \"Backends\" section says what is coming and how it will be configured."),
        Line::from(""),
        Line::from(Span::styled(" Press ? for the keys, q to quit.", theme.dim)),
    ];
    frame.render_widget(Paragraph::new(text).style(Style::new()).wrap(Wrap { trim: false }), area);
}
