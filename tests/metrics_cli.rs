//! The headless metrics commands on a small demo workspace: their JSON
//! contract, breakdowns, and errors for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

mod common;

use common::{BIN, demo_workspace, keepers_on};

/// One demo workspace shared by the tests of this file (read-only use).
fn workspace() -> &'static Path {
    static WORKSPACE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &WORKSPACE.get_or_init(|| demo_workspace(5, 400)).1
}

fn keepers(args: &[&str]) -> Output {
    keepers_on(workspace(), args)
}

fn json(args: &[&str]) -> Value {
    let output = keepers(args);
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn kpi<'a>(group: &'a Value, id: &str) -> &'a Value {
    group["kpis"].as_array().unwrap().iter().find(|kpi| kpi["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn metrics_json_has_every_kpi_with_its_explanation() {
    let report = json(&["metrics", "--period", "90d", "--json"]);
    assert_eq!(report["period"]["name"], "last 90 days");
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    let all = &groups[0];
    assert_eq!(all["group"], "all");
    for id in [
        "accounts",
        "mrr",
        "nps",
        "csat",
        "ces",
        "churn_rate",
        "crr",
        "nrr",
        "grr",
        "revenue_churn",
        "rpr",
        "aov",
        "ltv",
        "first_response",
        "resolution",
        "open_tickets",
    ] {
        let line = kpi(all, id);
        assert!(line["formula"].as_str().is_some_and(|f| !f.is_empty()), "{id} has a formula");
        assert!(line["display"].is_string(), "{id} has a display text");
    }
    assert_eq!(kpi(all, "accounts")["value"], 400);
    let nps = kpi(all, "nps");
    assert!(nps["value"].as_i64().is_some_and(|v| (-100..=100).contains(&v)), "{nps}");
    assert!(nps["inputs"].as_u64().unwrap() > 0);
    assert!(nps["window"]["notation"].as_str().unwrap().starts_with('('), "last N days excludes its start");
    let churn = kpi(all, "churn_rate")["value"].as_f64().unwrap();
    let crr = kpi(all, "crr")["value"].as_f64().unwrap();
    assert!((churn + crr - 1.0).abs() < 1e-5, "CRR = 1 − churn: {churn} + {crr}");
}

#[test]
fn metrics_by_stage_has_a_group_per_stage_that_adds_up() {
    let report = json(&["metrics", "--by", "stage", "--json"]);
    let groups = report["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    for stage in ["reach", "acquisition", "conversion", "retention", "loyalty", "churned", "reactivated"] {
        assert!(names.contains(&stage), "{stage} in {names:?}");
    }
    let total: u64 = groups.iter().map(|g| kpi(g, "accounts")["value"].as_u64().unwrap()).sum();
    assert_eq!(total, 400);
}

#[test]
fn metrics_by_owner_plan_and_segment() {
    for by in ["owner", "plan", "segment"] {
        let report = json(&["metrics", "--by", by, "--json"]);
        assert_eq!(report["by"], by);
        let groups = report["groups"].as_array().unwrap();
        assert!(groups.len() > 1, "{by} splits the accounts");
        let total: u64 = groups.iter().map(|g| kpi(g, "accounts")["value"].as_u64().unwrap()).sum();
        assert_eq!(total, 400, "{by}: every account in exactly one group");
    }
}

#[test]
fn metrics_text_explains_on_request() {
    let output = keepers(&["metrics", "--period", "2026-Q3", "--explain"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("NPS") && text.contains("promoters"), "{text}");
    assert!(text.contains("2026-Q3"), "{text}");
}

#[test]
fn a_bad_period_is_a_usage_error_that_shows_the_forms() {
    let output = keepers(&["metrics", "--period", "last quarter"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("90d") && message.contains("2026-Q4"), "{message}");
}

#[test]
fn rfm_segments_cover_every_customer() {
    let report = json(&["rfm", "--json"]);
    let customers = report["customers"].as_array().unwrap();
    assert!(!customers.is_empty());
    let counted: u64 = report["segments"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(counted, customers.len() as u64);
    for customer in customers {
        for score in ["r", "f", "m"] {
            assert!((1..=5).contains(&customer[score].as_u64().unwrap()), "{customer}");
        }
    }
}

#[test]
fn health_finds_an_account_by_id_domain_or_name() {
    let by_id = json(&["health", "1", "--json"]);
    let domain = by_id["account"]["domain"].as_str().unwrap().to_owned();
    let name = by_id["account"]["name"].as_str().unwrap().to_owned();
    assert_eq!(json(&["health", &domain, "--json"])["account"], by_id["account"]);
    assert_eq!(
        json(&["health", &format!("#{}", by_id["account"]["id"]), "--json"])["account"],
        by_id["account"]
    );
    let by_name = keepers(&["health", &name, "--json"]);
    let by_name: Value = serde_json::from_slice(&by_name.stdout).unwrap_or(Value::Null);
    // Planted duplicates may share a name: then the id is the way.
    if !by_name.is_null() {
        assert_eq!(by_name["account"]["name"], by_id["account"]["name"]);
    }
}

#[test]
fn an_ambiguous_or_unknown_account_is_an_error_that_helps() {
    let unknown = keepers(&["health", "no-such-company-anywhere"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account matches"));
    let ambiguous = keepers(&["health", "a"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    let message = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(message.contains("matches several accounts") && message.contains("  #"), "{message}");
}

#[test]
fn health_explains_itself_and_its_contributions_add_up() {
    for id in ["1", "7", "42", "99", "250"] {
        let report = json(&["health", id, "--explain", "--json"]);
        let components = report["components"].as_array().unwrap();
        assert_eq!(components.len(), 6, "usage, support, sentiment, engagement, financial, lifecycle");
        let Some(score) = report["score"].as_u64() else {
            assert!(components.iter().all(|c| c["shown_contribution"].is_null()));
            continue;
        };
        let shown: u64 = components.iter().filter_map(|c| c["shown_contribution"].as_u64()).sum();
        assert_eq!(shown, score, "{report}");
        let exact: f64 = components.iter().filter_map(|c| c["contribution"].as_f64()).sum();
        assert!((exact - report["exact_score"].as_f64().unwrap()).abs() < 1e-4, "{report}");
        assert!(components.iter().all(|c| c["inputs"].is_array()), "--explain lists the inputs");
        assert_eq!(report["currency"].as_str().map(str::len), Some(3), "money terms say their currency");
        let trend = report["trend_30d"].as_array().unwrap();
        assert_eq!(trend.len(), 30);
        assert_eq!(trend[29].as_u64(), Some(score), "today's saved score ends the trend");
        assert!(["poor", "fair", "good"].contains(&report["band"].as_str().unwrap()));
    }
}

#[test]
fn risk_lists_the_level_asked_for_with_reasons_and_revenue_at_risk() {
    let report = json(&["risk", "--level", "high", "--json"]);
    let accounts = report["accounts"].as_array().unwrap();
    assert!(!accounts.is_empty(), "the demo has high-risk accounts");
    let mut paying_high = std::collections::BTreeMap::<String, i64>::new();
    for account in accounts {
        assert_eq!(account["risk"]["level"], "high");
        let reasons = account["risk"]["reasons"].as_array().unwrap();
        let weight: u64 = reasons.iter().map(|r| r["weight"].as_u64().unwrap()).sum();
        assert_eq!(weight, account["risk"]["weight"].as_u64().unwrap());
        assert!(reasons.iter().all(|r| !r["evidence"].as_str().unwrap().is_empty()));
        if account["mrr_minor"].as_i64().unwrap() > 0 {
            *paying_high.entry(account["currency"].as_str().unwrap().to_owned()).or_default() +=
                account["mrr_minor"].as_i64().unwrap();
        }
    }
    let at_risk = report["revenue_at_risk"].as_object().unwrap();
    for (currency, minor) in paying_high {
        assert_eq!(at_risk[&currency].as_i64(), Some(minor), "{currency}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let workspace = workspace();
    let command = format!(
        "{BIN} --workspace '{}' rfm --json | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        workspace.display()
    );
    let output = Command::new("bash").args(["-c", &command]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "0");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("Broken pipe"));
}

#[test]
fn metrics_as_a_monthly_series() {
    let report = json(&["metrics", "--series", "month", "--count", "12", "--json"]);
    assert_eq!(report["period"]["series"], "month");
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 12);
    for group in groups {
        let first_day = group["group"].as_str().unwrap();
        assert!(first_day.ends_with("-01"), "a month starts on its first day: {first_day}");
        let nps = kpi(group, "nps");
        assert!(nps["window"]["notation"].as_str().unwrap().starts_with(&format!("[{first_day}")), "{nps}");
    }
    let both = keepers(&["metrics", "--series", "month", "--by", "stage"]);
    assert_eq!(both.status.code(), Some(2), "a series has no breakdown");
}

#[test]
fn the_default_health_config_is_printed_as_shipped() {
    let output = keepers(&["config", "--default", "--file", "health"]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), include_str!("../config/health.toml"));
}

#[test]
fn accounts_selects_with_a_filter() {
    let all = json(&["accounts", "--json"]);
    assert_eq!(all["count"], 400);
    assert!(all["filter"].is_null());
    let retention = json(&["accounts", "--filter", "stage:retention not tag:\"key account\"", "--json"]);
    let rows = retention["accounts"].as_array().unwrap();
    assert_eq!(retention["count"].as_u64(), Some(rows.len() as u64));
    assert!(!rows.is_empty() && rows.len() < 400);
    assert!(rows.iter().all(|row| row["stage"] == "retention"));
    assert_eq!(retention["filter"], "stage:retention and not tag:\"key account\"");
}

#[test]
fn a_filter_mistake_points_at_its_column() {
    let output = keepers(&["accounts", "--filter", "health < 50 and helth > 3"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("health < 50 and helth > 3"), "{message}");
    assert!(message.contains("                  ^^^^^ column 17"), "{message}");
    assert!(message.contains("did you mean \"health\""), "{message}");
}
