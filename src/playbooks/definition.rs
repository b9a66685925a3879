//! What a playbook is once `config/playbooks.toml` has been read and checked:
//! the event that triggers it, the steps it plans, when each step is due and
//! how a step's title is filled in. Plain data and calendar arithmetic; the
//! parsing and its error messages live in [`crate::config::playbooks`].

use jiff::civil::Date;

use crate::model::time::{add_business_days, add_days, add_months};
use crate::model::{FieldCap, LifecycleStage, SafeText};

/// Every playbook, in the order of the file. The default has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Playbooks {
    pub playbooks: Vec<Playbook>,
}

impl Playbooks {
    /// The playbook named `id`.
    pub fn get(&self, id: &str) -> Option<&Playbook> {
        self.playbooks.iter().find(|playbook| playbook.id == id)
    }
}

/// One playbook: a trigger and the tasks it plans when the trigger fires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playbook {
    /// Letters, digits, `_` and `-`; tasks carry it as their playbook.
    pub id: String,
    pub title: SafeText,
    pub trigger: Trigger,
    /// Who the tasks go to; `None` gives them to the account's owner.
    pub owner: Option<SafeText>,
    /// Never empty; a step's place in this list is part of its trigger key.
    pub steps: Vec<Step>,
}

/// The event a playbook answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// An NPS answer of 0–6.
    Detractor,
    /// An NPS answer of 9 or 10.
    Promoter,
    /// A purchase.
    Purchase,
    /// An account moving to a lifecycle stage.
    Stage { to: LifecycleStage, anchor: StageAnchor },
    /// An account's renewal date coming closer; steps are due before it.
    Renewal,
}

impl Trigger {
    /// The names `on = "…"` takes.
    pub const NAMES: [&'static str; 5] = ["detractor", "promoter", "purchase", "stage", "renewal"];

    /// The placeholders a step title may use: the survey's contact and score
    /// exist only for survey triggers.
    pub fn placeholders(self) -> &'static [Placeholder] {
        match self {
            Trigger::Detractor | Trigger::Promoter => &Placeholder::ALL,
            Trigger::Purchase | Trigger::Stage { .. } | Trigger::Renewal => &[Placeholder::Account],
        }
    }
}

/// The day a stage playbook's steps count from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StageAnchor {
    /// The day of the stage change.
    #[default]
    StageChange,
    /// The day of the account's latest purchase at or before the stage
    /// change, or of the stage change when there is none: an onboarding plan
    /// counts from the purchase even when the stage moves days later.
    LatestPurchase,
}

impl StageAnchor {
    /// The names `anchor = "…"` takes, with their meaning.
    pub const NAMES: [(&'static str, StageAnchor); 2] =
        [("stage_change", StageAnchor::StageChange), ("purchase", StageAnchor::LatestPurchase)];
}

/// One task a playbook plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: TitleTemplate,
    pub due: DueRule,
}

/// When a step is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRule {
    /// Calendar days after the event's day.
    AfterDays(u32),
    /// Working days (Monday to Friday) after the event's day.
    AfterBusinessDays(u32),
    /// Calendar months after the event's day.
    AfterMonths(u32),
    /// Days before the renewal date; only for renewal playbooks.
    BeforeRenewalDays(u32),
}

impl DueRule {
    /// The due day counted from `anchor`: the event's day, or the renewal
    /// date for [`DueRule::BeforeRenewalDays`]. `None` only past the year 9999.
    pub fn due(self, anchor: Date) -> Option<Date> {
        match self {
            DueRule::AfterDays(days) => Some(add_days(anchor, i64::from(days))),
            DueRule::AfterBusinessDays(days) => Some(add_business_days(anchor, days)),
            DueRule::AfterMonths(months) => add_months(anchor, months),
            DueRule::BeforeRenewalDays(days) => Some(add_days(anchor, -i64::from(days))),
        }
    }
}

/// A value a step title can name in braces: `{account}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// The account's name.
    Account,
    /// The name of the contact who answered the survey.
    Contact,
    /// The survey's score.
    Score,
}

impl Placeholder {
    pub const ALL: [Placeholder; 3] = [Placeholder::Account, Placeholder::Contact, Placeholder::Score];

    /// The name between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Account => "account",
            Placeholder::Contact => "contact",
            Placeholder::Score => "score",
        }
    }
}

