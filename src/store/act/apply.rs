//! Each kind of [`Change`] applied to the workspace: the rows it writes, the
//! payload a backend is sent, and how to take it back. A change that has
//! nothing to do says why instead (`Err(reason)`), and writes nothing.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::undo::{Made, Undo};
use super::{Actor, Written, merge};
use crate::model::{
    AccountId, Change, CommentId, ContactId, LifecycleStage, Note, NoteId, SafeText, Source, StageChange,
    Task, TaskDraft, TaskId, TaskStatus, TicketComment, TicketId, TicketStatus, TicketUpdate,
};
use crate::store::codec::{DayText, StoredWord};
use crate::store::{BulkWriter, StoreError};

/// The change applied, or why there was nothing to do.
pub(super) type Outcome = Result<Written, String>;

pub(super) fn apply_one(
    writer: &mut BulkWriter<'_>,
    change: &Change,
    actor: Actor<'_>,
) -> Result<Outcome, StoreError> {
    match change {
        Change::Note { account, body } => {
            if !exists(writer, "accounts", account.0)? {
                return Ok(Err(format!("account #{account} does not exist")));
            }
            let note = writer.insert_note(&Note {
                id: NoteId(0),
                account_id: *account,
                author: actor.name.clone(),
                body: body.clone(),
                created_at: actor.at,
            })?;
            let payload = json!({ "note_id": note.0, "author": actor.name.as_str(), "body": body.as_str() });
            let (pushed_to, payload) = with_company_ref(writer, *account, payload)?;
            Ok(Ok(Written { pushed_to, ..made(payload, Made::Note, note.0) }))
        }
        Change::Touchpoint { account, contact, channel, outcome, summary } => {
            if !exists(writer, "accounts", account.0)? {
                return Ok(Err(format!("account #{account} does not exist")));
            }
            writer.transaction().execute(
                "INSERT INTO touchpoints (account_id, contact_id, channel, outcome, summary, author, happened_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    account.0,
                    contact.map(|contact| contact.0),
                    channel.as_str(),
                    outcome.as_str(),
                    summary.as_str(),
                    actor.name.as_str(),
                    actor.at.as_second()
                ],
            )?;
            let id = writer.transaction().last_insert_rowid();
            let mut payload = json!({
                "touchpoint_id": id,
                "contact_id": contact.map(|contact| contact.0),
                "channel": channel.as_str(),
                "outcome": outcome.as_str(),
                "summary": summary.as_str(),
                "author": actor.name.as_str(),
            });
            if let Some(contact) = hubspot_contact(writer, *contact)? {
                payload["contact_external"] = json!({ "source": Source::Hubspot.as_str(), "id": contact });
            }
            let (pushed_to, payload) = with_company_ref(writer, *account, payload)?;
            Ok(Ok(Written { pushed_to, ..made(payload, Made::Touchpoint, id) }))
        }
        Change::AddTask(draft) => add_task(writer, draft, actor),
        Change::PlaybookTask { draft, playbook, trigger_key } => {
            playbook_task(writer, draft, playbook, trigger_key, actor)
        }
        Change::CompleteTask(task) => complete_task(writer, *task, actor),
        Change::SnoozeTask { task, until } => {
            let Some(before) = task_state(writer, *task)? else {
                return Ok(Err(format!("task #{} does not exist", task.0)));
            };
            if before.status == TaskStatus::Done.canonical() {
                return Ok(Err(format!("task #{} is done already", task.0)));
            }
            writer.transaction().execute(
                "UPDATE tasks SET status = ?1, due = ?2 WHERE id = ?3",
                params![TaskStatus::Snoozed.canonical(), DayText::new(*until, "tasks", "due")?, task.0],
            )?;
            let payload = json!({ "task_id": task.0, "until": until.to_string() });
            Ok(Ok(Written {
                payload,
                undo: Undo::TaskSchedule { id: task.0, status: before.status, due: before.due },
                made: None,
                pushed_to: None,
            }))
        }
        Change::ReassignTask { task, owner } => {
            let Some(before) = task_state(writer, *task)? else {
                return Ok(Err(format!("task #{} does not exist", task.0)));
            };
            if before.owner == owner.as_str() {
                return Ok(Err(format!("task #{} is {owner}'s already", task.0)));
            }
            writer
                .transaction()
                .execute("UPDATE tasks SET owner = ?1 WHERE id = ?2", params![owner.as_str(), task.0])?;
            let payload = json!({ "task_id": task.0, "owner": owner.as_str() });
            Ok(Ok(Written {
                payload,
                undo: Undo::TaskOwner { id: task.0, owner: before.owner },
                made: None,
                pushed_to: None,
            }))
        }
        Change::SetStage { account, stage, reason } => set_stage(writer, *account, *stage, reason, actor),
        Change::UpdateTicket { ticket, update } => update_ticket(writer, *ticket, update, actor),
        Change::TicketNote { ticket, body } => {
            if !exists(writer, "tickets", ticket.0)? {
                return Ok(Err(format!("ticket #{} does not exist", ticket.0)));
            }
            let comment = writer.insert_comment(&TicketComment {
                id: CommentId(0),
                ticket_id: *ticket,
                author: actor.name.clone(),
                by_agent: true,
                public: false,
                body: body.clone(),
                created_at: actor.at,
            })?;
            let payload = json!({ "comment_id": comment.0, "public": false, "author": actor.name.as_str(), "body": body.as_str() });
            let (pushed_to, payload) = with_backend_ref(writer, *ticket, payload)?;
            Ok(Ok(Written { pushed_to, ..made(payload, Made::Comment, comment.0) }))
        }
        Change::CloseLoop { survey, outcome } => {
            let closed: Option<Option<i64>> = writer
                .transaction()
                .query_row("SELECT loop_closed_at FROM survey_responses WHERE id = ?1", [survey.0], |row| {
                    row.get(0)
                })
                .optional()?;
            match closed {
                None => return Ok(Err(format!("survey answer #{} does not exist", survey.0))),
                Some(Some(_)) => {
                    return Ok(Err(format!("the loop on survey answer #{} is closed already", survey.0)));
                }
                Some(None) => {}
            }
            writer.transaction().execute(
                "UPDATE survey_responses SET loop_closed_at = ?1, loop_closed_by = ?2, loop_outcome = ?3 WHERE id = ?4",
                params![actor.at.as_second(), actor.name.as_str(), outcome.as_str(), survey.0],
            )?;
            let payload =
                json!({ "survey_id": survey.0, "by": actor.name.as_str(), "outcome": outcome.as_str() });
            Ok(Ok(Written {
                payload,
                undo: Undo::ReopenLoop { survey: survey.0 },
                made: None,
                pushed_to: None,
            }))
        }
        Change::Meddic { account, element, done, evidence } => {
            if !exists(writer, "accounts", account.0)? {
                return Ok(Err(format!("account #{account} does not exist")));
            }
            let before = super::undo::MeddicRow::read(writer.transaction(), account.0, element.as_str())?;
            writer.transaction().execute(
                "INSERT INTO meddic (account_id, element, done, evidence, updated_by, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account_id, element) DO UPDATE SET \
                 done = excluded.done, evidence = excluded.evidence, updated_by = excluded.updated_by, \
                 updated_at = excluded.updated_at",
                params![
                    account.0,
                    element.as_str(),
                    done,
                    evidence.as_str(),
                    actor.name.as_str(),
                    actor.at.as_second()
                ],
            )?;
            let payload = json!({ "element": element.as_str(), "done": done, "evidence": evidence.as_str() });
            let undo = Undo::Meddic { account: account.0, element: element.as_str().to_owned(), before };
            Ok(Ok(Written { payload, undo, made: None, pushed_to: None }))
        }
        Change::MergeAccounts { keep, merge } => merge::merge_accounts(writer.transaction(), *keep, *merge),
        Change::MergeContacts { keep, merge } => merge::merge_contacts(writer.transaction(), *keep, *merge),
    }
}

