//! Integration tests of the workspace store: round trips of every model type,
//! opening and migrating files, refusing files that are not ours, file
//! permissions, sorting, the timeline and bad rows.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use keepers::model::*;
use keepers::store::{AccountColumn, AccountSort, Store, StoreError};
use rusqlite::Connection;

const NEWEST_SCHEMA: i64 = 7;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn name(text: &str) -> SafeText {
    SafeText::line(text, FieldCap::NAME)
}

fn body(text: &str) -> SafeText {
    SafeText::multiline(text, FieldCap::COMMENT)
}

fn account(title: &str) -> Account {
    Account {
        id: AccountId::default(),
        name: name(title),
        domain: name("acme.example"),
        plan: name("Growth"),
        mrr: Money::new(120_000, Currency::USD),
        owner: name("Ann"),
        stage: LifecycleStage::Retention,
        renewal_date: Some(Date::constant(2027, 1, 31)),
        created_at: at("2024-05-01T09:30:00Z"),
        tags: vec![name("enterprise"), name("eu")],
        external_ids: vec![ExternalRef { source: Source::Hubspot, id: name("hs-1") }],
    }
}

fn contact(account_id: AccountId) -> Contact {
    Contact {
        id: ContactId::default(),
        account_id,
        name: name("Zoë Ångström"),
        email: name("zoe@acme.example"),
        role: name("Head of Support"),
        champion: true,
        last_seen_at: Some(at("2026-01-02T03:04:05Z")),
        external: Some(ExternalRef { source: Source::Zendesk, id: name("zd-user-7") }),
    }
}

