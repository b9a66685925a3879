//! Customers over a period and how many of them, and how much of their
//! revenue, the period kept: churn rate, customer retention rate (CRR), net
//! and gross revenue retention (NRR, GRR) and revenue churn (DOMAIN.md,
//! "Periods and customers" through "Gross revenue retention").
//!
//! Pure: reads an MRR history, one currency (conversion happens before).
//!
//! A customer at an instant is an account whose latest MRR change at or
//! before it set MRR above zero. S counts customers in effect at the
//! period's start, E at its end, N those at the end who were not at the
//! start (new and reactivated alike); see `window` for what "at the start"
//! and "at the end" mean on each kind of edge. Only the two ends are
//! compared, so a customer who leaves and comes back inside the period is
//! neither lost nor new.

use std::collections::HashMap;

use jiff::Timestamp;

use crate::model::AccountId;

use super::{Explain, Interval, Ratio, Term};

/// One change of an account's monthly recurring revenue: from `at` on, its
/// MRR is `mrr_minor` (minor units; zero or less means it does not pay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MrrChange {
    pub account: AccountId,
    pub at: Timestamp,
    pub mrr_minor: i64,
}

/// Customer counts and MRR movements over one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Retention {
    pub period: Interval,
    /// S: customers at the start.
    pub customers_at_start: u64,
    /// E: customers at the end.
    pub customers_at_end: u64,
    /// N: customers at the end who were not at the start, new or reactivated.
    pub new_customers: u64,
    /// Customers at the start who are not at the end: S − (E − N).
    pub lost_customers: u64,
    /// Σ MRR at the start over the S customers.
    pub mrr_at_start: i128,
    /// Σ of MRR increases over the S customers still paying at the end.
    pub expansion: i128,
    /// Σ of MRR decreases over the S customers still paying at the end.
    pub contraction: i128,
    /// Σ MRR at the start of the lost customers.
    pub churned_mrr: i128,
}

/// The customers and MRR of `period`, from every account's MRR history.
/// At equal instants the later row of the history wins, as in a change log.
pub fn retention<'a>(history: impl IntoIterator<Item = &'a MrrChange>, period: Interval) -> Retention {
    let mut accounts: HashMap<AccountId, Standing> = HashMap::new();
    for change in history {
        if period.is_after_end(change.at) {
            continue;
        }
        let standing = accounts.entry(change.account).or_default();
        standing.at_end = latest(standing.at_end, change);
        if period.is_before_start(change.at) {
            standing.at_start = latest(standing.at_start, change);
        }
    }

    let mut result = Retention {
        period,
        customers_at_start: 0,
        customers_at_end: 0,
        new_customers: 0,
        lost_customers: 0,
        mrr_at_start: 0,
        expansion: 0,
        contraction: 0,
        churned_mrr: 0,
    };
    for standing in accounts.values() {
        let start = paying(standing.at_start);
        let end = paying(standing.at_end);
        match (start, end) {
            (Some(start), Some(end)) => {
                result.customers_at_start += 1;
                result.customers_at_end += 1;
                result.mrr_at_start += i128::from(start);
                let change = i128::from(end) - i128::from(start);
                if change > 0 {
                    result.expansion += change;
                } else {
                    result.contraction -= change;
                }
            }
            (Some(start), None) => {
                result.customers_at_start += 1;
                result.lost_customers += 1;
                result.mrr_at_start += i128::from(start);
                result.churned_mrr += i128::from(start);
            }
            (None, Some(_)) => {
                result.customers_at_end += 1;
                result.new_customers += 1;
            }
            (None, None) => {}
        }
    }
    result
}

/// An account's MRR in effect at the period's start and at its end, each with
/// the instant it was set.
#[derive(Debug, Clone, Copy, Default)]
struct Standing {
    at_start: Option<(Timestamp, i64)>,
    at_end: Option<(Timestamp, i64)>,
}

fn latest(current: Option<(Timestamp, i64)>, change: &MrrChange) -> Option<(Timestamp, i64)> {
    match current {
        Some((at, _)) if at > change.at => current,
        _ => Some((change.at, change.mrr_minor)),
    }
}

/// The MRR of a customer, or `None` for an account that does not pay then.
fn paying(mrr: Option<(Timestamp, i64)>) -> Option<i64> {
    mrr.map(|(_, minor)| minor).filter(|minor| *minor > 0)
}

