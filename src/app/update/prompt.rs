//! `update` for the line typed at the bottom: the `:` command line and the
//! `/` filter. While one is open every key edits it: printable characters
//! are typed, Backspace deletes (and closes an empty line, as in vi),
//! ctrl-u and ctrl-w delete the line and the last word, Esc or ctrl-c
//! cancels, Enter runs. A filter that does not parse keeps the line
//! open with the mistake pointed out, so it can be corrected in place.

use super::{
    Effect, Outcome, SavedQueue, account_found_detail, act, apply_intent, filter_accounts, queues, set_error,
};
use crate::app::command_line::{self, LineCommand};
use crate::app::commands::{Context, Intent};
use crate::app::keys::{Key, KeyCode};
use crate::app::palette;
use crate::app::state::{Notice, Prompt, PromptKind, QueueEntry, Screen, State};
use crate::app::suggest::nearest;
use crate::model::group_thousands;
use crate::model::time::due_day;
use crate::model::{AccountId, Change, FieldCap, SafeText, TaskDraft};
use crate::query;
use crate::store::AccountMatch;

pub(super) fn key(state: &mut State, key: Key) -> Outcome {
    let Some(prompt) = state.prompt.as_mut() else {
        return Outcome::unchanged();
    };
    if prompt.kind == PromptKind::Command {
        let step = match key.code {
            KeyCode::Down | KeyCode::Tab => Some(1),
            KeyCode::Char('n') if key.ctrl => Some(1),
            KeyCode::Up | KeyCode::BackTab => Some(-1),
            KeyCode::Char('p') if key.ctrl => Some(-1),
            _ => None,
        };
        if let Some(step) = step {
            return choose(state, step);
        }
        if key.code == KeyCode::Enter && prompt.choice.is_some() {
            return run_choice(state);
        }
    }
    match key.code {
        KeyCode::Esc => state.prompt = None,
        KeyCode::Char('c') if key.ctrl => state.prompt = None,
        KeyCode::Enter => {
            let kind = prompt.kind;
            let typed = std::mem::take(&mut prompt.text);
            state.prompt = None;
            return match kind {
                PromptKind::Command => run_command_line(state, &typed),
                PromptKind::Filter => submit_filter(state, typed),
            };
        }
        // As in a shell: ctrl-u empties the line, ctrl-w deletes the word
        // before the cursor.
        KeyCode::Char('u') if key.ctrl => {
            prompt.text.clear();
            prompt.error = None;
        }
        KeyCode::Char('w') if key.ctrl => {
            let kept = prompt.text.trim_end().rfind(char::is_whitespace).map_or(0, |space| space + 1);
            prompt.text.truncate(kept);
            prompt.error = None;
        }
        KeyCode::Backspace if prompt.text.is_empty() => state.prompt = None,
        KeyCode::Backspace => {
            prompt.text.pop();
            prompt.error = None;
        }
        KeyCode::Char(c)
            if !key.ctrl && !key.alt && prompt.text.chars().count() < command_line::MAX_CHARS =>
        {
            prompt.text.push(c);
            prompt.error = None;
        }
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}

/// Moves the palette's choice; above the first entry, no choice.
fn choose(state: &mut State, step: isize) -> Outcome {
    let Some(prompt) = state.prompt.as_ref() else {
        return Outcome::unchanged();
    };
    let count = palette::entries(state, &prompt.text).len();
    let choice = match (prompt.choice, step) {
        (_, _) if count == 0 => None,
        (None, step) if step > 0 => Some(0),
        (None, _) => None,
        (Some(0), step) if step < 0 => None,
        (Some(at), step) => Some(at.saturating_add_signed(step).min(count - 1)),
    };
    if let Some(prompt) = state.prompt.as_mut() {
        prompt.choice = choice;
    }
    Outcome::redraw()
}

/// Runs the palette's chosen entry; a word that needs more after it fills
/// the line instead, for the rest to be typed.
fn run_choice(state: &mut State) -> Outcome {
    let Some(prompt) = state.prompt.as_ref() else {
        return Outcome::unchanged();
    };
    let Some(entry) = prompt.choice.and_then(|at| palette::entries(state, &prompt.text).get(at).copied())
    else {
        return Outcome::unchanged();
    };
    match entry {
        palette::Entry::Word(index) if palette::LINE_WORDS[index].2 => {
            state.prompt = Some(Prompt::new(PromptKind::Command, format!("{} ", entry.name())));
            Outcome::redraw()
        }
        entry => {
            state.prompt = None;
            run_command_line(state, entry.name())
        }
    }
}

/// Applies a typed filter to the list on screen; an empty one shows the
/// whole list again. A mistake reopens the line with the text as typed.
fn submit_filter(state: &mut State, typed: String) -> Outcome {
    state.notice = None;
    let filter = if typed.trim().is_empty() {
        None
    } else {
        match query::parse(&typed) {
            Ok(filter) => Some(filter),
            Err(error) => {
                state.prompt =
                    Some(Prompt { kind: PromptKind::Filter, text: typed, error: Some(error), choice: None });
                return Outcome::redraw();
            }
        }
    };
    match state.screen {
        Screen::Queues => queues::apply_filter(state, filter),
        _ => {
            state.screen = Screen::AccountList;
            filter_accounts(state, filter)
        }
    }
}

/// Runs a typed command. The previous notice goes away either way: what is
/// in the status line afterwards is about this command.
fn run_command_line(state: &mut State, typed: &str) -> Outcome {
    state.notice = None;
    if typed.trim().is_empty() {
        return Outcome::redraw();
    }
    let command = match command_line::parse(typed) {
        Ok(command) => command,
        Err(message) => return error(state, message),
    };
    let writes = match &command {
        LineCommand::Note(_) | LineCommand::Task { .. } | LineCommand::SaveQueue(_) => true,
        LineCommand::Registry(command) => command.intent.writes(),
        _ => false,
    };
    if writes && state.read_only {
        let word = typed.split_whitespace().next().unwrap_or_default();
        return error(
            state,
            format!(":{word} changes the workspace, and keepers runs read-only (--read-only)"),
        );
    }
    let outcome = match command {
        LineCommand::Quit => apply_intent(state, Intent::Quit),
        LineCommand::Help => apply_intent(state, Intent::ToggleHelp),
        LineCommand::Sort(sort) if state.screen == Screen::Queues => {
            apply_intent(state, Intent::SortBy(sort.column))
        }
        LineCommand::Sort(sort) => super::sort_accounts(state, sort),
        LineCommand::Account(query) => find_account(state, query),
        LineCommand::Queue(name) => open_queue_named(state, &name),
        LineCommand::SaveQueue(title) => save_queue(state, title),
        LineCommand::Note(text) => add_note(state, text),
        LineCommand::Task { title, due } => add_task(state, title, due),
        LineCommand::Registry(command) => {
            if command.context != Context::Global && command.context != state.context() {
                let message = format!(":{} works on the {} screen only", command.id, command.context.title());
                return error(state, message);
            }
            apply_intent(state, command.intent)
        }
    };
    // The line closed, so the screen changed even if the command did not.
    Outcome { redraw: true, ..outcome }
}

fn error(state: &mut State, text: String) -> Outcome {
    set_error(state, text);
    Outcome::redraw()
}

/// Asks the store for the account: by id, domain or name, in the whole
/// workspace rather than the rows on screen.
pub(super) fn find_account(state: &mut State, query: String) -> Outcome {
    let generation = state.next_generation();
    state.lookup_generation = generation;
    Outcome::with(Effect::FindAccount { generation, query })
}

pub(super) fn account_found(
    state: &mut State,
    generation: u64,
    query: &str,
    result: Result<AccountMatch, String>,
) -> Outcome {
    if generation != state.lookup_generation {
        return Outcome::unchanged();
    }
    match result {
        Ok(AccountMatch::One(summary)) => account_found_detail(state, summary),
        Ok(AccountMatch::Several(mut candidates)) if !candidates.is_empty() => {
            let names: Vec<String> = candidates.iter().skip(1).take(3).map(|c| c.name.to_string()).collect();
            let message = format!(
                "{} accounts match {query:?}; showing {} (also {}{})",
                group_thousands(candidates.len() as u64),
                candidates[0].name,
                names.join(", "),
                if candidates.len() > 4 { ", …" } else { "" }
            );
            let outcome = account_found_detail(state, candidates.swap_remove(0));
            state.notice = Some(Notice { text: message, is_error: false });
            outcome
        }
        Ok(_) => error(state, format!("no account has the id, domain or name {query:?}")),
        Err(message) => error(state, format!("Could not look the account up: {message}")),
    }
}

/// Opens the queue whose id is `name`, or whose title contains it.
fn open_queue_named(state: &mut State, name: &str) -> Outcome {
    let wanted = name.to_lowercase();
    let queues = &state.queues.queues;
    let found = queues
        .iter()
        .position(|entry| entry.id.to_lowercase() == wanted)
        .or_else(|| queues.iter().position(|entry| entry.title.to_lowercase().contains(&wanted)));
    match found {
        Some(index) => queues::open_queue(state, index),
        None => {
            let ids: Vec<&str> = queues.iter().map(|entry| entry.id.as_str()).collect();
            let hint = match nearest(name, &ids) {
                Some(id) => format!("did you mean {id}?"),
                None => format!("the queues are {}", ids.join(", ")),
            };
            error(state, format!("no queue {name:?}: {hint}"))
        }
    }
}

/// The account on screen: the account view's, or the row under the cursor.
fn account_on_screen(state: &State) -> Option<AccountId> {
    match state.screen {
        Screen::AccountDetail | Screen::Ticket => state.detail.as_ref().map(|view| view.account_id),
        Screen::AccountList => state.accounts.selected_row().map(|row| row.id),
        Screen::Queues => state.queues.selected_row().map(|row| row.account.id),
        Screen::Tasks => state.tasks.selected_row().map(|row| row.task.account_id),
        Screen::Dashboard | Screen::Outbox => None,
    }
}

/// Adds a note to the account on screen; the view reloads when it is written.
fn add_note(state: &mut State, text: String) -> Outcome {
    match account_on_screen(state) {
        Some(account) => {
            let body = SafeText::multiline(&text, FieldCap::COMMENT);
            act::apply(vec![Change::Note { account, body }], "Note added".into())
        }
        None => error(state, ":note adds to the account on screen: open one first".to_owned()),
    }
}

/// Creates a task on the account on screen; a due day that does not read
/// is refused before anything is written.
fn add_task(state: &mut State, title: String, due: Option<String>) -> Outcome {
    let Some(account) = account_on_screen(state) else {
        return error(state, ":task adds to the account on screen: open one first".to_owned());
    };
    let due = match due.as_deref().map(|text| due_day(text, state.now)) {
        None => None,
        Some(Ok(day)) => Some(day),
        Some(Err(message)) => return error(state, message),
    };
    let title = SafeText::line(&title, FieldCap::NAME);
    let draft = TaskDraft { account, title, owner: SafeText::line(&state.me, FieldCap::NAME), due };
    act::apply(vec![Change::AddTask(draft)], "Task added".into())
}

/// Saves the filter on screen as a queue: on the queues screen, the
/// current queue narrowed by it; on the accounts list, every account it
/// matches.
fn save_queue(state: &mut State, title: String) -> Outcome {
    let (base, applied) = match state.screen {
        Screen::Queues => {
            let view = &state.queues;
            (view.queues.get(view.queue).map(|entry| entry.id.clone()), view.filter.as_ref())
        }
        _ => (None, state.accounts.filter.as_ref()),
    };
    let Some(applied) = applied else {
        return error(state, ":save-queue saves the filter on screen: type / and a filter first".to_owned());
    };
    let filter = applied.filter.clone();
    Outcome::with(Effect::SaveQueue { title, base, filter })
}

pub(super) fn queue_saved(state: &mut State, result: Result<SavedQueue, String>) -> Outcome {
    match result {
        Ok(saved) => {
            state.notice = Some(Notice {
                text: format!("Saved the queue {:?} as {} in {}", saved.title, saved.id, saved.path),
                is_error: false,
            });
            state.queues.queues.push(QueueEntry {
                id: saved.id,
                title: saved.title,
                count: None,
                matching: None,
            });
            Outcome { redraw: true, effects: queues::refresh(state) }
        }
        Err(message) => error(state, format!("Could not save the queue: {message}")),
    }
}
