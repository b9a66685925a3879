//! Purchases and conversion: repeat purchase rate (RPR), average order value
//! (AOV) and trial-to-paid conversion (DOMAIN.md, "Metrics per stage" and
//! "Repeat purchase rate"), and the [`Order`] row every purchase metric reads.
//!
//! Pure: amounts are minor units of one currency (conversion happens before).

use std::collections::HashMap;

use jiff::Timestamp;

use crate::model::{AccountId, Purchase};

use super::{Explain, Figure, Interval, Ratio, Term};

/// One purchase as the purchase metrics (RPR, AOV, LTV, RFM) need it: two
/// orders on one day are two orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Order {
    pub account: AccountId,
    pub at: Timestamp,
    pub amount_minor: i64,
    /// Cost of goods, for gross margin.
    pub cost_minor: i64,
}

impl From<&Purchase> for Order {
    /// Keeps the minor units and drops the currency: the caller has converted
    /// every purchase to one currency first.
    fn from(purchase: &Purchase) -> Order {
        Order {
            account: purchase.account_id,
            at: purchase.purchased_at,
            amount_minor: purchase.amount.minor,
            cost_minor: purchase.cost.minor,
        }
    }
}

/// RPR = customers with more than one purchase / all customers with a purchase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RepeatPurchaseRate {
    /// Customers with at least one purchase.
    pub customers: u64,
    /// Customers with two or more.
    pub repeat_customers: u64,
    pub orders: u64,
}

/// The repeat purchase rate of the customers who placed `orders`.
pub fn repeat_purchase_rate<'a>(orders: impl IntoIterator<Item = &'a Order>) -> RepeatPurchaseRate {
    let mut per_customer: HashMap<AccountId, u64> = HashMap::new();
    let mut result = RepeatPurchaseRate::default();
    for order in orders {
        result.orders += 1;
        *per_customer.entry(order.account).or_default() += 1;
    }
    result.customers = per_customer.len() as u64;
    result.repeat_customers = per_customer.values().filter(|count| **count > 1).count() as u64;
    result
}

impl RepeatPurchaseRate {
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.repeat_customers), i128::from(self.customers))
    }
}

impl Explain for RepeatPurchaseRate {
    fn name(&self) -> &'static str {
        "Repeat purchase rate"
    }

    fn formula(&self) -> &'static str {
        "customers with more than one purchase / all customers with a purchase"
    }

    fn inputs(&self) -> u64 {
        self.customers
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("customers with a purchase", self.customers),
            Term::count("customers with more than one", self.repeat_customers),
            Term::count("purchases", self.orders),
        ]
    }
}

/// The total and count of orders an average order value is taken from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OrderValue {
    pub orders: u64,
    /// Σ amounts, minor units; i128 so no sum of i64 amounts can overflow.
    pub total_minor: i128,
}

/// AOV = Σ order amounts / number of orders.
pub fn average_order_value<'a>(orders: impl IntoIterator<Item = &'a Order>) -> OrderValue {
    let mut result = OrderValue::default();
    for order in orders {
        result.orders += 1;
        result.total_minor += i128::from(order.amount_minor);
    }
    result
}

impl OrderValue {
    /// The average order, in minor units, exactly.
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(self.total_minor, i128::from(self.orders))
    }

    /// The average order rounded to the minor unit, halves away from zero.
    pub fn rounded_minor(&self) -> Option<i64> {
        Some(self.value()?.rounded())
    }
}

impl Explain for OrderValue {
    fn name(&self) -> &'static str {
        "Average order value"
    }

    fn formula(&self) -> &'static str {
        "Σ order amounts / number of orders"
    }

    fn inputs(&self) -> u64 {
        self.orders
    }

    fn terms(&self) -> Vec<Term> {
        vec![Term::count("orders", self.orders), Term::money("total", self.total_minor)]
    }
}

/// One trial: when it started and, if it did, when the account started to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Trial {
    pub account: AccountId,
    pub started_at: Timestamp,
    pub converted_at: Option<Timestamp>,
}

/// Trial-to-paid conversion of the trials started in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TrialConversion {
    pub period: Interval,
    /// Trials started in the period.
    pub trials: u64,
    /// Of those, the ones that converted, whenever that happened.
    pub converted: u64,
}

