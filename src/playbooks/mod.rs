//! Playbooks: the tasks the team owes a customer when something happens —
//! an onboarding plan when an account reaches retention, a call back for a
//! detractor, renewal preparation, follow-ups after a purchase, a win-back
//! when an account churns, a referral or review ask for a promoter
//! (DOMAIN.md, "What the sources say a team must do").
//!
//! [`planned_tasks`] is pure: the caller reads the records and the clock and
//! passes them in [`TriggerInputs`]; nothing here touches the store, the
//! files or the time of day. Events fire when they happened in
//! `[since, now]`; renewal preparation is a state, not an event, and fires
//! for each step whose day has come while the renewal is still ahead.
//!
//! Running the triggers twice must not make a task twice, and the windows of
//! two runs may overlap. So each [`PlannedTask`] carries a `trigger_key` that
//! names the playbook, the step and the record the task was planned from;
//! the store keeps it in a UNIQUE column and inserts with `INSERT OR IGNORE`,
//! so a task planned again is dropped there. Keys are built only from ids and
//! dates, never from titles or `now`, so the same record gives the same key
//! on every run.

mod definition;
mod run;

pub use definition::{
    DueRule, Placeholder, Playbook, Playbooks, StageAnchor, Step, TitleTemplate, TitleValues, Trigger,
    UnknownPlaceholder,
};
pub use run::{FIRST_RUN_LOOK_BACK, RunError, TriggerRun, run_triggers};

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::model::time::utc_date;
use crate::model::{AccountId, LifecycleStage, PurchaseId, SafeText, StageChangeId, SurveyAnswer, SurveyId};

/// An account as the triggers need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerAccount {
    pub id: AccountId,
    pub name: SafeText,
    /// Who a playbook's tasks go to unless the playbook names an owner.
    pub owner: SafeText,
    /// Where the account is now: churned accounts get no renewal preparation.
    pub stage: LifecycleStage,
    pub renewal_date: Option<Date>,
}

/// A survey answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerSurvey {
    pub id: SurveyId,
    pub account: AccountId,
    /// The name of the contact who answered; empty when unknown.
    pub contact: SafeText,
    pub answer: SurveyAnswer,
    pub responded_at: Timestamp,
}

/// A purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerPurchase {
    pub id: PurchaseId,
    pub account: AccountId,
    pub at: Timestamp,
}

/// A move of an account to a lifecycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerStageChange {
    pub id: StageChangeId,
    pub account: AccountId,
    pub to: LifecycleStage,
    pub at: Timestamp,
}

/// Everything the triggers read. Events of accounts missing from `accounts`
/// plan nothing: a task needs an account to belong to.
#[derive(Debug, Clone, Copy)]
pub struct TriggerInputs<'a> {
    pub now: Timestamp,
    /// Events from this instant on fire (usually the previous run's `now`).
    pub since: Timestamp,
    pub accounts: &'a [TriggerAccount],
    pub surveys: &'a [TriggerSurvey],
    pub purchases: &'a [TriggerPurchase],
    pub stage_changes: &'a [TriggerStageChange],
}

/// A task a playbook asks for, not yet stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTask {
    pub account: AccountId,
    pub title: SafeText,
    pub owner: SafeText,
    pub due: Date,
    /// The id of the playbook that planned it.
    pub playbook: String,
    /// `playbook/step/record`, such as `onboarding/2/purchase:42` or
    /// `renewal/1/renewal:7:2026-12-01`; steps count from 1. Unique per task
    /// ever planned: the store refuses a second task with the same key.
    pub trigger_key: String,
}

/// The record a task is planned from, as its trigger key names it.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Survey(SurveyId),
    Purchase(PurchaseId),
    StageChange(StageChangeId),
    Renewal(AccountId, Date),
}

/// The tasks `playbooks` plan for the events of `inputs`, playbook by
/// playbook in the file's order, then in the order of the records.
pub fn planned_tasks(playbooks: &Playbooks, inputs: &TriggerInputs) -> Vec<PlannedTask> {
    let mut planner = Planner {
        inputs,
        accounts: inputs.accounts.iter().map(|account| (account.id, account)).collect(),
        tasks: Vec::new(),
    };
    for playbook in &playbooks.playbooks {
        let run = PlaybookRun::new(playbook);
        match playbook.trigger {
            Trigger::Detractor => planner.surveys(&run, |score| score <= 6),
            Trigger::Promoter => planner.surveys(&run, |score| score >= 9),
            Trigger::Purchase => planner.purchases(&run),
            Trigger::Stage { to, anchor } => planner.stage_changes(&run, to, anchor),
            Trigger::Renewal => planner.renewals(&run),
        }
    }
    planner.tasks
}

/// A playbook with what all its tasks share, worked out once per call.
struct PlaybookRun<'p> {
    playbook: &'p Playbook,
    steps: Vec<RunStep<'p>>,
}

struct RunStep<'p> {
    step: &'p Step,
    /// `playbook/step/`, steps counted from 1.
    key_prefix: String,
}

impl PlaybookRun<'_> {
    fn new(playbook: &Playbook) -> PlaybookRun<'_> {
        let steps = (playbook.steps.iter().zip(1..))
            .map(|(step, number)| RunStep { step, key_prefix: format!("{}/{number}/", playbook.id) })
            .collect();
        PlaybookRun { playbook, steps }
    }

    fn task(
        &self,
        step: &RunStep,
        account: &TriggerAccount,
        values: &TitleValues,
        due: Date,
        anchor: Anchor,
    ) -> PlannedTask {
        PlannedTask {
            account: account.id,
            title: step.step.title.render(values),
            owner: self.playbook.owner.clone().unwrap_or_else(|| account.owner.clone()),
            due,
            playbook: self.playbook.id.clone(),
            trigger_key: trigger_key(&step.key_prefix, anchor),
        }
    }
}

