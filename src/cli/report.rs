//! Rendering the metrics layer's results for people (aligned text) and for
//! scripts (JSON). Every number is formatted here and nowhere else, so the
//! text and the JSON of a command always agree.

use serde_json::{Map, Value, json};

use crate::metrics::kpi_lines::{KpiLine, KpiValue};
pub use crate::metrics::text::{figure_text, number_text, value_text};
use crate::metrics::{Figure, Interval, Ratio, Term};

/// The lines as an aligned table; with `explain`, each line's formula,
/// window and terms below it.
pub fn kpi_table(lines: &[KpiLine], explain: bool) -> String {
    let label = |line: &KpiLine| match line.currency {
        Some(currency) => format!("{} ({currency})", line.name),
        None => line.name.to_owned(),
    };
    let width = lines.iter().map(|line| label(line).chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        let value = value_text(line.value.as_ref());
        out.push_str(&format!("  {:<width$}  {value:<24} {} inputs\n", label(line), line.inputs));
        if explain {
            out.push_str(&format!("  {:<width$}    = {}\n", "", line.formula));
            for term in &line.terms {
                out.push_str(&format!(
                    "  {:<width$}      {}: {}\n",
                    "",
                    term.name,
                    figure_text(term.figure, line.currency)
                ));
            }
        }
    }
    out
}

/// A number for JSON: exact enough for scripts, never NaN.
pub fn ratio_json(ratio: Ratio) -> Value {
    json!((ratio.to_f64() * 1e6).round() / 1e6)
}

fn figure_json(figure: Figure) -> Value {
    match figure {
        Figure::Count(count) => json!(count),
        Figure::Money(minor) => json!(minor),
        Figure::Share(share) | Figure::Number(share) => ratio_json(share),
        Figure::Duration(duration) => json!(duration.as_secs()),
        Figure::Label(label) => json!(label),
    }
}

pub fn interval_json(interval: Interval) -> Value {
    json!({ "start": interval.start().to_string(), "end": interval.end().to_string(), "notation": interval.to_string() })
}

pub fn terms_json(terms: &[Term]) -> Value {
    let map: Map<String, Value> =
        terms.iter().map(|term| (term.name.to_owned(), figure_json(term.figure))).collect();
    Value::Object(map)
}

/// One KPI line as JSON. `value` is a number (a share as a fraction, money
/// in minor units, durations in seconds) or null for "no data"; `display`
/// is the text a person reads.
pub fn kpi_json(line: &KpiLine) -> Value {
    let value = match line.value {
        None => Value::Null,
        Some(KpiValue::Points(points)) => json!(points),
        Some(KpiValue::Percent(share)) | Some(KpiValue::Mean(share)) => ratio_json(share),
        Some(KpiValue::Money(minor, _)) => json!(minor),
        Some(KpiValue::Count(count)) => json!(count),
        Some(KpiValue::Durations { median, percentile_90 }) => {
            json!({ "median_seconds": median.as_secs(), "p90_seconds": percentile_90.as_secs() })
        }
    };
    json!({
        "id": line.id,
        "name": line.name,
        "currency": line.currency.map(|currency| currency.to_string()),
        "value": value,
        "display": value_text(line.value.as_ref()),
        "formula": line.formula,
        "inputs": line.inputs,
        "window": line.window.map(interval_json),
        "terms": terms_json(&line.terms),
    })
}

/// Prints JSON, pretty, with a final newline.
pub fn print_json(value: &Value) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;
    use crate::metrics::text::duration_text;
    use crate::model::Currency;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration_text(SignedDuration::from_secs(15)), "15s");
        assert_eq!(duration_text(SignedDuration::from_secs(42 * 60)), "42m");
        assert_eq!(duration_text(SignedDuration::from_secs(3 * 3600 + 5 * 60)), "3h 5m");
        assert_eq!(duration_text(SignedDuration::from_secs(2 * 86_400 + 4 * 3600)), "2d 4h");
    }

    #[test]
    fn values_read_as_their_kind() {
        assert_eq!(value_text(None), "no data");
        assert_eq!(value_text(Some(&KpiValue::Points(-12))), "-12");
        assert_eq!(value_text(Some(&KpiValue::Percent(Ratio::new(3, 5).unwrap()))), "60 %");
        assert_eq!(value_text(Some(&KpiValue::Money(123_456, Currency::USD))), "$1,234.56");
    }
}
