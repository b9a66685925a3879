//! Parsing whole filters: the examples of the issue, precedence, quoting,
//! dates, case and juxtaposition; every kind of mistake with its column and
//! suggestion; and canonical text that parses back to the same tree.

use jiff::civil::Date;

use super::*;
use crate::metrics::health::Band;
use crate::model::LifecycleStage;

fn parsed(text: &str) -> Filter {
    parse(text).unwrap_or_else(|error| panic!("{text:?}: {error}"))
}

fn error(text: &str) -> QueryError {
    match parse(text) {
        Ok(filter) => panic!("{text:?} parsed as {filter:?}"),
        Err(error) => error,
    }
}

/// The error's column, length and suggestion.
fn at(text: &str) -> (usize, usize, Option<String>) {
    let error = error(text);
    (error.column, error.length, error.suggestion)
}

fn number(field: NumberField, comparison: Comparison, value: i64) -> Filter {
    Filter::Condition(Condition::Number { field, comparison, value })
}

fn health_below(value: i64) -> Filter {
    number(NumberField::Health, Comparison::Less, value)
}

fn stage(stage: LifecycleStage) -> Filter {
    Filter::Condition(Condition::Stage { equality: Equality::Is, stage })
}

fn keyword(field: KeywordField, value: &str) -> Filter {
    Filter::Condition(Condition::Keyword { field, equality: Equality::Is, value: value.to_owned() })
}

fn days(field: DateField, comparison: Comparison, count: u32) -> Filter {
    let value = DateValue::Relative(Duration { count, unit: DurationUnit::Days });
    Filter::Condition(Condition::Date { field, comparison, value })
}

fn not(filter: Filter) -> Filter {
    Filter::Not(Box::new(filter))
}

