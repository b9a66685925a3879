//! `update`'s tests for the dashboard.

use super::tests::loaded;
use super::*;
use crate::app::keys::KeyCode;
use crate::metrics::dashboard::{Dashboard, ScopeChoices, TILES, Tile};
use crate::metrics::{Edges, Interval};

fn board() -> Box<DashboardLoad> {
    let period =
        Interval::new(Timestamp::UNIX_EPOCH, Timestamp::from_second(86_400).unwrap(), Edges::ExcludesStart)
            .unwrap();
    let tiles = TILES
        .iter()
        .map(|(id, name, higher_is_better)| Tile {
            id,
            name,
            higher_is_better: *higher_is_better,
            current: Vec::new(),
            previous: Vec::new(),
            accounts: vec![AccountId(2), AccountId(4)],
        })
        .collect();
    let dashboard = Dashboard {
        period,
        previous: period,
        accounts: 5,
        tiles,
        trend: Vec::new(),
        funnel: Vec::new(),
        bands: [1, 1, 3],
        no_health_data: 0,
    };
    let choices = ScopeChoices {
        owners: vec!["Ann".into(), "Bo".into()],
        plans: vec!["team".into()],
        segments: vec!["Champions".into()],
    };
    Box::new(DashboardLoad { dashboard, choices })
}

fn dashboard_effect(outcome: &Outcome) -> (u64, Scope) {
    outcome
        .effects
        .iter()
        .find_map(|effect| match effect {
            Effect::LoadDashboard { generation, scope, .. } => Some((*generation, scope.clone())),
            _ => None,
        })
        .expect("a dashboard load")
}

fn open() -> State {
    let mut state = loaded(5);
    let (generation, _) = dashboard_effect(&press(&mut state, Key::char('D')));
    let _ = update(&mut state, Action::DashboardLoaded { generation, result: Ok(board()) });
    state
}

fn press(state: &mut State, key: Key) -> Outcome {
    update(state, Action::Key(key))
}

#[test]
fn d_opens_the_dashboard_and_loads_it_once() {
    let mut state = loaded(5);
    state.queues = crate::app::QueueScreen::new(vec![("renewals".into(), "Renewals".into())]);
    let outcome = press(&mut state, Key::char('D'));
    assert_eq!(state.screen, Screen::Dashboard);
    let (generation, scope) = dashboard_effect(&outcome);
    assert_eq!(scope, Scope::All);
    assert!(
        outcome.effects.iter().any(|effect| matches!(effect, Effect::ComputeQueues { .. })),
        "the queues' counts come along"
    );
    let stale =
        update(&mut state, Action::DashboardLoaded { generation: generation - 1, result: Ok(board()) });
    assert!(!stale.redraw);
    let _ = update(&mut state, Action::DashboardLoaded { generation, result: Ok(board()) });
    assert!(state.dashboard.load.is_some() && !state.dashboard.loading);
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountList);
    assert!(press(&mut state, Key::char('D')).effects.is_empty(), "kept, not loaded again");
}

#[test]
fn the_cursor_moves_between_tiles_and_rows() {
    let mut state = open();
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    let _ = press(&mut state, Key::char('l'));
    assert_eq!(state.dashboard.tile, 2);
    let _ = press(&mut state, Key::char('j'));
    assert_eq!(state.dashboard.tile, 7, "five tiles a row at 120 columns");
    assert!(!press(&mut state, Key::char('j')).redraw, "no row below");
    let _ = press(&mut state, Key::char('k'));
    let _ = press(&mut state, Key::char('h'));
    assert_eq!(state.dashboard.tile, 1);
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    assert_eq!(state.dashboard.tile, 8, "before the first comes the last");
}

#[test]
fn enter_explains_then_lists_the_accounts_and_esc_comes_back() {
    let mut state = open();
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    assert!(state.dashboard.explaining);
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert!(!state.dashboard.explaining && state.screen == Screen::Dashboard, "Esc closes the explanation");
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(state.screen, Screen::AccountList);
    let [Effect::LoadAccounts { ref among, .. }] = outcome.effects[..] else {
        panic!("the tile's accounts load, not {:?}", outcome.effects);
    };
    assert_eq!(among.as_deref(), Some(&vec![AccountId(2), AccountId(4)]));
    assert_eq!(state.accounts.drill.as_ref().map(|drill| drill.label.as_str()), Some("NPS, last 90 days"));
    let outcome = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::Dashboard);
    assert!(
        matches!(outcome.effects[..], [Effect::LoadAccounts { among: None, .. }]),
        "the whole list again"
    );
}

#[test]
fn o_p_and_s_narrow_to_each_owner_plan_and_segment_in_turn() {
    let mut state = open();
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('o')));
    assert_eq!(scope, Scope::Owner("Ann".into()));
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('o')));
    assert_eq!(scope, Scope::Owner("Bo".into()));
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('o')));
    assert_eq!(scope, Scope::All, "after the last owner, everyone");
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('p')));
    assert_eq!(scope, Scope::Plan("team".into()));
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('S')));
    assert_eq!(scope, Scope::Segment("Champions".into()));
    let (_, scope) = dashboard_effect(&press(&mut state, Key::char('x')));
    assert_eq!(scope, Scope::All);
    assert!(press(&mut state, Key::char('x')).effects.is_empty(), "already everyone");
}
