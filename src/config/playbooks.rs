//! `playbooks.toml`: the playbooks whose triggers plan tasks, each an id, a
//! title, a trigger (`on`) and its steps, read into
//! [`crate::playbooks::Playbooks`] for [`crate::playbooks::planned_tasks`].
//!
//! The commented file `config/playbooks.toml` in the source tree is compiled
//! in and is the default. A user's file replaces it as a whole, as a user's
//! queues.toml does: playbooks are a list, and merging two lists item by item
//! would surprise. Every mistake names the file, the line, the column and the
//! playbook: an unknown key, trigger or stage (with the nearest valid one), a
//! repeated id, a step with no due rule or two, a number out of range, and a
//! title placeholder the trigger cannot fill — at its column in the title.

use std::ops::RangeInclusive;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::queues::Doc;
use crate::app::suggest::nearest;
use crate::model::{FieldCap, LifecycleStage, SafeText};
use crate::playbooks::{DueRule, Playbook, Playbooks, StageAnchor, Step, TitleTemplate, Trigger};

/// The commented default playbooks, as shipped.
pub const DEFAULT_PLAYBOOKS_CONFIG: &str = include_str!("../../config/playbooks.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaybooksFile {
    #[serde(default)]
    playbook: Vec<PlaybookEntry>,
}

/// A `[[playbook]]` as written, with positions for errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaybookEntry {
    id: Spanned<String>,
    title: String,
    on: Spanned<String>,
    stage: Option<Spanned<String>>,
    anchor: Option<Spanned<String>>,
    owner: Option<Spanned<String>>,
    #[serde(default)]
    step: Vec<StepEntry>,
}

/// A `[[playbook.step]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepEntry {
    title: Spanned<String>,
    after_days: Option<Spanned<i64>>,
    after_business_days: Option<Spanned<i64>>,
    after_months: Option<Spanned<i64>>,
    before_renewal_days: Option<Spanned<i64>>,
}

/// Days: from the event's own day to ten years.
const DAYS: RangeInclusive<i64> = 0..=3_650;

/// Months: from the event's own day to ten years.
const MONTHS: RangeInclusive<i64> = 0..=120;

const EVENT_RULES: &str = "after_days, after_business_days or after_months";

impl Playbooks {
    /// Reads `path`. A missing file means the shipped playbooks.
    pub fn load(path: &Path) -> Result<Playbooks, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Playbooks::parse(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Playbooks::shipped(),
            Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
        }
    }

    /// The playbooks of the shipped `config/playbooks.toml`.
    pub fn shipped() -> Result<Playbooks, ConfigError> {
        Playbooks::parse(DEFAULT_PLAYBOOKS_CONFIG, Path::new("playbooks.toml (built in)"))
    }

    /// Parses `playbooks.toml` text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Playbooks, ConfigError> {
        let doc = Doc { text, path };
        let file: PlaybooksFile = toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            let error = doc.error(offset, 0, error.message());
            match playbook_id_around(text, offset) {
                Some(id) => in_playbook(&id, error),
                None => error,
            }
        })?;
        let mut playbooks: Vec<Playbook> = Vec::with_capacity(file.playbook.len());
        for entry in &file.playbook {
            let id = entry.id.get_ref().trim();
            let playbook = playbook(&doc, entry).map_err(|error| in_playbook(id, error))?;
            if playbooks.iter().any(|earlier| earlier.id == playbook.id) {
                return Err(doc.error(
                    entry.id.span().start,
                    0,
                    format!("a second playbook is named {id:?}: give each playbook its own id"),
                ));
            }
            playbooks.push(playbook);
        }
        Ok(Playbooks { playbooks })
    }
}

/// Says which playbook an error is in.
fn in_playbook(id: &str, error: ConfigError) -> ConfigError {
    match error {
        ConfigError::Invalid { path, line, column, message } => {
            ConfigError::Invalid { path, line, column, message: format!("playbook {id:?}: {message}") }
        }
        other => other,
    }
}

