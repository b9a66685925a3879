//! `update` for `y`: what the record on screen is known by, copied to the
//! clipboard through the terminal (the console writes it as OSC 52, which
//! works over SSH and inside tmux). An account is copied as its domain — the
//! one thing that names it in every backend and mail client — or its id
//! without one; a ticket as its backend id, or `#id`; on the contacts tab,
//! the champion's e-mail address (else the first contact's). The status
//! line says what was copied.

use super::{Effect, Outcome, set_error};
use crate::app::account_tabs::AccountTab;
use crate::app::state::{Notice, Screen, State};
use crate::model::AccountSummary;

pub(super) fn copy(state: &mut State) -> Outcome {
    let picked = match state.screen {
        Screen::AccountList => state.accounts.selected_row().map(account_reference),
        Screen::Queues => state.queues.selected_row().map(|row| account_reference(&row.account)),
        Screen::AccountDetail => detail_reference(state),
        Screen::Ticket => state.ticket.as_ref().map(|view| {
            let ticket = view.conversation.as_ref().map(|conversation| &conversation.ticket);
            match ticket.and_then(|ticket| ticket.external.as_ref()) {
                Some(external) => {
                    (external.id.to_string(), format!("ticket #{}'s backend id", view.ticket_id))
                }
                None => (format!("#{}", view.ticket_id), "the ticket's id".to_owned()),
            }
        }),
        Screen::Tasks => state
            .tasks
            .selected_row()
            .map(|row| (format!("#{}", row.task.id.0), format!("the task \"{}\"'s id", row.task.title))),
        Screen::Outbox => state
            .outbox
            .selected_item()
            .map(|item| (item.key.to_string(), format!("outbox item #{}'s idempotency key", item.id))),
        Screen::Dashboard => None,
    };
    let Some((text, what)) = picked.filter(|(text, _)| !text.is_empty()) else {
        set_error(state, "Nothing to copy here: choose an account, a contact or a ticket".to_owned());
        return Outcome::redraw();
    };
    state.notice = Some(Notice { text: format!("Copied {what}: {text}"), is_error: false });
    Outcome::with(Effect::CopyToClipboard { text })
}

/// The account's domain, or its id when it has none.
fn account_reference(account: &AccountSummary) -> (String, String) {
    if account.domain.is_empty() {
        (format!("#{}", account.id.0), format!("{}'s id", account.name))
    } else {
        (account.domain.to_string(), format!("{}'s domain", account.name))
    }
}

fn detail_reference(state: &State) -> Option<(String, String)> {
    let view = state.detail.as_ref()?;
    if view.tab == AccountTab::Contacts {
        let contacts = &view.detail.as_ref()?.contacts;
        let contact = contacts.iter().find(|contact| contact.champion).or(contacts.first())?;
        return Some((contact.email.to_string(), format!("{}'s e-mail", contact.name)));
    }
    Some(account_reference(&view.summary))
}
