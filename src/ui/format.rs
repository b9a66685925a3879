//! Small text formats shared by the screens: dates and relative days.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::model::time;

/// "in 23d", "today", "12d ago".
pub fn relative_days(day: Date, now: Timestamp) -> String {
    match time::days_between(time::utc_date(now), day) {
        0 => "today".to_owned(),
        days if days > 0 => format!("in {days}d"),
        days => format!("{}d ago", -days),
    }
}

/// How long ago an instant was: "just now", "4m ago", "3h ago", "2d ago".
pub fn relative_time(at: Timestamp, now: Timestamp) -> String {
    let seconds = now.as_second().saturating_sub(at.as_second()).max(0);
    match seconds {
        0..60 => "just now".to_owned(),
        60..3_600 => format!("{}m ago", seconds / 60),
        3_600..86_400 => format!("{}h ago", seconds / 3_600),
        _ => format!("{}d ago", seconds / 86_400),
    }
}

/// The UTC day of an instant, as YYYY-MM-DD.
pub fn day_of(at: Timestamp) -> String {
    time::utc_date(at).to_string()
}

/// Text from a multi-line field, flattened for a one-line cell: a tab or a
/// line break would move the terminal's cursor out of the cell.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\t']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}
