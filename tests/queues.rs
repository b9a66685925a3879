//! Every built-in queue on a small demo workspace: each row's reason agrees
//! with a check written here over the store's own records, and the queues
//! hold every account they should. The headless `keepers queue` command's
//! JSON contract, `--list` counts, `--filter` and its errors are at the end.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use keepers::config::health::HealthConfig;
use keepers::config::queues::QueuesConfig;
use keepers::demo::{DemoSpec, generate};
use keepers::metrics::queues::{
    ContactEmail, QueueInputs, QueueKind, QueueRow, QueueSort, queue_entries, queue_rows,
};
use keepers::metrics::{Facts, RiskLevel};
use keepers::model::time::{add_days_to, days_between, start_of_day};
use keepers::model::{AccountId, AccountSummary, LifecycleStage, SurveyAnswer, Task, TaskStatus, Ticket};
use keepers::store::{AccountColumn, AccountSort, Store};
use serde_json::Value;

mod common;

use common::{demo_workspace, keepers_on};

const TODAY: Date = Date::constant(2026, 11, 25);

fn now() -> Timestamp {
    start_of_day(TODAY) + SignedDuration::from_hours(10)
}

/// A 300-account demo workspace, its facts and summaries, read once.
struct Shared {
    path: PathBuf,
    facts: Facts,
    summaries: Vec<AccountSummary>,
    models: HealthConfig,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("queues-shared");
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("demo.db");
        generate(&path, &DemoSpec::new(23, 300, TODAY), &mut |_| {}).unwrap();
        let store = Store::open(&path).unwrap();
        let facts = store.load_facts(TODAY).unwrap();
        let summaries =
            store.account_summaries(AccountSort { column: AccountColumn::Name, descending: false }).unwrap();
        Shared { path, facts, summaries, models: HealthConfig::default() }
    })
}

fn store() -> Store {
    Store::open(&shared().path).unwrap()
}

/// The records besides the facts that the queues read, read here.
struct Records {
    tickets_due: Vec<Ticket>,
    my_tasks: Vec<Task>,
    contact_emails: Vec<ContactEmail>,
}

impl Records {
    fn read(me: &str) -> Records {
        let store = store();
        Records {
            tickets_due: store.open_tickets_due_by(now() + SignedDuration::from_hours(4)).unwrap(),
            my_tasks: store.open_tasks_owned_by(me).unwrap(),
            contact_emails: store.contact_emails().unwrap(),
        }
    }

    /// Every input a queue may read: the shared facts and these records.
    fn inputs(&self) -> QueueInputs<'_> {
        let shared = shared();
        QueueInputs {
            facts: &shared.facts,
            summaries: &shared.summaries,
            health: &shared.models.health,
            risk: &shared.models.risk,
            tickets_due: &self.tickets_due,
            my_tasks: &self.my_tasks,
            contact_emails: &self.contact_emails,
        }
    }
}

/// The rows of a queue, with the tickets and tasks it may need read here.
fn rows(kind: QueueKind, me: &str) -> Vec<QueueRow> {
    queue_rows(kind, &Records::read(me).inputs(), QueueSort::Urgency, now())
}

fn ids(rows: &[QueueRow]) -> BTreeSet<AccountId> {
    rows.iter().map(|row| row.account.id).collect()
}

/// `compute_queues` computes the queues that read the facts without the
/// summaries and records, and the others without the facts, as
/// `QueueKind::reads_facts` allows: each kind gives the same entries either way.
#[test]
fn each_kind_reads_the_facts_or_the_records_never_both() {
    let shared = shared();
    let me = shared.summaries.iter().find(|s| !s.owner.is_empty()).unwrap().owner.to_string();
    let records = Records::read(&me);
    let everything = records.inputs();
    let no_facts = Facts::default();
    let facts_only =
        QueueInputs { summaries: &[], tickets_due: &[], my_tasks: &[], contact_emails: &[], ..everything };
    let records_only = QueueInputs { facts: &no_facts, ..everything };
    for queue in QueuesConfig::shipped().unwrap().queues {
        let split = if queue.kind.reads_facts() { &facts_only } else { &records_only };
        let entries = queue_entries(queue.kind, &everything, now());
        assert!(!entries.is_empty(), "{} is empty", queue.id);
        assert_eq!(queue_entries(queue.kind, split, now()), entries, "{}", queue.id);
    }
}

