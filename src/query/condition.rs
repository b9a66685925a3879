//! Type checking: a field, the operator typed after it and the value typed
//! after that become one typed [`Condition`], or an error at the operator or
//! the value that does not fit the field's kind.

use super::amount::Amount;
use super::ast::{Comparison, Condition, Equality, NumberField, Owner, TextTest};
use super::dates::{DateValue, parse_date_value};
use super::error::{QueryError, Span};
use super::fields::{FieldKind, FieldSpec};
use super::suggest::nearest;
use crate::metrics::health::Band;
use crate::model::LifecycleStage;

/// The operator as typed: `:` or a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operator {
    Colon,
    Compare(Comparison),
}

impl Operator {
    fn symbol(self) -> &'static str {
        match self {
            Operator::Colon => ":",
            Operator::Compare(comparison) => comparison.symbol(),
        }
    }

    /// `:` is `=` for numbers and dates.
    fn comparison(self) -> Comparison {
        match self {
            Operator::Colon => Comparison::Equal,
            Operator::Compare(comparison) => comparison,
        }
    }
}

/// A value as typed: a bare word or a quoted string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ValueToken {
    pub text: String,
    pub quoted: bool,
    pub span: Span,
}

pub(super) fn build_condition(
    spec: &FieldSpec,
    operator: Operator,
    operator_span: Span,
    value: ValueToken,
) -> Result<Condition, QueryError> {
    let name = spec.name();
    let equality = || equality_of(name, operator, operator_span);
    match spec.kind {
        FieldKind::Number(field) => {
            Ok(Condition::Number { field, comparison: operator.comparison(), value: number(field, &value)? })
        }
        FieldKind::Mrr => Ok(Condition::Mrr { comparison: operator.comparison(), amount: amount(&value)? }),
        FieldKind::Date(field) => {
            Ok(Condition::Date { field, comparison: operator.comparison(), value: date(name, &value)? })
        }
        FieldKind::Stage => Ok(Condition::Stage { equality: equality()?, stage: stage(&value)? }),
        FieldKind::Band => Ok(Condition::Band { equality: equality()?, band: band(&value)? }),
        FieldKind::Text(field) => {
            let test = match operator {
                Operator::Colon => TextTest::Contains,
                Operator::Compare(Comparison::Equal) => TextTest::Is,
                Operator::Compare(Comparison::NotEqual) => TextTest::IsNot,
                Operator::Compare(_) => return Err(not_ordered(name, operator, operator_span)),
            };
            Ok(Condition::Text { field, test, value: value.text })
        }
        FieldKind::Keyword(field) => {
            Ok(Condition::Keyword { field, equality: equality()?, value: value.text })
        }
        FieldKind::Owner => {
            let owner = if !value.quoted && value.text.eq_ignore_ascii_case("me") {
                Owner::Me
            } else {
                Owner::Named(value.text)
            };
            Ok(Condition::Owner { equality: equality()?, owner })
        }
    }
}

fn equality_of(field: &str, operator: Operator, span: Span) -> Result<Equality, QueryError> {
    match operator {
        Operator::Colon | Operator::Compare(Comparison::Equal) => Ok(Equality::Is),
        Operator::Compare(Comparison::NotEqual) => Ok(Equality::IsNot),
        Operator::Compare(_) => Err(not_ordered(field, operator, span)),
    }
}

fn not_ordered(field: &str, operator: Operator, span: Span) -> QueryError {
    QueryError::new(
        span,
        format!(
            "{field} has no order: compare it with \":\", \"=\" or \"!=\", not \"{}\"",
            operator.symbol()
        ),
    )
    .suggest(Some(":".to_owned()))
}

fn number(field: NumberField, value: &ValueToken) -> Result<i64, QueryError> {
    let name = field.name();
    let (low, high) = field.scale();
    let range = match high {
        Some(high) => format!("a whole number from {low} to {high}"),
        None => format!("a whole number from {low}"),
    };
    let Ok(number) = value.text.parse::<i64>() else {
        // "health:poor" means the band.
        let band = (field == NumberField::Health).then(|| band_named(&value.text)).flatten();
        return Err(QueryError::new(
            value.span,
            format!("{name} is {range}, and {} is not one", shown(value)),
        )
        .suggest(band.map(|band| format!("band:{}", band.name()))));
    };
    if value.quoted {
        return Err(unquote(name, "a number", value, number.to_string()));
    }
    if number < low || high.is_some_and(|high| number > high) {
        return Err(QueryError::new(value.span, format!("{name} is {range}: {number} is off the scale")));
    }
    Ok(number)
}

fn amount(value: &ValueToken) -> Result<Amount, QueryError> {
    match Amount::parse(&value.text) {
        Some(amount) if value.quoted => return Err(unquote("mrr", "an amount", value, amount.to_string())),
        Some(amount) => return Ok(amount),
        None => {}
    }
    // "1,000", "$1000" and "1_000.50" mean the plain number.
    let plain: String =
        value.text.chars().filter(|c| !matches!(c, ',' | '_' | '\'' | '$' | '€' | '£')).collect();
    let suggestion = Amount::parse(&plain).map(|amount| amount.to_string());
    Err(QueryError::new(
        value.span,
        format!(
            "mrr is an amount in major units of the account's currency, such as 1000 or 1250.50, and {} is not one",
            shown(value)
        ),
    )
    .suggest(suggestion))
}

fn date(field: &str, value: &ValueToken) -> Result<DateValue, QueryError> {
    match parse_date_value(&value.text) {
        Ok(date) if value.quoted => Err(unquote(field, "a date", value, date.to_string())),
        Ok(date) => Ok(date),
        Err(not_a_date) => Err(QueryError::new(value.span, format!("{field}: {}", not_a_date.reason))
            .suggest(not_a_date.suggestion)),
    }
}

fn stage(value: &ValueToken) -> Result<LifecycleStage, QueryError> {
    value.text.parse().map_err(|_| {
        let names = LifecycleStage::ALL.iter().map(|stage| stage.as_str());
        let suggestion = nearest(&value.text, names.clone());
        let mut message = format!("unknown stage {}", shown(value));
        if suggestion.is_none() {
            message.push_str(&format!("; the stages are {}", names.collect::<Vec<_>>().join(", ")));
        }
        QueryError::new(value.span, message).suggest(suggestion.map(str::to_owned))
    })
}

fn band(value: &ValueToken) -> Result<Band, QueryError> {
    band_named(&value.text).ok_or_else(|| {
        let suggestion = nearest(&value.text, Band::ALL.map(Band::name));
        QueryError::new(
            value.span,
            format!("unknown band {}; the bands are poor, fair and good", shown(value)),
        )
        .suggest(suggestion.map(str::to_owned))
    })
}

fn band_named(word: &str) -> Option<Band> {
    Band::ALL.into_iter().find(|band| band.name().eq_ignore_ascii_case(word))
}

/// Numbers and dates are written bare, so that `"50"` is never taken for text.
fn unquote(field: &str, what: &str, value: &ValueToken, bare: String) -> QueryError {
    QueryError::new(value.span, format!("{field} takes {what} without quotes")).suggest(Some(bare))
}

/// A value as it was typed, for a message.
fn shown(value: &ValueToken) -> String {
    format!("\"{}\"", value.text)
}
