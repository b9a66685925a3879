//! The syntax tree of a filter, and its canonical text.
//!
//! Each condition is typed by the kind of its field, so a tree that the
//! parser accepted cannot compare a stage with a number: the SQL side never
//! meets a combination it cannot translate. `Display` writes the canonical
//! text — canonical field names and stage names, explicit `and`, quotes only
//! where needed, parentheses only where precedence needs them — which parses
//! back to the same tree, so a filter can be saved as a named queue.

use std::fmt;

use super::amount::Amount;
use super::dates::{DateField, DateValue};
use crate::metrics::health::Band;
use crate::model::LifecycleStage;

/// A parsed filter: conditions joined by `and`, `or` and `not`. The parser
/// never puts an `And` directly inside an `And` (nor an `Or` inside an
/// `Or`), so each filter has one tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Condition(Condition),
    Not(Box<Filter>),
    /// Two or more filters that must all match.
    And(Vec<Filter>),
    /// Two or more filters of which at least one must match.
    Or(Vec<Filter>),
}

/// One comparison of a field with a value, typed by the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A whole-number field: a score or a count of tickets.
    Number {
        field: NumberField,
        comparison: Comparison,
        value: i64,
    },
    /// MRR, in major units of each account's own currency.
    Mrr {
        comparison: Comparison,
        amount: Amount,
    },
    Date {
        field: DateField,
        comparison: Comparison,
        value: DateValue,
    },
    Stage {
        equality: Equality,
        stage: LifecycleStage,
    },
    /// The band of today's saved health score.
    Band {
        equality: Equality,
        band: Band,
    },
    /// Free text, ignoring case: `:` finds the value anywhere in it.
    Text {
        field: TextField,
        test: TextTest,
        value: String,
    },
    /// A whole value, ignoring case: `:` and `=` both mean equal.
    Keyword {
        field: KeywordField,
        equality: Equality,
        value: String,
    },
    Owner {
        equality: Equality,
        owner: Owner,
    },
}

/// An ordering comparison of numbers and dates. `:` reads as `=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

impl Comparison {
    pub const ALL: [Comparison; 6] = [
        Comparison::Less,
        Comparison::LessOrEqual,
        Comparison::Greater,
        Comparison::GreaterOrEqual,
        Comparison::Equal,
        Comparison::NotEqual,
    ];

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
            Comparison::Equal => "=",
            Comparison::NotEqual => "!=",
        }
    }

    /// Whether `left <self> right` holds.
    pub fn holds<T: Ord>(self, left: T, right: T) -> bool {
        match self {
            Comparison::Less => left < right,
            Comparison::LessOrEqual => left <= right,
            Comparison::Greater => left > right,
            Comparison::GreaterOrEqual => left >= right,
            Comparison::Equal => left == right,
            Comparison::NotEqual => left != right,
        }
    }
}

/// The only comparison of a value from a closed set or a whole keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equality {
    /// `:` or `=`.
    Is,
    /// `!=`.
    IsNot,
}

/// How a free-text field is compared, always ignoring case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTest {
    /// `:` — the value appears anywhere in the field.
    Contains,
    /// `=` — the whole field is the value.
    Is,
    /// `!=`.
    IsNot,
}

/// Whose accounts: `owner:me` is resolved to the user's name when the filter
/// is run, so a saved queue works for everyone on the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Me,
    Named(String),
}

/// Fields holding a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    Health,
    Nps,
    Csat,
    OpenTickets,
    UrgentTickets,
}

impl NumberField {
    pub fn name(self) -> &'static str {
        match self {
            NumberField::Health => "health",
            NumberField::Nps => "nps",
            NumberField::Csat => "csat",
            NumberField::OpenTickets => "open_tickets",
            NumberField::UrgentTickets => "urgent_tickets",
        }
    }

    /// The values the field can hold, both ends included; counts have no top.
    pub fn scale(self) -> (i64, Option<i64>) {
        match self {
            NumberField::Health => (0, Some(100)),
            NumberField::Nps => (0, Some(10)),
            NumberField::Csat => (1, Some(5)),
            NumberField::OpenTickets | NumberField::UrgentTickets => (0, None),
        }
    }
}

/// Free-text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Name,
    Domain,
}

