//! `update`'s tests for the account view's tabs and the ticket view.

use jiff::Timestamp;

use super::*;
use crate::app::account_tabs::{AccountTab, TimelineFilter};
use crate::app::keys::KeyCode;
use crate::app::state::AccountHealth;
use crate::app::ticket::{Conversation, ConversationLine};
use crate::metrics::RiskLevel;
use crate::metrics::health::HealthExplanation;
use crate::model::{
    Account, AccountSummary, Currency, Event, EventKind, FieldCap, LifecycleStage, Money, SafeText, Ticket,
    TicketChannel, TicketComment, TicketPriority, TicketStatus,
};

fn text(value: &str) -> SafeText {
    SafeText::line(value, FieldCap::SUBJECT)
}

fn summary() -> AccountSummary {
    AccountSummary {
        id: AccountId(1),
        name: text("Acme"),
        domain: text("acme.example"),
        stage: LifecycleStage::Retention,
        plan: text("team"),
        mrr: Money::new(100, Currency::USD),
        renewal_date: None,
        owner: text("Anna"),
    }
}

fn ticket(id: i64) -> Ticket {
    Ticket {
        id: TicketId(id),
        account_id: AccountId(1),
        requester_id: None,
        subject: text(&format!("Ticket {id}")),
        status: TicketStatus::Open,
        priority: TicketPriority::Normal,
        assignee: SafeText::default(),
        channel: TicketChannel::Email,
        created_at: Timestamp::UNIX_EPOCH,
        updated_at: Timestamp::UNIX_EPOCH,
        solved_at: None,
        sla_due_at: None,
        satisfaction: None,
        external: None,
    }
}

fn event(kind: EventKind) -> Event {
    Event { at: Timestamp::UNIX_EPOCH, account_id: AccountId(1), kind }
}

/// An account with 3 tickets and a timeline of 60 events: 50 notes and 10
/// stage changes.
fn detail() -> AccountDetail {
    let s = summary();
    let note = || EventKind::NoteAdded { author: text("Anna"), body: text("called") };
    let stage =
        || EventKind::StageChanged { from: None, to: LifecycleStage::Retention, reason: SafeText::default() };
    let timeline = (0..60).map(|i| event(if i % 6 == 0 { stage() } else { note() })).collect();
    AccountDetail {
        account: Account {
            id: s.id,
            name: s.name,
            domain: s.domain,
            plan: s.plan,
            mrr: s.mrr,
            owner: s.owner,
            stage: s.stage,
            renewal_date: None,
            created_at: Timestamp::UNIX_EPOCH,
            tags: Vec::new(),
            external_ids: Vec::new(),
        },
        contacts: Vec::new(),
        timeline,
        tickets: (1..=3).rev().map(ticket).collect(),
        surveys: Vec::new(),
        nps: Default::default(),
        purchases: Vec::new(),
        lifetime_value: Vec::new(),
        usage: Vec::new(),
        tasks: Vec::new(),
        notes: Vec::new(),
        meddic: Vec::new(),
        health: AccountHealth {
            explanation: HealthExplanation {
                score: None,
                shown_score: None,
                band: None,
                change_30d: None,
                currency: Currency::USD,
                components: Vec::new(),
            },
            trend: vec![None; 30],
            risk_level: RiskLevel::Low,
            risk_weight: 0,
            risk_reasons: Vec::new(),
        },
    }
}

/// A 120×40 state with the account view open and loaded.
pub(super) fn account_open() -> State {
    let mut state = State::new(Timestamp::UNIX_EPOCH, 120, 40, "test".into());
    let Effect::LoadAccounts { generation, .. } = start(&mut state).effects[0].clone() else {
        panic!("the first effect loads the accounts");
    };
    let rows = AccountRows::new(vec![summary()]);
    let _ = update(&mut state, Action::AccountsLoaded { generation, result: Ok(rows) });
    let Effect::LoadAccountDetail { generation, .. } =
        press(&mut state, Key::plain(KeyCode::Enter)).effects[0]
    else {
        panic!("enter loads the account");
    };
    let _ = update(&mut state, Action::DetailLoaded { generation, result: Ok(Box::new(detail())) });
    state
}

fn press(state: &mut State, key: Key) -> Outcome {
    update(state, Action::Key(key))
}

fn view(state: &State) -> &DetailView {
    state.detail.as_ref().expect("the account view is open")
}

#[test]
fn tab_backtab_and_number_keys_switch_tabs() {
    let mut state = account_open();
    assert_eq!(view(&state).tab, AccountTab::Timeline);
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(view(&state).tab, AccountTab::Tickets);
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    assert_eq!(view(&state).tab, AccountTab::Notes, "back from the first tab wraps to the last");
    let _ = press(&mut state, Key::char('7'));
    assert_eq!(view(&state).tab, AccountTab::Health);
    assert!(!press(&mut state, Key::char('7')).redraw, "the tab shown already");
}

