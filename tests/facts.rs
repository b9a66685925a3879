//! Integration tests of the MRR history and the daily health snapshots:
//! round trips, upserts, and a version-1 workspace migrated with its data
//! kept.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use jiff::Timestamp;
use jiff::civil::Date;
use keepers::model::time::add_days;
use keepers::model::*;
use keepers::store::{Store, StoreError};
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

// ----- old files ------------------------------------------------------------

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
    assert_eq!(version, 2);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.mrr_history(acme).unwrap(), [(at("2026-01-01T00:00:00Z"), dollars(99))]);
    assert_eq!(store.health_history(acme).unwrap(), [(TODAY, 88)]);
}
