//! `update`'s tests for the mouse.

use super::tests::loaded;
use super::*;
use crate::app::account_tabs::AccountTab;
use crate::app::keys::Gesture;

fn mouse(state: &mut State, gesture: Gesture, column: u16, row: u16) -> Outcome {
    update(state, Action::Mouse(Mouse { gesture, column, row }))
}

#[test]
fn the_wheel_moves_three_rows_a_notch() {
    let mut state = loaded(50);
    let _ = mouse(&mut state, Gesture::ScrollDown, 10, 10);
    let _ = mouse(&mut state, Gesture::ScrollDown, 10, 10);
    assert_eq!(state.accounts.selected, 6);
    let _ = mouse(&mut state, Gesture::ScrollUp, 10, 10);
    assert_eq!(state.accounts.selected, 3);
}

#[test]
fn a_click_selects_the_row_and_a_second_click_opens_it() {
    let mut state = loaded(50);
    // Row 0 is the title bar, row 1 the table's header: row 4 is the third account.
    let outcome = mouse(&mut state, Gesture::Click, 5, 4);
    assert!(outcome.redraw && outcome.effects.is_empty());
    assert_eq!(state.accounts.selected, 2);
    let outcome = mouse(&mut state, Gesture::Click, 30, 4);
    assert!(matches!(outcome.effects[..], [Effect::LoadAccountDetail { account: AccountId(3), .. }]));
    assert_eq!(state.screen, Screen::AccountDetail);
}

#[test]
fn clicks_outside_the_rows_do_nothing() {
    let mut state = loaded(3);
    for row in [0, 1, 10, 39] {
        assert_eq!(mouse(&mut state, Gesture::Click, 5, row), Outcome::default(), "row {row}");
    }
    assert_eq!(state.accounts.selected, 0);
}

#[test]
fn a_click_in_the_queues_list_shows_that_queue_and_in_the_table_selects() {
    let mut state = super::queues_tests::computed([5, 4, 0]);
    // The list's border is on row 1: row 3 is the second queue.
    let _ = mouse(&mut state, Gesture::Click, 3, 3);
    assert_eq!(state.queues.queue, 1);
    // The table's border and header take rows 1 and 2: row 5 is its third row.
    let _ = mouse(&mut state, Gesture::Click, 60, 5);
    assert_eq!(state.queues.selected, 2);
    let outcome = mouse(&mut state, Gesture::Click, 60, 5);
    assert!(matches!(outcome.effects[..], [Effect::LoadAccountDetail { account: AccountId(3), .. }]));
}

#[test]
fn a_click_on_the_tab_bar_shows_the_tab_and_on_a_ticket_selects_it() {
    let mut state = super::account_tests::account_open();
    let tab_bar = layout::TITLE_ROWS + layout::ACCOUNT_HEADER_ROWS;
    // At 120 columns: " Timeline (60) " then a gap, then " Tickets (3) ".
    let _ = mouse(&mut state, Gesture::Click, 18, tab_bar);
    assert_eq!(state.detail.as_ref().map(|view| view.tab), Some(AccountTab::Tickets));
    let first_ticket = tab_bar + 3;
    let _ = mouse(&mut state, Gesture::Click, 20, first_ticket + 1);
    assert_eq!(state.detail.as_ref().map(|view| view.scroll), Some(1));
    let outcome = mouse(&mut state, Gesture::Click, 20, first_ticket + 1);
    assert!(matches!(outcome.effects[..], [Effect::LoadTicket { .. }]), "{:?}", outcome.effects);
}

#[test]
fn the_mouse_does_nothing_while_a_line_is_typed() {
    let mut state = loaded(50);
    let _ = update(&mut state, Action::Key(Key::char(':')));
    assert_eq!(mouse(&mut state, Gesture::ScrollDown, 5, 5), Outcome::default());
    assert_eq!(mouse(&mut state, Gesture::Click, 5, 4), Outcome::default());
    assert_eq!(state.accounts.selected, 0);
}
