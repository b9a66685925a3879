//! The read-only account view: its facts, its contacts, and the timeline of
//! everything that happened to it, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::app::{DetailView, State, layout};
use crate::model::{Event, EventKind};
use crate::ui::format::{day_of, one_line, relative_days};
use crate::ui::glyphs::TimelineSeparator;
use crate::ui::{Glyphs, Theme};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(view) = &state.detail else {
        return;
    };
    let [panels, timeline] =
        Layout::vertical([Constraint::Length(layout::ACCOUNT_PANELS_ROWS), Constraint::Fill(1)]).areas(area);
    let [facts, contacts] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(panels);
    draw_facts(frame, facts, view, state, theme);
    draw_contacts(frame, contacts, view, theme);
    draw_timeline(frame, timeline, view, state, theme);
}

fn panel<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading))
}

fn fact<'a>(label: &'a str, value: impl Into<Span<'a>>, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{label:<9}"), theme.dim), value.into()])
}

fn draw_facts(frame: &mut Frame, area: Rect, view: &DetailView, state: &State, theme: &Theme) {
    let summary = &view.summary;
    let glyphs = &theme.glyphs;
    let renewal = match summary.renewal_date {
        Some(day) => format!("{day} ({})", relative_days(day, state.now)),
        None => glyphs.dash.to_owned(),
    };
    let mut lines = vec![
        fact("Stage", Span::styled(summary.stage.as_str(), theme.stage(summary.stage)), theme),
        fact("Plan", summary.plan.to_string(), theme),
        fact("MRR", format!("{}", summary.mrr), theme),
        fact("Renewal", renewal, theme),
        fact("Owner", summary.owner.to_string(), theme),
    ];
    match &view.detail {
        Some(detail) => {
            let account = &detail.account;
            lines[2] = fact("MRR", format!("{}  (ARR {})", account.mrr, account.arr().compact()), theme);
            lines.push(fact("Created", day_of(account.created_at), theme));
            let tags: Vec<&str> = account.tags.iter().map(|tag| tag.as_str()).collect();
            lines.push(fact(
                "Tags",
                if tags.is_empty() { glyphs.dash.to_owned() } else { tags.join(", ") },
                theme,
            ));
        }
        None => lines.push(Line::from(Span::styled(format!("loading{}", glyphs.ellipsis), theme.dim))),
    }
    let title = format!(" {} {} {} ", summary.name, glyphs.separator, summary.domain);
    frame.render_widget(Paragraph::new(lines).block(panel(&title, theme)), area);
}

fn draw_contacts(frame: &mut Frame, area: Rect, view: &DetailView, theme: &Theme) {
    let glyphs = &theme.glyphs;
    let lines: Vec<Line> = match &view.detail {
        Some(detail) if detail.contacts.is_empty() => {
            vec![Line::from(Span::styled("no contacts", theme.dim))]
        }
        Some(detail) => detail
            .contacts
            .iter()
            .map(|contact| {
                let star = if contact.champion { glyphs.champion } else { " " };
                Line::from(vec![
                    Span::styled(format!("{star} "), theme.key),
                    Span::raw(contact.name.as_str()),
                    Span::styled(
                        format!("  {} {} {}", contact.role, glyphs.separator, contact.email),
                        theme.dim,
                    ),
                ])
            })
            .collect(),
        None => Vec::new(),
    };
    let count = view.detail.as_ref().map_or(0, |detail| detail.contacts.len());
    let title = format!(" Contacts ({count}) {} {} champion ", glyphs.dash, glyphs.champion);
    frame.render_widget(Paragraph::new(lines).block(panel(&title, theme)), area);
}

fn draw_timeline(frame: &mut Frame, area: Rect, view: &DetailView, state: &State, theme: &Theme) {
    let Some(detail) = &view.detail else {
        let message = view.error.as_deref().map_or_else(
            || format!("loading{}", theme.glyphs.ellipsis),
            |error| format!("Could not load: {error}"),
        );
        let style = if view.error.is_some() { theme.error } else { theme.dim };
        frame.render_widget(
            Paragraph::new(Span::styled(message, style)).block(panel(" Timeline ", theme)),
            area,
        );
        return;
    };
    let visible = layout::timeline_rows(state.height);
    let shown = detail.timeline.iter().skip(view.scroll).take(visible);
    let rows = shown.map(|event| timeline_row(event, theme));
    let Glyphs { dash, range, .. } = theme.glyphs;
    let title = if detail.timeline.is_empty() {
        format!(" Timeline {dash} nothing has happened yet ")
    } else {
        format!(
            " Timeline {dash} {}{range}{} of {} events, newest first ",
            view.scroll + 1,
            (view.scroll + visible).min(detail.timeline.len()),
            detail.timeline.len()
        )
    };
    let table = Table::new(rows, [Constraint::Length(10), Constraint::Length(8), Constraint::Fill(1)])
        .column_spacing(1)
        .block(panel(&title, theme));
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
