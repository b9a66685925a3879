//! `update` for the mouse: the wheel scrolls whatever the keys would move
//! (three rows a notch), a click puts the cursor on the row under it or
//! shows the queue or tab under it, and a click on the row already under
//! the cursor opens it, as Enter would. While a line is typed at the bottom
//! the mouse does nothing.

use super::{Outcome, account, apply_intent, help_intent, queues, select_account_row};
use crate::app::account_tabs::{self, AccountTab};
use crate::app::commands::Intent;
use crate::app::keys::{Gesture, Mouse};
use crate::app::layout::{self, Spot};
use crate::app::state::{Screen, State};

/// Rows one notch of the wheel moves.
const WHEEL_ROWS: isize = 3;

pub(super) fn handle(state: &mut State, mouse: Mouse) -> Outcome {
    if state.prompt.is_some() || !layout::fits(state.width, state.height) {
        return Outcome::unchanged();
    }
    let intent = match mouse.gesture {
        Gesture::ScrollDown => Intent::MoveDown,
        Gesture::ScrollUp => Intent::MoveUp,
        Gesture::Click if state.help_open => return Outcome::unchanged(),
        Gesture::Click => return click(state, mouse.column, mouse.row),
    };
    let mut outcome = Outcome::unchanged();
    for _ in 0..WHEEL_ROWS {
        let step = if state.help_open { help_intent(state, intent) } else { apply_intent(state, intent) };
        outcome.redraw |= step.redraw;
        outcome.effects.extend(step.effects);
    }
    outcome
}

fn click(state: &mut State, column: u16, row: u16) -> Outcome {
    let (width, height) = (state.width, state.height);
    let spot = match state.screen {
        Screen::AccountList => layout::accounts_spot(height, row),
        Screen::Queues => layout::queues_spot(width, height, column, row),
        Screen::AccountDetail => {
            let on_tickets = state.detail.as_ref().is_some_and(|view| view.tab == AccountTab::Tickets);
            layout::account_spot(height, column, row, on_tickets)
        }
        Screen::Ticket | Screen::Dashboard | Screen::Tasks | Screen::Outbox => Spot::Elsewhere,
    };
    match spot {
        Spot::AccountRow(shown) => {
            let index = state.accounts.offset + shown;
            open_or_select(state, index, state.accounts.selected, select_account_row)
        }
        Spot::QueueRow(shown) => {
            let index = state.queues.offset + shown;
            open_or_select(state, index, state.queues.selected, queues::select_row)
        }
        Spot::QueueEntry(index) if index < state.queues.queues.len() => queues::open_queue(state, index),
        Spot::TicketRow(shown) => {
            let selected = state.detail.as_ref().map_or(0, |view| view.scroll);
            let index = layout::first_ticket_row(selected, height) + shown;
            open_or_select(state, index, selected, account::select_ticket)
        }
        Spot::TabBar(column) => {
            let detail = state.detail.as_ref().and_then(|view| view.detail.as_ref());
            match account_tabs::tab_at(detail, width, column) {
                Some(tab) => account::show_tab(state, tab),
                None => Outcome::unchanged(),
            }
        }
        Spot::QueueEntry(_) | Spot::Elsewhere => Outcome::unchanged(),
    }
}

/// A click on the row under the cursor opens it; on another row it moves
/// the cursor there.
fn open_or_select(
    state: &mut State,
    index: usize,
    selected: usize,
    select: fn(&mut State, usize) -> Outcome,
) -> Outcome {
    if index == selected { apply_intent(state, Intent::Open) } else { select(state, index) }
}
