//! Integration tests of queue filters on a demo workspace: every filter
//! returns exactly the accounts a check written in Rust over the store's
//! records picks, `not` is the exact complement, counts agree with lists,
//! saved health scores of the right day are read, and hostile values are
//! only ever values.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use keepers::demo::{DemoSpec, generate};
use keepers::metrics::health::{BandRange, Bands};
use keepers::model::time::{add_days, epoch_day, start_of_day, utc_date};
use keepers::model::{
    Account, AccountId, AccountSummary, Currency, FieldCap, LifecycleStage, Money, SafeText, SurveyAnswer,
    TicketPriority,
};
use keepers::query::{
    Comparison, Condition, DateField, Equality, Filter, FilterContext, KeywordField, MinorBound, NumberField,
    Owner, TextField, TextTest, parse,
};
use keepers::store::{AccountColumn, AccountSort, Store};

const TODAY: Date = Date::constant(2026, 11, 25);
const OWNER: &str = "Anna Kowalska";

fn now() -> Timestamp {
    start_of_day(TODAY) + jiff::SignedDuration::from_hours(10)
}

fn context() -> FilterContext {
    FilterContext::new(now(), OWNER)
}

/// A few hundred demo accounts with three days of saved health scores.
struct Shared {
    path: PathBuf,
    /// Scores saved per day, by account.
    health: BTreeMap<Date, BTreeMap<AccountId, u8>>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("query-shared");
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("demo.db");
        generate(&path, &DemoSpec::new(11, 300, TODAY), &mut |_| {}).unwrap();
        let mut store = Store::open(&path).unwrap();
        let ids: Vec<AccountId> = summaries(&store).iter().map(|summary| summary.id).collect();
        let mut health = BTreeMap::new();
        // Yesterday, today and tomorrow give every account different scores,
        // and a few accounts none at all, so reading the wrong day shows.
        for (offset, salt) in [(-1, 13), (0, 29), (1, 71)] {
            let day = add_days(TODAY, offset);
            let scores: Vec<(AccountId, u8)> = ids
                .iter()
                .filter(|id| id.0 % 17 != 0)
                .map(|id| (*id, ((id.0 * salt + offset * 7).rem_euclid(101)) as u8))
                .collect();
            store.save_health_snapshots(day, &scores).unwrap();
            health.insert(day, scores.into_iter().collect());
        }
        Shared { path, health }
    })
}

fn open() -> Store {
    Store::open(&shared().path).unwrap()
}

fn summaries(store: &Store) -> Vec<AccountSummary> {
    store.account_summaries(AccountSort { column: AccountColumn::Name, descending: false }).unwrap()
}

/// Everything a filter can ask about one account, read through the store's
/// ordinary API as of `now`.
struct Facts {
    summary: AccountSummary,
    tags: Vec<String>,
    created: Timestamp,
    health: Option<u8>,
    nps: Option<i64>,
    csat: Option<i64>,
    last_contact: Option<Timestamp>,
    last_login: Option<Date>,
    open_tickets: i64,
    urgent_tickets: i64,
}

fn book(store: &Store, now: Timestamp) -> Vec<Facts> {
    let today = utc_date(now);
    let health_day = shared().health.keys().filter(|day| **day <= today).max().copied();
    summaries(store)
        .into_iter()
        .map(|summary| {
            let id = summary.id;
            let account = store.account(id).unwrap().unwrap();
            // Newest first, ties by id: the first of a kind is the latest.
            let surveys = store.surveys_of(id).unwrap();
            let latest = |kind: fn(SurveyAnswer) -> bool| {
                surveys
                    .iter()
                    .filter(|survey| survey.responded_at <= now)
                    .find(|survey| kind(survey.answer))
                    .map(|survey| survey.answer.score())
            };
            let tickets = store.tickets_of(id).unwrap();
            let open = tickets.iter().filter(|ticket| ticket.status.is_open());
            Facts {
                tags: account.tags.iter().map(|tag| tag.to_string()).collect(),
                created: account.created_at,
                health: health_day.and_then(|day| shared().health[&day].get(&id).copied()),
                nps: latest(|answer| matches!(answer, SurveyAnswer::Nps(_))),
                csat: latest(|answer| matches!(answer, SurveyAnswer::Csat(_))),
                last_contact: store
                    .contacts_of(id)
                    .unwrap()
                    .iter()
                    .filter_map(|contact| contact.last_seen_at)
                    .filter(|seen| *seen <= now)
                    .max(),
                last_login: store
                    .usage_of(id)
                    .unwrap()
                    .iter()
                    .filter(|usage| usage.logins > 0 && usage.day <= today)
                    .map(|usage| usage.day)
                    .max(),
                open_tickets: open.clone().count() as i64,
                urgent_tickets: open.filter(|ticket| ticket.priority == TicketPriority::Urgent).count()
                    as i64,
                summary,
            }
        })
        .collect()
}