impl Retention {
    /// Customers at the start who are not at the end, over S.
    pub fn churn_rate(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.lost_customers), i128::from(self.customers_at_start))
    }

    /// CRR = (E − N) / S; equal to 1 − churn rate, exactly.
    pub fn retention_rate(&self) -> Option<Ratio> {
        let kept = i128::from(self.customers_at_end) - i128::from(self.new_customers);
        Ratio::new(kept, i128::from(self.customers_at_start))
    }

    /// Σ MRR at the end over the S customers (zero for the lost ones).
    pub fn mrr_at_end_of_start_customers(&self) -> i128 {
        self.mrr_at_start + self.expansion - self.contraction - self.churned_mrr
    }

    /// NRR = Σ MRR at end / Σ MRR at start over the S customers: new and
    /// reactivated MRR left out, expansion kept.
    pub fn net_revenue_retention(&self) -> Option<Ratio> {
        Ratio::new(self.mrr_at_end_of_start_customers(), self.mrr_at_start)
    }

    /// GRR = Σ min(MRR at end, MRR at start) / Σ MRR at start: expansion left
    /// out, so it never exceeds 100 %.
    pub fn gross_revenue_retention(&self) -> Option<Ratio> {
        Ratio::new(self.mrr_at_start - self.contraction - self.churned_mrr, self.mrr_at_start)
    }

    /// Revenue churn = 1 − GRR.
    pub fn revenue_churn(&self) -> Option<Ratio> {
        Some(self.gross_revenue_retention()?.complement())
    }
}

