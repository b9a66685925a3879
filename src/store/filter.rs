//! Filters in SQL: a [`Filter`] of the query language becomes one WHERE
//! clause over `accounts`, with every value typed by the user bound as a
//! parameter — never spliced into the text.
//!
//! Each condition is a definite true or false for every account, never SQL's
//! unknown: a missing value (no renewal date, no NPS answer, no saved health
//! score) fails every comparison, and `not` is then the exact complement. A
//! fact that lives in another table is an `accounts.id IN (subquery)` over
//! that table, which SQLite runs once per statement rather than once per
//! account, each shaped to read an index of migration 4 where one helps:
//!
//! - `health` and `band`: the score of the latest saved day up to today;
//! - `nps`, `csat`: the account's latest answer of that kind up to now;
//! - `last_contact`: the latest `last_seen_at` of its contacts up to now;
//! - `last_login`: its latest usage day up to today with a login;
//! - `open_tickets`, `urgent_tickets`: counts, where an account without any
//!   such ticket has zero (so `open_tickets < 2` includes it);
//! - `tag`: any one of its tags.
//!
//! Text compares ignoring case: names through `name_sort_key` (folded by
//! keepers in every script) and domains as stored (lower-case); plan, owner
//! and tag through SQL `lower()` on both sides, which SQLite applies to
//! ASCII letters only. The SQL is standard but for `LIKE … ESCAPE`, which
//! PostgreSQL also has.

use jiff::Span;
use jiff::civil::Date;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::accounts::{AccountSort, SUMMARY_COLUMNS, decode_summary, order_by};
use super::{Store, StoreError};
use crate::model::time::utc_date;
use crate::model::{AccountId, AccountSummary, Currency, SurveyKind, TicketPriority, TicketStatus};
use crate::query::{
    Comparison, Condition, DateField, DateRange, DateScale, Equality, Filter, FilterContext, KeywordField,
    MinorBound, NumberField, Owner, TextField, TextTest,
};

impl Store {
    /// The accounts a filter matches as of `context.now`, by name (ignoring
    /// case), then id.
    pub fn accounts_matching(
        &self,
        filter: &Filter,
        context: &FilterContext,
    ) -> Result<Vec<AccountSummary>, StoreError> {
        let clause = self.where_clause(filter, context)?;
        // The unary `+` keeps SQLite from walking the name index row by row
        // (see `accounts::order_by`): a scan and a sort are faster.
        let sql = format!("{SUMMARY_COLUMNS} WHERE {} ORDER BY +name_sort_key, id", clause.sql);
        self.read_all(&sql, params_from_iter(clause.values), decode_summary)
    }

    /// The accounts list in the order of `sort`: the accounts `filter`
    /// matches as of `context.now` if there is one, and only those `among`
    /// if given (a dashboard tile's accounts).
    pub fn account_list(
        &self,
        filter: Option<&Filter>,
        among: Option<&[AccountId]>,
        context: &FilterContext,
        sort: AccountSort,
    ) -> Result<Vec<AccountSummary>, StoreError> {
        let (mut sql, mut values) = match filter {
            Some(filter) => {
                let clause = self.where_clause(filter, context)?;
                (format!("{SUMMARY_COLUMNS} WHERE {}", clause.sql), clause.values)
            }
            None => (format!("{SUMMARY_COLUMNS} WHERE 1"), Vec::new()),
        };
        if let Some(ids) = among {
            // One bound JSON array, however many ids: no statement text
            // grows with the list, and SQLite reads it as a table.
            let list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
            values.push(Value::Text(format!("[{}]", list.join(","))));
            sql.push_str(" AND id IN (SELECT value FROM json_each(?))");
        }
        sql.push_str(&format!(" ORDER BY {}", order_by(sort)));
        self.read_all(&sql, params_from_iter(values), decode_summary)
    }

