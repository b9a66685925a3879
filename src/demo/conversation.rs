//! A ticket's comments: the requester's opening message, the agent's first
//! public reply, then follow-ups, internal notes and the agent's resolution,
//! one to four in all, in the ticket's language and in time order.
//!
//! Planned before the ticket row is written (the row's `updated_at` is the
//! last comment's time) and written after it (comments need its id).

use crate::model::{CommentId, FieldCap, SafeText, TicketComment, TicketId};
use crate::store::StoreError;

use super::anchor::{DAY, MINUTE};
use super::hostile::taint;
use super::names::Language;
use super::random::Rng;
use super::team_text::INTERNAL_TICKET_NOTES;
use super::text::{Topic, fill};
use super::writer::{ContactRecord, Writer};

/// What the comments of one ticket are about and when it happened.
pub(super) struct Conversation<'a> {
    pub created: i64,
    /// `None` while no agent has answered.
    pub first_reply_after: Option<i64>,
    pub solved_at: Option<i64>,
    /// Open: the requester wrote last and waits for the agent.
    pub awaiting_agent: bool,
    pub topic: Topic,
    /// The number a `{n}` in the topic's text stands for.
    pub number: u64,
    pub language: Language,
    pub requester: Option<&'a ContactRecord>,
    pub agent: &'a SafeText,
    pub hostile: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentKind {
    Opening,
    FollowUp,
    Acknowledgement,
    InternalNote,
    Resolution,
}

const MOST_COMMENTS: usize = 4;

/// Which comments a ticket gets and when, seconds from the anchor.
pub(super) struct ConversationPlan {
    comments: [(CommentKind, i64); MOST_COMMENTS],
    len: usize,
}

impl ConversationPlan {
    fn push(&mut self, kind: CommentKind, at: i64) {
        if let Some(slot) = self.comments.get_mut(self.len) {
            *slot = (kind, at);
            self.len += 1;
        }
    }

    fn planned(&self) -> &[(CommentKind, i64)] {
        &self.comments[..self.len.min(MOST_COMMENTS)]
    }

    /// When the last comment was written.
    pub(super) fn last_at(&self) -> Option<i64> {
        self.planned().last().map(|(_, at)| *at)
    }
}

pub(super) fn plan_conversation(rng: &mut Rng, conversation: &Conversation<'_>) -> ConversationPlan {
    let created = conversation.created;
    let mut plan = ConversationPlan { comments: [(CommentKind::Opening, created); MOST_COMMENTS], len: 0 };
    plan.push(CommentKind::Opening, created);
    let Some(first_reply_after) = conversation.first_reply_after else {
        // Nobody has answered yet; some requesters write again meanwhile.
        if rng.chance(0.2) {
            plan.push(CommentKind::FollowUp, rng.between(created + 1, -MINUTE));
        }
        return plan;
    };
    let count: usize = rng.weighted([(1, 15), (2, 40), (3, 28), (4, 17)]);
    // A ticket waiting on the agent ends with the requester's message.
    let count = if conversation.awaiting_agent { count.max(3) } else { count };
    if count == 1 {
        return plan;
    }
    let acknowledged = created + first_reply_after;
    plan.push(CommentKind::Acknowledgement, acknowledged);
    let last_kind = match conversation.solved_at {
        Some(_) if count >= 3 => Some(CommentKind::Resolution),
        None if conversation.awaiting_agent => Some(CommentKind::FollowUp),
        _ => None,
    };
    let end = match conversation.solved_at {
        Some(solved) => solved,
        // Tickets still being worked on saw their latest message lately,
        // most often in the last few hours.
        None => {
            let skew = rng.unit() * rng.unit();
            (-MINUTE - (2.0 * DAY as f64 * skew) as i64).max(acknowledged + 1)
        }
    };
    let middle = count - 2 - usize::from(last_kind.is_some());
    let span = end - acknowledged;
    for slot in 1..=middle {
        let kind = if rng.chance(0.35) { CommentKind::InternalNote } else { CommentKind::FollowUp };
        plan.push(kind, acknowledged + span * slot as i64 / (middle as i64 + 1));
    }
    if let Some(kind) = last_kind {
        plan.push(kind, end);
    }
    plan
}

