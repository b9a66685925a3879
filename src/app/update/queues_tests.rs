//! `update`'s tests for the queues screen.

use jiff::Timestamp;

use super::*;
use crate::app::keys::KeyCode;
use crate::app::state::QueueScreen;
use crate::metrics::queues::QueueRow;
use crate::model::{AccountSummary, Currency, FieldCap, LifecycleStage, Money, SafeText};

fn row(id: i64) -> QueueRow {
    let account = AccountSummary {
        id: AccountId(id),
        name: SafeText::line(&format!("Account {id}"), FieldCap::NAME),
        domain: SafeText::default(),
        stage: LifecycleStage::Retention,
        plan: SafeText::default(),
        mrr: Money::new(100, Currency::USD),
        renewal_date: None,
        owner: SafeText::default(),
    };
    QueueRow { account, reason: "because".into(), sort_key: 0 }
}

fn press(state: &mut State, key: Key) -> Outcome {
    update(state, Action::Key(key))
}

/// A state on the accounts list with three queues defined.
fn with_queues() -> State {
    let mut state = State::new(Timestamp::UNIX_EPOCH, 120, 40, "test".into());
    let _ = start(&mut state);
    state.queues = QueueScreen::new(vec!["Churn risk".into(), "Renewals".into(), "Win back".into()]);
    state
}

fn load_effect(outcome: &Outcome) -> (u64, usize) {
    match outcome.effects[..] {
        [Effect::LoadQueues { generation, queue, .. }] => (generation, queue),
        _ => panic!("one queue load, not {:?}", outcome.effects),
    }
}

fn deliver(state: &mut State, generation: u64, rows: usize) -> Outcome {
    let rows = (1..=rows as i64).map(row).collect();
    update(state, Action::QueuesLoaded { generation, result: Ok(QueueLoad::new(vec![4, 7, 0], rows)) })
}

#[test]
fn q_opens_the_queues_and_loads_the_first() {
    let mut state = with_queues();
    let outcome = press(&mut state, Key::char('Q'));
    assert_eq!(state.screen, Screen::Queues);
    let (generation, queue) = load_effect(&outcome);
    assert_eq!(queue, 0);
    assert!(state.queues.rows.is_none(), "loading");
    let _ = deliver(&mut state, generation, 4);
    assert_eq!(state.queues.row_count(), 4);
    let counts: Vec<_> = state.queues.queues.iter().map(|entry| entry.count).collect();
    assert_eq!(counts, vec![Some(4), Some(7), Some(0)]);
}

#[test]
fn tab_and_brackets_switch_queue_and_wrap() {
    let mut state = with_queues();
    let _ = press(&mut state, Key::char('Q'));
    assert_eq!(load_effect(&press(&mut state, Key::plain(KeyCode::Tab))).1, 1);
    assert_eq!(load_effect(&press(&mut state, Key::char(']'))).1, 2);
    assert_eq!(load_effect(&press(&mut state, Key::char(']'))).1, 0, "after the last comes the first");
    assert_eq!(load_effect(&press(&mut state, Key::plain(KeyCode::BackTab))).1, 2);
    assert_eq!(load_effect(&press(&mut state, Key::char('['))).1, 1);
    assert_eq!(state.queues.queue, 1);
}

#[test]
fn j_and_k_move_in_the_rows_and_stay_in_bounds() {
    let mut state = with_queues();
    let (generation, _) = load_effect(&press(&mut state, Key::char('Q')));
    let _ = deliver(&mut state, generation, 100);
    assert!(!press(&mut state, Key::char('k')).redraw, "nothing above the first row");
    let _ = press(&mut state, Key::char('j'));
    let _ = press(&mut state, Key::char('j'));
    assert_eq!(state.queues.selected, 2);
    let _ = press(&mut state, Key::char('G'));
    assert_eq!(state.queues.selected, 99);
    let visible = layout::queue_table_rows(state.height);
    assert_eq!(state.queues.offset, 100 - visible, "the cursor stays on screen");
    assert!(!press(&mut state, Key::char('j')).redraw);
}

#[test]
fn a_switch_moves_the_cursor_back_to_the_top() {
    let mut state = with_queues();
    let (generation, _) = load_effect(&press(&mut state, Key::char('Q')));
    let _ = deliver(&mut state, generation, 10);
    let _ = press(&mut state, Key::char('j'));
    let (generation, _) = load_effect(&press(&mut state, Key::plain(KeyCode::Tab)));
    assert_eq!((state.queues.selected, state.queues.row_count()), (0, 0));
    let _ = deliver(&mut state, generation, 3);
    assert_eq!((state.queues.selected, state.queues.row_count()), (0, 3));
}

#[test]
fn enter_opens_the_account_and_esc_comes_back_to_the_queue() {
    let mut state = with_queues();
    let (generation, _) = load_effect(&press(&mut state, Key::char('Q')));
    let _ = deliver(&mut state, generation, 5);
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(state.screen, Screen::AccountDetail);
    assert!(matches!(outcome.effects[..], [Effect::LoadAccountDetail { account: AccountId(2), .. }]));
    let outcome = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::Queues, "back to the queue, not the accounts");
    assert!(outcome.effects.is_empty(), "the queue is kept, not loaded again");
    assert_eq!((state.queues.selected, state.queues.row_count()), (1, 5), "the cursor is where it was");
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountList);
}

#[test]
fn an_account_opened_from_the_list_still_goes_back_to_the_list() {
    let mut state = with_queues();
    let rows = AccountRows::new(vec![row(1).account]);
    let generation = state.accounts.generation;
    let _ = update(&mut state, Action::AccountsLoaded { generation, result: Ok(rows) });
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountList);
}

#[test]
fn a_stale_load_is_dropped() {
    let mut state = with_queues();
    let (stale, _) = load_effect(&press(&mut state, Key::char('Q')));
    let (fresh, queue) = load_effect(&press(&mut state, Key::plain(KeyCode::Tab)));
    assert_eq!(queue, 1);
    assert!(!deliver(&mut state, stale, 9).redraw, "the first queue's rows came too late");
    assert!(state.queues.rows.is_none());
    assert!(state.queues.queues.iter().all(|entry| entry.count.is_none()));
    let _ = deliver(&mut state, fresh, 2);
    assert_eq!(state.queues.row_count(), 2);
}

#[test]
fn a_failed_load_says_why() {
    let mut state = with_queues();
    let (generation, _) = load_effect(&press(&mut state, Key::char('Q')));
    let _ = update(&mut state, Action::QueuesLoaded { generation, result: Err("disk gone".into()) });
    assert_eq!(state.queues.error.as_deref(), Some("disk gone"));
}

#[test]
fn no_queues_opens_an_empty_screen_without_a_load() {
    let mut state = State::new(Timestamp::UNIX_EPOCH, 120, 40, "test".into());
    let outcome = press(&mut state, Key::char('Q'));
    assert_eq!(state.screen, Screen::Queues);
    assert!(outcome.effects.is_empty());
    assert!(!press(&mut state, Key::plain(KeyCode::Tab)).redraw);
}
