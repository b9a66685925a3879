//! The command palette over the bottom of the screen while `:` is typed:
//! the entries that match, best first, each with its name, what it does
//! and its keys; the chosen one selected.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::keys::{Key, KeyCode};
use crate::app::palette::{self, Entry};
use crate::app::{Prompt, State};
use crate::ui::Theme;

/// The most entries shown at once.
const MAX_ROWS: u16 = 12;

pub fn draw(frame: &mut Frame, body: Rect, state: &State, prompt: &Prompt, theme: &Theme) {
    let entries = palette::entries(state, &prompt.text);
    let rows = (entries.len() as u16).clamp(1, MAX_ROWS).min(body.height.saturating_sub(2));
    let [_, area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(rows + 2)]).areas(body);
    frame.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).border_set(theme.glyphs.border).border_style(theme.border).title(
            Span::styled(
                format!(
                    " Commands {} {}{} choose, enter runs ",
                    theme.glyphs.dash,
                    theme.glyphs.key_name(&Key::plain(KeyCode::Up)),
                    theme.glyphs.key_name(&Key::plain(KeyCode::Down))
                ),
                theme.heading,
            ),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if entries.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("no command matches", theme.dim)), inner);
        return;
    }
    let chosen = prompt.choice.unwrap_or(usize::MAX);
    let visible = usize::from(rows);
    let first = chosen.min(entries.len()).saturating_sub(visible.saturating_sub(1)).min(entries.len());
    let width = usize::from(inner.width);
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, entry)| entry_line(state, *entry, index == chosen, width, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn entry_line<'a>(state: &State, entry: Entry, chosen: bool, width: usize, theme: &Theme) -> Line<'a> {
    let keys = match entry {
        Entry::Registry(command) => state
            .keymap
            .keys(command)
            .iter()
            .map(|key| theme.glyphs.key_name(key))
            .collect::<Vec<_>>()
            .join(" / "),
        Entry::Word(_) => format!(":{}", entry.name()),
    };
    let name = format!(" {:<26}", entry.name());
    let room = width.saturating_sub(name.width() + keys.width() + 2);
    let title: String = entry.title().chars().take(room).collect();
    let padding = width.saturating_sub(name.width() + title.width() + keys.width() + 1);
    let (text, key) = if chosen { (theme.selected, theme.selected) } else { (theme.text, theme.key) };
    Line::from(vec![
        Span::styled(name, key),
        Span::styled(format!("{title}{}", " ".repeat(padding)), text),
        Span::styled(format!("{keys} "), key),
    ])
}
