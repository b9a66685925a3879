//! Reading tasks: an account's, and every open one with its account's name
//! for the Tasks screen.

use rusqlite::Row;

use super::codec::StoredWord;
use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, Task, TaskId, TaskRow, TaskStatus};

/// The columns `decode_task` reads, shared with the timeline.
pub(super) const TASK_SELECT: &str = "SELECT id, account_id, title, owner, due, status, playbook, \
     created_at, completed_at FROM tasks";

impl Store {
    /// An account's tasks as a to-do list: soonest due first, then those
    /// without a due day, each group in the order they were made.
    pub fn tasks_of(&self, account: AccountId) -> Result<Vec<Task>, StoreError> {
        let sql = format!("{TASK_SELECT} WHERE account_id = ?1 ORDER BY due IS NULL, due, id");
        self.read_all(&sql, [account.0], decode_task)
    }
}

impl Store {
    /// Every task not done yet with its account's name: soonest due first,
    /// then those without a due day.
    pub fn open_tasks(&self) -> Result<Vec<TaskRow>, StoreError> {
        let sql = format!(
            "SELECT t.id, t.account_id, t.title, t.owner, t.due, t.status, t.playbook, t.created_at, \
             t.completed_at, a.name FROM tasks t JOIN accounts a ON a.id = t.account_id \
             WHERE t.status <> '{}' ORDER BY t.due IS NULL, t.due, t.id",
            TaskStatus::Done.canonical()
        );
        self.read_all(&sql, [], |row| {
            let reader = RowReader::new(row, "tasks", RowKey::Id);
            Ok(TaskRow {
                task: decode_task(row)?,
                account_name: reader.line(9, "account name", FieldCap::NAME)?,
            })
        })
    }
}

pub(super) fn decode_task(row: &Row<'_>) -> Result<Task, StoreError> {
    let reader = RowReader::new(row, "tasks", RowKey::Id);
    Ok(Task {
        id: TaskId(reader.int(0, "id")?),
        account_id: AccountId(reader.int(1, "account_id")?),
        title: reader.line(2, "title", FieldCap::SUBJECT)?,
        owner: reader.line(3, "owner", FieldCap::NAME)?,
        due: reader.opt_day(4, "due")?,
        status: reader.word(5, "status")?,
        playbook: reader.line(6, "playbook", FieldCap::NAME)?,
        created_at: reader.instant(7, "created_at")?,
        completed_at: reader.opt_instant(8, "completed_at")?,
    })
}