struct Planner<'a> {
    inputs: &'a TriggerInputs<'a>,
    accounts: HashMap<AccountId, &'a TriggerAccount>,
    tasks: Vec<PlannedTask>,
}

impl Planner<'_> {
    fn in_window(&self, at: Timestamp) -> bool {
        self.inputs.since <= at && at <= self.inputs.now
    }

    /// NPS answers whose score `fires`.
    fn surveys(&mut self, run: &PlaybookRun, fires: impl Fn(u8) -> bool) {
        for survey in self.inputs.surveys {
            let SurveyAnswer::Nps(score) = survey.answer else { continue };
            if !fires(score) || !self.in_window(survey.responded_at) {
                continue;
            }
            let Some(account) = self.accounts.get(&survey.account).copied() else { continue };
            let values = TitleValues {
                account: account.name.as_str(),
                contact: survey.contact.as_str(),
                score: Some(i64::from(score)),
            };
            self.plan(run, account, &values, utc_date(survey.responded_at), Anchor::Survey(survey.id));
        }
    }

    fn purchases(&mut self, run: &PlaybookRun) {
        for purchase in self.inputs.purchases {
            if !self.in_window(purchase.at) {
                continue;
            }
            let Some(account) = self.accounts.get(&purchase.account).copied() else { continue };
            self.plan(
                run,
                account,
                &account_values(account),
                utc_date(purchase.at),
                Anchor::Purchase(purchase.id),
            );
        }
    }

    fn stage_changes(&mut self, run: &PlaybookRun, to: LifecycleStage, anchor: StageAnchor) {
        let changes: Vec<&TriggerStageChange> = self
            .inputs
            .stage_changes
            .iter()
            .filter(|change| change.to == to && self.in_window(change.at))
            .collect();
        let purchases = match anchor {
            StageAnchor::StageChange => HashMap::new(),
            StageAnchor::LatestPurchase => {
                purchases_by_account(self.inputs.purchases, changes.iter().map(|change| change.account))
            }
        };
        // Two moves to the stage after one purchase plan one onboarding, not two.
        let mut planned_from: HashSet<PurchaseId> = HashSet::new();
        for change in changes {
            let Some(account) = self.accounts.get(&change.account).copied() else { continue };
            let latest_purchase = purchases.get(&change.account).and_then(|purchases| {
                let before = purchases.partition_point(|(at, _)| *at <= change.at);
                before.checked_sub(1).and_then(|index| purchases.get(index)).copied()
            });
            let (day, anchor) = match latest_purchase {
                Some((at, id)) if planned_from.insert(id) => (utc_date(at), Anchor::Purchase(id)),
                Some(_) => continue,
                None => (utc_date(change.at), Anchor::StageChange(change.id)),
            };
            self.plan(run, account, &account_values(account), day, anchor);
        }
    }

    /// Each step whose day before the renewal has come, for accounts not
    /// churned whose renewal is today or later.
    fn renewals(&mut self, run: &PlaybookRun) {
        let today = utc_date(self.inputs.now);
        for account in self.inputs.accounts {
            let Some(renewal) = account.renewal_date else { continue };
            if account.stage == LifecycleStage::Churned || renewal < today {
                continue;
            }
            let values = account_values(account);
            let anchor = Anchor::Renewal(account.id, renewal);
            for step in &run.steps {
                let Some(due) = step.step.due.due(renewal).filter(|due| *due <= today) else { continue };
                self.tasks.push(run.task(step, account, &values, due, anchor));
            }
        }
    }

    /// Every step of the playbook, counted from `day`.
    fn plan(
        &mut self,
        run: &PlaybookRun,
        account: &TriggerAccount,
        values: &TitleValues,
        day: Date,
        anchor: Anchor,
    ) {
        for step in &run.steps {
            if let Some(due) = step.step.due.due(day) {
                self.tasks.push(run.task(step, account, values, due, anchor));
            }
        }
    }
}

fn account_values(account: &TriggerAccount) -> TitleValues<'_> {
    TitleValues { account: account.name.as_str(), contact: "", score: None }
}

/// Each account's purchases, oldest first, for the accounts in `wanted` only:
/// an hour's stage changes should not cost an index of every purchase.
fn purchases_by_account(
    purchases: &[TriggerPurchase],
    wanted: impl Iterator<Item = AccountId>,
) -> HashMap<AccountId, Vec<(Timestamp, PurchaseId)>> {
    let mut by_account: HashMap<AccountId, Vec<(Timestamp, PurchaseId)>> =
        wanted.map(|account| (account, Vec::new())).collect();
    for purchase in purchases {
        if let Some(list) = by_account.get_mut(&purchase.account) {
            list.push((purchase.at, purchase.id));
        }
    }
    for list in by_account.values_mut() {
        // Ids break ties between purchases of the same instant, whatever the input order.
        list.sort_unstable();
    }
    by_account
}

/// The step's `playbook/step/` prefix and the record.
fn trigger_key(prefix: &str, anchor: Anchor) -> String {
    let mut key = String::with_capacity(prefix.len() + 32);
    key.push_str(prefix);
    // Writing to a String cannot fail.
    let _ = match anchor {
        Anchor::Survey(id) => write!(key, "survey:{id}"),
        Anchor::Purchase(id) => write!(key, "purchase:{id}"),
        Anchor::StageChange(id) => write!(key, "stage_change:{id}"),
        Anchor::Renewal(account, date) => write!(key, "renewal:{account}:{date}"),
    };
    key
}

#[cfg(test)]
mod tests;
