//! What keepers sends HubSpot for an outbox item: a note, a task or a call
//! created under the company the account came from (`payload.external`),
//! with the association in the same request, as HubSpot's CRM v3 object
//! endpoints take it. Pure: the client sends what this builds.
//!
//! | action | endpoint | association type (to company, to contact) |
//! |---|---|---|
//! | note | `POST /crm/v3/objects/notes` | 190, — |
//! | task | `POST /crm/v3/objects/tasks` | 192, — |
//! | touchpoint by call | `POST /crm/v3/objects/calls` | 182, 194 |
//! | any other touchpoint | `POST /crm/v3/objects/notes` | 190, 202 |

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::decode::CALL_DISPOSITIONS;

/// The actions HubSpot takes; the router sends it no other.
pub const PUSHED_ACTIONS: [&str; 3] = ["note", "task", "touchpoint"];

/// HubSpot's own (`HUBSPOT_DEFINED`) association type ids, from its
/// associations documentation.
const NOTE_TO_COMPANY: u32 = 190;
const NOTE_TO_CONTACT: u32 = 202;
const TASK_TO_COMPANY: u32 = 192;
const CALL_TO_COMPANY: u32 = 182;
const CALL_TO_CONTACT: u32 = 194;

/// A request to make: the endpoint's path and its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Creation {
    pub path: &'static str,
    pub body: Value,
}

/// The request that creates `action`'s record in HubSpot, or why HubSpot
/// cannot take it. `created_at` is when the action was taken.
pub fn creation(action: &str, payload: &Value, created_at: Timestamp) -> Result<Creation, String> {
    let Some(company) = payload["external"]["id"].as_str().filter(|id| !id.trim().is_empty()) else {
        return Err("the item names no HubSpot company".into());
    };
    let contact = payload["contact_external"]["id"].as_str().filter(|id| !id.trim().is_empty());
    let at = created_at.to_string();
    match action {
        "note" => {
            let body = html(payload["body"].as_str().unwrap_or_default());
            Ok(Creation {
                path: "/crm/v3/objects/notes",
                body: json!({
                    "properties": { "hs_note_body": body, "hs_timestamp": at },
                    "associations": [association(company, NOTE_TO_COMPANY)],
                }),
            })
        }
        "task" => task(payload, company, &at),
        "touchpoint" if payload["channel"] == "call" => Ok(call(payload, company, contact, &at)),
        "touchpoint" => {
            let mut associations = vec![association(company, NOTE_TO_COMPANY)];
            associations.extend(contact.map(|contact| association(contact, NOTE_TO_CONTACT)));
            let channel = payload["channel"].as_str().unwrap_or("touchpoint");
            Ok(Creation {
                path: "/crm/v3/objects/notes",
                body: json!({
                    "properties": { "hs_note_body": touchpoint_text(channel, payload), "hs_timestamp": at },
                    "associations": associations,
                }),
            })
        }
        other => Err(format!("HubSpot takes notes, tasks and calls, not {other}")),
    }
}

fn task(payload: &Value, company: &str, created_at: &str) -> Result<Creation, String> {
    // A task's hs_timestamp is its due date. Noon UTC keeps the due day the
    // same day on the calendars of portals from UTC-11 to UTC+11.
    let due = match payload["due"].as_str() {
        Some(day) => {
            let day: Date = day.parse().map_err(|_| format!("the task's due day {day:?} is not a date"))?;
            TimeZone::UTC
                .to_timestamp(day.at(12, 0, 0, 0))
                .map_err(|error| format!("the task's due day {day}: {error}"))?
                .to_string()
        }
        None => created_at.to_owned(),
    };
    let mut properties = json!({
        "hs_task_subject": payload["title"].as_str().unwrap_or_default(),
        "hs_task_status": "NOT_STARTED",
        "hs_timestamp": due,
    });
    // An owner synced from HubSpot reads "owner 81234567": HubSpot takes
    // them back by id; any other name is keepers' own.
    let owner = payload["owner"].as_str().and_then(|owner| owner.strip_prefix("owner "));
    if let Some(owner) = owner.filter(|id| id.parse::<u64>().is_ok()) {
        properties["hubspot_owner_id"] = owner.into();
    }
    Ok(Creation {
        path: "/crm/v3/objects/tasks",
        body: json!({ "properties": properties, "associations": [association(company, TASK_TO_COMPANY)] }),
    })
}

/// A call, its outcome as one of HubSpot's default call outcomes when it is
/// one; any other outcome has no id HubSpot would know, so it goes in the
/// body.
fn call(payload: &Value, company: &str, contact: Option<&str>, at: &str) -> Creation {
    let outcome = payload["outcome"].as_str().unwrap_or_default().trim();
    let disposition = CALL_DISPOSITIONS.iter().find(|(_, label)| label.eq_ignore_ascii_case(outcome));
    let summary = payload["summary"].as_str().unwrap_or_default();
    let mut properties = match disposition {
        Some((id, _)) => json!({ "hs_call_body": html(summary), "hs_call_disposition": id }),
        None => json!({ "hs_call_body": touchpoint_text("call", payload) }),
    };
    properties["hs_call_status"] = "COMPLETED".into();
    properties["hs_timestamp"] = at.into();
    let mut associations = vec![association(company, CALL_TO_COMPANY)];
    associations.extend(contact.map(|contact| association(contact, CALL_TO_CONTACT)));
    Creation {
        path: "/crm/v3/objects/calls",
        body: json!({ "properties": properties, "associations": associations }),
    }
}

