//! The health tab: the score's explanation — every component with its
//! weight, share, score and contribution, and under it the inputs read with
//! their scales — the same numbers `keepers health --explain` prints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::metrics::health::ComponentLine;
use crate::metrics::text::{figure_text, number_text};
use crate::model::Currency;
use crate::ui::Theme;

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let explanation = &tab.detail.health.explanation;
    let dash = theme.glyphs.dash;
    let score = explanation.shown_score.map_or("no data".to_owned(), |score| score.to_string());
    let title = format!(" Health {score} {dash} the contributions add up to the score ");
    let rows: Vec<Row> = explanation
        .components
        .iter()
        .flat_map(|line| component_rows(line, explanation.currency, theme))
        .skip(tab.view.scroll)
        .take(tab.visible.saturating_sub(1))
        .collect();
    let header = Row::new([
        Cell::from("Component / input"),
        Cell::from(Line::from("Weight").right_aligned()),
        Cell::from(Line::from("Share").right_aligned()),
        Cell::from(Line::from("Score").right_aligned()),
        Cell::from(Line::from("Points").right_aligned()),
        Cell::from("Inputs read"),
    ])
    .style(theme.heading);
    let widths = [
        Constraint::Length(30),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Fill(1),
    ];
    let block = panel(title, theme).title_bottom(Line::from(Span::styled(
        " components without data are left out and the other weights renormalised ",
        theme.dim,
    )));
    let table = Table::new(rows, widths).header(header).column_spacing(1).block(block);
    frame.render_widget(table, area);
}

/// A component's row, then one row per input: what was read, money in the
/// account's currency, and its scale.
fn component_rows<'a>(line: &ComponentLine, currency: Currency, theme: &Theme) -> Vec<Row<'a>> {
    let dash = theme.glyphs.dash;
    let right = |text: String| Cell::from(Line::from(text).right_aligned());
    let share =
        line.normalised_weight.map_or(dash.to_owned(), |share| format!("{:.1} %", share.to_f64() * 100.0));
    let score = line.score.map_or("no data".to_owned(), number_text);
    let points = line.shown_contribution.map_or(dash.to_owned(), |points| points.to_string());
    let mut rows = vec![Row::new([
        Cell::from(Span::styled(line.component.name(), theme.key)),
        right(line.weight.to_string()),
        right(share),
        right(score),
        right(points),
        Cell::from(""),
    ])];
    rows.extend(line.inputs.iter().map(|input| {
        let read: Vec<String> = input
            .terms
            .iter()
            .map(|term| format!("{} {}", term.name, figure_text(term.figure, Some(currency))))
            .collect();
        let mut read = if read.is_empty() { "nothing to read".to_owned() } else { read.join(", ") };
        if let Some(scale) = input.scale {
            let scale = theme.glyphs.comparisons(&scale.to_string());
            read.push_str(&format!(" {} {scale}", theme.glyphs.separator));
        }
        Row::new([
            Cell::from(format!("  {}", input.input.name())),
            Cell::from(""),
            Cell::from(""),
            right(input.score.map_or("no data".to_owned(), number_text)),
            Cell::from(""),
            Cell::from(Span::styled(read, theme.dim)),
        ])
    }));
    rows
}
