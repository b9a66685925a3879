//! `keepers health ACCOUNT`: one account's health score, band, 30-day
//! change and churn risk; `--explain` adds every component with its inputs,
//! scale, weight and contribution.

use std::io::Write;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::CliError;
use super::report::{figure_text, number_text, print_json, ratio_json, terms_json};
use crate::config::health::HealthConfig;
use crate::metrics::health::{HealthExplanation, daily_scores};
use crate::metrics::{Health, HealthPoint, Risk, RiskModel};
use crate::model::AccountSummary;
use crate::model::time::utc_date;
use crate::store::{AccountMatch, Store};

/// Resolves what the user typed to one account, or says why not.
pub fn resolve_account(store: &Store, query: &str) -> Result<AccountSummary, CliError> {
    match store.find_account(query)? {
        AccountMatch::One(account) => Ok(account),
        AccountMatch::None => Err(CliError::NoSuchAccount(query.to_owned())),
        AccountMatch::Several(candidates) => {
            let list: Vec<String> = candidates
                .iter()
                .map(|account| format!("  #{}  {}  ({})", account.id, account.name, account.domain))
                .collect();
            Err(CliError::AmbiguousAccount { query: query.to_owned(), candidates: list.join("\n") })
        }
    }
}

pub fn run(
    store: &Store,
    models: &HealthConfig,
    now: Timestamp,
    query: &str,
    explain: bool,
    json: bool,
) -> Result<(), CliError> {
    let account = resolve_account(store, query)?;
    let facts = store.load_account_facts(account.id, utc_date(now))?;
    let Some(view) = facts.per_account().next() else {
        return Err(CliError::NoSuchAccount(query.to_owned()));
    };
    let health = models.health.score(view, now);
    let risk = models.risk.assess(view, &health, now);
    let history: Vec<HealthPoint> = store
        .health_history(account.id)?
        .into_iter()
        .map(|(day, score)| HealthPoint { account: account.id, day, score })
        .collect();
    let trend = daily_scores(&history, utc_date(now), TREND_DAYS);
    if json {
        let mut report = health_json(&account, &health, &risk, &models.risk, explain);
        report["trend_30d"] = json!(trend);
        return Ok(print_json(&report)?);
    }
    let mut out = std::io::stdout().lock();
    let score = health.shown_score().map_or("no data".to_owned(), |score| score.to_string());
    let band = health.band().map_or("", |band| band.name());
    writeln!(out, "{} (#{}, {}): health {score} {band}", account.name, account.id, account.domain)?;
    match health.change_30d() {
        Some(change) => writeln!(
            out,
            "  30-day change: {:+} points (was {} on {})",
            change.points(),
            change.before,
            change.since
        )?,
        None => writeln!(out, "  30-day change: no score saved 30 days ago yet")?,
    }
    writeln!(out, "  last {TREND_DAYS} days: {}", sparkline(&trend))?;
    writeln!(out, "  churn risk: {} (fired weight {})", risk.level(), risk.total_weight())?;
    for outcome in risk.reasons() {
        let reason = &models.risk.rule(outcome.rule).reason;
        writeln!(out, "    +{:<3} {reason}: {}", outcome.weight, outcome.evidence)?;
    }
    if explain {
        write!(out, "{}", explanation_text(&health.explanation()))?;
    }
    Ok(())
}

/// Days of saved scores the trend shows.
const TREND_DAYS: usize = 30;

/// Scores as block characters, a dot for a day without a snapshot.
fn sparkline(scores: &[Option<u8>]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|score| match score {
            Some(score) => BLOCKS[usize::from(*score).min(99) * BLOCKS.len() / 100],
            None => '·',
        })
        .collect()
}

