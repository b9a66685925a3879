//! The ticket view: the ticket's facts, then its conversation oldest first,
//! already wrapped to the screen's width by the load; drawing only slices
//! the visible lines, however long the conversation is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::ticket::{Conversation, ConversationLine, TicketView};
use crate::app::{State, layout};
use crate::model::{FieldCap, group_thousands};
use crate::ui::Theme;
use crate::ui::format::day_of;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(view) = &state.ticket else {
        return;
    };
    let [facts, conversation] =
        Layout::vertical([Constraint::Length(layout::TICKET_HEADER_ROWS), Constraint::Fill(1)]).areas(area);
    let title = format!(" #{} {} {} ", view.ticket_id, theme.glyphs.separator, view.subject);
    let facts_lines = match &view.conversation {
        Some(loaded) => fact_lines(loaded, theme),
        None => vec![Line::from(Span::styled(format!("loading{}", theme.glyphs.ellipsis), theme.dim))],
    };
    frame.render_widget(Paragraph::new(facts_lines).block(panel(title, theme)), facts);
    draw_conversation(frame, conversation, view, state, theme);
}

fn panel<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading))
}

fn fact_lines<'a>(loaded: &Conversation, theme: &Theme) -> Vec<Line<'a>> {
    let ticket = &loaded.ticket;
    let dash = theme.glyphs.dash;
    let label = |text: &'static str| Span::styled(text, theme.dim);
    let requester = loaded.requester.clone().unwrap_or_else(|| dash.to_owned());
    let assignee = if ticket.assignee.is_empty() { dash.to_owned() } else { ticket.assignee.to_string() };
    let satisfaction = ticket.satisfaction.map_or(dash, |rating| rating.as_str());
    let solved = ticket.solved_at.map_or_else(|| dash.to_owned(), day_of);
    vec![
        Line::from(vec![
            label("Requester "),
            Span::raw(requester),
            label("   Status "),
            Span::styled(ticket.status.as_str(), theme.key),
            label("   Priority "),
            Span::raw(ticket.priority.as_str()),
            label("   Channel "),
            Span::raw(ticket.channel.as_str()),
        ]),
        Line::from(vec![
            label("Assignee "),
            Span::raw(assignee),
            label("   Satisfaction "),
            Span::raw(satisfaction),
        ]),
        Line::from(vec![
            label("Created "),
            Span::raw(day_of(ticket.created_at)),
            label("   Solved "),
            Span::raw(solved),
            label("   Comments "),
            Span::raw(loaded.comments.to_string()),
        ]),
    ]
}

fn draw_conversation(frame: &mut Frame, area: Rect, view: &TicketView, state: &State, theme: &Theme) {
    let glyphs = &theme.glyphs;
    let Some(loaded) = &view.conversation else {
        let (message, style) = match &view.error {
            Some(error) => (format!("Could not load: {error}"), theme.error),
            None => (format!("loading{}", glyphs.ellipsis), theme.dim),
        };
        let block = panel(" Conversation ".to_owned(), theme);
        frame.render_widget(Paragraph::new(Span::styled(message, style)).block(block), area);
        return;
    };
    let visible = layout::conversation_rows(state.height);
    let total = loaded.lines.len();
    let title = if total == 0 {
        format!(" Conversation {} no comments ", glyphs.dash)
    } else {
        format!(
            " Conversation {} lines {}{}{} of {}, oldest first ",
            glyphs.dash,
            view.scroll + 1,
            glyphs.range,
            (view.scroll + visible).min(total),
            total
        )
    };
    let indent = " ".repeat(usize::from(layout::CONVERSATION_INDENT));
    let lines: Vec<Line> = loaded
        .lines
        .iter()
        .skip(view.scroll)
        .take(visible)
        .map(|line| conversation_line(line, &indent, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(panel(title, theme)), area);
}

fn conversation_line<'a>(line: &'a ConversationLine, indent: &str, theme: &Theme) -> Line<'a> {
    let glyphs = &theme.glyphs;
    match line {
        ConversationLine::Heading { author, at, by_agent, public } => {
            let who = if *by_agent { "agent" } else { "customer" };
            let (visibility, style) =
                if *public { ("public", theme.dim) } else { ("internal note", theme.error) };
            Line::from(vec![
                Span::styled(author.as_str(), theme.key),
                Span::styled(
                    format!(
                        " ({who}) {} {} {} ",
                        glyphs.separator,
                        at.strftime("%Y-%m-%d %H:%M"),
                        glyphs.separator
                    ),
                    theme.dim,
                ),
                Span::styled(visibility, style),
            ])
        }
        ConversationLine::Body(text) => Line::from(format!("{indent}{text}")),
        ConversationLine::Truncated { kept_chars } => Line::from(Span::styled(
            format!(
                "{indent}{} cut at import after {} characters (the cap is {}); the rest is not in the workspace",
                glyphs.dash,
                group_thousands(*kept_chars as u64),
                group_thousands(FieldCap::BODY.0 as u64),
            ),
            theme.error,
        )),
        ConversationLine::Blank => Line::from(""),
    }
}
