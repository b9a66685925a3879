//! The rows behind [`Facts`](crate::metrics::Facts): for each kind, a SELECT
//! of its numeric and vocabulary columns only (no text but the owner and
//! plan that breakdowns group by), the decoder of its rows, and the order `Facts::sort` documents.
//!
//! The SELECTs have no ORDER BY: scanning a table in id order and sorting in
//! memory stays fast whatever order the rows were written in, while walking
//! an (account, time) index costs a random row lookup each once a workspace
//! was filled by sync rather than account by account.

use std::time::Instant;

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{Connection, Params, Row};

use super::StoreError;
use super::reading::Decode;
use super::row_reader::{RowKey, RowReader};
use crate::metrics::{
    AccountFact, ContactFact, FactTime, HealthPoint, MrrChange, PurchaseFact, StageFact, SurveyFact,
    TaskFact, TicketFact, UsageFact,
};
use crate::model::{AccountId, FieldCap, SurveyAnswer, SurveyKind};

/// One kind of fact: how to read it.
pub(super) struct FactQuery<T> {
    kind: &'static str,
    sql: &'static str,
    /// The column that names the account, for reading one account's rows.
    account_column: &'static str,
    decode: Decode<T>,
}

/// How `Facts::sort` orders a kind: by account, then by `then`.
pub(super) trait FactOrder: Clone {
    type Then: Ord;
    fn account(&self) -> AccountId;
    fn then(&self) -> Self::Then;
}

macro_rules! fact_order {
    ($($fact:ty => |$row:ident| $then:expr, $then_type:ty;)+) => {$(
        impl FactOrder for $fact {
            type Then = $then_type;
            fn account(&self) -> AccountId {
                self.account
            }
            fn then(&self) -> $then_type {
                let $row = self;
                $then
            }
        }
    )+};
}

fact_order! {
    AccountFact => |_fact| (), ();
    TicketFact => |fact| fact.created_at, FactTime;
    SurveyFact => |fact| fact.at, FactTime;
    UsageFact => |fact| fact.day, Date;
    ContactFact => |_fact| (), ();
    TaskFact => |fact| fact.due, Option<Date>;
    PurchaseFact => |fact| fact.at, Timestamp;
    MrrChange => |fact| fact.at, Timestamp;
    StageFact => |fact| fact.at, FactTime;
    HealthPoint => |fact| fact.day, Date;
}

pub(super) const ACCOUNTS: FactQuery<AccountFact> = FactQuery {
    kind: "accounts",
    sql: "SELECT id, stage, mrr_minor, mrr_currency, renewal_date, created_at, owner, plan FROM accounts",
    account_column: "id",
    decode: decode_account,
};

pub(super) const TICKETS: FactQuery<TicketFact> = FactQuery {
    kind: "tickets",
    sql: "SELECT id, account_id, status, priority, created_at, solved_at, sla_due_at, satisfaction, \
          first_reply_at FROM tickets",
    account_column: "account_id",
    decode: decode_ticket,
};

pub(super) const SURVEYS: FactQuery<SurveyFact> = FactQuery {
    kind: "surveys",
    sql: "SELECT id, account_id, kind, score, responded_at, loop_closed_at IS NOT NULL, \
          ticket_id IS NOT NULL FROM survey_responses",
    account_column: "account_id",
    decode: decode_survey,
};

pub(super) const USAGE: FactQuery<UsageFact> = FactQuery {
    kind: "usage",
    sql: "SELECT account_id, day, active_users, seats, logins, key_feature_uses FROM usage_snapshots",
    account_column: "account_id",
    decode: decode_usage,
};

pub(super) const CONTACTS: FactQuery<ContactFact> = FactQuery {
    kind: "contacts",
    sql: "SELECT id, account_id, champion, last_seen_at FROM contacts",
    account_column: "account_id",
    decode: decode_contact,
};

pub(super) const TASKS: FactQuery<TaskFact> = FactQuery {
    kind: "tasks",
    sql: "SELECT id, account_id, status, due, playbook = 'onboarding' FROM tasks",
    account_column: "account_id",
    decode: decode_task,
};

pub(super) const PURCHASES: FactQuery<PurchaseFact> = FactQuery {
    kind: "purchases",
    sql: "SELECT id, account_id, purchased_at, amount_minor, cost_minor FROM purchases",
    account_column: "account_id",
    decode: decode_purchase,
};

