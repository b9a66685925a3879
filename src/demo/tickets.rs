//! Writing an account's support tickets: when each was opened (more of them
//! recently), its status (recent ones still open, old ones solved and
//! closed), priority, channel, assignee, SLA target, and a satisfaction
//! rating on some solved ones — each good or bad rating also recorded as a
//! rating survey answer linked to the ticket, with the loop closed on some
//! bad ones. The comments are `conversation.rs`'s.

use crate::model::{
    ExternalRef, FieldCap, Rating, SafeText, Satisfaction, Source, SurveyAnswer, SurveyResponse, Ticket,
    TicketChannel, TicketId, TicketPriority, TicketStatus,
};
use crate::store::StoreError;

use super::accounts::push_padded;
use super::anchor::{DAY, HOUR, MINUTE};
use super::conversation::{Conversation, plan_conversation, write_conversation};
use super::hostile::taint;
use super::names::Language;
use super::profile::PlanTier;
use super::random::Rng;
use super::surveys::{loop_closure, survey_comment};
use super::text::fill;
use super::writer::{AccountRecord, Writer};

/// Tickets reach back eighteen months from the account's last activity.
const TICKET_HISTORY: i64 = 540 * DAY;

pub(super) fn write_tickets(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
    count: usize,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let (start, end) = profile.activity_window(profile.created_at(), TICKET_HISTORY);
    for position in 0..count {
        // The square root skews opening times toward the end of the window:
        // support volume grows with the customer base.
        let created = start + ((end - start) as f64 * rng.unit().sqrt()) as i64;
        write_ticket(writer, rng, account, created, account.hostile && position == 0)?;
    }
    Ok(())
}

fn write_ticket(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
    created: i64,
    hostile: bool,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let age = -created;
    let priority = if profile.health < 0.35 {
        rng.weighted([
            (TicketPriority::Low, 15),
            (TicketPriority::Normal, 45),
            (TicketPriority::High, 25),
            (TicketPriority::Urgent, 15),
        ])
    } else {
        rng.weighted([
            (TicketPriority::Low, 20),
            (TicketPriority::Normal, 55),
            (TicketPriority::High, 18),
            (TicketPriority::Urgent, 7),
        ])
    };
    let first_reply_after = stretch(rng, response_bounds(priority));
    let agent_replied = created + first_reply_after < -MINUTE;
    let resolved_chance = match age {
        a if a < 2 * DAY => 0.25,
        a if a < 14 * DAY => 0.6,
        a if a < 60 * DAY => 0.93,
        _ => 0.993,
    };
    let solved_at = (agent_replied && rng.chance(resolved_chance)).then(|| {
        let resolution = first_reply_after + stretch(rng, resolution_bounds(priority));
        (created + resolution).min(-MINUTE)
    });
    let status = match solved_at {
        // Helpdesks close solved tickets after a few days.
        Some(solved) if solved < -4 * DAY && rng.chance(0.9) => TicketStatus::Closed,
        Some(_) => TicketStatus::Solved,
        None if !agent_replied => TicketStatus::New,
        None => rng.weighted([
            (TicketStatus::New, if age < 3 * DAY { 20 } else { 2 }),
            (TicketStatus::Open, 50),
            (TicketStatus::Pending, 25),
            (TicketStatus::OnHold, 8),
        ]),
    };
    let assignee = if status == TicketStatus::New && rng.chance(0.7) {
        writer.catalog.empty.clone()
    } else {
        writer.catalog.agent(rng).clone()
    };

    let language = if rng.chance(0.7) { account.language } else { Language::English };
    let topic = rng.pick(language.correspondence().topics);
    let number = rng.between(1_000, 99_999) as u64;
    let mut subject = String::with_capacity(topic.subject.len() + 8);
    fill(topic.subject, number, &mut subject);
    writer.scratch.clear();
    if hostile {
        taint(rng, &subject, &mut writer.scratch);
    } else {
        writer.scratch.push_str(&subject);
    }
    let subject = SafeText::line(&writer.scratch, FieldCap::SUBJECT);
    writer.scratch.clear();
    writer.scratch.push_str("ticket-");
    push_padded(writer.sink.summary().tickets + 1, &mut writer.scratch);
    let external_id = SafeText::line(&writer.scratch, FieldCap::TOKEN);

    let requester = account.some_contact(rng);
    let conversation = Conversation {
        created,
        first_reply_after: agent_replied.then_some(first_reply_after),
        solved_at,
        awaiting_agent: status == TicketStatus::Open,
        topic,
        number,
        language,
        requester,
        agent: &assignee,
        hostile,
    };
    let plan = plan_conversation(rng, &conversation);
    let last_change = plan.last_at().unwrap_or(created).max(solved_at.unwrap_or(created));
    // The next SLA target: a new ticket's first reply, an open one's next
    // reply, a solved one's resolution. Pending and on-hold tickets wait on
    // someone else, so their clock is paused; free accounts have no SLA.
    let sla_due = match status {
        _ if profile.tier == PlanTier::Free => None,
        TicketStatus::New => Some(created + first_reply_target(priority)),
        TicketStatus::Open => Some(last_change + next_reply_target(priority)),
        TicketStatus::Pending | TicketStatus::OnHold => None,
        TicketStatus::Solved | TicketStatus::Closed => Some(created + resolution_target(priority)),
    };
    let satisfaction = solved_at.and_then(|solved| rate(rng, profile.health, solved - created));
    let ticket = Ticket {
        id: TicketId::default(),
        account_id: account.id,
        requester_id: requester.map(|contact| contact.id),
        subject,
        status,
        priority,
        assignee: assignee.clone(),
        channel: rng.weighted([
            (TicketChannel::Email, 40),
            (TicketChannel::Web, 25),
            (TicketChannel::Chat, 18),
            (TicketChannel::Phone, 9),
            (TicketChannel::Api, 4),
            (TicketChannel::Social, 4),
        ]),
        created_at: writer.anchor.at(created),
        updated_at: writer.anchor.at(last_change),
        solved_at: solved_at.map(|at| writer.anchor.at(at)),
        sla_due_at: sla_due.map(|at| writer.anchor.at(at)),
        satisfaction,
        external: Some(ExternalRef { source: Source::Demo, id: external_id }),
    };
    let ticket_id = writer.sink.ticket(&ticket)?;
    write_conversation(writer, rng, ticket_id, &conversation, &plan)?;

    if let (Some(solved), Some(Satisfaction::Good | Satisfaction::Bad)) = (solved_at, satisfaction) {
        let rating = if satisfaction == Some(Satisfaction::Good) { Rating::Good } else { Rating::Bad };
        let responded = (solved + rng.between(10 * MINUTE, 3 * DAY)).min(-MINUTE).max(solved);
        let answer = SurveyAnswer::Rating(rating);
        writer.sink.survey(&SurveyResponse {
            id: Default::default(),
            account_id: account.id,
            contact_id: requester.map(|contact| contact.id),
            ticket_id: Some(ticket_id),
            answer,
            comment: survey_comment(writer, rng, language, answer),
            responded_at: writer.anchor.at(responded),
            loop_closed: loop_closure(writer, rng, account, answer, responded),
        })?;
    }
    Ok(())
}