fn ticket(account_id: AccountId, requester_id: Option<ContactId>, created: &str) -> Ticket {
    Ticket {
        id: TicketId::default(),
        account_id,
        requester_id,
        subject: name("Export to PDF fails — 导出失败"),
        status: TicketStatus::Pending,
        priority: TicketPriority::High,
        assignee: name("Bob"),
        channel: TicketChannel::Chat,
        created_at: at(created),
        updated_at: at(created),
        solved_at: None,
        sla_due_at: None,
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

fn purchase(account_id: AccountId, bought: &str) -> Purchase {
    Purchase {
        id: PurchaseId::default(),
        account_id,
        amount: Money::new(99_900, Currency::EUR),
        cost: Money::new(12_000, Currency::PLN),
        description: name("Extra seats"),
        purchased_at: at(bought),
    }
}

fn stage_change(account_id: AccountId, from: Option<LifecycleStage>, when: &str) -> StageChange {
    StageChange { account_id, from, to: LifecycleStage::Loyalty, at: at(when), reason: name("renewed early") }
}

fn task(account_id: AccountId, due: Option<Date>) -> Task {
    Task {
        id: TaskId::default(),
        account_id,
        title: name("Kick-off call"),
        owner: name("Ann"),
        due,
        status: TaskStatus::Open,
        playbook: name("onboarding"),
        created_at: at("2026-01-01T00:00:00Z"),
        completed_at: None,
    }
}

fn note(account_id: AccountId, written: &str) -> Note {
    Note {
        id: NoteId::default(),
        account_id,
        author: name("Ann"),
        body: body("Called the CTO.\nThey want SSO — «скоро».\n\tFollow up in May."),
        created_at: at(written),
    }
}

fn usage(account_id: AccountId, day: Date) -> UsageSnapshot {
    UsageSnapshot { account_id, day, active_users: 41, seats: 50, logins: 312, key_feature_uses: 0 }
}

/// A private temporary directory, as a user's data directory would be.
fn workspace_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

/// Inserts one account and returns it with the id it got.
fn insert_account(store: &mut Store, mut account: Account) -> Account {
    let mut writer = store.bulk().unwrap();
    account.id = writer.insert_account(&account).unwrap();
    writer.commit().unwrap();
    account
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A hash of a file's bytes, to show it was left untouched (and to keep a
/// failed comparison short).
fn fingerprint(path: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    fs::read(path).unwrap().hash(&mut hasher);
    hasher.finish()
}

fn raw_pragma(path: &Path, pragma: &str) -> i64 {
    let connection = Connection::open(path).unwrap();
    connection.pragma_query_value(None, pragma, |row| row.get(0)).unwrap()
}

// ----- round trips -------------------------------------------------------

#[test]
fn accounts_round_trip_with_tags_external_ids_and_unicode() {
    let mut store = Store::open_in_memory().unwrap();
    let full = insert_account(&mut store, account("Zakłady Mięsne Łódź 👩‍💻"));
    let mut bare = account("東京株式会社");
    bare.renewal_date = None;
    bare.tags = Vec::new();
    bare.external_ids = Vec::new();
    bare.mrr = Money::new(500, "JPY".parse().unwrap());
    let bare = insert_account(&mut store, bare);

    assert_ne!(full.id, bare.id);
    assert_eq!(store.account(full.id).unwrap(), Some(full.clone()));
    assert_eq!(store.account(bare.id).unwrap(), Some(bare));
    assert_eq!(store.account(AccountId(999)).unwrap(), None);
    assert_eq!(store.account_count().unwrap(), 2);

    let summaries = store.account_summaries(sort(AccountColumn::Name, false)).unwrap();
    let summary = summaries.iter().find(|summary| summary.id == full.id).unwrap();
    assert_eq!(
        summary,
        &AccountSummary {
            id: full.id,
            name: full.name,
            domain: full.domain,
            stage: full.stage,
            plan: full.plan,
            mrr: full.mrr,
            renewal_date: full.renewal_date,
            owner: full.owner,
        }
    );
}

#[test]
fn contacts_round_trip_with_and_without_optional_fields() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut full = contact(owner);
    let mut bare = contact(owner);
    bare.champion = false;
    bare.last_seen_at = None;
    bare.external = None;
    let mut writer = store.bulk().unwrap();
    full.id = writer.insert_contact(&full).unwrap();
    bare.id = writer.insert_contact(&bare).unwrap();
    writer.commit().unwrap();
    assert_eq!(store.contacts_of(owner).unwrap(), vec![full, bare]);
}

#[test]
fn tickets_and_comments_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();
    let requester = writer.insert_contact(&contact(owner)).unwrap();
    let mut bare = ticket(owner, None, "2026-01-01T10:00:00Z");
    let mut full = ticket(owner, Some(requester), "2026-01-02T10:00:00Z");
    full.status = TicketStatus::Solved;
    full.solved_at = Some(at("2026-01-03T12:00:00Z"));
    full.sla_due_at = Some(at("2026-01-02T18:00:00Z"));
    full.satisfaction = Some(Satisfaction::Bad);
    full.external = Some(ExternalRef { source: Source::Freshdesk, id: name("fd-42") });
    bare.id = writer.insert_ticket(&bare).unwrap();
    full.id = writer.insert_ticket(&full).unwrap();
    let mut first = TicketComment {
        id: CommentId::default(),
        ticket_id: full.id,
        author: name("Zoë"),
        by_agent: false,
        public: true,
        body: SafeText::multiline("It fails:\n\tStep 1 — export\r\nStep 2 — 💥", FieldCap::BODY),
        created_at: at("2026-01-02T10:00:00Z"),
    };
    let mut second = TicketComment {
        author: name("Bob"),
        by_agent: true,
        public: false,
        body: SafeText::multiline("internal: reproduced", FieldCap::BODY),
        created_at: at("2026-01-02T11:00:00Z"),
        ..first.clone()
    };
    // Written out of order: comments come back oldest first.
    second.id = writer.insert_comment(&second).unwrap();
    first.id = writer.insert_comment(&first).unwrap();
    writer.commit().unwrap();

    assert_eq!(store.tickets_of(owner).unwrap(), vec![full.clone(), bare.clone()]);
    assert_eq!(store.ticket(bare.id).unwrap(), Some(bare));
    assert_eq!(store.ticket(TicketId(999)).unwrap(), None);
    assert_eq!(store.comments_of(full.id).unwrap(), vec![first, second]);
}

#[test]
fn surveys_of_every_kind_round_trip_with_loop_closures() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();
    let person = writer.insert_contact(&contact(owner)).unwrap();
    let rated = writer.insert_ticket(&ticket(owner, Some(person), "2026-01-01T00:00:00Z")).unwrap();
    let mut detractor = survey(owner, SurveyAnswer::Nps(3), "2026-02-04T00:00:00Z");
    detractor.contact_id = Some(person);
    detractor.comment = body("Too slow.\nReally «slow».");
    detractor.loop_closed = Some(LoopClosure {
        at: at("2026-02-05T09:00:00Z"),
        by: name("Ann"),
        outcome: body("Called; fixed the index.\nHappy now."),
    });
    let mut rating = survey(owner, SurveyAnswer::Rating(Rating::Good), "2026-02-03T00:00:00Z");
    rating.ticket_id = Some(rated);
    let mut answers = vec![
        detractor,
        rating,
        survey(owner, SurveyAnswer::Ces(7), "2026-02-02T00:00:00Z"),
        survey(owner, SurveyAnswer::Csat(1), "2026-02-01T00:00:00Z"),
    ];
    for answer in &mut answers {
        answer.id = writer.insert_survey(answer).unwrap();
    }
    writer.commit().unwrap();
    assert_eq!(store.surveys_of(owner).unwrap(), answers);
}

