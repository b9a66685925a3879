//! A run of the triggers against the workspace: read what happened since
//! the last run, plan the tasks, and write the new ones as one batch (each
//! task with its outbox item, undoable like any action). The planning
//! itself is [`planned_tasks`](super::planned_tasks), pure; this is the one
//! place that ties it to the store and the clock.

use jiff::{SignedDuration, Timestamp};

use super::{Playbooks, TriggerInputs, planned_tasks};
use crate::model::{Change, TaskDraft};
use crate::store::{Actor, BatchId, Keyed, Store, StoreError, playbooks_author};

/// How far back the very first run looks for events: a new workspace (or
/// one that just turned playbooks on) gets tasks for what happened lately,
/// not for years of history.
pub const FIRST_RUN_LOOK_BACK: SignedDuration = SignedDuration::from_hours(14 * 24);

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerRun {
    /// Events from here on were read.
    pub since: Timestamp,
    /// Tasks the playbooks asked for, including those made by earlier runs.
    pub planned: usize,
    /// Tasks made by this run.
    pub created: usize,
    /// The batch that made them, to undo the run.
    pub batch: Option<BatchId>,
}

/// Runs every playbook's triggers for what happened since the last run.
pub fn run_triggers(
    store: &Store,
    playbooks: &Playbooks,
    now: Timestamp,
    backend: bool,
) -> Result<TriggerRun, RunError> {
    if playbooks.playbooks.is_empty() {
        // Nothing can fire: no need to read the workspace.
        return Ok(TriggerRun { since: now, planned: 0, created: 0, batch: None });
    }
    let since = match store.last_playbook_run()? {
        Some(last) => last,
        None => now.checked_sub(FIRST_RUN_LOOK_BACK).unwrap_or(now),
    };
    let records = store.trigger_records(since)?;
    let inputs = TriggerInputs {
        now,
        since,
        accounts: &records.accounts,
        surveys: &records.surveys,
        purchases: &records.purchases,
        stage_changes: &records.stage_changes,
    };
    let planned = planned_tasks(playbooks, &inputs);
    drop(records);
    let count = planned.len();
    let changes = planned
        .into_iter()
        .map(|task| {
            let draft = TaskDraft {
                account: task.account,
                title: task.title,
                owner: task.owner,
                due: Some(task.due),
            };
            Keyed::new(Change::PlaybookTask { draft, playbook: task.playbook, trigger_key: task.trigger_key })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::RandomSource)?;
    let author = playbooks_author();
    let applied =
        store.apply(&changes, Actor { name: &author, at: now, backend, pushes_to: &[] }, "Playbook tasks")?;
    store.record_playbook_run(now, since, count, applied.items.len())?;
    Ok(TriggerRun { since, planned: count, created: applied.items.len(), batch: applied.batch })
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no idempotency keys for the playbooks' tasks: the system's random source failed: {0}")]
    RandomSource(std::io::Error),
}
