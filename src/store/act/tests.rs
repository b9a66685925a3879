use jiff::Timestamp;
use rusqlite::params;

use super::*;
use crate::model::{
    AccountId, ContactId, FieldCap, LifecycleStage, MeddicElement, SurveyId, TaskDraft, TaskId, TaskStatus,
    TicketId, TicketPriority, TicketStatus, TicketUpdate, TouchpointChannel,
};

fn at() -> Timestamp {
    "2026-11-25T12:00:00Z".parse().expect("an instant")
}

fn text(raw: &str) -> SafeText {
    SafeText::line(raw, FieldCap::NAME)
}

fn account(store: &Store, name: &str, domain: &str) -> AccountId {
    store
        .connection
        .execute(
            "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, \
             created_at) VALUES (?1, lower(?1), ?2, 'pro', 9900, 'USD', 'ann', 'retention', 0)",
            [name, domain],
        )
        .expect("an account");
    AccountId(store.connection.last_insert_rowid())
}

fn insert(store: &Store, sql: &str, values: impl rusqlite::Params) -> i64 {
    store.connection.execute(sql, values).expect("a row");
    store.connection.last_insert_rowid()
}

fn keyed(change: Change, seed: u8) -> Keyed {
    Keyed { change, key: IdempotencyKey::from_bytes([seed; 16]) }
}

fn apply(store: &Store, changes: Vec<Change>) -> Applied {
    let ann = text("Ann");
    let keyed: Vec<Keyed> = changes.into_iter().map(|change| Keyed::new(change).expect("a key")).collect();
    store
        .apply(&keyed, Actor { name: &ann, at: at(), backend: false, pushes_to: &[] }, "test")
        .expect("applied")
}

/// Everything a test compares before and after an undo: every table's rows.
fn snapshot(store: &Store) -> Vec<String> {
    let tables = [
        "accounts",
        "account_tags",
        "account_external_ids",
        "contacts",
        "tickets",
        "ticket_comments",
        "survey_responses",
        "purchases",
        "usage_snapshots",
        "stage_changes",
        "tasks",
        "notes",
        "touchpoints",
        "meddic",
        "mrr_changes",
        "health_snapshots",
    ];
    let mut rows = Vec::new();
    for table in tables {
        let mut statement =
            store.connection.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).expect("a query");
        let width = statement.column_count();
        let mut query = statement.query([]).expect("rows");
        while let Some(row) = query.next().expect("a row") {
            let values: Vec<String> =
                (0..width).map(|column| format!("{:?}", row.get_ref(column).expect("a value"))).collect();
            rows.push(format!("{table}: {}", values.join(", ")));
        }
    }
    rows
}

#[test]
fn a_note_and_its_outbox_item_are_written_together() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let body = SafeText::multiline("Called: renewal on track.\nSend the quote.", FieldCap::COMMENT);
    let applied = apply(&store, vec![Change::Note { account: acme, body: body.clone() }]);
    let notes = store.notes_of(acme).expect("notes");
    assert_eq!(notes.iter().map(|note| Some(note.id.0)).collect::<Vec<_>>(), applied.made);
    assert_eq!(notes[0].body, body);
    assert_eq!(store.outbox(None).expect("outbox"), applied.items);
    let item = &applied.items[0];
    assert_eq!((item.state, item.action, item.record_kind), (OutboxState::Local, "note", "account"));
    let payload: serde_json::Value = serde_json::from_str(&item.payload).expect("JSON");
    assert_eq!(payload["body"], body.as_str());
}

#[test]
fn a_failed_outbox_write_leaves_no_change_behind() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let ann = text("Ann");
    let actor = Actor { name: &ann, at: at(), backend: true, pushes_to: &[] };
    let note = |body: &str| keyed(Change::Note { account: acme, body: text(body) }, 1);
    store.apply(&[note("first")], actor, "note").expect("the first");
    // The same key again breaks the outbox's uniqueness: the whole batch is
    // refused, its first (valid) change included.
    let task = Keyed::new(Change::AddTask(TaskDraft {
        account: acme,
        title: text("t"),
        owner: ann.clone(),
        due: None,
    }))
    .expect("a key");
    assert!(store.apply(&[task, note("second")], actor, "two").is_err());
    assert_eq!(store.notes_of(acme).expect("notes").len(), 1, "the second note was rolled back");
    assert!(store.tasks_of(acme).expect("tasks").is_empty(), "so was the task before it");
    assert_eq!(store.outbox_counts().expect("counts"), OutboxCounts { pending: 1, failed: 0, local: 0 });
}

