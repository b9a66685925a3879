//! `update` for the search box (ctrl-k, and `/` where no list takes a
//! filter): one ranked list of accounts, contacts, tickets and notes,
//! answered while typing. Every keystroke asks the search worker for the
//! new query with a new generation — the worker drops an older query — and
//! its answers, partial then final, come back as [`Action::SearchAnswered`];
//! one for an older generation is dropped. Enter opens the record: its
//! account, on the contacts or notes tab, or its ticket.

use super::{Action, Effect, Outcome, prompt};
use crate::app::account_tabs::AccountTab;
use crate::app::keys::{Key, KeyCode};
use crate::app::state::{PendingOpen, SearchBox, State};
use crate::model::TicketId;
use crate::search::SearchKind;

/// The longest query kept.
const MAX_QUERY_CHARS: usize = 200;

pub(super) fn open(state: &mut State) -> Outcome {
    state.search = Some(SearchBox::default());
    Outcome::redraw()
}

/// What a worker answer carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchAnswer {
    pub generation: u64,
    pub query: String,
    pub hits: Vec<crate::search::Hit>,
    pub scanned: usize,
    pub total: usize,
    pub done: bool,
    pub error: Option<String>,
}

pub(super) fn key(state: &mut State, key: Key) -> Outcome {
    let Some(search) = state.search.as_mut() else {
        return Outcome::unchanged();
    };
    let edited = match key.code {
        KeyCode::Esc => {
            state.search = None;
            return Outcome::redraw();
        }
        KeyCode::Char('c') if key.ctrl => {
            state.search = None;
            return Outcome::redraw();
        }
        KeyCode::Enter => return open_selected(state),
        KeyCode::Down | KeyCode::Tab => return move_by(state, 1),
        KeyCode::Char('n') if key.ctrl => return move_by(state, 1),
        KeyCode::Up | KeyCode::BackTab => return move_by(state, -1),
        KeyCode::Char('p') if key.ctrl => return move_by(state, -1),
        KeyCode::Char('u') if key.ctrl => {
            search.query.clear();
            true
        }
        KeyCode::Char('w') if key.ctrl => {
            let kept = search.query.trim_end().rfind(char::is_whitespace).map_or(0, |space| space + 1);
            search.query.truncate(kept);
            true
        }
        KeyCode::Backspace => search.query.pop().is_some(),
        KeyCode::Char(c) if !key.ctrl && !key.alt && search.query.chars().count() < MAX_QUERY_CHARS => {
            search.query.push(c);
            true
        }
        _ => false,
    };
    if !edited {
        return Outcome::unchanged();
    }
    ask(state)
}

/// Asks the worker for the query as typed; an empty one has no hits.
fn ask(state: &mut State) -> Outcome {
    let generation = state.next_generation();
    let Some(search) = state.search.as_mut() else {
        return Outcome::unchanged();
    };
    search.generation = generation;
    search.selected = 0;
    if search.query.trim().is_empty() {
        search.hits.clear();
        search.answered = Some(search.query.clone());
        search.done = true;
        return Outcome::redraw();
    }
    search.done = false;
    Outcome::with(Effect::Search { generation, query: search.query.clone() })
}

/// After a change to the workspace, the open query is asked again of an
/// index loaded afresh.
pub(super) fn refresh(state: &mut State) -> Vec<Effect> {
    let mut effects = vec![Effect::ForgetSearchIndex];
    if state.search.is_some() {
        effects.extend(ask(state).effects);
    }
    effects
}

pub(super) fn answered(state: &mut State, answer: SearchAnswer) -> Outcome {
    let Some(search) = state.search.as_mut().filter(|search| search.generation == answer.generation) else {
        return Outcome::unchanged();
    };
    search.hits = answer.hits;
    search.answered = Some(answer.query);
    search.scanned = answer.scanned;
    search.total = answer.total;
    search.done = answer.done;
    search.error = answer.error;
    search.selected = search.selected.min(search.hits.len().saturating_sub(1));
    Outcome::redraw()
}

fn move_by(state: &mut State, delta: isize) -> Outcome {
    let Some(search) = state.search.as_mut() else {
        return Outcome::unchanged();
    };
    let last = search.hits.len().saturating_sub(1);
    let target = search.selected.saturating_add_signed(delta).min(last);
    if target == search.selected {
        return Outcome::unchanged();
    }
    search.selected = target;
    Outcome::redraw()
}

/// Opens the hit under the cursor: its account is looked up like
/// `:account #id` and shown on the tab the hit belongs to.
fn open_selected(state: &mut State) -> Outcome {
    let Some(hit) = state.search.as_ref().and_then(|search| search.hits.get(search.selected)).cloned() else {
        return Outcome::unchanged();
    };
    state.search = None;
    state.pending_open = match hit.kind {
        SearchKind::Account => None,
        SearchKind::Contact => Some(PendingOpen { tab: AccountTab::Contacts, ticket: None }),
        SearchKind::Note => Some(PendingOpen { tab: AccountTab::Notes, ticket: None }),
        SearchKind::Ticket => {
            Some(PendingOpen { tab: AccountTab::Tickets, ticket: Some(TicketId(hit.record)) })
        }
    };
    prompt::find_account(state, format!("#{}", hit.account.0))
}

impl From<SearchAnswer> for Action {
    fn from(answer: SearchAnswer) -> Action {
        Action::SearchAnswered(Box::new(answer))
    }
}
