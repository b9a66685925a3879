//! Any metric per key (stage, owner, plan, RFM segment) or per period of a
//! trend, without a grouped version of each metric.
//!
//! Pure and generic: the caller says how to key or date a row and which
//! metric to compute over a group's rows. Rows are gathered by reference, so
//! grouping a million rows allocates per group, not per row.
//!
//! Metrics whose formula takes the interval itself (retention, support times,
//! trial conversion) need no bucketing: map them over the periods of
//! [`Step::periods`](super::Step::periods) directly.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::{Interval, Windowed};

/// The metric of each key's rows, in key order.
pub fn per_key<T, K: Ord, M>(
    rows: &[T],
    key: impl Fn(&T) -> K,
    metric: impl Fn(&[&T]) -> M,
) -> BTreeMap<K, M> {
    let mut groups: BTreeMap<K, Vec<&T>> = BTreeMap::new();
    for row in rows {
        groups.entry(key(row)).or_default().push(row);
    }
    groups.into_iter().map(|(key, group)| (key, metric(&group))).collect()
}

/// The metric of the rows dated inside each period, one result per period
/// (an empty period still gets its "no data" result, so a trend shows the
/// gap). `periods` must be in time order without overlaps, as
/// [`Step::periods`](super::Step::periods) makes them; rows outside every
/// period are left out.
pub fn series<T, M>(
    rows: &[T],
    at: impl Fn(&T) -> Timestamp,
    periods: &[Interval],
    metric: impl Fn(&[&T]) -> M,
) -> Vec<Windowed<M>> {
    let mut buckets: Vec<Vec<&T>> = periods.iter().map(|_| Vec::new()).collect();
    for row in rows {
        let instant = at(row);
        // In ordered periods those that end before the instant form a prefix;
        // the first one after it is the only one that can hold the instant.
        let index = periods.partition_point(|period| period.is_after_end(instant));
        if periods.get(index).is_some_and(|period| period.contains(instant))
            && let Some(bucket) = buckets.get_mut(index)
        {
            bucket.push(row);
        }
    }
    periods
        .iter()
        .zip(&buckets)
        .map(|(period, bucket)| Windowed { interval: *period, metric: metric(bucket) })
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::Date;

    use super::*;
    use crate::metrics::{Step, nps};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    #[derive(Debug)]
    struct Answer {
        owner: &'static str,
        at: Timestamp,
        score: i64,
    }

    fn answers() -> Vec<Answer> {
        vec![
            Answer { owner: "ana", at: at("2026-09-03T10:00:00Z"), score: 10 },
            Answer { owner: "ana", at: at("2026-11-01T00:00:00Z"), score: 2 },
            Answer { owner: "bo", at: at("2026-10-31T23:59:59Z"), score: 9 },
            Answer { owner: "bo", at: at("2026-11-30T12:00:00Z"), score: 9 },
            Answer { owner: "bo", at: at("2027-01-01T00:00:00Z"), score: 0 },
        ]
    }

    #[test]
    fn per_key_computes_the_metric_of_each_group() {
        let rows = answers();
        let by_owner = per_key(&rows, |a| a.owner, |group| nps(group.iter().map(|a| a.score)));
        assert_eq!(by_owner.keys().copied().collect::<Vec<_>>(), ["ana", "bo"]);
        assert_eq!(by_owner["ana"].value(), Some(0));
        assert_eq!(by_owner["bo"].answers(), 3);
    }

    #[test]
    fn series_buckets_rows_by_period_and_keeps_empty_periods() {
        let rows = answers();
        let months = Step::Month.periods(Date::constant(2026, 9, 1), Date::constant(2026, 12, 31));
        let trend = series(&rows, |a| a.at, &months, |group| nps(group.iter().map(|a| a.score)));
        let answers: Vec<u64> = trend.iter().map(|month| month.metric.answers()).collect();
        // September 1, October 1 (23:59:59 on the 31st), November 2 (midnight on
        // the 1st belongs to November), December none; January is outside.
        assert_eq!(answers, [1, 1, 2, 0]);
        assert_eq!(trend[2].metric.value(), Some(0));
        assert_eq!(trend[3].metric.value(), None);
        assert_eq!(trend[2].interval, months[2]);
    }

    #[test]
    fn no_periods_or_no_rows_give_no_buckets_or_empty_ones() {
        let rows = answers();
        assert!(series(&rows, |a| a.at, &[], |group| group.len()).is_empty());
        let months = Step::Month.periods(Date::constant(2026, 9, 1), Date::constant(2026, 10, 1));
        let empty: Vec<Answer> = Vec::new();
        let counts: Vec<usize> =
            series(&empty, |a| a.at, &months, |group| group.len()).into_iter().map(|w| w.metric).collect();
        assert_eq!(counts, [0, 0]);
    }
}
