use jiff::Timestamp;
use jiff::civil::Date;

use super::*;
use crate::model::{FieldCap, SurveyAnswer};

fn at(instant: &str) -> Timestamp {
    instant.parse().unwrap()
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn text(raw: &str) -> SafeText {
    SafeText::line(raw, FieldCap::NAME)
}

fn shipped() -> Playbooks {
    Playbooks::shipped().unwrap()
}

fn account(id: i64, stage: LifecycleStage, renewal_date: Option<Date>) -> TriggerAccount {
    TriggerAccount { id: AccountId(id), name: text("Acme"), owner: text("Grace"), stage, renewal_date }
}

fn nps(id: i64, score: u8, responded_at: &str) -> TriggerSurvey {
    TriggerSurvey {
        id: SurveyId(id),
        account: AccountId(1),
        contact: text("Ada"),
        answer: SurveyAnswer::Nps(score),
        responded_at: at(responded_at),
    }
}

fn purchase(id: i64, at_: &str) -> TriggerPurchase {
    TriggerPurchase { id: PurchaseId(id), account: AccountId(1), at: at(at_) }
}

fn stage_change(id: i64, to: LifecycleStage, at_: &str) -> TriggerStageChange {
    TriggerStageChange { id: StageChangeId(id), account: AccountId(1), to, at: at(at_) }
}

/// The records of one run over the week of 2026-11-23 (Monday) to the
/// Sunday after, with one retention account renewing on `renewal`.
struct Records {
    now: Timestamp,
    since: Timestamp,
    accounts: Vec<TriggerAccount>,
    surveys: Vec<TriggerSurvey>,
    purchases: Vec<TriggerPurchase>,
    stage_changes: Vec<TriggerStageChange>,
}

impl Records {
    fn new() -> Records {
        Records {
            now: at("2026-11-29T23:00:00Z"),
            since: at("2026-11-23T00:00:00Z"),
            accounts: vec![account(1, LifecycleStage::Retention, None)],
            surveys: Vec::new(),
            purchases: Vec::new(),
            stage_changes: Vec::new(),
        }
    }

    fn planned(&self, playbooks: &Playbooks) -> Vec<PlannedTask> {
        planned_tasks(
            playbooks,
            &TriggerInputs {
                now: self.now,
                since: self.since,
                accounts: &self.accounts,
                surveys: &self.surveys,
                purchases: &self.purchases,
                stage_changes: &self.stage_changes,
            },
        )
    }
}

/// Title, due day and trigger key of each task.
fn summary(tasks: &[PlannedTask]) -> Vec<(&str, Date, &str)> {
    tasks.iter().map(|task| (task.title.as_str(), task.due, task.trigger_key.as_str())).collect()
}

#[test]
fn a_detractor_on_a_friday_is_called_back_by_tuesday() {
    let mut records = Records::new();
    records.surveys = vec![nps(5, 3, "2026-11-27T16:00:00Z"), nps(6, 7, "2026-11-27T16:00:00Z")];
    let tasks = records.planned(&shipped());
    assert_eq!(
        summary(&tasks),
        [("Call back Ada at Acme (detractor, scored 3)", day("2026-12-01"), "detractor_recovery/1/survey:5")]
    );
    assert_eq!(tasks[0].playbook, "detractor_recovery");
    assert_eq!(tasks[0].owner.as_str(), "Grace", "the account's owner");
    assert_eq!(tasks[0].account, AccountId(1));
}

#[test]
fn a_promoter_is_asked_for_a_referral_and_other_surveys_plan_nothing() {
    let mut records = Records::new();
    records.surveys = vec![nps(8, 10, "2026-11-24T09:00:00Z"), nps(9, 8, "2026-11-24T09:00:00Z")];
    records
        .surveys
        .push(TriggerSurvey { answer: SurveyAnswer::Csat(1), ..nps(10, 0, "2026-11-24T09:00:00Z") });
    let tasks = records.planned(&shipped());
    assert_eq!(
        summary(&tasks),
        [(
            "Ask Ada at Acme for a referral or a review (promoter, scored 10)",
            day("2026-11-27"),
            "promoter_ask/1/survey:8"
        )]
    );
}

#[test]
fn a_purchase_is_followed_up_a_week_a_month_and_a_year_later() {
    let mut records = Records::new();
    records.now = at("2027-02-01T00:00:00Z");
    records.since = at("2027-01-01T00:00:00Z");
    records.purchases = vec![purchase(42, "2027-01-31T10:00:00Z")];
    let tasks = records.planned(&shipped());
    assert_eq!(
        summary(&tasks),
        [
            (
                "One week after the purchase: check in with Acme",
                day("2027-02-07"),
                "purchase_follow_up/1/purchase:42"
            ),
            (
                "One month after the purchase: ask Acme for feedback",
                day("2027-02-28"),
                "purchase_follow_up/2/purchase:42"
            ),
            (
                "One year after the purchase: review the year with Acme",
                day("2028-01-31"),
                "purchase_follow_up/3/purchase:42"
            ),
        ]
    );
}

#[test]
fn onboarding_counts_from_the_latest_purchase_before_the_move_to_retention() {
    let mut records = Records::new();
    records.purchases = vec![
        purchase(40, "2026-06-01T10:00:00Z"),
        purchase(41, "2026-11-20T10:00:00Z"),
        purchase(43, "2026-11-28T10:00:00Z"),
    ];
    records.stage_changes = vec![stage_change(7, LifecycleStage::Retention, "2026-11-25T10:00:00Z")];
    let onboarding = Playbooks { playbooks: vec![shipped().get("onboarding").unwrap().clone()] };
    let tasks = records.planned(&onboarding);
    assert_eq!(
        summary(&tasks),
        [
            ("Kickoff call with Acme", day("2026-11-23"), "onboarding/1/purchase:41"),
            ("First value: Acme shares its first result", day("2026-12-04"), "onboarding/2/purchase:41"),
            ("Admin and user training for Acme", day("2026-12-11"), "onboarding/3/purchase:41"),
            ("30-day check-in with Acme", day("2026-12-20"), "onboarding/4/purchase:41"),
        ]
    );
    assert!(tasks.iter().all(|task| task.playbook == "onboarding"));

    records.purchases.clear();
    let tasks = records.planned(&onboarding);
    assert_eq!(tasks[0].due, day("2026-11-28"), "without a purchase, from the stage change");
    assert_eq!(tasks[0].trigger_key, "onboarding/1/stage_change:7");
}

#[test]
fn two_moves_to_retention_after_one_purchase_plan_one_onboarding() {
    let mut records = Records::new();
    records.purchases = vec![purchase(41, "2026-11-23T10:00:00Z")];
    records.stage_changes = vec![
        stage_change(7, LifecycleStage::Retention, "2026-11-24T10:00:00Z"),
        stage_change(8, LifecycleStage::Loyalty, "2026-11-25T10:00:00Z"),
        stage_change(9, LifecycleStage::Retention, "2026-11-26T10:00:00Z"),
    ];
    let tasks = records.planned(&shipped());
    let onboarding: Vec<&PlannedTask> = tasks.iter().filter(|task| task.playbook == "onboarding").collect();
    assert_eq!(onboarding.len(), 4);
}

#[test]
fn a_churned_account_is_won_back_a_month_later() {
    let mut records = Records::new();
    records.stage_changes = vec![stage_change(9, LifecycleStage::Churned, "2026-11-24T08:00:00Z")];
    let tasks = records.planned(&shipped());
    assert_eq!(
        summary(&tasks),
        [("Win back Acme with a tailored offer", day("2026-12-24"), "win_back/1/stage_change:9")]
    );
}

#[test]
fn only_events_from_since_to_now_fire() {
    let mut records = Records::new();
    records.surveys = vec![
        nps(1, 2, "2026-11-22T23:59:59Z"),
        nps(2, 2, "2026-11-23T00:00:00Z"),
        nps(3, 2, "2026-11-29T23:00:00Z"),
        nps(4, 2, "2026-11-29T23:00:01Z"),
    ];
    records.purchases = vec![purchase(1, "2026-11-01T00:00:00Z")];
    records.stage_changes = vec![stage_change(1, LifecycleStage::Churned, "2026-12-01T00:00:00Z")];
    let keys: Vec<String> = records.planned(&shipped()).into_iter().map(|task| task.trigger_key).collect();
    assert_eq!(keys, ["detractor_recovery/1/survey:2", "detractor_recovery/1/survey:3"]);
}

#[test]
fn renewal_preparation_fires_for_each_threshold_reached_while_the_renewal_is_ahead() {
    let renewal = Playbooks { playbooks: vec![shipped().get("renewal").unwrap().clone()] };
    let mut records = Records::new();
    let today = utc_date(records.now);
    let renewing_in = |days: i64| Some(crate::model::time::add_days(today, days));
    let keys_for = |records: &mut Records, renewal_date: Option<Date>, stage: LifecycleStage| {
        records.accounts = vec![account(3, stage, renewal_date)];
        let tasks = records.planned(&renewal);
        tasks.into_iter().map(|task| (task.due, task.trigger_key)).collect::<Vec<_>>()
    };
    let in_100 = renewing_in(100);
    assert_eq!(
        keys_for(&mut records, in_100, LifecycleStage::Retention),
        [(day("2026-11-09"), "renewal/1/renewal:3:2027-03-09".to_owned())],
        "100 days ahead: only the 120-day step"
    );
    let in_25 = keys_for(&mut records, renewing_in(25), LifecycleStage::Loyalty);
    let steps: Vec<&str> = in_25.iter().map(|(_, key)| key.split('/').nth(1).unwrap()).collect();
    assert_eq!(steps, ["1", "2", "3", "4"], "25 days ahead: all four");
    assert_eq!(keys_for(&mut records, renewing_in(0), LifecycleStage::Retention).len(), 4, "renews today");
    assert!(keys_for(&mut records, renewing_in(-1), LifecycleStage::Retention).is_empty(), "renewal past");
    assert!(keys_for(&mut records, renewing_in(25), LifecycleStage::Churned).is_empty(), "churned");
    assert!(keys_for(&mut records, None, LifecycleStage::Retention).is_empty(), "no renewal date");
    assert!(keys_for(&mut records, renewing_in(121), LifecycleStage::Retention).is_empty(), "too early");
}

#[test]
fn the_same_records_give_the_same_keys_and_different_records_different_keys() {
    let mut records = Records::new();
    records.accounts.push(account(2, LifecycleStage::Retention, Some(day("2027-01-15"))));
    records.surveys = vec![nps(5, 3, "2026-11-27T16:00:00Z"), nps(6, 3, "2026-11-27T16:00:00Z")];
    records.purchases = vec![purchase(42, "2026-11-24T10:00:00Z"), purchase(43, "2026-11-24T10:00:00Z")];
    records.stage_changes = vec![
        stage_change(7, LifecycleStage::Retention, "2026-11-25T10:00:00Z"),
        stage_change(8, LifecycleStage::Churned, "2026-11-26T10:00:00Z"),
    ];
    let first = records.planned(&shipped());
    let second = records.planned(&shipped());
    assert_eq!(first, second);
    let mut keys: Vec<&str> = first.iter().map(|task| task.trigger_key.as_str()).collect();
    let planned = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), planned, "every task has its own key: {keys:?}");
    assert!(keys.contains(&"renewal/1/renewal:2:2027-01-15"), "{keys:?}");

    // A later run whose window overlaps plans the same tasks under the same keys.
    records.now = at("2026-11-30T12:00:00Z");
    let later = records.planned(&shipped());
    assert!(first.iter().all(|task| later.iter().any(|again| again.trigger_key == task.trigger_key)));
}

#[test]
fn a_playbook_owner_takes_the_tasks_and_unknown_accounts_plan_nothing() {
    let mut playbooks = shipped();
    for playbook in &mut playbooks.playbooks {
        playbook.owner = Some(text("Recovery desk"));
    }
    let mut records = Records::new();
    records.surveys = vec![nps(5, 3, "2026-11-27T16:00:00Z")];
    let tasks = records.planned(&playbooks);
    assert_eq!(tasks[0].owner.as_str(), "Recovery desk");
    records.surveys[0].account = AccountId(99);
    assert!(records.planned(&playbooks).is_empty());
}
