//! `keepers act note|task|done` — actions from a script, written as the
//! console writes them: the change and its outbox item in one transaction —
//! and `keepers outbox`, the items waiting for (or kept from) a backend.

use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::health::resolve_account;
use super::report::print_json;
use crate::model::time::due_day;
use crate::model::{FieldCap, IdempotencyKey, OutboxItem, OutboxState, SafeText, TaskId};
use crate::store::{Store, TaskDraft};

pub fn note(
    store: &Store,
    account: &str,
    text: &str,
    author: &str,
    now: Timestamp,
    json: bool,
) -> Result<(), CliError> {
    let body = SafeText::multiline(text, FieldCap::COMMENT);
    if body.is_empty() {
        return Err(CliError::Usage(
            "the note is empty: give its text, e.g. keepers act note acme.com \"Called\"".into(),
        ));
    }
    let account = resolve_account(store, account)?;
    let key = IdempotencyKey::random().map_err(CliError::RandomSource)?;
    let author = SafeText::line(author, FieldCap::NAME);
    // No backend is connected yet: the note stays in this workspace.
    let (note, item) = store.add_note(account.id, &author, &body, now, &key, false)?;
    if json {
        print_json(&json!({
            "note_id": note.0,
            "account_id": account.id.0,
            "outbox": item_json(&item),
        }))?;
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(out, "Added note #{} to {} ({}).", note.0, account.name, item.state.meaning())?;
    }
    Ok(())
}

/// A task as `keepers act task` is asked for it.
pub struct NewTask<'a> {
    pub account: &'a str,
    pub title: &'a str,
    /// A day (2026-12-01) or days from today (7d).
    pub due: Option<&'a str>,
    pub owner: &'a str,
}

pub fn task(store: &Store, new: &NewTask<'_>, now: Timestamp, json: bool) -> Result<(), CliError> {
    let title = SafeText::line(new.title, FieldCap::NAME);
    if title.is_empty() {
        return Err(CliError::Usage(
            "the task has no title, e.g. keepers act task acme.com \"Send the quote\"".into(),
        ));
    }
    let due = new
        .due
        .map(|text| due_day(text, now))
        .transpose()
        .map_err(|why| CliError::Usage(format!("--due {why}")))?;
    let account = resolve_account(store, new.account)?;
    let key = IdempotencyKey::random().map_err(CliError::RandomSource)?;
    let draft =
        TaskDraft { account: account.id, title, owner: SafeText::line(new.owner, FieldCap::NAME), due };
    let (task, item) = store.add_task(&draft, now, &key, false)?;
    if json {
        print_json(&json!({ "task_id": task.0, "account_id": account.id.0, "outbox": item_json(&item) }))?;
    } else {
        let due = due.map(|day| format!(", due {day}")).unwrap_or_default();
        writeln!(
            std::io::stdout().lock(),
            "Added task #{} to {}{due} ({}).",
            task.0,
            account.name,
            item.state.meaning()
        )?;
    }
    Ok(())
}

pub fn done(store: &Store, task: i64, now: Timestamp, json: bool) -> Result<(), CliError> {
    let key = IdempotencyKey::random().map_err(CliError::RandomSource)?;
    let Some(item) = store.complete_task(TaskId(task), now, &key, false)? else {
        return Err(CliError::Usage(format!("no open task #{task}: it does not exist or is done already")));
    };
    if json {
        print_json(&json!({ "task_id": task, "outbox": item_json(&item) }))?;
    } else {
        writeln!(std::io::stdout().lock(), "Task #{task} is done ({}).", item.state.meaning())?;
    }
    Ok(())
}

pub fn outbox(store: &Store, failed: bool, json: bool) -> Result<(), CliError> {
    let items = store.outbox(failed.then_some(OutboxState::Failed))?;
    if json {
        print_json(&json!({ "items": items.iter().map(item_json).collect::<Vec<_>>() }))?;
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    if items.is_empty() {
        writeln!(out, "The outbox is empty.")?;
    }
    for item in &items {
        writeln!(
            out,
            "#{:<6} {:<8} {} {} #{}  {}{}",
            item.id,
            item.state.as_str(),
            item.action,
            item.record_kind,
            item.record_id,
            item.key,
            item.last_error.as_ref().map(|error| format!("  — {error}")).unwrap_or_default()
        )?;
    }
    Ok(())
}

fn item_json(item: &OutboxItem) -> serde_json::Value {
    json!({
        "id": item.id,
        "idempotency_key": item.key.as_str(),
        "record_kind": item.record_kind,
        "record_id": item.record_id,
        "action": item.action,
        "payload": serde_json::from_str::<serde_json::Value>(&item.payload).unwrap_or(serde_json::Value::Null),
        "state": item.state.as_str(),
        "attempts": item.attempts,
        "last_error": item.last_error,
        "created_at": item.created_at.to_string(),
    })
}
