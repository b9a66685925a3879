//! `QueryError`: what is wrong with a filter, where, and what was probably
//! meant. The column and length are in characters, so a screen can underline
//! the mistake under the text the user typed.

use std::fmt;

/// A mistake in a filter. Its Display reads
/// `column 12: unknown field "helth" — did you mean "health"?`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// 1-based character column where the mistake starts; one past the last
    /// character when something is missing at the end.
    pub column: usize,
    /// How many characters the mistake covers (at least 1).
    pub length: usize,
    pub message: String,
    /// The nearest field, operator or value, as it should be written.
    pub suggestion: Option<String>,
}

impl QueryError {
    pub(super) fn new(span: Span, message: impl Into<String>) -> QueryError {
        QueryError {
            column: span.column,
            length: span.length.max(1),
            message: message.into(),
            suggestion: None,
        }
    }

    pub(super) fn suggest(mut self, suggestion: Option<String>) -> QueryError {
        self.suggestion = suggestion;
        self
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)?;
        match &self.suggestion {
            // A suggestion with quotes of its own (`tag:"key account"`) reads
            // better without more around it.
            Some(suggestion) if suggestion.contains('"') => write!(f, " — did you mean {suggestion}?")?,
            Some(suggestion) => write!(f, " — did you mean \"{suggestion}\"?")?,
            None => {}
        }
        Ok(())
    }
}

/// Where a token sits in the filter text, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// 1-based.
    pub column: usize,
    pub length: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_column_and_the_suggestion() {
        let error = QueryError::new(Span { column: 12, length: 5 }, "unknown field \"helth\"")
            .suggest(Some("health".to_owned()));
        assert_eq!(error.to_string(), "column 12: unknown field \"helth\" — did you mean \"health\"?");
        let quoted = QueryError::new(Span { column: 5, length: 12 }, "this quote is never closed")
            .suggest(Some("\"key account\"".to_owned()));
        assert_eq!(
            quoted.to_string(),
            "column 5: this quote is never closed — did you mean \"key account\"?"
        );
        let plain = QueryError::new(Span { column: 1, length: 0 }, "the filter is empty");
        assert_eq!(plain.to_string(), "column 1: the filter is empty");
        assert_eq!(plain.length, 1);
    }
}
