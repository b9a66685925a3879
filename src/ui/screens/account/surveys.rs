//! The surveys tab: every NPS, CSAT, CES and rating answer, newest first,
//! with the account's NPS over its NPS answers in the title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{Tab, panel};
use crate::model::answer_text;
use crate::ui::Theme;
use crate::ui::format::{day_of, one_line};

pub(super) fn draw(frame: &mut Frame, area: Rect, tab: &Tab, theme: &Theme) {
    let detail = tab.detail;
    let dash = theme.glyphs.dash;
    let nps = match detail.nps.value() {
        Some(value) => format!("NPS {value:+} over {} answers", detail.nps.answers()),
        None => "no NPS answers".to_owned(),
    };
    let title = format!(" Surveys ({}) {dash} {nps} ", detail.surveys.len());
    let rows = detail.surveys.iter().skip(tab.view.scroll).take(tab.visible).map(|survey| {
        let comment =
            if survey.comment.is_empty() { dash.to_owned() } else { one_line(survey.comment.as_str()) };
        Row::new([
            Cell::from(Span::styled(day_of(survey.responded_at), theme.dim)),
            Cell::from(Span::styled(answer_text(survey.answer), theme.key)),
            Cell::from(comment),
        ])
    });
    let widths = [Constraint::Length(10), Constraint::Length(11), Constraint::Fill(1)];
    let table = Table::new(rows, widths).column_spacing(1).block(panel(title, theme));
    frame.render_widget(table, area);
}
