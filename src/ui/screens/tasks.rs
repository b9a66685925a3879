//! The Tasks screen: the open tasks of the view chosen — mine, overdue, due
//! this week, all, by account — with their account, owner and the playbook
//! that made them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::app::{State, layout};
use crate::model::TaskStatus;
use crate::model::time::utc_date;
use crate::ui::Theme;
use crate::ui::format::relative_days;

/// From this width on, the playbook column is shown.
const WIDE: u16 = 100;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.tasks;
    let dash = theme.glyphs.dash;
    let block =
        Block::new().borders(Borders::ALL).border_set(theme.glyphs.border).border_style(theme.border).title(
            Span::styled(
                format!(" Tasks {dash} {} {dash} tab changes the view ", view.view.title()),
                theme.heading,
            ),
        );
    if view.rows.is_none() {
        frame.render_widget(
            Paragraph::new(format!("loading{}", theme.glyphs.ellipsis)).style(theme.dim).block(block),
            area,
        );
        return;
    }
    if view.visible.is_empty() {
        let text = if view.view == crate::app::TaskView::Mine && state.me.trim().is_empty() {
            "No tasks are yours until keepers knows your name: set [user] name in keepers.toml.".to_owned()
        } else {
            "Nothing here.".to_owned()
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim).block(block), area);
        return;
    }
    let today = utc_date(state.now);
    let visible = layout::task_table_rows(state.height);
    let end = (view.offset + visible).min(view.visible.len());
    let rows = (view.offset..end).filter_map(|position| {
        let row = view.row(position)?;
        let task = &row.task;
        let overdue = task.due.is_some_and(|due| due < today);
        let due = task.due.map_or(dash.to_owned(), |due| format!("{due} {}", relative_days(due, state.now)));
        let style = if position == view.selected { theme.selected } else { theme.text };
        let status = if task.status == TaskStatus::Snoozed { "snoozed" } else { "open" };
        Some(
            Row::new([
                Cell::from(Span::styled(
                    due,
                    if overdue && position != view.selected { theme.error } else { style },
                )),
                Cell::from(status),
                Cell::from(task.title.as_str()),
                Cell::from(row.account_name.as_str()),
                Cell::from(if task.owner.is_empty() { dash } else { task.owner.as_str() }),
                Cell::from(if task.playbook.is_empty() { dash } else { task.playbook.as_str() }),
            ])
            .style(style),
        )
    });
    let widths = [
        Constraint::Length(18),
        Constraint::Length(8),
        Constraint::Fill(2),
        Constraint::Fill(1),
        Constraint::Length(14),
        // The playbook that made the task, where there is room for it.
        Constraint::Length(if area.width >= WIDE { 18 } else { 0 }),
    ];
    let header = Row::new(["Due", "Status", "Task", "Account", "Owner", "Playbook"]).style(theme.heading);
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1).block(block), area);
}
