//! Customer lifetime value in the four variants DOMAIN.md gives (users pick
//! one in config), and the gross margin variant 2 multiplies by.
//!
//! Pure: amounts are minor units of one currency; acquisition and retention
//! costs are passed in.
//!
//! Variants 2 and 3 multiply a customer's own figure by an average ("average
//! gross margin", "average order value"). The averages are taken over the
//! orders the caller chooses as the [`Book`] — the whole workspace, a plan, a
//! segment. Taken over the customer's own orders instead, variant 2 becomes
//! their gross profit and variant 3 their total spend, as the arithmetic says.

use super::revenue::{OrderValue, average_order_value};
use super::{Explain, Figure, Order, Ratio, Term};

/// Which LTV formula a workspace uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LtvVariant {
    /// 1. Sum of all purchases.
    TotalSpend,
    /// 2. Sum of all purchases × average gross margin.
    SpendTimesGrossMargin,
    /// 3. Average order value × number of purchases.
    AverageOrderTimesPurchases,
    /// 4. Sum of all purchases − acquisition and retention cost − cost of goods.
    SpendLessCosts,
}

impl LtvVariant {
    pub const ALL: [LtvVariant; 4] = [
        LtvVariant::TotalSpend,
        LtvVariant::SpendTimesGrossMargin,
        LtvVariant::AverageOrderTimesPurchases,
        LtvVariant::SpendLessCosts,
    ];
}

/// What a customer cost to win and to keep, for variant 4.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CustomerCosts {
    pub acquisition_minor: i64,
    pub retention_minor: i64,
}

/// Revenue and cost of goods of a set of orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct GrossMargin {
    pub revenue_minor: i128,
    pub cost_of_goods_minor: i128,
}

/// The gross margin of `orders`: (revenue − cost of goods) / revenue. It is
/// the average of each order's margin weighted by its amount, so a large
/// order weighs what it is worth and a zero-amount order (whose own margin is
/// undefined) changes nothing.
pub fn gross_margin<'a>(orders: impl IntoIterator<Item = &'a Order>) -> GrossMargin {
    let mut result = GrossMargin::default();
    for order in orders {
        result.revenue_minor += i128::from(order.amount_minor);
        result.cost_of_goods_minor += i128::from(order.cost_minor);
    }
    result
}

impl GrossMargin {
    /// `None` when there is no revenue to take a margin of.
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(self.revenue_minor - self.cost_of_goods_minor, self.revenue_minor)
    }
}

/// The averages variants 2 and 3 multiply by, over the orders of a book.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Book {
    pub order_value: OrderValue,
    pub gross_margin: GrossMargin,
}

impl Book {
    /// Average order value and gross margin of `orders`.
    pub fn of<'a>(orders: impl IntoIterator<Item = &'a Order> + Clone) -> Book {
        Book { order_value: average_order_value(orders.clone()), gross_margin: gross_margin(orders) }
    }
}

/// One customer's lifetime value and everything it is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ltv {
    pub variant: LtvVariant,
    pub purchases: u64,
    pub total_spend_minor: i128,
    pub cost_of_goods_minor: i128,
    pub costs: CustomerCosts,
    pub book: Book,
}

/// The lifetime value of the customer who placed `orders`.
pub fn lifetime_value<'a>(
    variant: LtvVariant,
    orders: impl IntoIterator<Item = &'a Order>,
    book: Book,
    costs: CustomerCosts,
) -> Ltv {
    let mut result = Ltv { variant, purchases: 0, total_spend_minor: 0, cost_of_goods_minor: 0, costs, book };
    for order in orders {
        result.purchases += 1;
        result.total_spend_minor += i128::from(order.amount_minor);
        result.cost_of_goods_minor += i128::from(order.cost_minor);
    }
    result
}

impl Ltv {
    /// The value in minor units, exactly; `None` for a customer with no
    /// purchase, or when the book has no average to multiply by.
    pub fn value(&self) -> Option<Ratio> {
        if self.purchases == 0 {
            return None;
        }
        let spend = Ratio::whole(self.total_spend_minor);
        match self.variant {
            LtvVariant::TotalSpend => Some(spend),
            LtvVariant::SpendTimesGrossMargin => Some(spend.times(self.book.gross_margin.value()?)),
            LtvVariant::AverageOrderTimesPurchases => {
                Some(self.book.order_value.value()?.times(Ratio::whole(i128::from(self.purchases))))
            }
            LtvVariant::SpendLessCosts => Some(Ratio::whole(
                self.total_spend_minor
                    - i128::from(self.costs.acquisition_minor)
                    - i128::from(self.costs.retention_minor)
                    - self.cost_of_goods_minor,
            )),
        }
    }

    /// The value rounded to the minor unit, halves away from zero.
    pub fn rounded_minor(&self) -> Option<i64> {
        Some(self.value()?.rounded())
    }
}