/// The id of the `[[playbook]]` a byte offset falls in, read from the text
/// itself, for the errors that come before any playbook could be read.
fn playbook_id_around(text: &str, offset: usize) -> Option<String> {
    let header = text.get(..offset)?.rfind("[[playbook]]")?;
    let section = text.get(header + "[[playbook]]".len()..)?;
    section.lines().take_while(|line| !line.trim_start().starts_with("[[playbook]]")).find_map(|line| {
        let value = line.trim_start().strip_prefix("id")?.trim_start().strip_prefix('=')?;
        let id = value.trim().trim_matches(|c| c == '"' || c == '\'');
        (!id.is_empty()).then(|| id.to_owned())
    })
}

fn playbook(doc: &Doc, entry: &PlaybookEntry) -> Result<Playbook, ConfigError> {
    let id = entry.id.get_ref().trim();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(doc.error(
            entry.id.span().start,
            0,
            format!("id {id:?} must be letters, digits, _ and - only, such as \"onboarding\""),
        ));
    }
    let trigger = trigger(doc, entry)?;
    let owner = match &entry.owner {
        Some(owner) if owner.get_ref().trim().is_empty() => {
            return Err(doc.error(
                owner.span().start,
                0,
                "owner is empty: name someone, or leave owner out to give the tasks to each account's owner",
            ));
        }
        Some(owner) => Some(SafeText::line(owner.get_ref().trim(), FieldCap::NAME)),
        None => None,
    };
    if entry.step.is_empty() {
        return Err(doc.error(
            entry.id.span().start,
            0,
            "it has no steps: add a [[playbook.step]] with a title and when it is due",
        ));
    }
    let steps = (entry.step.iter().enumerate())
        .map(|(index, written)| step(doc, written, index + 1, trigger))
        .collect::<Result<Vec<Step>, ConfigError>>()?;
    Ok(Playbook {
        id: id.to_owned(),
        title: SafeText::line(&entry.title, FieldCap::SUBJECT),
        trigger,
        owner,
        steps,
    })
}

/// `on`, with the `stage` and `anchor` only a stage trigger takes.
fn trigger(doc: &Doc, entry: &PlaybookEntry) -> Result<Trigger, ConfigError> {
    let names = Trigger::NAMES.map(|name| (name, name));
    let on = doc.choice(&entry.on, &names, "trigger")?;
    if on != "stage" {
        let not_taken = [("stage", &entry.stage), ("anchor", &entry.anchor)];
        if let Some((setting, value)) =
            not_taken.iter().find_map(|(setting, value)| value.as_ref().map(|value| (setting, value)))
        {
            return Err(doc.error(
                value.span().start,
                0,
                format!("{setting} is only for on = \"stage\": leave it out of an on = {on:?} playbook"),
            ));
        }
    }
    Ok(match on {
        "detractor" => Trigger::Detractor,
        "promoter" => Trigger::Promoter,
        "purchase" => Trigger::Purchase,
        "renewal" => Trigger::Renewal,
        _ => {
            let Some(written) = &entry.stage else {
                return Err(doc.error(
                    entry.on.span().start,
                    0,
                    "on = \"stage\" needs the stage it fires on, such as stage = \"retention\"",
                ));
            };
            let anchor = match &entry.anchor {
                Some(word) => doc.choice(word, &StageAnchor::NAMES, "anchor")?,
                None => StageAnchor::default(),
            };
            Trigger::Stage { to: stage(doc, written)?, anchor }
        }
    })
}

/// A lifecycle stage, by its name or one of its aliases.
fn stage(doc: &Doc, written: &Spanned<String>) -> Result<LifecycleStage, ConfigError> {
    written.get_ref().parse().map_err(|_| {
        let names: Vec<&str> = LifecycleStage::ALL.iter().map(|stage| stage.as_str()).collect();
        let suggestion = nearest(written.get_ref(), &names)
            .map(|name| format!("did you mean {name:?}? "))
            .unwrap_or_default();
        doc.error(
            written.span().start,
            0,
            format!(
                "unknown stage {:?}: {suggestion}(the stages are {})",
                written.get_ref(),
                names.join(", ")
            ),
        )
    })
}

