//! Reading a HubSpot CRM v3 list body, so that every failure names the
//! endpoint, the record (by its HubSpot id when it has one) and the field.
//! A value quoted in an error came from the backend, so it is shown escaped
//! and sanitised, never as it arrived.
//!
//! Every CRM object of the v3 API has the same shape — `id`, `properties`
//! (each value a string or null), `associations`, `createdAt` — so one
//! reader serves them all. Ids are text: HubSpot sends them as strings, and
//! keepers keeps them as they came.

use std::fmt;

use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::model::{FieldCap, SafeText};

/// The CRM objects keepers lists, each read from
/// `GET /crm/v3/objects/{object}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrmObject {
    Companies,
    Contacts,
    Deals,
    Tickets,
    FeedbackSubmissions,
    Notes,
    Calls,
    Emails,
    Meetings,
}

impl CrmObject {
    pub const ALL: [CrmObject; 9] = [
        CrmObject::Companies,
        CrmObject::Contacts,
        CrmObject::Deals,
        CrmObject::Tickets,
        CrmObject::FeedbackSubmissions,
        CrmObject::Notes,
        CrmObject::Calls,
        CrmObject::Emails,
        CrmObject::Meetings,
    ];

    /// The object's name in the API's paths and in `associations`.
    pub fn path_name(self) -> &'static str {
        match self {
            CrmObject::Companies => "companies",
            CrmObject::Contacts => "contacts",
            CrmObject::Deals => "deals",
            CrmObject::Tickets => "tickets",
            CrmObject::FeedbackSubmissions => "feedback_submissions",
            CrmObject::Notes => "notes",
            CrmObject::Calls => "calls",
            CrmObject::Emails => "emails",
            CrmObject::Meetings => "meetings",
        }
    }

    /// One record of it, as errors name it.
    fn record_kind(self) -> &'static str {
        match self {
            CrmObject::Companies => "company",
            CrmObject::Contacts => "contact",
            CrmObject::Deals => "deal",
            CrmObject::Tickets => "ticket",
            CrmObject::FeedbackSubmissions => "feedback submission",
            CrmObject::Notes => "note",
            CrmObject::Calls => "call",
            CrmObject::Emails => "e-mail",
            CrmObject::Meetings => "meeting",
        }
    }
}

impl fmt::Display for CrmObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GET /crm/v3/objects/{}", self.path_name())
    }
}

/// Where in a body something is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The page itself: its `results` or its `paging`.
    Page,
    /// One record of `results`: its kind, its HubSpot id when it has one
    /// that can be shown, and its position on the page, from 1.
    Record { kind: &'static str, id: Option<SafeText>, position: usize },
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

/// A HubSpot body that cannot become records. The page is not written and
/// its cursor not stored, so the next sync asks for the same page again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "HubSpot {endpoint}: the body is not the JSON object expected (line {line}, column {column}): \
         {message}"
    )]
    Malformed { endpoint: CrmObject, line: usize, column: usize, message: SafeText },
    #[error("HubSpot {endpoint}: {place} has no field `{field}`")]
    Missing { endpoint: CrmObject, place: Place, field: &'static str },
    #[error("HubSpot {endpoint}: {place}: `{field}` is {value}, expected {expected}")]
    Unexpected {
        endpoint: CrmObject,
        place: Place,
        field: &'static str,
        value: SafeText,
        expected: &'static str,
    },
}

/// A page of a v3 list: its records and the `after` cursor of the next
/// page, which HubSpot leaves out on the last page.
pub struct ListPage {
    pub results: Vec<Value>,
    pub after: Option<String>,
}

/// Reads a list body's top level; anything but an object with `results`
/// (a list, a truncated body, an HTML error page) is an error.
pub fn parse_list(endpoint: CrmObject, body: &str) -> Result<ListPage, DecodeError> {
    let mut top: Map<String, Value> = serde_json::from_str(body).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let full = error.to_string();
        // serde_json ends its message with the position, which the error
        // already carries in its own fields.
        let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full);
        DecodeError::Malformed { endpoint, line, column, message: SafeText::line(message, FieldCap::COMMENT) }
    })?;
    let after = match top.get("paging").and_then(|paging| paging.get("next")) {
        None | Some(Value::Null) => None,
        Some(next) => match next.get("after") {
            Some(Value::String(after)) if !after.is_empty() => Some(after.clone()),
            Some(other) => {
                return Err(DecodeError::Unexpected {
                    endpoint,
                    place: Place::Page,
                    field: "paging.next.after",
                    value: shown(other),
                    expected: "a cursor",
                });
            }
            None => {
                return Err(DecodeError::Missing {
                    endpoint,
                    place: Place::Page,
                    field: "paging.next.after",
                });
            }
        },
    };
    let results = match top.remove("results") {
        Some(Value::Array(results)) => results,
        None | Some(Value::Null) => {
            return Err(DecodeError::Missing { endpoint, place: Place::Page, field: "results" });
        }
        Some(other) => {
            return Err(DecodeError::Unexpected {
                endpoint,
                place: Place::Page,
                field: "results",
                value: shown(&other),
                expected: "a list",
            });
        }
    };
    Ok(ListPage { results, after })
}

