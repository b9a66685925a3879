//! Writing an account's contacts: people named in the company's language
//! (with some English names mixed in), an e-mail at the company's domain, a
//! role, a champion at most paying accounts, and when each was last seen —
//! long ago at accounts that stopped logging in or left.

use std::fmt::Write;

use crate::model::{AccountId, Contact, ContactId, ExternalRef, FieldCap, LifecycleStage, SafeText, Source};
use crate::store::StoreError;

use super::accounts::push_padded;
use super::anchor::{DAY, HOUR};
use super::hostile::taint;
use super::identity::{CompanyIdentity, SharedContact};
use super::names::{ENGLISH_ROLES, Language};
use super::profile::{AccountProfile, PlanTier, UsageTrend};
use super::random::Rng;
use super::writer::{ContactRecord, Writer};

pub(super) fn write_contacts(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account_id: AccountId,
    profile: &AccountProfile,
    company: &CompanyIdentity,
    shared: Option<SharedContact>,
    hostile: bool,
) -> Result<Vec<ContactRecord>, StoreError> {
    let count = match (profile.stage, profile.tier) {
        _ if profile.duplicate => rng.between(1, 2),
        (LifecycleStage::Reach, _) => 1,
        (_, PlanTier::Free) => rng.between(1, 2),
        (_, PlanTier::Starter) => rng.between(1, 3),
        (_, PlanTier::Team) => rng.between(2, 5),
        (_, PlanTier::Business) => rng.between(3, 8),
        (_, PlanTier::Enterprise) if profile.whale => rng.between(10, 20),
        (_, PlanTier::Enterprise) => rng.between(5, 12),
    } as usize;
    // Champions keep paying accounts healthy; accounts that left have
    // usually lost theirs.
    let champion_chance = match profile.stage {
        LifecycleStage::Loyalty => 1.0,
        LifecycleStage::Churned => 0.15,
        stage if stage.is_customer() => 0.75,
        _ => 0.0,
    };
    let champion_at = rng.chance(champion_chance).then(|| rng.below(count.min(2) as u64) as usize);

    let mut contacts = Vec::with_capacity(count);
    let mut emails: Vec<String> = Vec::with_capacity(count);
    let mut names: Vec<String> = Vec::with_capacity(count);
    for position in 0..count {
        let language = if rng.chance(0.85) { company.language } else { Language::English };
        let (name, email) = match (&shared, position) {
            (Some(shared), 0) => (shared.name.clone(), shared.email.clone()),
            _ => {
                // Two people of one name at a small company would look like
                // a duplicate record; those are planted elsewhere.
                let mut candidate = person(rng, language, &company.domain, &emails);
                for _ in 0..3 {
                    if !names.contains(&candidate.0) {
                        break;
                    }
                    candidate = person(rng, language, &company.domain, &emails);
                }
                candidate
            }
        };
        writer.scratch.clear();
        if hostile && position == 0 {
            taint(rng, &name, &mut writer.scratch);
        } else {
            writer.scratch.push_str(&name);
        }
        let safe_name = SafeText::line(&writer.scratch, FieldCap::NAME);
        let role = if rng.chance(0.5) { rng.pick(language.roles()) } else { rng.pick(ENGLISH_ROLES) };
        writer.scratch.clear();
        writer.scratch.push_str("contact-");
        push_padded(writer.sink.summary().contacts + 1, &mut writer.scratch);
        let external_id = SafeText::line(&writer.scratch, FieldCap::TOKEN);
        let contact = Contact {
            id: ContactId::default(),
            account_id,
            name: safe_name.clone(),
            email: SafeText::line(&email, FieldCap::TOKEN),
            role: SafeText::line(role, FieldCap::NAME),
            champion: champion_at == Some(position),
            last_seen_at: last_seen(rng, profile).map(|at| writer.anchor.at(at)),
            external: Some(ExternalRef { source: Source::Demo, id: external_id }),
        };
        let id = writer.sink.contact(&contact)?;
        contacts.push(ContactRecord { id, name: safe_name, email: contact.email, language });
        emails.push(email);
        names.push(name);
    }
    Ok(contacts)
}

/// A person's name and e-mail address at `domain`, unlike the addresses the
/// account already has.
fn person(rng: &mut Rng, language: Language, domain: &str, taken: &[String]) -> (String, String) {
    let words = language.person_words();
    let female = rng.chance(0.5);
    let given = rng.pick(if female { words.female_given } else { words.male_given });
    let family = rng.pick(words.family);
    let ending = if female { words.feminine_ending } else { Default::default() };
    let name = format!("{} {}{}", given.native, family.native, ending.native);

    let mut local = String::with_capacity(32);
    match rng.below(4) {
        0 => {
            let _ = write!(local, "{}{}{}", given.roman, family.roman, ending.roman);
        }
        1 => {
            let initial = given.roman.chars().next().unwrap_or('x');
            let _ = write!(local, "{initial}{}{}", family.roman, ending.roman);
        }
        _ => {
            let _ = write!(local, "{}.{}{}", given.roman, family.roman, ending.roman);
        }
    }
    let stem_length = local.len();
    let mut email = format!("{local}@{domain}");
    for number in 2.. {
        if !taken.contains(&email) {
            break;
        }
        local.truncate(stem_length);
        let _ = write!(local, "{number}");
        email = format!("{local}@{domain}");
    }
    (name, email)
}

/// When the contact last used the product, seconds from the anchor, or
/// `None` for someone who never logged in.
fn last_seen(rng: &mut Rng, profile: &AccountProfile) -> Option<i64> {
    if rng.chance(0.1) {
        return None;
    }
    let created = profile.created_at();
    let at = match (profile.stage, profile.usage_trend) {
        (LifecycleStage::Churned, _) => {
            let left = profile.active_until();
            rng.between(left - 60 * DAY, left)
        }
        (stage, _) if !stage.is_customer() => rng.between(created, -HOUR),
        (_, UsageTrend::Dormant { quiet_days }) => -rng.between(quiet_days * DAY, 120 * DAY),
        _ if rng.chance(0.7) => -rng.between(HOUR, 10 * DAY),
        _ => -rng.between(10 * DAY, 60 * DAY),
    };
    Some(at.max(created))
}

impl ContactRecord {
    /// This contact as a duplicate record of the company may list it.
    pub(super) fn shared(&self) -> SharedContact {
        SharedContact { name: self.name.to_string(), email: self.email.to_string() }
    }
}