pub(super) const MRR_CHANGES: FactQuery<MrrChange> = FactQuery {
    kind: "mrr changes",
    sql: "SELECT id, account_id, changed_at, mrr_minor FROM mrr_changes",
    account_column: "account_id",
    decode: decode_mrr_change,
};

pub(super) const STAGE_CHANGES: FactQuery<StageFact> = FactQuery {
    kind: "stage changes",
    sql: "SELECT id, account_id, from_stage, to_stage, changed_at FROM stage_changes",
    account_column: "account_id",
    decode: decode_stage_change,
};

/// The scores of the last snapshot day at or before ?1.
pub(super) const HEALTH_COMPARED: FactQuery<HealthPoint> = FactQuery {
    kind: "health",
    sql: "SELECT account_id, day, score FROM health_snapshots \
          WHERE day = (SELECT max(day) FROM health_snapshots WHERE day <= ?1)",
    account_column: "account_id",
    decode: decode_health,
};

impl<T: FactOrder> FactQuery<T> {
    /// One account's rows, in the same order as [`FactQuery::read`]; the
    /// account's id is the last parameter.
    pub(super) fn read_account(
        &self,
        connection: &Connection,
        params: impl Params,
    ) -> Result<Vec<T>, StoreError> {
        let joiner = if self.sql.contains(" WHERE ") { "AND" } else { "WHERE" };
        let parameter = self.sql.matches('?').count() + 1;
        let sql = format!("{} {joiner} {} = ?{parameter}", self.sql, self.account_column);
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query(params)?;
        let mut facts = Vec::new();
        while let Some(row) = rows.next()? {
            facts.push((self.decode)(row)?);
        }
        Ok(sorted(facts))
    }

    /// Every row of the query, by account and then by `then`; rows of equal
    /// keys keep the order they were read in, as `Facts::sort`'s stable sort
    /// would.
    pub(super) fn read(&self, connection: &Connection, params: impl Params) -> Result<Vec<T>, StoreError> {
        let started = Instant::now();
        let mut statement = connection.prepare_cached(self.sql)?;
        let mut rows = statement.query(params)?;
        let mut facts = Vec::new();
        while let Some(row) = rows.next()? {
            facts.push((self.decode)(row)?);
        }
        let read = started.elapsed();
        let facts = sorted(facts);
        tracing::debug!(
            kind = self.kind,
            rows = facts.len(),
            read_ms = read.as_secs_f64() * 1e3,
            sort_ms = (started.elapsed() - read).as_secs_f64() * 1e3,
            "loaded facts"
        );
        Ok(facts)
    }
}

/// `rows` in their kind's order. Account ids are row ids, a dense range, so
/// a counting sort finds every row's place in account order in two passes,
/// keeping read order within an account; a sparse range (ids edited by
/// hand) falls back to sorting (key, position) pairs. Then each account's
/// few rows are sorted by `then`, in place.
fn sorted<T: FactOrder>(mut rows: Vec<T>) -> Vec<T> {
    if rows.is_sorted_by_key(|row| (row.account(), row.then())) {
        return rows;
    }
    // A workspace filled account by account needs the second step only.
    if !rows.is_sorted_by_key(T::account) {
        let sources = match account_span(&rows) {
            Some((lowest, span)) => account_order(&rows, lowest, span),
            None => key_order(&rows),
        };
        // Copying each row to a new vector reads in any order but writes in
        // sequence: three times faster on 2.9M health scores than swapping
        // the rows into place, one dependent cache miss after another.
        rows = sources.into_iter().map(|source| rows[source].clone()).collect();
    }
    for same_account in rows.chunk_by_mut(|a, b| a.account() == b.account()) {
        if !same_account.is_sorted_by_key(T::then) {
            same_account.sort_by_key(T::then);
        }
    }
    rows
}

/// The lowest account id of `rows` and how many ids from it to the highest,
/// if that is few enough to count them in an array: not many more than the
/// rows themselves.
fn account_span<T: FactOrder>(rows: &[T]) -> Option<(i64, usize)> {
    let (lowest, highest) = rows.iter().fold((i64::MAX, i64::MIN), |(lowest, highest), row| {
        (lowest.min(row.account().0), highest.max(row.account().0))
    });
    let span = usize::try_from(highest.checked_sub(lowest)?).ok()?.checked_add(1)?;
    (span <= 2 * rows.len() + 65_536).then_some((lowest, span))
}