    /// The ids of the accounts a filter matches as of `context.now`, in id
    /// order: enough to narrow rows that are already loaded.
    pub fn account_ids_matching(
        &self,
        filter: &Filter,
        context: &FilterContext,
    ) -> Result<Vec<AccountId>, StoreError> {
        let clause = self.where_clause(filter, context)?;
        let sql = format!("SELECT id FROM accounts WHERE {} ORDER BY id", clause.sql);
        self.read_all(&sql, params_from_iter(clause.values), |row| Ok(AccountId(row.get(0)?)))
    }

    /// How many accounts a filter matches as of `context.now`.
    pub fn count_matching(&self, filter: &Filter, context: &FilterContext) -> Result<u64, StoreError> {
        let clause = self.where_clause(filter, context)?;
        let sql = format!("SELECT count(*) FROM accounts WHERE {}", clause.sql);
        let count: i64 = self
            .connection
            .prepare_cached(&sql)?
            .query_row(params_from_iter(clause.values), |row| row.get(0))?;
        // count(*) is never negative.
        Ok(count.unsigned_abs())
    }

    fn where_clause<'a>(
        &'a self,
        filter: &Filter,
        context: &'a FilterContext,
    ) -> Result<WhereClause<'a>, StoreError> {
        let mut clause =
            WhereClause { store: self, context, sql: String::new(), values: Vec::new(), currencies: None };
        clause.filter(filter)?;
        Ok(clause)
    }
}

/// The WHERE clause being written, with its parameters in order.
struct WhereClause<'a> {
    store: &'a Store,
    context: &'a FilterContext,
    sql: String,
    values: Vec<Value>,
    /// The currencies accounts are billed in, read once when `mrr` is used.
    currencies: Option<Vec<Currency>>,
}

