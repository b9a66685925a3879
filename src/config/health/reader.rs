//! Reading `health.toml`'s values with their positions: tables in the order
//! they appear in the file, names checked against the valid ones (with the
//! nearest suggested), whole numbers in a range, weights, decimal thresholds
//! read exactly from their text, scales and reasons — each failure an error
//! that names the file, the line and the column and says what to write.

use std::ops::{Range, RangeInclusive};
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::app::suggest::nearest;
use crate::config::{ConfigError, line_and_column};
use crate::metrics::health::{Scale, Threshold, Unit};
use crate::model::{FieldCap, SafeText};

pub(super) type Key<'i> = Spanned<DeString<'i>>;
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The largest weight: weights are relative, so more is never needed.
pub(super) const MAX_WEIGHT: u32 = 10_000;

/// Windows and ages in days: from a day to ten years.
pub(super) const DAYS: RangeInclusive<u32> = 1..=3_650;

/// The file being read, for error positions.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub path: &'a Path,
}

impl Doc<'_> {
    /// An error at a span of the file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_and_column(self.text, span.start);
        ConfigError::Invalid { path: self.path.to_owned(), line, column, message: message.into() }
    }

    /// A table's entries in the order they appear in the file, so the first
    /// mistake in the file is the one reported.
    pub fn entries<'t, 'i>(table: &'t DeTable<'i>) -> Vec<(&'t Key<'i>, &'t Value<'i>)> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        entries
    }

    pub fn table<'t, 'i>(&self, key: &Key<'_>, value: &'t Value<'i>) -> Result<&'t DeTable<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            _ => Err(self.error(
                value.span(),
                format!("{} must be a table, not {}", key.get_ref(), self.found(value)),
            )),
        }
    }

    /// The choice named by `key`; an unknown name suggests the nearest valid
    /// one and lists them all.
    pub fn name<T: Copy>(
        &self,
        key: &Key<'_>,
        choices: &[(&'static str, T)],
        what: &str,
    ) -> Result<T, ConfigError> {
        let word = key.get_ref().as_ref();
        if let Some((_, choice)) = choices.iter().find(|(name, _)| *name == word) {
            return Ok(*choice);
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        let suggestion =
            nearest(word, &names).map(|name| format!("did you mean {name:?}? ")).unwrap_or_default();
        Err(self.error(
            key.span(),
            format!("unknown {what} {word:?}: {suggestion}(the {what}s are {})", names.join(", ")),
        ))
    }

    /// A whole number within `range`.
    pub fn whole(
        &self,
        key: &Key<'_>,
        value: &Value<'_>,
        range: RangeInclusive<u32>,
    ) -> Result<u32, ConfigError> {
        let bad = || {
            self.error(
                value.span(),
                format!(
                    "{} must be a whole number from {} to {}, not {}",
                    key.get_ref(),
                    range.start(),
                    range.end(),
                    self.found(value)
                ),
            )
        };
        let DeValue::Integer(integer) = value.get_ref() else { return Err(bad()) };
        let number = i64::from_str_radix(integer.as_str(), integer.radix()).map_err(|_| bad())?;
        u32::try_from(number).ok().filter(|number| range.contains(number)).ok_or_else(bad)
    }

    /// A weight: a whole number, 0 or more.
    pub fn weight(&self, key: &Key<'_>, value: &Value<'_>) -> Result<u32, ConfigError> {
        if let DeValue::Integer(integer) = value.get_ref()
            && integer.as_str().starts_with('-')
        {
            return Err(self.error(
                value.span(),
                format!(
                    "a weight cannot be negative ({}): use 0 to leave it out, or a whole number up to {MAX_WEIGHT}",
                    self.found(value)
                ),
            ));
        }
        self.whole(key, value, 0..=MAX_WEIGHT)
    }

    /// A threshold: an integer or a decimal with at most two places, read
    /// exactly from its text (never through a float).
    pub fn threshold(&self, key: &Key<'_>, value: &Value<'_>) -> Result<Threshold, ConfigError> {
        let hundredths = match value.get_ref() {
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .ok()
                .and_then(|number| number.checked_mul(100))
                .ok_or(Decimal::TooLarge),
            DeValue::Float(float) => hundredths(float.as_str()),
            _ => Err(Decimal::NotANumber),
        };
        let limit = Threshold::LIMIT_HUNDREDTHS / 100;
        let message = match hundredths.map(Threshold::from_hundredths) {
            Ok(Some(threshold)) => return Ok(threshold),
            Ok(None) | Err(Decimal::TooLarge) => {
                format!(
                    "{} = {} is too large: keep thresholds within ±{limit}",
                    key.get_ref(),
                    self.found(value)
                )
            }
            Err(Decimal::TooPrecise) => {
                format!(
                    "{} = {} has more than two decimals: round it to two",
                    key.get_ref(),
                    self.found(value)
                )
            }
            Err(Decimal::NotANumber) => format!(
                "{} must be a number such as 80, -50 or 2.5, not {}",
                key.get_ref(),
                self.found(value)
            ),
        };
        Err(self.error(value.span(), message))
    }

    /// A scale: `{ full_at = …, zero_at = … }`, both set and different.
    pub fn scale(&self, key: &Key<'_>, value: &Value<'_>, unit: Unit) -> Result<Scale, ConfigError> {
        let example = format!("write it as {} = {{ full_at = 80, zero_at = 20 }}", key.get_ref());
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.error(
                value.span(),
                format!(
                    "{} must be a table of two thresholds, not {}: {example}",
                    key.get_ref(),
                    self.found(value)
                ),
            ));
        };
        let (mut full_at, mut zero_at) = (None, None);
        for (end, threshold) in Doc::entries(table) {
            match self.name(end, &[("full_at", End::Full), ("zero_at", End::Zero)], "threshold")? {
                End::Full => full_at = Some(self.threshold(end, threshold)?),
                End::Zero => zero_at = Some(self.threshold(end, threshold)?),
            }
        }
        let (Some(full_at), Some(zero_at)) = (full_at, zero_at) else {
            return Err(self.error(
                value.span(),
                format!("{} needs both full_at and zero_at: {example}", key.get_ref()),
            ));
        };
        Scale::new(full_at, zero_at, unit).ok_or_else(|| {
            self.error(
                value.span(),
                format!(
                    "{}: full_at and zero_at are both {full_at}; they must differ for the score to have a line between them",
                    key.get_ref()
                ),
            )
        })
    }

    /// A reason: a non-empty line of text, made safe to print.
    pub fn reason(&self, key: &Key<'_>, value: &Value<'_>) -> Result<SafeText, ConfigError> {
        let safe = match value.get_ref() {
            DeValue::String(text) => Some(SafeText::line(text, FieldCap::SUBJECT)),
            _ => None,
        };
        match safe {
            // Checked after sanitising: a reason of control characters alone is empty.
            Some(reason) if !reason.trim().is_empty() => Ok(reason),
            _ => Err(self.error(
                value.span(),
                format!(
                    "{} must be a line of text, such as \"Nobody has logged in lately\", not {}",
                    key.get_ref(),
                    self.found(value)
                ),
            )),
        }
    }

    /// What was written, for an error message: the text itself for a
    /// number, a string or a boolean; the kind for a table or an array.
    pub fn found(&self, value: &Value<'_>) -> String {
        match value.get_ref() {
            DeValue::Table(_) => "a table".to_owned(),
            DeValue::Array(_) => "an array".to_owned(),
            _ => {
                let written = self.text.get(value.span()).unwrap_or("").trim();
                let mut shown: String = written.chars().take(40).collect();
                if shown.len() < written.len() {
                    shown.push('…');
                }
                shown
            }
        }
    }
}

