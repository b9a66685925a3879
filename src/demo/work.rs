//! Writing the team's work on an account: tasks — onboarding milestones for
//! new customers (some overdue), renewal preparation for renewals in the
//! next 90 days, call-backs for unhappy survey answers, and tasks made by
//! hand — and the notes CSMs wrote about it.

use jiff::civil::Date;

use crate::model::{FieldCap, Note, NoteId, SafeText, Task, TaskId, TaskStatus};
use crate::store::StoreError;

use super::anchor::{DAY, HOUR, MINUTE};
use super::hostile::taint;
use super::names::Language;
use super::random::Rng;
use super::team_text::{self, DETRACTOR_CALL_BACK};
use super::text::fill;
use super::writer::{AccountRecord, Writer};

/// The renewal queue looks this many days ahead.
const RENEWAL_HORIZON_DAYS: i64 = 90;

/// A task about to be written; times in seconds from the anchor.
struct PlannedTask<'a> {
    title: &'a str,
    /// Due on the day this many days from the anchor day.
    due_in_days: i64,
    created: i64,
    playbook: &'a SafeText,
}

pub(super) fn write_tasks(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
    unanswered_complaint: Option<i64>,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let onboarding_playbook = writer.catalog.onboarding_playbook.clone();
    let renewal_playbook = writer.catalog.renewal_playbook.clone();
    let no_playbook = writer.catalog.empty.clone();

    if let Some(converted) = profile.converted_at.filter(|_| profile.onboarding) {
        let converted_day = converted.div_euclid(DAY);
        for &(title, after_days) in team_text::ONBOARDING_MILESTONES {
            let task = PlannedTask {
                title,
                due_in_days: converted_day + after_days,
                // Onboarding customers converted five or more days ago.
                created: converted + HOUR,
                playbook: &onboarding_playbook,
            };
            write_task(writer, rng, account, &task)?;
        }
    }
    if let Some(renewal) = profile.renewal_in_days.filter(|days| *days <= RENEWAL_HORIZON_DAYS) {
        for &(title, days_before) in team_text::RENEWAL_STEPS {
            let due_in_days = renewal - days_before;
            let task = PlannedTask {
                title,
                due_in_days,
                created: ((due_in_days - 30) * DAY + working_hour(rng)).min(-HOUR),
                playbook: &renewal_playbook,
            };
            write_task(writer, rng, account, &task)?;
        }
    }
    if let Some(responded) = unanswered_complaint.filter(|_| rng.chance(0.4)) {
        let task = PlannedTask {
            title: DETRACTOR_CALL_BACK,
            due_in_days: (responded + 7 * DAY).div_euclid(DAY),
            created: (responded + HOUR).min(-MINUTE),
            playbook: &no_playbook,
        };
        write_task(writer, rng, account, &task)?;
    }
    if profile.is_paying() {
        let count: usize = rng.weighted([(0, 50), (1, 35), (2, 15)]);
        for _ in 0..count {
            let due_in_days = rng.between(-30, 30);
            let task = PlannedTask {
                title: rng.pick(team_text::MANUAL_TASKS),
                due_in_days,
                created: ((due_in_days - 14) * DAY + working_hour(rng)).max(profile.created_at()).min(-HOUR),
                playbook: &no_playbook,
            };
            write_task(writer, rng, account, &task)?;
        }
    }
    Ok(())
}

/// A time of day between 8:00 and 18:00, in seconds.
fn working_hour(rng: &mut Rng) -> i64 {
    rng.between(8 * HOUR, 18 * HOUR)
}

/// Writes a task: done or overdue (some snoozed) when its day has passed,
/// mostly open when it is still ahead.
fn write_task(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
    task: &PlannedTask<'_>,
) -> Result<(), StoreError> {
    let status = if task.due_in_days < 0 {
        rng.weighted([(TaskStatus::Done, 72), (TaskStatus::Open, 22), (TaskStatus::Snoozed, 6)])
    } else {
        rng.weighted([(TaskStatus::Open, 85), (TaskStatus::Snoozed, 10), (TaskStatus::Done, 5)])
    };
    // Done around the day it was due, and never after the anchor.
    let completed_at = (status == TaskStatus::Done).then(|| {
        let around_due = task.due_in_days * DAY + rng.between(-2 * DAY, DAY);
        writer.anchor.at(around_due.min(-MINUTE).max(task.created + 1))
    });
    let due: Date = writer.anchor.day(task.due_in_days);
    let owner =
        if account.owner.is_empty() { writer.catalog.owner(rng).clone() } else { account.owner.clone() };
    writer.sink.task(&Task {
        id: TaskId::default(),
        account_id: account.id,
        title: SafeText::line(task.title, FieldCap::SUBJECT),
        owner,
        due: Some(due),
        status,
        playbook: task.playbook.clone(),
        created_at: writer.anchor.at(task.created),
        completed_at,
    })
}

/// Notes by the account's owner over the last year, in the owner's market
/// language or in English.
pub(super) fn write_notes(
    writer: &mut Writer<'_>,
    rng: &mut Rng,
    account: &AccountRecord<'_>,
) -> Result<(), StoreError> {
    let profile = account.profile;
    let count: usize = if profile.converted_at.is_some() {
        rng.weighted([(0, 30), (1, 35), (2, 25), (3, 10)])
    } else {
        usize::from(rng.chance(0.3))
    };
    let author =
        if account.owner.is_empty() { writer.catalog.owner(rng).clone() } else { account.owner.clone() };
    let (start, end) = profile.activity_window(profile.created_at(), 365 * DAY);
    for position in 0..count {
        let language = if rng.chance(0.6) { account.language } else { Language::English };
        let mut body = String::new();
        fill(rng.pick(language.notes()), rng.between(5, 50) as u64, &mut body);
        writer.scratch.clear();
        if account.hostile && position == 0 {
            taint(rng, &body, &mut writer.scratch);
        } else {
            writer.scratch.push_str(&body);
        }
        writer.sink.note(&Note {
            id: NoteId::default(),
            account_id: account.id,
            author: author.clone(),
            body: SafeText::multiline(&writer.scratch, FieldCap::COMMENT),
            created_at: writer.anchor.at(rng.between(start, end)),
        })?;
    }
    Ok(())
}