#[test]
fn every_action_changes_its_record_and_undo_puts_it_back() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let contact = insert(
        &store,
        "INSERT INTO contacts (account_id, name, email, role, champion) VALUES (?1, 'Bo', 'bo@acme.example', '', 0)",
        [acme.0],
    );
    let ticket = insert(
        &store,
        "INSERT INTO tickets (account_id, requester_id, subject, status, priority, assignee, channel, created_at, \
         updated_at) VALUES (?1, ?2, 'Export fails', 'open', 'normal', 'ann', 'email', 0, 0)",
        [acme.0, contact],
    );
    let survey = insert(
        &store,
        "INSERT INTO survey_responses (account_id, contact_id, kind, score, comment, responded_at) \
         VALUES (?1, ?2, 'nps', 3, 'slow', 0)",
        [acme.0, contact],
    );
    let task = insert(
        &store,
        "INSERT INTO tasks (account_id, title, owner, due, status, playbook, created_at) \
         VALUES (?1, 'Call', 'ann', '2026-11-20', 'open', '', 0)",
        [acme.0],
    );
    let before = snapshot(&store);
    let changes = vec![
        Change::Touchpoint {
            account: acme,
            contact: Some(ContactId(contact)),
            channel: TouchpointChannel::Call,
            outcome: text("renewal agreed"),
            summary: text("Talked to Bo"),
        },
        Change::SnoozeTask { task: TaskId(task), until: jiff::civil::date(2026, 12, 2) },
        Change::ReassignTask { task: TaskId(task), owner: text("bo") },
        Change::SetStage { account: acme, stage: LifecycleStage::Loyalty, reason: text("renewed") },
        Change::UpdateTicket {
            ticket: TicketId(ticket),
            update: TicketUpdate {
                status: Some(TicketStatus::Solved),
                priority: Some(TicketPriority::High),
                assignee: Some(text("bo")),
            },
        },
        Change::TicketNote { ticket: TicketId(ticket), body: text("internal: customer agreed") },
        Change::CloseLoop { survey: SurveyId(survey), outcome: text("called, fixed export") },
        Change::Meddic {
            account: acme,
            element: MeddicElement::EconomicBuyer,
            done: true,
            evidence: text("CFO signs"),
        },
        Change::CompleteTask(TaskId(task)),
    ];
    let applied = apply(&store, changes);
    assert_eq!(applied.skipped, Vec::new());
    assert_eq!(applied.items.len(), 9);

    let tasks = store.tasks_of(acme).expect("tasks");
    assert_eq!((tasks[0].status, tasks[0].owner.as_str()), (TaskStatus::Done, "bo"));
    assert_eq!(tasks[0].due, Some(jiff::civil::date(2026, 12, 2)));
    let account_now = store.account(acme).expect("read").expect("there");
    assert_eq!(account_now.stage, LifecycleStage::Loyalty);
    let history = store.stage_history(acme).expect("history");
    assert_eq!(history.last().map(|change| change.to), Some(LifecycleStage::Loyalty));
    let ticket_now = store.ticket(TicketId(ticket)).expect("read").expect("there");
    assert_eq!((ticket_now.status, ticket_now.priority), (TicketStatus::Solved, TicketPriority::High));
    assert_eq!(ticket_now.solved_at, Some(at()));
    let comments = store.comments_of(TicketId(ticket)).expect("comments");
    assert!(!comments[0].public);
    let surveys = store.surveys_of(acme).expect("surveys");
    assert_eq!(
        surveys[0].loop_closed.as_ref().map(|closure| closure.outcome.as_str()),
        Some("called, fixed export")
    );
    let meddic = store.meddic_of(acme).expect("meddic");
    assert_eq!(
        meddic.iter().map(|entry| (entry.element, entry.done)).collect::<Vec<_>>(),
        [(MeddicElement::EconomicBuyer, true)]
    );
    assert_eq!(store.touchpoints_of(acme).expect("touchpoints").len(), 1);

    let batch = applied.batch.expect("a batch");
    assert_eq!(store.undo(batch, at()).expect("undone"), UndoOutcome::Undone(9));
    assert_eq!(snapshot(&store), before, "every table is as it was");
    assert!(store.outbox(None).expect("outbox").is_empty());
    assert_eq!(store.undo(batch, at()).expect("checked"), UndoOutcome::NotFound, "once");
}