fn made(payload: serde_json::Value, table: Made, id: i64) -> Written {
    Written { payload, undo: Undo::Delete { table, id }, made: Some(id), pushed_to: None }
}

/// Whether `table` has a row with this id; the table is one of ours.
pub(super) fn exists(writer: &BulkWriter<'_>, table: &'static str, id: i64) -> Result<bool, StoreError> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
    Ok(writer.transaction().query_row(&sql, [id], |row| row.get(0))?)
}

fn add_task(writer: &mut BulkWriter<'_>, draft: &TaskDraft, actor: Actor<'_>) -> Result<Outcome, StoreError> {
    let TaskDraft { account, title, owner, due } = draft;
    if !exists(writer, "accounts", account.0)? {
        return Ok(Err(format!("account #{account} does not exist")));
    }
    let task = writer.insert_task(&Task {
        id: TaskId(0),
        account_id: *account,
        title: title.clone(),
        owner: owner.clone(),
        due: *due,
        status: TaskStatus::Open,
        playbook: SafeText::default(),
        created_at: actor.at,
        completed_at: None,
    })?;
    let payload = json!({
        "task_id": task.0,
        "title": title.as_str(),
        "owner": owner.as_str(),
        "due": due.map(|day| day.to_string()),
    });
    let (pushed_to, payload) = with_company_ref(writer, *account, payload)?;
    Ok(Ok(Written { pushed_to, ..made(payload, Made::Task, task.0) }))
}

