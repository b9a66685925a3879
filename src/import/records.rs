//! Building model records from rows, field by field. Pure: the account and
//! contact a row refers to are looked up by the caller and handed in, so
//! every rule about a field's value lives here and is tested without a
//! workspace.

use jiff::Timestamp;

use super::cells;
use super::rows::{Row, RowError};
use crate::model::{
    Account, AccountId, Contact, ContactId, Currency, ExternalRef, FieldCap, Money, Purchase, SafeText,
    Source, SurveyResponse, Ticket, TicketChannel, TicketPriority, UsageSnapshot,
};

/// An account; `now` is its creation time when the row gives none.
pub fn account(row: &Row, now: Timestamp) -> Result<Account, RowError> {
    let currency = row.optional("currency", cells::currency)?;
    let mrr = match (row.given("mrr"), currency) {
        (None, currency) => Money::new(0, currency.unwrap_or(Currency::USD)),
        (Some(_), Some(currency)) => row.required("mrr", |text| cells::money(text, currency))?,
        (Some(_), None) => {
            return Err(row.error(
                "mrr",
                "has no currency: add a currency column, or set [defaults] currency = \"EUR\" in a --map file",
            ));
        }
    };
    Ok(Account {
        id: AccountId::default(),
        name: row.required_text("name", FieldCap::NAME)?,
        domain: row.optional("domain", cells::domain)?.unwrap_or_default(),
        plan: row.line_text("plan", FieldCap::NAME),
        mrr,
        owner: row.line_text("owner", FieldCap::NAME),
        stage: row.required("stage", cells::word)?,
        renewal_date: row.optional("renewal_date", cells::day)?,
        created_at: row.optional("created_at", cells::instant)?.unwrap_or(now),
        tags: row.given("tags").map(|cell| cells::tags(&cell.text)).unwrap_or_default(),
        external_ids: external_ref(row).into_iter().collect(),
    })
}

pub fn contact(row: &Row, account_id: AccountId) -> Result<Contact, RowError> {
    Ok(Contact {
        id: Default::default(),
        account_id,
        name: row.line_text("name", FieldCap::NAME),
        email: row.required("email", cells::email)?,
        role: row.line_text("role", FieldCap::NAME),
        champion: row.optional("champion", cells::flag)?.unwrap_or(false),
        last_seen_at: None,
        external: None,
    })
}

pub fn ticket(row: &Row, account_id: AccountId, requester_id: Option<ContactId>) -> Result<Ticket, RowError> {
    let created_at = row.required("created_at", cells::instant)?;
    let solved_at = row.optional("solved_at", cells::instant)?;
    if let Some(solved) = solved_at.filter(|solved| *solved < created_at) {
        return Err(
            row.error("solved_at", format!("{solved} is before the ticket was created, {created_at}"))
        );
    }
    Ok(Ticket {
        id: Default::default(),
        account_id,
        requester_id,
        subject: row.required_text("subject", FieldCap::SUBJECT)?,
        status: row.required("status", cells::word)?,
        priority: row.optional("priority", cells::word)?.unwrap_or(TicketPriority::Normal),
        assignee: row.line_text("assignee", FieldCap::NAME),
        channel: row.optional("channel", cells::word)?.unwrap_or(TicketChannel::Email),
        created_at,
        updated_at: solved_at.unwrap_or(created_at),
        solved_at,
        sla_due_at: None,
        satisfaction: None,
        external: external_ref(row),
    })
}

pub fn survey(
    row: &Row,
    account_id: AccountId,
    contact_id: Option<ContactId>,
) -> Result<SurveyResponse, RowError> {
    let kind = row.required("kind", cells::word)?;
    Ok(SurveyResponse {
        id: Default::default(),
        account_id,
        contact_id,
        ticket_id: None,
        answer: row.required("score", |text| cells::answer(kind, text))?,
        comment: row.multiline_text("comment", FieldCap::COMMENT),
        responded_at: row.required("responded_at", cells::instant)?,
        loop_closed: None,
    })
}

/// A purchase; its cost, when given, is in the purchase's currency.
pub fn purchase(row: &Row, account_id: AccountId) -> Result<Purchase, RowError> {
    let currency = row.required("currency", cells::currency)?;
    Ok(Purchase {
        id: Default::default(),
        account_id,
        amount: row.required("amount", |text| cells::money(text, currency))?,
        cost: row.optional("cost", |text| cells::money(text, currency))?.unwrap_or(Money::new(0, currency)),
        description: row.line_text("description", FieldCap::SUBJECT),
        purchased_at: row.required("purchased_at", cells::instant)?,
    })
}

pub fn usage(row: &Row, account_id: AccountId) -> Result<UsageSnapshot, RowError> {
    let count = |field| row.optional(field, cells::count).map(Option::unwrap_or_default);
    Ok(UsageSnapshot {
        account_id,
        day: row.required("day", cells::day)?,
        active_users: row.required("active_users", cells::count)?,
        seats: count("seats")?,
        logins: count("logins")?,
        key_feature_uses: count("key_feature_uses")?,
    })
}

/// The row's id in the system it was exported from.
fn external_ref(row: &Row) -> Option<ExternalRef> {
    let id = row.line_text("external_id", FieldCap::TOKEN);
    (!id.is_empty()).then_some(ExternalRef { source: Source::File, id })
}

