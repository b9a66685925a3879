//! The search box's index read from a generated demo workspace, and a search
//! over it finding what the workspace holds.

use std::sync::Arc;

use jiff::civil::Date;
use keepers::demo::{self, DemoSpec};
use keepers::model::AccountId;
use keepers::search::{Search, SearchKind};
use keepers::store::{AccountColumn, AccountSort, Store};

fn demo_store(accounts: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("demo.db");
    demo::generate(&path, &DemoSpec::new(7, accounts, Date::constant(2026, 11, 25)), &mut |_| {})
        .expect("the demo generates");
    let store = Store::open(&path).expect("the demo opens");
    (dir, store)
}

#[test]
fn the_index_holds_every_account_contact_ticket_and_note() {
    let (_dir, store) = demo_store(40);
    let index = store.search_index().expect("the index reads");
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    let accounts = store.account_summaries(by_name).expect("the accounts read");

    let count = |kind| index.iter().filter(|candidate| candidate.kind == kind).count();
    assert_eq!(count(SearchKind::Account), accounts.len());
    let account = &accounts[0];
    let contacts = store.contacts_of(account.id).expect("the contacts read");
    let tickets = store.tickets_of(account.id).expect("the tickets read");
    let notes = store.notes_of(account.id).expect("the notes read");
    let of_account = |kind| {
        index.iter().filter(|candidate| candidate.kind == kind && candidate.account == account.id).count()
    };
    assert_eq!(of_account(SearchKind::Contact), contacts.len());
    assert_eq!(of_account(SearchKind::Ticket), tickets.len());
    assert_eq!(of_account(SearchKind::Note), notes.len());
    assert!(count(SearchKind::Contact) > 0 && count(SearchKind::Ticket) > 0);

    let account_text = index
        .iter()
        .find(|candidate| candidate.kind == SearchKind::Account && candidate.record == account.id.0)
        .expect("the account is a candidate")
        .text;
    assert_eq!(account_text, format!("{}  {}", account.name, account.domain));
    for contact in &contacts {
        let text = index
            .iter()
            .find(|candidate| candidate.kind == SearchKind::Contact && candidate.record == contact.id.0)
            .expect("the contact is a candidate")
            .text;
        assert_eq!(text, format!("{}  {}", contact.name, contact.email));
    }
}

#[test]
fn an_account_is_found_by_its_name() {
    let (_dir, store) = demo_store(40);
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    let account = store.account_summaries(by_name).expect("the accounts read").remove(5);
    let index = Arc::new(store.search_index().expect("the index reads"));

    let mut search = Search::new(index, &format!("{}  {}", account.name, account.domain), 50);
    assert!(search.step(usize::MAX));
    let hits = search.hits();
    let first_account = hits.iter().find(|hit| hit.kind == SearchKind::Account).expect("an account hit");
    assert_eq!((first_account.record, first_account.account), (account.id.0, AccountId(account.id.0)));
}
