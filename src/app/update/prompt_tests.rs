//! `update`'s tests for the `:` command line and the `/` filter.

use super::tests::{loaded, press, summary};
use super::*;
use crate::app::command_line;
use crate::app::keys::KeyCode;
use crate::model::{FieldCap, OutboxState, SafeText, TaskDraft};

fn type_line(state: &mut State, text: &str) {
    let _ = press(state, Key::char(':'));
    for c in text.chars() {
        let _ = press(state, Key::char(c));
    }
}

fn run_line(state: &mut State, text: &str) -> Outcome {
    type_line(state, text);
    press(state, Key::plain(KeyCode::Enter))
}

fn typed(state: &State) -> Option<&str> {
    state.prompt.as_ref().map(|prompt| prompt.text.as_str())
}

fn error_text(state: &State) -> &str {
    state.notice.as_ref().filter(|notice| notice.is_error).map_or("", |notice| notice.text.as_str())
}

#[test]
fn the_command_line_takes_the_keys_while_open() {
    let mut state = loaded(5);
    type_line(&mut state, "jq");
    assert_eq!(typed(&state), Some("jq"));
    assert_eq!(state.accounts.selected, 0, "j was typed, not run");
    assert!(!state.quit, "q was typed, not run");
    assert!(!press(&mut state, Key::ctrl('x')).redraw, "control keys are not typed");
    let _ = press(&mut state, Key::plain(KeyCode::Backspace));
    assert_eq!(typed(&state), Some("j"));
    let _ = press(&mut state, Key::plain(KeyCode::Backspace));
    assert_eq!(typed(&state), Some(""));
    let _ = press(&mut state, Key::plain(KeyCode::Backspace));
    assert_eq!(state.prompt, None, "backspace on an empty line closes it");
}

#[test]
fn esc_cancels_the_command_line() {
    let mut state = loaded(5);
    type_line(&mut state, "q");
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.prompt, None);
    assert!(!state.quit && state.screen == Screen::AccountList, "esc neither ran nor went back");
}

#[test]
fn the_command_line_has_a_length_limit() {
    let mut state = loaded(1);
    type_line(&mut state, &"x".repeat(command_line::MAX_CHARS + 10));
    assert_eq!(typed(&state).map(|line| line.chars().count()), Some(command_line::MAX_CHARS));
}

#[test]
fn q_and_quit_quit() {
    for line in ["q", "quit"] {
        let mut state = loaded(5);
        let _ = run_line(&mut state, line);
        assert!(state.quit, "{line}");
        assert_eq!(state.prompt, None);
    }
}

#[test]
fn help_opens_the_help() {
    let mut state = loaded(5);
    let _ = run_line(&mut state, "help");
    assert!(state.help_open);
}

#[test]
fn sort_reloads_in_the_order_asked() {
    let mut state = loaded(5);
    let outcome = run_line(&mut state, "sort mrr desc");
    assert_eq!(
        outcome.effects,
        vec![Effect::LoadAccounts {
            generation: state.accounts.generation,
            sort: AccountSort { column: AccountColumn::Mrr, descending: true },
            filter: None,
            among: None,
            now: state.now,
        }]
    );
    let _ = run_line(&mut state, "sort owner");
    assert_eq!(state.accounts.sort, AccountSort { column: AccountColumn::Owner, descending: false });
    let outcome = run_line(&mut state, "sort price");
    assert!(outcome.effects.is_empty());
    assert!(error_text(&state).contains("name, stage, plan, mrr, renewal, owner"), "{}", error_text(&state));
}