#[test]
fn purchases_usage_stages_tasks_and_notes_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();

    let mut older = purchase(owner, "2025-03-01T00:00:00Z");
    let mut newer = purchase(owner, "2026-03-01T00:00:00Z");
    newer.amount = Money::new(-1_500, Currency::GBP);
    older.id = writer.insert_purchase(&older).unwrap();
    newer.id = writer.insert_purchase(&newer).unwrap();

    let days = [Date::constant(2026, 3, 2), Date::constant(2026, 3, 1), Date::constant(1999, 12, 31)];
    for day in days {
        writer.insert_usage(&usage(owner, day)).unwrap();
    }

    let entered = stage_change(owner, None, "2024-01-01T00:00:00Z");
    let mut moved = stage_change(owner, Some(LifecycleStage::Retention), "2025-01-01T00:00:00Z");
    moved.reason = SafeText::default();
    writer.insert_stage_change(&moved).unwrap();
    writer.insert_stage_change(&entered).unwrap();

    let mut undated = task(owner, None);
    let mut done = task(owner, Some(Date::constant(2026, 1, 10)));
    done.status = TaskStatus::Done;
    done.completed_at = Some(at("2026-01-09T16:00:00Z"));
    done.playbook = SafeText::default();
    undated.id = writer.insert_task(&undated).unwrap();
    done.id = writer.insert_task(&done).unwrap();

    let mut first = note(owner, "2026-01-01T00:00:00Z");
    let mut second = note(owner, "2026-01-05T00:00:00Z");
    first.id = writer.insert_note(&first).unwrap();
    second.id = writer.insert_note(&second).unwrap();
    writer.commit().unwrap();

    assert_eq!(store.purchases_of(owner).unwrap(), vec![newer, older]);
    assert_eq!(
        store.usage_of(owner).unwrap(),
        vec![usage(owner, days[2]), usage(owner, days[1]), usage(owner, days[0])]
    );
    assert_eq!(store.stage_history(owner).unwrap(), vec![entered, moved]);
    assert_eq!(store.tasks_of(owner).unwrap(), vec![done, undated]);
    assert_eq!(store.notes_of(owner).unwrap(), vec![second, first]);
}

#[test]
fn records_of_another_account_are_not_returned() {
    let mut store = Store::open_in_memory().unwrap();
    let one = insert_account(&mut store, account("One")).id;
    let mut second = account("Other");
    second.external_ids = Vec::new();
    let other = insert_account(&mut store, second).id;
    let mut writer = store.bulk().unwrap();
    writer.insert_note(&note(one, "2026-01-01T00:00:00Z")).unwrap();
    writer.insert_ticket(&ticket(one, None, "2026-01-01T00:00:00Z")).unwrap();
    writer.commit().unwrap();
    assert!(store.notes_of(other).unwrap().is_empty());
    assert!(store.tickets_of(other).unwrap().is_empty());
    assert!(store.timeline(other, 10).unwrap().is_empty());
}

