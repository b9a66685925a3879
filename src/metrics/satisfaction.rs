//! Satisfaction and effort: CSAT from 1–5 answers and from good/bad ticket
//! ratings, pooled with the split by source kept, and CES from 1–7 answers
//! (DOMAIN.md, "CSAT" and "CES").
//!
//! Pure: counts what it is given. "Not rated", offered without an answer and
//! off the scale are not answers; they are counted apart so a drill-down can
//! say how many there were.

use crate::model::Satisfaction;

use super::{Explain, Figure, Ratio, Term};

/// A CSAT: satisfied answers out of all answers, from one source or pooled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Csat {
    /// Answers of 4–5, or "good" ratings.
    pub satisfied: u64,
    /// Answers on the scale, or good plus bad ratings.
    pub answers: u64,
    /// Not rated, offered without an answer, or off the scale.
    pub not_answers: u64,
}

/// CSAT from 1–5 survey answers: the share of 4s and 5s.
pub fn csat(scores: impl IntoIterator<Item = i64>) -> Csat {
    let mut counts = Csat::default();
    for score in scores {
        match score {
            4..=5 => {
                counts.satisfied += 1;
                counts.answers += 1;
            }
            1..=3 => counts.answers += 1,
            _ => counts.not_answers += 1,
        }
    }
    counts
}

/// CSAT from good/bad ratings, as helpdesks collect them: good / (good + bad).
/// `None` is a ticket never rated; `Offered` one rated by nobody yet.
pub fn csat_from_ratings(ratings: impl IntoIterator<Item = Option<Satisfaction>>) -> Csat {
    let mut counts = Csat::default();
    for rating in ratings {
        match rating {
            Some(Satisfaction::Good) => {
                counts.satisfied += 1;
                counts.answers += 1;
            }
            Some(Satisfaction::Bad) => counts.answers += 1,
            Some(Satisfaction::Offered) | None => counts.not_answers += 1,
        }
    }
    counts
}

impl Csat {
    /// The satisfied share, exactly (3/5).
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.satisfied), i128::from(self.answers))
    }

    /// The satisfied share in whole percent, halves rounded away from zero (60).
    pub fn percent(&self) -> Option<i64> {
        Some(self.value()?.rounded_percent())
    }
}

impl Explain for Csat {
    fn name(&self) -> &'static str {
        "CSAT"
    }

    fn formula(&self) -> &'static str {
        "answers of 4–5 (or good ratings) / all answers (or good + bad), in percent"
    }

    fn inputs(&self) -> u64 {
        self.answers
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("answers", self.answers),
            Term::count("satisfied (4–5 or good)", self.satisfied),
            Term::count("not rated, unanswered or off the scale", self.not_answers),
        ]
    }
}

/// CSAT pooled from survey answers and ticket ratings, each source kept for
/// the drill-down.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PooledCsat {
    pub surveys: Csat,
    pub ticket_ratings: Csat,
}

/// Pools 1–5 CSAT-survey answers with good/bad ticket ratings: every answer
/// of either kind counts once.
pub fn pooled_csat(
    survey_scores: impl IntoIterator<Item = i64>,
    ticket_ratings: impl IntoIterator<Item = Option<Satisfaction>>,
) -> PooledCsat {
    PooledCsat { surveys: csat(survey_scores), ticket_ratings: csat_from_ratings(ticket_ratings) }
}

impl PooledCsat {
    /// Both sources as one.
    pub fn total(&self) -> Csat {
        Csat {
            satisfied: self.surveys.satisfied + self.ticket_ratings.satisfied,
            answers: self.surveys.answers + self.ticket_ratings.answers,
            not_answers: self.surveys.not_answers + self.ticket_ratings.not_answers,
        }
    }

    pub fn value(&self) -> Option<Ratio> {
        self.total().value()
    }

    pub fn percent(&self) -> Option<i64> {
        self.total().percent()
    }
}

impl Explain for PooledCsat {
    fn name(&self) -> &'static str {
        "CSAT"
    }

    fn formula(&self) -> &'static str {
        "(survey answers of 4–5 + good ticket ratings) / (survey answers + good and bad ratings), in percent"
    }

    fn inputs(&self) -> u64 {
        self.total().answers
    }

    fn terms(&self) -> Vec<Term> {
        vec![
            Term::count("answers", self.total().answers),
            Term::count("survey answers", self.surveys.answers),
            Term::count("survey answers of 4–5", self.surveys.satisfied),
            Term::count("ticket ratings", self.ticket_ratings.answers),
            Term::count("good ticket ratings", self.ticket_ratings.satisfied),
            Term::count("not rated, unanswered or off the scale", self.total().not_answers),
        ]
    }
}

/// A Customer Effort Score: the answers it is the mean of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Ces {
    /// Answers on the 1–7 scale.
    pub answers: u64,
    /// The sum of those answers.
    pub sum: u64,
    /// Answers of 5–7.
    pub easy: u64,
    /// Scores outside 1–7: not answers.
    pub off_scale: u64,
}

