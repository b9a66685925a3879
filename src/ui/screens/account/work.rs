//! The tasks and notes tabs: the work done and planned on the account.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::model::time::utc_date;
use crate::ui::Theme;
use crate::ui::format::{day_of, one_line};

pub(super) fn draw_tasks(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let dash = theme.glyphs.dash;
    let tasks = &tab.detail.tasks;
    let today = utc_date(tab.now);
    let title = format!(" Tasks ({}) {dash} by due date ", tasks.len());
    let rows = tasks.iter().skip(tab.view.scroll).take(tab.visible).map(|task| {
        let due = task.due.map_or_else(|| dash.to_owned(), |day| day.to_string());
        let status = if task.is_overdue(today) {
            Span::styled("overdue", theme.error)
        } else {
            Span::raw(task.status.as_str())
        };
        let playbook = if task.playbook.is_empty() { dash.to_owned() } else { task.playbook.to_string() };
        Row::new([
            Cell::from(Span::styled(due, theme.dim)),
            Cell::from(status),
            Cell::from(task.title.as_str().to_owned()),
            Cell::from(Span::styled(playbook, theme.key)),
            Cell::from(Span::styled(task.owner.as_str().to_owned(), theme.dim)),
        ])
    });
    let widths = [
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Fill(3),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths).column_spacing(1).block(panel(title, theme));
    frame.render_widget(table, area);
}

pub(super) fn draw_notes(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let dash = theme.glyphs.dash;
    let notes = &tab.detail.notes;
    let title = format!(" Notes ({}) {dash} newest first ", notes.len());
    let rows = notes.iter().skip(tab.view.scroll).take(tab.visible).map(|note| {
        Row::new([
            Cell::from(Span::styled(day_of(note.created_at), theme.dim)),
            Cell::from(Span::styled(note.author.as_str().to_owned(), theme.key)),
            Cell::from(one_line(note.body.as_str())),
        ])
    });
    let widths = [Constraint::Length(10), Constraint::Length(18), Constraint::Fill(1)];
    let table = Table::new(rows, widths).column_spacing(1).block(panel(title, theme));
    frame.render_widget(table, area);
}
