//! Lifecycle stages and the stage history.
//!
//! The sources name the same stages with different words in five languages;
//! keepers keeps one canonical set and accepts every alias on input.

use jiff::Timestamp;

use super::vocabulary::vocabulary;
use super::{AccountId, SafeText};

vocabulary! {
    /// Where a customer is in the lifecycle (DOMAIN.md, "Lifecycle stages").
    LifecycleStage, "lifecycle stage" {
        /// First hears of the company.
        Reach = "reach" | "awareness" | "attract traffic" | "świadomość" | "swiadomosc"
            | "copertura" | "portata",
        /// A lead: contacts the company, trials the product.
        Acquisition = "acquisition" | "consideration" | "engagement" | "interest"
            | "capture leads" | "educate users" | "trial",
        /// Becomes a paying customer.
        Conversion = "conversion" | "purchase" | "convert sales" | "acquisto" | "conversione",
        /// After the purchase: onboarding, support, repeat purchases.
        Retention = "retention" | "maintenance & support" | "maintenance and support"
            | "onboarding" | "ongoing support",
        /// A loyal advocate: refers others, reviews, renews.
        Loyalty = "loyalty" | "advocacy" | "fedeltà" | "fedelta" | "лояльность",
        /// Left; a win-back target.
        Churned = "churned" | "churn" | "lost",
        /// Came back; treated like a new customer again.
        Reactivated = "reactivated" | "won back" | "winback",
    }
}

impl LifecycleStage {
    /// Whether an account in this stage pays (or has paid and not left).
    pub fn is_customer(self) -> bool {
        matches!(
            self,
            LifecycleStage::Conversion
                | LifecycleStage::Retention
                | LifecycleStage::Loyalty
                | LifecycleStage::Reactivated
        )
    }
}

/// One move between stages: every change is an event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    pub account_id: AccountId,
    /// `None` for the first stage an account was seen in.
    pub from: Option<LifecycleStage>,
    pub to: LifecycleStage,
    pub at: Timestamp,
    pub reason: SafeText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_round_trip() {
        for stage in LifecycleStage::ALL {
            assert_eq!(stage.as_str().parse::<LifecycleStage>().unwrap(), *stage);
        }
    }

    #[test]
    fn aliases_from_every_source_are_accepted() {
        let cases = [
            ("Awareness", LifecycleStage::Reach),
            ("świadomość", LifecycleStage::Reach),
            ("portata", LifecycleStage::Reach),
            ("capture-leads", LifecycleStage::Acquisition),
            ("Educate users", LifecycleStage::Acquisition),
            ("acquisto", LifecycleStage::Conversion),
            ("Maintenance & Support", LifecycleStage::Retention),
            ("ongoing_support", LifecycleStage::Retention),
            ("fedeltà", LifecycleStage::Loyalty),
            ("Лояльность", LifecycleStage::Loyalty),
            ("advocacy", LifecycleStage::Loyalty),
        ];
        for (raw, stage) in cases {
            assert_eq!(raw.parse::<LifecycleStage>().unwrap(), stage, "{raw}");
        }
    }

    #[test]
    fn an_unknown_stage_names_the_choices() {
        let error = "retension".parse::<LifecycleStage>().unwrap_err();
        assert!(error.to_string().contains("\"retension\""));
        assert!(error.to_string().contains("retention"));
    }
}