/// The two ends of a scale.
#[derive(Debug, Clone, Copy)]
enum End {
    Full,
    Zero,
}

/// Why a number is no threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decimal {
    NotANumber,
    TooPrecise,
    TooLarge,
}

/// A TOML float's text ("2.5", "-0.25", "1e1", "1_000.5") in hundredths,
/// exactly.
fn hundredths(text: &str) -> Result<i64, Decimal> {
    let text: String = text.chars().filter(|c| *c != '_').collect();
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().map_err(|_| Decimal::NotANumber)?),
        None => (text.as_str(), 0),
    };
    let (negative, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = format!("{whole}{fraction}");
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        // inf and nan end here too.
        return Err(Decimal::NotANumber);
    }
    // value = digits × 10^shift hundredths.
    let shift = i64::from(exponent) + 2 - fraction.len() as i64;
    let significant = digits.trim_start_matches('0');
    let (kept, dropped) = if shift >= 0 {
        (significant, "")
    } else {
        significant.split_at(significant.len().saturating_sub(shift.unsigned_abs() as usize))
    };
    if dropped.bytes().any(|byte| byte != b'0') {
        return Err(Decimal::TooPrecise);
    }
    let mut value: i64 = if kept.is_empty() { 0 } else { kept.parse().map_err(|_| Decimal::TooLarge)? };
    for _ in 0..shift.max(0) {
        if value == 0 {
            break;
        }
        value = value.checked_mul(10).ok_or(Decimal::TooLarge)?;
    }
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly_in_hundredths() {
        assert_eq!(hundredths("2.5"), Ok(250));
        assert_eq!(hundredths("-0.25"), Ok(-25));
        assert_eq!(hundredths("+80.0"), Ok(8_000));
        assert_eq!(hundredths("1e1"), Ok(1_000));
        assert_eq!(hundredths("2.5e-2"), Err(Decimal::TooPrecise));
        assert_eq!(hundredths("25e-2"), Ok(25));
        assert_eq!(hundredths("1_000.5"), Ok(100_050));
        assert_eq!(hundredths("0.001"), Err(Decimal::TooPrecise));
        assert_eq!(hundredths("0.100"), Ok(10));
        assert_eq!(hundredths("inf"), Err(Decimal::NotANumber));
        assert_eq!(hundredths("nan"), Err(Decimal::NotANumber));
        assert_eq!(hundredths("1e300"), Err(Decimal::TooLarge));
        assert_eq!(hundredths("0e300"), Ok(0));
    }
}
