//! Actions from the keyboard: the form each action opens (on the account,
//! ticket or task on screen, or on the accounts selected for a bulk
//! action), its keys, and what it becomes when sent — a batch of changes,
//! asked about first when it touches more than one account.

use ratatui_textarea::{Input, Key as EditorKey};

use super::{Effect, Outcome, set_error};
use crate::app::account_tabs::AccountTab;
use crate::app::form::{Confirm, FieldInput, Form, Submission};
use crate::app::keys::{Key, KeyCode};
use crate::app::state::{Notice, Screen, State};
use crate::model::{AccountId, Change};

/// The accounts an action on a list applies to: the selected ones, else the
/// one under the cursor; with a title that says which.
fn targets(state: &State) -> Option<(Vec<AccountId>, String)> {
    if let Some(selected) = state.selection.on(state.screen) {
        let count = crate::app::form::count_of(selected.len(), "selected account", "selected accounts");
        return Some((selected.iter().copied().collect(), count));
    }
    let (id, name) = match state.screen {
        Screen::AccountDetail | Screen::Ticket => {
            state.detail.as_ref().map(|view| (view.account_id, view.summary.name.to_string()))?
        }
        Screen::AccountList => state.accounts.selected_row().map(|row| (row.id, row.name.to_string()))?,
        Screen::Queues => {
            state.queues.selected_row().map(|row| (row.account.id, row.account.name.to_string()))?
        }
        Screen::Tasks => {
            state.tasks.selected_row().map(|row| (row.task.account_id, row.account_name.to_string()))?
        }
        Screen::Dashboard | Screen::Outbox => return None,
    };
    Some((vec![id], name))
}

fn open(state: &mut State, form: Form) -> Outcome {
    state.form = Some(form);
    Outcome::redraw()
}

fn no_target(state: &mut State, what: &str) -> Outcome {
    set_error(state, format!("{what}: open an account or put the cursor on one first"));
    Outcome::redraw()
}

pub(super) fn open_note(state: &mut State) -> Outcome {
    match targets(state) {
        Some((accounts, name)) => open(state, Form::note(format!("Note on {name}"), accounts)),
        None => no_target(state, "A note"),
    }
}

pub(super) fn open_task(state: &mut State) -> Outcome {
    match targets(state) {
        Some((accounts, name)) => {
            let form = Form::task(format!("New task on {name}"), accounts, &state.me);
            open(state, form)
        }
        None => no_target(state, "A task"),
    }
}

pub(super) fn open_stage(state: &mut State) -> Outcome {
    let current =
        state.detail.as_ref().filter(|_| state.screen == Screen::AccountDetail).map(|v| v.summary.stage);
    match targets(state) {
        Some((accounts, name)) => open(state, Form::stage(format!("Stage of {name}"), accounts, current)),
        None => no_target(state, "A stage change"),
    }
}

pub(super) fn open_touchpoint(state: &mut State) -> Outcome {
    match state.detail.as_ref().map(|view| (view.account_id, view.summary.name.to_string())) {
        Some((account, name)) => {
            open(state, Form::touchpoint(format!("Log a touchpoint with {name}"), account))
        }
        None => no_target(state, "A touchpoint"),
    }
}

pub(super) fn open_meddic(state: &mut State) -> Outcome {
    let Some(view) = state.detail.as_ref() else {
        return no_target(state, "MEDDIC");
    };
    let Some(detail) = view.detail.as_ref() else {
        set_error(state, "The account is still loading".to_owned());
        return Outcome::redraw();
    };
    let stored: Vec<_> =
        detail.meddic.iter().map(|entry| (entry.element, entry.done, entry.evidence.to_string())).collect();
    let form = Form::meddic(format!("MEDDIC for {}", view.summary.name), view.account_id, &stored);
    open(state, form)
}