/// Conversion of the trials started in `period`, counted as a cohort: a trial
/// started in the period that converts after it still counts as converted,
/// so a recent period's rate can still rise. A conversion stamped before its
/// trial started belongs to an earlier relationship and does not count.
pub fn trial_conversion<'a>(
    trials: impl IntoIterator<Item = &'a Trial>,
    period: Interval,
) -> TrialConversion {
    let mut result = TrialConversion { period, trials: 0, converted: 0 };
    for trial in trials.into_iter().filter(|trial| period.contains(trial.started_at)) {
        result.trials += 1;
        if trial.converted_at.is_some_and(|converted| converted >= trial.started_at) {
            result.converted += 1;
        }
    }
    result
}

impl TrialConversion {
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.converted), i128::from(self.trials))
    }
}

impl Explain for TrialConversion {
    fn name(&self) -> &'static str {
        "Trial-to-paid conversion"
    }

    fn formula(&self) -> &'static str {
        "trials started in the window that converted to paid / trials started in the window"
    }

    fn inputs(&self) -> u64 {
        self.trials
    }

    fn window(&self) -> Option<Interval> {
        Some(self.period)
    }

    fn terms(&self) -> Vec<Term> {
        let mut terms =
            vec![Term::count("trials started", self.trials), Term::count("converted", self.converted)];
        if let Some(rate) = self.value() {
            terms.push(Term { name: "conversion rate", figure: Figure::Share(rate) });
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Edges;
    use crate::model::{Currency, Money, PurchaseId, SafeText};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    fn order(account: i64, amount_minor: i64) -> Order {
        Order { account: AccountId(account), at: at("2026-11-10T09:00:00Z"), amount_minor, cost_minor: 0 }
    }

    #[test]
    fn rpr_is_repeat_customers_over_customers_with_a_purchase() {
        // Customer 1 bought twice on one day: two purchases, so a repeat customer.
        let orders = [order(1, 100), order(1, 100), order(2, 50), order(3, 70), order(3, 10), order(4, 5)];
        let result = repeat_purchase_rate(&orders);
        assert_eq!((result.customers, result.repeat_customers, result.orders), (4, 2, 6));
        assert_eq!(result.value(), Ratio::new(1, 2));
        assert_eq!(repeat_purchase_rate(&[]).value(), None);
    }

    #[test]
    fn aov_is_total_over_orders() {
        let result = average_order_value(&[order(1, 100), order(1, 33), order(2, 200)]);
        assert_eq!(result.value(), Some(Ratio::whole(111)));
        assert_eq!(average_order_value(&[order(1, 1), order(1, 2)]).rounded_minor(), Some(2));
        assert_eq!(average_order_value(&[]).value(), None);
    }

    #[test]
    fn orders_come_from_purchases_in_minor_units() {
        let purchase = Purchase {
            id: PurchaseId(1),
            account_id: AccountId(9),
            amount: Money::new(12_345, Currency::EUR),
            cost: Money::new(4_000, Currency::EUR),
            description: SafeText::default(),
            purchased_at: at("2026-11-10T09:00:00Z"),
        };
        let order = Order::from(&purchase);
        assert_eq!((order.account, order.amount_minor, order.cost_minor), (AccountId(9), 12_345, 4_000));
    }

    #[test]
    fn conversion_counts_trials_started_in_the_window_whenever_they_convert() {
        let november =
            Interval::new(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), Edges::ExcludesEnd)
                .expect("a valid interval");
        let trial = |started: &str, converted: Option<&str>| Trial {
            account: AccountId(1),
            started_at: at(started),
            converted_at: converted.map(at),
        };
        let trials = [
            trial("2026-11-02T00:00:00Z", Some("2026-11-20T00:00:00Z")),
            trial("2026-11-03T00:00:00Z", Some("2027-01-05T00:00:00Z")),
            trial("2026-11-04T00:00:00Z", None),
            trial("2026-11-05T00:00:00Z", Some("2026-10-01T00:00:00Z")),
            trial("2026-10-20T00:00:00Z", Some("2026-11-02T00:00:00Z")),
        ];
        let result = trial_conversion(&trials, november);
        assert_eq!((result.trials, result.converted), (4, 2));
        assert_eq!(result.value(), Ratio::new(1, 2));
        assert_eq!(trial_conversion(&[], november).value(), None);
    }
}
