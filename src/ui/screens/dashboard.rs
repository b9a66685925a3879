//! The dashboard: KPI tiles (value, and its change against the previous
//! period in green or red as the change is good or bad), then NPS and CSAT
//! over twelve months, the lifecycle funnel, the health bands and the
//! queues' counts. Enter on a tile opens its explanation over the lower
//! half: each line's value now and before, formula, window, inputs and
//! terms.

use std::cmp::Ordering;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::{DashboardScreen, State, layout};
use crate::metrics::dashboard::{Dashboard, Scope, Tile};
use crate::metrics::health::Band;
use crate::metrics::kpi_lines::{KpiLine, KpiValue};
use crate::metrics::text::{change_text, figure_text, value_text};
use crate::model::group_thousands;
use crate::ui::Theme;

/// A tile's height: its border and two lines.
const TILE_ROWS: u16 = 4;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let view = &state.dashboard;
    let Some(load) = &view.load else {
        let text = match &view.error {
            Some(error) => Line::styled(format!(" Could not compute the dashboard: {error}"), theme.error),
            None => Line::styled(format!(" computing the dashboard{}", theme.glyphs.ellipsis), theme.dim),
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    };
    let board = &load.dashboard;
    let per_row = layout::dashboard_tiles_per_row(state.width);
    let tile_rows = board.tiles.len().div_ceil(per_row) as u16;
    let [tiles_area, lower] =
        Layout::vertical([Constraint::Length(tile_rows * TILE_ROWS), Constraint::Fill(1)]).areas(area);
    draw_tiles(frame, tiles_area, view, board, per_row, theme);
    if view.explaining {
        if let Some(tile) = board.tiles.get(view.tile) {
            draw_explanation(frame, lower, board, tile, theme);
        }
        return;
    }
    let [trend_area, funnel_area, side_area] =
        Layout::horizontal([Constraint::Percentage(34), Constraint::Percentage(36), Constraint::Fill(1)])
            .areas(lower);
    draw_trend(frame, trend_area, board, theme);
    draw_funnel(frame, funnel_area, board, theme);
    draw_bands_and_queues(frame, side_area, state, board, theme);
}

fn panel<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading))
}

fn draw_tiles(
    frame: &mut Frame,
    area: Rect,
    view: &DashboardScreen,
    board: &Dashboard,
    per_row: usize,
    theme: &Theme,
) {
    let rows = Layout::vertical(vec![Constraint::Length(TILE_ROWS); board.tiles.len().div_ceil(per_row)])
        .split(area);
    for (row, chunk) in rows.iter().zip(board.tiles.chunks(per_row)) {
        let cells = Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(*row);
        for (cell, tile) in cells.iter().zip(chunk) {
            let index = board.tiles.iter().position(|other| std::ptr::eq(other, tile)).unwrap_or(0);
            draw_tile(frame, *cell, tile, index == view.tile, theme);
        }
    }
}

/// The line a tile shows: for money, the currency with the largest amount
/// (the explanation lists every currency).
fn headline(lines: &[KpiLine]) -> Option<&KpiLine> {
    lines.iter().max_by_key(|line| match line.value {
        Some(KpiValue::Money(minor, _)) => minor,
        _ => 0,
    })
}

