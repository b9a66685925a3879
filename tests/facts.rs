//! Integration tests of the MRR history, the daily health snapshots and
//! `load_facts`: round trips, upserts, every kind of fact read back sorted
//! and complete, agreement with the per-account reads on a demo workspace,
//! bad rows, and a version-1 workspace migrated with its data kept.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use keepers::demo::{self, DemoSpec};
use keepers::metrics::{
    AccountFact, ContactFact, FactTime, Facts, HealthPoint, MrrChange, PurchaseFact, StageFact, SurveyFact,
    TaskFact, TicketFact, UsageFact,
};
use keepers::model::time::add_days;
use keepers::model::*;
use keepers::store::{AccountColumn, AccountSort, HEALTH_LOOK_BACK_DAYS, Store, StoreError};
use rusqlite::Connection;

const TODAY: Date = Date::constant(2026, 11, 25);

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn text(value: &str) -> SafeText {
    SafeText::line(value, FieldCap::NAME)
}

fn dollars(whole: i64) -> Money {
    Money::new(whole * 100, Currency::USD)
}

/// A private temporary directory, as a user's data directory would be.
fn workspace_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

fn account(name: &str, stage: LifecycleStage, mrr: Money) -> Account {
    Account {
        id: AccountId::default(),
        name: text(name),
        domain: text("example.com"),
        plan: text("team"),
        mrr,
        owner: text("Ann"),
        stage,
        renewal_date: Some(Date::constant(2027, 3, 1)),
        created_at: at("2025-01-10T09:00:00Z"),
        tags: vec![text("eu")],
        external_ids: Vec::new(),
    }
}

fn ticket(account_id: AccountId, created: &str, status: TicketStatus) -> Ticket {
    Ticket {
        id: TicketId::default(),
        account_id,
        requester_id: None,
        subject: text("Export fails"),
        status,
        priority: TicketPriority::High,
        assignee: text("Bob"),
        channel: TicketChannel::Email,
        created_at: at(created),
        updated_at: at(created),
        solved_at: None,
        sla_due_at: Some(at("2026-11-30T00:00:00Z")),
        satisfaction: None,
        external: None,
    }
}

fn survey(account_id: AccountId, answer: SurveyAnswer, responded: &str) -> SurveyResponse {
    SurveyResponse {
        id: SurveyId::default(),
        account_id,
        contact_id: None,
        ticket_id: None,
        answer,
        comment: SafeText::default(),
        responded_at: at(responded),
        loop_closed: None,
    }
}

fn task(account_id: AccountId, due: Option<Date>, playbook: &str) -> Task {
    Task {
        id: TaskId::default(),
        account_id,
        title: text("Kick-off call"),
        owner: text("Ann"),
        due,
        status: TaskStatus::Open,
        playbook: text(playbook),
        created_at: at("2026-01-01T00:00:00Z"),
        completed_at: None,
    }
}

fn usage(account_id: AccountId, day: Date, logins: u32) -> UsageSnapshot {
    UsageSnapshot { account_id, day, active_users: 4, seats: 5, logins, key_feature_uses: 2 }
}

fn contact(account_id: AccountId, champion: bool) -> Contact {
    Contact {
        id: ContactId::default(),
        account_id,
        name: text("Zoë"),
        email: text("zoe@example.com"),
        role: text("CTO"),
        champion,
        last_seen_at: champion.then(|| at("2026-11-01T00:00:00Z")),
        external: None,
    }
}

fn purchase(account_id: AccountId, bought: &str, whole_dollars: i64) -> Purchase {
    Purchase {
        id: PurchaseId::default(),
        account_id,
        amount: dollars(whole_dollars),
        cost: dollars(whole_dollars / 5),
        description: text("Seats"),
        purchased_at: at(bought),
    }
}

// ----- MRR history and health snapshots ------------------------------------