/// The positions of `rows` in account order, stable: a counting sort over
/// the `span` account ids from `lowest`.
fn account_order<T: FactOrder>(rows: &[T], lowest: i64, span: usize) -> Vec<usize> {
    // Every id lies in lowest..lowest + span, so the offset fits a usize.
    let offset = |row: &T| (row.account().0 - lowest) as usize;
    let mut next_slot = vec![0usize; span];
    for row in rows {
        next_slot[offset(row)] += 1;
    }
    let mut rows_before = 0;
    for slot in &mut next_slot {
        let count = *slot;
        *slot = rows_before;
        rows_before += count;
    }
    let mut order = vec![0; rows.len()];
    for (position, row) in rows.iter().enumerate() {
        let slot = &mut next_slot[offset(row)];
        order[*slot] = position;
        *slot += 1;
    }
    order
}

/// The positions of `rows` sorted by account and `then`, stable. Sorting
/// (key, position) pairs moves far less than sorting the rows, and the
/// positions make every pair distinct, so the unstable sort keeps equal keys
/// in read order.
fn key_order<T: FactOrder>(rows: &[T]) -> Vec<usize> {
    let mut pairs: Vec<((AccountId, T::Then), usize)> =
        rows.iter().map(|row| (row.account(), row.then())).zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, position)| position).collect()
}

fn decode_account(row: &Row<'_>) -> Result<AccountFact, StoreError> {
    let reader = RowReader::new(row, "accounts", RowKey::Id);
    Ok(AccountFact {
        account: AccountId(reader.int(0, "id")?),
        stage: reader.word(1, "stage")?,
        mrr: reader.money(2, "mrr")?,
        renewal_date: reader.opt_day(4, "renewal_date")?,
        created_at: reader.instant(5, "created_at")?,
        owner: reader.line(6, "owner", FieldCap::NAME)?,
        plan: reader.line(7, "plan", FieldCap::NAME)?,
    })
}

fn decode_ticket(row: &Row<'_>) -> Result<TicketFact, StoreError> {
    let reader = RowReader::new(row, "tickets", RowKey::Id);
    Ok(TicketFact {
        account: AccountId(reader.int(1, "account_id")?),
        status: reader.word(2, "status")?,
        priority: reader.word(3, "priority")?,
        created_at: reader.instant(4, "created_at")?.into(),
        solved_at: reader.opt_instant(5, "solved_at")?.map(FactTime::from),
        sla_due_at: reader.opt_instant(6, "sla_due_at")?.map(FactTime::from),
        satisfaction: reader.opt_word(7, "satisfaction")?,
        first_reply_at: reader.opt_instant(8, "first_reply_at")?.map(FactTime::from),
    })
}

fn decode_stage_change(row: &Row<'_>) -> Result<StageFact, StoreError> {
    let reader = RowReader::new(row, "stage_changes", RowKey::Id);
    Ok(StageFact {
        account: AccountId(reader.int(1, "account_id")?),
        from: reader.opt_word(2, "from_stage")?,
        to: reader.word(3, "to_stage")?,
        at: reader.instant(4, "changed_at")?.into(),
    })
}

fn decode_survey(row: &Row<'_>) -> Result<SurveyFact, StoreError> {
    let reader = RowReader::new(row, "survey_responses", RowKey::Id);
    let kind: SurveyKind = reader.word(2, "kind")?;
    let answer = SurveyAnswer::new(kind, reader.int(3, "score")?)
        .map_err(|error| reader.bad("score", error.to_string()))?;
    Ok(SurveyFact {
        account: AccountId(reader.int(1, "account_id")?),
        answer,
        at: reader.instant(4, "responded_at")?.into(),
        loop_closed: reader.flag(5, "loop_closed_at")?,
        on_ticket: reader.flag(6, "ticket_id")?,
    })
}

fn decode_usage(row: &Row<'_>) -> Result<UsageFact, StoreError> {
    let reader = RowReader::new(row, "usage_snapshots", RowKey::AccountAndDay);
    Ok(UsageFact {
        account: AccountId(reader.int(0, "account_id")?),
        day: reader.day(1, "day")?,
        active_users: reader.count(2, "active_users")?,
        seats: reader.count(3, "seats")?,
        logins: reader.count(4, "logins")?,
        key_feature_uses: reader.count(5, "key_feature_uses")?,
    })
}

