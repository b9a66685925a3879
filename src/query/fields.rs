//! The field catalog: every field a filter can name, with its aliases, the
//! values it takes and what it means. Help screens and completion read this
//! table; the parser finds fields in it and type-checks values by its kind.

use super::ast::{KeywordField, NumberField, TextField};
use super::dates::DateField;

/// What kind of value a field holds, and so which comparisons it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number: `<`, `<=`, `>`, `>=`, `=`, `!=` (and `:` as `=`).
    Number(NumberField),
    /// An amount of money: the comparisons of a number, with decimals.
    Mrr,
    /// A day or an instant: the comparisons of a number, against `90d`,
    /// `12w` or `2026-12-31`.
    Date(DateField),
    /// A lifecycle stage: `:` (or `=`) and `!=`.
    Stage,
    /// A health band: `:` (or `=`) and `!=`.
    Band,
    /// Free text: `:` contains, `=` is, `!=` is not — ignoring case.
    Text(TextField),
    /// A whole word: `:` (or `=`) and `!=`, ignoring case.
    Keyword(KeywordField),
    /// The account owner: as a keyword, and `me` for the user.
    Owner,
}

impl FieldKind {
    /// The canonical name, as [`Filter`](super::Filter)'s text writes it.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Number(field) => field.name(),
            FieldKind::Mrr => "mrr",
            FieldKind::Date(field) => field.name(),
            FieldKind::Stage => "stage",
            FieldKind::Band => "band",
            FieldKind::Text(field) => field.name(),
            FieldKind::Keyword(field) => field.name(),
            FieldKind::Owner => "owner",
        }
    }
}

/// One row of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub kind: FieldKind,
    /// Other names accepted for the field.
    pub aliases: &'static [&'static str],
    /// The values it takes, for help.
    pub values: &'static str,
    pub description: &'static str,
}

impl FieldSpec {
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }
}

/// Every field, in the order help lists them.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        kind: FieldKind::Number(NumberField::Health),
        aliases: &["score", "health_score"],
        values: "whole number 0–100",
        description: "today's saved health score (the latest day saved up to today)",
    },
    FieldSpec {
        kind: FieldKind::Band,
        aliases: &["health_band"],
        values: "poor, fair or good",
        description: "the band of today's health score, as health.toml sets the bands",
    },
    FieldSpec {
        kind: FieldKind::Stage,
        aliases: &["lifecycle", "lifecycle_stage"],
        values: "reach, acquisition, conversion, retention, loyalty, churned, reactivated, or an alias",
        description: "the lifecycle stage",
    },
    FieldSpec {
        kind: FieldKind::Keyword(KeywordField::Plan),
        aliases: &["tier"],
        values: "a word, whole, ignoring case",
        description: "the plan",
    },
    FieldSpec {
        kind: FieldKind::Owner,
        aliases: &["csm"],
        values: "a name, or me",
        description: "the CSM or agent who owns the account; me is you",
    },
    FieldSpec {
        kind: FieldKind::Keyword(KeywordField::Tag),
        aliases: &["tags"],
        values: "a word, whole, ignoring case",
        description: "any one of the account's tags",
    },
    FieldSpec {
        kind: FieldKind::Mrr,
        aliases: &["revenue"],
        values: "amount in major units, e.g. 1000 or 1250.50",
        description: "monthly recurring revenue now, in the account's own currency",
    },
    FieldSpec {
        kind: FieldKind::Date(DateField::Renewal),
        aliases: &["renews", "renewal_date"],
        values: "date: 90d or 12w ahead, or 2026-12-31",
        description: "the renewal day; renewal < 90d renews within the next 90 days",
    },
    FieldSpec {
        kind: FieldKind::Date(DateField::Created),
        aliases: &["created_at"],
        values: "date: 90d or 12w ago, or 2026-12-31",
        description: "when the account was created; created < 30d is new this month",
    },
    FieldSpec {
        kind: FieldKind::Number(NumberField::Nps),
        aliases: &[],
        values: "whole number 0–10",
        description: "the account's latest NPS answer",
    },
    FieldSpec {
        kind: FieldKind::Number(NumberField::Csat),
        aliases: &[],
        values: "whole number 1–5",
        description: "the account's latest CSAT survey answer",
    },
    FieldSpec {
        kind: FieldKind::Date(DateField::LastContact),
        aliases: &["contacted", "last_seen"],
        values: "date: 30d or 4w ago, or 2026-12-31",
        description: "when a contact was last seen; last_contact > 30d is more than 30 days ago",
    },
    FieldSpec {
        kind: FieldKind::Date(DateField::LastLogin),
        aliases: &["login"],
        values: "date: 30d or 4w ago, or 2026-12-31",
        description: "the latest usage day with a login",
    },
    FieldSpec {
        kind: FieldKind::Number(NumberField::OpenTickets),
        aliases: &["tickets", "open"],
        values: "whole number from 0",
        description: "tickets not solved or closed",
    },
    FieldSpec {
        kind: FieldKind::Number(NumberField::UrgentTickets),
        aliases: &["urgent"],
        values: "whole number from 0",
        description: "open tickets of urgent priority",
    },
    FieldSpec {
        kind: FieldKind::Text(TextField::Name),
        aliases: &["account", "company"],
        values: "text: name:acme contains, name = \"Acme Ltd\" is",
        description: "the account's name",
    },
    FieldSpec {
        kind: FieldKind::Text(TextField::Domain),
        aliases: &["email_domain"],
        values: "text: domain:acme contains, domain = acme.com is",
        description: "the account's e-mail domain",
    },
];

