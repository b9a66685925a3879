//! The kinds of record a file can hold and the fields of each: their names
//! (which are also the default column names), whether a row must give them,
//! and how a `[defaults]` value of a mapping file is checked before any row
//! is read.

use super::cells;
use crate::model::group_thousands;

/// What one file holds: one kind of record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    /// Customer companies: name, stage, domain, plan, mrr, …
    Accounts,
    /// People at an account, by its domain or external id.
    Contacts,
    /// Support tickets of an account.
    Tickets,
    /// NPS, CSAT, CES and good/bad answers.
    Surveys,
    /// What accounts bought.
    Purchases,
    /// One day of an account's product usage per row.
    Usage,
}

/// One field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The field's name, and the column (or JSON key) read by default.
    pub name: &'static str,
    /// A row without it is a bad row, unless the mapping gives a default.
    pub required: bool,
    /// Checks a `[defaults]` value, with the same words a bad cell gets.
    pub check: fn(&str) -> Result<(), String>,
}

const fn required(name: &'static str, check: fn(&str) -> Result<(), String>) -> Field {
    Field { name, required: true, check }
}

const fn optional(name: &'static str, check: fn(&str) -> Result<(), String>) -> Field {
    Field { name, required: false, check }
}

fn any_text(_: &str) -> Result<(), String> {
    Ok(())
}

fn day(text: &str) -> Result<(), String> {
    cells::day(text).map(drop)
}

fn instant(text: &str) -> Result<(), String> {
    cells::instant(text).map(drop)
}

fn amount(text: &str) -> Result<(), String> {
    cells::decimal(text)
}

fn currency(text: &str) -> Result<(), String> {
    cells::currency(text).map(drop)
}

fn count(text: &str) -> Result<(), String> {
    cells::count(text).map(drop)
}

fn flag(text: &str) -> Result<(), String> {
    cells::flag(text).map(drop)
}

fn email(text: &str) -> Result<(), String> {
    cells::email(text).map(drop)
}

fn domain(text: &str) -> Result<(), String> {
    cells::domain(text).map(drop)
}

fn stage(text: &str) -> Result<(), String> {
    cells::word::<crate::model::LifecycleStage>(text).map(drop)
}

fn ticket_status(text: &str) -> Result<(), String> {
    cells::word::<crate::model::TicketStatus>(text).map(drop)
}

fn ticket_priority(text: &str) -> Result<(), String> {
    cells::word::<crate::model::TicketPriority>(text).map(drop)
}

fn ticket_channel(text: &str) -> Result<(), String> {
    cells::word::<crate::model::TicketChannel>(text).map(drop)
}

fn survey_kind(text: &str) -> Result<(), String> {
    cells::word::<crate::model::SurveyKind>(text).map(drop)
}

/// A score is checked against its kind row by row; a default must at least
/// be a whole number or good/bad.
fn score(text: &str) -> Result<(), String> {
    cells::raw_score(text).map(drop)
}

const ACCOUNT_FIELDS: &[Field] = &[
    required("name", any_text),
    required("stage", stage),
    optional("domain", domain),
    optional("plan", any_text),
    optional("mrr", amount),
    optional("currency", currency),
    optional("owner", any_text),
    optional("renewal_date", day),
    optional("created_at", instant),
    optional("external_id", any_text),
    optional("tags", any_text),
];

const CONTACT_FIELDS: &[Field] = &[
    required("account", any_text),
    required("email", email),
    optional("name", any_text),
    optional("role", any_text),
    optional("champion", flag),
];

const TICKET_FIELDS: &[Field] = &[
    required("account", any_text),
    required("subject", any_text),
    required("status", ticket_status),
    required("created_at", instant),
    optional("requester_email", email),
    optional("priority", ticket_priority),
    optional("assignee", any_text),
    optional("channel", ticket_channel),
    optional("solved_at", instant),
    optional("external_id", any_text),
];

const SURVEY_FIELDS: &[Field] = &[
    required("account", any_text),
    required("kind", survey_kind),
    required("score", score),
    required("responded_at", instant),
    optional("contact_email", email),
    optional("comment", any_text),
];

const PURCHASE_FIELDS: &[Field] = &[
    required("account", any_text),
    required("amount", amount),
    required("currency", currency),
    required("purchased_at", instant),
    optional("cost", amount),
    optional("description", any_text),
];

const USAGE_FIELDS: &[Field] = &[
    required("account", any_text),
    required("day", day),
    required("active_users", count),
    optional("seats", count),
    optional("logins", count),
    optional("key_feature_uses", count),
];

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Accounts => "accounts",
            ImportKind::Contacts => "contacts",
            ImportKind::Tickets => "tickets",
            ImportKind::Surveys => "surveys",
            ImportKind::Purchases => "purchases",
            ImportKind::Usage => "usage",
        }
    }

    /// Every field of the kind, required ones first.
    pub fn fields(self) -> &'static [Field] {
        match self {
            ImportKind::Accounts => ACCOUNT_FIELDS,
            ImportKind::Contacts => CONTACT_FIELDS,
            ImportKind::Tickets => TICKET_FIELDS,
            ImportKind::Surveys => SURVEY_FIELDS,
            ImportKind::Purchases => PURCHASE_FIELDS,
            ImportKind::Usage => USAGE_FIELDS,
        }
    }

    /// The field called `name`, if the kind has one.
    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|field| field.name == name)
    }

    /// The field names, for messages that list them.
    pub fn field_names(self) -> String {
        self.fields().iter().map(|field| field.name).collect::<Vec<_>>().join(", ")
    }

    /// One record of the kind, for "every ticket needs …".
    pub fn singular(self) -> &'static str {
        match self {
            ImportKind::Accounts => "account",
            ImportKind::Contacts => "contact",
            ImportKind::Tickets => "ticket",
            ImportKind::Surveys => "survey answer",
            ImportKind::Purchases => "purchase",
            ImportKind::Usage => "day of usage",
        }
    }

    /// "1 account", "1,204 purchases".
    pub fn count_text(self, count: u64) -> String {
        let noun = match (self, count) {
            (_, 1) => self.singular(),
            (ImportKind::Surveys, _) => "survey answers",
            (ImportKind::Usage, _) => "days of usage",
            _ => self.as_str(),
        };
        format!("{} {noun}", group_thousands(count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields_come_first_and_names_are_unique() {
        for kind in [
            ImportKind::Accounts,
            ImportKind::Contacts,
            ImportKind::Tickets,
            ImportKind::Surveys,
            ImportKind::Purchases,
            ImportKind::Usage,
        ] {
            let fields = kind.fields();
            let first_optional = fields.iter().position(|field| !field.required).unwrap_or(fields.len());
            assert!(fields[first_optional..].iter().all(|field| !field.required), "{kind:?}");
            for (index, field) in fields.iter().enumerate() {
                assert!(fields[index + 1..].iter().all(|other| other.name != field.name), "{kind:?}");
            }
        }
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(ImportKind::Purchases.count_text(1_204), "1,204 purchases");
        assert_eq!(ImportKind::Accounts.count_text(1), "1 account");
        assert_eq!(ImportKind::Usage.count_text(3), "3 days of usage");
    }
}
