//! Reading a Freshdesk JSON body field by field, so that every failure names
//! the endpoint, the record (by its Freshdesk id when it has one) and the
//! field. Freshdesk answers a listing with a bare JSON list of records; a
//! body that is anything else is an error, not an empty page. A value quoted
//! in an error came from the backend, so it is shown JSON-escaped and
//! sanitised, never as it arrived.
//!
//! Ids are read as `u64` from serde_json's integers, never through `f64`:
//! Freshdesk ids on newer accounts run to eleven digits and more, and a
//! float would round an id past 2^53 to its neighbour.

use std::fmt;

use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::model::{FieldCap, SafeText};

/// The Freshdesk endpoints keepers reads, as errors name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Companies,
    Contacts,
    Tickets,
    SatisfactionRatings,
    Conversations,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::Companies => "GET /api/v2/companies",
            Endpoint::Contacts => "GET /api/v2/contacts",
            Endpoint::Tickets => "GET /api/v2/tickets",
            Endpoint::SatisfactionRatings => "GET /api/v2/surveys/satisfaction_ratings",
            Endpoint::Conversations => "GET /api/v2/tickets/{id}/conversations",
        })
    }
}

/// One record of a page: its kind ("ticket"), its Freshdesk id when it has
/// a usable one, and its position on the page, from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub kind: &'static str,
    pub id: Option<u64>,
    pub position: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) => write!(f, "{} {id}", self.kind),
            None => write!(f, "{} number {} of the page (it has no usable id)", self.kind, self.position),
        }
    }
}

/// A Freshdesk body that cannot become records. Its page is not written and
/// the cursor not moved, so the next sync asks for the same page again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("Freshdesk {endpoint}: the body is not JSON (line {line}, column {column}): {message}")]
    Malformed { endpoint: Endpoint, line: usize, column: usize, message: SafeText },
    #[error("Freshdesk {endpoint}: the body is {found}, expected a list of records")]
    NotAList { endpoint: Endpoint, found: SafeText },
    #[error("Freshdesk {endpoint}: {place} has no field `{field}`")]
    Missing { endpoint: Endpoint, place: Place, field: &'static str },
    #[error("Freshdesk {endpoint}: {place}: `{field}` is {value}, expected {expected}")]
    Unexpected {
        endpoint: Endpoint,
        place: Place,
        field: &'static str,
        value: SafeText,
        expected: &'static str,
    },
}

/// The list of records a listing's body holds; anything else (an object, a
/// truncated body, an HTML error page) is an error with serde's line and
/// column where it has them.
pub fn parse_list(endpoint: Endpoint, body: &str) -> Result<Vec<Value>, DecodeError> {
    let value: Value = serde_json::from_str(body).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let full = error.to_string();
        // serde_json ends its message with the position, which the error
        // already carries in its own fields.
        let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full);
        DecodeError::Malformed { endpoint, line, column, message: SafeText::line(message, FieldCap::COMMENT) }
    })?;
    match value {
        Value::Array(records) => Ok(records),
        other => Err(DecodeError::NotAList { endpoint, found: shown(&other) }),
    }
}

/// One record of a listing, with what an error about it must say.
pub struct Reader<'a> {
    endpoint: Endpoint,
    place: Place,
    object: &'a Map<String, Value>,
}

impl<'a> Reader<'a> {
    /// The record at `position` (from 1) of a page's list.
    pub fn record(
        endpoint: Endpoint,
        kind: &'static str,
        position: usize,
        value: &'a Value,
    ) -> Result<Reader<'a>, DecodeError> {
        let place = Place { kind, id: value.get("id").and_then(Value::as_u64), position };
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

    pub fn unexpected(&self, field: &'static str, value: &Value, expected: &'static str) -> DecodeError {
        DecodeError::Unexpected {
            endpoint: self.endpoint,
            place: self.place.clone(),
            field,
            value: shown(value),
            expected,
        }
    }

    /// The value at a dotted path ("ratings.default_question"); `None` when
    /// it, or an object on the way to it, is absent or null.
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
        found.ok_or_else(|| DecodeError::Missing {
            endpoint: self.endpoint,
            place: self.place.clone(),
            field: path,
        })
    }

    /// The record's own Freshdesk id.
    pub fn id(&self) -> Result<u64, DecodeError> {
        let id = self.optional_id("id")?;
        self.required("id", id)
    }

    /// A Freshdesk id: a whole number from 0 to 2^64 − 1.
    pub fn optional_id(&self, path: &'static str) -> Result<Option<u64>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => {
                value.as_u64().map(Some).ok_or_else(|| self.unexpected(path, value, "a Freshdesk id"))
            }
        }
    }

    /// One of Freshdesk's numeric codes (a status, a priority, a rating).
    pub fn optional_code(&self, path: &'static str) -> Result<Option<i64>, DecodeError> {
        match self.get(path)? {
            None => Ok(None),
            Some(value) => {
                value.as_i64().map(Some).ok_or_else(|| self.unexpected(path, value, "a whole number"))
            }
        }
    }

    pub fn required_code(&self, path: &'static str) -> Result<i64, DecodeError> {
        let code = self.optional_code(path)?;
        self.required(path, code)
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

    pub fn required_timestamp(&self, path: &'static str) -> Result<Timestamp, DecodeError> {
        let at = match self.get(path)? {
            None => None,
            Some(value) => {
                Some(value.as_str().and_then(|text| text.parse::<Timestamp>().ok()).ok_or_else(|| {
                    self.unexpected(path, value, "an ISO 8601 time such as 2026-03-02T10:00:00Z")
                })?)
            }
        };
        self.required(path, at)
    }

    /// A list of strings, such as a company's domains; empty when absent.
    pub fn strings(&self, path: &'static str) -> Result<Vec<&'a str>, DecodeError> {
        let items = match self.get(path)? {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => return Err(self.unexpected(path, other, "a list of strings")),
        };
        items
            .iter()
            .map(|item| item.as_str().ok_or_else(|| self.unexpected(path, item, "a list of strings")))
            .collect()
    }
}

/// A backend value as an error quotes it: JSON-escaped, so a control
/// character shows as `\u001b` rather than acting, sanitised and cut short.
fn shown(value: &Value) -> SafeText {
    SafeText::line(&value.to_string(), FieldCap::TOKEN)
}