#[test]
fn an_mrr_history_reads_back_oldest_first_and_only_for_its_account() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.bulk().unwrap();
    let acme = writer.insert_account(&account("Acme", LifecycleStage::Retention, dollars(150))).unwrap();
    let other = writer.insert_account(&account("Other", LifecycleStage::Churned, dollars(0))).unwrap();
    writer.insert_mrr_change(acme, at("2026-03-01T00:00:00Z"), dollars(150)).unwrap();
    writer.insert_mrr_change(other, at("2025-06-01T00:00:00Z"), dollars(99)).unwrap();
    writer.insert_mrr_change(acme, at("2025-03-01T00:00:00Z"), dollars(100)).unwrap();
    // Two changes at one instant: the one recorded later comes later.
    writer.insert_mrr_change(acme, at("2026-03-01T00:00:00Z"), Money::new(0, Currency::EUR)).unwrap();
    writer.commit().unwrap();

    assert_eq!(
        store.mrr_history(acme).unwrap(),
        [
            (at("2025-03-01T00:00:00Z"), dollars(100)),
            (at("2026-03-01T00:00:00Z"), dollars(150)),
            (at("2026-03-01T00:00:00Z"), Money::new(0, Currency::EUR)),
        ]
    );
    assert_eq!(store.mrr_history(other).unwrap(), [(at("2025-06-01T00:00:00Z"), dollars(99))]);
    assert!(store.mrr_history(AccountId(999)).unwrap().is_empty());
}

#[test]
fn health_snapshots_are_saved_per_day_and_a_second_save_replaces_the_day() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.bulk().unwrap();
    let acme = writer.insert_account(&account("Acme", LifecycleStage::Retention, dollars(1))).unwrap();
    let beta = writer.insert_account(&account("Beta", LifecycleStage::Loyalty, dollars(1))).unwrap();
    writer.commit().unwrap();
    let yesterday = add_days(TODAY, -1);

    assert!(!store.has_health_snapshot(TODAY).unwrap());
    assert_eq!(store.save_health_snapshots(TODAY, &[(acme, 80), (beta, 0)]).unwrap(), 2);
    assert_eq!(store.save_health_snapshots(yesterday, &[(acme, 95)]).unwrap(), 1);
    assert!(store.has_health_snapshot(TODAY).unwrap());
    assert!(store.has_health_snapshot(yesterday).unwrap());
    assert!(!store.has_health_snapshot(add_days(TODAY, -2)).unwrap());
    assert_eq!(store.health_history(acme).unwrap(), [(yesterday, 95), (TODAY, 80)]);

    // Recomputed later the same day: the day's score is replaced, not added.
    assert_eq!(store.save_health_snapshots(TODAY, &[(acme, 61), (beta, 100)]).unwrap(), 2);
    assert_eq!(store.health_history(acme).unwrap(), [(yesterday, 95), (TODAY, 61)]);
    assert_eq!(store.health_history(beta).unwrap(), [(TODAY, 100)]);
}

#[test]
fn a_save_with_a_bad_score_saves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.bulk().unwrap();
    let acme = writer.insert_account(&account("Acme", LifecycleStage::Retention, dollars(1))).unwrap();
    writer.commit().unwrap();

    let refused = store.save_health_snapshots(TODAY, &[(acme, 70), (acme, 101)]);
    assert!(
        matches!(refused, Err(StoreError::Unstorable { table: "health_snapshots", field: "score", .. })),
        "{refused:?}"
    );
    let unknown_account = store.save_health_snapshots(TODAY, &[(acme, 70), (AccountId(999), 50)]);
    assert!(matches!(unknown_account, Err(StoreError::Database(_))), "{unknown_account:?}");
    assert!(!store.has_health_snapshot(TODAY).unwrap());
    assert!(store.health_history(acme).unwrap().is_empty());
}

// ----- load_facts ------------------------------------------------------------

