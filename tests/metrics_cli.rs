//! The headless metrics commands on a small demo workspace: their JSON
//! contract, breakdowns, and errors for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_keepers");

/// One demo workspace shared by the tests of this file (read-only use).
fn workspace() -> &'static Path {
    static WORKSPACE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = WORKSPACE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("demo.db");
        let output = keepers_in(
            dir.path(),
            &["demo", "--seed", "5", "--accounts", "400", "--workspace", path.to_str().unwrap()],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (dir, path)
    });
    path
}

fn keepers_in(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("KEEPERS_WORKSPACE")
        .output()
        .expect("keepers runs")
}

fn keepers(args: &[&str]) -> Output {
    let workspace = workspace();
    let home = workspace.parent().expect("the workspace has a directory");
    let mut all = vec!["--workspace", workspace.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    keepers_in(home, &all)
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