// ----- writes --------------------------------------------------------------

#[test]
fn a_bulk_writer_dropped_without_commit_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    {
        let mut writer = store.bulk().unwrap();
        writer.insert_account(&account("Ghost")).unwrap();
    }
    assert_eq!(store.account_count().unwrap(), 0);
    insert_account(&mut store, account("Real"));
    assert_eq!(store.account_count().unwrap(), 1);
}

#[test]
fn a_backend_id_is_stored_once_per_source() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();
    let mut tagged = ticket(owner, None, "2026-01-01T00:00:00Z");
    tagged.external = Some(ExternalRef { source: Source::Zendesk, id: name("1") });
    writer.insert_ticket(&tagged).unwrap();
    // Local tickets have no backend id, and there may be any number of them.
    writer.insert_ticket(&ticket(owner, None, "2026-01-01T00:00:00Z")).unwrap();
    writer.insert_ticket(&ticket(owner, None, "2026-01-01T00:00:00Z")).unwrap();
    let duplicate = writer.insert_ticket(&tagged);
    assert!(matches!(duplicate, Err(StoreError::Database(_))), "{duplicate:?}");
    tagged.external = Some(ExternalRef { source: Source::Freshdesk, id: name("1") });
    writer.insert_ticket(&tagged).unwrap();
    assert!(writer.insert_account(&account("Same HubSpot id")).is_err());
}

#[test]
fn a_date_without_a_stored_form_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut ancient = account("Ancient");
    ancient.renewal_date = Some(Date::constant(-44, 3, 15));
    let mut writer = store.bulk().unwrap();
    let refused = writer.insert_account(&ancient);
    assert!(
        matches!(refused, Err(StoreError::Unstorable { table: "accounts", field: "renewal_date", .. })),
        "{refused:?}"
    );
}

#[test]
fn deleting_an_account_deletes_everything_it_holds() {
    let dir = workspace_dir();
    let path = dir.path().join("cascade.db");
    let mut store = Store::open(&path).unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();
    let person = writer.insert_contact(&contact(owner)).unwrap();
    let asked = writer.insert_ticket(&ticket(owner, Some(person), "2026-01-01T00:00:00Z")).unwrap();
    writer
        .insert_comment(&TicketComment {
            id: CommentId::default(),
            ticket_id: asked,
            author: name("Zoë"),
            by_agent: false,
            public: true,
            body: body("help"),
            created_at: at("2026-01-01T00:00:00Z"),
        })
        .unwrap();
    writer.insert_survey(&survey(owner, SurveyAnswer::Nps(9), "2026-01-01T00:00:00Z")).unwrap();
    writer.insert_usage(&usage(owner, Date::constant(2026, 1, 1))).unwrap();
    writer.insert_mrr_change(owner, at("2026-01-01T00:00:00Z"), Money::new(9_900, Currency::USD)).unwrap();
    writer.commit().unwrap();
    store.save_health_snapshots(Date::constant(2026, 1, 1), &[(owner, 75)]).unwrap();
    let empty = Store::open_in_memory().unwrap().content_digest().unwrap();
    drop(store);

    let raw = Connection::open(&path).unwrap();
    raw.pragma_update(None, "foreign_keys", true).unwrap();
    raw.execute("DELETE FROM accounts WHERE id = ?1", [owner.0]).unwrap();
    drop(raw);
    assert_eq!(Store::open(&path).unwrap().content_digest().unwrap(), empty);
}

// ----- opening files ------------------------------------------------------

