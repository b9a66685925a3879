//! Reading HubSpot's large objects (companies, contacts, deals, tickets)
//! incrementally, through the CRM search endpoint: what changed since the
//! last sync, oldest change first (`POST /crm/v3/objects/{object}/search`,
//! filtered on the last-modified date, 100 a page with `after`).
//!
//! Search has two limits the lists do not. It stops at 10,000 results a
//! query, so before reaching that the next query starts a new window at the
//! newest change read (records at its boundary come again and are upserted,
//! harmlessly). And its results carry no associations, so each page's
//! companies (and a ticket's contacts) are read with the v4 associations
//! batch endpoint and put where the list endpoint would have them, for the
//! same decoding.
//!
//! A cursor is `{since}|{after}`: the window's start in milliseconds, and
//! where in it the next page starts (empty: its first page).

use jiff::Timestamp;
use serde_json::{Value, json};

use super::decode::properties;
use super::reader::CrmObject;

/// The most results one search query pages through.
pub const SEARCH_CAP: u64 = 10_000;
/// Results a search page asks for: the most it gives.
pub const SEARCH_PAGE: u64 = 100;

/// Whether `object` is read through search (incrementally).
pub fn searched(object: CrmObject) -> bool {
    matches!(object, CrmObject::Companies | CrmObject::Contacts | CrmObject::Deals | CrmObject::Tickets)
}

/// The objects a searched object's records are associated with.
pub fn associated(object: CrmObject) -> &'static [CrmObject] {
    match object {
        CrmObject::Contacts | CrmObject::Deals => &[CrmObject::Companies],
        CrmObject::Tickets => &[CrmObject::Companies, CrmObject::Contacts],
        _ => &[],
    }
}

/// The property that says when a record last changed: contacts name it
/// differently from the other objects.
fn modified(object: CrmObject) -> &'static str {
    if object == CrmObject::Contacts { "lastmodifieddate" } else { "hs_lastmodifieddate" }
}

/// Where a search stands: the window's start and the page in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCursor {
    pub since_ms: i64,
    pub after: Option<u64>,
}

impl SearchCursor {
    /// The stored cursor; `None` (the first sync) reads everything.
    pub fn parse(cursor: Option<&str>) -> Result<SearchCursor, String> {
        let Some(text) = cursor else { return Ok(SearchCursor { since_ms: 0, after: None }) };
        let (since, after) =
            text.split_once('|').ok_or_else(|| format!("cursor {text:?} is not since|after"))?;
        let since_ms =
            since.parse().map_err(|_| format!("cursor {text:?}: {since:?} is not a time in ms"))?;
        let after = match after {
            "" => None,
            after => {
                Some(after.parse().map_err(|_| format!("cursor {text:?}: {after:?} is not a position"))?)
            }
        };
        Ok(SearchCursor { since_ms, after })
    }

    pub fn text(&self) -> String {
        format!("{}|{}", self.since_ms, self.after.map(|after| after.to_string()).unwrap_or_default())
    }
}

/// The search request for the page at `cursor`.
pub fn search_body(object: CrmObject, cursor: &SearchCursor) -> Value {
    let mut body = json!({
        "filterGroups": [{ "filters": [
            { "propertyName": modified(object), "operator": "GTE", "value": cursor.since_ms.to_string() }
        ] }],
        "sorts": [{ "propertyName": modified(object), "direction": "ASCENDING" }],
        "properties": properties(object),
        "limit": SEARCH_PAGE,
    });
    if let Some(after) = cursor.after {
        body["after"] = Value::from(after.to_string());
    }
    body
}

