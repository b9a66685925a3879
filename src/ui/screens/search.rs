//! The search box, drawn over the screen: the query with a cursor, how far
//! the answer has got, and the hits grouped by kind — accounts, contacts,
//! tickets, notes — each with its matched characters marked and the one
//! under the cursor selected.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::SearchBox;
use crate::app::keys::{Key, KeyCode};
use crate::model::group_thousands;
use crate::search::{Hit, SearchKind};
use crate::ui::Theme;

/// The widest the box gets.
const MAX_WIDTH: u16 = 100;

pub fn draw(frame: &mut Frame, area: Rect, search: &SearchBox, theme: &Theme) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let [column] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [boxed] = Layout::vertical([Constraint::Fill(1)]).margin(1).areas(column);
    frame.render_widget(Clear, boxed);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.selected)
        .title(Span::styled(" Search accounts, contacts, tickets and notes ", theme.heading));
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    let [query_area, status_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let query = Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(search.query.clone(), theme.text),
        Span::styled(" ", theme.selected),
    ]);
    frame.render_widget(Paragraph::new(query), query_area);
    frame.render_widget(Paragraph::new(status(search, theme)).style(theme.dim), status_area);
    let lines = hit_lines(search, theme);
    let visible = usize::from(list_area.height);
    let cursor_line = selected_line(search);
    let offset = cursor_line.saturating_sub(visible.saturating_sub(1));
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), list_area);
}

/// How far the answer has got: "loading the index…", "42 hits, 310,000 of
/// 1,553,114 searched…", "42 hits in 1,553,114 records".
fn status(search: &SearchBox, theme: &Theme) -> String {
    if let Some(error) = &search.error {
        return format!("Could not search: {error}");
    }
    if search.query.trim().is_empty() {
        let (up, down) = (Key::plain(KeyCode::Up), Key::plain(KeyCode::Down));
        return format!(
            "Type to search; {}{} to choose, enter to open, esc to close",
            theme.glyphs.key_name(&up),
            theme.glyphs.key_name(&down)
        );
    }
    let hits = group_thousands(search.hits.len() as u64);
    match (&search.answered, search.done) {
        (None, _) => format!("searching{}", theme.glyphs.ellipsis),
        (Some(_), false) if search.total == 0 => format!("loading the index{}", theme.glyphs.ellipsis),
        (Some(_), false) => format!(
            "{hits} hits so far, {} of {} searched{}",
            group_thousands(search.scanned as u64),
            group_thousands(search.total as u64),
            theme.glyphs.ellipsis
        ),
        (Some(_), true) => format!("{hits} hits in {} records", group_thousands(search.total as u64)),
    }
}

fn kind_title(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Account => "Accounts",
        SearchKind::Contact => "Contacts",
        SearchKind::Ticket => "Tickets",
        SearchKind::Note => "Notes",
    }
}

/// Every line of the list: a heading before each kind's hits.
fn hit_lines<'a>(search: &'a SearchBox, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut last_kind = None;
    for (index, hit) in search.hits.iter().enumerate() {
        if last_kind != Some(hit.kind) {
            let count = search.hits.iter().filter(|other| other.kind == hit.kind).count();
            lines.push(Line::styled(format!("{} ({count})", kind_title(hit.kind)), theme.heading));
            last_kind = Some(hit.kind);
        }
        lines.push(hit_line(hit, index == search.selected, theme));
    }
    lines
}

/// The line index of the selected hit, headings counted.
fn selected_line(search: &SearchBox) -> usize {
    let headings = search
        .hits
        .iter()
        .take(search.selected + 1)
        .enumerate()
        .filter(|(index, hit)| *index == 0 || search.hits[index - 1].kind != hit.kind)
        .count();
    search.selected + headings
}

/// A hit with its matched characters marked.
fn hit_line<'a>(hit: &'a Hit, selected: bool, theme: &Theme) -> Line<'a> {
    let base = if selected { theme.selected } else { theme.text };
    let marked = base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = vec![Span::styled("  ", base)];
    let mut matched = hit.indices.iter().peekable();
    let mut run = String::new();
    let mut run_marked = false;
    for (index, character) in hit.text.chars().enumerate() {
        let is_marked = matched.next_if(|next| **next as usize == index).is_some();
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_marked { marked } else { base }));
        }
        run_marked = is_marked;
        run.push(character);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { marked } else { base }));
    }
    Line::from(spans)
}