/// Step `number` (counting from 1) of a playbook with `trigger`.
fn step(doc: &Doc, entry: &StepEntry, number: usize, trigger: Trigger) -> Result<Step, ConfigError> {
    let title_start = entry.title.span().start;
    if entry.title.get_ref().trim().is_empty() {
        return Err(doc.error(
            title_start,
            0,
            format!("step {number}'s title is empty: say what the task is"),
        ));
    }
    let title = TitleTemplate::parse(entry.title.get_ref()).map_err(|unknown| {
        let names: Vec<String> =
            trigger.placeholders().iter().map(|known| format!("{{{}}}", known.name())).collect();
        doc.error(
            title_start,
            quote_width(doc.text, title_start) + unknown.column,
            format!(
                "step {number}'s title has the placeholder {{{}}}: use {}",
                unknown.name,
                names.join(", ")
            ),
        )
    })?;
    if let Some(placeholder) = title.placeholders().find(|used| !trigger.placeholders().contains(used)) {
        return Err(doc.error(
            title_start,
            0,
            format!(
                "step {number}'s title has {{{}}}, which only a survey (on = \"detractor\" or \"promoter\") \
                 fills in: use {{account}}",
                placeholder.name()
            ),
        ));
    }
    Ok(Step { title, due: due_rule(doc, entry, number, trigger)? })
}

/// A due rule the step wrote, with what reading it needs.
struct WrittenRule<'a> {
    name: &'static str,
    value: &'a Spanned<i64>,
    range: RangeInclusive<i64>,
    rule: fn(u32) -> DueRule,
}

/// The rule `name` if the step wrote it.
fn written<'a>(
    name: &'static str,
    value: &'a Option<Spanned<i64>>,
    range: RangeInclusive<i64>,
    rule: fn(u32) -> DueRule,
) -> Option<WrittenRule<'a>> {
    value.as_ref().map(|value| WrittenRule { name, value, range, rule })
}

/// Exactly one due rule, and the kind the trigger counts with: before the
/// renewal for a renewal playbook, after the event for the others.
fn due_rule(doc: &Doc, entry: &StepEntry, number: usize, trigger: Trigger) -> Result<DueRule, ConfigError> {
    let given: Vec<WrittenRule> = [
        written("after_days", &entry.after_days, DAYS, DueRule::AfterDays),
        written("after_business_days", &entry.after_business_days, DAYS, DueRule::AfterBusinessDays),
        written("after_months", &entry.after_months, MONTHS, DueRule::AfterMonths),
        written("before_renewal_days", &entry.before_renewal_days, DAYS, DueRule::BeforeRenewalDays),
    ]
    .into_iter()
    .flatten()
    .collect();
    let renewal = trigger == Trigger::Renewal;
    let expected = if renewal { "before_renewal_days" } else { EVENT_RULES };
    let given = match given.as_slice() {
        [] => {
            return Err(doc.error(
                entry.title.span().start,
                0,
                format!("step {number} has no due rule: say when it is due with {expected}"),
            ));
        }
        [one] => one,
        [first, second, ..] => {
            return Err(doc.error(
                second.value.span().start,
                0,
                format!("step {number} has two due rules, {} and {}: keep one", first.name, second.name),
            ));
        }
    };
    let (start, value) = (given.value.span().start, *given.value.get_ref());
    if renewal != (given.name == "before_renewal_days") {
        let why = if renewal {
            "a renewal playbook's steps are due before the renewal date"
        } else {
            "before_renewal_days is only for on = \"renewal\"; this playbook's steps count from its event"
        };
        return Err(doc.error(start, 0, format!("step {number}: {why}: use {expected}")));
    }
    match u32::try_from(value) {
        Ok(days) if given.range.contains(&value) => Ok((given.rule)(days)),
        _ => Err(doc.error(
            start,
            0,
            format!(
                "step {number}: {} must be from {} to {}, not {value}",
                given.name,
                given.range.start(),
                given.range.end()
            ),
        )),
    }
}

/// The characters before a string value's text: its opening quote, or three
/// for a multi-line string.
fn quote_width(text: &str, value_start: usize) -> usize {
    let written = text.get(value_start..).unwrap_or("");
    if written.starts_with("\"\"\"") || written.starts_with("'''") { 3 } else { 1 }
}

#[cfg(test)]
mod tests;
