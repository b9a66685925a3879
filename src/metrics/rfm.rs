//! RFM segmentation: recency, frequency and monetary value per customer,
//! each scored 1–5 by quintile, and the segment named by the R and F scores
//! (DOMAIN.md, "RFM segmentation").
//!
//! Pure: the caller passes `now`. Orders after `now` are not yet history:
//! they are skipped and counted, so an RFM of a past day can be computed from
//! today's data.
//!
//! The quintile rule makes ties score alike and row order irrelevant:
//! score = min(5, 1 + ⌊5 · w / N⌋), where N is the number of customers scored
//! and w how many of them are strictly worse on that dimension (more days
//! since their last purchase, fewer purchases, less spent).

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt;

use jiff::Timestamp;

use crate::model::AccountId;

use super::{Explain, Order, Term};

/// One RFM score; 5 is best (most recent, most frequent, highest spend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RfmScore {
    One = 1,
    Two = 2,
    Three = 3,
    Four = 4,
    Five = 5,
}

impl RfmScore {
    pub const ALL: [RfmScore; 5] =
        [RfmScore::One, RfmScore::Two, RfmScore::Three, RfmScore::Four, RfmScore::Five];

    pub fn value(self) -> u8 {
        self as u8
    }

    /// min(5, 1 + ⌊5 · worse / scored⌋).
    fn from_rank(worse: usize, scored: usize) -> RfmScore {
        let score = 1 + worse.saturating_mul(5).checked_div(scored).unwrap_or(0);
        match score.min(5) {
            1 => RfmScore::One,
            2 => RfmScore::Two,
            3 => RfmScore::Three,
            4 => RfmScore::Four,
            _ => RfmScore::Five,
        }
    }
}

impl fmt::Display for RfmScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

/// The segments of DOMAIN.md's table; every (R, F) pair has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RfmSegment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    CantLoseThem,
    AtRisk,
    Hibernating,
    Lost,
}

impl RfmSegment {
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalists,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::CantLoseThem,
        RfmSegment::AtRisk,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of a recency and a frequency score. The match has no
    /// catch-all, so the compiler checks that every pair is covered; the
    /// tests check each pair against the table in DOMAIN.md.
    pub fn of(recency: RfmScore, frequency: RfmScore) -> RfmSegment {
        use RfmScore::{Five, Four, One, Three, Two};
        match (recency, frequency) {
            (Five, Four | Five) => RfmSegment::Champions,
            (Three | Four, Four | Five) => RfmSegment::Loyal,
            (Four | Five, Two | Three) => RfmSegment::PotentialLoyalists,
            (Five, One) => RfmSegment::New,
            (Four, One) => RfmSegment::Promising,
            (Three, Three) => RfmSegment::NeedAttention,
            (Three, One | Two) => RfmSegment::AboutToSleep,
            (One | Two, Five) => RfmSegment::CantLoseThem,
            (One | Two, Three | Four) => RfmSegment::AtRisk,
            (One, Two) | (Two, One | Two) => RfmSegment::Hibernating,
            (One, One) => RfmSegment::Lost,
        }
    }

    /// The segment's name as DOMAIN.md writes it.
    pub fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalists => "Potential loyalists",
            RfmSegment::New => "New",
            RfmSegment::Promising => "Promising",
            RfmSegment::NeedAttention => "Need attention",
            RfmSegment::AboutToSleep => "About to sleep",
            RfmSegment::CantLoseThem => "Can't lose them",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }
}

impl fmt::Display for RfmSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One customer's RFM figures and scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CustomerRfm {
    pub account: AccountId,
    pub last_purchase_at: Timestamp,
    /// Whole days from the last purchase to `now`, rounded down.
    pub recency_days: i64,
    /// Number of purchases; two on one day are two.
    pub purchases: u64,
    /// Total spent, minor units.
    pub spent_minor: i128,
    pub recency: RfmScore,
    pub frequency: RfmScore,
    pub monetary: RfmScore,
}

