//! `update` for the queues screen. Every queue is computed in one load
//! (`Effect::ComputeQueues`) and kept: switching queue, sorting by a column
//! and narrowing by a filter then work on the rows in memory, and the
//! cursor stays on its account across all three. A filter asks the store
//! once for the accounts it matches (`Effect::MatchAccounts`); a change to
//! the workspace computes the queues and the match afresh. Each request
//! carries a generation and an older result is dropped.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Effect, Outcome, clamp_add};
use crate::app::layout;
use crate::app::state::{AppliedFilter, QueueLoad, QueueScreen, Screen, State};
use crate::metrics::queues::QueueRow;
use crate::model::AccountId;
use crate::query::Filter;
use crate::store::{AccountColumn, AccountSort};

/// Shows the queues, computing them the first time.
pub(super) fn open(state: &mut State) -> Outcome {
    state.screen = Screen::Queues;
    if state.queues.computed.is_none() && !state.queues.computing {
        return compute(state);
    }
    Outcome::redraw()
}

/// Shows the queue at `index` (from `:queue` or a click).
pub(super) fn open_queue(state: &mut State, index: usize) -> Outcome {
    let outcome = open(state);
    select_queue(state, index);
    Outcome { redraw: true, ..outcome }
}

/// Computes every queue afresh; the rows already shown stay until the new
/// ones arrive.
pub(super) fn compute(state: &mut State) -> Outcome {
    if state.queues.queues.is_empty() {
        return Outcome::redraw();
    }
    let generation = state.next_generation();
    let view = &mut state.queues;
    view.generation = generation;
    view.computing = true;
    Outcome::with(Effect::ComputeQueues { generation, now: state.now })
}

/// What a change to the workspace means for the queues: computed ones are
/// computed again, and an applied filter is matched again.
pub(super) fn refresh(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    if state.queues.computed.is_some() || state.queues.computing {
        effects.extend(compute(state).effects);
    }
    if let Some(filter) = state.queues.filter.as_ref().map(|applied| applied.filter.clone()) {
        effects.extend(request_match(state, filter).effects);
    }
    effects
}

pub(super) fn computed(state: &mut State, generation: u64, result: Result<QueueLoad, String>) -> Outcome {
    let visible = visible_rows(state);
    let view = &mut state.queues;
    if generation != view.generation {
        return Outcome::unchanged();
    }
    view.computing = false;
    match result {
        Ok(load) => {
            let keep = view.selected_row().map(|row| row.account.id);
            for (entry, rows) in view.queues.iter_mut().zip(&load.rows) {
                entry.count = Some(rows.len());
            }
            view.computed = Some(load.rows);
            view.widths = load.widths;
            view.error = None;
            count_matching(view);
            rebuild(view, keep, visible);
        }
        Err(message) => view.error = Some(message),
    }
    Outcome::redraw()
}

pub(super) fn step_queue(state: &mut State, step: isize) -> Outcome {
    let count = state.queues.queues.len();
    if count < 2 {
        return Outcome::unchanged();
    }
    let index = (state.queues.queue as isize + step).rem_euclid(count as isize) as usize;
    select_queue(state, index);
    Outcome::redraw()
}

fn select_queue(state: &mut State, index: usize) {
    let visible = visible_rows(state);
    let view = &mut state.queues;
    view.queue = index.min(view.queues.len().saturating_sub(1));
    view.selected = 0;
    view.offset = 0;
    rebuild(view, None, visible);
}

/// Sorts by `column`; the same column again reverses it.
pub(super) fn sort_by(state: &mut State, column: AccountColumn) -> Outcome {
    let descending = state.queues.sort.is_some_and(|sort| sort.column == column && !sort.descending);
    set_sort(state, Some(AccountSort { column, descending }))
}

/// Steps through the queue's own order and then each column.
pub(super) fn sort_next(state: &mut State) -> Outcome {
    const ORDER: [AccountColumn; 6] = [
        AccountColumn::Name,
        AccountColumn::Stage,
        AccountColumn::Plan,
        AccountColumn::Mrr,
        AccountColumn::Renewal,
        AccountColumn::Owner,
    ];
    let next = match state.queues.sort {
        None => Some(ORDER[0]),
        Some(sort) => ORDER.iter().skip_while(|column| **column != sort.column).nth(1).copied(),
    };
    set_sort(state, next.map(|column| AccountSort { column, descending: false }))
}

pub(super) fn reverse_sort(state: &mut State) -> Outcome {
    // The queue's own order is most pressing first; reversed it would bury
    // the urgent rows, so `r` starts a column order instead.
    let sort =
        state.queues.sort.map_or(AccountSort { column: AccountColumn::Mrr, descending: true }, |sort| {
            AccountSort { descending: !sort.descending, ..sort }
        });
    set_sort(state, Some(sort))
}

fn set_sort(state: &mut State, sort: Option<AccountSort>) -> Outcome {
    let visible = visible_rows(state);
    let view = &mut state.queues;
    let keep = view.selected_row().map(|row| row.account.id);
    view.sort = sort;
    rebuild(view, keep, visible);
    Outcome::redraw()
}

/// Narrows every queue to the accounts `filter` matches, or shows them
/// whole again with `None`.
pub(super) fn apply_filter(state: &mut State, filter: Option<Filter>) -> Outcome {
    match filter {
        Some(filter) => {
            let outcome = request_match(state, filter.clone());
            state.queues.filter = Some(AppliedFilter::new(filter));
            outcome
        }
        None => {
            let visible = visible_rows(state);
            let view = &mut state.queues;
            let keep = view.selected_row().map(|row| row.account.id);
            view.filter = None;
            count_matching(view);
            rebuild(view, keep, visible);
            Outcome::redraw()
        }
    }
}