/// Two accounts with records of every kind, written out of order so that
/// reading them sorted takes work. Returns the two account ids.
fn fill_every_kind(store: &mut Store) -> (AccountId, AccountId) {
    let mut writer = store.bulk().unwrap();
    let acme = writer.insert_account(&account("Acme", LifecycleStage::Retention, dollars(300))).unwrap();
    let beta = writer.insert_account(&account("Beta", LifecycleStage::Churned, dollars(0))).unwrap();

    writer.insert_ticket(&ticket(beta, "2026-05-01T00:00:00Z", TicketStatus::Closed)).unwrap();
    let rated = writer.insert_ticket(&ticket(acme, "2026-09-01T00:00:00Z", TicketStatus::Solved)).unwrap();
    writer.insert_ticket(&ticket(acme, "2026-02-01T00:00:00Z", TicketStatus::Open)).unwrap();

    let mut rating = survey(acme, SurveyAnswer::Rating(Rating::Bad), "2026-09-03T00:00:00Z");
    rating.ticket_id = Some(rated);
    rating.loop_closed =
        Some(LoopClosure { at: at("2026-09-04T00:00:00Z"), by: text("Ann"), outcome: text("Called") });
    writer.insert_survey(&rating).unwrap();
    writer.insert_survey(&survey(acme, SurveyAnswer::Nps(9), "2026-01-15T00:00:00Z")).unwrap();
    writer.insert_survey(&survey(beta, SurveyAnswer::Ces(2), "2026-04-01T00:00:00Z")).unwrap();

    writer.insert_usage(&usage(acme, Date::constant(2026, 11, 18), 30)).unwrap();
    writer.insert_usage(&usage(beta, Date::constant(2026, 3, 1), 0)).unwrap();
    writer.insert_usage(&usage(acme, Date::constant(2026, 11, 11), 40)).unwrap();

    writer.insert_contact(&contact(beta, false)).unwrap();
    writer.insert_contact(&contact(acme, true)).unwrap();

    writer.insert_task(&task(acme, Some(Date::constant(2026, 12, 1)), "onboarding")).unwrap();
    writer.insert_task(&task(acme, None, "")).unwrap();
    writer.insert_task(&task(beta, Some(Date::constant(2026, 1, 1)), "renewal")).unwrap();

    writer.insert_purchase(&purchase(acme, "2026-03-01T00:00:00Z", 3_600)).unwrap();
    writer.insert_purchase(&purchase(acme, "2025-03-01T00:00:00Z", 2_400)).unwrap();

    writer.insert_mrr_change(beta, at("2025-01-01T00:00:00Z"), dollars(50)).unwrap();
    writer.insert_mrr_change(beta, at("2026-06-01T00:00:00Z"), dollars(0)).unwrap();
    writer.insert_mrr_change(acme, at("2026-03-01T00:00:00Z"), dollars(300)).unwrap();
    writer.insert_mrr_change(acme, at("2025-03-01T00:00:00Z"), dollars(200)).unwrap();
    let stage_change =
        |from, to, when: &str| StageChange { account_id: acme, from, to, at: at(when), reason: text("") };
    writer
        .insert_stage_change(&stage_change(
            Some(LifecycleStage::Conversion),
            LifecycleStage::Retention,
            "2025-04-01T00:00:00Z",
        ))
        .unwrap();
    writer
        .insert_stage_change(&stage_change(None, LifecycleStage::Conversion, "2025-03-01T00:00:00Z"))
        .unwrap();
    writer.commit().unwrap();

    // Only the last snapshot day at or before 30 days ago is loaded: not
    // the days after it, nor an older one.
    let compared_day = add_days(TODAY, -HEALTH_LOOK_BACK_DAYS - 2);
    store.save_health_snapshots(add_days(compared_day, -1), &[(acme, 99), (beta, 99)]).unwrap();
    store.save_health_snapshots(TODAY, &[(beta, 20), (acme, 70)]).unwrap();
    store.save_health_snapshots(add_days(TODAY, -HEALTH_LOOK_BACK_DAYS + 1), &[(beta, 40)]).unwrap();
    store.save_health_snapshots(compared_day, &[(acme, 90)]).unwrap();
    (acme, beta)
}