#[test]
fn a_new_workspace_is_created_private_with_its_directories() {
    let dir = workspace_dir();
    let path = dir.path().join("a/b/work.db");
    let store = Store::open(&path).unwrap();
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&dir.path().join("a/b")), 0o700);
    for suffix in ["-wal", "-shm"] {
        let file = sidecar(&path, suffix);
        assert!(file.exists(), "{} missing while open", file.display());
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    drop(store);
    assert_eq!(raw_pragma(&path, "application_id"), 0x4B45_4550);
    assert_eq!(raw_pragma(&path, "user_version"), NEWEST_SCHEMA);
    let connection = Connection::open(&path).unwrap();
    let journal: String = connection.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn an_empty_file_becomes_a_workspace_and_reopening_changes_nothing() {
    let dir = workspace_dir();
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut store = Store::open(&path).unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let digest = store.content_digest().unwrap();
    drop(store);
    let bytes = fingerprint(&path);
    assert_eq!(raw_pragma(&path, "user_version"), NEWEST_SCHEMA);

    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.content_digest().unwrap(), digest);
        assert!(store.account(owner).unwrap().is_some());
        drop(store);
        assert_eq!(raw_pragma(&path, "user_version"), NEWEST_SCHEMA);
        assert_eq!(fingerprint(&path), bytes, "reopening rewrote the file");
    }
}

#[test]
fn an_sqlite_file_nobody_claimed_becomes_a_workspace() {
    let dir = workspace_dir();
    let path = dir.path().join("blank.db");
    Connection::open(&path).unwrap().execute_batch("VACUUM").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.account_count().unwrap(), 0);
    drop(store);
    assert_eq!(raw_pragma(&path, "application_id"), 0x4B45_4550);
}

/// Opens `path`, expects the error `check` accepts, and checks that the file
/// is byte for byte as it was and that nothing was created beside it.
fn assert_refused_untouched(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = fingerprint(path);
    let error = match Store::open(path) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(error) => error,
    };
    assert!(check(&error), "unexpected error: {error}");
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    assert_eq!(fingerprint(path), before, "{} was changed", path.display());
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!sidecar(path, suffix).exists(), "{suffix} was created");
    }
}

#[test]
fn a_workspace_from_a_newer_keepers_is_refused_and_untouched() {
    let dir = workspace_dir();
    let path = dir.path().join("future.db");
    let mut store = Store::open(&path).unwrap();
    insert_account(&mut store, account("Acme"));
    drop(store);
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();

    assert_refused_untouched(&path, |error| {
        matches!(error, StoreError::NewerSchema { found: 99, supported: NEWEST_SCHEMA, .. })
            && error.to_string().contains("upgrade keepers")
    });
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let dir = workspace_dir();
    for (file, content) in [
        ("notes.txt", b"just some notes, not a database\n".repeat(20)),
        ("short.db", b"SQLite".to_vec()),
        ("binary.db", (0..=255u8).cycle().take(8192).collect()),
    ] {
        let path = dir.path().join(file);
        fs::write(&path, content).unwrap();
        assert_refused_untouched(&path, |error| {
            matches!(error, StoreError::NotAWorkspace { .. })
                && error.to_string().contains("not an SQLite database")
        });
    }
}

#[test]
fn an_sqlite_database_of_another_program_is_refused_and_untouched() {
    let dir = workspace_dir();
    let path = dir.path().join("other.db");
    let other = Connection::open(&path).unwrap();
    other.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');").unwrap();
    drop(other);
    assert_refused_untouched(&path, |error| matches!(error, StoreError::NotAWorkspace { .. }));

    // Claimed by another program (a GeoPackage), though it has no tables yet.
    let path = dir.path().join("map.gpkg");
    let other = Connection::open(&path).unwrap();
    other.pragma_update(None, "application_id", 0x4750_4B47).unwrap();
    drop(other);
    assert_refused_untouched(&path, |error| {
        matches!(error, StoreError::NotAWorkspace { .. }) && error.to_string().contains("0x47504b47")
    });
}

#[test]
fn a_database_whose_tables_are_still_in_its_wal_file_is_refused_and_untouched() {
    let dir = workspace_dir();
    let source = dir.path().join("busy.db");
    let path = dir.path().join("copy.db");
    let other = Connection::open(&source).unwrap();
    other.pragma_update(None, "journal_mode", "WAL").unwrap();
    other.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    other.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');").unwrap();
    // A copy taken while the other program runs: its header shows an empty
    // database, the table lives in the -wal file.
    fs::copy(&source, &path).unwrap();
    fs::copy(sidecar(&source, "-wal"), sidecar(&path, "-wal")).unwrap();
    drop(other);
    let before = fingerprint(&path);
    let wal_before = fingerprint(&sidecar(&path, "-wal"));

    let refused = Store::open(&path);
    assert!(matches!(refused, Err(StoreError::NotAWorkspace { .. })), "{:?}", refused.err());
    assert_eq!(fingerprint(&path), before);
    assert_eq!(fingerprint(&sidecar(&path, "-wal")), wal_before);
}

