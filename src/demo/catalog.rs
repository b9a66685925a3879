//! Text shared by many records — plans, owners, agents, tags, playbooks —
//! sanitised once through `SafeText` when generation starts, then cloned,
//! instead of being sanitised again for each of a million rows.

use crate::model::{FieldCap, SafeText};

use super::names::{CUSTOMER_SUCCESS_MANAGERS, SUPPORT_AGENTS};
use super::profile::PlanTier;
use super::random::Rng;

/// Account tags the demo uses.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tag {
    KeyAccount,
    Strategic,
    Beta,
    Partner,
    Reference,
    Expansion,
    ApiHeavy,
    Emea,
    Apac,
    NorthAmerica,
}

const TAGS: [(Tag, &str); 10] = [
    (Tag::KeyAccount, "key account"),
    (Tag::Strategic, "strategic"),
    (Tag::Beta, "beta"),
    (Tag::Partner, "partner"),
    (Tag::Reference, "reference"),
    (Tag::Expansion, "expansion"),
    (Tag::ApiHeavy, "api"),
    (Tag::Emea, "EMEA"),
    (Tag::Apac, "APAC"),
    (Tag::NorthAmerica, "NA"),
];

pub(super) struct Catalog {
    owners: Vec<SafeText>,
    agents: Vec<SafeText>,
    plans: Vec<(PlanTier, SafeText)>,
    tags: Vec<SafeText>,
    pub onboarding_playbook: SafeText,
    pub renewal_playbook: SafeText,
    /// For fields left empty: an unassigned ticket, a task made by hand.
    pub empty: SafeText,
}

impl Catalog {
    pub(super) fn new() -> Catalog {
        let names = |list: &[&str]| list.iter().map(|name| line(name)).collect();
        let tiers =
            [PlanTier::Free, PlanTier::Starter, PlanTier::Team, PlanTier::Business, PlanTier::Enterprise];
        Catalog {
            owners: names(CUSTOMER_SUCCESS_MANAGERS),
            agents: names(SUPPORT_AGENTS),
            plans: tiers.iter().map(|tier| (*tier, line(tier.name()))).collect(),
            tags: TAGS.iter().map(|(_, tag)| line(tag)).collect(),
            onboarding_playbook: line("onboarding"),
            renewal_playbook: line("renewal"),
            empty: SafeText::default(),
        }
    }

    pub(super) fn owner(&self, rng: &mut Rng) -> &SafeText {
        self.any_of(&self.owners, rng)
    }

    pub(super) fn agent(&self, rng: &mut Rng) -> &SafeText {
        self.any_of(&self.agents, rng)
    }

    pub(super) fn plan(&self, tier: PlanTier) -> &SafeText {
        self.plans.iter().find(|(known, _)| *known == tier).map_or(&self.empty, |(_, name)| name)
    }

    pub(super) fn tag(&self, tag: Tag) -> &SafeText {
        self.tags.get(tag as usize).unwrap_or(&self.empty)
    }

    fn any_of<'a>(&'a self, items: &'a [SafeText], rng: &mut Rng) -> &'a SafeText {
        items.get(rng.below(items.len() as u64) as usize).unwrap_or(&self.empty)
    }
}

fn line(text: &str) -> SafeText {
    SafeText::line(text, FieldCap::NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_by_their_position() {
        let catalog = Catalog::new();
        for (tag, text) in TAGS {
            assert_eq!(catalog.tag(tag).as_str(), text);
        }
        assert_eq!(catalog.plan(PlanTier::Team).as_str(), "team");
        let mut rng = Rng::new(1);
        assert!(!catalog.owner(&mut rng).is_empty());
        assert!(!catalog.agent(&mut rng).is_empty());
    }
}
