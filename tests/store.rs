//! Integration tests of the workspace store: round trips of every model type,
//! opening and migrating files, refusing files that are not ours, file
//! permissions, sorting, the timeline and bad rows.

use jiff::Timestamp;
use jiff::civil::Date;
use keepers::model::*;
use keepers::store::{Store, StoreError};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn line(text: &str) -> SafeText {
    SafeText::line(text, FieldCap::NAME)
}

fn account(name: &str) -> Account {
    Account {
        id: AccountId::default(),
        name: line(name),
        domain: line("acme.example"),
        plan: line("Growth"),
        mrr: Money::new(120_000, Currency::USD),
        owner: line("Ann"),
        stage: LifecycleStage::Retention,
        renewal_date: Some(Date::constant(2027, 1, 31)),
        created_at: at("2024-05-01T09:30:00Z"),
        tags: vec![line("enterprise"), line("eu")],
        external_ids: vec![ExternalRef {
            source: Source::Hubspot,
            id: line("hs-1"),
        }],
    }
}

#[test]
fn smoke_open_insert_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/work.db");
    let mut store = Store::open(&path).unwrap();
    let mut writer = store.bulk().unwrap();
    let id = writer.insert_account(&account("Acme")).unwrap();
    writer.commit().unwrap();
    let mut expected = account("Acme");
    expected.id = id;
    assert_eq!(store.account(id).unwrap(), Some(expected));
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.account_count().unwrap(), 1);
    assert!(matches!(
        Store::create_for_bulk_load(&path),
        Err(StoreError::AlreadyExists { .. })
    ));
}