#[test]
fn every_kind_of_fact_is_loaded_sorted_by_account_and_time() {
    let mut store = Store::open_in_memory().unwrap();
    let (acme, beta) = fill_every_kind(&mut store);
    let facts = store.load_facts(TODAY).unwrap();
    let instant = |text: &str| at(text);
    let fact_time = |text: &str| FactTime::from(at(text));

    // Destructured without `..`, so a kind added to `Facts` fails to compile here.
    let Facts {
        accounts,
        tickets,
        surveys,
        usage,
        contacts,
        tasks,
        purchases,
        mrr_changes,
        stage_changes,
        health,
    } = facts.clone();
    let stage_fact = |from, to, when: &str| StageFact { account: acme, from, to, at: fact_time(when) };
    assert_eq!(
        stage_changes,
        [
            stage_fact(None, LifecycleStage::Conversion, "2025-03-01T00:00:00Z"),
            stage_fact(Some(LifecycleStage::Conversion), LifecycleStage::Retention, "2025-04-01T00:00:00Z"),
        ]
    );
    assert_eq!(
        accounts,
        [
            AccountFact {
                account: acme,
                owner: text("Ann"),
                plan: text("team"),
                stage: LifecycleStage::Retention,
                mrr: dollars(300),
                renewal_date: Some(Date::constant(2027, 3, 1)),
                created_at: instant("2025-01-10T09:00:00Z"),
            },
            AccountFact {
                account: beta,
                owner: text("Ann"),
                plan: text("team"),
                stage: LifecycleStage::Churned,
                mrr: dollars(0),
                renewal_date: Some(Date::constant(2027, 3, 1)),
                created_at: instant("2025-01-10T09:00:00Z"),
            },
        ]
    );
    let ticket_fact = |account, created: &str, status| TicketFact {
        account,
        status,
        priority: TicketPriority::High,
        created_at: fact_time(created),
        first_reply_at: None,
        solved_at: None,
        sla_due_at: Some(fact_time("2026-11-30T00:00:00Z")),
        satisfaction: None,
    };
    assert_eq!(
        tickets,
        [
            ticket_fact(acme, "2026-02-01T00:00:00Z", TicketStatus::Open),
            ticket_fact(acme, "2026-09-01T00:00:00Z", TicketStatus::Solved),
            ticket_fact(beta, "2026-05-01T00:00:00Z", TicketStatus::Closed),
        ]
    );
    let survey_fact = |account, answer, responded: &str, closed_on_ticket| SurveyFact {
        account,
        answer,
        at: fact_time(responded),
        loop_closed: closed_on_ticket,
        on_ticket: closed_on_ticket,
    };
    assert_eq!(
        surveys,
        [
            survey_fact(acme, SurveyAnswer::Nps(9), "2026-01-15T00:00:00Z", false),
            survey_fact(acme, SurveyAnswer::Rating(Rating::Bad), "2026-09-03T00:00:00Z", true),
            survey_fact(beta, SurveyAnswer::Ces(2), "2026-04-01T00:00:00Z", false),
        ]
    );
    let usage_fact = |account, day, logins| UsageFact {
        account,
        day,
        active_users: 4,
        seats: 5,
        logins,
        key_feature_uses: 2,
    };
    assert_eq!(
        usage,
        [
            usage_fact(acme, Date::constant(2026, 11, 11), 40),
            usage_fact(acme, Date::constant(2026, 11, 18), 30),
            usage_fact(beta, Date::constant(2026, 3, 1), 0),
        ]
    );
    assert_eq!(
        contacts,
        [
            ContactFact {
                account: acme,
                champion: true,
                last_seen_at: Some(fact_time("2026-11-01T00:00:00Z"))
            },
            ContactFact { account: beta, champion: false, last_seen_at: None },
        ]
    );
    let task_fact =
        |account, due, onboarding| TaskFact { account, status: TaskStatus::Open, due, onboarding };
    assert_eq!(
        tasks,
        [
            task_fact(acme, None, false),
            task_fact(acme, Some(Date::constant(2026, 12, 1)), true),
            task_fact(beta, Some(Date::constant(2026, 1, 1)), false),
        ]
    );
    let purchase_fact = |bought: &str, whole_dollars: i64| PurchaseFact {
        account: acme,
        at: instant(bought),
        amount_minor: whole_dollars * 100,
        cost_minor: whole_dollars / 5 * 100,
    };
    assert_eq!(
        purchases,
        [purchase_fact("2025-03-01T00:00:00Z", 2_400), purchase_fact("2026-03-01T00:00:00Z", 3_600)]
    );
    let change = |account, when: &str, mrr_minor| MrrChange { account, at: instant(when), mrr_minor };
    assert_eq!(
        mrr_changes,
        [
            change(acme, "2025-03-01T00:00:00Z", 200 * 100),
            change(acme, "2026-03-01T00:00:00Z", 300 * 100),
            change(beta, "2025-01-01T00:00:00Z", 50 * 100),
            change(beta, "2026-06-01T00:00:00Z", 0),
        ]
    );
    let point = |account, day, score| HealthPoint { account, day, score };
    assert_eq!(health, [point(acme, add_days(TODAY, -HEALTH_LOOK_BACK_DAYS - 2), 90)]);

    // Already in the order `Facts::sort` gives, and every record has its account.
    let mut resorted = facts.clone();
    resorted.sort();
    assert_eq!(resorted, facts);
    let in_views: usize = facts
        .per_account()
        .map(|view| {
            view.tickets.len()
                + view.surveys.len()
                + view.usage.len()
                + view.contacts.len()
                + view.tasks.len()
                + view.purchases.len()
                + view.mrr_changes.len()
                + view.stage_changes.len()
                + view.health.len()
        })
        .sum();
    assert_eq!(in_views, 3 + 3 + 3 + 2 + 3 + 2 + 4 + 2 + 1);
}