impl Explain for Ltv {
    fn name(&self) -> &'static str {
        "LTV"
    }

    fn formula(&self) -> &'static str {
        match self.variant {
            LtvVariant::TotalSpend => "sum of all purchases",
            LtvVariant::SpendTimesGrossMargin => "sum of all purchases × average gross margin",
            LtvVariant::AverageOrderTimesPurchases => "average order value × number of purchases",
            LtvVariant::SpendLessCosts => {
                "sum of all purchases − acquisition and retention cost − cost of goods"
            }
        }
    }

    fn inputs(&self) -> u64 {
        self.purchases
    }

    fn terms(&self) -> Vec<Term> {
        let mut terms = vec![
            Term::count("purchases", self.purchases),
            Term::money("sum of all purchases", self.total_spend_minor),
        ];
        match self.variant {
            LtvVariant::TotalSpend => {}
            LtvVariant::SpendTimesGrossMargin => {
                if let Some(margin) = self.book.gross_margin.value() {
                    terms.push(Term { name: "average gross margin", figure: Figure::Share(margin) });
                }
            }
            LtvVariant::AverageOrderTimesPurchases => {
                if let Some(average) = self.book.order_value.value() {
                    terms.push(Term::money("average order value", average.round()));
                }
            }
            LtvVariant::SpendLessCosts => {
                terms.push(Term::money("acquisition cost", self.costs.acquisition_minor.into()));
                terms.push(Term::money("retention cost", self.costs.retention_minor.into()));
                terms.push(Term::money("cost of goods", self.cost_of_goods_minor));
            }
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::model::AccountId;

    fn order(amount_minor: i64, cost_minor: i64) -> Order {
        Order { account: AccountId(1), at: Timestamp::UNIX_EPOCH, amount_minor, cost_minor }
    }

    fn customer() -> [Order; 3] {
        [order(100, 40), order(33, 13), order(200, 80)]
    }

    #[test]
    fn variant_1_sums_the_purchases_100_33_200_to_333() {
        let orders = customer();
        let ltv =
            lifetime_value(LtvVariant::TotalSpend, &orders, Book::of(&orders), CustomerCosts::default());
        assert_eq!(ltv.value(), Some(Ratio::whole(333)));
        assert_eq!(ltv.rounded_minor(), Some(333));
    }

    #[test]
    fn variant_2_multiplies_by_the_average_gross_margin() {
        let orders = customer();
        let own = lifetime_value(
            LtvVariant::SpendTimesGrossMargin,
            &orders,
            Book::of(&orders),
            CustomerCosts::default(),
        );
        // Margin (333 − 133) / 333 of 333 spent: the gross profit, 200.
        assert_eq!(own.value(), Some(Ratio::whole(200)));
        let book = Book::of(&[order(1_000, 500)]);
        let at_book_margin =
            lifetime_value(LtvVariant::SpendTimesGrossMargin, &orders, book, CustomerCosts::default());
        assert_eq!(at_book_margin.value(), Ratio::new(333, 2));
        assert_eq!(at_book_margin.rounded_minor(), Some(167));
    }

    #[test]
    fn variant_3_is_average_order_value_times_purchases() {
        let orders = customer();
        let own = lifetime_value(
            LtvVariant::AverageOrderTimesPurchases,
            &orders,
            Book::of(&orders),
            CustomerCosts::default(),
        );
        assert_eq!(own.value(), Some(Ratio::whole(333)));
        let book = Book::of(&[order(100, 0), order(200, 0)]);
        let at_book_average =
            lifetime_value(LtvVariant::AverageOrderTimesPurchases, &orders, book, CustomerCosts::default());
        assert_eq!(at_book_average.value(), Some(Ratio::whole(450)));
    }

    #[test]
    fn variant_4_subtracts_acquisition_retention_and_cost_of_goods() {
        let orders = customer();
        let costs = CustomerCosts { acquisition_minor: 50, retention_minor: 20 };
        let ltv = lifetime_value(LtvVariant::SpendLessCosts, &orders, Book::default(), costs);
        // 333 − 50 − 20 − (40 + 13 + 80).
        assert_eq!(ltv.value(), Some(Ratio::whole(130)));
        assert_eq!(ltv.terms().len(), 5);
    }

    #[test]
    fn no_purchases_or_no_book_average_is_no_data() {
        for variant in LtvVariant::ALL {
            let ltv = lifetime_value(variant, &[], Book::of(&customer()), CustomerCosts::default());
            assert_eq!(ltv.value(), None, "{variant:?}");
        }
        let orders = customer();
        let empty_book = Book::default();
        for variant in [LtvVariant::SpendTimesGrossMargin, LtvVariant::AverageOrderTimesPurchases] {
            let ltv = lifetime_value(variant, &orders, empty_book, CustomerCosts::default());
            assert_eq!(ltv.value(), None, "{variant:?}");
        }
    }

    #[test]
    fn gross_margin_weighs_orders_by_amount() {
        // Margins of 90 % on 10 and 10 % on 990: (1 000 − 892) / 1 000, not the plain mean of 50 %.
        let margin = gross_margin(&[order(10, 1), order(990, 891), order(0, 0)]);
        assert_eq!(margin.value(), Ratio::new(108, 1_000));
        assert_eq!(gross_margin(&[]).value(), None);
    }
}
