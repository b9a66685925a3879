//! Writing an account's purchases: the annual subscription when it converted,
//! a renewal on each anniversary while it stayed (and again after a
//! win-back), and a few add-ons — seats, training, premium support,
//! services — each with its cost of goods for margin-based LTV.

use std::fmt::Write;

use crate::model::{FieldCap, Money, Purchase, PurchaseId, SafeText};
use crate::store::StoreError;

use super::anchor::{MINUTE, YEAR};
use super::profile::{PlanTier, local_price};
use super::random::Rng;
use super::writer::{AccountRecord, Writer};

#[derive(Debug, Clone, Copy)]
enum Item {
    Subscription { renewal: bool },
    ExtraSeats(i64),
    PremiumSupport,
    Training,
    DataMigration,
    IntegrationWorkshop,
}

impl Item {
    /// Services are mostly people's time, so they cost more to deliver.
    fn is_service(self) -> bool {
        matches!(self, Item::Training | Item::DataMigration | Item::IntegrationWorkshop)
    }

    fn describe(self, tier: PlanTier, seats: u32, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            Item::Subscription { renewal: false } => {
                write!(out, "Annual subscription, {} plan: {seats} seats", tier.name())
            }
            Item::Subscription { renewal: true } => {
                write!(out, "Renewal, {} plan: {seats} seats", tier.name())
            }
            Item::ExtraSeats(added) => write!(out, "{added} additional seats"),
            Item::PremiumSupport => write!(out, "Premium support, 12 months"),
            Item::Training => write!(out, "Onboarding training package"),
            Item::DataMigration => write!(out, "Professional services: data migration"),
            Item::IntegrationWorkshop => write!(out, "Custom integration workshop"),
        };
    }
}

/// A purchase to write: when, what, and its amount in minor units.
struct Sale {
    at: i64,
    item: Item,
    amount: i64,
}

pub(super) fn write_purchases(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let Some(converted) = profile.converted_at else {
        return Ok(());
    };
    let annual = profile.contract_mrr * 12;
    // Paid terms: from the first purchase to the churn (or now), and from a
    // win-back to now.
    let mut terms = vec![(converted, profile.churned_at.unwrap_or(0))];
    if let Some(reactivated) = profile.reactivated_at {
        terms.push((reactivated, 0));
    }

    let mut sales: Vec<Sale> = Vec::with_capacity(8);
    for &(start, end) in &terms {
        sales.push(Sale { at: start, item: Item::Subscription { renewal: false }, amount: annual });
        let mut renewal = start + YEAR;
        while renewal < end {
            // Prices and seat counts moved a little at each renewal.
            let amount = annual * rng.between(90, 112) / 100;
            sales.push(Sale { at: renewal, item: Item::Subscription { renewal: true }, amount });
            renewal += YEAR;
        }
    }
    let add_ons: usize = rng.weighted([(0, 40), (1, 35), (2, 18), (3, 7)]);
    let seats = i64::from(profile.seats.max(1));
    for _ in 0..add_ons {
        let (start, end) = rng.pick(&terms);
        // Strictly inside the term, and before the anchor.
        let at = rng.between(start + 1, (end - MINUTE).max(start + 1));
        let (item, amount) = match rng.below(5) {
            0 => {
                let added = rng.between(2, (seats / 5).max(2));
                (Item::ExtraSeats(added), annual / seats * added)
            }
            1 => (Item::PremiumSupport, annual / 5),
            2 => (Item::Training, local_price(1_500, profile.currency)),
            3 => {
                let dollars = rng.between(4_000, 12_000);
                (Item::DataMigration, local_price(dollars, profile.currency))
            }
            _ => (Item::IntegrationWorkshop, local_price(2_500, profile.currency)),
        };
        sales.push(Sale { at, item, amount });
    }
    sales.sort_by_key(|sale| sale.at);

    for sale in sales {
        let cost_percent = if sale.item.is_service() { rng.between(45, 70) } else { rng.between(15, 30) };
        writer.scratch.clear();
        sale.item.describe(profile.tier, profile.seats, &mut writer.scratch);
        writer.sink.purchase(&Purchase {
            id: PurchaseId::default(),
            account_id: account.id,
            amount: Money::new(sale.amount, profile.currency),
            cost: Money::new(sale.amount * cost_percent / 100, profile.currency),
            description: SafeText::line(&writer.scratch, FieldCap::SUBJECT),
            purchased_at: writer.anchor.at(sale.at),
        })?;
    }
    Ok(())
}