/// The loop to close: the oldest detractor or bad rating whose loop is open.
pub(super) fn open_close_loop(state: &mut State) -> Outcome {
    let Some(detail) = state.detail.as_ref().and_then(|view| view.detail.as_ref()) else {
        return no_target(state, "Closing a loop");
    };
    let open_loop = detail
        .surveys
        .iter()
        .rev()
        .find(|survey| survey.loop_closed.is_none() && survey.answer.needs_follow_up());
    match open_loop {
        Some(survey) => {
            let title = format!(
                "Close the loop: {} on {}",
                crate::model::answer_text(survey.answer),
                crate::model::time::utc_date(survey.responded_at)
            );
            let form = Form::close_loop(title, survey.id);
            if let Some(view) = state.detail.as_mut() {
                view.tab = AccountTab::Surveys;
            }
            open(state, form)
        }
        None => {
            set_error(
                state,
                "No open loop here: every detractor and bad rating has had its follow-up".to_owned(),
            );
            Outcome::redraw()
        }
    }
}

pub(super) fn open_ticket(state: &mut State) -> Outcome {
    let Some(ticket) = state.ticket.as_ref().and_then(|view| view.conversation.as_ref()).map(|c| &c.ticket)
    else {
        set_error(state, "The ticket is still loading".to_owned());
        return Outcome::redraw();
    };
    let form = Form::ticket(
        format!("Update ticket #{}: {}", ticket.id, ticket.subject),
        ticket.id,
        ticket.status,
        ticket.priority,
        ticket.assignee.as_str(),
    );
    open(state, form)
}

/// Merges a duplicate into the account on screen (or under the cursor of a
/// queue), suggesting the first account the Duplicates queue names for it.
pub(super) fn open_merge(state: &mut State) -> Outcome {
    let (keep, name, reason) = match state.screen {
        Screen::Queues => match state.queues.selected_row() {
            Some(row) => (row.account.id, row.account.name.to_string(), row.reason.clone()),
            None => return Outcome::unchanged(),
        },
        _ => match state.detail.as_ref() {
            Some(view) if view.tab == AccountTab::Contacts => return open_contact_merge(state),
            Some(view) => (view.account_id, view.summary.name.to_string(), String::new()),
            None => return no_target(state, "A merge"),
        },
    };
    let suggested = first_account_named(&reason).unwrap_or_default();
    open(state, Form::merge(format!("Merge a duplicate into {name} (#{keep})"), keep, &suggested))
}

/// Merges two of the account's contacts, suggesting the first pair with
/// the same e-mail address (ignoring case) or, failing that, the same name.
fn open_contact_merge(state: &mut State) -> Outcome {
    let Some(detail) = state.detail.as_ref().and_then(|view| view.detail.as_ref()) else {
        set_error(state, "The account is still loading".to_owned());
        return Outcome::redraw();
    };
    let contacts = &detail.contacts;
    let same = |a: &crate::model::Contact, b: &crate::model::Contact| {
        (!a.email.is_empty() && a.email.to_lowercase() == b.email.to_lowercase())
            || (!a.name.is_empty() && a.name.to_lowercase() == b.name.to_lowercase())
    };
    let pair = contacts.iter().enumerate().find_map(|(index, first)| {
        contacts[index + 1..].iter().find(|second| same(first, second)).map(|second| (first.id, second.id))
    });
    let (keep, duplicate) = pair.map_or((String::new(), String::new()), |(keep, duplicate)| {
        (format!("#{}", keep.0), format!("#{}", duplicate.0))
    });
    let title = format!("Merge two contacts of {}", detail.account.name);
    open(state, Form::merge_contacts(title, &keep, &duplicate))
}

/// The first `#123` in a queue's reason.
fn first_account_named(reason: &str) -> Option<String> {
    let start = reason.find('#')?;
    let digits: String = reason[start + 1..].chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("#{digits}"))
}

pub(super) fn open_snooze(state: &mut State) -> Outcome {
    match state.tasks.selected_row().map(|row| (row.task.id, row.task.title.to_string())) {
        Some((task, title)) => open(state, Form::snooze(format!("Snooze \"{title}\""), task)),
        None => Outcome::unchanged(),
    }
}

pub(super) fn open_reassign(state: &mut State) -> Outcome {
    match state
        .tasks
        .selected_row()
        .map(|row| (row.task.id, row.task.title.to_string(), row.task.owner.to_string()))
    {
        Some((task, title, owner)) => {
            open(state, Form::reassign(format!("Give \"{title}\" to"), task, &owner))
        }
        None => Outcome::unchanged(),
    }
}