#[test]
fn a_workspace_file_loads_the_same_facts_as_one_in_memory() {
    let dir = workspace_dir();
    let mut on_disk = Store::open(&dir.path().join("facts.db")).unwrap();
    let mut in_memory = Store::open_in_memory().unwrap();
    fill_every_kind(&mut on_disk);
    fill_every_kind(&mut in_memory);
    assert_eq!(on_disk.load_facts(TODAY).unwrap(), in_memory.load_facts(TODAY).unwrap());
}

#[test]
fn an_empty_workspace_has_no_facts() {
    let dir = workspace_dir();
    let store = Store::open(&dir.path().join("empty.db")).unwrap();
    assert_eq!(store.load_facts(TODAY).unwrap(), Facts::default());
}

/// A demo workspace of a few dozen accounts, generated once per test.
fn small_demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    demo::generate(&path, &DemoSpec::new(11, 60, TODAY), &mut |_| {}).unwrap();
    path
}

#[test]
fn the_facts_of_a_demo_agree_with_what_each_account_reads() {
    let dir = workspace_dir();
    let mut store = Store::open(&small_demo(dir.path())).unwrap();
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    let summaries = store.account_summaries(by_name).unwrap();
    let scores: Vec<(AccountId, u8)> =
        summaries.iter().map(|summary| (summary.id, (summary.id.0 % 101) as u8)).collect();
    let compared_day = add_days(TODAY, -HEALTH_LOOK_BACK_DAYS);
    store.save_health_snapshots(compared_day, &scores).unwrap();
    store.save_health_snapshots(TODAY, &scores).unwrap();
    let facts = store.load_facts(TODAY).unwrap();
    assert_eq!(facts.accounts.len(), summaries.len());

    for view in facts.per_account() {
        let id = view.account.account;
        let summary = summaries.iter().find(|summary| summary.id == id).unwrap();
        assert_eq!((view.account.stage, view.account.mrr), (summary.stage, summary.mrr));
        assert_eq!(view.tickets.len(), store.tickets_of(id).unwrap().len(), "tickets of {id}");
        let open = store.tickets_of(id).unwrap().iter().filter(|ticket| ticket.status.is_open()).count();
        assert_eq!(view.tickets.iter().filter(|ticket| ticket.status.is_open()).count(), open);
        let surveys = store.surveys_of(id).unwrap();
        assert_eq!(view.surveys.len(), surveys.len(), "surveys of {id}");
        let closed = surveys.iter().filter(|survey| survey.loop_closed.is_some()).count();
        assert_eq!(view.surveys.iter().filter(|survey| survey.loop_closed).count(), closed);
        let ratings = surveys.iter().filter(|survey| survey.ticket_id.is_some()).count();
        assert_eq!(view.surveys.iter().filter(|survey| survey.on_ticket).count(), ratings);
        assert_eq!(view.usage.len(), store.usage_of(id).unwrap().len(), "usage of {id}");
        assert_eq!(view.contacts.len(), store.contacts_of(id).unwrap().len(), "contacts of {id}");
        let tasks = store.tasks_of(id).unwrap();
        assert_eq!(view.tasks.len(), tasks.len(), "tasks of {id}");
        let onboarding = tasks.iter().filter(|task| task.playbook.as_str() == "onboarding").count();
        assert_eq!(view.tasks.iter().filter(|task| task.onboarding).count(), onboarding);
        assert_eq!(view.purchases.len(), store.purchases_of(id).unwrap().len(), "purchases of {id}");
        let history: Vec<(Timestamp, i64)> =
            store.mrr_history(id).unwrap().into_iter().map(|(at, mrr)| (at, mrr.minor)).collect();
        let loaded: Vec<(Timestamp, i64)> =
            view.mrr_changes.iter().map(|change| (change.at, change.mrr_minor)).collect();
        assert_eq!(loaded, history, "MRR history of {id}");
        assert_eq!(view.stage_changes.len(), store.stage_history(id).unwrap().len(), "stages of {id}");
        assert_eq!(view.health, [HealthPoint { account: id, day: compared_day, score: (id.0 % 101) as u8 }]);
    }
    let mut resorted = facts.clone();
    resorted.sort();
    assert_eq!(resorted, facts);
}

