//! `update` for the account view and the ticket view opened from it: tabs,
//! the timeline filter, scrolling within a tab, and opening and closing a
//! ticket.

use super::{Effect, Outcome, clamp_add};
use crate::app::account_tabs::{self, AccountTab};
use crate::app::layout;
use crate::app::state::{DetailView, Notice, Screen, State};
use crate::app::ticket::{Conversation, TicketView};
use crate::connectors::records::CommentRecord;
use crate::model::TicketId;

pub(super) fn show_tab(state: &mut State, tab: AccountTab) -> Outcome {
    let Some(view) = state.detail.as_mut() else {
        return Outcome::unchanged();
    };
    if view.tab == tab {
        return Outcome::unchanged();
    }
    view.tab = tab;
    view.scroll = 0;
    Outcome::redraw()
}

pub(super) fn step_tab(state: &mut State, step: isize) -> Outcome {
    match state.detail.as_ref().map(|view| view.tab.step(step)) {
        Some(tab) => show_tab(state, tab),
        None => Outcome::unchanged(),
    }
}

/// Only the timeline has a kind filter; elsewhere the key does nothing.
pub(super) fn cycle_timeline_filter(state: &mut State) -> Outcome {
    let Some(view) = state.detail.as_mut().filter(|view| view.tab == AccountTab::Timeline) else {
        return Outcome::unchanged();
    };
    view.timeline_filter = view.timeline_filter.next();
    view.scroll = 0;
    Outcome::redraw()
}

/// How far the tab may scroll: the tickets tab's cursor may reach the last
/// ticket; other tabs stop once their last row is at the bottom.
fn last_scroll(view: &DetailView, height: u16) -> usize {
    let Some(detail) = &view.detail else {
        return 0;
    };
    let rows = account_tabs::row_count(detail, view.tab, view.timeline_filter);
    if view.tab == AccountTab::Tickets {
        rows.saturating_sub(1)
    } else {
        let shown = layout::account_tab_rows(height).saturating_sub(account_tabs::header_rows(view.tab));
        rows.saturating_sub(shown)
    }
}

/// Puts the tickets tab's cursor on ticket `index` (a click).
pub(super) fn select_ticket(state: &mut State, index: usize) -> Outcome {
    let Some(view) = state.detail.as_mut() else {
        return Outcome::unchanged();
    };
    let count = view.detail.as_ref().map_or(0, |detail| detail.tickets.len());
    if view.tab != AccountTab::Tickets || index >= count || index == view.scroll {
        return Outcome::unchanged();
    }
    view.scroll = index;
    Outcome::redraw()
}

pub(super) fn scroll_tab_by(state: &mut State, delta: isize) -> Outcome {
    let height = state.height;
    let Some(view) = state.detail.as_mut() else {
        return Outcome::unchanged();
    };
    let target = clamp_add(view.scroll, delta, last_scroll(view, height));
    if target == view.scroll {
        return Outcome::unchanged();
    }
    view.scroll = target;
    Outcome::redraw()
}

pub(super) fn clamp_tab_scroll(state: &mut State) {
    let height = state.height;
    if let Some(view) = state.detail.as_mut() {
        view.scroll = view.scroll.min(last_scroll(view, height));
    }
}

/// Enter on the tickets tab opens the ticket under the cursor.
pub(super) fn open_selected_ticket(state: &mut State) -> Outcome {
    let selected = state
        .detail
        .as_ref()
        .filter(|view| view.tab == AccountTab::Tickets)
        .and_then(|view| view.detail.as_ref()?.tickets.get(view.scroll));
    let Some(ticket) = selected else {
        return Outcome::unchanged();
    };
    let (ticket_id, subject) = (ticket.id, ticket.subject.to_string());
    let width = layout::conversation_width(state.width);
    let generation = state.next_generation();
    state.ticket = Some(TicketView {
        ticket_id,
        subject,
        conversation: None,
        error: None,
        scroll: 0,
        width,
        generation,
        fetched: false,
    });
    state.screen = Screen::Ticket;
    Outcome::with(Effect::LoadTicket { generation, ticket: ticket_id, width })
}

pub(super) fn close_ticket(state: &mut State) -> Outcome {
    state.screen = Screen::AccountDetail;
    state.ticket = None;
    Outcome::redraw()
}

fn last_ticket_scroll(view: &TicketView, height: u16) -> usize {
    let lines = view.conversation.as_ref().map_or(0, |conversation| conversation.lines.len());
    lines.saturating_sub(layout::conversation_rows(height))
}

pub(super) fn scroll_ticket_by(state: &mut State, delta: isize) -> Outcome {
    let height = state.height;
    let Some(view) = state.ticket.as_mut() else {
        return Outcome::unchanged();
    };
    let target = clamp_add(view.scroll, delta, last_ticket_scroll(view, height));
    if target == view.scroll {
        return Outcome::unchanged();
    }
    view.scroll = target;
    Outcome::redraw()
}

/// After a resize the conversation is wrapped again for the new width, off
/// the UI task; the old lines stay on screen until the new ones arrive.
pub(super) fn ticket_resized(state: &mut State) -> Vec<Effect> {
    let width = layout::conversation_width(state.width);
    let height = state.height;
    let Some(view) = state.ticket.as_mut() else {
        return Vec::new();
    };
    view.scroll = view.scroll.min(last_ticket_scroll(view, height));
    if view.width == width {
        return Vec::new();
    }
    let ticket = view.ticket_id;
    let generation = state.next_generation();
    let Some(view) = state.ticket.as_mut() else {
        return Vec::new();
    };
    view.width = width;
    view.generation = generation;
    vec![Effect::LoadTicket { generation, ticket, width }]
}

pub(super) fn ticket_loaded(
    state: &mut State,
    generation: u64,
    result: Result<Box<Conversation>, String>,
) -> Outcome {
    let height = state.height;
    let Some(view) = state.ticket.as_mut().filter(|view| view.generation == generation) else {
        return Outcome::unchanged();
    };
    let mut effects = Vec::new();
    match result {
        Ok(conversation) => {
            // A ticket from a helpdesk: its conversation is read from there
            // when it is opened, once, and shown from the workspace meanwhile.
            let external = conversation.ticket.external.as_ref();
            if let Some(external) =
                external.filter(|external| !view.fetched && state.comment_sources.contains(&external.source))
            {
                view.fetched = true;
                effects.push(Effect::FetchComments {
                    generation,
                    ticket: view.ticket_id,
                    source: external.source,
                    external: external.id.to_string(),
                    width: view.width,
                });
            }
            view.conversation = Some(*conversation);
            view.error = None;
        }
        Err(message) => view.error = Some(message),
    }
    view.scroll = view.scroll.min(last_ticket_scroll(view, height));
    Outcome { redraw: true, effects }
}

/// The comments a backend gave for the open ticket: stored (replacing those
/// it gave before), then shown.
pub(super) fn comments_fetched(
    state: &mut State,
    generation: u64,
    ticket: TicketId,
    source: crate::model::Source,
    width: u16,
    result: Result<Vec<CommentRecord>, String>,
) -> Outcome {
    match result {
        Ok(comments) => Outcome::with(Effect::StoreComments { generation, ticket, source, comments, width }),
        Err(message) => {
            state.notice = Some(Notice {
                text: format!(
                    "The conversation could not be read from {source} ({message}); showing what is stored"
                ),
                is_error: true,
            });
            Outcome::redraw()
        }
    }
}
