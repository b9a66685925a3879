//! The usage tab: weekly active users against seats over the saved usage
//! snapshots, as two bar rows on the same scale, so the gap between them is
//! the unused seats.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::{Tab, panel};
use crate::ui::Theme;

/// The widest a week's bar gets.
const MAX_COLUMNS_PER_WEEK: usize = 6;

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let usage = &tab.detail.usage;
    let dash = theme.glyphs.dash;
    let block = panel(format!(" Usage {dash} {} weekly snapshots ", usage.len()), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(latest) = usage.last() else {
        frame.render_widget(Paragraph::new(Span::styled("no usage recorded", theme.dim)), inner);
        return;
    };
    // The newest snapshots that fit, each as wide as the room allows (up to
    // a few columns), so a short history is not a sliver at the left.
    let shown = &usage[usage.len().saturating_sub(usize::from(inner.width))..];
    let columns_each = (usize::from(inner.width) / shown.len().max(1)).clamp(1, MAX_COLUMNS_PER_WEEK);
    let first_day = shown.first().map_or(latest.day, |snapshot| snapshot.day);
    let scale = shown.iter().map(|snapshot| snapshot.seats.max(snapshot.active_users)).max().unwrap_or(0);
    let [summary, active_label, active, seats_label, seats] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let text = format!(
        "{} of {} seats active in the week of {} {dash} weeks from {} to {}, on one scale",
        latest.active_users, latest.seats, latest.day, first_day, latest.day
    );
    frame.render_widget(Paragraph::new(text), summary);
    let chart = |values: Vec<u64>| {
        let widened: Vec<u64> =
            values.into_iter().flat_map(|value| std::iter::repeat_n(value, columns_each)).collect();
        Sparkline::default().data(widened).max(u64::from(scale)).bar_set(theme.glyphs.bars.clone())
    };
    frame.render_widget(Line::from(Span::styled("Weekly active users", theme.heading)), active_label);
    frame.render_widget(
        chart(shown.iter().map(|snapshot| u64::from(snapshot.active_users)).collect()).style(theme.key),
        active,
    );
    frame.render_widget(
        Line::from(Span::styled(format!("Seats (up to {scale})"), theme.heading)),
        seats_label,
    );
    frame.render_widget(
        chart(shown.iter().map(|snapshot| u64::from(snapshot.seats)).collect()).style(theme.dim),
        seats,
    );
}