#[test]
fn a_file_others_can_read_opens_with_the_chmod_that_fixes_it() {
    let dir = workspace_dir();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
    let expected = format!("chmod 600 {}", path.display());
    assert!(store.warnings()[0].contains(&expected), "{:?}", store.warnings());
    // The file is the user's to fix; the sidecars are keepers' own.
    assert_eq!(mode(&path), 0o644);
    assert_eq!(mode(&sidecar(&path, "-wal")), 0o600);
    drop(store);

    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(&path).unwrap();
    let expected = format!("chmod 700 {}", dir.path().display());
    assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
    assert!(store.warnings()[0].contains(&expected), "{:?}", store.warnings());
    drop(store);

    // chmod 700 on a shared directory like /tmp would break the system.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o1777)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
    assert!(store.warnings()[0].contains("shared directory"), "{:?}", store.warnings());
    assert!(!store.warnings()[0].contains("chmod"), "{:?}", store.warnings());
}

#[test]
fn a_bulk_load_makes_an_ordinary_private_workspace() {
    let dir = workspace_dir();
    let path = dir.path().join("new/demo.db.partial");
    let mut store = Store::create_for_bulk_load(&path).unwrap();
    {
        let mut abandoned = store.bulk().unwrap();
        abandoned.insert_account(&account("Abandoned")).unwrap();
    }
    let owner = insert_account(&mut store, account("Acme"));
    assert_eq!(store.account_count().unwrap(), 1);
    store.finish_bulk_load().unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert!(!sidecar(&path, "-wal").exists());

    let store = Store::open(&path).unwrap();
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert_eq!(store.account(owner.id).unwrap(), Some(owner));
    drop(store);
    let connection = Connection::open(&path).unwrap();
    let journal: String = connection.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(journal, "wal");

    let before = fingerprint(&path);
    let refused = Store::create_for_bulk_load(&path);
    assert!(matches!(refused, Err(StoreError::AlreadyExists { .. })));
    assert_eq!(fingerprint(&path), before);
}

// ----- reading -------------------------------------------------------------

fn sort(column: AccountColumn, descending: bool) -> AccountSort {
    AccountSort { column, descending }
}

fn names_in_order(store: &Store, column: AccountColumn, descending: bool) -> Vec<String> {
    let summaries = store.account_summaries(sort(column, descending)).unwrap();
    summaries.into_iter().map(|summary| summary.name.into_string()).collect()
}

fn sorting_fixture() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let rows = [
        // name, stage, plan, mrr, renewal, owner
        ("charlie", LifecycleStage::Churned, "Starter", 500, None, "Dee"),
        ("Alpha", LifecycleStage::Reach, "Growth", 300, Some((2026, 5, 1)), "ann"),
        ("Émile", LifecycleStage::Reactivated, "Growth", 100, Some((2026, 1, 1)), "Bob"),
        ("beta", LifecycleStage::Loyalty, "Enterprise", 300, None, "Cid"),
        ("éclair", LifecycleStage::Acquisition, "Starter", 900, Some((2027, 1, 1)), "Bob"),
    ];
    let mut writer = store.bulk().unwrap();
    for (title, stage, plan, mrr, renewal, owner) in rows {
        let mut row = account(title);
        row.stage = stage;
        row.plan = name(plan);
        row.mrr = Money::new(mrr, Currency::USD);
        row.renewal_date = renewal.map(|(year, month, day)| Date::constant(year, month, day));
        row.owner = name(owner);
        row.external_ids = Vec::new();
        writer.insert_account(&row).unwrap();
    }
    writer.commit().unwrap();
    store
}

