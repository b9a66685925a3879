//! Reading a Zendesk JSON body field by field, so that every failure names
//! the endpoint, the record (by its Zendesk id when it has one) and the
//! field. A value quoted in an error came from the backend, so it is shown
//! escaped and sanitised, never as it arrived.
//!
//! Ids are read as `u64` from serde_json's integers, never through `f64`:
//! Zendesk ids can pass 2^53, where a float would round them to a neighbour.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::model::{FieldCap, SafeText};

/// The Zendesk endpoints keepers reads, as errors name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    TicketExport,
    Organizations,
    Users,
    TicketComments,
    SatisfactionRatings,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::TicketExport => "GET /api/v2/incremental/tickets/cursor.json",
            Endpoint::Organizations => "GET /api/v2/organizations.json",
            Endpoint::Users => "GET /api/v2/users.json",
            Endpoint::TicketComments => "GET /api/v2/tickets/{id}/comments.json",
            Endpoint::SatisfactionRatings => "GET /api/v2/satisfaction_ratings.json",
        })
    }
}

/// Where in a body something is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The page itself: its list of records or its cursor.
    Page,
    /// One record of the page's list: its kind ("ticket"), its Zendesk id
    /// when it has a usable one, and its position on the page, from 1.
    Record { kind: &'static str, id: Option<u64>, position: usize },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Page => f.write_str("the page"),
            Place::Record { kind, id: Some(id), .. } => write!(f, "{kind} {id}"),
            Place::Record { kind, id: None, position } => {
                write!(f, "{kind} number {position} of the page (it has no usable id)")
            }
        }
    }
}

/// A Zendesk body that cannot become records. The page is not written and
/// its cursor not stored, so the next sync asks for the same page again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "Zendesk {endpoint}: the body is not the JSON object expected (line {line}, column {column}): \
         {message}"
    )]
    Malformed { endpoint: Endpoint, line: usize, column: usize, message: SafeText },
    #[error("Zendesk {endpoint}: {place} has no field `{field}`")]
    Missing { endpoint: Endpoint, place: Place, field: &'static str },
    #[error("Zendesk {endpoint}: {place}: `{field}` is {value}, expected {expected}")]
    Unexpected {
        endpoint: Endpoint,
        place: Place,
        field: &'static str,
        value: SafeText,
        expected: &'static str,
    },
}

/// The top-level object of a body; anything else (a list, a truncated
/// body, an HTML error page) is [`DecodeError::Malformed`] with serde's
/// line and column.
pub fn parse(endpoint: Endpoint, body: &str) -> Result<Map<String, Value>, DecodeError> {
    serde_json::from_str(body).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let full = error.to_string();
        // serde_json ends its message with the position, which the error
        // already carries in its own fields.
        let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full);
        DecodeError::Malformed { endpoint, line, column, message: SafeText::line(message, FieldCap::COMMENT) }
    })
}

/// One JSON object of a body — the page or one of its records — with what
/// an error about it must say.
pub struct Reader<'a> {
    endpoint: Endpoint,
    place: Place,
    object: &'a Map<String, Value>,
}

impl<'a> Reader<'a> {
    /// The body's top-level object.
    pub fn page(endpoint: Endpoint, object: &'a Map<String, Value>) -> Reader<'a> {
        Reader { endpoint, place: Place::Page, object }
    }

    /// The record at `position` (from 1) of a page's list.
    pub fn record(
        endpoint: Endpoint,
        kind: &'static str,
        position: usize,
        value: &'a Value,
    ) -> Result<Reader<'a>, DecodeError> {
        let place = Place::Record { kind, id: value.get("id").and_then(Value::as_u64), position };
        match value {
            Value::Object(object) => Ok(Reader { endpoint, place, object }),
            other => Err(DecodeError::Unexpected {
                endpoint,
                place,
                field: "the record",
                value: shown(other),
                expected: "an object",
            }),
        }
    }

    pub fn missing(&self, field: &'static str) -> DecodeError {
        DecodeError::Missing { endpoint: self.endpoint, place: self.place.clone(), field }
    }