impl WhereClause<'_> {
    /// Appends a `?` and binds `value` to it.
    fn bind(&mut self, value: impl Into<Value>) {
        self.sql.push('?');
        self.values.push(value.into());
    }

    fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    fn filter(&mut self, filter: &Filter) -> Result<(), StoreError> {
        match filter {
            Filter::Condition(condition) => {
                self.push("(");
                self.condition(condition)?;
                self.push(")");
            }
            Filter::Not(inner) => {
                self.push("NOT ");
                self.filter(inner)?;
            }
            // A tree built in code may hold no parts: all of none is true,
            // any of none false.
            Filter::And(parts) if parts.is_empty() => self.push("TRUE"),
            Filter::Or(parts) if parts.is_empty() => self.push("FALSE"),
            Filter::And(parts) => self.joined(parts, " AND ")?,
            Filter::Or(parts) => self.joined(parts, " OR ")?,
        }
        Ok(())
    }

    fn joined(&mut self, parts: &[Filter], operator: &str) -> Result<(), StoreError> {
        self.push("(");
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                self.push(operator);
            }
            self.filter(part)?;
        }
        self.push(")");
        Ok(())
    }

    fn condition(&mut self, condition: &Condition) -> Result<(), StoreError> {
        match condition {
            Condition::Number { field, comparison, value } => self.number(*field, *comparison, *value),
            Condition::Mrr { comparison, amount } => {
                let bounds: Vec<(Currency, MinorBound)> = self
                    .currencies()?
                    .into_iter()
                    .map(|currency| (currency, amount.in_minor_units(*comparison, currency.minor_digits())))
                    .filter(|(_, bound)| *bound != MinorBound::Never)
                    .collect();
                self.mrr(&bounds);
            }
            Condition::Date { field, comparison, value } => {
                let range = value.range(*field, *comparison, self.context.now);
                self.date(*field, range);
            }
            Condition::Stage { equality, stage } => {
                self.push(&format!("stage {} ", equality_operator(*equality)));
                self.bind(stage.as_str().to_owned());
            }
            Condition::Band { equality, band } => {
                let range = self.context.bands.range(*band);
                self.open_health_today();
                self.push(match equality {
                    Equality::Is => "score BETWEEN ",
                    Equality::IsNot => "score NOT BETWEEN ",
                });
                self.bind(i64::from(range.from));
                self.push(" AND ");
                self.bind(i64::from(range.to));
                self.push(")");
            }
            Condition::Text { field, test, value } => self.text(*field, *test, value),
            Condition::Keyword { field: KeywordField::Plan, equality, value } => {
                self.push(&format!("lower(plan) {} lower(", equality_operator(*equality)));
                self.bind(value.clone());
                self.push(")");
            }
            Condition::Keyword { field: KeywordField::Tag, equality, value } => {
                // "Not tagged x", not "has some tag other than x".
                self.push(match equality {
                    Equality::Is => "accounts.id IN ",
                    Equality::IsNot => "accounts.id NOT IN ",
                });
                self.push("(SELECT account_id FROM account_tags WHERE lower(tag) = lower(");
                self.bind(value.clone());
                self.push("))");
            }
            Condition::Owner { equality, owner } => {
                let name = match owner {
                    Owner::Me => self.context.me.clone(),
                    Owner::Named(name) => name.clone(),
                };
                self.push(&format!("lower(owner) {} lower(", equality_operator(*equality)));
                self.bind(name);
                self.push(")");
            }
        }
        Ok(())
    }

    fn number(&mut self, field: NumberField, comparison: Comparison, value: i64) {
        let operator = sql_operator(comparison);
        match field {
            NumberField::Health => {
                self.open_health_today();
                self.push(&format!("score {operator} "));
                self.bind(value);
                self.push(")");
            }
            NumberField::Nps | NumberField::Csat => {
                // The latest answer is the one no later answer of its kind
                // follows (ties in time broken by id): standard SQL that reads
                // only `survey_responses_by_kind`, unlike a window function.
                let kind = if field == NumberField::Nps { SurveyKind::Nps } else { SurveyKind::Csat };
                let now = self.context.now.as_second();
                self.push("accounts.id IN (SELECT answer.account_id FROM survey_responses AS answer WHERE answer.kind = ");
                self.bind(kind.as_str().to_owned());
                self.push(" AND answer.responded_at <= ");
                self.bind(now);
                self.push(&format!(" AND answer.score {operator} "));
                self.bind(value);
                self.push(
                    " AND NOT EXISTS (SELECT 1 FROM survey_responses AS later \
                     WHERE later.kind = answer.kind AND later.account_id = answer.account_id \
                     AND later.responded_at >= answer.responded_at AND later.responded_at <= ",
                );
                self.bind(now);
                self.push(" AND (later.responded_at > answer.responded_at OR later.id > answer.id)))");
            }
            NumberField::OpenTickets | NumberField::UrgentTickets => {
                // Accounts without an open ticket have no row to count: when
                // zero matches, take every account but those whose count fails.
                let zero_matches = comparison.holds(0, value);
                self.push(if zero_matches { "accounts.id NOT IN " } else { "accounts.id IN " });
                // Written as the partial index `tickets_open_by_account` is, so
                // SQLite uses it; the words are the model's, not the user's.
                self.push(&format!(
                    "(SELECT account_id FROM tickets WHERE status NOT IN ('{}', '{}')",
                    TicketStatus::Solved.as_str(),
                    TicketStatus::Closed.as_str()
                ));
                if field == NumberField::UrgentTickets {
                    self.push(&format!(" AND priority = '{}'", TicketPriority::Urgent.as_str()));
                }
                self.push(" GROUP BY account_id HAVING ");
                self.push(if zero_matches { "NOT " } else { "" });
                self.push(&format!("count(*) {operator} "));
                self.bind(value);
                self.push(")");
            }
        }
    }

    /// One test per currency accounts are billed in, since the same amount
    /// is a different number of minor units in yen and in euros.
    fn mrr(&mut self, bounds: &[(Currency, MinorBound)]) {
        if bounds.is_empty() {
            self.push("FALSE");
        }
        for (index, (currency, bound)) in bounds.iter().enumerate() {
            self.push(if index == 0 { "(mrr_currency = " } else { " OR (mrr_currency = " });
            self.bind(currency.code().to_owned());
            if let MinorBound::Compare(comparison, minor) = bound {
                self.push(&format!(" AND mrr_minor {} ", sql_operator(*comparison)));
                self.bind(*minor);
            }
            self.push(")");
        }
    }

    fn text(&mut self, field: TextField, test: TextTest, value: &str) {
        let column = match field {
            TextField::Name => "name_sort_key",
            TextField::Domain => "domain",
        };
        let folded = value.to_lowercase();
        match test {
            TextTest::Contains => {
                self.push(&format!("{column} LIKE "));
                self.bind(format!("%{}%", escape_like(&folded)));
                self.push(" ESCAPE '\\'");
            }
            TextTest::Is => {
                self.push(&format!("{column} = "));
                self.bind(folded);
            }
            TextTest::IsNot => {
                self.push(&format!("{column} <> "));
                self.bind(folded);
            }
        }
    }

    /// Opens `accounts.id IN (SELECT account_id FROM health_snapshots WHERE
    /// <the latest day up to today> AND `, for the caller to finish with a
    /// test of `score` and a closing parenthesis.
    fn open_health_today(&mut self) {
        self.push(
            "accounts.id IN (SELECT account_id FROM health_snapshots \
             WHERE day = (SELECT max(day) FROM health_snapshots WHERE day <= ",
        );
        self.bind(stored_day(utc_date(self.context.now)));
        self.push(") AND ");
    }

    fn date(&mut self, field: DateField, range: DateRange) {
        match field {
            DateField::Renewal => {
                self.push("renewal_date IS NOT NULL AND ");
                self.range("renewal_date", field.scale(), range);
            }
            DateField::Created => self.range("created_at", field.scale(), range),
            DateField::LastContact => {
                self.push("accounts.id IN (SELECT account_id FROM contacts WHERE last_seen_at <= ");
                self.bind(self.context.now.as_second());
                self.push(" GROUP BY account_id HAVING ");
                self.range("max(last_seen_at)", field.scale(), range);
                self.push(")");
            }
            DateField::LastLogin => self.latest_login(range),
        }
    }

    /// The latest login day up to today lies in `range`: "a login on or
    /// after its start (or any login), and none on or after its end". Each
    /// part is a range of days in `usage_logins_by_day` (or one seek per
    /// account), where grouping every usage snapshot by account took 180 ms
    /// on 100k accounts.
    fn latest_login(&mut self, range: DateRange) {
        let today = stored_day(utc_date(self.context.now));
        if !range.inside {
            self.any_login(&today);
            self.push(" AND NOT ");
        }
        self.push("(");
        match range.start.map(day_bound) {
            Some(Bound::Value(start)) => self.login_since(start, &today),
            Some(Bound::AfterLast) => self.push("FALSE"),
            Some(Bound::BeforeFirst) | None => self.any_login(&today),
        }
        match range.end.map(day_bound) {
            Some(Bound::Value(end)) => {
                self.push(" AND NOT ");
                self.login_since(end, &today);
            }
            Some(Bound::BeforeFirst) => self.push(" AND FALSE"),
            Some(Bound::AfterLast) | None => {}
        }
        self.push(")");
    }

    fn any_login(&mut self, today: &str) {
        self.push(
            "EXISTS (SELECT 1 FROM usage_snapshots WHERE account_id = accounts.id AND logins > 0 AND day <= ",
        );
        self.bind(today.to_owned());
        self.push(")");
    }

    /// `logins > 0` is written out, not bound, so that SQLite sees the
    /// partial index applies.
    fn login_since(&mut self, start: Value, today: &str) {
        self.push("accounts.id IN (SELECT account_id FROM usage_snapshots WHERE logins > 0 AND day >= ");
        self.bind(start);
        self.push(" AND day <= ");
        self.bind(today.to_owned());
        self.push(")");
    }

    /// `start <= expression < end`, or its negation, on the field's scale.
    fn range(&mut self, expression: &str, scale: DateScale, range: DateRange) {
        let bound = |value: i64| match scale {
            DateScale::Seconds => Bound::Value(Value::Integer(value)),
            DateScale::Days => day_bound(value),
        };
        let mut tests: Vec<(&str, Value)> = Vec::new();
        let mut empty = false;
        match range.start.map(bound) {
            Some(Bound::Value(value)) => tests.push((">=", value)),
            Some(Bound::AfterLast) => empty = true,
            Some(Bound::BeforeFirst) | None => {}
        }
        match range.end.map(bound) {
            Some(Bound::Value(value)) => tests.push(("<", value)),
            Some(Bound::BeforeFirst) => empty = true,
            Some(Bound::AfterLast) | None => {}
        }
        if !range.inside {
            self.push("NOT ");
        }
        if empty {
            self.push("(FALSE)");
            return;
        }
        if tests.is_empty() {
            self.push("(TRUE)");
            return;
        }
        self.push("(");
        for (index, (operator, value)) in tests.into_iter().enumerate() {
            if index > 0 {
                self.push(" AND ");
            }
            self.push(&format!("{expression} {operator} "));
            self.bind(value);
        }
        self.push(")");
    }

    /// The currencies accounts are billed in, read once per clause.
    fn currencies(&mut self) -> Result<Vec<Currency>, StoreError> {
        if let Some(currencies) = &self.currencies {
            return Ok(currencies.clone());
        }
        let codes: Vec<String> =
            self.store.read_all("SELECT DISTINCT mrr_currency FROM accounts", [], |row| Ok(row.get(0)?))?;
        // A code that is no currency is reported when its account is read;
        // here it matches no amount.
        let currencies: Vec<Currency> = codes.iter().filter_map(|code| code.parse().ok()).collect();
        self.currencies = Some(currencies.clone());
        Ok(currencies)
    }
}

