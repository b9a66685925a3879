//! `keepers import` through the built binary: CSV and JSONL files of every
//! kind land in the workspace in one transaction; a bad row stops the import
//! with its file, line and column and nothing written, or with --skip-bad is
//! set aside in the rejected file with its reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{demo_workspace, keepers_on};
use keepers::model::{AccountId, AccountSummary, SurveyAnswer, TicketStatus};
use keepers::store::{AccountMatch, Store};

const ACCOUNTS_CSV: &str = "\
Name,Domain,Stage,MRR,Currency,External_ID,Tags,Notes
\"Northwind, Inc.\",northwind.example,retention,1200.50,EUR,crm-1,\"vip, emea\",ignored
Globex,globex.example,trial,,,crm-2,,
";

const CONTACTS_CSV: &str = "\
account,email,name,role,champion
northwind.example,Ann@Northwind.example,Ann Lee,CTO,yes
crm-2,bo@globex.example,Bo Berg,,
";

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to `name` beside the workspace and returns its path.
fn file(workspace: &Path, name: &str, text: &str) -> PathBuf {
    let path = workspace.with_file_name(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

fn import(workspace: &Path, file: &Path, kind: &str, more: &[&str]) -> Output {
    let mut args = vec!["import", file.to_str().expect("a UTF-8 path"), "--kind", kind];
    args.extend_from_slice(more);
    keepers_on(workspace, &args)
}

fn account(store: &Store, domain: &str) -> AccountSummary {
    match store.find_account(domain).expect("the lookup runs") {
        AccountMatch::One(account) => account,
        other => panic!("{domain}: {other:?}"),
    }
}

fn has_account(store: &Store, domain: &str) -> bool {
    !matches!(store.find_account(domain).expect("the lookup runs"), AccountMatch::None)
}

/// A demo workspace with the two accounts of ACCOUNTS_CSV imported.
fn with_accounts() -> (tempfile::TempDir, PathBuf) {
    let (dir, workspace) = demo_workspace(3, 20);
    let accounts = file(&workspace, "accounts.csv", ACCOUNTS_CSV);
    json(&import(&workspace, &accounts, "accounts", &["--json"]));
    (dir, workspace)
}

#[test]
fn accounts_then_contacts_then_purchases_from_csv() {
    let (_dir, workspace) = demo_workspace(3, 20);
    let accounts = file(&workspace, "accounts.csv", ACCOUNTS_CSV);
    let summary = json(&import(&workspace, &accounts, "accounts", &["--json"]));
    assert_eq!((summary["kind"].as_str(), summary["imported"].as_u64()), (Some("accounts"), Some(2)));
    assert_eq!(summary["ignored_columns"], serde_json::json!(["Notes"]));
    assert_eq!(summary["rejected_file"], serde_json::Value::Null);

    let again = json(&import(&workspace, &accounts, "accounts", &["--json"]));
    assert_eq!((again["imported"].as_u64(), again["skipped_existing"].as_u64()), (Some(0), Some(2)));

    let contacts = file(&workspace, "contacts.csv", CONTACTS_CSV);
    let summary = json(&import(&workspace, &contacts, "contacts", &["--json"]));
    assert_eq!(summary["imported"].as_u64(), Some(2));

    let purchases = file(
        &workspace,
        "purchases.csv",
        "account,amount,currency,purchased_at,description,cost\n\
         northwind.example,99.90,EUR,2026-10-01T09:30:00Z,Extra seats,40\n\
         crm-2,15,USD,2026-10-02,Add-on,\n",
    );
    let output = import(&workspace, &purchases, "purchases", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("Imported 2 purchases from {}", purchases.display())
    );

    let store = Store::open(&workspace).expect("the workspace opens");
    let northwind = account(&store, "northwind.example");
    assert_eq!(
        (northwind.name.as_str(), northwind.mrr.minor, northwind.mrr.currency.code()),
        ("Northwind, Inc.", 120_050, "EUR")
    );
    let full = store.account(northwind.id).unwrap().expect("the account");
    let tags: Vec<&str> = full.tags.iter().map(|tag| tag.as_str()).collect();
    assert_eq!(tags, ["vip", "emea"]);
    assert_eq!(full.external_ids[0].id.as_str(), "crm-1");
    let contacts = store.contacts_of(northwind.id).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!((contacts[0].email.as_str(), contacts[0].champion), ("ann@northwind.example", true));
    let bought = store.purchases_of(northwind.id).unwrap();
    assert_eq!((bought.len(), bought[0].amount.minor, bought[0].cost.minor), (1, 9_990, 4_000));
    let globex = account(&store, "globex.example");
    assert_eq!(store.contacts_of(globex.id).unwrap()[0].name.as_str(), "Bo Berg", "found by external id");
    assert_eq!(store.purchases_of(globex.id).unwrap()[0].amount.currency.code(), "USD");
}

#[test]
fn tickets_from_jsonl_find_their_requester() {
    let (_dir, workspace) = with_accounts();
    json(&import(&workspace, &file(&workspace, "contacts.csv", CONTACTS_CSV), "contacts", &["--json"]));
    let tickets = file(
        &workspace,
        "tickets.jsonl",
        concat!(
            r#"{"account": "crm-1", "Subject": "Login fails", "status": "Resolved", "priority": "urgent", "#,
            r#""created_at": "2026-11-01T10:00:00Z", "solved_at": "2026-11-02T10:00:00Z", "#,
            r#""requester_email": "ann@northwind.example", "external_id": 4711, "channel": null}"#,
            "\n\n",
            r#"{"account": "globex.example", "subject": "Invoice", "status": "open", "created_at": "2026-11-03"}"#,
            "\n",
        ),
    );
    let summary = json(&import(&workspace, &tickets, "tickets", &["--json"]));
    assert_eq!(summary["imported"].as_u64(), Some(2));
    let again = json(&import(&workspace, &tickets, "tickets", &["--json"]));
    assert_eq!(
        (again["imported"].as_u64(), again["skipped_existing"].as_u64()),
        (Some(1), Some(1)),
        "the ticket with an external id is not imported twice; the other one is"
    );

    let store = Store::open(&workspace).expect("the workspace opens");
    let northwind = account(&store, "northwind.example");
    let tickets = store.tickets_of(northwind.id).unwrap();
    assert_eq!(tickets.len(), 1);
    let ticket = &tickets[0];
    assert_eq!((ticket.subject.as_str(), ticket.status), ("Login fails", TicketStatus::Solved));
    assert_eq!(ticket.requester_id, Some(store.contacts_of(northwind.id).unwrap()[0].id));
    assert_eq!(ticket.external.as_ref().map(|external| external.id.as_str()), Some("4711"));
}

#[test]
fn a_mapping_file_renames_columns_and_gives_a_default_currency() {
    let (_dir, workspace) = with_accounts();
    let map = file(
        &workspace,
        "billing.toml",
        "[columns]\naccount = \"Customer\"\namount = \"Total\"\npurchased_at = \"Paid On\"\n\n[defaults]\ncurrency = \"PLN\"\n",
    );
    let purchases = file(
        &workspace,
        "billing.csv",
        "Customer,Total,Paid On,Currency\nnorthwind.example,250,2026-09-01,\nglobex.example,10,2026-09-02,EUR\n",
    );
    let map_arg = map.to_str().unwrap();
    let summary = json(&import(&workspace, &purchases, "purchases", &["--map", map_arg, "--json"]));
    assert_eq!(summary["imported"].as_u64(), Some(2));
    let store = Store::open(&workspace).expect("the workspace opens");
    let northwind = store.purchases_of(account(&store, "northwind.example").id).unwrap();
    assert_eq!((northwind[0].amount.minor, northwind[0].amount.currency.code()), (25_000, "PLN"));
    let globex = store.purchases_of(account(&store, "globex.example").id).unwrap();
    assert_eq!(globex[0].amount.currency.code(), "EUR", "a value in the row wins over the default");

    let wrong = file(&workspace, "wrong.toml", "[columns]\naccount = \"Client\"\n");
    let refused = import(&workspace, &purchases, "purchases", &["--map", wrong.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("reads account from the column \"Client\""), "{}", stderr(&refused));
}

#[test]
fn a_bad_row_stops_the_import_and_nothing_is_written() {
    let (_dir, workspace) = with_accounts();
    let purchases = file(
        &workspace,
        "purchases.csv",
        "account,amount,currency,purchased_at\n\
         northwind.example,10,EUR,2026-10-01\n\
         northwind.example,12,EUR,2026-02-30\n\
         northwind.example,14,EUR,2026-10-03\n",
    );
    let output = import(&workspace, &purchases, "purchases", &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("purchases.csv:3:4: column \"purchased_at\": \"2026-02-30\" is not a time"),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");
    assert!(!purchases.with_file_name("purchases.rejected.csv").exists());
    let store = Store::open(&workspace).expect("the workspace opens");
    assert!(store.purchases_of(account(&store, "northwind.example").id).unwrap().is_empty());
}

#[test]
fn skip_bad_imports_the_rest_and_writes_the_rejected_rows_with_reasons() {
    let (_dir, workspace) = with_accounts();
    let purchases = file(
        &workspace,
        "purchases.csv",
        "account,amount,currency,purchased_at\n\
         northwind.example,10,EUR,2026-10-01\n\
         northwind.example,12.345,EUR,2026-10-02\n\
         northwind.example,14,EUR,2026-10-03\n\
         initech.example,5,EUR,2026-10-04\n",
    );
    let output = import(&workspace, &purchases, "purchases", &["--skip-bad"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rejected_path = purchases.with_file_name("purchases.rejected.csv");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!(
            "Imported 2 purchases from {}; 2 rows rejected → {}",
            purchases.display(),
            rejected_path.display()
        )
    );
    let mut rejected = csv::Reader::from_path(&rejected_path).expect("the rejected file reads as CSV");
    let header: Vec<String> = rejected.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, ["account", "amount", "currency", "purchased_at", "reason"]);
    let rows: Vec<csv::StringRecord> = rejected.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "12.345", "the row is written as it was read");
    assert!(
        rows[0][4].starts_with("line 3: column \"amount\": \"12.345\" is not an amount"),
        "{}",
        &rows[0][4]
    );
    assert!(
        rows[1][4].starts_with(
            "line 5: column \"account\": no account has the external id or domain \"initech.example\""
        ),
        "{}",
        &rows[1][4]
    );
    assert!(rows[1][4].contains("accounts are imported first"), "{}", &rows[1][4]);

    let store = Store::open(&workspace).expect("the workspace opens");
    assert_eq!(store.purchases_of(account(&store, "northwind.example").id).unwrap().len(), 2);

    let summary = json(&import(&workspace, &purchases, "purchases", &["--skip-bad", "--json"]));
    assert_eq!(
        (summary["imported"].as_u64(), summary["skipped_existing"].as_u64(), summary["rejected"].as_u64()),
        (Some(0), Some(2), Some(2))
    );
    assert_eq!(summary["rejected_file"].as_str(), rejected_path.to_str());
}

#[test]
fn quoted_commas_embedded_newlines_and_escape_sequences() {
    let (_dir, workspace) = demo_workspace(3, 20);
    let accounts = file(
        &workspace,
        "accounts.csv",
        "name,domain,stage\n\
         \"Initech,\nLtd\",initech.example,conversion\n\
         \"\u{1b}]0;pwned\u{7}Hooli\u{1b}[31m \u{202e}Labs\",hooli.example,loyalty\n",
    );
    json(&import(&workspace, &accounts, "accounts", &["--json"]));
    let surveys = file(
        &workspace,
        "surveys.csv",
        "account,kind,score,responded_at,comment\n\
         initech.example,nps,9,2026-11-01T08:00:00Z,\"Great support,\nbut the \"\"export\"\" is slow\"\n\
         hooli.example,rating,bad,2026-11-02,\n",
    );
    let summary = json(&import(&workspace, &surveys, "surveys", &["--json"]));
    assert_eq!(summary["imported"].as_u64(), Some(2));

    let store = Store::open(&workspace).expect("the workspace opens");
    let initech = account(&store, "initech.example");
    assert_eq!(initech.name.as_str(), "Initech, Ltd", "a line break in a name becomes a space");
    let answers = store.surveys_of(initech.id).unwrap();
    assert_eq!(answers[0].answer, SurveyAnswer::Nps(9));
    assert_eq!(answers[0].comment.as_str(), "Great support,\nbut the \"export\" is slow");
    let hooli = account(&store, "hooli.example");
    assert_eq!(hooli.name.as_str(), "Hooli Labs", "escape sequences and bidi controls are stripped");
}

#[test]
fn an_unknown_account_is_named_with_its_value() {
    let (_dir, workspace) = with_accounts();
    let contacts =
        file(&workspace, "contacts.csv", "account,email\nnorthwind.example,a@n.example\ncrm-9,x@y.example\n");
    let output = import(&workspace, &contacts, "contacts", &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "contacts.csv:3:1: column \"account\": no account has the external id or domain \"crm-9\""
        ),
        "{message}"
    );
    assert!(message.contains("accounts are imported first"), "{message}");
    let store = Store::open(&workspace).expect("the workspace opens");
    assert!(store.contacts_of(account(&store, "northwind.example").id).unwrap().is_empty());
}

#[test]
fn usage_needs_its_columns_and_a_readable_file() {
    let (_dir, workspace) = with_accounts();
    let no_day = file(&workspace, "usage.csv", "account,active_users\ncrm-1,4\n");
    let output = import(&workspace, &no_day, "usage", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no column gives day, which every day of usage needs"),
        "{}",
        stderr(&output)
    );

    let uneven =
        file(&workspace, "usage.csv", "account,day,active_users\ncrm-1,2026-11-01,4\ncrm-1,2026-11-02\n");
    let output = import(&workspace, &uneven, "usage", &["--skip-bad"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("usage.csv:3: this row has 2 fields but the header has 3"),
        "{}",
        stderr(&output)
    );

    let not_an_object = file(
        &workspace,
        "usage.jsonl",
        "{\"account\": \"crm-1\", \"day\": \"2026-11-01\", \"active_users\": 3}\n[1, 2]\n",
    );
    let output = import(&workspace, &not_an_object, "usage", &[]);
    assert!(stderr(&output).contains("usage.jsonl:2: this line is not a JSON object"), "{}", stderr(&output));

    let store = Store::open(&workspace).expect("the workspace opens");
    assert!(
        store.usage_of(account(&store, "northwind.example").id).unwrap().is_empty(),
        "nothing half-imported"
    );

    let good = file(
        &workspace,
        "usage.ndjson",
        "{\"account\": \"crm-1\", \"day\": \"2026-11-01\", \"active_users\": 3, \"seats\": 10}\n",
    );
    json(&import(&workspace, &good, "usage", &["--json"]));
    let usage = store.usage_of(account(&store, "northwind.example").id).unwrap();
    assert_eq!((usage.len(), usage[0].active_users, usage[0].seats), (1, 3, 10));
}

#[test]
fn read_only_refuses_to_import() {
    let (_dir, workspace) = demo_workspace(3, 20);
    let accounts = file(&workspace, "accounts.csv", ACCOUNTS_CSV);
    let refused =
        keepers_on(&workspace, &["--read-only", "import", accounts.to_str().unwrap(), "--kind", "accounts"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("read-only is on"), "{}", stderr(&refused));
    let store = Store::open(&workspace).expect("the workspace opens");
    assert!(!has_account(&store, "northwind.example"));
    assert_eq!(store.account(AccountId(21)).unwrap(), None, "the demo's 20 accounts and no more");
}