fn draw_tile(frame: &mut Frame, area: Rect, tile: &Tile, selected: bool, theme: &Theme) {
    let current = headline(&tile.current);
    let name = tile.name;
    let title = match current.and_then(|line| line.currency).filter(|_| tile.current.len() > 1) {
        Some(currency) => format!(" {name} ({currency}) "),
        None => format!(" {name} "),
    };
    let border = if selected { theme.selected } else { theme.border };
    let block = panel(title, theme).border_style(border);
    let value = match current {
        Some(line) => value_text(line.value.as_ref()),
        // Revenue at risk has a line per currency at risk: none is nothing.
        None => "none".to_owned(),
    };
    let nothing_now = match (current, headline(&tile.previous)) {
        // Nothing at risk now, something then.
        (None, Some(before)) => Some(Line::from(vec![
            Span::styled("none now", theme.band(Some(Band::Good))),
            Span::styled(format!(" vs {}", value_text(before.value.as_ref())), theme.dim),
        ])),
        _ => None,
    };
    let previous =
        current.and_then(|line| tile.previous.iter().find(|before| before.currency == line.currency));
    let change =
        match (current.and_then(|line| line.value.as_ref()), previous.and_then(|line| line.value.as_ref())) {
            (Some(now), Some(before)) => change_text(now, before).map(|(text, direction)| {
                let good = match direction {
                    Ordering::Equal => None,
                    Ordering::Greater => Some(tile.higher_is_better),
                    Ordering::Less => Some(!tile.higher_is_better),
                };
                let style = match good {
                    Some(true) => theme.band(Some(Band::Good)),
                    Some(false) => theme.band(Some(Band::Poor)),
                    None => theme.dim,
                };
                Line::from(vec![
                    Span::styled(text, style),
                    Span::styled(format!(" vs {}", value_text(Some(before))), theme.dim),
                ])
            }),
            // Revenue at risk without the health history to judge then.
            (Some(_), None) if tile.previous.is_empty() => Some(Line::styled("as of now", theme.dim)),
            (Some(_), None) => Some(Line::styled("nothing then", theme.dim)),
            _ => nothing_now,
        };
    let mut lines = vec![Line::styled(value, theme.text.add_modifier(Modifier::BOLD))];
    lines.extend(change);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// NPS (−100…100) and CSAT (0…100 %) per month as one glyph each, with the
/// latest month's value.
fn draw_trend(frame: &mut Frame, area: Rect, board: &Dashboard, theme: &Theme) {
    let nps: Vec<Option<u8>> = board
        .trend
        .iter()
        .map(|point| point.nps.value().map(|value| ((value + 100) / 2).clamp(0, 100) as u8))
        .collect();
    let csat: Vec<Option<u8>> = board
        .trend
        .iter()
        .map(|point| point.csat.value().map(|share| share.rounded_percent().clamp(0, 100) as u8))
        .collect();
    let latest_nps = board.trend.iter().rev().find_map(|point| point.nps.value());
    let latest_csat = board.trend.iter().rev().find_map(|point| point.csat.value());
    let first = board.trend.first().map(|point| crate::ui::format::day_of(point.month.start()));
    let dash = theme.glyphs.dash;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("NPS   ", theme.heading),
            Span::styled(theme.glyphs.trend(&nps), theme.band(Some(Band::Good))),
            Span::styled(
                format!(" {}", latest_nps.map_or(dash.to_owned(), |value| value.to_string())),
                theme.text,
            ),
        ]),
        Line::from(vec![
            Span::styled("CSAT  ", theme.heading),
            Span::styled(theme.glyphs.trend(&csat), theme.band(Some(Band::Good))),
            Span::styled(
                format!(" {}", latest_csat.map_or(dash.to_owned(), crate::metrics::text::percent_text)),
                theme.text,
            ),
        ]),
        Line::styled(
            format!(
                "      from {}, a mark a month",
                first.map_or_else(String::new, |day| day[..7].to_owned())
            ),
            theme.dim,
        ),
    ];
    // With room for a row a month below the sparklines, the months with
    // their values and a bar each: NPS from −100 to 100, CSAT from 0 to 100 %.
    let inner_rows = usize::from(area.height.saturating_sub(2));
    let bar_width = usize::from(area.width.saturating_sub(2)).saturating_sub(21) / 2;
    if inner_rows >= lines.len() + 2 + board.trend.len() && bar_width >= 3 {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{:<8}{:>5} {:bar_width$} {:>5}", "month", "NPS", "", "CSAT"),
            theme.heading,
        ));
        for point in &board.trend {
            let nps = point.nps.value();
            let csat = point.csat.value();
            let nps_cells = nps.map_or(0, |value| ((value + 100) as usize * bar_width).div_ceil(200));
            let csat_cells = csat.map_or(0, |share| {
                (share.rounded_percent().clamp(0, 100) as usize * bar_width).div_ceil(100)
            });
            let month = crate::ui::format::day_of(point.month.start());
            lines.push(Line::from(vec![
                Span::styled(format!("{:<8}", &month[..7]), theme.dim),
                Span::styled(
                    format!("{:>5} ", nps.map_or(dash.to_owned(), |value| value.to_string())),
                    theme.text,
                ),
                Span::styled(
                    format!("{:<bar_width$}", theme.glyphs.bars.full.repeat(nps_cells)),
                    theme.band(Some(Band::Good)),
                ),
                Span::styled(
                    format!(
                        " {:>5} ",
                        csat.map_or(dash.to_owned(), |share| format!("{}%", share.rounded_percent()))
                    ),
                    theme.text,
                ),
                Span::styled(theme.glyphs.bars.full.repeat(csat_cells), theme.band(Some(Band::Fair))),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel(" Satisfaction, 12 months ".to_owned(), theme)),
        area,
    );
}

/// A bar of `value` against `max` in `width` cells.
fn bar(value: u64, max: u64, width: usize, theme: &Theme) -> String {
    let cells = if max == 0 { 0 } else { (value as u128 * width as u128).div_ceil(max as u128) as usize };
    theme.glyphs.bars.full.repeat(cells.min(width))
}

fn draw_funnel(frame: &mut Frame, area: Rect, board: &Dashboard, theme: &Theme) {
    let max = board.funnel.iter().map(|step| step.entered).max().unwrap_or(0);
    let inner = usize::from(area.width.saturating_sub(2));
    let label_width = 12;
    let count_width =
        board.funnel.iter().map(|step| group_thousands(step.entered).width()).max().unwrap_or(1);
    let share_width = 6;
    let bar_width = inner.saturating_sub(label_width + count_width + share_width + 2);
    let lines: Vec<Line> = board
        .funnel
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let share = if index + 1 == board.funnel.len() || step.entered == 0 {
                String::new()
            } else {
                format!("{:>4} %", (step.moved_on * 100 + step.entered / 2) / step.entered)
            };
            Line::from(vec![
                Span::styled(format!("{:<label_width$}", step.stage.as_str()), theme.stage(step.stage)),
                Span::styled(format!("{:>count_width$} ", group_thousands(step.entered)), theme.text),
                Span::styled(format!("{:<bar_width$}", bar(step.entered, max, bar_width, theme)), theme.dim),
                Span::styled(format!("{share:>share_width$}"), theme.text),
            ])
        })
        .collect();
    let title = format!(" Funnel {} entered, % moved on ", theme.glyphs.dash);
    frame.render_widget(Paragraph::new(lines).block(panel(title, theme)), area);
}