fn decode_contact(row: &Row<'_>) -> Result<ContactFact, StoreError> {
    let reader = RowReader::new(row, "contacts", RowKey::Id);
    Ok(ContactFact {
        account: AccountId(reader.int(1, "account_id")?),
        champion: reader.flag(2, "champion")?,
        last_seen_at: reader.opt_instant(3, "last_seen_at")?.map(FactTime::from),
    })
}

fn decode_task(row: &Row<'_>) -> Result<TaskFact, StoreError> {
    let reader = RowReader::new(row, "tasks", RowKey::Id);
    Ok(TaskFact {
        account: AccountId(reader.int(1, "account_id")?),
        status: reader.word(2, "status")?,
        due: reader.opt_day(3, "due")?,
        onboarding: reader.flag(4, "playbook")?,
    })
}

fn decode_purchase(row: &Row<'_>) -> Result<PurchaseFact, StoreError> {
    let reader = RowReader::new(row, "purchases", RowKey::Id);
    Ok(PurchaseFact {
        account: AccountId(reader.int(1, "account_id")?),
        at: reader.instant(2, "purchased_at")?,
        amount_minor: reader.int(3, "amount_minor")?,
        cost_minor: reader.int(4, "cost_minor")?,
    })
}

fn decode_mrr_change(row: &Row<'_>) -> Result<MrrChange, StoreError> {
    let reader = RowReader::new(row, "mrr_changes", RowKey::Id);
    Ok(MrrChange {
        account: AccountId(reader.int(1, "account_id")?),
        at: reader.instant(2, "changed_at")?,
        mrr_minor: reader.int(3, "mrr_minor")?,
    })
}

fn decode_health(row: &Row<'_>) -> Result<HealthPoint, StoreError> {
    let reader = RowReader::new(row, "health_snapshots", RowKey::AccountAndDay);
    Ok(HealthPoint {
        account: AccountId(reader.int(0, "account_id")?),
        day: reader.day(1, "day")?,
        score: reader.score(2, "score")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(account: i64, second: i64, mrr_minor: i64) -> MrrChange {
        MrrChange { account: AccountId(account), at: Timestamp::from_second(second).unwrap(), mrr_minor }
    }

    /// What `Facts::sort` would give: a stable sort by account and time.
    fn stably_sorted(rows: &[MrrChange]) -> Vec<MrrChange> {
        let mut rows = rows.to_vec();
        rows.sort_by_key(|row| (row.account, row.at));
        rows
    }

    #[test]
    fn rows_in_any_order_come_out_as_a_stable_sort_would_give_them() {
        // Equal keys (account 2 at second 5) tell apart by their amounts.
        let rows = [
            change(3, 1, 0),
            change(2, 5, 1),
            change(1, 9, 0),
            change(2, 5, 2),
            change(1, 2, 0),
            change(2, 0, 0),
            change(2, 5, 3),
        ];
        assert_eq!(sorted(rows.to_vec()), stably_sorted(&rows));
    }

    #[test]
    fn rows_already_grouped_by_account_are_sorted_within_each() {
        let rows = [change(1, 9, 0), change(1, 2, 0), change(4, 7, 1), change(4, 7, 2), change(4, 3, 0)];
        assert_eq!(sorted(rows.to_vec()), stably_sorted(&rows));
    }

    #[test]
    fn sparse_account_ids_fall_back_to_a_comparison_sort() {
        let rows = [change(1_000_000_000_000, 1, 0), change(-5, 3, 1), change(7, 2, 0), change(-5, 3, 2)];
        assert_eq!(account_span(&rows), None);
        assert_eq!(sorted(rows.to_vec()), stably_sorted(&rows));
        assert_eq!(account_span(&[change(i64::MIN, 0, 0), change(i64::MAX, 0, 0)]), None);
        assert_eq!(account_span(&[change(3, 0, 0), change(5, 0, 0)]), Some((3, 3)));
    }

    #[test]
    fn no_rows_and_one_row_stay_as_they_are() {
        assert_eq!(sorted(Vec::<MrrChange>::new()), []);
        assert_eq!(sorted(vec![change(1, 1, 1)]), [change(1, 1, 1)]);
    }
}
