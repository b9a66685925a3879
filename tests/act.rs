//! `keepers act` and `keepers outbox` through the built binary: an action
//! writes its change and its outbox item together, each with its own
//! idempotency key, and the outbox lists them.

mod common;

use common::{demo_workspace, keepers_on};

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn a_note_from_a_script_lands_with_its_outbox_item() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let first =
        json(&keepers_on(&workspace, &["act", "note", "#3", "Called:", "renewal", "on", "track", "--json"]));
    let outbox = &first["outbox"];
    assert_eq!((outbox["record_kind"].as_str(), outbox["record_id"].as_i64()), (Some("account"), Some(3)));
    assert_eq!(outbox["state"], "local", "no backend is connected");
    assert_eq!(outbox["action"], "note");
    assert_eq!(outbox["payload"]["body"], "Called: renewal on track");
    assert_eq!(outbox["payload"]["note_id"], first["id"]);
    let key = outbox["idempotency_key"].as_str().expect("a key").to_owned();
    assert_eq!((key.len(), &key[14..15]), (36, "4"), "a version-4 UUID: {key}");

    let second = json(&keepers_on(&workspace, &["act", "note", "3", "Sent the quote", "--json"]));
    let listed = json(&keepers_on(&workspace, &["outbox", "--json"]));
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["idempotency_key"], key.as_str());
    assert_eq!(items[1]["idempotency_key"], second["outbox"]["idempotency_key"]);
    assert_ne!(items[0]["idempotency_key"], items[1]["idempotency_key"]);
    let failed = json(&keepers_on(&workspace, &["outbox", "--failed", "--json"]));
    assert_eq!(failed["items"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_note_needs_an_account_that_exists_and_some_text() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let missing = keepers_on(&workspace, &["act", "note", "no-such-account.invalid", "hello"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account matches"));
    let empty = keepers_on(&workspace, &["act", "note", "#1", "   "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the note is empty"));
    let listed = json(&keepers_on(&workspace, &["outbox", "--json"]));
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0), "nothing half-written");
}

#[test]
fn escape_sequences_in_a_note_are_not_stored() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let added =
        json(&keepers_on(&workspace, &["act", "note", "#2", "hi\u{1b}]0;pwned\u{7} there", "--json"]));
    let body = added["outbox"]["payload"]["body"].as_str().expect("a body");
    assert!(!body.contains('\u{1b}') && !body.contains('\u{7}'), "{body:?}");
}

#[test]
fn read_only_refuses_to_act() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let refused = keepers_on(&workspace, &["--read-only", "act", "note", "#1", "hello"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("read-only is on"));
    let listed = json(&keepers_on(&workspace, &["outbox", "--json"]));
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_task_is_created_with_its_due_day_and_done_once() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let created = json(&keepers_on(
        &workspace,
        &["act", "task", "#4", "Send", "the", "quote", "--due", "2026-12-01", "--owner", "Ann", "--json"],
    ));
    let payload = &created["outbox"]["payload"];
    assert_eq!(
        (payload["title"].as_str(), payload["due"].as_str()),
        (Some("Send the quote"), Some("2026-12-01"))
    );
    let task = created["id"].as_i64().expect("a task id").to_string();
    let done = json(&keepers_on(&workspace, &["act", "done", &task, "--json"]));
    assert_eq!(done["outbox"]["action"], "task_done");
    let again = keepers_on(&workspace, &["act", "done", &task]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is done already"));
    let bad_due = keepers_on(&workspace, &["act", "task", "#4", "Call", "--due", "next tuesday"]);
    assert_eq!(bad_due.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_due.stderr).contains("is not a day"));
    let listed = json(&keepers_on(&workspace, &["outbox", "--json"]));
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(2),
        "the task and its completion, nothing for the refusals"
    );
}

#[test]
fn open_tasks_come_with_their_accounts_names_and_leave_when_done() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let created = json(&keepers_on(&workspace, &["act", "task", "#2", "Book", "the", "QBR", "--json"]));
    let task = created["id"].as_i64().expect("a task id");
    let store = keepers::store::Store::open(&workspace).expect("the workspace opens");
    let open = store.open_tasks().expect("the open tasks");
    let row = open.iter().find(|row| row.task.id.0 == task).expect("the new task is open");
    assert_eq!(row.task.title.as_str(), "Book the QBR");
    assert_eq!(row.account_name, store.account(keepers::model::AccountId(2)).unwrap().unwrap().name);
    assert!(open.iter().all(|row| row.task.status != keepers::model::TaskStatus::Done));
    let _ = json(&keepers_on(&workspace, &["act", "done", &task.to_string(), "--json"]));
    assert!(store.open_tasks().expect("the open tasks").iter().all(|row| row.task.id.0 != task));
}

