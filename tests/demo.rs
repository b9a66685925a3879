//! Integration tests of the demo generator: determinism, the file it
//! writes (never over an existing one), the counts it promises, sanitised
//! hostile text, that the data holds what the queues and screens need, and
//! an MRR history that agrees with the stages and gives plausible churn and
//! revenue retention.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::civil::Date;
use keepers::demo::{DemoError, DemoPhase, DemoProgress, DemoSpec, DemoSummary, generate};
use keepers::metrics::{Ratio, Window, retention};
use keepers::model::time::{add_days, start_of_day};
use keepers::model::{Account, AccountSummary, Currency, LifecycleStage, SurveyAnswer, TaskStatus};
use keepers::store::{AccountColumn, AccountSort, Store};

const TODAY: Date = Date::constant(2026, 11, 25);

/// The workspace most tests read: generated once, a few hundred accounts.
struct Shared {
    store_path: PathBuf,
    summary: DemoSummary,
    progress: Vec<DemoProgress>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-shared");
        let _ = fs::remove_dir_all(&dir);
        let store_path = dir.join("demo.db");
        let mut progress = Vec::new();
        let spec = DemoSpec::new(7, 300, TODAY);
        let summary = generate(&store_path, &spec, &mut |step| progress.push(step)).unwrap();
        Shared { store_path, summary, progress }
    })
}

fn open_shared() -> Store {
    Store::open(&shared().store_path).unwrap()
}

fn summaries(store: &Store) -> Vec<AccountSummary> {
    let by_name = AccountSort { column: AccountColumn::Name, descending: false };
    store.account_summaries(by_name).unwrap()
}

fn accounts(store: &Store) -> Vec<Account> {
    summaries(store).iter().map(|summary| store.account(summary.id).unwrap().unwrap()).collect()
}

fn digest_of(dir: &Path, file: &str, spec: &DemoSpec) -> u64 {
    let path = dir.join(file);
    generate(&path, spec, &mut |_| {}).unwrap();
    Store::open(&path).unwrap().content_digest().unwrap()
}

#[test]
fn the_same_spec_gives_the_same_workspace_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let spec = DemoSpec::new(42, 120, TODAY);
    let first = digest_of(dir.path(), "first.db", &spec);
    let second = digest_of(dir.path(), "second.db", &spec);
    assert_eq!(first, second);
    let other_seed = digest_of(dir.path(), "other-seed.db", &DemoSpec { seed: 43, ..spec.clone() });
    assert_ne!(first, other_seed);
    let other_day = DemoSpec { today: add_days(TODAY, 1), ..spec };
    assert_ne!(first, digest_of(dir.path(), "other-day.db", &other_day));
}

#[test]
fn an_existing_path_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.db");
    fs::write(&path, "someone's file").unwrap();
    let result = generate(&path, &DemoSpec::new(1, 5, TODAY), &mut |_| {});
    let error = result.unwrap_err();
    assert!(matches!(&error, DemoError::AlreadyExists { path: refused } if refused == &path));
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "someone's file");
    assert!(!dir.path().join("taken.db.partial").exists());
}

#[test]
fn a_stale_partial_file_is_replaced_and_nothing_is_left_beside_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    fs::write(dir.path().join("demo.db.partial"), "interrupted run").unwrap();
    fs::write(dir.path().join("demo.db.partial-journal"), "stale journal").unwrap();
    generate(&path, &DemoSpec::new(1, 5, TODAY), &mut |_| {}).unwrap();
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["demo.db"]);
    assert_eq!(Store::open(&path).unwrap().account_count().unwrap(), 5);
}

#[test]
fn tickets_without_accounts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let spec = DemoSpec { tickets: 3, ..DemoSpec::new(1, 0, TODAY) };
    let error = generate(&dir.path().join("x.db"), &spec, &mut |_| {}).unwrap_err();
    assert!(matches!(error, DemoError::TicketsWithoutAccounts { tickets: 3 }));
}

