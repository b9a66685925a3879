//! Sentiment: what the customer says when asked — the NPS and the CSAT of
//! the answers given in a recent window.
//!
//! Pure: reads survey answers in (now − window, now]. CSAT here pools
//! CSAT-survey answers with good/bad ratings given outside a ticket; ticket
//! ratings belong to support and are not counted twice.

use jiff::Timestamp;

use crate::metrics::AccountFacts;
use crate::metrics::signals::{nps_answers, survey_csat};

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SentimentModel {
    pub weight: u32,
    /// How far back answers count.
    pub window_days: u32,
    /// The NPS of the window's answers, −100 to 100.
    pub nps: Scale,
    /// The CSAT of the window's answers, in percent.
    pub csat: Scale,
}

impl Default for SentimentModel {
    fn default() -> Self {
        SentimentModel {
            weight: 20,
            // Accounts answer a survey or two a year: a shorter window would
            // leave most of them without data.
            window_days: 180,
            nps: Scale::whole(50, -50, Unit::Points),
            csat: Scale::whole(90, 50, Unit::Percent),
        }
    }
}

impl SentimentModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, now: Timestamp) -> [InputScore; 2] {
        let nps = nps_answers(facts.surveys, now, self.window_days);
        let nps = if nps.answers() == 0 { Reading::NoData } else { Reading::Nps(nps) };
        let csat = survey_csat(facts.surveys, now, self.window_days);
        let csat = if csat.answers == 0 { Reading::NoData } else { Reading::Csat(csat) };
        [InputScore::scaled(Input::Nps, nps, self.nps), InputScore::scaled(Input::Csat, csat, self.csat)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{now, only, survey, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::{LifecycleStage, Rating, SurveyAnswer};

    fn scores(facts: &mut Facts) -> [Option<Ratio>; 2] {
        SentimentModel::default().read(&view(facts), now()).map(|input| input.score())
    }

    #[test]
    fn nps_and_csat_score_on_their_scales() {
        let mut facts = only(LifecycleStage::Loyalty);
        // NPS: one promoter, one passive → 50 (full); CSAT 5 and 4 → 100 %.
        facts.surveys = vec![
            survey(10, SurveyAnswer::Nps(10)),
            survey(20, SurveyAnswer::Nps(8)),
            survey(30, SurveyAnswer::Csat(5)),
            survey(40, SurveyAnswer::Csat(4)),
        ];
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)); 2]);
        // NPS: a detractor and a passive → −50 (zero); CSAT: 2 of 3 → 66.67 %
        // (41.67 % of the way from 50 to 90).
        facts.surveys = vec![
            survey(10, SurveyAnswer::Nps(3)),
            survey(20, SurveyAnswer::Nps(7)),
            survey(30, SurveyAnswer::Csat(5)),
            survey(31, SurveyAnswer::Rating(Rating::Good)),
            survey(40, SurveyAnswer::Csat(1)),
        ];
        assert_eq!(scores(&mut facts), [Some(Ratio::ZERO), Some(Ratio::new(4_167, 100).unwrap())]);
    }

    #[test]
    fn answers_outside_the_window_are_no_data() {
        let mut facts = only(LifecycleStage::Loyalty);
        facts.surveys = vec![survey(180, SurveyAnswer::Nps(0)), survey(-1, SurveyAnswer::Csat(1))];
        assert_eq!(scores(&mut facts), [None, None]);
        facts.surveys = vec![survey(179, SurveyAnswer::Nps(0)), survey(0, SurveyAnswer::Csat(1))];
        assert_eq!(scores(&mut facts), [Some(Ratio::ZERO), Some(Ratio::ZERO)]);
    }
}