#[test]
fn renewals_renew_within_the_window_by_arr() {
    let rows = rows(QueueKind::Renewals { days: 90 }, "");
    assert!(!rows.is_empty());
    for row in &rows {
        let renewal = row.account.renewal_date.expect("a renewal day");
        let days = days_between(TODAY, renewal);
        assert!((0..=90).contains(&days), "{row:?}");
        assert_eq!(row.sort_key, row.account.mrr.minor * 12);
        assert!(row.reason.contains(&format!("{days} day")) || days == 0, "{}", row.reason);
    }
    assert!(rows.windows(2).all(|pair| pair[0].sort_key >= pair[1].sort_key), "by ARR, largest first");
    let expected: BTreeSet<AccountId> = shared()
        .summaries
        .iter()
        .filter(|s| s.stage.is_customer())
        .filter(|s| s.renewal_date.is_some_and(|day| (0..=90).contains(&days_between(TODAY, day))))
        .map(|s| s.id)
        .collect();
    assert_eq!(ids(&rows), expected);
}

#[test]
fn win_back_is_every_churned_account() {
    let rows = rows(QueueKind::WinBack, "");
    assert!(!rows.is_empty());
    let churned: BTreeSet<AccountId> =
        shared().summaries.iter().filter(|s| s.stage == LifecycleStage::Churned).map(|s| s.id).collect();
    assert_eq!(ids(&rows), churned);
    assert!(rows.iter().all(|row| row.reason.starts_with("churned")));
}

#[test]
fn close_the_loop_rows_each_wait_for_a_follow_up() {
    let rows = rows(QueueKind::CloseTheLoop { days: 30 }, "");
    assert!(!rows.is_empty());
    let store = store();
    let window_start = add_days_to(now(), -30);
    let waiting = |account: AccountId| {
        store.surveys_of(account).unwrap().iter().any(|survey| {
            survey.responded_at > window_start
                && survey.responded_at <= now()
                && survey.answer.needs_follow_up()
                && survey.loop_closed.is_none()
        })
    };
    for row in &rows {
        assert!(waiting(row.account.id), "{row:?}");
        assert!(row.reason.contains("no follow-up"), "{}", row.reason);
    }
    let all_waiting: BTreeSet<AccountId> =
        shared().summaries.iter().map(|s| s.id).filter(|id| waiting(*id)).collect();
    assert_eq!(ids(&rows), all_waiting);
}

#[test]
fn onboarding_rows_have_the_overdue_milestones_they_count() {
    let rows = rows(QueueKind::Onboarding, "");
    assert!(!rows.is_empty());
    let store = store();
    for row in &rows {
        let overdue: Vec<Date> = store
            .tasks_of(row.account.id)
            .unwrap()
            .iter()
            .filter(|task| task.playbook.as_str() == "onboarding" && task.is_overdue(TODAY))
            .filter_map(|task| task.due)
            .collect();
        let oldest = overdue.iter().min().expect("an overdue milestone");
        assert!(row.reason.starts_with(&format!("{} milestone", overdue.len())), "{}", row.reason);
        assert!(row.reason.ends_with(&format!("oldest due {oldest}")), "{}", row.reason);
    }
}