/// A duration between the bounds, usually near the lower one (the square of
/// a uniform draw): most tickets are quick, a few drag on.
fn stretch(rng: &mut Rng, (low, high): (i64, i64)) -> i64 {
    let skew = rng.unit() * rng.unit();
    low + ((high - low) as f64 * skew) as i64
}

fn response_bounds(priority: TicketPriority) -> (i64, i64) {
    match priority {
        TicketPriority::Urgent => (5 * MINUTE, 2 * HOUR),
        TicketPriority::High => (15 * MINUTE, 8 * HOUR),
        TicketPriority::Normal => (30 * MINUTE, DAY),
        TicketPriority::Low => (HOUR, 2 * DAY),
    }
}

/// How long solving takes after the first reply: about one ticket in six
/// misses its resolution target.
fn resolution_bounds(priority: TicketPriority) -> (i64, i64) {
    match priority {
        TicketPriority::Urgent => (30 * MINUTE, 16 * HOUR),
        TicketPriority::High => (HOUR, 2 * DAY),
        TicketPriority::Normal => (2 * HOUR, 6 * DAY),
        TicketPriority::Low => (4 * HOUR, 12 * DAY),
    }
}

fn first_reply_target(priority: TicketPriority) -> i64 {
    match priority {
        TicketPriority::Urgent => HOUR,
        TicketPriority::High => 4 * HOUR,
        TicketPriority::Normal => 8 * HOUR,
        TicketPriority::Low => DAY,
    }
}

fn next_reply_target(priority: TicketPriority) -> i64 {
    match priority {
        TicketPriority::Urgent => 4 * HOUR,
        TicketPriority::High => 8 * HOUR,
        TicketPriority::Normal => DAY,
        TicketPriority::Low => 2 * DAY,
    }
}

fn resolution_target(priority: TicketPriority) -> i64 {
    match priority {
        TicketPriority::Urgent => 8 * HOUR,
        TicketPriority::High => DAY,
        TicketPriority::Normal => 3 * DAY,
        TicketPriority::Low => 7 * DAY,
    }
}

/// The requester's rating of a solved ticket: offered on some, answered on
/// about half of those, worse for unhappy accounts and slow resolutions.
fn rate(rng: &mut Rng, health: f64, took: i64) -> Option<Satisfaction> {
    if !rng.chance(0.3) {
        return None;
    }
    if !rng.chance(0.55) {
        return Some(Satisfaction::Offered);
    }
    let slow_penalty = if took > 3 * DAY { 0.15 } else { 0.0 };
    let good = rng.chance(0.35 + 0.6 * health - slow_penalty);
    Some(if good { Satisfaction::Good } else { Satisfaction::Bad })
}