/// A `{name}` in a title that is not a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub name: String,
    /// Characters from the title's start to the opening brace.
    pub column: usize,
}

/// A step title, split once at its placeholders so filling it in for a
/// million events is only copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleTemplate {
    parts: Vec<TitlePart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TitlePart {
    Text(String),
    Value(Placeholder),
}

/// What a title's placeholders are filled in with.
#[derive(Debug, Clone, Copy)]
pub struct TitleValues<'a> {
    pub account: &'a str,
    /// Empty when the survey names no contact.
    pub contact: &'a str,
    pub score: Option<i64>,
}

/// Said for `{contact}` when the survey names nobody.
const NO_CONTACT: &str = "the contact";

impl TitleTemplate {
    /// Splits a title at its `{name}`s; a `{` with no `}` after it is text.
    pub fn parse(title: &str) -> Result<TitleTemplate, UnknownPlaceholder> {
        let mut parts = Vec::new();
        let mut rest = title;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after_name)) = after.split_once('}') else { break };
            let Some(placeholder) = Placeholder::ALL.into_iter().find(|known| known.name() == name) else {
                let consumed = title.len() - rest.len() + before.len();
                return Err(UnknownPlaceholder {
                    name: name.to_owned(),
                    column: title[..consumed].chars().count(),
                });
            };
            if !before.is_empty() {
                parts.push(TitlePart::Text(before.to_owned()));
            }
            parts.push(TitlePart::Value(placeholder));
            rest = after_name;
        }
        if !rest.is_empty() {
            parts.push(TitlePart::Text(rest.to_owned()));
        }
        Ok(TitleTemplate { parts })
    }

    /// The placeholders the title uses, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = Placeholder> + '_ {
        self.parts.iter().filter_map(|part| match part {
            TitlePart::Value(placeholder) => Some(*placeholder),
            TitlePart::Text(_) => None,
        })
    }

    /// The title with its placeholders filled in, as one line.
    pub fn render(&self, values: &TitleValues) -> SafeText {
        let mut title = String::with_capacity(64);
        for part in &self.parts {
            match part {
                TitlePart::Text(text) => title.push_str(text),
                TitlePart::Value(Placeholder::Account) => title.push_str(values.account),
                TitlePart::Value(Placeholder::Contact) if values.contact.is_empty() => {
                    title.push_str(NO_CONTACT);
                }
                TitlePart::Value(Placeholder::Contact) => title.push_str(values.contact),
                TitlePart::Value(Placeholder::Score) => {
                    if let Some(score) = values.score {
                        title.push_str(&score.to_string());
                    }
                }
            }
        }
        SafeText::line(&title, FieldCap::SUBJECT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_filled_in() {
        let template =
            TitleTemplate::parse("Call back {contact} at {account} (detractor, scored {score})").unwrap();
        let values = TitleValues { account: "Acme", contact: "Ada", score: Some(3) };
        assert_eq!(template.render(&values).as_str(), "Call back Ada at Acme (detractor, scored 3)");
        let nobody = TitleValues { contact: "", ..values };
        assert_eq!(template.render(&nobody).as_str(), "Call back the contact at Acme (detractor, scored 3)");
        let plain = TitleTemplate::parse("Kickoff { call").unwrap();
        assert_eq!(plain.render(&values).as_str(), "Kickoff { call");
        assert_eq!(plain.placeholders().count(), 0);
    }

    #[test]
    fn an_unknown_placeholder_is_named_with_its_column() {
        let error = TitleTemplate::parse("Ask {acount} for a review").unwrap_err();
        assert_eq!(error, UnknownPlaceholder { name: "acount".to_owned(), column: 4 });
        let error = TitleTemplate::parse("Zażółć {account} {stage}").unwrap_err();
        assert_eq!(error.column, 17);
    }

    #[test]
    fn due_days_count_from_the_anchor() {
        let friday = Date::constant(2026, 11, 27);
        assert_eq!(DueRule::AfterDays(3).due(friday), Some(Date::constant(2026, 11, 30)));
        assert_eq!(DueRule::AfterBusinessDays(2).due(friday), Some(Date::constant(2026, 12, 1)));
        assert_eq!(DueRule::AfterMonths(1).due(friday), Some(Date::constant(2026, 12, 27)));
        assert_eq!(DueRule::BeforeRenewalDays(30).due(friday), Some(Date::constant(2026, 10, 28)));
    }
}