#[test]
fn a_change_with_nothing_to_do_is_skipped_with_its_reason() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let applied = apply(
        &store,
        vec![
            Change::SetStage { account: acme, stage: LifecycleStage::Retention, reason: SafeText::default() },
            Change::CompleteTask(TaskId(99)),
        ],
    );
    assert_eq!(applied.batch, None);
    assert_eq!(
        applied.skipped,
        vec![
            (0, format!("account #{acme} is in retention already")),
            (1, "task #99 does not exist".to_owned())
        ]
    );
    assert_eq!(store.last_undoable_batch().expect("read"), None, "no empty batch is kept");
}

#[test]
fn a_bulk_batch_is_undone_whole_and_not_once_a_push_was_tried() {
    let store = Store::open_in_memory().expect("store");
    let accounts: Vec<AccountId> =
        (0..5).map(|index| account(&store, &format!("A{index}"), &format!("a{index}.example"))).collect();
    let before = snapshot(&store);
    let ann = text("Ann");
    let changes: Vec<Keyed> = accounts
        .iter()
        .map(|&account| {
            Keyed::new(Change::SetStage { account, stage: LifecycleStage::Churned, reason: text("bulk") })
                .expect("a key")
        })
        .collect();
    let applied = store
        .apply(&changes, Actor { name: &ann, at: at(), backend: true, pushes_to: &[] }, "stage → churned")
        .expect("applied");
    let batch = applied.batch.expect("a batch");
    assert_eq!(store.last_undoable_batch().expect("read"), Some((batch, "stage → churned".to_owned())));
    assert_eq!(store.undo(batch, at()).expect("undone"), UndoOutcome::Undone(5));
    assert_eq!(snapshot(&store), before);

    let applied = store
        .apply(&changes[..2], Actor { name: &ann, at: at(), backend: true, pushes_to: &[] }, "again")
        .expect("applied");
    store.begin_push(applied.items[1].id).expect("an attempt");
    assert_eq!(
        store.undo(applied.batch.expect("a batch"), at()).expect("checked"),
        UndoOutcome::AlreadySent(1)
    );
    assert_eq!(store.account(accounts[0]).expect("read").expect("there").stage, LifecycleStage::Churned);
    assert_eq!(store.last_undoable_batch().expect("read"), None);
}

