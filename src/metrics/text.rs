//! Figures as a person reads them — "30", "60 %", "5.03", "$1,234.00",
//! "3h 5m" — shared by the command line's reports and the console, so both
//! show a number the same way.

use jiff::SignedDuration;

use std::cmp::Ordering;

use crate::metrics::kpi_lines::KpiValue;
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

/// A KPI's value as a person reads it: "30", "60 %", "5.03", "$1,234.00",
/// "3h 5m", or "no data".
pub fn value_text(value: Option<&KpiValue>) -> String {
    match value {
        None => "no data".to_owned(),
        Some(KpiValue::Points(points)) => points.to_string(),
        Some(KpiValue::Percent(share)) => percent_text(*share),
        Some(KpiValue::Mean(mean)) => format!("{:.2}", mean.to_f64()),
        Some(KpiValue::Money(minor, currency)) => money_text(*minor, *currency),
        Some(KpiValue::Count(count)) => count.to_string(),
        Some(KpiValue::Durations { median, percentile_90 }) => {
            format!("median {} · p90 {}", duration_text(*median), duration_text(*percentile_90))
        }
    }
}

/// How a value moved from `previous` to `current`, in the value's own
/// terms — "+4" points of NPS, "−2.5 pp" of a share, "+$1,200.00" — and
/// whether it went up or down. `None` when the two cannot be compared.
pub fn change_text(current: &KpiValue, previous: &KpiValue) -> Option<(String, Ordering)> {
    let signed = |difference: f64, text: String| {
        let sign = if difference > 0.0 {
            "+"
        } else if difference < 0.0 {
            "−"
        } else {
            "±"
        };
        let direction = difference.partial_cmp(&0.0).unwrap_or(Ordering::Equal);
        (format!("{sign}{text}"), direction)
    };
    match (current, previous) {
        (KpiValue::Points(now), KpiValue::Points(before)) => {
            let difference = now - before;
            Some(signed(difference as f64, difference.unsigned_abs().to_string()))
        }
        (KpiValue::Percent(now), KpiValue::Percent(before)) => {
            // Signed by the shown figure: a change that rounds to 0.0 is no change.
            let points = ((now.to_f64() - before.to_f64()) * 1_000.0).round() / 10.0;
            Some(signed(points, format!("{:.1} pp", points.abs())))
        }
        (KpiValue::Mean(now), KpiValue::Mean(before)) => {
            let difference = ((now.to_f64() - before.to_f64()) * 100.0).round() / 100.0;
            Some(signed(difference, format!("{:.2}", difference.abs())))
        }
        (KpiValue::Money(now, currency), KpiValue::Money(before, before_currency))
            if currency == before_currency =>
        {
            let difference = now - before;
            Some(signed(difference as f64, money_text(difference.abs(), *currency)))
        }
        (KpiValue::Count(now), KpiValue::Count(before)) => {
            let difference = i128::from(*now) - i128::from(*before);
            Some(signed(difference as f64, difference.unsigned_abs().to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_in_the_values_own_terms() {
        let change = |now, before| change_text(&now, &before);
        assert_eq!(
            change(KpiValue::Points(34), KpiValue::Points(30)),
            Some(("+4".into(), Ordering::Greater))
        );
        let share = |n, d| KpiValue::Percent(Ratio::new(n, d).unwrap());
        assert_eq!(change(share(1, 4), share(11, 40)), Some(("−2.5 pp".into(), Ordering::Less)));
        let usd = |minor| KpiValue::Money(minor, Currency::USD);
        assert_eq!(change(usd(250_000), usd(130_000)), Some(("+$1,200.00".into(), Ordering::Greater)));
        assert_eq!(change(KpiValue::Count(7), KpiValue::Count(7)), Some(("±0".into(), Ordering::Equal)));
        assert_eq!(change(share(1001, 10_000), share(1, 10)), Some(("±0.0 pp".into(), Ordering::Equal)));
        let eur = KpiValue::Money(1, Currency::EUR);
        assert_eq!(change(usd(1), eur), None, "money of two currencies is not compared");
        assert_eq!(change(KpiValue::Count(1), KpiValue::Points(1)), None);
    }
}