#[test]
fn sla_rows_name_tickets_past_or_near_their_sla() {
    let rows = rows(QueueKind::Sla { hours: 4 }, "");
    assert!(!rows.is_empty());
    let store = store();
    let due_by = now() + SignedDuration::from_hours(4);
    let near =
        |ticket: &Ticket| ticket.status.is_open() && ticket.sla_due_at.is_some_and(|due| due <= due_by);
    for row in &rows {
        let tickets = store.tickets_of(row.account.id).unwrap();
        let first =
            tickets.iter().filter(|t| near(t)).min_by_key(|t| (t.sla_due_at, t.id)).expect("a ticket");
        assert!(row.reason.starts_with(&format!("#{} ", first.id.0)), "{}", row.reason);
    }
    let expected: BTreeSet<AccountId> = shared()
        .summaries
        .iter()
        .map(|s| s.id)
        .filter(|id| store.tickets_of(*id).unwrap().iter().any(near))
        .collect();
    assert_eq!(ids(&rows), expected);
}

#[test]
fn churn_risk_rows_are_at_the_level_with_their_reasons() {
    let high = rows(QueueKind::ChurnRisk { at_least: RiskLevel::High }, "");
    let medium = rows(QueueKind::ChurnRisk { at_least: RiskLevel::Medium }, "");
    assert!(!high.is_empty() && high.len() < medium.len());
    assert!(ids(&high).is_subset(&ids(&medium)));
    assert!(high.iter().all(|row| row.reason.starts_with("high risk: ")));
    assert!(
        medium
            .iter()
            .all(|row| row.reason.starts_with("high risk: ") || row.reason.starts_with("medium risk: "))
    );
    assert!(high.windows(2).all(|pair| pair[0].sort_key >= pair[1].sort_key), "riskiest first");
}

#[test]
fn trials_ending_are_accounts_on_trial() {
    let rows = rows(QueueKind::TrialsEnding { trial_days: 14, days: 3 }, "");
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.account.stage, LifecycleStage::Acquisition);
        let day: u32 = row.reason["trial day ".len()..].split(' ').next().unwrap().parse().unwrap();
        assert!(day >= 12, "{}", row.reason);
    }
}

#[test]
fn promoters_answered_nine_or_ten_lately() {
    let rows = rows(QueueKind::Promoters { days: 30 }, "");
    assert!(!rows.is_empty());
    let store = store();
    for row in &rows {
        let surveys = store.surveys_of(row.account.id).unwrap();
        // Newest first: the first NPS answer is the latest.
        let latest = surveys
            .iter()
            .filter(|survey| survey.responded_at <= now())
            .find(|survey| matches!(survey.answer, SurveyAnswer::Nps(_)))
            .expect("an NPS answer");
        assert!(matches!(latest.answer, SurveyAnswer::Nps(9..=10)), "{row:?}");
        assert!(latest.responded_at > add_days_to(now(), -30));
    }
}

#[test]
fn duplicates_point_at_an_account_sharing_a_domain_or_a_corroborated_name() {
    let rows = rows(QueueKind::Duplicates, "");
    let shared = shared();
    assert!(!rows.is_empty());
    assert!(rows.len() * 20 < shared.summaries.len(), "a few planted records, not {}", rows.len());
    for row in &rows {
        let other_id: i64 = row.reason.split('#').nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let other = shared.summaries.iter().find(|s| s.id.0 == other_id).expect("the other account");
        assert_ne!(other.id, row.account.id);
        let first_word = |name: &str| name.split_whitespace().next().unwrap_or("").to_lowercase();
        if row.reason.starts_with("same domain") {
            assert_eq!(other.domain.as_str().to_lowercase(), row.account.domain.as_str().to_lowercase());
        } else if let Some(label) = row.reason.strip_prefix("same name and domain ") {
            let label = label.split(".*").next().unwrap();
            assert_eq!(first_word(&other.name), first_word(&row.account.name), "{}", row.reason);
            assert!(other.domain.as_str().contains(label) && row.account.domain.as_str().contains(label));
        } else {
            assert!(row.reason.starts_with("same name and contact "), "{}", row.reason);
            assert_eq!(first_word(&other.name), first_word(&row.account.name), "{}", row.reason);
        }
    }
}

