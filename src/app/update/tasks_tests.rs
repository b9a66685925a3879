//! `update`'s tests for the Tasks screen.

use super::tests::loaded;
use super::*;
use crate::app::account_tabs::AccountTab;
use crate::app::keys::KeyCode;
use crate::app::state::TaskView;
use crate::model::{Change, FieldCap, OutboxState, SafeText, Task, TaskId, TaskStatus};
use jiff::civil::{Date, date};

fn press(state: &mut State, key: Key) -> Outcome {
    update(state, Action::Key(key))
}

fn row(id: i64, account: i64, owner: &str, due: Option<Date>) -> TaskRow {
    TaskRow {
        task: Task {
            id: TaskId(id),
            account_id: AccountId(account),
            title: SafeText::line(&format!("Task {id}"), FieldCap::NAME),
            owner: SafeText::line(owner, FieldCap::NAME),
            due,
            status: TaskStatus::Open,
            playbook: SafeText::default(),
            created_at: Timestamp::UNIX_EPOCH,
            completed_at: None,
        },
        account_name: SafeText::line(&format!("Account {account}"), FieldCap::NAME),
    }
}

/// The Tasks screen open on 1970-01-01 with four tasks: overdue and mine,
/// due in three days and someone else's, due in a month and mine, undated.
fn open() -> State {
    let mut state = loaded(3);
    state.me = "Ann".into();
    let Effect::LoadTasks { generation } = press(&mut state, Key::char('T')).effects[0] else {
        panic!("the tasks load");
    };
    let rows = vec![
        row(1, 1, "ann", Some(date(1969, 12, 30))),
        row(2, 2, "Bo", Some(date(1970, 1, 4))),
        row(3, 1, "Ann", Some(date(1970, 2, 1))),
        row(4, 3, "", None),
    ];
    let _ = update(&mut state, Action::TasksLoaded { generation, result: Ok(rows) });
    state
}

fn shown(state: &State) -> Vec<i64> {
    (0..state.tasks.visible.len()).filter_map(|i| state.tasks.row(i)).map(|row| row.task.id.0).collect()
}

#[test]
fn the_views_are_mine_overdue_this_week_and_all() {
    let mut state = open();
    assert_eq!(state.screen, Screen::Tasks);
    assert_eq!(shown(&state), vec![1, 3], "mine, ignoring case");
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(shown(&state), vec![1], "overdue");
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(shown(&state), vec![2], "due this week");
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(shown(&state), vec![1, 2, 3, 4], "all");
    let _ = press(&mut state, Key::plain(KeyCode::Tab));
    assert_eq!(shown(&state), vec![1, 3, 2, 4], "by account, soonest first within each");
    let _ = press(&mut state, Key::plain(KeyCode::BackTab));
    assert_eq!(state.tasks.view, TaskView::All);
}

#[test]
fn x_marks_the_task_done_and_reads_the_list_again() {
    let mut state = open();
    let _ = press(&mut state, Key::char('j'));
    let outcome = press(&mut state, Key::char('x'));
    assert_eq!(
        outcome.effects,
        vec![
            Effect::Act { changes: vec![Change::CompleteTask(TaskId(3))], label: "Task done".into() },
            Effect::WakePusher
        ]
    );
    let report = ActReport {
        label: "Task done".into(),
        changed: 1,
        skipped: Vec::new(),
        state: Some(OutboxState::Local),
        lists_changed: true,
    };
    let outcome = update(&mut state, Action::Acted { result: Ok(report) });
    assert!(outcome.effects.iter().any(|effect| matches!(effect, Effect::LoadTasks { .. })));
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("Task done (kept locally: no backend is connected) · u undoes")
    );
}

#[test]
fn enter_opens_the_tasks_account_on_its_tasks_tab() {
    let mut state = open();
    let outcome = press(&mut state, Key::plain(KeyCode::Enter));
    assert!(matches!(&outcome.effects[..], [Effect::FindAccount { query, .. }] if query == "#1"));
    assert_eq!(state.pending_open, Some(PendingOpen { tab: AccountTab::Tasks, ticket: None }));
}

#[test]
fn read_only_does_not_mark_tasks_done() {
    let mut state = open();
    state.read_only = true;
    state.keymap = state.keymap.clone().read_only();
    assert!(press(&mut state, Key::char('x')).effects.is_empty());
}
