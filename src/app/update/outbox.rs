//! The Outbox screen: the items waiting for the backend and those it
//! refused, with retry, edit and discard; and the pusher's progress, which
//! the status line shows on every screen.

use super::{Effect, OutboxLoad, Outcome, set_error};
use crate::app::form::Form;
use crate::app::state::{Notice, Screen, State, SyncActivity};
use crate::model::OutboxState;
use crate::store::OutboxCounts;

pub(super) fn open(state: &mut State) -> Outcome {
    state.screen = Screen::Outbox;
    request(state)
}

/// Reads the outbox again (its counts are shown on every screen).
pub(super) fn request(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    state.outbox.generation = generation;
    Outcome::with(Effect::LoadOutbox { generation })
}

pub(super) fn loaded(state: &mut State, generation: u64, result: Result<OutboxLoad, String>) -> Outcome {
    if generation != state.outbox.generation {
        return Outcome::unchanged();
    }
    match result {
        Ok(load) => {
            let outbox = &mut state.outbox;
            // The cursor stays on its item when the list changes around it.
            let kept = outbox.selected_item().map(|item| item.id);
            outbox.items = load.items;
            outbox.counts = load.counts;
            outbox.loaded = true;
            outbox.selected = kept
                .and_then(|id| outbox.items.iter().position(|item| item.id == id))
                .unwrap_or(0)
                .min(outbox.items.len().saturating_sub(1));
        }
        Err(message) => set_error(state, format!("Could not read the outbox: {message}")),
    }
    Outcome::redraw()
}

pub(super) fn progress(state: &mut State, activity: SyncActivity, counts: OutboxCounts) -> Outcome {
    let changed = state.outbox.sync != activity || state.outbox.counts != counts;
    state.outbox.sync = activity;
    state.outbox.counts = counts;
    if state.screen == Screen::Outbox && changed {
        return request(state);
    }
    if changed { Outcome::redraw() } else { Outcome::unchanged() }
}

pub(super) fn move_by(state: &mut State, delta: isize) -> Outcome {
    let outbox = &mut state.outbox;
    let last = outbox.items.len().saturating_sub(1);
    let target = super::clamp_add(outbox.selected, delta, last);
    if target == outbox.selected {
        return Outcome::unchanged();
    }
    outbox.selected = target;
    let page = crate::app::layout::task_table_rows(state.height).max(1);
    if outbox.selected < outbox.offset {
        outbox.offset = outbox.selected;
    } else if outbox.selected >= outbox.offset + page {
        outbox.offset = outbox.selected + 1 - page;
    }
    Outcome::redraw()
}

fn selected_refused(state: &mut State, verb: &str) -> Option<i64> {
    let item = state.outbox.selected_item()?;
    if item.state != OutboxState::Failed && verb != "discard" {
        set_error(state, format!("Only a refused item can be {verb}: this one is {}", item.state.meaning()));
        return None;
    }
    Some(item.id)
}

pub(super) fn retry(state: &mut State) -> Outcome {
    match selected_refused(state, "retried") {
        Some(item) => Outcome::with(Effect::RetryOutboxItem { item }),
        None => Outcome::redraw(),
    }
}

pub(super) fn discard(state: &mut State) -> Outcome {
    match selected_refused(state, "discard") {
        Some(item) => Outcome::with(Effect::DiscardOutboxItem { item }),
        None => Outcome::unchanged(),
    }
}

pub(super) fn edit(state: &mut State) -> Outcome {
    let Some(item) = selected_refused(state, "edited") else {
        return Outcome::redraw();
    };
    let Some(payload) = state.outbox.selected_item().map(|item| item.payload.clone()) else {
        return Outcome::unchanged();
    };
    state.form = Some(Form::outbox_payload(format!("Edit outbox item #{item}, then retry"), item, &payload));
    Outcome::redraw()
}

pub(super) fn item_changed(state: &mut State, result: Result<String, String>) -> Outcome {
    match result {
        Ok(message) => state.notice = Some(Notice { text: message, is_error: false }),
        Err(message) => set_error(state, message),
    }
    let mut outcome = request(state);
    outcome.effects.push(Effect::WakePusher);
    outcome
}