#[test]
fn accounts_sort_by_every_column_in_both_directions() {
    let store = sorting_fixture();
    let cases: [(AccountColumn, [&str; 5]); 6] = [
        // Case-insensitive in every script: É sorts with é, not before all
        // lower-case letters as a byte-wise lower() would.
        (AccountColumn::Name, ["Alpha", "beta", "charlie", "éclair", "Émile"]),
        (AccountColumn::Stage, ["Alpha", "éclair", "beta", "charlie", "Émile"]),
        // Ties (two Growth plans, two MRRs of 300) are broken by id.
        (AccountColumn::Plan, ["beta", "Alpha", "Émile", "charlie", "éclair"]),
        (AccountColumn::Mrr, ["Émile", "Alpha", "beta", "charlie", "éclair"]),
        (AccountColumn::Renewal, ["Émile", "Alpha", "éclair", "charlie", "beta"]),
        // Plans and owners sort byte-wise: owner "ann" comes after "Dee".
        (AccountColumn::Owner, ["Émile", "éclair", "beta", "charlie", "Alpha"]),
    ];
    for (column, ascending) in cases {
        assert_eq!(names_in_order(&store, column, false), ascending, "{column:?} ascending");
        let mut descending: Vec<&str> = ascending.to_vec();
        descending.reverse();
        if column == AccountColumn::Renewal {
            // No renewal date: last in either direction.
            descending = vec!["éclair", "Alpha", "Émile", "beta", "charlie"];
        }
        assert_eq!(names_in_order(&store, column, true), descending, "{column:?} descending");
    }
}

#[test]
fn the_timeline_merges_every_kind_newest_first_within_the_limit() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    let mut writer = store.bulk().unwrap();
    writer.insert_stage_change(&stage_change(owner, None, "2026-01-01T00:00:00Z")).unwrap();
    let mut solved = ticket(owner, None, "2026-01-02T00:00:00Z");
    solved.solved_at = Some(at("2026-01-04T00:00:00Z"));
    solved.status = TicketStatus::Solved;
    let solved_id = writer.insert_ticket(&solved).unwrap();
    let mut detractor = survey(owner, SurveyAnswer::Nps(2), "2026-01-03T00:00:00Z");
    detractor.loop_closed =
        Some(LoopClosure { at: at("2026-01-06T00:00:00Z"), by: name("Ann"), outcome: body("fixed") });
    writer.insert_survey(&detractor).unwrap();
    writer.insert_purchase(&purchase(owner, "2026-01-05T00:00:00Z")).unwrap();
    writer.insert_note(&note(owner, "2026-01-07T00:00:00Z")).unwrap();
    writer.insert_task(&task(owner, Some(Date::constant(2026, 1, 8)))).unwrap();
    writer.insert_task(&task(owner, None)).unwrap();
    // Same second as the note: a stage change comes before a note.
    writer
        .insert_stage_change(&stage_change(owner, Some(LifecycleStage::Retention), "2026-01-07T00:00:00Z"))
        .unwrap();
    writer.commit().unwrap();

    let events = store.timeline(owner, 100).unwrap();
    let summary: Vec<(String, &str)> =
        events.iter().map(|event| (event.at.to_string(), event.kind.label())).collect();
    let expected = [
        ("2026-01-08T00:00:00Z", "task"),
        ("2026-01-07T00:00:00Z", "stage"),
        ("2026-01-07T00:00:00Z", "note"),
        ("2026-01-06T00:00:00Z", "survey"),
        ("2026-01-05T00:00:00Z", "purchase"),
        ("2026-01-04T00:00:00Z", "ticket"),
        ("2026-01-03T00:00:00Z", "survey"),
        ("2026-01-02T00:00:00Z", "ticket"),
        ("2026-01-01T00:00:00Z", "stage"),
    ];
    let expected: Vec<(String, &str)> =
        expected.iter().map(|(when, kind)| (when.to_string(), *kind)).collect();
    assert_eq!(summary, expected);
    assert!(events.iter().all(|event| event.account_id == owner));
    assert!(matches!(events[3].kind, EventKind::LoopClosed { answer: SurveyAnswer::Nps(2), .. }));
    assert!(matches!(&events[5].kind, EventKind::TicketSolved { ticket_id, .. } if *ticket_id == solved_id));
    assert!(matches!(&events[7].kind, EventKind::TicketOpened { status: TicketStatus::Solved, .. }));

    assert_eq!(store.timeline(owner, 3).unwrap(), events[..3].to_vec());
    assert!(store.timeline(owner, 0).unwrap().is_empty());
}

