//! Writing an account's MRR history, consistent with its stage history and
//! ending at the MRR it has now: the first MRR when it converts; changes at
//! renewals (prices and seats renegotiated, mostly up) and in between (seats
//! added, now and then a downgrade); an upsell when a new offer took it back
//! through consideration; often a downgrade shortly before it churns, then
//! zero; and a new MRR, on whatever plan it chose, when it is won back.
//!
//! The history is planned backwards from the MRR each paid term ends at, so
//! it lands on the account's current MRR exactly. Its draws come from a
//! random stream of its own: adding it changed no other record of the demo.

use crate::model::{LifecycleStage, Money};
use crate::store::StoreError;

use super::anchor::{DAY, YEAR};
use super::random::Rng;
use super::writer::{AccountRecord, Writer};

/// Minor units of one whole unit of every demo currency: list prices, and
/// so MRRs, are whole units.
const UNIT: i64 = 100;

/// One stretch of paying, from its first day up to (not including) `end`:
/// the churn, or the anchor for a customer who still pays.
struct PaidTerm {
    start: i64,
    end: i64,
    /// MRR in effect at the end of the term, in minor units.
    final_mrr: i64,
    churned: bool,
}

/// A change of MRR at `at`, by `percent` of the MRR before it.
#[derive(Debug, Clone, Copy)]
struct Move {
    at: i64,
    percent: i64,
}

pub(super) fn write_mrr_history(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
) -> Result<(), StoreError> {
    let currency = account.profile.currency;
    for term in paid_terms(rng, account) {
        for (at, minor) in plan_term(rng, account, &term) {
            writer.sink.mrr_change(account.id, writer.anchor.at(at), Money::new(minor, currency))?;
        }
    }
    Ok(())
}

/// The account's paid terms, oldest first: none for a prospect, two for a
/// customer won back.
fn paid_terms(rng: &mut Rng, account: &AccountRecord<'_>) -> Vec<PaidTerm> {
    let profile = account.profile;
    let Some(converted) = profile.converted_at else {
        return Vec::new();
    };
    let current_mrr = profile.contract_mrr;
    match (profile.churned_at, profile.reactivated_at) {
        (Some(churned), Some(reactivated)) => {
            // It left on another plan than the one it came back on.
            let left_with = whole_units(current_mrr * rng.between(70, 140) / 100);
            vec![
                PaidTerm { start: converted, end: churned, final_mrr: left_with, churned: true },
                PaidTerm { start: reactivated, end: 0, final_mrr: current_mrr, churned: false },
            ]
        }
        (Some(churned), None) => {
            vec![PaidTerm { start: converted, end: churned, final_mrr: current_mrr, churned: true }]
        }
        _ => vec![PaidTerm { start: converted, end: 0, final_mrr: current_mrr, churned: false }],
    }
}

/// Every MRR change of one term as (seconds from the anchor, minor units),
/// oldest first: the first MRR at its start, then each move that changed
/// the amount, and zero at a churn.
fn plan_term(rng: &mut Rng, account: &AccountRecord<'_>, term: &PaidTerm) -> Vec<(i64, i64)> {
    let mut moves = plan_moves(rng, account, term);
    moves.sort_by_key(|planned| planned.at);
    moves.dedup_by_key(|planned| planned.at);

    // Backwards from the MRR the term ends at: each move's amount before it
    // is the amount after it undone.
    let mut after_moves = Vec::with_capacity(moves.len());
    let mut mrr = term.final_mrr;
    for planned in moves.iter().rev() {
        after_moves.push((planned.at, mrr));
        mrr = whole_units(mrr * 100 / (100 + planned.percent));
    }
    let mut changes = vec![(term.start, mrr)];
    for (at, amount) in after_moves.into_iter().rev() {
        // A move rounded away to nothing is no change.
        if changes.last().is_some_and(|(_, before)| *before != amount) {
            changes.push((at, amount));
        }
    }
    if term.churned {
        changes.push((term.end, 0));
    }
    changes
}

/// The moves of a term, strictly inside it, in no particular order.
fn plan_moves(rng: &mut Rng, account: &AccountRecord<'_>, term: &PaidTerm) -> Vec<Move> {
    let mut moves = Vec::new();
    let inside = |at: i64| at > term.start && at < term.end;

    // Renewals fall on the contract's anniversaries, as the renewal
    // purchases do; two in three renegotiate, three in four of those upward.
    let mut renewal = term.start + YEAR;
    while inside(renewal) {
        if rng.chance(0.65) {
            let percent = if rng.chance(0.75) { rng.between(5, 30) } else { -rng.between(5, 25) };
            moves.push(Move { at: renewal, percent });
        }
        renewal += YEAR;
    }

    // Between renewals, seats are added once onboarding is over, and a few
    // customers cut back.
    let mut year_start = term.start;
    while year_start < term.end {
        let (first, last) = (year_start + 30 * DAY, (year_start + YEAR).min(term.end) - DAY);
        if first < last {
            if rng.chance(0.45) {
                moves.push(Move { at: rng.between(first, last), percent: rng.between(5, 30) });
            }
            if rng.chance(0.08) {
                moves.push(Move { at: rng.between(first, last), percent: -rng.between(5, 20) });
            }
        }
        year_start += YEAR;
    }

    // A new offer that sent the customer back through consideration ended in
    // a second purchase: an upsell.
    for step in &account.profile.journey {
        if step.stage == LifecycleStage::Conversion && inside(step.at) {
            moves.push(Move { at: step.at, percent: rng.between(15, 50) });
        }
    }

    // Many downgrade in their last months before leaving.
    if term.churned && rng.chance(0.35) {
        let at = term.end - rng.between(30 * DAY, 120 * DAY);
        if inside(at) {
            moves.push(Move { at, percent: -rng.between(10, 40) });
        }
    }
    moves
}

/// An amount rounded to whole units, and at least one.
fn whole_units(minor: i64) -> i64 {
    ((minor + UNIT / 2) / UNIT * UNIT).max(UNIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_whole_units_of_at_least_one() {
        assert_eq!(whole_units(12_349), 12_300);
        assert_eq!(whole_units(12_350), 12_400);
        assert_eq!(whole_units(20), 100);
    }
}
