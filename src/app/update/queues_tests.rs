//! `update`'s tests for the queues screen.

use jiff::Timestamp;
use jiff::civil::date;

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
        mrr: Money::new(100 * id, Currency::USD),
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
    state.queues = QueueScreen::new(
        [("churn_risk", "Churn risk"), ("renewals", "Renewals"), ("win_back", "Win back")]
            .into_iter()
            .map(|(id, title)| (id.to_owned(), title.to_owned()))
            .collect(),
    );
    state
}

fn compute_effect(outcome: &Outcome) -> u64 {
    match outcome.effects[..] {
        [Effect::ComputeQueues { generation, .. }] => generation,
        _ => panic!("one computation, not {:?}", outcome.effects),
    }
}

/// Delivers queues of these sizes, each holding accounts 1..=size.
fn deliver(state: &mut State, generation: u64, sizes: [i64; 3]) -> Outcome {
    let rows = sizes.iter().map(|&size| (1..=size).map(row).collect()).collect();
    update(state, Action::QueuesComputed { generation, result: Ok(QueueLoad::new(rows)) })
}

/// The queues screen open with its queues computed.
pub(super) fn computed(sizes: [i64; 3]) -> State {
    let mut state = with_queues();
    let generation = compute_effect(&press(&mut state, Key::char('Q')));
    let _ = deliver(&mut state, generation, sizes);
    state
}

fn shown_ids(state: &State) -> Vec<i64> {
    (0..state.queues.row_count()).filter_map(|i| state.queues.row(i)).map(|row| row.account.id.0).collect()
}

#[test]
fn q_opens_the_queues_and_computes_them_all_once() {
    let mut state = with_queues();
    let outcome = press(&mut state, Key::char('Q'));
    assert_eq!(state.screen, Screen::Queues);
    let generation = compute_effect(&outcome);
    assert!(state.queues.computing && state.queues.computed.is_none());
    let _ = deliver(&mut state, generation, [4, 7, 0]);
    assert_eq!(state.queues.row_count(), 4);
    let counts: Vec<_> = state.queues.queues.iter().map(|entry| entry.count).collect();
    assert_eq!(counts, vec![Some(4), Some(7), Some(0)]);
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    let again = press(&mut state, Key::char('Q'));
    assert!(again.effects.is_empty(), "computed queues are kept");
}

#[test]
fn tab_and_brackets_switch_queue_at_once_and_wrap() {
    let mut state = computed([4, 7, 0]);
    let outcome = press(&mut state, Key::plain(KeyCode::Tab));
    assert!(outcome.redraw && outcome.effects.is_empty(), "no load: the rows are there");
    assert_eq!((state.queues.queue, state.queues.row_count()), (1, 7));
    let _ = press(&mut state, Key::char(']'));
    let _ = press(&mut state, Key::char(']'));
    assert_eq!(state.queues.queue, 0, "after the last comes the first");
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    assert_eq!(state.queues.queue, 2);
    let _ = press(&mut state, Key::char('['));
    assert_eq!(state.queues.queue, 1);
}

#[test]
fn j_and_k_move_in_the_rows_and_stay_in_bounds() {
    let mut state = computed([100, 1, 1]);
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
    let mut state = computed([10, 3, 0]);
    let _ = press(&mut state, Key::char('j'));
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!((state.queues.selected, state.queues.row_count()), (0, 3));
}

#[test]
fn enter_opens_the_account_and_esc_comes_back_to_the_queue() {
    let mut state = computed([5, 0, 0]);
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
fn sorting_by_a_column_keeps_the_cursor_on_its_account() {
    let mut state = computed([5, 0, 0]);
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::char('4'));
    assert!(outcome.effects.is_empty(), "sorted in memory");
    assert_eq!(state.queues.sort, Some(AccountSort { column: AccountColumn::Mrr, descending: false }));
    assert_eq!(shown_ids(&state), vec![1, 2, 3, 4, 5]);
    let _ = press(&mut state, Key::char('4'));
    assert_eq!(shown_ids(&state), vec![5, 4, 3, 2, 1], "the same column again reverses");
    assert_eq!(state.queues.selected_row().map(|row| row.account.id), Some(AccountId(2)));
    let _ = press(&mut state, Key::char('r'));
    assert_eq!(shown_ids(&state), vec![1, 2, 3, 4, 5]);
}