fn playbook_task(
    writer: &mut BulkWriter<'_>,
    draft: &TaskDraft,
    playbook: &str,
    trigger_key: &str,
    actor: Actor<'_>,
) -> Result<Outcome, StoreError> {
    let TaskDraft { account, title, owner, due } = draft;
    let inserted = writer.transaction().execute(
        "INSERT INTO tasks (account_id, title, owner, due, status, playbook, created_at, trigger_key) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1) \
         ON CONFLICT DO NOTHING",
        params![
            account.0,
            title.as_str(),
            owner.as_str(),
            DayText::optional(*due, "tasks", "due")?,
            TaskStatus::Open.canonical(),
            playbook,
            actor.at.as_second(),
            trigger_key
        ],
    )?;
    if inserted == 0 {
        return Ok(Err(format!("{trigger_key} was planned already (or its account is gone)")));
    }
    let task = writer.transaction().last_insert_rowid();
    let payload = json!({
        "task_id": task,
        "title": title.as_str(),
        "owner": owner.as_str(),
        "due": due.map(|day| day.to_string()),
        "playbook": playbook,
    });
    Ok(Ok(made(payload, Made::Task, task)))
}

fn complete_task(writer: &mut BulkWriter<'_>, task: TaskId, actor: Actor<'_>) -> Result<Outcome, StoreError> {
    let Some(before) = task_state(writer, task)? else {
        return Ok(Err(format!("task #{} does not exist", task.0)));
    };
    if before.status == TaskStatus::Done.canonical() {
        return Ok(Err(format!("task #{} is done already", task.0)));
    }
    writer.transaction().execute(
        "UPDATE tasks SET status = ?1, completed_at = ?2 WHERE id = ?3",
        params![TaskStatus::Done.canonical(), actor.at.as_second(), task.0],
    )?;
    let payload = json!({ "task_id": task.0 });
    Ok(Ok(Written {
        payload,
        undo: Undo::TaskStatus { id: task.0, status: before.status },
        made: None,
        pushed_to: None,
    }))
}

/// A task's fields that its changes touch, as stored.
struct TaskState {
    status: String,
    due: Option<String>,
    owner: String,
}

fn task_state(writer: &BulkWriter<'_>, task: TaskId) -> Result<Option<TaskState>, StoreError> {
    Ok(writer
        .transaction()
        .query_row("SELECT status, due, owner FROM tasks WHERE id = ?1", [task.0], |row| {
            Ok(TaskState { status: row.get(0)?, due: row.get(1)?, owner: row.get(2)? })
        })
        .optional()?)
}

fn set_stage(
    writer: &mut BulkWriter<'_>,
    account: AccountId,
    stage: LifecycleStage,
    reason: &SafeText,
    actor: Actor<'_>,
) -> Result<Outcome, StoreError> {
    let before: Option<String> = writer
        .transaction()
        .query_row("SELECT stage FROM accounts WHERE id = ?1", [account.0], |row| row.get(0))
        .optional()?;
    let Some(before) = before else {
        return Ok(Err(format!("account #{account} does not exist")));
    };
    if before == stage.as_str() {
        return Ok(Err(format!("account #{account} is in {stage} already")));
    }
    let from = before.parse::<LifecycleStage>().ok();
    writer.insert_stage_change(&StageChange {
        account_id: account,
        from,
        to: stage,
        at: actor.at,
        reason: reason.clone(),
    })?;
    let change = writer.transaction().last_insert_rowid();
    writer
        .transaction()
        .execute("UPDATE accounts SET stage = ?1 WHERE id = ?2", params![stage.as_str(), account.0])?;
    let payload = json!({ "from": before, "to": stage.as_str(), "reason": reason.as_str() });
    Ok(Ok(Written {
        payload,
        undo: Undo::Stage { account: account.0, stage: before, change },
        made: Some(change),
        pushed_to: None,
    }))
}