/// A bound of a range of days, as stored text, or beyond the days a stored
/// date can be (years 0–9999) on either side.
enum Bound {
    Value(Value),
    BeforeFirst,
    AfterLast,
}

fn day_bound(epoch: i64) -> Bound {
    let unix_epoch = Date::constant(1970, 1, 1);
    match Span::new().try_days(epoch).and_then(|days| unix_epoch.checked_add(days)) {
        Ok(day) if day.year() >= 0 => Bound::Value(Value::Text(stored_day(day))),
        Ok(_) => Bound::BeforeFirst,
        Err(_) if epoch < 0 => Bound::BeforeFirst,
        Err(_) => Bound::AfterLast,
    }
}

/// A day's stored form, 'YYYY-MM-DD', as the store's codec writes it.
fn stored_day(day: Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

fn sql_operator(comparison: Comparison) -> &'static str {
    match comparison {
        Comparison::Less => "<",
        Comparison::LessOrEqual => "<=",
        Comparison::Greater => ">",
        Comparison::GreaterOrEqual => ">=",
        Comparison::Equal => "=",
        Comparison::NotEqual => "<>",
    }
}

fn equality_operator(equality: Equality) -> &'static str {
    match equality {
        Equality::Is => "=",
        Equality::IsNot => "<>",
    }
}

/// `%`, `_` and the escape character itself match literally.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::epoch_day;

    fn text_of(bound: Bound) -> Option<String> {
        match bound {
            Bound::Value(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    #[test]
    fn day_bounds_are_stored_days_or_beyond_them() {
        let day = |text: &str| epoch_day(text.parse().unwrap());
        assert_eq!(text_of(day_bound(day("0987-03-09"))).as_deref(), Some("0987-03-09"));
        assert_eq!(text_of(day_bound(day("9999-12-31"))).as_deref(), Some("9999-12-31"));
        assert_eq!(text_of(day_bound(day("0000-01-01"))).as_deref(), Some("0000-01-01"));
        assert!(matches!(day_bound(day("9999-12-31") + 1), Bound::AfterLast));
        assert!(matches!(day_bound(day("0000-01-01") - 1), Bound::BeforeFirst));
        assert!(matches!(day_bound(i64::MIN), Bound::BeforeFirst));
        assert!(matches!(day_bound(i64::MAX), Bound::AfterLast));
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like(r"100%_a\b"), r"100\%\_a\\b");
        assert_eq!(escape_like("plain"), "plain");
    }
}
