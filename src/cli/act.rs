//! `keepers act …` — actions from a script, written as the console writes
//! them: each change with its outbox item in one transaction, as one batch
//! that `keepers act undo` takes back while it is still local — and
//! `keepers outbox`, the items waiting for (or kept from) a backend.

use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use std::time::Duration;

use super::args::{ActCommand, OutboxCommand};
use super::health::resolve_account;
use super::report::print_json;
use crate::connectors::freshdesk::Freshdesk;
use crate::connectors::hubspot::HubSpot;
use crate::connectors::router::Router;
use crate::connectors::zendesk::Zendesk;
use crate::connectors::{PushConfig, SourceConfig, connector_from_config};
use crate::model::time::due_day;
use crate::model::{
    Change, ContactId, FieldCap, LifecycleStage, MeddicElement, OutboxItem, OutboxState, SafeText, Source,
    SurveyId, TaskDraft, TaskId, TicketId, TicketPriority, TicketStatus, TicketUpdate, TouchpointChannel,
    UnknownValue,
};
use crate::playbooks::{Playbooks, RunError, run_triggers};
use crate::store::{Actor, Applied, BatchId, Keyed, Store, UndoOutcome};
use crate::sync::backoff::RandomDraws;
use crate::sync::pusher::push_all;

/// Runs one `keepers act` command as `actor`.
pub fn run(
    store: &Store,
    command: &ActCommand,
    actor: &str,
    backend: bool,
    pushes_to: &[Source],
    now: Timestamp,
    json: bool,
) -> Result<(), CliError> {
    let Some((changes, label)) = changes_of(store, command, actor, now, json)? else {
        return Ok(());
    };
    let keyed =
        changes.into_iter().map(Keyed::new).collect::<Result<Vec<_>, _>>().map_err(CliError::RandomSource)?;
    let name = SafeText::line(actor, FieldCap::NAME);
    // Without a [push] backend the items stay local.
    let applied = store.apply(&keyed, Actor { name: &name, at: now, backend, pushes_to }, &label)?;
    if applied.items.is_empty() {
        let reasons: Vec<&str> = applied.skipped.iter().map(|(_, reason)| reason.as_str()).collect();
        return Err(CliError::Usage(format!("nothing was changed: {}", reasons.join("; "))));
    }
    report(&applied, &label, json)
}