/// The field a word names, by name or alias, ignoring case; `-` may stand
/// for `_` (`last-contact`).
pub fn field_named(word: &str) -> Option<&'static FieldSpec> {
    let word = normalise(word);
    FIELDS.iter().find(|spec| spec.name() == word || spec.aliases.contains(&word.as_str()))
}

/// The field nearest to a mistyped word, by its canonical name.
pub(super) fn nearest_field(word: &str) -> Option<&'static str> {
    let word = normalise(word);
    let names =
        FIELDS.iter().flat_map(|spec| std::iter::once(spec.name()).chain(spec.aliases.iter().copied()));
    let nearest = super::suggest::nearest(&word, names)?;
    field_named(nearest).map(FieldSpec::name)
}

fn normalise(word: &str) -> String {
    word.to_lowercase().replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for spec in FIELDS {
            for name in std::iter::once(spec.name()).chain(spec.aliases.iter().copied()) {
                assert!(seen.insert(name), "{name} names two fields");
                assert_eq!(name, normalise(name), "{name} is not in normal form");
            }
        }
    }

    #[test]
    fn every_field_of_the_syntax_tree_is_in_the_catalog() {
        use super::super::ast::{KeywordField, NumberField, TextField};
        let kinds = [
            FieldKind::Number(NumberField::Health),
            FieldKind::Number(NumberField::Nps),
            FieldKind::Number(NumberField::Csat),
            FieldKind::Number(NumberField::OpenTickets),
            FieldKind::Number(NumberField::UrgentTickets),
            FieldKind::Mrr,
            FieldKind::Date(DateField::Renewal),
            FieldKind::Date(DateField::Created),
            FieldKind::Date(DateField::LastContact),
            FieldKind::Date(DateField::LastLogin),
            FieldKind::Stage,
            FieldKind::Band,
            FieldKind::Text(TextField::Name),
            FieldKind::Text(TextField::Domain),
            FieldKind::Keyword(KeywordField::Plan),
            FieldKind::Keyword(KeywordField::Tag),
            FieldKind::Owner,
        ];
        assert_eq!(FIELDS.len(), kinds.len());
        for kind in kinds {
            assert_eq!(FIELDS.iter().filter(|spec| spec.kind == kind).count(), 1, "{kind:?}");
            assert_eq!(field_named(kind.name()).map(|spec| spec.kind), Some(kind));
        }
    }

    #[test]
    fn fields_are_found_by_alias_in_any_case() {
        assert_eq!(field_named("HEALTH").map(FieldSpec::name), Some("health"));
        assert_eq!(field_named("Last-Contact").map(FieldSpec::name), Some("last_contact"));
        assert_eq!(field_named("lifecycle").map(FieldSpec::name), Some("stage"));
        assert_eq!(field_named("risk"), None);
        assert_eq!(nearest_field("helth"), Some("health"));
        assert_eq!(nearest_field("lastcontact"), Some("last_contact"));
        assert_eq!(nearest_field("tcikets"), Some("open_tickets"));
        assert_eq!(nearest_field("acme"), None);
    }
}
