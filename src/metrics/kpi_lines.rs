//! The portfolio's KPIs as one flat list of lines — value, formula, window,
//! inputs and terms — so `keepers metrics`, its JSON and the dashboard show
//! the same numbers with the same definitions, in the same order.

use jiff::SignedDuration;

use super::health::Band;
use super::portfolio::{Kpis, Standings};
use super::{Explain, Interval, Ratio, RiskLevel, Term};
use crate::model::Currency;

/// A KPI's headline value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiValue {
    /// A whole number of points (NPS), already rounded once.
    Points(i64),
    /// A share, shown as a percentage.
    Percent(Ratio),
    /// A mean on an answer scale (CES).
    Mean(Ratio),
    /// Minor units of one currency.
    Money(i128, Currency),
    Count(u64),
    /// Median and 90th percentile.
    Durations {
        median: SignedDuration,
        percentile_90: SignedDuration,
    },
}

/// One row of the portfolio: a KPI with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiLine {
    /// A stable key for scripts: `nps`, `nrr`, `mrr`.
    pub id: &'static str,
    pub name: &'static str,
    /// For money and revenue retention: the currency the line is in.
    pub currency: Option<Currency>,
    /// `None` is "no data".
    pub value: Option<KpiValue>,
    pub formula: &'static str,
    pub inputs: u64,
    pub window: Option<Interval>,
    pub terms: Vec<Term>,
}

impl KpiLine {
    fn explained(id: &'static str, name: &'static str, value: Option<KpiValue>, by: &dyn Explain) -> KpiLine {
        KpiLine {
            id,
            name,
            currency: None,
            value,
            formula: by.formula(),
            inputs: by.inputs(),
            window: by.window(),
            terms: by.terms(),
        }
    }

    fn formula(mut self, formula: &'static str) -> KpiLine {
        self.formula = formula;
        self
    }

    fn in_currency(mut self, currency: Currency) -> KpiLine {
        self.currency = Some(currency);
        self
    }
}