/// The account reference of a row, as written.
pub fn account_reference(row: &Row) -> Result<String, RowError> {
    row.required("account", |text| Ok(text.trim().to_owned()))
}

/// A contact's address in a field such as requester_email.
pub fn email_of(row: &Row, field: &'static str) -> Result<Option<SafeText>, RowError> {
    row.optional(field, cells::email)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::ImportKind;
    use crate::import::rows::{Cell, Origin, Original};
    use crate::model::{LifecycleStage, SurveyAnswer, TicketStatus};

    /// A row of `kind` with the given fields' text, as CSV columns.
    fn row(kind: ImportKind, given: &[(&str, &str)]) -> Row {
        let cells = kind
            .fields()
            .iter()
            .enumerate()
            .map(|(index, field)| {
                given
                    .iter()
                    .find(|(name, _)| *name == field.name)
                    .map(|(_, text)| Cell { text: (*text).to_owned(), origin: Origin::Column(index) })
            })
            .collect();
        Row { kind, line: 2, cells, original: Original::Csv(csv::StringRecord::new()) }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn an_account_takes_every_field_and_sanitises_its_text() {
        let row = row(
            ImportKind::Accounts,
            &[
                ("name", "Acme\u{1b}]0;pwned\u{7} Corp"),
                ("domain", "ACME.com"),
                ("plan", "Enterprise"),
                ("mrr", "1200.50"),
                ("currency", "eur"),
                ("owner", "Ann"),
                ("stage", "Onboarding"),
                ("renewal_date", "2027-01-31"),
                ("created_at", "2025-01-02"),
                ("external_id", "crm-7"),
                ("tags", "vip; emea"),
            ],
        );
        let account = account(&row, at("2026-11-25T00:00:00Z")).unwrap();
        assert_eq!(account.name.as_str(), "Acme Corp");
        assert_eq!(account.domain.as_str(), "acme.com");
        assert_eq!(account.mrr, Money::new(120_050, Currency::EUR));
        assert_eq!(account.stage, LifecycleStage::Retention);
        assert_eq!(account.created_at, at("2025-01-02T00:00:00Z"));
        assert_eq!(account.tags.len(), 2);
        assert_eq!(account.external_ids[0].source, Source::File);
    }

    #[test]
    fn an_account_without_a_creation_time_is_created_now_and_mrr_needs_a_currency() {
        let now = at("2026-11-25T10:00:00Z");
        let minimal =
            account(&row(ImportKind::Accounts, &[("name", "Acme"), ("stage", "trial")]), now).unwrap();
        assert_eq!((minimal.created_at, minimal.mrr.minor, minimal.external_ids.len()), (now, 0, 0));
        let error =
            account(&row(ImportKind::Accounts, &[("name", "A"), ("stage", "trial"), ("mrr", "10")]), now)
                .unwrap_err();
        assert_eq!(error.field, "mrr");
        assert!(error.reason.starts_with("has no currency"), "{}", error.reason);
    }

    #[test]
    fn a_ticket_solved_before_it_was_created_is_refused() {
        let fields = [
            ("account", "acme.com"),
            ("subject", "Login fails"),
            ("status", "resolved"),
            ("created_at", "2026-11-20T10:00:00Z"),
        ];
        let ticket = ticket(&row(ImportKind::Tickets, &fields), AccountId(1), None).unwrap();
        assert_eq!(ticket.status, TicketStatus::Solved);
        assert_eq!((ticket.priority, ticket.channel), (TicketPriority::Normal, TicketChannel::Email));
        let mut early = fields.to_vec();
        early.push(("solved_at", "2026-11-19"));
        let error = super::ticket(&row(ImportKind::Tickets, &early), AccountId(1), None).unwrap_err();
        assert_eq!((error.field, error.origin), ("solved_at", Some(Origin::Column(8))));
    }

    #[test]
    fn a_survey_score_is_read_on_its_kind_scale() {
        let fields = |score| {
            row(
                ImportKind::Surveys,
                &[("account", "a.com"), ("kind", "nps"), ("score", score), ("responded_at", "2026-11-01")],
            )
        };
        let answer = survey(&fields("9"), AccountId(1), None).unwrap().answer;
        assert_eq!(answer, SurveyAnswer::Nps(9));
        let error = survey(&fields("11"), AccountId(1), None).unwrap_err();
        assert!(error.reason.contains("off the scale 0–10"), "{}", error.reason);
    }

    #[test]
    fn a_purchase_cost_is_in_its_currency_and_usage_counts_default_to_zero() {
        let purchase = purchase(
            &row(
                ImportKind::Purchases,
                &[("amount", "99.90"), ("currency", "PLN"), ("cost", "40"), ("purchased_at", "2026-10-01")],
            ),
            AccountId(3),
        )
        .unwrap();
        assert_eq!((purchase.amount.minor, purchase.cost), (9_990, Money::new(4_000, Currency::PLN)));
        let usage =
            usage(&row(ImportKind::Usage, &[("day", "2026-11-01"), ("active_users", "7")]), AccountId(3))
                .unwrap();
        assert_eq!((usage.active_users, usage.seats, usage.logins), (7, 0, 0));
    }
}