#[test]
fn a_stage_change_is_a_timeline_event_and_undo_takes_it_back() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let store = keepers::store::Store::open(&workspace).expect("the workspace opens");
    let account = keepers::model::AccountId(2);
    let before = store.account(account).unwrap().unwrap().stage;
    let target = if before == keepers::model::LifecycleStage::Churned { "loyalty" } else { "churned" };
    let changed =
        json(&keepers_on(&workspace, &["act", "stage", "#2", target, "--reason", "left", "--json"]));
    assert_eq!(changed["outbox"]["action"], "stage");
    assert_eq!(store.account(account).unwrap().unwrap().stage.as_str(), target);
    let last = store.stage_history(account).unwrap().pop().expect("a stage change");
    assert_eq!((last.to.as_str(), last.reason.as_str()), (target, "left"));

    let undone = json(&keepers_on(&workspace, &["act", "undo", "--json"]));
    assert_eq!((undone["batch"].clone(), undone["undone"].as_i64()), (changed["batch"].clone(), Some(1)));
    assert_eq!(store.account(account).unwrap().unwrap().stage, before);
    let listed = json(&keepers_on(&workspace, &["outbox", "--json"]));
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0), "an undone item is never pushed");
    let again = keepers_on(&workspace, &["act", "undo"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to undo"));
    let typo = keepers_on(&workspace, &["act", "stage", "#2", "churnd"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("unknown lifecycle stage \"churnd\""));
}

#[test]
fn tickets_touchpoints_meddic_and_closed_loops_from_a_script() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let store = keepers::store::Store::open(&workspace).expect("the workspace opens");
    let account = keepers::model::AccountId(1);
    let ticket = store.tickets_of(account).unwrap()[0].id;
    let updated = json(&keepers_on(
        &workspace,
        &[
            "act",
            "ticket",
            &ticket.0.to_string(),
            "--status",
            "pending",
            "--priority",
            "urgent",
            "--assignee",
            "Bo",
            "--note",
            "Waiting on the export log",
            "--json",
        ],
    ));
    let actions: Vec<&str> =
        updated["items"].as_array().unwrap().iter().map(|item| item["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["ticket_update", "ticket_note"]);
    let now = store.ticket(ticket).unwrap().unwrap();
    assert_eq!(
        (now.status.as_str(), now.priority.as_str(), now.assignee.as_str()),
        ("pending", "urgent", "Bo")
    );
    assert!(
        store
            .comments_of(ticket)
            .unwrap()
            .iter()
            .any(|comment| !comment.public && comment.body.as_str() == "Waiting on the export log")
    );

    let logged = keepers_on(
        &workspace,
        &["act", "touch", "#1", "call", "--outcome", "renewal agreed", "Spoke", "to", "Bo"],
    );
    assert!(logged.status.success(), "{}", String::from_utf8_lossy(&logged.stderr));
    assert!(String::from_utf8_lossy(&logged.stdout).contains("call logged"));
    let touchpoints = store.touchpoints_of(account).unwrap();
    assert_eq!(
        (touchpoints[0].channel.as_str(), touchpoints[0].outcome.as_str()),
        ("call", "renewal agreed")
    );

    json(&keepers_on(&workspace, &["act", "meddic", "#1", "eb", "CFO", "signs", "--json"]));
    let meddic = store.meddic_of(account).unwrap();
    assert_eq!(
        (meddic[0].element.title(), meddic[0].done, meddic[0].evidence.as_str()),
        ("Economic buyer", true, "CFO signs")
    );

    let open_survey = (1..=5)
        .flat_map(|id| store.surveys_of(keepers::model::AccountId(id)).unwrap())
        .find(|survey| survey.loop_closed.is_none())
        .expect("a survey answer whose loop is open");
    let closed = json(&keepers_on(
        &workspace,
        &["act", "close-loop", &open_survey.id.0.to_string(), "called,", "fixed", "--json"],
    ));
    assert_eq!(closed["outbox"]["action"], "loop_closed");
    let again = keepers_on(&workspace, &["act", "close-loop", &open_survey.id.0.to_string(), "twice"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("is closed already"));
}

#[test]
fn merged_accounts_come_apart_again_with_undo() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let store = keepers::store::Store::open(&workspace).expect("the workspace opens");
    let (keep, duplicate) = (keepers::model::AccountId(1), keepers::model::AccountId(2));
    let tickets_before = (store.tickets_of(keep).unwrap().len(), store.tickets_of(duplicate).unwrap().len());
    let merged = json(&keepers_on(&workspace, &["act", "merge", "#1", "#2", "--json"]));
    assert_eq!(merged["outbox"]["action"], "merge_accounts");
    assert_eq!(store.account(duplicate).unwrap(), None);
    assert_eq!(store.tickets_of(keep).unwrap().len(), tickets_before.0 + tickets_before.1);
    json(&keepers_on(&workspace, &["act", "undo", "--json"]));
    assert!(store.account(duplicate).unwrap().is_some());
    assert_eq!(
        (store.tickets_of(keep).unwrap().len(), store.tickets_of(duplicate).unwrap().len()),
        tickets_before
    );
}

#[test]
fn playbooks_make_their_tasks_once_and_name_themselves() {
    let (_dir, workspace) = demo_workspace(5, 200);
    let store = keepers::store::Store::open(&workspace).expect("the workspace opens");
    let last_before = store.open_tasks().expect("tasks").iter().map(|row| row.task.id.0).max().unwrap_or(0);
    let first = json(&keepers_on(&workspace, &["playbooks", "--json"]));
    let created = first["created"].as_i64().expect("a count");
    assert!(created > 0, "the demo's recent events ask for tasks: {first}");
    assert_eq!(first["planned"], first["created"], "a first run makes everything it plans");
    let made: Vec<_> =
        store.open_tasks().expect("tasks").into_iter().filter(|row| row.task.id.0 > last_before).collect();
    assert_eq!(made.len() as i64, created);
    assert!(made.iter().all(|row| !row.task.playbook.is_empty()), "every task names its playbook");

    let second = json(&keepers_on(&workspace, &["playbooks", "--json"]));
    assert_eq!(second["created"], 0, "a second run duplicates nothing: {second}");
    let outbox = json(&keepers_on(&workspace, &["outbox", "--json"]));
    let task_items =
        outbox["items"].as_array().expect("items").iter().filter(|item| item["action"] == "task").count();
    assert_eq!(task_items as i64, created, "each task has its outbox item");

    let undone = json(&keepers_on(&workspace, &["act", "undo", "--json"]));
    assert_eq!(undone["undone"].as_i64(), Some(created), "a run is undone as one batch");
    let refused = keepers_on(&workspace, &["--read-only", "playbooks"]);
    assert_eq!(refused.status.code(), Some(2));
    let refused = keepers_on(&workspace, &["--read-only", "outbox", "push"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("read-only is on"));
}

#[test]
fn pushing_without_a_backend_says_how_to_add_one() {
    let (_dir, workspace) = demo_workspace(5, 30);
    let output = keepers_on(&workspace, &["outbox", "push"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("add a [push] table or a [[source]] to keepers.toml")
    );
}
