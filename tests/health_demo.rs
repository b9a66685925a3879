//! Health and risk on every account of a demo workspace: the explanation's
//! contributions add up to the score exactly, shown contributions add up to
//! the shown score, scores stay in 0–100, and a risk level always follows
//! the weights of the rules that fired.

use jiff::Timestamp;
use jiff::civil::Date;

use keepers::demo::{self, DemoSpec};
use keepers::metrics::{HealthModel, Ratio, RiskModel};
use keepers::store::Store;

/// Exact sum (health's denominators are small, so no overflow).
fn sum(ratios: impl IntoIterator<Item = Ratio>) -> Ratio {
    ratios.into_iter().fold(Ratio::ZERO, |total, next| {
        Ratio::new(
            total.numerator() * next.denominator() + next.numerator() * total.denominator(),
            total.denominator() * next.denominator(),
        )
        .expect("a non-zero denominator")
    })
}

#[test]
fn every_demo_accounts_health_adds_up_and_its_risk_follows_its_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    demo::generate(&path, &DemoSpec::new(21, 600, Date::constant(2026, 11, 25)), &mut |_| {}).unwrap();
    let store = Store::open(&path).unwrap();
    let facts = store.load_facts(Date::constant(2026, 11, 25)).unwrap();
    let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let (health_model, risk_model) = (HealthModel::default(), RiskModel::default());
    let mut scored = 0;
    for account in facts.per_account() {
        let health = health_model.score(account, now);
        let explanation = health.explanation();
        match health.score() {
            Some(score) => {
                scored += 1;
                let contributions = explanation.components.iter().filter_map(|line| line.contribution);
                assert_eq!(sum(contributions), score, "account {}", account.account.account);
                let shown: u32 = explanation
                    .components
                    .iter()
                    .filter_map(|line| line.shown_contribution)
                    .map(u32::from)
                    .sum();
                let shown_score = health.shown_score().expect("a score is shown");
                assert_eq!(shown, u32::from(shown_score), "account {}", account.account.account);
                assert!(shown_score <= 100);
            }
            None => assert!(explanation.components.iter().all(|line| line.contribution.is_none())),
        }
        let risk = risk_model.assess(account, &health, now);
        let fired: u32 = risk.reasons().map(|outcome| outcome.weight).sum();
        assert_eq!(fired, risk.total_weight());
        assert_eq!(risk.level(), risk_model.levels.level(fired));
    }
    assert!(scored > 500, "most demo accounts have a health score ({scored} of 600)");
}

#[test]
fn the_first_open_of_a_day_saves_health_scores_and_a_new_workspace_is_backfilled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let today = keepers::model::time::utc_date(Timestamp::now());
    demo::generate(&path, &DemoSpec::new(4, 50, today), &mut |_| {}).unwrap();
    let run = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_keepers"))
            .args(["--workspace", path.to_str().unwrap(), "health", "1", "--json"])
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let first = run();
    let history_after = |store: &Store| store.health_history(keepers::model::AccountId(1)).unwrap();
    let days: Vec<i64> = history_after(&Store::open(&path).unwrap())
        .iter()
        .map(|(day, _)| keepers::model::time::days_between(*day, today))
        .collect();
    if first["score"].is_null() {
        assert!(days.is_empty());
    } else {
        assert_eq!(days, [30, 21, 14, 7, 0], "weekly backfill, then today");
        assert_eq!(first["change_30d"]["since"], keepers::model::time::add_days(today, -30).to_string());
    }
    run();
    assert_eq!(history_after(&Store::open(&path).unwrap()).len(), days.len(), "one snapshot a day");
}