/// One CRM object of a page's `results`.
pub struct Object<'a> {
    endpoint: CrmObject,
    place: Place,
    object: &'a Map<String, Value>,
    properties: Option<&'a Map<String, Value>>,
}

impl<'a> Object<'a> {
    /// The record at `position` (from 1) of the page.
    pub fn new(endpoint: CrmObject, position: usize, value: &'a Value) -> Result<Object<'a>, DecodeError> {
        let id = value.get("id").and_then(Value::as_str).map(|id| SafeText::line(id, FieldCap::TOKEN));
        let place = Place::Record { kind: endpoint.record_kind(), id, position };
        let Value::Object(object) = value else {
            return Err(DecodeError::Unexpected {
                endpoint,
                place,
                field: "the record",
                value: shown(value),
                expected: "an object",
            });
        };
        let mut record = Object { endpoint, place, object, properties: None };
        record.properties = match object.get("properties") {
            None | Some(Value::Null) => None,
            Some(Value::Object(properties)) => Some(properties),
            Some(other) => return Err(record.unexpected("properties", other, "an object")),
        };
        Ok(record)
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

    fn missing(&self, field: &'static str) -> DecodeError {
        DecodeError::Missing { endpoint: self.endpoint, place: self.place.clone(), field }
    }

    /// The record's own HubSpot id.
    pub fn id(&self) -> Result<SafeText, DecodeError> {
        match self.object.get("id") {
            Some(Value::String(id)) if !id.trim().is_empty() => {
                Ok(SafeText::line(id.trim(), FieldCap::TOKEN))
            }
            None | Some(Value::Null) => Err(self.missing("id")),
            Some(other) => Err(self.unexpected("id", other, "a HubSpot id")),
        }
    }

    /// A property's text; `None` when it is absent, null or empty (HubSpot
    /// sends an unset property as either).
    pub fn property(&self, name: &'static str) -> Result<Option<&'a str>, DecodeError> {
        match self.properties.and_then(|properties| properties.get(name)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(self.unexpected(name, other, "a string")),
        }
    }

    /// A property as one sanitised line, empty when unset.
    pub fn line(&self, name: &'static str, cap: FieldCap) -> Result<SafeText, DecodeError> {
        Ok(SafeText::line(self.property(name)?.unwrap_or_default().trim(), cap))
    }

    /// A date-time property: ISO 8601, or a bare date (midnight UTC), which
    /// is how HubSpot sends properties of its `date` type.
    pub fn timestamp(&self, name: &'static str) -> Result<Option<Timestamp>, DecodeError> {
        let Some(text) = self.property(name)? else { return Ok(None) };
        let text = text.trim();
        let at = text.parse::<Timestamp>().ok().or_else(|| {
            let day = text.parse::<jiff::civil::Date>().ok()?;
            day.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|zoned| zoned.timestamp())
        });
        at.map(Some).ok_or_else(|| {
            self.unexpected(name, &Value::from(text), "an ISO 8601 time such as 2026-03-02T10:00:00Z")
        })
    }

    /// When the record was made: its `createdate` property (`hs_createdate`
    /// on newer objects), else the object's `createdAt`.
    pub fn created_at(&self, property: &'static str) -> Result<Timestamp, DecodeError> {
        if let Some(at) = self.timestamp(property)? {
            return Ok(at);
        }
        match self.object.get("createdAt") {
            Some(Value::String(text)) => {
                text.parse().map_err(|_| self.unexpected("createdAt", &Value::from(text.as_str()), "a time"))
            }
            None | Some(Value::Null) => Err(self.missing(property)),
            Some(other) => Err(self.unexpected("createdAt", other, "a time")),
        }
    }

    /// The id of the record's associated `object` (asked for with
    /// `associations=`): the primary one when HubSpot marks it (its type
    /// has no label, e.g. `contact_to_company`), else the first listed.
    pub fn association(&self, object: CrmObject) -> Result<Option<SafeText>, DecodeError> {
        const FIELD: &str = "associations";
        let list = match self.object.get(FIELD).and_then(|all| all.get(object.path_name())) {
            None | Some(Value::Null) => return Ok(None),
            Some(linked) => match linked.get("results") {
                Some(Value::Array(list)) => list,
                None | Some(Value::Null) => return Ok(None),
                Some(other) => return Err(self.unexpected(FIELD, other, "a list of associations")),
            },
        };
        let unlabelled = |item: &&Value| {
            item.get("type").and_then(Value::as_str).is_some_and(|kind| !kind.ends_with("_unlabeled"))
        };
        let Some(chosen) = list.iter().find(unlabelled).or_else(|| list.first()) else { return Ok(None) };
        match chosen.get("id") {
            Some(Value::String(id)) if !id.trim().is_empty() => {
                Ok(Some(SafeText::line(id.trim(), FieldCap::TOKEN)))
            }
            _ => Err(self.unexpected(FIELD, chosen, "an association with an id")),
        }
    }
}

/// A backend value as an error quotes it: JSON-escaped, so a control
/// character shows as `\u001b` rather than acting, sanitised and cut short.
fn shown(value: &Value) -> SafeText {
    SafeText::line(&value.to_string(), FieldCap::TOKEN)
}