fn request_match(state: &mut State, filter: Filter) -> Outcome {
    let generation = state.next_generation();
    state.queues.filter_generation = generation;
    Outcome::with(Effect::MatchAccounts { generation, filter, now: state.now })
}

pub(super) fn matched(state: &mut State, generation: u64, result: Result<Vec<AccountId>, String>) -> Outcome {
    let visible = visible_rows(state);
    let view = &mut state.queues;
    if generation != view.filter_generation {
        return Outcome::unchanged();
    }
    let Some(applied) = view.filter.as_mut() else {
        return Outcome::unchanged();
    };
    match result {
        Ok(ids) => applied.matching = Some(Arc::new(ids.into_iter().collect::<HashSet<_>>())),
        Err(message) => {
            view.filter = None;
            super::set_error(state, format!("The filter could not be applied: {message}"));
            return Outcome::redraw();
        }
    }
    let keep = view.selected_row().map(|row| row.account.id);
    count_matching(view);
    rebuild(view, keep, visible);
    Outcome::redraw()
}

/// Each queue's count under the filter, once its matches are known.
fn count_matching(view: &mut QueueScreen) {
    let matching = view.filter.as_ref().and_then(|applied| applied.matching.clone());
    let computed = view.computed.as_deref().unwrap_or_default();
    for (i, entry) in view.queues.iter_mut().enumerate() {
        entry.matching = match (&matching, computed.get(i)) {
            (Some(set), Some(rows)) => Some(rows.iter().filter(|row| set.contains(&row.account.id)).count()),
            _ => None,
        };
    }
}

/// Rebuilds the rows on screen from the chosen queue, its filter and its
/// sort, with the cursor on `keep` if that account is still there.
fn rebuild(view: &mut QueueScreen, keep: Option<AccountId>, page: usize) {
    let rows = view.computed.as_ref().and_then(|all| all.get(view.queue)).map_or(&[][..], Vec::as_slice);
    let matching = view.filter.as_ref().and_then(|applied| applied.matching.as_deref());
    let mut visible: Vec<usize> =
        (0..rows.len()).filter(|&i| matching.is_none_or(|set| set.contains(&rows[i].account.id))).collect();
    if let Some(sort) = view.sort {
        sort_rows(&mut visible, rows, sort);
    }
    view.selected = keep.and_then(|id| visible.iter().position(|&i| rows[i].account.id == id)).unwrap_or(0);
    view.visible = visible;
    // Show a kept cursor in the middle of the page, not at its edge.
    let last_top = view.visible.len().saturating_sub(page);
    view.offset = view.selected.saturating_sub(page / 2).min(last_top);
}

/// Orders `visible` (indices into `rows`, in the queue's own order) by a
/// column. The sort is stable, so rows that tie stay most pressing first;
/// accounts without a renewal date come last in either direction.
fn sort_rows(visible: &mut Vec<usize>, rows: &[QueueRow], sort: AccountSort) {
    let summary = |i: usize| &rows[i].account;
    match sort.column {
        AccountColumn::Name => sort_by_key(visible, |i| summary(i).name.as_str().to_lowercase(), sort),
        AccountColumn::Stage => sort_by_key(visible, |i| summary(i).stage, sort),
        AccountColumn::Plan => sort_by_key(visible, |i| summary(i).plan.as_str().to_lowercase(), sort),
        AccountColumn::Mrr => sort_by_key(visible, |i| summary(i).mrr.minor, sort),
        AccountColumn::Owner => sort_by_key(visible, |i| summary(i).owner.as_str().to_lowercase(), sort),
        AccountColumn::Renewal => {
            let (mut dated, undated): (Vec<usize>, Vec<usize>) =
                visible.iter().partition(|&&i| summary(i).renewal_date.is_some());
            sort_by_key(&mut dated, |i| summary(i).renewal_date, sort);
            dated.extend(undated);
            *visible = dated;
        }
    }
}

/// Sorts by a key computed once per row.
fn sort_by_key<K: Ord>(visible: &mut Vec<usize>, key: impl Fn(usize) -> K, sort: AccountSort) {
    let mut keyed: Vec<(K, usize)> = visible.iter().map(|&i| (key(i), i)).collect();
    if sort.descending {
        keyed.sort_by(|a, b| b.0.cmp(&a.0));
    } else {
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
    }
    *visible = keyed.into_iter().map(|(_, i)| i).collect();
}

pub(super) fn move_by(state: &mut State, delta: isize) -> Outcome {
    let target = clamp_add(state.queues.selected, delta, state.queues.row_count().saturating_sub(1));
    select_row(state, target)
}

/// Puts the cursor on the row at `position` on screen (a click).
pub(super) fn select_row(state: &mut State, position: usize) -> Outcome {
    let visible = visible_rows(state);
    let view = &mut state.queues;
    if position == view.selected || position >= view.row_count() {
        return Outcome::unchanged();
    }
    view.selected = position;
    keep_cursor_visible(view, visible);
    Outcome::redraw()
}

pub(super) fn keep_cursor_visible_after_resize(state: &mut State) {
    let visible = visible_rows(state);
    keep_cursor_visible(&mut state.queues, visible);
}

fn visible_rows(state: &State) -> usize {
    layout::queue_table_rows(state.height).max(1)
}

fn keep_cursor_visible(view: &mut QueueScreen, visible: usize) {
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
    super::open_account(state, summary, Screen::Queues)
}