fn explanation_text(explanation: &HealthExplanation) -> String {
    let mut text = String::from("\n  component     weight   share   score   contribution\n");
    for line in &explanation.components {
        let share = line
            .normalised_weight
            .map_or("—".to_owned(), |share| format!("{:.1} %", share.to_f64() * 100.0));
        let score = line.score.map_or("no data".to_owned(), number_text);
        let contribution = line.shown_contribution.map_or("—".to_owned(), |points| points.to_string());
        text.push_str(&format!(
            "  {:<12} {:>6} {:>8} {:>7}   {:>12}\n",
            line.component.name(),
            line.weight,
            share,
            score,
            contribution
        ));
        for input in &line.inputs {
            let score = input.score.map_or("no data".to_owned(), number_text);
            let read: Vec<String> = input
                .terms
                .iter()
                .map(|term| format!("{} {}", term.name, figure_text(term.figure, Some(explanation.currency))))
                .collect();
            let read = if read.is_empty() { "nothing to read".to_owned() } else { read.join(", ") };
            text.push_str(&format!("      {:<28} {score:>7}  {read}\n", input.input.name()));
            if let Some(scale) = input.scale {
                text.push_str(&format!("      {:<28}          {scale}\n", ""));
            }
        }
    }
    text.push_str("  The contributions add up to the score; components without data are left out\n");
    text.push_str("  and the other weights renormalised.\n");
    text
}

fn health_json(
    account: &AccountSummary,
    health: &Health,
    risk: &Risk,
    model: &RiskModel,
    explain: bool,
) -> Value {
    let explanation = health.explanation();
    let components: Vec<Value> = explanation
        .components
        .iter()
        .map(|line| {
            let mut component = json!({
                "component": line.component.name(),
                "weight": line.weight,
                "normalised_weight": line.normalised_weight.map(ratio_json),
                "score": line.score.map(ratio_json),
                "contribution": line.contribution.map(ratio_json),
                "shown_contribution": line.shown_contribution,
            });
            if explain {
                component["inputs"] = line
                    .inputs
                    .iter()
                    .map(|input| {
                        json!({
                            "input": input.input.key(),
                            "name": input.input.name(),
                            "score": input.score.map(ratio_json),
                            "scale": input.scale.map(|scale| scale.to_string()),
                            "terms": terms_json(&input.terms),
                        })
                    })
                    .collect();
            }
            component
        })
        .collect();
    json!({
        "account": { "id": account.id.0, "name": account.name.as_str(), "domain": account.domain.as_str() },
        "score": health.shown_score(),
        "exact_score": health.score().map(ratio_json),
        "band": health.band().map(|band| band.name()),
        "change_30d": health.change_30d().map(|change| json!({
            "since": change.since.to_string(), "before": change.before, "now": change.now, "points": change.points(),
        })),
        "currency": explanation.currency.code(),
        "components": components,
        "risk": risk_json(risk, model),
    })
}

/// A risk assessment: level, fired weight, and each fired rule's reason
/// and evidence.
pub fn risk_json(risk: &Risk, model: &RiskModel) -> Value {
    json!({
        "level": risk.level().name(),
        "weight": risk.total_weight(),
        "reasons": risk.reasons().map(|outcome| json!({
            "rule": outcome.rule.key(),
            "weight": outcome.weight,
            "reason": model.rule(outcome.rule).reason.as_str(),
            "evidence": outcome.evidence.to_string(),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Term;
    use crate::metrics::health::{Component, ComponentLine, Input, InputLine};
    use crate::model::Currency;

    #[test]
    fn money_inputs_are_shown_in_the_account_currency() {
        let mrr_change = InputLine {
            input: Input::MrrChange,
            terms: vec![Term::money("MRR at the window's start", 129_900), Term::money("MRR now", 99_900)],
            scale: None,
            score: None,
        };
        let explanation = HealthExplanation {
            score: None,
            shown_score: None,
            band: None,
            change_30d: None,
            currency: Currency::EUR,
            components: vec![ComponentLine {
                component: Component::Financial,
                weight: 10,
                normalised_weight: None,
                score: None,
                contribution: None,
                shown_contribution: None,
                inputs: vec![mrr_change],
            }],
        };
        let text = explanation_text(&explanation);
        assert!(text.contains("MRR at the window's start €1,299.00, MRR now €999.00"), "{text}");
    }
}
