//! The account view's header: stage, plan, MRR, renewal and owner; the
//! health score in its band's colour with its 30-day change and the trend of
//! the last 30 saved days; and the churn-risk reasons that fired.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panel;
use crate::app::{AccountHealth, DetailView, State};
use crate::ui::Theme;
use crate::ui::format::{day_of, relative_days};

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &DetailView, state: &State, theme: &Theme) {
    let summary = &view.summary;
    let glyphs = &theme.glyphs;
    let label = |text: &'static str| Span::styled(text, theme.dim);
    let renewal = match summary.renewal_date {
        Some(day) => format!("{day} ({})", relative_days(day, state.now)),
        None => glyphs.dash.to_owned(),
    };
    let mrr = match &view.detail {
        Some(detail) => format!("{} (ARR {})", detail.account.mrr, detail.account.arr().compact()),
        None => summary.mrr.to_string(),
    };
    let mut lines = vec![
        Line::from(vec![
            label("Stage "),
            Span::styled(summary.stage.as_str(), theme.stage(summary.stage)),
            label("   Plan "),
            Span::raw(summary.plan.as_str()),
            label("   MRR "),
            Span::raw(mrr),
            label("   Renewal "),
            Span::raw(renewal),
        ]),
        Line::from(vec![label("Owner "), Span::raw(summary.owner.as_str())]),
    ];
    match &view.detail {
        Some(detail) => {
            let tags: Vec<&str> = detail.account.tags.iter().map(|tag| tag.as_str()).collect();
            let tags = if tags.is_empty() { glyphs.dash.to_owned() } else { tags.join(", ") };
            lines[1].spans.extend([
                label("   Created "),
                Span::raw(day_of(detail.account.created_at)),
                label("   Tags "),
                Span::raw(tags),
            ]);
            lines.push(health_line(&detail.health, theme));
            lines.push(risk_line(&detail.health, theme));
        }
        None => lines.push(Line::from(Span::styled(format!("loading{}", glyphs.ellipsis), theme.dim))),
    }
    let title = format!(" {} {} {} ", summary.name, glyphs.separator, summary.domain);
    frame.render_widget(Paragraph::new(lines).block(panel(title, theme)), area);
}

fn health_line<'a>(health: &AccountHealth, theme: &Theme) -> Line<'a> {
    let explanation = &health.explanation;
    let score = match (explanation.shown_score, explanation.band) {
        (Some(score), Some(band)) => format!("{score} {}", band.name()),
        (Some(score), None) => score.to_string(),
        _ => "no data".to_owned(),
    };
    let change = match explanation.change_30d {
        Some(change) => format!("{:+} in 30d", change.points()),
        None => "no score 30d ago".to_owned(),
    };
    let mut spans = vec![
        Span::styled("Health ", theme.dim),
        Span::styled(score, theme.band(explanation.band)),
        Span::raw(format!("   {change}   ")),
    ];
    if health.trend.iter().all(Option::is_none) {
        spans.push(Span::styled("no daily scores saved yet", theme.dim));
    } else {
        spans.push(Span::styled(theme.glyphs.trend(&health.trend), theme.band(explanation.band)));
        spans.push(Span::styled(format!(" last {} days", health.trend.len()), theme.dim));
    }
    Line::from(spans)
}

fn risk_line<'a>(health: &AccountHealth, theme: &Theme) -> Line<'a> {
    let mut spans = vec![
        Span::styled("Churn risk ", theme.dim),
        Span::styled(health.risk_level.name(), theme.key),
        Span::styled(format!(" (weight {})", health.risk_weight), theme.dim),
    ];
    let reasons: Vec<String> =
        health.risk_reasons.iter().map(|reason| format!("+{} {}", reason.weight, reason.reason)).collect();
    if !reasons.is_empty() {
        spans.push(Span::raw(format!(": {}", reasons.join(&format!(" {} ", theme.glyphs.separator)))));
    }
    Line::from(spans)
}