#[test]
fn the_examples_of_the_issue() {
    assert_eq!(
        parsed("health < 50 and renewal < 90d and plan:enterprise owner:me"),
        Filter::And(vec![
            health_below(50),
            days(DateField::Renewal, Comparison::Less, 90),
            keyword(KeywordField::Plan, "enterprise"),
            Filter::Condition(Condition::Owner { equality: Equality::Is, owner: Owner::Me }),
        ])
    );
    assert_eq!(
        parsed(r#"stage:retention not tag:"key account""#),
        Filter::And(vec![stage(LifecycleStage::Retention), not(keyword(KeywordField::Tag, "key account"))])
    );
    assert_eq!(
        parsed("nps <= 6 and last_contact > 30d"),
        Filter::And(vec![
            number(NumberField::Nps, Comparison::LessOrEqual, 6),
            days(DateField::LastContact, Comparison::Greater, 30),
        ])
    );
}

#[test]
fn not_binds_tighter_than_and_and_and_tighter_than_or() {
    let a = || health_below(10);
    let b = || stage(LifecycleStage::Loyalty);
    let c = || keyword(KeywordField::Plan, "team");
    assert_eq!(
        parsed("health < 10 or stage:loyalty and plan:team"),
        Filter::Or(vec![a(), Filter::And(vec![b(), c()])])
    );
    assert_eq!(
        parsed("health < 10 and stage:loyalty or plan:team"),
        Filter::Or(vec![Filter::And(vec![a(), b()]), c()])
    );
    assert_eq!(parsed("not health < 10 and stage:loyalty"), Filter::And(vec![not(a()), b()]));
    assert_eq!(parsed("not not health < 10"), not(not(a())));
    assert_eq!(
        parsed("health < 10 stage:loyalty or plan:team"),
        parsed("(health < 10 and stage:loyalty) or plan:team")
    );
}

#[test]
fn parentheses_group() {
    let a = || health_below(10);
    let b = || stage(LifecycleStage::Loyalty);
    let c = || keyword(KeywordField::Plan, "team");
    assert_eq!(
        parsed("health < 10 and (stage:loyalty or plan:team)"),
        Filter::And(vec![a(), Filter::Or(vec![b(), c()])])
    );
    assert_eq!(parsed("not (stage:loyalty or plan:team)"), not(Filter::Or(vec![b(), c()])));
    assert_eq!(parsed("((health<10))"), a());
    assert_eq!(parsed("(stage:loyalty)(plan:team)"), Filter::And(vec![b(), c()]));
    // Grouping an and inside an and (or an or inside an or) changes nothing.
    assert_eq!(parsed("health < 10 (stage:loyalty plan:team)"), Filter::And(vec![a(), b(), c()]));
    assert_eq!(parsed("(health < 10 or stage:loyalty) or plan:team"), Filter::Or(vec![a(), b(), c()]));
    assert_eq!(
        parsed("health < 10 and (stage:loyalty or plan:team) and plan:team"),
        Filter::And(vec![a(), Filter::Or(vec![b(), c()]), c()])
    );
}

#[test]
fn keywords_fields_and_words_ignore_case() {
    assert_eq!(
        parsed("HEALTH < 10 AND Stage:Loyalty Or NOT plan:team"),
        Filter::Or(vec![
            Filter::And(vec![health_below(10), stage(LifecycleStage::Loyalty)]),
            not(keyword(KeywordField::Plan, "team")),
        ])
    );
    assert_eq!(
        parsed("OWNER:ME"),
        Filter::Condition(Condition::Owner { equality: Equality::Is, owner: Owner::Me })
    );
    assert_eq!(
        parsed("band:POOR"),
        Filter::Condition(Condition::Band { equality: Equality::Is, band: Band::Poor })
    );
}

#[test]
fn side_by_side_conditions_mean_and() {
    assert_eq!(parsed("plan:enterprise owner:me"), parsed("plan:enterprise and owner:me"));
    assert_eq!(parsed("plan:x tag:y not stage:churned"), parsed("plan:x and tag:y and not stage:churned"));
}

#[test]
fn quoted_strings_hold_spaces_quotes_and_keywords() {
    let name = |test, value: &str| {
        Filter::Condition(Condition::Text { field: TextField::Name, test, value: value.to_owned() })
    };
    assert_eq!(parsed(r#"name:"acme corp""#), name(TextTest::Contains, "acme corp"));
    assert_eq!(parsed(r#"name = "say \"hi\"""#), name(TextTest::Is, r#"say "hi""#));
    assert_eq!(parsed(r#"name != "a\\b""#), name(TextTest::IsNot, r"a\b"));
    assert_eq!(parsed(r#"name:"and""#), name(TextTest::Contains, "and"));
    assert_eq!(parsed(r#"name:"""#), name(TextTest::Contains, ""));
    assert_eq!(
        parsed(r#"owner:"me""#),
        Filter::Condition(Condition::Owner { equality: Equality::Is, owner: Owner::Named("me".to_owned()) })
    );
    assert_eq!(parsed(r#"stage:"maintenance & support""#), stage(LifecycleStage::Retention));
}

#[test]
fn stage_aliases_read_as_their_stage() {
    assert_eq!(parsed("stage:onboarding"), stage(LifecycleStage::Retention));
    assert_eq!(parsed("lifecycle:advocacy"), stage(LifecycleStage::Loyalty));
    assert_eq!(parsed("stage:ongoing-support"), stage(LifecycleStage::Retention));
    assert_eq!(
        parsed("stage != churned"),
        Filter::Condition(Condition::Stage { equality: Equality::IsNot, stage: LifecycleStage::Churned })
    );
}

#[test]
fn dates_relative_and_absolute() {
    let date = |field, comparison, value| Filter::Condition(Condition::Date { field, comparison, value });
    assert_eq!(
        parsed("renewal <= 2026-12-31"),
        date(DateField::Renewal, Comparison::LessOrEqual, DateValue::Day(Date::constant(2026, 12, 31)))
    );
    assert_eq!(
        parsed("last_login > 12w"),
        date(
            DateField::LastLogin,
            Comparison::Greater,
            DateValue::Relative(Duration { count: 12, unit: DurationUnit::Weeks })
        )
    );
    assert_eq!(parsed("created:30d"), days(DateField::Created, Comparison::Equal, 30));
    assert_eq!(
        parsed("created >= 2026-01-01 created < 2026-04-01").to_string(),
        "created >= 2026-01-01 and created < 2026-04-01"
    );
}

#[test]
fn numbers_and_amounts() {
    assert_eq!(parsed("open_tickets >= 3"), number(NumberField::OpenTickets, Comparison::GreaterOrEqual, 3));
    assert_eq!(parsed("urgent:0"), number(NumberField::UrgentTickets, Comparison::Equal, 0));
    assert_eq!(parsed("csat != 5"), number(NumberField::Csat, Comparison::NotEqual, 5));
    let Filter::Condition(Condition::Mrr { comparison, amount }) = parsed("mrr > 1250.50") else {
        panic!("not an mrr condition");
    };
    assert_eq!((comparison, amount.to_string()), (Comparison::Greater, "1250.50".to_owned()));
}

#[test]
fn canonical_text_parses_back_to_the_same_tree() {
    for (text, canonical) in [
        (
            "health < 50 and renewal < 90d and plan:enterprise owner:me",
            "health < 50 and renewal < 90d and plan:enterprise and owner:me",
        ),
        (r#"stage:retention not tag:"key account""#, r#"stage:retention and not tag:"key account""#),
        ("nps <= 6 and last_contact > 30d", "nps <= 6 and last_contact > 30d"),
        ("HEALTH:50 Or (band:poor AND lifecycle:onboarding)", "health = 50 or band:poor and stage:retention"),
        ("(health<1 or health>99) stage != churned", "(health < 1 or health > 99) and stage != churned"),
        ("not (plan:a plan:b)", "not (plan:a and plan:b)"),
        ("not (plan:a or plan:b) or not plan:c", "not (plan:a or plan:b) or not plan:c"),
        (
            r#"name:"say \"hi\"" name = AND_CO domain:acme.com"#,
            r#"name:"say \"hi\"" and name = AND_CO and domain:acme.com"#,
        ),
        (
            r#"name:"and" owner:"me" owner != Me tag:"""#,
            r#"name:"and" and owner:"me" and owner != me and tag:"""#,
        ),
        ("plan = Team tag != beta csm:Anna", "plan:Team and tag != beta and owner:Anna"),
        (
            "mrr >= 1000.50 mrr:-3 renewal = 12w created != 2026-02-28",
            "mrr >= 1000.50 and mrr = -3 and renewal = 12w and created != 2026-02-28",
        ),
        (r#"name:"a\\b(c)""#, r#"name:"a\\b(c)""#),
    ] {
        let filter = parsed(text);
        assert_eq!(filter.to_string(), canonical, "{text}");
        assert_eq!(parsed(canonical), filter, "{canonical}");
    }
}

#[test]
fn unknown_fields_suggest_the_nearest() {
    let helth = error("health < 50 and helth < 3");
    assert_eq!(helth.to_string(), "column 17: unknown field \"helth\" — did you mean \"health\"?");
    assert_eq!(at("renewl < 90d"), (1, 6, Some("renewal".to_owned())));
    assert_eq!(at("last-contcat > 30d"), (1, 12, Some("last_contact".to_owned())));
    assert_eq!(at("xyzzy > 3"), (1, 5, None));
    assert!(error("risk:high").message.contains("the fields are health, band, stage"));
    // A lone word was meant as a name.
    assert_eq!(at("plan:team acme"), (11, 4, Some("name:acme".to_owned())));
    assert_eq!(at("plan:a && plan:b"), (8, 2, Some("and".to_owned())));
}

#[test]
fn reversed_operators_suggest_the_right_one() {
    assert_eq!(at("health => 50"), (8, 2, Some(">=".to_owned())));
    assert_eq!(at("health=<50"), (7, 2, Some("<=".to_owned())));
    assert_eq!(at("stage <> churned"), (7, 2, Some("!=".to_owned())));
    assert_eq!(at("!plan:team"), (1, 1, Some("not".to_owned())));
    assert_eq!(error("health => 50").to_string(), "column 8: unknown operator \"=>\" — did you mean \">=\"?");
}

#[test]
fn unknown_stage_and_band_values_suggest_the_nearest() {
    assert_eq!(at("stage:retension"), (7, 9, Some("retention".to_owned())));
    assert_eq!(at("plan:x stage = churnd"), (16, 6, Some("churned".to_owned())));
    let error = error("stage:nowhere");
    assert_eq!(error.suggestion, None);
    assert!(error.message.contains("reach, acquisition"), "{}", error.message);
    assert_eq!(at("band:pooor"), (6, 5, Some("poor".to_owned())));
    assert_eq!(at("band:great"), (6, 5, None));
}

#[test]
fn values_must_fit_the_field() {
    // A stage has no order; a number is no stage.
    assert_eq!(at("stage < 3"), (7, 1, Some(":".to_owned())));
    assert_eq!(at("health:abc"), (8, 3, None));
    assert_eq!(at("health:poor"), (8, 4, Some("band:poor".to_owned())));
    assert_eq!(at("health < 101"), (10, 3, None));
    assert_eq!(at("nps > 11"), (7, 2, None));
    assert_eq!(at("csat:0"), (6, 1, None));
    assert_eq!(at("open_tickets > -1"), (16, 2, None));
    assert_eq!(at("open_tickets > 1.5"), (16, 3, None));
    assert_eq!(at("health < \"50\""), (10, 4, Some("50".to_owned())));
    assert_eq!(at(r#"renewal > "x""#), (11, 3, None));
    assert_eq!(at(r#"renewal > "2026-12-31""#), (11, 12, Some("2026-12-31".to_owned())));
    assert_eq!(at("renewal < 6m"), (11, 2, Some("180d".to_owned())));
    assert_eq!(at("renewal < 90"), (11, 2, Some("90d".to_owned())));
    assert_eq!(at("renewal < 2026-02-30"), (11, 10, None));
    assert_eq!(at("mrr > 1,000"), (7, 5, Some("1000".to_owned())));
    assert_eq!(at("mrr > lots"), (7, 4, None));
    assert_eq!(at("mrr > $1_250.50"), (7, 9, Some("1250.50".to_owned())));
    assert_eq!(at("mrr > 1e3"), (7, 3, None));
    assert_eq!(at("name < acme"), (6, 1, Some(":".to_owned())));
    assert_eq!(at("tag > x"), (5, 1, Some(":".to_owned())));
    assert!(error("stage < 3").message.contains("stage has no order"));
}

#[test]
fn missing_values_and_operators_point_where_they_belong() {
    assert_eq!(at("health <"), (9, 1, None));
    assert_eq!(at("health < and plan:x"), (10, 3, None));
    assert_eq!(at("plan: )"), (7, 1, None));
    assert_eq!(at("health 50"), (8, 2, None));
    assert_eq!(at("health"), (7, 1, None));
    assert_eq!(
        error("health <").message,
        "expected a value after \"health <\" (whole number 0–100), found the end of the filter"
    );
    assert!(error("health 50").message.ends_with("after health, found \"50\""));
}

#[test]
fn unclosed_quotes_and_parentheses() {
    assert_eq!(at(r#"tag:"key account"#), (5, 12, Some("\"key account\"".to_owned())));
    assert_eq!(at("(health < 5 or plan:x"), (1, 1, None));
    assert_eq!(at("plan:x and (health < 5 or (plan:y)"), (12, 1, None));
    assert_eq!(at("plan:x)"), (7, 1, None));
    assert_eq!(at("()"), (1, 1, None));
    assert_eq!(at("(plan:x < 3)"), (9, 1, None));
}

#[test]
fn dangling_keywords_are_the_mistake() {
    assert_eq!(at("health < 50 and"), (13, 3, None));
    assert_eq!(at("health < 50 or"), (13, 2, None));
    assert_eq!(at("plan:x and not"), (12, 3, None));
    assert_eq!(at("plan:x and or plan:y"), (8, 3, None));
    assert_eq!(at("(plan:x and)"), (9, 3, None));
    assert_eq!(at("and plan:x"), (1, 3, None));
    assert!(error("health < 50 and").to_string().starts_with("column 13: nothing follows \"and\""));
    assert!(error("plan:x and or plan:y").message.contains("not \"or\""));
}

#[test]
fn empty_and_stray_input() {
    assert_eq!(at(""), (1, 1, None));
    assert_eq!(at("   "), (4, 1, None));
    assert_eq!(at(": x"), (1, 1, None));
    assert_eq!(at(r#""acme""#), (1, 6, Some(r#"name:"acme""#.to_owned())));
    assert_eq!(at("plan:x < 3"), (8, 1, None));
}
