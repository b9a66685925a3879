//! Net Promoter Score from 0–10 answers (DOMAIN.md, "NPS").
//!
//! Pure: counts the answers it is given; the caller selects them by window,
//! account or segment.

use super::{Explain, Ratio, Term};

/// The answers an NPS is computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Nps {
    /// Answers of 9–10.
    pub promoters: u64,
    /// Answers of 7–8.
    pub passives: u64,
    /// Answers of 0–6.
    pub detractors: u64,
    /// Scores outside 0–10: not answers, counted so the drill-down can say so.
    pub off_scale: u64,
}

/// Counts 0–10 scores into promoters, passives and detractors.
pub fn nps(scores: impl IntoIterator<Item = i64>) -> Nps {
    let mut counts = Nps::default();
    for score in scores {
        match score {
            9..=10 => counts.promoters += 1,
            7..=8 => counts.passives += 1,
            0..=6 => counts.detractors += 1,
            _ => counts.off_scale += 1,
        }
    }
    counts
}

impl Nps {
    /// Answers on the scale.
    pub fn answers(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// The exact score, 100 × (promoters − detractors) / answers: the
    /// percentages are subtracted before anything is rounded.
    pub fn exact(&self) -> Option<Ratio> {
        let difference = i128::from(self.promoters) - i128::from(self.detractors);
        Some(Ratio::new(difference, i128::from(self.answers()))?.percent())
    }

    /// The score as shown, −100..=100: the exact score rounded once, halves
    /// away from zero.
    pub fn value(&self) -> Option<i64> {
        Some(self.exact()?.rounded())
    }
}

impl Explain for Nps {
    fn name(&self) -> &'static str {
        "NPS"
    }

    fn formula(&self) -> &'static str {
        "% promoters (9–10) − % detractors (0–6), rounded once, half away from zero"
    }

    fn inputs(&self) -> u64 {
        self.answers()
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("answers", self.answers()),
            Term::count("promoters", self.promoters),
            Term::count("passives", self.passives),
            Term::count("detractors", self.detractors),
            Term::count("off the scale, not answers", self.off_scale),
        ]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn five_promoters_three_passives_two_detractors_score_30() {
        let result = nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6]);
        assert_eq!((result.promoters, result.passives, result.detractors), (5, 3, 2));
        assert_eq!(result.value(), Some(30));
        assert_eq!(result.exact(), Some(Ratio::whole(30)));
    }

    #[test]
    fn rounding_happens_once_after_the_subtraction() {
        // 16.67 % − 33.33 % = −16.67 → −17; rounding each share first would give 17 − 33 = −16.
        let result = nps([9, 0, 0, 7, 7, 7]);
        assert_eq!(result.value(), Some(-17));
        assert_eq!(result.exact().map(|exact| exact.to_string()), Some("-50/3".to_owned()));
    }

    #[test]
    fn halves_round_away_from_zero() {
        // One promoter in eight answers: 12.5 → 13; one detractor: −12.5 → −13.
        assert_eq!(nps([9, 7, 7, 7, 7, 7, 7, 7]).value(), Some(13));
        assert_eq!(nps([0, 7, 7, 7, 7, 7, 7, 7]).value(), Some(-13));
    }

    #[test]
    fn no_answers_is_no_data() {
        assert_eq!(nps([]).value(), None);
        assert_eq!(nps([]).exact(), None);
        let only_off_scale = nps([11, -1]);
        assert_eq!((only_off_scale.value(), only_off_scale.off_scale), (None, 2));
    }

    #[test]
    fn off_scale_scores_are_not_answers() {
        let result = nps([10, 11, -1, 100]);
        assert_eq!((result.answers(), result.off_scale, result.value()), (1, 3, Some(100)));
    }

    #[test]
    fn explains_its_counts() {
        let result = nps([10, 8, 2]);
        assert_eq!(result.inputs(), 3);
        assert_eq!(result.terms()[1], Term::count("promoters", 1));
        assert_eq!(result.name(), "NPS");
    }

    proptest! {
        #[test]
        fn nps_stays_within_minus_100_and_100(scores in prop::collection::vec(-5i64..16, 0..300)) {
            let result = nps(scores.iter().copied());
            if let Some(value) = result.value() {
                prop_assert!((-100..=100).contains(&value));
            } else {
                prop_assert_eq!(result.answers(), 0);
            }
        }
    }
}