#[test]
fn the_counts_match_the_spec_and_the_store() {
    let shared = shared();
    let store = open_shared();
    assert_eq!(shared.summary.accounts, 300);
    assert_eq!(shared.summary.tickets, 3_000);
    assert_eq!(store.account_count().unwrap(), 300);
    let mut tickets = 0;
    let mut comments = 0;
    let mut contacts = 0;
    for summary in summaries(&store) {
        let of_account = store.tickets_of(summary.id).unwrap();
        for ticket in &of_account {
            let count = store.comments_of(ticket.id).unwrap().len();
            assert!((1..=4).contains(&count), "ticket {} has {count} comments", ticket.id);
            comments += count as u64;
        }
        tickets += of_account.len() as u64;
        contacts += store.contacts_of(summary.id).unwrap().len() as u64;
    }
    assert_eq!(tickets, 3_000);
    assert_eq!(comments, shared.summary.comments);
    assert_eq!(contacts, shared.summary.contacts);
    for (kind, count) in shared.summary.rows_by_kind() {
        assert!(count > 0, "no {kind}");
    }
}

#[test]
fn progress_goes_through_every_phase_and_ends_complete() {
    let progress = &shared().progress;
    let phases: Vec<DemoPhase> = progress.iter().map(|step| step.phase).collect();
    for phase in [DemoPhase::Planning, DemoPhase::Writing, DemoPhase::Committing, DemoPhase::Finishing] {
        assert!(phases.contains(&phase), "{phase:?} missing from {phases:?}");
    }
    assert!(phases.windows(2).all(|pair| pair[0] as u8 <= pair[1] as u8));
    let last = progress.last().unwrap();
    assert_eq!((last.phase, last.done, last.total), (DemoPhase::Finishing, 1, 1));
    assert!(progress.iter().all(|step| step.done <= step.total));
    // A few reports, not one per row.
    assert!(progress.len() < 20, "{}", progress.len());
}

#[test]
fn every_stage_is_present_with_a_history_that_leads_to_it() {
    let store = open_shared();
    let mut seen = BTreeSet::new();
    for summary in summaries(&store) {
        seen.insert(summary.stage);
        let history = store.stage_history(summary.id).unwrap();
        assert_eq!(history.first().and_then(|change| change.from), None);
        assert_eq!(history.last().map(|change| change.to), Some(summary.stage));
        assert!(history.windows(2).all(|pair| pair[0].to == pair[1].from.unwrap()));
        assert!(history.windows(2).all(|pair| pair[0].at < pair[1].at));
        if summary.stage == LifecycleStage::Reactivated {
            let stages: Vec<_> = history.iter().map(|change| change.to).collect();
            assert!(stages.ends_with(&[LifecycleStage::Churned, LifecycleStage::Reactivated]));
        }
        // Only current customers have MRR and a renewal date.
        assert_eq!(summary.mrr.minor > 0, summary.stage.is_customer(), "{summary:?}");
        assert_eq!(summary.renewal_date.is_some(), summary.stage.is_customer());
    }
    assert_eq!(seen.len(), LifecycleStage::ALL.len(), "{seen:?}");
}

/// Characters a terminal acts on: C0 (but newline and tab in bodies), DEL,
/// C1, and bidi embeddings, overrides, isolates and marks.
fn is_dangerous(c: char, multiline: bool) -> bool {
    let allowed_break = multiline && (c == '\n' || c == '\t');
    (c.is_control() && !allowed_break)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(text: &str, multiline: bool, what: &str) {
    assert!(!text.chars().any(|c| is_dangerous(c, multiline)), "{what} holds a control character: {text:?}");
}

#[test]
fn hostile_text_came_out_sanitised_everywhere() {
    let store = open_shared();
    for account in accounts(&store) {
        assert_clean(&account.name, false, "account name");
        assert_clean(&account.domain, false, "domain");
        assert_clean(&account.owner, false, "owner");
        account.tags.iter().for_each(|tag| assert_clean(tag, false, "tag"));
        for contact in store.contacts_of(account.id).unwrap() {
            assert_clean(&contact.name, false, "contact name");
            assert_clean(&contact.email, false, "e-mail");
            assert_clean(&contact.role, false, "role");
        }
        for ticket in store.tickets_of(account.id).unwrap() {
            assert_clean(&ticket.subject, false, "ticket subject");
            for comment in store.comments_of(ticket.id).unwrap() {
                assert_clean(&comment.author, false, "comment author");
                assert_clean(&comment.body, true, "comment body");
            }
        }
        for survey in store.surveys_of(account.id).unwrap() {
            assert_clean(&survey.comment, true, "survey comment");
        }
        for note in store.notes_of(account.id).unwrap() {
            assert_clean(&note.body, true, "note");
        }
        for task in store.tasks_of(account.id).unwrap() {
            assert_clean(&task.title, false, "task title");
        }
    }
}

#[test]
fn names_and_text_come_in_every_language() {
    let store = open_shared();
    let names: Vec<String> = summaries(&store).into_iter().map(|s| s.name.into_string()).collect();
    let any = |test: fn(char) -> bool| names.iter().any(|name| name.chars().any(test));
    assert!(any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)), "no Cyrillic names");
    assert!(any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)), "no Thai names");
    assert!(any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c)), "no Polish names");
    assert!(any(|c| "äöüßÄÖÜ".contains(c)), "no German names");
}

