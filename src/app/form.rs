//! The dialogs an action asks its details in: a form of fields — a choice,
//! a line, a multi-line text (ratatui-textarea's editor), a tick box — and
//! what the form becomes when it is sent: the changes to apply and a label
//! for them. A form on many records goes through a confirm step first.

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::model::time::due_day;
use crate::model::{
    AccountId, Change, ContactId, FieldCap, LifecycleStage, MeddicElement, SafeText, SurveyId, TaskDraft,
    TaskId, TicketId, TicketPriority, TicketStatus, TicketUpdate, TouchpointChannel,
};

/// What a field holds and how keys edit it.
#[derive(Debug, Clone)]
pub enum FieldInput {
    /// One of a few words; ←/→ or space move through them.
    Choice { options: Vec<&'static str>, selected: usize },
    /// One line of text; Enter sends the form.
    Line(TextArea<'static>),
    /// Several lines; Enter starts a new one, Ctrl-S sends the form.
    Text(TextArea<'static>),
    /// Space ticks and unticks it.
    Check(bool),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub input: FieldInput,
}

impl Field {
    fn choice(label: &'static str, options: Vec<&'static str>, selected: usize) -> Field {
        Field { label, input: FieldInput::Choice { options, selected } }
    }

    fn line(label: &'static str, text: &str) -> Field {
        Field { label, input: FieldInput::Line(TextArea::new(vec![text.to_owned()])) }
    }

    fn text(label: &'static str) -> Field {
        Field { label, input: FieldInput::Text(TextArea::default()) }
    }

    /// The field's text (its lines joined), its choice, or "yes"/"".
    pub fn value(&self) -> String {
        match &self.input {
            FieldInput::Choice { options, selected } => {
                options.get(*selected).copied().unwrap_or("").to_owned()
            }
            FieldInput::Line(area) | FieldInput::Text(area) => area.lines().join("\n"),
            FieldInput::Check(ticked) => if *ticked { "yes" } else { "" }.to_owned(),
        }
    }

    fn typed(&self) -> bool {
        matches!(&self.input, FieldInput::Line(area) | FieldInput::Text(area) if !area.is_empty())
    }
}

/// What the form is for, and on which records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Note(Vec<AccountId>),
    Touchpoint(AccountId),
    Task(Vec<AccountId>),
    Snooze(TaskId),
    Reassign(TaskId),
    Stage(Vec<AccountId>),
    Ticket(TicketId),
    CloseLoop(SurveyId),
    /// The account, and each element's (done, evidence) when the form opened.
    Meddic(AccountId, Vec<(bool, String)>),
    /// What a refused outbox item sends, as JSON.
    OutboxPayload(i64),
    /// The account a duplicate is merged into.
    Merge(AccountId),
    /// Two contacts, by the ids typed.
    MergeContacts,
}

/// What a sent form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// Changes to apply as one batch, and what they are.
    Act { changes: Vec<Change>, label: String },
    /// A refused outbox item's new payload, to retry it with.
    EditOutbox { item: i64, payload: serde_json::Value },
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub purpose: Purpose,
    /// Why the last send was refused, shown under the fields.
    pub error: Option<String>,
    /// Esc was pressed once over typed text: a second Esc throws it away.
    pub discard_armed: bool,
}

/// A batch waiting for the user's yes, with how many records it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub changes: Vec<Change>,
    pub label: String,
    /// "Set the stage to churned on 1,204 accounts?"
    pub question: String,
}

