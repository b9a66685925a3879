//! Writing an account's survey answers — NPS, CSAT and CES over the last 18
//! months — with scores drawn around its hidden health, so unhappy accounts
//! give the detractors. Some detractors and bad ratings have had their loop
//! closed by the owner; the recent ones mostly not yet.

use crate::model::{FieldCap, LoopClosure, Rating, SafeText, SurveyAnswer, SurveyResponse};
use crate::store::StoreError;

use super::anchor::{DAY, HOUR, MINUTE};
use super::hostile::taint;
use super::names::Language;
use super::random::Rng;
use super::team_text::LOOP_CLOSURE_OUTCOMES;
use super::writer::{AccountRecord, Writer};

const SURVEY_HISTORY: i64 = 540 * DAY;
/// The close-the-loop queue looks back this far.
const RECENT: i64 = 90 * DAY;

/// Writes the account's survey answers. Returns when the latest answer that
/// still waits for a follow-up was given, if one came in the last 90 days.
pub(super) fn write_surveys(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
) -> Result<Option<i64>, StoreError> {
    let profile = account.profile;
    let trial_only = profile.converted_at.is_none();
    // Prospects are asked about effort during a trial, and only some answer.
    if trial_only && !rng.chance(0.3) {
        return Ok(None);
    }
    let since = profile.converted_at.unwrap_or(profile.created_at());
    let (start, end) = profile.activity_window(since, SURVEY_HISTORY);
    let (nps, csat, ces) = if trial_only {
        (0, 0, 1)
    } else {
        (
            rng.weighted([(0, 25), (1, 40), (2, 25), (3, 10)]),
            rng.weighted([(0, 35), (1, 35), (2, 20), (3, 10)]),
            rng.weighted([(0, 50), (1, 35), (2, 15)]),
        )
    };
    // Unhappy paying accounts were surveyed lately: that is where the
    // close-the-loop queue gets its detractors.
    let recent_nps = profile.is_paying() && profile.health < 0.4 && rng.chance(0.7);

    let mut answers: Vec<(SurveyAnswer, i64)> = Vec::with_capacity(10);
    let health = profile.health;
    for _ in 0..nps {
        answers.push((nps_answer(rng, health), rng.between(start, end)));
    }
    if recent_nps {
        answers.push((nps_answer(rng, health), rng.between(start.max(-RECENT), end)));
    }
    for _ in 0..csat {
        let score = (1.6 + 4.0 * health + 0.7 * rng.bell()).round().clamp(1.0, 5.0);
        answers.push((SurveyAnswer::Csat(score as u8), rng.between(start, end)));
    }
    for _ in 0..ces {
        let score = (2.0 + 5.0 * health + rng.bell()).round().clamp(1.0, 7.0);
        answers.push((SurveyAnswer::Ces(score as u8), rng.between(start, end)));
    }
    answers.sort_by_key(|(_, at)| *at);

    let mut latest_unanswered = None;
    for (position, (answer, responded)) in answers.into_iter().enumerate() {
        let contact = account.some_contact(rng);
        let language = contact.map_or(Language::English, |contact| contact.language);
        let mut comment = survey_comment(writer, rng, language, answer);
        if account.hostile && position == 0 {
            writer.scratch.clear();
            taint(rng, &comment, &mut writer.scratch);
            comment = SafeText::multiline(&writer.scratch, FieldCap::COMMENT);
        }
        let loop_closed = loop_closure(writer, rng, account, answer, responded);
        if answer.needs_follow_up() && loop_closed.is_none() && responded > -RECENT {
            latest_unanswered = Some(responded);
        }
        writer.sink.survey(&SurveyResponse {
            id: Default::default(),
            account_id: account.id,
            contact_id: contact.map(|contact| contact.id),
            ticket_id: None,
            answer,
            comment,
            responded_at: writer.anchor.at(responded),
            loop_closed,
        })?;
    }
    Ok(latest_unanswered)
}

fn nps_answer(rng: &mut Rng, health: f64) -> SurveyAnswer {
    let score = (4.0 + 6.5 * health + 1.5 * rng.bell()).round().clamp(0.0, 10.0);
    SurveyAnswer::Nps(score as u8)
}

/// A comment in `language` that matches the answer's mood, or none: about
/// half of the respondents write nothing.
pub(super) fn survey_comment(
    writer: &Writer<'_>,
    rng: &mut Rng,
    language: Language,
    answer: SurveyAnswer,
) -> SafeText {
    if rng.chance(0.5) {
        return writer.catalog.empty.clone();
    }
    let feedback = language.feedback();
    let comments = match answer {
        SurveyAnswer::Nps(score) if score >= 9 => feedback.positive,
        SurveyAnswer::Nps(score) if score >= 7 => feedback.neutral,
        SurveyAnswer::Csat(score) if score >= 4 => feedback.positive,
        SurveyAnswer::Csat(3) => feedback.neutral,
        SurveyAnswer::Ces(score) if score >= 6 => feedback.positive,
        SurveyAnswer::Ces(score) if score >= 4 => feedback.neutral,
        SurveyAnswer::Rating(Rating::Good) => feedback.positive,
        _ => feedback.negative,
    };
    SafeText::multiline(rng.pick(comments), FieldCap::COMMENT)
}

/// The owner's follow-up of an answer that asks for one: done for most old
/// ones, for fewer of the recent ones (the queue the team works through).
pub(super) fn loop_closure(
    writer: &Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
    answer: SurveyAnswer,
    responded: i64,
) -> Option<LoopClosure> {
    if !answer.needs_follow_up() {
        return None;
    }
    let closed_chance = match -responded {
        age if age > RECENT => 0.8,
        age if age > 30 * DAY => 0.6,
        _ => 0.3,
    };
    if !rng.chance(closed_chance) {
        return None;
    }
    let at = (responded + rng.between(HOUR, 10 * DAY)).min(-MINUTE).max(responded);
    let by = if account.owner.is_empty() { writer.catalog.owner(rng).clone() } else { account.owner.clone() };
    Some(LoopClosure {
        at: writer.anchor.at(at),
        by,
        outcome: SafeText::line(rng.pick(LOOP_CLOSURE_OUTCOMES), FieldCap::COMMENT),
    })
}
