//! Writing an account: its row (name, domain, plan, MRR, owner, renewal,
//! tags, external id) and its stage history, then its contacts.
//!
//! Follows the account's [`AccountProfile`]; decides nothing the profile
//! already settled.

use crate::model::{
    Account, AccountId, Currency, ExternalRef, FieldCap, LifecycleStage, Money, SafeText, Source, StageChange,
};
use crate::store::StoreError;

use super::catalog::Tag;
use super::contacts::write_contacts;
use super::hostile::{is_hostile_account, taint};
use super::identity::Identities;
use super::names::Language;
use super::profile::{AccountProfile, PlanTier};
use super::random::Rng;
use super::writer::{AccountRecord, Writer};

/// Writes account `index` with its stage history and contacts.
pub(super) fn write_account<'p>(
    writer: &mut Writer<'_>,
    identities: &mut Identities,
    rng: &mut Rng,
    index: usize,
    profile: &'p AccountProfile,
) -> Result<AccountRecord<'p>, StoreError> {
    let hostile = is_hostile_account(index);
    let duplicate = if profile.duplicate { identities.duplicate(rng) } else { None };
    let is_copy = duplicate.is_some();
    let (identity, shared_contact) = match duplicate {
        Some(duplicate) => (duplicate.identity, duplicate.shared_contact),
        None => (identities.company(rng, profile.language), None),
    };

    writer.scratch.clear();
    if hostile {
        taint(rng, &identity.name, &mut writer.scratch);
    } else {
        writer.scratch.push_str(&identity.name);
    }
    let name = SafeText::line(&writer.scratch, FieldCap::NAME);
    // Prospects are often still with sales; everyone who has paid has a CSM.
    let owner = if profile.converted_at.is_some() || rng.chance(0.5) {
        writer.catalog.owner(rng).clone()
    } else {
        writer.catalog.empty.clone()
    };
    writer.scratch.clear();
    writer.scratch.push_str("account-");
    push_padded(index as u64 + 1, &mut writer.scratch);
    let external_id = SafeText::line(&writer.scratch, FieldCap::TOKEN);

    let account = Account {
        id: AccountId::default(),
        name,
        domain: SafeText::line(&identity.domain, FieldCap::TOKEN),
        plan: writer.catalog.plan(profile.tier).clone(),
        mrr: Money::new(if profile.is_paying() { profile.contract_mrr } else { 0 }, profile.currency),
        owner: owner.clone(),
        stage: profile.stage,
        renewal_date: profile.renewal_in_days.map(|days| writer.anchor.day(days)),
        created_at: writer.anchor.at(profile.created_at()),
        tags: tags(writer, rng, profile, identity.language),
        external_ids: vec![ExternalRef { source: Source::Demo, id: external_id }],
    };
    let id = writer.sink.account(&account)?;
    write_stage_history(writer, id, profile)?;
    let contacts = write_contacts(writer, rng, id, profile, &identity, shared_contact, hostile)?;
    let language = identity.language;
    if !is_copy {
        let first_contact = contacts.first().map(|contact| contact.shared());
        identities.remember(identity, first_contact);
    }
    Ok(AccountRecord { id, profile, owner, contacts, language, hostile })
}

fn write_stage_history(
    writer: &mut Writer<'_>,
    account_id: AccountId,
    profile: &AccountProfile,
) -> Result<(), StoreError> {
    let mut from = None;
    for step in &profile.journey {
        writer.sink.stage_change(&StageChange {
            account_id,
            from,
            to: step.stage,
            at: writer.anchor.at(step.at),
            reason: SafeText::line(step.reason, FieldCap::SUBJECT),
        })?;
        from = Some(step.stage);
    }
    Ok(())
}

fn tags(writer: &Writer<'_>, rng: &mut Rng, profile: &AccountProfile, language: Language) -> Vec<SafeText> {
    let mut tags = Vec::new();
    let mut add = |tag| tags.push(writer.catalog.tag(tag).clone());
    let key_account = match profile.tier {
        PlanTier::Enterprise => profile.whale || rng.chance(0.8),
        PlanTier::Business => rng.chance(0.2),
        _ => false,
    };
    if key_account {
        add(Tag::KeyAccount);
    }
    if profile.whale {
        add(Tag::Strategic);
    }
    if rng.chance(0.07) {
        add(Tag::Beta);
    }
    if rng.chance(0.04) {
        add(Tag::Partner);
    }
    if profile.stage == LifecycleStage::Loyalty && rng.chance(0.3) {
        add(Tag::Reference);
    }
    if profile.stage == LifecycleStage::Retention && profile.health > 0.6 && rng.chance(0.12) {
        add(Tag::Expansion);
    }
    if rng.chance(0.05) {
        add(Tag::ApiHeavy);
    }
    if rng.chance(0.7) {
        add(match language {
            Language::Thai => Tag::Apac,
            Language::English if profile.currency != Currency::GBP => Tag::NorthAmerica,
            _ => Tag::Emea,
        });
    }
    tags
}

/// Appends `number` with leading zeros to six digits, so external ids sort.
pub(super) fn push_padded(number: u64, out: &mut String) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{number:06}");
}