fn draw_bands_and_queues(frame: &mut Frame, area: Rect, state: &State, board: &Dashboard, theme: &Theme) {
    let inner = usize::from(area.width.saturating_sub(2));
    let max = board.bands.iter().copied().chain([board.no_health_data]).max().unwrap_or(0);
    let bar_width = inner.saturating_sub(16);
    let mut lines: Vec<Line> = Band::ALL
        .iter()
        .zip(board.bands)
        .map(|(band, count)| (band.name(), count, theme.band(Some(*band))))
        .chain([("no data", board.no_health_data, theme.dim)])
        .map(|(name, count, style)| {
            Line::from(vec![
                Span::styled(format!("{name:<8}"), style),
                Span::styled(format!("{:>7} ", group_thousands(count)), theme.text),
                Span::styled(bar(count, max, bar_width, theme), style),
            ])
        })
        .collect();
    lines.push(Line::styled("Queues", theme.heading));
    for entry in &state.queues.queues {
        let count =
            entry.count.map_or_else(|| theme.glyphs.ellipsis.to_owned(), |n| group_thousands(n as u64));
        let room = inner.saturating_sub(count.width() + 1);
        let title: String = entry.title.chars().take(room).collect();
        let padding = inner.saturating_sub(title.width() + count.width());
        lines.push(Line::from(vec![
            Span::styled(format!("{title}{}", " ".repeat(padding)), theme.text),
            Span::styled(count, theme.dim),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(panel(" Health ".to_owned(), theme)), area);
}

fn draw_explanation(frame: &mut Frame, area: Rect, board: &Dashboard, tile: &Tile, theme: &Theme) {
    frame.render_widget(Clear, area);
    let name = tile.name;
    let mut lines = Vec::new();
    for line in &tile.current {
        let before = tile.previous.iter().find(|previous| previous.currency == line.currency);
        let label = match line.currency {
            Some(currency) => format!("{} ({currency})", line.name),
            None => line.name.to_owned(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), theme.heading),
            Span::styled(value_text(line.value.as_ref()), theme.text.add_modifier(Modifier::BOLD)),
            Span::styled(
                format!("   before: {}", value_text(before.and_then(|before| before.value.as_ref()))),
                theme.dim,
            ),
        ]));
        lines.push(Line::from(vec![Span::styled("  = ", theme.dim), Span::styled(line.formula, theme.text)]));
        let window = line.window.map_or_else(|| "now".to_owned(), |window| window.to_string());
        lines.push(Line::styled(
            format!("  window {window}, {} inputs", group_thousands(line.inputs)),
            theme.dim,
        ));
        for term in &line.terms {
            lines.push(Line::styled(
                format!("    {}: {}", term.name, figure_text(term.figure, line.currency)),
                theme.text,
            ));
        }
    }
    let footer = format!(
        "enter lists the {} accounts behind it {} esc closes",
        group_thousands(tile.accounts.len() as u64),
        theme.glyphs.separator
    );
    lines.push(Line::styled(footer, theme.key));
    let title = format!(" {name} {} compared with {} ", theme.glyphs.dash, board.previous);
    frame.render_widget(Paragraph::new(lines).block(panel(title, theme)), area);
}

/// The scope in words for the title bar: "every account", "owner Ann Lee".
pub fn scope_text(scope: &Scope) -> String {
    match scope {
        Scope::All => "every account".to_owned(),
        Scope::Owner(owner) => format!("owner {owner}"),
        Scope::Plan(plan) => format!("plan {plan}"),
        Scope::Segment(segment) => format!("segment {segment}"),
    }
}
