//! The dialog of an action over the screen: its fields (a choice between
//! arrows, a line, a multi-line editor, a tick box), the focused one
//! marked, what to fix under them, and the keys that send or cancel it.
//! And the confirm step of a bulk action: how many records it touches.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::app::form::{Confirm, FieldInput, Form};
use crate::app::keys::{Key, KeyCode};
use crate::ui::Theme;

/// Rows a multi-line text field gets.
const TEXT_ROWS: u16 = 6;

pub fn draw(frame: &mut Frame, body: Rect, form: &Form, theme: &Theme) {
    let field_rows: u16 = form
        .fields
        .iter()
        .map(|field| if matches!(field.input, FieldInput::Text(_)) { TEXT_ROWS } else { 1 })
        .sum();
    // Fields, a blank line, the error or the keys, and the border.
    let height = (field_rows + 4).min(body.height);
    let width = body.width.saturating_sub(8).clamp(40, 96).min(body.width);
    let area = centred(body, width, height);
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.key)
        .title(Span::styled(format!(" {} ", form.title), theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let label_width =
        form.fields.iter().map(|field| field.label.chars().count()).max().unwrap_or(0) as u16 + 2;
    let mut constraints: Vec<Constraint> = form
        .fields
        .iter()
        .map(|field| {
            Constraint::Length(if matches!(field.input, FieldInput::Text(_)) { TEXT_ROWS } else { 1 })
        })
        .collect();
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Fill(1));
    let rows = Layout::vertical(constraints).split(inner);
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Fill(1)]).areas(rows[index]);
        let label_style = if focused { theme.key } else { theme.dim };
        frame.render_widget(Paragraph::new(Span::styled(field.label, label_style)), label_area);
        match &field.input {
            FieldInput::Choice { options, selected } => {
                let left = theme.glyphs.key_name(&Key::plain(KeyCode::Left));
                let right = theme.glyphs.key_name(&Key::plain(KeyCode::Right));
                let mut spans = vec![Span::styled(format!("{left} "), theme.dim)];
                spans.push(Span::styled(
                    options.get(*selected).copied().unwrap_or(""),
                    if focused { theme.selected } else { theme.text },
                ));
                spans.push(Span::styled(format!(" {right}"), theme.dim));
                frame.render_widget(Paragraph::new(Line::from(spans)), input_area);
            }
            FieldInput::Check(ticked) => {
                let mark = if *ticked { "[x]" } else { "[ ]" };
                let style = if focused { theme.selected } else { theme.text };
                frame.render_widget(Paragraph::new(Span::styled(mark, style)), input_area);
            }
            FieldInput::Line(area) | FieldInput::Text(area) => {
                let mut editor = area.clone();
                editor.set_style(theme.text);
                editor.set_cursor_line_style(theme.text);
                let cursor =
                    if focused { theme.selected.add_modifier(Modifier::REVERSED) } else { theme.text };
                editor.set_cursor_style(cursor);
                if matches!(field.input, FieldInput::Text(_)) {
                    editor.set_block(Block::new().borders(Borders::LEFT).border_style(theme.border));
                }
                frame.render_widget(&editor, input_area);
            }
        }
    }
    let footer = match &form.error {
        Some(error) => Line::styled(error.clone(), theme.error),
        None => Line::from(vec![
            Span::styled("tab", theme.key),
            Span::styled(" next field  ", theme.dim),
            Span::styled("ctrl-s", theme.key),
            Span::styled(" send  ", theme.dim),
            Span::styled("esc", theme.key),
            Span::styled(" cancel", theme.dim),
        ]),
    };
    if let Some(area) = rows.get(form.fields.len() + 1) {
        frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), *area);
    }
}

pub fn draw_confirm(frame: &mut Frame, body: Rect, confirm: &Confirm, theme: &Theme) {
    let width = (confirm.question.width() as u16 + 4).clamp(40, body.width.min(100));
    // The question wraps on a narrow screen: room for all of it, a blank
    // line and the keys.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let question_rows = confirm.question.width().div_ceil(inner) as u16 + 1;
    let area = centred(body, width, (question_rows + 4).min(body.height));
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.key)
        .title(Span::styled(" Confirm ", theme.heading));
    let lines = vec![
        Line::styled(confirm.question.clone(), theme.text),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" apply  ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled(" cancel  ", theme.dim),
            Span::styled("u", theme.key),
            Span::styled(" undoes it afterwards while it is local", theme.dim),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}

fn centred(body: Rect, width: u16, height: u16) -> Rect {
    let [_, row, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(height), Constraint::Fill(1)]).areas(body);
    let [_, area, _] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(width), Constraint::Fill(1)]).areas(row);
    area
}
