//! Drawing: `draw(frame, state, theme)` turns [`State`] into a frame.
//!
//! This module only reads State — it never changes it, never touches the
//! store and never writes to the terminal itself. Every screen builds widgets
//! for the rows it shows and nothing more, so a 100k-row table costs the same
//! to draw as a 20-row one.

mod bars;
mod format;
mod glyphs;
mod screens;
pub mod svg;
mod theme;

pub use glyphs::Glyphs;
pub use theme::Theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{PromptKind, Screen, State, layout};

pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if !layout::fits(area.width, area.height) {
        draw_too_small(frame, area, theme);
        return;
    }
    let [title, body, hints, status] = Layout::vertical([
        Constraint::Length(layout::TITLE_ROWS),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    bars::title(frame, title, state, theme);
    if state.help_open {
        screens::help::draw(frame, body, state, theme);
    } else {
        match state.screen {
            Screen::AccountList => screens::accounts::draw(frame, body, state, theme),
            Screen::AccountDetail => screens::account::draw(frame, body, state, theme),
            Screen::Ticket => screens::ticket::draw(frame, body, state, theme),
            Screen::Queues => screens::queues::draw(frame, body, state, theme),
            Screen::Dashboard => screens::dashboard::draw(frame, body, state, theme),
            Screen::Tasks => screens::tasks::draw(frame, body, state, theme),
            Screen::Outbox => screens::outbox::draw(frame, body, state, theme),
        }
    }
    if let Some(search) = &state.search {
        screens::search::draw(frame, body, search, theme);
    }
    if let Some(prompt) = state.prompt.as_ref().filter(|prompt| prompt.kind == PromptKind::Command) {
        screens::palette::draw(frame, body, state, prompt, theme);
    }
    if let Some(form) = &state.form {
        screens::form::draw(frame, body, form, theme);
    }
    if let Some(confirm) = &state.confirm {
        screens::form::draw_confirm(frame, body, confirm, theme);
    }
    bars::hints(frame, hints, state, theme);
    bars::status(frame, status, state, theme);
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let times = theme.glyphs.times;
    let text = vec![
        Line::from(format!(
            "keepers needs a terminal of at least {}{times}{}.",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        )),
        Line::from(format!(
            "This one is {}{times}{}: make it larger, or press q to quit.",
            area.width, area.height
        )),
    ];
    let paragraph = Paragraph::new(text).style(theme.text).wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}