impl Form {
    fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form { title, fields, focus: 0, purpose, error: None, discard_armed: false }
    }

    pub fn note(title: String, accounts: Vec<AccountId>) -> Form {
        Form::new(title, Purpose::Note(accounts), vec![Field::text("Note")])
    }

    pub fn touchpoint(title: String, account: AccountId) -> Form {
        let channels = TouchpointChannel::ALL.iter().map(|channel| channel.as_str()).collect();
        Form::new(
            title,
            Purpose::Touchpoint(account),
            vec![Field::choice("Channel", channels, 0), Field::line("Outcome", ""), Field::text("Summary")],
        )
    }

    pub fn task(title: String, accounts: Vec<AccountId>, me: &str) -> Form {
        Form::new(
            title,
            Purpose::Task(accounts),
            vec![Field::line("Title", ""), Field::line("Due", "7d"), Field::line("Owner", me)],
        )
    }

    pub fn snooze(title: String, task: TaskId) -> Form {
        Form::new(title, Purpose::Snooze(task), vec![Field::line("Until", "7d")])
    }

    pub fn reassign(title: String, task: TaskId, owner: &str) -> Form {
        Form::new(title, Purpose::Reassign(task), vec![Field::line("Owner", owner)])
    }

    pub fn stage(title: String, accounts: Vec<AccountId>, current: Option<LifecycleStage>) -> Form {
        let stages: Vec<&'static str> = LifecycleStage::ALL.iter().map(|stage| stage.as_str()).collect();
        let selected =
            current.and_then(|stage| LifecycleStage::ALL.iter().position(|s| *s == stage)).unwrap_or(0);
        Form::new(
            title,
            Purpose::Stage(accounts),
            vec![Field::choice("Stage", stages, selected), Field::line("Reason", "")],
        )
    }

    /// A ticket's status, priority and assignee as they are, and an internal note.
    pub fn ticket(
        title: String,
        ticket: TicketId,
        status: TicketStatus,
        priority: TicketPriority,
        assignee: &str,
    ) -> Form {
        let position = |all: &[&'static str], word: &str| all.iter().position(|w| *w == word).unwrap_or(0);
        let statuses: Vec<&'static str> = TicketStatus::ALL.iter().map(|status| status.as_str()).collect();
        let priorities: Vec<&'static str> =
            TicketPriority::ALL.iter().map(|priority| priority.as_str()).collect();
        let fields = vec![
            Field::choice("Status", statuses.clone(), position(&statuses, status.as_str())),
            Field::choice("Priority", priorities.clone(), position(&priorities, priority.as_str())),
            Field::line("Assignee", assignee),
            Field::text("Internal note"),
        ];
        Form::new(title, Purpose::Ticket(ticket), fields)
    }

    /// A refused item's payload, pretty-printed, to edit.
    pub fn outbox_payload(title: String, item: i64, payload: &str) -> Form {
        let pretty = serde_json::from_str::<serde_json::Value>(payload)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .unwrap_or_else(|_| payload.to_owned());
        let lines = pretty.lines().map(str::to_owned).collect();
        let field = Field { label: "Payload (JSON)", input: FieldInput::Text(TextArea::new(lines)) };
        Form::new(title, Purpose::OutboxPayload(item), vec![field])
    }

    /// Which duplicate to merge into `keep`, by its id (`#42`); `suggested`
    /// is the one the Duplicates queue names, if any.
    pub fn merge(title: String, keep: AccountId, suggested: &str) -> Form {
        Form::new(title, Purpose::Merge(keep), vec![Field::line("Duplicate", suggested)])
    }

    /// Which contact to keep and which duplicate to merge into it, by id;
    /// filled in with a likely pair when there is one.
    pub fn merge_contacts(title: String, keep: &str, duplicate: &str) -> Form {
        Form::new(
            title,
            Purpose::MergeContacts,
            vec![Field::line("Keep contact", keep), Field::line("Duplicate", duplicate)],
        )
    }

    pub fn close_loop(title: String, survey: SurveyId) -> Form {
        Form::new(title, Purpose::CloseLoop(survey), vec![Field::line("Outcome", "")])
    }

    /// The six MEDDIC elements as tick boxes, each with its evidence,
    /// filled in with what is stored.
    pub fn meddic(title: String, account: AccountId, stored: &[(MeddicElement, bool, String)]) -> Form {
        let mut fields = Vec::new();
        let mut before = Vec::new();
        for element in MeddicElement::ALL {
            let entry = stored.iter().find(|(stored, _, _)| stored == element);
            let (done, evidence) = entry.map_or((false, ""), |entry| (entry.1, entry.2.as_str()));
            fields.push(Field { label: element.title(), input: FieldInput::Check(done) });
            fields.push(Field::line("  evidence", evidence));
            before.push((done, evidence.to_owned()));
        }
        Form::new(title, Purpose::Meddic(account, before), fields)
    }

    /// Whether anything was typed that Esc would throw away.
    pub fn has_typed_text(&self) -> bool {
        self.fields.iter().any(Field::typed)
    }

    fn field(&self, label: &str) -> String {
        self.fields.iter().find(|field| field.label == label).map(Field::value).unwrap_or_default()
    }

    /// What the form asks for, or what to fix.
    pub fn submit(&self, now: Timestamp) -> Result<Submission, String> {
        if let Purpose::OutboxPayload(item) = self.purpose {
            let payload: serde_json::Value = serde_json::from_str(&self.field("Payload (JSON)"))
                .map_err(|error| format!("The payload is not JSON: {error}"))?;
            if !payload.is_object() {
                return Err("The payload must be a JSON object, { … }".into());
            }
            return Ok(Submission::EditOutbox { item, payload });
        }
        let (changes, label) = self.changes(now)?;
        Ok(Submission::Act { changes, label })
    }

    /// The changes the form asks for and their label, or what to fix. Of
    /// the MEDDIC checklist only the elements that differ from when the
    /// form opened are written.
    fn changes(&self, now: Timestamp) -> Result<(Vec<Change>, String), String> {
        let line = |label: &str, cap: FieldCap| SafeText::line(&self.field(label), cap);
        let text = |label: &str| SafeText::multiline(&self.field(label), FieldCap::COMMENT);
        let required = |value: SafeText, what: &str| {
            if value.is_empty() { Err(format!("{what} is empty")) } else { Ok(value) }
        };
        Ok(match &self.purpose {
            Purpose::Note(accounts) => {
                let body = required(text("Note"), "The note")?;
                let changes =
                    accounts.iter().map(|&account| Change::Note { account, body: body.clone() }).collect();
                (changes, "Note added".into())
            }
            Purpose::Touchpoint(account) => {
                let channel: TouchpointChannel = self.field("Channel").parse().map_err(|e| format!("{e}"))?;
                let outcome = required(line("Outcome", FieldCap::SUBJECT), "The outcome")?;
                let change = Change::Touchpoint {
                    account: *account,
                    contact: None,
                    channel,
                    outcome,
                    summary: text("Summary"),
                };
                (vec![change], format!("{channel} logged"))
            }
            Purpose::Task(accounts) => {
                let title = required(line("Title", FieldCap::NAME), "The title")?;
                let due = match self.field("Due").trim() {
                    "" => None,
                    due => Some(due_day(due, now)?),
                };
                let owner = line("Owner", FieldCap::NAME);
                let changes = accounts
                    .iter()
                    .map(|&account| {
                        Change::AddTask(TaskDraft {
                            account,
                            title: title.clone(),
                            owner: owner.clone(),
                            due,
                        })
                    })
                    .collect();
                (changes, "Task added".into())
            }
            Purpose::Snooze(task) => {
                let until = due_day(self.field("Until").trim(), now)?;
                (vec![Change::SnoozeTask { task: *task, until }], format!("Task snoozed to {until}"))
            }
            Purpose::Reassign(task) => {
                let owner = required(line("Owner", FieldCap::NAME), "The owner")?;
                (
                    vec![Change::ReassignTask { task: *task, owner: owner.clone() }],
                    format!("Task given to {owner}"),
                )
            }
            Purpose::Stage(accounts) => {
                let stage: LifecycleStage = self.field("Stage").parse().map_err(|e| format!("{e}"))?;
                let reason = line("Reason", FieldCap::SUBJECT);
                let changes = accounts
                    .iter()
                    .map(|&account| Change::SetStage { account, stage, reason: reason.clone() })
                    .collect();
                (changes, format!("Stage set to {stage}"))
            }
            Purpose::Ticket(ticket) => {
                let update = TicketUpdate {
                    status: self.field("Status").parse().ok(),
                    priority: self.field("Priority").parse().ok(),
                    assignee: Some(line("Assignee", FieldCap::NAME)),
                };
                let mut changes = vec![Change::UpdateTicket { ticket: *ticket, update }];
                let note = text("Internal note");
                if !note.is_empty() {
                    changes.push(Change::TicketNote { ticket: *ticket, body: note });
                }
                (changes, format!("Ticket #{} updated", ticket.0))
            }
            Purpose::CloseLoop(survey) => {
                let outcome = required(line("Outcome", FieldCap::SUBJECT), "The outcome")?;
                (vec![Change::CloseLoop { survey: *survey, outcome }], "Loop closed".into())
            }
            Purpose::Meddic(account, before) => {
                let mut changes = Vec::new();
                for ((pair, &element), (was_done, was_evidence)) in
                    self.fields.chunks(2).zip(MeddicElement::ALL).zip(before)
                {
                    let done = pair.first().is_some_and(|field| field.value() == "yes");
                    let evidence = pair.get(1).map(Field::value).unwrap_or_default();
                    if done != *was_done || evidence.trim() != was_evidence.trim() {
                        let evidence = SafeText::line(&evidence, FieldCap::SUBJECT);
                        changes.push(Change::Meddic { account: *account, element, done, evidence });
                    }
                }
                if changes.is_empty() {
                    return Err("Nothing changed: tick an element or write its evidence".into());
                }
                (changes, "MEDDIC saved".into())
            }
            Purpose::Merge(keep) => {
                let merge = AccountId(record_id(&self.field("Duplicate"), "an account")?);
                if merge == *keep {
                    return Err("An account cannot be merged into itself".into());
                }
                (vec![Change::MergeAccounts { keep: *keep, merge }], format!("Account #{merge} merged in"))
            }
            Purpose::MergeContacts => {
                let keep = ContactId(record_id(&self.field("Keep contact"), "a contact")?);
                let merge = ContactId(record_id(&self.field("Duplicate"), "a contact")?);
                if merge == keep {
                    return Err("A contact cannot be merged into itself".into());
                }
                (
                    vec![Change::MergeContacts { keep, merge }],
                    format!("Contact #{} merged into #{}", merge.0, keep.0),
                )
            }
            Purpose::OutboxPayload(_) => return Err("An outbox payload is not a change".into()),
        })
    }
}