/// The account under the cursor of the list on screen.
fn cursor_account(state: &State) -> Option<AccountId> {
    match state.screen {
        Screen::AccountList => state.accounts.selected_row().map(|row| row.id),
        Screen::Queues => state.queues.selected_row().map(|row| row.account.id),
        _ => None,
    }
}

pub(super) fn toggle_select(state: &mut State) -> Outcome {
    let Some(account) = cursor_account(state) else {
        return Outcome::unchanged();
    };
    if state.selection.screen != Some(state.screen) {
        state.selection.accounts.clear();
        state.selection.screen = Some(state.screen);
    }
    if !state.selection.accounts.remove(&account) {
        state.selection.accounts.insert(account);
    }
    selection_notice(state);
    // Space moves on, so a run of rows is picked key by key.
    let moved = super::move_by(state, 1);
    Outcome { redraw: true, effects: moved.effects }
}

/// Selects every row of the list — all that the filter matches, not only
/// those on screen.
pub(super) fn select_all(state: &mut State) -> Outcome {
    let accounts: Vec<AccountId> = match state.screen {
        Screen::AccountList => state.accounts.rows.rows.iter().map(|row| row.id).collect(),
        Screen::Queues => (0..state.queues.row_count())
            .filter_map(|position| state.queues.row(position).map(|row| row.account.id))
            .collect(),
        _ => return Outcome::unchanged(),
    };
    state.selection.screen = Some(state.screen);
    state.selection.accounts = accounts.into_iter().collect();
    selection_notice(state);
    Outcome::redraw()
}

pub(super) fn clear_selection(state: &mut State) -> Outcome {
    state.selection.accounts.clear();
    state.notice = Some(Notice { text: "Selection cleared".into(), is_error: false });
    Outcome::redraw()
}

fn selection_notice(state: &mut State) {
    let count = state.selection.accounts.len();
    let text = format!(
        "{} · n note, t task, S stage · esc clears",
        crate::app::form::count_of(count, "account selected", "accounts selected")
    );
    state.notice = Some(Notice { text, is_error: false });
}

/// Keys while a form is open: Tab and Shift-Tab move between fields, Enter
/// on a line (or Ctrl-S anywhere) sends it, Esc cancels — twice when
/// something was typed, so nothing typed goes by one slip.
pub(super) fn key(state: &mut State, key: Key) -> Outcome {
    let Some(form) = state.form.as_mut() else {
        return Outcome::unchanged();
    };
    let escape = key.code == KeyCode::Esc;
    if !escape {
        form.discard_armed = false;
    }
    match key.code {
        KeyCode::Esc if form.has_typed_text() && !form.discard_armed => {
            form.discard_armed = true;
            form.error = Some("Esc again throws away what you typed; Ctrl-S sends it".into());
            return Outcome::redraw();
        }
        KeyCode::Esc => {
            state.form = None;
            return Outcome::redraw();
        }
        KeyCode::Tab | KeyCode::Down
            if !matches!(focused(form), Some(FieldInput::Text(_))) || key.code == KeyCode::Tab =>
        {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
            return Outcome::redraw();
        }
        KeyCode::BackTab => {
            form.focus = form.focus.checked_sub(1).unwrap_or(form.fields.len().saturating_sub(1));
            return Outcome::redraw();
        }
        KeyCode::Up if !matches!(focused(form), Some(FieldInput::Text(_))) => {
            form.focus = form.focus.checked_sub(1).unwrap_or(form.fields.len().saturating_sub(1));
            return Outcome::redraw();
        }
        KeyCode::Char('s') if key.ctrl => return submit(state),
        KeyCode::Enter if !matches!(focused(form), Some(FieldInput::Text(_))) => return submit(state),
        _ => {}
    }
    let Some(field) = form.fields.get_mut(form.focus) else {
        return Outcome::unchanged();
    };
    match &mut field.input {
        FieldInput::Choice { options, selected } => {
            let count = options.len().max(1);
            match key.code {
                KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => {
                    *selected = (*selected + 1) % count
                }
                KeyCode::Left | KeyCode::Char('h') => {
                    *selected = selected.checked_sub(1).unwrap_or(count - 1)
                }
                _ => return Outcome::unchanged(),
            }
        }
        FieldInput::Check(ticked) => match key.code {
            KeyCode::Char(' ') | KeyCode::Char('x') => *ticked = !*ticked,
            _ => return Outcome::unchanged(),
        },
        FieldInput::Line(area) | FieldInput::Text(area) => {
            if !area.input(editor_input(key)) {
                return Outcome::unchanged();
            }
        }
    }
    form.error = None;
    Outcome::redraw()
}