fn update_ticket(
    writer: &mut BulkWriter<'_>,
    ticket: TicketId,
    update: &TicketUpdate,
    actor: Actor<'_>,
) -> Result<Outcome, StoreError> {
    type Fields = (String, String, String, i64, Option<i64>);
    let before: Option<Fields> = writer
        .transaction()
        .query_row(
            "SELECT status, priority, assignee, updated_at, solved_at FROM tickets WHERE id = ?1",
            [ticket.0],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
        )
        .optional()?;
    let Some((status, priority, assignee, updated_at, solved_at)) = before else {
        return Ok(Err(format!("ticket #{} does not exist", ticket.0)));
    };
    let unchanged = update.status.is_none_or(|new| new.as_str() == status)
        && update.priority.is_none_or(|new| new.as_str() == priority)
        && update.assignee.as_ref().is_none_or(|new| new.as_str() == assignee);
    let before = Undo::Ticket { id: ticket.0, status, priority, assignee, updated_at, solved_at };
    if unchanged {
        return Ok(Err(format!("ticket #{} has these values already", ticket.0)));
    }
    let solved_at = match update.status {
        Some(new) if is_solved(new) => Some(solved_at.unwrap_or(actor.at.as_second())),
        Some(_) => None,
        None => solved_at,
    };
    writer.transaction().execute(
        "UPDATE tickets SET status = coalesce(?1, status), priority = coalesce(?2, priority), \
         assignee = coalesce(?3, assignee), updated_at = ?4, solved_at = ?5 WHERE id = ?6",
        params![
            update.status.map(TicketStatus::as_str),
            update.priority.map(|priority| priority.as_str()),
            update.assignee.as_ref().map(SafeText::as_str),
            actor.at.as_second(),
            solved_at,
            ticket.0
        ],
    )?;
    let payload = json!({
        "ticket_id": ticket.0,
        "status": update.status.map(TicketStatus::as_str),
        "priority": update.priority.map(|priority| priority.as_str()),
        "assignee": update.assignee.as_ref().map(SafeText::as_str),
    });
    let (pushed_to, payload) = with_backend_ref(writer, ticket, payload)?;
    Ok(Ok(Written { payload, undo: before, made: None, pushed_to }))
}

/// The ticket's id in the backend it came from, added to the payload as
/// `external` (what that backend's connector needs to push the change),
/// and that backend.
fn with_backend_ref(
    writer: &BulkWriter<'_>,
    ticket: TicketId,
    mut payload: serde_json::Value,
) -> Result<(Option<Source>, serde_json::Value), StoreError> {
    let reference: Option<(Option<String>, Option<String>)> = writer
        .transaction()
        .query_row("SELECT source, external_id FROM tickets WHERE id = ?1", [ticket.0], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    let Some((Some(source), Some(id))) = reference else {
        return Ok((None, payload));
    };
    payload["external"] = json!({ "source": source, "id": id });
    // HubSpot takes notes, tasks and calls, not ticket changes: those stay
    // local unless the webhook takes every action.
    let pushed_to = source.parse::<Source>().ok().filter(|source| *source != Source::Hubspot);
    Ok((pushed_to, payload))
}

/// The HubSpot company the account came from, added to the payload as
/// `external` (HubSpot's connector files the note, task or call under it),
/// and HubSpot; an account HubSpot never gave is left as it is. An account
/// merged from several companies files under the first.
fn with_company_ref(
    writer: &BulkWriter<'_>,
    account: AccountId,
    mut payload: serde_json::Value,
) -> Result<(Option<Source>, serde_json::Value), StoreError> {
    let company: Option<String> = writer
        .transaction()
        .query_row(
            "SELECT external_id FROM account_external_ids WHERE account_id = ?1 AND source = ?2 \
             ORDER BY position LIMIT 1",
            params![account.0, Source::Hubspot.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    let Some(company) = company else {
        return Ok((None, payload));
    };
    payload["external"] = json!({ "source": Source::Hubspot.as_str(), "id": company });
    Ok((Some(Source::Hubspot), payload))
}

/// The contact's HubSpot id, when HubSpot gave the contact.
fn hubspot_contact(
    writer: &BulkWriter<'_>,
    contact: Option<ContactId>,
) -> Result<Option<String>, StoreError> {
    let Some(contact) = contact else {
        return Ok(None);
    };
    Ok(writer
        .transaction()
        .query_row(
            "SELECT external_id FROM contacts WHERE id = ?1 AND source = ?2",
            params![contact.0, Source::Hubspot.as_str()],
            |row| row.get(0),
        )
        .optional()?)
}

/// Statuses that count as solved: reaching one sets `solved_at`.
fn is_solved(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::Solved | TicketStatus::Closed)
}
