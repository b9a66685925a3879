//! Reading `[risk.levels]` and `[risk.rules.*]` of `health.toml` into a
//! [`RiskModel`]: each rule's weight, reason and thresholds, and the level
//! cut-offs, which must rise from medium to high.

use crate::config::ConfigError;
use crate::metrics::risk::{Levels, RiskModel, RiskRule};

use super::reader::{DAYS, Doc, Key, Value};

/// The largest level cut-off: far above any sum of sensible weights.
const MAX_CUT_OFF: u32 = 100_000;

/// A rule's thresholds by their names in `health.toml`, with the smallest
/// and largest value each may take.
pub(super) fn thresholds(rule: RiskRule) -> &'static [(&'static str, u32, u32)] {
    const DAYS_FROM: u32 = *DAYS.start();
    const DAYS_TO: u32 = *DAYS.end();
    match rule {
        RiskRule::HealthDrop => &[("points", 1, 100)],
        RiskRule::UsageDecline => &[("percent", 1, 100), ("weeks", 1, 52)],
        RiskRule::UrgentTickets | RiskRule::SlaBreaches => &[("tickets", 1, 1_000)],
        RiskRule::OnboardingOverdue => &[("milestones", 1, 100)],
        RiskRule::Detractor
        | RiskRule::RenewalWithPoorHealth
        | RiskRule::NoLogin
        | RiskRule::ChampionGone
        | RiskRule::OverdueInvoice => &[("days", DAYS_FROM, DAYS_TO)],
    }
}

#[derive(Debug, Clone, Copy)]
enum Part {
    Levels,
    Rules,
}

pub(super) fn read_risk(
    doc: &Doc<'_>,
    key: &Key<'_>,
    value: &Value<'_>,
    model: &mut RiskModel,
) -> Result<(), ConfigError> {
    for (name, value) in Doc::entries(doc.table(key, value)?) {
        match doc.name(name, &[("levels", Part::Levels), ("rules", Part::Rules)], "risk section")? {
            Part::Levels => read_levels(doc, name, value, &mut model.levels)?,
            Part::Rules => {
                let rules = RiskRule::ALL.map(|rule| (rule.key(), rule));
                for (rule_key, settings) in Doc::entries(doc.table(name, value)?) {
                    let rule = doc.name(rule_key, &rules, "risk rule")?;
                    read_rule(doc, rule, rule_key, settings, model)?;
                }
            }
        }
    }
    Ok(())
}

fn read_levels(
    doc: &Doc<'_>,
    key: &Key<'_>,
    value: &Value<'_>,
    levels: &mut Levels,
) -> Result<(), ConfigError> {
    let mut last = key.span();
    for (name, number) in Doc::entries(doc.table(key, value)?) {
        let slot = match doc.name(name, &[("medium", false), ("high", true)], "risk level")? {
            false => &mut levels.medium,
            true => &mut levels.high,
        };
        *slot = doc.whole(name, number, 1..=MAX_CUT_OFF)?;
        last = name.span();
    }
    if levels.high <= levels.medium {
        return Err(doc.error(
            last,
            format!(
                "the high cut-off ({}) must be above the medium one ({}): raise high or lower medium",
                levels.high, levels.medium
            ),
        ));
    }
    Ok(())
}

/// What a key of a rule's table sets.
#[derive(Debug, Clone, Copy)]
enum Setting {
    Weight,
    Reason,
    /// The threshold at this position of [`thresholds`].
    Threshold(usize),
}

fn read_rule(
    doc: &Doc<'_>,
    rule: RiskRule,
    key: &Key<'_>,
    value: &Value<'_>,
    model: &mut RiskModel,
) -> Result<(), ConfigError> {
    let mut choices = vec![("weight", Setting::Weight), ("reason", Setting::Reason)];
    choices.extend(
        thresholds(rule).iter().enumerate().map(|(index, (name, ..))| (*name, Setting::Threshold(index))),
    );
    let what = format!("{} setting", rule.key());
    for (name, value) in Doc::entries(doc.table(key, value)?) {
        match doc.name(name, &choices, &what)? {
            Setting::Weight => model.rule_mut(rule).weight = doc.weight(name, value)?,
            Setting::Reason => model.rule_mut(rule).reason = doc.reason(name, value)?,
            Setting::Threshold(index) => {
                let (threshold, least, most) = thresholds(rule)[index];
                let number = doc.whole(name, value, least..=most)?;
                // Every name in `thresholds` is one of the rule's (a test checks).
                if let Some(slot) = model.thresholds.get_mut(rule, threshold) {
                    *slot = number;
                }
            }
        }
    }
    Ok(())
}
