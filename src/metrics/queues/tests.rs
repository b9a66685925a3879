use super::record_queues::comparable_name;
use super::*;
use crate::model::{Currency, LifecycleStage, Money, SafeText};

fn summary(id: i64, name: &str, domain: &str, mrr: i64) -> AccountSummary {
    AccountSummary {
        id: AccountId(id),
        name: SafeText::line(name, crate::model::FieldCap::NAME),
        domain: SafeText::line(domain, crate::model::FieldCap::TOKEN),
        stage: LifecycleStage::Retention,
        plan: SafeText::default(),
        mrr: Money::new(mrr, Currency::USD),
        renewal_date: None,
        owner: SafeText::default(),
    }
}

#[test]
fn company_suffixes_are_left_out_of_names() {
    assert_eq!(comparable_name("Acme GmbH"), "acme");
    assert_eq!(comparable_name("ACME, Inc."), "acme");
    assert_eq!(comparable_name("Acme Sp. z o.o."), "acme");
    assert_eq!(comparable_name("Rossi S.r.l."), "rossi");
    assert_eq!(comparable_name("Acme Co. KG"), "acme");
    // A name that is nothing but a suffix keeps it.
    assert_eq!(comparable_name("Inc."), "inc");
}

#[test]
fn duplicates_point_at_the_first_other_account() {
    let summaries = [
        summary(1, "Acme GmbH", "acme.de", 100),
        summary(2, "ACME Inc.", "acme.com", 50),
        summary(3, "Globex", "acme.de", 10),
        summary(4, "Initech", "initech.com", 10),
    ];
    let facts = Facts::default();
    let inputs = QueueInputs {
        facts: &facts,
        summaries: &summaries,
        health: &HealthModel::default(),
        risk: &RiskModel::default(),
        tickets_due: &[],
        my_tasks: &[],
    };
    let rows = queue_rows(QueueKind::Duplicates, &inputs, QueueSort::Urgency, Timestamp::UNIX_EPOCH);
    let reasons: Vec<(i64, &str)> = rows.iter().map(|row| (row.account.id.0, row.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (1, "same domain as #3 Globex"),
            (2, "same name as #1 Acme GmbH"),
            (3, "same domain as #1 Acme GmbH")
        ],
        "one group, by MRR within it"
    );
}

#[test]
fn sorting_by_mrr_and_name_breaks_ties_by_id() {
    let mut rows: Vec<QueueRow> = [summary(2, "b", "", 5), summary(1, "B", "", 5), summary(3, "a", "", 9)]
        .into_iter()
        .map(|account| QueueRow { account, reason: String::new(), sort_key: 0 })
        .collect();
    sort_rows(&mut rows, QueueSort::Mrr);
    assert_eq!(rows.iter().map(|row| row.account.id.0).collect::<Vec<_>>(), [3, 1, 2]);
    sort_rows(&mut rows, QueueSort::Name);
    assert_eq!(rows.iter().map(|row| row.account.id.0).collect::<Vec<_>>(), [3, 1, 2]);
}

#[test]
fn durations_read_in_their_largest_unit() {
    assert_eq!(super::record_queues::duration_text(59 * 60), "59 min");
    assert_eq!(super::record_queues::duration_text(5 * 3_600 + 10), "5 h");
    assert_eq!(super::record_queues::duration_text(3 * 86_400), "3 days");
}