    pub fn unexpected(&self, field: &'static str, value: &Value, expected: &'static str) -> DecodeError {
        DecodeError::Unexpected {
            endpoint: self.endpoint,
            place: self.place.clone(),
            field,
            value: shown(value),
            expected,
        }
    }

    /// The value at a dotted path ("via.channel"); `None` when it, or an
    /// object on the way to it, is absent or null.
    fn get(&self, path: &'static str) -> Result<Option<&'a Value>, DecodeError> {
        let mut object = self.object;
        let mut start = 0;
        loop {
            let end = path[start..].find('.').map_or(path.len(), |offset| start + offset);
            let value = match object.get(&path[start..end]) {
                None | Some(Value::Null) => return Ok(None),
                Some(value) => value,
            };
            if end == path.len() {
                return Ok(Some(value));
            }
            object = value.as_object().ok_or_else(|| self.unexpected(&path[..end], value, "an object"))?;
            start = end + 1;
        }
    }

    fn required<T>(&self, path: &'static str, found: Option<T>) -> Result<T, DecodeError> {
        found.ok_or_else(|| self.missing(path))
    }

    /// The record's own Zendesk id.
    pub fn id(&self) -> Result<u64, DecodeError> {
        let id = self.optional_id("id")?;
        self.required("id", id)
    }

    /// A Zendesk id: a whole number from 0 to 2^64 − 1.
    pub fn optional_id(&self, path: &'static str) -> Result<Option<u64>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => {
                value.as_u64().map(Some).ok_or_else(|| self.unexpected(path, value, "a Zendesk id"))
            }
        }
    }

    pub fn optional_str(&self, path: &'static str) -> Result<Option<&'a str>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => value.as_str().map(Some).ok_or_else(|| self.unexpected(path, value, "a string")),
        }
    }

    pub fn required_str(&self, path: &'static str) -> Result<&'a str, DecodeError> {
        let text = self.optional_str(path)?;
        self.required(path, text)
    }

    pub fn optional_bool(&self, path: &'static str) -> Result<Option<bool>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => {
                value.as_bool().map(Some).ok_or_else(|| self.unexpected(path, value, "true or false"))
            }
        }
    }

    pub fn required_bool(&self, path: &'static str) -> Result<bool, DecodeError> {
        let flag = self.optional_bool(path)?;
        self.required(path, flag)
    }

    pub fn optional_timestamp(&self, path: &'static str) -> Result<Option<Timestamp>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => {
                value.as_str().and_then(|text| text.parse::<Timestamp>().ok()).map(Some).ok_or_else(|| {
                    self.unexpected(path, value, "an ISO 8601 time such as 2026-03-02T10:00:00Z")
                })
            }
        }
    }

    pub fn required_timestamp(&self, path: &'static str) -> Result<Timestamp, DecodeError> {
        let at = self.optional_timestamp(path)?;
        self.required(path, at)
    }

    /// A list the body must have, such as a page's `tickets`.
    pub fn list(&self, path: &'static str) -> Result<&'a [Value], DecodeError> {
        let items = self.optional_list(path)?;
        self.required(path, items)
    }

    pub fn optional_list(&self, path: &'static str) -> Result<Option<&'a [Value]>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(self.unexpected(path, other, "a list")),
        }
    }

    /// A list of strings, such as tags; empty when absent.
    pub fn strings(&self, path: &'static str) -> Result<Vec<&'a str>, DecodeError> {
        let items = self.optional_list(path)?.unwrap_or_default();
        items
            .iter()
            .map(|item| item.as_str().ok_or_else(|| self.unexpected(path, item, "a list of strings")))
            .collect()
    }

    /// A word of one of keepers' vocabularies, read from `path`'s text.
    pub fn word<T: FromStr>(
        &self,
        path: &'static str,
        raw: &str,
        expected: &'static str,
    ) -> Result<T, DecodeError> {
        raw.parse().map_err(|_| self.unexpected(path, &Value::from(raw), expected))
    }
}

/// A backend value as an error quotes it: JSON-escaped, so a control
/// character shows as `\u001b` rather than acting, sanitised and cut short.
fn shown(value: &Value) -> SafeText {
    SafeText::line(&value.to_string(), FieldCap::TOKEN)
}