/// The filter's meaning, evaluated in Rust over one account's facts.
fn holds(filter: &Filter, facts: &Facts, context: &FilterContext) -> bool {
    match filter {
        Filter::Condition(condition) => condition_holds(condition, facts, context),
        Filter::Not(inner) => !holds(inner, facts, context),
        Filter::And(parts) => parts.iter().all(|part| holds(part, facts, context)),
        Filter::Or(parts) => parts.iter().any(|part| holds(part, facts, context)),
    }
}

fn condition_holds(condition: &Condition, facts: &Facts, context: &FilterContext) -> bool {
    let is = |equality: Equality, same: bool| match equality {
        Equality::Is => same,
        Equality::IsNot => !same,
    };
    let summary = &facts.summary;
    match condition {
        Condition::Number { field, comparison, value } => {
            let actual = match field {
                NumberField::Health => facts.health.map(i64::from),
                NumberField::Nps => facts.nps,
                NumberField::Csat => facts.csat,
                NumberField::OpenTickets => Some(facts.open_tickets),
                NumberField::UrgentTickets => Some(facts.urgent_tickets),
            };
            actual.is_some_and(|actual| comparison.holds(actual, *value))
        }
        Condition::Mrr { comparison, amount } => {
            // Cross-multiplied, independently of the store's rounding.
            let digits = summary.mrr.currency.minor_digits();
            let text = amount.to_string();
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
            let units: i128 = format!("{whole}{fraction}").parse().unwrap();
            let left = i128::from(summary.mrr.minor) * 10i128.pow(fraction.len() as u32);
            comparison.holds(left, units * 10i128.pow(digits))
        }
        Condition::Date { field, comparison, value } => {
            let range = value.range(*field, *comparison, context.now);
            let actual = match field {
                DateField::Renewal => summary.renewal_date.map(epoch_day),
                DateField::Created => Some(facts.created.as_second()),
                DateField::LastContact => facts.last_contact.map(|at| at.as_second()),
                DateField::LastLogin => facts.last_login.map(epoch_day),
            };
            actual.is_some_and(|actual| range.contains(actual))
        }
        Condition::Stage { equality, stage } => is(*equality, summary.stage == *stage),
        Condition::Band { equality, band } => {
            let range = context.bands.range(*band);
            facts.health.is_some_and(|score| is(*equality, (range.from..=range.to).contains(&score)))
        }
        Condition::Text { field, test, value } => {
            let actual = match field {
                TextField::Name => summary.name.to_lowercase(),
                TextField::Domain => summary.domain.to_lowercase(),
            };
            let value = value.to_lowercase();
            match test {
                TextTest::Contains => actual.contains(&value),
                TextTest::Is => actual == value,
                TextTest::IsNot => actual != value,
            }
        }
        // The store folds case in ASCII only, as SQLite's lower() does.
        Condition::Keyword { field: KeywordField::Plan, equality, value } => {
            is(*equality, summary.plan.to_ascii_lowercase() == value.to_ascii_lowercase())
        }
        Condition::Keyword { field: KeywordField::Tag, equality, value } => {
            is(*equality, facts.tags.iter().any(|tag| tag.eq_ignore_ascii_case(value)))
        }
        Condition::Owner { equality, owner } => {
            let name = match owner {
                Owner::Me => context.me.as_str(),
                Owner::Named(name) => name.as_str(),
            };
            is(*equality, summary.owner.eq_ignore_ascii_case(name))
        }
    }
}

fn ids<'a>(accounts: impl IntoIterator<Item = &'a AccountSummary>) -> BTreeSet<AccountId> {
    accounts.into_iter().map(|summary| summary.id).collect()
}