#[test]
fn s_steps_through_the_columns_and_back_to_the_queue_order() {
    let mut state = computed([3, 0, 0]);
    let mut seen = Vec::new();
    for _ in 0..7 {
        let _ = press(&mut state, Key::char('s'));
        seen.push(state.queues.sort.map(|sort| sort.column));
    }
    use AccountColumn::*;
    assert_eq!(
        seen,
        vec![Some(Name), Some(Stage), Some(Plan), Some(Mrr), Some(Renewal), Some(Owner), None],
        "after the last column comes the queue's own order"
    );
}

#[test]
fn renewal_order_puts_undated_accounts_last_either_way() {
    let mut state = with_queues();
    let generation = compute_effect(&press(&mut state, Key::char('Q')));
    let mut rows: Vec<QueueRow> = (1..=3).map(row).collect();
    rows[0].account.renewal_date = Some(date(2027, 3, 1));
    rows[2].account.renewal_date = Some(date(2026, 12, 1));
    let load = QueueLoad::new(vec![rows, Vec::new(), Vec::new()]);
    let _ = update(&mut state, Action::QueuesComputed { generation, result: Ok(load) });
    let _ = press(&mut state, Key::char('5'));
    assert_eq!(shown_ids(&state), vec![3, 1, 2]);
    let _ = press(&mut state, Key::char('5'));
    assert_eq!(shown_ids(&state), vec![1, 3, 2]);
}

fn filter_on(state: &mut State, text: &str) -> u64 {
    let _ = press(state, Key::char('/'));
    let _ = press(state, Key::ctrl('u'));
    for c in text.chars() {
        let _ = press(state, Key::char(c));
    }
    let outcome = press(state, Key::plain(KeyCode::Enter));
    match outcome.effects[..] {
        [Effect::MatchAccounts { generation, .. }] => generation,
        _ => panic!("one match, not {:?}", outcome.effects),
    }
}

#[test]
fn a_filter_narrows_every_queue_and_esc_takes_it_away() {
    let mut state = computed([5, 4, 0]);
    let generation = filter_on(&mut state, "plan:enterprise");
    assert_eq!(shown_ids(&state), vec![1, 2, 3, 4, 5], "rows stay until the match arrives");
    let ids = vec![AccountId(2), AccountId(4), AccountId(9)];
    let _ = update(&mut state, Action::AccountsMatched { generation, result: Ok(ids) });
    assert_eq!(shown_ids(&state), vec![2, 4]);
    let matching: Vec<_> = state.queues.queues.iter().map(|entry| entry.matching).collect();
    assert_eq!(matching, vec![Some(2), Some(2), Some(0)]);
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(shown_ids(&state), vec![2, 4], "the filter goes with the switch");
    let outcome = press(&mut state, Key::plain(KeyCode::Esc));
    assert!(outcome.effects.is_empty());
    assert_eq!((state.screen, shown_ids(&state)), (Screen::Queues, vec![1, 2, 3, 4]), "Esc clears first");
    assert!(state.queues.queues.iter().all(|entry| entry.matching.is_none()));
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountList);
}

#[test]
fn a_stale_match_and_a_failed_match_are_handled() {
    let mut state = computed([5, 0, 0]);
    let old = filter_on(&mut state, "nps < 7");
    let new = filter_on(&mut state, "nps < 5");
    let stale = update(&mut state, Action::AccountsMatched { generation: old, result: Ok(vec![]) });
    assert!(!stale.redraw && state.queues.row_count() == 5, "the older filter's answer is dropped");
    let _ = update(&mut state, Action::AccountsMatched { generation: new, result: Err("locked".into()) });
    assert_eq!(state.queues.filter, None);
    assert_eq!(state.queues.row_count(), 5);
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("The filter could not be applied: locked")
    );
}