#[test]
fn the_digest_depends_on_the_content_only() {
    let fill = |title: &str| {
        let mut store = Store::open_in_memory().unwrap();
        let owner = insert_account(&mut store, account(title)).id;
        let mut writer = store.bulk().unwrap();
        writer.insert_note(&note(owner, "2026-01-01T00:00:00Z")).unwrap();
        writer.insert_usage(&usage(owner, Date::constant(2026, 1, 1))).unwrap();
        writer.commit().unwrap();
        store.content_digest().unwrap()
    };
    assert_eq!(fill("Acme"), fill("Acme"));
    assert_ne!(fill("Acme"), fill("Acme Inc"));
}

// ----- rows edited by hand -----------------------------------------------

/// A workspace with one account (id 1), its usage and a note, for editing
/// behind keepers' back.
fn workspace_to_corrupt(dir: &Path) -> PathBuf {
    let path = dir.join("edited.db");
    let mut store = Store::open(&path).unwrap();
    let owner = insert_account(&mut store, account("Acme")).id;
    assert_eq!(owner, AccountId(1));
    let mut writer = store.bulk().unwrap();
    writer.insert_usage(&usage(owner, Date::constant(2026, 1, 1))).unwrap();
    writer.insert_note(&note(owner, "2026-01-01T00:00:00Z")).unwrap();
    writer.commit().unwrap();
    path
}

fn edit(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn assert_bad_row(result: Result<impl std::fmt::Debug, StoreError>, table: &str, id: &str, field: &str) {
    match result {
        Err(StoreError::BadRow { table: got_table, id: got_id, field: got_field, reason }) => {
            assert_eq!((got_table, got_id.as_str(), got_field), (table, id, field), "{reason}");
        }
        other => panic!("expected a bad row in {table}.{field}, got {other:?}"),
    }
}

#[test]
fn a_value_edited_into_nonsense_is_reported_as_a_bad_row() {
    let dir = workspace_dir();
    let path = workspace_to_corrupt(dir.path());
    edit(&path, "UPDATE accounts SET stage = 'retension' WHERE id = 1");
    let store = Store::open(&path).unwrap();
    assert_bad_row(store.account(AccountId(1)), "accounts", "1", "stage");
    assert_bad_row(store.account_summaries(sort(AccountColumn::Stage, false)), "accounts", "1", "stage");
    let message = store.account(AccountId(1)).unwrap_err().to_string();
    assert!(message.contains("retension") && message.contains("accounts"), "{message}");
    drop(store);

    edit(&path, "UPDATE usage_snapshots SET day = '2026-13-01'");
    edit(&path, "UPDATE notes SET created_at = 'yesterday'");
    edit(&path, "UPDATE accounts SET stage = 'Retention', mrr_currency = 'dollars'");
    let store = Store::open(&path).unwrap();
    assert_bad_row(store.usage_of(AccountId(1)), "usage_snapshots", "account 1, day \"2026-13-01\"", "day");
    assert_bad_row(store.notes_of(AccountId(1)), "notes", "1", "created_at");
    assert_bad_row(store.timeline(AccountId(1), 10), "notes", "1", "created_at");
    assert_bad_row(store.account(AccountId(1)), "accounts", "1", "mrr");
}

#[test]
fn text_edited_into_the_file_is_sanitised_again_on_the_way_out() {
    let dir = workspace_dir();
    let path = workspace_to_corrupt(dir.path());
    edit(&path, "UPDATE accounts SET name = char(27) || ']0;pwned' || char(7) || 'Acme' || char(8238)");
    let store = Store::open(&path).unwrap();
    let read = store.account(AccountId(1)).unwrap().unwrap();
    assert_eq!(read.name.as_str(), "Acme");
}