fn focused(form: &Form) -> Option<&FieldInput> {
    form.fields.get(form.focus).map(|field| &field.input)
}

/// Our key as the editor's input.
fn editor_input(key: Key) -> Input {
    let code = match key.code {
        KeyCode::Char(character) => EditorKey::Char(character),
        KeyCode::Enter => EditorKey::Enter,
        KeyCode::Esc => EditorKey::Esc,
        KeyCode::Tab => EditorKey::Tab,
        KeyCode::BackTab => EditorKey::Tab,
        KeyCode::Backspace => EditorKey::Backspace,
        KeyCode::Up => EditorKey::Up,
        KeyCode::Down => EditorKey::Down,
        KeyCode::Left => EditorKey::Left,
        KeyCode::Right => EditorKey::Right,
        KeyCode::Home => EditorKey::Home,
        KeyCode::End => EditorKey::End,
        KeyCode::PageUp => EditorKey::PageUp,
        KeyCode::PageDown => EditorKey::PageDown,
        KeyCode::F(number) => EditorKey::F(number),
    };
    Input { key: code, ctrl: key.ctrl, alt: key.alt, shift: false }
}

fn submit(state: &mut State) -> Outcome {
    let Some(form) = state.form.as_mut() else {
        return Outcome::unchanged();
    };
    match form.submit(state.now) {
        Err(message) => {
            form.error = Some(message);
            Outcome::redraw()
        }
        Ok(Submission::EditOutbox { item, payload }) => {
            state.form = None;
            Outcome::with(Effect::EditOutboxItem { item, payload })
        }
        Ok(Submission::Act { changes, label }) => {
            state.form = None;
            if let [Change::MergeAccounts { keep, merge }] = changes[..] {
                state.confirm = Some(Confirm::merge(changes, label, keep, merge));
                return Outcome::redraw();
            }
            if let [Change::MergeContacts { keep, merge }] = changes[..] {
                state.confirm = Some(Confirm::merge_contacts(changes, label, keep, merge));
                return Outcome::redraw();
            }
            let accounts = distinct_accounts(&changes);
            if accounts > 1 {
                state.confirm = Some(Confirm::new(changes, label, accounts));
                return Outcome::redraw();
            }
            act(state, changes, label)
        }
    }
}

fn distinct_accounts(changes: &[Change]) -> usize {
    let mut accounts: Vec<i64> = changes
        .iter()
        .filter(|change| change.record().0 == "account")
        .map(|change| change.record().1)
        .collect();
    accounts.sort_unstable();
    accounts.dedup();
    accounts.len()
}

fn act(state: &mut State, changes: Vec<Change>, label: String) -> Outcome {
    state.selection.accounts.clear();
    super::act::apply(changes, label)
}

/// Keys of the confirm step: y or Enter applies, n or Esc cancels.
pub(super) fn confirm_key(state: &mut State, key: Key) -> Outcome {
    match key.code {
        KeyCode::Char('y') | KeyCode::Enter => match state.confirm.take() {
            Some(confirm) => act(state, confirm.changes, confirm.label),
            None => Outcome::unchanged(),
        },
        KeyCode::Char('n') | KeyCode::Esc => {
            state.confirm = None;
            state.notice = Some(Notice { text: "Nothing was changed".into(), is_error: false });
            Outcome::redraw()
        }
        _ => Outcome::unchanged(),
    }
}