#[test]
fn merged_accounts_keep_every_record_and_unmerge_exactly() {
    let store = Store::open_in_memory().expect("store");
    let keep = account(&store, "Acme", "acme.example");
    let merged = account(&store, "ACME Inc", "acme.example");
    let contact = insert(
        &store,
        "INSERT INTO contacts (account_id, name, email, role, champion) VALUES (?1, 'Bo', 'bo@acme.example', '', 0)",
        [merged.0],
    );
    insert(
        &store,
        "INSERT INTO tickets (account_id, requester_id, subject, status, priority, assignee, channel, created_at, \
         updated_at) VALUES (?1, ?2, 'Export fails', 'open', 'normal', 'ann', 'email', 0, 0)",
        [merged.0, contact],
    );
    insert(
        &store,
        "INSERT INTO notes (account_id, author, body, created_at) VALUES (?1, 'x', 'hello', 5)",
        [merged.0],
    );
    for (account, tag) in [(keep, "vip"), (merged, "vip"), (merged, "eu")] {
        insert(
            &store,
            "INSERT INTO account_tags (account_id, position, tag) \
             VALUES (?1, (SELECT count(*) FROM account_tags WHERE account_id = ?1), ?2)",
            params![account.0, tag],
        );
    }
    insert(
        &store,
        "INSERT INTO account_external_ids (account_id, position, source, external_id) VALUES (?1, 0, 'hubspot', '77')",
        [merged.0],
    );
    for (account, day, users) in
        [(keep, "2026-11-01", 5), (merged, "2026-11-01", 2), (merged, "2026-11-02", 3)]
    {
        insert(
            &store,
            "INSERT INTO usage_snapshots (account_id, day, active_users, seats, logins, key_feature_uses) \
             VALUES (?1, ?2, ?3, 10, 1, 1)",
            params![account.0, day, users],
        );
    }
    insert(
        &store,
        "INSERT INTO mrr_changes (account_id, changed_at, mrr_minor, mrr_currency) VALUES (?1, 0, 500, 'USD')",
        [merged.0],
    );
    let before = snapshot(&store);

    let applied = apply(&store, vec![Change::MergeAccounts { keep, merge: merged }]);
    assert_eq!(applied.skipped, Vec::new());
    assert_eq!(store.account(merged).expect("read"), None, "the duplicate is gone from every list");
    let kept = store.account(keep).expect("read").expect("there");
    assert_eq!(kept.tags.iter().map(SafeText::as_str).collect::<Vec<_>>(), ["vip", "eu"]);
    assert_eq!(kept.external_ids.len(), 1);
    assert_eq!(store.contacts_of(keep).expect("contacts").len(), 1);
    assert_eq!(store.tickets_of(keep).expect("tickets").len(), 1);
    assert_eq!(store.notes_of(keep).expect("notes").len(), 1);

    store.undo(applied.batch.expect("a batch"), at()).expect("unmerged");
    assert_eq!(snapshot(&store), before, "un-merge restores both accounts exactly");
}

#[test]
fn merged_contacts_keep_their_tickets_and_unmerge() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let contact = |email: &str| {
        insert(
            &store,
            "INSERT INTO contacts (account_id, name, email, role, champion) VALUES (?1, 'Bo', ?2, '', 0)",
            params![acme.0, email],
        )
    };
    let keep = contact("bo@acme.example");
    let merged = contact("BO@acme.example");
    insert(
        &store,
        "INSERT INTO tickets (account_id, requester_id, subject, status, priority, assignee, channel, created_at, \
         updated_at) VALUES (?1, ?2, 'Export fails', 'open', 'normal', 'ann', 'email', 0, 0)",
        [acme.0, merged],
    );
    let before = snapshot(&store);
    let applied =
        apply(&store, vec![Change::MergeContacts { keep: ContactId(keep), merge: ContactId(merged) }]);
    assert_eq!(store.contacts_of(acme).expect("contacts").len(), 1);
    assert_eq!(store.tickets_of(acme).expect("tickets")[0].requester_id, Some(ContactId(keep)));
    store.undo(applied.batch.expect("a batch"), at()).expect("unmerged");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn the_pusher_takes_items_in_order_per_record() {
    let store = Store::open_in_memory().expect("store");
    let acme = account(&store, "Acme", "acme.example");
    let globex = account(&store, "Globex", "globex.example");
    let ann = text("Ann");
    let actor = Actor { name: &ann, at: at(), backend: true, pushes_to: &[] };
    let notes: Vec<Keyed> = [acme, acme, globex]
        .into_iter()
        .enumerate()
        .map(|(index, account)| {
            keyed(Change::Note { account, body: text(&format!("n{index}")) }, index as u8)
        })
        .collect();
    let applied = store.apply(&notes, actor, "notes").expect("applied");
    let ids: Vec<i64> = applied.items.iter().map(|item| item.id).collect();
    let next = |now: Timestamp| store.next_to_push(now).expect("read").map(|item| item.id);
    assert_eq!(next(at()), Some(ids[0]));

    // The first is refused: Acme's second waits behind it, Globex's goes.
    store.begin_push(ids[0]).expect("attempt");
    store
        .finish_push(ids[0], &PushResult::Refused { message: "422: body required".into() })
        .expect("refused");
    assert_eq!(next(at()), Some(ids[2]));
    let later = at() + jiff::SignedDuration::from_secs(30);
    store.finish_push(ids[2], &PushResult::Retry { next_at: later, reason: "503".into() }).expect("backoff");
    assert_eq!(next(at()), None, "Globex's waits for its backoff");
    assert_eq!(next(later), Some(ids[2]));
    assert_eq!(store.outbox_counts().expect("counts"), OutboxCounts { pending: 2, failed: 1, local: 0 });
    let failed = store.outbox(Some(OutboxState::Failed)).expect("failed");
    assert_eq!(failed[0].last_error.as_deref(), Some("422: body required"));

    assert!(store.edit_item(ids[0], &serde_json::json!({ "body": "fixed" })).expect("edited"));
    assert!(store.retry_item(ids[0]).expect("retried"));
    assert_eq!(next(at()), Some(ids[0]));
    store.finish_push(ids[0], &PushResult::Done).expect("done");
    assert_eq!(next(at()), Some(ids[1]));
    assert!(store.discard_item(ids[1]).expect("discarded"));
    assert!(!store.discard_item(ids[0]).expect("checked"), "a pushed item stays pushed");
    assert_eq!(store.outbox_item(ids[1]).expect("read").map(|item| item.state), Some(OutboxState::Discarded));
}

