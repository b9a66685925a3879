//! Survey answers: NPS, CSAT, CES and good/bad ratings, each on its own scale.

use jiff::Timestamp;

use super::vocabulary::vocabulary;
use super::{AccountId, ContactId, SafeText, SurveyId, TicketId};

vocabulary! {
    SurveyKind, "survey kind" {
        /// Net Promoter Score: 0–10.
        Nps = "nps",
        /// Customer satisfaction: 1–5.
        Csat = "csat",
        /// Customer Effort Score: 1–7.
        Ces = "ces",
        /// A good/bad rating, as helpdesks collect them.
        Rating = "rating" | "good/bad" | "good bad",
    }
}

vocabulary! {
    Rating, "rating" {
        Bad = "bad",
        Good = "good",
    }
}

/// An answer on its kind's scale; out-of-range scores cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SurveyAnswer {
    Nps(u8),
    Csat(u8),
    Ces(u8),
    Rating(Rating),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} score {score} is off the scale {low}–{high}")]
pub struct SurveyError {
    pub kind: SurveyKind,
    pub score: i64,
    pub low: i64,
    pub high: i64,
}

impl SurveyAnswer {
    /// Builds an answer from a kind and a raw score; a rating is 1 (good) or
    /// 0 (bad).
    pub fn new(kind: SurveyKind, score: i64) -> Result<SurveyAnswer, SurveyError> {
        let (low, high) = Self::scale(kind);
        if !(low..=high).contains(&score) {
            return Err(SurveyError { kind, score, low, high });
        }
        // In range, so the score fits in a u8.
        let value = score as u8;
        Ok(match kind {
            SurveyKind::Nps => SurveyAnswer::Nps(value),
            SurveyKind::Csat => SurveyAnswer::Csat(value),
            SurveyKind::Ces => SurveyAnswer::Ces(value),
            SurveyKind::Rating if value == 1 => SurveyAnswer::Rating(Rating::Good),
            SurveyKind::Rating => SurveyAnswer::Rating(Rating::Bad),
        })
    }

    /// The inclusive scale of a kind.
    pub fn scale(kind: SurveyKind) -> (i64, i64) {
        match kind {
            SurveyKind::Nps => (0, 10),
            SurveyKind::Csat => (1, 5),
            SurveyKind::Ces => (1, 7),
            SurveyKind::Rating => (0, 1),
        }
    }

    pub fn kind(self) -> SurveyKind {
        match self {
            SurveyAnswer::Nps(_) => SurveyKind::Nps,
            SurveyAnswer::Csat(_) => SurveyKind::Csat,
            SurveyAnswer::Ces(_) => SurveyKind::Ces,
            SurveyAnswer::Rating(_) => SurveyKind::Rating,
        }
    }

    /// The raw score on the kind's scale (a rating: good 1, bad 0).
    pub fn score(self) -> i64 {
        match self {
            SurveyAnswer::Nps(v) | SurveyAnswer::Csat(v) | SurveyAnswer::Ces(v) => i64::from(v),
            SurveyAnswer::Rating(Rating::Good) => 1,
            SurveyAnswer::Rating(Rating::Bad) => 0,
        }
    }

    /// Whether this answer asks for a human follow-up: an NPS detractor
    /// (0–6), a CSAT of 1–2 or a bad rating (DOMAIN.md, close the loop).
    pub fn needs_follow_up(self) -> bool {
        match self {
            SurveyAnswer::Nps(v) => v <= 6,
            SurveyAnswer::Csat(v) => v <= 2,
            SurveyAnswer::Ces(_) => false,
            SurveyAnswer::Rating(rating) => rating == Rating::Bad,
        }
    }
}

/// The human follow-up of a detractor or a bad rating ("closing the loop").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopClosure {
    pub at: Timestamp,
    pub by: SafeText,
    pub outcome: SafeText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyResponse {
    pub id: SurveyId,
    pub account_id: AccountId,
    pub contact_id: Option<ContactId>,
    /// The ticket a rating was given on, if any.
    pub ticket_id: Option<TicketId>,
    pub answer: SurveyAnswer,
    pub comment: SafeText,
    pub responded_at: Timestamp,
    pub loop_closed: Option<LoopClosure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_a_scale_are_refused() {
        assert!(SurveyAnswer::new(SurveyKind::Nps, 11).is_err());
        assert!(SurveyAnswer::new(SurveyKind::Csat, 0).is_err());
        assert!(SurveyAnswer::new(SurveyKind::Ces, 8).is_err());
        assert!(SurveyAnswer::new(SurveyKind::Rating, 2).is_err());
        assert_eq!(SurveyAnswer::new(SurveyKind::Nps, 0).unwrap(), SurveyAnswer::Nps(0));
        assert_eq!(SurveyAnswer::new(SurveyKind::Rating, 1).unwrap(), SurveyAnswer::Rating(Rating::Good));
    }

    #[test]
    fn kind_and_score_round_trip() {
        for kind in SurveyKind::ALL {
            let (low, high) = SurveyAnswer::scale(*kind);
            for score in low..=high {
                let answer = SurveyAnswer::new(*kind, score).unwrap();
                assert_eq!((answer.kind(), answer.score()), (*kind, score));
            }
        }
    }
}