/// What a command asks for, as changes, with a label for the batch; an
/// undo is done here and asks for none.
fn changes_of(
    store: &Store,
    command: &ActCommand,
    actor: &str,
    now: Timestamp,
    json: bool,
) -> Result<Option<(Vec<Change>, String)>, CliError> {
    let account = |query: &str| resolve_account(store, query).map(|account| account.id);
    Ok(Some(match command {
        ActCommand::Note { account: query, text } => {
            let body = SafeText::multiline(&text.join(" "), FieldCap::COMMENT);
            if body.is_empty() {
                return Err(usage(
                    "the note is empty: give its text, e.g. keepers act note acme.com \"Called\"",
                ));
            }
            (vec![Change::Note { account: account(query)?, body }], "Note added".into())
        }
        ActCommand::Touch { account: query, channel, outcome, contact, summary } => {
            let channel: TouchpointChannel = word(channel)?;
            let outcome = SafeText::line(outcome, FieldCap::SUBJECT);
            if outcome.is_empty() {
                return Err(usage("--outcome is empty: say how it went, e.g. --outcome \"no answer\""));
            }
            let change = Change::Touchpoint {
                account: account(query)?,
                contact: contact.map(ContactId),
                channel,
                outcome,
                summary: SafeText::multiline(&summary.join(" "), FieldCap::COMMENT),
            };
            (vec![change], format!("{channel} logged"))
        }
        ActCommand::Task { account: query, title, due, owner } => {
            let title = SafeText::line(&title.join(" "), FieldCap::NAME);
            if title.is_empty() {
                return Err(usage(
                    "the task has no title, e.g. keepers act task acme.com \"Send the quote\"",
                ));
            }
            let due = due
                .as_deref()
                .map(|text| due_day(text, now))
                .transpose()
                .map_err(|why| CliError::Usage(format!("--due {why}")))?;
            let owner = SafeText::line(owner.as_deref().unwrap_or(actor), FieldCap::NAME);
            (
                vec![Change::AddTask(TaskDraft { account: account(query)?, title, owner, due })],
                "Task added".into(),
            )
        }
        ActCommand::Done { task } => (vec![Change::CompleteTask(TaskId(*task))], "Task done".into()),
        ActCommand::Snooze { task, until } => {
            let until =
                due_day(until, now).map_err(|why| CliError::Usage(format!("the day to snooze to {why}")))?;
            (vec![Change::SnoozeTask { task: TaskId(*task), until }], format!("Task snoozed to {until}"))
        }
        ActCommand::Reassign { task, owner } => {
            let owner = SafeText::line(owner, FieldCap::NAME);
            (
                vec![Change::ReassignTask { task: TaskId(*task), owner: owner.clone() }],
                format!("Task given to {owner}"),
            )
        }
        ActCommand::Stage { account: query, stage, reason } => {
            let stage: LifecycleStage = word(stage)?;
            let reason = SafeText::line(reason, FieldCap::SUBJECT);
            (
                vec![Change::SetStage { account: account(query)?, stage, reason }],
                format!("Stage set to {stage}"),
            )
        }
        ActCommand::Ticket { ticket, status, priority, assignee, note } => {
            let update = TicketUpdate {
                status: status.as_deref().map(word::<TicketStatus>).transpose()?,
                priority: priority.as_deref().map(word::<TicketPriority>).transpose()?,
                assignee: assignee.as_deref().map(|name| SafeText::line(name, FieldCap::NAME)),
            };
            let mut changes = Vec::new();
            if !update.is_empty() {
                changes.push(Change::UpdateTicket { ticket: TicketId(*ticket), update });
            }
            if let Some(note) = note {
                changes.push(Change::TicketNote {
                    ticket: TicketId(*ticket),
                    body: SafeText::multiline(note, FieldCap::COMMENT),
                });
            }
            if changes.is_empty() {
                return Err(usage("say what to change: --status, --priority, --assignee or --note"));
            }
            (changes, format!("Ticket #{ticket} updated"))
        }
        ActCommand::CloseLoop { survey, outcome } => {
            let outcome = SafeText::line(&outcome.join(" "), FieldCap::SUBJECT);
            (vec![Change::CloseLoop { survey: SurveyId(*survey), outcome }], "Loop closed".into())
        }
        ActCommand::Meddic { account: query, element, undone, evidence } => {
            let element: MeddicElement = word(element)?;
            let evidence = SafeText::line(&evidence.join(" "), FieldCap::SUBJECT);
            let change = Change::Meddic { account: account(query)?, element, done: !undone, evidence };
            (
                vec![change],
                format!("MEDDIC {} {}", element.title(), if *undone { "unticked" } else { "ticked" }),
            )
        }
        ActCommand::Merge { keep, duplicate, contacts: false } => {
            let change = Change::MergeAccounts { keep: account(keep)?, merge: account(duplicate)? };
            (vec![change], "Accounts merged".into())
        }
        ActCommand::Merge { keep, duplicate, contacts: true } => {
            let id = |text: &str| {
                text.trim_start_matches('#').parse::<i64>().map(ContactId).map_err(|_| {
                    usage(&format!("{text:?} is not a contact id: --contacts merges contacts by their ids"))
                })
            };
            (vec![Change::MergeContacts { keep: id(keep)?, merge: id(duplicate)? }], "Contacts merged".into())
        }
        ActCommand::Undo { batch } => {
            undo(store, *batch, now, json)?;
            return Ok(None);
        }
    }))
}

/// A word of one of the model's vocabularies (a stage, a channel, …).
fn word<W: std::str::FromStr<Err = UnknownValue>>(text: &str) -> Result<W, CliError> {
    text.parse().map_err(|error: UnknownValue| usage(&error.to_string()))
}

fn usage(message: &str) -> CliError {
    CliError::Usage(message.to_owned())
}

