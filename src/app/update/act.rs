//! What the console does once an action is written: say what happened
//! (and where its outbox item stands), read the changed views again, and
//! undo the last batch with `u`.

use super::{ActReport, Effect, Outcome, dashboard, outbox, queues, request_accounts, search, tasks};
use crate::app::state::{Notice, Screen, State};
use crate::model::Change;

/// Applies `changes` as one batch, then wakes the pusher for them.
pub(super) fn apply(changes: Vec<Change>, label: String) -> Outcome {
    Outcome { redraw: true, effects: vec![Effect::Act { changes, label }, Effect::WakePusher] }
}

/// Shows what a batch did and reloads what it touched.
pub(super) fn acted(state: &mut State, result: Result<ActReport, String>) -> Outcome {
    let report = match result {
        Ok(report) => report,
        Err(message) => {
            state.notice = Some(Notice { text: format!("Nothing was written: {message}"), is_error: true });
            return Outcome::redraw();
        }
    };
    state.notice = Some(notice(&report));
    let mut effects = reload_open_views(state);
    effects.extend(outbox::request(state).effects);
    if report.lists_changed {
        // A stage change, say, may be what a playbook waits for.
        effects.push(Effect::RunPlaybooks);
        effects.extend(request_accounts(state).effects);
        effects.extend(search::refresh(state));
        effects.extend(queues::refresh(state));
        effects.extend(dashboard::refresh(state));
    }
    Outcome { redraw: true, effects }
}

fn notice(report: &ActReport) -> Notice {
    let why = report.skipped.first().map(|reason| format!(": {reason}")).unwrap_or_default();
    match (report.changed, report.state) {
        (0, _) | (_, None) => {
            Notice { text: format!("{}: nothing to change{why}", report.label), is_error: true }
        }
        (1, Some(state)) if report.skipped.is_empty() => {
            Notice { text: format!("{} ({}) · u undoes", report.label, state.meaning()), is_error: false }
        }
        (changed, Some(state)) => {
            let skipped = match report.skipped.len() {
                0 => String::new(),
                count => format!(", {count} skipped{why}"),
            };
            Notice {
                text: format!(
                    "{}: {changed} changed{skipped} ({}) · u undoes",
                    report.label,
                    state.meaning()
                ),
                is_error: false,
            }
        }
    }
}

pub(super) fn undone(state: &mut State, result: Result<String, String>) -> Outcome {
    match result {
        Ok(message) => {
            state.notice = Some(Notice { text: message, is_error: false });
            let mut effects = reload_open_views(state);
            effects.extend(outbox::request(state).effects);
            effects.extend(request_accounts(state).effects);
            effects.extend(search::refresh(state));
            effects.extend(queues::refresh(state));
            effects.extend(dashboard::refresh(state));
            Outcome { redraw: true, effects }
        }
        Err(message) => {
            state.notice = Some(Notice { text: message, is_error: true });
            Outcome::redraw()
        }
    }
}

/// Says how many tasks the playbooks made, and shows them.
pub(super) fn playbooks_ran(state: &mut State, result: Result<usize, String>) -> Outcome {
    match result {
        Ok(0) => Outcome::unchanged(),
        Ok(made) => {
            let text =
                format!("Playbooks made {made} task{} (T lists them)", if made == 1 { "" } else { "s" });
            // A warning on screen (a config conflict, say) stays: it matters more.
            if !state.notice.as_ref().is_some_and(|notice| notice.is_error) {
                state.notice = Some(Notice { text, is_error: false });
            }
            let mut effects = reload_open_views(state);
            effects.extend(outbox::request(state).effects);
            effects.push(Effect::WakePusher);
            Outcome { redraw: true, effects }
        }
        Err(message) => {
            state.notice =
                Some(Notice { text: format!("The playbooks could not run: {message}"), is_error: true });
            Outcome::redraw()
        }
    }
}

/// The account view and the task list read again, if they are open.
pub(super) fn reload_open_views(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(account) = state.detail.as_ref().map(|view| view.account_id) {
        let generation = state.next_generation();
        if let Some(view) = state.detail.as_mut() {
            view.generation = generation;
        }
        effects.push(Effect::LoadAccountDetail { generation, account, now: state.now });
    }
    if state.screen == Screen::Tasks {
        effects.extend(tasks::request(state).effects);
    }
    effects
}