#[test]
fn money_has_a_long_tail_in_several_currencies() {
    let store = open_shared();
    let paying: Vec<AccountSummary> = summaries(&store).into_iter().filter(|s| s.mrr.minor > 0).collect();
    let mut by_currency: BTreeMap<Currency, usize> = BTreeMap::new();
    for summary in &paying {
        *by_currency.entry(summary.mrr.currency).or_default() += 1;
    }
    for currency in [Currency::USD, Currency::EUR, Currency::GBP, Currency::PLN] {
        assert!(by_currency.contains_key(&currency), "{by_currency:?}");
    }
    let usd = by_currency[&Currency::USD];
    assert!(by_currency.values().all(|count| *count <= usd), "{by_currency:?}");
    let mut amounts: Vec<i64> = paying.iter().map(|summary| summary.mrr.minor).collect();
    amounts.sort_unstable();
    let median = amounts[amounts.len() / 2];
    assert!(amounts[amounts.len() - 1] > 50 * median, "{amounts:?}");
}

#[test]
fn the_queues_have_work_in_them() {
    let store = open_shared();
    let today = TODAY;
    let recently = start_of_day(add_days(today, -90));
    let mut renewals_soon = 0;
    let mut overdue_onboarding = 0;
    let mut unclosed_detractors = 0;
    let mut closed_detractors = 0;
    let mut open_urgent_tickets = 0;
    let mut breaching_tickets = 0;
    for summary in summaries(&store) {
        if summary.renewal_date.is_some_and(|day| day > today && day <= add_days(today, 90)) {
            renewals_soon += 1;
        }
        for task in store.tasks_of(summary.id).unwrap() {
            if task.playbook.as_str() == "onboarding" && task.is_overdue(today) {
                overdue_onboarding += 1;
            }
            assert!(task.status != TaskStatus::Done || task.completed_at.is_some());
        }
        for survey in store.surveys_of(summary.id).unwrap() {
            if matches!(survey.answer, SurveyAnswer::Nps(score) if score <= 6)
                && survey.responded_at > recently
            {
                match survey.loop_closed {
                    None => unclosed_detractors += 1,
                    Some(_) => closed_detractors += 1,
                }
            }
        }
        for ticket in store.tickets_of(summary.id).unwrap() {
            assert!(ticket.created_at <= ticket.updated_at);
            assert!(ticket.updated_at < start_of_day(today));
            if ticket.status.is_open() {
                if ticket.priority == keepers::model::TicketPriority::Urgent {
                    open_urgent_tickets += 1;
                }
                if ticket.sla_due_at.is_some_and(|due| due < start_of_day(today)) {
                    breaching_tickets += 1;
                }
            }
        }
    }
    assert!(renewals_soon >= 10, "{renewals_soon} renewals in the next 90 days");
    assert!(overdue_onboarding >= 3, "{overdue_onboarding} overdue onboarding tasks");
    assert!(unclosed_detractors >= 3, "{unclosed_detractors} unclosed recent detractors");
    assert!(closed_detractors >= 1, "{closed_detractors} closed recent detractors");
    assert!(open_urgent_tickets >= 3, "{open_urgent_tickets} open urgent tickets");
    assert!(breaching_tickets >= 3, "{breaching_tickets} tickets breaching their SLA");
}

#[test]
fn usage_shows_declines_and_silence() {
    let store = open_shared();
    let mut declining = 0;
    let mut silent = 0;
    for summary in summaries(&store) {
        let usage = store.usage_of(summary.id).unwrap();
        if summary.stage.is_customer() {
            assert!(!usage.is_empty() && usage.len() <= 26, "{}", usage.len());
        } else {
            assert!(usage.is_empty());
        }
        let [.., four_weeks_before, _, _, _, latest] = usage.as_slice() else {
            continue;
        };
        if latest.logins * 10 <= four_weeks_before.logins * 7 && four_weeks_before.logins > 0 {
            declining += 1;
        }
        if usage.iter().rev().take(5).all(|week| week.logins == 0) {
            silent += 1;
        }
    }
    assert!(declining >= 3, "{declining} accounts with usage down 30 % in four weeks");
    assert!(silent >= 2, "{silent} accounts without logins for five weeks");
}