#[test]
fn account_asks_the_store_and_opens_what_it_finds() {
    let mut state = loaded(30);
    let outcome = run_line(&mut state, "account globex.example");
    let [Effect::FindAccount { generation, ref query }] = outcome.effects[..] else {
        panic!("a lookup, not {:?}", outcome.effects);
    };
    assert_eq!(query, "globex.example");
    let stale = update(
        &mut state,
        Action::AccountFound {
            generation: generation - 1,
            query: "x".into(),
            result: Ok(AccountMatch::None),
        },
    );
    assert!(!stale.redraw, "an older lookup is dropped");
    let mut found = summary(77);
    found.domain = SafeText::line("globex.example", crate::model::FieldCap::NAME);
    let outcome = update(
        &mut state,
        Action::AccountFound { generation, query: query.clone(), result: Ok(AccountMatch::One(found)) },
    );
    assert_eq!(state.screen, Screen::AccountDetail);
    assert!(matches!(outcome.effects[..], [Effect::LoadAccountDetail { account: AccountId(77), .. }]));
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    assert_eq!(state.screen, Screen::AccountList, "Esc goes back to where it was asked");
}

#[test]
fn account_with_several_matches_opens_the_first_and_names_the_others() {
    let mut state = loaded(3);
    let Effect::FindAccount { generation, .. } = run_line(&mut state, "account acme").effects[0].clone()
    else {
        panic!("a lookup");
    };
    let candidates = (1..=6).map(summary).collect();
    let _ = update(
        &mut state,
        Action::AccountFound {
            generation,
            query: "acme".into(),
            result: Ok(AccountMatch::Several(candidates)),
        },
    );
    assert_eq!(state.detail.as_ref().map(|view| view.account_id), Some(AccountId(1)));
    let notice = state.notice.as_ref().expect("a notice");
    assert!(!notice.is_error);
    assert_eq!(
        notice.text,
        "6 accounts match \"acme\"; showing Account 1 (also Account 2, Account 3, Account 4, …)"
    );
}

#[test]
fn account_that_matches_nothing_says_so() {
    let mut state = loaded(3);
    let Effect::FindAccount { generation, .. } = run_line(&mut state, "account initech").effects[0].clone()
    else {
        panic!("a lookup");
    };
    let outcome = update(
        &mut state,
        Action::AccountFound { generation, query: "initech".into(), result: Ok(AccountMatch::None) },
    );
    assert!(outcome.effects.is_empty() && state.screen == Screen::AccountList);
    assert_eq!(error_text(&state), "no account has the id, domain or name \"initech\"");
}

fn type_filter(state: &mut State, text: &str) -> Outcome {
    let _ = press(state, Key::char('/'));
    for c in text.chars() {
        let _ = press(state, Key::char(c));
    }
    press(state, Key::plain(KeyCode::Enter))
}

#[test]
fn a_filter_on_the_accounts_reloads_them_and_esc_takes_it_away() {
    let mut state = loaded(5);
    let outcome = type_filter(&mut state, "health < 50 and plan:enterprise");
    let [Effect::LoadAccounts { generation, filter: Some(ref filter), .. }] = outcome.effects[..] else {
        panic!("a filtered load, not {:?}", outcome.effects);
    };
    assert_eq!(filter.to_string(), "health < 50 and plan:enterprise");
    assert_eq!(state.prompt, None);
    let _ = update(
        &mut state,
        Action::AccountsLoaded { generation, result: Ok(AccountRows::new(vec![summary(2)])) },
    );
    assert_eq!(state.accounts.rows.rows.len(), 1);
    assert_eq!(
        state.accounts.filter.as_ref().map(|applied| applied.text.as_str()),
        Some("health < 50 and plan:enterprise")
    );
    let _ = press(&mut state, Key::char('/'));
    assert_eq!(typed(&state), Some("health < 50 and plan:enterprise"), "/ again edits the filter in effect");
    let _ = press(&mut state, Key::plain(KeyCode::Esc));
    let outcome = press(&mut state, Key::plain(KeyCode::Esc));
    assert!(
        matches!(outcome.effects[..], [Effect::LoadAccounts { filter: None, .. }]),
        "Esc shows all again"
    );
    assert_eq!(state.accounts.filter, None);
    assert_eq!(state.screen, Screen::AccountList);
}

