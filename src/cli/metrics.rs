//! `keepers metrics`: every portfolio KPI over a period, for all accounts or
//! broken down by lifecycle stage, owner, plan or RFM segment.

use std::collections::BTreeMap;
use std::io::Write;

use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::report::{interval_json, kpi_json, kpi_table, print_json};
use crate::config::health::HealthConfig;
use crate::metrics::dashboard::{NO_SEGMENT, owner_key, plan_key, segments_by_account};
use crate::metrics::kpi_lines::kpi_lines;
use crate::metrics::portfolio::{LtvSettings, Member, kpis, members};
use crate::metrics::{Facts, Interval, Step, Window};
use crate::model::time::utc_date;
use crate::store::Store;

/// What `--by` groups the accounts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Breakdown {
    Stage,
    Owner,
    Plan,
    Segment,
}

impl Breakdown {
    fn name(self) -> &'static str {
        match self {
            Breakdown::Stage => "stage",
            Breakdown::Owner => "owner",
            Breakdown::Plan => "plan",
            Breakdown::Segment => "segment",
        }
    }
}

/// The step of a `--series`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SeriesStep {
    Week,
    Month,
    Quarter,
}

pub struct MetricsRequest {
    pub period: Window,
    pub by: Option<Breakdown>,
    /// A trend: this many periods of this step, ending with the current one.
    pub series: Option<(SeriesStep, usize)>,
    pub explain: bool,
    pub json: bool,
}

pub fn run(
    store: &Store,
    models: &HealthConfig,
    ltv: &LtvSettings,
    now: Timestamp,
    request: &MetricsRequest,
) -> Result<(), CliError> {
    let interval = request.period.resolve(now)?;
    let facts = store.load_facts(utc_date(now))?;
    let members = members(&facts, &models.health, &models.risk, now);
    let computed: Vec<(String, Vec<_>)> = match request.series {
        // Each period of a trend is computed as of its own end.
        Some((step, count)) => series_periods(step, now, count)
            .into_iter()
            .map(|period| {
                (period_label(period), kpi_lines(&kpis(&members, period, period.end().min(now), ltv)))
            })
            .collect(),
        None => group_members(&facts, members, now, request.by)
            .into_iter()
            .map(|(key, group)| (key, kpi_lines(&kpis(&group, interval, now, ltv))))
            .collect(),
    };
    if request.json {
        let groups: Vec<_> = computed
            .iter()
            .map(|(key, lines)| json!({ "group": key, "kpis": lines.iter().map(kpi_json).collect::<Vec<_>>() }))
            .collect();
        let period = match request.series {
            Some((step, count)) => json!({ "series": step.name(), "count": count }),
            None => json!({ "name": request.period.to_string(), "interval": interval_json(interval) }),
        };
        print_json(&json!({
            "now": now.to_string(),
            "period": period,
            "by": request.by.map(Breakdown::name),
            "groups": groups,
        }))?;
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match request.series {
        Some((step, count)) => writeln!(out, "Portfolio metrics, the last {count} {}s", step.name())?,
        None => writeln!(out, "Portfolio metrics, {} {interval}", request.period)?,
    }
    for (key, lines) in &computed {
        if let Some(by) = request.by {
            writeln!(out, "\n{}: {key}", by.name())?;
        } else if request.series.is_some() {
            writeln!(out, "\n{key}")?;
        }
        write!(out, "{}", kpi_table(lines, request.explain))?;
    }
    Ok(())
}

impl SeriesStep {
    fn name(self) -> &'static str {
        match self {
            SeriesStep::Week => "week",
            SeriesStep::Month => "month",
            SeriesStep::Quarter => "quarter",
        }
    }
}

fn series_periods(step: SeriesStep, now: Timestamp, count: usize) -> Vec<Interval> {
    let step = match step {
        SeriesStep::Week => Step::Week,
        SeriesStep::Month => Step::Month,
        SeriesStep::Quarter => Step::Quarter,
    };
    step.last(now, count)
}

/// A period's first day: "2026-11-01" names November, or the week of the 23rd.
fn period_label(period: Interval) -> String {
    utc_date(period.start()).to_string()
}

/// The accounts split by the breakdown's key, groups in key order; one
/// group "all" without a breakdown.
fn group_members<'a>(
    facts: &Facts,
    members: Vec<Member<'a>>,
    now: Timestamp,
    by: Option<Breakdown>,
) -> Vec<(String, Vec<Member<'a>>)> {
    let Some(by) = by else {
        return vec![("all".to_owned(), members)];
    };
    let segments = segments_by_account(facts, now);
    let mut groups: BTreeMap<String, Vec<Member<'a>>> = BTreeMap::new();
    for member in members {
        let fact = member.facts.account;
        let key = match by {
            Breakdown::Stage => fact.stage.as_str().to_owned(),
            Breakdown::Owner => owner_key(fact.owner.as_str()),
            Breakdown::Plan => plan_key(fact.plan.as_str()),
            Breakdown::Segment => segments.get(&fact.account).copied().unwrap_or(NO_SEGMENT).to_owned(),
        };
        groups.entry(key).or_default().push(member);
    }
    groups.into_iter().collect()
}
