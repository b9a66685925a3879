//! `update` for the dashboard: opening it (one load of every tile, trend,
//! the funnel and the bands, and the queues' counts if they were never
//! computed), moving between tiles, a tile's explanation and its
//! drill-down into the accounts list, and narrowing everything to one
//! owner, plan or RFM segment.

use std::sync::Arc;

use super::{Effect, Outcome, queues, request_accounts};
use crate::app::commands::ScopeKind;
use crate::app::layout;
use crate::app::state::{DashboardLoad, Drill, Screen, State};
use crate::metrics::dashboard::Scope;

/// The days each tile is computed over, compared with the days before.
pub const DASHBOARD_DAYS: u32 = 90;

/// Shows the dashboard, loading it the first time; the queues' counts are
/// computed along with it when no queue has been yet.
pub(super) fn open(state: &mut State) -> Outcome {
    state.screen = Screen::Dashboard;
    let mut effects = Vec::new();
    if state.dashboard.load.is_none() && !state.dashboard.loading {
        effects.extend(request(state).effects);
    }
    if state.queues.computed.is_none() && !state.queues.computing {
        effects.extend(queues::compute(state).effects);
    }
    Outcome { redraw: true, effects }
}

/// Loads the dashboard for the scope in effect; what is shown stays until
/// the new one arrives.
pub(super) fn request(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    let view = &mut state.dashboard;
    view.generation = generation;
    view.loading = true;
    Outcome::with(Effect::LoadDashboard {
        generation,
        scope: view.scope.clone(),
        days: DASHBOARD_DAYS,
        now: state.now,
    })
}

pub(super) fn loaded(
    state: &mut State,
    generation: u64,
    result: Result<Box<DashboardLoad>, String>,
) -> Outcome {
    let view = &mut state.dashboard;
    if generation != view.generation {
        return Outcome::unchanged();
    }
    view.loading = false;
    match result {
        Ok(load) => {
            view.load = Some(load);
            view.error = None;
        }
        Err(message) => view.error = Some(message),
    }
    Outcome::redraw()
}

fn tile_count(state: &State) -> usize {
    state.dashboard.load.as_ref().map_or(0, |load| load.dashboard.tiles.len())
}

/// Moves the cursor `step` tiles along, wrapping around.
pub(super) fn step_tile(state: &mut State, step: isize) -> Outcome {
    let count = tile_count(state);
    if count == 0 {
        return Outcome::unchanged();
    }
    let view = &mut state.dashboard;
    view.tile = (view.tile as isize + step).rem_euclid(count as isize) as usize;
    Outcome::redraw()
}

/// Moves the cursor a row of tiles up or down, staying in its column.
pub(super) fn move_rows(state: &mut State, rows: isize) -> Outcome {
    let count = tile_count(state);
    let per_row = layout::dashboard_tiles_per_row(state.width);
    let view = &mut state.dashboard;
    let target = view.tile as isize + rows.signum() * per_row as isize;
    if count == 0 || target < 0 || target >= count as isize {
        return Outcome::unchanged();
    }
    view.tile = target as usize;
    Outcome::redraw()
}

/// Enter: opens the tile's explanation; on an open explanation, lists the
/// tile's accounts.
pub(super) fn open_tile(state: &mut State) -> Outcome {
    let Some(tile) =
        state.dashboard.load.as_ref().and_then(|load| load.dashboard.tiles.get(state.dashboard.tile))
    else {
        return Outcome::unchanged();
    };
    if !state.dashboard.explaining {
        state.dashboard.explaining = true;
        return Outcome::redraw();
    }
    let drill = Drill {
        label: format!("{}, last {DASHBOARD_DAYS} days", tile.name),
        accounts: Arc::new(tile.accounts.clone()),
    };
    state.dashboard.explaining = false;
    state.accounts.drill = Some(drill);
    state.accounts.filter = None;
    state.accounts.selected = 0;
    state.accounts.offset = 0;
    state.screen = Screen::AccountList;
    request_accounts(state)
}

/// Esc: closes the explanation, or leaves for the accounts list.
pub(super) fn back(state: &mut State) -> Outcome {
    if state.dashboard.explaining {
        state.dashboard.explaining = false;
    } else {
        state.screen = Screen::AccountList;
    }
    Outcome::redraw()
}

/// Narrows the dashboard to the next owner, plan or segment of its kind,
/// in order; after the last one, every account again.
pub(super) fn cycle_scope(state: &mut State, kind: ScopeKind) -> Outcome {
    let Some(load) = &state.dashboard.load else {
        return Outcome::unchanged();
    };
    let (values, current) = match (kind, &state.dashboard.scope) {
        (ScopeKind::Owner, Scope::Owner(value)) => (&load.choices.owners, Some(value)),
        (ScopeKind::Plan, Scope::Plan(value)) => (&load.choices.plans, Some(value)),
        (ScopeKind::Segment, Scope::Segment(value)) => (&load.choices.segments, Some(value)),
        (ScopeKind::Owner, _) => (&load.choices.owners, None),
        (ScopeKind::Plan, _) => (&load.choices.plans, None),
        (ScopeKind::Segment, _) => (&load.choices.segments, None),
    };
    let next = match current {
        None => values.first(),
        Some(value) => values.iter().skip_while(|candidate| *candidate != value).nth(1),
    };
    let scope = match (kind, next.cloned()) {
        (_, None) => Scope::All,
        (ScopeKind::Owner, Some(value)) => Scope::Owner(value),
        (ScopeKind::Plan, Some(value)) => Scope::Plan(value),
        (ScopeKind::Segment, Some(value)) => Scope::Segment(value),
    };
    set_scope(state, scope)
}

pub(super) fn set_scope(state: &mut State, scope: Scope) -> Outcome {
    if state.dashboard.scope == scope {
        return Outcome::unchanged();
    }
    state.dashboard.scope = scope;
    state.dashboard.explaining = false;
    request(state)
}

/// A change to the workspace loads a dashboard that was shown again.
pub(super) fn refresh(state: &mut State) -> Vec<Effect> {
    if state.dashboard.load.is_some() || state.dashboard.loading {
        request(state).effects
    } else {
        Vec::new()
    }
}