#[test]
fn a_filter_with_a_mistake_stays_open_with_the_mistake_marked() {
    let mut state = loaded(5);
    let outcome = type_filter(&mut state, "helth < 50");
    assert!(outcome.effects.is_empty(), "nothing is loaded");
    let prompt = state.prompt.as_ref().expect("the line stays open");
    assert_eq!(prompt.text, "helth < 50");
    let error = prompt.error.as_ref().expect("the mistake");
    assert_eq!((error.column, error.length), (1, 5));
    assert_eq!(error.suggestion.as_deref(), Some("health"));
    let _ = press(&mut state, Key::plain(KeyCode::Backspace));
    assert!(state.prompt.as_ref().is_some_and(|prompt| prompt.error.is_none()), "typing clears the mark");
}

#[test]
fn a_store_error_for_a_filter_shows_every_account_again() {
    let mut state = loaded(5);
    let Effect::LoadAccounts { generation, .. } = type_filter(&mut state, "nps < 5").effects[0].clone()
    else {
        panic!("a load");
    };
    let outcome = update(&mut state, Action::AccountsLoaded { generation, result: Err("disk gone".into()) });
    assert!(matches!(outcome.effects[..], [Effect::LoadAccounts { filter: None, .. }]));
    assert_eq!(error_text(&state), "The filter could not be applied: disk gone");
}

#[test]
fn save_queue_needs_a_filter_and_saves_the_one_on_screen() {
    let mut state = loaded(5);
    let outcome = run_line(&mut state, "save-queue Big ones");
    assert!(outcome.effects.is_empty());
    assert!(error_text(&state).contains("type / and a filter first"), "{}", error_text(&state));
    let _ = type_filter(&mut state, "mrr > 1000");
    let outcome = run_line(&mut state, "save-queue Big ones");
    let [Effect::SaveQueue { ref title, ref base, ref filter }] = outcome.effects[..] else {
        panic!("a save, not {:?}", outcome.effects);
    };
    assert_eq!((title.as_str(), base, filter.to_string()), ("Big ones", &None, "mrr > 1000".to_owned()));
    let saved = SavedQueue { id: "big_ones".into(), title: "Big ones".into(), path: "/c/queues.toml".into() };
    let _ = update(&mut state, Action::QueueSaved { result: Ok(saved) });
    assert_eq!(state.queues.queues.last().map(|entry| entry.id.as_str()), Some("big_ones"));
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("Saved the queue \"Big ones\" as big_ones in /c/queues.toml")
    );
    let _ = update(&mut state, Action::QueueSaved { result: Err("read-only file system".into()) });
    assert_eq!(error_text(&state), "Could not save the queue: read-only file system");
}

#[test]
fn registry_ids_run_their_command_where_it_applies() {
    let mut state = loaded(5);
    let _ = run_line(&mut state, "list.down");
    let _ = run_line(&mut state, "list.down");
    assert_eq!(state.accounts.selected, 2);
    let _ = run_line(&mut state, "account.back");
    assert!(error_text(&state).contains("works on the Account screen only"), "{}", error_text(&state));
    let _ = run_line(&mut state, "accounts.open");
    assert_eq!(state.screen, Screen::AccountDetail);
    assert_eq!(state.notice, None, "a command that ran clears the old error");
}

#[test]
fn an_unknown_command_suggests_the_nearest() {
    let mut state = loaded(5);
    let outcome = run_line(&mut state, "srot mrr");
    assert!(outcome.redraw && outcome.effects.is_empty());
    assert_eq!(error_text(&state), "unknown command :srot: did you mean :sort?");
    assert_eq!(state.prompt, None);
}

#[test]
fn an_empty_command_line_just_closes() {
    let mut state = loaded(5);
    assert!(run_line(&mut state, "  ").redraw);
    assert_eq!((typed(&state), state.notice.as_ref()), (None, None));
}