#[test]
fn my_tasks_are_the_accounts_with_my_open_tasks() {
    let me = shared().summaries.iter().find(|s| !s.owner.is_empty()).unwrap().owner.to_string();
    let rows = rows(QueueKind::MyTasks, &me);
    let store = store();
    let expected: BTreeSet<AccountId> = shared()
        .summaries
        .iter()
        .map(|s| s.id)
        .filter(|id| {
            store
                .tasks_of(*id)
                .unwrap()
                .iter()
                .any(|task| task.status == TaskStatus::Open && task.owner.as_str() == me)
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&rows), expected);
}

// The headless command, on a demo of today's date.

fn cli_workspace() -> &'static Path {
    static WORKSPACE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &WORKSPACE.get_or_init(|| demo_workspace(7, 300)).1
}

fn keepers(args: &[&str]) -> Output {
    keepers_on(cli_workspace(), args)
}

fn json(args: &[&str]) -> Value {
    let output = keepers(args);
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn queue_json_has_the_documented_shape() {
    let queue = json(&["queue", "renewals", "--json"]);
    assert_eq!(queue["queue"], "renewals");
    assert_eq!(queue["title"], "Renewals in the next 90 days, by ARR");
    let rows = queue["rows"].as_array().unwrap();
    assert_eq!(queue["count"].as_u64(), Some(rows.len() as u64));
    assert!(!rows.is_empty());
    for row in rows {
        let keys: BTreeSet<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["account_id", "name", "owner", "mrr_minor", "currency", "reason"]));
        assert!(row["account_id"].is_i64() && row["mrr_minor"].is_i64());
        assert!(row["reason"].as_str().unwrap().starts_with("renews "));
    }
}

#[test]
fn list_counts_equal_each_queue() {
    let list = json(&["queue", "--list", "--json"]);
    let queues = list["queues"].as_array().unwrap();
    let shipped = QueuesConfig::shipped().unwrap();
    assert_eq!(queues.len(), shipped.queues.len());
    for entry in queues {
        let name = entry["queue"].as_str().unwrap();
        let queue = json(&["queue", name, "--json"]);
        assert_eq!(entry["count"], queue["count"], "{name}");
        assert_eq!(entry["title"], queue["title"], "{name}");
    }
}

#[test]
fn a_saved_filter_queue_is_what_its_filter_matches() {
    let queue = json(&["queue", "poor_health_enterprise", "--json"]);
    let accounts = json(&["accounts", "--filter", "band:poor and plan:enterprise", "--json"]);
    assert_eq!(queue["count"], accounts["count"]);
    let queue_ids: BTreeSet<i64> =
        queue["rows"].as_array().unwrap().iter().map(|row| row["account_id"].as_i64().unwrap()).collect();
    let account_ids: BTreeSet<i64> =
        accounts["accounts"].as_array().unwrap().iter().map(|row| row["id"].as_i64().unwrap()).collect();
    assert_eq!(queue_ids, account_ids);
}

#[test]
fn a_filter_narrows_a_queue() {
    let all = json(&["queue", "win_back", "--json"]);
    let narrowed = json(&["queue", "win_back", "--filter", "mrr = 0 and name:a", "--json"]);
    let names: Vec<&str> =
        narrowed["rows"].as_array().unwrap().iter().map(|row| row["name"].as_str().unwrap()).collect();
    assert!(narrowed["count"].as_u64() <= all["count"].as_u64());
    assert!(names.iter().all(|name| name.to_lowercase().contains('a')), "{names:?}");
}

#[test]
fn an_unknown_queue_lists_the_queues_and_the_nearest() {
    let output = keepers(&["queue", "renewl"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no queue is named \"renewl\" — did you mean \"renewals\"?"), "{error}");
    assert!(error.contains("churn_risk, onboarding, renewals"), "{error}");
    let output = keepers(&["queue", "renewals", "--filter", "helth < 5"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean \"health\""));
}