#[test]
fn each_tab_starts_at_its_top_and_scrolls_within_its_rows() {
    let mut state = account_open();
    let _ = press(&mut state, Key::char('G'));
    let visible = layout::account_tab_rows(state.height);
    assert_eq!(view(&state).scroll, 60 - visible, "the last timeline row at the bottom");
    let _ = press(&mut state, Key::char('2'));
    assert_eq!(view(&state).scroll, 0);
    let _ = press(&mut state, Key::char('G'));
    assert_eq!(view(&state).scroll, 2, "the tickets cursor stops on the last ticket");
    let _ = update(&mut state, Action::Resize { width: 80, height: 24 });
    assert_eq!(view(&state).scroll, 2, "a resize keeps a cursor that still fits");
}

#[test]
fn f_cycles_the_timeline_filter_on_the_timeline_only() {
    let mut state = account_open();
    let _ = press(&mut state, Key::char('j'));
    let _ = press(&mut state, Key::char('f'));
    assert_eq!(view(&state).timeline_filter, TimelineFilter::Kind("stage"));
    assert_eq!(view(&state).scroll, 0, "a new filter starts at the top");
    assert!(!press(&mut state, Key::char('j')).redraw, "the 10 stage events fit on one page");
    for _ in 0..7 {
        let _ = press(&mut state, Key::char('f'));
    }
    assert_eq!(view(&state).timeline_filter, TimelineFilter::All);
    let _ = press(&mut state, Key::char('2'));
    assert!(!press(&mut state, Key::char('f')).redraw, "no filter on the tickets tab");
}

#[test]
fn enter_on_a_ticket_opens_it_and_esc_goes_back_to_the_account() {
    let mut state = account_open();
    assert!(press(&mut state, Key::plain(KeyCode::Enter)).effects.is_empty(), "not on the tickets tab");
    let _ = press(&mut state, Key::char('2'));
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(state.screen, Screen::Ticket);
    let [Effect::LoadTicket { generation, ticket: opened, width }] = outcome.effects[..] else {
        panic!("opening a ticket loads it: {:?}", outcome.effects);
    };
    assert_eq!((opened, width), (TicketId(2), layout::conversation_width(120)));
    let comment = TicketComment {
        id: crate::model::CommentId(1),
        ticket_id: TicketId(2),
        author: text("Jo"),
        by_agent: false,
        public: true,
        body: SafeText::multiline("hello there", FieldCap::BODY),
        created_at: Timestamp::UNIX_EPOCH,
    };
    let conversation = Conversation::new(ticket(2), None, &[comment], width);
    let _ = update(&mut state, Action::TicketLoaded { generation, result: Ok(Box::new(conversation)) });
    let lines = &state.ticket.as_ref().and_then(|view| view.conversation.as_ref()).expect("loaded").lines;
    assert_eq!(lines[1], ConversationLine::Body("hello there".into()));
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountDetail);
    assert!(state.ticket.is_none());
    assert_eq!((view(&state).tab, view(&state).scroll), (AccountTab::Tickets, 1), "where the user left it");
}

#[test]
fn a_resize_rewraps_the_ticket_and_stale_loads_are_dropped() {
    let mut state = account_open();
    let _ = press(&mut state, Key::char('2'));
    let [Effect::LoadTicket { generation: first, .. }] =
        press(&mut state, Key::plain(KeyCode::Enter)).effects[..]
    else {
        panic!("opening a ticket loads it");
    };
    let resized = update(&mut state, Action::Resize { width: 90, height: 30 });
    let [Effect::LoadTicket { generation: second, width, .. }] = resized.effects[..] else {
        panic!("a resize wraps the ticket again: {:?}", resized.effects);
    };
    assert_eq!(width, layout::conversation_width(90));
    let stale = Conversation::new(ticket(3), None, &[], layout::conversation_width(120));
    let outcome = update(&mut state, Action::TicketLoaded { generation: first, result: Ok(Box::new(stale)) });
    assert!(!outcome.redraw, "the load for the old width is dropped");
    assert!(state.ticket.as_ref().is_some_and(|view| view.conversation.is_none()));
    let _ = update(&mut state, Action::TicketLoaded { generation: second, result: Err("gone".into()) });
    assert_eq!(state.ticket.as_ref().and_then(|view| view.error.as_deref()), Some("gone"));
    assert!(update(&mut state, Action::Resize { width: 90, height: 30 }).effects.is_empty(), "same width");
}

#[test]
fn a_detail_load_for_an_account_left_behind_is_dropped() {
    let mut state = account_open();
    let generation = view(&state).generation;
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    let outcome = update(&mut state, Action::DetailLoaded { generation, result: Ok(Box::new(detail())) });
    assert!(!outcome.redraw);
    assert!(view(&state).detail.is_none(), "the reopened view waits for its own load");
}
