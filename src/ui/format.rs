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

/// The UTC day of an instant, as YYYY-MM-DD.
pub fn day_of(at: Timestamp) -> String {
    time::utc_date(at).to_string()
}

/// Text from a multi-line field, flattened for a one-line cell: a tab or a
/// line break would move the terminal's cursor out of the cell.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\t']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}