/// The accounts the store returns for `text`, checked against the Rust
/// reference, the count, and the complement under `not`.
fn check(store: &Store, book: &[Facts], context: &FilterContext, text: &str) -> BTreeSet<AccountId> {
    let filter = parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    let found = store.accounts_matching(&filter, context).unwrap();
    let expected: BTreeSet<AccountId> =
        book.iter().filter(|facts| holds(&filter, facts, context)).map(|facts| facts.summary.id).collect();
    assert_eq!(ids(&found), expected, "{text}");
    assert_eq!(store.count_matching(&filter, context).unwrap(), expected.len() as u64, "{text}");
    let names: Vec<String> = found.iter().map(|summary| summary.name.to_lowercase()).collect();
    assert!(names.windows(2).all(|pair| pair[0] <= pair[1]), "{text}: not sorted by name");
    let complement = store.accounts_matching(&Filter::Not(Box::new(filter)), context).unwrap();
    assert_eq!(ids(&complement).len() + expected.len(), book.len(), "not ({text})");
    assert!(ids(&complement).is_disjoint(&expected), "not ({text})");
    expected
}

fn book_now() -> (Store, Vec<Facts>) {
    let store = open();
    let book = book(&store, now());
    (store, book)
}

#[test]
fn the_fields_of_an_account_row_match_a_check_over_the_summaries() {
    let (store, book) = book_now();
    let context = context();
    let select = |keep: &dyn Fn(&AccountSummary) -> bool| -> BTreeSet<AccountId> {
        ids(book.iter().map(|facts| &facts.summary).filter(|summary| keep(summary)))
    };
    let cases: Vec<(&str, BTreeSet<AccountId>)> = vec![
        ("stage:retention", select(&|a| a.stage == LifecycleStage::Retention)),
        ("stage:onboarding", select(&|a| a.stage == LifecycleStage::Retention)),
        ("not stage:churned", select(&|a| a.stage != LifecycleStage::Churned)),
        ("plan:enterprise", select(&|a| a.plan.as_str() == "enterprise")),
        ("plan:ENTERPRISE", select(&|a| a.plan.as_str() == "enterprise")),
        ("mrr > 1000", select(&|a| a.mrr.minor > 1000 * 10i64.pow(a.mrr.currency.minor_digits()))),
        ("mrr <= 99.99", select(&|a| a.mrr.minor * 100 <= 9999 * 10i64.pow(a.mrr.currency.minor_digits()))),
        (
            "renewal < 90d",
            select(&|a| a.renewal_date.is_some_and(|day| TODAY <= day && day < add_days(TODAY, 90))),
        ),
        (
            "renewal >= 2027-01-01",
            select(&|a| a.renewal_date.is_some_and(|day| day >= Date::constant(2027, 1, 1))),
        ),
        ("owner:me", select(&|a| a.owner.as_str() == OWNER)),
        ("name:a", select(&|a| a.name.to_lowercase().contains('a'))),
    ];
    for (text, expected) in cases {
        assert!(!expected.is_empty() && expected.len() < book.len(), "{text} should split the demo");
        assert_eq!(check(&store, &book, &context, text), expected, "{text}");
    }
    let key_accounts: BTreeSet<AccountId> = book
        .iter()
        .filter(|facts| {
            store
                .account(facts.summary.id)
                .unwrap()
                .unwrap()
                .tags
                .iter()
                .any(|tag| tag.as_str() == "key account")
        })
        .map(|facts| facts.summary.id)
        .collect();
    assert!(!key_accounts.is_empty());
    assert_eq!(check(&store, &book, &context, r#"tag:"key account""#), key_accounts);
}

#[test]
fn health_reads_the_latest_day_saved_up_to_now() {
    let (store, book) = book_now();
    let today = &shared().health[&TODAY];
    let expected: BTreeSet<AccountId> =
        today.iter().filter(|(_, score)| **score < 50).map(|(id, _)| *id).collect();
    assert!(!expected.is_empty());
    assert_eq!(check(&store, &book, &context(), "health < 50"), expected);
    // Yesterday, the scores of yesterday are the latest.
    let yesterday_now = now() - jiff::SignedDuration::from_hours(24);
    let yesterday = &shared().health[&add_days(TODAY, -1)];
    let expected: BTreeSet<AccountId> =
        yesterday.iter().filter(|(_, score)| **score < 50).map(|(id, _)| *id).collect();
    let filter = parse("health < 50").unwrap();
    let found = store.accounts_matching(&filter, &FilterContext::new(yesterday_now, OWNER)).unwrap();
    assert_eq!(ids(&found), expected);
    // Accounts with no score match no comparison, and `not` takes them in.
    let unscored = book.iter().filter(|facts| facts.health.is_none()).count();
    assert!(unscored > 0);
    let any_score = check(&store, &book, &context(), "health >= 0");
    assert_eq!(any_score.len(), book.len() - unscored);
}

#[test]
fn bands_follow_the_context() {
    let (store, book) = book_now();
    let default = context();
    let poor = check(&store, &book, &default, "band:poor");
    assert_eq!(poor, check(&store, &book, &default, "health <= 49"));
    let strict = FilterContext {
        bands: Bands {
            poor: BandRange { from: 0, to: 29 },
            fair: BandRange { from: 30, to: 59 },
            good: BandRange { from: 60, to: 100 },
        },
        ..default
    };
    assert_eq!(check(&store, &book, &strict, "band:poor"), check(&store, &book, &strict, "health < 30"));
    check(&store, &book, &strict, "band != good");
}

#[test]
fn every_field_and_combination_agrees_with_the_reference() {
    let (store, book) = book_now();
    let context = context();
    for text in [
        "health < 50 and renewal < 90d and plan:enterprise owner:me",
        r#"stage:retention not tag:"key account""#,
        "nps <= 6 and last_contact > 30d",
        "nps >= 9",
        "nps = 10 or csat <= 2",
        "csat:5",
        "last_contact < 30d",
        "last_contact >= 2w",
        "last_contact = 3d",
        "last_login > 14d",
        "last_login < 7d",
        "last_login <= 2026-10-01",
        "last_login != 8d",
        "created < 365d",
        "created >= 2025-01-01 and created < 2026-01-01",
        "open_tickets > 2",
        "open_tickets < 1",
        "open_tickets = 0",
        "open_tickets != 1",
        "urgent_tickets >= 1",
        "urgent_tickets <= 0",
        "renewal > 30d or renewal < 2026-11-25",
        "renewal = 2027-02-01",
        "renewal != 90d",
        "renewal <= 9999-12-31",
        "renewal > 9999-12-31",
        "renewal < 0000-01-02",
        "renewal < 100000d",
        "last_login >= 0000-01-01",
        "last_login > 9999-12-31",
        "last_login < 100000d",
        "created > 100000d",
        "mrr > 1000.5 and mrr < 5000",
        "mrr = 0",
        "mrr != 0",
        "band:fair or band:good",
        "tag:beta tag:api",
        "tag != beta",
        "domain:.pl",
        r#"name = "x" or name != "y""#,
        "owner != me and (stage:loyalty or stage:reactivated)",
        "not (plan:team or plan:starter) and not stage:reach",
        "(health > 80 or nps >= 9) and not (open_tickets > 0 or last_login > 30d)",
    ] {
        check(&store, &book, &context, text);
    }
}

#[test]
fn trees_built_in_code_without_parts_are_all_or_nothing() {
    let (store, book) = book_now();
    let context = context();
    assert_eq!(store.count_matching(&Filter::And(Vec::new()), &context).unwrap(), book.len() as u64);
    assert_eq!(store.count_matching(&Filter::Or(Vec::new()), &context).unwrap(), 0);
}

#[test]
fn the_examples_of_the_issue_find_accounts_in_the_demo() {
    let (store, book) = book_now();
    for text in [r#"stage:retention not tag:"key account""#, "nps <= 6 and last_contact > 30d"] {
        assert!(!check(&store, &book, &context(), text).is_empty(), "{text}");
    }
}

#[test]
fn hostile_values_are_only_values() {
    let (store, book) = book_now();
    let context = context();
    for text in [
        r#"name:"'; DROP TABLE accounts; --""#,
        r#"name:"%""#,
        r#"name:"_""#,
        r#"name:"\\""#,
        r#"name:"100%" or domain:"a_b""#,
        r#"tag:"' OR '1'='1""#,
        r#"plan:"%" or plan:"enterprise' --""#,
        r#"owner:"\" OR \"\"=\"""#,
        r#"stage:retention and name = "Robert'); DROP TABLE accounts;--""#,
    ] {
        check(&store, &book, &context, text);
    }
    let me = FilterContext::new(now(), "x' OR '1'='1");
    assert!(check(&store, &book, &me, "owner:me").is_empty());
    assert_eq!(store.account_count().unwrap(), book.len() as u64);
    // A literal percent sign matches only itself.
    assert!(
        store
            .accounts_matching(&parse(r#"name:"%""#).unwrap(), &context)
            .unwrap()
            .iter()
            .all(|a| a.name.contains('%'))
    );
}

/// A workspace of accounts whose text is made of SQL and LIKE syntax.
#[test]
fn hostile_text_in_the_workspace_is_found_literally() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut store = Store::open(&dir.path().join("hostile.db")).unwrap();
    let names = ["100% Pure", "a_b Ltd", "O'Brien'; DROP TABLE accounts; --", r"Back\slash", "Plain"];
    let mut writer = store.bulk().unwrap();
    for (index, name) in names.iter().enumerate() {
        let text = |raw: &str| SafeText::line(raw, FieldCap::NAME);
        let account = Account {
            id: AccountId::default(),
            name: text(name),
            domain: text(&format!("x{index}.example")),
            plan: text(if index == 0 { "50%_off" } else { "team" }),
            mrr: Money::new(100, Currency::EUR),
            owner: text(if index == 1 { "Zoë \"Z\" O'Neil" } else { "Ann" }),
            stage: LifecycleStage::Retention,
            renewal_date: None,
            created_at: now(),
            tags: vec![text(if index == 2 { "' OR '1'='1" } else { "beta" })],
            external_ids: Vec::new(),
        };
        writer.insert_account(&account).unwrap();
    }
    writer.commit().unwrap();
    let context = context();
    let names_of = |text: &str| -> Vec<String> {
        let filter = parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        store
            .accounts_matching(&filter, &context)
            .unwrap()
            .iter()
            .map(|account| account.name.to_string())
            .collect()
    };
    assert_eq!(names_of(r#"name:"%""#), ["100% Pure"]);
    assert_eq!(names_of(r#"name:"_""#), ["a_b Ltd"]);
    assert_eq!(names_of(r#"name:"\\""#), [r"Back\slash"]);
    assert_eq!(names_of(r#"name:"'; drop table""#), ["O'Brien'; DROP TABLE accounts; --"]);
    assert_eq!(
        names_of(r#"name = "o'brien'; drop table accounts; --""#),
        ["O'Brien'; DROP TABLE accounts; --"]
    );
    assert_eq!(names_of(r#"tag:"' or '1'='1""#), ["O'Brien'; DROP TABLE accounts; --"]);
    assert_eq!(names_of(r#"plan:"50%_off""#), ["100% Pure"]);
    assert!(names_of(r#"plan:"%""#).is_empty());
    assert_eq!(names_of(r#"owner:"zoë \"z\" o'neil""#), ["a_b Ltd"]);
    assert_eq!(store.account_count().unwrap(), names.len() as u64);
}

#[test]
fn amounts_between_minor_units_compare_exactly() {
    let amount = match parse("mrr > 12.345").unwrap() {
        Filter::Condition(Condition::Mrr { amount, .. }) => amount,
        other => panic!("{other:?}"),
    };
    assert_eq!(amount.in_minor_units(Comparison::Greater, 2), MinorBound::Compare(Comparison::Greater, 1234));
    let (store, book) = book_now();
    check(&store, &book, &context(), "mrr > 12.345 and mrr < 99999.999");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any combination of conditions with and, or, not and parentheses
    /// finds what the reference finds.
    #[test]
    fn combinations_agree_with_the_reference(text in filter_text()) {
        let store = open();
        let book = book(&store, now());
        check(&store, &book, &context(), &text);
        let canonical = parse(&text).unwrap().to_string();
        proptest::prop_assert_eq!(parse(&canonical).unwrap(), parse(&text).unwrap());
    }
}

fn filter_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let atoms = prop::sample::select(vec![
        "health < 50",
        "band:good",
        "stage:retention",
        "stage != churned",
        "plan:team",
        "owner:me",
        "tag:beta",
        "mrr >= 500",
        "renewal < 90d",
        "created > 180d",
        "nps <= 6",
        "csat >= 4",
        "last_contact > 30d",
        "last_login < 14d",
        "open_tickets >= 1",
        "urgent_tickets = 0",
        "name:o",
        "domain:.com",
    ]);
    atoms.prop_map(str::to_owned).prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} and {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) ({b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}