#[test]
fn dispatch_follows_the_keymap_in_state() {
    use crate::app::commands::find;
    use crate::app::keymap::{KeyOverride, Keymap};
    let mut state = loaded(5);
    state.keymap = Keymap::new(vec![
        KeyOverride { command: find("list.down").unwrap(), keys: vec![Key::ctrl('n')] },
        KeyOverride { command: find("app.command-line").unwrap(), keys: vec![Key::char(';')] },
    ]);
    assert!(!press(&mut state, Key::char('j')).redraw, "j is no longer bound");
    let _ = press(&mut state, Key::ctrl('n'));
    assert_eq!(state.accounts.selected, 1);
    let _ = press(&mut state, Key::char(';'));
    assert_eq!(typed(&state), Some(""));
}

#[test]
fn ctrl_u_and_ctrl_w_delete_the_line_and_the_last_word() {
    let mut state = loaded(1);
    type_line(&mut state, "account acme  corp ");
    let _ = press(&mut state, Key::ctrl('w'));
    assert_eq!(typed(&state), Some("account acme  "));
    let _ = press(&mut state, Key::ctrl('w'));
    assert_eq!(typed(&state), Some("account "));
    let _ = press(&mut state, Key::ctrl('u'));
    assert_eq!(typed(&state), Some(""), "the line stays open, empty");
}

#[test]
fn y_copies_the_accounts_domain_or_its_id() {
    let mut state = loaded(3);
    state.accounts.rows.rows[1].domain = SafeText::line("globex.example", crate::model::FieldCap::NAME);
    let outcome = press(&mut state, Key::char('y'));
    assert_eq!(outcome.effects, vec![Effect::CopyToClipboard { text: "#1".into() }], "no domain: the id");
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::char('y'));
    assert_eq!(outcome.effects, vec![Effect::CopyToClipboard { text: "globex.example".into() }]);
    let notice = state.notice.as_ref().expect("a notice");
    assert_eq!(notice.text, "Copied Account 2's domain: globex.example");
    assert!(!notice.is_error);
}

#[test]
fn y_with_nothing_to_copy_says_so() {
    let mut state = loaded(0);
    let outcome = press(&mut state, Key::char('y'));
    assert!(outcome.effects.is_empty());
    assert!(error_text(&state).starts_with("Nothing to copy here"), "{}", error_text(&state));
}

#[test]
fn the_palette_runs_the_chosen_command() {
    let mut state = loaded(5);
    type_line(&mut state, "dashbrd");
    let _ = press(&mut state, Key::plain(KeyCode::Down));
    assert_eq!(state.prompt.as_ref().and_then(|prompt| prompt.choice), Some(0));
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(state.screen, Screen::Dashboard);
    assert!(outcome.effects.iter().any(|effect| matches!(effect, Effect::LoadDashboard { .. })));
    assert_eq!(state.prompt, None);
}

#[test]
fn a_palette_word_that_needs_more_fills_the_line() {
    let mut state = loaded(5);
    let _ = press(&mut state, Key::ctrl('p'));
    assert_eq!(typed(&state), Some(""), "ctrl-p opens the same line");
    let _ = press(&mut state, Key::plain(KeyCode::Down));
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    assert_eq!(typed(&state), Some("account "), "the line waits for the account");
    let _ = press(&mut state, Key::plain(KeyCode::Down));
    let _ = press(&mut state, Key::plain(KeyCode::Up));
    assert_eq!(state.prompt.as_ref().and_then(|prompt| prompt.choice), None, "up from the first: no choice");
}

#[test]
fn o_opens_the_accounts_page_from_the_links_template() {
    let mut state = loaded(2);
    let outcome = press(&mut state, Key::char('o'));
    assert!(outcome.effects.is_empty() && error_text(&state).contains("[links]"), "no template, no page");
    state.links.account = "https://{domain}".into();
    state.accounts.rows.rows[0].domain = SafeText::line("acme.de", crate::model::FieldCap::NAME);
    let outcome = press(&mut state, Key::char('o'));
    assert_eq!(outcome.effects, vec![Effect::OpenLink { url: "https://acme.de".into() }]);
    let _ = update(
        &mut state,
        Action::LinkOpened { url: "https://acme.de".into(), outcome: LinkOutcome::Copied },
    );
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("No local display: copied https://acme.de to the clipboard")
    );
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::char('o'));
    assert!(outcome.effects.is_empty(), "the second account has no domain");
    assert_eq!(error_text(&state), "No page for this record: it has no domain for [links] to use");
}

