//! The drill-down of a health score (DESIGN.md: "a health score shows each
//! component's weight, score and contribution"): every component with its
//! inputs as named terms, its score, weight, normalised weight and exact
//! contribution, plus whole-number contributions that add up to the shown
//! score, so a screen never shows parts that disagree with their total.
//!
//! Pure; built on demand from a [`Health`], which allocates nothing itself.

use crate::metrics::{Explain, Figure, Ratio, Term};
use crate::model::Currency;

use super::{Band, Change, Component, Health, Input, Scale};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthExplanation {
    pub score: Option<Ratio>,
    pub shown_score: Option<u8>,
    pub band: Option<Band>,
    pub change_30d: Option<Change>,
    /// The currency the money terms of the inputs are in: the account's
    /// MRR currency.
    pub currency: Currency,
    /// Every component, in the order of [`Component::ALL`].
    pub components: Vec<ComponentLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentLine {
    pub component: Component,
    pub weight: u32,
    /// wᵢ / Σ w over the components that count; `None` for one left out
    /// (no data, or weight 0).
    pub normalised_weight: Option<Ratio>,
    /// The mean of its inputs with data; `None` is "no data".
    pub score: Option<Ratio>,
    /// wᵢ·sᵢ / Σ w, exactly: the contributions add up to the score.
    pub contribution: Option<Ratio>,
    /// The contribution in whole points; these add up to the shown score.
    pub shown_contribution: Option<u8>,
    pub inputs: Vec<InputLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputLine {
    pub input: Input,
    /// The numbers read; empty when there was nothing to read.
    pub terms: Vec<Term>,
    /// `None` for the stage, scored by the stage table.
    pub scale: Option<Scale>,
    /// `None` is "no data".
    pub score: Option<Ratio>,
}

impl Health {
    /// Every number behind the score, for a drill-down.
    pub fn explanation(&self) -> HealthExplanation {
        let weighted = self.components.map(|component| component.weighted());
        let shown = match (self.shown_score(), self.denominator()) {
            (Some(total), Some(denominator)) => {
                largest_remainder(weighted, denominator, total.into()).map(Some)
            }
            _ => [None; Component::ALL.len()],
        };
        let components = self
            .components
            .iter()
            .zip(shown)
            .map(|(part, shown)| ComponentLine {
                component: part.component,
                weight: part.weight,
                normalised_weight: self.normalised_weight(part.component),
                score: part.score(),
                contribution: self.contribution(part.component),
                // Whole points of a score of at most 100 fit a u8.
                shown_contribution: shown.filter(|_| part.counts()).map(|points| points.min(100) as u8),
                inputs: part
                    .inputs()
                    .map(|input| InputLine {
                        input: input.input,
                        terms: input.reading.terms(),
                        scale: input.scale,
                        score: input.score(),
                    })
                    .collect(),
            })
            .collect();
        HealthExplanation {
            score: self.score(),
            shown_score: self.shown_score(),
            band: self.band,
            change_30d: self.change_30d,
            currency: self.currency,
            components,
        }
    }
}

impl Explain for Health {
    fn name(&self) -> &'static str {
        "Health score"
    }

    fn formula(&self) -> &'static str {
        "Σ weight × component score / Σ weight, over the components with data"
    }

    fn inputs(&self) -> u64 {
        self.components.iter().filter(|component| component.counts()).count() as u64
    }

    /// Each counted component's contribution.
    fn terms(&self) -> Vec<Term> {
        Component::ALL
            .iter()
            .filter_map(|component| {
                let contribution = self.contribution(*component)?;
                Some(Term { name: component.name(), figure: Figure::Number(contribution) })
            })
            .collect()
    }
}

/// Whole numbers for exact parts `parts[i] / denominator` that add up to
/// `total`, the rounded sum of the parts: each part is rounded down, and the
/// points still missing go one each to the parts with the largest
/// remainders (the earlier part on a tie). Since `total` is the rounded sum,
/// fewer points are missing than there are parts with a remainder.
fn largest_remainder<const N: usize>(parts: [u64; N], denominator: u64, total: u64) -> [u64; N] {
    let mut whole = parts.map(|part| part / denominator);
    let missing = total.saturating_sub(whole.iter().sum());
    let mut order: [usize; N] = std::array::from_fn(|index| index);
    // Stable, so ties keep the components' order.
    order.sort_by_key(|index| std::cmp::Reverse(parts[*index] % denominator));
    for index in order.iter().take(usize::try_from(missing).unwrap_or(N)) {
        whole[*index] += 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_adds_up_to_the_rounded_total() {
        // Thirds of 100: 33.33 each; one point goes to the first.
        assert_eq!(largest_remainder([100, 100, 100], 3, 100), [34, 33, 33]);
        // 12.5 + 37.5 = 50: the larger remainder is a tie, the first wins.
        assert_eq!(largest_remainder([25, 75], 2, 50), [13, 37]);
        // 10.2 + 20.3 + 30.4 = 60.9 → 61: the largest remainder (.4) gets it.
        assert_eq!(largest_remainder([102, 203, 304], 10, 61), [10, 20, 31]);
        // Already whole.
        assert_eq!(largest_remainder([40, 0, 60], 1, 100), [40, 0, 60]);
        assert_eq!(largest_remainder::<0>([], 1, 0), [0_u64; 0]);
    }
}