/// The ids of a search page's results, for the associations request.
pub fn result_ids(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .map(|results| results.iter().filter_map(|result| result["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// The associations batch request for `ids`.
pub fn associations_body(ids: &[String]) -> Value {
    json!({ "inputs": ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>() })
}

/// Puts the associations a v4 batch read gave (`results: [{from: {id}, to:
/// [{toObjectId, associationTypes: [{label}]}]}]`) into each search result
/// as the list endpoint has them: `associations.{to}.results: [{id, type}]`,
/// the primary one typed as such.
pub fn attach_associations(page: &mut Value, to: CrmObject, batch: &Value) {
    let links = batch["results"].as_array().cloned().unwrap_or_default();
    let Some(results) = page["results"].as_array_mut() else { return };
    for result in results {
        let id = result["id"].as_str().unwrap_or_default().to_owned();
        let linked: Vec<Value> = links
            .iter()
            .filter(|link| link["from"]["id"].as_str() == Some(id.as_str()))
            .flat_map(|link| link["to"].as_array().cloned().unwrap_or_default())
            .map(|target| {
                let primary = target["associationTypes"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind["label"].as_str() == Some("Primary")));
                let id = match &target["toObjectId"] {
                    Value::Number(number) => number.to_string(),
                    Value::String(text) => text.clone(),
                    _ => String::new(),
                };
                json!({ "id": id, "type": if primary { "primary" } else { "association_unlabeled" } })
            })
            .collect();
        result["associations"][to.path_name()] = json!({ "results": linked });
    }
}

/// The cursor after a page and whether the stream ends with it: the next
/// page of the window; a new window from the newest change read when the
/// next page would pass the cap; at the end, a window from the newest
/// change, kept for the next sync.
pub fn next_cursor(cursor: &SearchCursor, page: &Value) -> (SearchCursor, bool) {
    let newest = page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|result| result["updatedAt"].as_str()?.parse::<Timestamp>().ok())
        .map(|at| at.as_millisecond())
        .max()
        .map_or(cursor.since_ms, |newest| newest.max(cursor.since_ms));
    let next = page["paging"]["next"]["after"].as_str().and_then(|after| after.parse::<u64>().ok());
    match next {
        Some(after) if after + SEARCH_PAGE <= SEARCH_CAP => {
            (SearchCursor { since_ms: cursor.since_ms, after: Some(after) }, false)
        }
        Some(_) => (SearchCursor { since_ms: newest, after: None }, false),
        None => (SearchCursor { since_ms: newest, after: None }, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_a_first_sync_reads_everything() {
        assert_eq!(SearchCursor::parse(None), Ok(SearchCursor { since_ms: 0, after: None }));
        let cursor = SearchCursor { since_ms: 1_772_445_600_000, after: Some(300) };
        assert_eq!(SearchCursor::parse(Some(&cursor.text())), Ok(cursor));
        assert!(SearchCursor::parse(Some("yesterday")).is_err());
    }

    #[test]
    fn the_window_moves_before_the_cap_and_ends_at_the_newest_change() {
        let start = SearchCursor { since_ms: 1_000, after: None };
        let page = |after: Option<&str>| {
            json!({
                "results": [ { "id": "1", "updatedAt": "2026-03-02T10:00:00Z" },
                             { "id": "2", "updatedAt": "2026-03-02T11:00:00Z" } ],
                "paging": after.map(|after| json!({ "next": { "after": after } }))
            })
        };
        let newest: i64 = "2026-03-02T11:00:00Z".parse::<Timestamp>().expect("a time").as_millisecond();
        assert_eq!(
            next_cursor(&start, &page(Some("100"))),
            (SearchCursor { since_ms: 1_000, after: Some(100) }, false)
        );
        assert_eq!(
            next_cursor(&start, &page(Some("9900"))),
            (SearchCursor { since_ms: 1_000, after: Some(9_900) }, false)
        );
        assert_eq!(
            next_cursor(&start, &page(Some("10000"))),
            (SearchCursor { since_ms: newest, after: None }, false)
        );
        assert_eq!(next_cursor(&start, &page(None)), (SearchCursor { since_ms: newest, after: None }, true));
    }

    #[test]
    fn associations_land_where_the_list_endpoint_has_them() {
        let mut page = json!({ "results": [ { "id": "11" }, { "id": "12" } ] });
        let batch = json!({ "results": [ { "from": { "id": "11" }, "to": [
            { "toObjectId": 501, "associationTypes": [ { "category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary" } ] },
            { "toObjectId": 502, "associationTypes": [ { "category": "HUBSPOT_DEFINED", "typeId": 279, "label": null } ] }
        ] } ] });
        attach_associations(&mut page, CrmObject::Companies, &batch);
        assert_eq!(
            page["results"][0]["associations"]["companies"]["results"][0],
            json!({ "id": "501", "type": "primary" })
        );
        assert_eq!(page["results"][1]["associations"]["companies"]["results"], json!([]));
        assert_eq!(result_ids(&page), ["11", "12"]);
    }
}