impl TextField {
    pub fn name(self) -> &'static str {
        match self {
            TextField::Name => "name",
            TextField::Domain => "domain",
        }
    }
}

/// Fields compared as whole values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordField {
    Plan,
    /// Any one of the account's tags.
    Tag,
}

impl KeywordField {
    pub fn name(self) -> &'static str {
        match self {
            KeywordField::Plan => "plan",
            KeywordField::Tag => "tag",
        }
    }
}

/// Loosest first: `or` binds loosest, then `and`, then `not`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Or,
    And,
    Unary,
}

impl Filter {
    fn precedence(&self) -> Precedence {
        match self {
            Filter::Or(_) => Precedence::Or,
            Filter::And(_) => Precedence::And,
            Filter::Not(_) | Filter::Condition(_) => Precedence::Unary,
        }
    }

    /// Writes `self`, in parentheses if it binds looser than `needed`.
    fn write_at(&self, f: &mut fmt::Formatter<'_>, needed: Precedence) -> fmt::Result {
        if self.precedence() < needed { write!(f, "({self})") } else { write!(f, "{self}") }
    }

    fn write_joined(
        f: &mut fmt::Formatter<'_>,
        parts: &[Filter],
        keyword: &str,
        needed: Precedence,
    ) -> fmt::Result {
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                write!(f, " {keyword} ")?;
            }
            part.write_at(f, needed)?;
        }
        Ok(())
    }
}

impl fmt::Display for Filter {
    /// The canonical text of the filter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Condition(condition) => write!(f, "{condition}"),
            Filter::Not(inner) => {
                f.write_str("not ")?;
                inner.write_at(f, Precedence::Unary)
            }
            Filter::And(parts) => Filter::write_joined(f, parts, "and", Precedence::And),
            Filter::Or(parts) => Filter::write_joined(f, parts, "or", Precedence::Or),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Number { field, comparison, value } => {
                write!(f, "{} {} {value}", field.name(), comparison.symbol())
            }
            Condition::Mrr { comparison, amount } => write!(f, "mrr {} {amount}", comparison.symbol()),
            Condition::Date { field, comparison, value } => {
                write!(f, "{} {} {value}", field.name(), comparison.symbol())
            }
            Condition::Stage { equality, stage } => {
                write_equality(f, "stage", *equality)?;
                write_value(f, stage.as_str())
            }
            Condition::Band { equality, band } => {
                write_equality(f, "band", *equality)?;
                f.write_str(band.name())
            }
            Condition::Text { field, test, value } => {
                let operator = match test {
                    TextTest::Contains => ":",
                    TextTest::Is => " = ",
                    TextTest::IsNot => " != ",
                };
                write!(f, "{}{operator}", field.name())?;
                write_value(f, value)
            }
            Condition::Keyword { field, equality, value } => {
                write_equality(f, field.name(), *equality)?;
                write_value(f, value)
            }
            Condition::Owner { equality, owner } => {
                write_equality(f, "owner", *equality)?;
                match owner {
                    Owner::Me => f.write_str("me"),
                    // Quoted, so that a person called "me" is not read back as the user.
                    Owner::Named(name) if name.eq_ignore_ascii_case("me") => write_quoted(f, name),
                    Owner::Named(name) => write_value(f, name),
                }
            }
        }
    }
}

fn write_equality(f: &mut fmt::Formatter<'_>, field: &str, equality: Equality) -> fmt::Result {
    match equality {
        Equality::Is => write!(f, "{field}:"),
        Equality::IsNot => write!(f, "{field} != "),
    }
}

/// A value as a bare word when it would be read back as the same word,
/// quoted otherwise.
fn write_value(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    if is_bare_word(value) { f.write_str(value) } else { write_quoted(f, value) }
}

fn write_quoted(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    f.write_str(&quoted(value))
}

/// `value` in double quotes, with `"` and `\` escaped as the lexer reads them.
pub(super) fn quoted(value: &str) -> String {
    let mut text = String::with_capacity(value.len() + 2);
    text.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            text.push('\\');
        }
        text.push(c);
    }
    text.push('"');
    text
}

fn is_bare_word(value: &str) -> bool {
    !value.is_empty()
        && !super::parser::is_keyword(value)
        && !value.chars().any(|c| c.is_whitespace() || c.is_control() || super::lexer::SPECIAL.contains(&c))
}