#[test]
fn a_workspace_change_computes_again_and_keeps_the_cursor() {
    let mut state = computed([5, 0, 0]);
    let generation = filter_on(&mut state, "nps < 7");
    let all = (1..=5).map(AccountId).collect();
    let _ = update(&mut state, Action::AccountsMatched { generation, result: Ok(all) });
    let _ = press(&mut state, Key::char('j'));
    let _ = press(&mut state, Key::char('j'));
    let outcome = update(&mut state, Action::WorkspaceChanged);
    let kinds: Vec<_> = outcome
        .effects
        .iter()
        .filter(|effect| **effect != Effect::ForgetSearchIndex)
        .map(std::mem::discriminant)
        .collect();
    let expected = [
        Effect::LoadAccounts {
            generation: 0,
            sort: state.accounts.sort,
            filter: None,
            among: None,
            now: state.now,
        },
        Effect::ComputeQueues { generation: 0, now: state.now },
        Effect::MatchAccounts {
            generation: 0,
            filter: crate::query::parse("nps < 7").unwrap(),
            now: state.now,
        },
        // The outbox's counts, and the playbooks for what the other process wrote.
        Effect::LoadOutbox { generation: 0 },
        Effect::RunPlaybooks,
        Effect::WakePusher,
    ];
    assert_eq!(kinds, expected.iter().map(std::mem::discriminant).collect::<Vec<_>>());
    let compute = outcome.effects.iter().find(|effect| matches!(effect, Effect::ComputeQueues { .. }));
    let generation =
        compute_effect(&Outcome { redraw: true, effects: compute.into_iter().cloned().collect() });
    assert!(state.queues.computing);
    // Account 2 left the queue; account 3 under the cursor is still there.
    let rows = vec![[1, 3, 4, 5, 6].into_iter().map(row).collect(), Vec::new(), Vec::new()];
    let _ = update(&mut state, Action::QueuesComputed { generation, result: Ok(QueueLoad::new(rows)) });
    assert_eq!(state.queues.selected_row().map(|row| row.account.id), Some(AccountId(3)));
    assert_eq!(shown_ids(&state), vec![1, 3, 4, 5], "account 6 is outside the filter");
}

#[test]
fn queue_opens_a_queue_by_id_or_title() {
    let mut state = computed([1, 2, 3]);
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    let _ = press(&mut state, Key::char(':'));
    for c in "queue win".chars() {
        let _ = press(&mut state, Key::char(c));
    }
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!((state.screen, state.queues.queue), (Screen::Queues, 2));
    let _ = press(&mut state, Key::char(':'));
    for c in "queue renewls".chars() {
        let _ = press(&mut state, Key::char(c));
    }
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("no queue \"renewls\": did you mean renewals?")
    );
}

#[test]
fn a_stale_computation_is_dropped() {
    let mut state = with_queues();
    let stale = compute_effect(&press(&mut state, Key::char('Q')));
    let fresh = compute_effect(&press(&mut state, Key::char('R')));
    assert!(!deliver(&mut state, stale, [9, 9, 9]).redraw, "the first computation came too late");
    assert!(state.queues.computed.is_none());
    let _ = deliver(&mut state, fresh, [2, 0, 0]);
    assert_eq!(state.queues.row_count(), 2);
}

#[test]
fn a_failed_computation_says_why() {
    let mut state = with_queues();
    let generation = compute_effect(&press(&mut state, Key::char('Q')));
    let _ = update(&mut state, Action::QueuesComputed { generation, result: Err("disk gone".into()) });
    assert_eq!(state.queues.error.as_deref(), Some("disk gone"));
    assert!(!state.queues.computing);
}

#[test]
fn no_queues_opens_an_empty_screen_without_a_load() {
    let mut state = State::new(Timestamp::UNIX_EPOCH, 120, 40, "test".into());
    let outcome = press(&mut state, Key::char('Q'));
    assert_eq!(state.screen, Screen::Queues);
    assert!(outcome.effects.is_empty());
    assert!(!press(&mut state, Key::plain(KeyCode::Tab)).redraw);
}