fn report(applied: &Applied, label: &str, json: bool) -> Result<(), CliError> {
    if json {
        print_json(&json!({
            "batch": applied.batch.map(|batch| batch.0),
            "id": applied.made.first().copied().flatten(),
            "outbox": applied.items.first().map(item_json),
            "items": applied.items.iter().map(item_json).collect::<Vec<_>>(),
            "skipped": applied.skipped.iter().map(|(_, reason)| reason).collect::<Vec<_>>(),
        }))?;
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let state = applied.items.first().map_or(OutboxState::Local, |item| item.state);
    let made = applied.made.first().copied().flatten().map(|id| format!(" (#{id})")).unwrap_or_default();
    writeln!(out, "{label}{made}: {}.", state.meaning())?;
    for (_, reason) in &applied.skipped {
        writeln!(out, "Skipped: {reason}.")?;
    }
    if let Some(batch) = applied.batch {
        writeln!(out, "`keepers act undo {}` takes it back while it is local.", batch.0)?;
    }
    Ok(())
}

fn undo(store: &Store, batch: Option<i64>, now: Timestamp, json: bool) -> Result<(), CliError> {
    let (batch, label) = match batch {
        Some(id) => (BatchId(id), format!("batch #{id}")),
        None => match store.last_undoable_batch()? {
            Some((batch, label)) => (batch, format!("{label} (batch #{})", batch.0)),
            None => return Err(usage("nothing to undo: every action has been pushed or undone")),
        },
    };
    let outcome = store.undo(batch, now)?;
    let undone = match outcome {
        UndoOutcome::Undone(count) => count,
        UndoOutcome::NotFound => return Err(usage(&format!("{label} does not exist or was undone already"))),
        UndoOutcome::AlreadySent(count) => {
            return Err(usage(&format!(
                "{label} cannot be undone: {count} of its items have been sent to the backend"
            )));
        }
    };
    if json {
        print_json(&json!({ "batch": batch.0, "undone": undone }))?;
    } else {
        writeln!(std::io::stdout().lock(), "Undone: {label}, {undone} change(s).")?;
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
            "#{:<6} {:<9} {} {} #{}  {}{}",
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

/// `keepers playbooks`: one run of the triggers.
pub fn playbooks(
    store: &Store,
    playbooks: &Playbooks,
    backend: bool,
    now: Timestamp,
    json: bool,
) -> Result<(), CliError> {
    let run = run_triggers(store, playbooks, now, backend).map_err(|error| match error {
        RunError::Store(error) => CliError::from(error),
        RunError::RandomSource(error) => CliError::RandomSource(error),
    })?;
    if json {
        print_json(&json!({
            "since": run.since.to_string(),
            "planned": run.planned,
            "created": run.created,
            "batch": run.batch.map(|batch| batch.0),
        }))?;
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "Playbooks read what happened since {}: {} task(s) asked for, {} new.",
            run.since.strftime("%Y-%m-%d %H:%M UTC"),
            run.planned,
            run.created
        )?;
        if let Some(batch) = run.batch {
            writeln!(out, "`keepers act undo {}` takes the new tasks back while they are local.", batch.0)?;
        }
    }
    Ok(())
}

/// `keepers outbox push|retry|discard`.
pub fn outbox_command(
    store: &Store,
    push: Option<&PushConfig>,
    sources: &[SourceConfig],
    command: &OutboxCommand,
    json: bool,
) -> Result<(), CliError> {
    let (item, done, verb) = match command {
        OutboxCommand::Push { patience } => {
            return push_now(store, push, sources, Duration::from_secs(*patience), json);
        }
        OutboxCommand::Retry { item } => (*item, store.retry_item(*item)?, "will be sent again"),
        OutboxCommand::Discard { item } => {
            (*item, store.discard_item(*item)?, "will not be pushed; its change stays")
        }
    };
    if !done {
        return Err(usage(&format!(
            "outbox item #{item} is not waiting or refused: see `keepers outbox` for the items and their states"
        )));
    }
    if json {
        print_json(
            &json!({ "item": item, "state": store.outbox_item(item)?.map(|item| item.state.as_str()) }),
        )?;
    } else {
        writeln!(std::io::stdout().lock(), "Outbox item #{item} {verb}.")?;
    }
    Ok(())
}

fn push_now(
    store: &Store,
    push: Option<&PushConfig>,
    sources: &[SourceConfig],
    patience: Duration,
    json: bool,
) -> Result<(), CliError> {
    let mut connector = Router::default();
    if let Some(push) = push {
        let webhook =
            connector_from_config(push).map_err(|error| CliError::Usage(format!("[push]: {error}")))?;
        connector.webhook = Some(webhook);
    }
    for source in sources {
        match source {
            SourceConfig::Zendesk(config) => {
                let zendesk =
                    Zendesk::from_config(config).map_err(|error| CliError::Usage(error.to_string()))?;
                connector.zendesk = Some(zendesk);
            }
            SourceConfig::Freshdesk(config) => {
                let freshdesk =
                    Freshdesk::from_config(config).map_err(|error| CliError::Usage(error.to_string()))?;
                connector.freshdesk = Some(freshdesk);
            }
            SourceConfig::Hubspot(config) => {
                let hubspot =
                    HubSpot::from_config(config).map_err(|error| CliError::Usage(error.to_string()))?;
                connector.hubspot = Some(hubspot);
            }
        }
    }
    if connector.is_empty() {
        return Err(usage(
            "no backend to push to: add a [push] table or a [[source]] to keepers.toml (see `keepers config --default`)",
        ));
    }
    let mut draws = RandomDraws::from_system().map_err(CliError::RandomSource)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let report = runtime.block_on(push_all(store, &connector, &mut draws, patience))?;
    let counts = store.outbox_counts()?;
    if json {
        print_json(&json!({
            "pushed": report.pushed,
            "retried": report.retried,
            "refused": report.refused,
            "pending": counts.pending,
            "failed": counts.failed,
        }))?;
    } else {
        writeln!(
            std::io::stdout().lock(),
            "Pushed {}, {} to retry, {} refused; {} still pending, {} refused in all (keepers outbox --failed).",
            report.pushed,
            report.retried,
            report.refused,
            counts.pending,
            counts.failed
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
        "batch": item.batch,
    })
}
