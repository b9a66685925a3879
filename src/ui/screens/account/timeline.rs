//! The timeline tab: everything that happened to the account, newest first,
//! optionally only one kind of event.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::app::account_tabs::TimelineFilter;
use crate::model::{Event, EventKind};
use crate::ui::format::{day_of, one_line};
use crate::ui::glyphs::TimelineSeparator;
use crate::ui::{Glyphs, Theme};

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let filter = tab.view.timeline_filter;
    let events: Vec<&Event> = tab.detail.timeline.iter().filter(|event| filter.admits(event)).collect();
    let Glyphs { dash, .. } = theme.glyphs;
    let kind = match filter {
        TimelineFilter::All => "events".to_owned(),
        TimelineFilter::Kind(kind) => format!("{kind} events"),
    };
    let title = if events.is_empty() {
        format!(" Timeline {dash} no {kind} yet {dash} f filter: {} ", filter.label())
    } else {
        format!(
            " Timeline {dash} {} {kind}, newest first {dash} f filter: {} ",
            Tab::range(tab.view.scroll, tab.visible, events.len(), &theme.glyphs),
            filter.label()
        )
    };
    let rows = events.iter().skip(tab.view.scroll).take(tab.visible).map(|event| timeline_row(event, theme));
    let table = Table::new(rows, [Constraint::Length(10), Constraint::Length(10), Constraint::Fill(1)])
        .column_spacing(1)
        .block(panel(title, theme));
    frame.render_widget(table, area);
}

fn timeline_row<'a>(event: &Event, theme: &Theme) -> Row<'a> {
    Row::new([
        Cell::from(Span::styled(day_of(event.at), theme.dim)),
        Cell::from(Span::styled(event.kind.label(), theme.key)),
        Cell::from(one_line(&timeline_summary(&event.kind, &theme.glyphs))),
    ])
}

/// The event's one-line summary with keepers' own arrow and dash drawn in
/// the theme's glyphs; the customer text around them is left alone.
fn timeline_summary(kind: &EventKind, glyphs: &Glyphs) -> String {
    let separator = match kind {
        EventKind::StageChanged { .. } => TimelineSeparator::StageArrow,
        EventKind::SurveyAnswered { .. } => TimelineSeparator::Dash,
        _ => return kind.summary(),
    };
    glyphs.timeline_summary(kind.summary(), separator)
}