/// The id in "#42" or "42", or what to type instead.
fn record_id(text: &str, what: &str) -> Result<i64, String> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| format!("{:?} is not {what}'s id: type its #id, e.g. #42", text.trim()))
}

/// A label's count, with thousands grouped: "1,204 accounts".
pub fn count_of(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", crate::model::group_thousands(count as u64))
    }
}

impl Confirm {
    /// The confirm step of a batch on `count` records.
    pub fn new(changes: Vec<Change>, label: String, count: usize) -> Confirm {
        let question = format!("{label}: apply to {}?", count_of(count, "account", "accounts"));
        Confirm { changes, label, question }
    }

    /// The confirm step of a merge of contacts.
    pub fn merge_contacts(changes: Vec<Change>, label: String, keep: ContactId, merge: ContactId) -> Confirm {
        let question = format!(
            "Merge contact #{} into #{}? Their tickets, survey answers and touchpoints move over",
            merge.0, keep.0
        );
        Confirm { changes, label, question }
    }

    /// The confirm step of a merge, which moves every record of the duplicate.
    pub fn merge(changes: Vec<Change>, label: String, keep: AccountId, merge: AccountId) -> Confirm {
        let question = format!(
            "Merge account #{merge} into #{keep}? Its contacts, tickets, surveys, purchases, tasks and notes move over"
        );
        Confirm { changes, label, question }
    }
}
