//! `keepers risk`: the accounts at churn risk, riskiest first, each with the
//! rules that fired and their evidence, and the revenue at risk.

use std::collections::BTreeMap;
use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::health::risk_json;
use super::report::print_json;
use crate::config::health::HealthConfig;
use crate::metrics::{RiskLevel, revenue_at_risk};
use crate::model::time::utc_date;
use crate::model::{AccountId, AccountSummary, Money};
use crate::store::{AccountColumn, AccountSort, Store};

/// `--level` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LevelChoice {
    Low,
    Medium,
    High,
}

impl LevelChoice {
    fn level(self) -> RiskLevel {
        match self {
            LevelChoice::Low => RiskLevel::Low,
            LevelChoice::Medium => RiskLevel::Medium,
            LevelChoice::High => RiskLevel::High,
        }
    }
}

pub fn run(
    store: &Store,
    models: &HealthConfig,
    now: Timestamp,
    level: Option<LevelChoice>,
    json: bool,
) -> Result<(), CliError> {
    let facts = store.load_facts(utc_date(now))?;
    let summaries: BTreeMap<AccountId, AccountSummary> = store
        .account_summaries(AccountSort { column: AccountColumn::Name, descending: false })?
        .into_iter()
        .map(|summary| (summary.id, summary))
        .collect();
    let mut assessed: Vec<_> = facts
        .per_account()
        .map(|view| {
            let health = models.health.score(view, now);
            let risk = models.risk.assess(view, &health, now);
            (view.account, health, risk)
        })
        .collect();
    let at_risk = revenue_at_risk(assessed.iter().map(|(account, _, risk)| (account.mrr, risk.level())));
    // Without --level: the accounts that need attention, medium and high.
    let wanted = |risk_level: RiskLevel| match level {
        Some(choice) => risk_level == choice.level(),
        None => risk_level >= RiskLevel::Medium,
    };
    assessed.retain(|(_, _, risk)| wanted(risk.level()));
    assessed.sort_by_key(|(account, _, risk)| {
        (std::cmp::Reverse(risk.total_weight()), std::cmp::Reverse(account.mrr.minor), account.account)
    });
    let money = |minor: i128, currency| {
        i64::try_from(minor).map_or(minor.to_string(), |minor| Money::new(minor, currency).to_string())
    };
    if json {
        let accounts: Vec<_> = assessed
            .iter()
            .map(|(account, health, risk)| {
                let summary = summaries.get(&account.account);
                json!({
                    "account_id": account.account.0,
                    "name": summary.map(|s| s.name.as_str()),
                    "domain": summary.map(|s| s.domain.as_str()),
                    "owner": account.owner.as_str(),
                    "mrr_minor": account.mrr.minor,
                    "currency": account.mrr.currency.to_string(),
                    "health": health.shown_score(),
                    "band": health.band().map(|band| band.name()),
                    "risk": risk_json(risk, &models.risk),
                })
            })
            .collect();
        let at_risk: serde_json::Map<String, serde_json::Value> =
            at_risk.iter().map(|(currency, minor)| (currency.to_string(), json!(minor))).collect();
        return Ok(print_json(&json!({
            "now": now.to_string(),
            "level": level.map(|choice| choice.level().name()),
            "revenue_at_risk": at_risk,
            "accounts": accounts,
        }))?);
    }
    let mut out = std::io::stdout().lock();
    let totals: Vec<String> = at_risk.iter().map(|(currency, minor)| money(*minor, *currency)).collect();
    writeln!(
        out,
        "{} accounts at {} risk; revenue at risk (MRR of high-risk accounts): {}",
        assessed.len(),
        level.map_or("medium or high", |choice| choice.level().name()),
        if totals.is_empty() { "none".to_owned() } else { totals.join(", ") }
    )?;
    for (account, health, risk) in &assessed {
        let name = summaries.get(&account.account).map_or("?", |summary| summary.name.as_str());
        let score = health.shown_score().map_or("—".to_owned(), |score| score.to_string());
        writeln!(
            out,
            "\n{} #{} {name} — {} MRR, health {score}, owner {}",
            risk.level().name().to_uppercase(),
            account.account,
            account.mrr,
            if account.owner.is_empty() { "none" } else { account.owner.as_str() }
        )?;
        for outcome in risk.reasons() {
            writeln!(
                out,
                "    +{:<3} {}: {}",
                outcome.weight,
                models.risk.rule(outcome.rule).reason,
                outcome.evidence
            )?;
        }
    }
    Ok(())
}
