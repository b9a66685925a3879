//! `update` for the Tasks screen: every open task, seen as mine, overdue,
//! due this week, or all of them by due day; Enter opens the task's
//! account on its tasks tab, `x` marks the task done (with its outbox
//! item) and the list is read again.

use super::{Effect, Outcome, act, clamp_add, prompt, set_error};
use crate::app::account_tabs::AccountTab;
use crate::app::layout;
use crate::app::state::{PendingOpen, Screen, State, TaskView};
use crate::model::time::{add_days, utc_date};
use crate::model::{Change, TaskRow};

pub(super) fn open(state: &mut State) -> Outcome {
    state.screen = Screen::Tasks;
    request(state)
}

pub(super) fn request(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    state.tasks.generation = generation;
    state.tasks.loading = true;
    Outcome::with(Effect::LoadTasks { generation })
}

pub(super) fn loaded(state: &mut State, generation: u64, result: Result<Vec<TaskRow>, String>) -> Outcome {
    if generation != state.tasks.generation {
        return Outcome::unchanged();
    }
    state.tasks.loading = false;
    match result {
        Ok(rows) => {
            state.tasks.rows = Some(rows);
            rebuild(state);
        }
        Err(message) => set_error(state, format!("Could not read the tasks: {message}")),
    }
    Outcome::redraw()
}

/// The rows of the view in effect, as indices into the loaded rows.
fn rebuild(state: &mut State) {
    let today = utc_date(state.now);
    let week_end = add_days(today, 6);
    let me = state.me.trim().to_lowercase();
    let view = state.tasks.view;
    let rows = state.tasks.rows.as_deref().unwrap_or_default();
    state.tasks.visible = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match view {
            TaskView::Mine => !me.is_empty() && row.task.owner.as_str().to_lowercase() == me,
            TaskView::Overdue => row.task.due.is_some_and(|due| due < today),
            TaskView::ThisWeek => row.task.due.is_some_and(|due| today <= due && due <= week_end),
            TaskView::All | TaskView::ByAccount => true,
        })
        .map(|(index, _)| index)
        .collect();
    if view == TaskView::ByAccount {
        // The rows come soonest due first: a stable sort by account keeps
        // that order within each account.
        state.tasks.visible.sort_by_cached_key(|&index| {
            let row = &rows[index];
            (row.account_name.to_lowercase(), row.task.account_id)
        });
    }
    let last = state.tasks.visible.len().saturating_sub(1);
    state.tasks.selected = state.tasks.selected.min(last);
    let page = layout::task_table_rows(state.height).max(1);
    state.tasks.offset = state.tasks.offset.min(state.tasks.visible.len().saturating_sub(page));
}

pub(super) fn next_view(state: &mut State, step: isize) -> Outcome {
    let views = TaskView::ALL;
    let at = views.iter().position(|view| *view == state.tasks.view).unwrap_or(0) as isize;
    state.tasks.view = views[(at + step).rem_euclid(views.len() as isize) as usize];
    state.tasks.selected = 0;
    state.tasks.offset = 0;
    rebuild(state);
    Outcome::redraw()
}

pub(super) fn move_by(state: &mut State, delta: isize) -> Outcome {
    let view = &mut state.tasks;
    let target = clamp_add(view.selected, delta, view.visible.len().saturating_sub(1));
    if target == view.selected {
        return Outcome::unchanged();
    }
    view.selected = target;
    let page = layout::task_table_rows(state.height).max(1);
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + page {
        view.offset = view.selected + 1 - page;
    }
    Outcome::redraw()
}

/// Opens the task's account on its tasks tab.
pub(super) fn open_selected(state: &mut State) -> Outcome {
    let Some(account) = state.tasks.selected_row().map(|row| row.task.account_id) else {
        return Outcome::unchanged();
    };
    state.pending_open = Some(PendingOpen { tab: AccountTab::Tasks, ticket: None });
    prompt::find_account(state, format!("#{}", account.0))
}

/// Marks the task under the cursor done.
pub(super) fn complete_selected(state: &mut State) -> Outcome {
    let Some(task) = state.tasks.selected_row().map(|row| row.task.id) else {
        return Outcome::unchanged();
    };
    act::apply(vec![Change::CompleteTask(task)], "Task done".into())
}