/// Every KPI of `kpis`, in the order screens show them.
pub fn kpi_lines(kpis: &Kpis) -> Vec<KpiLine> {
    let mut lines = vec![KpiLine {
        id: "accounts",
        name: "Accounts",
        currency: None,
        value: Some(KpiValue::Count(kpis.accounts)),
        formula: "accounts in the group; paying = MRR > 0 now",
        inputs: kpis.accounts,
        window: None,
        terms: vec![Term::count("paying accounts", kpis.paying_accounts)],
    }];
    for (currency, minor) in &kpis.mrr {
        lines.push(KpiLine {
            id: "mrr",
            name: "MRR",
            currency: Some(*currency),
            value: Some(KpiValue::Money(*minor, *currency)),
            formula: "Σ current MRR of the group's accounts in this currency",
            inputs: kpis.accounts,
            window: None,
            terms: Vec::new(),
        });
    }
    let nps = &kpis.nps;
    lines.push(KpiLine::explained("nps", "NPS", nps.metric.value().map(KpiValue::Points), nps));
    let csat = &kpis.csat;
    lines.push(KpiLine::explained("csat", "CSAT", csat.metric.value().map(KpiValue::Percent), csat));
    let ces = &kpis.ces;
    lines.push(KpiLine::explained("ces", "CES", ces.metric.value().map(KpiValue::Mean), ces));
    lines.push(KpiLine::explained(
        "ces_easy",
        "CES easy (5–7)",
        ces.metric.easy_share().map(KpiValue::Percent),
        ces,
    ));
    let customers = &kpis.customers;
    lines.push(
        KpiLine::explained(
            "churn_rate",
            "Churn rate",
            customers.churn_rate().map(KpiValue::Percent),
            customers,
        )
        .formula("customers at the start who are not customers at the end / S"),
    );
    lines.push(
        KpiLine::explained("crr", "CRR", customers.retention_rate().map(KpiValue::Percent), customers)
            .formula("(E − N) / S, N = new and reactivated customers; = 1 − churn rate"),
    );
    for (currency, revenue) in &kpis.revenue {
        let percent = |value: Option<Ratio>| value.map(KpiValue::Percent);
        lines.push(
            KpiLine::explained("nrr", "NRR", percent(revenue.net_revenue_retention()), revenue)
                .formula("Σ MRR at end / Σ MRR at start, over the S customers only")
                .in_currency(*currency),
        );
        lines.push(
            KpiLine::explained("grr", "GRR", percent(revenue.gross_revenue_retention()), revenue)
                .formula("Σ min(MRR at end, MRR at start) / Σ MRR at start; never above 100 %")
                .in_currency(*currency),
        );
        lines.push(
            KpiLine::explained("revenue_churn", "Revenue churn", percent(revenue.revenue_churn()), revenue)
                .formula("1 − GRR")
                .in_currency(*currency),
        );
    }
    let repeat = &kpis.repeat_purchase;
    lines.push(KpiLine::explained(
        "rpr",
        "Repeat purchase rate",
        repeat.value().map(KpiValue::Percent),
        repeat,
    ));
    for (currency, order_value) in &kpis.order_value {
        let value = order_value.rounded_minor().map(|minor| KpiValue::Money(i128::from(minor), *currency));
        lines.push(
            KpiLine::explained("aov", "Average order value", value, order_value).in_currency(*currency),
        );
    }
    for (currency, ltv) in &kpis.ltv {
        let value = ltv.mean().map(|mean| KpiValue::Money(mean.round(), *currency));
        let mut line =
            KpiLine::explained("ltv", "LTV (mean per customer)", value, &ltv.total).in_currency(*currency);
        line.inputs = ltv.customers;
        lines.push(line);
    }
    for (id, times) in [("first_response", &kpis.first_response), ("resolution", &kpis.resolution)] {
        let value = times
            .median
            .zip(times.percentile_90)
            .map(|(median, percentile_90)| KpiValue::Durations { median, percentile_90 });
        lines.push(KpiLine::explained(id, times.name(), value, times));
    }
    let trials = &kpis.trial_conversion;
    lines.push(KpiLine::explained(
        "trial_conversion",
        "Trial-to-paid conversion",
        trials.value().map(KpiValue::Percent),
        trials,
    ));
    let open = &kpis.open_tickets;
    lines.push(KpiLine::explained("open_tickets", "Open tickets", Some(KpiValue::Count(open.open)), open));
    lines.extend(standing_lines(&kpis.standings, kpis.accounts));
    lines
}

/// Health bands, risk levels and revenue at risk.
fn standing_lines(standings: &Standings, accounts: u64) -> Vec<KpiLine> {
    let band_terms: Vec<Term> = Band::ALL
        .iter()
        .zip(standings.bands)
        .map(|(band, count)| Term::count(band.name(), count))
        .chain([Term::count("no data", standings.no_health_data)])
        .collect();
    let scored = accounts - standings.no_health_data;
    let poor_share = Ratio::new(i128::from(standings.bands[0]), i128::from(scored));
    let level_terms: Vec<Term> = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High]
        .iter()
        .zip(standings.levels)
        .map(|(level, count)| Term::count(level.name(), count))
        .collect();
    let mut lines = vec![
        KpiLine {
            id: "health_poor",
            name: "Poor health",
            currency: None,
            value: poor_share.map(KpiValue::Percent),
            formula: "accounts whose health score is in the poor band / accounts with a health score",
            inputs: scored,
            window: None,
            terms: band_terms,
        },
        KpiLine {
            id: "risk_high",
            name: "High churn risk",
            currency: None,
            value: Some(KpiValue::Count(standings.levels[2])),
            formula: "accounts whose fired risk rules weigh at least the high cut-off",
            inputs: accounts,
            window: None,
            terms: level_terms,
        },
    ];
    for (currency, minor) in &standings.revenue_at_risk {
        lines.push(KpiLine {
            id: "revenue_at_risk",
            name: "Revenue at risk",
            currency: Some(*currency),
            value: Some(KpiValue::Money(*minor, *currency)),
            formula: "Σ current MRR of the high-risk accounts",
            inputs: standings.levels[2],
            window: None,
            terms: Vec::new(),
        });
    }
    lines
}