/// Counts 1–7 effort answers.
pub fn ces(scores: impl IntoIterator<Item = i64>) -> Ces {
    let mut counts = Ces::default();
    for score in scores {
        match score {
            1..=7 => {
                counts.answers += 1;
                // In 1..=7, so the conversion is exact.
                counts.sum += score.unsigned_abs();
                if score >= 5 {
                    counts.easy += 1;
                }
            }
            _ => counts.off_scale += 1,
        }
    }
    counts
}

impl Ces {
    /// The mean answer, exactly.
    pub fn value(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.sum), i128::from(self.answers))
    }

    /// The share of answers of 5–7 ("easy").
    pub fn easy_share(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.easy), i128::from(self.answers))
    }
}

impl Explain for Ces {
    fn name(&self) -> &'static str {
        "CES"
    }

    fn formula(&self) -> &'static str {
        "mean answer on 1–7; easy = share of answers 5–7"
    }

    fn inputs(&self) -> u64 {
        self.answers
    }

    fn terms(&self) -> Vec<Term> {
        let mut terms = vec![
            Term::count("answers", self.answers),
            Term::count("sum of answers", self.sum),
            Term::count("easy (5–7)", self.easy),
            Term::count("off the scale, not answers", self.off_scale),
        ];
        if let Some(share) = self.easy_share() {
            terms.push(Term { name: "easy share", figure: Figure::Share(share) });
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn ratio(numerator: i128, denominator: i128) -> Option<Ratio> {
        Ratio::new(numerator, denominator)
    }

    #[test]
    fn csat_of_5_4_3_5_1_is_60_percent() {
        let result = csat([5, 4, 3, 5, 1]);
        assert_eq!(result.value(), ratio(3, 5));
        assert_eq!(result.percent(), Some(60));
    }

    #[test]
    fn off_scale_csat_scores_are_not_answers() {
        let result = csat([0, 6, 5, -3]);
        assert_eq!((result.answers, result.not_answers, result.percent()), (1, 3, Some(100)));
    }

    #[test]
    fn ratings_are_good_over_good_plus_bad() {
        use Satisfaction::{Bad, Good, Offered};
        let result = csat_from_ratings([Some(Good), Some(Good), Some(Good), Some(Bad), Some(Offered), None]);
        assert_eq!((result.satisfied, result.answers, result.not_answers), (3, 4, 2));
        assert_eq!(result.percent(), Some(75));
    }

    #[test]
    fn pooled_csat_counts_both_sources_and_keeps_the_split() {
        use Satisfaction::{Bad, Good, Offered};
        let result = pooled_csat([5, 4, 3, 5, 1], [Some(Good), Some(Bad), Some(Offered), None]);
        assert_eq!(result.surveys.percent(), Some(60));
        assert_eq!(result.ticket_ratings.percent(), Some(50));
        assert_eq!(result.value(), ratio(4, 7));
        assert_eq!(result.percent(), Some(57));
        assert_eq!(result.total().not_answers, 2);
        assert_eq!(result.inputs(), 7);
    }

    #[test]
    fn csat_with_no_answers_is_no_data_not_zero() {
        assert_eq!(csat([]).percent(), None);
        assert_eq!(csat_from_ratings([None, Some(Satisfaction::Offered)]).value(), None);
        assert_eq!(pooled_csat([], []).percent(), None);
    }

    #[test]
    fn ces_is_the_mean_with_the_easy_share() {
        let result = ces([7, 5, 3, 1, 9]);
        assert_eq!(result.value(), ratio(4, 1));
        assert_eq!(result.easy_share(), ratio(1, 2));
        assert_eq!(result.off_scale, 1);
        assert_eq!(ces([2, 3]).value(), ratio(5, 2));
    }

    #[test]
    fn ces_with_no_answers_is_no_data() {
        assert_eq!(ces([]).value(), None);
        assert_eq!(ces([0, 8]).easy_share(), None);
        assert_eq!(ces([]).terms().len(), 4);
    }

    fn rating() -> impl Strategy<Value = Option<Satisfaction>> {
        prop::option::of(prop::sample::select(Satisfaction::ALL))
    }

    proptest! {
        #[test]
        fn csat_stays_within_0_and_100(
            scores in prop::collection::vec(-2i64..9, 0..200),
            ratings in prop::collection::vec(rating(), 0..200),
        ) {
            let result = pooled_csat(scores.iter().copied(), ratings.iter().copied());
            for part in [result.surveys, result.ticket_ratings, result.total()] {
                match part.percent() {
                    Some(percent) => prop_assert!((0..=100).contains(&percent)),
                    None => prop_assert_eq!(part.answers, 0),
                }
            }
        }

        #[test]
        fn ces_mean_stays_on_its_scale(scores in prop::collection::vec(-2i64..10, 1..200)) {
            if let Some(mean) = ces(scores.iter().copied()).value() {
                prop_assert!((1.0..=7.0).contains(&mean.to_f64()));
            }
        }
    }
}