impl CustomerRfm {
    pub fn segment(&self) -> RfmSegment {
        RfmSegment::of(self.recency, self.frequency)
    }
}

/// The RFM of every customer with a purchase up to `now`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rfm {
    pub now: Timestamp,
    /// One per customer, ordered by account id; empty is "no data".
    pub customers: Vec<CustomerRfm>,
    /// Orders that entered the figures.
    pub orders: u64,
    /// Orders after `now`, skipped.
    pub after_now: u64,
}

/// Scores every customer who placed one of `orders` at or before `now`.
pub fn rfm<'a>(orders: impl IntoIterator<Item = &'a Order>, now: Timestamp) -> Rfm {
    let (mut counted, mut after_now) = (0, 0);
    let mut per_customer: HashMap<AccountId, (Timestamp, u64, i128)> = HashMap::new();
    for order in orders {
        if order.at > now {
            after_now += 1;
            continue;
        }
        counted += 1;
        let (last, purchases, spent) = per_customer.entry(order.account).or_insert((order.at, 0, 0));
        *last = (*last).max(order.at);
        *purchases += 1;
        *spent += i128::from(order.amount_minor);
    }

    let mut figures: Vec<(AccountId, Timestamp, u64, i128)> = per_customer
        .into_iter()
        .map(|(account, (last, purchases, spent))| (account, last, purchases, spent))
        .collect();
    // The map's order is arbitrary; sorting makes the result independent of it.
    figures.sort_unstable_by_key(|(account, ..)| *account);

    let recency_days: Vec<i64> =
        figures.iter().map(|(_, last, ..)| now.duration_since(*last).as_secs().div_euclid(86_400)).collect();
    // Fewer days since the last purchase is better, so more days rank lower.
    let recency = quintile_scores(&recency_days.iter().map(|days| Reverse(*days)).collect::<Vec<_>>());
    let frequency =
        quintile_scores(&figures.iter().map(|(_, _, purchases, _)| *purchases).collect::<Vec<_>>());
    let monetary = quintile_scores(&figures.iter().map(|(.., spent)| *spent).collect::<Vec<_>>());

    let customers = figures
        .iter()
        .enumerate()
        .map(|(i, (account, last, purchases, spent))| CustomerRfm {
            account: *account,
            last_purchase_at: *last,
            recency_days: recency_days[i],
            purchases: *purchases,
            spent_minor: *spent,
            recency: recency[i],
            frequency: frequency[i],
            monetary: monetary[i],
        })
        .collect();
    Rfm { now, customers, orders: counted, after_now }
}

/// Scores each value by how many values are strictly smaller (worse).
fn quintile_scores<K: Ord + Copy>(values: &[K]) -> Vec<RfmScore> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    values
        .iter()
        .map(|value| RfmScore::from_rank(sorted.partition_point(|other| other < value), values.len()))
        .collect()
}

