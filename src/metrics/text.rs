//! Figures as a person reads them — "30", "60 %", "5.03", "$1,234.00",
//! "3h 5m" — shared by the command line's reports and the console, so both
//! show a number the same way.

use jiff::SignedDuration;

use crate::metrics::{Figure, Ratio};
use crate::model::{Currency, Money};

pub fn percent_text(share: Ratio) -> String {
    format!("{} %", share.rounded_percent())
}

pub fn money_text(minor: i128, currency: Currency) -> String {
    match i64::try_from(minor) {
        Ok(minor) => Money::new(minor, currency).to_string(),
        Err(_) => format!("{minor} minor units of {currency}"),
    }
}

/// "2d 4h", "3h 5m", "42m", "15s".
pub fn duration_text(duration: SignedDuration) -> String {
    let seconds = duration.as_secs();
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.unsigned_abs();
    let (days, hours, minutes) = (seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{sign}{seconds}s"),
        (0, 0, _) => format!("{sign}{minutes}m"),
        (0, _, _) => format!("{sign}{hours}h {minutes}m"),
        _ => format!("{sign}{days}d {hours}h"),
    }
}

pub fn figure_text(figure: Figure, currency: Option<Currency>) -> String {
    match figure {
        Figure::Count(count) => count.to_string(),
        Figure::Money(minor) => match currency {
            Some(currency) => money_text(minor, currency),
            None => format!("{minor} (minor units)"),
        },
        Figure::Share(share) => percent_text(share),
        Figure::Duration(duration) => duration_text(duration),
        Figure::Number(number) => number_text(number),
        Figure::Label(label) => label.to_owned(),
    }
}

/// A plain number: whole when it is, else two decimals.
pub fn number_text(number: Ratio) -> String {
    if number.denominator() == 1 { number.numerator().to_string() } else { format!("{:.2}", number.to_f64()) }
}
