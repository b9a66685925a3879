//! `update`'s tests for the search box.

use super::tests::loaded;
use super::*;
use crate::app::keys::KeyCode;
use crate::search::{Hit, SearchKind};

fn press(state: &mut State, key: Key) -> Outcome {
    update(state, Action::Key(key))
}

fn hit(kind: SearchKind, record: i64, account: i64) -> Hit {
    Hit {
        kind,
        record,
        account: AccountId(account),
        text: format!("record {record}"),
        score: 100,
        indices: vec![0],
    }
}

fn asked(outcome: &Outcome) -> (u64, String) {
    match &outcome.effects[..] {
        [Effect::Search { generation, query }] => (*generation, query.clone()),
        effects => panic!("one search, not {effects:?}"),
    }
}

fn answer(state: &mut State, generation: u64, hits: Vec<Hit>, done: bool) -> Outcome {
    let answer =
        SearchAnswer { generation, query: "ac".into(), hits, scanned: 10, total: 20, done, error: None };
    update(state, Action::from(answer))
}

#[test]
fn ctrl_k_opens_the_box_and_each_key_asks_again() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::ctrl('k'));
    assert!(state.search.is_some());
    let (first, query) = asked(&press(&mut state, Key::char('a')));
    assert_eq!(query, "a");
    let (second, query) = asked(&press(&mut state, Key::char('c')));
    assert_eq!(query, "ac");
    assert!(second > first);
    assert!(!answer(&mut state, first, vec![hit(SearchKind::Account, 1, 1)], true).redraw, "an older answer");
    let _ = answer(&mut state, second, vec![hit(SearchKind::Account, 2, 2)], false);
    let search = state.search.as_ref().expect("open");
    assert_eq!((search.hits.len(), search.done), (1, false), "a partial answer is shown");
    assert_eq!(state.accounts.selected, 0, "keys went to the box, not the list");
}

#[test]
fn an_empty_query_has_no_hits_and_asks_nothing() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::ctrl('k'));
    let (generation, _) = asked(&press(&mut state, Key::char('a')));
    let _ = answer(&mut state, generation, vec![hit(SearchKind::Account, 1, 1)], true);
    let outcome = press(&mut state, Key::plain(KeyCode::Backspace));
    assert!(outcome.effects.is_empty());
    assert!(state.search.as_ref().is_some_and(|search| search.hits.is_empty()));
}

#[test]
fn enter_on_a_ticket_opens_its_account_and_then_the_ticket() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::ctrl('k'));
    let (generation, _) = asked(&press(&mut state, Key::char('x')));
    let hits = vec![hit(SearchKind::Account, 1, 1), hit(SearchKind::Ticket, 77, 3)];
    let _ = answer(&mut state, generation, hits, true);
    let _ = press(&mut state, Key::plain(KeyCode::Down));
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert!(state.search.is_none());
    let [Effect::FindAccount { ref query, .. }] = outcome.effects[..] else {
        panic!("the account is looked up, not {:?}", outcome.effects);
    };
    assert_eq!(query, "#3");
    assert_eq!(
        state.pending_open,
        Some(PendingOpen { tab: crate::app::account_tabs::AccountTab::Tickets, ticket: Some(TicketId(77)) })
    );
}

#[test]
fn esc_closes_the_box_and_the_screen_stays() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::ctrl('k'));
    let _ = press(&mut state, Key::char('q'));
    assert!(!state.quit, "q was typed");
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert!(state.search.is_none());
    assert_eq!(state.screen, Screen::AccountList);
}

#[test]
fn a_workspace_change_forgets_the_index_and_asks_again() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::ctrl('k'));
    let _ = press(&mut state, Key::char('a'));
    let outcome = update(&mut state, Action::WorkspaceChanged);
    assert!(outcome.effects.contains(&Effect::ForgetSearchIndex));
    assert!(
        outcome.effects.iter().any(|effect| matches!(effect, Effect::Search { query, .. } if query == "a"))
    );
}
