//! Tasks: follow-ups, onboarding milestones and other work for the team.

use jiff::Timestamp;
use jiff::civil::Date;

use super::vocabulary::vocabulary;
use super::{AccountId, SafeText, TaskId};

vocabulary! {
    TaskStatus, "task status" {
        Open = "open" | "todo",
        Done = "done" | "completed" | "complete",
        Snoozed = "snoozed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub account_id: AccountId,
    pub title: SafeText,
    pub owner: SafeText,
    pub due: Option<Date>,
    pub status: TaskStatus,
    /// The playbook that created it ("onboarding"), or empty for a task made by hand.
    pub playbook: SafeText,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
}

/// A task with the name of its account, as a list of every account's
/// tasks shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    pub task: Task,
    pub account_name: SafeText,
}

impl Task {
    /// Open and past its due day.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == TaskStatus::Open && self.due.is_some_and(|due| due < today)
    }
}