#[test]
fn note_adds_to_the_account_under_the_cursor() {
    let mut state = loaded(3);
    let _ = press(&mut state, Key::char('j'));
    let outcome = run_line(&mut state, "note Called, renewal on track");
    assert_eq!(
        outcome.effects,
        vec![
            Effect::Act {
                changes: vec![Change::Note {
                    account: AccountId(2),
                    body: SafeText::line("Called, renewal on track", FieldCap::COMMENT)
                }],
                label: "Note added".into()
            },
            Effect::WakePusher
        ]
    );
    let report = ActReport {
        label: "Note added".into(),
        changed: 1,
        skipped: Vec::new(),
        state: Some(OutboxState::Local),
        lists_changed: false,
    };
    let _ = update(&mut state, Action::Acted { result: Ok(report) });
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("Note added (kept locally: no backend is connected) · u undoes")
    );
    let outcome = run_line(&mut state, "note");
    assert!(outcome.effects.is_empty());
    assert!(error_text(&state).starts_with(":note needs the note's text"), "{}", error_text(&state));
    let _ = update(&mut state, Action::Acted { result: Err("disk full".into()) });
    assert_eq!(error_text(&state), "Nothing was written: disk full");
}

#[test]
fn read_only_offers_no_key_and_refuses_the_command_line() {
    let mut state = loaded(3);
    state.read_only = true;
    state.keymap = state.keymap.clone().read_only();
    let _ = press(&mut state, Key::plain(KeyCode::Enter));
    assert!(!press(&mut state, Key::char('n')).redraw, "n is not bound");
    assert!(
        state
            .keymap
            .help_lines(state.context())
            .iter()
            .all(|line| !format!("{line:?}").contains("account.note"))
    );
    let outcome = run_line(&mut state, "note Called");
    assert!(outcome.effects.is_empty());
    assert_eq!(error_text(&state), ":note changes the workspace, and keepers runs read-only (--read-only)");
    let writing: Vec<_> =
        crate::app::commands::COMMANDS.iter().filter(|command| command.intent.writes()).collect();
    assert!(writing.len() >= 15, "every action is a writing command");
    for command in writing {
        for context in [command.context, crate::app::commands::Context::Global] {
            let help = format!("{:?}", state.keymap.help_lines(context));
            assert!(!help.contains(command.title), "{} is offered in read-only help", command.id);
        }
        let outcome = run_line(&mut state, command.id);
        assert!(outcome.effects.is_empty(), "{} ran in read-only", command.id);
        assert!(
            error_text(&state).contains("changes the workspace"),
            "{}: {}",
            command.id,
            error_text(&state)
        );
    }
}

#[test]
fn task_creates_a_task_with_its_due_day() {
    let mut state = loaded(3);
    let outcome = run_line(&mut state, "task Send the quote due 2026-12-01");
    assert_eq!(
        outcome.effects,
        vec![
            Effect::Act {
                changes: vec![Change::AddTask(TaskDraft {
                    account: AccountId(1),
                    title: SafeText::line("Send the quote", FieldCap::NAME),
                    owner: SafeText::line(&state.me, FieldCap::NAME),
                    due: Some(jiff::civil::date(2026, 12, 1))
                })],
                label: "Task added".into()
            },
            Effect::WakePusher
        ]
    );
    let outcome = run_line(&mut state, "task Call back due next tuesday");
    assert!(outcome.effects.is_empty());
    assert!(error_text(&state).contains("is not a day"), "{}", error_text(&state));
}