// ----- rows edited by hand and old files ------------------------------------

fn edit(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn assert_bad_row(result: Result<Facts, StoreError>, table: &str, id: &str, field: &str) {
    match result {
        Err(StoreError::BadRow { table: got_table, id: got_id, field: got_field, reason }) => {
            assert_eq!((got_table, got_id.as_str(), got_field), (table, id, field), "{reason}");
        }
        other => panic!("expected a bad row in {table}.{field}, got {other:?}"),
    }
}

#[test]
fn a_value_edited_into_nonsense_is_a_bad_row_naming_table_row_and_field() {
    let dir = workspace_dir();
    let path = dir.path().join("edited.db");
    fill_every_kind(&mut Store::open(&path).unwrap());
    let cases = [
        ("UPDATE tickets SET status = 'sorted' WHERE id = 2", "tickets", "2", "status"),
        ("UPDATE survey_responses SET score = 11 WHERE id = 2", "survey_responses", "2", "score"),
        ("UPDATE mrr_changes SET changed_at = 'soon' WHERE id = 3", "mrr_changes", "3", "changed_at"),
        (
            "UPDATE usage_snapshots SET day = '2026-11-31' WHERE day = '2026-11-18'",
            "usage_snapshots",
            "account 1, day \"2026-11-31\"",
            "day",
        ),
        (
            "PRAGMA ignore_check_constraints = ON; UPDATE health_snapshots SET score = 140 \
             WHERE account_id = 1 AND day = '2026-10-24'",
            "health_snapshots",
            "account 1, day \"2026-10-24\"",
            "score",
        ),
    ];
    for (sql, table, id, field) in cases {
        let copy = dir.path().join(format!("{table}.db"));
        fs::copy(&path, &copy).unwrap();
        edit(&copy, sql);
        assert_bad_row(Store::open(&copy).unwrap().load_facts(TODAY), table, id, field);
    }
}

#[test]
fn a_version_1_workspace_is_migrated_with_its_data_kept() {
    let dir = workspace_dir();
    let path = dir.path().join("old.db");
    let old = Connection::open(&path).unwrap();
    old.execute_batch(include_str!("../src/store/migrations/0001_initial.sql")).unwrap();
    old.pragma_update(None, "application_id", 0x4B45_4550).unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    old.execute_batch(
        "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, \
         renewal_date, created_at) VALUES ('Acme', 'acme', 'acme.example', 'team', 9900, 'USD', 'Ann', \
         'retention', NULL, 1700000000)",
    )
    .unwrap();
    drop(old);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();

    let mut store = Store::open(&path).unwrap();
    let acme = AccountId(1);
    assert_eq!(store.account(acme).unwrap().map(|account| account.mrr), Some(dollars(99)));
    assert!(store.mrr_history(acme).unwrap().is_empty());
    let mut writer = store.bulk().unwrap();
    writer.insert_mrr_change(acme, at("2026-01-01T00:00:00Z"), dollars(99)).unwrap();
    writer.commit().unwrap();
    store.save_health_snapshots(TODAY, &[(acme, 88)]).unwrap();
    drop(store);

    let version: i64 =
        Connection::open(&path).unwrap().pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(version, 7);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.mrr_history(acme).unwrap(), [(at("2026-01-01T00:00:00Z"), dollars(99))]);
    assert_eq!(store.health_history(acme).unwrap(), [(TODAY, 88)]);
    assert_eq!(store.load_facts(TODAY).unwrap().accounts.len(), 1);
}