impl Explain for Retention {
    fn name(&self) -> &'static str {
        "Retention"
    }

    fn formula(&self) -> &'static str {
        "churn rate = customers lost / S; CRR = (E − N) / S = 1 − churn rate; \
         NRR = Σ MRR at end / Σ MRR at start, over the S customers; \
         GRR = Σ min(MRR at end, MRR at start) / Σ MRR at start; revenue churn = 1 − GRR"
    }

    fn inputs(&self) -> u64 {
        self.customers_at_start
    }

    fn window(&self) -> Option<Interval> {
        Some(self.period)
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("S: customers at start", self.customers_at_start),
            Term::count("E: customers at end", self.customers_at_end),
            Term::count("N: new or reactivated customers", self.new_customers),
            Term::count("customers lost", self.lost_customers),
            Term::money("MRR at start", self.mrr_at_start),
            Term::money("expansion", self.expansion),
            Term::money("contraction", self.contraction),
            Term::money("churned MRR", self.churned_mrr),
            Term::money("MRR at end of the start customers", self.mrr_at_end_of_start_customers()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::metrics::Edges;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    fn change(account: i64, when: &str, mrr_minor: i64) -> MrrChange {
        MrrChange { account: AccountId(account), at: at(when), mrr_minor }
    }

    /// November 2026 as a calendar month, [start, end).
    fn november() -> Interval {
        Interval::new(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), Edges::ExcludesEnd)
            .expect("a valid interval")
    }

    fn ratio(numerator: i128, denominator: i128) -> Option<Ratio> {
        Ratio::new(numerator, denominator)
    }

    #[test]
    fn s_200_e_210_n_30_is_a_crr_of_90_percent() {
        let mut history = Vec::new();
        for account in 1..=200 {
            history.push(change(account, "2026-06-01T00:00:00Z", 10_000));
        }
        for account in 1..=20 {
            history.push(change(account, "2026-11-10T00:00:00Z", 0));
        }
        for account in 201..=230 {
            history.push(change(account, "2026-11-20T00:00:00Z", 5_000));
        }
        let result = retention(&history, november());
        assert_eq!(
            (result.customers_at_start, result.customers_at_end, result.new_customers),
            (200, 210, 30)
        );
        assert_eq!(result.retention_rate(), ratio(9, 10));
        assert_eq!(result.retention_rate().map(|crr| crr.rounded_percent()), Some(90));
        assert_eq!(result.churn_rate(), ratio(1, 10));
        assert_eq!(result.retention_rate(), result.churn_rate().map(Ratio::complement));
    }

    #[test]
    fn leaving_and_coming_back_inside_the_period_is_not_lost() {
        let history = [
            change(1, "2026-10-01T00:00:00Z", 100),
            change(1, "2026-11-05T00:00:00Z", 0),
            change(1, "2026-11-25T00:00:00Z", 100),
        ];
        let result = retention(&history, november());
        assert_eq!((result.lost_customers, result.new_customers), (0, 0));
        assert_eq!(result.churn_rate(), Some(Ratio::ZERO));
    }

    #[test]
    fn a_reactivated_customer_counts_as_new() {
        let history = [
            change(1, "2025-01-01T00:00:00Z", 100),
            change(1, "2025-06-01T00:00:00Z", 0),
            change(1, "2026-11-15T00:00:00Z", 100),
            change(2, "2026-01-01T00:00:00Z", 100),
        ];
        let result = retention(&history, november());
        assert_eq!((result.customers_at_start, result.customers_at_end, result.new_customers), (1, 2, 1));
        assert_eq!(result.retention_rate(), Some(Ratio::ONE));
    }

    #[test]
    fn nrr_keeps_expansion_and_grr_caps_each_account_at_its_start() {
        let history = [
            change(1, "2026-01-01T00:00:00Z", 100),
            change(1, "2026-11-10T00:00:00Z", 150),
            change(2, "2026-01-01T00:00:00Z", 100),
            change(2, "2026-11-10T00:00:00Z", 60),
            change(3, "2026-01-01T00:00:00Z", 100),
            change(3, "2026-11-10T00:00:00Z", 0),
            change(4, "2026-11-10T00:00:00Z", 500),
        ];
        let result = retention(&history, november());
        assert_eq!(
            (result.mrr_at_start, result.expansion, result.contraction, result.churned_mrr),
            (300, 50, 40, 100)
        );
        // (300 + 50 − 40 − 100) / 300: the new account's 500 is left out.
        assert_eq!(result.net_revenue_retention(), ratio(210, 300));
        // (100 + 60 + 0) / 300.
        assert_eq!(result.gross_revenue_retention(), ratio(160, 300));
        assert_eq!(result.revenue_churn(), ratio(140, 300));
    }

    #[test]
    fn nrr_may_exceed_100_percent_grr_may_not() {
        let history = [change(1, "2026-01-01T00:00:00Z", 100), change(1, "2026-11-10T00:00:00Z", 300)];
        let result = retention(&history, november());
        assert_eq!(result.net_revenue_retention(), ratio(3, 1));
        assert_eq!(result.gross_revenue_retention(), Some(Ratio::ONE));
        assert_eq!(result.revenue_churn(), Some(Ratio::ZERO));
    }

    #[test]
    fn a_change_on_the_boundary_follows_the_edges() {
        let history = [change(1, "2026-11-01T00:00:00Z", 100), change(2, "2026-12-01T00:00:00Z", 100)];
        // Calendar month [start, end): a start at midnight on the 1st is new
        // in November; one at midnight on 1 December is not yet in effect.
        let month = retention(&history, november());
        assert_eq!((month.customers_at_start, month.customers_at_end, month.new_customers), (0, 1, 1));
        // Last N days (start, end]: a change at the start instant is in effect
        // at the start, and one at `now` is in effect at the end.
        let last_days =
            Interval::new(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), Edges::ExcludesStart)
                .expect("a valid interval");
        let days = retention(&history, last_days);
        assert_eq!((days.customers_at_start, days.customers_at_end, days.new_customers), (1, 2, 1));
    }

    #[test]
    fn at_equal_instants_the_later_row_wins() {
        let history = [
            change(1, "2026-01-01T00:00:00Z", 100),
            change(1, "2026-01-01T00:00:00Z", 0),
            change(2, "2026-01-01T00:00:00Z", 0),
            change(2, "2026-01-01T00:00:00Z", 100),
        ];
        let result = retention(&history, november());
        assert_eq!((result.customers_at_start, result.mrr_at_start), (1, 100));
    }

    #[test]
    fn an_account_without_positive_mrr_is_not_a_customer() {
        let history = [
            change(1, "2026-01-01T00:00:00Z", 0),
            change(2, "2026-01-01T00:00:00Z", -50),
            change(3, "2026-01-01T00:00:00Z", 100),
            change(3, "2026-11-02T00:00:00Z", -20),
        ];
        let result = retention(&history, november());
        assert_eq!((result.customers_at_start, result.lost_customers, result.churned_mrr), (1, 1, 100));
        assert_eq!(result.gross_revenue_retention(), Some(Ratio::ZERO));
    }

    #[test]
    fn no_customers_at_the_start_is_no_data() {
        let result = retention(&[], november());
        assert_eq!(result.churn_rate(), None);
        assert_eq!(result.retention_rate(), None);
        assert_eq!(result.net_revenue_retention(), None);
        assert_eq!(result.gross_revenue_retention(), None);
        assert_eq!(result.revenue_churn(), None);
        let only_new = retention(&[change(1, "2026-11-03T00:00:00Z", 100)], november());
        assert_eq!((only_new.new_customers, only_new.churn_rate()), (1, None));
    }

    #[test]
    fn explains_its_window_and_counts() {
        let result = retention(&[change(1, "2026-01-01T00:00:00Z", 100)], november());
        assert_eq!(result.window(), Some(november()));
        assert_eq!(result.inputs(), 1);
        assert_eq!(result.terms()[0], Term::count("S: customers at start", 1));
    }

    fn history() -> impl Strategy<Value = Vec<MrrChange>> {
        let row = (0i64..30, 0i64..120, -200i64..2_000).prop_map(|(account, day, mrr_minor)| MrrChange {
            account: AccountId(account),
            // Days from 1 Sep 2026, so rows fall before, inside and after November.
            at: Timestamp::from_second(1_788_220_800 + day * 86_400).unwrap_or(Timestamp::UNIX_EPOCH),
            mrr_minor,
        });
        prop::collection::vec(row, 0..200)
    }

    proptest! {
        #[test]
        fn grr_never_exceeds_100_percent(history in history()) {
            let result = retention(&history, november());
            if let Some(grr) = result.gross_revenue_retention() {
                prop_assert!(grr.numerator() <= grr.denominator());
                prop_assert!(grr.numerator() >= 0);
            }
        }

        #[test]
        fn crr_is_one_minus_churn_exactly(history in history()) {
            let result = retention(&history, november());
            prop_assert_eq!(result.retention_rate(), result.churn_rate().map(Ratio::complement));
            prop_assert_eq!(
                result.customers_at_start - result.lost_customers,
                result.customers_at_end - result.new_customers
            );
        }
    }
}