/// Writes the planned comments of ticket `ticket_id`.
pub(super) fn write_conversation(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    ticket_id: TicketId,
    conversation: &Conversation<'_>,
    plan: &ConversationPlan,
) -> Result<(), StoreError> {
    let mail = conversation.language.correspondence();
    let requester = conversation.requester.map_or(&writer.catalog.empty, |contact| &contact.name);
    // An unassigned ticket's replies come from whoever picked it up.
    let agent = if conversation.agent.is_empty() {
        writer.catalog.agent(rng).clone()
    } else {
        conversation.agent.clone()
    };
    for &(kind, at) in plan.planned() {
        let by_agent = !matches!(kind, CommentKind::Opening | CommentKind::FollowUp);
        let body = &mut writer.scratch;
        body.clear();
        match kind {
            CommentKind::Opening => {
                body.push_str(rng.pick(mail.greetings));
                body.push_str("\n\n");
                let mut problem = String::new();
                fill(conversation.topic.problem, conversation.number, &mut problem);
                if conversation.hostile {
                    taint(rng, &problem, body);
                } else {
                    body.push_str(&problem);
                }
                body.push_str("\n\n");
                body.push_str(rng.pick(mail.closings));
                body.push('\n');
                body.push_str(requester);
            }
            CommentKind::FollowUp => {
                body.push_str(rng.pick(mail.follow_ups));
                body.push_str("\n\n");
                body.push_str(requester);
            }
            CommentKind::Acknowledgement | CommentKind::Resolution => {
                let replies = if kind == CommentKind::Resolution {
                    mail.agent_resolutions
                } else {
                    mail.agent_acknowledgements
                };
                body.push_str(rng.pick(mail.greetings));
                body.push_str("\n\n");
                body.push_str(rng.pick(replies));
                body.push_str("\n\n");
                body.push_str(&agent);
            }
            CommentKind::InternalNote => {
                fill(rng.pick(INTERNAL_TICKET_NOTES), conversation.number, body);
            }
        }
        let comment = TicketComment {
            id: CommentId::default(),
            ticket_id,
            author: if by_agent { agent.clone() } else { requester.clone() },
            by_agent,
            public: kind != CommentKind::InternalNote,
            body: SafeText::multiline(body, FieldCap::BODY),
            created_at: writer.anchor.at(at),
        };
        writer.sink.comment(&comment)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SafeText;

    fn conversation<'a>(
        agent: &'a SafeText,
        first_reply_after: Option<i64>,
        solved_at: Option<i64>,
    ) -> Conversation<'a> {
        Conversation {
            created: -100_000,
            first_reply_after,
            solved_at,
            awaiting_agent: first_reply_after.is_some() && solved_at.is_none(),
            topic: Topic::default(),
            number: 1,
            language: Language::English,
            requester: None,
            agent,
            hostile: false,
        }
    }

    #[test]
    fn plans_run_forward_and_fit_the_ticket() {
        let agent = SafeText::default();
        let mut rng = Rng::new(5);
        for _ in 0..500 {
            let solved = conversation(&agent, Some(600), Some(-1_000));
            let plan = plan_conversation(&mut rng, &solved);
            let times: Vec<i64> = plan.planned().iter().map(|(_, at)| *at).collect();
            assert!(times.windows(2).all(|pair| pair[0] < pair[1]), "{times:?}");
            assert!((1..=MOST_COMMENTS).contains(&times.len()));
            assert!(plan.last_at().is_some_and(|last| last <= -1_000));
            let kinds: Vec<CommentKind> = plan.planned().iter().map(|(kind, _)| *kind).collect();
            assert_eq!(kinds[0], CommentKind::Opening);
            if kinds.len() >= 3 {
                assert_eq!(kinds.last(), Some(&CommentKind::Resolution));
            }

            let unanswered = conversation(&agent, None, None);
            let plan = plan_conversation(&mut rng, &unanswered);
            assert!(
                plan.planned()
                    .iter()
                    .all(|(kind, _)| { matches!(kind, CommentKind::Opening | CommentKind::FollowUp) })
            );

            let waiting = conversation(&agent, Some(600), None);
            let plan = plan_conversation(&mut rng, &waiting);
            let (last_kind, last_at) = plan.planned().last().copied().unwrap();
            assert_eq!(last_kind, CommentKind::FollowUp);
            assert!(last_at < 0 && plan.planned().len() >= 3);
        }
    }
}