#[test]
fn duplicates_are_planted() {
    let store = open_shared();
    let mut names_by_domain: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut accounts_by_email: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for summary in summaries(&store) {
        let domain = summary.domain.to_string();
        names_by_domain.entry(domain).or_default().push(summary.name.to_string());
        for contact in store.contacts_of(summary.id).unwrap() {
            accounts_by_email.entry(contact.email.to_string()).or_default().insert(summary.id.0);
        }
    }
    let duplicated: Vec<_> = names_by_domain.values().filter(|names| names.len() > 1).collect();
    assert!(!duplicated.is_empty(), "no two accounts share a domain");
    assert!(duplicated.iter().all(|names| names[0] != names[1]), "{duplicated:?}");
    assert!(accounts_by_email.values().any(|accounts| accounts.len() > 1));
}

#[test]
fn the_mrr_history_follows_the_stages_and_ends_at_the_current_mrr() {
    let store = open_shared();
    let mut changes = 0;
    for summary in summaries(&store) {
        let history = store.mrr_history(summary.id).unwrap();
        let stages = store.stage_history(summary.id).unwrap();
        let entered = |stage: LifecycleStage| -> Vec<_> {
            stages.iter().filter(|change| change.to == stage).map(|change| change.at).collect()
        };
        // It starts paying when it first converts; prospects never paid.
        assert_eq!(history.first().map(|(at, _)| *at), entered(LifecycleStage::Conversion).first().copied());
        assert!(history.windows(2).all(|pair| pair[0].0 < pair[1].0), "{history:?}");
        assert!(history.windows(2).all(|pair| pair[0].1 != pair[1].1), "{history:?}");
        assert!(history.iter().all(|(_, mrr)| mrr.currency == summary.mrr.currency && mrr.minor >= 0));
        assert_eq!(history.last().map_or(0, |(_, mrr)| mrr.minor), summary.mrr.minor, "{summary:?}");
        // Zero exactly when it churned; paying again from a win-back on.
        let zeros: Vec<_> = history.iter().filter(|(_, mrr)| mrr.minor == 0).map(|(at, _)| *at).collect();
        assert_eq!(zeros, entered(LifecycleStage::Churned), "{summary:?}");
        for back in entered(LifecycleStage::Reactivated) {
            assert!(history.iter().any(|(at, mrr)| *at == back && mrr.minor > 0), "{history:?}");
        }
        changes += history.len() as u64;
    }
    assert_eq!(changes, shared().summary.mrr_changes);
}

#[test]
fn churn_and_revenue_retention_come_out_plausible() {
    let store = open_shared();
    let facts = store.load_facts(TODAY).unwrap();
    // Retention is computed in one currency at a time.
    let in_dollars: BTreeSet<_> = facts
        .accounts
        .iter()
        .filter(|account| account.mrr.currency == Currency::USD)
        .map(|account| account.account)
        .collect();
    let history: Vec<_> =
        facts.mrr_changes.iter().filter(|change| in_dollars.contains(&change.account)).collect();
    let now = start_of_day(TODAY);
    let over = |days| retention(history.iter().copied(), Window::LastDays(days).resolve(now).unwrap());
    let percent = |ratio: Option<Ratio>| ratio.map(Ratio::rounded_percent).unwrap();
    let (quarter, year) = (over(90), over(365));
    // About 1 % of customers leave a month, as in a B2B book of small and
    // mid-sized accounts; expansion about makes up for churn.
    assert!((1..=8).contains(&percent(quarter.churn_rate())), "{quarter:?}");
    assert!((5..=20).contains(&percent(year.churn_rate())), "{year:?}");
    assert!((95..=110).contains(&percent(quarter.net_revenue_retention())), "{quarter:?}");
    assert!((95..=112).contains(&percent(year.net_revenue_retention())), "{year:?}");
    assert!((80..=98).contains(&percent(year.gross_revenue_retention())), "{year:?}");
    assert!(year.expansion > 0 && year.contraction > 0 && year.new_customers > 0, "{year:?}");
}
