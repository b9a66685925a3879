//! `update` for the queues screen: opening it, switching queue, moving in
//! the rows, opening an account from a row and coming back. Each open and
//! each switch asks for one load (every queue's count and the chosen
//! queue's rows) with a new generation; an older load's result is dropped.

use super::{Effect, Outcome, clamp_add};
use crate::app::layout;
use crate::app::state::{DetailView, QueueLoad, Screen, State};

pub(super) fn open(state: &mut State) -> Outcome {
    state.screen = Screen::Queues;
    request(state)
}

/// Asks for the chosen queue afresh; the counts already shown stay until
/// the new ones arrive.
fn request(state: &mut State) -> Outcome {
    if state.queues.queues.is_empty() {
        return Outcome::redraw();
    }
    let generation = state.next_generation();
    let view = &mut state.queues;
    view.generation = generation;
    view.rows = None;
    view.error = None;
    view.selected = 0;
    view.offset = 0;
    Outcome::with(Effect::LoadQueues { generation, queue: view.queue, now: state.now })
}

pub(super) fn step_queue(state: &mut State, step: isize) -> Outcome {
    let count = state.queues.queues.len();
    if count < 2 {
        return Outcome::unchanged();
    }
    let view = &mut state.queues;
    view.queue = (view.queue as isize + step).rem_euclid(count as isize) as usize;
    request(state)
}

pub(super) fn move_by(state: &mut State, delta: isize) -> Outcome {
    let visible = layout::queue_table_rows(state.height).max(1);
    let view = &mut state.queues;
    let target = clamp_add(view.selected, delta, view.row_count().saturating_sub(1));
    if target == view.selected {
        return Outcome::unchanged();
    }
    view.selected = target;
    keep_cursor_visible(state, visible);
    Outcome::redraw()
}

pub(super) fn keep_cursor_visible_after_resize(state: &mut State) {
    let visible = layout::queue_table_rows(state.height).max(1);
    keep_cursor_visible(state, visible);
}

fn keep_cursor_visible(state: &mut State, visible: usize) {
    let view = &mut state.queues;
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + visible {
        view.offset = view.selected + 1 - visible;
    }
    view.offset = view.offset.min(view.row_count().saturating_sub(visible));
}

/// Opens the account of the row under the cursor; Esc comes back here.
pub(super) fn open_selected_account(state: &mut State) -> Outcome {
    let Some(summary) = state.queues.selected_row().map(|row| row.account.clone()) else {
        return Outcome::unchanged();
    };
    let generation = state.next_generation();
    let account = summary.id;
    state.detail = Some(DetailView::new(summary, generation, Screen::Queues));
    state.screen = Screen::AccountDetail;
    Outcome::with(Effect::LoadAccountDetail { generation, account, now: state.now })
}

pub(super) fn loaded(state: &mut State, generation: u64, result: Result<QueueLoad, String>) -> Outcome {
    let view = &mut state.queues;
    if generation != view.generation {
        return Outcome::unchanged();
    }
    match result {
        Ok(load) => {
            for (entry, count) in view.queues.iter_mut().zip(load.counts) {
                entry.count = Some(count);
            }
            view.rows = Some(load.rows);
            view.widths = load.widths;
            view.selected = 0;
            view.offset = 0;
        }
        Err(message) => view.error = Some(message),
    }
    Outcome::redraw()
}