#[test]
fn a_tickets_first_reply_is_the_earliest_public_agent_comment() {
    let dir = workspace_dir();
    let mut store = Store::open(&dir.path().join("replies.db")).unwrap();
    let mut writer = store.bulk().unwrap();
    let acme = writer.insert_account(&account("Acme", LifecycleStage::Retention, dollars(10))).unwrap();
    let ticket_id = writer.insert_ticket(&ticket(acme, "2026-03-01T08:00:00Z", TicketStatus::Open)).unwrap();
    let comment = |when: &str, by_agent: bool, public: bool| TicketComment {
        id: CommentId(0),
        ticket_id,
        author: text("someone"),
        by_agent,
        public,
        body: text("…"),
        created_at: at(when),
    };
    for (when, by_agent, public) in [
        ("2026-03-01T08:05:00Z", false, true), // the requester writes again
        ("2026-03-01T08:10:00Z", true, false), // an internal note
        ("2026-03-01T11:00:00Z", true, true),  // a later reply, written first
        ("2026-03-01T09:30:00Z", true, true),  // the first reply
    ] {
        writer.insert_comment(&comment(when, by_agent, public)).unwrap();
    }
    writer.commit().unwrap();
    let facts = store.load_facts(TODAY).unwrap();
    assert_eq!(facts.tickets[0].first_reply_at, Some(FactTime::from(at("2026-03-01T09:30:00Z"))));
}

#[test]
fn one_accounts_facts_are_its_part_of_the_whole() {
    let dir = workspace_dir();
    let path = dir.path().join("demo.db");
    demo::generate(&path, &DemoSpec::new(11, 40, TODAY), &mut |_| {}).unwrap();
    let mut store = Store::open(&path).unwrap();
    let ids: Vec<AccountId> = store
        .account_summaries(AccountSort { column: AccountColumn::Name, descending: false })
        .unwrap()
        .iter()
        .map(|summary| summary.id)
        .collect();
    let scores: Vec<(AccountId, u8)> = ids.iter().map(|id| (*id, 50)).collect();
    store.save_health_snapshots(TODAY, &scores).unwrap();
    let whole = store.load_facts(TODAY).unwrap();
    for view in whole.per_account() {
        let one = store.load_account_facts(view.account.account, TODAY).unwrap();
        let mine = one.per_account().next().expect("the account is there");
        assert_eq!(mine.account, view.account);
        assert_eq!(mine.tickets, view.tickets);
        assert_eq!(mine.surveys, view.surveys);
        assert_eq!(mine.usage, view.usage);
        assert_eq!(mine.contacts, view.contacts);
        assert_eq!(mine.tasks, view.tasks);
        assert_eq!(mine.purchases, view.purchases);
        assert_eq!(mine.mrr_changes, view.mrr_changes);
        assert_eq!(mine.stage_changes, view.stage_changes);
        assert_eq!(mine.health, view.health);
    }
    assert!(store.load_account_facts(AccountId(999_999), TODAY).unwrap().accounts.is_empty());
}