impl Explain for Rfm {
    fn name(&self) -> &'static str {
        "RFM"
    }

    fn formula(&self) -> &'static str {
        "recency = whole days since the last purchase, frequency = purchases, monetary = total spent; \
         each scored min(5, 1 + ⌊5 · w / N⌋), w = customers strictly worse, N = customers scored; \
         segment from R and F"
    }

    fn inputs(&self) -> u64 {
        self.customers.len() as u64
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("customers scored", self.inputs()),
            Term::count("purchases", self.orders),
            Term::count("skipped: purchases after now", self.after_now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;
    use proptest::prelude::*;

    use super::*;

    fn now() -> Timestamp {
        "2026-11-25T12:00:00Z".parse().expect("a valid instant")
    }

    fn order(account: i64, days_ago: i64, amount_minor: i64) -> Order {
        Order {
            account: AccountId(account),
            at: now() - SignedDuration::from_hours(24 * days_ago),
            amount_minor,
            cost_minor: 0,
        }
    }

    fn values(scores: impl Iterator<Item = RfmScore>) -> Vec<u8> {
        scores.map(RfmScore::value).collect()
    }

    const EXPECTED: [u8; 10] = [1, 1, 1, 1, 3, 3, 4, 4, 5, 5];

    #[test]
    fn monetary_scores_of_the_worked_example() {
        let spend = [10, 20, 20, 20, 50, 60, 70, 80, 90, 100];
        let orders: Vec<_> =
            spend.iter().zip(1..).map(|(amount, account)| order(account, 3, *amount)).collect();
        let result = rfm(&orders, now());
        assert_eq!(values(result.customers.iter().map(|c| c.monetary)), EXPECTED);
    }

    #[test]
    fn recency_scores_more_days_as_worse() {
        let days = [100, 90, 90, 90, 50, 40, 30, 20, 10, 0];
        let orders: Vec<_> = days.iter().zip(1..).map(|(days, account)| order(account, *days, 10)).collect();
        let result = rfm(&orders, now());
        assert_eq!(values(result.customers.iter().map(|c| c.recency)), EXPECTED);
        assert_eq!(result.customers[0].recency_days, 100);
    }

    #[test]
    fn frequency_scores_fewer_purchases_as_worse() {
        let counts = [1, 2, 2, 2, 5, 6, 7, 8, 9, 10];
        // Every purchase on the same day: two orders on one day are two.
        let orders: Vec<_> = counts
            .iter()
            .zip(1..)
            .flat_map(|(count, account)| (0..*count).map(move |_| order(account, 1, 10)))
            .collect();
        let result = rfm(&orders, now());
        assert_eq!(values(result.customers.iter().map(|c| c.frequency)), EXPECTED);
        assert_eq!(result.customers[9].purchases, 10);
    }

    #[test]
    fn recency_is_whole_days_rounded_down() {
        let mut almost_two_days = order(1, 0, 10);
        almost_two_days.at = now() - SignedDuration::from_hours(47);
        let result = rfm(&[almost_two_days, order(2, 0, 10)], now());
        assert_eq!((result.customers[0].recency_days, result.customers[1].recency_days), (1, 0));
    }

    #[test]
    fn a_customer_sums_all_their_orders_and_keeps_the_latest() {
        let result = rfm(&[order(1, 30, 100), order(1, 2, 33), order(1, 10, 200)], now());
        let customer = result.customers[0];
        assert_eq!((customer.recency_days, customer.purchases, customer.spent_minor), (2, 3, 333));
    }

    #[test]
    fn orders_after_now_are_skipped_and_counted() {
        let result = rfm(&[order(1, -1, 10), order(2, 1, 10)], now());
        assert_eq!((result.customers.len(), result.orders, result.after_now), (1, 1, 1));
    }

    #[test]
    fn no_purchases_is_no_data() {
        let result = rfm(&[], now());
        assert!(result.customers.is_empty());
        assert_eq!(result.inputs(), 0);
    }

    #[test]
    fn a_single_customer_scores_one_on_everything() {
        let result = rfm(&[order(1, 1, 10)], now());
        let customer = result.customers[0];
        assert_eq!(
            (customer.recency, customer.frequency, customer.monetary),
            (RfmScore::One, RfmScore::One, RfmScore::One)
        );
        assert_eq!(customer.segment(), RfmSegment::Lost);
    }

    /// DOMAIN.md's segment table, row by row, written apart from
    /// `RfmSegment::of` so the two can be checked against each other.
    fn table_row_holds(segment: RfmSegment, recency: u8, frequency: u8) -> bool {
        match segment {
            RfmSegment::Champions => recency == 5 && (4..=5).contains(&frequency),
            RfmSegment::Loyal => (3..=4).contains(&recency) && (4..=5).contains(&frequency),
            RfmSegment::PotentialLoyalists => (4..=5).contains(&recency) && (2..=3).contains(&frequency),
            RfmSegment::New => recency == 5 && frequency == 1,
            RfmSegment::Promising => recency == 4 && frequency == 1,
            RfmSegment::NeedAttention => recency == 3 && frequency == 3,
            RfmSegment::AboutToSleep => recency == 3 && (1..=2).contains(&frequency),
            RfmSegment::CantLoseThem => (1..=2).contains(&recency) && frequency == 5,
            RfmSegment::AtRisk => (1..=2).contains(&recency) && (3..=4).contains(&frequency),
            RfmSegment::Hibernating => {
                (1..=2).contains(&recency) && (1..=2).contains(&frequency) && (recency, frequency) != (1, 1)
            }
            RfmSegment::Lost => recency == 1 && frequency == 1,
        }
    }

    #[test]
    fn all_25_pairs_map_to_exactly_the_one_segment_of_the_table() {
        for recency in RfmScore::ALL {
            for frequency in RfmScore::ALL {
                let rows: Vec<_> = RfmSegment::ALL
                    .into_iter()
                    .filter(|segment| table_row_holds(*segment, recency.value(), frequency.value()))
                    .collect();
                assert_eq!(rows, [RfmSegment::of(recency, frequency)], "R={recency} F={frequency}");
            }
        }
    }

    #[test]
    fn every_row_of_the_table_spot_checked() {
        use RfmScore::{Five, Four, One, Three, Two};
        let cases = [
            (Five, Four, RfmSegment::Champions),
            (Five, Five, RfmSegment::Champions),
            (Three, Five, RfmSegment::Loyal),
            (Four, Four, RfmSegment::Loyal),
            (Four, Two, RfmSegment::PotentialLoyalists),
            (Five, Three, RfmSegment::PotentialLoyalists),
            (Five, One, RfmSegment::New),
            (Four, One, RfmSegment::Promising),
            (Three, Three, RfmSegment::NeedAttention),
            (Three, One, RfmSegment::AboutToSleep),
            (Three, Two, RfmSegment::AboutToSleep),
            (One, Five, RfmSegment::CantLoseThem),
            (Two, Five, RfmSegment::CantLoseThem),
            (One, Three, RfmSegment::AtRisk),
            (Two, Four, RfmSegment::AtRisk),
            (Two, Two, RfmSegment::Hibernating),
            (One, Two, RfmSegment::Hibernating),
            (Two, One, RfmSegment::Hibernating),
            (One, One, RfmSegment::Lost),
        ];
        for (recency, frequency, segment) in cases {
            assert_eq!(RfmSegment::of(recency, frequency), segment, "R={recency} F={frequency}");
        }
        assert_eq!(RfmSegment::CantLoseThem.to_string(), "Can't lose them");
    }

    fn orders() -> impl Strategy<Value = Vec<Order>> {
        let row = (0i64..15, 0i64..60, -50i64..500)
            .prop_map(|(account, days_ago, amount)| order(account, days_ago, amount));
        prop::collection::vec(row, 0..120)
    }

    proptest! {
        #[test]
        fn every_pair_maps_to_one_segment(
            recency in prop::sample::select(RfmScore::ALL.to_vec()),
            frequency in prop::sample::select(RfmScore::ALL.to_vec()),
        ) {
            let segment = RfmSegment::of(recency, frequency);
            let matching = RfmSegment::ALL
                .into_iter()
                .filter(|s| table_row_holds(*s, recency.value(), frequency.value()))
                .count();
            prop_assert_eq!(matching, 1);
            prop_assert!(table_row_holds(segment, recency.value(), frequency.value()));
        }

        #[test]
        fn scores_do_not_depend_on_row_order((rows, shuffled) in orders().prop_flat_map(|rows| {
            let shuffled = Just(rows.clone()).prop_shuffle();
            (Just(rows), shuffled)
        })) {
            let result = rfm(&rows, now());
            prop_assert_eq!(&result, &rfm(&shuffled, now()));
            for a in &result.customers {
                for b in &result.customers {
                    if a.spent_minor == b.spent_minor {
                        prop_assert_eq!(a.monetary, b.monetary);
                    }
                    if a.spent_minor < b.spent_minor {
                        prop_assert!(a.monetary <= b.monetary);
                    }
                }
            }
        }
    }
}