#[test]
fn an_account_from_hubspot_sends_its_notes_tasks_and_calls_to_its_company() {
    let store = Store::open_in_memory().expect("store");
    let nordwind = account(&store, "Nordwind", "nordwind.example");
    let local = account(&store, "Local Ltd", "local.example");
    insert(
        &store,
        "INSERT INTO account_external_ids (account_id, position, source, external_id) \
         VALUES (?1, 0, 'hubspot', '5312700201')",
        [nordwind.0],
    );
    let jana = insert(
        &store,
        "INSERT INTO contacts (account_id, name, email, role, champion, source, external_id) \
         VALUES (?1, 'Jana', 'jana@nordwind.example', 'ops', 1, 'hubspot', '52')",
        [nordwind.0],
    );
    let ann = text("Ann");
    let changes = |seed: u8| {
        vec![
            keyed(Change::Note { account: nordwind, body: text("Called") }, seed),
            keyed(
                Change::Touchpoint {
                    account: nordwind,
                    contact: Some(ContactId(jana)),
                    channel: TouchpointChannel::Call,
                    outcome: text("connected"),
                    summary: text("Renewal on track"),
                },
                seed + 1,
            ),
            keyed(Change::Note { account: local, body: text("Called") }, seed + 2),
        ]
    };
    let pushes_to = [Source::Hubspot];
    let actor = Actor { name: &ann, at: at(), backend: false, pushes_to: &pushes_to };
    let applied = store.apply(&changes(1), actor, "to HubSpot").expect("applied");
    let payloads: Vec<serde_json::Value> =
        applied.items.iter().map(|item| serde_json::from_str(&item.payload).expect("JSON")).collect();
    let company = serde_json::json!({ "source": "hubspot", "id": "5312700201" });
    assert_eq!((applied.items[0].state, &payloads[0]["external"]), (OutboxState::Pending, &company));
    assert_eq!((applied.items[1].state, &payloads[1]["external"]), (OutboxState::Pending, &company));
    assert_eq!(payloads[1]["contact_external"], serde_json::json!({ "source": "hubspot", "id": "52" }));
    assert_eq!(applied.items[2].state, OutboxState::Local, "an account HubSpot never gave stays local");
    assert!(payloads[2].get("external").is_none());

    let without_hubspot = Actor { pushes_to: &[], ..actor };
    let applied = store.apply(&changes(11), without_hubspot, "no HubSpot").expect("applied");
    assert!(
        applied.items.iter().all(|item| item.state == OutboxState::Local),
        "without a HubSpot source to push to, the changes stay local"
    );
}