/// A touchpoint told in a body: "Meeting: renewal agreed" over its summary.
fn touchpoint_text(channel: &str, payload: &Value) -> String {
    let outcome = payload["outcome"].as_str().unwrap_or_default().trim();
    let summary = payload["summary"].as_str().unwrap_or_default();
    let mut heading = channel.to_owned();
    if let Some(first) = heading.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !outcome.is_empty() {
        heading = format!("{heading}: {outcome}");
    }
    if summary.trim().is_empty() { html(&heading) } else { html(&format!("{heading}\n\n{summary}")) }
}

fn association(id: &str, type_id: u32) -> Value {
    json!({
        "to": { "id": id },
        "types": [ { "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id } ],
    })
}

/// Plain text as the HTML HubSpot shows bodies as: its markup characters
/// escaped, so a "<" typed stays a "<", and its lines kept.
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-11-25T12:00:00Z".parse().expect("an instant")
    }

    fn company() -> Value {
        json!({ "source": "hubspot", "id": "5312700201" })
    }

    #[test]
    fn a_note_is_created_under_its_company_with_its_lines_and_markup_kept() {
        let payload = json!({ "body": "Renewal <soon>\nSend the quote", "external": company() });
        let note = creation("note", &payload, at()).expect("a note");
        assert_eq!(note.path, "/crm/v3/objects/notes");
        assert_eq!(note.body["properties"]["hs_note_body"], "Renewal &lt;soon&gt;<br>Send the quote");
        assert_eq!(note.body["properties"]["hs_timestamp"], "2026-11-25T12:00:00Z");
        assert_eq!(note.body["associations"], json!([association("5312700201", NOTE_TO_COMPANY)]));
    }

    #[test]
    fn a_task_is_due_on_its_day_and_keeps_a_hubspot_owner() {
        let payload = json!({ "title": "Send the quote", "owner": "owner 81234567", "due": "2026-12-01",
                              "external": company() });
        let task = creation("task", &payload, at()).expect("a task");
        assert_eq!(task.path, "/crm/v3/objects/tasks");
        assert_eq!(
            task.body["properties"],
            json!({ "hs_task_subject": "Send the quote", "hs_task_status": "NOT_STARTED",
                    "hs_timestamp": "2026-12-01T12:00:00Z", "hubspot_owner_id": "81234567" })
        );
        let local_owner = json!({ "title": "t", "owner": "Ann", "due": null, "external": company() });
        let task = creation("task", &local_owner, at()).expect("a task");
        assert_eq!(task.body["properties"]["hs_timestamp"], "2026-11-25T12:00:00Z", "undated: now");
        assert!(task.body["properties"].get("hubspot_owner_id").is_none());
        let bad = json!({ "title": "t", "due": "someday", "external": company() });
        assert!(creation("task", &bad, at()).is_err());
    }

    #[test]
    fn a_call_names_a_default_outcome_by_id_and_any_other_in_its_body() {
        let mut payload = json!({ "channel": "call", "outcome": "No answer", "summary": "Tried twice",
                                  "external": company(), "contact_external": { "source": "hubspot", "id": "52" } });
        let call = creation("touchpoint", &payload, at()).expect("a call");
        assert_eq!(call.path, "/crm/v3/objects/calls");
        assert_eq!(call.body["properties"]["hs_call_disposition"], "73a0d17f-1163-4015-bdd5-ec830791da20");
        assert_eq!(call.body["properties"]["hs_call_body"], "Tried twice");
        assert_eq!(call.body["associations"][1], association("52", CALL_TO_CONTACT));
        payload["outcome"] = "renewal agreed".into();
        let call = creation("touchpoint", &payload, at()).expect("a call");
        assert!(call.body["properties"].get("hs_call_disposition").is_none());
        assert_eq!(call.body["properties"]["hs_call_body"], "Call: renewal agreed<br><br>Tried twice");
    }

    #[test]
    fn other_touchpoints_are_notes_and_other_actions_are_refused() {
        let meeting = json!({ "channel": "meeting", "outcome": "", "summary": "QBR", "external": company() });
        let note = creation("touchpoint", &meeting, at()).expect("a note");
        assert_eq!(note.path, "/crm/v3/objects/notes");
        assert_eq!(note.body["properties"]["hs_note_body"], "Meeting<br><br>QBR");
        let refused = creation("stage", &json!({ "external": company() }), at()).expect_err("refused");
        assert_eq!(refused, "HubSpot takes notes, tasks and calls, not stage");
        let nowhere = creation("note", &json!({ "body": "x" }), at()).expect_err("no company");
        assert_eq!(nowhere, "the item names no HubSpot company");
    }
}
