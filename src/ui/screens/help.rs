//! The help screen, generated from the command registry and the keys in
//! effect for the screen it was opened on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::keymap::HelpLine;
use crate::app::{State, layout};
use crate::ui::Theme;

/// Room for the longest run of keys, e.g. "pgdn / ctrl-f / ctrl-d".
const KEYS_WIDTH: usize = 24;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let all = state.keymap.help_lines(state.context());
    let visible = layout::help_rows(state.height);
    let more_below = state.help_scroll + visible < all.len();
    let lines: Vec<Line> = all
        .into_iter()
        .skip(state.help_scroll)
        .take(visible)
        .map(|line| match line {
            HelpLine::Heading(title) => Line::from(Span::styled(title, theme.heading)),
            HelpLine::Blank => Line::from(""),
            HelpLine::Command(command) => {
                let keys: Vec<String> =
                    state.keymap.keys(command).iter().map(|key| theme.glyphs.key_name(key)).collect();
                // An unbound command still runs from the command line: say how.
                let keys = if keys.is_empty() { format!(":{}", command.id) } else { keys.join(" / ") };
                Line::from(vec![
                    Span::styled(format!("  {keys:<KEYS_WIDTH$}"), theme.key),
                    Span::raw(command.title),
                ])
            }
        })
        .collect();
    let glyphs = &theme.glyphs;
    let more = if more_below { format!(" {} more below ", glyphs.more_below) } else { String::new() };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(glyphs.border)
        .border_style(theme.border)
        .title(format!(" Keys {} ? or esc to close, j/k to scroll ", glyphs.dash))
        .title_bottom(more);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
